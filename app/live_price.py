"""The price on screen, in full once the parts of the design are measured.

An order's price adds material costs, from the parts' measured grams or
square metres, and the store's tax to the catalog's lines. The studio and
the kiosk build the parts in a background process, so the full price
follows each finished build. Until the newest build is in, the screen
keeps the last full price, marked as updating, rather than jumping to a
total without materials and tax.

Every full price reads the store's settings again, on the worker that
measures the parts, and so does every design that opens, so a currency or
tax rate changed by staff at another till shows from the next price on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from designer.pricing import Price
from designer.session import DesignSession

if TYPE_CHECKING:
    from designer.store import StoreSettings

logger = logging.getLogger(__name__)


class PriceState(Enum):
    """How far the price on screen is from the design on screen."""

    CATALOG = "catalog"  # no build measured yet: catalog lines only
    UPDATING = "updating"  # the full price of an earlier build
    MEASURED = "measured"  # the full price of the design on screen


@dataclass(frozen=True)
class StoreRead:
    """The store's settings as read from the database at one moment.

    Exactly one of ``settings`` and ``error`` is set. ``error`` names the
    invalid stored setting, and ``currency`` is then the store's currency
    if that setting on its own is valid, or None.
    """

    settings: StoreSettings | None = None
    error: ValueError | None = None
    currency: str | None = None


def read_store(database) -> StoreRead:
    """Read the store's settings from ``database`` in a session of its own.

    Safe on any thread. An invalid stored setting is returned as the
    read's ``error``, not raised.

    Raises
    ------
    sqlalchemy.exc.SQLAlchemyError
        If the database cannot be read.
    """
    from designer.store import load_store_currency, load_store_settings

    with database.session(readonly=True) as db_session:
        try:
            return StoreRead(settings=load_store_settings(db_session))
        except ValueError as error:
            failure = error
        try:
            currency = load_store_currency(db_session)
        except ValueError:
            currency = None
    # Dropping the traceback frees its frames, and the session with them.
    return StoreRead(error=failure.with_traceback(None), currency=currency)


class LivePrice:
    """Track the full price of a window's design across its builds.

    ``database`` gives the store's currency and tax rate; without one the
    default store settings in the design's currency apply. Every price shown
    is in the store's currency, the catalog price before the first build
    too. The settings come from the last read: :meth:`reload_store` when a
    design opens, and the read handed to each :meth:`measure`.
    """

    def __init__(self, database=None) -> None:
        self._database = database
        self._store: StoreRead | None = None
        self._full: Price | None = None
        self._current = False

    def reset(self) -> None:
        """Forget the last full price, as when another product is opened."""
        self._full = None
        self._current = False

    def changed(self) -> None:
        """Mark the full price as out of date: the design changed."""
        self._current = False

    def read_store(self) -> StoreRead | None:
        """Read the store's settings, without using them yet.

        Safe on any thread, so the windows read on the worker that measures
        the parts and hand the result to :meth:`measure`. Returns None
        without a database, or when the database cannot be read, which the
        log records. The last settings read then stay in use.
        """
        if self._database is None:
            return None
        try:
            return read_store(self._database)
        except SQLAlchemyError as error:
            logger.warning(
                "reading the store settings failed, the last read stays: %s", error
            )
            return None

    def reload_store(self) -> None:
        """Read the store's settings again for the prices that follow.

        The windows call this on the GUI thread when a design opens. A read
        took under 1 ms on a local SQLite file (median of 200 reads on a
        2-core AMD EPYC). NOTE: a database on a slow network share or a
        remote PostgreSQL server takes longer, and the window waits for it.
        """
        store = self.read_store()
        if store is not None:
            self._store = store

    def measure(
        self, session: DesignSession, parts, store: StoreRead | None = None
    ) -> None:
        """Price ``session`` in full from the parts of its newest build.

        ``store`` is a fresh :meth:`read_store`; None prices with the last
        settings read.

        Raises
        ------
        ValueError
            A material without a price in the store's currency, or an
            invalid stored setting; the catalog price is shown meanwhile.
        """
        from designer.order_design import price_design

        if store is not None:
            self._store = store
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
        The store's currency applies even when another stored setting is
        invalid; :meth:`measure` raises that setting's error, and the window
        reports it.
        """
        price = session.price()
        store = self._last_store()
        if store is None:
            return price
        currency = store.currency if store.settings is None else store.settings.currency
        if currency is None:
            logger.debug("catalog price left in %s: %s", price.currency, store.error)
            return price
        return replace(price, currency=currency)

    def _settings(self, session: DesignSession) -> StoreSettings:
        """Return the settings to price ``session`` with.

        Raises
        ------
        ValueError
            The last read found an invalid stored setting.
        """
        from designer.store import StoreSettings

        store = self._last_store()
        if store is None:
            return StoreSettings(currency=session.currency)
        if store.settings is None:
            raise store.error
        return store.settings

    def _last_store(self) -> StoreRead | None:
        if self._store is None:
            self.reload_store()
        return self._store
