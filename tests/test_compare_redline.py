"""Alignment and redlines: articles pair up whatever their numbering, a redline
keeps every character of both texts, and the Word file holds real tracked changes."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from tiaokuan.cli import main
from tiaokuan.compare import Change, Op, align, diff_text, redline
from tiaokuan.compare.redline import new_text, old_text
from tiaokuan.compare.redline_out import AUTHOR, Layout, to_docx, to_html, to_text
from tiaokuan.model import Article, SectionType
from tiaokuan.parse.api import parse_bytes, parse_file

from .conftest import SAMPLES, soffice_available, soffice_pdf_pages
from .tracked import clause_shape, libreoffice_profile, libreoffice_settle, settle

CN = "〇一二三四五六七八九十"


def _cn(n: int) -> str:
    import cn2an

    return cn2an.an2cn(n)


@settings(max_examples=200, deadline=None)
@given(old=st.text(alphabet="保险人被保险免赔额三十五日内，。\n （）一二abc1", max_size=60), new=st.text(alphabet="保险人被保险免赔额三十五日内，。\n （）一二abc1", max_size=60))
def test_a_redline_keeps_every_character(old: str, new: str) -> None:
    pieces = diff_text(old, new)
    assert old_text(pieces) == old and new_text(pieces) == new
    assert all(p.text for p in pieces)


def test_a_changed_time_limit_shows_as_exactly_that() -> None:
    pieces = diff_text("保险人应当在三十日内作出核定。", "保险人应当在十五日内作出核定，并通知被保险人。")
    changes = [(p.op, p.text) for p in pieces if p.op is not Op.EQUAL]
    assert changes == [(Op.DELETE, "三十日"), (Op.INSERT, "十五日"), (Op.INSERT, "，并通知被保险人")]


def _with_inserted_article(doc, at: int):
    """The document with a new article inserted before article `at`, and the
    articles after it renumbered, as an insurer's next filing would be."""
    sections = []
    for section in doc.sections:
        articles = []
        for a in section.articles:
            if a.number == at:
                articles.append(Article(at, f"第{_cn(at)}条", "被保险人应当每年向保险人报告专利维持情况。", False, a.pages, (), (), a.lines))
            if a.number is not None and a.number >= at:
                a = replace(a, number=a.number + 1, label=f"第{_cn(a.number + 1)}条")
            articles.append(a)
        sections.append(replace(section, articles=tuple(articles)))
    return replace(doc, sections=tuple(sections))


def test_an_inserted_article_renumbers_the_rest_without_rewriting_them() -> None:
    old = parse_file(SAMPLES / "patent-enforcement-with-rider.txt").documents[0]
    new = _with_inserted_article(old, 8)
    result = redline(old, new)
    assert result.count(Change.INSERTED) == 1 and result.count(Change.DELETED) == 0
    assert result.count(Change.CHANGED) == 0
    assert result.count(Change.RENUMBERED) == sum(1 for a in old.articles if a.number and a.number >= 8)
    inserted = next(a for a in result.articles if a.change is Change.INSERTED)
    assert inserted.new.label == "第八条" and inserted.pieces[0].op is Op.INSERT
    moved = next(a for a in result.articles if a.old and a.old.label == "第八条")
    assert moved.new.label == "第九条" and moved.change is Change.RENUMBERED
    text = to_text(result, "old", "new")
    assert "第八条 → 第九条（条号变动）" in text and "{+被保险人应当每年向保险人报告专利维持情况。+}" in text


def test_word_file_holds_real_tracked_changes(tmp_path: Path) -> None:
    old = parse_file(SAMPLES / "patent-enforcement-with-rider.txt").documents[0]
    article = next(a for a in old.articles if "三十日" in a.text)
    changed = replace(article, text=article.text.replace("三十日", "十五日", 1))
    new = replace(old, sections=tuple(replace(s, articles=tuple(changed if a is article else a for a in s.articles)) for s in old.sections))
    result = redline(old, new)
    assert result.count(Change.CHANGED) == 1
    out = tmp_path / "redline.docx"
    to_docx(result, "old", "new", out)
    body = Document(str(out)).element.body
    inserts, deletes = body.findall(".//" + qn("w:ins")), body.findall(".//" + qn("w:del"))
    assert ["".join(t.text for t in i.iter(qn("w:t"))) for i in inserts] == ["十五日"]
    assert ["".join(t.text for t in d.iter(qn("w:delText"))) for d in deletes] == ["三十日"]
    for mark in inserts + deletes:
        assert mark.get(qn("w:author")) == AUTHOR and mark.get(qn("w:date"))
    fonts = body.findall(".//" + qn("w:rFonts"))
    assert fonts and all(f.get(qn("w:eastAsia")) for f in fonts)
    html = to_html(result, "old", "new")
    assert "<del>三十日</del><ins>十五日</ins>" in html
    if soffice_available():
        assert soffice_pdf_pages(out, tmp_path) >= 1


def test_cli_diff(tmp_path: Path, capsys) -> None:
    old = SAMPLES / "patent-enforcement-with-rider.txt"
    assert main(["diff", str(old), str(SAMPLES / "patent-enforcement-with-rider.docx"), "--format", "txt"]) == 0
    out = capsys.readouterr().out
    assert "[-" not in out and "{+" not in out  # the same clause as text and as Word
    assert main(["diff", str(old), str(old), "--format", "docx"]) == 2  # docx needs a file
    assert main(["diff", str(old), str(old), "--format", "docx", "-o", str(tmp_path / "x.docx")]) == 0
    assert (tmp_path / "x.docx").exists()


# -- real clauses, checked by reading them ------------------------------------------
@pytest.mark.corpus
def test_the_same_model_clause_filed_by_two_insurers_aligns(shared_corpus: Path) -> None:
    picc = parse_file(next((shared_corpus / "text").glob("PK01_*"))).documents[0]
    tpkj = parse_file(next((shared_corpus / "text").glob("PC02_*"))).documents[0]
    result = align(picc, tpkj)
    pairs = {(p.a.label, p.b.label) for p in result.pairs}
    assert len(result.pairs) >= 40 and len(picc.articles) == 44
    # 太平科技 inserted an article (第十条) in 保险责任免除, so PICC 第十条 onwards moves down one.
    assert {("第十条", "第十一条"), ("第二十条", "第二十一条"), ("第三十九条", "第四十条")} <= pairs
    # who may be insured differs: PICC any owner/user; 太平科技 科技企业 only.
    assert "第二条" in {r.label for r in result.only_a} and "第二条" in {r.label for r in result.only_b}
    # 太平科技's inserted 第十条 is the catch-all exclusion (其他不属于…责任范围内的损失和费用)
    assert [r.section for r in result.only_b if r.label == "第十条"] == [SectionType.EXCLUSIONS]
    # PICC 第十条 = 太平科技 第十一条 but for two words: 保险价值(确定方式)可以为 …
    valuation = redline(picc, tpkj)
    moved = next(a for a in valuation.articles if a.old and a.old.label == "第十条")
    assert moved.new.label == "第十一条" and moved.change is Change.CHANGED
    assert [(p.op, p.text) for p in moved.pieces if p.op is not Op.EQUAL] == [(Op.DELETE, "确定方式")]
    # and other articles moved down one with the same words are shown as renumbered only
    assert any(a.change is Change.RENUMBERED for a in valuation.articles)


@pytest.mark.corpus
def test_picc_and_cpic_drone_cargo_align_one_to_one(shared_corpus: Path) -> None:
    picc = parse_file(next((shared_corpus / "text").glob("PC28_*"))).documents[0]
    cpic = parse_file(next((shared_corpus / "text").glob("PC29_*"))).documents[0]
    result = align(picc, cpic)
    assert len(result.pairs) >= len(picc.articles) - 1
    assert sum(p.renumbered for p in result.pairs) == 0
    assert all(p.a.section is p.b.section or p.score > 0.9 for p in result.pairs)


@pytest.mark.corpus
def test_patent_infringement_a_and_b_align_by_content(shared_corpus: Path) -> None:
    a = parse_file(next((shared_corpus / "text").glob("IP02_*"))).documents[0]
    b = parse_file(next((shared_corpus / "text").glob("IP03_*"))).documents[0]
    result = align(a, b)
    assert len(result.pairs) >= 20 and len(result.only_b) >= len(b.articles) - len(a.articles)
    assert {p.a.section for p in result.pairs if p.a.section is SectionType.EXCLUSIONS} == {SectionType.EXCLUSIONS}


@pytest.mark.corpus
def test_picc_and_tpkj_all_risks_align_and_differ_where_they_do(shared_corpus: Path) -> None:
    picc = parse_file(next((shared_corpus / "text").glob("PK02_*"))).documents[0]
    tpkj = parse_file(next((shared_corpus / "text").glob("PC01_*"))).documents[0]
    result = align(picc, tpkj)
    assert len(result.pairs) >= 40
    only_picc = {r.label for r in result.only_a}
    only_tpkj = {r.label for r in result.only_b}
    # read in the clauses: who may insure (PICC 第二条: any owner or user; 太平科技 第二条:
    # 科技企业 only); 太平科技 第二十七条 (no insurable interest, no claim) has no PICC
    # counterpart; PICC 第四十一条 (the law prevails over conflicting terms) has none in 太平科技.
    assert {"第二条", "第四十一条"} <= only_picc and {"第二条", "第二十七条"} <= only_tpkj
    assert ("第二十七条", "第二十八条") in {(p.a.label, p.b.label) for p in result.pairs}


# -- the Word redline is the clause: Accept All gives the new one, Reject All the old ---
def _round_trip(old_path: Path, new_path: Path, tmp_path: Path) -> None:
    old, new = parse_file(old_path).documents[0], parse_file(new_path).documents[0]
    out = tmp_path / "redline.docx"
    to_docx(redline(old, new), "old", "new", out)
    data = out.read_bytes()
    for accept, expected in ((True, new), (False, old)):
        got = parse_bytes(settle(data, accept=accept), "settled.docx").documents[0]
        assert clause_shape(got) == clause_shape(expected), f"{old_path.name} → {new_path.name}, accept={accept}"


SAMPLE_FILES = sorted(SAMPLES.glob("*.docx"))


@pytest.mark.parametrize("k", range(len(SAMPLE_FILES) - 1), ids=[p.stem for p in SAMPLE_FILES[1:]])
def test_accept_all_and_reject_all_give_each_sample_clause(k: int, tmp_path: Path) -> None:
    _round_trip(SAMPLE_FILES[k], SAMPLE_FILES[k + 1], tmp_path)


@pytest.mark.corpus
@pytest.mark.parametrize("old,new", [("IP02", "IP03"), ("PK01", "PC02"), ("PC28", "PC29"), ("PK08", "PC07")])
def test_accept_all_and_reject_all_give_each_real_clause(old: str, new: str, shared_corpus: Path, tmp_path: Path) -> None:
    # rate tables, 释义 lists and moved articles included (PK08 → PC07 moves five articles)
    text = shared_corpus / "text"
    _round_trip(next(text.glob(f"{old}_*")), next(text.glob(f"{new}_*")), tmp_path)


@pytest.mark.corpus
@pytest.mark.skipif(not soffice_available(), reason="LibreOffice is not installed (Debian: apt install libreoffice-writer); .ci/run installs it")
@pytest.mark.parametrize("old,new", [("IP02", "IP03"), ("PK08", "PC07")])
def test_libreoffice_accept_all_and_reject_all_give_each_real_clause(old: str, new: str, shared_corpus: Path, tmp_path: Path) -> None:
    # LibreOffice's own commands: a paragraph added at an article's end, a chapter
    # heading dropped after it, moved articles and two rate tables one after another
    text = shared_corpus / "text"
    a, b = (parse_file(next(text.glob(f"{k}_*"))).documents[0] for k in (old, new))
    out = tmp_path / "redline.docx"
    to_docx(redline(a, b), "old", "new", out)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = libreoffice_profile(soffice, tmp_path)
    for accept, expected in ((True, b), (False, a)):
        settled = libreoffice_settle(soffice, profile, out, accept)
        assert clause_shape(parse_bytes(settled, "settled.docx").documents[0]) == clause_shape(expected), f"accept={accept}"


@pytest.mark.corpus
def test_articles_rewritten_in_place_pair_as_changed(shared_corpus: Path) -> None:
    # Read in the two clauses: B款 rewrote A款's 核定 (第十三条 → 第十五条), 如实告知
    # (第十四条 → 第十七条) and 施救/通知 (第十八条 → 第二十一条) duties where they stood,
    # with few words left in sequence; each is one provision changed, not one deleted and one new.
    a = parse_file(next((shared_corpus / "text").glob("IP02_*"))).documents[0]
    b = parse_file(next((shared_corpus / "text").glob("IP03_*"))).documents[0]
    result = redline(a, b)
    pairs = {(d.old.label, d.new.label): d for d in result.articles if d.old and d.new}
    for old, new in (("第十三条", "第十五条"), ("第十四条", "第十七条"), ("第十八条", "第二十一条")):
        assert pairs[(old, new)].change is Change.CHANGED
    assert result.count(Change.DELETED) == 0
    # B款's new articles in between stay new: 第十六条 (先行赔付 within 六十日)
    assert "第十六条" in {d.new.label for d in result.articles if d.change is Change.INSERTED}


def test_an_article_that_moved_stands_struck_where_it_was_and_changed_where_it_is(tmp_path: Path) -> None:
    old = parse_file(SAMPLES / "patent-enforcement-with-rider.txt").documents[0]
    articles = [a for s in old.sections for a in s.articles]
    first, last = articles[0], articles[-1]
    moved = replace(first, text=first.text.replace("书面形式", "书面或电子形式"))
    # the first article moves to the end of the last chapter, with one change of wording
    sections = [replace(s, articles=tuple(a for a in s.articles if a is not first)) for s in old.sections]
    sections[-1] = replace(sections[-1], articles=(*sections[-1].articles, moved))
    new = replace(old, sections=tuple(sections))
    result = redline(old, new)
    away = [d for d in result.articles if d.change is Change.MOVED]
    there = [d for d in result.articles if d.moved]
    assert len(away) == len(there) == 1 and away[0].old.text == first.text and there[0].change is Change.CHANGED
    assert old_text(there[0].pieces) == first.text and new_text(there[0].pieces) == moved.text
    assert "".join(p.text for p in there[0].pieces if p.op is Op.INSERT) in ("或电子", "书面或电子形式")
    assert result.articles.index(away[0]) < result.articles.index(there[0])
    assert "（移至" in to_text(result, "old", "new") and last.text in to_text(result, "old", "new")
    out = tmp_path / "moved.docx"
    to_docx(result, "old", "new", out)
    data = out.read_bytes()
    assert clause_shape(parse_bytes(settle(data, accept=True), "a.docx").documents[0]) == clause_shape(new)
    assert clause_shape(parse_bytes(settle(data, accept=False), "r.docx").documents[0]) == clause_shape(old)


def test_changed_only_and_side_by_side(tmp_path: Path) -> None:
    old = parse_file(SAMPLES / "patent-enforcement-with-rider.txt").documents[0]
    new = parse_file(SAMPLES / "patent-enforcement-2027.txt").documents[0]
    result = redline(old, new)
    changed = result.changed()
    assert changed and all(a.change not in (Change.SAME, Change.RENUMBERED) for a in changed)
    text = to_text(result, "old", "new", changed_only=True)
    assert text.count("\n## ") == len(changed) and "（未改）" not in text and "（条号变动）" not in text
    # side by side: a row per article, the old text (with deletions) left, the new (with insertions) right
    html = to_html(result, "old", "new", layout=Layout.SIDE_BY_SIDE)
    rows = re.findall(r"<tr class=\"(\w+)\">(.*?)</tr>", html, flags=re.S)
    assert len(rows) == len(result.articles)
    for (kind, row), entry in zip(rows, result.articles, strict=True):
        left, right = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
        assert kind == entry.change.value
        assert "<ins>" not in left and "<del>" not in right
        if entry.old:
            assert html_text(left.split("</h2>", 1)[-1]).endswith(entry.old.text)
        if entry.new and entry.change is not Change.MOVED:
            assert html_text(right.split("</h2>", 1)[-1]).endswith(entry.new.text)
    assert "size:A4 landscape" in html and "<th>原版：old</th>" in html
    out = tmp_path / "changed.docx"
    to_docx(result, "old", "new", out, changed_only=True)
    body = "".join(t.text or "" for t in Document(str(out)).element.body.iter(qn("w:t")))
    unchanged = next(a for a in result.articles if a.change is Change.SAME)
    renumbered = next(a for a in result.articles if a.change is Change.RENUMBERED)
    assert unchanged.new.text not in body and renumbered.new.text not in body
    assert all(a.new.text.replace("\n", "")[:20] in body for a in changed if a.new)
    assert main(["diff", str(SAMPLES / "patent-enforcement-with-rider.txt"), str(SAMPLES / "patent-enforcement-2027.txt"), "--format", "html", "--layout", "side-by-side", "--changed-only", "-o", str(tmp_path / "d.html")]) == 0
    assert (tmp_path / "d.html").read_text(encoding="utf-8").count("<tr class=") == len(changed)


def html_text(fragment: str) -> str:
    import html as _html

    return _html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()
