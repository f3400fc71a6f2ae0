"""Lost article numbering: the conventions of Chinese clause drafting the walker reads a
copy that lost its 第X条 labels by.

When a converter drops Word's automatic 第X条 labels, the walker (parse/structure.py)
infers where articles start from the paragraphs' shapes (a lead ending in ：, items, cue
words such as 前款). This module says what each shape means and what reading it the other
way costs; parse/restore.py then counts the articles along the path the clause's own
cross-references best honour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tiaokuan.text.labels import (
    ItemFamily,
    announces,
    cn_to_int,
    decimal_article_label,
    decimal_chapter_label,
    is_caption,
    item_label,
    squash,
)

from .headings import known_heading
from .layout import Block
from .lines import Hint
from .sister import char_pairs

# -- which numbering convention a clause follows ------------------------------

def numbered_by_decimals(blocks: list[Block]) -> bool:
    """Whether a wording without 第X条 labels numbers its clauses by decimals.

    Convention of wordings drafted the London way or 通俗化 (accident, health
    and life): clauses 1. 2. or 1.1 1.2 under each part or chapter, numbering
    again from 1 under the next. Seen as second-level numbers (2.1) opening at
    least three paragraphs, or a clause 1. opening at least three chapters.
    """
    second_level = 0
    chapter_openers = 0
    # Clause numbers 1. 2. 3. that run on through the whole wording: item numbers
    # restart in every article and never run across a chapter heading, so a run
    # counting up without a restart over two chapter headings numbers clauses.
    run_value = 0
    run_headings = 0
    best_headings = 0
    for block, nxt in zip([None, *blocks], blocks):
        if nxt.table is not None:
            continue
        text = nxt.text.strip()
        found = decimal_article_label(text)
        if found is None:
            if run_value and is_chapter_line(text):
                run_headings += 1
            continue
        second_level += "." in found.text.rstrip(".．、")
        if found.value == 1 and block is not None and block.table is None and known_heading(block.text.strip()):
            chapter_openers += 1
        if "." not in found.text.rstrip(".．、"):
            if found.value == run_value + 1:
                run_value += 1
                best_headings = max(best_headings, run_headings)
            else:
                run_value, run_headings = (1, 0) if found.value == 1 else (0, 0)
    return second_level >= 3 or chapter_openers >= 3 or best_headings >= 2


def opens_decimal_chapter(blocks: list[Block], index: int) -> bool:
    """`1 您与我们的合同` whose next paragraph is clause 1.1: a chapter of a decimal
    (通俗化) wording, numbered N over clauses N.1 N.2."""
    block = blocks[index]
    chapter = decimal_chapter_label(block.text.strip()) if block.table is None else None
    if chapter is None:
        return False
    nxt = next((b for b in blocks[index + 1 :] if b.table is None and b.text.strip()), None)
    label = decimal_article_label(nxt.text.strip()) if nxt is not None else None
    return label is not None and label.text.startswith(f"{chapter.value}.")


def is_chapter_line(text: str) -> bool:
    """A short line that heads a chapter: a heading the table knows, 一、基本条款, or
    a decimal chapter line (1 您与我们的合同)."""
    if known_heading(text):
        return True
    key = squash(text)
    if not key or len(key) > 30 or key[-1] in "。；;，,：:":
        return False
    found = item_label(text)
    return (found is not None and found[0] is ItemFamily.CN_COMMA) or decimal_chapter_label(text) is not None


def bullets_number_articles(blocks: list[Block]) -> bool:
    """Whether bullets stand for every numbered paragraph, articles and items alike.

    Convention of converters that keep Word's numbered paragraphs as list bullets
    but drop the numbers: then the paragraph that opens a chapter is a bullet too,
    and a plain paragraph is an unnumbered further paragraph (款) of the article
    above. Where bullets mark only the items of lists, chapters open with plain
    paragraphs. A heading's words printed as a bullet (- 索赔和赔付) are counted
    out: in such a copy chapter headings stand plain, and a bullet naming a
    chapter is an article's caption (条款标题), its body the plain paragraphs after.
    """
    openers = [
        nxt.hint is Hint.BULLET
        for block, nxt in zip(blocks, blocks[1:])
        if block.table is None
        and nxt.table is None
        and block.hint is not Hint.BULLET
        and known_heading(block.text.strip())
        and not known_heading(nxt.text.strip())
    ]
    return len(openers) >= 3 and sum(openers) > len(openers) / 2


# -- the costs of reading a paragraph the other way ---------------------------



def join_cost(article: str, text: str) -> float:
    """What reading an unlabelled paragraph as a further paragraph of the article
    before costs, against reading it as an article of its own (the walker's call):
    less when it looks back (前款, 上述 … further in than a paragraph's opening) or
    shares the article's words."""
    if _LOOKS_BACK.search(text[:24]):
        return 0.4
    opening = char_pairs(text[:40])
    shared = len(opening & char_pairs(article)) / max(1, len(opening))
    return 1.0 - 0.6 * shared


# A paragraph that points back (前款, 前述, 上述 — not 上述第十五条, which names another
# article — or 本条 in its opening words) or states what follows when a party does not
# perform a duty (投保人未履行…义务的, 被保险人违反…约定的, before its first full stop)
# goes on with the article above: the duty and its sanction stand in one article, as
# 《保险法》第十六条 drafts them. Measured on the corpus's labelled clauses (224 files,
# 5,553 paragraphs after an article's first): 862 of the 884 paragraphs that do either
# are further paragraphs of their article, not articles of their own.
_POINTS_BACK = re.compile(r"前款|前述|上述(?!第)|本条(?!款)")
# … within a paragraph's opening words: on the labelled clauses, 41 of the 43 paragraphs
# whose first pointer back stands between their 24th and 40th character go on too.
POINTS_BACK_CHARS = 40


def points_back(text: str) -> bool:
    """Whether a paragraph points back within its opening words (前款, 上述, 本条 …)."""
    return bool(_POINTS_BACK.search(text[:POINTS_BACK_CHARS]))
# Weaker signs, which only make joining cheaper (join_cost): 上述 naming an article
# (上述第十五条) and 该 (not the 该 of 应该).
_LOOKS_BACK = re.compile(_POINTS_BACK.pattern + r"|上述|(?<!应)该")
_SANCTION = re.compile(r"^[^。：:]{0,30}?(?:(?:未|不)(?:按照?(?:本条款|本保险合同)?(?:约定|规定))?(?:履行|遵守)|违反(?!第))")
# The later paragraphs of the 《保险法》 provisions that model clauses restate as one
# article each, as they open: insurers copy the paragraphs with their grouping, so such
# a paragraph goes on with the article above wherever it stands. In the corpus's
# labelled clauses 715 of the 721 paragraphs that open so are further paragraphs
# (and 24 of 25 more once the parties and phrasings are read generally, 应当?, 向[^，。]).
_STATUTORY_SEQUEL = re.compile(
    "^(?:"
    + "|".join((
        r"保险人应当将核定结果通知",  # 第二十三条: the decision, then its notice and payment
        r"保险人在(?:本保险|保险)?合同订立时已经知道投保人未如实告知",  # 第十六条第六款
        r"因保险标的转让导致危险程度显著增加",  # 第四十九条第三款
        r"被施救的财产中",  # 第五十七条: mitigation costs shared with what is not insured
        r"保险标的的保险金额小于其",  # 第五十七条: … and in proportion when underinsured
        r"其他保险人应当?承担的赔偿金额",  # 第五十六条: other insurance, no advance for the others' share
        r"被保险人在请求赔偿时应当?如实向保险人说明",  # … and the insured's duty to tell of it
        r"(?:本?(?:保险)?合同解除的，)?保险人应当?将保险标的未受损失部分的保险费",  # 第五十八条第二款
        r"被保险人已(?:经)?从[^，。]{1,24}取得(?:的)?赔偿",  # 第六十条第二款, whoever the third party is
        r"(?:保险事故发生后，)?(?:在)?保险人未(?:赔偿保险金|履行赔偿义务)(?:之)?前，被保险人放弃",  # 第六十一条第一款
        r"保险人向被保险人赔偿保险金后",  # 第六十一条第二款
        r"[^。]{0,24}被保险人未经保险人同意放弃",  # … in any phrasing of when (保险人履行赔偿义务之后，…)
        r"由于被保险人的?[^，。]{0,12}致使保险人不能行使代位",  # 第六十一条第三款 (故意或者重大过失 / 过错)
        r"(?:在)?保险人(?:向[^，。]{1,24})?行使代位",  # 第六十三条, against whichever party
        r"(?:协商|调解)[^，。]{0,4}不成",  # disputes: negotiation (or mediation) first, then arbitration or the courts
        r"保险责任开始后，(?:投保人|保险人)要求解除",  # 第五十四条: cancelled before cover starts, then after
        # … and the model clauses' own multi-paragraph articles:
        r"同时约定了?免赔额",  # the deductible: an amount, a rate, and which applies when both are agreed
        r"各项(?:责任|赔偿)限额由",  # the limits: their kinds, then who agrees them
        r"主(?:保)?险合同(?:的保险责任|效力)?终止",  # a rider's period: it ends with the main policy
    ))
    + ")"
)
STATED_CONTINUATION_COST = 1.5  # reading such a paragraph as an article of its own
WEAK_CONTINUATION_COST = 0.5  # … when the sign holds for four paragraphs in five


# Who may be insured and who may take the policy out are one provision: after the
# insured, the policyholder as the insured himself (除另有约定外，本保险合同的投保人为被保险人
# 本人) or as another who "also" may (…也可作为本保险合同的投保人). On the labelled clauses,
# 29 of the 35 paragraphs that open so go on with their article; so do the 7 that name
# the insured as the policyholder himself (本保险合同的被保险人为投保人本人) or set a
# condition on that choice (若投保人为被保险人本人，则被保险人须为科技企业). Not …也可作为
# after a ； (被保险人为…自然人；…其配偶、子女也可作为被保险人 names the insured: 4 of 4
# open their article).
_ALSO_POLICYHOLDER = re.compile(
    r"^(?:除另有约定外，)?本(?:附加)?保险合同的(?:投保人为被保险人|被保险人为投保人)本人"
    r"|^(?:若|如)投保人为被保险人本人|^[^。；;]{0,80}也可(?:以)?作为"
)
# A rider's first article names the policy it is attached to (在投保…（以下简称“主险”）的基础
# 上，投保人可以选择投保本附加险) and then what the contract is made of (本合同由…构成):
# all 40 such pairs of paragraphs on the labelled clauses stand in one article.
_RIDER_BASIS = re.compile(r"^在投保.{0,60}基础上")
# The retroactive date is set in the article of the period of cover (6 of 6).
_RETROACTIVE = re.compile(r"^(?:本(?:保险)?合同的)?追溯期")
# Treatment going on when the period ends is paid under the cover article (5 of 5).
_BEYOND_PERIOD = re.compile(r"^[^。]{0,40}(?:仍未|尚未)结束[^。]{0,30}继续(?:承担|负责)")
_COMPOSITION = re.compile(r"^本(?:附加)?(?:险)?(?:保险)?合同由")
# A paragraph that says what a word of the paragraph above means (本保险所指科技企业，是指… /
# 重置价值是指…) explains that article: 34 of the 41 such paragraphs go on with it.
_DEFINES = re.compile(
    r"^(?:本(?:保险合同|保险|条款|合同)(?:中)?所(?:称|指)的?)?[“\"]?(?P<term>[^，。“”\"（）]{2,14}?)[”\"]?(?:（[^）]*）)?，?"
    r"(?:是指|系指|特指|指)(?![导定出示明标引令挥南纹])"
)


# The first paragraphs of the provisions every model clause prints as an article of its
# own: other insurance, subrogation, the dispute clause, the limitation period, the
# liability duties on a claim or a suit, and a lead-in that opens with its list. On the
# labelled clauses all 363 paragraphs that open as the first five do open an article, and
# 174 of the 176 such lead-ins.
_STANDARD_OPENING = re.compile(
    r"^(?:(?:发生保险事故时|保险事故发生时)，)?(?:如果|若)?(?:存在重复保险|被保险人的损失在有相同保障的其他保险项下)"
    r"|^(?:发生保险责任范围内的损失，)?(?:应由|因)(?:有关责任方|第三者)"
    r"|^(?:因履行本(?:保险)?合同发生的争议|与本保险合同有关的以及履行本保险合同产生的一切争议)"
    r"|^被保险人向保险人请求赔偿(?:保险金)?的诉讼时效"
    r"|^被保险人获悉可能发生诉讼、仲裁时"
    r"|^被保险人收到[^，。]{0,12}的?(?:损害)?赔偿请求时"
    # a list's lead-in that opens with its list (下列原因造成的损失，保险人不负责赔偿： /
    # 下列财产不属于本保险合同的保险标的：): 174 of the 176 open an article; after one list
    # ends, the next begins
    r"|^下列[^。]{0,40}[：:]\s*$"
)


_CONTINUES = re.compile(r"^(前款|上述|前述|本条(?!款)|其中|但|该等|除前款|依照前款|按照前款|根据前款|依据前款)")
# "本条" (this article) signals a continuation, "本条款" (this clause, the whole
# policy) does not.
_THIS_ARTICLE = re.compile(r"前款|本条(?!款)")


def names_this_article(text: str) -> bool:
    return bool(_THIS_ARTICLE.search(text))


# 前款 names the paragraph above as a whole: a paragraph saying it after a list is the
# article's next paragraph (款), not one more item (labelled clauses: 78 such paragraphs
# after items, 4 items, each saying 本条前款, the article's paragraph before the list).
_NAMES_PARAGRAPH_ABOVE = re.compile(r"^[^。；;：:]{0,20}(?<!本条)前款")


def names_paragraph_above(text: str) -> bool:
    return bool(_NAMES_PARAGRAPH_ABOVE.search(text))


def continues_article(text: str) -> bool:
    """Whether an unlabelled paragraph reads as a further paragraph of the article before."""
    return bool(_CONTINUES.match(text) or _THIS_ARTICLE.search(text[:12]))


def opens_article(text: str) -> bool:
    """Whether an unlabelled paragraph opens one of the articles every model clause prints."""
    return bool(_STANDARD_OPENING.match(text))


# A lead-in that announces a list of its own (…不承担给付保险金责任：): after a list's
# items that each end in 。, 190 of the 191 such lead-ins on the labelled clauses open
# an article (431 of 442 wherever they stand).
_OWN_LEAD_IN = re.compile(r"(?:下列|以下|如下)[^。；;]*[：:]\s*$")
# … and so does a sentence that announces its parts (…保险人依照下列约定给付保险金。): it is
# no item of the list before it, whatever its stop (its parts may be captioned: caption_parts).
_ANNOUNCES_PARTS = re.compile(r"(?:依照|按照|按)下列(?:约定|方式)[^。；;：:]*。\s*$")


def announces_list(text: str) -> bool:
    return bool(_OWN_LEAD_IN.search(text) or _ANNOUNCES_PARTS.search(text))


# A sentence that names its list in words and ends in 。 (由于下列原因造成保险标的的损失，
# 保险人按照本保险合同的约定负责赔偿。): the paragraphs after it are that list's items,
# as after a lead-in ending in ：.
_NAMES_ITS_LIST = re.compile(r"(?:由于|因)下列[^。；;：:]*。\s*$")


def announces_items(text: str) -> bool:
    """A paragraph whose list of items follows: it ends in ：, or names the list (由于下列原因…。)."""
    return text.rstrip().endswith(("：", ":")) or bool(_NAMES_ITS_LIST.search(text))


def _caption_item(text: str) -> bool:
    """An item that is only a caption ((一)食物中毒身故保险责任): the paragraph after it is
    its body, in its article (21 of the 21 plain paragraphs after one)."""
    found = item_label(text.strip())
    body = text.strip()[found[1].end :] if found else ""
    return bool(found) and 0 < len(body) <= 20 and not re.search(r"[，。；：,.;:]", body)


# A caption line (住院医疗保险责任: short, unpunctuated) heads a part of its article: on the
# labelled clauses 123 of 137 stand inside an article, not at its head. The others are
# the captions a few wordings print above their articles (如实告知 / 贸易纠纷 …): such a
# wording prints more captions than chapter headings, and there a caption is no sign
# either way (its captions stand as bullets, items and article heads alike). The caption's
# shape is labels.is_caption; continuation_cost reads it.


def caption_parts(texts: Sequence[str]) -> set[int]:
    """The paragraphs that stand inside a group of parallel captioned parts of one
    article, by index in `texts` (a clause's body paragraphs in order).

    Convention: an article that announces its parts (保险人依照下列约定给付保险金：)
    may head each with a caption, drafted alike, ending in the same words (意外伤害身故保险责任
    / 意外伤害伤残保险责任; 身故保险金特别材料： / 伤残保险金特别材料：). Everything from the first
    such caption to the last is that article's, and so is the last caption's body, which
    runs on to the chapter's end unless a paragraph opens a list of its own or an article
    every model clause prints (如被保险人…已有伤残 / 保险人对每一被保险人…为限). Both analysts
    rebuilt the copies that lost their labels so each time (受益人, 给付保险金, claim papers);
    on the labelled clauses, the 6 captions after a lead-in ending in ： or another caption
    of their group all stand inside their article, and running the last body on to the
    chapter's end takes --items numbers from 0.500 to 0.502 (other modes unchanged)."""
    inside: set[int] = set()
    for first, text in enumerate(texts):
        head = text.strip().rstrip("：:")
        if not first or first in inside or not is_caption(head) or len(head) < 3 or is_chapter_line(text.strip()):
            continue
        # An article that names its parts (保险责任分为住院医疗保险责任和门（急）诊医疗保险责任
        # 两项) announces them as well as one that says 下列; its last part's body is no longer
        # than up to a paragraph that opens a sentence of its own (本保险合同适用…原则).
        announced = announces(texts[first - 1])
        named = not announced and head in texts[first - 1]
        if not (announced or named):
            continue
        last = None
        for k in range(first + 1, len(texts)):
            other = texts[k].strip()
            if is_chapter_line(other):
                break
            member = other.rstrip("：:")
            if member != head and is_caption(member) and len(member) >= 3 and member[-2:] == head[-2:]:
                last = k
        if last is not None:
            end = last + 1  # (a caption never ends its part)
            while end < len(texts) and not is_chapter_line(texts[end].strip()) and (
                end == last + 1 or not (announces_list(texts[end]) or opens_article(texts[end]) or (named and opens_with_subject(texts[end])))
            ):
                end += 1
            inside.update(range(first, end))
    return inside


# 前三款 / 前两款: the paragraphs (款) of this same article before this one.
_EARLIER_PARAGRAPHS = re.compile(r"前([两二三四五])款")


def counted_back(texts: Sequence[str]) -> set[int]:
    """The paragraphs that a later paragraph counts as its article's earlier 款, by
    index in `texts`: a paragraph citing 前三款 (投保人或者被保险人有前三款规定行为之一…,
    the fourth paragraph of the Insurance Law's article 27 as model clauses keep it)
    stands with the three before it in one article, so neither it nor the two after
    the first opens one. This is what 款 means, not a tendency; a chapter heading
    within the count voids it."""
    inside: set[int] = set()
    for k, text in enumerate(texts):
        found = _EARLIER_PARAGRAPHS.search(text)
        if not found:
            continue
        count = 2 if found.group(1) == "两" else cn_to_int(found.group(1))
        first = k - count
        if first < 0 or any(is_chapter_line(texts[j].strip()) or not texts[j].strip() for j in range(first, k)):
            continue
        inside.update(range(first + 1, k + 1))
    return inside


# A formula (毛利润=营业利润+约定的维持费用) is worked in the article that announces it:
# 23 of 26 paragraphs holding = or ＝ go on with their article.
_FORMULA = re.compile(r"[=＝]")


def continuation_cost(text: str, article: Sequence[str] = (), captioned: bool = False) -> float | None:
    """What reading an unlabelled paragraph as an article of its own costs when its
    words say it goes on with the article above, or None when they do not; `article`
    is that article's paragraphs so far: the last, just above, may have a word this
    one explains or a ： it answers (48 of the 48 plain paragraphs after one ending in
    ： go on with their article). Signs that hold for
    nearly every paragraph cost STATED_CONTINUATION_COST to overturn; those that
    hold for four in five (the policyholder, a formula, a word explained) cost
    WEAK_CONTINUATION_COST, so the clause's cross-references overturn them first.
    `captioned`: the clause heads its articles with captions (see the note on
    caption lines above)."""
    above = article[-1] if article else ""
    if points_back(text) or _SANCTION.search(text) or _STATUTORY_SEQUEL.match(text):
        return STATED_CONTINUATION_COST
    if above.rstrip().endswith(("：", ":")) or _caption_item(above):
        return STATED_CONTINUATION_COST
    # An article ends in 。: after a paragraph ending in ；, 5,835 of 5,845 go on with theirs.
    if above.rstrip().endswith(("；", ";")):
        return STATED_CONTINUATION_COST
    if _COMPOSITION.match(text) and _RIDER_BASIS.match(above):
        return STATED_CONTINUATION_COST
    if article and not captioned and (is_caption(text) or is_caption(above)):
        return WEAK_CONTINUATION_COST
    if _ALSO_POLICYHOLDER.search(text) or _FORMULA.search(text) or (_RETROACTIVE.match(text) and "保险期间" in above) or _BEYOND_PERIOD.match(text):
        return WEAK_CONTINUATION_COST
    defined = _DEFINES.match(text)
    # … a word of the article so far (46 of 59 on the labelled clauses; 34 of 41 of the paragraph
    # just above), or the next word of the article's definitions
    if defined and above and (any(defined.group("term") in p for p in article) or any(_DEFINES.match(line) for p in article for line in p.split("\n"))):
        return WEAK_CONTINUATION_COST
    return None


# An article is a sentence of its own: it opens with its subject — a party, the
# contract, an amount — perhaps after a framing phrase (在…时，/ 对…，/ 若) — or with the
# event the rule applies to (发生保险事故时，/ 保险事故发生后，/ 发生保险责任范围内的损失，…),
# the way the model clauses open their claims and subrogation articles. A list's items
# carry on their lead's sentence (立即通知保险人…; 罚金、延误…) and open with a verb or a
# thing. (On the labelled clauses, of the paragraphs after a list's items that open with
# the event or 保险标的, 84 open the next article and 6 go on with the list's.)
_OPENS_WITH_SUBJECT = re.compile(
    r"^(?:在[^，。]{0,30}(?:时|后|前|中|期间)，|对[^，。]{0,24}，|若|如果?)?"
    r"(?:保险人|投保人|被保险人|本保险合同|保险合同|合同|双方|免赔|保险金额|赔偿金额|责任限额|赔偿限额|保险标的|保险事故|发生保险)"
)


# A paragraph that only names the parties' conduct (投保人、被保险人或其代表的故意行为、重大过失行为。):
# a noun phrase without a sentence of its own, an item of a list (an article opens with a
# sentence), however it opens.
_CONDUCT = re.compile(r"^[^，,。；;：:]{0,40}的[^，,。；;：:]{0,40}(?:行为|过失)[。；;]?$")


def opens_with_subject(text: str) -> bool:
    """Whether a paragraph opens as an article's sentence does, with its subject (above)."""
    return bool(_OPENS_WITH_SUBJECT.match(text)) and not _CONDUCT.match(text)


def leave_list_cost(items: list[str], text: str) -> float:
    """What reading a paragraph after an open list's items as the next article
    costs: more the more it reads like those items (items of one list are drafted
    alike: same words, same endings)."""
    if not opens_with_subject(text):
        return 1.5
    seen = set().union(*map(char_pairs, items))
    opening = char_pairs(text[:40])
    alike = len(opening & seen) / max(1, len(opening))
    if any(t[-3:] == text[-3:] for t in items):
        alike = max(alike, 0.8)
    if "：" in text[:15] and any("：" in t[:15] for t in items):
        alike = max(alike, 0.9)  # items that each open with a term and ：
    return 0.3 + 0.7 * alike
