"""Customer export and erasure with role checks, auditing and model refits."""

from datetime import datetime, timedelta

import pytest

from designer.privacy import erase_customer_data, export_customer_data
from recommender import knn
from storage.audit import list_audit
from storage.db import open_database
from storage.repositories import (
    bulk_insert_customers,
    bulk_insert_events,
    bulk_insert_products,
)
from storage.staff import RoleError, add_staff, sign_in

START = datetime(2026, 6, 1, 9, 0)
PASSWORD = "correct horse battery"


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'studio.db'}")
    purchases = [
        ("ada", "ring"),
        ("ada", "bangle"),
        ("bo", "ring"),
        ("bo", "bangle"),
        ("cy", "ring"),
    ]
    with database.session() as session:
        bulk_insert_customers(
            session,
            [
                {"id": c, "display_name": c.title(), "consent_profiling": True}
                for c in ("ada", "bo", "cy")
            ],
        )
        bulk_insert_products(
            session,
            [{"id": p, "name": p, "category": p} for p in ("ring", "bangle")],
        )
        bulk_insert_events(
            session,
            [
                {
                    "customer_id": c,
                    "product_id": p,
                    "kind": "purchase",
                    "occurred_at": START + timedelta(hours=i),
                }
                for i, (c, p) in enumerate(purchases)
            ],
        )
        add_staff(session, "li", "sales", PASSWORD)
        add_staff(session, "root", "administrator", PASSWORD)
    yield database
    knn.forget_model(database)
    database.dispose()


def test_erase_drops_fitted_model(db):
    knn.recommend(db, "cy")
    assert knn._models[db].model.knows("ada")

    erase_customer_data(db, "ada")

    assert db not in knn._models
    knn.recommend(db, "cy")
    assert not knn._models[db].model.knows("ada")
    assert knn._models[db].model.knows("bo")


def test_sales_may_export_not_erase(db):
    sales = sign_in(db, "li", PASSWORD)

    data = export_customer_data(db, "bo", staff=sales)
    with pytest.raises(RoleError, match="administrator"):
        erase_customer_data(db, "bo", staff=sales)

    assert data["customer"]["display_name"] == "Bo"
    with db.session(readonly=True) as session:
        entries = list_audit(session, customer_id="bo")
    assert [(e.actor, e.action) for e in entries] == [("li", "exported")]


def test_administrator_erasure_audited(db):
    administrator = sign_in(db, "root", PASSWORD)

    report = erase_customer_data(db, "bo", staff=administrator)

    assert report.deleted["events"] == 2
    with db.session(readonly=True) as session:
        entries = list_audit(session, customer_id="bo")
    assert [(e.actor, e.action) for e in entries] == [("root", "erased")]
