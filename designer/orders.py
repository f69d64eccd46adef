"""The order flow: states, allowed transitions, revisions, payments and dates.

An order moves through these states; ``TRANSITIONS`` is the one table of
allowed steps, and docs/USER_GUIDE.md shows it to staff::

    draft -> quoted -> confirmed -> paid -> in_production -> quality_check
    quality_check -> shipped (QC passed) or back to in_production (QC failed)
    shipped -> delivered
    cancelled from draft, quoted, confirmed (only while no money is held)
    refunded from confirmed, paid, shipped, delivered (after a refund)

Every change records who made it, when and a note. A step that is not
allowed raises :class:`TransitionError`, which names the current state, the
requested state, the reason and the allowed next states.

Every function takes an open SQLAlchemy session, so that callers combine
several steps in one transaction (``with database.session() as session``).
"""

from __future__ import annotations

import getpass
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from designer.order_design import FrozenDesign, freeze_design
from designer.pricing import money_step, read_decimal, round_money
from designer.store import StoreSettings, load_store_settings
from models3d.parts import Part
from storage.messages import (
    QT_TRANSLATE_NOOP,
    Message,
    TranslatableError,
    message,
    message_from_json,
    message_to_json,
)
from storage.order_schema import (
    Order,
    OrderPayment,
    OrderRevision,
    OrderState,
    OrderTransition,
    PaymentKind,
    PaymentMethod,
    PromisedDateChange,
    QcResult,
)
from storage.repositories import get_customer
from storage.schema import Customer

logger = logging.getLogger(__name__)

S = OrderState
TRANSITIONS: dict[OrderState, tuple[OrderState, ...]] = {
    S.DRAFT: (S.QUOTED, S.CONFIRMED, S.CANCELLED),
    S.QUOTED: (S.CONFIRMED, S.CANCELLED),
    S.CONFIRMED: (S.PAID, S.CANCELLED, S.REFUNDED),
    S.PAID: (S.IN_PRODUCTION, S.REFUNDED),
    S.IN_PRODUCTION: (S.QUALITY_CHECK,),
    S.QUALITY_CHECK: (S.SHIPPED, S.IN_PRODUCTION),
    S.SHIPPED: (S.DELIVERED, S.REFUNDED),
    S.DELIVERED: (S.REFUNDED,),
    S.CANCELLED: (),
    S.REFUNDED: (),
}

# States in which the promised date still lies ahead of the factory, so an
# order past that date is overdue.
OPEN_STATES = (S.CONFIRMED, S.PAID, S.IN_PRODUCTION, S.QUALITY_CHECK)

# States whose design may still change through a new revision.
REVISABLE_STATES = (S.DRAFT, S.QUOTED)

# Deposits and balances are taken once the customer confirms and before the
# order is paid; refunds are possible whenever money is held.
RECEIPT_STATES = (S.CONFIRMED,)

ORDER_ID_PATTERN = re.compile(r"[A-Z]{1,3}-\d{6,}")
ZERO = Decimal("0.00")

# Characters in one note or address. Staff type a sentence or two, and a
# factory file's note is a line. The limits keep a runaway paste or a broken
# file from filling the database and the order's history screen.
MAX_NOTE_LENGTH = 2_000
MAX_ADDRESS_LENGTH = 500
NOTE = QT_TRANSLATE_NOOP(
    "Orders",
    "the note has {length} characters, more than the {limit} an order keeps; "
    "shorten it",
)
ADDRESS = QT_TRANSLATE_NOOP(
    "Orders",
    "the delivery address has {length} characters, more than the {limit} an "
    "order keeps; shorten it",
)


# The note of the promised date that confirming an order sets.
CONFIRMATION_NOTE = QT_TRANSLATE_NOOP(
    "OrderHistory", "set on confirmation from the lead time of {days} days"
)
# The note of the revision that pricing a quoted order again adds.
REQUOTE_NOTE = QT_TRANSLATE_NOOP("OrderHistory", "new quote")


class OrderError(TranslatableError, ValueError):
    """A request on an order that breaks a rule of the order flow.

    Its ``message`` is a template in the ``Orders`` translation context with
    its values, so the GUI shows it in the staff's language.
    """


class OrderNotFoundError(OrderError):
    """An order id that no stored order has."""


class CustomerNotFoundError(OrderError):
    """A customer id that no stored customer has."""


class TransitionError(OrderError):
    """A state change that is not allowed, with the reason and the way on.

    Attributes
    ----------
    order_id, current, requested, reason
        The order, its state, the state requested and why it was rejected;
        ``reason`` is a :class:`~storage.messages.Message`.
    allowed
        The states the order may move to from ``current``.
    """

    def __init__(
        self,
        order_id: str,
        current: OrderState,
        requested: OrderState,
        reason: Message,
    ) -> None:
        self.order_id = order_id
        self.current = current
        self.requested = requested
        self.reason = reason
        self.allowed = TRANSITIONS[current]
        if self.allowed:
            template = QT_TRANSLATE_NOOP(
                "Orders",
                "order {order} cannot move from {current} to {requested}: "
                "{reason}. Allowed next states from {current}: {allowed}.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "Orders",
                "order {order} cannot move from {current} to {requested}: "
                "{reason}. Allowed next states from {current}: none, it is a "
                "final state.",
            )
        super().__init__(
            template,
            order=order_id,
            current=current,
            requested=requested,
            reason=reason,
            allowed=self.allowed,
        )


class PaymentError(OrderError):
    """A payment that cannot be recorded against an order."""


def default_actor() -> str:
    """Return the signed-in operating-system user, to record who acted."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "staff"


def allowed_next_states(state: OrderState | str) -> tuple[OrderState, ...]:
    """Return the states an order in ``state`` may move to."""
    return TRANSITIONS[_state(state)]


def parse_state(text: str) -> OrderState:
    """Read a state name, allowing spaces or hyphens for underscores.

    Raises
    ------
    OrderError
        If the text names no state, listing the states.
    """
    return _state(re.sub(r"[\s-]+", "_", str(text).strip().lower()))


def _state(state: OrderState | str) -> OrderState:
    try:
        return OrderState(state)
    except ValueError:
        known = ", ".join(member.value for member in OrderState)
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders", "order state {state!r} is unknown; use one of {known}"
            ),
            state=state,
            known=known,
        ) from None


# Orders and revisions ---------------------------------------------------------


def get_order(session: Session, order_id: str) -> Order:
    """Return the order, raising :class:`OrderNotFoundError` if there is none."""
    order = session.get(Order, order_id) if isinstance(order_id, str) else None
    if order is None:
        if ORDER_ID_PATTERN.fullmatch(str(order_id)):
            template = QT_TRANSLATE_NOOP(
                "Orders",
                "order {order!r} not found; check the id on the quote or in the "
                "production monitor",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "Orders",
                "order {order!r} not found (ids look like A-000123); check the id "
                "on the quote or in the production monitor",
            )
        raise OrderNotFoundError(template, order=order_id)
    return order


def create_order(
    session: Session,
    customer_id: str,
    frozen: FrozenDesign,
    actor: str,
    note: str = "",
    now: datetime | None = None,
    *,
    delivery_address: str | None = None,
) -> Order:
    """Store a new draft order of a frozen design, as revision 1.

    ``delivery_address`` is free text, stored encrypted; ``None`` or blank
    means the customer collects the order in the store.

    Raises
    ------
    CustomerNotFoundError
        If no customer has ``customer_id``.
    OrderError
        If the design is priced in another currency than the store's.
    """
    now = now or datetime.now()
    actor = _actor(actor)
    _check_length(note, MAX_NOTE_LENGTH, NOTE)
    _check_length(delivery_address, MAX_ADDRESS_LENGTH, ADDRESS)
    if get_customer(session, customer_id) is None:
        raise CustomerNotFoundError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "customer {customer!r} not found; register the customer first or "
                "choose an existing id such as 'demo'",
            ),
            customer=customer_id,
        )
    settings = load_store_settings(session)
    _check_currency(frozen, settings)
    # NOTE: on SQLite the write transaction holds the lock, so numbers never
    # collide; two PostgreSQL writers may pick the same number, and the
    # unique constraint then fails one of them, which must retry.
    number = (session.scalar(select(func.max(Order.number))) or 0) + 1
    order = Order(
        id=f"{settings.order_prefix}-{number:06d}",
        number=number,
        customer_id=customer_id,
        product_id=frozen.product,
        product_name=frozen.name("en"),
        state=S.DRAFT.value,
        revision=0,
        currency=frozen.price.currency,
        total=frozen.price.total,
        created_at=now,
        created_by=actor,
        state_changed_at=now,
        delivery_address=(delivery_address or "").strip() or None,
    )
    session.add(order)
    session.flush()
    _add_revision(session, order, frozen, actor, "", now)
    _record_transition(session, order, None, S.DRAFT, actor, note, now)
    logger.info("order %s created for customer %s by %s", order.id, customer_id, actor)
    return order


def place_order(
    session: Session,
    customer_id: str,
    frozen: FrozenDesign,
    actor: str,
    *,
    confirm: bool = True,
    note: str = "",
    now: datetime | None = None,
    delivery_address: str | None = None,
) -> Order:
    """Create an order and quote it, then confirm it unless ``confirm`` is false."""
    now = now or datetime.now()
    order = create_order(
        session,
        customer_id,
        frozen,
        actor,
        note,
        now,
        delivery_address=delivery_address,
    )
    # The note is recorded once, on the order's creation.
    transition(session, order.id, S.QUOTED, actor, occurred_at=now)
    if confirm:
        transition(session, order.id, S.CONFIRMED, actor, occurred_at=now)
    return order


def frozen_design(
    session: Session, order_id: str, revision: int | None = None
) -> FrozenDesign:
    """Return the order's frozen design, by default its current revision.

    Raises
    ------
    OrderError
        If the order has no such revision, or its stored design cannot be
        read, as after damage to the database.
    """
    order = get_order(session, order_id)
    number = order.revision if revision is None else revision
    row = session.get(OrderRevision, (order.id, number))
    if row is None:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "order {order} has no revision {number}; its revisions run from 1 "
                "to {last}",
            ),
            order=order.id,
            number=number,
            last=order.revision,
        )
    try:
        frozen = FrozenDesign.from_json(json.loads(row.frozen))
        _check_frozen_values(frozen)
        return frozen
    except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError) as error:
        logger.warning(
            "stored design of order %s revision %s is unreadable: %r",
            order.id,
            number,
            error,
        )
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "the stored design of order {order}, revision {number}, cannot be "
                "read, so the database is damaged; restore it from its latest "
                "backup, or ask an administrator to check it",
            ),
            order=order.id,
            number=number,
        ) from error


def _check_frozen_values(frozen: FrozenDesign) -> None:
    """Check that a stored design has a value for every parameter.

    A design missing values would be filled in with the catalog's defaults,
    which a factory must never receive as the customer's choice. A value
    the rules refuse is reported where the design is used, with the rule's
    own message.

    Raises
    ------
    ValueError
        If a parameter has no value.
    """
    model = frozen.model()
    missing = [
        parameter.name
        for parameter in model.rules.parameters
        if parameter.name not in frozen.values
    ]
    if missing:
        raise ValueError(f"the stored design has no value for {missing}")


def current_revision(session: Session, order_id: str) -> OrderRevision:
    """Return the row of the order's current revision."""
    order = get_order(session, order_id)
    return session.get(OrderRevision, (order.id, order.revision))


def revise_design(
    session: Session,
    order_id: str,
    frozen: FrozenDesign,
    actor: str,
    note: str | Message = "",
    now: datetime | None = None,
) -> OrderRevision:
    """Replace the design of a draft or quoted order with a new revision.

    A design equal to the current one (the same design hash) adds no
    revision. Revising a quoted order issues a new quote, valid from today.
    A ``note`` that the studio words itself is a :class:`Message`, which the
    history shows in the reader's language; staff notes are text.

    Raises
    ------
    OrderError
        If the order is past ``quoted``, or the currency differs.
    """
    now = now or datetime.now()
    _check_length(str(note), MAX_NOTE_LENGTH, NOTE)
    order = get_order(session, order_id)
    state = check_revisable(order)
    settings = load_store_settings(session)
    _check_currency(frozen, settings)
    current = current_revision(session, order.id)
    if current.design_hash != frozen.design_hash:
        current = _add_revision(session, order, frozen, _actor(actor), note, now)
        order.product_id = frozen.product
        order.product_name = frozen.name("en")
    if state is S.QUOTED:
        order.quote_valid_until = now.date() + timedelta(settings.quote_validity_days)
    return current


def check_revisable(order: Order) -> OrderState:
    """Check that the order's design may still change, and return its state.

    Raises
    ------
    OrderError
        If the order is past ``quoted``, naming its state and what to do.
    """
    state = OrderState(order.state)
    if state not in REVISABLE_STATES:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "order {order} is {state}, so its design is frozen: a design can "
                "change only while the order is {revisable}. Cancel or refund "
                "this order and place a new one instead.",
            ),
            order=order.id,
            state=state,
            revisable=message(
                QT_TRANSLATE_NOOP("Orders", "{first} or {second}"),
                first=REVISABLE_STATES[0],
                second=REVISABLE_STATES[1],
            ),
        )
    return state


def requote(
    session: Session,
    order_id: str,
    actor: str,
    parts: list[Part] | None = None,
    now: datetime | None = None,
) -> OrderRevision:
    """Price a quoted order's design again at today's prices and renew its quote.

    The design's values stay as frozen; the material prices and the tax rate
    are read again, so the new revision's price may differ.
    """
    order = get_order(session, order_id)
    if order.state != S.QUOTED:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "order {order} is {state}; only a quoted order can be quoted again",
            ),
            order=order.id,
            state=OrderState(order.state),
        )
    settings = load_store_settings(session)
    frozen = freeze_design(frozen_design(session, order.id).session(), settings, parts)
    note = message(REQUOTE_NOTE)
    return revise_design(session, order.id, frozen, actor, note, now)


def _add_revision(
    session: Session,
    order: Order,
    frozen: FrozenDesign,
    actor: str,
    note: str | Message,
    now: datetime,
) -> OrderRevision:
    order.revision += 1
    row = OrderRevision(
        order_id=order.id,
        revision=order.revision,
        design_hash=frozen.design_hash,
        frozen=frozen.canonical_json(),
        net_amount=frozen.price.net,
        tax_amount=frozen.price.tax,
        total=frozen.price.total,
        created_at=now,
        created_by=actor,
        note=str(note),
        note_message=message_to_json(note) if isinstance(note, Message) else None,
    )
    order.total = frozen.price.total
    order.currency = frozen.price.currency
    session.add(row)
    session.flush()
    return row


def _check_currency(frozen: FrozenDesign, settings: StoreSettings) -> None:
    if frozen.price.currency != settings.currency:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "the design is priced in {priced} but the store sells in {store}; "
                "price it again with the store's settings",
            ),
            priced=frozen.price.currency,
            store=settings.currency,
        )


# Transitions --------------------------------------------------------------


def transition(
    session: Session,
    order_id: str,
    to_state: OrderState | str,
    actor: str,
    note: str = "",
    *,
    qc_result: QcResult | str | None = None,
    occurred_at: datetime | None = None,
    source: str | None = None,
) -> OrderTransition:
    """Move an order to ``to_state`` and record who, when and why.

    Parameters
    ----------
    qc_result
        Required when leaving ``quality_check``: ``"passed"`` to ship,
        ``"failed"`` to return to production. Rejected on other steps.
    occurred_at
        When the change happened; now by default. Quote validity and the
        promised date count from its date.
    source
        Where the change came from when not from staff, such as a factory
        file and record.

    Raises
    ------
    TransitionError
        If the flow does not allow the step, or its condition is not met.
    """
    occurred_at = occurred_at or datetime.now()
    _check_length(note, MAX_NOTE_LENGTH, NOTE)
    order = get_order(session, order_id)
    current = OrderState(order.state)
    requested = _state(to_state)
    if requested not in TRANSITIONS[current]:
        if requested is current:
            reason = message(
                QT_TRANSLATE_NOOP("Orders", "the order is already {state}"),
                state=current,
            )
        else:
            reason = message(
                QT_TRANSLATE_NOOP("Orders", "that step is not part of the order flow")
            )
        raise TransitionError(order.id, current, requested, reason)
    qc = _check_qc(order.id, current, requested, qc_result)
    _check_condition(session, order, current, requested, occurred_at.date())
    order.state = requested.value
    order.state_changed_at = occurred_at
    row = _record_transition(
        session, order, current, requested, _actor(actor), note, occurred_at, qc, source
    )
    _apply_effects(session, order, requested, row)
    logger.info(
        "order %s moved from %s to %s by %s", order.id, current, requested, actor
    )
    return row


def _check_qc(
    order_id: str,
    current: OrderState,
    requested: OrderState,
    qc_result: QcResult | str | None,
) -> QcResult | None:
    if current is not S.QUALITY_CHECK:
        if qc_result:
            reason = message(
                QT_TRANSLATE_NOOP(
                    "Orders",
                    "a QC result ({result}) applies only when an order leaves "
                    "{state}; leave it out",
                ),
                result=qc_result,
                state=S.QUALITY_CHECK,
            )
            raise TransitionError(order_id, current, requested, reason)
        return None
    needed = QcResult.PASSED if requested is S.SHIPPED else QcResult.FAILED
    try:
        reported = QcResult(qc_result) if qc_result else None
    except ValueError:
        reported = None
    if reported is needed:
        return reported
    if qc_result:
        reason = message(
            QT_TRANSLATE_NOOP(
                "Orders",
                "moving to {state} needs the QC result '{needed}', not {result!r}",
            ),
            state=requested,
            needed=needed,
            result=qc_result,
        )
    else:
        reason = message(
            QT_TRANSLATE_NOOP(
                "Orders",
                "moving to {state} needs the QC result '{needed}', and none was "
                "given; add the QC result",
            ),
            state=requested,
            needed=needed,
        )
    raise TransitionError(order_id, current, requested, reason)


def _check_condition(
    session: Session,
    order: Order,
    current: OrderState,
    requested: OrderState,
    today: date,
) -> None:
    """Raise :class:`TransitionError` if the step's condition is not met."""
    summary = payment_summary(session, order.id)
    reason = None
    if requested is S.CONFIRMED and current is S.QUOTED:
        if order.quote_valid_until is not None and today > order.quote_valid_until:
            reason = message(
                QT_TRANSLATE_NOOP(
                    "Orders",
                    "the quote expired on {date}; issue a new quote (Re-quote) and "
                    "confirm that one",
                ),
                date=order.quote_valid_until.isoformat(),
            )
    elif requested is S.PAID and summary.net < summary.total:
        reason = message(
            QT_TRANSLATE_NOOP(
                "Orders",
                "payments cover {paid} of {total} {currency}; record the "
                "outstanding {outstanding} first",
            ),
            paid=summary.net,
            total=summary.total,
            currency=order.currency,
            outstanding=summary.outstanding,
        )
    elif requested is S.CANCELLED and summary.net != ZERO:
        reason = message(
            QT_TRANSLATE_NOOP(
                "Orders",
                "the store holds {paid} {currency} paid for it; refund the "
                "payments and move the order to {refunded} instead",
            ),
            paid=summary.net,
            currency=order.currency,
            refunded=S.REFUNDED,
        )
    elif requested is S.REFUNDED and summary.refunded == ZERO:
        reason = message(
            QT_TRANSLATE_NOOP(
                "Orders", "no refund is recorded; record the refund payment first"
            )
        )
    if reason is not None:
        raise TransitionError(order.id, current, requested, reason)


def _apply_effects(
    session: Session, order: Order, state: OrderState, row: OrderTransition
) -> None:
    if state is S.QUOTED:
        settings = load_store_settings(session)
        order.quote_valid_until = row.occurred_at.date() + timedelta(
            settings.quote_validity_days
        )
    elif state is S.CONFIRMED:
        lead_time = frozen_design(session, order.id).lead_time_days
        promised = row.occurred_at.date() + timedelta(lead_time)
        note = message(CONFIRMATION_NOTE, days=lead_time)
        session.add(
            PromisedDateChange(
                order_id=order.id,
                old_date=order.promised_date,
                new_date=promised,
                actor=row.actor,
                changed_at=row.occurred_at,
                note=str(note),
                note_message=message_to_json(note),
            )
        )
        order.promised_date = promised
        session.flush()


def _record_transition(
    session: Session,
    order: Order,
    from_state: OrderState | None,
    to_state: OrderState,
    actor: str,
    note: str,
    occurred_at: datetime,
    qc_result: QcResult | None = None,
    source: str | None = None,
) -> OrderTransition:
    row = OrderTransition(
        order_id=order.id,
        from_state=None if from_state is None else from_state.value,
        to_state=to_state.value,
        actor=actor,
        occurred_at=occurred_at,
        note=note or "",
        qc_result=None if qc_result is None else qc_result.value,
        source=source,
    )
    session.add(row)
    session.flush()
    return row


def _check_length(text: str | None, limit: int, template: str) -> None:
    """Raise ``OrderError`` if ``text`` has more than ``limit`` characters.

    ``template`` is :data:`NOTE` or :data:`ADDRESS`, which names the field
    in the message's language.
    """
    if text is not None and len(text) > limit:
        raise OrderError(template, length=len(text), limit=limit)


def _actor(actor: str) -> str:
    actor = (actor or "").strip()
    if not actor:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders", "every change records who made it: give a non-empty actor"
            )
        )
    return actor[:100]


# Payments -------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentSummary:
    """Money of one order: its total, what was received and what was refunded."""

    currency: str
    total: Decimal
    received: Decimal
    refunded: Decimal

    @property
    def net(self) -> Decimal:
        """Money the store holds for the order."""
        return self.received - self.refunded

    @property
    def outstanding(self) -> Decimal:
        """Money still to receive, never below zero."""
        return max(self.total - self.net, round_money(ZERO, self.currency))


def payment_summary(session: Session, order_id: str) -> PaymentSummary:
    """Sum the order's receipts and refunds."""
    order = get_order(session, order_id)
    rows = session.execute(
        select(OrderPayment.kind, func.sum(OrderPayment.amount))
        .where(OrderPayment.order_id == order.id)
        .group_by(OrderPayment.kind)
    )
    currency = order.currency
    zero = round_money(ZERO, currency)
    sums = {kind: stored_money(amount, currency) for kind, amount in rows}
    received = sums.get(PaymentKind.DEPOSIT, zero) + sums.get(PaymentKind.BALANCE, zero)
    return PaymentSummary(
        currency,
        stored_money(order.total, currency),
        received,
        sums.get(PaymentKind.REFUND, zero),
    )


def stored_money(amount: Decimal | float | int, currency: str) -> Decimal:
    """Return a money column's value with the decimals of the order's currency.

    Money columns keep two decimals, so a JPY amount read back has more
    decimals than it was stored with.
    """
    return round_money(Decimal(amount), currency)


def record_payment(
    session: Session,
    order_id: str,
    kind: PaymentKind | str,
    amount: Decimal | str,
    method: PaymentMethod | str,
    actor: str,
    *,
    reference: str | None = None,
    note: str = "",
    received_at: datetime | None = None,
) -> OrderPayment:
    """Record a deposit, a balance or a refund against an order.

    A deposit is any part payment up to the outstanding amount. A balance
    must equal the outstanding amount, so it settles the order. Both are
    taken while the order is confirmed. A refund may not exceed the money
    held for the order.

    Raises
    ------
    PaymentError
        Naming the amount, the rule it breaks and what to do instead.
    """
    _check_length(note, MAX_NOTE_LENGTH, NOTE)
    order = get_order(session, order_id)
    kind = _choice(
        PaymentKind, kind, message(QT_TRANSLATE_NOOP("Orders", "payment kind"))
    )
    method = _choice(
        PaymentMethod, method, message(QT_TRANSLATE_NOOP("Orders", "payment method"))
    )
    currency = order.currency
    amount = _money(amount, currency)
    summary = payment_summary(session, order.id)
    if kind is PaymentKind.REFUND:
        if amount > summary.net:
            raise PaymentError(
                QT_TRANSLATE_NOOP(
                    "Orders",
                    "a refund of {amount} {currency} exceeds the {held} {currency} "
                    "held for order {order}; refund at most that",
                ),
                amount=amount,
                currency=currency,
                held=summary.net,
                order=order.id,
            )
    else:
        if order.state not in RECEIPT_STATES:
            raise PaymentError(
                QT_TRANSLATE_NOOP(
                    "Orders",
                    "order {order} is {state}; deposits and balances are recorded "
                    "while an order is {confirmed}, so confirm it first",
                ),
                order=order.id,
                state=OrderState(order.state),
                confirmed=S.CONFIRMED,
            )
        if amount > summary.outstanding:
            raise PaymentError(
                QT_TRANSLATE_NOOP(
                    "Orders",
                    "a {kind} of {amount} {currency} exceeds the outstanding "
                    "{outstanding} {currency} of order {order}; record at most the "
                    "outstanding amount",
                ),
                kind=kind,
                amount=amount,
                currency=currency,
                outstanding=summary.outstanding,
                order=order.id,
            )
        if kind is PaymentKind.BALANCE and amount != summary.outstanding:
            raise PaymentError(
                QT_TRANSLATE_NOOP(
                    "Orders",
                    "a balance settles order {order}, so it must equal the "
                    "outstanding {outstanding} {currency}, not {amount}; record a "
                    "part payment as a deposit",
                ),
                order=order.id,
                outstanding=summary.outstanding,
                currency=currency,
                amount=amount,
            )
    payment = OrderPayment(
        order_id=order.id,
        kind=kind.value,
        method=method.value,
        amount=amount,
        received_at=received_at or datetime.now(),
        recorded_by=_actor(actor),
        reference=reference,
        note=note,
    )
    session.add(payment)
    session.flush()
    logger.info("%s of %s %s recorded on order %s", kind, amount, currency, order.id)
    return payment


EXAMPLE_AMOUNT = Decimal("120.50")
"""Amount that payment errors show, with the currency's decimals."""

MONEY_LIMIT = Decimal(10) ** 10
"""First amount too large for the order tables' ``Numeric(12, 2)`` columns."""


def _money(amount: Decimal | str, currency: str) -> Decimal:
    step = money_step(currency)
    # An example amount with the currency's decimals: 120.50 EUR, 120 JPY.
    example = f"{EXAMPLE_AMOUNT.quantize(step)}"
    value = amount if isinstance(amount, Decimal) else read_decimal(amount)
    if not str(amount).strip():
        raise PaymentError(
            QT_TRANSLATE_NOOP("Orders", "enter an amount, such as {example}"),
            example=example,
        )
    if not value.is_finite() and "," in str(amount):
        raise PaymentError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "amount {amount!r} has a comma; write it without thousands "
                "separators and with a point before the decimals, as {example}",
            ),
            amount=amount,
            example=example,
        )
    if not value.is_finite():
        raise PaymentError(
            QT_TRANSLATE_NOOP(
                "Orders", "amount {amount!r} is not a number; write it as {example}"
            ),
            amount=amount,
            example=example,
        )
    if value <= 0:
        raise PaymentError(
            QT_TRANSLATE_NOOP(
                "Orders", "amount {amount} must be above zero; write it as {example}"
            ),
            amount=amount,
            example=example,
        )
    if value >= MONEY_LIMIT:
        raise PaymentError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "amount {amount} is too large; an order stores amounts below "
                "{limit} {currency}",
            ),
            amount=amount,
            limit=f"{MONEY_LIMIT:,f}",
            currency=currency,
        )
    if value != value.quantize(step):
        raise PaymentError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "amount {amount} has more decimals than {currency} allows "
                "({places}); round it to a multiple of {step} {currency}",
            ),
            amount=amount,
            places=-step.as_tuple().exponent,
            step=step,
            currency=currency,
        )
    return value.quantize(step)


def _choice(kind, value, description: Message):
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(member.value for member in kind)
        raise PaymentError(
            QT_TRANSLATE_NOOP(
                "Orders", "{what} {value!r} is unknown; use one of {known}"
            ),
            what=description,
            value=value,
            known=known,
        ) from None


# Promised dates ---------------------------------------------------------------


def change_promised_date(
    session: Session,
    order_id: str,
    new_date: date,
    actor: str,
    note: str,
    now: datetime | None = None,
) -> PromisedDateChange:
    """Move the date promised to the customer, recording why.

    Raises
    ------
    OrderError
        If the note is empty, the order is not between confirmed and quality
        check, or the date is unchanged.
    """
    order = get_order(session, order_id)
    if not (note or "").strip():
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "changing the promised date of order {order} needs a note that says "
                "why, for the customer's record",
            ),
            order=order.id,
        )
    if order.state not in OPEN_STATES:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "order {order} is {state}; a promised date can change only while "
                "the order is {states}",
            ),
            order=order.id,
            state=OrderState(order.state),
            states=OPEN_STATES,
        )
    if new_date == order.promised_date:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "order {order} is already promised for {date}; choose another date",
            ),
            order=order.id,
            date=new_date.isoformat(),
        )
    created = order.created_at.date()
    if new_date < created:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "order {order} was created on {created}, so it cannot be promised "
                "for {date}; choose that day or later",
            ),
            order=order.id,
            created=created.isoformat(),
            date=new_date.isoformat(),
        )
    _check_length(note, MAX_NOTE_LENGTH, NOTE)
    change = PromisedDateChange(
        order_id=order.id,
        old_date=order.promised_date,
        new_date=new_date,
        actor=_actor(actor),
        changed_at=now or datetime.now(),
        note=note.strip(),
    )
    order.promised_date = new_date
    session.add(change)
    session.flush()
    return change


def is_overdue(
    state: OrderState | str, promised_date: date | None, today: date
) -> bool:
    """Return whether an order has not left the factory by its promised date."""
    return (
        promised_date is not None
        and _state(state) in OPEN_STATES
        and today > promised_date
    )


# Listings and history -----------------------------------------------------------


@dataclass(frozen=True)
class OrderSummary:
    """One row of the production monitor."""

    id: str
    customer_id: str
    customer_name: str
    product_id: str
    product_name: str
    state: OrderState
    currency: str
    total: Decimal
    paid: Decimal
    promised_date: date | None
    overdue: bool
    created_at: datetime
    state_changed_at: datetime


def list_orders(
    session: Session,
    *,
    states: Iterable[OrderState | str] | None = None,
    search: str = "",
    overdue_only: bool = False,
    today: date | None = None,
) -> list[OrderSummary]:
    """Return orders, newest first, filtered by state, text and lateness.

    ``search`` matches part of the order id, the customer's id or name, or
    the product's id or name, ignoring case.
    """
    today = today or date.today()
    signed = case(
        (OrderPayment.kind == PaymentKind.REFUND.value, -OrderPayment.amount),
        else_=OrderPayment.amount,
    )
    paid = (
        select(OrderPayment.order_id, func.sum(signed).label("paid"))
        .group_by(OrderPayment.order_id)
        .subquery()
    )
    query = (
        select(Order, Customer.display_name, paid.c.paid)
        .join(Customer, Customer.id == Order.customer_id)
        .outerjoin(paid, paid.c.order_id == Order.id)
        .order_by(Order.number.desc())
    )
    if states is not None:
        query = query.where(Order.state.in_([_state(state).value for state in states]))
    if search.strip():
        needle = search.strip().lower()
        pattern = f"%{needle}%"
        # Names are encrypted at rest, so they are compared after decryption.
        named = [
            customer.id
            for customer in session.scalars(select(Customer))
            if needle in (customer.display_name or "").lower()
        ]
        query = query.where(
            or_(
                func.lower(Order.id).like(pattern),
                func.lower(Order.customer_id).like(pattern),
                Order.customer_id.in_(named),
                func.lower(Order.product_id).like(pattern),
                func.lower(Order.product_name).like(pattern),
            )
        )
    if overdue_only:
        query = query.where(
            Order.state.in_([state.value for state in OPEN_STATES]),
            Order.promised_date < today,
        )
    summaries = []
    for order, name, paid_amount in session.execute(query):
        state = OrderState(order.state)
        summaries.append(
            OrderSummary(
                id=order.id,
                customer_id=order.customer_id,
                customer_name=name,
                product_id=order.product_id,
                product_name=order.product_name,
                state=state,
                currency=order.currency,
                total=stored_money(order.total, order.currency),
                paid=stored_money(paid_amount or 0, order.currency),
                promised_date=order.promised_date,
                overdue=is_overdue(state, order.promised_date, today),
                created_at=order.created_at,
                state_changed_at=order.state_changed_at,
            )
        )
    return summaries


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded event of an order, for its history list.

    ``message`` describes the event in translatable form, and ``text`` is
    its English wording. ``note`` is the staff's note, or the English of
    ``note_message`` for a note the studio wrote itself.
    """

    at: datetime
    actor: str
    message: Message
    note: str
    note_message: Message | None = None

    @property
    def text(self) -> str:
        """The event in English, as the command line and logs show it."""
        return str(self.message)


def order_history(session: Session, order_id: str) -> list[HistoryEntry]:
    """Return the order's transitions, revisions, payments and date changes by time."""
    order = get_order(session, order_id)
    entries = []
    for row in session.scalars(
        select(OrderTransition).where(OrderTransition.order_id == order.id)
    ):
        start = (
            OrderState(row.from_state)
            if row.from_state
            else message(QT_TRANSLATE_NOOP("OrderHistory", "new"))
        )
        event = message(
            QT_TRANSLATE_NOOP("OrderHistory", "{start} → {end}"),
            start=start,
            end=OrderState(row.to_state),
        )
        if row.qc_result:
            event = message(
                QT_TRANSLATE_NOOP("OrderHistory", "{event} (QC {result})"),
                event=event,
                result=QcResult(row.qc_result),
            )
        if row.source:
            event = message(
                QT_TRANSLATE_NOOP("OrderHistory", "{event} [{source}]"),
                event=event,
                source=row.source,
            )
        entries.append(HistoryEntry(row.occurred_at, row.actor, event, row.note))
    for row in session.scalars(
        select(OrderRevision).where(OrderRevision.order_id == order.id)
    ):
        event = message(
            QT_TRANSLATE_NOOP(
                "OrderHistory", "revision {number}, total {total} ({hash})"
            ),
            number=row.revision,
            total=stored_money(row.total, order.currency),
            hash=row.design_hash[:8],
        )
        note_message = _stored_note(row, f"revision {row.revision} of {order.id}")
        entries.append(
            HistoryEntry(row.created_at, row.created_by, event, row.note, note_message)
        )
    for row in session.scalars(
        select(OrderPayment).where(OrderPayment.order_id == order.id)
    ):
        event = message(
            QT_TRANSLATE_NOOP("OrderHistory", "{kind} {amount} {currency} by {method}"),
            kind=PaymentKind(row.kind),
            amount=stored_money(row.amount, order.currency),
            currency=order.currency,
            method=PaymentMethod(row.method),
        )
        if row.reference:
            event = message(
                QT_TRANSLATE_NOOP("OrderHistory", "{event}, ref. {reference}"),
                event=event,
                reference=row.reference,
            )
        entries.append(HistoryEntry(row.received_at, row.recorded_by, event, row.note))
    for row in session.scalars(
        select(PromisedDateChange).where(PromisedDateChange.order_id == order.id)
    ):
        old = (
            row.old_date.isoformat()
            if row.old_date
            else message(QT_TRANSLATE_NOOP("OrderHistory", "none"))
        )
        event = message(
            QT_TRANSLATE_NOOP("OrderHistory", "promised date {old} → {new}"),
            old=old,
            new=row.new_date.isoformat(),
        )
        note_message = _stored_note(row, f"date change {row.id}")
        entries.append(
            HistoryEntry(row.changed_at, row.actor, event, row.note, note_message)
        )
    return sorted(entries, key=lambda entry: entry.at)


def _stored_note(row: PromisedDateChange | OrderRevision, name: str) -> Message | None:
    """Return the translatable note of ``row``, named ``name`` in the log."""
    if row.note_message is None:
        return None
    try:
        return message_from_json(row.note_message)
    except ValueError:
        logger.warning("%s has an invalid note message", name)
        return None
