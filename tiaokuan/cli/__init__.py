"""The `tiaokuan` command: a thin shell over the library; `main(argv)` is what tests call.

Each command module is a leaf over the shared options (`options.py`); the
commands are registered here, in one place. Library errors become one-line
messages on stderr and a non-zero exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from tiaokuan.errors import TiaokuanError
from tiaokuan.i18n import LANGUAGES, _, choose, current, language

from . import compare_commands, db_commands, generate_commands, parse_commands, web_commands
from .options import EXIT_FAILURES, EXIT_USAGE


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tiaokuan", prog_name="tiaokuan")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    envvar="TIAOKUAN_LANG",
    help="Language of the messages and status lines: zh (default) or en; also $TIAOKUAN_LANG.",
)
def cli(lang: str | None) -> None:
    """tiaokuan (条款): parse, store, compare and generate Chinese insurance clauses.

    Example: tiaokuan parse corpus/ --format md --output out/
    """
    if lang is not None:
        choose(lang)  # until main() returns: its error lines are in this language too


for _command in (
    parse_commands.parse_command,
    parse_commands.terms_command,
    parse_commands.eval_command,
    db_commands.ingest_command,
    db_commands.search_command,
    db_commands.products_command,
    db_commands.show_command,
    db_commands.export_command,
    db_commands.catalog_command,
    compare_commands.compare_command,
    compare_commands.diff_command,
    generate_commands.generate_command,
    generate_commands.new_spec_command,
    generate_commands.pack_command,
    web_commands.serve_command,
):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting, so tests can call it.
    The language `--lang` chooses lasts until it returns."""
    with language(current()):
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="tiaokuan", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        _show(exc)
        return EXIT_USAGE
    except click.exceptions.Abort:
        click.echo(_("已中止"), err=True)
        return EXIT_FAILURES
    except TiaokuanError as exc:
        click.echo(_("错误：{message}").format(message=exc), err=True)
        return EXIT_FAILURES
    except SystemExit as exc:
        return int(exc.code or 0)
    except Exception as exc:
        # A bug of ours: one line as for any error; the traceback when asked for.
        if os.environ.get("TIAOKUAN_DEBUG"):
            raise
        said = _("错误：内部错误（{kind}：{reason}）；请连同命令和文件一起报告（设置 TIAOKUAN_DEBUG=1 可显示回溯）")
        click.echo(said.format(kind=type(exc).__name__, reason=exc), err=True)
        return EXIT_FAILURES
    return 0


def _show(exc: click.ClickException) -> None:
    """A usage error as click shows it (usage line, where help is), its error line in our words."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        click.echo(_("运行 {command} -h 查看帮助。").format(command=ctx.command_path) + "\n", err=True)
    click.echo(_("错误：{message}").format(message=exc.format_message()), err=True)


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
