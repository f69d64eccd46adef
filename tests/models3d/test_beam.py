"""Table-top sag: worked examples and the formula's scaling laws."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models3d.beam import beam_sag, overhang_beam_sag

MPSI_TO_GPA = 6.894757


def test_oak_worked_example():
    assert round(beam_sag(12.5, 600, 250, 18, 30), 2) == 0.33


def test_mdf_worked_example_from_mpsi():
    assert round(beam_sag(0.35 * MPSI_TO_GPA, 800, 250, 18, 30), 2) == 5.35


def test_mdf_worked_example_rounded_modulus():
    assert beam_sag(2.41, 800, 250, 18, 30) == pytest.approx(5.35, rel=5e-3)


def test_mdf_600_span_example():
    assert round(beam_sag(0.35 * MPSI_TO_GPA, 600, 250, 18, 30), 2) == 1.69


def test_formula_value():
    # 5 w L^4 / (384 E I) with w = 30 * 9.81 / 1000 N/mm, I = b h^3 / 12.
    load = 30 * 9.81 / 1000
    second_moment = 250 * 18**3 / 12
    expected = 5 * load * 600**4 / (384 * 12500 * second_moment)
    assert beam_sag(12.5, 600, 250, 18, 30) == pytest.approx(expected, rel=1e-12)


def test_zero_load_no_sag():
    assert beam_sag(12.5, 1600, 900, 30, 0) == 0.0


@pytest.mark.parametrize(
    "arguments",
    [
        (0, 600, 250, 18, 30),
        (12.5, -600, 250, 18, 30),
        (12.5, 600, 0, 18, 30),
        (12.5, 600, 250, float("nan"), 30),
        (12.5, 600, 250, 18, -1),
    ],
)
def test_invalid_inputs_raise(arguments):
    with pytest.raises(ValueError):
        beam_sag(*arguments)


beams = st.tuples(
    st.floats(1.0, 20.0),
    st.floats(200.0, 3000.0),
    st.floats(100.0, 1200.0),
    st.floats(10.0, 60.0),
    st.floats(1.0, 100.0),
)


@settings(max_examples=50, derandomize=True)
@given(beams)
def test_sag_scales_with_span_to_fourth(beam):
    modulus, span, width, thickness, load = beam
    ratio = beam_sag(modulus, 2 * span, width, thickness, load) / beam_sag(*beam)
    assert ratio == pytest.approx(16.0, rel=1e-9)


@settings(max_examples=50, derandomize=True)
@given(beams)
def test_sag_falls_with_thickness_cubed(beam):
    modulus, span, width, thickness, load = beam
    ratio = beam_sag(*beam) / beam_sag(modulus, span, width, 2 * thickness, load)
    assert ratio == pytest.approx(8.0, rel=1e-9)


@settings(max_examples=50, derandomize=True)
@given(beams)
def test_sag_proportional_to_load_over_stiffness(beam):
    modulus, span, width, thickness, load = beam
    base = beam_sag(*beam)
    assert beam_sag(modulus, span, width, thickness, 3 * load) == pytest.approx(
        3 * base
    )
    assert beam_sag(2 * modulus, span, width, thickness, load) == pytest.approx(
        base / 2
    )
    assert beam_sag(modulus, span, 2 * width, thickness, load) == pytest.approx(
        base / 2
    )


def test_overhang_worked_example():
    # The default table's top across its depth: red oak, 700 mm between the
    # long aprons, 100 mm past each, 1800 x 30 mm under 100 kg/m.
    assert round(overhang_beam_sag(12.5, 700, 100, 1800, 30, 100), 4) == 0.0546
    assert round(beam_sag(12.5, 700, 1800, 30, 100), 4) == 0.0606


def virtual_work_sag(modulus_gpa, span, overhang, width, thickness, load):
    """Return the mid-span sag by the unit-load method, integrated
    numerically: the integral of M m / (E I) over the span, where M is the
    bending moment of the loaded beam with its overhangs and m that of a
    unit load at mid-span on the bare span."""
    load_n_mm = load * 9.81 / 1000
    stiffness = modulus_gpa * 1000 * width * thickness**3 / 12
    x = np.linspace(0.0, span, 200_001)
    # The span's own load, less the moment of each overhang's load at its
    # support, constant along the span.
    moment = load_n_mm * x * (span - x) / 2 - load_n_mm * overhang**2 / 2
    unit = np.minimum(x, span - x) / 2
    return np.trapezoid(moment * unit, x) / stiffness


@pytest.mark.parametrize(
    "beam",
    [
        (12.5, 700, 100, 1800, 30, 100),
        (2.41, 1000, 100, 2400, 18, 50),
        (9.0, 500, 150, 1200, 25, 85.7),
        (12.5, 2800, 100, 25, 90, 17.2),
    ],
)
def test_overhang_sag_matches_virtual_work(beam):
    assert overhang_beam_sag(*beam) == pytest.approx(virtual_work_sag(*beam), rel=1e-6)


def test_no_overhang_is_simple_beam():
    assert overhang_beam_sag(12.5, 600, 0, 250, 18, 30) == pytest.approx(
        beam_sag(12.5, 600, 250, 18, 30), rel=1e-12
    )


def test_long_overhangs_lift_the_middle():
    # The middle stays put where 24 a^2 = 5 L^2, and rises past it.
    span = 1000.0
    level = span * np.sqrt(5 / 24)
    assert overhang_beam_sag(12.5, span, level, 250, 18, 30) == pytest.approx(
        0.0, abs=1e-12
    )
    assert overhang_beam_sag(12.5, span, level + 10, 250, 18, 30) < 0


@pytest.mark.parametrize(
    "arguments",
    [
        (12.5, 600, -1, 250, 18, 30),
        (12.5, 600, float("inf"), 250, 18, 30),
        (12.5, 0, 100, 250, 18, 30),
        (12.5, 600, 100, 250, 18, -1),
    ],
)
def test_overhang_invalid_inputs_raise(arguments):
    with pytest.raises(ValueError):
        overhang_beam_sag(*arguments)


@settings(max_examples=50, derandomize=True)
@given(beams, st.floats(0.0, 0.4))
def test_overhangs_lessen_sag(beam, fraction):
    modulus, span, width, thickness, load = beam
    plain = beam_sag(*beam)
    sag = overhang_beam_sag(modulus, span, fraction * span, width, thickness, load)
    assert sag <= plain
    assert sag == pytest.approx(plain * (1 - 24 * fraction**2 / 5), rel=1e-9)
