"""Changing a password: one's own (knowing the current one), or an administrator's reset of
someone else's. The dialogs emit what was typed; the owner asks the core and answers with
``succeed()`` or ``fail(message, hint)``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from widgets.login_dialog import AnswerableDialog, password_edit


class ChangePasswordDialog(AnswerableDialog):
    """Current password, new password twice. ``forced``: after an administrator's reset,
    the person must choose a new password before working."""

    changeRequested = Signal(str, str)  # current, new

    def __init__(self, parent: QWidget | None = None, *, username: str = "",
                 forced: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setModal(True)
        self.username = username
        self.forced = forced
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.current = password_edit(self, "currentPasswordEdit")
        self.new = password_edit(self, "newPasswordEdit")
        self.confirm = password_edit(self, "confirmPasswordEdit")
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for label, editor in zip(self.labels, (self.current, self.new, self.confirm)):
            label.setBuddy(editor)
            form.addRow(label, editor)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("changeButton")
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._inputs = [self.current, self.new, self.confirm]
        self._buttons = [self.ok_button]
        self.setMinimumWidth(400)
        self.current.setFocus()
        self.translateUI()

    def _submit(self) -> None:
        if not self.current.text():
            self.fail(self.tr("Type your current password."))
            self.current.setFocus()
            return
        if self.new.text() != self.confirm.text():
            self.fail(self.tr("The two new passwords are not the same; type them again."))
            self.new.clear()
            self.confirm.clear()
            self.new.setFocus()
            return
        self.clear_error()
        self.set_busy(True)
        self.changeRequested.emit(self.current.text(), self.new.text())

    def fail(self, message: str, hint: str | None = None) -> None:
        super().fail(message, hint)
        self.new.clear()
        self.confirm.clear()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Change password"))
        if self.forced:
            self.intro.setText(self.tr(
                "An administrator has reset the password of {name}. Choose a new password "
                "that only you know before you continue.").format(name=self.username))
        else:
            self.intro.setText(self.tr("Choose a new password for {name}.").format(
                name=self.username))
        for label, text in zip(self.labels, (self.tr("C&urrent password:"),
                                             self.tr("&New password:"),
                                             self.tr("&Repeat new password:"))):
            label.setText(text)
        self.ok_button.setText(self.tr("&Change password"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)


class ResetPasswordDialog(AnswerableDialog):
    """An administrator sets a new password for another user (who must change it)."""

    resetRequested = Signal(str, str)  # user name, new password

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resetPasswordDialog")
        self.setModal(True)
        self.username = username
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.new = password_edit(self, "newPasswordEdit")
        self.confirm = password_edit(self, "confirmPasswordEdit")
        self.labels = [QLabel(self) for _ in range(2)]
        form = QFormLayout()
        for label, editor in zip(self.labels, (self.new, self.confirm)):
            label.setBuddy(editor)
            form.addRow(label, editor)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("resetButton")
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._inputs = [self.new, self.confirm]
        self._buttons = [self.ok_button]
        self.setMinimumWidth(400)
        self.new.setFocus()
        self.translateUI()

    def _submit(self) -> None:
        if self.new.text() != self.confirm.text():
            self.fail(self.tr("The two passwords are not the same; type them again."))
            self.new.clear()
            self.confirm.clear()
            self.new.setFocus()
            return
        self.clear_error()
        self.set_busy(True)
        self.resetRequested.emit(self.username, self.new.text())

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Reset password"))
        self.intro.setText(self.tr(
            "Set a new password for {name}. Tell it to them in person; they must choose "
            "their own at the next sign-in, and a lock after failed sign-ins is lifted."
        ).format(name=self.username))
        self.labels[0].setText(self.tr("&New password:"))
        self.labels[1].setText(self.tr("&Repeat new password:"))
        self.ok_button.setText(self.tr("&Reset password"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
