"""Clause categories of articles and items, from the chapter they stand in and the
words they use; and the flag for text that takes cover away outside 责任免除
(《保险法》第十七条: 免赔, 比例赔付 and exclusions must be made prominent wherever they are)."""

from __future__ import annotations

import re

from tiaokuan.model import Category as C
from tiaokuan.model import SectionType as T

# The chapter's own category, when its words say nothing more specific.
_BY_SECTION: dict[T, C] = {
    T.PREAMBLE: C.GENERAL,
    T.GENERAL: C.GENERAL,
    T.SUBJECT: C.COVERAGE,  # what is insured is part of the cover
    T.COVERAGE: C.COVERAGE,
    T.EXCLUSIONS: C.EXCLUSION,
    T.AMOUNTS: C.LIMIT,
    T.PERIOD: C.GENERAL,
    T.PREMIUM: C.CONDITION,
    T.INSURER_DUTIES: C.OBLIGATION,
    T.POLICYHOLDER_DUTIES: C.OBLIGATION,
    T.CLAIMS: C.PAYMENT,
    T.DISPUTES: C.DISPUTE,
    T.OTHER: C.GENERAL,
    T.DEFINITIONS: C.DEFINITION,
    T.APPENDIX: C.GENERAL,
}

# Words that put a text in a category wherever it stands.
_WORDS: tuple[tuple[C, re.Pattern[str]], ...] = (
    (C.SUBROGATION, re.compile(r"代位|向.{0,8}责任方请求赔偿的权利")),
    # 医疗费用补偿原则: what social or other insurance paid is deducted
    (C.OTHER_INSURANCE, re.compile(r"重复保险|其他保险合同|相同保障的其他保险|其他保险人|补偿原则|其他途径[^。]{0,60}(?:获得|取得)[^。]{0,20}(?:补偿|赔偿)")),
    (C.DISPUTE, re.compile(r"诉讼时效|发生的争议|争议的解决|争议处理|协商解决|提交.{0,12}仲裁机构仲裁|依法向.{0,12}人民法院起诉|法律适用|适用中华人民共和国法律")),
    # How the contract ends at a party's request, time limits on a right to cancel,
    # refunds on cancellation; not the bare remedy 保险人有权解除合同.
    (
        C.CANCELLATION,
        re.compile(
            r"解除权[^。]{0,40}(?:消灭|不行使)|不得解除|要求解除|提前.{0,6}通知.{0,12}解除|合同终止|退保|解约"
            r"|(?<!不)退还.{0,6}(?:剩余|未满期|已收取的)?.{0,4}保险费"
            # a party's option to cancel, and what happens to the premium when cover ends
            r"|(?:投保人|被保险人|保险人也?)可(?:以)?解除(?:本|保险)?合同|解除合同的[，,][^。]{0,80}退还"
            r"|终止[^。]{0,20}退还[^。]{0,8}保险费|保险费不予退还"
        ),
    ),
    (C.DEDUCTIBLE, re.compile(r"免赔额|免赔率|免赔期|免赔金额|比例赔付|共保比例|比例承担|按.{0,12}比例.{0,6}赔偿")),
    (C.CONDITION, re.compile(r"如实告知|危险程度显著增加|风险显著提高|不发生效力|不生效")),)
_REFUND_SCALE = re.compile(r"短期费率|日比例")
_ENDING = re.compile(r"解除|退保|终止")
_CONSEQUENCE = re.compile(
    r"不承担(?:赔偿|给付)?(?:保险金)?(?:的)?责任|不负责赔偿|不发生效力|不生效|(?:有权|可以)(?:要求|按照合同约定)?增加保险费"
    r"|有权解除|扩大的损失|不予赔偿"
)
# 应当知道 ("knew or ought to have known", in limitation periods) is not a duty.
_DUTY = re.compile(r"(?:投保人|被保险人|保险金申请人|申请人|受益人)[^。；]{0,30}?(?:应(?!当?知道|该知道)|须|需|必须|有义务)")
# Applying for a benefit (accident and health lines): 申请给付保险金时，应提交以下材料.
_APPLICATION = re.compile(r"(?:申请|请求)(?:给付|赔偿|领取)?保险金|保险金(?:给付)?申请")
# The standard article on amending the contract: the insurer endorses the policy.
_AMENDMENT = re.compile(r"变更(?:保险)?合同[^。]{0,40}(?:批注|批单|书面协议)")
_CLAIMS_PROCEDURE = re.compile(
    r"请求赔偿时|单证|索赔申请|索赔的证明|核定|出险|补充提供|请求赔偿.{0,10}(?:提供|提交)|申请.{0,6}认定.{0,10}提供"
    r"|保险事故发生(?:时|后)[，,]\s*(?:投保人、)?被保险人应|知道保险事故发生后|被保险人应该：|被保险人应当："
    r"|(?:保险事故|索赔|诉讼|仲裁|赔偿请求|损失).{0,30}通知保险人|通知保险人.{0,20}(?:保险事故|索赔|诉讼|仲裁|损失)"
    r"|(?:申请|请求)(?:给付|赔偿|领取)?保险金[^。]{0,12}(?:提交|提供)|(?:提交|提供)(?:以下|下列)(?:材料|证明|资料|单证)"
)
_PAYMENT = re.compile(r"计算赔偿|赔偿金额|先予支付|赔偿标准|赔偿方式|赔偿保险金|进行赔偿|支付相应的差额|给付|履行赔偿义务")
_SUBJECT_MATTER = re.compile(r"保险标的(?:为|是)|可作为本保险合同的保险标的|作为保险标的")
_MAIN_COVER = re.compile(r"(?<!也)负责赔偿")
_NOT_INSURED = re.compile(r"不属于.{0,12}保险标的|不在.{0,10}保险标的.{0,4}范围|除外")
_EXTENSION = re.compile(r"也负责赔偿|也负责|扩展|附加|施救|法律费用|事先经保险人书面同意")
_LIMIT = re.compile(r"赔偿限额|责任限额|保险金额|最高赔偿|为限|不超过.{0,10}(?:限额|保险金额)")
_CAPPED = re.compile(r"(?:保险金额|赔偿限额|责任限额)为限|累计(?:给付|赔偿)[^。]{0,30}(?:达到|以)[^。]{0,20}(?:保险金额|限额)")
_CALCULATION = re.compile(r"计算|为限|不超过|以内|内赔偿|限额内|进行赔偿")
_ISSUE_POLICY = re.compile(r"签发保险单|格式条款|作出.{0,6}提示")
_REDUCES_COVER = re.compile(r"不负责赔偿|不承担(?:赔偿|给付)?(?:保险金)?(?:的)?责任|不承担赔偿|不予赔偿|不负赔偿责任|免赔|比例赔付")
_DEFINES = re.compile(r"^[^，。]{1,30}(?:是指|系指)|所称.{1,20}(?:是指|系指|指)")

# What an item takes from the article that lists it: the kind of list it is in.
# Word-driven categories (免赔, 重复保险, 解除 …) belong to the item that says them.
_INHERITED = {
    C.COVERAGE, C.COVERAGE_EXTENSION, C.CLAIMS_PROCEDURE, C.PAYMENT, C.OBLIGATION, C.CONDITION, C.DEFINITION, C.GENERAL, C.LIMIT
}

EXCLUSION_OUTSIDE = "exclusion_outside_exclusions"  # 《保险法》第十七条: must be made prominent


def categorise(text: str, section: T, inherited: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Categories of an article (or, with the article's categories `inherited`, of an item)."""
    found: list[C] = [
        C(c)
        for c in inherited
        if (C(c) in _INHERITED and not (section is T.CLAIMS and C(c) is C.OBLIGATION))  # a duty beside a list of ways to pay
        or (section in (T.EXCLUSIONS, T.SUBJECT) and C(c) is C.EXCLUSION)
    ]
    base = _BY_SECTION[section]
    if section is T.COVERAGE and _EXTENSION.search(text):
        base = C.COVERAGE_EXTENSION
        if "也负责" in text and _MAIN_COVER.search(text):  # the insuring clause and an "also" in one article
            found.append(C.COVERAGE)
    if section is T.COVERAGE and _CAPPED.search(text):
        found.append(C.LIMIT)  # 累计给付…以保险金额为限 inside the insuring clause
    if section is T.SUBJECT and _NOT_INSURED.search(text):
        base = C.EXCLUSION  # property that is not insured takes cover away
    if section is T.INSURER_DUTIES:
        if _CLAIMS_PROCEDURE.search(text):
            found.append(C.CLAIMS_PROCEDURE)
        if _PAYMENT.search(text) or "先予支付" in text:
            found.append(C.PAYMENT)
        if _ISSUE_POLICY.search(text) or "补充提供" in text:
            found.append(C.OBLIGATION)
    elif section in (T.POLICYHOLDER_DUTIES, T.PREMIUM):
        if _CLAIMS_PROCEDURE.search(text):
            found.append(C.CLAIMS_PROCEDURE)
    lead = re.split(r"[。：:]", text, maxsplit=1)[0]
    if section in (T.POLICYHOLDER_DUTIES, T.PREMIUM) and _DUTY.search(lead) and not inherited:
        # A duty of the policyholder or insured: a condition when the text says what
        # happens to cover if it is broken, an obligation when it does not.
        found.append(C.CONDITION if _CONSEQUENCE.search(text) else C.OBLIGATION)
    if section is T.CLAIMS and not inherited and any(_DUTY.search(sentence) for sentence in re.split(r"[。：:]", text)):
        # In the claims chapter a duty may follow the rule it serves (重复保险 …
        # 被保险人在请求赔偿时应当如实说明其他保险合同).
        found.append(C.CONDITION if _CONSEQUENCE.search(text) else C.OBLIGATION)
    if section in (T.OTHER, T.GENERAL) and _AMENDMENT.search(text):
        found += [C.GENERAL, C.OBLIGATION]  # a rule of the contract that the insurer carries out
    if section is T.CLAIMS:
        # What the article is about shows in its opening sentence (请求赔偿时，应提供…).
        if _CLAIMS_PROCEDURE.search(lead) and not _PAYMENT.search(_APPLICATION.sub("", lead)):
            found.append(C.CLAIMS_PROCEDURE)
        if _LIMIT.search(text) and _CALCULATION.search(text):
            found.append(C.LIMIT)
    if section in (T.GENERAL, T.SUBJECT) and _SUBJECT_MATTER.search(text) and not _NOT_INSURED.search(text):
        base = C.COVERAGE  # what the contract insures is part of the cover
    for category, pattern in _WORDS:
        if pattern.search(text):
            found.append(category)
    if _REFUND_SCALE.search(text) and _ENDING.search(text):
        found.append(C.CANCELLATION)  # a refund scale where the contract ends, not a reduced sum insured
    if section is T.AMOUNTS and _LIMIT.search(text):
        found.insert(0, C.LIMIT)
    if section in (T.GENERAL, T.SUBJECT) and _DEFINES.search(text):
        found.append(C.DEFINITION)
    from_list = bool(found) and bool(inherited)  # an item that already has its list's kind
    specific = [c for c in found if c not in (C.EXCLUSION,)]
    if not from_list and (section in (T.EXCLUSIONS, T.DEFINITIONS, T.COVERAGE, T.SUBJECT, T.DISPUTES) or not specific):
        found.insert(0, base)
    if section is T.CLAIMS and C.PAYMENT not in found and not (
        {C.OTHER_INSURANCE, C.SUBROGATION, C.DISPUTE, C.CLAIMS_PROCEDURE} & set(found)
    ):
        found.insert(0, C.PAYMENT)
    if C.OTHER_INSURANCE in found and C.DEDUCTIBLE in found and not re.search(r"免赔", text):
        found.remove(C.DEDUCTIBLE)  # sharing a loss with other insurers is not a deductible
    if section not in (T.EXCLUSIONS, T.DEFINITIONS) and _REDUCES_COVER.search(text):
        if C.DEDUCTIBLE not in found:
            found.append(C.EXCLUSION)
    return tuple(dict.fromkeys(c.value for c in found))


def flags(text: str, section: T) -> tuple[str, ...]:
    """`exclusion_outside_exclusions` for text that excludes or reduces cover outside 责任免除."""
    if section not in (T.EXCLUSIONS, T.DEFINITIONS) and _REDUCES_COVER.search(text):
        return (EXCLUSION_OUTSIDE,)
    return ()
