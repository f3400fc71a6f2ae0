"""A redline written out for reading: plain text with [-deleted-] and {+inserted+}
marks, and HTML with <ins>/<del>, inline (one column, the new clause with the
changes marked) or side by side (the old clause on the left, the new on the
right, article against article). The Word redline with tracked changes is
`compare.redline_docx`; `to_docx` is re-exported here so one module serves all
three formats."""

from __future__ import annotations

from enum import StrEnum

from jinja2 import Environment

from tiaokuan.i18n import _, install

from .redline import ArticleDiff, Change, Op, Piece, Redline
from .redline_doc import heading, summary
from .redline_docx import AUTHOR, to_docx

__all__ = ["AUTHOR", "Layout", "heading", "summary", "to_docx", "to_html", "to_text"]

class Layout(StrEnum):
    INLINE = "inline"  # one column: the new clause with every change marked
    SIDE_BY_SIDE = "side-by-side"  # two columns: old and new, article against article


def _entries(redline: Redline, changed_only: bool) -> tuple[ArticleDiff, ...]:
    return redline.changed() if changed_only else redline.articles


def to_text(redline: Redline, old_name: str, new_name: str, changed_only: bool = False) -> str:
    """[-deleted-] and {+inserted+} marks, one block per article."""
    lines = [f"--- {old_name}", f"+++ {new_name}", summary(redline), ""]
    if changed_only:
        lines[-1:] = [_("（仅列出有修改的条款）"), ""]
    marks = {Op.EQUAL: "{}", Op.DELETE: "[-{}-]", Op.INSERT: "{{+{}+}}"}
    for a in _entries(redline, changed_only):
        lines.append(f"## {heading(a)}")
        lines.append("".join(marks[p.op].format(p.text) for p in a.pieces))
        lines.append("")
    return "\n".join(lines)


def side(a: ArticleDiff, old: bool) -> tuple[tuple[Piece, ...], str | None]:
    """One column of a side-by-side row: the pieces that side reads (equal and deleted
    for the old, equal and inserted for the new) and a note where that side has the
    article elsewhere or not at all."""
    if old and a.moved:
        note = _("原在{name}处，已移动").format(name=a.old.name)
    elif not old and a.change is Change.MOVED:
        note = _("已移至{name}").format(name=a.new.name)
    elif (a.old if old else a.new) is None:
        note = _("（无此条）")
    else:
        note = None
    if not old and a.change is Change.MOVED:
        return (), note
    drop = Op.INSERT if old else Op.DELETE
    return tuple(p for p in a.pieces if p.op is not drop), note


_HTML = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
install(_HTML)
_PAGE = _HTML.from_string(
    """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ old }} → {{ new }}</title>
<style>
@page{size:A4{% if sbs %} landscape{% endif %};margin:2.54cm {% if sbs %}2cm{% else %}3.18cm{% endif %}}
body{font-family:"Noto Serif CJK SC","SimSun",serif;max-width:{% if sbs %}90em{% else %}60em{% endif %};margin:2em auto;line-height:1.7}
ins{background:#d4f7d4;text-decoration:underline}del{background:#fbd4d4;text-decoration:line-through}
h2{font-size:1em;margin:1.2em 0 .2em}.same{color:#666}.meta{color:#555}.note{color:#777;font-style:italic}
p{white-space:pre-wrap;margin:0}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top;text-align:left}
thead{display:table-header-group}tr{break-inside:avoid}
td h2{margin:0 0 .2em}td p{white-space:pre-wrap}
</style></head><body>
<h1>{{ old }} → {{ new }}</h1><p class="meta">{{ summary }}</p>
{% if changed_only %}<p class="meta">{{ _("仅列出有修改的条款") }}</p>{% endif %}
{% if sbs %}<table><colgroup><col style="width:50%"><col style="width:50%"></colgroup>
<thead><tr><th>{{ _("原版") }}：{{ old }}</th><th>{{ _("新版") }}：{{ new }}</th></tr></thead><tbody>
{% for a in articles %}<tr class="{{ a.change.value }}">{% for is_old in (true, false) %}{% set pieces, note = side(a, is_old) %}<td>
{% set ref = a.old if is_old else a.new %}{% if ref and not (not is_old and a.change.value == 'moved') %}<h2>{{ ref.name }}</h2>{% endif %}{% if note %}<p class="note">{{ note }}</p>{% endif %}
<p>{% for p in pieces %}{% if p.op.value == 'insert' %}<ins>{{ p.text }}</ins>{% elif p.op.value == 'delete' %}<del>{{ p.text }}</del>{% else %}{{ p.text }}{% endif %}{% endfor %}</p></td>{% endfor %}</tr>
{% endfor %}</tbody></table>
{% else %}{% for a in articles %}<h2 class="{{ a.change.value }}">{{ heading(a) }}</h2>
<p class="{{ a.change.value }}">{% for p in a.pieces %}{% if p.op.value == 'insert' %}<ins>{{ p.text }}</ins>{% elif p.op.value == 'delete' %}<del>{{ p.text }}</del>{% else %}{{ p.text }}{% endif %}{% endfor %}</p>
{% endfor %}{% endif %}</body></html>
"""
)


def to_html(redline: Redline, old_name: str, new_name: str, layout: Layout = Layout.INLINE, changed_only: bool = False) -> str:
    return _PAGE.render(
        old=old_name,
        new=new_name,
        summary=summary(redline),
        articles=_entries(redline, changed_only),
        heading=heading,
        side=side,
        sbs=Layout(layout) is Layout.SIDE_BY_SIDE,
        changed_only=changed_only,
    )
