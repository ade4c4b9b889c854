"""Long attachment tables: one fixed-height table per page, header on every page.

reportlab's ``Table`` measures every cell and, when split across pages with
``repeatRows``, re-measures what is left on each page, which makes a 10,000-row table take
many seconds. Here every row's lines and height are computed once (with cached character
widths), a page's share is found by bisecting a running sum of heights, and each page
draws its rows straight onto the canvas: one text object and one grid path per page.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from reports import fonts

PAD_X = 2.0
PAD_Y = 2.0
LINE_WIDTH = 0.45
HEADER_GREY = 0.86


@dataclass(frozen=True)
class Column:
    """One column: its title, its width, alignment, and how far its text may wrap.

    A column with a ``sample`` (e.g. sixteen digits for a NIK) is exactly as wide as the
    sample needs; the others share what is left by ``weight``.
    """

    title: str
    weight: float = 1.0
    align: str = "left"  # left, center, right
    max_lines: int = 0  # 0: as many lines as the text needs
    sample: str | None = None


@dataclass(frozen=True)
class TableSpec:
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[str]]
    font_size: float = 7.5
    bold_last_row: bool = False  # a totals row


class _Prepared:
    """Every row's wrapped lines and height for one table width (computed once)."""

    def __init__(self, spec: TableSpec, width: float) -> None:
        self.spec = spec
        self.width = width
        size = spec.font_size
        self.size = size
        self.leading = size * 1.22
        regular = fonts.Measure(fonts.REGULAR, size)
        bold = fonts.Measure(fonts.BOLD, size)
        self.measure = regular
        self.bold_measure = bold
        self.widths = _widths(spec.columns, width, regular, bold)
        self.edges = [0.0, *itertools.accumulate(self.widths)]
        inner = [w - 2 * PAD_X for w in self.widths]
        self.header = [bold.wrap(c.title, inner[i], 3) for i, c in enumerate(spec.columns)]
        self.header_height = max(len(lines) for lines in self.header) * self.leading + 2 * PAD_Y
        self.lines: list[list[list[str]]] = []
        heights: list[float] = []
        last = len(spec.rows) - 1
        limits = [c.max_lines for c in spec.columns]
        one_line, leading = self.leading + 2 * PAD_Y, self.leading
        append_lines, append_height = self.lines.append, heights.append
        for index, row in enumerate(spec.rows):
            measure = bold if spec.bold_last_row and index == last else regular
            fits = measure.fits
            cells = []
            tallest = 1
            for col, text in enumerate(row):
                if fits(text, inner[col]):
                    cells.append([text])
                else:
                    wrapped = measure.wrap(text, inner[col], limits[col])
                    cells.append(wrapped)
                    tallest = max(tallest, len(wrapped))
            append_lines(cells)
            append_height(one_line if tallest == 1 else tallest * leading + 2 * PAD_Y)
        self.prefix = [0.0, *itertools.accumulate(heights)]

    def rows_fitting(self, start: int, end: int, height: float) -> int:
        """How many rows from ``start`` fit under the header in ``height`` points."""
        room = height - self.header_height
        if room <= 0:
            return 0
        stop = bisect.bisect_right(self.prefix, self.prefix[start] + room + 1e-6) - 1
        return max(0, min(stop, end) - start)


def _widths(columns: Sequence[Column], width: float, regular: fonts.Measure,
            bold: fonts.Measure) -> list[float]:
    """Column widths in points: samples first, the rest by weight, none narrower than
    the longest word of its title."""
    least = [max(bold.width(word) for word in c.title.split()) + 2 * PAD_X for c in columns]
    widths = [max(regular.width(c.sample) + 2 * PAD_X + 0.5, least[i]) if c.sample else 0.0
              for i, c in enumerate(columns)]
    flexible = [i for i, c in enumerate(columns) if not c.sample]
    room = width - sum(widths)
    total = sum(columns[i].weight for i in flexible) or 1.0
    for i in flexible:
        widths[i] = max(room * columns[i].weight / total, least[i])
    # Minimums may have pushed the sum over: take the excess from the widest column.
    excess = sum(widths) - width
    if excess > 0.01 and flexible:
        widest = max(flexible, key=widths.__getitem__)
        widths[widest] -= excess
    return widths


class AttachmentTable(Flowable):
    """Rows ``start:end`` of a table; splits into page-sized pieces of itself.

    ``tail`` flowables (a closing note, the signature block) are drawn right under the
    last row, and the last page keeps at least ``keep_rows`` rows with them, so a
    signature never stands alone on a page. ``on_rows_drawn(count)`` is called after each
    piece is drawn (progress, cancel).
    """

    def __init__(self, spec: TableSpec, *, on_rows_drawn: Callable[[int], None] | None = None,
                 tail: Sequence[Flowable] = (), keep_rows: int = 3,
                 _prepared: _Prepared | None = None, _start: int = 0,
                 _end: int | None = None) -> None:
        super().__init__()
        self.spec = spec
        self.on_rows_drawn = on_rows_drawn
        self.tail = tuple(tail)
        self.keep_rows = keep_rows
        self._prepared = _prepared
        self.start = _start
        self.end = len(spec.rows) if _end is None else _end
        self._tail_sizes: list[tuple[float, float]] = []

    @property
    def last(self) -> bool:
        return self.end == len(self.spec.rows)

    def _prepare(self, width: float) -> _Prepared:
        if self._prepared is None or abs(self._prepared.width - width) > 0.01:
            self._prepared = _Prepared(self.spec, width)
        return self._prepared

    def _tail_height(self, width: float, height: float) -> float:
        if not self.last:
            return 0.0
        self._tail_sizes = [f.wrap(width, height) for f in self.tail]
        return sum(h for _, h in self._tail_sizes)

    def _rows_height(self) -> float:
        p = self._prepared
        assert p is not None
        return p.header_height + p.prefix[self.end] - p.prefix[self.start]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._prepare(avail_width)
        self.width = avail_width
        self.height = self._rows_height() + self._tail_height(avail_width, avail_height)
        return self.width, self.height

    def _piece(self, start: int, end: int) -> AttachmentTable:
        return AttachmentTable(self.spec, on_rows_drawn=self.on_rows_drawn, tail=self.tail,
                               keep_rows=self.keep_rows, _prepared=self._prepared,
                               _start=start, _end=end)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        p = self._prepare(avail_width)
        count = p.rows_fitting(self.start, self.end, avail_height)
        remaining = self.end - self.start
        # All rows may fit but not what must follow them: leave some rows to go with it
        # onto the next page.
        if self.last and self.tail and (count >= remaining or remaining - count < self.keep_rows):
            count = min(count, remaining - min(self.keep_rows, remaining))
        if count <= 0:
            return []
        if count >= remaining:
            return [self]
        middle = self.start + count
        return [self._piece(self.start, middle), self._piece(middle, self.end)]

    def draw(self) -> None:
        p = self._prepared
        assert p is not None  # wrap() ran first
        canvas: Canvas = self.canv
        top = self.height
        width = p.edges[-1]
        size, leading = p.size, p.leading
        first_baseline = PAD_Y + size * 0.93
        header_bottom = top - p.header_height

        canvas.saveState()
        canvas.setFillGray(HEADER_GREY)
        canvas.rect(0, header_bottom, width, p.header_height, stroke=0, fill=1)
        canvas.restoreState()

        text = fonts.TextBlock(canvas)
        text.set_font(fonts.BOLD, size)
        for col, lines in enumerate(p.header):
            # Header titles are centred both ways in the header band.
            spare = p.header_height - 2 * PAD_Y - len(lines) * leading
            y = top - PAD_Y - spare / 2 - first_baseline + PAD_Y
            for line in lines:
                text.show(p.edges[col] + (p.widths[col] - p.bold_measure.width(line)) / 2, y, line)
                y -= leading

        grid = [f"{LINE_WIDTH:.2f} w", f"0 {top:.2f} m {width:.2f} {top:.2f} l",
                f"0 {header_bottom:.2f} m {width:.2f} {header_bottom:.2f} l"]
        aligns = [c.align for c in self.spec.columns]
        bold_row = len(self.spec.rows) - 1 if self.spec.bold_last_row else -1
        text.set_font(fonts.REGULAR, size)
        measure = p.measure
        y_top = header_bottom
        for index in range(self.start, self.end):
            if index == bold_row:  # only ever the last row, so no switching back
                text.set_font(fonts.BOLD, size)
                measure = p.bold_measure
            for col, lines in enumerate(p.lines[index]):
                y = y_top - first_baseline
                left = p.edges[col]
                align = aligns[col]
                for line in lines:
                    if line:
                        if align == "left":
                            x = left + PAD_X
                        elif align == "right":
                            x = left + p.widths[col] - PAD_X - measure.width(line)
                        else:
                            x = left + (p.widths[col] - measure.width(line)) / 2
                        text.show(x, y, line)
                    y -= leading
            y_top -= p.prefix[index + 1] - p.prefix[index]
            grid.append(f"0 {y_top:.2f} m {width:.2f} {y_top:.2f} l")
        for x in p.edges:
            grid.append(f"{x:.2f} {top:.2f} m {x:.2f} {y_top:.2f} l")
        text.flush()
        canvas.addLiteral("q 0 G " + " ".join(grid) + " S Q")
        if self.last:
            y = y_top
            for flowable, (_, height) in zip(self.tail, self._tail_sizes):
                y -= height
                flowable.drawOn(canvas, 0, y)
        if self.on_rows_drawn is not None:
            self.on_rows_drawn(self.end - self.start)
