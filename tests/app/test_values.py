import pytest

from app.values import MovedValues, display_value, part_parameter
from designer.session import value_text


def _parameter(catalog, model_id, name):
    return catalog.get(model_id).parameter(name)


def test_choice_shows_its_label_not_its_id(catalog):
    profile = _parameter(catalog, "ring-band", "profile")
    assert display_value(profile, "court", "en") == "Court (comfort fit)"
    assert display_value(profile, "court", "zh_CN") == "内外弧（舒适型）"


def test_number_shows_its_unit_and_step_digits(catalog):
    depth = _parameter(catalog, "ring-band", "depth")
    assert display_value(depth, 1.5, "en") == "1.5 mm"


def test_angle_takes_its_degree_sign_without_space(catalog):
    angle = _parameter(catalog, "chair", "back_angle")
    assert angle.unit == "°"
    assert display_value(angle, 103, "en") == "103°"
    assert value_text(catalog.get("chair"), "back_angle", 103) == "103°"


def test_yes_no_worded_in_the_language(catalog):
    # A repair question names a yes/no value in the customer's language.
    chair = catalog.get("chair")
    assert value_text(chair, "stretchers", False, "zh_CN") == "否"
    assert value_text(chair, "stretchers", True, "zh_CN") == "是"
    assert value_text(chair, "stretchers", False) == "no"


def test_move_back_to_first_value_dropped():
    moved = MovedValues()
    moved.record({"metal": "silver"}, {"metal": ("gold", "silver")}, "finish")
    assert moved
    moved.record({"metal": "gold"}, {"metal": ("silver", "gold")}, "finish")
    assert not moved


def test_second_move_keeps_the_first_old_value(catalog):
    moved = MovedValues()
    moved.record({"profile": "flat"}, {"profile": ("court", "flat")}, "depth")
    moved.record({"profile": "d_shape"}, {"profile": ("flat", "d_shape")}, "width")
    text = moved.describe(catalog.get("ring-band").parameter, "en")
    assert text == "Profile: Court (comfort fit) → D-shape"


def test_carried_size_names_both_systems(catalog):
    moved = MovedValues()
    moved.record({"size": "EU 48"}, {"size": ("UK 12.5", "EU 48")}, "size_system")
    text = moved.describe(catalog.get("shoe-boot").parameter, "en")
    assert text.endswith(": UK 12.5 → EU 48")


KNOCK_ON = "Also changed to keep the design valid: %s"


def test_followed_system_named_once(catalog):
    parameter_of = catalog.get("shoe-oxford").parameter
    moved = MovedValues()
    values = {"size": "US 9", "size_system": "US"}
    moved.record(values, {}, "size", {"size_system": ("EU", "US")})
    assert moved
    assert moved.describe(parameter_of, "en") == ""
    notice = moved.notice(parameter_of, "en", KNOCK_ON)
    assert notice == "Size system set to US men to match US 9."
    moved.record(values, {}, "toe_shape")
    assert not moved
    assert moved.notice(parameter_of, "en", KNOCK_ON) == ""


def test_followed_value_ends_its_move(catalog):
    parameter_of = catalog.get("shoe-boot").parameter
    moved = MovedValues()
    moved.record({"size_system": "UK"}, {"size_system": ("EU", "UK")}, "width")
    values = {"size": "US 3.5", "size_system": "US", "shaft_height": 110}
    adjusted = {"shaft_height": (130, 110)}
    moved.record(values, adjusted, "size", {"size_system": ("UK", "US")})
    assert moved.notice(parameter_of, "en", KNOCK_ON) == (
        "Size system set to US men to match US 3.5. Also changed to keep the "
        "design valid: Shaft height: 130 mm → 110 mm"
    )


@pytest.mark.parametrize(
    ("model_id", "part", "material", "expected"),
    [
        ("ring-band", "band", "gold_18k_yellow", "metal"),
        ("pendant-disc", "pendant", "gold_18k_yellow", "metal"),
        ("pendant-disc", "bail", "gold_18k_yellow", "metal"),
        ("shoe-oxford", "toe_cap", "calf_leather", "upper_material"),
        ("shoe-sneaker", "cupsole", "rubber_sole", "sole_colour"),
        ("shoe-boot", "gusset_lateral", "elastic", "gusset_colour"),
        ("shoe-sneaker", "laces", "waxed_cotton", "lace_colour"),
        ("shoe-oxford", "laces", "waxed_cotton", "lace_colour"),
        ("ring-band", "laces", "waxed_cotton", None),
    ],
)
def test_tapped_part_finds_its_option(catalog, model_id, part, material, expected):
    from designer.session import DesignSession

    session = DesignSession(catalog.get(model_id))
    found = part_parameter(session.model, session.values, part, material)
    assert found == expected
