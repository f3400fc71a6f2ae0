"""The clause database on SQLite and on a real PostgreSQL server: parse → store →
load is lossless, re-ingest changes nothing, new bytes make new versions, a file is
written whole or not at all, search finds Chinese words, bad files do not stop a batch."""

from __future__ import annotations

import json
import re
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tiaokuan.clauses_db import ClauseDB, ClauseFinder, Filters, MatchKind, Outcome, with_insurer
from tiaokuan.clauses_db import schema as s
from tiaokuan.clauses_db.store import prepare
from tiaokuan.cli import main
from tiaokuan.errors import DatabaseError, NotFoundError
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
    ParseResult,
    Registration,
    Section,
    SectionType,
    Semantics,
    Source,
    SourceFormat,
    Span,
    Table,
    Taxonomy,
    TermValue,
)
from tiaokuan.parse.api import parse_file

from .conftest import ROOT, SAMPLES
from .damaged import damage_checksum_of_first_stream, damage_docx_member, docx_with_document_of

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


def _count(db: ClauseDB, table) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def db(db_url: str):
    with ClauseDB(db_url) as opened:
        yield opened


def test_every_sample_round_trips_exactly(db: ClauseDB) -> None:
    first: dict[int, object] = {}  # version id → the document first stored as it
    for path in SAMPLE_FILES:
        result = parse_file(path)
        version_ids = db.write(prepare(result))
        assert version_ids is not None and len(version_ids) == len(result.documents)
        for vid, doc in zip(version_ids, result.documents, strict=True):
            first.setdefault(vid, doc)
            # Another format of a filing already stored is that version, not a new one.
            assert db.load(vid) == first[vid], path.name
            if first[vid] is doc:
                assert db.load_source(vid) == result.source
    assert len(first) < sum(len(parse_file(p).documents) for p in SAMPLE_FILES)
    assert db.integrity_problems() == []


# -- generated documents: store → load gives back every field ----------------------
_text = st.text(alphabet=st.sampled_from("保险人被保险第一二三条款免赔额，。；（）\n 0123456789abc"), max_size=30)
_opt_text = st.none() | _text
_pages = st.lists(st.integers(1, 50), max_size=3).map(tuple)
_value = st.none() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False, width=32) | _text
_entity = st.builds(
    Entity,
    st.sampled_from(list(EntityType)),
    _text,
    st.integers(0, 500),
    st.integers(0, 500),
    _value,
    st.lists(st.tuples(st.sampled_from(["unit", "days", "currency", "target"]), _value), max_size=3).map(tuple),
)
_categories = st.lists(st.sampled_from(["exclusion", "coverage", "deductible"]), max_size=2, unique=True).map(tuple)
_leaf_item = st.builds(Item, _opt_text, _text, st.integers(0, 20), st.just(()), st.booleans(), _categories)
_item = _leaf_item | st.builds(
    Item, _opt_text, _text, st.integers(0, 20), st.lists(_leaf_item, max_size=2).map(tuple), st.booleans(), _categories
)
_article = st.builds(
    Article,
    st.none() | st.integers(1, 99),
    _opt_text,
    _text,
    st.booleans(),
    _pages,
    st.lists(_text, max_size=2).map(tuple),
    st.lists(_item, max_size=3).map(tuple),
    st.tuples(st.integers(0, 100), st.integers(0, 100)),
    st.lists(st.builds(Box, st.integers(1, 9), st.floats(0, 600, width=32), st.floats(0, 800, width=32), st.floats(0, 600, width=32), st.floats(0, 800, width=32)), max_size=2).map(tuple),
    st.lists(st.builds(Span, st.integers(0, 50), st.integers(0, 50)), max_size=2).map(tuple),
    st.lists(_entity, max_size=3).map(tuple),
    st.lists(st.sampled_from(["coverage", "limit", "general"]), max_size=2, unique=True).map(tuple),
    st.lists(st.just("exclusion_outside_exclusions"), max_size=1).map(tuple),
    st.none() | st.floats(0, 1, width=32),  # OCR confidence: None for a text layer
    st.lists(st.sampled_from(["/html/body/div/p[3]", "/html/body/table/tr[2]/td[1]"]), max_size=2).map(tuple),  # web page elements
)
_registration = st.builds(Registration, st.just("C00026231912025021007733"), _text, _text, _opt_text, st.booleans(), st.just("2025-02-10"))
_semantics = st.builds(
    Semantics,
    st.lists(
        st.tuples(st.sampled_from(["trigger", "territory", "limit_kinds"]), st.builds(TermValue, _text | st.lists(_text, max_size=2).map(tuple), st.none() | st.integers(1, 40), _opt_text)),
        max_size=3,
    ).map(tuple),
    st.lists(st.builds(Mapped, _text, _text, st.none() | st.integers(1, 40), _opt_text, _text), max_size=2).map(tuple),
    st.lists(st.builds(Mapped, _text, _text, st.none() | st.integers(1, 40), _opt_text, _text), max_size=2).map(tuple),
    st.builds(Taxonomy, st.sampled_from(["ip", "liability", "health"]), _opt_text, _opt_text, _opt_text, st.none() | _registration, st.none() | st.booleans(),
              st.none() | st.sampled_from(["medical", "annuity", "other"])),
)
_filing = st.builds(
    FilingNumber, st.sampled_from(list(FilingKind)), _text, _text, _text, st.integers(1990, 2030), st.from_regex(r"\d{1,5}", fullmatch=True), st.none() | st.booleans()
)
_document = st.builds(
    ClauseDocument,
    _opt_text,
    _opt_text,
    _opt_text,
    _opt_text,
    st.just(None),
    st.booleans(),
    st.lists(_text, max_size=2).map(tuple),
    st.lists(st.builds(Section, _opt_text, st.sampled_from(list(SectionType)), st.lists(_article, max_size=3).map(tuple), _opt_text, _pages), max_size=3).map(tuple),
    st.lists(st.builds(Definition, _text, _text, st.none() | st.integers(1, 40), _pages), max_size=2).map(tuple),
    st.lists(st.builds(Table, _opt_text, st.lists(st.lists(_text, max_size=3).map(tuple), max_size=3).map(tuple), _pages, st.booleans()), max_size=2).map(tuple),
    st.none() | _semantics,
    st.lists(_filing, max_size=2).map(tuple),
    _opt_text,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(doc=_document)
def test_store_then_load_is_lossless(db: ClauseDB, doc: ClauseDocument) -> None:
    # The 注册号 is decoded from the document's number, so a registration needs one.
    if doc.semantics and doc.semantics.taxonomy.registration:
        doc = replace(doc, registration_no=doc.semantics.taxonomy.registration.number)
    sha = secrets.token_hex(32)  # a new source each example; the database is shared
    # A new product too: the same words filed again for one product are one version.
    doc = replace(doc, product=f"{doc.product or ''}{sha[:12]}")
    result = ParseResult(Source(f"gen/{sha[:8]}.txt", sha, SourceFormat.TEXT, 1), (doc,))
    (version_id,) = db.write(prepare(result))
    assert db.load(version_id) == doc


# -- ingest ------------------------------------------------------------------------
def test_reingest_changes_nothing_and_new_bytes_make_a_new_version(db: ClauseDB, tmp_path: Path) -> None:
    folder = tmp_path / "clauses"
    folder.mkdir()
    for name in ("patent-enforcement-with-rider.txt", "trademark-numbering-lost.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    first = db.ingest([folder])
    assert first.count(Outcome.ADDED) == 2 and not first.failures
    counts = {t.name: _count(db, t) for t in (s.sources, s.versions, s.articles, s.items, s.entities)}
    again = db.ingest([folder])
    assert again.count(Outcome.UNCHANGED) == 2 and again.count(Outcome.ADDED) == 0
    assert {t.name: _count(db, t) for t in (s.sources, s.versions, s.articles, s.items, s.entities)} == counts

    # A changed copy of the main clause (one article amended) is a new version.
    original = (folder / "patent-enforcement-with-rider.txt").read_text(encoding="utf-8")
    amended = original.replace("三十日", "二十日", 1)
    assert amended != original
    (folder / "patent-enforcement-2027.txt").write_text(amended, encoding="utf-8")
    third = db.ingest([folder])
    assert third.count(Outcome.ADDED) == 1
    versions = db.products(Filters(product="澄川专利执行保险", version="all"))
    assert len(versions) == 2 and sum(v.is_latest for v in versions) == 1
    assert versions[-1].is_latest and versions[-1].source.endswith("patent-enforcement-2027.txt")
    rider = [p for p in db.products() if p.main_product == "澄川专利执行保险"]
    assert rider, "the bundled rider names its main product"
    assert db.integrity_problems() == []


def test_a_file_is_written_whole_or_not_at_all(db: ClauseDB) -> None:
    result = parse_file(SAMPLES / "patent-enforcement-with-rider.txt")
    assert len(result.documents) == 2
    prepared = prepare(result)
    # The second document's first article lacks its (non-null) text: the insert fails
    # after the source, the product and the first document were written.
    broken_article = {**prepared.documents[1].sections[0].articles[0].row, "text": None}
    prepared.documents[1].sections[0].articles[0].row.clear()
    prepared.documents[1].sections[0].articles[0].row.update(broken_article)
    with pytest.raises(DatabaseError, match="未存入，没有写入任何内容"):
        db.write(prepared)
    for table in (s.sources, s.products, s.versions, s.articles):
        assert _count(db, table) == 0, table.name


def test_bad_files_do_not_stop_the_batch(db_url: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SAMPLES / "bold-exclusions.pdf", folder / "good.pdf")
    (folder / "truncated.pdf").write_bytes((SAMPLES / "bold-exclusions.pdf").read_bytes()[:900])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "rates.md").write_text("| 保险期间 | 费率 |\n|---|---|\n| 一年 | 0.5% |\n", encoding="utf-8")
    (folder / "bomb.docx").write_bytes(docx_with_document_of(40 * 1024 * 1024))
    (folder / "member.docx").write_bytes(damage_docx_member((SAMPLES / "ip-multipart.docx").read_bytes(), "word/document.xml"))
    # Damaged in one stream only: the text is still there, with a warning.
    (folder / "checksum.pdf").write_bytes(damage_checksum_of_first_stream((SAMPLES / "headers-footers.pdf").read_bytes()))
    shutil.copytree(ROOT / "tests" / "data" / "fuzz-regressions", folder / "fuzzed")  # inputs that once crashed the parser
    report = tmp_path / "report.json"
    code = main(["ingest", str(folder), "--db", db_url, "--report", str(report), "--no-progress"])
    assert code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    outcomes = {Path(f["path"]).name: f["outcome"] for f in data["files"] if Path(f["path"]).parent == folder}
    assert len(data["files"]) == len(outcomes) + len(list((folder / "fuzzed").iterdir()))
    assert outcomes == {
        "good.pdf": "added", "truncated.pdf": "failed", "empty.txt": "failed", "empty.pdf": "failed", "rates.md": "not_a_clause",
        "bomb.docx": "failed", "member.docx": "failed", "checksum.pdf": "added",
    }  # fmt: skip
    for f in data["files"]:
        if f["outcome"] == "failed":
            assert f["message"].startswith(f"{f['path']}：") and "\n" not in f["message"] and "内部错误" not in f["message"] and "意外错误" not in f["message"]
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Data-loss" not in err, "library noise reached the terminal"
    with ClauseDB(db_url) as db:
        added = [f for f in data["files"] if f["outcome"] == "added"]
        assert len(db.products(Filters(version="all"))) >= 2 and db.integrity_problems() == []
        with db.read() as conn:
            stored = set(conn.execute(select(s.sources.c.path)).scalars())
        assert stored == {f["path"] for f in added}, "a failed file left rows behind"


# -- search -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_db(module_db_url: str) -> Iterator[ClauseDB]:
    """The sample corpus, ingested once per backend; tests that add to it take `db`."""
    with ClauseDB(module_db_url) as db:
        report = db.ingest([SAMPLES])
        assert not report.failures
        yield db


def test_search_finds_words_not_stray_characters(sample_db: ClauseDB) -> None:
    hits = sample_db.search("免赔额", limit=50)
    assert hits and all(h.match is MatchKind.WORD for h in hits)
    assert all("【免赔额】" in h.snippet for h in hits)
    assert {h.product for h in hits} >= {"澄川专利执行保险", "集成电路布图设计专有权保险"}
    assert all(h.insurer == "澄川财产保险股份有限公司" and h.article_number and h.page for h in hits)
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks, reverse=True)
    # 赔额 is not a word anywhere: only a substring search finds it, and says so.
    assert all(h.match is MatchKind.SUBSTRING for h in sample_db.search("赔额"))


def test_search_filters(sample_db: ClauseDB) -> None:
    exclusions = sample_db.search("故意", Filters(section_type="exclusions"), limit=50)
    assert exclusions and {h.section_type for h in exclusions} == {"exclusions"}
    ip_only = sample_db.search("保险责任", Filters(line="ip", product="植物新品种"), limit=50)
    assert ip_only and {h.product for h in ip_only} == {"植物新品种权保险"}
    by_category = sample_db.search("保险费", Filters(category="cancellation"), limit=50)
    assert by_category
    with sample_db.read() as conn:
        for h in by_category:
            cats = conn.execute(select(s.article_categories.c.category).where(s.article_categories.c.article_id == h.article_id)).scalars().all()
            assert "cancellation" in cats
    latest = sample_db.search("免赔额", limit=100)
    everything = sample_db.search("免赔额", Filters(version="all"), limit=100)
    assert len(everything) > len(latest)  # the same clause as .txt, .docx and .pdf: three filings


def test_cli_search_products_show(sample_db: ClauseDB, capsys) -> None:
    url = sample_db.url
    assert main(["search", "免赔额", "--db", url, "--json", "--limit", "3"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 3 and all("【免赔额】" in h["snippet"] for h in lines)
    assert main(["products", "--db", url, "--json", "--line", "ip"]) == 0
    products = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {p["product"] for p in products} >= {"澄川专利执行保险", "地理标志被侵权损失保险"}
    assert main(["show", "澄川专利执行保险", "--db", url, "--article", "4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("第四条 在保险期间内") and "，第 1 页" in out
    assert main(["show", "没有这个产品", "--db", url]) == 1
    assert "没有与“没有这个产品”相符的产品" in capsys.readouterr().err


def test_bad_databases_get_one_line_errors(tmp_path: Path, capsys) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("not a database", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    for command, url, expected in (
        ("products", str(not_a_db), "无法打开数据库"),
        ("products", str(blocker / "sub" / "x.db"), "这里没有条款数据库"),
        ("ingest", str(blocker / "sub" / "x.db"), "无法创建数据库文件所在的文件夹"),
        ("products", "postgresql://nobody@127.0.0.1:1/x", "无法打开数据库"),
        ("products", "mysql+nothing://x/y", "不是 tiaokuan 能用的数据库地址"),
    ):
        args = [command, "--db", url] + ([str(SAMPLES / "bold-exclusions.txt"), "--report", str(tmp_path / "r.json")] if command == "ingest" else [])
        assert main(args) == 1
        err = capsys.readouterr().err
        assert err.startswith("错误：") and expected in err and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [["search", "免赔额"], ["products"], ["show", "澄川专利执行保险"], ["export", "-o", "x.xlsx"], ["catalog", "-o", "c.xlsx"],
     ["compare", "澄川专利执行保险", "著作权侵权责任保险"], ["diff", "澄川专利执行保险", "著作权侵权责任保险"],
     ["new-spec", "澄川专利执行保险"], ["pack", "澄川专利执行保险", "著作权侵权责任保险", "-o", "p.docx"], ["serve", "--read-only"]],
    ids=lambda a: a[0],
)
def test_reading_a_database_that_does_not_exist_creates_nothing(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "doesnotexist.db"
    assert main([*args, "--db", str(missing)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"错误：{missing}：这里没有条款数据库；") and len(err.splitlines()) == 1 and "tiaokuan ingest" in err, err
    assert list(tmp_path.iterdir()) == [], "a command that only reads must leave nothing behind"


def test_migrations_build_exactly_the_schema(db: ClauseDB) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.read() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), s.metadata)
    # The search indexes are made by the migration only (FTS5 tables; the tsvector column).
    search_only = {"article_words", "article_chars"} | {f"article_{n}_{x}" for n in ("words", "chars") for x in ("data", "idx", "docsize", "config", "content")}
    real = [d for d in differences if not (d[0] == "remove_table" and d[1].name in search_only) and not (d[0] == "remove_column" and d[3].name == "words")]
    real = [d for d in real if not (isinstance(d, list) or d[0] == "remove_index" and d[1].name in ("ix_articles_words", "ix_articles_text_trgm"))]
    assert real == []


def test_the_same_filing_in_several_formats_is_one_version(sample_db: ClauseDB) -> None:
    versions = sample_db.products(Filters(product="集成电路布图设计专有权保险", version="all"))
    assert len(versions) == 1  # the .md source, .txt, .docx and .pdf say the same words
    with sample_db.read() as conn:
        also = conn.execute(select(func.count()).select_from(s.version_sources).where(s.version_sources.c.version_id == versions[0].version_id)).scalar_one()
    assert also == 4  # .txt, .docx, .pdf and the Word-exported page html/bold-exclusions.word.html
    hits = sample_db.search("免赔额", Filters(product="集成电路布图设计专有权保险", version="all"), limit=50)
    assert len({h.article_id for h in hits}) == len(hits) and len({h.version_id for h in hits}) == 1
    assert sample_db.integrity_problems() == []


def test_exclusion_counts_and_generation(db: ClauseDB, tmp_path: Path) -> None:
    sample_db = db  # its own copy: this test adds a version
    assert not sample_db.ingest([SAMPLES]).failures
    latest = sample_db.products()
    counts = sample_db.exclusion_counts([p.version_id for p in latest])
    # Every sample makes the deductible an exclusion; they are all IP products.
    assert counts[("ip", "免赔额（率）")] == len(latest)
    assert all(line == "ip" and 0 < n <= len(latest) for (line, _), n in counts.items())
    assert sample_db.exclusion_counts([]) == {}
    before = sample_db.generation()
    assert before[0] >= len(latest) and before[1] >= max(p.version_id for p in latest)
    extra = tmp_path / "extra.txt"
    extra.write_text((SAMPLES / "bold-exclusions.txt").read_text(encoding="utf-8").replace("专有权保险条款", "专有权保险（乙）条款", 1), encoding="utf-8")
    sample_db.ingest([extra])
    assert sample_db.generation() > before


# -- one product name, two insurers ---------------------------------------------------
SHARED_NAME = "集成电路布图设计专有权保险"
SAMPLE_INSURER = "澄川财产保险股份有限公司"
OTHER_INSURER = "青岚科技保险股份有限公司"  # fictional, like 澄川
OTHER_REGISTRATION = "C00088831912026010100011"


def _other_insurers_filing(folder: Path) -> Path:
    """The sample 集成电路布图设计专有权保险 as a second insurer files it: the same
    wording under its own insurer line and 注册号."""
    text = (SAMPLES / "bold-exclusions.txt").read_text(encoding="utf-8")
    assert text.startswith(f"{SAMPLE_INSURER}\n{SHARED_NAME}条款\n注册号：C00999930612026010100085\n")
    path = folder / "other-insurer-layout-design.txt"
    path.write_text(text.replace(SAMPLE_INSURER, OTHER_INSURER, 1).replace("C00999930612026010100085", OTHER_REGISTRATION, 1), encoding="utf-8")
    return path


@pytest.fixture
def two_insurers(db: ClauseDB, tmp_path: Path) -> ClauseDB:
    """The sample product and the same-named product of a second insurer."""
    assert not db.ingest([SAMPLES / "bold-exclusions.txt", _other_insurers_filing(tmp_path)]).failures
    return db


def test_a_name_two_insurers_share_is_named_with_its_insurer(two_insurers: ClauseDB) -> None:
    db, finder = two_insurers, ClauseFinder(two_insurers)
    ids = {v.insurer: v.version_id for v in db.products() if v.product == SHARED_NAME}
    assert set(ids) == {SAMPLE_INSURER, OTHER_INSURER}
    with pytest.raises(NotFoundError) as bare:
        finder.resolve(SHARED_NAME)
    assert f"请指明其中一个：澄川:{SHARED_NAME}、青岚科技:{SHARED_NAME}" in bare.value.detail and "\n" not in str(bare.value)
    for ref, insurer in (
        (f"青岚科技:{SHARED_NAME}", OTHER_INSURER),
        (f"青岚科技：{SHARED_NAME}", OTHER_INSURER),
        (f"澄川:{SHARED_NAME}", SAMPLE_INSURER),
        (f"{OTHER_INSURER}:{SHARED_NAME}", OTHER_INSURER),
        (with_insurer(SHARED_NAME, "青岚"), OTHER_INSURER),
    ):
        found = finder.resolve(ref)
        assert found.document.insurer == insurer and found.name == SHARED_NAME, ref
    assert db.find_version(SHARED_NAME, insurer="青岚科技").version_id == ids[OTHER_INSURER]
    assert db.find_version("布图设计", insurer="澄川").version_id == ids[SAMPLE_INSURER]  # part of the name, narrowed
    with pytest.raises(NotFoundError, match="没有名为“人保”的保险公司的产品.*；这些产品的保险公司：澄川、青岚科技$"):
        db.find_version(SHARED_NAME, insurer="人保")
    # --insurer narrows names only: an id, a 注册号 or a name that names its insurer stays as it is.
    for ref in (str(ids[SAMPLE_INSURER]), OTHER_REGISTRATION, f"澄川:{SHARED_NAME}"):
        assert with_insurer(ref, "青岚科技") == ref
    # Listings take the short name too.
    assert {v.insurer for v in db.products(Filters(insurer="青岚科技"))} == {OTHER_INSURER}


def test_cli_names_the_insurer_where_names_collide(two_insurers: ClauseDB, capsys: pytest.CaptureFixture[str]) -> None:
    url = two_insurers.url
    assert main(["products", "--db", url, "--json"]) == 0
    listed = {p["insurer"]: p["version_id"] for p in map(json.loads, capsys.readouterr().out.splitlines())}
    assert main(["products", "--db", url]) == 0
    table = capsys.readouterr().out
    assert sorted(int(i) for i in re.findall(r"^│ (\d+) +│", table, flags=re.M)) == sorted(listed.values())

    assert main(["show", SHARED_NAME, "--db", url]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and f"澄川:{SHARED_NAME}" in err and f"青岚科技:{SHARED_NAME}" in err
    for args, insurer in (([f"青岚科技：{SHARED_NAME}"], OTHER_INSURER), ([SHARED_NAME, "--insurer", "澄川"], SAMPLE_INSURER)):
        assert main(["show", *args, "--db", url, "--article", "1"]) == 0
        assert capsys.readouterr().out.strip().splitlines()[-1].startswith(f"— {insurer} {SHARED_NAME}")

    # The ids `products` shows are what compare takes; the columns say whose product is whose.
    assert main(["compare", str(listed[SAMPLE_INSURER]), str(listed[OTHER_INSURER]), "--db", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["products"] == [f"澄川 {SHARED_NAME}", f"青岚科技 {SHARED_NAME}"]
    assert main(["compare", f"青岚科技:{SHARED_NAME}", SHARED_NAME, "--insurer", "澄川", "--db", url, "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert f"青岚科技 {SHARED_NAME}" in markdown and f"澄川 {SHARED_NAME}" in markdown and "#1" not in markdown
    assert markdown.index(f"青岚科技 {SHARED_NAME}") < markdown.index(f"澄川 {SHARED_NAME}")  # in the order named
    assert main(["compare", SHARED_NAME, str(listed[OTHER_INSURER]), "--db", url]) == 1
    assert f"青岚科技:{SHARED_NAME}" in capsys.readouterr().err
    assert main(["diff", f"澄川:{SHARED_NAME}", f"青岚科技:{SHARED_NAME}", "--db", url, "--format", "txt"]) == 0
    old, new = capsys.readouterr().out.splitlines()[:2]
    assert f"澄川 {SHARED_NAME}" in old and f"青岚科技 {SHARED_NAME}" in new


def test_a_copy_that_lost_its_labels_is_read_beside_the_labelled_clause(tmp_path: Path) -> None:
    """`resolve_all` (compare, diff, the comparison pack) restores a copy's lost
    numbering by the layout of the labelled clause it is read with: from files, and
    from the database while the recorded file is there unchanged."""
    from .test_numbering import _LABELLED, _lost_copy

    labelled, copy = tmp_path / "运输.txt", tmp_path / "仓储.txt"
    labelled.write_text(_LABELLED, encoding="utf-8")
    copy.write_text(_lost_copy(_LABELLED), encoding="utf-8")
    shape = lambda r: [(a.number, len(a.paragraphs)) for a in r.document.articles]  # noqa: E731
    assert shape(ClauseFinder().resolve(str(copy))) == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]
    restored = [(1, 1), (2, 1), (3, 1), (4, 2), (5, 1)]
    assert [shape(r) for r in ClauseFinder().resolve_all([str(labelled), str(copy)])] == [restored, restored]

    db = ClauseDB(str(tmp_path / "c.db"))
    ids = [str(db.add(parse_file(p))[0]) for p in (labelled, copy)]
    finder = ClauseFinder(db)
    assert shape(finder.resolve(ids[1])) == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]  # as stored
    assert shape(finder.resolve_all(ids)[1]) == restored
    copy.write_text(_lost_copy(_LABELLED) + "\n", encoding="utf-8")  # not the file that was stored
    assert shape(finder.resolve_all(ids)[1]) == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]
    db.close()


def test_ingest_stores_a_copy_that_lost_its_labels_as_restored_beside_the_batchs_labelled_clause(tmp_path: Path) -> None:
    """A batch holding a labelled clause and a copy that lost its labels stores the
    copy with the numbering the labelled clause's layout restores (as `compare` reads
    it); --each-alone, or the copy alone in its batch, stores it as read alone."""
    from .test_numbering import _LABELLED, _lost_copy

    labelled, copy = tmp_path / "运输.txt", tmp_path / "仓储.txt"
    labelled.write_text(_LABELLED, encoding="utf-8")
    copy.write_text(_lost_copy(_LABELLED), encoding="utf-8")
    alone = [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]
    restored = [(1, 1), (2, 1), (3, 1), (4, 2), (5, 1)]

    def stored_shapes(db: ClauseDB) -> dict[str, list[tuple[int | None, int]]]:
        finder = ClauseFinder(db)
        with db.read() as conn:
            rows = conn.execute(select(s.versions.c.id, s.sources.c.path).join(s.sources, s.sources.c.id == s.versions.c.source_id)).all()
        return {Path(path).name: [(a.number, len(a.paragraphs)) for a in finder.resolve(str(vid)).document.articles] for vid, path in rows}

    for jobs in (1, 2):
        db = ClauseDB(str(tmp_path / f"batch{jobs}.db"))
        report = db.ingest([str(copy), str(labelled)], jobs=jobs)
        assert [f.outcome.value for f in report.files].count("added") == 2
        assert stored_shapes(db) == {"运输.txt": restored, "仓储.txt": restored}
        db.close()
    db = ClauseDB(str(tmp_path / "alone.db"))
    db.ingest([str(copy), str(labelled)], sister_layout=False)
    assert stored_shapes(db)["仓储.txt"] == alone
    db.close()
    db = ClauseDB(str(tmp_path / "single.db"))
    db.ingest([str(copy)])
    assert stored_shapes(db) == {"仓储.txt": alone}
    db.close()
