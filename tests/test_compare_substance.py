"""Wordings that say one thing (issue 14): the conventions of Chinese clause drafting
that compare/substance.py reads away before two wordings are compared, each case a
pair of fictional wordings the market writes both ways, and the guards that keep
what does change a rule apart."""

from __future__ import annotations

import pytest

from tiaokuan.compare.substance import substance


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("本附加合同由主险合同和本附加条款组成。", "本合同由主险合同和本附加条款组成。"),  # a rider naming itself
        ("本附加险合同未约定事项，以主险合同为准。", "本附加险未约定事项，以主险合同为准。"),
        # the papers a claim asks for, however named
        ("除应提交主险合同约定的保险金申请材料外，还应提交证明材料。", "除应提交主险合同约定的索赔材料外，还应提交证明材料。"),
        # the main contract, named in full either way or short
        ("若主保险合同与本附加保险合同的条款互有冲突，则以本附加保险合同的条款为准。", "若主险保险合同与本附加保险合同的条款互有冲突，则以本附加保险合同的条款为准。"),
        ("投保人应向保险公司申请投保。", "投保人应向保险人申请投保。"),  # the insurer naming itself
        ("无法认定事故原因的，保险人不承担赔偿责任。", "无法确定事故原因的，保险人不承担赔偿责任。"),  # determining a fact
        ("经保险人确认的和解协议。", "经保险人确定的和解协议。"),
        ("除另有约定外，保险人按实际损失赔偿。", "保险人按实际损失赔偿。"),  # a default rule's hedge
        ("除本保险合同另有约定外，保险人按实际损失赔偿。", "保险人按实际损失赔偿。"),
        ("除法律另有规定或者本合同另有约定外，本合同保险金受益人为被保险人本人。", "除另有约定外，本合同受益人为被保险人本人。"),
        ("本合同的投保人、被保险人与主险合同一致。", "本合同的投保人、被保险人同主险合同。"),  # a rider's parties
        ("保险人就保险标的的有关情况提出询问的，投保人应当如实告知，并如实填写投保单。", "保险人就保险标的的有关情况提出询问的，投保人应当如实告知。"),
        ("投保人应当一次性足额交清保险费。保险费未足额交清前，本保险合同不生效。", "投保人应当交清保险费。保险费未按约定及时足额交付的，保险合同不发生效力。"),
        ("被保险人应该承担的合同责任，但无合同存在时仍然应由被保险人承担的法律责任不在此列。", "被保险人应承担的合同责任，但无合同存在时仍应承担的经济赔偿责任不在此限。"),
        ("各类间接损失。", "间接损失。"),  # like 任何, stress that does not widen
        # the period the schedule prints, agreed as every term is
        ("除另有约定外，保险期间为一年，以保险单载明的起讫时间为准。", "除另有约定外，保险期间为一年，由投保人、保险人双方协商确定并在保险单中载明。"),
        ("除另有约定外，保险期间为一年，具体起讫时间以保险单载明的为准。", "除另有约定外，保险期间为一年。以保险单载明的起讫时间为准。"),
        ("保险人可以对被保险人遵守前述约定的情况进行检查。", "保险人可以对被保险人遵守前款约定的情况进行检查。"),  # what was just said
        ("（五）意外伤害事故证明材料；", "（五）意外事故证明文件；"),  # the proof of the accident
        ("（一）保险单正本和复印件；", "（一）保险单正本；"),  # the original is the paper
        ("（十一）战争、军事行动、暴乱或武装叛乱；", "（十二）战争、军事冲突、暴乱或武装叛乱；"),  # the war exclusion
        ("被保险人酒后驾驶、无有效驾驶证驾驶；", "被保险人酒后驾驶、无合法有效驾驶证驾驶；"),  # valid is lawful
        (  # the third party of 《保险法》第六十五条, however named
            "被保险人给受害人造成损害，被保险人未向该受害人赔偿的，保险人不负责向被保险人赔偿保险金。",
            "被保险人给第三者造成损害，被保险人未向该第三者赔偿的，保险人不得向被保险人赔偿保险金。",
        ),
        ("（九）索赔权利人向被保险人提出索赔的相关材料；", "（九）受害方向被保险人提出索赔的相关材料；"),
        ("（二）出险/索赔通知书；", "（二）索赔申请书；"),  # the one form for the notice and the claim
        (  # the limitation period of 《保险法》第二十六条, stated or left to the law
            "被保险人向保险人请求赔偿保险金的诉讼时效期间以适用法律规定的为准，自其知道或者应当知道保险事故发生之日起计算。",
            "被保险人向保险人请求赔偿保险金的诉讼时效期间为二年，自其知道或者应当知道保险事故发生之日起计算。",
        ),
        (  # the contract-liability exclusion in its market forms
            "（二）被保险人与他人协议中约定的责任，但不包括没有该协议被保险人仍应承担的责任；",
            "（二）被保险人应该承担的合同责任，但无合同存在时仍然应由被保险人承担的经济赔偿责任不在此限；",
        ),
        ("（一）被保险人根据与他人协议所承诺的责任，但被保险人的法定责任不在此限；", "（一）被保险人根据与其他方签订的协议应承担的责任，但即使没有这种协议被保险人依法仍应承担的责任不在此限；"),
        (  # the duty of care and its sanction (《保险法》第五十一条), however the duty is named
            "投保人、被保险人未按照约定履行其对保险标的的安全应尽责任的，保险人有权要求增加保险费或者解除合同。",
            "被保险人未按照前款约定履行上述安全义务的，保险人有权要求增加保险费或者解除保险合同。",
        ),
        (  # the disclosure duty's sanction (第十六条第二款), naming the duty or not
            "投保人故意或因重大过失未履行前款约定的如实告知义务，足以影响保险人决定是否同意承保或提高保险费率的，保险人有权解除本保险合同。",
            "投保人故意或者因重大过失未履行前款规定的义务，足以影响保险人决定是否同意承保或者提高保险费率的，保险人有权解除本保险合同。",
        ),
        (
            "订立保险合同时，保险人就保险标的或者被保险人的有关情况提出询问的，投保人应当如实告知。",
            "订立本保险合同，保险人就保险标的或者被保险人的有关情况提出询问的，投保人应当如实告知。",
        ),
        (  # other insurance shares in proportion (《保险法》第五十六条), the sum named either way
            "保险人按照本保险合同的保险金额与其他保险合同及本保险合同的保险金额总和的比例承担赔偿责任。",
            "保险人按照本保险合同的相应保险金额与所有有关保险合同的相应保险金额总和的比例承担赔偿责任。",
        ),
        (  # the increase in risk of 《保险法》第五十二条 is a marked one, printed or not
            "投保人、被保险人未履行前款规定的通知义务的，因保险标的的危险程度增加而发生的保险事故，保险人不承担赔偿保险金的责任。",
            "投保人、被保险人未履行前款规定的通知义务的，因保险标的的危险程度显著增加而发生的保险事故，保险人不承担赔偿保险金的责任。",
        ),
        ("（三）操作人员不在操作被保险设备时遭受的人身伤亡；", "（三）操作人员在非操作被保险设备时遭受的人身伤亡；"),  # one negation, two places
        (  # a rider's gap-filler, its clause and its contract named either way
            "本附加险条款未尽事项，以主险保险条款为准；若主险保险条款与本附加险条款内容冲突，则以本附加险条款为准。",
            "本附加险合同未尽事项，以主险合同为准；本附加险合同与主险合同冲突之处，以本附加险合同为准。",
        ),
        ("（二）被保险人或其代表填具的索赔申请书；", "（二）索赔申请书；"),  # the claim form, whoever fills it in
        ("被保险人擅自变更合同，事先未征得保险人书面同意的。", "被保险人擅自变更合同，未经保险人书面同意的。"),  # prior consent
        ("（九）投保人、被保险人在投保之前已经知道的索赔情况；", "（九）投保人、被保险人在投保前已经知道的索赔情况；"),  # 之前 / 前
        (  # the sum insured as 《保险法》第十八条 defines it, said before the clause's own rule
            "保险金额是保险人承担给付保险金责任的最高限额。保险金额由投保人、保险人双方约定，并在保险单中载明。",
            "保险金额由投保人、保险人双方约定，并在保险单中载明。",
        ),
        # a threshold includes itself by law (《民法典》第一千二百五十九条)
        ("暴风：指风力达8级（含）以上、风速在17.2米/秒（含）以上的自然风。", "暴风：指风力达8级以上、风速在17.2米/秒以上的自然风。"),
        ("二级及以上医院", "二级以上医院"),
        ("以保险财产损失前的实际价值考虑残值处理方式后确定的金额为准。", "以保险财产损失前的实际价值结合残值处理方式后确定的金额为准。"),
        ("投保人应按照约定交付保险费。", "投保人应按照约定支付保险费。"),  # paying the premium
        ("（一）施工用机具、设备、机械装备；", "（一）施工用机具、设备、机械装置；"),
        ("已经投入商业运营的财产。", "已经投入商业运行的财产。"),
        ("（三）土地、海床、矿藏、水资产、动物、植物、农作物；", "（三）土地、海床、矿藏、水资源、动物、植物、农作物；"),
        ("不得超过本保险合同列明的累计责任赔偿限额。", "不得超过本保险合同列明的累计赔偿限额。"),
        ("（三）保险单载明的免赔额；", "（三）保险单列明的免赔额；"),  # printed in the schedule, whichever verb
        ("投保人未按贷款合同约定偿还贷款的；", "投保人未按借款合同约定偿还借款的；"),  # one loan, lender's and borrower's word
        (  # the duty of disclosure, naming what the insurer asks about or not
            "订立本保险合同，保险人就保险标的或者被保险人的有关情况提出询问的，投保人应当如实告知，并如实填写投保单。",
            "投保人应履行如实告知义务，如实回答保险人就有关情况提出的询问，并如实填写投保单。",
        ),
        ("（二）核爆炸、核子辐射和放射性污染；", "（二）核爆炸、核辐射和核污染及其他放射性污染；"),  # the nuclear perils
        (  # no cover until the premium is paid (《保险法》第十四条), however the unpaid premium is named
            "除另有约定外，投保人应当在保险合同成立时交清保险费。投保人未按本条约定交付保险费的，本保险合同不生效，保险人不承担保险责任。",
            "除另有约定外，投保人应当在保险合同成立时一次性交清保险费。保险费未按约定及时足额交付的，保险合同不发生效力，合同生效前发生的保险事故，保险人不承担给付保险金责任。",
        ),
        (
            "投保人应在保险合同成立时交清保险费。保险费未足额交清前，本保险合同不生效，保险人对保险合同生效前发生的保险事故，不承担赔偿责任。",
            "投保人应在保险合同成立时交清保险费，未交清保险费的，本保险合同不生效；本保险合同生效前发生的保险事故，保险人不承担赔偿责任。",
        ),
        (  # the market's definition of 冰凌, printed with variants a reader reads through
            "冰凌：指春季江河解冻期时冰块飘浮遇阻，堆积成坝。陆上有些地区，如山谷风口或酷寒致使雨雪在物体上结成冰块，呈下垂形状。",
            "冰凌：指春季江河解冻时冰块漂浮遇阻，堆积成坝。陆上有些地区，如山谷风口，因酷寒致使雨雪在物体上结成冰块，成下垂形状。",
        ),
        (  # what the insured recovered from the party liable, deducted by law either way
            "被保险人已经从投保人、担保人取得赔偿的，保险人赔偿保险金时，应相应扣减被保险人已取得的赔偿金额。",
            "被保险人已经从投保人、担保人取得赔偿的，保险人赔偿保险金时，可以相应扣减被保险人已取得的赔偿金额。",
        ),
    ],
)
def test_wordings_that_say_one_thing(a: str, b: str) -> None:
    assert substance(a) == substance(b)


def test_the_lender_and_the_borrower_stay_apart() -> None:
    # 贷款 / 借款 name one loan; 贷款人 / 借款人 name the two parties to it.
    assert substance("贷款人") != substance("借款人")
    assert substance("贷款金融机构") != substance("借款金融机构")


def test_another_insurer_and_the_main_contract_keep_their_names() -> None:
    """其他保险公司 is another insurer, 主险合同 the contract the rider is attached to."""
    assert substance("向其他保险公司投保。") != substance("向保险人投保。")
    assert substance("以主险合同为准。") != substance("以本附加合同为准。")
    # … not excluding a threshold (不含) drops nothing, and a payment of a claim is no premium
    assert substance("8级（不含）以上") != substance("8级以上")
    assert substance("支付赔款") != substance("交纳赔款")
    # … and 一次性 ("at once") counts nothing, where 一次事故 counts accidents
    assert substance("保险金一次性支付") == "保险金一次性支付" and substance("一次事故") == "1次事故"


@pytest.mark.parametrize(
    ("a", "b", "material"),
    [
        # where the deductible is printed and who bears it point at the same figure
        ("（三）保险单列明的或有关条款中规定的应由被保险人自行负担的免赔额；", "（五）本保险合同载明的免赔额；", False),
        ("（四）按本保险合同中载明的免赔率计算的免赔额。", "（四）依据保险单载明的免赔率计算的免赔金额。", False),
        # … an amount beside the rate's, or the higher of the two, is another deductible
        ("（三）按保险单载明的免赔率计算的免赔额。", "（五）保险单载明的免赔额或按免赔率计算的免赔额。", True),
        ("（三）保险单载明的免赔额或按免赔率计算的免赔额，两者以高者为准。", "（三）保险单载明的免赔额或按免赔率计算的免赔额。", True),
    ],
)
def test_an_exclusion_of_the_deductible_differs_only_by_what_it_says_of_it(a: str, b: str, material: bool) -> None:
    from tiaokuan.compare.judge import judge
    from tiaokuan.compare.units import Dimension

    assert judge(a, b, Dimension.EXCLUSIONS, "A", "B").material is material


@pytest.mark.parametrize(
    ("a", "b", "material"),
    [
        # a head the members share, printed once or after each
        ("指急性或亚急性重症肝炎。", "指急性重症肝炎或亚急性重症肝炎。", False),
        ("因故意或重大过失行为造成的损失。", "因故意行为或重大过失行为造成的损失。", False),
        # … not a member added to the list
        ("因故意行为造成的损失。", "因故意行为或重大过失行为造成的损失。", True),
    ],
)
def test_a_head_shared_by_joined_members_is_the_same_printed_once_or_twice(a: str, b: str, material: bool) -> None:
    from tiaokuan.compare.judge import judge
    from tiaokuan.compare.units import Dimension

    assert judge(a, b, Dimension.EXCLUSIONS, "A", "B").material is material


def test_a_run_is_quoted_as_printed_where_a_word_is_read_by_its_context() -> None:
    """交付 reads as 交纳 only before 保险费: the edit quotes the words the clause prints."""
    from tiaokuan.compare.judge import judge
    from tiaokuan.compare.units import Dimension

    what = judge("投保人应于每月五日前交付保险费。", "投保人应于每月五日前交清保险费。", Dimension.PREMIUM, "A", "B").what
    assert "“交付”" in what and "交纳" not in what


def test_what_was_just_said_is_pointed_at_either_way() -> None:
    """上述 and 前述 both point at the preceding provision: no difference between them."""
    from tiaokuan.compare.judge import judge
    from tiaokuan.compare.units import Dimension

    old, new = "（二）被保险人对上述财产的损失；", "（二）被保险人对前述财产的损失；"
    assert not judge(old, new, Dimension.EXCLUSIONS, "A", "B").material
