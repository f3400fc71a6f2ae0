"""Canonical exclusions of each line of business, beside the common list
(`tiaokuan.text.vocab.EXCLUSIONS`): an exclusion item is mapped with the common list
and the lists of its document's line, so a word that means one thing in a people
wording (疾病, 过敏, 等待期) never maps an item of a property or liability clause."""

from __future__ import annotations

import re

from .vocab import EXCLUSIONS, Canon


def _canon(key: str, label: str, words: str) -> Canon:
    return Canon(key, label, re.compile(words))


# --- people: accident, health and life -----------------------------------------
# The three 人身保险 lines share one list: their wordings draw on the same model
# exclusions (the industry's 示范条款 for 意外伤害, 健康 and 人寿), and a rider
# inherits its main clause's list, so an accident rider's medical exclusions and a
# health clause's accident exclusions are the same words.
PEOPLE_EXCLUSIONS: tuple[Canon, ...] = (
    _canon(
        "harm_by_policyholder",
        "投保人、受益人故意杀害或伤害被保险人",
        r"(?:投保人|受益人)[^。；]{0,10}故意(?:杀害|伤害|致)|故意(?:杀害|伤害)被保险人",
    ),
    # 自杀 is often excluded for two years only (《保险法》第四十四条); the item says so.
    _canon("self_harm_suicide", "故意自伤、自杀", r"自伤|自杀|自致伤害|自残"),
    _canon("fighting", "斗殴、挑衅", r"斗殴|殴斗|打斗|挑衅"),
    _canon(
        "resisting_arrest",
        "拒捕、被羁押或服刑期间",
        r"拒捕|刑事强制措施|拘留|服刑|在逃|入狱|羁押|依法采取强制措施",
    ),
    _canon("intoxication_drugs", "醉酒、毒品、管制药物", r"醉酒|酒精|毒品|管制药|麻醉品|吸毒"),
    _canon(
        "drunk_unlicensed_driving",
        "酒后驾驶、无有效驾驶证、无有效行驶证",
        r"酒后驾|醉酒驾|无(?:合法)?有效驾驶(?:证|执照|资格)|无(?:合法)?有效行驶证|无证驾驶|(?:未|没有)(?:取得|持有)[^。；]{0,4}驾驶证",
    ),
    _canon(
        "unlawful_transport",
        "非法搭乘、非营运交通工具、非乘客身份",
        r"非法搭乘|未经[^。；]{0,16}(?:登记|许可)的交通工具|非(?:商业)?营运|非以乘客的?身份|(?:未持有|无)有效(?:机票|客票|车票)",
    ),
    _canon(
        "rules_breach",
        "违反交通、安全或防疫规定",
        r"违反[^。；]{0,24}(?:交通管理|安全(?:生产|乘坐)|交通规则|传染病(?:管理|防治))|(?:未遵守|违反)[^。；]{0,10}(?:航空|交通)管理法规",
    ),
    # Cover bound to a trip, a conveyance or a site ends outside it.
    _canon(
        "outside_covered_activity",
        "约定的行程、交通工具或场所以外",
        r"离开[^。；]{0,6}交通工具|(?:踏上|登上)交通工具之前|(?:施工|生活|工作)区域外|非旅行社安排|自行离开|停工期间",
    ),
    _canon(
        "high_risk_activity",
        "高风险运动、职业体育",
        r"高风险(?:运动|活动)|潜水|跳伞|攀岩|蹦极|探险|滑翔|热气球|武术比赛|摔跤|特技|赛马|赛车|职业(?:或半职业)?(?:体育|运动员)|半职业|专业运动员",
    ),
    _canon(
        "aviation_activity",
        "航空或飞行活动（乘客身份除外）",
        r"航空(?:或飞行)?活动|飞行(?:驾驶员|活动)|空勤人员|置身于任何飞机|航空装置",
    ),
    _canon(
        "hazardous_occupation",
        "危险职业、军警执行公务",
        r"职业性操作|体力劳动|军人|警务人员|服军役|高空作业|处理爆炸物|水上作业|采矿业",
    ),
    _canon(
        "illness",
        "疾病、猝死、中暑、高原反应、感染等非意外原因",
        r"(?:罹患|身患|患有?|因|各类)疾病|疾病(?:导致|所致|引起)|猝死|中暑|高原反应|(?:细菌|病毒|寄生虫)[^。；]{0,6}感染",
    ),
    _canon("food_poisoning", "食物中毒、食物过敏", r"食物中毒|食物过敏"),
    _canon("drug_allergy", "药物过敏", r"药物过敏|药品过敏"),
    _canon(
        "self_medication",
        "未遵医嘱私自用药",
        r"未遵医嘱|违背医嘱|私自(?:服用|使用|涂用|注射)|未按使用说明",
    ),
    _canon(
        "medical_treatment",
        "医疗事故、手术及其他医疗行为",
        r"医疗事故(?!鉴定)|医疗行为|(?:内|外)科手术|内、外科手术|麻醉|药物治疗|医疗意外",
    ),
    _canon(
        "pregnancy",
        "妊娠、流产、分娩",
        r"妊娠|流产|分娩|怀孕|堕胎|安胎|宫外孕|剖宫产|引产|节育|绝育|产前产后|生育行为|先孕",
    ),
    _canon(
        "infertility",
        "不孕不育、人工授精、性功能障碍",
        r"不孕不育|人工(?:受|授)精|试管|配子|受精卵|辅助生殖|性功能障碍|包皮",
    ),
    _canon(
        "pre_existing",
        "既往症、投保前已患疾病或已存在的情况",
        r"既往症|(?:投保|生效)(?:前|之前)[^。；]{0,12}(?:已|已经)(?:患|罹患|存在|确诊|被确诊|被确认|有)|(?:投保|生效)(?:前|之前)(?:已|已经)?(?:患|罹患|存在|有)",
    ),
    _canon(
        "waiting_period",
        "等待期、观察期内发生",
        r"等待期|观察期|(?:生效|起)之日起[^。；]{0,8}(?:日|天)内[^。；]{0,4}(?:患|罹患|确诊)",
    ),
    _canon(
        "mental_disorder",
        "精神和行为障碍、心理疾病",
        r"精神(?:和|及|与)?行为障碍|精神(?:疾病|障碍)",
    ),
    _canon("hiv_std", "艾滋病、性传播疾病", r"艾滋病|HIV|AIDS|性病|性传播疾病"),
    _canon(
        "congenital_hereditary",
        "遗传性疾病、先天性畸形",
        r"遗传性疾病|遗传病|先天性|染色体异常",
    ),
    _canon(
        "cosmetic",
        "整容、美容、矫形",
        r"整容|美容|整形|矫形|隆鼻|隆胸|除皱|植毛|纹身|健美|减肥",
    ),
    _canon("dental", "牙科治疗", r"牙科|牙齿|洗牙|洁齿"),
    _canon(
        "non_treatment",
        "体检、疗养、康复、保健等非治疗项目",
        r"体检|身体检查|疗养|康复|静养|保健|预防性|特别护理|健康护理|健康咨询|健康预测|心理(?:咨询|治疗)|滋补",
    ),
    _canon(
        "non_medical_costs",
        "护理、伙食、误工等非医疗费用",
        r"护理(?:（陪住）)?费|陪住|取暖费|伙食费|误工费|停尸费|丧葬费",
    ),
    _canon(
        "appliances",
        "假肢、轮椅等辅助器具",
        r"假肢|假眼|假牙|义肢|义眼|义齿|轮椅|助听器|拐杖|残疾用具|辅助器具|康复性器具|医疗设备|医疗器械|配镜|眼镜",
    ),
    _canon("organ_transplant", "器官移植", r"器官移植|器官本身|捐献[^。；]{0,4}器官"),
    _canon(
        "experimental_unapproved",
        "实验性治疗、未获批准的治疗或药品",
        r"实验性|未经科学或医学认可|未(?:被|获得?)[^。；]{0,16}(?:批准|许可)的(?:治疗|药)",
    ),
    # 非处方药 is named as a carve-back of self-medication too (按说明使用非处方药不在此限):
    # only drugs bought without a prescription or outside the insured scheme are meant here.
    _canon(
        "non_prescription_drugs",
        "自购药品、非处方或超出医保范围的药品",
        r"未经医生处方|自行购买的药|所有非处方|超过医保|医保[^。；]{0,6}(?:以外|之外|外的)|医院药房",
    ),
    _canon(
        "unapproved_provider",
        "非约定医院、医生或不符合住院标准",
        r"非本(?:保险|附加险)?合同(?:约定|定义)的(?:医疗机构|医院|医生)|不符合[^。；]{0,12}(?:医疗机构|医院|入院标准)|不认可的医院|入院标准|挂床|拒不出院|非[^。；]{0,6}指定(?:医院|医疗机构)",
    ),
    _canon(
        "treatment_abroad",
        "境外就医",
        r"(?:境外|国外|海外)[^。；]{0,8}(?:就医|就诊|医疗|治疗|住院)",
    ),
    _canon("occupational_disease", "职业病", r"职业病"),
    _canon("appraisal_fees", "各类鉴定费用", r"鉴定"),
    _canon(
        "nbc_weapons",
        "生物、化学、原子能武器或核能装置",
        r"(?:生物|化学|原子)(?:能)?武器|原子能|核能|化学污染",
    ),
    _canon("disappearance", "失踪、宣告死亡", r"失踪|下落不明|宣告死亡"),
    # An illness cover excludes what an accident cover pays.
    _canon("accident_in_illness_cover", "意外伤害（疾病保险除外）", r"^被保险人遭受意外(?:伤害)?(?:事故)?[；。]?$"),
    _canon("no_certificate", "未取得有关部门的证明", r"未能?(?:获得|取得|提供)[^。；]{0,30}证明"),
    _canon(
        "main_clause_exclusions",
        "主险合同的责任免除",
        r"主险合同[^。；]{0,12}责任免除|责任免除[^。；]{0,12}(?:主险合同|同样适用)",
    ),
)


# --- agriculture: crops, livestock, forests -------------------------------------
# From the standard 种植险 / 养殖险 wordings (中央财政补贴型示范条款): the farmer's own
# management, diseases and pests the clause does not name, and the state's culling
# (covered only where the clause says so).
AGRICULTURE_EXCLUSIONS: tuple[Canon, ...] = (
    _canon(
        "mismanagement",
        "管理不善、违反种植或饲养技术规程",
        r"管理不善|饲养管理不当|违反[^。；]{0,12}(?:技术规程|操作规程|饲养|种植|防疫)|未按[^。；]{0,12}(?:技术要求|技术规程|防疫)",
    ),
    _canon(
        "pests_diseases",
        "病虫害、疫病（未列为保险责任的）",
        r"病虫害|病害|虫害|疫病|疫情|传染病|寄生虫病",
    ),
    _canon("culling", "政府扑杀、强制屠宰", r"扑杀|强制(?:宰杀|屠宰|销毁)|无害化处理"),
    _canon("stray_theft", "走失、被盗、被宰食", r"走失|丢失|被盗|被宰|偷盗"),
    _canon("malicious_damage", "他人恶意破坏、投毒", r"恶意破坏|投毒|人为破坏"),
    _canon(
        "no_mitigation",
        "未及时采取补救或防治措施",
        r"未(?:及时)?采取[^。；]{0,12}(?:补救|防治|施救|治疗|防疫|防控)措施|(?:发病|受灾)后[^。；]{0,6}(?:不|未)(?:及时)?(?:治疗|处理)",
    ),
    _canon("immunisation_quarantine", "未按规定免疫、检疫", r"免疫|检疫|耳标|畜禽标识"),
    _canon(
        "replanting",
        "补种、改种、套种",
        r"补种|改种|毁种|套种|间种|抢种",
    ),
    _canon("after_harvest", "收获后或生长期外的损失", r"收获(?:后|以后)|已(?:经)?收获|非(?:种植|生长)期"),
    _canon("market_price", "市场价格波动", r"价格(?:波动|下跌|变动)"),
)


# --- surety and credit -------------------------------------------------------------
# A surety bond (保证保险) and trade credit cover (信用保险) both pay for a debtor's
# default, and exclude what the insured or the parties did to the underlying contract.
SURETY_CREDIT_EXCLUSIONS: tuple[Canon, ...] = (
    _canon("collusion", "投保人与被保险人串通、恶意手段", r"串通|恶意手段|贿赂"),
    _canon(
        "contract_invalid",
        "基础合同无效、被撤销或解除",
        r"认定无效|(?:合同|文件|交易|协议)》?被(?:依法)?撤销|(?:法定|约定)解除",
    ),
    _canon(
        "unapproved_contract_change",
        "未经保险人同意变更基础合同",
        r"(?:变更|修改)[^。；]{0,50}(?:未|没有)(?:事先)?征得保险人|未经保险人[^。；]{0,8}同意[^。；]{0,30}(?:变更|修改)|擅自变更",
    ),
    _canon("unapproved_settlement", "未经保险人同意达成和解", r"和解协议|达成和解"),
    _canon(
        "insured_default",
        "被保险人违约、过错或未履行义务",
        r"被保险人(?:及其|或其)?(?:代理人|代表)?(?:的)?(?:任何)?(?:重大)?(?:原因|违约|违反|未履行|未(?:完全)?按照|未在|过错)"
        r"|因被保险人(?:的)?原因|被保险人或其代理人[^。；]{0,20}(?:违约|未履行|不当行为|错误)|被保险人根据[^。；]{0,12}应(?:该|当)?承担的责任",
    ),
    _canon("debtor_not_at_fault", "非因投保人（债务人）原因", r"不能归责于投保人|非因投保人(?:的)?原因"),
    _canon("interest_penalty", "利息、罚息、违约金", r"罚息|违约金|利息"),
    _canon("security_collateral", "保证金、担保物", r"保证金|担保物|抵押物|质押物"),
    _canon(
        "dispute_costs",
        "纠纷的法律费用、取证费用",
        r"纠纷所致的?任何法律费用|(?:收集|确认|证明)[^。；]{0,40}(?:所产生|产生)的?任何费用",
    ),
    _canon("commercial_dispute", "交易争议、贸易纠纷", r"贸易纠纷|(?:之间|任何方之间)(?:存在|发生|的)?(?:任何)?(?:争议|纠纷)"),
    _canon(
        "known_default_continued",
        "已知风险后仍继续履约或交付",
        r"仍继续(?:履行|交付|提供)|信用限额被撤销|(?:事先)?知道或(?:者)?应当知道[^。；]{0,30}(?:违反|负面信息)",
    ),
    _canon("debtor_excused", "债务人依法或依约可不付款", r"可以不履行|有权拒绝(?:付款|履行)"),
    _canon(
        "other_party_insolvency",
        "债务人以外的人丧失清偿能力",
        r"(?:以外|之外)的任何(?:第三方|人)[^。；]{0,10}(?:丧失清偿能力|无力偿付|支付违约|破产)|代理人破产",
    ),
    _canon("currency", "汇兑损失、货币贬值", r"汇兑|货币波动|贬值"),
    _canon("undeclared_trade", "未按约定申报的交易", r"未按[^。；]{0,12}申报"),
    _canon("related_transactions", "关联方交易", r"关联(?:方|企业|公司)交易|与关联(?:方|企业|公司)"),
    _canon("third_party_loss", "被保险人以外第三方的损失", r"被保险人以外[^。；]{0,6}第三方|以外第三方"),
    _canon(
        "bid_withdrawal_rebid",
        "撤回投标、重新招标",
        r"撤回[^。；]{0,4}投标|撤销其?投标|重新招标|投标被否决",
    ),
    _canon("force_majeure", "不可抗力", r"不可抗力|人力不可抗拒"),
    _canon("acceptance", "未经验收或验收缺陷", r"验收"),
    _canon("misuse", "违规操作、不按说明使用", r"违规操作|不按[^。；]{0,6}说明|违反[^。；]{0,6}(?:使用|操作)(?:说明|规程)"),
    _canon("product_recall", "产品召回", r"召回"),
    _canon(
        "uninspected_expired",
        "未经检验、不合格或超过有效期的产品",
        r"未经检验|检验不合格|超过[^。；]{0,10}(?:有效期|保质期|安全使用期)",
    ),
    _canon("development_risk", "当时技术水平不能发现的缺陷", r"技术水平尚?不能发现"),
)


_BY_LINE: dict[str, tuple[Canon, ...]] = {
    "accident": PEOPLE_EXCLUSIONS,
    "health": PEOPLE_EXCLUSIONS,
    "life": PEOPLE_EXCLUSIONS,
    "agriculture": AGRICULTURE_EXCLUSIONS,
    "surety": SURETY_CREDIT_EXCLUSIONS,
    "credit": SURETY_CREDIT_EXCLUSIONS,
    # written before the lines were told apart (tiaokuan.model.LEGACY_LINES)
    "accident_health": PEOPLE_EXCLUSIONS,
    "surety_credit": SURETY_CREDIT_EXCLUSIONS,
}


def exclusions_for(line: str | None) -> tuple[Canon, ...]:
    """The canonical exclusions an item of a clause of `line` is mapped with: the
    common list, then the line's own (none for a line without one, or None)."""
    return EXCLUSIONS + _BY_LINE.get(line or "", ())
