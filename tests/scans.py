"""Scanned copies of text PDFs, and how close OCR gets to the text layer.

`scan_pdf` rasterises every page of a text PDF (PDFium) at a given resolution,
turns it by a slight skew, adds sensor noise and stores the pages as JPEG images
in a new PDF with no text layer — what a photocopier-scanner hands a law firm.
`clause_text` and `structure` are what the tests and `bench/bench_ocr.py`
compare between the parse of the original and the parse of its scan.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image
from rapidfuzz.distance import Levenshtein

from tiaokuan.model import ParseResult


@dataclass(frozen=True, slots=True)
class ScanStyle:
    """How rough the scan is: resolution, skew (degrees, alternating sign by page),
    noise (standard deviation in grey levels) and JPEG quality."""

    dpi: int = 300
    skew: float = 0.6
    noise: float = 10.0
    quality: int = 80
    seed: int = 20261121


@lru_cache(maxsize=64)
def scan_pdf(pdf: bytes, style: ScanStyle = ScanStyle()) -> bytes:
    """An image-only PDF of `pdf`'s pages as a scanner would make it. Made once per
    test run for each file and style (the noise is seeded, so every scan of them
    is the same bytes anyway)."""
    rng = np.random.default_rng(style.seed)
    document = pypdfium2.PdfDocument(pdf)
    images: list[Image.Image] = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=style.dpi / 72.0, grayscale=True)
            gray = bitmap.to_numpy()
            page.close()
            if gray.ndim == 3:
                gray = gray[..., 0]
            angle = style.skew if index % 2 == 0 else -style.skew * 0.7
            image = Image.fromarray(np.ascontiguousarray(gray)).rotate(angle, resample=Image.BILINEAR, fillcolor=255)
            noisy = np.asarray(image, dtype=np.float32) + rng.normal(0.0, style.noise, (image.height, image.width))
            images.append(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)))
    finally:
        document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=float(style.dpi), quality=style.quality)
    return out.getvalue()


_SPACE = re.compile(r"\s+")


def clause_text(result: ParseResult) -> str:
    """Every clause character the parse kept, in reading order, whitespace removed:
    titles, headings, article labels and texts, definitions."""
    parts: list[str] = []
    for doc in result.documents:
        parts += [doc.title or ""]
        for section in doc.sections:
            parts.append(section.heading or "")
            for article in section.articles:
                parts += [article.label or "", article.text]
    return _SPACE.sub("", "".join(parts))


def structure(result: ParseResult) -> list[tuple]:
    """The article structure: per document its sections' types, and per section
    its articles' labels and item counts."""
    return [
        [(s.type.value, [(a.label, len(a.items)) for a in s.articles]) for s in doc.sections] for doc in result.documents
    ]


def cer(reference: str, got: str) -> tuple[int, int]:
    """Edits and reference length: character error rate = edits / length."""
    return Levenshtein.distance(reference, got), len(reference)


# -- real clauses as text PDFs ------------------------------------------------------

REAL_WORD_FILES = ("PC22D_TPKJ_诉讼财产保全责任保险.doc", "PC33D_TPKJ_航空机票取消保险.doc")
REAL_TEXT_FILES = ("SN01_SNCX_专利无效费用损失保险条款.md",)


def real_clause_pdfs(corpus: Path, work: Path) -> list[tuple[str, bytes]]:
    """Text PDFs of real clauses from the shared corpus, made with LibreOffice:
    the insurers' own Word files converted as they are, and the 申能 clause
    (a transcription) typeset through tiaokuan's generator. Needs `soffice`."""
    import shutil
    import subprocess

    from tiaokuan.generate import WordingSpec, build
    from tiaokuan.generate.render import to_pdf
    from tiaokuan.parse import parse_file

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to make text PDFs of the real clauses")
    work.mkdir(parents=True, exist_ok=True)
    out: list[tuple[str, bytes]] = []
    for name in REAL_TEXT_FILES:
        path = corpus / "text" / name
        base = parse_file(path).documents[0]
        target = work / (Path(name).stem + ".pdf")
        to_pdf(build(WordingSpec(base=str(path)), base, str(path)), target)
        out.append((target.name, target.read_bytes()))
    words = [corpus / "doc" / name for name in REAL_WORD_FILES]
    profile = (work / "lo-profile").resolve().as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(work), *map(str, words)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    for word in words:
        target = work / (word.stem + ".pdf")
        out.append((target.name, target.read_bytes()))
    return out
