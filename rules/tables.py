"""Finite-domain models: variables with value lists and table constraints.

This is the form every product model takes before it is compiled into a
decision diagram. A catalog model reaches it by tabulating its rules; an
XCSP file maps onto it directly. Values are referred to by their index in the
variable's value list, so a table is an integer array.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

# A combination code must fit in an int64; beyond this product of domain
# sizes a table checks membership with a Python set instead.
_MAX_CODE = 2**62


@dataclass(frozen=True, eq=False)
class Table:
    """A constraint given by the value combinations it permits or forbids.

    Parameters
    ----------
    name
        The rule or constraint id shown in explanations.
    scope
        Variable indices, each at most once.
    rows
        Array of shape ``(n, len(scope))`` with one value index per column.
    supports
        ``True`` when ``rows`` lists the only permitted combinations,
        ``False`` when it lists the forbidden ones.
    """

    name: str
    scope: tuple[int, ...]
    rows: np.ndarray
    supports: bool = True

    def __post_init__(self) -> None:
        if len(set(self.scope)) != len(self.scope):
            raise ValueError(
                f"table {self.name!r} lists a variable twice in scope {self.scope}"
            )
        rows = np.asarray(self.rows, dtype=np.int32)
        if rows.ndim != 2 or rows.shape[1] != len(self.scope):
            count = rows.size // len(self.scope) if self.scope else 0
            rows = rows.reshape(count, len(self.scope))
        object.__setattr__(self, "rows", rows)

    @cached_property
    def _radices(self) -> np.ndarray:
        if self.rows.shape[0] == 0 or not self.scope:
            return np.ones(len(self.scope), dtype=np.int64)
        return self.rows.max(axis=0).astype(np.int64) + 1

    @cached_property
    def _codes(self) -> np.ndarray | set[tuple[int, ...]]:
        radices = self._radices
        if float(np.prod(radices.astype(float))) >= _MAX_CODE:
            return set(map(tuple, self.rows.tolist()))
        return np.unique(self._encode(self.rows))

    def _encode(self, rows: np.ndarray) -> np.ndarray:
        code = np.zeros(rows.shape[0], dtype=np.int64)
        for column, radix in enumerate(self._radices):
            code = code * radix + rows[:, column]
        return code

    def listed(self, indices: Sequence[int]) -> bool:
        """Return whether the combination of value indices is in ``rows``."""
        codes = self._codes
        if isinstance(codes, set):
            return tuple(indices) in codes
        key = np.asarray(indices, dtype=np.int64).reshape(1, -1)
        if (key >= self._radices).any():
            return False
        code = self._encode(key)[0]
        position = np.searchsorted(codes, code)
        return bool(position < len(codes) and codes[position] == code)

    def allows(self, indices: Sequence[int]) -> bool:
        """Return whether the combination of value indices satisfies the table."""
        return self.listed(indices) == self.supports


@dataclass(frozen=True, eq=False)
class TableModel:
    """Variables, their values and the table constraints over them.

    ``values[i]`` lists the values of variable ``names[i]`` in order; tables
    and assignments refer to a value by its position in that list.
    """

    names: tuple[str, ...]
    values: tuple[tuple[Any, ...], ...]
    tables: tuple[Table, ...]
    index: Mapping[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "index", {name: i for i, name in enumerate(self.names)}
        )

    @cached_property
    def sizes(self) -> tuple[int, ...]:
        """Domain size of each variable."""
        return tuple(len(values) for values in self.values)

    def violated(self, indices: Sequence[int]) -> list[Table]:
        """Return the tables that a complete assignment of value indices breaks."""
        return [
            table
            for table in self.tables
            if not table.allows([indices[v] for v in table.scope])
        ]

    def digest(self) -> str:
        """Return a SHA-256 of everything compilation depends on."""
        sha = hashlib.sha256()
        header = {"names": self.names, "values": [list(v) for v in self.values]}
        sha.update(json.dumps(header, sort_keys=True, default=repr).encode())
        for table in self.tables:
            sha.update(
                json.dumps(
                    [table.name, table.scope, table.supports, len(table.rows)]
                ).encode()
            )
            sha.update(np.ascontiguousarray(table.rows, dtype=np.int32).tobytes())
        return sha.hexdigest()


class TableRows(Sequence):
    """The rows of a :class:`Table` as value tuples, read on demand.

    A :class:`~rules.model.Rule` built from a large table (a model read from
    an XCSP file) keeps this instead of a tuple of tuples, so loading the
    model does not build a Python tuple per row.
    """

    def __init__(self, table: Table, values: Sequence[Sequence[Any]]) -> None:
        self.table = table
        self._columns = [values[v] for v in table.scope]

    def __len__(self) -> int:
        return self.table.rows.shape[0]

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        row = self.table.rows[position]
        return tuple(column[k] for column, k in zip(self._columns, row, strict=True))

    def __repr__(self) -> str:
        return f"TableRows({self.table.name!r}, {len(self)} rows)"
