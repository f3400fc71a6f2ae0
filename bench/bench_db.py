"""Benchmark of the clause database (issue 4).

1. Ingest of the ~250-product catalog (`../shared/corpus/catalog`) into a fresh
   SQLite file with `jobs=1` and `jobs=2`: documents per second, against parsing
   the same files without a database in the same process (the baseline); each
   file read alone (`--each-alone`), and with copies that lost their labels read
   again beside the batch's labelled clauses (the default), as a ratio.
2. Write cost as the database grows: the corpus is re-ingested under generated
   product names up to ~100k articles; the time per document of each round shows
   whether ingest cost grows linearly with the number of documents.
3. Search latency p50/p99 over 1,000 queries at ~10k and ~100k articles, against
   a plain LIKE scan of the same table in the same process (the baseline).

    python bench/bench_db.py [--catalog DIR] [--pg postgresql://…] [--articles 100000]

With --pg the growth and search parts also run on that PostgreSQL database
(which must be empty or disposable: the benchmark drops and recreates its tables).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select, text

from tiaokuan.clauses_db import ClauseDB, Outcome
from tiaokuan.clauses_db import schema as s
from tiaokuan.clauses_db.ingest import parse_for_db
from tiaokuan.parse.api import ParseOptions, expand_paths, parse_file

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t, out


def bench_ingest(catalog: Path, tmp: Path) -> None:
    files = expand_paths([catalog])
    print(f"1. ingest of {catalog} ({len(files)} files)")
    parse_s, _ = timed(lambda: [_try_parse(f) for f in files])
    print(f"   parse only, no database (baseline)   {parse_s:7.2f} s")
    for jobs in (1, 2):
        timings = {}
        for sister in (False, True):
            db = ClauseDB(str(tmp / f"ingest-{jobs}-{sister}.db"))
            t, report = timed(db.ingest, [catalog], jobs=jobs, sister_layout=sister)
            docs = report.count(Outcome.ADDED)
            timings[sister] = t
            how = "each file alone" if not sister else "copies that lost their labels read again beside the batch's labelled clauses"
            print(f"   ingest --jobs {jobs} ({how}): {t:7.2f} s, {docs} clause files stored, {docs / t:6.1f} documents/s, {t / parse_s:4.2f}x the parse")
            db.close()
        print(f"   ingest --jobs {jobs}: the batch's layout costs {timings[True] / timings[False]:4.2f}x reading each file alone")


def _try_parse(path: str):
    try:
        return parse_file(path, ParseOptions())
    except Exception:  # noqa: BLE001 - rate tables and notes are not clauses
        return None


def _copies(prepared, k: int):
    """The same clauses under generated product names and new hashes (round k)."""
    out = []
    for p in prepared:
        out.append(
            dataclasses.replace(p, path=f"{p.path}#copy{k}", sha256=secrets.token_hex(32), names=[f"{n}（第{k}批）" for n in p.names])
        )
    return out


def article_count(db: ClauseDB) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(s.articles)).scalar_one()


def grow_and_search(db: ClauseDB, prepared, target: int, queries: list[str], label: str) -> None:
    print(f"2/3. {label}: growth to ~{target:,} articles, then search")
    checkpoints = sorted({10_000, target})
    k = 0
    while checkpoints:
        k += 1
        batch = _copies(prepared, k)
        t = time.perf_counter()
        for p in batch:
            db.write(p)
        dt = time.perf_counter() - t
        n = article_count(db)
        print(f"   round {k:3d}: {len(batch)} docs in {dt:6.2f} s = {1000 * dt / len(batch):6.2f} ms/doc; {n:,} articles")
        while checkpoints and n >= checkpoints[0]:
            search_latency(db, queries, n)
            checkpoints.pop(0)


def search_latency(db: ClauseDB, queries: list[str], n: int) -> None:
    db.search(queries[0])  # warm the segmenter and caches
    times = []
    for q in queries:
        t = time.perf_counter()
        db.search(q, limit=20)
        times.append(time.perf_counter() - t)
    like = []
    with db.read() as conn:
        for q in queries[:100]:
            t = time.perf_counter()
            conn.execute(select(s.articles.c.id).where(s.articles.c.text.contains(q)).limit(20)).all()
            like.append(time.perf_counter() - t)
    p50, p99 = statistics.median(times) * 1000, statistics.quantiles(times, n=100)[98] * 1000
    l50 = statistics.median(like) * 1000
    print(f"   search at {n:,} articles over {len(queries)} queries: p50 {p50:.2f} ms, p99 {p99:.2f} ms (goal p99 < 50 ms)")
    print(f"     baseline LIKE scan (first 100 queries): p50 {l50:.2f} ms -> search/LIKE p50 ratio {p50 / l50:.2f}x")


def make_queries(db: ClauseDB, count: int = 1000) -> list[str]:
    """Words people search for: frequent words of two or more characters in the corpus."""
    rng = random.Random(4)
    with db.read() as conn:
        texts = conn.execute(select(s.articles.c.segmented).limit(3000)).scalars().all()
    words = [w for t in texts for w in t.split() if len(w) >= 2 and not w.isdigit()]
    pool = list(dict.fromkeys(rng.sample(words, min(len(words), 20_000))))
    fixed = ["免赔额", "专利无效", "律师费", "诉讼时效", "保全", "地理标志", "商标", "责任免除", "代位", "短期费率"]
    return (fixed + rng.sample(pool, count - len(fixed)))[:count]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--catalog", type=Path, default=ROOT.parent / "shared" / "corpus" / "catalog")
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--pg", help="also run parts 2-3 on this PostgreSQL URL (tables are dropped)")
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args()
    print(f"tiaokuan database benchmark; python {sys.version.split()[0]}, cpu_count {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not args.skip_ingest:
            bench_ingest(args.catalog, tmp)
        parsed = [parse_for_db(f) for f in expand_paths([args.catalog])]
        prepared = [p.prepared for p in parsed if p.prepared is not None]
        print(f"   ({len(prepared)} clause files, {sum(len(sec.articles) for p in prepared for d in p.documents for sec in d.sections):,} articles per round)")
        db = ClauseDB(str(tmp / "grow.db"))
        for p in prepared:
            db.write(p)
        queries = make_queries(db)
        grow_and_search(db, prepared, args.articles, queries, "SQLite")
        db.close()
        if args.pg:
            with ClauseDB(args.pg) as pg:
                with pg._writer.begin() as conn:
                    conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            with ClauseDB(args.pg) as pg:
                for p in prepared:
                    pg.write(p)
                grow_and_search(pg, prepared, args.articles, queries, "PostgreSQL")


if __name__ == "__main__":
    main()
