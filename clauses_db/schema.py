"""The tables of the clause database, as SQLAlchemy Core metadata.

One `sources` row per distinct file (by SHA-256); one `versions` row per clause
found in it (a filing of a product); the clause's parts hang off the version with
their positions, so a document can be rebuilt exactly as it was parsed. Lists
that are only ever read whole (pages, boxes, bold spans, attrs) are JSON columns.
The search indexes (FTS5 tables on SQLite, tsvector and pg_trgm on PostgreSQL)
are created by the migration, not here, because they differ by dialect.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _id() -> Column:
    return Column("id", Integer, primary_key=True)


def _parent(name: str, table: str) -> Column:
    # Parts of a version go with it; nothing else deletes rows.
    return Column(name, Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=True)


sources = Table(
    "sources",
    metadata,
    _id(),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("format", String(16), nullable=False),
    Column("pages", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("warnings", JSON, nullable=False),  # [[code, message, page, box or null], ...]
    # Pages read by OCR ([] for text layers); migration 0003.
    Column("ocr_pages", JSON, nullable=False, server_default="[]"),
)

products = Table(
    "products",
    metadata,
    _id(),
    Column("insurer", Text, nullable=False),  # "" when the clause does not name it
    Column("name", Text, nullable=False),
    Column("rider", Boolean, nullable=False),
    Column("main_product_id", Integer, ForeignKey("products.id"), nullable=True),
    Column("main_product_name", Text, nullable=True),  # the main clause a rider names (附加于…)
    UniqueConstraint("insurer", "name"),
)

versions = Table(
    "versions",
    metadata,
    _id(),
    Column("product_id", Integer, ForeignKey("products.id"), nullable=False, index=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("document", Integer, nullable=False),  # index of the clause in its file
    Column("insurer", Text, nullable=True),  # as parsed (None when not printed)
    Column("product", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("version_label", Text, nullable=True),
    Column("registration_no", Text, nullable=True),
    Column("rider", Boolean, nullable=False),
    Column("front_matter", JSON, nullable=False),
    # A company printed at the top that is not the insurer (a sales platform); migration 0005.
    Column("distributor", Text, nullable=True),
    Column("sort_key", String(32), nullable=False),  # orders filings of one product
    # SHA-256 of the clause's words (title, articles, definitions; whitespace ignored):
    # the same filing found again in another format is the same version.
    Column("content_sha", String(64), nullable=True, index=True),
    Column("is_latest", Boolean, nullable=False, default=False),
    Column("article_count", Integer, nullable=False),
    Column("has_semantics", Boolean, nullable=False),
    # taxonomy and the decoded 注册号 (from the language layer)
    Column("line", String(32), nullable=True),
    Column("line_kind", String(32), nullable=True),  # the kind within the line (LINE_KINDS); migration 0007
    Column("liability_type", Text, nullable=True),
    Column("ip_right", Text, nullable=True),
    Column("function", Text, nullable=True),
    Column("reg_company", Text, nullable=True),
    Column("reg_line_code", Text, nullable=True),
    Column("reg_line", Text, nullable=True),
    Column("reg_rider", Boolean, nullable=True),
    Column("reg_date", String(10), nullable=True),
    Column("registration_agrees", Boolean, nullable=True),
    UniqueConstraint("source_id", "document"),
)

# Further files holding a version already stored (the PDF beside the DOCX).
version_sources = Table(
    "version_sources",
    metadata,
    _parent("version_id", "versions"),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("document", Integer, nullable=False),
    UniqueConstraint("source_id", "document"),
)

sections = Table(
    "sections",
    metadata,
    _id(),
    _parent("version_id", "versions"),
    Column("position", Integer, nullable=False),
    Column("heading", Text, nullable=True),
    Column("type", String(32), nullable=False),
    Column("part", Text, nullable=True),
    Column("pages", JSON, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    _id(),
    _parent("version_id", "versions"),
    Column("section_id", Integer, ForeignKey("sections.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # within its section
    Column("number", Integer, nullable=True),
    Column("label", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("number_inferred", Boolean, nullable=False),
    Column("first_page", Integer, nullable=True),
    Column("pages", JSON, nullable=False),
    Column("paragraphs", JSON, nullable=False),
    Column("line_start", Integer, nullable=False),
    Column("line_end", Integer, nullable=False),
    Column("boxes", JSON, nullable=False),  # [[page, x0, top, x1, bottom], ...]
    # Web pages: XPaths of the elements the article came from; migration 0006.
    Column("elements", JSON, nullable=False, server_default="[]"),
    Column("bold", JSON, nullable=False),  # [[start, end], ...]
    Column("categories", JSON, nullable=False),
    Column("flags", JSON, nullable=False),
    Column("segmented", Text, nullable=False),  # jieba words joined by spaces, for word search
    # Mean OCR confidence of the article's characters, NULL for a text layer; migration 0003.
    Column("ocr_confidence", Float, nullable=True),
)

items = Table(
    "items",
    metadata,
    _id(),
    _parent("article_id", "articles"),
    Column("parent_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=True),
    Column("position", Integer, nullable=False),
    Column("label", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("paragraph", Integer, nullable=False),
    Column("label_inferred", Boolean, nullable=False),
    Column("categories", JSON, nullable=False),
)

# Every category an article carries itself or through one of its items, for filters.
article_categories = Table(
    "article_categories",
    metadata,
    _parent("article_id", "articles"),
    Column("category", String(32), nullable=False),
    UniqueConstraint("article_id", "category"),
    Index("ix_article_categories_category", "category"),
)

definitions = Table(
    "definitions",
    metadata,
    _id(),
    _parent("version_id", "versions"),
    Column("position", Integer, nullable=False),
    Column("term", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("article_number", Integer, nullable=True),
    Column("pages", JSON, nullable=False),
)

tables = Table(
    "tables",
    metadata,
    _id(),
    _parent("version_id", "versions"),
    Column("position", Integer, nullable=False),
    Column("caption", Text, nullable=True),
    Column("rows", JSON, nullable=False),
    Column("pages", JSON, nullable=False),
    Column("flattened", Boolean, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    _id(),
    _parent("article_id", "articles"),
    Column("position", Integer, nullable=False),
    Column("type", String(16), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", JSON, nullable=True),
    Column("attrs", JSON, nullable=False),  # [[key, value], ...] in order
)

term_values = Table(
    "term_values",
    metadata,
    _id(),
    _parent("version_id", "versions"),
    Column("position", Integer, nullable=False),
    Column("field", String(40), nullable=False),
    Column("value", JSON, nullable=False),  # a string, or a list for kinds
    Column("article_number", Integer, nullable=True),
    Column("text", Text, nullable=True),
    Index("ix_term_values_field", "field"),
)

# Exclusions and covered costs mapped to the canonical lists (key "unmapped" kept).
mapped_terms = Table(
    "mapped_terms",
    metadata,
    _id(),
    _parent("version_id", "versions"),
    Column("kind", String(16), nullable=False),  # "exclusion" or "cost_head"
    Column("position", Integer, nullable=False),
    Column("key", String(64), nullable=False),
    Column("label", Text, nullable=False),
    Column("article_number", Integer, nullable=True),
    Column("item", Text, nullable=True),
    Column("text", Text, nullable=False),
)

# 备案编号 printed besides the 注册号; `number` is the printed text without its
# spaces, so a number looks up the same however it was spaced. Migration 0005.
filing_numbers = Table(
    "filing_numbers",
    metadata,
    _id(),
    _parent("version_id", "versions"),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),  # FilingKind: "property" or "life"
    Column("text", Text, nullable=False),  # as printed
    Column("number", Text, nullable=False, index=True),
    Column("company", Text, nullable=False),
    Column("line", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("serial", String(8), nullable=False),
    Column("rider", Boolean, nullable=True),
)

# Tables whose rows belong to one version, in the order a document is rebuilt.
VERSION_PARTS = (sections, articles, definitions, tables, term_values, mapped_terms, filing_numbers)
