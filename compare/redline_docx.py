"""The Word redline: the clause itself (title lines, part and chapter headings,
articles with their labels) with every change a real tracked change (w:ins /
w:del with author and date), so Word's and LibreOffice's Accept All gives exactly
the new clause and Reject All exactly the old one.

Nothing that is not clause text stands in the body: what happened to an article
(修改, 条号变动 第六条 → 第七条, 移动 …) is a Word comment on it, the two versions'
names are in the page header and the counts in a comment on the first line and
in the document's properties. A paragraph break inside a change is a tracked
paragraph mark (w:pPr/w:rPr/w:ins|w:del), and a block that exists on one side
only has its own mark tracked too, so accepting or rejecting leaves no empty
paragraph behind.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.run import Run

from tiaokuan.i18n import _
from tiaokuan.paper import BODY_FONT, HEADING_FONT, chinese_document

from .redline import ArticleDiff, Change, Op, Piece, Redline
from .redline_doc import LINE_SEPARATOR, Block, BlockKind, TableDiff, clause_blocks, summary, table_diffs

AUTHOR = "tiaokuan"
INITIALS = "TK"
FIRST_LINE_INDENT = Pt(21)  # two characters of 10.5 pt, as the clause is printed
HEADER_SIZE = Pt(9)


def _run(text: str, deleted: bool = False, bold: bool = False) -> OxmlElement:
    """A run of text; a tab is Word's w:tab and a line break inside a paragraph w:br."""
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:eastAsia"), HEADING_FONT if bold else BODY_FONT)
    props.append(fonts)
    if bold:
        props.append(OxmlElement("w:b"))
    run.append(props)
    for k, line in enumerate(text.split("\n")):
        if k:
            run.append(OxmlElement("w:br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                run.append(OxmlElement("w:tab"))
            if chunk:
                t = OxmlElement("w:delText" if deleted else "w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = chunk
                run.append(t)
    return run


class _Tracker:
    """Numbers tracked changes and stamps them with the author and date."""

    def __init__(self, when: str):
        self.when = when
        self.next_id = 1

    def mark(self, tag: str) -> OxmlElement:
        mark = OxmlElement(tag)
        mark.set(qn("w:id"), str(self.next_id))
        mark.set(qn("w:author"), AUTHOR)
        mark.set(qn("w:date"), self.when)
        self.next_id += 1
        return mark

    def run(self, op: Op, text: str, bold: bool) -> OxmlElement:
        if op is Op.EQUAL:
            return _run(text, bold=bold)
        wrapper = self.mark("w:ins" if op is Op.INSERT else "w:del")
        wrapper.append(_run(text, deleted=op is Op.DELETE, bold=bold))
        return wrapper

    def paragraph_mark(self, paragraph, op: Op) -> None:
        """Track the paragraph's own mark (its break) as inserted or deleted."""
        props = paragraph.get_or_add_pPr()
        run_props = props.find(qn("w:rPr"))
        if run_props is None:
            run_props = OxmlElement("w:rPr")
            props.append(run_props)
        run_props.append(self.mark("w:ins" if op is Op.INSERT else "w:del"))


def _new_paragraph(doc, kind: BlockKind):
    p = doc.add_paragraph()
    if kind is BlockKind.ARTICLE:
        p.paragraph_format.first_line_indent = FIRST_LINE_INDENT
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _end_mark(pieces: tuple[Piece, ...], breaks: str) -> tuple[tuple[Piece, ...], Op]:
    """The block's pieces and how its own closing paragraph mark is tracked.

    A block on one side only has its closing mark inserted or deleted. A block that
    ends with paragraphs added or removed ("…A" + "\nX") is written as A's mark kept
    and X's closing mark tracked — X with the paragraph mark after it, which is how
    Word itself records a paragraph typed after A — not as A's mark tracked and X's
    kept: both mean the same to Word, but LibreOffice joins the following paragraph
    onto A when it rejects the latter."""
    has_old = any(p.text for p in pieces if p.op is not Op.INSERT)
    has_new = any(p.text for p in pieces if p.op is not Op.DELETE)
    if not has_new:
        return pieces, Op.DELETE
    if not has_old:
        return pieces, Op.INSERT
    last = pieces[-1] if pieces else None
    if last is not None and last.op is not Op.EQUAL and last.text.startswith(breaks):
        return (*pieces[:-1], Piece(Op.EQUAL, breaks), Piece(last.op, last.text[len(breaks) :])), last.op
    return pieces, Op.EQUAL


def _write_block(doc, block: Block, tracker: _Tracker) -> Run:
    """Write a block as paragraphs; returns an empty run at its start to hang a comment on.
    The lines of a front-matter or heading block are paragraphs (a line break inside
    one of them, as in a table of product facts, stays a line break); the lines of an
    article (its paragraphs and items) are paragraphs, as the clause prints them."""
    bold = block.kind is not BlockKind.ARTICLE
    breaks = "\n" if block.kind is BlockKind.ARTICLE else LINE_SEPARATOR
    pieces, closing = _end_mark(block.pieces, breaks)
    paragraph = _new_paragraph(doc, block.kind)
    anchor = paragraph.add_run()
    for piece in pieces:
        for k, part in enumerate(piece.text.split(breaks)):
            if k:
                if piece.op is not Op.EQUAL:
                    tracker.paragraph_mark(paragraph._p, piece.op)
                paragraph = _new_paragraph(doc, block.kind)
            if part:
                paragraph._p.append(tracker.run(piece.op, part, bold))
    if closing is not Op.EQUAL:
        tracker.paragraph_mark(paragraph._p, closing)
    return anchor


def _write_table(doc, table: TableDiff, tracker: _Tracker) -> None:
    """A table whose deleted and inserted rows are tracked rows (w:trPr/w:del|w:ins);
    a row keeps its own number of cells, as the clause printed it."""
    width = max((len(row) for _, row in table.rows), default=0)
    if not width:
        return
    grid = doc.add_table(rows=0, cols=width)
    grid.style = "Table Grid"
    for op, cells in table.rows:
        row = grid.add_row()
        for extra in row._tr.tc_lst[len(cells) :]:
            row._tr.remove(extra)
        for cell, text in zip(row.cells, cells, strict=False):
            if text:
                cell.paragraphs[0]._p.append(tracker.run(op, text, bold=False))
        if op is not Op.EQUAL:
            row._tr.get_or_add_trPr().append(tracker.mark("w:ins" if op is Op.INSERT else "w:del"))
    # Two tables with nothing between them are one table to Word and LibreOffice: an
    # empty paragraph keeps each table its own (and is no text to a reader or parser).
    doc.add_paragraph()


def note(entry: ArticleDiff) -> str | None:
    """The comment on an article: what happened to it, in words a reviewer reads."""
    old, new = (entry.old.name if entry.old else ""), (entry.new.name if entry.new else "")
    if entry.change is Change.DELETED:
        return _("删除：原{old}").format(old=old)
    if entry.change is Change.INSERTED:
        return _("新增：{new}").format(new=new)
    if entry.change is Change.MOVED:
        return _("移动：原{old}移至{new}，见该条").format(old=old, new=new)
    if entry.moved:
        marks = {Op.EQUAL: "{}", Op.DELETE: "[-{}-]", Op.INSERT: "{{+{}+}}"}
        said = _("移动：自原{old}移来").format(old=old)
        if entry.change is Change.CHANGED:
            said += _("；与原文相比：") + "".join(marks[p.op].format(p.text) for p in entry.pieces)
        return said
    if entry.change is Change.CHANGED:
        return _("修改：原{old}").format(old=old) if old != new else _("修改")
    if entry.change is Change.RENUMBERED:
        return _("条号变动：{old} → {new}").format(old=old, new=new)
    return None


def _changed(block: Block, changed: set[int]) -> bool:
    """Whether an excerpt of the changed articles keeps the block: an article whose
    wording or place changed (not one only renumbered), a heading or title line that changed."""
    if block.entry is not None:
        return id(block.entry) in changed
    return any(p.op is not Op.EQUAL for p in block.pieces)


def _header(doc, text: str) -> None:
    paragraph = doc.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = HEADER_SIZE
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def to_docx(
    redline: Redline,
    old_name: str,
    new_name: str,
    path: str | Path,
    when: datetime | None = None,
    changed_only: bool = False,
) -> None:
    """The new clause with every change tracked against the old. With
    `changed_only`, only the blocks that changed (an excerpt: accepting it gives
    those articles, not the clause)."""
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    doc = _document(old_name, new_name, summary(redline), when)
    tracker = _Tracker(stamp)
    blocks = clause_blocks(redline)
    if changed_only:
        changed = {id(entry) for entry in redline.changed()}
        blocks = [b for b in blocks if _changed(b, changed)]
    first = None
    for block in blocks:
        anchor = _write_block(doc, block, tracker)
        first = first or anchor
        said = note(block.entry) if block.entry is not None else None
        if said:
            doc.add_comment(anchor, text=said, author=AUTHOR, initials=INITIALS)
    if not changed_only or redline.before.tables != redline.after.tables:
        for table in table_diffs(redline.before.tables, redline.after.tables):
            if not changed_only or any(op is not Op.EQUAL for op, _ in table.rows):
                _write_table(doc, table, tracker)
    if first is not None:
        title = _("修订对照：{old} → {new}。{summary}").format(old=old_name, new=new_name, summary=summary(redline))
        if changed_only:
            title += _("（仅列出有修改之处）")
        doc.add_comment(first, text=title, author=AUTHOR, initials=INITIALS)
    doc.save(str(path))


def _document(old_name: str, new_name: str, counts: str, when: datetime | None):
    doc = chinese_document()
    props = doc.core_properties
    props.title = f"{old_name} → {new_name}"
    props.subject = _("修订对照稿")
    props.comments = counts
    props.author = AUTHOR
    if when is not None:
        props.created = props.modified = when.replace(tzinfo=None)
    _header(doc, _("修订对照稿　原版：{old}　新版：{new}").format(old=old_name, new=new_name))
    return doc
