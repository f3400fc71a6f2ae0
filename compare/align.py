"""Aligning the articles of two clauses, whatever their numbering.

Each pair of articles is scored by the similarity of their jieba word sequences
(rapidfuzz's Indel similarity over words, so 免赔额 counts as one unit), with a
small bonus when both stand in the same kind of chapter; the best one-to-one
assignment (scipy's Hungarian solver) keeps the pairs above a threshold.

Pairs that keep the reading order of both sides (the longest such chain) are the
anchors; a pair that crosses them is an article that moved. Between two anchors,
the articles left over on both sides are what a revision rewrote there: a clause
revised in place keeps its provisions where they stood, so a left-over article is
paired with one of the other side in the same gap when they share the words that
name a provision's subject (TF-IDF cosine over the two clauses: 如实告知, 核定,
施救 weigh much, 保险人 little) even when a rewrite left few words in sequence.
Articles still left over are unique to their side. Pure functions: no files, no
database.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist
from scipy.optimize import linear_sum_assignment

from tiaokuan.model import ClauseDocument, SectionType
from tiaokuan.text.words import words

SAME_SECTION_BONUS = 0.1
MIN_SCORE = 0.45  # below this two articles are different rules, not two wordings of one
GAP_MIN_SUBJECT = 0.3  # two left-over articles of one gap sharing this much subject (TF-IDF cosine) are one provision rewritten
GAP_MARGIN = 0.75  # … and when neither shares more than this share of it with another left-over article of the gap


@dataclass(frozen=True)
class ArticleRef:
    """An article of one side: its position in reading order, number, label and chapter."""

    index: int
    number: int | None
    label: str | None
    section: SectionType
    text: str

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        return f"({self.number})" if self.number is not None else f"#{self.index + 1}"


@dataclass(frozen=True)
class Pair:
    a: ArticleRef
    b: ArticleRef
    score: float  # 0..1, word similarity plus the same-chapter bonus, capped at 1 (subject similarity when rewritten)
    identical: bool  # the same words (whitespace aside)
    moved: bool = False  # stands elsewhere relative to the other pairs: out of the reading order of one side
    rewritten: bool = False  # paired by subject within the gap its neighbours leave, below MIN_SCORE by words

    @property
    def renumbered(self) -> bool:
        return self.a.number != self.b.number


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[Pair, ...]  # in the reading order of side A
    only_a: tuple[ArticleRef, ...]
    only_b: tuple[ArticleRef, ...]


def article_refs(doc: ClauseDocument) -> list[ArticleRef]:
    refs: list[ArticleRef] = []
    for section in doc.sections:
        for article in section.articles:
            refs.append(ArticleRef(len(refs), article.number, article.label, section.type, article.text))
    return refs


def encode_words(token_lists: list[list[str]]) -> list[str]:
    """Each distinct word as one private-use character, so string similarity counts words."""
    vocab: dict[str, str] = {}
    return ["".join(vocab.setdefault(t, chr(0xF0000 + len(vocab))) for t in tokens) for tokens in token_lists]


def _same_words(x: str, y: str) -> bool:
    return "".join(x.split()) == "".join(y.split())


def similarity_matrix(a: list[ArticleRef], b: list[ArticleRef]) -> np.ndarray:
    encoded = encode_words([words(r.text) for r in a] + [words(r.text) for r in b])
    scores = cdist(encoded[: len(a)], encoded[len(a) :], scorer=Indel.normalized_similarity, workers=1)
    same = np.array([[ra.section is rb.section for rb in b] for ra in a], dtype=float).reshape(len(a), len(b))
    return np.minimum(1.0, scores + SAME_SECTION_BONUS * same)


def tfidf_cosine(left: list[list[str]], right: list[list[str]]) -> np.ndarray:
    """Cosine of TF-IDF word vectors: words every unit uses (保险人, 赔偿) weigh little,
    the words that name a provision's subject (施救, 残值, 代位) much."""
    docs = left + right
    vocab: dict[str, int] = {}
    for d in docs:
        for w in d:
            vocab.setdefault(w, len(vocab))
    if not vocab:
        return np.zeros((len(left), len(right)))
    m = np.zeros((len(docs), len(vocab)))
    for i, d in enumerate(docs):
        for w, c in Counter(d).items():
            m[i, vocab[w]] = c
    df = (m > 0).sum(axis=0)
    m = np.log1p(m) * np.log((1 + len(docs)) / (1 + df))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = m / np.where(norms == 0, 1, norms)
    return m[: len(left)] @ m[len(left) :].T


def in_order(pairs: list[Pair]) -> set[int]:
    """Positions (in `pairs`, sorted by side A) of the longest chain of pairs whose
    side-B order agrees with side A's: the articles that did not move."""
    best: list[int] = []  # patience sorting: best[k] = end of the best chain of length k + 1
    before: list[int] = [-1] * len(pairs)
    for i, p in enumerate(pairs):
        k = bisect_left([pairs[j].b.index for j in best], p.b.index)
        before[i] = best[k - 1] if k else -1
        best[k:k + 1] = [i]
    chain: set[int] = set()
    i = best[-1] if best else -1
    while i >= 0:
        chain.add(i)
        i = before[i]
    return chain


def _ordered_pairs(weights: np.ndarray, floor: float) -> list[tuple[int, int]]:
    """The pairs of highest total weight (each at least `floor`) that keep the order
    of both sides: the alignment of two short runs, by dynamic programming."""
    n, m = weights.shape
    total = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            take = total[i - 1, j - 1] + weights[i - 1, j - 1] if weights[i - 1, j - 1] >= floor else -1.0
            total[i, j] = max(total[i - 1, j], total[i, j - 1], take)
    out: list[tuple[int, int]] = []
    i, j = n, m
    while i and j:
        if total[i, j] == total[i - 1, j]:
            i -= 1
        elif total[i, j] == total[i, j - 1]:
            j -= 1
        else:
            out.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return out[::-1]


def _gap_pairs(a: list[ArticleRef], b: list[ArticleRef], anchors: list[Pair], used_a: set[int], used_b: set[int]) -> list[Pair]:
    """Left-over articles paired as rewritten within each gap between anchors."""
    subject = tfidf_cosine([words(r.text) for r in a], [words(r.text) for r in b])
    bounds = [(-1, -1), *((p.a.index, p.b.index) for p in anchors), (len(a), len(b))]
    out: list[Pair] = []
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:], strict=False):
        left = [r for r in a[a0 + 1 : a1] if r.index not in used_a]
        right = [r for r in b[b0 + 1 : b1] if r.index not in used_b]
        if not left or not right:
            continue
        weights = subject[np.ix_([r.index for r in left], [r.index for r in right])]
        for i, j in _ordered_pairs(weights, GAP_MIN_SUBJECT):
            if _clear(weights, i, j):
                out.append(Pair(left[i], right[j], round(float(weights[i, j]), 4), False, rewritten=True))
    return out


def _clear(weights: np.ndarray, i: int, j: int) -> bool:
    """A rewritten provision has one counterpart in its gap: an article sharing its
    subject almost as much with several (one article split into many, a definitions
    article against the definitions standing alone) is not paired by subject."""
    others = np.concatenate([np.delete(weights[i], j), np.delete(weights[:, j], i)])
    return not others.size or others.max() <= GAP_MARGIN * weights[i, j]


def align_articles(a: list[ArticleRef], b: list[ArticleRef], min_score: float = MIN_SCORE) -> Alignment:
    if not a or not b:
        return Alignment((), tuple(a), tuple(b))
    scores = similarity_matrix(a, b)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    pairs = [
        Pair(a[i], b[j], round(float(scores[i, j]), 4), _same_words(a[i].text, b[j].text))
        for i, j in zip(rows, cols, strict=True)
        if scores[i, j] >= min_score
    ]
    pairs.sort(key=lambda p: p.a.index)
    chain = in_order(pairs)
    pairs = [p if k in chain else replace(p, moved=True) for k, p in enumerate(pairs)]
    anchors = [p for p in pairs if not p.moved]
    pairs += _gap_pairs(a, b, anchors, {p.a.index for p in pairs}, {p.b.index for p in pairs})
    pairs.sort(key=lambda p: p.a.index)
    used_a, used_b = {p.a.index for p in pairs}, {p.b.index for p in pairs}
    return Alignment(
        tuple(pairs), tuple(r for r in a if r.index not in used_a), tuple(r for r in b if r.index not in used_b)
    )


def align(doc_a: ClauseDocument, doc_b: ClauseDocument, min_score: float = MIN_SCORE) -> Alignment:
    """The articles of two clauses matched one to one, and those unique to each."""
    return align_articles(article_refs(doc_a), article_refs(doc_b), min_score)
