"""Mesh import: units, repair and rejection, on real and broken files."""

import numpy as np
import pytest
import trimesh

from models3d.mesh_import import (
    MeshImportError,
    fit_ring_size,
    import_mesh,
    ring_bore_diameter,
)
from tests.models3d.helpers import assert_solid, parity_volume


def write(mesh, path):
    mesh.export(path)
    return path


def ring_mesh(scale=1.0):
    """A 20 mm flat band, 3 mm wide, as a plain closed mesh."""
    ring = trimesh.creation.annulus(r_min=10.0, r_max=11.5, height=3.0, sections=64)
    ring.apply_scale(scale)
    return ring


def test_bartmassey_winding_repaired(shared_data):
    path = shared_data / "meshes" / "ring-bartmassey" / "ring.stl"
    raw = trimesh.load(path, force="mesh")
    assert not raw.is_winding_consistent
    imported = import_mesh(path)
    assert_solid(imported.mesh, "bartmassey")
    assert imported.unit == "mm"
    assert any("flipped" in note for note in imported.notes)
    # Ray parity reads no orientation, so it gives the true volume, here to
    # within the 0.2 mm grid's 1 %. The unrepaired signed volume misses it.
    expected = parity_volume(imported.mesh, 0.2)
    repaired_error = abs(imported.mesh.volume - expected)
    assert repaired_error <= 0.01 * expected
    assert abs(raw.volume - expected) > 2 * repaired_error


def test_bartmassey_bore(shared_data):
    imported = import_mesh(shared_data / "meshes" / "ring-bartmassey" / "ring.stl")
    diameter, axis = ring_bore_diameter(imported.mesh)
    assert np.array_equal(axis, [0.0, 0.0, 1.0])
    assert diameter == pytest.approx(20.83, abs=0.02)
    assert fit_ring_size(diameter).label == "ISO 65"


def test_pixelverse_larger_than_any_iso_size(shared_data):
    imported = import_mesh(shared_data / "meshes" / "ring-pixelverse" / "ring.stl")
    assert_solid(imported.mesh, "pixelverse")
    diameter, axis = ring_bore_diameter(imported.mesh)
    assert np.array_equal(axis, [1.0, 0.0, 0.0])
    assert diameter == pytest.approx(25.0, abs=0.05)
    fit = fit_ring_size(diameter, "ISO")
    assert fit.label is None
    assert "larger than the largest ISO 8653 size, ISO 76 (24.19 mm)" in fit.message


def test_fit_ring_size_nearest():
    fit = fit_ring_size(17.35, "US")
    assert fit.label == "US 7"
    assert fit.difference_mm == pytest.approx(17.35 - 17.3228)
    assert fit_ring_size(10.0).label is None
    with pytest.raises(ValueError, match="known: US, UK, ISO, JP"):
        fit_ring_size(17.0, "FR")


@pytest.mark.parametrize(("scale", "unit"), [(0.001, "m"), (1 / 25.4, "in")])
def test_small_extents_converted_with_note(tmp_path, scale, unit):
    path = write(ring_mesh(scale), tmp_path / "ring.stl")
    imported = import_mesh(path)
    assert imported.unit == unit
    assert imported.mesh.extents[0] == pytest.approx(23.0, rel=1e-4)
    note = imported.notes[0]
    assert f"read in {unit}" in note
    assert f"{23.0 * scale:.4g}" in note


def test_explicit_unit_wins(tmp_path):
    path = write(ring_mesh(0.1), tmp_path / "ring.obj")
    imported = import_mesh(path, unit="cm")
    assert imported.unit == "cm"
    assert imported.notes == ()
    assert imported.mesh.extents[0] == pytest.approx(23.0, rel=1e-4)


def test_huge_extents_rejected(tmp_path):
    path = write(ring_mesh(100.0), tmp_path / "ring.stl")
    with pytest.raises(MeshImportError, match="2300 x 2300 x 300.*unit="):
        import_mesh(path)


def test_unknown_unit_rejected(tmp_path):
    path = write(ring_mesh(), tmp_path / "ring.stl")
    with pytest.raises(MeshImportError, match="unknown unit 'ft'"):
        import_mesh(path, unit="ft")


def test_open_mesh_rejected_with_edge_count(tmp_path):
    ring = ring_mesh()
    # Drop a strip of faces from the outside: a hole far larger than four edges.
    outside = np.hypot(*ring.triangles_center[:, :2].T) > 11.4
    keep = np.ones(len(ring.faces), dtype=bool)
    keep[np.flatnonzero(outside)[:20]] = False
    broken = trimesh.Trimesh(ring.vertices, ring.faces[keep])
    path = write(broken, tmp_path / "open.stl")
    with pytest.raises(MeshImportError) as caught:
        import_mesh(path)
    assert "open edges" in caught.value.reason
    assert caught.value.reason.split(" open edges")[0].split()[-1].isdigit()


def test_small_hole_filled(tmp_path):
    box = trimesh.creation.box([10, 10, 10])
    broken = trimesh.Trimesh(box.vertices, box.faces[1:], process=False)
    imported = import_mesh(write(broken, tmp_path / "box.obj"))
    assert_solid(imported.mesh, "box")
    assert imported.mesh.volume == pytest.approx(1000.0)
    assert any("filled" in note for note in imported.notes)


def test_degenerate_and_duplicate_faces_removed(tmp_path):
    box = trimesh.creation.box([10, 10, 10])
    faces = np.concatenate([box.faces, box.faces[:2], [[0, 0, 1]]])
    broken = trimesh.Trimesh(box.vertices, faces, process=False)
    imported = import_mesh(write(broken, tmp_path / "box.obj"))
    assert len(imported.mesh.faces) == 12
    assert imported.mesh.volume == pytest.approx(1000.0)
    assert any("degenerate" in note for note in imported.notes)
    assert any("duplicate" in note for note in imported.notes)


def test_inverted_mesh_turned_outward(tmp_path):
    box = trimesh.creation.box([10, 10, 10])
    box.invert()
    imported = import_mesh(write(box, tmp_path / "box.glb"))
    assert imported.mesh.volume == pytest.approx(1000.0)
    assert "turned the normals outward" in imported.notes


def test_unsupported_type_rejected(tmp_path):
    path = tmp_path / "ring.3mf"
    path.write_bytes(b"")
    with pytest.raises(MeshImportError, match=".stl, .obj, .glb"):
        import_mesh(path)
