"""The material differences of N clauses, read off their aligned wording.

1. every clause is cut into units (`units`), and counterpart units are paired
   across all chapters (`pairing`);
2. a unit with no counterpart is said to be only in its product after the whole
   other clause — every chapter and the definitions — was searched for its words
   (a merged item holding it counts as its counterpart);
3. a word consistently replaced across many pairs by a word of the other product's
   name (专利 → 商标 in one family's wordings) is one difference of subject, not one
   per item;
4. each pair is judged (`judge`): immaterial wording is kept apart; a material
   difference says its kind, its effect on the insured, and both wordings with the
   differing words marked;
5. definitions travel: a definition that differs names the units that use the term;
6. dimensions with no material difference are listed as checked and the same.
Pure functions over `ClauseDocument`s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from tiaokuan.model import ClauseDocument

from .judge import Effect, Kind, judge, runs_between
from .pairing import Counterparts, pair_units
from .redline import Op, diff_text
from .units import DIMENSION_NAMES, Dimension, Unit, units_of

CONTAINED_MIN = 92.0  # rapidfuzz partial_ratio of a unit's substance inside another unit: it stands there
SUBSTITUTION_MIN_ROWS = 3  # a replacement seen in this many pairs is systematic


@dataclass(frozen=True)
class Side:
    """One product's part in a difference."""

    product: str
    citations: tuple[str, ...]  # 第六条（一）; empty when the product has no such provision
    wording: str  # verbatim
    marked: str  # the wording with the words that differ marked: [-old-] in the first product, {+new+} in the others


@dataclass(frozen=True)
class Difference:
    dimension: Dimension
    kind: Kind
    material: bool
    effect: Effect
    what: str  # in Chinese
    sides: tuple[Side, ...]
    affects: tuple[str, ...] = ()  # for a definition: the provisions that use the term
    checked: bool = False  # a dimension checked and found the same (not one unit)

    @property
    def dimension_name(self) -> str:
        return DIMENSION_NAMES[self.dimension]


def _marked(old: str, new: str) -> tuple[str, str]:
    pieces = diff_text(old, new)
    a = "".join(f"[-{p.text}-]" if p.op is Op.DELETE else p.text for p in pieces if p.op is not Op.INSERT)
    b = "".join(f"{{+{p.text}+}}" if p.op is Op.INSERT else p.text for p in pieces if p.op is not Op.DELETE)
    return a, b


def _contained(unit: Unit, others: tuple[Unit, ...]) -> Unit | None:
    """The unit of another clause whose words hold `unit`'s (a merged item), if any."""
    key = unit.key
    if len(key) < 8:
        return None
    best = max(others, key=lambda o: fuzz.partial_ratio(key, o.key) if len(o.key) > len(key) else 0.0, default=None)
    if best is not None and len(best.key) > len(key) and fuzz.partial_ratio(key, best.key) >= CONTAINED_MIN:
        return best
    return None


def _name_changes(a: str, b: str) -> tuple[list[str], list[str]]:
    """The runs of characters in which two product names differ (专利 / 商标)."""
    import difflib

    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out_a.append(a[i1:i2])
            out_b.append(b[j1:j2])
    return [x for x in out_a if len(x) >= 2], [y for y in out_b if len(y) >= 2]


def _touches(run: str, parts: list[str]) -> bool:
    return any(len(set(run) & set(p)) >= 2 or p in run for p in parts)


def substitutions(rows: list[Counterparts], base: int, other: int, names: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """Words of the base product replaced by the same words of the other in many
    pairs, where both belong to what differs between the products' names: one
    wording written for two subjects (专利申请费用补偿保险 / 商标申请费用补偿保险)."""
    own_a, own_b = _name_changes(*names)
    if not own_a or not own_b:
        return ()
    seen: Counter[tuple[str, str]] = Counter()
    for row in rows:
        ua, ub = row.units[base], row.units[other]
        if ua is None or ub is None or ua.key == ub.key:
            continue
        for r in set(runs_between(ua.text, ub.text)):
            if r.old and r.new and _touches(r.old, own_a) and _touches(r.new, own_b):
                seen[(r.old, r.new)] += 1
    return tuple(sorted((k for k, n in seen.items() if n >= SUBSTITUTION_MIN_ROWS), key=lambda k: -len(k[0])))


def _uses(units: tuple[Unit, ...], term: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(u.cite for u in units if u.term is None and term in u.text))


def _side(name: str, unit: Unit | None, marked: str | None = None) -> Side:
    if unit is None:
        return Side(name, (), "", "")
    return Side(name, (unit.cite,), unit.text.strip(), (marked if marked is not None else unit.text).strip())


def _row_difference(row: Counterparts, names: Sequence[str], all_units: list[tuple[Unit, ...]], subs: dict[int, tuple[tuple[str, str], ...]]) -> Difference | None:
    present = [i for i, u in enumerate(row.units) if u is not None]
    base = present[0]
    bu = row.units[base]
    assert bu is not None
    dimension = bu.dimension
    if len(present) < len(row.units):  # only in some products
        for i in range(len(row.units)):
            if row.units[i] is None:
                for j in present:
                    holder = _contained(row.units[j], all_units[i])  # type: ignore[arg-type]
                    if holder is not None:
                        return None  # the other clause says it inside a longer unit
        owners = "、".join(names[i] for i in present)
        absent = "、".join(names[i] for i in range(len(row.units)) if i not in present)
        what = f"仅{owners}有此约定（{bu.cite}）；{absent}全文（含释义）无对应约定"
        if bu.is_lead:
            what = f"仅{owners}有此列举的引导语（{bu.cite}）"
        return Difference(dimension, Kind.ONLY_IN, not bu.is_lead, Effect.MIXED if dimension not in (Dimension.COVER, Dimension.EXCLUSIONS) else (Effect.BETTER if dimension is Dimension.COVER else Effect.WORSE), what, tuple(_side(n, row.units[i]) for i, n in enumerate(names)))
    keys = {u.key for u in row.units if u is not None}
    if len(keys) == 1:
        return None
    judgements = []
    sides = [_side(names[base], bu)]
    for i in present[1:]:
        ui = row.units[i]
        assert ui is not None
        j = judge(bu.text, ui.text, dimension, names[base], names[i], subs.get(i, ()))
        judgements.append(j)
        if j.material:
            ma, mi = _marked(bu.text, ui.text)
            if len(present) == 2:
                sides[0] = _side(names[base], bu, ma)
            sides.append(_side(names[i], ui, mi))
        else:
            sides.append(_side(names[i], ui))
    material = [j for j in judgements if j.material]
    if not material:
        return Difference(dimension, Kind.SAME_IN_SUBSTANCE, False, Effect.NEUTRAL, "措辞不同，实质相同：" + "；".join(j.what for j in judgements), tuple(sides))
    kinds = {j.kind for j in material}
    kind = kinds.pop() if len(kinds) == 1 else Kind.DIFFERENT
    effects = {j.effect for j in material}
    effect = effects.pop() if len(effects) == 1 else Effect.MIXED
    affects: tuple[str, ...] = ()
    if bu.term:
        affects = tuple(f"{names[i]} {c}" for i in present for c in _uses(all_units[i], bu.term))
    what = "；".join(j.what for j in material)
    if bu.term:
        what = f"释义「{bu.term}」不同：{what}"
    return Difference(dimension, kind, True, effect, what, tuple(sides), affects)


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
    for row in rows:
        diff = _row_difference(row, names, all_units, subs)
        if diff is not None:
            found.append(diff)
    material = sorted((d for d in found if d.material), key=lambda d: (_DIM_ORDER[d.dimension], _KIND_ORDER[d.kind]))
    immaterial = [d for d in found if not d.material]
    differing = {d.dimension for d in material}
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


KIND_WORDS = {
    Kind.ONLY_IN: "仅一方有", Kind.WIDER: "范围更宽", Kind.NARROWER: "范围更窄",
    Kind.DIFFERENT: "不同", Kind.SAME_IN_SUBSTANCE: "实质相同",
}  # fmt: skip


def _quote(side: Side) -> str:
    cites = "、".join(side.citations)
    if not cites:
        return f"{side.product}：无对应约定"
    return f"{side.product} {cites}：“{side.marked or side.wording}”" if side.wording else f"{side.product} {cites}"


def summary_lines(diffs: Sequence[Difference]) -> list[str]:
    """The differences as a reader takes them in: each material difference with
    both wordings (changed words marked [-…-] / {+…+}) and both citations, then
    each dimension checked and found the same, with the articles read."""
    lines = []
    for d in diffs:
        if d.material:
            quotes = "；".join(_quote(s) for s in d.sides if s.citations or d.kind is Kind.ONLY_IN)
            tail = f"（使用该术语的条款：{'、'.join(d.affects)}）" if d.affects else ""
            lines.append(f"【{d.dimension_name}·{KIND_WORDS[d.kind]}】{d.what}{tail}。{quotes}")
    for d in diffs:
        if d.checked:
            read = "；".join(f"{s.product} {'、'.join(s.citations[:6])}{'等' if len(s.citations) > 6 else ''}" if s.citations else f"{s.product} 未约定" for s in d.sides)
            lines.append(f"【{d.dimension_name}·已核对】实质相同（{read}）")
    return lines
