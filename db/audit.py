"""Append-only audit events: who did what to which record, and the old and new values.

Services call :func:`record` (or :func:`record_changes`) in the same transaction as the
change itself, so a change and its audit trail commit or vanish together.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.actor import Actor
from db.models import AuditEvent


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object = None,
    *,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    reason: str | None = None,
) -> None:
    session.add(
        AuditEvent(
            user_id=actor.user_id,
            username=actor.username,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            field=field,
            old_value=_text(old),
            new_value=_text(new),
            reason=reason,
        )
    )


def record_changes(
    session: Session,
    actor: Actor,
    entity: str,
    entity_id: object,
    changes: Mapping[str, tuple[Any, Any]],
    *,
    action: str = "update",
    reason: str | None = None,
) -> None:
    """One event per changed field: ``changes`` maps field -> (old, new)."""
    for name, (old, new) in changes.items():
        if old != new:
            record(session, actor, action, entity, entity_id, field=name, old=old, new=new,
                   reason=reason)


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str | None
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None


def history(session: Session, entity: str, entity_id: object, limit: int = 500) -> list[AuditRow]:
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    return [
        AuditRow(r.at, r.username, r.action, r.entity, r.entity_id, r.field, r.old_value,
                 r.new_value, r.reason)
        for r in rows
    ]
