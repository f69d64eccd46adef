"""The audit log of who viewed, changed, exported or erased personal data.

Entries are written in the caller's transaction, so an entry exists exactly
when the change it records was committed.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.schema import AuditAction, AuditEntry

logger = logging.getLogger(__name__)

SYSTEM_ACTOR = "system"


def record_audit(
    session: Session,
    action: AuditAction | str,
    customer_id: str | None,
    *,
    actor: str | None = None,
    detail: str | None = None,
) -> AuditEntry:
    """Add one audit entry and return it.

    Parameters
    ----------
    actor
        The staff username, or ``None`` for :data:`SYSTEM_ACTOR`.
    detail
        A short description without personal data, such as the fields changed.

    Raises
    ------
    ValueError
        If ``action`` is not an :class:`AuditAction` value.
    """
    try:
        action = AuditAction(action)
    except ValueError:
        accepted = ", ".join(member.value for member in AuditAction)
        raise ValueError(
            f"Invalid audit action {action!r}: expected one of {accepted}"
        ) from None
    entry = AuditEntry(
        occurred_at=datetime.now(),
        actor=actor or SYSTEM_ACTOR,
        action=action.value,
        customer_id=customer_id,
        detail=detail,
    )
    session.add(entry)
    session.flush()
    logger.debug("Audit: %s %s customer %s", entry.actor, action.value, customer_id)
    return entry


def list_audit(session: Session, *, customer_id: str | None = None) -> list[AuditEntry]:
    """Return audit entries oldest first, optionally of one customer only."""
    query = select(AuditEntry).order_by(AuditEntry.occurred_at, AuditEntry.id)
    if customer_id is not None:
        query = query.where(AuditEntry.customer_id == customer_id)
    return list(session.scalars(query))
