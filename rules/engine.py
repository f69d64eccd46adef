"""Check designs against a model's rules and compute which values stay valid.

The engine compiles every error-severity rule into a table of the value
combinations it allows over the finite parameters it reads (text parameters,
such as an engraving, are constants of a table and its cache key). Tables
whose parameters are a subset of another table's are joined into it.
Generalized arc consistency over these tables then gives, for each parameter,
the values that still have support. When the joined tables form a
Berge-acyclic hypergraph that result is exact; otherwise each remaining value
is confirmed by a search for a complete valid design, so that every offered
value can be completed and every withheld value cannot.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from rules.errors import RuleDefinitionError
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
from rules.model import (
    BOOLEAN,
    CHOICE,
    COLOUR,
    ERROR,
    KINDS,
    SEVERITIES,
    TEXT,
    Parameter,
    Rule,
    RuleModel,
)

logger = logging.getLogger(__name__)

# A rule over more value combinations than this is rejected at load time: its
# table would take too long to build. Split the rule or coarsen a step.
MAX_TABLE_COMBINATIONS = 2_000_000


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

    ``relaxed`` is ``None`` normally. It is ``"choices"`` when the fixed
    choices conflict with each other, so the values were computed without
    them, and ``"text"`` when the text values alone allow no valid design, so
    rules that read text were left out.
    """

    offered: Mapping[str, tuple[Any, ...]]
    withheld: Mapping[str, tuple[Any, ...]]
    relaxed: str | None = None

    def is_offered(self, name: str, value: Any) -> bool:
        return value in self.offered.get(name, ())


@dataclass(frozen=True)
class _Constraint:
    rule: str
    scope: tuple[int, ...]
    text: tuple[str, ...]
    check: Callable[[dict[str, Any]], bool]


@dataclass
class _Network:
    scopes: list[tuple[int, ...]]
    tables: list[np.ndarray]
    allowed: list[set[tuple[int, ...]]]
    by_variable: list[list[int]]
    exact: bool


class Engine:
    """A compiled product model.

    Parameters
    ----------
    model
        The model's parameters, derived values, rules and lookup tables.
    functions
        Extra functions that rules may call, such as a size-table lookup.

    Raises
    ------
    RuleDefinitionError
        On duplicate or unknown names, type errors, cyclic derived values,
        bad table rows, or a rule too large to tabulate; the error's
        ``location`` names the definition.
    """

    def __init__(
        self, model: RuleModel, functions: Mapping[str, Function] | None = None
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
        self.text_names = tuple(p.name for p in model.parameters if not p.finite)
        self._rules = [
            self._compile_rule(i, rule) for i, rule in enumerate(model.rules)
        ]
        self._constraints = self._build_constraints()
        self._network = lru_cache(maxsize=32)(self._build_network)
        logger.debug(
            "compiled %d parameters, %d derived values, %d rules",
            len(self.parameters),
            len(self._derived_order),
            len(self._rules),
        )

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
        if rule.expression is not None:
            node, _ = self._typed(location + ".expression", rule.expression, BOOL)
            self._check_lookup_keys(location + ".expression", node)
            evaluator = compile_node(node, self.model.lookups, self.functions)
            parameters, derived = self._dependencies(names_used(node))
        else:
            evaluator, parameters = self._compile_table(location, rule)
            derived = []
        messages = {
            language: self._compile_message(f"{location}.message.{language}", text)
            for language, text in rule.messages.items()
        }
        return _CompiledRule(
            rule=rule,
            evaluator=evaluator,
            parameters=tuple(sorted(parameters)),
            derived=tuple(derived),
            derived_evaluators=self._derived,
            messages=messages,
        )

    def _compile_table(self, location: str, rule: Rule) -> tuple[Evaluator, set[str]]:
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
        rows = set()
        for number, row in enumerate(rule.rows):
            if len(row) != len(names):
                raise RuleDefinitionError(
                    f"{location}.rows[{number}]",
                    f"the row has {len(row)} values for {len(names)} parameters",
                )
            try:
                rows.add(
                    tuple(
                        self.parameters[n].coerce(v)
                        for n, v in zip(names, row, strict=True)
                    )
                )
            except ValueError as error:
                raise RuleDefinitionError(
                    f"{location}.rows[{number}]", str(error)
                ) from None
        allowed = rule.table_kind == "allowed"

        def evaluate(context: Mapping[str, Any]) -> bool:
            return (tuple(context[n] for n in names) in rows) == allowed

        return evaluate, set(names)

    def _compile_message(self, location: str, template: str) -> Callable[..., str]:
        pieces: list[str | Evaluator] = []
        for literal, field_source in _split_template(location, template):
            if literal:
                pieces.append(literal)
            if field_source is not None:
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
                _Constraint(compiled.rule.id, scope, text, compiled.holds)
            )
        for parameter in self.variables:
            if parameter.group_by is None:
                continue
            pairs = {(c.group, c.value) for c in parameter.choices}
            owner, member = parameter.group_by, parameter.name

            def in_group(context, pairs=pairs, owner=owner, member=member) -> bool:
                return (context[owner], context[member]) in pairs

            scope = tuple(sorted((self.index[owner], self.index[member])))
            constraints.append(_Constraint(f"{member}-group", scope, (), in_group))
        for constraint in constraints:
            self._check_table_size(constraint)
        return constraints

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

    # Constraint network ------------------------------------------------------

    def _build_network(self, text_values: tuple[Any, ...], with_text: bool) -> _Network:
        texts = dict(zip(self.text_names, text_values, strict=True))
        scopes: list[tuple[int, ...]] = []
        tables: list[np.ndarray] = []
        for constraint in self._constraints:
            if constraint.text and not with_text:
                continue
            scopes.append(constraint.scope)
            tables.append(self._tabulate(constraint, texts))
        scopes, tables = _join_subsets(scopes, tables, self.values)
        by_variable: list[list[int]] = [[] for _ in self.variables]
        for position, scope in enumerate(scopes):
            for variable in scope:
                by_variable[variable].append(position)
        allowed = [set(map(tuple, table.tolist())) for table in tables]
        exact = _berge_acyclic(scopes, len(self.variables))
        return _Network(scopes, tables, allowed, by_variable, exact)

    def _tabulate(self, constraint: _Constraint, texts: dict[str, Any]) -> np.ndarray:
        scope = constraint.scope
        if not scope:
            holds = constraint.check(dict(texts))
            return np.zeros((1 if holds else 0, 0), dtype=np.int32)
        names = [self.variables[v].name for v in scope]
        domains = [self.values[v] for v in scope]
        rows = []
        context = dict(texts)
        for indices in itertools.product(*(range(len(d)) for d in domains)):
            for name, domain, index in zip(names, domains, indices, strict=True):
                context[name] = domain[index]
            if constraint.check(context):
                rows.append(indices)
        return np.array(rows, dtype=np.int32).reshape(len(rows), len(scope))

    def _network_for(self, values: Mapping[str, Any], with_text: bool = True):
        text_values = tuple(values.get(name, "") for name in self.text_names)
        return self._network(text_values, with_text)

    # Propagation and search ----------------------------------------------------

    def _full_masks(self) -> list[np.ndarray]:
        return [np.ones(len(domain), dtype=bool) for domain in self.values]

    def _propagate(
        self, masks: list[np.ndarray], network: _Network
    ) -> list[np.ndarray] | None:
        """Enforce generalized arc consistency in place; ``None`` on a wipe-out."""
        queue = list(range(len(network.scopes)))
        queued = set(queue)
        while queue:
            position = queue.pop()
            queued.discard(position)
            scope = network.scopes[position]
            table = network.tables[position]
            if not scope:
                if table.shape[0] == 0:
                    return None
                continue
            alive = np.ones(table.shape[0], dtype=bool)
            for column, variable in enumerate(scope):
                alive &= masks[variable][table[:, column]]
            if not alive.any():
                return None
            for column, variable in enumerate(scope):
                supported = np.zeros_like(masks[variable])
                supported[table[alive, column]] = True
                narrowed = masks[variable] & supported
                if narrowed.sum() == masks[variable].sum():
                    continue
                masks[variable] = narrowed
                for other in network.by_variable[variable]:
                    if other != position and other not in queued:
                        queue.append(other)
                        queued.add(other)
        return masks

    def _search(
        self,
        masks: list[np.ndarray],
        network: _Network,
        preferred: list[int | None],
    ) -> list[int] | None:
        """Find one solution by search with arc consistency, preferring values."""
        propagated = self._propagate(masks, network)
        if propagated is None:
            return None
        counts = [int(mask.sum()) for mask in propagated]
        open_variables = [
            v for v, count in enumerate(counts) if count > 1 and network.by_variable[v]
        ]
        if not open_variables:
            return [_pick(mask, preferred[v]) for v, mask in enumerate(propagated)]
        variable = min(open_variables, key=lambda v: (counts[v], v))
        candidates = list(np.flatnonzero(propagated[variable]))
        favourite = preferred[variable]
        if favourite in candidates:
            candidates.remove(favourite)
            candidates.insert(0, favourite)
        for value in candidates:
            child = [mask.copy() for mask in propagated]
            child[variable][:] = False
            child[variable][value] = True
            solution = self._search(child, network, preferred)
            if solution is not None:
                return solution
        return None

    def _supports(
        self,
        root: list[np.ndarray],
        network: _Network,
        preferred: list[int | None],
    ) -> list[np.ndarray]:
        """Return, per variable, the values that some complete solution uses."""
        if network.exact:
            return root
        supported = [np.zeros_like(mask) for mask in root]
        for variable, mask in enumerate(root):
            if not network.by_variable[variable]:
                supported[variable] = mask.copy()
        for variable in range(len(root)):
            for value in np.flatnonzero(root[variable] & ~supported[variable]):
                if supported[variable][value]:
                    continue
                child = [mask.copy() for mask in root]
                child[variable][:] = False
                child[variable][value] = True
                solution = self._search(child, network, preferred)
                if solution is None:
                    continue
                self._mark_neighbours(solution, root, supported, network)
        return supported

    def _mark_neighbours(
        self,
        solution: list[int],
        root: list[np.ndarray],
        supported: list[np.ndarray],
        network: _Network,
    ) -> None:
        """Mark a solution's values, and every single-value change of it that
        still satisfies all tables, as supported."""
        for variable, value in enumerate(solution):
            supported[variable][value] = True
        for variable in range(len(solution)):
            for value in np.flatnonzero(root[variable] & ~supported[variable]):
                changed = list(solution)
                changed[variable] = int(value)
                if all(
                    tuple(changed[v] for v in network.scopes[p]) in network.allowed[p]
                    for p in network.by_variable[variable]
                ):
                    supported[variable][value] = True

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

    def coerce(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Return a complete design: defaults filled in, values canonical.

        Raises :class:`~rules.errors.DesignValueError` for an unknown
        parameter or a value its parameter does not accept.
        """
        from rules.errors import DesignValueError

        unknown = sorted(set(values) - set(self.parameters))
        if unknown:
            raise DesignValueError(
                unknown[0],
                values[unknown[0]],
                "a parameter of this model: " + ", ".join(self.parameters),
            )
        design = {}
        for name, parameter in self.parameters.items():
            design[name] = parameter.coerce(values.get(name, parameter.default))
        return design

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
            owner = self.parameters[parameter.group_by]
            messages = {
                "en": f"{choice.value} is not a value of {owner.labels.get('en')} "
                f"{group}; choose a {group} value.",
                "zh_CN": f"{choice.value} 不属于{owner.labels.get('zh_CN', '')} "
                f"{group}，请选择 {group} 的数值。",
            }
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
            A complete design; text values are taken as given and the other
            values guide the search towards designs close to this one.
        fixed
            Names of parameters the user chose. Their values are kept; every
            other finite parameter is free to change.
        """
        preferred = self._indices(values)
        fixed_set = set(fixed) & set(self.index)
        relaxed = None
        network = self._network_for(values)
        root = self._propagate(self._fixed_masks(preferred, fixed_set), network)
        if root is None:
            relaxed = "choices"
            root = self._propagate(self._full_masks(), network)
        if root is None:
            relaxed = "text"
            network = self._network_for(values, with_text=False)
            root = self._propagate(self._full_masks(), network)
        if root is None:
            empty = {p.name: () for p in self.variables}
            every = {
                p.name: tuple(self.values[i]) for i, p in enumerate(self.variables)
            }
            return Domains(empty, every, relaxed)
        supported = self._supports(root, network, preferred)
        offered, withheld = {}, {}
        for i, parameter in enumerate(self.variables):
            offered[parameter.name] = tuple(
                self.values[i][k] for k in np.flatnonzero(supported[i])
            )
            withheld[parameter.name] = tuple(
                self.values[i][k] for k in np.flatnonzero(~supported[i])
            )
        return Domains(offered, withheld, relaxed)

    def complete(
        self, values: Mapping[str, Any], fixed: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """Return a valid design that keeps the ``fixed`` values.

        Free values are kept where possible: the search tries each
        parameter's current value first. Returns ``None`` when no valid
        design keeps the fixed values.
        """
        preferred = self._indices(values)
        fixed_set = set(fixed) & set(self.index)
        network = self._network_for(values)
        solution = self._search(
            self._fixed_masks(preferred, fixed_set), network, preferred
        )
        if solution is None:
            return None
        design = dict(values)
        for i, parameter in enumerate(self.variables):
            design[parameter.name] = self.values[i][solution[i]]
        return design

    def explain(
        self, values: Mapping[str, Any], name: str, value: Any
    ) -> list[Violation]:
        """Return the error rules that rule out ``value`` for ``name``.

        These are the rules the design breaks once ``name`` takes ``value``
        and did not break before; when the design already broke rules, every
        broken rule that reads ``name`` is returned.
        """
        before = {v.rule for v in self.evaluate(values).errors}
        changed = dict(values)
        changed[name] = value
        after = self.evaluate(changed).errors
        new = [v for v in after if v.rule not in before]
        if new:
            return new
        return [v for v in after if name in v.parameters]

    def _indices(self, values: Mapping[str, Any]) -> list[int | None]:
        indices: list[int | None] = []
        for i, parameter in enumerate(self.variables):
            value = values.get(parameter.name)
            try:
                indices.append(self.values[i].index(value))
            except ValueError:
                indices.append(None)
        return indices

    def _fixed_masks(
        self, preferred: list[int | None], fixed: set[str]
    ) -> list[np.ndarray]:
        masks = self._full_masks()
        for name in fixed:
            variable = self.index[name]
            if preferred[variable] is None:
                continue
            masks[variable][:] = False
            masks[variable][preferred[variable]] = True
        return masks


@dataclass(frozen=True)
class _CompiledRule:
    rule: Rule
    evaluator: Evaluator
    parameters: tuple[str, ...]
    derived: tuple[str, ...]
    derived_evaluators: Mapping[str, Evaluator]
    messages: Mapping[str, Callable[[Mapping[str, Any]], str]]

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


def _pick(mask: np.ndarray, favourite: int | None) -> int:
    if favourite is not None and mask[favourite]:
        return favourite
    return int(np.flatnonzero(mask)[0])


def _join_subsets(
    scopes: list[tuple[int, ...]],
    tables: list[np.ndarray],
    values: list[tuple[Any, ...]],
) -> tuple[list[tuple[int, ...]], list[np.ndarray]]:
    """Fold every table whose scope is inside another table's scope into it."""
    order = sorted(range(len(scopes)), key=lambda i: -len(scopes[i]))
    kept: list[int] = []
    merged_tables = dict(enumerate(tables))
    for i in order:
        host = next(
            (k for k in kept if set(scopes[i]) <= set(scopes[k]) and scopes[i]), None
        )
        if host is None:
            kept.append(i)
            continue
        merged_tables[host] = _restrict(
            merged_tables[host], scopes[host], merged_tables[i], scopes[i], values
        )
    return [scopes[k] for k in kept], [merged_tables[k] for k in kept]


def _restrict(
    host: np.ndarray,
    host_scope: tuple[int, ...],
    guest: np.ndarray,
    guest_scope: tuple[int, ...],
    values: list[tuple[Any, ...]],
) -> np.ndarray:
    """Keep the host rows whose projection onto the guest scope is allowed."""
    columns = [host_scope.index(v) for v in guest_scope]
    radices = [len(values[v]) for v in guest_scope]

    def encode(rows: np.ndarray) -> np.ndarray:
        code = np.zeros(rows.shape[0], dtype=np.int64)
        for column, radix in zip(range(rows.shape[1]), radices, strict=True):
            code = code * radix + rows[:, column]
        return code

    keep = np.isin(encode(host[:, columns]), encode(guest))
    return host[keep]


def _berge_acyclic(scopes: list[tuple[int, ...]], variable_count: int) -> bool:
    """Whether the variable-constraint incidence graph is a forest."""
    parent = list(range(variable_count + len(scopes)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for position, scope in enumerate(scopes):
        constraint_node = variable_count + position
        for variable in scope:
            a, b = find(variable), find(constraint_node)
            if a == b:
                return False
            parent[a] = b
    return True
