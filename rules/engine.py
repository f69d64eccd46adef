"""Check designs against a model's rules and compute which values stay valid.

The engine turns every error-severity rule into a table of the value
combinations it allows over the finite parameters it reads, and compiles
the tables into one decision diagram (:mod:`rules.compiler`). Every query
then reads the diagram: the values that can still lead to a valid product,
the number of valid products, the closest valid product, the fewest changes
that admit a value, and the choices and rules that exclude one. All of
these are exact, whatever the choices and the order they were made in.

Text parameters, such as an engraving, stay outside the diagram. Rules that
read text are tabulated for the current text values and conjoined with the
diagram at query time, and the result is kept per text value.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from rules.cache import CompiledCache, cache_key, load_or_compile
from rules.compiled import CompiledModel
from rules.compiler import compile_model
from rules.errors import DesignValueError, RuleDefinitionError
from rules.expressions import (
    BOOL,
    NUMBER,
    STRING,
    Evaluator,
    Function,
    Scope,
    compile_node,
    infer_type,
    names_used,
    parse,
)
from rules.groups import grouped_value_error
from rules.model import (
    BOOLEAN,
    CHOICE,
    COLOUR,
    ERROR,
    KINDS,
    SEVERITIES,
    TEXT,
    Choice,
    Parameter,
    Rule,
    RuleModel,
)
from rules.results import Domains, Evaluation, Explanation, Repair, Violation
from rules.tables import Table, TableModel, TableRows
from rules.text import (
    QT_TRANSLATE_NOOP,
    in_sentence,
    join_labels,
    rule_text,
    starts_sentence,
)

logger = logging.getLogger(__name__)

# A rule over more value combinations than this is rejected at load time: its
# table would take too long to build. Split the rule or coarsen a step.
MAX_TABLE_COMBINATIONS = 2_000_000
# Text values whose conjoined diagrams are kept.
TEXT_CACHE_SIZE = 32


@dataclass(frozen=True)
class _Constraint:
    rule: str
    scope: tuple[int, ...]
    text: tuple[str, ...]
    check: Callable[[dict[str, Any]], bool]
    table: Table | None = None


class Engine:
    """A compiled product model.

    Parameters
    ----------
    model
        The model's parameters, derived values, rules and lookup tables.
    functions
        Extra functions that rules may call, such as a size-table lookup.
    cache
        Where compiled diagrams are kept between runs; without one, the
        model is compiled in memory each time.
    shipped
        A compiled form shipped beside the model's source, used when it was
        compiled from the same rules.
    compiled
        The compiled form of exactly this model's rules, when the caller
        already has it (see :meth:`from_compiled`).

    Raises
    ------
    RuleDefinitionError
        On duplicate or unknown names, type errors, cyclic derived values,
        bad table rows, or a rule too large to tabulate; the error's
        ``location`` names the definition.
    """

    def __init__(
        self,
        model: RuleModel,
        functions: Mapping[str, Function] | None = None,
        *,
        cache: CompiledCache | None = None,
        shipped: Path | None = None,
        compiled: CompiledModel | None = None,
    ) -> None:
        self.model = model
        self.functions = dict(functions or {})
        self.parameters = {p.name: p for p in model.parameters}
        self._check_parameters()
        self.scope = self._build_scope()
        self._derived_order = self._order_derived()
        self._derived = self._compile_derived()

        self.variables = [p for p in model.parameters if p.finite]
        self.index = {p.name: i for i, p in enumerate(self.variables)}
        self.values = [p.domain() for p in self.variables]
        self._positions = [
            {value: k for k, value in enumerate(values)} for values in self.values
        ]
        self.text_names = tuple(p.name for p in model.parameters if not p.finite)

        self._rules = [
            self._compile_rule(i, rule) for i, rule in enumerate(model.rules)
        ]
        self._by_id = {
            compiled_rule.rule.id: compiled_rule for compiled_rule in self._rules
        }
        self._constraints = self._build_constraints()
        self._text_constraints = [c for c in self._constraints if c.text]

        # The key the compiled form is stored under, when it went through
        # the cache machinery.
        self.compiled_key: str | None = None
        self.compiled = compiled or self._compile(cache, shipped)
        self._with_texts = lru_cache(maxsize=TEXT_CACHE_SIZE)(self._conjoin_texts)
        logger.debug(
            "compiled %d parameters, %d derived values, %d rules into %d nodes",
            len(self.parameters),
            len(self._derived_order),
            len(self._rules),
            self.compiled.diagram.node_count,
        )

    @classmethod
    def from_compiled(cls, compiled: CompiledModel, key: str | None = None) -> Engine:
        """Return an engine for a model given only as tables, such as an
        XCSP file: each variable becomes a choice parameter and each table a
        rule with the table's name as its id. ``key`` is the compiled form's
        cache key, if it has one."""
        tables = compiled.tables
        parameters = tuple(
            Parameter(
                name,
                CHOICE,
                {"en": name, "zh_CN": name},
                values[0],
                choices=tuple(
                    Choice(value, {"en": str(value), "zh_CN": str(value)})
                    for value in values
                ),
            )
            for name, values in zip(tables.names, tables.values, strict=True)
        )
        rules = tuple(
            Rule(
                table.name,
                ERROR,
                _table_messages(table, tables),
                table_kind="allowed" if table.supports else "forbidden",
                table_parameters=tuple(tables.names[v] for v in table.scope),
                rows=TableRows(table, tables.values),
            )
            for table in tables.tables
        )
        engine = cls(RuleModel(parameters, rules=rules), compiled=compiled)
        engine.compiled_key = key
        return engine

    # Compilation ------------------------------------------------------------

    def _check_parameters(self) -> None:
        seen: set[str] = set()
        for position, parameter in enumerate(self.model.parameters):
            location = f"parameters[{position}]"
            if parameter.name in seen:
                raise RuleDefinitionError(
                    location, f"parameter {parameter.name!r} is defined twice"
                )
            seen.add(parameter.name)
            if parameter.kind not in KINDS:
                raise RuleDefinitionError(
                    location,
                    f"type {parameter.kind!r} is unknown; use one of "
                    + ", ".join(KINDS),
                )
            self._check_group(location, parameter)
        for position, derived in enumerate(self.model.derived):
            if derived.name in seen:
                raise RuleDefinitionError(
                    f"derived[{position}]",
                    f"derived value {derived.name!r} reuses a parameter's name",
                )
            seen.add(derived.name)

    def _check_group(self, location: str, parameter: Parameter) -> None:
        if parameter.group_by is None:
            return
        owner = self.parameters.get(parameter.group_by)
        if owner is None or owner.kind not in (CHOICE, COLOUR):
            raise RuleDefinitionError(
                location,
                f"group_by names {parameter.group_by!r}, which is not a choice "
                "parameter defined before it",
            )
        groups = set(owner.domain())
        for choice in parameter.choices:
            if choice.group not in groups:
                raise RuleDefinitionError(
                    location,
                    f"value {choice.value!r} belongs to group {choice.group!r}, "
                    f"which is not a value of {owner.name!r}",
                )

    def _build_scope(self) -> Scope:
        values = {name: _value_type(p) for name, p in self.parameters.items()}
        tables = {}
        for name, table in self.model.lookups.items():
            if not table:
                raise RuleDefinitionError(f"lookups.{name}", "the table is empty")
            value_types = {_python_type(value) for value in table.values()}
            if len(value_types) != 1:
                raise RuleDefinitionError(
                    f"lookups.{name}", "values must be all numbers or all text"
                )
            tables[name] = (STRING, value_types.pop(), frozenset(table))
        return Scope(values, tables, self.functions)

    def _order_derived(self) -> list[int]:
        """Return derived-value positions in dependency order, rejecting cycles."""
        by_name = {d.name: i for i, d in enumerate(self.model.derived)}
        dependencies = {}
        for i, derived in enumerate(self.model.derived):
            node = self._parse(f"derived[{i}].expression", derived.expression)
            dependencies[derived.name] = names_used(node) & set(by_name)
        order: list[int] = []
        state: dict[str, str] = {}

        def visit(name: str, path: list[str]) -> None:
            if state.get(name) == "done":
                return
            if state.get(name) == "active":
                cycle = path[path.index(name) :] + [name]
                raise RuleDefinitionError(
                    f"derived[{by_name[name]}]",
                    "derived values depend on each other in a cycle: "
                    + " -> ".join(cycle),
                )
            state[name] = "active"
            for dependency in sorted(dependencies[name]):
                visit(dependency, path + [name])
            state[name] = "done"
            order.append(by_name[name])

        for derived in self.model.derived:
            visit(derived.name, [])
        return order

    def _parse(self, location: str, source: str):
        try:
            return parse(source)
        except RuleDefinitionError as error:
            raise RuleDefinitionError(location, error.reason) from None

    def _typed(self, location: str, source: str, expected: str | None = None):
        node = self._parse(location, source)
        try:
            found = infer_type(node, self.scope, source)
        except RuleDefinitionError as error:
            raise RuleDefinitionError(location, error.reason) from None
        if expected is not None and found != expected:
            raise RuleDefinitionError(
                location, f"the expression gives a {found}, but a {expected} is needed"
            )
        return node, found

    def _compile_derived(self) -> dict[str, Evaluator]:
        compiled = {}
        for i in self._derived_order:
            derived = self.model.derived[i]
            node, found = self._typed(f"derived[{i}].expression", derived.expression)
            self.scope.values[derived.name] = found
            compiled[derived.name] = compile_node(
                node, self.model.lookups, self.functions
            )
            self._check_lookup_keys(f"derived[{i}].expression", node)
        return compiled

    def _check_lookup_keys(self, location: str, node) -> None:
        """Reject a lookup indexed by a choice value that the table lacks."""
        from rules.expressions import Index, Name, _children

        stack = [node]
        while stack:
            current = stack.pop()
            stack.extend(_children(current))
            if not (isinstance(current, Index) and isinstance(current.key, Name)):
                continue
            parameter = self.parameters.get(current.key.name)
            if parameter is None or parameter.kind not in (CHOICE, COLOUR):
                continue
            keys = self.model.lookups[current.table]
            missing = [str(v) for v in parameter.domain() if str(v) not in keys]
            if missing:
                raise RuleDefinitionError(
                    location,
                    f"lookup table {current.table!r} has no entry for "
                    f"{parameter.name} = {', '.join(missing)}",
                )

    def _dependencies(self, names: Iterable[str]) -> tuple[set[str], list[str]]:
        """Return the parameters ``names`` read and the derived values needed."""
        parameters: set[str] = set()
        needed: set[str] = set()
        pending = list(names)
        while pending:
            name = pending.pop()
            if name in self.parameters:
                parameters.add(name)
            elif name in self._derived and name not in needed:
                needed.add(name)
                derived = next(d for d in self.model.derived if d.name == name)
                pending.extend(names_used(parse(derived.expression)))
        ordered = [
            self.model.derived[i].name
            for i in self._derived_order
            if self.model.derived[i].name in needed
        ]
        return parameters, ordered

    def _compile_rule(self, position: int, rule: Rule) -> _CompiledRule:
        location = f"rules[{position}]"
        if rule.severity not in SEVERITIES:
            raise RuleDefinitionError(
                location + ".severity",
                f"{rule.severity!r} is unknown; use one of {', '.join(SEVERITIES)}",
            )
        earlier = [r.id for r in self.model.rules[:position]]
        if rule.id in earlier:
            first = earlier.index(rule.id)
            raise RuleDefinitionError(
                location + ".id",
                f"rule id {rule.id!r} is already used by rules[{first}]; "
                "give each rule its own id",
            )
        table = None
        if rule.expression is not None:
            node, _ = self._typed(location + ".expression", rule.expression, BOOL)
            self._check_lookup_keys(location + ".expression", node)
            evaluator = compile_node(node, self.model.lookups, self.functions)
            parameters, derived = self._dependencies(names_used(node))
        else:
            table = self._compile_table(location, rule)
            evaluator = self._table_check(table)
            parameters, derived = set(rule.table_parameters), []
        messages = {
            language: self._compile_message(
                f"{location}.message.{language}", text, language
            )
            for language, text in rule.messages.items()
        }
        return _CompiledRule(
            rule=rule,
            evaluator=evaluator,
            parameters=tuple(sorted(parameters)),
            derived=tuple(derived),
            derived_evaluators=self._derived,
            messages=messages,
            table=table,
        )

    def _compile_table(self, location: str, rule: Rule) -> Table:
        """Return a table rule as a :class:`Table` over sorted variable indices."""
        if rule.table_kind not in ("allowed", "forbidden"):
            raise RuleDefinitionError(
                location,
                "a rule needs an expression, or kind 'allowed' or 'forbidden' "
                "with parameters and rows",
            )
        names = rule.table_parameters
        for name in names:
            parameter = self.parameters.get(name)
            if parameter is None or not parameter.finite:
                raise RuleDefinitionError(
                    location + ".parameters",
                    f"{name!r} is not a choice, number or true/false parameter",
                )
        if len(set(names)) != len(names):
            repeated = next(n for n in names if names.count(n) > 1)
            raise RuleDefinitionError(
                location + ".parameters", f"{repeated!r} is listed twice"
            )
        supports = rule.table_kind == "allowed"
        scope = [self.index[n] for n in names]
        columns = np.argsort(scope)
        if isinstance(rule.rows, TableRows) and rule.rows.table.scope == tuple(scope):
            # Rows read from a table model are value indices already.
            rows = rule.rows.table.rows
        else:
            rows = self._row_indices(location, names, rule.rows)
        return Table(rule.id, tuple(sorted(scope)), rows[:, columns], supports)

    def _row_indices(self, location: str, names, rows) -> np.ndarray:
        indices = np.zeros((len(rows), len(names)), dtype=np.int32)
        for number, row in enumerate(rows):
            if len(row) != len(names):
                raise RuleDefinitionError(
                    f"{location}.rows[{number}]",
                    f"the row has {len(row)} values for {len(names)} parameters",
                )
            for column, (name, value) in enumerate(zip(names, row, strict=True)):
                try:
                    value = self.parameters[name].coerce(value)
                except ValueError as error:
                    raise RuleDefinitionError(
                        f"{location}.rows[{number}]", str(error)
                    ) from None
                indices[number, column] = self._positions[self.index[name]][value]
        return indices

    def _table_check(self, table: Table) -> Evaluator:
        names = [self.variables[v].name for v in table.scope]
        positions = [self._positions[v] for v in table.scope]

        def evaluate(context: Mapping[str, Any]) -> bool:
            return table.allows(
                [
                    position[context[n]]
                    for position, n in zip(positions, names, strict=True)
                ]
            )

        return evaluate

    def _compile_message(
        self, location: str, template: str, language: str
    ) -> Callable[..., str]:
        """Compile a message template whose ``{expression}`` fields are filled
        from the design.

        A field that is only the name of a choice or colour parameter with
        text values shows the chosen value's label in ``language``, written
        as :func:`rules.text.in_sentence` has it after a sentence's start.
        """
        pieces: list[str | Evaluator] = []
        for literal, field_source in _split_template(location, template):
            if literal:
                pieces.append(literal)
            if field_source is None:
                continue
            parameter = self.parameters.get(field_source.strip())
            if parameter is not None and _shows_label(parameter):
                # A literal before the field was appended to ``pieces``.
                starts = not pieces or (
                    isinstance(pieces[-1], str) and starts_sentence(pieces[-1])
                )
                pieces.append(_label_field(parameter, language, not starts))
                continue
            node, _ = self._typed(location, field_source)
            pieces.append(compile_node(node, self.model.lookups, self.functions))

        def render(context: Mapping[str, Any]) -> str:
            parts = []
            for piece in pieces:
                if isinstance(piece, str):
                    parts.append(piece)
                    continue
                try:
                    parts.append(format_value(piece(context)))
                except Exception:  # noqa: BLE001 - a message must still render
                    parts.append("?")
            return "".join(parts)

        return render

    def _build_constraints(self) -> list[_Constraint]:
        constraints = []
        for compiled in self._rules:
            if compiled.rule.severity != ERROR:
                continue
            scope = tuple(
                sorted(self.index[n] for n in compiled.parameters if n in self.index)
            )
            text = tuple(n for n in compiled.parameters if n not in self.index)
            constraints.append(
                _Constraint(
                    compiled.rule.id, scope, text, compiled.holds, compiled.table
                )
            )
        for parameter in self.variables:
            if parameter.group_by is not None:
                constraints.append(self._group_constraint(parameter))
        for constraint in constraints:
            if constraint.table is None:
                self._check_table_size(constraint)
        return constraints

    def _group_constraint(self, parameter: Parameter) -> _Constraint:
        """Return the constraint that ties each value to its group's value."""
        owner, member = self.index[parameter.group_by], self.index[parameter.name]
        rows = [
            (self._positions[owner][c.group], self._positions[member][c.value])
            for c in parameter.choices
        ]
        columns = [0, 1] if owner < member else [1, 0]
        table = Table(
            _group_rule(parameter.name),
            tuple(sorted((owner, member))),
            np.array(rows, dtype=np.int32).reshape(-1, 2)[:, columns],
        )
        return _Constraint(table.name, table.scope, (), self._table_check(table), table)

    def _check_table_size(self, constraint: _Constraint) -> None:
        combinations = 1
        for variable in constraint.scope:
            combinations *= len(self.values[variable])
        if combinations > MAX_TABLE_COMBINATIONS:
            names = ", ".join(self.variables[v].name for v in constraint.scope)
            raise RuleDefinitionError(
                f"rule {constraint.rule}",
                f"the rule spans {combinations:,} combinations of {names}, more "
                f"than {MAX_TABLE_COMBINATIONS:,}; split it or use coarser steps",
            )

    # Decision diagrams -------------------------------------------------------

    def _compile(self, cache: CompiledCache | None, shipped: Path | None):
        """Compile the rules that read no text, through the cache if given."""
        tables = TableModel(
            tuple(p.name for p in self.variables),
            tuple(self.values),
            tuple(self._tabulate(c, {}) for c in self._constraints if not c.text),
        )
        key = cache_key(tables.digest())
        self.compiled_key = key
        return load_or_compile(
            key, lambda: CompiledModel(tables, compile_model(tables)), cache, shipped
        )

    def _tabulate(self, constraint: _Constraint, texts: Mapping[str, Any]) -> Table:
        """Return the combinations of the constraint's parameters it allows."""
        if constraint.table is not None:
            return constraint.table
        scope = constraint.scope
        names = [self.variables[v].name for v in scope]
        domains = [self.values[v] for v in scope]
        rows = []
        context = dict(texts)
        for indices in itertools.product(*(range(len(d)) for d in domains)):
            for name, domain, index in zip(names, domains, indices, strict=True):
                context[name] = domain[index]
            if constraint.check(context):
                rows.append(indices)
        return Table(constraint.rule, scope, np.array(rows, dtype=np.int32))

    def _conjoin_texts(self, text_values: tuple[Any, ...]) -> CompiledModel:
        texts = dict(zip(self.text_names, text_values, strict=True))
        extra = [self._tabulate(c, texts) for c in self._text_constraints]
        return self.compiled.conjoin(extra)

    def _compiled_for(self, values: Mapping[str, Any]) -> CompiledModel:
        """Return the diagram for the text values of ``values``."""
        if not self._text_constraints:
            return self.compiled
        text_values = tuple(
            values.get(name, self.parameters[name].default) for name in self.text_names
        )
        return self._with_texts(text_values)

    def _assignment(
        self, values: Mapping[str, Any], fixed: Iterable[str]
    ) -> dict[int, int]:
        """Return the value index of each fixed finite parameter."""
        assignment = {}
        for name in fixed:
            variable = self.index.get(name)
            if variable is None:
                continue
            position = self._positions[variable].get(values.get(name))
            if position is not None:
                assignment[variable] = position
        return assignment

    def _indices(self, values: Mapping[str, Any]) -> list[int | None]:
        return [
            positions.get(values.get(parameter.name))
            for positions, parameter in zip(
                self._positions, self.variables, strict=True
            )
        ]

    def _design(self, values: Mapping[str, Any], solution: list[int]) -> dict[str, Any]:
        design = dict(values)
        for variable, parameter in enumerate(self.variables):
            design[parameter.name] = self.values[variable][solution[variable]]
        return design

    # Public queries ---------------------------------------------------------------

    def compile_expression(
        self, location: str, source: str, expected: str | None = None
    ) -> Evaluator:
        """Compile an expression over this model's names, such as a price line.

        The result takes a mapping of parameter and derived values.
        """
        node, _ = self._typed(location, source, expected)
        self._check_lookup_keys(location, node)
        return compile_node(node, self.model.lookups, self.functions)

    def parameters_read(self, source: str) -> frozenset[str]:
        """Return the parameters an expression reads, directly or through
        derived values."""
        parameters, _ = self._dependencies(names_used(parse(source)))
        return frozenset(parameters)

    def coerce(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Return a complete design: defaults filled in, values canonical.

        Raises :class:`~rules.errors.DesignValueError` for the first unknown
        parameter or value its parameter does not accept; see
        :meth:`coerce_each` for all of them.
        """
        design, errors = self.coerce_each(values)
        if errors:
            raise errors[0]
        return design

    def coerce_each(
        self, values: Mapping[str, Any]
    ) -> tuple[dict[str, Any], tuple[DesignValueError, ...]]:
        """Return a complete design and an error for every rejected value.

        The errors name unknown parameters first, then rejected values in
        parameter order. A parameter whose value is rejected takes its
        default in the design, so the design is only usable when no error
        is returned.
        """
        errors = []
        unknown = sorted(set(values) - set(self.parameters))
        if unknown:
            accepted = rule_text(
                QT_TRANSLATE_NOOP("Rules", "a parameter of this model: {names}"),
                names=tuple(self.parameters),
            )
            errors = [
                DesignValueError(name, values[name], accepted) for name in unknown
            ]
        rejected: dict[str, DesignValueError] = {}
        # A grouped value, such as a size, is checked after its group (the
        # size system), so that its error can name the group's own values.
        design = {}
        for name, parameter in self.parameters.items():
            if parameter.group_by is None:
                try:
                    design[name] = parameter.coerce(values.get(name, parameter.default))
                except DesignValueError as error:
                    rejected[name] = error
                    design[name] = parameter.coerce(parameter.default)
        for name, parameter in self.parameters.items():
            if parameter.group_by is None:
                continue
            # A rejected group names no size system, so the error lists
            # every accepted value instead.
            groups = {n: v for n, v in design.items() if n not in rejected}
            try:
                design[name] = self.coerce_value(
                    name, values.get(name, parameter.default), groups
                )
            except DesignValueError as error:
                rejected[name] = error
                design[name] = self.coerce_value(name, parameter.default, design)
        errors.extend(rejected[name] for name in self.parameters if name in rejected)
        return {name: design[name] for name in self.parameters}, tuple(errors)

    def coerce_value(self, name: str, value: Any, values: Mapping[str, Any]) -> Any:
        """Return ``value`` in the canonical form of parameter ``name``.

        ``values`` gives the group of a grouped parameter: a shoe size that
        no size system has, such as "EU 1", raises a
        :class:`~rules.errors.DesignValueError` that offers the sizes of
        the size system in ``values`` first. Raises ``KeyError`` for an
        unknown parameter.
        """
        parameter = self.parameters[name]
        try:
            return parameter.coerce(value)
        except DesignValueError:
            if parameter.group_by is None:
                raise
            owner = self.parameters[parameter.group_by]
            group = values.get(owner.name)
            raise grouped_value_error(parameter, owner, value, group) from None

    def derive(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Compute every derived value of a complete design."""
        context = dict(values)
        derived = {}
        for i in self._derived_order:
            name = self.model.derived[i].name
            context[name] = derived[name] = self._derived[name](context)
        return derived

    def evaluate(self, values: Mapping[str, Any]) -> Evaluation:
        """Compute derived values and list every rule the design violates."""
        derived = self.derive(values)
        context = {**values, **derived}
        violations = []
        for compiled in self._rules:
            if compiled.holds(context):
                continue
            violations.append(compiled.violation(context))
        violations.extend(self._group_violations(values))
        return Evaluation(derived, tuple(violations))

    def _group_violations(self, values: Mapping[str, Any]) -> list[Violation]:
        """Report grouped values outside their group, such as a UK size on a
        design whose size system is US."""
        found = []
        for parameter in self.variables:
            if parameter.group_by is None:
                continue
            choice = parameter.choice(values.get(parameter.name))
            group = values.get(parameter.group_by)
            if choice is None or choice.group == group:
                continue
            messages = _group_messages(self, parameter.name, choice.value, group)
            found.append(
                Violation(
                    f"{parameter.name}-group",
                    ERROR,
                    messages,
                    (parameter.name, parameter.group_by),
                )
            )
        return found

    def domains(self, values: Mapping[str, Any], fixed: Iterable[str] = ()) -> Domains:
        """Return the values of each finite parameter that can be completed.

        Parameters
        ----------
        values
            A complete design; its text values select the rules over text.
        fixed
            Names of parameters the user chose. For a chosen parameter the
            offered values are those that fit every other choice; every
            other parameter is free to change.
        """
        compiled = self._compiled_for(values)
        valid, consistent = compiled.valid_flags(self._assignment(values, fixed))
        relaxed = None
        if not consistent:
            relaxed = "choices"
            valid, consistent = compiled.valid_flags({})
        if not consistent:
            relaxed = "text"
            valid, consistent = self.compiled.valid_flags({})
        if not consistent:
            empty = {p.name: () for p in self.variables}
            every = {
                p.name: tuple(d)
                for p, d in zip(self.variables, self.values, strict=True)
            }
            return Domains(empty, every, relaxed)
        offered, withheld = {}, {}
        for variable, parameter in enumerate(self.variables):
            pairs = zip(self.values[variable], valid[variable], strict=True)
            yes, no = [], []
            for value, possible in pairs:
                (yes if possible else no).append(value)
            offered[parameter.name] = tuple(yes)
            withheld[parameter.name] = tuple(no)
        return Domains(offered, withheld, relaxed)

    def complete(
        self, values: Mapping[str, Any], fixed: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """Return the valid design closest to ``values`` that keeps ``fixed``.

        Among the valid designs that keep every fixed value, it changes the
        fewest other finite values; ties go to the values nearest the given
        ones in each parameter's order. Returns ``None`` when no valid design keeps the
        fixed values.
        """
        compiled = self._compiled_for(values)
        solution = compiled.closest(
            self._assignment(values, fixed), self._indices(values)
        )
        if solution is None:
            return None
        return self._design(values, solution)

    def count(
        self, values: Mapping[str, Any] | None = None, fixed: Iterable[str] = ()
    ) -> int:
        """Return the exact number of valid designs that keep ``fixed``.

        Designs are counted over the finite parameters; text parameters keep
        their values from ``values`` (defaults when omitted).
        """
        values = values or {}
        compiled = self._compiled_for(values)
        return compiled.count(self._assignment(values, fixed))

    def dead_values(self) -> dict[str, tuple[Any, ...]]:
        """Return, per parameter, the values no valid design can use.

        Only rules that read no text are considered, so a value listed here
        is excluded whatever the text values.
        """
        # NOTE: a value that text rules exclude for every possible text is
        # not listed, since the texts cannot be enumerated.
        dead = {}
        for variable, mask in enumerate(self.compiled.dead_values()):
            values = tuple(self.values[variable][k] for k in np.flatnonzero(mask))
            if values:
                dead[self.variables[variable].name] = values
        return dead

    def _variable_value(self, name: str, value: Any) -> tuple[int, int]:
        if name not in self.index:
            accepted = rule_text(
                QT_TRANSLATE_NOOP(
                    "Rules", "a choice, number or true/false parameter of this model"
                )
            )
            raise DesignValueError(name, value, accepted)
        value = self.parameters[name].coerce(value)
        variable = self.index[name]
        return variable, self._positions[variable][value]

    def explanation(
        self,
        values: Mapping[str, Any],
        name: str,
        value: Any,
        fixed: Iterable[str] = (),
    ) -> Explanation | None:
        """Explain why ``name = value`` is withheld, or return ``None`` when
        it is offered.

        The explanation contains a smallest set of the ``fixed`` choices that
        excludes the value (found by QuickXplain over the choices), and the
        rules that exclude it together with those choices: a smallest set
        of them (QuickXplain over the rules), then every other rule that
        excludes it on its own. So when two rules each reject the value,
        such as a band too narrow for a prong head and for engraved
        letters, both messages show and a fix can satisfy both.
        """
        variable, position = self._variable_value(name, value)
        compiled = self._compiled_for(values)
        assignment = self._assignment(values, fixed)
        conflict = compiled.minimal_conflict(assignment, variable, position)
        if conflict is None:
            return None
        culprit = {v: assignment[v] for v in conflict}
        culprit[variable] = position
        tables = compiled.conflicting_tables(culprit)
        tables += compiled.excluding_tables(culprit)
        context = dict(values)
        for v, k in culprit.items():
            context[self.variables[v].name] = self.values[v][k]
        # A rule may appear in both lists, or as more than one table.
        rule_ids = dict.fromkeys(t.name for t in tables)
        violations = tuple(self._violation(rule_id, context) for rule_id in rule_ids)
        choices = {
            self.variables[v].name: self.values[v][assignment[v]] for v in conflict
        }
        return Explanation(name, context[name], choices, violations)

    def _violation(self, rule_id: str, context: Mapping[str, Any]) -> Violation:
        """Return the violation of ``rule_id`` with its message for ``context``."""
        compiled_rule = self._by_id.get(rule_id)
        if compiled_rule is None:
            return _group_violation(self, rule_id, context)
        try:
            full = {**context, **self.derive(context)}
        except (ArithmeticError, KeyError, TypeError, ValueError):
            full = dict(context)
        return compiled_rule.violation(full)

    def explain(
        self,
        values: Mapping[str, Any],
        name: str,
        value: Any,
        fixed: Iterable[str] = (),
    ) -> list[Violation]:
        """Return the error rules that rule out ``value`` for ``name``.

        When the ``fixed`` choices withhold the value, these are the rules of
        :meth:`explanation`. Otherwise they are the rules the design breaks
        once ``name`` takes ``value`` and did not break before. When the
        design already broke those rules, they are every broken rule that
        reads ``name``.
        """
        explanation = self.explanation(values, name, value, fixed)
        if explanation is not None and explanation.rules:
            return list(explanation.rules)
        before = {v.rule for v in self.evaluate(values).errors}
        changed = dict(values)
        changed[name] = value
        after = self.evaluate(changed).errors
        new = [v for v in after if v.rule not in before]
        if new:
            return new
        return [v for v in after if name in v.parameters]

    def repair(
        self,
        values: Mapping[str, Any],
        name: str,
        value: Any,
        fixed: Iterable[str] = (),
    ) -> Repair | None:
        """Return the valid design with ``name = value`` that changes the
        fewest other ``fixed`` choices, then the fewest other values.

        Returns ``None`` when no valid design with the current text values
        has ``name = value``.
        """
        variable, position = self._variable_value(name, value)
        fixed = set(fixed)
        compiled = self._compiled_for(values)
        assignment = self._assignment(values, fixed)
        assignment.pop(variable, None)
        solution = compiled.repair(
            assignment, variable, position, self._indices(values)
        )
        if solution is None:
            return None
        design = self._design(values, solution)
        changes, adjusted = {}, {}
        for parameter in self.variables:
            other = parameter.name
            if other == name or design[other] == values.get(other):
                continue
            target = changes if other in fixed else adjusted
            target[other] = (values.get(other), design[other])
        return Repair(name, design[name], changes, adjusted, design)

    def nearest_repair(
        self,
        values: Mapping[str, Any],
        name: str,
        value: Any,
        fixed: Iterable[str] = (),
    ) -> Repair | None:
        """Return :meth:`repair` for the value of ``name`` nearest ``value``
        that a valid design with the current text values has.

        That is ``value`` itself when a valid design has it. Numbers are
        nearest by difference, other values by their place in the
        parameter's order; ties go to the value listed first. Returns
        ``None`` when no design with the current text values is valid.
        """
        variable, position = self._variable_value(name, value)
        compiled = self._compiled_for(values)
        valid, consistent = compiled.valid_flags({})
        if not consistent:
            return None
        choices = self.values[variable]
        numeric = all(isinstance(c, int | float) for c in choices)

        def distance(k: int) -> float:
            if numeric:
                return abs(float(choices[k]) - float(choices[position]))
            return abs(k - position)

        fitting = [k for k, possible in enumerate(valid[variable]) if possible]
        for k in sorted(fitting, key=distance):
            repair = self.repair(values, name, choices[k], fixed)
            if repair is not None:
                return repair
        return None


@dataclass(frozen=True)
class _CompiledRule:
    rule: Rule
    evaluator: Evaluator
    parameters: tuple[str, ...]
    derived: tuple[str, ...]
    derived_evaluators: Mapping[str, Evaluator]
    messages: Mapping[str, Callable[[Mapping[str, Any]], str]]
    table: Table | None = None

    def holds(self, context: dict[str, Any]) -> bool:
        scope = dict(context)
        try:
            for name in self.derived:
                if name not in scope:
                    scope[name] = self.derived_evaluators[name](scope)
            return bool(self.evaluator(scope))
        except (ArithmeticError, KeyError, TypeError, ValueError) as error:
            logger.warning("rule %s could not be evaluated: %s", self.rule.id, error)
            return False

    def violation(self, context: Mapping[str, Any]) -> Violation:
        texts = {
            language: render(context) for language, render in self.messages.items()
        }
        return Violation(self.rule.id, self.rule.severity, texts, self.parameters)


def _group_rule(member: str) -> str:
    return f"{member}-group"


def _group_violation(engine: Engine, rule_id: str, context: Mapping[str, Any]):
    """Return the violation of the rule that ties a value to its group."""
    member = rule_id.removesuffix("-group")
    owner = engine.parameters[member].group_by
    value, group = context.get(member), context.get(owner)
    messages = _group_messages(engine, member, value, group)
    return Violation(rule_id, ERROR, messages, tuple(sorted((member, owner))))


def _group_messages(
    engine: Engine, member: str, value: Any, group: Any
) -> dict[str, str]:
    """Word a grouped value outside its group with the parameters' labels.

    For a ring: "Ring size 14 (Japan) is not in the size system US /
    Canada; choose a ring size for US / Canada."
    """
    parameter = engine.parameters[member]
    owner = engine.parameters[parameter.group_by]
    messages = {}
    for language in ("en", "zh_CN"):
        member_label = _text_in(parameter.labels, language, member)
        owner_label = in_sentence(
            _text_in(owner.labels, language, owner.name), language
        )
        value_label = _choice_label(parameter, value, language)
        group_label = _choice_label(owner, group, language)
        choice = parameter.choice(value)
        if choice is not None and choice.group is not None:
            # A size label such as "14" needs its own system beside it.
            own_group = _choice_label(owner, choice.group, language)
            value_label += f" ({own_group})" if language == "en" else f"（{own_group}）"
        own = [c.value for c in parameter.choices if c.group == group]
        if language == "en":
            span = f", from {own[0]!r} to {own[-1]!r}" if len(own) > 1 else ""
            messages[language] = (
                f"{member_label} {value_label} is not in the {owner_label} "
                f"{group_label}; choose a {in_sentence(member_label, language)} "
                f"for {group_label}{span}."
            )
        else:
            span = f"（{own[0]!r} 至 {own[-1]!r}）" if len(own) > 1 else ""
            messages[language] = (
                f"{member_label} {value_label}"
                f"{'' if value_label.endswith('）') else ' '}"
                f"不属于{owner_label}“{group_label}”，"
                f"请选择“{group_label}”的{member_label}{span}。"
            )
    return messages


def _table_messages(table: Table, model: TableModel) -> dict[str, str]:
    """Word a table's violation with its parameters, which an XCSP file names
    only by id, so the ids are their labels."""
    names = [model.names[v] for v in table.scope]
    return {
        "en": f"This combination of {join_labels(names, 'en')} is not allowed.",
        "zh_CN": f"不允许{join_labels(names, 'zh_CN')}的这一组合。",
    }


def _text_in(labels: Mapping[str, str], language: str, fallback: str) -> str:
    return labels.get(language) or labels.get("en") or fallback


def _choice_label(parameter: Parameter, value: Any, language: str) -> str:
    choice = parameter.choice(value)
    if choice is None:
        return str(value)
    return _text_in(choice.labels, language, str(value))


def _shows_label(parameter: Parameter) -> bool:
    """Return whether a message shows this parameter's choice label, not its value.

    Choices with number values, such as a board thickness of 19 with the
    label "19 mm", keep the number because the message writes its unit.
    """
    return parameter.kind in (CHOICE, COLOUR) and _value_type(parameter) == STRING


def _label_field(parameter: Parameter, language: str, mid_sentence: bool) -> Evaluator:
    """Return a message field that shows the chosen value's label in
    ``language``, else its English label, else the value itself.

    ``mid_sentence`` writes the label as :func:`rules.text.in_sentence` does.
    """
    labels = {choice.value: choice.labels for choice in parameter.choices}

    def label(context: Mapping[str, Any]) -> str:
        value = context[parameter.name]
        texts = labels.get(value, {})
        text = texts.get(language) or texts.get("en") or str(value)
        return in_sentence(text, language) if mid_sentence else text

    return label


def _value_type(parameter: Parameter) -> str:
    if parameter.kind == BOOLEAN:
        return BOOL
    if parameter.kind in (TEXT, COLOUR):
        return STRING
    if parameter.kind == CHOICE:
        kinds = {_python_type(c.value) for c in parameter.choices}
        return kinds.pop() if len(kinds) == 1 else STRING
    return NUMBER


def _python_type(value: Any) -> str:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int | float):
        return NUMBER
    return STRING


def format_value(value: Any) -> str:
    """Format a value for a message: whole numbers without decimals."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _split_template(location: str, template: str) -> list[tuple[str, str | None]]:
    """Split ``"a {x} b"`` into ``[("a ", "x"), (" b", None)]``."""
    pieces = []
    rest = template
    while rest:
        start = rest.find("{")
        if start < 0:
            pieces.append((rest, None))
            break
        end = rest.find("}", start)
        if end < 0:
            raise RuleDefinitionError(location, "a '{' in the message is not closed")
        pieces.append((rest[:start], rest[start + 1 : end]))
        rest = rest[end + 1 :]
    return pieces
