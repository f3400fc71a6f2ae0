"""A redline as the clause itself: its front matter, part and chapter headings and
articles (label, then text) in reading order, each block a run of pieces.

The equal and deleted pieces of all blocks spell the old clause and the equal and
inserted pieces the new one, labels and headings included, so the Word redline
written from these blocks gives the new clause on Accept All and the old one on
Reject All. A heading stands before the first article of its chapter on each
side: an old heading where that article stood in the old clause, a new one where
its article stands in the new; where both fall on one place they are compared
word by word. An article that moved is struck out where it stood and inserted
whole where it stands (its word-level changes are the reading views' business),
because tracked changes can only restore what stands in the old order.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from tiaokuan.i18n import N_, _
from tiaokuan.model import ClauseDocument, Table

from .align import ArticleRef
from .redline import ArticleDiff, Change, Op, Piece, Redline, diff_text, merge_pieces

LABEL_GAP = "\u3000"  # between an article's label and its text, as the generator writes it
LINE_SEPARATOR = "\u2029"  # between the lines of a front-matter or heading block (a line may hold "\n")

LABELS = {
    Change.SAME: N_("未改"),
    Change.RENUMBERED: N_("条号变动"),
    Change.CHANGED: N_("修改"),
    Change.DELETED: N_("删除"),
    Change.INSERTED: N_("新增"),
    Change.MOVED: N_("移动"),
}


def heading(a: ArticleDiff) -> str:
    """An entry's heading: the article's number(s) and what happened to it."""
    if a.change is Change.DELETED:
        return _("{name}（删除）").format(name=a.old.name)
    if a.change is Change.INSERTED:
        return _("{name}（新增）").format(name=a.new.name)
    if a.change is Change.MOVED:
        return _("{old}（移至{new}）").format(old=a.old.name, new=a.new.name)
    name = a.new.name if a.old.name == a.new.name else f"{a.old.name} → {a.new.name}"
    if a.moved:
        return _("{name}（{label}，位置移动）").format(name=name, label=_(LABELS[a.change]))
    return f"{name}（{_(LABELS[a.change])}）"


def summary(redline: Redline) -> str:
    """How many articles each change touched, the changes that occur only: 未改 4 条，修改 3 条."""
    counts = [(c, redline.count(c)) for c in Change]
    moved = sum(1 for a in redline.articles if a.moved)
    parts = [_("{label} {n} 条").format(label=_(LABELS[c]), n=n) for c, n in counts if n and c is not Change.MOVED]
    if moved:
        parts.append(_("移动 {n} 条").format(n=moved))
    return "，".join(parts) or _("两版均无条款")


class BlockKind(StrEnum):
    FRONT = "front"  # title lines before the first chapter
    HEADING = "heading"  # part and chapter headings
    ARTICLE = "article"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    pieces: tuple[Piece, ...]  # an article's lines are separated by "\n", other blocks' by LINE_SEPARATOR
    entry: ArticleDiff | None = None  # the article's redline entry


def heading_lines(doc: ClauseDocument) -> tuple[dict[int, list[str]], list[str]]:
    """The part and chapter headings of `doc` by the index (reading order) of the
    first article after them, and those after the last article. A part heading is
    written once where the part begins; a chapter heading that repeats its part's is
    not written twice (the generator's convention)."""
    starts: dict[int, list[str]] = {}
    pending: list[str] = []
    part = None
    index = 0
    for section in doc.sections:
        if section.part and section.part != part:
            pending.append(section.part)
        part = section.part or part
        if section.heading and section.heading != section.part:
            pending.append(section.heading)
        if section.articles:
            starts.setdefault(index, []).extend(pending)
            pending = []
        index += len(section.articles)
    return starts, pending


def lines_pieces(old: list[str] | tuple[str, ...], new: list[str] | tuple[str, ...]) -> tuple[Piece, ...]:
    if old and new:
        return diff_text(LINE_SEPARATOR.join(old), LINE_SEPARATOR.join(new))
    if old:
        return (Piece(Op.DELETE, LINE_SEPARATOR.join(old)),)
    return (Piece(Op.INSERT, LINE_SEPARATOR.join(new)),) if new else ()


def _head(ref: ArticleRef | None) -> str:
    return f"{ref.label}{LABEL_GAP}" if ref is not None and ref.label else ""


def article_pieces(entry: ArticleDiff) -> tuple[Piece, ...]:
    """An article's label and text as pieces: a changed label is deleted and inserted whole."""
    if entry.change in (Change.DELETED, Change.MOVED):
        return (Piece(Op.DELETE, _head(entry.old) + entry.old.text),)
    if entry.change is Change.INSERTED or entry.moved:
        return (Piece(Op.INSERT, _head(entry.new) + entry.new.text),)
    old, new = _head(entry.old), _head(entry.new)
    label = [Piece(Op.EQUAL, new)] if old == new else [Piece(Op.DELETE, old), Piece(Op.INSERT, new)]
    return merge_pieces([*label, *entry.pieces])


def stands_in_old(entry: ArticleDiff) -> bool:
    """Whether the entry is where its old article stood (not the new place of a moved one)."""
    return entry.old is not None and not entry.moved


def stands_in_new(entry: ArticleDiff) -> bool:
    return entry.new is not None and entry.change is not Change.MOVED


def clause_blocks(redline: Redline) -> list[Block]:
    """The whole redline as blocks of the clause, in reading order."""
    old_at, old_tail = heading_lines(redline.before)
    new_at, new_tail = heading_lines(redline.after)
    blocks = []
    front = lines_pieces(redline.before.front_matter, redline.after.front_matter)
    if front:
        blocks.append(Block(BlockKind.FRONT, front))
    for entry in redline.articles:
        old = old_at.get(entry.old.index, []) if stands_in_old(entry) else []
        new = new_at.get(entry.new.index, []) if stands_in_new(entry) else []
        if old or new:
            blocks.append(Block(BlockKind.HEADING, lines_pieces(old, new)))
        blocks.append(Block(BlockKind.ARTICLE, article_pieces(entry), entry))
    if old_tail or new_tail:
        blocks.append(Block(BlockKind.HEADING, lines_pieces(old_tail, new_tail)))
    return blocks


Row = tuple[str, ...]


@dataclass(frozen=True)
class TableDiff:
    """A table of the redline: each row equal, deleted (only in the old table) or inserted."""

    rows: tuple[tuple[Op, Row], ...]


def _rows_diff(old: tuple[Row, ...], new: tuple[Row, ...]) -> TableDiff:
    rows: list[tuple[Op, Row]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [(Op.EQUAL, r) for r in new[j1:j2]]
        else:  # a row with any cell changed is struck out and written anew, as Word tracks rows
            rows += [(Op.DELETE, r) for r in old[i1:i2]] + [(Op.INSERT, r) for r in new[j1:j2]]
    return TableDiff(tuple(rows))


def table_diffs(old: tuple[Table, ...], new: tuple[Table, ...]) -> list[TableDiff]:
    """The tables of both clauses (rate tables, schedules) in order: identical tables
    once, a changed table with its rows compared, a table on one side only whole."""
    out: list[TableDiff] = []
    a, b = [t.rows for t in old], [t.rows for t in new]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [_rows_diff(rows, rows) for rows in b[j1:j2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            out.append(_rows_diff(olds[k] if k < len(olds) else (), news[k] if k < len(news) else ()))
    return out
