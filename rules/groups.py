"""Report a grouped value, such as a shoe size, that no group accepts.

A grouped parameter's values each belong to a value of its ``group_by``
parameter, as a shoe size belongs to a size system. When a design gives a
value that is in no group, such as "EU 1", the error lists the values of
the design's own group first: their range and the nearest ones. A value
written as another group followed by a space, such as "UK 1" on an EU
design, also gets that group's range, after the design's own.

A value is accepted only as the catalog spells it. One that names a listed
value in another spelling, such as "uk 8" for "UK 8" or "8½" for "UK 8.5",
gets the listed spelling in place of the nearest values.
"""

from __future__ import annotations

import math
import unicodedata
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
        nearest=_nearest_text(own_choices, value, group),
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


def _without_group(text: str, group: Any) -> str:
    """Return ``text`` without a leading ``group`` and space, in any case.

    "UK 8" and "uk 8" give "8" in group "UK", and "EU 8" stays as it is.
    """
    text = text.strip()
    prefix = f"{group} "
    if text[: len(prefix)].casefold() == prefix.casefold():
        return text[len(prefix) :].strip()
    return text


def _number_in(value: Any, group: Any) -> float | None:
    """Return the number that ``value`` gives within ``group``, if any.

    "EU 1" gives 1 in group "EU", and so do "eu 1", the bare 1 and "1".
    A fraction sign counts as its value: "8½" and "UK 8½" give 8.5. A value
    written with another group, such as "UK 1", gives ``None``, and so does
    an infinite or NaN number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            return None
    elif isinstance(value, str):
        number = _size_number(_without_group(value, group))
    else:
        return None
    if number is None or not math.isfinite(number):
        return None
    return number


def _size_number(text: str) -> float | None:
    """Return the number written in ``text``, such as 8.5 for "8.5" or "8½".

    A vulgar fraction sign (½, ¼, ¾ and the other Unicode ones) may follow
    a whole number of digits, or stand alone.
    """
    if text and unicodedata.category(text[-1]) == "No":
        fraction = unicodedata.numeric(text[-1])
        whole = text[:-1].rstrip()
        if not 0 < fraction < 1 or not (whole.isdecimal() or whole == ""):
            return None
        return float(whole or 0) + fraction
    try:
        return float(text)
    except ValueError:
        return None


def _listed_spelling(choices: Sequence[Choice], value: Any, group: Any) -> Any:
    """Return the value of the choice that ``value`` spells another way, if any.

    Case, spacing, a missing group and a number's form do not count. In
    group "UK", both "N½" and "uk n½" spell "UK N½", and "8½", 8.5 and
    "UK 8.50" all spell "UK 8.5".
    """
    if isinstance(value, str):
        spelling = _spelling_key(_without_group(value, group))
        for choice in choices:
            listed = _without_group(str(choice.value), choice.group)
            if _spelling_key(listed) == spelling:
                return choice.value
    number = _number_in(value, group)
    if number is None:
        return None
    for choice in choices:
        if _number_in(choice.value, choice.group) == number:
            return choice.value
    return None


def _spelling_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _nearest_text(choices: Sequence[Choice], value: Any, group: Any) -> RuleText | str:
    """Name the listed spelling of ``value``, or the choices nearest to it.

    All the nearest choices are named when tied. Without a listed spelling,
    returns an empty text when ``value`` gives no number in ``group``, or a
    choice of the group is not written as the group and a number, such as
    the UK ring size "UK N½".
    """
    listed = _listed_spelling(choices, value, group)
    if listed is not None:
        return rule_text(
            QT_TRANSLATE_NOOP("Rules", " Write it as {value}."), value=repr(listed)
        )
    number = _number_in(value, group)
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

    "UK 1" on a design in group "EU" names group "UK", in any case, so the
    message adds the UK range and the nearest UK values. Returns an empty
    text for a value written without another group.
    """
    if not isinstance(value, str):
        return ""
    written = value.strip().split(" ", 1)[0].casefold()
    other_choice = next(
        (
            choice
            for choice in owner.choices
            if isinstance(choice.value, str) and choice.value.casefold() == written
        ),
        None,
    )
    if other_choice is None or other_choice.value == group:
        return ""
    other_group = other_choice.value
    other_choices = _group_choices(member, other_group)
    if not other_choices:
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
        nearest=_nearest_text(other_choices, value, other_group),
    )
