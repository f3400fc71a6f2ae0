"""One wording written for two subjects (专利申请费用补偿保险 / 商标申请费用补偿保险;
采购合同履约保证保险 / 政府采购合同履约保证保险): the words of one product replaced, in
many pairs of counterpart units, by the words of the other product's name. Such a
replacement is one difference of subject, not one per unit. Pure functions.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from .judge import runs_between
from .pairing import Counterparts

SUBSTITUTION_MIN_ROWS = 3  # a replacement seen in this many pairs is systematic
_VALUE_WORDS = re.compile(r"\d|[零〇一二三四五六七八九十百千]|立即|及时|尽快|应|可以|必须|不|非|无|未")


def _name_changes(a: str, b: str) -> tuple[list[str], list[str]]:
    """The runs of characters in which two product names differ (专利 / 商标)."""
    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out_a.append(a[i1:i2])
            out_b.append(b[j1:j2])
    kept = [(x, y) for x, y in zip(out_a, out_b, strict=True) if len(x) >= 2 and len(y) >= 2]
    return [x for x, _ in kept], [y for _, y in kept]


def _qualified(a: str, b: str) -> list[tuple[str, str]]:
    """Where one product's name is the other's with a qualifier put before a word
    (采购合同履约保证保险 / 政府采购合同履约保证保险): that word and the qualified word
    (采购合同 → 政府采购合同), for each length of the word, the longest first. The
    wording of the qualified product says the qualified word throughout."""
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if len(ops) != 1 or ops[0][0] not in ("insert", "delete"):
        return []
    _, i1, i2, j1, j2 = ops[0]
    short, long, at, qualifier = (a, b, i1, b[j1:j2]) if ops[0][0] == "insert" else (b, a, j1, a[i1:i2])
    if len(qualifier) < 2:
        return []
    words = [short[at : at + k] for k in range(len(short) - at, 1, -1)]
    return [(w, qualifier + w) if long is b else (qualifier + w, w) for w in words]


def _says_qualified(x: str, y: str, a: str, b: str) -> bool:
    """Whether wording `a` says `x` where wording `b` says `y`, one of them the other qualified."""
    if len(x) > len(y):
        return x in a and x not in b and y in b
    return y in b and y not in a and x in a


def _touches(run: str, parts: list[str]) -> bool:
    return any(len(set(run) & set(p)) >= 2 or p in run for p in parts)


def substitutions(rows: list[Counterparts], base: int, other: int, names: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """Words of the base product replaced by the same words of the other in many
    pairs, where both belong to what differs between the products' names: one
    wording written for two subjects (专利申请费用补偿保险 / 商标申请费用补偿保险).
    The names' own differing words are candidates, and so are longer runs that
    contain them (专利代理 / 商标代理)."""
    own_a, own_b = _name_changes(*names)
    pairs = [(r.units[base], r.units[other]) for r in rows]
    pairs = [(ua, ub) for ua, ub in pairs if ua is not None and ub is not None and ua.key != ub.key]
    seen: Counter[tuple[str, str]] = Counter()
    for x, y in _qualified(*names):  # the longest qualified word said in enough pairs
        # (the qualified word stands in the qualified product's wording and not in the other's,
        # whichever product is qualified: 政府采购 holds 采购)
        n = sum(1 for ua, ub in pairs if _says_qualified(x, y, ua.text, ub.text))
        if n >= SUBSTITUTION_MIN_ROWS:
            seen[(x, y)] = n
            break
    if not (own_a and own_b) and not any(n >= SUBSTITUTION_MIN_ROWS for n in seen.values()):
        return ()
    for x, y in zip(own_a, own_b, strict=False):
        seen[(x, y)] = sum(1 for ua, ub in pairs if x in ua.text and y in ub.text and x not in ub.text)
    swaps: Counter[tuple[str, str]] = Counter()
    for ua, ub in pairs:
        for r in set(runs_between(ua.text, ub.text)):
            if r.old and r.new and (_touches(r.old, own_a) or _touches(r.new, own_b)) and not _VALUE_WORDS.search(r.old + r.new):
                seen[(r.old, r.new)] += 1
            elif r.old and r.new and not _VALUE_WORDS.search(r.old + r.new):
                swaps[(r.old, r.new)] += 1
    found = [k for k, n in seen.items() if n >= SUBSTITUTION_MIN_ROWS]
    if found:
        # One wording written for another subject brings that subject's vocabulary
        # with it (PCT's 缔约国 / 指定局 become Hague's 缔约方 / 缔约方主管局): a swap
        # made consistently in as many pairs belongs to the subject too. Numbers,
        # deadlines and words of duty or negation are never swapped away.
        found += [k for k, n in swaps.items() if n >= SUBSTITUTION_MIN_ROWS and k[0] not in k[1] and k[1] not in k[0]]
        # … and says the subject's word short as well as long (体检服务 → 诊疗活动, so 体检 → 诊疗):
        # a swap inside a systematic one, however seldom, is the same swap.
        systematic = list(found)
        found += [
            k for k in {**seen, **swaps} if k not in systematic and len(k[0]) >= 2 and len(k[1]) >= 2
            and any(k[0] in x and k[1] in y for x, y in systematic)
        ]  # fmt: skip
    return tuple(sorted(found, key=lambda k: -len(k[0])))
