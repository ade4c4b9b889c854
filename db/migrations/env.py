"""Alembic environment: always run by db.schema with a live connection."""

from __future__ import annotations

from alembic import context

from db.models import Base
from db.search import is_search_object

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded: migrations run only through db.schema
    raise RuntimeError("Run migrations through 'tepat db upgrade', not the alembic command.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    # Migration 0002's search index (FTS5 table and triggers, pg_trgm indexes) is
    # dialect-specific and lives outside the models: autogenerate must leave it alone.
    include_name=lambda name, _type, _parents: not is_search_object(name or ""),
)
with context.begin_transaction():
    context.run_migrations()
