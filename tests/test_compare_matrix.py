"""Term, exclusion and coverage matrices: every cell cites its article, silence is
not exclusion, and the outputs (Markdown golden, XLSX, DOCX, CLI) hold them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tiaokuan.cli import main
from tiaokuan.compare import Dimension, Effect, Kind, Product, Status, column_names, compare_products
from tiaokuan.compare.compare_out import to_docx, to_html, to_json, to_markdown, to_xlsx
from tiaokuan.compare.matrix import exclusion_matrix, term_matrix
from tiaokuan.parse.api import parse_file
from tiaokuan.text import insurer_labels, insurer_short_name, insurers_named

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
    assert wb.sheetnames == ["主要差异", "逐项差异", "条款要素", "责任免除", "保障费用"]
    terms = wb["条款要素"]
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
    assert "与 2 个产品相符；请指明其中一个：澄川专利执行保险、澄川知识产权综合保险" in capsys.readouterr().err  # ambiguous: the candidates are listed



def test_insurer_short_names() -> None:
    for full, short in (
        ("太平科技保险股份有限公司", "太平科技"),
        ("紫金财产保险股份有限公司", "紫金"),
        ("中国平安财产保险股份有限公司", "平安"),
        ("华泰财产保险有限公司", "华泰"),
        ("中国太平洋财产保险股份有限公司北京分公司", "太平洋"),  # the branch goes with the legal form
        ("中国人民财产保险股份有限公司", "人保"),  # the rule's 人民 is no name: the market's own
        ("澄川财产保险股份有限公司", "澄川"),
        ("", ""),
    ):
        assert insurer_short_name(full) == short, full
    # Insurers whose short names coincide keep their full names.
    head, branch = "青岚保险股份有限公司", "青岚财产保险有限公司"
    assert insurer_labels([head, branch, "紫金财产保险股份有限公司"]) == [head, branch, "紫金"]
    # A short name typed whole names that insurer only, though it is part of others' names.
    insurers = ["太平财产保险有限公司", "太平科技保险股份有限公司", "中国太平洋财产保险股份有限公司"]
    assert insurers_named("太平", insurers) == ["太平财产保险有限公司"]
    assert insurers_named("太平科", insurers) == ["太平科技保险股份有限公司"]
    assert insurers_named("人保", ["中国人民财产保险股份有限公司", *insurers]) == ["中国人民财产保险股份有限公司"]


def test_columns_of_one_name_from_different_insurers_name_the_insurer() -> None:
    old, new = (parse_file(SAMPLES / f).documents[0] for f in ("patent-enforcement-with-rider.txt", "patent-enforcement-2027.txt"))
    other = replace(old, insurer="青岚科技保险股份有限公司")
    name = old.product
    assert column_names([name, name], [old, other]) == [f"澄川 {name}", f"青岚科技 {name}"]
    # Two filings of one insurer and a third insurer's product: the insurer, then the filing.
    assert column_names([name] * 3, [old, new, other]) == [f"澄川 {name} 2026版", f"澄川 {name} 2027版", f"青岚科技 {name}"]
    # Without an insurer printed, only order is left to tell them apart.
    assert column_names([name, name], [replace(old, insurer=None), replace(other, insurer=None, registration_no=None)])[1] == f"{name} #2"


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
