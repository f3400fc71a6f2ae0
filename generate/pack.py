"""A client comparison pack in one Word file: a cover naming the products, the
differences summary and the term, exclusion and cover matrices (landscape, header
rows repeated), and an appendix with the full wording of every product."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tiaokuan.compare import Comparison, Product, compare_products
from tiaokuan.compare.compare_out import add_to_docx
from tiaokuan.i18n import _
from tiaokuan.paper import a4_section

from .build import Wording
from .docx_out import BODY_FONT, centred, header_footer, new_document, set_font, write_clause
from .view import wording_view


def _cover_lines(products: list[Product], wordings: list[Wording]) -> list[str]:
    """One line per product for the cover: insurer, product and 注册号."""
    return [
        "　".join(x for x in (w.document.insurer, p.name, w.document.registration_no and f"注册号 {w.document.registration_no}") if x)
        for p, w in zip(products, wordings, strict=True)
    ]


def pack_docx(products: list[Product], wordings: list[Wording], path: str | Path, client: str | None = None, on: date | None = None) -> Comparison:
    """Write the pack for `products` (2 to 10; `wordings` are their full texts in the
    same order) to `path`, and return the comparison it shows."""
    result = compare_products(products)
    document = new_document()
    header_footer(document, client or "", "保险产品比较报告")
    for _blank in range(6):
        document.add_paragraph()
    centred(document, "保险产品比较报告", size=22)
    if client:
        centred(document, f"致：{client}", size=14)
    document.add_paragraph()
    for line in _cover_lines(products, wordings):
        para = document.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(para.add_run(line), BODY_FONT)
    when = on or date.today()
    centred(document, f"{when.year}年{when.month}月{when.day}日", size=12)
    notice = document.add_paragraph()
    notice.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(notice.add_run("本报告依据各产品条款文本比较生成，每项结论均注明所依据的条款；以保险合同约定为准。"), BODY_FONT, size=9)
    matrices = document.add_section(WD_SECTION.NEW_PAGE)
    a4_section(matrices, landscape=True)
    add_to_docx(document, result, level=1)
    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    a4_section(appendix)
    document.add_heading(_("附录：条款全文"), level=1)
    for k, w in enumerate(wordings):
        if k:
            document.add_page_break()
        write_clause(document, w)
    document.save(str(path))
    return result


def pack_text(products: list[Product], wordings: list[Wording], fmt: str, client: str | None = None, on: date | None = None, templates: Path | None = None) -> tuple[str, Comparison]:
    """The pack as Markdown or HTML (`fmt` "md" or "html") from the Jinja2 templates
    pack.md.j2 / pack.html.j2, and the comparison it shows."""
    from .render import render_template

    result = compare_products(products)
    when = on or date.today()
    pack = {
        "client": client,
        "date": f"{when.year}年{when.month}月{when.day}日",
        "products": _cover_lines(products, wordings),
        "summary": result.summary,
        "matrices": result.matrices,
        "wordings": [wording_view(w) for w in wordings],
    }
    return render_template(f"pack.{fmt}.j2", templates, pack=pack), result
