"""What every renderer shows of a wording: title block, parts and chapters, articles
as lines of runs (bold or not), and tables — built once, so Word, Markdown and HTML
put the same words in bold.

Bold follows 《保险法》第十七条: clauses that exclude or reduce the insurer's
liability must be brought to the policyholder's notice, so every article of a
责任免除 chapter is bold, and elsewhere every sentence that speaks of 免赔.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiaokuan.model import SectionType, Table

from .build import Wording
from .spec import Schedule, heading_key

_BOLD_SENTENCE = re.compile(r"[^。；\n]*免赔[^。；\n]*[。；]?")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool


@dataclass(frozen=True)
class ArticleView:
    label: str | None  # 第一条; None for an unnumbered article
    lines: tuple[tuple[Run, ...], ...]  # one paragraph per line; the label is not in them


@dataclass(frozen=True)
class SectionView:
    part: str | None  # shown when it starts a new part
    heading: str | None
    type: SectionType
    articles: tuple[ArticleView, ...]
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()


@dataclass(frozen=True)
class WordingView:
    front: tuple[str, ...]
    title: str
    insurer: str
    product: str
    sections: tuple[SectionView, ...]


def runs(text: str, whole: bool) -> tuple[Run, ...]:
    """`text` cut into runs: all bold for an exclusion, else bold where a sentence speaks of 免赔."""
    if whole:
        return (Run(text, True),) if text else ()
    out, at = [], 0
    for m in _BOLD_SENTENCE.finditer(text):
        if m.start() > at:
            out.append(Run(text[at : m.start()], False))
        out.append(Run(m.group(0), True))
        at = m.end()
    if at < len(text):
        out.append(Run(text[at:], False))
    return tuple(r for r in out if r.text)


def _tables_for(heading: str | None, tables: tuple[Table, ...], placed: set[int]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    out = []
    for k, table in enumerate(tables):
        if k not in placed and table.caption and heading and heading_key(table.caption) == heading_key(heading):
            out.append(table.rows)
            placed.add(k)
    return tuple(out)


def wording_view(wording: Wording) -> WordingView:
    doc = wording.document
    placed: set[int] = set()
    sections = []
    part = None
    for s in doc.sections:
        whole = s.type is SectionType.EXCLUSIONS
        articles = tuple(ArticleView(a.label, tuple(runs(line, whole) for line in a.text.split("\n"))) for a in s.articles)
        new_part = s.part if s.part and s.part != part else None
        part = s.part or part
        heading = s.heading if s.heading != s.part else None
        sections.append(SectionView(new_part, heading, s.type, articles, _tables_for(s.heading, doc.tables, placed)))
    rest = tuple(t.rows for k, t in enumerate(doc.tables) if k not in placed)
    if rest:
        sections.append(SectionView(None, None, SectionType.APPENDIX, (), rest))
    title = doc.title or doc.product or ""
    return WordingView(doc.front_matter, title, doc.insurer or "", doc.product or title, tuple(sections))


def _money(value: float, currency: str) -> str:
    unit = {"CNY": "人民币", "USD": "美元", "EUR": "欧元", "HKD": "港币"}.get(currency, currency)
    return f"{unit} {value:,.0f} 元" if currency == "CNY" else f"{unit} {value:,.2f}"


def _date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def schedule_rows(schedule: Schedule) -> list[tuple[str, str]]:
    """The schedule's given values as (label, value) rows; values not given are left out."""
    s = schedule
    rows: list[tuple[str, str]] = []
    if s.insured:
        rows.append(("被保险人", s.insured))
    for label, value in (("每次事故赔偿限额", s.limit_per_occurrence), ("每件专利赔偿限额", s.limit_per_patent), ("累计赔偿限额", s.limit_aggregate), ("每次事故免赔额", s.deductible_amount)):
        if value is not None:
            rows.append((label, _money(value, s.currency)))
    if s.deductible_rate is not None:
        rows.append(("每次事故免赔率", f"{s.deductible_rate * 100:g}%"))
    if s.period_start and s.period_end:
        rows.append(("保险期间", f"自{_date(s.period_start)}零时起至{_date(s.period_end)}二十四时止"))
    elif s.period_start:
        rows.append(("保险期间起始日", _date(s.period_start)))
    if s.retroactive_date:
        rows.append(("追溯期起始日", _date(s.retroactive_date)))
    if s.territory:
        rows.append(("承保区域", s.territory))
    return rows
