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
