"""Reading a copy whose bullets stand for its lost numbers (`numbering.bullets_number_articles`).

A Markdown converter that flattens Word's numbered paragraphs leaves "- " where each
number stood, articles and items alike, and a plain line where a further paragraph
(款) stood. The walker (parse/structure.py) reads such a copy through `_bulleted`:
a bullet opens an article unless a list is open.

Some wordings head every article with a caption (条款标题: - 如实告知, - 付款期限 …,
`labels.is_caption`) and number the paragraphs inside it too. There the caption
opens the article and the article runs to the next caption: the bullets between are
its numbered paragraphs and items, not articles. A lead that offers a choice of
captioned parts (…从下列三者中择其一进行确定：) heads that many captions as its parts
before the next caption opens an article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tiaokuan.text.labels import cn_to_int, is_caption, names_its_table

from .drafts import ArticleDraft, piece
from .headings import known_heading
from .layout import Block
from .lines import Hint
from .numbering import (
    STATED_CONTINUATION_COST,
    leave_list_cost,
    names_this_article,
    opens_article,
    opens_with_subject,
    points_back,
)

# 从下列两者中择其一 / 以下三种方式: how many captioned parts a lead announces.
_COUNTED = re.compile(r"(?:下列|以下)([两二三四五六七八九])(?:者|种|类|个)")
# A caption read as a part of a group no lead counted, or as the last of a counted
# group, is a close call: the clause's cross-references (restore.restore) may overturn it.
_PART_COST = 1.0


# The insurer's verdict on a list's items, stated once in its lead (下列损失，保险人不负责赔偿： /
# 由于下列原因造成的损失，保险人负责赔偿：): an item does not state it again; a paragraph after
# the items that does, of the same kind, is a sentence of its own (本保险合同其他部分约定不在保障
# 范围内的…，保险人不负责赔偿 / …所支付的必要、合理的施救费用，保险人也负责赔偿). On the
# labelled clauses: under a lead refusing, 11 of 2,535 items restate a refusal and 271 of the
# 365 articles right after the list do; under a lead covering, 7 of 319 items restate cover
# and 48 of the 87 articles after do. (A paragraph pointing back, 前款原因造成的…, goes on
# with its article as ever: continues_article.)
_REFUSAL = re.compile(r"不负责赔偿|不负赔偿责任|不承担[^。；;，,]{0,8}责任|不予赔偿|不负责给付")
_COVER = re.compile(r"(?<!不)(?:负责赔偿|负责给付|承担[^。；;，,]{0,8}责任)")


def restates_verdict(lead: str, items: Sequence[str], text: str) -> bool:
    """Whether a paragraph after a list restates the verdict its lead stated for the items
    (and no item restated): a sentence of its own, not one more item."""
    if points_back(text):
        return False
    verdict = _REFUSAL if _REFUSAL.search(lead) else _COVER if _COVER.search(lead) else None
    return verdict is not None and bool(verdict.search(text)) and not any(verdict.search(i) for i in items)


def ends_sentence_list(unit: ArticleDraft, text: str) -> bool:
    """After list items that each end in 。, whether a paragraph opens an article every
    model clause prints (因履行本合同发生的争议…): that article, not one more item —
    unless the list's items open so themselves (a choice of dispute clauses); or restates
    the verdict the list's lead stated for its items (restates_verdict)."""
    items = [p.text for p in unit.pieces if p.item]
    lead = next((p.text for p in reversed(unit.pieces) if not p.item), "")
    if restates_verdict(lead, items, text):
        return True
    return opens_article(text) and not any(p.item and opens_article(p.text) for p in unit.pieces)


_NAMES_TABLE = re.compile(r"下列[“\"《][^”\"》]{2,24}表[”\"》]")


def under_its_table(unit: ArticleDraft) -> bool:
    """Whether the article's last lines, since its last item, hold the caption of a table the
    article names: the table and the notes under it belong to the item that names it."""
    said = "".join(p.text for p in unit.pieces)
    for p in reversed(unit.pieces):
        if p.item:
            return False
        if names_its_table(said, p.text):
            return True
    return False


def captions_head_bullets(blocks: list[Block], parts: set[int]) -> bool:
    """Whether a copy whose bullets stand for its lost numbers heads its articles with
    captions: more bullets are captions (- 付款期限) than plain lines head chapters,
    besides the captions of an article's parts (numbering.caption_parts)."""
    captions = sum(1 for i, b in enumerate(blocks) if b.table is None and b.hint is Hint.BULLET and is_caption(b.text) and i not in parts)
    headings = sum(1 for b in blocks if b.table is None and b.hint is not Hint.BULLET and known_heading(b.text.strip()))
    return captions > max(headings, 2)


def announced_parts(text: str) -> int | None:
    found = _COUNTED.search(text)
    if not found:
        return None
    return 2 if found.group(1) == "两" else cn_to_int(found.group(1))


class BulletedReading:
    """The walker's reading of bullets; mixed into parse.structure._Walker, whose
    `_reading`, `close_unit` and `start_inferred` it uses, and whose `bullet_captions`
    says whether the copy heads its articles with captions (`captions_head_bullets`)."""

    bullet_captions: bool
    index: int
    parts: set[int]

    def _bulleted(self, block: Block, text: str, unit: ArticleDraft) -> None:
        """A paragraph of a clause whose bullets stand for its lost numbers: a bullet
        opens an article unless a list is open (its lead ended in ：); a plain paragraph
        is a further paragraph. In a captioned article, see `_in_captioned`."""
        if block.hint is not Hint.BULLET:
            self._reading(text, False, None)
            last = unit.pieces[-1] if unit.pieces else None
            answers_item = last is not None and last.item and last.text.rstrip().endswith(("：", ":"))
            unit.pieces.append(piece(block))
            # (the body of an item's own sub-list, and the table an item names with its notes,
            # leave the list open)
            if unit.in_parts or not (answers_item or under_its_table(unit)):
                self._lead(unit, text)
            return
        last = unit.pieces[-1] if unit.pieces else None
        said = last.text.rstrip() if last is not None else ""
        if unit.in_parts and self.index not in self.parts and not self.bullet_captions:
            # (the article's captioned parts have ended: a bullet after a part's body, a plain
            # paragraph that announces no list, is no item)
            unit.in_parts = False
            unit.list_open = said.endswith(("：", ":"))
        if self.index in self.parts and not self.bullet_captions:
            # Inside an article's captioned parts (numbering.caption_parts): a bullet is a
            # caption or an item of a part (where captions head no articles: those copies
            # read their captions below) — but one that opens a sentence with its subject
            # after a part's body (a plain paragraph, which announces no list) is the next
            # article, as a bullet after a plain paragraph is anywhere in such a copy.
            after_body = last is not None and not last.item and not said.endswith(("：", ":", "；", ";"))
            if not is_caption(text) and after_body and opens_with_subject(text):
                if self._reading(text, True, _PART_COST):
                    self._open(block, text)
                    return
            else:
                self._reading(text, False, None)
            self._item(block, text, unit)
            unit.in_parts = unit.list_open = True
            return
        if self.bullet_captions and (unit.captioned or any(p.text.rstrip().endswith(("：", ":")) for p in unit.pieces)):
            self._in_captioned(block, text, unit)
            return
        if not unit.list_open and (text.endswith(("；", ";")) or unit.after_open_item):
            # A list announced inside a sentence that ends in 。 (…有下列情形之一的，应及时通知
            # 保险人。): a bullet ending in ； is one of its items, as is the bullet after such
            # an item — articles are sentences and end in 。 (in the corpus's labelled
            # clauses 11 of 4,549 article openings end in ；).
            start = self._reading(text, False, 1.0)
        elif not unit.list_open:
            start = self._reading(text, True, None)
        elif unit.list_items and not unit.list_semicolons and ends_sentence_list(unit, text):
            start = self._reading(text, True, STATED_CONTINUATION_COST)
        elif not unit.list_items:
            # A lead-in announces at least one item: the bullet right after it is its first,
            # whatever it ends in (an item with its own sub-list ends in ： too).
            start = self._reading(text, False, None)
        elif text.endswith(("：", ":")):
            # A new lead while a list is open: the next article's, or an item's own sub-list —
            # the next of them when the list's items are such leads themselves.
            sibling = any(p.item and p.text.rstrip().endswith(("：", ":")) for p in unit.pieces)
            start = self._reading(text, not sibling, 1.0)
        elif unit.list_items and not unit.list_semicolons and not names_this_article(text):
            # (本条 in an item names the article the list stands in.)
            # Items each ending in 。 give no sign of the last: the list goes on
            # unless the clause's references say an article opens here.
            start = self._reading(text, False, leave_list_cost([p.text for p in unit.pieces if p.item], text))
        else:
            start = self._reading(text, False, None)
        if start:
            self._open(block, text)
        else:
            self._item(block, text, unit)

    def _in_captioned(self, block: Block, text: str, unit: ArticleDraft) -> None:
        """A bullet of a wording that heads its articles with captions, inside an article
        that opened with its caption or has opened a list: a caption opens the next
        article unless the article's lead announced captioned parts still to come; any
        other bullet is the article's own numbered paragraph or item (in an article
        without a caption, a close call: the articles that open a chapter stand
        uncaptioned, 总则's one after another)."""
        if is_caption(text):
            first_part = unit.list_open and not unit.list_items
            if first_part or (unit.in_parts and unit.parts_left != 0):
                # A part: of a counted group, certain but for the last; uncounted, a close call.
                start = self._reading(text, False, _PART_COST if unit.parts_left in (None, 1) else None)
            else:
                start = self._reading(text, True, None)
            if start:
                self._open(block, text)
                return
            unit.in_parts = unit.in_parts or first_part
            unit.parts_left = unit.parts_left - 1 if unit.parts_left else unit.parts_left
            self._item(block, text, unit)
            unit.list_open = True
            return
        if self._reading(text, False, None if unit.captioned else _PART_COST):
            self._open(block, text)
        elif unit.captioned and len(unit.pieces) == 1:  # the caption's first words: its body, not an item
            unit.pieces.append(piece(block))
            self._lead(unit, text)
        elif unit.list_open or unit.in_parts:
            self._item(block, text, unit)
            unit.list_open = unit.list_open or unit.in_parts
        else:
            unit.pieces.append(piece(block, item=True, inferred_item=True))
            self._lead(unit, text)

    def _open(self, block: Block, text: str) -> None:
        self.close_unit()
        self.start_inferred(block, text)

    @staticmethod
    def _lead(unit: ArticleDraft, text: str) -> None:
        """A paragraph that may open a list of its own (its lead ends in ：). Inside
        captioned parts it is a part's body, which leaves the parts open; when it offers
        a choice of its own (…从下列两者中择其一执行：), its parts come before the rest."""
        leads = text.endswith(("：", ":"))
        if unit.in_parts:
            if leads and unit.parts_left is not None:
                unit.parts_left += announced_parts(text) or 0
            return
        unit.list_open, unit.list_items = leads, 0
        unit.parts_left = announced_parts(text) if leads else None

    @staticmethod
    def _item(block: Block, text: str, unit: ArticleDraft) -> None:
        unit.pieces.append(piece(block, item=True, inferred_item=True))
        unit.list_items += 1
        unit.list_semicolons = unit.list_semicolons or text.endswith(("；", ";"))
        # (an item that names the table printed under it, 下列“伤残等级赔偿比例表”, ends its
        # sentence before the table, not the list)
        if text.endswith(("。", ".")) and unit.list_semicolons and not _NAMES_TABLE.search(text):
            unit.list_open = False
