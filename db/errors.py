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


class TransitionNotAllowed(TepatError):
    """A proposal may not move to the asked state: wrong role, state, findings or quota.

    ``proposal_id``, ``from_state`` and ``to_state`` say which move was refused; the
    message says why in words an operator can act on.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        proposal_id: int | None = None,
        from_state: str | None = None,
        to_state: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.proposal_id = proposal_id
        self.from_state = from_state
        self.to_state = to_state


class SignInFailed(TepatError):
    """Sign-in refused: wrong user name or password (the message never says which)."""


class AccountLocked(SignInFailed):
    """Too many failed sign-ins in a row: the account waits until ``locked_until``."""


class AccountDisabled(SignInFailed):
    """An administrator disabled the account."""


class PasswordChangeRequired(TepatError):
    """The password was reset by an administrator and must be changed before other work."""


class BackupFailed(TepatError):
    """A backup could not be written (target exists, disk full, pg_dump missing or failing)."""


class BoundaryCrsMissing(BoundaryFileInvalid):
    """A boundary file does not say its coordinate system; the caller must name one.

    ``suggestion`` is a CRS the coordinates look like (e.g. ``EPSG:4326``), or None.
    """

    def __init__(self, message: str, *, hint: str | None = None,
                 suggestion: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.suggestion = suggestion


class LetterRefused(TepatError):
    """A letter cannot be issued as asked (no proposals, one not approved, a bad template).

    Raised before a letter number is taken, or inside the transaction that took it, which
    then rolls back: a refused letter never uses up a number.
    """


class LetterheadIncomplete(TepatError):
    """The letterhead or signatory settings a letter needs are not filled in."""


class CertificateRejected(TepatError):
    """A signing certificate cannot be used: wrong passphrase, expired, not for signing."""


class RecordChanged(StaleRecord):
    """A stale save, with what the other user changed so the GUI can show and merge it.

    ``changes`` lists :class:`db.households.FieldConflict` (field, their value, your
    value); ``current`` is the record as stored now (None when the race was only seen
    at write time: reload it). ``by``/``at`` name the last change, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        changes: list | None = None,
        current: object | None = None,
        by: str | None = None,
        at: object | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.changes = list(changes or [])
        self.current = current
        self.by = by
        self.at = at


class SpreadsheetUnreadable(TepatError):
    """A file offered for import cannot be read as a spreadsheet (or CSV), or is empty."""


class MappingInvalid(TepatError):
    """A column mapping does not fit the sheet (a mapped column or the NIK column is missing)."""


class ImportRejected(TepatError):
    """An all-or-nothing import found invalid rows and wrote nothing; ``report`` says which."""

    def __init__(self, message: str, *, hint: str | None = None, report: object = None) -> None:
        super().__init__(message, hint=hint)
        self.report = report


class ImportCancelled(TepatError):
    """The operator cancelled an import; the database is as it was before."""


class ReferenceOutdated(TepatError):
    """A reference list file is dated before the list already active for its kind."""
