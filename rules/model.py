"""Parameters, derived values and rules: the data a product model is made of."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rules.errors import DesignValueError
from rules.text import QT_TRANSLATE_NOOP, Labelled, RuleText, rule_text

CHOICE = "choice"
COLOUR = "colour"
INTEGER = "integer"
DECIMAL = "decimal"
BOOLEAN = "boolean"
TEXT = "text"
KINDS = (CHOICE, COLOUR, INTEGER, DECIMAL, BOOLEAN, TEXT)

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Choice:
    """One value of a choice or colour parameter.

    ``group`` ties the value to a value of the parameter named by the owning
    parameter's ``group_by`` (a ring size belongs to its size system).
    ``measure`` is the length in millimetres behind a grouped value, such as
    a ring size's inner diameter or a shoe size's foot length, by which
    values of different groups compare (EU 42 is a foot of 265 mm).
    """

    value: Any
    labels: Mapping[str, str]
    group: str | None = None
    measure: float | None = None


@dataclass(frozen=True)
class Parameter:
    """A design parameter: its type, accepted values, default and labels.

    Numeric parameters (``integer`` and ``decimal``) accept ``minimum`` plus a
    whole number of ``step`` up to ``maximum``; lengths are in millimetres.
    """

    name: str
    kind: str
    labels: Mapping[str, str]
    default: Any
    unit: str | None = None
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    max_length: int | None = None
    group_by: str | None = None

    @property
    def unit_suffix(self) -> str:
        """What follows a number in this parameter's unit: a space and the
        unit, or a degree sign right after the number, as SI writes plane
        angles."""
        if not self.unit:
            return ""
        return self.unit if self.unit == "°" else f" {self.unit}"

    @property
    def finite(self) -> bool:
        """Whether the engine enumerates this parameter's values."""
        return self.kind != TEXT

    @property
    def decimals(self) -> int:
        """Digits after the decimal point that this parameter's values need."""
        if self.kind != DECIMAL:
            return 0
        return _decimals(self.step or 1)

    def domain(self) -> tuple[Any, ...]:
        """Return every accepted value in order (not defined for text)."""
        if self.kind in (CHOICE, COLOUR):
            return tuple(choice.value for choice in self.choices)
        if self.kind == BOOLEAN:
            return (False, True)
        if self.kind in (INTEGER, DECIMAL):
            return tuple(self._grid())
        raise TypeError(f"text parameter {self.name!r} has no finite domain")

    def _grid(self) -> list[float | int]:
        assert self.minimum is not None and self.maximum is not None
        step = self.step or 1
        count = int(math.floor((self.maximum - self.minimum) / step + 1e-9))
        digits = _decimals(step) if self.kind == DECIMAL else 0
        values = []
        for index in range(count + 1):
            value = round(self.minimum + index * step, digits)
            values.append(int(value) if self.kind == INTEGER else float(value))
        return values

    def choice(self, value: Any) -> Choice | None:
        """Return the choice whose value equals ``value``, if any."""
        for choice in self.choices:
            if choice.value == value and type(choice.value) is not bool:
                return choice
        return None

    def describe_accepted(self) -> RuleText:
        """Describe the accepted values for an error message."""
        if self.kind in (CHOICE, COLOUR):
            values = tuple(_choice_text(choice) for choice in self.choices[:12])
            if len(self.choices) > 12:
                return rule_text(
                    QT_TRANSLATE_NOOP("Rules", "one of {values} ..."), values=values
                )
            return rule_text(
                QT_TRANSLATE_NOOP("Rules", "one of {values}"), values=values
            )
        if self.kind == BOOLEAN:
            return rule_text(QT_TRANSLATE_NOOP("Rules", "true or false"))
        if self.kind in (INTEGER, DECIMAL):
            limits = {
                "minimum": f"{self.minimum:g}",
                "maximum": f"{self.maximum:g}",
                "step": f"{self.step or 1:g}",
            }
            if self.unit == "°":
                # A degree sign follows its number with no space.
                limits["maximum"] += self.unit_suffix
            elif self.unit:
                template = QT_TRANSLATE_NOOP(
                    "Rules",
                    "a number from {minimum} to {maximum} {unit} in steps of {step}",
                )
                return rule_text(template, unit=self.unit, **limits)
            template = QT_TRANSLATE_NOOP(
                "Rules", "a number from {minimum} to {maximum} in steps of {step}"
            )
            return rule_text(template, **limits)
        return rule_text(
            QT_TRANSLATE_NOOP("Rules", "text of at most {count} characters"),
            count=self.max_length,
        )

    def coerce(self, value: Any) -> Any:
        """Return ``value`` in this parameter's canonical form.

        Raises :class:`DesignValueError` naming the parameter, the value and
        the accepted values when ``value`` is not accepted.
        """
        if self.kind == TEXT:
            return self._coerce_text(value)
        if self.kind == BOOLEAN:
            if isinstance(value, bool):
                return value
            raise DesignValueError(
                self.name, value, self.describe_accepted(), self.labels
            )
        if self.kind in (CHOICE, COLOUR):
            return self._coerce_choice(value)
        return self._coerce_number(value)

    def _coerce_text(self, value: Any) -> str:
        if not isinstance(value, str):
            raise DesignValueError(
                self.name, value, self.describe_accepted(), self.labels
            )
        # An accent typed as its own combining mark is one character with
        # its letter, as the engraver and the length limit count it.
        value = unicodedata.normalize("NFC", value)
        if self.max_length is not None and len(value) > self.max_length:
            raise DesignValueError(
                self.name, value, self.describe_accepted(), self.labels
            )
        return value

    def _coerce_choice(self, value: Any) -> Any:
        if isinstance(value, str) and self.kind == COLOUR:
            value = value.lower()
        choice = self.choice(value)
        if choice is None or isinstance(value, bool):
            raise DesignValueError(
                self.name, value, self.describe_accepted(), self.labels
            )
        return choice.value

    def _coerce_number(self, value: Any) -> float | int:
        is_number = isinstance(value, int | float | Decimal)
        if not is_number or isinstance(value, bool) or not _finite(value):
            raise DesignValueError(
                self.name, value, self.describe_accepted(), self.labels
            )
        assert self.minimum is not None and self.maximum is not None
        step = self.step or 1
        # The range is checked first: a huge value such as 1e308 divided by
        # a step below one is infinite, and rounding that raises.
        in_range = self.minimum - 1e-9 <= float(value) <= self.maximum + 1e-9
        steps = (float(value) - self.minimum) / step if in_range else 0.5
        on_grid = abs(steps - round(steps)) < 1e-6
        if not (on_grid and in_range):
            raise DesignValueError(
                self.name, value, self.describe_accepted(), self.labels
            )
        snapped = self.minimum + round(steps) * step
        if self.kind == INTEGER:
            return int(round(snapped))
        return round(snapped, _decimals(step))


def yes_no(value: bool, language: str = "en") -> str:
    """Return a yes/no value as messages and documents write it."""
    if language == "zh_CN":
        return "是" if value else "否"
    return "yes" if value else "no"


def _finite(value: int | float | Decimal) -> bool:
    """Tell whether ``value`` is a finite number that a float can hold."""
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an integer of hundreds of digits
        return False


def _choice_text(choice: Choice) -> Labelled:
    """Return a choice as a design file writes it, and with its label for the window."""
    plain = repr(choice.value)
    labels = {
        language: f"{label}（{plain}）" if language == "zh_CN" else f"{label} ({plain})"
        for language, label in choice.labels.items()
    }
    return Labelled(plain, labels)


def _decimals(step: float) -> int:
    text = f"{step:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


@dataclass(frozen=True)
class Derived:
    """A value computed from parameters and other derived values."""

    name: str
    expression: str
    labels: Mapping[str, str]
    unit: str | None = None


@dataclass(frozen=True)
class Rule:
    """A rule over parameters, with its message in each language.

    A rule is either an ``expression`` that must be true, or a combination
    table: ``table_kind`` ``"allowed"`` lists the only permitted value rows of
    ``table_parameters``, ``"forbidden"`` lists rows that are not permitted.
    Message texts may embed expressions in braces, such as ``{height}``.
    """

    id: str
    severity: str
    messages: Mapping[str, str]
    expression: str | None = None
    table_kind: str | None = None
    table_parameters: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()


@dataclass(frozen=True)
class RuleModel:
    """Everything the engine needs about one product model."""

    parameters: tuple[Parameter, ...]
    derived: tuple[Derived, ...] = ()
    rules: tuple[Rule, ...] = ()
    lookups: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def parameter(self, name: str) -> Parameter:
        """Return the parameter called ``name`` or raise ``KeyError``."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise KeyError(name)
