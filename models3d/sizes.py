"""Ring and shoe size systems, converted to millimetres at the edge.

A size label is the system code, a space and the size exactly as the size
table writes it: ``"US 7"``, ``"UK N½"``, ``"ISO 54"``, ``"JP 14"`` for rings
and ``"EU 42"``, ``"UK 8.5"``, ``"US 9"``, ``"MP 265"`` for shoes. The tables
live in ``resources/sizes/`` and every row carries its source; per system:

Ring sizes (``ring_sizes.csv``, inner diameter in mm):

- US/Canada: inner diameter = 0.458 in + 0.032 in x size
  (en.wikipedia.org/wiki/Ring_size).
- UK/Australia: BS 6820 inner circumference = 36.25 mm + 1.25 mm x letter
  index, A = 1 (Rowlett, How Many? A dictionary of units of measurement).
- ISO 8653: size = inner circumference in mm (finger gauge 41-76).
- Japan (JIS S 4700): inner diameter = 13 mm + (size - 1) / 3 mm
  (pinefield.k-server.org/ring.html).

Shoe sizes (``shoe_sizes.csv``, foot length in mm):

- Mondopoint (ISO 9407): size = foot length in mm
  (de.wikipedia.org/wiki/Mondopoint).
- EU (Paris point, 2/3 cm): size = 1.5 x last length in cm, with the last
  15 mm longer than the foot (greenpineresort.vn/what-size-european-shoe-do-i-wear).
- UK adult: size = 3 x last length in inches - 25, and US men: size = 3 x
  last length in inches - 24 (isegoria.net/2012/01/shoe-sizes), both with the
  last 2/3 in longer than the foot (calculator.academy Brannock rule).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from resources import SIZES_DIR

logger = logging.getLogger(__name__)

RING_SIZES_FILE = SIZES_DIR / "ring_sizes.csv"
SHOE_SIZES_FILE = SIZES_DIR / "shoe_sizes.csv"


class UnknownSizeError(ValueError):
    """A size label that is not in the size table.

    Attributes
    ----------
    label
        The label that was looked up.
    systems
        The size systems the table contains, in table order.
    """

    def __init__(
        self, kind: str, label: str, systems: tuple[str, ...], example: str
    ) -> None:
        self.label = label
        self.systems = systems
        super().__init__(
            f"unknown {kind} size {label!r}: use a system code, a space and a "
            f"size from the {kind} size table, such as {example!r}; known "
            f"systems: {', '.join(systems)}"
        )


@dataclass(frozen=True)
class SizeRow:
    """One row of a size table.

    Attributes
    ----------
    system
        Size system code, for example ``"US"`` or ``"MP"``.
    size
        The size within its system as printed, for example ``"N½"``.
    millimetres
        Ring inner diameter or foot length, in mm.
    source
        Where the conversion comes from, as given in the table.
    """

    system: str
    size: str
    millimetres: float
    source: str

    @property
    def label(self) -> str:
        """Label used by the catalog, ``"SYSTEM SIZE"``."""
        return f"{self.system} {self.size}"


def _read_table(path: Path, value_column: str) -> tuple[SizeRow, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = tuple(
            SizeRow(
                system=row["system"],
                size=row["size"],
                millimetres=float(row[value_column]),
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        )
    logger.debug("read %s sizes from %s", len(rows), path)
    return rows


@cache
def ring_size_table() -> tuple[SizeRow, ...]:
    """Read the ring size table; ``millimetres`` is the inner diameter."""
    return _read_table(RING_SIZES_FILE, "inner_diameter_mm")


@cache
def shoe_size_table() -> tuple[SizeRow, ...]:
    """Read the shoe size table; ``millimetres`` is the foot length."""
    return _read_table(SHOE_SIZES_FILE, "foot_length_mm")


@cache
def _index(kind: str) -> Mapping[str, SizeRow]:
    table = ring_size_table() if kind == "ring" else shoe_size_table()
    return {row.label: row for row in table}


def _systems(table: tuple[SizeRow, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(row.system for row in table))


def _lookup(kind: str, label: str) -> SizeRow:
    row = _index(kind).get(label) if isinstance(label, str) else None
    if row is None:
        table = ring_size_table() if kind == "ring" else shoe_size_table()
        raise UnknownSizeError(kind, str(label), _systems(table), table[0].label)
    return row


def ring_size_choices() -> list[tuple[str, str]]:
    """List every ring size as ``(system, label)``, in table order.

    Returns
    -------
    list of (str, str)
        For example ``("US", "US 7")`` or ``("UK", "UK N½")``.
    """
    return [(row.system, row.label) for row in ring_size_table()]


def shoe_size_choices() -> list[tuple[str, str]]:
    """List every shoe size as ``(system, label)``, in table order."""
    return [(row.system, row.label) for row in shoe_size_table()]


def ring_inner_diameter(label: str) -> float:
    """Convert a ring size label to the band's inner diameter.

    Parameters
    ----------
    label
        ``"SYSTEM SIZE"``, for example ``"US 7"`` or ``"UK N½"``.

    Returns
    -------
    float
        Inner diameter in mm (US 7 gives 17.3228).

    Raises
    ------
    UnknownSizeError
        A ``ValueError`` naming the label and the known systems.
    """
    return _lookup("ring", label).millimetres


def shoe_foot_length(label: str) -> float:
    """Convert a shoe size label to the foot length it fits.

    Parameters
    ----------
    label
        ``"SYSTEM SIZE"``, for example ``"EU 42"`` or ``"MP 265"``.

    Returns
    -------
    float
        Foot length in mm (EU 42 gives 265.0).

    Raises
    ------
    UnknownSizeError
        A ``ValueError`` naming the label and the known systems.
    """
    return _lookup("shoe", label).millimetres
