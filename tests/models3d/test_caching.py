"""Geometry that generators keep in caches between builds."""

import numpy as np
import pytest

from models3d.boot import _sole
from models3d.caching import MeshArrays, clear_caches
from models3d.generators import build
from models3d.solitaire import PEDESTAL_TOP_MM, _seated_prongs
from tests.models3d.helpers import catalog_dims

CACHED_DESIGNS = [
    ("solitaire", "ring-solitaire", {"engraving": "Anna"}),
    ("ring", "ring-band", {"engraving": "永恒"}),
    ("pendant", "pendant-disc", {"engraving": "Anna"}),
    ("shoe", "shoe-oxford", {}),
    ("sneaker", "shoe-sneaker", {}),
    ("ankle_boot", "shoe-boot", {}),
]


@pytest.mark.parametrize(("generator", "model_id", "values"), CACHED_DESIGNS)
def test_cached_build_equals_fresh(generator, model_id, values):
    dims = catalog_dims(model_id, **values)
    clear_caches()
    fresh = build(generator, dims)
    cached = build(generator, dims)
    for first, second in zip(fresh, cached, strict=True):
        assert np.array_equal(first.mesh.vertices, second.mesh.vertices), first.name
        assert np.array_equal(first.mesh.faces, second.mesh.faces), first.name


@pytest.mark.parametrize(("generator", "model_id", "values"), CACHED_DESIGNS)
def test_changed_mesh_leaves_cache_alone(generator, model_id, values):
    dims = catalog_dims(model_id, **values)
    first = build(generator, dims)
    expected = [part.mesh.vertices.copy() for part in first]
    for part in first:
        part.mesh.apply_translation([5.0, 0.0, 0.0])
    second = build(generator, dims)
    for part, vertices in zip(second, expected, strict=True):
        assert np.array_equal(part.mesh.vertices, vertices), part.name


def test_metal_change_keeps_solitaire_head():
    gold = catalog_dims("ring-solitaire", metal="gold_18k_yellow")
    platinum = catalog_dims("ring-solitaire", metal="platinum_950")
    first, second = build("solitaire", gold), build("solitaire", platinum)
    assert np.array_equal(first[0].mesh.vertices, second[0].mesh.vertices)
    assert first[0].material != second[0].material


def test_mesh_arrays_read_only():
    dims = catalog_dims("ring-band")
    arrays = MeshArrays.of(build("ring", dims)[0].mesh)
    with pytest.raises(ValueError, match="read-only"):
        arrays.vertices[0, 0] = 1.0
    moved = arrays.mesh(offset=(0.0, 0.0, 1.0))
    assert np.allclose(moved.vertices - arrays.vertices, [0.0, 0.0, 1.0])


def test_size_change_keeps_solitaire_prongs():
    clear_caches()
    small = catalog_dims("ring-solitaire", size="US 5")
    large = catalog_dims("ring-solitaire", size="US 9")
    heads = [build("solitaire", dims)[1].mesh for dims in (small, large)]
    assert _seated_prongs.cache_info().hits == 1
    # Above the pedestal the heads are the same prongs.
    prongs = []
    for head, dims in zip(heads, (small, large), strict=True):
        vertices = head.vertices - [0.0, 0.0, dims["outer_diameter"]]
        above = vertices[vertices[:, 2] > PEDESTAL_TOP_MM + 1e-9]
        prongs.append(above[np.lexsort(above.T)])
    assert len(prongs[0]) > 0
    assert np.allclose(prongs[0], prongs[1], rtol=0.0, atol=1e-9)


def test_shaft_change_keeps_boot_sole():
    clear_caches()
    low = catalog_dims("shoe-boot", shaft_height=120)
    high = catalog_dims("shoe-boot", shaft_height=140)
    boots = [build("ankle_boot", dims) for dims in (low, high)]
    assert _sole.cache_info().hits == 1
    soles = [parts[0] for parts in boots]
    assert [sole.name for sole in soles] == ["sole", "sole"]
    assert np.array_equal(soles[0].mesh.vertices, soles[1].mesh.vertices)
    assert soles[0].mesh is not soles[1].mesh
    uppers = [parts[1].mesh for parts in boots]
    assert uppers[0].bounds[1, 2] < uppers[1].bounds[1, 2]
