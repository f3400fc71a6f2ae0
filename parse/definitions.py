"""释义 entries: `术语：指…`, `术语是指…`, a term standing alone on its line
followed by its definition paragraphs (London-style wordings and PICC's 火灾), and
umbrella definitions whose numbered sub-items define terms of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiaokuan.text.labels import item_label, lists_member, squash

# (a gloss in brackets is part of the term: 美国纽约心脏病学会（New York Heart Association，NYHA）心功能状态分级：)
_COLON = re.compile(r"^(?P<term>(?:[^：:，。；,;（(]|[（(][^（()）]{1,40}[）)]){1,30}?)\s*[：:]\s*(?P<text>.*)$", re.S)
# 指 defines; 指导, 指定, 指出, 指示, 指明, 指标 … are other words that start with it.
_MEANS = re.compile(r"^(?P<term>[^，。；：:,;（(]{1,24}?)(?P<text>(?:是指|系指|特指|指)(?![导定出示明标引令挥南纹]).+)$", re.S)
_TERM_ONLY = re.compile(r"^[^，。；：:,;！？!?、]{1,40}$")
_QUALIFIER = re.compile(r"[（(][^）)]{1,30}[）)]$")
_ANAPHORA = re.compile(r"^(?:该|此|上述|前述|其|注$|备注$|说明$)")
# 【意外伤害】指… / 〖医院〗：是指…: the term set off by lenticular brackets, which
# are typography, not part of the term; the definition starts after them (and
# after a colon when one follows).
_BRACKETED = re.compile(r"^[【〖](?P<term>[^】〗]{1,30})[】〗]\s*[：:]?\s*(?P<text>.*)$", re.S)


# The sentence that opens a 释义 announces the list (本保险条款中相关名词按下列含义解释：,
# 本合同中的下列词语具有如下含义：); a term names a thing and never says this.
_ANNOUNCES = re.compile(r"下列|以下|如下|含义|解释|释义")
# The sentence that closes a 释义 says how terms it does not define are read.
_CLOSING = re.compile(
    r"^本.{0,12}(?:未(?:作)?(?:解释|定义|释义)的?(?:名词|术语|词语)|(?:未列明|其他)的?(?:名词|术语|词语)[^。]{0,10}(?:以|按|依|适用))"
)


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
    m = _BRACKETED.match(body)
    if m and m.group("term").strip():
        return Entry(m.group("term").strip(), m.group("text"))
    m = _COLON.match(body)
    if m and re.search(r"(?:是指|系指|指)$", m.group("term").strip()):
        m = None  # 术语是指：… — the definition starts with 是指 (below)
    if m and _names_a_term(m.group("term")) and not (_ANNOUNCES.search(m.group("term")) and not m.group("text").strip()):
        return Entry(m.group("term").strip(), m.group("text"))
    m = _MEANS.match(body)
    # …所指 cites a meaning (本条款中所指医院…, 除非文意另有所指): the words before it name no term
    # (a term before a colon may end in 所: 工作场所：…).
    if m and m.group("term").strip() not in ("是", "系") and _names_a_term(m.group("term")) and not m.group("term").strip().endswith("所"):
        return Entry(m.group("term").strip(), m.group("text"))
    if is_term_line(body):
        return Entry(body, "")
    return None


def _names_a_term(term: str) -> bool:
    """Words before 指 / ： that name a term. 该类疾病是指… and 此项… point back at the
    term being defined, and 注： opens a note; neither defines a term of its own."""
    term = term.strip()
    return bool(term) and not _ANAPHORA.match(term)


def is_term_line(text: str) -> bool:
    """A term standing alone on its line (法律行动, 火灾 …); a qualifier in brackets
    at its end (（或称…）, （保障自12周岁的保单周年日始）) is part of the term line."""
    body = text.strip()
    return bool(_TERM_ONLY.match(body)) and len(squash(_QUALIFIER.sub("", body))) <= 20


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
    bare_terms = False  # the first term stands alone, unnumbered
    outer_bare = False  # some term before was unnumbered: numbered ones are its sub-terms
    member = False  # the current entry is a member an umbrella definition defines
    heading: int | None = None  # the level of a term standing alone over numbered definitions

    def close(end: int) -> None:
        nonlocal current
        if current is not None:
            start, term, inline, _, parts, _ = current
            text = "\n".join(p for p in [inline, *parts] if p) if inline else "\n".join(parts)
            groups.append(Group(start, end, Entry(term, text)))
            current = None

    pending: tuple[int, int | None] | None = None  # a number printed alone on its line
    for index, block in enumerate(blocks):
        found = item_label(block.text.strip())
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            found is not None
            and not block.text.strip()[found[1].end :].strip()
            and nxt is not None
            and nxt.level is None
            and split_definition(nxt.text) is not None
        ):
            # 1. alone on its line, the term on the next (Word list numbers exported
            # as paragraphs of their own): the number opens the next definition.
            close(index)
            if intro_start is not None:
                groups.append(Group(intro_start, index, None))
                intro_start = None
            pending = (index, block.level)
            continue
        entry = split_definition(block.text)
        if block.level is None and _CLOSING.search(block.text):
            # 本附加条款的未解释名词，均以主险的名词解释为准: a rule for the whole 释义,
            # part of no definition.
            close(index)
            entry = None
        if current is not None:
            _, _, inline, level, parts, labelled = current
            deeper = block.level is None or (level is not None and block.level > level)
            if heading is not None and level is not None and level > heading and block.level is not None:
                # A member under a heading takes every line until the next member or
                # heading: its criteria may be numbered in a style the 释义 met first
                # ((1) before 1.), which the first-seen order ranks shallower.
                deeper = block.level > heading and block.level != level
            if labelled:
                takes = deeper and not (inline and block.level is not None and entry is not None)
                # A term standing alone whose text lists its members (（二）自然灾害 /
                # 自然灾害是指…包括：雷击、暴雨… / 1. 雷击：…): a numbered term so listed
                # defines that member, as an umbrella with inline text's do. A member's own
                # sub-terms ((1)直接雷击：…) explain the member and stay with it. (Members a
                # text announces — 指下列情形：… — were tried: the criteria of a disease
                # definition are announced so too.)
                if takes and not inline and parts and block.level is not None and entry is not None and not member:
                    said = "".join(parts)
                    takes = not lists_member(said, entry.term)
                    member = not takes
                # A term standing alone whose first line under it is a numbered term
                # standing alone ((十三)重度疾病 / 1.恶性肿瘤——重度 / 指…): a heading over a
                # list of definitions, as an unnumbered one is (重大疾病 / （一）恶性肿瘤 /
                # 指…); each member is a definition of its own.
                if takes and not inline and not parts and block.level is not None and entry is not None and not entry.text and not member:
                    takes = False
                    heading = level
                # Where terms stand alone unnumbered (the 释义 of London-style
                # wordings), such a term after a numbered sub-definition's text is
                # the next term of the outer list.
                if bare_terms and block.level is None and entry is not None and not entry.text and parts:
                    takes = False
                # After a numbered sub-definition standing alone (（三十）终末期肺病) and
                # its text, an unnumbered 术语：… / 术语是指… is the next term of the
                # outer list: a sub-definition's own paragraphs do not name terms.
                if outer_bare and not inline and parts and block.level is None and entry is not None and entry.text:
                    takes = False
            else:
                term_only_waiting = not inline and not parts
                # A numbered term standing alone (7、无有效行驶证, （一）恶性肿瘤) opens a
                # definition of its own even where the numbers of the terms before
                # it were lost; numbered lines with words of their own are items.
                new_term = block.level is not None and entry is not None and not entry.text
                # A term waiting for its text may be explained piece by piece
                # (艾滋病病毒或患艾滋病： then 艾滋病病毒指…，艾滋病指…): a definition of a
                # part of the term is the term's own text.
                part_of_term = entry is not None and entry.term in current[1]
                takes = not new_term and (
                    block.level is not None or entry is None or (term_only_waiting and (not entry.text or part_of_term))
                )
            if takes:
                parts.append(block.text.strip())
                continue
            close(index)
            member = member and block.level is not None and level is not None and block.level > level
        # (the members of a heading over definitions, until a term at its level or above)
        if heading is not None and (block.level is None or block.level <= heading):
            heading = None
        member = member or (heading is not None and entry is not None)
        if entry is None or (lead and index == 0 and not entry.text):
            if intro_start is None:
                intro_start = pending[0] if pending else index
            pending = None
            continue
        if intro_start is not None:
            groups.append(Group(intro_start, index, None))
            intro_start = None
        if not any(g.entry for g in groups) and current is None and block.level is None and not entry.text:
            bare_terms = True
        start, level = pending if pending else (index, block.level)
        pending = None
        outer_bare = outer_bare or level is None
        current = (start, entry.term, entry.text, level, [], level is not None)
    close(len(blocks))
    if pending is not None and intro_start is None:
        intro_start = pending[0]
    if intro_start is not None:
        groups.append(Group(intro_start, len(blocks), None))
    return sorted(groups, key=lambda g: g.start)
