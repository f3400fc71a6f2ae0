"""The term sheet of a clause: trigger, periods, territory, limits, deductibles,
deadlines, cancellation, disputes and law, each citing its article or "silent"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tiaokuan.model import SILENT, Article, Entity, EntityType, SectionType, TermValue

FIELDS = (
    "trigger",
    "retroactive_period",
    "territory",
    "period",
    "waiting_period",
    "limit_kinds",
    "deductible_kinds",
    "notice_deadline",
    "claim_deadline",
    "insurer_decision_deadline",
    "payment_deadline",
    "limitation_period",
    "cancellation_fee",
    "refund_method",
    "dispute_resolution",
    "governing_law",
)

_CLAIMS_MADE = re.compile(r"首次(?:向被保险人)?提出(?:损害赔偿|赔偿|索赔)|首次提起(?:诉讼|仲裁)|索赔提出制|首次.{0,12}提出.{0,6}(?:索赔|赔偿请求)")
_OCCURRENCE = re.compile(r"在保险期间(?:内|或)|保险期间内发生")
_PERIOD = re.compile(r"保险期间(?:为|是)\s*([一二三四五六七八九十两\d]+\s*(?:个月|年|日|天))")
# A period that runs between two events (自申请之日起至…届满时终止), kept verbatim.
_PERIOD_SPAN = re.compile(r"保险期间(?:为|是)\s*(自[^。；]{4,80}?(?:终止|止|届满))(?=[。；，,]|$)")
# A period the policy states: 保险单载明, or tied to another contract and then written
# into the policy (与《借款合同》约定的贷款期限一致…并在保险单中载明) — one sentence.
_PERIOD_SCHEDULE = re.compile(
    r"保险期间.{0,20}(?:保险单|保险合同|保单|明细表).{0,6}(?:载明|列明|约定)|(?:保险单|保险合同).{0,6}载明的起讫时间"
    r"|保险期间.{0,10}(?:与|同)主险|保险期间[^。]{0,60}(?:保险单|保单|明细表)中?(?:载明|列明)"
)
_DEDUCTIBLE_KINDS = (
    ("amount", re.compile(r"(?<!计算的)免赔额")),  # not the sum a 免赔率 yields
    ("rate", re.compile(r"免赔率|免赔额[（(]率[）)]")),
    ("period", re.compile(r"免赔期|免赔天数")),
    # an agreed share the insured bears; not a disability scale (按伤残等级对应的给付比例)
    ("coinsurance", re.compile(r"比例赔付|共保|(?:给付|赔付)比例(?:由[^。]{0,16}(?:约定|协商确定)|分为)|约定的(?:给付|赔付)比例")),
)
_IMMEDIATELY = re.compile(r"(立即|及时|尽快).{0,6}通知保险人")
# In IP clauses the insured event is the infringement itself (被保险人发现侵权行为后…).
_LOSS_EVENT = re.compile(
    r"(?:保险事故|事故|损失|出险|索赔|诉讼|仲裁)(?:发生|后|时)|知道.{0,10}保险事故|发生.{0,20}(?:保险事故|事故|损失)"
    r"|(?:发现|知道|获悉|知悉).{0,6}(?:侵权|侵犯)"
)
_CLAIMING = re.compile(r"提出索赔|索赔申请|请求赔偿|申请赔偿|提交.{0,10}(?:单证|证明|资料)|提供.{0,10}(?:单证|证明和资料)")
_STATUTORY = re.compile(r"诉讼时效.{0,12}(?:适用|依照|按照|依据).{0,10}法律")
_NO_FEE_REFUND = re.compile(
    r"保险责任开始前(?:(?!手续费)[^。]){0,40}(?:退还(?:已收取的|全部)?保险费|保险费退还)"
    r"|解除(?:本|保险)?(?:保险)?合同[^。手]{0,12}(?:应当?|将)?退还(?:已收取的|全部)保险费|不得[^。]{0,8}收取手续费"
)
_FEE_IN_SCHEDULE = re.compile(r"手续费[^。]{0,20}(?:约定|载明)|(?:约定|载明)[^。]{0,20}手续费")
_ARBITRATION = re.compile(r"仲裁")
_LITIGATION = re.compile(r"人民法院.{0,4}起诉|向.{0,10}法院.{0,4}(?:提起)?诉讼")
_PRC_LAW = re.compile(r"适用中华人民共和国法律|中华人民共和国法律（")


def _first(
    articles: Iterable[tuple[Article, SectionType]], pattern: re.Pattern[str], prefer: SectionType | None = None
) -> tuple[Article, re.Match[str]] | None:
    """The first article whose text matches, looking in the `prefer` chapter first."""
    ordered = sorted(articles, key=lambda pair: pair[1] is not prefer) if prefer else articles
    for article, _ in ordered:
        m = pattern.search(article.text)
        if m:
            return article, m
    return None


def _entities(articles, kind: EntityType, value=None) -> list[tuple[Article, Entity]]:
    return [(a, e) for a, _ in articles for e in a.entities if e.type is kind and (value is None or e.value == value)]


def _cite(found: tuple[Article, re.Match[str]] | None, value: str) -> TermValue:
    if found is None:
        return TermValue(SILENT)
    article, m = found
    return TermValue(value, article.number, m.group(0)[:40])


def _first_entity(hits: list[tuple[Article, Entity]], value: str | None = None) -> TermValue:
    """The first entity's text (or `value`) citing its article, or silent."""
    if not hits:
        return TermValue(SILENT)
    article, entity = hits[0]
    return TermValue(value if value is not None else entity.text, article.number, entity.text)


def _deadline(articles, kind: str) -> TermValue:
    return _first_entity(_entities(articles, EntityType.DEADLINE, kind))


def _kinds_in_order(articles, kinds) -> TermValue:
    """The kinds whose words occur, in order of first mention, citing the first article."""
    first: list[tuple[int, int, str, int | None]] = []
    for key, pattern in kinds:
        for position, (article, _) in enumerate(articles):
            m = next((m for m in pattern.finditer(article.text) if not _shared_with_other_insurance(article.text, m)), None)
            if m:
                first.append((position, m.start(), key, article.number))
                break
    if not first:
        return TermValue(SILENT)
    first.sort()
    return TermValue(tuple(key for _, _, key, _ in first), first[0][3])


_OTHER_INSURANCE = re.compile(r"其他[^。]{0,12}保险合同|重复保险|其他保险人")


def _shared_with_other_insurance(text: str, m: re.Match[str]) -> bool:
    """比例赔付 among several policies covering one loss is contribution, not a share
    the insured bears: the sentence around the match names the other insurance."""
    start = text.rfind("。", 0, m.start()) + 1
    end = text.find("。", m.end())
    return "比例" in m.group(0) and bool(_OTHER_INSURANCE.search(text[start : end if end >= 0 else len(text)]))


def _defined_term(text: str) -> str | None:
    """The term a 释义 entry defines (未满期净保费=…, 意外伤害：指…, 保险事故是指…)."""
    m = re.match(r"\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])?\s*([\u4e00-\u9fff]{2,12}?)\s*(?:是指|系指|指|[=＝:：])", text)
    return m.group(1) if m else None


def _notice_deadline(body: list[tuple[Article, SectionType]]) -> TermValue:
    """The insured's notice of a loss: the sentence that says what to do when the
    insured event happens (保险事故发生后…通知保险人) decides, with its time limit or
    立即/及时; other notices (of a risk increase, a missed instalment) only when no
    sentence is about the loss."""
    insured_notices = [
        (a, e)
        for a, e in _entities(body, EntityType.DEADLINE, "notice")
        if "通知保险人" in a.text[e.end : e.end + 30] or "向保险人" in a.text[e.end : e.end + 20]
    ]
    for article, _ in sorted(body, key=lambda pair: pair[1] is not SectionType.POLICYHOLDER_DUTIES):
        for sentence in re.finditer(r"[^。]*通知保险人[^。]*", article.text):
            if not _LOSS_EVENT.search(sentence.group(0)):
                continue
            for a, e in insured_notices:
                if a is article and sentence.start() <= e.start < sentence.end():
                    return TermValue(e.text, a.number, e.text)
            m = _IMMEDIATELY.search(sentence.group(0))
            if m:
                return TermValue("immediately", article.number, m.group(0))
    immediate = _first(body, _IMMEDIATELY, SectionType.POLICYHOLDER_DUTIES)
    return _cite(immediate, "immediately") if immediate else _first_entity(insured_notices)


def term_sheet(articles: list[tuple[Article, SectionType]]) -> tuple[tuple[str, TermValue], ...]:
    """Every field of the term sheet, read from the articles and their entities."""
    body = [(a, t) for a, t in articles if t is not SectionType.DEFINITIONS]
    coverage = [(a, t) for a, t in body if t is SectionType.COVERAGE] or body
    sheet: dict[str, TermValue] = {}
    claims_made = _first(body, _CLAIMS_MADE, SectionType.COVERAGE)  # the insuring clause states the trigger
    sheet["trigger"] = _cite(claims_made, "claims_made") if claims_made else _cite(_first(coverage, _OCCURRENCE), "occurrence")
    sheet["retroactive_period"] = _cite(_first(body, re.compile(r"追溯期")), "present")
    territories = _entities(body, EntityType.TERRITORY)
    # The area of cover, not the law that governs or the courts that judge.
    territories = [(a, e) for a, e in territories if not re.match(r"\s*(?:法律|人民法院|法院)", a.text[e.end : e.end + 6])]
    sheet["territory"] = _first_entity(territories, str(territories[0][1].value)) if territories else TermValue(SILENT)
    period = _first(body, _PERIOD, SectionType.PERIOD) or _first(body, _PERIOD_SPAN, SectionType.PERIOD)
    if period:
        sheet["period"] = TermValue(re.sub(r"\s+", "", period[1].group(1)), period[0].number, period[1].group(0)[:40])
    else:
        sheet["period"] = _cite(_first(body, _PERIOD_SCHEDULE, SectionType.PERIOD), "schedule")
    sheet["waiting_period"] = _cite(_first(body, re.compile(r"等待期")), "present")
    limits = _entities(body, EntityType.LIMIT_KIND)
    kinds = tuple(dict.fromkeys(str(e.value) for _, e in limits))
    sheet["limit_kinds"] = TermValue(kinds, limits[0][0].number) if limits else TermValue(SILENT)
    sheet["deductible_kinds"] = _kinds_in_order(body, _DEDUCTIBLE_KINDS)
    sheet["notice_deadline"] = _notice_deadline(body)
    # The insured's time to claim: a time limit followed, in its sentence, by the
    # act of claiming (提出索赔, 请求赔偿, 提交单证).
    claims = [
        (a, e)
        for a, e in _entities(body, EntityType.DEADLINE)
        if _CLAIMING.search(a.text[e.end : e.end + 40].split("。")[0]) and e.value != "limitation"
    ]
    sheet["claim_deadline"] = _first_entity(claims)
    sheet["insurer_decision_deadline"] = _deadline(body, "claim_decision")
    # The insurer's time to pay a claim: its own chapters first, and not a time to
    # hand money back (保险金受领人应于…30日内退还, 30日内退还未满期保险费).
    payments = [
        (a, e) for a, e in _entities(body, EntityType.DEADLINE, "payment") if "退还" not in a.text[e.end : e.end + 12]
    ]
    sections = {id(a): t for a, t in body}
    payments.sort(key=lambda hit: sections[id(hit[0])] not in (SectionType.INSURER_DUTIES, SectionType.CLAIMS))
    sheet["payment_deadline"] = _first_entity(payments)
    limitation = _deadline(body, "limitation")
    if limitation.value == SILENT:
        limitation = _cite(_first(body, _STATUTORY), "statutory")
    sheet["limitation_period"] = limitation
    fee = [(a, e) for a, e in _entities(body, EntityType.PERCENT) if "手续费" in a.text[max(0, e.start - 20) : e.end + 8]]
    if fee:
        sheet["cancellation_fee"] = _first_entity(fee)
    else:
        scheduled = _first(body, _FEE_IN_SCHEDULE)
        sheet["cancellation_fee"] = _cite(scheduled, "schedule") if scheduled else _cite(_first(body, _NO_FEE_REFUND), "none")
    refunds = [(a, t) for a, t in body if re.search(r"解除|退保", a.text)]
    # A refund named by a defined term (退还未满期净保费（见释义）) is computed in its 释义.
    refund_text = "".join(a.text for a, _ in refunds)
    refunds += [
        (a, t) for a, t in articles if t is SectionType.DEFINITIONS and (term := _defined_term(a.text)) and term in refund_text
    ]
    methods = _kinds_in_order(refunds, (("short_rate", re.compile(r"短期费率")), ("pro_rata", re.compile(r"日比例"))))
    if isinstance(methods.value, tuple) and len(methods.value) == 1:
        methods = TermValue(methods.value[0], methods.article)
    sheet["refund_method"] = methods
    arbitration, litigation = _first(body, _ARBITRATION, SectionType.DISPUTES), _first(body, _LITIGATION, SectionType.DISPUTES)
    if arbitration and litigation:
        sheet["dispute_resolution"] = _cite(arbitration, "arbitration_or_litigation")
    elif arbitration:
        sheet["dispute_resolution"] = _cite(arbitration, "arbitration")
    else:
        sheet["dispute_resolution"] = _cite(litigation, "litigation")
    sheet["governing_law"] = _cite(_first(body, _PRC_LAW, SectionType.DISPUTES), "prc")
    return tuple((name, sheet[name]) for name in FIELDS)
