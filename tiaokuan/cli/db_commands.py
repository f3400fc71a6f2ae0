"""The database commands of `tiaokuan`: ingest, search, products, show, export, catalog."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from tiaokuan.i18n import N_, _
from tiaokuan.text.vocab import SECTION_NAMES, say

from .options import (
    EXIT_FAILURES,
    db_option,
    expansion_option,
    fetch_options,
    fetch_settings,
    filter_options,
    filters,
    insurer_option,
    parse_options,
    progress_bar,
    read_url_list,
)

# How many files of a batch came to each outcome (clauses_db.ingest.Outcome), in order.
_OUTCOME_COUNTS = {"added": N_("新增 {n}"), "unchanged": N_("未变 {n}"), "not_a_clause": N_("非条款 {n}"), "failed": N_("失败 {n}")}


def _open(db_url: str | None, create: bool = False):
    """The database; only `ingest` may create it, every other command reads."""
    from tiaokuan.clauses_db import ClauseDB

    return ClauseDB(db_url, create=create)


@click.command("ingest")
@click.argument("paths", nargs=-1)
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Parse in this many local processes.")
@click.option("--dask", "dask_address", metavar="ADDRESS", help="Parse on an existing Dask cluster (tcp://host:8786).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=Path("ingest-report.json"), show_default=True, help="Where to write the per-file report.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on in a terminal).")
@expansion_option
@fetch_options
@click.option("--urls", "url_list", type=click.Path(dir_okay=False, path_type=Path), help="Also ingest the web pages listed in this file (one http(s) URL a line, # comments).")
@click.option(
    "--sister-layout/--each-alone", default=True, show_default=True,
    help="Read a copy that lost its 第X条 labels again beside the batch's labelled clauses, whose layout restores its numbering (as compare does); --each-alone stores every file as read alone.",
)  # fmt: skip
def ingest_command(paths, db_url, jobs, dask_address, report, progress, max_expanded_mb, fetch_delay, fetch_timeout, url_list, sister_layout) -> None:
    """Parse clause files and folders (recursively), and web pages given by http(s)
    URL, into the database.

    Files already stored (same bytes) are skipped; a changed file of a known
    product becomes a new version. A page is fetched (robots.txt respected, one
    request at a time per site) and its bytes are the source, so the same page
    fetched again is unchanged. Each file is written in one transaction, bad
    files and pages are listed at the end and in the report, and the batch goes on.

    Example: tiaokuan ingest corpus/ --db clauses.db --jobs 2
    """
    from tiaokuan.clauses_db.ingest import Outcome, write_report

    paths = list(paths) + (read_url_list(url_list) if url_list is not None else [])
    if not paths:
        raise click.UsageError(_("请给出要入库的文件、文件夹或网址（或用 --urls 给出网址列表）"))
    db = _open(db_url, create=True)
    err = Console(stderr=True)
    show = progress if progress is not None else err.is_terminal
    bar = progress_bar(err, show, _("正在入库"), time_left=True)
    state = {"task": None}

    def on_start(total: int) -> None:
        state["task"] = bar.add_task("", total=total)

    def on_file(file) -> None:
        if state["task"] is not None and file.outcome is not Outcome.UNCHANGED:
            bar.update(state["task"], advance=1, description=Path(file.path).name)

    with bar:
        result = db.ingest(
            paths, jobs=jobs, dask=dask_address, options=parse_options(max_expanded_mb), on_start=on_start, on_file=on_file,
            fetch=fetch_settings(fetch_delay, fetch_timeout, max_expanded_mb), sister_layout=sister_layout,
        )  # fmt: skip
    write_report(result, report)
    counts = _("，").join(_(_OUTCOME_COUNTS[o.value]).format(n=result.count(o)) for o in Outcome)
    kind, path = db.url.split("://")[0], db.url.split("///")[-1] if db.url.startswith("sqlite") else ""
    click.echo(_("{kind} 数据库 {path}：{counts}；报告见 {report}").format(kind=kind, path=path, counts=counts, report=report), err=True)
    if result.failures:
        click.echo(_("{n} 个文件失败：").format(n=len(result.failures)), err=True)
        for f in result.failures:
            click.echo("  " + _("错误：{message}").format(message=f.message), err=True)
        raise SystemExit(EXIT_FAILURES)


@click.command("search")
@click.argument("query")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many hits.")
@click.option("--substring", is_flag=True, help="Match the characters anywhere, not as words.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON lines.")
def search_command(query, db_url, limit, substring, as_json, **chosen) -> None:
    """Search articles for QUERY (Chinese words, e.g. 免赔额 or 专利无效), best first,
    each hit with insurer, product, version, section, article and a snippet.

    Example: tiaokuan search 免赔额 --line ip --section exclusions
    """
    hits = _open(db_url).search(query, filters(**chosen), limit=limit, substring=substring)
    if as_json:
        for h in hits:
            click.echo(json.dumps({**h.__dict__, "match": h.match.value}, ensure_ascii=False))
        return
    if not hits:
        click.echo(_("没有与“{query}”相符的条文").format(query=query), err=True)
        return
    table = Table(show_lines=False)
    for name in (_("保险公司"), _("产品"), _("版本"), _("章节"), _("条"), _("页"), _("摘要")):
        table.add_column(name, overflow="fold")
    for h in hits:
        section = say(h.section_type, SECTION_NAMES)
        table.add_row(h.insurer, h.product, h.version_label or h.registration_no or "", section, h.article_label or (f"({h.article_number})" if h.article_number else ""), str(h.page or ""), h.snippet)
    Console().print(table)


@click.command("products")
@db_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the products as JSON lines.")
def products_command(db_url, as_json, **chosen) -> None:
    """List products and their versions (the latest of each by default), each with
    its id, which `compare`, `diff`, `pack` and `new-spec` accept in place of a name.

    Example: tiaokuan products --line ip --version all
    """
    rows = _open(db_url).products(filters(**chosen))
    if as_json:
        for r in rows:
            click.echo(json.dumps(r.__dict__, ensure_ascii=False))
        return
    table = Table()
    for name in ("id", _("保险公司"), _("产品"), _("版本"), _("注册号"), _("业务线"), _("所附主险"), _("条数"), _("最新")):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.version_id), r.insurer, r.product, r.version_label or r.reg_date or "", r.registration_no or "", say(r.line),
            r.main_product or "", str(r.article_count), _("是") if r.is_latest else "",
        )  # fmt: skip
    Console().print(table)
    click.echo(_("共 {n} 个产品版本").format(n=len(rows)), err=True)


@click.command("show")
@click.argument("product")
@db_option
@insurer_option
@click.option("--version", default="latest", show_default=True, help='"latest" or a version label.')
@click.option("--article", type=int, help="Only this article number.")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True, help="Output format.")
def show_command(product, db_url, insurer, version, article, fmt) -> None:
    """Print a stored product version (or one article of it) as Markdown or JSON.
    PRODUCT is a product name (太平科技:财产基本险 where insurers share a name).

    Example: tiaokuan show 专利无效费用损失保险 --article 4
    """
    from tiaokuan.clauses_db import split_insurer
    from tiaokuan.errors import NotFoundError
    from tiaokuan.model import ParseResult
    from tiaokuan.parse import to_dict, to_markdown
    from tiaokuan.parse.serialize import article_to_dict

    db = _open(db_url)
    named, name = split_insurer(product)
    chosen = db.find_version(name, version, named or insurer)
    result = ParseResult(db.load_source(chosen.version_id), (db.load(chosen.version_id),))
    if article is None:
        click.echo(json.dumps(to_dict(result), ensure_ascii=False, indent=2) if fmt == "json" else to_markdown(result))
        return
    a = next((a for a in result.documents[0].articles if a.number == article), None)
    if a is None:
        raise NotFoundError(chosen.source, _("{product}没有第 {article} 条；请看 `tiaokuan show {product}`").format(product=chosen.product, article=article))
    if fmt == "json":
        click.echo(json.dumps(article_to_dict(a), ensure_ascii=False, indent=2))
    else:
        where = _("{where}，第 {page} 页").format(where=chosen.source, page=a.pages[0]) if a.pages else chosen.source
        cited = _("— {insurer} {product}，{where}").format(insurer=chosen.insurer, product=chosen.product, where=where)
        click.echo(f"{a.label or ''} {a.text}".strip() + "\n\n" + cited)


@click.command("export")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), default="xlsx", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
def export_command(db_url, fmt, output, **chosen) -> None:
    """Export the matching articles, one row each with insurer, product, version,
    注册号, section, article, page, categories, verbatim text and source file.

    Example: tiaokuan export --format xlsx --category exclusion --line ip -o exclusions.xlsx
    """
    n = _open(db_url).export(fmt, output, filters(**chosen))
    click.echo(_("已写出 {n} 条条文到 {path}").format(n=n, path=output), err=True)


@click.command("catalog")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv", "html"]), default="xlsx", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
def catalog_command(db_url, fmt, output, **chosen) -> None:
    """Write the product catalog: one row per product version with insurer, product,
    注册号 and its decoded parts, line of business and kind / IP taxonomy, main or rider and its
    main product, article count, key terms and source file.

    Example: tiaokuan catalog --format xlsx -o catalog.xlsx --version all
    """
    n = _open(db_url).catalog(fmt, output, filters(**chosen))
    click.echo(_("已写出 {n} 个产品版本到 {path}").format(n=n, path=output), err=True)
