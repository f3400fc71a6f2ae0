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
    import importlib

    import tiaokuan

    packages = ["tiaokuan", "tiaokuan.text", "tiaokuan.parse", "tiaokuan.parse.language", "tiaokuan.clauses_db", "tiaokuan.compare", "tiaokuan.generate", "tiaokuan.web"]
    for name in packages:
        module = importlib.import_module(name)
        for public in module.__all__:
            assert getattr(module, public) is not None, f"{name}.{public}"
    # __all__ is written out for type checkers and linters; it names exactly the lazy entry points.
    assert set(tiaokuan.__all__) == set(tiaokuan._ENTRY_POINTS) | {"__version__"}
    assert set(tiaokuan.__all__) <= set(dir(tiaokuan))


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.+?)\n```", README, flags=re.S)


@pytest.mark.parametrize("block", range(len(_python_blocks())))
def test_readme_python_examples_run(block: int, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a user would run them: from a folder holding the sample corpus and examples.
    for name in ("corpus", "examples"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    code = _python_blocks()[block]
    exec(compile(code, f"README.md python block {block + 1}", "exec"), {"__name__": "__readme__"})
    # Every file an example says it writes is there.
    for written in re.findall(r'"((?:out/)?[\w.-]+\.(?:db|xlsx|docx))"', code):
        assert (tmp_path / written).is_file(), written
