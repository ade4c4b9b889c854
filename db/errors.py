"""Typed errors raised by the headless core.

Each error carries a message a person can act on: what is wrong and what to do.
Messages are in Indonesian, the language of the operators (db/ has no Qt and so
no translation layer; the GUI shows the message as it is).
"""

from __future__ import annotations


class TepatError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class DatabaseUnavailable(TepatError):
    """The database cannot be reached or opened (server down, wrong password...)."""


class DatabaseReadOnly(TepatError):
    """The SQLite file or its folder cannot be written."""


class DatabaseCorrupt(TepatError):
    """The file is not a SQLite database or fails its integrity check."""


class SchemaTooNew(TepatError):
    """The database was written by a newer Tepat than this one."""


class BoundaryFileInvalid(TepatError):
    """A boundary file cannot be read as the format it claims to be."""


class PermissionDenied(TepatError):
    """The acting user may not do this."""


class NotFound(TepatError):
    """The record asked for does not exist (or is outside the user's scope)."""


class StaleRecord(TepatError):
    """Someone else saved the record after it was loaded (optimistic locking)."""


class ValidationFailed(TepatError):
    """Input was refused; ``problems`` lists (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        text = "; ".join(f"{field}: {msg}" for field, msg in problems)
        super().__init__(text)


class NotEmpty(TepatError):
    """An operation that needs an empty register found data in it."""
