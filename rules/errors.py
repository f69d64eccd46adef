"""Exceptions raised while reading rules and checking designs."""

from __future__ import annotations

from collections.abc import Mapping

from rules.text import QT_TRANSLATE_NOOP, Labelled, RuleText, rule_text


class RuleDefinitionError(ValueError):
    """A parameter, derived value or rule definition that cannot be used.

    ``location`` names where it sits, for example ``rules[2].expression``;
    the catalog loader prefixes it with the file name.
    """

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}" if location else reason)
        self.location = location
        self.reason = reason


class RuleSyntaxError(RuleDefinitionError):
    """An expression that does not parse; ``position`` is a 0-based column."""

    def __init__(self, source: str, position: int, reason: str) -> None:
        pointer = f"{source}\n{' ' * position}^"
        super().__init__("", f"{reason} at column {position + 1} in:\n{pointer}")
        self.source = source
        self.position = position


class RuleTypeError(RuleSyntaxError):
    """An expression that parses but mixes types or names unknown things."""


EXCERPT_CHARACTERS = 20
"""Characters of a long text value that a message quotes before "…"."""


def shown_value(value: object) -> str | RuleText:
    """Return ``value`` as a message quotes it: its ``repr``, or for a text
    longer than ``EXCERPT_CHARACTERS`` an excerpt and the text's length, and
    for an integer of more digits its number of digits.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        digits = len(str(abs(value)))
        if digits > EXCERPT_CHARACTERS:
            return rule_text(
                QT_TRANSLATE_NOOP("Rules", "a number of {digits} digits"),
                digits=digits,
            )
    if not isinstance(value, str) or len(value) <= EXCERPT_CHARACTERS:
        return repr(value)
    return rule_text(
        QT_TRANSLATE_NOOP("Rules", "{excerpt}… ({length} characters)"),
        excerpt=repr(value[:EXCERPT_CHARACTERS]),
        length=len(value),
    )


class DesignValueError(ValueError):
    """A value that its parameter does not accept.

    Carries the parameter name, the value received and a description of the
    accepted values, so a form or the command line can show all three.
    ``message`` is the translatable form of the text, which the GUI shows
    in its language; ``str()`` is the English text. A caller that words the
    error itself, such as for a size outside its size system, passes
    ``message``.
    """

    def __init__(
        self,
        parameter: str,
        value: object,
        accepted: str | RuleText,
        labels: Mapping[str, str] | None = None,
        *,
        message: RuleText | None = None,
    ) -> None:
        if message is None:
            message = rule_text(
                QT_TRANSLATE_NOOP(
                    "Rules", "{parameter}: {value} is not accepted; expected {accepted}"
                ),
                parameter=Labelled(parameter, labels or {}),
                value=shown_value(value),
                accepted=accepted,
            )
        self.message = message
        super().__init__(str(self.message))
        self.parameter = parameter
        self.value = value
        self.accepted = str(accepted)
