"""Who the insurer is and how the clause was filed: short names looked up in the
table of licensed insurers, a sales platform at the top kept apart from the insurer
the clause names as 保险人, titles wrapped over lines, and 备案编号 with their kind —
read, written as JSON, stored and looked up in the database."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest

from tiaokuan.clauses_db import ClauseDB, ClauseFinder, Filters
from tiaokuan.clauses_db.store import prepare
from tiaokuan.errors import NotFoundError
from tiaokuan.model import FilingKind, FilingNumber
from tiaokuan.parse import from_dict, json_schema, parse_file, parse_paragraphs, to_dict, to_markdown
from tiaokuan.parse.filings import filing_numbers_in, is_filing_number
from tiaokuan.parse.metadata import clause_insurer, read_title_block
from tiaokuan.text import InsurerKind, licensed_insurer, licensed_insurers, registered_name, stems_abbreviated_as

# Fictional companies (no real insurer or platform has these names).
INSURER = "澄川财产保险股份有限公司"
PLATFORM = "青禾网络信息服务有限公司"


# -- the table of licensed insurers --------------------------------------------------
def test_the_table_lists_the_licensed_market_with_unique_names() -> None:
    table = licensed_insurers()
    assert len(table) >= 150
    names = [i.name for i in table]
    shorts = [s for i in table for s in i.short_names]
    assert len(set(names)) == len(names)
    assert len(set(shorts)) == len(shorts), "a short name must stand for one insurer"
    assert not set(shorts) & set(names)
    legal_form = re.compile(r"(有限责任公司|股份有限公司|有限公司|公司|相互保险社)$")
    assert [n for n in names if not legal_form.search(n)] == []
    kinds = {i.kind for i in table}
    assert {InsurerKind.PROPERTY, InsurerKind.LIFE, InsurerKind.HEALTH, InsurerKind.REINSURANCE} <= kinds


@pytest.mark.parametrize(
    ("printed", "registered"),
    [
        ("华泰财险", "华泰财产保险有限公司"),
        ("人保财险", "中国人民财产保险股份有限公司"),
        ("平安产险", "中国平安财产保险股份有限公司"),
        ("太平科技", "太平科技保险股份有限公司"),
        ("众安在线", "众安在线财产保险股份有限公司"),
        ("国寿财险", "中国人寿财产保险股份有限公司"),
        ("瑞泰人寿", "瑞泰人寿保险有限公司"),
        ("申能财险", "申能财产保险股份有限公司"),
        ("东吴财险", "苏州东吴财产保险股份有限公司"),
        ("紫金财产保险股份有限公司", "紫金财产保险股份有限公司"),
        ("中国太平洋财产保险股份有限公司北京分公司", "中国太平洋财产保险股份有限公司"),  # a branch names its insurer
        (" 华农 财险 ", "华农财产保险股份有限公司"),  # spaced as justified text prints it
    ],
)
def test_short_names_and_branches_map_to_the_registered_name(printed: str, registered: str) -> None:
    assert registered_name(printed) == registered


def test_names_outside_the_table_are_not_licensed_insurers() -> None:
    assert licensed_insurer(INSURER) is None
    assert registered_name(PLATFORM) is None
    assert registered_name("平安") is None  # shared by several insurers: no one's short name


def test_a_database_filter_by_short_name_matches_the_registered_name() -> None:
    assert "中国平安财产保险" in stems_abbreviated_as("平安产险")
    assert stems_abbreviated_as("人保") == ("中国人民财产保险",)


# -- the title block ---------------------------------------------------------------
def test_a_short_name_line_gives_the_registered_name() -> None:
    meta = read_title_block(["华泰财险", "附加意外伤害住院津贴保险条款"])
    assert (meta.insurer, meta.title, meta.rider, meta.distributor) == ("华泰财产保险有限公司", "附加意外伤害住院津贴保险条款", True, None)


def test_a_short_name_in_front_of_the_title_is_the_insurer() -> None:
    meta = read_title_block(["平安产险个人意外伤害保险（A款）条款"])
    assert meta.insurer == "中国平安财产保险股份有限公司"
    assert (meta.title, meta.product, meta.version) == ("个人意外伤害保险（A款）条款", "个人意外伤害保险", "A款")


def test_a_platform_at_the_top_is_not_the_insurer() -> None:
    body = ["第一条 本保险合同由保险条款、投保单、保险单组成。", "释义", f"保险人：指与投保人签订本保险合同的{INSURER}。"]
    meta = read_title_block([PLATFORM, "团体重大疾病保险条款"], body=body)
    assert (meta.insurer, meta.distributor) == (INSURER, PLATFORM)
    assert (meta.title, meta.product) == ("团体重大疾病保险条款", "团体重大疾病保险")  # the platform is no part of the title


@pytest.mark.parametrize(
    ("line", "insurer", "distributor"),
    [
        ("青禾保险经纪有限公司", None, "青禾保险经纪有限公司"),  # an agency: its trade stands between 保险 and 公司
        ("青禾保险销售服务有限公司", None, "青禾保险销售服务有限公司"),
        ("澄川保险公司", "澄川保险公司", None),  # an insurer's form, though not in the table
        ("澄川财产相互保险社", "澄川财产相互保险社", None),
        ("众安保险", "众安在线财产保险股份有限公司", None),
    ],
)
def test_what_a_company_line_at_the_top_is(line: str, insurer: str | None, distributor: str | None) -> None:
    meta = read_title_block([line, "个人意外伤害保险条款"])
    assert (meta.insurer, meta.distributor, meta.title) == (insurer, distributor, "个人意外伤害保险条款")


def test_a_filing_number_beside_the_title_leaves_the_title() -> None:
    meta = read_title_block([INSURER, "个人意外伤害保险条款 备案编号：（澄川财险）（备-普通意外保险）〔2019〕（主）12号"])
    assert (meta.insurer, meta.title) == (INSURER, "个人意外伤害保险条款")
    assert [(f.kind, f.serial) for f in meta.filing_numbers] == [(FilingKind.PROPERTY, "12")]


@pytest.mark.parametrize(
    ("body", "insurer"),
    [
        ([f"本保险合同的保险人专指{INSURER}及其分支机构。"], INSURER),
        ([f"本保险合同的保险人为{INSURER}（以下简称“保险人”）。"], INSURER),
        (["1．保险人：指与投保人签订本保险合同的华泰财险。"], "华泰财产保险有限公司"),
        # A name wrapped over two lines of a PDF copy.
        (["保险人是指与投保人签订本保险合同的澄川财产保", "险股份有限公司。"], INSURER),
        # 被保险人 is the insured, whatever company it names.
        ([f"被保险人：指{PLATFORM}。", "保险人为查明保险事故的性质，可以要求被保险人提供证明。"], None),
    ],
)
def test_the_insurer_is_the_company_the_clause_names_as_insurer(body: list[str], insurer: str | None) -> None:
    assert clause_insurer(body) == insurer


def test_the_printed_insurer_stands_and_the_clause_fills_a_missing_one() -> None:
    body = [f"本保险合同的保险人为{INSURER}。"]
    assert read_title_block(["中国人民财产保险股份有限公司", "财产基本险条款"], body=body).insurer == "中国人民财产保险股份有限公司"
    assert read_title_block(["财产基本险条款"], fallback_insurer="中国人民财产保险股份有限公司", body=body).insurer == INSURER
    assert read_title_block(["财产基本险条款"], fallback_insurer="中国人民财产保险股份有限公司").insurer == "中国人民财产保险股份有限公司"


@pytest.mark.parametrize(
    "lines",
    [
        [f"{INSURER}附加意外伤害", "住院津贴保险条款（2020版）"],
        [INSURER, "附加意外伤害住院津贴", "保险条款（2020版）"],
        [f"{INSURER}附加意外伤害住院津贴保险", "条款（2020版）"],
        [INSURER, "附加意外伤害住院津贴保险", "条款", "注册号：C00026231912025021007733"],
    ],
)
def test_a_title_wrapped_over_lines_gives_insurer_title_product_and_version(lines: list[str]) -> None:
    meta = read_title_block(lines)
    assert meta.insurer == INSURER
    assert meta.title is not None and meta.title.startswith("附加意外伤害住院津贴保险条款")
    assert meta.product == "附加意外伤害住院津贴保险"
    assert meta.rider
    if "（2020版）" in "".join(lines):
        assert meta.version == "2020版"


# -- filing numbers ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("（众安在线）（备-普通意外保险）【2017】（主）008号", FilingNumber(FilingKind.PROPERTY, "（众安在线）（备-普通意外保险）【2017】（主）008号", "众安在线", "普通意外保险", 2017, "008", False)),
        ("(众安在线)(备－普通意外保险)[2017](附) 8 号", FilingNumber(FilingKind.PROPERTY, "(众安在线)(备－普通意外保险)[2017](附) 8 号", "众安在线", "普通意外保险", 2017, "8", True)),
        ("（ 澄川财险 ）（ 备 - 责任保险 ）〔 2019 〕（ 主 ） 12 号", FilingNumber(FilingKind.PROPERTY, "（ 澄川财险 ）（ 备 - 责任保险 ）〔 2019 〕（ 主 ） 12 号", "澄川财险", "责任保险", 2019, "12", False)),
        ("瑞泰人寿[2015]疾病保险 001 号", FilingNumber(FilingKind.LIFE, "瑞泰人寿[2015]疾病保险 001 号", "瑞泰人寿", "疾病保险", 2015, "001", None)),
        ("备案编号：瑞泰人寿［２０１５］疾病保险００１号", FilingNumber(FilingKind.LIFE, "瑞泰人寿［２０１５］疾病保险００１号", "瑞泰人寿", "疾病保险", 2015, "001", None)),
        ("依瑞泰人寿[2015]疾病保险001号备案", FilingNumber(FilingKind.LIFE, "瑞泰人寿[2015]疾病保险001号", "瑞泰人寿", "疾病保险", 2015, "001", None)),
        ("本产品备案编号为澄川人寿〔2016〕医疗保险 45号。", FilingNumber(FilingKind.LIFE, "澄川人寿〔2016〕医疗保险 45号", "澄川人寿", "医疗保险", 2016, "45", None)),
    ],
)
def test_filing_numbers_are_read_with_their_kind(printed: str, expected: FilingNumber) -> None:
    assert filing_numbers_in([printed]) == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        "第三条 本保险合同[2015]年度保险 3号",  # a bracketed year in a sentence: no filer named
        "C00026231912025021007733",  # the 注册号 is a field of its own
        "保险期间为一年（2017年1月1日起）。",
    ],
)
def test_other_numbers_are_not_filing_numbers(text: str) -> None:
    assert filing_numbers_in([text]) == ()


def test_a_filing_number_typed_alone_is_recognised_however_spaced() -> None:
    assert is_filing_number(" 瑞泰人寿 [2015] 疾病保险 001 号 ")
    assert not is_filing_number("瑞泰人寿[2015]疾病保险 001 号 条款")


# -- through the parser, JSON and the database -------------------------------------
CLAUSE = f"""{PLATFORM}
附加意外伤害住院津贴
保险条款（2020版）
（澄川财险）（备-普通意外保险）【2020】（附）015号
总则
第一条 本附加险合同由保险条款、投保单、保险单组成。
第二条 本附加险合同的被保险人应为主险合同的被保险人。
保险责任
第三条 被保险人因意外伤害住院治疗的，保险人按约定给付住院津贴。
释义
第四条 保险人：指与投保人签订本附加险合同的{INSURER}。
"""


@pytest.fixture(scope="module")
def parsed():
    return parse_paragraphs(CLAUSE, "wrapped-title-platform.txt")


def test_the_parser_reads_insurer_platform_title_and_filing_number(parsed) -> None:
    (doc,) = parsed.documents
    assert (doc.insurer, doc.distributor) == (INSURER, PLATFORM)
    assert (doc.title, doc.product, doc.version, doc.rider) == ("附加意外伤害住院津贴保险条款（2020版）", "附加意外伤害住院津贴保险", "2020版", True)
    assert doc.filing_numbers == (FilingNumber(FilingKind.PROPERTY, "（澄川财险）（备-普通意外保险）【2020】（附）015号", "澄川财险", "普通意外保险", 2020, "015", True),)
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert "备案编号" in to_markdown(parsed)


def test_json_with_filing_numbers_validates_and_reads_back(parsed) -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(to_dict(parsed), ensure_ascii=False))
    jsonschema.Draft202012Validator(schema).validate(data)
    (doc,) = data["documents"]
    assert doc["filing_numbers"][0]["kind"] == "property" and doc["distributor"] == PLATFORM
    assert from_dict(data) == parsed
    # Output of a clause printing neither has neither key: earlier output reads the same.
    plain = to_dict(parse_paragraphs(f"{INSURER}\n财产基本险条款\n第一条 本保险合同由保险条款组成。\n"))
    assert "filing_numbers" not in plain["documents"][0] and "distributor" not in plain["documents"][0]


def test_filing_numbers_are_stored_looked_up_and_listed(parsed, tmp_path: Path) -> None:
    with ClauseDB(f"sqlite:///{tmp_path / 'clauses.db'}") as db:
        (version_id,) = db.write(prepare(parsed))
        assert db.load(version_id) == parsed.documents[0]
        assert db.versions_filed_as("（澄川财险）（备-普通意外保险）【2020】（附）015号") == [version_id]
        assert db.versions_filed_as(" （澄川财险） （备-普通意外保险） 【2020】 （附） 015号") == [version_id]
        assert db.versions_filed_as("（澄川财险）（备-普通意外保险）【2020】（附）016号") == []
        finder = ClauseFinder(db)
        assert finder.resolve("（澄川财险）（备-普通意外保险）【2020】（附）015号").document == parsed.documents[0]
        with pytest.raises(NotFoundError):
            finder.resolve("（澄川财险）（备-普通意外保险）【2020】（附）016号")
        out = tmp_path / "catalog.csv"
        assert db.catalog("csv", out, Filters(version="all")) == 1
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        assert rows[0]["备案编号"] == "（澄川财险）（备-普通意外保险）【2020】（附）015号"
        assert db.integrity_problems() == []


# -- a real web page (development set) ----------------------------------------------
def test_a_sales_platform_page_names_the_insurer_in_its_definitions(shared_corpus: Path) -> None:
    page = shared_corpus / "web" / "ZA02_ttzj.jsp"
    if not page.exists():
        pytest.skip("the web page development set is not in this corpus")
    rows = {r["file"]: r for r in csv.DictReader((shared_corpus / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t")}
    (doc,) = parse_file(page).documents
    assert doc.insurer == rows["web/ZA02_ttzj.jsp"]["insurer"]
    assert doc.distributor is not None and registered_name(doc.distributor) is None
    assert doc.product == rows["web/ZA02_ttzj.jsp"]["product"]
