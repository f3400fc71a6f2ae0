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


def test_parse_like_restores_a_copy_by_a_labelled_clause(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .test_numbering import _LABELLED, _lost_copy

    labelled, copy = tmp_path / "运输.txt", tmp_path / "仓储.txt"
    labelled.write_text(_LABELLED, encoding="utf-8")
    copy.write_text(_lost_copy(_LABELLED), encoding="utf-8")

    def paragraphs(*extra: str) -> list[int]:
        assert main(["parse", str(copy), *extra]) == 0
        articles = [a for s in json.loads(capsys.readouterr().out)["documents"][0]["sections"] for a in s["articles"]]
        assert all(a["number_inferred"] for a in articles)
        return [len(a["paragraphs"]) for a in articles]

    assert paragraphs() == [1, 1, 1, 1, 1, 1]
    assert paragraphs("--like", str(labelled)) == [1, 1, 1, 2, 1]
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"not a pdf")
    assert main(["parse", str(copy), "--like", str(bad)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "坏.pdf" in err[0] and "Traceback" not in err[0]
