"""Benchmark: parsing web pages beside the text reader, in one process.

For each sample page in corpus/html/ whose clause also exists as corpus/<name>.txt,
a full tiaokuan parse of the page and of the text file is timed (one warm-up, then
interleaved runs, the median kept), and the ratio page / text is printed: the cost
of reading HTML (decoding, lxml, finding the body) over reading the same clause
as text. The real pages of ../shared/corpus/web and html are timed too, as pages
per second. Issue 16 asks for the HTML parse speed beside the text reader's.

Run:  python bench/bench_html.py [--repeat 5] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tiaokuan.parse.api import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus"


def timed(data: bytes, name: str, repeat: int) -> float:
    """Median seconds of a full parse of `data` (read as `name`)."""
    parse_bytes(data, name)  # warm-up: jieba, spaCy and lxml loaded once
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        parse_bytes(data, name)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    print(f"{'page':48} {'html ms':>8} {'text ms':>8} {'html/text':>9}")
    ratios = []
    for page in sorted((SAMPLES / "html").iterdir()):
        stem = page.name.split(".")[0]
        text = SAMPLES / f"{stem}.txt"
        if not text.exists():
            continue
        html_s = timed(page.read_bytes(), page.name, args.repeat)
        text_s = timed(text.read_bytes(), text.name, args.repeat)
        ratios.append(html_s / text_s)
        print(f"{page.name:48} {html_s * 1000:8.1f} {text_s * 1000:8.1f} {html_s / text_s:9.2f}")
    if ratios:
        print(f"median html/text ratio: {statistics.median(ratios):.2f}")
    real = [p for folder in ("web", "html") if (args.corpus / folder).is_dir() for p in sorted((args.corpus / folder).iterdir())]
    for page in real:
        seconds = timed(page.read_bytes(), page.name, args.repeat)
        print(f"{page.name:48} {seconds * 1000:8.1f} ms  {1 / seconds:6.1f} pages/s  ({len(page.read_bytes()) // 1024} KB)")


if __name__ == "__main__":
    main()
