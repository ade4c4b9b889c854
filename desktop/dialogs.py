"""Small message dialogs shared by the application: errors, confirmations, information.

Errors from the core (:class:`~db.errors.TepatError`) already say what is wrong and
what to do, in Indonesian; they are shown as they are. Anything else is a bug: the
operator gets a plain sentence and the technical details behind "Show Details...".
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from db.errors import TepatError


def error_box(parent: QWidget | None, error: BaseException, *, title: str | None = None
              ) -> QMessageBox:
    """The message box :func:`show_error` shows (built separately so tests can inspect it)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title or QCoreApplication.translate("Dialogs", "Tepat: error"))
    if isinstance(error, TepatError):
        box.setText(error.message)
        if error.hint:
            box.setInformativeText(error.hint)
    else:
        box.setText(QCoreApplication.translate(
            "Dialogs", "Something went wrong that Tepat did not expect."))
        box.setInformativeText(QCoreApplication.translate(
            "Dialogs", "Please report the details to your administrator."))
        box.setDetailedText("".join(traceback.format_exception(error)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    return box


def show_error(parent: QWidget | None, error: BaseException, *, title: str | None = None) -> None:
    """Show ``error`` in a modal message box and wait until it is closed."""
    error_box(parent, error, title=title).exec()


def inform(parent: QWidget | None, title: str, text: str, *, informative: str | None = None,
           details: str | None = None) -> None:
    """Show a modal information message; ``details`` go behind "Show Details..."."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("informBox")
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.exec()
