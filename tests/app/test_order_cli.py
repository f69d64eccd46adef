"""The order subcommands, run against a real SQLite file.

Two tests run ``main.py`` in a new process, to check the last line of its
output and its exit code. The others call the same ``app.cli.main`` in this
process, which saves the interpreter's start-up.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from designer import orders
from designer.store import StoreSettings, save_store_settings
from designer.studio_data import open_studio_database
from resources import EXAMPLES_DIR
from tests.staff import PASSWORD_LINE, USERNAMES, add_staff_accounts_at, run_cli_here

ROOT = Path(__file__).resolve().parents[2]
RING = EXAMPLES_DIR / "ring-band.json"
ORDER_ID = re.compile(r"[A-Z]{1,3}-\d{6}")


# The sales member who runs the subcommands that change orders.
STAFF = ("--staff", USERNAMES["sales"])


def run(database_url, *arguments):
    """Run main.py in a new process, with the --staff password on its stdin."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--database", database_url]
        + [str(argument) for argument in arguments],
        capture_output=True,
        text=True,
        input=PASSWORD_LINE,
        cwd=ROOT,
        timeout=300,
    )


def run_here(capsys, database_url, *arguments):
    """Run the command line in this process; return code, stdout and stderr."""
    return run_cli_here(capsys, "--database", database_url, *arguments)


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    add_staff_accounts_at(url)
    return url


@pytest.fixture
def paid_order(url, catalog, frozen_ring):
    """The URL's database with one paid ring order; returns the order id.

    The order is placed and paid on 1 March 2025, before the factory records
    of the tests.
    """
    database = open_studio_database(url, catalog)
    placed = datetime(2025, 3, 1, 9, 0)
    with database.session() as session:
        order = orders.place_order(session, "demo", frozen_ring, "ana", now=placed)
        total = orders.payment_summary(session, order.id).total
        orders.record_payment(
            session, order.id, "balance", total, "cash", "ana", received_at=placed
        )
        orders.transition(session, order.id, "paid", "ana", occurred_at=placed)
    database.dispose()
    return order.id


@pytest.fixture(scope="module")
def frozen_ring(catalog):
    from designer.designs import read_design, resolve
    from designer.order_design import freeze_design
    from designer.session import DesignSession

    design = read_design(RING)
    model, values = resolve(design, catalog)
    return freeze_design(DesignSession(model, values, design.chosen), StoreSettings())


def test_place_order_prints_id_last(url):
    result = run(url, "place-order", RING, "--customer", "demo", *STAFF)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "A-000001"
    assert "confirmed" in lines[0]

    result = run(url, "place-order", RING, "--customer", "demo", "--quote-only", *STAFF)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "A-000002"


def test_unknown_customer_exits_two(url):
    result = run(url, "place-order", RING, "--customer", "nobody", *STAFF)
    assert result.returncode == 2
    assert "customer 'nobody' not found" in result.stderr
    assert "Traceback" not in result.stderr
    assert not ORDER_ID.search(result.stdout)


@pytest.mark.parametrize(
    ("design", "code", "fragment"),
    [
        (
            {"product": "ring-band", "values": {"depth": 1.2, "engraving": "x"}},
            1,
            "engraving-depth",
        ),
        ({"product": "sofa", "values": {}}, 2, "unknown product 'sofa'"),
    ],
)
def test_place_order_exit_codes(capsys, url, tmp_path, design, code, fragment):
    path = tmp_path / "design.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    status, out, err = run_here(
        capsys, url, "place-order", path, "--customer", "demo", *STAFF
    )
    assert status == code
    assert fragment in err
    assert not ORDER_ID.search(out)


FILLED_HANDLE = (
    "filled: handle: this design was saved before 'Handles' was offered; "
    'set to steel bar pulls ("handle": "bar")'
)


def old_cabinet(tmp_path):
    """Copy the cabinet example, saved before handles were offered."""
    path = tmp_path / "cabinet.json"
    path.write_bytes((EXAMPLES_DIR / "cabinet.json").read_bytes())
    return path


def test_place_order_names_filled_options(capsys, url, tmp_path):
    status, out, err = run_here(
        capsys, url, "place-order", old_cabinet(tmp_path), "--customer", "demo", *STAFF
    )
    assert status == 0, err
    assert FILLED_HANDLE in err.splitlines()
    assert "filled: price: the price now includes Handles or push latches" in err
    assert "filled:" not in out
    assert out.splitlines()[-1] == "A-000001"


def test_quote_names_filled_options(capsys, url, tmp_path):
    out_file = tmp_path / "q.pdf"
    cabinet = old_cabinet(tmp_path)
    status, out, err = run_here(
        capsys, url, "quote", cabinet, "--customer", "demo", "--out", out_file, *STAFF
    )
    assert status == 0, err
    assert FILLED_HANDLE in err.splitlines()
    assert "filled:" not in out
    assert out.splitlines()[0] == str(out_file)
    assert ORDER_ID.fullmatch(out.splitlines()[-1])


def test_order_package_names_filled_options(capsys, url, catalog, tmp_path):
    status, out, err = run_here(
        capsys, url, "place-order", old_cabinet(tmp_path), "--customer", "demo", *STAFF
    )
    assert status == 0, err
    order_id = out.splitlines()[-1]
    database = open_studio_database(url, catalog)
    with database.session() as session:
        frozen = orders.frozen_design(session, order_id)
        total = orders.payment_summary(session, order_id).total
        orders.record_payment(session, order_id, "balance", total, "cash", "ana")
        orders.transition(session, order_id, "paid", "ana")
    database.dispose()
    assert frozen.filled == ("handle",)

    out_dir = tmp_path / "package"
    status, _, err = run_here(capsys, url, "export-order", order_id, "--out", out_dir)

    assert status == 0, err
    spec = json.loads((out_dir / "spec.json").read_text(encoding="utf-8"))
    assert spec["notes"][0].startswith("Handles: Steel bar pulls, filled in")


def test_rejected_order_exits_three(capsys, url, catalog):
    database = open_studio_database(url, catalog)
    with database.session() as session:
        save_store_settings(session, StoreSettings(currency="USD"))
    database.dispose()
    status, _, err = run_here(
        capsys, url, "place-order", RING, "--customer", "demo", *STAFF
    )
    assert status == 3
    assert "the store sells in USD" in err


def test_export_order_writes_package(capsys, url, paid_order, tmp_path):
    out = tmp_path / "package"
    status, _, err = run_here(capsys, url, "export-order", paid_order, "--out", out)
    assert status == 0, err
    names = {path.name for path in out.iterdir()}
    assert names >= {
        "bom.csv",
        "model.glb",
        "model.stl",
        "order.json",
        "spec.json",
        "spec.pdf",
    }
    record = json.loads((out / "order.json").read_text(encoding="utf-8"))
    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    assert record["order_id"] == paid_order
    assert spec["order"] == {"id": paid_order, "draft": False}
    assert spec["spec_revision"] == record["design_hash"][:8]
    assert {"name": "order.json"} in spec["files"]
    assert record["revision"] == 1
    assert spec["price"]["lines"][-1]["label"] == "VAT 20 %"
    page = PdfReader(out / "spec.pdf").pages[0]
    assert sorted(image.image.size for image in page.images) == [(600, 450)] * 3

    missing = run_here(capsys, url, "export-order", "A-424242", "--out", out)
    assert missing[0] == 2
    assert "'A-424242' not found" in missing[2]


@pytest.mark.parametrize(
    ("damage", "fragment"),
    [
        (lambda _stored: "{not json", "the stored design of order {order}"),
        (
            lambda stored: stored.replace('"width":4.0', '"width":"wide"'),
            "'wide'",
        ),
    ],
    ids=["not-json", "invalid-value"],
)
def test_export_order_of_damaged_design_exits_two(
    capsys, url, catalog, paid_order, tmp_path, damage, fragment
):
    database = open_studio_database(url, catalog)
    with database.session() as session:
        row = orders.current_revision(session, paid_order)
        assert '"width":4.0' in row.frozen
        row.frozen = damage(row.frozen)
    database.dispose()
    out = tmp_path / "package"

    status, _, err = run_here(capsys, url, "export-order", paid_order, "--out", out)

    assert status == 2
    assert fragment.format(order=paid_order) in err
    assert "Traceback" not in err
    assert not out.exists()


def test_apply_status_counts_and_exit(capsys, url, paid_order, tmp_path):
    path = tmp_path / "status.csv"
    path.write_text(
        "order_id,status,timestamp,note\n"
        f"{paid_order},in_production,2025-03-02T09:00:00,casting\n"
        "A-999999,in_production,2025-03-02T09:00:00,\n",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")

    first = run_here(capsys, url, "apply-status", path, *STAFF)
    second = run_here(capsys, url, "apply-status", path, *STAFF)
    bad = run_here(capsys, url, "apply-status", broken, *STAFF)

    assert first[0] == 3
    assert first[1].splitlines() == [
        "applied: 1",
        "ignored: 0",
        "quarantined: 1",
        "already quarantined: 0",
        "rejected files: 0",
    ]
    assert "'A-999999' not found" in first[2]
    assert second[0] == 0
    assert second[1].splitlines() == [
        "applied: 0",
        "ignored: 1",
        "quarantined: 0",
        "already quarantined: 1",
        "rejected files: 0",
    ]
    assert bad[0] == 2
    assert "not valid JSON" in bad[2]


def test_quote_writes_pdf_and_reprints(capsys, url, tmp_path):
    out = tmp_path / "q.pdf"
    first = run_here(
        capsys, url, "quote", RING, "--customer", "demo", "--out", out, *STAFF
    )
    assert first[0] == 0, first[2]
    order_id = first[1].splitlines()[-1]
    assert ORDER_ID.fullmatch(order_id)
    again = run_here(
        capsys,
        url,
        "quote",
        "--order",
        order_id,
        "--out",
        tmp_path / "again.pdf",
        *STAFF,
    )
    assert again[0] == 0, again[2]
    text = PdfReader(tmp_path / "again.pdf").pages[0].extract_text()
    assert f"Quote {order_id}" in text

    both = run_here(
        capsys,
        url,
        "quote",
        RING,
        "--order",
        order_id,
        "--out",
        tmp_path / "x.pdf",
        *STAFF,
    )
    assert both[0] == 2
    assert "either DESIGN.json or --order" in both[2]


def test_quote_to_folder_stores_no_order(capsys, url, tmp_path):
    folder = tmp_path / "quotes"
    folder.mkdir()
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)

    def quote(out):
        return run_here(
            capsys, url, "quote", RING, "--customer", "demo", "--out", out, *STAFF
        )

    database = Path(url.removeprefix("sqlite:///"))

    for out, expected in [
        (folder, f"{folder} is a folder, so no file can be saved"),
        (pipe, f"{pipe} is a FIFO (named pipe)"),
        (database, f"{database} is the database in use"),
    ]:
        code, out_text, err = quote(out)
        assert code == 2
        assert expected in err
        assert "Errno" not in err
        # The PDF's path is checked before the order is stored.
        assert not ORDER_ID.search(out_text + err)
    retry = quote(folder / "q.pdf")

    assert retry[0] == 0, retry[2]
    assert retry[1].splitlines()[-1] == "A-000001"
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert database.read_bytes().startswith(b"SQLite format 3")


def test_quote_reprint_needs_staff_and_audit(capsys, url, tmp_path):
    first = run_here(
        capsys,
        url,
        "quote",
        RING,
        "--customer",
        "demo",
        "--out",
        tmp_path / "q.pdf",
        *STAFF,
    )
    assert first[0] == 0, first[2]
    order_id = first[1].splitlines()[-1]
    unsigned = tmp_path / "unsigned.pdf"

    refused = run_here(capsys, url, "quote", "--order", order_id, "--out", unsigned)

    assert refused[0] == 2
    assert "--staff USER" in refused[2]
    assert not unsigned.exists()

    signed = tmp_path / "signed.pdf"
    reprint = run_here(
        capsys, url, "quote", "--order", order_id, "--out", signed, *STAFF
    )
    assert reprint[0] == 0, reprint[2]
    assert signed.is_file()
    audit = run_here(capsys, url, "audit", "--customer", "demo")
    assert audit[0] == 0, audit[2]
    exports = [line for line in audit[1].splitlines() if "\texported\t" in line]
    # One entry for the new quote and one for its reprint.
    assert len(exports) == 2
    for line in exports:
        assert USERNAMES["sales"] in line
        assert f"quote of order {order_id}" in line


@pytest.mark.parametrize("kind", ["file", "fifo"])
def test_export_order_to_file_exits_two(capsys, url, paid_order, tmp_path, kind):
    out = tmp_path / "existing.txt"
    if kind == "file":
        out.write_text("notes", encoding="utf-8")
    else:
        os.mkfifo(out)
    described = "a file" if kind == "file" else "a FIFO (named pipe)"

    code, _, err = run_here(capsys, url, "export-order", paid_order, "--out", out)
    export = run_here(capsys, url, "export", RING, "--out", out)

    assert code == 2
    assert err == (
        f"error: {out} is {described}, not a folder, so the package cannot be "
        "written there; choose another folder name\n"
    )
    assert export[0] == 2
    assert export[2] == err
    assert not out.with_name("existing.txt.zip").exists()
