"""Characters of a PDF page read with pypdfium2, in the mapping shape that
`read_pdf.chars_to_lines` consumes (text, x0, x1, top, bottom, size, fontname).

pdfplumber (pdfminer) is the engine the parser runs on today; this adapter is
how the character pass moves to PDFium, which extracts text many times faster.
Ruled-table detection still needs pdfplumber's edges.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

_FONT_BUFFER = 256
_ASCENT = 0.88  # share of the em above the baseline in CJK fonts


def page_chars(page: Any) -> list[dict[str, Any]]:
    """Every printed character of a `pypdfium2.PdfPage`, top-left coordinates in points.

    Characters PDFium generates itself (spaces and line ends it infers) are left
    out, as pdfplumber reports only what the page draws.
    """
    height = page.get_height()
    textpage = page.get_textpage()
    buffer = ctypes.create_string_buffer(_FONT_BUFFER)
    flags = ctypes.c_int()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    fonts: dict[int, str] = {}
    out: list[dict[str, Any]] = []
    try:
        for index in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(textpage, index):
                continue
            code = pdfium_c.FPDFText_GetUnicode(textpage, index)
            if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
                continue
            left, _, right, _ = textpage.get_charbox(index, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(textpage, index)
            # PDFium's boxes follow each glyph (a comma sits low), so the line a
            # character belongs to is read from its baseline, and the box is
            # rebuilt from the font size the way pdfminer's font boxes are.
            pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(origin_x), ctypes.byref(origin_y))
            top = origin_y.value + _ASCENT * size
            bottom = origin_y.value - (1 - _ASCENT) * size
            length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, _FONT_BUFFER, ctypes.byref(flags))
            name = buffer.raw[: max(0, length - 1)]
            font = fonts.setdefault(hash(name), name.decode("utf-8", "replace"))
            out.append(
                {"text": chr(code), "x0": left, "x1": right, "top": height - top, "bottom": height - bottom, "size": size, "fontname": font}
            )
    finally:
        textpage.close()
    return out
