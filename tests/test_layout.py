"""Layout clean-up: running text, paragraph joining, hidden article starts."""

from tiaokuan.model import Span
from tiaokuan.parse.layout import (
    JoinMode,
    lines_to_blocks,
    merge_split_tables,
    split_hidden_starts,
    strip_running_text,
)
from tiaokuan.parse.lines import Line, TableLine


def _page(page: int, body: list[str], start: int) -> list[Line]:
    texts = ["澄川财产保险股份有限公司 专利执行保险条款", *body, f"第 {page}页 /共 3页"]
    return [Line(t, page, start + k) for k, t in enumerate(texts)]


def test_running_headers_and_footers_removed() -> None:
    lines = _page(1, ["澄川财产保险股份有限公司", "专利执行保险条款", "第一条 甲。"], 1)
    lines += _page(2, ["第二条 乙。"], 10) + _page(3, ["第三条 丙。"], 20)
    kept, removed = strip_running_text(lines, paged=True)
    assert [ln.text for ln in kept] == ["澄川财产保险股份有限公司", "专利执行保险条款", "第一条 甲。", "第二条 乙。", "第三条 丙。"]
    assert len(removed) == 6


def test_bare_numbers_mid_page_are_kept() -> None:
    # A rate table flattened one cell per line must not lose its numbers.
    lines = [Line(t, 1, k) for k, t in enumerate(["附录：短期费率表", "保险期间", "10", "20", "30", "40", "注：不足一个月按一个月计。"])]
    kept, removed = strip_running_text(lines, paged=False)
    assert [ln.text for ln in kept] == [ln.text for ln in lines]
    assert removed == []


def test_wrapped_lines_join_but_references_do_not_open_articles() -> None:
    texts = [
        ("第十七条 若本合同约定了免赔额，保险人按照本条款", True),
        ("第十四条、第十五条计算的毛利润损失扣除免赔额后计算。", False),
        ("第十八条 审计费用按实际发生数赔偿。", False),
    ]
    lines = [Line(t, 1, k, full=full) for k, (t, full) in enumerate(texts)]
    blocks = lines_to_blocks(lines, JoinMode.WRAPPED)
    assert [b.text for b in blocks] == [
        "第十七条 若本合同约定了免赔额，保险人按照本条款第十四条、第十五条计算的毛利润损失扣除免赔额后计算。",
        "第十八条 审计费用按实际发生数赔偿。",
    ]


def test_paragraph_mode_rejoins_a_sentence_split_by_a_page_break() -> None:
    lines = [
        Line("第二十二条 发生保险事故时，如果存在重复保险，则本保险人按照本保险合同对应的", 1, 1),
        Line("每次事故赔偿限额与所有有关保险合同的赔偿限额总和的比例承担赔偿责任。", 1, 3, break_before=True),
        Line("被保险人在请求赔偿时应当如实说明。", 1, 5, break_before=True),
    ]
    blocks = lines_to_blocks(lines, JoinMode.PARAGRAPHS)
    assert len(blocks) == 2
    assert blocks[0].text.endswith("对应的每次事故赔偿限额与所有有关保险合同的赔偿限额总和的比例承担赔偿责任。")


def test_bold_spans_follow_joined_text() -> None:
    lines = [
        Line("第五条 下列损失，保险人", 1, 1, bold=(Span(0, 3),), full=True),
        Line("不负责赔偿：", 1, 2, bold=(Span(0, 6),)),
    ]
    block = lines_to_blocks(lines, JoinMode.WRAPPED)[0]
    assert [block.text[s.start : s.end] for s in block.bold] == ["第五条", "不负责赔偿："]


def test_tab_hides_next_article() -> None:
    line = Line("第二十条 保险人应当及时签发保险单。\t第二十一条 投保人应当交清保险费。", 1, 7)
    pieces = split_hidden_starts([line])
    assert [p.text for p in pieces] == ["第二十条 保险人应当及时签发保险单。\t", "第二十一条 投保人应当交清保险费。"]
    blocks = lines_to_blocks(pieces, JoinMode.EXACT)
    assert len(blocks) == 2


def test_word_manual_breaks_join_unless_a_label_follows() -> None:
    lines = [
        Line("第三条 在保险期间内，被保险人", 1, 4, break_before=True),
        Line("因第三方侵权而支出的调查费用，保险人负责赔偿。", 1, 4, soft=True),
        Line("（一）调查费；", 1, 4, soft=True),
    ]
    blocks = lines_to_blocks(lines, JoinMode.EXACT)
    assert [b.text for b in blocks] == ["第三条 在保险期间内，被保险人因第三方侵权而支出的调查费用，保险人负责赔偿。", "（一）调查费；"]


def test_split_table_is_merged_across_pages() -> None:
    first = TableLine((("地区", "费率"), ("北京", "1.2")), 4, 10, pages=(4,))
    second = TableLine((("地区", "费率"), ("上海", "1.1")), 5, 11, pages=(5,))
    merged = merge_split_tables([first, second])
    assert len(merged) == 1
    assert merged[0].pages == (4, 5)
    assert merged[0].rows[-1] == ("上海", "1.1")
