"""Lines of business beyond property and liability (accident, health, life,
agriculture, surety, credit), the kind of product within a line, and the canonical
exclusions of each line: real products and made-up names land on the right line and
kind, exclusion wordings map with the common list plus their line's, never with
another line's, and a database written before the split (or before kinds) is
rewritten by its migration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiaokuan.model import LEGACY_LINES, LINE_KINDS, LINES_OF_BUSINESS
from tiaokuan.parse import from_dict, parse_bytes, to_dict
from tiaokuan.parse.api import parse_file
from tiaokuan.parse.language.taxonomy import LINE_CODES, classify
from tiaokuan.text.exclusions import (
    AGRICULTURE_EXCLUSIONS,
    PEOPLE_EXCLUSIONS,
    SURETY_CREDIT_EXCLUSIONS,
    exclusions_for,
)
from tiaokuan.text.vocab import EXCLUSIONS, VALUE_WORDS, map_all

COMMON_KEYS = {c.key for c in EXCLUSIONS}
LINE_KEYS = {c.key for c in PEOPLE_EXCLUSIONS + AGRICULTURE_EXCLUSIONS + SURETY_CREDIT_EXCLUSIONS} - COMMON_KEYS


def clause(product: str, *exclusions: str) -> bytes:
    """A short made-up clause of `product` whose 责任免除 article lists `exclusions`."""
    items = "".join(f"（{'一二三四五六七八九'[i]}）{text}；\n" for i, text in enumerate(exclusions))
    return (
        f"澄川财产保险股份有限公司\n{product}条款\n总则\n第一条 本保险合同由保险条款、投保单、保险单组成。\n"
        f"责任免除\n第二条 下列原因造成的损失，保险人不负责赔偿：\n{items}"
    ).encode()


# --- which line --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("某某团体意外伤害保险", "accident"),
        ("建设工程施工人员团体意外伤害保险", "accident"),  # people first: not engineering
        ("某某人身意外伤害保险附加食物中毒保险", "accident"),  # the rider's own name says nothing of people
        ("某某意外伤害保险附加意外伤害住院津贴保险", "health"),  # 附加…津贴 is health
        ("某某意外伤害保险附加意外伤害医疗费用保险", "health"),  # medical costs are health
        ("某某重大疾病保险", "health"),
        ("某某附加疾病身故保险", "health"),  # death from an illness
        ("某某定期寿险", "life"),
        ("某某年金保险", "life"),
        ("某某两全保险", "life"),
        ("水稻种植保险", "agriculture"),
        ("能繁母猪养殖保险", "agriculture"),
        ("森林保险", "agriculture"),
        ("某某工程履约保证保险", "surety"),
        ("某某产品质量保证保险", "surety"),
        ("国内短期贸易信用保险", "credit"),
        ("某某应收账款信用保险", "credit"),
        ("医疗机构执业责任保险", "liability"),  # 医疗 in a liability name
        ("养殖场公众责任保险（2024版）", "liability"),  # a farm's liability
        ("雇主责任保险附加伤残赔偿比例调整保险", "liability"),
        ("手机屏幕意外损坏保险", "property"),  # 意外 alone insures no person
        ("知识产权质押融资保证保险", "ip"),
    ],
)
def test_made_up_names_land_on_their_line(name: str, line: str) -> None:
    assert classify(name, "", None).line == line


def test_a_rider_silent_on_its_line_takes_the_main_clause_it_names() -> None:
    text = "本附加保险合同须附加于某某公司雇主责任险类产品（以下简称“主保险”）。雇员就餐时遭受意外伤害，视为在受雇过程中发生。"
    assert classify("附加就餐时间扩展保险", text, None).line == "liability"
    assert classify("附加救护车费用保险", "在投保各类意外伤害保险的基础上，投保人可以选择投保本附加险。", None).line == "health"


def test_the_registration_line_code_is_still_cross_checked() -> None:
    def number(code: str) -> str:
        return f"C000000{code}12025010100011"

    accident = classify("某某团体意外伤害保险", "", number("323"))
    assert (accident.registration.line, accident.registration_agrees) == ("accident", True)
    assert classify("某某团体医疗保险", "", number("323")).registration_agrees is False
    assert classify("某某工程履约保证保险", "", number("314")).registration_agrees is True
    assert classify("知识产权质押融资保证保险", "", number("314")).registration_agrees is True
    assert set(LINE_CODES.values()) <= set(LINES_OF_BUSINESS)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("folder", "line"),
    [
        ("团体人身意外伤害保险", "accident"),
        ("航空意外伤害保险", "accident"),
        ("团体重大疾病保险", "health"),
        ("团体人身意外伤害保险附加意外伤害住院津贴保险（A款）", "health"),
        ("附加疾病身故保险", "health"),
        ("附加就餐时间扩展保险", "liability"),
        ("医疗器械临床试验责任保险", "liability"),
        ("商用数码产品屏幕意外损坏保险", "property"),
        ("个人贷款保证保险", "surety"),
        ("国内贸易预付款信用保险", "credit"),
    ],
)
def test_real_products_land_on_their_line(shared_corpus: Path, folder: str, line: str) -> None:
    files = sorted(p for p in (shared_corpus / "catalog" / folder).glob("*条款*.md") if "费率" not in p.name)
    if not files:
        pytest.skip(f"{folder} is not in this corpus")
    assert [d.semantics.taxonomy.line for d in parse_file(files[0]).documents] == [line]


@pytest.mark.corpus
def test_a_real_accident_clause_has_its_standard_exclusions_mapped(shared_corpus: Path) -> None:
    files = sorted((shared_corpus / "catalog" / "团体人身意外伤害保险").glob("*条款.md"))
    if not files:
        pytest.skip("团体人身意外伤害保险 is not in this corpus")
    doc = parse_file(files[0]).documents[0]
    keys = {m.key for m in doc.semantics.exclusions}
    assert {"self_harm_suicide", "intoxication_drugs", "drunk_unlicensed_driving", "high_risk_activity", "pregnancy", "drug_allergy"} <= keys
    items = {(m.article, m.item) for m in doc.semantics.exclusions}
    unmapped = {(m.article, m.item) for m in doc.semantics.exclusions if m.key == "unmapped"}
    assert len(unmapped) <= len(items) // 10, [m.text for m in doc.semantics.exclusions if m.key == "unmapped"]


# --- which exclusions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "wording", "key"),
    [
        ("accident", "被保险人故意自伤或自杀，但自杀时为无民事行为能力人的除外", "self_harm_suicide"),
        ("accident", "被保险人醉酒或受毒品影响期间", "intoxication_drugs"),
        ("accident", "被保险人酒后驾车", "drunk_unlicensed_driving"),
        ("accident", "被保险人无合法有效驾驶证驾驶机动车", "drunk_unlicensed_driving"),
        ("accident", "被保险人参加攀岩、蹦极等活动", "high_risk_activity"),
        ("accident", "被保险人与他人斗殴", "fighting"),
        ("health", "被保险人怀孕、分娩所致", "pregnancy"),
        ("health", "被保险人药物过敏", "drug_allergy"),
        ("health", "投保前已患有的疾病", "pre_existing"),
        ("health", "等待期内确诊的疾病", "waiting_period"),
        ("health", "牙科治疗费用", "dental"),
        ("health", "在境外就医发生的费用", "treatment_abroad"),
        ("life", "投保人对被保险人的故意杀害", "harm_by_policyholder"),
        ("life", "被保险人感染艾滋病病毒", "hiv_std"),
        ("agriculture", "投保人管理不善造成的损失", "mismanagement"),
        ("agriculture", "政府实施扑杀的", "culling"),
        ("agriculture", "发病后未及时采取防治措施", "no_mitigation"),
        ("surety", "投保人与被保险人恶意串通的", "collusion"),
        ("surety", "借款人的逾期利息、罚息", "interest_penalty"),
        ("credit", "被保险人与买方之间存在贸易纠纷", "commercial_dispute"),
        ("credit", "未经保险人书面同意，被保险人与买方达成和解协议的", "unapproved_settlement"),
    ],
)
def test_made_up_wordings_map_with_their_lines_list_only(line: str, wording: str, key: str) -> None:
    assert key in [c.key for c in map_all(exclusions_for(line), wording)]
    # A clause of another kind reads the same words with the common list alone.
    for other in ("property", "liability", "ip", "engineering", "cargo", "other", None):
        assert {c.key for c in map_all(exclusions_for(other), wording)} <= COMMON_KEYS


def test_a_property_clause_gets_no_people_keys_from_generic_words() -> None:
    wordings = ("被保险人及其雇员醉酒、疾病或斗殴", "保险标的在等待期内发生的损失", "投保前已存在的缺陷")
    people = parse_bytes(clause("澄川团体意外伤害保险", *wordings), "a.txt").documents[0].semantics
    goods = parse_bytes(clause("澄川财产基本险", *wordings), "p.txt").documents[0].semantics
    assert (people.taxonomy.line, goods.taxonomy.line) == ("accident", "property")
    assert {m.key for m in people.exclusions} & LINE_KEYS
    assert not {m.key for m in goods.exclusions} & LINE_KEYS


def test_every_line_has_words_and_each_vocabulary_its_keys_once() -> None:
    for line in (*LINES_OF_BUSINESS, *LEGACY_LINES):
        assert line in VALUE_WORDS
        vocabulary = exclusions_for(line)
        assert vocabulary[: len(EXCLUSIONS)] == EXCLUSIONS  # the common list first, unchanged
        assert len({c.key for c in vocabulary}) == len(vocabulary)
        assert all(c.label for c in vocabulary)
    assert {line for parts in LEGACY_LINES.values() for line in parts} <= set(LINES_OF_BUSINESS)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("被保险人醉酒驾驶证疾病等待期串通利息扑杀意外伤害医疗津贴寿险保证信用（）、；。ab1 \n"), max_size=60),
       st.sampled_from((*LINES_OF_BUSINESS, *LEGACY_LINES, None)))  # fmt: skip
def test_mapping_and_classifying_never_raise_and_keep_vocabulary_order(text: str, line: str | None) -> None:
    vocabulary = exclusions_for(line)
    found = map_all(vocabulary, text)
    positions = [vocabulary.index(c) for c in found]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert classify(text, text, None).line in LINES_OF_BUSINESS


# --- databases written before the split ------------------------------------------------


def test_the_migration_rewrites_and_restores_the_old_line_codes(db_url: str, tmp_path: Path) -> None:
    """Migration 0004 on its own (later revisions are not its business): its downgrade
    writes the combined codes an older tiaokuan stored, its upgrade reads them apart."""
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from sqlalchemy import select

    from tiaokuan.clauses_db import ClauseDB
    from tiaokuan.clauses_db import schema as s
    from tiaokuan.clauses_db.database import make_engines

    migration = importlib.import_module("tiaokuan.clauses_db.migrations.versions.0004_lines_of_business_split")
    names = {"澄川团体意外伤害保险": "accident", "澄川团体住院医疗保险": "health", "澄川国内贸易信用保险": "credit", "澄川工程履约保证保险": "surety"}
    for i, name in enumerate(names):
        (tmp_path / f"{i}.txt").write_bytes(clause(name, "被保险人醉酒"))
    with ClauseDB(db_url) as db:
        assert not db.ingest([tmp_path]).failures

    def run(step) -> dict[str, str]:
        _, writer = make_engines(db_url)
        try:
            with writer.begin() as conn:
                with Operations.context(MigrationContext.configure(conn)):
                    step()
                return dict(conn.execute(select(s.versions.c.product, s.versions.c.line)).all())
        finally:
            writer.dispose()

    old = run(migration.downgrade)
    assert old == {name: next(k for k, parts in LEGACY_LINES.items() if line in parts) for name, line in names.items()}
    assert run(migration.upgrade) == names


def test_the_exclusion_matrix_has_rows_of_each_products_line() -> None:
    from tiaokuan.compare import Product
    from tiaokuan.compare.matrix import exclusion_matrix

    accident = parse_bytes(clause("澄川团体意外伤害保险", "被保险人醉酒", "战争、军事行动"), "a.txt").documents[0]
    goods = parse_bytes(clause("澄川财产基本险", "被保险人醉酒", "战争、军事行动"), "p.txt").documents[0]
    rows = {row.key: [cell.status.value for cell in row.cells] for row in exclusion_matrix([Product("意外", accident), Product("财产", goods)]).rows}
    assert rows["war_terrorism"] == ["excluded", "excluded"]
    assert rows["intoxication_drugs"] == ["excluded", "silent"]  # the property clause's item stays unmapped


# --- the kind within a line ----------------------------------------------------------

KIND_CHOICES = {kind for kinds in LINE_KINDS.values() for kind in kinds}


@pytest.mark.parametrize(
    ("name", "line", "kind"),
    [
        ("某某团体重大疾病保险", "health", "critical_illness"),
        ("某某附加特定疾病保险", "health", "critical_illness"),
        ("某某恶性肿瘤医疗保险", "health", "medical"),  # the benefit (medical costs) before the illness
        ("某某团体住院医疗保险", "health", "medical"),
        ("某某意外伤害保险附加意外伤害住院津贴保险", "health", "allowance"),  # 住院 is where, 津贴 what is paid
        ("某某附加住院日额保险", "health", "allowance"),
        ("某某长期护理保险", "health", "care"),
        ("某某附加疾病身故保险", "health", "disease_death"),
        ("某某附加猝死保险", "health", "disease_death"),
        ("某某团体健康保险", "health", "other"),
        ("某某交通工具意外伤害保险附加医疗费用保险", "health", "medical"),  # the rider's own name, not its main's
        ("某某定期寿险", "life", "term"),
        ("某某终身寿险", "life", "whole_life"),
        ("某某两全保险（分红型）", "life", "endowment"),
        ("某某终身年金保险", "life", "annuity"),  # an annuity for life is not whole life cover
        ("某某生存保险", "life", "other"),
        ("水稻种植保险", "agriculture", "crop"),
        ("某某果树保险", "agriculture", "crop"),
        ("能繁母猪养殖保险", "agriculture", "livestock"),
        ("某某奶牛保险", "agriculture", "livestock"),
        ("森林保险", "agriculture", "forestry"),
        ("某某公益林林木保险", "agriculture", "forestry"),
        ("航空意外伤害保险", "accident", "travel"),
        ("某某团体旅行意外伤害保险", "accident", "travel"),
        ("某某交通工具意外伤害保险附加食物中毒保险", "accident", "travel"),  # a rider silent on its kind: the whole name
        ("建设工程施工人员团体意外伤害保险", "accident", "general"),
        ("某某境外人员意外伤害保险", "accident", "general"),  # 境外 says where, not how
        ("医疗机构执业责任保险", "liability", None),  # lines without kinds
        ("养殖场公众责任保险（2024版）", "liability", None),
        ("知识产权质押融资保证保险", "ip", None),
        ("国内短期贸易信用保险", "credit", None),
        # held-out catalog products, by their names only
        ("人身意外伤害保险附加工作场所意外伤害双倍给付保险", "accident", "general"),
        ("人身意外伤害保险附加法定节假日意外伤害双倍给付保险材料", "accident", "general"),
        ("紫金保险附加个人意外伤害住院日额津贴保险", "health", "allowance"),
        ("附加意外住院津贴补偿保险", "health", "allowance"),
        ("团体住院医疗费用保险（2023版）", "health", "medical"),
        ("科技转让服务合同信用保险", "credit", None),
    ],
)
def test_made_up_names_have_their_kind(name: str, line: str, kind: str | None) -> None:
    taxonomy = classify(name, "", None)
    assert (taxonomy.line, taxonomy.kind) == (line, kind)


def test_a_name_silent_on_its_kind_leaves_it_to_the_text() -> None:
    text = "被保险人因疾病住院治疗的，保险人按保险单载明的住院日额给付住院津贴。"
    assert classify("某某团体健康保险", text, None).kind == "allowance"
    assert classify("某某团体健康保险", "本保险合同由保险条款、投保单组成。", None).kind == "other"
    # The name speaks first: a medical product whose text mentions an allowance stays medical.
    assert classify("某某团体医疗保险", text, None).kind == "medical"


def test_every_kind_is_closed_named_and_in_the_schema() -> None:
    from tiaokuan.cli.options import LINE_KIND_CHOICES
    from tiaokuan.parse import json_schema

    assert set(LINE_KINDS) <= set(LINES_OF_BUSINESS)
    assert all(kinds[-1] in ("other", "general") for kinds in LINE_KINDS.values())  # the catch-all last
    assert KIND_CHOICES <= set(VALUE_WORDS) and set(LINE_KIND_CHOICES) == KIND_CHOICES
    taxonomy = json_schema()["properties"]["documents"]["items"]["properties"]["taxonomy"]
    assert "kind" not in taxonomy["required"]  # files written before kinds stay valid
    assert set(taxonomy["properties"]["kind"]["enum"]) == KIND_CHOICES | {None}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("附加医疗津贴护理身故重大疾病寿险年金两全定期终身种植养殖森林猪意外伤害交通航空责任保险（）ab "), max_size=40))
def test_the_kind_is_always_one_of_its_lines(text: str) -> None:
    taxonomy = classify(text, text, None)
    assert taxonomy.kind in LINE_KINDS[taxonomy.line] if taxonomy.line in LINE_KINDS else taxonomy.kind is None


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("folder", "line", "kind"),
    [
        ("团体重大疾病保险", "health", "critical_illness"),
        ("团体医疗保险", "health", "medical"),
        ("团体重大疾病保险附加医疗保险", "health", "medical"),
        ("团体交通工具意外伤害保险附加医疗费用保险", "health", "medical"),
        ("附加救护车费用保险", "health", "medical"),
        ("附加传染病强制隔离津贴保险", "health", "allowance"),
        ("附加团体生育津贴保险", "health", "allowance"),
        ("团体人身意外伤害保险附加意外伤害住院津贴保险（A款）", "health", "allowance"),
        ("附加疾病身故保险", "health", "disease_death"),
        ("紫金保险附加个人疾病全残身故保险", "health", "disease_death"),
        ("航空意外伤害保险", "accident", "travel"),
        ("团体旅行意外伤害保险", "accident", "travel"),
        ("公共交通工具乘客意外伤害保险", "accident", "travel"),
        ("团体人身意外伤害保险", "accident", "general"),
        ("人身意外伤害保险附加食物中毒保险", "accident", "general"),
        ("医疗器械临床试验责任保险", "liability", None),
        ("国内贸易预付款信用保险", "credit", None),
    ],
)
def test_real_products_have_their_kind(shared_corpus: Path, folder: str, line: str, kind: str | None) -> None:
    files = sorted(p for p in (shared_corpus / "catalog" / folder).glob("*条款*.md") if "费率" not in p.name)
    if not files:
        pytest.skip(f"{folder} is not in this corpus")
    assert [(d.semantics.taxonomy.line, d.semantics.taxonomy.kind) for d in parse_file(files[0]).documents] == [(line, kind)]


def test_the_kind_reads_back_from_json_and_older_json_has_none() -> None:
    result = parse_bytes(clause("澄川团体住院医疗保险", "被保险人醉酒"), "a.txt")
    data = to_dict(result)
    assert data["documents"][0]["taxonomy"]["kind"] == "medical"
    assert from_dict(data) == result
    del data["documents"][0]["taxonomy"]["kind"]  # as written before kinds were read
    assert from_dict(data).documents[0].semantics.taxonomy.kind is None


KINDS_OF_NAMES = {
    "澄川团体住院医疗保险": ("health", "medical"),
    "澄川附加住院津贴保险": ("health", "allowance"),
    "澄川航空意外伤害保险": ("accident", "travel"),
    "澄川团体意外伤害保险": ("accident", "general"),
    "澄川终身年金保险": ("life", "annuity"),
    "澄川水稻种植保险": ("agriculture", "crop"),
    "澄川财产基本险": ("property", None),
}


@pytest.fixture
def kinds_db(db_url: str, tmp_path: Path) -> str:
    """A database holding one made-up clause of each name of KINDS_OF_NAMES."""
    from tiaokuan.clauses_db import ClauseDB

    for i, name in enumerate(KINDS_OF_NAMES):
        (tmp_path / f"{i}.txt").write_bytes(clause(name, "被保险人醉酒"))
    with ClauseDB(db_url) as db:
        assert not db.ingest([tmp_path]).failures
    return db_url


def test_the_kind_is_stored_filtered_and_in_the_catalog(kinds_db: str, tmp_path: Path) -> None:
    import csv

    from tiaokuan.clauses_db import ClauseDB, Filters
    from tiaokuan.i18n import _

    with ClauseDB(kinds_db) as db:
        stored = {p.product: db.load(p.version_id).semantics.taxonomy for p in db.products()}
        assert {name: (t.line, t.kind) for name, t in stored.items()} == KINDS_OF_NAMES
        assert [p.product for p in db.products(Filters(kind="allowance"))] == ["澄川附加住院津贴保险"]
        assert {p.product for p in db.products(Filters(line="accident", kind="general"))} == {"澄川团体意外伤害保险"}
        out = tmp_path / "catalog.csv"
        db.catalog("csv", out, Filters())
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    shown = {r[_("产品")]: r[_("险种")] for r in rows}
    assert shown == {name: _(VALUE_WORDS[kind]) if kind else "" for name, (_line, kind) in KINDS_OF_NAMES.items()}


def test_the_kind_filter_on_the_command_line(kinds_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tiaokuan.cli import main

    assert main(["products", "--db", kinds_db, "--kind", "annuity", "--json"]) == 0
    assert [json.loads(line)["product"] for line in capsys.readouterr().out.splitlines()] == ["澄川终身年金保险"]


def test_the_migration_gives_old_rows_their_kind(kinds_db: str) -> None:
    """Migration 0007 on its own: its downgrade drops the column (a database before
    kinds), its upgrade adds it back and fills it from the stored names."""
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from sqlalchemy import func, inspect, select

    from tiaokuan.clauses_db import schema as s
    from tiaokuan.clauses_db.database import make_engines

    migration = importlib.import_module("tiaokuan.clauses_db.migrations.versions.0007_line_kind")
    _, writer = make_engines(kinds_db)
    try:
        with writer.begin() as conn:
            articles = conn.execute(select(func.count()).select_from(s.articles)).scalar_one()
            with Operations.context(MigrationContext.configure(conn)):
                migration.downgrade()
            assert "line_kind" not in {c["name"] for c in inspect(conn).get_columns("versions")}
            with Operations.context(MigrationContext.configure(conn)):
                migration.upgrade()
            kinds = dict(conn.execute(select(s.versions.c.product, s.versions.c.line_kind)).all())
            # Dropping and adding a column keeps every row that hangs off a version.
            assert conn.execute(select(func.count()).select_from(s.articles)).scalar_one() == articles
    finally:
        writer.dispose()
    assert kinds == {name: kind for name, (_line, kind) in KINDS_OF_NAMES.items()}
