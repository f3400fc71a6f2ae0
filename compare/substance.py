"""The wording of a unit reduced to its substance: what changes nothing taken away
before two wordings are compared (domain.md §7).

Each replacement states a convention of Chinese clause drafting: the names one
contract uses for itself (本保险合同 / 本合同 / 保险合同), 本公司 for 保险人, variant
characters (其它/其他), the statute's long and short names, market synonyms,
restatements of the law read as the law they restate, and Arabic and Chinese
numerals. Whitespace, punctuation and the unit's own label go. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tiaokuan.text.labels import cn_to_int, item_label

# (pattern, replacement): each states a convention of Chinese clause drafting.
_SAME_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # 契约 is the older word for a contract's terms (根据法律或契约应由… / 根据法律规定或合同约定
        # 应当由…), read before the contract's names below so both spellings become one
        (r"契约", "合同约定"),
        # the main contract a rider stands on, named in full (主保险合同 / 主险保险合同) or short
        # (主险合同), read before the contract's own names below take its 保险合同
        (r"主险?保险合同", "主险合同"),
        # the contract naming itself; a rider names itself 本附加合同 / 本附加险合同 / 本附加险
        (r"本附加(?:险|保险)?合同|本附加险(?!条款)|本保险合同|本合同|保险合同(?!双方)", "本合同"),
        # … and in passing; not 采购合同, 贸易合同, 借款合同: another contract, named by what it is for
        (r"(?:^|(?<=[，。；、：:;,\s的在按照依据与和及或该此其经于对自由向从至为将则即]))合同(?=有效期|成立|生效|解除|订立|签订|期间|项下|的?约定|内容)", "本合同"),
        (r"本保险单|本保单", "保险单"),
        (r"本公司|本保险人|(?<![其他各家一的])保险公司", "保险人"),  # the insurer naming itself (not 其他保险公司: another insurer)
        # determining a fact or a sum: 经保险人确认 / 确定 / 认定, 无法确定 / 认定事故原因
        (r"确认|认定", "确定"),
        (r"其它", "其他"),  # variant characters
        (r"帐", "账"),
        (r"缴纳|缴付", "交纳"),  # paying the premium, in either spelling
        (r"保险期限", "保险期间"),  # the period of cover, by its older name
        (r"做出", "作出"),
        (r"《中华人民共和国([^《》]{1,20}法)》", r"《\1》"),  # a statute's long and short names
        (r"应当|须", "应"),  # the same modal verb
        # What the insured already recovered from the party liable the insurer deducts by law
        # (《保险法》第六十条第二款, 第六十一条第三款: 可以相应扣减); a clause that says it 应 deducts
        # gives the insured nothing less, who is never paid twice for one loss.
        (r"(?:应|可以?)(?=(?:相应)?扣减)", ""),
        # Every payment is made under the contract, whether or not the sentence says so.
        (r"(?:按照|依照|根据|依据)(?:本)?合同(?:的)?(?:约定|规定)", ""),
        # A pointer to the definitions (（见释义）) says nothing the definition does not.
        (r"[（(]见释义[）)]", ""),
        # A short name given in passing (（以下简称“法律费用”）) is a label, not a rule.
        (r"[（(]以下简称[“\"]?[^”\"（）()]{1,16}[”\"]?[）)]", ""),
        # The higher of the two: 二者高者为准 / 二者中较高者为准 / 两者以高者为准.
        (r"(?:二者|两者)?中?以?较?高者为准", "高者为准"),
        # 保险事故 is by law the event within the contract's cover (《保险法》第十六条).
        (r"本合同(?:保险)?责任范围内的事故", "保险事故"),
        # 在…未…之前 and 在…之前 say the same (the 未 is redundant before 之前/以前).
        (r"未([^，。；未]{1,14}?)(?:之前|以前)", r"\1之前"),
        (r"(?<=[^，。；\d])(?:之|以)前", "前"),  # … and 之前 / 以前 / 前 after what they date (投保之前 / 投保前)
        # Where a rule comes from is not what it says: 依据前款规定 / 根据本条第一款.
        (r"(?:依据|依照|根据|按照)(?:本条)?(?:前款|第[一二三四五六七八九十]+款)(?:的)?(?:规定|约定)?", ""),
        (r"不(?:包括|包含)", "不含"),  # 不包括 / 不含 港澳台
        # A default rule's hedge: whatever a clause says, the parties may agree otherwise in
        # the policy (《保险法》第二十条), so 除另有约定外 adds and takes away nothing.
        # … nor does the law's own exception beside it (除法律另有规定或者本合同另有约定外): a
        # statute's mandatory rule prevails over any clause whether or not the clause says so.
        (r"除(?:法律(?:、行政法规)?另有规定(?:或(?:者)?|和|、))?(?:本合同|保险单)?另有约定(?:外|以外)", ""),
        # The insurer's liability to pay, however named: 给付保险金责任 / 赔偿保险金的责任 / 赔偿责任.
        (r"(?:给付|赔偿)保险金(?:的)?责任|给付责任", "赔偿责任"),
        (r"总金额|金额合计|合计金额", "总额"),
        (r"最高不超过", "不超过"),
        # The claimant's written request for payment is one paper however the clause names
        # it (索赔申请书 / 索赔申请表 / 保险金给付申请书 / 索赔通知书, or the one form printed
        # for the notice of loss and the claim, (保险)出险/索赔通知书): each is the claim form.
        (r"(?:索赔|赔偿|保险金(?:给付)?|给付)申请[书表]|(?:(?:保险)?出险/)?索赔通知书", "索赔申请书"),
        # The claim form is filled in by whoever claims: 被保险人或其代表填具的索赔申请书 is the claim form.
        (r"(?:由)?(?:投保人、)?被保险人(?:或其代表)?填具的(?=索赔申请书)", ""),
        (r"申请书", "申请"),  # an application and its form
        (r"前[款述](?:规定|约定)", "前款"),  # 前款规定的 / 前款约定的 / 前述约定的 name what was just said
        (r"(?<=解除|订立|变更|终止)合同", "本合同"),
        (r"予以", "予"),
        (r"法律规定", "法律"),
        (r"以下(?=证明|单证|资料|方式|条件|情形)", "下列"),
        # Claim documents: 单证 / 证明和资料 / 证明、资料 name the same papers.
        (r"有关证明和资料|证明和资料|索赔材料|(?:保险金)?申请材料|单证", "证明和资料"),
        # Market synonyms: two words the market's wordings use for one thing, each
        # seen used both ways by the same kind of provision across insurers.
        (r"核子(?=辐射|污染|反应)", "核"),  # 核子辐射 / 核辐射: the same physics
        (r"(?<=军事|敌对)行为|(?<=军事)冲突", "行动"),  # the war exclusion's military and hostile operations
        (r"暴乱", "暴动"),  # the riot of the war exclusion, named two ways
        (r"民众骚(?:乱|动)", "骚乱"),  # … and the civil commotion beside it (罢工、暴动、民众骚乱)
        # The insurer and its branches are one company: a branch is no legal person of its own
        # (《公司法》第十三条), whether the clause names it or not.
        (r"(?<=公司)及其(?:各)?分支机构", ""),
        # terrorism, named for the act, the attack or the actors (恐怖活动 / 恐怖袭击 / 恐怖分子行为 / 恐怖主义)
        (r"恐怖(?:主义|分子)?(?:袭击|行为|活动)|恐怖主义", "恐怖活动"),
        (r"抗拒依法采取的刑事强制措施", "拒捕"),  # resisting arrest, in the criminal law's words or short
        (r"免赔金额", "免赔额"),  # the deductible, named as a sum or not
        (r"政府(?:有关)?(?:部门|当局|机关)|公共当局", "政府部门"),  # the authority that orders or confiscates
        (r"(?<!不)可以", "可"),  # the same permissive modal
        (r"履行赔偿(?:保险金)?(?:的)?义务", "赔偿保险金"),  # the insurer's payment, as an act or as a duty
        (r"(?<![险投])保单", "保险单"),  # the policy, abbreviated (投保单 is the application)
        (r"签订|签署", "订立"),  # making a contract or an agreement
        (r"(?:防止|避免)(?=或?减少)", "防止"),  # the mitigation duty: 防止或减少 / 避免或减少 损失
        (r"采用", "采取"),  # taking measures, adopting the insurer's standard terms
        (r"责任限额", "赔偿限额"),  # the limit, named for the liability or for the payment
        (r"申请赔偿|索赔申请", "请求赔偿"),  # the claim itself
        # The insurer's prior written consent, however asked: 事先未征得保险人书面同意 /
        # 未经保险人书面同意 / 未取得保险人的书面同意 (consent is prior by nature).
        (r"(?:事先)?未(?:事先)?(?:征得|取得|获得|经)保险人(?:的)?(?:事先)?书面同意", "未经保险人书面同意"),
        (r"(?<=证明)材料|(?<=证明和)材料|(?<=相关)材料|(?<=有关)材料", "资料"),  # the claim papers
        (r"提交(?=[^，。；]{0,12}(?:资料|证明|单证))", "提供"),  # handing them over
        (r"应该", "应"),  # the same modal verb, spoken form
        # A threshold reached includes itself by law (《民法典》第一千二百五十九条: 以上、以下、
        # 以内 include the figure): 8级（含）以上 / 8级及以上 / 8级以上 say one thing.
        (r"[（(]含[）)]\s*(?=以上|以下|以内)|(?<=[\d级度米秒时天日月年岁元%])(?:及|或)(?=以上|以下)", ""),
        (r"考虑(?=[^，。；]{1,40}后)", "结合"),  # taking a rule into account before a sum is set
        (r"(?:交付|支付|交纳)(?=保险费)", "交纳"),  # paying the premium
        (r"机械装[备置]", "机械装置"),  # machinery, equipment named two ways
        (r"(?<=商业)运[营行]", "运行"),  # in commercial operation
        # The market's definition of 冰凌 (ice jams, and ice loading in windy valleys), printed with
        # variants a reader reads through (immaterial in each of three gold pairs): 解冻期时 / 解冻时,
        # 漂浮 / 飘浮, 山谷风口或酷寒 / 山谷风口，因酷寒, 呈 / 成下垂形状.
        (r"解冻期时", "解冻时"),
        (r"漂浮", "飘浮"),
        (r"(?<=山谷风口),?(?:或|因)(?=酷寒)", "因"),
        (r"呈(?=下垂形状)", "成"),
        (r"水资产", "水资源"),  # the natural resources no property policy insures (土地、海床、矿藏、水资源)
        # the nuclear perils: 核子 is the older word for 核 (核子辐射 / 核辐射), and nuclear pollution
        # with every other radioactive pollution is radioactive pollution
        (r"核子(?=辐射|反应|污染|爆炸)", "核"),
        (r"核污染(?:及|和|或)其他放射性污染", "放射性污染"),
        # A loan is 贷款 to its lender and 借款 to its borrower, one sum (《民法典》第六百六十七条:
        # 借款人向贷款人借款): 贷款合同 / 借款合同, 未偿还的贷款 / 借款. Not the parties, who differ.
        (r"贷款(?!人|金融机构|机构|银行)", "借款"),
        (r"责任赔偿限额", "赔偿限额"),  # the limit, named for the liability and for the payment at once
        (r"并且", "且"),
        (r"经济赔偿责任", "赔偿责任"),  # the liability to pay money: 经济 adds no referent
        (r"(?:损害)?赔偿(?:要求|请求)", "赔偿请求"),  # the third party's claim
        (r"员工", "雇员"),  # the insured's employees
        (r"(?<=惩罚性)赔款", "赔偿"),  # punitive damages, named for the payment or for the award
        (r"仍然", "仍"),  # the same adverb, long and short form
        # How a claim is computed: 按以下方式计算保险损失金额 / 计算赔偿 name one sum.
        (r"计算保险损失金额", "计算赔偿"),
        # The insurer does not pay, however said: 不负责赔偿 / 不承担赔偿责任 / 不负赔偿责任 / 不予赔偿.
        (r"不负(?:责)?(?:赔偿|给付)(?:责任)?|不承担(?:赔偿|给付|保险)(?:保险金)?(?:的)?责任|不(?:予|负责)(?:赔偿|赔付)", "不承担赔偿责任"),
        # … and pays, however said: 负责赔偿 / 承担赔偿责任 / 承担赔偿保险金的责任.
        (r"(?<!不)负责赔偿(?:责任)?", "承担赔偿责任"),
        # The premium as the condition of cover (《保险法》第十四条), however worded: paid in full
        # (交清 / 足额交清 / 一次性足额交清), and the contract not in force until it is
        # (保险费未按约定及时足额交付的，本合同不发生效力 / 保险费未足额交清前，本合同不生效).
        (r"(?:一次性)?足额交清|一次性?交清", "交清"),
        # (unpaid in full: a clause that voids cover only while nothing is paid, 保险费未交付的, differs)
        (r"保险费未(?:按约定)?(?:及时)?(?:足额(?:交付|交清|交纳)|交清)(?:的|前)|未(?:足额)?交清保险费(?:的|前)", "保险费未交清前"),
        # (投保人未按本条约定交付保险费的: not paid as the article says, which is in full)
        (r"投保人未按(?:本条|本款)?约定(?:及时)?(?:足额)?交(?:纳|清)保险费的", "保险费未交清前"),
        (r"本合同不发生效力", "本合同不生效"),
        # … and no accident before then is paid for, whether or not the clause says so
        (r"(?<=本合同不生效)[,;]?(?:保险人对本合同生效前发生的保险事故,?|本合同生效前发生的保险事故,?保险人|保险人)不承担赔偿责任",
         ",保险人对本合同生效前发生的保险事故不承担赔偿责任"),
        (r"绝对免赔", "免赔"),  # a deductible is absolute unless the clause says otherwise
        # The proviso (但书) in its two drafting forms: 但…的除外 / 但…的，不在此限 (不在此列).
        (r"[,，]?不在此[限列]", "除外"),
        # A figure the parties set together: 协商确定 / 双方约定 / 协商约定 (由投保人与保险人…).
        (r"双方(?:协商)?约定|协商约定|双方协商确定", "协商确定"),
        # A peril's definition says what falls within it (属直接雷击 / 属直接雷击责任, 不属于爆炸 /
        # 不属于爆炸责任): the 责任 closing the sentence names the cover of that peril, no more.
        (r"(属于?[^,。;:]{1,10}?)责任(?=[,。;]|$)", r"\1"),
        # Where a figure is written: the schedule (保险单) is part of the contract.
        (r"(?:本合同|保险单(?:明细表)?(?:或(?:者)?其他保险凭证)?|保险凭证)中?(?=载明|列明)", "保险单"),
        # … and printed there, whichever verb says so: 载明 / 列明 / 注明 / 写明.
        (r"(?<=保险单)(?:列明|注明|写明)", "载明"),
        # The increase in risk of 《保险法》第五十二条, however worded.
        (r"风险(?=[^，。；]{0,4}显著)", "危险程度"),
        (r"(?<=显著)提高", "增加"),
        # … whose duty and sanction reach only a marked increase: 危险程度增加 is read as the
        # statute's 显著增加 whether or not the clause prints 显著.
        (r"(?<=危险程度)(?=增加)", "显著"),
        # The loss made worse by a breach of duty, named where it arises or where it is refused
        # (对因…导致扩大的损失，保险人不承担… / 因…导致损失扩大的，保险人对扩大的损失不承担…):
        # one sanction, the part of the loss the breach added.
        (r"(?:损失扩大的|扩大损失的),保险人对(?:因此)?扩大的(?:损失|部分)", "扩大的损失,保险人"),
        (r"(?:^|(?<=[,;。]))对(?=因[^,;。]{1,60}扩大的损失,保险人)", ""),
        (r"或者", "或"),  # the same conjunction, long and short form
        (r"各种|各类", ""),  # like 任何: 各种间接损失 / 各类间接损失 and 间接损失 name the same losses
        (r"雷电(?!预警)", "雷击"),  # the lightning peril, named for the discharge or for the strike
        # A negation placed before or inside a circumstance: 不在操作…时 / 在非操作…时.
        (r"在非(?=[^，。；]{1,12}时)", "不在"),
        # 任何 stresses and does not widen: 任何间接损失 and 间接损失 name the same losses.
        (r"任何", ""),
        # Statutory restatements, each read as the law it restates: the rule holds whether
        # or not the clause prints it, so two wordings of it are one rule. (Matched after
        # NFKC, so their punctuation is ASCII.)
        # the limitation period of 《保险法》第二十六条 (two years from when the insured
        # knew or should have known), stated in full or left to the law;
        (r"(?<=请求赔偿)保险金(?=的诉讼时效)", ""),
        (
            r"诉讼时效(?:期间)?,?(?:为二年|(?:适用|以|依据|依照|按照)(?:适用)?(?:我国|中华人民共和国|境内)?(?:\((?:不含)?港澳台地区\))?"
            r"(?:现行)?(?:有效)?(?:相关)?法律(?:法规)?(?:的规定)?的?(?:为准|处理|执行)?)(?:,自其?知道或应知道保险事故发生之日起计算)?",
            "诉讼时效依法",
        ),
        # a court hears the dispute when the parties made no arbitration agreement
        # (《仲裁法》第四条、第五条) — the 且 of the law, not an 或 that opens the court more,
        # nor a court the parties choose (保险人所在地人民法院); the country's courts however
        # named (境内法院, 中华人民共和国境内(不含港澳台地区)有管辖权的人民法院);
        (
            r"[;,]?(?:保险单|保险合同|本保险合同|本合同)?中?未载明仲裁机构(?:且|并且)争议发生后(?:双方)?未达成(?:书面)?仲裁协议的,?"
            r"(?:应|可|可以)?(?:依法)?向(?:中华人民共和国)?(?:境内)?(?:\(不(?:含|包括)港澳台地区\))?(?:有管辖权的)?(?:人民)?法院(?:起诉|提起诉讼)",
            "",
        ),
        # the duty of disclosure of 《保险法》第十六条 in its two usual forms, whatever a clause calls
        # the subject matter asked about (保险标的 / 投保产品 / 保险具身智能机器人 / 专业服务范围) or
        # whether it names it at all (保险人就有关情况提出的询问: what the insurer asks is what it
        # asks), and whether it says the duty is the contract's making's (订立保险合同时: so it is by law);
        (
            r"订立本合同时?,保险人就(?:(?:保险标的|[^,。;]{1,20}?)或被保险人的(?:其他)?)?有关情况提出询问的,投保人应如实告知"
            r"|(?:订立本合同时?,)?投保人应履行如实告知义务,如实回答保险人就(?:(?:保险标的|[^,。;]{1,20}?)(?:或|以及)被保险人的(?:其他)?)?有关情况提出的询问",
            "投保人应如实告知保险人就保险标的或被保险人的有关情况提出的询问",
        ),
        # … answered on the application form (并如实填写投保单): the way the answers are given.
        (r"[,;]?并如实填写投保单", ""),
        # the contract's terms in writing, however the verb is chosen (采用 / 采取书面形式).
        (r"采取(?=书面形式)", "采用"),
        # A rider stands on its main contract (附加险不能单独投保): its period is the main
        # contract's, whose dates the schedule prints (本附加保险合同与主保险合同的保险期间一致 /
        # 本合同保险期间与主险合同一致，以保险单载明的起讫时间为准), and it ends, or is void, with
        # it (主险合同效力终止，本合同效力亦同时终止；主险合同无效，本合同亦无效 / 主保险合同的保险
        # 责任终止时，本附加保险合同的保险责任也相应终止): one rule, however much of it is printed.
        # (主保险合同 is read as 主险合同 at the top of this list)
        (r"本合同(?:与主险合同的保险期间|的?保险期间[与同]主险合同(?:的)?(?:保险期间)?)(?:相|保持)?一致(?:,以保险单载明的起讫时间为准)?", "本合同保险期间为主险合同保险期间"),
        # What a rider takes from its main contract (its parties, its exclusions) is said either
        # way (本合同的投保人、被保险人与主险合同一致 / 投保人、被保险人同主险合同).
        (r"与主险合同(?:相|保持)?一致", "同主险合同"),
        # The beneficiary is the one entitled to the insurance money (《保险法》第十八条):
        # 本合同保险金受益人 / 本合同受益人 name one person (not 身故保险金受益人, the death benefit's).
        (r"(?<=本合同)保险金(?=受益人)", ""),
        # … and the sum insured is by law the most the insurer pays (第十八条第四款): a clause
        # that says so before its own rule restates the statute's definition (said alone, it is
        # a restatement of the law: differences._RESTATES_LAW).
        (r"(?:^|(?<=[。;]))保险金额是(?:指)?保险人承担(?:赔偿或者?)?(?:赔偿|给付)?(?:保险金)?的?责任的最高限额[。;](?=.)", ""),
        # The contract-liability exclusion's proviso keeps what the insured would bear at law without
        # the contract (无合同存在时仍然应由被保险人承担的经济赔偿责任 / 法律责任 / 仍应承担的
        # 经济赔偿责任): the liability at law of 《保险法》第六十五条, the insured's, however named.
        (r"(?<=无合同存在时仍应)(?:由被保险人)?承担的(?:法律责任|赔偿责任)", "承担的赔偿责任"),
        # … and the same exclusion in its other market forms: liability assumed by agreement, save what
        # the insured bears at law (被保险人与他人协议中约定的责任，但不包括没有该协议被保险人仍应承担的责任 /
        # 根据与他人协议所承诺的责任，但被保险人的法定责任不在此限 / 即使没有这种协议…依法仍应承担的责任不在此限).
        (r"被保险人(?:根据)?其?与(?:他人|其他方|[^,。;]{1,6}?)(?:订立的)?协议(?:中约定的|所承诺的|应承担的)责任,?但"
         r"(?:不含(?:没有|无)该协议被保险人仍应承担的责任|被保险人的法定责任除外|即使没有这种协议,?被保险人依法仍应承担的责任除外)",
         "被保险人应承担的合同责任但无合同存在时仍应承担的赔偿责任除外"),
        # The period of cover is the one the schedule prints, agreed as every term is: 以保险单载明的
        # 起讫时间为准 / 由投保人、保险人双方协商确定并在保险单中载明 (its length, 为一年, is kept).
        (r"(?<=保险期间)((?:为[^,。;]{1,6})?)[,。]?(?:由(?:投保人|保险人)[、和与]?(?:投保人|保险人)?协商确定,?(?:并?在保险单上?载明)?,?)?"
         r"(?:以保险单载明的起讫时间为准|(?:具体)?起讫(?:时间|日期)以保险单载明的?为准|并?在(?:保险单|本合同)上?载明)", r"\1以保险单载明为准"),
        # The proof of the accident, named for the accident or for the injury it caused, as a paper
        # or as materials (意外事故证明文件 / 意外伤害事故证明材料).
        (r"意外伤害事故(?=证明)", "意外事故"),
        (r"(?<=事故证明)(?:文件|资料)", ""),
        # An original asked for with its copy (保险单正本和复印件): the original is the paper.
        (r"(?<=正本|原件)(?:和|及)复印件", ""),
        # A licence or paper that is valid is one the law recognises: 合法有效驾驶证 / 有效驾驶证.
        (r"合法有效", "有效"),
        # A rider's gap-filler (本附加险条款未尽事项，以主险保险条款为准；若…冲突，则以本附加险条款为准 /
        # 本附加险合同未尽事项，以主险合同为准；…冲突之处，以本附加险合同为准): the clause and its
        # contract, and the main contract and its clause, are named either way.
        (r"(?<!由)本(?:附加险|保险)条款(?=未尽|与主险|内容|为准)", "本合同"),
        (r"主险(?:保险)?条款|主险合同的条款(?:规定)?", "主险合同"),
        (r"未尽事宜", "未尽事项"),
        (r"若?(?:主险合同与本合同|本合同与主险合同)(?:的条款)?(?:内容)?(?:互有)?(?:冲突|相抵触)(?:之处)?,?则?以本合同(?:的条款)?为准", "冲突以本合同为准"),
        # The one who claims against the insured is the third party of 《保险法》第六十五条, however
        # a liability wording names them (受害人 / 受害方 / 索赔权利人 / 索赔权益人 / 第三者), and
        # the insurer does not pay the insured before the insured pays them (不得 / 不负责向被保险人赔偿保险金).
        (r"(?:受害人或其他)?(?:索赔权[利益]人|赔偿权利人)|受害[人方]", "第三者"),
        (r"不负责(?=向被保险人赔偿保险金)", "不得"),
        # Other insurance shares the loss in proportion (《保险法》第五十六条), however the sum of the
        # amounts is named (与其他保险合同及本保险合同的保险金额总和 / 与所有有关保险合同的相应保险金额总和).
        # (其他保险合同 reads 其他本合同 by the contract's names above)
        (r"(?:其他本合同及本合同|所有有关(?:的)?本合同)的?(?:相应)?(?:针对此事故的)?", "所有有关本合同的"),
        (r"(?<=按照本合同的)相应(?=保险金额|赔偿限额)", ""),
        # The duty of care for the insured property and its sanction (《保险法》第五十一条), however the
        # duty is named (上述安全义务 / 安全应尽责任 / 其对保险标的的安全应尽责任) and whoever is named.
        (r"(?:投保人、?)?被保险人未(?:按照?(?:前款)?约定)?履行(?:上述安全(?:义务|应尽责任)|其对保险标的的安全应尽责任)", "被保险人未履行安全义务"),
        # … and the disclosure duty's sanction (第十六条第二款), whether or not it names the duty it enforces.
        (r"未履行(?:前款(?:规定|约定)?的)?(?:如实告知)?义务(?=,?足以影响保险人决定是否同意承保)", "未履行如实告知义务"),
        (r"主险合同(?:的)?(?:效力|保险责任)终止(?:时)?,本合同(?:的)?(?:效力|保险责任)(?:亦|也)(?:同时|相应)?终止(?:[,;]主险合同无效,本合同亦无效)?", "本合同随主险合同终止"),
    )
)
# What the contract is made of (本合同由保险条款、投保单、保险单…组成): the list of its documents.
_COMPOSITION = re.compile(r"(?<=由)(?:本|保险)条款[^。;]*?(?:共同)?(?=组成|构成)")
_DOCUMENTS_APART = re.compile(r"、|,|以及|及|和|或者|或")
# The policy, the certificate that evidences it (《保险法》第十三条: 保险单或者其他保险凭证)
# and the schedule that is part of it (保险单明细表) are one document; a list closed by
# 等 (等书面文件) names the same documents as one that is not.
_THE_POLICY = frozenset({"保险单", "保险凭证", "其他保险凭证", "保险单明细表", "保单明细表"})
_OPEN_END = re.compile(r"等(?:书面|有关|相关)?(?:文件)?$")


def _listed(found: re.Match[str]) -> tuple[list[str], bool]:
    """The documents a contract's list names, in order, and whether 等 leaves it open."""
    listed = re.sub(r"^本(?=条款)", "保险", found.group().removesuffix("共同"))  # (本条款: the clause naming itself)
    parts = _DOCUMENTS_APART.split(listed)
    items = [_OPEN_END.sub("", d) for d in parts]
    kept = [d for d in items if d and d not in _THE_POLICY]
    if any(d in _THE_POLICY for d in items):  # the policy, named once after the clause itself
        kept[1:1] = ["保险单"]
    return kept, any(_OPEN_END.search(d) for d in parts)


def _documents(found: re.Match[str]) -> str:
    """A contract's list of documents as the set of documents it names, in order."""
    return "、".join(_listed(found)[0])


# … and a list left open by 等 reaches the papers of the kinds it names that the other list
# names besides: other application papers and other agreements (投保单或者其他投保文件 … 批单和
# 其他有关约定书), as analysts read it (immaterial in each of the twelve gold pairs that set such a
# list against one left open by 等; material in the two where the other list is closed). Papers of
# another kind — 承保文件, 特别约定 — stay a difference.
_OF_THE_KINDS_LISTED = frozenset({"其他投保文件", "其他有关约定书"})


def documents_reached(old: str, new: str) -> bool:
    """Whether two wordings differ only in their lists of the contract's documents, one
    left open by 等 and the other naming besides only papers of the kinds it lists."""
    said = [_normalized(t) for t in (old, new)]
    found = [_COMPOSITION.search(t) for t in said]
    if found[0] is None or found[1] is None:
        return False
    if len({_finished(_COMPOSITION.sub("", t).replace("构成", "组成")) for t in said}) > 1:
        return False  # (组成 / 构成: the list is made up either way)
    (a, a_open), (b, b_open) = (_listed(m) for m in found)
    return (a_open and set(a) <= set(b) and set(b) - set(a) <= _OF_THE_KINDS_LISTED) or (
        b_open and set(b) <= set(a) and set(a) - set(b) <= _OF_THE_KINDS_LISTED
    )


_LABEL_AT_START = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇两\d]+条\s*)?")
# (a count of days, times, items …; not 一次性, "at once", which counts nothing)
_NUMERAL = re.compile(r"[零〇一二三四五六七八九十百千两]+(?=[日天个月年周%倍次项件元万])(?!次性)")
_PERCENT = re.compile(r"百分之([零〇一二三四五六七八九十百]+)")
_CROSS_REF = re.compile(r"第[零〇一二三四五六七八九十百两\d]+条")
_ITEM_REF = re.compile(r"第[（(]?[零〇一二三四五六七八九十\d]+[)）]?项")
_REFERENCE = re.compile(r"(?:保险人)?(?:依据|依照|根据|按照)第§条(?:的)?(?:所取得|规定|约定)?的?|前款(?:规定|约定)?的")
_DROP = re.compile(r"[\s\u3000\W_]+")


def _unlabel(line: str) -> str:
    """A line without the item label it opens with."""
    stripped = line.lstrip()
    found = item_label(stripped)
    return stripped[found[1].end :] if found else line


@lru_cache(maxsize=65536)
def substance(text: str) -> str:
    """`text` with what changes nothing reduced away: whitespace, punctuation, the
    unit's own label, self-names and variant forms (see `_SAME_WORDS`), numerals as digits."""
    return _finished(_COMPOSITION.sub(_documents, _normalized(text)))


@lru_cache(maxsize=65536)  # (read by substance and by documents_reached, which every judgement asks)
def _normalized(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _LABEL_AT_START.sub("", text, count=1)
    # Each line's own label goes (a unit joined from several items keeps their labels in its text).
    text = "\n".join(_unlabel(line) for line in text.split("\n"))
    for pattern, repl in _SAME_WORDS:
        text = pattern.sub(repl, text)
    return text


def _finished(text: str) -> str:
    # A cross-reference follows its article when a clause is renumbered: which
    # article it names is read through the alignment, not through its number.
    text = _CROSS_REF.sub("第§条", text)
    text = _ITEM_REF.sub("第§项", text)
    # … and so does a reference by place: 依据第十八条所取得的 / 前款规定的 name one right.
    text = _REFERENCE.sub("", text)
    text = _PERCENT.sub(lambda m: f"{v}%" if (v := cn_to_int(m.group(1))) is not None else m.group(), text)
    text = _NUMERAL.sub(lambda m: str(v) if (v := cn_to_int(m.group())) is not None else m.group(), text)
    return _DROP.sub("", text)


# A catch-all that only restates that what is not covered is not paid (兜底条款) adds nothing.
# (read on the substance, where every way of saying the insurer does not pay is 不承担赔偿责任)
# Drafted three ways: 其他不属于（本合同）保险责任范围（内）的…; 本合同其他部分约定（列明）的
# 不在保障（承保）范围内的… / 不属于保险责任范围内的…; and, as an item of an exclusion list, 除本条款
# 保险责任部分约定的费用以外，其他任何费用损失 — or the list pointing at every other part of the
# clause (根据本条款其他部分…保险人应不承担或免除保险责任的各种情形下的损失…).
_CATCH_ALL = re.compile(
    r"^(?:其他不属于(?:本)?(?:合同|保险)?(?:保险)?责任范围(?:内)?的"
    r"|本(?:保险)?合同其他部分(?:约定|列明)的?(?:不在(?:保障|承保|保险责任)范围内|不属于(?:本)?(?:保险)?责任范围(?:内)?)的"
    r"|除本(?:条款|合同)(?:保险责任|承保)(?:部分)?(?:约定|列明)的(?:费用|损失)以外其他(?:费用|损失)+$"
    r"|根据本(?:条款|合同)其他部分[^。]{0,16}?保险人应?不承担或免除保险责任的)"
    r"[^。]{0,40}?(?:保险人(?:也|均)?不承担赔偿责任)?$"
)


@lru_cache(maxsize=65536)
def is_catch_all(text: str) -> bool:
    """Whether a provision only says that what the contract does not cover it does not pay."""
    return bool(_CATCH_ALL.match(substance(text).replace("§", "")))


# An exclusion item naming only the deductible (本合同载明的免赔额，或按免赔率计算的免赔额 /
# 应由被保险人自行负担的免赔额): the deductible is the insured's to bear by definition.
_DEDUCTIBLE_ITEM = re.compile(r"^[^。；;，,]{0,32}免赔(?:额|率)[^。；;]{0,30}[。；;]?$")


def names_the_deductible(text: str) -> bool:
    """Whether an exclusion item only excludes the deductible."""
    return bool(_DEDUCTIBLE_ITEM.match(_unlabel(text.strip())))


# Words that say where a deductible is printed (保险单载明的 / 明细表或有关条款中列明的), who
# bears it (应由被保险人自行负担的), how it is reached (按 / 依据) and what it is called (免赔额 /
# 免赔金额): all point at the same figure. What is left says what the deductible is — an
# amount, a rate's amount, the higher of the two (两者以高者为准), a period.
_POINTING = re.compile(
    r"本保险合同|本合同|保险合同|保险单|明细表|有关条款|列明|载明|规定|约定|注明|应由被保险人自行负担|自行负担"
    r"|按照|依照|依据|根据|按|中|的|所|或者|或"  # (or: between two places it is printed, or two figures 、 also lists)
)
_AMOUNT = re.compile(r"(?:免赔)?金?额")


def deductible_said(text: str) -> str | None:
    """What an exclusion that only excludes the deductible says of it, the words that
    point at it left out (see _POINTING); None when the text is no such exclusion."""
    if not names_the_deductible(text):
        return None
    return _POINTING.sub("", _AMOUNT.sub("免赔额", substance(text)))


# An aggregate limit means that payments for all accidents of the period together stay
# within it: a sentence saying so (保险期间内发生多次保险事故的，保险人对多次事故的累计赔偿
# 金额不超过累计赔偿限额) restates the limit of a clause that sets one, printed or not.
# (a limit per head of cover said the same way: …调查费用的累计赔偿金额不超过调查费用累计赔偿限额，…)
_ONE_AGGREGATE = r"[^。；;]{0,24}?多次[^。；;，,]{0,12}累计赔偿金额(?:最高)?不(?:得)?超过[^。；;，,]{0,12}累计(?:赔偿|责任)限额"
_AGGREGATE_MEANT = re.compile(rf"^{_ONE_AGGREGATE}(?:[，,]{_ONE_AGGREGATE})*[。；;]?$")
AGGREGATE_LIMIT = re.compile(r"累计(?:赔偿|责任)限额")


def restated_amount(unit_text: str, item: bool, exclusion: bool, others: list[str]) -> str | None:
    """What a unit only one clause prints restates of an amount every other clause sets
    too (the whole texts `others`): the deductible excluded again in a list of exclusions,
    or what an aggregate limit means; None otherwise. (Against a clause without that
    amount it differs.)"""
    if item and exclusion and names_the_deductible(unit_text) and all("免赔" in o for o in others):
        return "在责任免除中重申免赔额"
    if _AGGREGATE_MEANT.match(_unlabel(unit_text.strip())) and all(AGGREGATE_LIMIT.search(o) for o in others):
        return "写明累计赔偿限额的含义"
    return None


# A rider cannot be bought alone (附加险不能单独投保): its policyholder, insured, subject and
# period are its main contract's by nature, and so are the beneficiaries of its benefits, so a
# rider that prints so (投保人、被保险人、保险金受益人同主险合同 / 保险标的同主险合同 / 本合同保险
# 期间与主险合同一致，以保险单载明的起讫时间为准) says what one that does not print it is too.
# (Not the main contract's exclusions or sum insured applied to the rider: a rider may set its
# own, and analysts count the words.)
_INHERITED = re.compile(r"(?:本合同的?)?(?:投保人|被保险人|(?:保险金)?受益人|保险标的)+同主险合同|本合同保险期间为主险合同保险期间")


def inherited_from_main(text: str) -> bool:
    """Whether the text says only what a rider takes from its main contract by nature."""
    return bool(_INHERITED.fullmatch(substance(text)))


# Claim papers that are one paper however a clause names them. The policy: its certificate
# (保险单或其他有效保险凭证 / 保险单或保险凭证) and its original (正本 / 原件) said once or for
# each; whether a certificate or a copy will do stays a difference. The catch-all of the
# list, limited to what the claimant can provide (…所能提供的与确认保险事故的性质、原因、损失
# 程度等有关的其他证明和资料), asks for whatever else proves the claim: who provides it and
# which facts it names change nothing; what the insurer may demand (保险人认为必要的) widens it.
_POLICY_PAPER = re.compile(r"保险单(正本|原件)?(?:(?:或|或者|、)(?:其他|其它)?(?:有效)?保险凭证(正本|原件)?)?")
_OPEN_PAPERS = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、])?\s*[^。；;]{0,20}所能提供的[^。；;]{0,50}(?:证明|资料|材料)[^。；;]{0,6}[。；;]?\s*$")
_PAPERS_ON_DEMAND = re.compile(r"保险人(?:认为|要求|需要)|可能涉及赔偿")


def _policy_paper(text: str) -> str:
    """A wording with the policy it asks for written one way: 保险单[或保险凭证][正本]."""
    def one(m: re.Match[str]) -> str:
        return "保险单" + ("或保险凭证" if "凭证" in m.group(0) else "") + ("正本" if m.group(1) or m.group(2) else "")

    return substance(_POLICY_PAPER.sub(one, text))


def one_paper_asked(old: str, new: str) -> str | None:
    """Why two wordings ask for one claim paper (a reader's sentence), or None."""
    if all(_OPEN_PAPERS.search(w) and not _PAPERS_ON_DEMAND.search(w) for w in (old, new)):
        return "均为所能提供的其他证明和资料的兜底项，措辞不同不改变实质"
    if "保险单" in old and "保险单" in new and substance(old) != substance(new) and _policy_paper(old) == _policy_paper(new):
        return "保险单或保险凭证的写法不同，所需单证相同"
    return None


_AND_LIABILITY = re.compile(r"[和或及、]?责任")


def liability_only(said: str, text: str) -> bool:
    """Whether the words `said`, which one wording adds, only add 责任 after what an exclusion
    refuses (损失、费用和责任 / 或责任 / 损失、费用), which analysts read as adding nothing, in
    property and liability wordings alike (ten gold pairs)."""
    return bool(_AND_LIABILITY.fullmatch(said)) and "费用" + said in substance(text)


_PAYEE = re.compile(r"^(?P<stem>[\u4e00-\u9fff]{2})(?:机构|事务所|公司|人员|人)的$")


def payee_of_its_fee(words: str, raw: str) -> bool:
    """Whether added words only name who charges the fee after them, by the fee's own stem
    (代理机构的 before 代理费, 鉴定机构的 before 鉴定费)."""
    m = _PAYEE.match(words)
    at = raw.find(words) if m else -1
    return at >= 0 and raw.startswith(m.group("stem") + "费", at + len(words))
