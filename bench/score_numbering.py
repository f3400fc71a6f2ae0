"""Score how lost article numbering is restored, on clauses whose numbering is known.

Every clause of the shared corpus that prints a 第X条 label on each article, and
whose source holds one paragraph per line (Word exports and their Markdown copies;
PDF text wrapped line by line is left out, since wrapping is another question),
is parsed twice: as it is, and with every article label taken away, as a converter
that drops Word's automatic numbering leaves it. The second reading must find the
first one's articles again from the paragraphs' words alone (parse/numbering.py, parse/restore.py,
parse/structure.py). Scored per paragraph, aligned by its opening words:

- boundaries: the share of paragraphs read rightly as opening an article or as
  going on with the one above;
- numbers: the share whose article number is the printed one (one missed
  boundary shifts every number after it, so this is the stricter figure);
- exact: clauses whose every article was found.

`--items` takes the item labels away too, every paragraph a plain line (a copy
that lost all of Word's numbering and its list formatting). `--bullets` takes the
labels away as a Markdown converter that flattens Word's
numbered lists does: every article and item becomes a "- " bullet, a further
paragraph (款) stays a plain line (parse/numbering.bullets_number_articles).

`--like` restores each clause beside the corpus's other labelled clauses (copies of
the same product, or nearly the same text, left out), by their layout
(sister.Layout), as `tiaokuan compare` restores a copy beside the labelled
clauses it is compared with.

`--halves` reports the two halves of the corpus (split by a hash of the file
name) apart: the conventions of `numbering.continuation_cost` were counted on
these labelled clauses, and a rule that holds in one half and not the other
would be tuned, not general.

    python bench/score_numbering.py [--corpus ../shared/corpus] [--bullets | --items] [--like] [--halves] [-v]
"""

from __future__ import annotations

import argparse
import difflib
import re
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from timing import SHARED_CORPUS  # also puts the repository on sys.path

from tiaokuan.errors import TiaokuanError
from tiaokuan.model import ClauseDocument, SectionType
from tiaokuan.parse.api import ParseOptions, parse_file
from tiaokuan.parse.sister import layout_of

# 第十二条 opening a line, perhaps in Markdown bold: the label a converter drops. (A manual
# line break — Word's U+2028 or vertical tab, which the reader takes as a line's end,
# parse/read_text.py — opens a line too: the label after one is lost with the others.)
_ARTICLE_LABEL = re.compile(r"^(\s*(?:\*\*)?)第[一二三四五六七八九十百零〇两\d]+条(?:\*\*)?[ \u3000]*")
_LINE_ENDS_SPLIT = re.compile(r"(\n|[\u2028\x0b])")
# An item's printed label opening a line: （三）, (三), 3. — not 三、, which heads a part.
_ITEM_LABEL = re.compile(r"^(\s*)(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.．、](?!\d))\s*")
# What a key leaves out: a bullet or an item label, which one reading prints and the other not.
_KEY_LABEL = re.compile(r"^(?:[-*·•]+|（[^）]{1,4}）|\([^)]{1,4}\)|\d+[.．、])")
_SKIPPED = (SectionType.DEFINITIONS, SectionType.APPENDIX, SectionType.PREAMBLE)
_LINE_ENDS = tuple("。；;：:）)")
KEY_CHARS = 14  # a paragraph is found again by its first characters


@dataclass(frozen=True)
class Paragraph:
    key: str
    article: int | None
    opens: bool  # the article's first paragraph


@dataclass(frozen=True)
class FileScore:
    name: str
    paragraphs: int
    boundaries: int
    numbers: int
    articles: int
    found: int


def paragraphs_of(doc: ClauseDocument) -> list[Paragraph]:
    out: list[Paragraph] = []
    for section in doc.sections:
        if section.type in _SKIPPED:
            continue
        for article in section.articles:
            texts = [line for p in article.paragraphs for line in p.split("\n")] + [i.text for i in article.items]
            for k, text in enumerate(texts):
                key = _KEY_LABEL.sub("", re.sub(r"\s", "", text))[:KEY_CHARS]
                if key:
                    out.append(Paragraph(key, article.number, k == 0))
    return out


def _fully_labelled(doc: ClauseDocument) -> bool:
    articles = [a for s in doc.sections if s.type not in _SKIPPED for a in s.articles]
    return len(articles) >= 5 and all(a.label and "." not in a.label and not a.number_inferred for a in articles)


def _one_paragraph_per_line(raw: str) -> bool:
    lines = [line.strip() for line in raw.splitlines() if len(line.strip()) > 20 and not line.startswith(("<!--", "#", "---"))]
    return bool(lines) and sum(line.endswith(_LINE_ENDS) for line in lines) >= 0.9 * len(lines)


def strip_labels(raw: str, bullets: bool, items: bool = False) -> str:
    """The clause as a converter that drops Word's automatic numbering leaves it:
    article labels gone; with `items`, item labels too (every numbered paragraph a
    plain line); with `bullets`, each numbered paragraph a "- " bullet instead."""
    pieces = _LINE_ENDS_SPLIT.split(raw)  # lines, and the breaks between them at odd places
    for k in range(0, len(pieces), 2):
        line = pieces[k]
        if _ARTICLE_LABEL.match(line):
            line = "- " + _ARTICLE_LABEL.sub("", line) if bullets else _ARTICLE_LABEL.sub(r"\1", line)
        elif bullets and _ITEM_LABEL.match(line):
            line = "- " + _ITEM_LABEL.sub("", line)
        elif items:
            line = _ITEM_LABEL.sub(r"\1", line)
        pieces[k] = line
    return "".join(pieces)


def labelled(path: Path) -> ClauseDocument | None:
    """The clause in `path` when it prints every article's label, one paragraph a line."""
    try:
        doc = parse_file(path).documents[0]
    except TiaokuanError:
        return None
    return doc if _fully_labelled(doc) and _one_paragraph_per_line(path.read_text(encoding="utf-8")) else None


def _words(doc: ClauseDocument) -> set[str]:
    text = "".join(a.text for a in doc.articles)
    return {text[k : k + 2] for k in range(len(text) - 1)}


def others(doc: ClauseDocument, library: dict[Path, ClauseDocument]) -> list[ClauseDocument]:
    """The library's clauses that are not a copy of `doc`: another file of the same
    product (the corpus holds some clauses twice) or nearly the same text."""
    own = _words(doc)
    out = []
    for other in library.values():
        words = _words(other)
        if other.product == doc.product or 2 * len(own & words) / (len(own) + len(words)) > 0.95:
            continue
        out.append(other)
    return out


def score_file(
    path: Path, workdir: Path, bullets: bool = False, items: bool = False, library: dict[Path, ClauseDocument] | None = None
) -> FileScore | None:
    doc = labelled(path)
    if doc is None:
        return None
    raw = path.read_text(encoding="utf-8")
    stripped = workdir / path.name
    stripped.write_text(strip_labels(raw, bullets, items), encoding="utf-8")
    options = ParseOptions(layout=layout_of(others(doc, library))) if library is not None else ParseOptions()
    try:
        restored = parse_file(stripped, options).documents[0]
    except TiaokuanError:
        return None
    truth, read = paragraphs_of(doc), paragraphs_of(restored)
    matcher = difflib.SequenceMatcher(None, [p.key for p in truth], [p.key for p in read], autojunk=False)
    boundaries = numbers = 0
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            t, r = truth[block.a + k], read[block.b + k]
            boundaries += t.opens == r.opens
            numbers += t.article == r.article
    count = lambda d: sum(len(s.articles) for s in d.sections if s.type not in _SKIPPED)  # noqa: E731
    return FileScore(path.name, len(truth), boundaries, numbers, count(doc), count(restored))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    ap.add_argument("--bullets", action="store_true", help="articles and items as bullets, as flattened Word lists")
    ap.add_argument("--items", action="store_true", help="item labels taken away too, every paragraph a plain line")
    ap.add_argument("--halves", action="store_true", help="report the two halves of the corpus apart")
    ap.add_argument("--like", action="store_true", help="restore by the layout of the corpus's other labelled clauses too")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per clause")
    args = ap.parse_args()
    files = sorted((args.corpus / "text").glob("*.txt")) + sorted((args.corpus / "catalog").glob("*/*条款.md"))
    groups: dict[str, list[FileScore]] = {}
    library = {p: d for p in files if (d := labelled(p)) is not None} if args.like else None
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            s = score_file(path, Path(tmp), args.bullets, args.items, library)
            if s is None:
                continue
            group = f"half {zlib.crc32(path.name.encode()) % 2}" if args.halves else "all"
            groups.setdefault(group, []).append(s)
            if args.verbose:
                print(f"  {s.name[:40]:40s} paragraphs {s.paragraphs:4d}  boundaries {s.boundaries / s.paragraphs:.3f}  numbers {s.numbers / s.paragraphs:.3f}  articles {s.articles} → {s.found}")
    taken = (
        "every article and item label made a bullet" if args.bullets
        else "their article and item labels taken away" if args.items else "their article labels taken away"
    )  # fmt: skip
    print(f"lost numbering restored, on labelled clauses with {taken}")
    for group, scores in sorted(groups.items()):
        n = sum(s.paragraphs for s in scores)
        print(
            f"  {group:8s} clauses {len(scores):3d}  paragraphs {n:5d}  boundaries {sum(s.boundaries for s in scores) / n:.3f}"
            f"  numbers {sum(s.numbers for s in scores) / n:.3f}  exact {sum(s.articles == s.found for s in scores)}"
        )


if __name__ == "__main__":
    main()
