"""The memory benchmark prints one JSON object with a row per round."""

from __future__ import annotations

from tests.bench.helpers import run_json


def test_memory_json_has_every_round():
    report = run_json(
        "bench.memory", "--rounds", "2", "--model", "table-dining", "--model", "bangle"
    )

    assert [row["round"] for row in report["rounds"]] == [1, 2]
    for row in report["rounds"]:
        assert row["studio_mb"] > 50
        assert row["geometry_mb"]
        assert all(mb > 10 for mb in row["geometry_mb"])
        assert row["python_objects"] > 0
    assert report["command"].startswith("python -m bench.memory")
