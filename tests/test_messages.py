"""The message catalog: every marked message is Chinese wording, the English catalog
gives every message of the command line and of the errors, its compiled .mo is
the .po, and `--lang en` (or $TIAOKUAN_LANG) gives the English lines."""

from __future__ import annotations

import gettext
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from tiaokuan.cli import main
from tiaokuan.i18n import _

from .conftest import ROOT, SAMPLES

EN = ROOT / "tiaokuan" / "locale" / "en" / "LC_MESSAGES"
# The documents' and the workbench's words: the English catalog may leave them
# Chinese (gettext falls back to the message id). Every other marked message is
# the command line's or an error's, and must have its English wording.
DOCUMENTS = ("compare/", "tiaokuan/web/", "tiaokuan/text/", "clauses_db/export.py", "generate/pack.py", "generate/templates/")
# Names of formats and programs a Chinese document may print; an error message may
# also keep technical tokens (options, commands, package names, URLs) as they are.
_NAMES = re.compile(r"\b(?:PDF|DOCX|DOC|XLSX|Word|LibreOffice|Office|OCR)\b")
_WORD = re.compile(r"[A-Za-z]{2,}")
_CHINESE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")  # characters and full-width punctuation
_PLACEHOLDER = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}|%\((\w+)\)s")


def _extracted() -> dict[str | tuple[str, ...], set[str]]:
    """Every message babel.cfg finds (a tuple for singular and plural) → the files marking it."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str | tuple[str, ...], set[str]] = defaultdict(set)
    for filename, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        found[message].add(filename)
    return found


MESSAGES = _extracted()


def _ids(message: str | tuple[str, ...]) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (message,)


def _is_document(files: set[str]) -> bool:
    return any(f.startswith(DOCUMENTS) for f in files)


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


def _english():
    from babel.messages.pofile import read_po

    with (EN / "tiaokuan.po").open("rb") as fh:
        return read_po(fh, locale="en", domain="tiaokuan")


def test_the_message_catalog_extracts_and_is_chinese() -> None:
    """Babel finds the marked messages where babel.cfg says (code and templates), and
    every message id is the Chinese wording itself (placeholders aside): a document's
    has no English word in it, an error's keeps only technical tokens beside its Chinese."""
    ids = {i for m in MESSAGES for i in _ids(m)}
    assert {"主要差异", "未约定", "条号变动", "事故发生制", "附录：条款全文", "知识产权", "责任免除", "错误：{message}"} <= ids
    english = [i for m, files in MESSAGES.items() if _is_document(files) for i in _ids(m) if _WORD.search(_NAMES.sub("", _PLACEHOLDER.sub("", i)))]
    assert english == []
    assert [i for m in MESSAGES for i in _ids(m) if not _CHINESE.search(i)] == []


def test_the_english_catalog_gives_every_command_line_and_error_message() -> None:
    catalog = _english()
    wanted = [m for m, files in MESSAGES.items() if not _is_document(files)]
    assert len(wanted) > 150  # the CLI's lines and the errors of parse, clauses_db and generate
    missing = []
    for message in wanted:
        entry = catalog.get(message[0] if isinstance(message, tuple) else message)
        strings = _ids(entry.string) if entry is not None else ()
        if entry is None or entry.fuzzy or not all(strings) or _ids(entry.id) != _ids(message):
            missing.append(message)
    assert missing == [], "pybabel extract, then give these their English wording in the .po and compile it"


def test_every_english_wording_fills_the_same_placeholders() -> None:
    # A placeholder the English lacks or invents would raise KeyError when formatted.
    wrong = [(m.id, m.string) for m in _english() if m.id and any(_placeholders(s) != _placeholders(_ids(m.id)[0]) for s in _ids(m.string))]
    assert wrong == []


def test_the_english_catalog_holds_no_stale_message() -> None:
    ids = set(MESSAGES)
    stale = [m.id for m in _english() if m.id and (m.id if isinstance(m.id, str) else tuple(m.id)) not in ids]
    assert stale == [], "messages no longer in the code: remove them from the .po (pybabel update does) and compile it"


def test_the_committed_mo_is_the_compiled_po() -> None:
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, _english())
    compiled.seek(0)
    with (EN / "tiaokuan.mo").open("rb") as fh:
        committed = gettext.GNUTranslations(fh)
    fresh = gettext.GNUTranslations(compiled)
    assert committed._catalog == fresh._catalog, "compile it: pybabel compile -d tiaokuan/locale -D tiaokuan -l en"  # type: ignore[attr-defined]


def _empty_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    return path


def test_a_failing_command_speaks_chinese_by_default_and_english_with_lang_en(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _empty_pdf(tmp_path)
    assert main(["parse", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == ["1 个文件中 1 个失败：", f"  错误：{path}：文件是空的（0 字节）；没有可解析的内容——请检查复制或下载是否完整"]
    assert main(["--lang", "en", "parse", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "1 of 1 file(s) failed:", f"  error: {path}: the file is empty (0 bytes); nothing to parse — check the copy or download"
    ]
    assert _("错误：{message}") == "错误：{message}", "--lang lasts only as long as its command"
    assert main(["--lang", "en", "show", "x", "--db", str(tmp_path / "none.db")]) == 1
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'none.db'}: no clause database here; create it with `tiaokuan ingest")


def test_tiaokuan_lang_chooses_english_too(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIAOKUAN_LANG", "en")
    assert main(["compare", str(SAMPLES / "bold-exclusions.txt")]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "error: give 2 to 10 products, not 1"


def test_parse_workers_report_in_the_chosen_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A worker process does not inherit the language: ingest hands it over.
    bad = [tmp_path / f"empty{k}.txt" for k in range(2)]
    for path in bad:
        path.write_bytes(b"")
    report = tmp_path / "report.json"
    assert main(["--lang", "en", "ingest", *map(str, bad), "--db", str(tmp_path / "c.db"), "--jobs", "2", "--report", str(report)]) == 1
    messages = sorted(f["message"] for f in json.loads(report.read_text(encoding="utf-8"))["files"])
    assert messages == [f"{p}: the file is empty (0 bytes); nothing to parse — check the copy or download" for p in bad]
    err = capsys.readouterr().err
    assert "2 failed; report in" in err and "2 file(s) failed:" in err
