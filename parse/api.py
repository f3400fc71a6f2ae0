"""The parser's entry points: a file (or bytes) in, a `ParseResult` out.

File I/O happens here and in the readers only; `source_to_result` is the pure
pipeline over what a reader saw.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tiaokuan.errors import (
    EmptyFileError,
    NoClauseStructureError,
    OptionsError,
    StrictModeError,
    TiaokuanError,
    UnsupportedFormatError,
)
from tiaokuan.i18n import _
from tiaokuan.model import ParseResult, ParseWarning, Source, SourceFormat, WarningCode

from .audit import leftovers
from .failures import MB, check_pdf_streams, check_zip, library_errors
from .layout import JoinMode, lines_to_blocks, merge_split_tables, split_hidden_starts, strip_running_text
from .lines import Line, RawSource, TableLine
from .ocr_text import LOW_CONFIDENCE
from .read_docx import read_docx
from .read_html import read_html
from .read_pdf import OcrSettings, read_pdf
from .read_text import read_text
from .sister import Layout
from .structure import blocks_to_documents

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".jsp", ".php", ".asp", ".aspx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx", ".doc"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """How to parse. `strict` raises on any warning; `soffice` is LibreOffice for .doc files
    (None: look for `soffice` or `libreoffice` on PATH); `language` adds entities,
    categories, term sheet and taxonomy."""

    strict: bool = False
    soffice: str | None = None
    convert_timeout: float = 120.0
    language: bool = True  # run the language layer (entities, categories, term sheet)
    # Scanned pages: OCR them when the `ocr` extra is installed (rendered at
    # `ocr_dpi`, `ocr_jobs` pages at a time); False reports them as empty.
    ocr: bool = True
    ocr_dpi: int = 300
    ocr_jobs: int = 1
    # Compressed parts (a DOCX's members, a PDF's streams) may expand to this much
    # in all; past it the file is refused as a likely compression bomb.
    max_expanded_mb: int = 32
    # Labelled clauses (sister.layout_of) by whose layout a copy that lost its
    # 第X条 labels is restored where it prints the same paragraphs; None: from
    # the copy's own words alone.
    layout: Layout | None = None

    def __post_init__(self) -> None:
        if not 100 <= self.ocr_dpi <= 600:
            raise OptionsError(None, _("ocr_dpi 应在 100 到 600 之间，而不是 {value!r}").format(value=self.ocr_dpi))
        if self.ocr_jobs < 1:
            raise OptionsError(None, _("ocr_jobs 至少为 1，而不是 {value!r}").format(value=self.ocr_jobs))
        if self.convert_timeout <= 0:
            raise OptionsError(None, _("convert_timeout 应为大于 0 的秒数，而不是 {value!r}").format(value=self.convert_timeout))
        if self.max_expanded_mb < 1:
            raise OptionsError(None, _("max_expanded_mb 至少为 1，而不是 {value!r}").format(value=self.max_expanded_mb))
        if self.soffice is not None and shutil.which(self.soffice) is None:
            raise OptionsError(None, _("soffice={value!r} 不是可执行程序；请给出 LibreOffice 的 soffice 的路径").format(value=self.soffice))

    @property
    def expansion_limit(self) -> int:
        """`max_expanded_mb` in bytes."""
        return self.max_expanded_mb * MB


def _looks_like_html(data: bytes) -> bool:
    """A page saved under another name: it opens with a doctype or <html> tag."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def detect_format(data: bytes, path: str) -> SourceFormat | str:
    """The format by content first, then by suffix; "doc" for Word 97–2003 files."""
    suffix = Path(path).suffix.lower()
    if data.startswith(b"%PDF") or (suffix == ".pdf" and data[:1024].find(b"%PDF") >= 0):
        return SourceFormat.PDF
    if data.startswith(b"PK\x03\x04"):
        if suffix in (".docx", "") or b"word/" in data[:4096]:
            return SourceFormat.DOCX
        raise UnsupportedFormatError(path, _("这是一个 ZIP 压缩包，不是 .docx（{suffix}）；请把条款另存为 .docx 或 PDF").format(suffix=suffix or _("无后缀")))
    if data.startswith(_OLE):
        if suffix in (".doc", ".wps", ""):
            return "doc"
        raise UnsupportedFormatError(path, _("这是旧版 Office 文件（{suffix}）；请把条款另存为 .docx 或 PDF").format(suffix=suffix))
    if suffix == ".pdf":
        return SourceFormat.PDF
    if suffix in HTML_SUFFIXES or _looks_like_html(data):
        return SourceFormat.HTML
    if suffix == ".docx":
        return SourceFormat.DOCX
    if suffix in (".md", ".markdown"):
        return SourceFormat.MARKDOWN
    if suffix in TEXT_SUFFIXES or suffix == "":
        return SourceFormat.TEXT
    raise UnsupportedFormatError(
        path, _("不读取 {suffix} 类型的文件；请提供 PDF、DOCX、DOC（需 LibreOffice）、网页（HTML、JSP 等）、文本或 Markdown 格式的条款").format(suffix=suffix)
    )


def _convert_doc(data: bytes, path: str, options: ParseOptions) -> bytes:
    """A Word 97–2003 file converted to .docx by LibreOffice headless."""
    soffice = options.soffice or shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UnsupportedFormatError(
            path, _("Word 97–2003 的 .doc 文件需要 LibreOffice 转换；请安装 libreoffice-writer，或把它另存为 .docx")
        )
    with tempfile.TemporaryDirectory(prefix="tiaokuan-doc-") as tmp:
        source = Path(tmp) / "source.doc"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx", "--outdir", tmp, str(source)]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=options.convert_timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise UnsupportedFormatError(path, _("LibreOffice 未能转换这个 .doc（{reason}）；请手动另存为 .docx").format(reason=type(exc).__name__)) from None
        out = Path(tmp) / "source.docx"
        if not out.exists():
            raise UnsupportedFormatError(path, _("LibreOffice 未能从这个 .doc 生成 .docx，文件可能已损坏；请手动另存为 .docx"))
        return out.read_bytes()


PageProgress = Callable[[int, int], None]


def check_input(data: bytes, path: str, options: ParseOptions = ParseOptions()) -> SourceFormat | str:
    """The quick checks before a file is read, raising the one-line error a reader
    would: not empty, a format we read, compressed parts within the expansion
    limit. Returns the format ("doc" for Word 97–2003)."""
    if not data.strip():
        raise EmptyFileError(path, (_("文件是空的（{n} 字节空白）；没有可解析的内容——请检查复制或下载是否完整") if data else _("文件是空的（{n} 字节）；没有可解析的内容——请检查复制或下载是否完整")).format(n=len(data)))
    fmt = detect_format(data, path)
    if fmt is SourceFormat.PDF:
        check_pdf_streams(data, path, options.expansion_limit)
    elif fmt is SourceFormat.DOCX:
        check_zip(data, path, options.expansion_limit)
    return fmt


def read_source(data: bytes, path: str, options: ParseOptions, on_page: PageProgress | None = None) -> RawSource:
    """What a reader sees in a file's bytes; `on_page(done, total)` follows OCR page by page.

    Whatever the libraries under a reader fail with on a damaged file becomes a
    one-line `TiaokuanError`; compressed parts are measured before they are inflated."""
    sha = hashlib.sha256(data).hexdigest()
    fmt = check_input(data, path, options)
    if fmt == "doc":
        data = _convert_doc(data, path, options)
        check_zip(data, path, options.expansion_limit)  # what LibreOffice wrote is bounded too
        fmt = SourceFormat.DOCX
    if fmt is SourceFormat.PDF:
        with library_errors(path, _("PDF 文件")):
            return read_pdf(data, path, sha, OcrSettings(options.ocr, options.ocr_dpi, options.ocr_jobs), on_page)
    if fmt is SourceFormat.DOCX:
        with library_errors(path, _("Word 文档"), todo=_("请用 Word 或 LibreOffice 重新保存")):
            return read_docx(data, path, sha)
    if fmt is SourceFormat.HTML:
        return read_html(data, path, sha)  # lxml's HTML parser recovers from any markup
    assert isinstance(fmt, SourceFormat)
    return read_text(data, path, fmt, sha)


def join_mode(raw: RawSource) -> JoinMode:
    if raw.format is SourceFormat.PDF:
        return JoinMode.GEOMETRY
    if raw.format is SourceFormat.DOCX or raw.exact_lines:
        return JoinMode.EXACT
    if raw.format is SourceFormat.HTML:
        # One paragraph per block, but web pages split sentences over <p>s (often
        # with an empty &nbsp; paragraph between), which this mode joins back.
        return JoinMode.PARAGRAPHS
    return JoinMode.WRAPPED if raw.wrapped else JoinMode.PARAGRAPHS


def clean_lines(raw: RawSource) -> tuple[list, list[tuple[int, str]]]:
    """Body lines after layout clean-up, and the running text removed."""
    lines, removed = strip_running_text(list(raw.lines), paged=raw.pages > 1)
    lines = split_hidden_starts(merge_split_tables(lines))
    return lines, removed


def source_to_result(raw: RawSource, options: ParseOptions = ParseOptions()) -> ParseResult:
    """The pure pipeline: layout clean-up, paragraphs, structure, warnings."""
    lines, removed = clean_lines(raw)
    blocks = lines_to_blocks(lines, join_mode(raw))
    documents, warnings = blocks_to_documents(blocks, removed + list(raw.layout), options.layout)
    # A titled clause is a clause even without articles (a one-paragraph rider,
    # say); untitled text needs headings or 第X条 articles to count as one.
    structured = any(
        (d.title is not None and d.sections) or any(s.heading is not None or any(a.label for a in s.articles) for s in d.sections)
        for d in documents
    )
    if not structured:
        raise NoClauseStructureError(
            raw.path,
            _("没有找到条款结构：没有“第X条”，也没有章节标题（总则、保险责任 …）；这是保险条款吗？"),
        )
    warnings += leftovers(lines, documents)
    if options.language:
        from .language import annotate  # spaCy and jieba load only when asked for

        documents = [annotate(d) for d in documents]
    warnings = list(raw.warnings) + empty_page_warnings(raw) + warnings + ocr_warnings(lines)
    if options.strict and warnings:
        first = warnings[0]
        more = _("（另有 {n} 条）").format(n=len(warnings) - 1) if len(warnings) > 1 else ""
        raise StrictModeError(raw.path, _("严格模式：{code}：{message}{more}").format(code=first.code.value, message=first.message, more=more), first.page)
    source = Source(raw.path, raw.sha256, raw.format, raw.pages, raw.ocr_pages)
    return ParseResult(source, tuple(documents), tuple(warnings))


def empty_page_warnings(raw: RawSource) -> list[ParseWarning]:
    if raw.format is SourceFormat.PDF and not raw.ocr_pages:
        from .ocr import OCR_EXTRA, available

        why = "a blank page, or a scanned one: parse with OCR on" if available() else f"a blank page, or a scanned one: install {OCR_EXTRA}"
    else:
        why = "a blank page?" if raw.ocr_pages else "a scanned or blank page?"
    return [ParseWarning(WarningCode.EMPTY_PAGE, f"page has no text ({why})", p) for p in raw.empty_pages]


def ocr_warnings(lines: Iterable[Line | TableLine]) -> list[ParseWarning]:
    """A warning with page and box for every body line OCR read with low confidence."""
    out = []
    for ln in lines:
        if isinstance(ln, Line) and ln.confidence is not None and ln.confidence < LOW_CONFIDENCE:
            text = ln.text if len(ln.text) <= 30 else ln.text[:29] + "…"
            message = f"OCR read this line with confidence {ln.confidence:.2f}: 「{text}」; check it against the scan"
            out.append(ParseWarning(WarningCode.OCR_LOW_CONFIDENCE, message, ln.page, ln.box))
    return out


def parse_bytes(
    data: bytes, path: str, options: ParseOptions = ParseOptions(), on_page: PageProgress | None = None
) -> ParseResult:
    return source_to_result(read_source(data, path, options, on_page), options)


def parse_paragraphs(text: str, name: str = "<text>", options: ParseOptions = ParseOptions()) -> ParseResult:
    """Parse clause text whose every line is one paragraph, never joined to the
    next (text a program wrote, such as a generated wording); `name` stands for
    the file in the result and in messages."""
    raw = read_text(text.encode("utf-8"), name, SourceFormat.TEXT, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return source_to_result(replace(raw, exact_lines=True), options)


def parse_file(
    path: str | os.PathLike[str], options: ParseOptions = ParseOptions(), on_page: PageProgress | None = None
) -> ParseResult:
    """Parse one clause file; raises a `TiaokuanError` subclass with a one-line message.
    `on_page(done, total)` is called as scanned pages are OCR'd."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise UnsupportedFormatError(name, _("这是一个文件夹；请给出文件，或使用会展开文件夹的命令行")) from None
    except OSError as exc:
        raise UnsupportedFormatError(name, _("无法读取（{reason}）；请检查路径和权限").format(reason=exc.strerror or exc)) from None
    return parse_bytes(data, name, options, on_page)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Results of a batch: what parsed, and each failure as (path, one-line message)."""

    results: tuple[ParseResult, ...]
    failures: tuple[tuple[str, str], ...] = field(default=())


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    options: ParseOptions = ParseOptions(),
    on_done: Callable[[str], None] | None = None,
    on_page: Callable[[str, int, int], None] | None = None,
) -> BatchResult:
    """Parse every file; a bad file is recorded and the batch goes on.
    `on_page(path, done, total)` follows the OCR of scanned pages."""
    results: list[ParseResult] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        pages = None if on_page is None else (lambda done, total, p=str(path): on_page(p, done, total))
        try:
            results.append(parse_file(path, options, pages))
        except TiaokuanError as exc:
            failures.append((str(path), str(exc)))
        except Exception as exc:  # noqa: BLE001 - a bug of ours must not stop the batch; it is reported with the file
            failures.append((str(path), _("{path}：内部错误（{kind}：{reason}）；请连同此文件一起报告").format(path=path, kind=type(exc).__name__, reason=exc)))
        if on_done is not None:
            on_done(str(path))
    return BatchResult(tuple(results), tuple(failures))


_NOT_CLAUSES = {"readme", "license", "licence", "changelog", "contributing", "notice"}


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files as given, with directories expanded to the supported files inside them.

    A directory's README, LICENSE and similar files are documentation, not
    clauses, and are left out; a file named explicitly is always parsed.
    """
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(
                str(f)
                for f in sorted(path.rglob("*"))
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and f.stem.lower() not in _NOT_CLAUSES
            )
        else:
            out.append(str(path))
    return out
