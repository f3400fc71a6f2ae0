"""Two filings of one sample product (澄川专利执行保险 2026版 → 2027版): the
redline and the comparison as golden files, the changes read in the two sources
(`corpus/src/patent-enforcement-*.md`), and the Word redline checked by applying
its tracked changes both ways."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tiaokuan.cli import main
from tiaokuan.compare import Change, Dimension, Effect, Kind, Op, Product, column_names, compare_products, redline
from tiaokuan.compare.compare_out import to_markdown
from tiaokuan.compare.redline_out import to_docx, to_html, to_text
from tiaokuan.parse.api import parse_bytes, parse_file

from .conftest import GOLDEN, SAMPLES, soffice_available, soffice_pdf_pages
from .tracked import clause_shape, libreoffice_profile, libreoffice_settle, settle, tracked_changes

OLD, NEW = SAMPLES / "patent-enforcement-with-rider.txt", SAMPLES / "patent-enforcement-2027.txt"
WHEN = datetime(2026, 11, 1, tzinfo=UTC)


def _docs():
    return parse_file(OLD).documents[0], parse_file(NEW).documents[0]


def _names(old, new) -> tuple[str, str]:
    a, b = column_names([old.product, new.product], [old, new])
    return a, b


def _check_golden(name: str, actual: str, regen: bool) -> None:
    golden = GOLDEN / name
    if regen:
        golden.write_text(actual, encoding="utf-8")
        pytest.fail(f"regenerated {name}; review it and run again without --regen-golden")
    assert golden.exists(), f"no golden {name}: run pytest --regen-golden"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_redline_matches_golden(fmt: str, regen_golden: bool) -> None:
    old, new = _docs()
    render = {"txt": to_text, "html": to_html}[fmt]
    _check_golden(f"redline-patent-enforcement-2026-2027.{fmt}", render(redline(old, new), *_names(old, new)), regen_golden)


def test_version_comparison_matches_golden(regen_golden: bool) -> None:
    old, new = _docs()
    names = _names(old, new)
    assert names == ("澄川专利执行保险 2026版", "澄川专利执行保险 2027版")
    riders = tuple(d.product for d in parse_file(OLD).documents[1:])
    result = compare_products([Product(names[0], old, riders), Product(names[1], new, ())])
    _check_golden("compare-patent-enforcement-2026-2027.md", to_markdown(result), regen_golden)


def _by_old_label(result, label: str):
    return next(a for a in result.articles if a.old and a.old.label == label)


def test_the_changes_read_in_the_two_filings() -> None:
    result = redline(*_docs())
    # One article inserted (第六条, customs measures), everything after it renumbered.
    assert [result.count(c) for c in Change] == [4, 15, 8, 0, 1, 0]
    inserted = next(a for a in result.articles if a.change is Change.INSERTED)
    assert inserted.new.label == "第六条" and "海关" in inserted.pieces[0].text
    # 核定 within 三十日 became 十五日 — and nothing else in that article moved.
    decision = _by_old_label(result, "第十五条")
    assert decision.new.label == "第十六条"
    assert [(p.op, p.text) for p in decision.pieces if p.op is not Op.EQUAL] == [(Op.DELETE, "三十日"), (Op.INSERT, "十五日")]
    # The infringement notice went from 十五日 to 七日.
    notice = _by_old_label(result, "第十九条")
    assert [(p.op, p.text) for p in notice.pieces if p.op is not Op.EQUAL] == [(Op.DELETE, "十五日"), (Op.INSERT, "七日")]
    # 第七条（二） (unrecovered damages) was deleted: one whole line, and the items
    # after it are relabelled, not rewritten.
    exclusions = _by_old_label(result, "第七条")
    changes = [(p.op, p.text) for p in exclusions.pieces if p.op is not Op.EQUAL]
    assert changes[0] == (Op.DELETE, "（二）被保险人向侵权人主张的侵权赔偿金未能实现的部分；\n")
    assert changes[1:] == [(Op.DELETE, "三"), (Op.INSERT, "二"), (Op.DELETE, "四"), (Op.INSERT, "三"), (Op.DELETE, "五"), (Op.INSERT, "四"), (Op.DELETE, "六"), (Op.INSERT, "五")]
    # The new sub-limit is one insertion starting at its 、, not a split of 分项赔偿限额.
    limits = _by_old_label(result, "第九条")
    assert [(p.op, p.text) for p in limits.pieces if p.op is not Op.EQUAL] == [(Op.INSERT, "、海关保护费用分项赔偿限额")]
    # The cancellation fee, and nuclear risks added to the war exclusion.
    fee = _by_old_label(result, "第二十六条")
    assert [(p.op, p.text) for p in fee.pieces if p.op is not Op.EQUAL] == [(Op.DELETE, "百分之五"), (Op.INSERT, "百分之三")]
    war = _by_old_label(result, "第六条")
    assert [(p.op, p.text) for p in war.pieces if p.op is not Op.EQUAL] == [(Op.INSERT, "，核辐射、核爆炸、核污染及其他放射性污染")]


def test_the_comparison_of_the_two_filings() -> None:
    old, new = _docs()
    names = _names(old, new)
    result = compare_products([Product(names[0], old, ()), Product(names[1], new, ())])
    material = {(d.sides[0].citations, d.sides[1].citations): d for d in result.differences if d.material}
    notice = material[(("第十九条（一）",), ("第二十条（一）",))]  # 出险通知 十五日 → 七日
    assert notice.dimension is Dimension.POLICYHOLDER_DUTIES and "更短" in notice.what
    decision = material[(("第十五条",), ("第十六条",))]  # 核定期限 三十日 → 十五日
    assert decision.dimension is Dimension.INSURER_DUTIES and "更短" in decision.what
    nuclear = material[(("第六条（四）",), ("第七条（四）",))]
    assert (nuclear.kind, nuclear.effect) == (Kind.WIDER, Effect.WORSE) and "{+" in nuclear.sides[1].marked
    customs = material[((), ("第六条",))]  # 海关保护费用, a new head of cover
    assert customs.kind is Kind.ONLY_IN and "海关保护费用" in customs.sides[1].wording
    fee = material[(("第二十六条",), ("第二十七条",))]  # 退保手续费 百分之五 → 百分之三
    assert fee.dimension is Dimension.CANCELLATION
    # Unchanged exclusions are not differences, whatever their new numbers.
    assert not any("强制许可" in d.sides[0].wording for d in material.values())
    assert all(line.startswith("【") for line in result.summary)


def test_word_redline_accepts_to_the_new_and_rejects_to_the_old(tmp_path: Path) -> None:
    old, new = _docs()
    result = redline(old, new)
    out = tmp_path / "redline.docx"
    to_docx(result, *_names(old, new), out, when=WHEN)
    data = out.read_bytes()
    # Accept All and Reject All, applied to the XML as Word does, then read by tiaokuan:
    # the clause itself, labels, chapter headings and title included, and nothing else.
    assert clause_shape(parse_bytes(settle(data, accept=True), "accepted.docx").documents[0]) == clause_shape(new)
    assert clause_shape(parse_bytes(settle(data, accept=False), "rejected.docx").documents[0]) == clause_shape(old)
    assert tracked_changes(settle(data, accept=True)) == 0
    body = Document(str(out)).element.body
    # The deleted item's line break and the inserted article's text are tracked, with author and date.
    marks = body.findall(".//" + qn("w:pPr") + "/" + qn("w:rPr") + "/" + qn("w:del"))
    assert marks and all(m.get(qn("w:date")) == "2026-11-01T00:00:00Z" for m in marks)
    ids = [el.get(qn("w:id")) for el in body.iter(qn("w:ins"), qn("w:del"))]
    assert len(ids) == len(set(ids)), "every tracked change has its own id"
    # what happened to each article is a comment on it, not text in the clause
    comments = [c.text for c in Document(str(out)).comments]
    assert "条号变动：第八条 → 第九条" in comments and "修改：原第十五条" in comments
    assert not any("（修改）" in (t.text or "") for t in body.iter(qn("w:t")))
    if soffice_available():
        assert soffice_pdf_pages(out, tmp_path) >= 1


@pytest.mark.skipif(not soffice_available(), reason="LibreOffice is not installed (Debian: apt install libreoffice-writer); .ci/run installs it")
def test_libreoffice_accept_all_and_reject_all_give_each_filing(tmp_path: Path) -> None:
    # LibreOffice's own Accept All / Reject All (.uno:AcceptAllTrackedChanges), run
    # headless by a Basic macro, then the saved file read by tiaokuan.
    old, new = _docs()
    out = tmp_path / "redline.docx"
    to_docx(redline(old, new), *_names(old, new), out, when=WHEN)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = libreoffice_profile(soffice, tmp_path)
    for accept, expected in ((True, new), (False, old)):
        data = libreoffice_settle(soffice, profile, out, accept)
        assert tracked_changes(data) == 0
        assert clause_shape(parse_bytes(data, "settled.docx").documents[0]) == clause_shape(expected)


def test_cli_compare_and_diff_of_two_filings(tmp_path: Path, capsys) -> None:
    assert main(["diff", str(OLD), str(NEW), "--format", "txt"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("--- 澄川专利执行保险 2026版\n+++ 澄川专利执行保险 2027版\n")
    assert "## 第十五条 → 第十六条（修改）" in out and "[-三十日-]{+十五日+}" in out
    assert main(["compare", str(OLD), str(NEW), "--format", "md"]) == 0
    assert "| | 澄川专利执行保险 2026版 | 澄川专利执行保险 2027版 |" in capsys.readouterr().out
