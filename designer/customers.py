"""Customers for sales staff: find, register, view and export, audited by name.

Names, email addresses and phone numbers are encrypted at rest, so SQL
cannot search them: :func:`find_customers` reads and decrypts every
customer and matches in Python. Each function checks the staff member's
role with :func:`designer.access.check_permission` and records the staff
member, not the system, in the audit log.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from os import PathLike

from sqlalchemy import select

from designer.access import Permission, check_permission
from designer.profiles import DEFAULT_HISTORY_LIMIT, CustomerProfile, build_profile
from recommender.segments import campaign_member_ids, export_campaign
from storage.audit import record_audit
from storage.db import Database
from storage.messages import QT_TRANSLATE_NOOP, TranslatableError
from storage.output_paths import check_not_store_file
from storage.profiles import (
    set_consent,
)
from storage.schema import AuditAction, Customer
from storage.staff import ActiveSession

logger = logging.getLogger(__name__)

# Ids of customers registered by staff: "C-" and a six-digit sequence number.
CUSTOMER_ID_PREFIX = "C-"
CUSTOMER_ID_PATTERN = re.compile(r"C-(\d{6,})")
CONSENT_SOURCE = "staff"
MAX_RESULTS = 50
# A search with fewer digits than this does not match phone numbers, because
# two digits match almost every number.
MIN_PHONE_DIGITS = 3
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class CustomerRegistrationError(TranslatableError, ValueError):
    """A customer that cannot be registered: a missing name or an invalid email."""


@dataclass(frozen=True)
class CustomerMatch:
    """A customer found by a search, with the consents staff need to see."""

    id: str
    display_name: str
    email: str | None
    phone: str | None
    consent_profiling: bool
    consent_marketing: bool


def find_customers(
    db: Database,
    text: str,
    *,
    staff: ActiveSession | None,
    limit: int = MAX_RESULTS,
) -> list[CustomerMatch]:
    """Return customers whose id, name, email or phone contains ``text``.

    Case and accents are ignored ("garcia" finds "García"). Phone numbers
    match on their digits alone, without the search's leading zeros, so the
    national form "020 7946 0123" finds the stored "+44 20 7946 0123".
    Results are ordered by name, at most ``limit`` of them, and each one
    shown gets a "viewed" audit entry naming ``staff``.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` may not look up customers, or has expired.
    """
    check_permission(staff, Permission.CUSTOMERS)
    needle = _folded(text)
    if not needle:
        return []
    # A national number's leading zero is the trunk prefix, which the
    # international form replaces with the country code.
    digits = re.sub(r"\D", "", text).lstrip("0")
    matches = []
    with db.session(readonly=True) as session:
        for customer in session.scalars(select(Customer)):
            if _matches(customer, needle, digits):
                matches.append(_match(customer))
    matches.sort(key=lambda match: (_folded(match.display_name), match.id))
    matches = matches[:limit]
    # The search text is personal data itself, so the log names only who
    # searched and whom the results showed.
    with db.session() as session:
        for match in matches:
            record_audit(
                session,
                AuditAction.VIEWED,
                match.id,
                actor=None if staff is None else staff.username,
                detail="search result",
            )
    return matches


def register_customer(
    db: Database,
    display_name: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    consent_profiling: bool,
    consent_marketing: bool,
    staff: ActiveSession | None,
    at: datetime | None = None,
) -> CustomerMatch:
    """Store a new customer with both consent choices, their time and source.

    The consent source is ``"staff"`` and the audit entries name ``staff``.

    Raises
    ------
    CustomerRegistrationError
        If the name is empty or the email address is not of the form
        ``name@domain.tld``.
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` may not register customers, or has expired.
    """
    check_permission(staff, Permission.CUSTOMERS)
    name = display_name.strip()
    email = (email or "").strip() or None
    phone = (phone or "").strip() or None
    if not name:
        raise CustomerRegistrationError(
            QT_TRANSLATE_NOOP(
                "Customers",
                "Missing customer name: enter the name the customer wants to be "
                "addressed by",
            )
        )
    if email is not None and not EMAIL_PATTERN.fullmatch(email):
        raise CustomerRegistrationError(
            QT_TRANSLATE_NOOP(
                "Customers",
                "Invalid email address {email!r}: expected name@domain.tld; "
                "correct it or leave it empty",
            ),
            email=email,
        )
    actor = None if staff is None else staff.username
    with db.session() as session:
        customer = Customer(
            id=_next_customer_id(session),
            display_name=name,
            email=email,
            phone=phone,
            created_at=at or datetime.now(),
        )
        session.add(customer)
        session.flush()
        record_audit(
            session,
            AuditAction.CHANGED,
            customer.id,
            actor=actor,
            detail="registered",
        )
        set_consent(
            session,
            customer.id,
            source=CONSENT_SOURCE,
            profiling=consent_profiling,
            marketing=consent_marketing,
            at=at,
            actor=actor,
        )
        registered = _match(customer)
    logger.info("Customer %s registered by %s", registered.id, actor or "system")
    return registered


def view_customer_profile(
    db: Database,
    customer_id: str,
    *,
    staff: ActiveSession | None,
    history_limit: int = DEFAULT_HISTORY_LIMIT,
) -> CustomerProfile:
    """Build a customer's profile for a staff screen and audit the view.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` may not view profiles, or has expired.
    storage.profiles.UnknownCustomerError
        If no customer has ``customer_id``.
    """
    check_permission(staff, Permission.CUSTOMER_PROFILE)
    profile = build_profile(db, customer_id, history_limit=history_limit)
    with db.session() as session:
        record_audit(
            session,
            AuditAction.VIEWED,
            customer_id,
            actor=None if staff is None else staff.username,
            detail="profile",
        )
    return profile


def export_campaign_file(
    db: Database,
    segment_id: int,
    path: str | PathLike[str],
    *,
    staff: ActiveSession | None,
) -> int:
    """Write a segment's marketing-consenting members to a CSV file, audited.

    Each customer written gets an "exported" audit entry naming ``staff``
    (the system when ``None``). See
    :func:`recommender.segments.export_campaign` for the file.

    Returns
    -------
    int
        The number of customers written.

    Raises
    ------
    storage.staff.RoleError, storage.staff.SessionExpiredError
        If ``staff`` may not use segments, or has expired.
    LookupError
        If no active segment has ``segment_id``.
    storage.output_paths.OutputPathError
        If the file cannot be written, or is one of the store's own files
        such as the database of ``db``, naming ``path`` and what is wrong.
    """
    check_permission(staff, Permission.SEGMENTS)
    check_not_store_file(path, db.engine.url)
    written = export_campaign(db, segment_id, path)
    with db.session() as session:
        for customer_id in sorted(campaign_member_ids(session, segment_id)):
            record_audit(
                session,
                AuditAction.EXPORTED,
                customer_id,
                actor=None if staff is None else staff.username,
                detail=f"campaign file of segment {segment_id}",
            )
    return written


def _matches(customer: Customer, needle: str, digits: str) -> bool:
    texts = (customer.id, customer.display_name, customer.email)
    if any(needle in _folded(text) for text in texts if text):
        return True
    if len(digits) < MIN_PHONE_DIGITS or not customer.phone:
        return False
    return digits in re.sub(r"\D", "", customer.phone)


def _match(customer: Customer) -> CustomerMatch:
    return CustomerMatch(
        id=customer.id,
        display_name=customer.display_name,
        email=customer.email,
        phone=customer.phone,
        consent_profiling=bool(customer.consent_profiling),
        consent_marketing=bool(customer.consent_marketing),
    )


def _folded(text: str | None) -> str:
    """Return ``text`` case-folded without accents, for matching."""
    decomposed = unicodedata.normalize("NFKD", (text or "").strip())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold()


def _next_customer_id(session) -> str:
    # The write transaction holds the database's write lock, so no other
    # writer can take the same number before this one commits.
    query = select(Customer.id).where(Customer.id.like(f"{CUSTOMER_ID_PREFIX}%"))
    numbers = [
        int(match.group(1))
        for customer_id in session.scalars(query)
        if (match := CUSTOMER_ID_PATTERN.fullmatch(customer_id))
    ]
    return f"{CUSTOMER_ID_PREFIX}{max(numbers, default=0) + 1:06d}"
