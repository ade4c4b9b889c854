"""Signing in: the login dialog, and the first-start dialog that creates the administrator.

Neither dialog checks a password itself. They emit what was typed; the owner checks it
off the GUI thread (argon2 takes a noticeable moment) and answers with :meth:`succeed`
or :meth:`fail`, whose message is shown as it is (it comes from the core, in Indonesian).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b3261e;"


def error_label(parent: QWidget) -> QLabel:
    """A red, word-wrapped line for a refusal; hidden until there is one."""
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def password_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


class AnswerableDialog(QDialog):
    """A dialog that waits for its owner's verdict after the person confirms."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.error = error_label(self)
        self._inputs: list[QWidget] = []
        self._buttons: list[QPushButton] = []

    def set_busy(self, busy: bool) -> None:
        """Grey the inputs while the owner checks (no double submission)."""
        for widget in (*self._inputs, *self._buttons):
            widget.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def fail(self, message: str, hint: str | None = None) -> None:
        """Show why it was refused and let the person try again."""
        self.set_busy(False)
        self.error.setText(message if not hint else f"{message}\n{hint}")
        self.error.show()
        self.adjustSize()

    def succeed(self) -> None:
        self.set_busy(False)
        self.accept()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()


class LoginDialog(AnswerableDialog):
    """User name and password; emits :attr:`signInRequested` when the person signs in."""

    signInRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, *, username: str = "",
                 where: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setModal(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.where = QLabel(where, self)
        self.where.setObjectName("databaseLabel")
        self.where.setStyleSheet("color: palette(mid);")
        self.where.setVisible(bool(where))
        self.username = QLineEdit(username, self)
        self.username.setObjectName("usernameEdit")
        self.username.setMaxLength(60)
        self.password = password_edit(self, "passwordEdit")
        self.form = QFormLayout()
        self.username_label = QLabel(self)
        self.password_label = QLabel(self)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.password_label, self.password)
        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.where)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._inputs = [self.username, self.password]
        self._buttons = [self.sign_in_button]
        self.setMinimumWidth(380)
        (self.password if username else self.username).setFocus()
        self.translateUI()

    def _submit(self) -> None:
        name = self.username.text().strip()
        if not name or not self.password.text():
            self.fail(self.tr("Type your user name and password."))
            (self.username if not name else self.password).setFocus()
            return
        self.clear_error()
        self.set_busy(True)
        self.signInRequested.emit(name, self.password.text())

    def fail(self, message: str, hint: str | None = None) -> None:
        super().fail(message, hint)
        self.password.clear()
        self.password.setFocus()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Sign in to Tepat"))
        self.intro.setText(self.tr("Sign in with the user name and password your office "
                                   "administrator gave you."))
        self.username_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.sign_in_button.setText(self.tr("&Sign in"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)


class FirstAdminDialog(AnswerableDialog):
    """The first start on a database without users: create the administrator, or try the
    demo mode (allowed only while no user exists)."""

    createRequested = Signal(str, str, str)  # user name, full name, password
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, where: str = "",
                 allow_demo: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminDialog")
        self.setModal(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.where = QLabel(where, self)
        self.where.setStyleSheet("color: palette(mid);")
        self.where.setVisible(bool(where))
        self.username = QLineEdit(self)
        self.username.setObjectName("usernameEdit")
        self.username.setMaxLength(60)
        self.full_name = QLineEdit(self)
        self.full_name.setObjectName("fullNameEdit")
        self.full_name.setMaxLength(120)
        self.password = password_edit(self, "passwordEdit")
        self.confirm = password_edit(self, "confirmEdit")
        self.labels = [QLabel(self) for _ in range(4)]
        self.form = QFormLayout()
        for label, editor in zip(self.labels, (self.username, self.full_name, self.password,
                                               self.confirm)):
            label.setBuddy(editor)
            self.form.addRow(label, editor)
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createAdminButton")
        self.create_button.setDefault(True)
        self.demo_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setVisible(allow_demo)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.create_button.clicked.connect(self._submit)
        self.demo_button.clicked.connect(self._demo)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.where)
        layout.addLayout(self.form)
        layout.addWidget(self.rule)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._inputs = [self.username, self.full_name, self.password, self.confirm]
        self._buttons = [self.create_button, self.demo_button]
        self.chose_demo = False
        self.setMinimumWidth(460)
        self.username.setFocus()
        self.translateUI()

    def _submit(self) -> None:
        if not self.username.text().strip():
            self.fail(self.tr("Choose a user name for the administrator."))
            self.username.setFocus()
            return
        if self.password.text() != self.confirm.text():
            self.fail(self.tr("The two passwords are not the same; type them again."))
            self.password.clear()
            self.confirm.clear()
            self.password.setFocus()
            return
        self.clear_error()
        self.set_busy(True)
        self.createRequested.emit(self.username.text().strip(), self.full_name.text().strip(),
                                  self.password.text())

    def _demo(self) -> None:
        self.chose_demo = True
        self.clear_error()
        self.set_busy(True)
        self.demoRequested.emit()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Tepat"))
        self.intro.setText(self.tr(
            "This database has no users yet. Create the administrator: the person who adds "
            "the other users and gives them their roles. The administrator gets every role "
            "to begin with; they can be narrowed later."))
        for label, text in zip(self.labels, (self.tr("&User name:"), self.tr("&Full name:"),
                                             self.tr("&Password:"), self.tr("&Repeat password:"))):
            label.setText(text)
        self.rule.setText(self.tr(
            "User names use lower-case letters, digits, dots or dashes (for example "
            "siti.aminah). Passwords need at least 8 characters and must not be easy to "
            "guess."))
        self.create_button.setText(self.tr("&Create administrator"))
        self.demo_button.setText(self.tr("Try the &demo mode"))
        self.demo_button.setToolTip(self.tr(
            "Work without signing in as the built-in demo administrator. Only possible "
            "while the database has no users; the window says so in red."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
