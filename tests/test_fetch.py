"""Pages given by URL: fetched from a real HTTP server on 127.0.0.1 serving the
sample corpus, parsed as the same bytes on disk are, paced per host, within the
robots.txt, the timeout and the size limit. Nothing leaves the machine."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tiaokuan.clauses_db import ClauseDB
from tiaokuan.cli import main
from tiaokuan.errors import FetchError
from tiaokuan.model import SourceFormat
from tiaokuan.parse import ParseOptions, parse_file, to_dict
from tiaokuan.parse.fetch import PURPOSE, Fetcher, FetchSettings, fetch, parse_fetched

from .conftest import SAMPLES

ROBOTS = "User-agent: *\nDisallow: /private/\n"
FRAGMENT = SAMPLES / "html" / "patent-enforcement-2027.web-fragment.html"
QUICK = ParseOptions(language=False)
NOW = FetchSettings(delay=0)


@dataclass
class Seen:
    """What the server saw: (arrival time, path, User-Agent) of every request."""

    requests: list[tuple[float, str, str]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [p for _t, p, _ua in self.requests]


class _Handler(SimpleHTTPRequestHandler):
    seen: Seen

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        self.seen.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
        if self.path == "/robots.txt":
            self._send(ROBOTS.encode(), "text/plain")
        elif self.path == "/clause":  # a page without a suffix: HTML only by its bytes and type
            self._send(FRAGMENT.read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/html/bold-exclusions.word.html")
            self.end_headers()
        elif self.path == "/endless":  # 2 MB with no Content-Length: only streaming can stop it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"<p>" + b"x" * 32768 + b"</p>")
        else:
            super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy from the environment must not carry the requests off the machine.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[tuple[str, Seen]]:
    seen = Seen()
    handler = type("Handler", (_Handler,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(SAMPLES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def _without_path(result) -> dict:
    data = to_dict(result)
    data["source"].pop("path")
    return data


@pytest.mark.parametrize("name", ["html/bold-exclusions.word.html", "html/patent-enforcement-2027.jsp", "patent-enforcement-2027.pdf"])
def test_a_served_page_parses_as_its_file(server, name: str) -> None:
    base, _seen = server
    result = parse_fetched(fetch(f"{base}/{name}", NOW), QUICK)
    assert result.source.path == f"{base}/{name}"
    assert _without_path(result) == _without_path(parse_file(SAMPLES / name, QUICK))


def test_a_url_without_suffix_is_read_by_its_bytes(server) -> None:
    base, _seen = server
    result = parse_fetched(fetch(f"{base}/clause", NOW), QUICK)
    assert result.source.format is SourceFormat.HTML
    assert _without_path(result) == _without_path(parse_file(FRAGMENT, QUICK))


def test_redirects_are_followed(server) -> None:
    base, _seen = server
    fetched = fetch(f"{base}/moved", NOW)
    assert (fetched.url, fetched.final_url) == (f"{base}/moved", f"{base}/html/bold-exclusions.word.html")
    assert fetched.data == (SAMPLES / "html" / "bold-exclusions.word.html").read_bytes()


def test_cli_parse_of_a_url_and_a_file(server, capsys: pytest.CaptureFixture[str]) -> None:
    base, seen = server
    url = f"{base}/html/rate-table-split.word.html"
    assert main(["parse", url, str(SAMPLES / "html" / "bold-exclusions.word.html"), "--fetch-delay", "0"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert [p["source"]["path"] for p in parsed] == [str(SAMPLES / "html" / "bold-exclusions.word.html"), url]
    assert parsed[1]["source"]["format"] == "html"
    assert all(ua.startswith("tiaokuan/") and ua.endswith(f"({PURPOSE})") for _t, _p, ua in seen.requests)


def test_ingest_of_urls_then_again_is_unchanged(server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, _seen = server
    urls = [f"{base}/html/bold-exclusions.word.html", f"{base}/patent-enforcement-2027.pdf"]
    db, report = tmp_path / "c.db", tmp_path / "report.json"
    assert main(["ingest", *urls, "--db", str(db), "--report", str(report), "--fetch-delay", "0"]) == 0
    first = json.loads(report.read_text(encoding="utf-8"))
    assert [(f["path"], f["outcome"]) for f in first["files"]] == [(u, "added") for u in urls]
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# the two pages again\n{urls[0]}  # a comment after the URL\n\n{urls[1]}\n", encoding="utf-8")
    assert main(["ingest", "--urls", str(listed), "--db", str(db), "--report", str(report), "--fetch-delay", "0"]) == 0
    again = json.loads(report.read_text(encoding="utf-8"))
    assert [(f["path"], f["outcome"]) for f in again["files"]] == [(u, "unchanged") for u in urls]
    assert {p.source for p in ClauseDB(f"sqlite:///{db}").products()} == set(urls)
    capsys.readouterr()


def test_a_batch_goes_on_past_a_failed_url(server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, _seen = server
    good, missing = f"{base}/html/bold-exclusions.word.html", f"{base}/missing.html"
    report = tmp_path / "report.json"
    assert main(["ingest", missing, good, "--db", str(tmp_path / "c.db"), "--report", str(report), "--fetch-delay", "0"]) == 1
    files = json.loads(report.read_text(encoding="utf-8"))["files"]
    assert [(f["path"], f["outcome"]) for f in files] == [(missing, "failed"), (good, "added")]
    assert f"  错误：{missing}：无法获取网页：HTTP 404；请检查网址" in capsys.readouterr().err.splitlines()
    assert main(["parse", missing, good, "--fetch-delay", "0"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-2:] == ["2 个文件中 1 个失败：", f"  错误：{missing}：无法获取网页：HTTP 404；请检查网址"]


def test_a_404_is_a_one_line_error_in_english_too(server, capsys: pytest.CaptureFixture[str]) -> None:
    base, _seen = server
    assert main(["--lang", "en", "parse", f"{base}/nope.html", "--fetch-delay", "0"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"  error: {base}/nope.html: could not fetch the page: HTTP 404; check the URL"


def test_robots_txt_is_read_once_and_obeyed(server) -> None:
    base, seen = server
    with Fetcher(NOW) as fetcher:
        fetcher.fetch(f"{base}/html/bold-exclusions.word.html")
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(f"{base}/private/clause.html")
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{base}/private/clause.html：") and "robots.txt" in message
    assert seen.paths().count("/robots.txt") == 1
    assert "/private/clause.html" not in seen.paths()


def test_a_page_past_the_size_limit_is_refused(server, capsys: pytest.CaptureFixture[str]) -> None:
    base, _seen = server
    with pytest.raises(FetchError, match=r"网页超过 .* MB；请用 --max-expanded-mb 放宽上限"):
        fetch(f"{base}/html/rate-table-split.word.html", FetchSettings(delay=0, max_bytes=10_000))
    assert main(["parse", f"{base}/endless", "--max-expanded-mb", "1", "--fetch-delay", "0"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"  错误：{base}/endless：网页超过 1 MB；请用 --max-expanded-mb 放宽上限，或手动下载后再解析"


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # the kernel accepts the connection; nobody ever reads or writes
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/clause.html"
        with pytest.raises(FetchError) as caught:
            fetch(url, FetchSettings(timeout=1, delay=0))
    assert str(caught.value) == f"{url}：1 秒内没有响应；请稍后再试，或用 --fetch-timeout 放宽时限"


def test_requests_to_one_host_are_spaced_by_the_delay(server, capsys: pytest.CaptureFixture[str]) -> None:
    base, seen = server
    pages = ["/html/bold-exclusions.word.html", "/html/patent-enforcement-2027.jsp"]
    assert main(["parse", *(base + p for p in pages), "--fetch-delay", "0.5", "--format", "md"]) == 0
    capsys.readouterr()
    arrivals = [t for t, path, _ua in seen.requests]
    assert seen.paths() == ["/robots.txt", *pages]
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    assert min(gaps) >= 0.5


def test_only_http_and_https() -> None:
    with pytest.raises(FetchError, match="不是 http 或 https 网址"):
        fetch("ftp://127.0.0.1/clause.pdf", NOW)
