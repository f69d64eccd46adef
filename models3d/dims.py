"""Read and check the named values a generator receives.

A generator's ``dims`` maps parameter and derived-value names from the
catalog to values: numbers (int, float or Decimal, in mm) and strings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from models3d.errors import DimensionError
from models3d.materials import load_materials

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _get(dims: Mapping[str, Any], name: str, generator: str) -> Any:
    if name not in dims:
        raise DimensionError(
            generator,
            name,
            f"missing dimension {name!r}; pass it with the design's values "
            f"(received {', '.join(sorted(dims)) or 'none'})",
        )
    return dims[name]


def length(
    dims: Mapping[str, Any], name: str, generator: str, minimum: float = 0.0
) -> float:
    """Return ``dims[name]`` as a float in mm, checked to exceed ``minimum``."""
    value = _get(dims, name, generator)
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number) or number <= minimum:
        raise DimensionError(
            generator,
            name,
            f"{name} must be a number of mm greater than {minimum:g}, got {value!r}",
        )
    return number


def choice(
    dims: Mapping[str, Any], name: str, generator: str, allowed: Iterable[str]
) -> str:
    """Return ``dims[name]``, checked to be one of ``allowed``."""
    value = _get(dims, name, generator)
    options = tuple(allowed)
    if value not in options:
        raise DimensionError(
            generator,
            name,
            f"{name} must be one of {', '.join(options)}, got {value!r}",
        )
    return value


def material_id(dims: Mapping[str, Any], name: str, generator: str) -> str:
    """Return ``dims[name]``, checked to be a material in materials.csv."""
    return choice(dims, name, generator, load_materials())


def colour(dims: Mapping[str, Any], name: str, generator: str) -> str:
    """Return ``dims[name]``, checked to be a ``#rrggbb`` colour."""
    value = _get(dims, name, generator)
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise DimensionError(
            generator, name, f"{name} must be a #rrggbb colour, got {value!r}"
        )
    return value
