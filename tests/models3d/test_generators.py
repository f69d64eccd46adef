"""Generator registry and dimension checks."""

import pytest

from models3d.dims import DimensionError
from models3d.generators import GENERATORS, build, generator_function
from resources import CATALOG_DIR
from tests.models3d.helpers import catalog, ring_dims, shoe_dims, table_dims


def test_catalog_generators_registered():
    for path in sorted(CATALOG_DIR.glob("*.toml")):
        assert catalog(path.stem)["generator"] in GENERATORS, path.name


def test_every_generator_imports():
    for name, (module, function) in GENERATORS.items():
        generator = generator_function(name)
        assert callable(generator), name
        assert generator.__module__ == module, name
        assert generator.__name__ == function, name


def test_unknown_generator_lists_known():
    with pytest.raises(ValueError) as caught:
        build("sofa", {})
    message = str(caught.value)
    assert "'sofa'" in message
    for name in ("ring", "shoe", "sneaker", "ankle_boot", "table", "chair"):
        assert name in message


@pytest.mark.parametrize(
    ("generator", "dims", "missing"),
    [
        ("ring", ring_dims("US 7", 4.0, 1.7, "court", "titanium"), "inner_diameter"),
        ("shoe", shoe_dims("EU 42"), "ball_width"),
        ("table", table_dims(1800, 900, 750, 30), "span"),
    ],
)
def test_missing_dimension_named(generator, dims, missing):
    del dims[missing]
    with pytest.raises(DimensionError, match=missing) as caught:
        build(generator, dims)
    assert caught.value.name == missing
    assert caught.value.generator == generator


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("depth", 0, "greater than 0"),
        ("depth", "thick", "number of mm"),
        ("width", True, "number of mm"),
        ("width", float("inf"), "number of mm"),
        ("profile", "oval", "flat, court, d_shape"),
        ("metal", "brass", "gold_18k_yellow"),
    ],
)
def test_invalid_ring_values(name, value, fragment):
    dims = ring_dims("US 7", 4.0, 1.7, "court", "titanium")
    dims[name] = value
    with pytest.raises(DimensionError, match=name) as caught:
        build("ring", dims)
    assert fragment in str(caught.value)


def test_decimal_values_accepted():
    from decimal import Decimal

    dims = ring_dims("US 7", 4.0, 1.7, "flat", "titanium")
    dims["width"], dims["depth"] = Decimal("4.5"), Decimal("1.7")
    band = build("ring", dims)[0]
    assert band.mesh.extents[2] == pytest.approx(4.5)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("upper_colour", "brown"),
        ("upper_colour", "#12345"),
        ("lace_colour", "red"),
        ("sole", "wood_sole"),
        ("upper_material", "vinyl"),
        ("toe_style", "wingtip"),
        ("last_length", 90.0),
        ("ball_width", 20.0),
        ("ball_width", 250.0),
        ("heel_height", 70.0),
    ],
)
def test_invalid_shoe_values(name, value):
    dims = shoe_dims("EU 42")
    dims[name] = value
    with pytest.raises(DimensionError, match=name):
        build("shoe", dims)
