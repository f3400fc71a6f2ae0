"""Web pages as input: the sample pages in corpus/html (Word-exported, JSP-wrapped,
a <br>-broken fragment) read as the same clause as their .txt/.docx, text is
conserved, page chrome stays out of the articles, and the real pages parse."""

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tiaokuan.cli import main
from tiaokuan.errors import EncodingError
from tiaokuan.model import ClauseDocument, SourceFormat
from tiaokuan.parse import ParseOptions
from tiaokuan.parse.api import (
    clean_lines,
    detect_format,
    expand_paths,
    parse_bytes,
    parse_file,
    read_source,
    source_to_result,
)
from tiaokuan.parse.audit import body_ink, output_ink
from tiaokuan.parse.lines import Line
from tiaokuan.parse.read_html import decode_html, strip_directives
from tiaokuan.parse.serialize import from_dict, to_dict

from .conftest import SAMPLES, SHARED_CORPUS

HTML = SAMPLES / "html"
WORD = HTML / "bold-exclusions.word.html"
JSP = HTML / "patent-enforcement-2027.jsp"
FRAGMENT = HTML / "patent-enforcement-2027.web-fragment.html"
RATES = HTML / "rate-table-split.word.html"
PAIRS = [(WORD, SAMPLES / "bold-exclusions.txt"), (RATES, SAMPLES / "rate-table-split.txt"), (JSP, SAMPLES / "patent-enforcement-2027.txt"), (FRAGMENT, SAMPLES / "patent-enforcement-2027.txt")]
# What the JSP page shows around the clause: menu, search, tabs, buttons, script, footer.
JSP_CHROME = ["首页", "产品中心", "理赔服务", "搜索", "条款内容", "产品说明书", "费率表", "返回上一页", "打印条款", "欢迎访问", "版权所有", "网站地图", "隐私政策", "out.flush"]


def _real_pages() -> list[Path]:
    return sorted(p for folder in ("web", "html") if (SHARED_CORPUS / folder).is_dir() for p in (SHARED_CORPUS / folder).iterdir() if p.suffix != ".tsv")


def _document(path: Path) -> ClauseDocument:
    result = parse_file(path)
    assert len(result.documents) == 1
    return result.documents[0]


def _chapter(heading: str | None) -> str | None:
    """A heading without its 第N章 number, which the fragment adds to the sample's."""
    return heading.split("\u3000", 1)[-1] if heading and heading.startswith("第") and "章" in heading[:5] else heading


def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(("page", "text"), PAIRS, ids=lambda p: p.name)
def test_a_page_reads_as_the_same_clause_as_its_text(page: Path, text: Path) -> None:
    html, txt = _document(page), _document(text)
    assert (html.insurer, html.title, html.product, html.registration_no) == (txt.insurer, txt.title, txt.product, txt.registration_no)
    assert [(s.type, _chapter(s.heading)) for s in html.sections] == [(s.type, s.heading) for s in txt.sections]
    assert [a.label for a in html.articles] == [a.label for a in txt.articles]
    assert [a.text for a in html.articles] == [a.text for a in txt.articles]
    assert [(d.term, d.text) for d in html.definitions] == [(d.term, d.text) for d in txt.definitions]
    assert len(html.definitions) >= 3
    assert [(t.caption, t.rows) for t in html.tables] == [(t.caption, t.rows) for t in txt.tables]
    assert len(html.tables) == (2 if page is RATES else 0)  # Word's MsoTableGrid tables are tables


def test_page_source_format_and_provenance() -> None:
    raw = read_source(JSP.read_bytes(), str(JSP), ParseOptions())
    assert raw.format is SourceFormat.HTML and raw.pages == 1
    assert {ln.page for ln in raw.lines} == {1}
    assert [ln.number for ln in raw.lines] == sorted(ln.number for ln in raw.lines)
    tree = etree.fromstring(strip_directives(JSP.read_text(encoding="utf-8-sig"))[0].encode(), etree.HTMLParser(encoding="utf-8")).getroottree()
    first = next(ln for ln in raw.lines if ln.text.startswith("第一条"))
    (el,) = tree.xpath(first.element)
    assert el.tag == "p" and "".join(el.itertext()) == first.text
    assert parse_file(JSP).source.format is SourceFormat.HTML


def test_every_article_keeps_the_elements_it_stood_in() -> None:
    result = parse_file(JSP)
    tree = etree.fromstring(strip_directives(JSP.read_text(encoding="utf-8-sig"))[0].encode(), etree.HTMLParser(encoding="utf-8")).getroottree()
    articles = result.documents[0].articles
    assert articles and all(a.elements for a in articles)
    for article in articles:
        page_text = "".join("".join(tree.xpath(path)[0].itertext()) for path in article.elements)
        # Every character of the article stood in those elements (the label too).
        assert Counter("".join(article.text.split())) <= Counter("".join(page_text.split()))
    # And the path survives the JSON round trip.
    data = json.loads(json.dumps(to_dict(result), ensure_ascii=False))
    assert from_dict(data).documents[0].articles[0].elements == articles[0].elements


def test_chrome_templates_and_scripts_are_layout_not_clause_text() -> None:
    raw = read_source(JSP.read_bytes(), str(JSP), ParseOptions())
    document = source_to_result(raw).documents[0]
    shown = "\n".join([*document.front_matter, *(s.heading or "" for s in document.sections), *(a.text for a in document.articles)])
    assert [w for w in JSP_CHROME if w in shown] == []
    layout = "\n".join(t for _page, t in raw.layout)
    assert [w for w in JSP_CHROME if w not in layout] == []  # kept where it can be audited
    assert "<%@ page" in layout and "window.print" not in shown


def test_word_bold_reaches_the_articles_like_the_docx() -> None:
    html, docx = _document(WORD), _document(SAMPLES / "bold-exclusions.docx")
    assert [a.bold for a in html.articles] == [a.bold for a in docx.articles]
    sixth = next(a for a in html.articles if a.label == "第六条")
    assert sum(s.end - s.start for s in sixth.bold) == len(sixth.text.replace("\n", ""))  # 《保险法》第十七条: exclusions in bold


def test_inline_font_weight_is_bold_too() -> None:
    page = WORD.read_bytes().replace(b"<b>", b"<span style='font-weight:700'>").replace(b"</b>", b"</span>")
    html, docx = parse_bytes(page, "w.html").documents[0], _document(SAMPLES / "bold-exclusions.docx")
    assert [a.bold for a in html.articles] == [a.bold for a in docx.articles]


def test_full_width_digits_and_spaces_are_kept() -> None:
    # The fragment with its sub-item numbers in full-width digits, as such pages print them.
    page = FRAGMENT.read_bytes()
    for digit in "123":
        page = page.replace(f"　　{digit}. ".encode(), f"　　{chr(ord(digit) + 0xFEE0)}．".encode())
    html, txt = parse_bytes(page, "f.html").documents[0], _document(SAMPLES / "patent-enforcement-2027.txt")
    fourth = html.articles[3]
    assert "１．为收集" in fourth.text and "３．为取得" in fourth.text  # the characters themselves are kept
    assert [_plain(a.text) for a in html.articles] == [_plain(a.text) for a in txt.articles]
    raw = read_source(FRAGMENT.read_bytes(), str(FRAGMENT), ParseOptions())
    assert sum(ln.text.startswith("\u3000\u3000第") for ln in raw.lines) == 28  # the indent is text, one line per <br>


def test_encodings() -> None:
    data = WORD.read_bytes()
    assert b"charset=gb2312" in data and parse_bytes(data, "w.htm").documents[0].title == "集成电路布图设计专有权保险条款"
    with pytest.raises(EncodingError) as caught:
        parse_bytes(data.replace("总则".encode("gb18030"), b"\xff\xfe\xff", 1), "w.htm")
    assert "\n" not in str(caught.value)


def test_format_by_suffix_and_by_content(tmp_path: Path) -> None:
    data = WORD.read_bytes()
    for suffix in (".html", ".htm", ".xhtml", ".jsp", ".php", ".asp", ".aspx"):
        assert detect_format(b"<p>x</p>", "a" + suffix) is SourceFormat.HTML
    assert detect_format(data, "page.txt") is SourceFormat.HTML  # it opens with <html>
    assert detect_format("第一条 本保险".encode(), "a.txt") is SourceFormat.TEXT


def _check_conservation(path: Path) -> None:
    raw = read_source(path.read_bytes(), str(path), ParseOptions())
    result = source_to_result(raw)
    lines, _ = clean_lines(raw)
    assert Counter(body_ink(lines)) == Counter(output_ink(result.documents)), f"{path.name}: characters lost or doubled"
    assert not [w for w in result.warnings if "could not be placed" in w.message or "placed twice" in w.message]
    assert sum(len(d.articles) for d in result.documents) > 0
    # Nothing the page holds is dropped silently: each character is clause text or layout.
    text, directives = strip_directives(decode_html(path.read_bytes(), str(path)))
    root = etree.fromstring(text.encode(), etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True))
    page = Counter(body_ink([Line("".join(root.itertext()), 1, 1), *(Line(d, 1, 1) for d in directives)]))
    layout = Counter(body_ink(Line(t, 1, 1) for _page, t in raw.layout))
    assert page == Counter(output_ink(result.documents)) + layout, f"{path.name}: page text neither clause nor layout"


@pytest.mark.parametrize("page", [WORD, RATES, JSP, FRAGMENT], ids=lambda p: p.name)
def test_sample_pages_conserve_the_clause(page: Path) -> None:
    _check_conservation(page)
    if page is RATES:
        return  # its tables are compared cell by cell with the text's above
    # Independently of the reader: the clause body is the sample's source text.
    source = (SAMPLES / "src" / f"{page.name.split('.')[0]}.md").read_text(encoding="utf-8").replace("**", "")
    documents = parse_file(page).documents
    placed = Counter(_plain(output_ink(documents)))
    # The fragment adds its chapter numbers (第一章 …) and prints sub-item numbers in full width.
    numbers = [s.heading.split("\u3000")[0] for d in documents for s in d.sections if s.heading and _chapter(s.heading) != s.heading]
    assert len(numbers) == (11 if page is FRAGMENT else 0)
    assert placed == Counter(_plain(source)) + Counter("".join(numbers))


@pytest.mark.parametrize("page", _real_pages(), ids=lambda p: p.name[:4])
def test_real_pages_parse_conserve_and_leave_chrome_out(page: Path, shared_corpus: Path) -> None:
    _check_conservation(page)
    document = parse_file(page).documents[0]
    text, _removed = strip_directives(page.read_bytes().decode("utf-8-sig"))
    root = etree.fromstring(text.encode(), etree.HTMLParser(encoding="utf-8"))
    chrome = {" ".join("".join(el.itertext()).split()) for el in root.iter("script", "style", "button", "title", "nav")}
    articles = "\n".join(a.text for a in document.articles)
    assert [c for c in chrome if len(c) >= 4 and c in articles] == []


def test_cli_parse_and_ingest_read_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(JSP), "--format", "md"]) == 0
    assert "澄川专利执行保险（2027版）条款" in capsys.readouterr().out
    assert {Path(p).name for p in expand_paths([HTML])} == {WORD.name, RATES.name, JSP.name, FRAGMENT.name}
    report = tmp_path / "r.json"
    assert main(["ingest", str(HTML), "--db", str(tmp_path / "c.db"), "--no-progress", "--report", str(report)]) == 0
    counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
    assert counts == {"added": 4, "unchanged": 0, "not_a_clause": 0, "failed": 0}
