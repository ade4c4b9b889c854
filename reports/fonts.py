"""The embedded TrueType font of every Tepat document, and fast text measurement.

Liberation Sans (SIL Open Font License, bundled under resources/fonts/) is metric-compatible
with Arial, the typeface Indonesian tata naskah dinas prescribes. reportlab embeds only the
glyphs a document uses.
"""

from __future__ import annotations

import functools
import weakref
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "TepatSans"
BOLD = "TepatSans-Bold"
ITALIC = "TepatSans-Italic"
BOLD_ITALIC = "TepatSans-BoldItalic"

_FILES = {
    REGULAR: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    ITALIC: "LiberationSans-Italic.ttf",
    BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}


@functools.cache
def register() -> str:
    """Register the font family with reportlab (once per process); returns the regular name."""
    folder = resources.files("resources").joinpath("fonts")
    for name, filename in _FILES.items():
        with resources.as_file(folder.joinpath(filename)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> and <i> in Paragraph markup pick the right face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR


def font_path(name: str = REGULAR):  # type: ignore[no-untyped-def]
    """A context manager giving a real file path of one of the bundled faces."""
    return resources.as_file(resources.files("resources").joinpath("fonts", _FILES[name]))


class Measure:
    """Width of strings in one font and size, with per-character widths cached.

    reportlab's own ``stringWidth`` walks the font tables for every call; long attachment
    tables measure hundreds of thousands of strings, so widths are kept per character.
    """

    def __init__(self, font_name: str, size: float) -> None:
        register()
        self.font_name = font_name
        self.size = size
        self._font = pdfmetrics.getFont(font_name)
        self._widths: dict[str, float] = {}

    def char(self, ch: str) -> float:
        width = self._widths.get(ch)
        if width is None:
            width = self._font.stringWidth(ch, self.size)
            self._widths[ch] = width
        return width

    def width(self, text: str) -> float:
        try:
            return sum(map(self._widths.__getitem__, text))
        except KeyError:
            return sum(map(self.char, text))

    def fits(self, text: str, max_width: float) -> bool:
        """True when ``text`` fits on one line of ``max_width``."""
        return self.width(text) <= max_width

    def wrap(self, text: str, max_width: float, max_lines: int = 0) -> list[str]:
        """Break ``text`` into lines no wider than ``max_width`` at spaces.

        A word wider than the line is cut between characters. With ``max_lines``, the
        last kept line ends in an ellipsis when text had to be left out.
        """
        words = text.split()
        if not words:
            return [""]
        width = self.width
        space = self.char(" ")
        lines: list[str] = []
        current: list[str] = []
        current_width = 0.0
        for word in words:
            word_width = width(word)
            if current and current_width + space + word_width <= max_width:
                current.append(word)
                current_width += space + word_width
                continue
            if current:
                lines.append(" ".join(current))
            while word_width > max_width:
                cut = self._fit(word, max_width)
                lines.append(word[:cut])
                word = word[cut:]
                word_width = width(word)
            current, current_width = [word], word_width
        if current:
            lines.append(" ".join(current))
        if max_lines and len(lines) > max_lines:
            lines = lines[:max_lines]
            last = lines[-1]
            while last and width(last + "…") > max_width:
                last = last[:-1]
            lines[-1] = last.rstrip() + "…"
        return lines

    def _fit(self, word: str, max_width: float) -> int:
        total = 0.0
        for index, ch in enumerate(word):
            total += self.char(ch)
            if total > max_width:
                return max(index, 1)
        return len(word)


class TextBlock:
    """Text written as raw PDF operators: the fast path for pages with thousands of cells.

    reportlab's text objects measure and escape every string in Python. Here each
    character's subset and code are looked up once per document (through the font's
    documented ``splitString``/``getSubsetInternalName`` interface) and strings become hex
    strings, so a 10,000-row table costs a few C-level operations per cell.
    """

    def __init__(self, canvas) -> None:  # type: ignore[no-untyped-def]
        register()
        self._canvas = canvas
        self._doc = canvas._doc  # the document the font subsets belong to
        self._parts: list[str] = ["q 0 g BT"]
        self._font: _Coder | None = None
        self._size = 0.0
        self._current: tuple[str, float] | None = None

    def set_font(self, name: str, size: float) -> None:
        self._font = _coder(name, self._doc)
        self._size = size

    def show(self, x: float, y: float, text: str) -> None:
        """Write ``text`` with its baseline starting at (x, y)."""
        coder = self._font
        assert coder is not None, "set_font() first"
        position = f"1 0 0 1 {x:.2f} {y:.2f} Tm"
        for subset, hexed in coder.encode(text):
            key = (coder.subset_name(subset), self._size)
            if key != self._current:
                self._parts.append(f"{key[0]} {self._size:.2f} Tf")
                self._current = key
            # Only the first chunk is positioned: Tj advances past what it wrote, so a
            # string spanning two subsets continues where the previous chunk ended.
            self._parts.append(f"{position} <{hexed}> Tj")
            position = ""

    def flush(self) -> None:
        """Add everything written so far to the page."""
        self._parts.append("ET Q")
        self._canvas.addLiteral("\n".join(self._parts))
        self._parts = ["q 0 g BT"]
        self._current = None


class _Coder:
    """Per document and font: each character's subset and one-byte code."""

    def __init__(self, name: str, doc) -> None:  # type: ignore[no-untyped-def]
        self.font = pdfmetrics.getFont(name)
        self.doc = doc
        self._subset: dict[str, int] = {}
        self._byte: dict[str, int] = {}
        self._names: dict[int, str] = {}
        self._one_subset = True

    def _learn(self, text: str) -> None:
        for ch in set(text):
            if ch not in self._byte:
                ((subset, chunk),) = self.font.splitString(ch, self.doc)
                self._subset[ch] = subset
                self._byte[ch] = chunk[0]
                if subset:
                    self._one_subset = False

    def encode(self, text: str) -> list[tuple[int, str]]:
        """``text`` as (subset, hex codes) chunks; one chunk unless subsets change."""
        if self._one_subset:
            # Fewer than 256 distinct characters so far: everything is in subset 0.
            try:
                return [(0, bytes(map(self._byte.__getitem__, text)).hex())]
            except KeyError:
                self._learn(text)
                if self._one_subset:
                    return [(0, bytes(map(self._byte.__getitem__, text)).hex())]
        else:
            self._learn(text)
        chunks: list[tuple[int, str]] = []
        run: list[int] = []
        current = self._subset[text[0]] if text else 0
        for ch in text:
            subset = self._subset[ch]
            if subset != current:
                chunks.append((current, bytes(run).hex()))
                run, current = [], subset
            run.append(self._byte[ch])
        chunks.append((current, bytes(run).hex()))
        return chunks

    def subset_name(self, subset: int) -> str:
        name = self._names.get(subset)
        if name is None:
            name = self._names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return name


# Per document: the fonts' subsets belong to one document, and a finished document's
# coders go with it.
_CODERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _coder(name: str, doc) -> _Coder:  # type: ignore[no-untyped-def]
    per_doc = _CODERS.get(doc)
    if per_doc is None:
        per_doc = _CODERS[doc] = {}
    coder = per_doc.get(name)
    if coder is None:
        coder = per_doc[name] = _Coder(name, doc)
    return coder
