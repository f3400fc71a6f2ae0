"""A comparison written out: Markdown, HTML, XLSX (one sheet per matrix), DOCX
(landscape tables with repeated header rows) and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from tiaokuan.i18n import N_, _, install
from tiaokuan.paper import (
    HEADER_FILL,
    chinese_document,
    display_width,
    fit_columns,
    header_row,
    print_sheet,
    set_column_widths,
    table_column_widths,
    usable_width_pt,
)

from .matrix import Cell, Comparison, Status
from .records import Difference
from .redline import Op


def _md_cell(c: Cell) -> str:
    return c.shown.replace("|", "\\|").replace("\n", " ")


DIFFERENCES_TITLE = N_("逐项差异")
SUMMARY_TITLE = N_("主要差异")
NOTHING_FOUND = N_("未发现实质差异")


def title(products) -> str:
    return _("产品比较：{products}").format(products="、".join(products))


def difference_header(products) -> list[str]:
    return [_("维度"), _("差异"), *products]


def difference_rows(cmp: Comparison) -> list[list[str]]:
    """The material differences as table rows: dimension · kind, what it does, then
    per product the citations and the wording with the changed words marked."""
    from .summary import KIND_WORDS

    rows = []
    for d in cmp.differences:
        if not d.material:
            continue
        cells = [f"{'、'.join(s.citations)}：{s.marked or s.wording}" if s.citations else _("（无对应约定）") for s in d.sides]
        rows.append([f"{d.dimension_name}·{KIND_WORDS[d.kind]}", d.what, *cells])
    return rows


def _md_text(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(cmp: Comparison) -> str:
    out = [f"# {title(cmp.products)}", "", f"## {_(SUMMARY_TITLE)}", ""]
    out += [f"- {line}" for line in cmp.summary] or [f"- {_(NOTHING_FOUND)}"]
    rows = difference_rows(cmp)
    if rows:
        out += ["", f"## {_(DIFFERENCES_TITLE)}", "", "| " + " | ".join(difference_header(cmp.products)) + " |", "|---" * (len(cmp.products) + 2) + "|"]
        out += ["| " + " | ".join(_md_text(c) for c in row) + " |" for row in rows]
    for m in cmp.matrices:
        out += ["", f"## {m.title}", "", "| | " + " | ".join(m.products) + " |", "|---" * (len(m.products) + 1) + "|"]
        out += [f"| {r.label} | " + " | ".join(_md_cell(c) for c in r.cells) + " |" for r in m.rows]
    return "\n".join(out) + "\n"


COMPARE_SCHEMA = "tiaokuan.compare/1"  # described by tiaokuan/schema/compare-1.schema.json


def difference_json(d: Difference) -> dict:
    """One difference in the documented JSON shape (compare-1.schema.json)."""
    return {
        "dimension": d.dimension.value,
        "dimension_name": d.dimension_name,
        "kind": d.kind.value,
        "material": d.material,
        "effect": d.effect.value,
        "checked": d.checked,
        "what": d.what,
        "affects": list(d.affects),
        "products": [{"product": s.product, "citations": list(s.citations), "wording": s.wording, "marked": s.marked} for s in d.sides],
    }


def to_json(cmp: Comparison) -> str:
    def cell(c: Cell) -> dict:
        return {"status": c.status.value, "value": c.value, "article": c.cite}

    data = {
        "schema": COMPARE_SCHEMA,
        "products": list(cmp.products),
        "summary": list(cmp.summary),
        "differences": [difference_json(d) for d in cmp.differences],
        "matrices": [
            {"title": m.title, "rows": [{"key": r.key, "label": r.label, "cells": [cell(c) for c in r.cells]} for r in m.rows]}
            for m in cmp.matrices
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


_MARKS = re.compile(r"(\[-.*?-\]|\{\+.*?\+\})", re.S)


def marked_pieces(text: str) -> Iterator[tuple[Op, str]]:
    """The pieces of marked wording, each with what happened to it: [-deleted-],
    {+inserted+} or kept (the marks themselves taken off); empty pieces left out."""
    for part in _MARKS.split(text):
        if part.startswith("[-") and part.endswith("-]"):
            yield Op.DELETE, part[2:-2]
        elif part.startswith("{+") and part.endswith("+}"):
            yield Op.INSERT, part[2:-2]
        elif part:
            yield Op.EQUAL, part


def marked_html(text: str) -> Markup:
    """Marked wording as HTML: [-deleted-] struck through, {+inserted+} underlined."""
    tags = {Op.DELETE: "<del>{}</del>", Op.INSERT: "<ins>{}</ins>", Op.EQUAL: "{}"}
    return Markup("".join(tags[op].format(escape(piece)) for op, piece in marked_pieces(text)))


_ENV = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
_ENV.filters["marked"] = marked_html
install(_ENV)
_HTML = _ENV.from_string(
    """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
@page{size:A4 landscape;margin:1.5cm}
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em}
table{border-collapse:collapse;font-size:13px;margin-bottom:2em}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
th{background:#ddebf7;position:sticky;top:0}.silent{color:#999;font-style:italic}.excluded{background:#fde2e2}
.narrowed{background:#fff1cc}.differs td:first-child{font-weight:bold}
del{color:#b00020;text-decoration:line-through}ins{color:#0b5394;text-decoration:underline}
</style></head><body><h1>{{ title }}</h1>
<h2>{{ _("主要差异") }}</h2><ul>{% for line in summary %}<li>{{ line|marked }}</li>{% else %}<li>{{ _("未发现实质差异") }}</li>{% endfor %}</ul>
{% if differences %}<h2>{{ _("逐项差异") }}</h2><table><thead><tr>{% for h in header %}<th>{{ h }}</th>{% endfor %}</tr></thead><tbody>
{% for row in differences %}<tr>{% for c in row %}<td>{{ c|marked }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>{% endif %}
{% for m in matrices %}<h2>{{ m.title }}</h2><table><thead><tr><th></th>{% for p in m.products %}<th>{{ p }}</th>{% endfor %}</tr></thead><tbody>
{% for r in m.rows %}<tr class="{{ 'differs' if r.differs else '' }}"><td>{{ r.label }}</td>{% for c in r.cells %}<td class="{{ c.status.value }}">{{ c.shown }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>{% endfor %}</body></html>
"""
)


def to_html(cmp: Comparison) -> str:
    return _HTML.render(
        title=title(cmp.products), summary=cmp.summary, matrices=cmp.matrices,
        differences=difference_rows(cmp), header=difference_header(cmp.products),
    )  # fmt: skip


_FILLS = {Status.EXCLUDED: "FDE2E2", Status.NARROWED: "FFF1CC", Status.SILENT: "F2F2F2"}


def marked_rich_text(text: str):
    """Marked wording as an XLSX cell's rich text: [-deleted-] red and struck through,
    {+inserted+} blue and underlined (the marks themselves are not printed)."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    fonts = {Op.DELETE: InlineFont(strike=True, color="B00020"), Op.INSERT: InlineFont(u="single", color="0B5394")}
    parts = [TextBlock(fonts[op], piece) if op in fonts else piece for op, piece in marked_pieces(text)]
    return CellRichText(parts) if any(not isinstance(p, str) for p in parts) else text


_SUMMARY_HEAD = re.compile(r"^【(?P<dimension>[^·】]+)·(?P<kind>[^】]+)】")


def summary_header() -> list[str]:
    return [_("序号"), _("维度"), _("差异"), _("说明（删去的文字红色删除线，增加的文字蓝色下划线）")]


def summary_rows(cmp: Comparison) -> list[list[str]]:
    """The summary as table rows, the same in the workbook and in Word: its number,
    the dimension and the kind of difference (the line's 【维度·差异】 head) and the
    rest of the line, its change marks kept."""
    rows = []
    for k, line in enumerate(cmp.summary or [_(NOTHING_FOUND)], start=1):
        head = _SUMMARY_HEAD.match(line)
        dimension, kind, rest = (head["dimension"], head["kind"], line[head.end() :]) if head else ("", "", line)
        rows.append([str(k), dimension, kind, rest])
    return rows


def to_xlsx(cmp: Comparison, path: str | Path) -> None:
    """One sheet for the summary (a row per line: dimension, kind, what and both
    wordings, changed words in colour), one for the aligned differences and one per
    matrix; every sheet prints on A4 landscape, fitted to the width, header repeated."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    summary = wb.active
    summary.title = _(SUMMARY_TITLE)
    header_row(summary, summary_header())
    for number, dimension, kind, rest in summary_rows(cmp):
        summary.append([int(number), dimension, kind, marked_rich_text(rest)])
    fit_columns(summary, ceiling=110)
    print_sheet(summary)
    rows = difference_rows(cmp)
    if rows:
        ws = wb.create_sheet(_(DIFFERENCES_TITLE))
        header_row(ws, difference_header(cmp.products))
        for row in rows:
            ws.append([marked_rich_text(c) for c in row])
        fit_columns(ws, ceiling=50)
        ws.freeze_panes = "C2"
        print_sheet(ws)
    for m in cmp.matrices:
        ws = wb.create_sheet(m.title[:31])
        header_row(ws, ["", *m.products])
        for r in m.rows:
            ws.append([r.label, *(c.shown for c in r.cells)])
            row = ws.max_row
            for j, c in enumerate(r.cells, start=2):
                cell = ws.cell(row=row, column=j)
                if c.status in _FILLS:
                    cell.fill = PatternFill("solid", fgColor=_FILLS[c.status])
                if c.cite:
                    cell.comment = Comment(f"{m.products[j - 2]}：{c.cite}", "tiaokuan")
            if r.differs:
                ws.cell(row=row, column=1).font = Font(bold=True)
        fit_columns(ws, ceiling=40)
        ws.freeze_panes = "B2"
        print_sheet(ws)
    wb.save(str(path))


def add_marked(paragraph, text: str) -> None:
    """Marked wording as Word runs: [-deleted-] red and struck through, {+inserted+}
    blue and underlined, the rest plain."""
    from docx.shared import RGBColor

    for op, piece in marked_pieces(text):
        run = paragraph.add_run(piece)
        if op is Op.DELETE:
            run.font.strike = True
            run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
        elif op is Op.INSERT:
            run.font.underline = True
            run.font.color.rgb = RGBColor(0x0B, 0x53, 0x94)


def _table_with_header(doc, header_texts: list[str]):
    """A grid table whose bold header row repeats at the top of every page it runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = doc.add_table(rows=1, cols=len(header_texts))
    table.style = "Table Grid"
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(header.cells, header_texts, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
        shading = OxmlElement("w:shd")  # shaded as the workbooks' header rows are
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), HEADER_FILL)
        cell._tc.get_or_add_tcPr().append(shading)
    return table


# The summary table's narrow columns, in display cells at most: 序号; 维度, whose
# longest names (投保人、被保险人义务) keep to one line; 差异 (范围更宽, 仅一方有).
# 说明 takes the rest of the page's width, so the wording it quotes runs in long lines.
_SUMMARY_COLUMN_CELLS = (6, 20, 12)


def _add_summary_table(doc, cmp: Comparison) -> None:
    """The summary as a table like the workbook's summary sheet: 序号, 维度, 差异 and
    说明, whose deleted words are red and struck through and added words blue and
    underlined; the header row repeats on every page the table runs onto."""
    header, rows = summary_header(), summary_rows(cmp)
    table = _table_with_header(doc, header)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            add_marked(cell.paragraphs[0], text)
    cells = [min(max(display_width(r[k]) for r in (header, *rows)), most) for k, most in enumerate(_SUMMARY_COLUMN_CELLS)]
    size = doc.styles["Normal"].font.size
    body_pt = size.pt if size is not None else 10.5
    set_column_widths(table, table_column_widths([*cells, None], body_pt, usable_width_pt(doc.sections[-1])))


def add_to_docx(doc, cmp: Comparison, level: int = 1) -> None:
    """The comparison's summary and matrices appended to an open python-docx Document
    (a comparison file of its own, or a chapter of a client pack)."""
    doc.add_heading(title(cmp.products), level=level)
    doc.add_heading(_(SUMMARY_TITLE), level=level + 1)
    _add_summary_table(doc, cmp)
    rows = difference_rows(cmp)
    if rows:
        doc.add_heading(_(DIFFERENCES_TITLE), level=level + 1)
        table = _table_with_header(doc, difference_header(cmp.products))
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                add_marked(cell.paragraphs[0], text)
    for m in cmp.matrices:
        doc.add_heading(m.title, level=level + 1)
        table = _table_with_header(doc, ["", *m.products])
        for r in m.rows:
            cells = table.add_row().cells
            cells[0].text = r.label
            for cell, c in zip(cells[1:], r.cells, strict=True):
                cell.text = c.shown


def to_docx(cmp: Comparison, path: str | Path) -> None:
    """The comparison as a Word file on A4 landscape: its tables set products side by side."""
    doc = chinese_document(body_size=9, landscape=True)
    add_to_docx(doc, cmp)
    doc.save(str(path))
