"""Score the comparison against the analysts' gold files (tests/gold/compare, rules in
its RULES.md): recall (gold material differences found with the right articles)
and precision (claimed material differences that are real), per pair and pooled,
with kind agreement beside them and the entries read the other way (gold says wider,
every claim recalling it narrower, or the reverse: the worst misreading of the kind).

Tuning pairs may be scored at any time; held-out pairs are scored once, after
tuning (`--heldout`), and the figures reported as they fall. `--agreement` scores
a second analyst's independent list of a tuning pair (tests/gold/compare/agreement)
against the first by the same rule, beside the engine on the same pairs: how far
two careful analysts agree is the ceiling any comparison can be held to.

    python bench/score_compare.py [--heldout | --agreement] [--pairs PAIR ...] [--corpus ../shared/corpus] [-v]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timing import ROOT, SHARED_CORPUS  # also puts the repository on sys.path

from tiaokuan.clauses_db import ClauseFinder
from tiaokuan.compare import differences
from tiaokuan.compare.evaluate import Score, agreement, load_gold, score
from tiaokuan.model import ClauseDocument


def read_pair(corpus: Path, gold: dict) -> tuple[ClauseDocument, ClauseDocument]:
    """The pair's two clauses read together, as `tiaokuan compare` reads them (a copy
    that lost its labels is restored beside the other: ClauseFinder.resolve_all)."""
    a, b = ClauseFinder().resolve_all([str(corpus / gold["a"]["file"]), str(corpus / gold["b"]["file"])])
    return a.document, b.document


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    ap.add_argument("--heldout", action="store_true", help="score the held-out pairs (once, after tuning)")
    ap.add_argument("--agreement", action="store_true", help="score second analysts' lists against the first, beside the engine")
    ap.add_argument("--pairs", nargs="+", metavar="PAIR", help="score only these pairs (a held-out round, by name: IP01-SN01 …)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list what was missed and what was claimed wrongly")
    args = ap.parse_args()
    if args.agreement:
        return agreement_report(args)
    split = "heldout" if args.heldout else "tuning"
    files = sorted((ROOT / "tests" / "gold" / "compare" / split).glob("*.json"))
    if args.pairs:
        files = [f for f in files if f.stem in args.pairs]
        missing = set(args.pairs) - {f.stem for f in files}
        if missing:
            ap.error(f"no {split} gold file for {', '.join(sorted(missing))}")
    totals = [0, 0, 0, 0, 0, 0]
    if not files:
        # Every held-out round so far has been scored and moved to tuning (RULES.md, Rounds).
        print(f"no {split} pairs to score: annotate a new round into tests/gold/compare/{split}/ first")
        return
    print(f"comparison accuracy on the {split} pairs ({len(files)} pairs)")
    for path in files:
        gold = load_gold(path)
        a, b = read_pair(args.corpus, gold)
        s = score(gold["pair"], differences([a, b], ["A", "B"]), gold)
        totals = [a + b for a, b in zip(totals, (s.gold, s.found, s.recalled, s.correct, s.kind_agrees, s.reversed_kinds), strict=True)]
        print(
            f"  {gold['pair']:10s} gold {s.gold:3d}  claimed {s.found:3d}  recall {s.recall:.2f}  precision {s.precision:.2f}"
            f"  kind agrees {s.kind_agrees}/{s.recalled}  reversed {s.reversed_kinds}"
        )
        if args.verbose:
            for m in s.missed:
                print(f"      missed  {m['a']['cite']} | {m['b']['cite']}  {m['kind']}: {m['what'][:80]}")
            for d in s.wrong:
                print(f"      wrong   {list(d.sides[0].citations)} | {list(d.sides[1].citations)}  {d.kind.value}: {d.what[:80]}")
    gold_n, found, recalled, correct, kinds, reversed_kinds = totals
    print(
        f"  pooled     gold {gold_n:3d}  claimed {found:3d}  recall {recalled / gold_n:.2f}  precision {correct / max(found, 1):.2f}"
        f"  kind agrees {kinds}/{recalled}  reversed {reversed_kinds}"
    )


def pair_of(path: Path) -> str:
    """The pair a further analyst's list is of: agreement/PC09-PC26.json and
    agreement/PC09-PC26.2.json (a third analyst's) are lists of tuning/PC09-PC26.json."""
    return path.name.split(".")[0]


def agreement_report(args: argparse.Namespace) -> None:
    gold_dir = ROOT / "tests" / "gold" / "compare"
    files = sorted((gold_dir / "agreement").glob("*.json"))
    if args.pairs:
        files = [f for f in files if pair_of(f) in args.pairs]
    if not files:
        print("no second annotations in tests/gold/compare/agreement/")
        return
    print("analyst against analyst, and the engine against the same first analyst")
    pooled = {"analyst": [0, 0, 0, 0], "engine": [0, 0, 0, 0]}
    engine: dict[str, Score] = {}  # (a pair with several further lists is compared once)
    for path in files:
        second = load_gold(path)
        first = load_gold(gold_dir / "tuning" / f"{pair_of(path)}.json")
        if first["pair"] not in engine:
            a, b = read_pair(args.corpus, first)
            engine[first["pair"]] = score(first["pair"], differences([a, b], ["A", "B"]), first)
        for who, s in (("analyst", agreement(first["pair"], second, first)), ("engine", engine[first["pair"]])):
            t = pooled[who]
            pooled[who] = [t[0] + s.gold, t[1] + s.found, t[2] + s.recalled, t[3] + s.correct]
            # (the engine against the first list once per further list, so both pool the same first-list entries)
            print(f"  {path.stem:12s} {who:8s} first {s.gold:3d}  second {s.found:3d}  recall {s.recall:.2f}  precision {s.precision:.2f}")
            if args.verbose and who == "analyst":
                for m in s.missed:
                    print(f"      only the first  {m['a']['cite']} | {m['b']['cite']}  {m['what'][:70]}")
    for who, (g, f, r, c) in pooled.items():
        print(f"  {'pooled':12s} {who:8s} first {g:3d}  second {f:3d}  recall {r / g:.2f}  precision {c / max(f, 1):.2f}")


if __name__ == "__main__":
    main()
