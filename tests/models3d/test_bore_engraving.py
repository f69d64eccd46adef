"""Engraving cut into a band's bore on the unrolled bore, checked against
the same text cut with manifold3d's 3D boolean."""

import manifold3d
import numpy as np
import pytest
import trimesh

from models3d import bore_engraving, grid_split
from models3d.bore_engraving import bore_patch
from models3d.engrave import (
    ENGRAVING_DEPTH_MM,
    EngravingError,
    bore_radius_function,
    engrave_bore,
)
from models3d.meshing import open_edges, revolve_profile
from models3d.ring import PROFILES, SEGMENTS, band_profile, build_ring
from models3d.sectors import Patch, Tool, revolve_with_tools
from models3d.solids import subtract
from tests.models3d.helpers import assert_solid, min_axis_distance

INNER = 17.3228
WIDTH = 4.0
LETTER_HEIGHT = 1.5
TEXTS = ["Forever yours ♥ 2024", "永远爱你", "Léa & Tom", "i:"]


def section(profile):
    return band_profile(profile, INNER, 1.7, WIDTH)


def engraved(profile, text, centre_angle=-np.pi / 2, tools=()):
    patch = bore_patch(
        section(profile), SEGMENTS, text, LETTER_HEIGHT, WIDTH / 2, centre_angle
    )
    assert patch is not None, f"{text!r} fell back to a 3D boolean"
    return revolve_with_tools(section(profile), SEGMENTS, tools, [patch])


def boolean_cut(profile, text):
    """The same engraving cut by subtracting the bent text in manifold3d."""
    band = revolve_profile(section(profile), SEGMENTS)
    bore = bore_radius_function(section(profile))
    return engrave_bore(band, text, LETTER_HEIGHT, bore, WIDTH / 2, -np.pi / 2)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("text", TEXTS)
def test_patch_is_the_boolean_cut(profile, text):
    plain = revolve_profile(section(profile), SEGMENTS)
    mesh = engraved(profile, text)
    assert_solid(mesh, f"{profile} {text}")
    assert mesh.body_count == 1
    reference = boolean_cut(profile, text)
    removed = plain.volume - reference.volume
    assert plain.volume - mesh.volume == pytest.approx(removed, rel=0.01)
    # The two solids cover the same space: what lies in one and not the
    # other is a sliver along the floor's chords, far below the cut.
    apart = subtract(mesh, [reference]).volume + subtract(reference, [mesh]).volume
    assert apart < 0.01 * removed
    np.testing.assert_allclose(mesh.bounds, plain.bounds, atol=1e-9)
    assert 2 * min_axis_distance(mesh) == pytest.approx(INNER, abs=0.01)


@pytest.mark.parametrize("profile", PROFILES)
def test_cut_stays_within_depth(profile):
    mesh = engraved(profile, "永恒 Forever")
    plain = revolve_profile(section(profile), SEGMENTS)
    bore = bore_radius_function(section(profile))
    new = ~np.isin(
        mesh.vertices.view("f8,f8,f8").ravel(), plain.vertices.view("f8,f8,f8").ravel()
    )
    radii = np.hypot(mesh.vertices[new, 0], mesh.vertices[new, 1])
    floor = bore(mesh.vertices[new, 2]) + ENGRAVING_DEPTH_MM
    assert new.sum() > 0
    assert np.all(radii <= floor + 1e-9)
    assert np.all(radii >= bore(mesh.vertices[new, 2]) - 0.01)


def test_same_text_same_mesh():
    first = engraved("court", "Forever 永恒")
    second = engraved("court", "Forever 永恒")
    np.testing.assert_array_equal(first.vertices, second.vertices)
    np.testing.assert_array_equal(first.faces, second.faces)


def test_text_reads_from_inside():
    # Read from the axis facing -Y with Z up, the text's start lies to the
    # left, toward +X, as with the 3D boolean.
    plain = revolve_profile(section("flat"), SEGMENTS)
    cut = subtract(plain, [engraved("flat", "I      ")])
    assert cut.centroid[0] > 0.5
    assert cut.centroid[1] < 0


def test_blank_text_leaves_the_band():
    patch = bore_patch(section("flat"), SEGMENTS, "   ", 1.5, 2.0, 0.0)
    assert len(patch.removed) == 0
    mesh = revolve_with_tools(section("flat"), SEGMENTS, [], [patch])
    plain = revolve_profile(section("flat"), SEGMENTS)
    np.testing.assert_array_equal(mesh.faces, plain.faces)


def test_text_too_long_for_bore():
    with pytest.raises(EngravingError, match="shorten the text"):
        bore_patch(section("court"), SEGMENTS, "永" * 40, 2.0, 2.0, 0.0)


def test_text_past_the_bore_falls_back():
    # Centred 0.3 mm above the band's edge, the letters reach past the bore
    # onto the band's side, which the unrolled bore does not cover.
    assert bore_patch(section("flat"), SEGMENTS, "Forever", 1.5, 0.3, 0.0) is None


def box_tool(centre_angle, operation):
    """A 2 mm block on the band's outside at ``centre_angle``."""
    radius = INNER / 2 + 1.7
    block = manifold3d.Manifold.cube((2.0, 2.0, 2.0), center=True)
    x, y = radius * np.cos(centre_angle), radius * np.sin(centre_angle)
    return Tool(block.translate((x, y, WIDTH / 2)), operation)


@pytest.mark.parametrize("tool_angle", [np.pi / 2, -np.pi / 2])
def test_patch_with_tools_matches_whole_boolean(tool_angle):
    # A block on the far side is sewn into the band beside the patch. A
    # block over the engraving makes the tools run on the whole patched band.
    tool = box_tool(tool_angle, manifold3d.OpType.Add)
    mesh = engraved("court", "Forever", tools=[tool])
    assert_solid(mesh, "patched band with a block")
    patched = engraved("court", "Forever")
    block = trimesh.Trimesh(*_arrays(tool.solid), process=False)
    expected = patched.union(block, engine="manifold")
    assert mesh.volume == pytest.approx(expected.volume, rel=1e-6)
    np.testing.assert_allclose(mesh.bounds, expected.bounds, atol=1e-6)


def _arrays(solid):
    mesh = solid.to_mesh64()
    return np.asarray(mesh.vert_properties)[:, :3], np.asarray(mesh.tri_verts)


def test_letters_at_the_edge_leave_one_body():
    # Letters as high as the band reach past the unrolled bore to its edges,
    # so the 3D boolean cuts them. Where they touch an edge it must leave no
    # zero-volume piece behind.
    dims = {
        "inner_diameter": INNER,
        "width": WIDTH,
        "depth": 1.7,
        "profile": "flat",
        "metal": "gold_18k_yellow",
        "engraving": "ÅgÉjq",
        "letter_height": WIDTH,
    }
    (band,) = build_ring(dims)
    assert_solid(band.mesh, "band engraved to its edges")
    assert band.mesh.body_count == 1


def record_splits(monkeypatch):
    """Record what every grid split during the test returns."""
    splits = []

    def split_cells(*args):
        splits.append(grid_split.split_cells(*args))
        return splits[-1]

    monkeypatch.setattr(bore_engraving, "split_cells", split_cells)
    return splits


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("text", TEXTS)
def test_grid_split_matches_geos(profile, text, monkeypatch):
    splits = record_splits(monkeypatch)
    patch = bore_patch(section(profile), SEGMENTS, text, LETTER_HEIGHT, WIDTH / 2, 0.3)
    assert len(splits) == 1
    assert splits[0] is not None
    monkeypatch.setattr(bore_engraving, "_split_on_grid", lambda *args: None)
    by_geos = bore_patch(
        section(profile), SEGMENTS, text, LETTER_HEIGHT, WIDTH / 2, 0.3
    )
    assert len(patch.faces) == len(by_geos.faces)
    np.testing.assert_array_equal(np.sort(patch.removed), np.sort(by_geos.removed))
    mesh = revolve_with_tools(section(profile), SEGMENTS, [], [patch])
    reference = revolve_with_tools(section(profile), SEGMENTS, [], [by_geos])
    assert_solid(mesh, f"{profile} {text}")
    assert mesh.volume == pytest.approx(reference.volume, rel=1e-12)
    np.testing.assert_allclose(mesh.bounds, reference.bounds, atol=1e-12)


@pytest.mark.parametrize("profile", PROFILES)
def test_vertex_on_meridian_falls_back_to_geos(profile, monkeypatch):
    # The vertical stroke of 永 has vertices on the text's centre line,
    # which is a meridian of the revolve at -90 degrees, so the grid split
    # leaves the cut to GEOS.
    splits = record_splits(monkeypatch)
    patch = bore_patch(section(profile), SEGMENTS, "永", 3.0, WIDTH / 2, -np.pi / 2)
    assert splits == [None]
    assert patch is not None
    mesh = revolve_with_tools(section(profile), SEGMENTS, [], [patch])
    assert_solid(mesh, f"{profile} 永 on a meridian")
    assert mesh.body_count == 1
    plain = revolve_profile(section(profile), SEGMENTS)
    bore = bore_radius_function(section(profile))
    reference = engrave_bore(plain, "永", 3.0, bore, WIDTH / 2, -np.pi / 2)
    removed = plain.volume - reference.volume
    assert plain.volume - mesh.volume == pytest.approx(removed, rel=0.01)


def test_patch_missing_a_face_does_not_close():
    profile = section("court")
    patch = bore_patch(profile, SEGMENTS, "Forever", LETTER_HEIGHT, WIDTH / 2, 0.0)
    assert bore_engraving._closes(patch, profile, SEGMENTS)
    torn = Patch(patch.removed, patch.vertices, patch.faces[1:])
    assert not bore_engraving._closes(torn, profile, SEGMENTS)
    flipped = Patch(patch.removed, patch.vertices, patch.faces[:, ::-1])
    assert not bore_engraving._closes(flipped, profile, SEGMENTS)


@pytest.mark.parametrize("seed", range(5))
def test_cells_border_is_the_open_edges(seed):
    rng = np.random.default_rng(seed)
    count, segments = 7, 12
    cells = np.flatnonzero(rng.random(count * segments) < 0.4)
    removed = np.concatenate([cells, cells + count * segments])
    border = bore_engraving._cells_border(removed, count, segments)
    expected = open_edges(bore_engraving._band_faces(removed, count, segments))
    assert sorted(map(tuple, border.tolist())) == sorted(map(tuple, expected.tolist()))


def test_cells_border_needs_whole_cells():
    assert bore_engraving._cells_border(np.array([3]), 7, 12) is None
