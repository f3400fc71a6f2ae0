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
- low-confidence warnings: how many OCR'd lines hold a misread, and how many
  of those were flagged (recall) / how many flagged lines hold one (precision).

Speed at 300 dpi on this machine's cores, medians over the pages, in one process:
baseline: parsing the text PDF (text layer); stock RapidOCR (its default
pipeline on the same page images); tiaokuan's OCR with --jobs 1 and --jobs 2
(goal < 2 s per page); and the recogniser at its trained height (48 px) instead
of tiaokuan's 32 px, to show what that choice buys and costs.

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

from parse import ParseOptions, ocr, parse_bytes
from parse.api import read_source, source_to_result
from parse.labels import squash
from parse.lines import Line, RawSource
from parse.ocr_text import LOW_CONFIDENCE
from tests.scans import ScanStyle, cer, clause_text, real_clause_pdfs, scan_pdf, structure

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


def misread_lines(reference: bytes, scanned: RawSource, threshold: float) -> tuple[int, int, int]:
    """(OCR'd lines holding a misread, of those flagged, lines flagged): a line
    holds a misread when its text is not a stretch of the text layer's."""
    ref = read_source(reference, "ref.pdf", FAST)
    known = "".join(squash(ln.text) for ln in ref.lines)
    wrong = flagged_wrong = flagged = 0
    for ln in scanned.lines:
        if not isinstance(ln, Line) or ln.confidence is None:
            continue
        bad = squash(ln.text) not in known
        low = ln.confidence < threshold
        wrong += bad
        flagged += low
        flagged_wrong += bad and low
    return wrong, flagged_wrong, flagged


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
    print(f"\n== {dpi} dpi ==")
    for name, data in docs:
        ref = parse_bytes(data, name, FAST)
        raw = read_source(scan_pdf(data, ScanStyle(dpi=dpi)), name, FAST)
        got = source_to_result(raw, FAST)
        e, n = cer(clause_text(ref), clause_text(got))
        edits, length = edits + e, length + n
        ok = structure(ref) == structure(got)
        same += ok
        wrong, caught, flagged = misread_lines(data, raw, LOW_CONFIDENCE)
        print(
            f"{name[:34]:34} {ref.source.pages:3} pages  CER {e / n:7.3%} ({e:3}/{n})  structure {'same' if ok else 'DIFFERENT'}"
            f"  tables {table_note(ref, got)}"
            f"  misread lines {wrong:2}, flagged {caught:2} of {flagged:2} low-confidence"
        )
    print(f"ALL: CER {edits / length:.3%} ({edits}/{length}); structure identical on {same} of {len(docs)} documents")


def speed(docs: list[tuple[str, bytes]]) -> None:
    import numpy as np
    import pypdfium2
    from rapidocr_onnxruntime import RapidOCR

    pages = sum(len(pypdfium2.PdfDocument(d)) for _, d in docs)
    scans = [(name, scan_pdf(data, ScanStyle(dpi=300))) for name, data in docs]
    cores = os.cpu_count() or 1
    print(f"\n== speed at 300 dpi, {pages} pages, {cores} cores ==")

    def timed(fn) -> float:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t

    text = timed(lambda: [parse_bytes(d, n, FAST) for n, d in docs]) / pages
    ocr._engine(cores)  # models loaded outside the timings, as in a long batch
    one = timed(lambda: [parse_bytes(s, n, FAST) for n, s in scans]) / pages
    two = timed(lambda: [parse_bytes(s, n, ParseOptions(language=False, ocr_jobs=2)) for n, s in scans]) / pages
    saved = ocr.RECOGNISE_HEIGHT
    ocr.RECOGNISE_HEIGHT = 48
    try:
        tall = timed(lambda: [parse_bytes(s, n, FAST) for n, s in scans]) / pages
        edits = length = 0
        for (name, data), (_, s) in zip(docs, scans):
            e, n = cer(clause_text(parse_bytes(data, name, FAST)), clause_text(parse_bytes(s, name, FAST)))
            edits, length = edits + e, length + n
        tall_cer = edits / length
    finally:
        ocr.RECOGNISE_HEIGHT = saved
    stock_engine = RapidOCR()
    sample = scans[: max(1, len(scans) // 3)]
    stock_pages = 0
    t = time.perf_counter()
    for _, s in sample:
        pdf = pypdfium2.PdfDocument(s)
        for k in range(len(pdf)):
            image = np.ascontiguousarray(pdf[k].render(scale=300 / 72).to_numpy()[..., :3])
            stock_engine(image)
            stock_pages += 1
    stock = (time.perf_counter() - t) / stock_pages
    print(f"text layer (baseline)        {text:6.3f} s/page  1.00×")
    print(f"stock RapidOCR pipeline      {stock:6.3f} s/page  {stock / text:7.1f}×  ({stock_pages} pages)")
    print(f"tiaokuan OCR, --jobs 1       {one:6.3f} s/page  {one / text:7.1f}×  {one / stock:.2f}× stock  {1 / one:.2f} pages/s")
    print(f"tiaokuan OCR, --jobs 2       {two:6.3f} s/page  {two / text:7.1f}×  {two / stock:.2f}× stock  {1 / two:.2f} pages/s")
    print(f"recogniser at 48 px, jobs 1  {tall:6.3f} s/page  {tall / one:.2f}× tiaokuan's 32 px; CER {tall_cer:.3%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    ap.add_argument("--quick", action="store_true", help="sample corpus only, 300 dpi quality only, no speed runs")
    ap.add_argument("--part", choices=["all", "quality", "speed"], default="all", help="run only the quality or the speed part")
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
