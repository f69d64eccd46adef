import logging
from pathlib import Path

import numpy as np
import pytest

from rules.cache import (
    CompiledCache,
    CompiledFileError,
    beside,
    cache_key,
    default_cache_directory,
    load_or_compile,
    read_compiled,
    write_compiled,
)
from rules.compiled import CompiledModel
from rules.compiler import compile_model
from rules.engine import Engine
from rules.model import Choice, Parameter, Rule, RuleModel
from rules.tables import Table, TableModel


def small_model() -> TableModel:
    values = (("oak", "ash"), (1.5, 2.0, 2.5), (False, True))
    tables = (
        Table("light", (0, 1), np.array([[0, 0], [0, 1], [1, 2]])),
        Table("no-ash-oil", (0, 2), np.array([[1, 1]]), supports=False),
    )
    return TableModel(("wood", "depth", "oiled"), values, tables)


def compiled_small() -> CompiledModel:
    model = small_model()
    return CompiledModel(model, compile_model(model))


def test_written_model_reads_back_with_its_values(tmp_path):
    compiled = compiled_small()
    path = tmp_path / "small.compiled.npz"
    write_compiled(path, "key-1", compiled)
    loaded = read_compiled(path, "key-1")
    assert loaded.tables.values == compiled.tables.values
    assert type(loaded.tables.values[1][0]) is float
    assert type(loaded.tables.values[2][1]) is bool
    assert [t.name for t in loaded.tables.tables] == ["light", "no-ash-oil"]
    assert loaded.count({}) == compiled.count({}) == 5
    for a, b in zip(loaded.diagram.layers, compiled.diagram.layers, strict=True):
        assert np.array_equal(a, b)


def test_stale_or_damaged_files_are_rejected(tmp_path):
    path = tmp_path / "small.compiled.npz"
    write_compiled(path, "key-1", compiled_small())
    with pytest.raises(CompiledFileError, match="another version of the source"):
        read_compiled(path, "key-2")
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(CompiledFileError, match="cannot be read"):
        read_compiled(path)


def test_cache_compiles_once_and_replaces_a_damaged_file(tmp_path, caplog):
    cache = CompiledCache(tmp_path / "cache")
    builds = []

    def build():
        builds.append(1)
        return compiled_small()

    first = load_or_compile("key-1", build, cache)
    again = load_or_compile("key-1", build, cache)
    assert len(builds) == 1
    assert again.count({}) == first.count({})

    cache.path("key-1").write_bytes(b"not a compiled model")
    with caplog.at_level(logging.WARNING, logger="rules.cache"):
        repaired = load_or_compile("key-1", build, cache)
    assert "compiled model ignored" in caplog.text
    assert len(builds) == 2
    assert repaired.count({}) == 5
    assert read_compiled(cache.path("key-1"), "key-1").count({}) == 5


def test_shipped_form_needs_a_matching_key(tmp_path):
    source = tmp_path / "table.toml"
    shipped = beside(source)
    assert shipped.name == "table.compiled.npz"
    write_compiled(shipped, "key-1", compiled_small())
    cache = CompiledCache(tmp_path / "cache")

    def build():
        raise AssertionError("the shipped form should have been used")

    assert load_or_compile("key-1", build, cache, shipped).count({}) == 5
    assert not cache.directory.exists()
    rebuilt = load_or_compile("key-2", compiled_small, cache, shipped)
    assert rebuilt.count({}) == 5
    assert cache.path("key-2").is_file()


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_directory() == tmp_path / "mine"
    monkeypatch.delenv("ATELIER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_directory() == Path(tmp_path / "xdg" / "atelier" / "rules")


def test_keys_depend_on_the_source_and_the_format():
    assert cache_key(b"a") != cache_key(b"b")
    assert cache_key(b"a") == cache_key(b"a")
    assert len(cache_key("digest")) == 64


def test_engine_stores_its_diagram_and_reuses_it(tmp_path):
    wood = Parameter(
        "wood",
        "choice",
        {"en": "Wood"},
        "oak",
        choices=(Choice("oak", {"en": "Oak"}), Choice("ash", {"en": "Ash"})),
    )
    rule = Rule(
        "no-ash",
        "error",
        {"en": "no ash"},
        table_kind="forbidden",
        table_parameters=("wood",),
        rows=(("ash",),),
    )
    cache = CompiledCache(tmp_path)
    first = Engine(RuleModel((wood,), rules=(rule,)), cache=cache)
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    second = Engine(RuleModel((wood,), rules=(rule,)), cache=cache)
    assert list(tmp_path.iterdir()) == files
    assert first.count() == second.count() == 1
