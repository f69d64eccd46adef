"""Design files with several invalid values: each is reported, none is lost."""

import json

import pytest

from app.message_data import message_from_data, message_to_data
from designer.designs import (
    DesignFileError,
    DesignValuesError,
    read_design,
    resolve,
)
from storage.messages import Lines, message_from_json, message_to_json

BAD_RING = {
    "format": "atelier-design/1",
    "product": "ring-band",
    "values": {
        "size_system": "US",
        "size": "US 7",
        "width": 99,
        "metal": "tin",
        "engraving": 5,
        "finish": "matte",
    },
    "chosen": ["width", "polish"],
}


def write(path, data) -> bytes:
    text = json.dumps(data, indent=2).encode("utf-8")
    path.write_bytes(text)
    return text


def test_every_bad_value_is_reported(tmp_path, catalog):
    path = tmp_path / "ring.json"
    written = write(path, BAD_RING)

    with pytest.raises(DesignValuesError) as caught:
        resolve(read_design(path), catalog, path)

    error = caught.value
    fields = [part.field for part in error.errors]
    assert fields == [
        "values.finish",
        "chosen",
        "values.width",
        "values.metal",
        "values.engraving",
    ]
    assert error.field == ", ".join(fields)
    text = str(error)
    assert text.startswith(f"{path}: 5 values are invalid; correct each one")
    width = "- values.width: width: 99 is not accepted; expected a number from 2 to 10"
    assert width in text
    assert "- values.metal: metal: 'tin' is not accepted; expected one of" in text
    assert "- values.engraving: engraving: 5 is not accepted; expected text" in text
    assert "- values.finish: is not a parameter of ring-band; known:" in text
    assert "- chosen: names 'polish', which is not a parameter" in text
    assert len(text.splitlines()) == 6
    assert path.read_bytes() == written


def test_one_bad_value_keeps_plain_error(tmp_path, catalog):
    path = tmp_path / "ring.json"
    write(path, {"product": "ring-band", "values": {"width": 99}})

    with pytest.raises(DesignFileError) as caught:
        resolve(read_design(path), catalog, path)

    assert not isinstance(caught.value, DesignValuesError)
    assert caught.value.field == "values.width"
    assert str(caught.value).startswith(f"{path}: values.width: width: 99")


def test_rejected_size_system_lists_every_size(tmp_path, catalog):
    path = tmp_path / "ring.json"
    write(
        path,
        {"product": "ring-band", "values": {"size_system": "XX", "size": "US 99"}},
    )

    with pytest.raises(DesignValuesError) as caught:
        resolve(read_design(path), catalog, path)

    system, size = caught.value.errors
    assert system.field == "values.size_system"
    assert size.field == "values.size"
    # The rejected system names no group, so the size error does not either.
    assert "has no such value" not in str(size)
    assert "'US 99' is not accepted; expected one of" in str(size)


def test_unknown_product_stops_the_check(tmp_path, catalog):
    path = tmp_path / "sofa.json"
    write(path, {"product": "sofa", "values": {"width": "wide"}})

    with pytest.raises(DesignFileError) as caught:
        resolve(read_design(path), catalog, path)

    assert caught.value.field == "product"
    assert "unknown product 'sofa'; known products: bangle, bookshelf" in str(
        caught.value
    )


def test_engine_checks_each_value(catalog):
    engine = catalog.get("ring-band").engine

    values, errors = engine.coerce_each({"width": 99, "depth": 1.5, "metal": "tin"})

    assert [error.parameter for error in errors] == ["width", "metal"]
    assert values["depth"] == 1.5
    assert values["width"] == engine.coerce({})["width"]
    with pytest.raises(ValueError, match="width: 99 is not accepted"):
        engine.coerce({"width": 99, "metal": "tin"})


def test_engine_names_unknown_first(catalog):
    engine = catalog.get("ring-band").engine

    _, errors = engine.coerce_each({"width": 99, "colour": 1})

    assert [error.parameter for error in errors] == ["colour", "width"]
    assert "expected a parameter of this model: size_system" in str(errors[0])


def test_problem_lines_survive_storage(tmp_path, catalog):
    path = tmp_path / "ring.json"
    write(path, BAD_RING)
    with pytest.raises(DesignValuesError) as caught:
        resolve(read_design(path), catalog, path)
    message = caught.value.message

    stored = message_from_json(message_to_json(message))
    sent = message_from_data(message_to_data(message))

    assert isinstance(stored.values["problems"], Lines)
    assert isinstance(sent.values["problems"], Lines)
    assert str(stored) == str(message)
    assert str(sent) == str(message)
