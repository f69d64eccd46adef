"""Cleaning and importing sales files in the Online Retail format."""

import gzip
import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from recommender.knn import recommend
from recommender.online_retail import (
    MissingColumnsError,
    TransactionFileError,
    import_transactions,
    is_non_product,
    load_online_retail,
)
from storage import repositories as repo
from storage.schema import Customer, Event, Product

HEADER = (
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
)

# One row of every kind. Each comment gives the file line and the outcome.
ROWS = [
    # 2 kept
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01T08:26:00,2.55,"
    "17850,United Kingdom",
    # 3 kept
    "536365,71053,WHITE METAL LANTERN,6,2010-12-01T08:26:00,3.39,17850,United Kingdom",
    # 4 duplicate of line 2
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01T08:26:00,2.55,"
    "17850,United Kingdom",
    # 5 cancellation of one of the six units of line 2
    "C536379,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-1,2010-12-01T09:41:00,2.55,"
    "17850,United Kingdom",
    # 6 missing customer
    "536380,22423,REGENCY CAKESTAND 3 TIER,1,2010-12-01T09:45:00,12.75,,United Kingdom",
    # 7 non-product: postage
    "536381,POST,POSTAGE,1,2010-12-01T09:50:00,18.00,12583,France",
    # 8 non-product: gift voucher
    "536381,gift_0001_20,Dotcomgiftshop Gift Voucher,1,2010-12-01T09:50:00,17.02,"
    "12583,France",
    # 9 zero quantity
    "536382,22423,REGENCY CAKESTAND 3 TIER,0,2010-12-01T10:00:00,12.75,12583,France",
    # 10 zero price
    "536383,22423,REGENCY CAKESTAND 3 TIER,2,2010-12-01T10:05:00,0.00,12583,France",
    # 11 malformed quantity
    "536384,22423,REGENCY CAKESTAND 3 TIER,two,2010-12-01T10:10:00,12.75,12583,France",
    # 12 malformed date
    "536385,22423,REGENCY CAKESTAND 3 TIER,2,yesterday,12.75,12583,France",
    # 13 kept, with the id written as a float by a spreadsheet
    "536386,22423,REGENCY CAKESTAND 3 TIER,2,2010-12-02T10:00:00,12.75,12583.0,France",
    # 14 kept, with a comma in the quoted description
    '536387,84029G,"KNITTED UNION FLAG HOT WATER BOTTLE, RED",3,2010-12-02T11:00:00,'
    "3.39,13047,United Kingdom",
    # 15 malformed: too few fields
    "536388,85123A,WHITE HANGING HEART T-LIGHT HOLDER,12",
    # 16 kept, the product of line 2 bought by another customer at 2.95
    "536389,85123A,WHITE HANGING HEART T-LIGHT HOLDER,12,2010-12-03T08:00:00,2.95,"
    "13047,United Kingdom",
    # 17 malformed customer id
    "536390,85123A,WHITE HANGING HEART T-LIGHT HOLDER,1,2010-12-03T09:00:00,2.55,"
    "ABC,United Kingdom",
    # 18 malformed price
    "536391,85123A,WHITE HANGING HEART T-LIGHT HOLDER,1,2010-12-03T09:00:00,cheap,"
    "13047,United Kingdom",
]

EXPECTED_COUNTS = {
    "total_rows": 17,
    "malformed_rows": 5,
    "cancellations": 1,
    "missing_customer": 1,
    "non_product": 2,
    "non_positive": 2,
    "duplicates": 1,
    "cancelled_originals": 0,
    "reduced_originals": 1,
    "unmatched_cancellations": 0,
    "converted_values": 1,
    "kept_rows": 5,
    "customers": 3,
    "products": 4,
}


def _write(path: Path, lines: list[str], *, compressed: bool = False) -> Path:
    text = "\n".join(lines) + "\n"
    if compressed:
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(params=["plain", "gzip"])
def sales_file(request, tmp_path: Path) -> Path:
    compressed = request.param == "gzip"
    # The name hides the compression, which is recognised from the content.
    return _write(tmp_path / "sales.csv", [HEADER, *ROWS], compressed=compressed)


def _counts(report) -> dict[str, int]:
    return {name: getattr(report, name) for name in EXPECTED_COUNTS}


def _snapshot(db) -> dict[str, list[tuple]]:
    with db.session(readonly=True) as session:
        return {
            "customers": session.execute(
                select(Customer.id, Customer.country).order_by(Customer.id)
            ).all(),
            "products": session.execute(
                select(Product.id, Product.name, Product.unit_price).order_by(
                    Product.id
                )
            ).all(),
            "events": session.execute(
                select(
                    Event.customer_id,
                    Event.product_id,
                    Event.quantity,
                    Event.value,
                    Event.reference,
                ).order_by(Event.reference, Event.product_id)
            ).all(),
        }


def test_load_counts_every_rule(sales_file):
    report, rows = load_online_retail(sales_file)

    assert _counts(report) == EXPECTED_COUNTS
    assert report.dropped_rows + report.kept_rows == report.total_rows
    assert len(rows) == report.kept_rows


def test_load_parses_kept_rows(sales_file):
    _report, rows = load_online_retail(sales_file)

    assert [row.invoice_no for row in rows] == [
        "536365",
        "536365",
        "536386",
        "536387",
        "536389",
    ]
    first = rows[0]
    # Six bought, one cancelled on line 5.
    assert first.quantity == 5
    assert first.unit_price == Decimal("2.55")
    assert first.invoice_date == datetime(2010, 12, 1, 8, 26)
    assert rows[2].customer_id == "12583"
    assert rows[3].description == "KNITTED UNION FLAG HOT WATER BOTTLE, RED"


CANCELLATION_ROWS = {
    "bought_twice": [
        "100,A1,MUG,4,2011-01-01T10:00:00,2.00,500,France",
        "101,A1,MUG,2,2011-01-02T10:00:00,2.00,500,France",
    ],
    "other_product": ["102,B2,VASE,1,2011-01-02T11:00:00,5.00,500,France"],
    "other_customer": ["103,A1,MUG,2,2011-01-02T12:00:00,2.00,600,Spain"],
}


def _cancellation_report(tmp_path: Path, cancellations: list[str]):
    rows = [row for group in CANCELLATION_ROWS.values() for row in group]
    path = _write(tmp_path / "sales.csv", [HEADER, *rows, *cancellations])
    return load_online_retail(path)


def test_cancellation_drops_exact_original(tmp_path: Path):
    report, rows = _cancellation_report(
        tmp_path, ["C200,A1,MUG,-4,2011-01-03T10:00:00,2.00,500,France"]
    )

    # The four-unit purchase matches exactly, though a later one exists.
    assert report.cancellations == 1
    assert report.cancelled_originals == 1
    assert report.reduced_originals == 0
    assert [(row.invoice_no, row.quantity) for row in rows] == [
        ("101", 2),
        ("102", 1),
        ("103", 2),
    ]
    assert report.total_rows == report.dropped_rows + report.kept_rows


def test_cancellation_reduces_latest_first(tmp_path: Path):
    report, rows = _cancellation_report(
        tmp_path, ["C200,A1,MUG,-3,2011-01-03T10:00:00,2.00,500,France"]
    )

    # Two units from the latest purchase, one from the earlier.
    assert report.cancelled_originals == 1
    assert report.reduced_originals == 1
    assert [(row.invoice_no, row.quantity) for row in rows] == [
        ("100", 3),
        ("102", 1),
        ("103", 2),
    ]


def test_cancellation_before_purchase_unmatched(tmp_path: Path):
    report, rows = _cancellation_report(
        tmp_path, ["C200,A1,MUG,-4,2010-12-31T10:00:00,2.00,500,France"]
    )

    assert report.unmatched_cancellations == 1
    assert report.cancelled_originals == 0
    assert len(rows) == 4


def test_cancellation_matches_only_own_purchases(tmp_path: Path):
    report, rows = _cancellation_report(
        tmp_path, ["C200,B2,VASE,-1,2011-01-03T10:00:00,5.00,600,Spain"]
    )

    # Customer 600 never bought the vase that customer 500 bought.
    assert report.unmatched_cancellations == 1
    assert len(rows) == 4


def test_load_reports_malformed_lines(sales_file):
    report, _rows = load_online_retail(sales_file)

    lines = [row.line_number for row in report.malformed]
    messages = [row.message for row in report.malformed]
    assert lines == [11, 12, 15, 17, 18]
    assert "Quantity 'two'" in messages[0]
    assert "InvoiceDate 'yesterday'" in messages[1]
    assert "expected 8 fields, found 4" in messages[2]
    assert "CustomerID 'ABC'" in messages[3]
    assert "UnitPrice 'cheap'" in messages[4]


def test_unclosed_quote_names_its_first_line(tmp_path: Path):
    good = "540001,22633,MUG,1,2011-01-05T10:00:00,1.25,12583,France"
    broken = '540002,22634,"HAND WARMER,2,2011-01-05T10:00:00,1.85,12583,France'
    path = _write(tmp_path / "quote.csv", [HEADER, good, broken, good, good])

    report, _rows = load_online_retail(path)

    assert [row.line_number for row in report.malformed] == [3]
    message = report.malformed[0].message
    assert "runs on to line 5" in message
    assert "quote" in message


def test_quoted_line_break_is_one_row(tmp_path: Path):
    row = '540001,22633,"MUG\nWITH HANDLE",1,2011-01-05T10:00:00,1.25,12583,France'
    path = _write(tmp_path / "multi.csv", [HEADER, row, "bad,row"])

    report, rows = load_online_retail(path)

    assert len(rows) == 1
    assert [bad.line_number for bad in report.malformed] == [4]


def test_load_rejects_long_stock_code(tmp_path: Path):
    long_code = "X" * 65
    path = _write(
        tmp_path / "long.csv",
        [HEADER, f"540001,{long_code},MUG,1,2011-01-05T10:00:00,1.25,12583,France"],
    )

    report, rows = load_online_retail(path)

    assert rows == []
    assert report.malformed_rows == 1
    assert "StockCode 'XXXXXXXXXXXXXXXXXXXX'... has 65 characters" in (
        report.malformed[0].message
    )


def test_damaged_gzip_rejected(tmp_path: Path):
    text = (HEADER + "\n" + ROWS[0] + "\n") * 50
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8"))[:-30])

    with pytest.raises(TransactionFileError, match="damaged gzip stream"):
        load_online_retail(path)


def test_gz_name_without_gzip_rejected(tmp_path: Path):
    path = _write(tmp_path / "sales.csv.gz", [HEADER, ROWS[0]])

    with pytest.raises(TransactionFileError) as caught:
        load_online_retail(path)

    assert str(caught.value).startswith(f"{path} is named .gz but is not a gzip file")
    assert "missing the column" not in str(caught.value)


def test_load_accepts_reordered_columns(tmp_path: Path):
    path = _write(
        tmp_path / "reordered.csv",
        [
            "Country,CustomerID,UnitPrice,InvoiceDate,Quantity,Description,"
            "StockCode,InvoiceNo,Note",
            "France,12583,1.25,2011-01-05T10:00:00,4,PAPER CHAIN,22086,540001,x",
        ],
    )

    report, rows = load_online_retail(path)

    assert report.kept_rows == 1
    assert rows[0].stock_code == "22086"
    assert rows[0].invoice_no == "540001"


def test_missing_columns_named(tmp_path: Path):
    path = _write(
        tmp_path / "partial.csv",
        ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,CustomerID"],
    )

    with pytest.raises(MissingColumnsError) as caught:
        load_online_retail(path)

    assert caught.value.missing == ("UnitPrice", "Country")
    assert "UnitPrice, Country" in str(caught.value)


def test_empty_file_misses_all_columns(tmp_path: Path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")

    with pytest.raises(MissingColumnsError) as caught:
        load_online_retail(path)

    assert len(caught.value.missing) == 8


def test_non_utf8_file_rejected(tmp_path: Path):
    path = tmp_path / "latin1.csv"
    row = "536365,21000,CAFÉ MUG,1,2010-12-01T08:26:00,1.25,17850,France\n"
    path.write_bytes((HEADER + "\n" + row).encode("latin-1"))

    with pytest.raises(TransactionFileError, match="not UTF-8 text"):
        load_online_retail(path)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("POST", True),
        ("m", True),
        ("BANK CHARGES", True),
        ("gift_0001_50", True),
        ("85123A", False),
        ("DCGSSGIRL", False),
    ],
)
def test_is_non_product(code, expected):
    assert is_non_product(code) is expected


def test_import_writes_rows(db, sales_file):
    report = import_transactions(db, sales_file)

    assert _counts(report) == EXPECTED_COUNTS
    assert report.replaced_events == 0
    with db.session(readonly=True) as session:
        customer = repo.get_customer(session, "17850")
        lamp = repo.get_product(session, "85123A")
        bottle = repo.get_product(session, "84029G")
        purchases = repo.events_for_customer(session, "13047")
        assert repo.count_rows(session, Customer) == 3
        assert repo.count_rows(session, Product) == 4
        assert repo.count_rows(session, Event) == 5

    assert customer.display_name == "Customer 17850"
    assert customer.country == "United Kingdom"
    assert customer.consent_profiling is False
    assert lamp.source == "import"
    # Prices 2.55 and 2.95 occur once each, and the lower one wins the tie.
    assert lamp.unit_price == Decimal("2.55")
    assert bottle.name == "KNITTED UNION FLAG HOT WATER BOTTLE, RED"
    assert [(e.kind, e.reference, e.quantity) for e in purchases] == [
        ("purchase", "536387", 3),
        ("purchase", "536389", 12),
    ]
    assert purchases[1].value == Decimal("2.95")
    assert purchases[1].occurred_at == datetime(2010, 12, 3, 8, 0)


def test_import_records_consent(db, sales_file):
    import_transactions(db, sales_file, consent_profiling=True)

    with db.session(readonly=True) as session:
        assert repo.get_customer(session, "12583").consent_profiling is True


def test_reimport_adds_nothing(db, sales_file):
    import_transactions(db, sales_file)
    before = _snapshot(db)

    report = import_transactions(db, sales_file)

    assert report.replaced_events == 5
    assert _snapshot(db) == before


def test_reimport_replaces_corrected_invoice(db, tmp_path: Path):
    original = _write(tmp_path / "v1.csv", [HEADER, ROWS[0], ROWS[1], ROWS[11]])
    corrected_row = ROWS[1].replace(",6,", ",8,")
    corrected = _write(tmp_path / "v2.csv", [HEADER, ROWS[0], corrected_row])
    import_transactions(db, original)

    import_transactions(db, corrected)

    with db.session(readonly=True) as session:
        quantities = {
            (e.reference, e.product_id): e.quantity
            for e in session.scalars(select(Event))
        }
    assert quantities == {
        ("536365", "85123A"): 6,
        ("536365", "71053"): 8,
        ("536386", "22423"): 2,
    }


def test_import_keeps_catalog_product(db, tmp_path: Path):
    with db.session() as session:
        repo.bulk_insert_products(
            session, [{"id": "22423", "name": "Cake stand", "category": "kitchen"}]
        )
    path = _write(tmp_path / "sales.csv", [HEADER, ROWS[11]])

    import_transactions(db, path)

    with db.session(readonly=True) as session:
        product = repo.get_product(session, "22423")
        assert repo.count_rows(session, Event) == 1
    assert product.name == "Cake stand"
    assert product.source == "catalog"


def test_failed_import_changes_nothing(db, db_path: Path, sales_file, tmp_path: Path):
    import_transactions(db, sales_file)
    before = _snapshot(db)
    # A trigger makes the database reject the last event of the next import,
    # after its customers, products and deletions have been written.
    connection = sqlite3.connect(db_path)
    connection.execute(
        "CREATE TRIGGER reject_lantern BEFORE INSERT ON events "
        "WHEN NEW.product_id = '71053' AND NEW.quantity = 9 "
        "BEGIN SELECT RAISE(ABORT, 'rejected by test trigger'); END"
    )
    connection.commit()
    connection.close()
    changed = _write(
        tmp_path / "changed.csv",
        [
            HEADER,
            "540000,99999,NEW LAMP,1,2011-01-04T10:00:00,4.25,19999,Norway",
            ROWS[0],
            ROWS[1].replace(",6,", ",9,"),
        ],
    )

    with pytest.raises(IntegrityError, match="rejected by test trigger"):
        import_transactions(db, changed)

    assert _snapshot(db) == before


def test_missing_columns_import_changes_nothing(db, sales_file, tmp_path: Path):
    import_transactions(db, sales_file)
    before = _snapshot(db)
    broken = _write(tmp_path / "broken.csv", ["InvoiceNo,StockCode"])

    with pytest.raises(MissingColumnsError):
        import_transactions(db, broken)

    assert _snapshot(db) == before


REAL_FILE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "online-retail"
    / "online_retail.csv.gz"
)


def test_real_file_import_and_suggestions(db):
    report = import_transactions(db, REAL_FILE, consent_profiling=True)

    assert report.total_rows == 541_909
    assert report.malformed_rows == 0
    assert report.cancellations == 9_288
    assert report.missing_customer == 134_697
    assert report.non_product == 1_554
    assert report.non_positive == 33
    assert report.duplicates == 5_187
    assert report.cancelled_originals == 3_027
    assert report.reduced_originals == 4_281
    assert report.unmatched_cancellations == 1_425
    assert report.kept_rows == 388_123
    assert report.customers == 4_324
    assert report.products == 3_645
    with db.session(readonly=True) as session:
        assert repo.count_rows(session, Event) == report.kept_rows
        assert repo.count_rows(session, Customer) == report.customers

    suggestions = recommend(db, "17850")

    assert len(suggestions) == 10
    assert {s.kind for s in suggestions} <= {"similar_customers", "similar_products"}
    with db.session(readonly=True) as session:
        bought = repo.customer_product_ids(session, "17850")
    assert bought.isdisjoint(s.product_id for s in suggestions)
