"""The differences of N clauses as a reader takes them in: one line per material
difference, with both wordings (changed words marked [-…-] / {+…+}) and both
citations, then each dimension checked and found the same. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence

from .judge import Kind
from .records import Difference, Side

KIND_WORDS = {
    Kind.ONLY_IN: "仅一方有", Kind.WIDER: "范围更宽", Kind.NARROWER: "范围更窄",
    Kind.DIFFERENT: "不同", Kind.SAME_IN_SUBSTANCE: "实质相同",
}  # fmt: skip


def _quote(side: Side) -> str:
    cites = "、".join(side.citations)
    if not cites:
        return f"{side.product}：无对应约定"
    return f"{side.product} {cites}：“{side.marked or side.wording}”" if side.wording else f"{side.product} {cites}"


def summary_lines(diffs: Sequence[Difference]) -> list[str]:
    """The differences as a reader takes them in: each material difference with
    both wordings (changed words marked [-…-] / {+…+}) and both citations, then
    each dimension checked and found the same, with the articles read."""
    lines = []
    for d in diffs:
        if d.material:
            quotes = "；".join(_quote(s) for s in d.sides if s.citations or d.kind is Kind.ONLY_IN)
            tail = f"（使用该术语的条款：{'、'.join(d.affects)}）" if d.affects else ""
            lines.append(f"【{d.dimension_name}·{KIND_WORDS[d.kind]}】{d.what}{tail}。{quotes}")
    for d in diffs:
        if d.checked:
            read = "；".join(f"{s.product} {'、'.join(s.citations[:6])}{'等' if len(s.citations) > 6 else ''}" if s.citations else f"{s.product} 未约定" for s in d.sides)
            lines.append(f"【{d.dimension_name}·已核对】实质相同（{read}）")
    return lines
