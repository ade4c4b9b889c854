"""The household form: No. KK, address, location, house condition, members, history.

All rules live in :mod:`db.validation`; the form shows each problem beside its field
(members' problems on their cells and, in words, under the table) and refuses to save
while any error remains, so nothing is written. Warnings are shown and do not block.

Optimistic locking: the form keeps the record as it was loaded (its *base*). When a save
is refused because someone else saved first, :class:`~widgets.conflict_dialog.ConflictDialog`
shows what they changed; re-applying puts this operator's edits on top of the newer
record (:func:`db.households.reapply`) for a second look before saving again.

Closing the form with unsaved changes asks first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from db import codes, nik, validation
from db import households as hh
from db import settings as office_settings
from db.actor import Actor
from db.engine import Database
from db.errors import RecordChanged, TepatError, ValidationFailed
from db.models import Region
from db.permissions import covers
from db.validation import ERROR, WARNING, Problem
from widgets.conflict_dialog import CANCEL, REAPPLY, RELOAD, ConflictDialog
from widgets.history_panel import HistoryPanel
from widgets.member_table import MemberTable
from widgets.register import labels

ERROR_STYLE = "color: #b02a37;"
WARNING_STYLE = "color: #8a6d00;"
OK_STYLE = "color: #146c43;"

# House-condition fields by kind, in the order of the field checklist.
HOUSE_CODES = ("land_status", "land_document", "roof_material", "roof_condition",
               "wall_material", "wall_condition", "floor_material", "floor_condition",
               "toilet", "toilet_type", "sewage", "water_source", "electricity",
               "electricity_va")
HOUSE_BOOLS = ("other_house", "roof_frame_sound", "columns_beams", "foundation_sloof",
               "collapse_risk", "hazard_site", "ventilation_ok", "daylight_ok")
HOUSE_NUMBERS = {"floor_area_m2": False, "occupants": True, "bedrooms": True,
                 "water_septic_distance_m": False}
CODE_CHOICES: dict[str, tuple[Any, ...]] = {
    "land_status": codes.LAND_STATUS, "land_document": codes.LAND_DOCUMENT,
    "roof_material": codes.ROOF_MATERIAL, "roof_condition": codes.ROOF_CONDITION,
    "wall_material": codes.WALL_MATERIAL, "wall_condition": codes.WALL_CONDITION,
    "floor_material": codes.FLOOR_MATERIAL, "floor_condition": codes.FLOOR_CONDITION,
    "toilet": codes.TOILET, "toilet_type": codes.TOILET_TYPE, "sewage": codes.SEWAGE,
    "water_source": codes.WATER_SOURCE, "electricity": codes.ELECTRICITY,
    "electricity_va": codes.ELECTRICITY_VA, "income_bracket": codes.INCOME_BRACKET,
}
# The grid of the "House" tab: three columns of (field) in checklist order.
HOUSE_LAYOUT = (
    ("land_status", "land_document", "other_house", "floor_area_m2", "occupants", "bedrooms",
     "hazard_site"),
    ("roof_material", "roof_condition", "roof_frame_sound", "wall_material", "wall_condition",
     "columns_beams", "floor_material", "floor_condition", "foundation_sloof",
     "collapse_risk"),
    ("ventilation_ok", "daylight_ok", "toilet", "toilet_type", "sewage", "water_source",
     "water_septic_distance_m", "electricity", "electricity_va"),
)

# Returns (longitude, latitude) picked on a map, or None when the operator cancels.
LocationPicker = Callable[[float | None, float | None], tuple[float, float] | None]


class FieldBox(QWidget):
    """An editor with its problem message right under it."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.message)

    def show_problems(self, problems: list[Problem]) -> None:
        if not problems:
            self.message.clear()
            self.message.hide()
            return
        worst = ERROR if any(p.is_error for p in problems) else WARNING
        self.message.setStyleSheet(ERROR_STYLE if worst == ERROR else WARNING_STYLE)
        self.message.setText("\n".join(p.message for p in problems))
        self.message.show()


@dataclass(frozen=True)
class _Collected:
    data: hh.HouseholdData
    problems: list[Problem]  # input the form could not read (not a number...)


class HouseholdForm(QWidget):
    """Edit or create one household with its members."""

    saved = Signal(object)  # HouseholdData as stored
    profile_requested = Signal(int)  # household id
    dirty_changed = Signal(bool)

    def __init__(self, database: Database, actor: Actor, household_id: int | None = None, *,
                 today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdForm")
        self.database = database
        self.actor = actor
        self.today = today
        self._base: hh.HouseholdData | None = None
        self._clean_state: tuple[Any, ...] = ()
        self._was_dirty = False
        self._location_picker: LocationPicker | None = None
        self.problems: list[Problem] = []
        self.boxes: dict[str, FieldBox] = {}
        self.labels: dict[str, QLabel] = {}
        self._build()
        self._load_regions()
        if household_id is None:
            self.load(hh.HouseholdData())
        else:
            with database.write() as session:
                data = hh.get_household(session, actor, household_id)
                hh.record_viewed(session, actor, household_id, "household form")
            self.load(data)
        self.translateUI()

    # ---------------------------------------------------------------- building

    def _line(self, name: str, max_length: int = 300) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(f"{name}Edit")
        edit.setMaxLength(max_length)
        edit.textChanged.connect(self._changed)
        return edit

    def _combo(self, name: str, choices: tuple[Any, ...] = (), *, empty: bool = True
               ) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"{name}Combo")
        combo.setProperty("choices", list(choices))
        combo.setProperty("empty", empty)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _box(self, names: str | tuple[str, ...], editor: QWidget) -> FieldBox:
        """``editor`` with a message line under it for the problems of ``names``."""
        box = FieldBox(editor, self)
        for name in (names,) if isinstance(names, str) else names:
            self.boxes[name] = box
        return box

    def _build(self) -> None:
        self.no_kk_edit = self._line("no_kk", 40)
        self.no_kk_edit.editingFinished.connect(self._tidy_no_kk)
        self.kelurahan_combo = self._combo("kelurahan", empty=True)
        self.kelurahan_combo.currentIndexChanged.connect(self._update_location_note)
        self.rt_edit = self._line("rt", 3)
        self.rw_edit = self._line("rw", 3)
        for edit in (self.rt_edit, self.rw_edit):
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0000") + 24)
        self.address_edit = self._line("address")
        self.longitude_edit = self._line("longitude", 30)
        self.latitude_edit = self._line("latitude", 30)
        for edit in (self.longitude_edit, self.latitude_edit):
            edit.editingFinished.connect(self._update_location_note)
        self.location_note = QLabel(self)
        self.location_note.setObjectName("locationNote")
        self.location_note.setWordWrap(True)
        self.pick_button = QPushButton(self)
        self.pick_button.setObjectName("pickOnMapButton")
        self.pick_button.clicked.connect(self._pick_location)
        self.pick_button.hide()  # shown once a map offers a picker (set_location_picker)
        self.desil_combo = self._combo("desil", tuple(range(1, 11)))
        self.income_combo = self._combo("income_bracket", codes.INCOME_BRACKET)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.textChanged.connect(self._changed)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 14)

        self.house_editors: dict[str, QWidget] = {}
        for name in HOUSE_CODES:
            self.house_editors[name] = self._combo(name, CODE_CHOICES[name])
        for name in HOUSE_BOOLS:
            self.house_editors[name] = self._combo(name, (True, False))
        for name in HOUSE_NUMBERS:
            edit = self._line(name, 12)
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0000000000") + 20)
            self.house_editors[name] = edit

        # --- tab 1: identity, address, location, members
        identity = QFormLayout()
        identity.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        identity.addRow(self._label_for("no_kk", self.no_kk_edit),
                        self._box("no_kk", self.no_kk_edit))
        identity.addRow(self._label_for("kelurahan_code", self.kelurahan_combo),
                        self._box("kelurahan_code", self.kelurahan_combo))
        rt_rw = QWidget(self)
        rt_rw_layout = QHBoxLayout(rt_rw)
        rt_rw_layout.setContentsMargins(0, 0, 0, 0)
        self.rw_caption = QLabel(self)
        rt_rw_layout.addWidget(self.rt_edit)
        rt_rw_layout.addWidget(self.rw_caption)
        rt_rw_layout.addWidget(self.rw_edit)
        rt_rw_layout.addStretch(1)
        self.rw_caption.setBuddy(self.rw_edit)
        # RT and RW share one message line under both, as wide as the form.
        identity.addRow(self._label_for("rt", self.rt_edit), self._box(("rt", "rw"), rt_rw))
        identity.addRow(self._label_for("address", self.address_edit),
                        self._box("address", self.address_edit))

        location = QFormLayout()
        location.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        coords = QWidget(self)
        coords_layout = QHBoxLayout(coords)
        coords_layout.setContentsMargins(0, 0, 0, 0)
        self.latitude_caption = QLabel(self)
        self.latitude_caption.setBuddy(self.latitude_edit)
        coords_layout.addWidget(self.longitude_edit, 1)
        coords_layout.addWidget(self.latitude_caption)
        coords_layout.addWidget(self.latitude_edit, 1)
        coords_layout.addWidget(self.pick_button)
        place = QWidget(self)
        place_layout = QVBoxLayout(place)
        place_layout.setContentsMargins(0, 0, 0, 0)
        place_layout.setSpacing(2)
        place_layout.addWidget(self._box(("longitude", "latitude"), coords))
        place_layout.addWidget(self.location_note)
        location.addRow(self._label_for("longitude", self.longitude_edit), place)
        location.addRow(self._label_for("desil", self.desil_combo),
                        self._box("desil", self.desil_combo))
        location.addRow(self._label_for("income_bracket", self.income_combo),
                        self._box("income_bracket", self.income_combo))
        location.addRow(self._label_for("notes", self.notes_edit),
                        self._box("notes", self.notes_edit))

        top = QHBoxLayout()
        top.addLayout(identity, 1)
        top.addSpacing(16)
        top.addLayout(location, 1)

        self.members = MemberTable(self)
        self.members.model.edited.connect(self._changed)
        self.members.move_requested.connect(self._move_members)
        self.members_group = QGroupBox(self)
        self.members_group.setObjectName("membersGroup")
        self.members_problems = QLabel(self)
        self.members_problems.setObjectName("membersProblems")
        self.members_problems.setWordWrap(True)
        self.members_problems.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.members_problems.hide()
        group_layout = QVBoxLayout(self.members_group)
        group_layout.addWidget(self.members, 1)
        group_layout.addWidget(self.members_problems)

        family_tab = QWidget(self)
        family_layout = QVBoxLayout(family_tab)
        family_layout.addLayout(top)
        family_layout.addWidget(self.members_group, 1)

        # --- tab 2: house condition
        house_tab = QWidget(self)
        grid = QGridLayout(house_tab)
        for column, names in enumerate(HOUSE_LAYOUT):
            form = QFormLayout()
            for name in names:
                form.addRow(self._label_for(name, self.house_editors[name]),
                            self._box(name, self.house_editors[name]))
            grid.addLayout(form, 0, column)
        grid.setRowStretch(1, 1)
        house_scroll = QScrollArea(self)
        house_scroll.setWidgetResizable(True)
        house_scroll.setWidget(house_tab)

        # --- tab 3: history
        self.history = HistoryPanel(self.database, self.actor, self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("householdTabs")
        self.tabs.addTab(family_tab, "")
        self.tabs.addTab(house_scroll, "")
        self.tabs.addTab(self.history, "")

        self.status = QLabel(self)
        self.status.setObjectName("formStatus")
        self.status.setWordWrap(True)
        self.profile_button = QPushButton(self)
        self.profile_button.setObjectName("profileButton")
        self.profile_button.clicked.connect(self._request_profile)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.close)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.profile_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def _label_for(self, name: str, editor: QWidget) -> QLabel:
        label = self.labels.get(name)
        if label is None:
            label = QLabel(self)
            self.labels[name] = label
        label.setBuddy(editor)
        return label

    def _load_regions(self) -> None:
        """Kelurahan of the office's city the operator may work in, by kecamatan."""
        with self.database.read() as session:
            office = office_settings.get(session, "office.kecamatan_code") or ""
            city = ".".join(office.split(".")[:2])
            rows = session.execute(
                select(Region.code, Region.name, Region.level)
                .where(Region.code.like(city + ".%"),
                       Region.level.in_(("kecamatan", "desa_kelurahan")))
                .order_by(Region.code)
            ).all()
        kecamatan = {c: n for c, n, lv in rows if lv == "kecamatan"}
        self._kelurahan = [(c, n, kecamatan.get(c.rsplit(".", 1)[0], ""))
                           for c, n, lv in rows
                           if lv == "desa_kelurahan" and covers(self.actor, c)]
        self._kelurahan_names = {c: n for c, n, _k in self._kelurahan}

    # ---------------------------------------------------------------- filling

    def load(self, data: hh.HouseholdData) -> None:
        """Show ``data`` as the stored record (the base for the next save)."""
        self._base = data if data.id is not None else None
        self._fill(data)
        self.members.model.set_members(data.members)
        self.show_problems([])
        self.history.load(data.id)
        self.profile_button.setEnabled(self._base is not None)
        self._mark_clean()
        self._update_title()

    def _fill(self, data: hh.HouseholdData) -> None:
        blockers = [QSignalBlocker(w) for w in self.findChildren(QLineEdit)]
        blockers += [QSignalBlocker(w) for w in self.findChildren(QComboBox)]
        blockers.append(QSignalBlocker(self.notes_edit))
        self.no_kk_edit.setText(data.no_kk)
        self._fill_kelurahan(data.kelurahan_code, data.kelurahan_name)
        self.rt_edit.setText(data.rt)
        self.rw_edit.setText(data.rw)
        self.address_edit.setText(data.address)
        self.longitude_edit.setText("" if data.longitude is None else f"{data.longitude:.6f}")
        self.latitude_edit.setText("" if data.latitude is None else f"{data.latitude:.6f}")
        self._fill_combo(self.desil_combo, "desil", data.desil)
        self._fill_combo(self.income_combo, "income_bracket", data.income_bracket)
        self.notes_edit.setPlainText(data.notes)
        for name, editor in self.house_editors.items():
            value = getattr(data, name)
            if isinstance(editor, QComboBox):
                self._fill_combo(editor, name, value)
            else:
                assert isinstance(editor, QLineEdit)
                editor.setText("" if value is None else f"{value:g}")
        del blockers
        self._update_location_note()

    def _fill_kelurahan(self, code: str, name: str = "") -> None:
        combo = self.kelurahan_combo
        combo.clear()
        combo.addItem(self.tr("— choose kelurahan —"), "")
        for kel_code, kel_name, kec_name in self._kelurahan:
            combo.addItem(self.tr("{kelurahan} (Kec. {kecamatan})").format(
                kelurahan=kel_name, kecamatan=kec_name), kel_code)
        if code and combo.findData(code) < 0:
            # A household outside the usual list (another city): keep it selectable.
            combo.addItem(f"{name or code} ({code})", code)
        combo.setCurrentIndex(max(combo.findData(code), 0) if code else 0)

    def _fill_combo(self, combo: QComboBox, field: str, value: Any) -> None:
        combo.clear()
        if combo.property("empty"):
            combo.addItem("—", None)
        for choice in combo.property("choices") or []:
            if field in HOUSE_BOOLS:
                text = labels.yes_no(choice)
            elif field == "desil":
                text = str(choice)
            else:
                text = labels.code_label(field, choice)
            combo.addItem(text, choice)
        index = combo.findData(value) if value is not None else 0
        combo.setCurrentIndex(max(index, 0))

    # ---------------------------------------------------------------- reading back

    def collect(self) -> _Collected:
        """The record as the form shows it, and the input it could not read."""
        problems: list[Problem] = []
        longitude, problem = validation.parse_coordinate(self.longitude_edit.text(), "longitude")
        problems += [problem] if problem else []
        latitude, problem = validation.parse_coordinate(self.latitude_edit.text(), "latitude")
        problems += [problem] if problem else []
        values: dict[str, Any] = {}
        for name, editor in self.house_editors.items():
            if isinstance(editor, QComboBox):
                values[name] = editor.currentData()
            else:
                assert isinstance(editor, QLineEdit)
                value, problem = validation.parse_number(editor.text(), name,
                                                         integer=HOUSE_NUMBERS[name])
                values[name] = value
                problems += [problem] if problem else []
        base = self._base or hh.HouseholdData()
        data = replace(
            base,
            no_kk=self.no_kk_edit.text().strip(),
            kelurahan_code=self.kelurahan_combo.currentData() or "",
            rt=self.rt_edit.text().strip(),
            rw=self.rw_edit.text().strip(),
            address=self.address_edit.text(),
            longitude=longitude,
            latitude=latitude,
            desil=self.desil_combo.currentData(),
            income_bracket=self.income_combo.currentData(),
            notes=self.notes_edit.toPlainText(),
            members=self.members.model.members(),
            **values,
        )
        # A NIK the member table refused on entry is refused again, with the member's
        # row and name, by the validation of the save; it is not listed twice.
        return _Collected(data, problems)

    def _raw_state(self) -> tuple[Any, ...]:
        """Everything typed, as typed: what "unsaved changes" compares."""
        texts = tuple(w.text() for w in (self.no_kk_edit, self.rt_edit, self.rw_edit,
                                         self.address_edit, self.longitude_edit,
                                         self.latitude_edit))
        combos = (self.kelurahan_combo.currentData(), self.desil_combo.currentData(),
                  self.income_combo.currentData())
        house = tuple(e.currentData() if isinstance(e, QComboBox)
                      else e.text()  # type: ignore[attr-defined]
                      for e in self.house_editors.values())
        return texts + combos + house + (self.notes_edit.toPlainText(),
                                         self.members.model.members())

    def _mark_clean(self) -> None:
        self._clean_state = self._raw_state()
        self._changed()

    def is_dirty(self) -> bool:
        """True when the form holds changes that are not saved."""
        return self._raw_state() != self._clean_state

    def _changed(self, *_args: Any) -> None:
        dirty = self.is_dirty() if self._clean_state else False
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)
            self._update_title()

    # ---------------------------------------------------------------- problems

    def show_problems(self, problems: list[Problem]) -> None:
        """Put each problem beside its field; members' on their cells and under the table."""
        by_field: dict[str, list[Problem]] = {}
        member_problems: list[Problem] = []
        for problem in problems:
            if problem.field == "members" or problem.field.startswith("members."):
                member_problems.append(problem)
            else:
                by_field.setdefault(problem.field, []).append(problem)
        per_box: dict[int, tuple[FieldBox, list[Problem]]] = {}
        for name, box in self.boxes.items():
            per_box.setdefault(id(box), (box, []))[1].extend(by_field.pop(name, []))
        for box, box_problems in per_box.values():
            box.show_problems(box_problems)
        # A problem for a field without a box (should not happen) still gets shown.
        leftovers = [p for ps in by_field.values() for p in ps]
        self.members.model.set_problems(member_problems)
        shown = member_problems + leftovers
        if shown:
            worst_error = any(p.is_error for p in shown)
            self.members_problems.setStyleSheet(ERROR_STYLE if worst_error else WARNING_STYLE)
            self.members_problems.setText("\n".join(f"• {p.message}" for p in shown))
            self.members_problems.show()
        else:
            self.members_problems.clear()
            self.members_problems.hide()
        self.problems = problems
        # A tab holding an error shows its title in red, so a problem on a hidden tab is
        # not missed.
        house_error = any(p.is_error and p.field in self.house_editors for p in problems)
        family_error = any(p.is_error and p.field not in self.house_editors for p in problems)
        bar = self.tabs.tabBar()
        for index, flagged in ((0, family_error), (1, house_error)):
            bar.setTabTextColor(index, QColor("#b02a37") if flagged else QColor())
        errors = sum(1 for p in problems if p.is_error)
        if errors:
            self._set_status(self.tr("Not saved: {count} problem(s) to fix, shown beside the "
                                     "fields.").format(count=errors), ERROR_STYLE)
            self._reveal_first_problem(problems)

    def _reveal_first_problem(self, problems: list[Problem]) -> None:
        first = next((p for p in problems if p.is_error), None)
        if first is None:
            return
        if first.field in self.house_editors:
            self.tabs.setCurrentIndex(1)
        else:
            self.tabs.setCurrentIndex(0)

    def _set_status(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    # ---------------------------------------------------------------- saving

    def save(self) -> bool:
        """Check and save; True when saved. Refused saves write nothing."""
        collected = self.collect()
        with self.database.read() as session:
            check = validation.check_household(session, collected.data, actor=self.actor,
                                               today=self.today)
        problems = collected.problems + list(check.problems)
        if any(p.is_error for p in problems):
            self.show_problems(problems)
            return False
        try:
            with self.database.write() as session:
                result = hh.save_household(session, self.actor, collected.data,
                                           base=self._base, today=self.today)
        except ValidationFailed as exc:  # someone registered the same NIK meanwhile...
            self.show_problems([Problem(f, m) for f, m in exc.problems])
            return False
        except RecordChanged as exc:
            self._on_conflict(exc, collected.data)
            return False
        except TepatError as exc:
            self._set_status(str(exc), ERROR_STYLE)
            return False
        self.load(result.household)
        self.show_problems(list(result.warnings))
        if result.warnings:
            self._set_status(self.tr("Saved, with {count} warning(s) shown beside the fields.")
                             .format(count=len(result.warnings)), WARNING_STYLE)
        else:
            self._set_status(self.tr("Saved."), OK_STYLE)
        self.saved.emit(result.household)
        return True

    def _on_conflict(self, exc: RecordChanged, mine: hh.HouseholdData) -> None:
        base = self._base or mine
        current = exc.current
        if current is None:
            with self.database.read() as session:
                current = hh.get_household(session, self.actor, base.id)  # type: ignore[arg-type]
        assert isinstance(current, hh.HouseholdData)
        changes = exc.changes or hh.conflicts(base, mine, current)
        dialog = ConflictDialog(changes, by=exc.by, at=exc.at,  # type: ignore[arg-type]
                                parent=self)
        choice = dialog.ask()
        if choice == RELOAD:
            self.load(current)
            self._set_status(self.tr("Reloaded the newer record; your changes were dropped."))
        elif choice == REAPPLY:
            merged = hh.reapply(base, mine, current)
            self.load(current)  # the newer record becomes the base...
            self._fill(merged)  # ...and the form shows it with this operator's edits on top
            self.members.model.set_members(merged.members)
            self._changed()
            self._set_status(self.tr("Your changes were re-applied on the newer record. "
                                     "Check them and save again."), WARNING_STYLE)
        else:
            self._set_status(self.tr("Not saved: the household was changed by someone else."),
                             ERROR_STYLE)
        assert choice in (RELOAD, REAPPLY, CANCEL)

    # ---------------------------------------------------------------- location

    def set_location_picker(self, picker: LocationPicker | None) -> None:
        """Let the operator pick the point on a map (the map provides ``picker``)."""
        self._location_picker = picker
        self.pick_button.setVisible(picker is not None)

    def _pick_location(self) -> None:
        if self._location_picker is None:
            return
        lon, _p = validation.parse_coordinate(self.longitude_edit.text(), "longitude")
        lat, _p = validation.parse_coordinate(self.latitude_edit.text(), "latitude")
        picked = self._location_picker(lon, lat)
        if picked is not None:
            self.longitude_edit.setText(f"{picked[0]:.6f}")
            self.latitude_edit.setText(f"{picked[1]:.6f}")
            self._update_location_note()

    def _update_location_note(self, *_args: Any) -> None:
        lon, p1 = validation.parse_coordinate(self.longitude_edit.text(), "longitude")
        lat, p2 = validation.parse_coordinate(self.latitude_edit.text(), "latitude")
        if lon is None or lat is None or p1 or p2:
            self.location_note.setText(self.tr("No location recorded.") if not (p1 or p2)
                                       else "")
            self.location_note.setStyleSheet("")
            return
        with self.database.read() as session:
            located = validation.locate(session, lon, lat)
            has_boundaries = session.scalar(
                select(Region.code).where(Region.boundary_geojson.is_not(None)).limit(1))
        chosen = self.kelurahan_combo.currentData()
        if located is None:
            text = (self.tr("The point is in no kelurahan with a known boundary.")
                    if has_boundaries else self.tr("No kelurahan boundaries are loaded."))
            style = WARNING_STYLE if has_boundaries else ""
        elif chosen and located.code != chosen:
            text = self.tr("The point is in Kel. {name}, not in the kelurahan chosen above."
                           ).format(name=located.name)
            style = WARNING_STYLE
        else:
            text = self.tr("The point is in Kel. {name}.").format(name=located.name)
            style = OK_STYLE
        self.location_note.setText(text)
        self.location_note.setStyleSheet(style)

    # ---------------------------------------------------------------- tidy input

    def _tidy_no_kk(self) -> None:
        """Show a pasted No. KK as its 16 digits; leave refused input for the save to explain."""
        text = self.no_kk_edit.text()
        try:
            digits = nik.normalise(text, "No. KK")
        except nik.NumberRejected:
            return
        if digits != text:
            self.no_kk_edit.setText(digits)

    # ---------------------------------------------------------------- moving members

    def _move_members(self, member_ids: list[int]) -> None:
        if self._base is None:
            return
        if self.is_dirty():
            self._set_status(self.tr("Save or undo your changes before moving members."),
                             ERROR_STYLE)
            return
        dialog = MoveMembersDialog(self.database, self.actor, self._base, member_ids,
                                   today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_data is not None:
            self.load(dialog.result_data.source)
            self._set_status(self.tr("Moved to KK {no_kk}.").format(
                no_kk=dialog.result_data.target.no_kk), OK_STYLE)
            self.saved.emit(dialog.result_data.source)
            self.saved.emit(dialog.result_data.target)

    # ---------------------------------------------------------------- closing

    def confirm_close(self) -> bool:
        """Ask about unsaved changes; True when the form may close."""
        if not self.is_dirty():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("This household has changes that are not saved."),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("unsavedChangesBox")
        box.setInformativeText(self.tr("Save them before closing?"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close():
            event.accept()
        else:
            event.ignore()

    def _request_profile(self) -> None:
        if self._base is not None:
            self.profile_requested.emit(self._base.id)

    @property
    def household(self) -> hh.HouseholdData | None:
        """The record as last loaded or saved (None for a new, unsaved household)."""
        return self._base

    # ---------------------------------------------------------------- language

    def _update_title(self) -> None:
        if self._base is None:
            title = self.tr("New household")
        else:
            title = self.tr("Household KK {no_kk}").format(no_kk=self._base.no_kk)
        self.setWindowTitle(title + (" *" if self.is_dirty() and self._clean_state else ""))

    def translateUI(self) -> None:
        for name, label in self.labels.items():
            label.setText(labels.field_label(name))
        self.labels["rt"].setText(self.tr("RT / RW"))
        self.labels["longitude"].setText(self.tr("Longitude"))
        self.rw_caption.setText("/")
        self.latitude_caption.setText(self.tr("Latitude"))
        self.no_kk_edit.setPlaceholderText(self.tr("16 digits"))
        self.address_edit.setPlaceholderText(self.tr("Street, kampung or housing estate"))
        self.longitude_edit.setPlaceholderText("106.150000")
        self.latitude_edit.setPlaceholderText("-6.120000")
        self.pick_button.setText(self.tr("Pick on map…"))
        self.members_group.setTitle(self.tr("Members"))
        self.tabs.setTabText(0, self.tr("Family"))
        self.tabs.setTabText(1, self.tr("House condition"))
        self.tabs.setTabText(2, self.tr("History"))
        self.profile_button.setText(self.tr("Profile"))
        self.profile_button.setEnabled(self._base is not None)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.close_button.setText(self.tr("Close"))
        state = self._raw_state()
        was_clean = state == self._clean_state
        self._fill_kelurahan(self.kelurahan_combo.currentData() or "",
                             self._kelurahan_names.get(self.kelurahan_combo.currentData() or "",
                                                       ""))
        for name, editor in (("desil", self.desil_combo), ("income_bracket", self.income_combo),
                             *self.house_editors.items()):
            if isinstance(editor, QComboBox):
                with QSignalBlocker(editor):
                    self._fill_combo(editor, name, editor.currentData())
        if was_clean:
            self._clean_state = self._raw_state()
        self._update_location_note()
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)


class MoveMembersDialog(QDialog):
    """Move selected members to another KK, or split them off into a new KK."""

    def __init__(self, database: Database, actor: Actor, source: hh.HouseholdData,
                 member_ids: list[int], *, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveMembersDialog")
        self.setWindowTitle(self.tr("Move members to another KK"))
        self.database = database
        self.actor = actor
        self.source = source
        self.today = today
        self.members = [m for m in source.members if m.id in member_ids and not m.deceased]
        self.result_data: hh.MoveResult | None = None

        names = ", ".join(m.name for m in self.members)
        intro = QLabel(self.tr("Moving: {names}").format(names=names), self)
        intro.setWordWrap(True)
        self.existing_radio = QRadioButton(self.tr("To an existing KK"), self)
        self.existing_radio.setObjectName("existingKkRadio")
        self.new_radio = QRadioButton(self.tr("To a new KK (split), same address"), self)
        self.new_radio.setObjectName("newKkRadio")
        group = QButtonGroup(self)
        group.addButton(self.existing_radio)
        group.addButton(self.new_radio)
        self.existing_radio.setChecked(True)
        self.new_radio.toggled.connect(self._new_kk_toggled)
        self.kk_edit = QLineEdit(self)
        self.kk_edit.setObjectName("targetKkEdit")
        self.kk_edit.setPlaceholderText(self.tr("No. KK (16 digits)"))
        self.kk_edit.setMaxLength(40)

        form = QFormLayout()
        self.relationship_combos: dict[int, QComboBox] = {}
        for member in self.members:
            combo = QComboBox(self)
            for code in codes.RELATIONSHIP:
                combo.addItem(labels.code_label("relationship", code), code)
            combo.setCurrentIndex(combo.findData(member.relationship))
            self.relationship_combos[member.id] = combo  # type: ignore[index]
            form.addRow(self.tr("{name}, in the new KK:").format(name=member.name), combo)
        self.new_head_combo = QComboBox(self)
        self.new_head_combo.setObjectName("newHeadCombo")
        moving_head = any(m.relationship == "head" for m in self.members)
        remaining = [m for m in source.members if m.id not in member_ids and not m.deceased]
        self.new_head_combo.addItem("—", None)
        for member in remaining:
            self.new_head_combo.addItem(member.name, member.id)
        self.new_head_label = QLabel(self.tr("New head of KK {no_kk}:").format(
            no_kk=source.no_kk), self)
        form.addRow(self.new_head_label, self.new_head_combo)
        self.new_head_label.setVisible(moving_head)
        self.new_head_combo.setVisible(moving_head)

        self.message = QLabel(self)
        self.message.setObjectName("moveMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._move)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.existing_radio)
        layout.addWidget(self.new_radio)
        layout.addWidget(self.kk_edit)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _new_kk_toggled(self, new_kk: bool) -> None:
        """In a new KK the first member moved is its head, until the operator says otherwise."""
        if new_kk and self.members:
            combo = self.relationship_combos[self.members[0].id]  # type: ignore[index]
            combo.setCurrentIndex(combo.findData("head"))

    def _move(self) -> None:
        relationships = {mid: c.currentData() for mid, c in self.relationship_combos.items()}
        source_head = self.new_head_combo.currentData() if self.new_head_combo.isVisible() \
            else None
        try:
            with self.database.write() as session:
                if self.new_radio.isChecked():
                    new = replace(self.source, id=None, version=None, no_kk=self.kk_edit.text(),
                                  notes="", members=())
                    self.result_data = hh.move_members(
                        session, self.actor,
                        self.source.id, self.source.version,  # type: ignore[arg-type]
                        list(relationships), relationships=relationships,
                        new_household=new, source_new_head=source_head, today=self.today)
                else:
                    target_id = hh.find_household_id(session, self.actor, self.kk_edit.text())
                    target = hh.get_household(session, self.actor, target_id)
                    self.result_data = hh.move_members(
                        session, self.actor,
                        self.source.id, self.source.version,  # type: ignore[arg-type]
                        list(relationships), relationships=relationships, target_id=target_id,
                        target_version=target.version, source_new_head=source_head,
                        today=self.today)
        except ValidationFailed as exc:
            self.message.setText("\n".join(m for _f, m in exc.problems))
            return
        except TepatError as exc:
            self.message.setText(str(exc))
            return
        self.accept()
