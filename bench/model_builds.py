"""Time the geometry build of every catalog model, as the preview runs it.

    python -m bench.model_builds --runs 7 --json

Each case is a catalog model's default design, or a variation of it set
through a design session the way a customer sets it (an engraving, the
largest stone), so the rules engine fills in every derived value. Each case
is built once to warm imports and font loading. Then ``--runs`` rounds
build every case in turn, first with the caches cleared and then again, so
that a few seconds in which the machine runs slower affect one build of
many cases instead of every build of one. For each case the table gives the
output's triangles, the median build time in milliseconds and that time
per 20,000 triangles. ``cpu_ms`` is the median
CPU time of the process over all its threads, which leaves out the time
other processes took the processor on a busy machine. ``cold_ms`` is the
median time with every ``models3d.caching`` cache cleared before each
build: what the first build of a new ring size, last or engraving text
costs, and ``cold_cpu_ms`` its CPU time. Glyph outlines stay cached, as
they do after a character's first use. Times include nothing but
``models3d.generators.build``.

Before timing, every object alive after loading the catalog and the
cases is moved to the garbage collector's permanent generation
(``gc.freeze``), as the studio's geometry process does once a build has
imported new modules (``app.geometry``).
Without that, a full pass waits until the about 160,000 objects alive
after loading grow by a quarter, which happened once in a whole run.
Cyclic garbage, such as every dropped ``trimesh.Trimesh`` with its
arrays, piled up in the oldest generation meanwhile. The heap then grew
into pages the process had not touched, and a build that did so paid a
page fault for every 4 KiB.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import statistics
import time
from collections.abc import Callable

TRIANGLES_PER_UNIT = 20_000

ENGRAVING = "Forever yours ♥ 2024"
"""A typical engraving: Latin letters, a space, a heart and digits."""

ENGRAVING_CJK = "永远爱你"

VARIATIONS: dict[str, tuple[str, dict]] = {
    "ring-band engraved": ("ring-band", {"engraving": ENGRAVING}),
    "ring-band engraved CJK": ("ring-band", {"engraving": ENGRAVING_CJK}),
    "ring-solitaire engraved": ("ring-solitaire", {"engraving": ENGRAVING}),
    "ring-solitaire 3 ct": ("ring-solitaire", {"carat": 3.0}),
    "ring-solitaire 3 ct engraved": (
        "ring-solitaire",
        {"carat": 3.0, "engraving": ENGRAVING},
    ),
    "pendant-heart": ("pendant-disc", {"shape": "heart"}),
    "pendant-disc engraved": ("pendant-disc", {"engraving": "Anna ♥"}),
    "pendant-heart engraved": (
        "pendant-disc",
        {"shape": "heart", "engraving": "A ♥ B"},
    ),
    "table-dining round legs": ("table-dining", {"leg_style": "round"}),
}
"""Variations by case name: the catalog model and the values set, in order."""


def design_dimensions(catalog, model_id: str, values: dict) -> tuple[str, dict]:
    """Return a design's generator and dimensions, after setting ``values``.

    Raises
    ------
    ValueError
        When the design the values lead to cannot be ordered.
    """
    from designer.session import DesignSession

    model = catalog.get(model_id)
    session = DesignSession(model)
    for name, value in values.items():
        session.set_value(name, value)
    if not session.orderable:
        rules = [violation.rule for violation in session.violations]
        raise ValueError(f"{model_id} with {values} is not orderable: {rules}")
    return model.generator, session.dimensions()


def cases(catalog) -> dict[str, tuple[str, dict]]:
    """Return every case's generator and dimensions by case name."""
    found = {
        model_id: design_dimensions(catalog, model_id, {})
        for model_id in sorted(catalog.models)
    }
    for case, (model_id, values) in VARIATIONS.items():
        found[case] = design_dimensions(catalog, model_id, values)
    return found


def timed_ms(action: Callable[[], object]) -> tuple[float, float]:
    """Run ``action`` once and return its wall-clock and CPU times in ms."""
    start, start_cpu = time.perf_counter(), time.process_time()
    action()
    cpu = (time.process_time() - start_cpu) * 1000.0
    return (time.perf_counter() - start) * 1000.0, cpu


def measure(runs: int) -> list[dict]:
    """Build every case and return one row of figures per case."""
    from designer.catalog import load_catalog
    from models3d.caching import clear_caches
    from models3d.generators import build

    actions = {
        case: functools.partial(build, generator, dims)
        for case, (generator, dims) in cases(load_catalog()).items()
    }
    triangles_of = {
        case: sum(len(part.mesh.faces) for part in action())
        for case, action in actions.items()
    }
    gc.collect()
    gc.freeze()
    keys = ("cold", "cold_cpu", "warm", "cpu")
    times = {case: {key: [] for key in keys} for case in actions}
    for _ in range(runs):
        for case, action in actions.items():
            clear_caches()
            figures = timed_ms(action) + timed_ms(action)
            for key, value in zip(keys, figures, strict=True):
                times[case][key].append(value)
    rows = []
    for case, figures in times.items():
        triangles = triangles_of[case]
        cold, cold_cpu, warm, cpu = (statistics.median(figures[key]) for key in keys)
        rows.append(
            {
                "case": case,
                "triangles": triangles,
                "median_ms": round(warm, 2),
                "ms_per_20k": round(warm * TRIANGLES_PER_UNIT / triangles, 2),
                "cpu_ms": round(cpu, 2),
                "cold_ms": round(cold, 2),
                "cold_ms_per_20k": round(cold * TRIANGLES_PER_UNIT / triangles, 2),
                "cold_cpu_ms": round(cold_cpu, 2),
            }
        )
    return rows


def round_count(text: str) -> int:
    """Return ``text`` as a whole number of at least 1, for ``--runs``."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"invalid round count {value}: use 1 or more")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs",
        type=round_count,
        default=7,
        help="rounds, each building every case cold and then warm",
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    arguments = parser.parse_args()
    rows = measure(arguments.runs)
    if arguments.json:
        print(json.dumps(rows))
        return
    header = (
        f"{'case':30} {'triangles':>9} {'median ms':>9} {'ms/20k':>7} "
        f"{'cpu ms':>7} {'cold ms':>8} {'cold/20k':>8} {'cold cpu':>8}"
    )
    print(header)
    for row in rows:
        print(
            f"{row['case']:30} {row['triangles']:9d} {row['median_ms']:9.2f} "
            f"{row['ms_per_20k']:7.2f} {row['cpu_ms']:7.2f} {row['cold_ms']:8.2f} "
            f"{row['cold_ms_per_20k']:8.2f} {row['cold_cpu_ms']:8.2f}"
        )


if __name__ == "__main__":
    main()
