"""Board panels found among parts, and their nesting on sheets."""

import itertools
from dataclasses import replace

import numpy as np
import pytest
import trimesh

from designer.package.nesting import KERF_MM, nest
from designer.package.panels import FACE_A, FACE_B, find_panels
from designer.package.tables import find_stock, panel_stock
from models3d.boards import BoardPart
from models3d.boards import board as rounded_board
from models3d.parts import Hole, Kerf, Part


def board(
    name,
    extents,
    material="birch_plywood",
    centre=(0.0, 0.0, 0.0),
    rotation=None,
    **fields,
):
    mesh = trimesh.creation.box(extents=extents)
    if rotation is not None:
        mesh.apply_transform(rotation)
    mesh.apply_translation(centre)
    return Part(name, mesh, material, **fields)


def turn(angle_degrees, axis):
    return trimesh.transformations.rotation_matrix(np.radians(angle_degrees), axis)


def test_flat_board_is_panel_with_stock():
    (panel,) = find_panels([board("shelf", [800, 300, 18])])
    assert (panel.length, panel.width, panel.thickness) == pytest.approx((800, 300, 18))
    assert panel.stock is not None
    assert panel.stock.thickness == 18
    assert panel.stock.tolerance_text == "+0.7/-0.9 mm"
    assert panel.face_a == pytest.approx((0.0, 0.0, 1.0))


def test_plywood_bands_every_edge_by_default():
    (panel,) = find_panels([board("shelf", [800, 300, 18])])
    assert panel.banded == ("L1", "L2", "W1", "W2")
    assert panel.band_thickness == 2.0
    assert panel.cut_length == pytest.approx(796)
    assert panel.cut_width == pytest.approx(296)
    assert panel.band_length == pytest.approx(2 * 800 + 2 * 300)


def test_mdf_stays_unbanded_by_default():
    (panel,) = find_panels([board("door", [700, 400, 19], "mdf")])
    assert panel.banded == ()
    assert (panel.cut_length, panel.cut_width) == pytest.approx((700, 400))


def test_square_leg_is_not_panel():
    parts = [board("leg", [70, 70, 700], "oak"), board("rail", [700, 70, 25], "oak")]
    assert find_panels(parts) == []


def test_metal_part_is_not_panel():
    assert find_panels([board("plate", [300, 200, 3], "steel")]) == []


def test_cylinder_is_not_panel():
    disc = trimesh.creation.cylinder(radius=200, height=18, sections=64)
    assert find_panels([Part("round_top", disc, "birch_plywood")]) == []


def test_tilted_board_measured_by_oriented_box():
    tilt = turn(35, [1, 0, 0]) @ turn(20, [0, 0, 1])
    (panel,) = find_panels([board("back", [600, 400, 12], rotation=tilt)])
    assert (panel.length, panel.width, panel.thickness) == pytest.approx(
        (600, 400, 12), abs=1e-6
    )


def test_standing_board_faces_plus_x():
    side = board("side", [18, 300, 900], centre=(400, 0, 450))
    (panel,) = find_panels([side])
    assert panel.face_a == pytest.approx((1.0, 0.0, 0.0))
    assert (panel.length, panel.width) == pytest.approx((900, 300))


def test_banded_front_edge_named_by_direction():
    shelf = board("shelf", [800, 300, 18], banded_edges=("-y",))
    (panel,) = find_panels([shelf])
    # Length runs along +x and face A looks up, so L1 (y = 0) faces -y.
    assert panel.banded == ("L1",)
    assert panel.cut_width == pytest.approx(298)
    assert panel.cut_length == pytest.approx(800)


def test_banded_edges_follow_standing_panel():
    side = board("side", [18, 300, 900], banded_edges=("-y", "+z"))
    (panel,) = find_panels([side])
    # Length runs along +z, face A looks toward +x, so y runs along -y.
    assert set(panel.banded) == {"L2", "W2"}


def test_no_banding_when_asked_for_none():
    (panel,) = find_panels([board("shelf", [800, 300, 18], banded_edges=())])
    assert panel.banded == ()


def test_banding_a_face_is_rejected():
    shelf = board("shelf", [800, 300, 18], banded_edges=("+z",))
    with pytest.raises(ValueError, match="'shelf'.*'\\+z'.*broad faces"):
        find_panels([shelf])


def test_banding_without_band_material_is_rejected():
    top = board("top", [1200, 800, 30], "oak", banded_edges=("-y",))
    with pytest.raises(ValueError, match="oak has no edge band in panels.csv"):
        find_panels([top])


def test_holes_from_underside_make_it_face_a():
    hole = Hole((300.0, 100.0, 0.0), (0.0, 0.0, 1.0), 10.0, 12.0)
    top = board("top", [800, 400, 18], centre=(0, 0, 9), holes=(hole,))
    (panel,) = find_panels([top])
    assert panel.face_a == pytest.approx((0.0, 0.0, -1.0))
    (mapped,) = panel.holes
    assert mapped.face == FACE_A
    assert not mapped.through
    # Seen from below, x still runs along +X and y along -Y.
    assert (mapped.x, mapped.y) == pytest.approx((400 + 300, 200 - 100))


def test_hole_from_other_face_and_through():
    face_a = Hole((0.0, 0.0, 0.0), (0.0, 0.0, 1.0), 10.0, 10.0)
    other = Hole((100.0, 0.0, 18.0), (0.0, 0.0, -1.0), 5.0, 18.0)
    edge = Hole((400.0, 0.0, 9.0), (-1.0, 0.0, 0.0), 5.0, 30.0)
    top = board("top", [800, 400, 18], centre=(0, 0, 9), holes=(face_a, other, edge))
    (panel,) = find_panels([top])
    faces = [(hole.face, hole.through) for hole in panel.holes]
    assert faces == [(FACE_A, False), (FACE_B, True)]
    assert panel.unmapped_holes == 0
    assert panel.hole_count == 3


def test_edge_holes_located_on_their_edge():
    # Face A is the underside, so y runs along -Y and z down from the top.
    insert = Hole((0.0, 0.0, 0.0), (0.0, 0.0, 1.0), 10.0, 10.0)
    end = Hole((400.0, 50.0, 9.0), (-1.0, 0.0, 0.0), 5.0, 34.0)
    front = Hole((-100.0, -200.0, 4.0), (0.0, 1.0, 0.0), 8.0, 30.0)
    slanted = Hole((0.0, 200.0, 9.0), (0.0, -0.6, -0.8), 5.0, 10.0)
    top = board(
        "top", [800, 400, 18], centre=(0, 0, 9), holes=(insert, end, front, slanted)
    )
    (panel,) = find_panels([top])
    assert panel.face_a == pytest.approx((0.0, 0.0, -1.0))
    by_edge = {hole.edge: hole for hole in panel.edge_holes}
    assert set(by_edge) == {"W2", "L2"}
    assert by_edge["W2"].along == pytest.approx(200 - 50)
    assert by_edge["W2"].height == pytest.approx(18 - 9)
    assert (by_edge["W2"].diameter, by_edge["W2"].depth) == (5.0, 34.0)
    assert by_edge["L2"].along == pytest.approx(400 - 100)
    assert by_edge["L2"].height == pytest.approx(18 - 4)
    assert panel.unmapped_holes == 1
    assert panel.hole_count == 4


def test_kerf_face_becomes_face_a():
    # A 90 mm high rail standing on Z, its kerf cut into the -Y face.
    kerf = Kerf((-200.0, -12.5, 0.0), (-200.0, -12.5, 90.0), (0.0, 1.0, 0.0), 3, 10)
    recess = Hole((100.0, 0.0, 90.0), (0.0, 0.0, -1.0), 19.0, 3.0)
    rail = board(
        "rail",
        [800, 25, 90],
        "oak",
        centre=(0, 0, 45),
        holes=(recess,),
        kerfs=(kerf,),
    )
    (panel,) = find_panels([rail])
    assert panel.face_a == pytest.approx((0.0, -1.0, 0.0))
    (mapped,) = panel.kerfs
    assert mapped.face == FACE_A
    assert (mapped.width, mapped.depth) == (3, 10)
    # Seen from -Y with x along +X, y runs up +Z.
    assert mapped.start == pytest.approx((200.0, 0.0))
    assert mapped.end == pytest.approx((200.0, 90.0))
    (edge_hole,) = panel.edge_holes
    assert edge_hole.edge == "L2"
    assert edge_hole.along == pytest.approx(500.0)


def test_kerf_from_other_face():
    # Two holes drilled down from the top outweigh the one kerf from below.
    holes = tuple(
        Hole((x, 0.0, 18.0), (0.0, 0.0, -1.0), 5.0, 10.0) for x in (0.0, 200.0)
    )
    kerf = Kerf((-100.0, -200.0, 0.0), (-100.0, 200.0, 0.0), (0.0, 0.0, 1.0), 3, 6)
    top = board("top", [800, 400, 18], centre=(0, 0, 9), holes=holes, kerfs=(kerf,))
    (panel,) = find_panels([top])
    (mapped,) = panel.kerfs
    assert panel.face_a == pytest.approx((0.0, 0.0, 1.0))
    assert mapped.face == FACE_B
    assert mapped.start == pytest.approx((300.0, 0.0))
    assert mapped.end == pytest.approx((300.0, 400.0))


def test_non_stock_thickness_has_no_stock():
    (panel,) = find_panels([board("top", [800, 400, 40], "mdf")])
    assert panel.stock is None
    assert panel.sheet.material == "mdf"


def test_find_stock_within_tolerance_only():
    assert find_stock("birch_plywood", 17.2).thickness == 18
    assert find_stock("birch_plywood", 19.0) is None
    assert find_stock("unobtainium", 18) is None


def test_panel_table_rows_are_complete():
    for stock in panel_stock():
        assert stock.thickness > 0
        assert stock.sheet_length >= stock.sheet_width > 0
        assert stock.plus >= 0
        assert stock.minus >= 0
        assert stock.source
        assert (stock.edge_band_thickness > 0) == bool(stock.edge_banding)


def overlaps(first, second, gap):
    (ax, ay), (aw, ah) = (first.x, first.y), first.size_on_sheet
    (bx, by), (bw, bh) = (second.x, second.y), second.size_on_sheet
    apart_x = ax + aw + gap <= bx + 1e-9 or bx + bw + gap <= ax + 1e-9
    apart_y = ay + ah + gap <= by + 1e-9 or by + bh + gap <= ay + 1e-9
    return not (apart_x or apart_y)


def carcass_panels(material="birch_plywood", thickness=18):
    sizes = [(1800, 400)] * 2 + [(764, 400)] * 6 + [(1800, 800), (900, 300)]
    parts = [
        board(f"panel_{index}", [length, width, thickness], material)
        for index, (length, width) in enumerate(sizes)
    ]
    return find_panels(parts)


def test_nesting_places_every_panel_once():
    panels = carcass_panels()
    nesting = nest(panels)
    placed = [p.panel.part for sheet in nesting.sheets for p in sheet.placements]
    assert sorted(placed) == sorted(panel.part for panel in panels)
    assert nesting.oversized == ()


def test_nesting_keeps_panels_on_sheet_and_apart():
    nesting = nest(carcass_panels())
    assert len(nesting.sheets) >= 2
    for sheet in nesting.sheets:
        assert (sheet.length, sheet.width) == (2440, 1220)
        for placement in sheet.placements:
            along, across = placement.size_on_sheet
            assert placement.x >= 0
            assert placement.y >= 0
            assert placement.x + along <= sheet.length + 1e-9
            assert placement.y + across <= sheet.width + 1e-9
        for first, second in itertools.combinations(sheet.placements, 2):
            assert not overlaps(first, second, KERF_MM)


def test_nesting_yield_is_used_over_sheet_area():
    nesting = nest(carcass_panels())
    for sheet in nesting.sheets:
        used = sum(p.panel.cut_length * p.panel.cut_width for p in sheet.placements)
        assert sheet.yield_ratio == pytest.approx(used / (2440 * 1220))
    total = sum(sheet.used_area for sheet in nesting.sheets)
    area = sum(sheet.area for sheet in nesting.sheets)
    assert nesting.total_yield == pytest.approx(total / area)


def test_grain_keeps_plywood_unturned():
    nesting = nest(carcass_panels("birch_plywood"))
    assert not any(p.rotated for sheet in nesting.sheets for p in sheet.placements)


def test_mdf_panels_may_turn():
    panels = find_panels([board(f"p{i}", [1000, 1200, 18], "mdf") for i in range(2)])
    nesting = nest(panels)
    assert len(nesting.sheets) == 1
    assert all(p.rotated for p in nesting.sheets[0].placements)


def test_kerf_separates_panels():
    parts = [board(f"p{i}", [1220, 1000, 18], banded_edges=()) for i in range(2)]
    panels = find_panels(parts)
    assert len(nest(panels, kerf=4.0).sheets) == 2
    assert len(nest(panels, kerf=0.0).sheets) == 1


def test_oversized_panel_is_reported():
    panels = find_panels([board("top", [2600, 900, 18])])
    nesting = nest(panels)
    assert nesting.sheets == ()
    assert [panel.part for panel in nesting.oversized] == ["top"]
    assert nesting.total_yield is None


def test_glued_panels_are_not_nested():
    panels = find_panels([board("top", [1800, 900, 30], "oak")])
    nesting = nest(panels)
    assert nesting.sheets == ()
    assert [panel.part for panel in nesting.glued] == ["top"]


def test_negative_kerf_is_rejected():
    with pytest.raises(ValueError, match="kerf must be 0 mm or more, got -1"):
        nest([], kerf=-1)


def test_thin_plywood_stays_unbanded():
    (panel,) = find_panels([board("back", [1100, 1000, 6])])
    assert panel.stock.thickness == 6.5
    assert panel.banded == ()


def test_glued_wood_planed_to_any_thickness():
    (panel,) = find_panels([board("side", [1800, 300, 19], "oak")])
    assert panel.stock.thickness == 19
    assert panel.stock.tolerance_text == "±0.3 mm"
    assert panel.glued


def test_shaped_board_part_becomes_blank():
    leg = trimesh.creation.cylinder(radius=20, height=700, sections=32)
    part = BoardPart(
        name="leg",
        mesh=leg,
        material="walnut",
        length=700.0,
        width=45.0,
        thickness=45.0,
        holes=(Hole((0.0, 0.0, 350.0), (0.0, 0.0, -1.0), 6.0, 30.0),),
    )
    blank = board("seat_blank", [450, 420, 22], "walnut")
    leg_blank, seat = find_panels([part, blank])
    assert leg_blank.shaped
    assert (leg_blank.length, leg_blank.width, leg_blank.thickness) == (700, 45, 45)
    assert leg_blank.face_a is None
    assert leg_blank.unmapped_holes == 1
    assert not seat.shaped


def test_rounded_board_is_box_panel():
    # A short 16 mm square block with 2 mm rounded edges fills 97.5 % of its
    # box, below BOX_FILL, but all of the rounded box it is.
    block = rounded_board("block", "oak", (0, 0, 0), (40, 16, 16), "x")
    assert block.edge_radius_mm == 2.0
    (panel,) = find_panels([block])
    assert not panel.shaped
    assert (panel.length, panel.width, panel.thickness) == pytest.approx((40, 16, 16))
    (blank,) = find_panels([replace(block, edge_radius_mm=None)])
    assert blank.shaped
