"""Engraving cut into bands and flat faces."""

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
from models3d.meshing import revolve_profile
from models3d.ring import PROFILES, SEGMENTS, band_profile
from models3d.solids import subtract
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
    engraved = engrave_flat(slab(), text, 4.0, (0.0, 0.0))
    assert_solid(engraved, text)
    removed = slab().volume - engraved.volume
    assert removed == pytest.approx(text_area(text, 4.0) * ENGRAVING_DEPTH_MM, rel=1e-6)
    assert engraved.bounds[0][2] == pytest.approx(0.0)


def test_flat_text_mirrored_for_back():
    engraved = engrave_flat(slab(), "I      ", 4.0, (0.0, 0.0))
    cut = subtract(slab(), [engraved])
    # Seen from below, the text's start is on the viewer's left: +X.
    assert cut.centroid[0] > 1.0
    assert cut.bounds[1][2] == pytest.approx(ENGRAVING_DEPTH_MM, abs=1e-9)
