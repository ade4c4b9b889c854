"""Households in space: points for the map, kelurahan assignment and spatial checks.

Coordinates are stored as WGS84 longitude/latitude. The map draws in Web Mercator
(EPSG:3857); distances are measured in metres in the UTM zone the data lies in, picked
from the data with pyproj (Kota Serang lands in EPSG:32748), never hard-coded.

Everything here works on whole numpy arrays: the households come back from one query,
are projected once, and are matched to kelurahan polygons with a shapely STRtree, so a
city of 200,000 households is checked in about a second. No Qt.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pyproj
import shapely
from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info
from shapely.geometry.base import BaseGeometry
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db import permissions
from db.actor import Actor
from db.engine import IN_LIST_MAX
from db.errors import NotFound
from db.models import Finding, Household, Member, Program, Proposal, Region
from db.nik import mask
from db.programs import SEVERITIES
from db.programs import STATES as PROPOSAL_STATES
from db.regions import parent_of

# Indonesia from Sabang to Merauke and Miangas to Rote, with a margin.
INDONESIA_LON = (94.0, 142.0)
INDONESIA_LAT = (-11.0, 7.0)

# A point this close to its declared kelurahan still counts as inside: the shared boundary
# files are simplified, so neighbouring kelurahan leave gaps (in Kota Serang's file the
# widest is 11 m across).
DEFAULT_TOLERANCE_M = 12.0
# Two households of different KK closer than this, with similar head names, are reported.
DEFAULT_DUPLICATE_DISTANCE_M = 25.0
DEFAULT_NAME_SIMILARITY = 0.85

# The attributes the map can style households by, and the column holding the kelurahan.
ATTRIBUTES = ("status", "program", "desil", "flag")

# Finding kinds of the spatial check, most serious first; a household gets at most one
# location finding (the first that applies), plus any near-duplicate pairs.
SWAPPED = "swapped_lon_lat"
OUTSIDE_INDONESIA = "outside_indonesia"
OUTSIDE_REGION = "outside_region"
WRONG_KELURAHAN = "wrong_kelurahan"
NEAR_DUPLICATE = "near_duplicate"
KINDS = (SWAPPED, OUTSIDE_INDONESIA, OUTSIDE_REGION, WRONG_KELURAHAN, NEAR_DUPLICATE)
KIND_LABELS = {
    SWAPPED: "Bujur/lintang tertukar",
    OUTSIDE_INDONESIA: "Di luar Indonesia",
    OUTSIDE_REGION: "Di luar wilayah kantor",
    WRONG_KELURAHAN: "Di luar kelurahan yang tercatat",
    NEAR_DUPLICATE: "Kemungkinan keluarga ganda",
}


# ------------------------------------------------------------------ projections


@functools.lru_cache(maxsize=8)
def _transformer(source: str, target: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def to_web_mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Longitude/latitude arrays (degrees) to Web Mercator x/y arrays (metres)."""
    x, y = _transformer("EPSG:4326", "EPSG:3857").transform(
        np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    )
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def from_web_mercator(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator x/y (metres) back to longitude/latitude (degrees)."""
    lon, lat = _transformer("EPSG:3857", "EPSG:4326").transform(
        np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    )
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def utm_crs_for(lon: Sequence[float] | np.ndarray, lat: Sequence[float] | np.ndarray) -> str:
    """The ``EPSG:xxxxx`` UTM zone (WGS84) where the middle of the data lies.

    The median point decides, so a few stray coordinates cannot move the zone. Raises
    ValueError when no finite coordinate is given.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    ok = np.isfinite(lon) & np.isfinite(lat)
    if not ok.any():
        raise ValueError("no coordinates to choose a UTM zone from")
    mid_lon = float(np.median(lon[ok]))
    mid_lat = float(np.median(lat[ok]))
    return _utm_for_point(round(mid_lon, 3), round(mid_lat, 3))


@functools.lru_cache(maxsize=32)
def _utm_for_point(lon: float, lat: float) -> str:
    infos = query_utm_crs_info(
        datum_name="WGS 84", area_of_interest=AreaOfInterest(lon, lat, lon, lat)
    )
    # On the equator both hemispheres' zones match; prefer the one the point is inside of.
    south = lat < 0
    for info in infos:
        if info.name.endswith("S") == south:
            return f"{info.auth_name}:{info.code}"
    if infos:
        return f"{infos[0].auth_name}:{infos[0].code}"
    zone = int((lon + 180) // 6) % 60 + 1  # outside pyproj's areas of use: the textbook rule
    return f"EPSG:{(32700 if south else 32600) + zone}"


def to_utm(
    lon: np.ndarray, lat: np.ndarray, crs: str
) -> tuple[np.ndarray, np.ndarray]:
    """Longitude/latitude to metres in ``crs`` (from :func:`utm_crs_for`)."""
    x, y = _transformer("EPSG:4326", crs).transform(
        np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    )
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def geometry_to_utm(geom: BaseGeometry, crs: str) -> BaseGeometry:
    transformer = _transformer("EPSG:4326", crs)

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, project)


def geometry_to_web_mercator(geom: BaseGeometry) -> BaseGeometry:
    """A lon/lat geometry in Web Mercator metres, for drawing."""
    return geometry_to_utm(geom, "EPSG:3857")


_GEOD = pyproj.Geod(ellps="WGS84")


def line_length_m(lon: Sequence[float], lat: Sequence[float]) -> float:
    """Length in metres of the line through the given points, on the WGS84 ellipsoid."""
    if len(lon) < 2:
        return 0.0
    return float(_GEOD.line_length(list(lon), list(lat)))


def coordinate_problem(lon: float | None, lat: float | None) -> str | None:
    """Why a longitude/latitude pair cannot be a house in Indonesia, or None if it can.

    Catches the two usual mistakes: latitude and longitude swapped, and a point outside
    Indonesia (often a projected or mistyped coordinate).
    """
    if lon is None or lat is None:
        return None
    if not (np.isfinite(lon) and np.isfinite(lat)):
        return "Koordinat bukan angka yang sah."
    kind = _classify(np.array([lon]), np.array([lat]))[0]
    if kind == 1:
        return (
            f"Koordinat ({lon:.5f}, {lat:.5f}) tampaknya tertukar: angka bujur berada di "
            f"kisaran lintang dan sebaliknya. Isi bujur {lat:.5f} dan lintang {lon:.5f}."
        )
    if kind == 2:
        return (
            f"Koordinat bujur {lon:.5f}, lintang {lat:.5f} berada di luar Indonesia "
            f"(bujur {INDONESIA_LON[0]:.0f}–{INDONESIA_LON[1]:.0f}, lintang "
            f"{INDONESIA_LAT[0]:.0f}–{INDONESIA_LAT[1]:.0f}). Periksa angka dan urutannya."
        )
    return None


def _classify(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """0 = inside Indonesia, 1 = swapped lon/lat (the swap is inside), 2 = outside."""
    inside = (
        (lon >= INDONESIA_LON[0]) & (lon <= INDONESIA_LON[1])
        & (lat >= INDONESIA_LAT[0]) & (lat <= INDONESIA_LAT[1])
    )
    swapped = (
        (lat >= INDONESIA_LON[0]) & (lat <= INDONESIA_LON[1])
        & (lon >= INDONESIA_LAT[0]) & (lon <= INDONESIA_LAT[1])
    )
    return np.where(inside, 0, np.where(swapped, 1, 2)).astype(np.int8)


# ------------------------------------------------------------------ household points


@dataclass(frozen=True)
class Categorical:
    """A coded column as numpy: ``values[i]`` indexes ``codes``; -1 means none/unknown."""

    codes: tuple[str, ...]
    values: np.ndarray  # int16

    def code_at(self, position: int) -> str | None:
        value = int(self.values[position])
        return None if value < 0 else self.codes[value]

    def counts(self) -> dict[str | None, int]:
        """How many rows hold each code (None: no value)."""
        counts = np.bincount(self.values + 1, minlength=len(self.codes) + 1)
        result: dict[str | None, int] = {None: int(counts[0])}
        result.update({code: int(n) for code, n in zip(self.codes, counts[1:])})
        return result

    def take(self, positions: np.ndarray) -> Categorical:
        return Categorical(self.codes, self.values[positions])

    @classmethod
    def from_objects(cls, items: Sequence[object], order: Sequence[str] = ()) -> Categorical:
        """Codes from Python values (None = no value), known ``order`` first, then sorted."""
        # A dict finds the few distinct values in one pass; sorting 200,000 Python
        # strings (np.unique) would take ten times as long.
        seen = {value: k for k, value in enumerate(dict.fromkeys(items))}
        raw = np.fromiter(map(seen.__getitem__, items), dtype=np.int32, count=len(items))
        present = {str(v) for v in seen if v is not None}
        codes = [c for c in order if c in present] + sorted(present.difference(order))
        position = {code: k for k, code in enumerate(codes)}
        lookup = np.array([-1 if v is None else position[str(v)] for v in seen] or [-1],
                          dtype=np.int16)
        return cls(tuple(codes), lookup[raw] if raw.size else np.zeros(0, dtype=np.int16))


@dataclass(frozen=True)
class HouseholdPoints:
    """The households of the register that have a location, as parallel numpy arrays.

    Sorted by household id. ``x``/``y`` are Web Mercator metres for drawing;
    ``attributes`` holds the columns the map styles by (:data:`ATTRIBUTES`):
    the state and program of the household's latest proposal, its desil and the worst
    open finding ("flag").
    """

    ids: np.ndarray  # int64
    lon: np.ndarray
    lat: np.ndarray
    x: np.ndarray
    y: np.ndarray
    kelurahan: Categorical
    attributes: dict[str, Categorical]
    without_location: int = 0

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    def positions_of(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """Array positions of the given household ids; ids without a point are left out."""
        wanted = np.asarray(ids, dtype=np.int64)
        if len(self) == 0 or wanted.size == 0:
            return np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self.ids, wanted)
        pos = np.clip(pos, 0, len(self) - 1)
        return np.unique(pos[self.ids[pos] == wanted])

    def extent(self) -> tuple[float, float, float, float] | None:
        """(min_x, min_y, max_x, max_y) in Web Mercator, or None when empty."""
        if len(self) == 0:
            return None
        return (float(self.x.min()), float(self.y.min()), float(self.x.max()), float(self.y.max()))

    @classmethod
    def build(
        cls,
        ids: Sequence[int],
        lon: Sequence[float],
        lat: Sequence[float],
        kelurahan: Sequence[str],
        attributes: Mapping[str, Sequence[object]] | None = None,
        *,
        without_location: int = 0,
    ) -> HouseholdPoints:
        """Points from plain sequences (rows with a missing coordinate are dropped)."""
        ids_a = np.asarray(ids, dtype=np.int64)
        lon_a = np.asarray(lon, dtype=float)
        lat_a = np.asarray(lat, dtype=float)
        keep = np.isfinite(lon_a) & np.isfinite(lat_a)
        order = np.argsort(ids_a[keep], kind="stable")
        sel = np.flatnonzero(keep)[order]
        x, y = to_web_mercator(lon_a[sel], lat_a[sel])
        attrs = {}
        for name in ATTRIBUTES:
            given = (attributes or {}).get(name)
            values = (np.asarray(given, dtype=object)[sel] if given is not None
                      else np.full(sel.size, None, dtype=object))
            attrs[name] = Categorical.from_objects(values.tolist(), _ORDERS.get(name, ()))
        kel = np.asarray(kelurahan, dtype=object)[sel] if sel.size else np.zeros(0, object)
        return cls(
            ids_a[sel], lon_a[sel], lat_a[sel], x, y,
            Categorical.from_objects(kel.tolist()), attrs,
            without_location + int((~keep).sum()),
        )


# Known codes in a sensible legend order; codes the register has that are not listed
# here still get their own legend entry, after these.
_ORDERS: dict[str, tuple[str, ...]] = {
    "desil": tuple(str(d) for d in range(1, 11)),
    "flag": SEVERITIES,
    "status": PROPOSAL_STATES,
}


def household_points(
    session: Session, actor: Actor, *, kelurahan: str | None = None
) -> HouseholdPoints:
    """The households the actor may see, as numpy arrays for the map, in one query.

    ``kelurahan`` limits the result to one kelurahan (or, with a kecamatan code, to one
    kecamatan). Households without coordinates are counted in ``without_location``.
    """
    permissions.require(actor, "register.view")
    latest = (
        select(Proposal.household_id.label("household_id"), func.max(Proposal.id).label("pid"))
        .group_by(Proposal.household_id)
        .subquery()
    )
    rank = case(
        *((Finding.severity == sev, i) for i, sev in enumerate(SEVERITIES)), else_=len(SEVERITIES)
    )
    flags = (
        select(Finding.household_id.label("household_id"), func.min(rank).label("rank"))
        .where(Finding.overridden_at.is_(None))
        .group_by(Finding.household_id)
        .subquery()
    )
    query = (
        select(
            Household.id, Household.longitude, Household.latitude, Household.kelurahan_code,
            Household.desil, Proposal.state, Program.code, flags.c.rank,
        )
        .outerjoin(latest, latest.c.household_id == Household.id)
        .outerjoin(Proposal, Proposal.id == latest.c.pid)
        .outerjoin(Program, Program.id == Proposal.program_id)
        .outerjoin(flags, flags.c.household_id == Household.id)
        .where(permissions.household_condition(actor))
        .order_by(Household.id)
    )
    if kelurahan:
        query = query.where(
            (Household.kelurahan_code == kelurahan)
            | Household.kelurahan_code.like(kelurahan + ".%")
        )
    # Core rows, not ORM entities: the ORM's per-row bookkeeping would double the time.
    rows = session.connection().execute(query).all()
    if not rows:
        return HouseholdPoints.build([], [], [], [])
    ids, lon, lat, kel, desil, state, program, flag = zip(*rows)
    severity = [SEVERITIES[r] if r is not None and r < len(SEVERITIES) else None for r in flag]
    return HouseholdPoints.build(
        ids, [np.nan if v is None else v for v in lon], [np.nan if v is None else v for v in lat],
        kel,
        {"status": state, "program": program, "desil": desil, "flag": severity},
    )


# ------------------------------------------------------------------ hit tests


class PointIndex:
    """A shapely STRtree over projected points for hit tests (identify, box, lasso).

    Coordinates are whatever the caller gives (the map uses Web Mercator metres);
    results are array positions into those coordinates.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        self.x = np.asarray(x, dtype=float)
        self.y = np.asarray(y, dtype=float)
        self._tree = shapely.STRtree(shapely.points(self.x, self.y))

    def __len__(self) -> int:
        return int(self.x.shape[0])

    def nearest(self, x: float, y: float, max_distance: float) -> int | None:
        """The position of the point nearest (x, y) within ``max_distance``, or None."""
        if len(self) == 0:
            return None
        found = self._tree.query_nearest(
            shapely.Point(x, y), max_distance=max_distance, all_matches=False
        )
        return int(found[0]) if len(found) else None

    def in_box(self, min_x: float, min_y: float, max_x: float, max_y: float) -> np.ndarray:
        """Positions of the points inside the rectangle, sorted."""
        if len(self) == 0:
            return np.zeros(0, dtype=np.int64)
        return np.sort(self._tree.query(shapely.box(min_x, min_y, max_x, max_y)))

    def in_polygon(self, ring: np.ndarray) -> np.ndarray:
        """Positions of the points inside the polygon with exterior ``ring`` (n × 2), sorted."""
        if len(self) == 0 or len(ring) < 3:
            return np.zeros(0, dtype=np.int64)
        polygon = shapely.make_valid(shapely.Polygon(ring))
        candidates = self._tree.query(polygon)
        if candidates.size == 0:
            return np.zeros(0, dtype=np.int64)
        shapely.prepare(polygon)
        inside = shapely.intersects_xy(polygon, self.x[candidates], self.y[candidates])
        return np.sort(candidates[inside])


# ------------------------------------------------------------------ kelurahan assignment


@dataclass(frozen=True)
class Assignment:
    """Which kelurahan each point falls in.

    ``index[i]`` is a position in ``codes`` or -1 (in no polygon: outside, or in a gap
    between simplified neighbours). A point in the overlap of two polygons gets the first
    by code in ``index``; ``overlaps`` lists every code for those points.
    """

    codes: tuple[str, ...]
    index: np.ndarray  # int32
    overlaps: dict[int, tuple[str, ...]]

    def code_of(self, position: int) -> str | None:
        value = int(self.index[position])
        return None if value < 0 else self.codes[value]

    def contains(self, declared: Sequence[str]) -> np.ndarray:
        """For each point, whether it lies in the kelurahan given for it in ``declared``."""
        lookup = {code: k for k, code in enumerate(self.codes)}
        wanted = np.array([lookup.get(c, -2) for c in declared], dtype=np.int32)
        inside = self.index == wanted
        for position, codes in self.overlaps.items():
            inside[position] = inside[position] or declared[position] in codes
        return inside


def assign_kelurahan(
    lon: np.ndarray, lat: np.ndarray, polygons: Mapping[str, BaseGeometry]
) -> Assignment:
    """Match every point to the kelurahan polygon it falls in (vectorised, STRtree)."""
    codes = tuple(sorted(polygons))
    n = len(lon)
    index = np.full(n, -1, dtype=np.int32)
    if n == 0 or not codes:
        return Assignment(codes, index, {})
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    shapes = [polygons[c] for c in codes]
    tree = shapely.STRtree(shapes)
    # The tree gives candidate pairs by bounding box; the exact test then runs once per
    # polygon over all its candidates against the prepared polygon, which is several
    # times faster than a predicate evaluated pair by pair.
    points_i, polygon_i = tree.query(shapely.points(lon, lat))
    by_polygon = np.argsort(polygon_i, kind="stable")
    points_i, polygon_i = points_i[by_polygon], polygon_i[by_polygon]
    starts = np.flatnonzero(np.r_[True, polygon_i[1:] != polygon_i[:-1]])
    stops = np.r_[starts[1:], polygon_i.size]
    keep = np.zeros(points_i.size, dtype=bool)
    for start, stop in zip(starts.tolist(), stops.tolist()):
        polygon = shapes[int(polygon_i[start])]
        shapely.prepare(polygon)
        candidates = points_i[start:stop]
        keep[start:stop] = shapely.intersects_xy(polygon, lon[candidates], lat[candidates])
    points_i, polygon_i = points_i[keep], polygon_i[keep]
    # Sort by point, then polygon code, so "first" is deterministic in overlaps.
    order = np.lexsort((polygon_i, points_i))
    points_i, polygon_i = points_i[order], polygon_i[order]
    first = np.ones(points_i.shape[0], dtype=bool)
    first[1:] = points_i[1:] != points_i[:-1]
    index[points_i[first]] = polygon_i[first]
    overlaps: dict[int, tuple[str, ...]] = {}
    for p in np.unique(points_i[~first]).tolist():
        overlaps[p] = tuple(codes[k] for k in polygon_i[points_i == p])
    return Assignment(codes, index, overlaps)


# ------------------------------------------------------------------ spatial check


@dataclass(frozen=True)
class SpatialFinding:
    """One problem the spatial check found, in words an operator can act on."""

    kind: str  # one of KINDS
    household_id: int
    no_kk: str  # masked unless the actor may see it in full
    head_name: str
    kelurahan_code: str  # as recorded
    message: str
    longitude: float
    latitude: float
    found_kelurahan_code: str | None = None  # where the point lies, if in a kelurahan
    distance_m: float | None = None  # from the recorded kelurahan / to the other household
    other_household_id: int | None = None  # near duplicates


@dataclass(frozen=True)
class SpatialReport:
    """The spatial check's result."""

    crs: str  # the UTM zone distances were measured in
    checked: int  # households with a location
    without_location: int
    region_name: str  # what "the office's region" was taken to be
    boundaries: int  # kelurahan polygons available
    findings: list[SpatialFinding]
    tolerance_m: float
    duplicate_distance_m: float

    def counts(self) -> dict[str, int]:
        result = {kind: 0 for kind in KINDS}
        for finding in self.findings:
            result[finding.kind] += 1
        return result

    def as_dict(self) -> dict:
        return {
            "crs": self.crs, "checked": self.checked, "without_location": self.without_location,
            "region": self.region_name, "boundaries": self.boundaries,
            "tolerance_m": self.tolerance_m, "duplicate_distance_m": self.duplicate_distance_m,
            "counts": self.counts(), "findings": [asdict(f) for f in self.findings],
        }

    def lines(self) -> list[str]:
        lines = [
            f"Keluarga diperiksa : {self.checked} (tanpa koordinat: {self.without_location})",
            f"Wilayah kantor     : {self.region_name} ({self.boundaries} batas kelurahan)",
            f"Jarak diukur dalam : {self.crs}",
        ]
        for kind, count in self.counts().items():
            lines.append(f"{KIND_LABELS[kind]:<32}: {count}")
        for f in self.findings:
            lines.append(f"- [{KIND_LABELS[f.kind]}] KK {f.no_kk} {f.head_name}: {f.message}")
        return lines


Progress = Callable[[int, int], None]


class SpatialCheckCancelled(Exception):
    """The spatial check was asked to stop; nothing was written (it writes nothing)."""


def check_spatial(
    session: Session,
    actor: Actor,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    duplicate_distance_m: float = DEFAULT_DUPLICATE_DISTANCE_M,
    name_similarity: float = DEFAULT_NAME_SIMILARITY,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SpatialReport:
    """Check every located household the actor may see against the kelurahan boundaries.

    Reports, per household, the first of: latitude/longitude swapped; outside Indonesia;
    outside the office's region (the kecamatan the register's households are recorded in,
    as dissolved from the stored kelurahan boundaries); outside the recorded kelurahan by
    more than ``tolerance_m`` metres. Then pairs of households with different KK within
    ``duplicate_distance_m`` metres whose heads' names are at least ``name_similarity``
    alike. Distances are in metres in the data's UTM zone. Writes nothing.
    """
    permissions.require(actor, "register.view")

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise SpatialCheckCancelled("Pemeriksaan spasial dibatalkan.")
        if progress is not None:
            progress(done, 5)

    step(0)
    rows = session.connection().execute(
        select(Household.id, Household.no_kk, Household.kelurahan_code,
               Household.longitude, Household.latitude)
        .where(permissions.household_condition(actor))
        .order_by(Household.id)
    ).all()
    located = [r for r in rows if r.longitude is not None and r.latitude is not None]
    without = len(rows) - len(located)
    ids = np.array([r.id for r in located], dtype=np.int64)
    lon = np.array([r.longitude for r in located], dtype=float)
    lat = np.array([r.latitude for r in located], dtype=float)
    declared = [r.kelurahan_code for r in located]
    no_kk = {r.id: r.no_kk for r in located}
    heads = _head_names(session, ids)
    full_kk = permissions.allowed_unrestricted(actor, "nik.view_full")

    polygons = _kelurahan_polygons(session)
    region_codes = sorted({parent_of(c) or c for c in declared})
    region_name = _region_name(session, region_codes)
    classes = _classify(lon, lat) if len(lon) else np.zeros(0, dtype=np.int8)
    if (classes == 0).any():
        crs = utm_crs_for(lon[classes == 0], lat[classes == 0])
    elif polygons:
        crs = utm_crs_for(*_city_centre(polygons))
    else:
        crs = "-"  # nothing to measure
    step(1)

    findings: list[SpatialFinding] = []

    def add(kind: str, i: int, message: str, **extra) -> None:  # type: ignore[no-untyped-def]
        hid = int(ids[i])
        findings.append(SpatialFinding(
            kind, hid, no_kk[hid] if full_kk else mask(no_kk[hid]), heads.get(hid, ""),
            declared[i], message, float(lon[i]), float(lat[i]), **extra,
        ))

    for i in np.flatnonzero(classes == 1).tolist():
        add(SWAPPED, i, coordinate_problem(float(lon[i]), float(lat[i])) or "")
    for i in np.flatnonzero(classes == 2).tolist():
        add(OUTSIDE_INDONESIA, i, coordinate_problem(float(lon[i]), float(lat[i])) or "")

    inside_id = np.flatnonzero(classes == 0)
    if polygons and inside_id.size:
        assignment = assign_kelurahan(lon[inside_id], lat[inside_id], polygons)
        step(2)
        # Distances to polygons in metres: project the polygons once into the UTM zone.
        utm_polygons = {c: geometry_to_utm(g, crs) for c, g in polygons.items()}
        ux, uy = to_utm(lon[inside_id], lat[inside_id], crs)
        region_parts = [g for c, g in utm_polygons.items() if (parent_of(c) or c) in region_codes]
        region = shapely.union_all(region_parts) if region_parts else None
        if region is not None:
            shapely.prepare(region)
        names = _region_names(session)
        inside_declared = assignment.contains([declared[i] for i in inside_id.tolist()])
        for k in np.flatnonzero(~inside_declared).tolist():
            i = int(inside_id[k])
            code = declared[i]
            found = assignment.code_of(k)
            point = shapely.Point(ux[k], uy[k])
            if region is not None and not region.intersects(point):
                gap = float(region.distance(point))
                if gap > tolerance_m:
                    add(OUTSIDE_REGION, i,
                        f"Titik berada {_metres(gap)} di luar wilayah kantor ({region_name}).",
                        distance_m=round(gap, 1))
                    continue
            own = utm_polygons.get(code)
            if own is None:
                continue  # no boundary for the recorded kelurahan: nothing to compare with
            gap = float(own.distance(point))
            if gap <= tolerance_m:
                continue
            where = (f"di Kel. {names.get(found, found)} ({found})" if found
                     else "di luar semua batas kelurahan")
            add(WRONG_KELURAHAN, i,
                f"Tercatat di Kel. {names.get(code, code)} ({code}), tetapi titiknya {where}, "
                f"{_metres(gap)} dari batas kelurahan yang tercatat.",
                found_kelurahan_code=found, distance_m=round(gap, 1))
    step(3)

    if inside_id.size > 1:
        findings.extend(_near_duplicates(
            ids[inside_id], lon[inside_id], lat[inside_id],
            [declared[i] for i in inside_id.tolist()], crs, heads, no_kk, full_kk,
            duplicate_distance_m, name_similarity, cancelled,
        ))
    step(5)
    return SpatialReport(
        crs=crs, checked=len(located), without_location=without, region_name=region_name,
        boundaries=len(polygons), findings=findings, tolerance_m=tolerance_m,
        duplicate_distance_m=duplicate_distance_m,
    )


def _metres(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:.1f} km".replace(".", ",")
    return f"{value:.0f} m"


def _city_centre(polygons: Mapping[str, BaseGeometry]) -> tuple[list[float], list[float]]:
    min_x, min_y, max_x, max_y = shapely.total_bounds(list(polygons.values()))
    return [(min_x + max_x) / 2], [(min_y + max_y) / 2]


def _kelurahan_polygons(session: Session) -> dict[str, BaseGeometry]:
    from db.boundaries import KELURAHAN, region_polygons

    return region_polygons(session, KELURAHAN)


def _region_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Region.code, Region.name)).all())


def _region_name(session: Session, codes: Sequence[str]) -> str:
    if not codes:
        return "-"
    names = _region_names(session)
    return ", ".join(f"Kec. {names.get(c, c)}" for c in codes)


def _head_names(session: Session, ids: np.ndarray) -> dict[int, str]:
    """The name of each household's head (the first head listed, if the KK has two)."""
    if ids.size == 0:
        return {}
    rows = session.connection().execute(
        select(Member.household_id, Member.name)
        .where(Member.relationship_code == "head")
        .order_by(Member.household_id.desc(), Member.id.desc())
    )
    # Walking backwards, the first head of each KK is written last and so wins.
    return {household_id: name for household_id, name in rows}


_KEY_ALPHABET = np.full(256, -1, dtype=np.int16)
for _k, _ch in enumerate(b"abcdefghijklmnopqrstuvwxyz0123456789"):
    _KEY_ALPHABET[_ch] = _k


def _letter_counts(keys: Sequence[str]) -> np.ndarray:
    """How often each of a-z0-9 occurs in each name key: (len(keys), 36)."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    letters = _KEY_ALPHABET[np.frombuffer("".join(keys).encode("ascii", "ignore"), np.uint8)]
    rows = np.repeat(np.arange(len(keys)), lengths)[: letters.size]
    ok = letters >= 0
    flat = np.bincount(rows[ok] * 36 + letters[ok], minlength=len(keys) * 36)
    return flat.reshape(len(keys), 36)


def _near_duplicates(
    ids: np.ndarray, lon: np.ndarray, lat: np.ndarray, declared: list[str], crs: str,
    heads: Mapping[int, str], no_kk: Mapping[int, str], full_kk: bool,
    distance_m: float, similarity: float, cancelled: Callable[[], bool] | None,
) -> list[SpatialFinding]:
    from db.codes import name_key

    x, y = to_utm(lon, lat, crs)
    points = shapely.points(x, y)
    left, right = shapely.STRtree(points).query(points, predicate="dwithin",
                                                distance=distance_m)
    pairs = left < right
    left, right = left[pairs], right[pairs]
    if left.size == 0:
        return []
    involved = np.unique(np.r_[left, right])
    keys = [name_key(heads.get(int(h), "")) for h in ids[involved]]
    where = np.searchsorted(involved, left), np.searchsorted(involved, right)
    # difflib's quick_ratio (shared letters, ignoring order) bounds the real ratio from
    # above; computed for all pairs at once in numpy it leaves only the few pairs worth
    # a full comparison.
    counts = _letter_counts(keys)
    lengths = counts.sum(axis=1)
    shared = np.minimum(counts[where[0]], counts[where[1]]).sum(axis=1)
    total = lengths[where[0]] + lengths[where[1]]
    bound = np.divide(2.0 * shared, total, out=np.zeros(total.shape), where=total > 0)
    worth = np.flatnonzero(bound >= similarity)
    found: list[SpatialFinding] = []
    for n, pair in enumerate(worth.tolist()):
        if cancelled is not None and n % 2000 == 0 and cancelled():
            raise SpatialCheckCancelled("Pemeriksaan spasial dibatalkan.")
        a, b = int(left[pair]), int(right[pair])
        ha, hb = int(ids[a]), int(ids[b])
        if no_kk[ha] == no_kk[hb]:
            continue
        ka, kb = keys[int(where[0][pair])], keys[int(where[1][pair])]
        if difflib.SequenceMatcher(None, ka, kb, autojunk=False).ratio() < similarity:
            continue
        gap = float(np.hypot(x[a] - x[b], y[a] - y[b]))
        kk_b = no_kk[hb] if full_kk else mask(no_kk[hb])
        found.append(SpatialFinding(
            NEAR_DUPLICATE, ha, no_kk[ha] if full_kk else mask(no_kk[ha]), heads.get(ha, ""),
            declared[a],
            f"{_metres(gap)} dari KK {kk_b} ({heads.get(hb, '')}) dengan nama kepala keluarga "
            "yang mirip: mungkin keluarga yang sama terdaftar dua kali.",
            float(lon[a]), float(lat[a]), distance_m=round(gap, 1), other_household_id=hb,
        ))
    return found


# ------------------------------------------------------------------ the map's card


@dataclass(frozen=True)
class HouseholdCard:
    """What the map shows when an operator clicks a household."""

    household_id: int
    no_kk: str  # masked unless the actor may see it in full
    head_name: str
    address: str
    rt: str
    rw: str
    kelurahan_code: str
    kelurahan_name: str
    desil: int | None
    members: int
    longitude: float | None
    latitude: float | None
    proposals: list[tuple[str, str]]  # (program code, state), newest first


def household_card(session: Session, actor: Actor, household_id: int) -> HouseholdCard:
    """The identify card of one household the actor may see."""
    permissions.require(actor, "register.view")
    row = session.execute(
        select(Household, Region.name)
        .join(Region, Region.code == Household.kelurahan_code)
        .where(Household.id == household_id, permissions.household_condition(actor))
    ).first()
    if row is None:
        raise NotFound(f"Keluarga nomor {household_id} tidak ditemukan di wilayah kerja Anda.")
    household, kelurahan_name = row
    members = session.execute(
        select(Member.name, Member.relationship_code).where(Member.household_id == household_id)
        .order_by(Member.id)
    ).all()
    head = next((name for name, rel in members if rel == "head"), members[0][0] if members else "")
    proposals = session.execute(
        select(Program.code, Proposal.state).join(Program, Program.id == Proposal.program_id)
        .where(Proposal.household_id == household_id).order_by(Proposal.id.desc())
    ).all()
    full = permissions.allowed_unrestricted(actor, "nik.view_full")
    return HouseholdCard(
        household_id=household.id,
        no_kk=household.no_kk if full else mask(household.no_kk),
        head_name=head, address=household.address, rt=household.rt, rw=household.rw,
        kelurahan_code=household.kelurahan_code, kelurahan_name=kelurahan_name,
        desil=household.desil, members=len(members),
        longitude=household.longitude, latitude=household.latitude,
        proposals=[(p, s) for p, s in proposals],
    )


# ------------------------------------------------------------------ the selection's list

# Ids per IN (...) query: below SQLite's oldest limit of 999 bound variables per statement.
ROW_CHUNK = IN_LIST_MAX


@dataclass(frozen=True)
class HouseholdRow:
    """One household in the list of those selected on the map."""

    household_id: int
    no_kk: str  # masked unless the actor may see it in full
    head_name: str
    kelurahan_code: str
    kelurahan_name: str
    rt: str
    rw: str
    desil: int | None
    program: str | None  # program code of the latest proposal; None without one
    state: str | None  # state of the latest proposal


def household_rows(
    session: Session,
    actor: Actor,
    ids: Sequence[int],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[HouseholdRow]:
    """The list rows of some households, in the order of ``ids``.

    Households the actor may not see (or that no longer exist) are left out. Ids are read
    in chunks of :data:`ROW_CHUNK`, so a selection of the whole register works on every
    database. When ``cancelled()`` turns true the rows read so far are returned.
    """
    permissions.require(actor, "register.view")
    full = permissions.allowed_unrestricted(actor, "nik.view_full")
    wanted = list(dict.fromkeys(int(i) for i in ids))
    # Correlated subqueries, not IN lists: each statement binds only its chunk of ids.
    head_id = (
        select(func.min(Member.id))
        .where(Member.household_id == Household.id, Member.relationship_code == "head")
        .correlate(Household).scalar_subquery()
    )
    first_id = (
        select(func.min(Member.id)).where(Member.household_id == Household.id)
        .correlate(Household).scalar_subquery()
    )
    latest_id = (
        select(func.max(Proposal.id)).where(Proposal.household_id == Household.id)
        .correlate(Household).scalar_subquery()
    )
    query = (
        select(Household.id, Household.no_kk, Member.name, Household.kelurahan_code,
               Region.name, Household.rt, Household.rw, Household.desil, Program.code,
               Proposal.state)
        .outerjoin(Member, Member.id == func.coalesce(head_id, first_id))
        .outerjoin(Region, Region.code == Household.kelurahan_code)
        .outerjoin(Proposal, Proposal.id == latest_id)
        .outerjoin(Program, Program.id == Proposal.program_id)
        .where(permissions.household_condition(actor))
    )
    found: dict[int, HouseholdRow] = {}
    for start in range(0, len(wanted), ROW_CHUNK):
        if cancelled is not None and cancelled():
            break
        chunk = wanted[start:start + ROW_CHUNK]
        for hid, no_kk, head, kel, kel_name, rt, rw, desil, program, state in (
            session.connection().execute(query.where(Household.id.in_(chunk)))
        ):
            found[hid] = HouseholdRow(hid, no_kk if full else mask(no_kk), head or "", kel,
                                      kel_name or kel, rt, rw, desil, program, state)
        if progress is not None:
            progress(min(start + ROW_CHUNK, len(wanted)), len(wanted))
    return [found[i] for i in wanted if i in found]


# ------------------------------------------------------------------ boundaries for drawing


@dataclass(frozen=True)
class RegionShape:
    """A boundary for the map: Web Mercator geometry and where to put its label."""

    code: str
    name: str
    level: str
    geometry: BaseGeometry  # Web Mercator metres
    label_x: float
    label_y: float
    source: str


def boundary_shapes(session: Session) -> list[RegionShape]:
    """Every stored kelurahan and kecamatan boundary, projected for the map."""
    from db.boundaries import KECAMATAN, KELURAHAN

    rows = session.execute(
        select(Region.code, Region.name, Region.level, Region.boundary_geojson,
               Region.boundary_source)
        .where(Region.level.in_((KELURAHAN, KECAMATAN)), Region.boundary_geojson.is_not(None))
        .order_by(Region.code)
    ).all()
    if not rows:
        return []
    geoms = shapely.from_geojson([r.boundary_geojson for r in rows])
    projected = [geometry_to_web_mercator(g) for g in geoms]
    labels = shapely.point_on_surface(projected)
    return [
        RegionShape(r.code, r.name, r.level, g, float(p.x), float(p.y), r.boundary_source or "")
        for r, g, p in zip(rows, projected, labels)
    ]
