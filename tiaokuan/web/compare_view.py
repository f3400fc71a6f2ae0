"""The comparison as the compare page shows it: the main differences grouped by
dimension, each one short line whose citations link to the article they cite on
the product page, and the matrices' citations linked the same way.

The words are the comparison's own (`Difference.what`, `KIND_WORDS`, the marked
wordings), numbered as the XLSX summary sheet numbers its rows (`summary_lines`:
the material differences, then each dimension checked and found the same), so a
reader can say "差异 12" of the page and of the workbook alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tiaokuan.compare import Comparison, Difference, Unit, units_of
from tiaokuan.compare.summary import KIND_WORDS
from tiaokuan.i18n import _
from tiaokuan.model import ClauseDocument
from tiaokuan.text.labels import cn_to_int

# An article cited in a matrix cell or a joined citation: 第六条, 第六条第二款（一）.
_ARTICLE_CITE = re.compile(r"第[零〇一二三四五六七八九十百千两\d]+条(?:第[零〇一二三四五六七八九十]+款)?(?:[（(][^）)]{1,4}[）)]|第[零〇一二三四五六七八九十]+项)?")
_LABEL = re.compile(r"^第([零〇一二三四五六七八九十百千两\d]+)条")
CHECKED_SHOWN = 6  # citations shown for a dimension found the same (as the summary lists them)


def article_anchor(index: int) -> str:
    """The product page's anchor of the article at `index` (0-based, reading order
    over every chapter and part): unique where labels repeat (a rider's 第一条)."""
    return f"a-{index + 1}"


@dataclass(frozen=True)
class Citation:
    text: str
    href: str | None = None  # None: the citation names no article of the product (释义（无条号）)


class Anchors:
    """Where each citation of one product's comparison stands on its product page."""

    def __init__(self, doc: ClauseDocument, version_id: int):
        self.version_id = version_id
        self._by_cite: dict[str, list[Unit]] = {}
        for u in units_of(doc):
            self._by_cite.setdefault(u.cite, []).append(u)
        self._by_label: dict[str, int] = {}
        self._by_number: dict[int, int] = {}  # for a citation by inferred number (第5条, 第十条〔条号推定〕)
        for k, article in enumerate(doc.articles):
            if article.label:
                self._by_label.setdefault(article.label, k)
            if article.number is not None:
                self._by_number.setdefault(article.number, k)

    def _href(self, index: int) -> str:
        return f"/product/{self.version_id}#{article_anchor(index)}"

    def link(self, cite: str, wording: str = "") -> Citation:
        """`cite` with the address of its article. Where two units share the citation
        (an article number the insurer printed twice), the one whose text is
        `wording` is meant."""
        units = self._by_cite.get(cite)
        if units:
            meant = next((u for u in units if wording and u.text.strip() and u.text.strip() in wording), units[0])
            return Citation(cite, self._href(meant.article))
        label = _LABEL.match(cite)
        if label is None:
            return Citation(cite)
        if label.group(0) in self._by_label:
            return Citation(cite, self._href(self._by_label[label.group(0)]))
        number = cn_to_int(label.group(1))
        return Citation(cite, self._href(self._by_number[number]) if number in self._by_number else None)

    def pieces(self, text: str) -> list[Citation]:
        """`text` (a matrix cell's citations, 第六条（四）、第七条) cut into plain pieces
        and linked article citations."""
        out: list[Citation] = []
        at = 0
        for m in _ARTICLE_CITE.finditer(text):
            if m.start() > at:
                out.append(Citation(text[at : m.start()]))
            out.append(self.link(m.group(0)))
            at = m.end()
        if at < len(text):
            out.append(Citation(text[at:]))
        return out


@dataclass(frozen=True)
class Said:
    """One product's part in a difference: its citations and its wording, the words
    that differ marked ([-…-] / {+…+})."""

    product: str
    citations: tuple[Citation, ...]
    marked: str
    more: bool = False  # more citations than shown (a dimension found the same lists a few)


@dataclass(frozen=True)
class Line:
    number: int  # 序号: the row of the XLSX summary sheet
    kind: str  # 范围更窄 …; 已核对 for a dimension found the same
    kind_code: str  # for the stylesheet
    what: str
    sides: tuple[Said, ...]
    affects: tuple[Citation, ...] = ()  # for a definition: the provisions that use the term
    dimension: str = ""
    columns: tuple[Said | None, ...] = ()  # the sides in the order of the products compared; None where one is not concerned


@dataclass(frozen=True)
class Group:
    dimension: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Summary:
    groups: tuple[Group, ...]  # the material differences, by dimension
    checked: tuple[Line, ...]  # each dimension checked and found the same in substance


def _sides(d: Difference, anchors: dict[str, Anchors], limit: int | None = None) -> tuple[Said, ...]:
    out = []
    for s in d.sides:
        a = anchors.get(s.product)
        cites = s.citations[:limit] if limit else s.citations
        links = tuple(a.link(c, s.wording) if a else Citation(c) for c in cites)
        out.append(Said(s.product, links, s.marked or s.wording, bool(limit and len(s.citations) > limit)))
    return tuple(out)


def _affects(d: Difference, anchors: dict[str, Anchors]) -> tuple[Citation, ...]:
    """The provisions that use a defined term, written "产品 第六条": the product's
    name taken off, the citation linked in that product."""
    out = []
    for said in d.affects:
        product = next((p for p in sorted(anchors, key=len, reverse=True) if said.startswith(p + " ")), None)
        if product is None:
            out.append(Citation(said))
            continue
        link = anchors[product].link(said[len(product) + 1 :])
        out.append(Citation(said, link.href))
    return tuple(out)


def versus(products: Sequence[str]) -> str:
    """How a difference of two products opens (乙较甲：), said once for the page
    rather than in every line; '' for three or more, whose lines name each pair."""
    return f"{products[1]}较{products[0]}：" if len(products) == 2 else ""


def summary(cmp: Comparison, version_ids: Sequence[int], docs: Sequence[ClauseDocument]) -> Summary:
    """The comparison's summary for the page, in the order and numbering of its
    summary lines (material differences by dimension, then the dimensions found the same)."""
    anchors = {name: Anchors(doc, vid) for name, doc, vid in zip(cmp.products, docs, version_ids, strict=True)}
    opening = versus(cmp.products)
    groups: dict[str, list[Line]] = {}
    number = 0
    for d in cmp.differences:
        if d.material:
            number += 1
            what = d.what.replace(opening, "") if opening else d.what
            sides = _sides(d, anchors)
            by_product = {said.product: said for said in sides}
            columns = tuple(by_product.get(p) for p in cmp.products)
            line = Line(number, KIND_WORDS[d.kind], d.kind.value, what, sides, _affects(d, anchors), d.dimension_name, columns)
            groups.setdefault(d.dimension_name, []).append(line)
    checked = []
    for d in cmp.differences:
        if d.checked:
            number += 1
            checked.append(Line(number, _("已核对"), "checked", _("实质相同"), _sides(d, anchors, CHECKED_SHOWN), dimension=d.dimension_name))
    return Summary(tuple(Group(name, tuple(lines)) for name, lines in groups.items()), tuple(checked))


def matrix_citations(cmp: Comparison, version_ids: Sequence[int], docs: Sequence[ClauseDocument]) -> list[list[list[list[Citation]]]]:
    """For each matrix, row and product: the cell's citations as linked pieces."""
    anchors = [Anchors(doc, vid) for doc, vid in zip(docs, version_ids, strict=True)]
    return [[[anchors[k].pieces(c.cite) if c.cite else [] for k, c in enumerate(r.cells)] for r in m.rows] for m in cmp.matrices]


def cell_text(cell) -> str:
    """A matrix cell's words without its citation (shown as links beside them)."""
    shown = cell.shown
    tail = f"（{cell.cite}）"
    return shown[: -len(tail)] if cell.cite and shown.endswith(tail) else shown
