"""Report a grouped value, such as a shoe size, that no group accepts.

A grouped parameter's values each belong to a value of its ``group_by``
parameter, as a shoe size belongs to a size system. When a design gives a
value that is in no group, such as "EU 1", the error lists the values of
the design's own group first: their range and the nearest ones. A value
written with another group, such as "UK 1" or "uk1" on an EU design, also
gets that group's range, after the design's own.

A value is accepted only as the catalog spells it. One that names a listed
value in another spelling, such as "uk 8" for "UK 8" or "8½" for "UK 8.5",
gets the listed spelling in place of the nearest values. A bare number
outside the design's own range that other groups list, such as 42 on a UK
shoe or 12.5 on an EU shoe, gets what it is in each of them and the value
that the size chart lists beside it ("UK 8.5" for "EU 42"), and no nearest
value of the design's own group. One within that range that the design's
group does not list, such as 13.25 on Japanese ring sizes, gets both.

Size text is read here and nowhere else (:func:`_read`). Reading sets
aside case, spacing, full-width letters and digits (NFKC), a missing space
after the group ("UK8"), a fraction written with a sign or a slash ("8½",
"8 1/2", "8-1/2", "N 1/2") and a decimal comma ("8,5"). A number is
written in digits, with one decimal point or comma, or as a whole number
and a fraction. Other spellings that Python reads as a number, such as
"1e1", "7_0", "0x8" or "inf", are no number here, so such a value gets the
range of its group and no nearest value.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
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
    # A number outside the design's range that other groups list is theirs,
    # so the design's nearest value would mislead. Within the range, as
    # 13.25 on Japanese ring sizes, which are whole numbers, it may be
    # either, so both are named.
    chart = _chart_text(member, owner, owner_label, value, group)
    nearest = _nearest_text(own_choices, value, group)
    if chart and not _reads_within(member, value, group):
        nearest = ""
    message = rule_text(
        QT_TRANSLATE_NOOP(
            "Rules",
            "{parameter}: {value} is not accepted because {owner} {group} has no "
            "such value. Choose one from {first} to {last}.{nearest}{chart}{other}",
        ),
        parameter=Labelled(member.name, member.labels),
        value=shown_value(value),
        owner=owner_label,
        group=_group_label(owner_choice),
        first=repr(own_choices[0].value),
        last=repr(own_choices[-1].value),
        nearest=nearest,
        chart=chart,
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


def counterpart(member: Parameter, choice: Choice, group: Any) -> Choice | None:
    """Return the value of ``group`` nearest in measure to ``choice``.

    It is the size that a size chart lists beside ``choice`` in the system
    ``group``, and the size a design moves to when its size system changes:
    "EU 42" (a foot of 265 mm) gives "UK 8.5" (266.7 mm). A tie goes to the
    value listed first. Returns ``None`` when ``group`` has no values of
    ``member``, or ``choice`` or one of them has no measure.
    """
    members = _group_choices(member, group)
    if choice.measure is None or not members:
        return None
    if any(other.measure is None for other in members):
        return None
    return min(members, key=lambda other: abs(other.measure - choice.measure))


@dataclass(frozen=True)
class _Reading:
    """A typed size in the form the listed sizes are compared in.

    ``group`` is the group written before the size, as listed, or ``None``.
    ``key`` is the rest, folded for comparison with the listed spellings.
    ``number`` is the number it writes, or ``None``.
    """

    group: str | None
    key: str | None
    number: float | None


# A size with a fraction: a whole number or a letter size (or nothing), then
# the fraction, after a space, a hyphen or nothing: "8 1/2", "8-1/2", "n1/2".
# The head is as short as it can be, so "81/2" is 81 halves, not 8½.
_FRACTION = re.compile(
    r"(?P<head>.*?)(?:\s*-\s*|\s*)(?P<numerator>[0-9]+)/(?P<denominator>[0-9]+)"
)
# Digits with one decimal point, or a decimal comma before at most two
# digits ("8,5"; "1,000" is no size).
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+|,[0-9]{1,2})?")
# Longer text is no size; the cap keeps the fraction pattern's backtracking
# short on whatever a design file holds.
MAX_SIZE_CHARACTERS = 40


def _read(value: Any, groups: Sequence[Any]) -> _Reading | None:
    """Read ``value`` as a size that may start with one of ``groups``.

    A number reads as itself. "ＵＫ８½" and "uk 8 1/2" read as group "UK"
    and 8.5 when "UK" is one of ``groups``. Returns ``None`` for a boolean,
    a number that a float cannot hold, text longer than
    ``MAX_SIZE_CHARACTERS`` characters, or text with a superscript or
    subscript character ("8²" is not 82).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            return None
        return _Reading(None, None, number if math.isfinite(number) else None)
    if not isinstance(value, str) or len(value) > MAX_SIZE_CHARACTERS:
        return None
    folded = _fold(value)
    if folded is None:
        return None
    group, size = _split_group(folded, groups)
    return _Reading(group, _size_key(size), _size_number(size))


def _fold(text: str) -> str | None:
    """Return ``text`` as sizes are compared, or ``None`` if it has a
    superscript or subscript character.

    NFKC turns full-width letters and digits into plain ones, and a fraction
    sign into digits around a fraction slash, here preceded by a space: "８½"
    gives "8 1/2". Invisible format characters go, runs of white space
    become one space, and the case is folded.
    """
    characters = []
    for character in text:
        decomposition = unicodedata.decomposition(character)
        if decomposition.startswith(("<super>", "<sub>")):
            return None
        if decomposition.startswith("<fraction>"):
            character = " " + unicodedata.normalize("NFKC", character)
        elif unicodedata.category(character) == "Cf":
            continue
        characters.append(character)
    folded = unicodedata.normalize("NFKC", "".join(characters))
    return " ".join(folded.replace("\u2044", "/").split()).casefold()


def _split_group(folded: str, groups: Sequence[Any]) -> tuple[str | None, str]:
    """Return the group that ``folded`` starts with, and the size after it.

    The group may stand before anything but a letter ("uk 8", "uk8"), so a
    longer word is not read as a group. The longest group that fits wins.
    """
    written = sorted((g for g in groups if isinstance(g, str)), key=len, reverse=True)
    for group in written:
        prefix = _fold(group)
        if not prefix or not folded.startswith(prefix):
            continue
        rest = folded[len(prefix) :]
        if not rest[:1].isalpha():
            return group, rest.strip()
    return None, folded


def _size_key(size: str) -> str:
    """Return ``size`` with a fraction written one way: "n-1/2" gives "n 1/2"."""
    match = _FRACTION.fullmatch(size)
    if match is None or not _proper(match):
        return size
    fraction = f"{match['numerator']}/{match['denominator']}"
    return f"{match['head']} {fraction}".strip()


def _size_number(size: str) -> float | None:
    """Return the number that a folded ``size`` writes, such as 8.5 for
    "8.5", "8,5", "8 1/2" or "8-1/2", and ``None`` for any other text."""
    if _DECIMAL.fullmatch(size):
        return float(size.replace(",", "."))
    match = _FRACTION.fullmatch(size)
    if match is None or not _proper(match):
        return None
    if match["head"] and not match["head"].isdigit():
        return None
    whole = int(match["head"] or 0)
    return whole + int(match["numerator"]) / int(match["denominator"])


def _proper(fraction: re.Match[str]) -> bool:
    """Tell whether a matched fraction lies strictly between 0 and 1."""
    return 0 < int(fraction["numerator"]) < int(fraction["denominator"])


def _number_in(value: Any, group: Any) -> float | None:
    """Return the number that ``value`` gives within ``group``, if any.

    "EU 1" gives 1 in group "EU", and so do "eu1", the bare 1 and "1". A
    fraction counts as its value: "8½", "8 1/2" and "UK 8½" give 8.5. A
    value written with another group, such as "UK 1", gives ``None``, and
    so do an infinite or NaN number and "1e1".
    """
    reading = _read(value, (group,))
    return None if reading is None else reading.number


def _listed_spelling(choices: Sequence[Choice], value: Any, group: Any) -> Any:
    """Return the value of the choice that ``value`` spells another way, if any.

    Case, spacing, a missing group and a number's form do not count. In
    group "UK", "N½", "uk n 1/2" and "ＵＫ Ｎ½" spell "UK N½", and "8½",
    "8,5", 8.5 and "UK8.50" all spell "UK 8.5".
    """
    reading = _read(value, (group,))
    if reading is None:
        return None
    listed = [(choice, _read(choice.value, (choice.group,))) for choice in choices]
    for choice, spelling in listed:
        if reading.key is not None and spelling is not None:
            if spelling.key == reading.key:
                return choice.value
    if reading.number is None:
        return None
    for choice, spelling in listed:
        if spelling is not None and spelling.number == reading.number:
            return choice.value
    return None


def typed_spelling(member: Parameter, value: Any, group: Any) -> Any:
    """Return the listed value that typed ``value`` spells, or ``None``.

    A spelling in ``group``, such as "8½" or "uk 8 1/2" for "UK 8.5" in
    group "UK", comes first. Otherwise the value is taken from the one other
    group that lists a spelling of it: "N½" on a ring in US sizes spells
    "UK N½". A bare number that several other groups list, such as
    "12 1/2" on an EU shoe (UK 12.5 and US 12.5), spells none of them.
    """
    listed = _listed_spelling(_group_choices(member, group), value, group)
    if listed is not None:
        return listed
    others = []
    for other in dict.fromkeys(choice.group for choice in member.choices):
        if other == group:
            continue
        spelled = _listed_spelling(_group_choices(member, other), value, other)
        if spelled is not None:
            others.append(spelled)
    return others[0] if len(others) == 1 else None


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


def _chart_text(
    member: Parameter, owner: Parameter, owner_label: Labelled, value: Any, group: Any
) -> RuleText | str:
    """Name what a bare number is in the other groups that list it.

    A number written without a group that ``group`` does not list looks
    like a value of each other group that lists it. The text names the value
    of ``group`` that the chart lists beside each: 42 on a UK shoe looks like
    "EU 42", for which the chart lists "UK 8.5". 12.5 on an EU shoe looks
    like "UK 12.5" and "US 12.5", with an EU size for each. Without
    measures, it names the other groups' values alone. Returns an empty
    text for any other value, so "UK 42", which names its group, gets the
    nearest UK values.
    """
    elsewhere = _listed_elsewhere(member, value, group)
    if not elsewhere:
        return ""
    sizes = [counterpart(member, listed, group) for listed in elsewhere]
    listed_group = owner.choice(elsewhere[0].group)
    if None in sizes or (len(elsewhere) == 1 and listed_group is None):
        return rule_text(
            QT_TRANSLATE_NOOP(
                "Rules", " {value} looks like a size in another {owner}: {listed}."
            ),
            value=shown_value(value),
            owner=owner_label,
            listed=tuple(repr(listed.value) for listed in elsewhere),
        )

    if len(elsewhere) == 1:
        return rule_text(
            QT_TRANSLATE_NOOP(
                "Rules",
                " {value} looks like a size in {owner} {group}: the chart lists "
                "{size} for {listed}.",
            ),
            value=shown_value(value),
            owner=owner_label,
            group=_group_label(listed_group),
            size=repr(sizes[0].value),
            listed=repr(elsewhere[0].value),
        )
    charted = tuple(
        rule_text(
            QT_TRANSLATE_NOOP("Rules", "{size} for {listed}"),
            size=repr(size.value),
            listed=repr(listed.value),
        )
        for size, listed in zip(sizes, elsewhere, strict=True)
    )
    return rule_text(
        QT_TRANSLATE_NOOP(
            "Rules",
            " {value} looks like a size in more than one other {owner}: the chart "
            "lists {sizes}.",
        ),
        value=shown_value(value),
        owner=owner_label,
        sizes=charted,
    )


def _listed_elsewhere(member: Parameter, value: Any, group: Any) -> list[Choice]:
    """Return the values of other groups that a bare number writes, in the
    order the catalog lists them.

    The list is empty for a value written with a group and a number that
    ``group`` lists in another spelling.
    """
    reading = _read(value, (group,))
    if reading is None or reading.group is not None or reading.number is None:
        return []
    if _listed_spelling(_group_choices(member, group), value, group) is not None:
        return []
    return [
        choice
        for choice in member.choices
        if choice.group != group
        and _number_in(choice.value, choice.group) == reading.number
    ]


def _reads_within(member: Parameter, value: Any, group: Any) -> bool:
    """Tell whether ``value`` reads as a number within the range of ``group``."""
    reading = _read(value, (group,))
    if reading is None or reading.number is None:
        return False
    return _within_group(member, group, reading.number)


def _within_group(member: Parameter, group: Any, number: float) -> bool:
    """Tell whether ``number`` lies within the range of the numbered values of
    ``group``; never for a group with a value that is not a number."""
    numbers = [
        _number_in(choice.value, group) for choice in _group_choices(member, group)
    ]
    if not numbers or None in numbers:
        return False
    return min(numbers) <= number <= max(numbers)


def _other_group_text(
    member: Parameter, owner: Parameter, owner_label: Labelled, value: Any, group: Any
) -> RuleText | str:
    """Give the range of the other group that ``value`` is written with.

    "UK 1", "uk1" and "ＵＫ １" on a design in group "EU" name group "UK", so
    the message adds the UK range and the nearest UK values. A value of that
    range, typed as listed, moves the design into its group. Returns an
    empty text for a value written without another group.
    """
    reading = _read(value, tuple(choice.value for choice in owner.choices))
    if reading is None or reading.group is None or reading.group == group:
        return ""
    other_choice = owner.choice(reading.group)
    other_choices = _group_choices(member, reading.group)
    if other_choice is None or not other_choices:
        return ""
    return rule_text(
        QT_TRANSLATE_NOOP(
            "Rules",
            " In {owner} {group} the values run from {first} to {last}.{nearest}",
        ),
        owner=owner_label,
        group=_group_label(other_choice),
        first=repr(other_choices[0].value),
        last=repr(other_choices[-1].value),
        nearest=_nearest_text(other_choices, value, reading.group),
    )
