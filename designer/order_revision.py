"""Revise the design of a draft or quoted order in the studio.

Staff open the order's current design as an editable design session of the
catalog model, change it under the usual rules, and save it back. Saving
freezes and prices the design as placing an order does, then stores it as
the order's next revision, which the order's history lists with the staff
member and the time. The role is checked again on every call, and the order
is read again in the saving transaction, so an order confirmed or revised
elsewhere since it was opened is rejected with :class:`RevisionConflictError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from designer.access import Permission, actor_name, check_permission
from designer.catalog import Catalog
from designer.designs import Design, missing_parameters
from designer.order_design import freeze_design
from designer.orders import (
    REVISABLE_STATES,
    OrderError,
    check_revisable,
    default_actor,
    frozen_design,
    get_order,
    revise_design,
    stored_money,
)
from designer.session import DesignSession, session_from_design
from designer.store import load_store_settings
from models3d.parts import Part
from storage.db import Database
from storage.messages import QT_TRANSLATE_NOOP, Message, message
from storage.order_schema import OrderState
from storage.retry import DEFAULT_RETRIES
from storage.staff import ActiveSession

logger = logging.getLogger(__name__)

# The note of a revision saved from the studio, in the order's history.
REVISION_NOTE = message(
    QT_TRANSLATE_NOOP("OrderHistory", "design revised in the studio")
)


class RevisionConflictError(OrderError):
    """A save rejected because the order changed since its design was opened.

    Attributes
    ----------
    order_id
        The order's id.
    state
        The order's state when the save was rejected.
    revision
        The order's revision number when the save was rejected.
    confirmed
        True when the order left ``draft`` and ``quoted``, so that its design
        can no longer change; false when another revision was saved meanwhile.
    """

    def __init__(
        self,
        template: str,
        *,
        order_id: str,
        state: OrderState,
        revision: int,
        **values,
    ) -> None:
        super().__init__(template, order=order_id, state=state, **values)
        self.order_id = order_id
        self.state = state
        self.revision = revision
        self.confirmed = state not in REVISABLE_STATES


@dataclass(frozen=True)
class OpenedOrderDesign:
    """An order's current design, opened for revision.

    ``revision`` is the order's revision number when it was opened, which
    saving compares with the stored one. ``session`` is a new design session
    of the studio's catalog model, with the order's values. ``filled`` names
    the parameters that the studio set to their defaults. They are those
    the order froze as filled in, because its design's file had no value for
    them, followed by those the catalog added after the order froze its
    design. Saving passes them to :func:`save_order_design`, so the revised
    order keeps naming them. ``offered_later`` names those the catalog
    added, which the order's price leaves out. The order's price includes
    the others at the values they are set to.
    """

    order_id: str
    state: OrderState
    revision: int
    session: DesignSession
    filled: tuple[str, ...] = ()
    offered_later: tuple[str, ...] = ()


@dataclass(frozen=True)
class SavedRevision:
    """The outcome of saving a revised design to an order.

    ``changed`` is false when the design equals the order's current one, so
    no revision was added.
    """

    order_id: str
    revision: int
    changed: bool
    currency: str
    total: Decimal


def open_order_design(
    database: Database,
    catalog: Catalog,
    order_id: str,
    *,
    staff: ActiveSession | None,
) -> OpenedOrderDesign:
    """Open the current design of a draft or quoted order for revision.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff``'s role may not change orders, or the session expired.
    designer.orders.OrderError
        If the order is not found or is past ``quoted``.
    designer.designs.DesignFileError
        If the catalog no longer has the product or rejects a frozen value.
    """
    check_permission(staff, Permission.ORDERS)
    with database.session(readonly=True) as session:
        order = get_order(session, order_id)
        state = check_revisable(order)
        revision = order.revision
        frozen = frozen_design(session, order.id)
    design = Design(frozen.product, dict(frozen.values), frozen.chosen)
    opened = session_from_design(design, catalog, f"order {order_id}")
    logger.info("order %s revision %s opened for revision", order_id, revision)
    added = missing_parameters(design, opened.model)
    filled = tuple(
        name
        for name in dict.fromkeys((*frozen.filled, *added))
        if name in opened.values
    )
    offered_later = tuple(name for name in filled if name not in frozen.filled)
    return OpenedOrderDesign(order_id, state, revision, opened, filled, offered_later)


def save_order_design(
    database: Database,
    order_id: str,
    design: DesignSession,
    *,
    staff: ActiveSession | None,
    opened_revision: int | None = None,
    parts: list[Part] | None = None,
    filled: Iterable[str] = (),
    note: str | Message = REVISION_NOTE,
    now: datetime | None = None,
    retries: int = DEFAULT_RETRIES,
    lock_timeout_ms: int | None = None,
) -> SavedRevision:
    """Freeze and price ``design`` and store it as the order's next revision.

    The price comes from :func:`designer.order_design.freeze_design` with
    the store's current settings, as when an order is placed. A quoted
    order's quote is renewed from today.

    Parameters
    ----------
    opened_revision
        The order's revision when the design was opened; the save is
        rejected if another revision was stored since. ``None`` skips the
        check.
    parts
        The design's parts if already built; built here otherwise.
    filled
        Options that the studio set to their defaults, such as
        :attr:`OpenedOrderDesign.filled`; the revision keeps those that
        ``design`` has not chosen since, as
        :func:`designer.order_design.freeze_design` does.
    retries, lock_timeout_ms
        Re-runs of the saving transaction when another connection holds the
        write lock, and the milliseconds each run waits for it; see
        :meth:`storage.db.Database.write`. The defaults wait minutes, for
        scripts; a window passes a budget of a few seconds.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff``'s role may not change orders, or the session expired.
    designer.order_design.NotOrderableError
        If the design breaks an error rule, listing each rule and its message.
    RevisionConflictError
        If the order was confirmed, or revised past ``opened_revision``,
        since it was opened.
    designer.orders.OrderError
        If the order is not found, or the design is priced in another
        currency than the store's.
    storage.retry.TransactionRetryError
        If the database stayed locked through every retry of the save.
    """
    check_permission(staff, Permission.ORDERS)
    actor = actor_name(staff, default_actor())
    with database.session(readonly=True) as session:
        settings = load_store_settings(session)
    # Freezing builds and measures the geometry, so it runs before the write
    # transaction takes the lock.
    frozen = freeze_design(design, settings, parts, filled=filled)

    def store(session) -> SavedRevision:
        order = get_order(session, order_id)
        _check_unchanged(order, opened_revision)
        before = order.revision
        row = revise_design(session, order.id, frozen, actor, note, now)
        return SavedRevision(
            order.id,
            row.revision,
            row.revision != before,
            order.currency,
            stored_money(order.total, order.currency),
        )

    saved = database.write(
        store,
        description=f"revise order {order_id}",
        retries=retries,
        lock_timeout_ms=lock_timeout_ms,
    )
    logger.info(
        "order %s saved at revision %s (changed: %s) by %s, total %s %s",
        saved.order_id,
        saved.revision,
        saved.changed,
        actor,
        saved.total,
        saved.currency,
    )
    return saved


def _check_unchanged(order, opened_revision: int | None) -> None:
    """Raise :class:`RevisionConflictError` if ``order`` changed since it was opened.

    Each message gives the ways to keep the edited design. For a confirmed
    order, that is to save it as a file or place it as a new order. When
    only a newer revision was saved, the design can be saved over it, which
    keeps the newer revision in the order's history. It can also be saved
    as a file before reopening the order, because reopening replaces the
    design on screen.
    """
    state = OrderState(order.state)
    if state not in REVISABLE_STATES:
        raise RevisionConflictError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "Order {order} is {state} now, so its design can no longer change. "
                "Your design stays on screen: save it with File > Save design…, or "
                "place it as a new order.",
            ),
            order_id=order.id,
            state=state,
            revision=order.revision,
        )
    if opened_revision is not None and order.revision != opened_revision:
        raise RevisionConflictError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "Order {order} changed since its design was opened: someone saved "
                "revision {current}, and you opened revision {opened}. Your design "
                "stays on screen. Save it again to store it as revision {next}; "
                "revision {current} stays in the order's history. Or save it with "
                "File > Save design…, reopen the order from the production "
                "monitor, which replaces the design on screen, and repeat the "
                "changes that it lacks.",
            ),
            order_id=order.id,
            state=state,
            revision=order.revision,
            current=order.revision,
            next=order.revision + 1,
            opened=opened_revision,
        )
