"""Report a grouped value, such as a shoe size, that no group accepts.

A grouped parameter's values each belong to a value of its ``group_by``
parameter, as a shoe size belongs to a size system. When a design gives a
value that is in no group, such as "EU 1", the error lists the values of
the design's own group first: their range and the nearest ones. A value
written as another group followed by a space, such as "UK 1" on an EU
design, also gets that group's range, after the design's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rules.errors import DesignValueError, shown_value
from rules.model import Choice, Parameter
from rules.text import QT_TRANSLATE_NOOP, Labelled, RuleText, in_sentence, rule_text


def grouped_value_error(
    member: Parameter, owner: Parameter, value: Any, group: Any
) -> DesignValueError:
    """Return the error for ``value``, which no value of ``member`` equals.

    ``owner`` is the parameter that ``member.group_by`` names and ``group``
    is the design's value of it. When ``group`` has no values of ``member``,
    the error describes every accepted value, as :meth:`Parameter.coerce`
    does.
    """
    own_choices = _group_choices(member, group)
    owner_choice = owner.choice(group)
    if not own_choices or owner_choice is None:
        return DesignValueError(
            member.name, value, member.describe_accepted(), member.labels
        )
    owner_label = Labelled(
        owner.name,
        {
            language: in_sentence(text, language)
            for language, text in owner.labels.items()
        },
    )
    message = rule_text(
        QT_TRANSLATE_NOOP(
            "Rules",
            "{parameter}: {value} is not accepted because {owner} {group} has no "
            "such value. Choose one from {first} to {last}.{nearest}{other}",
        ),
        parameter=Labelled(member.name, member.labels),
        value=shown_value(value),
        owner=owner_label,
        group=_group_label(owner_choice),
        first=repr(own_choices[0].value),
        last=repr(own_choices[-1].value),
        nearest=_nearest_text(own_choices, _number_in(value, group)),
        other=_other_group_text(member, owner, owner_label, value, group),
    )
    accepted = rule_text(
        QT_TRANSLATE_NOOP("Rules", "one of {values}"),
        values=tuple(repr(choice.value) for choice in own_choices),
    )
    return DesignValueError(member.name, value, accepted, message=message)


def _group_choices(member: Parameter, group: Any) -> tuple[Choice, ...]:
    return tuple(choice for choice in member.choices if choice.group == group)


def _group_label(choice: Choice) -> Labelled:
    """Return a group value as a file writes it, and with its label for the window."""
    return Labelled(repr(choice.value), choice.labels)


def _number_in(value: Any, group: Any) -> float | None:
    """Return the number that ``value`` gives within ``group``, if any.

    "EU 1" gives 1 in group "EU", and so do the bare 1 and "1". A value
    written with another group, such as "UK 1", gives ``None``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip().removeprefix(f"{group} ")
    try:
        return float(text)
    except ValueError:
        return None


def _nearest_text(choices: Sequence[Choice], number: float | None) -> RuleText | str:
    """Name the choices nearest to ``number``, all of them when tied.

    Returns an empty text when ``number`` is ``None`` or a choice of the
    group is not written as the group and a number, such as the UK ring
    size "UK N½".
    """
    if number is None:
        return ""
    numbered = []
    for choice in choices:
        choice_number = _number_in(choice.value, choice.group)
        if choice_number is None:
            return ""
        numbered.append((abs(choice_number - number), choice))
    closest = min(distance for distance, _ in numbered)
    nearest = tuple(
        repr(choice.value) for distance, choice in numbered if distance == closest
    )
    if len(nearest) == 1:
        template = QT_TRANSLATE_NOOP("Rules", " The nearest is {values}.")
    else:
        template = QT_TRANSLATE_NOOP("Rules", " The nearest are {values}.")
    return rule_text(template, values=nearest)


def _other_group_text(
    member: Parameter, owner: Parameter, owner_label: Labelled, value: Any, group: Any
) -> RuleText | str:
    """Give the range of the other group that ``value`` is written with.

    "UK 1" on a design in group "EU" names group "UK", so the message
    adds the UK range and the nearest UK values. Returns an empty text for
    a value written without another group.
    """
    if not isinstance(value, str):
        return ""
    written = value.strip().split(" ", 1)[0]
    other_choice = owner.choice(written)
    other_choices = _group_choices(member, written)
    if written == group or other_choice is None or not other_choices:
        return ""
    return rule_text(
        QT_TRANSLATE_NOOP(
            "Rules",
            " To use {owner} {group} instead, change the {owner} first. Its "
            "values run from {first} to {last}.{nearest}",
        ),
        owner=owner_label,
        group=_group_label(other_choice),
        first=repr(other_choices[0].value),
        last=repr(other_choices[-1].value),
        nearest=_nearest_text(other_choices, _number_in(value, written)),
    )
