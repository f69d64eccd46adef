"""Prices of designs, in ``Decimal``.

Rounding rule: every line is rounded to the currency's minor unit with
ROUND_HALF_UP, and the total is the sum of the rounded lines. So the total
on any document equals the sum of the lines it shows. The minor unit is the
currency's number of decimal places in ISO 4217, read from
``resources/currencies.toml``: 0.01 EUR, 1 JPY. Every amount that
is stored or shown goes through :func:`round_money`, and text shows it with
:func:`format_money`, so a JPY price never shows decimals. A material line
first rounds its quantity to the two decimals it shows, half up, so its
amount is the shown quantity times the shown price.

An order's price adds two kinds of line to the catalog's lines: the cost of
each material, measured from the geometry and priced from
``resources/material_prices.csv``, and the store's tax on the sum of the
other lines. A material that a catalog line prices itself (its
``material`` key, such as the solitaire's diamond priced per carat of the
chosen weight) gets no material line, so it is priced once. The tax line
is itself rounded by the same rule, so the total is still the sum of the
shown lines.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.catalog import CatalogModel
from designer.currencies import minor_unit
from designer.weights import GRAMS_PER_CARAT, weigh_parts
from models3d.materials import load_materials
from resources import MATERIAL_PRICES_FILE
from storage.messages import QT_TRANSLATE_NOOP, TranslatableError, message

if TYPE_CHECKING:
    # Only for annotations: both modules import trimesh, which the studio
    # window does not need before its first preview.
    from models3d.parts import Part
    from models3d.solids import Quantities

# Material quantities (g, ct, m2) are shown and priced to two decimals.
QUANTITY_STEP = Decimal("0.01")
DEFAULT_CURRENCY = "EUR"

# Kinds of price line. Every line except TAX counts towards the net amount.
BASE = "base"
OPTION = "option"
COMPUTED = "computed"
MATERIAL = "material"
TAX = "tax"

# Pricing bases of a material: its mass in grams, its mass in carats (0.2 g),
# or the square metres of board that a part is cut from.
PER_GRAM = "g"
PER_CARAT = "ct"
PER_SQUARE_METRE = "m2"
BASES = (PER_GRAM, PER_CARAT, PER_SQUARE_METRE)


def money_step(currency: str) -> Decimal:
    """Return the minor unit of ``currency`` as an amount: 0.01 EUR, 1 JPY.

    Raises
    ------
    designer.currencies.CurrencyError
        If ``currency`` is not in the currency table.
    """
    return Decimal(1).scaleb(-minor_unit(currency))


TYPED_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
"""Pattern of a typed amount or rate: digits with an optional decimal point,
as 120.50. Grouping marks (1,000 or 1_000), exponents (1e2) and other number
spellings are not read, so a number is never read other than as typed."""

FULL_WIDTH = str.maketrans(
    {chr(0xFF10 + digit): str(digit) for digit in range(10)}
    | {"．": ".", "。": ".", "＋": "+", "－": "-"}
)
"""Full-width digits, points and signs, as a Chinese input method types
them, to their ASCII forms. Other digits, such as ¹ or ①, are not read."""


def read_decimal(typed: str) -> Decimal:
    """Read a typed amount or rate, or return NaN when it is not written as
    ``TYPED_DECIMAL`` once ``FULL_WIDTH`` forms are ASCII."""
    text = str(typed).translate(FULL_WIDTH).strip()
    if not TYPED_DECIMAL.fullmatch(text):
        return Decimal("NaN")
    return Decimal(text)


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round an amount to ``currency``'s minor unit by the one rounding rule."""
    return amount.quantize(money_step(currency), rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str) -> str:
    """Return ``amount`` with exactly ``currency``'s decimals: 1500 JPY, 12.50 EUR.

    The text has a decimal point, for documents and files; the windows use
    the locale's separator instead.
    """
    return f"{round_money(amount, currency):f}"


class PricingError(TranslatableError, ValueError):
    """A price that cannot be computed, naming the value, the rule and the fix."""


@dataclass(frozen=True)
class PriceLine:
    """One priced line, already rounded, with its label in each language.

    ``kind`` is one of ``BASE``, ``OPTION``, ``COMPUTED``, ``MATERIAL`` and
    ``TAX``. ``material`` is the material id that a computed line prices in
    full, or ``None``.
    """

    labels: Mapping[str, str]
    amount: Decimal
    kind: str = COMPUTED
    material: str | None = None

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels["en"]


@dataclass(frozen=True)
class Price:
    """A price broken into lines; the total is the sum of the lines."""

    currency: str
    lines: tuple[PriceLine, ...]

    @property
    def total(self) -> Decimal:
        return self._sum(self.lines)

    @property
    def net(self) -> Decimal:
        """Sum of every line except tax."""
        return self._sum(line for line in self.lines if line.kind != TAX)

    @property
    def tax(self) -> Decimal:
        """Sum of the tax lines."""
        return self._sum(line for line in self.lines if line.kind == TAX)

    def _sum(self, lines: Iterable[PriceLine]) -> Decimal:
        # Starting from a zero in the minor unit keeps the sum's decimals at
        # the currency's, even with no lines.
        zero = round_money(Decimal(0), self.currency)
        return sum((line.amount for line in lines), zero)


def quote(
    model: CatalogModel,
    values: Mapping[str, Any],
    derived: Mapping[str, Any],
    currency: str = DEFAULT_CURRENCY,
) -> Price:
    """Price a complete design: base price, option surcharges, computed lines."""
    lines = _catalog_lines(model, values, derived, currency)
    return Price(currency, tuple(line for line, _ in lines))


def lines_priced_by(
    model: CatalogModel,
    names: Collection[str],
    values: Mapping[str, Any],
    derived: Mapping[str, Any],
    currency: str = DEFAULT_CURRENCY,
) -> tuple[PriceLine, ...]:
    """Return the lines of :func:`quote` whose amount depends on a parameter
    in ``names``: its option surcharge, or a computed line that reads it.

    Material and tax lines are not included, because they come from the
    measured parts and the store.
    """
    lines = _catalog_lines(model, values, derived, currency)
    return tuple(line for line, read in lines if read & set(names))


def _catalog_lines(
    model: CatalogModel,
    values: Mapping[str, Any],
    derived: Mapping[str, Any],
    currency: str,
) -> Iterator[tuple[PriceLine, frozenset[str]]]:
    """Yield each catalog line with a non-zero amount and the parameters it
    depends on."""
    base = {"en": "Base price", "zh_CN": "基础价格"}
    yield PriceLine(base, round_money(model.base_price, currency), BASE), frozenset()
    for parameter in model.rules.parameters:
        delta = model.option_prices.get((parameter.name, values[parameter.name]))
        if not delta:
            continue
        choice = parameter.choice(values[parameter.name])
        labels = {
            language: f"{parameter.labels.get(language, parameter.labels['en'])}"
            f"{_COLONS[language]}"
            f"{choice.labels.get(language, choice.labels['en']) if choice else ''}"
            for language in ("en", "zh_CN")
        }
        line = PriceLine(labels, round_money(delta, currency), OPTION)
        yield line, frozenset({parameter.name})
    context = {**values, **derived}
    for rule in model.price_lines:
        amount = round_money(Decimal(repr(float(rule.amount(context)))), currency)
        if amount:
            line = PriceLine(dict(rule.labels), amount, COMPUTED, rule.material)
            yield line, rule.parameters


@dataclass(frozen=True)
class PartMeasure:
    """A part's use of its material, as needed to price it.

    Attributes
    ----------
    name
        The part's name, for example ``"top"``.
    material
        Material id from ``resources/materials.csv``.
    mass_g
        Mass in grams.
    extents_mm
        Sides of the part's axis-aligned bounding box in millimetres,
        smallest first. A board part is cut from a sheet as large as the two
        larger sides and as thick as the smallest.
    """

    name: str
    material: str
    mass_g: float
    extents_mm: tuple[float, float, float]


def measure_parts(
    parts: Sequence[Part], quantities: Quantities, dims: Mapping[str, Any]
) -> list[PartMeasure]:
    """Pair each part's bounding box with the mass it is bought by.

    The masses come from :func:`designer.weights.weigh_parts`, as the
    production package's do: a lace weighs its length times its grams per
    metre, and a stone its carat weight. ``dims`` are the design's values
    and derived values, from ``DesignSession.dimensions``.
    """
    measures = []
    weighed = weigh_parts(parts, quantities, dims)
    for part, quantity in zip(parts, weighed, strict=True):
        extents = sorted(float(side) for side in part.mesh.extents)
        measures.append(
            PartMeasure(part.name, part.material, quantity.mass_g, tuple(extents))
        )
    return measures


@dataclass(frozen=True)
class MaterialPrice:
    """The price of one material by ``basis``: per g, per ct or per m².

    ``reference_thickness_mm`` applies to ``m2`` prices: the price is for a
    board that thick, and thicker or thinner parts scale linearly.
    """

    material: str
    basis: str
    price: Decimal
    currency: str
    reference_thickness_mm: Decimal | None
    note: str


@cache
def load_material_prices(
    path: Path = MATERIAL_PRICES_FILE,
) -> dict[str, MaterialPrice]:
    """Read the material price list, keyed by material id.

    Raises
    ------
    PricingError
        Naming the file and line of an invalid entry.
    """
    prices = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            where = message(
                QT_TRANSLATE_NOOP("Pricing", "{path}, line {line}"),
                path=path,
                line=reader.line_num,
            )
            prices[row["material"]] = _material_price(row, where)
    return prices


def _material_price(row: Mapping[str, str], where: object) -> MaterialPrice:
    basis = row["basis"]
    if basis not in BASES:
        raise PricingError(
            QT_TRANSLATE_NOOP(
                "Pricing", "{where}: basis {basis!r} is unknown; use one of {known}"
            ),
            where=where,
            basis=basis,
            known=tuple(BASES),
        )
    try:
        price = Decimal(row["price"])
        thickness = (
            Decimal(row["reference_thickness_mm"])
            if row["reference_thickness_mm"]
            else None
        )
    except InvalidOperation:
        raise PricingError(
            QT_TRANSLATE_NOOP(
                "Pricing",
                "{where}: price {price!r} or reference thickness {thickness!r} is "
                "not a number",
            ),
            where=where,
            price=row["price"],
            thickness=row["reference_thickness_mm"],
        ) from None
    if basis == PER_SQUARE_METRE and (thickness is None or thickness <= 0):
        raise PricingError(
            QT_TRANSLATE_NOOP(
                "Pricing",
                "{where}: a price per m2 needs reference_thickness_mm above zero, "
                "the thickness of board that the price is for",
            ),
            where=where,
        )
    return MaterialPrice(
        row["material"], basis, price, row["currency"], thickness, row["note"]
    )


def material_lines(
    measures: Iterable[PartMeasure],
    currency: str,
    prices: Mapping[str, MaterialPrice] | None = None,
) -> list[PriceLine]:
    """Price the materials of a product, one line per material.

    The quantity of each material is summed over its parts, rounded to the
    0.01 g, ct or m² that the line shows, and multiplied by the price; the
    amount is then rounded by the money rule. A board part (``m2``) counts
    its sheet area scaled by its thickness over the reference thickness.

    Raises
    ------
    PricingError
        If a material has no price, or its price is in another currency.
    """
    prices = load_material_prices() if prices is None else prices
    quantities: dict[str, Decimal] = {}
    for measure in measures:
        price = _price_of(measure.material, prices, currency)
        quantities[measure.material] = quantities.get(
            measure.material, Decimal(0)
        ) + _quantity(measure, price)
    materials = load_materials()
    lines = []
    for material_id, quantity in quantities.items():
        price = prices[material_id]
        shown_quantity = round_quantity(quantity)
        amount = round_money(shown_quantity * price.price, currency)
        labels = _material_labels(materials.get(material_id), material_id)
        labels = {
            language: f"{text}{_SEPARATORS[language]}"
            f"{_quantity_text(shown_quantity, price, language)}"
            for language, text in labels.items()
        }
        lines.append(PriceLine(labels, amount, MATERIAL))
    return lines


def round_quantity(quantity: Decimal) -> Decimal:
    """Round a material quantity to the 0.01 that its price line shows.

    A material line's amount is this rounded quantity times the price, so a
    reader who multiplies the two numbers on the line gets its amount.
    """
    return quantity.quantize(QUANTITY_STEP, rounding=ROUND_HALF_UP)


def _price_of(
    material_id: str, prices: Mapping[str, MaterialPrice], currency: str
) -> MaterialPrice:
    price = prices.get(material_id)
    if price is None:
        raise PricingError(
            QT_TRANSLATE_NOOP(
                "Pricing",
                "material {material!r} has no price, so the order cannot be "
                "priced; add a row for it to {file}",
            ),
            material=material_id,
            file=MATERIAL_PRICES_FILE.name,
        )
    if price.currency != currency:
        raise PricingError(
            QT_TRANSLATE_NOOP(
                "Pricing",
                "material {material!r} is priced in {priced} but the store sells "
                "in {store}; convert its row in {file} or change the store's "
                "currency",
            ),
            material=material_id,
            priced=price.currency,
            store=currency,
            file=MATERIAL_PRICES_FILE.name,
        )
    return price


def _quantity(measure: PartMeasure, price: MaterialPrice) -> Decimal:
    """Return the part's quantity in the unit of ``price.basis``."""
    if price.basis == PER_GRAM:
        return Decimal(repr(measure.mass_g))
    if price.basis == PER_CARAT:
        return Decimal(repr(measure.mass_g / GRAMS_PER_CARAT))
    thickness, width, length = measure.extents_mm
    sheet_m2 = Decimal(repr(width * length / 1e6))
    return sheet_m2 * Decimal(repr(thickness)) / price.reference_thickness_mm


def _quantity_text(quantity: Decimal, price: MaterialPrice, language: str) -> str:
    if price.basis == PER_SQUARE_METRE:
        thickness = f"{price.reference_thickness_mm.normalize():f}"
        reference = {
            "en": f" (at {thickness} mm)",
            "zh_CN": f"（按 {thickness} mm 厚计）",
        }
        return f"{quantity:.2f} m² × {price.price}{reference[language]}"
    return f"{quantity:.2f} {price.basis} × {price.price}"


# Text between a material's name and its quantity, in each label language.
_SEPARATORS = {"en": ", ", "zh_CN": "，"}
# Chinese text takes the full-width colon, with no space after it.
_COLONS = {"en": ": ", "zh_CN": "："}


def _material_labels(material, material_id: str) -> dict[str, str]:
    if material is None:
        return {"en": f"Material {material_id}", "zh_CN": f"材料 {material_id}"}
    return {
        "en": f"Material: {material.labels['en']}",
        "zh_CN": f"材料：{material.labels['zh_CN']}",
    }


def tax_line(
    net_lines: Iterable[PriceLine],
    rate: Decimal,
    names: Mapping[str, str],
    currency: str,
) -> PriceLine:
    """Return the tax on the sum of the rounded net lines, itself rounded.

    ``rate`` is a fraction such as ``Decimal("0.20")`` for 20 %; ``names``
    gives the tax's name in each language, such as ``{"en": "VAT"}``.
    """
    net = sum((line.amount for line in net_lines), Decimal(0))
    percent = f"{(rate * 100).normalize():f}"
    labels = {language: f"{name} {percent} %" for language, name in names.items()}
    return PriceLine(labels, round_money(net * rate, currency), TAX)


def order_price(
    catalog_price: Price,
    measures: Iterable[PartMeasure],
    tax_rate: Decimal,
    tax_names: Mapping[str, str],
    prices: Mapping[str, MaterialPrice] | None = None,
) -> Price:
    """Return the full price of an order: catalog lines, materials and tax.

    Parameters
    ----------
    catalog_price
        The design's catalog price from :func:`quote`, in the store's
        currency.
    measures
        The parts' material use, from :func:`measure_parts`.
    tax_rate
        Fraction of the net amount charged as tax, ``0 <= rate < 1``.
    tax_names
        The tax's name in each language.
    prices
        Material prices by id; the shipped price list when ``None``.
    """
    # A catalog line that prices a material, such as a stone per carat,
    # replaces the material's measured line.
    priced = {line.material for line in catalog_price.lines if line.material}
    unpriced = [measure for measure in measures if measure.material not in priced]
    net = [
        *catalog_price.lines,
        *material_lines(unpriced, catalog_price.currency, prices),
    ]
    tax = tax_line(net, tax_rate, tax_names, catalog_price.currency)
    lines = (*net, tax)
    return Price(catalog_price.currency, lines)
