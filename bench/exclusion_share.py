"""Share of exclusion items mapped to a canonical entry, per line of business: with
the common list only (before the per-line lists) and with the common list and the
document's line's lists (after), on every clause of the real corpus (text/ and the
clause file of each catalog/ folder; rate tables skipped, identical files once).

Each file is parsed once; its exclusion items are then mapped twice.

    python bench/exclusion_share.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections import Counter
from pathlib import Path

from tiaokuan.model import Mapped
from tiaokuan.parse import ParseOptions
from tiaokuan.parse.api import read_source, source_to_result
from tiaokuan.parse.language.annotate import map_exclusions
from tiaokuan.text.exclusions import exclusions_for
from tiaokuan.text.vocab import EXCLUSIONS, say

ROOT = Path(__file__).resolve().parent.parent
RATES = "费率"  # a rate table (费率表), not a clause


def clause_files(corpus: Path) -> list[Path]:
    """Every file of text/, and per catalog/ folder its clause files (…条款….md), or
    its one Markdown file that is not a rate table."""
    files = sorted(p for p in (corpus / "text").iterdir() if p.is_file())
    for folder in sorted(p for p in (corpus / "catalog").iterdir() if p.is_dir()):
        md = sorted(p for p in folder.glob("*.md") if RATES not in p.name)
        files += [p for p in md if "条款" in p.name] or md
    return files


def mapped_items(mapped: list[Mapped]) -> tuple[int, int]:
    """(items, items mapped to at least one canonical entry); one item may map to several."""
    items: dict[tuple[int | None, str | None, str], bool] = {}
    for m in mapped:
        key = (m.article, m.item, m.text)
        items[key] = items.get(key, False) or m.key != "unmapped"
    return len(items), sum(items.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    started = time.perf_counter()
    seen: set[str] = set()
    docs: Counter[str] = Counter()
    items: Counter[str] = Counter()
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    files = 0
    for path in clause_files(args.corpus):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        files += 1
        for doc in source_to_result(read_source(data, str(path), ParseOptions())).documents:
            line = doc.semantics.taxonomy.line if doc.semantics else "other"
            n, common = mapped_items(map_exclusions(doc.sections, EXCLUSIONS))
            _, with_line = mapped_items(map_exclusions(doc.sections, exclusions_for(line)))
            docs[line] += 1
            items[line] += n
            before[line] += common
            after[line] += with_line
    print(f"exclusion items mapped to a canonical entry, {files} files, {time.perf_counter() - started:.0f} s")
    print(f"{'line':<14}{'clauses':>8}{'items':>7}{'before':>9}{'after':>9}")
    for line in sorted(items, key=lambda x: -items[x]):
        share = (f"{100 * before[line] / items[line]:.1f}%", f"{100 * after[line] / items[line]:.1f}%") if items[line] else ("–", "–")
        print(f"{line:<14}{docs[line]:>8}{items[line]:>7}{share[0]:>9}{share[1]:>9}  {say(line)}")
    total = sum(items.values())
    print(f"{'all':<14}{sum(docs.values()):>8}{total:>7}{100 * sum(before.values()) / total:>8.1f}%{100 * sum(after.values()) / total:>8.1f}%")


if __name__ == "__main__":
    main()
