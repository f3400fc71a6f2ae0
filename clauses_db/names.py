"""Product names as users type them. Several insurers file products of one name
(财产基本险 of 人保 and of 太平科技), so a name may carry its insurer's short name
in front, `太平科技:财产基本险` (or with a full-width colon, `太平科技：财产基本险`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tiaokuan.text.insurers import insurer_labels

if TYPE_CHECKING:
    from .api import ProductVersion

_INSURER_SEP = re.compile(r"[:：]")


def split_insurer(ref: str) -> tuple[str | None, str]:
    """(insurer, product name) of `太平科技:财产基本险`; (None, ref) when no insurer
    is named before a colon."""
    parts = _INSURER_SEP.split(ref, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    return None, ref


def spellings(found: Sequence[ProductVersion]) -> list[str]:
    """How to type each of these products so it names only itself: its name, with
    its insurer in front where another insurer's product has the same name, or its
    version id where its insurer is not known; in character order, whatever the
    database's collation."""
    insurers: dict[str, set[str]] = {}
    for v in found:
        insurers.setdefault(v.product, set()).add(v.insurer)
    names = sorted({v.insurer for v in found})
    labels = dict(zip(names, insurer_labels(names), strict=True))
    out: dict[tuple[str, str], str] = {}
    for v in found:
        if len(insurers[v.product]) < 2:
            out[(v.insurer, v.product)] = v.product
        elif v.insurer:
            out[(v.insurer, v.product)] = f"{labels[v.insurer]}:{v.product}"
        else:
            out[(v.insurer, v.product)] = f"{v.version_id} ({v.product}, no insurer named)"
    return sorted(out.values())
