"""A design in progress: its values, what the customer chose, undo and redo."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from designer.catalog import Catalog, CatalogModel
from designer.designs import Design, design_of, resolve
from designer.pricing import DEFAULT_CURRENCY, Price, quote
from rules.engine import (
    Domains,
    Evaluation,
    Explanation,
    Repair,
    Violation,
    format_value,
)
from rules.groups import counterpart
from rules.model import BOOLEAN, TEXT, Choice, Parameter, yes_no
from rules.text import Labelled
from storage.messages import QT_TRANSLATE_NOOP, TranslatableError

logger = logging.getLogger(__name__)


def value_text(model: CatalogModel, name: str, value: Any, language: str = "en") -> str:
    """Return a value as a customer reads it: a choice's label, or a number
    with its unit."""
    return parameter_value_text(model.parameter(name), value, language)


def parameter_value_text(parameter: Parameter, value: Any, language: str = "en") -> str:
    """Return a value of ``parameter`` as :func:`value_text` does."""
    choice = parameter.choice(value)
    if choice is not None:
        return choice.labels.get(language) or choice.labels.get("en", str(value))
    if parameter.kind == BOOLEAN:
        return yes_no(value, language)
    return format_value(value) + parameter.unit_suffix


@dataclass(frozen=True)
class Change:
    """The outcome of setting one value.

    ``adjusted`` maps each other parameter that the studio changed to keep
    the design valid to its ``(old, new)`` values. ``followed`` maps each
    parameter that changed because the value names it, such as the size
    system of a size typed in another system, to its ``(old, new)`` values.
    """

    name: str
    value: Any
    adjusted: Mapping[str, tuple[Any, Any]]
    followed: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Snapshot:
    """A state of the design on the undo or redo stack, with the change that
    leads from it (on the undo stack) or to it (on the redo stack), when
    that was one value set or repaired.

    ``carried`` is the session's record of sizes carried into another size
    system, so that after an undo or a redo, switching back still finds the
    size the first switch started from.
    """

    values: dict[str, Any]
    chosen: frozenset[str]
    change: Change | None = None
    carried: Mapping[str, tuple[Choice, Any]] = field(default_factory=dict)


class StaleRepairError(TranslatableError, ValueError):
    """A repair proposed for a design that has changed since."""


@dataclass(frozen=True)
class RepairProposal:
    """A change the studio offers so that a withheld value can be chosen.

    Nothing changes until :meth:`DesignSession.apply_repair` is called with
    it. ``explanation`` gives the choices and rules that withhold the value
    now (``None`` when it is not withheld), and ``repair`` is the design it
    leads to.
    """

    model: CatalogModel
    repair: Repair
    explanation: Explanation | None
    base: _Snapshot

    @property
    def name(self) -> str:
        return self.repair.name

    @property
    def value(self) -> Any:
        return self.repair.value

    def label(self, name: str, language: str = "en") -> str:
        """Return the parameter's label in ``language``."""
        labels = self.model.parameter(name).labels
        return labels.get(language) or labels.get("en", name)

    def value_text(self, name: str, value: Any, language: str = "en") -> str:
        """Return a value as a customer reads it: a choice's label, or a
        number with its unit."""
        return value_text(self.model, name, value, language)

    def reasons(self, language: str = "en") -> list[str]:
        """Return the messages of the rules that withhold the value."""
        if self.explanation is None:
            return []
        return [violation.message(language) for violation in self.explanation.rules]

    def question(self, language: str = "en") -> str:
        """Return the confirmation question, such as "To choose Profile Court,
        change Band depth 1.3 mm → 1.5 mm?", naming every chosen value the
        repair changes."""
        changes = [
            f"{self.label(name, language)} {self.value_text(name, old, language)}"
            f" → {self.value_text(name, new, language)}"
            for name, (old, new) in self.repair.changes.items()
        ]
        wanted = (
            f"{self.label(self.name, language)} "
            f"{self.value_text(self.name, self.value, language)}"
        )
        if language == "zh_CN":
            if not changes:
                return f"选择{wanted}？"
            return f"要选择{wanted}，需修改：" + "；".join(changes) + "。是否修改？"
        if not changes:
            return f"Choose {wanted}?"
        return f"To choose {wanted}, change " + " and ".join(changes) + "?"


class DesignSession:
    """Holds one design's values and keeps them consistent with the rules.

    Parameters the customer set are *chosen*; the rest keep defaults and may
    be adjusted by the studio, except sizes. A size is the customer's
    measure, so the studio keeps it like a chosen value and withholds the
    choices it does not fit. Setting an offered value never leaves the
    design invalid: free parameters move to the nearest valid values. A value
    that no valid design can use is still accepted, and the violations say
    why it cannot be ordered.
    """

    def __init__(
        self,
        model: CatalogModel,
        values: Mapping[str, Any] | None = None,
        chosen: Iterable[str] = (),
        currency: str = DEFAULT_CURRENCY,
    ) -> None:
        self.model = model
        self.currency = currency
        self.values = model.engine.coerce(values or {})
        self.chosen = set(chosen) & set(self.values)
        self._undo: list[_Snapshot] = []
        self._redo: list[_Snapshot] = []
        # The change the last redo made again, when it was one value set or
        # repaired.
        self.redone_change: Change | None = None
        # By grouped parameter: the value a change of group started from
        # and the value it was carried to, so that switching back finds
        # the starting size again. Each undo step keeps a copy.
        self._carried: dict[str, tuple[Choice, Any]] = {}
        self._evaluation: Evaluation | None = None
        self._domains: Domains | None = None
        # By parameter: its fitting values on a relaxed design.
        self._fitting: dict[str, tuple[Any, ...]] = {}
        self._sizes = frozenset(
            parameter.name
            for parameter in model.rules.parameters
            if parameter.group_by is not None
        )
        # The group parameters (size systems), whose change converts the sizes.
        self._groups = frozenset(
            parameter.group_by
            for parameter in model.rules.parameters
            if parameter.group_by is not None
        )

    # Queries ---------------------------------------------------------------

    @property
    def held(self) -> set[str]:
        """Names of the values no automatic adjustment moves: the chosen
        ones and every size (a parameter grouped by its size system)."""
        return self.chosen | self._sizes

    @property
    def evaluation(self) -> Evaluation:
        if self._evaluation is None:
            self._evaluation = self.model.engine.evaluate(self.values)
        return self._evaluation

    @property
    def domains(self) -> Domains:
        """The values each parameter can take with the other choices.

        A group such as a size system stays offered while one of its sizes
        fits the other choices, even when the size was chosen, because
        switching the system carries the size over to its nearest size.
        """
        if self._domains is None:
            self._domains = self._compute_domains()
        return self._domains

    def _compute_domains(self) -> Domains:
        engine = self.model.engine
        held = self.held
        domains = engine.domains(self.values, held)
        offered, withheld = dict(domains.offered), dict(domains.withheld)
        for parameter in self.model.rules.parameters:
            owner = parameter.group_by
            if owner is None:
                continue
            loose = engine.domains(self.values, held - {parameter.name})
            if loose.relaxed is None:
                offered[owner] = loose.offered[owner]
                withheld[owner] = loose.withheld[owner]
        return Domains(offered, withheld, domains.relaxed)

    def fitting_values(self, name: str) -> tuple[Any, ...]:
        """Return the values of the finite parameter ``name`` that fit the
        design's other kept values, so that setting one needs no question.

        These are the offered values of :attr:`domains`, unless the kept
        values conflict with each other (``domains.relaxed``). The offered
        values then leave the kept values out, so a value that another kept
        value withholds would be offered. On such a design this returns
        instead the values with which the design breaks only the error rules
        that it breaks whatever the value of ``name``. A grouped value, such
        as a size, is judged in its own group, as setting it switches the
        group. A group (a size system) keeps its offered values, because
        setting it converts the sizes instead of breaking their rules.
        """
        domains = self.domains
        if domains.relaxed is None or name in self._groups:
            return domains.offered.get(name, ())
        if name not in self._fitting:
            self._fitting[name] = self._values_breaking_no_own_rule(name)
        return self._fitting[name]

    def _values_breaking_no_own_rule(self, name: str) -> tuple[Any, ...]:
        # No valid design keeps the kept values of a relaxed design, so
        # setting a value adjusts nothing else, and each value is judged on
        # the design as it is, in its own group where it has one.
        engine = self.model.engine
        parameter = self.model.parameter(name)
        broken = {}
        for value in parameter.domain():
            values = {**self.values, name: value}
            group = self._group_of(parameter, value)
            if group is not None:
                values[parameter.group_by] = group
            errors = engine.evaluate(values).errors
            broken[value] = {violation.rule for violation in errors}
        always = set.intersection(*broken.values())
        return tuple(value for value, rules in broken.items() if rules == always)

    @property
    def violations(self) -> tuple[Violation, ...]:
        return self.evaluation.violations

    @property
    def orderable(self) -> bool:
        return self.evaluation.orderable

    def price(self) -> Price:
        return quote(self.model, self.values, self.evaluation.derived, self.currency)

    def explain(self, name: str, value: Any) -> list[Violation]:
        """Return the rules that withhold ``value`` from parameter ``name``."""
        return self.model.engine.explain(self.values, name, value, self.held)

    def explanation(self, name: str, value: Any) -> Explanation | None:
        """Return the choices and rules that withhold ``value`` from ``name``,
        or ``None`` when the value fits the other choices."""
        return self.model.engine.explanation(self.values, name, value, self.held)

    def propose_repair(self, name: str, value: Any) -> RepairProposal | None:
        """Return the fewest changes to the other choices that admit
        ``name = value``, without changing the design.

        Returns ``None`` when no valid design has that value with the current
        text values. Raises ``KeyError`` for an unknown parameter and
        :class:`~rules.errors.DesignValueError` for a value it does not accept.
        """
        return self._propose(self.model.engine.repair, name, value)

    def propose_nearest(self, name: str, value: Any) -> RepairProposal | None:
        """Return the repair to the value of ``name`` nearest ``value`` that
        some valid design has, for a value that no valid design has.

        The fix for such a value is another value of the same parameter,
        and the nearest one that fits every rule leads to an orderable
        design in one step. For example, with an engraving, a 2 mm solitaire
        band gives 3 mm: 2.5 mm would satisfy the prong head but not the
        engraved letters. The proposal's reasons are why ``value`` is
        withheld. Returns ``None`` when no design with the current text
        values is valid. Raises as :meth:`propose_repair` does.
        """
        return self._propose(self.model.engine.nearest_repair, name, value)

    def _propose(
        self, find: Callable[..., Repair | None], name: str, value: Any
    ) -> RepairProposal | None:
        """Return a proposal of the repair that ``find`` (an engine method
        with the signature of ``Engine.repair``) returns for ``name = value``,
        explained by why the value is withheld."""
        engine = self.model.engine
        value = engine.coerce_value(name, value, self.values)
        repair = find(self.values, name, value, self.held)
        if repair is None:
            return None
        explanation = engine.explanation(self.values, name, value, self.held)
        return RepairProposal(self.model, repair, explanation, self._snapshot())

    def apply_repair(self, proposal: RepairProposal) -> Change:
        """Apply a proposal from :meth:`propose_repair`; one undo reverts it.

        Raises :class:`StaleRepairError` when the design changed after the
        proposal was made.
        """
        if proposal.model is not self.model or proposal.base != self._snapshot():
            parameter = proposal.model.parameter(proposal.name)
            choice = parameter.choice(proposal.value)
            value = proposal.value
            if choice is not None:
                value = Labelled(repr(choice.value), choice.labels)
            raise StaleRepairError(
                QT_TRANSLATE_NOOP(
                    "Designs",
                    "Nothing was changed, because the design changed after "
                    "{parameter} = {value} was offered. Choose the value again "
                    "to see what it needs now.",
                ),
                parameter=Labelled(proposal.name, parameter.labels),
                value=value,
            )
        self._push_undo()
        before = dict(self.values)
        self.values = dict(proposal.repair.values)
        self.chosen.add(proposal.name)
        self._invalidate()
        adjusted = self._changed_since(before, excluded={proposal.name})
        logger.debug(
            "repaired %s = %r, changed %s",
            proposal.name,
            proposal.value,
            sorted(adjusted),
        )
        return self._noted(Change(proposal.name, proposal.value, adjusted))

    def design(self) -> Design:
        return design_of(self.model, self.values, self.chosen)

    def values_key(self) -> tuple:
        """Return the product's id and the design's values as one hashable
        key, equal for two sessions that show the same design."""
        values = sorted((name, repr(value)) for name, value in self.values.items())
        return self.model.id, tuple(values)

    def dimensions(self) -> dict[str, Any]:
        """Return values and derived values together, for the geometry."""
        return {**self.values, **self.evaluation.derived}

    # Changes ----------------------------------------------------------------

    def set_value(self, name: str, value: Any) -> Change:
        """Set one parameter and adjust unchosen ones to keep the design valid.

        Raises ``KeyError`` for an unknown parameter and
        :class:`~rules.errors.DesignValueError` for a value the parameter
        does not accept; the design is unchanged in both cases.
        """
        parameter = self.model.parameter(name)
        value = self.model.engine.coerce_value(name, value, self.values)
        unchanged = (
            value == self.values[name] and self._group_of(parameter, value) is None
        )
        if unchanged and (name in self.chosen or not parameter.finite):
            return Change(name, value, {})
        self._push_undo()
        before = dict(self.values)
        self.values[name] = value
        if parameter.kind != TEXT:
            self.chosen.add(name)
        # A size the customer sets is the one later changes of system start
        # from, even when it equals the size carried before.
        self._carried.pop(name, None)
        owner = self._follow_group(parameter, value)
        self._carry_grouped_values(name, before)
        self._invalidate()
        if not self.orderable:
            self._repair()
        followed = {}
        if owner is not None:
            followed[owner] = (before[owner], self.values[owner])
        adjusted = self._changed_since(before, excluded={name, *followed})
        logger.debug(
            "set %s = %r, followed %s, adjusted %s",
            name,
            value,
            sorted(followed),
            sorted(adjusted),
        )
        return self._noted(Change(name, value, adjusted, followed))

    def _changed_since(
        self, before: Mapping[str, Any], excluded: set[str]
    ) -> dict[str, tuple[Any, Any]]:
        """Return ``(old, new)`` for each value that differs from ``before``,
        leaving out the parameters in ``excluded``."""
        return {
            name: (before[name], self.values[name])
            for name in self.values
            if name not in excluded and before[name] != self.values[name]
        }

    def _follow_group(self, parameter: Parameter, value: Any) -> str | None:
        """Move the group (the size system) to a grouped value's own group.

        A size typed in another system, such as "UK 12.5" while the design
        is in EU sizes, names the system the customer means. Returns the
        name of the group parameter when it moved, else ``None``.
        """
        group = self._group_of(parameter, value)
        if group is None:
            return None
        self.values[parameter.group_by] = group
        self.chosen.add(parameter.group_by)
        return parameter.group_by

    def _group_of(self, parameter: Parameter, value: Any) -> Any:
        """Return the group of a grouped value when it is not the design's
        group, as "UK" for "UK 12.5" on an EU design, else ``None``."""
        choice = None if parameter.group_by is None else parameter.choice(value)
        if choice is None or choice.group == self.values[parameter.group_by]:
            return None
        return choice.group

    def _carry_grouped_values(self, name: str, before: Mapping[str, Any]) -> None:
        """Move grouped values (sizes) into the new group when it changes.

        When the size system changes, the size becomes the new system's size
        nearest in millimetres to the old one that fits the other choices.
        While the size stays as carried, later changes of system start from
        the size before the first, so switching back restores it even where
        a chosen option made the carried size larger.
        """
        for parameter in self.model.rules.parameters:
            if parameter.group_by != name:
                continue
            current = parameter.choice(before[parameter.name])
            if current is not None and current.group == self.values[name]:
                continue
            members = [c for c in parameter.choices if c.group == self.values[name]]
            if not members:
                continue
            carried = self._carried.get(parameter.name)
            if (
                current is not None
                and carried is not None
                and carried[1] == current.value
            ):
                current = carried[0]
            replacement = None
            if current is not None:
                replacement = self._fitting_counterpart(parameter, current)
            self.values[parameter.name] = (replacement or members[0]).value
            if current is not None:
                self._carried[parameter.name] = (current, self.values[parameter.name])

    def _fitting_counterpart(
        self, parameter: Parameter, current: Choice
    ) -> Choice | None:
        """Return the new group's value nearest in measure to ``current``, or
        its neighbour on the other side of ``current``'s measure when only
        that one fits the other choices.

        A foot between two sizes of the new system can get the larger one
        where the nearer one is too small for a chosen shaft height. No
        size further off is taken: where neither neighbour fits, the design
        keeps the nearest size and shows the rule it breaks.
        """
        group = self.values[parameter.group_by]
        nearest = counterpart(parameter, current, group)
        if nearest is None:
            return None
        loose = self.model.engine.domains(self.values, self.held - {parameter.name})
        if loose.relaxed is not None:
            return nearest
        offered = loose.offered[parameter.name]
        members = [c for c in parameter.choices if c.group == group]
        below = [c for c in members if c.measure <= current.measure]
        above = [c for c in members if c.measure >= current.measure]
        neighbours = [
            max(below, key=lambda choice: choice.measure) if below else None,
            min(above, key=lambda choice: choice.measure) if above else None,
        ]
        fitting = [c for c in neighbours if c is not None and c.value in offered]
        if not fitting or nearest in fitting:
            return nearest
        return min(fitting, key=lambda choice: abs(choice.measure - current.measure))

    def _repair(self) -> None:
        completed = self.model.engine.complete(self.values, self.held)
        if completed is not None:
            self.values = completed
            self._invalidate()

    def replace(self, values: Mapping[str, Any], chosen: Iterable[str] = ()) -> None:
        """Replace the whole design, for example with an opened file."""
        self._push_undo()
        self.values = self.model.engine.coerce(values)
        self.chosen = set(chosen) & set(self.values)
        self._carried.clear()
        self._invalidate()

    def undo(self) -> bool:
        """Go back one change; return whether there was one."""
        if not self._undo:
            return False
        undone = self._undo.pop()
        self._redo.append(replace(self._snapshot(), change=undone.change))
        self._restore(undone)
        return True

    def redo(self) -> bool:
        """Reapply the last undone change; return whether there was one.

        ``redone_change`` then gives that change, with the values the studio
        moved along with it.
        """
        if not self._redo:
            return False
        redone = self._redo.pop()
        self._undo.append(replace(self._snapshot(), change=redone.change))
        self._restore(redone)
        self.redone_change = redone.change
        return True

    def _noted(self, change: Change) -> Change:
        """Keep ``change`` with the undo step it made, so that a redo of it
        can name the values that moved; return it."""
        self._undo[-1] = replace(self._undo[-1], change=change)
        return change

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _snapshot(self) -> _Snapshot:
        return _Snapshot(
            dict(self.values), frozenset(self.chosen), carried=dict(self._carried)
        )

    def _push_undo(self) -> None:
        self._undo.append(self._snapshot())
        self._redo.clear()

    def _restore(self, snapshot: _Snapshot) -> None:
        self.values = dict(snapshot.values)
        self.chosen = set(snapshot.chosen)
        self._carried = dict(snapshot.carried)
        self._invalidate()

    def _invalidate(self) -> None:
        self._evaluation = None
        self._domains = None
        self._fitting = {}


def session_from_design(
    design: Design, catalog: Catalog, source: Path | str = "<design>"
) -> DesignSession:
    """Open ``design`` as a new session of its catalog model.

    Raises
    ------
    DesignFileError
        Naming ``source``, for an unknown product or a value that its
        parameter does not accept.
    """
    model, values = resolve(design, catalog, source)
    return DesignSession(model, values, design.chosen)
