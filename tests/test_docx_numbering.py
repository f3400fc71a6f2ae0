"""Word automatic numbering rendered from real DOCX files (parse.docx_numbering).

Each test writes a DOCX with python-docx, puts real w:abstractNum/w:num definitions in
its numbering part, saves it, reopens it and renders the labels of the body paragraphs.
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiaokuan.parse.docx_numbering import NumberingRenderer, format_number, renderer_for

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"


# ---------------------------------------------------------------- builders


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'{extra}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


ARTICLES = abstract(0, lvl(0, "chineseCounting", "第%1条"), lvl(1, "chineseCounting", "（%2）"))


def new_document(numbering: str) -> docx.Document:
    """A blank python-docx document whose numbering part holds exactly `numbering`."""
    document = docx.Document()
    root = document.part.part_related_by(RT.NUMBERING).element
    for child in list(root):
        root.remove(child)
    new = parse_xml(f'<w:numbering xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:w14="{W14_NS}" '
                    f'mc:Ignorable="w14">{numbering}</w:numbering>')
    for child in list(new):
        root.append(child)
    return document


def add(document, text: str, num_id: int | None = None, ilvl: int | None = None, style=None):
    """Append a paragraph, with a direct w:numPr when num_id or ilvl is given."""
    paragraph = document.add_paragraph(text, style=style)
    if num_id is not None or ilvl is not None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        if ilvl is not None:
            num_pr.get_or_add_ilvl().val = ilvl
        if num_id is not None:
            num_pr.get_or_add_numId().val = num_id
    return paragraph


def style_with_numbering(document, name: str, num_id: int | None = None,
                         ilvl: int | None = None, based_on=None, kind=WD_STYLE_TYPE.PARAGRAPH):
    """A new style carrying w:numPr in its pPr (the way Word links a style to a list)."""
    style = document.styles.add_style(name, kind)
    if based_on is not None:
        style.base_style = based_on
    if num_id is not None or ilvl is not None:
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        if ilvl is not None:
            num_pr.get_or_add_ilvl().val = ilvl
        if num_id is not None:
            num_pr.get_or_add_numId().val = num_id
    return style


def reopen(document, path) -> docx.Document:
    document.save(path)
    return docx.Document(path)


def labels(document) -> list[str | None]:
    renderer = renderer_for(document)
    return [renderer.label(p._p) for p in document.paragraphs]


def render(document, tmp_path) -> list[str | None]:
    """Save, reopen and render every body paragraph in order."""
    return labels(reopen(document, tmp_path / "clause.docx"))


# ---------------------------------------------------------------- lists


def test_articles_count_in_chinese_through_twenty_five(tmp_path):
    document = new_document(ARTICLES + num(1, 0))
    for i in range(25):
        add(document, f"article {i + 1}", num_id=1, ilvl=0)
    got = render(document, tmp_path)
    assert got[:3] == ["第一条", "第二条", "第三条"]
    assert got[9:12] == ["第十条", "第十一条", "第十二条"]
    assert got[19:] == ["第二十条", "第二十一条", "第二十二条", "第二十三条", "第二十四条", "第二十五条"]
    assert len(set(got)) == 25


def test_items_restart_under_each_article(tmp_path):
    document = new_document(ARTICLES + num(1, 0))
    for ilvl in (0, 1, 1, 0, 1, 1, 1, 0):
        add(document, "text", num_id=1, ilvl=ilvl)
    assert render(document, tmp_path) == [
        "第一条", "（一）", "（二）", "第二条", "（一）", "（二）", "（三）", "第三条"]


def test_enclosed_circles(tmp_path):
    document = new_document(abstract(0, lvl(0, "decimalEnclosedCircle", "%1")) + num(1, 0))
    for _ in range(21):
        add(document, "sub-item", num_id=1, ilvl=0)
    got = render(document, tmp_path)
    assert got[:3] == ["①", "②", "③"]
    assert got[19] == "⑳"
    assert got[20] == "21"  # no enclosed form past 20; Word prints plain digits


def test_multilevel_decimal(tmp_path):
    levels = abstract(0, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2"))
    document = new_document(levels + num(1, 0))
    for ilvl in (0, 1, 1, 0, 1):
        add(document, "x", num_id=1, ilvl=ilvl)
    assert render(document, tmp_path) == ["1.", "1.1", "1.2", "2.", "2.1"]


def test_placeholders_use_each_levels_own_format(tmp_path):
    levels = abstract(0, lvl(0, "chineseCounting", "第%1章"), lvl(1, "decimal", "%1-%2"),
                      lvl(2, "lowerLetter", "%2(%3)"))
    document = new_document(levels + num(1, 0))
    for ilvl in (0, 0, 1, 2, 2):
        add(document, "x", num_id=1, ilvl=ilvl)
    assert render(document, tmp_path) == ["第一章", "第二章", "二-1", "1(a)", "1(b)"]


def test_unused_parent_level_shows_zero(tmp_path):
    # Word shows a skipped level one below its start: Heading 1 then Heading 3 is "1.0.1".
    levels = abstract(0, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2"),
                      lvl(2, "decimal", "%1.%2.%3"))
    document = new_document(levels + num(1, 0))
    for ilvl in (0, 2, 1, 2):
        add(document, "x", num_id=1, ilvl=ilvl)
    assert render(document, tmp_path) == ["1.", "1.0.1", "1.1", "1.1.1"]


# ---------------------------------------------------------------- styles


def test_numbering_inherited_from_paragraph_styles(tmp_path):
    document = new_document(ARTICLES + num(1, 0))
    article = style_with_numbering(document, "Clause Article", num_id=1)
    item = style_with_numbering(document, "Clause Item", num_id=1, ilvl=1)
    # No numPr of its own: gets the list from basedOn, and level 0 by default.
    derived = style_with_numbering(document, "Clause Article Bold", based_on=article)
    add(document, "总则")
    add(document, "a", style=article)
    add(document, "b", style=item)
    add(document, "c", style=item)
    add(document, "d", style=derived)
    add(document, "e", style=item)
    assert render(document, tmp_path) == [None, "第一条", "（一）", "（二）", "第二条", "（一）"]


def test_direct_ilvl_overrides_style_level(tmp_path):
    document = new_document(ARTICLES + num(1, 0))
    article = style_with_numbering(document, "Clause Article", num_id=1)
    add(document, "a", style=article)
    add(document, "b", style=article, ilvl=1)
    assert render(document, tmp_path) == ["第一条", "（一）"]


def test_style_linked_from_level_pstyle(tmp_path):
    # Word writes the level's w:pStyle and only numId in the style: the level comes from the link.
    levels = abstract(0, lvl(0, "chineseCounting", "第%1章", extra='<w:pStyle w:val="Chapter"/>'),
                      lvl(1, "chineseCounting", "第%2条", extra='<w:pStyle w:val="Article"/>'))
    document = new_document(levels + num(1, 0))
    chapter = style_with_numbering(document, "Chapter", num_id=1)
    article = style_with_numbering(document, "Article", num_id=1)
    for style in (chapter, article, article, chapter, article):
        add(document, "x", style=style)
    assert render(document, tmp_path) == ["第一章", "第一条", "第二条", "第二章", "第一条"]


def test_num_style_link_indirection(tmp_path):
    # abstractNum 5 is only a numStyleLink to the numbering style "ClauseList", whose
    # numPr points at num 9 → abstractNum 6, the definition that holds the levels.
    numbering = (abstract(5, extra='<w:numStyleLink w:val="ClauseList"/>')
                 + abstract(6, lvl(0, "chineseCounting", "第%1条"), lvl(1, "decimalEnclosedCircle", "%2"),
                            extra='<w:styleLink w:val="ClauseList"/>')
                 + num(9, 6) + num(3, 5))
    document = new_document(numbering)
    style_with_numbering(document, "ClauseList", num_id=9, kind=WD_STYLE_TYPE.LIST)
    for ilvl in (0, 1, 1, 0):
        add(document, "x", num_id=3, ilvl=ilvl)
    assert render(document, tmp_path) == ["第一条", "①", "②", "第二条"]


def test_num_id_zero_turns_style_numbering_off(tmp_path):
    document = new_document(ARTICLES + num(1, 0))
    article = style_with_numbering(document, "Clause Article", num_id=1)
    add(document, "a", style=article)
    add(document, "not numbered", style=article, num_id=0)
    add(document, "b", style=article)
    assert render(document, tmp_path) == ["第一条", None, "第二条"]


# ---------------------------------------------------------------- overrides and restarts


def test_nums_sharing_an_abstract_share_counters(tmp_path):
    document = new_document(ARTICLES + num(1, 0) + num(2, 0))
    for num_id in (1, 1, 2, 1):
        add(document, "x", num_id=num_id, ilvl=0)
    assert render(document, tmp_path) == ["第一条", "第二条", "第三条", "第四条"]


def test_start_override_restarts_with_own_counters(tmp_path):
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    from_five = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>'
    document = new_document(ARTICLES + num(1, 0) + num(2, 0, restart) + num(3, 0, from_five))
    for num_id in (1, 1, 2, 2, 3, 3):
        add(document, "x", num_id=num_id, ilvl=0)
    assert render(document, tmp_path) == ["第一条", "第二条", "第一条", "第二条", "第五条", "第六条"]


def test_lvl_override_replaces_level(tmp_path):
    override = ('<w:lvlOverride w:ilvl="1">'
                + lvl(1, "decimalEnclosedParen", "%2") + "</w:lvlOverride>")
    document = new_document(ARTICLES + num(1, 0) + num(2, 0, override))
    for num_id, ilvl in ((1, 0), (1, 1), (2, 0), (2, 1), (2, 1)):
        add(document, "x", num_id=num_id, ilvl=ilvl)
    assert render(document, tmp_path) == ["第一条", "（一）", "第二条", "⑴", "⑵"]


def test_lvl_restart_names_the_level_that_restarts(tmp_path):
    # Level 3 restarts only after level 1 (lvlRestart 1), so it runs on across level 2.
    levels = abstract(0, lvl(0, "chineseCounting", "第%1条"), lvl(1, "chineseCounting", "（%2）"),
                      lvl(2, "decimal", "%3.", extra='<w:lvlRestart w:val="1"/>'))
    document = new_document(levels + num(1, 0))
    for ilvl in (0, 1, 2, 2, 1, 2, 0, 2):
        add(document, "x", num_id=1, ilvl=ilvl)
    assert render(document, tmp_path) == [
        "第一条", "（一）", "1.", "2.", "（二）", "3.", "第二条", "1."]


def test_lvl_restart_zero_never_restarts(tmp_path):
    levels = abstract(0, lvl(0, "chineseCounting", "第%1条"),
                      lvl(1, "decimalEnclosedCircle", "%2", extra='<w:lvlRestart w:val="0"/>'))
    document = new_document(levels + num(1, 0))
    for ilvl in (0, 1, 1, 0, 1):
        add(document, "x", num_id=1, ilvl=ilvl)
    assert render(document, tmp_path) == ["第一条", "①", "②", "第二条", "③"]


def test_is_lgl_renders_every_level_decimal(tmp_path):
    levels = abstract(0, lvl(0, "chineseCounting", "第%1部分"),
                      lvl(1, "lowerLetter", "%1.%2", extra="<w:isLgl/>"))
    document = new_document(levels + num(1, 0))
    for ilvl in (0, 0, 1, 1):
        add(document, "x", num_id=1, ilvl=ilvl)
    assert render(document, tmp_path) == ["第一部分", "第二部分", "2.1", "2.2"]


def test_start_value(tmp_path):
    document = new_document(abstract(0, lvl(0, "upperRoman", "Article %1", start=4)) + num(1, 0))
    for _ in range(3):
        add(document, "x", num_id=1, ilvl=0)
    assert render(document, tmp_path) == ["Article IV", "Article V", "Article VI"]


# ---------------------------------------------------------------- no label, odd input


def test_bullet_none_and_plain_paragraphs(tmp_path):
    levels = abstract(0, lvl(0, "bullet", "•"), lvl(1, "none", ""), lvl(2, "none", "%3"))
    document = new_document(levels + num(1, 0))
    add(document, "plain")
    for ilvl in (0, 1, 2):
        add(document, "x", num_id=1, ilvl=ilvl)
    assert render(document, tmp_path) == [None, "•", None, None]


def test_dangling_references_give_no_label(tmp_path):
    document = new_document(ARTICLES + num(1, 0) + num(2, 77))
    add(document, "missing num", num_id=42, ilvl=0)
    add(document, "missing abstractNum", num_id=2, ilvl=0)
    add(document, "missing level", num_id=1, ilvl=5)
    add(document, "a", num_id=1, ilvl=0)
    assert render(document, tmp_path) == [None, None, None, "第一条"]


def test_alternate_content_and_malformed_values_do_not_crash(tmp_path):
    # Word 2010 writes custom formats as a w14 Choice with a Fallback numFmt.
    alternate = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent>'
                 '<mc:Choice Requires="w14">'
                 '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
                 '<mc:Fallback><w:numFmt w:val="chineseCounting"/></mc:Fallback>'
                 '</mc:AlternateContent><w:lvlText w:val="第%1条"/><w14:unknownThing/></w:lvl>')
    broken = abstract(1, lvl(0, "madeUpFormat", "%1)", start=0), '<w:lvl w:ilvl="x"/>')
    document = new_document(abstract(0, alternate) + broken + num(1, 0) + num(2, 1))
    add(document, "a", num_id=1, ilvl=0)
    add(document, "b", num_id=2, ilvl=0)
    add(document, "c", num_id=2, ilvl=0)
    paragraph = add(document, "bad ilvl", num_id=1)
    paragraph._p.pPr.numPr.get_or_add_ilvl().set(f"{{{W_NS}}}val", "abc")
    assert render(document, tmp_path) == ["第一条", "0)", "1)", "第二条"]


def test_document_without_numbering_part(tmp_path):
    document = docx.Document()
    rel = next(r for r in document.part.rels.values() if r.reltype == RT.NUMBERING)
    document.part.drop_rel(rel.rId)
    add(document, "a", num_id=1, ilvl=0)
    reopened = reopen(document, tmp_path / "plain.docx")
    with pytest.raises(KeyError):
        reopened.part.part_related_by(RT.NUMBERING)
    assert labels(reopened) == [None]
    assert NumberingRenderer(None, None).label(reopened.paragraphs[0]._p) is None


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize(("fmt", "values", "expected"), [
    ("decimal", (1, 12), ("1", "12")),
    ("decimalZero", (3, 12), ("03", "12")),
    ("decimalFullWidth", (1, 12), ("１", "１２")),
    ("decimalHalfWidth", (7,), ("7",)),
    ("decimalEnclosedCircle", (1, 10, 20), ("①", "⑩", "⑳")),
    ("decimalEnclosedCircleChinese", (2,), ("②",)),
    ("decimalEnclosedParen", (1, 20), ("⑴", "⒇")),
    ("decimalEnclosedFullstop", (1, 20), ("⒈", "⒛")),
    ("upperLetter", (1, 26, 27, 53), ("A", "Z", "AA", "AAA")),
    ("lowerLetter", (2, 28), ("b", "bb")),
    ("upperRoman", (4, 9, 14, 1994), ("IV", "IX", "XIV", "MCMXCIV")),
    ("lowerRoman", (3, 40), ("iii", "xl")),
    ("chineseCounting", (1, 10, 11, 20, 101), ("一", "十", "十一", "二十", "一百零一")),
    ("chineseCountingThousand", (12,), ("十二",)),
    ("japaneseCounting", (15,), ("十五",)),
    ("chineseLegalSimplified", (1, 2, 3, 10), ("壹", "贰", "叁", "壹拾")),
    ("ideographTraditional", (1, 10, 11), ("甲", "癸", "甲")),
    ("ideographZodiac", (1, 12, 13), ("子", "亥", "子")),
    ("ideographDigital", (3, 10, 205), ("三", "一〇", "二〇五")),
    ("none", (1,), ("",)),
    ("bullet", (1,), ("",)),
    ("ordinalTextUnknown", (7,), ("7",)),
])
def test_format_number(fmt, values, expected):
    assert tuple(format_number(n, fmt) for n in values) == expected


def test_format_number_out_of_range_falls_back_to_decimal():
    assert format_number(0, "upperRoman") == "0"
    assert format_number(10**17, "chineseCounting") == str(10**17)
    # Only broken files exceed Word's 32767; repeating letters that far would be absurd.
    assert format_number(40000, "upperLetter") == "40000"
    assert format_number(40000, "decimalFullWidth") == "４００００"


# ---------------------------------------------------------------- property


def _round_trip(ilvls: list[int]) -> list[str | None]:
    document = new_document(ARTICLES + num(1, 0))
    for ilvl in ilvls:
        add(document, "x", num_id=1, ilvl=ilvl)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return labels(docx.Document(buffer))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([0, 1]), min_size=1, max_size=40))
def test_articles_never_skip_a_number(ilvls):
    got = _round_trip(ilvls)
    articles = [label for label, ilvl in zip(got, ilvls) if ilvl == 0]
    assert articles == [f"第{format_number(i, 'chineseCounting')}条"
                        for i in range(1, len(articles) + 1)]
    # Items count from （一） again after every article.
    run = 0
    for label, ilvl in zip(got, ilvls):
        run = 0 if ilvl == 0 else run + 1
        if ilvl == 1:
            assert label == f"（{format_number(run, 'chineseCounting')}）"
