"""Generated factory status files: a report or a clear error, never half applied.

Records mix the studio's real order ids and states with values that a
factory file should not contain. Among them are ids and attachment paths
that climb out of the file's folder, absolute paths, a link to a file
outside, NUL characters, timestamps at the ends of the calendar and values
of the wrong JSON type.
Every file must either raise :class:`StatusFileError` and change nothing,
or return a report that accounts for each record as applied, ignored or
quarantined. No file is ever written, inside or outside the folder, and no
attachment outside the folder is recorded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from designer import orders
from designer.factory_status import (
    FACTORY_ACTOR,
    FACTORY_STATES,
    OPTIONAL_FIELDS,
    REQUIRED_FIELDS,
    StatusFileError,
    apply_status_path,
    read_status_file,
)
from storage.order_schema import (
    FactoryUpdate,
    Order,
    OrderState,
    OrderTransition,
    QuarantinedUpdate,
)

# Examples per format; each one applies a file to the same database.
EXAMPLES = 120
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SECRET = b"outside the status folder"
ATTACHMENT = "qc/A-report.pdf"
# Paths that must never be read or recorded as an attachment.
ESCAPING_PATHS = [
    "../outside.txt",
    "qc/../../outside.txt",
    "link-out",
    "/etc/hostname",
    "~/outside.txt",
    "..\\outside.txt",
    "C:\\Windows\\win.ini",
]
ESCAPING_IDS = ["../../outside.txt", "/etc/passwd", "A-000001/../../x", "..", "."]
STATES = [state.value for state in OrderState] + ["In Production", "shipped "]
TIMESTAMPS = [
    "2025-03-02T09:00:00",
    "2025-03-02T09:00:00+01:00",
    "2025-03-09 16:30",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "2025-02-30T10:00:00",
    "yesterday",
]


def mostly(values: list, other: st.SearchStrategy) -> st.SearchStrategy:
    """Draw one of ``values`` four times in five, and from ``other`` otherwise."""
    return st.integers(min_value=0, max_value=4).flatmap(
        lambda draw: other if draw == 0 else st.sampled_from(values)
    )


TEXT = st.text(max_size=12)
JSON_LEAVES = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT
)


def fields(order_ids: list[str]) -> dict[str, st.SearchStrategy]:
    """Strategies for each field of a record, valid values first."""
    return {
        "order_id": mostly(order_ids + ESCAPING_IDS, TEXT),
        "status": mostly(STATES, TEXT),
        "timestamp": mostly(TIMESTAMPS, TEXT),
        "note": mostly(["casting", "DHL 123", "", "a\x00b", "N" * 600], TEXT),
        "qc_result": mostly(["passed", "failed", "", "PASSED"], TEXT),
        "attachment": mostly([ATTACHMENT, "qc", "qc/\x00x", "a" * 600], TEXT)
        | st.sampled_from(ESCAPING_PATHS),
    }


@st.composite
def plausible_records(draw, order_ids: list[str]) -> dict:
    """Draw a record that a factory could send, so that some records apply."""
    status = draw(st.sampled_from([state.value for state in FACTORY_STATES]))
    moment = draw(st.datetimes(datetime(2025, 1, 1), datetime(2026, 12, 31)))
    record = {
        "order_id": draw(st.sampled_from(order_ids)),
        "status": status,
        "timestamp": moment.isoformat(),
    }
    if status == OrderState.SHIPPED:
        record["qc_result"] = "passed"
    if draw(st.booleans()):
        record["attachment"] = ATTACHMENT
    return record


@st.composite
def records(draw, order_ids: list[str], typed: bool) -> dict:
    """Draw one record; ``typed`` allows JSON values that are not text."""
    if draw(st.booleans()):
        return draw(plausible_records(order_ids))
    strategies = fields(order_ids)
    optional = st.sampled_from(OPTIONAL_FIELDS + ("extra",))
    names = list(REQUIRED_FIELDS) + draw(st.lists(optional, unique=True))
    # Most records have every required field, so that many reach an order.
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        names.remove(draw(st.sampled_from(REQUIRED_FIELDS)))
    record = {}
    for name in names:
        strategy = strategies.get(name, TEXT)
        if typed and draw(st.integers(min_value=0, max_value=9)) == 0:
            strategy = JSON_LEAVES | st.lists(JSON_LEAVES, max_size=2)
        record[name] = draw(strategy)
    return record


@st.composite
def json_files(draw, order_ids: list[str]) -> bytes:
    updates = draw(st.lists(records(order_ids, typed=True), max_size=6))
    shape = draw(st.sampled_from(["object", "object", "list", "other", "bytes"]))
    if shape == "object":
        form = draw(st.sampled_from(["atelier-factory-status/1", "v2", 1]))
        document = {"format": form, "updates": updates}
    elif shape == "list":
        document = updates
    elif shape == "other":
        document = draw(JSON_LEAVES | st.dictionaries(TEXT, JSON_LEAVES, max_size=2))
    else:
        return draw(st.binary(max_size=120))
    data = json.dumps(document, ensure_ascii=False)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    return data.encode("utf-8")


@st.composite
def csv_files(draw, order_ids: list[str]) -> bytes:
    columns = list(REQUIRED_FIELDS + OPTIONAL_FIELDS)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        columns.remove(draw(st.sampled_from(columns)))
    columns = draw(st.permutations(columns))
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(columns)
    for record in draw(st.lists(records(order_ids, typed=False), max_size=6)):
        row = [record.get(name, "") for name in columns]
        if draw(st.integers(min_value=0, max_value=9)) == 0:
            row = row[: draw(st.integers(min_value=0, max_value=len(row)))]
        writer.writerow(row)
    data = stream.getvalue().encode("utf-8")
    form = draw(st.sampled_from(["plain", "plain", "plain", "bom", "bytes"]))
    if form == "bom":
        return b"\xef\xbb\xbf" + data
    if form == "bytes":
        return draw(st.binary(max_size=120))
    return data


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file and link under ``root``."""
    return {
        str(path.relative_to(root)): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
    }


def snapshot(database) -> dict[str, list[tuple]]:
    """Every row of the tables a status import writes to."""
    models = (Order, OrderTransition, FactoryUpdate, QuarantinedUpdate)
    with database.session(readonly=True) as session:
        return {
            model.__tablename__: [
                tuple(row)
                for row in session.execute(
                    select(model.__table__).order_by(*model.__table__.primary_key)
                )
            ]
            for model in models
        }


def count(database, model, *conditions) -> int:
    with database.session(readonly=True) as session:
        query = select(func.count()).select_from(model).where(*conditions)
        return session.scalar(query)


@pytest.fixture
def factory_orders(studio_db, frozen_examples) -> list[str]:
    """Ids of eight paid orders that the factory can move along.

    The orders are paid on 1 March 2025, before most generated timestamps.
    """
    ring = frozen_examples["ring-band"]
    placed = datetime(2025, 3, 1, 9, 0)
    ids = []
    with studio_db.session() as session:
        for _ in range(8):
            order = orders.place_order(session, "demo", ring, "ana", now=placed)
            orders.record_payment(
                session,
                order.id,
                "balance",
                ring.price.total,
                "card",
                "ana",
                received_at=placed,
            )
            orders.transition(
                session, order.id, OrderState.PAID, "ana", occurred_at=placed
            )
            ids.append(order.id)
    return ids


@pytest.fixture
def status_root(tmp_path_factory) -> Path:
    """A folder with a status folder inside and a secret file beside it."""
    root = tmp_path_factory.mktemp("factory")
    (root / "outside.txt").write_bytes(SECRET)
    folder = root / "status"
    (folder / "qc").mkdir(parents=True)
    (folder / ATTACHMENT).write_bytes(b"%PDF-1.4 QC report")
    (folder / "link-out").symlink_to(root / "outside.txt")
    return root


# File names differ per example, so each record's source is new.
_names = itertools.count()


def apply_generated(database, root: Path, suffix: str, data: bytes) -> None:
    folder = root / "status"
    path = folder / f"status-{next(_names)}{suffix}"
    path.write_bytes(data)
    files_before = tree(root)
    rows_before = snapshot(database)
    moved_before = count(database, OrderTransition, OrderTransition.actor == "factory")
    updates_before = count(database, FactoryUpdate)
    quarantined_before = count(database, QuarantinedUpdate)

    try:
        report = apply_status_path(database, path)
    except StatusFileError as error:
        assert str(error).startswith(str(path))
        assert snapshot(database) == rows_before
        assert tree(root) == files_before
        return

    assert tree(root) == files_before
    event(f"records applied: {min(report.applied, 1)}")
    total = len(list(read_status_file(path)))
    moved = count(database, OrderTransition, OrderTransition.actor == FACTORY_ACTOR)
    updates = count(database, FactoryUpdate)
    assert (
        report.applied
        + report.ignored
        + report.quarantined
        + report.already_quarantined
        == total
    )
    assert moved - moved_before == report.applied
    assert count(database, QuarantinedUpdate) - quarantined_before == (
        report.quarantined
    )
    assert report.applied <= updates - updates_before
    assert updates - updates_before <= report.applied + report.ignored
    check_recorded_attachments(database, folder)


def check_recorded_attachments(database, folder: Path) -> None:
    with database.session(readonly=True) as session:
        recorded = session.execute(
            select(FactoryUpdate.attachment, FactoryUpdate.attachment_sha256).where(
                FactoryUpdate.attachment.is_not(None)
            )
        ).all()
    for attachment, digest in recorded:
        path = (folder / attachment).resolve()
        assert path.is_relative_to(folder.resolve()), attachment
        assert digest == hashlib.sha256(path.read_bytes()).hexdigest()


@FUZZ_SETTINGS
@given(data=st.data())
def test_json_status_applies_or_fails_whole(
    studio_db, factory_orders, status_root, data
):
    generated = data.draw(json_files(factory_orders))
    apply_generated(studio_db, status_root, ".json", generated)


@FUZZ_SETTINGS
@given(data=st.data())
def test_csv_status_applies_or_fails_whole(
    studio_db, factory_orders, status_root, data
):
    generated = data.draw(csv_files(factory_orders))
    apply_generated(studio_db, status_root, ".csv", generated)


@pytest.mark.parametrize("attachment", ESCAPING_PATHS)
def test_escaping_attachment_quarantined(
    studio_db, factory_orders, status_root, attachment
):
    record = {
        "order_id": factory_orders[0],
        "status": "in_production",
        "timestamp": "2025-03-02T09:00:00",
        "attachment": attachment,
    }
    path = status_root / "status" / "escape.json"
    path.write_text(json.dumps([record]), encoding="utf-8")

    report = apply_status_path(studio_db, path)

    assert (report.applied, report.quarantined) == (0, 1)
    assert count(studio_db, FactoryUpdate) == 0
    with studio_db.session(readonly=True) as session:
        entry = session.scalars(select(QuarantinedUpdate)).one()
        state = orders.get_order(session, factory_orders[0]).state
    assert entry.order_id == factory_orders[0]
    assert f"attachment {attachment!r}" in entry.reason
    assert state == OrderState.PAID


# Files whose values exceed a parser's limits: a CSV field beyond the csv
# module's 131,072 characters, and an integer beyond the 4,300 digits that
# Python converts from text.
OVERSIZED = {
    "field.csv": "order_id,status,timestamp\nA-000001," + "x" * 200_000 + ",now\n",
    "number.json": '[{"order_id": ' + "9" * 5_000 + "}]",
}


@pytest.mark.parametrize("name", sorted(OVERSIZED))
def test_oversized_value_fails_clearly(studio_db, status_root, name):
    path = status_root / "status" / name
    path.write_text(OVERSIZED[name], encoding="utf-8")
    before = snapshot(studio_db)

    with pytest.raises(StatusFileError, match="too large|too long|limit"):
        apply_status_path(studio_db, path)
    assert snapshot(studio_db) == before
