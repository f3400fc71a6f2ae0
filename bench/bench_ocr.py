"""Benchmark of OCR for scanned clauses (issue 8): error rate, structure, speed.

Every text PDF of the sample corpus (and, when ../shared/corpus and LibreOffice
are there, three real clauses: the 申能 clause typeset by tiaokuan's generator
and two insurers' Word files converted as they are) is scanned by
`tests/scans.py` — rasterised at 200 and 300 dpi, turned by ±0.4–0.6°, grey
noise, JPEG — and the scan is parsed. Against the parse of the text PDF:

- CER: edit distance of all clause text (titles, headings, labels, articles;
  whitespace removed) over its length; goals ≤ 1 % at 300 dpi, ≤ 2 % at 200 dpi;
- structure: section types, article labels and item counts identical;
- tables: cell texts of ruled tables identical;
- low-confidence warnings: how many OCR'd lines hold a misread, how many of
  those were flagged, and how many lines were flagged — at tiaokuan's threshold
  and at others.

Speed at 300 dpi on this machine's cores, on one long scan (every document
above bound into one PDF), seconds per page, in one process: baseline: parsing
the text PDF (text layer); stock RapidOCR (its default pipeline on the same page
images, every fourth page); tiaokuan's OCR with --jobs 1 and --jobs 2 (goal
< 2 s per page); and long lines read at the recogniser's trained height (48 px)
instead of tiaokuan's 32 px, to show what that choice buys and costs.

    python bench/bench_ocr.py [--corpus ../shared/corpus] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from timing import ROOT, SHARED_CORPUS  # also puts the repository on sys.path

from tests.scans import ScanStyle, cer, clause_text, real_clause_pdfs, scan_pdf, structure
from tiaokuan.parse import ParseOptions, ocr, parse_bytes
from tiaokuan.parse.api import read_source, source_to_result
from tiaokuan.parse.lines import Line, RawSource
from tiaokuan.parse.ocr_text import LOW_CONFIDENCE
from tiaokuan.text.labels import squash

FAST = ParseOptions(language=False)


def documents(corpus: Path, work: Path) -> list[tuple[str, bytes]]:
    docs = [(p.name, p.read_bytes()) for p in sorted((ROOT / "corpus").glob("*.pdf"))]
    if (corpus / "doc").is_dir() and (shutil.which("soffice") or shutil.which("libreoffice")):
        docs += real_clause_pdfs(corpus, work)
    return docs


def table_text(result) -> str:
    return "".join(squash(c) for d in result.documents for t in d.tables for row in t.rows for c in row)


def table_shapes(result) -> list:
    return [[len(row) for row in t.rows] for d in result.documents for t in d.tables]


def line_checks(reference: RawSource, scanned: RawSource) -> list[tuple[float, bool]]:
    """(confidence, misread) of every OCR'd line: a line holds a misread when
    its text is not a stretch of the text layer's."""
    known = "".join(squash(ln.text) for ln in reference.lines)
    return [
        (ln.confidence, squash(ln.text) not in known)
        for ln in scanned.lines
        if isinstance(ln, Line) and ln.confidence is not None
    ]


def flag_report(checks: list[tuple[float, bool]], threshold: float) -> str:
    wrong = sum(bad for _, bad in checks)
    flagged = sum(c < threshold for c, _ in checks)
    caught = sum(bad and c < threshold for c, bad in checks)
    return f"misread lines {wrong:2}, flagged {caught:2} of {flagged:2} low-confidence"


def table_note(ref, got) -> str:
    if not table_shapes(ref):
        return "none"
    if table_shapes(ref) != table_shapes(got):
        return "DIFFERENT SHAPE"
    e, n = cer(table_text(ref), table_text(got))
    return f"same shape, CER {e / n:.2%}"


def quality(docs: list[tuple[str, bytes]], dpi: int) -> None:
    edits = length = 0
    same = 0
    every: list[tuple[float, bool]] = []
    print(f"\n== {dpi} dpi ==")
    for name, data in docs:
        ref_raw = read_source(data, name, FAST)
        ref = source_to_result(ref_raw, FAST)
        raw = read_source(scan_pdf(data, ScanStyle(dpi=dpi)), name, FAST)
        got = source_to_result(raw, FAST)
        e, n = cer(clause_text(ref), clause_text(got))
        edits, length = edits + e, length + n
        ok = structure(ref) == structure(got)
        same += ok
        checks = line_checks(ref_raw, raw)
        every += checks
        print(
            f"{name[:34]:34} {ref.source.pages:3} pages  CER {e / n:7.3%} ({e:3}/{n})"
            f"  structure {'same' if ok else 'DIFFERENT'}"
            f"  tables {table_note(ref, got)}"
            f"  {flag_report(checks, LOW_CONFIDENCE)}"
        )
    print(f"ALL: CER {edits / length:.3%} ({edits}/{length}); structure identical on {same} of {len(docs)} documents")
    print(f"OCR'd lines: {len(every)}; low-confidence warnings at other thresholds (tiaokuan: {LOW_CONFIDENCE}):")
    for threshold in (0.80, 0.85, 0.90, 0.95, 0.98):
        print(f"  below {threshold:.2f}: {flag_report(every, threshold)}")


def merged(docs: list[tuple[str, bytes]]) -> bytes:
    """All documents as one PDF: a long scan, as a bound filing is."""
    import io

    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    for _, data in docs:
        out.import_pages(pypdfium2.PdfDocument(data))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def speed(docs: list[tuple[str, bytes]]) -> None:
    import numpy as np
    import pypdfium2
    from rapidocr_onnxruntime import RapidOCR

    text_pdf = merged(docs)
    scan = scan_pdf(text_pdf, ScanStyle(dpi=300))
    pages = len(pypdfium2.PdfDocument(text_pdf))
    cores = os.cpu_count() or 1
    print(f"\n== speed at 300 dpi: one scan of {pages} pages, {cores} cores ==")

    def timed(fn):
        t = time.perf_counter()
        result = fn()
        return result, (time.perf_counter() - t) / pages

    reference, text = timed(lambda: parse_bytes(text_pdf, "all.pdf", FAST))
    ocr._engine(cores)  # models loaded outside the timings, as in a long batch
    one_result, one = timed(lambda: parse_bytes(scan, "all.pdf", FAST))
    _, two = timed(lambda: parse_bytes(scan, "all.pdf", ParseOptions(language=False, ocr_jobs=2)))
    saved = ocr.RECOGNISE_HEIGHT
    ocr.RECOGNISE_HEIGHT = 48
    try:
        tall_result, tall = timed(lambda: parse_bytes(scan, "all.pdf", FAST))
    finally:
        ocr.RECOGNISE_HEIGHT = saved
    one_cer = cer(clause_text(reference), clause_text(one_result))
    tall_cer = cer(clause_text(reference), clause_text(tall_result))
    stock_engine = RapidOCR()
    document = pypdfium2.PdfDocument(scan)
    sample = range(0, pages, 4)  # every fourth page: the stock pipeline is slow
    t = time.perf_counter()
    for k in sample:
        stock_engine(np.ascontiguousarray(document[k].render(scale=300 / 72).to_numpy()[..., :3]))
    stock = (time.perf_counter() - t) / len(sample)
    print(f"text layer (baseline)        {text:6.3f} s/page  1.00×")
    print(f"stock RapidOCR pipeline      {stock:6.3f} s/page  {stock / text:7.1f}×  ({len(sample)} pages)")
    for label, value in (("tiaokuan OCR, --jobs 1", one), ("tiaokuan OCR, --jobs 2", two)):
        ratios = f"{value / text:7.1f}×  {value / stock:.2f}× stock"
        print(f"{label:28} {value:6.3f} s/page  {ratios}  {1 / value:.2f} pages/s")
    print(f"recogniser at 32 px (tiaokuan): CER {one_cer[0] / one_cer[1]:.3%}")
    tall_rate = tall_cer[0] / tall_cer[1]
    print(f"recogniser at 48 px, jobs 1  {tall:6.3f} s/page  {tall / one:.2f}× tiaokuan's; CER {tall_rate:.3%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    ap.add_argument("--quick", action="store_true", help="sample corpus, 300 dpi quality only, no speed runs")
    parts = ["all", "quality", "speed"]
    ap.add_argument("--part", choices=parts, default="all", help="only the quality or the speed part")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = documents(Path("/nonexistent") if args.quick else args.corpus, Path(tmp))
        if args.part != "speed":
            for dpi in (300,) if args.quick else (300, 200):
                quality(docs, dpi)
        if not args.quick and args.part != "quality":
            speed(docs)


if __name__ == "__main__":
    main()
