"""What a difference of wording does: reading the words that differ inside a pair
of counterpart units, the way an analyst reads them (domain.md §7).

The two wordings are reduced to substance (`substance.substance`) and compared word
by word (jieba words, difflib). Each run of differing words is read by convention:
- numbers with a unit (十日 / 三十日, 5% / 10%) are values: longer, shorter, more, less;
- words of urgency or obligation (立即 > 及时 > 尽快; 应 > 可以) make a duty stricter or looser;
- 不 / 非 / 无 entering or leaving a sentence reverses it: a different rule;
- words that attach a condition, a ceiling, an attribute or an exception (但…除外,
  最长不超过一年, 如按人数计收保险费, 保险金申请人所能提供的, 仅, 直接) narrow what the
  provision reaches; members joining a list (、X / 或X) widen it; where a party is the
  one bound (duties, claim papers), a member demands more and an alternative paper
  (保险单正本或其他有效保险凭证原件) less (`reach`);
- a handful of words change nothing (的, 上述, 也 …): immaterial.
Whether wider is better for the insured depends on the dimension: a wider exclusion
is worse, a wider cover better, a wider duty worse. Pure functions.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import Indel

from tiaokuan.text.words import tokens, word_tag

from .printed import printed
from .reach import OPPOSITE, RESTRICT, added_reach
from .substance import (
    deductible_said,
    documents_reached,
    inherited_from_main,
    liability_only,
    one_paper_asked,
    payee_of_its_fee,
    substance,
)
from .units import Dimension


class Kind(StrEnum):
    """What one product's unit does compared with another's; closed set (the JSON `kind`)."""

    ONLY_IN = "only_in"
    WIDER = "wider"  # reaches more: an exclusion that excludes more, a cover that covers more
    NARROWER = "narrower"
    DIFFERENT = "different"  # another value, deadline or rule
    SAME_IN_SUBSTANCE = "same_in_substance"


class Effect(StrEnum):
    """What the difference does to the insured; closed set."""

    BETTER = "better"
    WORSE = "worse"
    MIXED = "mixed"
    NEUTRAL = "neutral"


# Reaching further helps the insured in these dimensions and hurts in those.
_WIDER_HELPS = {Dimension.INSURED, Dimension.SUBJECT, Dimension.COVER, Dimension.LIMITS, Dimension.TERRITORY, Dimension.PERIOD, Dimension.INSURER_DUTIES}
_WIDER_HURTS = {Dimension.EXCLUSIONS, Dimension.DEDUCTIBLE, Dimension.POLICYHOLDER_DUTIES, Dimension.CLAIMS, Dimension.PREMIUM}

# Words that change no referent: particles, demonstratives, generic head nouns
# (…的行为 / …的情形), and conjunctions inside a list of things each of which is
# excluded or covered (A和B / A或B / A及B name the same members).
# Also quantifiers and adverbs of drafting (各种, 具体, 另行) and a lone modal verb
# added to a sentence that already states a duty.
_FILLER = frozenset(
    "的 了 之 所 也 上述 前述 该 其 均 将 都 即 予以 进行 行为 情形 情况 事项 和 或 或者 及 以及 与 中 总 合计 "
    "各种 各项 具体 另 另行 相应 相关 应 对 在 "
    # the object a verb already implies (计算 / 计算赔偿, 请求 / 请求赔偿保险金, 协商 / 协商处理)
    "赔偿 保险金 处理 "
    # the passive marker before what acts on the insured (醉酒或受毒品影响 / 醉酒或毒品影响),
    # and the 而 of 因…而… (因危险程度显著增加而发生 / 因危险程度显著增加发生)
    "受 而 "
    # the contract naming itself where the other wording leaves it implied (增加“本保险合同的”):
    # every provision of the clause is one of the contract's
    "本合同 "
    # connectives a sentence states its condition or its second clause with or without
    # (若…，则… / 如…，那么… / …的，…; 应A并B / 应A，B): the condition and the clauses are in the words
    "若 如 如果 假如 倘若 则 那么 的话 并 并且 且 "
    # the localizer of a paper (保险单上载明 / 保险单载明)
    "上 "
    # the agent marker and the pair named as one (由投保人与保险人双方协商确定 / 投保人与保险人协商确定)
    "由 双方".split()
)
_PAPERS_BY_NAME = frozenset("证明 资料 下列".split())  # the claim papers' general name (substance.substance: 证明和资料)
# The conjunctions _FILLER reads as naming the same members, as characters.
_CONJUNCTION = re.compile(r"或者|以及|[或及和与]")
_ACCORDING = re.compile(r"按照|依照|依据|根据|按")
_RELATED = re.compile(r"相关|有关")
_BY_THE_CONTRACT = re.compile(r"^按本合同的?(?:约定|规定)$")
# A negation reverses a rule; 不包括 / 不含 / 不超过 / 无论 and the like only bound it, and 不同 is
# "other" (不同险种) where 不同于 denies as 不属于 does.
_NEGATION = re.compile(r"不(?!包括|含|论|限于|超过|足|低于|少于|高于|同(?!于))|非(?!法)|无(?!论)|未(?!经)")
# 非 as a prefix makes a qualifier (非放射性污染, 非营业时间): what it qualifies is restricted, not negated.
_CARVE_OUT = re.compile(r"^非([^非不无未]{1,6})$")
# Examples that name members of a list left open (包括但不限于…, 例如…), as one run of words.
_EXAMPLES = re.compile(r"^(?:包括但不限于|例如|诸如)[^…]+$")
# When the parties agree a figure, read on the substance (本合同 for the contract's names).
_WHEN_AGREED = re.compile(r"^在?订立本合同时$")
_URGENCY = {"立即": 3, "立刻": 3, "马上": 3, "及时": 2, "尽快": 1, "尽早": 1}
_MODAL = {"应": 2, "必须": 2, "可以": 1, "可": 1, "有权": 1}
_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)\s*(个?工作日|日|天|小时|个月|月|年|周|%|倍|次|元|万元)")
_DAYS = {"小时": 1 / 24, "日": 1, "天": 1, "工作日": 1.4, "个工作日": 1.4, "周": 7, "月": 30, "个月": 30, "年": 365}


MAX_RUNS_SAID = 3

# Provisions that restate the law: the insurer's duties to decide and pay a claim
# (《保险法》第二十二条至第二十五条), subrogation (第六十条至第六十三条), the
# limitation period (第二十六条) and dispute resolution (《仲裁法》, 《民事诉讼法》).
# Insurers reword them freely; what changes a party's rights there is a value: a
# time limit, an amount, how urgent, must or may, a negation.
STATUTORY = frozenset({Dimension.INSURER_DUTIES, Dimension.SUBROGATION, Dimension.LIMITATION, Dimension.DISPUTES})
# A negation reverses what the other wording says only where the words it negates are
# that wording's: at least this alike with the negations set aside.
NEGATED_MIN_LIKE = 0.5
NEGATED_MIN_CHARS = 6  # … a shorter run is the verb itself reversed (负责 / 不承担, 可以 / 不得)
_VALUE_DIRECTIONS = frozenset({"longer", "shorter", "more", "less", "stricter", "looser", "negated"})


_OBLIGOR = re.compile(r"被保险人(?:应当?|须|必须)")  # (not 投保人、被保险人应: dropping the policyholder is a change)
_HANDLING = frozenset({Dimension.CLAIMS, Dimension.POLICYHOLDER_DUTIES, Dimension.INSURER_DUTIES})
# The third party who claims against the insured, by the names liability wordings give it.
_CLAIMANT = re.compile(
    r"(?:(?:受害|受损害)?(?:第三者|第三方)|受害(?:人|方|者)|受损害方|索赔(?:权利)?人|受试者|委托人)"
    r"(?:(?:或|及|和)其(?:代理人|代表|法定代理人)(?:、法定监护人)?)?"
)


def _only_policyholder(run: Run) -> bool:
    """A run that differs only by naming the policyholder (投保人) and a conjunction."""
    def bare(x: str) -> str:
        return _CONJUNCTION.sub("", x.replace("投保人", "")).strip("、，,")

    return ("投保人" in run.old + run.new) and bare(run.old) == bare(run.new)


def _changes_value(run: Run, direction: str) -> bool:
    """Whether a run changes a value rather than the words around it: a figure or
    urgency changed, added or taken away; must / may; a negation; a condition
    (书面, 未经…同意, 但…除外) added or taken away."""
    if direction in _VALUE_DIRECTIONS:
        return True
    # 尽快 → 在三十日内: a deadline where there was only an adverb, or the other way
    old_value, new_value = ((bool(_quantities(x + run.after)), _scale(_URGENCY, x)) for x in (run.old, run.new))
    if old_value != new_value:
        return True
    # A way to resolve a dispute opened or closed (也可向调解组织申请调解 / 并受中华人民共和国司法管辖)
    if set(_FORUM.findall(run.old)) != set(_FORUM.findall(run.new)):
        return True
    return bool(RESTRICT.search(run.old)) != bool(RESTRICT.search(run.new))


_START = re.compile(r"自[^，。；]{1,40}(?:之日|之时|时)起|起算")
_FORUM = re.compile(r"调解|仲裁|起诉|诉讼(?!时效)|法院|司法管辖")


@dataclass(frozen=True)
class Run:
    """One run of differing words: what the first wording has, what the second has instead."""

    old: str
    new: str
    after: str = ""  # the word that follows the run (the unit of a changed number: 十五|日)


@dataclass(frozen=True)
class Judgement:
    material: bool
    kind: Kind
    effect: Effect
    what: str  # in Chinese, naming the products `a` and `b`
    runs: tuple[Run, ...]


def runs_between(old: str, new: str, substitutions: tuple[tuple[str, str], ...] = ()) -> tuple[Run, ...]:
    """The runs of differing words of two wordings' substance, after each systematic
    substitution (old word → new word) that brings the first nearer the second is
    applied to it (专利代理 stays itself where the other product says 专业代理)."""
    a, b = substance(old), substance(new)
    for x, y in substitutions:
        swapped = a.replace(x, y)
        if swapped != a and _distance(swapped, b) < _distance(a, b):
            a = swapped
    return _runs(tokens(a), tokens(b))


def _distance(a: str, b: str) -> int:
    return int(Indel.distance(a, b))


def _runs(ta: list[str], tb: list[str]) -> tuple[Run, ...]:
    # A wording that only gains (or only loses) words, in whatever order — a list
    # that gains a member — is read as one addition (or one deletion).
    gained, lost = Counter(tb) - Counter(ta), Counter(ta) - Counter(tb)
    if (gained and not lost) or (lost and not gained):
        # The words that came or went, in their order. A repeated word is taken where
        # the words quoted break least: at its last occurrence (运行区域、航线或进入管控
        # 区域 gains 进入管控区域), or where the two wordings' common sequence leaves it
        # out. Words that did not stand together are quoted apart (在…以及就该侵权行为
        # 启动的程序): the quote never joins into a phrase the clause does not print.
        source, other = (tb, ta) if gained else (ta, tb)
        at = min(
            (_positions(source, Counter(gained or lost), prefer) for prefer in (_last, _unaligned(source, other))),
            key=_breaks,
        )
        said = "".join(("…" if k and i != at[k - 1] + 1 else "") + source[i] for k, i in enumerate(at))
        return (Run("", said),) if gained else (Run(said, ""),)
    out: list[Run] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(Run("".join(ta[i1:i2]), "".join(tb[j1:j2]), "".join(tb[j2 : j2 + 1])))
    return tuple(out)


def _last(i: int) -> bool:
    return True


def _unaligned(source: list[str], other: list[str]) -> Callable[[int], bool]:
    blocks = difflib.SequenceMatcher(None, source, other, autojunk=False).get_matching_blocks()
    kept = {i for b in blocks for i in range(b.a, b.a + b.size)}
    return lambda i: i not in kept


def _positions(source: list[str], wanted: Counter[str], prefer: Callable[[int], bool]) -> list[int]:
    """Where in `source` the wanted words stand: the preferred places first, from the end."""
    left = Counter(wanted)
    at: set[int] = set()
    for pick in (prefer, _last):
        for i in range(len(source) - 1, -1, -1):
            if i not in at and left[source[i]] > 0 and pick(i):
                at.add(i)
                left[source[i]] -= 1
    return sorted(at)


def _breaks(at: list[int]) -> int:
    return sum(1 for k in range(1, len(at)) if at[k] != at[k - 1] + 1)


def _quantities(text: str) -> list[tuple[float, str]]:
    return [(float(m.group(1)), m.group(2)) for m in _QUANTITY.finditer(text)]


def _in_days(value: float, unit: str) -> float | None:
    return value * _DAYS[unit] if unit in _DAYS else None


def _scale(words: dict[str, int], text: str) -> int | None:
    found = [v for w, v in words.items() if w in text]
    return max(found) if found else None


def _misprint(old: str, new: str) -> bool:
    """A misprinted character (别字): Chinese is typed by its sound (pinyin), and the
    slip of a pinyin keyboard puts one character of a word for another that sounds
    the same, leaving a string no dictionary lists (情形 / 情行, 爆裂 / 暴裂, 篷布 / 蓬布).
    Two words that sound alike and are both words (定金 / 订金, 权利 / 权力) differ."""
    if not 1 <= len(old) == len(new) <= 6:
        return False
    at = [i for i, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
    if len(at) != 1:
        return False
    from pypinyin import Style, lazy_pinyin

    if lazy_pinyin(old[at[0]], style=Style.NORMAL) != lazy_pinyin(new[at[0]], style=Style.NORMAL):
        return False
    # the word the character stands in: a two- or three-character window around it
    windows = [(i, i + n) for n in (2, 3) for i in range(at[0] - n + 1, at[0] + 1) if i >= 0 and i + n <= len(old)]
    return any(bool(word_tag(old[i:j])) != bool(word_tag(new[i:j])) for i, j in windows)


# What closes a list of natural disasters open: 等 / 及其他 / 或其他 … 自然灾害, after the members.
_OPEN_LIST_END = re.compile(r"^[^。；;，,：:]{0,24}?(?:等|(?:以?及|或者?|和)其他)[^。；;，,：:]{0,12}?自然灾害")


def _open_list_member(said: str, raw: str) -> bool:
    """Whether the words a run adds or takes away are one member of an enumeration
    (…、X、… / …、X) that goes on to close itself open as natural disasters (等自然灾害)."""
    if not raw or "…" in said:
        return False
    words = printed(said, raw)
    for m in re.finditer(re.escape(words), raw):
        before, after = raw[: m.start()], raw[m.end() :]
        if (before.endswith("、") or after.startswith("、")) and _OPEN_LIST_END.match(after):
            return True
    return False


_JOINED = r"(?:或者|或|、|及|和|与)"


def _distributed(added: str, longer: str, shorter: str) -> bool:
    """Whether `added` is a head the wording `longer` prints after each of two joined
    members (急性重症肝炎或亚急性重症肝炎) and `shorter` only after the last (急性或亚急性重症肝炎)."""
    if len(added) < 2 or not longer or not shorter:
        return False
    head = re.escape(added)
    member = r"[^，。；;,、或及和与]{1,8}?"
    joined = rf"{head}{_JOINED}{member}{head}"
    return bool(re.search(joined, longer)) and bool(re.search(rf"{member}{_JOINED}{member}{head}", shorter)) and not re.search(joined, shorter)


def _read_run(run: Run, negation_changed: bool = True, old_raw: str = "", new_raw: str = "", dimension: Dimension | None = None) -> tuple[str, str]:
    """(direction, description) of one run: direction is 'wider', 'narrower',
    'different', a value's ('longer', 'more', 'stricter' … and 'negated': the wording
    gains or loses a negation) or 'none' (immaterial), for the second wording against the first.
    Given the wordings as printed, the description quotes the run as printed."""
    old, new = run.old, run.new
    if not (set(tokens(old)) | set(tokens(new))) - _FILLER - {"…"}:  # (… joins the parts of one run: 若…则)
        return "none", ""
    if _misprint(old, new):
        return "none", ""
    if not (old and new) and not (set(tokens(old + new)) - _FILLER) - _PAPERS_BY_NAME:
        # The papers named only by their general name (下列证明和资料：… against the papers
        # listed inline): the list says which papers; the name adds none.
        return "none", ""
    if bool(old) != bool(new) and _distributed(old or new, new_raw if new else old_raw, old_raw if new else new_raw):
        # A head the conjuncts share, printed once or with each (急性或亚急性重症肝炎 /
        # 急性重症肝炎或亚急性重症肝炎): the same members.
        return "none", ""
    if bool(old) != bool(new) and payee_of_its_fee(old or new, old_raw if old else new_raw):
        # A fee named with the one who charges it (专利代理机构的代理费 / 专利代理费): the fee's
        # own name says who charges it, so naming them again reaches the same fee.
        return "none", ""
    if bool(old) != bool(new) and _EXAMPLES.match(old or new):
        # Examples of an open list (包括但不限于…, 例如…): the list is open either way, so
        # naming some of its members or none reaches the same.
        return "none", ""
    if bool(old) != bool(new) and _open_list_member(old or new, old_raw if old else new_raw):
        # A natural disaster named in a list of them left open (地震、海啸、台风等自然灾害):
        # 自然灾害 reaches it whether or not it is named. (Not every open list: a member of a
        # pollution or nuclear list, 烟熏 / 核裂变, is one analysts count; tried, recall −5.)
        return "none", ""
    if bool(old) != bool(new) and _WHEN_AGREED.match(old or new) and (old or new) + "协商确定" in substance(old_raw if old else new_raw):
        # A figure the parties agree (协商确定) is agreed when they make the contract, or
        # by an endorsement that becomes part of it: 在订立保险合同时 says when it always is.
        return "none", ""
    if old and new and _CONJUNCTION.sub("", old) == _CONJUNCTION.sub("", new):
        # Only the conjunction differs, however the words were cut (或其他 / 及其|他).
        return "none", ""
    if old and new and _ACCORDING.sub("按", old) == _ACCORDING.sub("按", new):
        # "According to" in another of its forms (按 / 按照 / 依照 / 依据 / 根据): the rule
        # followed is in the words after it. (Read here, not in the substance both
        # wordings are paired by: the pairing leans on these words to tell provisions apart.)
        return "none", ""
    if bool(old) != bool(new) and _BY_THE_CONTRACT.match(old or new):
        # 按本合同的约定, the short form of what substance() takes away as 按照本合同的约定:
        # every payment is made under the contract, whether or not the sentence says so.
        # (Read here: in the substance it would move pairings that lean on these words.)
        return "none", ""
    if old and new and _RELATED.sub("有关", old) == _RELATED.sub("有关", new):
        # "Related" in its other form (相关 / 有关: 相关法律 / 有关法律), read here for the
        # same reason as "according to".
        return "none", ""
    said_old, said_new = printed(old, old_raw), printed(new, new_raw)
    qa, qb = _quantities(old + run.after), _quantities(new + run.after)
    if qa and qb and len(qa) == len(qb):
        (va, ua), (vb, ub) = qa[0], qb[0]
        da, db = _in_days(va, ua), _in_days(vb, ub)
        if da is not None and db is not None and da != db:
            return ("longer" if db > da else "shorter"), f"期限由“{said_old}{run.after}”变为“{said_new}{run.after}”（{'更长' if db > da else '更短'}）"
        if ua == ub and va != vb:
            return ("more" if vb > va else "less"), f"数值由“{said_old}{run.after}”变为“{said_new}{run.after}”（{'更高' if vb > va else '更低'}）"
    ua_, ub_ = _scale(_URGENCY, old), _scale(_URGENCY, new)
    if ua_ is not None and ub_ is not None and ua_ != ub_:
        return ("stricter" if ub_ > ua_ else "looser"), f"“{said_old}”变为“{said_new}”"
    ma, mb = _scale(_MODAL, old), _scale(_MODAL, new)
    if ma is not None and mb is not None and ma != mb:
        return ("stricter" if mb > ma else "looser"), f"“{said_old}”变为“{said_new}”"
    if bool(old) != bool(new) and _CARVE_OUT.match(old or new):
        return ("narrower", f"增加“{said_new}”") if new else ("wider", f"删去“{said_old}”")
    if negation_changed and bool(_NEGATION.search(old)) != bool(_NEGATION.search(new)):
        if not (old and new):
            # A sentence added or taken away that holds a negation (…不能确定的，应当先予支付 /
            # 但…不在此列) reverses nothing the other wording said: it adds or removes a rule
            # of its own, whose reach a negation leaves to the reader to weigh.
            return "negated", (f"增加“{said_new}”" if new else f"删去“{said_old}”")
        bare_old, bare_new = _NEGATION.sub("", old), _NEGATION.sub("", new)
        if max(len(bare_old), len(bare_new)) < NEGATED_MIN_CHARS or Indel.normalized_similarity(bare_old, bare_new) >= NEGATED_MIN_LIKE:
            return "negated", f"“{said_old}”变为“{said_new}”，含义相反"
        # (words that share little once the negations are set aside say other things, and are
        # read as such: 未授予商标权 / 驳回商标注册申请 are not each other's opposite)
    if bool(old) != bool(new):
        said = f"增加“{said_new}”" if new else f"删去“{said_old}”"
        reach = added_reach(old or new, new_raw if new else old_raw, dimension)
        return (reach if new else OPPOSITE[reach]), said
    if RESTRICT.search(new) and not RESTRICT.search(old):
        return "narrower", f"“{said_old}”改为“{said_new}”"
    if RESTRICT.search(old) and not RESTRICT.search(new):
        return "wider", f"“{said_old}”改为“{said_new}”"
    return "different", f"“{said_old}”改为“{said_new}”"


# A run's direction read as the provision's reach, by dimension: a longer deadline
# for the insured's duty demands less of them; a longer period of cover reaches more.
def _reach(direction: str, dimension: Dimension) -> str:
    duty = dimension in (Dimension.POLICYHOLDER_DUTIES, Dimension.CLAIMS, Dimension.PREMIUM, Dimension.LIMITATION)
    if direction in ("longer", "shorter"):
        if dimension in (Dimension.PERIOD, Dimension.COVER, Dimension.LIMITATION):
            return "wider" if direction == "longer" else "narrower"
        if duty:
            return "narrower" if direction == "longer" else "wider"
        if dimension is Dimension.INSURER_DUTIES:  # the insurer's own deadline: shorter binds it more
            return "wider" if direction == "shorter" else "narrower"
        return "different"
    if direction in ("more", "less"):
        if dimension in (Dimension.LIMITS, Dimension.COVER):
            return "wider" if direction == "more" else "narrower"
        if dimension in (Dimension.DEDUCTIBLE, Dimension.CANCELLATION):
            return "wider" if direction == "more" else "narrower"
        return "different"
    if direction in ("stricter", "looser"):
        return "wider" if direction == "stricter" else "narrower"
    if direction == "negated":
        return "different"
    return direction


def effect_of(kind: Kind, dimension: Dimension) -> Effect:
    if kind not in (Kind.WIDER, Kind.NARROWER):
        return Effect.MIXED if kind is Kind.DIFFERENT else Effect.NEUTRAL
    if dimension in _WIDER_HELPS:
        return Effect.BETTER if kind is Kind.WIDER else Effect.WORSE
    if dimension in _WIDER_HURTS:
        return Effect.WORSE if kind is Kind.WIDER else Effect.BETTER
    return Effect.MIXED


_REACH_WORDS = {
    Dimension.EXCLUSIONS: ("责任免除范围更宽", "责任免除范围更窄"),
    Dimension.COVER: ("保障范围更宽", "保障范围更窄"),
    Dimension.POLICYHOLDER_DUTIES: ("对投保人、被保险人的要求更严", "对投保人、被保险人的要求更宽松"),
    Dimension.CLAIMS: ("索赔条件更严", "索赔条件更宽松"),
    Dimension.INSURER_DUTIES: ("对保险人的约束更严", "对保险人的约束更宽松"),
    Dimension.DEDUCTIBLE: ("免赔更多", "免赔更少"),
    Dimension.SUBROGATION: ("对被保险人的要求更严", "对被保险人的要求更宽松"),
    Dimension.CANCELLATION: ("解除合同的条件更严", "解除合同的条件更宽松"),
}
_EFFECT_WORDS = {Effect.BETTER: "对被保险人更有利", Effect.WORSE: "对被保险人更不利"}


def _value_contexts(text: str) -> Counter[tuple[str, ...]]:
    """Each negation, figure, urgency or modal verb of a wording with the words around
    it (two before, three after): what each value governs."""
    words = tokens(substance(text))
    padded = ["", "", *words, "", "", ""]
    return Counter(
        tuple(padded[i : i + 6])
        for i, w in enumerate(words)
        if _NEGATION.search(w) or any(c.isdigit() for c in w) or w in _URGENCY or w in _MODAL
    )


def _unmoved(runs: tuple[Run, ...]) -> list[Run]:
    """The runs less the words that only moved: a word taken out in one place and put
    in at another of the same provision (删去“其他”…增加“其他”) names nothing new. A
    negation, a figure or a condition that moves may change what it governs, and stays."""
    out = list(runs)
    for run in runs:
        if run.old and not run.new and not _NEGATION.search(run.old) and not RESTRICT.search(run.old) and not _quantities(run.old):
            twin = next((r for r in out if r is not run and not r.old and r.new == run.old), None)
            if twin is not None and run in out:
                out.remove(run)
                out.remove(twin)
    return out


def _next_word(part: str, text: str) -> str:
    """The word that follows `part` where it stands in `text`, '' when none."""
    at = text.find(part)
    if at < 0:
        return ""
    rest = tokens(text[at + len(part) :])
    return rest[0] if rest else ""


def _said_elsewhere(run: Run, old: str, new: str, clauses: tuple[str, str]) -> bool:
    """A qualifier one wording adds to a word (每次事故|免赔额) that the other clause
    attaches to that same word elsewhere (A's 第三十条 每次事故免赔额 against A's
    第十条 免赔额): a clause's term means one thing throughout, so the qualifier is
    said in both. Not a value: a figure, a negation or a condition stays a difference;
    not a verb (知道保险事故) or a member joined to a list (和责任): those are no
    qualifiers; and only of a noun (每次事故|免赔额, not 合法|有效)."""
    if bool(run.old) == bool(run.new) or not all(clauses):
        return False
    added = run.new or run.old
    if _NEGATION.search(added) or RESTRICT.search(added) or _quantities(added) or len(added) < 2:
        return False
    parts = added.split("…")
    if any(_CONJUNCTION.match(part) or word_tag(tokens(part)[-1]).startswith("v") for part in parts):
        return False
    own, other = (new, clauses[0]) if run.new else (old, clauses[1])
    for part in parts:
        follow = _next_word(part, own)
        # A qualifier of a term: a noun follows, with nothing between (投保人、被保险人 is
        # two parties, not a qualified one); read on the words as printed.
        if not word_tag(follow).startswith("n") or (part + follow) not in own or (part + follow) not in other:
            return False
    return True


def _carved_out_elsewhere(run: Run, old: str, new: str, clauses: tuple[str, str], dimension: Dimension) -> bool:
    """An exclusion that only gains or loses 非W before its noun N (其他污染 / 其他非放射性
    污染) while both clauses exclude W N by an exclusion of its own (核辐射…及其他放射性
    污染): what the carve-out lets through, the other exclusion takes back, and what the
    two clauses exclude together is the same."""
    if dimension is not Dimension.EXCLUSIONS or bool(run.old) == bool(run.new) or not all(clauses):
        return False
    m = _CARVE_OUT.match(run.new or run.old)
    if m is None:
        return False
    noun = _next_word(m.group(0), new if run.new else old)
    if not noun or not (word_tag(noun).startswith("n") or word_tag(noun) == "vn"):  # 损失, or a verbal noun: 污染
        return False
    carved = m.group(1) + noun
    # W N printed on its own (not as 非W N) in each clause
    return all(re.search(rf"(?<!非){re.escape(carved)}", c) for c in clauses)


def _edits(runs: tuple[Run, ...], old_raw: str, new_raw: str) -> str:
    """The words that differ, as printed, without a reading: what a reader checks a
    difference read as immaterial by."""
    said = []
    for run in runs:
        a, b = printed(run.old, old_raw), printed(run.new, new_raw)
        said.append(f"“{a}”改为“{b}”" if a and b else f"增加“{b}”" if b else f"删去“{a}”")
    if len(said) > MAX_RUNS_SAID:
        return f"措辞多处不同（{len(said)}处），见两者对照"
    return "；".join(dict.fromkeys(said))


def judge(
    old: str, new: str, dimension: Dimension, a: str, b: str, substitutions: tuple[tuple[str, str], ...] = (),
    clauses: tuple[str, str] = ("", ""), values_only: bool = False,
) -> Judgement:
    """What `b`'s wording `new` does compared with `a`'s wording `old` in `dimension`;
    `clauses` are the two whole clauses as printed, where a word may be qualified elsewhere.
    `values_only`: the wordings only announce what follows them (a list's lead-in), and
    only a value they set (a deadline, must or may, a negation, a condition) is read."""
    runs = runs_between(old, new, substitutions)
    if runs and (said := one_paper_asked(old, new)):
        return Judgement(False, Kind.SAME_IN_SUBSTANCE, Effect.NEUTRAL, f"{b}较{a}：{said}", runs)
    if runs and documents_reached(old, new):
        return Judgement(False, Kind.SAME_IN_SUBSTANCE, Effect.NEUTRAL, f"{b}较{a}：合同构成的列举以“等”概括了另一方所列的其他投保文件、约定书", runs)
    if runs and dimension is Dimension.EXCLUSIONS and (said := deductible_said(old)) is not None and said == deductible_said(new):
        return Judgement(False, Kind.SAME_IN_SUBSTANCE, Effect.NEUTRAL, f"{b}较{a}：均为除外保险合同载明的免赔，措辞不同，所指相同", runs)
    if runs and inherited_from_main(old) and inherited_from_main(new):
        # Two riders that each name what they take from the main contract (投保人、被保险人同主险
        # 合同 / 投保人、被保险人、保险标的同主险合同) take all of it by nature, named or not.
        return Judgement(False, Kind.SAME_IN_SUBSTANCE, Effect.NEUTRAL, f"{b}较{a}：均为附加险同主险合同的约定，所列项目不同不改变实质", runs)
    if runs and Counter(tokens(substance(old))) == Counter(tokens(substance(new))) and _value_contexts(old) == _value_contexts(new):
        # The same words in another order: a list whose members were reordered
        # (罢工、暴动、骚乱 / 罢工、骚乱、暴动) names the same members. Not when what moved
        # is a value: two deadlines swapped (三日…十日 / 十日…三日), or a 不 or a 应
        # moved from one clause of a sentence to the other, change the rule.
        return Judgement(False, Kind.SAME_IN_SUBSTANCE, Effect.NEUTRAL, f"{b}较{a}：所列各项或措辞的顺序不同", runs)
    # A sentence is reversed only when the whole wording gains or loses a negation,
    # not when a 不 moves from a lead-in into the sentence (…不负责赔偿：X / 对X，不负责赔偿).
    negation_changed = len(_NEGATION.findall(substance(old))) != len(_NEGATION.findall(substance(new)))
    read = [(r, *_read_run(r, negation_changed, old, new, dimension)) for r in _unmoved(runs)]
    material = [
        (r, d, text) for r, d, text in read
        if d != "none" and not _said_elsewhere(r, old, new, clauses) and not _carved_out_elsewhere(r, old, new, clauses, dimension)
    ]  # fmt: skip
    if dimension is Dimension.EXCLUSIONS:  # (损失、费用 / 损失、费用和责任: substance.liability_only)
        material = [(r, d, text) for r, d, text in material if not (bool(r.old) != bool(r.new) and liability_only(r.old or r.new, old if r.old else new))]
    if dimension in (Dimension.POLICYHOLDER_DUTIES, Dimension.CLAIMS):
        # Naming the policyholder beside the insured (投保人、被保险人应… / 被保险人应…)
        # leaves the insured's duty as it was: the runs that only add or drop 投保人 say nothing.
        material = [(r, d, text) for r, d, text in material if not _only_policyholder(r)]
        # … nor does naming the one bound, where a list of duties names it once in its
        # lead-in (被保险人应：（一）尽力采取…) or in each item ((一)被保险人应尽力采取…).
        material = [(r, d, text) for r, d, text in material if not (bool(r.old) != bool(r.new) and _OBLIGOR.fullmatch(r.old or r.new))]
    if dimension in _HANDLING:
        # … and a claim's handling refers to the one who claims against the insured by the
        # name the product gives the third party (受试者或其代理人 / 委托人或其代表 / 索赔权利人
        # / 第三者): who that is, the cover says; here it only points there.
        material = [(r, d, text) for r, d, text in material if not (_CLAIMANT.fullmatch(r.old) and _CLAIMANT.fullmatch(r.new))]
    if dimension in STATUTORY or values_only:
        # (and when the limitation period starts — 自其知道保险事故发生之日起 / 自赔偿责任确定之日起计算 —
        # is a value, as its length is)
        material = [
            (r, d, text) for r, d, text in material
            if _changes_value(r, d) or (dimension is Dimension.LIMITATION and bool(_START.search(r.old + r.new)))
        ]  # fmt: skip
    if not material:
        return Judgement(False, Kind.SAME_IN_SUBSTANCE, Effect.NEUTRAL, f"{b}较{a}：{_edits(runs, old, new)}" if runs else "措辞相同", runs)
    reaches = {_reach(d, dimension) for _, d, _ in material}
    kind = Kind.WIDER if reaches == {"wider"} else Kind.NARROWER if reaches == {"narrower"} else Kind.DIFFERENT
    effect = effect_of(kind, dimension)
    said = "；".join(dict.fromkeys(text for _, _, text in material))
    if len(material) > MAX_RUNS_SAID:  # a rewritten provision: the marked wordings say it better than a list of edits
        said = f"措辞多处不同（{len(material)}处），见两者对照"
    what = f"{b}较{a}：{said}"
    if kind in (Kind.WIDER, Kind.NARROWER):
        wide, narrow = _REACH_WORDS.get(dimension, ("适用范围更宽", "适用范围更窄"))
        what += f"，{wide if kind is Kind.WIDER else narrow}"
    if effect in _EFFECT_WORDS:
        what += f"（{_EFFECT_WORDS[effect]}）"
    return Judgement(True, kind, effect, what, runs)
