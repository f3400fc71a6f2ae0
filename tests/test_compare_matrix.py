"""Term, exclusion and coverage matrices: every cell cites its article, silence is
not exclusion, and the outputs (Markdown golden, XLSX, DOCX, CLI) hold them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tiaokuan.cli import main
from tiaokuan.compare import Dimension, Effect, Kind, Product, Status, compare_products
from tiaokuan.compare.compare_out import to_docx, to_html, to_json, to_markdown, to_xlsx
from tiaokuan.compare.matrix import exclusion_matrix, term_matrix
from tiaokuan.parse.api import parse_file

from .conftest import GOLDEN, SAMPLES, soffice_available, soffice_pdf_pages

SAMPLE_PRODUCTS = ("patent-enforcement-with-rider.txt", "ip-multipart.txt", "copyright-definitions-first.txt")


def _products() -> list[Product]:
    out = []
    for name in SAMPLE_PRODUCTS:
        docs = parse_file(SAMPLES / name).documents
        out.append(Product(docs[0].product or name, docs[0], tuple(d.product for d in docs[1:] if d.rider)))
    return out


def test_sample_comparison_matches_golden(regen_golden: bool) -> None:
    actual = to_markdown(compare_products(_products()))
    golden = GOLDEN / "compare-samples.md"
    if regen_golden:
        golden.write_text(actual, encoding="utf-8")
        pytest.fail("regenerated compare-samples.md; review it and run again without --regen-golden")
    assert actual == golden.read_text(encoding="utf-8")


def test_cells_cite_articles_and_silence_is_not_exclusion() -> None:
    products = _products()
    terms = term_matrix(products)
    riders = next(r for r in terms.rows if r.key == "riders")
    assert riders.cells[0].status is Status.VALUE and "附加专利权无效宣告费用保险" in riders.cells[0].value
    assert riders.cells[1].status is Status.SILENT
    for row in terms.rows:
        for cell in row.cells:
            if cell.status is Status.VALUE and row.key not in ("identity", "line", "riders"):
                assert cell.cite, (row.key, cell)  # 第X条, or the chapter of an unnumbered passage
    exclusions = exclusion_matrix(products)
    statuses = {c.status for r in exclusions.rows for c in r.cells}
    assert Status.EXCLUDED in statuses and Status.SILENT in statuses
    for row in exclusions.rows:
        for cell in row.cells:
            assert (cell.status is Status.SILENT) == (cell.cite == "")


def test_xlsx_docx_json(tmp_path: Path) -> None:
    result = compare_products(_products())
    xlsx, docx = tmp_path / "cmp.xlsx", tmp_path / "cmp.docx"
    to_xlsx(result, xlsx)
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["summary", "逐项差异", "terms", "exclusions", "cover"]
    terms = wb["terms"]
    assert terms.freeze_panes == "B2" and [c.value for c in terms[1]][1:] == list(result.products)
    assert any(c.comment and "第" in c.comment.text for row in terms.iter_rows(min_row=2) for c in row)
    to_docx(result, docx)
    document = Document(str(docx))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert all(t.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for t in document.tables)
    data = json.loads(to_json(result))
    assert data["products"] == list(result.products) and len(data["matrices"]) == 3
    if soffice_available():
        (tmp_path / "cmp.html").write_text(to_html(result), encoding="utf-8")
        for path in (docx, tmp_path / "cmp.html", *([xlsx] if soffice_available(calc=True) else [])):
            assert soffice_pdf_pages(path, tmp_path) >= 1, path.name


def test_cli_compare_files_and_errors(tmp_path: Path, capsys) -> None:
    files = [str(SAMPLES / n) for n in SAMPLE_PRODUCTS[:2]]
    assert main(["compare", *files, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["products"] == ["澄川专利执行保险", "澄川知识产权综合保险"]
    assert main(["compare", files[0]]) == 2
    assert main(["compare", *files, "--format", "xlsx"]) == 2  # needs -o
    assert main(["compare", *files, "--format", "xlsx", "-o", str(tmp_path / "c.xlsx")]) == 0


def test_cli_compare_from_the_database(tmp_path: Path, capsys) -> None:
    db = tmp_path / "c.db"
    assert main(["ingest", str(SAMPLES), "--db", str(db), "--no-progress", "--report", str(tmp_path / "r.json")]) == 0
    assert main(["compare", "澄川专利执行保险", "植物新品种权保险", "--db", str(db), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| 代位求偿范围 |" in out and "附加专利权无效宣告费用保险" in out  # its rider, from the database
    assert main(["compare", "澄川", "植物新品种权保险", "--db", str(db)]) == 1
    assert "matches" in capsys.readouterr().err  # ambiguous: the candidates are listed


@pytest.mark.corpus
def test_patent_infringement_a_and_b_differences(shared_corpus: Path) -> None:
    a = parse_file(next((shared_corpus / "text").glob("IP02_*"))).documents[0]
    b = parse_file(next((shared_corpus / "text").glob("IP03_*"))).documents[0]
    result = compare_products([Product("A款", a), Product("B款", b)])
    terms, exclusions = result.matrices[0], result.matrices[1]
    limitation = next(r for r in terms.rows if r.key == "limitation_period")
    # A款 says nothing of 诉讼时效; B款 第二十九条: 二年.
    assert limitation.cells[0].status is Status.SILENT
    assert (limitation.cells[1].value, limitation.cells[1].cite) == ("二年", "第二十九条")
    contract = next(r for r in exclusions.rows if r.key == "contractual_liability")
    # A款 第六条（七） excludes liability under agreements outright; B款 第七条（三） excludes
    # contractual liability but keeps what would be owed without the contract.
    assert contract.cells[0].status is Status.EXCLUDED and contract.cells[0].cite == "第六条（七）"
    assert contract.cells[1].status is Status.NARROWED and contract.cells[1].cite == "第七条（三）"
    compulsory = next(r for r in exclusions.rows if r.key == "compulsory_licence")
    assert [c.cite for c in compulsory.cells] == ["第六条（二）", "第六条（二）"]
    # Read off the aligned wording: B款 adds 重大过失 to the intentional-acts exclusion …
    gross = next(d for d in result.differences if d.material and d.sides[1].citations == ("第六条（一）",))
    assert (gross.sides[0].citations, gross.kind, gross.effect) == (("第六条（一）",), Kind.WIDER, Effect.WORSE)
    assert "{+重大过失、+}" in gross.sides[1].marked
    # … and a 诉讼时效 A款 has nowhere, definitions included.
    limit = next(d for d in result.differences if d.material and d.sides[1].citations == ("第二十九条",))
    assert limit.kind is Kind.ONLY_IN and not limit.sides[0].citations
    # 关联关系 loses 合营企业 in B款: the definition differs and names the exclusions that use it.
    related = next(d for d in result.differences if d.material and d.dimension is Dimension.DEFINITIONS and "关联关系" in d.what)
    assert any("第七条（二）" in a for a in related.affects)
