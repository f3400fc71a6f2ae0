"""Text and Markdown reading: encodings, converter markup, page markers, bold."""

import pytest

from tiaokuan.errors import EmptyFileError, EncodingError
from tiaokuan.model import Span
from tiaokuan.parse.lines import Hint, TableLine
from tiaokuan.parse.read_text import decode, looks_wrapped, strip_bold, text_to_lines

CLAUSE = "第一条 本保险合同由保险条款、投保单组成。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_decodes_common_encodings(encoding: str) -> None:
    assert decode(CLAUSE.encode(encoding), "x.txt") == CLAUSE


def test_empty_and_binary_input() -> None:
    with pytest.raises(EmptyFileError, match="x.txt：文件是空的"):
        decode(b"  \n", "x.txt")
    with pytest.raises(EncodingError, match="二进制数据"):
        decode(b"\x00\x01\x02abc", "x.txt")
    with pytest.raises(EncodingError, match="另存为 UTF-8"):
        decode(b"abc\xff" * 3, "x.txt")


def test_bold_markers_become_spans() -> None:
    text, spans = strip_bold("**第一条** 本条**免赔额**适用")
    assert text == "第一条 本条免赔额适用"
    assert spans == (Span(0, 3), Span(6, 9))


def test_markdown_markup_is_layout() -> None:
    source = "\n".join(
        [
            "---",
            "source_file: x.pdf",
            "---",
            "# 太平科技保险股份有限公司某某保险条款",
            "<!-- 第1页 -->",
            "**总则**",
            "- (一) 第一项",
            "| 保险期间 | 一个月 |",
            "| --- | --- |",
            "| 年费率的百分比 | 10 |",
            "<!-- 第2页 -->",
            "第二页的文字",
        ]
    )
    lines, layout = text_to_lines(source)
    texts = [ln.text for ln in lines if not isinstance(ln, TableLine)]
    assert texts == ["太平科技保险股份有限公司某某保险条款", "总则", "(一) 第一项", "第二页的文字"]
    assert [ln.hint for ln in lines if not isinstance(ln, TableLine)] == [Hint.TITLE, Hint.HEADING, Hint.BULLET, Hint.NONE]
    table = next(ln for ln in lines if isinstance(ln, TableLine))
    assert table.rows == (("保险期间", "一个月"), ("年费率的百分比", "10"))
    assert lines[-1].page == 2
    assert any("source_file" in text for _, text in layout)


def test_wrapped_text_is_detected() -> None:
    para = "保险人收到被保险人的赔偿请求后应当及时就是否属于保险责任作出核定并将核定结果通知"
    wrapped = [para[i : i + 30] for i in range(0, len(para), 30)] * 6
    lines, _ = text_to_lines("\n".join(wrapped))
    assert looks_wrapped(lines)
    lines, _ = text_to_lines("\n".join(["第一条 短。", "第二条 " + para * 3 + "。", "总则", "第三条 中等长度的一句话。"] * 4))
    assert not looks_wrapped(lines)


def test_a_line_short_by_a_pushed_over_character_goes_on(tmp_path) -> None:
    """Line breaking never opens a line with ，。、 nor ends one with 《（“: the typesetter pushes the
    character before such a mark, or the opening mark, to the next line, and the line above stops
    short of the margin. It still goes on into the next line, across a page break too."""
    from pathlib import Path

    from tiaokuan.parse.api import parse_file

    full = "保险人按照本保险合同的约定负责赔偿被保险人损失和费用"  # a line that reaches the margin
    text = "\n".join([
        "# 澄川财产保险股份有限公司示例附加险条款",
        "<!-- 第1页 -->",
        "保险责任",
        *[f"第{n}条 " + full[:22] for n in "一"], *[full] * 3, "负责赔偿。",
        "第二条 主保险合同同时附加本附加险及其他附加险",  # 的， pushed to the next line
        "的，" + full[:24], full, full[:10] + "。",
        "责任免除",
        "第三条 被保险人雇员从事高处作业时，应严格遵守",  # 《 pushed to the next page
        "",
        "---",
        "",
        "<!-- 第2页 -->",
        "《高处作业安全技术规范》等相关法律法规和标准，正确使用",
        full, full, "不承担保险责任。",
        "第四条 " + full[:22], full, "负责赔偿。",
    ])
    path = tmp_path / "rider.md"
    path.write_text(text, encoding="utf-8")
    articles = {a.label: a.text for d in parse_file(Path(path)).documents for a in d.articles}
    assert articles["第二条"].startswith("主保险合同同时附加本附加险及其他附加险的，")
    assert "\n" not in articles["第二条"]
    assert articles["第三条"].startswith("被保险人雇员从事高处作业时，应严格遵守《高处作业安全技术规范》")
    assert "\n" not in articles["第三条"]
