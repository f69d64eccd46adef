"""The dining table's sag rules: the top between its long aprons, and the
long aprons between the legs."""

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
        ["mm between the legs", "the 4.7 mm limit (span / 600)", "a shorter table"],
        ["4.7 毫米的限值（跨度 / 600）", "请选择更短的桌子"],
    ),
    # 18 mm MDF across the 1000 mm between the long aprons of a deep table.
    (
        {"top_material": "mdf", "depth": 1200, "top_thickness": 18},
        "top-sag",
        ("top_sag", "top_span"),
        ["mm across its depth", "the 1.7 mm limit (top span / 600)", "a thicker top"],
        ["1.7 毫米的限值（桌面跨度 / 600）", "请选择更厚的桌面"],
    ),
]


@pytest.mark.parametrize(
    ("values", "rule", "names", "english", "chinese"), SAGGING_TABLES
)
def test_sagging_table_fails_rule(catalog, values, rule, names, english, chinese):
    session = table_session(catalog, **values)
    sag_name, span_name = names
    derived = session.evaluation.derived
    sag = round(derived[sag_name], 1)
    violation = violations(session)[rule]
    assert not session.orderable
    assert derived[sag_name] > derived[span_name] / 600
    assert f"sag {sag} mm" in violation.message("en")
    assert f"下垂 {sag} 毫米" in violation.message("zh_CN")
    for fragment in english:
        assert fragment in violation.message("en")
    for fragment in chinese:
        assert fragment in violation.message("zh_CN")


def test_sag_labels_name_supports(catalog):
    derived = {item.name: item for item in catalog.get("table-dining").rules.derived}
    assert derived["top_sag"].labels["en"] == "Top sag between the long aprons"
    assert derived["apron_sag"].labels["en"] == "Long apron sag between the legs"
    assert derived["top_sag"].labels["zh_CN"] == "桌面在长望板之间的挠度"
