"""Scanned clause PDFs (issue 8): OCR'd pages parse like text pages.

The scans are made here from text PDFs (`tests/scans.py`: rasterised at 200 and
300 dpi, skewed, noisy, JPEG), so the text each scan must give back is known:
the parse of the text PDF it was made from. Needs the `ocr` extra.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from tiaokuan.clauses_db import ClauseDB
from tiaokuan.cli import main
from tiaokuan.errors import ScannedPdfError
from tiaokuan.model import Box, WarningCode
from tiaokuan.parse import ParseOptions, ocr_text, parse_bytes, parse_file
from tiaokuan.parse import ocr as ocr_module
from tiaokuan.parse.api import ocr_warnings
from tiaokuan.parse.lines import Hint, Line

from .conftest import ROOT, SAMPLES, soffice_available
from .scans import ScanStyle, cer, clause_text, real_clause_pdfs, scan_pdf, structure

pytestmark = pytest.mark.skipif(not ocr_module.available(), reason='needs the OCR extra: pip install "tiaokuan[ocr]"')

FAST = ParseOptions(language=False)
GOAL = {300: 0.01, 200: 0.02}  # the character error rate goals
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


def _table_shapes(result) -> list[list[int]]:
    return [[len(row) for row in t.rows] for d in result.documents for t in d.tables]


def _table_text(result) -> str:
    return "".join("".join(c.split()) for d in result.documents for t in d.tables for row in t.rows for c in row)


def _check_scan(name: str, text_pdf: bytes, dpi: int) -> None:
    reference = parse_bytes(text_pdf, name, FAST)
    scan = scan_pdf(text_pdf, ScanStyle(dpi=dpi))
    got = parse_bytes(scan, name, FAST)
    edits, length = cer(clause_text(reference), clause_text(got))
    assert edits / length <= GOAL[dpi], f"{name} at {dpi} dpi: CER {edits / length:.2%}"
    assert structure(got) == structure(reference)
    # Ruled tables come back cell for cell; their text is held to the same goal.
    assert _table_shapes(got) == _table_shapes(reference)
    edits, length = cer(_table_text(reference), _table_text(got))
    assert edits <= GOAL[dpi] * length, f"{name} at {dpi} dpi: table CER {edits / max(1, length):.2%}"
    assert got.source.ocr_pages == tuple(range(1, reference.source.pages + 1))
    articles = [a for d in got.documents for s in d.sections for a in s.articles]
    assert articles and all(a.from_ocr and 0 < a.ocr_confidence <= 1 for a in articles)
    # Page provenance survives OCR: every article is on the pages it was on.
    ref_articles = [a for d in reference.documents for s in d.sections for a in s.articles]
    assert [a.pages for a in articles] == [a.pages for a in ref_articles]
    layout = {(w.code, w.page) for w in reference.warnings}
    assert {(w.code, w.page) for w in got.warnings if w.code is not WarningCode.OCR_LOW_CONFIDENCE} == layout


@pytest.mark.parametrize("dpi", [300, 200])
@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_scanned_sample_gives_back_its_text_pdf(pdf: Path, dpi: int) -> None:
    _check_scan(pdf.name, pdf.read_bytes(), dpi)


@pytest.fixture(scope="module")
def real_pdfs(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, bytes]]:
    if not soffice_available():
        pytest.skip("LibreOffice is needed to make text PDFs of the real clauses")
    return real_clause_pdfs(shared_corpus, tmp_path_factory.mktemp("real-pdfs"))


@pytest.mark.corpus
@pytest.mark.libreoffice
@pytest.mark.parametrize("dpi", [300, 200])
def test_scanned_real_clauses_give_back_their_text(real_pdfs: list[tuple[str, bytes]], dpi: int) -> None:
    assert len(real_pdfs) == 3
    for name, data in real_pdfs:
        _check_scan(name, data, dpi)


def _mixed_pdf(text_pdf: bytes, scanned_page: int) -> bytes:
    """The text PDF with one page swapped for its scan."""
    scan = pypdfium2.PdfDocument(scan_pdf(text_pdf, ScanStyle(dpi=200)))
    mixed = pypdfium2.PdfDocument(text_pdf)
    mixed.del_page(scanned_page - 1)
    mixed.import_pages(scan, [scanned_page - 1], index=scanned_page - 1)
    out = io.BytesIO()
    mixed.save(out)
    return out.getvalue()


def test_only_pages_without_a_text_layer_are_ocrd() -> None:
    text_pdf = (SAMPLES / "patent-enforcement-2027.pdf").read_bytes()
    reference = parse_bytes(text_pdf, "p.pdf", FAST)
    got = parse_bytes(_mixed_pdf(text_pdf, 2), "p.pdf", FAST)
    assert got.source.ocr_pages == (2,)
    assert structure(got) == structure(reference)
    for article in (a for d in got.documents for s in d.sections for a in s.articles):
        assert article.from_ocr == (2 in article.pages), (article.label, article.pages)
    # Text-layer articles are exactly as before, character for character.
    same = [(a.label, a.text) for d in reference.documents for s in d.sections for a in s.articles if 2 not in a.pages]
    kept = [(a.label, a.text) for d in got.documents for s in d.sections for a in s.articles if 2 not in a.pages]
    assert kept == same


def test_progress_is_reported_page_by_page_and_jobs_give_the_same_result() -> None:
    scan = scan_pdf((SAMPLES / "trademark-numbering-lost.pdf").read_bytes(), ScanStyle(dpi=200))
    calls: list[tuple[int, int]] = []
    one = parse_bytes(scan, "t.pdf", FAST, on_page=lambda done, total: calls.append((done, total)))
    pages = one.source.pages
    assert calls == [(k, pages) for k in range(1, pages + 1)]
    two = parse_bytes(scan, "t.pdf", ParseOptions(language=False, ocr_jobs=2))
    assert two == one


def test_low_confidence_lines_are_warnings_with_page_and_box() -> None:
    # A rough, low-resolution scan: some lines come out uncertain.
    scan = scan_pdf((SAMPLES / "bold-exclusions.pdf").read_bytes(), ScanStyle(dpi=100, noise=45.0, quality=40, skew=1.2))
    result = parse_bytes(scan, "rough.pdf", FAST)
    low = [w for w in result.warnings if w.code is WarningCode.OCR_LOW_CONFIDENCE]
    assert low, "a 100 dpi noisy scan should have uncertain lines"
    width, height = pypdfium2.PdfDocument(scan)[0].get_size()
    for w in low:
        assert w.page is not None and w.box is not None and w.box.page == w.page
        assert 0 <= w.box.x0 < w.box.x1 <= width + 1 and 0 <= w.box.top < w.box.bottom <= height + 1
        assert "check it against the scan" in w.message
    lowest = min(a.ocr_confidence for d in result.documents for s in d.sections for a in s.articles)
    assert lowest < 1.0


def test_ocr_warnings_flag_exactly_the_uncertain_lines() -> None:
    box = Box(1, 70, 100, 500, 112)
    lines = [
        Line("第一条　本保险合同由保险条款组成。", 1, 1, box=box, confidence=0.99),
        Line("第二条　被保险人应当如实告知。", 1, 2, box=box, confidence=ocr_text.LOW_CONFIDENCE - 0.01),
        Line("第三条　保险期间为一年。", 1, 3, box=box),  # a text layer: never flagged
    ]
    (warning,) = ocr_warnings(lines)
    assert warning.page == 1 and warning.box == box and "第二条" in warning.message


def test_skew_is_measured_and_taken_out() -> None:
    angle = math.radians(0.8)
    boxes = []
    for k in range(12):
        x0, y0, w, h = 70.0, 100.0 + 20 * k, 400.0, 14.0
        dx, dy = math.cos(angle), math.sin(angle)
        pts = ((x0, y0), (x0 + w * dx, y0 + w * dy), (x0 + w * dx - h * dy, y0 + w * dy + h * dx), (x0 - h * dy, y0 + h * dx))
        boxes.append(ocr_text.OcrBox(pts, f"第{'一二三四五六七八九十甲乙'[k]}行保险人应当及时赔偿", 0.98))
    assert ocr_text.deskew_angle(boxes) == pytest.approx(angle, abs=1e-6)
    straight = ocr_text.scan_to_chars(ocr_text.PageScan(1, 595.0, 842.0, tuple(boxes), angle=angle))
    skewed = ocr_text.scan_to_chars(ocr_text.PageScan(1, 595.0, 842.0, tuple(boxes), angle=0.0))
    per_line = len(boxes[0].text)
    for k in range(12):
        line = straight[k * per_line : (k + 1) * per_line]
        assert "".join(c["text"] for c in line) == boxes[k].text
        # Turned straight, a line is as tall as its box and as wide as its text…
        assert line[0]["bottom"] - line[0]["top"] == pytest.approx(14.0, abs=0.01)
        assert line[-1]["x1"] - line[0]["x0"] == pytest.approx(400.0, abs=0.01)
        assert all(a["x1"] == pytest.approx(b["x0"]) for a, b in zip(line, line[1:]))
        # …left as it was, the skew makes every line taller by 400·sin(0.8°).
        assert skewed[k * per_line]["bottom"] - skewed[k * per_line]["top"] == pytest.approx(14.0 * math.cos(angle) + 400 * math.sin(angle), abs=0.01)


def test_the_blank_after_an_opening_article_label_is_put_back() -> None:
    def line(text: str, indent: bool, number: int, ocr: bool = True) -> Line:
        return Line(text, 1, number, indent=indent, confidence=0.97 if ocr else None)

    lines = [
        line("第五条　保险人按照本保险合同约定负责赔偿。", True, 1, ocr=False),
        line("第六条，保险专利遭受第三方侵权，被保险人", True, 2),  # a blank read as a comma
        line("依照第五条、第六条约定的方式通知保险人。", False, 3),
        line("第七条与本保险合同有关的争议，", True, 4),  # the label due next, its blank unseen
        line("第八条、第九条约定的费用由保险人承担；", False, 5),  # a reference carried over
        line("第九条与第十条约定的费用不予赔偿。", True, 6),  # 第八条 is due: a reference
        line("第八条、保险人应当及时核定。", True, 7),
        line("第九条，保险人应当及时核定。", True, 8, ocr=False),  # a text layer says what it says
    ]
    mended = ocr_text.mend_label_gaps(lines)
    assert [m.text for m in mended] == [
        "第五条　保险人按照本保险合同约定负责赔偿。",
        "第六条\u3000保险专利遭受第三方侵权，被保险人",
        "依照第五条、第六条约定的方式通知保险人。",
        "第七条\u3000与本保险合同有关的争议，",
        "第八条、第九条约定的费用由保险人承担；",
        "第九条与第十条约定的费用不予赔偿。",
        "第八条\u3000保险人应当及时核定。",
        "第九条，保险人应当及时核定。",
    ]
    heading = [Line("目录", 1, 1, hint=Hint.HEADING)]
    assert ocr_text.mend_label_gaps(heading) == heading


def test_cli_parses_a_scan_with_jobs_and_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_pdf((SAMPLES / "ip-multipart.pdf").read_bytes(), ScanStyle(dpi=200)))
    assert main(["parse", str(scan), "--jobs", "2", "--progress"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["ocr_pages"] == list(range(1, data["source"]["pages"] + 1))
    assert all(a["ocr_confidence"] for d in data["documents"] for s in d["sections"] for a in s["articles"])
    assert main(["parse", str(scan), "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "OCR on page(s) 1–5" in md and "(OCR, confidence 0." in md


def test_no_ocr_says_how_to_read_the_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_pdf((SAMPLES / "ip-multipart.pdf").read_bytes(), ScanStyle(dpi=100)))
    assert main(["parse", str(scan), "--no-ocr"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [ln for ln in err.splitlines() if ln.startswith("  错误：")]
    assert line.startswith(f"  错误：{scan}：") and "像是扫描件" in line and "去掉 --no-ocr" in line


def test_without_the_extra_the_error_names_it(tmp_path: Path) -> None:
    """A Python where rapidocr cannot be imported, as without the extra."""
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_pdf((SAMPLES / "ip-multipart.pdf").read_bytes(), ScanStyle(dpi=100)))
    program = (
        "import sys; sys.modules['rapidocr_onnxruntime'] = None\n"  # import now raises ImportError
        "from tiaokuan.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    run = subprocess.run([sys.executable, "-c", program, "parse", str(scan)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    (line,) = [ln for ln in run.stderr.splitlines() if ln.startswith("  错误：")]
    assert line.startswith(f"  错误：{scan}：") and 'pip install "tiaokuan[ocr]"' in line


def test_a_scan_of_a_blank_page_is_a_clear_error(tmp_path: Path) -> None:
    blank = tmp_path / "blank.pdf"
    Image.new("L", (1654, 2339), 250).save(blank, format="PDF", resolution=200.0)
    with pytest.raises(ScannedPdfError) as caught:
        parse_file(blank, FAST)
    assert str(caught.value).startswith(f"{blank}：OCR 在全部 1 页上都没有识别出文字")


def test_ocr_provenance_is_stored_and_loaded(db_url: str, tmp_path: Path) -> None:
    text_pdf = (SAMPLES / "patent-enforcement-2027.pdf").read_bytes()
    mixed = tmp_path / "mixed.pdf"
    mixed.write_bytes(_mixed_pdf(text_pdf, 3))
    expected = parse_bytes(mixed.read_bytes(), str(mixed))
    with ClauseDB(db_url) as db:
        report = db.ingest([mixed])
        assert not report.failures
        (version_id,) = db.versions_of(expected.source.sha256)
        assert db.load(version_id) == expected.documents[0]
        assert db.load_source(version_id).ocr_pages == (3,)
        stored = [a for s in db.load(version_id).sections for a in s.articles]
        assert any(a.from_ocr for a in stored) and not all(a.from_ocr for a in stored)


def test_workbench_marks_ocr_articles(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tiaokuan.web import WebSettings, create_app

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_pdf((SAMPLES / "trademark-numbering-lost.pdf").read_bytes(), ScanStyle(dpi=200)))
    db_path = tmp_path / "clauses.db"
    with ClauseDB(str(db_path)) as db:
        assert not db.ingest([scan]).failures
        (version_id,) = db.versions_of(hashlib.sha256(scan.read_bytes()).hexdigest())
    app = create_app(WebSettings(db_url=str(db_path), data_dir=tmp_path / "data"))
    page = TestClient(app).get(f"/product/{version_id}").text
    assert page.count('<span class="ocr" title="扫描件经OCR识别') >= 5
    assert re.search(r">识别置信度 0\.\d\d</span>", page)


def test_a_misread_page_number_is_still_layout() -> None:
    from tiaokuan.parse.layout import strip_running_text

    def line(text: str, page: int, number: int, x0: float, top: float, ocr: bool = True) -> Line:
        box = Box(page, x0, top, x0 + 9 * max(1, len(text)), top + 9)
        return Line(text, page, number, box=box, edge=top > 770, confidence=0.99 if ocr else None)

    lines = []
    for page in (1, 2, 3):
        lines += [line("第一条　本保险合同由保险条款组成。", page, 3 * page, 95, 100), line("保险人应当及时赔偿。", page, 3 * page + 1, 70, 700)]
        if page == 3:
            lines.append(line("3", page, 3 * page + 2, 294, 799))
    scrap = replace(line("D", 5, 20, 297, 801), confidence=0.64)  # the 5 of page 5, misread
    body = line("D", 5, 19, 70, 300)  # the same scrap mid-page is text, not layout
    off = line("D", 5, 21, 70, 801)  # in the band, but not where the numbers stand
    kept, removed = strip_running_text([*lines, body, scrap, off], paged=True)
    assert (5, "D") in removed and (3, "3") in removed
    assert body in kept and off in kept
