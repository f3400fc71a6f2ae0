"""Definitions a 释义 prints as a list under a heading: the diseases a critical-illness
wording covers (重大疾病： / （一）恶性肿瘤 / 指… ; （十三）重度疾病 / 1.恶性肿瘤——重度 / 指…).

The heading prints its term alone; the members under it carry labels of another
style than the heading's (or labels where the heading has none), and the list ends
at the next definition in the heading's own style. The body text uses the heading's
word (罹患本保险合同所定义的重度疾病), never a member's, so whether a member matters is
read through its heading: where the two wordings' lists correspond, a member only
one prints is a covered event only one covers; where no member has a counterpart,
the list is one provision, compared at the clause's cover.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tiaokuan.model import SectionType
from tiaokuan.text.labels import item_label
from tiaokuan.text.vocab import NATURAL_PERILS

from .pairing import Counterparts
from .units import Dimension, Unit, only_term


def list_heads(units: Sequence[Unit]) -> dict[int, Unit]:
    """Each member of a list of definitions (by unit index) -> the heading over it.
    A list has at least two members."""
    heads: dict[int, Unit] = {}
    for k, unit in enumerate(units):
        if unit.section is not SectionType.DEFINITIONS or not only_term(unit):
            continue
        own = _family(unit)
        members: list[Unit] = []
        for member in units[k + 1 :]:
            family = _family(member)
            if member.term is None or member.section is not SectionType.DEFINITIONS or family is None or family == own:
                break
            if members and family != _family(members[0]):
                break
            members.append(member)
        if len(members) >= 2:
            heads.update((m.index, unit) for m in members)
    return heads


def _family(unit: Unit) -> object | None:
    found = item_label(unit.text.strip())
    return found[0] if found else None


def lists_correspond(unit: Unit, product: int, absent: Sequence[int], heads: dict[int, Unit], rows: dict) -> bool | None:
    """For a member of a list of definitions: whether most of its list has counterparts
    in the clauses that lack this member (the lists correspond, and this member is a
    covered event only some cover), or not (the list is one provision only some print:
    a member or two meeting a namesake elsewhere — 轻度脑中风后遗症 and a 脑中风后遗症 of
    the other's only list — do not make it one). None when the unit is no such member."""
    head = heads.get(unit.index)
    if head is None:
        return None
    members = [k for k, h in heads.items() if h.index == head.index]
    paired = sum(1 for k in members if (row := rows.get((product, k))) is not None and any(row.units[i] is not None for i in absent))
    return 2 * paired >= len(members)


# The sentence that opens a 释义 announces its definitions (本保险合同中的下列词语具有如下含义：,
# 本条款中相关名词按下列含义解释：); it states no rule of its own.
_OPENS = re.compile(r"(?:下列|以下|如下).{0,12}(?:含义|解释|释义|定义)[^。；]{0,6}[：:]\s*$")


def opens_glossary(unit: Unit) -> bool:
    """Whether the unit is a 释义's opening sentence (see _OPENS)."""
    return unit.section is SectionType.DEFINITIONS and unit.term is None and len(unit.text.strip()) <= 60 and bool(_OPENS.search(unit.text))


def definition_only_in(unit: Unit, present: Sequence[int], absent: Sequence[int], all_units: Sequence[Sequence[Unit]], heads: dict[int, Unit], rows: dict) -> str | None:
    """Why a definition that only the `present` clauses print changes nothing, as a
    sentence with {owners} and {absent} to fill in; None when it is a material difference."""
    term = unit.term
    if term is None:
        return None
    listed = lists_correspond(unit, present[0], absent, heads, rows) if len(present) == 1 else None
    if listed is False:
        head = heads[unit.index].term
        return f"仅{{owners}}在「{head}」下列明「{term}」，{{absent}}无对应列举，差异见使用「{head}」的条款"
    if listed:  # (a covered event of a list the other clause prints too: its body uses the list's word)
        return None
    if not _used_elsewhere(term, all_units):
        return f"仅{{owners}}定义「{term}」，但各方条款正文均未使用该术语"
    glossary = unit.dimension is Dimension.DEFINITIONS
    if glossary and term in _CONTRACT_WORDS:
        # The contract's parties and papers mean for every clause what the law says they mean
        # (《保险法》第十条、第十二条、第十八条): defining them, or naming the insurer company,
        # changes nothing. (One that says who may be insured is the insured dimension.)
        return f"仅{{owners}}定义「{term}」（合同当事人或合同文件的通常含义），实质无差异"
    if glossary and (_BY_STATUTE.search(unit.text) or _AS_THE_LAW_DEFINES.search(unit.text)):
        # A word given the meaning a statute gives it (传染病：指《传染病防治法》规定的传染病)
        # means that in every clause by law: a clause that does not print it reads the same.
        return f"仅{{owners}}定义「{term}」，其含义援引法律法规的规定，各方用语依法同义，实质无差异"
    if glossary and term in NATURAL_PERILS:  # (the convention: tiaokuan.text.vocab)
        return f"仅{{owners}}定义「{term}」（该自然灾害的通常含义），实质无差异"
    if not _used_elsewhere(term, [all_units[i] for i in present]):
        # A word its own clause uses only inside its other definitions (肢体, 肌力 in the
        # criteria of a disease) says nothing by itself: it is read with the definitions
        # that use it, and differs where they do.
        return f"仅{{owners}}定义「{term}」，只用于其他释义，差异见使用该术语的释义"
    if not _used_elsewhere(term, [all_units[i] for i in absent]):
        # A definition changes how a clause reads only where that clause uses the word;
        # a clause that never uses it differs by the provisions that do, reported there.
        return f"仅{{owners}}定义「{term}」；{{absent}}正文未使用该术语，差异见使用该术语的条款"
    return None


# A word given the meaning a statute gives it …
_BY_STATUTE = re.compile(r"(?:指|根据|依据|依照|按照?)[^。；]{0,12}《[^》]{2,30}(?:法|条例|实施细则|规定|办法)》")
# … or in the law's words: force majeure (《民法典》第一百八十条), gross negligence by the courts' standard.
_AS_THE_LAW_DEFINES = re.compile(r"不能预见、不能避免(?:并|且|和)不能克服的客观情况|人们都应当注意并能注意的一般标准也未达到")
_CONTRACT_WORDS = frozenset({"保险人", "投保人", "被保险人", "受益人", "保险单", "保险合同", "保险凭证", "投保单", "批单"})


def _used_elsewhere(term: str, all_units: Sequence[Sequence[Unit]]) -> bool:
    """Whether any clause's operative text (not its definitions) uses the term."""
    return any(term in u.text for units in all_units for u in units if u.term is None and u.dimension is not Dimension.DEFINITIONS)


# The degree a list of diseases grades its members by (严重脑中风后遗症 / 轻度脑中风后遗症,
# 恶性肿瘤——重度): the same disease at another degree is another member, found by its name.
_DEGREE = re.compile(r"(?:^|(?<=或|、))(?:严重的?|轻度的?|较重的?|较轻的?|重度|中度|重型|轻型)|——?(?:重度|中度|轻度)$|(?:[（(][^（()）]*[）)])+$")


def name_core(term: str) -> str:
    """A member's name without its degree or bracketed note (see _DEGREE)."""
    return _DEGREE.sub("", _DEGREE.sub("", term))


def pair_members_by_name(rows: list[Counterparts], heads: Sequence[dict[int, Unit]]) -> list[Counterparts]:
    """Of two clauses, a member of a list of definitions paired into a list other than
    the one most of its list pairs into, or left alone, where that list holds one member
    of its name at some degree (脑中风后遗症 paired with 轻度脑中风后遗症 of the minor list,
    the major list holding 严重脑中风后遗症; 脑炎后遗症或脑膜炎后遗症 alone, the major list
    holding 严重脑炎后遗症或严重脑膜炎后遗症): that member is its counterpart. The member it
    leaves, and one the namesake leaves that bore another name, stand alone."""
    if any(len(r.units) != 2 for r in rows) or not heads[0] or not heads[1]:
        return rows
    rows = list(rows)
    alone: dict[int, Counterparts] = {}  # row -> the unit it left, to stand alone after it
    for side, other in ((0, 1), (1, 0)):
        where = {(k, u.index): r for r, row in enumerate(rows) for k, u in enumerate(row.units) if u is not None}
        into: dict[int, Counter[int]] = {}
        for row in rows:
            x, y = row.units[side], row.units[other]
            if x is not None and y is not None and x.index in heads[side] and y.index in heads[other]:
                into.setdefault(heads[side][x.index].index, Counter())[heads[other][y.index].index] += 1
        for r, row in enumerate(rows):
            x, y = row.units[side], row.units[other]
            if x is None or x.term is None or x.index not in heads[side] or (y is not None and y.index not in heads[other]):
                continue
            most = (into.get(heads[side][x.index].index) or Counter({-1: 0})).most_common(1)[0]
            if most[1] < 2 or (y is not None and heads[other][y.index].index == most[0]):
                continue
            members = [rows[where[(other, k)]].units[other] for k, h in heads[other].items() if h.index == most[0] and (other, k) in where]
            namesakes = [m for m in members if m is not None and m.term and name_core(m.term) == name_core(x.term)]
            if len(namesakes) != 1:
                continue
            z = namesakes[0]
            r2 = where[(other, z.index)]
            w = rows[r2].units[side]
            if w is not None and w.term and name_core(w.term) == name_core(z.term):
                continue  # (the namesake has its namesake already)
            rows[r] = _row(side, x, z)
            rows[r2] = _row(side, w, None)
            if y is not None:
                alone[r] = _row(side, None, y)
            where[(other, z.index)] = r
    out: list[Counterparts] = []
    for r, row in enumerate(rows):
        out += [row, alone[r]] if r in alone else [row]
    return [r for r in out if any(u is not None for u in r.units)]


def _row(side: int, here: Unit | None, there: Unit | None) -> Counterparts:
    return Counterparts((here, there) if side == 0 else (there, here), 0.0)
