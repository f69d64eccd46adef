"""Sales staff finding, registering and viewing customers, with the audit log."""

from datetime import datetime

import pytest

from designer.customers import (
    export_campaign_file,
    find_customers,
    register_customer,
    view_customer_profile,
)
from recommender.segments import refit_segments
from storage.audit import list_audit
from storage.repositories import get_customer
from storage.staff import RoleError, sign_in
from tests.staff import PASSWORD, add_staff_accounts

WHEN = datetime(2026, 12, 4, 11, 30)


@pytest.fixture
def staff(studio_db):
    add_staff_accounts(studio_db)
    return {
        "sales": sign_in(studio_db, "ana", PASSWORD),
        "designer": sign_in(studio_db, "dee", PASSWORD),
    }


def _register_mei(db, sales):
    return register_customer(
        db,
        "Mei Lin",
        email="mei.lin@example.com",
        phone="+44 20 7946 0123",
        consent_profiling=True,
        consent_marketing=False,
        staff=sales,
        at=WHEN,
    )


def test_register_records_consents(studio_db, staff):
    mei = _register_mei(studio_db, staff["sales"])

    assert mei.id == "C-000001"
    with studio_db.session(readonly=True) as session:
        stored = get_customer(session, mei.id)
        assert stored.display_name == "Mei Lin"
        assert stored.consent_profiling is True
        assert stored.consent_marketing is False
        assert stored.consent_profiling_at == WHEN
        assert stored.consent_marketing_at == WHEN
        assert stored.consent_source == "staff"
        entries = list_audit(session, customer_id=mei.id)
    assert [e.actor for e in entries] == ["ana", "ana"]
    assert [e.detail for e in entries] == ["registered", "consent"]


def test_register_numbers_customers(studio_db, staff):
    first = _register_mei(studio_db, staff["sales"])
    second = register_customer(
        studio_db,
        "Tom Price",
        consent_profiling=False,
        consent_marketing=False,
        staff=staff["sales"],
    )
    assert (first.id, second.id) == ("C-000001", "C-000002")


def test_register_rejects_bad_input(studio_db, staff):
    with pytest.raises(ValueError, match="Missing customer name"):
        register_customer(
            studio_db,
            "  ",
            consent_profiling=False,
            consent_marketing=False,
            staff=staff["sales"],
        )
    with pytest.raises(ValueError, match="'mei.example.com'.*name@domain.tld"):
        register_customer(
            studio_db,
            "Mei Lin",
            email="mei.example.com",
            consent_profiling=False,
            consent_marketing=False,
            staff=staff["sales"],
        )


def test_find_by_name_email_phone(studio_db, staff):
    sales = staff["sales"]
    mei = _register_mei(studio_db, sales)

    def found(text):
        return [match.id for match in find_customers(studio_db, text, staff=sales)]

    assert found("mei lin") == [mei.id]
    assert found("MEI.LIN@EXAMPLE") == [mei.id]
    assert found("020 7946 0123") == [mei.id]
    assert found("garcia") == ["demo-05"]
    assert found("nobody like this") == []
    assert found("  ") == []


def test_search_results_audited_without_text(studio_db, staff):
    find_customers(studio_db, "garcia", staff=staff["sales"])
    find_customers(studio_db, "nobody like this", staff=staff["sales"])
    with studio_db.session(readonly=True) as session:
        entries = [e for e in list_audit(session) if e.detail == "search result"]
    assert [(e.customer_id, e.actor, e.action) for e in entries] == [
        ("demo-05", "ana", "viewed")
    ]
    assert "garcia" not in entries[0].detail


def test_designer_cannot_find_customers(studio_db, staff):
    with pytest.raises(RoleError, match="role designer"):
        find_customers(studio_db, "demo", staff=staff["designer"])
    with pytest.raises(RoleError, match="role designer"):
        view_customer_profile(studio_db, "demo", staff=staff["designer"])


def test_profile_view_audited_by_name(studio_db, staff):
    profile = view_customer_profile(studio_db, "demo-01", staff=staff["sales"])

    assert profile.display_name == "Amara Okafor"
    with studio_db.session(readonly=True) as session:
        entries = list_audit(session, customer_id="demo-01")
    assert [(e.actor, e.action, e.detail) for e in entries] == [
        ("ana", "viewed", "profile")
    ]


def test_campaign_export_audited_by_name(studio_db, staff, tmp_path):
    fit = refit_segments(studio_db)
    segment_id = fit.segments[0].id
    path = tmp_path / "campaign.csv"

    with pytest.raises(RoleError, match="role designer"):
        export_campaign_file(studio_db, segment_id, path, staff=staff["designer"])
    assert not path.exists()
    written = export_campaign_file(studio_db, segment_id, path, staff=staff["sales"])

    with studio_db.session(readonly=True) as session:
        exports = [e for e in list_audit(session) if e.action == "exported"]
    assert written > 0
    assert len(exports) == written
    assert {e.actor for e in exports} == {"ana"}
    assert {e.detail for e in exports} == {f"campaign file of segment {segment_id}"}
