"""tiaokuan installs as one package: a wheel puts nothing but `tiaokuan` into
site-packages, so it lives beside a distribution named `parse` (the popular PyPI
package) in either install order, and removing one leaves the other whole.

Built and installed for real: a wheel of this checkout (python -m build), a
stand-in `parse` distribution (a top-level `parse` module, as PyPI's parse is),
and fresh virtual environments; nothing is fetched from the network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("build", reason="python -m build is needed (pip install -e '.[test]')")


def _ok(*cmd: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, timeout=600)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("wheels")
    # Built from a copy: setuptools leaves build/ behind, and a stale build/lib in
    # the checkout would carry deleted modules into later wheels.
    source = tmp_path_factory.mktemp("source") / "tiaokuan"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info", "test-artifacts", "out", "__pycache__", ".*_cache"))
    # --no-isolation: build with this environment's setuptools (the test extra has it), offline.
    _ok(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, source)
    # PyPI's parse 1.22.4 installs a top-level package parse/__init__.py: so does the stand-in.
    stand_in = tmp_path_factory.mktemp("parse-dist")
    (stand_in / "parse").mkdir()
    (stand_in / "parse" / "__init__.py").write_text('"""Stand-in for PyPI\'s parse."""\n\n\ndef parse(fmt, text):\n    return (fmt, text)\n', encoding="utf-8")
    (stand_in / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "parse"\nversion = "1.22.4"\n[tool.setuptools]\npackages = ["parse"]\n',
        encoding="utf-8",
    )
    _ok(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, stand_in)
    return {"tiaokuan": next(out.glob("tiaokuan-*.whl")), "parse": next(out.glob("parse-*.whl"))}


def test_the_wheel_holds_one_package_and_its_data(wheels: dict[str, Path]) -> None:
    names = zipfile.ZipFile(wheels["tiaokuan"]).namelist()
    tops = {n.split("/")[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"tiaokuan"}
    for data in ("tiaokuan/schema/parse-1.schema.json", "tiaokuan/text/data/userdict.txt", "tiaokuan/text/data/insurers.tsv", "tiaokuan/generate/templates/wording.md.j2",
                 "tiaokuan/clauses_db/migrations/script.py.mako", "tiaokuan/web/static/style.css", "tiaokuan/parse/api.py",
                 "tiaokuan/locale/en/LC_MESSAGES/tiaokuan.mo"):  # fmt: skip
        assert data in names, data


def _venv(where: Path) -> Path:
    _ok(sys.executable, "-m", "venv", "--without-pip", where)
    return where / "bin" / "python"


def _pip(python: Path, *args: str | Path) -> None:
    _ok(sys.executable, "-m", "pip", "--python", python, *args)


def _check(python: Path, *, parse: bool, tiaokuan: bool) -> None:
    """Each distribution that should be there imports as itself."""
    code = (
        "import importlib.util as u, sys\n"
        f"if {parse}:\n    import parse; assert parse.parse('{{}}', 'x') == ('{{}}', 'x'), parse.__file__\n"
        f"else:\n    assert u.find_spec('parse') is None\n"
        f"if {tiaokuan}:\n    import tiaokuan; spec = u.find_spec('tiaokuan.parse'); assert spec and spec.origin.endswith('tiaokuan/parse/__init__.py'), spec\n"
        "    import pathlib; assert pathlib.Path(spec.origin).with_name('api.py').is_file()\n"
        f"else:\n    assert u.find_spec('tiaokuan') is None\n"
    )
    _ok(python, "-c", code, cwd=python.parent)


@pytest.mark.parametrize("order", [("tiaokuan", "parse"), ("parse", "tiaokuan")], ids=["tiaokuan-first", "parse-first"])
def test_tiaokuan_and_parse_live_side_by_side(wheels: dict[str, Path], tmp_path: Path, order: tuple[str, str]) -> None:
    python = _venv(tmp_path / "venv")
    for name in order:
        # --no-deps: only the files each distribution installs matter here.
        _pip(python, "install", "--no-deps", "--no-index", "--quiet", wheels[name])
    _check(python, parse=True, tiaokuan=True)
    _pip(python, "uninstall", "--yes", "--quiet", order[0])
    _check(python, parse=order[0] != "parse", tiaokuan=order[0] != "tiaokuan")
    _pip(python, "install", "--no-deps", "--no-index", "--quiet", wheels[order[0]])
    _pip(python, "uninstall", "--yes", "--quiet", order[1])
    _check(python, parse=order[1] != "parse", tiaokuan=order[1] != "tiaokuan")


def test_the_installed_wheel_speaks_english_when_asked(wheels: dict[str, Path], tmp_path: Path) -> None:
    # The catalog is found where it is installed, not in the checkout.
    python = _venv(tmp_path / "venv")
    _pip(python, "install", "--no-deps", "--no-index", "--quiet", wheels["tiaokuan"])
    code = "from tiaokuan.i18n import _, language\nwith language('en'):\n    print(_('错误：{message}'))\nprint(_('错误：{message}'))"
    assert _ok(python, "-c", code, cwd=python.parent).splitlines() == ["error: {message}", "错误：{message}"]
