"""Product taxonomy (domain.md §5) and 注册号 decoding, cross-checked against each other."""

from __future__ import annotations

import re

from tiaokuan.model import Registration, Taxonomy

# domain.md §2: C + company(6) + line(3) + 1 main / 2 rider + YYYYMMDD + serial(4) + digit.
_REGISTRATION = re.compile(r"^C(\d{6})(\d{3})([12])((?:19|20)\d{6})(\d{4})(\d)$")
# Line codes seen in filed numbers (an inference from the corpus, no official table found).
LINE_CODES = {"306": "property", "309": "liability", "314": "surety_credit", "323": "accident_health", "312": "engineering", "310": "cargo"}
_IP = re.compile(r"专利|商标|著作权|版权|知识产权|地理标志|植物新品种|集成电路布图设计|商业秘密|数据知识产权|外观设计")
_RIGHTS = (
    ("数据知识产权", "数据知识产权"),
    ("集成电路布图设计", "集成电路布图设计"),
    ("植物新品种", "植物新品种"),
    ("地理标志", "地理标志"),
    ("商业秘密", "商业秘密"),
    ("著作权", "著作权"),
    ("版权", "著作权"),
    ("商标", "商标"),
    ("专利", "专利"),
    ("外观设计", "专利"),
    ("知识产权", "综合"),
)
# The insured risk decides the line: 建设工程施工人员团体意外伤害保险 is accident cover
# for workers on a site, not engineering cover, so people risks are looked for first.
_LINES = (
    ("accident_health", re.compile(r"意外伤害|健康|医疗(?:费用)?保险|疾病")),
    ("surety_credit", re.compile(r"保证保险|信用保险|履约")),
    ("engineering", re.compile(r"工程|安装|建筑")),
    ("cargo", re.compile(r"货物运输|货运")),
    ("liability", re.compile(r"责任保险|责任险")),
    ("property", re.compile(r"财产|一切险|基本险|综合险|机器损坏|营业中断|现金|设备|损失保险")),
)


def decode_registration(number: str | None) -> Registration | None:
    if not number:
        return None
    m = _REGISTRATION.match(number)
    if m is None:
        return None
    date = m.group(4)
    return Registration(number, m.group(1), m.group(2), LINE_CODES.get(m.group(2)), m.group(3) == "2", f"{date[:4]}-{date[4:6]}-{date[6:]}")


def _ip_liability_type(name: str) -> str:
    if "质押" in name or "融资" in name or "保证" in name:
        return "融资担保"
    if "侵权责任" in name or re.search(r"侵犯.{0,6}权责任", name) or "责任保险" in name:
        return "侵权责任"
    if "损失" in name and ("被侵权" in name or "侵权损失" in name):
        return "被侵权损失"
    return "费用补偿"


def _ip_function(name: str) -> str:
    if "申请" in name or "研发" in name:
        return "激励创新"
    if "质押" in name or "融资" in name or "交易" in name or "转化" in name or "实施" in name or "许可" in name:
        return "转化运用"
    return "风险保障"


def classify(product: str | None, text: str, registration_no: str | None) -> Taxonomy:
    """Line of business, and for IP products liability type, right and function."""
    name = product or ""
    registration = decode_registration(registration_no)
    if _IP.search(name):
        right = next(value for word, value in _RIGHTS if word in name) if any(w in name for w, _ in _RIGHTS) else "综合"
        rights = {value for word, value in _RIGHTS if word in name and value != "综合"}
        taxonomy = Taxonomy("ip", _ip_liability_type(name), "综合" if len(rights) > 1 else right, _ip_function(name), registration)
    else:
        line = next((key for key, pattern in _LINES if pattern.search(name)), None)
        if line is None:
            line = next((key for key, pattern in _LINES if pattern.search(text[:400])), "other")
        taxonomy = Taxonomy(line, registration=registration)
    if registration is None or registration.line is None:
        return taxonomy
    expected = registration.line
    actual = "liability" if taxonomy.liability_type == "侵权责任" else taxonomy.line
    if taxonomy.line == "ip":
        actual = {"侵权责任": "liability", "融资担保": "surety_credit"}.get(taxonomy.liability_type or "", "property")
    return Taxonomy(taxonomy.line, taxonomy.liability_type, taxonomy.right, taxonomy.function, registration, expected == actual)
