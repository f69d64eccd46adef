import logging
import re
import tomllib
from decimal import Decimal

import numpy as np
import pytest

from designer.catalog import CatalogError, CatalogStore, load_catalog, load_model
from designer.production import build_parts
from designer.session import DesignSession
from models3d.generators import RULER_VALUES
from resources import CATALOG_DIR

REAL_MODELS = {
    "ring-band",
    "ring-solitaire",
    "pendant-disc",
    "bangle",
    "shoe-oxford",
    "table-dining",
    "shoe-sneaker",
    "shoe-boot",
    "bookshelf",
    "cabinet",
    "chair",
}


def test_real_catalog_loads_every_model(catalog):
    assert set(catalog.models) >= REAL_MODELS
    assert catalog.errors == []


def test_each_family_has_interacting_rules(catalog):
    for model_id in REAL_MODELS:
        errors = [r for r in catalog.get(model_id).rules.rules if r.severity == "error"]
        assert len(errors) >= 2, model_id


def test_ring_inner_diameter_follows_us_formula(catalog):
    engine = catalog.get("ring-band").engine
    design = engine.coerce({"size": "US 7"})
    inner = engine.derive(design)["inner_diameter"]
    assert inner == pytest.approx((0.458 + 0.032 * 7) * 25.4, abs=1e-3)
    assert inner == pytest.approx(17.32, abs=0.01)


def test_unknown_product_lists_known_ids(catalog):
    with pytest.raises(KeyError) as caught:
        catalog.get("sofa")
    assert "ring-band" in str(caught.value)


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "key", "reason"),
    [
        (
            "ring-band.toml",
            'expression = "engraving_length(engraving, letter_height) <= '
            'max_engraving_length"',
            'expression = "engraving_length(engraving, letter_height) <= max_mm"',
            "rules[1].expression",
            "unknown name 'max_mm'",
        ),
        (
            "ring-band.toml",
            'expression = "ring_inner_diameter(size)"',
            'expression = "inner_circumference / pi"',
            "derived[",
            "cycle",
        ),
        (
            "table-dining.toml",
            'expression = "width / depth <= 3"',
            'expression = "width / depth"',
            "rules[3].expression",
            "gives a number, but a bool is needed",
        ),
        (
            "table-dining.toml",
            'expression = "width / depth <= 3"',
            'expression = "width / depth > 5"',
            "rules",
            "no combination of values satisfies every error rule",
        ),
        (
            "shoe-oxford.toml",
            'default = "EU 42"',
            'default = "EU 52"',
            "parameters[1].default",
            "'EU 52' is not accepted because size_system 'EU' has no such value. "
            "Choose one from 'EU 35' to 'EU 48'. The nearest is 'EU 48'.",
        ),
        (
            "shoe-oxford.toml",
            'generator = "shoe"',
            'generator = "boot"',
            "generator",
            "'boot' is unknown",
        ),
        (
            "shoe-oxford.toml",
            'id = "sole-construction"',
            'id = "textile-upper-construction"',
            "rules[1].id",
            "rule id 'textile-upper-construction' is already used by rules[0]; "
            "give each rule its own id",
        ),
        (
            "ring-solitaire.toml",
            'material = "diamond"',
            'material = "moissanite"',
            "price_lines[0].material",
            "unknown material 'moissanite'",
        ),
    ],
)
def test_broken_file_reports_key_and_reason(catalog_copy, file, old, new, key, reason):
    replace_in(catalog_copy / file, old, new)
    loaded = load_catalog(catalog_copy)
    assert len(loaded.errors) == 1
    error = loaded.errors[0]
    assert error.path.name == file
    assert key in error.key
    assert reason in error.reason
    assert set(loaded.models) == REAL_MODELS - {file.removesuffix(".toml")}


def test_invalid_toml_names_the_line(catalog_copy):
    path = catalog_copy / "ring-band.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_model(path)
    assert "not valid TOML" in str(caught.value)
    assert "line" in str(caught.value)


def test_duplicate_id_is_reported(catalog_copy):
    source = (catalog_copy / "ring-band.toml").read_text(encoding="utf-8")
    (catalog_copy / "zz-copy.toml").write_text(source, encoding="utf-8")
    loaded = load_catalog(catalog_copy)
    assert [e.path.name for e in loaded.errors] == ["zz-copy.toml"]
    assert "already used" in loaded.errors[0].reason


def test_catalog_models_are_satisfiable_with_defaults(catalog):
    for model in catalog.models.values():
        defaults = model.engine.coerce({})
        assert model.engine.complete(defaults) is not None, model.id


def test_every_category_has_its_family(catalog):
    import tomllib

    from resources import PRODUCT_FAMILIES_FILE

    families = tomllib.loads(PRODUCT_FAMILIES_FILE.read_text(encoding="utf-8"))
    for model in catalog.models.values():
        assert families["families"].get(model.category) == model.family, model.id


def test_dead_values_are_visible_on_the_model(catalog):
    # A 2 mm band is narrower than the 2.5 mm that a prong head needs.
    assert catalog.get("ring-solitaire").dead_values == {"width": (2.0,)}
    assert catalog.get("ring-band").dead_values == {}


def test_unusable_value_is_reported_at_load(catalog_copy, caplog):
    replace_in(
        catalog_copy / "shoe-oxford.toml",
        'rows = [["mesh", "goodyear"], ["mesh", "blake"], ["canvas", "goodyear"]]',
        'rows = [["mesh", "goodyear"], ["mesh", "blake"], ["mesh", "cemented"]]',
    )
    with caplog.at_level(logging.INFO, logger="designer.catalog"):
        model = load_model(catalog_copy / "shoe-oxford.toml")
    assert model.dead_values == {"upper_material": ("mesh",)}
    assert (
        "shoe-oxford.toml: no valid product can use upper_material = mesh; "
        "remove the values or relax the rules that exclude them"
    ) in caplog.text


def test_broken_edit_keeps_the_last_good_model(catalog_copy):
    store = CatalogStore(catalog_copy)
    before = store.catalog.get("ring-band")
    path = catalog_copy / "ring-band.toml"
    replace_in(
        path, 'expression = "pi * inner_diameter"', 'expression = "pi * diameter"'
    )

    results = store.refresh()
    assert [r.path.name for r in results] == ["ring-band.toml"]
    result = results[0]
    assert result.kept_previous
    assert result.model is before
    message = result.message()
    line = (
        path.read_text(encoding="utf-8")
        .split("\n")
        .index('expression = "pi * diameter"')
    )
    assert result.error.line == line + 1
    assert message.startswith(
        f"{path}:{line + 1}: derived[1].expression: unknown name "
    )
    assert message.endswith(
        "pi * diameter\n     ^; the previous version of ring-band stays in use "
        "until the file is fixed"
    )
    assert store.catalog.get("ring-band") is before
    assert [e.path.name for e in store.catalog.errors] == ["ring-band.toml"]
    assert store.refresh() == []

    replace_in(
        path, 'expression = "pi * diameter"', 'expression = "pi * inner_diameter"'
    )
    replace_in(path, 'base_price = "450.00"', 'base_price = "460.00"')
    result = store.refresh()[0]
    assert result.error is None
    assert store.catalog.get("ring-band").base_price == Decimal("460.00")
    assert store.catalog.errors == []


def test_new_and_removed_files_follow_the_folder(catalog_copy):
    store = CatalogStore(catalog_copy)
    (catalog_copy / "table-dining.toml").unlink()
    results = store.refresh()
    assert [(r.path.name, r.model) for r in results] == [("table-dining.toml", None)]
    assert "table-dining" not in store.catalog.models
    source = (catalog_copy / "ring-band.toml").read_text(encoding="utf-8")
    (catalog_copy / "zz-copy.toml").write_text(source, encoding="utf-8")
    result = store.refresh()[0]
    assert result.model is None
    assert "'ring-band' is already used by" in result.message()
    assert "not in the catalog until it is fixed" in result.message()


def _chinese_texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "zh_CN" and isinstance(value, str):
                yield value
            else:
                yield from _chinese_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _chinese_texts(item)


def test_chinese_texts_write_mm_after_numbers():
    # Chinese texts write a length as "19 mm", as the spec sheet and the
    # panel's number boxes do; 毫米 stays only where no number precedes it,
    # as in "Mondopoint（毫米）".
    spelled = re.compile(r"[\d}]\s*毫米")
    found = []
    for path in sorted(CATALOG_DIR.glob("*.toml")):
        with path.open("rb") as file:
            texts = _chinese_texts(tomllib.load(file))
        found += [(path.name, text) for text in texts if spelled.search(text)]
    assert found == []


RULER_DESIGNS = [
    ("table-dining", {"width": 2400, "depth": 1100, "height": 720}),
    ("cabinet", {"width": 1000, "depth": 500}),
    ("bookshelf", {"width": 1200, "height": 2000}),
    ("ring-band", {"width": 6}),
    ("bangle", {"width": 10}),
    ("pendant-disc", {"size": 30}),
    ("ring-solitaire", {"size": "US 9", "carat": 1.0}),
]


@pytest.mark.parametrize(("model_id", "changes"), RULER_DESIGNS)
def test_ruler_values_are_body_sizes(catalog, model_id, changes):
    # The preview's rulers caption a length with the label of the value in
    # RULER_VALUES, so that value must be the length the ruler measures.
    model = catalog.get(model_id)
    names = RULER_VALUES[model.generator]
    for values in ({}, changes):
        session = DesignSession(model, values)
        parts = [part for part in build_parts(session) if not part.protrudes]
        bounds = np.array([part.mesh.bounds for part in parts])
        sizes = bounds[:, 1].max(axis=0) - bounds[:, 0].min(axis=0)
        known = {**session.values, **session.evaluation.derived}
        for name, size in zip(names, sizes, strict=True):
            if name is not None:
                assert known[name] == pytest.approx(size, abs=0.05), name


def test_ruler_values_name_catalog_values(catalog):
    for model in catalog.models.values():
        named = {parameter.name for parameter in model.rules.parameters}
        named |= {derived.name for derived in model.rules.derived}
        for name in RULER_VALUES.get(model.generator, ()):
            assert name is None or name in named, (model.id, name)
