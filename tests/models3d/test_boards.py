"""Board parts: blank sizes, the cut list and board quantities."""

from itertools import pairwise

import numpy as np
import pytest

from models3d.boards import (
    BACK_MATERIAL,
    BoardPart,
    Carcass,
    back_seams,
    board,
    board_totals,
    edge_radius,
    fits_back_sheet,
    panels,
)
from models3d.dims import DimensionError
from models3d.materials import material
from models3d.meshing import rounded_box_volume
from models3d.parts import Part
from tests.models3d.helpers import assert_solid


def test_board_blank_from_box():
    part = board("shelf", "oak", (0, 0, 100), (800, 280, 119), "x")
    assert_solid(part.mesh, "shelf")
    assert (part.length, part.width, part.thickness) == (800.0, 280.0, 19.0)
    assert part.mesh.bounds.tolist() == [[0, 0, 100], [800, 280, 119]]


@pytest.mark.parametrize(
    ("high", "radius"),
    [((800, 280, 19), 2.0), ((800, 280, 12), 1.5), ((600, 6, 300), 0.75)],
)
def test_board_edges_rounded(high, radius):
    part = board("shelf", "oak", (0, 0, 0), high, "x")
    assert part.edge_radius_mm == radius
    assert edge_radius(high) == radius
    assert_solid(part.mesh, "shelf")
    assert part.mesh.bounds.tolist() == [[0, 0, 0], list(high)]
    assert not np.any(np.all(part.mesh.vertices == high, axis=1))
    assert part.mesh.volume < np.prod(high)
    assert part.mesh.volume == pytest.approx(rounded_box_volume(high, radius), rel=1e-3)


def test_board_sharp_on_request():
    part = board("back", BACK_MATERIAL, (0, 0, 0), (600, 6.5, 900), "z", radius=0.0)
    assert part.edge_radius_mm == 0.0
    assert len(part.mesh.faces) == 12
    assert part.mesh.volume == pytest.approx(600 * 6.5 * 900)


def test_board_grain_across():
    part = board("side", "oak", (0, 0, 0), (19, 280, 1800), "y")
    assert (part.length, part.width, part.thickness) == (280.0, 1800.0, 19.0)


@pytest.mark.parametrize(
    ("low", "high", "axis", "fragment"),
    [
        ((0, 0, 0), (0, 10, 10), "x", "positive sides"),
        ((0, 0, 0), (19, 280, 1800), "x", "along its 19 mm thickness"),
    ],
)
def test_board_rejects_shape(low, high, axis, fragment):
    with pytest.raises(ValueError, match=fragment):
        board("panel", "mdf", low, high, axis)


def test_panels_skip_other_parts():
    box = board("top", "birch_plywood", (0, 0, 0), (600, 300, 18), "x", grain=True)
    other = Part(name="leg", mesh=box.mesh, material="oak")
    listed = panels([box, other])
    assert [p.name for p in listed] == ["top"]
    assert listed[0].area_m2 == pytest.approx(0.18)
    assert listed[0].grain


def test_board_totals_by_material():
    parts = [
        board("a", "mdf", (0, 0, 0), (1000, 500, 19), "x", grain=False),
        board("b", "mdf", (0, 0, 19), (500, 500, 38), "x", grain=False),
        board("c", "oak", (0, 0, 38), (1000, 100, 63), "x"),
    ]
    totals = board_totals(parts)
    assert list(totals) == ["mdf", "oak"]
    assert totals["mdf"].count == 2
    assert totals["mdf"].area_m2 == pytest.approx(0.75)
    # The masses are the rounded boards', whose facets cut under the true
    # round-over by far less than 0.1 % of a board's volume.
    rounded = sum(
        rounded_box_volume(part.mesh.extents, part.edge_radius_mm) for part in parts[:2]
    )
    assert totals["mdf"].mass_kg == pytest.approx(
        rounded * material("mdf").density_g_cm3 / 1e6, rel=1e-3
    )
    assert totals["mdf"].mass_kg < 0.75e6 * 19 * material("mdf").density_g_cm3 / 1e6
    assert totals["oak"].count == 1


def test_board_part_is_a_part():
    assert issubclass(BoardPart, Part)


@pytest.mark.parametrize(
    ("width", "height", "supports", "seams"),
    [
        (1200, 2400, [], []),
        (2400, 1200, [], []),
        (1220, 1220, [], []),
        (1250, 1250, [-100, 0, 100], [100]),
        (2400, 2000, [-800, -400, 0, 400, 800], [0]),
        (2400, 2000, [-396, 396], [-396, 396]),
        (3600, 1800, [-1200, -600, 0, 600, 1200], [-600, 600]),
    ],
)
def test_back_seams_fewest_pieces(width, height, supports, seams):
    chosen = back_seams("bookshelf", width, height, supports)
    assert chosen == seams
    edges = [-width / 2, *chosen, width / 2]
    for left, right in pairwise(edges):
        assert fits_back_sheet(right - left, height)


def test_back_seams_need_a_support():
    with pytest.raises(DimensionError, match="1500 x 1500 mm back panel") as caught:
        back_seams("cabinet", 1500, 1500, [])
    assert caught.value.name == "width"
    assert "within 1220 mm of X = -750 mm" in str(caught.value)


def test_back_seams_reject_back_taller_than_sheet():
    with pytest.raises(DimensionError, match="fits no 2440 x 1220 mm"):
        back_seams("bookshelf", 1000, 2500, [0])


def test_split_back_pieces_tile_the_back():
    carcass = Carcass("oak", 1600, 1400, -150, 150, 19, 6.5, 60, 15)
    pieces = carcass.back_panels([-200.0])
    assert [piece.name for piece in pieces] == ["back_1", "back_2"]
    assert [piece.mesh.bounds[:, 0].tolist() for piece in pieces] == [
        [-800, -200],
        [-200, 800],
    ]
    for piece in pieces:
        assert_solid(piece.mesh, piece.name)
        assert piece.edge_radius_mm == 0.0
        assert piece.material == BACK_MATERIAL
        assert piece.thickness == 6.5
        assert piece.mesh.bounds[:, 1].tolist() == [143.5, 150]
    # The 1400 mm height is the longer side of both pieces, so the grain
    # runs up them.
    assert [(piece.length, piece.width) for piece in pieces] == [
        (1400, 600),
        (1400, 1000),
    ]
    (whole,) = carcass.back_panels()
    assert whole.name == "back"


def test_plinth_rail_behind_plinth_under_bottom():
    carcass = Carcass("oak", 1600, 1400, -150, 150, 19, 6.5, 60, 15)
    rail = carcass.plinth_rail("plinth_rail_1", -200.0)
    assert rail.mesh.bounds.tolist() == [[-209.5, -116, 0], [-190.5, 143.5, 60]]
    assert (rail.length, rail.width, rail.thickness) == (259.5, 60, 19)
