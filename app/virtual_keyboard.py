"""Qt Virtual Keyboard inside the kiosk window: Latin letters and pinyin.

The kiosk has a touch screen and no keyboard. Qt Virtual Keyboard types
Chinese through its pinyin input method, with a full dictionary and
candidate list. Its QML modules come with PySide6-Essentials and its
libraries with PySide6-Addons.

Qt picks the input method when the ``QApplication`` is created, so
:func:`use_virtual_keyboard` must run before that, and only for the kiosk:
the studio keeps the desktop's own input method. The keyboard is a QML
``InputPanel`` in a :class:`QQuickWidget` that the kiosk lays out in its
full-screen window, so it never opens a window of its own. When Qt Virtual
Keyboard cannot load, :func:`load_virtual_keyboard` returns None and the
kiosk uses :class:`app.keyboard.OnScreenKeyboard` instead.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import MutableMapping

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

from app.keyboard import millimetres_to_px
from resources import KIOSK_KEYBOARD_QML

logger = logging.getLogger(__name__)

IM_MODULE_VARIABLE = "QT_IM_MODULE"
IM_MODULE = "qtvirtualkeyboard"
# Without it, Qt Virtual Keyboard opens its own top-level window on
# desktop platforms such as xcb.
DESKTOP_DISABLE_VARIABLE = "QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"

# The keyboard layout shown first in each kiosk language.
KEYBOARD_LOCALES = {"en": "en_US", "zh_CN": "zh_CN"}

# The panel's height follows its width (about a third of it with the
# candidate bar), so a wide screen would give a keyboard that hides the
# design. At this width a letter key is about 24 mm wide and 19 mm high.
MAX_WIDTH_MM = 250.0


def use_virtual_keyboard(environ: MutableMapping[str, str] | None = None) -> None:
    """Select Qt Virtual Keyboard as the input method of the coming QApplication.

    Raises
    ------
    RuntimeError
        If a QApplication exists already, because Qt has then chosen its
        input method.
    """
    if QCoreApplication.instance() is not None:
        raise RuntimeError(
            "Qt Virtual Keyboard must be selected before the QApplication is "
            "created; call use_virtual_keyboard() first"
        )
    environ = os.environ if environ is None else environ
    environ[IM_MODULE_VARIABLE] = IM_MODULE
    environ[DESKTOP_DISABLE_VARIABLE] = "1"


class VirtualKeyboard(QQuickWidget):
    """Qt Virtual Keyboard's input panel as a widget of the kiosk window.

    It types into the focused widget through Qt's input method. It never
    takes the focus itself, so the text field keeps it while keys are
    tapped. Its Enter key reaches the text field as a Return key press, and
    its hide-keyboard key emits ``done``.
    """

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("virtual_keyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(millimetres_to_px(self, MAX_WIDTH_MM))
        self.setSource(QUrl.fromLocalFile(str(KIOSK_KEYBOARD_QML)))
        self.target: QLineEdit | None = None
        root = self.rootObject()
        if root is not None:
            root.implicitHeightChanged.connect(self._fit_height)
            self._fit_height()
        QGuiApplication.inputMethod().visibleChanged.connect(self._panel_hidden)

    def load_problem(self) -> str:
        """Return why the keyboard cannot work here, or an empty string."""
        if self.status() != QQuickWidget.Status.Ready or self.rootObject() is None:
            errors = "; ".join(error.toString() for error in self.errors())
            return f"{KIOSK_KEYBOARD_QML} failed to load: {errors or self.status()}"
        if not self.rootObject().property("inputContextLocale"):
            module = os.environ.get(IM_MODULE_VARIABLE, "")
            return (
                f"the input method is {module!r}, not {IM_MODULE!r}: call "
                "use_virtual_keyboard() before the QApplication is created"
            )
        return ""

    def open_for(self, edit: QLineEdit) -> None:
        """Show the keyboard and type into ``edit``."""
        self.target = edit
        self.show()
        # The input method types into the focus widget of the active window.
        edit.activateWindow()
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        QGuiApplication.inputMethod().show()

    def close_panel(self) -> None:
        """Hide the keyboard and drop any pinyin still being composed.

        The field loses the focus, so that tapping it again opens the
        keyboard again.
        """
        self.clear()
        target, self.target = self.target, None
        self.hide()
        if target is not None and target.hasFocus():
            target.clearFocus()

    def clear(self) -> None:
        """Drop the pinyin being composed and its Chinese candidates."""
        # The pinyin engine learns nothing to clear here: the kiosk's text
        # fields carry Qt.ImhSensitiveData, which turns its user dictionary
        # off.
        # NOTE: the engine still creates an empty user dictionary,
        # qtvirtualkeyboard/pinyin/usr_dict.dat, in Qt's config folder
        # (QStandardPaths.ConfigLocation) when pinyin is first used.
        QGuiApplication.inputMethod().reset()

    def retranslate(self) -> None:
        """Show the layout of the kiosk's language: English, or pinyin for Chinese."""
        from app import i18n

        locale = KEYBOARD_LOCALES.get(i18n.current_language(), "en_US")
        self.rootObject().setProperty("locale", locale)

    def composition(self) -> str:
        """Return the pinyin being composed, such as ``"yong"``."""
        return self.rootObject().property("preeditText") or ""

    def candidate_count(self) -> int:
        """Return the number of Chinese candidates on offer."""
        return int(self.rootObject().property("candidateCount") or 0)

    def _fit_height(self) -> None:
        self.setFixedHeight(math.ceil(self.rootObject().implicitHeight()))

    def _panel_hidden(self) -> None:
        # The hide-keyboard key hides Qt's input panel. The kiosk treats it
        # like Enter and keeps the text typed so far.
        if self.isVisible() and not QGuiApplication.inputMethod().isVisible():
            self.done.emit()


def load_virtual_keyboard(parent: QWidget) -> VirtualKeyboard | None:
    """Return Qt Virtual Keyboard as a hidden widget, or None if it cannot work.

    A missing library (PySide6-Addons, or libpulse.so.0 that its QML
    components load) or another input method gives None with a warning in
    the log.
    """
    module = os.environ.get(IM_MODULE_VARIABLE, "")
    if module != IM_MODULE:
        # Without it, the QML would load but type nothing.
        logger.warning(
            "Qt Virtual Keyboard unavailable, using the built-in keyboard: the "
            "input method is %r, not %r; call use_virtual_keyboard() before the "
            "QApplication is created",
            module,
            IM_MODULE,
        )
        return None
    keyboard = VirtualKeyboard(parent)
    problem = keyboard.load_problem()
    if problem:
        logger.warning(
            "Qt Virtual Keyboard unavailable, using the built-in keyboard: %s",
            problem,
        )
        keyboard.setParent(None)
        keyboard.deleteLater()
        return None
    keyboard.hide()
    keyboard.retranslate()
    return keyboard
