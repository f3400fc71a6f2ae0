"""Benchmark: a full tiaokuan PDF parse against bare pdfplumber and bare pypdfium2.

Builds a ~200-page Chinese clause (corpus/src/*.md article text repeated, articles renumbered
第一条 … throughout) with reportlab (embedded TrueType CJK font) and LibreOffice (python-docx
DOCX through `soffice --headless`) in a temp dir. Times, in one process, tiaokuan `parse_file`,
pdfplumber `page.extract_text()` per page (pages closed) and pypdfium2 `get_text_range()`
(one warm-up, then interleaved runs; goal: tiaokuan at most 1.2x pdfplumber), then measures
peak RSS growth in fresh subprocesses for tiaokuan and pdfplumber with and without
`page.close()` on 25/50/100 % of the reportlab PDF, and reports growth per page: tiaokuan
holds the document it returns, but must not hold pdfplumber's page objects (its KB/page
must stay under 10 % of unclosed pdfplumber's).

Run:  python bench/bench_parse.py [--pages 200] [--repeat 3] [--json out.json] [--skip-memory]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.metadata as md
import itertools
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cn2an
import pdfplumber
import pypdfium2 as pdfium

from tiaokuan.parse import parse_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "src"
COMPANY = "澄川财产保险股份有限公司"
HEADER = f"{COMPANY} 基准测试保险条款"
TITLE = [("title", COMPANY), ("title", "基准测试保险条款"), ("title", "注册号：C00999930612026010199999")]
ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇两\d]+条[\s　]*")
HEADING = re.compile(r"^[^\d（].{0,15}(?<![。；：，、！？;:,])$")  # short, no item mark, no final stop
TITLE_LINE = re.compile(rf"注册号|^{COMPANY}$|^(?!.*部分).*条款$")  # title blocks, riders
WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
DOCX_FONT = "Noto Serif CJK SC"
A4, MARGIN, BODY, LEADING = (595.27, 841.89), 72.0, 10.5, 15.75
ENGINES = ("tiaokuan", "pdfplumber", "pypdfium2")
MEMORY_MODES = {"tiaokuan": "tiaokuan parse_file", "pdfplumber": "pdfplumber extract_text + close",
                "pdfplumber-noclose": "pdfplumber extract_text, no close"}


def corpus_units(src: Path = CORPUS) -> list[tuple[str, str]]:
    """(kind, text) lines of every sample clause: chapter headings, article bodies, items."""
    units: list[tuple[str, str]] = []
    for path in sorted(src.glob("*.md")):
        first, started, blank = len(units), False, True
        for raw in path.read_text(encoding="utf-8").replace("**", "").splitlines():
            text = raw.strip()
            if not text or text.startswith("|") or TITLE_LINE.search(text):
                blank = blank or not text
                continue
            if text.startswith("附录") and blank:
                break
            after_heading = len(units) > first and units[-1][0] == "heading"
            if ARTICLE.match(text):
                started = True
                units.append(("article", ARTICLE.sub("", text)))
            elif (blank or after_heading) and HEADING.match(text):
                units.append(("heading", text))
            elif started:
                units.append(("text", text))
            else:  # preamble or definitions before the first article: drop them and their headings
                while len(units) > first and units[-1][0] == "heading":
                    units.pop()
            blank = False
    return units


def clause_stream(units: list[tuple[str, str]]):
    """Endless clause: a title block, then the units cycled, articles renumbered 第一条 …"""
    yield from TITLE
    number = 0
    for kind, text in itertools.cycle(units):
        if kind == "article":
            number += 1
            text = f"第{cn2an.an2cn(number)}条　{text}"
        yield kind, text


def register_font() -> str:
    """Register the CJK font: embedded WenQuanYi Zen Hei, else the STSong-Light CID font."""
    from reportlab.pdfbase import cidfonts, pdfmetrics, ttfonts
    if not Path(WQY).exists():
        print(f"  note: {WQY} missing; using reportlab's CID font STSong-Light")
        pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    pdfmetrics.registerFont(ttfonts.TTFont("WQY", WQY, subfontIndex=0))
    return "WQY"


def wrap(text: str, font: str, size: float, width: float, indent: float) -> list[str]:
    """CJK text wrapped character by character to the width; first line indented."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    lines, cur, used, avail = [], "", 0.0, width - indent
    for ch in text:
        w = stringWidth(ch, font, size)
        if cur and used + w > avail:
            lines.append(cur)
            cur, used, avail = "", 0.0, width
        cur, used = cur + ch, used + w
    return lines + [cur] if cur else lines


def layout(units, font: str, pages: int) -> tuple[list[list[tuple]], int]:
    """The clause laid out on exactly `pages` pages, (x, y, size, text) per line; items used."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    out: list[list[tuple]] = [[]]
    y, used = A4[1] - MARGIN, 0
    for kind, text in clause_stream(units):
        size, centred = {"title": 16.0, "heading": 12.0}.get(kind, BODY), kind in ("title", "heading")
        lines = [text] if centred else wrap(text, font, size, A4[0] - 2 * MARGIN, 2 * size)
        gap = LEADING if kind == "heading" and out[-1] else 0.0
        if y - gap - len(lines) * LEADING < MARGIN:
            if len(out) == pages:
                return out, used
            out.append([])
            y, gap = A4[1] - MARGIN, 0.0
        y -= gap
        for k, line in enumerate(lines):
            x = (A4[0] - stringWidth(line, font, size)) / 2 if centred else MARGIN + (2 * size if k == 0 else 0)
            out[-1].append((x, y - size, size, line))
            y -= LEADING
        used += 1
    raise AssertionError("unreachable")


def build_reportlab(units, out: Path, pages: int) -> int:
    """Write the clause as an A4 reportlab PDF with running header and footer; return items used."""
    from reportlab.pdfgen.canvas import Canvas
    font = register_font()
    laid, used = layout(units, font, pages)
    canvas = Canvas(str(out), pagesize=A4)
    for n, lines in enumerate(laid, start=1):
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, HEADER)
        canvas.drawCentredString(A4[0] / 2, 30, f"第 {n} 页 共 {len(laid)} 页")
        for x, y, size, text in lines:
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return used


def write_docx(units, out: Path, items: int) -> None:
    """The first `items` clause lines as a DOCX in Noto Serif CJK SC with header and page footer."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = DOCX_FONT, Pt(BODY)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)
    style.paragraph_format.line_spacing, style.paragraph_format.space_after = 1.5, Pt(0)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Pt(A4[0]), Pt(A4[1])
    sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = Pt(MARGIN)
    head, foot = sec.header.paragraphs[0], sec.footer.paragraphs[0]
    head.text, head.alignment, foot.alignment = HEADER, ALIGN.CENTER, ALIGN.CENTER
    for part, field in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", "")):
        foot.add_run(part)
        if field:  # a PAGE / NUMPAGES field, filled in by the PDF export
            foot._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="{field}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for kind, text in itertools.islice(clause_stream(units), items):
        para = doc.add_paragraph()
        run = para.add_run(text)
        if kind in ("title", "heading"):
            para.alignment = ALIGN.CENTER
            run.font.size = Pt(16 if kind == "title" else 12)
            para.paragraph_format.space_before = Pt(LEADING if kind == "heading" else 0)
        else:
            para.paragraph_format.first_line_indent = Pt(2 * BODY)
    doc.save(str(out))


def build_libreoffice(units, workdir: Path, pages: int, items: int) -> Path | None:
    """DOCX converted by soffice, re-sized until the PDF has `pages` ±5%; None without soffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("  note: soffice (LibreOffice) is not installed; skipping producer libreoffice")
        return None
    docx, pdf = workdir / "libreoffice.docx", workdir / "libreoffice.pdf"
    profile = (workdir / "lo-profile").as_uri()
    for _ in range(5):
        write_docx(units, docx, items)
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(workdir), str(docx)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
        got = page_count(pdf)
        if abs(got - pages) <= 0.05 * pages:
            return pdf
        items = max(1, round(items * pages / got))
    print(f"  note: the libreoffice PDF has {got} pages, not {pages} ±5%")
    return pdf


def page_count(path: Path) -> int:
    """Number of pages, by pypdfium2."""
    with pdfium.PdfDocument(str(path)) as pdf:
        return len(pdf)


def truncate(src: Path, out: Path, pages: int) -> Path:
    """Write a copy of the first `pages` pages of a PDF with pypdfium2."""
    with pdfium.PdfDocument(str(src)) as source, pdfium.PdfDocument.new() as new:
        new.import_pages(source, list(range(pages)))
        new.save(str(out))
    return out


def run_pdfplumber(path: str, close: bool = True) -> None:
    """extract_text on every page, closing each page after use unless told not to."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            if close:
                page.close()


def run_pypdfium2(path: str) -> None:
    """get_text_range on every page, closing text page and page."""
    with pdfium.PdfDocument(path) as pdf:
        for i in range(len(pdf)):
            page = pdf[i]
            text = page.get_textpage()
            text.get_text_range()
            text.close()
            page.close()


RUNNERS = {"tiaokuan": parse_file, "pdfplumber": run_pdfplumber, "pypdfium2": run_pypdfium2,
           "pdfplumber-noclose": lambda p: run_pdfplumber(p, close=False)}


def time_engines(path: Path, repeat: int) -> dict:
    """One warm-up pass, then `repeat` interleaved timed runs of each engine."""
    times: dict[str, list[float]] = {e: [] for e in ENGINES}
    for r in range(repeat + 1):
        for engine in ENGINES:
            gc.collect()
            start = time.perf_counter()
            RUNNERS[engine](str(path))
            if r:
                times[engine].append(time.perf_counter() - start)
    return {e: {"runs": t, "min": min(t), "median": statistics.median(t)} for e, t in times.items()}


def _status_kb(key: str) -> int | None:
    """A figure from /proc/self/status in KB (VmRSS, VmHWM); None where there is no /proc."""
    try:
        return int(re.search(rf"{key}:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))
    except (OSError, AttributeError):
        return None


def memory_probe(mode: str, path: str) -> None:
    """(Subprocess) run one engine, print its peak RSS growth in KB over the post-import baseline."""
    gc.collect()  # everything is imported at module level, before this baseline
    ru_base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux keeps ru_maxrss across exec, so a probe inherits its parent's peak; where /proc
    # exists, take the current RSS as baseline and reset this process's own high-water mark.
    base = _status_kb("VmRSS")
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    RUNNERS[mode](path)
    ru_peak, peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, _status_kb("VmHWM")
    if base is None or peak is None:
        base, peak = ru_base, ru_peak
    print(f"PEAK_GROWTH_KB {peak - base} base={base} ru_maxrss={ru_base}->{ru_peak}")


def measure_memory(pdf: Path, workdir: Path, sizes: list[int]) -> dict:
    """Peak RSS growth (MB) per mode and prefix size, each in a fresh subprocess."""
    result: dict[str, dict[int, float]] = {mode: {} for mode in MEMORY_MODES}
    for n in sizes:
        path = truncate(pdf, workdir / f"prefix-{n}.pdf", n)
        for mode in MEMORY_MODES:
            cmd = [sys.executable, __file__, "--memory-probe", mode, str(path)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            result[mode][n] = int(out.split("PEAK_GROWTH_KB")[1].split()[0]) / 1024
    return result


def machine() -> dict:
    """Facts about the interpreter, libraries and machine."""
    return {"python": f"{platform.python_implementation()} {platform.python_version()}", "platform": platform.platform(),
            "cpu_count": os.cpu_count(), **{k: md.version(k) for k in ("pdfplumber", "pdfminer.six", "pypdfium2", "tiaokuan")}}


def print_timing(producer: str, pages: int, t: dict) -> dict:
    """Print one PDF's timing rows and ratios; return the ratios."""
    for engine in ENGINES:
        row = t[engine]
        print(f"  {producer:<12} {engine:<11} {row['min']:>8.3f} {row['median']:>8.3f} {pages / row['median']:>9.1f}")
    base = t["pdfplumber"]["median"]
    ratios = {"tiaokuan/pdfplumber": t["tiaokuan"]["median"] / base, "pypdfium2/pdfplumber": t["pypdfium2"]["median"] / base}
    met = ratios["tiaokuan/pdfplumber"] <= 1.2
    print(f"  {'':<12} median-time ratios: tiaokuan/pdfplumber = {ratios['tiaokuan/pdfplumber']:.2f}x, "
          f"pypdfium2/pdfplumber = {ratios['pypdfium2/pdfplumber']:.3f}x")
    print(f"  {'':<12} goal tiaokuan <= 1.2x pdfplumber ({producer}): {'MET' if met else 'NOT MET'}\n")
    return {**ratios, "goal_met": met}


def print_memory(mem: dict, sizes: list[int]) -> dict:
    """Print the memory table, per-page growth, and whether page objects are released.

    Anything that returns the whole document grows with it (the parse result is
    text plus boxes for every page), so the check is the slope: tiaokuan's growth
    per page must stay a small fraction of pdfplumber's when pages are not closed.
    """
    print(f"  {'mode':<34}" + "".join(f"{f'{n} p':>10}" for n in sizes) + f"{'KB/page':>10}")
    slopes = {}
    for mode, label in MEMORY_MODES.items():
        lo, hi = mem[mode][sizes[0]], mem[mode][sizes[-1]]
        slopes[mode] = (hi - lo) * 1024 / (sizes[-1] - sizes[0])
        print(f"  {label:<34}" + "".join(f"{mem[mode][n]:>10.1f}" for n in sizes) + f"{slopes[mode]:>10.1f}")
    leak = slopes["pdfplumber-noclose"]
    share = slopes["tiaokuan"] / leak if leak > 0 else 0.0
    ok = share <= 0.10
    print(f"  page objects released (tiaokuan KB/page <= 10% of unclosed pdfplumber's): {'YES' if ok else 'NO'} "
          f"({slopes['tiaokuan']:.1f} vs {leak:.1f} KB/page = {share:.1%})")
    return {"slopes_kb_per_page": slopes, "released": ok, "share_of_leak": share}


def build_pdfs(args, workdir: Path) -> tuple[dict[str, Path], Path]:
    """Build the producers' PDFs, print their page counts; the reportlab PDF always (memory uses it)."""
    units, start, rl = corpus_units(), time.perf_counter(), workdir / "reportlab.pdf"
    items = build_reportlab(units, rl, args.pages)
    built = {"reportlab": (rl, time.perf_counter() - start)}
    if "libreoffice" in args.producers and (lo := build_libreoffice(units, workdir, args.pages, items)):
        built["libreoffice"] = (lo, time.perf_counter() - start - built["reportlab"][1])
    for name, (path, secs) in built.items():
        print(f"  {name:<12} {page_count(path):>4} pages {path.stat().st_size / 1e6:6.2f} MB  {path}  (built in {secs:.1f} s)")
    return {name: path for name, (path, _) in built.items() if name in args.producers}, rl


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200, help="pages per test PDF (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per engine after one warm-up (default 3)")
    ap.add_argument("--workdir", type=Path, help="where to write the PDFs (default: a fresh temp dir)")
    ap.add_argument("--producers", default="reportlab,libreoffice", help="comma list of reportlab,libreoffice")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON to this file")
    ap.add_argument("--skip-memory", action="store_true", help="skip the memory subprocesses")
    ap.add_argument("--memory-probe", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.producers = [p.strip() for p in args.producers.split(",") if p.strip()]
    return args


def main(argv=None) -> int:
    """Build the PDFs, time the engines, probe memory, print the report."""
    args = parse_args(argv)
    if args.memory_probe:
        memory_probe(*args.memory_probe[:2])
        return 0
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        return run(args, args.workdir)
    # A temporary workdir holds ~10 MB of PDFs; it goes when the run ends.
    with tempfile.TemporaryDirectory(prefix="tiaokuan-bench-") as tmp:
        return run(args, Path(tmp))


def run(args: argparse.Namespace, workdir: Path) -> int:
    """Build the PDFs in `workdir`, time the engines, probe memory, print the report."""
    t0 = time.perf_counter()
    report: dict = {"machine": machine(), "timing": {}}
    print("tiaokuan parse benchmark\n========================")
    for key, value in [*report["machine"].items(), ("workdir", workdir)]:
        print(f"  {key:<13} {value}")
    print("\nTest PDFs")
    pdfs, rl = build_pdfs(args, workdir)
    report["pdfs"] = {k: {"path": str(p), "pages": page_count(p)} for k, p in pdfs.items()}
    print(f"\nTiming: one process, 1 warm-up + {args.repeat} interleaved runs per engine, seconds")
    print(f"  {'producer':<12} {'engine':<11} {'min':>8} {'median':>8} {'pages/s':>9}")
    for producer, path in pdfs.items():
        t = time_engines(path, args.repeat)
        report["timing"][producer] = {"engines": t, "ratios": print_timing(producer, report["pdfs"][producer]["pages"], t)}
    if not args.skip_memory:
        total = page_count(rl)
        sizes = sorted({max(1, round(total * f)) for f in (0.25, 0.5, 1.0)})
        print("Memory: peak RSS growth over the post-import RSS, MB, fresh process each, reportlab PDF prefixes")
        mem = measure_memory(rl, workdir, sizes)
        report["memory"] = {"mb": mem, **print_memory(mem, sizes)}
    report["elapsed_s"] = time.perf_counter() - t0
    print(f"\nTotal run time {report['elapsed_s']:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
