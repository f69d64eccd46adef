import tomllib

import pytest

from designer.catalog import CatalogError, CatalogStore, load_catalog, load_model
from designer.catalog_drafts import (
    WARNING,
    DraftRejectedError,
    check_draft,
    publish_draft,
)
from designer.catalog_source import (
    VALUE,
    SourceMap,
    append_table,
    key_line,
    parse_location,
    remove_table,
    set_value,
    syntax_error_position,
    toml_value,
)
from resources import CATALOG_DIR
from rules.cache import CompiledCache

SAMPLE = """\
# A sample model.
id = "sample"
name = { en = "Sample", zh_CN = "样品" }

[description]
en = "Text"
zh_CN = "文字"

[[parameters]]
name = "width"
choices = [
    { value = "a", label = { en = "A", zh_CN = "甲" } },
    { value = "b", label = { en = "B", zh_CN = "乙" }, price = "5.00" },
]

# Explains the first rule.
[[rules]]
id = "first"
expression = 'width == "a"'

[[rules]]
id = "second"
expression = \"\"\"
width != "b"
\"\"\"

[lookups.factor]
a = 1.5
"quoted key" = 2
"""


def line_of(text: str, fragment: str) -> int:
    """Return the 1-based line of the only line that contains ``fragment``."""
    lines = [n for n, line in enumerate(text.split("\n"), 1) if fragment in line]
    assert len(lines) == 1, fragment
    return lines[0]


@pytest.mark.parametrize(
    "location, fragment, lines_below",
    [
        ("id", 'id = "sample"', 0),
        ("name.zh_CN", 'name = { en = "Sample"', 0),
        ("description", "[description]", 0),
        ("description.zh_CN", 'zh_CN = "文字"', 0),
        ("parameters[0]", "[[parameters]]", 0),
        ("parameters[0].choices[1].price", 'price = "5.00"', 0),
        ("parameters[0].choices[0].label.en", '{ value = "a"', 0),
        ("rules[0]", "# Explains", 1),
        ("rules[1].expression", 'id = "second"', 1),
        ("lookups.factor.a", "a = 1.5", 0),
        ("lookups.factor.quoted key", '"quoted key"', 0),
        ("lookups.factor", "[lookups.factor]", 0),
    ],
)
def test_key_line_finds_each_kind_of_key(location, fragment, lines_below):
    assert key_line(SAMPLE, location) == line_of(SAMPLE, fragment) + lines_below


def test_key_line_falls_back_to_the_parent():
    assert (
        key_line(SAMPLE, "rules[1].message.en") == line_of(SAMPLE, 'id = "second"') - 1
    )
    assert key_line(SAMPLE, "parameters[0].unit") == line_of(SAMPLE, "[[parameters]]")


def test_key_line_of_nothing_is_none():
    assert key_line(SAMPLE, "") is None
    assert key_line(SAMPLE, "price_lines[0].amount") is None


def test_parse_location_splits_indices():
    assert parse_location("rules[12].message.zh_CN") == (
        "rules",
        12,
        "message",
        "zh_CN",
    )
    assert parse_location("id") == ("id",)
    assert parse_location("") == ()


@pytest.mark.parametrize(
    "path", sorted(CATALOG_DIR.glob("*.toml")), ids=lambda p: p.name
)
def test_every_value_of_the_catalog_has_its_span(path):
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    source = SourceMap(text)

    def leaves(value, prefix=()):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from leaves(item, (*prefix, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from leaves(item, (*prefix, index))
        else:
            yield prefix, value

    for key_path, value in leaves(data):
        span = source.spans.get(key_path)
        assert span is not None, key_path
        assert span.kind == VALUE, key_path
        written = text[span.start : span.end]
        assert tomllib.loads(f"x = {written}")["x"] == value, key_path


def test_syntax_error_position_reads_the_message():
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads("a = 1\nb = \n")
    assert syntax_error_position(caught.value) == (2, 5)


@pytest.mark.parametrize(
    "value",
    ["plain", 'if a == "b" then c', 'it\'s "both"', "line\nbreak", 4.0, 7, True],
)
def test_toml_value_round_trips(value):
    assert tomllib.loads(f"x = {toml_value(value)}")["x"] == value


def test_toml_value_rejects_none():
    with pytest.raises(TypeError, match="None"):
        toml_value(None)


def test_set_value_replaces_in_place_and_keeps_comments():
    text = set_value(SAMPLE, ("rules", 0, "expression"), 'width != "a"')
    assert "expression = 'width != \"a\"'" in text
    assert "# Explains the first rule." in text
    assert tomllib.loads(text)["rules"][0]["expression"] == 'width != "a"'
    assert text.replace('width != "a"\'', 'width == "a"\'', 1) == SAMPLE


def test_set_value_adds_a_key_to_its_table():
    text = set_value(SAMPLE, ("parameters", 0, "unit"), "mm")
    assert tomllib.loads(text)["parameters"][0]["unit"] == "mm"
    assert key_line(text, "parameters[0].unit") == line_of(text, 'unit = "mm"')
    assert line_of(text, 'unit = "mm"') < line_of(text, "# Explains")


def test_set_value_rewrites_an_inline_table():
    text = set_value(SAMPLE, ("parameters", 0, "choices", 0, "price"), "2.50")
    data = tomllib.loads(text)
    assert data["parameters"][0]["choices"][0] == {
        "value": "a",
        "label": {"en": "A", "zh_CN": "甲"},
        "price": "2.50",
    }
    assert data["parameters"][0]["choices"][1]["price"] == "5.00"


def test_set_value_none_removes_the_key():
    text = set_value(SAMPLE, ("lookups", "factor", "a"), None)
    assert tomllib.loads(text)["lookups"]["factor"] == {"quoted key": 2}
    inline = set_value(SAMPLE, ("parameters", 0, "choices", 1, "price"), None)
    assert "price" not in tomllib.loads(inline)["parameters"][0]["choices"][1]


def test_set_value_in_a_missing_table_raises():
    with pytest.raises(KeyError, match=r"price_lines\[0\]"):
        set_value(SAMPLE, ("price_lines", 0, "amount"), "1")


def test_append_and_remove_table():
    text = append_table(SAMPLE, "rules", {"id": "third", "expression": "true"})
    rules = tomllib.loads(text)["rules"]
    assert [rule["id"] for rule in rules] == ["first", "second", "third"]
    assert tomllib.loads(text)["lookups"]["factor"]["a"] == 1.5

    removed = remove_table(text, "rules", 0)
    assert [rule["id"] for rule in tomllib.loads(removed)["rules"]] == [
        "second",
        "third",
    ]
    assert "# Explains the first rule." not in removed


def test_remove_missing_table_raises():
    with pytest.raises(KeyError, match=r"rules\[5\]"):
        remove_table(SAMPLE, "rules", 5)


# Catalog errors with their line ---------------------------------------------------


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_unknown_name_is_reported_at_its_line(catalog_copy):
    path = catalog_copy / "ring-band.toml"
    text = replace_once(
        path.read_text(encoding="utf-8"), "then depth >= 1.3", "then dept >= 1.3"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_model(path)
    assert caught.value.key == "rules[0].expression"
    assert caught.value.line == line_of(text, "then dept >= 1.3")
    assert str(caught.value).startswith(f"{path}:{caught.value.line}: rules[0]")
    assert "unknown name 'dept'" in caught.value.reason


def test_type_mismatch_is_reported_at_its_line(catalog_copy):
    path = catalog_copy / "ring-band.toml"
    text = replace_once(
        path.read_text(encoding="utf-8"),
        "minimum = 2.0\nmaximum = 10.0",
        'minimum = "2.0"\nmaximum = 10.0',
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_model(path)
    assert caught.value.key == "parameters[2].minimum"
    assert caught.value.line == line_of(text, 'minimum = "2.0"')


def test_syntax_error_is_reported_at_its_line(catalog_copy):
    path = catalog_copy / "ring-band.toml"
    text = replace_once(
        path.read_text(encoding="utf-8"), "lead_time_days = 21", "lead_time_days = "
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_model(path)
    assert caught.value.line == line_of(text, "lead_time_days =")
    assert "not valid TOML" in caught.value.reason


def test_duplicate_id_names_its_line(catalog_copy):
    text = (catalog_copy / "ring-band.toml").read_text(encoding="utf-8")
    (catalog_copy / "zz-copy.toml").write_text(text, encoding="utf-8")
    loaded = load_catalog(catalog_copy)
    assert loaded.errors[0].line == line_of(text, 'id = "ring-band"')


# Drafts ---------------------------------------------------------------------------


def test_draft_without_valid_product_is_an_error(catalog_copy):
    path = catalog_copy / "ring-band.toml"
    text = path.read_text(encoding="utf-8") + (
        '\n[[rules]]\nid = "never"\nexpression = "width > 20"\n'
        'message = { en = "Never.", zh_CN = "从不。" }\n'
    )
    check = check_draft(text, path)
    assert check.model is None
    assert not check.publishable
    [problem] = check.problems
    assert problem.key == "rules"
    assert problem.line == line_of(text, 'id = "engraving-depth"') - 1
    assert "no combination of values" in problem.reason


def test_draft_lists_unusable_values_as_warnings(catalog_copy):
    path = catalog_copy / "ring-band.toml"
    text = replace_once(
        path.read_text(encoding="utf-8"),
        "expression = 'if metal == \"silver_925\" then depth >= 1.5'",
        "expression = 'metal != \"titanium\"'",
    )
    check = check_draft(text, path)
    assert check.publishable
    [warning] = check.problems
    assert warning.severity == WARNING
    assert warning.key == "parameters[5].choices[5]"
    assert warning.line == line_of(text, 'value = "titanium"')
    assert "metal = titanium" in warning.reason


def test_draft_taking_another_id_is_rejected(catalog_copy):
    path = catalog_copy / "ring-band.toml"
    text = replace_once(
        path.read_text(encoding="utf-8"), 'id = "ring-band"', 'id = "bangle"'
    )
    check = check_draft(text, path, other_ids={"bangle": catalog_copy / "bangle.toml"})
    assert not check.publishable
    assert [(p.key, p.line) for p in check.errors] == [
        ("id", line_of(text, 'id = "bangle"'))
    ]


def test_publish_writes_and_reloads(catalog_copy, tmp_path):
    store = CatalogStore(catalog_copy, CompiledCache(tmp_path / "cache"))
    path = catalog_copy / "ring-band.toml"
    text = replace_once(
        path.read_text(encoding="utf-8"),
        'base_price = "450.00"',
        'base_price = "470.00"',
    )
    result = publish_draft(text, path, store)
    assert result.error is None
    assert path.read_text(encoding="utf-8") == text
    assert str(store.catalog.get("ring-band").base_price) == "470.00"
    assert str(load_catalog(catalog_copy).get("ring-band").base_price) == "470.00"
    assert list(catalog_copy.glob(".*.tmp")) == []


def test_publish_rejects_a_broken_draft_and_writes_nothing(catalog_copy, tmp_path):
    store = CatalogStore(catalog_copy, CompiledCache(tmp_path / "cache"))
    path = catalog_copy / "ring-band.toml"
    before = path.read_text(encoding="utf-8")
    text = replace_once(before, "then depth >= 1.3", "then dept >= 1.3")
    with pytest.raises(DraftRejectedError) as caught:
        publish_draft(text, path, store)
    line = line_of(text, "then dept >= 1.3")
    assert f"line {line}: rules[0].expression: unknown name 'dept'" in str(caught.value)
    assert [p.line for p in caught.value.problems] == [line]
    assert path.read_text(encoding="utf-8") == before


def test_nested_array_of_tables_is_placed():
    text = (
        '[[parameters]]\nname = "a"\n\n[[parameters]]\nname = "b"\n'
        '[[parameters.choices]]\nvalue = "x"\n[[parameters.choices]]\nvalue = "y"\n'
    )
    assert key_line(text, "parameters[1].choices[1].value") == line_of(text, '"y"')
    assert key_line(text, "parameters[1].choices[0]") == line_of(text, '"x"') - 1


def test_windows_line_endings_keep_lines():
    text = SAMPLE.replace("\n", "\r\n")
    assert key_line(text, "rules[1].expression") == line_of(SAMPLE, 'id = "second"') + 1
    changed = set_value(text, ("id",), "other")
    assert tomllib.loads(changed)["id"] == "other"
    assert changed.count("\r\n") == text.count("\r\n")
