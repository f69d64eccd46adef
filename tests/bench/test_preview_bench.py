"""The preview benchmark prints one JSON object with every figure."""

from __future__ import annotations

from bench.preview import percentile
from tests.bench.helpers import run_json


def test_percentile_nearest_rank():
    values = [float(value) for value in range(1, 101)]

    assert percentile(values, 0.5) == 51.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0


def test_json_output_is_one_object(tmp_path):
    # An odd number of changes ends the drag on the slider's neighbour, so
    # the taps that follow must start from there.
    report = run_json(
        "bench.preview",
        *("--changes", "3", "--repeats", "1", "--drag-seconds", "0.3"),
        *("--model", "table-dining"),
    )
    table = report["models"]["table-dining"]
    keys = ("triangles", "build_ms", "cached_build_ms", "median_ms", "p95_ms")
    for key in (*keys, "stall_ms"):
        assert table[key] is not None, key
    assert table["triangles"] > 0
    assert table["full_cpu_median_ms"] > 0
    assert report["stall_max_ms"] == table["stall_ms"]
    assert report["machine"]["nproc"] >= 1
    assert len(report["load_before"]) == 3
    assert report["window_px"] == [1400, 860]
