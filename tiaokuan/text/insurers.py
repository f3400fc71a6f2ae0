"""Insurers by their short names: 太平科技 for 太平科技保险股份有限公司, 紫金 for
紫金财产保险股份有限公司. A column, a heading or an error names an insurer so, and a
command line may name it so (`太平科技:财产基本险`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# The legal form ends the name; a branch (北京分公司) may follow it and is dropped too.
_LEGAL_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|公司).*$")
_LINE = re.compile(r"(?:财产保险|财险|保险|集团)+$")
# Where the rule leaves a common word instead of a name (中国人民财产保险 → 人民,
# 中国人寿财产保险 → 人寿, words inside many other insurers' names), the market's own
# short name. Keyed by the name without its legal form.
_KNOWN = {"中国人民财产保险": "人保", "中国人寿财产保险": "国寿财险"}


def _stem(name: str) -> str:
    """The name without its legal form and what follows it (a branch)."""
    return _LEGAL_FORM.sub("", name.strip()) or name.strip()


def insurer_short_name(name: str) -> str:
    """The insurer's name without legal form, line of business and a leading 中国
    (紫金财产保险股份有限公司 → 紫金); a name the rule would cut to under two
    characters is kept longer, and "" stays ""."""
    stem = _stem(name)
    if stem in _KNOWN:
        return _KNOWN[stem]
    short = _LINE.sub("", stem)
    if short.startswith("中国") and len(short) >= 4:
        short = short[2:]
    return short if len(short) >= 2 else stem


def insurer_labels(insurers: Sequence[str]) -> list[str]:
    """A label for each insurer, telling different insurers apart: the short name,
    or the full name where two different insurers share a short name."""
    shorts = {n: insurer_short_name(n) for n in insurers}
    shared = {s for s in shorts.values() if sum(1 for v in shorts.values() if v == s) > 1}
    return [n if shorts[n] in shared else shorts[n] for n in insurers]


def insurers_named(text: str, insurers: Iterable[str]) -> list[str]:
    """The insurers `text` names: those whose full or short name is `text`, else
    those whose full or short name contains it (so 太平 alone may name several)."""
    text = text.strip()
    names = list(dict.fromkeys(insurers))
    exact = [n for n in names if text in (n, insurer_short_name(n))]
    return exact or [n for n in names if text and (text in n or text in insurer_short_name(n))]


def stems_abbreviated_as(text: str) -> tuple[str, ...]:
    """The name beginnings (中国人民财产保险) whose market short name contains `text`
    (人保): a database filter on insurer names matches these besides `text` itself."""
    text = text.strip()
    return tuple(stem for stem, short in _KNOWN.items() if text and text in short)
