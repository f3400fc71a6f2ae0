"""Definitions printed as a list under a heading (issue 14): the diseases a
critical-illness wording covers. Fictional wordings; the convention is stated in
compare/glossary.py."""

from __future__ import annotations

from tiaokuan.compare import Kind, differences, units_of
from tiaokuan.compare.evaluate import parse_cite
from tiaokuan.parse import parse_paragraphs

COVER = "保险责任\n\n第一条 被保险人经医院初次确诊罹患本保险合同所定义的{word}的，保险人按保险金额给付{word}保险金。\n\n"

# A numbered 释义 article: the heading 重大疾病： over members labelled （一）（二）…, one
# disease's criteria naming a word defined below (2、语言能力完全丧失；), the last line of
# 深度昏迷 standing in the paragraph that opens the next member.
# (The word the criterion names is defined before the list.)
LISTED = (
    "释义\n\n第二条 本保险合同中的下列词语具有如下含义：\n语言能力完全丧失：指无法发出四种语音中的任何三种。\n重大疾病：\n"
    "（一）恶性肿瘤\n指恶性细胞不受控制地增长和扩散，浸润和破坏周围正常组织的疾病。\n"
    "（二）脑中风后遗症\n指因脑血管的突发病变导致神经系统永久性的功能障碍，须遗留下列障碍之一：\n"
    "1、一肢或一肢以上肢体机能完全丧失；\n2、语言能力完全丧失；\n3、自主生活能力完全丧失。\n"
    "（三）深度昏迷\n指因疾病或意外伤害导致意识丧失，且已经持续使用呼吸机九十六小时以上。\n"
    "因酗酒或药物滥用导致的深度昏迷不在保障范围内。\n"
    "（四）双耳失聪\n指因疾病或意外伤害导致双耳听力永久不可逆性丧失。\n"
)

# The same diseases in a 释义 without article numbers, under （一）重度疾病 with members 1. 2. …;
# one disease only this wording covers.
KINDS = (
    "释义\n\n（一）重度疾病\n"
    "1.恶性肿瘤\n指恶性细胞不受控制地增长和扩散，浸润和破坏周围正常组织的疾病。\n"
    "2.脑中风后遗症\n指因脑血管的突发病变导致神经系统永久性的功能障碍，须遗留下列障碍之一：\n"
    "（1）一肢或一肢以上肢体机能完全丧失；\n（2）语言能力完全丧失；\n（3）自主生活能力完全丧失。\n"
    "3.深度昏迷\n指因疾病或意外伤害导致意识丧失，且已经持续使用呼吸机九十六小时以上。\n"
    "因酗酒或药物滥用导致的深度昏迷不在保障范围内。\n"
    "4.双耳失聪\n指因疾病或意外伤害导致双耳听力永久不可逆性丧失。\n"
    "5.严重克罗恩病\n指一种慢性肉芽肿性肠炎，已经造成瘘管形成并伴有肠梗阻或肠穿孔。\n"
    "（二）语言能力完全丧失：指无法发出四种语音中的任何三种。\n"
)

ACCIDENT = (
    "保险责任\n\n第一条 被保险人因遭受意外伤害事故身故的，保险人按保险金额给付身故保险金。\n\n"
    "释义\n\n第二条 意外伤害：指以外来的、突发的、非本意的和非疾病的客观事件为直接且单独的原因致使身体受到的伤害。\n"
)


def _doc(text: str):
    return parse_paragraphs("某某重大疾病保险条款\n\n" + text).documents[0]


def test_each_member_under_a_heading_is_a_definition_of_its_own() -> None:
    """The heading is a unit of its own; each disease is one unit, cited by its term, its
    criteria inside it. A criterion that names a defined word (2、语言能力完全丧失；) is no
    definition of it."""
    for text, cites in (
        (LISTED, ["第二条「语言能力完全丧失」", "第二条「重大疾病」", "第二条（一）「恶性肿瘤」", "第二条（二）「脑中风后遗症」", "第二条（三）「深度昏迷」", "第二条（四）「双耳失聪」"]),
        (KINDS, ["释义「重度疾病」", "释义「恶性肿瘤」", "释义「脑中风后遗症」", "释义「深度昏迷」", "释义「双耳失聪」", "释义「严重克罗恩病」", "释义「语言能力完全丧失」"]),
    ):
        units = [u for u in units_of(_doc(COVER.format(word="重大疾病") + text)) if u.term]
        assert [u.cite for u in units] == cites
        stroke = next(u for u in units if u.term == "脑中风后遗症")
        assert "自主生活能力完全丧失" in stroke.text


def test_a_disease_only_one_corresponding_list_covers_is_material_and_the_same_ones_are_not() -> None:
    """Where the two lists correspond (most members have counterparts), a disease only
    one covers is a material difference, though the body of neither clause names it: it
    uses the list's word (所定义的重大疾病). Members worded alike differ in nothing — the
    line before a member (the end of the member above) is no lead-in of it."""
    docs = [_doc(COVER.format(word="重大疾病") + LISTED), _doc(COVER.format(word="重度疾病") + KINDS)]
    found = differences(docs, ["A", "B"])
    material = {(d.kind, d.sides[0].citations, d.sides[1].citations) for d in found if d.material}
    assert (Kind.ONLY_IN, (), ("释义「严重克罗恩病」",)) in material
    for term in ("恶性肿瘤", "脑中风后遗症", "深度昏迷", "双耳失聪"):
        assert not [d for d in found if d.material and any(term in c for s in d.sides for c in s.citations)], term


def test_a_list_the_other_clause_has_nothing_of_is_compared_at_the_cover_that_uses_it() -> None:
    """An accident wording has no list of diseases: the members are not claimed one by
    one; the difference is the cover that uses the list's word."""
    found = differences([_doc(COVER.format(word="重大疾病") + LISTED), _doc(ACCIDENT)], ["A", "B"])
    members = [d for d in found if any("「恶性肿瘤」" in c or "「深度昏迷」" in c for c in d.sides[0].citations)]
    assert members and not [d for d in members if d.material]
    assert all("「重大疾病」下列明" in d.what for d in members)


def test_a_term_is_cited_with_or_without_its_note_in_brackets() -> None:
    """RULES.md: 第二十七条「双耳失聪」 cites the definition printed 双耳失聪（保障自12周岁的保单周年日始）."""
    printed = parse_cite("第二十七条（二十三）「双耳失聪（保障自12周岁的保单周年日始）」")
    assert printed.matches(parse_cite("第二十七条「双耳失聪」"))
    assert not printed.matches(parse_cite("第二十七条「双目失明」"))


def test_a_member_pairs_with_its_namesake_in_the_list_its_list_corresponds_to() -> None:
    """A wording grading its diseases in two lists (重度疾病 / 轻度疾病) has the same disease
    in each at another degree: the other wording's 脑中风后遗症 is the major list's
    严重脑中风后遗症, the list its list corresponds to, however like the minor one its words."""
    stroke = "指因脑血管的突发病变引起脑血管出血、栓塞或梗塞，并导致神经系统永久性的功能障碍。"
    one = (
        "释义\n\n第二条 本保险合同中的下列词语具有如下含义：\n重大疾病：\n"
        "（一）恶性肿瘤\n指恶性细胞不受控制地增长和扩散，浸润和破坏周围正常组织的疾病。\n"
        "（二）深度昏迷\n指因疾病或意外伤害导致意识丧失，且已经持续使用呼吸机九十六小时以上。\n"
        f"（三）脑中风后遗症\n{stroke}\n"
    )
    graded = (
        "释义\n\n（一）重度疾病\n"
        "1.恶性肿瘤——重度\n指恶性细胞不受控制地增长和扩散，浸润和破坏周围正常组织的疾病。\n"
        "2.深度昏迷\n指因疾病或意外伤害导致意识丧失，且已经持续使用呼吸机九十六小时以上。\n"
        "3.严重脑中风后遗症\n指因脑血管的突发病变引起脑血管出血、栓塞或梗塞，须由头颅断层扫描、核磁共振检查等影像学检查证实，"
        "并导致神经系统永久性的功能障碍，在疾病确诊一百八十天后一肢以上肢体肌力二级以下。\n"
        "（二）轻度疾病\n"
        f"1.恶性肿瘤——轻度\n指恶性细胞不受控制地增长和扩散的疾病，但未达到重度的给付标准。\n2.轻度脑中风后遗症\n{stroke}\n"
    )
    docs = [_doc(COVER.format(word="重大疾病") + one), _doc(COVER.format(word="重度疾病") + graded)]
    pairs = {(d.sides[0].citations, d.sides[1].citations) for d in differences(docs, ["A", "B"])}
    assert (("第二条（三）「脑中风后遗症」",), ("释义「严重脑中风后遗症」",)) in pairs
    assert ((), ("释义「轻度脑中风后遗症」",)) in pairs


def test_a_member_the_umbrella_does_not_name_is_numbered_on_as_a_member() -> None:
    """自然灾害：指雷击、暴雨… names its members, and defines them under it (1、雷击：…);
    a member it does not name but numbers on in the same list (3、地震：…) is a definition of
    its own too, not more words of the member above it."""
    body = (
        "释义\n\n第二条 本合同涉及下列术语时，适用下列释义：\n"
        "（一）自然灾害：指雷击、暴雨及其他人力不可抗拒的破坏力强大的自然现象。\n"
        "1、雷击：指由雷电造成的灾害。\n2、暴雨：指每小时降雨量达16毫米以上的降雨。\n3、地震：地壳发生的震动。\n"
        "（二）意外事故：指不可预料的以及被保险人无法控制的突发性事件。\n"
    )
    cites = [u.cite for u in units_of(_doc(COVER.format(word="重大疾病") + body)) if u.term]
    assert cites == ["第二条（一）「自然灾害」", "第二条1、「雷击」", "第二条2、「暴雨」", "第二条3、「地震」", "第二条（二）「意外事故」"]
