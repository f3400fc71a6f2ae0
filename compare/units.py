"""The units an analyst pairs when comparing clauses: items, paragraphs (款) and
articles, each with the citation a lawyer writes (第六条（一）, 第二十条第二款,
释义「关联方」), its place, the comparison dimension it belongs to and its wording
reduced to substance.

Conventions encoded here (domain.md §7):
- the smallest unit that stands on its own is compared: an item （一） with its
  sub-items, else a paragraph, else the article; the lead-in of a list
  (下列原因造成的损失、费用和责任，保险人不负责赔偿：) is a unit of its own, because a
  cause-exclusion and a cost-exclusion differ there and nowhere else;
- the dimension comes from what the unit says first (an exclusion is an exclusion
  in whatever chapter it stands: 不负责赔偿 / 不承担…责任), then from its chapter;
- wording that changes nothing is reduced away before comparing
  (`tiaokuan.compare.substance`).
Pure functions over `ClauseDocument`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from tiaokuan.model import Article, Category, ClauseDocument, Item, Section, SectionType
from tiaokuan.text.labels import (
    HeadingLevel,
    cn_to_int,
    heading_label,
    int_to_cn,
    lists_member,
    names_its_table,
)
from tiaokuan.text.vocab import CLAIM_DOCUMENTS, map_all

from .appendices import APPENDIX_LABEL, PAYMENT_SCALE, appendix_cite, chapter_cite, one_space, table_figures
from .defined import defines, definition_term, with_members
from .item_cites import (
    captioned_parts,
    chapter_items,
    continuation_paragraphs,
    counted_back,
    full_width,
    one_list,
    short_caption,
)
from .substance import substance


class Dimension(StrEnum):
    """What a legal team compares, in the order a comparison is read (domain.md §5, §7); closed set."""

    INSURED = "insured"
    SUBJECT = "subject"
    COVER = "cover"
    EXCLUSIONS = "exclusions"
    LIMITS = "limits"
    DEDUCTIBLE = "deductible"
    PERIOD = "period"
    PREMIUM = "premium"
    TERRITORY = "territory"
    POLICYHOLDER_DUTIES = "policyholder_duties"
    INSURER_DUTIES = "insurer_duties"
    CLAIMS = "claims"
    SUBROGATION = "subrogation"
    OTHER_INSURANCE = "other_insurance"
    CANCELLATION = "cancellation"
    LIMITATION = "limitation"
    DISPUTES = "disputes"
    DEFINITIONS = "definitions"
    GENERAL = "general"


DIMENSION_NAMES = {
    Dimension.INSURED: "投保人与被保险人", Dimension.SUBJECT: "保险标的", Dimension.COVER: "保险责任",
    Dimension.EXCLUSIONS: "责任免除", Dimension.LIMITS: "保险金额与赔偿限额", Dimension.DEDUCTIBLE: "免赔与比例赔付",
    Dimension.PERIOD: "保险期间与生效", Dimension.PREMIUM: "保险费及其交付", Dimension.TERRITORY: "承保区域与管辖",
    Dimension.POLICYHOLDER_DUTIES: "投保人、被保险人义务", Dimension.INSURER_DUTIES: "保险人义务",
    Dimension.CLAIMS: "索赔与赔偿处理", Dimension.SUBROGATION: "代位求偿", Dimension.OTHER_INSURANCE: "重复保险",
    Dimension.CANCELLATION: "合同解除与退费", Dimension.LIMITATION: "诉讼时效", Dimension.DISPUTES: "争议处理与法律适用",
    Dimension.DEFINITIONS: "释义", Dimension.GENERAL: "其他约定",
}  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """One comparable piece of one clause."""

    index: int  # reading order within its clause
    cite: str  # 第六条（一） · 第二十条第二款 · 释义「关联方」
    article: int  # position of its article in reading order
    article_label: str | None
    item: str | None  # the item label as printed, when the unit is an item
    section: SectionType
    dimension: Dimension
    text: str  # verbatim
    lead: str  # the lead-in of the list the unit is an item of ('' otherwise)
    term: str | None = None  # the defined term, for a definition
    is_lead: bool = False  # the lead-in of a list of items
    canon: str | None = None  # the canonical exclusion or cost head the language layer mapped it to
    heads: tuple[str, ...] = ()  # every such head it names (战争…盗窃、抢劫 names two), canon first
    figures: str = ""  # an appendix's rate table, as its figures in order
    parts: tuple[str, ...] = ()  # the citations of the units it was joined from (one item split into several)

    @property
    def appended(self) -> bool:
        """Whether the unit is an appendix (a rate table, a scale, an appended standard)."""
        return self.section is SectionType.APPENDIX

    @property
    def key(self) -> str:
        if self.appended:  # a rate table's substance is its figures, however its cells were cut
            return self.figures or "|".join(re.findall(r"\d+(?:\.\d+)?", unicodedata.normalize("NFKC", self.text)))
        return substance(self.text)


# --- dimension -----------------------------------------------------------------

_SECTION_DIMENSION = {
    SectionType.SUBJECT: Dimension.SUBJECT, SectionType.COVERAGE: Dimension.COVER,
    SectionType.EXCLUSIONS: Dimension.EXCLUSIONS, SectionType.AMOUNTS: Dimension.LIMITS,
    SectionType.PERIOD: Dimension.PERIOD, SectionType.PREMIUM: Dimension.PREMIUM,
    SectionType.INSURER_DUTIES: Dimension.INSURER_DUTIES, SectionType.POLICYHOLDER_DUTIES: Dimension.POLICYHOLDER_DUTIES,
    SectionType.CLAIMS: Dimension.CLAIMS, SectionType.DISPUTES: Dimension.DISPUTES,
    SectionType.DEFINITIONS: Dimension.DEFINITIONS,
}  # fmt: skip

_CANCELS = r"解除(?:本|该)?(?:保险)?合同"  # cancelling the contract, however the contract is named
# What a unit says decides before its chapter does; the first rule that matches wins.
_SAYS: tuple[tuple[Dimension, re.Pattern[str]], ...] = tuple(
    (d, re.compile(p))
    for d, p in (
        (Dimension.LIMITATION, r"诉讼时效|索赔时效|请求赔偿[^。]{0,12}权利[^。]{0,12}(?:消灭|期间)"),
        (Dimension.SUBROGATION, r"代位|责任方|放弃[^。]{0,12}请求赔偿的?权利"),
        (Dimension.OTHER_INSURANCE, r"重复保险|其他保险(?:人|合同)?[^。]{0,20}(?:分摊|比例|赔偿)|相同保障的其他保险|在其他[^。]{0,12}保险(?:合同)?项下"),
        (Dimension.DISPUTES, r"争议|法律适用|适用[^。]{0,8}法律|司法管辖"),
        (Dimension.CANCELLATION, _CANCELS + r"|退还[^。]{0,10}保险费|短期费率|退保|(?:有权|可以?)[^。；]{0,4}提前终止(?:本|该)?(?:保险)?合同"),  # (… or end it early)
        (Dimension.DEDUCTIBLE, r"免赔|绝对免赔|赔付比例|比例赔付"),
        # Who may be insured, in the ways the market opens that article: 凡…均可作为被保险人,
        # 被保险人须为…, a sentence that opens by naming the insured (本保险合同的被保险人
        # 是指… / 本合同所称投保人是… / 投保人、被保险人同主险合同), or the party named first
        # (技术开发的委托方…为本保险合同的投保人).
        (Dimension.INSURED, r"(?:均?可以?)(?:作为|成为)[^。]{0,30}(?:被保险人|投保人)|投保人为被保险人|(?:被保险人|投保人)(?:须|应当?|必须)(?:为|是)"
                            r"|为本(?:保险)?合同的?(?:投保人|被保险人)"
                            r"|(?:^|[。；\n])(?:本(?:保险)?合同(?:的|所称)?)?(?:投保人、)?(?:被保险人|投保人)(?:、被保险人)?(?:是(?!否)指?|限于|同主险)"
                            r"|(?:^|[。；\n])本(?:保险)?合同的(?:投保人|被保险人)(?:[或和、](?:投保人|被保险人))?[，,]?(?:须|应当?|必须)?(?:为|是)(?!指)"),
        # What is insured, in the ways a clause states it outside its 保险标的 chapter: …可作为本保险
        # 合同的保险标的 / 本保险合同的保险标的是指… / 保险标的为…
        (Dimension.SUBJECT, r"(?:可?(?:作为|成为))[^。]{0,12}保险标的|(?:^|[。；\n])(?:本(?:保险)?合同的?)?保险标的(?:是指|是|为|指|包括)"),
        # Where cover applies: the clause names an area of cover, or the place the
        # insured event must happen in. 境内/境外 alone qualifies a party, a product or a
        # paper (在中华人民共和国境内注册的法人; 境外身故的…证明) and says nothing of where cover runs.
        (Dimension.TERRITORY, r"承保区域|保险区域|地域范围|(?:发生|出险)[^。；]{0,6}(?:地点|地域|区域)[^。；]{0,6}(?:限于|为|以)"
                              r"|在[^。；]{0,20}(?<!环)境[内外][^。；]{0,12}(?:发生|遭受)的"),
    )
)
_INSURED = next(p for d, p in _SAYS if d is Dimension.INSURED)
_GRANTS = re.compile(r"(?<!被)保险人(?:按照[^。；，,]{0,12}约定)?也?(?:负责(?:赔偿|给付)|承担[^。；，,]{0,6}(?:赔偿|给付)(?:保险金)?的?责任)")
_EXCLUDES = re.compile(r"不(?:负责|承担|予)(?:赔偿|赔付|给付|负责)|不承担[^。；]{0,12}责任|不属于本保险[^。]{0,6}(?:责任|标的)|除外")
_PERIOD = re.compile(r"保险期间|保险责任开始|生效|追溯期|等待期|起讫")
_PREMIUM = re.compile(r"保险费")
_LIMITS = re.compile(r"保险金额|赔偿限额|责任限额|保险价值")


# Chapters whose articles speak for themselves: their chapter says what they are.
_SELF_EVIDENT = {SectionType.SUBJECT, SectionType.COVERAGE, SectionType.EXCLUSIONS, SectionType.PERIOD, SectionType.DEFINITIONS}
_NOT_INSURED = re.compile(r"保险标的|不保财产|不属于本保险合同[^。]{0,4}(?:保险)?标的")


def _said(said: str) -> Dimension | None:
    return next((d for d, p in _SAYS if d in _NOT_COVER and p.search(said)), None)


_NOT_COVER = frozenset({Dimension.SUBROGATION, Dimension.LIMITATION, Dimension.OTHER_INSURANCE})


def dimension_of(section: SectionType, text: str, categories: tuple[str, ...], lead: str = "") -> Dimension:
    """The dimension a unit belongs to: chapters that say what their articles are
    decide (保险责任, 责任免除, 保险标的 …); elsewhere the unit's own words decide
    (an exclusion in 赔偿处理 is an exclusion; 代位 is subrogation wherever it stands),
    and the chapter is the fallback."""
    said = lead + text
    # A list is what its lead-in announces: …应提交以下材料。…未能提供有关材料…保险人对无法
    # 核实部分不承担给付保险金的责任 lists papers, the refusal being the consequence of a
    # paper missing, not an exclusion of what the items name.
    papers = bool(lead) and section is not SectionType.EXCLUSIONS and announces_papers(re.split(r"[。；;]", lead.strip(), maxsplit=1)[0])
    if section is SectionType.EXCLUSIONS or (lead and not papers and _EXCLUDES.search(lead) and not _NOT_INSURED.search(lead)):
        return Dimension.EXCLUSIONS
    if section is SectionType.COVERAGE and not _GRANTS.search(text) and (dim := _said(said)) is not None:
        # A paragraph of the cover chapter that grants nothing says what it says: the insurer's
        # rights against a third party (被保险人放弃对有关责任方请求赔偿权利的…), other insurance.
        return dim
    if section in _SELF_EVIDENT:
        if section is SectionType.DEFINITIONS and _INSURED.search(text):
            # A definition of the party words that says who may be insured (被保险人：本保险合同的
            # 投保人…均可作为本保险合同的被保险人) is that clause's who-may-be-insured rule.
            return Dimension.INSURED
        if section is SectionType.COVERAGE and _EXCLUDES.search(text) and Category.EXCLUSION.value in categories and not _GRANTS.search(text):
            return Dimension.EXCLUSIONS  # (not an insuring clause whose proviso carves a loss out: 但…不负责赔偿)
        return _SECTION_DIMENSION[section]
    if lead and _NOT_INSURED.search(lead):
        return Dimension.SUBJECT
    if (lead and announces_papers(lead)) or (not lead and _asks_papers(text)):
        # An item of a claim-document list is a paper asked for, whatever it names (境外发生的事故须…
        # 驻外机构的证明 is not a territory clause), a claims matter in whatever chapter the list stands;
        # but papers serve the act their lead-in asks them for, and those to cancel (投保人解除本保险
        # 合同时，应提供下列证明文件和资料 / 在提供以下材料后，可解除保险合同) are a cancellation matter.
        return Dimension.CANCELLATION if re.search(_CANCELS + r"|退保", lead or text) else Dimension.CLAIMS
    for dim, pattern in _SAYS:
        if pattern.search(said):
            if dim is Dimension.CANCELLATION and section is SectionType.POLICYHOLDER_DUTIES:
                break  # an insurer's right to cancel for a breach is part of the duty it enforces
            return dim
    # … said first: a duty whose last sentence refuses payment for its breach is a duty.
    first = re.split(r"[。；;]", text.strip(), maxsplit=1)[0]
    if Category.EXCLUSION.value in categories and _EXCLUDES.search(first) and not re.search(r"未(?:按|履行)|违反|否则", said):
        return Dimension.EXCLUSIONS
    by_section = _SECTION_DIMENSION.get(section)
    if by_section is not None:
        return by_section
    if _LIMITS.search(said):
        return Dimension.LIMITS
    if _PERIOD.search(said):
        return Dimension.PERIOD
    if _PREMIUM.search(said):
        return Dimension.PREMIUM
    return Dimension.GENERAL


# --- units of a document --------------------------------------------------------


def _item_starts(paragraph: str, items: list[Item]) -> list[int]:
    """Where each item of a paragraph starts in the paragraph's text, in order: each after
    the words of the one before (违反交易平台或运营商的规则 / 交易平台或运营商改变… share words)."""
    starts: list[int] = []
    at = 0
    for it in items:
        pos = paragraph.find((it.label or "") + it.text[:8], at) if it.label else -1
        if pos < 0 and it.label:
            pos = paragraph.find(it.label, at)
        if pos < 0:
            pos = paragraph.find(it.text[:8], at)
        if pos < 0:
            return []  # cannot place the items: the paragraph stays one unit
        starts.append(pos)
        at = body + len(it.text) if it.text and 0 <= (body := paragraph.find(it.text, pos)) - pos <= len(it.label or "") + 2 else pos + 1
    return starts


def _heads(doc: ClauseDocument, number: int | None, item: str | None, text: str = "") -> tuple[str, ...]:
    """Every canonical key the language layer gave the exclusion or cost head at this
    article and item, in its vocabulary's order; an item whose label was lost is found
    by its words."""
    if doc.semantics is None or number is None:
        return ()
    said = text.strip()
    keys: list[str] = []
    for m in (*doc.semantics.exclusions, *doc.semantics.cost_heads):
        if m.article != number or m.key == "unmapped" or m.key in keys:
            continue
        if (item is not None and m.item and full_width(m.item) == item) or (item is None and m.item is None and said and m.text.strip() == said):
            keys.append(m.key)
    return tuple(keys)


# A list of the papers a claim needs: 请求赔偿时，应向保险人提供下列证明和资料 /
# 申请给付保险金时须提交以下材料 / 索赔单证包括.
_DOCUMENT_LEAD = re.compile(r"(?:提供|提交|递交|出具|包括)[^。]{0,16}(?:证明|资料|单证|材料|文件)|(?:单证|材料)(?:包括|如下)")


# A paragraph that asks for the papers in its own sentence (…应提交保险单正本、索赔申请书、
# 事故证明、损失清单…): a claim-document list written inline, read as the list it is.
_INLINE_LIST = re.compile(r"^[^。]*?(?:提供|提交|递交)[^。]{0,10}?(?:[：:]|(?=[^。、]{2,20}、[^。、]{2,20}、))")


# Papers asked when the contract is made (投保人应在投保时提供下列材料) serve the insurer's
# underwriting, not a claim: the list is a duty of the applicant.
_AT_APPLICATION = re.compile(r"投保(?:本保险)?(?:时|前)|申请投保|订立(?:本)?(?:保险)?合同时")


def announces_papers(text: str) -> bool:
    """Whether a lead-in announces a list of claim papers (请求赔偿时，应向保险人提供下列证明和资料)."""
    return bool(_DOCUMENT_LEAD.search(text)) and not _AT_APPLICATION.search(text)


def _asks_papers(text: str) -> bool:
    """Whether a paragraph is a claim-document list's lead-in (…提供下列证明和资料：) or one written inline."""
    return (announces_papers(text) and text.rstrip().endswith(("：", ":"))) or _lists_papers_inline(text)


def _lists_papers_inline(text: str) -> bool:
    """Whether a paragraph asks for papers it lists in its own sentence."""
    return text.count("、") >= 2 and _INLINE_LIST.match(text) is not None


def _document_kind(text: str, lead: str, inline: bool = False) -> str | None:
    """The kinds of paper an item of a claim-document list asks for (CLAIM_DOCUMENTS),
    joined by |: doc_accident|doc_claim_form. The catch-all item is only the catch-all;
    in a list written inline (`inline`: the text is its own lead-in) the catch-all is
    one member among the others."""
    if not inline and (not lead or not announces_papers(lead)):
        return None
    found = [c.key for c in map_all(CLAIM_DOCUMENTS, text)]
    if "doc_medical" in found and "doc_invoice" in found:  # 医疗费用单据 are medical papers
        found.remove("doc_invoice")
    if inline and len(found) > 1 and CLAIM_DOCUMENTS[0].key in found:
        found.remove(CLAIM_DOCUMENTS[0].key)
    if not found:
        return None
    return found[0] if found[0] == CLAIM_DOCUMENTS[0].key else "|".join(sorted(found))


_DECIMAL = re.compile(r"^([1-9]\d?(?:\.\d{1,2})?)[.．、]?$")


def _decimal_cite(label: str | None, section) -> str | None:
    """A clause numbered by decimals (3., 2.1) cited the way such wordings cite
    their own clauses: by part and number, 第五部分第2.1条 (a chapter without a
    第X部分 number lends its heading: 前言第1条)."""
    m = _DECIMAL.match(label or "")
    if m is None:
        return None
    place = (section.part or section.heading or "").strip()
    found = heading_label(place)
    if found and found[0] is not HeadingLevel.SUBSECTION and found[1].text.startswith("第"):
        head = "".join(found[1].text.split())  # 第五部分, 第三章
    else:
        head = one_space(place).rstrip("：:")
    return f"{head}第{m.group(1)}条"


def _deeper_decimal(base: str, label: str) -> str | None:
    """An item numbered 2.1.1 under clause 2.1 is cited like a clause: 第五部分第2.1.1条."""
    clause = re.match(r"^(.*第)(\d+(?:\.\d+)?)条$", base)
    if clause and re.fullmatch(r"\d+(?:\.\d+)+", label) and label.startswith(clause.group(2) + "."):
        return f"{clause.group(1)}{label}条"
    return None


# A word defined where it is used (本条款所称科技成果，是指… / 本保险所指商用数码产品，是指…):
# the same definition another clause gives in its 释义.
# (the word in quotes of either kind, a short name given in passing after it: "机器人"（以下简称投保产品）)
_IN_PASSING = re.compile(
    r"^本(?:保险)?(?:合同|条款|保险)(?:中)?所(?:称|指)的?[“\"]?(?P<term>[^，,。：:“”\"（）()]{2,16}?)[”\"]?(?:[（(][^）)]{0,20}[）)])?[，,：:]?(?:是)?指"
)


def _defined_in_passing(text: str) -> str | None:
    m = _IN_PASSING.match(text.strip())
    return m.group("term") if m else None


def _article_units(doc: ClauseDocument, start: int, art_index: int, article: Article, section) -> list[Unit]:
    units: list[Unit] = []
    # An article whose label was lost in conversion is cited by its inferred number,
    # in the Chinese numerals clauses print (第二十七条), marked 〔条号推定〕 so no one
    # looks for a label the insurer never printed, and followed by the heading of the
    # chapter it stands in — what a reader can find on the page (RULES.md: text outside
    # any numbered article is cited by its chapter heading).
    numbered = _decimal_cite(article.label, section) or article.label or (
        f"第{int_to_cn(article.number)}条" if article.number is not None else None
    )
    inferred = ""
    if article.label is None and article.number is not None:
        heading = one_space(section.heading)
        inferred = INFERRED_MARK + (f"（{heading}）" if heading else "")
    # An article that opens with a caption alone on its line (第一条 合同构成 / 保险金额)
    # has a title, not a paragraph: its paragraphs (款) are counted from the first
    # sentence, as a lawyer cites them, and the caption is no provision to compare.
    # (Not a definition's term printed alone on its line, nor text outside numbered articles.)
    titled = (
        numbered is not None and section.type is not SectionType.DEFINITIONS and len(article.paragraphs) > 1
        and short_caption(article.paragraphs[0]) and not any(it.paragraph == 0 for it in article.items)
        and definition_term(doc, article.paragraphs[0]) is None
    )  # fmt: skip
    first = 1 if titled else 0
    many = len(article.paragraphs) - first > 1

    def add(text: str, cite: str, item: str | None = None, lead: str = "", is_lead: bool = False) -> None:
        if not substance(text):
            return
        term = definition_term(doc, text) if section.type is SectionType.DEFINITIONS else _defined_in_passing(text)
        if term and item and section.type is SectionType.DEFINITIONS:
            # A 释义's numbered definition is read on its own: the paragraph before it is
            # the definition above (or the 释义's opening), not a lead-in of a list.
            lead = ""
        if term and not numbered:
            cite = f"释义「{term}」" if section.type is SectionType.DEFINITIONS else cite
        elif term:
            cite = f"{cite}「{term}」"
        cite += inferred
        dim = dimension_of(section.type, text, article.categories, lead)
        heads = _heads(doc, article.number, item, text if lead else "")
        canon = heads[0] if heads else (
            _document_kind(text, lead) if lead else _document_kind(text, "", inline=_lists_papers_inline(text))
        )
        units.append(Unit(start + len(units), cite, art_index, numbered, item, section.type, dim, text, lead, term, is_lead, canon, heads=heads))

    base = numbered or chapter_cite(section.heading)
    # Lists in two paragraphs of one article each count from （一）: their items are
    # cited with their paragraph (第五条第二款（一）), or two items would share a citation.
    listed = {it.paragraph for it in article.items}
    # … but one list whose items stand in several paragraphs (a paragraph of text under
    # （一）, then （二）) counts on across them: its items are cited by label alone.
    if one_list(article):
        listed = {min(listed)} if listed else listed
    continues = continuation_paragraphs(article)
    # A chapter read whole (no article numbers at all) cites its unlabelled items through it;
    # an article whose labels were lost does so where its items are captioned parts with
    # items under them (投保销售额标准 1. 2. … / 信用限额标准 1. …: 第十条（一）3.).
    lost: dict[int, str] = {}
    if article.label is None and section.type is not SectionType.DEFINITIONS:
        labels = chapter_items(article)
        parts = [v for v in labels.values() if v.endswith("）")]
        if (numbered is None and article.number is None) or (len(parts) >= 2 and len(parts) < len(labels)):
            lost = labels
    caption_at = -1  # (in a chapter read whole: the unit of the caption item just read, whose body follows)
    captioned = captioned_parts(article) if inferred else {}
    in_part = False  # (past the first captioned part: every paragraph goes on with the part above)
    back, back_leads = counted_back(article)
    # (a 释义's items with the members its umbrella definitions define under them, once per article)
    members = with_members(list(article.items), "\n".join(article.paragraphs), doc) if section.type is SectionType.DEFINITIONS else []
    lead_text = ""
    for p_index, paragraph in enumerate(article.paragraphs):
        if p_index < first:
            continue
        if p_index in captioned:
            # A captioned part of an article whose labels were lost is the item it was
            # printed as (（一）身故保险金受益人, its paragraphs under it): cited by its place.
            place = int_to_cn(captioned[p_index])
            add(paragraph, f"{base}第{place}项", f"（{place}）", lead_text)
            in_part = True
            continue
        if in_part and units:
            units[-1] = replace(units[-1], text=units[-1].text.rstrip("\n") + "\n" + paragraph)
            continue
        if (p_index in continues and units and units[-1].item) or (units and caption_at == len(units) - 1):
            # A paragraph between two items of one list goes on with the item above it.
            units[-1] = replace(units[-1], text=units[-1].text.rstrip("\n") + "\n" + paragraph)
            caption_at = -1
            continue
        # (text outside numbered articles too: 第五节 调查费用第二款, as RULES.md cites it)
        para_cite = f"{base}第{int_to_cn(p_index - first + 1)}款" if many and section.type is not SectionType.DEFINITIONS else base
        lead_text = paragraph.strip()
        items = [it for it in article.items if it.paragraph == p_index]
        if section.type is SectionType.DEFINITIONS:
            # Items that are definitions split the paragraph, the members an umbrella
            # definition defines under it (自然灾害 / 1. 雷击：…) too; a list (1. 2. …)
            # inside a definition stays part of it.
            items = [it for it in members if it.paragraph == p_index and defines(doc, it.text)]
            # (one such item in a paragraph that is itself a definition is a word it names,
            # unless the paragraph lists it as a member it defines below, or is only a
            # heading over the members: 重大疾病： / （一）恶性肿瘤 / 指…)
            own = definition_term(doc, paragraph)
            if len(items) < 2 and own and not (items and lists_member(paragraph, defines(doc, items[0].text) or "")):
                heading = items and substance(paragraph[: _item_starts(paragraph, items)[0]]) == substance(own)
                items = items if heading else []
        starts = _item_starts(paragraph, items) if items else []
        if not starts:
            add(paragraph, para_cite)
            continue
        lead = paragraph[: starts[0]]
        add(lead, base + back_leads[p_index] if p_index in back_leads else para_cite, is_lead=True)
        for k, (it, s) in enumerate(zip(items, starts, strict=True)):
            end = starts[k + 1] if k + 1 < len(starts) else len(paragraph)
            label = full_width(it.label) if it.label else None
            # An item whose printed label was lost is cited by its place in the list (第五项).
            # (第五条第二款第一项 when the article has several paragraphs: each list restarts its count)
            cite = f"{para_cite if len(listed) > 1 else base}{label}" if label else f"{para_cite}第{int_to_cn(k + 1)}项"
            if not label and lost:
                cite = base + lost[id(it)]
            elif not label and id(it) in back:
                cite = base + back[id(it)]
            if label and (deeper := _deeper_decimal(base, label)):
                cite = deeper
            body = paragraph[s:end]
            subs = list(it.items) if section.type is not SectionType.DEFINITIONS and short_caption(it.text) else []
            at = _item_starts(body, subs) if subs else []
            if at and all(sub.label for sub in subs):
                # An item that only names what its sub-list holds ((一)食物中毒身故保险金申请 / 1.保险金
                # 给付申请书 / 2.保险单原件 …) is a heading: each sub-item is a provision of the list the
                # article announces, cited under the item (第七条（一）2.).
                add(body[: at[0]], cite, label, lead.strip(), is_lead=True)
                for j, (sub, sub_at) in enumerate(zip(subs, at, strict=True)):
                    add(body[sub_at : at[j + 1] if j + 1 < len(at) else len(body)], f"{cite}{sub.label}", label, lead.strip())
            else:
                add(body, cite, label, lead.strip())
            caption_at = len(units) - 1 if lost and not label and short_caption(body) else -1
    if section.type is SectionType.DEFINITIONS:
        units = _join_definitions(units)
    return units


def _join_definitions(units: list[Unit]) -> list[Unit]:
    """A definition printed over several paragraphs is one unit: a paragraph that
    defines nothing, or defines the same term again, continues the one before."""
    out: list[Unit] = []
    for u in units:
        prev = out[-1] if out else None
        # A term printed alone on its line (法律行动 / b.著作权) heads the paragraph that
        # follows, whatever defined word that paragraph opens with (被保险人有权追索…).
        captioned = prev is not None and only_term(prev)
        if prev is not None and prev.term and (u.term is None or u.term == prev.term or captioned) and not u.item:
            text = prev.text.rstrip("\n") + "\n" + u.text
            out[-1] = replace(prev, text=text, dimension=dimension_of(SectionType.DEFINITIONS, text, ()))
        else:
            out.append(replace(u, index=(out[-1].index + 1) if out else u.index))
    return out


def only_term(unit: Unit) -> bool:
    """A definition's unit that prints nothing but its term (and perhaps a label: b.著作权,
    which `substance` takes away with the punctuation)."""
    said = substance(unit.text)
    return bool(said) and unit.term is not None and said == substance(unit.term)


INFERRED_MARK = "〔条号推定〕"


def units_of(doc: ClauseDocument) -> tuple[Unit, ...]:
    """Every comparable unit of `doc`, in reading order. An appendix (a short-rate
    table) is one unit cited by its heading: its figures are compared as a whole."""
    units: list[Unit] = []
    art_index = 0
    for k, section in enumerate(doc.sections):
        if _continues_appendix(section, doc.sections[k - 1] if k else None, units):
            # An appended document (附件：人身保险伤残评定标准) is one unit however its
            # own sub-headings (前言, 脑膜的结构损伤 …) were read: its headings and text
            # go on in the unit its first heading opened.
            more = "\n".join([one_space(section.heading), *(a.text for a in section.articles)])
            figures = table_figures(doc, section.heading)
            last = units[-1]
            tables = list(dict.fromkeys(f for f in (*last.figures.split("/"), *figures.split("/")) if f))  # each distinct table once
            units[-1] = replace(last, text=last.text + "\n" + more, figures="/".join(tables))
            art_index += len(section.articles)
            continue
        if section.type is SectionType.APPENDIX:
            text = "\n".join(a.text for a in section.articles)
            figures = table_figures(doc, section.heading)
            if substance(text) or figures or APPENDIX_LABEL.match(one_space(section.heading)):
                # A short-rate table serves cancellation; a scale of payments by disability
                # grade (伤残赔偿比例表) is how a claim is paid.
                cite = appendix_cite(section.heading, doc.sections[k + 1 :])
                said = cite + text
                dim = Dimension.CANCELLATION if "费率" in said else Dimension.CLAIMS if PAYMENT_SCALE.search(said) else Dimension.GENERAL
                units.append(Unit(len(units), cite, art_index, None, None, section.type, dim, text, "", figures=figures))
            art_index += len(section.articles)
            continue
        tables = [t for t in doc.tables if section.heading and t.caption == section.heading] if doc.tables else []
        for article in section.articles:
            new = _article_units(doc, len(units), art_index, article, section)
            if tables:
                new, tables = _with_its_table(article.text, new, tables)
            units += new
            art_index += 1
    return tuple(units)


def _with_its_table(article: str, units: list[Unit], tables: list) -> tuple[list[Unit], list]:
    """An article that names its table (…下列“伤残等级赔偿限额比例表”的比例) prints it under the
    table's caption: the caption's paragraph is compared with the table's rows, as the
    analyst reads the scale as part of the article."""
    for i, u in enumerate(units):
        if names_its_table(article, u.text):
            rows = "\n".join("｜".join(r) for r in tables[0].rows)
            units[i] = replace(u, text=u.text.rstrip() + "\n" + rows)
            return units, tables[1:]
    return units, tables


def _continues_appendix(section: Section, previous: Section | None, units: list[Unit]) -> bool:
    """An appendix section without an appendix label of its own (附录/附表/附件) right
    after another appendix whose unit is the last one: a sub-heading of that appendix."""
    return (
        section.type is SectionType.APPENDIX
        and previous is not None
        and previous.type is SectionType.APPENDIX
        and bool(units)
        and units[-1].appended
        and not APPENDIX_LABEL.match(one_space(section.heading))
    )


def cited_number(cite: str) -> int | None:
    """The article number a citation names (第十二条（三） → 12)."""
    m = re.match(r"第([零〇一二三四五六七八九十百两\d]+)条", cite)
    return cn_to_int(m.group(1)) if m else None
