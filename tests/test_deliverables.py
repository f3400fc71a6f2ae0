"""The documents people hand on: in Chinese throughout, from one message catalog,
and on A4 when printed.

Each deliverable of the sample run (comparison, pack, redline, wording, catalog) is
written through the CLI, its words checked for English left in it (product and
file names aside), and — where LibreOffice is installed — printed to PDF, whose
every page must be A4. The catalog itself is checked in tests/test_messages.py."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tiaokuan.cli import main
from tiaokuan.paper import SHEET_FONT_PT, SMALLEST_PRINTED_PT, column_breaks, display_width, usable_width_pt

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
    for fmt in ("md", "docx"):  # two versions of one product: words deleted as well as added
        made[f"compare-versions.{fmt}"] = out / f"compare-versions.{fmt}"
        assert main(["compare", str(SAMPLES / OLD), str(SAMPLES / NEW), "--format", fmt, "-o", str(made[f"compare-versions.{fmt}"])]) == 0
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
    values = {c.value for row in ws.iter_rows(min_row=2) for c in row}
    assert "事故发生制" in values and "occurrence" not in values  # the comparison's words for the same value


def test_catalog_prints_legibly_across_pages(deliverables: dict[str, Path]) -> None:
    """Not fitted to one page width (31 columns at 2.6 pt): printed at a scale that
    keeps its text at 8 pt or more, 保险公司 and 产品 and the header row on every
    page, the columns broken across pages, the pages of a band of rows together."""
    ws = load_workbook(deliverables["catalog.xlsx"]).active
    setup = ws.page_setup
    assert int(setup.paperSize) == int(ws.PAPERSIZE_A4) and setup.orientation == "landscape"
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 0
    assert SHEET_FONT_PT * setup.scale / 100 >= SMALLEST_PRINTED_PT
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$B"
    assert setup.pageOrder == "overThenDown"
    breaks = [b.id for b in ws.col_breaks.brk]
    assert breaks and breaks == sorted(breaks) and 2 < breaks[0] and breaks[-1] < ws.max_column
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text  # pages numbered for the file


@pytest.fixture(scope="module")
def printed(deliverables: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The catalog workbook and the comparison in Word, printed to PDF by LibreOffice."""
    if not soffice_available(calc=True):
        pytest.skip("printing needs LibreOffice Writer and Calc (apt install libreoffice-writer libreoffice-calc)")
    out = tmp_path_factory.mktemp("printed")
    names = ("catalog.xlsx", "compare.docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), *(str(deliverables[n]) for n in names)], check=True, capture_output=True)
    return {name: out / f"{Path(name).stem}.pdf" for name in names}


def _pdf_pages(path: Path) -> list[tuple[tuple[float, float], str, list[float]]]:
    """Each page of a PDF: its size in mm, its text without white space, and the
    printed size of each character in points."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [
            ((float(p.width) * 25.4 / 72, float(p.height) * 25.4 / 72), re.sub(r"\s+", "", p.extract_text() or ""), [c["size"] for c in p.chars])
            for p in pdf.pages
        ]


def test_printed_catalog_is_readable_on_every_page(deliverables: dict[str, Path], printed: dict[str, Path]) -> None:
    ws = load_workbook(deliverables["catalog.xlsx"]).active
    across = len(ws.col_breaks.brk) + 1
    pages = _pdf_pages(printed["catalog.xlsx"])
    assert all(round(width) == 297 and round(height) == 210 for (width, height), _text, _sizes in pages)  # A4 landscape
    assert all("保险公司" in text and "产品" in text for _size, text, _sizes in pages)  # key columns and header on every page
    # Pages come in bands of `across`, the first of each holding 注册号 and the last the
    # source files: LibreOffice broke the pages where the workbook says and nowhere else.
    firsts = [k for k, (_size, text, _sizes) in enumerate(pages) if "注册号" in text]
    lasts = [k for k, (_size, text, _sizes) in enumerate(pages) if "来源文件" in text]
    assert len(pages) == across * len(firsts) and firsts == list(range(0, len(pages), across))
    assert lasts == [k + across - 1 for k in firsts]
    assert statistics.median(size for _size, _text, sizes in pages for size in sizes) >= SMALLEST_PRINTED_PT - 0.05


@given(st.lists(st.integers(min_value=4, max_value=60), min_size=1, max_size=30), st.integers(min_value=60, max_value=150), st.sets(st.integers(min_value=0, max_value=29)))
def test_column_breaks_use_the_fewest_pages(widths: list[int], room: int, starts: set[int]) -> None:
    """Every page holds no more than its room (a column too wide for any page has
    one of its own), and no layout takes fewer pages: the fewest are what filling
    each page before the next gives."""
    pages, _inside, breaks = column_breaks(widths, room, frozenset(starts))
    bounds = [0, *breaks, len(widths)]
    assert list(bounds) == sorted(set(bounds))
    for start, end in zip(bounds, bounds[1:], strict=False):
        assert sum(widths[start:end]) <= room or end - start == 1
    filled, used = 1, 0
    for width in widths:
        if used and used + width > room:
            filled, used = filled + 1, 0
        used += width
    assert pages == filled == len(breaks) + 1 or any(w > room for w in widths)


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
    if name in LANDSCAPE:
        assert all(width > height for width, height in sizes), sizes


LANDSCAPE = {"compare.docx", "compare.xlsx", "catalog.xlsx"}


@pytest.mark.parametrize("name", ["compare", "compare-versions"])
def test_comparison_document_summary_is_a_table(deliverables: dict[str, Path], name: str) -> None:
    """主要差异 in Word as in the workbook: a table of 序号 · 维度 · 差异 · 说明, one row
    a line of the summary, the changed words in colour, its header row repeated on
    each page, its columns fixed to fill the landscape page."""
    doc = Document(str(deliverables[f"{name}.docx"]))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["序号", "维度", "差异"] and header[3].startswith("说明")
    assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    markdown = deliverables[f"{name}.md"].read_text(encoding="utf-8")
    summary = markdown.split("## 主要差异", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in summary.splitlines() if line.startswith("- ")]
    rows = table.rows[1:]
    assert [r.cells[0].text for r in rows] == [str(k) for k in range(1, len(lines) + 1)]
    assert [f"【{r.cells[1].text}·{r.cells[2].text}】" for r in rows] == [re.match(r"- (【[^】]+】)", line)[1] for line in lines]
    assert not any("{+" in r.cells[3].text or "[-" in r.cells[3].text for r in rows)
    # The words the Markdown marks [-deleted-] are red and struck through in Word, and
    # those it marks {+added+} blue and underlined, piece for piece.
    runs = [run for r in rows for run in r.cells[3].paragraphs[0].runs]
    deleted, added = re.findall(r"\[-(.*?)-\]", summary, re.S), re.findall(r"\{\+(.*?)\+\}", summary, re.S)
    assert deleted or added
    assert [run.text for run in runs if run.font.strike and str(run.font.color.rgb) == "B00020"] == deleted
    assert [run.text for run in runs if run.font.underline and str(run.font.color.rgb) == "0B5394"] == added
    assert not [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    grid = [int(col.get(qn("w:w"))) / 20 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]  # twips to points
    assert abs(sum(grid) - usable_width_pt(doc.sections[0])) < 1 and max(grid) == grid[3]
    assert all(abs(cell.width.pt - width) < 0.1 for r in table.rows for cell, width in zip(r.cells, grid, strict=True))
    dimension = max(display_width(r.cells[1].text) for r in rows)
    assert grid[1] >= min(dimension, 20) * doc.styles["Normal"].font.size.pt / 2  # 投保人、被保险人义务 on one line


def test_printed_comparison_repeats_the_summary_header(printed: dict[str, Path]) -> None:
    pages = _pdf_pages(printed["compare.docx"])
    end = next(k for k, (_size, text, _sizes) in enumerate(pages) if "逐项差异" in text)
    assert end > 0 and all("序号维度差异说明" in text for _size, text, _sizes in pages[: end + 1])
