"""What the command modules share: options, exit codes, progress bars and output.
Command modules import this and the library, never each other."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from tiaokuan.i18n import _
from tiaokuan.model import LINE_KINDS, LINES_OF_BUSINESS, Category, SectionType

EXIT_FAILURES = 1
EXIT_USAGE = 2

# Every kind of every line once ("other" is several lines' catch-all).
LINE_KIND_CHOICES = tuple(dict.fromkeys(kind for kinds in LINE_KINDS.values() for kind in kinds))
_DB_HELP = "Database: an SQLite file path or URL, or postgresql://USER@HOST/DB (default: $TIAOKUAN_DB, else ./tiaokuan.db)."


def db_option(f):
    return click.option("--db", "db_url", envvar="TIAOKUAN_DB", default=None, help=_DB_HELP)(f)


def insurer_option(f):
    """--insurer: which insurer's product a product name means, where insurers share names."""
    return click.option(
        "--insurer",
        help="Product names mean this insurer's products: its short name (太平科技, 人保) or part of its name. "
        "A name may say it itself: 太平科技:财产基本险.",
    )(f)


def expansion_option(f):
    """--max-expanded-mb: the bound on what a file's compressed parts may expand to."""
    return click.option(
        "--max-expanded-mb",
        type=click.IntRange(min=1),
        default=None,
        help="Refuse a file whose compressed parts (DOCX members, PDF streams) expand past this many MB, "
        "as a likely compression bomb, and a fetched web page larger than this (default: 32).",
    )(f)


def fetch_options(f):
    """--fetch-delay, --fetch-timeout: how pages given by URL are fetched."""
    options = [
        click.option(
            "--fetch-delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
            help="Pause between two requests to the same web site (pages given by http(s) URL).",
        ),
        click.option(
            "--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True, metavar="SECONDS",
            help="Give up on a web page when connecting or waiting for data takes longer than this.",
        ),
    ]  # fmt: skip
    for option in reversed(options):
        f = option(f)
    return f


def fetch_settings(fetch_delay: float, fetch_timeout: float, max_expanded_mb: int | None):
    """`FetchSettings` from the command line; the page size limit is the expansion limit."""
    from tiaokuan.parse.failures import MB
    from tiaokuan.parse.fetch import FetchSettings

    chosen = {} if max_expanded_mb is None else {"max_bytes": max_expanded_mb * MB}
    return FetchSettings(timeout=fetch_timeout, delay=fetch_delay, **chosen)


def read_url_list(path: Path) -> list[str]:
    """The URLs of a list file: one a line; blank lines and # comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(_("无法读取网址列表 {path}（{reason}）").format(path=path, reason=getattr(exc, "strerror", None) or exc)) from None
    # A comment starts a line or follows a space: a URL's own #fragment is kept.
    lines = (re.sub(r"(^|\s)#.*", "", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def parse_options(max_expanded_mb: int | None, **chosen):
    """`ParseOptions` from the command line; None keeps the library's default."""
    from tiaokuan.parse import ParseOptions

    if max_expanded_mb is not None:
        chosen["max_expanded_mb"] = max_expanded_mb
    return ParseOptions(**chosen)


def filter_options(f):
    """The filters every listing command takes."""
    options = [
        click.option("--insurer", help="Insurer name, or its short name (人保, 太平科技), contains this."),
        click.option("--product", help="Product name contains this."),
        click.option("--section", "section_type", type=click.Choice([t.value for t in SectionType]), help="Section type."),
        click.option("--category", type=click.Choice([c.value for c in Category]), help="Clause category (article or one of its items)."),
        click.option("--right", "ip_right", help="IP right (专利, 商标, 著作权, 地理标志 …, or 综合)."),
        click.option("--line", type=click.Choice(LINES_OF_BUSINESS), help="Line of business."),
        click.option("--kind", type=click.Choice(LINE_KIND_CHOICES), help="Kind of product within its line (medical, annuity, crop, travel …)."),
        click.option("--version", default="latest", show_default=True, help='"latest", "all", or a version label such as 2025版.'),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def filters(insurer, product, section_type, category, ip_right, line, kind, version):
    """The `Filters` the options of `filter_options` give."""
    from tiaokuan.clauses_db import Filters

    return Filters(insurer, product, section_type, category, ip_right, line, version, kind)


def progress_bar(console: Console, enabled: bool, verb: str, time_left: bool = False) -> Progress:
    """A transient bar on stderr: `verb`, bar, done/total, time (and time left)."""
    columns = [TextColumn(f"[bold]{verb}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    if time_left:
        columns.append(TimeRemainingColumn())
    return Progress(*columns, TextColumn("{task.description}"), console=console, disable=not enabled, transient=True)


def emit(fmt: str, output: Path | None, write_file: Callable[[Path], object] | None, render_text: Callable[[], str]) -> None:
    """A binary format goes to its file (which must be named); text to the file or stdout."""
    if write_file is not None:
        if output is None:
            raise click.UsageError(_("--format {fmt} 需要 --output FILE").format(fmt=fmt))
        write_file(output)
    elif output is None:
        click.echo(render_text())
        return
    else:
        output.write_text(render_text(), encoding="utf-8")
    click.echo(_("已写出 {path}").format(path=output), err=True)


def count_products(products: tuple[str, ...]) -> None:
    if not 2 <= len(products) <= 10:
        raise click.UsageError(_("请给出 2 到 10 个产品，而不是 {n} 个").format(n=len(products)))
