"""Score the parse of real clause files against their hand annotations, per format
(issue 16: "articles, labels, chapter types, definitions and insurer exact — the
count of files exact, per format"), and check conservation on every file.

Annotation sets (rules in each folder's RULES.md; written from the sources by an
annotator who never saw tiaokuan's output):

* ``web``     tests/expected/web      — insurers' web pages (HTML, JSP), read as they are;
* ``doc``     tests/expected/doc      — insurers' original Word 97 files, read three ways:
  the ``.doc`` itself, LibreOffice's HTML export of it and LibreOffice's PDF of it;
* ``catalog`` tests/expected/catalog  — Markdown conversions of accident, health and
  credit clauses.

A file is exact in a field when the parse gives exactly the annotated value; a file
is exact when every field is. Held-out sets are scored once: do not tune rules on
what this prints.

    python bench/score_formats.py [--set web|doc|catalog ...] [-v] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from tiaokuan.parse import ParseOptions
from tiaokuan.parse.api import clean_lines, read_source, source_to_result
from tiaokuan.parse.audit import body_ink, output_ink
from tiaokuan.parse.expected import FIELDS, annotation_fields, differing_fields

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "expected"
SETS = ("web", "doc", "catalog")
def _shown(key: str, value):
    if key == "definitions":
        return [d["term"] for d in value]
    if key == "sections":
        return [f"{s['heading']}:{s['type']}" for s in value]
    return value


def _conserved(path: Path) -> bool:
    raw = read_source(path.read_bytes(), str(path), ParseOptions())
    lines, _ = clean_lines(raw)
    return Counter(body_ink(lines)) == Counter(output_ink(source_to_result(raw).documents))


def convert(source: Path, target: str, folder: Path) -> Path:
    """LibreOffice's `target` export (html, pdf) of a Word file, into `folder`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to convert the Word files")
    profile = folder / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    out = folder / f"{source.stem}.{target}"
    if not out.exists():
        raise SystemExit(f"{source.name}: LibreOffice wrote no {target}")
    return out


def score(path: Path, want: dict, verbose: bool, tally: Counter) -> bool:
    """Compare one parsed file with its annotation; True when every field is exact."""
    result = source_to_result(read_source(path.read_bytes(), str(path), ParseOptions()))
    docs = result.documents
    exact = len(docs) == len(want["documents"])
    if not exact and verbose:
        print(f"    documents: read {len(docs)}, annotated {len(want['documents'])}")
    for got_doc, want_doc in zip(docs, want["documents"], strict=False):
        wrong = differing_fields(got_doc, want_doc)
        for key in annotation_fields(want_doc):
            tally[key] += key not in wrong
        exact &= not wrong
        for key, (got, expected) in wrong.items():
            if verbose:
                print(f"    {key}: read {_shown(key, got)!r}\n    {' ' * len(key)}  annotated {_shown(key, expected)!r}")
    return exact


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--set", dest="sets", action="append", choices=SETS, help="annotation sets to score (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show what was read where it differs")
    args = parser.parse_args()
    summary: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tiaokuan-score-") as tmp:
        for name in args.sets or SETS:
            annotations = sorted((EXPECTED / name).glob("*.json"))
            formats = ("doc", "html", "pdf") if name == "doc" else ("as published",)
            for fmt in formats:
                tally: Counter = Counter()
                exact = conserved = 0
                print(f"## {name} — {fmt}")
                for ann in annotations:
                    want = json.loads(ann.read_text(encoding="utf-8"))
                    source = args.corpus / want["file"]
                    path = source if fmt in ("doc", "as published") else convert(source, fmt, Path(tmp))
                    print(f"  {ann.stem} ({path.name})")
                    ok = score(path, want, args.verbose, tally)
                    kept = _conserved(path)
                    exact += ok
                    conserved += kept
                    print(f"    {'exact' if ok else 'differs'}; conservation {'holds' if kept else 'FAILS'}")
                n = len(annotations)
                fields = ", ".join(f"{k} {tally[k]}" for k in FIELDS if k in tally)
                summary.append(f"{name:8} {fmt:13} exact {exact}/{n}  conserved {conserved}/{n}  per field: {fields}")
    print("\n" + "\n".join(summary))


if __name__ == "__main__":
    main()
