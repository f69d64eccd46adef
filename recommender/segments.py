"""Customer segments: k-means over profile features, with labels kept across refits.

Preparation: behaviour columns (counts, money, days) are heavy-tailed, so
they are log-transformed (``log1p``) and standardised. Demographic one-hot
columns and interest shares already lie in [0, 1] and are used as they are,
so a rare region does not turn into a huge standardised value. Columns that
are constant over all customers are dropped.

``k`` is chosen by the silhouette score over a range (2 to 8 by default),
the smaller ``k`` winning a tie. Rows are fitted in customer id order with
a fixed random state, so the same data in any order gives the same
segments. The data gets a single segment, whose label names the reason,
when there are fewer than :data:`MIN_CUSTOMERS` customers or when all
customers have the same features.

Labels stay stable across refits: the new centroids are matched to the
stored active segments by the Hungarian algorithm on the distance between
centroids in the new fit's prepared space. A matched cluster keeps the
stored segment's id, label and description; others get a new id and a
label that describes their centroid ("Big spenders, frequent buyers"). The
description stores the columns behind the label, so screens word it in
their own language (see :func:`segment_label`).
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from os import PathLike
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sqlalchemy.orm import Session
from threadpoolctl import threadpool_limits

from recommender.features import FAMILIES, FeatureMatrix, build_features
from storage.db import Database
from storage.output_paths import check_output_file, output_path_error
from storage.profiles import (
    SegmentAssignment,
    StoredSegment,
    list_segments,
    marketing_consenting_ids,
    replace_segments,
    segment_member_ids,
)
from storage.schema import Customer, Gender
from storage.seed import DEMO_CUSTOMER_IDS, has_own_customers

logger = logging.getLogger(__name__)

MIN_CUSTOMERS = 3
DEFAULT_K_VALUES = range(2, 9)
# Silhouette scores take time quadratic in the rows, so larger data sets are
# scored on a fixed-seed sample of this many customers.
SILHOUETTE_SAMPLE = 2_000
DEFAULT_RANDOM_STATE = 0

LOAD, FIT = "load", "fit"
"""The steps of :func:`refit_segments`, reported to its ``progress``."""
# Percent of a refit done when fitting starts and ends. Reading the
# features took longer than fitting on the Online Retail data
# (docs/BENCHMARKS.md), and storing is short.
_FIT_START, _FIT_END = 40, 95

ALL_CUSTOMERS = "All customers"
TYPICAL_CUSTOMERS = "Typical customers"
TOO_FEW_REASON = "too few customers to segment"
ALIKE_REASON = "no differences to segment by"
# Keys of the single segment's reason in a segment's description.
TOO_FEW, ALIKE = "too_few", "alike"
FALLBACK_REASONS = {TOO_FEW: TOO_FEW_REASON, ALIKE: ALIKE_REASON}

# Words for a centroid above or below the average in a behaviour column.
_BEHAVIOUR_WORDS = {
    "recency_days": ("lapsed", "recently active"),
    "tenure_days": ("long-standing", "new"),
    "frequency": ("frequent buyers", "rare buyers"),
    "monetary": ("big spenders", "small spenders"),
    "average_order_value": ("large orders", "small orders"),
    "sessions": ("many visits", "few visits"),
    "events": ("very active", "quiet"),
    "views": ("many views", "few views"),
    "searches": ("searchers", "few searches"),
    "favourites": ("many favourites", "few favourites"),
    "cart_adds": ("fill carts", "rarely use the cart"),
    "cart_removals": ("change carts", "keep carts"),
    "purchases": ("many purchases", "few purchases"),
    "ratings": ("raters", "rarely rate"),
    "reviews": ("reviewers", "rarely review"),
    "saved_designs": ("designers", "rarely save designs"),
    "mean_rating": ("rate highly", "rate low"),
}
_ONE_HOT_PREFIXES = {
    "age_band_": "aged {}",
    "gender_": "{}",
    "region_": "from {}",
    "family_share_": "{}",
    "category_share_": "{}",
    "material_share_": "{}",
    "price_share_": "{} price",
}


class SegmentFitCancelled(Exception):
    """The caller of :func:`refit_segments` declined to store the new fit."""


@dataclass(frozen=True)
class FittedSegment:
    """One segment of a fit.

    Attributes
    ----------
    id
        The stored segment this one continues, or ``None`` for a new one.
    centroid
        Mean feature values of the members, in the features' own units.
    description
        The columns behind the label, in the form :func:`segment_label`
        reads, so a screen can word the label in its own language. ``None`` for a
        segment stored before descriptions were kept.
    """

    id: int | None
    label: str
    customer_ids: list[str]
    centroid: dict[str, float]
    description: dict | None = None


@dataclass(frozen=True)
class SegmentFit:
    """The result of :func:`fit_segments`.

    Attributes
    ----------
    segments
        The segments, largest first.
    silhouettes
        Silhouette score of each ``k`` tried; empty for a single segment.
    fallback
        Why the data got a single segment, or ``None``.
    """

    segments: list[FittedSegment]
    k: int
    silhouette: float | None
    silhouettes: dict[int, float] = field(default_factory=dict)
    fallback: str | None = None

    def segment_of(self, customer_id: str) -> FittedSegment:
        """Return the segment that contains ``customer_id``.

        Raises
        ------
        KeyError
            If the customer is in no segment.
        """
        for segment in self.segments:
            if customer_id in segment.customer_ids:
                return segment
        raise KeyError(f"Customer {customer_id!r} is in no segment of this fit")


def fit_segments(
    features: FeatureMatrix,
    *,
    k_values: Sequence[int] = DEFAULT_K_VALUES,
    previous: Sequence[StoredSegment] = (),
    random_state: int = DEFAULT_RANDOM_STATE,
    progress: Callable[[int, int], None] | None = None,
) -> SegmentFit:
    """Cluster customers with k-means and name the clusters.

    Parameters
    ----------
    features
        The customers' features, in any row order.
    k_values
        Numbers of segments to try; values below 2 or above what the data
        allows are skipped.
    previous
        The stored active segments, whose ids and labels matched clusters
        keep.
    random_state
        Seed of the k-means initialisation and the silhouette sample.
    progress
        Called as ``progress(done, total)`` after each ``k`` is fitted and
        scored, ``total`` being the number of ``k`` values tried. Not
        called when the data gets a single segment.

    Returns
    -------
    SegmentFit
        The segments, largest first.

    Raises
    ------
    ValueError
        If ``k_values`` has no value of 2 or more.
    """
    if not any(k >= 2 for k in k_values):
        raise ValueError(
            f"Invalid k_values {list(k_values)!r}: give at least one number of "
            "segments of 2 or more"
        )
    order = np.argsort(np.asarray(features.customer_ids, dtype=object), kind="stable")
    features = features.take(order)
    n = len(features.customer_ids)
    if n < MIN_CUSTOMERS:
        return _single_segment(features, previous, TOO_FEW)

    prepared = _Preparation(features)
    data = prepared.transform(features.values)
    distinct = len(np.unique(data, axis=0)) if data.shape[1] else 1
    candidates = [k for k in sorted(set(k_values)) if 2 <= k <= min(n - 1, distinct)]
    if not candidates:
        return _single_segment(features, previous, ALIKE)

    silhouettes: dict[int, float] = {}
    fits: dict[int, np.ndarray] = {}
    # The fits are small, and multi-threaded k-means slows down sharply when
    # other work keeps the cores busy. On a loaded 2-core machine one fit of
    # 4,336 customers took 17 s with two threads and 1 s with one.
    with threadpool_limits(limits=1):
        for done, k in enumerate(candidates, start=1):
            model = KMeans(n_clusters=k, n_init=10, random_state=random_state)
            fits[k] = model.fit_predict(data)
            silhouettes[k] = float(
                silhouette_score(
                    data,
                    fits[k],
                    sample_size=min(n, SILHOUETTE_SAMPLE),
                    random_state=random_state,
                )
            )
            if progress is not None:
                progress(done, len(candidates))
    # Highest score wins; rounding makes near-ties go to the smaller k.
    best = max(candidates, key=lambda k: (round(silhouettes[k], 9), -k))
    logger.debug("Silhouette by k: %s; chose k=%s", silhouettes, best)

    clusters = _clusters(features, fits[best])
    segments = _name_and_match(features, prepared, clusters, previous)
    return SegmentFit(
        segments=segments,
        k=best,
        silhouette=silhouettes[best],
        silhouettes=silhouettes,
    )


def refit_segments(
    db: Database,
    *,
    k_values: Sequence[int] = DEFAULT_K_VALUES,
    random_state: int = DEFAULT_RANDOM_STATE,
    as_of: datetime | None = None,
    progress: Callable[[str, int], None] | None = None,
    confirm_store: Callable[[], bool] | None = None,
) -> SegmentFit:
    """Fit segments on the stored data and store them, keeping matched labels.

    Features are read in a read-only transaction, so fitting does not block
    other writers; the result is written in a second, short transaction.

    Parameters
    ----------
    progress
        Called as ``progress(step, percent)`` when :data:`LOAD` starts at 0
        and after each ``k`` of :data:`FIT` is fitted, from 40 to 95.
    confirm_store
        Called once the fit is done, before anything is written; ``False``
        raises :class:`SegmentFitCancelled` and leaves the stored segments
        as they were.

    Returns
    -------
    SegmentFit
        The fit, with the stored id of every segment.
    """
    report = progress or (lambda _step, _percent: None)
    report(LOAD, 0)
    with db.session(readonly=True) as session:
        features = build_features(session, as_of=as_of)
        previous = list_segments(session)

    report(FIT, _FIT_START)

    def fitted(done: int, total: int) -> None:
        report(FIT, _FIT_START + (_FIT_END - _FIT_START) * done // total)

    fit = fit_segments(
        features,
        k_values=k_values,
        previous=previous,
        random_state=random_state,
        progress=fitted,
    )
    if confirm_store is not None and not confirm_store():
        raise SegmentFitCancelled("the new segments were not stored")

    fitted_at = datetime.now()
    assignments = [
        SegmentAssignment(s.id, s.label, s.centroid, s.customer_ids, s.description)
        for s in fit.segments
    ]
    summary = {
        "fitted_at": fitted_at.isoformat(timespec="seconds"),
        "customers": len(features.customer_ids),
        "k": fit.k,
        "silhouette": fit.silhouette,
        "silhouettes": fit.silhouettes,
        "fallback": fit.fallback,
    }
    with db.session() as session:
        ids = replace_segments(
            session, assignments, fitted_at=fitted_at, fit_summary=summary
        )
    segments = [
        FittedSegment(stored_id, s.label, s.customer_ids, s.centroid, s.description)
        for stored_id, s in zip(ids, fit.segments, strict=True)
    ]
    logger.info(
        "Fitted %s segments over %s customers", len(segments), summary["customers"]
    )
    return SegmentFit(segments, fit.k, fit.silhouette, fit.silhouettes, fit.fallback)


CAMPAIGN_COLUMNS = (
    "customer_id",
    "display_name",
    "country",
    "region",
    "segment_id",
    "segment",
)


def campaign_member_ids(session: Session, segment_id: int) -> set[str]:
    """Return the ids of a segment's members that a campaign file may list.

    They are the members who accept marketing, less the demo customers
    once the store has customers of its own: segments fitted before then
    still count the demo customers among their members.
    """
    members = segment_member_ids(session, segment_id)
    allowed = marketing_consenting_ids(session, members)
    if has_own_customers(session):
        allowed -= DEMO_CUSTOMER_IDS
    return allowed


def check_campaign_file(path: str | PathLike[str]) -> None:
    """Reject a campaign file path that :func:`export_campaign` cannot write.

    Raises
    ------
    storage.output_paths.OutputPathError
        Naming ``path`` and what is wrong with it.
    """
    # The file is written in place, so its whole name may be the longest.
    check_output_file(path, name_extra=0, in_place=True)


def export_campaign(db: Database, segment_id: int, path: str | PathLike[str]) -> int:
    """Write the segment's members who accept marketing to a CSV file.

    Customers who have not consented to marketing are left out, whatever
    their segment. The file is UTF-8 with a header row of
    :data:`CAMPAIGN_COLUMNS`.

    Returns
    -------
    int
        The number of customers written.

    Raises
    ------
    LookupError
        If no active segment has ``segment_id``.
    storage.output_paths.OutputPathError
        If the file cannot be written, naming ``path`` and what is wrong.
    """
    check_campaign_file(path)
    with db.session(readonly=True) as session:
        segments = {segment.id: segment for segment in list_segments(session)}
        if segment_id not in segments:
            known = ", ".join(str(i) for i in sorted(segments)) or "none"
            raise LookupError(
                f"Segment {segment_id} not found among the active segments "
                f"({known}): refit the segments or pick a listed one"
            )
        allowed = campaign_member_ids(session, segment_id)
        members = segment_member_ids(session, segment_id)
        customers = [
            session.get(Customer, customer_id)
            for customer_id in members
            if customer_id in allowed
        ]

    rows = [
        [
            customer.id,
            customer.display_name,
            customer.country or "",
            customer.region or "",
            segment_id,
            segments[segment_id].label,
        ]
        for customer in customers
    ]
    try:
        with Path(path).open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(CAMPAIGN_COLUMNS)
            writer.writerows(rows)
    except OSError as error:
        raise output_path_error(path, error, name_extra=0) from error
    logger.info(
        "Exported %s of %s members of segment %s to %s",
        len(customers),
        len(members),
        segment_id,
        path,
    )
    return len(customers)


# Preparation -----------------------------------------------------------------


class _Preparation:
    """The column selection, log transform and scaling of one fit."""

    def __init__(self, features: FeatureMatrix) -> None:
        self.columns = list(features.columns)
        values = features.values
        spread = values.max(axis=0) - values.min(axis=0) if len(values) else []
        self.kept = np.flatnonzero(np.asarray(spread) > 0)
        self.logged = np.array(
            [features.groups[self.columns[i]] == "behaviour" for i in self.kept],
            dtype=bool,
        )
        logged = self._log(values[:, self.kept])
        self.mean = np.where(self.logged, logged.mean(axis=0), 0.0)
        scale = logged.std(axis=0)
        self.scale = np.where(self.logged & (scale > 0), scale, 1.0)

    def transform(self, values: np.ndarray) -> np.ndarray:
        """Prepare rows of feature values, shape (rows, columns of the fit)."""
        return (self._log(values[:, self.kept]) - self.mean) / self.scale

    def vector(self, centroid: dict[str, float]) -> np.ndarray:
        """Return a stored centroid as a row over this fit's columns."""
        return np.array([[centroid.get(name, 0.0) for name in self.columns]])

    def _log(self, values: np.ndarray) -> np.ndarray:
        out = values.astype(float, copy=True)
        out[:, self.logged] = np.log1p(np.maximum(out[:, self.logged], 0.0))
        return out


@dataclass
class _Cluster:
    rows: np.ndarray
    centroid: dict[str, float]


def _clusters(features: FeatureMatrix, labels: np.ndarray) -> list[_Cluster]:
    clusters = []
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        means = features.values[rows].mean(axis=0)
        centroid = {
            name: float(value)
            for name, value in zip(features.columns, means, strict=True)
        }
        clusters.append(_Cluster(rows, centroid))
    # Largest first, then by the first member's id, so the order never
    # depends on k-means' arbitrary cluster numbers.
    clusters.sort(key=lambda c: (-len(c.rows), features.customer_ids[c.rows[0]]))
    return clusters


def _name_and_match(
    features: FeatureMatrix,
    prepared: _Preparation,
    clusters: list[_Cluster],
    previous: Sequence[StoredSegment],
) -> list[FittedSegment]:
    matches: dict[int, StoredSegment] = {}
    if previous:
        new = np.vstack(
            [prepared.transform(prepared.vector(c.centroid)) for c in clusters]
        )
        old = np.vstack(
            [prepared.transform(prepared.vector(dict(s.centroid))) for s in previous]
        )
        cost = np.linalg.norm(new[:, None, :] - old[None, :, :], axis=2)
        # NOTE: every Hungarian match keeps its label, however far apart the
        # centroids are; a distance limit would need a tuned scale.
        for row, column in zip(*linear_sum_assignment(cost), strict=True):
            matches[int(row)] = previous[int(column)]

    data = prepared.transform(features.values)
    overall = data.mean(axis=0)
    # Names compare columns in units of their spread, so that a share of
    # 0 to 1 competes fairly with a standardised count.
    spread = data.std(axis=0)
    spread[spread == 0] = 1.0
    taken = {segment.label for segment in matches.values()}
    segments = []
    for index, cluster in enumerate(clusters):
        ids = [features.customer_ids[row] for row in cluster.rows]
        match = matches.get(index)
        if match is not None:
            # A segment stored before descriptions were kept gets one from
            # its label, when the label reads back.
            description = match.description or description_from_label(match.label)
            segments.append(
                FittedSegment(match.id, match.label, ids, cluster.centroid, description)
            )
            continue
        centre = prepared.transform(prepared.vector(cluster.centroid))[0]
        description = _unique(_describe(prepared, (centre - overall) / spread), taken)
        label = segment_label(description)
        taken.add(label)
        segments.append(FittedSegment(None, label, ids, cluster.centroid, description))
    return segments


def _single_segment(
    features: FeatureMatrix, previous: Sequence[StoredSegment], reason: str
) -> SegmentFit:
    """Put every customer in one segment; ``reason`` is a key of
    :data:`FALLBACK_REASONS`."""
    ids = list(features.customer_ids)
    if ids:
        means = features.values.mean(axis=0)
        centroid = dict(zip(features.columns, map(float, means), strict=True))
    else:
        centroid = {}
    description = {"all": reason}
    label = segment_label(description)
    # A single segment continues the stored one of the same label, if any.
    same = [segment for segment in previous if segment.label == label]
    segment_id = same[0].id if same else None
    segments = (
        [FittedSegment(segment_id, label, ids, centroid, description)] if ids else []
    )
    english = FALLBACK_REASONS[reason]
    logger.info("Single segment for %s customers: %s", len(ids), english)
    return SegmentFit(segments=segments, k=1, silhouette=None, fallback=english)


def _describe(prepared: _Preparation, offset: np.ndarray) -> dict:
    """Describe a centroid by its two columns furthest from the average.

    Returns ``{"words": [[column, above], ...]}``, where ``above`` tells
    whether the centroid lies above the average in that column.
    """
    names = [prepared.columns[i] for i in prepared.kept]
    order = np.argsort(-np.abs(offset), kind="stable")
    words: list[str] = []
    chosen: list[list] = []
    for position in order:
        if len(words) == 2 or abs(offset[position]) < 1e-9:
            break
        above = bool(offset[position] > 0)
        word = _word(names[position], above)
        if word and word not in words:
            words.append(word)
            chosen.append([names[position], above])
    return {"words": chosen}


def segment_label(description: dict) -> str:
    """Return the English label of a segment's ``description``.

    A description is ``{"words": [[column, above], ...]}`` with an optional
    ``"number"`` that distinguishes segments of the same words, or
    ``{"all": reason}`` for the single segment, whose reason is a key of
    :data:`FALLBACK_REASONS`. The label is the words joined with commas,
    such as "Big spenders, frequent buyers", "Typical customers" when there
    are no words, or "All customers (too few customers to segment)".
    """
    if "all" in description:
        reason = FALLBACK_REASONS.get(description["all"], description["all"])
        return f"{ALL_CUSTOMERS} ({reason})"
    words = [_word(column, above) for column, above in description["words"]]
    if not words:
        text = TYPICAL_CUSTOMERS
    else:
        text = ", ".join(
            word or column
            for word, (column, _) in zip(words, description["words"], strict=True)
        )
        text = text[0].upper() + text[1:]
    number = description.get("number")
    return text if number is None else f"{text} ({number})"


def _word(column: str, above: bool) -> str | None:
    if column in _BEHAVIOUR_WORDS:
        return _BEHAVIOUR_WORDS[column][0 if above else 1]
    for prefix, template in _ONE_HOT_PREFIXES.items():
        # Being below average in one category of many describes no one, and
        # neither does a shared "unknown".
        if column.startswith(prefix) and above and not column.endswith("_unknown"):
            return template.format(one_hot_value(prefix, column))
    return None


def one_hot_value(prefix: str, column: str) -> str:
    """Return the value that a one-hot ``column`` stands for, as a label shows it."""
    value = column[len(prefix) :]
    if prefix == "age_band_" and value[:1].isdigit():
        value = value.replace("_", "–", 1)
    return value.replace("_", " ")


def description_from_label(label: str) -> dict | None:
    """Return the description whose English label is ``label``, or ``None``.

    Reads back a label that :func:`segment_label` wrote for a segment
    stored without its description. A word that names only a value, such
    as a category or material, is ambiguous, and such a label returns
    ``None``, as does any label a person wrote.
    """
    numbered = re.fullmatch(r"(.*) \((\d+)\)", label)
    text, number = (numbered[1], int(numbered[2])) if numbered else (label, None)
    for key, reason in FALLBACK_REASONS.items():
        if label == f"{ALL_CUSTOMERS} ({reason})":
            return {"all": key}
    if text == TYPICAL_CUSTOMERS:
        description: dict = {"words": []}
    else:
        text = text[:1].lower() + text[1:]
        words = [_column_of(word) for word in text.split(", ")]
        if None in words:
            return None
        description = {"words": words}
    if number is not None:
        description["number"] = number
    return description if segment_label(description) == label else None


def _column_of(word: str) -> list | None:
    """Return ``[column, above]`` for a word of a label, or ``None``."""
    for column, (above, below) in _BEHAVIOUR_WORDS.items():
        if word in (above, below):
            return [column, word == above]
    value = word.replace("–", "_").replace(" ", "_")
    if word.startswith("aged "):
        return ["age_band_" + value.removeprefix("aged_"), True]
    if word.startswith("from "):
        return ["region_" + value.removeprefix("from_"), True]
    if word.endswith(" price"):
        return ["price_share_" + value.removesuffix("_price"), True]
    if value in tuple(Gender):
        return ["gender_" + value, True]
    if value in FAMILIES:
        return ["family_share_" + value, True]
    return None


def _unique(description: dict, taken: set[str]) -> dict:
    """Number the description when its label is taken, from 2 up."""
    label = segment_label(description)
    if label not in taken:
        return description
    number = 2
    while f"{label} ({number})" in taken:
        number += 1
    return {**description, "number": number}
