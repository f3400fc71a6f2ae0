"""Benchmark: tiaokuan's PDF parse against bare pdfplumber and bare pypdfium2.

What it measures, in one process and on the same PDFs:

* time of a full tiaokuan parse (`parse.parse_file`), of bare pdfplumber
  (`page.extract_text()` on every page, each page closed after use) and of bare
  pypdfium2 (`get_textpage().get_text_range()` on every page); one warm-up pass,
  then `--repeat` interleaved runs (A B C A B C …); min, median, pages/s and the
  median-time ratios tiaokuan/pdfplumber (goal: at most 1.2x) and
  pypdfium2/pdfplumber;
* peak RSS growth over a post-import baseline, each in a fresh subprocess, for
  tiaokuan, pdfplumber with `page.close()` and pdfplumber without it (the leak),
  on the first 25 %, 50 % and 100 % of the reportlab PDF (50/100/200 pages by
  default); "flat" means tiaokuan's growth at the full size is within 1.5x its
  growth at the smallest size.

The PDFs are a ~200-page Chinese clause built from the article text of
corpus/src/*.md (articles renumbered 第一条 … through the whole document) by two
producers: reportlab (embedded TrueType CJK font) and LibreOffice (python-docx
DOCX converted with `soffice --headless`). They go into a fresh temp dir or
`--workdir`, never into the repository.

Run:  python bench/bench_parse.py [--pages 200] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
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

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "src"
COMPANY = "澄川财产保险股份有限公司"
HEADER = f"{COMPANY} 基准测试保险条款"
TITLE = [("title", COMPANY), ("title", "基准测试保险条款"), ("title", "注册号：C00999930612026010199999")]
ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇两\d]+条[\s　]*")
TERMINAL = "。；：，、！？;:,"
WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
DOCX_FONT = "Noto Serif CJK SC"
A4 = (595.27, 841.89)
MARGIN_X, MARGIN_Y, BODY, LEADING = 72.0, 72.0, 10.5, 15.75
ENGINES = ("tiaokuan", "pdfplumber", "pypdfium2")


# ---------------------------------------------------------------- content

def _is_title(text: str) -> bool:
    """A title-block line (company, clause or rider name, registration number)."""
    return "注册号" in text or text == COMPANY or (text.endswith("条款") and "部分" not in text)


def _is_heading(text: str) -> bool:
    """A chapter heading line of a corpus clause."""
    return len(text) <= 16 and text[-1] not in TERMINAL and not text[0].isdigit() and text[0] != "（"


def corpus_units(src: Path = CORPUS) -> list[tuple[str, str]]:
    """(kind, text) lines of every sample clause: headings, article bodies, items."""
    units: list[tuple[str, str]] = []
    for path in sorted(src.glob("*.md")):
        first, started, blank = len(units), False, True
        for raw in path.read_text(encoding="utf-8").replace("**", "").splitlines():
            text = raw.strip()
            if not text:
                blank = True
                continue
            if text.startswith("|") or _is_title(text):
                continue
            if text.startswith("附录") and blank:
                break
            after_heading = len(units) > first and units[-1][0] == "heading"
            if ARTICLE.match(text):
                started = True
                units.append(("article", ARTICLE.sub("", text)))
            elif (blank or after_heading) and _is_heading(text):
                units.append(("heading", text))
            elif started:
                units.append(("text", text))
            else:  # preamble or definitions before the first article: drop, with their headings
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
            yield "article", f"第{cn2an.an2cn(number)}条　{text}"
        else:
            yield kind, text


# ---------------------------------------------------------------- reportlab

def register_font() -> str:
    """Register the CJK font: embedded WenQuanYi Zen Hei, else the STSong-Light CID font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    if Path(WQY).exists():
        pdfmetrics.registerFont(TTFont("WQY", WQY, subfontIndex=0))
        return "WQY"
    print(f"note: {WQY} missing; using reportlab's CID font STSong-Light (not embedded)")
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


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
    """Paragraphs laid out on exactly `pages` pages: (x, y, size, text) per line; items used."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    width, top, bottom = A4[0] - 2 * MARGIN_X, A4[1] - MARGIN_Y, MARGIN_Y
    out: list[list[tuple]] = [[]]
    y, used = top, 0
    for kind, text in clause_stream(units):
        size = {"title": 16.0, "heading": 12.0}.get(kind, BODY)
        centred = kind in ("title", "heading")
        lines = [text] if centred else wrap(text, font, size, width, 2 * size)
        gap = LEADING if kind == "heading" and out[-1] else 0.0
        if y - gap - len(lines) * LEADING < bottom:
            if len(out) == pages:
                return out, used
            out.append([])
            y, gap = top, 0.0
        y -= gap
        for k, line in enumerate(lines):
            x = (A4[0] - stringWidth(line, font, size)) / 2 if centred else MARGIN_X + (2 * size if k == 0 else 0)
            out[-1].append((x, y - size, size, line))
            y -= LEADING
        used += 1
    raise AssertionError("unreachable")


def build_reportlab(units, out: Path, pages: int) -> tuple[Path, int]:
    """The clause as an A4 reportlab PDF with running header and 第 N 页 共 M 页 footer."""
    from reportlab.pdfgen.canvas import Canvas
    font = register_font()
    laid, used = layout(units, font, pages)
    canvas = Canvas(str(out), pagesize=A4)
    canvas.setTitle("基准测试保险条款")
    for n, lines in enumerate(laid, start=1):
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, HEADER)
        canvas.drawCentredString(A4[0] / 2, 30, f"第 {n} 页 共 {len(laid)} 页")
        for x, y, size, text in lines:
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return out, used


# ---------------------------------------------------------------- LibreOffice

def _field(paragraph, instr: str) -> None:
    """Append a simple Word field (PAGE, NUMPAGES) to a paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def write_docx(units, out: Path, items: int) -> None:
    """The first `items` clause lines as a DOCX in Noto Serif CJK SC with header and page footer."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = DOCX_FONT, Pt(BODY)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)
    style.paragraph_format.line_spacing, style.paragraph_format.space_after = 1.5, Pt(0)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Pt(A4[0]), Pt(A4[1])
    sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = Pt(MARGIN_X)
    sec.header.paragraphs[0].text = HEADER
    foot = sec.footer.paragraphs[0]
    for k, part in enumerate(("第 ", " 页 共 ", " 页")):
        foot.add_run(part)
        if k < 2:
            _field(foot, ("PAGE", "NUMPAGES")[k])
    for p in (sec.header.paragraphs[0], foot):
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in itertools.islice(clause_stream(units), items):
        para = doc.add_paragraph()
        run = para.add_run(text)
        if kind in ("title", "heading"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.font.size = Pt(16 if kind == "title" else 12)
            para.paragraph_format.space_before = Pt(LEADING if kind == "heading" else 0)
        else:
            para.paragraph_format.first_line_indent = Pt(2 * BODY)
    doc.save(str(out))


def build_libreoffice(units, workdir: Path, pages: int, items: int) -> Path | None:
    """DOCX converted by soffice, re-sized until the PDF has pages ±5%; None without soffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("note: soffice (LibreOffice) is not installed; skipping producer libreoffice")
        return None
    docx, pdf, profile = workdir / "libreoffice.docx", workdir / "libreoffice.pdf", workdir / "lo-profile"
    for _ in range(5):
        write_docx(units, docx, items)
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(workdir), str(docx)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)
        got = page_count(pdf)
        if abs(got - pages) <= 0.05 * pages:
            return pdf
        items = max(1, round(items * pages / got))
    print(f"note: libreoffice PDF has {got} pages, not {pages} ±5%")
    return pdf


# ---------------------------------------------------------------- engines

def page_count(path: Path) -> int:
    """Number of pages, by pypdfium2."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def truncate(src: Path, out: Path, pages: int) -> Path:
    """A copy of the first `pages` pages of a PDF, written with pypdfium2."""
    source, new = pdfium.PdfDocument(str(src)), pdfium.PdfDocument.new()
    try:
        new.import_pages(source, list(range(pages)))
        new.save(str(out))
    finally:
        new.close()
        source.close()
    return out


def run_tiaokuan(path: str) -> None:
    """Full tiaokuan parse."""
    from parse import parse_file
    parse_file(path)


def run_pdfplumber(path: str, close: bool = True) -> None:
    """extract_text on every page, closing each page after use unless told not to."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            if close:
                page.close()


def run_pypdfium2(path: str) -> None:
    """get_text_range on every page, closing text page and page."""
    pdf = pdfium.PdfDocument(path)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            text = page.get_textpage()
            text.get_text_range()
            text.close()
            page.close()
    finally:
        pdf.close()


RUNNERS = {"tiaokuan": run_tiaokuan, "pdfplumber": run_pdfplumber, "pypdfium2": run_pypdfium2,
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


# ---------------------------------------------------------------- memory

def _status_kb(key: str) -> int | None:
    """A figure from /proc/self/status in KB (VmRSS, VmHWM); None where there is no /proc."""
    try:
        return int(re.search(rf"{key}:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))
    except (OSError, AttributeError):
        return None


def memory_probe(mode: str, path: str, pages: int) -> None:
    """(Subprocess) run one engine, print peak RSS growth in KB over the post-import baseline."""
    import parse  # noqa: F401  imported before the baseline so imports don't count
    gc.collect()
    max_base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux carries ru_maxrss across exec, so a probe started by a big parent would inherit
    # the parent's peak; where /proc exists use the current RSS and reset our own high-water mark.
    base = _status_kb("VmRSS")
    if base is not None:
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            pass
    RUNNERS[mode](path)
    max_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = _status_kb("VmHWM") if base is not None else None
    if base is None or peak is None:
        base, peak = max_base, max_peak
    print(f"PEAK_GROWTH_KB {peak - base} base={base} ru_maxrss={max_base}->{max_peak} pages={pages}")


def measure_memory(pdf: Path, workdir: Path, sizes: list[int]) -> dict:
    """Peak RSS growth (MB) per mode and prefix size, each in a fresh subprocess."""
    result: dict[str, dict[int, float]] = {}
    for mode in ("tiaokuan", "pdfplumber", "pdfplumber-noclose"):
        result[mode] = {}
        for n in sizes:
            path = workdir / f"prefix-{n}.pdf"
            if not path.exists():
                truncate(pdf, path, n)
            cmd = [sys.executable, __file__, "--memory-probe", mode, str(path), str(n)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            kb = int(out.split("PEAK_GROWTH_KB")[1].split()[0])
            result[mode][n] = kb / 1024
    return result


# ---------------------------------------------------------------- report

def machine() -> dict:
    """Facts about the interpreter, libraries and machine."""
    return {"python": f"{platform.python_implementation()} {platform.python_version()}",
            "platform": platform.platform(), "cpu_count": os.cpu_count(),
            "pdfplumber": md.version("pdfplumber"), "pdfminer.six": md.version("pdfminer.six"),
            "pypdfium2": md.version("pypdfium2"), "tiaokuan": md.version("tiaokuan")}


def print_timing(producer: str, pages: int, t: dict) -> dict:
    """Timing table of one PDF and its ratios; returns the ratios."""
    for engine in ENGINES:
        row = t[engine]
        print(f"  {producer:<12} {engine:<11} {row['min']:>8.3f} {row['median']:>8.3f} {pages / row['median']:>9.1f}")
    base = t["pdfplumber"]["median"]
    ratios = {"tiaokuan/pdfplumber": t["tiaokuan"]["median"] / base, "pypdfium2/pdfplumber": t["pypdfium2"]["median"] / base}
    met = ratios["tiaokuan/pdfplumber"] <= 1.2
    print(f"  {'':<12} ratios (median time): tiaokuan/pdfplumber = {ratios['tiaokuan/pdfplumber']:.2f}x, "
          f"pypdfium2/pdfplumber = {ratios['pypdfium2/pdfplumber']:.3f}x")
    print(f"  {'':<12} goal tiaokuan <= 1.2x pdfplumber: {'MET' if met else 'NOT MET'}\n")
    return {**ratios, "goal_met": met}


def print_memory(mem: dict, sizes: list[int]) -> dict:
    """Memory table (MB by page count) and the flatness verdict."""
    print("  " + f"{'mode':<34}" + "".join(f"{f'{n} p':>10}" for n in sizes))
    labels = {"tiaokuan": "tiaokuan parse_file", "pdfplumber": "pdfplumber extract_text + close",
              "pdfplumber-noclose": "pdfplumber extract_text, no close"}
    for mode, row in mem.items():
        print(f"  {labels[mode]:<34}" + "".join(f"{row[n]:>10.1f}" for n in sizes))
    lo, hi = mem["tiaokuan"][sizes[0]], mem["tiaokuan"][sizes[-1]]
    growth = hi / max(lo, 1.0)
    flat = growth <= 1.5
    print(f"  flat (tiaokuan at {sizes[-1]} p within 1.5x of {sizes[0]} p): {'YES' if flat else 'NO'} "
          f"({hi:.1f} MB / {lo:.1f} MB = {growth:.2f}x)")
    return {"flat": flat, "growth_ratio": growth}


def build_pdfs(args, workdir: Path) -> dict[str, Path]:
    """Build the requested producers' PDFs and print their page counts."""
    units, pdfs = corpus_units(), {}
    start = time.perf_counter()
    rl, items = build_reportlab(units, workdir / "reportlab.pdf", args.pages)
    if "reportlab" in args.producers:
        pdfs["reportlab"] = rl
    print(f"  reportlab    {page_count(rl):>4} pages {rl.stat().st_size / 1e6:6.2f} MB  {rl}  ({time.perf_counter() - start:.1f} s)")
    if "libreoffice" in args.producers:
        start = time.perf_counter()
        lo = build_libreoffice(units, workdir, args.pages, items)
        if lo is not None:
            pdfs["libreoffice"] = lo
            print(f"  libreoffice  {page_count(lo):>4} pages {lo.stat().st_size / 1e6:6.2f} MB  {lo}  ({time.perf_counter() - start:.1f} s)")
    return pdfs


def parse_args(argv=None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200, help="pages per test PDF (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per engine after one warm-up (default 3)")
    ap.add_argument("--workdir", type=Path, help="where to write the PDFs (default: a fresh temp dir)")
    ap.add_argument("--producers", default="reportlab,libreoffice", help="comma list of reportlab,libreoffice")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    ap.add_argument("--skip-memory", action="store_true", help="skip the memory subprocesses")
    ap.add_argument("--memory-probe", nargs=3, metavar=("MODE", "PATH", "PAGES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.producers = [p.strip() for p in args.producers.split(",") if p.strip()]
    return args


def main(argv=None) -> int:
    """Build the PDFs, time the engines, probe memory, print the report."""
    args = parse_args(argv)
    if args.memory_probe:
        memory_probe(args.memory_probe[0], args.memory_probe[1], int(args.memory_probe[2]))
        return 0
    t0 = time.perf_counter()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tiaokuan-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    facts = machine()
    print("tiaokuan parse benchmark\n========================")
    for key, value in facts.items():
        print(f"  {key:<13} {value}")
    print(f"  {'workdir':<13} {workdir}\n\nTest PDFs")
    pdfs = build_pdfs(args, workdir)
    report: dict = {"machine": facts, "pdfs": {k: {"path": str(p), "pages": page_count(p)} for k, p in pdfs.items()}}
    print(f"\nTiming: 1 warm-up + {args.repeat} interleaved runs per engine, seconds, one process")
    print(f"  {'producer':<12} {'engine':<11} {'min':>8} {'median':>8} {'pages/s':>9}")
    report["timing"] = {}
    for producer, path in pdfs.items():
        t = time_engines(path, args.repeat)
        ratios = print_timing(producer, report["pdfs"][producer]["pages"], t)
        report["timing"][producer] = {"engines": t, "ratios": ratios}
    if not args.skip_memory and "reportlab" in pdfs:
        total = report["pdfs"]["reportlab"]["pages"]
        sizes = sorted({max(1, round(total * f)) for f in (0.25, 0.5, 1.0)})
        print("Memory: peak RSS growth over post-import baseline, MB, fresh process each, reportlab PDF prefixes")
        mem = measure_memory(pdfs["reportlab"], workdir, sizes)
        report["memory"] = {"mb": mem, **print_memory(mem, sizes)}
    report["elapsed_s"] = time.perf_counter() - t0
    print(f"\nTotal run time {report['elapsed_s']:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
