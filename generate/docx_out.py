"""A wording written as a Word document a lawyer can sign off: 宋体 body with the
East-Asian font set on every run, bold 黑体 title and headings, exclusions and 免赔
sentences in bold (《保险法》第十七条 asks that they stand out), a header naming the
insurer and product, and a "第 X 页 共 Y 页" footer made of Word fields."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from tiaokuan.paper import BODY_FONT, HEADING_FONT, chinese_document

from .build import Wording
from .view import schedule_rows, wording_view

# Fixed document properties keep a generated file byte-stable for the same input.
CREATED = datetime(2026, 1, 1)


def set_font(run, face: str, bold: bool = False, size: float | None = None) -> None:
    run.bold = bold or None
    run.font.name = face
    if size:
        run.font.size = Pt(size)
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face)  # python-docx sets only the Latin faces


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    run = paragraph.add_run()
    set_font(run, BODY_FONT, size=9)
    for tag, attrs, text in (("w:fldChar", {"w:fldCharType": "begin"}, None), ("w:instrText", {"xml:space": "preserve"}, f" {instruction} "), ("w:fldChar", {"w:fldCharType": "separate"}, None)):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if text:
            el.text = text
        run._r.append(el)
    shown = paragraph.add_run("1")
    set_font(shown, BODY_FONT, size=9)
    end = paragraph.add_run()
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), "end")
    end._r.append(el)


def header_footer(document, insurer: str, product: str) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(header.add_run(f"{insurer}　{product}".strip("　")), BODY_FONT, size=9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in ("第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"):
        if piece in ("PAGE", "NUMPAGES"):
            _field(footer, piece)
        else:
            set_font(footer.add_run(piece), BODY_FONT, size=9)


def _paragraph(document, pieces: list[tuple[str, bool]], indent: bool = True, align=WD_ALIGN_PARAGRAPH.JUSTIFY):
    p = document.add_paragraph()
    p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(21)  # two characters of 10.5 pt
    for text, bold in pieces:
        set_font(p.add_run(text), BODY_FONT, bold=bold)
    return p


def new_document():
    """An empty A4 Word document with fixed properties and 宋体 10.5 pt as its body face."""
    document = chinese_document()
    document.core_properties.created = document.core_properties.modified = CREATED
    document.core_properties.author = "tiaokuan"
    return document


def to_docx(wording: Wording, path: str | Path) -> None:
    """Write `wording` (and its riders, each from a new page) as a Word document."""
    document = new_document()
    doc = wording.document
    header_footer(document, doc.insurer or "", doc.product or doc.title or "")
    for k, part in enumerate((wording, *wording.riders)):
        if k:
            document.add_page_break()
        write_clause(document, part)
    rows = schedule_rows(wording.schedule)
    if rows:
        document.add_page_break()
        centred(document, "保险单明细表", size=14)
        _table(document, [["项目", "约定"], *[list(r) for r in rows]])
    document.save(str(path))


def centred(document, text: str, size: float | None = None) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run(text), HEADING_FONT, bold=True, size=size)


def write_clause(document, wording: Wording) -> None:
    view = wording_view(wording)
    for k, line in enumerate(view.front):
        centred(document, line, size=14 if line == view.title else 10.5 if k else 12)
    for section in view.sections:
        for heading in (section.part, section.heading):
            if heading:
                centred(document, heading)
        for article in section.articles:
            for k, line in enumerate(article.lines):
                label = [(f"{article.label}\u3000", True)] if k == 0 and article.label else []
                _paragraph(document, label + [(r.text, r.bold) for r in line])
        for table in section.tables:
            _table(document, [list(row) for row in table])


def _table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c in range(width):
            cell = table.cell(r, c)
            cell.text = ""
            set_font(cell.paragraphs[0].add_run(row[c] if c < len(row) else ""), BODY_FONT, bold=r == 0)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    header.append(repeat)
