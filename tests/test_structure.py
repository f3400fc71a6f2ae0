"""Whole-document structure on small clauses written for the test."""

import pytest

from tiaokuan.errors import NoClauseStructureError, StrictModeError
from tiaokuan.model import SectionType, WarningCode
from tiaokuan.parse import ParseOptions, parse_bytes
from tiaokuan.parse.numbering import STATED_CONTINUATION_COST, WEAK_CONTINUATION_COST, continuation_cost


def parse(text: str, name: str = "clause.txt", strict: bool = False):
    return parse_bytes(text.encode("utf-8"), name, ParseOptions(strict=strict))


MAIN_AND_RIDER = """澄川财产保险股份有限公司
专利执行保险（2026版）条款
注册号：C00999930612026010100011

总  则
第一条 本保险合同由保险条款、投保单、保险单以及批单组成。
第二条 专利权人可作为本保险合同的被保险人。
保险责任
第三条 在保险期间内，第三方侵犯保险专利的，保险人负责赔偿下列费用：
（一）调查费；
（二）律师费。
责任免除
第四条 下列损失，保险人不负责赔偿：
（一）投保人的故意行为；
（二）本保险单载明的免赔额。
释义
专利：指依法授予的发明专利。

附加专利权无效宣告费用保险条款
总则
第一条 本附加险条款未尽事项，以主险条款为准。
保险责任
第二条 保险专利被提起无效宣告请求的，保险人负责赔偿答辩费用。
"""


def test_main_clause_and_bundled_rider() -> None:
    result = parse(MAIN_AND_RIDER)
    main, rider = result.documents
    assert (main.title, main.product, main.version, main.rider) == ("专利执行保险（2026版）条款", "专利执行保险", "2026版", False)
    assert main.registration_no == "C00999930612026010100011"
    assert [s.type for s in main.sections] == [SectionType.GENERAL, SectionType.COVERAGE, SectionType.EXCLUSIONS, SectionType.DEFINITIONS]
    assert main.sections[0].heading == "总  则"
    assert [a.number for a in main.numbered_articles] == [1, 2, 3, 4]
    third = main.numbered_articles[2]
    assert third.label == "第三条"
    assert third.text == "在保险期间内，第三方侵犯保险专利的，保险人负责赔偿下列费用：\n（一）调查费；\n（二）律师费。"
    assert [(i.label, i.text) for i in third.items] == [("（一）", "调查费；"), ("（二）", "律师费。")]
    assert [(d.term, d.text, d.article) for d in main.definitions] == [("专利", "指依法授予的发明专利。", None)]
    assert rider.rider and rider.title == "附加专利权无效宣告费用保险条款"
    assert rider.insurer == "澄川财产保险股份有限公司"  # inherited from the main clause
    assert [a.number for a in rider.numbered_articles] == [1, 2]
    assert result.warnings == ()


def test_lost_numbering_is_inferred_and_flagged() -> None:
    text = """澄川财产保险股份有限公司
商标被侵权损失保险条款
总则
本保险合同由保险条款、投保单组成。
注册商标的商标注册人可作为被保险人。
责任免除
下列原因造成的损失，保险人不负责赔偿：
投保人的故意行为；
战争、军事行动；
核辐射。
保险人按照前款约定不负责赔偿的，应当书面说明。
保险期间
除另有约定外，保险期间为一年。
"""
    doc = parse(text).documents[0]
    numbered = doc.numbered_articles
    assert [a.number for a in numbered] == [1, 2, 3, 4]
    assert all(a.number_inferred and a.label is None for a in numbered)
    exclusions = numbered[2]
    assert [(i.label, i.text, i.label_inferred) for i in exclusions.items] == [
        (None, "投保人的故意行为；", True),
        (None, "战争、军事行动；", True),
        (None, "核辐射。", True),
    ]
    assert exclusions.paragraphs[-1] == "保险人按照前款约定不负责赔偿的，应当书面说明。"
    codes = [w.code for w in parse(text).warnings]
    assert codes == [WarningCode.NUMBERING_INFERRED]


def test_lost_numbering_keeps_a_duty_with_its_sanction_and_the_laws_later_paragraphs() -> None:
    # Paragraphs that say they go on (a sanction for the duty above, 上述 in the opening
    # words, a later paragraph of a provision of the Insurance Law) stay in their article;
    # a paragraph after a list whose items kept their labels is not one of its items.
    text = """澄川财产保险股份有限公司
商标被侵权损失保险条款
保险人义务
保险人收到被保险人的赔偿保险金的请求后，应当及时作出核定。
保险人应当将核定结果通知被保险人。
投保人、被保险人义务
投保人应履行如实告知义务。
投保人故意不履行如实告知义务的，保险人不承担赔偿责任。
被保险人请求赔偿时，应提供下列证明和资料：
（一）保险单正本；
（二）损失清单。
保险人认为证明和资料不完整的，应当及时通知补充。
赔偿处理
保险标的的保险金额大于或等于其保险价值时，施救费用在保险金额以外另行计算。
保险标的的保险金额小于其保险价值时，上述费用按比例计算。
保险期间
除另有约定外，保险期间为一年。
"""
    numbered = parse(text).documents[0].numbered_articles
    assert [len(a.paragraphs) for a in numbered] == [2, 2, 1, 1, 2, 1]
    assert numbered[3].paragraphs == ("保险人认为证明和资料不完整的，应当及时通知补充。",)
    assert [i.label for i in numbered[2].items] == ["（一）", "（二）"]


def test_lost_numbering_keeps_who_may_take_the_policy_and_a_word_explained_with_their_article() -> None:
    # After the insured, the policyholder as the insured himself or as another who "also"
    # may; a paragraph saying what a word of the one above means; the other-insurance
    # and subrogation paragraphs of the Insurance Law whoever the third party is.
    text = """澄川财产保险股份有限公司
专利申请费用补偿保险条款
总则
本保险合同由保险条款、投保单组成。
凡依法设立的科技企业，可作为本保险合同的被保险人。
本保险所指科技企业，是指具有核心竞争力的企业。
除另有约定外，本保险合同的投保人为被保险人本人。
依法设立的专利代理机构，受被保险人委托的，也可作为本保险合同的投保人。
赔偿处理
发生保险事故时，如果存在重复保险，保险人按比例承担赔偿责任。
其他保险人应当承担的赔偿金额，本保险人不负责垫付。
因第三者对保险标的的损害而造成保险事故的，保险人自向被保险人赔偿保险金之日起，在赔偿金额范围内代位行使被保险人对第三者请求赔偿的权利。
被保险人已经从投保人或其担保人取得赔偿的，保险人可以相应扣减。
在保险人向投保人行使代位请求赔偿权利时，被保险人应当提供必要的文件。
保险期间
除另有约定外，保险期间为一年。
"""
    numbered = parse(text).documents[0].numbered_articles
    assert [len(a.paragraphs) for a in numbered] == [1, 4, 2, 3, 1]
    # … but a word defined that the paragraph above does not use opens its own article
    other = text.replace("本保险所指科技企业，是指具有核心竞争力的企业。", "本保险所指专利代理，是指代为办理专利事务的活动。")
    assert [len(a.paragraphs) for a in parse(other).documents[0].numbered_articles][:3] == [1, 1, 3]


def test_lost_numbering_keeps_a_formula_a_captioned_item_and_a_run_of_definitions_in_their_article() -> None:
    # What answers a ：, a formula, the body under an item that is only a caption, and the
    # next of a run of definitions go on with the article; the next provision opens one.
    text = """澄川财产保险股份有限公司
营业中断保险条款
保险责任
在保险期间内，被保险人因营业中断遭受的毛利润损失，保险人负责赔偿。
（一）毛利润损失
被保险人营业中断期间的毛利润减少额。
本保险合同所称毛利润是指按照下述公式计算的金额：
毛利润=营业利润+约定的维持费用
本保险合同所称赔偿期间是指自损失发生之日起营业受到影响的期间。
保险期间
除另有约定外，保险期间为一年。
"""
    numbered = parse(text).documents[0].numbered_articles
    assert len(numbered) == 2
    assert len(numbered[0].paragraphs) + len(numbered[0].items) >= 5


def test_the_bullet_right_after_a_lead_in_is_its_first_item_even_with_a_sub_list() -> None:
    # A lead-in announces at least one item: the bullet after it ending in ： is an item
    # with its own sub-list, not the next article; and so is the next such bullet.
    text = """澄川财产保险股份有限公司
专利国际申请费用补偿保险条款
总则
- 本保险合同由保险条款、投保单组成。
保险责任
- 在保险期间内，保险单载明的专利申请被驳回的，保险人按照下列约定负责赔偿：
- 专利申请被部分指定局驳回的：
国家阶段费用。
- 专利申请被全部指定局驳回的：
- 国家阶段费用；
- 国际阶段费用。
保险期间
- 除另有约定外，保险期间为一年。
"""
    numbered = parse(text).documents[0].numbered_articles
    assert len(numbered) == 3
    assert numbered[1].text.count("驳回的：") == 2


def test_a_bullet_that_opens_a_standard_article_ends_a_list_of_sentences() -> None:
    # Items each ending in 。 give no sign of the last; the opening every model clause
    # prints for the dispute article (因履行本合同发生的争议…) is that article.
    text = """澄川财产保险股份有限公司
设备损坏保险条款
总则
- 本保险合同由保险条款、投保单组成。
赔偿处理
- 保险人按照下列方式计算赔偿：
- 部分损失的，按修复费用计算赔偿。
- 全部损失的，按实际价值计算赔偿。
- 因履行本合同发生的争议，由当事人协商解决。
保险期间
- 除另有约定外，保险期间为一年。
"""
    numbered = parse(text).documents[0].numbered_articles
    assert [len(a.items) for a in numbered] == [0, 2, 0, 0]


def test_lost_items_that_each_end_in_a_full_stop_stay_in_their_list() -> None:
    # Article and item labels both lost, plain lines: the items of an exclusion list that
    # each end in 。 are its items until the next lead-in or an article every clause prints.
    text = """澄川财产保险股份有限公司
智能控制系统责任保险条款
总则
本保险合同由保险条款、投保单组成。
责任免除
由于下列任一原因导致的保险事故，保险人不负责赔偿：
投保人、被保险人及其代表的故意行为或重大过失。
战争、敌对行动、军事行为、武装冲突。
核辐射、核爆炸、核污染及其他放射性污染。
下列损失、费用和责任，保险人不负责赔偿：
罚款、罚金及惩罚性赔偿。
间接损失。
因履行本合同发生的争议，由当事人协商解决。
保险期间
除另有约定外，保险期间为一年。
"""
    numbered = parse(text).documents[0].numbered_articles
    assert [len(a.items) for a in numbered] == [0, 3, 2, 0, 0]


def test_bullets_of_a_list_announced_inside_a_sentence_are_items() -> None:
    # The lead ends in 。, not ：, but its list's bullets end in ；: items, not articles.
    text = """澄川财产保险股份有限公司
设备损坏保险条款
总则
- 本保险合同由保险条款、投保单组成。
- 从事设备制造的企业可作为被保险人。
投保人、被保险人义务
- 被保险人发现有下列情形之一的，应及时通知保险人，保险人可以增加保险费或者解除合同。
- 保险设备转让给他人；
- 保险设备被查封；
- 保险设备改变用途。
- 被保险人请求赔偿时，应提供下列证明和资料：
- 保险单正本；
- 损失清单。
保险期间
- 除另有约定外，保险期间为一年。
"""
    numbered = parse(text).documents[0].numbered_articles
    assert [len(a.items) for a in numbered] == [0, 0, 3, 2, 0]


@pytest.mark.parametrize(
    ("text", "goes_on"),
    [
        ("投保人、被保险人未按照约定履行其对保险标的的安全应尽责任的，保险人有权要求增加保险费。", True),
        ("被保险人违反前款约定的，保险人不承担赔偿责任。", True),
        ("保险标的的保险金额小于其保险价值时，上述费用按比例计算。", True),
        ("在保险人向有关责任方行使代位请求赔偿权利时，被保险人应当提供必要的文件。", True),
        ("被保险人违反上述第十五条约定的，保险人有权追偿。", True),  # a sanction, though 上述 names another article
        ("保险人对上述第五条与第六条的赔偿总金额不得超过赔偿限额。", False),  # 上述 naming another article
        ("知道保险事故发生后，被保险人应该及时通知保险人。", False),  # the 该 of 应该 points nowhere
        ("除另有约定外，投保人应在保险合同成立时交清保险费。", False),
        # a pointer back a little further in (its 29th character): 41 of 43 such go on
        ("在保险期间内，被保险人一次或多次发生意外伤害事故，保险人均按上述规定分别给付医疗保险金。", True),
        # the waiver after payment, however the payment is said (《保险法》第六十一条第二款)
        ("保险人履行赔偿义务之后，被保险人未经保险人同意放弃对投保人请求赔偿的权利的，该行为无效。", True),
    ],
)
def test_what_says_it_goes_on_with_the_article_above(text: str, goes_on: bool) -> None:
    assert (continuation_cost(text) == STATED_CONTINUATION_COST) is goes_on


def test_weaker_signs_of_going_on_give_way_first() -> None:
    # A word of the paragraph above explained holds for four paragraphs in five (本保险合同
    # 所称的概念验证项目，是指… is an article of its own in one insurer's template): the
    # clause's cross-references overturn it before a sign that nearly always holds.
    above = "凡依法设立并开展概念验证项目的科技企业，可作为本保险合同的被保险人。"
    assert continuation_cost("本保险合同所称的概念验证项目，是指为了验证科技成果的活动。", [above]) == WEAK_CONTINUATION_COST
    assert continuation_cost("本保险合同所称的科技企业，是指具有核心竞争力的企业。", ["本保险合同由保险条款组成。"]) is None
    assert continuation_cost("国家阶段费用。", ["（一）专利申请被部分驳回的："]) == STATED_CONTINUATION_COST
    assert WEAK_CONTINUATION_COST < STATED_CONTINUATION_COST


def test_conventions_of_the_first_articles_where_labels_were_lost() -> None:
    # A rider's first article names its main policy, then what the contract is made of.
    rider = "在投保澄川财产保险股份有限公司各类责任保险（以下简称“主险”）的基础上，投保人可以选择投保本附加险。"
    assert continuation_cost("本合同由保险条款、投保单、保险单以及批单等组成。", [rider]) == STATED_CONTINUATION_COST
    assert continuation_cost("本合同由保险条款、投保单、保险单以及批单等组成。", ["凡从事设备制造的企业可作为被保险人。"]) is None
    # The insured named as the policyholder himself, or a condition on that choice.
    assert continuation_cost("本保险合同的被保险人为投保人本人。", ["凡依法成立的申办者可作为本保险合同的投保人。"]) == WEAK_CONTINUATION_COST
    assert continuation_cost("若投保人为被保险人本人，则被保险人须为科技企业。", ["本保险合同的投保人为被保险人本人或科技企业。"]) == WEAK_CONTINUATION_COST
    # …也可作为 after a ； names a family member beside the insured the article opens with.
    assert continuation_cost("本保险合同的被保险人为自然人；经保险人同意，其配偶、子女也可作为本保险合同的被保险人。", ["本保险合同由保险条款组成。"]) is None
    # A caption line heads a part of its article, and its body goes on under it.
    split = "本保险合同的保险责任分为住院医疗保险责任和门（急）诊医疗保险责任两项。"
    assert continuation_cost("住院医疗保险责任", [split]) == WEAK_CONTINUATION_COST
    assert continuation_cost("在保险期间内，被保险人因疾病住院治疗的，保险人按约定给付。", [split, "住院医疗保险责任"]) == WEAK_CONTINUATION_COST
    assert continuation_cost("住院医疗保险责任", []) is None  # nothing above to head a part of
    # … unless the clause prints more captions than chapter headings: it heads articles with them.
    assert continuation_cost("住院医疗保险责任", [split], captioned=True) is None
    # An article ends in 。: a line after one ending in ； goes on (an item of a list whose
    # lead-in was a caption: 基本险 / 因火灾…；/ 由于运输工具发生碰撞…；).
    assert continuation_cost("由于运输工具发生碰撞所造成的损失；", ["基本险", "因火灾、爆炸所造成的损失；"]) == STATED_CONTINUATION_COST
    # The retroactive date stands with the period of cover.
    assert continuation_cost("本保险合同的追溯期由投保人和保险人协商确定。", ["除另有约定外，保险期间为一年。"]) == WEAK_CONTINUATION_COST


def test_a_lead_in_that_opens_with_its_list_opens_the_next_article() -> None:
    """After items each ending in 。, the next list's lead-in that opens with 下列 (下列损失、
    费用，保险人也不负责赔偿：) is the next article, not one more item (174 of 176 on the
    labelled clauses); a sentence that ends by announcing its list is not such a sign."""
    from tiaokuan.parse.numbering import opens_article

    assert opens_article("下列损失、费用，保险人也不负责赔偿：")
    assert opens_article("下列原因造成的损失、费用和责任，保险人不负责赔偿：")
    assert opens_article("下列财产不属于本保险合同的保险标的：")
    assert not opens_article("下列财产不属于本保险合同的保险标的。")  # a sentence, no lead-in
    assert not opens_article("被保险人请求赔偿时，应提供下列证明和资料：")


BULLETED_LOST_NUMBERS = """澄川财产保险股份有限公司
设备损坏保险条款
总则
- 本保险合同由保险条款、投保单组成。
- 从事设备制造的企业可作为被保险人。
保险责任
- 在保险期间内，保险设备因意外事故造成的损失，保险人按照本保险合同的约定负责赔偿。
- 保险事故发生后，保险人对下列费用也负责赔偿：
- 施救费用。
- 鉴定费用。
责任免除
- 下列原因造成的损失，保险人不负责赔偿：
- 投保人的故意行为。
- 战争、军事行动。
- 核辐射。
- 下列损失，保险人也不负责赔偿：
- 罚款、罚金。
- 间接损失。
赔偿处理
- 保险人按以下方式计算赔偿：
- 保险金额等于或高于保险价值时，按实际损失计算赔偿。
- 保险金额低于保险价值时，按比例计算赔偿。
- 保险人每次事故的赔偿金额为根据第七条约定计算的金额扣除免赔额后的金额。
同一原因造成的多次损失视为一次事故。
- 保险人按照第五条的约定不负责赔偿的，应当书面说明理由。
"""


def test_bullets_that_stand_for_lost_numbers() -> None:
    """Where every chapter opens with a bullet, bullets are the clause's numbered
    paragraphs with their numbers lost (articles and items alike) and a plain
    paragraph is a further paragraph of the article above; the clause's own
    cross-references settle where a list of items ending in 。 stops."""
    doc = parse(BULLETED_LOST_NUMBERS).documents[0]
    articles = doc.numbered_articles
    assert [a.text[:8] for a in articles] == [
        "本保险合同由保险",
        "从事设备制造的企",
        "在保险期间内，保",
        "保险事故发生后，",
        "下列原因造成的损",
        "下列损失，保险人",
        "保险人按以下方式",
        "保险人每次事故的",
        "保险人按照第五条",
    ]
    # The paragraph citing 第七条 cannot stand in article 7: the list of 7 ends before it.
    assert [a.number for a in articles] == list(range(1, 10))
    computing = articles[6]
    assert [i.text for i in computing.items] == [
        "保险金额等于或高于保险价值时，按实际损失计算赔偿。",
        "保险金额低于保险价值时，按比例计算赔偿。",
    ]
    assert articles[7].paragraphs[-1] == "同一原因造成的多次损失视为一次事故。"
    assert [i.text for i in articles[4].items] == ["投保人的故意行为。", "战争、军事行动。", "核辐射。"]
    assert all(a.number_inferred for a in articles)


DECIMAL_WORDING = """澄川财产保险股份有限公司
知识产权法律费用保险条款
前言：
1、投保人提交的投保书是本保险合同的基础。
2、保险公司收到保险费是其承担保险责任的先决条件。
第一部分 释义
法律代表
经保险公司书面批准、受被保险人委托的律师。
第二部分 保险责任
按保险明细表载明的保险范围，保险公司负责赔偿：
第一节 合约争议
1.1 被保险人为追讨已申报契约项下的授权费而提起的诉讼。
1.2 被保险人被指称违反已申报契约而被提起的诉讼。
第三部分 除外责任
在本保险合同中，保险公司对下列情况不承担责任：
1.应由被保险人承担的免赔额；
2.由以下引起的任何赔案：
(1)任何财产的损失；
(2)任何个人的人身伤亡。
第四部分 索赔条件
1.通告
1.1 保险公司承担赔偿责任的先决条件是被保险人书面通知：
1.1.1 一个诉讼；或
1.1.2 一个事件。
1.2 上述通知须在保险期间内提出。
附录：短期费率表
注：1.保险期间不满一个月的，按一个月计收。
2.保险期间满一个月的，按月计收。
"""


def test_a_wording_numbered_by_decimals() -> None:
    """London-style and 通俗化 wordings number their clauses 1. / 2.1 under each
    part, from 1 again in the next: those clauses are the articles, their labels
    kept as printed, their numbers their places; 1.1.1 numbers an item; text
    under a part before its first clause stays unnumbered; definitions and the
    appendix keep their own numbered lines."""
    result = parse(DECIMAL_WORDING)
    doc = result.documents[0]
    numbered = doc.numbered_articles
    assert [a.label for a in numbered] == ["1、", "2、", "1.1", "1.2", "1.", "2.", "1.", "1.1", "1.2"]
    assert [a.number for a in numbered] == list(range(1, 10))
    assert not any(a.number_inferred for a in numbered)
    clause = numbered[7]
    assert [(i.label, i.text) for i in clause.items] == [("1.1.1", "一个诉讼；或"), ("1.1.2", "一个事件。")]
    assert [(i.label, i.text) for i in numbered[5].items] == [("(1)", "任何财产的损失；"), ("(2)", "任何个人的人身伤亡。")]
    assert [(d.term, d.text) for d in doc.definitions] == [("法律代表", "经保险公司书面批准、受被保险人委托的律师。")]
    intro = [a for s in doc.sections for a in s.articles if a.number is None and "保险明细表" in a.text]
    assert len(intro) == 1
    appendix = next(s for s in doc.sections if s.type is SectionType.APPENDIX)
    assert all(a.number is None for a in appendix.articles)
    assert not [w for w in result.warnings if w.code in (WarningCode.NUMBERING_INFERRED, WarningCode.UNPLACED_TEXT)]


def test_labelled_article_whose_item_labels_were_lost() -> None:
    """In a clause that prints its article labels, paragraphs ending in ； after a
    lead-in ending in ： are the items of its list whose labels were lost (Word
    numbering dropped in export); a paragraph ending in 。 straight after a colon,
    or after labelled items, is not."""
    text = """澄川财产保险股份有限公司
责任保险条款
总则
第一条 本保险合同由保险条款、投保单组成。
赔偿处理
第二条 被保险人请求赔偿时，应向保险人提供下列证明和资料：
保险单正本；
损失清单；
其他证明和资料。
被保险人未提供前款资料的，保险人对无法核实部分不承担赔偿责任。
第三条 保险人的赔偿方式如下：
本保险以支付保险金的方式赔偿。
第四条 下列损失，保险人不负责赔偿：
（一）故意行为；
（二）战争；
核辐射、核污染等；
"""
    doc = parse(text).documents[0]
    second, third, fourth = doc.numbered_articles[1:4]
    assert [(i.label, i.text, i.label_inferred) for i in second.items] == [
        (None, "保险单正本；", True),
        (None, "损失清单；", True),
        (None, "其他证明和资料。", True),
    ]
    assert second.paragraphs[-1] == "被保险人未提供前款资料的，保险人对无法核实部分不承担赔偿责任。"
    assert third.items == ()
    assert [i.label for i in fourth.items] == ["（一）", "（二）"]
    assert "核辐射、核污染等；" in fourth.text  # kept, never dropped


def test_multipart_product_parts_and_shared_terms() -> None:
    text = """澄川财产保险股份有限公司
知识产权综合保险条款
总则
第一条 本保险合同由总则、第一部分、第二部分和通用条款组成。
第一部分 专利执行费用补偿
保险责任
第二条 保险人负责赔偿专利执行费用。
第二部分 商标侵权责任
保险责任
第三条 保险人负责赔偿商标侵权责任。
第三部分 通用条款
保险期间
第四条 保险期间为一年。
"""
    doc = parse(text).documents[0]
    assert [(s.heading, s.type, s.part) for s in doc.sections] == [
        ("总则", SectionType.GENERAL, None),
        ("保险责任", SectionType.COVERAGE, "第一部分 专利执行费用补偿"),
        ("保险责任", SectionType.COVERAGE, "第二部分 商标侵权责任"),
        ("保险期间", SectionType.PERIOD, "第三部分 通用条款"),
    ]


def test_london_style_definitions_first() -> None:
    text = """澄川财产保险股份有限公司
著作权侵权责任保险条款
前言
保险人同意依照本保险合同向被保险人提供保障。
第一部分 释义
保险期间
指保险单载明的起讫期间。
索赔
指第三方向被保险人提出的书面赔偿请求。
第二部分 保险责任
第一条 保险人负责赔偿被保险人应承担的经济赔偿责任。
"""
    doc = parse(text).documents[0]
    assert [(s.heading, s.type) for s in doc.sections] == [
        ("前言", SectionType.PREAMBLE),
        ("第一部分 释义", SectionType.DEFINITIONS),
        ("第二部分 保险责任", SectionType.COVERAGE),
    ]
    assert [(d.term, d.text) for d in doc.definitions] == [("保险期间", "指保险单载明的起讫期间。"), ("索赔", "指第三方向被保险人提出的书面赔偿请求。")]
    assert len(doc.numbered_articles) == 1


def test_gaps_duplicates_and_unknown_headings_warn() -> None:
    text = """澄川财产保险股份有限公司
某某保险条款
总则
第一条 甲。
第二条 乙。
第二条 丙。
第五条 丁。
最高赔偿期间与保险金额
第六条 戊。
"""
    result = parse(text)
    codes = [w.code for w in result.warnings]
    assert codes == [WarningCode.UNKNOWN_HEADING, WarningCode.NUMBERING_DUPLICATE, WarningCode.NUMBERING_GAP]
    assert result.documents[0].sections[1].type is SectionType.AMOUNTS
    with pytest.raises(StrictModeError, match=r"clause.txt，第 1 页：严格模式：unknown_heading：.*（另有 2 条）"):
        parse(text, strict=True)


def test_text_without_structure_is_an_error() -> None:
    with pytest.raises(NoClauseStructureError, match="notes.txt：没有找到条款结构"):
        parse("今天天气很好。\n我们去公园散步。\n", "notes.txt")


@pytest.mark.parametrize("separator", ["\u2028", "\x0b", "\t"])
def test_line_separators_do_not_hide_articles(separator: str) -> None:
    text = (
        "澄川财产保险股份有限公司\n某某保险条款\n总则\n"
        f"第一条 本保险合同由保险条款组成。{separator}第二条 投保人应当交清保险费。\n"
        f"第三条 保险人应当及时{separator}签发保险单。\n"
    )
    doc = parse(text).documents[0]
    assert [(a.label, a.text) for a in doc.numbered_articles] == [
        ("第一条", "本保险合同由保险条款组成。"),
        ("第二条", "投保人应当交清保险费。"),
        ("第三条", "保险人应当及时签发保险单。"),  # a tab between two CJK characters is layout
    ]


def test_rate_table_dumped_cell_by_cell_after_a_note() -> None:
    months = "\n".join(f"{m}\n个\n月" for m in "一二三四五六")
    rates = "\n".join(["10", "20", "30", "40", "50", "60"])
    text = f"澄川财产保险股份有限公司\n某某保险条款\n总则\n第一条 甲。\n附录：短期费率表\n注：不足一个月的部分按一个月计收。\n保险\n期间\n{months}\n年费率的百分比\n{rates}\n"
    result = parse(text)
    doc = result.documents[0]
    appendix = doc.sections[-1]
    assert appendix.type is SectionType.APPENDIX
    assert [a.text for a in appendix.articles] == ["注：不足一个月的部分按一个月计收。"]
    (table,) = doc.tables
    assert table.flattened and table.caption == "附录：短期费率表"
    assert [cell for row in table.rows for cell in row][:5] == ["保险", "期间", "一", "个", "月"]
    assert [w.code for w in result.warnings] == [WarningCode.TABLE_FLATTENED]


def test_word_cell_marks_separate_cells() -> None:
    text = "澄川财产保险股份有限公司\n某某保险条款\n总则\n第一条 甲。\n附录：短期费率表\n保险期间\x07一个月\x07二个月\x07\n年费率的百分比\x0710\x0720\x07\n"
    doc = parse(text).documents[0]
    assert doc.tables[0].rows == (("保险期间", "一个月", "二个月"), ("年费率的百分比", "10", "20"))
