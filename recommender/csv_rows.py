"""Rows of a CSV file with the lines they span, for errors that point home.

A quoted field may contain line breaks, so one row can span several file
lines. Errors name the line where the row starts. When a row with the wrong
number of fields spans several lines, the likely cause is a quote that is
never closed and took in the lines after it, and the message names that cause.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


class CsvRow(NamedTuple):
    """One row: its fields and the first and last file line it covers."""

    fields: list[str]
    first_line: int
    last_line: int


def numbered_rows(reader) -> Iterator[CsvRow]:
    """Yield each row that ``reader`` (a ``csv.reader``) returns, with its lines.

    Lines count from 1 and include the rows already read, such as a header.
    """
    end = reader.line_num
    for fields in reader:
        start, end = end + 1, reader.line_num
        yield CsvRow(fields, start, end)


def width_problem(row: CsvRow, width: int) -> str | None:
    """Return why ``row`` does not have ``width`` fields, or ``None`` if it does."""
    if len(row.fields) == width:
        return None
    message = f"expected {width} fields, found {len(row.fields)}"
    if row.last_line > row.first_line:
        message += (
            f"; the row runs on to line {row.last_line}, so a quote in it is "
            "probably not closed: close it or remove it"
        )
    return message
