"""Generated sales files: the import stores them or fails clearly, never half way.

Rows mix plausible values with the edge cases a spreadsheet export can
produce (huge numbers, exponents, NUL characters, long ids, wrong field
counts), and some files are not CSV at all. A failed import must raise a
ValueError subclass and leave every table exactly as it was; a successful
one must store one purchase per kept row.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from recommender.online_retail import (
    REQUIRED_COLUMNS,
    import_transactions,
    load_online_retail,
)
from storage.schema import Customer, Event, EventKind, Product, Setting

# Examples per backend; each one imports into the same database.
EXAMPLES = 100


def mostly(values: list[str]) -> st.SearchStrategy[str]:
    """Draw one of ``values`` nine times in ten, and any short text otherwise.

    A row is kept only when all eight fields are valid, so the edge cases
    must sit among plausible values to reach the database at all.
    """
    return st.integers(min_value=0, max_value=9).flatmap(
        lambda draw: st.text(max_size=10) if draw == 0 else st.sampled_from(values)
    )


FIELDS = {
    "InvoiceNo": mostly(["536365", "536366", "536367", "C536379", "", "A" * 70]),
    "StockCode": mostly(["85123A", "71053", "22752", "POST", "gift_0001_20", "B" * 65]),
    "Description": mostly(["WHITE HEART", "", "Ä" * 250, "METAL\x00SIGN"]),
    "Quantity": mostly(["1", "6", "12", "0", "-3", "1e3", "2147483648", "9" * 30]),
    "InvoiceDate": mostly(["2010-12-01T08:26:00", "2010-12-01 08:26", "12/1/2010"]),
    "UnitPrice": mostly(
        ["2.55", "0.85", "0.001", "99999999.99", "1e8", "1e20", "-1", "NaN", "inf"]
    ),
    "CustomerID": mostly(["17850", "13047.0", "", "1e5", "1e100", "x"]),
    "Country": mostly(["United Kingdom", "France", "X" * 150, "Fr\x00ance"]),
}


@st.composite
def sales_files(draw) -> bytes:
    columns = list(REQUIRED_COLUMNS)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        columns.remove(draw(st.sampled_from(columns)))
    columns = draw(st.permutations(columns))
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(columns)
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        row = [draw(FIELDS[column]) for column in columns]
        if draw(st.integers(min_value=0, max_value=9)) == 0:
            row = row[: draw(st.integers(min_value=0, max_value=len(row)))]
        writer.writerow(row)
    data = stream.getvalue().encode("utf-8")
    form = draw(st.sampled_from(["plain", "plain", "gzip", "cut gzip", "bytes"]))
    if form == "gzip":
        return gzip.compress(data)
    if form == "cut gzip":
        return gzip.compress(data)[:-6]
    if form == "bytes":
        return draw(st.binary(max_size=200))
    return data


def snapshot(db) -> tuple:
    """Every row of the tables that an import writes, in a fixed order."""
    with db.session(readonly=True) as session:
        return (
            session.execute(select(Customer.__table__).order_by(Customer.id)).all(),
            session.execute(select(Product.__table__).order_by(Product.id)).all(),
            session.execute(select(Event.__table__).order_by(Event.id)).all(),
            session.execute(select(Setting.__table__).order_by(Setting.key)).all(),
        )


def stored_purchases(db, invoices: set[str]) -> int:
    with db.session(readonly=True) as session:
        query = select(func.count()).where(
            Event.kind == EventKind.PURCHASE, Event.reference.in_(sorted(invoices))
        )
        return session.scalar(query)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=sales_files())
def test_import_stores_all_or_nothing(db, tmp_path: Path, data: bytes):
    path = tmp_path / "sales.csv"
    path.write_bytes(data)
    before = snapshot(db)

    try:
        report = import_transactions(db, path)
    except ValueError as error:
        assert str(error)
        assert snapshot(db) == before
        return

    _report, rows = load_online_retail(path)
    invoices = {row.invoice_no for row in rows}
    assert report.total_rows == report.kept_rows + report.dropped_rows
    assert stored_purchases(db, invoices) == report.kept_rows
