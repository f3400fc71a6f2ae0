"""The language layer over a parsed clause: entities per article, categories per
article and item, canonical exclusions and cost heads, term sheet, taxonomy."""

from __future__ import annotations

import re
from dataclasses import replace

from tiaokuan.model import (
    Article,
    ClauseDocument,
    Entity,
    EntityType,
    Item,
    Mapped,
    Section,
    SectionType,
    Semantics,
)
from tiaokuan.text.exclusions import exclusions_for
from tiaokuan.text.vocab import Canon, cost_heads_in, map_all

from ..headings import classify as classify_heading
from .categories import categorise, flags
from .pipeline import COMPONENT, entities_of, load
from .recognizers import longest_first
from .taxonomy import classify
from .termsheet import term_sheet


def _pipeline_entities(article: Article) -> list[Entity]:
    nlp = load()
    doc = nlp.make_doc(article.text)
    doc._.tk_article = article.number
    return list(entities_of(nlp.get_pipe(COMPONENT)(doc)))


def _vocabulary_entities(text: str, terms: re.Pattern[str] | None, in_definitions: bool) -> list[Entity]:
    found = [Entity(EntityType.COST_HEAD, m.group(0), m.start(), m.end(), canon.key) for canon, m in cost_heads_in(text)]
    if terms is not None and not in_definitions:
        found.extend(Entity(EntityType.DEFINED_TERM, m.group(0), m.start(), m.end(), m.group(0)) for m in terms.finditer(text))
    return found


def _items(items: tuple[Item, ...], section: SectionType, inherited: tuple[str, ...]) -> tuple[Item, ...]:
    """Items keep the categories of the article that lists them and add their own."""
    out = []
    for item in items:
        categories = categorise(item.text, section, inherited)
        out.append(replace(item, categories=categories, items=_items(item.items, section, categories)))
    return tuple(out)


def _article(article: Article, section: SectionType, terms: re.Pattern[str] | None) -> Article:
    entities = _pipeline_entities(article) + _vocabulary_entities(article.text, terms, section is SectionType.DEFINITIONS)
    entities.sort(key=lambda e: (e.start, e.end, e.type.value))
    categories = categorise(article.text, section)
    return replace(
        article,
        entities=tuple(entities),
        categories=categories,
        flags=flags(article.text, section),
        items=_items(article.items, section, categories),
    )


def reading_type(article: Article, section: SectionType) -> SectionType:
    """The chapter type an article is read as: its section's, unless the article
    opens with a caption naming another chapter. Plain-language wordings caption
    their clauses (2.3 责任免除 under 2 我们保什么、保多少), so the caption, not the
    chapter, says that the clause lists exclusions."""
    if section in (SectionType.DEFINITIONS, SectionType.APPENDIX) or article.label is None:
        return section  # a defined term (索赔, 保险期间) standing first is no caption
    caption = article.paragraphs[0].strip() if article.paragraphs else ""
    caption = caption.strip("（）()【】")
    if not caption or len(caption) > 16 or any(ch in caption for ch in "。；;，,：:"):
        return section
    kind = classify_heading(caption)
    return kind.type if kind is not None and kind.known else section


def map_exclusions(sections: list[Section] | tuple[Section, ...], canon: tuple[Canon, ...]) -> list[Mapped]:
    """Each exclusion (an item of a 责任免除 article, or the article itself) mapped to
    `canon` (the common list and the line's, `exclusions_for`), or "unmapped"."""
    out: list[Mapped] = []
    for section in sections:
        for article in section.articles:
            if reading_type(article, section.type) is not SectionType.EXCLUSIONS:
                continue
            pieces = [(i.label, i.text) for i in article.items] or [(None, article.text)]
            for label, text in pieces:
                found = map_all(canon, text)
                out.extend(Mapped(c.key, c.label, article.number, label, text) for c in found)
                if not found:
                    out.append(Mapped("unmapped", "", article.number, label, text))
    return out


def _cost_heads(sections: list[Section]) -> list[Mapped]:
    """Covered costs of 保险责任 articles mapped to the canonical cost heads: every
    cost an article names, and every listed item, "unmapped" when it names none."""
    out: list[Mapped] = []
    for section in sections:
        if section.type is not SectionType.COVERAGE:
            continue
        for article in section.articles:
            lead = article.paragraphs[0] if article.paragraphs else article.text
            for canon, m in cost_heads_in(lead if article.items else article.text):
                out.append(Mapped(canon.key, canon.label, article.number, None, m.group(0)))
            for item in article.items:
                found = cost_heads_in(item.text)
                if not found:
                    out.append(Mapped("unmapped", "", article.number, item.label, item.text))
                for canon, m in found:
                    out.append(Mapped(canon.key, canon.label, article.number, item.label, m.group(0)))
    return out


def annotate(document: ClauseDocument) -> ClauseDocument:
    """The document with its language-layer reading filled in."""
    # One pattern per document for the uses of its defined terms, longest first.
    words = [d.term for d in document.definitions if len(d.term) >= 2]
    terms = longest_first(words) if words else None
    read_as = [[reading_type(a, s.type) for a in s.articles] for s in document.sections]
    sections = [
        replace(s, articles=tuple(_article(a, t, terms) for a, t in zip(s.articles, types)))
        for s, types in zip(document.sections, read_as)
    ]
    pairs = [(a, t) for s, types in zip(sections, read_as) for a, t in zip(s.articles, types)]
    text = "\n".join(a.text for a, _ in pairs[:6])
    taxonomy = classify(document.product, text, document.registration_no)
    semantics = Semantics(
        term_sheet(pairs),
        tuple(map_exclusions(sections, exclusions_for(taxonomy.line))),
        tuple(_cost_heads(sections)),
        taxonomy,
    )
    return replace(document, sections=tuple(sections), semantics=semantics)
