"""Clause web pages fetched from their URL: the fetched bytes are the source.

One `Fetcher` keeps one HTTP client, each host's robots.txt (read once) and the
time of the last request to each host, so a batch asks one host for one page at
a time with a pause between. Every failure is a one-line `FetchError` naming
the URL and what to do.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import httpx

from tiaokuan.errors import FetchError, TiaokuanError
from tiaokuan.i18n import _
from tiaokuan.model import ParseResult

from .api import SUPPORTED_SUFFIXES, BatchResult, ParseOptions, read_source, source_to_result
from .failures import MB

# What the User-Agent says besides the name and version: what reads the page. The
# project has no public address yet; a site's operator still sees who is asking.
PURPOSE = "Chinese insurance clause reader"


def user_agent() -> str:
    try:
        ours = version("tiaokuan")
    except PackageNotFoundError:  # run from a checkout that was never installed
        ours = "0"
    return f"tiaokuan/{ours} ({PURPOSE})"


def is_url(text: str) -> bool:
    """An http(s) URL given where a file path could be."""
    return text.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How to fetch: seconds to wait for a connection or for data, seconds between two
    requests to one host, the most bytes a page may have, redirects followed."""

    timeout: float = 30.0
    delay: float = 1.0
    max_bytes: int = 32 * MB
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # as asked for: the source's path
    final_url: str  # after redirects
    data: bytes
    content_type: str


class HostPacer:
    """One request at a time per host, `delay` seconds apart: holds when each host last
    finished answering (counting from the end, the pause is never eaten by a slow answer)."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.delay = delay
        self._last: dict[str, float] = {}
        self._clock = clock
        self._sleep = sleep

    def wait(self, host: str) -> None:
        """Sleep until `host` may be asked again."""
        last = self._last.get(host)
        if last is not None:
            left = last + self.delay - self._clock()
            if left > 0:
                self._sleep(left)

    def done(self, host: str) -> None:
        """Note that `host` has just answered (or failed to)."""
        self._last[host] = self._clock()


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """Fetches pages one after another; use as a context manager (it owns an HTTP client)."""

    def __init__(self, settings: FetchSettings = FetchSettings()):
        self.settings = settings
        self.pacer = HostPacer(settings.delay)
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout), follow_redirects=False, headers={"User-Agent": user_agent()}
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """The page at `url`, redirects followed (each hop checked against its host's robots.txt)."""
        at = url
        for _hop in range(self.settings.max_redirects + 1):
            if urlsplit(at).scheme.lower() not in ("http", "https") or not urlsplit(at).netloc:
                raise FetchError(url, _("不是 http 或 https 网址（{target}）；只能获取 http(s) 网页").format(target=at))
            if not self._allowed(url, at):
                raise FetchError(url, _("网站的 robots.txt 不允许获取这个网址；请向网站索取条款文件，或手动下载后再解析"))
            with self._paced(url, at) as response:
                if response.is_redirect and "location" in response.headers:
                    at = urljoin(at, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    raise FetchError(url, _("无法获取网页：HTTP {status}；请检查网址").format(status=response.status_code))
                data = self._read(url, response)
                return Fetched(url, at, data, response.headers.get("content-type", ""))
        raise FetchError(url, _("重定向超过 {n} 次；请检查网址").format(n=self.settings.max_redirects))

    @contextmanager
    def _paced(self, url: str, at: str) -> Iterator[httpx.Response]:
        """The streamed response to GET `at`, after the host's pause; the pause
        to the next request starts when this one is over. Errors name `url`."""
        host = _host(at)
        self.pacer.wait(host)
        try:
            try:
                response = self._client.send(self._client.build_request("GET", at), stream=True)
            except httpx.TimeoutException:
                raise _timed_out(url, self.settings.timeout) from None
            except httpx.InvalidURL as exc:
                raise FetchError(url, _("网址无效（{reason}）；请检查网址").format(reason=exc)) from None
            except httpx.HTTPError as exc:
                raise FetchError(url, _("无法连接（{reason}）；请检查网址和网络连接").format(reason=_reason(exc))) from None
            try:
                yield response
            finally:
                response.close()
        finally:
            self.pacer.done(host)

    def _read(self, url: str, response: httpx.Response) -> bytes:
        """The body, streamed and refused as soon as it passes the size limit."""
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(url, limit)
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise _too_large(url, limit)
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise _timed_out(url, self.settings.timeout) from None
        except httpx.HTTPError as exc:
            raise FetchError(url, _("下载中断（{reason}）；请稍后再试").format(reason=type(exc).__name__)) from None
        return b"".join(chunks)

    def _allowed(self, url: str, at: str) -> bool:
        """What the host's robots.txt (read once per host) says of `at` for our User-Agent.
        No robots.txt (4xx) allows everything; one the server fails to give (5xx) allows nothing."""
        host = _host(at)
        if host not in self._robots:
            self._robots[host] = self._read_robots(url, host + "/robots.txt")
        return self._robots[host].can_fetch(user_agent(), at)

    def _read_robots(self, url: str, at: str) -> urllib.robotparser.RobotFileParser:
        """A host's robots.txt, redirects followed (http → https is common); one that
        redirects too often is taken as absent."""
        robots = urllib.robotparser.RobotFileParser(at)
        for _hop in range(self.settings.max_redirects + 1):
            with self._paced(url, at) as response:
                if response.is_redirect and "location" in response.headers:
                    at = urljoin(at, response.headers["location"])
                    if urlsplit(at).scheme.lower() in ("http", "https"):
                        continue
                if response.status_code >= 500:
                    robots.disallow_all = True
                elif 200 <= response.status_code < 300:
                    robots.parse(self._read(url, response).decode("utf-8", errors="replace").splitlines())
                else:
                    robots.allow_all = True
                return robots
        robots.allow_all = True
        return robots


def _reason(exc: Exception) -> str:
    said = str(exc).strip().splitlines()
    return said[0] if said else type(exc).__name__


def _timed_out(url: str, seconds: float) -> FetchError:
    return FetchError(url, _("{seconds} 秒内没有响应；请稍后再试，或用 --fetch-timeout 放宽时限").format(seconds=f"{seconds:g}"))


def _too_large(url: str, limit: int) -> FetchError:
    return FetchError(url, _("网页超过 {mb} MB；请用 --max-expanded-mb 放宽上限，或手动下载后再解析").format(mb=f"{limit / MB:g}"))


def fetch(url: str, settings: FetchSettings = FetchSettings()) -> Fetched:
    """One page; a batch should share one `Fetcher` so that hosts are paced."""
    with Fetcher(settings) as fetcher:
        return fetcher.fetch(url)


def format_name(fetched: Fetched) -> str:
    """The name the format is detected by: the URL's path, given an .html suffix when it
    has no suffix we know and the server says it sent HTML (a page at /clause/42)."""
    path = urlsplit(fetched.final_url).path
    suffix = PurePosixPath(path).suffix.lower()
    mime = fetched.content_type.split(";")[0].strip().lower()
    if suffix not in SUPPORTED_SUFFIXES and mime in ("text/html", "application/xhtml+xml"):
        return (path.rstrip("/") or "/index") + ".html"
    return path


def parse_fetched(fetched: Fetched, options: ParseOptions = ParseOptions()) -> ParseResult:
    """Parse fetched bytes; the source's path (and every message's) is the URL."""
    try:
        raw = read_source(fetched.data, format_name(fetched), options)
    except TiaokuanError as exc:
        raise type(exc)(fetched.url, exc.detail, exc.page) from None
    return source_to_result(replace(raw, path=fetched.url), options)


def parse_urls(
    urls: Iterable[str], options: ParseOptions, settings: FetchSettings, on_done: Callable[[str], None] | None = None
) -> BatchResult:
    """Fetch and parse each URL in turn; a page that fails is recorded and the batch goes on."""
    results, failures = [], []
    with Fetcher(settings) as fetcher:
        for url in urls:
            try:
                results.append(parse_fetched(fetcher.fetch(url), options))
            except TiaokuanError as exc:
                failures.append((url, str(exc)))
            if on_done is not None:
                on_done(url)
    return BatchResult(tuple(results), tuple(failures))


__all__ = ["Fetched", "Fetcher", "FetchSettings", "HostPacer", "fetch", "is_url", "parse_fetched", "parse_urls", "user_agent"]
