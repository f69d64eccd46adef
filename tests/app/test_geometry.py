"""Geometry builds in the child process match builds in this process."""

from __future__ import annotations

import gc
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from app.geometry import GeometryProcess, build_part_arrays, parts_from_arrays
from designer.session import DesignSession
from models3d.dims import DimensionError
from models3d.generators import build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def process():
    geometry = GeometryProcess()
    yield geometry
    geometry.close()


# Boards are a subclass of Part, laces have a length: each crosses over.
@pytest.mark.parametrize("model_id", ["ring-band", "bookshelf", "shoe-oxford"])
def test_child_builds_same_parts(process, catalog, model_id):
    model = catalog.get(model_id)
    dimensions = DesignSession(model).dimensions()

    parts = process.build(model.generator, dimensions)

    expected = build(model.generator, dimensions)
    assert [part.name for part in parts] == [part.name for part in expected]
    for part, reference in zip(parts, expected, strict=True):
        np.testing.assert_array_equal(part.mesh.vertices, reference.mesh.vertices)
        np.testing.assert_array_equal(part.mesh.faces, reference.mesh.faces)
        assert part.material == reference.material
        assert part.colour == reference.colour
        assert part.length_mm == reference.length_mm
        assert part.holes == reference.holes
        assert part.banded_edges == reference.banded_edges


def test_child_freezes_after_imports(process, catalog):
    model = catalog.get("ring-band")
    dimensions = DesignSession(model).dimensions()

    def freeze_count() -> int:
        # The count of objects in the child's permanent generation.
        return process._executor.submit(gc.get_freeze_count).result()

    assert freeze_count() == 0
    process.build(model.generator, dimensions)
    frozen = freeze_count()
    # The ring's first build imported its module with manifold3d and more.
    assert frozen > 10_000
    process.build(model.generator, dimensions)
    # No new import, no new freeze, so no build's parts are frozen.
    assert freeze_count() == frozen


def test_child_error_reaches_caller(process):
    with pytest.raises(ValueError, match="unknown generator 'vase'"):
        process.build("vase", {})


def test_generator_message_reaches_caller(process, catalog):
    model = catalog.get("ring-band")
    dimensions = DesignSession(model).dimensions()
    dimensions["depth"] = -1.0

    with pytest.raises(DimensionError, match="ring generator") as raised:
        process.build(model.generator, dimensions)

    assert raised.value.name == "depth"
    # The child survives a rejected design and builds the next one.
    assert process.build(model.generator, DesignSession(model).dimensions())


def test_dimension_error_survives_pickling():
    error = DimensionError("ring", "depth", "depth must be positive")

    copy = pickle.loads(pickle.dumps(error))

    assert (copy.generator, copy.name, str(copy)) == ("ring", "depth", str(error))


def test_arrays_round_trip(catalog):
    model = catalog.get("table-dining")
    dimensions = DesignSession(model).dimensions()

    parts = parts_from_arrays(build_part_arrays(model.generator, dimensions))

    assert [part.name for part in parts][:2] == ["top", "leg_1"]
    assert all(part.mesh.is_watertight for part in parts)


def test_child_ends_when_studio_is_killed(tmp_path):
    script = (
        "import time\n"
        "from app.geometry import GeometryProcess\n"
        "from designer.catalog import load_catalog\n"
        "from designer.session import DesignSession\n"
        "model = load_catalog().get('table-dining')\n"
        "geometry = GeometryProcess()\n"
        "geometry.build(model.generator, DesignSession(model).dimensions())\n"
        "print(geometry.process_ids[0], flush=True)\n"
        "time.sleep(60)\n"
    )
    studio = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        child = int(studio.stdout.readline())
    finally:
        studio.kill()
        studio.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(child):
        time.sleep(0.2)
    outlived = _running(child)
    if outlived:
        os.kill(child, signal.SIGKILL)
    assert not outlived


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_close_ends_a_child_that_does_not_answer():
    import time

    geometry = GeometryProcess()
    (child,) = geometry._processes()
    # A child busy for a minute, as a build that never ends would keep it.
    geometry._executor.submit(time.sleep, 60)
    started = time.monotonic()
    geometry.close()
    # Closing ended the child long before its minute was over. The pool's
    # own thread may reap the child first, so ask the system, not the
    # Process object.
    assert time.monotonic() - started < 30
    assert _ended(child.pid)
    with pytest.raises(RuntimeError, match="closed"):
        geometry.build("ring", {})


def _ended(pid: int) -> bool:
    """Return whether process ``pid`` has ended (gone, or a zombie) within 5 s."""
    import time

    status = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = status.read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False
