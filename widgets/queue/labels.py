"""Names the queue shows for workflow steps, worklists and programs, translatable.

State names are the register's (:func:`widgets.register.labels.state_label`), so a state
reads the same in the queue, the register and the map: "rejected" is the Camat's refusal
and "declined" the Dinas's, as the workflow means them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from widgets.register import labels as register_labels

# The step that leads into each state, as a button or menu says it.
MOVES = {
    "submitted": QT_TRANSLATE_NOOP("Queue", "Submit"),
    "in_field": QT_TRANSLATE_NOOP("Queue", "Send to the field…"),
    "eligible": QT_TRANSLATE_NOOP("Queue", "Record field result…"),
    "not_eligible": QT_TRANSLATE_NOOP("Queue", "Record field result…"),
    "approved": QT_TRANSLATE_NOOP("Queue", "Approve"),
    "rejected": QT_TRANSLATE_NOOP("Queue", "Reject…"),
    "accepted": QT_TRANSLATE_NOOP("Queue", "Accepted by the Dinas"),
    "declined": QT_TRANSLATE_NOOP("Queue", "Declined by the Dinas…"),
    "returned": QT_TRANSLATE_NOOP("Queue", "Return for revision…"),
    "cancelled": QT_TRANSLATE_NOOP("Queue", "Cancel proposal…"),
}
WORKLISTS = {
    "to_check": QT_TRANSLATE_NOOP("Queue", "To check"),
    "in_field": QT_TRANSLATE_NOOP("Queue", "In the field"),
    "to_approve": QT_TRANSLATE_NOOP("Queue", "To approve"),
    "ready_for_letter": QT_TRANSLATE_NOOP("Queue", "Ready for a letter"),
    "returned": QT_TRANSLATE_NOOP("Queue", "Returned"),
    "done": QT_TRANSLATE_NOOP("Queue", "Finished"),
}
PROGRAMS = {
    "pbi-jk": QT_TRANSLATE_NOOP("Queue", "PBI-JK"),
    "rtlh": QT_TRANSLATE_NOOP("Queue", "RTLH"),
}
SOURCES = {
    "kelurahan_meeting": QT_TRANSLATE_NOOP("Queue", "Kelurahan meeting"),
    "rt_rw_forum": QT_TRANSLATE_NOOP("Queue", "RT/RW forum"),
    "walk_in": QT_TRANSLATE_NOOP("Queue", "Walk-in"),
    "dinas_list": QT_TRANSLATE_NOOP("Queue", "Dinas list"),
}


def _tr(source: str | None, fallback: str) -> str:
    return QCoreApplication.translate("Queue", source) if source else fallback


def state_label(state: str) -> str:
    """The state's name, the same wherever Tepat shows it (widgets.register.labels)."""
    return register_labels.state_label(state)


def move_label(state: str) -> str:
    return _tr(MOVES.get(state), state)


def worklist_label(name: str) -> str:
    return _tr(WORKLISTS.get(name), name)


def program_label(code: str) -> str:
    return _tr(PROGRAMS.get(code), code.upper())


def source_label(code: str) -> str:
    return _tr(SOURCES.get(code), code)
