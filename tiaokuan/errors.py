"""One base exception for the project; each subclass's message names the file, the
page where it helps, what was expected and what to do.

Messages are in the reader's language (Chinese unless `tiaokuan.i18n.language`
says otherwise), chosen when the error is raised: the raiser passes `_("…")`."""

from __future__ import annotations

from tiaokuan.i18n import _


class TiaokuanError(Exception):
    """Base class of every error tiaokuan raises on purpose."""

    def __init__(self, path: str | None, message: str, page: int | None = None):
        self.path = path
        self.page = page
        self.detail = message
        where = path or _("<输入>")
        if page is not None:
            where = _("{where}，第 {page} 页").format(where=where, page=page)
        super().__init__(_("{where}：{message}").format(where=where, message=message))


class UnsupportedFormatError(TiaokuanError):
    """The file type is not one the parser reads."""


class EmptyFileError(TiaokuanError):
    """The file holds no bytes or no text at all."""


class CorruptFileError(TiaokuanError):
    """The file is truncated or damaged and cannot be opened."""


class TooLargeError(TiaokuanError):
    """The file's compressed parts expand past the size limit (a compression bomb, or a limit to raise)."""


class EncryptedPdfError(TiaokuanError):
    """The PDF is password-protected."""


class ScannedPdfError(TiaokuanError):
    """The PDF has no text layer; it looks like a scan."""


class OcrUnavailableError(TiaokuanError):
    """A scanned page needs OCR and the `ocr` extra is not installed."""


class EncodingError(TiaokuanError):
    """A text file is in none of the encodings we detect (UTF-8, GB18030/GBK)."""


class NoClauseStructureError(TiaokuanError):
    """The text has no clause structure: no 第X条 articles and no chapter headings."""


class StrictModeError(TiaokuanError):
    """`--strict` was given and the parse produced warnings."""


class OptionsError(TiaokuanError):
    """An option has a value the parser cannot use."""


class DatabaseError(TiaokuanError):
    """The clause database cannot be opened or used (bad URL, server down, wrong schema)."""


class MissingDatabaseError(DatabaseError):
    """A command that only reads was pointed at a database that does not exist."""


class NotFoundError(TiaokuanError):
    """A product, version or article asked for is not in the database."""


class FetchError(TiaokuanError):
    """A web page could not be fetched (network, timeout, HTTP error, size limit, robots.txt)."""
