"""Pairing what the words left alone: units of two clauses that no similarity paired
but that are one provision by what they are, not by what they say.

- An appendix serves one purpose (a short-rate table serves cancellation, a scale of
  disability grades the payment of a claim): each clause's one appendix of a purpose
  is the other's counterpart, however their words and figures differ.
- An exclusion the language layer maps to a canonical exclusion head (罚款罚金,
  间接损失, 核风险, 行政司法行为 …) excludes the same kind of thing as the other clause's
  exclusion of that head: where each clause has exactly one such exclusion left
  without a counterpart, the two are one exclusion worded two ways (罚息、违约金、损害
  赔偿金以及逾期利息 / 罚款、罚金及惩罚性赔偿), and the comparison reads what differs
  between them. Where either clause has two of a head, which pairs with which is
  left to the words. An item often names several heads (斗殴，吸食或注射毒品): an
  exclusion still alone after that is paired by any head it names, where that head
  is the other clause's only lone one and no other head points either elsewhere.
- A claim-paper item asks for kinds of paper (the language layer's claim documents:
  the claim form, the policy, proof of the accident …): where each clause has exactly
  one item asking for the same kinds left without a counterpart, the two ask for one
  paper named two ways (索赔申请书 / 保险金给付申请书), and the comparison reads what
  differs between them.
Pure functions over the rows of two clauses.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from .pairing import DOCUMENT_PREFIX, Counterparts, lone_by
from .units import Dimension, Unit


def pair_by_kind(rows: list[Counterparts]) -> list[Counterparts]:
    """Of two clauses, each appendix, each canonically mapped exclusion and each claim-paper
    item left without a counterpart paired with the other clause's only one of its kind."""
    if any(len(r.units) != 2 for r in rows):
        return rows
    rows = _pair_unique(list(rows), _appendix_kind)
    rows = _pair_unique(rows, _exclusion_head)
    rows = _pair_by_any_head(rows)
    rows = _pair_unique(rows, _papers_asked)
    return [r for r in rows if any(u is not None for u in r.units)]


def _appendix_kind(unit: Unit) -> Hashable | None:
    return unit.dimension if unit.appended else None


def _exclusion_head(unit: Unit) -> Hashable | None:
    # (claim papers have a pairing of their own, by the kinds of paper they ask for)
    if unit.dimension is not Dimension.EXCLUSIONS or unit.is_lead or not unit.canon or unit.canon.startswith(DOCUMENT_PREFIX):
        return None
    return unit.canon


def _papers_asked(unit: Unit) -> Hashable | None:
    # (the kinds of paper an item names, as the language layer keys them: doc_claim_form|doc_identity)
    if unit.is_lead or not unit.canon or not unit.canon.startswith(DOCUMENT_PREFIX):
        return None
    return unit.canon


def _pair_unique(rows: list[Counterparts], kind_of: Callable[[Unit], Hashable | None]) -> list[Counterparts]:
    """Each kind with exactly one unit left alone in each clause: those two paired."""
    for left, right in lone_by(rows, kind_of).values():
        if len(left) == 1 and len(right) == 1:
            _pair(rows, left[0], right[0])
    return rows


def _pair(rows: list[Counterparts], left: int, right: int) -> None:
    """The first clause's unit alone in row `left` and the second's in row `right` made one row."""
    a, b = rows[left].units[0], rows[right].units[1]
    rows[min(left, right)] = Counterparts((a, b), 0.0)
    rows[max(left, right)] = Counterparts((None, None), 0.0)


def _pair_by_any_head(rows: list[Counterparts]) -> list[Counterparts]:
    """Exclusions still alone, paired through any head they name: a head with one lone
    exclusion in each clause proposes those two; a proposal stands when neither unit is
    proposed with another."""
    by_head: dict[str, list[list[int]]] = {}
    for r, row in enumerate(rows):
        for side, u in enumerate(row.units):
            if u is None or row.units[1 - side] is not None or _exclusion_head(u) is None:
                continue
            for head in u.heads:
                by_head.setdefault(head, [[], []])[side].append(r)
    proposed = {(left[0], right[0]) for left, right in by_head.values() if len(left) == 1 and len(right) == 1}
    for left, right in proposed:
        if any((x == left) != (y == right) for x, y in proposed):
            continue  # one of the two is proposed with another unit too: the words decide
        _pair(rows, left, right)
    return rows
