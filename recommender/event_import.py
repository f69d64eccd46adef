"""Import customer events from a generic CSV file.

The file is CSV, plain or gzip-compressed, whose header names these columns
in any order (``text`` may be left out)::

    customer, product, kind, quantity, value, timestamp[, text]

``kind`` is one of ``view, search, favourite, cart, purchase, rating,
review, saved_design``. An empty ``quantity`` means 1. ``value`` is the unit
price of a purchase, the rating of a rating (1 to 5) or the signed change of
a cart event. ``timestamp`` is ISO 8601 local time. ``text`` holds the
search text, the review or the saved design's reference.

Each row is checked on its own. A malformed row, or one that names an
unknown customer or product, is reported with its line number and skipped.
Rows of customers who have not consented to profiling are skipped and
counted, because the studio keeps no behaviour of those customers. All kept
rows are written in one transaction.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from os import PathLike
from pathlib import Path
from typing import Any

from sqlalchemy import select

from recommender.csv_rows import numbered_rows, width_problem
from recommender.online_retail import (
    MAX_ID_LENGTH,
    MAX_MALFORMED_DETAILS,
    MalformedRow,
    MissingColumnsError,
    open_csv_text,
)
from storage.db import Database
from storage.repositories import IN_LIST_SIZE, batched, bulk_insert_events
from storage.schema import (
    PRODUCTLESS_EVENT_KINDS,
    TEXT_EVENT_KINDS,
    Customer,
    EventKind,
    Product,
)

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("customer", "product", "kind", "quantity", "value", "timestamp")


@dataclass
class EventImportReport:
    """Row counts of one event import.

    Every data row is counted once, so ``total_rows`` equals
    ``imported + skipped_rows``.

    Attributes
    ----------
    problems
        Line number and reason of the first :data:`MAX_MALFORMED_DETAILS`
        rows that were malformed or named an unknown customer or product.
    converted_values
        Kept rows in which a value was converted to its column's type: a
        whole number written with a decimal point (``"2.0"``), a kind
        written in other letter case, or a timestamp whose UTC offset was
        dropped.
    defaulted_quantities
        Kept rows whose empty quantity was taken as 1.
    """

    total_rows: int = 0
    malformed_rows: int = 0
    unknown_customer: int = 0
    unknown_product: int = 0
    no_consent: int = 0
    duplicates: int = 0
    imported: int = 0
    converted_values: int = 0
    defaulted_quantities: int = 0
    problems: list[MalformedRow] = field(default_factory=list)

    @property
    def skipped_rows(self) -> int:
        """Rows not imported, for any reason."""
        return (
            self.malformed_rows
            + self.unknown_customer
            + self.unknown_product
            + self.no_consent
            + self.duplicates
        )


class _RowError(ValueError):
    pass


@dataclass(frozen=True)
class _ParsedRow:
    line: int
    values: tuple[Any, ...]
    converted: bool
    defaulted_quantity: bool

    @property
    def customer_id(self) -> str:
        return self.values[0]

    @property
    def product_id(self) -> str | None:
        return self.values[1]


def import_events(db: Database, path: str | PathLike[str]) -> EventImportReport:
    """Check every row of an event file and store the usable ones.

    Parameters
    ----------
    db
        The migrated database.
    path
        CSV file, plain or gzip-compressed.

    Returns
    -------
    EventImportReport
        What was imported and why other rows were skipped.

    Raises
    ------
    MissingColumnsError
        If the header lacks a required column; nothing is written.
    TransactionFileError
        If the file is not UTF-8 text, its gzip stream is damaged, or it is
        named ``.gz`` without being gzip-compressed.
    FileNotFoundError
        If ``path`` does not exist.
    """
    path = Path(path)
    report = EventImportReport()
    parsed = _read_rows(path, report)

    with db.session() as session:
        consent = _customer_consent(session, {row.customer_id for row in parsed})
        products = _existing_products(
            session, {row.product_id for row in parsed if row.product_id}
        )
        kept = _check_references(parsed, consent, products, report)
        # Problems stay in file order, whichever check found them.
        report.problems.sort(key=lambda problem: problem.line_number)
        report.imported = bulk_insert_events(session, (_event(row) for row in kept))
        report.converted_values = sum(row.converted for row in kept)
        report.defaulted_quantities = sum(row.defaulted_quantity for row in kept)

    logger.info(
        "Imported %s events from %s, skipped %s of %s rows",
        report.imported,
        path,
        report.skipped_rows,
        report.total_rows,
    )
    return report


def _read_rows(path: Path, report: EventImportReport) -> list[_ParsedRow]:
    with open_csv_text(path) as stream:
        reader = csv.reader(stream)
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise MissingColumnsError(path, missing, REQUIRED_COLUMNS)
        columns = [header.index(c) for c in REQUIRED_COLUMNS]
        text_column = header.index("text") if "text" in header else None

        parsed: list[_ParsedRow] = []
        seen: set[tuple[Any, ...]] = set()
        for csv_row in numbered_rows(reader):
            fields = csv_row.fields
            if not fields:
                continue
            report.total_rows += 1
            try:
                problem = width_problem(csv_row, len(header))
                if problem is not None:
                    raise _RowError(problem)
                row = _parse(fields, columns, text_column, csv_row.first_line)
            except _RowError as error:
                report.malformed_rows += 1
                _note_problem(report, csv_row.first_line, str(error))
                continue
            if row.values in seen:
                report.duplicates += 1
                continue
            seen.add(row.values)
            parsed.append(row)
    return parsed


def _parse(
    fields: list[str], columns: list[int], text_column: int | None, line: int
) -> _ParsedRow:
    customer, product, kind_text, quantity_text, value_text, timestamp = (
        fields[index].strip() for index in columns
    )
    text = fields[text_column].strip() if text_column is not None else ""
    converted = False

    _check_id("customer", customer, required=True)
    kind_name = kind_text.lower()
    try:
        kind = EventKind(kind_name)
    except ValueError:
        accepted = ", ".join(member.value for member in EventKind)
        raise _RowError(f"kind {kind_text!r} is not one of {accepted}") from None
    converted |= kind_name != kind_text
    _check_id("product", product, required=kind not in PRODUCTLESS_EVENT_KINDS)

    defaulted = not quantity_text
    quantity, quantity_converted = (1, False) if defaulted else _whole(quantity_text)
    converted |= quantity_converted
    if quantity <= 0:
        raise _RowError(f"quantity {quantity_text!r} must be at least 1")

    value = _decimal(value_text)
    if kind is EventKind.RATING and (value is None or not 1 <= value <= 5):
        raise _RowError(f"rating value {value_text!r} must be a number from 1 to 5")
    if kind in TEXT_EVENT_KINDS and not text:
        raise _RowError(f"a {kind.value} row needs its text in the text column")

    occurred_at, offset_dropped = _timestamp(timestamp)
    converted |= offset_dropped
    values = (
        customer,
        product or None,
        kind.value,
        quantity,
        value,
        occurred_at,
        text or None,
    )
    return _ParsedRow(line, values, converted, defaulted)


def _check_id(column: str, text: str, *, required: bool) -> None:
    if required and not text:
        raise _RowError(f"{column} is empty")
    if len(text) > MAX_ID_LENGTH:
        raise _RowError(
            f"{column} {text[:20]!r}... has {len(text)} characters, more than "
            f"the {MAX_ID_LENGTH} that ids may have"
        )


def _whole(text: str) -> tuple[int, bool]:
    try:
        return int(text), False
    except ValueError:
        pass
    number = _decimal(text)
    if number is None or number != number.to_integral_value():
        raise _RowError(f"quantity {text!r} is not a whole number")
    return int(number), True


def _decimal(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _RowError(f"value {text!r} is not a number") from None
    if not number.is_finite():
        raise _RowError(f"value {text!r} is not a finite number")
    return number


def _timestamp(text: str) -> tuple[datetime, bool]:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _RowError(
            f"timestamp {text!r} is not an ISO 8601 date and time"
        ) from None
    # Event times are local wall-clock times, as elsewhere in the studio.
    return moment.replace(tzinfo=None), moment.tzinfo is not None


def _customer_consent(session, customer_ids: set[str]) -> dict[str, bool]:
    consent: dict[str, bool] = {}
    for chunk in batched(sorted(customer_ids), IN_LIST_SIZE):
        query = select(Customer.id, Customer.consent_profiling).where(
            Customer.id.in_(chunk)
        )
        consent.update((cid, bool(flag)) for cid, flag in session.execute(query))
    return consent


def _existing_products(session, product_ids: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in batched(sorted(product_ids), IN_LIST_SIZE):
        found.update(session.scalars(select(Product.id).where(Product.id.in_(chunk))))
    return found


def _check_references(
    rows: list[_ParsedRow],
    consent: dict[str, bool],
    products: set[str],
    report: EventImportReport,
) -> list[_ParsedRow]:
    kept = []
    for row in rows:
        if row.customer_id not in consent:
            report.unknown_customer += 1
            _note_problem(report, row.line, f"customer {row.customer_id!r} not found")
        elif row.product_id is not None and row.product_id not in products:
            report.unknown_product += 1
            _note_problem(report, row.line, f"product {row.product_id!r} not found")
        elif not consent[row.customer_id]:
            report.no_consent += 1
        else:
            kept.append(row)
    return kept


def _note_problem(report: EventImportReport, line: int, message: str) -> None:
    if len(report.problems) < MAX_MALFORMED_DETAILS:
        report.problems.append(MalformedRow(line, message))


def _event(row: _ParsedRow) -> dict[str, Any]:
    customer, product, kind, quantity, value, occurred_at, text = row.values
    return {
        "customer_id": customer,
        "product_id": product,
        "kind": kind,
        "quantity": quantity,
        "value": value,
        "occurred_at": occurred_at,
        "reference": None,
        "text": text,
    }
