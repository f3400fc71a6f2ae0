"""Which defined term a 释义's paragraph or item opens with, and which nested items of
an umbrella definition are definitions of their own (compare/units.py splits a 释义 by
them). Pure functions over the document's definitions."""

from __future__ import annotations

import re

from tiaokuan.model import ClauseDocument, Item
from tiaokuan.text.labels import item_label, lists_member

from .substance import substance


def definition_term(doc: ClauseDocument, text: str) -> str | None:
    key = substance(text)
    # the longest term that opens the text: 专利权人 is not 专利
    for d in sorted(doc.definitions, key=lambda d: -len(substance(d.term))):
        if substance(d.term) and key.startswith(substance(d.term)):
            return d.term
    return None


def defines(doc: ClauseDocument, text: str) -> str | None:
    """The term an item is the definition of: its term and then its text, or its term
    alone on the line, its text below. Not an item of a list that names a defined word
    (2、语言能力或咀嚼吞咽能力完全丧失； among a disease's criteria): a list's item ends
    with the list's punctuation, a term standing alone does not."""
    term = definition_term(doc, text)
    if term is None:
        return None
    said = substance(text)
    if said == substance(term):
        return None if re.search(r"[；;，,。、]\s*$", text) else term
    defined = next(d.text for d in doc.definitions if d.term == term)
    return term if said.startswith(substance(term) + substance(defined)[:12]) else None


def with_members(items: list[Item], listing: str, doc: ClauseDocument) -> list[Item]:
    """Items in reading order, each followed by the nested items that are definitions
    of their own: the members an umbrella lists (in `listing`) and defines under it
    (自然灾害…包括：雷击、暴雨… / 1. 雷击：…). Other nested items (the criteria of a
    disease, naming a word defined elsewhere) stay part of their item."""
    out: list[Item] = []
    for it in items:
        out.append(it)
        nested = list(it.items)
        family = None  # (the label style of the members found so far under this item)
        while nested:  # (members may be read as nested one under the other: 1. holds 2. …)
            sub = nested.pop(0)
            term = defines(doc, sub.text)
            found = item_label(sub.label) if sub.label else None
            # A member the umbrella's text does not name, numbered on in the members' list
            # (14、地面突然下陷下沉：… / 15、地震：… where 自然灾害 names no 地震), is a member too.
            if term is not None and (lists_member(listing, term) or (family is not None and found is not None and found[0] == family)):
                out.append(sub)
                family = family or (found[0] if found else None)
            nested[:0] = sub.items
    return out
