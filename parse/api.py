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
from tiaokuan.model import ParseResult, ParseWarning, Source, SourceFormat, WarningCode

from .audit import leftovers
from .failures import MB, check_pdf_streams, check_zip, library_errors
from .layout import JoinMode, lines_to_blocks, merge_split_tables, split_hidden_starts, strip_running_text
from .lines import Line, RawSource, TableLine
from .ocr_text import LOW_CONFIDENCE
from .read_docx import read_docx
from .read_pdf import OcrSettings, read_pdf
from .read_text import read_text
from .structure import blocks_to_documents

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx", ".doc"}
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

    def __post_init__(self) -> None:
        if not 100 <= self.ocr_dpi <= 600:
            raise OptionsError(None, f"ocr_dpi must be between 100 and 600, got {self.ocr_dpi!r}")
        if self.ocr_jobs < 1:
            raise OptionsError(None, f"ocr_jobs must be at least 1, got {self.ocr_jobs!r}")
        if self.convert_timeout <= 0:
            raise OptionsError(None, f"convert_timeout must be positive seconds, got {self.convert_timeout!r}")
        if self.max_expanded_mb < 1:
            raise OptionsError(None, f"max_expanded_mb must be at least 1, got {self.max_expanded_mb!r}")
        if self.soffice is not None and shutil.which(self.soffice) is None:
            raise OptionsError(None, f"soffice={self.soffice!r} is not an executable; give the path to LibreOffice's soffice")

    @property
    def expansion_limit(self) -> int:
        """`max_expanded_mb` in bytes."""
        return self.max_expanded_mb * MB


def detect_format(data: bytes, path: str) -> SourceFormat | str:
    """The format by content first, then by suffix; "doc" for Word 97–2003 files."""
    suffix = Path(path).suffix.lower()
    if data.startswith(b"%PDF") or (suffix == ".pdf" and data[:1024].find(b"%PDF") >= 0):
        return SourceFormat.PDF
    if data.startswith(b"PK\x03\x04"):
        if suffix in (".docx", "") or b"word/" in data[:4096]:
            return SourceFormat.DOCX
        raise UnsupportedFormatError(path, f"a ZIP container that is not a .docx ({suffix or 'no suffix'}); save the clause as .docx or PDF")
    if data.startswith(_OLE):
        if suffix in (".doc", ".wps", ""):
            return "doc"
        raise UnsupportedFormatError(path, f"an old Office file ({suffix}); save the clause as .docx or PDF")
    if suffix == ".pdf":
        return SourceFormat.PDF
    if suffix == ".docx":
        return SourceFormat.DOCX
    if suffix in (".md", ".markdown"):
        return SourceFormat.MARKDOWN
    if suffix in TEXT_SUFFIXES or suffix == "":
        return SourceFormat.TEXT
    raise UnsupportedFormatError(
        path, f"files of type {suffix!r} are not read; give a PDF, DOCX, DOC (with LibreOffice), text or Markdown clause"
    )


def _convert_doc(data: bytes, path: str, options: ParseOptions) -> bytes:
    """A Word 97–2003 file converted to .docx by LibreOffice headless."""
    soffice = options.soffice or shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UnsupportedFormatError(
            path, "a Word 97–2003 .doc needs LibreOffice to convert it; install libreoffice-writer or save it as .docx"
        )
    with tempfile.TemporaryDirectory(prefix="tiaokuan-doc-") as tmp:
        source = Path(tmp) / "source.doc"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx", "--outdir", tmp, str(source)]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=options.convert_timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise UnsupportedFormatError(path, f"LibreOffice could not convert the .doc ({type(exc).__name__}); save it as .docx by hand") from None
        out = Path(tmp) / "source.docx"
        if not out.exists():
            raise UnsupportedFormatError(path, "LibreOffice produced no .docx from this .doc; it may be damaged; save it as .docx by hand")
        return out.read_bytes()


PageProgress = Callable[[int, int], None]


def check_input(data: bytes, path: str, options: ParseOptions = ParseOptions()) -> SourceFormat | str:
    """The quick checks before a file is read, raising the one-line error a reader
    would: not empty, a format we read, compressed parts within the expansion
    limit. Returns the format ("doc" for Word 97–2003)."""
    if not data.strip():
        raise EmptyFileError(path, f"the file is empty ({len(data)} bytes{' of blanks' if data else ''}); nothing to parse — check the copy or download")
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
        with library_errors(path, "PDF"):
            return read_pdf(data, path, sha, OcrSettings(options.ocr, options.ocr_dpi, options.ocr_jobs), on_page)
    if fmt is SourceFormat.DOCX:
        with library_errors(path, "Word document", todo="re-save it from Word or LibreOffice"):
            return read_docx(data, path, sha)
    assert isinstance(fmt, SourceFormat)
    return read_text(data, path, fmt, sha)


def join_mode(raw: RawSource) -> JoinMode:
    if raw.format is SourceFormat.PDF:
        return JoinMode.GEOMETRY
    if raw.format is SourceFormat.DOCX or raw.exact_lines:
        return JoinMode.EXACT
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
    documents, warnings = blocks_to_documents(blocks, removed + list(raw.layout))
    # A titled clause is a clause even without articles (a one-paragraph rider,
    # say); untitled text needs headings or 第X条 articles to count as one.
    structured = any(
        (d.title is not None and d.sections) or any(s.heading is not None or any(a.label for a in s.articles) for s in d.sections)
        for d in documents
    )
    if not structured:
        raise NoClauseStructureError(
            raw.path,
            "no clause structure found: no 第X条 articles and no chapter headings (总则, 保险责任 …); is this a clause?",
        )
    warnings += leftovers(lines, documents)
    if options.language:
        from .language import annotate  # spaCy and jieba load only when asked for

        documents = [annotate(d) for d in documents]
    warnings = list(raw.warnings) + empty_page_warnings(raw) + warnings + ocr_warnings(lines)
    if options.strict and warnings:
        first = warnings[0]
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        raise StrictModeError(raw.path, f"strict mode: {first.code.value}: {first.message}{more}", first.page)
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
        raise UnsupportedFormatError(name, "is a directory; give files, or use the CLI which expands directories") from None
    except OSError as exc:
        raise UnsupportedFormatError(name, f"cannot be read ({exc.strerror or exc}); check the path and permissions") from None
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
            failures.append((str(path), f"{path}: internal error ({type(exc).__name__}: {exc}); please report it with this file"))
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
