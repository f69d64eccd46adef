"""Functions that test processes run; importable by spawned interpreters."""

from __future__ import annotations

from pathlib import Path

from storage import repositories as repo
from storage.db import create_database_engine, open_database
from storage.migrate import upgrade_to_head

EVENTS_PER_WRITER = 500
SETTINGS_PER_WRITER = 50


def write_events_and_settings(url: str, writer: int, start) -> None:
    """Write one event and one settings row per transaction, as a kiosk would.

    ``start`` is a multiprocessing barrier, so that every writer begins at
    once. Any exception ends the process with a non-zero exit code.
    """
    database = open_database(url)
    start.wait()
    for number in range(EVENTS_PER_WRITER):
        reference = f"w{writer}-{number}"
        database.write(
            lambda session, reference=reference: repo.record_event(
                session, "c1", "p1", "view", reference=reference
            )
        )
    for number in range(SETTINGS_PER_WRITER):
        key = f"kiosk.{writer}.{number}"
        database.write(
            lambda session, key=key, number=number: repo.set_setting(
                session, key, str(number)
            )
        )
    database.dispose()


def migrate_in_process(url: str, scripts: str, start, results) -> None:
    """Migrate ``url`` with the scripts in ``scripts``, as a kiosk starting up.

    Puts the list of revisions that this process applied on ``results``.
    """
    engine = create_database_engine(url)
    start.wait()
    applied = upgrade_to_head(engine, script_location=Path(scripts))
    engine.dispose()
    results.put(applied)


def write_events_until(url: str, writer: int, stop) -> None:
    """Write one event per transaction until ``stop`` is set, at most 20,000."""
    database = open_database(url)
    for number in range(20_000):
        if stop.is_set():
            break
        reference = f"w{writer}-{number}"
        database.write(
            lambda session, reference=reference: repo.record_event(
                session, "c1", "p1", "view", reference=reference
            )
        )
    database.dispose()
