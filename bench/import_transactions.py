"""Time the Online Retail import and a recommendation on the imported data.

Run ``python -m bench.import_transactions [--file PATH]``. The import goes
into a new SQLite database in a temporary folder, which is deleted at the
end. The script prints one JSON object: the import time, the first
``recommend`` call (which reads the events from SQLite and fits the hybrid
recommender), the median and 95th percentile of the following calls (served
from the fitted model), and the cleaning counts.

The following calls are also timed in CPU time of the calling thread
(``recommend_cpu_ms``), which leaves out the time other processes held the
processor, and ``load_average`` gives the 1-minute load average before and
after them, so figures from a busy machine can be read as such.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from recommender.interactions import clear_cache
from recommender.knn import clear_models, recommend
from recommender.online_retail import import_transactions
from storage.db import open_database

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_FILE = DATA_DIR / "online-retail" / "online_retail.csv.gz"
CUSTOMER_ID = "17850"
REPEATS = 50


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, run the benchmark and print its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--file",
        type=Path,
        default=DEFAULT_FILE,
        help="Online Retail CSV file, plain or gzip (default: %(default)s)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=REPEATS,
        help="recommend calls to time after the first (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")
    print(json.dumps(run(args.file, args.repeats), indent=2))


def run(path: Path, repeats: int) -> dict[str, object]:
    """Import ``path`` into a temporary database and time ``recommend``."""
    with tempfile.TemporaryDirectory(prefix="atelier-bench-") as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            started = time.perf_counter()
            report = import_transactions(db, path, consent_profiling=True)
            import_seconds = time.perf_counter() - started

            clear_cache()
            clear_models()
            started = time.perf_counter()
            suggestions = recommend(db, CUSTOMER_ID)
            first_ms = (time.perf_counter() - started) * 1000

            load_before = os.getloadavg()[0]
            timings_ms, cpu_ms = [], []
            for _ in range(repeats):
                started = time.perf_counter()
                cpu_started = time.thread_time()
                recommend(db, CUSTOMER_ID)
                cpu_ms.append((time.thread_time() - cpu_started) * 1000)
                timings_ms.append((time.perf_counter() - started) * 1000)
            load_after = os.getloadavg()[0]
        finally:
            db.dispose()

    counts = asdict(report)
    counts.pop("malformed")
    kinds = Counter(suggestion.kind for suggestion in suggestions)
    return {
        "file": str(path),
        "import_s": round(import_seconds, 2),
        "recommend_first_ms": round(first_ms, 1),
        "recommend_ms": {
            "calls": repeats,
            "median": round(statistics.median(timings_ms), 1),
            "p95": round(_percentile(timings_ms, 95), 1),
        },
        "recommend_cpu_ms": {
            "median": round(statistics.median(cpu_ms), 1),
            "p95": round(_percentile(cpu_ms, 95), 1),
        },
        "load_average": {"before": load_before, "after": load_after},
        "suggestions": {
            "customer": CUSTOMER_ID,
            "kinds": dict(sorted(kinds.items())),
            "first": suggestions[0].product_id if suggestions else None,
        },
        "counts": counts,
    }


def _percentile(values: list[float], percent: float) -> float:
    """Return the nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    rank = max(1, round(percent / 100 * len(ordered)))
    return ordered[rank - 1]


if __name__ == "__main__":
    main()
