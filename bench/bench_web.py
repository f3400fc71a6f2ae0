"""Bounded load test of the web workbench (issue 7) on loopback.

Ingests the ~250-product catalog of ../shared/corpus into a fresh SQLite file,
starts `tiaokuan serve --read-only` as its own process, then 20 concurrent
clients (keep-alive connections) send a few hundred requests: searches, product
pages, the catalog with its charts, and two-product comparisons. The baseline is
the same load on the static stylesheet, served by the same server in the same run.
Prints p50 / p95 per page kind and overall (goal: p95 < 200 ms).

`--part upload` measures what a visitor sees while someone else's upload is
read: a second server (not read-only, one worker process, as `tiaokuan serve`
starts by default) answers product pages from 4 clients, first idle (the
baseline, same run), then while a 20-page scanned PDF (the sample PDFs,
rasterised by tests/scans.py) is uploaded, OCR'd and stored. Prints p50 / p95 /
max of both and their ratio, and how long the upload took.

    python bench/bench_web.py [--part load|upload|all] [--corpus ../shared/corpus] [--clients 20] [--requests 400]
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


def _serve(db_path: Path, data_dir: str, *extra: str) -> tuple[subprocess.Popen, str]:
    """`tiaokuan serve` in its own process, answering; its base URL."""
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from tiaokuan.cli import entry; entry()", "serve", "--db", str(db_path), "--port", str(port), "--data-dir", data_dir, *extra],
        cwd=ROOT, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/static/style.css", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _twenty_page_scan() -> bytes:
    """The sample PDFs' pages, 20 of them, as one image-only scan (200 dpi)."""
    import io

    import pypdfium2

    from tests.scans import ScanStyle, scan_pdf

    merged = pypdfium2.PdfDocument.new()
    for path in sorted((ROOT / "corpus").glob("*.pdf")):
        source = pypdfium2.PdfDocument(path)
        take = min(len(source), 20 - len(merged))
        merged.import_pages(source, list(range(take)))
        source.close()
        if len(merged) == 20:
            break
    out = io.BytesIO()
    merged.save(out)
    merged.close()
    return scan_pdf(out.getvalue(), ScanStyle(dpi=200))


def upload_while_browsing(ids: list[int], db_path: Path, clients: int = 4) -> None:
    """Product pages idle and while a 20-page scan is read, from one server."""
    import re
    import threading

    scan = _twenty_page_scan()
    with tempfile.TemporaryDirectory() as d:
        server, base = _serve(db_path, d)
        try:
            # The same 20 product pages idle and during the scan, each loaded once first.
            urls = [("product", f"/product/{i}") for i in ids[:20]]
            _load(base, urls, clients)
            idle = _load(base, urls * 20, clients)["product"]
            with httpx.Client(base_url=base, timeout=60) as client:
                token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/upload").text).group(1)
                start = time.perf_counter()
                r = client.post("/upload", data={"csrf": token}, files={"file": ("scan.pdf", scan, "application/pdf")}, follow_redirects=False)
                answered = time.perf_counter() - start
                job = r.headers["location"]
                during: list[float] = []
                done = threading.Event()

                def browse() -> None:
                    while not done.is_set():
                        during.extend(_load(base, urls, clients)["product"])

                browser = threading.Thread(target=browse)
                browser.start()
                while client.get(job, follow_redirects=False).status_code == 200:
                    time.sleep(0.5)
                took = time.perf_counter() - start
                done.set()
                browser.join()
                final = client.get(job, follow_redirects=False)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if final.status_code != 303:
        raise SystemExit(f"the upload failed: {final.status_code}")
    i50, i95, d50, d95 = (_percentile(idle, 0.5), _percentile(idle, 0.95), _percentile(during, 0.5), _percentile(during, 0.95))
    print(f"product pages while a 20-page scan ({len(scan) // 1024} KB) is uploaded and read; 1 server worker, {clients} clients")
    print(f"  upload answered in {answered * 1000:.0f} ms; scan read and stored in {took:.1f} s")
    print(f"  idle (baseline): n={len(idle):4d} p50 {i50:6.1f} ms  p95 {i95:6.1f} ms  max {max(idle):6.1f} ms")
    print(f"  during the scan: n={len(during):4d} p50 {d50:6.1f} ms  p95 {d95:6.1f} ms  max {max(during):6.1f} ms")
    print(f"  ratio during/idle: p50 {d50 / i50:.2f}x  p95 {d95 / i95:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["load", "upload", "all"], default="all")
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
        if args.part in ("upload", "all"):
            upload_while_browsing(ids, db_path)
        if args.part == "upload":
            return
        server, base = _serve(db_path, d, "--read-only", "--workers", str(args.workers))
        try:
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
