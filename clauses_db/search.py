"""Chinese full-text search over articles, by word or by substring.

By word (the default): the query is cut into words by the same jieba dictionary
as the stored text, and an article matches when it holds those words in that
order — 免赔额 finds 免赔额, not 免赔 beside 额度. By substring: the verbatim text
contains the query (trigram index; shorter queries scan). Substring hits fill up
a word search that found too few (a query of three or more characters) or none,
and each hit says which way it matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, Row, Select, and_, column, exists, func, literal_column, or_, select, table, text

from tiaokuan.text.insurers import stems_abbreviated_as

from . import schema as s
from .rows import segment


class MatchKind(StrEnum):
    WORD = "word"
    SUBSTRING = "substring"


@dataclass(frozen=True)
class Filters:
    """Which articles a search, listing or export looks at; None means any.
    `insurer` is part of an insurer's full or short name (太平科技, 人保).
    `version` is "latest" (the newest filing of each product), "all", or a label."""

    insurer: str | None = None
    product: str | None = None
    section_type: str | None = None
    category: str | None = None
    ip_right: str | None = None
    line: str | None = None
    version: str = "latest"
    kind: str | None = None  # the kind within a line (tiaokuan.model.LINE_KINDS)


@dataclass(frozen=True)
class Hit:
    insurer: str
    product: str
    version_id: int
    version_label: str | None
    registration_no: str | None
    section_type: str
    section_heading: str | None
    article_id: int
    article_label: str | None  # as printed; None when the copy lost its numbering
    article_number: int | None
    page: int | None
    snippet: str  # the match in 【】 with some text either side, verbatim
    rank: float  # larger is better
    match: MatchKind
    source: str


def version_conditions(f: Filters) -> list:
    """WHERE conditions on versions/products for the filters that concern them."""
    v, p = s.versions, s.products
    conds = []
    if f.insurer:
        # A short name such as 人保 is not part of the full name (中国人民财产保险…).
        spelled = [p.c.insurer.startswith(stem) for stem in stems_abbreviated_as(f.insurer)]
        conds.append(or_(p.c.insurer.contains(f.insurer), *spelled))
    if f.product:
        conds.append(p.c.name.contains(f.product))
    if f.ip_right:
        conds.append(v.c.ip_right == f.ip_right)
    if f.line:
        conds.append(v.c.line == f.line)
    if f.kind:
        conds.append(v.c.line_kind == f.kind)
    if f.version == "latest":
        conds.append(v.c.is_latest.is_(True))
    elif f.version != "all":
        conds.append(v.c.version_label == f.version)
    return conds


MAIN_PRODUCT = s.products.alias("main")


def version_listing(f: Filters, *columns) -> Select:
    """`columns` of each version matching `f`, joined to its product, source and the
    main product of a rider (`MAIN_PRODUCT`), ordered by product and filing."""
    v, p, src = s.versions, s.products, s.sources
    return (
        select(*columns)
        .select_from(v)
        .join(p, p.c.id == v.c.product_id)
        .join(src, src.c.id == v.c.source_id)
        .outerjoin(MAIN_PRODUCT, MAIN_PRODUCT.c.id == p.c.main_product_id)
        .where(*version_conditions(f))
        .order_by(p.c.insurer, p.c.name, v.c.sort_key, v.c.id)
    )


def article_only_conditions(f: Filters) -> list:
    """WHERE conditions on an article itself: its chapter's type, and a category it
    carries itself or through one of its items."""
    conds = []
    if f.section_type:
        conds.append(s.sections.c.type == f.section_type)
    if f.category:
        ac = s.article_categories
        conds.append(exists().where(and_(ac.c.article_id == s.articles.c.id, ac.c.category == f.category)))
    return conds


def article_listing(f: Filters, *columns) -> Select:
    """`columns` of each article matching `f`, joined to its section, version, product and source."""
    a, sec, v, p, src = s.articles, s.sections, s.versions, s.products, s.sources
    return (
        select(*columns)
        .select_from(a)
        .join(sec, sec.c.id == a.c.section_id)
        .join(v, v.c.id == a.c.version_id)
        .join(p, p.c.id == v.c.product_id)
        .join(src, src.c.id == v.c.source_id)
        .where(*version_conditions(f), *article_only_conditions(f))
    )


def _base(f: Filters, rank) -> Select:
    a, sec, v, p, src = s.articles, s.sections, s.versions, s.products, s.sources
    return article_listing(
        f,
        p.c.insurer,
        p.c.name,
        v.c.id.label("version_id"),
        v.c.version_label,
        v.c.registration_no,
        sec.c.type,
        sec.c.heading,
        a.c.id.label("article_id"),
        a.c.label,
        a.c.number,
        a.c.first_page,
        a.c.text,
        rank.label("rank"),
        src.c.path,
    )


def _fts_phrase(words: list[str]) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def _word_candidates(conn: Connection, words: list[str], k: int) -> Select:
    """The k best-ranked articles holding the words, from the index alone (ranking
    a common word's tens of thousands of matches must not join every one of them)."""
    if conn.dialect.name == "postgresql":
        query = func.phraseto_tsquery(literal_column("'simple'"), " ".join(words))
        words_col = literal_column("articles.words")
        rank = func.ts_rank(words_col, query)
        return select(s.articles.c.id, rank).where(words_col.op("@@")(query)).order_by(rank.desc(), s.articles.c.id).limit(k)
    # FTS5's rank (bm25) is smaller for better matches; negate so larger is better everywhere.
    fts = table("article_words", column("rowid"), column("rank"), column("article_words"))
    return select(fts.c.rowid, -fts.c.rank).where(fts.c.article_words.op("MATCH")(_fts_phrase(words))).order_by(fts.c.rank).limit(k)


def _word_hits(conn: Connection, words: list[str], f: Filters, limit: int) -> tuple[list[tuple[Row, float]], bool]:
    """The best `limit` word matches that pass the filters (take the top candidates
    by rank, filter them, widen the candidate set only when too few pass), and
    whether any article at all holds the words."""
    k = limit * 10
    while True:
        candidates = dict(conn.execute(_word_candidates(conn, words, k)).all())
        if not candidates:
            return [], False
        rows = conn.execute(_base(f, literal_column("0")).where(s.articles.c.id.in_(candidates))).all()
        if len(rows) >= limit or len(candidates) < k:
            ranked = sorted(rows, key=lambda r: (-candidates[r.article_id], r.article_id))[:limit]
            return [(r, float(candidates[r.article_id])) for r in ranked], True
        k *= 8


def _substring_query(conn: Connection, query: str, f: Filters) -> Select:
    a = s.articles
    occurrences = (func.length(a.c.text) - func.length(func.replace(a.c.text, query, ""))) / max(len(query), 1)
    if conn.dialect.name == "sqlite" and len(query) >= 3:
        # The trigram index answers substring queries of three characters or more.
        chars = table("article_chars", column("rowid"), column("article_chars"))
        cond = a.c.id.in_(select(chars.c.rowid).where(chars.c.article_chars.op("MATCH")(_fts_phrase([query]))))
    else:
        cond = a.c.text.contains(query, autoescape=True)  # pg_trgm indexes LIKE on PostgreSQL
    return _base(f, occurrences * 1.0).where(cond)


def snippet(article_text: str, query: str, words: list[str], width: int = 30) -> str:
    """The first place the query (or its first word) occurs, marked with 【】."""
    for needle in (query, *words):
        i = article_text.find(needle)
        if i >= 0:
            start, end = max(0, i - width), min(len(article_text), i + len(needle) + width)
            before = ("…" if start > 0 else "") + article_text[start:i]
            after = article_text[i + len(needle) : end] + ("…" if end < len(article_text) else "")
            return re.sub(r"\s+", " ", f"{before}【{needle}】{after}")
    return re.sub(r"\s+", " ", article_text[: 2 * width]) + "…"


def search(conn: Connection, query: str, filters: Filters = Filters(), limit: int = 20, substring: bool = False) -> list[Hit]:
    """Articles matching `query`, best first."""
    query = query.strip()
    if not query:
        return []
    words = segment(query).split()
    found: list[tuple[Row, float, MatchKind]] = []
    is_a_word = False
    if words and not substring:
        hits, is_a_word = _word_hits(conn, words, filters, limit)
        found = [(r, rank, MatchKind.WORD) for r, rank in hits]
    if len(found) < limit and (len(query) >= 3 or not is_a_word):
        # Word hits first; then articles that hold the query across word boundaries
        # (专利无效 inside 专利无效宣告 when the dictionary cuts 无效宣告 as one word).
        # Queries under three characters have no trigram index and scan the text,
        # so only when no article anywhere holds them as a word.
        seen = {r.article_id for r, _, _ in found}
        q = _substring_query(conn, query, filters).order_by(text("rank DESC"), s.articles.c.id).limit(limit + len(seen))
        found += [(r, float(r.rank or 0.0), MatchKind.SUBSTRING) for r in conn.execute(q) if r.article_id not in seen][: limit - len(found)]
    return [
        Hit(
            insurer=r.insurer,
            product=r.name,
            version_id=r.version_id,
            version_label=r.version_label,
            registration_no=r.registration_no,
            section_type=r.type,
            section_heading=r.heading,
            article_id=r.article_id,
            article_label=r.label,
            article_number=r.number,
            page=r.first_page,
            snippet=snippet(r.text, query, words),
            rank=rank,
            match=kind,
            source=r.path,
        )
        for r, rank, kind in found
    ]
