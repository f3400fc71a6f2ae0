"""Redlines between two versions of a clause, article by article and word by word.

Articles are paired first (`compare.align`), so a renumbered article shows as
renumbered, not as rewritten; within a pair the texts are compared over jieba
words (difflib), and a replaced run of words whose characters are mostly shared
is compared again character by character, so 三十日 → 十五日 shows as exactly that.
Every character of both texts is kept: equal + deleted pieces spell the old text,
equal + inserted pieces the new one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from parse.language.pipeline import tokens
from tiaokuan.model import ClauseDocument

from .align import Alignment, ArticleRef, align

CHAR_FALLBACK_RATIO = 0.5  # a replaced word run this similar by characters is diffed by characters
CHAR_FALLBACK_MIN = 6  # … when both sides have at least this many characters


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


@dataclass(frozen=True)
class ArticleDiff:
    change: Change
    old: ArticleRef | None
    new: ArticleRef | None
    pieces: tuple[Piece, ...]
    score: float | None = None  # alignment score of a pair


@dataclass(frozen=True)
class Redline:
    articles: tuple[ArticleDiff, ...]  # in the new version's order, deleted articles where they stood
    alignment: Alignment

    def count(self, change: Change) -> int:
        return sum(1 for a in self.articles if a.change is change)


def _merge(pieces: list[Piece]) -> tuple[Piece, ...]:
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


def diff_text(old: str, new: str) -> tuple[Piece, ...]:
    """Word-level differences of two texts, falling back to characters inside a
    replaced run that mostly shares its characters."""
    return _merge(_diff(tokens(old), tokens(new), by_chars_inside=True))


def old_text(pieces: tuple[Piece, ...]) -> str:
    return "".join(p.text for p in pieces if p.op is not Op.INSERT)


def new_text(pieces: tuple[Piece, ...]) -> str:
    return "".join(p.text for p in pieces if p.op is not Op.DELETE)


def redline(old: ClauseDocument, new: ClauseDocument) -> Redline:
    """The article-aligned redline from `old` to `new`."""
    alignment = align(old, new)
    by_new = {p.b.index: p for p in alignment.pairs}
    new_for_old = {p.a.index: p.b.index for p in alignment.pairs}
    # A deleted article goes after the new counterpart of the nearest paired article before it.
    deleted_after: dict[int, list[ArticleRef]] = {}
    anchor = -1
    old_refs = sorted([*(p.a for p in alignment.pairs), *alignment.only_a], key=lambda r: r.index)
    for ref in old_refs:
        if ref.index in new_for_old:
            anchor = new_for_old[ref.index]
        else:
            deleted_after.setdefault(anchor, []).append(ref)
    out: list[ArticleDiff] = [ArticleDiff(Change.DELETED, r, None, (Piece(Op.DELETE, r.text),)) for r in deleted_after.get(-1, [])]
    new_refs = sorted([*(p.b for p in alignment.pairs), *alignment.only_b], key=lambda r: r.index)
    for ref in new_refs:
        pair = by_new.get(ref.index)
        if pair is None:
            out.append(ArticleDiff(Change.INSERTED, None, ref, (Piece(Op.INSERT, ref.text),)))
        elif pair.a.text == ref.text:
            kind = Change.RENUMBERED if pair.renumbered else Change.SAME
            out.append(ArticleDiff(kind, pair.a, ref, (Piece(Op.EQUAL, ref.text),), pair.score))
        else:
            out.append(ArticleDiff(Change.CHANGED, pair.a, ref, diff_text(pair.a.text, ref.text), pair.score))
        out += [ArticleDiff(Change.DELETED, r, None, (Piece(Op.DELETE, r.text),)) for r in deleted_after.get(ref.index, [])]
    return Redline(tuple(out), alignment)
