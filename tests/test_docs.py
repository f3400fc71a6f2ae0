"""The README stays true: its commands, CI's command, and the CLI reference."""

import re

import click
import pytest

from tiaokuan.cli import cli, main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quick_start_has_two_commands() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "tiaokuan parse corpus/" in commands[0]
    assert commands[1].endswith("pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _quick_start_commands()[1]
    assert test_command in ci.splitlines()


def test_every_command_and_option_is_documented() -> None:
    reference = README.split("## CLI reference", 1)[1]
    for name, command in cli.commands.items():
        assert f"### `tiaokuan {name}" in reference, name
        for param in command.params:
            if isinstance(param, click.Option):
                flags = [o for o in param.opts if o.startswith("--") and o != "--help"]
                for flag in flags:
                    assert flag in reference, f"{name} {flag}"


def test_every_help_ends_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], *[[name, "--help"] for name in cli.commands]):
        assert main(args) == 0
        out = capsys.readouterr().out
        assert "Example: tiaokuan " in out, args


def test_public_names_import() -> None:
    import clauses_db
    import compare
    import generate
    import parse
    import parse.language
    import tiaokuan

    for module in (parse, parse.language, tiaokuan, clauses_db, compare, generate):
        for name in module.__all__:
            assert getattr(module, name) is not None, f"{module.__name__}.{name}"
