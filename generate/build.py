"""A wording built from a base clause and a spec: chapters and articles kept,
dropped, replaced or added, exclusion items removed or added, articles and items
renumbered and the cross-references that follow them rewritten.

Every article records where it came from. An article the spec leaves alone keeps
its base text character for character unless a reference in it points to an
article whose number changed; then only that reference changes, and the record
says so. Text given in the spec (a replacement, a new article or exclusion) is
taken as written, in the new numbering.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum

from tiaokuan.model import Article, ClauseDocument, EntityType, Section, SectionType, Table
from tiaokuan.parse import parse_paragraphs
from tiaokuan.text.labels import ItemFamily, Label, int_to_cn, item_label, numbered_like
from tiaokuan.text.labels import article_label as printed_article_label  # (build's article_label writes one)

from .spec import ARTICLE_LABEL, ITEM_REF, Schedule, WordingSpec, dropped_labels, heading_key, same_label

TERMINAL = "。；;"


class Origin(StrEnum):
    BASE = "base"  # the base article's text, character for character
    BASE_AMENDED = "base, amended"  # the base text with references or exclusion items changed
    REPLACED = "replaced"  # text from the spec's articles.replace
    NEW = "new"  # text from the spec's articles.add


@dataclass(frozen=True)
class Provenance:
    """Where one article of the generated wording came from."""

    label: str | None  # its label in the wording; None for an unnumbered article
    origin: Origin
    base_label: str | None  # its label in the base; None for a new article
    base_source: str | None  # the base clause's file or database reference
    changes: tuple[str, ...] = ()  # what was changed in a base article, in words


@dataclass(frozen=True)
class Wording:
    """A generated clause: its document (as tiaokuan parses it), the provenance of
    every article, its riders (each a Wording) and the schedule values."""

    document: ClauseDocument
    text: str  # the wording as plain text, one paragraph per line
    provenance: tuple[Provenance, ...]
    riders: tuple[Wording, ...] = ()
    schedule: Schedule = field(default_factory=Schedule)
    version: str | None = None  # the version label the spec gives, else the one read from the title

    @property
    def article_count(self) -> int:
        """The articles a reader counts: those printed with a number (第X条, or 2.1 in a
        wording numbered by decimals). A 释义 entry printed without one, the schedule
        and tables are not articles, though the provenance lists the entries too."""
        return sum(1 for a in self.document.articles if a.number is not None)

    @property
    def definition_count(self) -> int:
        """The terms the wording defines (释义), as entries of their own or inside an article."""
        return len(self.document.definitions)


@dataclass(frozen=True)
class _Planned:
    section: int  # index into the kept sections
    base: Article | None
    text: str
    origin: Origin
    changes: tuple[str, ...] = ()


def article_label(number: int) -> str:
    return f"第{int_to_cn(number)}条"


def _kept_sections(spec: WordingSpec, base: ClauseDocument) -> list[Section]:
    if spec.keep_chapters:
        keep = set(map(heading_key, spec.keep_chapters))
        return [s for s in base.sections if heading_key(s.heading) in keep]
    drop = set(map(heading_key, spec.drop_chapters))
    return [s for s in base.sections if not s.heading or heading_key(s.heading) not in drop]


def _removed_items(spec: WordingSpec, base: ClauseDocument) -> tuple[set[str], dict[str, set[str]]]:
    """Whole articles and items (by article label) the spec's exclusions.remove takes out."""
    articles: set[str] = set()
    items: dict[str, set[str]] = {}
    by_number = {a.number: a for a in base.articles if a.number is not None}
    for ref in spec.remove_exclusions:
        m = ITEM_REF.fullmatch(ref)
        if m:
            items.setdefault(m.group(1), set()).add(m.group(2))
            continue
        for mapped in base.semantics.exclusions if base.semantics else ():
            article = by_number.get(mapped.article)
            if mapped.key != ref or article is None or article.label is None:
                continue
            if mapped.item:
                items.setdefault(article.label, set()).add(mapped.item)
            else:
                articles.add(article.label)
    return articles, items


# A relabelled list keeps the printed style of its neighbours, as the insurer printed
# that list: （一） or (一), 1. or 1、 or (1), 一、. When a list mixes styles, the style
# most of its labels share wins; on a tie, a relabelled item keeps the style of the
# label it replaces and a new item takes that of the item before it. A kept item
# keeps its own spacing after its label; a new item gets the spacing most of the
# list prints (on a tie, that of the item before it).
@dataclass(frozen=True)
class _ListStyle:
    family: ItemFamily  # the family of the article's top-level items
    label: str | None  # a label in the style most of the list's labels share; None on a tie
    gap: str | None  # the spacing most of them print after the label; None on a tie


def _top_items(lines: list[str], family: ItemFamily | None = None) -> tuple[ItemFamily | None, list[tuple[int, Label]]]:
    """The family of an article's top-level items (`family`, else that of its first
    labelled line) and their labels, each with the index of its line."""
    family = family or next((f[0] for line in lines if (f := item_label(line))), None)
    return family, [(k, f[1]) for k, line in enumerate(lines) if (f := item_label(line)) and f[0] is family]


def _majority(values: list[str]) -> str | None:
    ranked = Counter(values).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _gap(line: str, label: Label) -> str:
    """The spacing printed after `label` in `line`."""
    rest = line[label.end :]
    return rest[: len(rest) - len(rest.lstrip(" \t\u3000\u00a0"))]


def _list_style(lines: list[str], family: ItemFamily | None = None) -> _ListStyle | None:
    family, items = _top_items(lines, family)
    if not items:
        return None
    # numbered_like(label, 1) is a label's style with its own number taken out.
    shapes = [numbered_like(label.text, 1) for _, label in items]
    return _ListStyle(family, _majority(shapes), _majority([_gap(lines[k], label) for k, label in items]))


def _relabelled(line: str, label: Label, value: int, style: _ListStyle) -> str:
    """`line` with its item label renumbered `value` in the list's style."""
    start = label.end - len(label.text)
    return line[:start] + numbered_like(style.label or label.text, value) + line[label.end :]


def _without_items(text: str, labels: set[str]) -> str:
    """`text` without the listed top-level items (and their sub-items); the items
    after them relabelled (三)→(二) in the list's printed style, and the last item
    closed with 。 when the removed one was last."""
    lines = text.split("\n")
    # The list is the one whose labels are removed: (二) names a （一） list, not a 1. one.
    style = _list_style(lines, next((f[0] for x in sorted(labels) if (f := item_label(x))), None))
    if style is None:
        return text
    out: list[str] = []
    skipping = False
    removed = 0
    for line in lines:
        found = item_label(line)
        if found and found[0] is style.family:
            label = found[1]
            skipping = any(same_label(label.text, x) for x in labels)
            if skipping:
                removed += 1
                continue
            if removed and label.value is not None:
                line = _relabelled(line, label, label.value - removed, style)
        elif skipping and found:
            continue  # a sub-item of a removed item
        elif skipping:
            skipping = False  # a paragraph after the list
        out.append(line)
    if out and lines[-1] != out[-1] and item_label(lines[-1]) and out[-1][-1:] in "；;":
        out[-1] = out[-1][:-1] + lines[-1][-1]
    return "\n".join(out)


def _labelled(article: Article) -> str:
    """The article's text with printed labels on items whose labels were lost (Word
    automatic numbering that a conversion dropped): （一） for items, 1. for sub-items."""
    lines = article.text.split("\n")
    used: set[int] = set()

    def put(items, shape) -> None:
        n, paragraph = 0, None
        for item in items:
            # A list restarts in each paragraph (款) of the article.
            n = 1 if item.paragraph != paragraph else n + 1
            paragraph = item.paragraph
            if item.label is None:
                at = next((k for k, line in enumerate(lines) if k not in used and line == item.text), None)
                if at is not None:
                    lines[at] = shape(n) + lines[at]
                    used.add(at)
            put(item.items, lambda n: f"{n}.")

    put(article.items, lambda n: f"（{int_to_cn(n)}）")
    return "\n".join(lines)


def _with_items(text: str, additions: tuple[str, ...]) -> str:
    """`text` with new top-level items after its last one, labelled in the list's
    printed style; the list's closing punctuation moves to the new last item."""
    lines = text.split("\n")
    style = _list_style(lines)
    if style is None:
        return text
    _, items = _top_items(lines, style.family)
    last, label = items[-1]
    # The items of the list end at the next line that is neither an item nor a sub-item.
    end = last
    while end + 1 < len(lines) and item_label(lines[end + 1]):
        end += 1
    closing = lines[end][-1] if lines[end][-1:] in TERMINAL else ""
    # Items are separated as the list separates them (；or ;), the last one closes it.
    separator = _majority([lines[k][-1] for k, _ in items[:-1] if lines[k][-1:] in "；;"]) or "；"
    if closing == "。":
        lines[end] = lines[end][:-1] + separator
    shape, gap = style.label or label.text, style.gap if style.gap is not None else _gap(lines[last], label)
    count = label.value if label.value is not None else len(items)
    new = []
    for k, addition in enumerate(additions, start=1):
        body = addition.strip()
        if body[-1:] not in TERMINAL:
            body += (closing or "。") if k == len(additions) else separator
        new.append(f"{numbered_like(shape, count + k)}{gap}{body}")
    return "\n".join(lines[: end + 1] + new + lines[end + 1 :])


def _plan(spec: WordingSpec, base: ClauseDocument, sections: list[Section]) -> list[_Planned]:
    replaced = {r.article: r.text for r in spec.replace}
    dropped_articles, removed = _removed_items(spec, base)
    dropped = dropped_labels(spec, base) | dropped_articles
    additions: dict[str, list[str]] = {}
    for a in spec.add:
        additions.setdefault(a.after if a.after.startswith("第") else heading_key(a.after), []).append(a.text)
    exclusion_target = next(
        (a.label for s in reversed(sections) if s.type is SectionType.EXCLUSIONS for a in reversed(s.articles) if any(i.label for i in a.items) and a.label not in dropped),
        None,
    )
    plan: list[_Planned] = []
    for k, section in enumerate(sections):
        for article in section.articles:
            if article.label in dropped:
                continue
            if article.label in replaced:
                plan.append(_Planned(k, article, replaced[article.label], Origin.REPLACED))
            else:
                text, changes = article.text, []
                if article.label is None and any(i.label is None for i in article.items):
                    text = _labelled(article)
                    changes.append("item labels printed (the base had lost them)")
                if article.label in removed:
                    text = _without_items(text, removed[article.label])
                    changes.append(f"exclusion items removed: {'、'.join(sorted(removed[article.label]))}")
                if article.label == exclusion_target and spec.add_exclusions:
                    text = _with_items(text, spec.add_exclusions)
                    changes.append(f"exclusion items added: {len(spec.add_exclusions)}")
                plan.append(_Planned(k, article, text, Origin.BASE_AMENDED if changes else Origin.BASE, tuple(changes)))
            plan += [_Planned(k, None, t.strip(), Origin.NEW) for t in additions.get(article.label or "", [])]
        plan += [_Planned(k, None, t.strip(), Origin.NEW) for t in additions.get(heading_key(section.heading), [])]
    return plan


def _renumber_references(item: _Planned, numbers: dict[int, int]) -> _Planned:
    """Rewrite 第X条 references in a base article that point to renumbered articles.
    Only untouched base text is rewritten: the entity spans are offsets into it."""
    if item.base is None or item.origin is not Origin.BASE:
        return item
    text, changes = item.text, list(item.changes)
    refs = [e for e in item.base.entities if e.type is EntityType.ARTICLE_REF and isinstance(e.value, int) and e.value in numbers]
    for e in sorted(refs, key=lambda e: e.start, reverse=True):
        m = ARTICLE_LABEL.search(e.text)
        new_number = numbers[e.value]
        if m is None or new_number == e.value:
            continue
        new_ref = e.text[: m.start()] + article_label(new_number) + e.text[m.end() :]
        text = text[: e.start] + new_ref + text[e.end :]
        changes.append(f"reference {e.text} → {new_ref}")
    if not changes:
        return item
    return replace(item, text=text, origin=Origin.BASE_AMENDED, changes=tuple(reversed(changes)))


def _front_matter(spec: WordingSpec, base: ClauseDocument) -> list[str]:
    insurer = spec.insurer or base.insurer
    version = f"（{spec.version}）" if spec.version else ""
    title = spec.title or (f"{spec.product}{version}条款" if spec.product else base.title) or base.product or ""
    # A tailored wording is not the base's filing: it carries a 注册号 only when the spec gives one.
    registration = spec.registration_no
    return [x for x in (insurer, title, f"注册号：{registration}" if registration else None) if x]


def _table_lines(table: Table) -> list[str]:
    rows = [[cell.replace("|", "｜").replace("\n", " ") for cell in row] for row in table.rows]
    if not rows:
        return []
    head = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return head + ["| " + " | ".join(row) + " |" for row in rows[1:]]


def wording_text(
    front: list[str], sections: list[Section], plan: list[_Planned], labels: list[str | None], tables: tuple[Table, ...] = ()
) -> str:
    """The wording as plain text: title block, chapter headings, articles (one
    paragraph per line) and tables as pipe tables under their caption — the layout
    tiaokuan's parser and the renderers read."""
    lines = list(front)
    part = None
    placed: set[int] = set()
    for k, section in enumerate(sections):
        body = [(p, label) for p, label in zip(plan, labels, strict=True) if p.section == k]
        if section.articles and not body:
            continue  # every article of this chapter was dropped: the heading goes too
        lines.append("")
        if section.part and section.part != part:
            lines.append(section.part)
            part = section.part
        if section.heading and section.heading != section.part:
            lines.append(section.heading)
        # An article the base printed without 第X条 (a 释义 entry, a clause whose
        # numbering was lost) stays unnumbered.
        lines += [f"{label}\u3000{p.text}" if label else p.text for p, label in body]
        for t, table in enumerate(tables):
            if t not in placed and table.caption and heading_key(table.caption) == heading_key(section.heading):
                lines += _table_lines(table)
                placed.add(t)
    for t, table in enumerate(tables):
        if t not in placed:
            lines += ["", *([table.caption] if table.caption else []), *_table_lines(table)]
    return "\n".join(lines) + "\n"


def build(spec: WordingSpec, base: ClauseDocument, base_source: str, riders: tuple[Wording, ...] = ()) -> Wording:
    """The wording `spec` asks for, built from `base` (named `base_source` in the provenance)."""
    sections = _kept_sections(spec, base)
    plan = _plan(spec, base, sections)
    labels: list[str | None] = []
    numbers: dict[int, int] = {}  # base article number → its number in the wording
    count = 0
    # A base numbered by decimals under its parts (1. / 2.1, London-style) keeps its
    # printed numbers: they restart in each part and its references name them by
    # part (第五部分第 6.3 条), so renumbering them 第X条 would rewrite the wording.
    decimal = any(a.label and printed_article_label(a.label) is None for a in base.articles if a.number is not None)
    for p in plan:
        if p.base is not None and p.base.number is None:
            labels.append(None)
            continue
        if decimal:
            labels.append(p.base.label if p.base is not None else None)
            continue
        count += 1
        labels.append(article_label(count))
        if p.base is not None:
            numbers[p.base.number] = count
    plan = [_renumber_references(p, numbers) for p in plan]
    kept = {heading_key(x.heading) for x in sections}
    tables = tuple(t for t in base.tables if not t.caption or heading_key(t.caption) in kept or not any(heading_key(t.caption) == heading_key(x.heading) for x in base.sections))
    text = wording_text(_front_matter(spec, base), sections, plan, labels, tables)
    name = f"{spec.product or base.product or 'wording'}.txt"
    # The text has one paragraph per line, as the DOCX will: parse it that way.
    document = parse_paragraphs(text, name).documents[0]
    provenance = tuple(
        Provenance(label, p.origin, p.base.label if p.base else None, base_source if p.base else None, p.changes)
        for p, label in zip(plan, labels, strict=True)
    )
    return Wording(document, text, provenance, riders, spec.schedule, spec.version or document.version)
