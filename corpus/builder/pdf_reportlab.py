"""reportlab PDF output: own layout engine (``RLDoc``; fake bold = glyphs drawn twice) and the PDF build."""
from __future__ import annotations

import re
from pathlib import Path

from .source import INSURER, Block, Sample

WQY_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
RL_FONT = "WenQuanYiZenHei"


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
