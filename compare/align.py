"""Aligning the articles of two clauses, whatever their numbering.

Each pair of articles is scored by the similarity of their jieba word sequences
(rapidfuzz's Indel similarity over words, so 免赔额 counts as one unit), with a
small bonus when both stand in the same kind of chapter; the best one-to-one
assignment (scipy's Hungarian solver) keeps the pairs above a threshold. Articles
left over are unique to their side. Pure functions: no files, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist
from scipy.optimize import linear_sum_assignment

from tiaokuan.model import ClauseDocument, SectionType
from tiaokuan.text.words import words

SAME_SECTION_BONUS = 0.1
MIN_SCORE = 0.45  # below this two articles are different rules, not two wordings of one


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
    score: float  # 0..1, word similarity plus the same-chapter bonus, capped at 1
    identical: bool  # the same words (whitespace aside)

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
    used_a, used_b = {p.a.index for p in pairs}, {p.b.index for p in pairs}
    return Alignment(
        tuple(pairs), tuple(r for r in a if r.index not in used_a), tuple(r for r in b if r.index not in used_b)
    )


def align(doc_a: ClauseDocument, doc_b: ClauseDocument, min_score: float = MIN_SCORE) -> Alignment:
    """The articles of two clauses matched one to one, and those unique to each."""
    return align_articles(article_refs(doc_a), article_refs(doc_b), min_score)
