"""Chapter headings and their canonical section types (domain.md §2)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiaokuan.model import SectionType as T
from tiaokuan.text.labels import TERMINAL, HeadingLevel, heading_label, squash

# Headings as printed in filed clauses, whitespace removed and brackets made full-width.
VARIANTS: dict[str, T] = {
    "前言": T.PREAMBLE,
    "说明": T.PREAMBLE,
    "总则": T.GENERAL,
    "通用条款": T.GENERAL,
    "通用部分": T.GENERAL,
    "保险标的": T.SUBJECT,
    "保险对象": T.SUBJECT,
    "保险标的与保险对象": T.SUBJECT,
    "保险责任": T.COVERAGE,
    "扩展责任": T.COVERAGE,
    "追加责任": T.COVERAGE,
    "附加责任": T.COVERAGE,
    "责任范围": T.COVERAGE,
    "保险责任与责任免除": T.COVERAGE,
    "责任免除": T.EXCLUSIONS,
    "除外责任": T.EXCLUSIONS,
    "保险金额": T.AMOUNTS,
    "保险金额与免赔额（率）": T.AMOUNTS,
    "保险金额与免赔额": T.AMOUNTS,
    "保险金额、免赔额（率）": T.AMOUNTS,
    "保险金额与赔偿限额": T.AMOUNTS,
    "赔偿限额": T.AMOUNTS,
    "赔偿限额与免赔额（率）": T.AMOUNTS,
    "赔偿限额与免赔额": T.AMOUNTS,
    "责任限额": T.AMOUNTS,
    "责任限额与免赔额（率）": T.AMOUNTS,
    "责任限额与免赔额": T.AMOUNTS,
    "保险价值、保险金额与免赔额（率）": T.AMOUNTS,
    "保险价值、保险金额与免赔额": T.AMOUNTS,
    "保险价值与保险金额": T.AMOUNTS,
    "保险价值/保险金额": T.AMOUNTS,
    "免赔额（率）": T.AMOUNTS,
    "保险金额与免赔率": T.AMOUNTS,
    "保险金额和免赔率": T.AMOUNTS,
    "保险金额、免赔额（率）和保险费": T.AMOUNTS,
    "保险金额、保险价值及免赔额（率）": T.AMOUNTS,
    "赔偿限额、免赔额（率）与免赔期": T.AMOUNTS,
    "免赔额与免赔期": T.AMOUNTS,
    "免赔额": T.AMOUNTS,
    "保险期间": T.PERIOD,
    "保险期限": T.PERIOD,
    # the chapters of the cargo clauses drafted on PICC's 1981 model (海洋 / 陆上 / 航空运输货物保险):
    # 责任起讫 (also printed 责任起迄) is their period of cover, 索赔期限 their time limit for a claim
    "责任起讫": T.PERIOD,
    "责任起迄": T.PERIOD,
    "保险期间与追溯期": T.PERIOD,
    "保险期间与续保": T.PERIOD,
    "保险期间与等待期": T.PERIOD,
    "保险期间与最大赔偿期": T.PERIOD,
    "保险期间、追溯期、最大赔偿期": T.PERIOD,
    "保险费": T.PREMIUM,
    "保险费及其支付": T.PREMIUM,
    "保险人义务": T.INSURER_DUTIES,
    "保险人的义务": T.INSURER_DUTIES,
    "投保人、被保险人义务": T.POLICYHOLDER_DUTIES,
    "投保人、被保险人的义务": T.POLICYHOLDER_DUTIES,
    "投保人和被保险人义务": T.POLICYHOLDER_DUTIES,
    "投保人义务": T.POLICYHOLDER_DUTIES,
    "被保险人义务": T.POLICYHOLDER_DUTIES,
    "赔偿处理": T.CLAIMS,
    "保险金申请与给付": T.CLAIMS,
    "保险金赔偿": T.CLAIMS,
    "索赔": T.CLAIMS,
    "索赔期限": T.CLAIMS,
    "理赔": T.CLAIMS,
    "争议处理": T.DISPUTES,
    "争议处理和法律适用": T.DISPUTES,
    "争议处理与法律适用": T.DISPUTES,
    "争议解决": T.DISPUTES,
    "法律适用": T.DISPUTES,
    "其他事项": T.OTHER,
    "其它事项": T.OTHER,
    "释义": T.DEFINITIONS,
    "定义": T.DEFINITIONS,
    "附录": T.APPENDIX,
    "附表": T.APPENDIX,
    "附件": T.APPENDIX,
    "短期费率表": T.APPENDIX,
    "费率表": T.APPENDIX,
    "伤残比例表": T.APPENDIX,
    # --- further variants, gathered from the wordings of many insurers and lines:
    # the association's model clauses (行业示范条款), accident and health riders,
    # and the plain-language (通俗化) life and health wordings.
    "基本条款": T.GENERAL,
    "一般条款": T.GENERAL,
    "合同构成": T.GENERAL,
    "保险合同构成": T.GENERAL,
    "保险合同的构成": T.GENERAL,
    "合同订立": T.GENERAL,
    "保险合同订立": T.GENERAL,
    "附加保险合同订立": T.GENERAL,
    "保险合同的成立与生效": T.GENERAL,
    "合同成立与生效": T.GENERAL,
    "受益人": T.GENERAL,
    "投保范围": T.SUBJECT,
    "承保范围": T.SUBJECT,
    "被保险人范围": T.SUBJECT,
    "投保年龄": T.SUBJECT,
    "保险责任范围": T.COVERAGE,
    "保障内容": T.COVERAGE,
    "保障范围": T.COVERAGE,
    "不保事项": T.EXCLUSIONS,
    "除外事项": T.EXCLUSIONS,
    "责任免除与除外事项": T.EXCLUSIONS,
    "基本保险金额": T.AMOUNTS,
    "保险金额和保险费": T.AMOUNTS,
    "保险金额与保险费": T.AMOUNTS,
    "保险金额及保险费": T.AMOUNTS,
    "免赔额和补偿原则": T.AMOUNTS,
    "免赔额与赔付比例": T.AMOUNTS,
    "保险金额、免赔额与赔付比例": T.AMOUNTS,
    "续保": T.PERIOD,
    # Short-term health cover must say whether renewal is guaranteed (the
    # regulator's 短期健康保险 rules): 不保证续保 / 保证续保 head that chapter.
    "不保证续保": T.PERIOD,
    "保证续保": T.PERIOD,
    "等待期": T.PERIOD,
    "保险期间和续保": T.PERIOD,
    "保险费交纳": T.PREMIUM,
    "保险费的交纳": T.PREMIUM,
    "保险费的支付": T.PREMIUM,
    "保险费支付": T.PREMIUM,
    "保险费缴纳": T.PREMIUM,
    "投保人的义务": T.POLICYHOLDER_DUTIES,
    "被保险人的义务": T.POLICYHOLDER_DUTIES,
    "投保人和被保险人的义务": T.POLICYHOLDER_DUTIES,
    "投保人及被保险人义务": T.POLICYHOLDER_DUTIES,
    "投保人及被保险人的义务": T.POLICYHOLDER_DUTIES,
    "投保人与被保险人义务": T.POLICYHOLDER_DUTIES,
    "投保人与被保险人的义务": T.POLICYHOLDER_DUTIES,
    "保险事故通知": T.CLAIMS,
    "保险金申请": T.CLAIMS,
    "保险金的申请": T.CLAIMS,
    "保险金的申请与给付": T.CLAIMS,
    "保险金给付": T.CLAIMS,
    "保险金的给付": T.CLAIMS,
    "索赔申请": T.CLAIMS,
    "赔偿处理与索赔": T.CLAIMS,
    "诉讼时效": T.CLAIMS,
    "诉讼时效期间": T.CLAIMS,
    "合同变更": T.OTHER,
    "保险合同的变更": T.OTHER,
    "保险合同变更": T.OTHER,
    "合同变更与解除": T.OTHER,
    "合同的变更与解除": T.OTHER,
    "保险合同变更与解除": T.OTHER,
    "保险合同的变更与解除": T.OTHER,
    "保险合同的变更、转让、终止": T.OTHER,
    "合同解除": T.OTHER,
    "保险合同解除": T.OTHER,
    "合同效力终止": T.OTHER,
    "本附加条款效力终止": T.OTHER,
    "附加合同效力终止": T.OTHER,
    "其他条款的适用": T.OTHER,
    "其他规定": T.OTHER,
    "通用条款的适用": T.OTHER,
    "名词释义": T.DEFINITIONS,
    "名词解释": T.DEFINITIONS,
    "术语释义": T.DEFINITIONS,
    "词语释义": T.DEFINITIONS,
    # 通俗化 life and health wordings name their chapters as questions.
    "您与我们的合同": T.GENERAL,
    "我们保什么": T.COVERAGE,
    "我们保什么、保多少": T.COVERAGE,
    "我们保什么，保多少": T.COVERAGE,
    "我们不保什么": T.EXCLUSIONS,
    "如何支付保险费": T.PREMIUM,
    "如何交纳保险费": T.PREMIUM,
    "保险费的支付与合同效力": T.PREMIUM,
    "如何申请领取保险金": T.CLAIMS,
    "如何申请保险金": T.CLAIMS,
    "如何领取保险金": T.CLAIMS,
    "如何退保": T.OTHER,
    "现金价值权益": T.OTHER,
    "其他权益": T.OTHER,
    "其他需要关注的事项": T.OTHER,
    "需关注的其他内容": T.OTHER,
}

# For headings not in VARIANTS: the first keyword found decides. Order matters:
# "赔偿限额" is about amounts although it mentions 赔偿.
KEYWORDS: tuple[tuple[str, T], ...] = (
    ("释义", T.DEFINITIONS),
    ("定义", T.DEFINITIONS),
    ("术语", T.DEFINITIONS),
    ("责任免除", T.EXCLUSIONS),
    ("除外", T.EXCLUSIONS),
    ("不保", T.EXCLUSIONS),
    ("附录", T.APPENDIX),
    ("附表", T.APPENDIX),
    ("费率", T.APPENDIX),
    ("比例表", T.APPENDIX),
    ("争议", T.DISPUTES),
    ("法律适用", T.DISPUTES),
    # 投保人 / 被保险人 name the policyholder's side: their duties are never the
    # insurer's (被保险人的义务 holds 保险人的义务).
    ("投保人", T.POLICYHOLDER_DUTIES),
    ("被保险人义务", T.POLICYHOLDER_DUTIES),
    ("被保险人的义务", T.POLICYHOLDER_DUTIES),
    ("保险人义务", T.INSURER_DUTIES),
    ("保险人的义务", T.INSURER_DUTIES),
    ("限额", T.AMOUNTS),
    ("保险金额", T.AMOUNTS),
    ("免赔", T.AMOUNTS),
    ("保险价值", T.AMOUNTS),
    ("保险期间", T.PERIOD),
    ("保险期限", T.PERIOD),
    ("追溯期", T.PERIOD),
    ("等待期", T.PERIOD),
    ("续保", T.PERIOD),
    ("保险费", T.PREMIUM),
    ("赔偿处理", T.CLAIMS),
    ("理赔", T.CLAIMS),
    ("索赔", T.CLAIMS),
    ("给付", T.CLAIMS),
    ("赔偿", T.CLAIMS),
    ("追偿", T.CLAIMS),
    # Credit and surety wordings: the insured's declarations of its trade are its duty.
    ("申报", T.POLICYHOLDER_DUTIES),
    # How the contract changes or ends (合同变更, 合同解除, 效力终止).
    ("变更", T.OTHER),
    ("解除", T.OTHER),
    ("终止", T.OTHER),
    ("保险责任", T.COVERAGE),
    ("扩展", T.COVERAGE),
    ("保障", T.COVERAGE),
    ("保险标的", T.SUBJECT),
    ("总则", T.GENERAL),
    ("通用", T.GENERAL),
    ("其他", T.OTHER),
    ("其它", T.OTHER),
    ("前言", T.PREAMBLE),
)

# 第二章 / 二、 / （二） / 2 (the number of a decimal chapter, 2 我们保什么) before a heading's words.
_PREFIX = re.compile(r"^(第[零〇一二三四五六七八九十百\d]+[部分章节]+|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|[1-9]\d?(?=[\u4e00-\u9fff]))")

# English (London-market) wordings. Words that are also defined terms in such
# wordings (Period of Insurance, Premium, Excess) are left out on purpose: in a
# definitions list they stand alone on a line exactly like headings do.
ENGLISH: dict[str, T] = {
    "definitions": T.DEFINITIONS,
    "cover": T.COVERAGE,
    "coverage": T.COVERAGE,
    "insuring clause": T.COVERAGE,
    "insuring clauses": T.COVERAGE,
    "exclusions": T.EXCLUSIONS,
    "general exclusions": T.EXCLUSIONS,
    "limits of indemnity": T.AMOUNTS,
    "limit of indemnity": T.AMOUNTS,
    "limit of liability": T.AMOUNTS,
    "limits of liability": T.AMOUNTS,
    "claims conditions": T.CLAIMS,
    "claims procedure": T.CLAIMS,
    "general conditions": T.OTHER,
    "conditions": T.OTHER,
    "dispute resolution": T.DISPUTES,
    "governing law": T.DISPUTES,
    "law and jurisdiction": T.DISPUTES,
    "schedule": T.APPENDIX,
}


@dataclass(frozen=True, slots=True)
class HeadingType:
    type: T
    known: bool  # the heading is a recognised variant, not a guess


def normalise(heading: str) -> str:
    """Heading reduced to its words: no whitespace, full-width brackets, no 第X章 prefix."""
    text = squash(heading).replace("(", "（").replace(")", "）")
    text = _PREFIX.sub("", text)
    return text.strip("：:、.．")


_JOINED = re.compile(r"[与和及、]")
# The names of documents appended to clauses: the association's disability standard,
# rate regulations and rate or benefit tables (人身保险伤残评定标准, 费率规章,
# 短期费率表, 伤残给付比例表).
_APPENDED_DOCUMENT = re.compile(r"^[^，。；,;：:]{0,24}(?:评定标准|费率规章|费率表|比例表)(?:[（(][^）)]{1,12}[）)])?$")
_APPENDIX_TITLE = re.compile(r"^(?:附录|附表|附件)[一二三四五六七八九十\d]*[：:、.．]?[^，。；,;]{2,30}$")


def classify(heading: str) -> HeadingType | None:
    """Canonical type of a heading; None if it has no recognisable words at all."""
    found = heading_label(heading.strip())
    english = heading.strip()[found[1].end :] if found and found[1].value is None else heading
    english_key = re.sub(r"\s+", " ", english).strip(" -–—.:").lower()
    if english_key in ENGLISH:
        return HeadingType(ENGLISH[english_key], True)
    key = normalise(heading)
    if not key:
        return None
    if key in VARIANTS:
        return HeadingType(VARIANTS[key], True)
    # Two topics joined by 和 / 及 / 、 / 与, in either order, name the same chapter
    # (保险金额和保险价值 is the 保险价值与保险金额 of another insurer).
    parts = _JOINED.split(key)
    if len(parts) == 2 and all(parts):
        for joined in (f"{parts[0]}与{parts[1]}", f"{parts[1]}与{parts[0]}"):
            if joined in VARIANTS:
                return HeadingType(VARIANTS[joined], True)
    # A chapter on several subjects takes the type of the first it names
    # (保险期间及扩展报告期, 免赔额及给付比例, 保险金额、给付天数、免赔天数).
    if len(parts) >= 2 and parts[0] in VARIANTS:
        return HeadingType(VARIANTS[parts[0]], True)
    # … or, where it opens with a subject of its own (每人赔偿限额、操作人员数、免赔额、给付比例、
    # 保险金额), of the first of the two or more chapter names it lists.
    named = [p for p in parts if p in VARIANTS]
    if len(named) >= 2:
        return HeadingType(VARIANTS[named[0]], True)
    head = re.split(r"[：:]", key, maxsplit=1)[0]
    # 附录一 / 附表2: numbered appendices.
    head = re.sub(r"^(附录|附表|附件)[一二三四五六七八九十\d]+$", r"\1", head)
    if head in VARIANTS:
        return HeadingType(VARIANTS[head], True)
    # An appendix heading opens with 附录 / 附表 / 附件 (and its number) and goes on
    # with what is appended: 附录 人身保险伤残评定标准, 附表一 短期费率表.
    if _APPENDIX_TITLE.match(squash(heading)) or _APPENDED_DOCUMENT.match(key):
        return HeadingType(T.APPENDIX, True)
    for word, section_type in KEYWORDS:
        if word in key:
            return HeadingType(section_type, False)
    return None


def is_part_heading(text: str) -> bool:
    """第X部分 / 第X章 / 第X节 headings and the shared 通用条款 of multi-part products."""
    return heading_label(text) is not None or squash(text) in {"通用条款", "通用部分"}


def part_level(text: str) -> HeadingLevel | None:
    """Level of a labelled heading; 通用条款 counts as a part."""
    found = heading_label(text)
    if found:
        return found[0]
    return HeadingLevel.PART if squash(text) in {"通用条款", "通用部分"} else None


def known_heading(text: str) -> bool:
    """A short line, not a sentence, that names a chapter the table knows."""
    key = squash(text)
    if len(key) > 30 or not key or key[-1] in TERMINAL:
        return False
    kind = classify(text)
    return bool(kind and kind.known)


# The chapters by which the cargo clauses drafted on PICC's 1981 model are known: 责任范围
# (平安险 / 水渍险 / 一切险 …), 除外责任, 责任起讫. That model numbers its chapters and items
# (一、责任范围 （一）平安险 1. …) and never its articles.
_CARGO_MODEL = (("责任范围",), ("除外责任",), ("责任起讫", "责任起迄"))


def cargo_model(headings: list[str]) -> bool:
    """Whether a wording's chapter headings are those of the 1981 cargo model."""
    keys = {squash(h).lstrip("一二三四五六七八九十、．. ") for h in headings}
    return all(any(name in keys for name in names) for names in _CARGO_MODEL)
