"""ISO 4217 currencies that a store can sell in, with their minor units.

The table is ``resources/currencies.toml``. A currency's minor unit is the
number of decimal places its prices are rounded to and shown with: 2 for
EUR, 0 for JPY. :func:`designer.pricing.round_money` applies it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from resources import CURRENCIES_FILE

MAX_MINOR_UNIT = 2
"""Most decimal places a store's currency may have: the order tables keep
money as ``Numeric(12, 2)``."""


class CurrencyError(ValueError):
    """A currency code that is not in the currency table."""


@cache
def load_currencies(path: Path = CURRENCIES_FILE) -> dict[str, int]:
    """Read the currency table: the minor unit of each ISO 4217 code.

    Raises
    ------
    ValueError
        If a row has no whole ``minor_unit`` from 0 to ``MAX_MINOR_UNIT``,
        naming the code.
    """
    with Path(path).open("rb") as handle:
        rows = tomllib.load(handle)["currencies"]
    currencies = {}
    for code, row in rows.items():
        places = row.get("minor_unit")
        if type(places) is not int or not 0 <= places <= MAX_MINOR_UNIT:
            raise ValueError(
                f"{path}: currency {code} has minor_unit {places!r}; give the "
                "number of decimal places that ISO 4217 lists for it, 0 to "
                f"{MAX_MINOR_UNIT}, since orders store amounts with two decimals"
            )
        currencies[code] = places
    return currencies


def check_currency(currency: str) -> None:
    """Raise ``CurrencyError`` unless ``currency`` is in the currency table."""
    if currency not in load_currencies():
        known = ", ".join(sorted(load_currencies()))
        raise CurrencyError(
            f"currency {currency!r} is unknown; type one of these ISO 4217 "
            f"codes: {known}. To sell in another currency, add its code and "
            f"minor unit to {CURRENCIES_FILE.name}"
        )


def minor_unit(currency: str) -> int:
    """Return the decimal places of ``currency``'s prices, such as 0 for JPY.

    Raises
    ------
    CurrencyError
        If ``currency`` is not in the currency table.
    """
    check_currency(currency)
    return load_currencies()[currency]
