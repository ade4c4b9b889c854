"""Test data for letters and checklists: an office with a letterhead, households, proposals.

Set up straight through the ORM (the register and workflow services have their own
tests), small and deterministic.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw
from shapely.geometry import box
from sqlalchemy import select

from db import boundaries, regions, settings
from db.actor import Actor
from db.engine import Database
from db.models import Attachment, Household, Member, Period, Program, Proposal

KELURAHAN = ("36.73.01.1002", "36.73.01.1003")  # Cipare, Sumur Pecung
SIGNATORY_NAME = "Drs. H. AHMAD SUBAGJA, M.Si."
SIGNATORY_NIP = "197503122000031002"


def emblem_png() -> bytes:
    """A neutral shield standing in for the regional emblem (not any real coat of arms)."""
    image = Image.new("RGBA", (240, 280), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(20, 10), (220, 10), (220, 150), (120, 270), (20, 150)],
                 fill=(20, 90, 160, 255))
    draw.polygon([(40, 30), (200, 30), (200, 145), (120, 245), (40, 145)],
                 outline=(230, 190, 40, 255), width=6)
    draw.ellipse((85, 70, 155, 140), fill=(230, 190, 40, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


OFFICE = {
    "letterhead.government": "PEMERINTAH KOTA SERANG",
    "letterhead.office": "KECAMATAN SERANG",
    "letterhead.address": "Jalan Jenderal Sudirman No. 5, Serang, Banten 42111",
    "letterhead.phone": "(0254) 200123",
    "letterhead.email": "kecamatan.serang@serangkota.go.id",
    "signatory.name": SIGNATORY_NAME,
    "signatory.position": "CAMAT SERANG",
    "signatory.rank": "Pembina Tingkat I (IV/b)",
    "signatory.nip": SIGNATORY_NIP,
}


def configure_office(database: Database, actor: Actor, **overrides: object) -> None:
    values = dict(OFFICE, **{"letterhead.emblem_png_base64":
                             base64.b64encode(emblem_png()).decode()})
    values.update({k.replace("__", "."): v for k, v in overrides.items()})
    with database.write() as session:
        settings.update(session, actor, values)


def photo_jpeg(colour: tuple[int, int, int], label: str) -> bytes:
    image = Image.new("RGB", (640, 480), colour)
    ImageDraw.Draw(image).text((20, 20), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


@dataclass(frozen=True)
class Seeded:
    pbi_period: int
    rtlh_period: int
    pbi_proposals: list[int]
    rtlh_proposals: list[int]
    niks: dict[int, str]  # proposal id -> NIK printed in the attachment


def _nik(serial: int) -> str:
    # Kecamatan Serang, born 15-05-1980 (women: day + 40), serial.
    day = 15 + (40 if serial % 2 else 0)
    return f"367301{day:02d}0580{serial:04d}"


def seed(database: Database, *, households: int = 6, members: int = 2,
         states: tuple[str, ...] = ("approved",), photos: bool = False,
         boundaries_too: bool = True) -> Seeded:
    """Households in two kelurahan with PBI-JK (one per member) and RTLH proposals.

    Proposal states cycle through ``states``.
    """
    with database.write() as session:
        regions.upsert_codes(session, regions.kota_serang_codes())
        if boundaries_too:
            for index, code in enumerate(KELURAHAN):
                x = 106.14 + index * 0.02
                boundaries.store_boundary(session, code, box(x, -6.13, x + 0.02, -6.11),
                                          "demo")
        programs = {p.code: p for p in session.scalars(select(Program))}
        pbi = Period(program_id=programs["pbi-jk"].id, name="PBI APBD 2025 tahap 2",
                     year=2025, funding_source="apbd")
        rtlh = Period(program_id=programs["rtlh"].id, name="RTLH CSR 2025", year=2025,
                      funding_source="csr")
        session.add_all([pbi, rtlh])
        session.flush()
        pbi_ids, rtlh_ids, niks = [], [], {}
        serial = 1
        for h in range(households):
            kel = KELURAHAN[h % len(KELURAHAN)]
            x = 106.145 + (h % len(KELURAHAN)) * 0.02 + (h % 5) * 0.002
            house = Household(
                no_kk=f"3673012503{20 + h % 5:02d}{h + 1:04d}", kelurahan_code=kel,
                address=f"Kp. Cipare Gg. Melati No. {h + 1}", rt=f"{h % 4 + 1:03d}",
                rw=f"{h % 3 + 1:03d}", longitude=x, latitude=-6.125 + (h % 4) * 0.003,
                desil=1 + h % 4, roof_material="zinc", roof_condition="badly_damaged",
                wall_material="woven_bamboo", wall_condition="rotten", floor_material="earth",
                floor_condition="damaged", land_status="own", land_document="girik",
                floor_area_m2=24.0, occupants=members + 2, toilet="none", sewage="river",
                water_source="unprotected_well", electricity="pln_unmetered",
            )
            session.add(house)
            session.flush()
            people = []
            for m in range(members):
                person = Member(
                    household_id=house.id, nik=_nik(serial), name=f"WARGA {h + 1}-{m + 1}",
                    name_key=f"warga{h + 1}{m + 1}", sex="L" if m == 0 else "P",
                    relationship_code="head" if m == 0 else "spouse",
                )
                serial += 1
                session.add(person)
                people.append(person)
            session.flush()
            for index, person in enumerate(people):
                state = states[(h + index) % len(states)]
                proposal = Proposal(program_id=programs["pbi-jk"].id, period_id=pbi.id,
                                    household_id=house.id, member_id=person.id, state=state)
                session.add(proposal)
                session.flush()
                pbi_ids.append(proposal.id)
                niks[proposal.id] = person.nik
            proposal = Proposal(program_id=programs["rtlh"].id, period_id=rtlh.id,
                                household_id=house.id, state=states[h % len(states)])
            session.add(proposal)
            session.flush()
            rtlh_ids.append(proposal.id)
            niks[proposal.id] = people[0].nik
            if photos and h % 2 == 0:
                for n, kind in enumerate(("photo_front", "photo_roof", "photo_sanitation")):
                    data = photo_jpeg((40 * n + 60, 90, 120), f"{kind} {h + 1}")
                    session.add(Attachment(household_id=house.id, kind=kind,
                                           filename=f"{kind}.jpg", mime_type="image/jpeg",
                                           size_bytes=len(data), sha256="0" * 64,
                                           content=data))
        session.flush()
        return Seeded(pbi.id, rtlh.id, pbi_ids, rtlh_ids, niks)

