"""Benchmark of comparison and redlines (issue 5), from a warm database.

1. compare two products, and ten: loading the products from the database
   (baseline), the term / exclusion / coverage matrices alone (the comparison as
   it was before issue 14), and the whole comparison with the aligned wording read
   item by item (goals, issue 14: < 0.5 s for two and < 5 s for ten);
2. redline of two ~40-article clauses (PICC vs 太平科技 财产基本险), and of the two
   filings of the sample 澄川专利执行保险: the aligned, line- and word-level redline
   against a plain character diff of the whole texts (difflib, the baseline)
   (goal: < 0.5 s);
3. reading a pair whose one clause lost its 第X条 labels: each alone
   (ClauseFinder.resolve, the baseline) against the two together
   (ClauseFinder.resolve_all, which reads the copy again beside the labelled one).

    python bench/bench_compare.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import difflib
import tempfile
from pathlib import Path

from timing import ROOT, SHARED_CORPUS, median_time  # also puts the repository on sys.path

from tiaokuan.clauses_db import ClauseDB, ClauseFinder, Filters
from tiaokuan.compare import Product, compare_products, redline
from tiaokuan.compare.compare_out import to_xlsx
from tiaokuan.compare.matrix import coverage_matrix, exclusion_matrix, term_matrix
from tiaokuan.parse.api import parse_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        db = ClauseDB(str(Path(d) / "bench.db"))
        db.ingest([args.corpus / "text", args.corpus / "catalog"], jobs=2)
        ip = [p for p in db.products(Filters(line="ip")) if p.article_count >= 15][:10]
        assert len(ip) == 10, "need ten IP products in the corpus"

        def load(n: int) -> list[Product]:
            return [Product(p.product, db.load(p.version_id)) for p in ip[:n]]

        products = load(10)
        compare_products(products[:2])  # warm the segmenter and caches
        print(f"tiaokuan comparison benchmark; {len(ip)} IP products, median of 5")
        for n, goal in ((2, 0.5), (10, 5.0)):
            t_load = median_time(lambda n=n: load(n))
            t_mat = median_time(lambda n=n: [f(products[:n]) for f in (term_matrix, exclusion_matrix, coverage_matrix)])
            t_cmp = median_time(lambda n=n: compare_products(products[:n]))
            t_xlsx = median_time(lambda n=n: to_xlsx(compare_products(products[:n]), Path(d) / "c.xlsx"), runs=3)
            print(f"  {n:2d} products: load from the database {t_load * 1000:7.1f} ms (baseline); matrices alone {t_mat * 1000:7.1f} ms; "
                  f"whole comparison (aligned wording + matrices) {t_cmp * 1000:7.1f} ms = {t_cmp / t_mat:.1f}x the matrices, "
                  f"{t_cmp / t_load:.2f}x the load; load + comparison {(t_load + t_cmp) * 1000:7.1f} ms (goal < {goal} s); "
                  f"+ XLSX {t_xlsx * 1000:.0f} ms")  # fmt: skip
        old = parse_file(next((args.corpus / "text").glob("PK01_*"))).documents[0]
        new = parse_file(next((args.corpus / "text").glob("PC02_*"))).documents[0]
        a, b = "\n".join(x.text for x in old.articles), "\n".join(x.text for x in new.articles)
        t_plain = median_time(lambda: difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
        t_red = median_time(lambda: redline(old, new))
        print(f"  redline {len(old.articles)} vs {len(new.articles)} articles: {t_red * 1000:.1f} ms (goal < 500 ms); "
              f"plain character diff of the whole texts {t_plain * 1000:.1f} ms (baseline) -> {t_red / t_plain:.2f}x")  # fmt: skip
        old = parse_file(ROOT / "corpus" / "patent-enforcement-with-rider.txt").documents[0]
        new = parse_file(ROOT / "corpus" / "patent-enforcement-2027.txt").documents[0]
        a, b = "\n".join(x.text for x in old.articles), "\n".join(x.text for x in new.articles)
        t_plain = median_time(lambda: difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
        t_red = median_time(lambda: redline(old, new))
        print(f"  redline sample 2026版 -> 2027版 ({len(old.articles)} vs {len(new.articles)} articles): {t_red * 1000:.1f} ms; "
              f"plain character diff {t_plain * 1000:.1f} ms (baseline) -> {t_red / t_plain:.2f}x")  # fmt: skip
        pair = [str(args.corpus / "catalog" / f) for f in ("公共交通工具乘客意外伤害保险/公共交通工具乘客意外伤害保险条款.md", "团体交通工具意外伤害保险/团体交通工具意外伤害保险条款.md")]
        finder = ClauseFinder()
        t_alone = median_time(lambda: [finder.resolve(p) for p in pair])
        t_together = median_time(lambda: finder.resolve_all(pair))
        print(f"  a pair whose one clause lost its labels: read alone {t_alone * 1000:.0f} ms (baseline), "
              f"read together {t_together * 1000:.0f} ms -> {t_together / t_alone:.2f}x")  # fmt: skip
        db.close()


if __name__ == "__main__":
    main()
