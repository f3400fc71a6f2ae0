"""Term rows read off the aligned units: the dimensions analysts check that the
term sheet does not carry (domain.md §7) — who can be insured, the subject and
what is insured only by special agreement, premium and when cover starts, the
insurer's right to cancel, what a deductible applies to, settlement consent and
the insurer's right to defend, how far subrogation reaches.

Each row is a pattern over the units of one dimension (or of any, where the
provision wanders): the value is said in Chinese and cites the article and item
it came from; nothing found is "silent". Pure functions over `Unit`s.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .units import Dimension, Unit


@dataclass(frozen=True)
class Found:
    value: str
    cites: tuple[str, ...]


def _excerpt(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _in(units: tuple[Unit, ...], dims: set[Dimension]) -> list[Unit]:
    return [u for u in units if u.dimension in dims and not u.is_lead]


_WHO = re.compile(r"^(.{4,}?)[，,]?(?:均|都)?可(?:以)?(?:作为|成为)|(?:被保险人|投保人)(?:须|应当?|必须)为(.{2,}?)[。；]?$")


def insured(units: tuple[Unit, ...]) -> Found | None:
    """Who can take out the cover or be insured, as the clause words it."""
    hits = _in(units, {Dimension.INSURED})
    if not hits:
        return None
    who = []
    for u in hits:
        m = _WHO.search(re.sub(r"\s+", "", u.text))
        if m:
            who.append(m.group(1) or m.group(2))

    value = "；".join(_excerpt(w, 50) for w in who) or _excerpt(hits[0].text)
    if any(re.search(r"投保人为被保险人", u.text) for u in hits):
        value += "（除另有约定外，投保人即被保险人）"
    return Found(value, tuple(u.cite for u in hits))


_SPECIAL = re.compile(r"特别约定")
_NOT_INSURED = re.compile(r"不属于[^。]{0,12}保险标的|不保财产|不予承保")


def subject(units: tuple[Unit, ...]) -> Found | None:
    """How many kinds of property are insured, insured only by special agreement, and not insured."""
    items = [u for u in units if u.dimension is Dimension.SUBJECT and u.item]
    plain = [u for u in units if u.dimension is Dimension.SUBJECT and not u.item and not u.is_lead]
    if not items and not plain:
        return None
    special = [u for u in items if _SPECIAL.search(u.lead)]
    excluded = [u for u in items if _NOT_INSURED.search(u.lead)]
    insured_items = [u for u in items if u not in special and u not in excluded]
    parts = []
    if insured_items:
        parts.append(f"可保{len(insured_items)}项")
    if special:
        parts.append(f"须特别约定{len(special)}项")
    if excluded:
        parts.append(f"不保{len(excluded)}项")
    value = "、".join(parts) or _excerpt(plain[0].text)
    return Found(value, tuple(dict.fromkeys(u.cite.split("（")[0] for u in [*plain, *items])))


def premium(units: tuple[Unit, ...]) -> Found | None:
    """When the premium is due and what its non-payment does to cover."""
    hits = [u for u in units if re.search(r"[交缴](?:清|付|纳)[^。]{0,6}保险费|保险费[^。]{0,10}[交缴](?:清|付|纳)|[支交缴]付[^。]{0,6}保险费", u.text) and u.dimension in (Dimension.PREMIUM, Dimension.POLICYHOLDER_DUTIES, Dimension.GENERAL, Dimension.PERIOD)]
    if not hits:
        return None
    said = []
    text = "".join(re.sub(r"\s+", "", u.text) for u in hits)
    when = re.search(r"(?:应当?|须)在([^，。；]{2,16}?(?:前|时))(?:一次性?)?(?:交清|交付|缴清|缴纳)", text)
    if when:
        said.append(f"{when.group(1)}交清")
    if re.search(r"不(?:发生效力|生效)", text):
        said.append("未按约定交费的合同不生效")
    if re.search(r"分期", text):
        said.append("可分期交付")
    if re.search(r"保险人有权解除|有权解除本合同", text):
        said.append("欠交时保险人可解除")
    return Found("；".join(said) or "有约定", tuple(u.cite for u in hits))


_INSURER_CANCELS = re.compile(r"保险人(?:也)?(?:可以|有权|要求)[^。；]{0,16}?解除(?:本|保险)?合同[^。]*")
_NOTICE = re.compile(r"提前([零一二三四五六七八九十百\d]+日)")
# What gives the insurer a right to cancel besides its own will: a partial loss, a
# transfer, more risk, a breach by the policyholder (domain.md §7).
_TRIGGERED = re.compile(r"部分损失|转让|危险程度|未如实告知|未按(?:照)?(?:约定|期)|未履行|违反|欺诈|故意|欠交")


def insurer_cancels(units: tuple[Unit, ...]) -> Found | None:
    """The insurer's right to end the contract: at will (with its notice), or only
    on what triggers it (a partial loss, a breach)."""
    free: list[tuple[Unit, re.Match[str]]] = []
    triggered: list[Unit] = []
    for u in units:
        for sentence in re.split(r"。", re.sub(r"\s+", "", u.text)):
            m = _INSURER_CANCELS.search(sentence)
            if m:
                (triggered.append(u) if _TRIGGERED.search(sentence) else free.append((u, m)))
    if free:
        notice = next((n.group(1) for _, m in free if (n := _NOTICE.search(m.group(0)))), None)
        value = f"保险人可提前{notice}通知解除合同" if notice else "保险人可解除合同"
        return Found(value, tuple(dict.fromkeys(u.cite for u, _ in free)))
    if triggered:
        return Found("仅在部分损失、标的转让、危险增加或投保人违反义务等情形下可解除", tuple(dict.fromkeys(u.cite for u in triggered)))
    return None


def deductible_applies(units: tuple[Unit, ...]) -> Found | None:
    """What the deductible is taken off: each loss, the mitigation costs, the legal costs."""
    hits = [u for u in units if u.dimension is Dimension.DEDUCTIBLE and not u.is_lead]
    if not hits:
        return None
    text = "".join(u.text for u in hits)
    said = []
    if re.search(r"每次事故", text):
        said.append("每次事故")
    for words, name in (("施救费用", "施救费用"), ("法律费用", "法律费用"), ("损失", "损失")):
        if re.search(rf"扣除[^。]{{0,30}}免赔|免赔[^。]{{0,30}}{words}|{words}[^。]{{0,30}}免赔", text) and words in text:
            said.append(name)
    if re.search(r"高者为准", text):
        said.append("免赔额与免赔率以高者为准")
    return Found("、".join(dict.fromkeys(said)) or "有约定", tuple(u.cite for u in hits))


_CONSENT = re.compile(r"未经保险人(?:书面)?同意[^。；]{0,20}?(?:作出|进行)?(?:任何)?(?:承诺|拒绝|出价|约定|付款|赔偿|和解|认可)")
_DEFENCE = re.compile(r"保险人(?:有权|可以)[^。]{0,20}(?:以被保险人的?名义|处理|抗辩|应诉|参与)")


def settlement_consent(units: tuple[Unit, ...]) -> Found | None:
    hits = [u for u in units if u.dimension is not Dimension.SUBROGATION and _CONSENT.search(re.sub(r"\s+", "", u.text))]
    return Found("和解、承诺或付款须经保险人书面同意，否则对保险人不具约束力", tuple(u.cite for u in hits)) if hits else None


def defence(units: tuple[Unit, ...]) -> Found | None:
    hits = [u for u in units if _DEFENCE.search(re.sub(r"\s+", "", u.text))]
    return Found("保险人有权以被保险人名义处理索赔或抗辩", tuple(u.cite for u in hits)) if hits else None


def subrogation(units: tuple[Unit, ...]) -> Found | None:
    """How far subrogation reaches: the insurer's right, the duty to keep claims
    against the wrongdoer, waiver before and after payment, and the sanction for
    making subrogation impossible."""
    hits = [u for u in units if u.dimension is Dimension.SUBROGATION and not u.is_lead]
    if not hits:
        return None
    text = "".join(re.sub(r"\s+", "", u.text) for u in hits)
    parts = [
        (r"代位", "代位求偿权"),
        (r"行使或(?:者)?保留", "保留追偿权的义务"),
        (r"放弃[^。]{0,20}(?:不承担|无效)", "放弃追偿权的后果"),
        (r"扣减或者?要求返还", "致使不能代位时扣减或追回赔款"),
        (r"已经?从[^。]{0,10}取得赔偿", "已获赔偿部分扣减"),
    ]
    said = [name for pattern, name in parts if re.search(pattern, text)]
    return Found("、".join(said), tuple(u.cite for u in hits))


# (key, label, reader) — the rows added to the term matrix, in reading order.
UNIT_ROWS: tuple[tuple[str, str, Callable[[tuple[Unit, ...]], Found | None]], ...] = (
    ("insured", "投保人与被保险人", insured),
    ("subject", "保险标的（可保 / 特约 / 不保）", subject),
    ("premium", "保险费交付与合同生效", premium),
    ("insurer_cancels", "保险人解除权", insurer_cancels),
    ("deductible_applies", "免赔适用于", deductible_applies),
    ("settlement_consent", "和解须经保险人同意", settlement_consent),
    ("defence", "保险人抗辩、处理权", defence),
    ("subrogation_scope", "代位求偿范围", subrogation),
)
