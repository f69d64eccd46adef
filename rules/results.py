"""Engine results: violations, evaluations, domains, explanations and
repairs, also exported by :mod:`rules.engine`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rules.model import ERROR


@dataclass(frozen=True)
class Violation:
    """A rule that a design breaks, with its message in each language."""

    rule: str
    severity: str
    messages: Mapping[str, str]
    parameters: tuple[str, ...]

    def message(self, language: str = "en") -> str:
        """Return the message in ``language``, falling back to English."""
        return self.messages.get(language) or self.messages.get("en", self.rule)


@dataclass(frozen=True)
class Evaluation:
    """Derived values and violated rules of one complete design."""

    derived: Mapping[str, Any]
    violations: tuple[Violation, ...]

    @property
    def errors(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity == ERROR)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity != ERROR)

    @property
    def orderable(self) -> bool:
        """Whether no error-severity rule is violated."""
        return not self.errors


@dataclass(frozen=True)
class Domains:
    """Values of each finite parameter that can still lead to a valid design.

    For a parameter the user has not chosen, ``offered`` lists the values
    that some valid design with all the choices uses. For a chosen one, it
    lists the values that fit all the *other* choices, so a withheld value is
    one that needs another choice to change. ``withheld`` lists the rest.

    ``relaxed`` is ``None`` normally. It is ``"choices"`` when the choices
    conflict with each other, so the values were computed without them, and
    ``"text"`` when the text values alone allow no valid design, so rules
    that read text were left out as well.
    """

    offered: Mapping[str, tuple[Any, ...]]
    withheld: Mapping[str, tuple[Any, ...]]
    relaxed: str | None = None

    def is_offered(self, name: str, value: Any) -> bool:
        return value in self.offered.get(name, ())


@dataclass(frozen=True)
class Explanation:
    """The choices and rules that withhold ``name = value``.

    ``choices`` is a smallest set of current choices that, together with
    ``name = value``, no valid design satisfies; removing any one of them
    resolves the conflict. It is empty when no valid design uses the value
    at all. ``rules`` are the rules that exclude the combination.
    """

    name: str
    value: Any
    choices: Mapping[str, Any]
    rules: tuple[Violation, ...]


@dataclass(frozen=True)
class Repair:
    """A valid design with ``name = value`` that changes the fewest choices.

    ``changes`` maps each other chosen parameter that must change to its
    ``(old, new)`` values; ``adjusted`` does the same for parameters the
    user has not chosen. ``values`` is the whole resulting design.
    """

    name: str
    value: Any
    changes: Mapping[str, tuple[Any, Any]]
    adjusted: Mapping[str, tuple[Any, Any]]
    values: Mapping[str, Any]
