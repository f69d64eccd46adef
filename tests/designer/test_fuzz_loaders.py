"""Generated input for the catalog and design loaders: a result or a clear error.

The catalog cases start from a real catalog file and replace or delete
values anywhere in it, so that most inputs get past the TOML parser and
reach the checks behind it. Any exception other than the loader's own
ValueError subclass fails the test. Loading only reads: each case also
checks that the input file is unchanged and nothing was written beside it.
"""

from __future__ import annotations

import copy
import json
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.catalog import CatalogError, CatalogModel, load_model
from designer.designs import Design, DesignFileError, read_design, resolve
from resources import CATALOG_DIR

CATALOG_FILES = sorted(CATALOG_DIR.glob("*.toml"))
BASE_DOCUMENTS = [tomllib.loads(path.read_text("utf-8")) for path in CATALOG_FILES]

# Examples per test. Catalog files compile their rules, about 20 ms each.
EXAMPLES = 150
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LEAVES = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "US 7", "choice", "decimal", "integer", "ring", "en"]),
)
TOML_VALUES = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def toml_key(key: str) -> str:
    if key and all(
        character.isascii() and (character.isalnum() or character in "_-")
        for character in key
    ):
        return key
    return toml_string(key)


def toml_string(text: str) -> str:
    # JSON escapes control characters the way TOML basic strings accept;
    # DEL is the one control character that JSON leaves as it is.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{toml_key(key)} = {toml_value(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    raise TypeError(f"no TOML form for {value!r}")


def toml_document(data: dict[str, Any]) -> str:
    """Write ``data`` as TOML, every table inline on one line."""
    return "".join(
        f"{toml_key(key)} = {toml_value(value)}\n" for key, value in data.items()
    )


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


@st.composite
def mutated_catalog(draw) -> str:
    data = copy.deepcopy(draw(st.sampled_from(BASE_DOCUMENTS)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths(data)))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()):
            parent[path[-1]] = draw(TOML_VALUES)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    return toml_document(data)


def assert_only_read(path: Path, data: bytes) -> None:
    """Check that ``path`` still contains ``data`` and is alone in its folder."""
    assert list(path.parent.iterdir()) == [path]
    assert path.read_bytes() == data


def load_or_error(path: Path) -> CatalogModel | CatalogError:
    try:
        return load_model(path)
    except CatalogError as error:
        return error


def test_toml_writer_round_trips():
    for document in BASE_DOCUMENTS:
        assert tomllib.loads(toml_document(document)) == document


@FUZZ_SETTINGS
@given(text=mutated_catalog())
def test_catalog_mutations_load_or_fail_clearly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("catalog") / "model.toml"
    path.write_text(text, encoding="utf-8")

    outcome = load_or_error(path)

    assert_only_read(path, text.encode("utf-8"))
    if isinstance(outcome, CatalogError):
        assert str(outcome).startswith(str(path))
        assert outcome.reason
    else:
        assert isinstance(outcome, CatalogModel)
        assert outcome.engine.complete(outcome.engine.coerce({})) is not None


@FUZZ_SETTINGS
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_catalog_bytes_load_or_fail_clearly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("catalog") / "model.toml"
    path.write_bytes(data)

    outcome = load_or_error(path)

    assert isinstance(outcome, CatalogError | CatalogModel)
    assert_only_read(path, data)


@FUZZ_SETTINGS
@given(data=st.binary(max_size=200) | JSON_VALUES.map(json.dumps).map(str.encode))
def test_design_bytes_read_or_fail_clearly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("design") / "design.json"
    path.write_bytes(data)

    try:
        design = read_design(path)
    except DesignFileError as error:
        assert str(error).startswith(str(path))
    else:
        assert isinstance(design, Design)
    assert_only_read(path, data)


@pytest.fixture(scope="module")
def models(catalog):
    return sorted(catalog.models)


@FUZZ_SETTINGS
@given(data=st.data())
def test_design_values_resolve_or_fail_clearly(catalog, models, data):
    product = data.draw(st.sampled_from([*models, "", "sofa"]))
    names = list(catalog.models[product].engine.parameters) if product in models else []
    keys = (
        st.sampled_from(names) | st.text(max_size=8) if names else st.text(max_size=8)
    )
    values = data.draw(st.dictionaries(keys, JSON_VALUES, max_size=4))
    design = Design(product, values, ())

    try:
        model, resolved = resolve(design, catalog)
    except DesignFileError as error:
        assert error.field
        assert error.reason
    else:
        assert model.id == product
        assert set(resolved) == set(model.engine.parameters)
