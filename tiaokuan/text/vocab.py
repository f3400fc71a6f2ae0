"""Canonical vocabularies: covered cost heads and exclusions, each with an English
key, a Chinese label and the wordings that name it in filed clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiaokuan.i18n import N_, _


@dataclass(frozen=True, slots=True)
class Canon:
    key: str
    label: str
    pattern: re.Pattern[str]


def _canon(key: str, label: str, words: str) -> Canon:
    return Canon(key, label, re.compile(words))


COST_HEADS: tuple[Canon, ...] = (
    _canon("investigation", "调查费", r"调查费|调查取证费|调查费用"),
    _canon("notarisation", "公证费", r"公证费"),
    _canon("travel", "交通费", r"交通费|差旅费|交通补助"),
    _canon("accommodation", "住宿费", r"住宿费"),
    _canon("meal_allowance", "伙食补助费", r"伙食补助费|伙食费"),
    _canon("attorney", "律师费", r"律师费|律师代理费|代理费|代理费用"),
    _canon("litigation", "诉讼费", r"诉讼费"),
    _canon("arbitration", "仲裁费", r"仲裁费|仲裁或者?诉讼(?:所支付的)?费用|仲裁费用或诉讼费用"),
    _canon("appraisal", "鉴定费", r"鉴定费|检测费|评估费"),
    _canon("preservation", "保全费", r"保全费|保全的申请费|保全申请费"),
    _canon("enforcement", "执行费", r"执行费|强制执行费"),
    _canon("legal_costs", "法律费用", r"法律费用"),
    _canon("direct_loss", "直接经济损失", r"直接经济损失|直接损失"),
    _canon("licence_refund", "许可费退还", r"许可费用?可能需要退还|许可费退还"),
    _canon("crisis_pr", "危机公关费用", r"危机公关|商誉恢复|声誉"),
    _canon("mitigation", "施救费用", r"施救费用|防止或者?减少.{0,10}损失.{0,16}费用"),
    _canon("invalidity_request", "无效宣告请求费用", r"无效宣告(?:申请|请求)[^。；]{0,20}费用"),
    _canon("direct_damage", "直接物质损坏或灭失", r"直接物质损坏或灭失|直接物质损失|物质损坏或灭失"),
    _canon("audit", "审计费用", r"审计费"),
    _canon("application_fees", "申请费用", r"申请费|官费|年费"),
    _canon("damages", "赔偿金", r"经济赔偿责任|赔偿金|侵权损害"),
    _canon("gross_profit", "毛利润损失", r"毛利润损失"),
    _canon("security_bond", "担保费", r"担保费|保全担保"),
    _canon("customs_measures", "海关保护费用", r"海关保护费用|向海关申请.{0,30}费用"),
)


EXCLUSIONS: tuple[Canon, ...] = (
    _canon(
        "intentional_criminal",
        "故意、犯罪或重大过失行为",
        r"故意|犯罪|重大过失|欺诈|(?i:deliberate|criminal|fraudulent|dishonest)",
    ),
    _canon(
        "war_terrorism",
        "战争、军事行动、恐怖活动",
        r"战争|敌对行动|军事|武装冲突|恐怖|暴动|骚乱|罢工|暴乱|政变|(?i:\bwar\b|terroris)",
    ),
    # 非放射性污染 is ordinary pollution, and 核污染 / 放射性污染 are nuclear.
    _canon(
        "nuclear",
        "核辐射、核污染",
        r"核(?:爆炸|辐射|污染|反应|裂变|聚变|武器|材料|子辐射|能)|原子能|(?<!非)放射性|(?i:nuclear|radioactiv)",
    ),
    _canon("pollution", "污染", r"(?<!核)(?<!放射性)污染"),
    _canon("compulsory_licence", "强制许可", r"强制许可|非自愿许可"),
    _canon("government_act", "行政行为、司法行为", r"行政行为|司法行为|没收|征用|政府"),
    _canon(
        "prior_knowledge",
        "保险合同生效前已知",
        r"(?:生效|开始|追溯期|投保)(?:前|之前).{0,30}(?:知道|知悉|获悉|已经发生|已发生)|已经?知道或者?应(?:当|该)知道|已获[知悉]|已经知道",
    ),
    # 行政许可 (a licence from the state) is not the insured's licence to use the right.
    _canon(
        "licensed_use",
        "经许可或授权的实施",
        r"(?:许可|授权)(?:或者?|、)(?:授权|默许|许可)|经(?!营).{0,6}(?<!行政)许可|授权实施",
    ),
    _canon("other_losses", "其他不属于保险责任范围的损失", r"其他不属于|其他损失|除本保险合同.{0,50}之外的其他"),
    _canon(
        "contractual_liability",
        "合同责任",
        r"合同(?:约定的|中约定的)?(?:违约)?责任(?!范围)|协议.{0,6}(?:责任|违约)|违约责任|约定的责任",
    ),
    _canon("fines_penalties", "罚款、罚金及惩罚性赔偿", r"罚款|罚金|罚息|滞纳金|惩罚性赔偿|(?i:fine|penalt|punitive)"),
    _canon("indirect_loss", "间接损失", r"间接(?:的)?(?:或附带的)?损失"),
    _canon("deductible", "免赔额（率）", r"免赔额|免赔率|免赔期|免赔金额|(?i:\bexcess\b|deductible)"),
    _canon("moral_damage", "精神损害", r"精神损害"),
    _canon(
        "bodily_injury_property",
        "人身伤亡和财产损失",
        r"人身伤亡|人身(?:伤害|损害)|财产损失|实体财产|(?i:bodily injury|damage to)",
    ),
    # Claims by (or between) related parties; not 被保险人或其关联方的故意行为.
    _canon("related_party", "关联方索赔", r"(?:关联|继受)关系|关联(?:方|企业|公司)[^，；。]{0,20}(?:提出|之间|对)"),
    _canon("outside_scope", "保险范围以外的权利或产品", r"以外的|范围以外|非被保险人.{0,10}(?:发明|专利)"),
    _canon("natural_disaster", "自然灾害、地震", r"地震|海啸|自然灾害|洪水|台风"),
    _canon("purchase_cost", "购买涉嫌侵权产品费用", r"购买涉嫌侵权"),
    _canon("post_filing_investigation", "立案或受理后发生的调查费用", r"立案或受理后.{0,6}调查费用"),
    _canon("infringement_damages_paid", "侵权赔偿金、使用费、转让费", r"侵权赔偿金|专利使用费|转让费"),
    _canon("prior_judgments", "宣告无效前已执行的判决或合同", r"宣告.{0,4}无效前"),
    _canon("wear_defect", "自然磨损、内在缺陷", r"磨损|内在或潜在缺陷|内在缺陷|锈蚀|自然损耗|渐变"),
    # (a loss by disappearance no one can explain is the theft the insured cannot prove)
    _canon("theft", "盗窃、抢劫", r"盗窃|抢劫|抢夺|失窃|(?:无原因|不明原因|不可解释)[^。；]{0,8}失踪"),
    # The property market's standard heads: betterment in repair, the loss a supplier,
    # maker, installer or repairer answers for, the property in transit.
    _canon("betterment", "修复中的改进、改良费用", r"(?:变更|改进|改良|改善|性能增加|升级)[^。；]{0,12}(?:额外|增加)?的?费用|额外[^。；]{0,8}(?:改进|改善)"),
    _canon("supplier_liability", "应由供货方、制造人等负责的损失", r"(?:供货方|供应商|供货商|制造人|制造商|生产商|安装人|修理人|设计商)[^。；]{0,16}(?:负责|承担)"),
    _canon("in_transit", "运输途中的损失", r"运输途中|运输过程|拖运|被运输|运输期间"),
    _canon("employee_dishonesty", "雇员欺诈或不诚实", r"雇员.{0,6}(?:欺诈|不诚实)"),
    _canon("cyber_data", "网络安全、数据", r"网络|计算机|数据"),
    _canon(
        "unapproved_costs",
        "未经保险人同意的费用",
        r"未经保险人.{0,6}同意|未给予书面认可|获得保险公司书面同意.{0,10}之前",
    ),
    _canon(
        "outside_territory",
        "承保区域以外",
        r"(?:承保|保险)(?:区域|地区|地域)(?:范围)?(?:之外|以外)|区域以外|(?i:outside the territor)",
    ),
    _canon(
        "prior_acts",
        "追溯期以前的行为",
        r"追溯期(?:起始日|开始日?)?(?:以前|之前)|保险期间(?:以前|开始前)(?:已经?)?(?:发生|实施|搁置)|(?i:retroactive)",
    ),
    _canon(
        "recoverable_elsewhere",
        "可从其他保险或第三方获得赔偿",
        r"其他保险合同中获得赔偿|可从.{0,10}获得赔偿|(?i:other insurance)",
    ),
    _canon("undeclared", "未申报或未列明的权利、产品", r"未向保险公司申报|未申报|未列明于"),
    _canon(
        "internal_costs",
        "被保险人自身的工资和管理费用",
        r"(?:雇员|员工|工作人员)的?(?:工资|薪酬|奖金)|日常管理费用|内部管理费用",
    ),
)


# The papers a claim asks for, by kind. Insurers word each item of a claim-document
# list their own way (保险单正本 / 保险单或者其他保险凭证、批单 / 保险单正本或其他有效
# 保险凭证原件), but an analyst pairs the items by the paper they ask for. An item may
# ask for several (出险经过报告和索赔申请书). The catch-all item (所能提供的其他与确认
# 保险事故…有关的证明和资料) is only that: it names losses and causes only to say what
# the papers prove.
CLAIM_DOCUMENTS: tuple[Canon, ...] = (
    _canon("doc_other", "其他证明和资料", r"所能提供的|(?:有关|相关)的其他(?:证明|资料|材料|文件)|其他(?:与|有关|相关|必要)[^。；]{0,40}(?:证明|资料|材料|文件)"),
    _canon("doc_claim_form", "索赔申请书", r"索赔申请|赔偿申请|保险金(?:给付)?申请|给付申请|索赔函"),
    # (not 保险单载明的维修机构: a paper the policy names is not the policy)
    _canon("doc_policy", "保险单或保险凭证", r"保险单(?!中?(?:载明|列明|约定|指定))|保险凭证|保单(?!中?(?:载明|列明|约定|指定))"),
    _canon("doc_identity", "身份或资格证明", r"身份证|身份证明|身份凭证|户籍|户口|营业执照|关系证明|资格证"),
    # papers about the insured object itself: its title, registration, licence, health
    _canon("doc_subject", "保险标的的权属、登记或资质证明", r"免疫|登记证|产权|权属|所有权|行驶证|驾驶证|专利证书|权利证书|登记簿"),
    _canon("doc_legal", "判决、裁决、和解等法律文书", r"判决|裁决|调解书|和解协议|和解书|法律文[书件]|起诉状|仲裁申请|立案|受理(?:通知|证明)"),
    _canon("doc_death_disability", "死亡或伤残证明", r"死亡证明|死亡医学证明|火化|伤残(?:鉴定|评定|程度)|残疾"),
    _canon("doc_medical", "病历、诊断和医疗费用单据", r"病历|诊断证明|诊断书|疾病诊断|诊疗|出院|住院|医疗费用|医疗机构|医院"),
    _canon("doc_accident", "事故证明", r"事故(?:的)?(?:证明|说明)|事故(?:发生)?(?:的)?(?:证明|报告)|(?:出险|事故)经过|出险(?:证明|通知)|火灾(?:原因)?(?:认定|证明)|消防|气象"),
    _canon("doc_loss_list", "损失清单", r"损失清单|索赔清单|费用清单|损失认定|损失(?:情况|金额|程度)[^。；]{0,10}(?:证明|说明|清单|报告)"),
    _canon("doc_invoice", "费用发票、票据和支付凭证", r"发票|票据|单据|收据|支付[^。；]{0,12}(?:证明|凭证|凭据)|付款凭[证据]|(?:维修|费用)(?:凭证|明细)|账簿|帐簿|账册|帐册|会计凭证"),
)


# The natural perils whose definitions only describe the phenomenon, by the measure of
# the weather or earthquake service where it has one (暴雨：每小时降雨量达16毫米以上…). A
# clause that uses the word undefined reads it the same way, so one clause's definition
# of it alone changes nothing: the analysts' gold calls each such definition one clause
# alone prints immaterial (15 cited one by one, 14 more in one entry), none material.
# Not here: the perils whose market definitions stretch or narrow the word (冰凌 with
# ice on objects, 崩塌 with falling snow, 爆炸 without a container's vacuum, 飞行物体…坠落
# with a crane's load), nor 意外事故 and 自然灾害, which say what a clause covers.
NATURAL_PERILS = frozenset({
    "雷击", "暴雨", "洪水", "暴风", "龙卷风", "冰雹", "台风", "飓风", "暴雪", "沙尘暴", "突发性滑坡", "泥石流",
    "地震", "海啸", "火山爆发", "地面突然下陷下沉", "地面突然塌陷", "次生灾害",
})  # fmt: skip


def map_to(canon: tuple[Canon, ...], text: str) -> Canon | None:
    """The first canonical entry whose wording occurs in `text`, or None (unmapped)."""
    return next((c for c in canon if c.pattern.search(text)), None)


def map_all(canon: tuple[Canon, ...], text: str) -> list[Canon]:
    """Every canonical entry whose wording occurs in `text`, in vocabulary order: one
    exclusion item often names several (战争…盗窃、抢劫; 核辐射…或其他任何形式的污染)."""
    return [c for c in canon if c.pattern.search(text)]


def cost_heads_in(text: str) -> list[tuple[Canon, re.Match[str]]]:
    """Every cost head named in `text`, in reading order, without overlaps."""
    found: list[tuple[Canon, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for canon in COST_HEADS:
        for m in canon.pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append((canon, m))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda pair: pair[1].start())


# --- one vocabulary for the values every output shows ---------------------------
# The term sheet, the catalog and the taxonomy store short codes (occurrence,
# short_rate, property); whatever a person reads — the CLI, the files, the
# workbench — shows the same Chinese words for them, from here. Each word is a
# message of the catalog (tiaokuan.i18n), so a reader's language can replace it.


VALUE_WORDS = {
    "occurrence": N_("事故发生制"), "claims_made": N_("索赔提出制"), "present": N_("有"), "schedule": N_("保险单载明"),
    "cn_mainland": N_("中国境内（不含港澳台）"), "cn": N_("中国境内"), "worldwide": N_("全球"), "other": N_("其他"),
    "per_occurrence": N_("每次事故"), "per_patent": N_("每件专利"), "per_person": N_("每人"), "aggregate": N_("累计"),
    "per_item": N_("分项"), "amount": N_("免赔额"), "rate": N_("免赔率"), "period": N_("免赔期"), "coinsurance": N_("比例赔付"),
    "immediately": N_("立即/及时"), "statutory": N_("依法律规定"), "none": N_("不收手续费"), "short_rate": N_("短期费率"),
    "pro_rata": N_("日比例"), "arbitration_or_litigation": N_("仲裁或诉讼"), "arbitration": N_("仲裁"),
    "litigation": N_("诉讼"), "prc": N_("中华人民共和国法律"), "silent": N_("未约定"),
    # lines of business (tiaokuan.model.LINES_OF_BUSINESS), and the two codes written
    # before accident, health and life, and surety and credit, were told apart (LEGACY_LINES)
    "ip": N_("知识产权"), "property": N_("财产"), "liability": N_("责任"), "surety": N_("保证保险"),
    "credit": N_("信用保险"), "engineering": N_("工程"), "accident": N_("意外伤害"), "health": N_("健康"),
    "life": N_("人寿"), "agriculture": N_("农业"), "cargo": N_("货运"),
    "accident_health": N_("意外健康"), "surety_credit": N_("保证与信用"),
    # kinds within a line (tiaokuan.model.LINE_KINDS); "other" is the word above
    "critical_illness": N_("重大疾病"), "medical": N_("医疗"), "allowance": N_("津贴"), "care": N_("护理"),
    "disease_death": N_("疾病身故/全残"), "term": N_("定期寿险"), "whole_life": N_("终身寿险"), "endowment": N_("两全保险"),
    "annuity": N_("年金保险"), "crop": N_("种植业"), "livestock": N_("养殖业"), "forestry": N_("林业"),
    "travel": N_("交通/旅行意外"), "general": N_("普通意外"),
}  # fmt: skip

# Chapter types (tiaokuan.model.SectionType) and clause categories (Category) by their Chinese names.
SECTION_NAMES = {
    "preamble": N_("前言"), "general": N_("总则"), "subject": N_("保险标的"), "coverage": N_("保险责任"),
    "exclusions": N_("责任免除"), "amounts": N_("保险金额与赔偿限额"), "period": N_("保险期间"), "premium": N_("保险费"),
    "insurer_duties": N_("保险人义务"), "policyholder_duties": N_("投保人、被保险人义务"), "claims": N_("赔偿处理"),
    "disputes": N_("争议处理"), "other": N_("其他事项"), "definitions": N_("释义"), "appendix": N_("附录"),
}  # fmt: skip
CATEGORY_NAMES = {
    "coverage": N_("保险责任"), "coverage_extension": N_("扩展责任"), "exclusion": N_("责任免除"), "limit": N_("赔偿限额"),
    "deductible": N_("免赔"), "condition": N_("条件"), "obligation": N_("义务"), "claims_procedure": N_("索赔程序"),
    "payment": N_("赔付"), "subrogation": N_("代位求偿"), "other_insurance": N_("重复保险"), "cancellation": N_("合同解除"),
    "dispute": N_("争议处理"), "definition": N_("释义"), "general": N_("一般约定"),
}  # fmt: skip

# The term sheet's fields, as a comparison and the catalog head their rows and columns.
TERM_FIELD_NAMES = {
    "trigger": N_("责任触发方式"), "retroactive_period": N_("追溯期"), "limit_kinds": N_("赔偿限额"),
    "deductible_kinds": N_("免赔 / 比例赔付"), "deductible_applies": N_("免赔适用于"), "territory": N_("承保区域"),
    "period": N_("保险期间"), "premium": N_("保险费交付与合同生效"), "waiting_period": N_("等待期"),
    "notice_deadline": N_("出险通知"), "claim_deadline": N_("索赔期限"), "insurer_decision_deadline": N_("核定期限"),
    "payment_deadline": N_("赔付期限"), "settlement_consent": N_("和解须经保险人同意"), "defence": N_("保险人抗辩、处理权"),
    "limitation_period": N_("诉讼时效"), "subrogation_scope": N_("代位求偿范围"), "insurer_cancels": N_("保险人解除权"),
    "cancellation_fee": N_("退保手续费"), "refund_method": N_("退费方式"), "dispute_resolution": N_("争议处理"),
    "governing_law": N_("法律适用"),
}  # fmt: skip


def say(value: str | None, words: dict[str, str] = VALUE_WORDS) -> str:
    """A stored value as a reader sees it: a code (or several, space-separated) in
    its Chinese words from `words`; any other value (十五日, 一年, a printed word) as it is."""
    if not value:
        return ""
    codes = value.split()
    if all(c in words for c in codes):
        return "、".join(_(words[c]) for c in codes)
    return value


def yes_no(value: bool | None) -> str:
    return "" if value is None else _("是") if value else _("否")
