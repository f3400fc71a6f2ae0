"""How the comparison reads units (issue 14): the dimension a unit belongs to, the
words that change nothing, and the scoring rule's citations of definitions."""

from __future__ import annotations

import pytest

from tiaokuan.compare import Dimension, Kind, units_of
from tiaokuan.compare.evaluate import parse_cite
from tiaokuan.compare.judge import judge
from tiaokuan.parse import parse_paragraphs

HEAD = "某某保险条款\n\n"


def _units(body: str):
    return units_of(parse_paragraphs(HEAD + body).documents[0])


def test_claim_papers_are_a_claims_matter_in_whatever_chapter_they_stand() -> None:
    """A list of the papers a claim needs stands in 投保人、被保险人义务 in one clause and in
    赔偿处理 in another; both are the claims dimension, its lead-in and a list written
    inline too, so the two lists pair and are read as the same kind of provision."""
    duties = (
        "投保人、被保险人义务\n\n"
        "第十条 被保险人请求赔偿时，应向保险人提供下列证明和资料：\n（一）保险单正本；\n（二）事故证明；\n\n"
        "第十一条 被保险人应当提交保险单、索赔申请书、损失清单、事故证明。\n\n"
        "第十二条 被保险人应当遵守国家有关安全生产的规定。\n"
    )
    units = _units(duties)
    by_cite = {u.cite: u.dimension for u in units}
    assert by_cite["第十条（一）"] is Dimension.CLAIMS
    assert by_cite["第十条（二）"] is Dimension.CLAIMS
    assert next(u for u in units if u.is_lead and u.cite.startswith("第十条")).dimension is Dimension.CLAIMS
    assert by_cite["第十一条"] is Dimension.CLAIMS
    # a duty that asks for no papers stays a duty
    assert by_cite["第十二条"] is Dimension.POLICYHOLDER_DUTIES


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # 应提交以下材料 followed by the refusal to pay what missing papers leave unproven
        # announces papers: its items are claim papers, not exclusions; a lead-in that
        # announces what is not paid still lists exclusions.
        (
            "保险金申请与给付\n\n"
            "第二十条 保险金申请人向保险人申请给付保险金时，应提交以下材料。保险金申请人未能提供有关材料，"
            "导致保险人无法核实该申请的真实性的，保险人对无法核实部分不承担给付保险金的责任。\n（一）保险金给付申请书；\n（二）被保险人的身份证明；\n\n"
            "第二十一条 下列原因造成的损失，保险人不承担给付保险金的责任：\n（一）投保人的故意行为；\n（二）被保险人醉酒；\n",
            {"第二十条（一）": Dimension.CLAIMS, "第二十条（二）": Dimension.CLAIMS, "第二十一条（一）": Dimension.EXCLUSIONS},
        ),
        # 投保人应在投保时提供下列材料 serves underwriting: its items ask for papers, but are
        # no claim papers; they are the applicant's duty, not a claim's list.
        (
            "投保人、被保险人义务\n\n"
            "第十六条 投保人应在投保时提供下列材料：\n（一）企业营业执照复印件；\n（二）上年度财务报告；\n\n"
            "第二十条 被保险人请求赔偿时，应向保险人提供下列证明和资料：\n（一）保险单正本；\n（二）事故证明；\n",
            {"第十六条（一）": Dimension.POLICYHOLDER_DUTIES, "第十六条（二）": Dimension.POLICYHOLDER_DUTIES, "第二十条（一）": Dimension.CLAIMS},
        ),
    ],
)
def test_a_list_is_what_its_lead_in_announces(body: str, expected: dict[str, Dimension]) -> None:
    by_cite = {u.cite: u.dimension for u in _units(body)}
    assert {cite: by_cite[cite] for cite in expected} == expected


@pytest.mark.parametrize(
    ("old", "new", "dimension"),
    [
        # the condition is in the words, with or without 若…则…
        ("若被保险人未履行前款义务，则保险人不承担赔偿责任。", "被保险人未履行前款义务，保险人不承担赔偿责任。", Dimension.POLICYHOLDER_DUTIES),
        # a second duty joined with 并 or with a comma
        ("被保险人应及时通知保险人，并提供有关资料。", "被保险人应及时通知保险人，提供有关资料。", Dimension.POLICYHOLDER_DUTIES),
        # the localizer of a paper
        ("赔偿限额以保险单上载明的为准。", "赔偿限额以保险单载明的为准。", Dimension.LIMITS),
        # "according to" in another of its forms
        ("按保险金额与保险价值的比例计算赔偿。", "按照保险金额与保险价值的比例计算赔偿。", Dimension.CLAIMS),
        ("依照法律规定处理。", "根据法律规定处理。", Dimension.DISPUTES),
        # "related" in its other form
        ("被保险人应遵守国家相关法律、法规。", "被保险人应遵守国家有关法律、法规。", Dimension.POLICYHOLDER_DUTIES),
        # the proviso (但书) in its two drafting forms
        (
            "保险人对无法确定的部分不承担赔偿责任，但保险人通过其他途径已经及时知道保险事故发生的除外。",
            "保险人对无法确定的部分不承担赔偿责任，但保险人通过其他途径已经及时知道保险事故发生的，不在此限。",
            Dimension.POLICYHOLDER_DUTIES,
        ),
        # a figure the parties set together, and the agent marker before them
        ("免赔额由投保人与保险人协商确定，并在保险单中载明。", "免赔额由投保人和保险人双方约定，并在保险单中载明。", Dimension.DEDUCTIBLE),
        ("保险金额由投保人、保险人双方协商确定。", "保险金额投保人与保险人协商确定。", Dimension.LIMITS),
        # the second clause of a condition, stated with or without 那么
        (
            "如果赔偿金额超过赔偿限额，那么保险人以赔偿限额为限。",
            "如果赔偿金额超过赔偿限额，保险人以赔偿限额为限。",
            Dimension.CLAIMS,
        ),
    ],
)
def test_connectives_change_nothing(old: str, new: str, dimension: Dimension) -> None:
    got = judge(old, new, dimension, "A", "B")
    assert got.kind is Kind.SAME_IN_SUBSTANCE
    assert not got.material


def test_a_condition_added_with_a_connective_still_counts() -> None:
    """Only the connective is filler: the condition it brings in is a difference."""
    got = judge("保险人负责赔偿。", "若经保险人书面同意，则保险人负责赔偿。", Dimension.COVER, "A", "B")
    assert got.material
    assert got.kind is Kind.NARROWER


def test_definitions_are_matched_by_their_term() -> None:
    """Two citations of one 释义 article name one unit only when they define one term."""
    assert parse_cite("第三十条「关联方」").matches(parse_cite("释义「关联方」"))
    assert not parse_cite("第四十三条「火灾」").matches(parse_cite("第四十三条「恐怖活动」"))
    assert not parse_cite("释义「保险人」").matches(parse_cite("释义「最长付款期限」"))
    # a citation without a term still names the whole article
    assert parse_cite("第四十三条").matches(parse_cite("第四十三条「火灾」"))


def test_a_word_defined_where_it_is_used_pairs_with_the_other_clauses_definition() -> None:
    """本保险合同所称科技企业，是指… in 总则 and 科技企业：指… in 释义 define one word: one
    difference citing both, not one only in each clause."""
    from tiaokuan.compare import differences

    a = parse_paragraphs(
        HEAD + "总则\n\n第一条 本保险合同的被保险人须为科技企业。\n本保险合同所称科技企业，是指产品的技术含量比较高、具有核心竞争力的企业。\n"
    ).documents[0]
    b = parse_paragraphs(
        HEAD + "总则\n\n第一条 本保险合同的被保险人须为科技企业。\n\n释义\n\n第二条 本保险合同下列用语的含义：\n"
        "科技企业：指拥有有效期内高新技术企业证书的企业。\n"
    ).documents[0]
    found = [d for d in differences([a, b], ["A", "B"]) if d.material]
    paired = [d for d in found if d.sides[0].citations and d.sides[1].citations]
    assert any("第一条" in d.sides[0].citations[0] and any("科技企业" in c for c in d.sides[1].citations) for d in paired)
    # read by what each says the word means, not by how each introduces it
    said = next(d.what for d in paired if any("科技企业" in c for c in d.sides[1].citations))
    assert "所称" not in said and "拥有有效期内高新技术企业证书" in said
    assert not any(d.kind is Kind.ONLY_IN and any("科技企业" in c for s in d.sides for c in s.citations) for d in found)


def test_chapter_headings_may_hold_brackets() -> None:
    """免赔额（率） is part of a heading, not an item label, in an engine citation of an
    inferred article and in a gold citation by chapter heading alike."""
    inferred = parse_cite("第十二条第二款〔条号推定〕（责任限额与免赔额（率））")
    assert inferred.chapter == "责任限额与免赔额（率）"
    assert inferred.matches(parse_cite("责任限额与免赔额（率）第四款"))
    assert not inferred.matches(parse_cite("保险金额与免赔额（率）"))
    assert parse_cite("保险金额与免赔额（率）").sub is None


def test_a_perils_definition_reads_the_same_with_or_without_its_closing_responsibility() -> None:
    """属直接雷击责任 / 属直接雷击 and 不属于爆炸责任 / 不属于爆炸 say what falls within the peril;
    a 责任 that goes on into a phrase (属于本保险责任范围) stays."""
    from tiaokuan.compare.substance import substance

    assert substance("由于雷电直接击中保险标的造成损失，属直接雷击责任。") == substance("由于雷电直接击中保险标的造成损失，属直接雷击。")
    assert substance("因使用过度造成的本身损毁，不属于爆炸责任。") == substance("因使用过度造成的本身损毁，不属于爆炸。")
    assert "责任范围" in substance("不属于本保险责任范围的损失")


def test_what_is_insured_is_the_subject_in_whatever_chapter_it_is_stated() -> None:
    """总则's …可作为本保险合同的保险标的 and 本保险合同的保险标的是指… are the subject dimension,
    so they pair with the other clause's 保险标的 chapter; a loss to the subject is not."""
    units = _units(
        "总则\n\n第一条 本保险合同明细表中列明的智能安防设备，可作为本保险合同的保险标的。\n\n"
        "第二条 本保险合同的保险标的是指在保险合同中载明的境内关键研发机器设备。\n\n"
        "第三条 被保险人应当维护保险标的的安全。\n"
    )
    by_cite = {u.cite: u.dimension for u in units}
    assert by_cite["第一条"] is Dimension.SUBJECT
    assert by_cite["第二条"] is Dimension.SUBJECT  # (境内 too: what is insured decides first)
    assert by_cite["第三条"] is not Dimension.SUBJECT


def test_a_title_only_one_clause_prints_states_no_rule() -> None:
    """A line that only names what follows (a caption over a part of an article) is no
    provision: printed in one clause only, it is an immaterial difference, while the
    provisions around it are compared on their own."""
    from tiaokuan.compare import differences

    body = "保险责任\n\n第一条 在保险期间内，保险人按照本合同约定负责赔偿。\n\n第二条 保险人负责赔偿施救费用。\n施救费用按实际支出计算。\n"
    titled = body.replace("\n施救费用按", "\n施救费用的计算\n施救费用按")
    plain_doc, titled_doc = (parse_paragraphs(HEAD + t).documents[0] for t in (body, titled))
    assert [u.cite for u in units_of(titled_doc) if u.text.strip() == "施救费用的计算"] == ["第二条第二款"]
    diffs = differences([plain_doc, titled_doc], ["A", "B"])
    title = [d for d in diffs if d.kind is Kind.ONLY_IN and d.sides[1].citations == ("第二条第二款",)]
    assert len(title) == 1 and not title[0].material and "标题" in title[0].what
    assert not [d for d in diffs if d.material]


def test_a_homophone_misprint_is_the_same_word_and_two_homophone_words_differ() -> None:
    """A pinyin keyboard's slip puts a character that sounds the same (情形 / 情行): the
    string is no word, and the provision is unchanged. Two homophones that are both
    words (定金 / 订金: a deposit forfeited on breach against a mere prepayment) differ."""
    slip = judge("出现下列情形时，保险人不承担赔偿责任：", "出现下列情行时，保险人不承担赔偿责任：", Dimension.EXCLUSIONS, "A", "B")
    assert not slip.material and slip.kind is Kind.SAME_IN_SUBSTANCE
    words = judge("投保人未按约定支付定金的，保险人不承担赔偿责任。", "投保人未按约定支付订金的，保险人不承担赔偿责任。", Dimension.EXCLUSIONS, "A", "B")
    assert words.material


_CARGO_MODEL = """# 澄川样品陆上运输货物保险条款

澄川财产保险股份有限公司
澄川样品陆上运输货物保险条款

- 总则
本保险合同由保险条款、投保单、保险单以及批单组成。
- 责任范围
本保险分为陆运险和陆运一切险二种。
- 陆运险
本保险负责赔偿：
- 被保险货物在运输途中遭受暴风、雷电、洪水、地震自然灾害所造成的全部或部分损失。
- 被保险人对遭受承保责任内危险的货物采取抢救所支付的合理费用。
- 陆运一切险
除包括上列陆运险的责任外，本保险还负责被保险货物在运输途中由于外来原因所致的全部或部分损失。
- 除外责任
本保险对下列损失，不负赔偿责任：
- 被保险人的故意行为或过失所造成的损失。
- 属于发货人责任所引起的损失。
- 责任起迄
- 本保险负“仓至仓”责任。
- 被保险货物运抵目的地后满六十天，保险责任终止。
"""


def test_a_wording_of_the_1981_cargo_model_is_cited_by_its_chapters(tmp_path) -> None:
    """The cargo clauses drafted on PICC's 1981 model number their chapters and items
    and never their articles (一、责任范围 （一）陆运险 1. …): a copy that lost those
    numbers is read a chapter at a time and cited as the wording cites itself."""
    from tiaokuan.parse import parse_file

    source = tmp_path / "cargo.md"
    source.write_text(_CARGO_MODEL, encoding="utf-8")
    doc = parse_file(source).documents[0]
    assert all(a.number is None for a in doc.articles)
    cites = {u.cite: u.text for u in units_of(doc)}
    assert "暴风" in cites["责任范围（一）1."] and "抢救" in cites["责任范围（一）2."]
    # a caption's body stands with it
    assert cites["责任范围（二）"].startswith("陆运一切险") and "外来原因" in cites["责任范围（二）"]
    assert "发货人" in cites["除外责任（二）"]
    assert "六十天" in cites["责任起迄（二）"]


_CAPTIONED_PARTS = """# 澄川样品贸易信用保险条款

澄川财产保险股份有限公司
澄川样品贸易信用保险条款

总则
- 本保险合同由保险条款、投保单、保险单、批单等有关文件组成。
保险责任
- 被保险人因买方不付款而遭受应收账款的损失，保险人按照本保险合同的约定负责赔偿。
责任免除
- 被保险人的故意行为造成的损失，保险人不负责赔偿。
被保险人的义务
- 如实告知
订立保险合同时，投保人应当如实告知。
- 保险费交付
保险费的交付方式，由投保人与保险人约定，从下列两者中选择其一：
- 按发票金额
- 投保人应按月交付保险费；
- 投保人应申报发票金额。
- 按批复限额
- 投保人应按期交付最低保险费。
- 付款期限
未经保险人书面同意，被保险人给予买方的付款期限不得超过最长付款期限。
"""


def test_captioned_parts_of_an_article_that_lost_its_labels_are_cited_with_their_items(tmp_path) -> None:
    """An article whose labels were lost and whose list is captioned parts with items
    under them is cited as the wording numbered it: the parts （一）（二）, their items
    1. 2. (第五条（一）2.), not one flat count."""
    from tiaokuan.parse import parse_file

    source = tmp_path / "parts.md"
    source.write_text(_CAPTIONED_PARTS, encoding="utf-8")
    cites = {u.cite.split("〔")[0]: u.text for u in units_of(parse_file(source).documents[0])}
    assert "申报发票金额" in cites["第五条（一）2."]
    assert "最低保险费" in cites["第五条（二）1."]
    assert "付款期限" in cites["第六条"]


def test_a_territory_clause_names_where_cover_runs_not_where_a_party_was_registered() -> None:
    """境内 in a sentence about who may be insured, what product is insured or which
    paper a claim needs qualifies that party, product or paper; only an area of cover
    or the place the insured event must happen is the territory dimension. (环境内 holds
    no 境内 at all.)"""
    units = _units(
        "总则\n\n第一条 本保险合同的被保险人为中华人民共和国境内（不含港澳台地区）依法设立的科技企业。\n\n"
        "第二条 本保险合同所称机器人，是指可在其环境内运动以执行预期任务的可编程执行机构。\n\n"
        "第三条 本保险合同的承保区域为中华人民共和国境内（不含港澳台地区）。\n\n"
        "第四条 保险人仅对在中华人民共和国境内发生的保险事故负责赔偿。\n"
    )
    by_cite = {u.cite.split("「")[0]: u.dimension for u in units}
    assert by_cite["第一条"] is Dimension.INSURED
    assert by_cite["第二条"] is not Dimension.TERRITORY
    assert by_cite["第三条"] is Dimension.TERRITORY
    assert by_cite["第四条"] is Dimension.TERRITORY


def test_a_definition_that_says_who_may_be_insured_is_the_insured_dimension() -> None:
    """A clause that says who may be insured in its 释义 (被保险人：…均可作为本保险合同的被保险人)
    states there what another clause states in 总则; a definition of the party word in
    the law's general terms (投保人：指与保险人订立保险合同…的人) stays a definition."""
    units = _units(
        "释义\n\n第二十条 本保险合同下列用语的含义：\n"
        "（一）被保险人：本保险合同的投保人以及代表投保人行事的雇员均可作为本保险合同的被保险人。\n"
        "（二）投保人：指与保险人订立保险合同，并按照合同约定负有支付保险费义务的人。\n"
    )
    by_term = {u.term: u.dimension for u in units if u.term}
    assert by_term["被保险人"] is Dimension.INSURED
    assert by_term["投保人"] is Dimension.DEFINITIONS


def test_two_catch_all_exclusions_are_the_same_however_drafted() -> None:
    """The market drafts its catch-all exclusion two ways, 其他不属于本保险责任范围内的… and
    本合同其他部分约定不在保障范围内的…; both say only that what is not covered is not paid."""
    from tiaokuan.compare import differences

    body = "责任免除\n\n第五条 下列损失、费用和责任，保险人不承担赔偿责任：\n（一）罚款、罚金；\n（二）{}\n"
    a, b = (
        parse_paragraphs(HEAD + body.format(x)).documents[0]
        for x in ("其他不属于本保险责任范围内的损失、费用和责任。", "本保险合同其他部分约定不在保障范围内的损失、费用和责任。")
    )
    assert not [d for d in differences([a, b], ["A", "B"]) if d.material]


def test_the_policyholders_and_the_insurers_right_to_cancel_are_two_provisions() -> None:
    """Cancellation provisions are told apart by who cancels and when: the policyholder's
    right after cover starts pairs with the other clause's policyholder's right, not with
    the insurer's right worded in the same boilerplate."""
    from tiaokuan.compare import differences

    after_policyholder = (
        "第十条 保险责任开始后，投保人要求解除保险合同的，自通知保险人之日起，保险合同解除，"
        "保险人按照保险责任开始之日起至合同解除之日止期间与保险期间的日比例计收保险费，并退还剩余部分保险费。\n"
    )
    after_insurer = (
        "第十条 保险责任开始后，保险人要求解除保险合同的，可提前十五日向投保人发出解约通知书解除本保险合同，"
        "保险人按照保险责任开始之日起至合同解除之日止期间与保险期间的日比例计收保险费，并将剩余部分保险费退还投保人。\n"
    )
    policyholder_short = (
        "第十一条 保险责任开始后，投保人要求解除保险合同的，自通知保险人之日起，保险合同解除，"
        "保险人按短期费率计收保险责任开始之日起至合同解除之日止期间的保险费，并退还剩余部分保险费。\n"
    )
    a = parse_paragraphs(HEAD + "其他事项\n\n" + after_policyholder).documents[0]
    b = parse_paragraphs(HEAD + "其他事项\n\n" + after_insurer + "\n" + policyholder_short).documents[0]
    material = [d for d in differences([a, b], ["A", "B"]) if d.material]
    paired = [d for d in material if d.sides[0].citations and d.sides[1].citations]
    assert [(d.sides[0].citations, d.sides[1].citations) for d in paired] == [(("第十条",), ("第十一条",))]
    assert [d.sides[1].citations for d in material if not d.sides[0].citations] == [("第十条",)]


def test_a_definition_of_the_contracts_own_parties_printed_once_changes_nothing() -> None:
    """保险人 and 保险单 mean for every clause what the law and the contract make them; a
    clause that defines them (naming the insurer company) and one that does not read the
    same. A definition of a word of the cover (恐怖活动) printed once still counts."""
    from tiaokuan.compare import differences

    body = "保险责任\n\n第一条 保险人负责赔偿恐怖活动造成的损失，以保险单载明的金额为限。\n\n释义\n\n第二条 本保险合同下列用语的含义：\n{}"
    a = parse_paragraphs(HEAD + body.format("（一）保险人：指与投保人签订本保险合同的某某财产保险股份有限公司。\n（二）保险单：指保险人签发的保险单及其明细表。\n（三）恐怖活动：指以暴力手段制造社会恐慌的行为。\n")).documents[0]
    b = parse_paragraphs(HEAD + body.format("（一）恐怖活动：指以暴力手段制造社会恐慌的行为。\n")).documents[0]
    diffs = differences([a, b], ["A", "B"])
    assert not [d for d in diffs if d.material]
    assert len([d for d in diffs if d.kind is Kind.ONLY_IN and "通常含义" in d.what]) == 2
    c = parse_paragraphs(HEAD + body.format("（一）保险人：指与投保人签订本保险合同的某某财产保险股份有限公司。\n")).documents[0]
    material = [d for d in differences([a, c], ["A", "C"]) if d.material]
    assert [(d.kind, d.sides[0].citations) for d in material] == [(Kind.ONLY_IN, ("第二条（三）「恐怖活动」",))]


def test_who_may_be_insured_split_over_articles_is_one_provision() -> None:
    """One clause says in one article who may take out and hold the cover; the other
    splits it over three articles standing together. The three are that provision
    rewritten, compared as one with the first clause's article, not two only-ins."""
    from tiaokuan.compare import differences

    a = parse_paragraphs(HEAD + "总则\n\n第一条 本保险合同由保险条款、投保单、保险单组成。\n\n"
                         "第二条 凡在中华人民共和国境内注册的科技企业，均可作为本保险合同的投保人和被保险人。\n\n"
                         "保险责任\n\n第三条 保险人负责赔偿保险事故造成的损失。\n").documents[0]
    b = parse_paragraphs(HEAD + "总则\n\n第一条 本保险合同由保险条款、投保单、保险单组成。\n\n"
                         "第二条 与采购人签订采购合同的供应商，可作为本保险合同的投保人。\n\n"
                         "第三条 依法与投保人签订采购合同的采购人，可作为本保险合同的被保险人。\n\n"
                         "第四条 本保险合同的投保人或被保险人，须为科技企业。\n\n"
                         "保险责任\n\n第五条 保险人负责赔偿保险事故造成的损失。\n").documents[0]
    insured = [d for d in differences([a, b], ["A", "B"]) if d.dimension is Dimension.INSURED and d.material]
    assert [(d.sides[0].citations, d.sides[1].citations) for d in insured] == [(("第二条",), ("第二条", "第三条", "第四条"))]


def test_a_way_to_resolve_a_dispute_opened_or_closed_is_material() -> None:
    """Dispute clauses restate the law and are reworded freely, but a route the parties
    may take (调解 before arbitration or court) or a jurisdiction they submit to, printed
    in one clause only, changes what a party may do."""
    base = "因履行本合同发生的争议，由当事人协商解决。协商不成的，提交保险单载明的仲裁机构仲裁。"
    mediation = base.replace("协商解决。", "协商解决，也可向相关调解组织申请调解。")
    assert judge(mediation, base, Dimension.DISPUTES, "A", "B").material
    law = "本合同的争议处理适用中华人民共和国法律。"
    assert judge(law, law.replace("法律。", "法律，并受中华人民共和国司法管辖。"), Dimension.DISPUTES, "A", "B").material
    assert not judge(base, base.replace("当事人", "双方当事人"), Dimension.DISPUTES, "A", "B").material


def test_the_limitation_period_left_to_the_law_reads_as_the_law_but_a_later_start_differs() -> None:
    """诉讼时效 stated as the law's two years from when the insured knew of the event, or
    left to 相关法律规定, is one rule; a period that runs from when the insured's liability
    is fixed starts later, and that is a difference."""
    law = "被保险人向保险人请求赔偿的诉讼时效期间为二年，自其知道或者应当知道保险事故发生之日起计算。"
    left = "被保险人向保险人请求赔偿保险金的诉讼时效期间，依据中华人民共和国（不含港澳台地区）相关法律规定处理，自其知道或者应当知道保险事故发生之日起计算。"
    later = "被保险人向保险人请求赔偿的诉讼时效期间为二年，自被保险人对受试者应负的赔偿责任确定之日起计算。"
    assert not judge(law, left, Dimension.LIMITATION, "A", "B").material
    assert judge(law, later, Dimension.LIMITATION, "A", "B").material


def test_an_item_moved_to_another_list_takes_that_lists_meaning() -> None:
    """The same words under another lead-in say another thing: 火灾、爆炸 listed as a peril
    in one clause and as an exclusion in the other, or 珍贵财物 moved from the property
    never insured to the property insured by special agreement."""
    from tiaokuan.compare import differences

    a = parse_paragraphs(HEAD + "保险责任\n\n第三条 由于下列原因造成保险标的的损失，保险人负责赔偿：\n（一）火灾、爆炸；\n（二）雷击。\n\n"
                         "责任免除\n\n第四条 下列原因造成的损失，保险人不负责赔偿：\n（一）战争、军事行动；\n（二）地震。\n").documents[0]
    b = parse_paragraphs(HEAD + "保险责任\n\n第三条 由于下列原因造成保险标的的损失，保险人负责赔偿：\n（一）雷击。\n\n"
                         "责任免除\n\n第四条 下列原因造成的损失，保险人不负责赔偿：\n（一）战争、军事行动；\n（二）地震；\n（三）火灾、爆炸。\n").documents[0]
    moved = [d for d in differences([a, b], ["A", "B"]) if d.material and d.sides[0].citations == ("第三条（一）",)]
    assert [d.sides[1].citations for d in moved] == [("第四条（三）",)] and "所在列举不同" in moved[0].what


def test_a_catch_all_pairs_only_with_a_catch_all() -> None:
    """其它不属于本保险责任范围内的损失、费用和责任，保险人不负责赔偿 shares nearly all its words with a
    lead-in (对下列损失、费用和责任，保险人不负责赔偿：) and says nothing of what it lists: left
    alone, it is an immaterial only-in, and the lead-in announces its own list."""
    from tiaokuan.compare import differences

    a = parse_paragraphs(HEAD + "责任免除\n\n第七条 其它不属于本保险责任范围内的损失、费用和责任，保险人不负责赔偿。\n").documents[0]
    b = parse_paragraphs(HEAD + "责任免除\n\n第七条 对下列损失、费用和责任，保险人不负责赔偿：\n（一）罚款、罚金。\n").documents[0]
    diffs = differences([a, b], ["A", "B"])
    assert [(d.sides[0].citations, d.sides[1].citations) for d in diffs if d.material] == [((), ("第七条（一）",))]
    assert [d for d in diffs if d.sides[0].citations == ("第七条",) and not d.sides[1].citations and not d.material]


def test_a_subjects_word_said_short_is_the_same_swap_as_said_long() -> None:
    """A wording written for another subject says the subject's word long (体检服务 → 诊疗活动,
    in every article) and now and then short (体检 → 诊疗): the short swap is the same
    subject difference, not a difference of its own."""
    from tiaokuan.compare import differences

    body = (
        "{n}\n\n总则\n\n第一条 被保险人在提供{long}时造成受检者人身损害的，保险人负责赔偿。\n\n"
        "第二条 被保险人应当按照规定提供{long}。\n\n第三条 保险人对每次{long}的赔偿以限额为限。\n\n"
        "第四条 被保险人应当保存{long}的记录。\n\n第五条 被保险人请求赔偿时，应当提供{short}报告。\n"
    )
    a = parse_paragraphs(body.format(n="澄川体检服务责任保险条款", long="体检服务", short="体检")).documents[0]
    b = parse_paragraphs(body.format(n="澄川诊疗活动责任保险条款", long="诊疗活动", short="诊疗")).documents[0]
    material = [d for d in differences([a, b], ["A", "B"]) if d.material]
    assert len(material) == 1 and "同一措辞用于不同标的" in material[0].what


def test_a_word_given_a_statutes_meaning_printed_once_changes_nothing() -> None:
    """传染病：指《中华人民共和国传染病防治法》规定的传染病 gives the word the meaning the law
    gives it: a clause that uses the word without printing the definition reads the same."""
    from tiaokuan.compare import differences

    body = "责任免除\n\n第一条 因传染病导致的损失，保险人不负责赔偿。\n\n释义\n\n第二条 本保险合同下列用语的含义：\n{}"
    a = parse_paragraphs(HEAD + body.format("（一）传染病：指《中华人民共和国传染病防治法》中规定的传染病。\n（二）意外事故：指外来的、突发的事件。\n")).documents[0]
    b = parse_paragraphs(HEAD + body.format("（一）意外事故：指外来的、突发的事件。\n")).documents[0]
    diffs = differences([a, b], ["A", "B"])
    assert not [d for d in diffs if d.material]
    assert [d for d in diffs if d.kind is Kind.ONLY_IN and "援引法律法规" in d.what]


def test_examples_of_an_open_list_and_when_a_figure_is_agreed_change_nothing() -> None:
    """包括但不限于… names some members of a list that stays open either way; a figure the
    parties agree (协商确定) is agreed when they make the contract, said or not. A member
    added to a closed list, and a time that is a value, still differ."""
    ex = "（三）任何间接损失{}；"
    said = judge(ex.format("，包括但不限于营业中断损失、预期利润损失、商誉损失等"), ex.format(""), Dimension.EXCLUSIONS, "A", "B")
    assert not said.material
    assert judge(ex.format("、罚款"), ex.format(""), Dimension.EXCLUSIONS, "A", "B").kind is Kind.NARROWER
    agreed = "本保险合同的免赔额（率）由投保人与保险人{}协商确定，并在保险单中载明。"
    assert not judge(agreed.format("在订立保险合同时"), agreed.format(""), Dimension.DEDUCTIBLE, "A", "B").material
    assert not judge(agreed.format(""), agreed.format("在签订保险合同时"), Dimension.DEDUCTIBLE, "A", "B").material
    notice = "投保人应在{}通知保险人。"
    assert judge(notice.format("订立保险合同时"), notice.format("保险事故发生后十日内"), Dimension.POLICYHOLDER_DUTIES, "A", "B").material


def test_captioned_parts_of_an_article_that_lost_its_labels_are_its_items() -> None:
    """A copy that lost its labels prints （一）身故保险金受益人 as a caption line with its
    paragraphs under it: each captioned part is the item it was printed as, cited by its
    place, with every paragraph under it — as the labelled wording's item is."""
    lost = parse_paragraphs(
        "澄川人寿保险股份有限公司\n澄川样品意外伤害保险条款\n总则\n"
        "本保险合同由保险条款、投保单、保险单以及批单组成。\n"
        "本保险合同的受益人包括：\n身故保险金受益人\n"
        "订立本保险合同时，被保险人或投保人可指定一人或数人为身故保险金受益人。\n"
        "投保人指定或变更身故保险金受益人的，应经被保险人书面同意。\n"
        "伤残保险金受益人\n除另有约定外，本保险合同的伤残保险金的受益人为被保险人本人。\n"
        "保险期间\n保险期间不超过一年，具体以保险单载明的为准。\n"
    ).documents[0]
    parts = [(u.cite, u.item, u.text.split("\n")) for u in units_of(lost) if u.item]
    assert [(cite.split("〔")[0], item) for cite, item, _ in parts] == [("第二条第一项", "（一）"), ("第二条第二项", "（二）")]
    assert parts[0][2][-1] == "投保人指定或变更身故保险金受益人的，应经被保险人书面同意。"
    assert parse_cite(parts[0][0]).matches(parse_cite("第二条（一）"))
    # A caption may open its part's paragraph, the part's list of papers under it.
    papers = parse_paragraphs(
        "澄川人寿保险股份有限公司\n澄川样品意外伤害保险条款\n保险金申请与给付\n"
        "保险金申请人向保险人申请给付保险金时，应提交以下材料。\n"
        "通用材料：\n保险金给付申请书。\n保险金申请人的身份证明。\n"
        "身故保险金特别材料：\n公安部门出具的被保险人死亡证明。\n被保险人的户籍注销证明。\n"
        "保险期间\n保险期间不超过一年，具体以保险单载明的为准。\n"
    ).documents[0]
    said = [(u.cite.split("〔")[0], u.text.split("\n")) for u in units_of(papers) if u.item]
    assert said == [
        ("第一条第一项", ["通用材料：", "保险金给付申请书。", "保险金申请人的身份证明。"]),
        ("第一条第二项", ["身故保险金特别材料：", "公安部门出具的被保险人死亡证明。", "被保险人的户籍注销证明。"]),
    ]


def test_a_list_that_lost_its_first_labels_is_counted_back_from_the_first_printed_one() -> None:
    """(一)…(九) lost, (十) on printed: the plain lines are （一）…（八）, and the lead-in among
    them (下列属于其他险种…：) is （九）, its own list under it 1. 2. …"""
    doc = parse_paragraphs(
        "澄川财产保险股份有限公司\n澄川样品公众责任保险条款\n责任免除\n"
        "第一条 下列原因造成的损失、费用和责任，保险人不负责赔偿：\n"
        + "".join(f"被保险人的第{n}种行为；\n" for n in "一二三四五六七八")
        + "下列属于其他险种保险责任范围的损失、费用和责任，保险人不负责赔偿：\n"
        "被保险人的职业责任；\n被保险人的产品责任；\n"
        "（十）未经验收的固定场所发生的责任；\n（十一）出租的房屋发生火灾的责任。\n"
    ).documents[0]
    cites = [u.cite for u in units_of(doc) if not u.is_lead or "其他险种" in u.text]
    assert cites[:3] == ["第一条（一）", "第一条（二）", "第一条（三）"]
    assert cites[8:] == ["第一条（九）", "第一条（九）1.", "第一条（九）2.", "第一条（十）", "第一条（十一）"]


def test_a_word_defined_in_passing_is_the_word_without_its_quotes_or_short_name() -> None:
    doc = parse_paragraphs(
        "澄川财产保险股份有限公司\n澄川样品机器人产品责任保险条款\n总则\n"
        '第一条 本保险合同所指的"机器人"（以下简称投保产品），是指能完成有用任务的可编程机械装置。\n'
    ).documents[0]
    assert [(u.term, u.cite) for u in units_of(doc)] == [("机器人", "第一条「机器人」")]


_UMBRELLA_A = """# 某某财产保险股份有限公司

# 某某设备损失保险条款

## 总则

**第一条** 本保险合同由保险条款、投保单、保险单、保险凭证以及批单组成。

## 保险责任

**第二条** 在保险期间内，由于自然灾害造成保险标的的损失，保险人按照本保险合同的约定负责赔偿。

## 释义

**第三条** 本保险合同涉及下列术语时，适用下列释义：

### （一）自然灾害

自然灾害是指因自然力发生的、人力不可抗拒的破坏力强大的自然现象，包括：雷击、暴雨、冰凌。

1. **雷击**：雷击指由雷电造成的灾害。雷击的破坏形式分直接雷击与感应雷击两种。

2. **暴雨**：指每小时降雨量达16毫米以上的降雨。

3. **冰凌**：指春季江河解冻期时冰块飘浮遇阻，堆积成坝，以致江水溢出江道，漫延成灾。

### （二）重置价值

重新换置同一厂牌或相类似的型号、规格、性能的新设备的价格。
"""

_UMBRELLA_B = _UMBRELLA_A.replace(
    "漫延成灾。", "漫延成灾。陆上有些地区，如山谷风口或酷寒致使雨雪在物体上结成冰块，成下垂形状，越结越厚，重量增加，由于下垂的拉力致使物体毁坏，也属冰凌责任。"
).replace(
    "1. **雷击**：雷击指由雷电造成的灾害。雷击的破坏形式分直接雷击与感应雷击两种。",
    "1. **雷击**\n\n雷击指由雷电造成的灾害。雷击的破坏形式分直接雷击与感应雷击两种。\n\n(1)直接雷击：由于雷电直接击中保险标的造成损失，属直接雷击责任。",
)


def test_the_members_an_umbrella_definition_lists_are_definitions_of_their_own(tmp_path) -> None:
    """自然灾害是指…包括：雷击、暴雨、冰凌 with 1. 雷击：… under it defines each member: an
    analyst cites the member (第三条「冰凌」), and a member's own kinds ((1)直接雷击：…,
    named in a sentence of the member's, not listed) stay part of the member."""
    from tiaokuan.compare import differences
    from tiaokuan.parse import parse_file

    (tmp_path / "a.md").write_text(_UMBRELLA_A, encoding="utf-8")
    (tmp_path / "b.md").write_text(_UMBRELLA_B, encoding="utf-8")
    a, b = (parse_file(tmp_path / f"{s}.md").documents[0] for s in "ab")
    assert [d.term for d in b.definitions] == ["自然灾害", "雷击", "暴雨", "冰凌", "重置价值"]
    assert "直接雷击" in next(d.text for d in b.definitions if d.term == "雷击")
    assert "重置价值" in next(u.text for u in units_of(a) if u.term == "重置价值")  # the next term is not swallowed
    material = {(d.sides[0].citations, d.sides[1].citations) for d in differences([a, b], ["A", "B"]) if d.material}
    cited = {parse_cite(c).term for pair in material for side in pair for c in side}
    assert cited == {"雷击", "冰凌"}, material


def test_members_only_one_clause_defines_go_with_their_umbrella(tmp_path) -> None:
    """An umbrella definition with its members, all in one clause only, is one
    difference: the definition the other clause lacks, not one per member."""
    from tiaokuan.compare import differences
    from tiaokuan.parse import parse_file

    (tmp_path / "a.md").write_text(_UMBRELLA_A, encoding="utf-8")
    bare = _UMBRELLA_A[: _UMBRELLA_A.index("### （一）")] + "### （一）重置价值\n\n重新换置同一厂牌或相类似的型号、规格、性能的新设备的价格。\n"
    (tmp_path / "b.md").write_text(bare, encoding="utf-8")
    a, b = (parse_file(tmp_path / f"{s}.md").documents[0] for s in "ab")
    only = [d for d in differences([a, b], ["A", "B"]) if d.material and d.kind is Kind.ONLY_IN]
    assert len(only) == 1, [d.sides[0].citations for d in only]
    assert {parse_cite(c).term for c in only[0].sides[0].citations} == {"自然灾害", "雷击", "暴雨", "冰凌"}


def test_a_sentence_with_a_negation_added_is_material_and_said_as_added() -> None:
    """A sentence added that holds a negation (…对其赔偿数额不能确定的，应当…先予支付)
    reverses nothing the other wording said: it is material, quoted as added, and not
    called a reversal of meaning."""
    old = "保险人收到赔偿请求后，应当及时作出核定。"
    new = old + "保险人自收到赔偿请求之日起六十日内，对其赔偿数额不能确定的，应当根据已有证明和资料可以确定的数额先予支付。"
    j = judge(old, new, Dimension.INSURER_DUTIES, "A", "B")
    assert j.material
    assert "增加“保险人自收到赔偿请求之日起六十日内" in j.what
    assert "含义相反" not in j.what


def test_what_an_exclusion_refuses_is_the_same_with_or_without_liability_named() -> None:
    """下列原因造成的损失、费用和责任 / 损失、费用: analysts read the 责任 as adding nothing, in
    property and liability wordings alike; an exclusion that stops refusing the costs
    (损失、费用 / 损失) still differs."""
    lead = "下列原因造成的损失、费用{}，保险人不负责赔偿："
    for said in ("和责任", "或责任"):
        assert not judge(lead.format(said), lead.format(""), Dimension.EXCLUSIONS, "A", "B").material
    assert judge("下列原因造成的损失、费用，保险人不负责赔偿：", "下列原因造成的损失，保险人不负责赔偿：", Dimension.EXCLUSIONS, "A", "B").material
