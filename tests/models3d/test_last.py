"""The parametric last: outline, bottom curve, heights and value checks."""

import numpy as np
import pytest
from shapely.geometry import LineString

from models3d.dims import DimensionError
from models3d.last import HEEL_SEAT_END, TOE_SHAPES, TREAD, Last
from tests.models3d.helpers import choice_values


def width_at(outline, length, fraction):
    x = (fraction - 0.5) * length
    return outline.intersection(LineString([(x, -200.0), (x, 200.0)])).length


def last_values(**values):
    base = {
        "last_length": 280.0,
        "ball_width": 98.0,
        "toe_shape": "round",
        "heel_height": 20.0,
        "toe_spring": 12.0,
    }
    return {**base, **values}


def test_catalog_toe_shapes_known():
    for model_id in ("shoe-oxford", "shoe-sneaker", "shoe-boot"):
        assert set(choice_values(model_id, "toe_shape")) <= set(TOE_SHAPES)


@pytest.mark.parametrize("toe", TOE_SHAPES)
def test_outline_bounds_exact(toe):
    outline = Last(280.0, 98.0, toe).outline(104.0)
    assert outline.is_valid
    assert outline.exterior.is_ccw
    assert outline.bounds == pytest.approx((-140.0, -52.0, 140.0, 52.0), abs=1e-9)


@pytest.mark.parametrize("toe", TOE_SHAPES)
def test_outline_foot_shaped(toe):
    outline = Last(280.0, 98.0, toe).outline(104.0)
    ball = width_at(outline, 280.0, 0.70)
    assert width_at(outline, 280.0, 0.40) < 0.8 * ball
    assert width_at(outline, 280.0, 0.12) < ball
    # Rounded, not square, heel: 1.4 mm from its end it is still narrow.
    assert 0.0 < width_at(outline, 280.0, 0.005) < 0.4 * width_at(outline, 280.0, 0.12)


@pytest.mark.parametrize("toe", TOE_SHAPES)
def test_outline_counter_clockwise(toe):
    outline = Last(280.0, 98.0, toe).outline(104.0)
    assert outline.exterior.is_ccw


def test_toe_shapes_close_differently():
    widths = {
        toe: width_at(Last(280.0, 98.0, toe).outline(104.0), 280.0, 0.97)
        for toe in TOE_SHAPES
    }
    assert widths["square"] > widths["round"] > widths["almond"]
    assert widths["square"] > 0.7 * 104.0
    assert widths["almond"] < 0.45 * 104.0


def test_bottom_follows_heel_and_spring():
    last = Last(280.0, 98.0, "round", heel_height=25.0, toe_spring=14.0)
    x = np.array([last.at(0.0), last.at(HEEL_SEAT_END), last.at(TREAD), last.at(1.0)])
    assert last.bottom(x) == pytest.approx([25.0, 25.0, 0.0, 14.0])
    shank = last.bottom(np.linspace(last.at(HEEL_SEAT_END), last.at(TREAD), 50))
    assert np.all(np.diff(shank) <= 1e-12)
    toe = last.bottom(np.linspace(last.at(TREAD), last.at(1.0), 50))
    assert np.all(np.diff(toe) >= 0.0)


def test_toe_box_scale_raises_forefoot_only():
    last = Last(280.0, 98.0)
    x = np.array([last.at(0.3), last.at(0.85)])
    plain, roomy = last.height(x, 140.0), last.height(x, 140.0, toe_box=1.2)
    assert roomy[0] == pytest.approx(plain[0])
    assert roomy[1] == pytest.approx(1.2 * plain[1])


def test_square_toe_boxier_than_almond():
    x = np.array([139.9])
    square = Last(280.0, 98.0, "square")
    almond = Last(280.0, 98.0, "almond")
    assert square.height(x, 140.0)[0] > 2.0 * almond.height(x, 140.0)[0]
    assert square.exponent(x)[0] > almond.exponent(x)[0]


def test_from_dims_reads_values():
    last = Last.from_dims(last_values(toe_shape="almond"), "shoe")
    assert last == Last(280.0, 98.0, "almond", 20.0, 12.0)


def test_from_dims_accepts_flat_heel():
    assert (
        Last.from_dims(last_values(heel_height=0, toe_spring=0), "shoe").toe_spring == 0
    )


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("last_length", 120.0, "150 to 400 mm"),
        ("ball_width", 30.0, "0.2 to 0.6 times last_length"),
        ("heel_height", 80.0, "0 to 60 mm"),
        ("toe_spring", -1.0, "number of mm"),
        ("toe_spring", 31.0, "0 to 30 mm"),
        ("toe_shape", "pointed", "round, almond, square"),
    ],
)
def test_from_dims_rejects_value(name, value, fragment):
    with pytest.raises(DimensionError, match=name) as caught:
        Last.from_dims(last_values(**{name: value}), "sneaker")
    assert fragment in str(caught.value)
    assert caught.value.generator == "sneaker"


def test_from_dims_names_missing_value():
    values = last_values()
    del values["toe_spring"]
    with pytest.raises(DimensionError, match="missing dimension 'toe_spring'"):
        Last.from_dims(values, "shoe")
