"""Who filed the clause and what it is called: insurer, title, product, version,
注册号 and main-or-rider, read from the title block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiaokuan.text.labels import TERMINAL, squash

INSURER_RE = re.compile(
    r"([\u4e00-\u9fff（）()]{2,30}?(?:保险|财险|保险集团)(?:股份)?有限(?:责任)?公司(?:[\u4e00-\u9fff]{2,10}分公司)?)"
)
# domain.md §2: C + company(6) + line(3) + main/rider(1) + YYYYMMDD + serial(4) + digit.
REGISTRATION_RE = re.compile(r"C\d{6}\d{3}[12](?:19|20)\d{6}\d{4}\d")
_LOOSE_REGISTRATION = re.compile(r"(注册号|注册编号|产品注册号|备案号)")
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


def is_insurer_line(text: str) -> bool:
    key = squash(text)
    m = INSURER_RE.fullmatch(key)
    return m is not None


def is_registration_line(text: str) -> bool:
    key = squash(text)
    return len(key) <= 40 and bool(REGISTRATION_RE.search(key) or _LOOSE_REGISTRATION.search(key))


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


def read_title_block(lines: list[str], fallback_insurer: str | None = None) -> Metadata:
    """Metadata from the lines before the first heading or article.

    When a converter added its own title line first, the last title in the block
    is the printed one.
    """
    insurer = None
    registration = None
    title_parts: list[str] = []
    title: str | None = None
    for raw in lines:
        key = squash(raw)
        reg = REGISTRATION_RE.search(key)
        if reg:
            registration = registration or reg.group(0)
            continue
        if is_insurer_line(key):
            insurer = INSURER_RE.fullmatch(key).group(1)  # type: ignore[union-attr]
            title_parts = []
            continue
        m = INSURER_RE.match(key)
        if m and is_title_line(key[m.end() :]):
            insurer = insurer or m.group(1)
            title = key[m.end() :]
            title_parts = []
            continue
        if is_title_line(key):
            title = "".join(title_parts) + key if title_parts and not is_title_line(title_parts[-1]) else key
            title_parts = []
            continue
        if key == "条款" and title_parts:
            title = "".join(title_parts) + key
            title_parts = []
            continue
        title_parts.append(key)
    if title is None and title_parts and title_parts[-1].endswith("条款"):
        title = "".join(title_parts)
    version, bare = version_of(title) if title else (None, "")
    product = re.sub(r"条款$", "", bare) if title else None
    rider = bool(title) and ("附加" in (title or ""))
    return Metadata(insurer or fallback_insurer, title, product or None, version, registration, rider)


def insurer_in(text: str) -> str | None:
    m = INSURER_RE.search(squash(text))
    return m.group(1) if m else None
