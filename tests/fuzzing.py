"""Mutational fuzzing of clause files: damaged copies of real sample files, parsed
with a time limit; anything but a result or tiaokuan's own error is a crash.

The mutations are the damage files meet in the wild: flipped bits (a bad disk or
transfer), truncation (an interrupted download), a chunk copied over another
place (a botched merge or edit), a damaged compressed member of a DOCX (a broken
ZIP) and a damaged compressed stream of a PDF. Everything is drawn from one
seeded random generator, so a case is reproduced by its seed and number.

`python bench/fuzz.py --cases 2000` runs a longer campaign with the same code.
"""

from __future__ import annotations

import io
import random
import re
import signal
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tiaokuan.errors import TiaokuanError
from tiaokuan.parse import ParseOptions, parse_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".html", ".htm")
REGRESSIONS = ROOT / "tests" / "data" / "fuzz-regressions"
# Without OCR a damaged PDF that lost its text layer is reported, not read page by
# page; the OCR path has tests of its own. The language layer stays on: it reads
# whatever text the damage leaves.
OPTIONS = ParseOptions(ocr=False)


@dataclass(frozen=True)
class Case:
    """One damaged file: which seed file, which mutation, the bytes."""

    number: int
    seed_file: str
    mutation: str
    data: bytes

    @property
    def name(self) -> str:
        stem, _, suffix = self.seed_file.rpartition(".")
        return f"{stem}.{self.number:04d}-{self.mutation}.{suffix}"


@dataclass(frozen=True)
class Outcome:
    case: Case
    seconds: float
    kind: str  # "parsed", "refused" (a TiaokuanError), "crash", "timeout"
    detail: str = ""


def seed_files(folder: Path = ROOT / "corpus") -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SEED_SUFFIXES and p.name != "README.md")


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def copy_chunk(data: bytes, rng: random.Random) -> bytes:
    size = rng.randint(1, max(1, min(4096, len(data) // 4)))
    src = rng.randrange(max(1, len(data) - size))
    dst = rng.randrange(len(data))
    chunk = data[src : src + size]
    if rng.random() < 0.5:
        return data[:dst] + chunk + data[dst:]  # inserted
    return data[:dst] + chunk + data[dst + len(chunk) :]  # written over


def _damage_span(data: bytes, start: int, end: int, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if end > start:
            out[rng.randrange(start, end)] = rng.randrange(256)
    return bytes(out)


def damage_zip_member(data: bytes, rng: random.Random) -> bytes:
    """Bytes inside one compressed member of a ZIP changed, headers left intact:
    the archive opens and the member fails to inflate (zlib error or bad CRC)."""
    try:
        members = [m for m in zipfile.ZipFile(io.BytesIO(data)).infolist() if m.compress_size > 8]
    except zipfile.BadZipFile:
        return flip_bits(data, rng)
    start, end = member_data(data, rng.choice(members))
    return _damage_span(data, start, end, rng)


def member_data(data: bytes, member: zipfile.ZipInfo) -> tuple[int, int]:
    """Where a ZIP member's compressed bytes stand: after its local header (30
    bytes, the name, the extra field)."""
    name_len = int.from_bytes(data[member.header_offset + 26 : member.header_offset + 28], "little")
    extra_len = int.from_bytes(data[member.header_offset + 28 : member.header_offset + 30], "little")
    start = member.header_offset + 30 + name_len + extra_len
    return start, start + member.compress_size


_STREAM = re.compile(rb"stream\r?\n")


def damage_pdf_stream(data: bytes, rng: random.Random) -> bytes:
    """Bytes inside one compressed stream of a PDF changed: the file opens and a
    content stream fails to inflate (pdfminer's "data-loss" path)."""
    starts = [m.end() for m in _STREAM.finditer(data)]
    if not starts:
        return flip_bits(data, rng)
    start = rng.choice(starts)
    end = data.find(b"endstream", start)
    return _damage_span(data, start, end if end > start else len(data), rng)


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "bitflip": flip_bits,
    "truncate": truncate,
    "chunk": copy_chunk,
    "zipmember": damage_zip_member,
    "pdfstream": damage_pdf_stream,
}


def mutations_for(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    kinds = ["bitflip", "truncate", "chunk"]
    if suffix == ".docx":
        kinds.append("zipmember")
    if suffix == ".pdf":
        kinds.append("pdfstream")
    return kinds


def cases(seed: int, count: int, seeds: list[Path] | None = None) -> Iterator[Case]:
    """`count` damaged files, round-robin over the seed files, from `seed`."""
    rng = random.Random(seed)
    files = [(p, p.read_bytes()) for p in (seeds or seed_files())]
    for number in range(count):
        path, data = files[number % len(files)]
        mutation = rng.choice(mutations_for(path))
        yield Case(number, path.name, mutation, MUTATIONS[mutation](data, rng))


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so no `except Exception` in the code under test swallows it."""


def _alarm(_signum, _frame) -> None:
    raise _Timeout


def run_case(case: Case, limit: float) -> Outcome:
    """Parse one damaged file with a wall-clock limit (SIGALRM: main thread only)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        parse_bytes(case.data, case.name, OPTIONS)
        kind, detail = "parsed", ""
    except TiaokuanError as e:
        kind, detail = "refused", str(e)
    except _Timeout:
        kind, detail = "timeout", f"still running after {limit:.0f} s"
    except Exception as e:  # noqa: BLE001 - the point of fuzzing: any other exception is a finding
        kind, detail = "crash", "".join(traceback.format_exception_only(type(e), e)).strip() + "\n" + traceback.format_exc(limit=-4)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return Outcome(case, time.perf_counter() - start, kind, detail)


def save(case: Case, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.name
    path.write_bytes(case.data)
    return path
