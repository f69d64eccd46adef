"""A customer's profile for staff: tags, segment, statistics and history.

A profile exists only for a customer who consented to profiling. For any
other customer :func:`build_profile` returns the customer's consent details
with no tags, statistics or history, so a screen can show why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import numpy as np

from designer.profile_tags import ProfileTag, evaluate_tags, load_profile_tags
from recommender.features import FAMILIES, FeatureMatrix, build_features
from storage.db import Database
from storage.messages import QT_TRANSLATE_NOOP, Message, message
from storage.profiles import StoredSegment, customer_segment, require_customer
from storage.repositories import events_for_customer, product_names

logger = logging.getLogger(__name__)

DEFAULT_HISTORY_LIMIT = 500

# Features shown in a profile's summary, in display order.
SUMMARY_FEATURES = (
    "monetary",
    "frequency",
    "average_order_value",
    "recency_days",
    "tenure_days",
    "sessions",
    "views",
    "purchases",
    "ratings",
    "mean_rating",
    "reviews",
    "saved_designs",
)


@dataclass(frozen=True)
class SummaryLine:
    """One statistic of a customer beside the same statistic over all customers.

    Attributes
    ----------
    rank
        Percentage of profiled customers with a lower value, from 0 to 100.
    higher
        Percentage of profiled customers with a higher value, from 0 to 100.
    """

    feature: str
    value: float
    median: float
    rank: float
    higher: float

    def standing(self) -> Message:
        """Return the customer's place among all customers, as a message.

        At either end the message names the end, because a rounded
        percentage there reads "above 100% of customers" or "above 0%".
        """
        if self.rank == 0 and self.higher == 0:
            template = QT_TRANSLATE_NOOP("Profiles", "the same as all customers")
        elif self.higher == 0:
            template = QT_TRANSLATE_NOOP("Profiles", "the highest of all customers")
        elif self.rank == 0:
            template = QT_TRANSLATE_NOOP("Profiles", "the lowest of all customers")
        else:
            # Between the ends, 0 % and 100 % would be false, so they become 1 and 99.
            percent = min(max(round(self.rank), 1), 99)
            return message(
                QT_TRANSLATE_NOOP("Profiles", "above {percent}% of customers"),
                percent=percent,
            )
        return message(template)


@dataclass(frozen=True)
class HistoryEntry:
    """One event of the customer, with the product's name when it has one."""

    occurred_at: datetime
    kind: str
    product_id: str | None
    product_name: str | None
    quantity: int
    value: Decimal | None
    text: str | None


@dataclass(frozen=True)
class CustomerProfile:
    """Everything the profile screen shows about one customer.

    Attributes
    ----------
    demographics
        ``age_band``, ``gender`` and ``region``, ``"unknown"`` where the
        customer gave no value.
    interests
        Share of interest by product family, largest first, without zeros.
    history
        Events newest first, at most the requested number.
    event_count
        All events of the customer, also those beyond ``history``.
    demo_left_out
        A demo customer left out of tags, statistics and segments, because
        the store has customers of its own.
    """

    customer_id: str
    display_name: str
    consent_profiling: bool
    consent_marketing: bool
    consent_source: str | None
    consent_profiling_at: datetime | None
    demographics: dict[str, str] = field(default_factory=dict)
    tags: list[ProfileTag] = field(default_factory=list)
    segment: StoredSegment | None = None
    summary: list[SummaryLine] = field(default_factory=list)
    interests: list[tuple[str, float]] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    event_count: int = 0
    demo_left_out: bool = False


def build_profile(
    db: Database,
    customer_id: str,
    *,
    tags: list[ProfileTag] | None = None,
    history_limit: int = DEFAULT_HISTORY_LIMIT,
    features: FeatureMatrix | None = None,
) -> CustomerProfile:
    """Build the profile of one customer.

    Parameters
    ----------
    tags
        Tag rules; the shipped ``resources/profile_tags.toml`` by default.
    history_limit
        Maximum number of history entries, newest first.
    features
        Features of all profiled customers, when the caller already has
        them; they are built from ``db`` otherwise.

    Raises
    ------
    storage.profiles.UnknownCustomerError
        If no customer has ``customer_id``.
    """
    with db.session(readonly=True) as session:
        customer = require_customer(session, customer_id)
        base = {
            "customer_id": customer.id,
            "display_name": customer.display_name,
            "consent_profiling": customer.consent_profiling,
            "consent_marketing": customer.consent_marketing,
            "consent_source": customer.consent_source,
            "consent_profiling_at": customer.consent_profiling_at,
        }
        if not customer.consent_profiling:
            return CustomerProfile(**base)

        if features is None:
            # NOTE: this rebuilds every profiled customer's features on each
            # call (seconds for thousands of customers); a cache would need a
            # revision that also changes with consent and demographics.
            features = build_features(session)
        segment = customer_segment(session, customer_id)
        events = events_for_customer(session, customer_id)
        names = product_names(session, {e.product_id for e in events if e.product_id})

    history = [
        HistoryEntry(
            occurred_at=event.occurred_at,
            kind=event.kind,
            product_id=event.product_id,
            product_name=names.get(event.product_id) if event.product_id else None,
            quantity=event.quantity,
            value=event.value,
            text=event.text,
        )
        for event in reversed(events[-history_limit:] if history_limit else [])
    ]
    if customer_id not in features.customer_ids:
        # A demo customer, left out of profiling once the store has its own.
        return CustomerProfile(
            **base, history=history, event_count=len(events), demo_left_out=True
        )
    rules = load_profile_tags() if tags is None else tags
    row = features.customer_ids.index(customer_id)
    applied = evaluate_tags(rules, features, customer_ids=[customer_id])[customer_id]
    return CustomerProfile(
        **base,
        demographics=dict(features.categories[customer_id]),
        tags=applied,
        segment=segment,
        summary=_summary(features, row),
        interests=_interests(features.row(customer_id)),
        history=history,
        event_count=len(events),
    )


def _summary(features: FeatureMatrix, row: int) -> list[SummaryLine]:
    lines = []
    for name in SUMMARY_FEATURES:
        column = features.column(name)
        value = float(column[row])
        lines.append(
            SummaryLine(
                feature=name,
                value=value,
                median=float(np.median(column)),
                rank=float(100.0 * np.mean(column < value)),
                higher=float(100.0 * np.mean(column > value)),
            )
        )
    return lines


def _interests(row: dict[str, float]) -> list[tuple[str, float]]:
    shares = [(family, row.get(f"family_share_{family}", 0.0)) for family in FAMILIES]
    shares = [(family, share) for family, share in shares if share > 0]
    return sorted(shares, key=lambda item: (-item[1], item[0]))
