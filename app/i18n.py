"""Switch the interface language at run time with Qt translation files.

Translations live in ``resources/translations/atelier_LANG.qm``, compiled
from the ``.ts`` files with ``pyside6-lrelease``. English is the source
language and needs no file. Installing a translator makes Qt send
``QEvent.LanguageChange`` to every widget, and each window sets its texts
again in its ``retranslate()``.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from designer.currencies import minor_unit
from designer.pricing import round_money

logger = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_translator: QTranslator | None = None
_language = "en"


def format_number(value: float, decimals: int, locale: QLocale | None = None) -> str:
    """Format ``value`` for display in the user's locale (decimal comma in German).

    Files and exports never use this: they keep a decimal point.
    """
    return (locale or QLocale()).toString(float(value), "f", decimals)


def format_money(amount: Decimal, currency: str, locale: QLocale | None = None) -> str:
    """Format a price in the user's locale with its currency's decimals.

    The amount is rounded by the pricing rule first, so a JPY price shows no
    decimals and a EUR price two.
    """
    places = minor_unit(currency)
    return format_number(round_money(amount, currency), places, locale)


def current_language() -> str:
    """Return the code of the language in use, such as ``"en"`` or ``"zh_CN"``."""
    return _language


def set_language(language: str) -> None:
    """Install the translation of ``language`` for the whole application.

    Raises
    ------
    ValueError
        If ``language`` is not one of :data:`LANGUAGES`, or its ``.qm`` file
        is missing or unreadable.
    """
    global _translator, _language
    if language not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise ValueError(f"language {language!r} is not supported; use one of {known}")
    application = QCoreApplication.instance()
    translator = None
    if language != "en":
        path = TRANSLATIONS_DIR / f"atelier_{language}.qm"
        translator = QTranslator(application)
        if not translator.load(str(path)):
            raise ValueError(
                f"translation file {path} is missing or invalid; compile it with "
                "pyside6-lrelease"
            )
    if _translator is not None:
        application.removeTranslator(_translator)
        _translator.deleteLater()
    _translator = translator
    _language = language
    if translator is not None:
        application.installTranslator(translator)
    # Qt posts LanguageChange to every window; deliver it now, so the
    # texts are switched when this function returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    logger.debug("language set to %s", language)


def language_menu(parent: QWidget) -> QMenu:
    """Return a menu with one checkable entry per language, each switching to it.

    The caller sets the menu's title, so that it is translated too.
    """
    menu = QMenu(parent)
    menu.setObjectName("language_menu")
    group = QActionGroup(menu)
    for code, name in LANGUAGES.items():
        action = QAction(name, menu)
        action.setObjectName(f"language_{code}")
        action.setCheckable(True)
        action.setChecked(code == _language)
        action.triggered.connect(lambda _=False, c=code: set_language(c))
        group.addAction(action)
        menu.addAction(action)

    def check_current() -> None:
        for action in group.actions():
            action.setChecked(action.objectName() == f"language_{_language}")

    menu.aboutToShow.connect(check_current)
    return menu
