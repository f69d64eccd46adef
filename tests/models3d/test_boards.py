"""Board parts: blank sizes, the cut list and board quantities."""

import pytest

from models3d.boards import BoardPart, board, board_totals, panels
from models3d.materials import material
from models3d.parts import Part
from tests.models3d.helpers import assert_solid


def test_board_blank_from_box():
    part = board("shelf", "oak", (0, 0, 100), (800, 280, 119), "x")
    assert_solid(part.mesh, "shelf")
    assert (part.length, part.width, part.thickness) == (800.0, 280.0, 19.0)
    assert part.mesh.bounds.tolist() == [[0, 0, 100], [800, 280, 119]]


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
    assert totals["mdf"].mass_kg == pytest.approx(
        0.75e6 * 19 * material("mdf").density_g_cm3 / 1e6
    )
    assert totals["oak"].count == 1


def test_board_part_is_a_part():
    assert issubclass(BoardPart, Part)
