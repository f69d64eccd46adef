"""Time ordering and exporting a ring and the dining table from stored orders.

Run from the repository root, with or without a display::

    python -m bench.order_export --repeats 5 --json

It places one order of each example design in a temporary SQLite database.
Then it exports each order several times the way ``main.py export-order``
does. Each export reads the frozen design, builds the parts, renders the
preview offscreen and writes the production package with ``order.json``.
It prints the median and maximum of each step in milliseconds, per product.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

PRODUCTS = ("ring-band", "table-dining")


def _milliseconds(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _place(database, catalog, product: str) -> tuple[str, float]:
    """Freeze the product's example design and place it; return id and time."""
    from designer.designs import read_design, resolve
    from designer.order_design import freeze_design
    from designer.orders import place_order
    from designer.session import DesignSession
    from designer.store import load_store_settings
    from resources import EXAMPLES_DIR

    path = EXAMPLES_DIR / f"{product}.json"
    design = read_design(path)
    model, values = resolve(design, catalog, path)
    start = time.perf_counter()
    with database.session(readonly=True) as session:
        settings = load_store_settings(session)
    frozen = freeze_design(DesignSession(model, values, design.chosen), settings)
    with database.session() as session:
        order_id = place_order(session, "demo", frozen, "bench").id
    return order_id, _milliseconds(start)


def _export_once(database, order_id: str, out_dir: Path) -> dict[str, float]:
    """Export one order and return the time of each step in milliseconds."""
    from designer.order_export import export_order_package, load_order_for_export
    from designer.production import build_parts
    from rendering.offscreen import render_png

    times = {}
    start = time.perf_counter()
    with database.session(readonly=True) as session:
        order = load_order_for_export(session, order_id)
    parts = build_parts(order.frozen.session())
    times["load_and_build_ms"] = _milliseconds(start)

    start = time.perf_counter()
    preview = render_png(parts, None, size=(900, 700), view="iso")
    times["render_ms"] = _milliseconds(start)

    start = time.perf_counter()
    export_order_package(order, out_dir, preview, "en", parts=parts)
    times["write_package_ms"] = _milliseconds(start)
    times["total_ms"] = sum(times.values())
    return times


def measure(repeats: int) -> dict:
    from designer.catalog import load_catalog
    from designer.studio_data import open_studio_database

    catalog = load_catalog()
    folder = Path(tempfile.mkdtemp(prefix="atelier-bench-"))
    database = open_studio_database(f"sqlite:///{folder / 'bench.db'}", catalog)
    results = {}
    for product in PRODUCTS:
        order_id, place_ms = _place(database, catalog, product)
        runs = [
            _export_once(database, order_id, folder / f"{order_id}-{run}")
            for run in range(repeats)
        ]
        figures = {"order": order_id, "place_ms": round(place_ms, 1)}
        for step in runs[0]:
            values = [run[step] for run in runs]
            figures[step] = {
                "median": round(statistics.median(values), 1),
                "max": round(max(values), 1),
            }
        results[product] = figures
    database.dispose()
    return {"repeats": repeats, "products": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeats", type=int, default=5, help="exports per product (default 5)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    arguments = parser.parse_args()
    result = measure(arguments.repeats)
    if arguments.json:
        print(json.dumps(result))
        return
    for product, figures in result["products"].items():
        total = figures["total_ms"]
        print(
            f"{product}: place {figures['place_ms']} ms, export median "
            f"{total['median']} ms, max {total['max']} ms"
        )


if __name__ == "__main__":
    main()
