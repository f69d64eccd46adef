"""Engraving cut into bands and flat faces, in 3D and in the face's plane."""

import numpy as np
import pytest
import trimesh

from models3d.engrave import (
    ENGRAVING_DEPTH_MM,
    EngravingError,
    bore_radius_function,
    engrave_bore,
    engrave_flat,
    text_area,
)
from models3d.flat_engraving import cut_in_plane, placed_glyphs
from models3d.meshing import revolve_profile
from models3d.ring import PROFILES, SEGMENTS, band_profile
from models3d.solids import intersect, subtract
from tests.models3d.helpers import assert_solid, min_axis_distance

INNER = 17.3228


def band(profile, depth=1.7, width=4.0):
    section = band_profile(profile, INNER, depth, width)
    return revolve_profile(section, SEGMENTS), bore_radius_function(section)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("text", ["Forever", "永恒", "Forever 永恒"])
def test_bore_cut_removes_text_volume(profile, text):
    mesh, bore = band(profile)
    engraved = engrave_bore(mesh, text, 2.0, bore, 2.0, -np.pi / 2)
    assert_solid(engraved, f"{profile} {text}")
    assert engraved.body_count == 1
    removed = mesh.volume - engraved.volume
    # Bent outward, the text widens by (r + depth / 2) / r on average.
    stretch = 1 + ENGRAVING_DEPTH_MM / 2 / (INNER / 2)
    expected = text_area(text, 2.0) * ENGRAVING_DEPTH_MM * stretch
    assert removed == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize("profile", PROFILES)
def test_bore_cut_stays_within_depth(profile):
    mesh, bore = band(profile)
    engraved = engrave_bore(mesh, "永恒", 2.0, bore, 2.0, -np.pi / 2)
    radii = np.hypot(engraved.vertices[:, 0], engraved.vertices[:, 1])
    new = ~np.isin(
        engraved.vertices.round(9).view("f8,f8,f8"),
        mesh.vertices.round(9).view("f8,f8,f8"),
    ).ravel()
    floor = bore(engraved.vertices[new, 2]) + ENGRAVING_DEPTH_MM
    assert np.all(radii[new] <= floor + 1e-3)
    assert 2 * min_axis_distance(engraved) == pytest.approx(INNER, abs=0.01)


def test_bore_text_reads_from_inside():
    # "I" starts the text; read from the axis facing -Y with Z up, the
    # text's start lies to the left, toward +X.
    mesh, bore = band("flat")
    engraved = engrave_bore(mesh, "I      ", 2.0, bore, 2.0, -np.pi / 2)
    cut = subtract(mesh, [engraved])
    assert cut.centroid[0] > 0.5
    assert cut.centroid[1] < 0


def test_letter_tops_toward_band_top():
    mesh, bore = band("flat")
    engraved = engrave_bore(mesh, "T", 2.0, bore, 2.0, -np.pi / 2)
    cut = subtract(mesh, [engraved])
    # The T's bar is at its top, so most of the cut lies above mid-height.
    assert cut.centroid[2] > 2.0


def test_text_too_long_for_bore():
    mesh, bore = band("court")
    with pytest.raises(EngravingError, match="shorten the text"):
        engrave_bore(mesh, "永" * 40, 2.0, bore, 2.0, -np.pi / 2)


def test_blank_text_returns_band():
    mesh, bore = band("court")
    assert engrave_bore(mesh, "   ", 2.0, bore, 2.0, 0.0) is mesh


def slab():
    mesh = trimesh.creation.box([30, 20, 2])
    mesh.apply_translation([0, 0, 1])
    return mesh


@pytest.mark.parametrize("text", ["Forever", "永恒"])
def test_flat_cut_volume_exact(text):
    engraved = engrave_flat(slab(), text, 4.0, (0.0, 0.0), in_plane=False)
    assert_solid(engraved, text)
    removed = slab().volume - engraved.volume
    assert removed == pytest.approx(text_area(text, 4.0) * ENGRAVING_DEPTH_MM, rel=1e-6)
    assert engraved.bounds[0][2] == pytest.approx(0.0)


def test_flat_text_mirrored_for_back():
    engraved = engrave_flat(slab(), "I      ", 4.0, (0.0, 0.0), in_plane=False)
    cut = subtract(slab(), [engraved])
    # Seen from below, the text's start is on the viewer's left: +X.
    assert cut.centroid[0] > 1.0
    assert cut.bounds[1][2] == pytest.approx(ENGRAVING_DEPTH_MM, abs=1e-9)


def cut_in_slab(text, centre, mesh=None):
    glyphs = placed_glyphs(text, 4.0, centre)
    return cut_in_plane(
        slab() if mesh is None else mesh, glyphs, 0.0, ENGRAVING_DEPTH_MM
    )


@pytest.mark.parametrize("text", ["Forever", "永恒", "A & B ♥"])
def test_flat_cut_in_plane_equals_boolean(text):
    flat = cut_in_slab(text, (1.0, -2.0))
    boolean = engrave_flat(slab(), text, 4.0, (1.0, -2.0), in_plane=False)
    assert flat is not None
    assert_solid(flat, text)
    assert flat.body_count == 1
    assert flat.volume == pytest.approx(boolean.volume, rel=1e-9)
    np.testing.assert_allclose(flat.bounds, boolean.bounds, atol=1e-9)
    # The same region, not only the same volume.
    shared = intersect(flat, boolean).volume
    assert shared == pytest.approx(boolean.volume, rel=1e-9)


def test_flat_cut_in_plane_mirrored_for_back():
    engraved = cut_in_slab("I      ", (0.0, 0.0))
    cut = subtract(slab(), [engraved])
    assert cut.centroid[0] > 1.0
    assert cut.bounds[1][2] == pytest.approx(ENGRAVING_DEPTH_MM, abs=1e-9)


def test_flat_cut_in_plane_needs_one_outline():
    # Two slabs side by side have two outlines on Z = 0.
    right = slab()
    right.apply_translation([40.0, 0.0, 0.0])
    pair = trimesh.util.concatenate([slab(), right])
    assert cut_in_slab("A", (0.0, 0.0), pair) is None


def test_flat_text_past_edge_cut_in_3d():
    # "Forever" centred 12 mm off centre runs past the slab's 15 mm edge.
    assert cut_in_slab("Forever", (12.0, 0.0)) is None
    engraved = engrave_flat(slab(), "Forever", 4.0, (12.0, 0.0))
    assert_solid(engraved, "Forever")
    removed = slab().volume - engraved.volume
    assert 0 < removed < text_area("Forever", 4.0) * ENGRAVING_DEPTH_MM


def test_flat_blank_text_returns_mesh():
    mesh = slab()
    assert engrave_flat(mesh, "   ", 4.0, (0.0, 0.0)) is mesh


def test_flat_cut_in_plane_known_faces():
    mesh = slab()
    back = np.flatnonzero((mesh.vertices[mesh.faces][:, :, 2] == 0.0).all(axis=1))
    found = cut_in_slab("A & B ♥", (1.0, -2.0))
    glyphs = placed_glyphs("A & B ♥", 4.0, (1.0, -2.0))
    known = cut_in_plane(slab(), glyphs, 0.0, ENGRAVING_DEPTH_MM, face=back)
    np.testing.assert_array_equal(known.vertices, found.vertices)
    np.testing.assert_array_equal(known.faces, found.faces)


def test_flat_cut_in_plane_wrong_faces_found():
    # Faces off the plane are ignored, and the face is found from the mesh.
    mesh = slab()
    top = np.flatnonzero((mesh.vertices[mesh.faces][:, :, 2] == 2.0).all(axis=1))
    found = cut_in_slab("A", (0.0, 0.0))
    glyphs = placed_glyphs("A", 4.0, (0.0, 0.0))
    hinted = cut_in_plane(slab(), glyphs, 0.0, ENGRAVING_DEPTH_MM, face=top)
    np.testing.assert_array_equal(hinted.faces, found.faces)
