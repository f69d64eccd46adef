"""Show design values as people read them, and remember what the rules moved.

A choice is shown by its label in the window's language, a number in the
user's locale with its unit, and a switch as yes or no. The rules' own ids
never reach the screen.

A change can force the studio to move other values to keep the design
valid, such as a rubber sole for a stronger toe spring. :class:`MovedValues`
keeps those moves in view until the user sets that value, takes the change
back, or the value moves again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.i18n import format_number
from designer.session import parameter_value_text
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
        return f"{text} {parameter.unit}" if parameter.unit else text
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
    return f"{label}: {display_value(parameter, values[name], language)}"


class MovedValues:
    """Values that the studio moved on its own, listed until they are outdated.

    ``record`` takes the session's current values after every change. A move
    stays listed while its parameter still has the moved value and the user
    has not set it since.
    """

    def __init__(self) -> None:
        self._moves: dict[str, tuple[Any, Any]] = {}

    def clear(self) -> None:
        """Forget every move, as when another design is opened."""
        self._moves.clear()

    def record(
        self,
        values: Mapping[str, Any],
        adjusted: Mapping[str, tuple[Any, Any]] | None = None,
        set_by_user: str | None = None,
    ) -> None:
        """Update the list after a change.

        ``adjusted`` maps each parameter the studio moved in this change to
        its old and new value; ``set_by_user`` names the one the user set.
        """
        if set_by_user is not None:
            self._moves.pop(set_by_user, None)
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

    def __bool__(self) -> bool:
        return bool(self._moves)

    def describe(self, parameter_of, language: str) -> str:
        """Return "Label: old → new" for each move, joined with semicolons.

        ``parameter_of`` maps a parameter name to its :class:`Parameter`.
        """
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
            parts.append(f"{label}: {before} → {after}")
        return "; ".join(parts)


def _groups_differ(parameter: Parameter, old: Any, new: Any) -> bool:
    """Return whether two values of a grouped parameter, such as sizes,
    belong to different groups (size systems)."""
    if parameter.group_by is None:
        return False
    before, after = parameter.choice(old), parameter.choice(new)
    return before is not None and after is not None and before.group != after.group
