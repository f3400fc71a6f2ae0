"""The spaCy pipeline: `spacy.blank("zh")` segmented by jieba with the project's
insurance/IP user dictionary, and one rule component that marks entities.

spaCy gets the project's own jieba tokenizer (`tiaokuan.text.words`), so nothing
global changes. The pipeline is built once per process (`load()` is cached).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tiaokuan.model import Entity
from tiaokuan.text.words import shared_segmenter

from .recognizers import (
    amounts,
    article_refs,
    deadlines,
    durations,
    ip_rights,
    laws,
    limit_kinds,
    parties,
    percents,
    territories,
)

SPAN_KEY = "tiaokuan"
COMPONENT = "tiaokuan_entities"


def find_entities(text: str, article: int | None = None) -> list[Entity]:
    """Every entity in one article's text, in reading order."""
    found: list[Entity] = [
        *amounts(text),
        *percents(text),
        *durations(text),
        *laws(text),
        *article_refs(text, article),
        *parties(text),
        *ip_rights(text),
        *limit_kinds(text),
        *territories(text),
    ]
    found.extend(deadlines(text, found))
    return sorted(found, key=lambda e: (e.start, e.end, e.type.value))


if not Doc.has_extension("tk_article"):
    Doc.set_extension("tk_article", default=None)
if not Doc.has_extension("tk_entities"):
    Doc.set_extension("tk_entities", default=())


@Language.component(COMPONENT)
def mark_entities(doc: Doc) -> Doc:
    """Entities as spans in `doc.spans["tiaokuan"]` (labelled with their type, widened
    to token edges) and as exact records in `doc._.tk_entities`."""
    entities = find_entities(doc.text, doc._.tk_article)
    spans = [doc.char_span(e.start, e.end, label=e.type.value, alignment_mode="expand") for e in entities]
    doc.spans[SPAN_KEY] = [s for s in spans if s is not None]
    doc._.tk_entities = tuple(entities)
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The pipeline, built once per process."""
    # Ours first: that imports jieba and quiets its logger, which would otherwise
    # print the loading of the default dictionary spaCy makes it load while
    # building the tokenizer, before ours replaces it.
    ours = shared_segmenter()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer.jieba_seg = ours
    nlp.add_pipe(COMPONENT)
    return nlp


def entities_of(doc: Doc) -> tuple[Entity, ...]:
    return doc._.tk_entities
