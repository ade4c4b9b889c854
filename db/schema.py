"""Schema versions: upgrade on start, refuse databases written by a newer Tepat.

Migrations live in ``db/migrations/versions``; they run in batch mode on SQLite. Before a
SQLite file that already holds data is upgraded, it is copied with SQLite's online backup.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.engine import Database
from db.errors import SchemaTooNew

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


@dataclass(frozen=True)
class SchemaState:
    current: str | None  # None: empty database
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def too_new(self) -> bool:
        return self.current is not None and self.current not in known_revisions()


def state(database: Database) -> SchemaState:
    with database.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    return SchemaState(current=current, head=head_revision())


def check_not_too_new(database: Database) -> SchemaState:
    st = state(database)
    if st.too_new:
        raise SchemaTooNew(
            f"Basis data ini ditulis oleh Tepat yang lebih baru (skema {st.current}); "
            f"versi ini hanya mengenal sampai skema {st.head}.",
            hint="Perbarui Tepat di komputer ini; basis data tidak diubah.",
        )
    return st


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def backup_sqlite(database: Database, label: str) -> Path | None:
    """Copy a SQLite file beside itself with the online backup API; returns the copy's path."""
    path = database.sqlite_path
    if path is None or not path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def _run(database: Database, action: str, target: str) -> None:
    cfg = _config()
    with database.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        if action == "upgrade":
            command.upgrade(cfg, target)
        else:
            command.downgrade(cfg, target)


def upgrade(database: Database, *, backup: bool = True) -> UpgradeResult:
    """Bring the schema to the newest revision (no-op when already there)."""
    st = check_not_too_new(database)
    if st.up_to_date:
        return UpgradeResult(st.current, st.head, None)
    copy = backup_sqlite(database, f"before-{st.head}") if backup and st.current else None
    _run(database, "upgrade", "head")
    return UpgradeResult(st.current, st.head, copy)


def downgrade(database: Database, target: str = "base") -> None:
    """Step the schema back (used by tests and by administrators rolling back)."""
    check_not_too_new(database)
    _run(database, "downgrade", target)
