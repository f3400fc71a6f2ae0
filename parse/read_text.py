"""Plain text and Markdown: decode, then turn markup into line hints.

Converted clause texts carry Markdown from their converters (YAML front matter,
`<!-- 第N页 -->` page markers, `**bold**`, `- ` bullets, pipe tables); that markup
is layout, so it leaves the text here and survives only as hints and bold spans.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

from tiaokuan.errors import EmptyFileError, EncodingError
from tiaokuan.i18n import _
from tiaokuan.model import SourceFormat, Span
from tiaokuan.text.labels import display_width, ends_sentence

from .lines import Hint, Line, RawSource, TableLine

_PAGE_MARKER = re.compile(r"^\s*<!--\s*第\s*(\d+)\s*页\s*-->\s*$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(?=\S)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0c\u2029\x85]")
_MANUAL_BREAKS = re.compile(r"[\x0b\u2028]")


def decode(data: bytes, path: str) -> str:
    """Text of a clause file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if not data.strip():
        raise EmptyFileError(path, _("文件是空的；没有可解析的内容"))
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise EncodingError(
            path, _("文件里是二进制数据，不是文本；请提供 PDF、DOCX、文本或 Markdown 格式的条款")
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding, errors="strict")
        except UnicodeDecodeError:
            continue
    raise EncodingError(
        path, _("文本既不是 UTF-8 编码，也不是 GB18030/GBK 编码；请另存为 UTF-8 后重新解析")
    )


def strip_bold(text: str) -> tuple[str, tuple[Span, ...]]:
    """Text without `**` markers and the spans they marked bold."""
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    for m in _BOLD.finditer(text):
        before = text[pos : m.start()]
        out.append(before)
        length += len(before)
        inner = m.group(1)
        spans.append(Span(length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tuple(spans)


def split_table_row(row: str) -> tuple[str, ...]:
    cells = row.strip()
    if cells.startswith("|"):
        cells = cells[1:]
    if cells.endswith("|"):
        cells = cells[:-1]
    return tuple(c.strip() for c in cells.split("|"))


# Word's end-of-cell mark (BEL) survives some .doc text extractions between the
# cells of a table row; it is a separator, not text.
_CELL_MARK = str.maketrans({"\x07": "\t"})


def text_to_lines(text: str) -> tuple[list[Line | TableLine], list[tuple[int, str]]]:
    """Lines of a decoded text with Markdown markup turned into hints.

    Returns the lines and the layout text that was dropped (page markers, YAML
    front matter, rules), each with its page.
    """
    raw = _LINE_BREAKS.split(text.translate(_CELL_MARK))
    lines: list[Line | TableLine] = []
    layout: list[tuple[int, str]] = []
    page = 1
    blank_before = True
    i = 0
    # Converter front matter (YAML between --- lines) is metadata about the file.
    first = next((k for k, s in enumerate(raw) if s.strip()), None)
    if first is not None and raw[first].strip() == "---":
        end = next((k for k in range(first + 1, len(raw)) if raw[k].strip() == "---"), None)
        if end is not None:
            layout.extend((page, s) for s in raw[first : end + 1])
            i = end + 1
    table_rows: list[tuple[str, ...]] = []
    table_start = 0

    def flush_table() -> None:
        nonlocal table_rows
        if table_rows:
            lines.append(TableLine(tuple(table_rows), page, table_start, pages=(page,)))
            table_rows = []

    while i < len(raw):
        source = raw[i]
        number = i + 1
        i += 1
        if _TABLE_ROW.match(source):
            if _TABLE_RULE.match(source):
                layout.append((page, source))
                continue
            if not table_rows:
                table_start = number
            table_rows.append(split_table_row(source))
            continue
        flush_table()
        if not source.strip():
            blank_before = True
            continue
        marker = _PAGE_MARKER.match(source)
        if marker:
            page = int(marker.group(1))
            layout.append((page, source))
            blank_before = True
            continue
        if _COMMENT.match(source) or _RULE.match(source):
            layout.append((page, source))
            blank_before = True
            continue
        hint = Hint.NONE
        body = source
        heading = _MD_HEADING.match(source)
        if heading:
            body = heading.group(2)
            hint = Hint.TITLE if len(heading.group(1)) == 1 and not lines else Hint.HEADING
        else:
            bullet = _BULLET.match(source)
            if bullet and not source.lstrip().startswith("**"):
                body = source[bullet.end() :]
                hint = Hint.BULLET
        for k, segment in enumerate(_MANUAL_BREAKS.split(body)):
            text, bold = strip_bold(segment)
            if not text.strip():
                continue
            seg_hint = hint if k == 0 else Hint.NONE
            if bold and seg_hint is Hint.NONE and _all_bold(text, bold) and not ends_sentence(text):
                seg_hint = Hint.HEADING
            lines.append(Line(text, page, number, bold=bold, hint=seg_hint, break_before=blank_before and k == 0, soft=k > 0))
        blank_before = False
    flush_table()
    return lines, layout


def _all_bold(text: str, spans: tuple[Span, ...]) -> bool:
    covered = sum(s.end - s.start for s in spans)
    return covered >= len(text.strip()) > 0


def looks_wrapped(lines: list[Line | TableLine]) -> bool:
    """Whether lines are hard-wrapped at a page width (PDF-derived text).

    Wrapped text has many lines of nearly the same, modest width that stop in
    mid-sentence; paragraph-per-line text has widths all over the place.
    """
    widths = [display_width(ln.text.strip()) for ln in lines if isinstance(ln, Line)]
    if sum(1 for w in widths if w >= 20) < 8:
        return False
    p90 = full_width(lines)
    if p90 > 130:
        return False
    full_open = sum(
        1
        for ln in lines
        if isinstance(ln, Line)
        and display_width(ln.text.strip()) >= p90 - 4
        and not ends_sentence(ln.text)
    )
    return full_open >= 0.2 * len(widths)


def full_width(lines: list[Line | TableLine]) -> int:
    """Typical width of a full wrapped line, for deciding where paragraphs go on."""
    long = sorted(display_width(ln.text.strip()) for ln in lines if isinstance(ln, Line))
    long = [w for w in long if w >= 20]
    return long[int(len(long) * 0.9) - 1] if long else 0


# East Asian line breaking (kinsoku): a line may not open with a closing mark (，。、；）》 …)
# nor end with an opening one (《（“ …), so a typesetter pushes the character before such a
# mark, or the opening mark itself, to the next line, and the line above stops a character
# short of the margin (其他附加险 / 的，主保险合同…; 应严格遵守 / 《高处作业安全技术规范》…).
_NO_LINE_START = frozenset("，,、。．；;：:？?！!）)》」』】〕”’%％…·")
_NO_LINE_END = frozenset("（(《「『【〔“‘")
_KINSOKU = 4  # two full-width characters' columns


def _pushed_over(lines: list[Line | TableLine], i: int) -> bool:
    """Whether the line after line i opens with what the line could not end with, or
    with one character and then a mark no line may open with."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    head = nxt.text.lstrip()[:2] if isinstance(nxt, Line) else ""
    return head[:1] in _NO_LINE_END or any(c in _NO_LINE_START for c in head)


def read_text(data: bytes, path: str, fmt: SourceFormat, sha256: str) -> RawSource:
    text = decode(data, path)
    lines, layout = text_to_lines(text)
    if not any(isinstance(ln, TableLine) or ln.text.strip() for ln in lines):
        raise EmptyFileError(path, _("文件中没有条款文字，只有标记或空行"))
    wrapped = looks_wrapped(lines)
    if wrapped:
        width = full_width(lines)
        # A wrapped line with half-width characters (the space after 第X条, digits)
        # is a few columns narrower than an all-CJK one and still reached the margin.
        slack = max(6, round(0.1 * width))
        lines = [
            ln
            if isinstance(ln, TableLine)
            else replace(ln, full=display_width(ln.text.strip()) >= width - slack - (_KINSOKU if _pushed_over(lines, i) else 0))
            for i, ln in enumerate(lines)
        ]
    pages = max((ln.page for ln in lines), default=1)
    return RawSource(path, fmt, sha256, pages, tuple(lines), tuple(layout), wrapped=wrapped)

