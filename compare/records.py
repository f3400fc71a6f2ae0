"""The records a comparison is made of: each difference of N clauses and each
product's part in it, as `differences` reads them and every output writes them
(summary, matrices, JSON, Word). Frozen data, no behaviour beyond naming.
"""

from __future__ import annotations

from dataclasses import dataclass

from .judge import Effect, Kind
from .units import DIMENSION_NAMES, Dimension


@dataclass(frozen=True)
class Side:
    """One product's part in a difference."""

    product: str
    citations: tuple[str, ...]  # 第六条（一）; empty when the product has no such provision
    wording: str  # verbatim
    marked: str  # the wording with the words that differ marked: [-old-] in the first product, {+new+} in the others


@dataclass(frozen=True)
class Difference:
    dimension: Dimension
    kind: Kind
    material: bool
    effect: Effect
    what: str  # in Chinese
    sides: tuple[Side, ...]
    affects: tuple[str, ...] = ()  # for a definition: the provisions that use the term
    checked: bool = False  # a dimension checked and found the same (not one unit)

    @property
    def dimension_name(self) -> str:
        return DIMENSION_NAMES[self.dimension]
