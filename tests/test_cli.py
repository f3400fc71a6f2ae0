"""The CLI as a user calls it: JSON, Markdown, output directories, directories in."""

import json
from pathlib import Path

import pytest

from tiaokuan.cli import main
from tiaokuan.parse import json_schema

from .conftest import SAMPLES


def test_json_to_stdout_validates(capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    assert main(["parse", str(SAMPLES / "patent-enforcement-with-rider.pdf")]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, json_schema())
    assert [d["rider"] for d in data["documents"]] == [False, True]


def test_markdown_rendering(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SAMPLES / "bold-exclusions.docx"), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "# 集成电路布图设计专有权保险条款" in out
    assert "**第一条**" in out and "## 责任免除 `exclusions`" in out
    assert "numbering_gap" in out  # the sample's deliberate 第十二条 → 第十四条 gap


def test_directory_in_output_directory_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    assert main(["parse", str(SAMPLES), "--output", str(out_dir), "--no-progress"]) == 0
    written = sorted(p.name for p in out_dir.iterdir())
    inputs = sorted(
        p.name + ".json" for p in SAMPLES.rglob("*") if p.suffix in {".pdf", ".docx", ".txt", ".md", ".html", ".jsp"} and p.stem != "README"
    )
    assert written == inputs
    assert f"已写出 {len(inputs)} 个文件到 {out_dir}" in capsys.readouterr().err


def test_empty_directory_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Usage: tiaokuan parse") and "运行 tiaokuan parse -h 查看帮助。" in err
    assert err.splitlines()[-1] == "错误：所给路径中没有找到条款文件（查找的是 .pdf .docx .doc .txt .md）"
