"""`ClauseDB`: the clause database as a Python object; the CLI only wraps it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Integer, cast, distinct, func, select
from sqlalchemy.exc import IntegrityError

from tiaokuan.errors import DatabaseError, NotFoundError, OptionsError
from tiaokuan.i18n import _
from tiaokuan.model import ClauseDocument, ParseResult, Source, SourceFormat
from tiaokuan.parse.api import ParseOptions
from tiaokuan.parse.fetch import FetchSettings
from tiaokuan.text.insurers import insurer_short_name, insurers_named

from . import schema as s
from .database import make_engines, require_existing, resolve_url, transaction, upgrade
from .ingest import IngestReport, ingest
from .names import spellings
from .rows import filing_key
from .search import MAIN_PRODUCT, Filters, Hit, article_listing, search, version_listing
from .store import Prepared, load_version, prepare, write_prepared


@dataclass(frozen=True)
class ProductVersion:
    """One filing of a product, as listed by `products`."""

    product_id: int
    version_id: int
    insurer: str
    product: str
    title: str | None
    version_label: str | None
    registration_no: str | None
    reg_date: str | None
    rider: bool
    main_product: str | None
    line: str | None
    liability_type: str | None
    ip_right: str | None
    function: str | None
    article_count: int
    is_latest: bool
    source: str


def _listing(filters: Filters):
    """The query behind `ProductVersion` rows: one per version passing `filters`."""
    v, p, src, main = s.versions, s.products, s.sources, MAIN_PRODUCT
    return version_listing(
        filters,
        p.c.id, v.c.id, p.c.insurer, p.c.name, v.c.title, v.c.version_label, v.c.registration_no, v.c.reg_date,
        p.c.rider, func.coalesce(main.c.name, p.c.main_product_name), v.c.line, v.c.liability_type, v.c.ip_right,
        v.c.function, v.c.article_count, v.c.is_latest, src.c.path,
    )  # fmt: skip


class ClauseDB:
    """The clause database at `url` (an SQLite path or URL, or postgresql://…; None
    means $TIAOKUAN_DB or ./tiaokuan.db). Opening it brings the schema up to date;
    with `create=False` an SQLite file that does not exist is an error instead of a
    new empty database (for commands that only read)."""

    def __init__(self, url: str | None = None, *, create: bool = True):
        self.url = resolve_url(url)
        if not create:
            require_existing(self.url)
        self._reader, self._writer = make_engines(self.url)
        upgrade(self._writer, self.url)

    def close(self) -> None:
        self._reader.dispose()
        self._writer.dispose()

    def __enter__(self) -> ClauseDB:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with transaction(self._reader, self.url) as conn:
            yield conn

    def add(self, result: ParseResult) -> list[int]:
        """Store a parsed file in one transaction; returns its version ids (those stored
        before when the same bytes were added already)."""
        ids = self.write(prepare(result))
        return ids if ids is not None else self.versions_of(result.source.sha256)

    def write(self, prepared: Prepared) -> list[int] | None:
        """Store one prepared file in one transaction; None when its bytes are stored already."""
        try:
            with transaction(self._writer, self.url) as conn:
                return write_prepared(conn, prepared)
        except IntegrityError as e:
            # Another writer stored the same bytes between our check and our insert.
            with self.read() as conn:
                if conn.execute(select(s.sources.c.id).where(s.sources.c.sha256 == prepared.sha256)).first():
                    return None
            first_line = str(e.orig).strip().splitlines()[0]
            raise DatabaseError(prepared.path, _("未存入，没有写入任何内容（{reason}）；请报告这个文件").format(reason=first_line)) from None

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        jobs: int = 1,
        dask: str | None = None,
        options: ParseOptions = ParseOptions(),
        on_start=None,
        on_file=None,
        fetch: FetchSettings = FetchSettings(),
        sister_layout: bool = True,
    ) -> IngestReport:
        """Parse and store files, folders and http(s) URLs; see `clauses_db.ingest.ingest`."""
        return ingest(
            self, paths, jobs=jobs, dask=dask, options=options, on_start=on_start, on_file=on_file, fetch=fetch, sister_layout=sister_layout
        )

    def search(self, query: str, filters: Filters = Filters(), limit: int = 20, substring: bool = False) -> list[Hit]:
        with self.read() as conn:
            return search(conn, query, filters, limit, substring)

    def products(self, filters: Filters = Filters()) -> list[ProductVersion]:
        """Product versions matching the filters (latest filing of each by default)."""
        v = s.versions
        q = _listing(filters)
        if filters.section_type or filters.category:
            # versions with at least one article that passes the article filters
            q = q.where(v.c.id.in_(article_listing(filters, s.articles.c.version_id)))
        with self.read() as conn:
            return [ProductVersion(*row) for row in conn.execute(q)]

    def version(self, version_id: int) -> ProductVersion:
        """The listing entry of one stored version (any filing, latest or not)."""
        q = _listing(Filters(version="all")).where(s.versions.c.id == version_id)
        with self.read() as conn:
            row = conn.execute(q).first()
        if row is None:
            raise NotFoundError(None, _("没有 id 为 {id} 的版本").format(id=version_id))
        return ProductVersion(*row)

    def find_version(self, product: str, version: str = "latest", insurer: str | None = None) -> ProductVersion:
        """The one version of `product` (exact name, else the only name containing it),
        of the insurer `insurer` names (its full or short name or part of it; None: any).
        A name several insurers' products share is an error listing how to name each."""
        candidates = self.products(Filters(product=product, version=version))
        if not candidates:
            raise NotFoundError(self.url, _("没有与“{product}”相符的产品（版本 {version}）；用 `tiaokuan products` 列出产品").format(product=product, version=version))
        if insurer is not None:
            named = set(insurers_named(insurer, [c.insurer for c in candidates]))
            if not named:
                others = "、".join(sorted({insurer_short_name(c.insurer) or _("（未注明）") for c in candidates}))
                said = _("没有名为“{insurer}”的保险公司的产品与“{product}”相符；这些产品的保险公司：{others}")
                raise NotFoundError(self.url, said.format(product=product, insurer=insurer, others=others))
            candidates = [c for c in candidates if c.insurer in named]
        exact = [c for c in candidates if c.product == product]
        chosen = exact or candidates
        names = spellings(chosen)
        if len(names) > 1:
            more = "…" if len(names) > 8 else ""
            raise NotFoundError(self.url, _("“{product}”与 {n} 个产品相符；请指明其中一个：{names}{more}").format(product=product, n=len(names), names=_("、").join(names[:8]), more=more))
        return chosen[-1]

    def generation(self) -> tuple[int, int]:
        """Changes whenever a version is added (versions are never changed in place):
        (number of versions, highest id). Lets a reader cache what it built from them."""
        with self.read() as conn:
            count, top = conn.execute(select(func.count(), func.max(s.versions.c.id))).one()
        return count, top or 0

    def exclusion_counts(self, version_ids: list[int]) -> dict[tuple[str, str], int]:
        """How many of these versions make each canonical exclusion, by line of business:
        {(line, exclusion label): versions}."""
        if not version_ids:
            return {}
        m, v = s.mapped_terms, s.versions
        q = (
            select(v.c.line, m.c.label, func.count(distinct(m.c.version_id)))
            .join(v, v.c.id == m.c.version_id)
            .where(m.c.kind == "exclusion", m.c.key != "unmapped", m.c.version_id.in_(version_ids))
            .group_by(v.c.line, m.c.label)
        )
        with self.read() as conn:
            return {(line or "other", label): n for line, label, n in conn.execute(q)}

    def versions_of(self, sha256: str) -> list[int]:
        """The versions stored from the file with these bytes (its first source or a later copy)."""
        v, vs, src = s.versions, s.version_sources, s.sources
        with self.read() as conn:
            direct = select(v.c.id).join(src, src.c.id == v.c.source_id).where(src.c.sha256 == sha256)
            copies = select(vs.c.version_id).join(src, src.c.id == vs.c.source_id).where(src.c.sha256 == sha256)
            return sorted(set(conn.execute(direct).scalars()) | set(conn.execute(copies).scalars()))

    def versions_filed_as(self, number: str) -> list[int]:
        """The versions that print this filing number (备案编号), however it is spaced."""
        fn = s.filing_numbers
        with self.read() as conn:
            return sorted(set(conn.execute(select(fn.c.version_id).where(fn.c.number == filing_key(number))).scalars()))

    def source_of(self, version_id: int) -> tuple[str, str, int]:
        """Where a stored version was read from: the file's path and SHA-256 as
        recorded at ingest, and the clause's place among the file's clauses."""
        v = s.versions
        q = select(s.sources.c.path, s.sources.c.sha256, v.c.document).join(s.sources, s.sources.c.id == v.c.source_id).where(v.c.id == version_id)
        with self.read() as conn:
            row = conn.execute(q).first()
        if row is None:
            raise NotFoundError(None, _("没有 id 为 {id} 的版本").format(id=version_id))
        return row[0], row[1], row[2]

    def load(self, version_id: int) -> ClauseDocument:
        """A stored version rebuilt exactly as it was parsed."""
        with self.read() as conn:
            if conn.execute(select(s.versions.c.id).where(s.versions.c.id == version_id)).first() is None:
                raise NotFoundError(None, _("没有 id 为 {id} 的版本").format(id=version_id))
            return load_version(conn, version_id)

    def export(self, fmt: str, path: str | os.PathLike[str], filters: Filters = Filters()) -> int:
        """Write the matching articles as jsonl, csv or xlsx; returns the row count."""
        from .export import ARTICLE_COLUMNS, article_rows, to_csv, to_jsonl, to_xlsx

        out = Path(path)
        with self.read() as conn:
            rows = article_rows(conn, filters)
            if fmt == "jsonl":
                return to_jsonl(rows, out)
            if fmt == "csv":
                return to_csv(rows, ARTICLE_COLUMNS, out)
            if fmt == "xlsx":
                return to_xlsx(rows, ARTICLE_COLUMNS, out, _("条文"))
        raise OptionsError(str(out), _("未知的导出格式 {fmt!r}；请用 jsonl、csv 或 xlsx").format(fmt=fmt))

    def catalog(self, fmt: str, path: str | os.PathLike[str], filters: Filters = Filters()) -> int:
        """Write the product catalog (one row per product version) as xlsx, csv or html."""
        from .export import CATALOG_COLUMNS, catalog_rows, to_csv, to_html, to_xlsx

        out = Path(path)
        with self.read() as conn:
            rows = catalog_rows(conn, filters)
        if fmt == "xlsx":
            return to_xlsx(rows, CATALOG_COLUMNS, out, _("产品目录"))
        if fmt == "csv":
            return to_csv(rows, CATALOG_COLUMNS, out)
        if fmt == "html":
            return to_html(rows, CATALOG_COLUMNS, out, _("保险产品目录"))
        raise OptionsError(str(out), _("未知的目录格式 {fmt!r}；请用 xlsx、csv 或 html").format(fmt=fmt))

    def load_source(self, version_id: int) -> Source:
        """The file a version was read from."""
        v, src = s.versions, s.sources
        with self.read() as conn:
            row = conn.execute(select(src).join(v, v.c.source_id == src.c.id).where(v.c.id == version_id)).mappings().first()
        if row is None:
            raise NotFoundError(None, _("没有 id 为 {id} 的版本").format(id=version_id))
        return Source(row["path"], row["sha256"], SourceFormat(row["format"]), row["pages"], tuple(row["ocr_pages"]))

    def integrity_problems(self) -> list[str]:
        """What is wrong with the stored data, empty when nothing is: the engine's own
        check (SQLite), sources stored twice, and sources or versions with parts missing."""
        problems: list[str] = []
        with self.read() as conn:
            if conn.dialect.name == "sqlite":
                result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                if result != ["ok"]:
                    problems += result
                problems += [f"foreign key: {tuple(r)}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")]
            dupes = conn.execute(select(s.sources.c.sha256).group_by(s.sources.c.sha256).having(func.count() > 1)).all()
            problems += [f"source stored twice: {d[0]}" for d in dupes]
            used = select(s.versions.c.source_id).union(select(s.version_sources.c.source_id))
            empty = conn.execute(select(s.sources.c.path).where(~s.sources.c.id.in_(used))).all()
            problems += [f"source without versions: {e[0]}" for e in empty]
            counted = select(s.articles.c.version_id, func.count().label("n")).where(s.articles.c.number.is_not(None)).group_by(s.articles.c.version_id).subquery()
            wrong = conn.execute(
                select(s.versions.c.id).outerjoin(counted, counted.c.version_id == s.versions.c.id).where(func.coalesce(counted.c.n, 0) != s.versions.c.article_count)
            ).all()
            problems += [f"version {w[0]} has a different number of articles than it recorded" for w in wrong]
            latest = conn.execute(
                select(s.versions.c.product_id).group_by(s.versions.c.product_id).having(func.sum(cast(s.versions.c.is_latest, Integer)) != 1)
            ).all()
            problems += [f"product {p[0]} has no single latest version" for p in latest]
        return problems
