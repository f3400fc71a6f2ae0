"""Where a clause's body begins: the title block, and the tables of contents,
cover pages and reading guides (阅读指引) insurers print before the body. None of
them is an article; all are kept, character for character, as front matter.

Pure functions over layout blocks; `structure.blocks_to_documents` calls them.
"""

from __future__ import annotations

import re

from tiaokuan.text.labels import (
    TERMINAL,
    article_label,
    decimal_article_label,
    item_label,
    part_label,
    squash,
)

from .headings import classify, known_heading
from .layout import Block
from .lines import Hint
from .metadata import is_insurer_line, is_registration_line, is_title_line
from .numbering import opens_decimal_chapter

# A table-of-contents entry ends in its page number, set off by a dot leader
# (……, ……, ·····, ----) or by a tab or a wide gap: 第一条 保险合同构成 ………… 1.
_TOC_ENTRY = re.compile(r"^(?P<entry>.*?\S)\s*(?:[.．·…‥_—\-]{3,}|\t|[ \u3000]{2,})\s*(?:第\s*)?(?P<page>\d{1,3})\s*页?\s*$")
_TOC_HEADINGS = {"目录", "目次", "条款目录"}
# Plain-language wordings open with a reading guide that points into the clause.
_GUIDE_HEADINGS = {"阅读指引", "阅读提示", "条款阅读指引", "阅读指南"}


def toc_entry(text: str) -> str | None:
    """The entry a table-of-contents line lists (its page number and leader removed), or None."""
    m = _TOC_ENTRY.match(text.strip())
    if m is None or len(squash(m.group("entry"))) > 50 or m.group("entry").rstrip()[-1:] in TERMINAL:
        return None
    return m.group("entry")


def _heading_like(text: str) -> bool:
    key = squash(text)
    return 0 < len(key) <= 40 and key[-1] not in TERMINAL + "，,"


def is_front_matter(block: Block) -> bool:
    """Title-block lines: insurer, title, 注册号, short lines that are not sentences.

    A converter's wrapper (a "产品信息" table, a "条款正文" heading) stands
    there too: small tables and headings that name no chapter.
    """
    if block.table is not None:
        return len(block.table.rows) <= 12 and max(len(r) for r in block.table.rows) <= 3
    text = block.text.strip()
    key = squash(text)
    if not key or len(key) > 70 or key[-1] in TERMINAL:
        return False
    if is_title_line(text) or is_insurer_line(text) or is_registration_line(text) or block.hint is Hint.TITLE:
        return True
    if article_label(text) or item_label(text) or part_label(text):
        return False
    kind = classify(text)
    return not (kind and kind.known)


def _toc_end(blocks: list[Block], start: int) -> int:
    """End of a table of contents opening at `start` (its 目录 line or first entry);
    `start` itself when there is none.

    Entries with page numbers run while they last. A contents list without page
    numbers lists the headings the body then prints, so it ends where its first
    entry is printed again."""
    titled = blocks[start].table is None and squash(blocks[start].text) in _TOC_HEADINGS
    i = start + 1 if titled else start
    led = i
    while led < len(blocks) and blocks[led].table is None and toc_entry(blocks[led].text):
        led += 1
    if led - i >= (1 if titled else 3):
        return led
    if not titled:
        return start
    first = squash(blocks[i].text) if i < len(blocks) and blocks[i].table is None else ""
    j = i + 1
    while j < len(blocks) and blocks[j].table is None and _heading_like(blocks[j].text):
        if squash(blocks[j].text) == first:
            return j
        j += 1
    return start + 1  # only the 目录 line: the list itself was not recognised


def _body_starts(block: Block) -> bool:
    """A block where a clause body starts: a part or chapter heading, article 1, or a
    decimal clause 1 / 1.1."""
    if block.table is not None:
        return False
    text = block.text.strip()
    label = article_label(text) or decimal_article_label(text)
    if label is not None:
        return label.value == 1
    return part_label(text) is not None or known_heading(text) or is_title_line(text)


def _guide_end(blocks: list[Block], start: int) -> int:
    """End of a reading guide opening at `start`: it runs to the body's first heading
    or article (nothing in a guide is an article of the clause)."""
    j = start + 1
    while j < len(blocks) and not _body_starts(blocks[j]):
        j += 1
    return j if j < len(blocks) else start + 1


def front_matter_end(blocks: list[Block]) -> int:
    """Index of a document's first body block: after the title block, any table of
    contents and any reading guide (in whatever order they are printed)."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        key = squash(block.text) if block.table is None else ""
        if key in _TOC_HEADINGS or (block.table is None and toc_entry(block.text)):
            end = _toc_end(blocks, i)
            if end > i:
                i = end
                continue
        if key in _GUIDE_HEADINGS:
            i = _guide_end(blocks, i)
            continue
        if not is_front_matter(block) or opens_decimal_chapter(blocks, i):
            break
        i += 1
    return i


def split_documents(blocks: list[Block]) -> list[list[Block]]:
    """Blocks per clause document: a title after body text opens a bundled rider."""
    docs: list[list[Block]] = [[]]
    body_seen = False
    front = front_matter_end(blocks)
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if body_seen and block.table is None and is_title_line(text):
            current = docs[-1]
            carried = []
            while current and current[-1].table is None and is_insurer_line(current[-1].text):
                carried.insert(0, current.pop())
            docs.append(carried)
            body_seen = False
        docs[-1].append(block)
        if index >= front and block.table is None and (article_label(text) or known_heading(text)):
            body_seen = True
    return [d for d in docs if d]
