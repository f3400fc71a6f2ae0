"""Product taxonomy (domain.md §5) and 注册号 decoding, cross-checked against each other."""

from __future__ import annotations

import re
from dataclasses import replace

from tiaokuan.model import LINE_KINDS, Registration, Taxonomy

# domain.md §2: C + company(6) + line(3) + 1 main / 2 rider + YYYYMMDD + serial(4) + digit.
_REGISTRATION = re.compile(r"^C(\d{6})(\d{3})([12])((?:19|20)\d{6})(\d{4})(\d)$")
# Line codes seen in filed numbers (an inference from the corpus, no official table found;
# 326 was seen on a 疾病身故 rider, an illness cover, hence health).
LINE_CODES = {
    "306": "property", "309": "liability", "314": "surety", "323": "accident", "326": "health",
    "312": "engineering", "310": "cargo",
}  # fmt: skip
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
# The insured risk decides the line, and among people risks the benefit does, as in the
# regulator's split of 人身保险 (《健康保险管理办法》第二条): medical costs, allowances
# (津贴), illness, care and disability income are health even when an accident
# triggers them (附加意外伤害住院津贴 is health); death and disability from an
# accident are accident; death or survival whatever the cause (寿险, 年金, 两全) is life,
# and death from an illness (疾病身故, 猝死) is health. People risks are looked for first:
# 建设工程施工人员团体意外伤害保险 is accident cover for workers on a site, not engineering.
# Names are read in this order, the first line found wins.
_PEOPLE = (
    ("life", re.compile(r"寿险|人寿保险|年金|两全|生存保险")),
    (
        "health",
        re.compile(r"疾病|重疾|癌|急性病|传染病|猝死|医疗|住院|津贴|护理保险|失能|健康保险|健康险|生育|妊娠|救护车"),
    ),
    # 意外 alone is not enough: 屏幕意外损坏保险 insures a thing.
    ("accident", re.compile(r"意外伤害|人身意外|意外险|意外(?:身故|伤残)|食物中毒")),
)
_OTHERS = (
    # 种植 and 养殖 risks, and forests; a 农房 (farm house) is property.
    ("agriculture", re.compile(r"种植|养殖|农业|农作物|林木|森林|水稻|小麦|玉米|棉花|能繁母猪|育肥猪|生猪|奶牛|畜禽|家禽|水产|蔬菜|果树")),
    # A surety bond guarantees the policyholder's own performance to the insured (保证保险,
    # 履约); credit insurance covers the insured's buyers or debtors not paying (信用保险).
    ("surety", re.compile(r"保证保险|履约")),
    ("credit", re.compile(r"信用保险|信用险|应收账款")),
    ("engineering", re.compile(r"工程|安装|建筑")),
    ("cargo", re.compile(r"货物运输|货运")),
    ("liability", re.compile(r"责任保险|责任险")),
    ("property", re.compile(r"财产|一切险|基本险|综合险|机器损坏|营业中断|现金|设备|损失保险|损坏保险")),
)
# A name whose head is 责任保险 insures the insured's liability to others, whoever or
# whatever is hurt: 医疗器械临床试验责任保险 is liability, not health (nor is a farm's
# liability agriculture).
_LIABILITY_HEAD = re.compile(r"责任(?:保)?险(?:[（(][^）)]*[）)])*\s*$")
# A rider insuring people takes its own name's line (the words after the last 附加):
# 附加传染病强制隔离津贴保险 on an employer's liability main is health. Other riders
# extend their main's cover (工程保险附加交叉责任保险 is engineering), so the whole name
# decides, and when it says nothing (附加就餐时间扩展保险), the main clause the text names.
_RIDER = re.compile(r"附加(?!险)")
_MAIN_NAMED = re.compile(r"(?:附加于|在投保)(.{2,60}?(?:保险|险))(?:（以下简称|\(以下简称|的基础上|类产品)")


def _line_of_name(name: str, lines: tuple[tuple[str, re.Pattern[str]], ...] = _PEOPLE + _OTHERS) -> str | None:
    if _LIABILITY_HEAD.search(name):
        lines = tuple(pair for pair in lines if pair not in _PEOPLE and pair[0] != "agriculture")
    return next((key for key, pattern in lines if pattern.search(name)), None)


def _line(product: str, text: str) -> str:
    """The line from a rider's own name (people risks only), the whole name, the main
    clause the text names, then the opening text itself."""
    main = _MAIN_NAMED.search(text)
    line = (
        _line_of_name(_RIDER.split(product)[-1], _PEOPLE)
        or _line_of_name(product)
        or (_line_of_name(main.group(1)) if main else None)
    )
    return line or next((key for key, pattern in _PEOPLE + _OTHERS if pattern.search(text)), "other")


# The kind within a line (tiaokuan.model.LINE_KINDS), read in this order, the first
# found wins. Within health the benefit decides before the illness that triggers it:
# 住院津贴 pays an allowance, 恶性肿瘤医疗 pays medical costs (费用补偿), 疾病身故 pays
# on death; only a name that names no benefit is critical illness cover
# (重大疾病, 特定疾病: a sum paid on diagnosis).
_KINDS = {
    "health": (
        ("allowance", re.compile(r"津贴|日额|补贴")),
        ("medical", re.compile(r"医疗|医药|门诊|住院|手术|救护车|药品")),
        ("care", re.compile(r"护理")),
        ("disease_death", re.compile(r"身故|全残|猝死")),
        ("critical_illness", re.compile(r"重大疾病|重疾|特定疾病|恶性肿瘤|癌|轻症")),
    ),
    # 年金 first: 终身年金 is an annuity, not whole life cover.
    "life": (
        ("annuity", re.compile(r"年金|养老")),
        ("endowment", re.compile(r"两全")),
        ("whole_life", re.compile(r"终身(?:寿险|人寿)")),
        ("term", re.compile(r"定期(?:寿险|人寿)")),
    ),
    # 林木 and forests first: a 经济林 grows fruit but is insured as forest.
    "agriculture": (
        ("forestry", re.compile(r"森林|林木|林业|公益林|商品林|经济林")),
        ("livestock", re.compile(r"养殖|畜|禽|猪|牛|羊|水产|渔业|鱼|虾|蟹|蜂")),
        ("crop", re.compile(r"种植|作物|稻|麦|玉米|大豆|棉花|油菜|马铃薯|蔬菜|果树|水果|茶|烟叶|甘蔗|花卉|大棚|温室")),
    ),
    # Cover while travelling or carried by a conveyance (交通工具, 航空, 乘客, 驾乘, 旅行);
    # 境外 alone is where, not how (境外人员意外伤害 insures foreigners at work).
    "accident": (("travel", re.compile(r"交通|航空|乘客|驾乘|乘坐|旅行|旅游|差旅|出行")),),
}


def _kind(line: str, product: str, text: str) -> str | None:
    """The kind within `line` from a rider's own name (the words after the last 附加),
    the whole name, then the opening text; None for a line without kinds."""
    if line not in LINE_KINDS:
        return None
    for reading in (_RIDER.split(product)[-1], product, text):
        found = next((kind for kind, pattern in _KINDS[line] if pattern.search(reading)), None)
        if found:
            return found
    return LINE_KINDS[line][-1]  # what a line's products are when nothing names another kind


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
    """Line of business and the kind within it, and for IP products liability type, right and function."""
    name = product or ""
    registration = decode_registration(registration_no)
    if _IP.search(name):
        right = next(value for word, value in _RIGHTS if word in name) if any(w in name for w, _ in _RIGHTS) else "综合"
        rights = {value for word, value in _RIGHTS if word in name and value != "综合"}
        taxonomy = Taxonomy("ip", _ip_liability_type(name), "综合" if len(rights) > 1 else right, _ip_function(name), registration)
    else:
        line = _line(name, text[:400])
        taxonomy = Taxonomy(line, registration=registration, kind=_kind(line, name, text[:400]))
    if registration is None or registration.line is None:
        return taxonomy
    expected = registration.line
    actual = "liability" if taxonomy.liability_type == "侵权责任" else taxonomy.line
    if taxonomy.line == "ip":
        actual = {"侵权责任": "liability", "融资担保": "surety"}.get(taxonomy.liability_type or "", "property")
    return replace(taxonomy, registration_agrees=expected == actual)
