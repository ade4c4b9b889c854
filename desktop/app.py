"""Start-up of the graphical application: language, database, main window, demo offer.

The CLI (``tepat`` with no command) calls :func:`run_gui`. Tests build the window with
:func:`build_main_window` on a database they opened themselves, without an event loop.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from db import schema
from db.actor import Actor, demo_admin
from db.engine import ENV_URL, Database, open_database
from db.errors import TepatError
from desktop import dialogs, i18n
from desktop.settings_dialog import DATABASE_URL_KEY
from widgets.icons import icon

if TYPE_CHECKING:
    from desktop.mainwindow import MainWindow

log = logging.getLogger(__name__)

APP_NAME = "Tepat"
ORGANIZATION = "Tepat"
EXIT_DATABASE_ERROR = 2


def local_settings() -> QSettings:
    """This computer's settings (database URL, language, window layout), as an INI file.

    INI on every platform keeps them readable and lets tests redirect them with
    ``QSettings.setPath``.
    """
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION,
                     APP_NAME)


def application() -> QApplication:
    """The running QApplication, created (and named) on first use."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(icon("tepat"))
    return app


def database_url(explicit: str | None, settings: QSettings) -> str | None:
    """``--database``, else ``TEPAT_DATABASE_URL``, else the URL saved in Settings, else None
    (None lets :func:`db.engine.resolve_url` pick the default file)."""
    if explicit or os.environ.get(ENV_URL):
        return explicit
    saved = settings.value(DATABASE_URL_KEY)
    return saved if isinstance(saved, str) and saved else None


def open_and_upgrade(url: str | None) -> tuple[Database, Actor]:
    """Open the database, bring its schema up to date (backing up first) and find the actor.

    Raises :class:`~db.errors.TepatError` without having changed anything when the
    database cannot be used.
    """
    database = open_database(url)
    try:
        schema.upgrade(database)
        with database.read() as session:
            actor = demo_admin(session)
    except BaseException:
        database.dispose()
        raise
    return database, actor


def build_main_window(database: Database, actor: Actor, *, settings: QSettings | None = None
                      ) -> MainWindow:
    """The main window over ``database`` (not shown, no event loop started)."""
    from desktop.mainwindow import MainWindow

    application()
    return MainWindow(database, actor, settings if settings is not None else local_settings())


def run_gui(url: str | None = None, *, lang: str | None = None) -> int:
    """Run the graphical application until its window closes; returns the exit code.

    On a database that cannot be opened or upgraded, shows why (message and hint) and
    returns :data:`EXIT_DATABASE_ERROR` without having changed anything.
    """
    app = application()
    settings = local_settings()
    i18n.install(i18n.choose_language(lang, settings))
    try:
        database, _demo = open_and_upgrade(database_url(url, settings))
    except TepatError as exc:
        dialogs.show_error(None, exc, title=QCoreApplication.translate(
            "Startup", "Tepat cannot open the database"))
        return EXIT_DATABASE_ERROR
    try:
        return run_sessions(app, database, settings)
    finally:
        database.dispose()


def run_sessions(app: QApplication, database: Database, settings: QSettings) -> int:
    """Sign in, run the main window until it closes, and again after each sign-out.

    Returns the event loop's exit code, or 0 when the person at the sign-in cancels.
    """
    from desktop import auth

    while True:
        # The demo administrator acts only while the database has no users.
        actor = auth.sign_in_at_start(database)
        if actor is None:
            return 0
        window = build_main_window(database, actor, settings=settings)
        window.offer_demo_when_empty()
        window.show()
        code = app.exec()
        if not getattr(window, "sign_out_requested", False):
            return code
        window.deleteLater()  # the next session gets a window of its own
