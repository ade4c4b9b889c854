"""A PDF held in memory, shown with Qt's PDF view: pages, zoom, print, save as.

The bytes shown are the bytes saved: "Save as" writes them unchanged (a signed letter
stays signed), and printing renders each page of the same document through the Qt
print dialog.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfPageNavigator
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

# Pages are rendered for the printer at no more than this, which is plenty for text.
PRINT_DPI = 300


class PdfPreview(QWidget):
    """Preview of one PDF with a toolbar: page, zoom, fit, print, save as."""

    saved = Signal(str)  # the path written
    printed = Signal(int)  # pages sent to the printer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self._data = b""
        self._name = "dokumen.pdf"
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.toolbar = QToolBar(self)
        self.page_spin = QSpinBox(self.toolbar)
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setMinimum(1)
        self.page_spin.valueChanged.connect(self._jump)
        self.page_total = QLabel(self.toolbar)
        # Theme icons where the desktop has them; the toolbar shows the words anyway.
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.zoom_out_action = self.toolbar.addAction(QIcon.fromTheme(QIcon.ThemeIcon.ZoomOut),
                                                      "", self.zoom_out)
        self.zoom_in_action = self.toolbar.addAction(QIcon.fromTheme(QIcon.ThemeIcon.ZoomIn), "",
                                                     self.zoom_in)
        self.fit_width_action = self.toolbar.addAction("", self.fit_width)
        self.fit_page_action = self.toolbar.addAction("", self.fit_page)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.page_spin)
        self.toolbar.addWidget(self.page_total)
        self.toolbar.addSeparator()
        self.print_action = self.toolbar.addAction(QIcon.fromTheme(QIcon.ThemeIcon.DocumentPrint),
                                                   "", self.print_document)
        self.print_action.setObjectName("printAction")
        self.save_action = self.toolbar.addAction(QIcon.fromTheme(QIcon.ThemeIcon.DocumentSaveAs),
                                                  "", self.save_as)
        self.save_action.setObjectName("saveAction")
        navigator: QPdfPageNavigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._page_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        self.translateUI()
        self._update_actions()

    # ------------------------------------------------------------------ content

    def set_pdf(self, data: bytes, suggested_name: str = "dokumen.pdf") -> None:
        """Show ``data``; "Save as" proposes ``suggested_name``."""
        self.document.close()
        self._data = bytes(data)
        self._name = suggested_name
        # QPdfDocument reads lazily from the device: it must outlive the document's use.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self._data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.page_spin.setMaximum(max(1, self.document.pageCount()))
        self.page_spin.setValue(1)
        self._update_actions()
        self.translateUI()

    def pdf_bytes(self) -> bytes:
        return self._data

    def page_count(self) -> int:
        return self.document.pageCount()

    def _update_actions(self) -> None:
        loaded = self.document.status() == QPdfDocument.Status.Ready
        for action in (self.print_action, self.save_action, self.zoom_in_action,
                       self.zoom_out_action, self.fit_page_action, self.fit_width_action):
            action.setEnabled(loaded)
        self.page_spin.setEnabled(loaded)

    # ------------------------------------------------------------------ navigation, zoom

    def _jump(self, page: int) -> None:
        navigator = self.view.pageNavigator()
        if self.document.pageCount() and navigator.currentPage() != page - 1:
            navigator.jump(page - 1, QPointF(), navigator.currentZoom())

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    def zoom_in(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(self.view.zoomFactor() * 1.25, 8.0))

    def zoom_out(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(self.view.zoomFactor() / 1.25, 0.1))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    # ------------------------------------------------------------------ save, print

    def save_to(self, path: str | os.PathLike[str]) -> None:
        """Write the PDF's bytes, unchanged, to ``path`` (whole or not at all)."""
        target = Path(path)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tepat-", suffix=".pdf")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(self._data)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.saved.emit(str(target))

    def save_as(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF as"), str(Path.home() / self._name),
            self.tr("PDF documents (*.pdf)"))
        if not path:
            return
        try:
            self.save_to(path)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Cannot save"), self.tr(
                "{path} could not be written: {reason}").format(path=path, reason=exc.strerror))

    def render_to_printer(self, printer: QPrinter) -> int:
        """Print the pages the printer's range asks for (all by default); returns how many."""
        count = self.document.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0:
            first, last = 1, count
        last = min(last or count, count)
        dpi = min(printer.resolution(), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        printed = 0
        try:
            for page in range(first - 1, last):
                if printed:
                    printer.newPage()
                size = self.document.pagePointSize(page)
                image = self.document.render(page, QSize(round(size.width() * dpi / 72),
                                                         round(size.height() * dpi / 72)))
                area = printer.pageLayout().paintRectPixels(printer.resolution())
                target = QRectF(0, 0, area.width(), area.height())
                scale = min(target.width() / image.width(), target.height() / image.height())
                width, height = image.width() * scale, image.height() * scale
                painter.drawImage(QRectF((target.width() - width) / 2, 0, width, height), image)
                printed += 1
        finally:
            painter.end()
        self.printed.emit(printed)
        return printed

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._name)
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {name}").format(name=self._name))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.render_to_printer(printer)

    # ------------------------------------------------------------------ language

    def translateUI(self) -> None:
        self.zoom_in_action.setText(self.tr("Zoom in"))
        self.zoom_out_action.setText(self.tr("Zoom out"))
        self.fit_width_action.setText(self.tr("Fit width"))
        self.fit_page_action.setText(self.tr("Whole page"))
        self.print_action.setText(self.tr("Print…"))
        self.save_action.setText(self.tr("Save as…"))
        self.page_spin.setToolTip(self.tr("Page"))
        self.page_total.setText(self.tr(" of {count}").format(count=self.document.pageCount()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.translateUI()
        super().changeEvent(event)
