"""Corpus paths, the sample list, Markdown source parsing into blocks, and the .txt derivation."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent   # corpus/
SRC = ROOT / "src"

INSURER = "澄川财产保险股份有限公司"


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
    Sample("patent-enforcement-2027", "soffice"),
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
