"""Conservation of clause text: after layout clean-up, every body character lands in
exactly one article, heading, title-block line or table.

Whitespace is layout (line breaks, justification, the space after 第X条), so the
audit compares the non-whitespace characters of the cleaned lines with those of
the parsed output. Definitions are views into articles and are not counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from tiaokuan.model import ClauseDocument, ParseWarning, WarningCode

from .lines import Line, TableLine


def _ink(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def body_ink(lines: Iterable[Line | TableLine]) -> str:
    """Non-whitespace characters of the body lines, in reading order."""
    return "".join(_ink(ln.text) for ln in lines)


def pieces(document: ClauseDocument) -> Iterator[str]:
    """Every piece of text a document holds, each body character once."""
    yield from document.front_matter
    headings = {s.heading for s in document.sections}
    parts_seen: set[str] = set()
    for section in document.sections:
        if section.part and section.part not in headings and section.part not in parts_seen:
            parts_seen.add(section.part)
            yield section.part
        if section.heading:
            yield section.heading
        for article in section.articles:
            if article.label:
                yield article.label
            yield article.text
    for table in document.tables:
        for row in table.rows:
            yield from row


def output_ink(documents: Iterable[ClauseDocument]) -> str:
    return "".join(_ink(p) for d in documents for p in pieces(d))


def leftovers(lines: list[Line | TableLine], documents: Iterable[ClauseDocument]) -> list[ParseWarning]:
    """Warnings for body text the output lost or holds twice (both are parser bugs)."""
    source = Counter(body_ink(lines))
    placed = Counter(output_ink(documents))
    missing = source - placed
    extra = placed - source
    out: list[ParseWarning] = []
    if missing:
        page = next((ln.page for ln in lines if any(ch in missing for ch in _ink(ln.text))), None)
        sample = "".join(sorted(missing.elements()))[:40]
        out.append(
            ParseWarning(WarningCode.UNPLACED_TEXT, f"{sum(missing.values())} character(s) could not be placed: {sample!r}", page)
        )
    if extra:
        sample = "".join(sorted(extra.elements()))[:40]
        out.append(ParseWarning(WarningCode.UNPLACED_TEXT, f"{sum(extra.values())} character(s) placed twice: {sample!r}", None))
    return out
