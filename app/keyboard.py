"""The kiosk's fallback keyboard for engraving text: Latin letters and pinyin.

The kiosk types with Qt Virtual Keyboard (:mod:`app.virtual_keyboard`).
When that cannot load, for example because PySide6-Addons or libpulse is
missing, the kiosk uses this widget, which draws its own keys. Its pinyin
mode collects Latin letters and offers the Chinese words of
:data:`PINYIN_WORDS` whose pinyin starts with them.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

logger = logging.getLogger(__name__)

TOUCH_TARGET_MM = 9.0
MM_PER_INCH = 25.4

LETTER_ROWS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
DIGIT_ROW = "1234567890"
MAX_CANDIDATES = 8

# Pinyin without tones for words customers often engrave on rings and
# pendants, each with its Chinese candidates, most common first.
# NOTE: a small fixed table, not a full pinyin dictionary. Only a kiosk
# that fell back from Qt Virtual Keyboard uses it, and there words outside
# it cannot be typed.
PINYIN_WORDS: dict[str, tuple[str, ...]] = {
    "ai": ("爱",),
    "aini": ("爱你",),
    "an": ("安",),
    "baobei": ("宝贝",),
    "fu": ("福",),
    "he": ("和", "合"),
    "ji": ("吉",),
    "jixiang": ("吉祥",),
    "kuaile": ("快乐",),
    "lian": ("恋",),
    "mei": ("美",),
    "ni": ("你",),
    "pingan": ("平安",),
    "qing": ("情",),
    "shou": ("寿",),
    "tongxin": ("同心",),
    "wo": ("我",),
    "xi": ("囍", "喜"),
    "xin": ("心",),
    "xingfu": ("幸福",),
    "yisheng": ("一生",),
    "yishi": ("一世",),
    "yiqi": ("一起",),
    "yongheng": ("永恒",),
    "yongyuan": ("永远",),
    "yuan": ("缘", "圆"),
    "zhiai": ("挚爱",),
}


def millimetres_to_px(widget: QWidget, millimetres: float) -> int:
    """Return ``millimetres`` in pixels on ``widget``'s screen, rounded up."""
    screen = widget.screen()
    dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
    return math.ceil(millimetres * dpi / MM_PER_INCH)


def touch_target_px(widget: QWidget) -> int:
    """Return the side in pixels of a 9 mm touch target on ``widget``'s screen."""
    return millimetres_to_px(widget, TOUCH_TARGET_MM)


def pinyin_candidates(letters: str) -> list[str]:
    """Return the Chinese words whose pinyin starts with ``letters``.

    Exact matches come first, then longer words in alphabetical order of
    their pinyin.
    """
    letters = letters.lower()
    if not letters:
        return []
    keys = sorted(key for key in PINYIN_WORDS if key.startswith(letters))
    keys.sort(key=lambda key: key != letters)
    words = [word for key in keys for word in PINYIN_WORDS[key]]
    return words[:MAX_CANDIDATES]


class OnScreenKeyboard(QWidget):
    """Keys that type into ``target``; ``done`` is emitted by the Done key."""

    done = Signal()

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.target = target
        self.pinyin_mode = False
        self.composition = ""
        self._keys: dict[str, QPushButton] = {}
        side = touch_target_px(self) * 2

        layout = QVBoxLayout(self)
        self.composition_label = QLabel(self)
        self.composition_label.setObjectName("pinyin_composition")
        self.composition_label.setMinimumHeight(side // 2)
        layout.addWidget(self.composition_label)
        self.candidate_row = QHBoxLayout()
        self.candidates: list[QPushButton] = []
        for index in range(MAX_CANDIDATES):
            button = QPushButton(self)
            button.setObjectName(f"candidate_{index}")
            button.setMinimumSize(side, side)
            button.clicked.connect(lambda _=False, i=index: self._pick(i))
            button.hide()
            self.candidates.append(button)
            self.candidate_row.addWidget(button)
        self.candidate_row.addStretch(1)
        layout.addLayout(self.candidate_row)

        grid = QGridLayout()
        for row, keys in enumerate((DIGIT_ROW, *LETTER_ROWS)):
            for column, key in enumerate(keys):
                button = self._key(key, side)
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                grid.addWidget(button, row, column)
        layout.addLayout(grid)

        bottom = QHBoxLayout()
        self.mode_key = self._key("mode", side)
        self.mode_key.clicked.connect(self.toggle_pinyin)
        space = self._key("space", side)
        space.clicked.connect(lambda: self.press(" "))
        backspace = self._key("backspace", side)
        backspace.setText("⌫")
        backspace.clicked.connect(self.backspace)
        done = self._key("done", side)
        done.clicked.connect(self._finish)
        bottom.addWidget(self.mode_key)
        bottom.addWidget(space, 1)
        bottom.addWidget(backspace)
        bottom.addWidget(done)
        layout.addLayout(bottom)
        self.retranslate()

    def _key(self, name: str, side: int) -> QPushButton:
        button = QPushButton(name if len(name) == 1 else "", self)
        button.setObjectName(f"key_{name}")
        button.setMinimumSize(side, side)
        button.setStyleSheet("font-size: 18pt;")
        self._keys[name] = button
        return button

    def key(self, name: str) -> QPushButton:
        """Return the button of key ``name`` (a letter, digit, or a named key)."""
        return self._keys[name]

    def retranslate(self) -> None:
        """Set the texts of the named keys in the current language."""
        self._keys["space"].setText(
            QCoreApplication.translate("OnScreenKeyboard", "Space")
        )
        self._keys["done"].setText(
            QCoreApplication.translate("OnScreenKeyboard", "Done")
        )
        self.mode_key.setText("ABC" if self.pinyin_mode else "拼音")
        self.mode_key.setAccessibleName(
            QCoreApplication.translate("OnScreenKeyboard", "Switch input")
        )
        self._keys["backspace"].setAccessibleName(
            QCoreApplication.translate("OnScreenKeyboard", "Backspace")
        )

    def press(self, key: str) -> None:
        """Type one key: into the pinyin composition or the target field."""
        if self.pinyin_mode and key.isalpha():
            self.composition += key.lower()
            self._show_candidates()
            return
        self._insert(key)

    def backspace(self) -> None:
        if self.pinyin_mode and self.composition:
            self.composition = self.composition[:-1]
            self._show_candidates()
            return
        self.target.backspace()
        self.target.textEdited.emit(self.target.text())

    def toggle_pinyin(self) -> None:
        """Switch between Latin letters and pinyin input."""
        self.pinyin_mode = not self.pinyin_mode
        self.composition = ""
        self._show_candidates()
        self.retranslate()

    def clear(self) -> None:
        """Forget any pinyin being composed and return to Latin letters."""
        self.pinyin_mode = False
        self.composition = ""
        self._show_candidates()
        self.retranslate()

    def _insert(self, text: str) -> None:
        self.target.insert(text)
        self.target.textEdited.emit(self.target.text())

    def _pick(self, index: int) -> None:
        self._insert(self.candidates[index].text())
        self.composition = ""
        self._show_candidates()

    def _show_candidates(self) -> None:
        self.composition_label.setText(self.composition)
        words = pinyin_candidates(self.composition)
        for button, word in zip(self.candidates, words, strict=False):
            button.setText(word)
            button.show()
        for button in self.candidates[len(words) :]:
            button.setText("")
            button.hide()

    def _finish(self) -> None:
        self.composition = ""
        self._show_candidates()
        self.done.emit()
