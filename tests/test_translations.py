"""Translations: complete, in step with the code, compiled, and really what the operator sees."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from db.actor import Actor, demo_admin
from db.engine import Database
from db.regions import kota_serang_codes, list_regions, upsert_codes
from desktop import i18n, ops
from desktop.about import AboutDialog, version
from desktop.app import build_main_window
from desktop.first_start import DemoDialog
from desktop.settings_dialog import SettingsDialog
from resources.i18n import update

pytestmark = pytest.mark.gui

I18N = Path(update.__file__).resolve().parent
CATALOG = I18N / "tepat_id.ts"
PLACEHOLDER = re.compile(r"\{\w*\}|%\d|%n")


def messages(path: Path) -> Iterator[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message in a .ts file."""
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            yield name, message.findtext("source") or "", translation


def ts_files() -> list[Path]:
    return sorted(I18N.glob("*.ts"))


# --------------------------------------------------------------------------- the catalogs


def test_catalogs_exist() -> None:
    assert CATALOG.is_file()
    assert {p.name for p in ts_files()} >= {"tepat_id.ts", "qtbase_id.ts"}


@pytest.mark.parametrize("ts", ts_files(), ids=lambda p: p.name)
def test_every_message_has_a_finished_indonesian_translation(ts: Path) -> None:
    problems = []
    for context, source, translation in messages(ts):
        kind = translation.get("type")
        text = (translation.text or "").strip()
        if kind in ("unfinished", "vanished", "obsolete") or not text:
            problems.append(f"{context}: {source!r} ({kind or 'empty'})")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{context}: {source!r} -> {text!r} changes the placeholders")
    assert problems == []


def test_no_string_in_the_code_is_missing_from_the_catalog(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_id.ts"
    update.lupdate(fresh)
    in_code = {(context, source) for context, source, _t in messages(fresh)}
    assert len(in_code) > 50, "lupdate found almost nothing: is the source list right?"
    committed = {(context, source) for context, source, _t in messages(CATALOG)}
    missing = sorted(in_code - committed)
    assert missing == [], "run: python -m resources.i18n.update, then translate the new strings"
    stale = sorted(committed - in_code)
    assert stale == [], "strings no longer in the code: run python -m resources.i18n.update"


@pytest.mark.parametrize("ts", ts_files(), ids=lambda p: p.name)
def test_compiled_catalog_is_up_to_date(ts: Path, tmp_path: Path) -> None:
    committed = ts.with_suffix(".qm")
    assert committed.is_file(), f"{committed.name} is missing: run python -m resources.i18n.update"
    fresh = tmp_path / committed.name
    update.lrelease(ts, fresh)
    assert fresh.read_bytes() == committed.read_bytes(), (
        f"{committed.name} is older than {ts.name}: run python -m resources.i18n.update")


# --------------------------------------------------------------------------- what is shown


def _normal(text: str) -> str:
    """Text as a person reads it: no mnemonic ampersands, no trailing ellipsis, trimmed."""
    text = re.sub(r"&(?!&)", "", text).replace("&&", "&")
    return text.strip().removesuffix("…").removesuffix("...").strip()


class Vocabulary:
    """What may appear on screen in Indonesian: translations, and data from the database."""

    def __init__(self, data: set[str]) -> None:
        self.exact: set[str] = set()
        self.templates: list[re.Pattern[str]] = []
        self.english: dict[str, str] = {}
        for ts in ts_files():
            for _context, source, translation in messages(ts):
                text = _normal(translation.text or "")
                self.exact.add(text)
                if PLACEHOLDER.search(text):
                    pattern = "".join(
                        ".+" if PLACEHOLDER.fullmatch(part) else re.escape(part)
                        for part in re.split(f"({PLACEHOLDER.pattern})", text))
                    self.templates.append(re.compile(pattern, re.DOTALL))
                if _normal(source) != text:
                    self.english[_normal(source)] = text
        self.data = {_normal(d) for d in data}

    def explains(self, text: str) -> bool:
        text = _normal(text)
        if not text or re.fullmatch(r"[\d\s.,:/()–-]*", text) or text in self.data:
            return True
        return text in self.exact or any(t.fullmatch(text) for t in self.templates)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every piece of interface text under ``root`` a person can see."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]

    def add_action(action: QAction, where: str) -> None:
        if action.isSeparator():
            return
        found.append((where, action.text()))
        if action.toolTip() and _normal(action.toolTip()) != _normal(action.text()):
            found.append((f"{where} tooltip", action.toolTip()))
        if action.menu():
            walk_menu(action.menu(), where)

    def walk_menu(menu: QMenu, where: str) -> None:
        found.append((f"menu {where}", menu.title()))
        for action in menu.actions():
            add_action(action, f"{where} > {action.objectName() or action.text()}")

    for widget in [root, *root.findChildren(QWidget)]:
        # Menus are hidden until opened, but every one of them can be opened.
        if widget is not root and not widget.isVisibleTo(root) and not isinstance(widget, QMenu):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}"
        if isinstance(widget, QLabel):
            found.append((name, widget.text()))
        if isinstance(widget, QAbstractButton):
            found.append((name, widget.text()))
        if isinstance(widget, QLineEdit):
            found.append((f"{name} placeholder", widget.placeholderText()))
        if isinstance(widget, QTabWidget):
            found += [(f"{name} tab", widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QDockWidget):
            found.append((f"{name} title", widget.windowTitle()))
        if isinstance(widget, QMenu) and widget.parent() is not None:
            walk_menu(widget, widget.objectName())
        if isinstance(widget, QListWidget):
            found += [(f"{name} item", widget.item(i).text()) for i in range(widget.count())]
        if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            found += [(f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal)))
                      for c in range(model.columnCount(QModelIndex()))]
    return [(where, text) for where, text in found if text and text.strip()]


@pytest.fixture
def indonesian(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    previous = ops.set_executor(ops.SynchronousExecutor())
    i18n.install("id")
    yield
    # Other tests expect the source language, as a fresh process has it.
    i18n.install("en")
    ops.set_executor(previous)


@pytest.fixture
def regions_loaded(sqlite_database: Database) -> tuple[Database, Actor]:
    with sqlite_database.write() as session:
        upsert_codes(session, kota_serang_codes())
    with sqlite_database.read() as session:
        return sqlite_database, demo_admin(session)


def _data_words(database: Database, actor: Actor) -> set[str]:
    with database.read() as session:
        regions = list_regions(session)
    import PySide6
    from PySide6.QtCore import qVersion

    return ({r.name for r in regions} | {r.code for r in regions}
            | {database.info().describe(), actor.username, "Tepat", f"Tepat {version()}",
               f"Qt {qVersion()}, PySide6 {PySide6.__version__}"}
            | set(i18n.LANGUAGES.values()))


def _assert_all_indonesian(root: QWidget, vocabulary: Vocabulary) -> None:
    texts = visible_texts(root)
    assert len(texts) >= 5
    unexplained = [(where, text) for where, text in texts if not vocabulary.explains(text)]
    assert unexplained == []


def test_main_window_shows_no_english_in_indonesian(qtbot, indonesian, regions_loaded,
                                                    tmp_path: Path) -> None:
    database, actor = regions_loaded
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    window = build_main_window(database, actor, settings=settings)
    qtbot.addWidget(window)
    window.show()
    vocabulary = Vocabulary(_data_words(database, actor))
    _assert_all_indonesian(window, vocabulary)
    # Spot checks that the walk really reads the menus and the office from the database.
    assert [m.title() for m in window.menus.values()] == [
        "&Berkas", "&Data", "&Usulan", "&Surat", "&Alat", "Ban&tuan"]
    assert window.office_label.text() == "Kantor: Kecamatan Serang"


def test_dialogs_show_no_english_in_indonesian(qtbot, indonesian, regions_loaded,
                                               tmp_path: Path) -> None:
    database, actor = regions_loaded
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    vocabulary = Vocabulary(_data_words(database, actor))
    settings_dialog = SettingsDialog(database, actor, settings)
    about = AboutDialog(database)
    demo = DemoDialog(database, actor, first_start=True)
    for dialog in (settings_dialog, about, demo):
        qtbot.addWidget(dialog)
        dialog.show()
        _assert_all_indonesian(dialog, vocabulary)
    for row in range(settings_dialog.page_list.count()):
        settings_dialog.page_list.setCurrentRow(row)
        _assert_all_indonesian(settings_dialog, vocabulary)
    # Qt's own buttons come from qtbase_id.
    assert settings_dialog.save_button.text() == "Simpan"


def test_vocabulary_catches_english(qtbot, indonesian, regions_loaded, tmp_path: Path) -> None:
    """The check above can fail: English source text on screen is reported."""
    database, actor = regions_loaded
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    window = build_main_window(database, actor, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.refresh_action.setText("&Refresh")
    vocabulary = Vocabulary(_data_words(database, actor))
    unexplained = [text for _where, text in visible_texts(window)
                   if not vocabulary.explains(text)]
    assert "&Refresh" in unexplained


def test_language_switch_retranslates_open_windows(qtbot, indonesian, regions_loaded,
                                                   tmp_path: Path) -> None:
    database, actor = regions_loaded
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    window = build_main_window(database, actor, settings=settings)
    qtbot.addWidget(window)
    assert window.menus["file"].title() == "&Berkas"
    assert window.tabs.tabText(0) == "Ringkasan"
    i18n.install("en")
    assert window.menus["file"].title() == "&File"
    assert window.tabs.tabText(0) == "Overview"
    assert window.overview.title_label.text() == "Register overview"
    assert window.region_tree.tree.headerItem().text(0) == "Region"
    i18n.install("id")
    assert window.menus["help"].title() == "Ban&tuan"
    assert window.regions_dock.windowTitle() == "Wilayah"
    assert window.overview.model.headerData(3, Qt.Orientation.Horizontal) == "Keluarga"


def test_language_choice_order(qapp, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "tepat.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv(i18n.ENV_LANGUAGE, raising=False)
    assert i18n.choose_language(None, settings) == "id"
    settings.setValue(i18n.LANGUAGE_KEY, "en")
    assert i18n.choose_language(None, settings) == "en"
    monkeypatch.setenv(i18n.ENV_LANGUAGE, "id_ID")
    assert i18n.choose_language(None, settings) == "id"
    assert i18n.choose_language("en", settings) == "en"
    assert i18n.choose_language("xx", settings) == "id"
