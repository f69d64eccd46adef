"""An upper's opening built into its lofts, against manifold3d."""

import logging

import numpy as np
import pytest

from models3d import sneaker
from models3d.clipping import AboveLine
from models3d.footwear import (
    ARCH_THETA,
    UpperShape,
    arch,
    hollow,
    opened_hollow,
    opening_thetas,
    upper_shape,
)
from models3d.last import Last
from models3d.meshing import compact
from models3d.opening import (
    EASE_MM,
    END_ANGLES,
    FRONT_OFFSETS_MM,
    SHEAR_SLOPE,
    OpeningDoesNotFit,
    Slot,
    edge_angles,
    front_stations,
    held_rows,
    zipper,
)
from models3d.shoe import FOREFOOT_MM, UPPER, UPPER_WALL_MM, WELT_MM
from models3d.solids import subtract
from tests.models3d.helpers import (
    assert_matches_resampled,
    assert_solid,
    catalog_dims,
    crossing_face_pairs,
)

SLOT = Slot(10.0, 60.0, (9.0, 2.0))


def oxford_shape(length=270.0, ratio=0.37, style=UPPER):
    last = Last(length, ratio * length, "round", 25.0, 10.0)
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    return upper_shape(outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, style)


def shape_thetas(shape):
    """Return the inner loft's floor and both lofts' angles and gap
    stations, as ``opened_hollow`` finds them."""
    floor = np.interp(shape.inner.x, shape.outer.x, shape.outer.base)
    collar = shape.cutters[0]
    thetas, rows = opening_thetas(shape.outer, shape.inner, collar, shape.slot, floor)
    return floor, thetas, rows


def opened(shape):
    collar = shape.cutters[0]
    vertices, faces = opened_hollow(shape.outer, shape.inner, collar, shape.slot)
    return compact(vertices, faces)


def test_half_width_tapers_then_rounds():
    x = np.array(SLOT.stations())
    half = SLOT.half_width(x)
    assert half[0] == 9.0
    assert half[1] == 2.0
    np.testing.assert_allclose(half[1:], 2.0 * np.cos(END_ANGLES), atol=1e-12)
    assert SLOT.half_width(np.array([35.0]))[0] == pytest.approx(5.5)
    assert SLOT.end == x[-1]


def test_edge_angles_reach_edges():
    middle, half, exponent = np.array([3.0]), np.array([40.0]), np.array([3.5])
    edges = (np.array([10.0]), np.array([-2.0]))
    high, low = edge_angles(middle, half, exponent, edges)
    angles = np.array([high[0], low[0]])
    y, _ = arch(middle - half, middle + half, 0.0, 50.0, exponent, angles)
    np.testing.assert_allclose(y, [10.0, -2.0], atol=1e-9)
    with pytest.raises(OpeningDoesNotFit):
        edge_angles(middle, half, exponent, (np.array([50.0]), np.array([-2.0])))


def test_zipper_advances_one_vertex_each():
    first, second = np.array([0, 1, 2]), np.array([10, 11, 12, 13])
    first_x, second_x = np.array([0.0, 1.0, 3.0]), np.array([0.0, 0.5, 2.0, 3.0])
    faces = zipper(first, first_x, second, second_x)
    assert len(faces) == 5
    np.testing.assert_array_equal(
        faces, [[0, 11, 10], [0, 1, 11], [1, 12, 11], [1, 2, 12], [2, 13, 12]]
    )


def test_front_stations_around_crossing():
    x = np.linspace(0.0, 10.0, 11)
    stations = front_stations(x, x - 4.25)
    np.testing.assert_allclose(stations, 4.25 + np.array(FRONT_OFFSETS_MM))
    assert front_stations(x, x + 1.0) == ()


def test_opened_hollow_matches_boolean():
    shape = oxford_shape()
    upper = opened(shape)
    assert_solid(upper, "hollow with its opening")
    # The slot's prism has a round end, the lofts a polygon of four
    # stations with a short straight end, so the two differ by slivers
    # there, besides the arches' sampling.
    reference = subtract(hollow(shape.outer, shape.inner), shape.tools)
    assert_matches_resampled(upper, reference)
    assert len(crossing_face_pairs(upper)) == 0


def test_opening_edges_on_collar_and_slot():
    shape = oxford_shape()
    collar = shape.cutters[0]
    _, thetas, rows = shape_thetas(shape)
    middle = len(ARCH_THETA) // 2
    for dome, theta, row in zip((shape.outer, shape.inner), thetas, rows, strict=True):
        assert np.all(np.diff(theta, axis=1) > 0.0)
        column = (row, None)
        y, z = arch(
            dome.low[column],
            dome.high[column],
            dome.base[column],
            dome.height[column],
            dome.exponent[column],
            theta[row][:, [middle - 1, middle]],
        )
        x = dome.x[row]
        line = collar.height(x)
        # The slot follows the crown up to the throat, and its round end
        # is centred on the crown there.
        throat = shape.slot.throat
        centre = shape.outer.crown(np.minimum(x, throat))
        on_line = np.isclose(z, line[:, None], atol=1e-9)
        in_slot = (x >= shape.slot.start) & (x <= shape.slot.end)
        half = np.where(in_slot, shape.slot.half_width(x), np.nan)
        on_slot = np.isclose(np.abs(y - centre[:, None]), half[:, None], atol=1e-9)
        # Every edge point lies on the collar line or on the slot's edge.
        assert np.all(on_line | on_slot)
        assert on_line.any()
        assert on_slot.any()


def test_closed_arches_ease_toward_gap():
    shape = oxford_shape()
    floor, thetas, rows = shape_thetas(shape)
    middle = [len(ARCH_THETA) // 2 - 1, len(ARCH_THETA) // 2]
    lofts = zip((shape.outer, shape.inner), thetas, rows, (None, floor), strict=True)
    for dome, theta, row, cut in lofts:
        own = dome.surface_theta(cut)
        ahead = dome.x - dome.x[row[-1]]
        near = (ahead > 0.0) & (ahead < EASE_MM)
        assert near.any()
        # Arches from EASE_MM on keep their own angles.
        np.testing.assert_array_equal(theta[ahead >= EASE_MM], own[ahead >= EASE_MM])
        # Nearer ones take angles between their own and the split at the
        # gap's edges, in order along the arch.
        assert np.all(np.diff(theta[near], axis=1) > 0.0)
        edges = theta[row[-1], middle]
        eased = np.abs(theta[near][:, middle] - edges)
        assert np.all(eased < np.abs(own[near][:, middle] - edges))
        assert np.all(theta[near][:, middle[0]] < np.pi / 2.0)
        assert np.all(theta[near][:, middle[1]] > np.pi / 2.0)


def test_points_held_back_into_slot():
    # Where the collar's gap narrows into the slot's, no point moves toward
    # the crown past its neighbour on the station behind, give or take
    # SHEAR_SLOPE per mm between the stations.
    shape = oxford_shape()
    _, thetas, rows = shape_thetas(shape)
    half = len(ARCH_THETA) // 2
    for dome, theta, row in zip((shape.outer, shape.inner), thetas, rows, strict=True):
        sheared = held_rows(dome.x, row, shape.slot)
        assert len(sheared) > 2
        assert dome.x[sheared[0]] >= shape.slot.start
        assert dome.x[sheared[-1]] <= shape.slot.throat
        slack = SHEAR_SLOPE * np.diff(dome.x[sheared])[:, None] + 1e-12
        behind, ahead = theta[sheared[:-1]], theta[sheared[1:]]
        assert np.all(ahead[:, half + 1 : -1] >= behind[:, half:-2] - slack)
        assert np.all(ahead[:, 1 : half - 1] <= behind[:, 2:half] + slack)
        assert np.all(np.diff(theta, axis=1) > 0.0)


def test_no_points_held_back_without_slot():
    rows = np.arange(5)
    assert len(held_rows(np.linspace(0.0, 40.0, 5), rows, None)) == 0


def test_collar_ending_inside_upper_is_cut_instead(caplog):
    shape = oxford_shape()
    collar = shape.cutters[0]
    # A collar line that stops under the instep leaves the region's front
    # end inside the leather, which neither the lofts nor the cut follow.
    short = AboveLine(collar.x[:40], collar.z[:40], collar.ceiling, collar.half_width)
    with pytest.raises(OpeningDoesNotFit, match="ends inside the upper"):
        opened_hollow(shape.outer, shape.inner, short, shape.slot)
    broken = UpperShape(shape.outer, shape.inner, (short, shape.cutters[1]), shape.slot)
    with caplog.at_level(logging.DEBUG, logger="models3d.footwear"):
        shell = broken.shell.mesh()
    assert "cutting the opening instead" in caplog.text
    assert "using a boolean" in caplog.text
    assert_solid(shell, "shell cut with a boolean")


def test_too_wide_slot_is_cut_instead(caplog):
    # On a very narrow last a wide slot reaches outside the arches, so the
    # shell cuts it as before.
    wide = type(UPPER)(**{**UPPER.__dict__, "slot_width": (30.0, 20.0)})
    shape = oxford_shape(200.0, 0.22, wide)
    with pytest.raises(OpeningDoesNotFit):
        opened(shape)
    with caplog.at_level(logging.DEBUG, logger="models3d.footwear"):
        shell = shape.shell.mesh()
    assert "cutting the opening instead" in caplog.text
    assert_solid(shell, "shell with its opening cut")


def sneaker_shape(**values):
    dims = catalog_dims("shoe-sneaker", **values)
    last = Last.from_dims(dims, "sneaker")
    outline = last.outline(last.ball_width + 2.0 * sneaker.WELT_MM)
    return upper_shape(
        outline,
        last,
        dims["sole_height"],
        sneaker.WELT_MM,
        sneaker.UPPER_WALL_MM,
        sneaker.UPPER,
    )


def largest_sagitta(dome, collar):
    """Return the most (mm) the collar line bends away from its chord
    between two neighbouring stations where it cuts the loft's top."""
    x = dome.x
    line = collar.height(x)
    cut = line < dome.base + dome.height
    inside = np.flatnonzero(cut[:-1] & cut[1:])
    share = np.linspace(0.0, 1.0, 41)[1:-1]
    start = x[inside, None]
    step = (x[inside + 1] - x[inside])[:, None]
    chord = line[inside, None] + (line[inside + 1] - line[inside])[:, None] * share
    bend = np.abs(collar.height(start + step * share) - chord)
    return float(bend.max())


@pytest.mark.parametrize(
    ("build", "values"),
    [
        (oxford_shape, {}),
        (oxford_shape, {"length": 300.0, "ratio": 0.42}),
        (sneaker_shape, {}),
        (
            sneaker_shape,
            {"size_system": "MP", "size": "MP 220", "width_fitting": "extra_wide"},
        ),
    ],
    ids=["oxford", "wide oxford", "sneaker", "small wide sneaker"],
)
def test_collar_line_follows_stations(build, values):
    # Between stations the opening's edge is straight, so a collar line
    # bending away from its chord there would leave the edge off the line.
    # Without the added stations it bends 0.3 to 0.9 mm away on these.
    shape = build(**values)
    collar = shape.cutters[0]
    for dome in (shape.outer, shape.inner):
        assert largest_sagitta(dome, collar) <= 0.2
