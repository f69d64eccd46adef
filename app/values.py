"""Show design values as people read them, and remember what the rules moved.

A choice is shown by its label in the window's language, a number in the
user's locale with its unit, and a switch as yes or no. The rules' own ids
never reach the screen.

A change can force the studio to move other values to keep the design
valid, such as a rubber sole for a stronger toe spring. :class:`MovedValues`
keeps those moves in view until the user sets that value, takes the change
back, or the value moves again. A value that follows the user's own entry,
such as the size system of a size typed in another system, is no such
move, so the notice names it as following the entry, for the latest change
only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.i18n import format_number
from designer.session import Change, parameter_value_text
from rules.model import BOOLEAN, CHOICE, COLOUR, DECIMAL, INTEGER, Parameter


def label_in(labels: Mapping[str, str], language: str, fallback: str) -> str:
    """Return the label for ``language``, the English one, or ``fallback``."""
    return labels.get(language) or labels.get("en") or fallback


def display_value(parameter: Parameter, value: Any, language: str) -> str:
    """Return ``value`` of ``parameter`` as the window shows it."""
    if parameter.kind == BOOLEAN:
        if value:
            return QCoreApplication.translate("DesignValues", "Yes")
        return QCoreApplication.translate("DesignValues", "No")
    if parameter.kind in (INTEGER, DECIMAL) and isinstance(value, (int, float)):
        text = format_number(value, parameter.decimals)
        return text + parameter.unit_suffix
    return parameter_value_text(parameter, value, language)


def part_parameter(
    model, values: Mapping[str, Any], part: str, material: str
) -> str | None:
    """Return the choice parameter that sets what a tapped part looks like.

    First the parameter whose value is the part's ``material``: the metal
    of a band, the leather of an upper, the board of a shelf. Else one whose
    name shares a word with the part's name, such as ``sole_colour`` for a
    sneaker's ``cupsole`` or ``gusset_colour`` for a boot's ``gussets``.
    """
    choices = [
        parameter
        for parameter in model.rules.parameters
        if parameter.kind in (CHOICE, COLOUR)
    ]
    for parameter in choices:
        if material and values.get(parameter.name) == material:
            return parameter.name
    # Colours first: a sneaker's sole_colour, not its sole_height.
    by_look = sorted(choices, key=lambda parameter: parameter.kind != COLOUR)
    for parameter in by_look:
        words = set(parameter.name.split("_")) - {"colour", "material"}
        if any(word and word in part for word in words):
            return parameter.name
    return None


def picked_text(model, values: Mapping[str, Any], name: str, language: str) -> str:
    """Return "Label: value" for the parameter ``name`` of a tapped part."""
    parameter = model.parameter(name)
    label = label_in(parameter.labels, language, name)
    colon = _punctuation(language).colon
    return f"{label}{colon}{display_value(parameter, values[name], language)}"


class MovedValues:
    """Values that changed along with the user's, named until they are outdated.

    ``record`` takes the session's current values after every change. A move,
    a value that the studio moved on its own to keep the design valid, stays
    listed while its parameter still has the moved value and the user has not
    set it since. A value that followed the user's entry, such as a size
    system, is named for the latest change only.
    """

    def __init__(self) -> None:
        self._moves: dict[str, tuple[Any, Any]] = {}
        # By parameter: its new value and the user's value it follows.
        self._followed: dict[str, tuple[Any, Any]] = {}

    def clear(self) -> None:
        """Forget every move, as when another design is opened."""
        self._moves.clear()
        self._followed.clear()

    def record(
        self,
        values: Mapping[str, Any],
        adjusted: Mapping[str, tuple[Any, Any]] | None = None,
        set_by_user: str | None = None,
        followed: Mapping[str, tuple[Any, Any]] | None = None,
    ) -> None:
        """Update the list after a change.

        ``adjusted`` maps each parameter the studio moved in this change to
        its old and new value; ``set_by_user`` names the one the user set.
        ``followed`` maps each parameter that moved to match the user's
        value, such as a size system, to its old and new value.
        """
        self._followed = {}
        if set_by_user is not None:
            self._moves.pop(set_by_user, None)
            for name, (_, new) in (followed or {}).items():
                self._followed[name] = (new, values[set_by_user])
                # The user's entry set this value, so an earlier move of it
                # is no longer the studio's.
                self._moves.pop(name, None)
        for name, (old, new) in (adjusted or {}).items():
            first = self._moves.get(name, (old, new))[0]
            if first == new:
                self._moves.pop(name, None)
            else:
                self._moves[name] = (first, new)
        self._moves = {
            name: move
            for name, move in self._moves.items()
            if values.get(name) == move[1]
        }

    def record_change(self, values: Mapping[str, Any], change: Change | None) -> None:
        """Update the list after ``change``, or after a change it does not
        know, such as an undo or a replaced design, when ``None``."""
        if change is None:
            self.record(values)
        else:
            self.record(values, change.adjusted, change.name, change.followed)

    def __bool__(self) -> bool:
        return bool(self._moves or self._followed)

    def notice(self, parameter_of, language: str, moves_template: str) -> str:
        """Return the window's notice, which names the values that followed
        the user's entry and then lists the moves in ``moves_template``,
        at its ``%s``.

        The notice is empty when nothing changed along with the user's value.
        ``parameter_of`` maps a parameter name to its :class:`Parameter`.
        """
        sentences = []
        followed = self.describe_followed(parameter_of, language)
        if followed:
            sentences.append(followed)
        if self._moves:
            sentences.append(moves_template % self.describe(parameter_of, language))
        return _punctuation(language).sentence_gap.join(sentences)

    def describe_followed(self, parameter_of, language: str) -> str:
        """Return "Label set to value to match entry." for each value that
        followed the user's latest entry, or an empty text.

        ``parameter_of`` maps a parameter name to its :class:`Parameter`.
        The entry shows with its group, as in "UK 12.5", because the size
        alone would not say which system it is in.
        """
        template = QCoreApplication.translate(
            "DesignValues", "{parameter} set to {value} to match {entry}."
        )
        sentences = []
        for name, (new, entry) in self._followed.items():
            parameter = parameter_of(name)
            sentences.append(
                template.format(
                    parameter=label_in(parameter.labels, language, name),
                    value=display_value(parameter, new, language),
                    entry=entry,
                )
            )
        return _punctuation(language).sentence_gap.join(sentences)

    def describe(self, parameter_of, language: str) -> str:
        """Return "Label: old → new" for each move, joined with semicolons.

        ``parameter_of`` maps a parameter name to its :class:`Parameter`.
        """
        punctuation = _punctuation(language)
        parts = []
        for name, (old, new) in self._moves.items():
            parameter = parameter_of(name)
            label = label_in(parameter.labels, language, name)
            before = display_value(parameter, old, language)
            after = display_value(parameter, new, language)
            if _groups_differ(parameter, old, new):
                # A size shows without its system, so a size carried into
                # another system, 12.5 → 48, would read as a jump.
                before, after = str(old), str(new)
            parts.append(f"{label}{punctuation.colon}{before} → {after}")
        return punctuation.list_gap.join(parts)


@dataclass(frozen=True)
class _Punctuation:
    """Marks that join a notice's parts in one language."""

    colon: str
    list_gap: str
    sentence_gap: str


_LATIN = _Punctuation(colon=": ", list_gap="; ", sentence_gap=" ")
_CHINESE = _Punctuation(colon="：", list_gap="；", sentence_gap="")


def _punctuation(language: str) -> _Punctuation:
    """Return the marks of ``language``: full-width ones for Chinese."""
    return _CHINESE if language.startswith("zh") else _LATIN


def _groups_differ(parameter: Parameter, old: Any, new: Any) -> bool:
    """Return whether two values of a grouped parameter, such as sizes,
    belong to different groups (size systems)."""
    if parameter.group_by is None:
        return False
    before, after = parameter.choice(old), parameter.choice(new)
    return before is not None and after is not None and before.group != after.group
