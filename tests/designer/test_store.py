"""The store's settings as stored in the database's settings table."""

from decimal import Decimal

import pytest

from designer.store import (
    StoreSettings,
    load_store_currency,
    load_store_settings,
    save_store_settings,
)
from storage.repositories import set_setting


def test_currency_defaults_to_eur(studio_db):
    with studio_db.session(readonly=True) as session:
        assert load_store_currency(session) == "EUR"


def test_currency_read_beside_invalid_tax_rate(studio_db):
    with studio_db.session() as session:
        save_store_settings(session, StoreSettings(currency="USD"))
        set_setting(session, "store.tax_rate", "20%")
    with studio_db.session(readonly=True) as session:
        with pytest.raises(ValueError, match="'20%'"):
            load_store_settings(session)
        assert load_store_currency(session) == "USD"


def test_invalid_stored_currency_named(studio_db):
    with studio_db.session() as session:
        set_setting(session, "store.currency", "usd")
    with studio_db.session(readonly=True) as session:
        with pytest.raises(ValueError, match="ISO 4217") as raised:
            load_store_currency(session)
    assert "'usd'" in str(raised.value)


def test_saved_settings_read_back(studio_db):
    saved = StoreSettings(currency="GBP", tax_rate=Decimal("0.10"))
    with studio_db.session() as session:
        save_store_settings(session, saved)
    with studio_db.session(readonly=True) as session:
        assert load_store_settings(session) == saved
        assert load_store_currency(session) == "GBP"


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("store.tax_rate", "20%"),
        ("store.tax_rate", "NaN"),
        ("store.tax_rate", "1.5"),
        ("store.quote_validity_days", "thirty"),
    ],
)
def test_invalid_stored_number_named(studio_db, key, text):
    with studio_db.session() as session:
        set_setting(session, key, text)
    with studio_db.session(readonly=True) as session:
        with pytest.raises(ValueError) as raised:
            load_store_settings(session)
    message = str(raised.value)
    assert text in message
    # Only the invalid setting is named.
    other = {"store.tax_rate", "store.quote_validity_days"} - {key}
    assert other.pop() not in message
