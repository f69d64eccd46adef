"""Wedding band orders of customers in segments, for option-value suggestions.

Segment "Classic" ordered platinum bands and segment "Modern" sterling
silver ones, with one titanium band. Segment "Gift" ordered a single white
gold band, fewer than a segment needs for suggestions of its own. Nina, who
did not consent to profiling, ordered rose gold bands that must never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from designer import orders
from designer.order_design import freeze_design
from designer.session import DesignSession
from designer.store import StoreSettings
from storage.order_schema import OrderState
from storage.profiles import SegmentAssignment, replace_segments
from storage.schema import Customer

MODEL_ID = "ring-band"
NOW = datetime(2026, 11, 2, 10, 0)

# Customer id, consent to profiling, segment label and metals ordered.
CUSTOMERS = (
    ("classic-1", True, "Classic", ("platinum_950", "platinum_950")),
    ("classic-2", True, "Classic", ("platinum_950", "platinum_950")),
    ("classic-3", True, "Classic", ("platinum_950",)),
    ("modern-1", True, "Modern", ("silver_925", "silver_925")),
    ("modern-2", True, "Modern", ("silver_925", "silver_925")),
    ("modern-3", True, "Modern", ("silver_925", "titanium")),
    ("gift-1", True, "Gift", ("gold_18k_white",)),
    ("nina", False, None, ("gold_18k_rose",) * 6),
)


@dataclass(frozen=True)
class PlacedOrders:
    """Segment ids by label and the id of the cancelled order."""

    segment_ids: dict[str, int]
    cancelled_order: str


def freeze_band(catalog, metal: str):
    """Return a valid wedding band in ``metal``, frozen for an order."""
    session = DesignSession(catalog.get(MODEL_ID))
    session.set_value("metal", metal)
    assert session.orderable, metal
    return freeze_design(session, StoreSettings())


def place_segment_orders(database, catalog) -> PlacedOrders:
    """Store the customers, their segments and their orders.

    Besides the orders in :data:`CUSTOMERS`, "classic-1" has a cancelled
    yellow gold order, which must not count either.
    """
    metals = {metal for *_, ordered in CUSTOMERS for metal in ordered}
    frozen = {metal: freeze_band(catalog, metal) for metal in metals}
    frozen["gold_18k_yellow"] = freeze_band(catalog, "gold_18k_yellow")
    labels = sorted({label for _, _, label, _ in CUSTOMERS if label})
    with database.session() as session:
        for customer_id, consent, _, _ in CUSTOMERS:
            session.add(
                Customer(
                    id=customer_id,
                    display_name=customer_id.title(),
                    consent_profiling=consent,
                )
            )
        session.flush()
        assignments = [
            SegmentAssignment(
                None,
                label,
                {"orders": 1.0},
                [c for c, _, segment, _ in CUSTOMERS if segment == label],
            )
            for label in labels
        ]
        ids = replace_segments(
            session, assignments, fitted_at=NOW, fit_summary={"fitted_at": str(NOW)}
        )
        for customer_id, _, _, ordered in CUSTOMERS:
            for metal in ordered:
                orders.place_order(session, customer_id, frozen[metal], "ana", now=NOW)
        cancelled = orders.place_order(
            session, "classic-1", frozen["gold_18k_yellow"], "ana", now=NOW
        )
        orders.transition(session, cancelled.id, OrderState.CANCELLED, "ana")
    return PlacedOrders(dict(zip(labels, ids, strict=True)), cancelled.id)
