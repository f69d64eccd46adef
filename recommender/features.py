"""Customer features for profiles and segments, as a numeric matrix.

Only customers who consented to profiling get a row, and only their events
are read. Each row has three groups of named columns:

* **behaviour**: ``recency_days`` (days from the last event, or from
  registration without events, to the reference time), ``tenure_days``
  (from the first event or registration, whichever is earlier),
  ``frequency`` (distinct orders: purchase references, or purchase days for
  purchases without one), ``monetary`` (sum of quantity times unit price),
  ``average_order_value``, ``sessions`` (runs of events at most
  :data:`SESSION_GAP` apart), ``events``, one count per event kind
  (``views``, ``searches``, ``favourites``, ``cart_adds``,
  ``cart_removals``, ``purchases``, ``ratings``, ``reviews``,
  ``saved_designs``) and ``mean_rating`` (0 without ratings);
* **demographic**: one-hot ``age_band_*``, ``gender_*`` and ``region_*``
  columns, with an ``unknown`` column for customers who did not say;
* **interest**: the share of the customer's interest weight
  (:data:`INTEREST_WEIGHTS`) that falls on each product family
  (``family_share_*``), category (``category_share_*``), material
  (``material_share_*``) and price band (``price_share_low``, ``_mid``,
  ``_high``: the lower, middle and upper third of product prices).

Ratings count once per customer and product: the latest one. Cleaning
choices are counted in :class:`ProfileCleaningReport`, never made silently.
"""

from __future__ import annotations

import csv
import logging
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from resources import MATERIALS_FILE, PRODUCT_FAMILIES_FILE
from storage.schema import Customer, Event, EventKind, Product
from storage.seed import DEMO_CUSTOMER_IDS

logger = logging.getLogger(__name__)

SESSION_GAP = timedelta(minutes=30)
UNKNOWN = "unknown"
OTHER_FAMILY = "other"
FAMILIES = ("jewelry", "shoes", "furniture", OTHER_FAMILY)
PRICE_BANDS = ("low", "mid", "high")

# Weight of one event in the interest shares. A purchase is the strongest
# sign of taste, a saved design nearly as strong, a view or search weak.
INTEREST_WEIGHTS = {
    EventKind.PURCHASE: 3.0,
    EventKind.SAVED_DESIGN: 2.0,
    EventKind.FAVOURITE: 1.0,
    EventKind.CART: 1.0,
    EventKind.RATING: 1.0,
    EventKind.REVIEW: 1.0,
    EventKind.VIEW: 0.5,
    EventKind.SEARCH: 0.5,
}

# Upper age limit (inclusive) of each band, in years.
_AGE_BANDS = (
    (24, "under_25"),
    (34, "25_34"),
    (44, "35_44"),
    (54, "45_54"),
    (64, "55_64"),
)
_OLDEST_BAND = "65_plus"

BEHAVIOUR_COLUMNS = (
    "recency_days",
    "tenure_days",
    "frequency",
    "monetary",
    "average_order_value",
    "sessions",
    "events",
    "views",
    "searches",
    "favourites",
    "cart_adds",
    "cart_removals",
    "purchases",
    "ratings",
    "reviews",
    "saved_designs",
    "mean_rating",
)

_KIND_COUNT_COLUMNS = {
    EventKind.VIEW: "views",
    EventKind.SEARCH: "searches",
    EventKind.FAVOURITE: "favourites",
    EventKind.PURCHASE: "purchases",
    EventKind.REVIEW: "reviews",
    EventKind.SAVED_DESIGN: "saved_designs",
}
_KINDS = tuple(EventKind)
_KIND_CODES = {kind.value: code for code, kind in enumerate(_KINDS)}


@dataclass
class ProfileCleaningReport:
    """Counts of the rows that building the features read, left out and filled.

    Attributes
    ----------
    customers
        Customers who consented to profiling, one row each.
    skipped_customers
        Customers without profiling consent, left out.
    demo_customers
        Demo customers left out because the store has customers of its own.
    events
        Events of profiled customers that were read.
    missing_age, missing_gender, missing_region
        Profiled customers whose value was missing and set to ``"unknown"``.
    region_from_country
        Customers without a region whose stored country was used instead.
    superseded_ratings
        Older ratings of a product replaced by the customer's latest one.
    purchases_priced_from_product
        Purchases without a price that took the product's unit price.
    purchases_without_price
        Purchases with no price at all, counted in ``frequency`` but adding
        nothing to ``monetary``.
    """

    customers: int = 0
    skipped_customers: int = 0
    demo_customers: int = 0
    events: int = 0
    missing_age: int = 0
    missing_gender: int = 0
    missing_region: int = 0
    region_from_country: int = 0
    superseded_ratings: int = 0
    purchases_priced_from_product: int = 0
    purchases_without_price: int = 0


@dataclass(frozen=True)
class FeatureMatrix:
    """Features of every profiled customer.

    Attributes
    ----------
    customer_ids
        Row labels, sorted.
    columns
        Column names; each is a valid name in the rule expression language.
    values
        Array of shape (customers, columns), float64.
    groups
        Column name to ``"behaviour"``, ``"demographic"`` or ``"interest"``.
    categories
        Per customer, the text values ``age_band``, ``gender`` and
        ``region`` behind the one-hot columns.
    reference_time
        The time that ``recency_days`` and ages are measured to.
    report
        The cleaning counts.
    """

    customer_ids: list[str]
    columns: list[str]
    values: np.ndarray
    groups: dict[str, str]
    categories: dict[str, dict[str, str]]
    reference_time: datetime
    report: ProfileCleaningReport = field(default_factory=ProfileCleaningReport)

    def column(self, name: str) -> np.ndarray:
        """Return one column, shape (customers,).

        Raises
        ------
        KeyError
            If there is no column ``name``.
        """
        try:
            return self.values[:, self.columns.index(name)]
        except ValueError:
            raise KeyError(
                f"Feature {name!r} not found: known features are "
                f"{', '.join(self.columns)}"
            ) from None

    def row(self, customer_id: str) -> dict[str, float]:
        """Return one customer's features by column name.

        Raises
        ------
        KeyError
            If the customer has no row (unknown, or not consenting).
        """
        try:
            index = self.customer_ids.index(customer_id)
        except ValueError:
            raise KeyError(
                f"Customer {customer_id!r} has no features: only customers who "
                "consented to profiling have a profile"
            ) from None
        return dict(zip(self.columns, self.values[index].tolist(), strict=True))

    def take(self, rows: np.ndarray | list[int]) -> FeatureMatrix:
        """Return a matrix of the given rows, in that order."""
        rows = list(rows)
        ids = [self.customer_ids[row] for row in rows]
        return FeatureMatrix(
            customer_ids=ids,
            columns=list(self.columns),
            values=self.values[rows],
            groups=dict(self.groups),
            categories={cid: self.categories[cid] for cid in ids},
            reference_time=self.reference_time,
            report=self.report,
        )


def identifier(text: str) -> str:
    """Turn a category, material or region into a lower-case name part."""
    slug = re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")
    return slug or UNKNOWN


def age_band(birth_year: int, when: datetime) -> str:
    """Return the age band of someone born in ``birth_year``, at ``when``.

    The age is ``when.year - birth_year``, so it may be one year high
    before the birthday; the birth date itself is not stored.
    """
    age = when.year - birth_year
    for upper, band in _AGE_BANDS:
        if age <= upper:
            return band
    return _OLDEST_BAND


def build_features(session: Session, *, as_of: datetime | None = None) -> FeatureMatrix:
    """Read consenting customers and their events and compute their features.

    Parameters
    ----------
    session
        An open session; a read-only one is enough.
    as_of
        Reference time for recency and age. By default the time of the
        latest stored event of the customers profiled, so that a historical
        data set is measured from its own end, or the current time when
        there are no events.

    The demo customers of a new database are profiled only while it
    contains no other customer. Once a store has customers of its own,
    their segments follow their behaviour, not their difference from the
    demo customers' generated history.

    Returns
    -------
    FeatureMatrix
        One row per customer who consented to profiling, sorted by id.
    """
    report = ProfileCleaningReport()
    customers = _read_customers(session, report)
    customer_ids = sorted(customers)
    left_out = DEMO_CUSTOMER_IDS if report.demo_customers else frozenset()
    if as_of is None:
        latest = select(func.max(Event.occurred_at))
        if left_out:
            latest = latest.where(Event.customer_id.not_in(left_out))
        as_of = session.scalar(latest) or datetime.now()

    index = {cid: i for i, cid in enumerate(customer_ids)}
    events = _read_events(session, index, left_out)
    report.events = len(events.customer)
    products = _ProductTable(session, events.product_ids)

    behaviour = _behaviour(events, products, customers, customer_ids, as_of, report)
    demographic, categories = _demographics(customers, customer_ids, as_of, report)
    interest = _interests(events, products, len(customer_ids))

    columns: list[str] = []
    blocks: list[np.ndarray] = []
    groups: dict[str, str] = {}
    for group, (names, block) in (
        ("behaviour", behaviour),
        ("demographic", demographic),
        ("interest", interest),
    ):
        columns.extend(names)
        blocks.append(block)
        groups.update(dict.fromkeys(names, group))
    values = np.hstack(blocks) if blocks else np.zeros((len(customer_ids), 0))
    logger.debug(
        "Built features: %s customers, %s columns, %s events",
        len(customer_ids),
        len(columns),
        report.events,
    )
    return FeatureMatrix(
        customer_ids=customer_ids,
        columns=columns,
        values=values.astype(float),
        groups=groups,
        categories=categories,
        reference_time=as_of,
        report=report,
    )


# Reading ---------------------------------------------------------------------


@dataclass(frozen=True)
class _CustomerRow:
    created_at: datetime
    birth_year: int | None
    age_band: str | None
    gender: str | None
    region: str | None
    country: str | None


def _read_customers(
    session: Session, report: ProfileCleaningReport
) -> dict[str, _CustomerRow]:
    query = select(
        Customer.id,
        Customer.consent_profiling,
        Customer.created_at,
        Customer.birth_year,
        Customer.age_band,
        Customer.gender,
        Customer.region,
        Customer.country,
    )
    customers, demo, has_own = {}, {}, False
    for customer_id, consent, *details in session.execute(query):
        is_demo = customer_id in DEMO_CUSTOMER_IDS
        has_own = has_own or not is_demo
        if not consent:
            report.skipped_customers += 1
        elif is_demo:
            demo[customer_id] = _CustomerRow(*details)
        else:
            customers[customer_id] = _CustomerRow(*details)
    if has_own:
        report.demo_customers = len(demo)
    else:
        customers.update(demo)
    report.customers = len(customers)
    return customers


@dataclass(frozen=True)
class _Events:
    """Events of profiled customers as parallel arrays, sorted by customer and time.

    ``product`` is -1 for an event without a product, and ``value`` is NaN
    where it is empty. ``seconds`` counts from the Unix epoch, in local time.
    """

    customer: np.ndarray
    product: np.ndarray
    kind: np.ndarray
    quantity: np.ndarray
    value: np.ndarray
    seconds: np.ndarray
    reference: list[str | None]
    product_ids: list[str]


def _read_events(
    session: Session, customer_index: dict[str, int], left_out: frozenset[str]
) -> _Events:
    query = (
        select(
            Event.customer_id,
            Event.product_id,
            Event.kind,
            Event.quantity,
            Event.value,
            Event.occurred_at,
            Event.reference,
        )
        .join(Customer, Customer.id == Event.customer_id)
        .where(Customer.consent_profiling.is_(True))
        .order_by(Event.customer_id, Event.occurred_at, Event.id)
    )
    if left_out:
        query = query.where(Event.customer_id.not_in(left_out))
    # Raw driver rows skip SQLAlchemy's per-value processing, which matters
    # for hundreds of thousands of events. SQLite returns the times as text.
    result = session.connection().execute(query)
    rows = result.cursor.fetchall()
    result.close()

    product_ids = sorted({row[1] for row in rows if row[1] is not None})
    product_index = {pid: index for index, pid in enumerate(product_ids)}
    count = len(rows)
    times = np.array([_time_text(row[5]) for row in rows], dtype="datetime64[s]")
    return _Events(
        customer=np.fromiter((customer_index[r[0]] for r in rows), np.int64, count),
        product=np.fromiter(
            (-1 if r[1] is None else product_index[r[1]] for r in rows), np.int64, count
        ),
        kind=np.fromiter((_KIND_CODES[r[2]] for r in rows), np.int64, count),
        quantity=np.fromiter((r[3] for r in rows), np.float64, count),
        value=np.fromiter(
            (np.nan if r[4] is None else float(r[4]) for r in rows), np.float64, count
        ),
        seconds=times.astype(np.int64).astype(np.float64),
        reference=[row[6] for row in rows],
        product_ids=product_ids,
    )


def _time_text(value) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


class _ProductTable:
    """Family, category, materials and price of the products that events name."""

    def __init__(self, session: Session, product_ids: list[str]) -> None:
        details = {}
        for chunk_start in range(0, len(product_ids), 500):
            chunk = product_ids[chunk_start : chunk_start + 500]
            query = select(
                Product.id, Product.category, Product.tags, Product.unit_price
            ).where(Product.id.in_(chunk))
            for product_id, category, tags, price in session.execute(query):
                details[product_id] = (category, tags, price)

        families = product_families()
        vocabulary = material_vocabulary()
        self.categories: list[str] = []
        self.families: list[str] = []
        self.materials: list[tuple[str, ...]] = []
        prices = []
        for product_id in product_ids:
            category, tags, price = details.get(product_id, (UNKNOWN, "", None))
            self.categories.append(identifier(category))
            self.families.append(families.get(category.lower(), OTHER_FAMILY))
            tag_set = {identifier(tag) for tag in (tags or "").split(",") if tag}
            self.materials.append(tuple(sorted(tag_set & vocabulary)))
            prices.append(np.nan if price is None else float(price))
        self.unit_price = np.array(prices, dtype=np.float64)


@cache
def product_families() -> dict[str, str]:
    """Return the product family of each category, from the shipped table."""
    with PRODUCT_FAMILIES_FILE.open("rb") as stream:
        data = tomllib.load(stream)
    return {category.lower(): family for category, family in data["families"].items()}


@cache
def material_vocabulary() -> frozenset[str]:
    """Return the material ids and families that a product tag may name."""
    with MATERIALS_FILE.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    return frozenset(identifier(row["id"]) for row in rows) | frozenset(
        identifier(row["family"]) for row in rows
    )


# Behaviour -------------------------------------------------------------------


def _behaviour(
    events: _Events,
    products: _ProductTable,
    customers: dict[str, _CustomerRow],
    customer_ids: list[str],
    as_of: datetime,
    report: ProfileCleaningReport,
) -> tuple[list[str], np.ndarray]:
    n = len(customer_ids)
    out = {name: np.zeros(n) for name in BEHAVIOUR_COLUMNS}
    who = events.customer

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(who[mask], minlength=n).astype(float)

    out["events"] = count(np.ones(len(who), dtype=bool))
    for kind, name in _KIND_COUNT_COLUMNS.items():
        out[name] = count(events.kind == _KIND_CODES[kind])
    cart = events.kind == _KIND_CODES[EventKind.CART]
    removed = cart & (events.value < 0)
    out["cart_adds"] = count(cart & ~removed)
    out["cart_removals"] = count(removed)

    _add_times(out, events, customers, customer_ids, as_of)
    _add_sessions(out, events, n)
    _add_purchases(out, events, products, n, report)
    _add_ratings(out, events, n, report)
    return list(BEHAVIOUR_COLUMNS), np.column_stack([out[c] for c in BEHAVIOUR_COLUMNS])


def _add_times(out, events, customers, customer_ids, as_of) -> None:
    day = 86_400.0
    reference = _seconds(as_of)
    registered = np.array([_seconds(customers[c].created_at) for c in customer_ids])
    last = registered.copy()
    first = registered.copy()
    if len(events.customer):
        # Events are sorted by customer and time, so the group edges give the
        # first and last event of each customer.
        starts = np.flatnonzero(np.r_[True, np.diff(events.customer) != 0])
        ends = np.r_[starts[1:], len(events.customer)] - 1
        owners = events.customer[starts]
        last[owners] = events.seconds[ends]
        first[owners] = np.minimum(first[owners], events.seconds[starts])
    out["recency_days"] = np.maximum(reference - last, 0.0) / day
    out["tenure_days"] = np.maximum(reference - first, 0.0) / day


def _seconds(moment: datetime) -> float:
    return float(np.datetime64(moment.replace(tzinfo=None), "s").astype(np.int64))


def _add_sessions(out, events: _Events, n: int) -> None:
    if not len(events.customer):
        return
    gap = SESSION_GAP.total_seconds()
    new_customer = np.r_[True, np.diff(events.customer) != 0]
    long_pause = np.r_[True, np.diff(events.seconds) > gap]
    starts = new_customer | long_pause
    out["sessions"] = np.bincount(events.customer[starts], minlength=n).astype(float)


def _add_purchases(out, events, products, n: int, report) -> None:
    purchase = np.flatnonzero(events.kind == _KIND_CODES[EventKind.PURCHASE])
    price = events.value[purchase].copy()
    missing = np.isnan(price)
    with_product = events.product[purchase] >= 0
    fallback = np.full(len(purchase), np.nan)
    fallback[with_product] = products.unit_price[events.product[purchase][with_product]]
    use_product = missing & ~np.isnan(fallback)
    price[use_product] = fallback[use_product]
    report.purchases_priced_from_product = int(use_product.sum())
    report.purchases_without_price = int(np.isnan(price).sum())

    spent = events.quantity[purchase] * np.nan_to_num(price, nan=0.0)
    who = events.customer[purchase]
    out["monetary"] = np.bincount(who, weights=spent, minlength=n)

    # An order is a purchase reference, or a day for purchases without one.
    codes: dict[object, int] = {}
    references = events.reference
    days = (events.seconds[purchase] // 86_400).astype(np.int64)
    order_codes = np.fromiter(
        (
            codes.setdefault(
                references[p] if references[p] is not None else ("day", int(day)),
                len(codes),
            )
            for p, day in zip(purchase, days, strict=True)
        ),
        np.int64,
        len(purchase),
    )
    orders = np.unique(np.column_stack([who, order_codes]), axis=0)
    frequency = np.bincount(orders[:, 0], minlength=n).astype(float)
    out["frequency"] = frequency
    out["average_order_value"] = np.divide(
        out["monetary"], frequency, out=np.zeros(n), where=frequency > 0
    )


def _add_ratings(out, events, n: int, report) -> None:
    rating = np.flatnonzero(events.kind == _KIND_CODES[EventKind.RATING])
    latest: dict[tuple[int, int], float] = {}
    # Events are in time order within a customer, so later ratings win.
    for position in rating:
        key = (int(events.customer[position]), int(events.product[position]))
        if key in latest:
            report.superseded_ratings += 1
        latest[key] = float(events.value[position])
    totals = np.zeros(n)
    counts = np.zeros(n)
    for (customer, _product), value in latest.items():
        totals[customer] += value
        counts[customer] += 1
    out["ratings"] = counts
    out["mean_rating"] = np.divide(totals, counts, out=np.zeros(n), where=counts > 0)


# Demographics ----------------------------------------------------------------


def _demographics(
    customers: dict[str, _CustomerRow],
    customer_ids: list[str],
    as_of: datetime,
    report: ProfileCleaningReport,
) -> tuple[tuple[list[str], np.ndarray], dict[str, dict[str, str]]]:
    categories: dict[str, dict[str, str]] = {}
    for customer_id in customer_ids:
        row = customers[customer_id]
        if row.birth_year is not None:
            band = age_band(row.birth_year, as_of)
        elif row.age_band:
            band = row.age_band
        else:
            band = UNKNOWN
            report.missing_age += 1
        gender = row.gender or UNKNOWN
        report.missing_gender += gender == UNKNOWN
        region = (row.region or "").strip()
        if not region and (row.country or "").strip():
            region = row.country.strip()
            report.region_from_country += 1
        if not region:
            region = UNKNOWN
            report.missing_region += 1
        categories[customer_id] = {"age_band": band, "gender": gender, "region": region}

    names: list[str] = []
    blocks: list[np.ndarray] = []
    for key in ("age_band", "gender", "region"):
        labels = [categories[cid][key] for cid in customer_ids]
        values = sorted({identifier(label) for label in labels})
        index = {value: position for position, value in enumerate(values)}
        block = np.zeros((len(customer_ids), len(values)))
        for row, label in enumerate(labels):
            block[row, index[identifier(label)]] = 1.0
        names.extend(f"{key}_{value}" for value in values)
        blocks.append(block)
    matrix = np.hstack(blocks) if names else np.zeros((len(customer_ids), 0))
    return (names, matrix), categories


# Interests -------------------------------------------------------------------


def _interests(
    events: _Events, products: _ProductTable, n: int
) -> tuple[list[str], np.ndarray]:
    with_product = events.product >= 0
    who = events.customer[with_product]
    product = events.product[with_product]
    kind_weights = np.array([INTEREST_WEIGHTS.get(kind, 0.0) for kind in _KINDS])
    weight = kind_weights[events.kind[with_product]]
    total = np.bincount(who, weights=weight, minlength=n)

    names: list[str] = []
    columns: list[np.ndarray] = []

    def add_shares(prefix: str, labels: list[str], per_product: list[int]) -> None:
        codes = np.asarray(per_product, dtype=np.int64)[product]
        keep = codes >= 0
        sums = np.zeros((n, len(labels)))
        np.add.at(sums, (who[keep], codes[keep]), weight[keep])
        shares = np.divide(
            sums, total[:, None], out=np.zeros_like(sums), where=total[:, None] > 0
        )
        for position, label in enumerate(labels):
            names.append(f"{prefix}_{label}")
            columns.append(shares[:, position])

    add_shares(
        "family_share", list(FAMILIES), [FAMILIES.index(f) for f in products.families]
    )
    categories = sorted(set(products.categories))
    add_shares(
        "category_share",
        categories,
        [categories.index(category) for category in products.categories],
    )
    _add_material_shares(names, columns, products, who, product, weight, total, n)
    add_shares("price_share", list(PRICE_BANDS), _price_bands(events, products))
    matrix = np.column_stack(columns) if columns else np.zeros((n, 0))
    return names, matrix


def _add_material_shares(names, columns, products, who, product, weight, total, n):
    materials = sorted({m for tags in products.materials for m in tags})
    sums = defaultdict(lambda: np.zeros(n))
    for position, tags in enumerate(products.materials):
        if not tags:
            continue
        mask = product == position
        per_customer = np.bincount(who[mask], weights=weight[mask], minlength=n)
        for material in tags:
            sums[material] += per_customer
    for material in materials:
        share = np.divide(sums[material], total, out=np.zeros(n), where=total > 0)
        names.append(f"material_share_{material}")
        columns.append(share)


def _price_bands(events: _Events, products: _ProductTable) -> list[int]:
    """Return each product's price band code, or -1 when its price is unknown.

    A product's price is its unit price, or else the median price paid in
    its purchases. The bands split the products with a price into thirds.
    """
    prices = products.unit_price.copy()
    unpriced = np.r_[np.isnan(prices), False]
    # Product -1 (no product) indexes the appended False.
    paid = (
        (events.kind == _KIND_CODES[EventKind.PURCHASE])
        & unpriced[events.product]
        & ~np.isnan(events.value)
    )
    by_product: defaultdict[int, list[float]] = defaultdict(list)
    for product, value in zip(events.product[paid], events.value[paid], strict=True):
        by_product[int(product)].append(float(value))
    for product, values in by_product.items():
        prices[product] = float(np.median(values))

    known = ~np.isnan(prices)
    if not known.any():
        return [-1] * len(prices)
    low, high = np.quantile(prices[known], [1 / 3, 2 / 3])
    codes = np.where(prices <= low, 0, np.where(prices <= high, 1, 2))
    return [int(code) if ok else -1 for code, ok in zip(codes, known, strict=True)]
