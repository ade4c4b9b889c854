"""The audit trail is append-only in the database itself, on SQLite and PostgreSQL.

The triggers come from the first migration and go with its downgrade. On PostgreSQL the
application's role also lacks the privileges, using the grants block of
docs/deployment.md exactly as written there.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from sqlalchemy.engine import make_url

from db import audit, auth, schema, users
from db.actor import Actor, demo_admin
from db.engine import Database, open_database
from db.models import AuditEvent

DOC = Path(__file__).resolve().parents[1] / "docs" / "deployment.md"
REFUSAL = "audit_events is append-only"


def _one_event(database: Database, actor: Actor) -> int:
    with database.write() as session:
        audit.record(session, actor, "update", "household", 1, field="address",
                     old="Jl. Lama", new="Jl. Baru")
    with database.read() as session:
        return session.scalar(sa.select(sa.func.max(AuditEvent.id)))


def _row(database: Database, event_id: int) -> tuple:
    with database.read() as session:
        return tuple(session.execute(
            sa.select(AuditEvent.old_value, AuditEvent.new_value, AuditEvent.username)
            .where(AuditEvent.id == event_id)).one())


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET new_value = 'dipalsukan' WHERE id = :id",
    "UPDATE audit_events SET username = 'orang lain'",
    "DELETE FROM audit_events WHERE id = :id",
    "DELETE FROM audit_events",
])
def test_database_refuses_changing_or_deleting_audit_rows(
        database: Database, actor: Actor, statement: str):
    event_id = _one_event(database, actor)
    with pytest.raises(sa.exc.DBAPIError) as err, database.write() as session:
        session.execute(sa.text(statement), {"id": event_id})
    assert REFUSAL in str(err.value)
    assert _row(database, event_id) == ("Jl. Lama", "Jl. Baru", "demo-admin")


def test_orm_edits_of_audit_rows_fail_too(database: Database, actor: Actor):
    event_id = _one_event(database, actor)
    with pytest.raises(sa.exc.DBAPIError), database.write() as session:
        session.get(AuditEvent, event_id).reason = "diubah"
    with pytest.raises(sa.exc.DBAPIError), database.write() as session:
        session.delete(session.get(AuditEvent, event_id))
    assert _row(database, event_id) == ("Jl. Lama", "Jl. Baru", "demo-admin")
    # Appending still works.
    assert _one_event(database, actor) == event_id + 1


def _triggers(database: Database) -> set[str]:
    with database.engine.connect() as conn:
        if database.dialect == "sqlite":
            rows = conn.execute(sa.text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_events'"))
        else:
            rows = conn.execute(sa.text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                "AND tgrelid = 'audit_events'::regclass"))
        return set(rows.scalars())


def test_triggers_come_with_the_migration_and_go_with_its_downgrade(empty_database: Database):
    schema.upgrade(empty_database, backup=False)
    expected = ({"audit_events_no_update", "audit_events_no_delete"}
                if empty_database.dialect == "sqlite"
                else {"audit_events_append_only", "audit_events_no_truncate"})
    assert _triggers(empty_database) == expected
    schema.downgrade(empty_database, "base")
    with empty_database.engine.connect() as conn:
        if empty_database.dialect == "sqlite":
            left = conn.execute(sa.text(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")).scalar()
        else:
            left = conn.execute(sa.text(
                "SELECT count(*) FROM pg_proc WHERE proname = 'tepat_audit_append_only'")).scalar()
    assert left == 0
    schema.upgrade(empty_database, backup=False)
    assert _triggers(empty_database) == expected


# ------------------------------------------------------------------ PostgreSQL grants


def grants_block() -> str:
    """The SQL of docs/deployment.md under its app-role-grants marker."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- app-role-grants[^>]*-->\s*```sql\n(.*?)```", text, re.DOTALL)
    assert match, "docs/deployment.md lost its app-role-grants block"
    return match.group(1)


@pytest.fixture
def app_role(pg_admin_engine) -> str:
    name = f"tepat_app_{uuid.uuid4().hex[:8]}"
    with pg_admin_engine.connect() as conn:
        conn.execute(sa.text(f"CREATE ROLE {name} LOGIN PASSWORD 'rahasia-uji-1'"))
    yield name
    with pg_admin_engine.connect() as conn:
        conn.execute(sa.text(f"DROP ROLE IF EXISTS {name}"))


def test_app_role_from_the_deployment_guide_cannot_touch_the_trail(
        database_url: str, request, monkeypatch):
    if not database_url.startswith("postgresql"):
        pytest.skip("roles and grants are PostgreSQL's")
    app_role = request.getfixturevalue("app_role")
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024,
                                                       parallelism=1))
    owner = open_database(database_url)
    schema.upgrade(owner, backup=False)
    db_name = make_url(database_url).database
    sql = grants_block().replace("tepat_app", app_role).replace(
        "DATABASE tepat ", f'DATABASE "{db_name}" ')
    with owner.engine.begin() as conn:
        for statement in filter(None, (s.strip() for s in re.sub(
                r"--[^\n]*", "", sql).split(";"))):
            conn.execute(sa.text(statement))

    app_url = make_url(database_url).set(username=app_role, password="rahasia-uji-1")
    app = open_database(app_url.render_as_string(hide_password=False))
    try:
        # Tepat itself works as the application role: start-up, users, signing in, audit.
        assert schema.upgrade(app).from_revision == schema.head_revision()
        with app.read() as session:
            admin = demo_admin(session)
        with app.write() as session:
            users.add_user(session, admin, "kepala", "kopi-pagi-7", roles=["admin"])
        signed = auth.sign_in(app, "kepala", "kopi-pagi-7")
        event_id = _one_event(app, signed)

        refused = {
            "UPDATE audit_events SET reason = 'x'": "permission denied",
            "DELETE FROM audit_events": "permission denied",
            "TRUNCATE audit_events": "permission denied",
            "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only": "must be owner",
            "DROP TRIGGER audit_events_append_only ON audit_events": "must be owner",
            "DROP TABLE audit_events": "must be owner",
            "UPDATE alembic_version SET version_num = 'x'": "permission denied",
        }
        for statement, reason in refused.items():
            with pytest.raises(sa.exc.DBAPIError) as err, app.engine.begin() as conn:
                conn.execute(sa.text(statement))
            assert reason in str(err.value), statement
        assert _row(app, event_id) == ("Jl. Lama", "Jl. Baru", "kepala")
        # Even the owner is stopped by the trigger (only disabling it would help).
        with pytest.raises(sa.exc.DBAPIError) as err, owner.engine.begin() as conn:
            conn.execute(sa.text("TRUNCATE audit_events"))
        assert REFUSAL in str(err.value)
    finally:
        app.dispose()
        with owner.engine.begin() as conn:
            conn.execute(sa.text(f"DROP OWNED BY {app_role}"))
        owner.dispose()
