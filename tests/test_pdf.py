"""PDF reading on the sample PDFs (LibreOffice and reportlab producers) and on
synthetic character streams for the pure character pass."""

import pytest

from tiaokuan.model import SectionType, Span
from tiaokuan.parse import parse_file
from tiaokuan.parse.read_pdf import chars_to_lines, is_bold_font

from .conftest import SAMPLES


def _char(text: str, x0: float, top: float, size: float = 10.0, font: str = "SimSun") -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size, "fontname": font}


def test_character_pass_folds_fake_bold_and_reads_font_bold() -> None:
    chars = [_char(ch, 50 + 10 * k, 100) for k, ch in enumerate("第一条")]
    chars += [_char(ch, 50.3 + 10 * k, 100.1) for k, ch in enumerate("第一条")]  # printed twice: fake bold
    chars += [_char(ch, 90 + 10 * k, 100) for k, ch in enumerate("本合同")]
    chars += [_char(ch, 50 + 10 * k, 120, font="ABCDEF+NotoSerifCJK-Bold") for k, ch in enumerate("免赔额")]
    lines = chars_to_lines(chars, page=3, width=600, height=800, first_number=1)
    assert [ln.text for ln in lines] == ["第一条 本合同", "免赔额"]
    assert lines[0].bold == (Span(0, 3),)
    assert lines[1].bold == (Span(0, 3),)
    assert lines[0].box is not None and lines[0].box.page == 3


def test_bold_font_names() -> None:
    assert is_bold_font("BAAAAA+NotoSerifCJKjp-Bold-VKana")
    assert is_bold_font("SimHei")
    assert not is_bold_font("BAAAAA+NotoSerifCJKjp-Regular-VKana")


@pytest.fixture(scope="module")
def headers_footers():
    return parse_file(SAMPLES / "headers-footers.pdf")


def test_running_headers_and_footers_are_not_clause_text(headers_footers) -> None:
    doc = headers_footers.documents[0]
    assert headers_footers.source.pages == 5
    for article in doc.articles:
        assert "共 5 页" not in article.text and "植物新品种权保险条款\n" not in article.text
    assert all(not w.code.value == "unplaced_text" for w in headers_footers.warnings)


def test_articles_crossing_pages_keep_both_pages_and_boxes(headers_footers) -> None:
    crossing = [a for a in headers_footers.documents[0].numbered_articles if len(a.pages) > 1]
    assert crossing, "the sample has articles that run over a page break"
    for article in crossing:
        assert {b.page for b in article.boxes} == set(article.pages)
        # A sentence broken by the page break is joined back: no newline mid-sentence.
        assert all(p.rstrip()[-1] in "。；：" for p in article.text.split("\n"))


def test_rate_table_split_across_pages_is_one_table() -> None:
    doc = parse_file(SAMPLES / "rate-table-split.pdf").documents[0]
    base = max(doc.tables, key=lambda t: len(t.rows))
    assert base.pages == (4, 5)
    assert len(base.rows) >= 36
    assert all(len(row) == len(base.rows[0]) for row in base.rows)
    printed_rows = {"".join("".join(cell.split()) for cell in row) for row in base.rows[1:]}
    for article in doc.articles:
        ink = "".join(article.text.split())
        assert not any(row in ink for row in printed_rows), article.label
    assert doc.sections[-1].type is SectionType.APPENDIX


def test_bold_exclusions_are_marked_bold() -> None:
    doc = parse_file(SAMPLES / "bold-exclusions.pdf").documents[0]
    exclusions = next(s for s in doc.sections if s.type is SectionType.EXCLUSIONS)
    for article in exclusions.articles:
        bold_chars = sum(s.end - s.start for s in article.bold)
        ink = len(article.text.replace("\n", ""))
        assert bold_chars >= 0.9 * ink, article.label
    general = doc.sections[0]
    assert all(not a.bold for a in general.articles)
    deductible = [a for a in doc.numbered_articles if "免赔额" in a.text and a.bold]
    assert deductible


def test_fake_bold_does_not_double_characters() -> None:
    result = parse_file(SAMPLES / "copyright-definitions-first.pdf")
    doc = result.documents[0]
    assert [d.term for d in doc.definitions][:3] == ["被保险人", "作品", "索赔"]
    for article in doc.articles:
        assert "被被" not in article.text and "保保" not in article.text
    assert any(article.bold for article in doc.articles)


@pytest.mark.parametrize("name", ["headers-footers", "rate-table-split", "ip-multipart", "patent-enforcement-with-rider"])
def test_pdf_matches_docx_text(name: str) -> None:
    """The same clause from two producers gives the same articles.

    Whitespace is layout; paragraph ends that a PDF cannot show (a sentence that
    ends exactly at the right margin, no indent) may differ, so newlines are ignored.
    """
    # LibreOffice 7.4 drops a comma that hangs past the right margin on export;
    # pdfplumber, pypdfium2 and pdftotext all agree it is not in the PDF.
    known_producer_losses = {("headers-footers", "第二条"): ("被许可人，可以", "被许可人可以")}
    pdf = parse_file(SAMPLES / f"{name}.pdf").documents
    docx = parse_file(SAMPLES / f"{name}.docx").documents
    assert [d.title for d in pdf] == [d.title for d in docx]
    for a, b in zip((a for d in pdf for a in d.articles), (b for d in docx for b in d.articles), strict=True):
        assert a.label == b.label
        ink_a = "".join(a.text.split())
        ink_b = "".join(b.text.split())
        lost = known_producer_losses.get((name, a.label or ""))
        if lost:
            ink_b = ink_b.replace(*lost)
        assert ink_a == ink_b, a.label


def test_pdf_pages_are_released(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pdfplumber page is closed after reading, so nothing keeps its objects."""
    import pdfplumber

    closed: list[int] = []
    original = pdfplumber.page.Page.close

    def tracking_close(self):
        closed.append(self.page_number)
        return original(self)

    monkeypatch.setattr(pdfplumber.page.Page, "close", tracking_close)
    result = parse_file(SAMPLES / "headers-footers.pdf")
    assert sorted(set(closed)) == list(range(1, result.source.pages + 1))


@pytest.mark.parametrize("name", ["headers-footers", "bold-exclusions", "copyright-definitions-first", "rate-table-split"])
def test_character_pass_runs_on_pypdfium2(name: str) -> None:
    """The same character pass over PDFium's characters gives the same lines.

    Bold from a bold font face carries over; fake bold (each glyph printed twice,
    the reportlab samples) does not, because PDFium folds the duplicates itself.
    """
    import pdfplumber
    import pypdfium2

    from tiaokuan.parse.pdfium_chars import page_chars

    path = SAMPLES / f"{name}.pdf"
    font_bold = name in {"headers-footers", "bold-exclusions"}
    document = pypdfium2.PdfDocument(path)
    with pdfplumber.open(path) as pdf:
        for number, plumber_page in enumerate(pdf.pages, start=1):
            pdfium_page = document[number - 1]
            width, height = float(plumber_page.width), float(plumber_page.height)
            a = chars_to_lines(plumber_page.chars, number, width, height, 1)
            b = chars_to_lines(page_chars(pdfium_page), number, width, height, 1)
            assert ["".join(ln.text.split()) for ln in a] == ["".join(ln.text.split()) for ln in b], number
            if font_bold:
                assert [bool(ln.bold) for ln in a] == [bool(ln.bold) for ln in b], number
            pdfium_page.close()
    document.close()
