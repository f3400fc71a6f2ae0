"""Benchmark of generation (issue 6): a ~40-article wording built and rendered.

For a real clause of about 40 articles (PICC 财产基本险, 44 articles; the sample
澄川专利执行保险 when the real corpus is absent), medians of 5 in one process:
- baseline: python-docx writing the same text as plain paragraphs, no fonts, bold,
  header or footer;
- build: applying a spec (two articles dropped, one replaced, one added, an
  exclusion removed) — renumbering, references, provenance, and parsing the result;
- DOCX: rendering the built wording (goal: build + DOCX < 0.5 s);
- Markdown and HTML through the Jinja2 templates.

    python bench/bench_generate.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from docx import Document
from timing import ROOT, SHARED_CORPUS, median_time  # also puts the repository on sys.path

from tiaokuan.generate import OutputFormat, WordingSpec, build, render_text
from tiaokuan.generate.docx_out import to_docx
from tiaokuan.generate.spec import Addition, Replacement
from tiaokuan.parse.api import parse_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    args = ap.parse_args()
    found = sorted((args.corpus / "text").glob("PK01_*"))
    path = found[0] if found else ROOT / "corpus" / "patent-enforcement-with-rider.txt"
    base = parse_file(path).documents[0]
    labels = [a.label for a in base.articles if a.label]
    excluded = next((m.key for m in base.semantics.exclusions if m.item), None)
    spec = WordingSpec(
        base=str(path),
        drop_articles=tuple(labels[-3:-1]),
        replace=(Replacement(labels[1], "本保险合同的被保险人以保险单载明者为准。"),),
        add=(Addition(labels[3], "本保险合同未尽事宜，以双方书面约定为准。"),),
        remove_exclusions=(excluded,) if excluded else (),
    )
    wording = build(spec, base, str(path))
    with tempfile.TemporaryDirectory() as d:
        out = Path(d)

        def plain() -> None:
            document = Document()
            for line in wording.text.split("\n"):
                document.add_paragraph(line)
            document.save(str(out / "plain.docx"))

        t_plain = median_time(plain)
        t_build = median_time(lambda: build(spec, base, str(path)))
        t_docx = median_time(lambda: to_docx(wording, out / "w.docx"))
        t_md = median_time(lambda: render_text(wording, OutputFormat.MD))
        t_html = median_time(lambda: render_text(wording, OutputFormat.HTML))
    n = len(wording.document.articles)
    print(f"tiaokuan generation benchmark; {path.name}: {len(base.articles)} base articles -> {n} in the wording, median of 5")
    print(f"  plain python-docx paragraphs (baseline) {t_plain * 1000:7.1f} ms")
    print(f"  build (spec applied, renumbered, parsed)  {t_build * 1000:7.1f} ms  ({t_build / t_plain:.2f}x the baseline)")
    print(f"  DOCX render                               {t_docx * 1000:7.1f} ms  ({t_docx / t_plain:.2f}x the baseline)")
    print(f"  build + DOCX                              {(t_build + t_docx) * 1000:7.1f} ms  (goal < 500 ms)")
    print(f"  Markdown {t_md * 1000:.1f} ms, HTML {t_html * 1000:.1f} ms")


if __name__ == "__main__":
    main()
