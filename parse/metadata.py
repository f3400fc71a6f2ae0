"""Who filed the clause and what it is called: insurer, title, product, version,
注册号, filing numbers and main-or-rider, read from the title block.

The insurer is the company the clause names as 保险人. A company printed at the
top that is not an insurer (a sales platform, an agency) is its distributor, and
the insurer is then the one the clause's own words name (保险人：指…公司)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tiaokuan.model import FilingNumber
from tiaokuan.text.insurers import licensed_insurer, licensed_insurers, registered_name, short_name_prefix
from tiaokuan.text.labels import TERMINAL, squash

from .filings import filing_numbers_in, is_filing_line, without_filing_numbers

INSURER_RE = re.compile(
    r"([\u4e00-\u9fff（）()]{2,30}?(?:保险|财险|保险集团)(?:股份)?有限(?:责任)?公司(?:[\u4e00-\u9fff]{2,10}分公司)?)"
)
# domain.md §2: C + company(6) + line(3) + main/rider(1) + YYYYMMDD + serial(4) + digit.
REGISTRATION_RE = re.compile(r"C\d{6}\d{3}[12](?:19|20)\d{6}\d{4}\d")
_LOOSE_REGISTRATION = re.compile(r"(注册号|注册编号|产品注册号|备案号|备案编号)")
# A company's name alone on a line: the legal form ends it, a branch may follow.
_COMPANY = re.compile(
    r"[\u4e00-\u9fffA-Za-z（）()]{2,40}?(?:有限责任公司|股份有限公司|有限公司|保险公司|相互保险社)"
    r"(?:[\u4e00-\u9fff]{2,12}(?:分公司|支公司))?"
)
# An insurer's name says 保险 right before its legal form (…保险公司, …相互保险社,
# 中国再保险（集团）股份有限公司); an intermediary puts its trade in between
# (…保险经纪有限公司, …保险代理有限公司), a platform does not say 保险 at all.
_INSURER_FORM = re.compile(
    r"[\u4e00-\u9fffA-Za-z（）()]{2,40}?(?:保险|财险)(?:[（(]集团[)）])?(?:股份有限公司|有限责任公司|有限公司|公司|社)"
    r"(?:[\u4e00-\u9fff]{2,12}(?:分公司|支公司))?"
)
# The clause naming its insurer: 保险人：指…公司, 本保险合同的保险人为…, 保险人是指….
# (被保险人, 投保人 and 再保险人 are other parties.)
_NAMED_INSURER = re.compile(r"(?<![被再])保险人[:：]?(?:专指|是指|系指|指|为|是|系)([^。；;]{0,80})")
# Words that come between 保险人 and the insurer's name (指与投保人签订本保险合同的…).
_BEFORE_NAME = re.compile(r".*[的为指是系即与]")
_TITLE_END = re.compile(r"条款([（(][^（）()]{1,20}[)）])?$")
_VERSION_PATTERNS = (
    re.compile(r"[（(]\s*((?:19|20)\d{2})\s*(?:年)?\s*版\s*[)）]"),
    re.compile(r"[（(]\s*([A-Za-z])\s*款\s*[)）]"),
    re.compile(r"[（(]\s*((?:19|20)\d{2})\s*[)）]"),
)


@dataclass(frozen=True, slots=True)
class Metadata:
    insurer: str | None
    title: str | None
    product: str | None
    version: str | None
    registration_no: str | None
    rider: bool
    filing_numbers: tuple[FilingNumber, ...] = ()
    distributor: str | None = None  # a company at the top that is not the insurer


def insurer_name(text: str) -> str | None:
    """The insurer a line names and nothing else: an insurer's name as printed (a
    branch kept), or a licensed insurer's short name as its registered name (华泰财险 →
    华泰财产保险有限公司); None for any other line."""
    key = squash(text)
    m = INSURER_RE.fullmatch(key)
    if m is not None:
        return m.group(1)
    found = licensed_insurer(key)
    if found is None:
        return key if _INSURER_FORM.fullmatch(key) else None
    return key if key.startswith(found.name) else found.name


def is_insurer_line(text: str) -> bool:
    return insurer_name(text) is not None


def split_insurer(text: str) -> tuple[str, str] | None:
    """An insurer's name (full, or a licensed insurer's short name) at the start of
    `text`, as (registered or printed name, the rest); None when `text` starts with none."""
    key = squash(text)
    m = INSURER_RE.match(key)
    if m is not None:
        return m.group(1), key[m.end() :]
    full = max((i.name for i in licensed_insurers() if key.startswith(i.name)), key=len, default=None)
    if full is not None:
        return full, key[len(full) :]
    short = short_name_prefix(key)
    if short is not None:
        return registered_name(short) or short, key[len(short) :]
    return None


def _name_in(words: str) -> str | None:
    """The insurer's name in the words that follow 保险人…指/为: a licensed insurer's
    registered or short name, else a name of an insurer's shape."""
    listed = [i.name for i in licensed_insurers() if i.name in words]
    if listed:
        return max(listed, key=len)
    short = [n for i in licensed_insurers() for n in i.short_names if len(n) >= 4 and n in words]
    if short:
        return registered_name(max(short, key=len))
    m = INSURER_RE.search(words)
    if m is None:
        return None
    name = m.group(1)
    lead = _BEFORE_NAME.match(name)
    name = name[lead.end() :] if lead else name
    return name if INSURER_RE.fullmatch(name) else None


def clause_insurer(body: Iterable[str]) -> str | None:
    """The insurer the clause's own words name as 保险人 (释义 or the first articles),
    or None. Lines are joined first: a copy may wrap a name across two lines."""
    text = "".join(squash(t) for t in body)
    for m in _NAMED_INSURER.finditer(text):
        name = _name_in(m.group(1))
        if name:
            return name
    return None


def is_registration_line(text: str) -> bool:
    key = squash(text)
    return (len(key) <= 40 and bool(REGISTRATION_RE.search(key) or _LOOSE_REGISTRATION.search(key))) or is_filing_line(text)


def is_title_line(text: str) -> bool:
    """A clause title: ends in 条款 (maybe with a version), names an insurance, no sentence."""
    key = squash(text)
    return (
        len(key) <= 70
        and "保险" in key
        and bool(_TITLE_END.search(key))
        and not any(ch in key for ch in TERMINAL + "，,")
        and key not in {"通用条款", "附加条款"}
    )


def version_of(title: str) -> tuple[str | None, str]:
    """Version label (2025版, A款) and the title without it."""
    for pattern in _VERSION_PATTERNS:
        m = pattern.search(title)
        if m:
            value = m.group(1)
            label = f"{value.upper()}款" if value.isalpha() else f"{value}版"
            return label, title[: m.start()] + title[m.end() :]
    return None, title


def _title_after_insurer(rest: str) -> bool:
    """What follows an insurer's name is a title when it ends as one: a product name
    need not say 保险 (财产一切险条款)."""
    return len(rest) > 2 and bool(_TITLE_END.search(rest)) and not any(ch in rest for ch in TERMINAL + "，,")


def read_title_block(lines: list[str], fallback_insurer: str | None = None, body: Iterable[str] = ()) -> Metadata:
    """Metadata from the lines before the first heading or article; `body` is the
    clause's text after them, read for the insurer it names and for filing numbers.

    When a converter added its own title line first, the last title in the block
    is the printed one. A title wrapped over several lines is joined, and an
    insurer's name at its start is the insurer, not part of the title.
    """
    insurer = None
    distributor = None
    registration = None
    title_parts: list[str] = []
    title: str | None = None
    for raw in lines:
        key = squash(raw)
        reg = REGISTRATION_RE.search(key)
        if reg:
            registration = registration or reg.group(0)
            continue
        if is_filing_line(raw):
            # A filing number is read below; the words beside it, if any, stay.
            key = squash(without_filing_numbers(raw))
            if not key:
                continue
        named = insurer_name(key)
        if named:
            insurer = named
            title_parts = []
            continue
        if _COMPANY.fullmatch(key):
            # A company that is no insurer heads the page: it sells the product.
            distributor = distributor or key
            title_parts = []
            continue
        split = split_insurer(key)
        if split and _title_after_insurer(split[1]):
            insurer = insurer or split[0]
            title = split[1]
            title_parts = []
            continue
        if is_title_line(key):
            title = "".join(title_parts) + key if title_parts and not is_title_line(title_parts[-1]) else key
            title_parts = []
            continue
        if _TITLE_END.fullmatch(key) and title_parts:
            # The title's last line holds only 条款 and its version: （2020版）.
            title = "".join(title_parts) + key
            title_parts = []
            continue
        title_parts.append(key)
    if title is None and title_parts and title_parts[-1].endswith("条款"):
        title = "".join(title_parts)
    if title is not None and (split := split_insurer(title)) and _title_after_insurer(split[1]):
        insurer = insurer or split[0]
        title = split[1]
    body = list(body)
    if insurer is None:
        insurer = clause_insurer(body) or fallback_insurer
    filings = filing_numbers_in([*lines, *body])
    version, bare = version_of(title) if title else (None, "")
    product = re.sub(r"条款$", "", bare) if title else None
    rider = bool(title) and ("附加" in (title or ""))
    return Metadata(insurer, title, product or None, version, registration, rider, filings, distributor)


def insurer_in(text: str) -> str | None:
    m = INSURER_RE.search(squash(text))
    return m.group(1) if m else None
