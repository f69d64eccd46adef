"""Geometry for the live preview: built in the child process, shaded and measured."""

from __future__ import annotations

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


def test_open_mesh_error_left_for_price():
    box = trimesh.creation.box(extents=[10.0, 10.0, 10.0])
    open_box = trimesh.Trimesh(box.vertices, box.faces[:-1], process=False)
    parts = [Part("lid", open_box, "oak")]

    measure_ahead(parts)

    with pytest.raises(GeometryError, match="lid"):
        measure(parts)
