"""Killing the studio during a save, an import, an export or an order loses nothing.

A worker process repeats one kind of work and logs each item once it is
committed or renamed into place. The test kills it with SIGKILL after a
random delay, 100 times across the four kinds (more on a loaded machine,
until each kind has confirmed a few items), then checks that every
confirmed item is intact, that no visible file is partial, that every
stored order is whole with its history, and that the databases pass
``PRAGMA integrity_check``.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import random
import sqlite3
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
import trimesh
from sqlalchemy import select

from designer.designs import read_design
from designer.order_design import FrozenDesign
from designer.orders import frozen_design, get_order, order_history
from storage.crypto import KEY_FILE_ENV
from storage.db import open_database
from storage.order_schema import Order
from tests.designer import crash_worker

SPEC_FILE = "spec.json"
MESH_FILE = "model.stl"
SHEET_FILE = "spec.pdf"

KILLS = 100
KINDS = ("save", "import", "export", "order")
# Items of each kind that must be confirmed, so that the checks have work
# to look at. On a loaded machine fewer items finish before their kill, so
# rounds go on past KILLS, up to MAX_ROUNDS, until each kind has these.
MIN_CONFIRMED = {"save": 10, "import": 3, "export": 3, "order": 3}
MAX_ROUNDS = 400
# Kill delays are drawn from 0 to this many seconds, which covers the
# worker's start, the first item and the middle of later ones.
MAX_DELAY_S = 0.35
RANDOM_SEED = 20261204


def item_key(item: str) -> tuple[int, int]:
    """Order "round.number" items by round, then by number."""
    round_number, number = item.split(".")
    return int(round_number), int(number)


@pytest.fixture(scope="module")
def forkserver():
    """A process context whose children start with the worker module loaded."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.designer.crash_preload"])
    return context


@pytest.fixture(scope="module")
def payload() -> dict:
    return crash_worker.payload()


def run_and_kill(forkserver, tmp_path: Path, payload) -> dict[str, list[str]]:
    rng = random.Random(RANDOM_SEED)
    confirmed: dict[str, list[str]] = defaultdict(list)
    round_number = 0
    while round_number < KILLS or (
        round_number < MAX_ROUNDS and not _enough_confirmed(tmp_path)
    ):
        kind = KINDS[round_number % len(KINDS)]
        folder = tmp_path / kind
        folder.mkdir(exist_ok=True)
        log = tmp_path / f"{kind}.log"
        process = forkserver.Process(
            target=crash_worker.run,
            args=(kind, str(folder), round_number, str(log), payload),
        )
        process.start()
        process.join(rng.uniform(0.0, MAX_DELAY_S))
        process.kill()
        process.join(10)
        assert process.exitcode is not None, f"round {round_number} did not stop"
        round_number += 1
    for kind in KINDS:
        log = tmp_path / f"{kind}.log"
        lines = log.read_text().splitlines() if log.exists() else []
        confirmed[kind] = lines
    return confirmed


def _enough_confirmed(tmp_path: Path) -> bool:
    for kind, needed in MIN_CONFIRMED.items():
        log = tmp_path / f"{kind}.log"
        if not log.exists() or len(log.read_text().splitlines()) < needed:
            return False
    return True


def latest_per_slot(lines: list[str]) -> dict[int, str]:
    latest: dict[int, str] = {}
    for line in lines:
        _kind, slot, item = line.split()
        latest[int(slot)] = item
    return latest


def check_saves(folder: Path, lines: list[str]) -> None:
    designs = folder / "designs"
    visible = sorted(path.name for path in designs.iterdir() if path.name[0] != ".")
    assert set(visible) <= {f"design-{slot}.json" for slot in range(4)}
    for path in designs.glob("design-*.json"):
        design = read_design(path)  # raises on a partial file
        slot = int(path.stem.split("-")[1])
        assert design.values["width"] == 2.0 + slot
    for slot, item in latest_per_slot(lines).items():
        design = read_design(designs / f"design-{slot}.json")
        assert item_key(design.values["engraving"]) >= item_key(item)


def check_imports(folder: Path, lines: list[str]) -> None:
    with sqlite3.connect(folder / "atelier.db") as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        rows = connection.execute(
            "SELECT substr(reference, 1, instr(reference, '-') - 1), COUNT(*) "
            "FROM events GROUP BY 1"
        ).fetchall()
    connection.close()
    per_batch = dict(rows)
    assert integrity == [("ok",)]
    # An import is all or nothing, whether or not it was confirmed.
    partial = {batch: count for batch, count in per_batch.items() if count != 20}
    assert partial == {}
    for line in lines:
        _kind, batch, count = line.split()
        assert per_batch.get(batch) == int(count), f"confirmed import {batch} lost"


def check_exports(folder: Path, lines: list[str], names: set[str], faces: int) -> None:
    for archive in folder.glob("package-*.zip"):
        with zipfile.ZipFile(archive) as opened:  # raises on a partial file
            assert opened.testzip() is None
    for package in folder.glob("package-*"):
        if not package.is_dir():
            continue
        visible = {path.name for path in package.iterdir() if path.name[0] != "."}
        assert visible <= names
        if SPEC_FILE in visible:
            json.loads((package / SPEC_FILE).read_text(encoding="utf-8"))
        if MESH_FILE in visible:
            mesh = trimesh.load_mesh(package / MESH_FILE, file_type="stl")
            assert len(mesh.faces) == faces
        if SHEET_FILE in visible:
            sheet = (package / SHEET_FILE).read_bytes()
            assert sheet.startswith(b"%PDF-")
            assert sheet.rstrip().endswith(b"%%EOF")
    for slot, item in latest_per_slot(lines).items():
        package = folder / f"package-{slot}"
        spec = json.loads((package / SPEC_FILE).read_text(encoding="utf-8"))
        stored = spec["product"]["name"].removeprefix("Classic band ")
        assert item_key(stored) >= item_key(item)
        assert (package / MESH_FILE).is_file()
        assert (package / SHEET_FILE).is_file()


# Transitions of an order placed and confirmed in one step.
PLACED_STEPS = ["new → draft", "draft → quoted", "quoted → confirmed"]


def check_orders(folder: Path, lines: list[str], design_hash: str) -> None:
    with sqlite3.connect(folder / "atelier.db") as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
    connection.close()
    assert integrity == [("ok",)]

    database = open_database(f"sqlite:///{folder / 'atelier.db'}")
    with database.session(readonly=True) as session:
        # An order is placed whole or not at all, whether or not it was confirmed.
        for order_id in session.scalars(select(Order.id)):
            steps = [
                entry.text
                for entry in order_history(session, order_id)
                if "→" in entry.text and "promised" not in entry.text
            ]
            assert steps == PLACED_STEPS, f"order {order_id} is partial"
        for line in lines:
            _kind, order_id, item = line.split()
            order = get_order(session, order_id)  # raises for a lost order
            history = order_history(session, order_id)
            assert order.state == "confirmed"
            assert order.customer_id == crash_worker.ORDER_CUSTOMER
            assert order.delivery_address == crash_worker.order_address(item)
            assert order.promised_date is not None
            assert frozen_design(session, order_id).design_hash == design_hash
            notes = {entry.note for entry in history if "→" in entry.text}
            assert crash_worker.order_note(item) in notes
            assert len(history) == 5
    database.dispose()


def test_kills_lose_nothing_confirmed(forkserver, tmp_path: Path, payload, monkeypatch):
    # The workers' key file, so that this process decrypts what they wrote.
    monkeypatch.setenv(KEY_FILE_ENV, str(crash_worker.key_file(tmp_path / "order")))
    confirmed = run_and_kill(forkserver, tmp_path, payload)
    package = payload["package"]
    faces = len(
        trimesh.load_mesh(io.BytesIO(package[MESH_FILE]), file_type="stl").faces
    )
    design_hash = FrozenDesign.from_json(payload["frozen"]).design_hash

    for kind, needed in MIN_CONFIRMED.items():
        assert len(confirmed[kind]) >= needed, kind
    check_saves(tmp_path / "save", confirmed["save"])
    check_imports(tmp_path / "import", confirmed["import"])
    check_exports(tmp_path / "export", confirmed["export"], set(package), faces)
    check_orders(tmp_path / "order", confirmed["order"], design_hash)
