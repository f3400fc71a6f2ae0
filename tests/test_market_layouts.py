"""Layouts and conventions seen across the market (issue 16 §2), each on a small
made-up clause written the way filed wordings print it: decimal numbering, a label
followed at once by an item, misprinted labels, tables of contents and reading
guides, definitions in their shapes, appendices and chapter-heading variants.
Every sample also conserves its characters (nothing dropped or doubled)."""

from __future__ import annotations

from collections import Counter

import pytest

from tiaokuan.model import SectionType, WarningCode
from tiaokuan.parse import ParseOptions
from tiaokuan.parse.api import clean_lines, read_source, source_to_result
from tiaokuan.parse.audit import body_ink, output_ink
from tiaokuan.parse.headings import classify


def _parse(text: str):
    raw = read_source(text.encode("utf-8"), "sample.txt", ParseOptions())
    result = source_to_result(raw)
    lines, _ = clean_lines(raw)
    assert Counter(body_ink(lines)) == Counter(output_ink(result.documents)), "characters lost or doubled"
    assert len(result.documents) == 1
    return result.documents[0], result.warnings


def _outline(doc) -> list[tuple[str | None, str, list[str | None]]]:
    return [(s.heading, s.type.value, [a.label for a in s.articles]) for s in doc.sections]


HEAD = "甲乙财产保险股份有限公司\n测试责任保险条款\n"


def test_a_label_followed_at_once_by_an_item_opens_the_article() -> None:
    doc, warnings = _parse(
        HEAD + "第一章 总则\n第一条 本保险合同由保险条款组成。\n第二章 投保人、被保险人义务\n"
        "第二条 （一）投保人应当如实告知；\n（二）被保险人应当及时通知保险人。\n第三条 本条另有约定。\n"
    )
    article = doc.sections[1].articles[0]
    assert article.label == "第二条"
    assert [i.label for i in article.items] == ["（一）", "（二）"]
    assert not [w for w in warnings if w.code in (WarningCode.UNPLACED_TEXT, WarningCode.NUMBERING_GAP)]


def test_a_reference_to_an_item_at_a_line_start_stays_a_reference() -> None:
    doc, _ = _parse(
        HEAD + "第一章 总则\n第一条 发生下列情形之一的，按照\n第五条（二）项约定的方式处理。\n第二条 其他事项。\n"
    )
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]
    assert "第五条（二）项约定" in doc.articles[0].text


def test_a_doubled_label_keeps_both_labels_and_warns() -> None:
    doc, warnings = _parse(
        HEAD + "第一章 总则\n第五条 甲。\n第六条第七条 保险人按照约定负责赔偿。\n第八条 乙。\n"
    )
    assert [a.label for a in doc.articles] == ["第五条", "第六条第七条", "第八条"]
    codes = [w.code for w in warnings]
    assert WarningCode.MISPRINTED_LABEL in codes
    assert WarningCode.NUMBERING_GAP not in codes  # 第八条 follows 第七条


def test_a_repeated_chapter_heading_is_kept_twice_and_reported() -> None:
    doc, warnings = _parse(
        HEAD + "第一章 被保险人的义务\n第一条 被保险人应当如实告知。\n第一章 被保险人的义务\n第二条 被保险人应当及时通知。\n"
    )
    assert [s.heading for s in doc.sections] == ["第一章 被保险人的义务"] * 2
    assert {s.type for s in doc.sections} == {SectionType.POLICYHOLDER_DUTIES}
    assert WarningCode.REPEATED_HEADING in [w.code for w in warnings]


def test_a_table_of_contents_and_a_reading_guide_are_front_matter() -> None:
    doc, warnings = _parse(
        HEAD + "目  录\n第一章 总则……………………1\n第一条 合同构成……………………1\n第二章 保险责任……………………2\n"
        "阅读指引\n本阅读指引有助于您理解条款。\n您拥有的重要权益\n被保险人可以获得本合同提供的保障。\n"
        "第一章 总则\n第一条 本保险合同由保险条款组成。\n第二章 保险责任\n第二条 保险人负责赔偿。\n"
    )
    assert doc.front_matter[2] == "目  录" and "阅读指引" in doc.front_matter
    assert "第一条 合同构成……………………1" in doc.front_matter
    assert _outline(doc) == [("第一章 总则", "general", ["第一条"]), ("第二章 保险责任", "coverage", ["第二条"])]
    assert doc.title == "测试责任保险条款"
    assert not warnings


def test_a_contents_list_without_page_numbers_ends_where_its_first_entry_repeats() -> None:
    doc, _ = _parse(
        HEAD + "目录\n第一章 总则\n第二章 保险责任\n第三章 责任免除\n"
        "第一章 总则\n第一条 本保险合同由保险条款组成。\n第二章 保险责任\n第二条 保险人负责赔偿。\n"
        "第三章 责任免除\n第三条 下列损失不负责赔偿。\n"
    )
    assert doc.front_matter[-3:] == ("第一章 总则", "第二章 保险责任", "第三章 责任免除")
    assert [s.type.value for s in doc.sections] == ["general", "coverage", "exclusions"]


@pytest.mark.parametrize(
    ("line", "term", "text"),
    [
        ("【意外伤害】指外来的、突发的事件导致的身体伤害。", "意外伤害", "指外来的、突发的事件导致的身体伤害。"),
        ("【医院】：是指二级以上公立医院。", "医院", "是指二级以上公立医院。"),
        ("1.周岁：以出生日期为基础计算的实足年龄。", "周岁", "以出生日期为基础计算的实足年龄。"),
        ("（三）毒品是指鸦片、海洛因。", "毒品", "是指鸦片、海洛因。"),
    ],
)
def test_definitions_in_their_shapes(line: str, term: str, text: str) -> None:
    doc, _ = _parse(HEAD + "第一章 总则\n第一条 本保险合同由保险条款组成。\n第二章 释义\n第二条 本合同下列词语的含义如下：\n" + line + "\n")
    assert [(d.term, d.text) for d in doc.definitions] == [(term, text)]


def test_an_appendix_after_the_definitions_keeps_its_sub_headings() -> None:
    doc, _ = _parse(
        HEAD + "第一章 总则\n第一条 本保险合同由保险条款组成。\n第二章 释义\n第二条 释义\n"
        "【伤残】指因意外伤害导致身体永久丧失功能。\n附录 人身保险伤残评定标准\n1 神经系统的结构和功能\n"
        "1.1 智能损伤\n本标准规定了伤残程度的评定。\n"
    )
    assert [(d.term) for d in doc.definitions] == ["伤残"]
    appendix = doc.sections[-1]
    assert appendix.type is SectionType.APPENDIX and appendix.heading == "附录 人身保险伤残评定标准"
    assert "1.1 智能损伤" in "\n".join(a.text for a in appendix.articles)


LIFE = """甲乙人寿保险股份有限公司
甲乙终身寿险条款
1 您与我们的合同
1.1 合同构成
本合同是您与我们约定保险权利义务关系的协议。
1.2 合同成立与生效
您提出保险申请、我们同意承保，本合同成立。
2 我们保什么、保多少
2.1 基本保险金额
本合同的基本保险金额由您在投保时与我们约定。
2.2 责任免除
因下列情形之一导致被保险人身故的，我们不承担给付保险金的责任：
（1）投保人对被保险人的故意杀害、故意伤害；
（2）被保险人自本合同成立之日起2年内自杀。
3 如何申请领取保险金
3.1 受益人
您可以指定一人或多人为身故保险金受益人。
4 释义
4.1 周岁
指按有效身份证件中记载的出生日期计算的年龄。
"""

ACCIDENT = """甲乙财产保险股份有限公司
甲乙个人意外伤害保险条款
一、基本条款
1．本保险合同由保险条款、投保单、保险单组成。
2．凡身体健康、能正常工作的自然人，可作为被保险人。
二、保险责任
3．在保险期间内，被保险人遭受意外伤害事故，保险人按约定给付保险金。
三、责任免除
4．因下列原因之一导致被保险人身故的，保险人不承担给付保险金责任：
（1）投保人的故意行为；
（2）被保险人醉酒或受毒品、管制药物的影响。
四、释义
1.意外伤害：指以外来的、突发的、非本意的和非疾病的客观事件为直接且主要原因导致的身体伤害。
"""


def test_plain_language_wordings_numbered_by_chapter_and_clause() -> None:
    doc, warnings = _parse(LIFE)
    assert _outline(doc)[:3] == [
        ("1 您与我们的合同", "general", ["1.1", "1.2"]),
        ("2 我们保什么、保多少", "coverage", ["2.1", "2.2"]),
        ("3 如何申请领取保险金", "claims", ["3.1"]),
    ]
    assert doc.sections[3].type is SectionType.DEFINITIONS
    assert [d.term for d in doc.definitions] == ["周岁"]
    assert [a.number for a in doc.articles if a.label] == [1, 2, 3, 4, 5]
    assert not [w for w in warnings if w.code is WarningCode.UNPLACED_TEXT]


def test_clauses_numbered_on_through_chinese_numbered_chapters() -> None:
    doc, warnings = _parse(ACCIDENT)
    assert _outline(doc)[:3] == [
        ("一、基本条款", "general", ["1．", "2．"]),
        ("二、保险责任", "coverage", ["3．"]),
        ("三、责任免除", "exclusions", ["4．"]),
    ]
    assert [i.label for i in doc.sections[2].articles[0].items] == ["（1）", "（2）"]
    assert [d.term for d in doc.definitions] == ["意外伤害"]
    assert not [w for w in warnings if w.code is WarningCode.NUMBERING_INFERRED]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("被保险人的义务", SectionType.POLICYHOLDER_DUTIES),
        ("第五章 投保人义务", SectionType.POLICYHOLDER_DUTIES),
        ("保险人的义务", SectionType.INSURER_DUTIES),
        ("保险金额和保险费", SectionType.AMOUNTS),
        ("保险金申请与给付", SectionType.CLAIMS),
        ("免赔额和补偿原则", SectionType.AMOUNTS),
        ("续保", SectionType.PERIOD),
        ("诉讼时效期间", SectionType.CLAIMS),
        ("合同变更与解除", SectionType.OTHER),
        ("受益人", SectionType.GENERAL),
        ("第二章 保险对象", SectionType.SUBJECT),
        ("附录：人身保险伤残评定标准", SectionType.APPENDIX),
        ("2 我们保什么、保多少", SectionType.COVERAGE),
        ("每人赔偿限额、操作人员数、免赔额、给付比例、保险金额", SectionType.AMOUNTS),
    ],
)
def test_chapter_headings_of_many_insurers_map_to_their_type(heading: str, kind: SectionType) -> None:
    found = classify(heading)
    assert found is not None and found.known and found.type is kind


def test_a_chapter_that_lists_its_subjects_heads_the_lines_under_it() -> None:
    """每人赔偿限额、操作人员数、免赔额、给付比例、保险金额 on a line of its own, its provisions on
    the lines right under it with no blank line between, in a copy that lost its labels:
    the line heads a chapter (two of the subjects it lists are chapter names), not the
    first half of the sentence below it."""
    doc, _ = _parse(
        HEAD + "保险期间\n除另有约定外，本附加险合同与主险合同的保险期间一致。\n\n"
        "每人赔偿限额、操作人员数、免赔额、给付比例、保险金额\n"
        "每人赔偿限额，由投保人与保险人双方约定，并在投保时在本附加险合同中载明。\n"
        "保险金额等于每人赔偿限额乘以操作人员数。\n"
    )
    amounts = [s for s in doc.sections if s.type is SectionType.AMOUNTS]
    assert [s.heading for s in amounts] == ["每人赔偿限额、操作人员数、免赔额、给付比例、保险金额"]
    assert amounts[0].articles[0].text.startswith("每人赔偿限额，由投保人")


def test_a_label_glued_to_an_article_that_opens_with_a_joining_word() -> None:
    doc, _ = _parse(
        HEAD + "第一章 争议处理\n第一条 因履行本保险合同发生的争议，由当事人协商解决。\n"
        "第二条与本保险合同有关的争议处理适用中华人民共和国法律。\n第三条 本条与第一条、第二条一并适用。\n"
    )
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第三条"]


UMBRELLA = HEAD + """第一章 总则
第一条 本保险合同由保险条款组成。
第二章 释义
第二条 本保险合同中的下列词语具有如下含义：
周岁：以法定身份证明文件中记载的出生日期为基础计算的实足年龄。
重大疾病：
（一）恶性肿瘤
指恶性细胞不受控制的进行性增长和扩散的疾病。
下列疾病不在保障范围内：
1）原位癌；
2）皮肤癌。
（二）系统性红斑狼疮
该类疾病保障仅限于女性。
该类疾病是指一种自身免疫性结缔组织病。
六项基本日常生活活动是指：
（一）穿衣：自己能够穿衣及脱衣；
（二）移动：自己从一个房间到另一个房间。
本保险合同的未解释名词，均以中国保险行业协会的释义为准。
"""


def test_umbrella_definitions_their_sub_terms_and_the_closing_rule() -> None:
    doc, _ = _parse(UMBRELLA)
    terms = [d.term for d in doc.definitions]
    # An umbrella term and each numbered term standing alone under it are entries of
    # their own; 该类疾病是指… points back and defines nothing new; numbered lines
    # carrying their explanation stay items of the entry that announced them.
    assert terms == ["周岁", "重大疾病", "恶性肿瘤", "系统性红斑狼疮", "六项基本日常生活活动"]
    texts = {d.term: d.text for d in doc.definitions}
    assert texts["重大疾病"] == ""
    assert texts["恶性肿瘤"].endswith("1）原位癌；\n2）皮肤癌。")
    assert texts["系统性红斑狼疮"] == "该类疾病保障仅限于女性。\n该类疾病是指一种自身免疫性结缔组织病。"
    # The closing rule of the 释义 belongs to no definition.
    assert texts["六项基本日常生活活动"] == "是指：\n（一）穿衣：自己能够穿衣及脱衣；\n（二）移动：自己从一个房间到另一个房间。"


def test_an_appended_standard_after_the_definitions_is_an_appendix_not_a_preamble() -> None:
    doc, warnings = _parse(
        HEAD + "第一章 总则\n第一条 本保险合同由保险条款组成。\n释义\n"
        "【意外伤害】指以外来的、突发的、非本意的和非疾病的客观事件为直接且主要原因导致的身体伤害。\n"
        "目录\n前言\n根据保险行业业务发展要求，制订本标准。\n1 适用范围\n本标准适用于意外险产品。\n"
    )
    assert [d.term for d in doc.definitions] == ["意外伤害"]
    assert [(s.heading, s.type) for s in doc.sections[-2:]] == [("目录", SectionType.APPENDIX), ("前言", SectionType.APPENDIX)]
    assert SectionType.PREAMBLE not in {s.type for s in doc.sections}
    assert not [w for w in warnings if w.code is WarningCode.UNKNOWN_HEADING]


def test_a_number_alone_on_its_line_opens_the_next_definition() -> None:
    doc, _ = _parse(
        HEAD + "第一章 总则\n第一条 本保险合同由保险条款组成。\n第二章 释义\n第二条 本保险合同中的下列词语具有如下含义：\n"
        "1.\n意外伤害\n指以外来的、突发的事件导致的身体伤害。\n2.\n医院\n指二级以上公立医院。\n（三）\n周岁：以出生日期计算的年龄。\n"
    )
    assert [(d.term, d.text) for d in doc.definitions] == [
        ("意外伤害", "指以外来的、突发的事件导致的身体伤害。"),
        ("医院", "指二级以上公立医院。"),
        ("周岁", "以出生日期计算的年龄。"),
    ]
