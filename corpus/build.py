#!/usr/bin/env python3
"""Build the tiaokuan sample corpus from ``corpus/src/*.md``.

Every sample is a clause of the FICTIONAL insurer 澄川财产保险股份有限公司,
written for this project.  For each ``src/<name>.md`` this script writes

* ``<name>.txt``   plain UTF-8 text (the Markdown without ``**`` markers;
                   for ``trademark-numbering-lost`` also without the
                   第X条 / （一） / 1. labels),
* ``<name>.docx``  python-docx, bold runs, real Word tables, headers/footers,
                   real Word automatic numbering for the numbering sample,
* ``<name>.pdf``   LibreOffice (from the DOCX) or reportlab (own layout),
* ``headers-footers.gbk.txt`` the GB18030-encoded copy of one sample,

then checks every output with pdfplumber / python-docx.

Usage::

    python corpus/build.py            # build and verify
    python corpus/build.py --check    # verify existing files only

All outputs are byte-for-byte reproducible with the same LibreOffice and fonts:
text and DOCX files have fixed metadata and ZIP timestamps, reportlab PDFs are
built with ``invariant=1``, and LibreOffice PDFs get their creation date and
document ID pinned after conversion.

This file is only the entry point; the code lives in the ``builder`` package
next to it (``source``, ``docx_writer``, ``pdf_reportlab``, ``libreoffice``,
``verify``).
"""
from __future__ import annotations

import argparse
import sys

from builder.docx_writer import build_docx
from builder.libreoffice import soffice_convert
from builder.pdf_reportlab import build_reportlab_pdf
from builder.source import ROOT, SAMPLES, SRC, build_txt, parse
from builder.verify import verify


def build() -> None:
    soffice_jobs = []
    for s in SAMPLES:
        src_text = (SRC / f"{s.name}.md").read_text(encoding="utf-8")
        blocks = parse(src_text)
        txt = build_txt(s, src_text)
        (ROOT / f"{s.name}.txt").write_text(txt, encoding="utf-8", newline="\n")
        if s.gbk_copy:
            (ROOT / f"{s.name}.gbk.txt").write_bytes(txt.encode("gb18030"))
        docx_path = ROOT / f"{s.name}.docx"
        build_docx(s, blocks, docx_path)
        if s.pdf == "reportlab":
            build_reportlab_pdf(s, blocks, ROOT / f"{s.name}.pdf")
        else:
            soffice_jobs.append(docx_path)
        print(f"built {s.name}")
    if soffice_jobs:
        soffice_convert(soffice_jobs, ROOT)
        print(f"converted {len(soffice_jobs)} DOCX to PDF with LibreOffice")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="verify existing outputs only")
    args = ap.parse_args(argv)
    if not args.check:
        build()
    return 0 if verify() else 1


if __name__ == "__main__":
    sys.exit(main())
