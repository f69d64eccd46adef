"""Batch rating prediction between CSV files.

:func:`predict_file` reads ratings (``user,item,rating``) and pairs
(``user,item``), fits a :class:`~recommender.cf.KNN` model and writes each
pair with its ``prediction`` and ``impossible`` flag. Columns may come in
any order and extra columns are ignored. Rows that cannot be read are
skipped and reported with their line number. A missing column, a missing
file or a file without a single usable rating raises :class:`BatchInputError`.
"""

from __future__ import annotations

import csv
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from recommender.cf import KNN, KNNParameters, RatingData
from recommender.csv_rows import numbered_rows, width_problem
from storage.output_paths import (
    check_not_input,
    check_output_file,
    output_path_error,
)

logger = logging.getLogger(__name__)

RATING_COLUMNS = ("user", "item", "rating")
PAIR_COLUMNS = ("user", "item")
OUTPUT_COLUMNS = ("user", "item", "prediction", "impossible")


class BatchInputError(ValueError):
    """An input file that cannot be used at all, with the reason and the fix."""


@dataclass(frozen=True)
class SkippedRow:
    """A row left out of the input, with its file and line number (header = 1)."""

    path: Path
    line_number: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}, line {self.line_number}: {self.message}"


@dataclass
class BatchReport:
    """Counts of one :func:`predict_file` run, and the rows it skipped."""

    ratings: int = 0
    pairs: int = 0
    impossible: int = 0
    rating_scale: tuple[float, float] = (0.0, 0.0)
    skipped: list[SkippedRow] = field(default_factory=list)


def predict_file(
    ratings_path: Path,
    pairs_path: Path,
    out_path: Path,
    parameters: KNNParameters,
    rating_scale: tuple[float, float] | None = None,
) -> BatchReport:
    """Predict the rating of every pair in ``pairs_path`` and write ``out_path``.

    Parameters
    ----------
    ratings_path
        CSV with the columns ``user``, ``item`` and ``rating``.
    pairs_path
        CSV with the columns ``user`` and ``item``.
    out_path
        CSV to write with ``user``, ``item``, ``prediction`` and
        ``impossible`` (``true`` where the prediction is a fallback).
    parameters
        The k-NN settings; ``feedback`` must be ``"explicit"``.
    rating_scale
        (lowest, highest) to clip predictions to. Default: the lowest and
        highest rating in ``ratings_path``.

    Returns
    -------
    BatchReport
        Counts and the skipped rows.

    Raises
    ------
    BatchInputError
        If a file is missing or lacks a column, no rating is usable, or the
        rating scale is empty.
    storage.output_paths.OutputPathError
        If ``out_path`` cannot be written, naming it and what is wrong, or
        is one of the input files.
    """
    # Checked before the fit, which may take minutes. The file is written
    # in place, so its whole name may be the longest.
    check_not_input(out_path, ratings_path)
    check_not_input(out_path, pairs_path)
    check_output_file(out_path, name_extra=0, in_place=True)
    report = BatchReport()
    users, items, values = [], [], []
    seen: dict[tuple[str, str], int] = {}
    for line, row in _read_rows(ratings_path, RATING_COLUMNS, report.skipped):
        user, item, text = row
        rating = _parse_rating(text)
        if rating is None:
            message = f"rating {text!r} is not a finite number"
            report.skipped.append(SkippedRow(ratings_path, line, message))
            continue
        first = seen.setdefault((user, item), line)
        if first != line:
            message = f"user {user!r} rated item {item!r} already on line {first}"
            report.skipped.append(SkippedRow(ratings_path, line, message))
            continue
        users.append(user)
        items.append(item)
        values.append(rating)
    if not values:
        raise BatchInputError(
            f"{ratings_path} has no usable rating: add rows of user,item,rating"
        )

    low, high = rating_scale or (min(values), max(values))
    if not low <= high:
        raise BatchInputError(
            f"Invalid rating scale {low:g},{high:g}: the lowest rating must not "
            "exceed the highest"
        )
    pairs = [row for _line, row in _read_rows(pairs_path, PAIR_COLUMNS, report.skipped)]

    model = KNN(parameters).fit(RatingData.from_triples(users, items, values))
    predictions = model.predict_pairs([p[0] for p in pairs], [p[1] for p in pairs])

    try:
        with out_path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(OUTPUT_COLUMNS)
            for (user, item), prediction in zip(pairs, predictions, strict=True):
                estimate = min(high, max(low, prediction.estimate))
                flag = "true" if prediction.impossible else "false"
                writer.writerow((user, item, repr(estimate), flag))
    except OSError as error:
        # The file is written in place, so its whole name may be the longest.
        raise output_path_error(out_path, error, name_extra=0) from error

    report.ratings = len(values)
    report.pairs = len(pairs)
    report.impossible = sum(p.impossible for p in predictions)
    report.rating_scale = (low, high)
    logger.info(
        "Predicted %s pairs from %s ratings, %s fallbacks, %s rows skipped",
        report.pairs,
        report.ratings,
        report.impossible,
        len(report.skipped),
    )
    return report


def parse_rating_scale(text: str) -> tuple[float, float]:
    """Parse ``"LOW,HIGH"`` into two finite numbers with LOW <= HIGH.

    Raises
    ------
    BatchInputError
        If the text is not two finite numbers in that order.
    """
    parts = [part.strip() for part in text.split(",")]
    numbers = [_parse_rating(part) for part in parts]
    if len(numbers) != 2 or None in numbers or numbers[0] > numbers[1]:
        raise BatchInputError(
            f"Invalid rating scale {text!r}: expected LOW,HIGH with LOW <= HIGH, "
            "for example 1,5"
        )
    return numbers[0], numbers[1]


def _read_rows(
    path: Path, columns: tuple[str, ...], skipped: list[SkippedRow]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Yield (line number, values of ``columns``) for each readable row."""
    try:
        stream = path.open(newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise BatchInputError(f"{path}: file not found") from None
    with stream:
        reader = csv.reader(stream)
        try:
            header = [name.strip() for name in next(reader, [])]
            missing = [name for name in columns if name not in header]
            if missing:
                raise BatchInputError(
                    f"{path} lacks the column(s) {', '.join(missing)}: the first "
                    f"line must name {','.join(columns)}"
                )
            indexes = [header.index(name) for name in columns]
            width = len(header)
            for row in numbered_rows(reader):
                fields, line = row.fields, row.first_line
                if not fields:
                    continue
                message = width_problem(row, width)
                if message is not None:
                    skipped.append(SkippedRow(path, line, message))
                    continue
                values = tuple(fields[index].strip() for index in indexes)
                pairs = zip(columns, values, strict=True)
                empty = [name for name, value in pairs if not value]
                if empty:
                    message = f"empty {', '.join(empty)}"
                    skipped.append(SkippedRow(path, line, message))
                    continue
                yield line, values
        except UnicodeDecodeError as error:
            raise BatchInputError(
                f"{path} is not UTF-8 text ({error.reason}): save it as UTF-8 CSV"
            ) from None
        except csv.Error as error:
            raise BatchInputError(
                f"{path}, line {reader.line_num}: invalid CSV ({error})"
            ) from None


def _parse_rating(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
