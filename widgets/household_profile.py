"""A one-page view of a family: who they are, where and how they live, what was proposed,
and the photos and documents kept for them.

Photos and documents are stored in the database (:func:`db.households.add_attachment`,
size-limited, with thumbnails made there). The location is shown as coordinates and the
kelurahan they fall in; a map widget can be plugged in through ``location_view``
(a callable returning a widget for a point), which the map part of the application
provides. Without it no map is drawn.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import households as hh
from db import validation
from db.actor import Actor
from db.engine import Database
from db.errors import TepatError, ValidationFailed
from widgets.register import labels

# (longitude, latitude, kelurahan code) -> a widget showing the point on a map.
LocationView = Callable[[float, float, str], QWidget]
ERROR_STYLE = "color: #b02a37;"


def _age(born: dt.date | None, today: dt.date) -> str:
    if born is None:
        return ""
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return str(years)


class HouseholdProfile(QWidget):
    """The family on one page; attachments can be added, opened and removed here."""

    edit_requested = Signal(int)  # household id
    changed = Signal()  # an attachment was added or removed

    def __init__(self, database: Database, actor: Actor, household_id: int, *,
                 location_view: LocationView | None = None, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdProfile")
        self.database = database
        self.actor = actor
        self.household_id = household_id
        self.location_view = location_view
        self.today = today or dt.date.today()
        self.data: hh.HouseholdData | None = None
        self.attachments: list[hh.AttachmentInfo] = []
        self.proposals: list[hh.ProposalSummary] = []
        self._build()
        self.reload()

    # ---------------------------------------------------------------- building

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("profileTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("profileSubtitle")
        self.subtitle.setWordWrap(True)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editButton")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.household_id))
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)

        self.location_group = QGroupBox(self)
        self.location_label = QLabel(self.location_group)
        self.location_label.setObjectName("profileLocation")
        self.location_label.setWordWrap(True)
        self._location_layout = QVBoxLayout(self.location_group)
        self._location_layout.addWidget(self.location_label)
        self._map_widget: QWidget | None = None

        self.members_group = QGroupBox(self)
        self.members_table = QTableWidget(0, 7, self.members_group)
        self.members_table.setObjectName("profileMembers")
        self.members_table.verticalHeader().hide()
        self.members_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.members_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.members_table.horizontalHeader().setStretchLastSection(True)
        QVBoxLayout(self.members_group).addWidget(self.members_table)

        self.house_group = QGroupBox(self)
        self.house_grid = QGridLayout(self.house_group)

        self.proposals_group = QGroupBox(self)
        self.proposals_table = QTableWidget(0, 4, self.proposals_group)
        self.proposals_table.setObjectName("profileProposals")
        self.proposals_table.verticalHeader().hide()
        self.proposals_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.proposals_table.horizontalHeader().setStretchLastSection(True)
        self.no_proposals = QLabel(self.proposals_group)
        proposals_layout = QVBoxLayout(self.proposals_group)
        proposals_layout.addWidget(self.no_proposals)
        proposals_layout.addWidget(self.proposals_table)

        self.attachments_group = QGroupBox(self)
        self.attachment_list = QListWidget(self.attachments_group)
        self.attachment_list.setObjectName("attachmentList")
        self.attachment_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.attachment_list.setIconSize(QSize(hh.THUMBNAIL_PX // 2, hh.THUMBNAIL_PX // 2))
        self.attachment_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.attachment_list.setWordWrap(True)
        self.attachment_list.setGridSize(
            QSize(hh.THUMBNAIL_PX // 2 + 40, hh.THUMBNAIL_PX // 2 + 50))
        self.attachment_list.setMinimumHeight(hh.THUMBNAIL_PX // 2 + 70)
        self.attachment_list.itemActivated.connect(self._open_item)
        self.kind_combo = QComboBox(self.attachments_group)
        self.kind_combo.setObjectName("attachmentKind")
        self.add_button = QPushButton(self.attachments_group)
        self.add_button.setObjectName("addAttachmentButton")
        self.add_button.clicked.connect(self._choose_file)
        self.open_button = QPushButton(self.attachments_group)
        self.open_button.setObjectName("openAttachmentButton")
        self.open_button.clicked.connect(
            lambda: self._open_item(self.attachment_list.currentItem()))
        self.remove_button = QPushButton(self.attachments_group)
        self.remove_button.setObjectName("removeAttachmentButton")
        self.remove_button.clicked.connect(self._remove_current)
        self.attachment_message = QLabel(self.attachments_group)
        self.attachment_message.setObjectName("attachmentMessage")
        self.attachment_message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.kind_combo)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        attachments_layout = QVBoxLayout(self.attachments_group)
        attachments_layout.addWidget(self.attachment_list)
        attachments_layout.addLayout(buttons)
        attachments_layout.addWidget(self.attachment_message)

        page = QWidget(self)
        grid = QGridLayout(page)
        grid.addLayout(header, 0, 0, 1, 2)
        grid.addWidget(self.members_group, 1, 0, 1, 2)
        grid.addWidget(self.house_group, 2, 0)
        right = QVBoxLayout()
        right.addWidget(self.location_group)
        right.addWidget(self.proposals_group)
        grid.addLayout(right, 2, 1)
        grid.addWidget(self.attachments_group, 3, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # ---------------------------------------------------------------- data

    def reload(self) -> None:
        """Read the household, its proposals and attachments again."""
        with self.database.write() as session:
            self.data = hh.get_household(session, self.actor, self.household_id)
            self.proposals = hh.proposals_of(session, self.actor, self.household_id)
            self.attachments = hh.list_attachments(session, self.actor, self.household_id)
            located = None
            if self.data.longitude is not None and self.data.latitude is not None:
                located = validation.locate(session, self.data.longitude, self.data.latitude)
            hh.record_viewed(session, self.actor, self.household_id, "household profile")
        self._located = located
        self.translateUI()

    def add_file(self, path: str | Path, kind: str) -> hh.AttachmentInfo | None:
        """Store a photo or document for this household; problems appear under the list."""
        path = Path(path)
        try:
            content = path.read_bytes()
        except OSError as exc:
            self._attachment_problem(self.tr("{file} cannot be read: {reason}").format(
                file=path.name, reason=exc.strerror))
            return None
        try:
            with self.database.write() as session:
                info = hh.add_attachment(session, self.actor, self.household_id, path.name,
                                         content, kind)
        except ValidationFailed as exc:
            self._attachment_problem("\n".join(m for _f, m in exc.problems))
            return None
        except TepatError as exc:
            self._attachment_problem(str(exc))
            return None
        self.attachment_message.clear()
        self.reload()
        self.changed.emit()
        return info

    def _attachment_problem(self, text: str) -> None:
        self.attachment_message.setStyleSheet(ERROR_STYLE)
        self.attachment_message.setText(text)

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Add photo or document"), "",
            self.tr("Photos and PDF (*.jpg *.jpeg *.png *.webp *.pdf)"))
        if path:
            self.add_file(path, self.kind_combo.currentData())

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        with self.database.read() as session:
            info, content = hh.attachment_content(session, self.actor, attachment_id)
        from tempfile import NamedTemporaryFile

        suffix = Path(info.filename).suffix or (mimetypes.guess_extension(info.mime_type) or "")
        with NamedTemporaryFile(prefix="tepat-", suffix=suffix, delete=False) as fh:
            fh.write(content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(fh.name))

    def _remove_current(self) -> None:
        item = self.attachment_list.currentItem()
        if item is None:
            return
        with self.database.write() as session:
            hh.remove_attachment(session, self.actor, item.data(Qt.ItemDataRole.UserRole))
        self.reload()
        self.changed.emit()

    # ---------------------------------------------------------------- showing

    def translateUI(self) -> None:
        data = self.data
        if data is None:
            return
        locale = QLocale()
        self.setWindowTitle(self.tr("Profile: KK {no_kk}").format(no_kk=data.no_kk))
        head = data.head
        self.title.setText(self.tr("KK {no_kk} · {head}").format(
            no_kk=data.no_kk, head=head.name if head else self.tr("no head recorded")))
        desil = str(data.desil) if data.desil is not None else self.tr("not known")
        self.subtitle.setText(self.tr(
            "{address}, RT {rt}/RW {rw}, Kel. {kelurahan}, Kec. {kecamatan} · Desil {desil} · "
            "Income: {income}").format(
                address=data.address, rt=data.rt, rw=data.rw, kelurahan=data.kelurahan_name,
                kecamatan=data.kecamatan_name, desil=desil,
                income=labels.code_label("income_bracket", data.income_bracket)
                or self.tr("not known")))
        self.edit_button.setText(self.tr("Edit"))

        self.location_group.setTitle(self.tr("Location"))
        if data.longitude is None or data.latitude is None:
            text = self.tr("No location recorded.")
        else:
            text = self.tr("Longitude {lon}, latitude {lat}.").format(
                lon=f"{data.longitude:.6f}", lat=f"{data.latitude:.6f}")
            if self._located is not None:
                text += " " + self.tr("The point is in Kel. {name}.").format(
                    name=self._located.name)
        self.location_label.setText(text)
        self._show_map(data)

        living = [m for m in data.members if not m.deceased]
        self.members_group.setTitle(self.tr("Members ({living} living)").format(
            living=len(living)))
        self.members_table.setHorizontalHeaderLabels([
            labels.field_label("name"), labels.field_label("nik"), labels.field_label("sex"),
            self.tr("Age"), labels.field_label("relationship"),
            labels.field_label("occupation"), self.tr("Notes")])
        self.members_table.setRowCount(len(data.members))
        for row, member in enumerate(data.members):
            notes = []
            if member.deceased:
                notes.append(self.tr("deceased"))
            if member.disability:
                notes.append(self.tr("disability: {kind}").format(
                    kind=labels.code_label("disability", member.disability)))
            if member.chronic_illness:
                notes.append(self.tr("chronically ill"))
            if member.pregnant:
                notes.append(self.tr("pregnant"))
            if member.asn_tni_polri:
                notes.append(labels.field_label("asn_tni_polri"))
            jkn = labels.code_label("jkn_status", member.jkn_status)
            if member.jkn_segment:
                jkn += f" ({labels.code_label('jkn_segment', member.jkn_segment)})"
            notes.append(self.tr("JKN: {status}").format(status=jkn))
            cells = (member.name, member.nik, labels.code_label("sex", member.sex),
                     _age(member.birth_date, self.today),
                     labels.code_label("relationship", member.relationship),
                     labels.code_label("occupation", member.occupation), ", ".join(notes))
            for column, value in enumerate(cells):
                self.members_table.setItem(row, column, QTableWidgetItem(value))
        self.members_table.setFixedHeight(
            self.members_table.horizontalHeader().height()
            + self.members_table.verticalHeader().defaultSectionSize() * max(len(data.members), 1)
            + 6)

        self.house_group.setTitle(self.tr("House condition"))
        while self.house_grid.count():
            item = self.house_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        known = [(f, getattr(data, f)) for f in hh.HOUSE_FIELDS if getattr(data, f) is not None]
        if not known:
            self.house_grid.addWidget(QLabel(self.tr("Not recorded yet."), self.house_group), 0, 0)
        half = (len(known) + 1) // 2
        for number, (field, value) in enumerate(known):
            column = 0 if number < half else 2
            row = number if number < half else number - half
            name = QLabel(labels.field_label(field) + ":", self.house_group)
            shown = QLabel(labels.value_text(field, value), self.house_group)
            shown.setObjectName(f"house_{field}")
            self.house_grid.addWidget(name, row, column)
            self.house_grid.addWidget(shown, row, column + 1)

        self.proposals_group.setTitle(self.tr("Proposals"))
        self.no_proposals.setText(self.tr("No proposals for this family."))
        self.no_proposals.setVisible(not self.proposals)
        self.proposals_table.setVisible(bool(self.proposals))
        self.proposals_table.setHorizontalHeaderLabels([
            self.tr("Program"), self.tr("Period"), self.tr("Member"), self.tr("Status")])
        self.proposals_table.setRowCount(len(self.proposals))
        for row, proposal in enumerate(self.proposals):
            cells = (proposal.program_name, proposal.period_name, proposal.member_name,
                     labels.state_label(proposal.state))
            for column, value in enumerate(cells):
                self.proposals_table.setItem(row, column, QTableWidgetItem(value))

        self.attachments_group.setTitle(self.tr("Photos and documents ({count})").format(
            count=locale.toString(len(self.attachments))))
        current_kind = self.kind_combo.currentData()
        self.kind_combo.clear()
        for kind in hh.ATTACHMENT_KINDS:
            self.kind_combo.addItem(labels.attachment_kind_label(kind), kind)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(current_kind), 0))
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setToolTip(self.tr("JPEG, PNG or PDF up to {size} MB").format(
            size=hh.MAX_ATTACHMENT_BYTES // 1024 // 1024))
        self.open_button.setText(self.tr("Open"))
        self.remove_button.setText(self.tr("Remove"))
        self.attachment_list.clear()
        document_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for info in self.attachments:
            icon = document_icon
            if info.thumbnail:
                pixmap = QPixmap()
                if pixmap.loadFromData(info.thumbnail):
                    icon = QIcon(pixmap)
            item = QListWidgetItem(icon, labels.attachment_kind_label(info.kind))
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            taken = info.taken_at.strftime("%d-%m-%Y %H:%M") if info.taken_at else ""
            item.setToolTip(f"{info.filename}\n{info.size_bytes / 1024:.0f} KB"
                            + (f"\n{taken}" if taken else ""))
            self.attachment_list.addItem(item)

    def _show_map(self, data: hh.HouseholdData) -> None:
        if self._map_widget is not None:
            self._map_widget.deleteLater()
            self._map_widget = None
        if self.location_view is not None and data.longitude is not None \
                and data.latitude is not None:
            self._map_widget = self.location_view(data.longitude, data.latitude,
                                                  data.kelurahan_code)
            self._location_layout.addWidget(self._map_widget)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
