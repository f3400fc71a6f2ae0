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
    T.SUBJECT: C.GENERAL,
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

# Words that put an article in a category wherever it stands, strongest first.
_WORDS: tuple[tuple[C, re.Pattern[str]], ...] = (
    (C.SUBROGATION, re.compile(r"代位")),
    (C.OTHER_INSURANCE, re.compile(r"重复保险|其他保险合同")),
    (C.DISPUTE, re.compile(r"诉讼时效|争议|仲裁机构|人民法院起诉|法律适用|适用中华人民共和国法律")),
    (C.CANCELLATION, re.compile(r"解除(?:保险|本保险|本)?合同|退保|短期费率|退还.{0,6}保险费")),
    (C.DEDUCTIBLE, re.compile(r"免赔额|免赔率|免赔期|免赔金额|比例赔付|共保比例")),
    (C.CONDITION, re.compile(r"如实告知|危险程度显著增加|风险显著提高|交清保险费|交付保险费|保险合同不发生效力|不生效")),
    (C.CLAIMS_PROCEDURE, re.compile(r"请求赔偿时.{0,10}(?:提供|提交)|单证|索赔申请|核定|出险")),
    (C.PAYMENT, re.compile(r"计算赔偿|赔偿金额|先予支付|赔偿标准|赔偿方式|支付相应的差额")),
)
_EXTENSION = re.compile(r"也负责赔偿|也负责|扩展|附加|施救|法律费用|事先经保险人书面同意")
_LIMIT = re.compile(r"赔偿限额|责任限额|保险金额")
_REDUCES_COVER = re.compile(r"不负责赔偿|不承担(?:赔偿|给付)?(?:保险金)?责任|不承担赔偿|不予赔偿|不负赔偿责任|免赔|比例赔付")

EXCLUSION_OUTSIDE = "exclusion_outside_exclusions"  # 《保险法》第十七条: must be made prominent


def categorise(text: str, section: T) -> tuple[str, ...]:
    """Categories of an article (or an item) in a chapter of type `section`."""
    found: list[C] = []
    base = _BY_SECTION[section]
    if section is T.COVERAGE and _EXTENSION.search(text):
        base = C.COVERAGE_EXTENSION
    for category, pattern in _WORDS:
        if pattern.search(text) and category not in found:
            found.append(category)
    if section is T.AMOUNTS and _LIMIT.search(text):
        found.insert(0, C.LIMIT)
    if section in (T.EXCLUSIONS, T.DEFINITIONS, T.COVERAGE) or not found:
        found.insert(0, base)
    if section is not T.EXCLUSIONS and _REDUCES_COVER.search(text) and section not in (T.DEFINITIONS,):
        if C.EXCLUSION not in found and C.DEDUCTIBLE not in found:
            found.append(C.EXCLUSION)
    return tuple(dict.fromkeys(c.value for c in found))


def flags(text: str, section: T) -> tuple[str, ...]:
    """`exclusion_outside_exclusions` for text that excludes or reduces cover outside 责任免除."""
    if section not in (T.EXCLUSIONS, T.DEFINITIONS) and _REDUCES_COVER.search(text):
        return (EXCLUSION_OUTSIDE,)
    return ()
