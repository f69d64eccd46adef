"""Geometry for the live preview: built in the child process, shaded and measured."""

from __future__ import annotations

from dataclasses import replace

import pytest
import trimesh

from app.preview_geometry import GeometryBuilder, measure_ahead
from designer.order_design import price_design
from designer.session import DesignSession
from designer.store import StoreSettings
from models3d.generators import build
from models3d.parts import Part
from models3d.solids import GeometryError, measure


@pytest.fixture
def builder():
    geometry = GeometryBuilder()
    yield geometry
    geometry.close()


def test_builder_price_matches_fresh_parts(builder, catalog):
    model = catalog.get("shoe-oxford")
    session = DesignSession(model)
    settings = StoreSettings(currency=session.currency)

    shaded = builder((model.generator, session.dimensions(), True))

    measured = [item.part for item in shaded]
    # Built in this process, so every field of each part is as the generator
    # made it, the lace's length included.
    fresh = build(model.generator, session.dimensions())
    assert [part.name for part in measured] == [part.name for part in fresh]
    assert [part.length_mm for part in measured] == [part.length_mm for part in fresh]
    assert measure(measured) == measure(fresh)
    assert price_design(session, measured, settings) == price_design(
        session, fresh, settings
    )


def test_drag_step_leaves_parts_unmeasured(builder, catalog):
    model = catalog.get("ring-band")
    session = DesignSession(model)

    held = builder((model.generator, session.dimensions(), False))
    released = builder((model.generator, session.dimensions(), True))

    # trimesh keeps what it measured in each mesh's cache.
    assert all("mass_properties" not in item.part.mesh._cache.cache for item in held)
    assert all("mass_properties" in item.part.mesh._cache.cache for item in released)


def unmeasured_cabinet(catalog) -> list[Part]:
    """Build the default cabinet, its meshes copied without trimesh's cache."""
    model = catalog.get("cabinet")
    parts = build(model.generator, DesignSession(model).dimensions())
    return [replace(part, mesh=part.mesh.copy()) for part in parts]


def test_cancelled_measuring_stops_early(catalog):
    parts = unmeasured_cabinet(catalog)
    calls = []

    def cancelled() -> bool:
        calls.append(len(calls))
        return len(calls) > 3

    assert not measure_ahead(parts, cancelled)

    # Three parts were measured before the newer design arrived.
    cached = ["mass_properties" in part.mesh._cache.cache for part in parts]
    assert cached[:3] == [True, True, True]
    assert not any(cached[3:])
    assert len(calls) == 4


def test_uncancelled_measuring_measures_all(catalog):
    parts = unmeasured_cabinet(catalog)

    assert measure_ahead(parts, lambda: False)

    assert all("mass_properties" in part.mesh._cache.cache for part in parts)


def test_open_mesh_error_left_for_price():
    box = trimesh.creation.box(extents=[10.0, 10.0, 10.0])
    open_box = trimesh.Trimesh(box.vertices, box.faces[:-1], process=False)
    parts = [Part("lid", open_box, "oak")]

    measure_ahead(parts)

    with pytest.raises(GeometryError, match="lid"):
        measure(parts)
