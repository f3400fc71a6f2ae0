"""Web-page versions of two samples, in the layouts insurers publish clauses in.

Run from ``corpus/``: ``python -m builder.html_pages`` writes ``html/``:

* ``bold-exclusions.word.html``: HTML as Word exports it (``class=MsoNormal``,
  labels as ``mso-list`` numbering inside ``<![if !supportLists]>``, bold runs,
  ``<meta charset=gb2312>``), encoded in GB18030;
* ``rate-table-split.word.html``: the same export of the sample with rate tables
  (Word's ``MsoTableGrid`` tables after an appendix heading and a caption), in UTF-8;
* ``patent-enforcement-2027.jsp``: a JSP page with a BOM and ``<%@ page %>``
  directives, a site menu, tabs, buttons, a script and a footer around the
  clause; labels in ``<strong>`` glued to the text, some labels alone in their
  ``<p>``, one sentence split over two ``<p>`` with an empty ``&nbsp;`` one between;
* ``patent-enforcement-2027.web-fragment.html``: a fragment without ``<html>`` or
  ``<head>``; the whole clause is one ``<p>`` broken by ``<br>``, paragraphs
  indented with full-width spaces, chapters numbered 第一章 …, sub-item numbers in
  full-width digits.

The clause text is the sample's ``src/<name>.md``; nothing else is added to it.
"""

from __future__ import annotations

from html import escape

from .source import ROOT, SRC, Block, parse, strip_prefix

OUT = ROOT / "html"


def _runs(runs: list, tag: str = "b") -> str:
    return "".join(f"<{tag}>{escape(t)}</{tag}>" if bold else escape(t) for t, bold in runs)


def word_page(blocks: list[Block]) -> str:
    """Word's "save as web page": every paragraph a MsoNormal <p>, list labels in
    conditional comments with mso-list:Ignore, headings centred and bold."""
    body = []
    for b in blocks:
        if b.kind == "table":
            cells = lambda row, tag: "".join(f"<{tag} style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>{escape(c)}</span></p></{tag}>" for c in row)  # noqa: E731
            rows = [f"<tr>{cells(b.rows[0], 'td')}</tr>", *(f"<tr>{cells(r, 'td')}</tr>" for r in b.rows[1:])]
            body.append("<div align=center><table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>\n" + "\n".join(rows) + "\n</table></div>")
        elif b.kind in ("insurer", "title", "heading", "caption"):
            body.append(f"<p class=MsoNormal align=center style='text-align:center'><b><span style='font-family:宋体'>{escape(b.plain.strip())}</span></b></p>")
        elif b.kind == "regno":
            body.append(f"<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>{escape(b.plain)}</span></p>")
        elif b.label:
            label, sep = b.label.rstrip("\u3000 "), b.label[len(b.label.rstrip("\u3000 ")) :]
            bold = b.runs[0][1]
            ignore = f"<span style='mso-list:Ignore'>{escape(label)}<span style='font:7.0pt \"Times New Roman\"'>{escape(sep)}</span></span>"
            if bold:
                ignore = f"<b>{ignore}</b>"
            level = {"article": 1, "item": 2, "subitem": 3}[b.kind]
            body.append(
                f"<p class=MsoListParagraph style='margin-left:{21 * level}.0pt;text-indent:-21.0pt;mso-list:l0 level{level} lfo1'>"
                f"<![if !supportLists]>{ignore}<![endif]>{_runs(strip_prefix(b.runs, len(b.label)))}</p>"
            )
        else:
            body.append(f"<p class=MsoNormal>{_runs(b.runs)}</p>")
        body.append("<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>" if b.kind == "heading" else "")
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\n'
        '<head>\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\n'
        '<meta name=Generator content="Microsoft Word 15 (filtered)">\n'
        "<style>\n<!--p.MsoNormal{margin:0cm;text-align:justify;font-size:10.5pt;font-family:等线}-->\n</style>\n</head>\n"
        "<body lang=ZH-CN style='text-justify-trim:punctuation'>\n<div class=WordSection1>\n"
        + "\n".join(x for x in body if x)
        + "\n</div>\n</body>\n</html>\n"
    )


_JSP_HEAD = """\ufeff<%@ page language="java" contentType="text/html; charset=UTF-8" pageEncoding="UTF-8"%>
<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core"%>
<%-- 产品条款详情页 --%>
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<title>澄川专利执行保险（2027版）条款_澄川财险</title>
<style>.clause p{text-indent:2em;line-height:1.8}.clause .chapter{text-align:center;font-weight:bold}</style>
</head>
<body>
<div class="top">
  <ul class="site-nav">
    <li><a href="/">首页</a></li><li><a href="/products">产品中心</a></li>
    <li><a href="/claims">理赔服务</a></li><li><a href="/disclosure">公开信息披露</a></li>
  </ul>
  <form class="search"><input type="text" placeholder="搜索产品"><button type="submit">搜索</button></form>
</div>
<div class="main">
  <div class="tabs"><span class="tab active">条款内容</span><span class="tab">产品说明书</span><span class="tab">费率表</span></div>
  <div class="clause">
"""

_JSP_FOOT = """  </div>
  <div class="actions"><a class="btn" href="javascript:history.back()">返回上一页</a><button onclick="window.print()">打印条款</button></div>
</div>
<script>var tip = "欢迎访问澄川财险官网"; document.title = tip + document.title;</script>
<footer><p>版权所有 澄川财产保险股份有限公司 客服热线 95599-000</p><p><a href="/sitemap">网站地图</a> | <a href="/privacy">隐私政策</a></p></footer>
<% out.flush(); %>
</body>
</html>
"""


def jsp_page(blocks: list[Block]) -> str:
    """A clause inside a sales site's page template. Chapters 保险责任 and 责任免除
    put each label in its own <p>; 第五条 is split mid-sentence over two <p>."""
    body = []
    alone = False
    for b in blocks:
        if b.kind in ("insurer", "title"):
            body.append(f"<h2 style=\"text-align:center\">{escape(b.plain)}</h2>")
        elif b.kind == "regno":
            body.append(f"<p style=\"text-align:center\">{escape(b.plain)}</p>")
        elif b.kind == "heading":
            alone = b.plain in ("保险责任", "责任免除")
            body.append(f"<p class=\"chapter\"><strong>{escape(b.plain)}</strong></p>")
        elif b.kind == "article":
            label = b.label.rstrip("\u3000 ")
            text = _runs(strip_prefix(b.runs, len(b.label)), "strong")
            if label == "第五条":
                cut = text.index("被保险人为维持") + len("被保险人为维持")
                body.append(f"<p><strong>{label}</strong>{text[:cut]}</p>\n<p>&nbsp;</p>\n<p>{text[cut:]}</p>")
            elif alone:
                body.append(f"<p><strong>{label}</strong></p>\n<p>{text}</p>")
            else:
                body.append(f"<p><strong>{label}</strong>{text}</p>")
        else:
            body.append(f"<p>{_runs(b.runs, 'strong')}</p>")
    return _JSP_HEAD + "\n".join(f"    {x}" for x in body) + "\n" + _JSP_FOOT


_CHAPTER = "一二三四五六七八九十"


def fragment(blocks: list[Block]) -> str:
    """A CMS fragment: one <p>, a <br> after every paragraph, paragraphs indented
    by two full-width spaces, chapters numbered 第一章 …"""
    lines = []
    chapter = 0
    for b in blocks:
        text = b.plain.strip()
        if b.kind == "heading":
            chapter += 1
            numeral = _CHAPTER[chapter - 1] if chapter <= 10 else "十" + _CHAPTER[chapter - 11]
            lines.append(f"<strong>第{numeral}章　{escape(text)}</strong>")
        elif b.kind in ("insurer", "title", "regno"):
            lines.append(f"<strong>{escape(text)}</strong>" if b.kind != "regno" else escape(text))
        else:
            lines.append("　　" + escape(text))
    return '<div class="article-content">\n<p style="line-height:2">\n' + "<br>\n".join(lines) + "\n</p>\n</div>\n"


def build() -> list[str]:
    OUT.mkdir(exist_ok=True)
    bold = parse((SRC / "bold-exclusions.md").read_text(encoding="utf-8"))
    rates = parse((SRC / "rate-table-split.md").read_text(encoding="utf-8"))
    patent = parse((SRC / "patent-enforcement-2027.md").read_text(encoding="utf-8"))
    pages = {
        "bold-exclusions.word.html": word_page(bold).encode("gb18030"),
        "rate-table-split.word.html": word_page(rates).replace("charset=gb2312", "charset=utf-8").encode("utf-8"),
        "patent-enforcement-2027.jsp": jsp_page(patent).encode("utf-8"),
        "patent-enforcement-2027.web-fragment.html": fragment(patent).encode("utf-8"),
    }
    for name, data in pages.items():
        (OUT / name).write_bytes(data)
    return sorted(pages)


if __name__ == "__main__":
    print("\n".join(build()))
