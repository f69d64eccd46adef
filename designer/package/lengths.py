"""The one rounding of lengths written to the spec, the BOM and the drawings.

Every part size, panel size and last measurement that a factory reads goes
through :func:`round_length`, so one length reads the same in the spec's
parts table, the spec sheet, ``bom.csv`` and the DXF labels. Lengths round
to 0.1 mm, except jewelry's, which round to 0.01 mm: a ring's bore
tolerance is ±0.05 mm (``tolerances.csv``), and a setter orders calibrated
stones to the hundredth, such as 6.50 mm.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from designer.catalog import JEWELRY

LENGTH_STEP_MM = Decimal("0.1")
JEWELRY_STEP_MM = Decimal("0.01")


def length_step(family: str) -> Decimal:
    """Return the step a product family's lengths round to: 0.01 mm for jewelry."""
    return JEWELRY_STEP_MM if family == JEWELRY else LENGTH_STEP_MM


def round_length(length_mm: float, step: Decimal = LENGTH_STEP_MM) -> float:
    """Round a length in millimetres to ``step``, 0.1 mm by default, half up.

    The float's shortest decimal form is rounded, so 94.85 mm becomes
    94.9 mm as written, where ``round(94.85, 1)`` gives 94.8 because the
    binary float is slightly below 94.85.
    """
    written = Decimal(repr(float(length_mm)))
    return float(written.quantize(step, rounding=ROUND_HALF_UP))


def length_text(length_mm: float) -> str:
    """Format a rounded length for the spec sheet: 94.9, or 6.45 for jewelry.

    A length on the 0.1 mm step shows one decimal, and a finer one two.
    """
    if round_length(length_mm) == length_mm:
        return f"{length_mm:.1f}"
    return f"{round_length(length_mm, JEWELRY_STEP_MM):.2f}"
