"""Text PDFs: one pass over each page's characters builds lines with boxes, bold
spans and margins; ruled tables come out as tables.

The character pass (`chars_to_lines`) reads plain mappings with the keys `text`,
`x0`, `x1`, `top`, `bottom`, `size` and `fontname`, which pdfplumber's `page.chars`
yields and which a pypdfium2 text page can yield as well, so the engine under it
can change without touching the layout logic. Pages are closed as soon as they
are read: pdfplumber otherwise keeps every page's objects alive.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from tiaokuan.errors import CorruptFileError, EncryptedPdfError, ScannedPdfError
from tiaokuan.i18n import _
from tiaokuan.model import Box, ParseWarning, SourceFormat, Span, WarningCode
from tiaokuan.text.labels import TERMINAL, is_cjk

from .failures import caught_logs, damage_summary, library_errors, reason
from .lines import Hint, Line, RawSource, TableLine
from .ocr_text import PageScan, mend_label_gaps, scan_to_chars, settle_by_majority

Char = Mapping[str, Any]

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|黑体|simhei|heiti|[-,]b$|\bhei\b", re.IGNORECASE)
EDGE_BAND = 0.085  # share of the page height treated as header/footer band
_STAMP_CHARS = 20  # fewer printable characters than this on a page-sized image: a scan


@lru_cache(maxsize=256)
def is_bold_font(fontname: str) -> bool:
    """Whether a font name says bold (…-Bold, SimHei, 黑体); pages reuse a few fonts."""
    return bool(_BOLD_FONT.search(fontname or ""))


def _cluster_rows(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into printed lines by their vertical position."""
    rows: list[list[Char]] = []
    row_top = row_size = 0.0
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        size = ch.get("size") or (ch["bottom"] - ch["top"]) or 10.0
        if rows and abs(ch["top"] - row_top) <= 0.45 * max(size, row_size):
            rows[-1].append(ch)
        else:
            rows.append([ch])
            row_top, row_size = ch["top"], size
    return rows


def _row_text(row: list[Char]) -> tuple[str, tuple[Span, ...], float]:
    """Text of one printed line, fake bold folded, bold spans, median glyph size."""
    row = sorted(row, key=lambda c: c["x0"])
    kept: list[Char] = []
    bold_flags: list[bool] = []
    for ch in row:
        size = ch.get("size") or 10.0
        prev = kept[-1] if kept else None
        # Fake bold prints each glyph twice, slightly offset: keep one, mark it bold.
        if (
            prev is not None
            and prev["text"] == ch["text"]
            and not ch["text"].isspace()
            and abs(prev["x0"] - ch["x0"]) < 0.35 * size
            and abs(prev["top"] - ch["top"]) < 0.35 * size
        ):
            bold_flags[-1] = True
            continue
        kept.append(ch)
        bold_flags.append(is_bold_font(ch.get("fontname", "")))
    parts: list[str] = []
    flags: list[bool] = []
    prev = None
    for ch, bold in zip(kept, bold_flags):
        text = ch["text"]
        if prev is not None and not text.isspace() and not parts[-1].isspace():
            gap = ch["x0"] - prev["x1"]
            size = ch.get("size") or 10.0
            cjk = is_cjk(text[0]) + is_cjk(prev["text"][-1])
            # Between two CJK characters only a wide gap is a space (justification
            # spreads them); between CJK and a Latin letter or digit, Word and
            # LibreOffice set a quarter-em gap of their own (East Asian autospace,
            # 中文与西文/数字间距), which is layout, not a typed space.
            if gap > (0.8 if cjk == 2 else 0.28 if cjk == 1 else 0.22) * size:
                parts.append(" ")
                flags.append(False)
        parts.append(text)
        flags.append(bold)
        prev = ch
    text = "".join(parts)
    spans: list[Span] = []
    pos = 0
    for part, bold in zip(parts, flags):
        if bold and not part.isspace():
            if spans and spans[-1].end == pos:
                spans[-1] = Span(spans[-1].start, pos + len(part))
            else:
                spans.append(Span(pos, pos + len(part)))
        pos += len(part)
    sizes = sorted(c.get("size") or 10.0 for c in kept)
    return text, tuple(spans), sizes[len(sizes) // 2]


def _confidence(row: Sequence[Char]) -> float | None:
    """Mean recognition confidence of an OCR'd row; None for text-layer characters."""
    scores = [c["confidence"] for c in row if c.get("confidence") is not None and not c["text"].isspace()]
    return round(sum(scores) / len(scores), 4) if scores else None


def chars_to_lines(
    chars: Sequence[Char], page: int, width: float, height: float, first_number: int
) -> list[Line]:
    """Printed lines of one page with geometry: margins, indents, centring, bold
    (and, for OCR'd characters, each line's mean confidence)."""
    rows = [r for r in _cluster_rows(chars) if any(not c["text"].isspace() for c in r)]
    built: list[tuple[str, tuple[Span, ...], float, Box, float | None]] = []
    for row in rows:
        text, bold, size = _row_text(row)
        box = Box(page, min(c["x0"] for c in row), min(c["top"] for c in row), max(c["x1"] for c in row), max(c["bottom"] for c in row))
        built.append((text.strip(), _shift(bold, len(text) - len(text.lstrip())), size, box, _confidence(row)))
    body = [b for b in built if len(b[0]) >= 8 and not _in_band(b[3], height)] or built
    left = min((b[3].x0 for b in body), default=0.0)
    # The right margin is where most long lines stop; a line ending in a
    # full-width mark can overhang it, so the maximum would be too far right.
    ends = sorted(b[3].x1 for b in body)
    right = ends[(len(ends) * 3) // 4] if ends else width
    centre = (left + right) / 2
    lines: list[Line] = []
    for k, (text, bold, size, box, confidence) in enumerate(built):
        full = box.x1 >= right - 1.5 * size
        centred = not full and abs((box.x0 + box.x1) / 2 - centre) < 2 * size and box.x0 > left + 2 * size
        all_bold = sum(s.end - s.start for s in bold) >= len(text.replace(" ", "")) > 0
        heading = (centred or all_bold) and len(text) <= 24 and text[-1:] not in TERMINAL
        if heading and not centred and lines and lines[-1].full and lines[-1].text[-1:] not in TERMINAL + "：:":
            # A bold line under a line that runs to the margin mid-sentence is
            # the end of that (bold) sentence, not a heading: 第六条 发生下列情形…，/保险人不承担赔偿责任：
            heading = box.x0 >= left + 0.9 * size
        lines.append(
            Line(
                text,
                page,
                first_number + k,
                bold=bold,
                box=box,
                hint=Hint.HEADING if heading else Hint.NONE,
                full=full,
                indent=box.x0 >= left + 0.9 * size,
                centred=centred,
                edge=_in_band(box, height),
                confidence=confidence,
            )
        )
    return lines


def _shift(spans: tuple[Span, ...], by: int) -> tuple[Span, ...]:
    return tuple(Span(max(0, s.start - by), s.end - by) for s in spans if s.end - by > 0)


def _in_band(box: Box, height: float) -> bool:
    return box.top < EDGE_BAND * height or box.bottom > (1 - EDGE_BAND) * height


def _inside(ch: Char, bbox: tuple[float, float, float, float]) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _cell_text(chars: Sequence[Char]) -> str:
    """Text of one table cell: its printed lines, fake bold folded, joined by newlines."""
    rows = [r for r in _cluster_rows(chars) if any(not c["text"].isspace() for c in r)]
    return "\n".join(_row_text(r)[0].strip() for r in rows)


CellBox = tuple[float, float, float, float]  # x0, top, x1, bottom in points


def tables_from_cells(
    chars: Sequence[Char], found: Sequence[tuple[CellBox, Sequence[Sequence[CellBox | None]]]], page_no: int, first_number: int
) -> tuple[list[TableLine], list[Char]]:
    """Tables read from their cells, and the characters outside every table.

    `found` gives each ruled table's box and its rows of cell boxes (None for a
    cell merged away); cell text is read from the same characters as the body,
    so fake bold is folded once. A table whose cells are all empty is left out."""
    tables: list[TableLine] = []
    for k, (bbox, cell_rows) in enumerate(found):
        rows = tuple(
            tuple(_cell_text([c for c in chars if _inside(c, cell)]) if cell is not None else "" for cell in row) for row in cell_rows
        )
        if any(any(cell for cell in r) for r in rows):
            tables.append(TableLine(rows, page_no, first_number + k, pages=(page_no,), box=Box(page_no, *bbox)))
    rest = [c for c in chars if not any(_inside(c, bbox) for bbox, _ in found)]
    return tables, rest


def _page_tables(page: Any, chars: Sequence[Char], page_no: int, first_number: int) -> tuple[list[TableLine], list[Char]]:
    """Ruled tables on a page and the characters outside them.

    Table finding looks at ruling lines only, so a page that draws fewer than
    four of them (most clause pages draw none) skips it outright.
    """
    if len(page.rects) + len(page.lines) < 4:
        return [], list(chars)
    found = page.find_tables()
    return tables_from_cells(chars, [(t.bbox, [r.cells for r in t.rows]) for t in found], page_no, first_number)


def in_reading_order(lines: list[Line], tables: list[TableLine]) -> list[Line | TableLine]:
    """A page's lines and tables top to bottom."""
    merged: list[Line | TableLine] = [*lines, *tables]
    if tables:
        merged.sort(key=lambda ln: ln.box.top if ln.box else 0.0)
    return merged


def page_to_lines(page: Any, page_no: int, first_number: int) -> list[Line | TableLine]:
    """Lines and tables of one pdfplumber page in reading order (top to bottom)."""
    # A damaged font can map a glyph to no text at all: such a character holds
    # nothing to keep, and the line building below reads each one's first letter.
    tables, chars = _page_tables(page, [c for c in page.chars if c["text"]], page_no, first_number)
    lines = chars_to_lines(chars, page_no, float(page.width), float(page.height), first_number + len(tables))
    return in_reading_order(lines, tables)


def _open(data: bytes, path: str) -> Any:
    if b"%PDF" not in data[:1024]:
        raise CorruptFileError(path, _("不是 PDF（开头没有 %PDF 标记）；请检查文件是否完整复制或下载"))
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedPdfError(path, _("PDF 设有密码保护；请另存一份不加密的副本再解析")) from None
        raise CorruptFileError(path, _("无法打开 PDF（{reason}）；请从原始文件重新导出").format(reason=reason(cause))) from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise CorruptFileError(path, _("无法打开 PDF（{reason}）；请从原始文件重新导出").format(reason=reason(exc))) from None


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """Whether and how pages without a usable text layer are OCR'd."""

    enabled: bool = True  # when the extra is installed
    dpi: int = 300
    jobs: int = 1


def needs_ocr(page: Any) -> bool:
    """A page with no printable character, or a page that is one big image with
    only a few characters on it (a scan with a stamped page number, say)."""
    printable = sum(1 for c in page.chars if not c["text"].isspace())
    if printable == 0:
        return True
    if printable >= _STAMP_CHARS:
        return False
    area = float(page.width) * float(page.height)
    covered = sum(max(0.0, (im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) for im in page.images)
    return area > 0 and covered >= 0.5 * area


def _ocr_lines(
    data: bytes, path: str, pages: list[int], settings: OcrSettings, on_page: Callable[[int, int], None] | None
) -> dict[int, list[Line]]:
    from . import ocr

    try:
        scans = ocr.ocr_pages(data, pages, settings.dpi, settings.jobs, on_page)
    except ocr.PageFailed as exc:
        page, reason = exc.args
        raise CorruptFileError(path, _("OCR 无法渲染或识别这一扫描页（{reason}）；请重新扫描或重新导出").format(reason=reason), page) from None
    return {s.page: scan_to_lines(s) for s in settle_by_majority(scans)}


def scan_to_lines(scan: PageScan) -> list[Line | TableLine]:
    """Lines and ruled tables of one OCR'd page in reading order."""
    tables, rest = tables_from_cells(scan_to_chars(scan), [(g.bbox, g.cells) for g in scan.grids], scan.page, 1)
    return in_reading_order(chars_to_lines(rest, scan.page, scan.width, scan.height, 1 + len(scan.grids)), tables)


def read_pdf(
    data: bytes,
    path: str,
    sha256: str,
    ocr: OcrSettings = OcrSettings(),
    on_page: Callable[[int, int], None] | None = None,
) -> RawSource:
    """Lines of a PDF; pages without a usable text layer are OCR'd when the
    `ocr` extra is installed and `ocr.enabled`, else reported as empty."""
    by_page: dict[int, list[Line | TableLine]] = {}
    scanned: list[int] = []
    with caught_logs("pdfminer", "pdfplumber") as caught:
        pdf = _open(data, path)
        try:
            try:
                pages = pdf.pages
            except PdfminerException as exc:
                raise CorruptFileError(path, _("PDF 的页面树已损坏（{reason}）；请重新导出").format(reason=reason(exc))) from None
            for index, page in enumerate(pages, start=1):
                caught.page = index
                try:
                    with library_errors(path, _("PDF 页面"), index, _("请从原始文件重新导出 PDF")):
                        if needs_ocr(page):
                            scanned.append(index)
                            by_page[index] = []
                        else:
                            by_page[index] = page_to_lines(page, index, 1)
                finally:
                    page.close()
            count = len(pages)
        finally:
            pdf.close()
    damage = damage_summary(caught.records)
    warnings = (ParseWarning(WarningCode.DAMAGED_SOURCE, damage[0], damage[1]),) if damage else ()
    if count == 0:
        raise CorruptFileError(path, _("PDF 没有任何页面；请从原始文件重新导出"))
    from .ocr import OCR_EXTRA, available

    can_ocr = bool(scanned) and ocr.enabled and available()
    if can_ocr:
        by_page.update(_ocr_lines(data, path, scanned, ocr, on_page))
    lines = [ln for index in sorted(by_page) for ln in by_page[index]]
    if can_ocr:
        lines = mend_label_gaps(lines)
    if not lines:
        if can_ocr:
            raise ScannedPdfError(path, _("OCR 在全部 {count} 页上都没有识别出文字；请确认扫描清晰、页面方向正确").format(count=count))
        how = _("打开 OCR（去掉 --no-ocr）") if available() else _("安装 OCR 支持（{extra}）").format(extra=OCR_EXTRA)
        raise ScannedPdfError(path, _("全部 {count} 页都没有文字层，像是扫描件——请{how}后重新解析").format(count=count, how=how))
    lines = [replace(ln, number=k) for k, ln in enumerate(lines, start=1)]
    empty = tuple(index for index in sorted(by_page) if not by_page[index])
    return RawSource(
        path, SourceFormat.PDF, sha256, count, tuple(lines), empty_pages=empty, ocr_pages=tuple(scanned) if can_ocr else (), warnings=warnings
    )
