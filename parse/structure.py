"""Blocks → clause documents: front matter, sections, articles, definitions, tables.

`blocks_to_documents` is the one entry point; it is pure. The walk over a
document's body is a small state machine (`_Walker`) because whether a paragraph
opens an article depends on what came before it: a heading, a lead-in ending in
：, a document whose 第X条 labels were lost.
"""

from __future__ import annotations

import re

from tiaokuan.model import (
    ClauseDocument,
    Definition,
    ParseWarning,
    Section,
    SectionType,
    Table,
    WarningCode,
)
from tiaokuan.text.labels import (
    TERMINAL,
    HeadingLevel,
    ItemFamily,
    Label,
    article_label,
    decimal_article_label,
    doubled_label_values,
    is_caption,
    item_label,
    names_its_table,
    squash,
)

from .articles import Piece, strip_prefix
from .bulleted import BulletedReading, captions_head_bullets, ends_sentence_list
from .definitions import is_term_line
from .drafts import (
    UNNUMBERED_OK,
    ArticleDraft,
    HeadingInfo,
    SectionDraft,
    finish_section,
    is_table_row,
    numbering_warnings,
    piece,
    row_cells,
)
from .front import front_matter_end, split_documents
from .headings import cargo_model, classify, known_heading, part_level
from .layout import Block
from .lines import Hint
from .metadata import insurer_in, read_title_block
from .numbering import (
    STATED_CONTINUATION_COST,
    announces_items,
    announces_list,
    bullets_number_articles,
    caption_parts,
    continuation_cost,
    continues_article,
    counted_back,
    is_chapter_line,
    join_cost,
    leave_list_cost,
    names_paragraph_above,
    numbered_by_decimals,
    opens_decimal_chapter,
)
from .restore import Point, restore
from .sister import Layout


class _Walker(BulletedReading):
    """Walks one document's body blocks into section drafts."""

    def __init__(self, blocks: list[Block], warnings: list[ParseWarning], overrides: dict[int, bool] | None = None):
        self.blocks = blocks
        self.warnings = warnings
        self.labelled = any(b.table is None and article_label(b.text.strip()) for b in blocks)
        # A wording numbered by decimals (1. / 2.1) reads like a labelled one.
        self.decimal = not self.labelled and numbered_by_decimals(blocks)
        self.labelled = self.labelled or self.decimal
        self.decimal_count = 0
        # Where labels were lost: each paragraph's reading (numbering.Point), and the
        # readings the clause's cross-references overturned on a first walk.
        self.points: dict[int, Point] = {}
        self.overrides = overrides or {}
        self.index = 0
        self.bullet_articles = not self.labelled and bullets_number_articles(blocks)
        headings = [b.text for b in blocks if b.table is None and known_heading(b.text.strip())]
        # (no 第X条 printed or cited anywhere: a wording that never had articles)
        self.chapters_only = not self.labelled and not any(b.table is None and _ANY_ARTICLE.search(b.text) for b in blocks) and cargo_model(headings)
        # (no chapter heading at all: a rider whose lost labels numbered its paragraphs, 第一条…第二条…)
        self.headless = not self.labelled and not headings
        self.sections: list[SectionDraft] = []
        self.part: str | None = None
        self.pending_part: SectionDraft | None = None
        self.unit: ArticleDraft | None = None
        self.rows: list[Block] = []
        self.inferred_count = 0
        self.seen_types: set[SectionType] = set()
        texts = [b.text if b.table is None else "" for b in blocks]
        # Paragraphs that go on with their article whatever else they say: the parts
        # under an article's captions, and the 款 a later paragraph counts back.
        self.parts = set() if self.labelled else caption_parts(texts) | counted_back(texts)
        # (after the fields above: heading_of reads them)
        self.captioned = not self.labelled and self._captions_head_articles()
        self.bullet_captions = self.bullet_articles and captions_head_bullets(blocks, self.parts)

    def _captions_head_articles(self) -> bool:
        """Whether the wording heads its articles with captions: it prints more caption
        lines (labels.is_caption) than chapter headings, besides the captions of an
        article's parts (numbering.caption_parts)."""
        lines = headings = 0
        defining = False  # (a term printed alone on its line in 释义 defines, heads nothing)
        for i, b in enumerate(self.blocks):
            if b.table is None and is_caption(b.text) and i not in self.parts:
                info = self.heading_of(i)
                headings += info is not None
                defining = info.type is SectionType.DEFINITIONS if info is not None else defining
                lines += info is None and not defining
        return lines > headings

    # -- sections -------------------------------------------------------
    @property
    def section(self) -> SectionDraft:
        if self.pending_part is not None:
            draft, self.pending_part = self.pending_part, None
            if not draft.known and draft.heading is not None:
                self._warn_unknown(draft.heading, draft.type)
            self.sections.append(draft)
        if not self.sections:
            self.sections.append(SectionDraft(None, SectionType.PREAMBLE, self.part))
        return self.sections[-1]

    def heading_of(self, index: int) -> HeadingInfo | None:
        block = self.blocks[index]
        if block.table is not None:
            return None
        text = block.text.strip()
        key = squash(text)
        if not key or len(key) > 40 or key[-1] in TERMINAL + "，,":
            return None
        if article_label(text):
            return None
        level = part_level(text)
        found = item_label(text)
        if found and level is None and found[0] is not ItemFamily.CN_COMMA:
            return None
        kind = classify(text)
        current = self.pending_part or (self.sections[-1] if self.sections else None)
        if level is None and self._announced_table(key):
            return None
        if level is None and key in _AFTER_BODY and any(d.units for d in self.sections):
            # A contents list or 前言 printed after the clause's articles opens an
            # appended document (人身保险伤残评定标准 and the like): the clause's own
            # stand before its body.
            return HeadingInfo(SectionType.APPENDIX, True, False)
        if (
            current is not None
            and current.type is SectionType.APPENDIX
            and level is None
            and not (kind is not None and kind.known and kind.type not in (SectionType.APPENDIX, SectionType.PREAMBLE))
        ):
            # Under an appendix, headings that name no chapter of a clause are the
            # appendix's own sub-headings (前言, 说明, the chapters of an appended
            # standard): never a new preamble. A clause chapter (Cover, 保险责任)
            # still opens its chapter, as London wordings put the Schedule first.
            if (kind is not None and kind.known) or self._sub_heading(block, key):
                return HeadingInfo(SectionType.APPENDIX, True, False)
            return None
        if current is not None and current.type is SectionType.DEFINITIONS and level is None:
            if current.london or not kind or not kind.known:
                return None
            if kind.type in self.seen_types and kind.type is not SectionType.APPENDIX:
                return None
        if self.decimal and level is None and self._decimal_chapter(index, found):
            # In a wording numbered by decimals, chapters are 一、基本条款 or
            # 1 您与我们的合同 over clauses 1.1 1.2: a chapter even when its words are new.
            if kind is not None:
                return HeadingInfo(kind.type, kind.known, False)
            return HeadingInfo(SectionType.OTHER, False, False)
        if level is HeadingLevel.SUBSECTION:
            # A 第X节 divides the chapter it stands in; unless it names a chapter
            # type itself, it keeps the type of that chapter.
            if kind is not None and kind.known:
                return HeadingInfo(kind.type, True, False)
            inherited = current.type if current is not None else SectionType.OTHER
            return HeadingInfo(inherited, False, False)
        if level is not None:
            if kind is None:
                return HeadingInfo(SectionType.OTHER, False, level is HeadingLevel.PART)
            return HeadingInfo(kind.type, kind.known, level is HeadingLevel.PART)
        if self.bullet_articles and level is None and not found:
            # Where bullets stand for lost numbers (numbering.bullets_number_articles),
            # chapter headings stand plain and a bullet is a numbered paragraph, even one
            # naming a chapter (- 索赔和赔付: an article's caption); a short plain line
            # over the bullet that opens its first article heads a chapter, known or not
            # (一般事项).
            if block.hint is Hint.BULLET:
                return None
            nxt = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if is_caption(text) and len(key) <= 16 and index not in self.parts and nxt is not None and nxt.hint is Hint.BULLET:
                return HeadingInfo(kind.type, kind.known, False) if kind else HeadingInfo(SectionType.OTHER, False, False)
        if found and found[0] is ItemFamily.CN_COMMA and _PART_NAME.match(text[found[1].end :].strip()):
            # 一、计算机硬件损失保险 standing alone names a part of a multi-part product
            # (each part a cover with its own 保险标的, 保险责任 … chapters).
            return HeadingInfo(SectionType.OTHER, False, True)
        if found and not (kind and kind.known):
            return None
        if kind and kind.known:
            return HeadingInfo(kind.type, True, False)
        nxt = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        opens_article = nxt is not None and nxt.table is None and article_label(nxt.text.strip()) is not None
        if len(key) <= 16 and not any(ch in key for ch in "，。；,;") and (
            block.hint is Hint.HEADING or block.lines[0].centred or opens_article
        ):
            if kind is not None:
                return HeadingInfo(kind.type, False, False)
            # A heading with no chapter word at all is a sub-heading of the
            # chapter it stands in (the 伤残 tables of an appendix, say).
            return HeadingInfo(current.type if current is not None else SectionType.OTHER, False, False)
        return None

    def _announced_table(self, line: str) -> bool:
        """A caption the article above names as its table (…对应的下列“伤残等级赔偿限额比例表”
        的比例): the article's own table, printed where the article sets it, not a heading
        opening an appendix."""
        unit = self.unit
        return unit is not None and bool(unit.pieces) and names_its_table("".join(p.text for p in unit.pieces), line)

    @staticmethod
    def _sub_heading(block: Block, key: str) -> bool:
        """A short line set as a heading (a heading style or mark, or centred)."""
        return len(key) <= 30 and not any(ch in key for ch in "，。；,;") and (
            block.hint is Hint.HEADING or block.lines[0].centred
        )

    def _decimal_chapter(self, index: int, found: tuple[ItemFamily, Label] | None) -> bool:
        if found is not None:
            return found[0] is ItemFamily.CN_COMMA and is_chapter_line(self.blocks[index].text.strip())
        return opens_decimal_chapter(self.blocks, index)

    def _warn_unknown(self, block: Block, section_type: SectionType) -> None:
        self.warnings.append(
            ParseWarning(
                WarningCode.UNKNOWN_HEADING,
                f"heading {block.text.strip()!r} is not a known chapter; typed as {section_type.value}",
                block.page,
            )
        )

    def open_section(self, block: Block, info: HeadingInfo) -> None:
        self.close_unit()
        self.flush_rows()
        if info.part:
            # A part heading (第一部分 专利执行费用补偿, 通用条款) only becomes a
            # section of its own when text stands directly under it.
            if self.pending_part is not None:
                self.sections.append(self.pending_part)
            self.part = block.text.strip()
            self.pending_part = SectionDraft(
                block, info.type, self.part, london=info.type is SectionType.DEFINITIONS, known=info.known
            )
            if info.known:
                self.seen_types.add(info.type)
            return
        self.pending_part = None
        if not info.known:
            self._warn_unknown(block, info.type)
        previous = self.sections[-1] if self.sections else None
        if previous is not None and previous.heading is not None and squash(previous.heading.text) == squash(block.text):
            # A chapter heading printed again (a page break, a copy-edit slip): both
            # kept where they stand, never merged.
            self.warnings.append(
                ParseWarning(
                    WarningCode.REPEATED_HEADING,
                    f"heading {block.text.strip()!r} is printed twice in a row; both kept",
                    block.page,
                )
            )
        self.sections.append(SectionDraft(block, info.type, self.part))
        self.seen_types.add(info.type)

    # -- articles -------------------------------------------------------
    def close_unit(self) -> None:
        if self.unit is not None and self.unit.pieces:
            self.section.units.append(self.unit)
        self.unit = None

    def flush_rows(self) -> None:
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        # Cells separated by tabs or Word cell marks are a table even in one row;
        # short tokens on their own need a few lines to be told from text.
        if len(rows) >= 3 or any("\t" in b.text.strip() for b in rows):
            cells = tuple(row_cells(b) for b in rows)
            # Mostly one cell per line: the dump lost the table's rows.
            flattened = sum(1 for r in cells if len(r) == 1) > len(cells) / 2
            self.section.units.append(
                Table(self._caption(), cells, tuple(sorted({p for b in rows for p in b.pages})), flattened)
            )
            if flattened:
                self.warnings.append(
                    ParseWarning(
                        WarningCode.TABLE_FLATTENED,
                        f"table under {self._caption() or 'an appendix'!r} was dumped one cell per line; "
                        "its row structure is lost, cells kept in order",
                        rows[0].page,
                    )
                )
            return
        for b in rows:
            self.add_text(b, allow_rows=False)

    def _caption(self) -> str | None:
        if self.sections and self.sections[-1].heading is not None:
            return self.sections[-1].heading.text.strip()
        return None

    def start_unit(self, block: Block, found: Label | None = None, number: int | None = None) -> None:
        """Open the article whose printed label (第X条, or `found`) opens `block`."""
        self.close_unit()
        text = block.text
        found = found or article_label(text.strip())
        lead = len(text) - len(text.lstrip())
        assert found is not None
        rest, bold = strip_prefix(block, lead + found.end)
        self.unit = ArticleDraft(found.value if number is None else number, found.text, False)
        # 第五条 （一）被保险人应…: the article opens with its first item.
        opens_item = number is None and item_label(rest) is not None
        self.unit.pieces.append(Piece(block, rest, bold, item=opens_item))
        self.unit.list_open = rest.rstrip().endswith(("：", ":"))
        if len(doubled_label_values(found.text)) > 1:
            self.warnings.append(
                ParseWarning(
                    WarningCode.MISPRINTED_LABEL,
                    f"{found.text}: a label printed twice over; kept as printed, read as one article",
                    block.page,
                )
            )

    def start_inferred(self, block: Block, text: str) -> None:
        """Open an article whose label was lost, numbered by its place."""
        self.inferred_count += 1
        self.unit = ArticleDraft(self.inferred_count, None, True)
        self.unit.pieces.append(piece(block))
        self.unit.list_open = announces_items(text)
        # (an article headed by its caption runs to the next caption: parse/bulleted.py)
        self.unit.captioned = self.bullet_captions and block.hint is Hint.BULLET and is_caption(text)
        # A bullet that is a caption alone (- 保险责任起讫), where captions head no articles, is
        # no sentence of its own: it heads the bullets after it (- 单程保险：… / - 定期保险：…),
        # as a lead-in ending in ： heads its items.
        if self.bullet_articles and not self.bullet_captions and block.hint is Hint.BULLET and is_caption(text):
            self.unit.list_open = True

    def add_text(self, block: Block, allow_rows: bool = True) -> None:
        section = self.section
        text = block.text.strip()
        is_item = item_label(text) is not None
        if allow_rows and section.type is SectionType.APPENDIX and is_table_row(block) and (
            self.rows or self.unit is None or self.unit.number is None
        ):
            # Cells of a table dumped as text, after the appendix's note or heading.
            if not self.rows:
                self.close_unit()
            self.rows.append(block)
            return
        self.flush_rows()
        unit = self.unit
        if self.chapters_only and section.type not in (SectionType.DEFINITIONS, SectionType.APPENDIX):
            # A wording of the 1981 cargo model has no articles to restore: each chapter is
            # read whole, its plain paragraphs its 款 and its bullets its items, and cited
            # by its heading (除外责任（五）), as the wording cites itself.
            if unit is None:
                self.unit = unit = ArticleDraft(None, None, False)
            item = is_item or block.hint is Hint.BULLET
            unit.pieces.append(piece(block, item=item, inferred_item=item and not is_item))
            return
        if unit is None:
            # (a term printed alone on its line waits for its text, whatever that text ends with:
            # - 火灾 / 在时间或空间上失去控制的燃烧…必须同时具备以下三个条件：)
            if section.type is SectionType.DEFINITIONS and (
                not (not self.labelled and text.endswith(("：", ":")))
                or (bool(section.units) and isinstance(last := section.units[-1], list) and bool(last) and is_term_line(last[-1].text))
            ):
                if not section.units or not isinstance(section.units[-1], list):
                    section.units.append([])
                section.units[-1].append(block)  # type: ignore[union-attr]
                return
            headless = self.headless and section.type is SectionType.PREAMBLE  # (the whole clause, not a preamble)
            if self.labelled or ((section.type in UNNUMBERED_OK or section.heading is None) and not headless):
                if (
                    self.labelled
                    and not self.decimal  # such wordings open their parts with unnumbered text
                    and section.type not in UNNUMBERED_OK
                    and section.heading is not None
                ):
                    self.warnings.append(
                        ParseWarning(
                            WarningCode.UNPLACED_TEXT,
                            f"text outside any numbered article under {section.heading.text.strip()!r}: {text[:40]!r}",
                            block.page,
                        )
                    )
                self.unit = ArticleDraft(None, None, False)
                self.unit.pieces.append(piece(block))
                self.unit.list_open = text.endswith(("：", ":"))
            else:
                self._reading(text, True, None)
                self.start_inferred(block, text)
            return
        if not self.labelled and unit.inferred and not is_item and self._announced_table(text):
            # The caption of the table the article names goes on in it, whatever its shape.
            self._reading(text, False, None)
            unit.pieces.append(piece(block))
            return
        if not self.labelled and unit.inferred and self.bullet_articles and not is_item:
            self._bulleted(block, text, unit)
            return
        if not self.labelled and unit.inferred and not is_item and block.hint is not Hint.BULLET:
            # A paragraph after a list whose items kept their labels is not one of its
            # items: labels are lost all together or not at all.
            # (or a lead-in of a list of its own, unless captions head the articles)
            own_list = announces_list(text) and not self.captioned
            if unit.list_open and (text.endswith(("；", ";", "。")) or own_list) and not unit.labelled_items:
                if unit.list_items and names_paragraph_above(text):  # (the article's next 款, not an item)
                    self._reading(text, False, None)
                    unit.pieces.append(piece(block))
                    unit.list_open = False
                    return
                if unit.list_items and not unit.list_semicolons:
                    # Items each ending in 。 give no sign of the last: the list goes on unless
                    # the paragraph opens an article every model clause prints, or the
                    # clause's references say an article opens here.
                    if ends_sentence_list(unit, text) or own_list:
                        start = self._reading(text, True, STATED_CONTINUATION_COST)
                    else:
                        start = self._reading(text, False, leave_list_cost([p.text for p in unit.pieces if p.item], text))
                    if start:
                        self.close_unit()
                        self.add_text(block, allow_rows)
                        return
                else:
                    self._reading(text, False, None)
                unit.pieces.append(piece(block, item=True, inferred_item=True))
                unit.list_items += 1
                unit.list_semicolons = unit.list_semicolons or text.endswith(("；", ";"))
                unit.list_open = not (text.endswith("。") and unit.list_semicolons)
                return
            if continues_article(text) or self.index in self.parts:
                # (inside captioned parts or 款 counted back: numbering.caption_parts, counted_back)
                self._reading(text, False, None)
            elif (cost := continuation_cost(text, [p.text for p in unit.pieces], self.captioned)) is not None:
                if self._reading(text, False, cost):
                    self.close_unit()
                    self.add_text(block, allow_rows)
                    return
            elif self._reading(text, True, join_cost("".join(p.text for p in unit.pieces), text)):
                self.close_unit()
                self.add_text(block, allow_rows)
                return
        elif unit.inferred:
            self._reading(text, False, None)
        if self.labelled and not is_item and unit.list_open and block.hint is not Hint.BULLET and (
            text.endswith(("；", ";")) or (unit.list_inferred and text.endswith("。"))
        ) and not unit.labelled_items:
            # A paragraph ending in ： opens a list; the paragraphs after it that end in
            # ； (the last in 。) are its items, whose labels were lost in conversion
            # (Word numbering dropped from an exported clause).
            unit.pieces.append(piece(block, item=True, inferred_item=True))
            unit.list_inferred = unit.list_open = not text.endswith("。")
            return
        item = is_item or block.hint is Hint.BULLET
        unit.pieces.append(piece(block, item=item, inferred_item=item and not is_item))
        if not item:
            unit.list_open = text.endswith(("：", ":")) or (not self.labelled and announces_items(text))
            unit.list_items, unit.list_semicolons = 0, False  # a new lead-in: its list starts

    def _opens_decimal_clause(self, block: Block) -> bool:
        """In a wording numbered by decimals, a paragraph opening with 3. or 2.1
        opens an article, its label kept as printed and its number its place in
        the document. Definitions and appendices keep their own numbered lines."""
        current = self.pending_part or (self.sections[-1] if self.sections else None)
        if current is not None and current.type in (SectionType.DEFINITIONS, SectionType.APPENDIX):
            return False
        text = block.text
        found = decimal_article_label(text.strip())
        if found is None:
            return False
        self.flush_rows()
        self.decimal_count += 1
        self.start_unit(block, found, self.decimal_count)
        return True

    def _reading(self, text: str, start: bool, flip_cost: float | None) -> bool:
        """Note how the paragraph being walked was read where labels were lost, and
        return the reading to follow: the walker's own, unless the clause's
        cross-references overturned it on a first walk (restore.restore)."""
        self.points.setdefault(self.index, Point(self.index, text, start, flip_cost))
        return self.overrides.get(self.index, start)

    def walk(self) -> list[SectionDraft]:
        for index, block in enumerate(self.blocks):
            self.index = index
            if block.table is not None:
                self.flush_rows()
                section = self.section
                section.units.append(
                    Table(self._caption(), block.table.rows, block.pages, block.table.flattened)
                )
                continue
            info = self.heading_of(index)
            if info is not None:
                self.open_section(block, info)
                continue
            if self.labelled and article_label(block.text.strip()):
                self.flush_rows()
                self.start_unit(block)
                continue
            if self.decimal and self._opens_decimal_clause(block):
                continue
            self.add_text(block)
        self.flush_rows()
        self.close_unit()
        if self.pending_part is not None:
            self.sections.append(self.pending_part)
        return self.sections


_AFTER_BODY = {"目录", "目次", "前言"}
_ANY_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇两\d]+条")
_PART_NAME = re.compile(r"^[^，。；：,;:、（）()]{2,18}保险$")


def blocks_to_documents(
    blocks: list[Block], running_text: list[tuple[int, str]] | None = None, layout: Layout | None = None
) -> tuple[list[ClauseDocument], list[ParseWarning]]:
    """Clause documents in a file's blocks, and what went wrong on the way; lost
    numbering is restored by `layout` too, labelled clauses' (sister.layout_of)."""
    warnings: list[ParseWarning] = []
    documents: list[ClauseDocument] = []
    header_insurer = next((i for _, t in running_text or [] if (i := insurer_in(t))), None)
    for doc_blocks in split_documents(blocks):
        front_end = front_matter_end(doc_blocks)
        front = doc_blocks[:front_end]
        meta = read_title_block(
            [b.text for b in front],
            fallback_insurer=documents[-1].insurer if documents else header_insurer,
            body=[b.text for b in doc_blocks[front_end:] if b.table is None],
        )
        doc_warnings: list[ParseWarning] = []
        walker = _Walker(doc_blocks[front_end:], doc_warnings)
        drafts = walker.walk()
        overrides = restore(list(walker.points.values()), layout)
        if overrides:
            # Cross-references, or labelled clauses printing the same paragraphs,
            # overturn some of the first walk's readings: walk again, following them.
            doc_warnings = []
            walker = _Walker(doc_blocks[front_end:], doc_warnings, overrides)
            drafts = walker.walk()
        sections: list[Section] = []
        definitions: list[Definition] = []
        tables: list[Table] = []
        for draft in drafts:
            section, defs, tabs = finish_section(draft)
            sections.append(section)
            definitions.extend(defs)
            tables.extend(tabs)
        articles = [a for s in sections for a in s.articles]
        doc_warnings.extend(numbering_warnings(articles))
        if walker.inferred_count:
            doc_warnings.append(
                ParseWarning(
                    WarningCode.NUMBERING_INFERRED,
                    f"{meta.title or 'document'}: no 第X条 labels in this copy (Word numbering lost?); "
                    f"{walker.inferred_count} article numbers inferred",
                    None,
                )
            )
        body_text = "".join(a.text for a in articles[:3])
        rider = meta.rider or "本附加险" in body_text or "附加险合同" in body_text
        documents.append(
            ClauseDocument(
                insurer=meta.insurer,
                product=meta.product,
                title=meta.title,
                version=meta.version,
                registration_no=meta.registration_no,
                rider=rider,
                front_matter=tuple(b.text.strip() for b in front),
                sections=tuple(sections),
                definitions=tuple(definitions),
                tables=tuple(tables),
                filing_numbers=meta.filing_numbers,
                distributor=meta.distributor,
            )
        )
        warnings.extend(doc_warnings)
    return documents, warnings
