"""What a hand annotation of a real clause file records (tests/expected/*/RULES.md),
read off a parsed document, so that the accuracy figures (bench/score_formats.py)
and the regression tests (tests/test_annotated_files.py) compare the same things."""

from __future__ import annotations

import hashlib
from typing import Any

from tiaokuan.model import ClauseDocument
from tiaokuan.text.labels import squash

# The fields issue 16 asks to be exact, in the order reports list them.
FIELDS = (
    "insurer", "title", "product", "version", "registration_no", "filing_numbers", "rider",
    "article_count", "article_numbers_first_last", "first_label", "last_label", "sections", "definitions",
)  # fmt: skip


def annotated_reading(doc: ClauseDocument) -> dict[str, Any]:
    """A parsed document in the annotations' terms: whitespace-free title and
    headings, definition texts as hashes (no clause text is copied into the repo)."""
    numbered = doc.numbered_articles
    labelled = [a for s in doc.sections for a in s.articles if a.label]
    return {
        "insurer": doc.insurer,
        "title": squash(doc.title) if doc.title else None,
        "product": doc.product,
        "version": doc.version,
        "registration_no": doc.registration_no,
        "filing_numbers": [squash(f.text) for f in doc.filing_numbers],
        "rider": doc.rider,
        "article_count": len(numbered),
        "article_numbers_first_last": [numbered[0].number, numbered[-1].number] if numbered else None,
        "first_label": labelled[0].label.strip() if labelled else None,
        "last_label": labelled[-1].label.strip() if labelled else None,
        "sections": [{"heading": squash(s.heading), "type": s.type.value} for s in doc.sections if s.heading is not None],
        "definitions": [
            {"term": d.term, "text_start": d.text[:8], "text_sha256": hashlib.sha256(d.text.encode("utf-8")).hexdigest(), "text_chars": len(d.text)}
            for d in doc.definitions
        ],
    }


def annotation_fields(annotated: dict[str, Any]) -> dict[str, Any]:
    """One annotated document in the same terms: filing numbers by their text (no
    filing number printed: an empty list), the title without whitespace."""
    out = {key: annotated[key] for key in FIELDS if key in annotated}
    out["filing_numbers"] = [squash(f["text"]) for f in annotated.get("filing_numbers", [])]
    out["title"] = squash(annotated["title"]) if annotated.get("title") else None
    return out


def differing_fields(doc: ClauseDocument, annotated: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Each field where the parse differs from the annotation: (read, annotated)."""
    got, want = annotated_reading(doc), annotation_fields(annotated)
    return {key: (got[key], want[key]) for key in FIELDS if key in want and got[key] != want[key]}
