"""The price on screen, in full once the parts of the design are measured.

An order's price adds material costs, from the parts' measured grams or
square metres, and the store's tax to the catalog's lines. The studio and
the kiosk build the parts in a background process, so the full price
follows each finished build. Until the newest build is in, the screen
keeps the last full price, marked as updating, rather than jumping to a
total without materials and tax.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from enum import Enum

from designer.pricing import Price
from designer.session import DesignSession

logger = logging.getLogger(__name__)


class PriceState(Enum):
    """How far the price on screen is from the design on screen."""

    CATALOG = "catalog"  # no build measured yet: catalog lines only
    UPDATING = "updating"  # the full price of an earlier build
    MEASURED = "measured"  # the full price of the design on screen


class LivePrice:
    """Track the full price of a window's design across its builds.

    ``database`` gives the store's currency and tax rate; without one the
    default store settings in the design's currency apply. Every price shown
    is in the store's currency, the catalog price before the first build
    too.
    """

    def __init__(self, database=None) -> None:
        self._database = database
        self._store = None
        self._full: Price | None = None
        self._current = False

    def reset(self) -> None:
        """Forget the last full price, as when another product is opened."""
        self._full = None
        self._current = False

    def changed(self) -> None:
        """Mark the full price as out of date: the design changed."""
        self._current = False

    def measure(self, session: DesignSession, parts) -> None:
        """Price ``session`` in full from the parts of its newest build.

        Raises
        ------
        ValueError
            A material without a price in the store's currency, or an
            invalid stored tax rate; the catalog price is shown meanwhile.
        """
        from designer.order_design import price_design

        try:
            measured = [getattr(part, "part", part) for part in parts]
            self._full = price_design(session, measured, self._settings(session))
        except ValueError:
            self.reset()
            raise
        self._current = True

    def shown(self, session: DesignSession) -> tuple[Price, PriceState]:
        """Return the price to show for ``session`` and how current it is."""
        if self._full is None:
            return self._catalog_price(session), PriceState.CATALOG
        if self._current:
            return self._full, PriceState.MEASURED
        return self._full, PriceState.UPDATING

    def _catalog_price(self, session: DesignSession) -> Price:
        """Return the design's catalog lines in the store's currency.

        The catalog's amounts are in the store's currency, but a session
        labels them with its own, which the windows leave at the default.
        """
        price = session.price()
        try:
            currency = self._settings(session).currency
        except ValueError as error:
            # measure() raises the same error, and the window reports it.
            logger.debug("catalog price left in %s: %s", price.currency, error)
            return price
        return replace(price, currency=currency)

    def _settings(self, session: DesignSession):
        from designer.store import StoreSettings, load_store_settings

        if self._store is None and self._database is not None:
            with self._database.session(readonly=True) as db_session:
                self._store = load_store_settings(db_session)
        return self._store or StoreSettings(currency=session.currency)
