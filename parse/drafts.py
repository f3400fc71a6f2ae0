"""What the walk over a document's body builds (article and section drafts), and
how the drafts become the model's sections, definitions and tables, with the
warnings the finished numbering calls for. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass, field

from tiaokuan.model import Article, Definition, ParseWarning, Section, SectionType, Span, Table, WarningCode
from tiaokuan.text.labels import ItemFamily, close_cjk_gaps, doubled_label_values, item_label

from .articles import Piece, build_article, strip_prefix
from .definitions import DefBlock, Entry, group_entries
from .layout import Block

_ROW_PUNCT = set("。，；：,;:、“”")
UNNUMBERED_OK = {SectionType.PREAMBLE, SectionType.APPENDIX, SectionType.DEFINITIONS}


@dataclass(frozen=True, slots=True)
class HeadingInfo:
    type: SectionType
    known: bool
    part: bool  # 第X部分 / 通用条款: names a part that sections fall under


@dataclass
class ArticleDraft:
    """An article under construction."""

    number: int | None
    label: str | None
    inferred: bool
    pieces: list[Piece] = field(default_factory=list)
    list_open: bool = False  # a lead-in ended in ： and lost-label items follow
    list_inferred: bool = False  # … and the items after it are being read
    list_items: int = 0  # items read into the open list
    list_semicolons: bool = False  # … some ending in ；, so the one ending in 。 is the last
    # Where bullets stand for lost numbers and captions head articles (parse/bulleted.py):
    captioned: bool = False  # the article opened with its caption (- 付款期限)
    parts_left: int | None = None  # captioned parts its lead still announces (从下列三者中…), None: not counted
    in_parts: bool = False  # its open list is one of captioned parts (- 按比例处理 + body …)

    @property
    def after_open_item(self) -> bool:
        """The article ends in an item that ends in ；, its list going on."""
        return bool(self.pieces) and self.pieces[-1].item and self.pieces[-1].text.rstrip().endswith(("；", ";"))

    @property
    def labelled_items(self) -> bool:
        """The article has items that kept their printed labels."""
        return any(p.item and not p.inferred_item for p in self.pieces)


@dataclass
class SectionDraft:
    heading: Block | None
    type: SectionType
    part: str | None
    units: list[ArticleDraft | list[Block] | Table] = field(default_factory=list)
    london: bool = False  # definitions opened by 第X部分: only parts end them
    known: bool = True


def is_table_row(block: Block) -> bool:
    """A line of a table dumped as text: tab-separated cells, or short tokens
    with no sentence punctuation."""
    text = block.text.strip()
    if text.count("\t") >= 2:
        return True
    if not text or any(ch in _ROW_PUNCT for ch in text):
        return False
    tokens = text.split()
    return all(len(t) <= 8 for t in tokens) and len(tokens) <= 30


def row_cells(block: Block) -> tuple[str, ...]:
    text = block.text.strip()
    if "\t" in text:
        return tuple(cell.strip() for cell in text.split("\t"))
    return tuple(text.split())


def piece(block: Block, item: bool = False, inferred_item: bool = False) -> Piece:
    """A whole block as part of an article, outer whitespace dropped."""
    text, bold = strip_prefix(block, 0)
    text = text.rstrip()
    bold = tuple(Span(s.start, min(s.end, len(text))) for s in bold if s.start < len(text))
    return Piece(block, text, bold, item=item, inferred_item=inferred_item)


def _item_levels(blocks: list[Block]) -> list[int | None]:
    levels: dict[ItemFamily, int] = {}
    out: list[int | None] = []
    for b in blocks:
        found = item_label(b.text.strip())
        if found is None:
            out.append(None)
            continue
        out.append(levels.setdefault(found[0], len(levels)))
    return out


def _definition(entry: Entry, article: int | None, pages: tuple[int, ...]) -> Definition:
    """A definition, its text with the same layout clean-up as article text."""
    return Definition(entry.term, "\n".join(close_cjk_gaps(p)[0] for p in entry.text.split("\n")), article, pages)


def finish_section(draft: SectionDraft) -> tuple[Section, list[Definition], list[Table]]:
    articles: list[Article] = []
    definitions: list[Definition] = []
    tables: list[Table] = []
    for unit in draft.units:
        if isinstance(unit, Table):
            tables.append(unit)
            continue
        if isinstance(unit, list):
            for group in group_entries([DefBlock(b.text, lv) for b, lv in zip(unit, _item_levels(unit))]):
                blocks = unit[group.start : group.end]
                pieces = [piece(b, item=item_label(b.text.strip()) is not None) for b in blocks]
                article = build_article(None, None, False, pieces)
                articles.append(article)
                if group.entry is not None:
                    definitions.append(_definition(group.entry, None, article.pages))
            continue
        article = build_article(unit.number, unit.label, unit.inferred, unit.pieces)
        articles.append(article)
        if draft.type is SectionType.DEFINITIONS:
            levels = _item_levels([p.block for p in unit.pieces])
            blocks = [DefBlock(p.text, lv) for p, lv in zip(unit.pieces, levels)]
            for group in group_entries(blocks, lead=True):
                if group.entry is not None:
                    definitions.append(_definition(group.entry, article.number, article.pages))
    pages = tuple(sorted({p for a in articles for p in a.pages} | ({draft.heading.page} if draft.heading else set())))
    heading = draft.heading.text.strip() if draft.heading is not None else None
    return Section(heading, draft.type, tuple(articles), draft.part, pages), definitions, tables


def numbering_warnings(articles: list[Article]) -> list[ParseWarning]:
    out: list[ParseWarning] = []
    previous: Article | None = None
    for article in articles:
        if article.number is None or article.number_inferred:
            continue
        page = article.pages[0] if article.pages else None
        if previous is not None and previous.number is not None:
            # After a doubled label (第六条第七条) the numbering goes on from its last number.
            last = doubled_label_values(previous.label or "")[-1:] or (previous.number,)
            if last[0] is not None and last[0] != previous.number and article.number == last[0] + 1:
                previous = article
                continue
            if article.number == previous.number:
                out.append(ParseWarning(WarningCode.NUMBERING_DUPLICATE, f"{article.label} appears twice", page))
            elif article.number != previous.number + 1:
                out.append(
                    ParseWarning(
                        WarningCode.NUMBERING_GAP,
                        f"{article.label} follows {previous.label}: numbering is not consecutive",
                        page,
                    )
                )
        previous = article
    return out
