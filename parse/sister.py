"""Lost article numbering restored by the layout of labelled sister clauses.

Clauses are drafted from model clauses and from one another. Where a copy lost its
第X条 labels, an analyst restores it by the parallel layout of a labelled clause
that prints the same paragraphs; `layout_votes` says, for each paragraph of the copy,
how the labelled clauses lay it out, and `restore.restore` weighs that against
the copy's own signs and cross-references.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from tiaokuan.model import ClauseDocument, SectionType
from tiaokuan.text.labels import item_label

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

    from .restore import Point

# A paragraph that labelled clauses print nearly word for word (Dice of character
# pairs at least _LIKE) is read as it stands there, opening an article or going on
# with one, with this weight times the likeness: a near copy (0.8) outweighs even
# a sign that nearly always holds (STATED_CONTINUATION_COST, 1.5).
_LAYOUT = 2.0
_LIKE = 0.6
_LIKE_MIN_PAIRS = 6  # shorter lines (通用材料：, a caption) are alike in every clause


def char_pairs(text: str) -> set[str]:
    """The pairs of neighbouring characters in `text`."""
    return {a + b for a, b in zip(text, text[1:])}


def cjk_pairs(text: str) -> set[str]:
    """Neighbouring Chinese characters, punctuation and figures left out."""
    return char_pairs("".join(c for c in text if "\u4e00" <= c <= "\u9fff"))


def _line_pairs(text: str) -> set[str]:
    """A printed line's Chinese character pairs, its item label (（一）, 一、) left out:
    one copy may print the label and the other have lost it."""
    line = text.strip()
    found = item_label(line)
    return cjk_pairs(line[found[1].end :] if found else line)


@dataclass(frozen=True, slots=True)
class Layout:
    """How clauses that print their 第X条 labels break their text into articles:
    each printed line (an article's first line, a further paragraph, an item) as
    its character pairs, the article it stands in and its place there.

    Convention: clauses are drafted from model clauses and from one another, and a
    paragraph copied from one clause keeps its place in the article (on the
    corpus's labelled clauses, 98% of the paragraphs that another product prints
    nearly word for word stand the same way there, as an article's first
    paragraph or as a later one). So an analyst restores a copy that lost its
    labels by the parallel layout of a labelled clause; `restore` does the same.
    """

    # (character pairs, the article it stands in (counted across the clauses),
    # its place in that article: 0 opens it)
    lines: tuple[tuple[frozenset[str], int, int], ...]


def layout_of(docs: Sequence[ClauseDocument]) -> Layout:
    """The layout of the articles whose labels `docs` print (inferred numbers,
    definitions and appendices left out)."""
    lines: list[tuple[frozenset[str], int, int]] = []
    articles = 0
    for doc in docs:
        for section in doc.sections:
            if section.type in (SectionType.DEFINITIONS, SectionType.APPENDIX, SectionType.PREAMBLE):
                continue
            for article in section.articles:
                if article.number is None or article.number_inferred or not article.label:
                    continue
                articles += 1
                texts = [line for p in article.paragraphs for line in p.split("\n")]
                for k, text in enumerate(texts):
                    words = _line_pairs(text)
                    if len(words) >= _LIKE_MIN_PAIRS:
                        lines.append((frozenset(words), articles, k))
    return Layout(tuple(lines))


def joined(layouts: Sequence[Layout]) -> Layout:
    """One library of several clauses' layouts (each laid out alone: its articles
    counted on from the last of the ones before)."""
    lines: list[tuple[frozenset[str], int, int]] = []
    offset = 0
    for layout in layouts:
        lines.extend((words, offset + article, place) for words, article, place in layout.lines)
        offset += max((article for _words, article, _place in layout.lines), default=0)
    return Layout(tuple(lines))


def lost_numbering(doc: ClauseDocument) -> bool:
    """The copy lost its 第X条 labels: the article numbers were inferred."""
    return any(a.number_inferred for a in doc.articles)


@lru_cache(maxsize=4)
def _index(layout: Layout) -> tuple[dict[str, int], csr_matrix, np.ndarray]:
    """The library as a sparse matrix of lines × character pairs, with each pair's
    column and each line's size (built once per library: a batch reads every copy
    that lost its labels beside the same one)."""
    import numpy as np  # (here: a parse that reads no copy beside a library never needs them)
    from scipy.sparse import csr_matrix

    columns: dict[str, int] = {}
    rows, cols = [], []
    for k, (words, _article, _place) in enumerate(layout.lines):
        for w in words:
            rows.append(k)
            cols.append(columns.setdefault(w, len(columns)))
    matrix = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(layout.lines), max(len(columns), 1)))
    return columns, matrix, np.array([len(words) for words, _a, _p in layout.lines], dtype=np.float64)


def _copies(points: list[Point], layout: Layout) -> list[dict[int, float]]:
    """For each paragraph, the layout lines that are near copies of it (Dice of
    character pairs at least _LIKE), by index. (The pairs each shares with every
    line, counted at once as a product of sparse matrices: the commonest pairs,
    保险 / 险人, stand in thousands of lines.)"""
    import numpy as np
    from scipy.sparse import csr_matrix

    columns, library, sizes = _index(layout)
    out: list[dict[int, float]] = [{} for _ in points]
    rows, cols, own = [], [], []
    for i, point in enumerate(points):
        words = _line_pairs(point.text)
        own.append(len(words))
        if len(words) >= _LIKE_MIN_PAIRS:
            for w in words:
                if (c := columns.get(w)) is not None:
                    rows.append(i)
                    cols.append(c)
    if not rows:
        return out
    query = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(points), library.shape[1]))
    shared = (query @ library.T).tocsr()
    for i in range(len(points)):
        start, end = shared.indptr[i], shared.indptr[i + 1]
        if start == end:
            continue
        lines, counts = shared.indices[start:end], shared.data[start:end]
        dice = 2 * counts / (own[i] + sizes[lines])
        near = dice >= _LIKE
        out[i] = dict(zip(lines[near].tolist(), dice[near].tolist(), strict=True))
    return out


def layout_votes(points: list[Point], layout: Layout | None) -> list[tuple[bool, float] | None]:
    """For each paragraph with a choice, how the labelled clauses print it:
    (opens, reward), None when they do not say.

    A paragraph whose nearest copies open an article opens one (of equally near
    copies, one model line many clauses print, most decide). A paragraph goes on
    with the article above when a labelled clause prints it, and the paragraph
    before it, in one article in that order: clauses share sentences more than
    they share articles (本保险合同所称…是指… stands in the parties' article in one
    clause and alone in another), and only the two lines together show that the
    article was copied whole. Where both are said, the likelier copy decides."""
    votes: list[tuple[bool, float] | None] = [None] * len(points)
    if layout is None or not layout.lines:
        return votes
    copies = _copies(points, layout)
    for position, point in enumerate(points):
        found = copies[position]
        if point.flip_cost is None or not found:
            continue
        # Of equally near copies (one model line printed by many clauses), most decide.
        top = max(found.values())
        tied = [layout.lines[k][2] == 0 for k, dice in found.items() if dice == top]
        opens = top if 2 * sum(tied) >= len(tied) else 0.0
        before = copies[position - 1] if position else {}
        goes_on = max(
            (
                min(dice, before[b])
                for k, dice in found.items()
                for b in before
                if layout.lines[b][1] == layout.lines[k][1] and layout.lines[b][2] < layout.lines[k][2]
            ),
            default=0.0,
        )
        if opens or goes_on:
            votes[position] = (opens >= goes_on, _LAYOUT * max(opens, goes_on))
    return votes
