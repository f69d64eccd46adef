"""Time customer features, tags and segments on the imported Online Retail data.

Run ``python -m bench.profiles [--file PATH] [--repeats N]``. The file is
imported into a new SQLite database in a temporary folder, which is deleted
at the end, with every customer taken as consenting to profiling. The
script prints one JSON object: the median time of each step over the
repeats, the number of customers and features, the chosen ``k`` with its
silhouette, and how many customers kept their segment label when the
segments were refitted on the same data.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from designer.profile_tags import evaluate_tags, load_profile_tags
from designer.profiles import build_profile
from recommender.features import build_features
from recommender.online_retail import import_transactions
from recommender.segments import fit_segments, refit_segments
from storage.db import open_database

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_FILE = DATA_DIR / "online-retail" / "online_retail.csv.gz"
CUSTOMER_ID = "17850"
REPEATS = 3


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
        help="runs of each timed step; the median is reported (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")
    print(json.dumps(run(args.file, args.repeats), indent=2))


def run(path: Path, repeats: int) -> dict[str, Any]:
    """Import ``path`` into a temporary database and time the profile steps."""
    with tempfile.TemporaryDirectory(prefix="atelier-bench-") as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            started = time.perf_counter()
            import_transactions(db, path, consent_profiling=True)
            import_seconds = time.perf_counter() - started

            def features():
                with db.session(readonly=True) as session:
                    return build_features(session)

            matrix, features_s = _timed(features, repeats)
            tags = load_profile_tags()
            tagged, tags_s = _timed(lambda: evaluate_tags(tags, matrix), repeats)
            fit, fit_s = _timed(lambda: fit_segments(matrix), repeats)
            first, refit_s = _timed(lambda: refit_segments(db), 1)
            second = refit_segments(db)
            _profile, profile_s = _timed(
                lambda: build_profile(db, CUSTOMER_ID, features=matrix), repeats
            )
        finally:
            db.dispose()

    before = {c: s.label for s in first.segments for c in s.customer_ids}
    after = {c: s.label for s in second.segments for c in s.customer_ids}
    return {
        "file": str(path),
        "import_s": round(import_seconds, 2),
        "customers": len(matrix.customer_ids),
        "events": matrix.report.events,
        "features": len(matrix.columns),
        "median_s": {
            "build_features": features_s,
            "evaluate_tags": tags_s,
            "fit_segments": fit_s,
            "refit_and_store": refit_s,
            "build_profile_with_features": profile_s,
        },
        "repeats": repeats,
        "k": fit.k,
        "silhouette": None if fit.silhouette is None else round(fit.silhouette, 3),
        "silhouettes": {k: round(v, 3) for k, v in fit.silhouettes.items()},
        "segments": [(s.label, len(s.customer_ids)) for s in fit.segments],
        "tagged_customers": sum(1 for found in tagged.values() if found),
        "labels_kept_on_refit": sum(after[c] == before.get(c) for c in after),
    }


def _timed(function: Callable[[], Any], repeats: int) -> tuple[Any, float]:
    """Call ``function`` ``repeats`` times; return its last result and median time."""
    timings = []
    result = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return result, round(statistics.median(timings), 3)


if __name__ == "__main__":
    main()
