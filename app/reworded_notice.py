"""A notice label's message that a language switch words again."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtWidgets import QLabel


class RewordedNotice:
    """One message of a notice label, kept as a function that words it.

    The studio's and the kiosk's notice labels show messages from many
    places. This keeps one kind of them, such as a pricing failure, and
    words it again in the interface language on a language switch. It does
    so only while the label still shows the text it set, so a newer
    message is never replaced.
    """

    def __init__(self, label: QLabel) -> None:
        self._label = label
        self._text: Callable[[], str] | None = None
        self._shown_text = ""
        self._key: Hashable = None

    @property
    def is_shown(self) -> bool:
        """Whether the label still shows the text this notice set."""
        return self._text is not None and self._label.text() == self._shown_text

    def show(self, text: Callable[[], str], key: Hashable = None) -> None:
        """Show ``text()``, which words the message in the interface language.

        A message shown before with the same ``key``, not ``None``, stays
        replaced once a newer one has replaced it. So a failure that comes
        again for the same design, as when a language switch prices it
        again, does not cover what the user saw after it.

        A lambda that uses an ``except`` clause's error binds it as a
        default argument, because Python unbinds that name after the clause.
        """
        if key is not None and key == self._key and not self.is_shown:
            return
        self._key = key
        self._word(text)

    def _word(self, text: Callable[[], str]) -> None:
        """Show ``text()`` and remember it, to word it again later."""
        self._text = text
        self._label.setText(text())
        self._shown_text = self._label.text()

    def retranslate(self) -> None:
        """Word the message again in the interface language, if still shown."""
        if self.is_shown:
            self._word(self._text)

    def clear(self) -> None:
        """Clear the label if it still shows this message, and forget it."""
        if self.is_shown:
            self._label.clear()
        self._text = None
        self._key = None
