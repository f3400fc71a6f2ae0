"""The contract's documents in a comparison (issue 14): the list of what the contract is
made of, and the appendices (a short-rate table, a scale of disability grades) printed
after the articles. Fictional wordings; the conventions are stated in
compare/substance.py and compare/pairing.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiaokuan.compare import Dimension, Kind, differences, units_of
from tiaokuan.compare.evaluate import parse_cite
from tiaokuan.compare.substance import substance
from tiaokuan.model import SectionType
from tiaokuan.parse import parse_paragraphs
from tiaokuan.parse.api import parse_file

COMPOSED = "本保险合同由保险条款、投保单、保险单、保险凭证以及批单组成。"


@pytest.mark.parametrize(
    "other",
    [
        "本保险合同由保险条款、投保单、保险单或其他保险凭证、批单等组成。",
        "本保险合同由保险条款、投保单、保险单、保险单明细表、保险凭证及批单等书面文件组成。",
        "本保险合同由保险条款、投保单、保险单以及批单组成。",
        "本保险合同由本条款、投保单、保险单、批单共同组成。",
    ],
)
def test_the_policy_its_certificate_and_schedule_are_one_document(other: str) -> None:
    """保险单, 保险凭证 (《保险法》第十三条) and 保险单明细表 name one document where the
    clause lists what the contract is made of; a list closed by 等 names the same documents."""
    assert substance(COMPOSED) == substance(other)


@pytest.mark.parametrize(
    "other",
    [
        "本保险合同由保险条款、投保单、保险单、批单以及有关的投保文件、承保文件组成。",
        "本保险合同由保险条款、投保单、保险单、批单和特别约定组成。",
        "本附加险合同由保险条款、投保单或者其他投保文件、保险单或者其他保险凭证、批单和其他有关约定书构成。",
    ],
)
def test_a_document_of_another_kind_changes_what_the_contract_is(other: str) -> None:
    """Application and acceptance papers, a special agreement, other agreements: the
    contract holds more (or less) when one clause lists them."""
    assert substance(COMPOSED) != substance(other)


def test_a_list_left_open_by_deng_reaches_other_papers_of_the_kinds_it_names() -> None:
    """…以及批单等 reaches what a list naming 其他投保文件 and 其他有关约定书 names besides; a
    closed list does not, nor does 等 reach papers of another kind (承保文件)."""
    from tiaokuan.compare.substance import documents_reached

    open_list = "本合同由保险条款、投保单、保险单、保险凭证以及批单等组成。凡涉及本合同的约定，均应采用书面形式。"
    other_papers = "本合同由保险条款、投保单或者其他投保文件、保险单或者其他保险凭证、批单和其他有关约定书构成。凡涉及本合同的约定，均应当采用书面形式。"
    assert documents_reached(open_list, other_papers) and documents_reached(other_papers, open_list)
    assert not documents_reached(COMPOSED + "凡涉及本合同的约定，均应采用书面形式。", other_papers)
    assert not documents_reached("本保险合同由保险条款、投保单、保险单以及批单等组成。", "本保险合同由保险条款、投保单、保险单、批单以及有关的投保文件、承保文件组成。")
    head = "某某保险条款\n\n总则\n\n第一条 "
    docs = [parse_paragraphs(head + t).documents[0] for t in (open_list, other_papers)]
    assert not any(d.material for d in differences(docs, ["A", "B"]))


def test_writing_is_required_however_the_verb_is_chosen() -> None:
    a = COMPOSED[:-1] + "，凡涉及本保险合同的约定，均应采用书面形式。"
    assert substance(a) == substance(a.replace("采用", "采取"))


HEAD = "某某保险条款\n\n其他事项\n\n第一条 保险责任开始后，投保人要求解除本保险合同的，保险人按短期费率计收保险费。\n\n"
TABLE = "附录：短期费率表\n\n| 保险期间 | 一个月 | 二个月 | 三个月 |\n| --- | --- | --- | --- |\n| 年费率的百分比 | {one}% | {two}% | 40% |\n"


def test_an_appendix_is_the_counterpart_of_an_appendix_only() -> None:
    """A short-rate table only one clause prints is only in that clause: it is not the
    counterpart of the other clause's cancellation article that refers to short rates,
    however they differ."""
    a = parse_paragraphs(HEAD + TABLE.format(one=10, two=20)).documents[0]
    b = parse_paragraphs(HEAD.replace("按短期费率", "按日比例") + "第二条 保险人要求解除本保险合同的，应提前十五日通知投保人。\n").documents[0]
    material = {(d.kind, d.sides[0].citations, d.sides[1].citations) for d in differences([a, b], ["A", "B"]) if d.material}
    assert (Kind.ONLY_IN, ("附录：短期费率表",), ()) in material
    assert all(not (x and x[0].startswith("附录") and y) for _, x, y in material)


def test_two_appendices_of_one_purpose_are_one_appendix_in_two_versions() -> None:
    """Each clause prints one short-rate table under its own heading: the two tables are
    counterparts, and their figures are compared."""
    a = parse_paragraphs(HEAD + TABLE.format(one=10, two=20)).documents[0]
    b = parse_paragraphs(HEAD + TABLE.replace("附录：短期费率表", "附表一 退保费率").format(one=20, two=30)).documents[0]
    tables = [d for d in differences([a, b], ["A", "B"]) if d.sides[0].citations == ("附录：短期费率表",)]
    assert [(d.kind, d.dimension, d.sides[1].citations, d.material) for d in tables] == [(Kind.DIFFERENT, Dimension.CANCELLATION, ("附表一 退保费率",), True)]


def test_an_appendix_label_printed_alone_takes_the_title_after_it() -> None:
    """附件： on a line of its own, then the attached standard's title under its table of
    contents: the appendix is cited by label and title."""
    text = (
        "某某意外伤害保险条款\n\n保险责任\n\n第一条 被保险人因意外伤害致残的，保险人按附件所列比例给付伤残保险金。\n\n"
        "附件：\n\n目录\n\n人身保险伤残评定标准\n\n本标准将人身保险伤残程度划分为一至十级，最重为第一级。\n"
    )
    cites = [u.cite for u in units_of(parse_paragraphs(text).documents[0])]
    assert cites[-1] == "附件：人身保险伤残评定标准"


def test_an_appendix_is_cited_by_its_title_with_or_without_its_label() -> None:
    """RULES.md cites 附录：短期费率表 where a clause prints 短期费率表 alone, or adds a
    note in brackets; two appendices of different titles stay apart."""
    assert parse_cite("短期费率表").matches(parse_cite("附录：短期费率表"))
    assert parse_cite("附录：短期费率表（按年保费的百分比计算）").matches(parse_cite("附录：短期费率表"))
    assert parse_cite("附件：").matches(parse_cite("附件：人身保险伤残评定标准"))
    assert not parse_cite("附录一：短期费率表").matches(parse_cite("附录二：伤残赔偿比例表"))
    assert not parse_cite("附件：").matches(parse_cite("附录：短期费率表"))


def test_a_scale_only_one_clause_appends_is_material_however_little_text_it_has() -> None:
    """An appended disability scale prints a caption and its figures: the caption heads
    a table, not an empty part, so the scale only one clause has is a material only-in."""
    head = "某某雇主责任保险条款\n\n保险责任\n\n第一条 被保险人雇员伤残的，保险人按伤残等级赔偿。\n\n"
    scale = "附录\n\n伤残赔偿比例表\n\n| 伤残等级 | 赔偿比例 |\n| --- | --- |\n| 一级 | 100% |\n| 二级 | 80% |\n| 三级 | 70% |\n"
    a, b = (parse_paragraphs(t).documents[0] for t in (head + scale, head))
    found = [(d.kind, d.material, d.sides[0].citations) for d in differences([a, b], ["A", "B"]) if d.sides[0].citations and not d.sides[1].citations]
    assert found == [(Kind.ONLY_IN, True, ("附录：伤残赔偿比例表",))]


def test_a_natural_peril_defined_by_one_clause_alone_reads_the_same() -> None:
    """暴雨 defined by its measure (tiaokuan.text.vocab.NATURAL_PERILS) in one clause and used
    undefined in the other is read the same way in both: no material difference. A
    definition that stretches its word (冰凌 with ice on objects) still counts."""
    cover = "某某财产保险条款\n\n保险责任\n\n第一条 由于暴雨、冰凌造成保险标的的损失，保险人负责赔偿。\n"
    glossary = (
        "\n释义\n\n第二条 本保险合同涉及下列术语时，适用下列释义：\n"
        "（一）暴雨：指每小时降雨量达16毫米以上，或连续12小时降雨量达30毫米以上，或连续24小时降雨量达50毫米以上的降雨。\n"
        "（二）冰凌：指春季江河解冻期时冰块飘浮遇阻，堆积成坝，造成水位急剧上升，以致冰凌、江水溢出江道，漫延成灾；"
        "陆上有些地区，受到寒潮侵袭，雨雪在物体上结成冰块，以致物体毁坏，亦属冰凌责任。\n"
    )
    docs = [parse_paragraphs(t).documents[0] for t in (cover + glossary, cover)]
    material = {c for d in differences(docs, ["A", "B"]) if d.material for c in d.sides[0].citations}
    assert not any("暴雨" in c for c in material)
    assert any("冰凌" in c for c in material)


def test_a_rider_stands_on_its_main_contract_however_much_of_that_it_prints() -> None:
    """A rider's period is its main contract's (the schedule prints those dates), and it
    ends, or is void, with it: printed in full, in part or in other words, one rule, no
    difference; a rider that caps its period at a year does differ."""
    head = "某某附加保险条款\n\n保险期间\n\n第一条 "
    a = "本附加保险合同与主保险合同的保险期间一致。\n主保险合同的保险责任终止时，本附加保险合同的保险责任也相应终止。\n"
    b = "本合同保险期间与主险合同一致，以保险单载明的起讫时间为准。\n主险合同效力终止，本合同效力亦同时终止；主险合同无效，本合同亦无效。\n"
    docs = [parse_paragraphs(head + t).documents[0] for t in (a, b)]
    assert not [d for d in differences(docs, ["A", "B"]) if d.material]
    capped = b.replace("起讫时间为准", "起讫时间为准，最长不超过一年")
    docs = [parse_paragraphs(head + t).documents[0] for t in (a, capped)]
    assert [d.sides[1].citations for d in differences(docs, ["A", "B"]) if d.material] == [("第一条第一款",)]


def test_cancellation_is_several_provisions_not_one() -> None:
    """Who may cancel and when, the refund, the end of the contract after a total loss: the
    model clauses print each as a provision of its own, so the insurer's right to cancel
    that one clause alone grants is only in that clause, and a total-loss ending only the
    other prints is only in the other — not one provision rewritten."""
    head = "某某保险条款\n\n合同解除\n\n第一条 保险责任开始前，投保人要求解除保险合同的，保险人应当退还已收取的保险费。\n"
    after = "第二条 保险责任开始后，投保人要求解除保险合同的，自通知保险人之日起，保险合同解除，保险人按短期费率计收保险费，并退还剩余部分保险费。\n"
    a = after + "第三条 保险责任开始后，保险人要求解除保险合同的，可提前十五日向投保人发出解约通知书解除本保险合同，保险人按照日比例计收保险费，并退还剩余部分保险费。\n"
    b = after + "第三条 保险标的发生全部损失，保险人按保险金额赔偿后，本保险合同终止，保险人不退还保险费。\n"
    docs = [parse_paragraphs(head + t).documents[0] for t in (a, b)]
    found = {(d.kind, d.sides[0].citations, d.sides[1].citations) for d in differences(docs, ["A", "B"]) if d.material}
    assert found == {(Kind.ONLY_IN, ("第三条",), ()), (Kind.ONLY_IN, (), ("第三条",))}


def test_the_policyholders_right_to_cancel_and_the_insurers_are_never_one_provision() -> None:
    """However alike their words (the same refund, the same notice), the policyholder's
    right to cancel after cover starts and the insurer's are two provisions: one clause
    granting only one and the other only the other differ by both."""
    head = "某某保险条款\n\n合同解除\n\n"
    said = "第一条 保险责任开始后，{who}要求解除保险合同的，自通知{to}之日起，保险合同解除，保险人按照日比例计收保险责任开始之日起至合同解除之日止期间的保险费，并退还剩余部分保险费。\n"
    docs = [parse_paragraphs(head + said.format(who=w, to=t)).documents[0] for w, t in (("投保人", "保险人"), ("保险人", "投保人"))]
    found = {(d.kind, d.sides[0].citations, d.sides[1].citations) for d in differences(docs, ["A", "B"]) if d.material}
    assert found == {(Kind.ONLY_IN, ("第一条",), ()), (Kind.ONLY_IN, (), ("第一条",))}
    # … nor the contract a total loss ends, which no one cancels
    lost = "第一条 保险标的发生全部损失，保险人履行赔偿义务后，本保险合同终止，保险人按照日比例计收保险费，并退还剩余部分保险费。\n"
    cancelled = "第一条 保险人要求解除保险合同的，保险人按照日比例计收保险费，并退还剩余部分保险费。\n"
    docs = [parse_paragraphs(head + t).documents[0] for t in (lost, cancelled)]
    found = {(d.kind, d.sides[0].citations, d.sides[1].citations) for d in differences(docs, ["A", "B"]) if d.material}
    assert found == {(Kind.ONLY_IN, ("第一条",), ()), (Kind.ONLY_IN, (), ("第一条",))}


def test_a_negation_reverses_only_the_words_it_negates() -> None:
    """含义相反 is said where one wording negates the other's words (可以解除 / 不得解除;
    不属于火灾 / 不同于火灾 both deny). Two rewordings that share little, one with a negation
    (未授予商标权 / 驳回商标注册申请), are other words, not each other's opposite."""
    from tiaokuan.compare.judge import judge

    got = judge("投保人可以解除本合同。", "投保人不得解除本合同。", Dimension.CANCELLATION, "A", "B")
    assert got.material and "含义相反" in got.what
    old, new = "（四）国家知识产权行政管理部门未授予商标权的相关证明或资料；", "（四）国家知识产权行政管理部门驳回商标注册申请的相关证明或资料；"
    got = judge(old, new, Dimension.CLAIMS, "A", "B")
    assert got.material and "含义相反" not in got.what
    old = "在生产、生活中有目的用火属正常燃烧，不属于火灾。"
    assert "含义相反" not in judge(old, old.replace("不属于", "不同于"), Dimension.DEFINITIONS, "A", "B").what


def test_a_payment_made_by_the_contract_is_made_so_however_according_to_is_written() -> None:
    """按本合同的约定, with 按 the short form of 按照, says what every payment does
    (按照本合同的约定 is read away in the substance); 未按合同约定 of another contract stays."""
    from tiaokuan.compare.judge import judge

    a = "采用分期支付保险费的，投保人应按本保险合同的约定，按时支付保险费。"
    got = judge(a, a.replace("按本保险合同", "按照本保险合同"), Dimension.PREMIUM, "A", "B")
    assert not got.material, got.what
    assert substance("买方未按合同约定付款的。") != substance("买方未付款的。")


def test_a_claim_is_handled_alike_whatever_the_product_calls_the_claimant() -> None:
    """Where a claim is handled, the third party is named as the product names it (受试者,
    委托人, 索赔权利人, 第三者): one who claims against the insured. In the cover, who
    that is stays a difference."""
    from tiaokuan.compare.judge import judge

    a = "（十）被保险人与受试者或其代理人签订的赔偿协议书或和解书；"
    for b in ("（十）被保险人与第三者签订的赔偿协议书或和解书；", "（十）被保险人与索赔权利人签订的赔偿协议书或和解书；"):
        got = judge(a, b, Dimension.CLAIMS, "A", "B")
        assert not got.material, got.what
    cover = "因药物不良反应造成受试者的人身伤亡，依法应由被保险人承担的经济赔偿责任，保险人负责赔偿。"
    assert judge(cover, cover.replace("受试者", "第三者"), Dimension.COVER, "A", "B").material


def test_a_list_of_duties_names_the_one_bound_in_its_lead_in_or_in_each_item() -> None:
    """被保险人应 in the item or in the lead-in binds the insured alike; dropping the
    policyholder (投保人、被保险人应 → 被保险人) stays a difference."""
    from tiaokuan.compare.judge import judge

    a = "（一）尽力采取必要、合理的措施，防止或减少损失；"
    assert not judge(a, "（一）被保险人应尽力采取必要、合理的措施，防止或减少损失；", Dimension.POLICYHOLDER_DUTIES, "A", "B").material
    b = "（二）及时通知保险人，并书面说明事故发生的原因、经过和损失情况；"
    assert judge("（二）投保人、被保险人应及时通知保险人，并书面说明事故发生的原因、经过和损失情况；", b, Dimension.POLICYHOLDER_DUTIES, "A", "B").material


def test_a_word_defined_in_the_laws_own_words_by_one_clause_alone_reads_the_same() -> None:
    """不可抗力 defined as 《民法典》第一百八十条 defines it means that in a clause that uses the
    word undefined; a definition of one's own stays a difference."""
    text = """澄川财产保险股份有限公司
设备损坏保险条款
总则
第一条 因不可抗力致使保险人不能按期赔偿的，保险人不承担迟延责任。
释义
第二条 {}
"""
    a = parse_paragraphs(text.format("不可抗力：指不能预见、不能避免并不能克服的客观情况。")).documents[0]
    b = parse_paragraphs(text.replace("释义\n第二条 {}\n", "")).documents[0]
    assert not [d for d in differences([a, b], ["A", "B"]) if d.material]
    own = parse_paragraphs(text.format("不可抗力：指地震、台风等自然灾害。")).documents[0]
    assert [d for d in differences([own, b], ["A", "B"]) if d.material]


def test_what_an_aggregate_limit_means_restates_it_only_where_the_other_clause_has_one() -> None:
    """保险期间内多次事故的累计赔偿金额不超过累计赔偿限额 says what an aggregate limit is: it
    changes nothing beside a clause that sets one, and is the difference beside one that does not."""
    head = """澄川财产保险股份有限公司
设备损坏保险条款
责任限额
第一条 本保险合同的责任限额包括每次事故责任限额和{}，由投保人与保险人协商确定。
赔偿处理
第二条 发生保险责任范围内的损失，保险人在每次事故责任限额内计算赔偿。
"""
    said = "第三条 在保险期间内，保险人对多次事故的累计赔偿金额不超过累计赔偿限额。\n"
    a = parse_paragraphs(head.format("累计赔偿限额") + said).documents[0]
    b = parse_paragraphs(head.format("累计赔偿限额")).documents[0]
    assert not [d for d in differences([a, b], ["A", "B"]) if d.material]
    c = parse_paragraphs(head.replace("每次事故责任限额和{}", "每次事故责任限额")).documents[0]
    assert any(d.kind is Kind.ONLY_IN and d.material for d in differences([a, c], ["A", "B"]))


def test_two_riders_that_name_what_they_take_from_the_main_contract_take_all_of_it() -> None:
    """投保人、被保险人同主险合同 and 投保人、被保险人、保险标的同主险合同: a rider takes them all
    from its main contract by nature, however many it names."""
    from tiaokuan.compare.judge import judge

    got = judge("第二条 投保人、被保险人同主险合同。", "第二条 投保人、被保险人、保险标的同主险合同。", Dimension.INSURED, "A", "B")
    assert not got.material, got.what
    # … and the beneficiaries of its benefits with them (本合同投保人、被保险人、保险金受益人同主险合同)
    head = "某某附加保险条款\n\n总则\n\n第一条 本附加险合同未尽事项，以主险合同为准。\n"
    docs = [parse_paragraphs(t).documents[0] for t in (head + "第二条 本合同投保人、被保险人、保险金受益人同主险合同。\n", head)]
    assert not [d for d in differences(docs, ["A", "B"]) if d.material]


def test_the_catch_all_paper_asks_for_what_the_claimant_can_provide_however_worded() -> None:
    """…所能提供的与确认保险事故的性质、原因、损失程度等有关的其他证明和资料: who provides
    it and which facts it names change nothing; what the insurer may demand widens it."""
    from tiaokuan.compare.judge import judge

    a = "（六）保险金申请人所能提供的与确认保险事故的性质、原因、损失程度等有关的其他证明和资料；"
    b = "4.受益人所能提供的与确认保险事故的性质、原因等有关的证明材料和资料；"
    assert not judge(a, b, Dimension.CLAIMS, "A", "B").material
    c = "（六）保险人认为与确认保险事故的性质、原因、损失程度等有关的其他证明和资料；"
    assert judge(a, c, Dimension.CLAIMS, "A", "B").material


def test_the_policy_asked_for_as_a_claim_paper_is_one_paper_however_named() -> None:
    """保险单原件或其他保险凭证 / 保险单正本或其他有效保险凭证原件 / 保险单或保险凭证正本 ask
    for one paper; whether a certificate will do instead of the policy stays a difference."""
    from tiaokuan.compare.judge import judge

    for a, b in (("（一）保险单原件或其他保险凭证；", "（一）保险单正本或其他有效保险凭证原件；"), ("（二）保险单或其它保险凭证；", "（二）保险单或保险凭证；")):
        assert not judge(a, b, Dimension.CLAIMS, "A", "B").material, (a, b)
    assert judge("（一）保险单正本；", "（一）保险单正本或其他有效保险凭证原件；", Dimension.CLAIMS, "A", "B").material


def test_the_statutory_definition_of_the_sum_insured_alone_restates_the_law() -> None:
    """保险金额是指保险人承担赔偿或者给付保险金责任的最高限额 printed by one clause alone is
    《保险法》第十八条第四款: listed apart as immaterial, not dropped and not a difference."""
    head = "澄川财产保险股份有限公司\n设备损坏保险条款\n保险金额\n第一条 保险金额由投保人与保险人协商确定。\n"
    a = parse_paragraphs(head + "第二条 保险金额是指保险人承担赔偿或者给付保险金责任的最高限额。\n").documents[0]
    b = parse_paragraphs(head).documents[0]
    found = [d for d in differences([a, b], ["A", "B"]) if d.kind is Kind.ONLY_IN]
    assert found and not any(d.material for d in found)


def test_prior_knowledge_is_one_exclusion_however_the_insured_learnt_of_it() -> None:
    """已获悉 before the policy is bought is the prior-knowledge exclusion, as 已经知道 is."""
    from tiaokuan.text.vocab import EXCLUSIONS, map_to

    for said in ("（八）投保人、被保险人在投保前已获悉或可以合理预见的侵权事件或索赔；", "保险合同生效前，被保险人已经知道或应该知道著作权受到他人侵犯的；"):
        canon = map_to(EXCLUSIONS, said)
        assert canon is not None and canon.key == "prior_knowledge", said


def test_a_period_of_another_length_or_basis_stays_a_difference() -> None:
    """The period's length (为一年 / 最长不超过一年) and what it is fixed by (the project's
    term) are kept: only where the dates are written is read as one."""
    assert substance("保险期间为一年，以保险单载明的起讫时间为准。") != substance("保险期间由投保人和保险人协商确定并在保险单中载明。")
    assert substance("保险期间由投保人和保险人根据项目期限协商确定，并在保险单中载明。") != substance("保险期间由投保人和保险人协商确定，并在保险单中载明。")


def test_the_insured_value_and_the_waiting_period_are_provisions_of_their_own() -> None:
    """A clause states its limits and its period once, but the insured value (保险价值) is
    not the sum insured, and a waiting period (等待期) is not the period of cover: one
    clause's insured value and the other's way of fixing the sum insured are each only in
    their clause, not one provision rewritten; two ways of fixing the sum insured are."""
    head = "某某保险条款\n\n保险金额与保险价值\n\n第一条 保险金额由投保人与保险人协商确定，并在保险单中载明。\n"
    a = head + "第二条 保险标的的保险价值为出险时的重置价值。\n\n保险期间\n\n第三条 除另有约定外，保险期间为一年，以保险单载明的起讫时间为准。\n"
    b = head + "第二条 保险金额可按新机购置价确定。\n\n保险期间\n\n第三条 除另有约定外，保险期间为一年，以保险单载明的起讫时间为准。\n第四条 本合同的等待期为30天。\n"
    docs = [parse_paragraphs(t).documents[0] for t in (a, b)]
    found = {(d.kind, d.sides[0].citations, d.sides[1].citations) for d in differences(docs, ["A", "B"]) if d.material}
    assert found == {(Kind.ONLY_IN, ("第二条",), ()), (Kind.ONLY_IN, (), ("第二条",)), (Kind.ONLY_IN, (), ("第四条",))}


def test_each_period_that_qualifies_the_period_of_cover_is_a_kind_of_its_own() -> None:
    """The kinds of provision a dimension stated once holds apart (compare/topics.py)."""
    from tiaokuan.compare.topics import topic

    said = "保险期间\n\n第一条 除另有约定外，保险期间为一年。\n第二条 本合同的等待期为30天。\n第三条 本合同的追溯期由双方协商确定。\n第四条 被保险人可获得十二个月的发现期。\n"
    units = [u for u in units_of(parse_paragraphs("某某保险条款\n\n" + said).documents[0]) if u.dimension is Dimension.PERIOD]
    assert [topic(u) for u in units] == ["cover", "等待期", "追溯期", "扩展报告期"]
    said = "保险责任\n\n第一条 保险人按照本合同的约定负责赔偿直接物质损坏或灭失。\n第二条 被保险人为防止或减少保险标的的损失所支付的必要的、合理的费用，保险人负责赔偿。\n第三条 被保险人被提起诉讼的，对应由被保险人支付的诉讼费用及律师费，保险人负责赔偿。\n"
    units = [u for u in units_of(parse_paragraphs("某某保险条款\n\n" + said).documents[0]) if u.dimension is Dimension.COVER]
    assert [topic(u) for u in units] == ["", "mitigation", "legal"]
    said = "免赔额\n\n第一条 每次事故免赔额由双方协商确定。\n第二条 本合同的每次住院免赔天数为3天。\n"
    units = [u for u in units_of(parse_paragraphs("某某保险条款\n\n" + said).documents[0]) if u.dimension is Dimension.DEDUCTIBLE]
    assert [topic(u) for u in units] == ["amount", "days"]


def test_a_rider_takes_its_parties_and_period_from_its_main_contract_by_nature() -> None:
    """附加险不能单独投保: a rider that prints that its parties, subject and period are its
    main contract's says what one that does not print it is too; one that applies the main
    contract's exclusions to itself says more, and stays a difference."""
    head = "某某附加保险条款\n\n总则\n\n第一条 本附加险合同未尽事项，以主险合同为准。\n"
    a = head + "第二条 投保人、被保险人、保险标的同主险合同。\n第三条 本合同保险期间与主险合同一致，以保险单载明的起讫时间为准。\n第四条 主险合同约定的责任免除事项，未列入本合同保险责任的，也适用于本合同。\n"
    docs = [parse_paragraphs(t).documents[0] for t in (a, head)]
    found = {(d.kind, d.sides[0].citations, d.sides[1].citations) for d in differences(docs, ["A", "B"]) if d.material}
    assert found == {(Kind.ONLY_IN, ("第四条",), ())}


@pytest.mark.parametrize(
    "said",
    [
        "本合同由保险条款、投保单或者其他投保文件、保险单或者其他保险凭证、批单和其他有关约定书构成。凡涉及本合同的约定，均应当采用书面形式。",
        "本保险合同未尽事宜，以法律规定为准。",
        "本保险合同未尽事项，以法律规定为准。",
    ],
)
def test_a_sentence_only_one_clause_prints_that_the_contract_is_anyway_changes_nothing(said: str) -> None:
    """What the contract is made of and that the law fills its gaps hold whether or not a
    clause prints them: printed by one clause only, they are no difference."""
    head = "某某保险条款\n\n总则\n\n第一条 本保险合同的被保险人为科技企业。\n"
    docs = [parse_paragraphs(t).documents[0] for t in (head + "第二条 " + said + "\n", head)]
    assert not [d for d in differences(docs, ["A", "B"]) if d.material]


def test_a_scale_the_article_names_is_compared_as_part_of_the_article(tmp_path: Path) -> None:
    """…对应的下列“伤残等级赔偿比例表”的比例: the caption under the article heads the article's
    own table, not an appendix, and the paragraph after it stays in the article; two scales
    that differ are a difference of that article."""
    def rider(second: str) -> Path:
        path = tmp_path / f"scale{second}.md"
        path.write_text(
            "某某附加伤残等级赔偿比例保险条款\n\n总则\n\n第一条 本附加保险合同须附加于雇主责任保险合同。\n\n保险责任\n\n"
            "第二条 雇员伤残的，保险人按该伤残等级所对应的下列“伤残等级赔偿比例表”的比例乘以每人伤亡赔偿限额赔偿。\n"
            "伤残等级赔偿比例表\n\n伤残项目对应两项以上者，以级别高者为伤残等级。\n\n"
            f"| 伤残等级 | 比例 |\n| --- | --- |\n| 一级 | 100% |\n| 二级 | {second}% |\n",
            encoding="utf-8",
        )
        return path

    a, b = (parse_file(rider(x)).documents[0] for x in ("90", "80"))
    assert [s.type for s in a.sections] == [SectionType.GENERAL, SectionType.COVERAGE]
    assert "以级别高者为伤残等级" in a.articles[-1].text
    found = [d for d in differences([a, b], ["A", "B"]) if d.material]
    assert [(d.sides[0].citations, d.sides[1].citations) for d in found] == [(("第二条第二款",), ("第二条第二款",))]
    assert not [d for d in differences([a, a], ["A", "B"]) if d.material]
