"""Restoring lost article numbers: the walker's conventions (parse/numbering.py) and the clause's own cross-references (parse/restore.py)."""

import re
from pathlib import Path

import pytest

from tiaokuan.parse.api import ParseOptions, parse_file, parse_paragraphs
from tiaokuan.parse.numbering import (
    announces_items,
    announces_list,
    caption_parts,
    counted_back,
    leave_list_cost,
)
from tiaokuan.parse.restore import Point, references, restore
from tiaokuan.parse.sister import layout_of


def _points(*rows: tuple[str, bool, float | None]) -> list[Point]:
    return [Point(i, text, start, cost) for i, (text, start, cost) in enumerate(rows)]


def _departures(points: list[Point], layout=None) -> dict[int, bool]:
    """The readings the best path overturns (restore gives the whole path, or nothing)."""
    path = restore(points, layout)
    assert not path or set(path) == {p.index for p in points}
    return {i: start for i, start in path.items() if start != points[i].start}


def test_references_are_the_clauses_own_articles_only() -> None:
    points = _points(
        ("保险人依据第十八条所取得的保险合同解除权，自保险人知道有解除事由之日起，超过三十日不行使而消灭。", True, None),
        ("依照《中华人民共和国保险法》第十六条、保险法第十七条和本条款第3条的约定办理。", True, None),
        ("本合同第五条款另有约定的除外。", True, None),
    )
    found = [(r.point, r.number, r.phrase) for r in references(points)]
    assert found == [(0, 18, "所取得的保险合同解除权自知道有解"), (1, 3, "办理。")]
    # The parties, named in every article, say nothing of which one is meant: the words
    # that do (索赔的证明和资料) are reached past them.
    claims = _points(("保险人按照第二十六条的约定，认为投保人、被保险人或者受益人提供的有关索赔的证明和资料不完整的，应当通知。", True, None))
    assert [r.phrase for r in references(claims)] == ["认为提供的有关索赔的证明和资料不"]


def test_no_references_keep_the_walkers_reading() -> None:
    points = _points(("下列损失，保险人不负责赔偿：", True, None), ("罚款。", False, None), ("间接损失。", False, 0.5))
    assert restore(points) == {}


def test_an_article_never_cites_itself() -> None:
    points = _points(
        ("总则。", True, None),
        ("保险人按以下方式计算赔偿：", True, None),
        ("保险金额等于保险价值时，按实际损失计算。", False, None),
        ("保险人的赔偿金额为根据第二条约定计算的金额扣除免赔额。", False, 0.6),
    )
    # Read as the list's third item it would stand in article 2 and cite itself.
    assert _departures(points) == {3: True}


def test_a_reference_says_where_an_article_opens() -> None:
    points = _points(
        ("本保险合同由保险条款组成。", True, None),
        ("下列损失，保险人不负责赔偿：", True, None),
        ("罚款。", False, None),
        ("投保人应当在保险合同成立时交清保险费。", False, 0.4),
        ("被保险人请求赔偿时，应向保险人提供证明和资料。", True, None),
        ("保险人按照第三条的约定交清保险费后承担保险责任。", True, None),
    )
    # 第三条 is about 交清保险费: the paragraph that says so opens article 3.
    assert _departures(points) == {3: True}


def test_a_reference_the_model_clauses_fix_outweighs_the_walkers_weak_calls() -> None:
    points = _points(
        ("本保险合同由保险条款、投保单、保险单以及批单组成。", True, None),
        ("保险金额由投保人与保险人协商确定，并在保险单中载明。", True, None),
        ("免赔额由投保人与保险人在订立保险合同时协商确定。", True, 0.8),
        ("保险期间为一年，以保险单载明的起讫时间为准。", True, 0.9),
        ("保险人依据第四条所取得的保险合同解除权，自保险人知道有解除事由之日起，超过三十日不行使而消灭。", True, None),
        ("订立保险合同，保险人就保险标的或者被保险人的有关情况提出询问的，投保人应当如实告知。", True, None),
    )
    # 所取得的保险合同解除权 is the disclosure article's right (《保险法》第十六条), whatever its words
    # share with the reference: two weak calls give way so that it is the fourth article.
    assert _departures(points) == {2: False, 3: False}
    # … but only the article whose rule is the disclosure, not one naming it in passing.
    passing = [*points[:5], Point(5, "保险人在合同订立时已经知道投保人未如实告知的情况的，保险人不得解除合同。", True, None)]
    assert _departures(passing) == {}


# -- the layout of labelled clauses (sister.Layout) -------------------------

_LABELLED = """澄川财产保险股份有限公司
澄川样品运输保险条款
总则
第一条 本保险合同由保险条款、投保单、保险单以及批单组成。
第二条 凡在中华人民共和国境内依法设立的企业，均可作为本保险合同的投保人和被保险人。
保险责任
第三条 在保险期间内，保险标的在运输途中因火灾、爆炸造成的直接物质损坏，保险人按照本保险合同的约定负责赔偿。
第四条 保险金额由投保人与保险人协商确定，并在保险单中载明。
保险费依照保险金额与约定的费率计算，由投保人在保险合同成立时一次交清。
第五条 保险期间由投保人与保险人协商确定，以保险单载明的起讫时间为准。
"""


def _lost_copy(text: str) -> str:
    """A sister wording (仓储, not 运输) whose copy lost its 第X条 labels."""
    stripped = re.sub(r"^第[一二三四五六七八九十]+条 ", "", text, flags=re.MULTILINE)
    return stripped.replace("样品运输保险", "样品仓储保险").replace("运输途中", "仓储期间")


def _paragraphs(doc) -> list[tuple[int, int]]:
    return [(a.number, len(a.paragraphs)) for a in doc.articles]


_DEPOSIT_BULLETS = """澄川财产保险股份有限公司
澄川样品履约保证保险条款
总则
- 本保险合同由保险条款、投保单、保险单以及批单组成。凡涉及本保险合同的约定，均应采用书面形式。
责任免除
- 下列损失、费用和责任，保险人不负责赔偿：
- 被保险人或其代理人的故意行为。
- 罚款、罚金及惩罚性赔偿。
- 被保险人的间接损失。
- 投保人与被保险人订立的合同无效或被撤销的。
- 被保险人未履行合同约定的义务的。
保险金额
- 本保险合同的保险金额由投保人与保险人协商确定，并在保险单中载明。
投保人、被保险人义务
- 订立本保险合同时，保险人有权要求投保人提供保证金，投保人应当提供。
赔偿处理
- 保险人向被保险人赔偿保险金后，有权在扣除第五条所指的投保人交纳的保证金后向投保人追偿。
"""


def test_an_article_the_references_open_inside_a_list_opens_one_article(tmp_path: Path) -> None:
    # Read alone, the exclusion list keeps its six bullets and the deposit article is the
    # fourth; 第五条所指的…保证金 asks for one article more before it. The walk that follows
    # the path opens that one article: the bullets after it are read as the path read them,
    # not each as an article because the list it stood in was closed (which made the
    # deposit article the sixth, and the reference wrong the other way).
    source = tmp_path / "deposit.md"
    source.write_text(_DEPOSIT_BULLETS, encoding="utf-8")
    doc = parse_file(source).documents[0]
    numbered = [a for a in doc.articles if a.number]
    assert [a.number for a in numbered] == list(range(1, 7))
    assert "保证金，投保人应当提供" in next(a.text for a in numbered if a.number == 5)


def test_a_copy_is_restored_by_the_labelled_clause_it_copies() -> None:
    labelled = parse_paragraphs(_LABELLED).documents[0]
    alone = parse_paragraphs(_lost_copy(_LABELLED)).documents[0]
    # From its own words the premium paragraph reads as an article of its own …
    assert _paragraphs(alone) == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]
    beside = parse_paragraphs(_lost_copy(_LABELLED), options=ParseOptions(layout=layout_of([labelled]))).documents[0]
    # … the labelled clause prints it, after the same sum-insured paragraph, in one article.
    assert _paragraphs(beside) == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 1)]
    assert all(a.number_inferred for a in beside.articles)
    assert [a.text for a in beside.articles] != [a.text for a in labelled.articles]  # its own words, 仓储 kept
    assert "".join(a.text for a in beside.articles).replace("\n", "") == "".join(a.text for a in alone.articles).replace("\n", "")


def test_a_sentence_copied_without_its_article_does_not_join() -> None:
    # The labelled clause prints the premium sentence after another paragraph: the
    # sentence was copied, not the article, so the copy keeps its own reading.
    other = _LABELLED.replace("第四条 保险金额由投保人与保险人协商确定，并在保险单中载明。", "第四条 本保险合同的保险价值为出险时保险标的的实际价值。")
    labelled = parse_paragraphs(other).documents[0]
    beside = parse_paragraphs(_lost_copy(_LABELLED), options=ParseOptions(layout=layout_of([labelled]))).documents[0]
    assert _paragraphs(beside) == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]


def test_a_paragraph_that_opens_an_article_where_it_is_printed_opens_one() -> None:
    points = _points(
        ("保险人应当及时签发保险单。", True, None),
        ("保险人收到赔偿请求后，应当及时作出核定，并将核定结果通知被保险人。", False, 0.5),
    )
    labelled = parse_paragraphs(
        "澄川财产保险股份有限公司\n澄川样品保险条款\n保险人义务\n第一条 保险人应当及时签发保险单。\n"
        "第二条 保险人收到赔偿请求后，应当及时作出核定，并将核定结果通知被保险人。\n"
    ).documents[0]
    assert restore(points) == {}
    assert _departures(points, layout_of([labelled])) == {1: True}


def test_of_equally_near_copies_most_decide() -> None:
    """A model line three labelled clauses print word for word: two open an article
    with it and one prints it inside another, so it opens one; one against two goes on
    (whichever clause the library holds first)."""
    from tiaokuan.parse.sister import Layout, cjk_pairs, layout_votes

    line = frozenset(cjk_pairs("保险人收到赔偿请求后，应当及时作出核定，并将核定结果通知被保险人。"))
    point = [Point(0, "保险人收到赔偿请求后，应当及时作出核定，并将核定结果通知被保险人。", False, 0.5)]
    opens = [(line, 1, 0), (line, 2, 0), (line, 3, 1)]
    for lines in (opens, opens[::-1]):
        vote = layout_votes(point, Layout(tuple(lines)))[0]
        assert vote is not None and vote[0]
    goes_on = [(line, 1, 1), (line, 2, 0), (line, 3, 1)]
    for lines in (goes_on, goes_on[::-1]):
        vote = layout_votes(point, Layout(tuple(lines)))[0]
        assert vote is None or not vote[0]


# -- an article's captioned parts (numbering.caption_parts) --------------------

_CAPTIONED_COVER = """澄川人寿保险股份有限公司
澄川团体意外伤害保险条款
保险责任
在保险期间内，被保险人遭受意外伤害事故的，保险人依照下列约定给付保险金：
意外伤害身故保险责任
被保险人自事故发生之日起180日内因该事故身故的，保险人按保险金额给付身故保险金。
被保险人因意外伤害事故下落不明，后经人民法院宣告死亡的，保险人按保险金额给付身故保险金。
意外伤害伤残保险责任
被保险人自事故发生之日起180日内因该事故伤残的，保险人按伤残等级对应的比例给付伤残保险金。
保险期间
本保险合同的保险期间为一年，以保险单载明的起讫时间为准。
"""


def test_captions_of_one_articles_parts_are_found_with_what_stands_between() -> None:
    texts = [line for line in _CAPTIONED_COVER.splitlines()]
    cover = texts.index("意外伤害身故保险责任")
    # From the first caption to the last caption's body; not the chapter after.
    assert caption_parts(texts) == set(range(cover, cover + 5))
    # One caption is no group: nothing says the article goes on past it.
    assert caption_parts([t for t in texts if t != "意外伤害伤残保险责任"]) == set()
    # Captions not announced by a lead-in are no group either.
    assert caption_parts([t.replace("依照下列约定给付保险金：", "给付保险金。") for t in texts]) == set()


def test_a_cover_article_with_captioned_parts_stays_one_article() -> None:
    doc = parse_paragraphs(_CAPTIONED_COVER).documents[0]
    shape = [(a.number, a.text.split("\n")[0][:6]) for a in doc.articles]
    assert shape == [(1, "在保险期间内"), (2, "本保险合同的")]
    assert doc.articles[0].text.count("\n") == 5  # the lead-in, two captions and three bodies


def test_a_paragraph_counting_back_its_earlier_paragraphs_keeps_them_in_its_article() -> None:
    texts = [
        "其他事项",
        "未发生保险事故，被保险人谎称发生了保险事故，向保险人提出给付保险金请求的，保险人有权解除合同。",
        "投保人、被保险人故意制造保险事故的，保险人有权解除合同，不承担给付保险金的责任。",
        "保险事故发生后，投保人或者被保险人以伪造的证明编造保险事故的原因的，保险人对其虚报的部分不承担给付保险金的责任。",
        "投保人或者被保险人有前三款规定行为之一，致使保险人支付保险金或者支出费用的，应当退回或者赔偿。",
        "保险责任开始前，投保人要求解除保险合同的，保险人应当退还已收取的保险费。",
    ]
    assert counted_back(texts) == {2, 3, 4}
    assert counted_back(texts[2:]) == set()  # fewer paragraphs before it than it counts: no sign
    doc = parse_paragraphs("澄川财产保险股份有限公司\n澄川样品保险条款\n" + "\n".join(texts) + "\n").documents[0]
    assert [len(a.paragraphs) for a in doc.articles] == [4, 1]


_CAPTION_AND_TERMS = """澄川财产保险股份有限公司
澄川样品意外伤害保险条款
保险责任
在保险期间内，被保险人因意外伤害住院治疗的，保险人按照本合同约定给付保险金。
住院医疗保险责任
保险人按被保险人实际支出的合理医疗费用给付住院医疗保险金。
保险期间
本保险合同的保险期间为一年，以保险单载明的起讫时间为准。
释义
周岁
以法定身份证明文件中记载的出生日期为基础计算的实足年龄。
意外伤害
指遭受外来的、突发的、非本意的、非疾病的使身体受到伤害的客观事件。
猝死
指表面健康的人因潜在疾病在出现症状后24小时内发生的非暴力性突然死亡。
"""


def test_terms_printed_alone_in_the_definitions_do_not_make_captions_head_articles() -> None:
    # 释义's terms alone on their lines define words and head nothing: this wording
    # prints one caption against three chapter headings, so its caption heads a part
    # of the cover article, not an article of its own.
    doc = parse_paragraphs(_CAPTION_AND_TERMS).documents[0]
    assert [(a.number, a.text[:6]) for a in doc.articles if a.number] == [(1, "在保险期间内"), (2, "本保险合同的")]


def test_a_lead_in_of_a_list_of_its_own_is_told_by_its_words() -> None:
    assert announces_list("对于下列情形、原因，保险人不负责给付身故、伤残保险金：")
    assert announces_list("保险人按照以下约定给付保险金：")
    # a sentence announcing its parts (captioned, perhaps) is no item of the list before it
    assert announces_list("保险人按照下列约定给付保险金。")
    assert not announces_list("保险人按照本合同约定给付保险金。")
    assert not announces_list("身故保险金受益人：")  # it announces no list


# A Markdown copy that kept Word's numbered paragraphs as bullets and lost the numbers,
# of a wording that heads its articles with captions (条款标题): chapter headings plain,
# every article, item and numbered paragraph a bullet.
_CAPTIONED_BULLETS = """# 澄川样品贸易信用保险条款

澄川财产保险股份有限公司
澄川样品贸易信用保险条款

总则
- 本保险合同由保险条款、投保单、保险单、批单等有关文件组成。
- 本保险合同中的条款标题仅供参考，不影响本保险合同的解释。
本保险合同的被保险人为国内贸易中交付货物的供应方。
保险责任
- 如被保险人因买方不付款而遭受应收账款的损失，保险人按照本保险合同的约定负责赔偿。
- 承保的贸易合同
- 保险人承保被保险人与买方签订的符合下列所有条件的贸易合同：
- 在保险期间内交付货物；
- 以书面形式订立。
责任免除
- 下列原因造成的损失，保险人不负责赔偿：
- 被保险人的故意行为；
- 核反应、核辐射或放射性污染。
被保险人的义务
- 如实告知
订立保险合同时，投保人应当如实告知。
投保人故意不履行如实告知义务的，保险人有权解除本保险合同。
- 保险费支付
保险费的支付方式，由投保人和保险人协商，从下列两者中择其一进行确定：
- 按销售额
- 投保人应按期支付保险费；
- 投保人应申报销售额。
- 按信用限额
- 投保人应按期支付保险费。
- 付款期限
未经保险人书面同意，被保险人给予买方的付款期限不得超过最长付款期限。
- 延展期限
- 尽管有本保险条款第八条“付款期限”之约定，被保险人可以延展付款日一次。
- 延展不得超过最长延展期限。
理赔和追偿
- 赔偿金额计算
- 保险人按以下规定计算赔偿金额：
- 首先，计算损失金额；
- 其次，乘以承保比例。
- 在适用本条款上述规定时，免赔额的适用方式从下列两者中择其一进行确定：
- 按交付日
损失核赔时适用交付日所在保险期间的免赔额。
- 按付款日
损失核赔时适用付款日所在保险期间的免赔额。
- 索赔和赔付
被保险人应在买方不付款之日起十二个月内提出索赔。
一般事项
- 合同解除
投保人不得解除本保险合同。
- 诉讼时效
被保险人向保险人请求赔偿保险金的诉讼时效期间为二年。
"""


def test_captions_head_the_articles_of_a_bulleted_copy(tmp_path: Path) -> None:
    source = tmp_path / "captioned.md"
    source.write_text(_CAPTIONED_BULLETS, encoding="utf-8")
    doc = parse_file(source).documents[0]
    shape = [(a.number, a.text.split("\n")[0][:6]) for a in doc.articles if a.number]
    assert shape == [
        (1, "本保险合同由"), (2, "本保险合同中"), (3, "如被保险人因"), (4, "承保的贸易合"), (5, "下列原因造成"),
        (6, "如实告知"), (7, "保险费支付"), (8, "付款期限"), (9, "延展期限"), (10, "赔偿金额计算"),
        (11, "索赔和赔付"), (12, "合同解除"), (13, "诉讼时效"),
    ]  # fmt: skip
    # A bullet naming a chapter (- 索赔和赔付) is an article's caption; a short plain line
    # over a bullet heads a chapter, known or not (一般事项).
    assert [s.heading for s in doc.sections if s.heading][-1] == "一般事项"
    by_number = {a.number: a for a in doc.articles}
    # The parts a lead counts (从下列两者中…) stay in its article, each caption with its body …
    assert "按信用限额" in by_number[7].text and "按付款日" in by_number[10].text
    # … and the bullets after a caption are its own paragraphs and items, not articles.
    assert "延展不得超过最长延展期限" in by_number[9].text
    # The reading stands without the clause's reference to 第八条“付款期限” too.
    source.write_text(_CAPTIONED_BULLETS.replace("尽管有本保险条款第八条“付款期限”之约定，", ""), encoding="utf-8")
    assert [a.number for a in parse_file(source).documents[0].articles if a.number] == list(range(1, 14))


@pytest.mark.corpus
def test_each_exclusion_list_of_a_copy_that_lost_its_labels_is_an_article(shared_corpus: Path) -> None:
    # 团体人身意外伤害保险（互联网专属）'s copy lost its labels; its 责任免除 prints four
    # lead-ins, each announcing its own list (对于下列情形、原因，…：). Each opens an
    # article, as the labelled clauses' lead-ins do after a list (190 of 191).
    path = shared_corpus / "catalog/团体人身意外伤害保险（互联网专属）/太平科技保险股份有限公司团体人身意外伤害保险（互联网专属）条款.md"
    doc = parse_file(path).documents[0]
    exclusions = next(s for s in doc.sections if s.heading and s.heading.strip() == "责任免除")
    # (the catch-all after them restates the refusal its list's lead stated: an article too)
    assert [a.text.split("\n")[0].startswith("对于下列") for a in exclusions.articles] == [True] * 4 + [False]
    assert exclusions.articles[-1].text.startswith("本保险合同其它部分列明不在承保范围内")


def _three_articles(product: str, chapter: str, *lines: str):
    """A fictional 澄川 copy that lost its labels: 总则's one article, `lines` under `chapter`,
    then 保险期间's one article."""
    text = "\n".join([
        "澄川财产保险股份有限公司", product, "总则", "本保险合同由保险条款、投保单、保险单以及批单组成。", chapter, *lines,
        "保险期间", "保险期间不超过一年，具体以保险单载明的为准。",
    ]) + "\n"  # fmt: skip
    return parse_paragraphs(text).documents[0]


def test_a_sentence_naming_its_list_keeps_the_items_after_it() -> None:
    # …由于下列原因造成保险标的的损失，保险人…负责赔偿。 ends in 。 yet names the list that follows:
    # the items are the cover article's, not articles of their own.
    doc = _three_articles(
        "澄川样品虚拟财产损失保险条款", "保险责任",
        "在保险期间内，由于下列原因造成保险标的的损失，保险人按照本保险合同的约定负责赔偿。",
        "数据原因：失窃、黑客攻击、运营商数据丢失。", "交易原因：被卖家找回、被运营商收回或封号。",
    )  # fmt: skip
    assert [(a.number, a.text[:4]) for a in doc.articles if a.number] == [(1, "本保险合"), (2, "在保险期"), (3, "保险期间")]
    assert announces_items("由于下列原因造成保险标的的损失，保险人负责赔偿。")
    assert not announces_items("保险人按照下列约定给付保险金。")  # names no list of its own: captioned parts may follow


def test_an_item_naming_the_parties_conduct_stays_in_its_list() -> None:
    # 投保人、被保险人或其代表的故意行为、重大过失行为。 opens with the parties as an article may,
    # but it only names their conduct, with no sentence of its own: an item of the exclusion
    # list before it, not an article.
    doc = _three_articles(
        "澄川样品申请费用损失保险条款", "责任免除", "下列原因造成的保险事故，保险人不负责赔偿：",
        "被保险人不符合认定要求中的硬性指标要求。", "投保人、被保险人、代理方或其代表的故意行为、重大过失行为或犯罪行为。", "司法行为。",
    )  # fmt: skip
    assert [(a.number, a.text[:4]) for a in doc.articles if a.number] == [(1, "本保险合"), (2, "下列原因"), (3, "保险期间")]
    # … however unlike the items before it: leaving the list there costs what leaving it for
    # a paragraph that does not open with a party costs, not what a new article's sentence does.
    items = ["被保险人不符合认定要求中的硬性指标要求。"]
    conduct = leave_list_cost(items, "投保人、被保险人、代理方或其代表的故意行为、重大过失行为或犯罪行为。")
    assert conduct == leave_list_cost(items, "司法行为。")
    assert conduct > leave_list_cost(items, "投保人应当在保险合同成立时一次性交清保险费。")


def test_a_sentence_announcing_captioned_parts_opens_an_article_that_runs_to_its_chapters_end() -> None:
    # After a list, …依照下列约定给付保险金。 opens an article of its own; its captioned parts
    # (身故保险金 / 伤残保险金) and every paragraph after the last caption — 如被保险人…已有伤残,
    # 保险人对每一被保险人…为限 — are that article's, up to the next chapter.
    doc = _three_articles(
        "澄川样品交通工具意外伤害保险条款", "保险责任",
        "在保险期间内，保险人承担投保人选择的以下一项或多项交通工具意外伤害保险责任：",
        "航空意外伤害保险责任：是指被保险人以乘客身份乘坐民航班机期间遭受意外伤害。",
        "轮船意外伤害保险责任：是指被保险人以乘客身份乘坐客运轮船期间遭受意外伤害。",
        "在保险期间内，被保险人遭受保险合同中列明的保险事故，保险人依照下列约定给付保险金。",
        "身故保险金",
        "被保险人自事故发生之日起180日内因该事故身故的，保险人按保险金额给付身故保险金。",
        "伤残保险金",
        "被保险人自事故发生之日起180日内因该事故伤残的，保险人按伤残比例给付伤残保险金。",
        "如被保险人在本次意外伤害事故之前已有伤残，保险人按合并后的伤残程度计算，但应扣除已有伤残对应的保险金。",
        "保险人对每一被保险人所负给付保险金的责任以保险金额为限。",
    )  # fmt: skip
    shape = [(a.number, a.text[:6]) for a in doc.articles if a.number]
    assert shape == [(1, "本保险合同由"), (2, "在保险期间内"), (3, "在保险期间内"), (4, "保险期间不超")]
    assert doc.articles[2].text.endswith("保险人对每一被保险人所负给付保险金的责任以保险金额为限。")
    assert "轮船意外伤害" in doc.articles[1].text and "给付保险金。" not in doc.articles[1].text


def _shape(tmp_path: Path, name: str, text: str) -> list[tuple[int, int, str]]:
    """A fictional copy written to `name`.md and parsed: each numbered article's number, item
    count and first words."""
    source = tmp_path / f"{name}.md"
    source.write_text(text, encoding="utf-8")
    return [(a.number, len(a.items), a.text[:4]) for a in parse_file(source).documents[0].articles if a.number]


def test_a_paragraph_restating_its_lists_verdict_is_no_item(tmp_path: Path) -> None:
    # A lead states the insurer's verdict on its items once (…保险人负责赔偿： / …保险人不负责
    # 赔偿：); a bullet after the items that states it again is a sentence of its own: the
    # mitigation costs the insurer also pays, the catch-all of what it does not.
    shape = _shape(
        tmp_path,
        "verdicts",
        "澄川财产保险股份有限公司\n澄川样品货物运输保险条款\n总则\n"
        "- 本保险合同由保险条款、投保单、保险单以及批单组成。凡涉及本保险合同的约定，均应采用书面形式。\n"
        "保险责任\n"
        "- 在保险期间内，由于下列原因造成保险标的的损失，保险人按照本保险合同的约定负责赔偿：\n"
        "- 火灾、爆炸。\n- 运输工具发生碰撞、倾覆。\n"
        "- 保险事故发生后，被保险人为防止或减少保险标的的损失所支付的必要的、合理的施救费用，保险人也负责赔偿。\n"
        "责任免除\n"
        "- 由于下列原因造成的损失，保险人不负责赔偿：\n"
        "- 战争、敌对行动、军事行为。\n- 保险标的本身的缺陷或自然损耗。\n"
        "- 本保险合同其他部分约定不在保障范围内的损失、费用和责任，保险人不负责赔偿。\n"
        "保险期间\n- 保险期间不超过一年，以保险单载明的为准。\n",
    )
    assert shape == [(1, 0, "本保险合"), (2, 2, "在保险期"), (3, 0, "保险事故"), (4, 2, "由于下列"), (5, 0, "本保险合"), (6, 0, "保险期间")]


def test_a_caption_standing_alone_heads_the_bullets_after_it(tmp_path: Path) -> None:
    # Where captions head no articles, a bullet that is only a caption (- 保险责任起讫) is no
    # sentence of its own: it heads the bullets after it, as a lead-in ending in ： would.
    shape = _shape(
        tmp_path,
        "caption",
        "澄川财产保险股份有限公司\n澄川样品货物运输保险条款\n总则\n"
        "- 本保险合同由保险条款、投保单、保险单以及批单组成。凡涉及本保险合同的约定，均应采用书面形式。\n"
        "保险期间与保险责任起讫\n- 保险期间不超过一年，以保险单载明的为准。\n- 保险责任起讫\n"
        "- 单程保险：自货物装上运输工具时开始，至卸离运输工具时止。\n"
        "- 定期保险：为保险期间内每次运输的保险责任起讫期，但不早于保险期间起始日期。\n"
        "保险金额\n- 保险金额由投保人与保险人协商确定，并在保险单中载明。\n",
    )
    assert shape == [(1, 0, "本保险合"), (2, 0, "保险期间"), (3, 2, "保险责任"), (4, 0, "保险金额")]


def test_the_table_an_item_names_stays_in_its_article() -> None:
    # An item that names the table printed under it (下列“伤残等级赔偿比例表”) ends its sentence
    # before the table; the caption and the note under it are the item's, and the items after
    # them are still the article's — not an appendix opened by the caption.
    text = (
        "澄川财产保险股份有限公司\n澄川样品操作人员责任保险条款\n总则\n第一条 本附加保险合同须附加于主保险合同。\n保险责任\n"
        "第二条 保险人按下列约定赔偿：\n（一）死亡赔偿金：按照每人死亡赔偿限额赔偿；\n"
        "（二）伤残赔偿金：以该伤残等级所对应的下列“伤残等级赔偿比例表”的赔偿比例乘以每人死亡赔偿限额计算。\n"
        "伤残等级赔偿比例表\n伤残项目对应两项以上者，以级别高者为伤残等级。\n"
        "（三）误工费赔偿金：按保险单载明的每人每天误工费赔偿。\n（四）医疗费用赔偿金：按实际支出的医疗费用赔偿。\n"
        "责任免除\n第三条 操作人员的故意行为造成的损失，保险人不负责赔偿。\n"
    )
    doc = parse_paragraphs(text).documents[0]
    assert [s.heading for s in doc.sections] == ["总则", "保险责任", "责任免除"]
    second = doc.articles[1]
    assert [i.label for i in second.items] == ["（一）", "（二）", "（三）", "（四）"]
    assert "伤残等级赔偿比例表" in second.text and "以级别高者为伤残等级" in second.text


def test_a_paragraph_opening_with_the_event_its_rule_applies_to_may_leave_a_list() -> None:
    """发生保险责任范围内的损失，… / 保险事故发生后，… / 在…过程中，被保险人…: the model clauses
    open their claims and subrogation articles with the event they apply to. After a list's
    items, leaving the list for such a paragraph costs less than for an item carrying on its
    lead's sentence, and no more than for a paragraph opening with a party."""
    items = ["货币赔偿：以支付保险金的方式赔偿。", "替代品赔偿：以相同或相近的网络虚拟财产进行替代赔偿。"]
    party = leave_list_cost(items, "被保险人向保险人请求赔偿保险金的诉讼时效依照法律规定。")
    for text in (
        "发生保险责任范围内的损失，应由有关责任方负责赔偿的，保险人自向被保险人赔偿之日起取得代位求偿权。",
        "保险事故发生后，被保险人重新找回保险标的的，应当及时通知保险人。",
    ):
        assert leave_list_cost(items, text) <= party
    during = "在对保险标的修复或替换的过程中，被保险人进行的任何变更，由被保险人自行承担。"
    assert leave_list_cost(items, during) < leave_list_cost(items, "找回或修复：由保险人自行或委托第三方找回。")


_NAMED_PARTS = """澄川人寿保险股份有限公司
澄川团体医疗保险条款
总则
本保险合同由保险条款、投保单、保险单以及批单组成。凡涉及本保险合同的约定，均应采用书面形式。
保险责任
本保险合同的保险责任分为住院医疗保险责任和门（急）诊医疗保险责任两项，投保人可以选择投保其中的一项或两项，并在保险单中载明。
住院医疗保险责任
在保险期间内，被保险人因意外伤害或疾病住院治疗的，保险人按照约定给付住院医疗保险金。
门（急）诊医疗保险责任
在保险期间内，被保险人因意外伤害或疾病门（急）诊治疗的，保险人按照约定给付门（急）诊医疗保险金。
本保险合同适用医疗费用补偿原则。被保险人已从其他途径获得补偿的，保险人仅对余额给付。
保险期间
本保险合同的保险期间为一年，以保险单载明的起讫时间为准。
"""


def test_parts_an_article_names_are_its_parts_and_the_last_ends_at_the_next_sentence() -> None:
    # 保险责任分为住院医疗保险责任和门（急）诊医疗保险责任两项 announces its captioned parts as
    # 下列 would; the last part's body ends where a paragraph opens a sentence of its own.
    texts = _NAMED_PARTS.splitlines()
    first = texts.index("住院医疗保险责任")
    assert caption_parts(texts) == set(range(first, first + 4))
    doc = parse_paragraphs(_NAMED_PARTS).documents[0]
    assert [(a.number, a.text[:6]) for a in doc.articles] == [(1, "本保险合同由"), (2, "本保险合同的"), (3, "本保险合同适"), (4, "本保险合同的")]


def test_parts_an_article_names_stay_in_it_where_bullets_stand_for_the_numbers(tmp_path: Path) -> None:
    # A copy that flattened Word's numbering into bullets: the parts' captions are bullets of
    # their article, their bodies plain paragraphs; the bullet that opens a sentence with its
    # subject after the last body is the next article.
    lines = _NAMED_PARTS.splitlines()
    bulleted = [
        f"- {line}" if line not in ("澄川人寿保险股份有限公司", "澄川团体医疗保险条款", "总则", "保险责任", "保险期间") and not line.startswith("在保险期间内") else line
        for line in lines
    ]
    shape = _shape(tmp_path, "named-parts", "\n".join(bulleted) + "\n")
    assert shape == [(1, 0, "本保险合"), (2, 2, "本保险合"), (3, 0, "本保险合"), (4, 0, "本保险合")]


def test_a_paragraph_defining_a_word_its_article_used_goes_on_with_it() -> None:
    # 本条款所称合格申请人，是指… defines a word of its article's first paragraph, with another
    # paragraph between: a further paragraph of that article, not an article of its own.
    doc = parse_paragraphs(
        "澄川财产保险股份有限公司\n澄川专利申请费用补偿保险条款\n总则\n"
        "本保险合同由保险条款、投保单、保险单以及批单组成。凡涉及本保险合同的约定，均应采用书面形式。\n"
        "凡作为合格申请人向国家知识产权局提交专利申请的科技企业，均可作为本保险合同的被保险人。\n"
        "受被保险人委托代为申请专利的专利代理机构，也可作为本保险合同的投保人。\n"
        "本条款所称合格申请人，是指有资格向国家知识产权局提交专利申请的自然人或法人。\n"
        "保险责任\n在保险期间内，被保险人的专利申请被驳回的，保险人按照本保险合同的约定负责赔偿。\n"
    ).documents[0]
    assert [(a.number, a.text.count("\n")) for a in doc.articles] == [(1, 0), (2, 2), (3, 0)]


def test_a_paragraph_naming_the_paragraph_above_ends_the_list_and_goes_on_with_its_article() -> None:
    # 前款 names the paragraph above as a whole, lead-in and list: after items each ending in 。
    # the paragraph saying it is the article's next paragraph (款), not one more item, and the
    # paragraph after it is read afresh (labelled clauses: 78 such paragraphs after items, 4 items).
    doc = parse_paragraphs(
        "澄川财产保险股份有限公司\n澄川网络虚拟财产损失保险条款\n赔偿处理\n"
        "保险金申请人请求赔偿时，应向保险人提供下列证明和资料：\n"
        "索赔申请。\n保险单或其它保险凭证。\n保险标的损失清单。\n"
        "被保险人未履行前款约定的索赔材料提供义务，导致保险人无法核实损失情况的，保险人对无法核实的部分不承担赔偿责任。\n"
        "保险人收到被保险人的赔偿请求后，应当及时作出核定。\n"
    ).documents[0]
    first = doc.articles[0]
    assert len(first.items) == 3 and len(first.paragraphs) == 2 and first.paragraphs[1].startswith("被保险人未履行前款")
    assert [a.number for a in doc.articles] == [1, 2]


def test_a_clause_without_any_heading_is_numbered_by_articles_not_read_as_a_preamble() -> None:
    # A rider printed without chapter headings numbers its paragraphs as articles (第一条 本附加
    # 保险适用于… / 第二条 兹经双方同意…); a copy that lost those labels is the same clause, not a
    # preamble with nothing after it.
    doc = parse_paragraphs(
        "澄川财产保险股份有限公司\n澄川专利执行保险附加指定法律服务机构保险条款\n"
        "本附加保险适用于澄川财产保险股份有限公司专利执行保险。\n"
        "兹经双方同意，在保险事故发生后，被保险人应当在保险人指定的法律服务机构名录中选择为其服务的法律服务机构。\n"
        "被保险人在指定的法律服务机构名录以外自行选择其他法律服务机构的，应当事先取得保险人的书面同意。\n"
    ).documents[0]
    assert [(a.number, a.number_inferred) for a in doc.articles] == [(1, True), (2, True), (3, True)]
