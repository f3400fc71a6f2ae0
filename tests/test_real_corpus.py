"""The real clauses in ../shared/corpus: every file parses, no body text is lost or
doubled, and hand-annotated clauses match exactly. Skipped when the corpus is absent."""

import hashlib
import json
from pathlib import Path

import pytest

from tiaokuan.parse import ParseOptions
from tiaokuan.parse.api import read_source, source_to_result
from tiaokuan.text.labels import squash

from .conftest import EXPECTED_REAL, SHARED_CORPUS, check_conservation, libreoffice_export, soffice_available

pytestmark = pytest.mark.corpus


def _files(folder: str) -> list[Path]:
    path = SHARED_CORPUS / folder
    return sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else []


TEXT_FILES = _files("text")
DOC_FILES = _files("doc")


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name[:4])
def test_every_text_clause_parses_and_conserves_text(path: Path, shared_corpus: Path) -> None:
    check_conservation(path)


@pytest.mark.libreoffice
@pytest.mark.parametrize("path", DOC_FILES, ids=lambda p: p.name[:5])
def test_every_word_97_clause_parses_and_conserves_text(path: Path, shared_corpus: Path) -> None:
    if not soffice_available():
        pytest.skip("LibreOffice (soffice) is not installed; .doc files cannot be converted")
    check_conservation(path)


@pytest.mark.libreoffice
@pytest.mark.parametrize("path", [p for p in DOC_FILES if "英文" not in p.name], ids=lambda p: p.name[:5])
def test_libreoffice_web_export_of_each_word_file_conserves_text(path: Path, shared_corpus: Path, tmp_path: Path) -> None:
    """Insurers publish Word clauses as web pages exported from Word: LibreOffice's
    HTML export of each original is read as a web page, with every character kept
    and the same numbered articles as the Word file itself."""
    page = libreoffice_export(path, "html", tmp_path)
    from_page = check_conservation(page).documents
    from_word = source_to_result(read_source(path.read_bytes(), str(path), ParseOptions())).documents
    assert [[a.label for a in d.numbered_articles] for d in from_page] == [[a.label for a in d.numbered_articles] for d in from_word]
    assert all(a.elements for d in from_page for a in d.articles)


ANNOTATED = sorted(EXPECTED_REAL.glob("*.json"))


def test_at_least_ten_annotated_clauses() -> None:
    assert len(ANNOTATED) >= 10


@pytest.mark.parametrize("expected_file", ANNOTATED, ids=lambda p: p.stem)
def test_hand_annotated_clause(expected_file: Path, shared_corpus: Path) -> None:
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    path = shared_corpus / expected["file"]
    result = source_to_result(read_source(path.read_bytes(), str(path), ParseOptions()))
    assert len(result.documents) == len(expected["documents"])
    for doc, want in zip(result.documents, expected["documents"]):
        for key in ("insurer", "title", "product", "version", "registration_no", "rider"):
            assert getattr(doc, key) == want[key], key
        numbered = doc.numbered_articles
        assert len(numbered) == want["article_count"]
        assert [numbered[0].number, numbered[-1].number] == want["article_numbers_first_last"]
        with_parts = "part" in want["sections"][0]
        got = [
            {"heading": squash(s.heading), "type": s.type.value} | ({"part": squash(s.part) if s.part else None} if with_parts else {})
            for s in doc.sections
            if s.heading is not None
        ]
        assert got == want["sections"]
        # Expected texts are kept as hashes so that no clause text is copied into the repo.
        got_definitions = [
            {"term": d.term, "text_start": d.text[:8], "text_sha256": hashlib.sha256(d.text.encode("utf-8")).hexdigest(), "text_chars": len(d.text)}
            for d in doc.definitions
        ]
        assert got_definitions == want["definitions"]


def test_shenneng_patent_invalidation_clause(shared_corpus: Path) -> None:
    path = next((shared_corpus / "text").glob("SN01_*"))
    doc = source_to_result(read_source(path.read_bytes(), str(path), ParseOptions())).documents[0]
    assert doc.insurer == "申能财产保险股份有限公司"
    assert len(doc.numbered_articles) == 26
    assert len([s for s in doc.sections if s.heading]) == 11
    assert [d.term for d in doc.definitions] == ["专利", "专利权期限"]
    exclusions = [a for s in doc.sections if s.type.value == "exclusions" for a in s.articles]
    assert [a.label for a in exclusions] == ["第五条", "第六条"]


CATALOG_CLAUSES = sorted(
    p for p in (SHARED_CORPUS / "catalog").rglob("*.md") if p.stem.endswith("条款")
) if (SHARED_CORPUS / "catalog").is_dir() else []


def test_catalog_clauses_parse_and_conserve_text(shared_corpus: Path) -> None:
    """The ~250-product catalog: every file named …条款 is a clause and must parse."""
    assert len(CATALOG_CLAUSES) >= 200
    failures = []
    for path in CATALOG_CLAUSES:
        try:
            check_conservation(path)
        except Exception as exc:  # noqa: BLE001 - collect all, report together
            failures.append(f"{path.parent.name}/{path.name}: {exc}")
    assert not failures, "\n".join(failures[:20])
