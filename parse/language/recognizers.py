"""Rule recognisers for the entities of clause text (domain.md §4).

Each recogniser is a pure function from text to `Entity` records with exact
character offsets; the spaCy component in `pipeline` turns them into spans.
Chinese numerals are read with cn2an.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import cn2an

from tiaokuan.model import Entity, EntityType

_CN_NUM = "零〇一二三四五六七八九十百千万亿两半"
_NUM = rf"(?:\d+(?:[.,，]\d+)*|[{_CN_NUM}]+)"


def number(text: str) -> float | None:
    """Value of an Arabic or Chinese numeral: 30, 三十, 两, 10,000, 1.5, 半."""
    raw = re.sub(r"[\s,，]", "", text)
    if raw == "半":
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw)
    try:
        value = cn2an.cn2an(raw.replace("两", "二").replace("〇", "零"), "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return float(value)


def _clean(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _entity(kind: EntityType, m: re.Match[str], value, group: int = 0, **attrs) -> Entity:
    return Entity(kind, m.group(group), m.start(group), m.end(group), value, tuple(sorted(attrs.items())))


# -- money and rates ----------------------------------------------------------
_CURRENCIES = {"元": "CNY", "人民币": "CNY", "美元": "USD", "港元": "HKD", "港币": "HKD", "欧元": "EUR"}
_AMOUNT = re.compile(rf"(?:人民币\s*)?(?<![\d{_CN_NUM}])({_NUM})\s*(万|千|百万|亿)?\s*(美元|港元|港币|欧元|元)(?:人民币)?(?![/／]?\s*[年月日])")
_SCALE = {"千": 1e3, "万": 1e4, "百万": 1e6, "亿": 1e8, None: 1.0}


def amounts(text: str) -> Iterator[Entity]:
    for m in _AMOUNT.finditer(text):
        value = number(m.group(1))
        if value is None:
            continue
        yield _entity(EntityType.AMOUNT, m, _clean(value * _SCALE[m.group(2)]), currency=_CURRENCIES[m.group(3)])


_PERCENT = re.compile(rf"(\d+(?:\.\d+)?)\s*([%％‰])|百分之([{_CN_NUM}点]+)|千分之([{_CN_NUM}点]+)")


def percents(text: str) -> Iterator[Entity]:
    for m in _PERCENT.finditer(text):
        if m.group(1):
            value = float(m.group(1)) / (10 if m.group(2) == "‰" else 1)
        else:
            spoken = m.group(3) or m.group(4)
            value = number(spoken.replace("点", ".")) if "点" not in spoken else _decimal(spoken)
            if value is None:
                continue
            value = value / (10 if m.group(4) else 1)
        yield _entity(EntityType.PERCENT, m, _clean(value))


def _decimal(spoken: str) -> float | None:
    try:
        return float(cn2an.cn2an(spoken, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


# -- time ---------------------------------------------------------------------
_UNITS = {"日": "日", "天": "日", "周": "周", "星期": "周", "个月": "月", "月": "月", "年": "年", "小时": "小时", "工作日": "工作日"}
# Not durations: ordinals (第三年), rates (每年), years (2000年问题), 四周 (all around);
# except the day a window counted from an event ends on (之日起第一百八十日止), which
# is that many days long (not the day a count starts on: 第十五日开始计算).
_DURATION = re.compile(
    rf"(?:(?<![第每\d{_CN_NUM}])|(?<=起第))(?!\d{{4}}\s*年)({_NUM})\s*(个工作日|工作日|个月|个星期|星期|小时|日|天|周|月|年)(?!度|份|费|龄|满|金)(?<!四周)"
)
_DATE = re.compile(r"\d{2,4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日")


def durations(text: str) -> Iterator[Entity]:
    dates = [(m.start(), m.end()) for m in _DATE.finditer(text)]
    for m in _DURATION.finditer(text):
        if any(s <= m.start() < e for s, e in dates):
            continue
        if text[max(0, m.start() - 1) : m.start()] == "第" and re.match(r"\s*(?:开始|起)", text[m.end() : m.end() + 3]):
            continue
        value = number(m.group(1))
        if value is None:
            continue
        unit = _UNITS[m.group(2).lstrip("个")] if m.group(2) != "个月" else "月"
        days = None
        if unit == "日":
            days = value
        elif unit == "周":
            days = 7 * value
        yield _entity(
            EntityType.DURATION, m, _clean(value), unit=unit, days=_clean(days) if days is not None and days == int(days) else None
        )


# What a time limit bounds, read from its clause (the text between punctuation marks).
_DEADLINE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("limitation", re.compile(r"诉讼时效|时效期间")),
    ("claim_decision", re.compile(r"核定")),
    ("cancellation", re.compile(r"解除|解约|消灭|退保")),
    ("notice", re.compile(r"通知|书面说明|报案|告知|申报|报告")),
    ("payment", re.compile(r"支付|赔偿|给付|赔付|退还|履行|垫付")),
)
_BOUNDS_AFTER = re.compile(r"^\s*(内|以内|之内|后|前|届满|未|的期限|期满)")
_BOUNDS_BEFORE = re.compile(r"(提前|超过|满|逾|不超过|之日起|日起|起)\s*$")


def deadlines(text: str, found: list[Entity]) -> Iterator[Entity]:
    """DEADLINE entities: durations that bound an act, with what the act is.

    The act is the nearest one named after the time limit in its sentence
    (三十日内未能核定 → a decision), else the nearest before it (诉讼时效期间为二年).
    """
    for d in list(found):
        if d.type is not EntityType.DURATION:
            continue
        after, before = text[d.end : d.end + 6], text[max(0, d.start - 8) : d.start]
        sentence_start = max(text.rfind(p, 0, d.start) for p in "。；;\n") + 1
        ends = [i for i in (text.find(p, d.end) for p in "。；;\n") if i >= 0]
        sentence_end = min(ends) if ends else len(text)
        lead, tail = text[sentence_start : d.start], text[d.end : sentence_end]
        if not (_BOUNDS_AFTER.match(after) or _BOUNDS_BEFORE.search(before) or "时效" in lead):
            continue
        if _bounds_the_event(tail):
            continue  # 自事故之日起一百八十日内身故: a window of cover, not a time to act
        kind = _deadline_kind(lead, tail)
        if kind == "other" and not re.match(r"\s*(内|以内|之内)", after):
            continue  # a length of time in a rule (不足半年的按半年计算), not a time limit
        yield Entity(EntityType.DEADLINE, d.text, d.start, d.end, kind, d.attrs)


# What happens to the insured person or thing (the event insured), as against what
# a party must do (通知, 核定, 支付 …).
_EVENT = re.compile(r"身故|伤残|残疾|患(?:上|有)?|确诊|(?<!作出)治疗|住院|就诊|导致|遭受|等待期|死亡|出现")


def _bounds_the_event(tail: str) -> bool:
    """The period bounds the insured event: an event word comes before any act word."""
    event = _EVENT.search(tail)
    if not event:
        return False
    acts = [m.start() for _, pattern in _DEADLINE_KINDS for m in [pattern.search(tail)] if m]
    return not acts or event.start() < min(acts)


def _deadline_kind(lead: str, tail: str) -> str:
    if "时效" in lead or "时效" in tail[:8]:
        return "limitation"
    if re.search(r"解约|解除", tail):
        return "cancellation"  # 提前十五日向投保人发出解约通知书解除本保险合同
    if re.search(r"提前\s*$", lead) and "解除" in lead:
        return "cancellation"  # 保险人也可以解除合同，但应当提前十五日通知投保人
    if re.search(r"发出[^，。；]{0,20}通知", tail):
        return "notice"  # 三日内向被保险人发出拒绝赔偿保险金通知书
    hits = [(m.start(), kind) for kind, pattern in _DEADLINE_KINDS for m in [pattern.search(tail)] if m]
    if hits:
        return min(hits)[1]
    hits = [(m.end(), kind) for kind, pattern in _DEADLINE_KINDS for m in pattern.finditer(lead)]
    return max(hits)[1] if hits else "other"


# -- laws and references -------------------------------------------------------
_LAW = re.compile(r"《([^《》\n]{2,60}?(?:法|条例|规定|办法|细则|解释|决定))》")


def laws(text: str) -> Iterator[Entity]:
    for m in _LAW.finditer(text):
        yield _entity(EntityType.LAW, m, m.group(1))


_CN = rf"[{_CN_NUM}\d]+"
_REF = re.compile(
    rf"(本条前款|本款|本条第[（(]{_CN}[)）]款|本条(?!款)(?:第{_CN}款)?(?:第[（(]{_CN}[)）]项)?|前款|前两款|前述各款|上款|前条|(?:上述|前述)?第{_CN}条(?:第{_CN}款)?(?:第[（(]{_CN}[)）]项)?"
    rf"|第{_CN}款(?:第[（(]{_CN}[)）]项)?|第[（(]{_CN}[)）]项)"
)
_LAW_BEFORE = re.compile(r"(》|法|条例|规定|办法)\s*$")


def article_refs(text: str, current: int | None) -> Iterator[Entity]:
    """References to articles of the same clause, resolved to the article number."""
    for m in _REF.finditer(text):
        ref = m.group(1)
        bare = ref[2:] if ref.startswith(("上述", "前述")) else ref
        if bare.startswith("第") and "条" in bare:
            if _LAW_BEFORE.search(text[max(0, m.start() - 3) : m.start()]):
                continue  # 《保险法》第十七条 is an article of a law, not of this clause
            target = number(bare[1 : bare.index("条")])
            value: int | None = int(target) if target is not None else None
        elif ref == "前条":
            value = current - 1 if current else None
        else:
            value = current
        yield _entity(EntityType.ARTICLE_REF, m, value, group=1)


# -- dictionary entities ------------------------------------------------------
PARTIES = {"被保险人": "insured", "投保人": "policyholder", "保险人": "insurer", "第三方": "third_party", "第三者": "third_party", "受益人": "beneficiary"}
IP_RIGHTS = {
    "数据知识产权": "data_ip",
    "集成电路布图设计": "ic_layout",
    "植物新品种": "plant_variety",
    "地理标志": "geographical_indication",
    "商业秘密": "trade_secret",
    "著作权": "copyright",
    "版权": "copyright",
    "商标": "trademark",
    "专利": "patent",
    "知识产权": "ip_general",
}


def longest_first(words: list[str] | dict[str, str]) -> re.Pattern[str]:
    """One pattern for a word list that prefers the longest word (被保险人 over 保险人)."""
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


_PARTY_RE = longest_first(PARTIES)
_IP_RIGHT_RE = longest_first(IP_RIGHTS)


def _dictionary(text: str, pattern: re.Pattern[str], words: dict[str, str], kind: EntityType) -> Iterator[Entity]:
    for m in pattern.finditer(text):
        yield _entity(kind, m, words[m.group(0)])


def parties(text: str) -> Iterator[Entity]:
    return _dictionary(text, _PARTY_RE, PARTIES, EntityType.PARTY)


def ip_rights(text: str) -> Iterator[Entity]:
    return _dictionary(text, _IP_RIGHT_RE, IP_RIGHTS, EntityType.IP_RIGHT)


# -- limits and territory -------------------------------------------------------
# A named limit: an optional cost head, per-unit or aggregate qualifiers, then
# the limit noun; a bare 赔偿限额 names no kind and is left out.
_LIMIT = re.compile(
    r"(?:保单)?(?:[\u4e00-\u9fff]{2}费用)?(?:每次事故|每件专利|每一?次|每件|每人|每项|累计|单次|分项)*"
    r"(?:人身伤亡|死亡伤残|伤残|财产损失|[\u4e00-\u9fff]{2}费用)?(?:赔偿限额|责任限额|损失补偿限额)"
    r"|(?:每一项|每项|该项)[\u4e00-\u9fff]{0,6}?的?保险金额"
    # a per-unit qualifier, then what the limit covers, then the limit noun:
    # 每人人身伤亡及疾病责任限额, 每一被保险人的意外伤害医疗保险金额, 分项保险金额
    r"|(?:每一?(?:被保险人|名|位)|每人|分项|单项)的?(?:(?![以在按对为的给付和或])[\u4e00-\u9fff]){0,12}?(?:赔偿限额|责任限额|保险金额|费用限额)"
)
_LIMIT_KINDS = (
    ("每件", "per_patent"),
    ("每人", "per_person"),
    ("被保险人", "per_person"),
    ("每名", "per_person"),
    ("每位", "per_person"),
    ("单项", "per_item"),
    ("累计", "aggregate"),
    ("分项", "per_item"),
    ("每项", "per_item"),
    ("每一项", "per_item"),
    ("该项", "per_item"),
    ("每次", "per_occurrence"),
    ("单次", "per_occurrence"),
)


def limit_kinds(text: str) -> Iterator[Entity]:
    for m in _LIMIT.finditer(text):
        phrase = m.group(0)
        if phrase in ("赔偿限额", "责任限额"):
            continue
        kind = next((k for word, k in _LIMIT_KINDS if word in phrase), "other")
        yield Entity(EntityType.LIMIT_KIND, phrase, m.start(), m.end(), kind)


_TERRITORY = re.compile(
    r"(中华人民共和国(?:境内|大陆)(?:\s*[（(]\s*不(?:包括|含)[^）)]{2,20}[）)])?|承保区域|承保地区|保险区域|保险地区|全世界|世界范围|全球范围"
    r"|(?:本)?(?:保险单|保险合同|保单)(?:明细表)?中?(?:列明|载明)的?(?!承保)[\u4e00-\u9fff]{0,2}?(?:区域|地域|地址))"
)


def territories(text: str) -> Iterator[Entity]:
    for m in _TERRITORY.finditer(text):
        phrase = m.group(1)
        if phrase.startswith("中华人民共和国"):
            value = "cn_mainland" if "不" in phrase or "大陆" in phrase else "cn"
        elif phrase in ("承保区域", "承保地区", "保险区域", "保险地区") or "载明" in phrase or "列明" in phrase:
            value = "schedule"
        else:
            value = "worldwide"
        yield _entity(EntityType.TERRITORY, m, value, group=1)
