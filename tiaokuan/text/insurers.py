"""Insurers by their short names: 太平科技 for 太平科技保险股份有限公司, 紫金 for
紫金财产保险股份有限公司. A column, a heading or an error names an insurer so, and a
command line may name it so (`太平科技:财产基本险`). The licensed insurers and the
short names the market prints for them are data (`data/insurers.tsv`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

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
    stems = [stem for stem, short in _KNOWN.items() if text and text in short]
    # A short name from the table of licensed insurers (平安产险) names that insurer only.
    found = licensed_insurer(text) if text else None
    if found is not None and text != found.name:
        stems.append(_stem(found.name))
    return tuple(dict.fromkeys(stems))


class InsurerKind(StrEnum):
    """The licence an insurer holds; closed set (the `kind` column of the table)."""

    PROPERTY = "property"  # 财产保险, agricultural, credit and surety insurers included
    LIFE = "life"
    HEALTH = "health"
    PENSION = "pension"
    REINSURANCE = "reinsurance"
    GROUP = "group"  # a holding company: clauses name its subsidiaries


@dataclass(frozen=True, slots=True)
class LicensedInsurer:
    """One licensed Chinese insurer: registered name and the short names printed for it."""

    name: str
    short_names: tuple[str, ...]
    kind: InsurerKind


@cache
def licensed_insurers() -> tuple[LicensedInsurer, ...]:
    """The table of licensed insurers shipped with the package, read on first use."""
    text = resources.files("tiaokuan.text").joinpath("data/insurers.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(LicensedInsurer(r[0], tuple(x for x in r[1].split("、") if x), InsurerKind(r[2])) for r in rows[1:])


@cache
def _by_name() -> dict[str, LicensedInsurer]:
    """Registered names and short names → the insurer (short names are unique in the table)."""
    out: dict[str, LicensedInsurer] = {}
    for insurer in licensed_insurers():
        out[insurer.name] = insurer
        for short in insurer.short_names:
            out.setdefault(short, insurer)
    return out


# A branch names the insurer it belongs to: 北京市分公司, 苏州中心支公司, 营业部.
_BRANCH = re.compile(r"[\u4e00-\u9fff]{0,12}(?:分公司|支公司|营业部)$")


def licensed_insurer(name: str) -> LicensedInsurer | None:
    """The licensed insurer `name` stands for: its registered name, one of its short
    names, or a branch of it; None when the table does not hold it."""
    name = re.sub(r"\s+", "", name)
    found = _by_name().get(name)
    if found is not None:
        return found
    for insurer in licensed_insurers():
        if name.startswith(insurer.name) and _BRANCH.fullmatch(name[len(insurer.name) :]):
            return insurer
    return None


def registered_name(name: str) -> str | None:
    """The registered name of the insurer `name` stands for (人保财险 → 中国人民财产保险
    股份有限公司); None when `name` is not a licensed insurer's name or short name."""
    found = licensed_insurer(name)
    return found.name if found else None


def short_name_prefix(text: str, shortest: int = 4) -> str | None:
    """The longest short name of a licensed insurer that `text` starts with, at least
    `shortest` characters long (a two-character name such as 众安 is too often the
    start of other words to be read as a name inside a title)."""
    names = sorted((n for i in licensed_insurers() for n in i.short_names if len(n) >= shortest), key=len, reverse=True)
    return next((n for n in names if text.startswith(n)), None)
