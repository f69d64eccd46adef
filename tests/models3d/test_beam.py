"""Table-top sag: worked examples and the formula's scaling laws."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models3d.beam import beam_sag

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
