"""The words of every output people read, from one message catalog.

Chinese is the source language: each message id is the Chinese wording itself, so
Chinese needs no catalog and is what every output says unless a reader asks for
another language. Messages are marked with `_` (`N_` where a message is defined
and translated later, `ngettext`) in the code and
with Jinja2's i18n extension (`{% trans %}`, `_()`) in templates; Babel extracts
them (`pybabel extract -F babel.cfg -o tiaokuan/locale/tiaokuan.pot .`), and a
language's catalog lives in `tiaokuan/locale/<lang>/LC_MESSAGES/tiaokuan.po`,
compiled to `.mo` beside it (`pybabel compile -d tiaokuan/locale -D tiaokuan`).

English (`tiaokuan --lang en`, or `TIAOKUAN_LANG=en`) is the one catalog written:
it gives the command line's lines and every error message their English wording;
a message it lacks (the documents' words) stays Chinese, gettext's fallback. New
messages join it with `pybabel update -i tiaokuan/locale/tiaokuan.pot -d
tiaokuan/locale -D tiaokuan -l en -N`; `tests/test_messages.py` fails until the
command line's and the errors' have their English and the `.mo` is compiled again.

The chosen language is a context variable, so a web request or a CLI command
sets it for what it renders without touching anyone else's output.
"""

from __future__ import annotations

import gettext
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib.resources import files

DOMAIN = "tiaokuan"
SOURCE_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")  # the source and the languages with a catalog

_current: ContextVar[str] = ContextVar("tiaokuan_language", default=SOURCE_LANGUAGE)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of `language`; the source language, and a language without a
    catalog, give the messages as written (Chinese)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    localedir = str(files("tiaokuan") / "locale")
    return gettext.translation(DOMAIN, localedir=localedir, languages=[language], fallback=True)


@contextmanager
def language(code: str | None):
    """Render in `code` (None: Chinese) inside the block."""
    token = _current.set(code or SOURCE_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    """The language messages are rendered in here; work handed to another process
    (a parse worker) takes it along, since a context variable does not travel."""
    return _current.get()


def choose(code: str | None) -> None:
    """Render in `code` from here to the end of the enclosing `language` block: how
    a command line's `--lang`, read after the block began, takes effect."""
    _current.set(code or SOURCE_LANGUAGE)


def _(message: str) -> str:
    return translations(_current.get()).gettext(message)


def N_(message: str) -> str:
    """Mark a message for extraction (Babel's N_ keyword) where it is defined; it is
    translated with `_` where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def install(env) -> None:
    """Give a Jinja2 environment (made with the `jinja2.ext.i18n` extension) the
    catalog of the language current when each template renders."""
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)
