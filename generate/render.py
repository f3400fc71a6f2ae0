"""Rendering a wording: Markdown and HTML through Jinja2 templates (the package's,
or a user's, which run sandboxed), Word through python-docx, PDF through
LibreOffice; and the provenance record written beside every output."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import asdict
from enum import StrEnum
from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from tiaokuan.compare.compare_out import marked_html
from tiaokuan.errors import TiaokuanError
from tiaokuan.i18n import _, install

from .build import Wording
from .view import schedule_rows, wording_view


class OutputFormat(StrEnum):
    DOCX = "docx"
    MD = "md"
    HTML = "html"
    PDF = "pdf"


class RenderError(TiaokuanError):
    """A wording could not be rendered (a broken user template, no LibreOffice for PDF)."""


def _environment(templates: Path | None) -> Environment:
    package = PackageLoader("tiaokuan.generate", "templates")
    settings = {
        "autoescape": lambda name: bool(name and name.endswith(".html.j2")),
        "undefined": StrictUndefined,
        "keep_trailing_newline": True,
        "extensions": ["jinja2.ext.i18n"],  # {{ _("…") }}: the words of the message catalog (tiaokuan.i18n)
    }
    if templates is None:
        env = Environment(loader=package, **settings)
    else:  # a user's template may come from anyone: it runs sandboxed, and clause text is still escaped in HTML
        env = SandboxedEnvironment(loader=ChoiceLoader([FileSystemLoader(str(templates)), package]), **settings)
    install(env)
    env.filters["marked"] = marked_html
    return env


def render_template(name: str, templates: Path | None = None, **context) -> str:
    """One template rendered; a broken user template is a RenderError naming it."""
    try:
        return _environment(templates).get_template(name).render(**context)
    except TemplateError as e:
        where = getattr(e, "filename", None) or (str(templates) if templates else "generate/templates")
        line = getattr(e, "lineno", None)
        said = _("模板第 {line} 行有错误：{reason}；请修改模板，或不用 --templates") if line else _("模板有错误：{reason}；请修改模板，或不用 --templates")
        raise RenderError(where, said.format(line=line, reason=e)) from None


def render_text(wording: Wording, fmt: OutputFormat, templates: Path | None = None) -> str:
    """The wording (riders after it, then the schedule) as Markdown or HTML."""
    suffix = "md" if fmt is OutputFormat.MD else "html"
    parts = [render_template(f"wording.{suffix}.j2", templates, wording=wording_view(w)) for w in (wording, *wording.riders)]
    rows = schedule_rows(wording.schedule)
    if rows:
        parts.append(render_template(f"schedule.{suffix}.j2", templates, rows=rows))
    if fmt is OutputFormat.HTML and len(parts) > 1:
        # One HTML page: the bodies of the riders and the schedule go into the first page.
        head, tail = parts[0].rsplit("</body>", 1)
        bodies = [p.split("<body>", 1)[1].rsplit("</body>", 1)[0] if "<body>" in p else p for p in parts[1:]]
        return head + "".join('<hr style="page-break-before:always">' + b for b in bodies) + "</body>" + tail
    return "\n".join(parts)


# 宋体 and 黑体 are on every Chinese Windows machine but rarely on a Linux print
# server, where LibreOffice would substitute a face without a bold weight and the
# exclusions would lose their bold. For a PDF the faces are swapped for installed
# CJK faces that have one.
_LOCAL_FACES = {
    "宋体": ("Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC"),
    "黑体": ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Serif CJK SC"),
}


@cache
def _installed_faces() -> frozenset[str]:
    # The fonts do not change while the process runs: ask fontconfig once.
    if shutil.which("fc-list") is None:
        return frozenset()
    listed = subprocess.run(["fc-list", ":", "family"], check=False, capture_output=True, text=True, timeout=60).stdout
    return frozenset(name.strip() for line in listed.splitlines() for name in line.split(","))


def _use_local_faces(path: Path) -> None:
    """Point the document's East-Asian faces at installed ones that have a bold weight."""
    from docx import Document
    from docx.oxml.ns import qn

    installed = _installed_faces()
    swap = {word: next((f for f in local if f in installed), None) for word, local in _LOCAL_FACES.items()}
    swap = {k: v for k, v in swap.items() if v}
    if not swap:
        return
    document = Document(str(path))
    parts = [document.element, document.styles.element]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    for part in parts:
        for fonts in part.iter(qn("w:rFonts")):
            for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
                face = fonts.get(qn(attr))
                if face in swap:
                    fonts.set(qn(attr), swap[face])
    document.save(str(path))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(wording: Wording, path: Path) -> None:
    """The Word document printed to PDF by LibreOffice headless."""
    from .docx_out import to_docx

    office = soffice()
    if office is None:
        raise RenderError(str(path), _("生成 PDF 需要 LibreOffice：请安装（Debian：apt install libreoffice-writer-nogui），或用 --format docx 写出后再打印"))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / (path.stem + ".docx")
        to_docx(wording, source)
        _use_local_faces(source)
        done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)], check=False, capture_output=True, text=True, timeout=300)
        made = Path(tmp) / (path.stem + ".pdf")
        if done.returncode != 0 or not made.exists():
            raise RenderError(str(path), _("LibreOffice 未能打印出 PDF（{reason}）；请改用 --format docx").format(reason=(done.stderr or done.stdout).strip()[:200]))
        shutil.move(str(made), path)


def write(wording: Wording, path: str | Path, fmt: OutputFormat, templates: Path | None = None) -> Path:
    """Write the wording to `path` and its provenance beside it (`<path>.provenance.json`);
    returns the provenance file's path."""
    from .docx_out import to_docx

    path = Path(path)
    if fmt is OutputFormat.DOCX:
        to_docx(wording, path)
    elif fmt is OutputFormat.PDF:
        to_pdf(wording, path)
    else:
        path.write_text(render_text(wording, fmt, templates), encoding="utf-8")
    record = path.with_name(path.name + ".provenance.json")
    record.write_text(json.dumps(provenance(wording), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return record


def provenance(wording: Wording) -> dict:
    """Where every article of the wording (and of its riders) came from."""
    return {
        "schema": "tiaokuan.provenance/1",
        "title": wording.document.title,
        "insurer": wording.document.insurer,
        "product": wording.document.product,
        "version": wording.version,
        "registration_no": wording.document.registration_no,
        "articles": [asdict(p) | {"origin": p.origin.value} for p in wording.provenance],
        "riders": [provenance(r) for r in wording.riders],
    }
