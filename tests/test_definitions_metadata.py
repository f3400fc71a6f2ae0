"""释义 entries and title-block metadata."""

import pytest

from tiaokuan.model import SectionType
from tiaokuan.parse.definitions import DefBlock, Entry, group_entries, split_definition
from tiaokuan.parse.headings import classify
from tiaokuan.parse.metadata import read_title_block, version_of


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("专利：由国务院专利行政部门授予专利权的发明。", Entry("专利", "由国务院专利行政部门授予专利权的发明。")),
        ("（一）火灾：指在时间或空间上失去控制的燃烧。", Entry("火灾", "指在时间或空间上失去控制的燃烧。")),
        ("地震是指地壳发生的震动。", Entry("地震", "是指地壳发生的震动。")),
        ("关联关系：是指直接或间接控制。", Entry("关联关系", "是指直接或间接控制。")),
        ("（三）雷击", Entry("雷击", "")),
        # a gloss in brackets is part of the term, commas and all
        (
            "（二十三）美国纽约心脏病学会（New York Heart Association，NYHA）心功能状态分级：",
            Entry("美国纽约心脏病学会（New York Heart Association，NYHA）心功能状态分级", ""),
        ),
    ],
)
def test_split_definition(text: str, entry: Entry) -> None:
    assert split_definition(text) == entry


def test_a_list_lead_in_with_brackets_and_a_comma_is_no_term() -> None:
    assert split_definition("下列损失（包括费用），保险人不负责赔偿：") is None


def test_an_umbrella_standing_alone_defines_the_members_its_text_lists() -> None:
    """（二）自然灾害 / 自然灾害是指…包括：雷击、暴雨。 / 1. 雷击：… / 2. 暴雨：…: each listed
    member is a definition of its own; a member's kinds ((1)直接雷击：…) stay with it, and
    a numbered item its umbrella does not list (a disease's criterion) stays with the umbrella."""
    blocks = [
        DefBlock("（二）自然灾害", 0),
        DefBlock("自然灾害是指因自然力发生的现象，包括：雷击、暴雨。", None),
        DefBlock("1. 雷击", 1),
        DefBlock("雷击指由雷电造成的灾害。雷击的破坏形式分直接雷击与感应雷击两种。", None),
        DefBlock("(1)直接雷击：由于雷电直接击中保险标的造成损失。", 2),
        DefBlock("2. 暴雨：指每小时降雨量达16毫米以上的降雨。", 1),
        DefBlock("（三）恶性肿瘤", 0),
        DefBlock("指恶性细胞不受控制的进行性增长和扩散。", None),
        DefBlock("1. 原位癌：不在保障范围内。", 1),
    ]
    entries = [g.entry for g in group_entries(blocks) if g.entry]
    assert [e.term for e in entries] == ["自然灾害", "雷击", "暴雨", "恶性肿瘤"]
    assert "直接雷击" in entries[1].text
    assert "原位癌" in entries[3].text


def test_intro_sentence_is_not_a_definition() -> None:
    assert split_definition("本保险合同涉及下列术语时，适用下列释义：") is None
    # …另有所指 cites a meaning; the words before 指 end in 所 and name no term
    assert split_definition("本保险合同中除非文意另有所指，下列词语具有如下含义：") is None
    # … but a term may end in 所 before a colon
    assert split_definition("工作场所：被保险人日常工作所在的场所。") == Entry("工作场所", "被保险人日常工作所在的场所。")


def test_term_only_entry_takes_deeper_paragraphs() -> None:
    blocks = [
        DefBlock("本保险合同涉及下列术语时，适用下列释义：", None),
        DefBlock("（一）火灾", 0),
        DefBlock("在时间或空间上失去控制的燃烧所造成的灾害。", None),
        DefBlock("1．有燃烧现象；", 1),
        DefBlock("（二）地震：地壳发生的震动。", 0),
    ]
    groups = group_entries(blocks, lead=True)
    assert [(g.start, g.end) for g in groups] == [(0, 1), (1, 4), (4, 5)]
    assert groups[0].entry is None
    assert groups[1].entry == Entry("火灾", "在时间或空间上失去控制的燃烧所造成的灾害。\n1．有燃烧现象；")


def test_umbrella_definition_sub_terms_stand_alone() -> None:
    blocks = [
        DefBlock("（一）自然灾害：指雷击、暴雨、洪水。", 0),
        DefBlock("1、雷击", 1),
        DefBlock("雷击指由雷电造成的灾害。", None),
        DefBlock("（1）直接雷击：雷电直接击中保险标的。", 2),
        DefBlock("2、暴雨：指每小时降雨量达16毫米以上。", 1),
    ]
    entries = [g.entry for g in group_entries(blocks)]
    assert entries == [
        Entry("自然灾害", "指雷击、暴雨、洪水。"),
        Entry("雷击", "雷击指由雷电造成的灾害。\n（1）直接雷击：雷电直接击中保险标的。"),
        Entry("暴雨", "指每小时降雨量达16毫米以上。"),
    ]


def test_a_heading_over_numbered_definitions_opens_a_list_of_its_members() -> None:
    """（十三）重度疾病 / 1.恶性肿瘤——重度 / 指… (the diseases of the 2020 standard printed
    under their kind): the heading defines nothing itself, each member is a definition,
    and a member's criteria stay with it even in a label style the 释义 met first
    ((1) in an earlier definition ranks shallower than 1. by first sight)."""
    blocks = [
        DefBlock("（十二）专科医生", 0),
        DefBlock("专科医生应当同时满足以下资格条件：", None),
        DefBlock("（1）具有有效的《医师资格证书》；", 1),
        DefBlock("（十三）重度疾病", 0),
        DefBlock("1.恶性肿瘤——重度", 2),
        DefBlock("指恶性细胞不受控制的进行性增长和扩散。", None),
        DefBlock("2.严重慢性肝衰竭", 2),
        DefBlock("指因慢性肝脏疾病导致的肝衰竭，且须满足下列全部条件：", None),
        DefBlock("（1）持续性黄疸；", 1),
        DefBlock("（2）腹水。", 1),
        DefBlock("（十四）轻度疾病", 0),
        DefBlock("1.恶性肿瘤——轻度", 2),
        DefBlock("指恶性细胞不受控制的进行性增长和扩散。", None),
        DefBlock("（十五）肢体：指包括肩关节的整个上肢。", 0),
    ]
    entries = [g.entry for g in group_entries(blocks) if g.entry]
    assert [e.term for e in entries] == ["专科医生", "重度疾病", "恶性肿瘤——重度", "严重慢性肝衰竭", "轻度疾病", "恶性肿瘤——轻度", "肢体"]
    assert entries[1].text == "" and entries[4].text == ""
    assert entries[3].text == "指因慢性肝脏疾病导致的肝衰竭，且须满足下列全部条件：\n（1）持续性黄疸；\n（2）腹水。"
    # (an umbrella with words of its own keeps a numbered list that is not its members)
    assert "原位癌" in [g.entry for g in group_entries([DefBlock("（三）恶性肿瘤", 0), DefBlock("指恶性细胞的增长。", None), DefBlock("1. 原位癌", 1)]) if g.entry][0].text


def test_london_term_lines() -> None:
    blocks = [DefBlock(t, None) for t in ["法律行动", "被保险人有权追索的法律行动。", "保险公司", "澄川财产保险股份有限公司"]]
    assert [g.entry for g in group_entries(blocks)] == [
        Entry("法律行动", "被保险人有权追索的法律行动。"),
        Entry("保险公司", "澄川财产保险股份有限公司"),
    ]


@pytest.mark.parametrize(
    ("heading", "section_type", "known"),
    [
        ("总  则", SectionType.GENERAL, True),
        ("保 险 责 任", SectionType.COVERAGE, True),
        ("赔偿限额与免赔额(率)", SectionType.AMOUNTS, True),
        ("第一部分 释义", SectionType.DEFINITIONS, True),
        ("附录：短期费率表", SectionType.APPENDIX, True),
        ("附录一：基准费率表", SectionType.APPENDIX, True),
        ("其它事项", SectionType.OTHER, True),
        # A chapter on several subjects takes the first-named one's type, as a known
        # heading; a first subject the table does not know leaves a keyword guess.
        ("保险金额与最高赔偿期间", SectionType.AMOUNTS, True),
        ("最高赔偿期间与保险金额", SectionType.AMOUNTS, False),
        ("A. Definitions", SectionType.DEFINITIONS, True),
    ],
)
def test_heading_types(heading: str, section_type: SectionType, known: bool) -> None:
    found = classify(heading)
    assert found is not None
    assert (found.type, found.known) == (section_type, known)


def test_title_block() -> None:
    meta = read_title_block(["太平科技保险股份有限公司", "科技企业专利执行保险（2025 版）条款"])
    assert (meta.insurer, meta.title, meta.product, meta.version, meta.rider) == (
        "太平科技保险股份有限公司",
        "科技企业专利执行保险（2025版）条款",
        "科技企业专利执行保险",
        "2025版",
        False,
    )


def test_title_split_over_lines_and_registration() -> None:
    meta = read_title_block(["太平科技保险股份有限公司", "首台（套）重大技术装备保险（中央型，示范条款）", "条款", "注册号：C00026231912025021007733"])
    assert meta.title == "首台（套）重大技术装备保险（中央型，示范条款）条款"
    assert meta.version is None
    assert meta.registration_no == "C00026231912025021007733"


def test_insurer_prefix_and_rider() -> None:
    meta = read_title_block(["中国人民财产保险股份有限公司附加营业中断保险（2025版)条款"])
    assert meta.insurer == "中国人民财产保险股份有限公司"
    assert meta.product == "附加营业中断保险"
    assert meta.rider


def test_versions() -> None:
    assert version_of("侵犯专利权责任保险（A款）条款") == ("A款", "侵犯专利权责任保险条款")
    assert version_of("财产一切险（2025版）条款")[0] == "2025版"
    assert version_of("专利无效费用损失保险条款") == (None, "专利无效费用损失保险条款")


def test_a_term_alone_on_its_line_keeps_a_text_that_announces_a_list() -> None:
    """In a wording that lost its article labels, a 释义 line ending in ： opens an article
    of its own (本保险合同涉及下列术语时，适用下列释义：) — but not the text of a term printed
    alone on the line above it (- 火灾 / 在时间或空间上失去控制的燃烧…必须同时具备以下三个条件：)."""
    from tiaokuan.parse import parse_paragraphs

    text = (
        "某某财产保险条款\n\n保险责任\n\n- 在保险期间内，由于火灾造成保险标的的损失，保险人负责赔偿。\n\n释义\n\n"
        "- 火灾\n在时间或空间上失去控制的燃烧所造成的灾害。构成本保险的火灾责任必须同时具备以下三个条件：\n"
        "- 有燃烧现象；\n- 偶然、意外发生的燃烧；\n- 燃烧失去控制并有蔓延扩大的趋势。\n"
        "- 暴雨：指每小时降雨量达16毫米以上的降雨。\n"
    )
    defined = {d.term: d.text for d in parse_paragraphs(text).documents[0].definitions}
    assert defined["火灾"].startswith("在时间或空间上失去控制的燃烧") and "蔓延扩大" in defined["火灾"]
    assert defined["暴雨"] == "指每小时降雨量达16毫米以上的降雨。"
