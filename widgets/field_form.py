"""The field result form: the printed field checklist on screen, item for item.

The sections and items come from :data:`db.field.CHECKLIST`, the list the printed
checklist is drawn from, so the form asks the same things in the same order: identity,
exclusions, land, roof, walls, floor, structure, space, health, electricity; then the
evidence (officer, visit date, GPS at the door, the six photos) and the conclusion with its
reason. A PBI-JK visit shows the identity and exclusion parts only.

The dialog stays open while the caller saves (:attr:`submitted`); a refusal from ``db``
is shown at the top with the fields it names, and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    Qt,
    Signal,
)
from PySide6.QtGui import QDoubleValidator, QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.errors import TepatError, ValidationFailed
from db.field import FieldResult, Item, Photo, Section, sections_for
from db.programs import PHOTO_KINDS
from widgets.register.labels import attachment_kind_label, code_label

# The checklist's words, translatable (Indonesian = the printed checklist's labels).
SECTION_TITLES = {
    "identity": QT_TRANSLATE_NOOP("FieldForm", "Identity"),
    "exclusions": QT_TRANSLATE_NOOP("FieldForm", "Exclusions"),
    "land": QT_TRANSLATE_NOOP("FieldForm", "Land"),
    "roof": QT_TRANSLATE_NOOP("FieldForm", "Roof"),
    "walls": QT_TRANSLATE_NOOP("FieldForm", "Walls"),
    "floor": QT_TRANSLATE_NOOP("FieldForm", "Floor"),
    "structure": QT_TRANSLATE_NOOP("FieldForm", "Structure"),
    "space": QT_TRANSLATE_NOOP("FieldForm", "Space"),
    "health": QT_TRANSLATE_NOOP("FieldForm", "Health"),
    "electricity": QT_TRANSLATE_NOOP("FieldForm", "Electricity"),
}
ITEM_LABELS = {
    "nik_kk_match": QT_TRANSLATE_NOOP("FieldForm", "NIK and KK seen and matching"),
    "household_size": QT_TRANSLATE_NOOP("FieldForm", "Household size"),
    "elderly": QT_TRANSLATE_NOOP("FieldForm", "Elderly members"),
    "disabled": QT_TRANSLATE_NOOP("FieldForm", "Members with a disability"),
    "chronically_ill": QT_TRANSLATE_NOOP("FieldForm", "Chronically ill members"),
    "pregnant": QT_TRANSLATE_NOOP("FieldForm", "Pregnant members"),
    "children": QT_TRANSLATE_NOOP("FieldForm", "Children"),
    "asn_tni_polri": QT_TRANSLATE_NOOP("FieldForm", "ASN/TNI/Polri in the family"),
    "has_jkn": QT_TRANSLATE_NOOP("FieldForm", "Already has JKN"),
    "housing_aid_before": QT_TRANSLATE_NOOP("FieldForm", "Received housing aid before"),
    "other_house": QT_TRANSLATE_NOOP("FieldForm", "Owns another house"),
    "land_status": QT_TRANSLATE_NOOP("FieldForm", "Land status"),
    "land_document": QT_TRANSLATE_NOOP("FieldForm", "Land document"),
    "roof_material": QT_TRANSLATE_NOOP("FieldForm", "Roof material"),
    "roof_condition": QT_TRANSLATE_NOOP("FieldForm", "Roof condition"),
    "roof_frame_sound": QT_TRANSLATE_NOOP("FieldForm", "Roof frame sound"),
    "wall_material": QT_TRANSLATE_NOOP("FieldForm", "Wall material"),
    "wall_condition": QT_TRANSLATE_NOOP("FieldForm", "Wall condition"),
    "columns_beams": QT_TRANSLATE_NOOP("FieldForm", "Columns and beams present"),
    "floor_material": QT_TRANSLATE_NOOP("FieldForm", "Floor material"),
    "floor_condition": QT_TRANSLATE_NOOP("FieldForm", "Floor condition"),
    "foundation_sloof": QT_TRANSLATE_NOOP("FieldForm", "Foundation and sloof present"),
    "collapse_risk": QT_TRANSLATE_NOOP("FieldForm", "Risk of collapse"),
    "hazard_site": QT_TRANSLATE_NOOP("FieldForm", "Flood or landslide site"),
    "floor_area_m2": QT_TRANSLATE_NOOP("FieldForm", "Floor area (m²)"),
    "occupants": QT_TRANSLATE_NOOP("FieldForm", "Occupants"),
    "bedrooms": QT_TRANSLATE_NOOP("FieldForm", "Bedrooms"),
    "ventilation_ok": QT_TRANSLATE_NOOP("FieldForm", "Openings ≥ 5% of the floor area"),
    "daylight_ok": QT_TRANSLATE_NOOP("FieldForm", "Daylight ≥ 10% of the floor area"),
    "toilet": QT_TRANSLATE_NOOP("FieldForm", "Toilet"),
    "toilet_type": QT_TRANSLATE_NOOP("FieldForm", "Toilet type"),
    "sewage": QT_TRANSLATE_NOOP("FieldForm", "Sewage"),
    "water_source": QT_TRANSLATE_NOOP("FieldForm", "Drinking-water source"),
    "water_septic_distance_m": QT_TRANSLATE_NOOP("FieldForm",
                                                 "Water source to septic tank (m)"),
    "electricity": QT_TRANSLATE_NOOP("FieldForm", "Power source"),
    "electricity_va": QT_TRANSLATE_NOOP("FieldForm", "Power (VA)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("FieldForm", text)


def item_label(item: Item) -> str:
    source = ITEM_LABELS.get(item.code)
    return _tr(source) if source else item.label


class _Answer:
    """One checklist item's input widget and how to read it back."""

    def __init__(self, item: Item, parent: QWidget) -> None:
        self.item = item
        self.widget: QWidget
        if item.kind in ("bool", "choice"):
            box = QComboBox(parent)
            box.addItem("–", None)
            if item.kind == "bool":
                box.addItem(QCoreApplication.translate("FieldForm", "Yes"), True)
                box.addItem(QCoreApplication.translate("FieldForm", "No"), False)
            else:
                for choice in item.choices:
                    text = code_label(item.household_field or item.code, choice)
                    box.addItem(text if text else str(choice), choice)
            self.widget = box
        else:
            edit = QLineEdit(parent)
            edit.setPlaceholderText("–")
            if item.kind == "int":
                edit.setValidator(QIntValidator(int(item.minimum or 0), int(item.maximum or 999),
                                                edit))
            edit.setMaximumWidth(120)
            self.widget = edit
        self.widget.setObjectName(f"item_{item.code}")

    def value(self) -> Any:
        if isinstance(self.widget, QComboBox):
            return self.widget.currentData()
        text = self.widget.text().strip()  # type: ignore[attr-defined]
        # Numbers go to db as typed (a comma decimal is accepted there) so a wrong entry
        # is refused with the item's name rather than silently dropped here.
        return text or None

    def set_value(self, value: Any) -> None:
        if isinstance(self.widget, QComboBox):
            index = self.widget.findData(value)
            self.widget.setCurrentIndex(max(index, 0))
        else:
            self.widget.setText("" if value is None else f"{value:g}"  # type: ignore[attr-defined]
                                if isinstance(value, float) else str(value))


class FieldFormDialog(QDialog):
    """Field result of one proposal, in the order of the printed checklist."""

    submitted = Signal(object, object)  # FieldResult, list[Photo]

    def __init__(self, unit: str, summary: str, *, officer: str = "",
                 known: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        """``unit``: the program's unit ("person" or "household"); ``known``: the house as
        recorded, to start from (the officer corrects what differs)."""
        super().__init__(parent)
        self.setObjectName("fieldFormDialog")
        self.unit = unit
        self.sections: tuple[Section, ...] = sections_for(unit)
        self.answers: dict[str, _Answer] = {}
        self.photo_paths: dict[str, Path] = {}

        outer = QVBoxLayout(self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.summary)
        self.problems = QLabel(self)
        self.problems.setObjectName("problemsLabel")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b02a37;")
        self.problems.hide()
        outer.addWidget(self.problems)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        self.body_layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.section_boxes: list[QGroupBox] = []
        self._row_labels: list[tuple[QLabel, Item]] = []
        for section in self.sections:
            box = QGroupBox(body)
            box.setObjectName(f"section_{section.code}")
            form = QFormLayout(box)
            for item in section.items:
                answer = _Answer(item, box)
                self.answers[item.code] = answer
                label = QLabel(box)
                self._row_labels.append((label, item))
                form.addRow(label, answer.widget)
            self.body_layout.addWidget(box)
            self.section_boxes.append(box)

        # Evidence: who, when, where, photos.
        self.evidence_box = QGroupBox(body)
        evidence = QFormLayout(self.evidence_box)
        self.officer = QLineEdit(officer, self.evidence_box)
        self.officer.setObjectName("officerEdit")
        self.visit_date = QDateEdit(QDate.currentDate(), self.evidence_box)
        self.visit_date.setObjectName("visitDateEdit")
        self.visit_date.setCalendarPopup(True)
        self.visit_date.setDisplayFormat("dd-MM-yyyy")
        self.longitude = QLineEdit(self.evidence_box)
        self.longitude.setObjectName("longitudeEdit")
        self.latitude = QLineEdit(self.evidence_box)
        self.latitude.setObjectName("latitudeEdit")
        for edit in (self.longitude, self.latitude):
            validator = QDoubleValidator(-180.0, 180.0, 7, edit)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            edit.setValidator(validator)
        self.officer_label, self.date_label = QLabel(self), QLabel(self)
        self.lon_label, self.lat_label = QLabel(self), QLabel(self)
        evidence.addRow(self.officer_label, self.officer)
        evidence.addRow(self.date_label, self.visit_date)
        evidence.addRow(self.lon_label, self.longitude)
        evidence.addRow(self.lat_label, self.latitude)
        self.photo_labels: dict[str, QLabel] = {}
        self.photo_buttons: dict[str, QPushButton] = {}
        self.photo_names: dict[str, QLabel] = {}
        if unit == "household":
            for kind in PHOTO_KINDS:
                row = QWidget(self.evidence_box)
                line = QHBoxLayout(row)
                line.setContentsMargins(0, 0, 0, 0)
                button = QPushButton(row)
                button.setObjectName(f"photo_{kind}")
                button.clicked.connect(lambda _=False, k=kind: self._choose_photo(k))
                name = QLabel("–", row)
                line.addWidget(button)
                line.addWidget(name, 1)
                label = QLabel(self)
                self.photo_labels[kind], self.photo_buttons[kind] = label, button
                self.photo_names[kind] = name
                evidence.addRow(label, row)
        self.body_layout.addWidget(self.evidence_box)

        # Conclusion and its reason.
        self.conclusion_box = QGroupBox(body)
        conclusion = QVBoxLayout(self.conclusion_box)
        self.eligible = QRadioButton(self.conclusion_box)
        self.eligible.setObjectName("eligibleRadio")
        self.not_eligible = QRadioButton(self.conclusion_box)
        self.not_eligible.setObjectName("notEligibleRadio")
        self.conclusion_group = QButtonGroup(self)
        self.conclusion_group.addButton(self.eligible)
        self.conclusion_group.addButton(self.not_eligible)
        conclusion.addWidget(self.eligible)
        conclusion.addWidget(self.not_eligible)
        self.reason = QPlainTextEdit(self.conclusion_box)
        self.reason.setObjectName("reasonEdit")
        self.reason.setMaximumHeight(80)
        self.reason.setTabChangesFocus(True)
        conclusion.addWidget(self.reason)
        self.body_layout.addWidget(self.conclusion_box)
        self.body_layout.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        for code, value in (known or {}).items():
            if code in self.answers:
                self.answers[code].set_value(value)
        self.translateUI()
        self.resize(620, 720)

    # ------------------------------------------------------------------ reading

    def item_order(self) -> list[str]:
        """Item codes in the order the form shows them."""
        return [item.code for section in self.sections for item in section.items]

    def set_photo(self, kind: str, path: Path) -> None:
        self.photo_paths[kind] = Path(path)
        self.photo_names[kind].setText(Path(path).name)

    def _choose_photo(self, kind: str) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, attachment_kind_label(kind), "", self.tr("Photos (*.jpg *.jpeg *.png)"))
        if name:
            self.set_photo(kind, Path(name))

    def result(self) -> tuple[FieldResult, list[Photo]]:
        """What the form holds, for ``db.field.record_result`` (which validates it)."""
        def number(edit: QLineEdit) -> float | None:
            text = edit.text().strip().replace(",", ".")
            return float(text) if text else None

        conclusion = ("eligible" if self.eligible.isChecked() else
                      "not_eligible" if self.not_eligible.isChecked() else "")
        qdate = self.visit_date.date()
        result = FieldResult(
            officer_name=self.officer.text().strip(),
            visit_date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            conclusion=conclusion, reason=self.reason.toPlainText().strip(),
            gps_longitude=number(self.longitude), gps_latitude=number(self.latitude),
            answers={code: a.value() for code, a in self.answers.items()
                     if a.value() is not None},
        )
        photos = []
        for kind, path in self.photo_paths.items():
            photos.append(Photo(kind, path.name, path.read_bytes(),
                                mimetypes.guess_type(path.name)[0] or "image/jpeg"))
        return result, photos

    # ------------------------------------------------------------------ saving

    def _save(self) -> None:
        try:
            result, photos = self.result()
        except (OSError, ValueError) as exc:
            self.show_problems(exc)
            return
        self.problems.hide()
        self.buttons.setEnabled(False)
        self.submitted.emit(result, photos)

    def saved(self) -> None:
        """The caller stored the result: close."""
        self.buttons.setEnabled(True)
        self.accept()

    def show_problems(self, error: BaseException) -> None:
        """The caller (or reading a photo) refused: say why, keep everything typed."""
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationFailed):
            text = "\n".join(f"• {field}: {message}" for field, message in error.problems)
        elif isinstance(error, TepatError):
            text = str(error)
        else:
            text = str(error)
        self.problems.setText(text)
        self.problems.show()

    # ------------------------------------------------------------------ language

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Field verification result"))
        for box, section in zip(self.section_boxes, self.sections):
            source = SECTION_TITLES.get(section.code)
            box.setTitle(_tr(source) if source else section.title)
        for label, item in self._row_labels:
            label.setText(item_label(item))
        self.evidence_box.setTitle(self.tr("Evidence"))
        self.officer_label.setText(self.tr("Officer"))
        self.date_label.setText(self.tr("Visit date"))
        self.lon_label.setText(self.tr("GPS at the door: longitude"))
        self.lat_label.setText(self.tr("GPS at the door: latitude"))
        for kind, label in self.photo_labels.items():
            label.setText(attachment_kind_label(kind))
            self.photo_buttons[kind].setText(self.tr("Choose…"))
        self.conclusion_box.setTitle(self.tr("Conclusion"))
        self.eligible.setText(self.tr("Eligible"))
        self.not_eligible.setText(self.tr("Not eligible"))
        self.reason.setPlaceholderText(self.tr("Reason for the conclusion"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
