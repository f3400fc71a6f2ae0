"""Scanned pages: render, recognise, and hand back characters with geometry.

Pages without a usable text layer are rendered with PDFium and read with
RapidOCR (the PP-OCR Chinese detection and recognition models shipped in the
`rapidocr-onnxruntime` wheel; install with ``pip install "tiaokuan[ocr]"``).
What comes out is the same character mapping `read_pdf.chars_to_lines` reads from
a text layer — text, x0, x1, top, bottom, size in PDF points — plus the
recogniser's confidence, so scanned pages go through the same layout clean-up
and structure parsing as text pages.

This module runs the models and reads the page images (`recognise`, ruled
tables, the page pool); the pure stages after it are in `parse.ocr_text`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from multiprocessing import get_context
from statistics import median
from typing import Any

from tiaokuan.errors import OcrUnavailableError
from tiaokuan.i18n import _

from .ocr_text import FULL_WIDTH, HALF_WIDTH, MAX_SKEW, Grid, OcrBox, PageScan, deskew_angle, settle_punctuation, turn

OCR_EXTRA = 'pip install "tiaokuan[ocr]"'
DEFAULT_DPI = 300
# Detection finds line boxes on a reduced page (about 100 dpi): text lines are
# still 15+ pixels tall there, and the detector's cost grows with the area.
# Recognition reads each line from the full-resolution render.
DETECT_DPI = 100
# The recogniser is trained at 48 pixels; 32 reads full lines of these clauses
# as well (bench/bench_ocr.py measures both) in about half the time, because
# its cost grows with the width of each line image.
RECOGNISE_HEIGHT = 32
SHORT_LINE = 8  # line images narrower than this many heights are read at 48 px


def available() -> bool:
    """Whether the OCR extra is installed."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=4)
def _engine(threads: int) -> Any:
    """One RapidOCR engine per process and thread count (loading the models costs ~0.3 s)."""
    from rapidocr_onnxruntime import RapidOCR  # ocr_pages checked that the extra is there

    # One line image at a time: batches are padded to their widest line.
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, rec_batch_num=1, use_cls=False)


def _read_crops(engine: Any, crops: list[Any]) -> list[tuple[str, float, Any]]:
    """The recogniser's reading of each line image: (text, confidence, columns).

    Long lines are read at `RECOGNISE_HEIGHT`; short ones (a table cell, a
    heading) at the model's own 48 pixels, where they come out better, and
    which costs little because the time grows with the width."""
    read: list[Any] = [None] * len(crops)
    short = [k for k, c in enumerate(crops) if c.shape[1] < SHORT_LINE * c.shape[0]]
    long = [k for k, c in enumerate(crops) if c.shape[1] >= SHORT_LINE * c.shape[0]]
    for height, group in ((48, short), (RECOGNISE_HEIGHT, long)):
        if group:
            engine.text_rec.rec_image_shape = [3, height, 320]
            results, _ = engine.text_rec([crops[k] for k in group], return_word_box=True)
            for k, result in zip(group, results):
                read[k] = result
    return read


def recognise(gray: Any, dpi: int, threads: int = 0) -> list[OcrBox]:
    """Text lines on one rendered page (a 2-D uint8 array at `dpi`), in page points."""
    import cv2
    import numpy as np
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    engine = _engine(threads or os.cpu_count() or 1)
    image = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    scale = min(1.0, DETECT_DPI / dpi)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    side = max(32, max(small.shape[:2]) // 32 * 32)
    detector = engine.text_det
    detector.get_preprocess = lambda _max_side: DetPreProcess(side, "max", detector.mean, detector.std)
    found, _ = detector(small)
    if found is None or len(found) == 0:
        return []
    quads = [np.asarray(q, dtype=np.float32) / scale for q in found]
    crops = engine.get_crop_img_list(image, quads)
    read = _read_crops(engine, crops)
    to_points = 72.0 / dpi
    boxes = []
    for quad, crop, (text, confidence, words) in zip(quads, crops, read):
        if not text.strip():
            continue
        columns = [c for word in words[2] for c in word]
        unsettled: tuple[int, ...] = tuple(k for k, ch in enumerate(text) if ch in FULL_WIDTH or ch in HALF_WIDTH)
        if len(columns) == len(text) and words[0]:
            centres = [(c + 0.5) / words[0] * crop.shape[1] for c in columns]
            text, unsettled = settle_punctuation(text, centres, _blank_columns(crop))
        points = tuple((float(x) * to_points, float(y) * to_points) for x, y in quad)
        boxes.append(OcrBox(points, text, float(confidence), unsettled))
    return boxes


_RULE_DPI = 150  # ruling lines are looked for at this resolution
_INK = 170  # grey level below which a pixel is ink


def _rules(profile: Any, share: float) -> list[float]:
    """Centres of the runs of a projection profile above `share` of its maximum
    possible value (a rule across the region)."""
    found: list[float] = []
    start = None
    for k, on in enumerate(list(profile >= share) + [False]):
        if on and start is None:
            start = k
        elif not on and start is not None:
            found.append((start + k - 1) / 2)
            start = None
    return found


def _rule_masks(image: Any) -> tuple[Any, Any]:
    """Long horizontal and vertical ink runs of a grey page image."""
    import cv2
    import numpy as np

    h, w = image.shape
    ink = np.where(image < _INK, 255, 0).astype(np.uint8)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, w // 25), 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8, h // 60))))
    return horizontal, vertical


def _rule_angle(horizontal: Any) -> float | None:
    """The skew of a page's long horizontal rules (radians), None without any."""
    import cv2
    import numpy as np

    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal)
    slopes = []
    for k in range(1, count):
        if stats[k][2] >= horizontal.shape[1] // 5:
            ys, xs = np.nonzero(labels == k)
            slopes.append(math.atan(np.polyfit(xs, ys, 1)[0]))
    return median(slopes) if slopes else None


def _straighten(image: Any, angle: float) -> Any:
    """A page image turned by `angle` radians about its centre (white where it
    uncovers paper), the frame `scan_to_chars` puts characters in; unchanged at 0."""
    if not angle:
        return image
    import cv2

    h, w = image.shape
    rotation = cv2.getRotationMatrix2D((w / 2, h / 2), math.degrees(angle), 1.0)
    return cv2.warpAffine(image, rotation, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def find_grids(gray: Any, dpi: int, angle: float) -> tuple[list[Grid], float]:
    """Ruled tables on a rendered page, and the skew the page is read at.

    Long horizontal and vertical ink runs (morphological opening) are grouped
    into regions and read as a grid of rules. Rules are the surest measure of
    skew, so when there are any their slope replaces `angle` (taken from the
    text lines), and the page is turned by it before the grid is read: the
    grid is in the frame `scan_to_chars` puts the characters in."""
    import cv2
    import numpy as np

    scale = min(1.0, _RULE_DPI / dpi)
    image = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    h, w = image.shape
    horizontal, vertical = _rule_masks(image)
    if not horizontal.any() or not vertical.any():
        return [], angle
    measured = _rule_angle(horizontal)
    if measured is not None and abs(measured) <= MAX_SKEW:
        angle = measured
    if angle:
        horizontal, vertical = _rule_masks(_straighten(image, angle))
    joined = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(joined)
    to_points = 72.0 / (dpi * scale)
    grids = []
    for k in range(1, count):
        x, y, bw, bh = (int(v) for v in stats[k][:4])
        if bw < w // 5 or bh < h // 80:
            continue
        rows = _rules((horizontal[y : y + bh, x : x + bw] > 0).sum(axis=1) / bw, 0.6)
        cols = _rules((vertical[y : y + bh, x : x + bw] > 0).sum(axis=0) / bh, 0.6)
        if len(rows) >= 2 and len(cols) >= 2:
            grids.append(Grid(tuple((y + r) * to_points for r in rows), tuple((x + c) * to_points for c in cols)))
    return grids, angle


def _blank_columns(crop: Any) -> Any:
    """For each pixel column of a line image, whether it holds no ink (Otsu threshold)."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    rows = ink.shape[0]
    middle = ink[rows // 10 : rows - rows // 10]
    return np.asarray(middle.sum(axis=0) < 2)


def read_empty_cells(gray: Any, dpi: int, grids: Sequence[Grid], angle: float, boxes: Sequence[OcrBox], threads: int) -> list[OcrBox]:
    """Text in table cells the detector found nothing in: a lone digit or a
    short word in a wide cell is easy to miss on the reduced page. Each such
    cell with ink in it is read whole by the recogniser."""
    if not grids:
        return []
    import cv2
    import numpy as np

    h, w = gray.shape
    to_pixels = dpi / 72.0
    cx, cy = w / to_pixels / 2, h / to_pixels / 2
    straight = _straighten(gray, angle)
    centres = []
    for b in boxes:
        mx = sum(p[0] for p in b.points) / 4
        my = sum(p[1] for p in b.points) / 4
        centres.append(turn(mx, my, -angle, cx, cy))
    crops, corners = [], []
    margin = 3.0  # points kept clear of the rules
    for left, top, right, bottom in (cell for grid in grids for row in grid.cells for cell in row):
        if any(left < x < right and top < y < bottom for x, y in centres):
            continue
        x0, y0, x1, y1 = (int(v * to_pixels) for v in (left + margin, top + margin, right - margin, bottom - margin))
        cell = straight[max(0, y0) : y1, max(0, x0) : x1]
        if cell.size == 0 or int((cell < _INK).sum()) < 20:
            continue
        crops.append(cv2.cvtColor(np.ascontiguousarray(cell), cv2.COLOR_GRAY2BGR))
        corners.append(((left, top), (right, top), (right, bottom), (left, bottom)))
    if not crops:
        return []
    read = _read_crops(_engine(threads or os.cpu_count() or 1), crops)
    found = []
    for quad, (text, confidence, _columns) in zip(corners, read):
        if text.strip():
            points = tuple(turn(x, y, angle, cx, cy) for x, y in quad)
            found.append(OcrBox(points, text.strip(), float(confidence)))
    return found


# -- rendering and the page pool ---------------------------------------------

_worker_pdf: Any = None
_worker_threads = 1


def _render(pdf: Any, index: int, dpi: int) -> tuple[Any, float, float]:
    page = pdf[index]
    try:
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        gray = bitmap.to_numpy()
        if gray.ndim == 3:
            gray = gray[..., 0]
        return gray.copy(), width, height
    finally:
        page.close()


class PageFailed(Exception):
    """A page could not be rendered or read: args are (1-based page, reason)."""


def _failures() -> tuple[type[BaseException], ...]:
    """What rendering and the model raise on a page they cannot handle."""
    import cv2
    from onnxruntime.capi.onnxruntime_pybind11_state import Fail

    return (RuntimeError, ValueError, OSError, MemoryError, cv2.error, Fail)  # PdfiumError is a RuntimeError


def _read_page(pdf: Any, index: int, dpi: int, threads: int) -> PageScan:
    import time

    start = time.perf_counter()
    try:
        gray, width, height = _render(pdf, index, dpi)
        boxes = recognise(gray, dpi, threads)
        grids, angle = find_grids(gray, dpi, deskew_angle(boxes)) if boxes else ([], 0.0)
        boxes += read_empty_cells(gray, dpi, grids, angle, boxes, threads)
    except _failures() as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:80]
        raise PageFailed(index + 1, reason) from None
    return PageScan(index + 1, width, height, tuple(boxes), tuple(grids), angle, time.perf_counter() - start)


def _init_worker(data: bytes, threads: int) -> None:
    import pypdfium2

    global _worker_pdf, _worker_threads
    _worker_pdf = pypdfium2.PdfDocument(data)
    _worker_threads = threads


def _worker_page(index: int, dpi: int) -> PageScan:
    return _read_page(_worker_pdf, index, dpi, _worker_threads)


def ocr_pages(
    data: bytes,
    pages: Sequence[int],
    dpi: int = DEFAULT_DPI,
    jobs: int = 1,
    on_page: Callable[[int, int], None] | None = None,
) -> list[PageScan]:
    """OCR the given 1-based pages of a PDF, in page order.

    `jobs` > 1 reads pages in that many worker processes, each with its share
    of the cores; `on_page(done, total)` is called after each page. A page that
    cannot be rendered or read raises `PageFailed(page, reason)`."""
    if not available():
        raise OcrUnavailableError(None, _("OCR 需要安装可选组件：{extra}").format(extra=OCR_EXTRA))
    import pypdfium2

    total = len(pages)
    cores = os.cpu_count() or 1
    jobs = max(1, min(jobs, total))
    scans: list[PageScan] = []
    if jobs == 1:
        pdf = pypdfium2.PdfDocument(data)
        try:
            for done, page in enumerate(pages, start=1):
                scans.append(_read_page(pdf, page - 1, dpi, cores))
                if on_page is not None:
                    on_page(done, total)
        finally:
            pdf.close()
        return scans
    # spawn, not fork: a forked child inherits onnxruntime's thread pools half-built.
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("spawn"), initializer=_init_worker, initargs=(data, max(1, cores // jobs))
    ) as pool:
        futures = [pool.submit(_worker_page, page - 1, dpi) for page in pages]
        for done, future in enumerate(futures, start=1):
            try:
                scans.append(future.result())
            except BrokenProcessPool:
                raise PageFailed(pages[done - 1], "an OCR worker process died (out of memory?); try fewer --jobs") from None
            if on_page is not None:
                on_page(done, total)
    return scans
