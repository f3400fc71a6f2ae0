"""The documents people hand on: in Chinese throughout, from one message catalog,
and on A4 when printed.

Each deliverable of the sample run (comparison, pack, redline, wording, catalog) is
written through the CLI, its words checked for English left in it (product and
file names aside), and — where LibreOffice is installed — printed to PDF, whose
every page must be A4."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tiaokuan.cli import main
from tiaokuan.paper import display_width

from .conftest import ROOT, SAMPLES, soffice_available, soffice_pdf_page_sizes

PRODUCTS = ("patent-enforcement-with-rider.txt", "ip-multipart.txt", "copyright-definitions-first.txt")
OLD, NEW = "patent-enforcement-with-rider.txt", "patent-enforcement-2027.txt"
# Latin words a Chinese output may keep: file names and formats, and the A款 / B款
# style letters of product names are not words.
_WORD = re.compile(r"[A-Za-z]{2,}")
_ALLOWED = re.compile(r"[\w\-./]+\.(?:txt|md|pdf|docx|doc|xlsx|html)|C\d{20,}|https?://\S+")


@pytest.fixture(scope="module")
def deliverables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("deliverables")
    db = out / "clauses.db"
    files = [str(SAMPLES / name) for name in (*PRODUCTS, NEW)]
    assert main(["ingest", *files, "--db", str(db)]) == 0
    made = {}
    names = [str(SAMPLES / name) for name in PRODUCTS]
    for fmt in ("md", "html", "xlsx", "docx"):
        made[f"compare.{fmt}"] = out / f"compare.{fmt}"
        assert main(["compare", *names, "--format", fmt, "-o", str(made[f"compare.{fmt}"])]) == 0
    for fmt in ("md", "html", "docx"):
        made[f"pack.{fmt}"] = out / f"pack.{fmt}"
        assert main(["pack", *names, "-o", str(made[f"pack.{fmt}"]), "--client", "某某科技"]) == 0
    for fmt in ("txt", "html", "docx"):
        made[f"redline.{fmt}"] = out / f"redline.{fmt}"
        assert main(["diff", str(SAMPLES / OLD), str(SAMPLES / NEW), "--format", fmt, "-o", str(made[f"redline.{fmt}"])]) == 0
    for fmt in ("xlsx", "csv", "html"):
        made[f"catalog.{fmt}"] = out / f"catalog.{fmt}"
        assert main(["catalog", "--db", str(db), "--format", fmt, "-o", str(made[f"catalog.{fmt}"])]) == 0
    made["wording.docx"] = out / "wording.docx"
    assert main(["generate", str(ROOT / "examples" / "patent-enforcement-tailored.toml"), "-o", str(made["wording.docx"])]) == 0
    return made


def _text(path: Path) -> str:
    if path.suffix == ".docx":
        doc = Document(str(path))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    if path.suffix == ".xlsx":
        wb = load_workbook(path)
        return "\n".join([*wb.sheetnames, *(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)])
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".html":  # the words shown, not the markup and its style sheet
        text = re.sub(r"<style.*?</style>|<[^>]+>", " ", text, flags=re.S)
    return text


def english_words(path: Path) -> list[str]:
    """The Latin words of a Chinese output, file names and 注册号 aside."""
    return _WORD.findall(_ALLOWED.sub(" ", _text(path)))


def test_every_output_speaks_chinese(deliverables: dict[str, Path]) -> None:
    found = {name: english_words(path) for name, path in deliverables.items()}
    assert {name: words for name, words in found.items() if words} == {}


def test_catalog_columns_fit_their_chinese_text(deliverables: dict[str, Path]) -> None:
    ws = load_workbook(deliverables["catalog.xlsx"]).active
    header = [c.value for c in ws[1]]
    insurer = ws.column_dimensions["A"].width
    assert header[0] == "保险公司" and insurer >= display_width("澄川财产保险股份有限公司")
    assert ws.print_title_rows == "$1:$1" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    values = {c.value for row in ws.iter_rows(min_row=2) for c in row}
    assert "事故发生制" in values and "occurrence" not in values  # the comparison's words for the same value


def test_comparison_workbook_summary_is_a_table_with_marked_wording(deliverables: dict[str, Path]) -> None:
    wb = load_workbook(deliverables["compare.xlsx"], rich_text=True)
    summary = wb["主要差异"]
    assert [c.value for c in summary[1]][:3] == ["序号", "维度", "差异"]
    texts = [str(c.value) for c in summary["D"][1:]]
    assert texts and not any("{+" in t or "[-" in t for t in texts)  # changes are coloured, not marked with brackets
    assert any(type(c.value).__name__ == "CellRichText" for c in summary["D"][1:])
    for ws in wb:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.print_title_rows == "$1:$1"


@pytest.mark.skipif(not soffice_available(), reason="printing to PDF needs LibreOffice (apt install libreoffice-writer libreoffice-calc)")
@pytest.mark.parametrize("name", ["compare.docx", "compare.xlsx", "pack.docx", "redline.docx", "wording.docx", "catalog.xlsx"])
def test_every_document_prints_on_a4(deliverables: dict[str, Path], name: str, tmp_path: Path) -> None:
    if name.endswith(".xlsx") and not soffice_available(calc=True):
        pytest.skip("printing a workbook needs LibreOffice Calc (apt install libreoffice-calc)")
    sizes = soffice_pdf_page_sizes(deliverables[name], tmp_path)
    assert sizes and all(sorted(size) == [210, 297] for size in sizes), sizes


def test_the_message_catalog_extracts_and_is_chinese() -> None:
    """Babel finds the marked messages where babel.cfg says (code and templates), and
    every message id is the Chinese wording itself (placeholders aside)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    messages = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        messages.update(message if isinstance(message, tuple) else (message,))
    assert {"主要差异", "未约定", "条号变动", "事故发生制", "附录：条款全文", "知识产权", "责任免除"} <= messages
    placeholders = re.compile(r"\{\w+\}|%\(\w+\)s")
    assert [m for m in messages if _WORD.search(placeholders.sub("", m))] == []
