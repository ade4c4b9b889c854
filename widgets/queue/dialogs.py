"""Dialogs of the queue: new proposals (intake), assigning visits, approving the top N.

Each collects input and hands it back; none touches the database. The "approve top N"
dialog shows a preview that its caller computes (``preview(n, kelurahan)``) and returns
the list the signatory saw, so the approval can refuse if the list changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.nik import NumberRejected, normalise
from db.programs import PeriodInfo
from db.regions import RegionRow
from db.workflow import ApprovalPreview
from widgets.queue.labels import program_label, source_label


class IntakeDialog(QDialog):
    """New proposals from NIK or No. KK numbers (typed, pasted, or a map selection's KKs).

    In a per-person program a NIK proposes that person and a KK every living member; in a
    per-household program either proposes the household.
    """

    def __init__(self, periods: Sequence[PeriodInfo], sources: Sequence[str], *,
                 numbers: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.periods = [p for p in periods if p.status == "open"]
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.period = QComboBox(self)
        self.period.setObjectName("periodCombo")
        for period in self.periods:
            self.period.addItem(f"{program_label(period.program_code)} – {period.name}",
                                period.id)
        self.source = QComboBox(self)
        self.source.setObjectName("sourceCombo")
        for code in sources:
            self.source.addItem(source_label(code), code)
        self.numbers = QPlainTextEdit(self)
        self.numbers.setObjectName("numbersEdit")
        self.numbers.setPlainText("\n".join(numbers))
        self.numbers.setTabChangesFocus(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reasonEdit")
        self.period_label, self.source_label = QLabel(self), QLabel(self)
        self.numbers_label, self.reason_label = QLabel(self), QLabel(self)
        form.addRow(self.period_label, self.period)
        form.addRow(self.source_label, self.source)
        form.addRow(self.numbers_label, self.numbers)
        form.addRow(self.reason_label, self.reason)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setObjectName("problemLabel")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b02a37;")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.translateUI()
        self.resize(460, 360)

    def period_info(self) -> PeriodInfo | None:
        index = self.period.currentIndex()
        return self.periods[index] if 0 <= index < len(self.periods) else None

    def request(self) -> tuple[str, int, list[str], str, str]:
        """(program code, period id, numbers, source, reason) as entered.

        Each number may be a NIK or a No. KK; ``db`` looks each up and names the bad ones.
        """
        period = self.period_info()
        assert period is not None
        numbers = [n for n in self.numbers.toPlainText().replace(",", "\n").split("\n")
                   if n.strip()]
        return (period.program_code, period.id, [n.strip() for n in numbers],
                self.source.currentData(), self.reason.text().strip())

    def _accept(self) -> None:
        period = self.period_info()
        if period is None:
            self.problem.setText(self.tr("There is no open period to propose in."))
            self.problem.show()
            return
        bad = []
        for raw in [n for n in self.numbers.toPlainText().replace(",", "\n").split("\n")
                    if n.strip()]:
            try:
                normalise(raw)
            except NumberRejected as exc:
                bad.append(f"{raw}: {exc.reason}")
        if not self.numbers.toPlainText().split():
            bad.append(self.tr("Type at least one NIK or No. KK."))
        if bad:
            self.problem.setText("\n".join(bad))
            self.problem.show()
            return
        self.accept()

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("New proposals"))
        self.period_label.setText(self.tr("Period"))
        self.source_label.setText(self.tr("Source"))
        self.numbers_label.setText(self.tr("NIK or No. KK,\none per line"))
        self.reason_label.setText(self.tr("Reason"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)


class AssignDialog(QDialog):
    """Send visits to a field officer: the selected proposals, or a kelurahan / RW / RT."""

    def __init__(self, officers: Sequence[tuple[int, str]], kelurahan: Sequence[RegionRow], *,
                 selected: int, current_kelurahan: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.officer = QComboBox(self)
        self.officer.setObjectName("officerCombo")
        for user_id, name in officers:
            self.officer.addItem(name, user_id)
        self.by_selection = QRadioButton(self)
        self.by_selection.setObjectName("bySelection")
        self.by_area = QRadioButton(self)
        self.by_area.setObjectName("byArea")
        self.selected = selected
        self.kelurahan = QComboBox(self)
        self.kelurahan.setObjectName("kelurahanCombo")
        for row in kelurahan:
            self.kelurahan.addItem(row.name, row.code)
        if current_kelurahan:
            self.kelurahan.setCurrentIndex(max(self.kelurahan.findData(current_kelurahan), 0))
        self.rw = QLineEdit(self)
        self.rw.setObjectName("rwEdit")
        self.rw.setMaxLength(3)
        self.rt = QLineEdit(self)
        self.rt.setObjectName("rtEdit")
        self.rt.setMaxLength(3)
        self.officer_label, self.kelurahan_label = QLabel(self), QLabel(self)
        self.rw_label, self.rt_label = QLabel(self), QLabel(self)
        form.addRow(self.officer_label, self.officer)
        form.addRow(self.by_selection)
        form.addRow(self.by_area)
        form.addRow(self.kelurahan_label, self.kelurahan)
        form.addRow(self.rw_label, self.rw)
        form.addRow(self.rt_label, self.rt)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.by_selection.setEnabled(selected > 0)
        (self.by_selection if selected > 0 else self.by_area).setChecked(True)
        for button in (self.by_selection, self.by_area):
            button.toggled.connect(self._update)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(officers))
        self.translateUI()
        self._update()

    def _update(self) -> None:
        area = self.by_area.isChecked()
        for widget in (self.kelurahan, self.rw, self.rt):
            widget.setEnabled(area)

    def choice(self) -> tuple[int, str | None, str | None, str | None]:
        """(officer id, kelurahan or None for the selection, RW, RT)."""
        if self.by_selection.isChecked():
            return self.officer.currentData(), None, None, None
        return (self.officer.currentData(), self.kelurahan.currentData(),
                self.rw.text().strip() or None, self.rt.text().strip() or None)

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Send to the field"))
        self.officer_label.setText(self.tr("Field officer"))
        self.by_selection.setText(self.tr("The %1 selected proposal(s)").replace(
            "%1", str(self.selected)))
        self.by_area.setText(self.tr("Every submitted proposal of the period in:"))
        self.kelurahan_label.setText(self.tr("Kelurahan"))
        self.rw_label.setText(self.tr("RW (optional)"))
        self.rt_label.setText(self.tr("RT (optional)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)


class ApproveTopDialog(QDialog):
    """Preview who "approve the top N within quota" takes, who not, and why; then approve."""

    def __init__(self, period: PeriodInfo, preview: Callable[[int, str | None], ApprovalPreview],
                 kelurahan: Sequence[RegionRow], *, start: int = 10,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approveTopDialog")
        self.period = period
        self._preview_fn = preview
        self.preview: ApprovalPreview | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.count = QSpinBox(self)
        self.count.setObjectName("countSpin")
        self.count.setRange(1, 100_000)
        self.count.setValue(start)
        self.kelurahan = QComboBox(self)
        self.kelurahan.setObjectName("kelurahanCombo")
        self.kelurahan.addItem("", None)
        for row in kelurahan:
            self.kelurahan.addItem(row.name, row.code)
        self.count_label, self.kelurahan_label = QLabel(self), QLabel(self)
        form.addRow(self.count_label, self.count)
        form.addRow(self.kelurahan_label, self.kelurahan)
        layout.addLayout(form)
        self.summary = QLabel(self)
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("previewTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.count.valueChanged.connect(self.refresh)
        self.kelurahan.currentIndexChanged.connect(self.refresh)
        self.translateUI()
        self.resize(760, 520)
        self.refresh()

    def choice(self) -> tuple[int, str | None, list[int]]:
        """(N, kelurahan or None, the ids the preview chose)."""
        return (self.count.value(), self.kelurahan.currentData(),
                self.preview.chosen if self.preview else [])

    def refresh(self) -> None:
        self.preview = self._preview_fn(self.count.value(), self.kelurahan.currentData())
        rows = self.preview.rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [str(row.rank), "" if row.priority_score is None else
                      f"{row.priority_score:.1f}", row.name, row.kelurahan_name, row.why]
            colour = QColor("#146c43") if row.gets_in else QColor("#6c757d")
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setForeground(QBrush(colour))
                if c == 4:
                    item.setToolTip(row.why)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        chosen = len(self.preview.chosen)
        self.summary.setText(self.tr("%1 of the %2 asked for will be approved; %3 eligible "
                                     "proposal(s) stay out. The reason is beside each.")
                             .replace("%1", str(chosen)).replace("%2", str(self.count.value()))
                             .replace("%3", str(len(rows) - chosen)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(chosen > 0)

    def translateUI(self) -> None:
        self.setWindowTitle(self.tr("Approve the top N within quota: %1")
                            .replace("%1", self.period.name))
        self.count_label.setText(self.tr("How many"))
        self.kelurahan_label.setText(self.tr("Only in kelurahan"))
        self.kelurahan.setItemText(0, self.tr("(all)"))
        self.table.setHorizontalHeaderLabels([self.tr("Rank"), self.tr("Score"),
                                              self.tr("Name"), self.tr("Kelurahan"),
                                              self.tr("In or out, and why")])
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Approve"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)

