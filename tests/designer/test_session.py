import csv
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.designs import DesignFileError, design_from_json, read_design, resolve
from designer.pricing import round_money
from designer.session import DesignSession, StaleRepairError
from models3d.generators import build
from models3d.sizes import ring_size_table, shoe_foot_length, shoe_size_table
from resources import EXAMPLES_DIR
from rules.errors import DesignValueError


def test_offered_value_adjusts_free_values(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("engraving", "Forever")
    change = session.set_value("depth", 1.3)
    assert session.orderable
    assert change.adjusted["profile"] == ("court", "flat")


def test_withheld_value_is_kept_and_flagged(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("profile", "flat")
    session.set_value("depth", 1.3)
    assert "court" in session.domains.withheld["profile"]
    change = session.set_value("profile", "court")
    assert change.adjusted == {}
    assert not session.orderable
    assert [v.rule for v in session.evaluation.errors] == ["court-depth"]


def test_withheld_values_carry_reasons(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("profile", "court")
    assert 1.4 in session.domains.withheld["depth"]
    reasons = session.explain("depth", 1.4)
    assert [v.rule for v in reasons] == ["court-depth"]
    assert "1.5 mm" in reasons[0].message("en")


def test_switching_size_system_keeps_the_size(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("size", "US 7")
    session.set_value("size_system", "ISO")
    assert session.values["size"] == "ISO 54"
    session.set_value("size_system", "JP")
    inner = session.evaluation.derived["inner_diameter"]
    assert inner == pytest.approx(17.32, abs=0.2)


def test_system_switch_keeps_shaft_orderable(catalog):
    # A 160 mm shaft needs a foot of at least 300 mm. UK 12.5 is a 300.57 mm
    # foot, and the nearest EU size, EU 47, only 298.33 mm.
    session = DesignSession(catalog.get("shoe-boot"))
    session.set_value("shaft_height", 160)
    session.set_value("size", "UK 12.5")
    assert "EU" in session.domains.offered["size_system"]
    change = session.set_value("size_system", "EU")
    assert change.adjusted == {"size": ("UK 12.5", "EU 48")}
    assert session.values["shaft_height"] == 160
    assert session.orderable
    # Back in UK sizes the customer's own size returns, not EU 48's UK 13.
    session.set_value("size_system", "UK")
    assert session.values["size"] == "UK 12.5"
    # Picking the carried size again makes it the customer's own.
    session.set_value("size_system", "EU")
    session.set_value("size", "EU 47")
    session.set_value("size", "EU 48")
    session.set_value("size_system", "UK")
    assert session.values["size"] == "UK 13"
    # Once the customer picks a size, switching starts from that one.
    session.set_value("size", "UK 13")
    session.set_value("size_system", "EU")
    session.set_value("size_system", "UK")
    assert session.values["size"] == "UK 13"


def test_shaft_never_moves_default_size(catalog):
    # EU 42 is a 270 mm foot, so its shaft may be at most 145 mm high. The
    # size is the customer's measure even while it is the default, so the
    # higher shafts are withheld instead of moving the size to EU 48.
    session = DesignSession(catalog.get("shoe-boot"))
    assert "size" not in session.chosen
    limit = session.evaluation.derived["foot_length"] / 2 + 10
    withheld = session.domains.withheld["shaft_height"]
    assert withheld == tuple(h for h in (150, 160) if h > limit)
    assert withheld
    change = session.set_value("shaft_height", 160)
    assert change.adjusted == {}
    assert session.values["size"] == "EU 42"
    assert [v.rule for v in session.evaluation.errors] == ["shaft-height-size"]
    # Asked for, the studio names the size change and leaves the choice open.
    proposal = session.propose_repair("shaft_height", 160)
    assert proposal is not None
    assert "Shoe size 42 → 48" in proposal.question()
    assert session.values["size"] == "EU 42"


def test_withheld_shaft_reason_names_tried_height(catalog):
    # The reason for a withheld value is worded for the value tried, so it
    # must not say that the design on screen has that height.
    session = DesignSession(catalog.get("shoe-boot"))
    session.set_value("shaft_height", 140)
    reasons = session.explain("shaft_height", 150)
    assert [v.rule for v in reasons] == ["shaft-height-size"]
    assert reasons[0].message("en").endswith("so a 150 mm shaft is too high.")
    assert reasons[0].message("zh_CN").endswith("因此 150 mm 的靴筒过高。")
    for language in ("en", "zh_CN"):
        assert "140" not in reasons[0].message(language)


@pytest.mark.parametrize(
    ("model_id", "setup", "there", "back"),
    [
        ("shoe-boot", {"shaft_height": 160}, ("UK", "UK 8.5"), ("EU", "EU 42")),
        (
            "ring-band",
            {"width": 5.0, "engraving": "W" * 30},
            ("UK", "UK N½"),
            ("US", "US 7"),
        ),
    ],
)
def test_system_switch_keeps_size_when_broken(catalog, model_id, setup, there, back):
    # The design breaks a rule that no neighbouring size mends, so a switch
    # of system converts the size and leaves the rule's message to explain.
    session = DesignSession(catalog.get(model_id))
    for name, value in setup.items():
        session.set_value(name, value)
    assert not session.orderable
    session.set_value("size_system", there[0])
    assert session.values["size"] == there[1]
    session.set_value("size_system", back[0])
    assert session.values["size"] == back[1]


def test_smaller_size_lowers_default_shaft(catalog):
    session = DesignSession(catalog.get("shoe-boot"))
    change = session.set_value("size", "EU 36")
    assert session.values["size"] == "EU 36"
    assert set(change.adjusted) == {"shaft_height"}
    assert session.orderable


def test_foreign_size_switches_system(catalog):
    session = DesignSession(catalog.get("shoe-boot"))
    session.set_value("size_system", "EU")
    change = session.set_value("size", "UK 12.5")
    assert session.values["size_system"] == "UK"
    assert change.followed == {"size_system": ("EU", "UK")}
    assert change.adjusted == {}
    assert "size_system" in session.chosen
    assert session.orderable
    session.undo()
    assert session.values["size_system"] == "EU"


def test_chosen_foreign_size_picked_again(catalog):
    # A design saved with a UK size while in EU sizes: picking that size
    # again switches the system, though the size itself does not change.
    session = DesignSession(
        catalog.get("shoe-oxford"),
        {"size": "UK 12.5", "size_system": "EU"},
        chosen=["size"],
    )
    assert not session.orderable
    change = session.set_value("size", "UK 12.5")
    assert session.values["size_system"] == "UK"
    assert change.followed == {"size_system": ("EU", "UK")}
    assert session.orderable


def test_foreign_size_keeps_knock_on_apart(catalog):
    # UK 2.5 is a 215.9 mm foot, so a boot's shaft may be at most 117.95 mm
    # high, and the highest of its 10 mm steps that fits is 110 mm.
    session = DesignSession(catalog.get("shoe-boot"))
    change = session.set_value("size", "UK 2.5")
    assert change.followed == {"size_system": ("EU", "UK")}
    assert change.adjusted == {"shaft_height": (130, 110)}
    assert session.orderable


def test_too_long_engraving_is_an_error(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("width", 10.0)
    session.set_value("size", "US 3")
    session.set_value("engraving", "x" * 40)
    assert not session.orderable
    assert "engraving-length" in {v.rule for v in session.evaluation.errors}


@pytest.mark.parametrize("model_id", ["ring-band", "ring-solitaire"])
@pytest.mark.parametrize("letter", ["W", "永"])
def test_longest_orderable_engraving_builds(catalog, model_id, letter):
    # The rule measures the glyphs' real advance, so the longest text it
    # accepts is one the generator can cut, and one more letter is refused.
    model = catalog.get(model_id)
    session = DesignSession(model)
    session.set_value("width", 3.5)
    session.set_value("size", "US 7")
    count = 1
    while True:
        session.set_value("engraving", letter * (count + 1))
        if not session.orderable:
            break
        count += 1
    assert "engraving-length" in {v.rule for v in session.evaluation.errors}
    session.set_value("engraving", letter * count)
    assert session.orderable
    parts = build(model.generator, session.dimensions())
    assert all(part.mesh.is_watertight for part in parts)


def test_invalid_value_leaves_design_unchanged(catalog):
    session = DesignSession(catalog.get("table-dining"))
    before = dict(session.values)
    with pytest.raises(DesignValueError) as caught:
        session.set_value("width", 1234)
    assert "width" in str(caught.value)
    assert "steps of 50" in str(caught.value)
    assert session.values == before
    assert not session.can_undo


def test_bad_shoe_size_names_own_system(catalog):
    with pytest.raises(DesignValueError) as caught:
        DesignSession(catalog.get("shoe-oxford"), {"size_system": "EU", "size": "EU 1"})
    assert str(caught.value) == (
        "size: 'EU 1' is not accepted because size_system 'EU' has no such "
        "value. Choose one from 'EU 35' to 'EU 48'. The nearest is 'EU 35'."
    )


def test_other_system_size_listed_after(catalog):
    session = DesignSession(catalog.get("shoe-sneaker"))
    session.set_value("size_system", "US")
    before = dict(session.values)
    with pytest.raises(DesignValueError) as caught:
        session.set_value("size", "MP 100")
    message = str(caught.value)
    assert message.startswith(
        "size: 'MP 100' is not accepted because size_system 'US' has no such "
        "value. Choose one from 'US 3.5' to 'US 14'. In size_system 'MP'"
    )
    assert message.endswith(
        "the values run from 'MP 220' to 'MP 310'. The nearest is 'MP 220'."
    )
    assert session.values == before


def test_bad_ring_size_names_own_system(catalog):
    cases = {
        "US": ("US 20", "from 'US 3' to 'US 13.5'. The nearest is 'US 13.5'."),
        "UK": ("UK A", "from 'UK F' to 'UK Z+2'."),
        "ISO": ("ISO 50.2", "from 'ISO 44' to 'ISO 76'. The nearest is 'ISO 50'."),
        "JP": ("JP 0", "from 'JP 1' to 'JP 30'. The nearest is 'JP 1'."),
    }
    for system, (size, sizes) in cases.items():
        session = DesignSession(catalog.get("ring-band"))
        session.set_value("size_system", system)
        with pytest.raises(DesignValueError) as caught:
            session.set_value("size", size)
        message = str(caught.value)
        assert message.startswith(f"size: {size!r} is not accepted"), system
        assert f"size_system {system!r} has no such value" in message, system
        assert message.endswith(f"Choose one {sizes}"), system


def size_error(catalog, product, system, size):
    """Set ``size`` on a design of ``product`` in ``system``; return the error."""
    session = DesignSession(catalog.get(product))
    session.set_value("size_system", system)
    before = dict(session.values)
    with pytest.raises(DesignValueError) as caught:
        session.set_value("size", size)
    assert session.values == before
    message = str(caught.value)
    assert message.startswith(f"size: {size!r} is not accepted")
    return message


@pytest.mark.parametrize(
    ("product", "system", "size", "listed"),
    [
        ("shoe-oxford", "UK", "uk 8", "'UK 8'"),
        ("shoe-oxford", "UK", "8½", "'UK 8.5'"),
        ("ring-band", "US", "7¼", "'US 7.25'"),
        ("ring-band", "UK", "uk n½", "'UK N½'"),
        # The system with no space before the size.
        ("shoe-oxford", "UK", "UK8", "'UK 8'"),
        ("shoe-oxford", "UK", "uk8", "'UK 8'"),
        ("shoe-oxford", "EU", "EU42", "'EU 42'"),
        ("shoe-oxford", "UK", "uk8½", "'UK 8.5'"),
        # Fractions with a slash, with or without the system.
        ("shoe-oxford", "UK", "8 1/2", "'UK 8.5'"),
        ("shoe-oxford", "UK", "8-1/2", "'UK 8.5'"),
        ("shoe-oxford", "UK", "UK 8 1/2", "'UK 8.5'"),
        ("ring-band", "US", "7 1/4", "'US 7.25'"),
        ("ring-band", "UK", "N 1/2", "'UK N½'"),
        ("ring-band", "UK", "n1/2", "'UK N½'"),
        ("ring-band", "UK", "uk N-1/2", "'UK N½'"),
        ("ring-band", "UK", "Z+1 1/2", "'UK Z+1½'"),
        # A decimal comma.
        ("shoe-oxford", "UK", "8,5", "'UK 8.5'"),
        ("shoe-oxford", "UK", "uk 8,50", "'UK 8.5'"),
        ("ring-band", "US", "7,25", "'US 7.25'"),
        # Full-width letters and digits, as a Chinese input method types them.
        ("shoe-oxford", "UK", "８½", "'UK 8.5'"),
        ("shoe-oxford", "UK", "ＵＫ ８", "'UK 8'"),
        ("shoe-oxford", "UK", "ＵＫ８，５", "'UK 8.5'"),
        ("shoe-oxford", "EU", "４２", "'EU 42'"),
        ("ring-band", "UK", "ＵＫ　Ｎ½", "'UK N½'"),
        # Odd white space around or inside a number, and a leading zero.
        ("shoe-oxford", "UK", " 7.0 ", "'UK 7'"),
        ("shoe-oxford", "UK", "\u00a07.0\u3000", "'UK 7'"),
        ("shoe-oxford", "UK", "\tUK\u2009 7.0\n", "'UK 7'"),
        ("shoe-oxford", "UK", "07", "'UK 7'"),
    ],
)
def test_size_spellings_name_listed_size(catalog, product, system, size, listed):
    message = size_error(catalog, product, system, size)
    assert message.endswith(f"Write it as {listed}.")


@pytest.mark.parametrize(
    ("size", "other"),
    [
        ("EU42", "'EU 42'"),
        ("eu 42", "'EU 42'"),
        ("ＥＵ４２", "'EU 42'"),
        ("mp265", "'MP 265'"),
    ],
)
def test_other_system_unspaced_names_spelling(catalog, size, other):
    message = size_error(catalog, "shoe-oxford", "UK", size)
    system = other[1:3]
    assert "Choose one from 'UK 2.5' to 'UK 13'. In size_system" in message
    assert f"In size_system {system!r} the values run" in message
    assert message.endswith(f"Write it as {other}.")


@pytest.mark.parametrize(
    "size", ["uk 1e1", "1e1", "7_0", "UK 7_0", "0x8", "uk 0x8", "8²", "inf", "81/2"]
)
def test_python_number_spellings_get_range_only(catalog, size):
    """Text that Python's float() or int() reads, but a person does not
    write as a size, is no number: "uk 1e1" is not UK 10, "7_0" not 70.
    "81/2" could be 8½ or 81 halves, so it is no number either."""
    message = size_error(catalog, "shoe-oxford", "UK", size)
    assert message.endswith("Choose one from 'UK 2.5' to 'UK 13'.")


def chart_size(product, system, listed):
    """The size of ``system`` nearest in millimetres to ``listed``, from
    the size table, as a design switching system moves to it."""
    table = shoe_size_table() if product.startswith("shoe") else ring_size_table()
    measure = {row.label: row.millimetres for row in table}[listed]
    rows = [row for row in table if row.system == system]
    return min(rows, key=lambda row: abs(row.millimetres - measure)).label


@pytest.mark.parametrize(
    ("product", "system", "size", "other", "listed", "expected"),
    [
        ("shoe-oxford", "UK", "42", "EU", "EU 42", "UK 8.5"),
        ("shoe-oxford", "UK", 42, "EU", "EU 42", "UK 8.5"),
        ("shoe-oxford", "UK", "４２", "EU", "EU 42", "UK 8.5"),
        ("shoe-sneaker", "US", "265", "MP", "MP 265", "US 9.5"),
        ("ring-band", "US", "14", "JP", "JP 14", "US 7"),
        ("ring-band", "UK", "54", "ISO", "ISO 54", "UK N"),
    ],
)
def test_other_system_number_names_chart_size(
    catalog, product, system, size, other, listed, expected
):
    message = size_error(catalog, product, system, size)
    assert message.endswith(
        f"{size!r} looks like a size in size_system {other!r}: the chart lists "
        f"{expected!r} for {listed!r}."
    )
    assert "nearest" not in message
    assert chart_size(product, system, listed) == expected
    # Switching the size system moves the listed size to the same size.
    session = DesignSession(catalog.get(product), {"size_system": other})
    session.set_value("size", listed)
    session.set_value("size_system", system)
    assert session.values["size"] == expected


def test_chart_size_agrees_with_reference_chart(shared_data):
    """The reference chart puts EU 42 at a foot of 265 mm and UK 8.3 there,
    which the studio's half sizes round to UK 8.5."""
    chart = shared_data / "reference" / "shoe_sizes_computed.csv"
    with chart.open(encoding="utf-8", newline="") as handle:
        rows = {float(row["foot_length_mm"]): row for row in csv.DictReader(handle)}
    row = rows[shoe_foot_length("EU 42")]
    assert float(row["eu_if_allowance_15mm"]) == 42.0
    assert round(float(row["uk_adult_last_based"]) * 2) / 2 == 8.5
    assert chart_size("shoe-oxford", "UK", "EU 42") == "UK 8.5"


@pytest.mark.parametrize(
    ("product", "system", "size", "listed"),
    [
        # 12.5 is a UK and a US shoe size, so an EU design has no 12.5.
        ("shoe-oxford", "EU", "12 1/2", ("UK 12.5", "US 12.5")),
        ("shoe-oxford", "EU", "12.5", ("UK 12.5", "US 12.5")),
        ("shoe-oxford", "EU", "12½", ("UK 12.5", "US 12.5")),
        ("shoe-oxford", "EU", "12,5", ("UK 12.5", "US 12.5")),
        ("shoe-oxford", "EU", "１２½", ("UK 12.5", "US 12.5")),
        ("shoe-oxford", "EU", 12.5, ("UK 12.5", "US 12.5")),
        ("shoe-sneaker", "EU", "8", ("UK 8", "US 8")),
        ("shoe-boot", "EU", "3 1/2", ("UK 3.5", "US 3.5")),
        ("shoe-boot", "MP", "9", ("UK 9", "US 9")),
        # 7 is a US and a JP ring size, and UK ring sizes are letters.
        ("ring-band", "UK", "7", ("US 7", "JP 7")),
        ("ring-band", "ISO", "7", ("US 7", "JP 7")),
        ("ring-solitaire", "UK", "12", ("US 12", "JP 12")),
        ("ring-solitaire", "ISO", 13, ("US 13", "JP 13")),
    ],
)
def test_number_of_several_systems_names_each(catalog, product, system, size, listed):
    message = size_error(catalog, product, system, size)
    charted = ", ".join(
        f"{chart_size(product, system, other)!r} for {other!r}" for other in listed
    )
    assert message.endswith(
        f"{size!r} looks like a size in more than one other size_system: the "
        f"chart lists {charted}."
    )
    assert "nearest" not in message


def test_number_within_range_names_both(catalog):
    # Japanese ring sizes are whole numbers, so 13.25 is no JP size but
    # may be a US one: the message names the nearest JP sizes and the chart.
    message = size_error(catalog, "ring-band", "JP", "13.25")
    assert "The nearest is 'JP 13'." in message
    charted = chart_size("ring-band", "JP", "US 13.25")
    assert message.endswith(
        f"'13.25' looks like a size in size_system 'US': the chart lists "
        f"{charted!r} for 'US 13.25'."
    )


def written_number(size):
    """Return the number after the system in a listed size, or None for "UK N½"."""
    text = size.split(" ", 1)[1]
    return float(text) if text.replace(".", "", 1).isdigit() else None


@pytest.mark.parametrize(
    "product", ["shoe-oxford", "shoe-sneaker", "shoe-boot", "ring-band"]
)
def test_no_far_nearest_for_other_sizes(catalog, product):
    """No bare number that another system lists, outside the range of the
    design's system, gets a nearest size of the design's system."""
    model = catalog.get(product)
    size = model.parameter("size")
    for system in model.parameter("size_system").domain():
        own = [written_number(c.value) for c in size.choices if c.group == system]
        for choice in size.choices:
            number = written_number(choice.value)
            if choice.group == system or number is None:
                continue
            if None not in own and min(own) <= number <= max(own):
                continue
            bare = choice.value.split(" ", 1)[1]
            message = size_error(catalog, product, system, bare)
            assert "nearest" not in message, (system, bare)
            assert repr(choice.value) in message, (system, bare)


@pytest.mark.parametrize(
    ("product", "system", "size", "ending"),
    [
        # A number that names its system is read in it.
        ("shoe-oxford", "UK", "UK 42", "The nearest is 'UK 13'."),
        ("shoe-oxford", "EU", "eu 12.5", "The nearest is 'EU 35'."),
        # No other system lists 1.
        ("shoe-oxford", "EU", "1", "The nearest is 'EU 35'."),
    ],
)
def test_numbers_without_chart_size(catalog, product, system, size, ending):
    message = size_error(catalog, product, system, size)
    assert "looks like" not in message
    assert message.endswith(ending)


def test_ring_repair_names_own_sizes(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("size_system", "JP")
    with pytest.raises(DesignValueError) as caught:
        session.propose_repair("size", "JP 31")
    assert str(caught.value).endswith(
        "Choose one from 'JP 1' to 'JP 30'. The nearest is 'JP 30'."
    )


def test_undo_and_redo_restore_values(catalog):
    session = DesignSession(catalog.get("table-dining"))
    session.set_value("width", 2000)
    session.set_value("leg_style", "round")
    assert session.undo()
    assert session.values["leg_style"] == "square"
    assert session.undo()
    assert session.values["width"] == 1800
    assert not session.undo()
    assert session.redo()
    assert session.values["width"] == 2000


def test_undo_redo_keep_carried_size(catalog):
    # US 6.25 carries to ISO 53, whose nearest US size is US 6.5. The
    # history keeps where the switch started, so switching back after an
    # undo and a redo gives the customer's US 6.25 again.
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("size", "US 6.25")
    session.set_value("size_system", "ISO")
    assert session.values["size"] == "ISO 53"
    assert session.undo()
    assert session.values["size"] == "US 6.25"
    assert session.redo()
    assert session.values["size"] == "ISO 53"
    session.set_value("size_system", "US")
    assert session.values["size"] == "US 6.25"


def test_undo_to_carried_size_keeps_start(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("size", "US 6.25")
    session.set_value("size_system", "ISO")
    session.set_value("width", 5.0)
    assert session.undo()
    session.set_value("size_system", "US")
    assert session.values["size"] == "US 6.25"


def test_redo_gives_the_change_again(catalog):
    # An MDF top comes from one 2440 mm sheet, so a 2800 mm table narrows.
    session = DesignSession(catalog.get("table-dining"), {"width": 2800})
    change = session.set_value("top_material", "mdf")
    assert "width" in change.adjusted
    session.set_value("leg_style", "round")
    session.undo()
    session.undo()
    assert session.redo()
    assert session.redone_change == change
    assert session.redo()
    assert session.redone_change.name == "leg_style"


def test_redo_of_replaced_design_has_no_change(catalog):
    session = DesignSession(catalog.get("table-dining"))
    session.replace({"width": 2000})
    session.undo()
    assert session.redo()
    assert session.redone_change is None


def test_mdf_top_limited_by_its_sheet(catalog):
    # The long aprons carry the top along the table, so an MDF top is as
    # long as its 2440 mm sheet allows.
    session = DesignSession(catalog.get("table-dining"), {"width": 2800})
    change = session.set_value("top_material", "mdf")
    assert session.orderable
    assert set(change.adjusted) >= {"width"}
    assert session.values["width"] == 2400
    assert max(session.domains.offered["width"]) == 2400


def test_deep_mdf_top_needs_thickness(catalog):
    # A 1200 mm deep table has 1000 mm between its long aprons, and 18 or
    # 25 mm MDF sags more than 1000 / 600 mm across it. A shallower table
    # takes 18 mm.
    session = DesignSession(catalog.get("table-dining"))
    session.set_value("top_material", "mdf")
    assert 18 in session.domains.offered["top_thickness"]
    session.set_value("depth", 1200)
    assert session.orderable
    offered = session.domains.offered["top_thickness"]
    assert set(offered) == {30, 40}
    assert session.values["top_thickness"] in offered


def test_shoe_rules_interact(catalog):
    session = DesignSession(catalog.get("shoe-oxford"))
    session.set_value("upper_material", "mesh")
    assert session.values["construction"] == "cemented"
    assert session.values["sole"] != "leather_sole"
    assert "leather_sole" in session.domains.withheld["sole"]


def test_price_total_is_sum_of_lines(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("metal", "platinum_950")
    session.set_value("width", 6.5)
    price = session.price()
    assert price.total == sum(line.amount for line in price.lines)
    assert price.total == Decimal("450.00") + Decimal("380.00") + Decimal("25.00") + (
        Decimal("87.50")
    )
    assert all(line.amount == round_money(line.amount, "EUR") for line in price.lines)


def test_round_money_rounds_half_up():
    assert round_money(Decimal("2.345"), "EUR") == Decimal("2.35")
    assert round_money(Decimal("-2.345"), "EUR") == Decimal("-2.35")
    assert round_money(Decimal("1234.5"), "JPY") == Decimal("1235")
    assert round_money(Decimal("1.2345"), "USD") == Decimal("1.23")


@pytest.mark.parametrize("path", sorted(EXAMPLES_DIR.glob("*.json")))
def test_examples_are_orderable(catalog, path):
    design = read_design(path)
    model, values = resolve(design, catalog, path)
    session = DesignSession(model, values, design.chosen)
    assert session.orderable, [v.rule for v in session.violations]


def test_every_model_has_an_example(catalog):
    examples = {p.stem for p in EXAMPLES_DIR.glob("*.json")}
    assert set(catalog.models) <= examples


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ([], "", "must be a JSON object"),
        ({"values": {}}, "product", "missing"),
        ({"product": "ring-band", "values": 3}, "values", "must be an object"),
        ({"product": "sofa", "values": {}}, "product", "unknown product 'sofa'"),
        ({"product": "ring-band", "values": {"colour": 1}}, "values.colour", "not a "),
        ({"product": "ring-band", "values": {"width": 99}}, "values.width", "2 to 10"),
        (
            {"product": "ring-band", "values": {"size": "US 99"}},
            "values.size",
            "Choose one from 'US 3' to 'US 13.5'",
        ),
        (
            {"product": "ring-band", "values": {}, "chosen": ["colour"]},
            "chosen",
            "'colour', which is not a parameter of ring-band",
        ),
    ],
)
def test_bad_design_names_the_field(catalog, data, field, fragment):
    with pytest.raises(DesignFileError) as caught:
        resolve(design_from_json(data), catalog)
    assert caught.value.field == field
    assert fragment in str(caught.value)


def test_malformed_json_names_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"product": "ring-band",\n "values": {', encoding="utf-8")
    with pytest.raises(DesignFileError) as caught:
        read_design(path)
    assert "not valid JSON" in str(caught.value)
    assert "line 2" in str(caught.value)


def test_number_beyond_the_digit_limit_is_refused(tmp_path):
    path = tmp_path / "huge.json"
    width = "9" * 5000
    path.write_text(
        '{"product": "ring-band", "values": {"width": ' + width + "}}",
        encoding="utf-8",
    )
    with pytest.raises(DesignFileError) as caught:
        read_design(path)
    assert "more than 4300 digits" in str(caught.value)
    assert str(path) in str(caught.value)


def test_chosen_value_offers_compatible_ones(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("metal", "gold_18k_white")
    assert "platinum_950" in session.domains.offered["metal"]
    assert session.explanation("metal", "platinum_950") is None


def test_repair_is_proposed_and_applied_on_confirmation(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("profile", "flat")
    session.set_value("depth", 1.3)
    before = dict(session.values)

    proposal = session.propose_repair("profile", "court")
    assert proposal.repair.changes == {"depth": (1.3, 1.5)}
    assert proposal.explanation.choices == {"depth": 1.3}
    assert proposal.question("en") == (
        "To choose Profile Court (comfort fit), change Band depth 1.3 mm → 1.5 mm?"
    )
    assert "1.5 mm" in proposal.reasons("en")[0]
    assert session.values == before

    change = session.apply_repair(proposal)
    assert session.values["profile"] == "court"
    assert session.values["depth"] == 1.5
    assert change.adjusted == {"depth": (1.3, 1.5)}
    assert session.orderable
    assert {"profile", "depth"} <= session.chosen
    assert session.undo()
    assert session.values == before


def test_stale_repair_is_rejected(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("depth", 1.3)
    proposal = session.propose_repair("profile", "court")
    session.set_value("width", 5.0)
    before = dict(session.values)
    with pytest.raises(StaleRepairError) as raised:
        session.apply_repair(proposal)
    assert session.values == before
    assert str(raised.value) == (
        "Nothing was changed, because the design changed after profile = "
        "'court' was offered. Choose the value again to see what it needs now."
    )


def test_dead_value_has_no_repair(catalog):
    session = DesignSession(catalog.get("ring-solitaire"))
    assert session.propose_repair("width", 2.0) is None


def engraved_solitaire_on(catalog, width):
    session = DesignSession(catalog.get("ring-solitaire"))
    session.set_value("engraving", "Anna")
    session.set_value("width", width)
    return session


def test_narrow_engraved_band_names_both_rules(catalog):
    # A 2 mm band is too narrow for the prong head (2.5 mm) and for the
    # engraved letters (3 mm): the reasons name both minimums.
    session = engraved_solitaire_on(catalog, 2.0)
    assert not session.orderable
    reasons = session.explain("width", 2.0)
    assert [v.rule for v in reasons] == ["prong-head-band", "engraving-letter-height"]
    assert "2.5 mm" in reasons[0].message("en")
    assert "3 mm" in reasons[1].message("en")


def test_narrow_engraved_band_fixed_in_one_step(catalog):
    session = engraved_solitaire_on(catalog, 2.0)
    assert session.propose_repair("width", 2.0) is None

    proposal = session.propose_nearest("width", 2.0)
    assert proposal.value == 3.0
    assert proposal.repair.changes == {}
    assert proposal.question("en") == "Choose Band width 3 mm?"
    assert len(proposal.reasons("en")) == 2

    session.apply_repair(proposal)
    assert session.values["width"] == 3.0
    assert session.values["engraving"] == "Anna"
    assert session.orderable


def test_narrow_plain_band_nearest_is_prong_minimum(catalog):
    session = DesignSession(catalog.get("ring-solitaire"))
    session.set_value("width", 2.0)
    proposal = session.propose_nearest("width", 2.0)
    assert proposal.value == 2.5
    assert [v.rule for v in proposal.explanation.rules] == ["prong-head-band"]
    session.apply_repair(proposal)
    assert session.orderable


def test_nearest_of_offered_value_is_itself(catalog):
    session = engraved_solitaire_on(catalog, 3.0)
    proposal = session.propose_nearest("width", 4.0)
    assert proposal.value == 4.0
    assert proposal.explanation is None


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_valid_product_reaches_any_other(catalog, data):
    """Choosing each value of a target product, through a repair whenever the
    value is withheld, always ends at the target."""
    model = catalog.get(data.draw(st.sampled_from(sorted(catalog.models))))
    engine = model.engine

    def random_product():
        preferred = {
            p.name: data.draw(st.sampled_from(engine.values[i]))
            for i, p in enumerate(engine.variables)
        }
        return engine.complete({**engine.coerce({}), **preferred})

    start, target = random_product(), random_product()
    chosen = data.draw(st.sets(st.sampled_from([p.name for p in engine.variables])))
    session = DesignSession(model, start, chosen)
    names = data.draw(st.permutations([p.name for p in engine.variables]))
    for _ in range(len(names)):
        for name in names:
            if session.values[name] == target[name]:
                continue
            if session.domains.is_offered(name, target[name]):
                session.set_value(name, target[name])
            else:
                session.apply_repair(session.propose_repair(name, target[name]))
            assert session.orderable
    assert {n: session.values[n] for n in names} == {n: target[n] for n in names}


def test_relaxed_design_fitting_values(catalog):
    # A leather sole on a cemented construction breaks a rule whatever the
    # shaft, so the domains leave the choices out and offer every shaft.
    # The fitting shafts are those the EU 42 size allows.
    chosen = {"sole": "leather_sole", "construction": "cemented"}
    session = DesignSession(catalog.get("shoe-boot"), chosen, chosen)
    assert session.domains.relaxed == "choices"
    assert 160 in session.domains.offered["shaft_height"]
    assert session.fitting_values("shaft_height") == (100, 110, 120, 130, 140)
    # The leather sole needs at least 10 mm of toe spring.
    assert session.fitting_values("toe_spring") == (10, 12, 14, 16)


def test_relaxed_design_fitting_sizes(catalog):
    # A 130 mm shaft needs a foot of at least 240 mm, so EU 39 and UK 5.5
    # are the smallest sizes that fit.
    chosen = {"sole": "leather_sole", "construction": "cemented", "shaft_height": 130}
    session = DesignSession(catalog.get("shoe-boot"), chosen, chosen)
    assert session.domains.relaxed == "choices"
    fitting = session.fitting_values("size")
    assert "EU 35" not in fitting
    assert "EU 42" in fitting
    # A size of another system is judged in its own system.
    assert "UK 2.5" not in fitting
    assert "UK 9" in fitting
    # Setting the system converts the size, so every system fits.
    assert session.fitting_values("size_system") == ("EU", "UK", "US", "MP")


def test_relaxed_design_fitting_choices(catalog):
    chosen = {"profile": "court", "depth": 1.3}
    session = DesignSession(catalog.get("ring-band"), chosen, chosen)
    assert session.domains.relaxed == "choices"
    assert "silver_925" in session.domains.offered["metal"]
    # Silver needs 1.5 mm of depth, as the chosen court profile does.
    assert "silver_925" not in session.fitting_values("metal")
    assert "titanium" in session.fitting_values("metal")


def test_fitting_values_are_offered_ones(catalog):
    session = DesignSession(catalog.get("shoe-boot"))
    assert session.domains.relaxed is None
    offered = session.domains.offered["shaft_height"]
    assert session.fitting_values("shaft_height") == offered


def test_size_system_stays_offered_after_choosing_a_size(catalog):
    session = DesignSession(catalog.get("ring-band"))
    session.set_value("size", "US 7")
    assert set(session.domains.offered["size_system"]) == {"US", "UK", "ISO", "JP"}
    session.set_value("size_system", "UK")
    assert session.values["size"].startswith("UK ")
    assert session.orderable
