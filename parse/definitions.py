"""释义 entries: `术语：指…`, `术语是指…`, a term standing alone on its line
followed by its definition paragraphs (London-style wordings and PICC's 火灾), and
umbrella definitions whose numbered sub-items define terms of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiaokuan.text.labels import item_label, squash

_COLON = re.compile(r"^(?P<term>[^：:，。；,;（(]{1,30}?)\s*[：:]\s*(?P<text>.*)$", re.S)
_MEANS = re.compile(r"^(?P<term>[^，。；：:,;（(]{1,24}?)(?P<text>(?:是指|系指|指).+)$", re.S)
_TERM_ONLY = re.compile(r"^[^，。；：:,;！？!?、]{1,20}$")


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    text: str


@dataclass(frozen=True, slots=True)
class DefBlock:
    """A paragraph of a 释义 chapter: its text and item level (None: a plain paragraph)."""

    text: str
    level: int | None


@dataclass(frozen=True, slots=True)
class Group:
    """Consecutive blocks [start, end) that form one definition (entry) or none (an intro)."""

    start: int
    end: int
    entry: Entry | None


def split_definition(text: str) -> Entry | None:
    """Term and definition of one 释义 paragraph, or None if it is not one.

    The text keeps 指/是指 when there is no colon, and starts right after the
    colon when there is one.
    """
    body = text.strip()
    found = item_label(body)
    if found:
        body = body[found[1].end :].lstrip()
    m = _COLON.match(body)
    if m and m.group("term").strip():
        return Entry(m.group("term").strip(), m.group("text"))
    m = _MEANS.match(body)
    if m and m.group("term").strip() not in ("是", "系"):
        return Entry(m.group("term").strip(), m.group("text"))
    if is_term_line(body):
        return Entry(body, "")
    return None


def is_term_line(text: str) -> bool:
    """A term standing alone on its line (法律行动, 火灾 …)."""
    body = text.strip()
    return bool(_TERM_ONLY.match(body)) and len(squash(body)) <= 20


def group_entries(blocks: list[DefBlock], lead: bool = False) -> list[Group]:
    """Split a 释义 chapter's paragraphs into definitions.

    A term-only entry (its text on the following lines) takes everything deeper
    than itself; an entry with its own text ends at the next term, so the
    numbered sub-terms of an umbrella definition stand on their own. With
    `lead`, the first block is an article's opening sentence and starts nothing
    unless it is itself a definition.
    """
    groups: list[Group] = []
    # (entry start, term, inline text, level, extra parts, started by a labelled item)
    current: tuple[int, str, str, int | None, list[str], bool] | None = None
    intro_start: int | None = None

    def close(end: int) -> None:
        nonlocal current
        if current is not None:
            start, term, inline, _, parts, _ = current
            text = "\n".join(p for p in [inline, *parts] if p) if inline else "\n".join(parts)
            groups.append(Group(start, end, Entry(term, text)))
            current = None

    for index, block in enumerate(blocks):
        entry = split_definition(block.text)
        if current is not None:
            _, _, inline, level, parts, labelled = current
            deeper = block.level is None or (level is not None and block.level > level)
            if labelled:
                takes = deeper and not (inline and block.level is not None and entry is not None)
            else:
                term_only_waiting = not inline and not parts
                takes = block.level is not None or entry is None or (term_only_waiting and not entry.text)
            if takes:
                parts.append(block.text.strip())
                continue
            close(index)
        if entry is None or (lead and index == 0 and not entry.text):
            if intro_start is None:
                intro_start = index
            continue
        if intro_start is not None:
            groups.append(Group(intro_start, index, None))
            intro_start = None
        current = (index, entry.term, entry.text, block.level, [], block.level is not None)
    close(len(blocks))
    if intro_start is not None:
        groups.append(Group(intro_start, len(blocks), None))
    return sorted(groups, key=lambda g: g.start)
