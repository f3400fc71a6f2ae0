"""Provisions a dimension holds apart. A dimension a clause states once (cover, limits,
the deductible, the period) still holds provisions of different kinds, and one clause's
provision of one kind is not the other clause's provision of another kind rewritten:

- the insured value (保险价值: what the subject is worth, 出险时的重置价值) is not the
  sum insured or a limit (保险金额 / 赔偿限额: the most the insurer pays), and a valued or
  unvalued policy (定值 / 不定值保险合同) says how the value is fixed; a clause states them
  under one heading, 保险金额与保险价值;
- the mitigation costs (施救费用, 《保险法》第五十七条) and the legal costs of a claim
  against the insured (仲裁或诉讼费用、律师费, 第六十六条) are covers of their own, each
  beside the insuring clause, not a rewording of it or of each other;
- a deductible of days (免赔天数 / 免赔期) is not one of money (免赔额 / 免赔率);
- a waiting period (等待期), a retroactive period (追溯期), an extended reporting
  period (扩展报告期, also called 发现期) and the indemnity period of business
  interruption (最大赔偿期) each qualify the period of cover and are not it;
- cancellation holds as many provisions as there are parties who may cancel and times
  they may (the policyholder's right before cover starts, the insurer's after it), and
  the contract a total loss ends, which no one cancels.

Pure functions.
"""

from __future__ import annotations

import re

from tiaokuan.text.vocab import cost_heads_in

from .units import Dimension, Unit

_VALUE = re.compile(r"保险价值|定值保险")
_AMOUNT = re.compile(r"保险金额|限额")
_LEGAL = frozenset({"legal_costs", "arbitration", "litigation", "attorney"})
_DAYS = re.compile(r"免赔天数|免赔期")
_PERIODS = {"等待期": "等待期", "追溯期": "追溯期", "扩展报告期": "扩展报告期", "发现期": "扩展报告期", "赔偿期": "赔偿期"}


def topic(unit: Unit) -> str:
    """The kind of provision a unit is within its dimension ('' where the dimension holds one kind)."""
    if unit.dimension is Dimension.LIMITS:
        return "value" if _VALUE.search(unit.text) and not _AMOUNT.search(unit.text) else "amount"
    if unit.dimension is Dimension.COVER:
        heads = {h.key for h, _ in cost_heads_in(unit.text)}
        return "mitigation" if "mitigation" in heads else "legal" if heads & _LEGAL else ""
    if unit.dimension is Dimension.DEDUCTIBLE:
        return "days" if _DAYS.search(unit.text) else "amount"
    if unit.dimension is Dimension.PERIOD:
        return next((kind for word, kind in _PERIODS.items() if word in unit.text), "cover")
    return ""


_CANCELLER = re.compile(r"(?<!被)(投保人|被保险人|保险人)(?:可以?|有权|也可以?|要求|申请|可提前|以书面形式)[^。；]{0,16}解除")
_CANCEL_WHEN = re.compile(r"(?:保险责任|保险期间)开始(前|后)")
_ENDS_BY_LOSS = re.compile(r"(?:全部损失|全损)[^。]{0,40}(?:本|该)?(?:保险)?合同(?:即行|自动|效力)?终止")


def cancel_slot(unit: Unit) -> tuple[frozenset[str], frozenset[str]] | None:
    """Who may cancel (投保人/保险人, or no one: the contract a total loss ends) and when
    (前/后 the start of cover), as a cancellation provision says it; None for another dimension."""
    if unit.dimension is not Dimension.CANCELLATION:
        return None
    who = _CANCELLER.findall(unit.text) or (["全损"] if _ENDS_BY_LOSS.search(unit.text) else [])
    return frozenset(who), frozenset(_CANCEL_WHEN.findall(unit.text))


def slots_differ(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether two cancellation slots name different parties, or different times."""
    return any(x and y and not x & y for x, y in zip(a, b, strict=True))
