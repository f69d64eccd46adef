"""The dining table's sag rules: the top between its long aprons, and the
long aprons between the legs."""

import itertools
import math
import re

import pytest

from designer.production import build_parts
from designer.session import DesignSession
from models3d.beam import beam_sag
from models3d.table import (
    APRON_HEIGHT_MM,
    APRON_MM,
    LEG_SECTION_MM,
    LEG_STYLES,
    TOP_MATERIALS,
)
from rules.engine import format_value

LOAD_KG_PER_M = 50


def table_session(catalog, **values):
    return DesignSession(catalog.get("table-dining"), values)


def violations(session):
    return {violation.rule: violation for violation in session.violations}


def expected_sags(lookups, values):
    """Return the top's and a long apron's sag by the beam formula, from the
    table's geometry: aprons on the legs' centre lines, 100 mm in from the
    top's edges, sharing the load with the top by bending stiffness."""
    width, depth = values["width"], values["depth"]
    thickness = values["top_thickness"]
    top_modulus = lookups["modulus_gpa"][values["top_material"]]
    apron_modulus = lookups["apron_modulus_gpa"][values["top_material"]]
    top_span = depth - 200
    top_load = LOAD_KG_PER_M * width / depth
    top = beam_sag(top_modulus, top_span, width, thickness, top_load)

    top_stiffness = top_modulus * depth * thickness**3
    apron_stiffness = apron_modulus * APRON_MM * APRON_HEIGHT_MM**3
    share = apron_stiffness / (top_stiffness + 2 * apron_stiffness)
    apron = beam_sag(
        apron_modulus,
        width - 200,
        APRON_MM,
        APRON_HEIGHT_MM,
        LOAD_KG_PER_M * share,
    )
    return top, apron


def test_default_table_passes_sag_rules(catalog):
    session = table_session(catalog)
    derived = session.evaluation.derived
    assert session.orderable
    assert "top-sag" not in violations(session)
    assert "apron-sag" not in violations(session)
    assert derived["top_sag"] <= derived["top_span"] / 600
    assert derived["apron_sag"] <= derived["span"] / 600


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"width": 3000, "depth": 1200, "top_thickness": 40},
        {"width": 2400, "depth": 800, "top_material": "walnut"},
        {"width": 1400, "depth": 1100, "top_material": "mdf", "top_thickness": 18},
        {"width": 2000, "top_material": "birch_plywood", "top_thickness": 25},
    ],
)
def test_sags_follow_beam_formula(catalog, values):
    session = table_session(catalog, **values)
    top, apron = expected_sags(session.model.rules.lookups, session.values)
    assert session.evaluation.derived["top_sag"] == pytest.approx(top, rel=1e-9)
    assert session.evaluation.derived["apron_sag"] == pytest.approx(apron, rel=1e-9)


@pytest.mark.parametrize("depth", [700, 900, 1200])
def test_top_span_is_between_long_aprons(catalog, depth):
    session = table_session(catalog, depth=depth)
    parts = {part.name: part for part in build_parts(session)}
    # apron_long_1 is on the +Y side, apron_long_2 on the -Y side.
    inner_near = parts["apron_long_1"].mesh.bounds[0][1]
    inner_far = parts["apron_long_2"].mesh.bounds[1][1]
    top_span = session.evaluation.derived["top_span"]
    assert top_span == pytest.approx(inner_near - inner_far)


@pytest.mark.parametrize("leg_style", LEG_STYLES)
@pytest.mark.parametrize(("width", "depth"), [(1200, 700), (1800, 900), (3000, 1200)])
def test_apron_lengths_are_between_legs(catalog, leg_style, width, depth):
    session = table_session(
        catalog, width=width, depth=depth, top_thickness=40, leg_style=leg_style
    )
    derived = session.evaluation.derived
    parts = {part.name: part for part in build_parts(session)}
    leg_x, leg_y = parts["leg_1"].mesh.bounds.mean(axis=0)[:2]
    assert derived["long_apron_length"] == pytest.approx(2 * leg_x - LEG_SECTION_MM)
    assert derived["end_apron_length"] == pytest.approx(2 * leg_y - LEG_SECTION_MM)
    if leg_style != "round":
        # A coped apron's blank reaches past the legs' faces at its outer face.
        assert parts["apron_long_1"].length == derived["long_apron_length"]
        assert parts["apron_end_1"].length == derived["end_apron_length"]


@pytest.mark.parametrize("top_material", TOP_MATERIALS)
def test_apron_modulus_is_apron_wood(catalog, top_material):
    session = table_session(catalog, top_material=top_material)
    lookups = session.model.rules.lookups
    aprons = [part for part in build_parts(session) if part.name.startswith("apron")]
    (wood,) = {part.material for part in aprons}
    expected = lookups["modulus_gpa"][wood]
    assert lookups["apron_modulus_gpa"][top_material] == expected


def test_thick_top_carries_long_table(catalog):
    session = table_session(catalog, width=3000, depth=1200, top_thickness=40)
    assert session.orderable
    assert "width" not in session.model.dead_values


SAGGING_TABLES = [
    # An 18 mm oak top takes little of the load along a 3000 mm table, so
    # the long aprons bend about 9 mm between legs 2800 mm apart.
    (
        {"width": 3000, "depth": 1000, "top_thickness": 18},
        "apron-sag",
        ("apron_sag", "span"),
        ["mm between the legs", "the 4.66 mm limit (span / 600)", "a shorter table"],
        ["4.66 mm 的限值（跨度 / 600）", "请选择更短的桌子"],
    ),
    # 18 mm MDF across the 1000 mm between the long aprons of a deep table.
    (
        {"top_material": "mdf", "depth": 1200, "top_thickness": 18},
        "top-sag",
        ("top_sag", "top_span"),
        ["mm across its depth", "the 1.66 mm limit (top span / 600)", "a thicker top"],
        ["1.66 mm 的限值（桌面跨度 / 600）", "请选择更厚的桌面"],
    ),
]


@pytest.mark.parametrize(
    ("values", "rule", "names", "english", "chinese"), SAGGING_TABLES
)
def test_sagging_table_fails_rule(catalog, values, rule, names, english, chinese):
    session = table_session(catalog, **values)
    sag_name, span_name = names
    derived = session.evaluation.derived
    sag = format_value(math.ceil(derived[sag_name] * 100) / 100)
    violation = violations(session)[rule]
    assert not session.orderable
    assert derived[sag_name] > derived[span_name] / 600
    assert f"sag {sag} mm" in violation.message("en")
    assert f"下垂 {sag} mm" in violation.message("zh_CN")
    for fragment in english:
        assert fragment in violation.message("en")
    for fragment in chinese:
        assert fragment in violation.message("zh_CN")


def test_sag_labels_name_supports(catalog):
    derived = {item.name: item for item in catalog.get("table-dining").rules.derived}
    assert derived["top_sag"].labels["en"] == "Top sag between the long aprons"
    assert derived["apron_sag"].labels["en"] == "Long apron sag between the legs"
    assert derived["top_sag"].labels["zh_CN"] == "桌面在长望板之间的挠度"


SAG_RULES = ("top-sag", "apron-sag")
SAG_PATTERNS = {
    "en": (r"sag ([0-9.]+) mm", r"the ([0-9.]+) mm limit"),
    "zh_CN": (r"下垂 ([0-9.]+) mm", r"超过 ([0-9.]+) mm 的限值"),
}


@pytest.fixture(scope="module")
def table_grid(catalog):
    """Every width, depth, top material and thickness of the catalog, with
    the rule violations of each, keyed by those four values."""
    model = catalog.get("table-dining")
    parameters = {parameter.name: parameter for parameter in model.rules.parameters}
    width, depth = parameters["width"], parameters["depth"]
    widths = range(int(width.minimum), int(width.maximum) + 1, int(width.step))
    depths = range(int(depth.minimum), int(depth.maximum) + 1, int(depth.step))
    materials = [choice.value for choice in parameters["top_material"].choices]
    thicknesses = [choice.value for choice in parameters["top_thickness"].choices]
    names = ("width", "depth", "top_material", "top_thickness")
    grid = {}
    for key in itertools.product(widths, depths, materials, thicknesses):
        values = dict(zip(names, key, strict=True))
        evaluation = model.engine.evaluate(model.engine.coerce(values))
        grid[key] = {violation.rule: violation for violation in evaluation.violations}
    return grid


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_sag_message_exceeds_limit(table_grid, language):
    sag_pattern, limit_pattern = SAG_PATTERNS[language]
    messages = [
        violations[rule].message(language)
        for violations in table_grid.values()
        for rule in SAG_RULES
        if rule in violations
    ]
    assert len(messages) > 1000
    for message in messages:
        sag = float(re.search(sag_pattern, message).group(1))
        limit = float(re.search(limit_pattern, message).group(1))
        assert sag > limit, message


def test_apron_sag_advice_can_fix(catalog, table_grid):
    # Each change the message suggests makes every failing table pass the
    # rule: a shorter table, and a thicker or stiffer top at the same size.
    lookups = catalog.get("table-dining").rules.lookups
    modulus = lookups["modulus_gpa"]
    failing = [key for key, found in table_grid.items() if "apron-sag" in found]
    assert failing

    def passes(key):
        return key in table_grid and "apron-sag" not in table_grid[key]

    for width, depth, top_material, thickness in failing:
        shorter = [
            (other, depth, top_material, thickness) for other in range(1200, width, 50)
        ]
        stiffer = [
            (width, depth, material, other)
            for material, other in itertools.product(modulus, (18, 25, 30, 40))
            if other >= thickness and modulus[material] >= modulus[top_material]
        ]
        assert any(passes(key) for key in shorter), (width, depth, top_material)
        assert any(passes(key) for key in stiffer), (width, depth, top_material)


@pytest.mark.parametrize(
    ("language", "advice", "unsaid"),
    [
        ("en", "Choose a shorter table, or a thicker or stiffer top", "deeper"),
        ("zh_CN", "请选择更短的桌子，或更厚、更硬的桌面", "更宽"),
    ],
)
def test_apron_sag_advice_skips_depth(catalog, language, advice, unsaid):
    # A deeper top takes little of the load: an 18 mm MDF top fails the
    # rule past 2350 mm at every depth.
    session = table_session(
        catalog, width=2400, depth=1200, top_material="mdf", top_thickness=18
    )
    message = violations(session)["apron-sag"].message(language)
    assert advice in message
    assert unsaid not in message
