"""Switch the interface language at run time with Qt translation files.

Translations live in ``resources/translations/atelier_LANG.qm``, compiled
from the ``.ts`` files with ``pyside6-lrelease``. English is the source
language and needs no file. Installing a translator makes Qt send
``QEvent.LanguageChange`` to every widget, and each window sets its texts
again in its ``retranslate()``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

logger = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "translations"
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_translator: QTranslator | None = None
_language = "en"


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
    else:
        # Removing the last translator sends LanguageChange too, but an
        # English start with no translator installed would send nothing.
        from PySide6.QtCore import QEvent

        for widget in _top_level_widgets():
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    logger.debug("language set to %s", language)


def _top_level_widgets():
    from PySide6.QtWidgets import QApplication

    return QApplication.topLevelWidgets()
