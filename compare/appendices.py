"""Citing what stands outside numbered articles: a chapter by its heading, an appendix by
its title (附件：人身保险伤残评定标准), and the tables printed under it by their figures, in
order, however their cells were cut. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata

from tiaokuan.model import ClauseDocument, Section, SectionType


def one_space(heading: str | None) -> str:
    """A heading as printed, its whitespace one space (第二部分\t保险责任 → 第二部分 保险责任)."""
    return " ".join((heading or "").split())


def chapter_cite(heading: str | None) -> str:
    """Text outside any numbered article is cited by its chapter heading."""
    return one_space(heading) or "（无标题部分）"


def appendix_cite(heading: str | None, following: tuple[Section, ...]) -> str:
    """An appendix is cited by its heading. A label printed alone (附件：) names the
    document whose title heads a part after it (附件：人身保险伤残评定标准); the
    document's own front parts (目录, 前言, 说明) are not its title."""
    cite = chapter_cite(heading)
    if not _BARE_APPENDIX_LABEL.match(cite):
        return cite
    for section in following:
        title = one_space(section.heading)
        if section.type is not SectionType.APPENDIX or APPENDIX_LABEL.match(title):
            break
        if title and not _FRONT_PART.match(title):
            return cite.rstrip("：:") + "：" + title
    return cite


PAYMENT_SCALE = re.compile(r"伤残|(?:赔偿|给付|赔付)比例")
# The heading of an appendix of its own: 附录一：短期费率表 / 附表 / 附件：.
APPENDIX_LABEL = re.compile(r"^附(?:录|表|件)")
_BARE_APPENDIX_LABEL = re.compile(r"^附(?:录|表|件)[一二三四五六七八九十\d]*[：:]?$")
_FRONT_PART = re.compile(r"^(?:目录|前言|序言|说明|\d)")


def table_figures(doc: ClauseDocument, heading: str | None) -> str:
    """The figures of the tables printed under an appendix heading, each distinct table once."""
    seqs = []
    for t in doc.tables:
        if heading and t.caption == heading:
            seq = "|".join(re.findall(r"\d+(?:\.\d+)?", unicodedata.normalize("NFKC", " ".join(c for r in t.rows for c in r))))
            if seq and seq not in seqs:
                seqs.append(seq)
    return "/".join(seqs)
