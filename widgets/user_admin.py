"""User administration: the list of users, and dialogs to add or edit one, disable or enable
them, and reset a password.

The widget shows the rows it is given (:meth:`UserAdminWidget.set_users`) and says what the
administrator asked for through signals; the owner runs the service and answers the dialog
that asked (``succeed()``/``fail()``), then gives the widget the new list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.regions import RegionRow
from db.users import UserRow
from widgets.change_password import ResetPasswordDialog
from widgets.login_dialog import AnswerableDialog, error_label, password_edit

ROLE_CODES = ("operator", "field_officer", "reviewer", "signatory", "admin")
CODE_ROLE = Qt.ItemDataRole.UserRole


def role_label(code: str) -> str:
    """The role's name in the interface language."""
    labels = {
        "operator": QCoreApplication.translate("UserAdmin", "Operator"),
        "field_officer": QCoreApplication.translate("UserAdmin", "Field officer"),
        "reviewer": QCoreApplication.translate("UserAdmin", "Reviewer"),
        "signatory": QCoreApplication.translate("UserAdmin", "Signatory (Camat)"),
        "admin": QCoreApplication.translate("UserAdmin", "Administrator"),
    }
    return labels.get(code, code)


def role_description(code: str) -> str:
    texts = {
        "operator": QCoreApplication.translate(
            "UserAdmin", "register, proposals and desk checks"),
        "field_officer": QCoreApplication.translate(
            "UserAdmin", "field results of the proposals assigned to them"),
        "reviewer": QCoreApplication.translate("UserAdmin", "return or recommend proposals"),
        "signatory": QCoreApplication.translate("UserAdmin", "approve proposals, sign letters"),
        "admin": QCoreApplication.translate(
            "UserAdmin", "users, settings, reference data and the audit log"),
    }
    return texts.get(code, "")


def scope_text(row: UserRow) -> str:
    if not row.scope:
        return QCoreApplication.translate("UserAdmin", "Whole city")
    return ", ".join(name for _code, name in row.scope)


@dataclass(frozen=True)
class UserForm:
    """What the add/edit dialog collected."""

    username: str
    full_name: str
    roles: tuple[str, ...]
    scope: tuple[str, ...]  # empty: the whole city
    password: str | None  # only when adding


class ScopePicker(QWidget):
    """Whole city, or checked kecamatan and kelurahan (a checked kecamatan covers all of it)."""

    def __init__(self, regions: Sequence[RegionRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.whole_city = QRadioButton(self)
        self.whole_city.setObjectName("wholeCityRadio")
        self.selected = QRadioButton(self)
        self.selected.setObjectName("selectedRegionsRadio")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("scopeTree")
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumHeight(180)
        self._items: dict[str, QTreeWidgetItem] = {}
        for region in regions:
            if region.level == "kecamatan":
                item = QTreeWidgetItem([f"{region.name} ({region.code})"])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsAutoTristate)
                self.tree.addTopLevelItem(item)
            elif region.level == "desa_kelurahan" and region.parent_code in self._items:
                item = QTreeWidgetItem(self._items[region.parent_code], [region.name])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            else:
                continue
            item.setData(0, CODE_ROLE, region.code)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            self._items[region.code] = item
        self.whole_city.toggled.connect(lambda on: self.tree.setEnabled(not on))
        self.whole_city.setChecked(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.whole_city)
        layout.addWidget(self.selected)
        layout.addWidget(self.tree)
        self.translateUI()

    def set_codes(self, codes: Sequence[str]) -> None:
        if not codes:
            self.whole_city.setChecked(True)
            return
        self.selected.setChecked(True)
        for code in codes:
            item = self._items.get(code)
            if item is not None:
                item.setCheckState(0, Qt.CheckState.Checked)
                if item.parent() is not None:
                    item.parent().setExpanded(True)

    def codes(self) -> tuple[str, ...]:
        """Checked kecamatan, and checked kelurahan of kecamatan not wholly checked."""
        if self.whole_city.isChecked():
            return ()
        chosen = []
        for i in range(self.tree.topLevelItemCount()):
            kec = self.tree.topLevelItem(i)
            if kec.checkState(0) == Qt.CheckState.Checked:
                chosen.append(kec.data(0, CODE_ROLE))
                continue
            chosen += [kec.child(j).data(0, CODE_ROLE) for j in range(kec.childCount())
                       if kec.child(j).checkState(0) == Qt.CheckState.Checked]
        return tuple(chosen)

    def translateUI(self) -> None:
        self.whole_city.setText(self.tr("&Whole city"))
        self.selected.setText(self.tr("Only the checked &kecamatan and kelurahan:"))


class UserEditDialog(AnswerableDialog):
    """Add a user (with a first password) or change one's full name, roles and scope."""

    saveRequested = Signal(object)  # UserForm

    def __init__(self, regions: Sequence[RegionRow], user: UserRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userEditDialog")
        self.setModal(True)
        self.user = user
        self.username = QLineEdit(user.username if user else "", self)
        self.username.setObjectName("usernameEdit")
        self.username.setMaxLength(60)
        self.username.setReadOnly(user is not None)
        self.full_name = QLineEdit(user.full_name if user else "", self)
        self.full_name.setObjectName("fullNameEdit")
        self.full_name.setMaxLength(120)
        self.password = password_edit(self, "passwordEdit")
        self.confirm = password_edit(self, "confirmEdit")
        self.form = QFormLayout()
        rows = [self.username, self.full_name] + ([] if user else [self.password, self.confirm])
        if user is not None:
            self.password.hide()
            self.confirm.hide()
        self.labels = [QLabel(self) for _ in rows]
        for label, editor in zip(self.labels, rows):
            label.setBuddy(editor)
            self.form.addRow(label, editor)
        self.roles_box = QGroupBox(self)
        roles_layout = QVBoxLayout(self.roles_box)
        self.role_checks: dict[str, QCheckBox] = {}
        for code in ROLE_CODES:
            check = QCheckBox(self.roles_box)
            check.setObjectName(f"role_{code}")
            check.setChecked(bool(user and code in user.roles))
            roles_layout.addWidget(check)
            self.role_checks[code] = check
        self.scope_box = QGroupBox(self)
        self.scope = ScopePicker(regions, self.scope_box)
        QVBoxLayout(self.scope_box).addWidget(self.scope)
        if user is not None:
            self.scope.set_codes([code for code, _name in user.scope])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(self.roles_box, 1)
        columns.addWidget(self.scope_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._inputs = [self.username, self.full_name, self.password, self.confirm,
                        self.roles_box, self.scope_box]
        self._buttons = [self.save_button]
        self.setMinimumWidth(640)
        self.translateUI()

    def form_values(self) -> UserForm:
        return UserForm(
            self.username.text().strip(), self.full_name.text().strip(),
            tuple(code for code, check in self.role_checks.items() if check.isChecked()),
            self.scope.codes(), None if self.user else self.password.text(),
        )

    def _submit(self) -> None:
        values = self.form_values()
        if not values.roles:
            self.fail(self.tr("Choose at least one role."))
            return
        if self.scope.selected.isChecked() and not values.scope:
            self.fail(self.tr("Check at least one kecamatan or kelurahan, or choose the "
                              "whole city."))
            return
        if self.user is None and self.password.text() != self.confirm.text():
            self.fail(self.tr("The two passwords are not the same; type them again."))
            self.password.clear()
            self.confirm.clear()
            return
        self.clear_error()
        self.set_busy(True)
        self.saveRequested.emit(values)

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Add user") if self.user is None else
                            self.tr("Edit user {name}").format(name=self.user.username))
        texts = (self.tr("&User name:"), self.tr("&Full name:"), self.tr("&Password:"),
                 self.tr("&Repeat password:"))
        for label, text in zip(self.labels, texts):
            label.setText(text)
        self.username.setPlaceholderText(self.tr("for example siti.aminah"))
        self.roles_box.setTitle(self.tr("Roles"))
        for code, check in self.role_checks.items():
            check.setText(role_label(code))
            check.setToolTip(role_description(code))
        self.scope_box.setTitle(self.tr("Area of work"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)


class UserAdminWidget(QWidget):
    """The users of this database with buttons to add, edit, disable/enable, reset."""

    refreshRequested = Signal(str)  # search text
    saveRequested = Signal(object, object)  # UserForm, the UserEditDialog to answer
    activeChangeRequested = Signal(str, bool)  # user name, active
    resetRequested = Signal(str, str, object)  # user name, password, the dialog to answer

    COLUMNS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userAdmin")
        self.rows: list[UserRow] = []
        self.regions: list[RegionRow] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("userSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.returnPressed.connect(lambda: self.refreshRequested.emit(self.search.text()))
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("userTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addUserButton")
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editUserButton")
        self.active_button = QPushButton(self)
        self.active_button.setObjectName("toggleActiveButton")
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("resetPasswordButton")
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_selected)
        self.active_button.clicked.connect(self._toggle_active)
        self.reset_button.clicked.connect(self.reset_selected)
        self.error = error_label(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.translateUI()
        self._update_buttons()

    # ------------------------------------------------------------------ data in

    def set_regions(self, regions: Sequence[RegionRow]) -> None:
        self.regions = list(regions)

    def set_users(self, rows: Sequence[UserRow]) -> None:
        """Show ``rows``; the selected user stays selected when still listed."""
        selected = self.selected_user()
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = (row.username, row.full_name, ", ".join(role_label(c) for c in row.roles),
                      scope_text(row), self._status(row))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if not row.active:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(r, c, item)
            if selected is not None and row.username == selected.username:
                self.table.selectRow(r)
        self.error.hide()
        self._update_buttons()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _status(self, row: UserRow) -> str:
        if not row.active:
            return self.tr("Disabled")
        if row.locked_until is not None:
            when = QLocale().toString(row.locked_until.astimezone().time(),
                                      QLocale.FormatType.ShortFormat)
            return self.tr("Locked until {time}").format(time=when)
        if row.must_change_password:
            return self.tr("Must change password")
        return self.tr("Active")

    # ------------------------------------------------------------------ actions

    def selected_user(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.active_button, self.reset_button):
            button.setEnabled(user is not None)
        self.active_button.setText(
            self.tr("&Enable") if user is not None and not user.active else self.tr("&Disable"))

    def _open(self, dialog: UserEditDialog) -> UserEditDialog:
        dialog.saveRequested.connect(lambda form: self.saveRequested.emit(form, dialog))
        dialog.open()
        return dialog

    def add_user(self) -> UserEditDialog:
        return self._open(UserEditDialog(self.regions, None, self))

    def edit_selected(self) -> UserEditDialog | None:
        user = self.selected_user()
        return None if user is None else self._open(UserEditDialog(self.regions, user, self))

    def reset_selected(self) -> ResetPasswordDialog | None:
        user = self.selected_user()
        if user is None:
            return None
        dialog = ResetPasswordDialog(user.username, self)
        dialog.resetRequested.connect(lambda name, pw: self.resetRequested.emit(name, pw, dialog))
        dialog.open()
        return dialog

    def _toggle_active(self) -> None:
        user = self.selected_user()
        if user is not None:
            self.activeChangeRequested.emit(user.username, not user.active)

    def translateUI(self) -> None:
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("user name or full name, then Enter"))
        self.table.setHorizontalHeaderLabels([
            self.tr("User name"), self.tr("Full name"), self.tr("Roles"),
            self.tr("Area of work"), self.tr("Status")])
        self.add_button.setText(self.tr("&Add user…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.reset_button.setText(self.tr("&Reset password…"))
        self._update_buttons()
        if self.rows:
            self.set_users(self.rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
