"""Optional raster basemaps, offline first: an MBTiles file or an XYZ tile folder.

An office with internet may also name an online XYZ URL; its tiles are kept in a disk
cache, so what was seen once stays available offline. The basemap is off by default and
never required: a missing, corrupt or unreachable basemap leaves a notice and the map
keeps working with boundaries and households alone.

Tile addresses follow the XYZ ("Google") scheme; MBTiles stores rows in the TMS scheme
(counted from the south) and is flipped on read.
"""

from __future__ import annotations

import collections
import concurrent.futures
import math
import re
import sqlite3
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Signal
from PySide6.QtGui import QImage, QPainter

from widgets.map.layers import Cancelled, LegendItem, MapLayer, Renderer, blank_image
from widgets.map.transform import HALF_WORLD, WORLD_WIDTH, MapTransform

TILE_SIZE = 256
_DECODED_TILES = 512  # decoded tiles kept in memory (~128 MB at most, usually far less)
_ONLINE_TIMEOUT_S = 6
_ONLINE_FAILURES_BEFORE_OFFLINE = 3



class BasemapError(Exception):
    """A basemap cannot be used; ``str()`` is a translated sentence for the operator."""


class TileSource:
    """Where tiles come from. ``tile`` returns encoded image bytes, or None when absent."""

    name = ""
    min_zoom = 0
    max_zoom = 19
    attribution = ""

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError

    def problem(self) -> str | None:
        """A notice about the source's state (e.g. offline), or None."""
        return None

    def close(self) -> None:
        """Release files and threads."""


class MBTilesSource(TileSource):
    """Tiles from an MBTiles (SQLite) file, opened read-only."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        if not self.path.is_file():
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "The basemap file {name} does not exist.").format(
                name=self.path))
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                   check_same_thread=False)
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            if "tiles" not in tables:
                conn.close()
                raise BasemapError(QCoreApplication.translate(
                    "Basemap", "{name} is not an MBTiles file: it has no tiles table.")
                                   .format(name=self.name))
            metadata = {}
            if "metadata" in tables:
                metadata = {str(k): str(v) for k, v in
                            conn.execute("SELECT name, value FROM metadata")}
            zooms = conn.execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "The basemap file {name} is damaged or not an MBTiles "
                                   "file ({reason}).").format(name=self.name, reason=exc)
                               ) from exc
        if zooms[0] is None:
            conn.close()
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "The basemap file {name} holds no tiles.")
                               .format(name=self.name))
        fmt = metadata.get("format", "png").lower()
        if fmt in ("pbf", "mvt"):
            conn.close()
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "{name} holds vector tiles; only raster (PNG/JPEG) "
                                   "basemaps can be shown.").format(name=self.name))
        self._conn = conn
        self._lock = threading.Lock()
        self.min_zoom, self.max_zoom = int(zooms[0]), int(zooms[1])
        self.name = metadata.get("name") or self.name
        self.attribution = metadata.get("attribution", "")

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        row = (1 << z) - 1 - y
        with self._lock:
            try:
                found = self._conn.execute(
                    "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                    "AND tile_row = ?", (z, x, row),
                ).fetchone()
            except sqlite3.DatabaseError:
                return None
        return bytes(found[0]) if found and found[0] is not None else None

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class TileFolderSource(TileSource):
    """Tiles from a folder laid out ``{z}/{x}/{y}.png`` (or .jpg/.jpeg/.webp)."""

    EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp")

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.name = self.folder.name
        if not self.folder.is_dir():
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "The tile folder {name} does not exist.").format(
                name=self.folder))
        zooms = sorted(int(p.name) for p in self.folder.iterdir()
                       if p.is_dir() and p.name.isdigit())
        if not zooms:
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "{name} is not a tile folder: it has no zoom level "
                                   "folders (0, 1, 2...).").format(name=self.folder))
        self.min_zoom, self.max_zoom = zooms[0], zooms[-1]
        self._extension = self._find_extension(zooms)

    def _find_extension(self, zooms: list[int]) -> str:
        for z in zooms:
            for column in (self.folder / str(z)).iterdir():
                for item in column.iterdir() if column.is_dir() else ():
                    if item.suffix.lower() in self.EXTENSIONS:
                        return item.suffix
        raise BasemapError(QCoreApplication.translate(
            "Basemap", "The tile folder {name} holds no PNG or JPEG tiles.")
                           .format(name=self.folder))

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        path = self.folder / str(z) / str(x) / f"{y}{self._extension}"
        try:
            return path.read_bytes()
        except OSError:
            return None


class OnlineTileSource(TileSource):
    """Tiles from an XYZ URL (``https://…/{z}/{x}/{y}.png``), kept in a disk cache.

    A missing tile is fetched in the background and ``arrived`` is called when it is
    on disk; after a few failed fetches the source counts as offline and serves only
    the cache, saying so in :meth:`problem`.
    """

    _PLACEHOLDERS = re.compile(r"\{(z|x|y|s)\}")

    def __init__(self, url: str, cache_dir: str | Path, *,
                 arrived: Callable[[], None] | None = None, max_zoom: int = 19) -> None:
        if not all(f"{{{k}}}" in url for k in "zxy"):
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "The tile URL must contain {z}, {x} and {y}."))
        if not url.lower().startswith(("http://", "https://")):
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "The tile URL must start with http:// or https://."))
        self.url = url
        self.name = re.sub(r"^https?://", "", url).split("/", 1)[0]
        self.max_zoom = max_zoom
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.arrived = arrived
        self._pool = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="tepat-tiles")
        self._pending: set[tuple[int, int, int]] = set()
        self._lock = threading.Lock()
        self._failures = 0
        self._offline_reason: str | None = None

    def _cache_path(self, z: int, x: int, y: int) -> Path:
        return self.cache_dir / str(z) / str(x) / f"{y}.tile"

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        path = self._cache_path(z, x, y)
        try:
            return path.read_bytes()
        except OSError:
            pass
        with self._lock:
            if self._offline_reason is not None or (z, x, y) in self._pending:
                return None
            self._pending.add((z, x, y))
        self._pool.submit(self._fetch, z, x, y)
        return None

    def _fetch(self, z: int, x: int, y: int) -> None:
        url = self._PLACEHOLDERS.sub(
            lambda m: {"z": str(z), "x": str(x), "y": str(y), "s": "abc"[(x + y) % 3]}[m[1]],
            self.url,
        )
        request = urllib.request.Request(url, headers={"User-Agent": "Tepat/0.1 (offline-first)"})
        try:
            with urllib.request.urlopen(request, timeout=_ONLINE_TIMEOUT_S) as response:
                data = response.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            with self._lock:
                self._pending.discard((z, x, y))
                self._failures += 1
                if self._failures >= _ONLINE_FAILURES_BEFORE_OFFLINE:
                    self._offline_reason = str(getattr(exc, "reason", exc))
            self._announce()
            return
        path = self._cache_path(z, x, y)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(path)  # whole tiles only, even if the program stops mid-write
        with self._lock:
            self._pending.discard((z, x, y))
            self._failures = 0
        self._announce()

    def _announce(self) -> None:
        """Tell the layer a tile arrived (or failed), unless the source was closed: a
        fetch finishing after the map is gone must not call into it."""
        with self._lock:
            if self.arrived is not None:
                self.arrived()

    def problem(self) -> str | None:
        with self._lock:
            reason = self._offline_reason
        if reason is None:
            return None
        return QCoreApplication.translate(
            "Basemap", "The online basemap cannot be reached ({reason}); showing the tiles "
                   "saved earlier only.").format(reason=reason)

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block until no fetch is pending (tests and headless export)."""
        deadline = threading.Event()
        for _ in range(int(timeout * 20)):
            with self._lock:
                if not self._pending:
                    return
            deadline.wait(0.05)

    def close(self) -> None:
        with self._lock:
            self.arrived = None
        self._pool.shutdown(wait=False, cancel_futures=True)


def open_basemap(location: str, cache_dir: str | Path | None = None,
                 arrived: Callable[[], None] | None = None) -> TileSource:
    """A tile source for an MBTiles file, a tile folder or an http(s) XYZ URL."""
    text = location.strip()
    if text.lower().startswith(("http://", "https://")):
        if cache_dir is None:
            raise BasemapError(QCoreApplication.translate(
                "Basemap", "An online basemap needs a cache folder."))
        return OnlineTileSource(text, cache_dir, arrived=arrived)
    path = Path(text).expanduser()
    if path.is_dir():
        return TileFolderSource(path)
    return MBTilesSource(path)


class _TileCache:
    """Decoded tiles shared by successive renders (render threads and the GUI thread)."""

    def __init__(self, size: int = _DECODED_TILES) -> None:
        self._size = size
        self._images: collections.OrderedDict[tuple[int, int, int], QImage | None] = (
            collections.OrderedDict())
        self._lock = threading.Lock()
        self.bad_tiles = 0

    def get(self, source: TileSource, key: tuple[int, int, int]) -> QImage | None:
        with self._lock:
            if key in self._images:
                self._images.move_to_end(key)
                return self._images[key]
        data = source.tile(*key)
        if data is None:
            return None  # not cached: it may arrive later (online) or never exist
        image = QImage.fromData(data)
        if image.isNull():
            image = None
            with self._lock:
                self.bad_tiles += 1
        with self._lock:
            self._images[key] = image
            while len(self._images) > self._size:
                self._images.popitem(last=False)
        return image

    def clear(self) -> None:
        with self._lock:
            self._images.clear()
            self.bad_tiles = 0


class BasemapLayer(MapLayer):
    """A raster basemap below everything else; hidden until the office switches it on."""

    _tileArrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("basemap", parent)
        self._visible = False
        self._source: TileSource | None = None
        self._error: str | None = None
        self._cache = _TileCache()
        self._tileArrived.connect(self._content_changed)

    def title(self) -> str:
        return QCoreApplication.translate("Basemap", "Basemap")

    def source(self) -> TileSource | None:
        return self._source

    def set_location(self, location: str | None, cache_dir: str | Path | None = None) -> bool:
        """Use the basemap at ``location`` (file, folder or URL); None switches it off.

        Returns False, and keeps a notice, when it cannot be opened; the map goes on
        without a basemap.
        """
        if self._source is not None:
            self._source.close()
        self._source = None
        self._error = None
        self._cache.clear()
        if location:
            try:
                self._source = open_basemap(location, cache_dir, arrived=self._tileArrived.emit)
            except BasemapError as exc:
                self._error = str(exc)
        self._content_changed()
        return self._error is None

    def notice(self) -> str | None:
        if self._error:
            return QCoreApplication.translate(
                "Basemap", "Basemap not shown: {reason} The map works without it.").format(
                reason=self._error)
        if not self.is_visible():
            return None
        if self._source is not None:
            problem = self._source.problem()
            if problem:
                return problem
            if self._cache.bad_tiles:
                return QCoreApplication.translate(
                    "Basemap", "{n} basemap tiles are damaged and are left out.").format(
                    n=self._cache.bad_tiles)
        return None

    def legend(self, transform: MapTransform | None = None) -> list[LegendItem]:
        if self._source is None:
            text = (QCoreApplication.translate("Basemap", "Not available") if self._error
                    else QCoreApplication.translate("Basemap", "None chosen"))
            return [LegendItem(text, None, None, "text")]
        text = self._source.name
        if self._source.attribution:
            text += f" ({self._source.attribution})"
        return [LegendItem(text, None, None, "text")]

    def renderer(self, transform: MapTransform, dpr: float) -> Renderer | None:
        if self._source is None:
            return None
        return _TileRenderer(self._source, self._cache, transform, dpr)


class _TileRenderer:
    def __init__(self, source: TileSource, cache: _TileCache, transform: MapTransform,
                 dpr: float) -> None:
        self.source, self.cache, self.transform, self.dpr = source, cache, transform, dpr

    def __call__(self, cancelled: Cancelled) -> QImage | None:
        t = self.transform
        z = min(max(t.tile_zoom(), self.source.min_zoom), self.source.max_zoom)
        n = 1 << z
        span = WORLD_WIDTH / n
        min_x, min_y, max_x, max_y = t.extent()
        first_x = max(math.floor((min_x + HALF_WORLD) / span), 0)
        last_x = min(math.floor((max_x + HALF_WORLD) / span), n - 1)
        first_y = max(math.floor((HALF_WORLD - max_y) / span), 0)
        last_y = min(math.floor((HALF_WORLD - min_y) / span), n - 1)
        if (last_x - first_x + 1) * (last_y - first_y + 1) > 400:
            return None  # zoomed far beyond the tiles the source has: not worth thousands
        image = blank_image(t, self.dpr)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        try:
            for ty in range(first_y, last_y + 1):
                for tx in range(first_x, last_x + 1):
                    if cancelled():
                        return None
                    tile = self.cache.get(self.source, (z, tx, ty))
                    if tile is None:
                        continue
                    left = -HALF_WORLD + tx * span
                    top = HALF_WORLD - ty * span
                    sx, sy = t.to_screen(left, top)
                    size = span / t.resolution * self.dpr
                    painter.drawImage(QRectF(float(sx) * self.dpr, float(sy) * self.dpr,
                                             size, size), tile)
        finally:
            painter.end()
        return image
