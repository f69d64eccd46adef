"""Queries and writes for customer profiles: consent, demographics, segments.

Like :mod:`storage.repositories`, every function takes an open
:class:`~sqlalchemy.orm.Session`, so several calls can share a transaction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from storage.audit import record_audit
from storage.messages import QT_TRANSLATE_NOOP, TranslatableError
from storage.repositories import (
    BATCH_SIZE,
    IN_LIST_SIZE,
    batched,
    get_customer,
    set_setting,
)
from storage.schema import (
    AgeBand,
    AuditAction,
    Customer,
    CustomerSegment,
    Gender,
    Segment,
)

logger = logging.getLogger(__name__)

# Setting key of the JSON summary of the latest segment fit.
SEGMENT_FIT_KEY = "segments.last_fit"

_UNSET = object()

# Customer fields with personal contact data, all encrypted at rest.
CONTACT_FIELDS = ("display_name", "email", "phone", "notes")


class UnknownCustomerError(TranslatableError, LookupError):
    """A customer id that is not stored."""

    def __init__(self, customer_id: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Customers",
                "Customer {customer!r} not found: register the customer first or "
                "check the id",
            ),
            customer=customer_id,
        )
        self.customer_id = customer_id


@dataclass(frozen=True)
class StoredSegment:
    """A segment as stored, with its centroid decoded.

    Attributes
    ----------
    centroid
        Feature name to centroid value, in the features' own units.
    description
        What the English ``label`` says, as the columns behind it (see
        ``recommender.segments.segment_label``), or ``None`` for a segment
        stored before descriptions were kept.
    """

    id: int
    label: str
    size: int
    centroid: Mapping[str, float]
    active: bool
    fitted_at: datetime
    description: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class SegmentAssignment:
    """A segment to store: its id (``None`` for a new one), label and members."""

    id: int | None
    label: str
    centroid: Mapping[str, float]
    customer_ids: Sequence[str]
    description: Mapping[str, Any] | None = None


def require_customer(session: Session, customer_id: str) -> Customer:
    """Return the customer with ``customer_id``.

    Raises
    ------
    UnknownCustomerError
        If no customer has that id.
    """
    customer = get_customer(session, customer_id)
    if customer is None:
        raise UnknownCustomerError(customer_id)
    return customer


def set_consent(
    session: Session,
    customer_id: str,
    *,
    source: str,
    profiling: bool | None = None,
    marketing: bool | None = None,
    at: datetime | None = None,
    actor: str | None = None,
) -> Customer:
    """Record a customer's consent choice for profiling, marketing or both.

    The timestamp of a flag changes only when the flag is given. Withdrawing
    profiling consent also removes the customer from their segment, because
    a segment is part of the profile.

    Parameters
    ----------
    source
        Where the choice was made, for example ``"kiosk"`` or ``"staff"``.
    profiling, marketing
        The new choices; ``None`` leaves that consent unchanged.
    at
        Time of the choice; the current local time by default.
    actor
        The staff username that recorded the choice, ``None`` for the system.

    Raises
    ------
    UnknownCustomerError
        If no customer has ``customer_id``.
    ValueError
        If ``source`` is empty or both choices are ``None``.
    """
    if not source.strip():
        raise ValueError(
            f"Missing consent source for customer {customer_id!r}: say where the "
            "choice was made, for example 'kiosk' or 'staff'"
        )
    if profiling is None and marketing is None:
        raise ValueError(
            f"No consent choice for customer {customer_id!r}: pass profiling, "
            "marketing or both"
        )
    customer = require_customer(session, customer_id)
    moment = at or datetime.now()
    if profiling is not None:
        customer.consent_profiling = profiling
        customer.consent_profiling_at = moment
        if not profiling:
            session.execute(
                delete(CustomerSegment).where(
                    CustomerSegment.customer_id == customer_id
                )
            )
    if marketing is not None:
        customer.consent_marketing = marketing
        customer.consent_marketing_at = moment
    customer.consent_source = source.strip()
    session.flush()
    record_audit(
        session, AuditAction.CHANGED, customer_id, actor=actor, detail="consent"
    )
    logger.info(
        "Consent of customer %s: profiling=%s marketing=%s (source %s)",
        customer_id,
        customer.consent_profiling,
        customer.consent_marketing,
        customer.consent_source,
    )
    return customer


def set_demographics(
    session: Session,
    customer_id: str,
    *,
    birth_year: int | None | object = _UNSET,
    age_band: AgeBand | str | None | object = _UNSET,
    gender: Gender | str | None | object = _UNSET,
    region: str | None | object = _UNSET,
) -> Customer:
    """Store the demographics a customer gave; arguments left out stay as they are.

    Pass ``None`` to clear a value the customer withdrew.

    Raises
    ------
    UnknownCustomerError
        If no customer has ``customer_id``.
    ValueError
        If ``age_band`` or ``gender`` is not one of the accepted values, or
        ``birth_year`` is outside 1900 to 2100.
    """
    customer = require_customer(session, customer_id)
    if birth_year is not _UNSET:
        if birth_year is not None and not 1900 <= int(birth_year) <= 2100:
            raise ValueError(
                f"Invalid birth year {birth_year!r} for customer {customer_id!r}: "
                "expected a year from 1900 to 2100"
            )
        customer.birth_year = None if birth_year is None else int(birth_year)
    if age_band is not _UNSET:
        customer.age_band = _member_or_none(AgeBand, age_band, "age band")
    if gender is not _UNSET:
        customer.gender = _member_or_none(Gender, gender, "gender")
    if region is not _UNSET:
        customer.region = (region or "").strip() or None
    session.flush()
    record_audit(session, AuditAction.CHANGED, customer_id, detail="demographics")
    return customer


def set_contact_details(
    session: Session,
    customer_id: str,
    *,
    actor: str | None = None,
    **changes: str | None,
) -> Customer:
    """Change a customer's name, email, phone or notes, and audit the change.

    Parameters
    ----------
    actor
        The staff username that made the change, ``None`` for the system.
    changes
        New values by field: ``display_name``, ``email``, ``phone`` or
        ``notes``. ``None`` clears a field other than ``display_name``.

    Raises
    ------
    UnknownCustomerError
        If no customer has ``customer_id``.
    ValueError
        If a field is not one of those four, or the name is empty.
    """
    unknown = sorted(set(changes) - set(CONTACT_FIELDS))
    if unknown:
        raise ValueError(
            f"Invalid contact fields {unknown} for customer {customer_id!r}: "
            f"expected some of {', '.join(CONTACT_FIELDS)}"
        )
    if "display_name" in changes and not (changes["display_name"] or "").strip():
        raise ValueError(
            f"Missing name for customer {customer_id!r}: a customer needs a "
            "non-empty display name"
        )
    customer = require_customer(session, customer_id)
    for name, value in changes.items():
        setattr(customer, name, value)
    session.flush()
    detail = ", ".join(sorted(changes))
    record_audit(session, AuditAction.CHANGED, customer_id, actor=actor, detail=detail)
    return customer


def marketing_consenting_ids(session: Session, customer_ids: Iterable[str]) -> set[str]:
    """Return the ids in ``customer_ids`` of customers who accept marketing."""
    found: set[str] = set()
    for chunk in batched(sorted(set(customer_ids)), IN_LIST_SIZE):
        query = select(Customer.id).where(
            Customer.id.in_(chunk), Customer.consent_marketing.is_(True)
        )
        found.update(session.scalars(query))
    return found


def list_segments(session: Session, *, active_only: bool = True) -> list[StoredSegment]:
    """Return stored segments ordered by id, by default only the active ones."""
    query = select(Segment).order_by(Segment.id)
    if active_only:
        query = query.where(Segment.active.is_(True))
    return [_stored(segment) for segment in session.scalars(query)]


def customer_segment(session: Session, customer_id: str) -> StoredSegment | None:
    """Return the segment of ``customer_id``, or ``None`` if it has none."""
    query = (
        select(Segment)
        .join(CustomerSegment, CustomerSegment.segment_id == Segment.id)
        .where(CustomerSegment.customer_id == customer_id)
    )
    segment = session.scalar(query)
    return None if segment is None else _stored(segment)


def segment_member_ids(session: Session, segment_id: int) -> list[str]:
    """Return the ids of the customers in a segment, sorted."""
    query = (
        select(CustomerSegment.customer_id)
        .where(CustomerSegment.segment_id == segment_id)
        .order_by(CustomerSegment.customer_id)
    )
    return list(session.scalars(query))


def segment_members(session: Session, segment_id: int) -> list[tuple[str, str, bool]]:
    """Return (id, display name, marketing consent) of a segment's members, by id."""
    query = (
        select(Customer.id, Customer.display_name, Customer.consent_marketing)
        .join(CustomerSegment, CustomerSegment.customer_id == Customer.id)
        .where(CustomerSegment.segment_id == segment_id)
        .order_by(Customer.id)
    )
    return [(cid, name, bool(consent)) for cid, name, consent in session.execute(query)]


def replace_segments(
    session: Session,
    assignments: Sequence[SegmentAssignment],
    *,
    fitted_at: datetime,
    fit_summary: Mapping[str, object],
) -> list[int]:
    """Store a new fit: its segments, every membership and a fit summary.

    Assignments with an ``id`` update that segment; the others get a new id.
    Active segments that no assignment names become inactive, and every
    earlier membership is replaced.

    Returns
    -------
    list[int]
        The stored id of each assignment, in the same order.
    """
    kept_ids = {a.id for a in assignments if a.id is not None}
    session.execute(
        update(Segment)
        .where(Segment.active.is_(True), Segment.id.not_in(kept_ids))
        .values(active=False)
        .execution_options(synchronize_session=False)
    )
    session.execute(delete(CustomerSegment))

    next_id = (session.scalar(select(func.max(Segment.id))) or 0) + 1
    stored_ids: list[int] = []
    for assignment in assignments:
        segment = None if assignment.id is None else session.get(Segment, assignment.id)
        if segment is None:
            segment = Segment(id=next_id)
            next_id += 1
            session.add(segment)
        segment.label = assignment.label
        segment.description = (
            None
            if assignment.description is None
            else json.dumps(dict(assignment.description), sort_keys=True)
        )
        segment.size = len(assignment.customer_ids)
        segment.centroid = json.dumps(dict(assignment.centroid), sort_keys=True)
        segment.active = True
        segment.fitted_at = fitted_at
        stored_ids.append(segment.id)
    session.flush()

    rows = [
        {"customer_id": customer_id, "segment_id": segment_id, "assigned_at": fitted_at}
        for segment_id, assignment in zip(stored_ids, assignments, strict=True)
        for customer_id in assignment.customer_ids
    ]
    for chunk in batched(rows, BATCH_SIZE):
        session.execute(CustomerSegment.__table__.insert(), chunk)

    set_setting(session, SEGMENT_FIT_KEY, json.dumps(dict(fit_summary), default=str))
    logger.info("Stored %s segments with %s members", len(assignments), len(rows))
    return stored_ids


def _stored(segment: Segment) -> StoredSegment:
    return StoredSegment(
        id=segment.id,
        label=segment.label,
        size=segment.size,
        centroid=json.loads(segment.centroid or "{}"),
        active=segment.active,
        fitted_at=segment.fitted_at,
        description=_description(segment),
    )


def _description(segment: Segment) -> dict[str, Any] | None:
    if segment.description is None:
        return None
    try:
        description = json.loads(segment.description)
    except json.JSONDecodeError:
        logger.warning("segment %s has an invalid description", segment.id)
        return None
    return description if isinstance(description, dict) else None


def _member_or_none(kind, value, name: str):
    if value is None or value == "":
        return None
    try:
        return kind(value).value
    except ValueError:
        accepted = ", ".join(member.value for member in kind)
        raise ValueError(
            f"Invalid {name} {value!r}: expected one of {accepted}, or none"
        ) from None
