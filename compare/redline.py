"""Redlines between two versions of a clause, article by article and word by word.

Articles are paired first (`compare.align`), so a renumbered article shows as
renumbered, not as rewritten, and an article that moved shows twice: struck out
where it stood (MOVED) and, compared with its old self, where it stands now; within a pair the texts are compared over jieba
words (difflib), and a replaced run of words whose characters are mostly shared
is compared again character by character, so 三十日 → 十五日 shows as exactly that.
Inside an article the lines (paragraphs and items) are paired first, by their
text without the item label, so a deleted item shows as one deleted line and the
items after it as relabelled （三）→（二）, not as a run of edits across lines.
Every character of both texts is kept: equal + deleted pieces spell the old text,
equal + inserted pieces the new one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from tiaokuan.model import ClauseDocument
from tiaokuan.text.labels import item_label
from tiaokuan.text.words import tokens

from .align import Alignment, ArticleRef, Pair, align

CHAR_FALLBACK_RATIO = 0.5  # a replaced word run this similar by characters is diffed by characters
CHAR_FALLBACK_MIN = 6  # … when both sides have at least this many characters
LINE_PAIR_MIN = 50.0  # two changed lines this similar (rapidfuzz ratio, 0–100) are one line edited

_BOUNDARY = set("，、；：。！？\n（）()“”《》")


class Op(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


class Change(StrEnum):
    SAME = "same"  # same words, same number
    RENUMBERED = "renumbered"  # same words, another number
    CHANGED = "changed"
    DELETED = "deleted"  # only in the old version
    INSERTED = "inserted"  # only in the new version
    MOVED = "moved"  # where an article stood in the old version that stands elsewhere in the new one


@dataclass(frozen=True)
class ArticleDiff:
    change: Change
    old: ArticleRef | None
    new: ArticleRef | None
    pieces: tuple[Piece, ...]
    score: float | None = None  # alignment score of a pair
    moved: bool = False  # a pair whose old article stood elsewhere (its old place is a MOVED entry)


@dataclass(frozen=True)
class Redline:
    articles: tuple[ArticleDiff, ...]  # in the new version's order, deleted and moved-away articles where they stood
    alignment: Alignment
    before: ClauseDocument
    after: ClauseDocument

    def count(self, change: Change) -> int:
        return sum(1 for a in self.articles if a.change is change)

    def changed(self) -> tuple[ArticleDiff, ...]:
        """The articles whose wording or place changed: not the same, not merely renumbered."""
        return tuple(a for a in self.articles if a.change not in (Change.SAME, Change.RENUMBERED) or a.moved)


def merge_pieces(pieces: list[Piece]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for p in pieces:
        if not p.text:
            continue
        if out and out[-1].op is p.op:
            out[-1] = Piece(p.op, out[-1].text + p.text)
        else:
            out.append(p)
    return tuple(out)


def _diff_by_chars(old: str, new: str) -> bool:
    """A replaced run is worth a character diff when both sides are long (jieba cut
    the same words differently) and mostly share their characters; short runs such
    as 三十日 → 十五日 stay whole words, which is how a lawyer reads them."""
    if min(len(old), len(new)) < CHAR_FALLBACK_MIN:
        return False
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= CHAR_FALLBACK_RATIO


def _diff(a: list[str], b: list[str], by_chars_inside: bool) -> list[Piece]:
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            pieces.append(Piece(Op.EQUAL, old))
        elif op == "replace" and by_chars_inside and _diff_by_chars(old, new):
            pieces += _diff(list(old), list(new), by_chars_inside=False)
        else:
            pieces += [Piece(Op.DELETE, old), Piece(Op.INSERT, new)]
    return pieces


def _words(old: str, new: str) -> list[Piece]:
    return _diff(tokens(old), tokens(new), by_chars_inside=True)


def _line_key(line: str) -> str:
    """A line's text without its item label and closing punctuation: （三）X； and （二）X。 are one item."""
    found = item_label(line)
    return line[found[1].end if found else 0 :].strip().rstrip("；;。.，, ")


def _pair_lines(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    """Old and new lines of one changed block, paired in order where they are
    similar enough to be one line edited; the rest stand alone."""
    pairs: list[tuple[int | None, int | None]] = []
    j = 0
    for i, line in enumerate(a):
        scores = [(fuzz.ratio(_line_key(line), _line_key(b[k])), k) for k in range(j, len(b))]
        best = max(scores, default=(0.0, -1))
        if best[0] < LINE_PAIR_MIN:
            pairs.append((i, None))
            continue
        pairs += [(None, k) for k in range(j, best[1])]
        pairs.append((i, best[1]))
        j = best[1] + 1
    pairs += [(None, k) for k in range(j, len(b))]
    return pairs


def _by_lines(old: str, new: str) -> list[Piece]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if len(a) < 2 and len(b) < 2:
        return _words(old, new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, [_line_key(x) for x in a], [_line_key(x) for x in b], autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        for i, j in _pair_lines(a[i1:i2], b[j1:j2]):
            if i is not None and j is not None:
                pieces += _words(a[i1 + i], b[j1 + j])
            elif i is not None:
                pieces.append(Piece(Op.DELETE, a[i1 + i]))
            else:
                pieces.append(Piece(Op.INSERT, b[j1 + j]))
    return pieces


def _at_boundary(before: str, run: str, after: str) -> int:
    """How many ends of an inserted or deleted run fall on punctuation or a line break."""
    start = run[:1] in _BOUNDARY or before[-1:] in _BOUNDARY or not before
    end = run[-1:] in _BOUNDARY or after[:1] in _BOUNDARY or not after
    return int(start) + int(end)


def _slide(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """Move each lone insertion or deletion along the equal text around it to where
    it starts or ends at punctuation: 调查费用{+分项赔偿限额、海关保护费用+}分项赔偿限额
    reads as 调查费用分项赔偿限额{+、海关保护费用分项赔偿限额+}. Same characters, same order."""
    out = list(pieces)
    for k in range(1, len(out) - 1):
        before, run, after = out[k - 1], out[k], out[k + 1]
        if run.op is Op.EQUAL or before.op is not Op.EQUAL or after.op is not Op.EQUAL:
            continue
        a, r, b = before.text, run.text, after.text
        best = (_at_boundary(a, r, b), 0, a, r, b)
        shift = 0
        while b and r[0] == b[0]:  # slide right
            a, r, b = a + b[0], r[1:] + b[0], b[1:]
            shift += 1
            best = max(best, (_at_boundary(a, r, b), -shift, a, r, b))
        a, r, b = before.text, run.text, after.text
        shift = 0
        while a and r[-1] == a[-1]:  # slide left
            a, r, b = a[:-1], a[-1] + r[:-1], r[-1] + b
            shift += 1
            best = max(best, (_at_boundary(a, r, b), -shift, a, r, b))
        _, _, a, r, b = best
        out[k - 1], out[k], out[k + 1] = Piece(Op.EQUAL, a), Piece(run.op, r), Piece(Op.EQUAL, b)
    return merge_pieces(out)


def diff_text(old: str, new: str) -> tuple[Piece, ...]:
    """Differences of two texts: lines paired first, then words within a pair,
    falling back to characters inside a replaced run that mostly shares its characters."""
    return _slide(merge_pieces(_by_lines(old, new)))


def old_text(pieces: tuple[Piece, ...]) -> str:
    return "".join(p.text for p in pieces if p.op is not Op.INSERT)


def new_text(pieces: tuple[Piece, ...]) -> str:
    return "".join(p.text for p in pieces if p.op is not Op.DELETE)


def _pair_diff(pair: Pair) -> ArticleDiff:
    if pair.a.text == pair.b.text:
        kind = Change.RENUMBERED if pair.renumbered else Change.SAME
        return ArticleDiff(kind, pair.a, pair.b, (Piece(Op.EQUAL, pair.b.text),), pair.score, pair.moved)
    return ArticleDiff(Change.CHANGED, pair.a, pair.b, diff_text(pair.a.text, pair.b.text), pair.score, pair.moved)


def redline(old: ClauseDocument, new: ClauseDocument) -> Redline:
    """The article-aligned redline from `old` to `new`, in the new version's order
    with each old article that has no place there (deleted, or moved away) after the
    new counterpart of the nearest article before it that stayed: read for the old
    side only it is the old clause in order, for the new side only the new one."""
    alignment = align(old, new)
    pair_of_old = {p.a.index: p for p in alignment.pairs}
    pair_of_new = {p.b.index: p for p in alignment.pairs}
    old_refs = sorted([*(p.a for p in alignment.pairs), *alignment.only_a], key=lambda r: r.index)
    new_refs = sorted([*(p.b for p in alignment.pairs), *alignment.only_b], key=lambda r: r.index)
    left_behind: dict[int, list[ArticleDiff]] = {}
    anchor = -1
    for ref in old_refs:
        pair = pair_of_old.get(ref.index)
        if pair is not None and not pair.moved:
            anchor = pair.b.index
        else:
            kind, new_ref = (Change.MOVED, pair.b) if pair is not None else (Change.DELETED, None)
            left_behind.setdefault(anchor, []).append(ArticleDiff(kind, ref, new_ref, (Piece(Op.DELETE, ref.text),)))
    out = list(left_behind.get(-1, []))
    for ref in new_refs:
        pair = pair_of_new.get(ref.index)
        out.append(ArticleDiff(Change.INSERTED, None, ref, (Piece(Op.INSERT, ref.text),)) if pair is None else _pair_diff(pair))
        out += left_behind.get(ref.index, [])
    return Redline(tuple(out), alignment, old, new)
