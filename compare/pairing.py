"""Pairing the units of N clauses: each row holds one unit per product that says
the same thing, wherever it stands (an exclusion in 赔偿处理 pairs with one in
责任免除; a renumbered item with its old self).

Products are added one at a time. For each new product, in order:
1. units whose substance (`substance.substance`) equals a row's join it: identical
   wording is never left unpaired, whatever its number or chapter;
2. definitions join the row of the same defined term;
3. the rest are assigned one to one (scipy's Hungarian solver) by the similarity
   of their jieba words (rapidfuzz Indel over words, best over the row's members),
   with a bonus when they belong to the same dimension (a malus when not), one
   when they stand in the same kind of list (the same lead-in) and one when the
   language layer mapped both to the same canonical exclusion or cost head, above
   a threshold.
A unit left over opens a row of its own, placed after the row of the unit before it.
Of two clauses, `pair_splits` then joins a leftover unit with the consecutive
leftover units of the other clause it was split into (one claim-document item
become four), by the words they share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist
from scipy.optimize import linear_sum_assignment

from tiaokuan.text.labels import lists_member
from tiaokuan.text.words import words

from .align import encode_words, tfidf_cosine
from .substance import is_catch_all, substance
from .topics import cancel_slot, slots_differ, topic
from .units import Dimension, SectionType, Unit

SAME_DIMENSION_BONUS = 0.1
SAME_LEAD_BONUS = 0.15  # items of the same kind of list (the same lead-in): a claim-document list pairs with a claim-document list
SAME_CANON_BONUS = 0.2  # both mapped to one canonical exclusion or cost head (故意行为, 合同责任 …)
OTHER_PAPER_MALUS = 0.3  # … and a malus when both name a kind of claim paper, not the same one
DOCUMENT_PREFIX = "doc_"  # the keys of tiaokuan.text.vocab.CLAIM_DOCUMENTS
MIN_UNIT_SCORE = 0.5  # below this two units are different rules, not two wordings of one
CONTAINED_WEIGHT = 0.8  # a unit found whole inside another scores this share of the match …
CONTAINED_SHARE = 0.35  # … when it is at least this share of the other's length


@dataclass(frozen=True)
class Counterparts:
    """One row: the unit of each product (None where the product has none), and
    the lowest similarity inside the row (1.0 for identical substance)."""

    units: tuple[Unit | None, ...]
    score: float


@lru_cache(maxsize=65536)
def substance_words(text: str) -> tuple[str, ...]:
    return tuple(words(substance(text)))


def _ids(values: list) -> np.ndarray:
    """Each distinct value as an integer (None as -1), for comparing in numpy."""
    seen: dict = {}
    return np.array([-1 if v is None else seen.setdefault(v, len(seen)) for v in values])


def _paper_agreement(new: list[Unit], members: list[Unit]) -> tuple[np.ndarray, np.ndarray]:
    """Of units that ask for claim papers, which two ask mostly for papers of the same
    kinds and which for no kind in common (`_papers_agree`), as two boolean matrices."""
    agree = np.zeros((len(new), len(members)), dtype=bool)
    differ = np.zeros_like(agree)
    kinds = [_papers(u.canon) for u in new], [_papers(m.canon) for m in members]
    for i in (i for i, k in enumerate(kinds[0]) if k):
        for j in (j for j, k in enumerate(kinds[1]) if k):
            said = _papers_agree(kinds[0][i], kinds[1][j])
            agree[i, j], differ[i, j] = said is True, said is False
    return agree, differ


def _bonus(new: list[Unit], members: list[Unit], papers: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Same dimension: a bonus; dimensions that differ: a malus, doubled when both
    are specific (limits / period say different things in the same boilerplate);
    the same lead-in and the same canonical exclusion or cost head: bonuses.
    `papers`: `_paper_agreement` of the same units."""
    dims = _ids([u.dimension for u in new] + [m.dimension for m in members])
    general = np.array([u.dimension is Dimension.GENERAL for u in new] + [m.dimension is Dimension.GENERAL for m in members])
    leads = _ids([substance(u.lead) for u in new] + [substance(m.lead) for m in members])
    canons = _ids([u.canon for u in new] + [m.canon for m in members])
    n = len(new)
    same_dim = dims[:n, None] == dims[None, n:]
    either_general = general[:n, None] | general[None, n:]
    dim_bonus = np.where(same_dim, SAME_DIMENSION_BONUS, np.where(either_general, -SAME_DIMENSION_BONUS, -2 * SAME_DIMENSION_BONUS))
    same_lead = leads[:n, None] == leads[None, n:]
    same_canon = (canons[:n, None] == canons[None, n:]) & (canons[:n, None] >= 0)
    # Items of claim-document lists are the same item when they ask mostly for papers of
    # the same kinds; two that ask for different kinds (事故证明 / 免疫证明) are different
    # items however alike their words (被保险宠物…证明).
    same_canon |= papers[0]
    other_paper = papers[1]
    # Cancellation provisions are told apart by who cancels and when (保险责任开始前/后): the
    # policyholder's right and the insurer's are two provisions in the same words (a hard line).
    slots = [cancel_slot(u) for u in new], [cancel_slot(m) for m in members]
    other_right = np.zeros_like(other_paper)
    for i in (i for i, k in enumerate(slots[0]) if k):
        for j in (j for j, k in enumerate(slots[1]) if k):
            other_right[i, j] = slots_differ(slots[0][i], slots[1][j])
    # An appendix (a rate table, a scale of grades) pairs with an appendix, never with an article citing it.
    appendix = np.array([u.appended for u in new] + [m.appended for m in members])
    apart = appendix[:n, None] != appendix[None, n:]
    return dim_bonus + SAME_LEAD_BONUS * same_lead + SAME_CANON_BONUS * same_canon - OTHER_PAPER_MALUS * other_paper - apart - other_right


def _papers_agree(a: frozenset[str], b: frozenset[str]) -> bool | None:
    """Whether two items ask for the same claim papers: True when at least half the kinds
    either names are shared, False when none is, None when neither holds (or either
    item asks for no paper)."""
    if not a or not b:
        return None
    shared = len(a & b)
    if 2 * shared >= len(a | b):
        return True
    return False if not shared else None


def _other_papers(a: Unit, b: Unit) -> bool:
    """Both ask for claim papers, and for no kind in common."""
    return _papers_agree(_papers(a.canon), _papers(b.canon)) is False


def _papers(canon: str | None) -> frozenset[str]:
    """The kinds of claim paper a unit's canonical key names (doc_accident|doc_claim_form)."""
    if not canon or not canon.startswith(DOCUMENT_PREFIX):
        return frozenset()
    return frozenset(canon.split("|"))


COMMON_IDF = 2.0  # a word in more than about one unit in eight of the clauses compared (ln((1 + n) / (1 + df)) below this) names no provision …
COMMON_MIN_UNITS = 8  # … unless it stands in fewer units than this (two short clauses share most words and are no boilerplate)


def common_words(sides: list[tuple[Unit, ...]]) -> frozenset[str]:
    """The words the clauses compared use everywhere (被保险人, 损失, 承担, 责任, 的 …):
    two units that share only these say different things in the same boilerplate."""
    df: Counter[str] = Counter()
    for side in sides:
        for u in side:
            df.update(set(substance_words(u.text)))
    n = sum(len(side) for side in sides)
    return frozenset(w for w, c in df.items() if c >= COMMON_MIN_UNITS and np.log((1 + n) / (1 + c)) < COMMON_IDF)


def _share_a_word(new: list[Unit], members: list[Unit], common: frozenset[str], same_papers: np.ndarray) -> np.ndarray:
    """Whether each new unit shares a word outside `common` with each member, or either
    has none to share (a catch-all said in boilerplate alone, a table of figures), or
    both are lead-ins, or both ask for the same kinds of claim paper (`same_papers`)."""
    own = [set(substance_words(u.text)) - common for u in new]
    theirs = [set(substance_words(m.text)) - common for m in members]
    shares = np.array([[not a or not b or bool(a & b) for b in theirs] for a in own], dtype=bool).reshape(len(new), len(members))
    # Two items asking for the same kinds of claim paper share what they ask for (索赔申请书 / 保险金给付申请书).
    shares |= same_papers
    # Two lead-ins announce their lists in boilerplate (被保险人应当：); what they share is the kind of list.
    return shares | (np.array([u.is_lead for u in new])[:, None] & np.array([m.is_lead for m in members])[None, :])


def _similarity(new: list[Unit], rows: list[list[Unit | None]], common: frozenset[str] | None = None) -> np.ndarray:
    """Best similarity of each new unit to any member of each row; with `common`,
    nil between two units that share no word outside it (not two wordings of one
    provision: （九）交通事故导致的第三者人身伤亡或财产损失 / （四）任何人身损害)."""
    members = [(r, u) for r, row in enumerate(rows) for u in row if u is not None]
    if not new or not members:
        return np.zeros((len(new), len(rows)))
    word_lists = [list(substance_words(u.text)) for u in new] + [list(substance_words(u.text)) for _, u in members]
    encoded = encode_words(word_lists)
    raw = cdist(encoded[: len(new)], encoded[len(new) :], scorer=Indel.normalized_similarity, workers=1)
    # A unit that stands whole inside a longer one (an item that gained a sentence) is its counterpart too.
    inside = cdist(encoded[: len(new)], encoded[len(new) :], scorer=fuzz.partial_ratio, workers=1) / 100.0
    lengths = np.array([len(e) for e in encoded], dtype=float)
    ln, lm = lengths[: len(new)][:, None], lengths[len(new) :][None, :]
    comparable = np.minimum(ln, lm) >= CONTAINED_SHARE * np.maximum(ln, lm)
    raw = np.maximum(raw, np.where(comparable, CONTAINED_WEIGHT * inside, 0.0))
    raw = np.maximum(raw, TFIDF_WEIGHT * tfidf_cosine(word_lists[: len(new)], word_lists[len(new) :]))
    member_units = [m for _, m in members]
    papers = _paper_agreement(new, member_units)
    scores = raw + _bonus(new, member_units, papers)
    if common is not None:
        scores = np.where(_share_a_word(new, member_units, common, papers[0]), scores, 0.0)
    # A catch-all says only that what is not covered is not paid: it is the other clause's
    # catch-all or nothing, however many words it shares with a lead-in (对下列…不负责赔偿).
    catch = np.array([is_catch_all(u.text) for u in new] + [is_catch_all(m.text) for m in member_units])
    scores = np.where(catch[: len(new), None] == catch[None, len(new) :], scores, 0.0)
    out = np.zeros((len(new), len(rows)))
    row_of = np.array([r for r, _ in members])
    np.maximum.at(out.T, row_of, scores.T)
    return np.minimum(out, 1.0)


TFIDF_WEIGHT = 1.0  # TF-IDF cosine counts as fully as the word-sequence similarity


def pair_units(sides: list[tuple[Unit, ...]]) -> list[Counterparts]:
    """The rows of counterpart units of N clauses, in reading order."""
    n = len(sides)
    rows: list[list[Unit | None]] = [[u] + [None] * (n - 1) for u in sides[0]]
    scores: list[float] = [1.0] * len(rows)
    common = common_words(sides)
    for k in range(1, n):
        placed: dict[int, int] = {}  # unit index in side k -> row
        free = set(range(len(rows)))
        by_key: dict[str, list[int]] = {}
        by_term: dict[str, list[int]] = {}
        for r, row in enumerate(rows):
            for u in row[:k]:
                if u is not None:
                    by_key.setdefault(u.key, []).append(r)
                    if u.term:
                        by_term.setdefault(u.term, []).append(r)
        for u in sides[k]:  # 1. identical substance
            r = next((r for r in by_key.get(u.key, ()) if r in free), None)
            if r is not None and u.key:
                placed[u.index], _ = r, free.discard(r)
        for u in sides[k]:  # 2. the same defined term
            if u.index in placed or not u.term:
                continue
            r = next((r for r in by_term.get(u.term, ()) if r in free), None)
            if r is not None:
                placed[u.index], _ = r, free.discard(r)
                scores[r] = min(scores[r], 0.99)
        rest = [u for u in sides[k] if u.index not in placed]
        open_rows = sorted(free)
        if rest and open_rows:  # 3. the best one-to-one assignment of the rest
            sim = _similarity(rest, [rows[r] for r in open_rows], common)
            for i, j in zip(*linear_sum_assignment(sim, maximize=True), strict=True):
                if sim[i, j] >= MIN_UNIT_SCORE:
                    placed[rest[i].index] = open_rows[j]
                    scores[open_rows[j]] = min(scores[open_rows[j]], round(float(sim[i, j]), 4))
        for u in sides[k]:
            if u.index in placed:
                rows[placed[u.index]][k] = u
        rows, scores = _insert_unpaired(rows, scores, sides[k], placed, k, n)
    return [Counterparts(tuple(row), s) for row, s in zip(rows, scores, strict=True)]


def _insert_unpaired(
    rows: list[list[Unit | None]], scores: list[float], side: tuple[Unit, ...], placed: dict[int, int], k: int, n: int
) -> tuple[list[list[Unit | None]], list[float]]:
    """Rows for the units of side k that found no counterpart, each after the row
    of the unit before it in its own clause."""
    after: dict[int, list[Unit]] = {}
    anchor = -1
    for u in side:
        if u.index in placed:
            anchor = placed[u.index]
        else:
            after.setdefault(anchor, []).append(u)
    out_rows: list[list[Unit | None]] = []
    out_scores: list[float] = []

    def add_new(units: list[Unit]) -> None:
        for u in units:
            row: list[Unit | None] = [None] * n
            row[k] = u
            out_rows.append(row)
            out_scores.append(0.0)

    add_new(after.get(-1, []))
    for r, row in enumerate(rows):
        out_rows.append(row)
        out_scores.append(scores[r])
        add_new(after.get(r, []))
    return out_rows, out_scores


SPLIT_MIN = 0.5  # a unit sharing this share of its words (Dice) with consecutive units of the other clause was split into them
SPLIT_LEAD_MIN = 0.6  # … lists whose lead-ins share this much are the same kind of list
SPLIT_MAX = 4  # … into at most this many


def _joined(units: list[Unit]) -> Unit:
    """Consecutive units of one clause read as one: their words in order, their citations
    kept (those of a unit already joined from several, each)."""
    parts = tuple(p for u in units for p in (u.parts or (u.cite,)))
    return replace(units[0], text="\n".join(u.text for u in units), parts=parts)


def _dice(a: Counter[str], b: Counter[str]) -> float:
    """Shared words over all words (Sørensen–Dice over word multisets): order-free,
    because a split list is reworded and reordered as often as it is cut."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _best_window(unit: Unit, run: list[Unit]) -> tuple[float, int, int]:
    words_u = Counter(substance_words(unit.text))
    lead_u = Counter(substance_words(unit.lead))
    best = (0.0, 0, 0)
    for start in range(len(run)):
        for end in range(start + 2, min(start + SPLIT_MAX, len(run)) + 1):
            # The same dimension, or lists with the same kind of lead-in (请求赔偿时…提供下列证明和资料
            # stands in 投保人义务 in one clause and in 赔偿处理 in another).
            same_list = all(_dice(lead_u, Counter(substance_words(u.lead))) >= SPLIT_LEAD_MIN for u in run[start:end])
            if not same_list and any(u.dimension is not unit.dimension for u in run[start:end]):
                continue
            # Papers of another kind (免疫证明 beside 事故证明) are not pieces of the one asked for.
            if any(_other_papers(unit, u) for u in run[start:end]):
                continue
            joined: Counter[str] = Counter()
            for u in run[start:end]:
                joined.update(substance_words(u.text))
            best = max(best, (_dice(words_u, joined), start, end))
    return best


def _runs_of(rows: list[Counterparts], side: int) -> list[list[int]]:
    """Rows holding only `side`'s unit, in runs of consecutive units of one article."""
    out: list[list[int]] = []
    for r, row in enumerate(rows):
        u = row.units[side]
        if u is None or row.units[1 - side] is not None or u.is_lead or u.appended:
            continue
        prev = rows[out[-1][-1]].units[side] if out else None
        if prev is not None and prev.article == u.article and u.index == prev.index + 1:
            out[-1].append(r)
        else:
            out.append([r])
    return [run for run in out if len(run) >= 2]


def pair_splits(rows: list[Counterparts]) -> list[Counterparts]:
    """Of two clauses, a unit with no counterpart that one or two others split into
    consecutive units (one claim-document item become four, one exclusion two) is
    paired with them taken together."""
    if any(len(r.units) != 2 for r in rows):
        return rows
    rows = list(rows)
    for side in (0, 1):
        runs = _runs_of(rows, 1 - side)
        taken: set[int] = set()
        for r, row in enumerate(rows):
            u = row.units[side]
            # (a catch-all is no provision split in two: what it shares with a lead-in is boilerplate)
            if u is None or row.units[1 - side] is not None or u.is_lead or len(u.key) < 8 or is_catch_all(u.text) or u.appended:
                continue
            best = (0.0, -1, 0, 0)
            for k, run in enumerate(runs):
                if taken & set(run):
                    continue
                score, start, end = _best_window(u, [rows[i].units[1 - side] for i in run])  # type: ignore[misc]
                best = max(best, (score, k, start, end))
            score, k, start, end = best
            if score < SPLIT_MIN:
                continue
            window = runs[k][start:end]
            taken.update(window)
            joined = _joined([rows[i].units[1 - side] for i in window])  # type: ignore[misc]
            units = (u, joined) if side == 0 else (joined, u)
            rows[r] = Counterparts(units, round(score, 4))
            for i in window:
                rows[i] = Counterparts((None, None), 0.0)
    return [r for r in rows if any(u is not None for u in r.units)]


EXTEND_GAIN = 0.05  # joining a neighbour to a paired unit must raise their word overlap (Dice) by this much


def extend_pairs(rows: list[Counterparts]) -> list[Counterparts]:
    """Of two clauses, a paired unit takes in the unpaired paragraphs or items next to
    it in its own article when, taken together, they say more of its counterpart
    (one clause says in one paragraph what the other says in two: 被保险人须为科技企业。
    / 本合同所称科技企业，是指…)."""
    if any(len(r.units) != 2 for r in rows):
        return rows
    rows = list(rows)
    for side in (0, 1):
        lone = {
            u.index: r
            for r, row in enumerate(rows)
            if (u := row.units[side]) is not None and row.units[1 - side] is None and not u.is_lead
        }
        other_text = "\n".join(u.text for row in rows if (u := row.units[1 - side]) is not None)
        for r, row in enumerate(rows):
            x, y = row.units[side], row.units[1 - side]
            # (a definition says its word's meaning in itself: it takes in no neighbour)
            if x is None or y is None or x.key == y.key or x.term:
                continue
            target = Counter(substance_words(y.text))
            group = [x]
            best = _dice(Counter(substance_words(x.text)), target)
            first, last = x.index, x.index + max(len(x.parts), 1) - 1
            grew = True
            while grew:
                grew = False
                for at in (last + 1, first - 1):
                    k = lone.get(at)
                    if k is None:
                        continue
                    cand = rows[k].units[side]
                    assert cand is not None
                    # (a paragraph that only explains a word — 本合同所称科技企业，是指… — has no dimension of its own)
                    if cand.article != x.article or cand.dimension not in (x.dimension, Dimension.GENERAL):
                        continue
                    if _other_papers(cand, y):  # 免疫证明 does not go on in a pair of 事故证明
                        continue
                    joined = sorted([*group, cand], key=lambda u: u.index)
                    score = _dice(Counter(w for u in joined for w in substance_words(u.text)), target)
                    # Who may be insured is one provision however many paragraphs of its
                    # article say it (被保险人须为科技企业。/ 投保人为被保险人本人。).
                    said_once = cand.dimension is x.dimension is Dimension.INSURED
                    # A list of papers written inline in one paragraph takes in the other
                    # clause's items that ask only for papers it names.
                    named = not y.lead and len(_papers(y.canon)) >= 3 and bool(_papers(cand.canon)) and _papers(cand.canon) <= _papers(y.canon)
                    # A word defined in the article that uses it (被保险人须为科技企业。/ 本合同所称
                    # 科技企业，是指…) is read with the sentence using it: who or what is insured is
                    # that sentence and the meaning given its word together. (Where the other
                    # clause uses the word undefined, the definition is a difference of its own.)
                    defines = (
                        cand.term is not None and cand.section is not SectionType.DEFINITIONS
                        and cand.term in x.text and cand.term not in other_text
                    )  # fmt: skip
                    if score >= best + EXTEND_GAIN or said_once or named or defines:
                        group, best, grew = joined, score, True
                        first, last = min(first, at), max(last, at)
                        rows[k] = Counterparts((None, None), 0.0)
                        del lone[at]
                        break
            if len(group) > 1:
                merged = _joined(group)
                units = (merged, y) if side == 0 else (y, merged)
                rows[r] = Counterparts(units, row.score)
    return [r for r in rows if any(u is not None for u in r.units)]


# Provisions a clause states once, in one place: whatever one clause says there and
# the other says in other words is one provision rewritten, not two provisions each
# only in one clause. Lists (exclusions, duties, claim papers, definitions) are not:
# an item with no counterpart there is an item the other clause does not have. Nor are
# cancellation and subrogation, several provisions each as the model clauses print them
# (who may cancel and when, the refund, cancelling after a partial loss; 《保险法》第六十条
# to 第六十三条: the right, the waiver before and after payment, the duty to assist).
SAID_ONCE = frozenset({
    Dimension.INSURED, Dimension.SUBJECT, Dimension.COVER, Dimension.LIMITS, Dimension.DEDUCTIBLE,
    Dimension.PERIOD, Dimension.PREMIUM, Dimension.TERRITORY,
    Dimension.OTHER_INSURANCE, Dimension.LIMITATION, Dimension.DISPUTES,
})  # fmt: skip


# Lone units of such a dimension standing in several places pair one to one, the most
# alike first, when at least this alike (below MIN_UNIT_SCORE: the dimension already
# says they are one provision).
REWRITTEN_MIN_SCORE = 0.4


def _one_place(units: list[Unit]) -> bool:
    """Units standing in one run of consecutive articles: one provision, not a
    dimension a multi-part clause states once per part."""
    arts = sorted({u.article for u in units})
    return arts[-1] - arts[0] == len(arts) - 1


def pair_rewritten(rows: list[Counterparts]) -> list[Counterparts]:
    """Of two clauses, the units left without a counterpart in a dimension each clause
    states once are paired as that provision rewritten: all of one clause's against
    all of the other's when each clause's stand in one place, else one to one by
    similarity (REWRITTEN_MIN_SCORE)."""
    if any(len(r.units) != 2 for r in rows):
        return rows
    lone = lone_by(rows, lambda u: (u.dimension, topic(u)) if not u.is_lead and u.dimension in SAID_ONCE and not u.appended else None)
    rows = list(rows)
    for left, right in lone.values():
        a_units = [u for r in left if (u := rows[r].units[0]) is not None]
        b_units = [u for r in right if (u := rows[r].units[1]) is not None]
        if not (a_units and b_units):
            continue
        if not (_one_place(a_units) and _one_place(b_units)):
            sim = _similarity(a_units, [[u] for u in b_units])
            for i, j in zip(*linear_sum_assignment(sim, maximize=True), strict=True):
                if sim[i, j] >= REWRITTEN_MIN_SCORE:
                    rows[left[i]] = Counterparts((a_units[i], b_units[j]), float(sim[i, j]))
                    rows[right[j]] = Counterparts((None, None), 0.0)
            continue
        a, b = _joined(a_units), _joined(b_units)
        first = min(left[0], right[0])
        for r in left + right:
            rows[r] = Counterparts((None, None), 0.0)
        rows[first] = Counterparts((a, b), 0.0)
    rows = _join_said_once(rows, {d[0]: sides for d, sides in lone.items() if not (sides[0] and sides[1]) and d[0] in _JOINED_ONCE})
    return [r for r in rows if any(u is not None for u in r.units)]


def lone_by(rows: list[Counterparts], kind_of: Callable[[Unit], Hashable | None]) -> dict[Hashable, list[list[int]]]:
    """Of two clauses, the rows holding a unit without a counterpart, by the kind `kind_of`
    gives it (None: not gathered), each kind's rows of the first clause and of the second."""
    lone: dict[Hashable, list[list[int]]] = {}
    for r, row in enumerate(rows):
        for side, u in enumerate(row.units):
            if u is not None and row.units[1 - side] is None and (kind := kind_of(u)) is not None:
                lone.setdefault(kind, [[], []])[side].append(r)
    return lone


# Who may be insured and what is insured: one provision, whatever articles state it. (Tried
# on every said-once dimension: a period, premium or limit clause split over articles
# is more often several provisions, and pairs better one by one.)
_JOINED_ONCE = frozenset({Dimension.INSURED, Dimension.SUBJECT})


def _join_said_once(rows: list[Counterparts], lone: dict[Dimension, list[list[int]]]) -> list[Counterparts]:
    """A provision stated once that one clause splits over articles standing together
    (投保人… / 被保险人… / 投保人或被保险人须为科技企业) and the other says in one: where the
    dimension has one pair, one clause's lone units of it standing in one place with its
    paired unit join that pair."""
    for dim, sides in lone.items():
        pairs = [r for r, row in enumerate(rows) if all(u is not None and u.dimension is dim for u in row.units)]
        if len(pairs) != 1:
            continue
        r0 = pairs[0]
        for side, rs in enumerate(sides):
            # (items of a list are each a condition of their own: 满足以下条件的宠物：（一）…（二）…)
            taken = [r for r in rs if (u := rows[r].units[side]) is not None and u.item is None]
            members = [u for r in taken if (u := rows[r].units[side]) is not None]
            held = rows[r0].units[side]
            if not members or held is None or not _one_place([held, *members]):
                continue
            joined = _joined(sorted([held, *members], key=lambda u: u.index))
            rows[r0] = Counterparts((joined, rows[r0].units[1]) if side == 0 else (rows[r0].units[0], joined), rows[r0].score)
            for r in taken:
                rows[r] = Counterparts((None, None), 0.0)
    return rows


def join_members(rows: list[Counterparts]) -> list[Counterparts]:
    """Of two clauses, the members an umbrella definition lists and defines under it
    (自然灾害 / 雷击、暴雨 …) that have no counterpart go with their umbrella: one
    definition the other clause does not have, not one per member; where the umbrella
    has its counterpart, a member the other lacks is part of how the two differ."""
    if any(len(r.units) != 2 for r in rows):
        return rows
    rows = list(rows)
    for side in (0, 1):
        umbrella: int | None = None
        for r, row in enumerate(rows):
            u = row.units[side]
            if u is None or u.term is None:
                continue
            held = rows[umbrella].units[side] if umbrella is not None else None
            listed = held is not None and held.term is not None and lists_member(held.text, u.term)
            if listed and held is not None and umbrella is not None and row.units[1 - side] is None and held.article == u.article:
                units = list(rows[umbrella].units)
                units[side] = _joined([held, u])
                rows[umbrella] = Counterparts(tuple(units), rows[umbrella].score)
                rows[r] = Counterparts((None, None), 0.0)
            elif u.text.strip() and not listed:  # (a member keeps its umbrella for the members after it)
                umbrella = r
    return [r for r in rows if any(u is not None for u in r.units)]


# Below this similarity an item paired into another list than its own list's counterpart
# is left apart (0.55–0.8 tried on the tuning pairs: 0.6 keeps the most).
ACROSS_LISTS_MIN = 0.6


def unpair_across_lists(rows: list[Counterparts]) -> list[Counterparts]:
    """Of two clauses, a drafter revises an item inside its list: where two lists are
    counterparts (at least two of their items pair with each other), an item of one
    paired with an item of another list, itself the counterpart of a third, only by a
    few shared words (网络安全事故造成的损失 / 未安装网络安全模块的, below ACROSS_LISTS_MIN)
    is one item deleted and another added, each only in its clause."""
    if any(len(r.units) != 2 for r in rows):
        return rows
    maps: list[dict[tuple[int, str], Counter[tuple[int, str]]]] = [{}, {}]
    for row in rows:
        x, y = row.units
        if x is None or y is None or not x.item or not y.item:
            continue
        kx, ky = (x.article, x.lead), (y.article, y.lead)
        maps[0].setdefault(kx, Counter())[ky] += 1
        maps[1].setdefault(ky, Counter())[kx] += 1
    out: list[Counterparts] = []
    for row in rows:
        x, y = row.units
        if x is not None and y is not None and x.item and y.item and row.score < ACROSS_LISTS_MIN:
            kx, ky = (x.article, x.lead), (y.article, y.lead)
            ma, mb = maps[0][kx].most_common(1)[0], maps[1][ky].most_common(1)[0]
            if ma[0] != ky and mb[0] != kx and ma[1] >= 2 and mb[1] >= 2:
                out.append(Counterparts((x, None), 0.0))
                out.append(Counterparts((None, y), 0.0))
                continue
        out.append(row)
    return out
