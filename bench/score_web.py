"""Score the parse of real web pages against their held-out hand annotations
(tests/expected/web/*.json, rules in tests/expected/web/RULES.md): per page and
field, exact or not, and what was read where it differs.

The annotations were written from the pages by hand before any HTML reader
existed; score them once per change of the reader, and do not tune rules on what
this prints (issue 16 asks for held-out figures).

    python bench/score_web.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from tiaokuan.parse import ParseOptions
from tiaokuan.parse.api import read_source, source_to_result
from tiaokuan.text.labels import squash

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "expected" / "web"


def reading(doc) -> dict:
    """What the annotation records, read off a parsed document."""
    numbered = doc.numbered_articles
    articles = [a for s in doc.sections for a in s.articles]
    return {
        "insurer": doc.insurer,
        "title": doc.title,
        "product": doc.product,
        "version": doc.version,
        "registration_no": doc.registration_no,
        "rider": doc.rider,
        "article_count": len(numbered),
        "article_numbers_first_last": [numbered[0].number, numbered[-1].number] if numbered else None,
        "first_label": articles[0].label if articles else None,
        "last_label": articles[-1].label if articles else None,
        "sections": [{"heading": squash(s.heading), "type": s.type.value} for s in doc.sections if s.heading is not None],
        "definitions": [
            {"term": d.term, "text_start": d.text[:8], "text_sha256": hashlib.sha256(d.text.encode("utf-8")).hexdigest(), "text_chars": len(d.text)}
            for d in doc.definitions
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    exact_files = 0
    files = sorted(EXPECTED.glob("*.json"))
    tally: dict[str, int] = {}
    for path in files:
        want = json.loads(path.read_text(encoding="utf-8"))
        source = args.corpus / want["file"]
        result = source_to_result(read_source(source.read_bytes(), str(source), ParseOptions()))
        docs = result.documents
        print(f"## {path.stem} ({want['file']}): {len(docs)} document(s), annotated {len(want['documents'])}")
        all_exact = len(docs) == len(want["documents"])
        for got_doc, want_doc in zip(docs, want["documents"], strict=False):
            got = reading(got_doc)
            for key, expected in want_doc.items():
                if key not in got:
                    continue
                ok = got[key] == expected
                tally[key] = tally.get(key, 0) + ok
                all_exact &= ok
                if not ok:
                    shown = got[key] if key != "definitions" else [d["term"] for d in got[key]]
                    wanted = expected if key != "definitions" else [d["term"] for d in expected]
                    if key == "sections":
                        shown, wanted = [f"{s['heading']}:{s['type']}" for s in shown], [f"{s['heading']}:{s['type']}" for s in wanted]
                    print(f"  {key}: read {shown!r}\n  {' ' * len(key)}  annotated {wanted!r}")
        exact_files += all_exact
    print(f"\nfiles exact in every field: {exact_files} of {len(files)}")
    print("per field, files exact: " + ", ".join(f"{k} {v}/{len(files)}" for k, v in tally.items()))


if __name__ == "__main__":
    main()
