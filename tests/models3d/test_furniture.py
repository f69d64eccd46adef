"""Bookshelf, cabinet and chair geometry on catalog designs."""

import re
from itertools import pairwise

import numpy as np
import pytest

from models3d.boards import board_totals, edge_radius, fits_back_sheet, panels
from models3d.bookshelf import BOARD_MATERIALS as SHELF_BOARDS
from models3d.cabinet import BOARD_MATERIALS as CABINET_BOARDS
from models3d.chair import LEG_MM, MATERIALS, back_rake
from models3d.dims import DimensionError
from models3d.generators import build
from models3d.handles import PROJECTION_MM
from models3d.materials import material
from models3d.meshing import rounded_box_volume
from models3d.solids import union_parts
from tests.models3d.helpers import (
    assert_extents,
    assert_parts_apart,
    assert_parts_solid,
    catalog_dims,
    catalog_model,
    choice_values,
    solid_bodies,
)


def check_furniture(generator, dims, extents, front=0.0):
    parts = build(generator, dims)
    assert_parts_solid(parts)
    assert_parts_apart(parts, set())
    fused = union_parts(parts)
    assert solid_bodies(fused) == 1
    assert_extents(fused, extents, generator, front=front)
    return parts


def test_catalog_materials_all_built():
    assert set(choice_values("bookshelf", "board_material")) == set(SHELF_BOARDS)
    assert set(choice_values("cabinet", "board_material")) == set(CABINET_BOARDS)
    assert set(choice_values("chair", "material")) == set(MATERIALS)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"width": 2400, "span": 400, "shelves": 6, "height": 2400},
        {
            "width": 400,
            "shelves": 0,
            "height": 600,
            "board_material": "mdf",
            "board_thickness": 25,
        },
    ],
)
def test_bookshelf_layout(values):
    dims = catalog_dims("bookshelf", **values)
    extents = [dims["width"], dims["depth"], dims["height"]]
    parts = check_furniture("bookshelf", dims, extents)
    names = [part.name for part in parts]
    assert names.count("side_left") == 1
    assert sum(name.startswith("divider_") for name in names) == dims["bays"] - 1
    shelves = [part for part in parts if part.name.startswith("shelf_")]
    assert len(shelves) == dims["bays"] * dims["shelves"]
    for shelf in shelves:
        assert shelf.length == pytest.approx(dims["shelf_span"])
        assert shelf.width == pytest.approx(dims["shelf_depth"])
        assert shelf.thickness == dims["board_thickness"]


def test_bookshelf_shelves_evenly_spaced():
    dims = catalog_dims("bookshelf", shelves=3)
    parts = {part.name: part.mesh for part in build("bookshelf", dims)}
    lows = [parts["bottom"].bounds[1, 2]]
    lows += [parts[f"shelf_1_{level}"].bounds[0, 2] for level in (1, 2, 3)]
    highs = [parts[f"shelf_1_{level}"].bounds[1, 2] for level in (1, 2, 3)]
    gaps = np.diff(sorted(lows + highs + [parts["top"].bounds[0, 2]]))[::2]
    assert gaps == pytest.approx([dims["clear_height"]] * 4)


@pytest.mark.parametrize(
    ("values", "pieces"),
    [
        ({"width": 1250, "height": 1250, "shelves": 2}, 2),
        ({"width": 2400, "height": 2400, "span": 1000, "board_thickness": 25}, 3),
        ({"width": 2400, "height": 2400, "span": 400, "shelves": 6}, 2),
    ],
)
def test_bookshelf_back_split_behind_dividers(values, pieces):
    dims = catalog_dims("bookshelf", **values)
    extents = [dims["width"], dims["depth"], dims["height"]]
    parts = check_furniture("bookshelf", dims, extents)
    by_name = {part.name: part for part in parts}
    backs = [part for part in parts if part.name.startswith("back")]
    assert [part.name for part in backs] == [f"back_{n + 1}" for n in range(pieces)]
    for back in backs:
        assert back.mesh.is_watertight
        assert fits_back_sheet(back.mesh.extents[0], back.mesh.extents[2])
    assert sum(back.mesh.extents[0] for back in backs) == pytest.approx(dims["width"])

    dividers = [part for part in parts if part.name.startswith("divider_")]
    centres = [float(divider.mesh.bounds[:, 0].mean()) for divider in dividers]
    for number, (left, right) in enumerate(pairwise(backs), start=1):
        seam = float(left.mesh.bounds[1, 0])
        assert right.mesh.bounds[0, 0] == pytest.approx(seam)
        assert min(abs(seam - centre) for centre in centres) == pytest.approx(0)
        rail = by_name[f"plinth_rail_{number}"].mesh
        assert rail.bounds[:, 0].mean() == pytest.approx(seam)
        assert rail.bounds[1, 2] == pytest.approx(dims["plinth_height"])
        assert rail.bounds[1, 1] == pytest.approx(left.mesh.bounds[0, 1])
    assert f"plinth_rail_{pieces}" not in by_name


@pytest.mark.parametrize(
    "values",
    [
        {"width": 1200, "height": 2400},
        {"width": 2400, "height": 1200},
        {"width": 1200, "height": 1250},
    ],
)
def test_bookshelf_back_in_one_piece_when_it_fits(values):
    names = [
        part.name for part in build("bookshelf", catalog_dims("bookshelf", **values))
    ]
    assert names.count("back") == 1
    assert not any(name.startswith(("back_", "plinth_rail")) for name in names)


def test_cabinet_back_fits_a_sheet_at_largest_size():
    model = catalog_model("cabinet")
    width = model.parameter("width").maximum
    height = model.parameter("height").maximum
    parts = build("cabinet", catalog_dims("cabinet", width=width, height=height))
    (back,) = [part for part in parts if part.name.startswith("back")]
    assert back.name == "back"
    assert fits_back_sheet(back.mesh.extents[0], back.mesh.extents[2])


def test_bookshelf_rejects_crowded_shelves():
    dims = catalog_dims("bookshelf", height=600)
    dims["shelves"] = 30
    with pytest.raises(DimensionError, match="height leaves") as caught:
        build("bookshelf", dims)
    assert "30 shelves" in str(caught.value)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {
            "front_type": "doors",
            "width": 1200,
            "height": 2000,
            "board_material": "oak",
            "board_thickness": 25,
        },
        {"front_type": "doors", "width": 400},
        {
            "drawers": 6,
            "height": 1200,
            "board_material": "particleboard",
            "board_thickness": 16,
        },
    ],
)
def test_cabinet_fronts(values):
    dims = catalog_dims("cabinet", **values)
    front = PROJECTION_MM[dims["handle"]]
    extents = [dims["width"], dims["depth"] + front, dims["height"]]
    parts = check_furniture("cabinet", dims, extents, front)
    names = [part.name for part in parts]
    if dims["front_type"] == "doors":
        fronts = [p for p in parts if re.fullmatch(r"door_\d+", p.name)]
        assert len(fronts) == dims["doors"]
        assert "shelf" in names
    else:
        fronts = [p for p in parts if re.fullmatch(r"drawer_front_\d+", p.name)]
        assert len(fronts) == dims["drawers"]
        for front in fronts:
            assert front.mesh.extents[2] == pytest.approx(dims["drawer_height"])
    gap = dims["front_gap"]
    ordered = sorted(fronts, key=lambda part: tuple(part.mesh.bounds[0]))
    axis = 0 if dims["front_type"] == "doors" else 2
    for first, second in zip(ordered, ordered[1:], strict=False):
        assert second.mesh.bounds[0, axis] - first.mesh.bounds[1, axis] == (
            pytest.approx(gap)
        )


@pytest.mark.parametrize("front_type", ["doors", "drawers"])
@pytest.mark.parametrize("handle", ["bar", "knob", "push"])
def test_cabinet_body_without_handles_is_its_size(front_type, handle):
    dims = catalog_dims("cabinet", front_type=front_type, handle=handle)
    parts = build("cabinet", dims)

    protruding = {part.name for part in parts if part.protrudes}
    assert protruding == {part.name for part in parts if part.name.endswith("_handle")}
    assert bool(protruding) == (handle != "push")
    body = np.vstack([part.mesh.bounds for part in parts if not part.protrudes])
    size = body.max(axis=0) - body.min(axis=0)
    expected = [dims["width"], dims["depth"], dims["height"]]
    assert size == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"back_angle": 95, "back_height": 500, "seat_height": 500},
        {
            "back_angle": 110,
            "back_height": 300,
            "stretchers": False,
            "seat_height": 420,
        },
    ],
)
def test_chair_parts(values):
    dims = catalog_dims("chair", **values)
    rake = back_rake(dims["back_height"], dims["back_angle"])
    assert rake == pytest.approx(dims["back_rake"])
    extents = [
        dims["seat_width"],
        dims["seat_depth"] + LEG_MM + rake,
        dims["seat_height"] + dims["back_height"],
    ]
    parts = check_furniture("chair", dims, extents)
    names = [part.name for part in parts]
    assert ("stretcher_left" in names) == dims["stretchers"]
    seat = parts[0].mesh
    assert seat.bounds[1, 2] == pytest.approx(dims["seat_height"])
    assert seat.extents[1] == pytest.approx(dims["seat_depth"])


def test_chair_back_leans_by_angle():
    dims = catalog_dims("chair", back_angle=105, back_height=400)
    legs = {p.name: p.mesh for p in build("chair", dims)}
    leg = legs["leg_rear_left"]
    top = leg.vertices[np.isclose(leg.vertices[:, 2], leg.bounds[1, 2])]
    bottom = leg.vertices[np.isclose(leg.vertices[:, 2], 0.0)]
    lean = top[:, 1].max() - bottom[:, 1].max()
    assert lean == pytest.approx(400 * np.tan(np.radians(15)))


def test_cut_list_and_totals():
    dims = catalog_dims("cabinet", front_type="doors", width=800)
    parts = [p for p in build("cabinet", dims) if not p.name.endswith("_handle")]
    listed = panels(parts)
    assert len(listed) == len(parts)
    totals = board_totals(parts)
    assert set(totals) == {"birch_plywood"}
    assert totals["birch_plywood"].count == len(parts)
    assert totals["birch_plywood"].area_m2 == pytest.approx(
        sum(panel.area_m2 for panel in listed)
    )
    back = next(panel for panel in listed if panel.name == "back")
    assert back.thickness == dims["back_thickness"]


SHAPED_CHAIR_PARTS = {"leg_rear_left", "leg_rear_right", "backrest", "back_rail"}
"""Chair parts that are not boxes and keep sharp edges."""


@pytest.mark.parametrize(
    ("model_id", "values"),
    [
        ("bookshelf", {"width": 1600, "height": 2000}),
        ("cabinet", {"front_type": "doors"}),
        ("cabinet", {"front_type": "drawers"}),
        ("chair", {}),
    ],
)
def test_board_parts_eased(model_id, values):
    dims = catalog_dims(model_id, **values)
    parts = build(catalog_model(model_id).generator, dims)
    eased = 0
    for part in parts:
        mesh = part.mesh
        if re.fullmatch(r"back(_\d+)?", part.name):
            assert part.edge_radius_mm == 0.0, part.name
            assert len(mesh.faces) == 12, part.name
            continue
        if part.name in SHAPED_CHAIR_PARTS or part.name.endswith("_handle"):
            assert part.edge_radius_mm is None, part.name
            continue
        radius = part.edge_radius_mm
        assert radius == edge_radius(mesh.extents), part.name
        assert radius > 0, part.name
        blank = sorted([part.length, part.width, part.thickness])
        assert blank == pytest.approx(sorted(mesh.extents), abs=1e-9), part.name
        assert mesh.volume < np.prod(mesh.extents), part.name
        assert mesh.volume == pytest.approx(
            rounded_box_volume(mesh.extents, radius), rel=1e-3
        ), part.name
        for corner in (mesh.bounds[0], mesh.bounds[1]):
            assert not np.any(np.all(mesh.vertices == corner, axis=1)), part.name
        eased += 1
    handles = sum(part.name.endswith("_handle") for part in parts)
    assert eased >= len(parts) - len(SHAPED_CHAIR_PARTS) - handles - 2


def test_eased_edges_lower_board_mass():
    dims = catalog_dims("bookshelf")
    parts = build("bookshelf", dims)
    totals = board_totals(parts)
    for material_id, total in totals.items():
        same = [part for part in parts if part.material == material_id]
        blanks = sum(part.length * part.width * part.thickness for part in same)
        rounded = sum(
            rounded_box_volume(part.mesh.extents, part.edge_radius_mm) for part in same
        )
        density = material(material_id).density_g_cm3
        assert total.mass_kg == pytest.approx(rounded * density / 1e6, rel=1e-4)
        if any(part.edge_radius_mm for part in same):
            assert total.mass_kg < blanks * density / 1e6
