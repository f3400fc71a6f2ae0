#!/usr/bin/env python3
"""Build the tiaokuan sample corpus from ``corpus/src/*.md``.

Every sample is a clause of the FICTIONAL insurer 澄川财产保险股份有限公司,
written for this project.  For each ``src/<name>.md`` this script writes

* ``<name>.txt``   plain UTF-8 text (the Markdown without ``**`` markers;
                   for ``trademark-numbering-lost`` also without the
                   第X条 / （一） / 1. labels),
* ``<name>.docx``  python-docx, bold runs, real Word tables, headers/footers,
                   real Word automatic numbering for the numbering sample,
* ``<name>.pdf``   LibreOffice (from the DOCX) or reportlab (own layout),
* ``headers-footers.gbk.txt`` the GB18030-encoded copy of one sample,

then checks every output with pdfplumber / python-docx.

Usage::

    python corpus/build.py            # build and verify
    python corpus/build.py --check    # verify existing files only

Text outputs and DOCX files are byte-for-byte reproducible (fixed metadata and
ZIP timestamps); reportlab PDFs are built with ``invariant=1``; LibreOffice
PDFs carry the conversion date in their metadata, but their text content is
reproducible.
"""
from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"

INSURER = "澄川财产保险股份有限公司"
DOCX_FONT = "Noto Serif CJK SC"
WQY_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
RL_FONT = "WenQuanYiZenHei"
FIXED_DATE = datetime(2026, 1, 1, 0, 0, 0, tzinfo=timezone.utc)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
MAX_PDF_BYTES = 300 * 1024


@dataclass(frozen=True)
class Sample:
    name: str
    pdf: str                      # "soffice" or "reportlab"
    header: bool = False          # running header (insurer + product)
    footer: str | None = None     # None, "bare" (page number), "page_of" (第 N 页 共 M 页), "slash" (第N页/共M页)
    numbering: bool = False       # labels as real Word numbering; label-less .txt
    gbk_copy: bool = False        # also write <name>.gbk.txt (GB18030)
    body_pt: float = 12.0         # DOCX body font size (小四 = 12, 五号 = 10.5)


SAMPLES = [
    Sample("patent-enforcement-with-rider", "soffice"),
    Sample("trademark-numbering-lost", "soffice", numbering=True),
    Sample("copyright-definitions-first", "reportlab", header=True, footer="page_of"),
    Sample("ip-multipart", "soffice", footer="bare"),
    Sample("rate-table-split", "reportlab", header=True, footer="slash"),
    Sample("headers-footers", "soffice", header=True, footer="page_of", gbk_copy=True, body_pt=10.5),
    Sample("bold-exclusions", "soffice"),
]

# --------------------------------------------------------------------------
# Parsing the source Markdown
# --------------------------------------------------------------------------

CN_NUM = "〇零一二三四五六七八九十百"
ART_RE = re.compile(rf"^第[{CN_NUM}]+条[\u3000 ]")
ITEM_RE = re.compile(r"^（[一二三四五六七八九十]+）")
SUB_RE = re.compile(r"^\d{1,2}[.．] ?")
PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
HEADINGS = {
    "总则", "保险标的", "保险责任", "责任免除", "除外责任",
    "保险金额与免赔额（率）", "赔偿限额与免赔额（率）", "责任限额与免赔额（率）",
    "赔偿限额", "保险期间", "保险期间与追溯期", "保险费", "保险人义务",
    "投保人、被保险人义务", "赔偿处理", "争议处理", "争议处理和法律适用",
    "其他事项", "释义", "附录", "前言", "通用条款",
}


@dataclass
class Block:
    kind: str                      # insurer|title|regno|heading|caption|article|item|subitem|para|table
    runs: list = field(default_factory=list)   # [(text, bold)]
    label: str = ""                # 第X条　 / （一） / 1.  (incl. separator)
    rows: list = field(default_factory=list)   # table rows (header first)

    @property
    def plain(self) -> str:
        return "".join(t for t, _ in self.runs)

    @property
    def level(self) -> int:
        return {"article": 0, "item": 1, "subitem": 2}[self.kind]


def parse_runs(line: str) -> list:
    parts = line.split("**")
    if len(parts) % 2 != 1:
        raise ValueError(f"unbalanced ** in line: {line!r}")
    return [(p, i % 2 == 1) for i, p in enumerate(parts) if p]


def is_heading(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return compact in HEADINGS or (bool(PART_RE.match(compact)) and len(compact) <= 20)


def label_of(plain: str) -> tuple[str, str]:
    for kind, rx in (("article", ART_RE), ("item", ITEM_RE), ("subitem", SUB_RE)):
        m = rx.match(plain)
        if m:
            return kind, m.group(0)
    return "para", ""


def parse(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0

    def next_nonblank(j: int) -> str:
        for k in range(j + 1, len(lines)):
            if lines[k].strip():
                return lines[k].replace("**", "").strip()
        return ""

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = [c.strip().replace("**", "") for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(Block("table", rows=rows))
            continue
        runs = parse_runs(line.rstrip())
        plain = "".join(t for t, _ in runs).strip()
        nxt = next_nonblank(i)
        if plain.startswith("注册号"):
            kind, label = "regno", ""
        elif nxt.startswith("注册号"):
            kind, label = "title", ""
        elif plain == INSURER:
            kind, label = "insurer", ""
        elif nxt.startswith("|"):
            kind, label = "caption", ""
        elif is_heading(plain):
            kind, label = "heading", ""
        else:
            kind, label = label_of(plain)
        blocks.append(Block(kind, runs=runs, label=label))
        i += 1
    return blocks


def strip_prefix(runs: list, n: int) -> list:
    """Remove the first n characters from a run list."""
    out = []
    for text, bold in runs:
        if n >= len(text):
            n -= len(text)
            continue
        out.append((text[n:], bold))
        n = 0
    return out


def strip_label_line(line: str) -> str:
    plain = line.replace("**", "")
    if plain.lstrip().startswith("|"):
        return plain
    _, label = label_of(plain)
    return plain[len(label):] if label else plain


# --------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------

def build_txt(sample: Sample, src_text: str) -> str:
    lines = src_text.rstrip("\n").split("\n")
    if sample.numbering:
        out = [strip_label_line(l) for l in lines]
    else:
        out = [l.replace("**", "") for l in lines]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

def _set_rfonts(rpr, font: str) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for a in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{a}"), font)


def setup_document(doc, title: str, body_pt: float = 12.0) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(25)
    sec.top_margin = sec.bottom_margin = Mm(25)
    sec.header_distance = sec.footer_distance = Mm(12)

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rfonts(rpr, DOCX_FONT)
    rpr.find(qn("w:sz")).set(qn("w:val"), str(int(body_pt * 2)))
    rpr.find(qn("w:szCs")).set(qn("w:val"), str(int(body_pt * 2)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "300")
    spacing.set(qn("w:lineRule"), "auto")

    for name in ("Normal", "Header", "Footer"):
        st = doc.styles[name]
        st.font.name = DOCX_FONT
        _set_rfonts(st.element.get_or_add_rPr(), DOCX_FONT)

    cp = doc.core_properties
    cp.title = title
    cp.author = "tiaokuan sample corpus"
    cp.last_modified_by = "tiaokuan sample corpus"
    cp.subject = "虚构保险公司条款样本（测试用）"
    cp.comments = f"Fictional insurer {INSURER}; generated by corpus/build.py"
    cp.keywords = "tiaokuan; sample; fictional"
    cp.category = "保险条款"
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE
    cp.revision = 1


def add_field(paragraph, instr: str, placeholder: str, size=None) -> None:
    def run_with(el):
        r = paragraph.add_run()
        if size:
            r.font.size = size
        r._r.append(el)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    run_with(it)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    r = paragraph.add_run(placeholder)
    if size:
        r.font.size = size
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def add_bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>'
    )
    # pBdr must precede spacing/ind/jc in CT_PPr
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(bdr)
    else:
        ppr.append(bdr)


def setup_header_footer(doc, sample: Sample, title: str) -> None:
    sec = doc.sections[0]
    small = Pt(9)
    if sample.header:
        hp = sec.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = hp.add_run(f"{INSURER}\u3000{title}")
        r.font.size = small
        add_bottom_border(hp)
    if sample.footer:
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if sample.footer == "bare":
            add_field(fp, "PAGE", "1", small)
        else:
            fp.add_run("第 ").font.size = small
            add_field(fp, "PAGE", "1", small)
            fp.add_run(" 页 共 ").font.size = small
            add_field(fp, "NUMPAGES", "1", small)
            fp.add_run(" 页").font.size = small


NUM_ID = None


def add_clause_numbering(doc) -> int:
    """Add an abstractNum (第%1条 / （%2） / %3.) and a num to numbering.xml; return numId."""
    numbering = doc.part.numbering_part.element
    abs_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abs_id = max(abs_ids + [0]) + 1
    num_id = max(num_ids + [0]) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abs_id}">'
        '<w:nsid w:val="5C4A2026"/>'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:tmpl w:val="7A1E2026"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="第%1条"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="480"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="480"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="480"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abs_id}"/></w:num>'
    ))
    return num_id


def set_num(paragraph, num_id: int, ilvl: int) -> None:
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


def set_cell_width(cell, width_emu: int) -> None:
    cell.width = width_emu


def add_docx_table(doc, rows: list) -> None:
    ncol = len(rows[0])
    table = doc.add_table(rows=len(rows), cols=ncol)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = Pt(10.5) if ncol <= 6 else Pt(9)
    # column widths proportional to the longest cell (in characters)
    weights = [max(2, max(len(r[c]) for r in rows)) for c in range(ncol)]
    total = Mm(160)
    widths = [int(total * w / sum(weights)) for w in weights]
    for ri, row in enumerate(rows):
        tr = table.rows[ri]
        if ri == 0:
            trpr = tr._tr.get_or_add_trPr()
            hdr = OxmlElement("w:tblHeader")
            trpr.append(hdr)
        for ci, text in enumerate(row):
            cell = tr.cells[ci]
            set_cell_width(cell, widths[ci])
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent = Pt(0)
            run = p.add_run(text)
            run.font.size = size
            run.bold = ri == 0


def save_docx_deterministic(doc, path: Path) -> None:
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename))


def build_docx(sample: Sample, blocks: list[Block], path: Path) -> None:
    title = next(b.plain for b in blocks if b.kind == "title")
    doc = Document()
    setup_document(doc, title, sample.body_pt)
    setup_header_footer(doc, sample, title)
    num_id = add_clause_numbering(doc) if sample.numbering else None
    first_title_done = False

    for b in blocks:
        if b.kind == "table":
            add_docx_table(doc, b.rows)
            continue
        p = doc.add_paragraph()
        pf = p.paragraph_format
        runs = b.runs
        size = None
        bold_all = False
        if b.kind == "insurer":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            size, bold_all = Pt(14), True
            pf.keep_with_next = True
        elif b.kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            size, bold_all = Pt(16), True
            pf.keep_with_next = True
            if first_title_done:            # bundled rider: new block of text
                pf.space_before = Pt(24)
            first_title_done = True
        elif b.kind == "regno":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            size = Pt(10.5)
            pf.space_after = Pt(12)
        elif b.kind in ("heading", "caption"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            bold_all = True
            pf.keep_with_next = True
            pf.space_before = Pt(9 if b.kind == "heading" else 6)
            pf.space_after = Pt(3)
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if sample.numbering and b.kind in ("article", "item", "subitem"):
                runs = strip_prefix(b.runs, len(b.label))
                set_num(p, num_id, b.level)
            else:
                pf.first_line_indent = Pt(2 * sample.body_pt)
            if b.kind == "para" and runs and all(bold for _, bold in runs) and len(b.plain) <= 12:
                pf.keep_with_next = True     # defined term on its own line
        for text, bold in runs:
            r = p.add_run(text)
            if bold or bold_all:
                r.bold = True
            if size:
                r.font.size = size
    save_docx_deterministic(doc, path)


# --------------------------------------------------------------------------
# reportlab PDF (own layout engine; fake bold = glyphs drawn twice)
# --------------------------------------------------------------------------

NO_LINE_START = set("，。、；：？！）》」』”’…%‰,.;:)]")
NO_LINE_END = set("（《「『“‘([")
TOKEN_RE = re.compile(r"[A-Za-z0-9.%‰]+|.", re.S)


class RLDoc:
    from reportlab.lib.pagesizes import A4 as _A4

    def __init__(self):
        from reportlab.lib.units import mm
        self.W, self.H = self._A4
        self.ml = self.mr = 25 * mm
        self.mt = self.mb = 25 * mm
        self.width = self.W - self.ml - self.mr
        self.top = self.H - self.mt
        self.bottom = self.mb
        self.pages: list[list] = [[]]
        self.y = self.top

    # -- helpers ---------------------------------------------------------
    @staticmethod
    def sw(text: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        return stringWidth(text, RL_FONT, size)

    def new_page(self):
        self.pages.append([])
        self.y = self.top

    def need(self, h: float):
        if self.y - h < self.bottom and self.y < self.top:
            self.new_page()

    def gap(self, h: float):
        if self.y < self.top:
            self.y -= h

    def wrap(self, runs, size, first_width, width):
        tokens = []
        for text, bold in runs:
            tokens += [(t, bold) for t in TOKEN_RE.findall(text)]
        lines, cur, curw, avail = [], [], 0.0, first_width
        for tok in tokens:
            w = self.sw(tok[0], size)
            if cur and curw + w > avail and tok[0][0] not in NO_LINE_START:
                carry = []
                while cur and cur[-1][0][-1] in NO_LINE_END:
                    carry.insert(0, cur.pop())
                lines.append(cur)
                cur, avail = carry, width
                curw = sum(self.sw(t, size) for t, _ in cur)
            cur.append(tok)
            curw += w
        if cur:
            lines.append(cur)
        return lines

    def segs(self, line, size):
        out, x = [], 0.0
        for text, bold in line:
            if out and out[-1][1] == bold:
                out[-1][0] += text
            else:
                out.append([text, bold, x])
            x += self.sw(text, size)
        return [tuple(s) for s in out], x

    # -- flowing content ---------------------------------------------------
    def paragraph(self, runs, size=11.0, leading=19.0, indent=22.0, align="left",
                  bold_all=False, keep=1):
        if bold_all:
            runs = [(t, True) for t, _ in runs]
        lines = self.wrap(runs, size, self.width - indent, self.width)
        self.need(leading * min(keep, len(lines)))
        for k, line in enumerate(lines):
            self.need(leading)
            self.y -= leading
            segs, lw = self.segs(line, size)
            if align == "center":
                x0 = self.ml + (self.width - lw) / 2
            else:
                x0 = self.ml + (indent if k == 0 else 0)
            base = self.y + (leading - size) / 2 + size * 0.12
            self.pages[-1].append(("text", x0, base, size, segs))

    def table(self, rows, size=9.5, row_h=20.0, repeat_header=True):
        ncol = len(rows[0])
        nat = [max(self.sw(r[c], size) for r in rows) + 12 for c in range(ncol)]
        scale = self.width / sum(nat)
        widths = [w * scale for w in nat]
        xs = [self.ml]
        for w in widths:
            xs.append(xs[-1] + w)
        seg = {"top": None, "ys": []}

        def open_seg():
            seg["top"] = self.y
            seg["ys"] = [self.y]

        def close_seg():
            if seg["top"] is None or len(seg["ys"]) < 2:
                return
            ops = self.pages[-1]
            for y in seg["ys"]:
                ops.append(("line", xs[0], y, xs[-1], y))
            for x in xs:
                ops.append(("line", x, seg["top"], x, seg["ys"][-1]))
            seg["top"] = None

        def draw_row(row, bold):
            self.y -= row_h
            ops = self.pages[-1]
            for c, text in enumerate(row):
                tw = self.sw(text, size)
                x = xs[c] + (widths[c] - tw) / 2
                base = self.y + (row_h - size) / 2 + size * 0.15
                ops.append(("text", x, base, size, [(text, bold, 0.0)]))
            seg["ys"].append(self.y)

        self.need(row_h * 2)
        open_seg()
        for i, row in enumerate(rows):
            if self.y - row_h < self.bottom:
                close_seg()
                self.new_page()
                open_seg()
                if repeat_header and i > 0:
                    draw_row(rows[0], True)
            draw_row(row, i == 0)
        close_seg()

    # -- output ------------------------------------------------------------
    def render(self, path: Path, title: str, header: str | None, footer: str | None):
        from reportlab.pdfgen import canvas
        c = canvas.Canvas(str(path), pagesize=self._A4, invariant=1, pageCompression=1)
        c.setTitle(title)
        c.setAuthor("tiaokuan sample corpus")
        c.setSubject("虚构保险公司条款样本（测试用）")
        c.setCreator("tiaokuan corpus/build.py (reportlab)")
        c.setKeywords("tiaokuan sample fictional")
        total = len(self.pages)
        for n, ops in enumerate(self.pages, 1):
            c.setLineWidth(0.5)
            for op in ops:
                if op[0] == "line":
                    c.line(*op[1:])
                    continue
                _, x0, base, size, segs = op
                c.setFont(RL_FONT, size)
                for text, bold, dx in segs:
                    c.drawString(x0 + dx, base, text)
                    if bold:            # fake bold: same glyphs again, 0.3 pt to the right
                        c.drawString(x0 + dx + 0.3, base, text)
            # running header and footer are drawn AFTER the body, so they come
            # last in the content stream (as with some real producers)
            if header:
                c.setFont(RL_FONT, 9)
                c.drawString(self.ml, self.H - 15 * 72 / 25.4 - 4, INSURER)
                c.drawRightString(self.W - self.mr, self.H - 15 * 72 / 25.4 - 4, header)
                c.setLineWidth(0.5)
                c.line(self.ml, self.H - 15 * 72 / 25.4 - 8, self.W - self.mr, self.H - 15 * 72 / 25.4 - 8)
            if footer:
                c.setFont(RL_FONT, 9)
                text = (f"第 {n} 页 共 {total} 页" if footer == "page_of"
                        else f"第{n}页/共{total}页" if footer == "slash" else str(n))
                c.drawCentredString(self.W / 2, 12 * 72 / 25.4, text)
            c.showPage()
        c.save()


def register_rl_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if RL_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(RL_FONT, WQY_PATH, subfontIndex=0))


def build_reportlab_pdf(sample: Sample, blocks: list[Block], path: Path) -> None:
    register_rl_font()
    title = next(b.plain for b in blocks if b.kind == "title")
    d = RLDoc()
    for b in blocks:
        k = b.kind
        if k == "insurer":
            d.paragraph(b.runs, size=14, leading=24, indent=0, align="center", bold_all=True, keep=3)
        elif k == "title":
            d.paragraph(b.runs, size=16, leading=28, indent=0, align="center", bold_all=True, keep=2)
        elif k == "regno":
            d.paragraph(b.runs, size=10, leading=18, indent=0, align="center")
            d.gap(10)
        elif k == "heading":
            d.need(14 + 22 + 19 * 2)
            d.gap(10)
            d.paragraph(b.runs, size=12, leading=22, indent=0, align="center", bold_all=True)
            d.gap(4)
        elif k == "caption":
            d.need(14 + 20 + 20 * 3)
            d.gap(8)
            d.paragraph(b.runs, size=11, leading=20, indent=0, align="center", bold_all=True)
        elif k == "table":
            d.table(b.rows)
            d.gap(6)
        else:
            term = k == "para" and all(bold for _, bold in b.runs) and len(b.plain) <= 12
            d.paragraph(b.runs, indent=22, keep=3 if term else 2)
    d.render(path, title, title if sample.header else None, sample.footer)


# --------------------------------------------------------------------------
# LibreOffice
# --------------------------------------------------------------------------

def soffice_convert(docx_paths: list[Path], outdir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice (LibreOffice) not found")
    with tempfile.TemporaryDirectory(prefix="tiaokuan-lo-") as tmp:
        profile = Path(tmp) / "profile"
        out = Path(tmp) / "out"
        out.mkdir()
        env = dict(os.environ, HOME=tmp)
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out)] + [str(p) for p in docx_paths]
        subprocess.run(cmd, check=True, env=env, timeout=600,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for p in docx_paths:
            produced = out / (p.stem + ".pdf")
            if not produced.exists():
                raise SystemExit(f"LibreOffice did not produce {produced.name}")
            shutil.move(str(produced), outdir / produced.name)
            normalize_lo_pdf(outdir / produced.name)


def normalize_lo_pdf(path: Path) -> None:
    """Pin LibreOffice's CreationDate and /ID so rebuilds are byte-identical.

    Replacements keep every byte length, so the xref table stays valid.
    """
    import hashlib
    data = path.read_bytes()
    data = re.sub(rb"/(CreationDate|ModDate)\(D:(\d{14})",
                  lambda m: b"/" + m.group(1) + b"(D:20260101000000", data)
    id_re = rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]"
    sum_re = rb"/DocChecksum\s*/([0-9A-Fa-f]+)"
    blank = re.sub(sum_re, b"", re.sub(id_re, b"/ID []", data))
    digest = hashlib.md5(blank).hexdigest().upper().encode()

    def pin(m):
        out = m.group(0)
        for g in m.groups():
            out = out.replace(g, digest[:len(g)])
        return out

    data = re.sub(id_re, pin, data)
    data = re.sub(sum_re, pin, data)
    path.write_bytes(data)


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

def build() -> None:
    soffice_jobs = []
    for s in SAMPLES:
        src_text = (SRC / f"{s.name}.md").read_text(encoding="utf-8")
        blocks = parse(src_text)
        txt = build_txt(s, src_text)
        (ROOT / f"{s.name}.txt").write_text(txt, encoding="utf-8", newline="\n")
        if s.gbk_copy:
            (ROOT / f"{s.name}.gbk.txt").write_bytes(txt.encode("gb18030"))
        docx_path = ROOT / f"{s.name}.docx"
        build_docx(s, blocks, docx_path)
        if s.pdf == "reportlab":
            build_reportlab_pdf(s, blocks, ROOT / f"{s.name}.pdf")
        else:
            soffice_jobs.append(docx_path)
        print(f"built {s.name}")
    if soffice_jobs:
        soffice_convert(soffice_jobs, ROOT)
        print(f"converted {len(soffice_jobs)} DOCX to PDF with LibreOffice")


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------

class Checker:
    def __init__(self):
        self.failures: list[str] = []

    def ok(self, cond: bool, msg: str) -> bool:
        if not cond:
            self.failures.append(msg)
            print(f"  FAIL {msg}")
        return cond


def nows(s: str) -> str:
    return re.sub(r"\s+", "", s)


def pdf_pages_text(path: Path):
    """Yield (page_number, page_height, dedup'd text, raw text, chars) per page."""
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        for i, page in enumerate(pdf.pages, 1):
            dd = page.dedupe_chars()
            item = dict(n=i, height=page.height, text=dd.extract_text() or "",
                        raw=page.extract_text() or "",
                        head=dd.crop((0, 0, page.width, 60)).extract_text() or "",
                        foot=dd.crop((0, page.height - 50, page.width, page.height)).extract_text() or "",
                        body=dd.crop((0, 62, page.width, page.height - 52)).extract_text(layout=False) or "",
                        chars=[(c["text"], c["fontname"]) for c in dd.chars],
                        tables=dd.extract_tables() if path.stem == "rate-table-split" else [])
            page.close()
            yield item


def verify() -> bool:
    from docx import Document as _Doc
    ck = Checker()
    summary = []
    for s in SAMPLES:
        print(f"check {s.name}")
        src_text = (SRC / f"{s.name}.md").read_text(encoding="utf-8")
        blocks = parse(src_text)
        arts = [b for b in blocks if b.kind == "article"]
        ck.ok(15 <= len([b for b in arts if True]) <= 45, f"{s.name}: article count {len(arts)}")
        regnos = [b.plain for b in blocks if b.kind == "regno"]
        for r in regnos:
            m = re.search(r"C\d{23}", r)
            ck.ok(bool(m) and re.fullmatch(r"C009999\d{3}[12](?:19|20)\d{6}\d{4}\d", m.group(0)) is not None,
                  f"{s.name}: bad 注册号 {r}")

        # ---- txt
        txt = (ROOT / f"{s.name}.txt").read_text(encoding="utf-8")
        ck.ok("**" not in txt, f"{s.name}.txt contains **")
        if s.numbering:
            bad = [l for l in txt.split("\n") if ART_RE.match(l) or ITEM_RE.match(l) or SUB_RE.match(l)]
            ck.ok(not bad, f"{s.name}.txt still has labels: {bad[:2]}")
        if s.gbk_copy:
            g = (ROOT / f"{s.name}.gbk.txt").read_bytes()
            ck.ok(g.decode("gb18030") == txt, f"{s.name}.gbk.txt does not round-trip")
            try:
                g.decode("utf-8")
                ck.ok(False, f"{s.name}.gbk.txt is valid UTF-8 (should not be)")
            except UnicodeDecodeError:
                pass

        # ---- docx
        doc = _Doc(str(ROOT / f"{s.name}.docx"))
        paras = doc.paragraphs
        all_text = nows("".join(p.text for p in paras))
        for b in arts:
            body = b.plain[len(b.label):] if s.numbering else b.plain
            ck.ok(nows(body)[:20] in all_text, f"{s.name}.docx missing article text {body[:20]}")
        ntables = len([b for b in blocks if b.kind == "table"])
        ck.ok(len(doc.tables) == ntables, f"{s.name}.docx tables {len(doc.tables)} != {ntables}")
        if s.numbering:
            numbered = [p for p in paras if p._p.pPr is not None and p._p.pPr.numPr is not None]
            expected = len([b for b in blocks if b.kind in ("article", "item", "subitem")])
            ck.ok(len(numbered) == expected, f"{s.name}.docx numPr paragraphs {len(numbered)} != {expected}")
            ck.ok(all(label_of(p.text)[0] == "para" for p in numbered),
                  f"{s.name}.docx numbered paragraph text carries a label")
            nxml = doc.part.numbering_part.element.xml
            ck.ok('w:lvlText w:val="第%1条"' in nxml and 'w:lvlText w:val="（%2）"' in nxml
                  and nxml.count('w:numFmt w:val="chineseCounting"') >= 2,
                  f"{s.name}.docx numbering.xml lacks clause levels")
        if s.header:
            h = "".join(p.text for p in doc.sections[0].header.paragraphs)
            ck.ok(INSURER in h, f"{s.name}.docx header text")
        if s.footer:
            fx = doc.sections[0].footer._element.xml
            ck.ok("PAGE" in fx, f"{s.name}.docx footer PAGE field")
            if s.footer == "page_of":
                ck.ok("NUMPAGES" in fx, f"{s.name}.docx footer NUMPAGES field")
        if s.name == "bold-exclusions":
            bold_text = "".join(r.text for p in paras for r in p.runs if r.bold)
            ck.ok("下列原因造成的损失、费用和责任" in bold_text and "免赔率" in bold_text,
                  f"{s.name}.docx exclusions not bold")
            check_bold_deductibles(ck, s, blocks)

        # ---- pdf
        pdf_path = ROOT / f"{s.name}.pdf"
        size = pdf_path.stat().st_size
        ck.ok(size < MAX_PDF_BYTES, f"{s.name}.pdf is {size} bytes")
        pages = list(pdf_pages_text(pdf_path))
        ck.ok(len(pages) >= 2, f"{s.name}.pdf has {len(pages)} pages")
        full = nows("".join(p["text"] for p in pages))
        fonts = {f for p in pages for _, f in p["chars"]}
        missing = []
        for b in arts:
            body = nows(b.plain[len(b.label):])[:14]
            if body not in full:
                missing.append(body)
        ck.ok(not missing, f"{s.name}.pdf missing article text {missing[:3]}")
        if s.numbering:
            for lab in ("第一条", "第十一条", "第二十五条", "（三）"):
                ck.ok(lab in full, f"{s.name}.pdf lacks rendered numbering label {lab}")
        else:
            ck.ok(all(nows(b.label) in full for b in arts), f"{s.name}.pdf lacks article labels")
        if s.pdf == "reportlab":
            ck.ok(any("WenQuanYi" in f or "ZenHei" in f for f in fonts), f"{s.name}.pdf font {fonts}")
            raw = "".join(p["raw"] for p in pages)
            ck.ok("释释义义" in nows(raw) or "附附录录" in nows(raw),
                  f"{s.name}.pdf fake bold not visible in raw extraction")
        else:
            ck.ok(any("NotoSerifCJK" in f and "Bold" in f for f in fonts),
                  f"{s.name}.pdf has no bold Noto face: {fonts}")
        if s.header:
            for p in pages:
                ck.ok(INSURER in nows(p["head"]), f"{s.name}.pdf page {p['n']} header missing")
        if s.footer in ("page_of", "slash"):
            for p in pages:
                want = f"第{p['n']}页共{len(pages)}页" if s.footer == "page_of" else f"第{p['n']}页/共{len(pages)}页"
                ck.ok(want in nows(p["foot"]), f"{s.name}.pdf page {p['n']} footer {nows(p['foot'])!r}")
        if s.footer == "bare":
            for p in pages:
                ck.ok(nows(p["foot"]).endswith(str(p["n"])), f"{s.name}.pdf page {p['n']} bare number")
        if s.name == "headers-footers":
            crossings = 0
            for a, b in zip(pages, pages[1:]):
                first = b["body"].strip().split("\n")[0] if b["body"].strip() else ""
                starts_new = bool(ART_RE.match(first) or re.match(rf"^第[{CN_NUM}]+条", first)
                                  or ITEM_RE.match(first) or SUB_RE.match(first) or is_heading(first))
                if not starts_new:
                    crossings += 1
            ck.ok(crossings >= 1, f"{s.name}.pdf no article crosses a page break")
        if s.name == "bold-exclusions":
            bold_chars = "".join(t for p in pages for t, f in p["chars"] if "Bold" in f)
            ck.ok("下列原因造成的损失" in bold_chars and "免赔额" in bold_chars and "责任免除" in bold_chars,
                  f"{s.name}.pdf exclusions/deductibles not in the bold face")
            plain_chars = "".join(t for p in pages for t, f in p["chars"] if "Bold" not in f)
            ck.ok("赔偿限额包括每次事故赔偿限额" in plain_chars, f"{s.name}.pdf body text should be regular")
        if s.name == "rate-table-split":
            seen = {}
            for p in pages:
                for t in p["tables"]:
                    for row in t:
                        if row and row[0] and row[0].strip().isdigit() and len(row) == 5:
                            seen.setdefault(p["n"], []).append(int(row[0]))
            nums = sorted(n for v in seen.values() for n in v)
            ck.ok(nums == list(range(1, 37)), f"{s.name}.pdf table rows found {nums}")
            ck.ok(len(seen) >= 2, f"{s.name}.pdf base-rate table does not split: pages {sorted(seen)}")
            ck.ok("年费率的百分比" in full and "保险期间（月）" in full, f"{s.name}.pdf short-term table")
        summary.append((s.name, len(pages), size, (ROOT / f"{s.name}.docx").stat().st_size))

    print()
    print(f"{'sample':34} {'pages':>5} {'pdf bytes':>10} {'docx bytes':>10}")
    for name, n, size, dsize in summary:
        print(f"{name:34} {n:5d} {size:10d} {dsize:10d}")
    if ck.failures:
        print(f"\n{len(ck.failures)} check(s) failed")
        return False
    print("\nall checks passed")
    return True


def check_bold_deductibles(ck: Checker, s: Sample, blocks: list[Block]) -> None:
    """Every sentence mentioning 免赔额/免赔率 must be bold in the source."""
    for b in blocks:
        if b.kind in ("table", "regno"):
            continue
        chars = [(ch, bold) for t, bold in b.runs for ch in t][len(b.label):]
        sent: list = []
        for ch, bold in chars + [("。", True)]:
            sent.append((ch, bold))
            if ch in "。；":
                text = "".join(c for c, _ in sent)
                if "免赔" in text:
                    ck.ok(all(bd for c, bd in sent if not c.isspace()),
                          f"{s.name}: 免赔 sentence not bold: {text[:30]}")
                sent = []


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="verify existing outputs only")
    args = ap.parse_args(argv)
    if not args.check:
        build()
    return 0 if verify() else 1


if __name__ == "__main__":
    sys.exit(main())
