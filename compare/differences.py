"""The material differences of N clauses, read off their aligned wording.

1. every clause is cut into units (`units`), and counterpart units are paired
   across all chapters (`pairing`);
2. a unit with no counterpart is said to be only in its product after the whole
   other clause — every chapter and the definitions — was searched for its words
   (a merged item holding it counts as its counterpart);
3. a word consistently replaced across many pairs by a word of the other product's
   name (专利 → 商标 in one family's wordings) is one difference of subject, not one
   per item (`substitution`);
4. each pair is judged (`judge`): immaterial wording is kept apart; a material
   difference says its kind, its effect on the insured, and both wordings with the
   differing words marked;
5. definitions travel: a definition that differs names the units that use the term;
6. dimensions with no material difference are listed as checked and the same.
Pure functions over `ClauseDocument`s.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from tiaokuan.model import ClauseDocument, SectionType
from tiaokuan.text.labels import is_caption, item_label

from .glossary import definition_only_in, list_heads, opens_glossary, pair_members_by_name
from .judge import Effect, Kind, judge
from .leftovers import pair_by_kind
from .pairing import (
    Counterparts,
    extend_pairs,
    join_members,
    pair_rewritten,
    pair_splits,
    pair_units,
    substance_words,
    unpair_across_lists,
)
from .records import Difference, Side
from .redline import Op, diff_text
from .substance import inherited_from_main, is_catch_all, restated_amount, substance
from .substitution import substitutions
from .units import DIMENSION_NAMES, Dimension, Unit, announces_papers, units_of

CONTAINED_MIN = 92.0  # rapidfuzz partial_ratio of a unit's substance inside another unit: it stands there
CONTAINED_MIN_CHARS = 8  # shorter units must stand verbatim inside a unit near them
REPEAT_MIN_CHARS = 12  # a wording this long printed twice by one product is one provision repeated


def _marked(old: str, new: str) -> tuple[str, str]:
    """Both wordings with the words that differ marked; item labels stay unmarked
    (（四） → （九） is a renumbering, not a change)."""
    label_a, label_b = old[: len(old) - len(_unlabelled(old))], new[: len(new) - len(_unlabelled(new))]
    if label_a and label_b:
        a, b = _marked(_unlabelled(old), _unlabelled(new))
        return label_a + a, label_b + b
    pieces = diff_text(old, new)
    a = "".join(f"[-{p.text}-]" if p.op is Op.DELETE else p.text for p in pieces if p.op is not Op.INSERT)
    b = "".join(f"{{+{p.text}+}}" if p.op is Op.INSERT else p.text for p in pieces if p.op is not Op.DELETE)
    return a, b


class _Keys:
    """One product's unit keys sorted by length, to find the units longer than a given one quickly."""

    def __init__(self, units: tuple[Unit, ...]) -> None:
        # A list's lead-in only announces its items: it holds none of the other
        # clause's units (请求赔偿时…提供下列证明和资料 does not say 索赔申请书).
        self.units = sorted((u for u in units if not u.is_lead), key=lambda u: len(u.key))
        self.lengths = [len(u.key) for u in self.units]
        self.keys = [u.key for u in self.units]

    def longer(self, n: int) -> tuple[list[Unit], list[str]]:
        at = bisect_right(self.lengths, n)
        return self.units[at:], self.keys[at:]


def _contained(unit: Unit, others: _Keys, near: Callable[[Unit], bool]) -> Unit | None:
    """The unit of another clause whose words hold `unit`'s, if any: anywhere for a
    unit of some length, only where `near` says so for a short one."""
    key = unit.key
    if not key:
        return None
    units, keys = others.longer(len(key))
    if len(key) < CONTAINED_MIN_CHARS:
        return next((o for o, k in zip(units, keys, strict=True) if key in k and near(o)), None)
    found = process.extractOne(key, keys, scorer=fuzz.partial_ratio, score_cutoff=CONTAINED_MIN, processor=None)
    return units[found[2]] if found else None


def _uses(units: tuple[Unit, ...], term: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(u.cite for u in units if u.term is None and term in u.text))


def _side(name: str, unit: Unit | None, marked: str | None = None) -> Side:
    if unit is None:
        return Side(name, (), "", "")
    return Side(name, unit.parts or (unit.cite,), unit.text.strip(), (marked if marked is not None else unit.text).strip())


@dataclass(frozen=True)
class _Reading:
    """What every row is judged against: the products' names and units, the
    systematic substitutions, and the units absorbed into a longer counterpart."""

    names: Sequence[str]
    units: list[tuple[Unit, ...]]
    subs: dict[int, tuple[tuple[str, str], ...]]
    # (product, unit index) of a holder -> the units of other products whose words it holds
    absorbed: dict[tuple[int, int], list[tuple[int, Unit]]]
    dropped: frozenset[tuple[int, int]]  # (product, unit index) of units said inside a holder
    # product -> the substance of its units that have counterparts, joined: a wording a
    # product prints again inside one of them (each part of a multi-part product, a duty
    # restated in the article it serves) is a repetition, not a provision of its own
    paired_text: dict[int, str] = field(default_factory=dict)
    # (product, unit index) -> its row
    row_of: dict[tuple[int, int], Counterparts] = field(default_factory=dict)
    # product -> its whole clause as printed, one unit per line
    whole: dict[int, str] = field(default_factory=dict)
    personal: frozenset[int] = frozenset()  # the products that insure persons (see _PERSONAL)
    heads: dict[int, dict[int, Unit]] = field(default_factory=dict)  # product -> member -> heading (glossary.list_heads)


def _near(unit: Unit, holder: Unit, holder_row: Counterparts | None, product: int) -> bool:
    """The holder's row pairs it with a unit of `unit`'s own article: an item split
    in two (火灾、爆炸 → 火灾 / 爆炸) stays in its article."""
    if holder_row is None:  # the holder was joined into a neighbour's row
        return False
    other = holder_row.units[product]
    return other is not None and other.article == unit.article


def rows_by_unit(rows: list[Counterparts]) -> dict[tuple[int, int], Counterparts]:
    """(product, unit index) -> the row the unit stands in."""
    return {(k, u.index): r for r in rows for k, u in enumerate(r.units) if u is not None}


def absorb(
    rows: list[Counterparts], all_units: list[tuple[Unit, ...]], row_of: dict[tuple[int, int], Counterparts]
) -> tuple[dict[tuple[int, int], list[tuple[int, Unit]]], frozenset[tuple[int, int]]]:
    """Units with no counterpart whose words stand whole inside a unit of a product
    that lacks them: a merged or split item, a sentence moved into a longer paragraph.
    Long units may stand anywhere in the other clause; short ones (a peril split
    off a list) only in the counterpart of a unit of their own article."""
    keys = [_Keys(units) for units in all_units]
    absorbed: dict[tuple[int, int], list[tuple[int, Unit]]] = {}
    dropped: set[tuple[int, int]] = set()
    for row in rows:
        for i in (k for k in range(len(row.units)) if row.units[k] is None):
            for j, u in ((k, x) for k, x in enumerate(row.units) if x is not None):
                holder = _contained(u, keys[i], lambda h, u=u, j=j, i=i: _near(u, h, row_of.get((i, h.index)), j))
                if holder is not None:
                    absorbed.setdefault((i, holder.index), []).append((j, u))
                    dropped.add((j, u.index))
    return absorbed, frozenset(dropped)


def _effective(unit: Unit, other: Unit, product: int, other_product: int, reading: _Reading) -> str:
    """The words a unit is judged by: its own, the lead-in of its list when its
    counterpart is not a list item (下列损失…不负责赔偿：（五）… against a paragraph
    that says 不负责赔偿 itself), and the units of its product that the
    counterpart holds (an item the other product split in two)."""
    text = unit.text
    if unit.term and unit.term == other.term and (body := _meaning(unit.term, text)) is not None:
        # Two definitions of one word are read by what they say it means: 科技企业：指… in a
        # 释义 and 本保险合同所称科技企业，是指… where the word is used say it alike.
        text = body
    elif unit.is_lead and not other.is_lead and not _in_list(other) and _says_only_lead(unit, other):
        # The other clause prints the lead-in's sentence without the list: the items are
        # missing there (each its own difference), and the lead-in is read without the
        # words that announce them (满足以下条件的 / 下列).
        text = _LIST_INTRO.sub("", text)
    elif unit.is_lead and not other.is_lead and not _in_list(other):
        # A list whose counterpart says it in one sentence (火灾、爆炸 / 雷击 / … against
        # 自然灾害或意外事故) is read whole: lead-in and items.
        text = "\n".join([text, *(_unlabelled(u.text) for u in _items_of(reading.units[product], unit))])
    elif _in_list(unit) and not _in_list(other):
        # An item of "下列…保险人不负责赔偿：" says "对 X，保险人不负责赔偿" — the way a
        # paragraph elsewhere words the same exclusion; other lists keep their lead-in.
        body = _unlabelled(text).rstrip("；;。.， \n")
        text = f"{body}，保险人不负责赔偿" if _EXCLUDING_LEAD.search(unit.lead) else unit.lead + body
    extra = [_unlabelled(u.text) for k, u in reading.absorbed.get((other_product, other.index), []) if k == product]
    text = "\n".join([text, *extra])
    # Personal insurance insures the insured person's life and body (《保险法》第十二条):
    # there 保险标的或者被保险人的有关情况 asks about the insured person, as 被保险人的有关情况 does.
    return _PERSON_AS_SUBJECT.sub("", text) if product in reading.personal else text


# A product of personal insurance, by its name (意外伤害 / 重大疾病 / 医疗 / 人身 …).
_PERSONAL = re.compile(r"意外伤害|疾病|医疗|人身|健康|寿险|年金|身故|津贴")
_PERSON_AS_SUBJECT = re.compile(r"保险标的或(?:者)?(?=被保险人)")


def _meaning(term: str, text: str) -> str | None:
    """What a definition says its word means: the words after 指 (科技企业：指… / …是指…), or None."""
    m = re.search(re.escape(term) + r"[”」】]?\s*[：:，,]?\s*(?:是)?指", text)
    return text[m.end() :] if m else None


def _in_list(unit: Unit) -> bool:
    """An item of a list, its label printed or lost (a lost one is known by its lead-in)."""
    return bool(unit.lead) and not unit.is_lead


_CAUSE_LEAD = re.compile(r"原因|造成|导致|引起|由此")


def _lead_kind(unit: Unit) -> str | None:
    """What an exclusion list's lead-in excludes: everything a listed cause brings
    about (下列原因造成的损失、费用和责任), or only the listed losses and costs themselves."""
    if not unit.item or not _EXCLUDING_LEAD.search(unit.lead):
        return None
    return "cause" if _CAUSE_LEAD.search(unit.lead) else "cost"


def _exclusion_reach(base: Unit, others: list[Unit | None], names: list[str], base_name: str) -> str:
    """A sentence saying how two exclusion items differ by their lists' lead-ins, or ''."""
    kinds = {"cause": "原因除外（由此造成的损失、费用和责任均不赔）", "cost": "损失、费用除外（仅所列损失、费用不赔）"}
    said = []
    for other, name in zip(others, names, strict=True):
        ka, kb = _lead_kind(base), _lead_kind(other) if other is not None else None
        if ka and kb and ka != kb:
            said.append(f"{base_name}{base.cite}为{kinds[ka]}，{name}{other.cite}为{kinds[kb]}")  # type: ignore[union-attr]
    return "；".join(said)


_EXCLUDING_LEAD = re.compile(r"不(?:负责|承担|予)(?:赔偿|赔付|给付)")


def _unlabelled(text: str) -> str:
    found = item_label(text)
    return text[found[1].end :] if found else text


# An all-risks formula (自然灾害或意外事故, 一切…) covers every peril a named-perils
# list spells out: the list and the formula are one provision worded two ways.
_ALL_RISKS = re.compile(r"自然灾害或(?:者)?意外事故|意外事故或(?:者)?自然灾害|一切(?:突然|意外|不可预料)|任何(?:突然|意外)")


# The words that announce a list: 满足以下条件的 / 下列 / 如下 / 包括：.
_LIST_INTRO = re.compile(r"(?:满足|符合|具备)?(?:以下|下列|如下)(?:条件|情形|情况|各项|内容)?(?:之一)?的?|[：:]\s*$")


def _says_only_lead(lead: Unit, sentence: Unit) -> bool:
    """Whether a sentence says no more than a list's lead-in: every word it prints stands
    in the lead-in (被保险人…饲养的犬类宠物…可作为被保险宠物。 against the same words with
    满足以下条件的 and a list of conditions). Such a sentence does not say the list at once;
    the list is simply absent from its clause."""
    lead_words = set(substance_words(lead.text))
    said = [w for w in substance_words(sentence.text) if w.strip("，。；、：,.;: ")]
    return bool(said) and all(w in lead_words for w in said)


def _items_of(units: tuple[Unit, ...], lead: Unit) -> list[Unit]:
    key = substance(lead.text)
    return [u for u in units if u.item and u.article == lead.article and substance(u.lead) == key]


def _said_generally(unit: Unit, product: int, absent: list[int], reading: _Reading) -> Unit | None:
    """The sentence that says at once the list this item belongs to — for perils
    and exclusions only an all-risks formula does — when every product without
    the item pairs the list's lead-in with such a sentence and has no counterpart
    for any of the list's items."""
    if not unit.item or not unit.lead:
        return None
    lead = _lead_of(unit, product, reading)
    row = reading.row_of.get((product, lead.index)) if lead is not None else None
    if row is None:
        return None
    general = [row.units[i] for i in absent]
    if any(g is None or g.is_lead or g.item or _says_only_lead(lead, g) for g in general):  # type: ignore[arg-type]
        return None
    # Perils and exclusions are listed one by one and each counts: only an all-risks
    # formula says a list of them at once. A list of conditions, steps or refund
    # rules against one sentence is one provision worded two ways.
    if unit.dimension in (Dimension.COVER, Dimension.EXCLUSIONS) and not all(_ALL_RISKS.search(g.text) for g in general):  # type: ignore[union-attr]
        return None
    # Only a list none of whose items found a counterpart of its own is said whole by
    # the sentence: where one item has its counterpart, the others are additions.
    for item in _items_of(reading.units[product], lead):  # type: ignore[arg-type]
        item_row = reading.row_of.get((product, item.index))
        if item_row is None or any(item_row.units[i] is not None for i in absent):
            return None
    return general[0]


def _whole_list_alone(lead: Unit, product: int, absent: list[int], reading: _Reading) -> bool:
    """A lead-in none of whose items has a counterpart states a rule of its own (投保人解除本保险
    合同时，应提供下列证明文件和资料：), only in its clause as they are; a lead-in of perils or
    exclusions says nothing by itself (下列原因造成的损失，保险人不负责赔偿：)."""
    items = [] if lead.dimension in (Dimension.COVER, Dimension.EXCLUSIONS) else _items_of(reading.units[product], lead)
    rows = [reading.row_of.get((product, item.index)) for item in items]
    return bool(items) and all(r is not None and all(r.units[i] is None for i in absent) for r in rows)


def _folded_list(lead: Unit, product: int, absent: list[int], reading: _Reading) -> list[Unit]:
    """The items of a list only `product` prints, its lead-in stating a rule of its own
    (投保人解除本保险合同时，应提供下列证明文件和资料：…): one provision only in one clause, as an
    analyst records it — said once, at its lead-in, citing every item, not once more per item.
    Empty where the lead-in has a counterpart, the list is not alone, or it is a glossary's
    (a definition is read on its own)."""
    row = reading.row_of.get((product, lead.index))
    if row is None or any(row.units[i] is not None for i in absent) or not _whole_list_alone(lead, product, absent, reading):
        return []
    items = _items_of(reading.units[product], lead)
    return [] if any(u.term for u in items) else items


def _only_in(row: Counterparts, present: list[int], reading: _Reading) -> Difference | None:
    bu = row.units[present[0]]
    assert bu is not None
    names = reading.names
    if all((k, row.units[k].index) in reading.dropped for k in present):  # type: ignore[union-attr]
        return None  # the other clause says it inside a longer unit
    owners = "、".join(names[i] for i in present)
    absent_at = [i for i in range(len(row.units)) if i not in present]
    absent = "、".join(names[i] for i in absent_at)
    sides = tuple(_side(n, row.units[i]) for i, n in enumerate(names))
    if bu.is_lead and not _whole_list_alone(bu, present[0], absent_at, reading):
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, f"仅{owners}有此列举的引导语（{bu.cite}）", sides)
    lead = _lead_of(bu, present[0], reading) if _in_list(bu) and len(present) == 1 else None
    if lead is not None and bu in _folded_list(lead, present[0], absent_at, reading):
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, f"仅{owners}有此列举（{lead.cite}），该项随列举一并列出", sides)
    if bu.is_lead and len(present) == 1 and (items := _folded_list(bu, present[0], absent_at, reading)):
        said = "\n".join(u.text.strip() for u in (bu, *items))
        listed = Side(names[present[0]], (bu.cite, *(u.cite for u in items)), said, said)
        sides = tuple(listed if i == present[0] else side for i, side in enumerate(sides))
    general = _said_generally(bu, present[0], absent_at, reading)
    if general is not None:
        said = f"{owners}逐项列举（{bu.cite}），{absent}以概括约定（{general.cite}）；差异见该列举与概括约定的比较"
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, said, sides)
    if bu.item is None and is_caption(bu.text) and not bu.figures:  # (a table's caption heads its figures)
        # A title, a line that only names what follows (负面信息通知和逾期账款报告 / 按比例处理),
        # states no rule: the provisions under it are compared on their own. (Not an item,
        # which names what its list holds.)
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, f"仅{owners}有此标题（{bu.cite}），标题本身不含约定", sides)
    if opens_glossary(bu):
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, f"仅{owners}有释义的引导语（{bu.cite}），引导语本身不含约定", sides)
    if is_catch_all(bu.text):
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, f"仅{owners}有此兜底约定（{bu.cite}），未保的本来就不赔，实质无差异", sides)
    # (a word defined where it is used — 本条款所称科技成果，是指… — states what the clause
    # insures or whom, and counts whether or not the other clause uses the word)
    if bu.section is SectionType.DEFINITIONS and (why := definition_only_in(bu, present, absent_at, reading.units, reading.heads.get(present[0], {}), reading.row_of)):
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, why.format(owners=owners, absent=absent), sides)
    if len(bu.key) >= REPEAT_MIN_CHARS and bu.key in reading.paired_text.get(present[0], ""):
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, f"{owners}在他处已有相同约定（{bu.cite}为重复），实质无差异", sides)
    restated = restated_amount(bu.text, bool(bu.item), bu.dimension is Dimension.EXCLUSIONS, [reading.whole[i] for i in absent_at]) if len(present) == 1 else None
    if restated:
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, f"仅{owners}{restated}（{bu.cite}），{absent}同样约定，实质无差异", sides)
    rider = inherited_from_main(bu.text)  # (a rider's parties, subject and period are its main contract's)
    if rider or _RESTATES_LAW.search(substance(bu.text)):
        said = "附加险的投保人、被保险人、保险标的和保险期间本即同主险合同" if rider else "系重述无论合同是否约定均适用的法律规定"
        return Difference(bu.dimension, Kind.ONLY_IN, False, Effect.NEUTRAL, f"仅{owners}写明此项（{bu.cite}），{said}，实质无差异", sides)
    effect = {Dimension.COVER: Effect.BETTER, Dimension.EXCLUSIONS: Effect.WORSE}.get(bu.dimension, Effect.MIXED)
    what = f"仅{owners}有此约定（{bu.cite}）；{absent}全文（含释义）无对应约定"
    # Among three or more products, those that have the provision may word it differently.
    marked = list(sides)
    for i in present[1:]:
        ui = row.units[i]
        assert ui is not None
        j = judge(_effective(bu, ui, present[0], i, reading), _effective(ui, bu, i, present[0], reading), bu.dimension, names[present[0]], names[i], reading.subs.get(i, ()))
        if j.material:
            what += f"；{j.what}"
            marked[i] = _side(names[i], ui, _marked(bu.text, ui.text)[1])
    return Difference(bu.dimension, Kind.ONLY_IN, True, effect, what, tuple(marked))


# Provisions that restate what the law makes true whatever the contract says, so
# that a clause without them reads the same: the parties may amend the contract by
# agreement, by endorsement or written agreement (《保险法》第二十条); the law prevails
# over a conflicting term and fills what the contract leaves out; and a sentence that
# only lists the contract's own parts or documents (保险条款、投保单、保险单…, in writing).
_RESTATES_LAW = re.compile(
    r"^(?:除本合同另有约定外)?(?:在本合同有效期内)?投保人(?:和|与)(?:被)?保险人(?:经协商(?:一致|同意)?可|可协商)变更本合同(?:的有关)?(?:内容)?"
    r"|^变更本合同的应由保险人在保险单或(?:者)?其他保险凭证上批注或(?:者)?附贴批单"
    r"|(?:相悖|抵触|冲突|不一致)之处[^。]{0,6}以(?:国家)?(?:有关)?法律(?:法规)?为准"
    r"|^本合同未尽事[宜项][^。]{0,10}(?:以|按|依)照?(?:国家)?(?:有关)?法律(?:法规)?(?:的规定)?(?:为准|执行|办理)"
    r"|^本合同由[^。]{0,60}(?:五|四|三|两|二|六|[2-9])部分组成"
    r"|^本合同由保险条款[^。]{0,60}?(?:组成|构成)(?:凡涉及本合同的约定均应采用书面形式)?$|^保险金额是指?保险人承担(?:赔偿或)?赔偿责任的最高限额$"
    # the contract in force once made (第十三条: 依法成立的保险合同，自成立时生效). (Not the
    # limitation period of 第二十六条 printed in one clause only: the analysts count it, 11 pairs in 15.)
    r"|^本合同自成立时起?生效$"
    # a contract not guaranteed renewable: without a promise to renew no contract gives
    # a right to renew, and a new contract needs a new application and the insurer's consent
    r"|^本(?:附加)?(?:保险)?合同为不保证续保合同"
)


def _table_difference(row: Counterparts, present: list[int], names: Sequence[str]) -> Difference:
    """Two appended tables (a short-rate table, a disability-payment scale) whose figures
    differ: one material difference, the changed figures quoted in order."""
    base = row.units[present[0]]
    assert base is not None
    said = []
    for i in present[1:]:
        other = row.units[i]
        assert other is not None
        old, new = base.figures.replace("/", "|").split("|"), other.figures.replace("/", "|").split("|")
        if len(old) == len(new):
            changed = [f"{x}→{y}" for x, y in zip(old, new, strict=True) if x != y]
            shown = "、".join(changed[:MAX_FIGURES_SAID]) + ("等" if len(changed) > MAX_FIGURES_SAID else "")
            said.append(f"{names[i]}较{names[present[0]]}：表中数值不同（{len(changed)}处：{shown}）")
        else:
            said.append(f"{names[i]}较{names[present[0]]}：表中数值不同（{len(old)}项对{len(new)}项），见两表对照")
    sides = tuple(_side(names[k], row.units[k]) for k in present)
    return Difference(base.dimension, Kind.DIFFERENT, True, Effect.MIXED, "；".join(said), sides)


MAX_FIGURES_SAID = 10


def _row_difference(row: Counterparts, reading: _Reading) -> Difference | None:
    present = [i for i, u in enumerate(row.units) if u is not None]
    if len(present) < len(row.units):
        return _only_in(row, present, reading)
    names = reading.names
    base = present[0]
    bu = row.units[base]
    assert bu is not None
    reach = _exclusion_reach(bu, [row.units[i] for i in present[1:]], [names[i] for i in present[1:]], names[base])
    if all(is_catch_all(u.text) for u in row.units if u is not None):
        # Two catch-alls, however worded, both say only that what is not covered is not paid.
        return Difference(bu.dimension, Kind.SAME_IN_SUBSTANCE, False, Effect.NEUTRAL, "各方均为兜底约定（未保的本来就不赔），实质相同", tuple(_side(names[i], row.units[i]) for i in present))
    if len({u.key for u in row.units if u is not None}) == 1:
        if not reach:
            return _moved_item(row, present, reading)
        # The same words under a cause-exclusion and a cost-exclusion exclude different things.
        return Difference(Dimension.EXCLUSIONS, Kind.DIFFERENT, True, Effect.MIXED, reach, tuple(_side(names[i], row.units[i]) for i in present))
    if all(u.appended and u.figures for u in row.units if u is not None):
        return _table_difference(row, present, names)
    dimension = bu.dimension
    judgements = []
    sides = [_side(names[base], bu)]
    for i in present[1:]:
        ui = row.units[i]
        assert ui is not None
        old, new = _effective(bu, ui, base, i, reading), _effective(ui, bu, i, base, reading)
        # A claim-paper list's lead-in only announces the papers its items ask for.
        announcing = all(u.is_lead and announces_papers(u.text) for u in (bu, ui))
        j = judge(old, new, dimension, names[base], names[i], reading.subs.get(i, ()), (reading.whole[base], reading.whole[i]), announcing)
        judgements.append(j)
        if j.material:
            ma, mi = _marked(bu.text, ui.text)
            if len(present) == 2:
                sides[0] = _side(names[base], bu, ma)
            sides.append(_side(names[i], ui, mi))
        else:
            sides.append(_side(names[i], ui))
    material = [j for j in judgements if j.material]
    if reach and not material:
        return Difference(Dimension.EXCLUSIONS, Kind.DIFFERENT, True, Effect.MIXED, reach, tuple(sides))
    if not material:
        # Read as they are judged (a lead-in without the words announcing its list, an
        # item with the words the other clause says about it), the wordings are equal:
        # what differs is only how the provision is put.
        said = "；".join(j.what for j in judgements) if any(j.runs for j in judgements) else "差异仅在表述方式（引出列举的用语、逐项或合并表述），不改变实质"
        return Difference(dimension, Kind.SAME_IN_SUBSTANCE, False, Effect.NEUTRAL, "措辞不同，实质相同：" + said, tuple(sides))
    kinds = {j.kind for j in material}
    kind = kinds.pop() if len(kinds) == 1 else Kind.DIFFERENT
    effects = {j.effect for j in material}
    effect = effects.pop() if len(effects) == 1 else Effect.MIXED
    affects: tuple[str, ...] = ()
    what = "；".join([*(j.what for j in material), *([reach] if reach else [])])
    if reach:
        kind, effect = Kind.DIFFERENT, Effect.MIXED
    if bu.term:
        affects = tuple(f"{names[i]} {c}" for i in present for c in _uses(reading.units[i], bu.term))
        what = f"释义「{bu.term}」不同：{what}"
    return Difference(dimension, kind, True, effect, what, tuple(sides), affects)


def _lead_of(unit: Unit, product: int, reading: _Reading) -> Unit | None:
    """The lead-in of the list an item stands in."""
    key = substance(unit.lead)
    return next((u for u in reading.units[product] if u.is_lead and u.article == unit.article and substance(u.text) == key), None)


def _moved_item(row: Counterparts, present: list[int], reading: _Reading) -> Difference | None:
    """Two items in the same words standing in lists whose lead-ins do not pair: the
    item moved to another list (珍贵财物 from 下列财产不属于保险标的 to 下列财产未经特别约定…不属于
    保险标的), and what the list does to it is its lead-in's."""
    base = present[0]
    bu = row.units[base]
    assert bu is not None
    # (definitions are no list; a claim paper is asked for whatever the list's lead-in says around it)
    if bu.term or bu.dimension is Dimension.CLAIMS or not all(_in_list(u) for u in row.units if u is not None):
        return None
    lead = _lead_of(bu, base, reading)
    for i in present[1:]:
        ui = row.units[i]
        assert ui is not None
        other = _lead_of(ui, i, reading)
        if lead is None or other is None or substance(lead.text) == substance(other.text):
            continue
        lead_row = reading.row_of.get((base, lead.index))
        if lead_row is not None and lead_row.units[i] is other:
            continue  # the lists pair: their lead-ins' difference is said once, at the lead-ins
        j = judge(lead.text, other.text, bu.dimension, reading.names[base], reading.names[i], values_only=True)
        if j.material:
            what = f"该项文字相同，但所在列举不同（{lead.cite}、{other.cite}）：{j.what}"
            return Difference(bu.dimension, j.kind, True, j.effect, what, tuple(_side(reading.names[k], row.units[k]) for k in present))
    return None


def _pair_substituted(all_units: list[tuple[Unit, ...]], subs: dict[int, tuple[tuple[str, str], ...]]) -> list[Counterparts]:
    def back(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
        for x, y in pairs:
            text = text.replace(y, x)
        return text

    shown = [units if not subs.get(i) else tuple(replace(u, text=back(u.text, subs[i])) for u in units) for i, units in enumerate(all_units)]
    rows = pair_units(shown)
    return [Counterparts(tuple(None if u is None else all_units[i][u.index] for i, u in enumerate(r.units)), r.score) for r in rows]


_KIND_ORDER = {Kind.ONLY_IN: 0, Kind.WIDER: 1, Kind.NARROWER: 1, Kind.DIFFERENT: 2, Kind.SAME_IN_SUBSTANCE: 3}
_DIM_ORDER = {d: i for i, d in enumerate(Dimension)}


def differences(docs: Sequence[ClauseDocument], names: Sequence[str]) -> tuple[Difference, ...]:
    """Every difference of N clauses: material ones first, by dimension in the order
    a comparison is read (subject, cover, exclusions …), then the immaterial ones,
    then each dimension found the same in substance."""
    all_units = [units_of(d) for d in docs]
    rows = pair_units(all_units)
    subs = {i: substitutions(rows, 0, i, (docs[0].product or names[0], docs[i].product or names[i])) for i in range(1, len(docs))}
    if any(subs.values()):  # pair again with each product's words put back into the first product's vocabulary
        rows = _pair_substituted(all_units, subs)
    rows = unpair_across_lists(join_members(pair_rewritten(pair_by_kind(extend_pairs(pair_splits(rows))))))
    heads = [list_heads(units) for units in all_units]
    rows = pair_members_by_name(rows, heads)
    found: list[Difference] = []
    for i, pairs in subs.items():
        if pairs:
            cites = [(u.cite, v.cite) for r in rows if (u := r.units[0]) and (v := r.units[i]) and any(x in u.text for x, _ in pairs)]
            first = cites[0] if cites else ("", "")
            said = "、".join(f"“{x}”→“{y}”" for x, y in pairs)
            found.append(Difference(
                Dimension.SUBJECT, Kind.DIFFERENT, True, Effect.NEUTRAL,
                f"两者为同一措辞用于不同标的：{names[0]}的{said}（{len(cites)}处）；仅因此不同的条款不再逐条列出",
                (Side(names[0], (first[0],) if first[0] else (), "", ""), Side(names[i], (first[1],) if first[1] else (), "", "")),
            ))  # fmt: skip
    row_of = rows_by_unit(rows)
    absorbed, dropped = absorb(rows, all_units, row_of)
    paired = {k: "|".join(r.units[k].key for r in rows if all(x is not None for x in r.units)) for k in range(len(docs))}  # type: ignore[union-attr]
    whole = {k: "\n".join(u.text for u in units) for k, units in enumerate(all_units)}
    personal = frozenset(i for i, d in enumerate(docs) if _PERSONAL.search(d.product or d.title or ""))
    reading = _Reading(names, all_units, subs, absorbed, dropped, paired, row_of, whole, personal, dict(enumerate(heads)))
    for row in rows:
        diff = _row_difference(row, reading)
        if diff is not None:
            found.append(diff)
    material = sorted((d for d in found if d.material), key=lambda d: (_DIM_ORDER[d.dimension], _KIND_ORDER[d.kind]))
    immaterial = [d for d in found if not d.material]
    # A dimension is said to be the same only when every unit of it has its counterpart:
    # a definition or a repeated provision that only one product prints is listed
    # (as immaterial) rather than hidden under "the same".
    unmatched = {u.dimension for r in rows if None in r.units for k, u in enumerate(r.units) if u is not None and not u.is_lead and (k, u.index) not in dropped}
    differing = {d.dimension for d in material} | unmatched
    checked = []
    for dim in Dimension:
        if dim in differing:
            continue
        cites = [tuple(u.cite for u in units if u.dimension is dim and not u.is_lead) for units in all_units]
        if not any(cites):
            continue
        sides = tuple(Side(n, tuple(dict.fromkeys(c)), "", "") for n, c in zip(names, cites, strict=True))
        checked.append(Difference(dim, Kind.SAME_IN_SUBSTANCE, False, Effect.NEUTRAL, f"{DIMENSION_NAMES[dim]}：实质相同", sides, checked=True))
    return (*material, *immaterial, *checked)
