"""Prices of designs, in ``Decimal``.

Rounding rule: every line is rounded to the currency's minor unit (0.01)
with ROUND_HALF_UP, and the total is the sum of the rounded lines. So the
total on any document equals the sum of the lines it shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from designer.catalog import CatalogModel

CENT = Decimal("0.01")
DEFAULT_CURRENCY = "EUR"


def round_money(amount: Decimal) -> Decimal:
    """Round an amount to the minor unit by the studio's one rounding rule."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PriceLine:
    """One priced line, already rounded, with its label in each language."""

    labels: Mapping[str, str]
    amount: Decimal

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels["en"]


@dataclass(frozen=True)
class Price:
    """A price broken into lines; the total is the sum of the lines."""

    currency: str
    lines: tuple[PriceLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def quote(
    model: CatalogModel,
    values: Mapping[str, Any],
    derived: Mapping[str, Any],
    currency: str = DEFAULT_CURRENCY,
) -> Price:
    """Price a complete design: base price, option surcharges, computed lines."""
    base = {"en": "Base price", "zh_CN": "基础价格"}
    lines = [PriceLine(base, round_money(model.base_price))]
    for parameter in model.rules.parameters:
        delta = model.option_prices.get((parameter.name, values[parameter.name]))
        if not delta:
            continue
        choice = parameter.choice(values[parameter.name])
        labels = {
            language: f"{parameter.labels.get(language, parameter.labels['en'])}: "
            f"{choice.labels.get(language, choice.labels['en']) if choice else ''}"
            for language in ("en", "zh_CN")
        }
        lines.append(PriceLine(labels, round_money(delta)))
    context = {**values, **derived}
    for rule in model.price_lines:
        amount = round_money(Decimal(repr(float(rule.amount(context)))))
        if amount:
            lines.append(PriceLine(dict(rule.labels), amount))
    return Price(currency, tuple(lines))
