"""Field checklists: one page per household, for the officer at the door.

Each page: who and where (identity, address, the recorded point), a small map of the house
within its kelurahan, a QR code with the proposal ids, the checklist of DOMAIN.md with boxes
to tick and space for measurements (walked from :data:`db.field.CHECKLIST`, the same list the
field form on screen uses), the photos to take, the conclusion, and signature lines for the
officer, the lurah and the head of household.

A batch is one kelurahan in one PDF, sorted by RW and RT so an officer can walk it. What
every page shares (labels, boxes, lines) is drawn once as a PDF form, and each kelurahan's
map once as another; a page adds only its own words, point and QR code, so 500 pages take
seconds.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from db import boundaries, permissions, privacy, settings
from db.actor import Actor
from db.engine import in_chunks
from db.errors import LetterRefused, NotFound
from db.field import Item, sections_for
from db.models import Household, Member, Period, Program, Proposal, Region, User
from db.programs import STATE_LABELS
from reports import fonts, labels, minimap, qr
from reports.idtext import thousands
from reports.letter import PAPERS, BuildCancelled

# Proposals an officer visits: those sent to the field.
DEFAULT_STATES = ("in_field",)
PHOTO_WORDS = ("tampak depan", "tampak samping", "tampak belakang", "atap", "lantai",
               "sanitasi")
MARGIN = 12 * mm
FONT = 7.2
BOX = 2.5 * mm
_CHOICE_WORDS: dict[str, dict] = {
    "land_status": labels.LAND_STATUS, "land_document": labels.LAND_DOCUMENT,
    "roof_material": labels.ROOF_MATERIAL, "roof_condition": labels.ROOF_CONDITION,
    "wall_material": labels.WALL_MATERIAL, "wall_condition": labels.WALL_CONDITION,
    "floor_material": labels.FLOOR_MATERIAL, "floor_condition": labels.FLOOR_CONDITION,
    "toilet": labels.TOILET, "toilet_type": labels.TOILET_TYPE, "sewage": labels.SEWAGE,
    "water_source": labels.WATER_SOURCE, "electricity": labels.ELECTRICITY,
}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class ProposedPerson:
    proposal_id: int
    program: str  # program name
    unit: str  # "person" (PBI-JK) or "household" (RTLH)
    name: str  # the proposed person (PBI-JK) or the head (RTLH)
    nik: str  # as the printing user may see it


@dataclass(frozen=True)
class ChecklistHousehold:
    household_id: int
    no_kk: str
    head_name: str
    head_nik: str
    address: str
    rt: str
    rw: str
    longitude: float | None
    latitude: float | None
    members_recorded: int
    unit: str  # "household" when any proposal is per house (RTLH), else "person"
    periods: tuple[str, ...]
    officer: str
    proposals: tuple[ProposedPerson, ...]

    @property
    def proposal_ids(self) -> tuple[int, ...]:
        return tuple(p.proposal_id for p in self.proposals)


@dataclass(frozen=True)
class ChecklistBatch:
    government: str
    office: str
    kecamatan: str
    kelurahan_code: str
    kelurahan: str
    area: BaseGeometry | None  # the kelurahan's boundary, None when not imported
    neighbours: dict[str, BaseGeometry]
    households: tuple[ChecklistHousehold, ...]


def collect(session: Session, actor: Actor, kelurahan_code: str, *,
            period_id: int | None = None, states: Sequence[str] = DEFAULT_STATES,
            proposal_ids: Sequence[int] | None = None) -> ChecklistBatch:
    """The households to visit in one kelurahan, sorted by RW, RT and address.

    Run it in a write session: the printout of personal data is audited. Raises a clear
    error when the kelurahan is unknown or nothing is waiting for a visit.
    """
    permissions.require(actor, "proposal.print")
    region = session.get(Region, kelurahan_code)
    if region is None or region.level != "desa_kelurahan":
        raise NotFound(f"Kelurahan {kelurahan_code} tidak dikenal.",
                       hint="Kode kelurahan ditulis seperti 36.73.01.1001.")
    permissions.require_in_scope(actor, kelurahan_code, f"Kelurahan {region.name}")
    unknown = [s for s in states if s not in STATE_LABELS]
    if unknown:
        raise LetterRefused("Status usulan tidak dikenal: " + ", ".join(unknown) + ".",
                            hint="Status yang ada: " + ", ".join(STATE_LABELS) + ".")
    person = aliased(Member)
    query = (
        select(Proposal.id, Proposal.household_id, Program.name, Program.unit, Period.name,
               person.name, person.nik, User.full_name, User.username)
        .join(Household, Household.id == Proposal.household_id)
        .join(Program, Program.id == Proposal.program_id)
        .join(Period, Period.id == Proposal.period_id)
        .outerjoin(person, person.id == Proposal.member_id)
        .outerjoin(User, User.id == Proposal.assigned_to_id)
        .where(Household.kelurahan_code == kelurahan_code,
               permissions.proposal_condition(actor, "proposal.print"))
        .order_by(Proposal.id)
    )
    if proposal_ids is not None:
        query = query.where(Proposal.id.in_(list(proposal_ids)))
    else:
        query = query.where(Proposal.state.in_(list(states)))
    if period_id is not None:
        query = query.where(Proposal.period_id == period_id)
    by_house: dict[int, list[tuple]] = defaultdict(list)
    for row in session.execute(query):
        by_house[row[1]].append(tuple(row))
    if not by_house:
        wanted = ", ".join(STATE_LABELS[s] for s in states)
        raise LetterRefused(
            f"Tidak ada usulan berstatus '{wanted}' di Kelurahan {region.name}"
            + (" pada periode itu" if period_id else "") + ".",
            hint="Tugaskan usulan ke petugas lapangan dulu, atau pilih status lain.",
        )
    head = aliased(Member)
    households = {}
    ids = list(by_house)
    for chunk in in_chunks(ids):
        members = (select(Member.household_id, func.count().label("n"))
                   .where(Member.household_id.in_(chunk), Member.deceased.is_(False))
                   .group_by(Member.household_id).subquery())
        for h, head_name, head_nik, count in session.execute(
            select(Household, head.name, head.nik, members.c.n)
            .outerjoin(head, and_(head.household_id == Household.id,
                                  head.relationship_code == "head"))
            .outerjoin(members, members.c.household_id == Household.id)
            .where(Household.id.in_(chunk)).order_by(Household.id, head.id)
        ):
            households.setdefault(h.id, (h, head_name, head_nik, count or 0))

    items = []
    for hid, rows in by_house.items():
        h, head_name, head_nik, count = households[hid]
        unit = "household" if any(r[3] == "household" for r in rows) else "person"
        proposed = tuple(
            ProposedPerson(r[0], r[2], r[3], r[5] or head_name or "",
                           privacy.show_nik(actor, r[6] or head_nik or ""))
            for r in rows)
        officers = sorted({r[7] or r[8] for r in rows if r[7] or r[8]})
        items.append(ChecklistHousehold(
            household_id=hid, no_kk=privacy.show_kk(actor, h.no_kk), head_name=head_name or "",
            head_nik=privacy.show_nik(actor, head_nik or ""), address=h.address, rt=h.rt,
            rw=h.rw, longitude=h.longitude, latitude=h.latitude, members_recorded=count,
            unit=unit, periods=tuple(sorted({r[4] for r in rows})),
            officer=", ".join(officers), proposals=proposed,
        ))
    items.sort(key=lambda c: (c.rw, c.rt, c.address, c.household_id))

    polygons = boundaries.region_polygons(session, "desa_kelurahan")
    area = polygons.pop(kelurahan_code, None)
    values = settings.get_all(session)
    kecamatan = session.get(Region, region.parent_code) if region.parent_code else None
    privacy.record_print(session, actor, "field_checklist", len(items),
                         what=f"daftar periksa lapangan Kelurahan {region.name}")
    return ChecklistBatch(
        government=values["letterhead.government"], office=values["letterhead.office"],
        kecamatan=kecamatan.name if kecamatan else "", kelurahan_code=kelurahan_code,
        kelurahan=region.name, area=area, neighbours=polygons, households=tuple(items),
    )


# --------------------------------------------------------------------------- layout


class _Flow:
    """Draws (or, dry, only measures) the checklist part of the page top to bottom."""

    def __init__(self, canvas: Canvas | None, left: float, right: float, top: float,
                 row: float) -> None:
        self.canvas = canvas
        self.left = left
        self.right = right
        self.y = top
        self.row = row
        self.measure = fonts.Measure(fonts.REGULAR, FONT)
        self.bold = fonts.Measure(fonts.BOLD, FONT)
        self.title_width = 26 * mm
        self.body_left = left + self.title_width + 1.5 * mm
        self.half = (right - self.body_left) / 2

    # -- primitives
    def text(self, x: float, y: float, value: str, font: str = fonts.REGULAR,
             size: float = FONT) -> None:
        if self.canvas is not None:
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, y, value)

    def box(self, x: float, y: float) -> None:
        if self.canvas is not None:
            self.canvas.rect(x, y - 0.45 * mm, BOX, BOX, stroke=1, fill=0)

    def blank(self, x: float, y: float, width: float) -> None:
        if self.canvas is not None:
            self.canvas.setDash(0.6, 1.2)
            self.canvas.line(x, y - 0.8, x + width, y - 0.8)
            self.canvas.setDash()

    # -- pieces
    def options(self, x: float, y: float, words: Sequence[str], limit: float) -> tuple[float, float]:
        """Tick boxes with their words, wrapping inside [x, limit]; returns (x, y) after."""
        start = x
        for word in words:
            width = BOX + 1 * mm + self.measure.width(word) + 3 * mm
            if x + width > limit and x > start:
                x = start
                y -= self.row
            self.box(x, y)
            self.text(x + BOX + 1 * mm, y, word)
            x += width
        return x, y

    def item_width(self, item: Item) -> float:
        label = self.measure.width(item.label + ":") + 2 * mm
        if item.kind == "bool":
            return label + 2 * (BOX + 1 * mm) + self.measure.width("ya") + \
                self.measure.width("tidak") + 6 * mm
        if item.kind in ("int", "float"):
            return label + 20 * mm
        words = _choice_words(item)
        return label + sum(BOX + 4 * mm + self.measure.width(w) for w in words)

    def item(self, item: Item, x: float, y: float, limit: float) -> float:
        """Draw one item starting at (x, y); returns the y of its last line."""
        label = item.label + ":"
        self.text(x, y, label)
        x += self.measure.width(label) + 2 * mm
        if item.kind == "bool":
            _, y = self.options(x, y, ("ya", "tidak"), limit)
        elif item.kind in ("int", "float"):
            self.blank(x, y, min(18 * mm, limit - x))
        else:
            _, y = self.options(x, y, _choice_words(item), limit)
        return y

    def section(self, title: str, items: Sequence[Item]) -> None:
        """A titled band of items: short ones two to a line, choices on their own."""
        self.rule()
        top = self.y - self.row + 1.2 * mm
        self.text(self.left, top, title.upper(), fonts.BOLD)
        y = top
        column = 0
        for item in items:
            wide = item.kind == "choice" or self.item_width(item) > self.half
            if wide:
                if column == 1:
                    y -= self.row
                    column = 0
                y = self.item(item, self.body_left, y, self.right) - self.row
                continue
            x = self.body_left + column * self.half
            self.item(item, x, y, x + self.half)
            column += 1
            if column == 2:
                column = 0
                y -= self.row
        if column == 1:
            y -= self.row
        self.y = y + self.row - 1.2 * mm - 1.2 * mm

    def line(self, title: str, draw: Callable[[float, float], float]) -> None:
        """A titled band whose body draws itself; ``draw(x, y)`` returns its last y."""
        self.rule()
        top = self.y - self.row + 1.2 * mm
        self.text(self.left, top, title.upper(), fonts.BOLD)
        y = draw(self.body_left, top)
        self.y = y - 1.2 * mm

    def rule(self) -> None:
        if self.canvas is not None:
            self.canvas.saveState()
            self.canvas.setStrokeGray(0.65)
            self.canvas.setLineWidth(0.35)
            self.canvas.line(self.left, self.y, self.right, self.y)
            self.canvas.restoreState()


def _choice_words(item: Item) -> list[str]:
    words = _CHOICE_WORDS.get(item.code)
    if words is not None:
        return [labels.word(words, str(c)) for c in item.choices]
    if item.code == "electricity_va":
        return [f"{c} VA" for c in item.choices] + ["lainnya ____ VA"]
    return [str(c) for c in item.choices]


@dataclass(frozen=True)
class _Page:
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.height - 10 * mm

    @property
    def right(self) -> float:
        return self.width - MARGIN

    @property
    def identity_top(self) -> float:
        return self.top - 23 * mm

    @property
    def map_box(self) -> tuple[float, float, float, float]:
        w, h = 66 * mm, 45 * mm
        return (self.right - w, self.identity_top - 3.5 * mm - h, w, h)

    @property
    def checklist_top(self) -> float:
        return self.identity_top - 51 * mm


IDENTITY_ROWS = ("Kepala keluarga", "NIK kepala keluarga", "No. KK", "Diusulkan", "",
                 "Alamat", "", "Wilayah", "Anggota KK tercatat", "Titik tercatat",
                 "Petugas lapangan")
IDENTITY_STEP = 3.95 * mm


def _static(canvas: Canvas, page: _Page, batch: ChecklistBatch, unit: str, row: float) -> float:
    """Everything a page of ``unit`` shares; returns where the flowing part ended (dry: y)."""
    top = page.top
    canvas.setFont(fonts.REGULAR, 7)
    canvas.setFillGray(0.3)
    canvas.drawString(MARGIN, top - 7, f"{batch.government} · {batch.office}")
    canvas.setFillGray(0)
    canvas.setFont(fonts.BOLD, 12.5)
    title = "DAFTAR PERIKSA VERIFIKASI LAPANGAN"
    title += " RTLH" if unit == "household" else " PBI-JK"
    canvas.drawString(MARGIN, top - 20, title)
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN, top - 20 * mm, page.right, top - 20 * mm)

    y = page.identity_top
    canvas.setFont(fonts.BOLD, 7.5)
    canvas.drawString(MARGIN, y, "A. IDENTITAS DAN LOKASI")
    canvas.setFont(fonts.REGULAR, FONT)
    y -= IDENTITY_STEP + 0.6 * mm
    for label in IDENTITY_ROWS:
        if label:
            canvas.drawString(MARGIN, y, label)
            canvas.drawString(MARGIN + 29 * mm, y, ":")
        y -= IDENTITY_STEP
    x, y_map, _, _ = page.map_box
    canvas.setFont(fonts.ITALIC, 6)
    canvas.drawString(x, y_map - 7, f"Peta lokasi rumah di Kelurahan {batch.kelurahan}")

    canvas.setLineWidth(0.5)
    flow = _Flow(canvas, MARGIN, page.right, page.checklist_top, row)
    for number, section in enumerate(sections_for(unit), start=2):
        flow.section(f"{chr(ord('A') + number - 1)}. {section.title}", section.items)
    letter = chr(ord("A") + len(sections_for(unit)) + 1)

    def evidence(x: float, y: float) -> float:
        pieces = (("GPS di pintu depan: lintang", 22 * mm), ("bujur", 22 * mm),
                  ("jarak dari titik tercatat", 10 * mm))
        cursor = x
        for label, blank in pieces:
            flow.text(cursor, y, label)
            cursor += flow.measure.width(label) + 1.5 * mm
            flow.blank(cursor, y, blank)
            cursor += blank + 2 * mm
        flow.text(cursor - 1.2 * mm, y, "m (lebih dari 50 m: perbaiki titik)")
        y -= row
        if unit == "household":
            label, words = "Foto bertanggal:", PHOTO_WORDS
        else:
            label, words = "Dokumen dilihat:", ("KTP", "Kartu Keluarga")
        flow.text(x, y, label)
        _, y = flow.options(x + flow.measure.width(label) + 2 * mm, y, words, flow.right)
        y -= row
        flow.text(x, y, "Tanggal kunjungan:")
        flow.blank(x + flow.measure.width("Tanggal kunjungan:") + 2 * mm, y, 28 * mm)
        return y - row

    flow.line(f"{letter}. Bukti", evidence)
    letter = chr(ord(letter) + 1)

    def conclusion(x: float, y: float) -> float:
        after, y = flow.options(x, y, ("Layak", "Tidak layak"), flow.right)
        flow.text(after + 2 * mm, y, "Alasan:")
        start = after + 2 * mm + flow.measure.width("Alasan:") + 2 * mm
        flow.blank(start, y, flow.right - start)
        y -= row
        flow.blank(x, y, flow.right - x)
        return y - row

    flow.line(f"{letter}. Kesimpulan", conclusion)
    flow.rule()
    _signatures(canvas, page, batch, flow.y - 3 * mm)
    canvas.setFont(fonts.ITALIC, 6.3)
    canvas.setFillGray(0.3)
    canvas.drawString(MARGIN, 7 * mm, "Berisi data pribadi (UU 27/2022): hanya untuk verifikasi; "
                      "jangan ditinggalkan atau dibagikan. Hasilnya dimasukkan ke Tepat "
                      "(Hasil lapangan).")
    canvas.setFillGray(0)
    return flow.y


SIGNATURE_HEIGHT = 21 * mm


def _signatures(canvas: Canvas, page: _Page, batch: ChecklistBatch, top: float) -> None:
    width = (page.right - MARGIN) / 3
    titles = ("Petugas verifikasi,", f"Lurah {batch.kelurahan},", "Kepala keluarga,")
    for index, title in enumerate(titles):
        centre = MARGIN + width * index + width / 2
        canvas.setFont(fonts.REGULAR, FONT)
        canvas.drawCentredString(centre, top - 7, title)
        canvas.setDash(0.6, 1.2)
        canvas.line(centre - 24 * mm, top - SIGNATURE_HEIGHT + 6 * mm,
                    centre + 24 * mm, top - SIGNATURE_HEIGHT + 6 * mm)
        canvas.setDash()
        if index < 2:
            canvas.drawString(centre - 24 * mm, top - SIGNATURE_HEIGHT + 2.5 * mm, "NIP")


def _row_height(page: _Page, batch: ChecklistBatch, unit: str) -> float:
    """The largest row height (up to 4.6 mm) at which the page still fits."""
    room_bottom = 11 * mm + SIGNATURE_HEIGHT + 3 * mm
    for tenth in range(46, 30, -1):
        row = tenth / 10 * mm
        canvas = Canvas(io.BytesIO(), pagesize=(page.width, page.height))
        end = _static(canvas, page, batch, unit, row)
        if end >= room_bottom:
            return row
    return 3.1 * mm


def _variable(canvas: Canvas, page: _Page, batch: ChecklistBatch, item: ChecklistHousehold,
              index: int, total: int, map_frame: minimap.MapFrame | None,
              head_name_y: float) -> None:
    top = page.top
    ids = ", ".join(f"#{pid}" for pid in item.proposal_ids)
    size = 16 * mm
    qr.draw(canvas, "TEPAT-USULAN:" + ",".join(str(p) for p in item.proposal_ids),
            page.right - size, top - size, size)
    canvas.setFont(fonts.REGULAR, 6.5)
    label = f"Usulan {ids}"
    measure = fonts.Measure(fonts.REGULAR, 6.5)
    if measure.width(label) > 40 * mm:
        label = f"Usulan {ids[:40]}…"
    canvas.drawRightString(page.right - size - 1.5 * mm, top - 4 * mm, label)
    programs = sorted({p.program for p in item.proposals})
    canvas.setFont(fonts.REGULAR, 8)
    subtitle = f"{' / '.join(programs)} · {'; '.join(item.periods)}"
    subtitle = fonts.Measure(fonts.REGULAR, 8).wrap(subtitle, page.right - MARGIN - size
                                                    - 45 * mm, 1)[0]
    canvas.drawString(MARGIN, top - 31, subtitle)
    canvas.drawString(MARGIN, top - 41,
                      f"Kelurahan {batch.kelurahan}, Kecamatan {batch.kecamatan} · "
                      f"RT {item.rt} / RW {item.rw}")

    value_x = MARGIN + 31 * mm
    value_width = page.map_box[0] - 3 * mm - value_x
    measure = fonts.Measure(fonts.REGULAR, FONT)
    parts = ["rumah keluarga ini"] if item.unit == "household" else []
    parts += [f"{p.name} (NIK {p.nik})" if p.nik else p.name
              for p in item.proposals if p.unit == "person"]
    people = "; ".join(parts)
    point = "belum tercatat" if item.latitude is None or item.longitude is None else \
        f"{item.latitude:.6f}, {item.longitude:.6f}"
    values = [
        [item.head_name or "-"], [item.head_nik or "-"], [item.no_kk or "-"],
        measure.wrap(people, value_width, 2), None,
        measure.wrap(item.address or "-", value_width, 2), None,
        [f"RT {item.rt} / RW {item.rw}, Kelurahan {batch.kelurahan}"],
        [f"{thousands(item.members_recorded)} orang (periksa: ______ orang)"], [point],
        [item.officer or "____________________"],
    ]
    canvas.setFont(fonts.REGULAR, FONT)
    y = page.identity_top - IDENTITY_STEP - 0.6 * mm
    for lines in values:
        if lines is not None:
            for offset, line in enumerate(lines):
                canvas.drawString(value_x, y - offset * IDENTITY_STEP, line)
        y -= IDENTITY_STEP

    x, y_map, w, h = page.map_box
    if map_frame is not None:
        canvas.doForm(_map_form_name(batch.kelurahan_code))
        if item.longitude is not None and item.latitude is not None:
            minimap.draw_point(canvas, map_frame, item.longitude, item.latitude)
            if not map_frame.inside(item.longitude, item.latitude) or (
                batch.area is not None and not _contains(batch.area, item)
            ):
                canvas.setFont(fonts.ITALIC, 6)
                canvas.setFillColorRGB(0.75, 0, 0)
                canvas.drawRightString(x + w, y_map - 7, "titik tercatat di luar kelurahan")
                canvas.setFillGray(0)
    else:
        canvas.rect(x, y_map, w, h, stroke=1, fill=0)
        canvas.setFont(fonts.ITALIC, 7)
        canvas.drawCentredString(x + w / 2, y_map + h / 2,
                                 "batas kelurahan dan titik rumah belum tercatat")

    canvas.setFont(fonts.REGULAR, 7)
    canvas.drawRightString(page.right, 7 * mm, f"Halaman {index} dari {total}")
    head = item.head_name or ""
    if head:
        width = (page.right - MARGIN) / 3
        canvas.setFont(fonts.REGULAR, FONT)
        canvas.drawCentredString(MARGIN + width * 2.5, head_name_y, f"({head})")


def _contains(area: BaseGeometry, item: ChecklistHousehold) -> bool:
    return bool(area.buffer(0.0002).contains(Point(item.longitude, item.latitude)))


def _map_form_name(code: str) -> str:
    return "map" + code.replace(".", "_")


def build_checklists(batch: ChecklistBatch, *, paper: str = "A4",
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> bytes:
    """One PDF, one page per household of the batch, in the batch's order."""
    fonts.register()
    page = _Page(*PAPERS[paper])
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page.width, page.height))
    canvas.setTitle(f"Daftar periksa lapangan Kelurahan {batch.kelurahan}")
    canvas.setAuthor(f"{batch.government} {batch.office}")
    canvas.setCreator("Tepat")
    total = len(batch.households)
    head_name_y: dict[str, float] = {}
    for unit in sorted({h.unit for h in batch.households}):
        row = _row_height(page, batch, unit)
        canvas.beginForm("form_" + unit)
        end = _static(canvas, page, batch, unit, row)
        canvas.endForm()
        # The head's name goes under the third signature line (see _signatures).
        head_name_y[unit] = end - 3 * mm - SIGNATURE_HEIGHT + 2.5 * mm
    x, y_map, w, h = page.map_box
    first_point = next(((c.longitude, c.latitude) for c in batch.households
                        if c.longitude is not None and c.latitude is not None), None)
    map_frame = minimap.frame_for(batch.area, x, y_map, w, h, fallback=first_point)
    if map_frame is not None:
        canvas.beginForm(_map_form_name(batch.kelurahan_code))
        minimap.draw_area(canvas, map_frame, batch.area, batch.neighbours,
                          missing_text="batas kelurahan belum diimpor")
        canvas.endForm()
    for index, item in enumerate(batch.households, start=1):
        if cancelled is not None and cancelled():
            raise BuildCancelled("Pembuatan daftar periksa dibatalkan; tidak ada berkas.")
        canvas.doForm("form_" + item.unit)
        _variable(canvas, page, batch, item, index, total, map_frame, head_name_y[item.unit])
        canvas.showPage()
        if progress is not None:
            progress(index, total)
    canvas.save()
    return buffer.getvalue()
