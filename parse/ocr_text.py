"""What OCR read, as records, and the pure stages from there to text-layer
characters: punctuation width, skew, character boxes, article-label blanks.

`parse.ocr` runs the models and fills `PageScan`s; everything here works on
those records alone, so tests drive it with recorded or made-up boxes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median
from typing import Any

from tiaokuan.text.labels import CN_DIGITS, article_label, cn_to_int, is_cjk

from .lines import Hint, Line, TableLine

# Below this mean character confidence a line is reported for checking.
LOW_CONFIDENCE = 0.85
# A box's height is its line's glyph height plus the detector's margin; this
# turns it back into a font size comparable with a text layer's (measured on
# the sample corpus: LibreOffice text PDFs rendered and read back).
BOX_TO_FONT = 0.80
MAX_SKEW = math.radians(5)


@dataclass(frozen=True, slots=True)
class OcrBox:
    """One detected text line: its corner points in page points (clockwise from
    top left, as the page is printed, skew and all), its text and confidence."""

    points: tuple[tuple[float, float], ...]
    text: str
    confidence: float
    # Positions in `text` of marks with a half- and a full-width form whose
    # width the line could not settle (`settle_punctuation`); the document's
    # majority settles them (`settle_by_majority`).
    unsettled: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table found in a scan: the y of each horizontal rule and the x of
    each vertical rule, in deskewed page points (the frame of `scan_to_chars`)."""

    rows: tuple[float, ...]
    cols: tuple[float, ...]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.cols[0], self.rows[0], self.cols[-1], self.rows[-1]

    @property
    def cells(self) -> list[list[tuple[float, float, float, float]]]:
        """Rows of cell boxes (x0, top, x1, bottom) between the rules."""
        return [[(x0, top, x1, bottom) for x0, x1 in pairwise(self.cols)] for top, bottom in pairwise(self.rows)]


@dataclass(frozen=True, slots=True)
class PageScan:
    """What OCR read on one page (1-based number; size in PDF points)."""

    page: int
    width: float
    height: float
    boxes: tuple[OcrBox, ...]
    grids: tuple[Grid, ...] = ()
    angle: float = 0.0  # skew in radians, from the ruling lines or else the text lines
    seconds: float = 0.0


# Punctuation that has a half-width (ASCII) and a full-width form. Clauses use
# both — 《保险法》-era filings often set ASCII commas between Chinese words —
# and the recogniser tells them apart by shape only, which at line height is
# unreliable; the space they take is not: a full-width mark fills an em.
FULL_WIDTH = dict(zip(",;:()!?", "，；：（）！？"))
HALF_WIDTH = {v: k for k, v in FULL_WIDTH.items()}
# White (in ems) between the CJK neighbours of a run of one or two marks at or
# above which the run is full-width, and at or below which it is half-width;
# measured on LibreOffice PDFs of the sample corpus (full-width) and of the
# 申能 clause (ASCII marks), scanned at 200 and 300 dpi by bench/bench_ocr.py.
_FULL_WHITE = {1: 0.75, 2: 1.55}
_HALF_WHITE = {1: 0.68, 2: 1.25}


def settle_punctuation(text: str, centres: Sequence[float], blank: Sequence[bool]) -> tuple[str, tuple[int, ...]]:
    """`text` with each run of one or two ambiguous marks (，/, ；/; （/( …) that
    stands between two CJK characters set to the width it takes on the line,
    and the positions of the ambiguous marks left as read.

    `centres` are the characters' x positions in the line image (from the
    recogniser's columns) and `blank` says which pixel columns hold no ink.
    Between the centres of the two CJK neighbours a full-width mark leaves
    0.8–1.2 em of white, a half-width one 0.2–0.65 em (Word and LibreOffice
    pad Latin marks in Chinese text with extra space); in between, for a run
    of one full and one half mark, and at the ends of a line, it stays open."""
    ambiguous = [k for k, ch in enumerate(text) if ch in FULL_WIDTH or ch in HALF_WIDTH]
    cjk = [k for k, ch in enumerate(text) if is_cjk(ch) and ch not in HALF_WIDTH]
    advances = sorted(centres[b] - centres[a] for a, b in zip(cjk, cjk[1:]) if b == a + 1)
    em = advances[len(advances) // 2] if len(advances) >= 2 else 0.0
    if not ambiguous or em <= 0:
        return text, tuple(ambiguous)
    out = list(text)
    settled: set[int] = set()
    for a, b in zip(cjk, cjk[1:]):
        marks = range(a + 1, b)
        if not 1 <= len(marks) <= 2 or not all(k in ambiguous for k in marks):
            continue
        white = sum(1 for x in range(int(centres[a]), int(centres[b])) if 0 <= x < len(blank) and blank[x]) / em
        if white >= _FULL_WHITE[len(marks)]:
            table = FULL_WIDTH
        elif white <= _HALF_WHITE[len(marks)]:
            table = HALF_WIDTH
        else:
            continue
        for k in marks:
            out[k] = table.get(text[k], text[k])
            settled.add(k)
    return "".join(out), tuple(k for k in ambiguous if k not in settled)


def settle_by_majority(scans: Sequence[PageScan]) -> list[PageScan]:
    """Scans with every mark a line left open set to the width most marks of its
    kind took in the document (or, with fewer than three of its kind settled,
    most marks of any kind): a clause is set in one style, full-width or ASCII."""
    kinds: dict[str, list[int]] = {}
    for scan in scans:
        for box in scan.boxes:
            for k, ch in enumerate(box.text):
                if (ch in FULL_WIDTH or ch in HALF_WIDTH) and k not in box.unsettled:
                    tally = kinds.setdefault(HALF_WIDTH.get(ch, ch), [0, 0])
                    tally[ch in HALF_WIDTH] += 1  # [half, full]
    overall = [sum(t[0] for t in kinds.values()), sum(t[1] for t in kinds.values())]

    def settle(ch: str) -> str:
        half, full = kinds.get(HALF_WIDTH.get(ch, ch), [0, 0])
        if half + full < 3:
            half, full = overall
        if half == full:
            return ch
        return FULL_WIDTH.get(ch, ch) if full > half else HALF_WIDTH.get(ch, ch)

    out = []
    for scan in scans:
        boxes = tuple(
            replace(b, text="".join(settle(ch) if k in b.unsettled else ch for k, ch in enumerate(b.text)), unsettled=())
            if b.unsettled
            else b
            for b in scan.boxes
        )
        out.append(replace(scan, boxes=boxes))
    return out


def turn(x: float, y: float, angle: float, cx: float, cy: float) -> tuple[float, float]:
    """(x, y) turned by `angle` radians about (cx, cy)."""
    dx, dy = x - cx, y - cy
    cos, sin = math.cos(angle), math.sin(angle)
    return cx + dx * cos - dy * sin, cy + dx * sin + dy * cos


def deskew_angle(boxes: Sequence[OcrBox]) -> float:
    """The page's skew in radians: the median slope of the long line boxes.

    Scans are rarely square to the page; without this, the two ends of one
    printed line sit at different heights and the row grouping splits it."""
    slopes = []
    for b in boxes:
        (x0, y0), (x1, y1) = b.points[0], b.points[1]
        width = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(b.points[3][0] - x0, b.points[3][1] - y0)
        if width > 4 * height > 0:
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    if not slopes:
        return 0.0
    angle = median(slopes)
    return angle if abs(angle) <= MAX_SKEW else 0.0


def _clean(text: str) -> str:
    """Recognised text without the spaces the recogniser puts between CJK characters.

    Clause text sets CJK characters solid; a space the model reads between two
    of them is letter-spacing in the scan, not a character of the clause."""
    out = []
    for k, ch in enumerate(text):
        if ch == " " and 0 < k < len(text) - 1:
            before, after = out[-1] if out else "", text[k + 1]
            if (before and is_cjk(before)) or is_cjk(after):
                continue
        out.append(ch)
    return "".join(out).strip()


def _advance(ch: str) -> float:
    """Width of a character in ems: full-width for CJK and full-width forms, about half otherwise."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55


def scan_to_chars(scan: PageScan) -> list[dict[str, Any]]:
    """Characters of a scanned page in the text-layer mapping shape, turned
    straight by the page's skew (`scan.angle`).

    Each box's text is spread over its width by character advance; every
    character carries its line's confidence and the font name "ocr"."""
    cx, cy = scan.width / 2, scan.height / 2
    chars: list[dict[str, Any]] = []
    for box in scan.boxes:
        text = _clean(box.text)
        if not text:
            continue
        pts = [turn(x, y, -scan.angle, cx, cy) for x, y in box.points]
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        top, bottom = min(p[1] for p in pts), max(p[1] for p in pts)
        size = (bottom - top) * BOX_TO_FONT
        advances = [_advance(ch) for ch in text]
        unit = (x1 - x0) / sum(advances)
        x = x0
        for ch, adv in zip(text, advances):
            chars.append(
                {
                    "text": ch,
                    "x0": x,
                    "x1": x + adv * unit,
                    "top": top,
                    "bottom": bottom,
                    "size": size,
                    "fontname": "ocr",
                    "confidence": box.confidence,
                }
            )
            x += adv * unit
    return chars


# The blank after an opening article label (第六条　保险专利…) is where OCR goes
# wrong in a way that breaks the structure: about one time in ten it is read as
# a comma or a pause mark, and a narrow ASCII space is not seen at all. Either
# way the label then looks like a cross-reference (第六条、第七条… / 第二十五条与…)
# and the article is lost. A paragraph that opens with the label of the article
# due next, or with 第X条 and a comma, is an article start; the blank goes back.
_OPENING = re.compile(rf"^(第((?:[{CN_DIGITS}]+|\d+))条)(.)")
_MISREAD_BLANK = "，、,.．·"
_CONTINUES_REFERENCE = "第和及或与至到的所中规约"


def mend_label_gaps(lines: Sequence[Line | TableLine]) -> list[Line | TableLine]:
    """A document's lines with the blank after each OCR'd opening article label put
    back as an ideographic space; text-layer lines and tables pass unchanged.

    Only lines that open a paragraph (indented, or after a sentence end or a
    heading) are touched: a wrapped line can start with a reference."""
    out: list[Line | TableLine] = []
    due = 1  # the number of the next article
    for k, line in enumerate(lines):
        previous = lines[k - 1] if k else None
        if isinstance(line, Line):
            m = _OPENING.match(line.text)
            ended = previous is None or not isinstance(previous, Line) or previous.hint is Hint.HEADING
            opens = bool(line.indent) or ended or previous.text.rstrip()[-1:] in "。；;：:"
            read = article_label(line.text)
            # 第七条与本保险合同…: read as a label glued to its text, yet the page
            # printed a blank there that OCR did not see; it is put back too.
            glued = read is not None and line.text[read.end : read.end + 1] in "与和及或至到"
            if m and opens and line.confidence is not None and (read is None or glued):
                after = line.text[m.end() : m.end() + 1]
                misread = m.group(3) in _MISREAD_BLANK and after not in _CONTINUES_REFERENCE
                # 第二十五条与本保险合同… where 第二十五条 is due: the article, its narrow
                # blank unseen (第二十五条与第二十六条… stays a reference).
                unseen = m.group(3) not in _MISREAD_BLANK + "第" and cn_to_int(m.group(2)) in (due, 1) and after != "第"
                if misread:
                    line = replace(line, text=m.group(1) + "\u3000" + line.text[m.end(3) :])
                elif unseen:
                    line = replace(line, text=m.group(1) + "\u3000" + line.text[m.end(1) :])
            label = article_label(line.text) if opens else None
            if label is not None and label.value is not None:
                due = label.value + 1
        out.append(line)
    return out
