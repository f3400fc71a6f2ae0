"""A run of differing words quoted as the clause prints it: the comparison reads each
wording by its substance (compare/substance.py), and says what changed in the words
the clause prints, never in the words it was read as. Pure functions."""

from __future__ import annotations

from functools import lru_cache

from .substance import substance


def printed(said: str, raw: str) -> str:
    """A run's words as the clause prints them: each stretch of it (…-separated)
    found back in the wording whose substance it is (以及就该侵权行为启动的任何程序,
    not the 以及就该侵权行为启动的程序 it is read as); as read where not found."""
    return "…".join(find_printed(part, raw) or part for part in said.split("…")) if said else said


@lru_cache(maxsize=8192)
def find_printed(part: str, raw: str) -> str | None:
    for start, ch in enumerate(raw):
        if ch != part[0]:
            continue
        for end in range(start + len(part), min(len(raw), start + 2 * len(part) + 8) + 1):
            if substance(raw[start:end]) == part:
                return raw[start:end]
    # A word read as another only beside the words around it (交付 before 保险费, 运营 after
    # 商业): the printed words of the same length at the place whose context reads so.
    # (the words open or close as read: a slice starts on the run's first character or ends on its last)
    span = 2 * len(part) + 8
    spans = [(i, j) for i, ch in enumerate(raw) if ch == part[0] for j in range(i + 1, min(len(raw), i + span) + 1)]
    spans += [(i, j) for j in range(1, len(raw) + 1) if raw[j - 1] == part[-1] for i in range(max(0, j - span), j)]
    for start, end in spans:
        said = substance(raw[start:end])
        if len(said) != len(part) or not substance(raw[start]) or not substance(raw[end - 1]):
            continue
        if substance(raw[start : end + _CONTEXT]).startswith(part) or substance(raw[max(0, start - _CONTEXT) : end]).endswith(part):
            return raw[start:end]
    return None


_CONTEXT = 8  # characters of context a reading rule looks at around its words (compare/substance.py)
