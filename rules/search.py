"""Find one solution of a set of tables by search, without a decision diagram.

Search with generalized arc consistency (GAC) at every node, also called
maintaining arc consistency. It decides whether a subset of a model's tables
admits a solution, which the compiled diagram of all tables cannot do, and
tests use it to check the diagram's results independently.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rules.tables import Table

Masks = list[np.ndarray]


class TableSolver:
    """Solve conjunctions of tables over variables with the given domain sizes.

    Parameters
    ----------
    tables
        The constraints; a table with an empty scope is true when it
        permits the empty row.
    sizes
        Domain size of every variable, indexed like the tables' scopes.
    """

    def __init__(self, tables: Sequence[Table], sizes: Sequence[int]) -> None:
        self.sizes = list(sizes)
        self.tables = [t for t in tables if t.scope]
        self.constant = all(t.allows(()) for t in tables if not t.scope)
        self.by_variable: list[list[int]] = [[] for _ in self.sizes]
        for position, table in enumerate(self.tables):
            for variable in table.scope:
                self.by_variable[variable].append(position)

    def full_masks(self) -> Masks:
        """Return masks that allow every value of every variable."""
        return [np.ones(size, dtype=bool) for size in self.sizes]

    def propagate(self, masks: Masks, changed: int | None = None) -> Masks | None:
        """Remove values without support until none is left to remove.

        Starts from every table, or only from the tables over variable
        ``changed`` when the masks were consistent before it changed. Works
        on copies; returns ``None`` when a domain becomes empty.
        """
        masks = [mask.copy() for mask in masks]
        if changed is None:
            queue = list(range(len(self.tables)))
        else:
            queue = list(self.by_variable[changed])
        queued = set(queue)
        while queue:
            position = queue.pop()
            queued.discard(position)
            table = self.tables[position]
            supported = _supported(table, masks)
            if supported is None:
                return None
            for variable, mask in zip(table.scope, supported, strict=True):
                narrowed = masks[variable] & mask
                if not narrowed.any():
                    return None
                if narrowed.sum() == masks[variable].sum():
                    continue
                masks[variable] = narrowed
                for other in self.by_variable[variable]:
                    if other != position and other not in queued:
                        queue.append(other)
                        queued.add(other)
        return masks

    def solve(self, masks: Masks | None = None) -> list[int] | None:
        """Return one solution within ``masks`` as a value index per variable,
        or ``None`` when there is none."""
        if not self.constant:
            return None
        return self._search(self.full_masks() if masks is None else masks, None)

    def _search(self, masks: Masks, changed: int | None) -> list[int] | None:
        propagated = self.propagate(masks, changed)
        if propagated is None:
            return None
        counts = [int(mask.sum()) for mask in propagated]
        open_variables = [
            v for v, count in enumerate(counts) if count > 1 and self.by_variable[v]
        ]
        if not open_variables:
            return [int(np.flatnonzero(mask)[0]) for mask in propagated]
        variable = min(open_variables, key=lambda v: (counts[v], v))
        for value in np.flatnonzero(propagated[variable]):
            child = list(propagated)
            child[variable] = np.zeros_like(propagated[variable])
            child[variable][value] = True
            solution = self._search(child, variable)
            if solution is not None:
                return solution
        return None


def _supported(table: Table, masks: Masks) -> list[np.ndarray] | None:
    """Return, per scope variable, the values with a support in ``table``."""
    rows = table.rows
    alive = np.ones(rows.shape[0], dtype=bool)
    for column, variable in enumerate(table.scope):
        alive &= masks[variable][rows[:, column]]
    if table.supports:
        if not alive.any():
            return None
        result = []
        for column, variable in enumerate(table.scope):
            mask = np.zeros_like(masks[variable])
            mask[rows[alive, column]] = True
            result.append(mask)
        return result
    # A value of a forbidden-rows table keeps a support unless every
    # combination of the other variables' allowed values is forbidden with it.
    forbidden = np.unique(rows[alive], axis=0)
    allowed_counts = [int(masks[v].sum()) for v in table.scope]
    combinations = int(np.prod(allowed_counts, dtype=object))
    if combinations == forbidden.shape[0]:
        return None
    result = []
    for column, variable in enumerate(table.scope):
        others = combinations // allowed_counts[column]
        count = np.bincount(forbidden[:, column], minlength=masks[variable].size)
        result.append(count < others)
    return result
