"""The word splitter every stage shares: jieba with the project's insurance/IP
user dictionary, so 免赔额 or 侵犯专利权 are never cut apart.

jieba keeps a global tokenizer and sets up logging at import; we build our own
`jieba.Tokenizer`, load the user dictionary into it explicitly, and build it once
per process on first use, so importing this module loads nothing.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

_WORD = re.compile(r"\w")


def user_dictionary() -> str:
    """Path of the insurance/IP user dictionary (jieba's format: word, frequency, tag)."""
    return str(resources.files("tiaokuan.text").joinpath("data/userdict.txt"))


def segmenter() -> jieba.Tokenizer:
    """A new private jieba tokenizer with the insurance/IP user dictionary loaded."""
    import jieba

    # jieba sets its logger to DEBUG on import and logs its dictionary loading to stderr.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(user_dictionary())
    return tokenizer


@lru_cache(maxsize=1)
def shared_segmenter() -> jieba.Tokenizer:
    """The process's one tokenizer (one dictionary load), shared by the spaCy
    pipeline, search and diff."""
    return segmenter()


def tokens(text: str) -> list[str]:
    """`text` cut by jieba into pieces that spell it exactly (punctuation and
    whitespace included); the unit of a redline."""
    return list(shared_segmenter().cut(text, HMM=False))


def words(text: str) -> list[str]:
    """The words of `text` as jieba cuts them with the insurance dictionary (免赔额
    stays one word), without punctuation or whitespace; the unit of search and diff."""
    return [w for w in tokens(text) if _WORD.search(w)]


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    import jieba.posseg

    # The tagger reads the tags from jieba's own dictionary as it is made.
    tagger = jieba.posseg.POSTokenizer(shared_segmenter())
    return {**tagger.word_tag_tab, **tagger.tokenizer.user_word_tag_tab}


def word_tag(word: str) -> str:
    """A word's part of speech as jieba's dictionary tags it (v a verb, n a noun …),
    '' for a word it does not list."""
    return _tags().get(word, "")
