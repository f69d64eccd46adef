"""Option values that customers like the current one chose for a catalog model.

The past designs of a model are the frozen values of its orders, counting
only customers who consented to profiling. For a consenting customer in a
segment they come from the segment's members, when those members ordered at
least :data:`MIN_SEGMENT_DESIGNS` designs of the model. Every other customer,
including one without consent, gets the designs of all consenting customers,
labelled as popular, so no profile of theirs is used.

:func:`option_advice` keeps the fitted :class:`OptionAdvisor` per model,
segment and :class:`OrdersRevision`, so a change of a value on screen reuses
it and only a new order, a state change, a consent change or a segment
refit fits again.
"""

from __future__ import annotations

import enum
import json
import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from designer.catalog import CatalogModel
from designer.option_suggestions import OptionAdvisor
from designer.session import DesignSession
from rules.model import CHOICE, COLOUR
from storage.db import Database
from storage.order_schema import Order, OrderRevision, OrderState, OrderTransition
from storage.profiles import SEGMENT_FIT_KEY, StoredSegment, customer_segment
from storage.repositories import CONSENT_REVISION_KEY
from storage.schema import Customer, CustomerSegment, Setting

logger = logging.getLogger(__name__)

# Minimum number of designs of a model that a segment needs for suggestions
# of its own. With fewer, a handful of orders would decide every suggestion.
MIN_SEGMENT_DESIGNS = 5

# A cancelled or refunded order is a design the customer turned away from.
WITHDRAWN_STATES = (OrderState.CANCELLED, OrderState.REFUNDED)

T = TypeVar("T")

# Fitted advisors kept per database, oldest dropped first.
CACHE_SIZE = 32


class Basis(enum.StrEnum):
    """Whose designs the suggestions count."""

    SEGMENT = "segment"
    POPULAR = "popular"


class Fallback(enum.StrEnum):
    """Reason that a customer gets popular values instead of their segment's."""

    UNKNOWN_CUSTOMER = "unknown_customer"
    NO_CONSENT = "no_consent"
    NO_SEGMENT = "no_segment"
    FEW_SEGMENT_DESIGNS = "few_segment_designs"


@dataclass(frozen=True)
class Audience:
    """The customers whose designs represent "customers like this one".

    ``segment`` is the customer's segment when they consent to profiling and
    have one, even when ``basis`` fell back to popular because the segment
    ordered too few designs. ``fallback`` is ``None`` for the segment basis.
    """

    basis: Basis
    segment: StoredSegment | None
    fallback: Fallback | None


@dataclass(frozen=True)
class PeerDesigns:
    """Past designs of one model, each a mapping of parameter name to value."""

    model_id: str
    designs: tuple[Mapping[str, Any], ...]
    audience: Audience


@dataclass(frozen=True)
class OrdersRevision:
    """Counters that move whenever the past designs of any customer may change.

    ``last_transition`` is the highest order transition id, which grows with
    every new order, cancellation and refund. ``revisions`` counts frozen
    designs, so a revised design moves it. ``consent`` is the stored consent
    revision, and ``segment_fit`` is the stored summary of the latest
    segment fit.

    NOTE: the summary records the fit time to the second, so a second fit in
    the same second with the same summary keeps the advisors of the first.
    """

    last_transition: int
    revisions: int
    consent: int
    segment_fit: str


@dataclass(frozen=True)
class OptionAdvice:
    """A fitted advisor with the audience and number of designs behind it."""

    advisor: OptionAdvisor
    audience: Audience
    design_count: int


@dataclass(frozen=True)
class OptionHint:
    """The top value of one open choice parameter, with its vote share (0 to 1)."""

    name: str
    value: Any
    score: float


def orders_revision(session: Session) -> OrdersRevision:
    """Read the counters of :class:`OrdersRevision` in one query.

    Each part reads an index or one settings row, so the query stays cheap
    as orders grow.
    """

    def stored(key: str):
        return select(Setting.value).where(Setting.key == key).scalar_subquery()

    query = select(
        select(func.max(OrderTransition.id)).scalar_subquery(),
        select(func.count()).select_from(OrderRevision).scalar_subquery(),
        stored(CONSENT_REVISION_KEY),
        stored(SEGMENT_FIT_KEY),
    )
    transition, revisions, consent, fit = session.execute(query).one()
    return OrdersRevision(transition or 0, revisions or 0, int(consent or 0), fit or "")


def peer_designs(
    session: Session, model_id: str, customer_id: str | None
) -> PeerDesigns:
    """Return the designs of ``model_id`` ordered by customers like this one.

    Parameters
    ----------
    customer_id
        The customer on screen; ``None`` or an unknown id gets popular
        designs.
    """
    audience, designs = _segment_or_popular(
        customer_audience(session, customer_id),
        lambda segment_id: ordered_designs(session, model_id, segment_id),
        len,
    )
    return PeerDesigns(model_id, tuple(designs), audience)


def customer_audience(session: Session, customer_id: str | None) -> Audience:
    """Return whose designs suit ``customer_id``, before counting any design.

    The result has the segment basis whenever the customer consents and has
    a segment; :func:`peer_designs` falls back when the segment ordered too
    few designs of the model.
    """
    # Only the consent column is read, so no personal data is decrypted.
    query = select(Customer.consent_profiling).where(Customer.id == customer_id)
    consent = None if customer_id is None else session.execute(query).scalar()
    if consent is None:
        return Audience(Basis.POPULAR, None, Fallback.UNKNOWN_CUSTOMER)
    if not consent:
        return Audience(Basis.POPULAR, None, Fallback.NO_CONSENT)
    segment = customer_segment(session, customer_id)
    if segment is None:
        return Audience(Basis.POPULAR, None, Fallback.NO_SEGMENT)
    return Audience(Basis.SEGMENT, segment, None)


def ordered_designs(
    session: Session, model_id: str, segment_id: int | None = None
) -> list[Mapping[str, Any]]:
    """Return the current frozen values of the model's orders, oldest first.

    Only orders of customers who consent to profiling count, and only those
    in segment ``segment_id`` when it is given. Cancelled and refunded
    orders do not count.
    """
    query = (
        select(Order.id, OrderRevision.frozen)
        .join(
            Order,
            (Order.id == OrderRevision.order_id)
            & (Order.revision == OrderRevision.revision),
        )
        .join(Customer, Customer.id == Order.customer_id)
        .where(
            Order.product_id == model_id,
            Order.state.not_in([state.value for state in WITHDRAWN_STATES]),
            Customer.consent_profiling.is_(True),
        )
        .order_by(Order.number)
    )
    if segment_id is not None:
        query = query.join(
            CustomerSegment, CustomerSegment.customer_id == Order.customer_id
        ).where(CustomerSegment.segment_id == segment_id)
    # Imported here: frozen designs bring the geometry libraries, which the
    # studio window loads only after its first frame.
    from designer.order_design import FrozenDesign

    designs = []
    for order_id, frozen in session.execute(query):
        try:
            designs.append(FrozenDesign.from_json(json.loads(frozen)).values)
        except (ValueError, KeyError, TypeError):
            # One unreadable order should not hide every suggestion.
            logger.warning("Skipped order %s: its frozen design is invalid", order_id)
    return designs


def option_advice(
    database: Database, model: CatalogModel, customer_id: str | None
) -> OptionAdvice:
    """Return the advisor for ``model`` fitted on designs of customers like this one.

    It is safe to call from worker threads. An advisor fitted for the same
    model, segment and :class:`OrdersRevision` is reused.
    """
    with database.session(readonly=True) as session, _lock:
        revision = orders_revision(session)
        audience, fitted = _segment_or_popular(
            customer_audience(session, customer_id),
            lambda segment_id: _fitted(database, session, model, segment_id, revision),
            lambda fitted: fitted.design_count,
        )
        return OptionAdvice(fitted.advisor, audience, fitted.design_count)


def open_choice_hints(
    advisor: OptionAdvisor, session: DesignSession
) -> list[OptionHint]:
    """Return the top value of each choice parameter the customer has not set.

    Parameters are in catalog order. Sizes and size systems are left out,
    because they follow the wearer's body rather than taste. A parameter
    with no past design among its offered values gets no hint, so every
    hint is a value the rules still offer.
    """
    hints = []
    for parameter in _hinted_parameters(session.model):
        if parameter.name in session.chosen:
            continue
        ranked = advisor.suggest(session, parameter.name)
        if ranked and ranked[0].score > 0:
            hints.append(OptionHint(parameter.name, ranked[0].value, ranked[0].score))
    return hints


@dataclass(frozen=True)
class _Fitted:
    advisor: OptionAdvisor
    design_count: int


_lock = threading.Lock()
_advisors: weakref.WeakKeyDictionary[Database, OrderedDict[tuple, _Fitted]] = (
    weakref.WeakKeyDictionary()
)


def _fitted(
    database: Database,
    session: Session,
    model: CatalogModel,
    segment_id: int | None,
    revision: OrdersRevision,
) -> _Fitted:
    """Return the kept advisor for the key, fitting it first if needed.

    The caller must acquire ``_lock`` first.
    """
    advisors = _advisors.setdefault(database, OrderedDict())
    key = (model.id, model.sha256, segment_id, revision)
    fitted = advisors.get(key)
    if fitted is not None:
        advisors.move_to_end(key)
        return fitted
    designs = ordered_designs(session, model.id, segment_id)
    fitted = _Fitted(OptionAdvisor(model, designs), len(designs))
    advisors[key] = fitted
    while len(advisors) > CACHE_SIZE:
        advisors.popitem(last=False)
    logger.debug(
        "Fitted option advice for %s, segment %s, on %s designs",
        model.id,
        segment_id,
        len(designs),
    )
    return fitted


def _segment_or_popular(
    audience: Audience,
    load: Callable[[int | None], T],
    count: Callable[[T], int],
) -> tuple[Audience, T]:
    """Load the segment's designs, or everyone's when the segment has too few.

    ``load`` takes a segment id, or ``None`` for all consenting customers.
    """
    if audience.segment is not None:
        loaded = load(audience.segment.id)
        if count(loaded) >= MIN_SEGMENT_DESIGNS:
            return audience, loaded
        audience = Audience(
            Basis.POPULAR, audience.segment, Fallback.FEW_SEGMENT_DESIGNS
        )
    return audience, load(None)


def _hinted_parameters(model: CatalogModel):
    parameters = model.rules.parameters
    grouping = {p.group_by for p in parameters if p.group_by is not None}
    return [
        parameter
        for parameter in parameters
        if parameter.kind in (CHOICE, COLOUR)
        and parameter.group_by is None
        and parameter.name not in grouping
    ]
