"""``tepat backup OUT``: a consistent copy of the whole database, taken while it is in use.

SQLite: the online backup API copies every page under a read transaction, so the copy
is consistent even while others write; it is written beside the target, checked with
``PRAGMA integrity_check`` and then renamed, so a half-written copy never carries the
target's name.

PostgreSQL: ``pg_dump --format=custom`` (one snapshot of the whole database) when
``pg_dump`` is on PATH, checked with ``pg_restore --list``. Restoring either kind is
described in docs/deployment.md.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from db import audit, permissions
from db.actor import Actor
from db.engine import Database
from db.errors import BackupFailed

PG_DUMP_DOC = (
    "pg_dump --format=custom --file=CADANGAN.dump "
    "--dbname=postgresql://PENGGUNA@HOST:5432/NAMA_BASIS_DATA (lihat docs/deployment.md)"
)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    dialect: str
    method: str  # "sqlite-online-backup" or "pg_dump"
    size_bytes: int

    def as_dict(self) -> dict:
        return {"path": str(self.path), "dialect": self.dialect, "method": self.method,
                "size_bytes": self.size_bytes}


def backup(database: Database, actor: Actor, out: str | os.PathLike[str], *,
           overwrite: bool = False) -> BackupResult:
    """Write a consistent copy of ``database`` to ``out``. Admins only; audited."""
    permissions.require(actor, "backup.create")
    target = Path(out).expanduser().resolve()
    if target.exists() and not overwrite:
        raise BackupFailed(f"Berkas {target} sudah ada; cadangan tidak ditimpa.",
                           hint="Pilih nama berkas lain, atau tambahkan --overwrite.")
    if target.is_dir():
        raise BackupFailed(f"{target} adalah folder; sebutkan nama berkas cadangan.")
    if not target.parent.is_dir():
        raise BackupFailed(f"Folder {target.parent} tidak ada.",
                           hint="Buat foldernya dulu atau pilih lokasi lain.")
    if database.dialect == "sqlite":
        method = "sqlite-online-backup"
        _backup_sqlite(database, target)
    else:
        method = "pg_dump"
        _backup_postgres(database.url, target)
    size = target.stat().st_size
    with database.write() as session:
        audit.record(session, actor, "backup", "database", None, field="file", new=str(target),
                     reason=f"{method}, {size} bita")
    return BackupResult(target, database.dialect, method, size)


def _temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    return Path(name)


def _backup_sqlite(database: Database, target: Path) -> None:
    source = database.sqlite_path
    if source is None:
        raise BackupFailed("Basis data di memori tidak dapat dicadangkan.")
    if source.resolve() == target:
        raise BackupFailed("Cadangan tidak boleh menimpa basis data itu sendiri.",
                           hint="Pilih nama berkas lain.")
    partial = _temp_beside(target)
    try:
        src = sqlite3.connect(source, timeout=15)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # The copy must not need the WAL beside it: a single self-contained file.
                dst.execute("PRAGMA journal_mode = DELETE")
                verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if verdict != "ok":
            raise BackupFailed(f"Salinan gagal diperiksa ({verdict}); cadangan tidak disimpan.",
                               hint="Jalankan lagi; bila terulang, basis data sumber mungkin "
                               "rusak.")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupFailed(f"Cadangan SQLite gagal: {exc}.",
                           hint="Periksa ruang disk dan izin tulis folder tujuan.") from exc
    except OSError as exc:
        raise BackupFailed(f"Cadangan tidak dapat ditulis ke {target}: {exc.strerror}.",
                           hint="Periksa ruang disk dan izin tulis folder tujuan.") from exc
    finally:
        partial.unlink(missing_ok=True)


def libpq_uri(url: URL) -> str:
    """The URL for libpq tools (no driver name, no password: that goes in PGPASSWORD)."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _backup_postgres(url: URL, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupFailed(
            "pg_dump tidak ditemukan di komputer ini, jadi basis data PostgreSQL tidak dapat "
            "dicadangkan dari Tepat.",
            hint="Pasang klien PostgreSQL (paket postgresql-client) atau jalankan di server: "
            + PG_DUMP_DOC,
        )
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    partial = _temp_beside(target)
    try:
        done = subprocess.run(
            [pg_dump, "--format=custom", f"--file={partial}", f"--dbname={libpq_uri(url)}"],
            env=env, capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(tanpa keterangan)"])[-1]
            hint = "Periksa sambungan dan hak akses pengguna basis data."
            if "version mismatch" in last:
                hint = "Pasang pg_dump yang versinya sama atau lebih baru dari server."
            raise BackupFailed(f"pg_dump gagal: {last}", hint=hint)
        pg_restore = shutil.which("pg_restore")
        if pg_restore is not None:
            listed = subprocess.run([pg_restore, "--list", str(partial)],
                                    capture_output=True, text=True, check=False)
            if listed.returncode != 0 or "audit_events" not in listed.stdout:
                raise BackupFailed("Berkas hasil pg_dump tidak dapat dibaca kembali; "
                                   "cadangan tidak disimpan.")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
