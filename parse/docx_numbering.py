"""Render Word automatic numbering (word/numbering.xml) as the label text Word displays.

Clauses written in Word often keep 第一条, （一）, ① … in list definitions instead of the
paragraph text, so an extractor that ignores numbering.xml loses every article number.
`NumberingRenderer` replays Word's list counters over the body paragraphs in order and
renders each level's w:lvlText with the level's number format.

Covered: numPr on the paragraph or its style (w:basedOn chains, lvl/w:pStyle links),
w:num overrides (startOverride, lvl), numStyleLink/styleLink indirection, lvlRestart,
isLgl and the number formats seen in Chinese and Western documents. Anything else is
degraded, never fatal: unknown formats render as decimal and w14 extensions wrapped in
mc:AlternateContent are read from their Fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_LEVELS = 9  # Word lists have levels 0..8, addressed as %1..%9 in lvlText
_PLACEHOLDER = re.compile(r"%([1-9])")
_OFF = {"0", "false", "off"}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


# ---------------------------------------------------------------- XML helpers


def _child(el, tag: str):
    """First `w:tag` child of `el` (or None), also looking in mc:AlternateContent/mc:Fallback."""
    if el is None:
        return None
    found = el.find(_w(tag))
    if found is not None:
        return found
    # Word 2010+ may wrap a property in mc:AlternateContent; a reader that does not
    # implement the w14 Choice must take the Fallback, as Word 2007 does.
    for alt in el.iterfind(f"{{{_MC}}}AlternateContent"):
        found = alt.find(f"{{{_MC}}}Fallback/{_w(tag)}")
        if found is not None:
            return found
    return None


def _val(el, tag: str) -> str | None:
    """The w:val attribute of the `w:tag` child of `el`, or None."""
    child = _child(el, tag)
    return None if child is None else child.get(_w("val"))


def _int(text: str | None, default: int | None = None) -> int | None:
    """Parse a decimal attribute; malformed or missing values give `default`."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _on(value: str | None) -> bool:
    """An ST_OnOff attribute value: on unless absent or one of the spellings of off."""
    return value is not None and value.lower() not in _OFF


def _parse(blob: bytes | None):
    """Parse a part's XML without resolving entities or touching the network."""
    if not blob:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(blob, parser)


# ---------------------------------------------------------------- number formats


def _enclosed(first: int) -> Callable[[int], str]:
    # Unicode has enclosed forms only for 1..20; Word prints plain digits beyond.
    return lambda n: chr(first + n - 1) if n <= 20 else str(n)


def _letters(first: str) -> Callable[[int], str]:
    # Word repeats the letter after Z (AA, BB, …) rather than counting in base 26.
    return lambda n: chr(ord(first) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _cycle(chars: str) -> Callable[[int], str]:
    # Stems and branches wrap around: the 11th 天干 is 甲 again.
    return lambda n: chars[(n - 1) % len(chars)]


def _digits(n: int) -> str:
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))


def _full_width(n: int) -> str:
    return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})


def _chinese(mode: str) -> Callable[[int], str]:
    def render(n: int) -> str:
        import cn2an  # 0.1 s to import: only for a document numbered in Chinese

        return cn2an.an2cn(n, mode)

    return render


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "decimalEnclosedCircle": _enclosed(0x2460),
    "decimalEnclosedCircleChinese": _enclosed(0x2460),
    "decimalEnclosedParen": _enclosed(0x2474),
    "decimalEnclosedFullstop": _enclosed(0x2488),
    "upperLetter": _letters("A"),
    "lowerLetter": _letters("a"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "chineseCounting": _chinese("low"),
    "chineseCountingThousand": _chinese("low"),
    "japaneseCounting": _chinese("low"),
    "taiwaneseCounting": _chinese("low"),
    "chineseLegalSimplified": _chinese("up"),
    "ideographTraditional": _cycle("甲乙丙丁戊己庚辛壬癸"),
    "ideographZodiac": _cycle("子丑寅卯辰巳午未申酉戌亥"),
    "ideographDigital": _digits,
    "taiwaneseDigital": _digits,
}
# Formats written digit by digit: they render 0 (a level not used yet) and any size.
_DIGIT_FORMATS = {"decimal", "decimalHalfWidth", "decimalZero", "decimalFullWidth",
                  "decimalFullWidth2", "ideographDigital", "taiwaneseDigital"}


def format_number(n: int, fmt: str) -> str:
    """Render counter value `n` in w:numFmt `fmt`; unknown formats and values out of a
    format's range fall back to decimal."""
    if fmt in ("none", "bullet"):
        return ""
    render = _FORMATS.get(fmt, str)
    # Word caps list numbers at 32767; larger values come from broken files and
    # would make letters and roman numerals absurdly long.
    if fmt not in _DIGIT_FORMATS and not 1 <= n <= 32767:
        return str(n)
    return render(n)


# ---------------------------------------------------------------- definitions


@dataclass(frozen=True, slots=True)
class _Level:
    """One w:lvl: what its counter starts at and how its label is written."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 1-based level that restarts this one; 0 never
    legal: bool = False
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


@dataclass(frozen=True, slots=True)
class _List:
    """The effective levels of one w:num and the identity of the counters it advances."""

    key: Hashable
    levels: dict[int, _Level]


@dataclass(frozen=True, slots=True)
class _StyleNum:
    based_on: str | None
    num_id: int | None
    ilvl: int | None


def _parse_level(lvl) -> _Level:
    """Read a w:lvl element, applying Word's defaults for anything missing."""
    text_el = _child(lvl, "lvlText")
    return _Level(
        start=_int(_val(lvl, "start"), 1),
        fmt=_val(lvl, "numFmt") or "decimal",
        text=(text_el.get(_w("val")) or "") if text_el is not None else "",
        restart=_int(_val(lvl, "lvlRestart")),
        legal=_child(lvl, "isLgl") is not None and _on(_val(lvl, "isLgl") or "1"),
        style=_val(lvl, "pStyle"),
    )


def _parse_levels(parent) -> dict[int, _Level]:
    levels = {}
    for lvl in parent.iterfind(_w("lvl")):
        ilvl = _int(lvl.get(_w("ilvl")))
        if ilvl is not None and 0 <= ilvl < _LEVELS:
            levels[ilvl] = _parse_level(lvl)
    return levels


def _parse_styles(root) -> tuple[dict[str, _StyleNum], str | None]:
    """Map styleId → its own numbering properties, plus the default paragraph style id."""
    styles: dict[str, _StyleNum] = {}
    default = None
    if root is None:
        return styles, default
    for style in root.iterfind(_w("style")):
        sid = style.get(_w("styleId"))
        if sid is None:
            continue
        num_pr = _child(_child(style, "pPr"), "numPr")
        styles[sid] = _StyleNum(_val(style, "basedOn"), _int(_val(num_pr, "numId")),
                                _int(_val(num_pr, "ilvl")))
        if style.get(_w("type"), "paragraph") == "paragraph" and _on(style.get(_w("default"))):
            default = sid
    return styles, default


def _style_numbering(styles: dict[str, _StyleNum],
                     sid: str | None) -> tuple[int | None, int | None]:
    """numId and ilvl a style gets through its basedOn chain; the nearest style wins each."""
    num_id = ilvl = None
    seen = set()
    while sid is not None and sid in styles and sid not in seen:  # seen: cyclic basedOn
        seen.add(sid)
        style = styles[sid]
        num_id = style.num_id if num_id is None else num_id
        ilvl = style.ilvl if ilvl is None else ilvl
        sid = style.based_on
    return num_id, ilvl


# ---------------------------------------------------------------- renderer


class NumberingRenderer:
    """Replays Word's list counters over a document's paragraphs in body order."""

    def __init__(self, numbering_xml: bytes | None, styles_xml: bytes | None):
        """Parse both parts once; either may be None. Malformed XML raises XMLSyntaxError."""
        root = _parse(numbering_xml)
        self._styles, self._default_style = _parse_styles(_parse(styles_xml))
        self._abstracts = {}
        self._nums = {}
        if root is not None:
            for el in root.iterfind(_w("abstractNum")):
                self._abstracts[_int(el.get(_w("abstractNumId")))] = el
            for el in root.iterfind(_w("num")):
                self._nums[_int(el.get(_w("numId")))] = el
        self._lists: dict[int, _List | None] = {}
        self._counters: dict[Hashable, list[int | None]] = {}

    def label(self, p) -> str | None:
        """Label Word displays before this paragraph, or None when it has none.

        Must be called once per paragraph, in body order (it advances counters)."""
        found = self._numbering_of(p)
        if found is None:
            return None
        lst, ilvl = found
        values = self._advance(lst, ilvl)
        return _render(lst.levels, ilvl, values) or None

    def _numbering_of(self, p) -> tuple[_List, int] | None:
        """The list and level a paragraph belongs to: direct numPr first, then its style's."""
        p_pr = _child(p, "pPr")
        num_pr = _child(p_pr, "numPr")
        style_id = _val(p_pr, "pStyle") or self._default_style
        style_num, style_ilvl = _style_numbering(self._styles, style_id)
        direct_num = _int(_val(num_pr, "numId"))
        num_id = direct_num if direct_num is not None else style_num
        if not num_id:  # absent, or numId 0: "no numbering", even over a numbered style
            return None
        lst = self._list(num_id)
        if lst is None:
            return None
        ilvl = _int(_val(num_pr, "ilvl"))
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            # A style linked from a level (w:lvl/w:pStyle) takes that level, else level 0.
            ilvl = next((i for i, lv in sorted(lst.levels.items()) if lv.style == style_id), 0)
        if ilvl not in lst.levels:
            return None
        return lst, ilvl

    def _list(self, num_id: int) -> _List | None:
        if num_id not in self._lists:
            self._lists[num_id] = self._build_list(num_id)
        return self._lists[num_id]

    def _build_list(self, num_id: int) -> _List | None:
        """Resolve a w:num to its abstractNum's levels with the num's overrides applied."""
        num = self._nums.get(num_id)
        if num is None:
            return None
        resolved = self._resolve_abstract(_int(_val(num, "abstractNumId")), set())
        if resolved is None:
            return None
        abstract_id, levels = resolved
        levels = dict(levels)
        restarted = False
        for override in num.iterfind(_w("lvlOverride")):
            ilvl = _int(override.get(_w("ilvl")))
            if ilvl is None or not 0 <= ilvl < _LEVELS:
                continue
            lvl = _child(override, "lvl")
            if lvl is not None:
                levels[ilvl] = _parse_level(lvl)
            start = _int(_val(override, "startOverride"))
            if start is not None:
                restarted = True
                if ilvl in levels:
                    levels[ilvl] = replace(levels[ilvl], start=start)
        # Nums sharing an abstractNum share its counters; a startOverride makes a
        # fresh list instance ("restart numbering" in Word's UI) with its own.
        key = ("num", num_id) if restarted else ("abstract", abstract_id)
        return _List(key, levels)

    def _resolve_abstract(self, abstract_id: int | None, seen: set[str]):
        """Follow numStyleLink → numbering style → num → abstractNum; returns (id, levels)."""
        abstract = self._abstracts.get(abstract_id)
        if abstract is None:
            return None
        link = _val(abstract, "numStyleLink")
        if link is not None and link not in seen:
            target_num = _style_numbering(self._styles, link)[0]
            target = self._nums.get(target_num)
            target_id = _int(_val(target, "abstractNumId"))
            if target_id is not None and target_id != abstract_id:
                resolved = self._resolve_abstract(target_id, seen | {link})
                if resolved is not None:
                    return resolved
        return abstract_id, _parse_levels(abstract)

    def _advance(self, lst: _List, ilvl: int) -> list[int | None]:
        """Count this paragraph at `ilvl` and reset the deeper levels Word would restart."""
        values = self._counters.setdefault(lst.key, [None] * _LEVELS)
        current = values[ilvl]
        values[ilvl] = lst.levels[ilvl].start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            if _restarts(lst.levels.get(deeper), deeper, ilvl):
                values[deeper] = None
        return values


def _restarts(level: _Level | None, index: int, used: int) -> bool:
    """Whether using level `used` restarts level `index` (w:lvlRestart, 1-based; 0 = never)."""
    restart = level.restart if level is not None else None
    # Omitted, or naming a level that is not above this one (which the spec says to
    # ignore): restart whenever any higher level is used. 0 gives bound 0: never.
    bound = index if restart is None or restart > index else restart
    return used < bound


def _render(levels: dict[int, _Level], ilvl: int, values: list[int | None]) -> str:
    """Fill a level's lvlText, each %k in level k's format (all decimal under isLgl)."""
    level = levels[ilvl]
    if level.fmt == "bullet":
        return level.text

    def number(match: re.Match) -> str:
        k = int(match.group(1)) - 1
        ref = levels.get(k, _Level())
        # A level unused since its last restart shows one below its start (Word's 1.0.1).
        value = values[k] if values[k] is not None else ref.start - 1
        return format_number(value, "decimal" if level.legal else ref.fmt)

    return _PLACEHOLDER.sub(number, level.text)


def _related_blob(part, reltype: str) -> bytes | None:
    try:
        return part.part_related_by(reltype).blob
    except KeyError:
        return None


def renderer_for(document) -> NumberingRenderer:
    """A renderer for a python-docx Document, from its numbering and styles parts.

    Either part may be missing."""
    # part_related_by rather than document.part.numbering_part, which would add an
    # empty numbering part to a document that has none.
    return NumberingRenderer(_related_blob(document.part, RT.NUMBERING),
                             _related_blob(document.part, RT.STYLES))
