"""Scoring a comparison against an analyst's gold file (tests/gold/compare/RULES.md).

A difference the engine calls material matches a gold material entry when, on each
side, their citations share an article and agree on the item where both name one,
and a side gold leaves empty is empty in the engine's entry too. An item cited by its
place (第五项) is the item （五）. A citation by chapter heading (text outside any
numbered article, RULES.md), perhaps with a paragraph and item (责任免除第一款（六）),
matches an engine citation of an article whose number was inferred in that chapter
(第十条第六项〔条号推定〕（责任免除）), agreeing on the item where both name one. Recall is the share
of gold entries matched; precision the share of the engine's material entries that
match some gold entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .reach import OPPOSITE
from .records import Difference
from .units import INFERRED_MARK, cited_number

# A paragraph and an item, each optional: 第二款（三） / 第二款第三项.
# (an item label is a numeral: the （率） of 免赔额（率） is part of a heading)
_PARA_ITEM = r"(?P<para>第[一二三四五六七八九十]+款)?(?P<item>（[一二三四五六七八九十\d]{1,4}）|第[一二三四五六七八九十]+项)?"
_CITE = re.compile(rf"^(?P<art>第[^条]{{1,12}}条|释义)?{_PARA_ITEM}(?P<rest>.*)$")
# A clause of a wording numbered by decimals: 第五部分第2.1条 is clause 2.1 of clause 2.
_DECIMAL = re.compile(r"^(?P<head>.*?第)(?P<n>\d+)(?P<sub>(?:\.\d+)+)?条$")
_CHAPTER = re.compile(rf"^(?P<heading>.+?){_PARA_ITEM}$")
_TERM = re.compile(r"「([^」]+)」")
_NOTE = re.compile(r"(?:[（(][^（()）]*[）)])+$")
# An engine citation of an article whose label was lost: 第六条第三项〔条号推定〕（责任免除）.
# (the chapter heading may hold brackets of its own: （责任限额与免赔额（率））)
_INFERRED = re.compile(re.escape(INFERRED_MARK) + r"(?:（(?P<chapter>.+)）)?$")


@dataclass(frozen=True)
class Cite:
    article: str
    sub: str | None  # the item or paragraph
    term: str | None
    chapter: str | None = None  # the chapter heading: the whole citation of text outside numbered articles, or the place of an inferred one

    def matches(self, other: Cite) -> bool:
        if self.term and other.term:
            # Two definitions are one unit only when they define one term: 第四十三条「火灾」
            # is not 第四十三条「恐怖活动」 however many terms that article defines.
            # (the note in brackets a term may print after its name — 双耳失聪（保障自12周岁的
            # 保单周年日始）— may be cited or left out: RULES.md)
            return self.term == other.term or _NOTE.sub("", self.term) == _NOTE.sub("", other.term)
        # A chapter-heading citation (RULES.md: text outside any numbered article)
        # names whatever stands in that chapter, an article whose number was inferred too.
        for heading_only, placed in ((self, other), (other, self)):
            if heading_only.chapter and not heading_only.article and _same_heading(placed.chapter, heading_only.chapter):
                items = [c.sub for c in (self, other) if c.sub and c.sub.startswith("（")]
                return len(items) < 2 or items[0] == items[1]
        if self.article != other.article or not self.article:
            return False
        if self.sub and other.sub and self.sub[0].isdigit() and other.sub[0].isdigit():
            # Decimal clauses nest: 2.1 holds 2.1.1.
            short, long = sorted((self.sub, other.sub), key=len)
            return long == short or long.startswith(short + ".")
        return self.sub is None or other.sub is None or self.sub == other.sub


# An appendix's heading: its label (附录一：, 附件：) and its name, perhaps with a note in brackets.
_APPENDIX = re.compile(r"^附(?P<kind>[录表件])[一二三四五六七八九十\d]*[：:]?\s*(?P<name>.*?)(?:（[^（）]*）)*$")


def _same_heading(a: str | None, b: str | None) -> bool:
    """Two chapter headings that name one part. An appendix is named by its title,
    with or without the label it was printed under (RULES.md cites 附录：短期费率表
    where the clause prints 短期费率表 alone) and its bracketed note (（按年保费的百分比计算）);
    a label printed alone (附件：) names the document that follows it."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    if not (a.startswith("附") or b.startswith("附")):
        return False
    x, y = (_APPENDIX.match(h) or _APPENDIX.match("附录：" + h) for h in (a, b))
    if x is None or y is None:
        return False
    m, n = x.group("name"), y.group("name")
    if not m or not n:
        return x.group("kind") == y.group("kind")
    return m.startswith(n) or n.startswith(m)


def parse_cite(text: str) -> Cite:
    term = _TERM.search(text)
    text = _TERM.sub("", text).strip()
    inferred = _INFERRED.search(text)
    chapter = inferred.group("chapter") if inferred else None
    text = _INFERRED.sub("", text)
    m = _CITE.match(text)
    assert m is not None
    if not m.group("art"):  # no article: a chapter heading (or a definition by its term alone), perhaps with a paragraph and item
        c = _CHAPTER.match(text)
        if c is None:
            return Cite("", None, term.group(1) if term else None, None)
        return Cite("", _item(c.group("item")) or c.group("para"), term.group(1) if term else None, c.group("heading"))
    item = _item(m.group("item"))
    sub = item or m.group("para")
    article = m.group("art").strip()
    decimal = _DECIMAL.match(article)
    number = cited_number(article)
    if decimal and (decimal.group("sub") or decimal.group("head") != "第"):
        article = f"{decimal.group('head')}{decimal.group('n')}条"
        if decimal.group("sub") and sub is None:
            sub = decimal.group("n") + decimal.group("sub")
    elif number is not None:  # 第5条 and 第五条 cite the same article
        article = f"第{number}条"
    return Cite(article, sub, term.group(1) if term else None, chapter)


def _item(item: str | None) -> str | None:
    if item and item.startswith("第"):  # an item cited by its place (第五项) is the item （五）
        return f"（{item[1:-1]}）"
    return item


def _side_match(found: tuple[str, ...], gold: list[str]) -> bool:
    if not gold:
        return not found
    if not found:
        return False
    return any(parse_cite(f).matches(parse_cite(g)) for f in found for g in gold)


def _cites_match(a: tuple[str, ...], b: tuple[str, ...], gold: dict) -> bool:
    return _side_match(a, gold["a"]["cite"]) and _side_match(b, gold["b"]["cite"])


def matches(diff: Difference, gold: dict) -> bool:
    return _cites_match(diff.sides[0].citations, diff.sides[1].citations, gold)


@dataclass
class Score:
    pair: str
    gold: int
    found: int
    recalled: int
    correct: int
    missed: list[dict] = field(default_factory=list)
    wrong: list[Difference] = field(default_factory=list)
    kind_agrees: int = 0
    # gold entries that say wider or narrower, recalled only by claims that say the opposite
    reversed_kinds: int = 0

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0


def score(pair: str, diffs: tuple[Difference, ...], gold: dict) -> Score:
    claimed = [d for d in diffs if d.material]
    entries = gold["material"]
    hit = [any(matches(d, g) for d in claimed) for g in entries]
    right = [any(matches(d, g) for g in entries) for d in claimed]
    said = [{d.kind.value for d in claimed if matches(d, g)} for g in entries]
    kinds = sum(1 for g, k in zip(entries, said, strict=True) if g["kind"] in k)
    reversed_kinds = sum(1 for g, k in zip(entries, said, strict=True) if g["kind"] in OPPOSITE and g["kind"] not in k and OPPOSITE[g["kind"]] in k)
    return Score(
        pair, len(entries), len(claimed), sum(hit), sum(right),
        [g for g, h in zip(entries, hit, strict=True) if not h], [d for d, r in zip(claimed, right, strict=True) if not r], kinds, reversed_kinds,
    )  # fmt: skip



def agreement(pair: str, second: dict, first: dict) -> Score:
    """How far a second analyst's material list agrees with the first's, by the same
    rule the engine is scored by: the second analyst's entries are the claims. It
    measures the ceiling a comparison can be held to on that pair."""
    claims = [(tuple(e["a"]["cite"]), tuple(e["b"]["cite"])) for e in second["material"]]
    entries = first["material"]
    hit = [any(_cites_match(*c, g) for c in claims) for g in entries]
    right = [any(_cites_match(*c, g) for g in entries) for c in claims]
    return Score(pair, len(entries), len(claims), sum(hit), sum(right), [g for g, h in zip(entries, hit, strict=True) if not h])


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
