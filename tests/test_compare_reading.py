"""How the comparison reads units (issue 14): the dimension a unit belongs to, the
words that change nothing, and the scoring rule's citations of definitions."""

from __future__ import annotations

import pytest

from tiaokuan.compare import Dimension, Kind, units_of
from tiaokuan.compare.evaluate import parse_cite
from tiaokuan.compare.judge import judge
from tiaokuan.parse import parse_paragraphs

HEAD = "某某保险条款\n\n"


def _units(body: str):
    return units_of(parse_paragraphs(HEAD + body).documents[0])


def test_claim_papers_are_a_claims_matter_in_whatever_chapter_they_stand() -> None:
    """A list of the papers a claim needs stands in 投保人、被保险人义务 in one clause and in
    赔偿处理 in another; both are the claims dimension, its lead-in and a list written
    inline too, so the two lists pair and are read as the same kind of provision."""
    duties = (
        "投保人、被保险人义务\n\n"
        "第十条 被保险人请求赔偿时，应向保险人提供下列证明和资料：\n（一）保险单正本；\n（二）事故证明；\n\n"
        "第十一条 被保险人应当提交保险单、索赔申请书、损失清单、事故证明。\n\n"
        "第十二条 被保险人应当遵守国家有关安全生产的规定。\n"
    )
    units = _units(duties)
    by_cite = {u.cite: u.dimension for u in units}
    assert by_cite["第十条（一）"] is Dimension.CLAIMS
    assert by_cite["第十条（二）"] is Dimension.CLAIMS
    assert next(u for u in units if u.is_lead and u.cite.startswith("第十条")).dimension is Dimension.CLAIMS
    assert by_cite["第十一条"] is Dimension.CLAIMS
    # a duty that asks for no papers stays a duty
    assert by_cite["第十二条"] is Dimension.POLICYHOLDER_DUTIES


@pytest.mark.parametrize(
    ("old", "new", "dimension"),
    [
        # the condition is in the words, with or without 若…则…
        ("若被保险人未履行前款义务，则保险人不承担赔偿责任。", "被保险人未履行前款义务，保险人不承担赔偿责任。", Dimension.POLICYHOLDER_DUTIES),
        # a second duty joined with 并 or with a comma
        ("被保险人应及时通知保险人，并提供有关资料。", "被保险人应及时通知保险人，提供有关资料。", Dimension.POLICYHOLDER_DUTIES),
        # the localizer of a paper
        ("赔偿限额以保险单上载明的为准。", "赔偿限额以保险单载明的为准。", Dimension.LIMITS),
    ],
)
def test_connectives_change_nothing(old: str, new: str, dimension: Dimension) -> None:
    got = judge(old, new, dimension, "A", "B")
    assert got.kind is Kind.SAME_IN_SUBSTANCE
    assert not got.material


def test_a_condition_added_with_a_connective_still_counts() -> None:
    """Only the connective is filler: the condition it brings in is a difference."""
    got = judge("保险人负责赔偿。", "若经保险人书面同意，则保险人负责赔偿。", Dimension.COVER, "A", "B")
    assert got.material
    assert got.kind is Kind.NARROWER


def test_definitions_are_matched_by_their_term() -> None:
    """Two citations of one 释义 article name one unit only when they define one term."""
    assert parse_cite("第三十条「关联方」").matches(parse_cite("释义「关联方」"))
    assert not parse_cite("第四十三条「火灾」").matches(parse_cite("第四十三条「恐怖活动」"))
    assert not parse_cite("释义「保险人」").matches(parse_cite("释义「最长付款期限」"))
    # a citation without a term still names the whole article
    assert parse_cite("第四十三条").matches(parse_cite("第四十三条「火灾」"))
