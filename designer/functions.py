"""Functions that catalog rules may call, and choice lists built from tables."""

from __future__ import annotations

import math

from models3d import sizes
from models3d.beam import beam_sag
from models3d.engraving import (
    character_list,
    disallowed_characters,
    engraving_length,
    is_engravable,
    missing_glyphs,
)
from models3d.gems import stone_diameter
from models3d.rake import back_rake
from rules.expressions import BOOL, NUMBER, STRING, Function
from rules.model import Choice

RULE_FUNCTIONS: dict[str, Function] = {
    "ring_inner_diameter": Function(sizes.ring_inner_diameter, (STRING,), NUMBER),
    "shoe_foot_length": Function(sizes.shoe_foot_length, (STRING,), NUMBER),
    "beam_sag": Function(beam_sag, (NUMBER,) * 5, NUMBER),
    "engravable": Function(is_engravable, (STRING,), BOOL),
    "disallowed_characters": Function(
        lambda text: character_list(disallowed_characters(text)), (STRING,), STRING
    ),
    "missing_glyphs": Function(
        lambda text: character_list(missing_glyphs(text)), (STRING,), STRING
    ),
    "engraving_length": Function(engraving_length, (STRING, NUMBER), NUMBER),
    "stone_diameter": Function(stone_diameter, (NUMBER,), NUMBER),
    "back_rake": Function(back_rake, (NUMBER, NUMBER), NUMBER),
    "round_up": Function(
        lambda value, digits: _round_to(math.ceil, value, digits),
        (NUMBER, NUMBER),
        NUMBER,
    ),
    "round_down": Function(
        lambda value, digits: _round_to(math.floor, value, digits),
        (NUMBER, NUMBER),
        NUMBER,
    ),
}
"""Functions that catalog rules may call beside the expression language's
own. ``round_up`` and ``round_down`` round to ``digits`` decimals toward
plus and minus infinity, so that a message shows a value above its limit
as larger than the limit, where ``round`` may show both as one number."""


def _round_to(step, value: float, digits: float) -> float:
    """Round ``value`` to ``digits`` decimals with ``step`` (``math.ceil``
    or ``math.floor``) applied to the scaled value."""
    scale = 10 ** int(digits)
    return step(value * scale) / scale


_SIZE_TABLES = {
    "ring_sizes": sizes.ring_size_choices,
    "shoe_sizes": sizes.shoe_size_choices,
}

# The length in millimetres behind each size: each size choice's measure, by
# which a size is carried over to the nearest size when the customer switches
# size system, and the length a spec sheet prints beside the size.
SIZE_MEASURES = {
    "ring_sizes": sizes.ring_inner_diameter,
    "shoe_sizes": sizes.shoe_foot_length,
}


def choices_from(table: str) -> list[Choice]:
    """Build choices from a size table; each value is grouped by its system.

    A value reads ``"US 7"``; its label is the size alone (``"7"``), since
    the size system is shown beside it. Its measure is the table's length
    in millimetres, which compares sizes across systems.
    """
    if table not in _SIZE_TABLES:
        known = ", ".join(sorted(_SIZE_TABLES))
        raise KeyError(f"unknown size table {table!r}; known: {known}")
    measure = SIZE_MEASURES[table]
    choices = []
    for system, label in _SIZE_TABLES[table]():
        size = label.split(" ", 1)[1]
        labels = {"en": size, "zh_CN": size}
        choices.append(Choice(label, labels, group=system, measure=measure(label)))
    return choices
