"""Single package files read back with their own readers: DXF, STL, 3MF, GLB."""

import io
import os
import re
import struct
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import ezdxf
import numpy as np
import pytest
import trimesh
from ezdxf.tools.text_size import text_size

from designer.package import dxf, meshes
from designer.package.identity import (
    DRAFT_ORDER_ID,
    check_order_id,
    check_revision,
    spec_revision,
)
from designer.package.lengths import round_length
from designer.package.nesting import nest
from designer.package.panels import find_panels
from models3d.parts import Hole, Part


def read_dxf(data: bytes, tmp_path):
    path = tmp_path / "file.dxf"
    path.write_bytes(data)
    return ezdxf.readfile(path)


def plywood_top(holes=(), banded_edges=None):
    mesh = trimesh.creation.box(extents=[1200, 800, 18])
    mesh.apply_translation([0, 0, 741])
    part = Part("top", mesh, "birch_plywood", holes=holes, banded_edges=banded_edges)
    return find_panels([part])[0]


INSERT = Hole((500.0, 300.0, 732.0), (0.0, 0.0, 1.0), 10.0, 13.0)
THROUGH = Hole((-500.0, 300.0, 750.0), (0.0, 0.0, -1.0), 5.0, 18.0)


def test_revision_is_stable_and_short():
    revision = spec_revision("ring-band", "ab" * 32, {"width": 4.0, "size": "US 7"})
    assert revision == spec_revision(
        "ring-band", "ab" * 32, {"size": "US 7", "width": 4.0}
    )
    assert len(revision) == 8
    assert check_revision(revision) == revision


@pytest.mark.parametrize(
    ("product", "catalog", "values"),
    [
        ("ring-solitaire", "ab" * 32, {"width": 4.0, "size": "US 7"}),
        ("ring-band", "cd" * 32, {"width": 4.0, "size": "US 7"}),
        ("ring-band", "ab" * 32, {"width": 4.5, "size": "US 7"}),
        ("ring-band", "ab" * 32, {"width": 4.0, "size": "US 7", "engraving": "A"}),
    ],
)
def test_revision_changes_with_design(product, catalog, values):
    base = spec_revision("ring-band", "ab" * 32, {"width": 4.0, "size": "US 7"})
    assert spec_revision(product, catalog, values) != base


def test_order_id_defaults_to_draft():
    assert check_order_id(None) == DRAFT_ORDER_ID
    assert check_order_id("A-1001") == "A-1001"


@pytest.mark.parametrize("order_id", ["", "A 1001", "-A", "A/1", "x" * 41, "订单"])
def test_invalid_order_id_is_rejected(order_id):
    with pytest.raises(ValueError, match="invalid order id"):
        check_order_id(order_id)


def test_invalid_revision_is_rejected():
    with pytest.raises(ValueError, match="8 lowercase hex digits"):
        check_revision("ABCDEF12")


def test_panel_dxf_units_layers_and_outline(tmp_path):
    panel = plywood_top(holes=(INSERT, THROUGH))
    document = read_dxf(dxf.panel_dxf(panel, "A-1001", "0123abcd"), tmp_path)

    assert document.header["$INSUNITS"] == 4
    assert document.header["$MEASUREMENT"] == 1
    space = document.modelspace()
    polylines = space.query("LWPOLYLINE")
    assert len(polylines) == 1
    outline = polylines[0]
    assert outline.closed
    assert outline.dxf.layer == dxf.CUT_OUTLINE
    points = np.array(outline.get_points("xy"))
    assert points.min(axis=0) == pytest.approx([0, 0])
    assert np.ptp(points, axis=0) == pytest.approx([1196, 796])


def test_panel_dxf_drills_on_operation_layers(tmp_path):
    panel = plywood_top(holes=(INSERT, THROUGH))
    document = read_dxf(dxf.panel_dxf(panel, "A-1001", "0123abcd"), tmp_path)

    circles = {
        circle.dxf.layer: circle for circle in document.modelspace().query("CIRCLE")
    }
    assert set(circles) == {"DRILL_D10_Z13", "DRILL_FACE_B_D5_THRU"}
    insert = circles["DRILL_D10_Z13"]
    assert insert.dxf.radius == pytest.approx(5.0)
    # Face A is the underside; seen from below, +Y of the product runs down.
    # The cut panel starts 2 mm in, past the edge band.
    assert insert.dxf.center.x == pytest.approx(600 + 500 - 2)
    assert insert.dxf.center.y == pytest.approx(400 - 300 - 2)
    assert document.layers.has_entry("DRILL_FACE_B_D5_THRU")


def layer_bounds(document, layer):
    """Return the (x, y) bounds of each closed polyline on a layer."""
    bounds = []
    for polyline in document.modelspace().query(f'LWPOLYLINE[layer=="{layer}"]'):
        assert polyline.closed
        points = np.array(list(polyline.get_points("xy")))
        bounds.append((*points.min(axis=0), *points.max(axis=0)))
    return bounds


def test_panel_dxf_draws_edge_holes_from_face(tmp_path):
    # The top's ends and front get pilots; face A is the underside, so the
    # product's -Y edge is L2, at the top of the view. All edges are banded
    # 2 mm, so the cut outline starts 2 mm in and ends 2 mm short.
    end = Hole((600.0, 100.0, 741.0), (-1.0, 0.0, 0.0), 5.0, 34.0)
    front = Hole((-200.0, -400.0, 736.0), (0.0, 1.0, 0.0), 8.0, 30.0)
    panel = plywood_top(holes=(INSERT, end, front))
    assert panel.cut_origin == (2.0, 2.0)
    document = read_dxf(dxf.panel_dxf(panel, "A-1001", "0123abcd"), tmp_path)

    (end_box,) = layer_bounds(document, "EDGE_D5_Z34")
    assert end_box == pytest.approx(
        (1200 - 34 - 2, 400 - 100 - 2 - 2.5, panel.cut_length, 400 - 100 - 2 + 2.5)
    )
    # Off centre: 14 mm above face B, the product's top face at Z = 750.
    (front_box,) = layer_bounds(document, "EDGE_D8_Z30_H14")
    assert front_box == pytest.approx(
        (600 - 200 - 2 - 4, 800 - 30 - 2, 600 - 200 - 2 + 4, panel.cut_width)
    )
    assert len(document.modelspace().query("CIRCLE")) == 1


PANEL_DXF_SCRIPT = """
import sys
import trimesh
from designer.package import dxf
from designer.package.panels import find_panels
from models3d.parts import Hole, Part
mesh = trimesh.creation.box(extents=[1200, 800, 18])
holes = (
    Hole((500.0, 300.0, -9.0), (0.0, 0.0, 1.0), 10.0, 13.0),
    Hole((600.0, 100.0, 0.0), (-1.0, 0.0, 0.0), 5.0, 34.0),
)
(panel,) = find_panels([Part("top", mesh, "birch_plywood", holes=holes)])
sys.stdout.buffer.write(dxf.panel_dxf(panel, "A-1001", "0123abcd"))
"""


def test_panel_dxf_same_bytes_in_every_process(tmp_path):
    # ezdxf lists CLASS entries in set order, which follows the process's
    # hash seed, and stamps each file with the time and random ids.
    root = Path(__file__).resolve().parents[2]
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", PANEL_DXF_SCRIPT],
            capture_output=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)},
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    document = read_dxf(outputs[0], tmp_path)
    assert len(document.modelspace().query('LWPOLYLINE[layer=="EDGE_D5_Z34"]')) == 1


def text_bounds(text):
    """Return the (x, y) bounds of an unrotated or quarter-turned TEXT,
    measured with ezdxf's font metrics."""
    size = text_size(text)
    descent = size.total_height - size.cap_height
    x, y = text.dxf.insert.x, text.dxf.insert.y
    if text.dxf.rotation == 90.0:
        return (x - size.cap_height, y, x + descent, y + size.width)
    assert text.dxf.rotation == 0.0
    return (x, y - descent, x + size.width, y + size.cap_height)


@pytest.mark.parametrize("rotated", [False, True])
def test_front_mark_on_edge_facing_front(tmp_path, rotated):
    # Seen from below, the product's -Y edge of the top is L2, at the top
    # of the view. On a sheet turned a quarter it is at the left.
    panel = plywood_top(holes=(INSERT,))
    assert panel.front_edge == "L2"
    space = ezdxf.new("R2010").modelspace()
    dxf._draw_panel(space, panel, 0.0, 0.0, rotated, "A-1001", "0123abcd")

    (mark,) = [text for text in space.query("TEXT") if text.dxf.text == "FRONT"]
    assert mark.dxf.layer == dxf.LABEL
    low_x, low_y, high_x, high_y = text_bounds(mark)
    if rotated:
        assert mark.dxf.rotation == 90.0
        assert 0.0 < low_x < 20.0
    else:
        assert mark.dxf.rotation == 0.0
        assert panel.cut_width - 20.0 < high_y < panel.cut_width


def test_side_front_edge_follows_product_front():
    mesh = trimesh.creation.box(extents=[18, 400, 900])
    side = find_panels([Part("side", mesh, "birch_plywood")])[0]
    # Face A looks toward +X and y runs along -Y, so the front is at y = width.
    assert side.face_a == pytest.approx((1.0, 0.0, 0.0))
    assert side.front_edge == "L2"
    back = trimesh.creation.box(extents=[800, 6, 900])
    assert find_panels([Part("back", back, "birch_plywood")])[0].front_edge is None


def test_label_shrinks_to_clear_holes(tmp_path):
    # Holes every 40 mm along the top and bottom rows and in the middle
    # leave no room for the label at full height.
    holes = tuple(
        Hole((x, y, 732.0), (0.0, 0.0, 1.0), 8.0, 10.0)
        for x in range(-580, 600, 40)
        for y in (-380.0, -200.0, 0.0, 200.0, 380.0)
    )
    plain = read_dxf(dxf.panel_dxf(plywood_top(), "A-1001", "0123abcd"), tmp_path)
    (full_height,) = {text.dxf.height for text in plain.modelspace().query("TEXT")}
    panel = plywood_top(holes=holes)
    document = read_dxf(dxf.panel_dxf(panel, "A-1001", "0123abcd"), tmp_path)
    space = document.modelspace()
    labels = [text for text in space.query('TEXT[layer=="LABEL"]')]
    assert "FRONT" in [text.dxf.text for text in labels]
    assert max(text.dxf.height for text in labels) < full_height
    circles = list(space.query("CIRCLE"))
    assert len(circles) == len(holes)
    for text in labels:
        low_x, low_y, high_x, high_y = text_bounds(text)
        for circle in circles:
            x, y, radius = circle.dxf.center.x, circle.dxf.center.y, circle.dxf.radius
            clear = (
                high_x <= x - radius
                or x + radius <= low_x
                or high_y <= y - radius
                or y + radius <= low_y
            )
            assert clear, (text.dxf.text, x, y)


def test_panel_dxf_marks_banded_edges_and_label(tmp_path):
    panel = plywood_top(banded_edges=("-y", "+x"))
    document = read_dxf(dxf.panel_dxf(panel, "A-1001", "0123abcd"), tmp_path)
    space = document.modelspace()

    assert len(space.query(f'LINE[layer=="{dxf.EDGE_BAND}"]')) == 2
    labels = [text.dxf.text for text in space.query(f'TEXT[layer=="{dxf.LABEL}"]')]
    assert "ORDER A-1001 REV 0123abcd" in labels
    assert "CUT 1198.0 X 798.0" in labels
    assert "FINISHED 1200.0 X 800.0" in labels


def test_sheet_dxf_shows_sheet_and_panels(tmp_path):
    panels = [plywood_top(), plywood_top()]
    nesting = nest(panels)
    (sheet,) = nesting.sheets
    document = read_dxf(dxf.sheet_dxf(sheet, 4.0, "A-7", "0123abcd"), tmp_path)
    space = document.modelspace()

    assert document.header["$INSUNITS"] == 4
    boundary = space.query(f'LWPOLYLINE[layer=="{dxf.SHEET_LAYER}"]')
    assert len(boundary) == 1
    assert np.ptp(np.array(boundary[0].get_points("xy")), axis=0) == pytest.approx(
        [2440, 1220]
    )
    outlines = space.query(f'LWPOLYLINE[layer=="{dxf.CUT_OUTLINE}"]')
    assert len(outlines) == 2
    assert all(outline.closed for outline in space.query("LWPOLYLINE"))
    for outline in outlines:
        points = np.array(outline.get_points("xy"))
        assert points.min() >= 0
        assert points[:, 0].max() <= 2440
        assert points[:, 1].max() <= 1220
    texts = " ".join(text.dxf.text for text in space.query("TEXT"))
    # Two 1196 x 796 mm cut panels on a 2440 x 1220 mm sheet.
    assert "YIELD 64.0 %" in texts


def test_outline_dxf_closed_from_origin(tmp_path):
    ring = [(-140.0, -50.0), (140.0, -40.0), (150.0, 30.0), (-130.0, 52.0)]
    document = read_dxf(dxf.outline_dxf([ring], ["ORDER A-1 REV 0123abcd"]), tmp_path)
    (outline,) = document.modelspace().query("LWPOLYLINE")
    assert outline.closed
    assert outline.dxf.layer == dxf.CUT_OUTLINE
    points = np.array(outline.get_points("xy"))
    assert points.min(axis=0) == pytest.approx([0, 0])
    assert np.ptp(points, axis=0) == pytest.approx([290, 102])


@pytest.fixture
def ring_solid():
    ring = trimesh.creation.annulus(r_min=8.6, r_max=10.6, height=4.0, sections=64)
    ring.apply_translation([0.0, 0.0, 2.0])
    return ring


def test_stl_is_binary_with_header(ring_solid):
    data = meshes.stl_bytes(ring_solid, "Atelier ring order A-1 rev 0123abcd unit mm")
    count = struct.unpack("<I", data[80:84])[0]
    assert len(data) == 84 + 50 * count
    assert data[:80].rstrip() == b"Atelier ring order A-1 rev 0123abcd unit mm"
    loaded = trimesh.load_mesh(io.BytesIO(data), file_type="stl")
    assert loaded.is_watertight
    assert loaded.extents == pytest.approx(ring_solid.extents, abs=1e-4)


def test_stl_converts_metres_to_millimetres():
    box = trimesh.creation.box(extents=[1.6, 0.9, 0.03])
    box.units = "m"
    loaded = trimesh.load_mesh(io.BytesIO(meshes.stl_bytes(box, "x")), file_type="stl")
    assert loaded.extents == pytest.approx([1600, 900, 30], abs=0.01)


def test_stl_rejects_open_mesh(ring_solid):
    ring_solid.update_faces(np.arange(len(ring_solid.faces) - 1))
    with pytest.raises(ValueError, match="not watertight"):
        meshes.stl_bytes(ring_solid, "x")


def test_stl_header_must_not_say_solid(ring_solid):
    with pytest.raises(ValueError, match="must not start with 'solid'"):
        meshes.stl_bytes(ring_solid, "solid ring")


def test_threemf_in_millimetres(ring_solid):
    data = meshes.threemf_bytes(ring_solid, "ring-band_A-1_0123abcd_casting")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        model = archive.read("3D/3dmodel.model").decode("utf-8")
    assert 'unit="millimeter"' in model
    assert 'name="ring-band_A-1_0123abcd_casting"' in model
    scene = trimesh.load(io.BytesIO(data), file_type="3mf")
    (mesh,) = scene.geometry.values()
    assert mesh.is_watertight
    assert mesh.extents == pytest.approx(ring_solid.extents, abs=1e-6)


def test_threemf_same_solid_same_bytes(ring_solid):
    first = meshes.threemf_bytes(ring_solid, "casting")
    assert meshes.threemf_bytes(ring_solid.copy(), "casting") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        model = archive.read("3D/3dmodel.model").decode("utf-8")
    uuids = re.findall(r'p:UUID="([0-9a-f-]{36})"', model)
    assert len(uuids) >= 2
    assert len(set(uuids)) == len(uuids)
    assert all(uuid.UUID(value).version == 5 for value in uuids)
    other = meshes.threemf_bytes(ring_solid, "casting-2")
    with zipfile.ZipFile(io.BytesIO(other)) as archive:
        other_model = archive.read("3D/3dmodel.model").decode("utf-8")
    assert set(re.findall(r'p:UUID="([0-9a-f-]{36})"', other_model)).isdisjoint(uuids)


def test_glb_nodes_colours_metres_and_y_up():
    top = trimesh.creation.box(extents=[1800, 900, 30])
    top.apply_translation([0, 0, 735])
    leg = trimesh.creation.box(extents=[70, 70, 720])
    leg.apply_translation([800, 350, 360])
    parts = [
        Part("top", top, "walnut"),
        Part("leg_1", leg, "oak", colour="#102030"),
    ]
    data = meshes.glb_bytes(parts, {"order_id": "A-1", "spec_revision": "0123abcd"})
    scene = trimesh.load(io.BytesIO(data), file_type="glb")

    assert set(scene.graph.nodes_geometry) == {"top", "leg_1"}
    assert scene.metadata["order_id"] == "A-1"
    assert scene.extents == pytest.approx([1.8, 0.75, 0.9], abs=1e-6)
    low, high = scene.bounds
    assert low[1] == pytest.approx(0.0, abs=1e-9)
    assert high[1] == pytest.approx(0.75)
    colours = {
        name: tuple(geometry.visual.material.baseColorFactor[:3])
        for name, geometry in scene.geometry.items()
    }
    assert colours["leg_1"] == (0x10, 0x20, 0x30)
    assert colours["top"] == (0x5D, 0x40, 0x30)


@pytest.mark.parametrize(
    ("length", "rounded"),
    [(94.85, 94.9), (94.854, 94.9), (94.849, 94.8), (0.05, 0.1), (850, 850.0)],
)
def test_round_length_half_up(length, rounded):
    assert round_length(length) == rounded
