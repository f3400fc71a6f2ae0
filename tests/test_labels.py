"""Printed labels: articles vs cross-references, item families, numerals."""

import pytest

from tiaokuan.model import Span
from tiaokuan.text.labels import (
    HeadingLevel,
    ItemFamily,
    article_label,
    close_cjk_gaps,
    cn_to_int,
    display_width,
    heading_label,
    item_label,
    numbered_like,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十六", 26), ("一百零一", 101), ("一百一十", 110), ("〇", 0), ("21", 21)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("第一条 本保险合同由保险条款组成。", "第一条", 1),
        ("第二十六条\u3000保险责任开始前", "第二十六条", 26),
        ("第十条\t本保险合同成立后", "第十条", 10),
        ("第三条（故障责任） 在保险期间内", "第三条", 3),
        ("第五条下述情况", "第五条", 5),
        ("第 12 条 数字编号", "第 12 条", 12),
    ],
)
def test_article_labels(line: str, label: str, value: int) -> None:
    found = article_label(line)
    assert found is not None
    assert (found.text, found.value) == (label, value)


@pytest.mark.parametrize(
    "line",
    [
        "第十四条、第十五条计算的毛利润损失",  # PC05: a reference after a hard line break
        "第二十二条；第二十三条；第二十四条",  # PC06: a list of references
        "第五条（二）项所列情形",
        "第三条约定的保险事故",
        "第十条规定的期限内",
        "第二条所述的费用",
        "本保险合同第三条",
    ],
)
def test_cross_references_are_not_articles(line: str) -> None:
    assert article_label(line) is None


@pytest.mark.parametrize(
    ("line", "family", "label", "value"),
    [
        ("（一）投保人的故意行为；", ItemFamily.PAREN_CN, "（一）", 1),
        ("(十二) 其他", ItemFamily.PAREN_CN, "(十二)", 12),
        ("一、总则", ItemFamily.CN_COMMA, "一、", 1),
        ("1．有燃烧现象", ItemFamily.DECIMAL_DOT, "1．", 1),
        ("2、暴雨：指", ItemFamily.DECIMAL_DOT, "2、", 2),
        ("（3）感应雷击", ItemFamily.PAREN_NUM, "（3）", 3),
        ("③ 第三项", ItemFamily.CIRCLED, "③", 3),
        ("b.著作权", ItemFamily.LETTER, "b.", 2),
        ("2.1.1 未按已申报契约", ItemFamily.MULTI_DECIMAL, "2.1.1", 1),
    ],
)
def test_item_labels(line: str, family: ItemFamily, label: str, value: int) -> None:
    found = item_label(line)
    assert found is not None
    assert found[0] is family
    assert (found[1].text, found[1].value) == (label, value)


@pytest.mark.parametrize("line", ["2.5%的退保手续费", "保险期间为一年", "10 20 30"])
def test_not_items(line: str) -> None:
    assert item_label(line) is None


def test_heading_levels() -> None:
    assert heading_label("第一部分 释义")[0] is HeadingLevel.PART
    assert heading_label("第三章 保险责任")[0] is HeadingLevel.CHAPTER
    assert heading_label("第二节\t合约争议")[0] is HeadingLevel.SUBSECTION
    assert heading_label("Section 2 - Contractual Disputes")[0] is HeadingLevel.SUBSECTION
    assert heading_label("A. Definitions")[0] is HeadingLevel.CHAPTER
    assert heading_label("保险责任") is None


def test_display_width_and_gaps() -> None:
    assert display_width("第一条 a") == 8
    assert close_cjk_gaps("保 险 责 任")[0] == "保险责任"
    assert close_cjk_gaps("2025 版")[0] == "2025 版"
    assert close_cjk_gaps("情况； 故意免赔额", (Span(4, 9),)) == ("情况；故意免赔额", (Span(3, 8),))


@pytest.mark.parametrize("line", ["0.7至1.3之间确定。", "1.5倍以下", "2.5 %"])
def test_numbers_are_not_decimal_labels(line: str) -> None:
    assert item_label(line) is None


@pytest.mark.parametrize(
    ("printed", "value", "written"),
    [
        ("(四)", 3, "(三)"),
        ("（四）", 11, "（十一）"),
        ("( 四 )", 2, "( 二 )"),
        ("（4）", 12, "（12）"),
        ("（４）", 10, "（１０）"),
        ("4.", 3, "3."),
        ("4．", 3, "3．"),
        ("4、", 3, "3、"),
        ("四、", 3, "三、"),
        ("④", 21, "㉑"),
        ("d.", 1, "a."),
        ("B)", 3, "C)"),
        ("2.1.4 ", 3, "2.1.3 "),
    ],
)
def test_a_label_numbered_like_a_printed_one(printed: str, value: int, written: str) -> None:
    assert numbered_like(printed, value) == written
    found = item_label(written)
    assert found is not None and found[0] is item_label(printed)[0] and found[1].value == value


def test_a_label_without_a_number_cannot_be_numbered() -> None:
    with pytest.raises(ValueError):
        numbered_like("（ ）", 1)
