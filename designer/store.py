"""The store's own settings: currency, tax, quote validity and order ids.

They are kept in the database's ``settings`` table under ``store.*`` keys, so
every kiosk sharing a database uses the same values. A key that was never
set takes its default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from designer.currencies import check_currency
from storage.repositories import get_setting, set_setting

DEFAULT_TAX_NAMES = {"en": "VAT", "zh_CN": "增值税"}
ORDER_PREFIX_PATTERN = re.compile(r"[A-Z]{1,3}")

_KEYS = {
    "name": "store.name",
    "currency": "store.currency",
    "tax_rate": "store.tax_rate",
    "tax_name_en": "store.tax_name.en",
    "tax_name_zh_CN": "store.tax_name.zh_CN",
    "quote_validity_days": "store.quote_validity_days",
    "order_prefix": "store.order_prefix",
}


@dataclass(frozen=True)
class StoreSettings:
    """Settings that shape prices, quotes and order ids.

    Attributes
    ----------
    name
        The store's name, printed on quotes.
    currency
        ISO 4217 code of the one currency the store sells in, one of those
        in ``resources/currencies.toml``.
    tax_rate
        Fraction of the net amount added as tax: ``Decimal("0.20")`` is 20 %.
    tax_names
        The tax's name in each language, such as ``"VAT"``.
    quote_validity_days
        Days a quote stays valid after it is issued.
    order_prefix
        One to three capital letters before the order number, as in
        ``A-000123``.
    """

    name: str = "Atelier"
    currency: str = "EUR"
    tax_rate: Decimal = Decimal("0.20")
    tax_names: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TAX_NAMES))
    quote_validity_days: int = 30
    order_prefix: str = "A"

    def __post_init__(self) -> None:
        check_currency(self.currency)
        rate = self.tax_rate
        # is_finite() comes first, because comparing a NaN raises
        # InvalidOperation, which is no ValueError.
        if not (rate.is_finite() and Decimal(0) <= rate < Decimal(1)):
            raise ValueError(
                f"tax rate {self.tax_rate} is invalid: give a fraction from 0 up "
                "to 1, such as 0.20 for 20 %"
            )
        if self.quote_validity_days < 1:
            raise ValueError(
                f"quote validity of {self.quote_validity_days} days is invalid: "
                "give at least 1 day"
            )
        if not ORDER_PREFIX_PATTERN.fullmatch(self.order_prefix):
            raise ValueError(
                f"order prefix {self.order_prefix!r} is invalid: use one to three "
                "capital letters A to Z"
            )


def load_store_currency(session: Session) -> str:
    """Read the store's currency alone, with its default when never set.

    The windows label the catalog price with it when another stored
    setting is invalid and :func:`load_store_settings` fails.

    Raises
    ------
    ValueError
        If the stored currency is not in ``resources/currencies.toml``.
    """
    currency = get_setting(session, _KEYS["currency"]) or StoreSettings.currency
    check_currency(currency)
    return currency


def load_store_settings(session: Session) -> StoreSettings:
    """Read the store's settings, with defaults for keys never set.

    Raises
    ------
    ValueError
        If a stored value is invalid, naming the key and the value.
    """
    defaults = StoreSettings()
    stored = {name: get_setting(session, key) for name, key in _KEYS.items()}
    tax_rate = _stored_number(stored, "tax_rate", Decimal, defaults.tax_rate)
    validity = _stored_number(
        stored, "quote_validity_days", int, defaults.quote_validity_days
    )
    return StoreSettings(
        name=stored["name"] or defaults.name,
        currency=stored["currency"] or defaults.currency,
        tax_rate=tax_rate,
        tax_names={
            "en": stored["tax_name_en"] or defaults.tax_names["en"],
            "zh_CN": stored["tax_name_zh_CN"] or defaults.tax_names["zh_CN"],
        },
        quote_validity_days=validity,
        order_prefix=stored["order_prefix"] or defaults.order_prefix,
    )


def _stored_number(stored: dict[str, str | None], name: str, kind, default):
    """Return the stored setting ``name`` as a ``kind``, or ``default`` if unset.

    Raises
    ------
    ValueError
        If the stored text is not a number of that kind, naming the key,
        the text and the default as an example of a valid value.
    """
    text = stored[name]
    if not text:
        return default
    try:
        return kind(text)
    except (InvalidOperation, ValueError):
        raise ValueError(
            f"stored setting {_KEYS[name]}={text!r} is not a number; set a "
            f"number such as {default} with `main.py store-settings "
            f"--{name.replace('_', '-')} {default} --staff ADMIN`"
        ) from None


def save_store_settings(session: Session, settings: StoreSettings) -> None:
    """Store every setting; the settings were checked when they were made."""
    values = {
        "name": settings.name,
        "currency": settings.currency,
        "tax_rate": str(settings.tax_rate),
        "tax_name_en": settings.tax_names["en"],
        "tax_name_zh_CN": settings.tax_names["zh_CN"],
        "quote_validity_days": str(settings.quote_validity_days),
        "order_prefix": settings.order_prefix,
    }
    for name, value in values.items():
        set_setting(session, _KEYS[name], value)
