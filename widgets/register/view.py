"""The register screen: a search box, a filter bar and the lazy household table.

Keyboard first: Ctrl+F jumps to the search box (typing searches after a short pause, Enter
searches at once and moves to the first result), the arrow keys move through the table,
Enter opens the selected household (signal :attr:`RegisterView.open_requested`).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db import search
from db.search import RegisterFilter
from widgets.register import labels
from widgets.register.model import COLUMNS, FilterOptions, RegisterModel, RegisterSource

SEARCH_DELAY_MS = 250
# Preset desil ranges in the filter: (min, max); most offices treat 1-4 or 1-5 as poor.
DESIL_RANGES: tuple[tuple[int, int], ...] = ((1, 4), (1, 5), *((d, d) for d in range(1, 11)))


class RegisterTable(QTableView):
    """The table: Enter/Return opens the current household instead of editing a cell."""

    open_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class SearchBox(QLineEdit):
    """The search field: Down moves into the results."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class RegisterView(QWidget):
    """Search box, filters and the household table over a :class:`RegisterSource`."""

    open_requested = Signal(int)  # household id: open it in the form
    profile_requested = Signal(int)  # household id: show the one-page profile
    new_requested = Signal()  # make a new household

    def __init__(self, source: RegisterSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerView")
        self.model = RegisterModel(source, self)
        self._options = FilterOptions([], [], [], [])
        self._build()
        self.model.reloaded.connect(self._update_count)
        self._options = source.options()
        self.model.reload()
        self.translateUI()  # also fills the filter combo boxes

    # ---------------------------------------------------------------- building

    def _build(self) -> None:
        self.search_box = SearchBox(self)
        self.search_box.setObjectName("registerSearch")
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_box.textEdited.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self._search_now)
        self.search_box.down_pressed.connect(self._focus_table)

        self.search_action = QAction(self)
        self.search_action.setObjectName("findHouseholdAction")
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.search_action.triggered.connect(self.focus_search)
        self.addAction(self.search_action)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("registerCount")
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newHouseholdButton")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openHouseholdButton")
        self.open_button.clicked.connect(self._open_current)
        self.profile_button = QPushButton(self)
        self.profile_button.setObjectName("profileButton")
        self.profile_button.clicked.connect(self._profile_current)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addWidget(self.profile_button)

        self.kecamatan_combo = QComboBox(self)
        self.kecamatan_combo.setObjectName("kecamatanFilter")
        self.kelurahan_combo = QComboBox(self)
        self.kelurahan_combo.setObjectName("kelurahanFilter")
        self.kelurahan_combo.setMinimumContentsLength(14)
        self.rw_edit = QLineEdit(self)
        self.rw_edit.setObjectName("rwFilter")
        self.rt_edit = QLineEdit(self)
        self.rt_edit.setObjectName("rtFilter")
        for edit in (self.rw_edit, self.rt_edit):
            edit.setMaxLength(3)
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0000") + 24)
            edit.editingFinished.connect(self.apply_filter)
        self.desil_combo = QComboBox(self)
        self.desil_combo.setObjectName("desilFilter")
        self.program_combo = QComboBox(self)
        self.program_combo.setObjectName("programFilter")
        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("stateFilter")
        self.state_combo.setMinimumContentsLength(12)
        self.flags_button = QToolButton(self)
        self.flags_button.setObjectName("flagsFilter")
        self.flags_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.flags_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.flags_button.setMinimumWidth(self.fontMetrics().horizontalAdvance("Flags (9)") + 40)
        self.flags_menu = QMenu(self.flags_button)
        self.flags_menu.setObjectName("flagsMenu")
        self.flag_actions: dict[str, QAction] = {}
        for flag in search.FLAGS:
            action = self.flags_menu.addAction("")
            action.setCheckable(True)
            action.setObjectName(f"flag_{flag}")
            action.toggled.connect(self.apply_filter)
            self.flag_actions[flag] = action
        self.flags_button.setMenu(self.flags_menu)
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("resetFilters")
        self.reset_button.clicked.connect(self.reset_filters)
        self.kecamatan_combo.currentIndexChanged.connect(self._kecamatan_changed)
        for combo in (self.kelurahan_combo, self.desil_combo, self.program_combo,
                      self.state_combo):
            combo.currentIndexChanged.connect(self.apply_filter)

        filters = QHBoxLayout()
        for widget in (self.kecamatan_combo, self.kelurahan_combo, self.rw_edit, self.rt_edit,
                       self.desil_combo, self.program_combo, self.state_combo,
                       self.flags_button):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.reset_button)

        self.table = RegisterTable(self)
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        # Widths from the font, so nothing is clipped at 1366×768 beside the region panel;
        # address and flags share what is left.
        fm = self.table.fontMetrics()
        widths = {"no_kk": fm.horizontalAdvance("0" * 16) + 18,
                  "head": fm.horizontalAdvance("M" * 14),
                  "rt_rw": fm.horizontalAdvance("000/000") + 18,
                  "kelurahan": fm.horizontalAdvance("Sumur Pecung") + 18,
                  "desil": fm.horizontalAdvance("Desil") + 18,
                  "members": fm.horizontalAdvance("Anggota") + 18,
                  "status": fm.horizontalAdvance("RTLH: Diajukan") + 18}
        for column, spec in enumerate(COLUMNS):
            if spec.key in widths:
                header.resizeSection(column, widths[spec.key])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.open_requested.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    # ---------------------------------------------------------------- filters

    def reload_options(self) -> None:
        """Read the kecamatan, kelurahan, programs and states offered by the filters."""
        self._options = self.model.source.options()
        self._fill_combos()

    def _fill_combos(self) -> None:
        current = self.current_filter()
        with QSignalBlocker(self.kecamatan_combo), QSignalBlocker(self.desil_combo), \
                QSignalBlocker(self.program_combo), QSignalBlocker(self.state_combo):
            self.kecamatan_combo.clear()
            self.kecamatan_combo.addItem(self.tr("All kecamatan"), None)
            for code, name in self._options.kecamatan:
                self.kecamatan_combo.addItem(self.tr("Kec. {name}").format(name=name), code)
            self._select(self.kecamatan_combo, current.kecamatan_code)
            self.desil_combo.clear()
            self.desil_combo.addItem(self.tr("All desil"), None)
            for low, high in DESIL_RANGES:
                text = (self.tr("Desil {low}–{high}").format(low=low, high=high) if low != high
                        else self.tr("Desil {value}").format(value=low))
                self.desil_combo.addItem(text, f"{low}-{high}")
            self._select(self.desil_combo, f"{current.desil_min}-{current.desil_max}"
                         if current.desil_min is not None else None)
            self.program_combo.clear()
            self.program_combo.addItem(self.tr("All programs"), None)
            for code, _name in self._options.programs:
                self.program_combo.addItem(code.upper(), code)
            self._select(self.program_combo, current.program_code)
            self.state_combo.clear()
            self.state_combo.addItem(self.tr("Any proposal status"), None)
            self.state_combo.addItem(self.tr("Not proposed"), search.NO_PROPOSAL)
            for state in self._options.states:
                self.state_combo.addItem(labels.state_label(state), state)
            self._select(self.state_combo, current.proposal_state)
        self._fill_kelurahan(current.kelurahan_code)

    def _fill_kelurahan(self, keep: str | None = None) -> None:
        kecamatan = self.kecamatan_combo.currentData()
        with QSignalBlocker(self.kelurahan_combo):
            self.kelurahan_combo.clear()
            self.kelurahan_combo.addItem(self.tr("All kelurahan"), None)
            for code, name, parent in self._options.kelurahan:
                if kecamatan is None or parent == kecamatan:
                    self.kelurahan_combo.addItem(name, code)
            self._select(self.kelurahan_combo, keep)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value) if value is not None else 0
        combo.setCurrentIndex(max(index, 0))

    def _kecamatan_changed(self) -> None:
        self._fill_kelurahan()
        self.apply_filter()

    def current_filter(self) -> RegisterFilter:
        """The filter the bar shows now."""
        # Ranges travel as "low-high" text: combo data survives only as simple types.
        data = self.desil_combo.currentData() if self.desil_combo.count() else None
        desil = [int(part) for part in data.split("-")] if data else None
        return RegisterFilter(
            kecamatan_code=self.kecamatan_combo.currentData(),
            kelurahan_code=self.kelurahan_combo.currentData(),
            rw=self.rw_edit.text().strip() or None,
            rt=self.rt_edit.text().strip() or None,
            desil_min=desil[0] if desil else None,
            desil_max=desil[1] if desil else None,
            program_code=self.program_combo.currentData(),
            proposal_state=self.state_combo.currentData(),
            flags=frozenset(f for f, a in self.flag_actions.items() if a.isChecked()),
            text=self.search_box.text(),
        )

    def apply_filter(self) -> None:
        """Run the filter and search shown in the bar (keeps the selected household if listed)."""
        self._search_timer.stop()
        flt = self.current_filter()
        self._update_flags_button(flt)
        if flt == self.model.filter:
            return
        selected = self.selected_household()
        self.model.set_filter(flt)
        self._reselect(selected)

    def reset_filters(self) -> None:
        """Clear the search and every filter."""
        with QSignalBlocker(self.kecamatan_combo):
            self.kecamatan_combo.setCurrentIndex(0)
        self._fill_kelurahan()
        for combo in (self.desil_combo, self.program_combo, self.state_combo):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        for action in self.flag_actions.values():
            with QSignalBlocker(action):
                action.setChecked(False)
        self.rw_edit.clear()
        self.rt_edit.clear()
        self.search_box.clear()
        self.apply_filter()

    def _update_flags_button(self, flt: RegisterFilter) -> None:
        count = len(flt.flags)
        self.flags_button.setText(self.tr("Flags ({count})").format(count=count) if count
                                  else self.tr("Flags"))

    # ---------------------------------------------------------------- navigation

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search box with its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _search_now(self) -> None:
        self.apply_filter()
        self._focus_table()

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def selected_household(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.household_id(index.row()) if index.isValid() else None

    def select_household(self, household_id: int) -> bool:
        """Select a household's row if it is listed; True if it was."""
        row = self.model.row_of(household_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _reselect(self, household_id: int | None) -> None:
        reselected = household_id is not None and self.select_household(household_id)
        if not reselected and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.clearSelection()

    def refresh(self) -> None:
        """Read the register again (after a save elsewhere), keeping filter and selection."""
        selected = self.selected_household()
        self.model.reload()
        self._reselect(selected)

    def _open_index(self, index: QModelIndex) -> None:
        household_id = self.model.household_id(index.row())
        if household_id is not None:
            self.open_requested.emit(household_id)

    def _open_current(self) -> None:
        household_id = self.selected_household()
        if household_id is not None:
            self.open_requested.emit(household_id)

    def _profile_current(self) -> None:
        household_id = self.selected_household()
        if household_id is not None:
            self.profile_requested.emit(household_id)

    def _update_count(self, count: int) -> None:
        self.count_label.setText(
            self.tr("Households: {count}").format(count=QLocale().toString(count)))

    # ---------------------------------------------------------------- language

    def translateUI(self) -> None:
        self.search_box.setPlaceholderText(
            self.tr("Search NIK, No. KK or name… (Ctrl+F)"))
        self.search_action.setText(self.tr("Find household"))
        self.new_button.setText(self.tr("New household"))
        self.open_button.setText(self.tr("Open"))
        self.profile_button.setText(self.tr("Profile"))
        self.rw_edit.setPlaceholderText(self.tr("RW"))
        self.rt_edit.setPlaceholderText(self.tr("RT"))
        self.reset_button.setText(self.tr("Clear filters"))
        for flag, action in self.flag_actions.items():
            action.setText(labels.flag_label(flag))
        self._update_flags_button(self.current_filter())
        self._update_count(self.model.rowCount())
        self._fill_combos()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
