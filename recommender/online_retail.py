"""Read, clean and import sales files in the UCI Online Retail format.

A file is CSV, plain or gzip-compressed (recognised by its first two bytes),
with a header row that names at least these columns in any order::

    InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
    CustomerID, Country

``InvoiceDate`` is ISO 8601 local time. Cleaning drops each unusable row
under the first of these rules that it fails, in this order:

1. malformed: wrong number of fields, or a value that does not parse
   (the row is reported with its line number and skipped);
2. cancellation: ``InvoiceNo`` starts with ``C``;
3. missing customer: ``CustomerID`` is empty;
4. non-product: ``StockCode`` is a fee, postage or adjustment code
   (:data:`NON_PRODUCT_STOCK_CODES`, :data:`NON_PRODUCT_CODE_PREFIXES`);
5. non-positive: ``Quantity`` or ``UnitPrice`` is zero or negative;
6. duplicate: all eight values equal those of an earlier kept row.

After every row is read, each cancellation is matched to the purchases it
cancels: kept rows of the same customer and stock code dated no later than
the cancellation. A kept row whose quantity equals the cancelled quantity is
preferred, and otherwise the latest rows are reduced first. A purchase
cancelled in full is dropped as a cancelled original, one cancelled in part
keeps the quantity left, and a cancellation without such a purchase in the
file is counted as unmatched.

Importing writes customers, products and one purchase event per kept row.
A new import replaces the purchase events of every invoice that the file
contains, so importing the same file twice leaves one copy, and a corrected
file replaces the rows it corrects.
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from operator import itemgetter
from os import PathLike
from pathlib import Path
from typing import NamedTuple, TextIO

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from recommender.csv_rows import CsvRow, numbered_rows, width_problem
from storage.db import Database
from storage.repositories import (
    bulk_insert_customers,
    bulk_insert_events,
    bulk_insert_products,
    delete_events_by_reference,
    existing_customer_ids,
    product_sources,
)
from storage.schema import Customer, EventKind, Product, ProductSource

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = (
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
)

# Stock codes of lines that are not goods, compared in upper case. The
# descriptions in the Online Retail data show what each one is:
#   POST, DOT      postage, and postage of the dotcom shop
#   C2             carriage
#   M, D, B        manual correction, discount, bad-debt adjustment
#   S              samples
#   BANK CHARGES   bank fees
#   AMAZONFEE      marketplace fees
#   CRUK           charity commission
#   PADS           a filler line at 0.001 ("pads to match all cushions")
NON_PRODUCT_STOCK_CODES = frozenset(
    {
        "POST",
        "DOT",
        "C2",
        "M",
        "D",
        "S",
        "B",
        "BANK CHARGES",
        "AMAZONFEE",
        "CRUK",
        "PADS",
    }
)
# Stock code prefixes of non-goods, compared in upper case: gift vouchers
# such as "gift_0001_20".
NON_PRODUCT_CODE_PREFIXES = ("GIFT_",)

IMPORTED_CATEGORY = "uncategorised"

# Maximum malformed rows listed in a report. The count covers all of them.
MAX_MALFORMED_DETAILS = 1_000
# Malformed rows logged one by one before the rest are only counted.
MAX_MALFORMED_LOGGED = 10

# Largest quantity the events table stores: its column is a 32-bit INTEGER
# on PostgreSQL.
MAX_QUANTITY = 2**31 - 1
# Prices must be below this: the event value column is NUMERIC(12, 4),
# which leaves 8 digits before the decimal point.
PRICE_LIMIT = Decimal(10) ** 8

# Length limits of the id and text columns that an import writes.
MAX_ID_LENGTH = Product.__table__.c.id.type.length
MAX_NAME_LENGTH = Product.__table__.c.name.type.length
MAX_COUNTRY_LENGTH = Customer.__table__.c.country.type.length

_GZIP_MAGIC = b"\x1f\x8b"
_CENT = Decimal("0.01")


class TransactionFileError(ValueError):
    """A sales file that cannot be read at all."""


class MissingColumnsError(TransactionFileError):
    """A CSV file whose header lacks required columns.

    Attributes
    ----------
    missing
        The required column names that the header lacks, in the order of
        ``required``.
    required
        Every required column; :data:`REQUIRED_COLUMNS` for a sales file.
    """

    def __init__(
        self,
        path: Path,
        missing: Iterable[str],
        required: Iterable[str] = REQUIRED_COLUMNS,
    ) -> None:
        self.path = path
        self.missing = tuple(missing)
        self.required = tuple(required)
        super().__init__(
            f"{path} is missing the column(s) {', '.join(self.missing)}: the header "
            f"must name {', '.join(self.required)}"
        )


class Transaction(NamedTuple):
    """One kept sales row, parsed."""

    invoice_no: str
    stock_code: str
    description: str
    quantity: int
    invoice_date: datetime
    unit_price: Decimal
    customer_id: str
    country: str


@dataclass(frozen=True)
class MalformedRow:
    """A skipped row and the reason.

    ``line_number`` is the file line on which the row starts, counting the
    header as line 1. A quoted field with line breaks spans several lines.
    """

    line_number: int
    message: str


@dataclass
class CleanReport:
    """Row counts of one cleaning run.

    Every data row is counted once, under the first rule it fails, so
    ``total_rows`` equals ``dropped_rows + kept_rows``.

    Attributes
    ----------
    malformed
        Details of the first :data:`MAX_MALFORMED_DETAILS` malformed rows.
    cancelled_originals
        Purchases dropped because a cancellation cancelled them in full.
    reduced_originals
        Kept purchases whose quantity a partial cancellation lowered.
    unmatched_cancellations
        Cancellations with no earlier purchase of the same product by the
        same customer in the file.
    converted_values
        Parsed rows with a value converted to its type: a ``CustomerID``
        written as a float (``"17850.0"``) or an ``InvoiceDate`` whose UTC
        offset was dropped.
    customers, products
        Distinct customers and stock codes among the kept rows.
    replaced_events
        Purchase events of earlier imports deleted because the file contains
        their invoices; :func:`import_transactions` sets it.
    """

    total_rows: int = 0
    malformed_rows: int = 0
    cancellations: int = 0
    missing_customer: int = 0
    non_product: int = 0
    non_positive: int = 0
    duplicates: int = 0
    cancelled_originals: int = 0
    reduced_originals: int = 0
    unmatched_cancellations: int = 0
    converted_values: int = 0
    kept_rows: int = 0
    customers: int = 0
    products: int = 0
    malformed: list[MalformedRow] = field(default_factory=list)
    replaced_events: int = 0

    @property
    def dropped_rows(self) -> int:
        """Rows dropped by any rule, malformed rows included."""
        return (
            self.malformed_rows
            + self.cancellations
            + self.missing_customer
            + self.non_product
            + self.non_positive
            + self.duplicates
            + self.cancelled_originals
        )


def is_non_product(stock_code: str) -> bool:
    """Return whether ``stock_code`` marks a fee, postage or adjustment line."""
    code = stock_code.upper()
    return code in NON_PRODUCT_STOCK_CODES or code.startswith(NON_PRODUCT_CODE_PREFIXES)


def load_online_retail(
    path: str | PathLike[str],
) -> tuple[CleanReport, list[Transaction]]:
    """Read and clean a sales file.

    Parameters
    ----------
    path
        CSV file, plain or gzip-compressed.

    Returns
    -------
    tuple[CleanReport, list[Transaction]]
        The counts and the kept rows in file order.

    Raises
    ------
    MissingColumnsError
        If the header lacks a required column.
    TransactionFileError
        If the file is not UTF-8 text, its gzip stream is damaged, or it is
        named ``.gz`` without being gzip-compressed.
    FileNotFoundError
        If ``path`` does not exist.
    """
    path = Path(path)
    with open_csv_text(path) as stream:
        reader = csv.reader(stream)
        header = next(reader, [])
        cleaner = _Cleaner(_column_indexes(path, header), len(header))
        for row in numbered_rows(reader):
            if row.fields:
                cleaner.add(row)

    report = cleaner.finish()
    logger.info(
        "Cleaned %s: %s rows, %s kept, %s dropped",
        path,
        report.total_rows,
        report.kept_rows,
        report.dropped_rows,
    )
    return report, cleaner.kept


def import_transactions(
    db: Database, path: str | PathLike[str], *, consent_profiling: bool = False
) -> CleanReport:
    """Clean a sales file and store its customers, products and purchases.

    Everything is written in one transaction, so a failure leaves the
    database as it was. The transaction runs again when another kiosk
    holds the database lock (see :meth:`storage.db.Database.write`).
    Stored purchase events whose reference is one of the file's invoice
    numbers are replaced, which makes a repeated import add nothing.
    Customers that already exist are left unchanged. Products that already
    exist keep their row, except that imported ones take the new name and
    price.

    Parameters
    ----------
    db
        The migrated database.
    path
        CSV file, plain or gzip-compressed.
    consent_profiling
        Profiling consent recorded for new customers. Recommendations are
        personalised only for customers who consented, so pass ``True`` only
        when the file's customers agreed to it.

    Returns
    -------
    CleanReport
        The cleaning counts, with ``replaced_events`` set.

    Raises
    ------
    MissingColumnsError, TransactionFileError, FileNotFoundError
        As :func:`load_online_retail` raises them; nothing is written.
    """
    report, rows = load_online_retail(path)

    invoices = {row.invoice_no for row in rows}

    def store(session: Session) -> tuple[int, int, int, int]:
        new_customers = _insert_new_customers(session, rows, consent_profiling)
        new_products = _upsert_products(session, rows)
        replaced = delete_events_by_reference(
            session, invoices, kind=EventKind.PURCHASE
        )
        inserted = bulk_insert_events(session, _purchase_events(rows))
        return new_customers, new_products, replaced, inserted

    new_customers, new_products, report.replaced_events, inserted = db.write(
        store, description=f"import of {path}"
    )
    logger.info(
        "Imported %s: %s new customers, %s new products, %s purchases (replacing %s)",
        path,
        new_customers,
        new_products,
        inserted,
        report.replaced_events,
    )
    return report


@contextmanager
def open_csv_text(path: Path) -> Iterator[TextIO]:
    """Open a CSV file, plain or gzip-compressed, as UTF-8 text for ``csv``.

    Raises
    ------
    TransactionFileError
        If a file named ``.gz`` is not gzip-compressed, raised on opening.
        If the file is not UTF-8 text or its gzip stream is damaged, raised
        when the text is read.
    """
    with path.open("rb") as raw:
        compressed = raw.read(2) == _GZIP_MAGIC
        if path.suffix.lower() == ".gz" and not compressed:
            raise TransactionFileError(
                f"{path} is named .gz but is not a gzip file (it does not start "
                "with the gzip bytes 1f 8b): compress the CSV file with gzip, or "
                "remove .gz from the name of a plain CSV file"
            )
        raw.seek(0)
        binary = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        # utf-8-sig drops a byte order mark that spreadsheet exports add.
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        try:
            yield text
        except UnicodeDecodeError as error:
            raise TransactionFileError(
                f"{path} is not UTF-8 text ({error.reason}): export the file as "
                "UTF-8 CSV"
            ) from error
        except (EOFError, gzip.BadGzipFile) as error:
            raise TransactionFileError(
                f"{path} has a damaged gzip stream ({error}): compress it again"
            ) from error
        finally:
            text.close()


def _column_indexes(path: Path, header: list[str]) -> tuple[int, ...]:
    names = [name.strip() for name in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        raise MissingColumnsError(path, missing)
    return tuple(names.index(column) for column in REQUIRED_COLUMNS)


class _RowError(ValueError):
    pass


class _Cleaner:
    """Cleaning state of one file: the kept rows and the count of each drop."""

    def __init__(self, columns: tuple[int, ...], width: int) -> None:
        self.report = CleanReport()
        self._pick_columns = itemgetter(*columns)
        self._width = width
        self.kept: list[Transaction] = []
        self._seen: set[Transaction] = set()
        self._cancellations: list[Transaction] = []
        # Prices, dates and ids repeat across rows, so caching their parsed
        # values saves time and shares one object between equal values.
        self._prices: dict[str, Decimal] = {}
        self._dates: dict[str, tuple[datetime, bool]] = {}
        self._strings: dict[str, str] = {}

    def add(self, csv_row: CsvRow) -> None:
        fields = csv_row.fields
        report = self.report
        report.total_rows += 1
        try:
            problem = width_problem(csv_row, self._width)
            if problem is not None:
                raise _RowError(problem)
            if any("\x00" in text for text in fields):
                raise _RowError(
                    "contains a NUL character, which databases cannot store"
                )
            row, converted = self._parse(self._pick_columns(fields))
        except _RowError as error:
            self._record_malformed(csv_row.first_line, str(error))
            return

        report.converted_values += converted
        if row.invoice_no.upper().startswith("C"):
            report.cancellations += 1
            if row.customer_id:
                self._cancellations.append(row)
        elif not row.customer_id:
            report.missing_customer += 1
        elif is_non_product(row.stock_code):
            report.non_product += 1
        elif row.quantity <= 0 or row.unit_price <= 0:
            report.non_positive += 1
        elif row in self._seen:
            report.duplicates += 1
        else:
            self._seen.add(row)
            self.kept.append(row)

    def finish(self) -> CleanReport:
        report = self.report
        self._match_cancellations()
        report.kept_rows = len(self.kept)
        report.customers = len({row.customer_id for row in self.kept})
        report.products = len({row.stock_code for row in self.kept})
        if report.malformed_rows > MAX_MALFORMED_LOGGED:
            logger.warning(
                "Skipped %s malformed rows in all, %s more than logged",
                report.malformed_rows,
                report.malformed_rows - MAX_MALFORMED_LOGGED,
            )
        self._seen.clear()
        self._cancellations.clear()
        return report

    def _match_cancellations(self) -> None:
        report = self.report
        originals: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
        for position, row in enumerate(self.kept):
            originals[(row.customer_id, row.stock_code)].append(position)
        remaining = [row.quantity for row in self.kept]

        cancellations = sorted(self._cancellations, key=lambda row: row.invoice_date)
        for cancellation in cancellations:
            key = (cancellation.customer_id, cancellation.stock_code)
            candidates = [
                position
                for position in originals.get(key, ())
                if remaining[position] > 0
                and self.kept[position].invoice_date <= cancellation.invoice_date
            ]
            if not candidates:
                report.unmatched_cancellations += 1
                continue
            # Latest purchase first; file order breaks ties of equal dates.
            candidates.sort(key=lambda p: (self.kept[p].invoice_date, p), reverse=True)
            to_cancel = abs(cancellation.quantity)
            exact = [p for p in candidates if remaining[p] == to_cancel]
            for position in exact[:1] or candidates:
                taken = min(remaining[position], to_cancel)
                remaining[position] -= taken
                to_cancel -= taken
                if to_cancel == 0:
                    break

        kept: list[Transaction] = []
        for row, quantity in zip(self.kept, remaining, strict=True):
            if quantity == 0:
                report.cancelled_originals += 1
            elif quantity < row.quantity:
                report.reduced_originals += 1
                kept.append(row._replace(quantity=quantity))
            else:
                kept.append(row)
        self.kept = kept

    def _record_malformed(self, line: int, message: str) -> None:
        report = self.report
        report.malformed_rows += 1
        if len(report.malformed) < MAX_MALFORMED_DETAILS:
            report.malformed.append(MalformedRow(line, message))
        if report.malformed_rows <= MAX_MALFORMED_LOGGED:
            logger.warning("Skipped malformed row on line %s: %s", line, message)

    def _parse(self, values: tuple[str, ...]) -> tuple[Transaction, bool]:
        """Return the parsed row and whether a value needed a type conversion."""
        invoice, code, description, quantity, date, price, customer, country = map(
            str.strip, values
        )
        _check_identifier("InvoiceNo", invoice)
        _check_identifier("StockCode", code)
        invoice_date, offset_dropped = self._parse_date(date)
        customer_id = self._parse_customer(customer)
        row = Transaction(
            invoice_no=self._shared(invoice),
            stock_code=self._shared(code),
            description=self._shared(description),
            quantity=_parse_quantity(quantity),
            invoice_date=invoice_date,
            unit_price=self._parse_price(price),
            customer_id=customer_id,
            country=self._shared(country),
        )
        return row, offset_dropped or customer_id != customer

    def _shared(self, text: str) -> str:
        return self._strings.setdefault(text, text)

    def _parse_price(self, text: str) -> Decimal:
        price = self._prices.get(text)
        if price is None:
            try:
                price = Decimal(text)
            except InvalidOperation:
                raise _RowError(f"UnitPrice {text!r} is not a number") from None
            if not price.is_finite():
                raise _RowError(f"UnitPrice {text!r} is not a finite number")
            if abs(price) >= PRICE_LIMIT:
                raise _RowError(
                    f"UnitPrice {text!r} is not below the limit of {PRICE_LIMIT:,} "
                    "that prices must stay under"
                )
            self._prices[text] = price
        return price

    def _parse_date(self, text: str) -> tuple[datetime, bool]:
        """Return the local time and whether a UTC offset was dropped."""
        parsed = self._dates.get(text)
        if parsed is None:
            try:
                date = datetime.fromisoformat(text)
            except ValueError:
                raise _RowError(
                    f"InvoiceDate {text!r} is not an ISO 8601 date and time"
                ) from None
            # Sales times are local wall-clock times, so an offset is dropped.
            parsed = (date.replace(tzinfo=None), date.tzinfo is not None)
            self._dates[text] = parsed
        return parsed

    def _parse_customer(self, text: str) -> str:
        if not text:
            return text
        _check_identifier("CustomerID", text)
        if text.isdigit():
            return self._shared(text)
        # Spreadsheet exports write ids as floats, for example "17850.0".
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral():
            raise _RowError(f"CustomerID {text!r} is not a whole number")
        if number.adjusted() >= MAX_ID_LENGTH:
            raise _RowError(
                f"CustomerID {text!r} has more than the {MAX_ID_LENGTH} digits that "
                "ids may have"
            )
        return self._shared(str(int(number)))


def _check_identifier(column: str, text: str) -> None:
    if not text:
        raise _RowError(f"{column} is empty")
    if len(text) > MAX_ID_LENGTH:
        raise _RowError(
            f"{column} {text[:20]!r}... has {len(text)} characters, more than "
            f"the {MAX_ID_LENGTH} that ids may have"
        )


def _parse_quantity(text: str) -> int:
    try:
        quantity = int(text)
    except ValueError:
        raise _RowError(f"Quantity {text!r} is not a whole number") from None
    if abs(quantity) > MAX_QUANTITY:
        raise _RowError(f"Quantity {text[:20]!r} is outside ±{MAX_QUANTITY:,}")
    return quantity


def _insert_new_customers(
    session: Session, rows: list[Transaction], consent_profiling: bool
) -> int:
    countries: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        countries[row.customer_id][row.country] += 1

    existing = existing_customer_ids(session, countries)
    new_rows = [
        {
            "id": customer_id,
            "display_name": f"Customer {customer_id}",
            "country": _most_common(counts)[:MAX_COUNTRY_LENGTH] or None,
            "consent_profiling": consent_profiling,
        }
        for customer_id, counts in sorted(countries.items())
        if customer_id not in existing
    ]
    return bulk_insert_customers(session, new_rows)


def _upsert_products(session: Session, rows: list[Transaction]) -> int:
    names: defaultdict[str, Counter[str]] = defaultdict(Counter)
    prices: defaultdict[str, Counter[Decimal]] = defaultdict(Counter)
    for row in rows:
        names[row.stock_code][row.description] += 1
        prices[row.stock_code][row.unit_price] += 1

    products = [
        {
            "id": code,
            "name": (_most_common(names[code], skip_empty=True) or code)[
                :MAX_NAME_LENGTH
            ],
            "unit_price": _usual_price(prices[code]),
        }
        for code in sorted(names)
    ]
    sources = product_sources(session, names)
    new_rows = [
        {**product, "category": IMPORTED_CATEGORY, "source": ProductSource.IMPORT.value}
        for product in products
        if product["id"] not in sources
    ]
    # Catalog products keep their own name and price, and products from
    # earlier imports take the new ones.
    updates = [
        {
            "product_id": product["id"],
            "name": product["name"],
            "price": product["unit_price"],
        }
        for product in products
        if sources.get(product["id"]) == ProductSource.IMPORT.value
    ]
    if updates:
        table = Product.__table__
        statement = (
            update(table)
            .where(table.c.id == bindparam("product_id"))
            .values(name=bindparam("name"), unit_price=bindparam("price"))
        )
        session.execute(statement, updates)
    return bulk_insert_products(session, new_rows)


def _purchase_events(rows: list[Transaction]) -> Iterator[dict[str, object]]:
    purchase = EventKind.PURCHASE.value
    for row in rows:
        yield {
            "customer_id": row.customer_id,
            "product_id": row.stock_code,
            "kind": purchase,
            "quantity": row.quantity,
            "value": row.unit_price,
            "occurred_at": row.invoice_date,
            "reference": row.invoice_no,
        }


def _most_common(counts: Counter[str], *, skip_empty: bool = False) -> str:
    """Return the most frequent text, the alphabetically first among ties."""
    candidates = [(-count, text) for text, count in counts.items()]
    if skip_empty:
        candidates = [item for item in candidates if item[1]]
    return min(candidates)[1] if candidates else ""


def _usual_price(counts: Counter[Decimal]) -> Decimal:
    """Return the most frequent price, the lowest among ties, in whole cents.

    Prices round half up to the cent, because the product price column has
    two decimal places; the exact price stays on each purchase event.
    """
    _count, price = min((-count, price) for price, count in counts.items())
    return price.quantize(_CENT, rounding=ROUND_HALF_UP)
