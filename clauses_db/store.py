"""Writing one parsed file into the database, and reading a version back.

`prepare` (pure, runs in parse workers) turns a `ParseResult` into rows;
`write_prepared` inserts them in the caller's transaction. A file whose bytes are
already stored (same SHA-256) changes nothing; a changed file of a known product
adds a version beside the old ones and the newest becomes `is_latest`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, and_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from tiaokuan.model import Box, ClauseDocument, ParseResult

from . import schema as s
from .rows import ItemRows, VersionRows, document_to_rows, load_article, rows_to_document


@dataclass(frozen=True)
class Prepared:
    """A parsed file as rows, ready to write (small enough to send between processes)."""

    path: str
    sha256: str
    format: str
    pages: int
    warnings: list[list]
    ocr_pages: list[int]
    documents: list[VersionRows]
    names: list[str]  # per document: the product it is a filing of
    main_names: list[str | None]  # per document: the main product a rider attaches to


def product_name(doc: ClauseDocument, path: str) -> str:
    """The product a clause is for: its parsed name, else its title, else the file
    name, without the insurer's name in front or 条款 at the end."""
    name = doc.product or doc.title or Path(path).stem
    if doc.insurer and name.startswith(doc.insurer) and len(name) > len(doc.insurer) + 1:
        name = name[len(doc.insurer) :]
    name = re.sub(r"(?<=.)条款$", "", name.strip())
    # A款 and B款 are two products sold side by side, not two filings of one.
    variant = re.fullmatch(r"\s*([A-ZＡ-Ｚ])\s*款\s*", doc.version or "")
    if variant and variant.group(1) not in name:
        name = f"{name}（{variant.group(1)}款）"
    return name


def main_product_name(doc: ClauseDocument, name: str, first: ClauseDocument | None, path: str) -> str | None:
    """The main clause a rider belongs to: the main clause bundled before it in the
    same file, else the part of its name before 附加 (团体意外伤害保险附加医疗费用保险)."""
    if not doc.rider:
        return None
    if first is not None and not first.rider and first is not doc:
        return product_name(first, path)
    m = re.match(r"(.+?保险)附加", name)
    return m.group(1) if m else None


def _box(box: Box | None) -> list[float | int] | None:
    return None if box is None else [box.page, box.x0, box.top, box.x1, box.bottom]


def prepare(result: ParseResult) -> Prepared:
    docs = result.documents
    first = docs[0] if docs else None
    path = result.source.path
    return Prepared(
        path=path,
        sha256=result.source.sha256,
        format=result.source.format.value,
        pages=result.source.pages,
        warnings=[[w.code.value, w.message, w.page, _box(w.box)] for w in result.warnings],
        ocr_pages=list(result.source.ocr_pages),
        documents=[document_to_rows(d, i) for i, d in enumerate(docs)],
        names=[product_name(d, path) for d in docs],
        main_names=[main_product_name(d, product_name(d, path), first, path) for d in docs],
    )


def _insert_ids(conn: Connection, table, rows: list[dict]) -> list[int]:
    """Insert many rows and return their ids in the order given."""
    if not rows:
        return []
    result = conn.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


def _insert_or_ignore(conn: Connection, table, row: dict) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).values(**row).on_conflict_do_nothing())


def _product_id(conn: Connection, insurer: str, name: str, rider: bool, main_name: str | None) -> int:
    # INSERT … ON CONFLICT DO NOTHING, then read: safe when two writers add one product.
    _insert_or_ignore(conn, s.products, {"insurer": insurer, "name": name, "rider": rider, "main_product_name": main_name})
    pid = conn.execute(select(s.products.c.id).where(s.products.c.insurer == insurer, s.products.c.name == name)).scalar_one()
    # Riders point at their main product once both are known, whichever came first.
    if main_name:
        main = conn.execute(select(s.products.c.id).where(s.products.c.insurer == insurer, s.products.c.name == main_name)).scalar()
        if main is not None:
            conn.execute(update(s.products).where(s.products.c.id == pid).values(main_product_id=main))
    conn.execute(
        update(s.products)
        .where(and_(s.products.c.insurer == insurer, s.products.c.main_product_name == name, s.products.c.main_product_id.is_(None)))
        .values(main_product_id=pid)
    )
    return pid


def _refresh_latest(conn: Connection, product_id: int) -> None:
    v = s.versions
    rows = conn.execute(select(v.c.id).where(v.c.product_id == product_id).order_by(v.c.sort_key, v.c.id)).all()
    conn.execute(update(v).where(v.c.product_id == product_id).values(is_latest=False))
    conn.execute(update(v).where(v.c.id == rows[-1][0]).values(is_latest=True))


def _write_items(conn: Connection, article_id: int, items: list[ItemRows], parent: int | None) -> None:
    ids = _insert_ids(conn, s.items, [{**i.row, "article_id": article_id, "parent_id": parent} for i in items])
    for item_id, item in zip(ids, items, strict=True):
        if item.children:
            _write_items(conn, article_id, item.children, item_id)


def _write_version(conn: Connection, rows: VersionRows, product_id: int, source_id: int) -> int:
    version_id = _insert_ids(conn, s.versions, [{**rows.version, "product_id": product_id, "source_id": source_id}])[0]
    section_ids = _insert_ids(conn, s.sections, [{**sec.row, "version_id": version_id} for sec in rows.sections])
    for section_id, sec in zip(section_ids, rows.sections, strict=True):
        article_rows = [{**a.row, "version_id": version_id, "section_id": section_id} for a in sec.articles]
        article_ids = _insert_ids(conn, s.articles, article_rows)
        entities, categories = [], []
        for article_id, art in zip(article_ids, sec.articles, strict=True):
            _write_items(conn, article_id, art.items, None)
            entities += [{**e, "article_id": article_id} for e in art.entities]
            categories += [{"article_id": article_id, "category": c} for c in art.categories]
        if entities:
            conn.execute(s.entities.insert(), entities)
        if categories:
            conn.execute(s.article_categories.insert(), categories)
    parts = (
        (s.definitions, rows.definitions), (s.tables, rows.tables), (s.term_values, rows.term_values), (s.mapped_terms, rows.mapped),
        (s.filing_numbers, rows.filing_numbers),
    )  # fmt: skip
    for table, part in parts:
        if part:
            conn.execute(table.insert(), [{**r, "version_id": version_id} for r in part])
    return version_id


def write_prepared(conn: Connection, prepared: Prepared) -> list[int] | None:
    """Write a file's documents in the caller's transaction; None when these bytes
    are already stored, else the new version ids."""
    if conn.execute(select(s.sources.c.id).where(s.sources.c.sha256 == prepared.sha256)).first():
        return None
    source_id = _insert_ids(
        conn,
        s.sources,
        [
            {
                "path": prepared.path,
                "sha256": prepared.sha256,
                "format": prepared.format,
                "pages": prepared.pages,
                "ingested_at": datetime.now(UTC),
                "warnings": prepared.warnings,
                "ocr_pages": prepared.ocr_pages,
            }
        ],
    )[0]
    version_ids = []
    for rows, name, main_name in zip(prepared.documents, prepared.names, prepared.main_names, strict=True):
        v = rows.version
        product_id = _product_id(conn, v["insurer"] or "", name, v["rider"], main_name)
        same = conn.execute(
            select(s.versions.c.id).where(s.versions.c.product_id == product_id, s.versions.c.content_sha == v["content_sha"])
        ).scalar()
        if same is not None:
            # The same filing in another file (its PDF beside its DOCX): one version, two sources.
            conn.execute(s.version_sources.insert().values(version_id=same, source_id=source_id, document=v["document"]))
            version_ids.append(same)
            continue
        version_ids.append(_write_version(conn, rows, product_id, source_id))
        _refresh_latest(conn, product_id)
    return version_ids


def load_version(conn: Connection, version_id: int) -> ClauseDocument:
    """A stored version rebuilt as the `ClauseDocument` it was parsed into."""
    version = conn.execute(select(s.versions).where(s.versions.c.id == version_id)).mappings().one()

    def part(table, *order) -> list[dict]:
        q = select(table).where(table.c.version_id == version_id).order_by(*(order or (table.c.position,)))
        return [dict(r) for r in conn.execute(q).mappings()]

    articles = part(s.articles, s.articles.c.section_id, s.articles.c.position)
    ids = [a["id"] for a in articles]
    items: dict[int, list[dict]] = {}
    entities: dict[int, list[dict]] = {}
    if ids:
        for r in conn.execute(select(s.items).where(s.items.c.article_id.in_(ids)).order_by(s.items.c.id)).mappings():
            items.setdefault(r["article_id"], []).append(dict(r))
        q = select(s.entities).where(s.entities.c.article_id.in_(ids)).order_by(s.entities.c.article_id, s.entities.c.position)
        for r in conn.execute(q).mappings():
            entities.setdefault(r["article_id"], []).append(dict(r))
    by_section: dict[int, list] = {}
    for a in articles:
        by_section.setdefault(a["section_id"], []).append(load_article(a, items.get(a["id"], []), entities.get(a["id"], [])))
    sections = [(sec, by_section.get(sec["id"], [])) for sec in part(s.sections)]
    return rows_to_document(
        dict(version), sections, part(s.definitions), part(s.tables), part(s.term_values), part(s.mapped_terms, s.mapped_terms.c.kind.desc(), s.mapped_terms.c.position),
        part(s.filing_numbers),
    )
