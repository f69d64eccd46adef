"""A notice label's message that a language switch words again."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtWidgets import QLabel

from designer.unit_spacing import keep_units


class RewordedNotice:
    """One message of a notice label, kept as a function that words it.

    The studio's and the kiosk's notice labels show messages from many
    places. This keeps one kind of them, such as a pricing failure, and
    words it again in the interface language on a language switch. It does
    so only while the label still shows the text it set, so a newer
    message is never replaced. The label shows each number joined to its
    unit or currency code by :func:`~designer.unit_spacing.keep_units`, so
    a narrow label never wraps between them.
    """

    def __init__(self, label: QLabel) -> None:
        self._label = label
        self._text: Callable[[], str] | None = None
        self._shown_text = ""
        self._held_key: Hashable = None

    @property
    def is_shown(self) -> bool:
        """Whether the label still shows the text this notice set."""
        return self._text is not None and self._label.text() == self._shown_text

    @property
    def is_replaced(self) -> bool:
        """Whether this notice's message was shown and the label has shown
        something else since, such as a newer message."""
        return self._text is not None and not self.is_shown

    def hold_back(self, key: Hashable) -> None:
        """Keep the message, once replaced, from coming back for ``key``.

        A language switch prices the design again. A failure it gets again
        for the same design, shown with the same ``key``, stays under the
        notice that replaced it, until :meth:`release`.
        """
        self._held_key = key if self.is_replaced else None

    def release(self) -> None:
        """Let the message show again for any key, as after a change."""
        self._held_key = None

    def show(self, text: Callable[[], str], key: Hashable = None) -> None:
        """Show ``text()``, which words the message in the interface language,
        unless ``key`` is the one held back.

        A lambda that uses an ``except`` clause's error binds it as a
        default argument, because Python unbinds that name after the clause.
        """
        if key is not None and key == self._held_key:
            return
        self._text = text
        self._label.setText(keep_units(text()))
        self._shown_text = self._label.text()

    def retranslate(self) -> None:
        """Word the message again in the interface language, if still shown."""
        if self.is_shown:
            self.show(self._text)

    def show_again(self) -> None:
        """Show the message again in the interface language, even over a
        text the label has shown since."""
        if self._text is not None:
            self.show(self._text)

    def clear(self) -> None:
        """Clear the label if it still shows this message, and forget it."""
        if self.is_shown:
            self._label.clear()
        self._text = None
        self._held_key = None
