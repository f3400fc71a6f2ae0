"""Benchmark: the language layer over every clause of the catalog (~250 products).

Parses every `…条款.md` of ../shared/corpus/catalog once without the language
layer (the baseline, same process), then loads the spaCy/jieba pipeline and
annotates every document, and prints seconds, articles per second and the ratio
of the language layer to the parse. The issue's goal: the whole catalog in under
a minute on two cores.

Run:  python bench/bench_language.py [--corpus ../shared/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path


def catalog_clauses(corpus: Path) -> list[Path]:
    """Every clause file of the catalog (the rate tables are not clauses)."""
    return sorted(p for p in (corpus / "catalog").rglob("*.md") if p.stem.endswith("条款"))


def main(argv: list[str] | None = None) -> int:
    """Time parse, pipeline load and annotation; print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = catalog_clauses(args.corpus)
    if not files:
        print(f"no catalog clauses under {args.corpus}/catalog; give --corpus", file=sys.stderr)
        return 2
    from tiaokuan.parse import ParseOptions, parse_file
    from tiaokuan.parse.language import annotate, load

    t0 = time.perf_counter()
    documents = [d for f in files for d in parse_file(f, ParseOptions(language=False)).documents]
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    load()
    load_s = time.perf_counter() - t0
    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        annotated = [annotate(d) for d in documents]
        runs.append(time.perf_counter() - t0)
    articles = sum(len(d.articles) for d in documents)
    entities = sum(len(a.entities) for d in annotated for a in d.articles)
    median = statistics.median(runs)
    print("tiaokuan language-layer benchmark")
    print(f"  python {sys.version.split()[0]}, cpu_count {os.cpu_count()}")
    print(f"  catalog: {len(files)} clause files, {len(documents)} documents, {articles} articles, {entities} entities")
    print(f"  parse (no language layer, baseline) {parse_s:8.2f} s")
    print(f"  pipeline load (once per process)    {load_s:8.2f} s")
    print(f"  annotate, median of {args.repeat}            {median:8.2f} s  (min {min(runs):.2f}, max {max(runs):.2f})")
    print(f"  annotate / parse                    {median / parse_s:8.2f}x")
    print(f"  articles per second                 {articles / median:8.0f}")
    total = load_s + median
    print(f"  language layer over the catalog     {total:8.2f} s  -> goal under 60 s: {'MET' if total < 60 else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
