"""The Letters menu: issue, registry, field checklists, verify, office certificate.

``install(window)`` adds the actions to the main window's Letters menu, and "Field
checklists for the selection…" to the map's Selection menu. Every database
call and every PDF build runs as a background :class:`~desktop.ops.Operation` with
progress; results open in a preview (Qt's PDF view) with print and save as. The
certificate passphrase lives only in its field until the job starts, and is then cleared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import letters as registry
from db import permissions, proposals, settings
from db.actor import Actor
from db.engine import Database
from db.errors import CertificateRejected, TepatError, ValidationFailed
from db.programs import PeriodInfo, list_periods
from db.regions import RegionRow, list_regions
from desktop import auth as desktop_auth
from desktop import dialogs
from desktop.ops import Changes, Job
from widgets.pdf_preview import PdfPreview

CERTIFICATE_PATH_KEY = "letters/certificate_path"


@dataclass(frozen=True)
class Choices:
    """What the dialogs offer, read once in the background."""

    periods: list[PeriodInfo]
    kelurahan: list[RegionRow]
    paper: str
    signatory_name: str
    signatory_nip: str
    office: str


def load_choices(database: Database, actor: Actor) -> Choices:
    with database.read() as session:
        values = settings.get_all(session)
        office = values["office.kecamatan_code"]
        kelurahan = [r for r in list_regions(session, "desa_kelurahan")
                     if r.code.startswith(office + ".") and permissions.covers(actor, r.code)]
        return Choices(list_periods(session), kelurahan, values["letters.paper"],
                       values["signatory.name"], values["signatory.nip"],
                       values["letterhead.office"])


def _kelurahan_combo(parent: QWidget, choices: Choices, *, whole: bool) -> QComboBox:
    combo = QComboBox(parent)
    if whole:
        combo.addItem("", None)
    for row in choices.kelurahan:
        combo.addItem(f"{row.name} ({row.code})", row.code)
    return combo


def _labelled(form: QFormLayout, field: QWidget | QVBoxLayout | QHBoxLayout) -> QLabel:
    """Add a row whose label text translateUI() sets later; returns the label."""
    label = QLabel(form.parentWidget())
    form.addRow(label, field)
    return label


# --------------------------------------------------------------------------- preview


class PreviewDialog(QDialog):
    """A finished document: what it is, and the PDF with print and save as."""

    def __init__(self, data: bytes, name: str, summary: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("previewSummary")
        self.preview = PdfPreview(self)
        self.preview.set_pdf(data, name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.setWindowTitle(name)
        self.resize(900, 1000)


# --------------------------------------------------------------------------- issue


class IssueLetterDialog(QDialog):
    """Which letter, for which period and kelurahan, on which paper, signed or not."""

    TYPES = ("usulan-pbi", "rekomendasi-rtlh", "rekap")

    def __init__(self, controller: LettersController, choices: Choices) -> None:
        super().__init__(controller.window)
        self.controller = controller
        self.setObjectName("issueLetterDialog")
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("letterType")
        for code in self.TYPES:
            self.type_combo.addItem(registry.LETTER_TYPES[code].label, code)
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("period")
        self.periods = choices.periods
        self.kelurahan_combo = _kelurahan_combo(self, choices, whole=True)
        self.kelurahan_combo.setObjectName("kelurahan")
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.paper_combo = QComboBox(self)
        self.paper_combo.addItems(["A4", "F4"])
        self.paper_combo.setCurrentText(choices.paper)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("carriedCount")
        self.count_label.setWordWrap(True)

        self.sign_group = QGroupBox(self)
        self.sign_group.setObjectName("signGroup")
        self.sign_group.setCheckable(True)
        self.sign_group.setChecked(False)
        self.certificate_edit = QLineEdit(self.sign_group)
        self.certificate_edit.setObjectName("certificatePath")
        self.certificate_edit.setText(str(controller.window.settings.value(CERTIFICATE_PATH_KEY,
                                                                            "")))
        self.browse_button = QPushButton(self.sign_group)
        self.browse_button.clicked.connect(self._browse)
        self.passphrase_edit = QLineEdit(self.sign_group)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        row = QHBoxLayout()
        row.addWidget(self.certificate_edit, 1)
        row.addWidget(self.browse_button)
        self.sign_form = QFormLayout(self.sign_group)
        self.sign_labels = [_labelled(self.sign_form, row),
                            _labelled(self.sign_form, self.passphrase_edit)]

        self.form = QFormLayout()
        self.labels = [_labelled(self.form, widget) for widget in (
            self.type_combo, self.period_combo, self.kelurahan_combo, self.date_edit,
            self.paper_combo)]
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.sign_group)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)  # period names are long; keep them readable
        self.type_combo.currentIndexChanged.connect(self._fill_periods)
        self.period_combo.currentIndexChanged.connect(self._recount)
        self.kelurahan_combo.currentIndexChanged.connect(self._recount)
        self.translateUI()
        self._fill_periods()

    def _fill_periods(self) -> None:
        code = self.type_combo.currentData()
        prefix = registry.LETTER_TYPES[code].program_prefix
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in self.periods:
            if prefix is None or period.program_code.startswith(prefix):
                self.period_combo.addItem(f"{period.name} ({period.program_name})", period.id)
        self.period_combo.blockSignals(False)
        self._recount()

    def _recount(self) -> None:
        """Say how many approved proposals the letter would carry (read in the background)."""
        code, period = self.type_combo.currentData(), self.period_combo.currentData()
        if period is None:
            self.count_label.setText(self.tr("There is no period for this kind of letter yet."))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        if not registry.LETTER_TYPES[code].carries_proposals:
            self.count_label.setText(self.tr("A recap counts the period's proposals per "
                                             "kelurahan and state; it carries none."))
            return
        database, actor = self.controller.window.database, self.controller.window.actor
        kelurahan = self.kelurahan_combo.currentData()

        def work(_job: Job) -> int:
            with database.read() as session:
                return len(registry.approved_for_letter(session, actor, code, period,
                                                        kelurahan))

        def show(count: int) -> None:
            if (code, period, kelurahan) == (self.type_combo.currentData(),
                                             self.period_combo.currentData(),
                                             self.kelurahan_combo.currentData()):
                self.count_label.setText(self.tr(
                    "{count} approved proposals will go in this letter.").format(count=count))

        self.controller.window.operation(work).success(show).run()

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Signing certificate"), self.certificate_edit.text() or str(Path.home()),
            self.tr("PKCS#12 certificates (*.p12 *.pfx);;All files (*)"))
        if path:
            self.certificate_edit.setText(path)

    def request(self) -> Any:
        from reports.letters import LetterRequest

        date = self.date_edit.date()
        return LetterRequest(self.type_combo.currentData(), self.period_combo.currentData(),
                             kelurahan_code=self.kelurahan_combo.currentData(),
                             issued_on=dt.date(date.year(), date.month(), date.day()),
                             paper=self.paper_combo.currentText())

    def take_signing(self) -> tuple[Path, str] | None:
        """The certificate and passphrase if signing; the passphrase field is emptied."""
        if not self.sign_group.isChecked():
            return None
        passphrase = self.passphrase_edit.text()
        self.passphrase_edit.clear()
        return Path(self.certificate_edit.text()), passphrase

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Issue a letter"))
        labels = (self.tr("Letter"), self.tr("Period"), self.tr("Kelurahan"), self.tr("Date"),
                  self.tr("Paper"))
        for label, text in zip(self.labels, labels):
            label.setText(text)
        self.kelurahan_combo.setItemText(0, self.tr("All kelurahan of the kecamatan"))
        self.sign_group.setTitle(self.tr("Sign electronically (PAdES)"))
        self.browse_button.setText(self.tr("Choose…"))
        self.sign_labels[0].setText(self.tr("Certificate"))
        self.sign_labels[1].setText(self.tr("Passphrase"))
        self.passphrase_edit.setPlaceholderText(self.tr("asked each time, never stored"))


# --------------------------------------------------------------------------- registry


class RegistryDialog(QDialog):
    """The letter registry: open (reprint) a letter, withdraw one."""

    COLUMNS = 7

    def __init__(self, controller: LettersController) -> None:
        super().__init__(controller.window)
        self.controller = controller
        self.setObjectName("letterRegistryDialog")
        self.rows: list[registry.LetterRow] = []
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("letterTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.open_selected)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_selected)
        self.withdraw_button = QPushButton(self)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 520)
        self.translateUI()
        self.reload()

    def reload(self) -> None:
        database, actor = self.controller.window.database, self.controller.window.actor

        def work(_job: Job) -> list[registry.LetterRow]:
            with database.read() as session:
                return registry.list_letters(session, actor)

        self.controller.window.operation(work).success(self._show).run()

    def _show(self, rows: list[registry.LetterRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            status = self.tr("withdrawn") if row.withdrawn else self.tr("in force")
            cells = (row.number, row.issued_on.strftime("%d-%m-%Y"), row.type_label, status,
                     self.tr("yes") if row.signed else self.tr("no"), str(row.proposal_count),
                     row.subject)
            for col, text in enumerate(cells):
                self.table.setItem(index, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> registry.LetterRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.controller.reprint(row.id, parent=self)

    def withdraw_selected(self) -> None:
        row = self.selected()
        if row is None or row.withdrawn:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Withdraw letter"), self.tr(
                "Why is letter {number} withdrawn? It stays in the registry and its number is "
                "never used again.").format(number=row.number))
        if ok:
            self.controller.withdraw(row.id, reason, done=self.reload)

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Letter registry"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Number"), self.tr("Date"), self.tr("Letter"), self.tr("Status"),
            self.tr("Signed"), self.tr("Proposals"), self.tr("Subject")])
        self.open_button.setText(self.tr("Open / reprint"))
        self.withdraw_button.setText(self.tr("Withdraw…"))


# --------------------------------------------------------------------------- checklist


class ChecklistDialog(QDialog):
    """Field checklists for one kelurahan."""

    STATES = ("submitted", "in_field")

    def __init__(self, controller: LettersController, choices: Choices) -> None:
        super().__init__(controller.window)
        self.setObjectName("checklistDialog")
        self.kelurahan_combo = _kelurahan_combo(self, choices, whole=False)
        self.kelurahan_combo.setObjectName("kelurahan")
        self.period_combo = QComboBox(self)
        self.period_combo.addItem("", None)
        for period in choices.periods:
            self.period_combo.addItem(f"{period.name} ({period.program_name})", period.id)
        self.state_boxes = {state: QCheckBox(self) for state in self.STATES}
        self.state_boxes["in_field"].setChecked(True)
        self.paper_combo = QComboBox(self)
        self.paper_combo.addItems(["A4", "F4"])
        self.paper_combo.setCurrentText(choices.paper)
        states = QVBoxLayout()
        for box in self.state_boxes.values():
            states.addWidget(box)
        self.form = QFormLayout()
        self.labels = [_labelled(self.form, field) for field in (
            self.kelurahan_combo, self.period_combo, states, self.paper_combo)]
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.translateUI()

    def states(self) -> tuple[str, ...]:
        return tuple(s for s, box in self.state_boxes.items() if box.isChecked())

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Field checklists"))
        for label, text in zip(self.labels, (self.tr("Kelurahan"), self.tr("Period"),
                                             self.tr("Proposals"), self.tr("Paper"))):
            label.setText(text)
        self.period_combo.setItemText(0, self.tr("Every period"))
        self.state_boxes["submitted"].setText(self.tr("submitted (not yet assigned)"))
        self.state_boxes["in_field"].setText(self.tr("sent for field verification"))


# --------------------------------------------------------------------------- templates


@dataclass(frozen=True)
class LetterSettings:
    """The numbering and the three templates as stored (a template: the bundled text if
    the office has not edited it)."""

    values: dict[str, Any]
    templates: dict[str, str]


TEMPLATE_KEYS = {code: f"letters.template.{code}" for code in ("usulan-pbi",
                                                               "rekomendasi-rtlh", "rekap")}
NUMBERING_KEYS = ("letters.number_template", "letters.classification", "letters.unit_code",
                  "letters.paper")


def load_letter_settings(database: Database) -> LetterSettings:
    from reports import templates

    with database.read() as session:
        values = settings.get_all(session)
    texts = {code: values[key] if values[key].strip() else templates.bundled(code)
             for code, key in TEMPLATE_KEYS.items()}
    return LetterSettings({k: values[k] for k in NUMBERING_KEYS}, texts)


def check_letter_settings(values: dict[str, Any], texts: dict[str, str]) -> str:
    """Refuse a number pattern or template that would fail at issue time; returns an
    example number."""
    from reports import templates

    registry.check_template(values["letters.number_template"])
    sample = {name: f"<{name}>" for name in templates.PLACEHOLDERS}
    for code, text in texts.items():
        templates.render(templates.parse(code, text), sample)
    return registry.format_number(values["letters.number_template"], seq=7,
                                  day=dt.date.today(),
                                  classification=values["letters.classification"],
                                  unit=values["letters.unit_code"])


class LetterSettingsDialog(QDialog):
    """Numbering pattern, paper, and the words of each letter type."""

    def __init__(self, controller: LettersController, current: LetterSettings) -> None:
        super().__init__(controller.window)
        self.controller = controller
        self.setObjectName("letterSettingsDialog")
        self.current = current
        self.pattern_edit = QLineEdit(current.values["letters.number_template"], self)
        self.pattern_edit.setObjectName("numberPattern")
        self.classification_edit = QLineEdit(current.values["letters.classification"], self)
        self.unit_edit = QLineEdit(current.values["letters.unit_code"], self)
        self.paper_combo = QComboBox(self)
        self.paper_combo.addItems(["A4", "F4"])
        self.paper_combo.setCurrentText(current.values["letters.paper"])
        self.example = QLabel(self)
        self.example.setObjectName("numberExample")
        self.type_combo = QComboBox(self)
        for code in TEMPLATE_KEYS:
            self.type_combo.addItem(registry.LETTER_TYPES[code].label, code)
        self.texts = dict(current.templates)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("templateEditor")
        self.editor.setPlainText(self.texts[self.type_combo.currentData()])
        self.shown_type = self.type_combo.currentData()
        self.type_combo.currentIndexChanged.connect(self._switch)
        self.restore_button = QPushButton(self)
        self.restore_button.clicked.connect(self.restore_bundled)
        self.error = QLabel(self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.form = QFormLayout()
        self.labels = [_labelled(self.form, w) for w in (
            self.pattern_edit, self.classification_edit, self.unit_edit, self.paper_combo,
            self.example)]
        row = QHBoxLayout()
        row.addWidget(self.type_combo, 1)
        row.addWidget(self.restore_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(row)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for edit in (self.pattern_edit, self.classification_edit, self.unit_edit):
            edit.textChanged.connect(self._update_example)
        self.resize(760, 640)
        self.translateUI()
        self._update_example()

    def _values(self) -> dict[str, Any]:
        return {"letters.number_template": self.pattern_edit.text().strip(),
                "letters.classification": self.classification_edit.text().strip(),
                "letters.unit_code": self.unit_edit.text().strip(),
                "letters.paper": self.paper_combo.currentText()}

    def _switch(self) -> None:
        self.texts[self.shown_type] = self.editor.toPlainText()
        self.shown_type = self.type_combo.currentData()
        self.editor.setPlainText(self.texts[self.shown_type])

    def restore_bundled(self) -> None:
        from reports import templates

        self.editor.setPlainText(templates.bundled(self.type_combo.currentData()))

    def _update_example(self) -> None:
        try:
            number = check_letter_settings(self._values(), {})
        except TepatError as exc:
            self.example.setText(str(exc))
        else:
            self.example.setText(self.tr("e.g. {number}").format(number=number))

    def save(self) -> None:
        """Check everything as an issue would, then store it; nothing is stored on error."""
        from reports import templates

        self._switch()
        values = self._values()
        try:
            check_letter_settings(values, self.texts)
        except TepatError as exc:
            self.error.setText(str(exc))
            return
        changed = dict(values)
        for code, key in TEMPLATE_KEYS.items():
            text = self.texts[code]
            # The bundled words are stored as "not edited", so a newer Tepat's wording
            # reaches offices that never changed theirs.
            changed[key] = "" if text.strip() == templates.bundled(code).strip() else text
        database, actor = self.controller.window.database, self.controller.window.actor

        def work(_job: Job) -> Any:
            with database.write() as session:
                return settings.update(session, actor, changed)

        def failed(error: Exception) -> None:
            self.error.setText(str(error))

        (self.controller.window.operation(work, changes=Changes(settings=True))
         .success(lambda _changed: self.accept()).failure(failed).run())

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Letter numbering and templates"))
        for label, text in zip(self.labels, (self.tr("Number pattern"),
                                             self.tr("Classification code"),
                                             self.tr("Unit code"), self.tr("Paper"),
                                             self.tr("Next numbers look like"))):
            label.setText(text)
        self.pattern_edit.setToolTip(self.tr(
            "Placeholders: {classification}, {seq} (e.g. {seq:03}), {unit}, {month_roman}, "
            "{month}, {year}. The sequence restarts every year, so {year} is required."))
        self.restore_button.setText(self.tr("Restore Tepat's wording"))


# --------------------------------------------------------------------------- certificate


class CertificateDialog(QDialog):
    """Create a self-signed office certificate (labelled as such on every letter)."""

    def __init__(self, controller: LettersController, choices: Choices) -> None:
        super().__init__(controller.window)
        self.setObjectName("certificateDialog")
        self.name_edit = QLineEdit(choices.signatory_name, self)
        self.nip_edit = QLineEdit(choices.signatory_nip, self)
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(30, 3650)
        self.days_spin.setValue(730)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.form = QFormLayout()
        self.labels = [_labelled(self.form, widget) for widget in (
            self.name_edit, self.nip_edit, self.days_spin, self.passphrase_edit,
            self.repeat_edit)]
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.office = choices.office
        self.translateUI()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Create an office certificate"))
        self.note.setText(self.tr(
            "This certificate is made by Tepat and signed by itself, not issued by BSrE. "
            "Letters signed with it say so. Keep the file and its passphrase safe: Tepat "
            "stores neither the passphrase nor the file."))
        for label, text in zip(self.labels, (self.tr("Holder's name"), self.tr("NIP"),
                                             self.tr("Valid for (days)"), self.tr("Passphrase"),
                                             self.tr("Passphrase again"))):
            label.setText(text)


# --------------------------------------------------------------------------- controller


class LettersController(QObject):
    """The Letters menu's actions and the jobs behind them."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.setObjectName("lettersController")
        # Each action names the permission it needs; desktop.auth hides what the signed-in
        # user may not do (the services refuse it anyway).
        self.issue_action = self._action("issueLetterAction", self.issue, "letter.create")
        self.registry_action = self._action("letterRegistryAction", self.open_registry,
                                            "letter.view")
        self.checklist_action = self._action("checklistAction", self.checklists,
                                             "proposal.print")
        self.verify_action = self._action("verifyLetterAction", self.verify, "letter.view")
        self.certificate_action = self._action("officeCertificateAction", self.certificate,
                                               "letter.sign")
        self.settings_action = self._action("letterSettingsAction", self.letter_settings,
                                            "settings.edit")
        menu = window.menus["letters"]
        menu.addAction(self.issue_action)
        menu.addAction(self.registry_action)
        menu.addSeparator()
        menu.addAction(self.verify_action)
        menu.addAction(self.certificate_action)
        menu.addAction(self.settings_action)
        # Checklists serve the visit of a proposal, so field officers find them there.
        window.menus["proposals"].addAction(self.checklist_action)
        self.selection_checklist_action = QAction(window)
        self.selection_checklist_action.setObjectName("mapSelectionChecklistAction")
        self.selection_checklist_action.triggered.connect(self.checklists_for_selection)
        map_controller = getattr(window, "map", None)
        if map_controller is not None and window.actor.can("proposal.print"):
            map_controller.view.add_selection_action(self.selection_checklist_action)
        window.installEventFilter(self)
        self.last_dialog: QDialog | None = None
        self.translateUI()

    def _action(self, name: str, slot: Any, permission: str) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        desktop_auth.requires(action, permission)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        return False

    # -------------------------------------------------------------- helpers

    def _with_choices(self, then: Any) -> None:
        database, actor = self.window.database, self.window.actor
        self.window.operation(lambda _job: load_choices(database, actor)).success(then).run()

    def _preview(self, data: bytes, name: str, summary: str, parent: QWidget | None = None
                 ) -> PreviewDialog:
        dialog = PreviewDialog(data, name, summary, parent or self.window)
        self.last_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # -------------------------------------------------------------- issue

    def issue(self) -> None:
        self._with_choices(self._ask_issue)

    def _ask_issue(self, choices: Choices) -> None:
        dialog = IssueLetterDialog(self, choices)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self._start_issue(dialog))
        dialog.open()

    def _start_issue(self, dialog: IssueLetterDialog) -> None:
        from reports.letters import issue_letter
        from reports.signing import load_signer

        request = dialog.request()
        signing = dialog.take_signing()
        if signing is not None:
            self.window.settings.setValue(CERTIFICATE_PATH_KEY, str(signing[0]))
        database, actor = self.window.database, self.window.actor

        def work(job: Job) -> Any:
            signer = None
            if signing is not None:
                path, passphrase = signing
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise CertificateRejected(
                        f"Sertifikat {path} tidak dapat dibaca: {exc.strerror}.",
                        hint="Pilih berkas .p12 yang benar. Belum ada nomor surat yang "
                        "terpakai.") from exc
                signer = load_signer(data, passphrase, source=path.name)
            return issue_letter(database, actor, request, signer=signer, progress=job.report,
                                cancelled=job.cancelled)

        def done(issued: Any) -> None:
            row = issued.row
            summary = self.tr("Letter {number} issued: {pages} pages, {count} proposals.").format(
                number=row.number, pages=issued.pages, count=row.proposal_count)
            if row.signed:
                summary += " " + self.tr("Signed electronically by {name}.").format(
                    name=row.signer_name)
            self._preview(issued.pdf, _file_name(row.number), summary)

        (self.window.operation(work, changes=Changes(register=True))
         .with_progress_dialog(self.tr("Building and registering the letter…"))
         .success(done).run())

    # -------------------------------------------------------------- registry

    def open_registry(self) -> None:
        dialog = RegistryDialog(self)
        self.last_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def reprint(self, letter_id: int, parent: QWidget | None = None) -> None:
        database, actor = self.window.database, self.window.actor

        def work(_job: Job) -> tuple[registry.LetterRow, bytes]:
            with database.write() as session:  # a reprint is audited
                return registry.letter_pdf(session, actor, letter_id)

        def done(result: tuple[registry.LetterRow, bytes]) -> None:
            row, pdf = result
            summary = self.tr("Letter {number} of {date}, as issued.").format(
                number=row.number, date=row.issued_on.strftime("%d-%m-%Y"))
            if row.withdrawn:
                summary += " " + self.tr("This letter was WITHDRAWN: {reason}").format(
                    reason=row.withdrawn_reason or "")
            self._preview(pdf, _file_name(row.number), summary, parent)

        self.window.operation(work).success(done).run()

    def withdraw(self, letter_id: int, reason: str, *, done: Any = None) -> None:
        database, actor = self.window.database, self.window.actor

        def work(_job: Job) -> registry.LetterRow:
            with database.write() as session:
                return registry.withdraw(session, actor, letter_id, reason)

        operation = self.window.operation(work, changes=Changes(register=True))
        if done is not None:
            operation.success(lambda _row: done())
        operation.run()

    # -------------------------------------------------------------- checklists

    def checklists(self) -> None:
        self._with_choices(self._ask_checklist)

    def _ask_checklist(self, choices: Choices) -> None:
        dialog = ChecklistDialog(self, choices)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self._start_checklist(dialog))
        dialog.open()

    def _start_checklist(self, dialog: ChecklistDialog) -> None:
        from reports import checklist

        database, actor = self.window.database, self.window.actor
        code, period = dialog.kelurahan_combo.currentData(), dialog.period_combo.currentData()
        states, paper = dialog.states(), dialog.paper_combo.currentText()

        def work(job: Job) -> tuple[Any, bytes]:
            with database.write() as session:  # the printout is audited
                batch = checklist.collect(session, actor, code, period_id=period,
                                          states=states)
            return batch, checklist.build_checklists(batch, paper=paper, progress=job.report,
                                                     cancelled=job.cancelled)

        def done(result: tuple[Any, bytes]) -> None:
            batch, pdf = result
            self._preview(pdf, f"daftar-periksa-{batch.kelurahan.lower().replace(' ', '-')}.pdf",
                          self.tr("Field checklists for Kelurahan {name}: {count} households, "
                                  "sorted by RW and RT.").format(name=batch.kelurahan,
                                                                 count=len(batch.households)))

        (self.window.operation(work).with_progress_dialog(self.tr("Building field checklists…"))
         .success(done).run())

    def checklists_for_selection(self) -> None:
        """Field checklists for the proposals waiting for a visit among the households
        selected on the map, one document per kelurahan as checklists are made: shown
        when there is one, saved into a folder the operator picks when there are several."""
        from reports import checklist

        map_controller = getattr(self.window, "map", None)
        ids = map_controller.view.canvas.selected_ids() if map_controller is not None else []
        if not ids:
            return
        database, actor = self.window.database, self.window.actor

        def work(job: Job) -> list[tuple[Any, bytes]]:
            with database.write() as session:  # the printout is audited
                paper = settings.get(session, "letters.paper")
                waiting = proposals.proposals_of_households(
                    session, actor, ids, proposals.Filters(states=ChecklistDialog.STATES))
                by_kelurahan: dict[str, list[int]] = {}
                for start in range(0, len(waiting), 500):
                    for row in proposals.rows(session, actor, waiting[start:start + 500]):
                        by_kelurahan.setdefault(row.kelurahan_code, []).append(row.id)
                batches = [checklist.collect(session, actor, code, proposal_ids=chosen)
                           for code, chosen in sorted(by_kelurahan.items())]
            total = sum(len(b.households) for b in batches)
            built: list[tuple[Any, bytes]] = []
            for batch in batches:
                so_far = sum(len(b.households) for b, _pdf in built)
                built.append((batch, checklist.build_checklists(
                    batch, paper=paper, cancelled=job.cancelled,
                    progress=lambda value, _maximum, so_far=so_far: job.report(so_far + value,
                                                                           total))))
            return built

        def done(built: list[tuple[Any, bytes]]) -> None:
            if not built:
                dialogs.inform(self.window, self.tr("Field checklists"), self.tr(
                    "None of the {n} selected households has a proposal waiting for a field "
                    "visit (submitted or sent for field verification).").format(n=len(ids)))
            elif len(built) == 1:
                batch, pdf = built[0]
                self._preview(pdf, _checklist_name(batch), self.tr(
                    "Field checklists for the households selected on the map in Kelurahan "
                    "{name}: {count} households, sorted by RW and RT.").format(
                    name=batch.kelurahan, count=len(batch.households)))
            else:
                self._save_checklists(built)

        (self.window.operation(work).with_progress_dialog(self.tr("Building field checklists…"))
         .success(done).run())

    def _save_checklists(self, built: list[tuple[Any, bytes]]) -> None:
        """Several kelurahan: one file each, in a folder (a window per file would bury the
        screen)."""
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Folder for the field checklists of {n} kelurahan").format(
                n=len(built)), str(Path.home()))
        if not folder:
            return

        def work(_job: Job) -> list[Path]:
            paths = []
            for batch, pdf in built:
                path = Path(folder) / _checklist_name(batch)
                path.write_bytes(pdf)
                paths.append(path)
            return paths

        def done(paths: list[Path]) -> None:
            self.window.statusBar().showMessage(self.tr(
                "Field checklists for {n} kelurahan saved in {folder}").format(
                n=len(paths), folder=folder), 15000)

        self.window.operation(work).success(done).run()

    # -------------------------------------------------------------- verify

    def verify(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("Verify a signed letter"), str(Path.home()),
            self.tr("PDF documents (*.pdf)"))
        if path:
            self.verify_file(Path(path))

    def verify_file(self, path: Path) -> None:
        from reports import verify

        database = self.window.database

        def work(_job: Job) -> Any:
            data = path.read_bytes()
            with database.read() as session:
                return verify.verify(session, data)

        def done(result: Any) -> None:
            title = self.tr("Genuine letter") if result.ok else self.tr("Not confirmed genuine")
            text = (self.tr("The signature is intact and the letter matches the registry.")
                    if result.ok else self.tr("This PDF could not be confirmed as the "
                                              "registered, signed letter."))
            dialogs.inform(self.window, title, text, informative="\n".join(result.lines()))

        self.window.operation(work).success(done).run()

    # -------------------------------------------------------------- certificate

    def certificate(self) -> None:
        self._with_choices(self._ask_certificate)

    def _ask_certificate(self, choices: Choices) -> None:
        dialog = CertificateDialog(self, choices)
        self.last_dialog = dialog
        dialog.accepted.connect(lambda: self._choose_certificate_file(dialog))
        dialog.open()

    def _choose_certificate_file(self, dialog: CertificateDialog) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the office certificate"),
            str(Path.home() / "sertifikat-kantor.p12"),
            self.tr("PKCS#12 certificates (*.p12)"))
        if path:
            self.create_certificate(dialog, Path(path))

    def create_certificate(self, dialog: CertificateDialog, path: Path) -> None:
        from reports import signing

        passphrase, again = dialog.passphrase_edit.text(), dialog.repeat_edit.text()
        dialog.passphrase_edit.clear()
        dialog.repeat_edit.clear()
        if passphrase != again:
            dialogs.show_error(self.window, ValidationFailed(
                [("Kata sandi", "kedua ketikan tidak sama")]))
            return
        name, nip, days = dialog.name_edit.text(), dialog.nip_edit.text(), dialog.days_spin.value()
        office = dialog.office.title()

        def work(_job: Job) -> Any:
            data = signing.create_office_certificate(name=name, nip=nip, office=office,
                                                     passphrase=passphrase, days=days)
            path.write_bytes(data)
            path.chmod(0o600)
            return signing.load_signer(data, passphrase).info

        def done(info: Any) -> None:
            self.window.settings.setValue(CERTIFICATE_PATH_KEY, str(path))
            dialogs.inform(self.window, self.tr("Office certificate created"), self.tr(
                "Certificate for {name} saved to {path}, valid until {date}.").format(
                name=info.name, path=path, date=info.not_after.strftime("%d-%m-%Y")))

        self.window.operation(work).success(done).run()

    # -------------------------------------------------------------- letter settings

    def letter_settings(self) -> None:
        database = self.window.database

        def show(current: LetterSettings) -> None:
            dialog = LetterSettingsDialog(self, current)
            self.last_dialog = dialog
            dialog.open()

        self.window.operation(lambda _job: load_letter_settings(database)).success(show).run()

    # -------------------------------------------------------------- language

    def translateUI(self) -> None:
        self.settings_action.setText(self.tr("Letter &numbering and templates…"))
        self.issue_action.setText(self.tr("&Issue letter…"))
        self.issue_action.setToolTip(self.tr("Number, build, sign and register a letter from "
                                             "approved proposals"))
        self.registry_action.setText(self.tr("Letter &registry…"))
        self.checklist_action.setText(self.tr("Field &checklists…"))
        self.selection_checklist_action.setText(self.tr("Field checklists for the selection…"))
        self.selection_checklist_action.setToolTip(self.tr(
            "Checklists for the proposals of the selected households that wait for a field "
            "visit, one document per kelurahan"))
        self.verify_action.setText(self.tr("&Verify signed letter…"))
        self.certificate_action.setText(self.tr("Create office &certificate…"))


def _checklist_name(batch: Any) -> str:
    """The file name of one kelurahan's checklists; the code keeps namesakes apart."""
    name = "-".join(batch.kelurahan.lower().split())
    return f"daftar-periksa-{batch.kelurahan_code}-{name}.pdf"


def _file_name(number: str) -> str:
    return "surat-" + "".join(ch if ch.isalnum() else "-" for ch in number).strip("-") + ".pdf"


def install(window: Any) -> LettersController:
    """Add the Letters menu's actions to ``window`` (a :class:`desktop.mainwindow.MainWindow`)."""
    return LettersController(window)
