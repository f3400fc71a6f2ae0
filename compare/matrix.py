"""Comparison matrices of N products (2 to 10), every cell citing its article.

- term matrix: the comparison dimensions of a professional (trigger, cover, limits,
  deductible, territory, periods, deadlines, subrogation, other insurance,
  cancellation and refund, disputes, riders), from the language layer's term sheet;
- exclusion matrix: canonical exclusions × products — excluded, narrowed (excluded
  with an exception carved back: 但…除外) or silent; unmapped exclusions are rows too;
- coverage matrix: canonical cost heads × products — covered or silent.

"Silent" (the clause says nothing) and "excluded" are different answers and stay so.
Pure functions over `ClauseDocument`s; loading products is the caller's business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from tiaokuan.i18n import N_, _
from tiaokuan.model import SILENT, Category, ClauseDocument, Mapped, SectionType
from tiaokuan.text.exclusions import exclusions_for
from tiaokuan.text.insurers import insurer_labels
from tiaokuan.text.vocab import COST_HEADS, TERM_FIELD_NAMES, cost_heads_in, say

from .differences import differences
from .dimensions import UNIT_ROWS
from .records import Difference
from .summary import summary_lines
from .units import Dimension, Unit, units_of

if TYPE_CHECKING:
    from tiaokuan.clauses_db import Resolved

MAX_PRODUCTS = 10


class Status(StrEnum):
    VALUE = "value"  # the clause states something (a term, a covered cost)
    EXCLUDED = "excluded"
    NARROWED = "narrowed"  # excluded, with an exception carved back
    SILENT = "silent"  # the clause says nothing about it


@dataclass(frozen=True)
class Product:
    """One column: a clause and what to call it."""

    name: str
    doc: ClauseDocument
    riders: tuple[str, ...] = ()  # riders known to attach to it (bundled or in the database)


# What a cell says when it states no value of its own.
STATUS_WORDS = {Status.EXCLUDED: N_("除外"), Status.NARROWED: N_("除外（另有例外约定）"), Status.SILENT: N_("未约定")}


@dataclass(frozen=True)
class Cell:
    status: Status
    value: str = ""
    cite: str = ""  # 第六条（四）; empty when silent

    @property
    def shown(self) -> str:
        if self.status is Status.SILENT:
            return _(STATUS_WORDS[Status.SILENT])
        text = _(STATUS_WORDS[self.status]) if self.status is not Status.VALUE else self.value
        if self.status is not Status.VALUE and self.value:
            text = f"{text}：{self.value}"
        return f"{text}（{self.cite}）" if self.cite else text


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]

    @property
    def differs(self) -> bool:
        # Kinds listed in another order (免赔率、免赔额 / 免赔额、免赔率) are the same answer.
        return len({(c.status, frozenset(c.value.split("、"))) for c in self.cells}) > 1


@dataclass(frozen=True)
class Matrix:
    title: str
    products: tuple[str, ...]
    rows: tuple[Row, ...]


# The term matrix's rows: (term-sheet field or special key, label).
# Rows that are not a term-sheet field (those are named in TERM_FIELD_NAMES).
_ROW_NAMES = {
    "identity": N_("产品 / 注册号 / 版本"), "line": N_("业务线 / 分类"), "insured": N_("投保人与被保险人"),
    "subject": N_("保险标的（可保 / 特约 / 不保）"), "cover": N_("保障费用"), "other_insurance": N_("重复保险"),
    "riders": N_("附加险"),
}  # fmt: skip
TERM_ROWS = tuple(
    (key, _ROW_NAMES.get(key) or TERM_FIELD_NAMES[key])
    for key in (
        "identity", "line", "insured", "subject", "trigger", "retroactive_period", "cover", "limit_kinds",
        "deductible_kinds", "deductible_applies", "territory", "period", "premium", "waiting_period", "notice_deadline",
        "claim_deadline", "insurer_decision_deadline", "payment_deadline", "settlement_consent", "defence",
        "limitation_period", "subrogation_scope", "other_insurance", "insurer_cancels", "cancellation_fee",
        "refund_method", "dispute_resolution", "governing_law", "riders",
    )
)  # fmt: skip

_EXCEPTION = re.compile(r"但[^。；]{0,80}(?:除外|不在此限)|(?:除外|不在此限)[^。；]{0,4}$|经保险人(?:书面)?同意的除外")


def article_cite(doc: ClauseDocument, number: int | None, item: str | None = None) -> str:
    if number is None:
        return ""
    label = next((a.label for a in doc.articles if a.number == number and a.label), None) or f"第{number}条"
    return f"{label}{item or ''}"


def term_cell(doc: ClauseDocument, key: str) -> Cell:
    """One term-sheet field of `doc` as a matrix cell: the value in Chinese and its citation, or silent."""
    if doc.semantics is None:
        return Cell(Status.SILENT)
    term = doc.semantics.term(key) if key in dict(doc.semantics.term_sheet) else None
    if term is None or term.value == SILENT:
        return Cell(Status.SILENT)
    values = term.value if isinstance(term.value, tuple) else (str(term.value),)
    value = "、".join(say(v) for v in values)
    if term.value == "immediately" and term.text:  # 立即 and 及时 are different answers: say the word printed
        value = next((w for w in ("立即", "及时", "尽快") if w in term.text), value)
    return Cell(Status.VALUE, value, article_cite(doc, term.article) or _unnumbered_cite(doc, term.text))


def _unnumbered_cite(doc: ClauseDocument, words: str | None) -> str:
    """Where an unnumbered passage that says `words` stands: its chapter (释义 …)."""
    for section in doc.sections:
        for article in section.articles:
            if words and words in article.text:
                return f"{section.heading or '（无标题部分）'}（无条号）"
    return ""


def _category_cell(doc: ClauseDocument, category: Category) -> Cell:
    found = [a for a in doc.articles if category.value in a.categories]
    if not found:
        return Cell(Status.SILENT)
    return Cell(Status.VALUE, _("有约定"), "、".join(a.label or f"第{a.number}条" for a in found if a.number)[:60])


_UNIT_READERS = {key: reader for key, _name, reader in UNIT_ROWS}


def _cell(p: Product, key: str, units: tuple[Unit, ...] = ()) -> Cell:
    doc = p.doc
    if key in _UNIT_READERS:
        found = _UNIT_READERS[key](units)
        return Cell(Status.VALUE, found.value, _cites(list(found.cites))) if found else Cell(Status.SILENT)
    if key == "identity":
        parts = [doc.insurer or "", doc.product or doc.title or p.name, doc.registration_no or "", doc.version or ""]
        return Cell(Status.VALUE, " / ".join(x for x in parts if x))
    if key == "line":
        tax = doc.semantics.taxonomy if doc.semantics else None
        if tax is None:
            return Cell(Status.SILENT)
        parts = [say(tax.line), tax.liability_type or "", tax.right or "", tax.function or "", _("附加险") if doc.rider else _("主险")]
        return Cell(Status.VALUE, " / ".join(x for x in parts if x))
    if key == "cover":
        heads = doc.semantics.cost_heads if doc.semantics else ()
        mapped = [m for m in heads if m.key != "unmapped"]
        if not mapped:
            return Cell(Status.SILENT)
        labels = list(dict.fromkeys(m.label for m in mapped))
        cites = list(dict.fromkeys(article_cite(doc, m.article) for m in mapped if m.article))
        return Cell(Status.VALUE, "、".join(labels), "、".join(cites[:4]))
    if key == "other_insurance":
        return _category_cell(doc, Category.OTHER_INSURANCE)
    if key == "deductible_kinds":
        return _deductible_cell(doc, units)
    if key == "riders":
        return Cell(Status.VALUE, "、".join(p.riders)) if p.riders else Cell(Status.SILENT)
    return term_cell(doc, key)


def _deductible_cell(doc: ClauseDocument, units: tuple[Unit, ...]) -> Cell:
    """The kinds of deductible, cited where the deductible is agreed and applied
    (免赔额（率）由…协商确定; 在扣除免赔额后), not where an exclusion repeats it."""
    cell = term_cell(doc, "deductible_kinds")
    if cell.status is Status.SILENT:
        return cell
    where = [u.cite for u in units if u.dimension is Dimension.DEDUCTIBLE and not u.is_lead]
    return Cell(Status.VALUE, cell.value, _cites(where[:4]) or cell.cite)


def _check(products: list[Product]) -> None:
    if not 2 <= len(products) <= MAX_PRODUCTS:
        from tiaokuan.errors import OptionsError

        raise OptionsError(None, _("比较需要 2 到 {most} 个产品，而不是 {n} 个").format(most=MAX_PRODUCTS, n=len(products)))


def term_matrix(products: list[Product]) -> Matrix:
    _check(products)
    units = [units_of(p.doc) for p in products]
    rows = tuple(Row(key, _(label), tuple(_cell(p, key, u) for p, u in zip(products, units, strict=True))) for key, label in TERM_ROWS)
    return Matrix(_("条款要素"), tuple(p.name for p in products), rows)


def _cites(cites: list[str]) -> str:
    """Citations in order, once each, the article left out where one of its items is cited."""
    unique = list(dict.fromkeys(c for c in cites if c))
    return "、".join(c for c in unique if not any(o != c and o.startswith(c) for o in unique))


def _mapped_cell(doc: ClauseDocument, found: list[Mapped], narrowed_ok: bool) -> Cell:
    if not found:
        return Cell(Status.SILENT)
    cites = _cites([article_cite(doc, m.article, m.item) for m in found])
    if not narrowed_ok:
        return Cell(Status.VALUE, _("承保"), cites)
    narrowed = any(_EXCEPTION.search(m.text) for m in found)
    return Cell(Status.NARROWED if narrowed else Status.EXCLUDED, "", cites)


def exclusion_matrix(products: list[Product]) -> Matrix:
    """Canonical exclusions × products: statistics of the catalog's kind; the wording of each
    exclusion is compared in the aligned differences."""
    _check(products)
    excl = [p.doc.semantics.exclusions if p.doc.semantics else () for p in products]
    # The common list, then the lists of the products' lines (an accident and a health
    # product share one), each key once.
    lines = [p.doc.semantics.taxonomy.line if p.doc.semantics else None for p in products]
    vocabulary = {c.key: c for line in lines for c in exclusions_for(line)}.values()
    rows = [
        Row(c.key, c.label, tuple(_mapped_cell(p.doc, [m for m in e if m.key == c.key], True) for p, e in zip(products, excl, strict=True)))
        for c in vocabulary
    ]
    # Exclusions that map to no canonical key are compared by their wording, in
    # the aligned differences (`differences`), never as rows of one product each.
    rows = [r for r in rows if any(c.status is not Status.SILENT for c in r.cells)]
    return Matrix(_("责任免除"), tuple(p.name for p in products), tuple(rows))


def _cost_cell(doc: ClauseDocument, covered: list[Mapped], canon_pattern: re.Pattern[str]) -> Cell:
    """Covered (citing the insuring articles), else excluded when an exclusion names
    the cost (citing it), else silent."""
    if covered:
        return _mapped_cell(doc, covered, False)
    excluded = [m for m in (doc.semantics.exclusions if doc.semantics else ()) if canon_pattern.search(m.text)]
    if excluded:
        return Cell(Status.EXCLUDED, "", _cites([article_cite(doc, m.article, m.item) for m in excluded]))
    return Cell(Status.SILENT)


def defined_costs(doc: ClauseDocument) -> list[Mapped]:
    """Costs a cover article names through a defined term: 抗辩费用 covered, and
    defined in 释义 as 律师费、诉讼费、仲裁费、鉴定费、公证费, covers each of them
    (cited as the cover article and the term)."""
    if doc.semantics is None:
        return []
    direct = {m.key for m in doc.semantics.cost_heads}
    cover = [a for s in doc.sections if s.type is SectionType.COVERAGE for a in s.articles]
    found: list[Mapped] = []
    for d in doc.definitions:
        using = next((a for a in cover if d.term in a.text), None)
        if using is None:
            continue
        for canon, m in cost_heads_in(d.text):
            if canon.key not in direct and canon.key not in {f.key for f in found}:
                found.append(Mapped(canon.key, canon.label, using.number, f"「{d.term}」", m.group(0)))
    return found


def coverage_matrix(products: list[Product]) -> Matrix:
    """Canonical cost heads × products: covered, excluded or silent, with citations."""
    _check(products)
    heads = [(*(p.doc.semantics.cost_heads if p.doc.semantics else ()), *defined_costs(p.doc)) for p in products]
    rows = [
        Row(c.key, c.label, tuple(_cost_cell(p.doc, [m for m in h if m.key == c.key], c.pattern) for p, h in zip(products, heads, strict=True)))
        for c in COST_HEADS
    ]
    # A cost nobody covers is not a row, even where an exclusion happens to name it.
    rows = [r for r in rows if any(c.status is Status.VALUE for c in r.cells)]
    return Matrix(_("保障费用"), tuple(p.name for p in products), tuple(rows))


def column_names(names: list[str], docs: list[ClauseDocument]) -> list[str]:
    """Names that tell the columns apart: products of different insurers sharing a
    name go by the insurer's short name in front (人保 财产基本险 / 太平科技 财产基本险),
    two filings of one product by their version label (2026版 / 2027版), else
    their 注册号, else their order."""
    return _by_filing(_by_insurer(names, docs), docs)


def _by_insurer(names: list[str], docs: list[ClauseDocument]) -> list[str]:
    """Each name that products of different insurers share, with the insurer in front."""
    out = list(names)
    for name in set(names):
        at = [i for i, n in enumerate(names) if n == name]
        insurers = [docs[i].insurer or "" for i in at]
        if len(set(insurers)) < 2:
            continue
        known = sorted({x for x in insurers if x})
        labels = dict(zip(known, insurer_labels(known), strict=True))
        for i, insurer in zip(at, insurers, strict=True):
            if insurer:
                out[i] = f"{labels[insurer]} {name}"
    return out


def _by_filing(names: list[str], docs: list[ClauseDocument]) -> list[str]:
    """Each name that several filings share, with its version label, 注册号 or order."""
    out = list(names)
    for name in set(names):
        at = [i for i, n in enumerate(names) if n == name]
        if len(at) < 2:
            continue
        for detail in (lambda d: d.version, lambda d: d.registration_no):
            tags = [detail(docs[i]) for i in at]
            if all(tags) and len(set(tags)) == len(tags):
                for i, tag in zip(at, tags, strict=True):
                    out[i] = f"{name} {tag}"
                break
        else:
            for k, i in enumerate(at):
                out[i] = f"{name} #{k + 1}"
    return out


def products_of(found: Sequence[Resolved]) -> list[Product]:
    """Columns for clauses found by name (`ClauseFinder.resolve`), told apart by
    `column_names`, with their riders."""
    names = column_names([f.name for f in found], [f.document for f in found])
    return [Product(n, f.document, f.riders) for n, f in zip(names, found, strict=True)]


WORDING_DIFFERS = "措辞与其他产品实质不同，见逐项差异"


def flag_wording(matrix: Matrix, diffs: tuple[Difference, ...]) -> Matrix:
    """A canonical row says two products both exclude 故意行为; the aligned wording may
    say that one of them also excludes 重大过失. Cells whose exclusion differs in
    substance say so, so a canonical key never hides a wording difference."""
    differing = [set() for _product in matrix.products]
    for d in diffs:
        if d.material and not d.checked:
            for k, side in enumerate(d.sides):
                differing[k].update(side.citations)
    rows = []
    for r in matrix.rows:
        cells = tuple(
            Cell(c.status, WORDING_DIFFERS, c.cite) if c.cite and set(c.cite.split("、")) & differing[k] else c
            for k, c in enumerate(r.cells)
        )
        rows.append(Row(r.key, r.label, cells))
    return Matrix(matrix.title, matrix.products, tuple(rows))


@dataclass(frozen=True)
class Comparison:
    products: tuple[str, ...]
    matrices: tuple[Matrix, ...]
    summary: tuple[str, ...]
    differences: tuple[Difference, ...] = ()


def compare_products(products: list[Product]) -> Comparison:
    """2 to 10 products compared: their aligned wording read for every difference
    (material first, then what was checked and found the same), and the term,
    exclusion and coverage matrices."""
    _check(products)
    diffs = differences([p.doc for p in products], [p.name for p in products])
    matrices = [term_matrix(products), flag_wording(exclusion_matrix(products), diffs), coverage_matrix(products)]
    return Comparison(tuple(p.name for p in products), tuple(matrices), tuple(summary_lines(diffs)), diffs)
