"""Drawing many points fast: numpy does the per-point work, Qt gets one image.

Styled markers through QPainter cost a pen stroke per point (200,000 round 5-pixel
markers take a third of a second); here every point costs one array write. Points
become *codes* (2 + the category's draw priority) in a byte buffer, the buffer is grown
into round markers by separable max filters (so where markers overlap, the category
drawn on top wins whatever the order of the data), a one-pixel outline is added, and the
bytes become an 8-bit indexed QImage whose colour table holds the category colours.
Converting that to ARGB is a single C++ call, so a whole layer is one image and one
``drawImage``, whatever the number of points.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
from PySide6.QtGui import QImage

EMPTY_INDEX = 0
OUTLINE_INDEX = 1  # byte value of the marker outline; categories start at 2
FIRST_CATEGORY_INDEX = 2
MAX_CATEGORIES = 250

Segment = tuple[int, int, int]  # (code, start, stop) over points sorted by code


def _dilate_rows(a: np.ndarray, radius: int) -> np.ndarray:
    out = a.copy()
    for d in range(1, radius + 1):
        np.maximum(out[:, d:], a[:, :-d], out=out[:, d:])
        np.maximum(out[:, :-d], a[:, d:], out=out[:, :-d])
    return out


def _dilate_cols(a: np.ndarray, radius: int) -> np.ndarray:
    out = a.copy()
    for d in range(1, radius + 1):
        np.maximum(out[d:], a[:-d], out=out[d:])
        np.maximum(out[:-d], a[d:], out=out[:-d])
    return out


def dilate_disk(a: np.ndarray, radius: int) -> np.ndarray:
    """Grey dilation by a disk-like shape: the union of a (2r+1)×(2r-1) and a
    (2r-1)×(2r+1) rectangle, each done as two 1-D passes (the classic radius-2 disk)."""
    if radius <= 0:
        return a.copy()
    wide = _dilate_rows(a, radius)
    narrow = _dilate_rows(a, radius - 1) if radius > 1 else a
    return np.maximum(_dilate_cols(wide, radius - 1), _dilate_cols(narrow, radius))


def segments_of(codes_sorted: np.ndarray) -> list[Segment]:
    """Runs of equal codes in an ascending code array: (code, start, stop)."""
    if codes_sorted.size == 0:
        return []
    starts = np.flatnonzero(np.r_[True, codes_sorted[1:] != codes_sorted[:-1]])
    stops = np.r_[starts[1:], codes_sorted.size]
    return [(int(codes_sorted[a]), int(a), int(b)) for a, b in zip(starts, stops)]


def marker_codes(
    sx: np.ndarray, sy: np.ndarray, segments: Sequence[Segment],
    width: int, height: int, radius: int, *, outline: bool = True,
) -> np.ndarray:
    """A (height, width) byte image of round markers: 0 empty, 1 outline, ≥2 a category.

    ``sx``/``sy`` are pixel positions sorted by code and ``segments`` says which code each
    run has; higher codes are written later, so they cover lower ones where markers meet
    (each run writes one value, so repeated pixels within a run do not matter). Points up
    to ``radius`` pixels outside the image still draw their visible part.
    """
    pad = radius + 2
    full_w, full_h = width + 2 * pad, height + 2 * pad
    ix = (sx + pad).astype(np.int64)  # truncation: positions are ≥ 0 where it matters
    iy = (sy + pad).astype(np.int64)
    ok = (sx > -pad) & (ix < full_w) & (sy > -pad) & (iy < full_h)
    result = np.zeros((height, width), dtype=np.uint8)
    if not ok.any():
        return result
    # Work only on the box the points occupy (plus the marker's reach): at the full
    # extent of a city that is often half the screen.
    reach = radius + 1
    x0 = max(int(ix[ok].min()) - reach, 0)
    x1 = min(int(ix[ok].max()) + reach + 1, full_w)
    y0 = max(int(iy[ok].min()) - reach, 0)
    y1 = min(int(iy[ok].max()) + reach + 1, full_h)
    box_w = x1 - x0
    lin = (iy - y0) * box_w + (ix - x0)
    centres = np.zeros((y1 - y0) * box_w, dtype=np.uint8)
    for code, start, stop in segments:
        part = slice(start, stop)
        centres[lin[part][ok[part]]] = code
    grid = centres.reshape(y1 - y0, box_w)
    inner = dilate_disk(grid, radius)
    if outline:
        ring = dilate_disk(inner, 1)
        np.minimum(ring, OUTLINE_INDEX, out=ring)
        np.maximum(inner, ring, out=inner)
    # Paste the box back, dropping the padding around the image.
    dst_x0, dst_y0 = max(x0 - pad, 0), max(y0 - pad, 0)
    dst_x1, dst_y1 = min(x1 - pad, width), min(y1 - pad, height)
    if dst_x1 > dst_x0 and dst_y1 > dst_y0:
        result[dst_y0:dst_y1, dst_x0:dst_x1] = inner[
            dst_y0 + pad - y0:dst_y1 + pad - y0, dst_x0 + pad - x0:dst_x1 + pad - x0]
    return result


def density_cells(
    sx: np.ndarray, sy: np.ndarray, segments: Sequence[Segment], width: int, height: int,
    cell: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Bin points into ``cell``-pixel squares: (count per cell, highest code per cell).

    Points are sorted by code as for :func:`marker_codes`; both results are (rows, cols).
    """
    cols = -(-width // cell)
    rows = -(-height // cell)
    cx = (sx / cell).astype(np.int64)
    cy = (sy / cell).astype(np.int64)
    ok = (sx >= 0) & (cx < cols) & (sy >= 0) & (cy < rows)
    index = cy * cols + cx
    counts = np.bincount(index[ok], minlength=rows * cols)
    top = np.zeros(rows * cols, dtype=np.uint8)
    for code, start, stop in segments:
        part = slice(start, stop)
        top[index[part][ok[part]]] = code
    return counts.reshape(rows, cols), top.reshape(rows, cols)


def indexed_image(codes: np.ndarray, colour_table: Sequence[int]) -> QImage:
    """An ARGB32 premultiplied QImage from a byte image and its colour table (qRgba ints)."""
    codes = np.ascontiguousarray(codes, dtype=np.uint8)
    height, width = codes.shape
    image = QImage(codes.data, width, height, width, QImage.Format.Format_Indexed8)
    image.setColorTable(list(colour_table))
    # The conversion copies, so the numpy buffer may go away afterwards.
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


class ImagePool:
    """Recycled ARGB images, one free list per size.

    A fresh 1600×1000 image is 6 MB of new memory, and the first write to each page
    costs a page fault: on a busy office PC that alone was a quarter of a redraw. Layer
    images replaced in the canvas's cache come back here and are drawn into again.
    """

    def __init__(self, keep: int = 8) -> None:
        self._keep = keep
        self._free: dict[tuple[int, int], list[QImage]] = {}
        self._lock = threading.Lock()

    def take(self, width: int, height: int, *, clear: bool = True) -> QImage:
        """A transparent premultiplied-ARGB image (recycled when one is free); with
        ``clear=False`` its pixels are left as they were, for a caller that writes all."""
        with self._lock:
            free = self._free.get((width, height))
            image = free.pop() if free else None
        if image is None:
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        if clear:
            image.fill(0)
        return image

    def give(self, image: QImage | None) -> None:
        """Return an image nobody draws or shows any more."""
        if image is None or image.format() != QImage.Format.Format_ARGB32_Premultiplied:
            return
        with self._lock:
            free = self._free.setdefault((image.width(), image.height()), [])
            if len(free) < self._keep:
                free.append(image)


POOL = ImagePool()


def pixels_of(image: QImage) -> np.ndarray:
    """The image's pixels as a writable (rows, cols) uint32 array over its own memory."""
    return np.frombuffer(image.bits(), dtype=np.uint32).reshape(
        image.height(), image.bytesPerLine() // 4)[:, : image.width()]


def cells_image(cells: np.ndarray, cell: int, width: int, height: int) -> QImage:
    """An image of ``cell``-pixel squares from a (rows, cols) uint32 ARGB array."""
    # Every pixel is written below (whole cells, then the partial edge): no clearing.
    image = POOL.take(width, height, clear=False)
    target = pixels_of(image)
    rows, cols = height // cell, width // cell
    # Whole cells in one broadcast write straight into the image's memory.
    whole = target[: rows * cell, : cols * cell].reshape(rows, cell, cols, cell)
    whole[...] = cells[:rows, None, :cols, None]
    if rows * cell < height or cols * cell < width:
        grown = np.repeat(np.repeat(cells, cell, axis=0), cell, axis=1)[:height, :width]
        target[rows * cell:, :] = grown[rows * cell:, :]
        target[:, cols * cell:] = grown[:, cols * cell:]
    return image
