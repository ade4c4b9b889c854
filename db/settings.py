"""Office-wide settings, declared once with their type and default, stored as JSON.

Settings that concern one computer (which database to open, the interface language)
live in the desktop's QSettings instead; these concern the office and every operator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import audit
from db.actor import Actor
from db.errors import ValidationFailed
from db.models import Setting


@dataclass(frozen=True)
class SettingDef:
    key: str
    kind: type
    default: Any
    label: str  # Indonesian, for messages


DEFINITIONS: dict[str, SettingDef] = {
    d.key: d
    for d in (
        SettingDef("office.kecamatan_code", str, "36.73.01", "Kecamatan kantor"),
        SettingDef("office.place", str, "Serang", "Tempat (untuk tanggal surat)"),
        SettingDef("letterhead.government", str, "PEMERINTAH KOTA SERANG", "Baris pemerintah"),
        SettingDef("letterhead.office", str, "KECAMATAN SERANG", "Baris kantor"),
        SettingDef("letterhead.address", str, "", "Alamat kantor"),
        SettingDef("letterhead.phone", str, "", "Telepon"),
        SettingDef("letterhead.email", str, "", "Surel"),
        # PNG bytes of the emblem, base64; empty when none was chosen.
        SettingDef("letterhead.emblem_png_base64", str, "", "Lambang daerah"),
        SettingDef("signatory.name", str, "", "Nama penanda tangan"),
        SettingDef("signatory.position", str, "CAMAT SERANG", "Jabatan penanda tangan"),
        SettingDef("signatory.on_behalf_of", str, "", "Atas nama (a.n.)"),
        SettingDef("signatory.rank", str, "", "Pangkat/golongan"),
        SettingDef("signatory.nip", str, "", "NIP"),
        # Letter numbering: {classification}, {seq} (e.g. {seq:03}), {unit}, {month_roman},
        # {month} and {year}; the sequence restarts each year (see db.letters).
        SettingDef("letters.number_template", str,
                   "{classification}/{seq:03}/{unit}/{month_roman}/{year}", "Pola nomor surat"),
        SettingDef("letters.classification", str, "400.9", "Kode klasifikasi surat"),
        SettingDef("letters.unit_code", str, "Kec.Srg", "Kode unit pengolah"),
        SettingDef("letters.paper", str, "A4", "Ukuran kertas surat (A4 atau F4)"),
        # Edited letter templates; empty means the bundled resources/letters/<type>.txt.
        SettingDef("letters.template.usulan-pbi", str, "", "Templat surat usulan PBI-JK"),
        SettingDef("letters.template.rekomendasi-rtlh", str, "", "Templat surat rekomendasi RTLH"),
        SettingDef("letters.template.rekap", str, "", "Templat surat rekapitulasi"),
        SettingDef("auth.lockout_attempts", int, 5, "Percobaan masuk gagal sebelum akun dikunci"),
        SettingDef("auth.lockout_minutes", int, 15, "Lama akun dikunci (menit)"),
    )
}


def _check(defn: SettingDef, value: Any) -> str | None:
    if not isinstance(value, defn.kind) or isinstance(value, bool) != (defn.kind is bool):
        return f"harus bertipe {defn.kind.__name__}"
    if defn.key == "signatory.nip" and value and not (value.isdigit() and len(value) == 18):
        return "NIP harus 18 angka"
    if defn.key.startswith("auth.lockout_") and not 1 <= value <= 10_000:
        return "harus antara 1 dan 10000"
    return None


def get_all(session: Session) -> dict[str, Any]:
    """Every setting, stored value or default."""
    values = {key: d.default for key, d in DEFINITIONS.items()}
    for row in session.scalars(select(Setting)):
        if row.key in DEFINITIONS:
            values[row.key] = json.loads(row.value_json)
    return values


def get(session: Session, key: str) -> Any:
    defn = DEFINITIONS[key]
    row = session.get(Setting, key)
    return defn.default if row is None else json.loads(row.value_json)


def update(session: Session, actor: Actor, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Validate and store settings; returns the changed keys with (old, new). Audited."""
    actor.require("admin", action="mengubah pengaturan kantor")
    problems = []
    for key, value in values.items():
        defn = DEFINITIONS.get(key)
        if defn is None:
            problems.append((key, "pengaturan tidak dikenal"))
            continue
        error = _check(defn, value)
        if error:
            problems.append((defn.label, error))
    if problems:
        raise ValidationFailed(problems)
    current = get_all(session)
    changed = {k: (current[k], v) for k, v in values.items() if current[k] != v}
    for key, (_old, new) in changed.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value_json=json.dumps(new, ensure_ascii=False)))
        else:
            row.value_json = json.dumps(new, ensure_ascii=False)
    # The emblem is a large blob: record that it changed, not its bytes.
    audit.record_changes(
        session, actor, "setting", "office",
        {k: (("…" if o else "") , ("…" if n else "")) if k.endswith("base64") else (o, n)
         for k, (o, n) in changed.items()},
    )
    return changed
