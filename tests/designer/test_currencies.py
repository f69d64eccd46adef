"""Stores that sell in JPY and USD: rounding, stored orders and the quote PDF."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from designer import orders
from designer.currencies import CurrencyError, load_currencies, minor_unit
from designer.designs import read_design, resolve
from designer.order_design import freeze_design
from designer.pricing import load_material_prices
from designer.quote import quote_document, write_quote_pdf
from designer.session import DesignSession
from designer.store import StoreSettings, load_store_settings, save_store_settings
from resources import EXAMPLES_DIR, MATERIAL_PRICES_FILE

# Currencies a store must be able to sell in, with their ISO 4217 minor units.
EXPECTED_MINOR_UNITS = {
    **dict.fromkeys(
        "EUR CZK DKK HUF PLN RON SEK NOK CHF GBP USD CAD AUD NZD".split(), 2
    ),
    **dict.fromkeys("CNY HKD TWD SGD INR AED SAR".split(), 2),
    **dict.fromkeys("JPY KRW CLP ISK VND".split(), 0),
}

# A made-up rate per euro for each test currency, and a VAT rate that makes
# the tax line's last decimal matter.
RATES = {"JPY": Decimal("161.37"), "USD": Decimal("1.0537")}
TAX_RATE = Decimal("0.085")


def test_table_lists_minor_units():
    table = load_currencies()
    for code, places in EXPECTED_MINOR_UNITS.items():
        assert table.get(code) == places, code


def test_unknown_currency_rejected():
    with pytest.raises(CurrencyError) as raised:
        StoreSettings(currency="EUX")
    text = str(raised.value)
    assert "'EUX'" in text
    assert "JPY" in text
    assert "currencies.toml" in text


def test_thousandths_refused(tmp_path):
    # Orders store two decimals, so a currency counted in thousandths would
    # lose its last decimal in every stored total.
    table = tmp_path / "currencies.toml"
    table.write_text('[currencies]\nKWD = { minor_unit = 3, name = "Kuwaiti Dinar" }\n')
    with pytest.raises(ValueError, match="KWD has minor_unit 3"):
        load_currencies(table)
    assert "KWD" not in load_currencies()


def test_unknown_currency_has_no_minor_unit():
    with pytest.raises(CurrencyError, match="'ZZZ'"):
        minor_unit("ZZZ")


def _price_list(tmp_path, currency: str):
    """Write the shipped material prices converted to ``currency`` and load them."""
    path = tmp_path / f"prices-{currency}.csv"
    with MATERIAL_PRICES_FILE.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    for row in rows:
        row["price"] = str(Decimal(row["price"]) * RATES[currency])
        row["currency"] = currency
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return load_material_prices(path)


def _order(studio_db, catalog, tmp_path, currency: str):
    """Place an order of the example band ring at a store selling in ``currency``."""
    with studio_db.session() as session:
        save_store_settings(
            session, StoreSettings(currency=currency, tax_rate=TAX_RATE)
        )
    with studio_db.session(readonly=True) as session:
        settings = load_store_settings(session)
    path = EXAMPLES_DIR / "ring-band.json"
    design = read_design(path)
    model, values = resolve(design, catalog, path)
    session = DesignSession(model, values, design.chosen, currency)
    frozen = freeze_design(session, settings, prices=_price_list(tmp_path, currency))
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", frozen, "ana", confirm=True)
    return order.id, frozen


def _places(amount: Decimal) -> int:
    return -amount.as_tuple().exponent


@pytest.mark.parametrize("currency", ["JPY", "USD"])
def test_order_rounds_to_minor_unit(studio_db, catalog, tmp_path, currency):
    order_id, frozen = _order(studio_db, catalog, tmp_path, currency)
    places = minor_unit(currency)
    price = frozen.price

    assert all(_places(line.amount) == places for line in price.lines)
    assert _places(price.total) == places
    assert price.total == sum(line.amount for line in price.lines)
    net = sum(line.amount for line in price.lines if line.kind != "tax")
    tax = (net * TAX_RATE).quantize(Decimal(1).scaleb(-places), "ROUND_HALF_UP")
    assert price.tax == tax

    with studio_db.session(readonly=True) as session:
        summary = orders.payment_summary(session, order_id)
        [listed] = [row for row in orders.list_orders(session) if row.id == order_id]
    assert summary.total == price.total
    assert _places(summary.total) == places
    assert _places(summary.outstanding) == places
    assert listed.total == price.total
    assert _places(listed.total) == places
    assert _places(listed.paid) == places


@pytest.mark.parametrize(
    ("currency", "too_fine", "accepted"),
    [("JPY", "1000.5", "1000"), ("USD", "10.005", "10.12")],
)
def test_payment_decimals_follow_currency(
    studio_db, catalog, tmp_path, currency, too_fine, accepted
):
    order_id, _ = _order(studio_db, catalog, tmp_path, currency)
    text = _rejected_deposit(studio_db, order_id, too_fine)
    assert too_fine in text
    assert currency in text
    with studio_db.session() as session:
        payment = orders.record_payment(
            session, order_id, "deposit", accepted, "cash", "ana"
        )
        assert payment.amount == Decimal(accepted)
    with studio_db.session(readonly=True) as session:
        summary = orders.payment_summary(session, order_id)
        history = [entry.text for entry in orders.order_history(session, order_id)]
    assert summary.received == Decimal(accepted)
    assert _places(summary.received) == minor_unit(currency)
    assert f"deposit {accepted} {currency} by cash" in history


@pytest.mark.parametrize(
    ("currency", "amount_pattern"),
    [("JPY", r"(\d+) JPY"), ("USD", r"(\d+\.\d{2}) USD")],
)
def test_quote_pdf_in_minor_unit(
    studio_db, catalog, tmp_path, currency, amount_pattern
):
    order_id, frozen = _order(studio_db, catalog, tmp_path, currency)
    with studio_db.session(readonly=True) as session:
        document = quote_document(session, order_id)
    pdf = write_quote_pdf(document, tmp_path / "quote.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)

    amounts = [Decimal(found) for found in re.findall(amount_pattern, text)]
    *lines, total = amounts
    assert len(lines) == len(frozen.price.lines)
    assert sum(lines) == total == frozen.price.total
    # No amount shows more or fewer decimals than the currency has.
    shown = re.findall(rf"\d\.(\d+) {currency}", text)
    assert all(len(decimals) == minor_unit(currency) for decimals in shown)


@pytest.mark.parametrize(
    ("currency", "typed", "fragment"),
    [
        ("JPY", "abc", "is not a number; write it as 120"),
        ("JPY", "0", "must be above zero; write it as 120"),
        ("USD", "NaN", "is not a number; write it as 120.50"),
        ("USD", "-1", "must be above zero; write it as 120.50"),
    ],
)
def test_payment_hint_has_currency_decimals(
    studio_db, catalog, tmp_path, currency, typed, fragment
):
    order_id, _ = _order(studio_db, catalog, tmp_path, currency)
    assert _rejected_deposit(studio_db, order_id, typed).endswith(fragment)


def _rejected_deposit(studio_db, order_id: str, typed: str) -> str:
    """Record a deposit of ``typed`` that must be rejected; return the message."""
    with studio_db.session() as session:
        with pytest.raises(orders.PaymentError) as raised:
            orders.record_payment(session, order_id, "deposit", typed, "cash", "ana")
    return str(raised.value)
