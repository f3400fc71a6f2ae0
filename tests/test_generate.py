"""Generated wordings: the spec is checked all at once, articles and items are
renumbered with their cross-references, unchanged articles keep every character,
and a generated DOCX parses back to the same structure and text."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiaokuan.cli import main
from tiaokuan.generate import (
    Origin,
    OutputFormat,
    Schedule,
    SpecError,
    WordingSpec,
    build,
    check_against_base,
    generate_wording,
    new_spec,
    read_spec,
    render_text,
    spec_from_dict,
    write,
)
from tiaokuan.generate.spec import Addition, Replacement
from tiaokuan.parse.api import parse_file

from .conftest import GOLDEN, ROOT, SAMPLES, soffice_available, soffice_pdf_pages

PATENT = SAMPLES / "patent-enforcement-with-rider.txt"
MULTIPART = SAMPLES / "ip-multipart.txt"


def _base(path: Path = PATENT):
    return parse_file(path).documents[0]


def _structure(doc) -> tuple:
    return (
        [s.heading for s in doc.sections],
        [a.label for a in doc.articles],
        [a.text for a in doc.articles],
        [[i.label for i in a.items] for a in doc.articles],
    )


# -- the spec ---------------------------------------------------------------------
def test_every_problem_is_reported_with_its_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "spec.toml"
    spec.write_text(
        f'[base]\nproduct = "{PATENT}"\ncolour = "red"\n[articles]\ndrop = ["第四条", "第九十条"]\n'
        '[schedule]\nlimit_per_patent = 100000\ndeductible_amount = 200000\nperiod_start = 2027-01-01\nretroactive_date = 2027-06-01\n[extra]\nx = 1\n',
        encoding="utf-8",
    )
    assert main(["generate", str(spec), "-o", str(tmp_path / "out.docx")]) == 1
    assert not (tmp_path / "out.docx").exists()
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"错误：{spec}：定制文件中有 {len(err) - 1} 个问题；请逐一改正后重新运行："  # then one line each
    assert "  [schedule.deductible_amount] 200000 不低于赔偿限额 100000；免赔额应小于它所适用的赔偿限额" in err[1:]
    with pytest.raises(SpecError) as caught:
        read_spec(spec)
    keys = {p.key for p in caught.value.problems}
    assert keys == {"extra", "base.colour", "schedule.deductible_amount", "schedule.retroactive_date"}
    found, _ = spec_from_dict({"base": {"product": str(PATENT)}, "articles": {"drop": ["第四条", "第九十条"]}})
    base_problems = check_against_base(found, _base())
    messages = {p.key: p.message for p in base_problems}
    assert messages["articles.drop[1]"] == "基础条款中没有第九十条"
    assert "但第五条仍引用它" in messages["articles.drop"]  # 第五条 refers to 第四条


def test_a_missing_base_is_one_more_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where a default database would be created
    spec = tmp_path / "spec.toml"
    spec.write_text('[base]\nproduct = "clauses/missing.txt"\n[wording]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        generate_wording(spec, tmp_path / "w.docx")
    assert {p.key for p in caught.value.problems} == {"wording.name", "base.product"}
    assert "没有这个文件" in str(caught.value)
    assert not list(tmp_path.glob("*.db")), "a mistyped path must not create a database"


def test_spec_values_are_checked() -> None:
    _, problems = spec_from_dict({"base": {}, "schedule": {"deductible_rate": 1.5, "limit_aggregate": "a lot"}, "chapters": {"keep": ["总则"], "drop": ["释义"]}})
    keys = {p.key for p in problems}
    assert {"base.product", "schedule.deductible_rate", "schedule.limit_aggregate", "chapters"} <= keys


def test_new_spec_rebuilds_the_base(tmp_path: Path) -> None:
    text = new_spec(_base(), str(PATENT))
    path = tmp_path / "spec.toml"
    path.write_text(text, encoding="utf-8")
    spec = read_spec(path)
    assert "# 第十五条" in text and "licensed_use" in text
    wording = build(spec, _base(), str(PATENT))
    assert [a.text for a in wording.document.articles] == [a.text for a in _base().articles]
    assert all(p.origin is Origin.BASE for p in wording.provenance)


# -- building ------------------------------------------------------------------------
def test_drop_replace_add_renumber_and_follow_references() -> None:
    base = _base(MULTIPART)
    cited = next(a for a in base.articles if "本保险合同第十二条" in a.text)
    spec = WordingSpec(
        base="x",
        drop_articles=("第三条",),
        replace=(Replacement("第五条", "保险人按照本保险合同的约定负责赔偿。"),),
        add=(Addition("第一条", "本保险合同适用于澄川财产保险股份有限公司承保的知识产权保险业务。"),),
    )
    wording = build(spec, base, "ip-multipart.txt")
    doc = wording.document
    labels = [a.label for a in doc.articles if a.label]
    assert labels == [f"第{x}条" for x in _cn_range(len(labels))], "numbered 第一条… without gaps"
    assert len(doc.articles) == len(base.articles)  # one dropped, one added
    by_origin = {p.origin for p in wording.provenance}
    assert by_origin == {Origin.BASE, Origin.REPLACED, Origin.NEW}
    new = next(p for p in wording.provenance if p.origin is Origin.NEW)
    assert new.label == "第二条" and new.base_label is None
    # 第十二条 keeps its number (one dropped before it, one added), so the reference stays.
    moved = next(p for p in wording.provenance if p.base_label == cited.label)
    citing = next(a for a in doc.articles if a.label == moved.label)
    assert "本保险合同第十二条" in citing.text
    # Every untouched article is its base text, character for character.
    base_text = {a.label: a.text for a in base.articles}
    for p, a in zip(wording.provenance, doc.articles, strict=True):
        if p.origin is Origin.BASE:
            assert a.text == base_text[p.base_label]


def test_a_reference_follows_its_article() -> None:
    base = _base(MULTIPART)
    cited = next(a for a in base.articles if "本保险合同第十二条" in a.text)
    wording = build(WordingSpec(base="x", drop_articles=("第二条", "第三条")), base, "ip-multipart.txt")
    record = next(p for p in wording.provenance if p.base_label == cited.label)
    assert record.origin is Origin.BASE_AMENDED and "reference 第十二条 → 第十条" in record.changes
    text = next(a.text for a in wording.document.articles if a.label == record.label)
    assert text == cited.text.replace("本保险合同第十二条", "本保险合同第十条")


def test_a_wording_numbered_by_decimals_keeps_its_numbers(tmp_path: Path) -> None:
    """Its clauses restart from 1 in each part and its references name them by part
    (第四部分第 1.1 条): the wording keeps the printed numbers and the references
    as they are, and parses back to the same structure."""
    from tiaokuan.parse import parse_paragraphs

    from .test_structure import DECIMAL_WORDING

    text = DECIMAL_WORDING.replace("1.2 上述通知须在保险期间内提出。", "1.2 第四部分第 1.1 条所述通知须在保险期间内提出。")
    base = parse_paragraphs(text).documents[0]
    wording = build(WordingSpec(base="decimal.txt"), base, "decimal.txt")
    assert [a.label for a in wording.document.articles if a.number is not None] == [
        a.label for a in base.articles if a.number is not None
    ]
    assert [a.text for a in wording.document.articles] == [a.text for a in base.articles]
    out = tmp_path / "decimal.docx"
    write(wording, out, OutputFormat.DOCX)
    assert _structure(parse_file(out).documents[0]) == _structure(wording.document)


def test_exclusions_removed_and_added_relabel_the_items() -> None:
    base = _base()
    spec = WordingSpec(base="x", remove_exclusions=("licensed_use", "第七条（二）"), add_exclusions=("被保险人未按期缴纳专利年费导致保险专利终止后发生的侵权",))
    wording = build(spec, base, "patent")
    exclusions = [a for s in wording.document.sections if s.type.value == "exclusions" for a in s.articles]
    first, second = exclusions[0], exclusions[1]
    assert "许可、授权或默许" not in first.text and [i.label for i in first.items] == ["（一）", "（二）", "（三）", "（四）"]
    assert "侵权赔偿金未能实现" not in second.text
    labels = [i.label for i in second.items]
    assert labels == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert second.items[-2].text.endswith("免赔金额；") and second.items[-1].text == "被保险人未按期缴纳专利年费导致保险专利终止后发生的侵权。"
    assert check_against_base(spec, base) == []


def _cn_range(n: int) -> list[str]:
    from tiaokuan.text.labels import int_to_cn

    return [int_to_cn(k) for k in range(1, n + 1)]


# -- rendering --------------------------------------------------------------------------
SCHEDULE = Schedule(
    insured="某某科技有限公司", limit_per_patent=500000, limit_aggregate=2000000, deductible_amount=10000, deductible_rate=0.1,
    period_start=dt.date(2027, 1, 1), period_end=dt.date(2027, 12, 31), retroactive_date=dt.date(2026, 1, 1),
)  # fmt: skip


def test_word_file_fonts_bold_header_footer(tmp_path: Path) -> None:
    base = _base()
    wording = build(WordingSpec(base="x", product="澄川专利执行保险（定制版）", schedule=SCHEDULE), base, "patent")
    out = tmp_path / "wording.docx"
    record = write(wording, out, OutputFormat.DOCX)
    document = Document(str(out))
    body = document.element.body
    for run in body.iter(qn("w:r")):
        if run.find(qn("w:t")) is not None:
            fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            assert fonts is not None and fonts.get(qn("w:eastAsia")), "East-Asian font on every run"
    texts = [p.text for p in document.paragraphs]
    exclusion = next(p for p in document.paragraphs if p.text.startswith("（二）被保险人许可、授权或默许"))
    assert all(r.bold for r in exclusion.runs), "exclusions in bold"
    deductible = next(p for p in document.paragraphs if p.text.startswith("第十条"))
    assert any(r.bold and "免赔" in r.text for r in deductible.runs)
    assert not all(r.bold for r in next(p for p in document.paragraphs if p.text.startswith("第十一条")).runs[1:])
    footer = document.sections[0].footer._element
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"] and "第" in "".join(t.text for t in footer.iter(qn("w:t")))
    assert "澄川专利执行保险（定制版）" in document.sections[0].header.paragraphs[0].text
    assert "保险单明细表" in texts and any("人民币 500,000 元" in c.text for t in document.tables for c in t._cells)
    prov = json.loads(record.read_text(encoding="utf-8"))
    assert len(prov["articles"]) == len(wording.provenance) and prov["articles"][0]["base_source"] == "patent"


def test_markdown_and_html_from_templates(tmp_path: Path) -> None:
    wording = build(WordingSpec(base="x", schedule=SCHEDULE), _base(), "patent")
    md = render_text(wording, OutputFormat.MD)
    assert "**第六条**　**下列原因造成的损失、费用和责任，保险人不负责赔偿：**" in md and "| 累计赔偿限额 | 人民币 2,000,000 元 |" in md
    html = render_text(wording, OutputFormat.HTML)
    assert "<b>（一）投保人、被保险人或其代表的故意行为、欺诈行为或犯罪行为；</b>" in html and "保险单明细表" in html
    # A user's template runs sandboxed: it cannot reach Python internals.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "wording.md.j2").write_text("{{ wording.title.__class__.__mro__ }}", encoding="utf-8")
    from tiaokuan.generate import RenderError

    with pytest.raises(RenderError):
        render_text(wording, OutputFormat.MD, templates)
    (templates / "wording.md.j2").write_text("条款：{{ wording.title }}\n", encoding="utf-8")
    assert render_text(wording, OutputFormat.MD, templates).startswith("条款：澄川专利执行保险（2026版）条款")


def _round_trip_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".pdf") and ".gbk" not in p.name)


@pytest.mark.parametrize("sample", _round_trip_files(), ids=lambda p: p.name)
def test_generated_docx_parses_back_to_the_same_structure(sample: Path, tmp_path: Path) -> None:
    base = parse_file(sample).documents[0]
    wording = build(WordingSpec(base=str(sample)), base, str(sample))
    out = tmp_path / "round.docx"
    write(wording, out, OutputFormat.DOCX)
    assert _structure(parse_file(out).documents[0]) == _structure(wording.document)


@pytest.mark.corpus
def test_every_real_clause_round_trips(shared_corpus: Path, tmp_path: Path) -> None:
    failures = []
    files = sorted((shared_corpus / "text").glob("*.txt"))
    assert len(files) >= 40
    for path in files:
        base = parse_file(path).documents[0]
        wording = build(WordingSpec(base=str(path)), base, str(path))
        out = tmp_path / "round.docx"
        write(wording, out, OutputFormat.DOCX)
        if _structure(parse_file(out).documents[0]) != _structure(wording.document):
            failures.append(path.name)
        # A base that kept its numbering comes out article for article, text for text.
        numbered = all(a.label for a in base.articles if a.number is not None) and all(i.label for a in base.articles for i in a.items)
        if numbered and [a.text for a in wording.document.articles] != [a.text for a in base.articles]:
            failures.append(f"{path.name}: text changed")
    assert failures == []


def test_pdf_and_a_rendered_page(tmp_path: Path) -> None:
    if not soffice_available():
        pytest.skip("LibreOffice (soffice) is not installed; PDF output needs it")
    import pypdfium2

    wording = build(WordingSpec(base="x"), _base(), "patent")
    pdf = tmp_path / "wording.pdf"
    write(wording, pdf, OutputFormat.PDF)
    assert pdf.read_bytes().startswith(b"%PDF")
    # Page 1 rendered to PNG (pdfium, the renderer the parser already uses) and kept as an artefact.
    image = pypdfium2.PdfDocument(str(pdf))[0].render(scale=0.6).to_pil().convert("L")
    image.save(tmp_path / "page-1.png")
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height, "page 1 is blank"
    from tiaokuan.generate.render import _installed_faces

    if "Noto Serif CJK SC" in _installed_faces():
        import pdfplumber

        with pdfplumber.open(pdf) as document:
            faces = {c["fontname"] for page in document.pages[:2] for c in page.chars}
        assert any("Bold" in f for f in faces), "exclusions keep their bold in the PDF"


def test_cli_new_spec_generate_and_pack(tmp_path: Path, capsys) -> None:
    assert main(["new-spec", str(PATENT)]) == 0
    spec = tmp_path / "spec.toml"
    text = capsys.readouterr().out
    text = re.sub(r"(\[articles\]\n(?:#.*\n)*)drop = \[\]", r'\1drop = ["第八条"]', text)
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "wording.docx"
    assert main(["generate", str(spec), "-o", str(out)]) == 0
    generated = parse_file(out).documents[0]
    assert len(generated.articles) == len(_base().articles) - 1
    assert (tmp_path / "wording.docx.provenance.json").exists()
    assert main(["generate", str(spec), "-o", str(tmp_path / "wording.md")]) == 0
    assert (tmp_path / "wording.md").read_text(encoding="utf-8").startswith("**澄川财产保险股份有限公司**")
    pack = tmp_path / "pack.docx"
    assert main(["pack", str(PATENT), str(MULTIPART), str(SAMPLES / "copyright-definitions-first.txt"), "-o", str(pack), "--client", "某某科技"]) == 0
    document = Document(str(pack))
    texts = [p.text for p in document.paragraphs]
    assert "保险产品比较报告" in texts and "附录：条款全文" in texts
    assert len(document.tables) == 5 and len(document.sections) == 3  # the summary, the aligned differences and the three matrices
    assert document.sections[1].page_width > document.sections[1].page_height  # the matrices are landscape
    if soffice_available():
        assert soffice_pdf_pages(pack, tmp_path) >= 3
    html = tmp_path / "pack.html"
    assert main(["pack", str(PATENT), str(MULTIPART), "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "保险产品比较报告" in page and '<td class="silent">' in page and page.count('<div class="wording">') == 2
    assert main(["pack", str(PATENT), str(MULTIPART), "-o", str(tmp_path / "pack.md")]) == 0
    assert "## 责任免除\n" in (tmp_path / "pack.md").read_text(encoding="utf-8")


def test_keep_only_some_articles_drops_empty_chapters() -> None:
    spec = WordingSpec(base="x", keep_articles=("第一条", "第四条", "第六条", "第二十七条"))
    assert check_against_base(spec, _base()) == []
    wording = build(spec, _base(), "patent")
    assert [s.heading for s in wording.document.sections] == ["总则", "保险责任", "责任免除", "释义"]
    assert [p.base_label for p in wording.provenance] == ["第一条", "第四条", "第六条", "第二十七条"]
    _, problems = spec_from_dict({"base": {"product": "x"}, "articles": {"keep": ["第一条"], "drop": ["第二条"]}})
    assert [p.key for p in problems] == ["articles"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_selection_round_trips(data, tmp_path: Path) -> None:
    """generate → parse gives back the structure, whatever articles are dropped and
    exclusion items removed (keeping the ones other articles cite)."""
    base = _base()
    cited = {e.value for a in base.articles for e in a.entities if e.type.value == "ARTICLE_REF"}
    droppable = [a.label for a in base.articles if a.label and a.number not in cited]
    drop = tuple(data.draw(st.lists(st.sampled_from(droppable), unique=True, max_size=8)))
    items = [f"{a.label}{i.label}" for s in base.sections if s.type.value == "exclusions" for a in s.articles if a.label not in drop for i in a.items]
    remove = tuple(data.draw(st.lists(st.sampled_from(items), unique=True, max_size=3))) if items else ()
    spec = WordingSpec(base="x", drop_articles=drop, remove_exclusions=remove)
    assert check_against_base(spec, base) == []
    wording = build(spec, base, "patent")
    labels = [a.label for a in wording.document.articles]
    assert labels == [f"第{x}条" for x in _cn_range(len(base.articles) - len(drop))]
    out = tmp_path / "h.docx"
    write(wording, out, OutputFormat.DOCX)
    assert _structure(parse_file(out).documents[0]) == _structure(wording.document)
    for a in wording.document.articles:
        found = [i.label for i in a.items if i.label and i.label.startswith("（")]
        assert found == [f"（{x}）" for x in _cn_range(len(found))], "items renumbered without gaps"


def _docx_outline(path: Path) -> dict:
    """What a reader sees in a Word file, without its zip bytes: each paragraph's
    style, alignment and runs (text, bold, East-Asian font), the tables, and the
    header and footer."""
    document = Document(str(path))
    body = []
    for p in document.paragraphs:
        runs = [[r.text, bool(r.bold), r._r.rPr.rFonts.get(qn("w:eastAsia")) if r._r.rPr is not None and r._r.rPr.rFonts is not None else None] for r in p.runs if r.text]
        body.append({"style": p.style.name, "align": str(p.alignment) if p.alignment is not None else None, "runs": runs})
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    section = document.sections[0]
    return {"paragraphs": body, "tables": tables, "header": section.header.paragraphs[0].text, "footer": section.footer.paragraphs[0].text}


def test_example_wording_matches_golden(tmp_path: Path, regen_golden: bool) -> None:
    out = tmp_path / "wording.docx"
    assert main(["generate", str(ROOT / "examples" / "patent-enforcement-tailored.toml"), "-o", str(out)]) == 0
    actual = json.dumps(_docx_outline(out), ensure_ascii=False, indent=1) + "\n"
    golden = GOLDEN / "generate" / "patent-enforcement-tailored.docx.json"
    if regen_golden:
        golden.write_text(actual, encoding="utf-8")
        pytest.fail(f"regenerated {golden.name}; review it and run again without --regen-golden")
    assert golden.exists(), "no golden: run pytest --regen-golden"
    assert actual == golden.read_text(encoding="utf-8")
    prov = json.loads((tmp_path / "wording.docx.provenance.json").read_text(encoding="utf-8"))
    changed = {a["label"]: a["origin"] for a in prov["articles"] if a["origin"] != "base"}
    assert changed == {"第五条": "base, amended", "第六条": "base, amended", "第九条": "new", "第十五条": "replaced"}
    assert [a["label"] for a in prov["riders"][0]["articles"]] == ["第一条", "第二条", "第三条", "第四条", "第五条"]


def test_pdf_without_libreoffice_says_how_to_get_it(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    spec = tmp_path / "spec.toml"
    spec.write_text(f'[base]\nproduct = "{PATENT}"\n', encoding="utf-8")
    # An empty PATH: this Python runs by its full path, and no soffice can be found.
    bare = tmp_path / "bin"
    bare.mkdir()
    run = subprocess.run(
        [sys.executable, "-c", "from tiaokuan.cli import entry; entry()", "generate", str(spec), "-o", str(tmp_path / "w.pdf")],
        check=False, capture_output=True, text=True, env={**os.environ, "PATH": str(bare)}, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "生成 PDF 需要 LibreOffice" in run.stderr and "apt install libreoffice-writer-nogui" in run.stderr
    assert not (tmp_path / "w.pdf").exists()
