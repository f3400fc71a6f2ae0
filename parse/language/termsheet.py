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

_CLAIMS_MADE = re.compile(r"首次(?:向被保险人)?提出(?:损害赔偿|赔偿|索赔)|索赔提出制|首次.{0,12}提出.{0,6}(?:索赔|赔偿请求)")
_OCCURRENCE = re.compile(r"在保险期间(?:内|或)|保险期间内发生")
_PERIOD = re.compile(r"保险期间(?:为|是)\s*([一二三四五六七八九十两\d]+\s*(?:个月|年|日|天))")
_PERIOD_SCHEDULE = re.compile(r"保险期间.{0,20}(?:保险单|保险合同|保单|明细表).{0,6}(?:载明|列明|约定)|(?:保险单|保险合同).{0,6}载明的起讫时间|保险期间.{0,10}(?:与|同)主险")
_DEDUCTIBLE_KINDS = (
    ("amount", re.compile(r"免赔额")),
    ("rate", re.compile(r"免赔率|免赔额[（(]率[）)]")),
    ("period", re.compile(r"免赔期")),
    ("coinsurance", re.compile(r"比例赔付|共保")),
)
_IMMEDIATELY = re.compile(r"(立即|及时|尽快).{0,6}通知保险人")
_CLAIMING = re.compile(r"提出索赔|索赔申请|请求赔偿|申请赔偿|提交.{0,10}(?:单证|证明|资料)|提供.{0,10}(?:单证|证明和资料)")
_STATUTORY = re.compile(r"诉讼时效.{0,12}(?:适用|依照|按照).{0,6}法律")
_NO_FEE_REFUND = re.compile(r"保险责任开始前(?:(?!手续费)[^。]){0,40}(?:退还(?:已收取的|全部)?保险费|保险费退还)")
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
            m = pattern.search(article.text)
            if m:
                first.append((position, m.start(), key, article.number))
                break
    if not first:
        return TermValue(SILENT)
    first.sort()
    return TermValue(tuple(key for _, _, key, _ in first), first[0][3])


def term_sheet(articles: list[tuple[Article, SectionType]]) -> tuple[tuple[str, TermValue], ...]:
    """Every field of the term sheet, read from the articles and their entities."""
    body = [(a, t) for a, t in articles if t is not SectionType.DEFINITIONS]
    coverage = [(a, t) for a, t in body if t is SectionType.COVERAGE] or body
    sheet: dict[str, TermValue] = {}
    claims_made = _first(body, _CLAIMS_MADE)
    sheet["trigger"] = _cite(claims_made, "claims_made") if claims_made else _cite(_first(coverage, _OCCURRENCE), "occurrence")
    sheet["retroactive_period"] = _cite(_first(body, re.compile(r"追溯期")), "present")
    territories = _entities(body, EntityType.TERRITORY)
    territories = [(a, e) for a, e in territories if "法律" not in a.text[e.end : e.end + 4]]
    sheet["territory"] = _first_entity(territories, str(territories[0][1].value)) if territories else TermValue(SILENT)
    period = _first(body, _PERIOD, SectionType.PERIOD)
    if period:
        sheet["period"] = TermValue(re.sub(r"\s+", "", period[1].group(1)), period[0].number, period[1].group(0))
    else:
        sheet["period"] = _cite(_first(body, _PERIOD_SCHEDULE, SectionType.PERIOD), "schedule")
    sheet["waiting_period"] = _cite(_first(body, re.compile(r"等待期")), "present")
    limits = _entities(body, EntityType.LIMIT_KIND)
    kinds = tuple(dict.fromkeys(str(e.value) for _, e in limits))
    sheet["limit_kinds"] = TermValue(kinds, limits[0][0].number) if limits else TermValue(SILENT)
    sheet["deductible_kinds"] = _kinds_in_order(body, _DEDUCTIBLE_KINDS)
    # The insured's notice of a loss: 立即/及时通知 first, else a time limit to notify
    # the insurer (not the insurer's own notices to the policyholder).
    immediate = _first(body, _IMMEDIATELY, SectionType.POLICYHOLDER_DUTIES)
    insured_notices = [
        (a, e) for a, e in _entities(body, EntityType.DEADLINE, "notice") if "通知保险人" in a.text[e.end : e.end + 30] or "向保险人" in a.text[e.end : e.end + 20]
    ]
    if immediate:
        sheet["notice_deadline"] = _cite(immediate, "immediately")
    else:
        sheet["notice_deadline"] = _first_entity(insured_notices)
    # The insured's time to claim: a time limit followed, in its sentence, by the
    # act of claiming (提出索赔, 请求赔偿, 提交单证).
    claims = [
        (a, e)
        for a, e in _entities(body, EntityType.DEADLINE)
        if _CLAIMING.search(a.text[e.end : e.end + 40].split("。")[0]) and e.value != "limitation"
    ]
    sheet["claim_deadline"] = _first_entity(claims)
    sheet["insurer_decision_deadline"] = _deadline(body, "claim_decision")
    sheet["payment_deadline"] = _deadline(body, "payment")
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
