"""The findings panel beside the queue: what the desk checks found for one proposal.

Each finding shows its severity, its plain message and, unfolded, its evidence (the other
household holding the same person, the kelurahan the point really falls in, the row of
the coverage list...). A warning can be overridden with a written reason; a blocker
cannot, and the button says so. Below the findings, the proposal's priority score is
shown with its parts, so anyone can see why it ranks where it does.

The panel only shows and asks: an override is emitted as :attr:`overrideRequested` and
done by the caller in ``db``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.checks import MIN_OVERRIDE_REASON, FindingRow
from db.priority import PriorityBreakdown
from widgets.register.labels import code_label

SEVERITY_COLOURS = {"blocker": QColor("#c62828"), "warning": QColor("#b26a00"),
                    "info": QColor("#1f5fa8")}
SEVERITY_NAMES = {
    "blocker": QT_TRANSLATE_NOOP("Findings", "Blocker"),
    "warning": QT_TRANSLATE_NOOP("Findings", "Warning"),
    "info": QT_TRANSLATE_NOOP("Findings", "Information"),
}
# Evidence keys as a person reads them; anything else is shown as its key.
EVIDENCE_LABELS = {
    "nik": QT_TRANSLATE_NOOP("Findings", "NIK"),
    "no_kk": QT_TRANSLATE_NOOP("Findings", "No. KK"),
    "number": QT_TRANSLATE_NOOP("Findings", "Number"),
    "name": QT_TRANSLATE_NOOP("Findings", "Name"),
    "birth_date": QT_TRANSLATE_NOOP("Findings", "Birth date"),
    "birth_place": QT_TRANSLATE_NOOP("Findings", "Birth place"),
    "reason": QT_TRANSLATE_NOOP("Findings", "Reason"),
    "others": QT_TRANSLATE_NOOP("Findings", "Also recorded in"),
    "kelurahan": QT_TRANSLATE_NOOP("Findings", "Kelurahan"),
    "rt": QT_TRANSLATE_NOOP("Findings", "RT"),
    "rw": QT_TRANSLATE_NOOP("Findings", "RW"),
    "sources": QT_TRANSLATE_NOOP("Findings", "Sources"),
    "source": QT_TRANSLATE_NOOP("Findings", "Source"),
    "occupation": QT_TRANSLATE_NOOP("Findings", "Occupation"),
    "source_file": QT_TRANSLATE_NOOP("Findings", "List file"),
    "source_date": QT_TRANSLATE_NOOP("Findings", "List date"),
    "segment": QT_TRANSLATE_NOOP("Findings", "Segment"),
    "year": QT_TRANSLATE_NOOP("Findings", "Year"),
    "note": QT_TRANSLATE_NOOP("Findings", "Note"),
    "entries": QT_TRANSLATE_NOOP("Findings", "List rows"),
    "matched_by": QT_TRANSLATE_NOOP("Findings", "Matched by"),
    "desil": QT_TRANSLATE_NOOP("Findings", "Desil"),
    "max_desil": QT_TRANSLATE_NOOP("Findings", "Program's highest desil"),
    "longitude": QT_TRANSLATE_NOOP("Findings", "Longitude"),
    "latitude": QT_TRANSLATE_NOOP("Findings", "Latitude"),
    "declared_name": QT_TRANSLATE_NOOP("Findings", "Recorded kelurahan"),
    "actual_name": QT_TRANSLATE_NOOP("Findings", "Kelurahan of the point"),
    "floor_area_m2": QT_TRANSLATE_NOOP("Findings", "Floor area (m²)"),
    "occupants": QT_TRANSLATE_NOOP("Findings", "Occupants"),
    "per_person_m2": QT_TRANSLATE_NOOP("Findings", "m² per person"),
    "minimum_m2": QT_TRANSLATE_NOOP("Findings", "Minimum m² per person"),
    "missing": QT_TRANSLATE_NOOP("Findings", "Missing"),
    "distance_m": QT_TRANSLATE_NOOP("Findings", "Distance (m)"),
    "tolerance_m": QT_TRANSLATE_NOOP("Findings", "Allowed (m)"),
    "other_proposal_id": QT_TRANSLATE_NOOP("Findings", "Other proposal"),
    "period_name": QT_TRANSLATE_NOOP("Findings", "Period"),
    "deceased_date": QT_TRANSLATE_NOOP("Findings", "Date of death"),
    "land_status": QT_TRANSLATE_NOOP("Findings", "Land status"),
}
# Coded evidence values, in words.
EVIDENCE_VALUES = {
    "occupation": QT_TRANSLATE_NOOP("Findings", "occupation"),
    "flag": QT_TRANSLATE_NOOP("Findings", "marked in the member data"),
    "list": QT_TRANSLATE_NOOP("Findings", "reference list"),
    "member": QT_TRANSLATE_NOOP("Findings", "member data"),
    "no_kk": QT_TRANSLATE_NOOP("Findings", "No. KK"),
    "nik": QT_TRANSLATE_NOOP("Findings", "NIK"),
}
# Ids and codes the message already says in words: not worth a line of evidence.
_HIDDEN_KEYS = {"member_id", "household_id", "list_id", "kind", "declared_code", "actual_code",
                "kelurahan_code", "verification_id", "period_id", "other_state"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Findings", text)


def severity_name(severity: str) -> str:
    source = SEVERITY_NAMES.get(severity)
    return _tr(source) if source else severity


def _value(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return (QCoreApplication.translate("Findings", "yes") if value
                else QCoreApplication.translate("Findings", "no"))
    if isinstance(value, float):
        # Six decimals keep a coordinate to the decimetre; trailing zeros say nothing.
        return f"{value:.6f}".rstrip("0").rstrip(".")
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(key: str) -> str:
    source = EVIDENCE_LABELS.get(key)
    return _tr(source) if source else key


def _shown(key: str, value: Any) -> str:
    """An evidence value in words: coded values named, the rest as they are."""
    if key == "occupation" and isinstance(value, str):
        return code_label("occupation", value)
    if key == "segment" and isinstance(value, str):
        return code_label("jkn_segment", value)
    if key in ("source", "matched_by") and isinstance(value, str):
        source = EVIDENCE_VALUES.get(value)
        return _tr(source) if source else value
    return _value(value)


def _inline(item: dict[str, Any]) -> str:
    """One row of nested evidence (a list row, another household) on one line."""
    return " · ".join(f"{_label(k)}: {_shown(k, v)}" for k, v in item.items()
                      if k not in _HIDDEN_KEYS and v not in (None, "", []))


def evidence_html(evidence: dict[str, Any]) -> str:
    """The evidence as a small HTML table; nested rows as a numbered list, one per line."""
    rows = []
    for key, value in evidence.items():
        if key in _HIDDEN_KEYS:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = "".join(f"<li>{html.escape(_inline(item))}</li>" for item in value)
            cell = f"<ol style='margin-top:0; margin-bottom:0'>{items}</ol>"
        else:
            cell = html.escape(_shown(key, value))
        rows.append(f"<tr><td valign='top'><b>{html.escape(_label(key))}</b>&nbsp;</td>"
                    f"<td>{cell}</td></tr>")
    return "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"


class ReasonDialog(QDialog):
    """Asks for a written reason (at least ``minimum`` characters) before going on."""

    def __init__(self, title: str, prompt: str, minimum: int = 5,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.minimum = minimum
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("reasonEdit")
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.editor.textChanged.connect(self._check)
        self._check()
        self.resize(420, 220)

    def reason(self) -> str:
        return self.editor.toPlainText().strip()

    def _check(self) -> None:
        ok = len(self.reason()) >= self.minimum
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def ask_reason(parent: QWidget | None, title: str, prompt: str, minimum: int = 5) -> str | None:
    """Run a :class:`ReasonDialog`; the reason, or None when cancelled."""
    dialog = ReasonDialog(title, prompt, minimum, parent)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


class FindingsPanel(QWidget):
    """Findings and priority of the proposal selected in the queue."""

    overrideRequested = Signal(int, str)  # finding id, reason
    openHouseholdRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self._findings: list[FindingRow] = []
        self._can_override = False
        self._household_id: int | None = None
        self._summary = ""
        self._priority: PriorityBreakdown | None = None
        # Replaced in tests: how the panel asks for a reason.
        self.ask_reason: Callable[[str, str], str | None] = (
            lambda title, prompt: ask_reason(self, title, prompt, MIN_OVERRIDE_REASON))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.heading = QLabel(self)
        self.heading.setObjectName("findingsHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("findingsTree")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._show_details)
        self.tree.setMinimumHeight(3 * (self.fontMetrics().height() + 4))
        layout.addWidget(self.tree, 1)
        # The chosen finding in full: its message, its evidence, its override.
        self.details = QTextBrowser(self)
        self.details.setObjectName("findingDetails")
        self.details.setOpenLinks(False)
        self.details.setMinimumHeight(4 * (self.fontMetrics().height() + 4))
        layout.addWidget(self.details, 3)
        buttons = QHBoxLayout()
        self.override_button = QPushButton(self)
        self.override_button.setObjectName("overrideButton")
        self.override_button.clicked.connect(self._override_clicked)
        buttons.addWidget(self.override_button)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openHouseholdButton")
        self.open_button.clicked.connect(self._open_clicked)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.priority_title = QLabel(self)
        self.priority_title.setObjectName("priorityTitle")
        layout.addWidget(self.priority_title)
        self.priority_tree = QTreeWidget(self)
        self.priority_tree.setObjectName("priorityTree")
        self.priority_tree.setColumnCount(3)
        self.priority_tree.setRootIsDecorated(False)
        self.priority_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.priority_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.priority_tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # The four parts and the header always fit: the score must be readable whole.
        row = self.fontMetrics().height() + 4
        self.priority_tree.setFixedHeight(5 * row + 8)
        layout.addWidget(self.priority_tree)
        self.translateUI()
        self.clear()

    # ------------------------------------------------------------------ content

    def clear(self) -> None:
        self.show_proposal("", None, [], None, can_override=False)

    def show_proposal(self, summary: str, household_id: int | None,
                      findings: Sequence[FindingRow], priority: PriorityBreakdown | None, *,
                      can_override: bool) -> None:
        """Show one proposal: a one-line summary, its findings and its priority parts."""
        self._summary = summary
        self._household_id = household_id
        self._findings = list(findings)
        self._can_override = can_override
        self._priority = priority
        self._fill()

    def findings(self) -> list[FindingRow]:
        return list(self._findings)

    def select_finding(self, finding_id: int) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) == finding_id:
                self.tree.setCurrentItem(item)
                return

    def _fill(self) -> None:
        self.tree.clear()
        if not self._summary:
            self.heading.setText(self.tr("Select a proposal to see what the desk checks found."))
        elif not self._findings:
            self.heading.setText(self._summary + "\n" + self.tr("No findings: nothing stands "
                                                                "in the way of this proposal."))
        else:
            blockers = sum(1 for f in self._findings if f.severity == "blocker")
            open_warnings = sum(1 for f in self._findings
                                if f.severity == "warning" and not f.overridden)
            self.heading.setText(self._summary + "\n" + self.tr(
                "%1 blocker(s), %2 warning(s) not yet reviewed").replace(
                "%1", str(blockers)).replace("%2", str(open_warnings)))
        for finding in self._findings:
            mark = " ✓" if finding.overridden else ""
            item = QTreeWidgetItem(self.tree, [severity_name(finding.severity) + mark,
                                               finding.title])
            item.setData(0, Qt.ItemDataRole.UserRole, finding.id)
            item.setForeground(0, QBrush(SEVERITY_COLOURS.get(finding.severity,
                                                              QColor("black"))))
            item.setToolTip(1, finding.message)
        if self._findings:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.tree.resizeColumnToContents(0)
        self.priority_tree.clear()
        if self._priority is None:
            self.priority_title.setText(self.tr("Priority"))
        else:
            self.priority_title.setText(self.tr("Priority score: %1").replace(
                "%1", f"{self._priority.total:.1f}"))
            for part in self._priority.parts:
                QTreeWidgetItem(self.priority_tree, [
                    part.label, f"{part.detail} ({part.value:.2f} × {part.weight:g})",
                    f"{part.points:.1f}"])
        for item in self.priority_tree.findItems("", Qt.MatchFlag.MatchContains):
            item.setToolTip(1, item.text(1))
        self.open_button.setEnabled(self._household_id is not None)
        self._show_details()

    # ------------------------------------------------------------------ actions

    def _show_details(self) -> None:
        finding = self.current_finding()
        if finding is None:
            self.details.clear()
        else:
            colour = SEVERITY_COLOURS.get(finding.severity, QColor("black")).name()
            parts = [f"<p><b style='color:{colour}'>{html.escape(severity_name(finding.severity))}"
                     f"</b> · <b>{html.escape(finding.title)}</b></p>",
                     f"<p>{html.escape(finding.message)}</p>"]
            if finding.overridden:
                parts.append("<p><i>" + html.escape(self.tr("Overridden: %1 (by %2)").replace(
                    "%1", finding.override_reason or "").replace(
                    "%2", finding.overridden_by or "")) + "</i></p>")
            evidence_title = self.tr("Evidence")
            parts.append(f"<p><b>{html.escape(evidence_title)}</b></p>")
            parts.append(evidence_html(finding.evidence))
            self.details.setHtml("".join(parts))
        self._update_buttons()

    def current_finding(self) -> FindingRow | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        finding_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((f for f in self._findings if f.id == finding_id), None)

    def _update_buttons(self) -> None:
        finding = self.current_finding()
        enabled = (self._can_override and finding is not None
                   and finding.severity == "warning" and not finding.overridden)
        self.override_button.setEnabled(enabled)
        if finding is not None and finding.severity == "blocker":
            self.override_button.setToolTip(self.tr(
                "A blocker cannot be overridden: correct the data or refuse the proposal."))
        elif not self._can_override:
            self.override_button.setToolTip(self.tr(
                "Only a reviewer or the Camat may override a warning."))
        else:
            self.override_button.setToolTip("")

    def _override_clicked(self) -> None:
        finding = self.current_finding()
        if finding is None or finding.severity != "warning" or finding.overridden:
            return
        reason = self.ask_reason(
            self.tr("Override warning"),
            self.tr("Why may this warning be set aside? The reason is kept in the audit "
                    "trail.\n\n%1").replace("%1", finding.message))
        if reason:
            self.overrideRequested.emit(finding.id, reason)

    def _open_clicked(self) -> None:
        if self._household_id is not None:
            self.openHouseholdRequested.emit(self._household_id)

    # ------------------------------------------------------------------ language

    def translateUI(self) -> None:
        self.tree.setHeaderLabels([self.tr("Severity"), self.tr("Finding")])
        self.priority_tree.setHeaderLabels([self.tr("Part"), self.tr("Counted"),
                                            self.tr("Points")])
        self.override_button.setText(self.tr("Override warning…"))
        self.open_button.setText(self.tr("Open household"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
