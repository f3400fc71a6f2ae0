"""Scores of the language layer against the hand-annotated gold set
(tests/gold/language): precision, recall and F1 per entity type and per category,
accuracy per term-sheet and taxonomy field, and the misses behind the numbers."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tiaokuan.model import ClauseDocument

from ..api import ParseOptions, parse_file

SCORED_TYPES = ("AMOUNT", "PERCENT", "DURATION", "DEADLINE", "LAW", "ARTICLE_REF", "LIMIT_KIND", "TERRITORY")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    entities: dict[str, Tally] = field(default_factory=dict)
    categories: dict[str, Tally] = field(default_factory=dict)
    fields: dict[str, list[bool]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    clauses: int = 0


def _norm(text: Any) -> Any:
    if isinstance(text, (list, tuple)):
        return [_norm(t) for t in text]
    return re.sub(r"\s+", "", str(text))


def _same(got: Any, want: Any) -> bool:
    """Term values agree; a one-element list and its element count as the same."""
    a, b = _norm(got), _norm(want)
    a = a[0] if isinstance(a, list) and len(a) == 1 else a
    b = b[0] if isinstance(b, list) and len(b) == 1 else b
    return a == b


def _entity_key(e: dict[str, Any]) -> tuple:
    key = (e["type"], _norm(e["text"]))
    return key + ((e.get("kind"),) if e["type"] == "DEADLINE" else ())


def _count(report_part: dict[str, Tally], name: str, gold: Counter, predicted: Counter, where: str, misses: list[str]) -> None:
    tally = report_part.setdefault(name, Tally())
    hit = gold & predicted
    tally.tp += sum(hit.values())
    tally.fp += sum((predicted - hit).values())
    tally.fn += sum((gold - hit).values())
    for key in (gold - hit).elements():
        misses.append(f"{where}: missed {name} {key}")
    for key in (predicted - hit).elements():
        misses.append(f"{where}: spurious {name} {key}")


def score_document(gold: dict[str, Any], doc: ClauseDocument, report: Report, clause: str) -> None:
    """Add one clause's comparison to the report."""
    articles = {re.sub(r"\s+", "", a.label or ""): a for a in doc.numbered_articles}
    for label, want in gold["articles"].items():
        article = articles.get(label)
        where = f"{clause} {label}"
        got_entities = [] if article is None else [
            {"type": e.type.value, "text": e.text, "kind": e.value} for e in article.entities if e.type.value in SCORED_TYPES
        ]
        for kind in SCORED_TYPES:
            g = Counter(_entity_key(e) for e in want.get("entities", []) if e["type"] == kind)
            p = Counter(_entity_key(e) for e in got_entities if e["type"] == kind)
            _count(report.entities, kind, g, p, where, report.misses)
        got_cats = set(article.categories) if article else set()
        for category in set(want.get("categories", [])) | got_cats:
            g = Counter([category] if category in want.get("categories", []) else [])
            p = Counter([category] if category in got_cats else [])
            _count(report.categories, category, g, p, where, report.misses)
        items = {re.sub(r"\s+", "", i.label or ""): i for i in (article.items if article else ())}
        for item_label, item_cats in want.get("items", {}).items():
            item = items.get(re.sub(r"\s+", "", item_label))
            got = set(item.categories) if item else set()
            for category in set(item_cats) | got:
                g = Counter([category] if category in item_cats else [])
                p = Counter([category] if category in got else [])
                _count(report.categories, category, g, p, f"{where}{item_label}", report.misses)
    if doc.semantics is not None:
        for name, want in gold.get("term_sheet", {}).items():
            got = doc.semantics.term(name) if name in dict(doc.semantics.term_sheet) else None
            ok = got is not None and _same(got.value, want["value"])
            report.fields.setdefault(f"term_sheet.{name}", []).append(ok)
            if not ok:
                report.misses.append(f"{clause}: term_sheet.{name} got {got.value if got else None!r}, gold {want['value']!r}")
        tax = doc.semantics.taxonomy
        for name, want in gold.get("taxonomy", {}).items():
            ok = getattr(tax, name, None) == want
            report.fields.setdefault(f"taxonomy.{name}", []).append(ok)
            if not ok:
                report.misses.append(f"{clause}: taxonomy.{name} got {getattr(tax, name, None)!r}, gold {want!r}")


def evaluate(gold_dir: Path, corpus: Path) -> Report:
    """Parse every gold clause from the corpus and score it."""
    report = Report()
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        result = parse_file(corpus / gold["file"], ParseOptions(language=True))
        score_document(gold, result.documents[gold.get("document", 0)], report, path.stem)
        report.clauses += 1
    return report


def format_report(report: Report) -> str:
    """The report as plain-text tables."""
    lines = [f"language layer vs gold: {report.clauses} clauses", "", f"{'entity type':<14}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for name in SCORED_TYPES:
        t = report.entities.get(name, Tally())
        lines.append(f"{name:<14}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}")
    total = Tally(*(sum(getattr(t, k) for t in report.categories.values()) for k in ("tp", "fp", "fn")))
    lines += ["", f"{'category':<20}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for name, t in sorted(report.categories.items()):
        lines.append(f"{name:<20}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}")
    lines.append(f"{'(micro average)':<20}{total.precision:>7.3f}{total.recall:>7.3f}{total.f1:>7.3f}{total.tp:>6}{total.fp:>6}{total.fn:>6}")
    lines += ["", f"{'field':<36}{'accuracy':>9}{'n':>5}"]
    for name, oks in sorted(report.fields.items()):
        lines.append(f"{name:<36}{sum(oks) / len(oks):>9.3f}{len(oks):>5}")
    return "\n".join(lines)

