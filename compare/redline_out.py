"""A redline written out: plain text, HTML with <ins>/<del>, and a Word document
whose changes are real tracked changes (w:ins / w:del with author and date), so
Word's Accept / Reject works on them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from jinja2 import Environment

from tiaokuan.i18n import N_, _
from tiaokuan.paper import BODY_FONT, chinese_document

from .redline import Change, Op, Redline

AUTHOR = "tiaokuan"

_LABELS = {
    Change.SAME: N_("未改"),
    Change.RENUMBERED: N_("条号变动"),
    Change.CHANGED: N_("修改"),
    Change.DELETED: N_("删除"),
    Change.INSERTED: N_("新增"),
}


def heading(a) -> str:
    if a.change is Change.DELETED:
        name = a.old.name
    elif a.change is Change.INSERTED or a.old.name == a.new.name:
        name = a.new.name
    else:
        name = f"{a.old.name} → {a.new.name}"
    return f"{name}（{_(_LABELS[a.change])}）"


def to_text(redline: Redline, old_name: str, new_name: str) -> str:
    """[-deleted-] and {+inserted+} marks, one block per article."""
    lines = [f"--- {old_name}", f"+++ {new_name}", _summary(redline), ""]
    for a in redline.articles:
        lines.append(f"## {heading(a)}")
        marks = {Op.EQUAL: "{}", Op.DELETE: "[-{}-]", Op.INSERT: "{{+{}+}}"}
        lines.append("".join(marks[p.op].format(p.text) for p in a.pieces))
        lines.append("")
    return "\n".join(lines)


def _summary(redline: Redline) -> str:
    return "，".join(_("{label} {n} 条").format(label=_(_LABELS[c]), n=redline.count(c)) for c in Change)


_HTML = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ old }} → {{ new }}</title>
<style>
@page{size:A4;margin:2.54cm 3.18cm}
body{font-family:"Noto Serif CJK SC","SimSun",serif;max-width:60em;margin:2em auto;line-height:1.7}
ins{background:#d4f7d4;text-decoration:underline}del{background:#fbd4d4;text-decoration:line-through}
h2{font-size:1em;margin:1.2em 0 .2em}.same{color:#666}.meta{color:#555}
p{white-space:pre-wrap;margin:0}
</style></head><body>
<h1>{{ old }} → {{ new }}</h1><p class="meta">{{ summary }}</p>
{% for a in articles %}<h2 class="{{ a.change.value }}">{{ heading(a) }}</h2>
<p class="{{ a.change.value }}">{% for p in a.pieces %}{% if p.op.value == 'insert' %}<ins>{{ p.text }}</ins>{% elif p.op.value == 'delete' %}<del>{{ p.text }}</del>{% else %}{{ p.text }}{% endif %}{% endfor %}</p>
{% endfor %}</body></html>
"""
)


def to_html(redline: Redline, old_name: str, new_name: str) -> str:
    return _HTML.render(old=old_name, new=new_name, summary=_summary(redline), articles=redline.articles, heading=heading)


def _run(text: str, deleted: bool = False) -> OxmlElement:
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    props.append(fonts)
    run.append(props)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    return run


def _tracked(tag: str, text: str, change_id: int, when: str) -> OxmlElement:
    mark = OxmlElement(tag)
    mark.set(qn("w:id"), str(change_id))
    mark.set(qn("w:author"), AUTHOR)
    mark.set(qn("w:date"), when)
    mark.append(_run(text, deleted=tag == "w:del"))
    return mark


def to_docx(redline: Redline, old_name: str, new_name: str, path: str | Path, when: datetime | None = None) -> None:
    """A Word document of the new version with every change tracked against the old."""
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    doc = chinese_document()
    doc.add_heading(f"{old_name} → {new_name}", level=1)
    doc.add_paragraph(_summary(redline))
    change_id = 1
    for a in redline.articles:
        doc.add_heading(heading(a), level=3)
        # Paragraph breaks inside an article stay paragraph breaks in Word; an inserted
        # or deleted break is a tracked paragraph mark, so Reject All joins the
        # paragraphs again and Accept All removes a deleted item's empty paragraph.
        paragraph = doc.add_paragraph()._p
        for piece in a.pieces:
            parts = piece.text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    if piece.op is not Op.EQUAL:
                        _track_mark(paragraph, "w:ins" if piece.op is Op.INSERT else "w:del", change_id, stamp)
                        change_id += 1
                    paragraph = doc.add_paragraph()._p
                if not part:
                    continue
                if piece.op is Op.EQUAL:
                    paragraph.append(_run(part))
                else:
                    paragraph.append(_tracked("w:ins" if piece.op is Op.INSERT else "w:del", part, change_id, stamp))
                    change_id += 1
    doc.save(str(path))


def _track_mark(paragraph, tag: str, change_id: int, when: str) -> None:
    """Mark the paragraph's own mark (its break) as inserted or deleted: w:pPr/w:rPr/w:ins|w:del."""
    props = paragraph.get_or_add_pPr()
    run_props = props.find(qn("w:rPr"))
    if run_props is None:
        run_props = OxmlElement("w:rPr")
        props.append(run_props)
    mark = OxmlElement(tag)
    mark.set(qn("w:id"), str(change_id))
    mark.set(qn("w:author"), AUTHOR)
    mark.set(qn("w:date"), when)
    run_props.append(mark)
