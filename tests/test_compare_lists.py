"""Lists in a comparison (issue 14): a lead-in and the items it announces. Fictional
wordings; the conventions are stated in compare/differences.py."""

from __future__ import annotations

from tiaokuan.compare import Kind, differences
from tiaokuan.compare.substance import substance
from tiaokuan.model import SectionType
from tiaokuan.parse import parse_paragraphs

HEAD = "某某保险条款\n\n合同解除\n\n第一条 保险责任开始后，投保人可以解除本保险合同。\n"
PAPERS = "投保人解除本保险合同时，应提供下列证明文件和资料：\n（一）保险合同解除申请书；\n（二）保险单原件；\n（三）投保人身份证明。\n"


def _material(a: str, b: str, head: str = HEAD) -> set[tuple[Kind, tuple[str, ...], tuple[str, ...]]]:
    docs = [parse_paragraphs(head + t).documents[0] for t in (a, b)]
    return {(d.kind, d.sides[0].citations, d.sides[1].citations) for d in differences(docs, ["A", "B"]) if d.material}


def test_a_list_only_one_clause_prints_is_a_rule_its_lead_in_states() -> None:
    """The lead-in of a list the other clause has nothing of states a duty of its own
    (to provide papers when cancelling): it is only in that clause with its items, one
    difference citing them all, as analysts record it (not once more per item)."""
    found = _material(PAPERS, "")
    assert (Kind.ONLY_IN, ("第一条第二款", "第一条（一）", "第一条（二）", "第一条（三）"), ()) in found
    assert not {(Kind.ONLY_IN, (f"第一条{n}",), ()) for n in ("（一）", "（二）", "（三）")} & found


def test_a_lead_in_whose_items_have_counterparts_only_announces_them() -> None:
    """Where the other clause lists the same papers under no lead-in of its own, the
    lead-in adds nothing: the items carry the rule."""
    b = "（一）保险合同解除申请书；\n（二）保险单原件；\n（三）投保人身份证明。\n"
    assert not any(x == ("第一条第二款",) for _, x, _ in _material(PAPERS, b))


def test_a_natural_disaster_named_in_an_open_list_of_them_changes_nothing() -> None:
    """地震、海啸、台风等自然灾害: 台风 is a natural disaster, named or not. A member of
    another open list (烟熏 among pollutions) is one analysts count."""
    from tiaokuan.compare import Dimension
    from tiaokuan.compare.judge import judge

    a = "地震、海啸等自然灾害造成的损失。"
    got = judge(a, a.replace("海啸", "海啸、台风"), Dimension.EXCLUSIONS, "A", "B")
    assert (got.kind, got.material) == (Kind.SAME_IN_SUBSTANCE, False)
    b = "大气污染、水污染等污染造成的损失。"
    got = judge(b, b.replace("水污染", "水污染、烟熏"), Dimension.EXCLUSIONS, "A", "B")
    assert (got.kind, got.material) == (Kind.WIDER, True)


def test_two_exclusions_of_one_canonical_head_left_alone_are_one_exclusion() -> None:
    """罚息、违约金…逾期利息 and 罚款、罚金及惩罚性赔偿 share no words, but both exclude
    penalties (the language layer's 罚款罚金 head) and each is its clause's only one left
    without a counterpart: one exclusion worded two ways, not one deleted and one added."""
    head = "某某保证保险条款\n\n责任免除\n\n第一条 下列损失、费用和责任，保险人不负责赔偿：\n（一）被保险人的间接损失；\n（二）按保险单载明的免赔率计算的免赔额；\n"
    a = "（三）投保人不履行借款合同约定的还款义务所造成的罚息、违约金、损害赔偿金以及逾期利息。\n"
    b = "（三）罚款、罚金及惩罚性赔偿。\n"
    found = {(x, y) for _, x, y in _material(a, b, head)}
    assert found == {(("第一条（三）",), ("第一条（三）",))}


def test_two_claim_forms_named_in_other_words_are_one_paper() -> None:
    """索赔申请书 and 保险金给付申请书 share no word once reduced to substance, but both are
    the claimant's written request (the language layer's claim-form paper): items asking
    for the same kinds of paper are one item, whatever their words, and the form each
    clause asks for alone is the other's counterpart, not one paper deleted and one added."""
    head = "某某保险条款\n\n赔偿处理\n\n第一条 被保险人请求赔偿时，应向保险人提供下列证明和资料：\n"
    a = "（一）保险单或其他保险凭证；\n（二）索赔申请书；\n（三）被保险人的身份证明；\n（四）保险事故证明。\n"
    b = "（一）保险单或其他保险凭证；\n（二）保险金给付申请书；\n（三）被保险人的身份证明；\n（四）损失清单。\n"
    found = _material(a, b, head)
    assert not any(x == ("第一条（二）",) or y == ("第一条（二）",) for _, x, y in found)
    # (papers of other kinds stay apart: the accident proof is only in A, the loss list only in B)
    assert {(Kind.ONLY_IN, ("第一条（四）",), ()), (Kind.ONLY_IN, (), ("第一条（四）",))} <= found


def test_papers_asked_for_to_cancel_are_a_cancellation_matter() -> None:
    """Papers serve the act their lead-in asks them for: a list the policyholder hands in
    to cancel (投保人解除本保险合同时，应提供下列证明文件和资料) belongs to cancellation,
    however like claim papers its items read (保险单原件); a list asked for to claim stays
    a claims matter."""
    from tiaokuan.compare import Dimension

    # (the list, only in A, is one difference at its lead-in; each item keeps its dimension)
    docs = [parse_paragraphs(HEAD + t).documents[0] for t in (PAPERS, "")]
    dims = {d.sides[0].citations: d.dimension for d in differences(docs, ["A", "B"])}
    assert dims[("第一条（二）",)] is Dimension.CANCELLATION
    claim = PAPERS.replace("投保人解除本保险合同时", "被保险人请求赔偿时")
    docs = [parse_paragraphs(HEAD + t).documents[0] for t in (claim, "")]
    dims = {d.sides[0].citations: d.dimension for d in differences(docs, ["A", "B"])}
    assert dims[("第一条（二）",)] is Dimension.CLAIMS


def test_an_account_of_the_accident_is_the_accident_proof() -> None:
    """事故说明 (the account of how the accident happened) is the proof of the accident
    a claim asks for, as 事故证明 is: asked for by one clause under one name and by the
    other under the other, it is one paper, not one deleted and one added."""
    head = "某某保险条款\n\n赔偿处理\n\n第一条 被保险人请求赔偿时，应向保险人提供下列证明和资料：\n（一）保险单；\n（二）索赔申请书；\n"
    a = "（三）公安机关出具的事故证明；\n（四）损失清单。\n"
    b = "（三）损失清单；\n（四）投保人或被保险人关于此次事故的说明。\n"
    assert {(x, y) for _, x, y in _material(a, b, head)} == {(("第一条（三）",), ("第一条（四）",))}


def test_an_exclusion_of_the_deductible_restates_it() -> None:
    """(五)本合同载明的免赔额 excludes what the insured bears by definition: against a clause
    that provides a deductible anywhere it changes nothing; against one without any
    deductible it is a difference, as analysts count it."""
    head = "某某保险条款\n\n责任免除\n\n第一条 下列损失、费用，保险人不负责赔偿：\n（一）罚款、罚金及惩罚性赔偿；\n（二）间接损失；\n"
    a = "（三）本合同中载明的免赔额，或按本合同中载明的免赔率计算的免赔额。\n"
    deductible = "\n赔偿处理\n\n第二条 保险人在扣除保险单载明的免赔额后，在保险金额内计算赔偿。\n"
    plain = "\n赔偿处理\n\n第二条 保险人在保险金额内计算赔偿。\n"
    assert _material(a + deductible, deductible, head) == set()
    assert (Kind.ONLY_IN, ("第一条（三）",), ()) in _material(a + plain, plain, head)


def test_cancelling_this_insurance_contract_is_a_cancellation_matter() -> None:
    """解除本保险合同 / 解除该保险合同 / 解除合同 name one act, cancelling the contract:
    wherever it stands and however the contract is named, a rule on it is cancellation."""
    from tiaokuan.compare import Dimension
    from tiaokuan.compare.units import dimension_of

    for said in ("保险人知道有解除事由之日起，超过三十日不行使而消灭。保险人可以解除本保险合同。", "投保人可以书面通知解除该保险合同。"):
        assert dimension_of(SectionType.OTHER, said, ()) is Dimension.CANCELLATION
    # … and a party's right to end it early (提前终止) is its right to cancel; the contract
    # ending with its main contract or its period is not.
    said = "保险人和投保人均有权提前终止本保险合同。如一方终止合同，须提前1个月书面通知对方。"
    assert dimension_of(SectionType.OTHER, said, ()) is Dimension.CANCELLATION
    assert dimension_of(SectionType.OTHER, "主险合同终止时，本附加险合同同时终止。", ()) is not Dimension.CANCELLATION


def test_waiving_the_claim_against_a_third_party_is_subrogation() -> None:
    """The insured who waives its claim against the party liable (放弃对投保人请求赔偿的权利,
    《保险法》第六十一条) defeats the insurer's subrogation: the rule is subrogation's,
    whether or not it names 代位 or 责任方."""
    from tiaokuan.compare import Dimension
    from tiaokuan.compare.units import dimension_of

    said = "保险人未履行赔偿义务之前，被保险人放弃对投保人请求赔偿的权利的，保险人不承担赔偿责任。"
    assert dimension_of(SectionType.CLAIMS, said, ()) is Dimension.SUBROGATION


def test_a_party_named_the_policyholder_says_who_may_be_insured() -> None:
    """Who may be insured is said the other way round too: the party first, then what it is to
    the contract (技术开发的委托方…为本保险合同的投保人；…受托方…为本保险合同的被保险人)."""
    from tiaokuan.compare import Dimension
    from tiaokuan.compare.units import dimension_of

    said = "在科技成果“先研后付”模式下的技术开发活动中：技术开发的委托方为本保险合同的投保人；技术开发的受托方为本保险合同的被保险人。"
    assert dimension_of(SectionType.OTHER, said, ()) is Dimension.INSURED
    assert dimension_of(SectionType.OTHER, "保险人依照本保险合同的约定负责赔偿。", ()) is not Dimension.INSURED


def test_a_paragraph_of_the_cover_chapter_that_grants_nothing_says_what_it_says() -> None:
    """A rider's cover article may go on to say the insured's waiver of its claim against the
    party liable defeats the insurer (…放弃对有关责任方请求赔偿权利的，保险人不承担赔偿责任): the
    rule is subrogation's in the cover chapter too. A paragraph there that grants cover stays
    cover, whatever else it names."""
    from tiaokuan.compare import Dimension
    from tiaokuan.compare.units import dimension_of

    waiver = "保险事故发生后，在保险人未赔偿保险金之前，被保险人放弃对有关责任方请求赔偿权利的，保险人不承担赔偿责任。"
    offset = "被保险人雇员已经从有关责任方取得赔偿的，保险人赔偿保险金时，可以扣减已从有关责任方取得的赔偿金额。"
    for said in (waiver, offset):
        assert dimension_of(SectionType.COVERAGE, said, ()) is Dimension.SUBROGATION
    grant = "被保险人依法应负的赔偿责任，保险人负责赔偿；应由有关责任方负责赔偿的，被保险人应向其索赔。"
    assert dimension_of(SectionType.COVERAGE, grant, ()) is Dimension.COVER


def test_an_article_naming_who_the_parties_are_says_who_may_be_insured() -> None:
    """本合同所称投保人是…；被保险人是… says who may take the policy out and who is insured,
    as 本保险合同的被保险人是指… does, wherever the article stands."""
    from tiaokuan.compare import Dimension
    from tiaokuan.compare.units import dimension_of

    said = "本合同所称投保人是低速无人驾驶设备的所有者、管理者，且负有支付保险费义务的自然人或法人。被保险人是在保险事故发生时，对设备有保险利益的自然人或法人。"
    assert dimension_of(SectionType.OTHER, said, ()) is Dimension.INSURED
    assert dimension_of(SectionType.OTHER, "被保险人是否已履行通知义务，以书面通知为准。", ()) is not Dimension.INSURED


def test_an_item_that_only_names_its_sub_list_is_a_heading_over_its_sub_items() -> None:
    """（一）身故保险金申请 / 1.保险金给付申请书；2.保险单原件；… : the item names what its
    sub-list holds, and each paper asked for is a provision of its own, cited under the item
    (第七条（一）2.); an item that says something itself stays one unit."""
    from tiaokuan.compare import units_of

    text = (
        "某某附加意外伤害保险条款\n\n保险金申请与给付\n\n"
        "第七条 保险金申请人向保险人申请给付保险金时，应提交以下材料：\n"
        "（一）身故保险金申请\n1.保险金给付申请书；\n2.保险单原件；\n3.被保险人的死亡证明。\n"
        "（二）保险金申请人所能提供的其他证明和资料，保险人认为必要时还可要求补充：\n1.事故证明；\n2.病历。\n"
    )
    units = {u.cite: u for u in units_of(parse_paragraphs(text).documents[0])}
    assert units["第七条（一）"].is_lead and substance(units["第七条（一）"].text) == "身故保险金申请"
    assert [c for c in units if c.startswith("第七条（一）") and c != "第七条（一）"] == ["第七条（一）1.", "第七条（一）2.", "第七条（一）3."]
    assert "保险单原件" in units["第七条（一）2."].text
    assert not any(c.startswith("第七条（二）") and c != "第七条（二）" for c in units)


def test_an_item_opening_with_words_the_item_before_ends_with_keeps_its_own_words() -> None:
    """Items whose labels a copy lost are found by their words: an item opening with
    words the item before it also says (…违反交易平台或运营商的规则。 / 交易平台或运营商改变…)
    starts after that item's words, so each item keeps every character of its own."""
    from tiaokuan.compare import units_of

    text = (
        "某某保险条款\n\n责任免除\n\n下列原因造成的损失，保险人不负责赔偿：\n被保险人或其代表操作失误。\n"
        "被保险人或其代表违反交易平台或运营商的规则。\n交易平台或运营商改变网络虚拟活动的内容或规则。\n"
    )
    items = [u.text.strip() for u in units_of(parse_paragraphs(text).documents[0]) if u.item or u.lead and not u.is_lead]
    assert "被保险人或其代表违反交易平台或运营商的规则。" in items
    assert "交易平台或运营商改变网络虚拟活动的内容或规则。" in items


def test_a_paper_is_known_by_what_it_is_not_by_the_policy_that_names_its_issuer() -> None:
    """Claim papers by kind (tiaokuan.text.vocab.CLAIM_DOCUMENTS): a repair voucher from the
    repairer the policy names (保险单载明的维修机构) is a voucher, not the policy; 法律文件 is a
    legal paper as 法律文书 is; a ledger (账册) a financial record as 账簿 is."""
    from tiaokuan.text.vocab import CLAIM_DOCUMENTS, map_all

    def kinds(said: str) -> set[str]:
        return {c.key for c in map_all(CLAIM_DOCUMENTS, said)}

    assert kinds("（四）保险单载明的维修机构出具的维修凭证及损失认定证明；") == {"doc_invoice", "doc_loss_list"}
    assert kinds("（一）保险单正本；") == {"doc_policy"}
    assert kinds("（六）涉及诉讼的应提交相关法律文件；") == {"doc_legal"}
    assert kinds("（四）研发费用财务帐册；") == {"doc_invoice"}


def test_the_property_markets_standard_exclusions_have_a_head_each() -> None:
    """Betterment in repair, the loss a supplier or maker answers for, property in transit,
    and a disappearance no one can explain (the theft the insured cannot prove) are heads of
    the canonical exclusions, so two wordings of one pair however reworded."""
    from tiaokuan.text.vocab import EXCLUSIONS, map_to

    for key, said in (
        ("betterment", "（四）保险标的在修复或重置过程中发生的任何变更、性能增加或改进所产生的额外费用；"),
        ("betterment", "（二）对研发项目额外进行改进或改善所支出的费用；"),
        ("supplier_liability", "（二）根据法律或契约应由供货方、制造人、安装人或修理人负责的损失或费用；"),
        ("supplier_liability", "（十）其他依照法律规定或合同约定应当由保险标的的设计商、生产商或供货商承担责任的产品质量问题；"),
        ("in_transit", "（三）处于运输途中的工程机械设备；"),
        ("theft", "（三）保险标的遭受任何无原因、不可解释的失踪或在存放过程中失窃；"),
    ):
        canon = map_to(EXCLUSIONS, said)
        assert canon is not None and canon.key == key, said
    canon = map_to(EXCLUSIONS, "（六）被保险人失踪或被宣告死亡；")
    assert canon is None or canon.key != "theft"


def test_an_insuring_clause_whose_proviso_carves_a_loss_out_is_cover() -> None:
    """保险责任 that grants cover and then carves a loss out (但…对玻璃破碎损失…保险人不负责赔偿)
    is the insuring clause; a paragraph there that only excludes is an exclusion."""
    from tiaokuan.compare import Dimension
    from tiaokuan.compare.units import dimension_of
    from tiaokuan.model import Category

    said = ("在保险期间内，由于第三者恶意破坏行为造成保险标的的直接物质损失，保险人按照本保险合同的约定负责赔偿。"
            "但除另有约定外，对作为建筑物组成部分的玻璃破碎损失，保险人不负责赔偿。")  # fmt: skip
    both = (Category.COVERAGE.value, Category.EXCLUSION.value)
    assert dimension_of(SectionType.COVERAGE, said, both) is Dimension.COVER
    assert dimension_of(SectionType.COVERAGE, "对作为建筑物组成部分的玻璃破碎损失，保险人不负责赔偿。", both) is Dimension.EXCLUSIONS
    # (the insured's liability named in an exclusion rider's refusal grants nothing)
    refusal = "对于约定类别的财产，不论在法律上是否应当由被保险人承担赔偿责任，保险人按照本合同约定不负责赔偿。"
    assert dimension_of(SectionType.COVERAGE, refusal, both) is Dimension.EXCLUSIONS


def test_an_exclusion_naming_two_heads_pairs_by_either() -> None:
    """One item often names several heads (污染…及罚款、罚金). Where the other
    clause's only exclusion left alone excludes one of them and nothing else proposes
    either exclusion elsewhere, the two are one exclusion worded two ways, whichever
    head the item names first."""
    head = "某某保险条款\n\n责任免除\n\n第一条 下列损失、费用和责任，保险人不负责赔偿：\n（一）战争、军事行动造成的损失；\n（二）核辐射造成的损失；\n"
    a = "（三）各种污染，以及行政机关处以的滞纳金。\n"
    b = "（三）惩罚性赔偿。\n"
    found = {(x, y) for _, x, y in _material(a, b, head)}
    assert found == {(("第一条（三）",), ("第一条（三）",))}
    # (with a second lone exclusion of that head in B, which one pairs is left to the words)
    found = {(x, y) for _, x, y in _material(a, b + "（四）罚款。\n", head)}
    assert (("第一条（三）",), ()) in found
