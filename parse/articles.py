"""Blocks of one article → an `Article`: paragraphs (款), items （一） with
sub-items, bold spans and where it came from."""

from __future__ import annotations

from dataclasses import dataclass

from tiaokuan.model import Article, Item, Span
from tiaokuan.text.labels import ItemFamily, close_cjk_gaps, item_label

from .layout import Block


@dataclass(frozen=True, slots=True)
class Piece:
    """A block as part of an article: its text and whether it is an item."""

    block: Block
    text: str  # block text with the article label (for the first block) removed
    bold: tuple[Span, ...]
    item: bool = False
    inferred_item: bool = False


def strip_prefix(block: Block, cut: int) -> tuple[str, tuple[Span, ...]]:
    """Block text from offset `cut` on, leading whitespace dropped, bold spans moved along."""
    rest = block.text[cut:]
    lead = len(rest) - len(rest.lstrip())
    start = cut + lead
    bold = tuple(
        Span(max(s.start, start) - start, s.end - start) for s in block.bold if s.end > start
    )
    return block.text[start:], bold


def _family_levels(pieces: list[Piece]) -> dict[ItemFamily, int]:
    """Nesting level of each label family, by order of first appearance in the article."""
    levels: dict[ItemFamily, int] = {}
    for p in pieces:
        if p.item:
            found = item_label(p.text)
            if found and found[0] not in levels:
                levels[found[0]] = len(levels)
    return levels


def build_article(
    number: int | None,
    label: str | None,
    inferred: bool,
    pieces: list[Piece],
) -> Article:
    """Assemble an article; paragraphs are joined by newlines into `text`."""
    levels = _family_levels(pieces)
    paragraphs: list[list[Piece]] = []
    for p in pieces:
        if p.item and paragraphs:
            paragraphs[-1].append(p)
        else:
            paragraphs.append([p])
    texts: list[str] = []
    bold: list[Span] = []
    offset = 0
    items: list[Item] = []
    for para_index, para in enumerate(paragraphs):
        para_texts = []
        for p in para:
            if texts or para_texts:
                offset += 1  # the newline before this block
            text, spans = close_cjk_gaps(p.text, p.bold)
            bold.extend(Span(s.start + offset, s.end + offset) for s in spans)
            para_texts.append(text)
            offset += len(text)
        texts.append("\n".join(para_texts))
        items.extend(_items_of(para, para_index, levels))
    blocks = [p.block for p in pieces]
    pages = tuple(sorted({pg for b in blocks for pg in b.pages}))
    boxes = tuple(bx for b in blocks for bx in b.boxes)
    elements = tuple(dict.fromkeys(line.element for b in blocks for line in b.lines if line.element))
    return Article(
        number=number,
        label=label,
        text="\n".join(texts),
        number_inferred=inferred,
        pages=pages,
        paragraphs=tuple(texts),
        items=tuple(items),
        lines=(blocks[0].first, blocks[-1].last),
        boxes=boxes,
        elements=elements,
        bold=tuple(bold),
        ocr_confidence=ocr_confidence(blocks),
    )


def ocr_confidence(blocks: list[Block]) -> float | None:
    """Mean confidence over the OCR'd characters of some blocks (lines weighted by
    their length); None when none of their lines was OCR'd."""
    total = weight = 0.0
    for block in blocks:
        for line in block.lines:
            if line.confidence is not None:
                n = max(1, len(line.text))
                total += line.confidence * n
                weight += n
    return round(total / weight, 4) if weight else None


def _items_of(para: list[Piece], para_index: int, levels: dict[ItemFamily, int]) -> list[Item]:
    """Items of one paragraph, sub-items nested under the item before them."""
    top: list[tuple[str | None, str, bool, list[Item]]] = []
    for p in para:
        if not p.item:
            continue
        found = item_label(p.text)
        if found is None:
            # A label lost in conversion: the item is known by its place in a list.
            if top and not p.inferred_item:
                continue
            top.append((None, close_cjk_gaps(p.text)[0], True, []))
            continue
        family, lab = found
        text = close_cjk_gaps(p.text[lab.end :].lstrip())[0]
        if levels.get(family, 0) > 0 and top:
            top[-1][3].append(Item(lab.text, text, para_index))
        else:
            top.append((lab.text, text, False, []))
    return [
        Item(label, text, para_index, tuple(subs), label_inferred=inferred)
        for label, text, inferred, subs in top
    ]
