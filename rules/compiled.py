"""A compiled model: its tables, its diagram, and the queries a studio needs.

Assignments map a variable index to a value index. Every result is exact
because the diagram contains exactly the model's solutions: valid values,
counts, the closest valid product, the fewest changes that admit a value,
and a smallest set of choices and tables that excludes it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from rules.compiler import table_operand
from rules.mdd import Diagram, Operand, conjoin, empty_layers, reduce_layers
from rules.paths import Paths
from rules.search import TableSolver
from rules.tables import Table, TableModel

logger = logging.getLogger(__name__)

Assignment = Mapping[int, int]


class CompiledModel:
    """A :class:`TableModel` with the diagram of its solutions.

    Parameters
    ----------
    tables
        The variables, values and tables the diagram was compiled from.
    diagram
        The reduced diagram of exactly the solutions of ``tables``.
    """

    def __init__(self, tables: TableModel, diagram: Diagram) -> None:
        self.tables = tables
        self.diagram = diagram
        self.paths = Paths(diagram)
        count = len(tables.names)
        self.layer_of = np.empty(count, dtype=np.int64)
        self.layer_of[list(diagram.order)] = np.arange(count)
        offsets = self.paths.value_offsets
        # slot_of[v]: first slot of variable v in the diagram's slot array.
        self.slot_of = offsets[self.layer_of] if count else np.zeros(0, np.int64)
        # Every slot in variable order, and where each variable's part ends.
        sizes = tables.sizes
        self._variable_slots = np.concatenate(
            [
                np.arange(self.slot_of[v], self.slot_of[v] + sizes[v])
                for v in range(count)
            ]
            or [np.zeros(0, np.int64)]
        )
        ends = np.cumsum(sizes).tolist()
        self._variable_spans = list(zip([0, *ends[:-1]], ends, strict=True))

    @property
    def empty(self) -> bool:
        """Whether the model has no solution at all."""
        return self.diagram.empty

    def allowed(self, assignment: Assignment) -> np.ndarray:
        """Return the slot array that restricts each assigned variable."""
        allowed = self.paths.everything()
        for variable, value in assignment.items():
            start = self.slot_of[variable]
            allowed[start : start + self.tables.sizes[variable]] = False
            allowed[start + value] = True
        return allowed

    def _by_variable(self, slots: np.ndarray) -> list[np.ndarray]:
        ordered = slots[self._variable_slots]
        return [ordered[start:end] for start, end in self._variable_spans]

    def valid_values(self, assignment: Assignment) -> tuple[list[np.ndarray], bool]:
        """Return the possible values of every variable, and whether the
        assignment itself can be completed.

        A value of an unassigned variable is possible when some solution
        extends the assignment with it. For an assigned variable, a value is
        possible when some solution has it and every *other* assigned value.
        """
        slots, consistent = self.paths.valid(self.allowed(assignment))
        return self._by_variable(slots), consistent

    def valid_flags(self, assignment: Assignment) -> tuple[list[list[bool]], bool]:
        """Return :meth:`valid_values` as Python lists, which are faster to
        turn into value tuples than small arrays."""
        slots, consistent = self.paths.valid(self.allowed(assignment))
        ordered = slots[self._variable_slots].tolist()
        return [ordered[start:end] for start, end in self._variable_spans], consistent

    def consistent(self, assignment: Assignment) -> bool:
        """Return whether some solution extends ``assignment``."""
        return self.paths.consistent(self.allowed(assignment))

    def count(self, assignment: Assignment) -> int:
        """Return the exact number of solutions that extend ``assignment``."""
        return self.paths.count_paths(self.allowed(assignment))

    def _solve(self, allowed: np.ndarray, costs: np.ndarray) -> list[int] | None:
        path = self.paths.cheapest(allowed, costs)
        if path is None:
            return None
        return [path[self.layer_of[v]] for v in range(len(self.tables.names))]

    def _change_costs(
        self, preferred: Sequence[int | None], weights: Sequence[int]
    ) -> np.ndarray:
        """Cost per slot: ``weights[v]`` for leaving variable ``v``'s preferred
        value, nothing for keeping it.

        For a variable whose values are numbers, each change also costs its
        distance from the preferred value in the variable's order, scaled
        below one change, so that among designs with as few changes the one
        with the nearest values wins: a shelf span of 600 mm rather than
        400 mm when 800 mm no longer fits. Named choices, such as metals,
        have no nearer or farther, and keep their order's first valid value.
        """
        sizes = self.tables.sizes
        scale = int(sum(sizes)) + 1
        costs = np.zeros(self.paths.slot_count, dtype=np.int64)
        for variable, value in enumerate(preferred):
            if value is None or not weights[variable]:
                continue
            start = self.slot_of[variable]
            size = sizes[variable]
            distance = np.zeros(size, dtype=np.int64)
            if _numeric(self.tables.values[variable]):
                distance = np.abs(np.arange(size, dtype=np.int64) - value)
            costs[start : start + size] = weights[variable] * scale + distance
            costs[start + value] = 0
        return costs

    def closest(
        self, assignment: Assignment, preferred: Sequence[int | None]
    ) -> list[int] | None:
        """Return a solution extending ``assignment`` that keeps as many
        ``preferred`` values as possible, or ``None`` when there is none."""
        weights = [1] * len(preferred)
        costs = self._change_costs(preferred, weights)
        return self._solve(self.allowed(assignment), costs)

    def repair(
        self,
        assignment: Assignment,
        variable: int,
        value: int,
        preferred: Sequence[int | None],
    ) -> list[int] | None:
        """Return the solution with ``variable = value`` that changes the
        fewest assigned variables, then the fewest other preferred values.

        Returns ``None`` when no solution has ``variable = value``.
        """
        count = len(self.tables.names)
        # Changing one assigned value must cost more than changing every
        # unassigned one, so the first criterion always wins.
        weights = [count + 1 if v in assignment else 1 for v in range(count)]
        wanted = [assignment.get(v, preferred[v]) for v in range(count)]
        costs = self._change_costs(wanted, weights)
        return self._solve(self.allowed({variable: value}), costs)

    def minimal_conflict(
        self, assignment: Assignment, variable: int, value: int
    ) -> list[int] | None:
        """Return a smallest-by-inclusion set of assigned variables whose
        values exclude ``variable = value``, or ``None`` when nothing does.

        An empty list means no solution has ``variable = value`` at all.
        Found by QuickXplain over the assigned variables.
        """
        others = [v for v in assignment if v != variable]
        wanted = {variable: value}

        def consistent(chosen: Sequence[int]) -> bool:
            return self.consistent({**{v: assignment[v] for v in chosen}, **wanted})

        if consistent(others):
            return None
        return sorted(quickxplain([], others, consistent))

    def conflicting_tables(self, assignment: Assignment) -> list[Table]:
        """Return a smallest-by-inclusion set of tables that no solution of
        ``assignment`` satisfies together (empty when ``assignment`` has a
        solution).

        Found by QuickXplain over the tables, each subset checked by search
        (:class:`~rules.search.TableSolver`). The diagram cannot check a
        subset because it contains only the conjunction of all tables.
        """
        if self.consistent(assignment):
            return []
        # NOTE: each check is a search, exponential in the worst case; on the
        # Renault Megane model an explanation takes 30 ms to 1 s.
        consistent = self._tables_check(assignment)

        # Tables over the assigned variables come first: QuickXplain keeps
        # the earliest tables that still explain the conflict.
        assigned = set(assignment)
        ranked = sorted(
            self.tables.tables, key=lambda t: -len(assigned.intersection(t.scope))
        )
        return quickxplain([], ranked, consistent)

    def excluding_tables(self, assignment: Assignment) -> list[Table]:
        """Return every table that on its own has no solution of
        ``assignment``, in the model's order.

        Each of them excludes the assignment whatever the other tables
        allow, so a fix must satisfy all of them at once.
        """
        consistent = self._tables_check(assignment)
        return [table for table in self.tables.tables if not consistent([table])]

    def _tables_check(
        self, assignment: Assignment
    ) -> Callable[[Sequence[Table]], bool]:
        """Return a check of whether a set of tables has a solution of
        ``assignment``, by search (:class:`~rules.search.TableSolver`)."""
        sizes = self.tables.sizes
        masks = [np.ones(size, dtype=bool) for size in sizes]
        for variable, value in assignment.items():
            masks[variable][:] = False
            masks[variable][value] = True
        # Rows that disagree with the assignment play no part in any check.
        narrowed = {id(t): _rows_within(t, masks) for t in self.tables.tables}

        def consistent(tables: Sequence[Table]) -> bool:
            kept = [narrowed[id(t)] for t in tables]
            if len(kept) == 1 and kept[0].supports:
                # One table of permitted rows has a solution when a row is left.
                return len(kept[0].rows) > 0
            solver = TableSolver(kept, sizes)
            return solver.solve(masks) is not None

        return consistent

    def conjoin(self, extra: Sequence[Table]) -> CompiledModel:
        """Return this model with more tables, compiled in the same order."""
        tables = TableModel(
            self.tables.names, self.tables.values, self.tables.tables + tuple(extra)
        )
        order = self.diagram.order
        constants_hold = all(t.allows(()) for t in extra if not t.scope)
        if self.diagram.empty or not constants_hold or not order:
            holds = constants_hold and not self.diagram.empty
            layers = self.diagram.layers if holds else empty_layers(self.diagram.sizes)
            return CompiledModel(tables, Diagram(order, layers, holds))
        operands = [Operand(tuple(range(len(order))), self.diagram.layers)]
        operands += [
            table_operand(table, self.layer_of, self.tables.sizes)
            for table in extra
            if table.scope
        ]
        layers = conjoin(operands, self.diagram.sizes)
        return CompiledModel(tables, Diagram(order, reduce_layers(layers)))

    def dead_values(self) -> list[np.ndarray]:
        """Return, per variable, the values that no solution uses."""
        valid, _ = self.valid_values({})
        return [~mask for mask in valid]


def _rows_within(table: Table, masks: Sequence[np.ndarray]) -> Table:
    """Return ``table`` without the rows that use a value outside ``masks``."""
    keep = np.ones(table.rows.shape[0], dtype=bool)
    for column, variable in enumerate(table.scope):
        keep &= masks[variable][table.rows[:, column]]
    if keep.all():
        return table
    return Table(table.name, table.scope, table.rows[keep], table.supports)


def quickxplain(background: list, candidates: list, consistent: Callable) -> list:
    """Return a minimal subset of ``candidates`` that, with ``background``,
    is inconsistent, by QuickXplain: split the candidates in halves and
    look for the conflict in the second half with the first half assumed.

    ``consistent(items)`` must be monotone: adding items never turns an
    inconsistent set consistent. The caller ensures that ``background``
    plus all ``candidates`` is inconsistent. Earlier candidates are
    preferred in the result.
    """
    if not candidates or not consistent(background):
        return []
    return _quickxplain(background, False, candidates, consistent)


def _quickxplain(background, added, candidates, consistent):
    if added and not consistent(background):
        return []
    if len(candidates) == 1:
        return list(candidates)
    middle = len(candidates) // 2
    first, second = candidates[:middle], candidates[middle:]
    later = _quickxplain(background + first, bool(first), second, consistent)
    earlier = _quickxplain(background + later, bool(later), first, consistent)
    return earlier + later


def _numeric(values) -> bool:
    """Return whether every value is a number, so that values have a distance."""
    return all(
        isinstance(item, (int, float)) and not isinstance(item, bool) for item in values
    )
