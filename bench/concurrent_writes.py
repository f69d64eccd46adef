"""Time kiosks writing one database at once, one event per transaction.

Run ``python -m bench.concurrent_writes [--writers 4] [--events 500]
[--database URL]``. Without ``--database`` the writers share a new SQLite
file in a temporary folder, deleted at the end. With a PostgreSQL URL the
database must be empty or hold only Atelier's tables, and the benchmark
adds its rows to it. The script prints one JSON object: the wall time from
the moment all writers start, the committed events per second, the 50th
and 95th percentile of one write's latency, and how many whole-transaction
retries the writers made.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from storage import repositories as repo
from storage.db import open_database
from storage.schema import Customer, Event, Product

CUSTOMER_ID = "bench-customer"
PRODUCT_ID = "bench-product"


class _RetryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Retrying"):
            self.count += 1


def _writer(url: str, number: int, events: int, start, results) -> None:
    counter = _RetryCounter()
    retry_logger = logging.getLogger("storage.retry")
    retry_logger.setLevel(logging.INFO)
    retry_logger.addHandler(counter)
    database = open_database(url)
    latencies = []
    start.wait()
    for index in range(events):
        began = time.perf_counter()
        database.write(
            lambda session, index=index: repo.record_event(
                session, CUSTOMER_ID, PRODUCT_ID, "view", reference=f"{number}-{index}"
            )
        )
        latencies.append(time.perf_counter() - began)
    database.dispose()
    results.put((latencies, counter.count))


def run(url: str, writers: int, events: int) -> dict[str, object]:
    """Run the writers against ``url`` and return the measurements."""
    database = open_database(url)
    with database.session() as session:
        if repo.get_customer(session, CUSTOMER_ID) is None:
            session.add(
                Customer(
                    id=CUSTOMER_ID, display_name="Bench", created_at=datetime.now()
                )
            )
            session.add(Product(id=PRODUCT_ID, name="Bench", category="bench"))
    with database.session(readonly=True) as session:
        before = repo.count_rows(session, Event)

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(writers + 1)
    results = context.Queue()
    processes = [
        context.Process(target=_writer, args=(url, number, events, start, results))
        for number in range(writers)
    ]
    for process in processes:
        process.start()
    start.wait()
    began = time.perf_counter()
    outcomes = [results.get(timeout=600) for _ in processes]
    elapsed = time.perf_counter() - began
    for process in processes:
        process.join()

    with database.session(readonly=True) as session:
        stored = repo.count_rows(session, Event) - before
    database.dispose()
    latencies = sorted(value for values, _retries in outcomes for value in values)
    return {
        "backend": database.engine.dialect.name,
        "writers": writers,
        "events_per_writer": events,
        "events_stored": stored,
        "seconds": round(elapsed, 2),
        "events_per_second": round(stored / elapsed, 1),
        "latency_ms_p50": round(statistics.median(latencies) * 1000, 2),
        "latency_ms_p95": round(latencies[int(len(latencies) * 0.95)] * 1000, 2),
        "retries": sum(retries for _values, retries in outcomes),
    }


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the benchmark and print its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=4, help="processes (default 4)")
    parser.add_argument(
        "--events", type=int, default=500, help="events per writer (default 500)"
    )
    parser.add_argument("--database", metavar="URL", help="default: a new SQLite file")
    arguments = parser.parse_args(argv)

    if arguments.database:
        print(json.dumps(run(arguments.database, arguments.writers, arguments.events)))
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        print(json.dumps(run(url, arguments.writers, arguments.events)))


if __name__ == "__main__":
    main()
