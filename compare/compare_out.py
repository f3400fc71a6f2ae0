"""A comparison written out: Markdown, HTML, XLSX (one sheet per matrix), DOCX
(landscape tables with repeated header rows) and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment

from .differences import Difference
from .matrix import Cell, Comparison, Status


def _md_cell(c: Cell) -> str:
    return c.shown.replace("|", "\\|").replace("\n", " ")


def to_markdown(cmp: Comparison) -> str:
    out = [f"# 产品比较 comparison: {' · '.join(cmp.products)}", "", "## 主要差异 material differences", ""]
    out += [f"- {line}" for line in cmp.summary] or ["- none found"]
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


_HTML = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em}
table{border-collapse:collapse;font-size:13px;margin-bottom:2em}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
th{background:#ddebf7;position:sticky;top:0}.silent{color:#999;font-style:italic}.excluded{background:#fde2e2}
.narrowed{background:#fff1cc}.differs td:first-child{font-weight:bold}
</style></head><body><h1>{{ title }}</h1>
<h2>主要差异 material differences</h2><ul>{% for line in summary %}<li>{{ line }}</li>{% else %}<li>none found</li>{% endfor %}</ul>
{% for m in matrices %}<h2>{{ m.title }}</h2><table><thead><tr><th></th>{% for p in m.products %}<th>{{ p }}</th>{% endfor %}</tr></thead><tbody>
{% for r in m.rows %}<tr class="{{ 'differs' if r.differs else '' }}"><td>{{ r.label }}</td>{% for c in r.cells %}<td class="{{ c.status.value }}">{{ c.shown }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>{% endfor %}</body></html>
"""
)


def to_html(cmp: Comparison) -> str:
    return _HTML.render(title=f"产品比较 comparison: {' · '.join(cmp.products)}", summary=cmp.summary, matrices=cmp.matrices)


_FILLS = {Status.EXCLUDED: "FDE2E2", Status.NARROWED: "FFF1CC", Status.SILENT: "F2F2F2"}


def to_xlsx(cmp: Comparison, path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    summary = wb.active
    summary.title = "summary"
    summary.append(["主要差异 material differences"])
    summary["A1"].font = Font(bold=True)
    for line in cmp.summary:
        summary.append([line])
    summary.column_dimensions["A"].width = 140
    for m in cmp.matrices:
        ws = wb.create_sheet(m.title.split()[-1][:31])
        ws.append(["", *m.products])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        for r in m.rows:
            ws.append([r.label, *(c.shown for c in r.cells)])
            row = ws.max_row
            for j, c in enumerate(r.cells, start=2):
                cell = ws.cell(row=row, column=j)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if c.status in _FILLS:
                    cell.fill = PatternFill("solid", fgColor=_FILLS[c.status])
                if c.cite:
                    cell.comment = Comment(f"{m.products[j - 2]}: {c.cite}", "tiaokuan")
            if r.differs:
                ws.cell(row=row, column=1).font = Font(bold=True)
        ws.column_dimensions["A"].width = 28
        for j in range(2, len(m.products) + 2):
            ws.column_dimensions[get_column_letter(j)].width = 38
        ws.freeze_panes = "B2"
    wb.save(str(path))


def add_to_docx(doc, cmp: Comparison, level: int = 1) -> None:
    """The comparison's summary and matrices appended to an open python-docx Document
    (a comparison file of its own, or a chapter of a client pack)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.add_heading(f"产品比较 comparison: {' · '.join(cmp.products)}", level=level)
    doc.add_heading("主要差异 material differences", level=level + 1)
    for line in cmp.summary or ("none found",):
        doc.add_paragraph(line, style="List Bullet")
    for m in cmp.matrices:
        doc.add_heading(m.title, level=level + 1)
        table = doc.add_table(rows=1, cols=len(m.products) + 1)
        table.style = "Table Grid"
        header = table.rows[0]
        # The header row repeats at the top of every page the table runs onto.
        header_props = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_props.append(repeat)
        for cell, text in zip(header.cells, ["", *m.products], strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for r in m.rows:
            cells = table.add_row().cells
            cells[0].text = r.label
            for cell, c in zip(cells[1:], r.cells, strict=True):
                cell.text = c.shown


def orient(section, landscape: bool = True) -> None:
    """Turn a python-docx section to landscape (or back to portrait), swapping its page size."""
    from docx.enum.section import WD_ORIENT

    wanted = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if section.orientation != wanted:
        section.orientation = wanted
        section.page_width, section.page_height = section.page_height, section.page_width


def to_docx(cmp: Comparison, path: str | Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    orient(doc.sections[0])
    normal = doc.styles["Normal"]
    normal.font.size = Pt(9)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")
    add_to_docx(doc, cmp)
    doc.save(str(path))
