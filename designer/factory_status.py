"""Status updates from the factory, read from JSON or CSV files.

Each record names an order, a status, a timestamp, and optionally a note, a
QC result and an attachment (a QC report or photo beside the file)::

    order_id,status,timestamp,note,qc_result,attachment
    A-000001,in_production,2025-03-02T09:00:00+01:00,casting,,
    A-000001,shipped,2025-03-09T16:30:00+01:00,DHL 123,passed,qc/A-000001.pdf

or ``{"format": "atelier-factory-status/1", "updates": [{"order_id": ...}]}``.

Applying is idempotent: every record has a key (the SHA-256 of its order id,
status, timestamp and QC result), and a key seen before changes nothing, so
applying the same file twice changes nothing. A record that cannot be
applied goes to the quarantine table with the reason, so nothing is
dropped: an unknown order, a step the order flow does not allow, a missing
field, an attachment outside the file's folder, or a timestamp before the
order's last state change or more than a day after the current time. Staff
retry or dismiss quarantined records. In JSON, a field set to ``null`` reads
as an absent field.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from designer.orders import (
    MAX_NOTE_LENGTH,
    OrderError,
    OrderNotFoundError,
    TransitionError,
    get_order,
    parse_state,
    transition,
)
from storage.db import Database
from storage.messages import (
    QT_TRANSLATE_NOOP,
    Message,
    TranslatableError,
    message,
    message_from_json,
    message_to_json,
)
from storage.order_schema import FactoryUpdate, OrderState, QcResult, QuarantinedUpdate
from storage.os_errors import os_error_reason

logger = logging.getLogger(__name__)

STATUS_FORMAT = "atelier-factory-status/1"
FACTORY_ACTOR = "factory"
REQUIRED_FIELDS = ("order_id", "status", "timestamp")
OPTIONAL_FIELDS = ("note", "qc_result", "attachment")
FILE_SUFFIXES = (".json", ".csv")
# How far past the current time a record's timestamp may lie. The margin
# covers a factory clock that runs ahead and time zones east of the store.
MAX_CLOCK_AHEAD = timedelta(days=1)
# Maximum length of an attachment path: the length of its database column.
MAX_ATTACHMENT_LENGTH = FactoryUpdate.__table__.c.attachment.type.length

# States a factory may report; the store's own steps (quotes, payments,
# cancellations) never come from a factory file.
FACTORY_STATES = (
    OrderState.IN_PRODUCTION,
    OrderState.QUALITY_CHECK,
    OrderState.SHIPPED,
    OrderState.DELIVERED,
)

APPLIED = "applied"
ALREADY = "already"
DISMISSED = "dismissed"
RESOLUTION_NAMES = {
    APPLIED: QT_TRANSLATE_NOOP("Orders", "applied"),
    DISMISSED: QT_TRANSLATE_NOOP("Orders", "dismissed"),
}


class StatusFileError(TranslatableError, ValueError):
    """A status file that cannot be read at all; nothing of it was applied."""


class TimestampError(OrderError):
    """A record whose timestamp cannot be the time of the order's next change."""


@dataclass
class ApplyReport:
    """Counts of one import, and the reason for each quarantined record."""

    applied: int = 0
    ignored: int = 0
    quarantined: int = 0
    # Number of records that still wait in quarantine from an earlier import.
    already_quarantined: int = 0
    reasons: list[str] = field(default_factory=list)
    # Files of a folder that were rejected whole, each with its reason.
    rejected_files: list[Message] = field(default_factory=list)

    def add(self, other: ApplyReport) -> None:
        self.applied += other.applied
        self.ignored += other.ignored
        self.quarantined += other.quarantined
        self.already_quarantined += other.already_quarantined
        self.reasons.extend(other.reasons)
        self.rejected_files.extend(other.rejected_files)


@dataclass(frozen=True)
class StatusUpdate:
    """One checked record: an order, a status and when the factory reported it."""

    order_id: str
    status: OrderState
    reported_at: datetime
    note: str
    qc_result: str | None
    attachment: str | None
    attachment_sha256: str | None = None

    @property
    def key(self) -> str:
        text = "|".join(
            [
                self.order_id,
                self.status.value,
                self.reported_at.isoformat(),
                self.qc_result or "",
            ]
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Rejected(TranslatableError):
    """A record to quarantine, with the reason as a translatable message."""


@dataclass(frozen=True)
class _RawRecord:
    source: str
    fields: dict[str, Any]

    @property
    def text(self) -> str:
        return json.dumps(self.fields, sort_keys=True, ensure_ascii=False, default=str)

    @property
    def key(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def apply_status_path(
    database: Database, path: Path | str, now: datetime | None = None
) -> ApplyReport:
    """Apply one status file, or every ``.json`` and ``.csv`` file in a folder.

    Files in a folder are applied in name order, each in its own
    transaction. A file in the folder that is a link to somewhere outside
    the folder is quarantined, not read. A folder's file that is not valid
    JSON or CSV of this format is rejected whole and listed in the report's
    ``rejected_files``; the other files still apply.

    Raises
    ------
    StatusFileError
        If the path does not exist, or a single file given as the path is
        not valid JSON or CSV of this format.
    """
    path = Path(path)
    try:
        is_folder = path.is_dir()
    except OSError as error:
        # Such as a name too long for the disk; is_dir reports only a
        # missing path as False.
        raise _unreadable(path, error) from None
    if is_folder:
        report = ApplyReport()
        folder = path.resolve()
        for child in sorted(path.iterdir()):
            if child.suffix.lower() not in FILE_SUFFIXES:
                continue
            if not child.resolve().is_relative_to(folder):
                report.add(_quarantine_outside_file(database, child, now))
                continue
            try:
                report.add(apply_status_file(database, child, now))
            except StatusFileError as error:
                logger.warning("status file rejected: %s", error)
                report.rejected_files.append(error.message)
        return report
    return apply_status_file(database, path, now)


def _unreadable(path: Path, error: OSError) -> StatusFileError:
    """Return the error for a status path that the system failed to read."""
    return StatusFileError(
        QT_TRANSLATE_NOOP("Orders", "{path}: cannot be read: {reason}"),
        path=path,
        reason=os_error_reason(error),
    )


def apply_status_file(
    database: Database, path: Path | str, now: datetime | None = None
) -> ApplyReport:
    """Apply the records of one status file in one transaction.

    Records apply in timestamp order, so a file may list them in any order.
    """
    path = Path(path)
    now = now or datetime.now()
    records = list(read_status_file(path))
    report = ApplyReport()
    checked: list[tuple[_RawRecord, StatusUpdate | None, str]] = []
    for record in records:
        try:
            checked.append((record, _check(record, path.parent), ""))
        except _Rejected as rejected:
            checked.append((record, None, rejected.message))
    checked.sort(key=lambda item: item[1].reported_at if item[1] else datetime.min)
    with database.session() as session:
        for record, update, reason in checked:
            if update is None:
                _quarantine(session, record, None, reason, record.key, now, report)
            else:
                _apply(session, record, update, now, report)
    logger.info(
        "status file %s: %d applied, %d ignored, %d quarantined, "
        "%d already quarantined",
        path,
        report.applied,
        report.ignored,
        report.quarantined,
        report.already_quarantined,
    )
    return report


def read_status_file(path: Path) -> Iterator[_RawRecord]:
    """Yield the file's records with their source, such as ``file.csv:3``.

    Raises
    ------
    StatusFileError
        If the file is missing, not UTF-8, or not of this format.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise StatusFileError(
            QT_TRANSLATE_NOOP("Orders", "{path}: file not found"), path=path
        ) from None
    except UnicodeDecodeError:
        raise StatusFileError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "{path}: is not UTF-8 text; save the file with the encoding "
                "UTF-8 and apply it again",
            ),
            path=path,
        ) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    if path.suffix.lower() == ".json":
        yield from _json_records(path, text)
    elif path.suffix.lower() == ".csv":
        yield from _csv_records(path, text)
    else:
        raise StatusFileError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "{path}: suffix {suffix} is not supported; send .json or .csv",
            ),
            path=path,
            suffix=repr(path.suffix),
        )


def _json_records(path: Path, text: str) -> Iterator[_RawRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise StatusFileError(
            QT_TRANSLATE_NOOP(
                "Orders", "{path}: is not valid JSON: {error} at line {line}"
            ),
            path=path,
            error=error.msg,
            line=error.lineno,
        ) from None
    except ValueError as error:
        # An integer beyond Python's digit limit for conversion from text.
        raise StatusFileError(
            QT_TRANSLATE_NOOP(
                "Orders", "{path}: contains a value over a limit: {error}"
            ),
            path=path,
            error=str(error),
        ) from None
    except RecursionError:
        raise StatusFileError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "{path}: nests its lists or objects more deeply than Python can "
                "read, so it is not a status file; ask the factory to send it "
                "again",
            ),
            path=path,
        ) from None
    if isinstance(data, dict):
        if data.get("format", STATUS_FORMAT) != STATUS_FORMAT:
            raise StatusFileError(
                QT_TRANSLATE_NOOP(
                    "Orders", "{path}: format {format} is not supported; use {known}"
                ),
                path=path,
                format=repr(data["format"]),
                known=repr(STATUS_FORMAT),
            )
        data = data.get("updates")
    if not isinstance(data, list):
        raise StatusFileError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "{path}: expected a list of updates, or an object with an "
                "'updates' list",
            ),
            path=path,
        )
    for index, item in enumerate(data):
        source = f"{path.name}#{index}"
        fields = item if isinstance(item, dict) else {"record": item}
        yield _RawRecord(source, dict(fields))


def _csv_records(path: Path, text: str) -> Iterator[_RawRecord]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        yield from _csv_rows(path, reader)
    except csv.Error as error:
        # A field longer than csv.field_size_limit(), for example.
        raise StatusFileError(
            QT_TRANSLATE_NOOP(
                "Orders", "{path}: line {line} cannot be read as CSV: {error}"
            ),
            path=path,
            line=reader.line_num,
            error=str(error),
        ) from None


def _csv_rows(path: Path, reader: csv.DictReader) -> Iterator[_RawRecord]:
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_FIELDS if name not in header]
    if missing:
        raise StatusFileError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "{path}: the header lacks {missing}; the first line must name "
                "the columns {columns}",
            ),
            path=path,
            missing=missing,
            columns=REQUIRED_FIELDS + OPTIONAL_FIELDS,
        )
    for row in reader:
        fields = {
            (name or "").strip(): value
            for name, value in row.items()
            if value not in (None, "")
        }
        yield _RawRecord(f"{path.name}:{reader.line_num}", fields)


def _check(record: _RawRecord, folder: Path | None) -> StatusUpdate:
    # A JSON null reads as an absent field. CSV has no null.
    fields = {name: value for name, value in record.fields.items() if value is not None}
    missing = [name for name in REQUIRED_FIELDS if not str(fields.get(name, ""))]
    if missing:
        raise _Rejected(QT_TRANSLATE_NOOP("Orders", "missing {fields}"), fields=missing)
    try:
        status = parse_state(fields["status"])
    except OrderError as error:
        raise _Rejected(error.message) from None
    if status not in FACTORY_STATES:
        raise _Rejected(
            QT_TRANSLATE_NOOP(
                "Orders", "status {status} cannot come from the factory; use {allowed}"
            ),
            # The ids, not the states' names, because the file must use them.
            status=status.value,
            allowed=tuple(state.value for state in FACTORY_STATES),
        )
    qc_result = str(fields.get("qc_result", "")).strip().lower() or None
    if qc_result is not None and qc_result not in tuple(QcResult):
        raise _Rejected(
            QT_TRANSLATE_NOOP(
                "Orders", "qc_result {value} is unknown; use passed or failed"
            ),
            value=repr(qc_result),
        )
    note = str(fields.get("note", "")).strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise _Rejected(
            QT_TRANSLATE_NOOP(
                "Orders", "note has {length} characters; give at most {maximum}"
            ),
            length=len(note),
            maximum=MAX_NOTE_LENGTH,
        )
    attachment = fields.get("attachment")
    digest = None
    if attachment is not None:
        digest = _attachment_digest(folder, str(attachment))
    return StatusUpdate(
        order_id=str(fields["order_id"]).strip(),
        status=status,
        reported_at=_timestamp(str(fields["timestamp"])),
        note=note,
        qc_result=qc_result,
        attachment=None if attachment is None else str(attachment),
        attachment_sha256=digest,
    )


def _timestamp(text: str) -> datetime:
    """Read ISO 8601; a time with an offset becomes the store's local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise _Rejected(
            QT_TRANSLATE_NOOP(
                "Orders",
                "timestamp {timestamp} is not ISO 8601, such as "
                "2025-03-02T09:00:00+01:00",
            ),
            timestamp=repr(text),
        ) from None
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone().replace(tzinfo=None)
        except OverflowError:
            raise _Rejected(
                QT_TRANSLATE_NOOP(
                    "Orders",
                    "timestamp {timestamp} is out of range in the store's time "
                    "zone; give a date between the years 1 and 9999",
                ),
                timestamp=repr(text),
            ) from None
    return moment


def _attachment_digest(folder: Path | None, name: str) -> str | None:
    """Return the SHA-256 of the attachment, which must stay inside ``folder``.

    Without a folder only the path's shape is checked, and ``None`` returned.
    """
    path = _attachment_path(folder, name)
    if path is None:
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        raise _Rejected(
            QT_TRANSLATE_NOOP("Orders", "attachment {name} cannot be read: {error}"),
            name=repr(name),
            error=os_error_reason(error),
        ) from None


def _attachment_path(folder: Path | None, name: str) -> Path | None:
    """Return the attachment's path, which must stay inside ``folder``.

    Without a folder only the path's shape is checked, and ``None`` returned.
    """
    if len(name) > MAX_ATTACHMENT_LENGTH:
        raise _Rejected(
            QT_TRANSLATE_NOOP(
                "Orders",
                "attachment path {name}... is {length} characters long; give a "
                "path of at most {maximum}",
            ),
            name=repr(name[:40]),
            length=len(name),
            maximum=MAX_ATTACHMENT_LENGTH,
        )
    if "\x00" in name:
        raise _Rejected(
            QT_TRANSLATE_NOOP("Orders", "attachment {name} contains a NUL character"),
            name=repr(name),
        )
    relative = Path(name)
    if relative.is_absolute() or relative.drive:
        raise _Rejected(
            QT_TRANSLATE_NOOP(
                "Orders",
                "attachment {name} is an absolute path; give a path relative to "
                "the status file's folder",
            ),
            name=repr(name),
        )
    if ".." in relative.parts and folder is None:
        raise _Rejected(
            QT_TRANSLATE_NOOP(
                "Orders", "attachment {name} leads outside the status file's folder"
            ),
            name=repr(name),
        )
    if folder is None:
        return None
    root = folder.resolve()
    try:
        path = (root / relative).resolve()
        inside = path.is_relative_to(root)
        found = inside and path.is_file()
    except OSError as error:
        # A name too long for the file system, for example.
        raise _Rejected(
            QT_TRANSLATE_NOOP("Orders", "attachment {name} cannot be checked: {error}"),
            name=repr(name),
            error=os_error_reason(error),
        ) from None
    if not inside:
        raise _Rejected(
            QT_TRANSLATE_NOOP(
                "Orders",
                "attachment {name} leads outside the status file's folder "
                "{folder}; put the file inside that folder",
            ),
            name=repr(name),
            folder=root,
        )
    if not found:
        raise _Rejected(
            QT_TRANSLATE_NOOP("Orders", "attachment {name} not found in {folder}"),
            name=repr(name),
            folder=root,
        )
    return path


def _apply(
    session: Session,
    record: _RawRecord,
    update: StatusUpdate,
    now: datetime,
    report: ApplyReport,
) -> None:
    seen = _seen(session, update.key)
    if seen == SEEN_DONE:
        report.ignored += 1
        return
    try:
        outcome = _apply_update(session, record, update, now)
    except (OrderNotFoundError, TransitionError, TimestampError) as error:
        if seen == SEEN_WAITING:
            report.already_quarantined += 1
            return
        _quarantine(session, record, update, error.message, update.key, now, report)
        return
    if seen == SEEN_WAITING:
        # Sent again once it can apply, for example after its order was
        # placed: the waiting entry is settled by the new copy.
        _settle_waiting(session, update.key, now)
    if outcome == APPLIED:
        report.applied += 1
    else:
        report.ignored += 1


def _apply_update(
    session: Session,
    record: _RawRecord,
    update: StatusUpdate,
    now: datetime,
) -> str:
    """Move the order and remember the key; return ``APPLIED`` or ``ALREADY``.

    An order already in the reported state is left as it is. Raises
    :class:`OrderNotFoundError`, :class:`TransitionError` or
    :class:`TimestampError` for a record to quarantine, and then changes
    nothing.
    """
    order = get_order(session, update.order_id)
    outcome = ALREADY
    if order.state != update.status:
        _check_timestamp(order.id, order.state_changed_at, update.reported_at, now)
        # A savepoint, so a rejected step leaves the file's other records.
        with session.begin_nested():
            transition(
                session,
                update.order_id,
                update.status,
                FACTORY_ACTOR,
                update.note,
                qc_result=update.qc_result,
                occurred_at=update.reported_at,
                source=record.source,
            )
        outcome = APPLIED
    _remember(session, record, update, outcome, now)
    return outcome


def _check_timestamp(
    order_id: str, changed_at: datetime, reported_at: datetime, now: datetime
) -> None:
    """Raise :class:`TimestampError` unless the record can follow the last change.

    A change cannot come before the order's last state change, or the
    history would list it out of order, and it cannot lie in the future
    beyond the clock margin ``MAX_CLOCK_AHEAD``.
    """
    if reported_at < changed_at:
        raise TimestampError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "order {order}: the record's timestamp {timestamp} is before the "
                "order's last state change at {changed}; correct the timestamp "
                "in the factory file and apply it again, or dismiss the record",
            ),
            order=order_id,
            timestamp=reported_at.isoformat(sep=" "),
            changed=changed_at.isoformat(sep=" ", timespec="seconds"),
        )
    if reported_at > now + MAX_CLOCK_AHEAD:
        raise TimestampError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "order {order}: the record's timestamp {timestamp} is more than "
                "a day after the current time {now}; correct the timestamp in "
                "the factory file and apply it again, or dismiss the record",
            ),
            order=order_id,
            timestamp=reported_at.isoformat(sep=" "),
            now=now.isoformat(sep=" ", timespec="seconds"),
        )


SEEN_NEW = "new"
SEEN_DONE = "done"
SEEN_WAITING = "waiting"


def _seen(session: Session, key: str) -> str:
    """Return whether a record with ``key`` is new, settled, or waiting.

    An applied record, or a quarantined one that staff retried or
    dismissed, is settled. One that still waits in quarantine is tried
    again each time the factory sends it.
    """
    if session.get(FactoryUpdate, key) is not None:
        return SEEN_DONE
    query = select(QuarantinedUpdate.resolution).where(QuarantinedUpdate.key == key)
    resolutions = list(session.scalars(query))
    if not resolutions:
        return SEEN_NEW
    return SEEN_WAITING if None in resolutions else SEEN_DONE


def _settle_waiting(session: Session, key: str, now: datetime) -> None:
    waiting = select(QuarantinedUpdate).where(
        QuarantinedUpdate.key == key, QuarantinedUpdate.resolution.is_(None)
    )
    for entry in session.scalars(waiting):
        entry.resolution = APPLIED
        entry.resolved_at = now
        entry.resolved_by = FACTORY_ACTOR
        entry.resolution_note = "applied when the factory sent it again"


def _remember(
    session: Session,
    record: _RawRecord,
    update: StatusUpdate,
    outcome: str,
    now: datetime,
) -> None:
    session.add(
        FactoryUpdate(
            key=update.key,
            order_id=update.order_id,
            status=update.status.value,
            reported_at=update.reported_at,
            source=record.source[:500],
            outcome=outcome,
            attachment=update.attachment,
            attachment_sha256=update.attachment_sha256,
            received_at=now,
        )
    )
    session.flush()


def _quarantine(
    session: Session,
    record: _RawRecord,
    update: StatusUpdate | None,
    reason: Message,
    key: str,
    now: datetime,
    report: ApplyReport,
) -> None:
    seen = _seen(session, key)
    if seen != SEEN_NEW:
        if seen == SEEN_WAITING:
            report.already_quarantined += 1
        else:
            report.ignored += 1
        return
    fields = record.fields
    session.add(
        QuarantinedUpdate(
            key=key,
            source=record.source[:500],
            record=record.text,
            order_id=str(fields.get("order_id") or "")[:64] or None,
            status=str(fields.get("status") or "")[:40] or None,
            reason=str(reason),
            reason_message=message_to_json(reason),
            received_at=now,
        )
    )
    session.flush()
    report.quarantined += 1
    report.reasons.append(f"{record.source}: {reason}")
    logger.warning("factory record %s quarantined: %s", record.source, reason)


def _quarantine_outside_file(
    database: Database, path: Path, now: datetime | None
) -> ApplyReport:
    report = ApplyReport()
    record = _RawRecord(path.name, {"file": path.name})
    reason = message(
        QT_TRANSLATE_NOOP(
            "Orders",
            "file {name} links to {target}, outside the folder; copy the file "
            "into the folder instead",
        ),
        name=path.name,
        target=path.resolve(),
    )
    with database.session() as session:
        _quarantine(
            session, record, None, reason, record.key, now or datetime.now(), report
        )
    return report


# Staff review ------------------------------------------------------------------


def list_quarantine(
    session: Session, *, include_resolved: bool = False
) -> list[QuarantinedUpdate]:
    """Return quarantined records, oldest first; by default only unresolved ones."""
    query = select(QuarantinedUpdate).order_by(QuarantinedUpdate.id)
    if not include_resolved:
        query = query.where(QuarantinedUpdate.resolution.is_(None))
    return list(session.scalars(query))


def quarantine_reason(entry: QuarantinedUpdate) -> Message:
    """Return why ``entry`` waits in quarantine, as a translatable message.

    A reason stored without a message, by a studio version before messages
    were kept or in words no migration recognised, is returned as its
    stored English text.
    """
    if entry.reason_message is not None:
        try:
            return message_from_json(entry.reason_message)
        except ValueError:
            logger.warning(
                "quarantined record %s has an invalid reason message", entry.id
            )
    return Message(entry.reason)


def retry_quarantined(
    session: Session,
    entry_id: int,
    actor: str,
    folder: Path | None = None,
    now: datetime | None = None,
) -> bool:
    """Apply a quarantined record again, for example once its order exists.

    ``folder`` is the status file's folder, where an attachment is checked
    and hashed. Without it, only the attachment path's shape is checked.
    Returns whether the record now applies. If it does not, the entry keeps
    waiting with the new reason.
    """
    entry = _entry(session, entry_id)
    now = now or datetime.now()
    record = _RawRecord(entry.source, json.loads(entry.record))
    try:
        update = _check(record, folder)
        if session.get(FactoryUpdate, update.key) is None:
            _apply_update(session, record, update, now)
    except (_Rejected, OrderNotFoundError, TransitionError, TimestampError) as error:
        entry.reason = str(error)
        entry.reason_message = message_to_json(error.message)
        return False
    entry.resolution = APPLIED
    entry.resolved_at = now
    entry.resolved_by = actor
    entry.resolution_note = "applied on retry"
    session.flush()
    logger.info("quarantined record %s applied on retry by %s", entry_id, actor)
    return True


def dismiss_quarantined(
    session: Session, entry_id: int, actor: str, note: str, now: datetime | None = None
) -> None:
    """Close a quarantined record without applying it, recording why."""
    entry = _entry(session, entry_id)
    if not note.strip():
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "dismissing quarantined record {record} requires a note that says why",
            ),
            record=entry_id,
        )
    entry.resolution = DISMISSED
    entry.resolved_at = now or datetime.now()
    entry.resolved_by = actor
    entry.resolution_note = note.strip()
    session.flush()


def _entry(session: Session, entry_id: int) -> QuarantinedUpdate:
    entry = session.get(QuarantinedUpdate, entry_id)
    if entry is None:
        raise OrderError(
            QT_TRANSLATE_NOOP("Orders", "quarantined record {record} not found"),
            record=entry_id,
        )
    if entry.resolution is not None:
        raise OrderError(
            QT_TRANSLATE_NOOP(
                "Orders",
                "quarantined record {record} was already {resolution} by {actor}",
            ),
            record=entry_id,
            resolution=message(
                RESOLUTION_NAMES.get(entry.resolution, entry.resolution)
            ),
            actor=entry.resolved_by,
        )
    return entry
