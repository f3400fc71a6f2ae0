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
    "encrypted": "password-protected",
    # Pictures of bars, no letters: OCR reads nothing (without the extra: "looks scanned").
    "scanned": "OCR found no text" if ocr_available() else "looks scanned",
    "empty": "empty",
    "unsupported": "not a .docx",
    "image": "are not read",
    "no_structure": "no clause structure",
    "corrupt_docx": "cannot be opened",
    "binary_text": "binary data",
    "truncated": "PDF",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_bad_file_gets_one_clear_line(kind: str, bad_files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = bad_files[kind]
    code = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("  error: ")]
    assert len(errors) == 1
    assert str(path) in errors[0] and EXPECTED[kind] in errors[0]


def test_truncated_pdf_says_what_to_do(bad_files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    main(["parse", str(bad_files["truncated"])])
    err = capsys.readouterr().err
    assert "re-export" in err or "no text layer" in err


def test_batch_goes_on_and_reports_failures_at_the_end(bad_files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    good = SAMPLES / "bold-exclusions.txt"
    code = main(["parse", str(bad_files["empty"]), str(good), str(bad_files["encrypted"]), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    parsed = json.loads(out)
    assert [r["source"]["path"] for r in parsed] == [str(good)]
    tail = err.splitlines()[-3:]
    assert tail[0] == "2 of 3 file(s) failed:"
    assert str(bad_files["empty"]) in tail[1] and str(bad_files["encrypted"]) in tail[2]


def test_strict_turns_warnings_into_errors(capsys: pytest.CaptureFixture[str]) -> None:
    sample = SAMPLES / "trademark-numbering-lost.txt"
    assert main(["parse", str(sample)]) == 0
    capsys.readouterr()
    assert main(["parse", str(sample), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "strict mode: numbering_inferred" in err and str(sample) in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    assert main(["parse", str(missing)]) == 1
    assert "cannot be read" in capsys.readouterr().err
