"""A lacing slot built into an upper's lofts, against manifold3d."""

import logging

import numpy as np
import pytest

from models3d.footwear import arch, slot_theta, slotted_hollow, upper_shape
from models3d.lacing_slot import (
    END_ANGLES,
    Slot,
    SlotDoesNotFit,
    edge_angles,
    strip_faces,
    zipper,
)
from models3d.last import Last
from models3d.meshing import compact
from models3d.shoe import FOREFOOT_MM, UPPER, UPPER_WALL_MM, WELT_MM
from models3d.solids import subtract
from tests.models3d.helpers import (
    assert_matches_boolean,
    assert_solid,
    crossing_face_pairs,
    sampled_hollow,
)

SLOT = Slot(10.0, 60.0, (9.0, 2.0))


def oxford_shape(length=270.0, ratio=0.37, style=UPPER):
    last = Last(length, ratio * length, "round", 25.0, 10.0)
    outline = last.outline(last.ball_width + 2.0 * WELT_MM)
    return upper_shape(outline, last, FOREFOOT_MM, WELT_MM, UPPER_WALL_MM, style)


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
    y, _ = arch(
        middle - half, middle + half, 0.0, 50.0, exponent, np.array([high[0], low[0]])
    )
    np.testing.assert_allclose(y, [10.0, -2.0], atol=1e-9)
    with pytest.raises(SlotDoesNotFit):
        edge_angles(middle, half, exponent, (np.array([50.0]), np.array([-2.0])))


def test_zipper_advances_one_vertex_each():
    first, second = np.array([0, 1, 2]), np.array([10, 11, 12, 13])
    faces = zipper(
        first, np.array([0.0, 1.0, 3.0]), second, np.array([0.0, 0.5, 2.0, 3.0])
    )
    assert len(faces) == 5
    np.testing.assert_array_equal(
        faces, [[0, 11, 10], [0, 1, 11], [1, 12, 11], [1, 2, 12], [2, 13, 12]]
    )


def test_strip_faces_drops_only_strip():
    size = 6
    # One triangle between each pair of neighbouring columns and rows, so
    # only one lies wholly on rows 1 to 2 and columns 2 to 3.
    corners = [
        [row * size + column, row * size + column + 1, (row + 1) * size + column]
        for row in range(3)
        for column in range(5)
    ]
    faces = np.array(corners)
    kept = strip_faces(faces, size, np.array([1, 2]), (2, 3))
    assert len(kept) == len(faces) - 1
    assert [1 * size + 2, 1 * size + 3, 2 * size + 2] not in kept.tolist()


def test_slotted_hollow_matches_boolean():
    shape = oxford_shape()
    vertices, faces = slotted_hollow(shape.outer, shape.inner, shape.slot)
    slotted = compact(vertices, faces)
    assert_solid(slotted, "hollow with its slot")
    # The slot's prism has a round end, the lofts a polygon of four
    # stations with a short straight end, so the two differ by slivers
    # there.
    reference = subtract(sampled_hollow(shape), [shape.cutters[-1].mesh()])
    assert_matches_boolean(slotted, reference)
    assert len(crossing_face_pairs(slotted)) == 0


def test_slot_theta_keeps_edges_between_points():
    shape = oxford_shape()
    outer = shape.outer
    theta, rows, (high, low) = slot_theta(
        outer, outer, shape.slot, outer.surface_theta()
    )
    assert np.all(np.diff(theta, axis=1) > 0.0)
    y, _ = outer.arches_at(theta)
    crown = outer.crown(outer.x[rows])
    half = shape.slot.half_width(outer.x[rows])
    np.testing.assert_allclose(y[rows, high], crown + half, atol=1e-9)
    np.testing.assert_allclose(y[rows, low], crown - half, atol=1e-9)


def test_too_wide_slot_is_cut_instead(caplog):
    # On a very narrow last a wide slot reaches past the points the lofts
    # may move, so the shell cuts it as before.
    wide = type(UPPER)(**{**UPPER.__dict__, "slot_width": (30.0, 20.0)})
    shape = oxford_shape(200.0, 0.22, wide)
    with pytest.raises(SlotDoesNotFit):
        slotted_hollow(shape.outer, shape.inner, shape.slot)
    with caplog.at_level(logging.DEBUG, logger="models3d.footwear"):
        shell = shape.shell.mesh()
    assert "cutting the lacing slot instead" in caplog.text
    assert_solid(shell, "shell with its slot cut")
