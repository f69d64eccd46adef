"""The store-settings subcommand, on a real SQLite database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from designer.store import load_store_settings
from storage.db import open_database
from tests.staff import PASSWORD_LINE, USERNAMES, add_staff_accounts_at, run_cli_here


@pytest.fixture
def url(tmp_path):
    """URL of a SQLite database with one staff account per role."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    add_staff_accounts_at(url)
    return url


def _stored(url: str):
    database = open_database(url)
    with database.session(readonly=True) as session:
        settings = load_store_settings(session)
    database.dispose()
    return settings


def _run(capsys, url, *arguments, role: str | None = None):
    staff = ("--staff", USERNAMES[role]) if role else ()
    stdin = PASSWORD_LINE if role else ""
    return run_cli_here(
        capsys, "--database", url, "store-settings", *arguments, *staff, stdin=stdin
    )


def test_prints_settings_without_staff(capsys, url):
    code, out, _ = _run(capsys, url)

    assert code == 0
    assert "currency\tEUR" in out.splitlines()
    assert "tax_rate\t0.20" in out.splitlines()


def test_administrator_changes_currency_and_tax(capsys, url):
    code, out, _ = _run(
        capsys, url, "--currency", "usd", "--tax-rate", "0.0825", role="administrator"
    )

    assert code == 0
    assert "currency\tUSD" in out.splitlines()
    stored = _stored(url)
    assert stored.currency == "USD"
    assert stored.tax_rate == Decimal("0.0825")
    assert stored.order_prefix == "A"


def test_change_needs_an_administrator(capsys, url):
    code, _, err = _run(capsys, url, "--currency", "USD", role="sales")

    assert code != 0
    assert "administrator" in err
    assert _stored(url).currency == "EUR"


def test_invalid_value_changes_nothing(capsys, url):
    code, _, err = _run(
        capsys, url, "--currency", "GBP", "--tax-rate", "20%", role="administrator"
    )

    assert code == 2
    assert "--tax-rate '20%' is not a number" in err


@pytest.mark.parametrize("typed", ["1e-1", "0_2", "٠.٢"])
def test_tax_rate_read_only_as_typed(capsys, url, typed):
    code, _, err = _run(capsys, url, "--tax-rate", typed, role="administrator")
    assert code != 0
    assert f"--tax-rate {typed!r} is not a number" in err
    assert "0.20 for 20 %" in err
    assert _stored(url).currency == "EUR"


def test_unknown_currency_rejected(capsys, url):
    code, _, err = _run(capsys, url, "--currency", "EUX", role="administrator")

    assert code == 2
    assert "currency 'EUX' is unknown" in err
    assert "JPY" in err
    assert _stored(url).currency == "EUR"


@pytest.mark.parametrize("currency", ["JPY", "USD"])
def test_zero_and_two_decimal_currencies(capsys, url, currency):
    code, out, err = _run(capsys, url, "--currency", currency, role="administrator")

    assert code == 0
    assert f"currency\t{currency}" in out.splitlines()
    assert _stored(url).currency == currency
    # The shipped material prices are in euros, which the store must change.
    assert f"the material price list is in EUR, not {currency}" in err


def test_no_price_warning_in_price_list_currency(capsys, url):
    code, _, err = _run(capsys, url, "--currency", "EUR", role="administrator")

    assert code == 0
    assert "warning" not in err


def test_out_of_range_rate_is_named(capsys, url):
    code, _, err = _run(capsys, url, "--tax-rate", "20", role="administrator")

    assert code == 2
    assert "tax rate 20 is invalid" in err
