"""Importing customer events from a generic CSV file."""

import gzip
import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from recommender.event_import import import_events
from recommender.online_retail import MissingColumnsError
from storage import repositories as repo
from storage.schema import Event

HEADER = "customer,product,kind,quantity,value,timestamp,text"

# Each comment gives the file line and the outcome.
ROWS = [
    # 2 kept
    "ana,ring,view,,,2024-03-01T10:00:00,",
    # 3 kept: a search without a product
    "ana,,search,,,2024-03-01T10:01:00,gold band",
    # 4 kept: quantity "2.0" converted to 2
    "ana,ring,purchase,2.0,450.00,2024-03-01T10:05:00,",
    # 5 kept: kind in capitals, offset dropped
    "ana,ring,RATING,,4,2024-03-01T10:06:00+01:00,",
    # 6 kept
    'ana,ring,review,,,2024-03-01T10:07:00,"Lovely, and it fits"',
    # 7 duplicate of line 2
    "ana,ring,view,,,2024-03-01T10:00:00,",
    # 8 malformed: unknown kind
    "ana,ring,wish,,,2024-03-01T10:08:00,",
    # 9 malformed: rating out of range
    "ana,ring,rating,,9,2024-03-01T10:09:00,",
    # 10 malformed: review without text
    "ana,ring,review,,,2024-03-01T10:10:00,",
    # 11 malformed: bad timestamp
    "ana,ring,view,,,next tuesday,",
    # 12 malformed: a view needs a product
    "ana,,view,,,2024-03-01T10:11:00,",
    # 13 malformed: zero quantity
    "ana,ring,cart,0,,2024-03-01T10:12:00,",
    # 14 unknown customer
    "zed,ring,view,,,2024-03-01T10:13:00,",
    # 15 unknown product
    "ana,sofa,view,,,2024-03-01T10:14:00,",
    # 16 no profiling consent
    "bo,ring,view,,,2024-03-01T10:15:00,",
    # 17 malformed: too few fields
    "ana,ring,view",
]


@pytest.fixture
def shop(db):
    with db.session() as session:
        repo.bulk_insert_customers(
            session,
            [
                {"id": "ana", "display_name": "Ana", "consent_profiling": True},
                {"id": "bo", "display_name": "Bo"},
            ],
        )
        repo.bulk_insert_products(
            session, [{"id": "ring", "name": "Band", "category": "ring"}]
        )
    return db


def _write(path: Path, lines: list[str], *, compressed: bool = False) -> Path:
    text = "\n".join(lines) + "\n"
    if compressed:
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("compressed", [False, True])
def test_import_counts_every_row(shop, tmp_path, compressed):
    path = _write(tmp_path / "events.csv", [HEADER, *ROWS], compressed=compressed)

    report = import_events(shop, path)

    assert report.total_rows == 16
    assert report.imported == 5
    assert report.duplicates == 1
    assert report.malformed_rows == 7
    assert report.unknown_customer == 1
    assert report.unknown_product == 1
    assert report.no_consent == 1
    assert report.converted_values == 2
    assert report.defaulted_quantities == 4
    assert report.total_rows == report.imported + report.skipped_rows


def test_import_reports_lines_in_order(shop, tmp_path):
    path = _write(tmp_path / "events.csv", [HEADER, *ROWS])

    report = import_events(shop, path)

    lines = [problem.line_number for problem in report.problems]
    assert lines == [8, 9, 10, 11, 12, 13, 14, 15, 17]
    messages = {problem.line_number: problem.message for problem in report.problems}
    assert "'wish' is not one of view" in messages[8]
    assert "from 1 to 5" in messages[9]
    assert "needs its text" in messages[10]
    assert "ISO 8601" in messages[11]
    assert "product is empty" in messages[12]
    assert "at least 1" in messages[13]
    assert "customer 'zed' not found" in messages[14]
    assert "product 'sofa' not found" in messages[15]
    assert "expected 7 fields, found 3" in messages[17]


def test_import_stores_values(shop, tmp_path):
    path = _write(tmp_path / "events.csv", [HEADER, *ROWS])

    import_events(shop, path)

    with shop.session(readonly=True) as session:
        events = session.scalars(select(Event).order_by(Event.occurred_at)).all()
        bo_events = repo.events_for_customer(session, "bo")
    assert [e.kind for e in events] == [
        "view",
        "search",
        "purchase",
        "rating",
        "review",
    ]
    assert events[1].product_id is None
    assert events[1].text == "gold band"
    assert (events[2].quantity, events[2].value) == (2, Decimal("450.00"))
    assert events[3].occurred_at == datetime(2024, 3, 1, 10, 6)
    assert events[4].text == "Lovely, and it fits"
    assert bo_events == []


def test_import_without_text_column(shop, tmp_path):
    path = _write(
        tmp_path / "events.csv",
        [
            "timestamp,kind,customer,product,quantity,value",
            "2024-03-01T10:00:00,view,ana,ring,1,",
            "2024-03-01T10:01:00,review,ana,ring,1,",
        ],
    )

    report = import_events(shop, path)

    assert report.imported == 1
    assert report.malformed_rows == 1


def test_missing_columns_named(shop, tmp_path):
    path = _write(tmp_path / "events.csv", ["customer,kind,when", "ana,view,x"])

    with pytest.raises(MissingColumnsError) as caught:
        import_events(shop, path)

    assert caught.value.missing == ("product", "quantity", "value", "timestamp")
    assert "product, quantity, value, timestamp" in str(caught.value)
    with shop.session(readonly=True) as session:
        assert repo.count_rows(session, Event) == 0


def test_import_is_one_transaction(shop, db_path, tmp_path):
    connection = sqlite3.connect(db_path)
    connection.execute(
        "CREATE TRIGGER reject_review BEFORE INSERT ON events "
        "WHEN NEW.kind = 'review' "
        "BEGIN SELECT RAISE(ABORT, 'rejected by test trigger'); END"
    )
    connection.commit()
    connection.close()
    path = _write(tmp_path / "events.csv", [HEADER, *ROWS])

    with pytest.raises(IntegrityError, match="rejected by test trigger"):
        import_events(shop, path)

    with shop.session(readonly=True) as session:
        assert repo.count_rows(session, Event) == 0
