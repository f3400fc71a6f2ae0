"""Printed labels of clause structure: 第X条 articles, （一） items, 1. sub-items,
第X部分 parts, and the Chinese numerals inside them (read with cn2an)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from tiaokuan.model import Span

CN_DIGITS = "零〇一二三四五六七八九十百千两"
_CN = f"[{CN_DIGITS}]+"

# Separator after 第X条: ideographic space, ASCII space, tab, or nothing before text.
ARTICLE_RE = re.compile(rf"^\s*(第\s*({_CN}|\d+)\s*条)")
# After a reference such as 第十四条 the next character joins it to more text;
# a real article label is followed by whitespace or by the article's first word.
_REF_FOLLOWERS = set("、，,；;。和及或与至到的所中规约第之”\"》】")
_JOINERS = set("和及或与至到")
_JOINED_REF = re.compile(rf"者?\s*(?:第|{_CN}|\d|前|本条|其他|其它|相关|有关条款)")
# "第五条（二）项" is a reference; "第三条（故障责任）" is an article with a caption,
# and "第五条 （一）被保险人应…" an article that opens with its first item: a
# reference names the item with 项/款/目 or goes on with the sentence that cites
# it, an article's first item goes on with the item's own words.
_REF_ITEM = re.compile(rf"^\s*[（(]\s*({_CN}|\d+)\s*[)）]\s*(?:[项款目之中的所、，,；;和及或与至到]|规定|约定|$)")
# A label printed twice over (第六条第七条: Word numbering and a typed label, or
# two drafts merged) — a misprint, read as one article that keeps both labels.
# 第十四条第二款 cites a paragraph of an article, and is no misprint.
_DOUBLED = re.compile(rf"^\s*(第\s*(?:{_CN}|\d+)\s*条)\s*(第\s*({_CN}|\d+)\s*条)(?=\s|[\u4e00-\u9fff（(])(?!\s*[、，,的所中规约])")
PART_RE = re.compile(rf"^\s*(第\s*({_CN}|\d+)\s*(部分|章|节))")
# English wordings: "Part 2", "Section 3 - Contractual Disputes", "A. Definitions".
EN_PART_RE = re.compile(r"^\s*((Part|PART|Section|SECTION)\s+([A-Z]|\d{1,2})\b\s*[-–—.:]?|[A-H]\.)\s*(?=[A-Z])")
TERMINAL = "。；;！!？?"


class ItemFamily(StrEnum):
    """Label shapes, in the order Chinese clauses usually nest them."""

    PAREN_CN = "paren_cn"  # （一） (一)
    CN_COMMA = "cn_comma"  # 一、
    DECIMAL_DOT = "decimal_dot"  # 1. 1、 1．
    PAREN_NUM = "paren_num"  # （1） (1)
    CIRCLED = "circled"  # ①
    LETTER = "letter"  # a. a) A.
    MULTI_DECIMAL = "multi_decimal"  # 1.1 2.1.1
    HALF_PAREN = "half_paren"  # 1） 1) — a number closed by one bracket, common for sub-items


_ITEM_PATTERNS: tuple[tuple[ItemFamily, re.Pattern[str]], ...] = (
    (ItemFamily.PAREN_CN, re.compile(rf"^\s*([（(]\s*{_CN}\s*[)）])")),
    (ItemFamily.PAREN_NUM, re.compile(r"^\s*([（(]\s*\d{1,3}\s*[)）])")),
    (ItemFamily.CIRCLED, re.compile(r"^\s*([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])")),
    (ItemFamily.MULTI_DECIMAL, re.compile(r"^\s*([1-9]\d?(?:\.\d{1,2}){1,3})(?=[\s\u3000]|[\u4e00-\u9fff])(?![\s\u3000]*[%‰元万亿米倍至到])")),
    (ItemFamily.DECIMAL_DOT, re.compile(r"^\s*(\d{1,2}[.．、](?!\d))")),
    (ItemFamily.HALF_PAREN, re.compile(r"^\s*(\d{1,2}[)）])")),
    (ItemFamily.CN_COMMA, re.compile(rf"^\s*({_CN}、)")),
    (ItemFamily.LETTER, re.compile(r"^\s*([a-zA-Z][.．)）](?![a-zA-Z]))")),
)


@dataclass(frozen=True, slots=True)
class Label:
    text: str  # as printed
    end: int  # offset just past the label in the line
    value: int | None


@lru_cache(maxsize=4096)
def cn_to_int(numeral: str) -> int | None:
    """Value of a Chinese or Arabic numeral such as 二十一 or 21; None if unreadable."""
    numeral = re.sub(r"\s+", "", numeral)
    if numeral.isdigit():
        return int(numeral)
    import cn2an  # 0.2 s to import: only when a Chinese numeral is read

    try:
        value = cn2an.cn2an(numeral.replace("〇", "零"), "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return int(value) if value == int(value) else None


def int_to_cn(value: int) -> str:
    """The Chinese numeral of `value` (21 → 二十一), as labels print it."""
    import cn2an

    return cn2an.an2cn(value)


def article_label(text: str) -> Label | None:
    """The 第X条 label opening `text` when it starts an article, not a cross-reference.

    "第十四条、第十五条计算的…" after a hard line break is a reference: a label
    followed by 、，的所… continues a sentence rather than opening an article.
    """
    m = ARTICLE_RE.match(text)
    if not m:
        return None
    doubled = _DOUBLED.match(text)
    if doubled:
        return Label(text[m.start(1) : doubled.end(2)], doubled.end(2), cn_to_int(m.group(2)))
    rest = text[m.end(1) :]
    if rest[:1] in _JOINERS and not _JOINED_REF.match(rest[1:]):
        # 第二十五条与本保险合同有关的…: a label glued to an article that opens with
        # 与/和/及…; a reference joins another article (第十四条与第十五条).
        return Label(m.group(1), m.end(1), cn_to_int(m.group(2)))
    if rest[:1] in _REF_FOLLOWERS or _REF_ITEM.match(rest):
        return None
    # "第十条规定的" / "第五条约定" read as references too.
    if re.match(r"(规定|约定|所述|所列|所指|项下|之规定|第)", rest):
        return None
    return Label(m.group(1), m.end(1), cn_to_int(m.group(2)))


def doubled_label_values(label: str) -> tuple[int | None, ...]:
    """The numbers of every 第X条 inside a printed label: one for a well-formed label,
    two for a misprinted doubled one (第六条第七条 → (6, 7))."""
    return tuple(cn_to_int(m.group(1)) for m in re.finditer(rf"第\s*({_CN}|\d+)\s*条", label))


def decimal_article_label(text: str) -> Label | None:
    """A decimal clause number opening `text` (1. / 1、 / 2.1), as articles are
    numbered in wordings drafted the London or 通俗化 way (第四部分 3., 2.1); a third
    level (2.1.1) numbers an item. `value` is the last number."""
    found = item_label(text)
    if found is None or found[0] not in (ItemFamily.DECIMAL_DOT, ItemFamily.MULTI_DECIMAL):
        return None
    family, label = found
    if family is ItemFamily.MULTI_DECIMAL and label.text.count(".") > 1:
        return None
    return label


# 通俗化 wordings number their chapters 1 2 3 and their clauses 1.1 1.2 under them:
# a chapter line is its number, a space and a short title (1 您与我们的合同).
_DECIMAL_CHAPTER = re.compile(r"^\s*([1-9]\d?)[ \u3000\t]+(?=[\u4e00-\u9fff])([^。；;，,：:]{2,30})$")


def decimal_chapter_label(text: str) -> Label | None:
    """The number opening a decimal chapter line (`1 您与我们的合同`), or None; the
    caller checks that the clauses under it are numbered 1.1, 1.2."""
    m = _DECIMAL_CHAPTER.match(text)
    if m is None or m.group(2).rstrip()[-1:] in TERMINAL:
        return None
    return Label(m.group(1), m.end(1), int(m.group(1)))


class HeadingLevel(StrEnum):
    PART = "part"  # 第X部分, Part 2: a part of a multi-part product
    CHAPTER = "chapter"  # 第X章, A. Definitions: a chapter
    SUBSECTION = "subsection"  # 第X节, Section 3: a subdivision of a chapter


def part_label(text: str) -> Label | None:
    found = heading_label(text)
    return found[1] if found else None


def heading_label(text: str) -> tuple[HeadingLevel, Label] | None:
    """The 第X部分 / 第X章 / 第X节 (or English Part / Section / A.) label opening a heading."""
    m = PART_RE.match(text)
    if m:
        level = {"部分": HeadingLevel.PART, "章": HeadingLevel.CHAPTER}.get(m.group(3), HeadingLevel.SUBSECTION)
        return level, Label(m.group(1), m.end(1), cn_to_int(m.group(2)))
    m = EN_PART_RE.match(text)
    if m:
        word = (m.group(2) or "").lower()
        level = {"part": HeadingLevel.PART, "section": HeadingLevel.SUBSECTION}.get(word, HeadingLevel.CHAPTER)
        return level, Label(m.group(1).strip(), m.end(1), None)
    return None


def item_label(text: str) -> tuple[ItemFamily, Label] | None:
    """The item label opening `text` and its family, or None."""
    for family, pattern in _ITEM_PATTERNS:
        m = pattern.match(text)
        if m:
            inner = re.sub(r"[（()）.．、\s]", "", m.group(1))
            value: int | None
            if family is ItemFamily.CIRCLED:
                value = _circled_value(inner)
            elif family is ItemFamily.LETTER:
                value = ord(inner.lower()) - ord("a") + 1
            elif family is ItemFamily.MULTI_DECIMAL:
                value = int(m.group(1).split(".")[-1])
            else:
                value = cn_to_int(inner)
            return family, Label(m.group(1), m.end(1), value)
    return None


_CIRCLED = "[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]"
# The number inside a printed label; the last one of 2.1 is the item's own.
_LABEL_NUMBER = re.compile(rf"{_CN}|[0-9]+|[０-９]+|{_CIRCLED}|[a-zA-Z]")
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def numbered_like(printed: str, value: int) -> str:
    """The label `printed` ((四), （4）, 4., 4、, 四、, ④, d.) numbered `value` instead,
    written the same way: Chinese or Arabic numerals, half- or full-width brackets and
    digits, the same punctuation and spaces. ValueError when `printed` has no number."""
    found = list(_LABEL_NUMBER.finditer(printed))
    if not found:
        raise ValueError(f"{printed!r} holds no number")
    number = found[-1].group(0)
    if re.fullmatch(_CIRCLED, number):
        if not 1 <= value <= 50:
            raise ValueError(f"no circled numeral for {value}")
        first, base = (1, 0x2460) if value <= 20 else (21, 0x3251) if value <= 35 else (36, 0x32B1)
        written = chr(base + value - first)
    elif number.isascii() and number.isalpha():
        if not 1 <= value <= 26:
            raise ValueError(f"no letter for {value}")
        written = chr(ord("a" if number.islower() else "A") + value - 1)
    elif number.isdigit():
        written = str(value) if number.isascii() else str(value).translate(_FULL_WIDTH_DIGITS)
    else:
        written = int_to_cn(value)
    return printed[: found[-1].start()] + written + printed[found[-1].end() :]


def _circled_value(ch: str) -> int | None:
    code = ord(ch[0])
    if 0x2460 <= code <= 0x2473:
        return code - 0x2460 + 1
    if 0x3251 <= code <= 0x325F:
        return code - 0x3251 + 21
    if 0x32B1 <= code <= 0x32BF:
        return code - 0x32B1 + 36
    return None


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FFFF
    )


def display_width(text: str) -> int:
    """Columns a line takes in a monospaced rendering: CJK and full-width count two."""
    return sum(2 if is_cjk(ch) else 1 for ch in text)


_CJK_GAP_RE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t\u00a0]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def close_cjk_gaps(text: str, bold: tuple[Span, ...] = ()) -> tuple[str, tuple[Span, ...]]:
    """Text without justification spaces between two CJK characters (layout, not
    text), and its bold spans moved to match."""
    gaps = [(m.start(), m.end()) for m in _CJK_GAP_RE.finditer(text)]
    if not gaps:
        return text, bold

    def moved(pos: int) -> int:
        return pos - sum(min(end, pos) - start for start, end in gaps if start < pos)

    spans = tuple(Span(moved(s.start), moved(s.end)) for s in bold)
    return _CJK_GAP_RE.sub("", text), tuple(s for s in spans if s.end > s.start)


def squash(text: str) -> str:
    """Text with every whitespace character removed, for comparing headings and titles."""
    return re.sub(r"\s+", "", text)


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in TERMINAL


# A caption: a short line with no sentence in it (住院医疗保险责任, 如实告知, 按比例处理) —
# it names what follows and states no rule itself.
_CAPTION = re.compile(r"^[^，。；：,.;:！？!?、]{1,20}$")


def is_caption(text: str) -> bool:
    return bool(_CAPTION.match(text.strip()))


def names_its_table(article: str, line: str) -> bool:
    """Whether a line is the caption of a table the article names (…对应的下列“伤残等级赔偿
    比例表”的比例): the article's own table, printed under that caption."""
    key = squash(line)
    said = squash(article)
    return len(key) >= 4 and key.endswith("表") and "下列" in said and any(
        f"{q}{key}{r}" in said for q, r in (("“", "”"), ('"', '"'), ("《", "》"))
    )


# A lead-in that announces what follows: it ends in ：, or names 下列 / 以下 / 如下
# (…受益人包括： / …依照下列约定给付保险金。/ …投保下述费用及损失科目): the captions after it head its parts.
_ANNOUNCES = re.compile(r"[：:]\s*$|下列|下述|以下|如下")


def announces(text: str) -> bool:
    return bool(_ANNOUNCES.search(text))


def lists_member(text: str, term: str) -> bool:
    """Whether a definition's text names the term in a list of its members (自然灾害是指…
    包括：雷击、暴雨、洪水…), not in a sentence of its own (雷击的破坏形式分直接雷击与感应雷击两种
    explains 雷击): a member so listed and defined under it is a definition of its own."""
    m = re.search(rf"(?:^|[：:、，,]|指|包括|及|和)\s*{re.escape(term)}\s*(?:[、，,；;。]|等|及|和|$)", text)
    if m is None:
        return False
    # A list its word divides into (爆炸分物理性爆炸、化学性爆炸) names kinds, not members.
    first = re.split(r"[，,；;。：:]", text[: m.start()])[-1].split("、")[0]
    return _DIVIDES.search(first) is None


_DIVIDES = re.compile(r"(?<![部充百])分(?:为|成)?")
