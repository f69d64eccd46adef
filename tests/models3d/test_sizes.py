"""Size tables: labels, order and each system's conversion formula."""

import math
import string

import pytest

from models3d.sizes import (
    UnknownSizeError,
    ring_inner_diameter,
    ring_size_choices,
    ring_size_table,
    shoe_foot_length,
    shoe_size_choices,
    shoe_size_table,
)
from tests.models3d.helpers import catalog, choice_values, parameter

INCH_MM = 25.4


def uk_ring_letter_index(size: str) -> float:
    """A = 1 ... Z = 26, then Z+1, Z+2; a trailing ½ adds a half step."""
    half = 0.5 if size.endswith("½") else 0.0
    size = size.removesuffix("½")
    if size.startswith("Z+"):
        return 26 + int(size[2:]) + half
    return string.ascii_uppercase.index(size) + 1 + half


RING_FORMULAS = {
    "US": lambda size: (0.458 + 0.032 * float(size)) * INCH_MM,
    "UK": lambda size: (36.25 + 1.25 * uk_ring_letter_index(size)) / math.pi,
    "ISO": lambda size: float(size) / math.pi,
    "JP": lambda size: 13.0 + (float(size) - 1.0) / 3.0,
}

SHOE_FORMULAS = {
    "MP": lambda size: float(size),
    "EU": lambda size: float(size) / 1.5 * 10.0 - 15.0,
    "UK": lambda size: ((float(size) + 25.0) / 3.0 - 2.0 / 3.0) * INCH_MM,
    "US": lambda size: ((float(size) + 24.0) / 3.0 - 2.0 / 3.0) * INCH_MM,
}


def test_us_7_ring_inner_diameter():
    assert ring_inner_diameter("US 7") == pytest.approx(17.3228, abs=1e-9)
    assert ring_inner_diameter("US 7") == pytest.approx((0.458 + 0.032 * 7) * 25.4)


@pytest.mark.parametrize(
    ("label", "diameter"),
    [("UK N½", 17.3081), ("ISO 54", 17.1887), ("JP 14", 17.3333), ("UK Z+1½", 22.4806)],
)
def test_ring_labels_from_catalog_systems(label, diameter):
    assert ring_inner_diameter(label) == pytest.approx(diameter, abs=1e-9)


@pytest.mark.parametrize(
    ("label", "foot"),
    [("EU 42", 265.0), ("UK 8.5", 266.7), ("US 9", 262.47), ("MP 265", 265.0)],
)
def test_shoe_labels_from_catalog_systems(label, foot):
    assert shoe_foot_length(label) == pytest.approx(foot, abs=1e-9)


@pytest.mark.parametrize("row", ring_size_table(), ids=lambda row: row.label)
def test_ring_row_matches_system_formula(row):
    expected = RING_FORMULAS[row.system](row.size)
    assert ring_inner_diameter(row.label) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize("row", shoe_size_table(), ids=lambda row: row.label)
def test_shoe_row_matches_system_formula(row):
    expected = SHOE_FORMULAS[row.system](row.size)
    assert shoe_foot_length(row.label) == pytest.approx(expected, abs=0.01)


def test_every_row_names_its_source():
    for row in ring_size_table() + shoe_size_table():
        assert row.source.strip(), row.label


def test_ring_choices_in_table_order():
    choices = ring_size_choices()
    assert choices == [(row.system, row.label) for row in ring_size_table()]
    assert choices[0] == ("US", "US 3")
    assert ("UK", "UK N½") in choices
    assert [system for system, _ in choices] == sorted(
        (system for system, _ in choices),
        key=["US", "UK", "ISO", "JP"].index,
    )


def test_shoe_choices_in_table_order():
    choices = shoe_size_choices()
    assert choices == [(row.system, row.label) for row in shoe_size_table()]
    assert choices[0] == ("MP", "MP 220")
    assert ("EU", "EU 42") in choices


def test_labels_are_system_space_size():
    for system, label in ring_size_choices() + shoe_size_choices():
        prefix, size = label.split(" ")
        assert prefix == system
        assert size


def test_catalog_systems_match_tables():
    ring_systems = {system for system, _ in ring_size_choices()}
    shoe_systems = {system for system, _ in shoe_size_choices()}
    assert set(choice_values("ring-band", "size_system")) == ring_systems
    assert set(choice_values("shoe-oxford", "size_system")) == shoe_systems


def test_catalog_default_sizes_exist():
    assert parameter("ring-band", "size")["default"] in dict(
        (label, system) for system, label in ring_size_choices()
    )
    assert parameter("shoe-oxford", "size")["default"] in dict(
        (label, system) for system, label in shoe_size_choices()
    )
    assert catalog("ring-band")["id"] == "ring-band"


def test_sizes_grow_within_each_system():
    for table in (ring_size_table(), shoe_size_table()):
        by_system = {}
        for row in table:
            by_system.setdefault(row.system, []).append(row.millimetres)
        for system, values in by_system.items():
            assert values == sorted(values), system
            assert len(set(values)) == len(values), system


@pytest.mark.parametrize("label", ["US 77", "US7", "us 7", "", "FR 52", " US 7"])
def test_unknown_ring_label_names_label_and_systems(label):
    with pytest.raises(ValueError) as caught:
        ring_inner_diameter(label)
    message = str(caught.value)
    assert repr(label) in message
    for system in ("US", "UK", "ISO", "JP"):
        assert system in message
    assert isinstance(caught.value, UnknownSizeError)
    assert caught.value.systems == ("US", "UK", "ISO", "JP")


def test_unknown_shoe_label_names_label_and_systems():
    with pytest.raises(UnknownSizeError) as caught:
        shoe_foot_length("EU 99")
    message = str(caught.value)
    assert "'EU 99'" in message
    for system in ("MP", "EU", "UK", "US"):
        assert system in message


def test_ring_label_is_not_a_shoe_label():
    with pytest.raises(UnknownSizeError):
        shoe_foot_length("JP 14")
