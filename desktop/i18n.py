"""Interface language: Indonesian by default, English available.

Source strings are English (``tr()``); ``resources/i18n/tepat_id.ts`` holds the
Indonesian and is compiled to ``tepat_id.qm``. Qt ships no Indonesian for its own
dialogs (button boxes, file dialogs, context menus), so ``qtbase_id.ts`` supplies the
strings the operators see. English needs no file: it is the source text.

Installing a translator sends every widget a ``LanguageChange`` event; widgets
answer by running their ``translateUI()`` again (Frescobaldi-style).
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings, QTranslator

LANGUAGE_KEY = "ui/language"
ENV_LANGUAGE = "TEPAT_LANG"
DEFAULT_LANGUAGE = "id"
# Each language is named in itself, so a person can find theirs whatever is showing.
LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
CATALOGS = ("tepat", "qtbase")

log = logging.getLogger(__name__)

_LOCALES = {
    "id": QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
# Installed translators must outlive this call: Qt does not own them.
_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def i18n_dir() -> Path:
    return Path(str(resources.files("resources").joinpath("i18n")))


def qm_path(catalog: str, language: str) -> Path:
    return i18n_dir() / f"{catalog}_{language}.qm"


def normalize(language: str | None) -> str | None:
    """``"id"``, ``"en"`` or None for anything else (``"id_ID"`` and ``"en-GB"`` count)."""
    if not language:
        return None
    code = language.strip().lower().replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else None


def choose_language(explicit: str | None, settings: QSettings) -> str:
    """``--lang``, else ``TEPAT_LANG``, else the saved choice, else Indonesian."""
    for candidate in (explicit, os.environ.get(ENV_LANGUAGE), settings.value(LANGUAGE_KEY)):
        code = normalize(candidate if isinstance(candidate, str) else None)
        if code:
            return code
    return DEFAULT_LANGUAGE


def install(language: str) -> str:
    """Make ``language`` the interface language of the running application; returns its code.

    Safe to call again at runtime: the previous translators are removed first.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QApplication")
    code = normalize(language) or DEFAULT_LANGUAGE
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code != "en":
        for catalog in CATALOGS:
            translator = QTranslator()
            if not translator.load(str(qm_path(catalog, code))):
                # A broken install should still start, in the source language.
                log.warning("Translation %s cannot be loaded", qm_path(catalog, code))
                continue
            app.installTranslator(translator)
            _installed.append(translator)
    # Numbers follow the language: 2.000 in Indonesian, 2,000 in English.
    QLocale.setDefault(_LOCALES[code])
    _current = code
    # QApplication posts LanguageChange to each window; deliver now, so every widget has
    # retranslated itself when this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return code


def current_language() -> str:
    return _current

