"""Geometry builds in the child process match builds in this process."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from app.geometry import GeometryProcess, build_part_arrays, parts_from_arrays
from designer.session import DesignSession
from models3d.dims import DimensionError
from models3d.generators import build


@pytest.fixture
def process():
    geometry = GeometryProcess()
    yield geometry
    geometry.close()


def test_child_builds_same_parts(process, catalog):
    model = catalog.get("ring-band")
    dimensions = DesignSession(model).dimensions()

    parts = process.build(model.generator, dimensions)

    expected = build(model.generator, dimensions)
    assert [part.name for part in parts] == [part.name for part in expected]
    for part, reference in zip(parts, expected, strict=True):
        np.testing.assert_array_equal(part.mesh.vertices, reference.mesh.vertices)
        np.testing.assert_array_equal(part.mesh.faces, reference.mesh.faces)
        assert part.material == reference.material
        assert part.colour == reference.colour


def test_child_error_reaches_caller(process):
    with pytest.raises(ValueError, match="unknown generator 'vase'"):
        process.build("vase", {})


def test_generator_message_reaches_caller(process, catalog):
    model = catalog.get("ring-band")
    dimensions = DesignSession(model).dimensions()
    dimensions["depth"] = -1.0

    with pytest.raises(DimensionError, match="ring generator") as raised:
        process.build(model.generator, dimensions)

    assert raised.value.name == "depth"
    # The child survives a rejected design and builds the next one.
    assert process.build(model.generator, DesignSession(model).dimensions())


def test_dimension_error_survives_pickling():
    error = DimensionError("ring", "depth", "depth must be positive")

    copy = pickle.loads(pickle.dumps(error))

    assert (copy.generator, copy.name, str(copy)) == ("ring", "depth", str(error))


def test_arrays_round_trip(catalog):
    model = catalog.get("table-dining")
    dimensions = DesignSession(model).dimensions()

    parts = parts_from_arrays(build_part_arrays(model.generator, dimensions))

    assert [part.name for part in parts][:2] == ["top", "leg_1"]
    assert all(part.mesh.is_watertight for part in parts)
