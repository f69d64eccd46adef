"""Work loops that the crash test kills at random moments.

Each loop repeats one kind of work (saving a design, importing a sales
file, exporting a production package, placing an order) until the process
is killed. After each item is committed or renamed into place, the moment
at which the studio would tell the user, the loop appends a confirmation
line to a log. The log is written with ``os.write`` on an ``O_APPEND``
descriptor, so each line reaches the kernel at once and survives SIGKILL.

Every loop uses the key file beside its work folder, passed through
``ATELIER_KEY_FILE``, so the test that checks the encrypted order notes
reads them with the same key whatever environment the fork server has.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from designer.designs import Design, write_design
from designer.export import write_package
from designer.order_design import FrozenDesign
from designer.orders import place_order
from recommender.online_retail import import_transactions
from storage.crypto import KEY_FILE_ENV
from storage.db import open_database
from storage.repositories import bulk_insert_customers, get_customer

SLOTS = 4
ROWS_PER_IMPORT = 20
CSV_HEADER = (
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,"
    "Country\n"
)


# Items per loop; the test kills the worker long before the end.
ITEMS_PER_LOOP = 1_000_000

ORDER_CUSTOMER = "crash-test"
ORDER_ACTOR = "kiosk-7"


def key_file(folder: Path) -> Path:
    """Return the key file of the work in ``folder``: one level above it."""
    return folder.parent / "key.bin"


def order_note(item: str) -> str:
    """Return the note of the order placed as ``item``."""
    return f"call Ingrid before delivery, item {item}"


def order_address(item: str) -> str:
    """Return the delivery address of the order placed as ``item``."""
    return f"Storgatan {item}, 411 38 Göteborg"


def run(kind: str, folder: str, round_number: int, log: str, payload) -> None:
    """Repeat ``kind`` of work in ``folder`` until killed; log each confirmed item."""
    os.environ[KEY_FILE_ENV] = str(key_file(Path(folder)))
    descriptor = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    LOOPS[kind](Path(folder), round_number, descriptor, payload)


def _confirm(descriptor: int, *fields) -> None:
    os.write(descriptor, (" ".join(map(str, fields)) + "\n").encode())


def _save_loop(
    folder: Path, round_number: int, descriptor: int, _payload, limit=ITEMS_PER_LOOP
) -> None:
    (folder / "designs").mkdir(exist_ok=True)
    for number in range(limit):
        item = f"{round_number}.{number}"
        slot = number % SLOTS
        design = Design("ring-band", {"engraving": item, "width": 2.0 + slot})
        write_design(design, folder / "designs" / f"design-{slot}.json")
        _confirm(descriptor, "save", slot, item)


def _import_loop(
    folder: Path, round_number: int, descriptor: int, _payload, limit=ITEMS_PER_LOOP
) -> None:
    database = open_database(f"sqlite:///{folder / 'atelier.db'}")
    incoming = folder / "incoming"
    incoming.mkdir(exist_ok=True)
    for number in range(limit):
        batch = f"R{round_number}N{number}"
        path = incoming / f"{batch}.csv"
        lines = [
            f"{batch}-{row},SKU{row % 7},Item {row % 7},{row + 1},"
            f"2024-05-01T10:{row % 60:02d}:00,1.25,{1000 + row % 5},Spain\n"
            for row in range(ROWS_PER_IMPORT)
        ]
        path.write_text(CSV_HEADER + "".join(lines), encoding="utf-8")
        import_transactions(database, path, consent_profiling=True)
        _confirm(descriptor, "import", batch, ROWS_PER_IMPORT)
    database.dispose()


def _export_loop(
    folder: Path, round_number: int, descriptor: int, payload, limit=ITEMS_PER_LOOP
) -> None:
    files = dict(payload["package"])
    spec = json.loads(files["spec.json"])
    for number in range(limit):
        item = f"{round_number}.{number}"
        slot = number % SLOTS
        spec["product"]["name"] = f"Classic band {item}"
        files["spec.json"] = json.dumps(spec, ensure_ascii=False).encode("utf-8")
        write_package(files, folder / f"package-{slot}")
        _confirm(descriptor, "export", slot, item)


def _order_loop(
    folder: Path, round_number: int, descriptor: int, payload, limit=ITEMS_PER_LOOP
) -> None:
    frozen = FrozenDesign.from_json(payload["frozen"])
    database = open_database(f"sqlite:///{folder / 'atelier.db'}")
    with database.session() as session:
        if get_customer(session, ORDER_CUSTOMER) is None:
            bulk_insert_customers(
                session, [{"id": ORDER_CUSTOMER, "display_name": "Ingrid Berg"}]
            )
    for number in range(limit):
        item = f"{round_number}.{number}"
        with database.session() as session:
            order = place_order(
                session,
                ORDER_CUSTOMER,
                frozen,
                ORDER_ACTOR,
                note=order_note(item),
                delivery_address=order_address(item),
            )
            order_id = order.id
        _confirm(descriptor, "order", order_id, item)
    database.dispose()


LOOPS = {
    "save": _save_loop,
    "import": _import_loop,
    "export": _export_loop,
    "order": _order_loop,
}


def ring_package() -> dict[str, bytes]:
    """Build the files of the example ring's production package once."""
    from designer.catalog import load_catalog
    from designer.designs import read_design, resolve
    from designer.package.assemble import PackageOptions, build_package
    from designer.production import build_parts
    from designer.session import DesignSession
    from resources import EXAMPLES_DIR

    path = EXAMPLES_DIR / "ring-band.json"
    design = read_design(path)
    model, values = resolve(design, load_catalog(), path)
    session = DesignSession(model, values, design.chosen)
    return build_package(
        session, build_parts(session), session.price(), PackageOptions()
    )


def frozen_ring() -> dict:
    """Freeze the example ring's design with the default store settings."""
    from designer.catalog import load_catalog
    from designer.designs import read_design, resolve
    from designer.order_design import freeze_design
    from designer.session import DesignSession
    from designer.store import StoreSettings
    from resources import EXAMPLES_DIR

    path = EXAMPLES_DIR / "ring-band.json"
    design = read_design(path)
    model, values = resolve(design, load_catalog(), path)
    session = DesignSession(model, values, design.chosen)
    return freeze_design(session, StoreSettings()).to_json()


def payload() -> dict:
    """Build what the loops need once: the package's files and a frozen design."""
    return {"package": ring_package(), "frozen": frozen_ring()}


def warm_up(payload) -> None:
    """Run each kind of work once, so that forked workers start warm.

    SQLAlchemy builds its statement caches and reportlab its fonts on first
    use, which takes longer than most kill delays. A fork of a warmed
    process starts each item about as fast as a studio that has been open
    for a while.
    """
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder, "work")
        work.mkdir()
        os.environ[KEY_FILE_ENV] = str(key_file(work))
        log = os.path.join(folder, "warm-up.log")
        for loop in LOOPS.values():
            descriptor = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            loop(work, 0, descriptor, payload, limit=2)
            os.close(descriptor)
