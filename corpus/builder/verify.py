"""Verification of the generated .txt, .docx and .pdf files (python-docx / pdfplumber checks)."""
from __future__ import annotations

import re
from pathlib import Path

from .source import (
    ART_RE,
    CN_NUM,
    INSURER,
    ITEM_RE,
    ROOT,
    SAMPLES,
    SRC,
    SUB_RE,
    Block,
    Sample,
    is_heading,
    label_of,
    parse,
)

MAX_PDF_BYTES = 300 * 1024


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
            for _, b in zip(pages, pages[1:]):
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
