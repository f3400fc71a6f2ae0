"""Bounded load test of the web workbench (issue 7) on loopback.

Ingests the ~250-product catalog of ../shared/corpus into a fresh SQLite file,
starts `tiaokuan serve --read-only` as its own process, then 20 concurrent
clients (keep-alive connections) send a few hundred requests: searches, product
pages, the catalog with its charts, and two-product comparisons. The baseline is
the same load on the static stylesheet, served by the same server in the same run.
Prints p50 / p95 per page kind and overall (goal: p95 < 200 ms).

    python bench/bench_web.py [--corpus ../shared/corpus] [--clients 20] [--requests 400]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from timing import ROOT, SHARED_CORPUS

from tiaokuan.clauses_db import ClauseDB, Filters

WORDS = ("免赔额", "专利无效", "保险期间", "律师费", "追溯期", "责任免除", "地震", "诉讼时效", "数据", "无人机")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _load(base: str, urls: list[tuple[str, str]], clients: int, think: float = 0.0) -> dict[str, list[float]]:
    """Send every (kind, url) with `clients` concurrent keep-alive clients, each
    pausing `think` seconds between its requests as a reader would; latencies by kind."""
    chunks = [urls[k::clients] for k in range(clients)]

    def run(chunk):
        out = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for kind, url in chunk:
                t = time.perf_counter()
                r = client.get(url)
                out.append((kind, time.perf_counter() - t, r.status_code))
                if think:
                    time.sleep(think)
        return out

    with ThreadPoolExecutor(clients) as pool:
        results = [x for chunk in pool.map(run, chunks) for x in chunk]
    bad = [r for r in results if r[2] != 200]
    if bad:
        raise SystemExit(f"{len(bad)} requests failed, e.g. {bad[0]}")
    by_kind: dict[str, list[float]] = {}
    for kind, seconds, _ in results:
        by_kind.setdefault(kind, []).append(seconds * 1000)
    return by_kind


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2, help="server processes (default: one per core)")
    ap.add_argument("--think", type=float, default=0.0, help="seconds each client waits between requests (0: back to back)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        db_path = Path(d) / "catalog.db"
        with ClauseDB(str(db_path)) as db:
            db.ingest([args.corpus / "catalog"], jobs=2)
            ids = [p.version_id for p in db.products(Filters())]
        port = _port()
        server = subprocess.Popen(
            [sys.executable, "-c", "from tiaokuan.cli import entry; entry()", "serve", "--db", str(db_path), "--port", str(port), "--read-only", "--data-dir", d, "--workers", str(args.workers)],
            cwd=ROOT, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    httpx.get(base + "/static/style.css", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            rng = random.Random(7)
            mix = []
            for k in range(args.requests):
                kind = ("search", "product", "catalog", "compare")[k % 4]
                if kind == "search":
                    mix.append((kind, f"/?q={rng.choice(WORDS)}"))
                elif kind == "product":
                    mix.append((kind, f"/product/{rng.choice(ids)}"))
                elif kind == "catalog":
                    mix.append((kind, "/catalog"))
                else:
                    a, b = rng.sample(ids, 2)
                    mix.append((kind, f"/compare?v={a}&v={b}"))
            _load(base, mix[: args.clients * 4], args.clients)  # a first round of visitors warms the server
            static = _load(base, [("static", "/static/style.css")] * args.requests, args.clients, args.think)["static"]
            pages = _load(base, mix, args.clients, args.think)
        finally:
            server.terminate()
            server.wait(timeout=30)
    everything = [x for v in pages.values() for x in v]
    s50, s95 = _percentile(static, 0.5), _percentile(static, 0.95)
    print(f"tiaokuan web load test: {len(ids)} products, {args.workers} server worker(s), {args.clients} concurrent clients (think time {args.think:g} s), {len(everything)} page requests (+{len(static)} static)")
    print(f"  baseline static stylesheet: p50 {s50:6.1f} ms  p95 {s95:6.1f} ms")
    for kind, values in sorted(pages.items()):
        print(f"  {kind:8s} n={len(values):3d}: p50 {_percentile(values, 0.5):6.1f} ms  p95 {_percentile(values, 0.95):6.1f} ms  mean {statistics.mean(values):6.1f} ms")
    p50, p95 = _percentile(everything, 0.5), _percentile(everything, 0.95)
    print(f"  all pages: p50 {p50:6.1f} ms ({p50 / s50:.1f}x static)  p95 {p95:6.1f} ms ({p95 / s95:.1f}x static)  (goal p95 < 200 ms)")


if __name__ == "__main__":
    main()
