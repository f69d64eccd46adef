"""Order prices: material costs, tax and the rounding rule."""

from __future__ import annotations

import csv
import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from designer import orders
from designer.order_design import FrozenDesign, freeze_design
from designer.pricing import (
    MATERIAL,
    OPTION,
    TAX,
    PartMeasure,
    Price,
    PriceLine,
    PricingError,
    load_material_prices,
    material_lines,
    order_price,
    tax_line,
)
from designer.production import build_parts
from designer.store import StoreSettings, load_store_settings, save_store_settings
from designer.weights import grams_per_metre
from models3d.materials import material
from models3d.solids import union_parts
from resources import MATERIALS_FILE

VAT = {"en": "VAT", "zh_CN": "增值税"}


def test_every_material_has_a_price():
    prices = load_material_prices()
    with MATERIALS_FILE.open(encoding="utf-8", newline="") as handle:
        materials = [row["id"] for row in csv.DictReader(handle)]
    assert [m for m in materials if m not in prices] == []
    assert all(price.note for price in prices.values())


def test_gold_priced_by_gram():
    measure = PartMeasure("band", "gold_18k_yellow", 5.5, (4.0, 20.0, 20.0))
    [line] = material_lines([measure], "EUR")
    assert line.amount == Decimal("341.00")
    assert line.kind == MATERIAL
    assert "5.50 g" in line.label("en")


def test_board_priced_by_area_and_thickness():
    top = PartMeasure("top", "oak", 31_000.0, (30.0, 900.0, 1800.0))
    thick = PartMeasure("top", "oak", 62_000.0, (60.0, 900.0, 1800.0))
    [line] = material_lines([top], "EUR")
    [double] = material_lines([thick], "EUR")
    assert line.amount == Decimal("291.60")  # 1.62 m² × 180.00
    assert double.amount == Decimal("583.20")
    assert "1.62 m²" in line.label("en")


def test_same_material_summed_before_rounding():
    legs = [PartMeasure(f"leg_{n}", "steel", 1.125, (5, 5, 5)) for n in range(4)]
    [line] = material_lines(legs, "EUR")
    # 4.5 g × 0.004 = 0.018, rounded once; per part it would be 4 × 0.00.
    assert line.amount == Decimal("0.02")


# Parts whose quantity has more digits than the line shows: 5.554 g of
# gold, 0.2014 g (1.007 ct) of diamond and an oak top of 2.09105 m² at the
# 30 mm reference thickness.
UNROUNDED_PARTS = [
    (PartMeasure("band", "gold_18k_yellow", 5.554, (2, 20, 20)), "5.55 g", "344.10"),
    (PartMeasure("stone", "diamond", 0.2014, (4, 6, 6)), "1.01 ct", "909.00"),
    (
        PartMeasure("top", "oak", 40_000.0, (30.0, 1000.0, 2091.05)),
        "2.09 m²",
        "376.20",
    ),
]


@pytest.mark.parametrize(("measure", "shown", "amount"), UNROUNDED_PARTS)
def test_material_amount_uses_shown_quantity(measure, shown, amount):
    [line] = material_lines([measure], "EUR")
    assert shown in line.label("en")
    assert shown in line.label("zh_CN")
    assert line.amount == Decimal(amount)


@pytest.mark.parametrize(("measure", "shown", "amount"), UNROUNDED_PARTS)
def test_material_line_multiplies_out(measure, shown, amount):
    [line] = material_lines([measure], "EUR")
    match = re.search(r"([\d.]+) (?:g|ct|m²) × ([\d.]+)", line.label("en"))
    assert match is not None
    quantity, price = (Decimal(group) for group in match.groups())
    product = (quantity * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert line.amount == product


def test_missing_price_and_currency_named():
    measure = PartMeasure("band", "unobtainium", 1.0, (1, 1, 1))
    with pytest.raises(PricingError, match="'unobtainium' has no price"):
        material_lines([measure], "EUR")
    gold = PartMeasure("band", "gold_18k_yellow", 1.0, (1, 1, 1))
    with pytest.raises(PricingError, match="priced in EUR but the store sells in USD"):
        material_lines([gold], "USD")


def test_tax_rounds_half_up_on_rounded_net():
    lines = [
        PriceLine({"en": "a"}, Decimal("0.03")),
        PriceLine({"en": "b"}, Decimal("0.04")),
    ]
    line = tax_line(lines, Decimal("0.5"), VAT, "EUR")
    # 0.07 × 0.5 = 0.035 rounds half-up to 0.04.
    assert line.amount == Decimal("0.04")
    assert line.kind == TAX
    assert line.label("en") == "VAT 50 %"
    assert line.label("zh_CN") == "增值税 50 %"


def test_total_is_sum_of_shown_lines(frozen_examples):
    for frozen in frozen_examples.values():
        price = frozen.price
        assert price.total == sum(line.amount for line in price.lines)
        assert price.total == price.net + price.tax
        assert all(
            line.amount == line.amount.quantize(Decimal("0.01")) for line in price.lines
        )
        assert [line.kind for line in price.lines][-1] == TAX


def test_order_price_adds_materials_and_tax():
    catalog = Price(
        "EUR", (PriceLine({"en": "Base price"}, Decimal("100.00"), "base"),)
    )
    measure = PartMeasure("band", "silver_925", 10.0, (2, 20, 20))
    price = order_price(catalog, [measure], Decimal("0.20"), VAT)
    assert [line.amount for line in price.lines] == [
        Decimal("100.00"),
        Decimal("11.00"),
        Decimal("22.20"),
    ]
    assert price.total == Decimal("133.20")


def test_store_settings_round_trip(studio_db):
    with studio_db.session() as session:
        assert load_store_settings(session) == StoreSettings()
        custom = StoreSettings(
            tax_rate=Decimal("0.0825"), tax_names={"en": "Sales tax", "zh_CN": "销售税"}
        )
        save_store_settings(session, custom)
        assert load_store_settings(session) == custom


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("tax_rate", Decimal("1.5"), "tax rate 1.5 is invalid"),
        ("tax_rate", Decimal("-0.1"), "tax rate -0.1 is invalid"),
        ("currency", "euro", "currency 'euro' is unknown"),
        ("order_prefix", "a1", "order prefix 'a1' is invalid"),
        ("quote_validity_days", 0, "validity of 0 days is invalid"),
    ],
)
def test_invalid_store_settings_rejected(field, value, fragment):
    with pytest.raises(ValueError, match=fragment):
        StoreSettings(**{field: value})


def test_chinese_labels_use_full_width_colon(frozen_examples):
    labels = [
        line.label("zh_CN")
        for frozen in frozen_examples.values()
        for line in frozen.price.lines
    ]
    option_labels = [
        line.label("zh_CN")
        for frozen in frozen_examples.values()
        for line in frozen.price.lines
        if line.kind == OPTION
    ]
    assert option_labels, "no example design has a priced option"
    assert all("：" in label for label in option_labels)
    assert [label for label in labels if ":" in label] == []


LACE_LABEL = "Material: Waxed cotton lace"


def _lace_line(price: Price) -> PriceLine:
    (line,) = [line for line in price.lines if line.label("en").startswith(LACE_LABEL)]
    return line


def _grams(line: PriceLine) -> Decimal:
    match = re.search(r", ([\d.]+) g × ", line.label("en"))
    assert match is not None, line.label("en")
    return Decimal(match.group(1))


@pytest.mark.parametrize("size", ["EU 35", "EU 48"])
def test_lace_priced_by_its_length(example_session, size):
    session = example_session("shoe-oxford", size=size)
    parts = build_parts(session)
    frozen = freeze_design(session, StoreSettings(), parts)
    (lace,) = [part for part in parts if part.name == "laces"]
    grams = Decimal(repr(lace.length_mm / 1000 * grams_per_metre(lace.material)))
    # The model is the right shoe; the pair has two laces.
    shown = (2 * grams).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    assert _grams(_lace_line(frozen.price)) == shown
    assert _lace_line(frozen.price).amount == (shown * Decimal("0.04")).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert {part.name: part.mass_g for part in frozen.parts}["laces"] == (
        pytest.approx(float(grams))
    )


@pytest.mark.parametrize("shape", ["disc", "heart"])
@pytest.mark.parametrize("engraving", ["", "Li 永远"])
def test_pendant_metal_priced_by_union(example_session, shape, engraving):
    # The bail overlaps the body's rim, and the metal is priced once for it.
    session = example_session(
        "pendant-disc", shape=shape, metal="platinum_950", engraving=engraving
    )
    parts = build_parts(session)
    frozen = freeze_design(session, StoreSettings(), parts)
    density = material("platinum_950").density_g_cm3
    union_grams = float(union_parts(parts).volume) * density / 1000.0
    shown_grams = Decimal(repr(union_grams)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )

    (line,) = [line for line in frozen.price.lines if line.kind == MATERIAL]
    assert _grams(line) == shown_grams
    price = load_material_prices()["platinum_950"].price
    assert line.amount == (shown_grams * price).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert sum(part.mass_g for part in frozen.parts) == pytest.approx(union_grams)


def test_stored_order_keeps_price_until_requoted(studio_db, frozen_examples):
    oxford = frozen_examples["shoe-oxford"]
    # An order stored while the lace was priced by its visible mesh.
    data = oxford.to_json()
    (stored_line,) = [
        line
        for line in data["price"]["lines"]
        if line["labels"]["en"].startswith(LACE_LABEL)
    ]
    stored_line["labels"] = {
        "en": f"{LACE_LABEL}, 0.60 g × 0.04",
        "zh_CN": "材料：蜡棉鞋带，0.60 g × 0.04",
    }
    stored_line["amount"] = "0.02"
    stored = FrozenDesign.from_json(data)
    now = datetime(2026, 12, 1, 10, 0)

    with studio_db.session() as session:
        order = orders.create_order(session, "demo", stored, "ana", now=now)
        orders.transition(session, order.id, "quoted", "ana", occurred_at=now)
        kept = orders.frozen_design(session, order.id)
        kept_price = kept.session().price()
        orders.requote(session, order.id, "ana", now=now)
        renewed = orders.frozen_design(session, order.id)

    assert kept_price == stored.price
    assert _grams(_lace_line(kept_price)) == Decimal("0.60")
    assert _lace_line(renewed.price) == _lace_line(oxford.price)
    assert _grams(_lace_line(renewed.price)) > Decimal("3")
