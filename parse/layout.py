"""Layout clean-up: running headers and footers out, hard-wrapped lines joined into
paragraphs ("blocks"), article starts hidden behind tabs or line separators split off.

Every stage here is pure: lines in, lines or blocks out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum

from rapidfuzz import process
from rapidfuzz.distance import Indel

from tiaokuan.model import Box, Span
from tiaokuan.text.labels import article_label, item_label, squash

from .headings import classify, is_part_heading
from .lines import Hint, Line, TableLine
from .metadata import is_registration_line, is_title_line

# Footers that are layout wherever they stand.
_FOOTER_ANYWHERE = re.compile(
    r"^(第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页"
    r"|共\s*\d+\s*页\s*[/／,，]?\s*第\s*\d+\s*页"
    r"|第\s*\d+\s*页"
    r"|page\s*\d+(\s*of\s*\d+)?"
    r"|PAGE(\s*\d+)?|NUMPAGES(\s*\d+)?)$",
    re.IGNORECASE,
)
# Bare page numbers: layout only at a page's top or bottom edge, never in the
# middle of a page where a flattened rate table may hold the same shapes.
_FOOTER_AT_EDGE = re.compile(r"^([-—–－]\s*)?\d{1,4}(\s*[-—–－])?$|^\d{1,4}\s*[/／]\s*\d{1,4}$")
EDGE_LINES = 2


class JoinMode(StrEnum):
    """How to tell a hard line break from a paragraph end."""

    WRAPPED = "wrapped"  # text hard-wrapped at a page width (PDF-derived text)
    GEOMETRY = "geometry"  # PDF lines with margins and indents known
    PARAGRAPHS = "paragraphs"  # one paragraph per line, blank lines between (Markdown)
    EXACT = "exact"  # Word paragraphs: never joined


@dataclass(frozen=True, slots=True)
class Block:
    """A logical paragraph: one or more printed lines joined."""

    text: str
    lines: tuple[Line, ...]
    bold: tuple[Span, ...] = ()
    table: TableLine | None = None

    @property
    def hint(self) -> Hint:
        return self.lines[0].hint if self.lines else Hint.NONE

    @property
    def first(self) -> int:
        return self.table.number if self.table else self.lines[0].number

    @property
    def last(self) -> int:
        return self.table.number if self.table else self.lines[-1].number

    @property
    def page(self) -> int:
        return self.table.page if self.table else self.lines[0].page

    @property
    def pages(self) -> tuple[int, ...]:
        if self.table:
            return self.table.pages or (self.table.page,)
        return tuple(sorted({ln.page for ln in self.lines}))

    @property
    def boxes(self) -> tuple[Box, ...]:
        if self.table:
            return (self.table.box,) if self.table.box else ()
        return tuple(ln.box for ln in self.lines if ln.box is not None)


def _page_key(text: str) -> str:
    return re.sub(r"\d+", "#", squash(text))


def _running_key(line: Line, seen: Counter[str]) -> str:
    """The key a running header or footer is counted under. A line read by OCR
    takes the key of a near-identical one already seen, so one misread character
    (第1顶/共5页) does not make a page's footer look different from the others'."""
    key = _page_key(line.text)
    if line.confidence is None or key in seen or len(key) < 6:
        return key
    best = process.extractOne(key, list(seen), scorer=Indel.normalized_similarity, score_cutoff=0.8)
    return best[0] if best else key


def _where_page_numbers_stand(line: Line, footers: list[Line | TableLine]) -> bool:
    """An OCR'd scrap of at most four characters in the margin band, on the
    spot where a page number was removed from another page (the detector often
    misses a lone digit, so one other page is all there may be)."""
    if line.confidence is None or line.box is None or line.edge is not True or len(line.text.strip()) > 4:
        return False
    mid = (line.box.x0 + line.box.x1) / 2
    same_spot = {
        f.page
        for f in footers
        if isinstance(f, Line) and f.box is not None and f.page != line.page and _FOOTER_AT_EDGE.match(f.text.strip())
        and abs((f.box.x0 + f.box.x1) / 2 - mid) < 12 and abs(f.box.top - line.box.top) < 12
    }
    return bool(same_spot)


def strip_running_text(
    lines: list[Line | TableLine], paged: bool
) -> tuple[list[Line | TableLine], list[tuple[int, str]]]:
    """Lines without running headers, footers and page numbers, and what was removed.

    Headers are found by repetition across pages and footers by their shape, both
    only among the first and last lines of a page (and, for PDFs, only inside the
    top or bottom margin band), because producers put them at either end.
    """
    removed: list[tuple[int, str]] = []
    pages: dict[int, list[int]] = {}
    for idx, ln in enumerate(lines):
        if isinstance(ln, Line):
            pages.setdefault(ln.page, []).append(idx)
    edge_ids: set[int] = set()
    for ids in pages.values():
        edge_ids.update(ids[:EDGE_LINES])
        edge_ids.update(ids[-EDGE_LINES:])

    def at_edge(idx: int) -> bool:
        ln = lines[idx]
        return isinstance(ln, Line) and idx in edge_ids and ln.edge is not False

    drop: set[int] = set()
    for idx, ln in enumerate(lines):
        if not isinstance(ln, Line):
            continue
        text = ln.text.strip()
        if _FOOTER_ANYWHERE.match(text) or (paged and at_edge(idx) and _FOOTER_AT_EDGE.match(text)):
            drop.add(idx)
    # An OCR'd footer with one character misread (第1顶/共5页) is still the footer
    # the other pages carry, and a page number misread as a letter (5 read as D)
    # stands where the other pages' numbers stand.
    dropped = [lines[i] for i in sorted(drop)]
    footers: Counter[str] = Counter(_page_key(ln.text) for ln in dropped)
    for idx, ln in enumerate(lines):
        if isinstance(ln, Line) and idx not in drop and at_edge(idx):
            if _running_key(ln, footers) in footers or _where_page_numbers_stand(ln, dropped):
                drop.add(idx)
    if paged and len(pages) >= 2:
        seen: Counter[str] = Counter()
        keys_of: dict[int, str] = {}
        for ids in pages.values():
            for i in ids:
                if at_edge(i) and i not in drop:
                    keys_of[i] = _running_key(lines[i], seen)
            seen.update(k for k in {keys_of[i] for i in ids if i in keys_of} if len(k) >= 4)
        threshold = max(2, (len(pages) + 1) // 2)
        repeated = {k for k, n in seen.items() if n >= threshold}
        for ids in pages.values():
            used: set[str] = set()
            for i in ids:
                key = keys_of.get(i, "")
                if key in repeated and key not in used and at_edge(i) and i not in drop:
                    drop.add(i)
                    used.add(key)
    kept: list[Line | TableLine] = []
    for idx, ln in enumerate(lines):
        if idx in drop:
            removed.append((ln.page, ln.text))
        else:
            kept.append(ln)
    return kept, removed


_HIDDEN_START = re.compile(r"(?<=[。；;：:！？])[\s\u3000]+(?=第[零〇一二三四五六七八九十百\d]+条)")


def split_hidden_starts(lines: list[Line | TableLine]) -> list[Line | TableLine]:
    """Split a line where a tab or separator hides the start of the next article.

    Word manual line breaks and tabs can put "……费用。\\t第五条 ……" on one line;
    the label only opens a new article after a sentence end.
    """
    out: list[Line | TableLine] = []
    for ln in lines:
        if not isinstance(ln, Line):
            out.append(ln)
            continue
        pieces = _split_at(ln, [m.end() for m in _HIDDEN_START.finditer(ln.text) if article_label(ln.text[m.end() :])])
        out.extend(pieces)
    return out


def _split_at(line: Line, cuts: list[int]) -> list[Line]:
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line.text)]
    pieces = []
    for k in range(len(bounds) - 1):
        start, end = bounds[k], bounds[k + 1]
        bold = tuple(
            Span(max(s.start, start) - start, min(s.end, end) - start)
            for s in line.bold
            if s.end > start and s.start < end
        )
        pieces.append(replace(line, text=line.text[start:end], bold=bold, break_before=line.break_before or k > 0))
    return pieces


def starts_structure(text: str) -> bool:
    """Whether a line opens an article, an item, a part or a known chapter."""
    stripped = text.strip()
    if article_label(stripped) or item_label(stripped) or is_part_heading(stripped):
        return True
    if lists_chapters(stripped):
        return True
    if len(squash(stripped)) <= 16:
        kind = classify(stripped)
        return kind is not None and kind.known
    return False


def lists_chapters(text: str) -> bool:
    """A chapter heading that lists its subjects (每人赔偿限额、操作人员数、免赔额、给付比例、
    保险金额): longer than one name, no punctuation but the 、 between them, and known
    (classify knows it when two of its subjects are chapter names)."""
    key = squash(text)
    if not 16 < len(key) <= 30 or "、" not in key or any(ch in key for ch in "，。；：,;:"):
        return False
    kind = classify(text)
    return kind is not None and kind.known


_OPEN_END = "。；;！!？?：:"
# A paragraph that opens a definition: a term, then 是指 / 系指.
_OPENS_DEFINITION = re.compile(r"^[^，。；：:,;、（(]{2,24}(?:是指|系指)")


def indents_paragraphs(lines: list[Line | TableLine]) -> bool:
    """Whether a PDF marks paragraph starts by indenting them (the usual two characters).

    Looked for after lines that plainly end a paragraph: short and closed by 。；：.
    """
    after_end = [
        nxt.indent
        for prev, nxt in zip(lines, lines[1:])
        if isinstance(prev, Line) and isinstance(nxt, Line) and prev.page == nxt.page
        and prev.full is False and prev.text.rstrip()[-1:] in _OPEN_END and not prev.centred and not nxt.centred
    ]
    return len(after_end) >= 5 and sum(1 for i in after_end if i) >= 0.6 * len(after_end)


def continues(prev: Line, line: Line, mode: JoinMode, indented: bool = False) -> bool:
    """Whether `line` carries on the paragraph that `prev` ended on.

    `indented` says the document indents paragraph starts, so a line at the
    left margin always carries on, however the line before it ended.
    """
    if line.soft:
        # A manual line break inside a paragraph is joined back, unless it
        # hides the start of an article or item.
        return not starts_structure(line.text)
    if mode is JoinMode.EXACT:
        return False  # Word paragraphs are real paragraphs
    if prev.hint in (Hint.HEADING, Hint.TITLE) or line.hint in (Hint.HEADING, Hint.TITLE, Hint.BULLET):
        return False
    prev_text = prev.text.rstrip()
    if not prev_text or starts_structure(line.text) or lists_chapters(prev_text):
        return False
    if mode is JoinMode.WRAPPED:
        return bool(prev.full) and prev_text[-1] not in _OPEN_END
    if mode is JoinMode.GEOMETRY:
        if prev.centred or line.centred:
            return False
        if indented:
            return not line.indent
        return bool(prev.full) and not line.indent and prev_text[-1] not in _OPEN_END
    # One paragraph per line: only a sentence broken by a stray paragraph break
    # (a page break in the original) continues. A numbered line without any
    # punctuation is a caption or a term standing alone ((二十九)系统性红斑狼疮…),
    # not the first half of a sentence.
    nxt = line.text.lstrip()
    found = item_label(prev_text.strip())
    if found is not None and not any(ch in prev_text[found[1].end :] for ch in "，。；、：,;:"):
        return False
    if _OPENS_DEFINITION.match(nxt):
        return False  # 六项基本日常生活活动是指：… opens a definition of its own
    if is_title_line(prev_text) or is_registration_line(nxt):
        return False  # the title block's lines: title, 注册号, 备案编号 each stand alone
    return (
        len(squash(prev_text)) >= 20
        and _is_ideograph(prev_text[-1])
        and bool(nxt)
        and _is_ideograph(nxt[0])
    )


def _is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _join_text(left: str, right: str) -> str:
    left = left.rstrip()
    right = right.lstrip()
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return left + " " + right
    return left + right


def lines_to_blocks(lines: list[Line | TableLine], mode: JoinMode) -> list[Block]:
    """Join printed lines into paragraphs; tables stay blocks of their own."""
    blocks: list[Block] = []
    group: list[Line] = []
    indented = mode is JoinMode.GEOMETRY and indents_paragraphs(lines)

    def flush() -> None:
        if not group:
            return
        text = ""
        bold: list[Span] = []
        for ln in group:
            joined = _join_text(text, ln.text) if text else ln.text.strip()
            offset = len(joined) - len(ln.text.strip())
            lead = len(ln.text) - len(ln.text.lstrip())
            for s in ln.bold:
                start = max(0, s.start - lead) + offset
                end = min(len(ln.text.strip()), s.end - lead) + offset
                if end > start:
                    bold.append(Span(start, end))
            text = joined
        blocks.append(Block(text, tuple(group), tuple(_merge_spans(bold))))
        group.clear()

    for ln in lines:
        if isinstance(ln, TableLine):
            flush()
            blocks.append(Block(ln.text, (), (), table=ln))
            continue
        if not ln.text.strip():
            continue
        if group and not continues(group[-1], ln, mode, indented):
            flush()
        group.append(ln)
    flush()
    return blocks


def _merge_spans(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for s in sorted(spans, key=lambda s: s.start):
        if merged and s.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, s.end))
        else:
            merged.append(s)
    return merged




def merge_split_tables(lines: list[Line | TableLine]) -> list[Line | TableLine]:
    """Join a table that runs over a page break back into one table.

    Two tables are one when nothing but page furniture stood between them, they
    sit on consecutive pages and have the same number of columns. A header row
    the producer repeated on the new page is printed text and stays.
    """
    out: list[Line | TableLine] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            isinstance(ln, TableLine)
            and isinstance(prev, TableLine)
            and ln.page == (prev.pages or (prev.page,))[-1] + 1
            and _columns(ln) == _columns(prev)
        ):
            out[-1] = replace(prev, rows=prev.rows + ln.rows, pages=(*(prev.pages or (prev.page,)), ln.page))
            continue
        out.append(ln)
    return out


def _columns(table: TableLine) -> int:
    return max((len(r) for r in table.rows), default=0)
