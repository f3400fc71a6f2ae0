"""Which way words added to (or taken from) a provision move its reach: a member
added to a list reaches further, words that qualify what the list names reach less;
where a party is the one bound (duties, claim papers), a member demands more and an
alternative way of meeting the demand less. Pure functions over wordings.
"""

from __future__ import annotations

import re

from tiaokuan.text.words import tokens, word_tag

from .units import Dimension

# Words that restrict what a provision reaches (但…除外, 书面, 仅, 直接, 必要, 载明 …;
# 特别约定 where a provision needs one — 经特别约定, 另有特别约定 — not as the name of a
# document the contract is made of: 投保单、保险单…和其他特别约定).
RESTRICT = re.compile(r"但|除外|不在此限|未经|经[^，。；]{0,8}同意|书面|仅|限于|只|直接|必要|合理|事先|以内|以上|(?:经|另有|另行)[^，。；]{0,4}特别约定|载明")
OPPOSITE = {"wider": "narrower", "narrower": "wider"}
# Duties, claims, the insured's part in subrogation and what cancelling takes: what a
# party must do or show. Their members are demanded together (保险单正本、索赔申请书、…),
# so a member added demands more; a way of meeting them added as an alternative (保险单
# 正本或其他有效保险凭证原件) demands less.
_DEMANDS = frozenset({Dimension.POLICYHOLDER_DUTIES, Dimension.CLAIMS, Dimension.SUBROGATION, Dimension.CANCELLATION})
# An exception or a bound (但…除外, 仅, 限于) lightens a demand as it narrows a reach.
_EXCEPTION = re.compile(r"但|除外|不在此限|仅|限于|只")
# A ceiling (最长不超过一年, 以保险金额为限): the provision reaches no further than it.
_CAP = re.compile(r"不超过|不得超过|不高于|为限|最长|最高")
# A condition the provision now applies under (如按被保险人人数计收保险费, 若…, 凡…), or a
# time or place it is bound to (发生保险事故时, 订立本合同时, 在营业性…场所修理、养护期间): fewer cases.
_CONDITION = re.compile(r"^(?:如(?!实)果?|若|凡|假如|倘若)|^在?[^，。；、…]{1,24}(?:时|期间)$|^在[^，。；…]{1,24}(?:场所|期间)")
# An alternative paper, or another issuer of one (保险单正本或其他有效保险凭证原件 / 二级以上
# 医院或…): another way to meet the same demand. (Not another fault that triggers a sanction
# — 故意或重大过失 — nor another party bound — 或者保险金受益人: those demand more.)
_ALTERNATIVE = re.compile(r"^(?:或者?|或是)|(?:或者?)$")
_PAPER = re.compile(r"证|单|书|件|凭|据|报告|发票|记录|医院|机构|部门")
_WHAT_CAN_BE_GIVEN = re.compile(r"所能|能够|可以|可能")
_BREAKS = "、，,。；;：:"
_SEPARATORS = _BREAKS + "或和及与等"


def _qualifies(words: str, raw: str) -> bool:
    """Whether added words only qualify the noun after them, an attribute ending in 的
    (保险金申请人所能提供的 其他证明和资料; 国际局及指定缔约方制定的 规定). Not a member of
    a list (、其它类似的 / 或…的): that names one thing more."""
    parts = [p for p in words.split("…") if p]
    if len(parts) != 1 or len(parts[0]) < 4 or not parts[0].endswith("的") or any(c in _BREAKS for c in parts[0]):
        return False
    # (standing whole, not the end of a noun's compound: 专利|代理机构的 代理费 says
    # 专利代理费 in other words, it adds no attribute)
    at = raw.find(parts[0])
    if at < 0 or (at > 0 and raw[at - 1] in _SEPARATORS):
        return False
    before = tokens(raw[:at])
    return not before or not word_tag(before[-1]).startswith("n")


def added_reach(words: str, raw: str, dimension: Dimension | None) -> str:
    """What words added to a provision (`raw`: the wording they stand in, as printed) do
    to its reach: 'wider' or 'narrower' ('wider' for a duty or a claim condition: it
    demands more).

    A member added to a list reaches further (、台风 / 或重大过失); words that qualify
    what the provision names reach less: an attribute before its noun, a ceiling, a
    condition or a time it applies at, an exception. Where the insured is the one bound
    (duties, claim papers, the help owed in subrogation), the members are demanded
    together: a member, or a qualifier the insurer reads strictly (书面, 事先, 必要,
    合理), demands more; an alternative, an exception or a condition less."""
    condition = _CONDITION.search(words.replace("…", ""))  # (a phrase may be quoted in parts: 在营业性…场所修理、养护期间)
    if dimension in _DEMANDS:
        if (_ALTERNATIVE.search(words) and _PAPER.search(words)) or _EXCEPTION.search(words) or condition:
            return "narrower"
        if RESTRICT.search(words):
            return "wider"
        # (an attribute of a paper asked for names who must issue it — 鉴定机构出具的 — and
        # demands more; one that asks only what can be given — 所能提供的 — demands less)
        return "narrower" if _qualifies(words, raw) and _WHAT_CAN_BE_GIVEN.search(words) else "wider"
    if RESTRICT.search(words) or _CAP.search(words) or condition or _qualifies(words, raw):
        return "narrower"
    return "wider"
