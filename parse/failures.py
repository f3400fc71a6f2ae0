"""What the libraries under the readers do on damaged files, made tiaokuan's own:
their exceptions become one-line errors naming the file (and page), their log
noise is caught and summarised on the result, and compressed parts are bounded
before anything inflates them.

A failure is the library's when the innermost frame of its traceback is outside
tiaokuan's code (pdfminer, python-docx, zipfile, zlib …): a damaged file made the
library give up. An exception raised in tiaokuan's own code is a bug of ours and
is never disguised as a damaged file.
"""

from __future__ import annotations

import io
import logging
import re
import threading
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tiaokuan import errors as errors_module
from tiaokuan.errors import CorruptFileError, TooLargeError
from tiaokuan.i18n import _

MB = 1024 * 1024


# tiaokuan/ (the model, the text tools) and the parse/ folder it is mapped from;
# later layers never run under a reader.
_OURS = tuple(str(folder) + "/" for folder in (Path(errors_module.__file__).parent, Path(__file__).parent))


def raised_by_a_library(exc: BaseException) -> bool:
    """Whether the innermost frame that raised `exc` lies outside tiaokuan's code."""
    tb = exc.__traceback__
    if tb is None:
        return True
    while tb.tb_next is not None:
        tb = tb.tb_next
    return not tb.tb_frame.f_code.co_filename.startswith(_OURS)


def reason(exc: BaseException) -> str:
    """A short reason for a message: the exception's first line, else its type."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return first[:80]


def kind(exc: BaseException) -> str:
    """The exception's class name, with its module when the name alone says nothing (zlib.error)."""
    name = type(exc).__name__
    return f"{type(exc).__module__}.{name}" if name.islower() else name


@contextmanager
def library_errors(path: str, what: str, page: int | None = None, todo: str | None = None) -> Iterator[None]:
    """Turn a library's failure inside the block into a `CorruptFileError` naming
    `path` (and `page`): "PDF 已损坏，无法读取（…）；请从原始文件重新导出". `what`
    and `todo` are messages in the reader's language (todo: re-export it)."""
    try:
        yield
    except Exception as exc:  # only library failures become our error; our own bugs re-raise (BLE allows a re-raise)
        if not raised_by_a_library(exc):
            raise
        said = _("{what}已损坏，无法读取（{kind}：{reason}）；{todo}")
        raise CorruptFileError(path, said.format(what=what, kind=kind(exc), reason=reason(exc), todo=todo or _("请从原始文件重新导出")), page) from None


# -- log noise ---------------------------------------------------------------------------
@dataclass
class _Caught:
    page: int | None = None
    records: list[tuple[int | None, str]] = field(default_factory=list)


_active = threading.local()
_installed: set[str] = set()
_install_lock = threading.Lock()


class _Router(logging.Handler):
    """Sits on a library's logger (which then no longer propagates): a record
    logged while this thread reads a file is kept for the summary; any other
    record goes on to the root logger's handlers as it would have."""

    def emit(self, record: logging.LogRecord) -> None:
        caught: _Caught | None = getattr(_active, "caught", None)
        if caught is not None:
            caught.records.append((caught.page, record.getMessage()))
        else:
            logging.getLogger().handle(record)


def _install(logger_name: str) -> None:
    with _install_lock:
        if logger_name in _installed:
            return
        logger = logging.getLogger(logger_name)
        logger.addHandler(_Router())
        logger.propagate = False
        _installed.add(logger_name)


@contextmanager
def caught_logs(*logger_names: str) -> Iterator[_Caught]:
    """Keep what these libraries log in this thread during the block, instead of
    printing it; set `.page` on the result to say which page is being read."""
    for name in logger_names:
        _install(name)
    outer = getattr(_active, "caught", None)
    caught = _Caught()
    _active.caught = caught
    try:
        yield caught
    finally:
        _active.caught = outer


# pdfminer messages that mean text was lost or misplaced; others (a missing font
# bounding box, say) only change glyph heights and are not worth a warning.
_MATTERS = re.compile(r"data-loss|cannot render|could not set text font|invalid|cannot locate|unexpected|failed|error", re.IGNORECASE)


def damage_summary(records: list[tuple[int | None, str]]) -> tuple[str, int | None] | None:
    """One warning's message (and its page when all on one) for the library
    messages that matter, or None."""
    kept = [(page, re.sub(r"\s+", " ", message)[:70]) for page, message in records if _MATTERS.search(message)]
    if not kept:
        return None
    counts = Counter(message for _, message in kept)
    pages = sorted({p for p, _ in kept if p is not None})
    said = "; ".join(f"{n} × “{m}”" for m, n in counts.most_common(3)) + ("; …" if len(counts) > 3 else "")
    where = f" (noticed reading page {', '.join(map(str, pages[:10]))})" if pages else ""
    message = f"the file is damaged{where}: {said}; some text may be missing or garbled — re-export it from the original and compare"
    return message, pages[0] if len(pages) == 1 else None


# -- compressed parts ---------------------------------------------------------------------
def _mb(size: int) -> str:
    return f"{size / MB:.1f}" if size < 10 * MB else f"{size / MB:.0f}"


def _too_large(path: str, what: str, size: int, limit: int, exact: bool) -> TooLargeError:
    amount = _("达 {size} MB").format(size=_mb(size)) if exact else _("超过 {limit} MB").format(limit=limit // MB)
    raise_to = max(2 * limit, 1 << (size - 1).bit_length()) // MB if exact else 2 * limit // MB
    said = _(
        "其{what}解压后{amount}，超出了条款文件 {limit} MB 的上限（可能是压缩炸弹）；"
        "如果文件确实无误，请调高上限：--max-expanded-mb {raise_to}（ParseOptions(max_expanded_mb={raise_to})）"
    )
    return TooLargeError(path, said.format(what=what, amount=amount, limit=limit // MB, raise_to=raise_to))


def check_zip(data: bytes, path: str, limit: int) -> None:
    """Refuse a ZIP container (DOCX) whose members expand past `limit` bytes in all.
    The sizes come from the central directory, and zipfile never inflates a member
    past its recorded size, so this bounds what python-docx will hold in memory."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except Exception:  # noqa: BLE001 - a directory zipfile cannot list: the reader opens the file and reports why
        return
    total = sum(m.file_size for m in members)
    if total > limit:
        raise _too_large(path, _("各部件（共 {n} 个）").format(n=len(members)), total, limit, exact=True)


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def check_pdf_streams(data: bytes, path: str, limit: int) -> None:
    """Refuse a PDF whose Flate-compressed streams (content, fonts, object
    streams; not images, which the text reader never inflates) expand past
    `limit` bytes in all. Streams are inflated here a piece at a time and thrown
    away, so a bomb is found without ever being held in memory. Streams cannot sit
    inside object streams, so every stream is found in the file's own bytes."""
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 2048) : m.start()]
        head = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        if not _FLATE.search(head) or _IMAGE.search(head):
            continue
        inflater = zlib.decompressobj()
        pending = data[m.end() : m.end() + 64 * 1024]
        at = m.end() + len(pending)
        try:
            while pending and not inflater.eof:
                total += len(inflater.decompress(pending, 1 << 20))
                if total > limit:
                    raise _too_large(path, _("压缩流"), total, limit, exact=False)
                if inflater.unconsumed_tail:
                    pending = inflater.unconsumed_tail
                else:
                    pending = data[at : at + 64 * 1024]
                    at += len(pending)
        except zlib.error:
            continue  # a damaged stream: pdfminer will say so, and inflates no more than we did
