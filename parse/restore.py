"""Lost article numbering, restored from the clause's own cross-references.

Some of the walker's calls are close (parse/numbering.py): is a paragraph after a list the
list's last item or the next article; is a paragraph without a cue a further paragraph (款)
of the article above or an article of its own?

The text still carries the answer an analyst uses to restore the numbering: its
cross-references (保险人依据第十八条所取得的保险合同解除权, 根据第十五条约定计
算的金额). Two conventions of Chinese clause drafting make them usable:

* an article never cites itself by number (it says 本条), so a reference to 第N条
  stands outside article N;
* the words around a reference say what article N is about (解除权 → the
  disclosure article that grants it; 计算的金额 → the article that computes it).

`restore` counts articles along the cheapest path through the close calls that
best honours both, by dynamic programming over (paragraph, articles so far). A
path departs from the walker's own call only where a reference asks for it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tiaokuan.text.labels import cn_to_int

from .sister import Layout, cjk_pairs, layout_votes

# 第十八条, 第 18 条; not 第十八条款 (a clause of another document) and not a
# statute's article (《保险法》第十六条, 保险法第十六条, 条例第三条).
_REFERENCE = re.compile(r"(?<![》法例则])第\s*([零〇一二三四五六七八九十百两]+|\d{1,3})\s*条(?!款)")
# Words between a reference and what it says about the article.
_FILLER = re.compile(r"^(?:（[^）]{1,4}）[、，,]?|[、，,（）()\s]|的约定|的规定|约定|规定|所述|所列|中|之|的|项|款)+")
# The parties, named in every article, name none: a phrase is read past them (numbers 0.575 → 0.586).
_PARTIES = re.compile(r"投保人|被保险人|受益人|保险金申请人|保险人|或者|[、，,]")
_PHRASE_CHARS = 16  # enough to reach what the words say (所取得的保险合同解除权)
_SELF_REFERENCE = 3.0  # an article citing itself by number: the path is wrong
# A reference whose words stand in the article it names. At 4 rather than 2 the clause's own
# anchors outweigh the layout of labelled clauses and the weak signs (score_numbering numbers:
# plain 0.547 -> 0.575, --items 0.462 -> 0.492, both halves gaining; --like 0.656 -> 0.678).
_CONTENT = 4.0


@dataclass(frozen=True, slots=True)
class Point:
    """One paragraph of a clause whose labels were lost, as the walker read it.

    `start`: the walker opened an article here. `flip_cost`: what it costs to
    read it the other way, None when the reading is certain (the first paragraph
    under a heading, a labelled item, a cue word such as 前款).
    """

    index: int  # the block's index in the walk
    text: str
    start: bool
    flip_cost: float | None


@dataclass(frozen=True, slots=True)
class Reference:
    point: int  # position in the points list
    number: int
    phrase: str


def references(points: list[Point]) -> list[Reference]:
    """The clause's references to its own articles, with the words that follow each."""
    out: list[Reference] = []
    for position, point in enumerate(points):
        for m in _REFERENCE.finditer(point.text):
            raw = m.group(1)
            number = int(raw) if raw.isdigit() else cn_to_int(raw)
            if not number:
                continue
            rest = _PARTIES.sub("", _FILLER.sub("", point.text[m.end() :], count=1))
            out.append(Reference(position, number, rest[:_PHRASE_CHARS]))
    return out


def _spans(points: list[Point]) -> list[int]:
    """For each paragraph, where the article it would open ends: at the next
    paragraph the walker read as an article start."""
    ends = [len(points)] * len(points)
    nxt = len(points)
    for position in range(len(points) - 1, -1, -1):
        ends[position] = nxt
        if points[position].start:
            nxt = position
    return ends


# References the model clauses print with a fixed target (the industry's 示范条款, restating
# 《保险法》): 保险人依据第N条所取得的保险合同解除权 names the disclosure article (第十六条's
# right to cancel), 保险人按照第N条的约定，认为…提供的有关索赔的证明和资料不完整 names the article
# listing the claim papers (第二十二条). On the labelled clauses the article so numbered is the
# disclosure article 34 times of 34 and lists the papers 48 times of 51 (one drafting error
# names the wrong article). An analyst restoring a copy counts such a reference as a fixed
# point, so it outweighs the walker's weak calls: ANCHOR against CONTENT.
_ANCHORS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"^所取得的(?:保险)?合同解除权"), re.compile(r"^[^。]*(?<![未不])如实告知")),
    (
        re.compile(r"^认为[^。]{0,20}(?:证明|资料|材料)"),
        re.compile(r"^[^。]*应(?:当)?[^。]{0,12}(?:提供|提交|递交)[^。]{0,20}(?:证明|资料|材料|单证)|(?:下列|以下|如下)[^。]{0,10}(?:证明|资料|材料|单证)"),
    ),
)
_ANCHOR = 8.0


def _anchor_target(ref: Reference) -> re.Pattern[str] | None:
    """What the article a model reference names says, where the model fixes it."""
    return next((target for phrase, target in _ANCHORS if phrase.search(ref.phrase)), None)


def _content_rewards(points: list[Point], refs: list[Reference]) -> dict[tuple[int, int], float]:
    """(paragraph, number) → how well the references to that number describe the
    article opened at that paragraph: the share of each reference's words, weighted
    by rarity across the clause, found in that article (which never takes in the
    referring paragraph: an article does not cite itself)."""
    if not refs:
        return {}
    own = [cjk_pairs(p.text) for p in points]
    ends = _spans(points)
    df: dict[str, int] = {}
    for words in own:
        for w in words:
            df[w] = df.get(w, 0) + 1
    n = len(points)
    rewards: dict[tuple[int, int], float] = {}
    for ref in refs:
        if (target := _anchor_target(ref)) is not None:
            # (read in the paragraph that opens the article: its first sentence states its rule)
            for position in range(n):
                if position != ref.point and target.search(points[position].text):
                    key = (position, ref.number)
                    rewards[key] = rewards.get(key, 0.0) + _ANCHOR
            continue
        words = cjk_pairs(ref.phrase)
        if not words:
            continue
        weights = {w: math.log((n + 1) / (df.get(w, 0) + 1)) + 0.1 for w in words}
        total = sum(weights.values())
        for position in range(n):
            if position == ref.point:
                continue
            end = ref.point if position < ref.point < ends[position] else ends[position]
            text = set().union(*own[position:end])
            found = sum(weight for w, weight in weights.items() if w in text) / total
            if found:
                key = (position, ref.number)
                rewards[key] = rewards.get(key, 0.0) + _CONTENT * found
    return rewards


def _score(
    starts: list[bool], refs: list[Reference], rewards: dict[tuple[int, int], float], votes: list[tuple[bool, float] | None]
) -> float:
    count = 0
    numbers: list[int] = []
    total = 0.0
    for position, start in enumerate(starts):
        if start:
            count += 1
            total += rewards.get((position, count), 0.0)
        vote = votes[position]
        if vote is not None and vote[0] == start:
            total += vote[1]
        numbers.append(count)
    for ref in refs:
        if numbers[ref.point] == ref.number:
            total -= _SELF_REFERENCE
    return total


def restore(points: list[Point], layout: Layout | None = None) -> dict[int, bool]:
    """Block index → article start along the best path, for every paragraph walked,
    when the cross-references, or the layout of labelled clauses that print the same
    paragraphs, overturn some of the walker's readings. Empty when the walker's own
    reading is best."""
    refs = references(points)
    votes = layout_votes(points, layout)
    if not points or (not refs and not any(votes)):
        return {}
    rewards = _content_rewards(points, refs)
    refs_at: dict[int, list[int]] = {}
    for ref in refs:
        refs_at.setdefault(ref.point, []).append(ref.number)
    # best[k]: the best score after the paragraphs so far with k articles opened;
    # back[position][k]: the (k before, start) that reached it.
    best: dict[int, float] = {0: 0.0}
    back: list[dict[int, tuple[int, bool]]] = []
    for position, point in enumerate(points):
        options = [(point.start, 0.0)]
        if point.flip_cost is not None:
            options.append((not point.start, point.flip_cost))
        nxt: dict[int, float] = {}
        came: dict[int, tuple[int, bool]] = {}
        for count, score in best.items():
            for start, cost in options:
                k = count + 1 if start else count
                value = score - cost
                if start:
                    value += rewards.get((position, k), 0.0)
                vote = votes[position]
                if vote is not None and vote[0] == start:
                    value += vote[1]
                value -= _SELF_REFERENCE * sum(1 for number in refs_at.get(position, ()) if number == k)
                # Ties keep the walker's reading (options list it first).
                if k not in nxt or value > nxt[k] + 1e-9:
                    nxt[k], came[k] = value, (count, start)
        best = nxt
        back.append(came)
    k = max(best, key=lambda count: best[count])
    value = best[k]  # the path's score less the cost of its departures
    picked: list[bool] = []
    for came in reversed(back):
        k, start = came[k]
        picked.append(start)
    choices = picked[::-1]
    if value <= _score([p.start for p in points], refs, rewards, votes) + 1e-9:
        return {}
    # The whole path, not only its departures: a paragraph the walker reads again after a
    # departure is read in the path's context, not the first walk's (an item made an article
    # closes its list, and the walker would read every item after it as an article too,
    # opening articles the path never counted). Paragraphs the path keeps keep their reading.
    return {p.index: c for p, c in zip(points, choices)}
