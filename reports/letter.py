"""The letter engine: an Indonesian official letter (naskah dinas) with its attachments.

Layout follows tata naskah dinas: the letterhead (kop) with the regional emblem, the
government and office lines, address and contacts over a double rule; place and date on
the right; Nomor, Sifat, Lampiran and Hal; the ``Yth.`` addressee; the body; the signature
block (position, ``a.n.`` when signing for someone, name, rank, NIP); Tembusan. Each
attachment (lampiran) starts on a new page with its reference block, repeats its table
header on every page, and ends with the signature block again. Every page carries
"Halaman x dari y" and the letter number; an electronically signed letter also says so,
and which kind of certificate signed it.

Everything here is plain data in, PDF bytes out; :mod:`reports.letters` gathers the data
and :mod:`reports.signing` signs the result.
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image, UnidentifiedImageError
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from db.errors import LetterheadIncomplete, TepatError
from reports import fonts, qr
from reports.attachment import AttachmentTable, TableSpec
from reports.idtext import format_nip, long_date, place_date

PAPERS: dict[str, tuple[float, float]] = {
    "A4": (210 * mm, 297 * mm),
    # Folio as Indonesian offices buy it: 215 x 330 mm.
    "F4": (215 * mm, 330 * mm),
}
# The number is also written into the PDF's keywords so the verifier can find it.
NUMBER_KEYWORD = "tepat-nomor-surat:"

LEFT, RIGHT, BOTTOM = 25 * mm, 20 * mm, 24 * mm
KOP_TOP = 12 * mm
KOP_HEIGHT = 27 * mm
LATER_TOP = 18 * mm
LAMPIRAN_LEFT, LAMPIRAN_RIGHT = 18 * mm, 15 * mm
BODY_SIZE = 11
STAMP_WIDTH, STAMP_HEIGHT = 78 * mm, 27 * mm
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class BuildCancelled(TepatError):
    """The person asked to stop while the PDF was being built; nothing was kept."""


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Letterhead:
    government: str  # PEMERINTAH KOTA SERANG
    office: str  # KECAMATAN SERANG
    address: str
    phone: str
    email: str
    emblem_png: bytes

    @property
    def contacts(self) -> str:
        parts = []
        if self.phone:
            parts.append(f"Telepon {self.phone}")
        if self.email:
            parts.append(f"Surel {self.email}")
        return " · ".join(parts)


@dataclass(frozen=True)
class Signatory:
    position: str  # CAMAT SERANG, or SEKRETARIS KECAMATAN when signing a.n.
    on_behalf_of: str  # CAMAT SERANG when signing for the Camat, else ""
    name: str
    rank: str  # pangkat/golongan
    nip: str

    @property
    def issuer(self) -> str:
        """Whose letter it is: the Camat, also when someone signs on the Camat's behalf."""
        return self.on_behalf_of or self.position


def from_settings(values: dict[str, Any]) -> tuple[Letterhead, Signatory]:
    """The letterhead and signatory from office settings; refuses what is missing.

    Names every empty setting at once, with where to fill it in.
    """
    required = {
        "letterhead.government": "Baris pemerintah (kop surat)",
        "letterhead.office": "Baris kantor (kop surat)",
        "letterhead.address": "Alamat kantor (kop surat)",
        "letterhead.emblem_png_base64": "Lambang daerah (kop surat)",
        "signatory.name": "Nama penanda tangan",
        "signatory.position": "Jabatan penanda tangan",
        "signatory.nip": "NIP penanda tangan",
    }
    missing = [label for key, label in required.items() if not str(values.get(key) or "").strip()]
    if missing:
        raise LetterheadIncomplete(
            "Pengaturan surat belum lengkap: " + ", ".join(missing) + ".",
            hint="Lengkapi di Alat > Pengaturan kantor, lalu ulangi. Belum ada nomor surat "
            "yang terpakai.",
        )
    emblem = decode_emblem(values["letterhead.emblem_png_base64"])
    head = Letterhead(
        values["letterhead.government"].strip(), values["letterhead.office"].strip(),
        values["letterhead.address"].strip(), (values.get("letterhead.phone") or "").strip(),
        (values.get("letterhead.email") or "").strip(), emblem,
    )
    signatory = Signatory(
        values["signatory.position"].strip(), (values.get("signatory.on_behalf_of") or "").strip(),
        values["signatory.name"].strip(), (values.get("signatory.rank") or "").strip(),
        values["signatory.nip"].strip(),
    )
    return head, signatory


def decode_emblem(text: str) -> bytes:
    """The emblem's image bytes from the base64 setting, refused if not a readable image."""
    try:
        data = base64.b64decode(text, validate=True)
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (binascii.Error, ValueError, UnidentifiedImageError, OSError) as exc:
        raise LetterheadIncomplete(
            "Lambang daerah di pengaturan kop surat bukan gambar yang dapat dibaca.",
            hint="Pilih ulang berkas PNG lambang di Alat > Pengaturan kantor. Belum ada nomor "
            "surat yang terpakai.",
        ) from exc
    return data


@dataclass(frozen=True)
class TableSection:
    """A lampiran holding one long table."""

    title: str
    subtitle: str
    table: TableSpec
    note: str = ""


@dataclass(frozen=True)
class Photo:
    caption: str
    data: bytes | None  # JPEG/PNG; None when the photo is missing


@dataclass(frozen=True)
class PhotoHouse:
    heading: str
    detail: str
    photos: tuple[Photo, ...]


@dataclass(frozen=True)
class PhotoSection:
    """A lampiran of house photos, two houses to a page."""

    title: str
    subtitle: str
    houses: tuple[PhotoHouse, ...]


@dataclass(frozen=True)
class ElectronicSignature:
    """Said on the letter when it will be signed digitally (the stamp comes later)."""

    certificate_label: str  # e.g. "sertifikat elektronik kantor yang dibuat sendiri (bukan BSrE)"
    qr_payload: str  # for the signature blocks at the end of each lampiran


@dataclass(frozen=True)
class LetterDocument:
    letterhead: Letterhead
    signatory: Signatory
    place: str
    issued_on: Any  # datetime.date
    number: str
    nature: str  # Sifat
    attachment: str  # Lampiran
    subject: str  # Hal
    addressee: str  # after "Yth."
    addressee_place: str  # after "di"
    paragraphs: tuple[str, ...]
    copies: tuple[str, ...] = ()  # Tembusan
    sections: tuple[TableSection | PhotoSection, ...] = ()
    paper: str = "A4"
    e_signature: ElectronicSignature | None = None


@dataclass(frozen=True)
class SignatureBox:
    """Where the digital signature's visible stamp goes: page index and rectangle (pt)."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class BuiltLetter:
    pdf: bytes
    pages: int
    signature_box: SignatureBox


# --------------------------------------------------------------------------- styles


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=BODY_SIZE,
                          leading=BODY_SIZE * 1.4)
    return {
        "base": base,
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "body": ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY, firstLineIndent=12 * mm,
                               spaceAfter=6),
        "small": ParagraphStyle("small", parent=base, fontSize=10, leading=13.5),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=11,
                                leading=14, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=9.5, leading=12.5,
                                   alignment=TA_CENTER, spaceAfter=8),
        "ref": ParagraphStyle("ref", parent=base, fontSize=8.5, leading=11),
        "note": ParagraphStyle("note", parent=base, fontSize=9, leading=12, spaceBefore=4),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


# --------------------------------------------------------------------------- letterhead


def draw_kop(canvas: Canvas, head: Letterhead, page_width: float, page_height: float,
             left: float = LEFT, right: float = RIGHT) -> float:
    """Draw the letterhead at the top of the page; returns the y of its lower rule."""
    top = page_height - KOP_TOP
    emblem = ImageReader(io.BytesIO(head.emblem_png))
    iw, ih = emblem.getSize()
    height = KOP_HEIGHT - 3 * mm
    width = min(height * iw / ih, 26 * mm)
    height = width * ih / iw
    canvas.drawImage(emblem, left, top - height - (KOP_HEIGHT - 3 * mm - height) / 2, width,
                     height, mask="auto")

    text_left = left + width + 3 * mm
    text_width = page_width - right - text_left
    centre = text_left + text_width / 2
    lines = [(head.government, fonts.BOLD, 13.5), (head.office, fonts.BOLD, 16.5),
             (head.address, fonts.REGULAR, 9.5)]
    if head.contacts:
        lines.append((head.contacts, fonts.REGULAR, 9.5))
    # Shrink a line that would not fit rather than let it run into the emblem.
    sized = []
    for text, font, size in lines:
        while size > 6 and canvas.stringWidth(text, font, size) > text_width:
            size -= 0.25
        sized.append((text, font, size))
    total = sum(size * 1.22 for _, _, size in sized)
    y = top - (KOP_HEIGHT - 3 * mm - total) / 2
    for text, font, size in sized:
        y -= size * 1.0
        canvas.setFont(font, size)
        canvas.drawCentredString(centre, y, text)
        y -= size * 0.22
    rule = page_height - KOP_TOP - KOP_HEIGHT
    canvas.saveState()
    canvas.setLineWidth(2.2)
    canvas.line(left, rule, page_width - right, rule)
    canvas.setLineWidth(0.7)
    canvas.line(left, rule - 2.6, page_width - right, rule - 2.6)
    canvas.restoreState()
    return rule - 2.6


# --------------------------------------------------------------------------- flowables


class SignatureBlock(Flowable):
    """Position, space for the signature (or the e-signature stamp), name, rank, NIP.

    Sits on the right. On the letter page the space is where the digital signature's
    stamp will go (recorded in ``box``); at the end of a lampiran an electronically
    signed letter shows a QR code there instead.
    """

    WIDTH = 88 * mm

    def __init__(self, signatory: Signatory, *, date_line: str = "",
                 e_signature: ElectronicSignature | None = None, stamp_space: bool = False,
                 on_box: Callable[[SignatureBox], None] | None = None) -> None:
        super().__init__()
        self.signatory = signatory
        self.date_line = date_line
        self.e_signature = e_signature
        self.stamp_space = stamp_space
        self.on_box = on_box
        self.above: list[str] = []
        if date_line:
            self.above.append(date_line)
        if signatory.on_behalf_of:
            self.above.append(f"a.n. {signatory.on_behalf_of},")
        self.above.append(f"{signatory.position},")
        self.gap = (STAMP_HEIGHT + 4 * mm) if (stamp_space or e_signature) else 24 * mm
        self.below = [signatory.name] + ([signatory.rank] if signatory.rank else []) + [
            f"NIP {format_nip(signatory.nip)}"]
        self.leading = BODY_SIZE * 1.35

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = (len(self.above) + len(self.below)) * self.leading + self.gap
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self.stamp_space and self.on_box is not None:
            left = x + self.width - self.WIDTH + (self.WIDTH - STAMP_WIDTH) / 2
            bottom = y + len(self.below) * self.leading + 2 * mm
            self.on_box(SignatureBox(canvas.getPageNumber() - 1, left, bottom,
                                     left + STAMP_WIDTH, bottom + STAMP_HEIGHT))
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        canvas = self.canv
        centre = self.width - self.WIDTH / 2
        y = self.height - BODY_SIZE
        canvas.setFont(fonts.REGULAR, BODY_SIZE)
        for line in self.above:
            canvas.drawCentredString(centre, y, line)
            y -= self.leading
        if self.e_signature is not None and not self.stamp_space:
            size = 21 * mm
            gap_top = y + self.leading - BODY_SIZE * 0.3
            qr_bottom = gap_top - (self.gap + size) / 2
            left = self.width - self.WIDTH + 4 * mm
            qr.draw(canvas, self.e_signature.qr_payload, left, qr_bottom, size)
            canvas.setFont(fonts.ITALIC, 8)
            text_x = left + size + 2.5 * mm
            ty = qr_bottom + size - 9
            for line in ("Ditandatangani secara", "elektronik; lihat tanda",
                         "tangan digital pada", "halaman pertama."):
                canvas.drawString(text_x, ty, line)
                ty -= 10
            canvas.setFont(fonts.REGULAR, BODY_SIZE)
        y -= self.gap
        y += self.leading  # the gap already separates the blocks
        first = True
        for line in self.below:
            y -= self.leading
            if first:
                canvas.setFont(fonts.BOLD, BODY_SIZE)
                canvas.drawCentredString(centre, y, line)
                width = canvas.stringWidth(line, fonts.BOLD, BODY_SIZE)
                canvas.setLineWidth(0.6)
                canvas.line(centre - width / 2, y - 1.6, centre + width / 2, y - 1.6)
                canvas.setFont(fonts.REGULAR, BODY_SIZE)
                first = False
            else:
                canvas.drawCentredString(centre, y, line)


class PhotoHouseBlock(Flowable):
    """One house on the photo sheet: heading, detail and a 3 x 2 grid of photos."""

    COLUMNS = 3

    def __init__(self, house: PhotoHouse, height: float) -> None:
        super().__init__()
        self.house = house
        self.block_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.block_height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        canvas.setFont(fonts.BOLD, 9.5)
        canvas.drawString(0, top - 10, self.house.heading)
        canvas.setFont(fonts.REGULAR, 8.5)
        detail = fonts.Measure(fonts.REGULAR, 8.5).wrap(self.house.detail, self.width, 2)
        y = top - 22
        for line in detail:
            canvas.drawString(0, y, line)
            y -= 10.5
        grid_top = top - 12 * mm - 3
        rows = max(1, -(-len(self.house.photos) // self.COLUMNS))
        gap = 3 * mm
        caption = 11
        cell_w = (self.width - gap * (self.COLUMNS - 1)) / self.COLUMNS
        cell_h = (grid_top - 2 * mm - (rows - 1) * gap) / rows - caption
        for index, photo in enumerate(self.house.photos):
            row, col = divmod(index, self.COLUMNS)
            x = col * (cell_w + gap)
            y_top = grid_top - row * (cell_h + caption + gap)
            y = y_top - cell_h
            canvas.saveState()
            canvas.setLineWidth(0.5)
            canvas.setStrokeGray(0.55)
            canvas.rect(x, y, cell_w, cell_h, stroke=1, fill=0)
            canvas.restoreState()
            if photo.data:
                canvas.drawImage(ImageReader(io.BytesIO(photo.data)), x + 1, y + 1, cell_w - 2,
                                 cell_h - 2, preserveAspectRatio=True, anchor="c")
            else:
                canvas.setFont(fonts.ITALIC, 8.5)
                canvas.setFillGray(0.4)
                canvas.drawCentredString(x + cell_w / 2, y + cell_h / 2 - 3, "foto belum ada")
                canvas.setFillGray(0)
            canvas.setFont(fonts.REGULAR, 8)
            canvas.drawCentredString(x + cell_w / 2, y - 9, photo.caption)


# --------------------------------------------------------------------------- document


class _Progress:
    """Counts rows and houses drawn; reports progress and honours a cancel request."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.progress = progress
        self.cancelled = cancelled

    def advance(self, count: int) -> None:
        self.done += count
        if self.cancelled is not None and self.cancelled():
            raise BuildCancelled("Pembuatan PDF dibatalkan; tidak ada yang disimpan.")
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each can say "dari y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for index, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, index, total)
                Canvas.showPage(self)
            self.page_count = total
            Canvas.save(self)

    return NumberedCanvas


def _reference_block(doc: LetterDocument, roman: str, styles: dict[str, ParagraphStyle],
                     width: float) -> Table:
    style = styles["ref"]
    rows = [
        [_p(f"LAMPIRAN {roman} SURAT {doc.signatory.issuer}", style), "", ""],
        [_p("NOMOR", style), _p(":", style), _p(doc.number, style)],
        [_p("TANGGAL", style), _p(":", style), _p(long_date(doc.issued_on), style)],
        [_p("HAL", style), _p(":", style), _p(doc.subject, style)],
    ]
    table = Table(rows, colWidths=[17 * mm, 3 * mm, width - 20 * mm], hAlign="RIGHT")
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (-1, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
    ]))
    return table


def _letter_story(doc: LetterDocument, styles: dict[str, ParagraphStyle], frame_width: float,
                  on_box: Callable[[SignatureBox], None]) -> list[Flowable]:
    base = styles["base"]
    story: list[Flowable] = [NextPageTemplate("later")]
    story.append(_p(place_date(doc.place, doc.issued_on), styles["right"]))
    story.append(Spacer(1, 3 * mm))
    info = Table(
        [[_p("Nomor", base), _p(":", base), _p(doc.number, base)],
         [_p("Sifat", base), _p(":", base), _p(doc.nature, base)],
         [_p("Lampiran", base), _p(":", base), _p(doc.attachment, base)],
         [_p("Hal", base), _p(":", base), _p(doc.subject, base)]],
        colWidths=[21 * mm, 4 * mm, frame_width - 25 * mm - 30 * mm], hAlign="LEFT",
    )
    info.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    story.append(info)
    story.append(Spacer(1, 7 * mm))
    addressee = [_p(f"Yth. {doc.addressee}", base)]
    if doc.addressee_place:
        addressee += [_p("di", base), _p(doc.addressee_place,
                                         ParagraphStyle("at", parent=base, leftIndent=8 * mm))]
    story.append(KeepTogether(addressee))
    story.append(Spacer(1, 7 * mm))
    story.extend(_p(text, styles["body"]) for text in doc.paragraphs)
    story.append(Spacer(1, 5 * mm))
    story.append(SignatureBlock(doc.signatory, e_signature=doc.e_signature, stamp_space=True,
                                on_box=on_box))
    if doc.copies:
        small = styles["small"]
        items = [_p("Tembusan:", small)]
        last = len(doc.copies)
        for index, copy in enumerate(doc.copies, start=1):
            end = "." if index == last else ";"
            items.append(Paragraph(
                f"{index}. {escape(copy.rstrip('.;'))}{end}",
                ParagraphStyle("copy", parent=small, leftIndent=5 * mm, firstLineIndent=-5 * mm),
            ))
        story.append(Spacer(1, 6 * mm))
        story.append(KeepTogether(items))
    return story


def _section_story(doc: LetterDocument, section: TableSection | PhotoSection, roman: str,
                   styles: dict[str, ParagraphStyle], frame_width: float, frame_height: float,
                   tracker: _Progress) -> list[Flowable]:
    story: list[Flowable] = [NextPageTemplate("lampiran"), PageBreak()]
    story.append(_reference_block(doc, roman, styles, 95 * mm))
    story.append(Spacer(1, 5 * mm))
    story.append(_p(section.title, styles["title"]))
    if section.subtitle:
        story.append(_p(section.subtitle, styles["subtitle"]))
    signature = SignatureBlock(doc.signatory, e_signature=doc.e_signature,
                               date_line=place_date(doc.place, doc.issued_on))
    if isinstance(section, TableSection):
        tail: list[Flowable] = []
        if section.note:
            tail.append(_p(section.note, styles["note"]))
        tail += [Spacer(1, 6 * mm), signature]
        story.append(AttachmentTable(section.table, on_rows_drawn=tracker.advance, tail=tail))
        return story
    height = (frame_height - 42 * mm) / 2
    for index, house in enumerate(section.houses):
        block: list[Flowable] = [PhotoHouseBlock(house, height), _TrackHouse(tracker)]
        if index == len(section.houses) - 1:
            # The signature goes with the last house, never alone on a page.
            story.append(KeepTogether(block + [Spacer(1, 6 * mm), signature]))
        else:
            story += block + [Spacer(1, 4 * mm)]
    if not section.houses:
        story += [Spacer(1, 6 * mm), signature]
    return story


class _TrackHouse(Flowable):
    """Zero-size marker after each photo block: counts it as drawn."""

    def __init__(self, tracker: _Progress) -> None:
        super().__init__()
        self.tracker = tracker

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.tracker.advance(1)


@dataclass
class _Recorded:
    box: SignatureBox | None = None


def build_letter(doc: LetterDocument, *, progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> BuiltLetter:
    """Lay out the letter and its lampiran; returns the PDF and where the stamp goes.

    ``progress(done, total)`` counts table rows and photo houses drawn; ``cancelled()``
    is polled as pages are drawn and stops the build with :class:`BuildCancelled`.
    """
    if doc.paper not in PAPERS:
        raise LetterheadIncomplete(
            f"Ukuran kertas '{doc.paper}' tidak dikenal.",
            hint="Pilih A4 atau F4 di pengaturan surat.",
        )
    styles = _styles()
    page_width, page_height = PAPERS[doc.paper]
    buffer = io.BytesIO()
    total = sum(len(s.table.rows) if isinstance(s, TableSection) else len(s.houses)
                for s in doc.sections)
    tracker = _Progress(total, progress, cancelled)
    recorded = _Recorded()

    def keep_box(box: SignatureBox) -> None:
        recorded.box = box

    template = BaseDocTemplate(
        buffer, pagesize=(page_width, page_height), leftMargin=LEFT, rightMargin=RIGHT,
        topMargin=LATER_TOP, bottomMargin=BOTTOM, title=doc.subject,
        author=f"{doc.letterhead.government} {doc.letterhead.office}".strip(),
        subject=f"Surat nomor {doc.number}", creator="Tepat",
        keywords=f"{NUMBER_KEYWORD}{doc.number}",
    )
    frame_width = page_width - LEFT - RIGHT
    first_top = page_height - KOP_TOP - KOP_HEIGHT - 2.6 - 6 * mm
    lampiran_width = page_width - LAMPIRAN_LEFT - LAMPIRAN_RIGHT
    lampiran_height = page_height - LATER_TOP - BOTTOM
    template.addPageTemplates([
        PageTemplate("first", [Frame(LEFT, BOTTOM, frame_width, first_top - BOTTOM, id="first",
                                     leftPadding=0, rightPadding=0, topPadding=0,
                                     bottomPadding=0)],
                     onPage=lambda c, _d: draw_kop(c, doc.letterhead, page_width, page_height)),
        PageTemplate("later", [Frame(LEFT, BOTTOM, frame_width, page_height - LATER_TOP - BOTTOM,
                                     id="later", leftPadding=0, rightPadding=0, topPadding=0,
                                     bottomPadding=0)]),
        PageTemplate("lampiran", [Frame(LAMPIRAN_LEFT, BOTTOM, lampiran_width, lampiran_height,
                                        id="lampiran", leftPadding=0, rightPadding=0,
                                        topPadding=0, bottomPadding=0)]),
    ])
    story = _letter_story(doc, styles, frame_width, keep_box)
    for index, section in enumerate(doc.sections):
        story += _section_story(doc, section, ROMAN[index], styles, lampiran_width,
                                lampiran_height, tracker)

    def footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.setFillGray(0.25)
        canvas.drawString(LAMPIRAN_LEFT, 10 * mm, f"Nomor {doc.number}")
        canvas.drawRightString(page_width - LAMPIRAN_RIGHT, 10 * mm,
                               f"Halaman {page} dari {pages}")
        if doc.e_signature is not None:
            canvas.setFont(fonts.ITALIC, 7)
            canvas.drawCentredString(
                page_width / 2, 17 * mm,
                "Dokumen ini ditandatangani secara elektronik menggunakan "
                f"{doc.e_signature.certificate_label}.")
            canvas.drawCentredString(
                page_width / 2, 14 * mm,
                "Keaslian dan keutuhannya dapat diperiksa dengan perintah \"tepat verify\" "
                "atau menu Surat > Periksa tanda tangan.")
        canvas.restoreState()

    canvas_class = _numbered_canvas(footer)
    built: dict[str, Canvas] = {}

    def maker(*args: Any, **kwargs: Any) -> Canvas:
        canvas = canvas_class(*args, **kwargs)
        built["canvas"] = canvas
        return canvas

    template.build(story, canvasmaker=maker)
    if recorded.box is None:  # the signature block is always in the story
        raise AssertionError("signature block was not placed")
    return BuiltLetter(buffer.getvalue(), built["canvas"].page_count, recorded.box)

