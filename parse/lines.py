"""What every reader hands to the pure stages: printed lines with where they came from.

A reader turns a file into `Line`s (text lines, PDF lines, Word paragraphs) and
`TableLine`s; markup (Markdown `**`, page markers) is already gone, layout that is
only recognisable across pages (running headers, page numbers) is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tiaokuan.model import Box, ParseWarning, SourceFormat, Span


class Hint(StrEnum):
    """What the source's own markup says a line is, before we look at its words."""

    NONE = "none"
    HEADING = "heading"  # Markdown heading, Word heading style, centred bold PDF line
    TITLE = "title"  # a converter's "# title" line
    BULLET = "bullet"  # Markdown "- " list line: an item whose label was lost


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line (PDF, wrapped text) or paragraph (Word, unwrapped text)."""

    text: str
    page: int
    number: int  # 1-based: text line, Word paragraph, or PDF line in reading order
    bold: tuple[Span, ...] = ()
    box: Box | None = None
    hint: Hint = Hint.NONE
    # A known paragraph boundary precedes the line (blank line, new Word paragraph).
    break_before: bool = False
    # PDF geometry, None when the format has none.
    full: bool | None = None  # reaches the right margin, so the paragraph may go on
    indent: bool | None = None  # starts right of the left margin: a first line
    centred: bool | None = None
    edge: bool | None = None  # lies in the page's top or bottom margin band
    # The line follows a manual line break (Word's shift-enter, U+2028, VT):
    # same paragraph unless it opens an article or item.
    soft: bool = False
    # Mean recognition confidence (0–1) of a line read by OCR; None for a text layer.
    confidence: float | None = None
    # Where a web page's line stood: the XPath of its block element; None elsewhere.
    element: str | None = None


@dataclass(frozen=True, slots=True)
class TableLine:
    """A table at its place in reading order; rows of cell texts."""

    rows: tuple[tuple[str, ...], ...]
    page: int
    number: int
    pages: tuple[int, ...] = ()
    box: Box | None = None
    flattened: bool = False

    @property
    def text(self) -> str:
        return "\n".join("\t".join(r) for r in self.rows)


@dataclass(frozen=True, slots=True)
class RawSource:
    """A file as a reader saw it: lines in reading order plus page count."""

    path: str
    format: SourceFormat
    sha256: str
    pages: int
    lines: tuple[Line | TableLine, ...]
    # Text the reader dropped as layout (page markers, converter front matter,
    # Word running headers), by page, so callers can still audit it.
    layout: tuple[tuple[int, str], ...] = field(default=())
    empty_pages: tuple[int, ...] = ()
    wrapped: bool | None = None  # hard-wrapped text lines (PDF-derived text)
    exact_lines: bool = False  # every line is a paragraph, never joined (text tiaokuan wrote itself)
    ocr_pages: tuple[int, ...] = ()  # pages read by OCR (no usable text layer)
    warnings: tuple[ParseWarning, ...] = ()  # what the reader saw wrong with the file (damage)
