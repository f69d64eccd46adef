"""Factory status files: idempotent import, quarantine and staff review."""

from __future__ import annotations

import json
import os
from datetime import datetime

import pytest
from sqlalchemy import func, select

from designer import factory_status, orders
from storage.order_schema import (
    FactoryUpdate,
    OrderState,
    OrderTransition,
    QuarantinedUpdate,
)

S = OrderState
# Time at which the test orders are placed and paid, before the factory records.
PLACED = datetime(2025, 3, 1, 9, 0)
HEADER = "order_id,status,timestamp,note,qc_result,attachment"


@pytest.fixture
def paid_order(studio_db, frozen_examples):
    """A ring order placed and paid at ``PLACED``, ready for production."""
    ring = frozen_examples["ring-band"]
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", ring, "ana", now=PLACED)
        orders.record_payment(
            session,
            order.id,
            "balance",
            ring.price.total,
            "card",
            "ana",
            received_at=PLACED,
        )
        orders.transition(session, order.id, S.PAID, "ana", occurred_at=PLACED)
        return order.id


def _write_csv(folder, name, rows):
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _table_counts(database):
    with database.session(readonly=True) as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (FactoryUpdate, QuarantinedUpdate, OrderTransition)
        }


def _state(database, order_id):
    with database.session(readonly=True) as session:
        return orders.get_order(session, order_id).state


def test_csv_moves_order_through_factory(studio_db, paid_order, tmp_path):
    path = _write_csv(
        tmp_path,
        "status.csv",
        [
            f"{paid_order},shipped,2025-03-09T16:30:00,DHL 123,passed,",
            f"{paid_order},in_production,2025-03-02T09:00:00,casting,,",
            f"{paid_order},quality_check,2025-03-08T10:00:00,,,",
        ],
    )
    report = factory_status.apply_status_path(studio_db, path)
    assert (report.applied, report.ignored, report.quarantined) == (3, 0, 0)
    assert _state(studio_db, paid_order) == S.SHIPPED
    with studio_db.session(readonly=True) as session:
        rows = session.scalars(
            select(OrderTransition)
            .where(OrderTransition.actor == "factory")
            .order_by(OrderTransition.id)
        ).all()
    assert [row.to_state for row in rows] == [
        "in_production",
        "quality_check",
        "shipped",
    ]
    assert rows[0].occurred_at == datetime(2025, 3, 2, 9, 0)
    assert rows[0].source == "status.csv:3"
    assert rows[2].note == "DHL 123"
    again = factory_status.apply_status_path(studio_db, path)
    assert (again.applied, again.ignored, again.quarantined) == (0, 3, 0)


def test_same_file_twice_changes_nothing(studio_db, paid_order, tmp_path):
    path = _write_csv(
        tmp_path,
        "status.csv",
        [
            f"{paid_order},in_production,2025-03-02T09:00:00,,,",
            "A-999999,in_production,2025-03-02T09:00:00,,,",
            f"{paid_order},delivered,2025-03-03T09:00:00,,,",
        ],
    )
    first = factory_status.apply_status_path(studio_db, path)
    counts = _table_counts(studio_db)
    second = factory_status.apply_status_path(studio_db, path)
    assert (first.applied, first.ignored, first.quarantined) == (1, 0, 2)
    assert (second.applied, second.ignored, second.quarantined) == (0, 1, 0)
    assert second.already_quarantined == 2
    assert _table_counts(studio_db) == counts
    assert _state(studio_db, paid_order) == S.IN_PRODUCTION


def test_record_sent_again_applies_once_it_can(studio_db, paid_order, tmp_path):
    early = f"{paid_order},quality_check,2025-03-03T09:00:00,,,"
    path = _write_csv(tmp_path, "early.csv", [early])
    first = factory_status.apply_status_path(studio_db, path)
    assert first.quarantined == 1
    moved = _write_csv(
        tmp_path, "moved.csv", [f"{paid_order},in_production,2025-03-02T09:00:00,,,"]
    )
    assert factory_status.apply_status_path(studio_db, moved).applied == 1

    again = factory_status.apply_status_path(studio_db, path)

    assert (again.applied, again.already_quarantined) == (1, 0)
    assert _state(studio_db, paid_order) == S.QUALITY_CHECK
    with studio_db.session(readonly=True) as session:
        entries = factory_status.list_quarantine(session, include_resolved=True)
    assert [entry.resolution for entry in entries] == ["applied"]


def test_dismissed_record_counts_as_ignored(studio_db, paid_order, tmp_path):
    path = _write_csv(
        tmp_path,
        "status.csv",
        [
            "A-999999,in_production,2025-03-02T09:00:00,,,",
            "A-888888,in_production,2025-03-02T09:00:00,,,",
        ],
    )
    factory_status.apply_status_path(studio_db, path)
    with studio_db.session() as session:
        entry = factory_status.list_quarantine(session)[0]
        factory_status.dismiss_quarantined(session, entry.id, "ana", "test order")

    again = factory_status.apply_status_path(studio_db, path)

    assert (again.applied, again.ignored, again.quarantined) == (0, 1, 0)
    assert again.already_quarantined == 1


def test_json_file_with_offsets(studio_db, paid_order, tmp_path):
    path = tmp_path / "status.json"
    updates = [
        {
            "order_id": paid_order,
            "status": "in production",
            "timestamp": "2025-03-02T08:00:00Z",
            "note": "started",
        }
    ]
    path.write_text(
        json.dumps({"format": "atelier-factory-status/1", "updates": updates}),
        encoding="utf-8",
    )
    report = factory_status.apply_status_path(studio_db, path)
    assert report.applied == 1
    with studio_db.session(readonly=True) as session:
        row = session.scalars(
            select(OrderTransition).where(OrderTransition.to_state == "in_production")
        ).one()
    expected = datetime.fromisoformat("2025-03-02T08:00:00+00:00").astimezone()
    assert row.occurred_at == expected.replace(tzinfo=None)


def test_report_of_current_state_is_ignored(studio_db, paid_order, tmp_path):
    with studio_db.session() as session:
        orders.transition(session, paid_order, S.IN_PRODUCTION, "ana")
    path = _write_csv(
        tmp_path, "s.csv", [f"{paid_order},in_production,2025-03-02T09:00:00,,,"]
    )
    report = factory_status.apply_status_path(studio_db, path)
    assert (report.applied, report.ignored, report.quarantined) == (0, 1, 0)


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("A-999999,in_production,2025-03-02T09:00:00,,,", "'A-999999' not found"),
        ("{order},shipped,2025-03-02T09:00:00,,passed,", "from paid to shipped"),
        ("{order},in_production,yesterday,,,", "is not ISO 8601"),
        ("{order},teleported,2025-03-02T09:00:00,,,", "'teleported' is unknown"),
        ("{order},paid,2025-03-02T09:00:00,,,", "cannot come from the factory"),
        ("{order},in_production,2025-03-02T09:00:00,,maybe,", "qc_result 'maybe'"),
        (",in_production,2025-03-02T09:00:00,,,", "missing order_id"),
        ("{order},in_production,2025-03-02T09:00:00,,,/etc/passwd", "absolute path"),
        ("{order},in_production,2025-03-02T09:00:00,,,../secret.pdf", "outside"),
        ("{order},in_production,2025-03-02T09:00:00,,,qc/missing.pdf", "not found"),
        ("{order},in_production,2025-03-02T09:00:00," + "n" * 2001 + ",,", "2001"),
    ],
)
def test_bad_records_are_quarantined(studio_db, paid_order, tmp_path, row, fragment):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 outside")
    path = _write_csv(folder, "s.csv", [row.format(order=paid_order)])
    report = factory_status.apply_status_path(studio_db, path)
    assert report.quarantined == 1
    assert report.applied == 0
    with studio_db.session(readonly=True) as session:
        entries = factory_status.list_quarantine(session)
    assert len(entries) == 1
    assert fragment in entries[0].reason
    assert entries[0].source == "s.csv:2"
    assert _state(studio_db, paid_order) == S.PAID


def test_attachment_inside_folder_is_hashed(studio_db, paid_order, tmp_path):
    (tmp_path / "qc").mkdir()
    (tmp_path / "qc" / "report.pdf").write_bytes(b"%PDF-1.4 report")
    path = _write_csv(
        tmp_path,
        "s.csv",
        [f"{paid_order},in_production,2025-03-02T09:00:00,,,qc/report.pdf"],
    )
    assert factory_status.apply_status_path(studio_db, path).applied == 1
    with studio_db.session(readonly=True) as session:
        update = session.scalars(select(FactoryUpdate)).one()
    assert update.attachment == "qc/report.pdf"
    assert len(update.attachment_sha256) == 64


def test_linked_file_outside_folder_quarantined(studio_db, paid_order, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = _write_csv(
        tmp_path, "elsewhere.csv", [f"{paid_order},in_production,2025-03-02T09:00,,,"]
    )
    os.symlink(outside, inbox / "linked.csv")
    report = factory_status.apply_status_path(studio_db, inbox)
    assert report.quarantined == 1
    assert report.applied == 0
    assert "outside the folder" in report.reasons[0]


def test_deeply_nested_file_applies_nothing(studio_db, tmp_path):
    path = tmp_path / "nested.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(factory_status.StatusFileError, match="more deeply"):
        factory_status.apply_status_path(studio_db, path)


def test_unreadable_file_applies_nothing(studio_db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"updates": [', encoding="utf-8")
    with pytest.raises(factory_status.StatusFileError, match="not valid JSON"):
        factory_status.apply_status_path(studio_db, path)
    header = tmp_path / "header.csv"
    header.write_text("order,state\nA-000001,shipped\n", encoding="utf-8")
    with pytest.raises(factory_status.StatusFileError, match="lacks order_id"):
        factory_status.apply_status_path(studio_db, header)
    assert _table_counts(studio_db)["status_quarantine"] == 0


def test_retry_applies_once_order_can_move(studio_db, paid_order, tmp_path):
    path = _write_csv(
        tmp_path, "s.csv", [f"{paid_order},quality_check,2025-03-05T09:00:00,,,"]
    )
    assert factory_status.apply_status_path(studio_db, path).quarantined == 1
    with studio_db.session() as session:
        entry = factory_status.list_quarantine(session)[0]
        assert not factory_status.retry_quarantined(session, entry.id, "ana")
        orders.transition(
            session,
            paid_order,
            S.IN_PRODUCTION,
            "ana",
            occurred_at=datetime(2025, 3, 4, 9, 0),
        )
        assert factory_status.retry_quarantined(session, entry.id, "ana")
        assert orders.get_order(session, paid_order).state == S.QUALITY_CHECK
        assert factory_status.list_quarantine(session) == []
    again = factory_status.apply_status_path(studio_db, path)
    assert (again.applied, again.ignored, again.quarantined) == (0, 1, 0)


def test_dismiss_needs_note(studio_db, tmp_path):
    path = _write_csv(tmp_path, "s.csv", ["A-999999,shipped,2025-03-05T09:00:00,,,"])
    factory_status.apply_status_path(studio_db, path)
    with studio_db.session() as session:
        entry = factory_status.list_quarantine(session)[0]
        with pytest.raises(orders.OrderError, match="requires a note"):
            factory_status.dismiss_quarantined(session, entry.id, "ana", " ")
        factory_status.dismiss_quarantined(session, entry.id, "ana", "test order")
        assert factory_status.list_quarantine(session) == []
        kept = factory_status.list_quarantine(session, include_resolved=True)
    assert kept[0].resolution == "dismissed"
    assert kept[0].resolution_note == "test order"


def test_broken_file_in_folder_spares_the_others(studio_db, paid_order, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1_broken.json").write_text("{", encoding="utf-8")
    _write_csv(inbox, "2_good.csv", [f"{paid_order},in_production,2025-03-02T09:00,,,"])

    report = factory_status.apply_status_path(studio_db, inbox)

    assert report.applied == 1
    assert len(report.rejected_files) == 1
    assert "1_broken.json" in str(report.rejected_files[0])
    assert _state(studio_db, paid_order) == OrderState.IN_PRODUCTION


def test_folder_named_like_file_rejected(studio_db, paid_order, tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "sub.json").mkdir(parents=True)

    report = factory_status.apply_status_path(studio_db, inbox)

    (rejected,) = report.rejected_files
    assert "sub.json" in str(rejected)
    assert "it is a folder, not a file" in str(rejected)


def test_overlong_status_path_rejected(studio_db):
    path = f"/tmp/{'y' * 300}.json"

    with pytest.raises(factory_status.StatusFileError, match="too long") as caught:
        factory_status.apply_status_path(studio_db, path)

    assert "y" * 300 in str(caught.value)


def _quarantine_reasons(database):
    with database.session(readonly=True) as session:
        return [entry.reason for entry in factory_status.list_quarantine(session)]


def test_record_before_last_change_quarantined(studio_db, paid_order, tmp_path):
    path = _write_csv(
        tmp_path, "s.csv", [f"{paid_order},in_production,2025-02-28T09:00:00,,,"]
    )

    report = factory_status.apply_status_path(studio_db, path)

    assert (report.applied, report.quarantined) == (0, 1)
    reason = _quarantine_reasons(studio_db)[0]
    assert "timestamp 2025-02-28 09:00:00" in reason
    assert "last state change at 2025-03-01 09:00:00" in reason
    assert "correct the timestamp" in reason
    assert _state(studio_db, paid_order) == S.PAID


def test_old_file_for_new_order_changes_nothing(studio_db, frozen_examples, tmp_path):
    ring = frozen_examples["ring-band"]
    created = datetime(2026, 12, 5, 10, 0)
    with studio_db.session() as session:
        order = orders.place_order(session, "demo", ring, "ana", now=created)
        orders.record_payment(
            session,
            order.id,
            "balance",
            ring.price.total,
            "card",
            "ana",
            received_at=created,
        )
        orders.transition(session, order.id, S.PAID, "ana", occurred_at=created)
    path = _write_csv(
        tmp_path,
        "s.csv",
        [
            f"{order.id},in_production,2025-03-02T09:00:00,,,",
            f"{order.id},quality_check,2025-03-08T10:00:00,,,",
            f"{order.id},shipped,2025-03-09T16:30:00,DHL 123,passed,",
        ],
    )

    report = factory_status.apply_status_path(
        studio_db, path, now=datetime(2026, 12, 5, 12, 0)
    )

    assert (report.applied, report.quarantined) == (0, 3)
    assert _state(studio_db, order.id) == S.PAID
    with studio_db.session(readonly=True) as session:
        history = orders.order_history(session, order.id)
    assert all(entry.at >= created for entry in history)
    assert all(entry.actor != "factory" for entry in history)


@pytest.mark.parametrize(
    ("timestamp", "applied"),
    [
        ("2025-03-11T11:00:00", 1),
        ("2025-03-11T13:00:00", 0),
        ("2099-01-01T00:00:00", 0),
    ],
)
def test_future_record_quarantined(studio_db, paid_order, tmp_path, timestamp, applied):
    now = datetime(2025, 3, 10, 12, 0)
    path = _write_csv(tmp_path, "s.csv", [f"{paid_order},in_production,{timestamp},,,"])

    report = factory_status.apply_status_path(studio_db, path, now=now)

    assert report.applied == applied
    assert report.quarantined == 1 - applied
    if not applied:
        reason = _quarantine_reasons(studio_db)[0]
        assert f"timestamp {timestamp.replace('T', ' ')}" in reason
        assert "the current time 2025-03-10 12:00:00" in reason
        assert "correct the timestamp" in reason
        assert _state(studio_db, paid_order) == S.PAID


def test_retry_checks_timestamp_against_now(studio_db, paid_order, tmp_path):
    path = _write_csv(
        tmp_path, "s.csv", [f"{paid_order},in_production,2025-03-20T09:00:00,,,"]
    )
    early = datetime(2025, 3, 10, 12, 0)
    assert factory_status.apply_status_path(studio_db, path, now=early).quarantined
    with studio_db.session() as session:
        entry = factory_status.list_quarantine(session)[0]
        assert not factory_status.retry_quarantined(session, entry.id, "ana", now=early)
        assert "current time 2025-03-10 12:00:00" in entry.reason
        later = datetime(2025, 3, 20, 12, 0)
        assert factory_status.retry_quarantined(session, entry.id, "ana", now=later)
    assert _state(studio_db, paid_order) == S.IN_PRODUCTION


def _write_json(folder, updates):
    path = folder / "status.json"
    path.write_text(
        json.dumps({"format": "atelier-factory-status/1", "updates": updates}),
        encoding="utf-8",
    )
    return path


def test_json_null_reads_as_absent(studio_db, paid_order, tmp_path):
    path = _write_json(
        tmp_path,
        [
            {
                "order_id": paid_order,
                "status": "in_production",
                "timestamp": "2025-03-02T09:00:00",
                "note": None,
                "qc_result": None,
                "attachment": None,
            }
        ],
    )

    report = factory_status.apply_status_path(studio_db, path)

    assert (report.applied, report.quarantined) == (1, 0)
    with studio_db.session(readonly=True) as session:
        row = session.scalars(
            select(OrderTransition).where(OrderTransition.actor == "factory")
        ).one()
        update = session.scalars(select(FactoryUpdate)).one()
    assert row.note == ""
    assert row.qc_result is None
    assert update.attachment is None


def test_json_null_required_field_missing(studio_db, paid_order, tmp_path):
    path = _write_json(
        tmp_path,
        [{"order_id": None, "status": "shipped", "timestamp": "2025-03-02T09:00"}],
    )

    report = factory_status.apply_status_path(studio_db, path)

    assert report.quarantined == 1
    assert _quarantine_reasons(studio_db) == ["missing order_id"]


@pytest.mark.parametrize(
    ("qc_result", "fragment"),
    [
        (None, "needs the QC result 'passed', and none was given"),
        ("failed", "needs the QC result 'passed', not 'failed'"),
    ],
)
def test_shipping_without_passed_qc(
    studio_db, paid_order, tmp_path, qc_result, fragment
):
    with studio_db.session() as session:
        for state in (S.IN_PRODUCTION, S.QUALITY_CHECK):
            orders.transition(session, paid_order, state, "ana", occurred_at=PLACED)
    record = {
        "order_id": paid_order,
        "status": "shipped",
        "timestamp": "2025-03-09T16:30:00",
        "qc_result": qc_result,
    }
    path = _write_json(tmp_path, [record])

    report = factory_status.apply_status_path(studio_db, path)

    assert report.quarantined == 1
    reason = _quarantine_reasons(studio_db)[0]
    assert fragment in reason
    assert "None" not in reason
    assert _state(studio_db, paid_order) == S.QUALITY_CHECK
