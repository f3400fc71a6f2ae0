"""The parsing commands of `tiaokuan`: parse, terms and eval."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from tiaokuan.i18n import _

from .options import EXIT_FAILURES, expansion_option, fetch_options, fetch_settings, parse_options, progress_bar


@click.command("parse")
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True, help="Output format.")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one FILE.json or FILE.md per input into this directory instead of printing.",
)
@click.option("--strict", is_flag=True, help="Treat any parse warning as an error for that file.")
@click.option(
    "--ocr/--no-ocr",
    default=True,
    show_default=True,
    help='OCR PDF pages that have no text layer (needs pip install "tiaokuan[ocr]").',
)
@click.option("--ocr-dpi", type=click.IntRange(100, 600), default=300, show_default=True, help="Resolution scanned pages are rendered at for OCR.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Scanned pages OCR'd in parallel (processes).")
@click.option("--progress/--no-progress", default=None, help="Progress bars on stderr: files, and pages being OCR'd (default: on in a terminal).")
@click.option(
    "--like",
    "like",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A clause file that prints its 第X条 labels: a copy that lost its labels is restored by its layout where it prints the same paragraphs (repeatable).",
)
@expansion_option
@fetch_options
def parse_command(
    files: tuple[str, ...], fmt: str, output: Path | None, strict: bool, ocr: bool, ocr_dpi: int, jobs: int, progress: bool | None,
    like: tuple[Path, ...], max_expanded_mb: int | None, fetch_delay: float, fetch_timeout: float,
) -> None:
    """Parse clause FILES (PDF, DOCX, DOC, web pages, text, Markdown; directories are
    searched, skipping README and LICENSE files). An http(s) URL is fetched and its
    page parsed (robots.txt respected, one request at a time per site).

    One file prints its parse; several print a JSON array (--format json) or the
    Markdown renderings one after another. Files that fail are listed at the end
    and the exit code is 1; the others are still parsed.

    PDF pages without a text layer (scans) are OCR'd when the ocr extra is
    installed; their articles carry the recognition confidence, and uncertain
    lines are reported as warnings with their page and position.

    A copy that lost its 第X条 labels is numbered from its own words, and with
    --like by the layout of labelled clauses that print the same paragraphs.

    Example: tiaokuan parse clause.pdf --format md
    """
    from tiaokuan.parse import BatchResult, expand_paths, parse_many, to_dict, to_markdown
    from tiaokuan.parse.fetch import is_url, parse_urls

    urls = [f for f in files if is_url(f)]
    paths = expand_paths(f for f in files if not is_url(f))
    total = len(paths) + len(urls)
    if not total:
        raise click.UsageError(_("所给路径中没有找到条款文件（查找的是 .pdf .docx .doc .txt .md）"))
    err = Console(stderr=True)
    show = progress if progress is not None else err.is_terminal
    with progress_bar(err, show, _("正在解析")) as bar:
        task = bar.add_task("", total=total)
        pages: dict[str, int] = {}

        def on_page(path: str, done: int, total: int) -> None:
            # One bar per scanned file, made when its first page is read.
            if path not in pages:
                pages[path] = bar.add_task(_("OCR 识别 {name}").format(name=Path(path).name), total=total)
            bar.update(pages[path], completed=done)

        options = parse_options(max_expanded_mb, strict=strict, ocr=ocr, ocr_dpi=ocr_dpi, ocr_jobs=jobs)
        if like:
            from dataclasses import replace

            from tiaokuan.parse import parse_file
            from tiaokuan.parse.sister import layout_of

            options = replace(options, layout=layout_of([d for f in like for d in parse_file(f, options).documents]))

        def done(path: str) -> None:
            bar.update(task, advance=1, description=Path(path).name)

        batch = parse_many(paths, options, on_done=done, on_page=on_page)
        if urls:  # pages after files: fetching waits on the network and on each site's pause
            fetched = parse_urls(urls, options, fetch_settings(fetch_delay, fetch_timeout, max_expanded_mb), on_done=done)
            batch = BatchResult(batch.results + fetched.results, batch.failures + fetched.failures)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        used: set[str] = set()
        for result in batch.results:
            source = Path(result.source.path)
            name = source.name + (".json" if fmt == "json" else ".md")
            if name in used:  # same file name in two folders: keep both
                name = f"{source.parent.name}__{name}"
            used.add(name)
            text = json.dumps(to_dict(result), ensure_ascii=False, indent=2) if fmt == "json" else to_markdown(result)
            (output / name).write_text(text + "\n", encoding="utf-8")
        click.echo(_("已写出 {n} 个文件到 {path}").format(n=len(batch.results), path=output), err=True)
    elif not batch.results:
        pass  # nothing parsed: stdout stays empty (an empty JSON array would read as "a file with no clauses")
    elif fmt == "json":
        payload = [to_dict(r) for r in batch.results]
        click.echo(json.dumps(payload[0] if total == 1 else payload, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(to_markdown(r) for r in batch.results))
    for result in batch.results:
        for w in result.warnings:
            click.echo(_warning_line(result.source.path, w), err=True)
    if batch.failures:
        click.echo(_("{total} 个文件中 {failed} 个失败：").format(failed=len(batch.failures), total=total), err=True)
        for _path, message in batch.failures:
            click.echo("  " + _("错误：{message}").format(message=message), err=True)
        raise SystemExit(EXIT_FAILURES)


def _warning_line(path: str, w) -> str:
    """警告：FILE，第 N 页：code：message（位置 …）, as an error line names its file and page."""
    where = _("{where}，第 {page} 页").format(where=path, page=w.page) if w.page else path
    box = ""
    if w.box:
        box = _("（位置 x={x0}–{x1}，y={top}–{bottom} pt）").format(
            x0=f"{w.box.x0:.0f}", x1=f"{w.box.x1:.0f}", top=f"{w.box.top:.0f}", bottom=f"{w.box.bottom:.0f}"
        )
    return _("警告：{where}：{code}：{message}{box}").format(where=where, code=w.code.value, message=w.message, box=box)


@click.command("terms")
@click.argument("file", type=click.Path(path_type=Path))
def terms_command(file: Path) -> None:
    """Show the term sheet of a clause FILE: each field, its value and the article
    that says it ("silent" when the clause says nothing), then the taxonomy and
    the exclusions mapped to the canonical list.

    Example: tiaokuan terms corpus/patent-enforcement-with-rider.pdf
    """
    from rich.table import Table

    from tiaokuan.parse import ParseOptions, parse_file
    from tiaokuan.text.vocab import TERM_FIELD_NAMES, say, yes_no

    result = parse_file(file, ParseOptions(language=True))
    out = Console()
    for doc in result.documents:
        semantics = doc.semantics
        if semantics is None:
            continue
        table = Table(title=_("{title} · 条款要点").format(title=doc.title or file.name), show_lines=False)
        table.add_column(_("要素"))
        table.add_column(_("取值"))
        table.add_column(_("条款"), justify="right")
        table.add_column(_("原文"))
        for name, term in semantics.term_sheet:
            value = "、".join(map(say, term.value)) if isinstance(term.value, tuple) else say(term.value)
            field = _(TERM_FIELD_NAMES[name]) if name in TERM_FIELD_NAMES else name
            table.add_row(field, value, f"第{term.article}条" if term.article else "", term.text or "")
        out.print(table)
        tax = semantics.taxonomy
        said = [
            _("业务线 {value}").format(value=say(tax.line)), _("责任类型 {value}").format(value=tax.liability_type or "—"),
            _("权利类型 {value}").format(value=tax.right or "—"), _("功能 {value}").format(value=tax.function or "—"),
        ]  # fmt: skip
        reg = tax.registration
        if reg:
            said.append(_("注册号 {number}：公司代码 {company}，险类代码 {code}（{line}），{kind}，备案日期 {date}；与分类一致：{agrees}").format(
                number=reg.number, company=reg.company, code=reg.line_code, line=say(reg.line) or _("未知"),
                kind=_("附加险") if reg.rider else _("主险"), date=reg.date, agrees=yes_no(tax.registration_agrees) or "—",
            ))  # fmt: skip
        out.print(_("分类：{parts}").format(parts=" · ".join(said)))
        excl = Table(title=_("责任免除 → 标准分类"))
        for column in (_("条款"), _("项"), _("代码"), _("标准名称"), _("原文")):
            excl.add_column(column)
        for m in semantics.exclusions:
            excl.add_row(f"第{m.article}条" if m.article else "", m.item or "", m.key, m.label, m.text[:40])
        out.print(excl)


@click.command("eval")
@click.option("--gold", type=click.Path(file_okay=False, path_type=Path), default=Path("tests/gold/language"), show_default=True, help="Gold annotations.")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared/corpus"), show_default=True, help="Where the annotated clauses are.")
@click.option("--misses", is_flag=True, help="List every miss and spurious hit after the scores.")
def eval_command(gold: Path, corpus: Path, misses: bool) -> None:
    """Score the language layer against hand-annotated clauses: precision, recall
    and F1 per entity type and per category, accuracy per term-sheet field.

    Example: tiaokuan eval --gold tests/gold/language --corpus ../shared/corpus
    """
    from tiaokuan.parse.language.evaluate import evaluate, format_report

    if not any(gold.glob("*.json")):
        raise click.UsageError(_("{path} 中没有标注文件（*.json）").format(path=gold))
    if not corpus.is_dir():
        raise click.UsageError(_("找不到语料文件夹 {path}；请用 --corpus 指定").format(path=corpus))
    report = evaluate(gold, corpus)
    click.echo(format_report(report))
    if misses:
        click.echo("\nmisses:")
        for line in report.misses:
            click.echo(f"  {line}")
