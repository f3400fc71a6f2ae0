"""Web pages: decode, drop templates and page chrome, find the clause body by its
structure, then turn its blocks into lines.

Insurers publish clauses as Word-exported HTML, as fragments pasted into a CMS,
and as JSP/PHP/ASP pages. All of them are read with lxml's HTML parser; the one
text-level step is removing server template directives (`<%@ … %>`, `<?php … ?>`),
which are not HTML and would otherwise show up as text.

The body is the smallest element that still holds every clause-like line (第X条,
items, chapter headings), widened over the title lines and tables beside it; everything
else a page shows (menus, tabs, buttons, footers, scripts) is kept as layout so it
can be audited, never as clause text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree

from tiaokuan.errors import EmptyFileError, EncodingError
from tiaokuan.i18n import _
from tiaokuan.model import SourceFormat, Span
from tiaokuan.text.labels import TERMINAL, article_label

from .layout import starts_structure
from .lines import Hint, Line, RawSource, TableLine

# Server-side template code: JSP comments first (they may contain `%>`), then
# JSP/ASP scriptlets and directives, then PHP (an unclosed `<?php` runs to the end,
# as PHP itself reads it). This is a lexer over template syntax, not over HTML.
_DIRECTIVES = re.compile(r"<%--.*?--%>|<%.*?%>|<\?php\b.*?(?:\?>|\Z)", re.S | re.I)
# HTML's own whitespace collapses; no-break and ideographic spaces are characters.
_HTML_SPACE = " \t\n\r\f"
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "csgb2312", "gb18030", "x-euc-cn", "euc-cn"}

_DROP = {"script", "style", "noscript", "template", "head", "title", "iframe", "svg", "canvas", "object", "embed",
         "input", "button", "select", "textarea", "option", "nav", "header", "footer", "aside", "menu", "dialog"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "button", "tab", "tablist", "menu", "menubar", "search", "toolbar"}
_CHROME_CLASSES = {"btn", "button", "tab", "tabs", "menu", "nav", "navbar", "breadcrumb", "breadcrumbs", "toolbar", "footer", "topbar", "sidebar"}
_BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
           "section", "article", "main", "body", "html", "center", "address", "form", "fieldset", "figure",
           "figcaption", "caption", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "hr", "legend"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD_TAGS = {"b", "strong"}
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇两\d０-９]+条")


def _gb(name: str) -> str:
    """GB2312 and GBK pages routinely hold characters only GB18030 (their superset) names."""
    name = name.strip().lower()
    return "gb18030" if name in _GB else name


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in `<meta charset>` or `<meta http-equiv>`.

    The head is parsed as Latin-1, which maps every byte to one character, so the
    ASCII attribute values come through whatever the page's real encoding is."""
    head = data[:8192].decode("latin-1")
    root = etree.fromstring(head.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    if root is None:
        return None
    for meta in root.iter("meta"):
        if meta.get("charset"):
            return _gb(meta.get("charset"))
        if (meta.get("http-equiv") or "").lower() == "content-type":
            for part in (meta.get("content") or "").split(";"):
                key, _sep, value = part.partition("=")
                if key.strip().lower() == "charset" and value.strip():
                    return _gb(value.strip("\"' "))
    return None


def decode_html(data: bytes, path: str) -> str:
    """Text of a page: a BOM wins, then the declared charset, then UTF-8, then GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8"]
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        declared = declared_charset(data)
        candidates = [c for c in (declared, "utf-8", "gb18030") if c]
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding, errors="strict")
        except (UnicodeDecodeError, LookupError):
            continue
    raise EncodingError(path, _("文本既不是 UTF-8 编码，也不是 GB18030/GBK 编码；请另存为 UTF-8 后重新解析"))


def strip_directives(text: str) -> tuple[str, list[str]]:
    """The page without server template code, and the code removed (layout)."""
    removed = [m.group(0) for m in _DIRECTIVES.finditer(text)]
    return _DIRECTIVES.sub("", text), removed


def _style(el: Any) -> dict[str, str]:
    out = {}
    for part in (el.get("style") or "").split(";"):
        key, sep, value = part.partition(":")
        if sep:
            out[key.strip().lower()] = value.strip().lower()
    return out


def _is_bold(el: Any) -> bool:
    if el.tag in _BOLD_TAGS:
        return True
    weight = _style(el).get("font-weight", "")
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 700)


def _alignment(el: Any) -> str | None:
    align = _style(el).get("text-align") or (el.get("align") or "").lower() or None
    return "center" if el.tag == "center" else align


def _squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def _chrome(el: Any) -> bool:
    """Page furniture by structure: navigation and form elements, hidden elements,
    tab and button widgets, and blocks that are mostly links."""
    tag = el.tag
    if tag in _DROP:
        return True
    style = _style(el)
    if style.get("display") == "none" or style.get("visibility") == "hidden" or el.get("hidden") is not None:
        return True
    # Running headers and footers of a Word document exported as a page: LibreOffice
    # writes <div title="header|footer">, Word mso-element:header|footer; a page
    # number field (<sdfield type=PAGE>) is furniture wherever it stands.
    if (el.get("title") or "").lower() in ("header", "footer") and tag == "div":
        return True
    if style.get("mso-element") in ("header", "footer") or (tag == "sdfield" and (el.get("type") or "").upper() in ("PAGE", "PAGECOUNT")):
        return True
    text = _squash("".join(el.itertext()))
    if _ARTICLE.search(text) and len(_ARTICLE.findall(text)) > 1:
        return False  # whatever it looks like, it holds articles
    if (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    tokens = set(re.split(r"[\s_-]+", (el.get("class") or "").lower()))
    if tokens & _CHROME_CLASSES or (el.get("onclick") is not None and len(text) <= 12):
        return True
    if tag in _BLOCKS and text:
        # Only links count: Word marks headings and bookmarks with <a name="_Toc…">,
        # an anchor to jump to, not a link away from the clause.
        linked = sum(len(_squash("".join(a.itertext()))) for a in el.iter("a") if a.get("href") is not None)
        return linked / len(text) >= 0.5
    return tag == "a" and el.get("href", "").startswith("javascript")


@dataclass
class _Block:
    """The innermost block element text was added under, and its alignment."""

    el: Any
    centred: bool
    heading: bool


@dataclass
class _Walk:
    """Lines of a subtree, each with the block element it came from."""

    tree: Any
    layout: list[str]
    lines: list[tuple[Line | TableLine, Any]] = field(default_factory=list)
    chars: list[tuple[str, bool]] = field(default_factory=list)
    block: _Block | None = None
    soft: bool = False
    after_title: bool = False
    blank: bool = True
    number: int = 0

    def add(self, text: str | None, bold: bool) -> None:
        if text:
            self.chars.extend((ch, bold) for ch in text)

    def cut(self, soft: bool) -> None:
        """End the current line; `soft` when a `<br>` ends it inside its block."""
        text, bold = _collapse(self.chars)
        self.chars = []
        if not text.strip():
            # An empty paragraph (&nbsp; only) or an empty line between two <br>
            # is a paragraph boundary, never text.
            if not soft or self.soft:
                self.blank = True
            self.soft = False
            return
        block = self.block
        all_bold = sum(s.end - s.start for s in bold) >= len(text.strip())
        title_like = all_bold and len(_squash(text)) <= 40 and text.strip()[-1] not in TERMINAL
        # After a <br>, a line is the same paragraph unless it is indented (a first
        # line) or it or the line before is a bold title line.
        if self.soft and (text.startswith(("\u3000", "\xa0\xa0")) or title_like or self.after_title):
            self.soft = False
        heading = block is not None and (
            block.heading
            or (block.centred and all_bold and len(text.strip()) <= 24 and text.strip()[-1] not in TERMINAL)
        )
        self.number += 1
        line = Line(
            text,
            1,
            self.number,
            bold=bold,
            hint=Hint.HEADING if heading else Hint.NONE,
            break_before=self.blank or not self.soft,
            soft=self.soft,
            centred=block.centred if block else None,
            element=self.tree.getpath(block.el) if block else None,
        )
        self.lines.append((line, block.el if block else None))
        self.blank = False
        self.soft = soft
        self.after_title = title_like

    def walk(self, el: Any, bold: bool, dropped: set[Any]) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments and processing instructions
            return
        if el in dropped:
            self.layout.append(" ".join("".join(el.itertext()).split()))
            return
        if tag == "br":
            self.cut(soft=True)
            return
        if tag == "table" and _data_table(el):
            self.cut(soft=False)
            rows = _rows(el)
            if any(any(c for c in r) for r in rows):
                self.number += 1
                self.lines.append((TableLine(rows, 1, self.number), el))
            self.blank = True
            return
        is_block = tag in _BLOCKS
        outer = self.block
        if is_block:
            self.cut(soft=False)
            self.soft = False
            align = _alignment(el)
            centred = align == "center" if align else bool(outer and outer.centred)
            self.block = _Block(el, centred, tag in _HEADINGS or bool(outer and outer.heading))
        b = bold or _is_bold(el)
        self.add(el.text, b)
        for child in el:
            self.walk(child, b, dropped)
            self.add(child.tail, b)
        if is_block:
            self.cut(soft=False)
            self.soft = False
            self.block = outer


def _collapse(chars: list[tuple[str, bool]]) -> tuple[str, tuple[Span, ...]]:
    """HTML whitespace collapsed to single spaces and trimmed; bold spans over ink."""
    out: list[str] = []
    flags: list[bool] = []
    for ch, b in chars:
        if ch in _HTML_SPACE:
            if not out or out[-1] == " ":
                continue
            ch, b = " ", False
        out.append(ch)
        flags.append(b)
    while out and out[-1] == " ":
        out.pop()
        flags.pop()
    spans: list[Span] = []
    for i, (ch, b) in enumerate(zip(out, flags, strict=True)):
        if b and not ch.isspace():
            if spans and all(flags[j] or out[j].isspace() for j in range(spans[-1].end, i)):
                spans[-1] = Span(spans[-1].start, i + 1)
            else:
                spans.append(Span(i, i + 1))
    return "".join(out), tuple(spans)


def _own_rows(table: Any) -> Iterator[Any]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _data_table(table: Any) -> bool:
    """A table of data rather than a layout table: no cell holds articles."""
    return not any(
        len(_ARTICLE.findall(_squash("".join(cell.itertext())))) > 1 or cell.find(".//table") is not None and _ARTICLE.search(_squash("".join(cell.itertext())))
        for tr in _own_rows(table)
        for cell in tr
        if cell.tag in ("td", "th")
    )


def _cell_text(cell: Any) -> str:
    """A cell's lines joined by newlines; a table nested in it gives one line per row."""
    walk = _Walk(cell.getroottree(), [])
    walk.walk(cell, False, set())
    walk.cut(soft=False)
    return "\n".join(ln.text.strip() for ln, _el in walk.lines).strip()


def _rows(table: Any) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_cell_text(c) for c in tr if c.tag in ("td", "th")) for tr in _own_rows(table))


def _dropped(root: Any) -> set[Any]:
    """The outermost chrome elements (their descendants go with them)."""
    out: set[Any] = set()

    def visit(el: Any) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if _chrome(child):
                out.add(child)
            else:
                visit(child)

    visit(root)
    return out


def _body(lines: list[tuple[Line | TableLine, Any]]) -> Any:
    """The smallest element holding every clause-like line, widened over the title
    lines (headings, centred or bold short lines) and tables beside it."""
    counts: dict[Any, int] = {}
    total = 0
    for ln, el in lines:
        if isinstance(ln, Line) and el is not None and starts_structure(ln.text):
            total += 1
            for anc in [el, *el.iterancestors()]:
                counts[anc] = counts.get(anc, 0) + 1
    if not total:
        return None
    best = max((el for el, n in counts.items() if n == total), key=lambda e: sum(1 for _a in e.iterancestors()))
    while (parent := best.getparent()) is not None:
        outside = [ln for ln, el in lines if el is not None and _under(el, parent) and not _under(el, best)]
        if not all(_title_like(ln) for ln in outside):
            break
        best = parent
    return best


def _under(el: Any, ancestor: Any) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())


def _title_like(ln: Line | TableLine) -> bool:
    """A line the body widens over: a title line, or a table (a rate table or 附表
    beside the articles; link tables are already chrome, layout tables are lines)."""
    if isinstance(ln, TableLine):
        return True
    text = ln.text.strip()
    bold = sum(s.end - s.start for s in ln.bold) >= len(text)
    return len(_squash(text)) <= 40 and (ln.hint is Hint.HEADING or ln.centred is True or bold) and text[-1] not in TERMINAL


def _labels_alone(lines: list[Line | TableLine]) -> list[Line | TableLine]:
    """A block holding only a 第X条 label (a common web layout: the label in its
    own <p>, the text in the next) is the start of the next block's paragraph."""
    out = list(lines)
    for i in range(1, len(out)):
        prev, line = out[i - 1], out[i]
        if not (isinstance(prev, Line) and isinstance(line, Line)) or prev.hint is not Hint.NONE:
            continue
        label = article_label(prev.text.strip())
        if label is not None and label.end == len(prev.text.strip()) and not starts_structure(line.text) and line.hint is Hint.NONE:
            out[i] = replace(line, soft=True, break_before=False)
    return out


def read_html(data: bytes, path: str, sha256: str) -> RawSource:
    text, layout = strip_directives(decode_html(data, path))
    root = etree.fromstring(text.encode("utf-8"), etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True))
    if root is None:
        raise EmptyFileError(path, _("文件中没有条款文字，只有标记或空行"))
    walk = _Walk(root.getroottree(), layout)
    walk.walk(root, False, _dropped(root))
    walk.cut(soft=False)
    body = _body(walk.lines)
    kept: list[Line | TableLine] = []
    for ln, el in walk.lines:
        if body is None or (el is not None and _under(el, body)):
            kept.append(ln)
        else:
            layout.append(ln.text)
    if not kept:
        raise EmptyFileError(path, _("文件中没有条款文字，只有标记或空行"))
    return RawSource(path, SourceFormat.HTML, sha256, 1, tuple(_labels_alone(kept)), layout=tuple((1, t) for t in layout if t.strip()))
