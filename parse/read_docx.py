"""Word .docx: paragraphs and tables in body order, list labels rendered from
numbering.xml, bold runs, manual line breaks, and pages from Word's own
page-break marks (explicit breaks and w:lastRenderedPageBreak)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from tiaokuan.errors import CorruptFileError, EmptyFileError, UnsupportedFormatError
from tiaokuan.i18n import _
from tiaokuan.model import SourceFormat, Span
from tiaokuan.text.labels import TERMINAL

from .docx_numbering import NumberingRenderer, renderer_for
from .lines import Hint, Line, RawSource, TableLine

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFF = {"0", "false", "off", "none"}
_SKIP = {W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "instrText", W + "delInstrText", W + "txbxContent"}


@dataclass
class _State:
    page: int = 1
    break_pending: bool = False  # an explicit page break was seen; Word's next render mark repeats it
    in_field_code: int = 0


@dataclass(frozen=True, slots=True)
class _Para:
    segments: tuple[tuple[str, tuple[Span, ...], int], ...]  # text, bold spans, page
    label: str | None
    hint: Hint
    centred: bool


def _on(el: etree._Element | None) -> bool:
    if el is None:
        return False
    return el.get(W + "val", "true").lower() not in _OFF


class _Styles:
    """Bold and heading-ness of paragraph styles, following basedOn chains."""

    def __init__(self, document: Any):
        self._by_id: dict[str, Any] = {}
        styles_el = document.styles.element
        for st in styles_el.findall(W + "style"):
            sid = st.get(W + "styleId")
            if sid:
                self._by_id[sid] = st

    def _chain(self, style_id: str | None) -> list[Any]:
        out = []
        seen: set[str] = set()
        while style_id and style_id in self._by_id and style_id not in seen:
            seen.add(style_id)
            st = self._by_id[style_id]
            out.append(st)
            based = st.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None
        return out

    def bold(self, style_id: str | None) -> bool:
        for st in self._chain(style_id):
            b = st.find(f"{W}rPr/{W}b")
            if b is not None:
                return _on(b)
        return False

    def heading(self, style_id: str | None) -> bool:
        for st in self._chain(style_id):
            name = st.find(W + "name")
            text = (name.get(W + "val") if name is not None else "").lower()
            if text.startswith(("heading", "title", "标题")):
                return True
            if st.find(f"{W}pPr/{W}outlineLvl") is not None:
                return True
        return False


def _paragraph(p: Any, state: _State, styles: _Styles, numbering: NumberingRenderer) -> _Para:
    ppr = p.find(W + "pPr")
    style_id = None
    centred = False
    heading = False
    if ppr is not None:
        ps = ppr.find(W + "pStyle")
        style_id = ps.get(W + "val") if ps is not None else None
        jc = ppr.find(W + "jc")
        centred = jc is not None and jc.get(W + "val") == "center"
        heading = ppr.find(W + "outlineLvl") is not None
        if _on(ppr.find(W + "pageBreakBefore")) and ppr.find(W + "pageBreakBefore") is not None:
            state.page += 1
    heading = heading or styles.heading(style_id)
    style_bold = styles.bold(style_id)
    label = numbering.label(p)
    segments: list[tuple[str, tuple[Span, ...], int]] = []
    text: list[str] = []
    bold: list[Span] = []
    seg_page = state.page

    def cut() -> None:
        nonlocal text, bold, seg_page
        segments.append(("".join(text), tuple(bold), seg_page))
        text, bold = [], []
        seg_page = state.page

    def emit(chars: str, is_bold: bool) -> None:
        start = sum(len(t) for t in text)
        text.append(chars)
        if is_bold and chars.strip():
            if bold and bold[-1].end == start:
                bold[-1] = Span(bold[-1].start, start + len(chars))
            else:
                bold.append(Span(start, start + len(chars)))

    def walk(el: Any, run_bold: bool) -> None:
        nonlocal seg_page
        for child in el:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                b = rpr.find(W + "b") if rpr is not None else None
                walk(child, _on(b) if b is not None else style_bold)
            elif tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    state.in_field_code += 1
                elif kind in ("separate", "end") and state.in_field_code:
                    state.in_field_code -= 1
            elif state.in_field_code:
                continue
            elif tag == W + "t":
                emit(child.text or "", run_bold)
            elif tag == W + "tab":
                emit("\t", False)
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") == "page":
                    state.page += 1
                    state.break_pending = True
                cut()
            elif tag == W + "lastRenderedPageBreak":
                if state.break_pending:
                    state.break_pending = False
                else:
                    state.page += 1
                    if not "".join(text).strip():
                        seg_page = state.page
            elif tag == W + "noBreakHyphen":
                emit("-", run_bold)
            elif tag == W + "sym":
                code = child.get(W + "char")
                if code:
                    emit(chr(int(code, 16)), run_bold)
            else:
                walk(child, run_bold)

    walk(p, style_bold)
    cut()
    hint = Hint.HEADING if heading else Hint.NONE
    return _Para(tuple(segments), label, hint, centred)


def _cell_text(tc: Any, state: _State, styles: _Styles, numbering: NumberingRenderer) -> str:
    parts = []
    for p in tc.iter(W + "p"):
        para = _paragraph(p, state, styles, numbering)
        body = "".join(seg[0] for seg in para.segments)
        parts.append(f"{para.label} {body}" if para.label else body)
    return "\n".join(parts).strip()


def _table(tbl: Any, state: _State, styles: _Styles, numbering: NumberingRenderer) -> tuple[tuple[str, ...], ...]:
    rows = []
    for tr in tbl.findall(W + "tr"):
        cells = []
        for tc in tr.findall(W + "tc"):
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and vmerge.get(W + "val", "continue") == "continue":
                cells.append("")  # the merged text belongs to the cell above
                continue
            cells.append(_cell_text(tc, state, styles, numbering))
        rows.append(tuple(cells))
    return tuple(rows)


def _body_elements(body: Any) -> Any:
    for child in body:
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _body_elements(content)
        elif child.tag in (W + "p", W + "tbl"):
            yield child


def _open(data: bytes, path: str) -> Any:
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, etree.XMLSyntaxError, EOFError) as exc:
        raise CorruptFileError(path, _("无法打开 DOCX（{reason}）；请用 Word 或 LibreOffice 重新保存").format(reason=type(exc).__name__)) from None
    except ValueError as exc:
        raise UnsupportedFormatError(path, _("不是 Word 文档（{reason}）；请另存为 .docx").format(reason=exc)) from None


def read_docx(data: bytes, path: str, sha256: str) -> RawSource:
    document = _open(data, path)
    styles = _Styles(document)
    try:
        numbering = renderer_for(document)
    except etree.XMLSyntaxError:
        raise CorruptFileError(path, _("其中的 numbering.xml 已损坏；请用 Word 或 LibreOffice 重新保存该文件")) from None
    state = _State()
    lines: list[Line | TableLine] = []
    number = 0
    blank = True
    for el in _body_elements(document.element.body):
        number += 1
        if el.tag == W + "tbl":
            rows = _table(el, state, styles, numbering)
            if any(any(c for c in r) for r in rows):
                lines.append(TableLine(rows, state.page, number, pages=(state.page,)))
            blank = True
            continue
        para = _paragraph(el, state, styles, numbering)
        first = True
        for text, bold, page in para.segments:
            if first and para.label:
                shift = len(para.label) + 1
                text = f"{para.label} {text}"
                bold = tuple(Span(s.start + shift, s.end + shift) for s in bold)
            if not text.strip():
                first = False
                continue
            all_bold = sum(s.end - s.start for s in bold) >= len(text.strip())
            hint = para.hint
            if hint is Hint.NONE and para.centred and all_bold and len(text.strip()) <= 24 and text.strip()[-1] not in TERMINAL:
                hint = Hint.HEADING
            lines.append(
                Line(
                    text,
                    page,
                    number,
                    bold=bold,
                    hint=hint,
                    break_before=first or blank,
                    soft=not first,
                    centred=para.centred,
                )
            )
            first = False
            blank = False
        if not any(seg[0].strip() for seg in para.segments):
            blank = True
    if not lines:
        raise EmptyFileError(path, _("Word 文档中没有文字；没有可解析的内容"))
    pages = max(ln.page for ln in lines)
    return RawSource(path, SourceFormat.DOCX, sha256, pages, tuple(lines))
