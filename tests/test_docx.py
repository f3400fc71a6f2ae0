"""DOCX reading: Word numbering, manual breaks, fields, tracked changes, pages, tables."""

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tiaokuan.model import SectionType
from tiaokuan.parse import parse_file

from .conftest import SAMPLES


def test_labels_from_word_numbering() -> None:
    result = parse_file(SAMPLES / "trademark-numbering-lost.docx")
    doc = result.documents[0]
    articles = doc.numbered_articles
    assert [a.number for a in articles] == list(range(1, 26))
    assert articles[0].label == "第一条" and articles[-1].label == "第二十五条"
    assert not any(a.number_inferred for a in articles)
    assert any(item.label == "（一）" for a in articles for item in a.items)
    assert result.warnings == ()


def test_text_copy_without_labels_gets_inferred_numbers() -> None:
    result = parse_file(SAMPLES / "trademark-numbering-lost.txt")
    articles = result.documents[0].numbered_articles
    assert articles and all(a.number_inferred and a.label is None for a in articles)
    assert [a.number for a in articles] == list(range(1, len(articles) + 1))
    assert [w.code.value for w in result.warnings] == ["numbering_inferred"]


def _paragraph_xml(body: str) -> str:
    return f"<w:p {nsdecls('w')}>{body}</w:p>"


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


# A title block, a chapter and a first article: what every generated clause starts with.
_OPENING = [_run("澄川财产保险股份有限公司"), _run("测试保险条款"), _run("总则"), _run("第一条 本保险合同由保险条款组成。")]


def _word_file(paragraphs: list[str]) -> docx.document.Document:
    """A Word document whose body holds these paragraph run XMLs, after the opening."""
    document = docx.Document()
    body = document.element.body
    for xml in [*_OPENING, *paragraphs]:
        body.insert(len(body) - 1, parse_xml(_paragraph_xml(xml)))
    return document


@pytest.fixture
def tricky_docx(tmp_path: Path) -> Path:
    paragraphs = [
        # A Word manual line break (shift-enter) hides the start of the next article.
        _run("第二条 投保人应当交清保险费。") + "<w:r><w:br/></w:r>" + _run("第三条 保险人应当及时签发保险单。"),
        # A tab does the same.
        _run("第四条 被保险人应当如实告知。") + "<w:r><w:tab/></w:r>" + _run("第五条 投保人可以解除合同。"),
        # A field: the code is not text, the result is.
        _run("第六条 本条款共")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _run("3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + _run("页。"),
        # Tracked changes: deleted text is gone, inserted text is in.
        _run("第七条 保险期间为")
        + '<w:del w:id="1" w:author="x"><w:r><w:delText>二</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="x">' + _run("一") + "</w:ins>"
        + _run("年。"),
        _run("责任免除", bold=True),
        _run("第八条 下列损失，保险人不负责赔偿：", bold=True),
        '<w:r><w:br w:type="page"/></w:r>' + _run("（一）投保人的故意行为；", bold=True),
    ]
    document = _word_file(paragraphs)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("保险期间", "费率"), ("一个月", "10%")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "tricky.docx"
    document.save(path)
    return path


def test_tricky_word_paragraphs(tricky_docx: Path) -> None:
    result = parse_file(tricky_docx)
    doc = result.documents[0]
    assert doc.title == "测试保险条款"
    texts = {a.label: a.text for a in doc.numbered_articles}
    assert list(texts) == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条", "第八条"]
    assert texts["第二条"] == "投保人应当交清保险费。"
    assert texts["第六条"] == "本条款共3页。"
    assert texts["第七条"] == "保险期间为一年。"
    eighth = doc.numbered_articles[-1]
    assert eighth.pages == (1, 2)
    assert [i.text for i in eighth.items] == ["投保人的故意行为；"]
    assert sum(s.end - s.start for s in eighth.bold) == len(eighth.text.replace("\n", ""))
    assert doc.sections[-1].type is SectionType.EXCLUSIONS
    assert doc.tables[0].rows == (("保险期间", "费率"), ("一个月", "10%"))
    assert result.source.pages == 2


def test_rendered_page_break_moves_the_paragraph_to_the_next_page(tmp_path: Path) -> None:
    # Word records where it broke pages when it last laid the document out.
    document = _word_file(["<w:r><w:lastRenderedPageBreak/></w:r>" + _run("第二条 投保人应当交清保险费。")])
    path = tmp_path / "rendered.docx"
    document.save(path)
    result = parse_file(path)
    assert [a.pages for a in result.documents[0].numbered_articles] == [(1,), (2,)]
    assert result.source.pages == 2
