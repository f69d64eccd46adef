"""Time the rule engine on a model: compile, load from the cache, and queries.

    python -m bench.rules FILE --sessions 100 --choices 20 --seed 0 --json

FILE is an XCSP 2.1 file (``.xml``) or a catalog file (``.toml``). The model
is compiled from source into a fresh temporary cache (``compile_s``), then
loaded back from that cache into a new engine (``load_ms``). Each session
then starts from no choice and makes up to ``--choices`` random choices, one
at a time, each picking a value that is still offered. The valid domains of
every parameter are computed after each choice, and their times give
``median_ms``, ``p95_ms`` and ``max_ms``. The same percentiles of the CPU
time the query thread used (``cpu_median_ms`` and so on), and the CPU
time of the compilation (``compile_cpu_s``), leave out the
time other processes took the processor, which the wall-clock times on a
busy machine include. ``peak_rss_mb`` is the process's peak resident
memory. With ``--json`` the output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


def load(path: Path, cache):
    """Return the engine of an XCSP or catalog file through ``cache``."""
    from designer.catalog import load_model
    from rules.xcsp import load_engine

    if path.suffix.lower() == ".toml":
        return load_model(path, cache).engine
    return load_engine(path, cache)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def run_sessions(
    engine, sessions: int, choices: int, seed: int
) -> tuple[list[float], list[float]]:
    """Return the wall-clock and CPU time of each valid-domain computation,
    in milliseconds."""
    chooser = random.Random(seed)
    times, cpu_times = [], []
    for _ in range(sessions):
        design = engine.coerce({})
        chosen: list[str] = []
        domains = engine.domains(design, chosen)
        for _ in range(choices):
            open_names = [
                p.name
                for p in engine.variables
                if p.name not in chosen and len(domains.offered[p.name]) > 1
            ]
            if not open_names:
                break
            name = chooser.choice(open_names)
            design[name] = chooser.choice(domains.offered[name])
            chosen.append(name)
            started = time.perf_counter()
            cpu_started = time.thread_time()
            domains = engine.domains(design, chosen)
            cpu_times.append((time.thread_time() - cpu_started) * 1000)
            times.append((time.perf_counter() - started) * 1000)
            if domains.relaxed is not None:
                raise AssertionError(f"offered value {name} = {design[name]} failed")
    return times, cpu_times


def measure(path: Path, sessions: int, choices: int, seed: int) -> dict:
    # Imported before the clock starts: module imports are not compilation.
    import designer.catalog  # noqa: F401
    import rules.xcsp  # noqa: F401
    from rules.cache import CompiledCache

    with tempfile.TemporaryDirectory() as folder:
        cache = CompiledCache(folder)
        started = time.perf_counter()
        cpu_started = time.process_time()
        load(path, cache)
        compile_s = time.perf_counter() - started
        compile_cpu_s = time.process_time() - cpu_started

        started = time.perf_counter()
        engine = load(path, cache)
        load_ms = (time.perf_counter() - started) * 1000

    times, cpu_times = run_sessions(engine, sessions, choices, seed)
    diagram = engine.compiled.diagram
    return {
        "file": str(path),
        "compile_s": round(compile_s, 3),
        "compile_cpu_s": round(compile_cpu_s, 3),
        "load_ms": round(load_ms, 2),
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(percentile(times, 0.95), 3),
        "max_ms": round(max(times), 3),
        "cpu_median_ms": round(statistics.median(cpu_times), 3),
        "cpu_p95_ms": round(percentile(cpu_times, 0.95), 3),
        "cpu_max_ms": round(max(cpu_times), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "steps": len(times),
        "nodes": diagram.node_count,
        "edges": diagram.edge_count,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rules", description=__doc__)
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--choices", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    arguments = parser.parse_args(argv)
    result = measure(
        arguments.file, arguments.sessions, arguments.choices, arguments.seed
    )
    if arguments.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
