"""Bad input: one clear line naming the file and what to do, a non-zero exit, no
traceback; a batch goes on past a bad file and lists it at the end."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tiaokuan.cli import main
from tiaokuan.parse.ocr import available as ocr_available

from .conftest import SAMPLES
from .damaged import damage_checksum_of_first_stream, damage_docx_member, docx_with_document_of, pdf_with_content_of


def _pdf(path: Path, draw, encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    draw(c)
    c.showPage()
    c.save()
    return path


def _text_page(c: canvas.Canvas) -> None:
    c.drawString(72, 720, "Article 1. This is a test.")


def _scan_page(c: canvas.Canvas) -> None:
    # A scan is pictures of text: shapes only, no text layer.
    for k in range(30):
        c.rect(72, 700 - 18 * k, 400 - 7 * k, 8, fill=1)


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "encrypted": _pdf(tmp_path / "locked.pdf", _text_page, encrypt="secret"),
        "scanned": _pdf(tmp_path / "scan.pdf", _scan_page),
        "empty": tmp_path / "empty.txt",
        "unsupported": tmp_path / "rates.xlsx",
        "image": tmp_path / "photo.png",
        "no_structure": tmp_path / "notes.txt",
        "corrupt_docx": tmp_path / "broken.docx",
        "binary_text": tmp_path / "garbage.txt",
    }
    truncated = (SAMPLES / "headers-footers.pdf").read_bytes()
    files["truncated"] = tmp_path / "truncated.pdf"
    files["truncated"].write_bytes(truncated[: len(truncated) // 3])
    files["empty"].write_bytes(b"")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    files["unsupported"].write_bytes(buf.getvalue())
    files["image"].write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    files["no_structure"].write_text("今天天气很好。\n我们去公园散步。\n", encoding="utf-8")
    files["corrupt_docx"].write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    files["binary_text"].write_bytes(b"\x00\x01\x02\x03" * 40)
    return files


EXPECTED = {
    "encrypted": "密码保护",
    # Pictures of bars, no letters: OCR reads nothing (without the extra: "像是扫描件").
    "scanned": "没有识别出文字" if ocr_available() else "像是扫描件",
    "empty": "文件是空的",
    "unsupported": "不是 .docx",
    "image": "不读取 .png 类型的文件",
    "no_structure": "没有找到条款结构",
    "corrupt_docx": "无法打开",
    "binary_text": "二进制数据",
    "truncated": "PDF",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_bad_file_gets_one_clear_line(kind: str, bad_files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = bad_files[kind]
    code = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("  错误：")]
    assert len(errors) == 1
    assert errors[0].startswith(f"  错误：{path}：") and EXPECTED[kind] in errors[0]


def test_truncated_pdf_says_what_to_do(bad_files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    main(["parse", str(bad_files["truncated"])])
    err = capsys.readouterr().err
    assert "重新导出" in err or "没有文字层" in err


def test_batch_goes_on_and_reports_failures_at_the_end(bad_files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    good = SAMPLES / "bold-exclusions.txt"
    code = main(["parse", str(bad_files["empty"]), str(good), str(bad_files["encrypted"]), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    parsed = json.loads(out)
    assert [r["source"]["path"] for r in parsed] == [str(good)]
    tail = err.splitlines()[-3:]
    assert tail[0] == "3 个文件中 2 个失败："
    assert str(bad_files["empty"]) in tail[1] and str(bad_files["encrypted"]) in tail[2]


def test_strict_turns_warnings_into_errors(capsys: pytest.CaptureFixture[str]) -> None:
    sample = SAMPLES / "trademark-numbering-lost.txt"
    assert main(["parse", str(sample)]) == 0
    capsys.readouterr()
    assert main(["parse", str(sample), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "严格模式：numbering_inferred：" in err and str(sample) in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    assert main(["parse", str(missing)]) == 1
    assert f"错误：{missing}：无法读取（" in capsys.readouterr().err


# -- damaged and oversized files: one line, never a traceback or a library's noise ----------
@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".txt"])
def test_an_empty_file_says_it_is_empty(suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"nothing{suffix}"
    path.write_bytes(b"")
    assert main(["parse", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "", "a failed parse prints nothing on stdout"
    assert f"{path}：文件是空的" in err and "Root" not in err


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_compression_bomb_is_refused_in_one_line(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"bomb.{kind}"
    path.write_bytes(docx_with_document_of(40 * 1024 * 1024) if kind == "docx" else pdf_with_content_of(40 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert main(["parse", str(path)]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert out == "" and lines[-1].startswith(f"  错误：{path}：其") and "超出了条款文件 32 MB 的上限" in lines[-1]
    assert "--max-expanded-mb 64" in lines[-1], "the message says how to raise the limit"


def test_the_expansion_limit_can_be_raised(tmp_path: Path) -> None:
    from tiaokuan.errors import TooLargeError
    from tiaokuan.parse import ParseOptions, parse_bytes

    data = docx_with_document_of(1536 * 1024)
    with pytest.raises(TooLargeError, match="1 MB 的上限"):
        parse_bytes(data, "grown.docx", ParseOptions(max_expanded_mb=1, language=False))
    result = parse_bytes(data, "grown.docx", ParseOptions(max_expanded_mb=4, language=False))
    assert result.documents[0].articles


def test_library_noise_becomes_one_warning(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damage_checksum_of_first_stream((SAMPLES / "headers-footers.pdf").read_bytes()))
    assert main(["parse", str(path), "--format", "md"]) == 0
    out, err = capfd.readouterr()  # capfd: also what a library would print straight to the file descriptor
    assert "Data-loss" not in "\n".join(line for line in err.splitlines() if "damaged_source" not in line), "pdfminer's own log line leaked"
    damaged = [line for line in err.splitlines() if "damaged_source" in line]
    assert len(damaged) == 1 and damaged[0].startswith(f"警告：{path}") and "re-export it from the original" in damaged[0]
    assert "第一条" in out


def test_a_damaged_docx_member_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "damaged.docx"
    path.write_bytes(damage_docx_member((SAMPLES / "bold-exclusions.docx").read_bytes(), "word/document.xml"))
    assert main(["parse", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "zlib" in err
    errors = [line for line in err.splitlines() if line.startswith("  错误：")]
    assert len(errors) == 1 and errors[0].startswith(f"  错误：{path}：Word 文档已损坏，无法读取（")
    assert errors[0].endswith("；请用 Word 或 LibreOffice 重新保存")
