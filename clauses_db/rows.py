"""A clause document as table rows and back: pure functions, no database.

`document_to_rows` gives the rows of one version (ids left to the caller, parents
referred to by position); `rows_to_document` rebuilds the exact `ClauseDocument`
from rows read back in order. The round trip is lossless (tests/test_db.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tiaokuan.model import (
    Article,
    Box,
    ClauseDocument,
    Definition,
    Entity,
    EntityType,
    FilingKind,
    FilingNumber,
    Item,
    Mapped,
    Registration,
    Section,
    SectionType,
    Semantics,
    Span,
    Table,
    Taxonomy,
    TermValue,
)
from tiaokuan.text.words import words

Row = dict[str, Any]


def segment(text: str) -> str:
    """Words of `text` (see `tiaokuan.text.words.words`) joined by spaces, for word search."""
    return " ".join(words(text))


@dataclass
class ItemRows:
    row: Row
    children: list[ItemRows] = field(default_factory=list)


@dataclass
class ArticleRows:
    row: Row
    items: list[ItemRows]
    entities: list[Row]
    categories: list[str]  # the article's and all its items', for filters


@dataclass
class SectionRows:
    row: Row
    articles: list[ArticleRows]


@dataclass
class VersionRows:
    """Everything one clause document becomes, ready to insert."""

    version: Row
    sections: list[SectionRows]
    definitions: list[Row]
    tables: list[Row]
    term_values: list[Row]
    mapped: list[Row]
    filing_numbers: list[Row] = field(default_factory=list)


def _item_rows(item: Item, position: int) -> ItemRows:
    row = {
        "position": position,
        "label": item.label,
        "text": item.text,
        "paragraph": item.paragraph,
        "label_inferred": item.label_inferred,
        "categories": list(item.categories),
    }
    return ItemRows(row, [_item_rows(child, i) for i, child in enumerate(item.items)])


def _item_categories(items: tuple[Item, ...]) -> list[str]:
    return [c for item in items for c in (*item.categories, *_item_categories(item.items))]


def _article_rows(article: Article, position: int) -> ArticleRows:
    row = {
        "position": position,
        "number": article.number,
        "label": article.label,
        "text": article.text,
        "number_inferred": article.number_inferred,
        "first_page": article.pages[0] if article.pages else None,
        "pages": list(article.pages),
        "paragraphs": list(article.paragraphs),
        "line_start": article.lines[0],
        "line_end": article.lines[1],
        "boxes": [[b.page, b.x0, b.top, b.x1, b.bottom] for b in article.boxes],
        "elements": list(article.elements),
        "bold": [[s.start, s.end] for s in article.bold],
        "categories": list(article.categories),
        "flags": list(article.flags),
        "segmented": segment(article.text),
        "ocr_confidence": article.ocr_confidence,
    }
    entities = [
        {
            "position": i,
            "type": e.type.value,
            "text": e.text,
            "start": e.start,
            "end": e.end,
            "value": e.value,
            "attrs": [[k, v] for k, v in e.attrs],
        }
        for i, e in enumerate(article.entities)
    ]
    categories = list(dict.fromkeys([*article.categories, *_item_categories(article.items)]))
    return ArticleRows(row, [_item_rows(item, i) for i, item in enumerate(article.items)], entities, categories)


def _taxonomy_columns(semantics: Semantics | None) -> Row:
    tax = semantics.taxonomy if semantics else None
    reg = tax.registration if tax else None
    return {
        "line": tax.line if tax else None,
        "line_kind": tax.kind if tax else None,
        "liability_type": tax.liability_type if tax else None,
        "ip_right": tax.right if tax else None,
        "function": tax.function if tax else None,
        "reg_company": reg.company if reg else None,
        "reg_line_code": reg.line_code if reg else None,
        "reg_line": reg.line if reg else None,
        "reg_rider": reg.rider if reg else None,
        "reg_date": reg.date if reg else None,
        "registration_agrees": tax.registration_agrees if tax else None,
    }


def sort_key(doc: ClauseDocument) -> str:
    """Orders filings of one product: the 注册号 date when there is one, else the year
    in the version label (2025版), else nothing (ties go by ingest order)."""
    reg = doc.semantics.taxonomy.registration if doc.semantics else None
    if reg is not None:
        return reg.date
    m = re.search(r"(19|20)\d{2}", doc.version or doc.title or "")
    return f"{m.group(0)}-00-00" if m else ""


def content_sha(doc: ClauseDocument) -> str:
    """A fingerprint of what the clause says, the same for its PDF, DOCX and text copies."""
    parts = [doc.title or "", *(a.text for a in doc.articles), *(f"{d.term}{d.text}" for d in doc.definitions)]
    return hashlib.sha256(re.sub(r"\s+", "", "\x1f".join(parts)).encode("utf-8")).hexdigest()


def document_to_rows(doc: ClauseDocument, document: int) -> VersionRows:
    version = {
        "document": document,
        "insurer": doc.insurer,
        "product": doc.product,
        "title": doc.title,
        "version_label": doc.version,
        "registration_no": doc.registration_no,
        "rider": doc.rider,
        "front_matter": list(doc.front_matter),
        "distributor": doc.distributor,
        "sort_key": sort_key(doc),
        "content_sha": content_sha(doc),
        "article_count": len(doc.numbered_articles),
        "has_semantics": doc.semantics is not None,
        **_taxonomy_columns(doc.semantics),
    }
    sections = [
        SectionRows(
            {"position": i, "heading": s.heading, "type": s.type.value, "part": s.part, "pages": list(s.pages)},
            [_article_rows(a, j) for j, a in enumerate(s.articles)],
        )
        for i, s in enumerate(doc.sections)
    ]
    definitions = [
        {"position": i, "term": d.term, "text": d.text, "article_number": d.article, "pages": list(d.pages)}
        for i, d in enumerate(doc.definitions)
    ]
    tables = [
        {"position": i, "caption": t.caption, "rows": [list(r) for r in t.rows], "pages": list(t.pages), "flattened": t.flattened}
        for i, t in enumerate(doc.tables)
    ]
    terms: list[Row] = []
    mapped: list[Row] = []
    if doc.semantics is not None:
        terms = [
            {
                "position": i,
                "field": name,
                "value": list(t.value) if isinstance(t.value, tuple) else t.value,
                "article_number": t.article,
                "text": t.text,
            }
            for i, (name, t) in enumerate(doc.semantics.term_sheet)
        ]
        for kind, found in (("exclusion", doc.semantics.exclusions), ("cost_head", doc.semantics.cost_heads)):
            mapped += [
                {"kind": kind, "position": i, "key": m.key, "label": m.label, "article_number": m.article, "item": m.item, "text": m.text}
                for i, m in enumerate(found)
            ]
    filings = [
        {
            "position": i, "kind": f.kind.value, "text": f.text, "number": filing_key(f.text), "company": f.company,
            "line": f.line, "year": f.year, "serial": f.serial, "rider": f.rider,
        }  # fmt: skip
        for i, f in enumerate(doc.filing_numbers)
    ]
    return VersionRows(version, sections, definitions, tables, terms, mapped, filings)


def filing_key(text: str) -> str:
    """A filing number as stored for look-up: the printed text without its spaces."""
    return re.sub(r"\s+", "", text)


# -- back ----------------------------------------------------------------------


def _load_item(row: Row, children: dict[int, list[Row]]) -> Item:
    return Item(
        label=row["label"],
        text=row["text"],
        paragraph=row["paragraph"],
        items=tuple(_load_item(c, children) for c in children.get(row["id"], [])),
        label_inferred=row["label_inferred"],
        categories=tuple(row["categories"]),
    )


def _load_entity(row: Row) -> Entity:
    return Entity(
        EntityType(row["type"]), row["text"], row["start"], row["end"], row["value"], tuple((k, v) for k, v in row["attrs"])
    )


def load_article(row: Row, item_rows: list[Row], entity_rows: list[Row]) -> Article:
    """An article from its row, its items (any order of parents; `position` order
    among siblings) and its entities in position order."""
    children: dict[int | None, list[Row]] = {}
    for item in sorted(item_rows, key=lambda r: r["position"]):
        children.setdefault(item["parent_id"], []).append(item)
    return Article(
        number=row["number"],
        label=row["label"],
        text=row["text"],
        number_inferred=row["number_inferred"],
        pages=tuple(row["pages"]),
        paragraphs=tuple(row["paragraphs"]),
        items=tuple(_load_item(i, children) for i in children.get(None, [])),
        lines=(row["line_start"], row["line_end"]),
        boxes=tuple(Box(*b) for b in row["boxes"]),
        bold=tuple(Span(*s) for s in row["bold"]),
        entities=tuple(_load_entity(e) for e in entity_rows),
        categories=tuple(row["categories"]),
        flags=tuple(row["flags"]),
        ocr_confidence=row["ocr_confidence"],
        elements=tuple(row["elements"] or ()),
    )


def _load_semantics(version: Row, terms: list[Row], mapped: list[Row]) -> Semantics | None:
    if not version["has_semantics"]:
        return None
    registration = None
    if version["registration_no"] and version["reg_company"] is not None:
        registration = Registration(
            version["registration_no"],
            version["reg_company"],
            version["reg_line_code"],
            version["reg_line"],
            version["reg_rider"],
            version["reg_date"],
        )
    taxonomy = Taxonomy(
        version["line"],
        version["liability_type"],
        version["ip_right"],
        version["function"],
        registration,
        version["registration_agrees"],
        version["line_kind"],
    )

    def term(row: Row) -> TermValue:
        value = tuple(row["value"]) if isinstance(row["value"], list) else row["value"]
        return TermValue(value, row["article_number"], row["text"])

    def kind(name: str) -> tuple[Mapped, ...]:
        return tuple(
            Mapped(m["key"], m["label"], m["article_number"], m["item"], m["text"]) for m in mapped if m["kind"] == name
        )

    return Semantics(tuple((t["field"], term(t)) for t in terms), kind("exclusion"), kind("cost_head"), taxonomy)


def rows_to_document(
    version: Row,
    sections: list[tuple[Row, list[Article]]],
    definitions: list[Row],
    tables: list[Row],
    terms: list[Row],
    mapped: list[Row],
    filings: Sequence[Row] = (),
) -> ClauseDocument:
    """The document back from its rows, each list in `position` order."""
    return ClauseDocument(
        insurer=version["insurer"],
        product=version["product"],
        title=version["title"],
        version=version["version_label"],
        registration_no=version["registration_no"],
        rider=version["rider"],
        front_matter=tuple(version["front_matter"]),
        sections=tuple(
            Section(s["heading"], SectionType(s["type"]), tuple(arts), s["part"], tuple(s["pages"])) for s, arts in sections
        ),
        definitions=tuple(Definition(d["term"], d["text"], d["article_number"], tuple(d["pages"])) for d in definitions),
        tables=tuple(
            Table(t["caption"], tuple(tuple(r) for r in t["rows"]), tuple(t["pages"]), t["flattened"]) for t in tables
        ),
        semantics=_load_semantics(version, terms, mapped),
        filing_numbers=tuple(
            FilingNumber(FilingKind(f["kind"]), f["text"], f["company"], f["line"], f["year"], f["serial"], f["rider"])
            for f in filings
        ),
        distributor=version["distributor"],
    )
