"""The store's settings as stored in the database's settings table."""

from decimal import Decimal

import pytest

from designer.store import (
    StoreSettings,
    load_store_settings,
    save_store_settings,
)
from storage.repositories import set_setting


def test_saved_settings_read_back(studio_db):
    saved = StoreSettings(currency="GBP", tax_rate=Decimal("0.10"))
    with studio_db.session() as session:
        save_store_settings(session, saved)
    with studio_db.session(readonly=True) as session:
        assert load_store_settings(session) == saved


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
