"""The package's shape: one installed namespace, layers that import downwards only
(import-linter), CLI command modules that stand alone, light imports, and the
project's ruff settings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MAPPED = PYPROJECT["tool"]["setuptools"]["package-dir"]  # tiaokuan.parse -> parse, ...


def _run(code: str, cwd: Path | None = None) -> str:
    """Run `code` in a fresh interpreter outside the checkout; its stdout."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd or Path("/"), timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def installed_layout(into: Path) -> Path:
    """The package tree as a wheel installs it (tiaokuan/parse/, tiaokuan/clauses_db/ …),
    copied from the checkout: import-linter reads packages from disk, and the
    editable install maps the top-level folders without moving them."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    package = into / "tiaokuan"
    shutil.copytree(ROOT / "tiaokuan", package, ignore=ignore)
    for name, folder in MAPPED.items():
        shutil.copytree(ROOT / folder, package / name.split(".", 1)[1], ignore=ignore)
    return into


def test_every_package_folder_is_installed() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {"tiaokuan" + ("." + ".".join(p.parent.relative_to(ROOT / "tiaokuan").parts) if p.parent != ROOT / "tiaokuan" else "") for p in (ROOT / "tiaokuan").rglob("__init__.py")}
    for name, folder in MAPPED.items():
        found |= {".".join([name, *p.parent.relative_to(ROOT / folder).parts]) for p in (ROOT / folder).rglob("__init__.py")}
    assert found == listed


def test_the_package_is_installed_under_one_name() -> None:
    import tiaokuan.parse

    assert tiaokuan.parse.__name__ == "tiaokuan.parse"
    assert Path(tiaokuan.parse.__file__).parent.name == "parse"
    # conftest.py also checks, at the end of the run, that no test imported the
    # checkout's folders as top-level modules (parse, clauses_db, …).


def test_layers_are_kept(tmp_path: Path) -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    tree = installed_layout(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    # Run from the copied tree: lint-imports puts the working directory first on sys.path.
    done = subprocess.run([lint, "--no-cache", str(ROOT / "pyproject.toml")], capture_output=True, text=True, cwd=tree, env=env, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_ruff_passes_with_the_project_settings() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    done = subprocess.run([ruff, "check", "--no-cache", str(ROOT)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:]


@pytest.mark.parametrize(
    "module",
    ["tiaokuan.cli", *[f"tiaokuan.cli.{m}" for m in ("options", "parse_commands", "db_commands", "compare_commands", "generate_commands", "web_commands")], "tiaokuan.web.app", "tiaokuan.web.pages", "tiaokuan.web.workbench"],
)
def test_each_module_imports_on_its_own(module: str) -> None:
    # A circular import shows only when the module is the first one imported.
    _run(f"import {module}")


def test_importing_tiaokuan_is_light() -> None:
    heavy = ("spacy", "jieba", "pdfplumber", "pdfminer", "sqlalchemy", "docx", "fastapi", "cn2an", "numpy")
    out = _run(f"import sys, tiaokuan; print([m for m in sys.modules if m.split('.')[0] in {heavy!r}])")
    assert json.loads(out.replace("'", '"')) == []
    # The entry points are there, loaded on first use.
    assert _run("import tiaokuan; print(tiaokuan.parse_file.__module__, tiaokuan.ClauseDB.__name__)").split() == ["tiaokuan.parse.api", "ClauseDB"]


def test_the_database_does_not_load_spacy_to_split_words() -> None:
    out = _run("import sys, tiaokuan.clauses_db as d; d.ClauseDB; from tiaokuan.text import words; words('免赔额'); print('spacy' in sys.modules)")
    assert out.strip() == "False"


def test_the_version_is_written_once() -> None:
    import tiaokuan

    assert tiaokuan.__version__ == PYPROJECT["project"]["version"]
    from click.testing import CliRunner

    from tiaokuan.cli import cli

    assert PYPROJECT["project"]["version"] in CliRunner().invoke(cli, ["--version"]).output
