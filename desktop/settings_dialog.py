"""The settings dialog: office, letterhead, signatory (office-wide, in the database) and
database and interface language (this computer only, in QSettings).

Each page follows Picard's options pages: ``load()`` fills the widgets and ``save()``
stores them. Office-wide values are saved together in one call to
:func:`db.settings.update`; when it refuses them, its problems are shown under the
fields they concern and nothing at all is saved.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QSettings, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from db import schema
from db import settings as office_settings
from db.actor import Actor
from db.engine import Database, default_sqlite_path, open_database, resolve_url
from db.errors import TepatError, ValidationFailed
from db.regions import RegionRow, kota_serang_codes, list_regions
from desktop import dialogs, i18n
from desktop.ops import Changes, Job, Operation

DATABASE_URL_KEY = "database/url"
# Letterheads print the emblem about 2.5 cm tall: 512 px is plenty and keeps the row small.
EMBLEM_MAX_PX = 512


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    label.hide()
    return label


class SettingsPage(QWidget):
    """One page of the dialog. Office pages edit :data:`db.settings.DEFINITIONS` keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(self.form)
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}

    def title(self) -> str:
        raise NotImplementedError

    def add_field(self, key: str, editor: QWidget) -> QWidget:
        """Add a labelled row for ``key`` with an error line under the editor."""
        label = QLabel(self)
        label.setBuddy(editor)
        error = _error_label(self)
        cell = QWidget(self)
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(editor)
        cell_layout.addWidget(error)
        self.form.addRow(label, cell)
        editor.setObjectName(key)
        self.editors[key] = editor
        self.labels[key] = label
        self.errors[key] = error
        return editor

    def add_line(self, key: str) -> QLineEdit:
        editor = QLineEdit(self)
        self.add_field(key, editor)
        return editor

    def load(self, values: dict[str, Any]) -> None:
        """Fill the widgets from the stored office settings."""
        for key, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                editor.setText(str(values.get(key, "")))

    def office_values(self) -> dict[str, Any]:
        """The office settings this page edits, as now entered."""
        return {key: editor.text().strip() for key, editor in self.editors.items()
                if isinstance(editor, QLineEdit)}

    def save_local(self) -> None:
        """Store this computer's settings (pages that have some)."""

    def show_error(self, key: str, message: str) -> bool:
        """Show ``message`` under the field ``key``; False if this page has no such field."""
        error = self.errors.get(key)
        if error is None:
            return False
        error.setText(message)
        error.show()
        return True

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()
            error.clear()

    def translateUI(self) -> None:
        """Set every text again in the current language."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)


class OfficePage(SettingsPage):
    """Which kecamatan this office serves, and the place written before letter dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kecamatan_combo = QComboBox(self)
        self.add_field("office.kecamatan_code", self.kecamatan_combo)
        self.place_edit = self.add_line("office.place")
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.body.addWidget(self.note_label)
        self.body.addStretch(1)
        self.translateUI()

    def title(self) -> str:
        return self.tr("Office")

    def set_kecamatan(self, regions: list[RegionRow]) -> None:
        """Offer these kecamatan (the bundled Kota Serang list when the register has none)."""
        choices = [(r.code, r.name) for r in regions] or [
            (code, name) for code, name in kota_serang_codes() if code.count(".") == 2]
        self.kecamatan_combo.clear()
        for code, name in choices:
            self.kecamatan_combo.addItem(f"{name} ({code})", code)

    def load(self, values: dict[str, Any]) -> None:
        super().load(values)
        code = values.get("office.kecamatan_code", "")
        index = self.kecamatan_combo.findData(code)
        if index < 0 and code:
            # Keep a code that is not (yet) in the region table rather than lose it.
            self.kecamatan_combo.addItem(code, code)
            index = self.kecamatan_combo.count() - 1
        self.kecamatan_combo.setCurrentIndex(index)

    def office_values(self) -> dict[str, Any]:
        values = super().office_values()
        if self.kecamatan_combo.currentData() is not None:
            values["office.kecamatan_code"] = self.kecamatan_combo.currentData()
        return values

    def translateUI(self) -> None:
        self.labels["office.kecamatan_code"].setText(self.tr("&Kecamatan:"))
        self.labels["office.place"].setText(self.tr("&Place on letters:"))
        self.place_edit.setPlaceholderText(self.tr("e.g. Serang"))
        self.note_label.setText(self.tr(
            "The kecamatan decides which region the office works in. The place is written "
            "before the date of each letter, as in \"Serang, 10 April 2025\"."))


class LetterheadPage(SettingsPage):
    """The letterhead (kop surat): emblem, government and office lines, contact lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.emblem_base64 = ""
        self.government_edit = self.add_line("letterhead.government")
        self.office_edit = self.add_line("letterhead.office")
        self.address_edit = self.add_line("letterhead.address")
        self.phone_edit = self.add_line("letterhead.phone")
        self.email_edit = self.add_line("letterhead.email")

        emblem_row = QWidget(self)
        self.emblem_preview = QLabel(emblem_row)
        self.emblem_preview.setObjectName("emblemPreview")
        self.emblem_preview.setFixedSize(64, 64)
        self.emblem_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emblem_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.emblem_preview.setWordWrap(True)
        self.choose_emblem_button = QPushButton(emblem_row)
        self.choose_emblem_button.clicked.connect(self._choose_emblem)
        self.remove_emblem_button = QPushButton(emblem_row)
        self.remove_emblem_button.clicked.connect(lambda: self.set_emblem(""))
        row = QHBoxLayout(emblem_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.emblem_preview)
        row.addWidget(self.choose_emblem_button)
        row.addWidget(self.remove_emblem_button)
        row.addStretch(1)
        self.add_field("letterhead.emblem_png_base64", emblem_row)
        self.body.addStretch(1)
        self.translateUI()

    def title(self) -> str:
        return self.tr("Letterhead")

    def load(self, values: dict[str, Any]) -> None:
        super().load(values)
        self.set_emblem(values.get("letterhead.emblem_png_base64", ""))

    def office_values(self) -> dict[str, Any]:
        values = super().office_values()
        values["letterhead.emblem_png_base64"] = self.emblem_base64
        return values

    def set_emblem(self, png_base64: str) -> None:
        """Show (and keep for saving) the emblem given as base64 PNG; empty for none."""
        self.emblem_base64 = png_base64
        pixmap = QPixmap()
        if png_base64:
            pixmap.loadFromData(base64.b64decode(png_base64), "PNG")
        if pixmap.isNull():
            self.emblem_preview.clear()
        else:
            self.emblem_preview.setPixmap(pixmap.scaled(
                60, 60, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self.remove_emblem_button.setEnabled(bool(png_base64))
        self._no_emblem_text()

    def _no_emblem_text(self) -> None:
        if not self.emblem_base64:
            self.emblem_preview.setText(self.tr("None"))

    def load_emblem_file(self, path: Path) -> bool:
        """Read an image file as the emblem (stored as PNG); False if it is not an image."""
        image = QImage(str(path))
        self.errors["letterhead.emblem_png_base64"].hide()
        if image.isNull():
            self.show_error("letterhead.emblem_png_base64",
                            self.tr("{name} cannot be read as an image.").format(name=path.name))
            return False
        if max(image.width(), image.height()) > EMBLEM_MAX_PX:
            image = image.scaled(EMBLEM_MAX_PX, EMBLEM_MAX_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        self.set_emblem(base64.b64encode(bytes(data.data())).decode("ascii"))
        return True

    def _choose_emblem(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the regional emblem"), str(Path.home()),
            self.tr("Images (*.png *.jpg *.jpeg *.svg *.bmp);;All files (*)"))
        if path:
            self.load_emblem_file(Path(path))

    def translateUI(self) -> None:
        texts = {
            "letterhead.government": self.tr("&Government line:"),
            "letterhead.office": self.tr("&Office line:"),
            "letterhead.address": self.tr("&Address:"),
            "letterhead.phone": self.tr("&Telephone:"),
            "letterhead.email": self.tr("&Email:"),
            "letterhead.emblem_png_base64": self.tr("E&mblem:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.government_edit.setPlaceholderText(self.tr("e.g. PEMERINTAH KOTA SERANG"))
        self.office_edit.setPlaceholderText(self.tr("e.g. KECAMATAN SERANG"))
        self.address_edit.setPlaceholderText(self.tr("Street, number, postal code"))
        self.choose_emblem_button.setText(self.tr("&Choose image…"))
        self.remove_emblem_button.setText(self.tr("&Remove"))
        self._no_emblem_text()


class SignatoryPage(SettingsPage):
    """Who signs the letters: name, position, "a.n." line, rank and NIP."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = self.add_line("signatory.name")
        self.position_edit = self.add_line("signatory.position")
        self.on_behalf_edit = self.add_line("signatory.on_behalf_of")
        self.rank_edit = self.add_line("signatory.rank")
        self.nip_edit = self.add_line("signatory.nip")
        self.body.addStretch(1)
        self.translateUI()

    def title(self) -> str:
        return self.tr("Signatory")

    def translateUI(self) -> None:
        texts = {
            "signatory.name": self.tr("&Name:"),
            "signatory.position": self.tr("&Position:"),
            "signatory.on_behalf_of": self.tr("On &behalf of (a.n.):"),
            "signatory.rank": self.tr("&Rank:"),
            "signatory.nip": self.tr("N&IP:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.position_edit.setPlaceholderText(self.tr("e.g. CAMAT SERANG"))
        self.on_behalf_edit.setPlaceholderText(self.tr("Empty when the Camat signs in person"))
        self.rank_edit.setPlaceholderText(self.tr("e.g. Pembina Tingkat I (IV/b)"))
        self.nip_edit.setPlaceholderText(self.tr("18 digits"))


class DatabasePage(SettingsPage):
    """Which database this computer opens next time, with a connection test."""

    def __init__(self, database: Database, local: QSettings, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.database = database
        self.local = local
        self.url_edit = self.add_line(DATABASE_URL_KEY)
        buttons = QHBoxLayout()
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._choose_file)
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        buttons.addWidget(self.browse_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("connectionResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.body.addWidget(self.result_label)
        self.body.addSpacing(8)
        self.body.addWidget(self.note_label)
        self.body.addStretch(1)
        self.url_edit.setText(str(local.value(DATABASE_URL_KEY, "") or ""))
        self.translateUI()

    def title(self) -> str:
        return self.tr("Database")

    def load(self, values: dict[str, Any]) -> None:
        """This page keeps nothing in the office settings."""

    def office_values(self) -> dict[str, Any]:
        return {}

    def save_local(self) -> None:
        url = self.url_edit.text().strip()
        if url:
            self.local.setValue(DATABASE_URL_KEY, url)
        else:
            self.local.remove(DATABASE_URL_KEY)

    def test_connection(self) -> None:
        """Open the entered database (creating nothing) and report its schema state."""
        url = self.url_edit.text().strip() or None
        self.result_label.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)

        def work(_job: Job) -> tuple[str, schema.SchemaState | None]:
            target = resolve_url(url)
            resolved = make_url(target)
            if resolved.get_backend_name() == "sqlite" and resolved.database and not Path(
                    resolved.database).exists():
                return f"SQLite: {resolved.database}", None
            database = open_database(target, create=False)
            try:
                return database.info().describe(), schema.state(database)
            finally:
                database.dispose()

        (Operation(work, parent=self)
         .success(self._connection_ok)
         .failure(self._connection_failed)
         .run())

    def _connection_ok(self, result: tuple[str, schema.SchemaState | None]) -> None:
        where, state = result
        self.test_button.setEnabled(True)
        if state is None:
            self.result_label.setText(self.tr(
                "{where}: the file does not exist yet; Tepat will create it on the next "
                "start.").format(where=where))
            return
        if state.too_new:
            status = self.tr("it was written by a newer Tepat; update Tepat before using it.")
        elif state.current is None:
            status = self.tr("it is empty; Tepat will create its tables on the next start.")
        elif state.up_to_date:
            status = self.tr("its schema is up to date.")
        else:
            status = self.tr("its schema will be upgraded on the next start, after a backup.")
        self.result_label.setText(self.tr("Connected to {where}: {status}").format(
            where=where, status=status))

    def _connection_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        if isinstance(error, TepatError):
            message = f"{error.message} {error.hint}" if error.hint else error.message
        elif isinstance(error, ArgumentError):
            message = self.tr("this is not a database URL Tepat understands.")
        else:
            message = str(error)
        self.result_label.setText(self.tr("Cannot connect: {message}").format(message=message))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Choose or create a SQLite database file"),
            str(default_sqlite_path().parent),
            self.tr("SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.url_edit.setText(f"sqlite:///{path}")

    def translateUI(self) -> None:
        self.labels[DATABASE_URL_KEY].setText(self.tr("Database &URL:"))
        self.url_edit.setPlaceholderText(self.tr("Empty: the default file on this computer"))
        self.browse_button.setText(self.tr("Choose &file…"))
        self.test_button.setText(self.tr("&Test connection"))
        self.note_label.setText(self.tr(
            "Tepat opens this database the next time it starts. Use sqlite:///path/to/file "
            "for a file on this computer or postgresql+psycopg://user@server/name for a "
            "shared server. Leave it empty for the default file ({path}). Now in use: "
            "{current}.").format(path=default_sqlite_path(),
                                 current=self.database.info().describe()))


class LanguagePage(SettingsPage):
    """The interface language of this computer; letters are always in Indonesian."""

    def __init__(self, local: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.local = local
        self.language_combo = QComboBox(self)
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.add_field(i18n.LANGUAGE_KEY, self.language_combo)
        self.language_combo.setCurrentIndex(
            self.language_combo.findData(i18n.current_language()))
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.body.addWidget(self.note_label)
        self.body.addStretch(1)
        self.translateUI()

    def title(self) -> str:
        return self.tr("Language")

    def load(self, values: dict[str, Any]) -> None:
        """This page keeps nothing in the office settings."""

    def office_values(self) -> dict[str, Any]:
        return {}

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def save_local(self) -> None:
        self.local.setValue(i18n.LANGUAGE_KEY, self.language())
        if self.language() != i18n.current_language():
            i18n.install(self.language())

    def translateUI(self) -> None:
        self.labels[i18n.LANGUAGE_KEY].setText(self.tr("Interface &language:"))
        self.note_label.setText(self.tr(
            "The language of menus and windows on this computer. Letters and field "
            "checklists are always in Indonesian."))


class SettingsDialog(QDialog):
    """All settings in one dialog, a page per subject."""

    def __init__(self, database: Database, actor: Actor, local: QSettings, *,
                 notify: Callable[[Changes], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.database = database
        self.actor = actor
        self._notify = notify
        self.stored: dict[str, Any] = {}

        self.office_page = OfficePage(self)
        self.letterhead_page = LetterheadPage(self)
        self.signatory_page = SignatoryPage(self)
        self.database_page = DatabasePage(database, local, self)
        self.language_page = LanguagePage(local, self)
        self.pages: list[SettingsPage] = [self.office_page, self.letterhead_page,
                                          self.signatory_page, self.database_page,
                                          self.language_page]

        self.page_list = QListWidget(self)
        self.page_list.setObjectName("pageList")
        self.page_list.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        self.stack = QStackedWidget(self)
        for page in self.pages:
            self.page_list.addItem("")
            self.stack.addWidget(page)
        self.page_list.currentRowChanged.connect(self._show_page)
        self.page_title = QLabel(self)
        font = self.page_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.page_title.setFont(font)

        # Office settings are the administrator's (db.permissions "settings.edit"); others
        # may read them, and still change this computer's database and language.
        self.may_edit_office = actor.can("settings.edit")
        self.office_pages: list[SettingsPage] = [self.office_page, self.letterhead_page,
                                                 self.signatory_page]
        self.read_only_note = QLabel(self)
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(
            "QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 6px; }")
        self.read_only_note.hide()
        for page in self.office_pages:
            page.setEnabled(self.may_edit_office)

        self.general_error = _error_label(self)
        self.general_error.setObjectName("generalError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.page_title)
        right.addWidget(self.read_only_note)
        right.addSpacing(6)
        right.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addSpacing(8)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(760, 480)
        self.translateUI()
        self.page_list.setCurrentRow(0)
        self.load()

    # ------------------------------------------------------------------ load / save

    def load(self) -> None:
        """Read the office settings and the kecamatan list in the background, then fill pages."""
        database = self.database

        def work(_job: Job) -> tuple[dict[str, Any], list[RegionRow]]:
            with database.read() as session:
                return office_settings.get_all(session), list_regions(session, "kecamatan")

        Operation(work, parent=self).success(self._loaded).run()

    def _loaded(self, result: tuple[dict[str, Any], list[RegionRow]]) -> None:
        values, kecamatan = result
        self.stored = values
        self.office_page.set_kecamatan(kecamatan)
        for page in self.pages:
            page.load(values)
        self.save_button.setEnabled(True)

    def save(self) -> None:
        """Store office settings (one validated, audited call), then this computer's settings."""
        for page in self.pages:
            page.clear_errors()
        self.general_error.hide()
        values: dict[str, Any] = {}
        for page in self.pages:
            if self.may_edit_office or page not in self.office_pages:
                values.update(page.office_values())
        changed = {key: value for key, value in values.items() if self.stored.get(key) != value}
        if not changed:
            self._finish()
            return
        database, actor = self.database, self.actor

        def work(_job: Job) -> dict[str, tuple[Any, Any]]:
            with database.write() as session:
                return office_settings.update(session, actor, changed)

        self.save_button.setEnabled(False)
        (Operation(work, parent=self, changes=Changes(settings=True), notify=self._notify)
         .success(lambda _changed: self._finish())
         .failure(self._save_failed)
         .run())

    def _finish(self) -> None:
        for page in self.pages:
            page.save_local()
        self.accept()

    def _save_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, ValidationFailed):
            dialogs.show_error(self, error, title=self.tr("Settings not saved"))
            return
        keys_by_label = {d.label: key for key, d in office_settings.DEFINITIONS.items()}
        unplaced = []
        first_page: int | None = None
        for field, message in error.problems:
            key = keys_by_label.get(field, field)
            for index, page in enumerate(self.pages):
                if page.show_error(key, message):
                    first_page = index if first_page is None else first_page
                    break
            else:
                unplaced.append(f"{field}: {message}")
        if first_page is not None:
            self.page_list.setCurrentRow(first_page)
        self.general_error.setText(
            self.tr("Nothing was saved. Correct the fields marked in red.")
            + ("\n" + "\n".join(unplaced) if unplaced else ""))
        self.general_error.show()

    # ------------------------------------------------------------------ language

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self.page_title.setText(self.pages[row].title() if row >= 0 else "")
        self.read_only_note.setVisible(
            not self.may_edit_office and 0 <= row and self.pages[row] in self.office_pages)

    def translateUI(self) -> None:
        """Set every text again in the current language."""
        self.setWindowTitle(self.tr("Settings"))
        self.read_only_note.setText(self.tr(
            "Only an administrator can change the office, letterhead and signatory "
            "settings; they are shown here to read."))
        for row, page in enumerate(self.pages):
            self.page_list.item(row).setText(page.title())
        width = max(self.page_list.sizeHintForColumn(0), 120) + 24
        self.page_list.setFixedWidth(width)
        self._show_page(self.page_list.currentRow())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
