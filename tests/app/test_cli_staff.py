"""The command line's staff rule: subcommands that change data need --staff."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from designer.access import disable_staff_account
from designer.kiosk_designs import check_kiosk_pin
from resources import EXAMPLES_DIR
from storage.db import open_database
from storage.order_schema import Order, OrderTransition
from storage.staff import sign_in
from tests.staff import PASSWORD, PASSWORD_LINE, USERNAMES, add_staff_accounts_at

ROOT = Path(__file__).resolve().parents[2]
RING = EXAMPLES_DIR / "ring-band.json"


def run_main(*arguments, stdin: str = ""):
    """Run main.py in a new process, as a user runs it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, arguments)],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=300,
    )


def run_here(monkeypatch, capsys, url, *arguments, stdin: str = ""):
    """Run the command line in this process; return code, stdout and stderr."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--database", url, *map(str, arguments)])
    output = capsys.readouterr()
    return code, output.out, output.err


@pytest.fixture
def url(tmp_path):
    """URL of a SQLite database with one staff account per role."""
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    add_staff_accounts_at(url)
    return url


def _order_count(url: str) -> int:
    database = open_database(url)
    with database.session(readonly=True) as session:
        count = session.scalar(select(func.count()).select_from(Order))
    database.dispose()
    return count


def test_place_order_records_staff_member(url):
    sales = USERNAMES["sales"]
    result = run_main(
        "--database",
        url,
        "place-order",
        RING,
        "--customer",
        "demo",
        "--staff",
        sales,
        stdin=PASSWORD_LINE,
    )

    assert result.returncode == 0, result.stderr
    order_id = result.stdout.splitlines()[-1]
    database = open_database(url)
    with database.session(readonly=True) as session:
        order = session.get(Order, order_id)
        actors = set(
            session.scalars(
                select(OrderTransition.actor).where(
                    OrderTransition.order_id == order_id
                )
            )
        )
    database.dispose()
    assert order.created_by == sales
    assert actors == {sales}


def test_place_order_without_staff_rejected(url):
    result = run_main("--database", url, "place-order", RING, "--customer", "demo")

    assert result.returncode == 2
    assert "place-order changes stored data" in result.stderr
    assert "--staff USER" in result.stderr
    assert "sales" in result.stderr
    assert "Traceback" not in result.stderr
    assert _order_count(url) == 0


def test_no_staff_accounts_names_first_step(monkeypatch, capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"

    code, _out, err = run_here(
        monkeypatch, capsys, url, "place-order", RING, "--customer", "demo"
    )

    assert code == 2
    assert "no staff account yet" in err
    assert "add-staff USER --role administrator" in err


@pytest.mark.parametrize(
    ("command", "role"),
    [
        (("place-order", RING, "--customer", "demo"), "designer"),
        (("set-kiosk-pin",), "sales"),
        (("import-events", RING), "designer"),
        (("segments", "--refit"), "administrator"),
        (("erase-customer", "demo-01"), "sales"),
        (("rotate-key",), "sales"),
    ],
)
def test_wrong_role_rejected(monkeypatch, capsys, url, command, role):
    username = USERNAMES[role]

    code, _out, err = run_here(
        monkeypatch,
        capsys,
        url,
        *command,
        "--staff",
        username,
        stdin=PASSWORD_LINE + "1234\n",
    )

    assert code == 2
    assert f"'{username}'" in err
    assert role in err


def test_wrong_password_rejected(monkeypatch, capsys, url):
    sales = ("--staff", USERNAMES["sales"])

    code, _out, err = run_here(
        monkeypatch,
        capsys,
        url,
        "place-order",
        RING,
        "--customer",
        "demo",
        *sales,
        stdin="guess\n",
    )

    assert code == 2
    assert "wrong username or password" in err
    assert _order_count(url) == 0


def test_disabled_account_rejected(monkeypatch, capsys, url):
    database = open_database(url)
    administrator = sign_in(database, USERNAMES["administrator"], PASSWORD)
    disable_staff_account(database, USERNAMES["sales"], staff=administrator)
    database.dispose()

    code, _out, err = run_here(
        monkeypatch,
        capsys,
        url,
        "place-order",
        RING,
        "--customer",
        "demo",
        "--staff",
        USERNAMES["sales"],
        stdin=PASSWORD_LINE,
    )

    assert code == 2
    assert "disabled" in err
    assert _order_count(url) == 0


def test_kiosk_pin_set_by_administrator(monkeypatch, capsys, url):
    administrator = ("--staff", USERNAMES["administrator"])

    code, out, err = run_here(
        monkeypatch,
        capsys,
        url,
        "set-kiosk-pin",
        *administrator,
        stdin=PASSWORD_LINE + "4321\n",
    )

    assert code == 0, err
    assert "kiosk PIN set" in out
    database = open_database(url)
    assert check_kiosk_pin(database, "4321")
    database.dispose()


@pytest.mark.parametrize(
    "command",
    [
        ("validate", RING),
        ("recommend", "--customer", "demo"),
        ("audit",),
        ("segments",),
    ],
)
def test_read_only_commands_need_no_staff(monkeypatch, capsys, url, command):
    code, _out, err = run_here(monkeypatch, capsys, url, *command)

    assert code == 0, err


def test_restore_over_data_needs_administrator(monkeypatch, capsys, url, tmp_path):
    backup = tmp_path / "shop.backup"
    assert run_here(monkeypatch, capsys, url, "backup", backup)[0] == 0

    anonymous = run_here(monkeypatch, capsys, url, "restore", backup, "--force")
    by_sales = run_here(
        monkeypatch,
        capsys,
        url,
        "restore",
        backup,
        "--force",
        "--staff",
        USERNAMES["sales"],
        stdin=PASSWORD_LINE,
    )
    by_administrator = run_here(
        monkeypatch,
        capsys,
        url,
        "restore",
        backup,
        "--force",
        "--staff",
        USERNAMES["administrator"],
        stdin=PASSWORD_LINE,
    )

    assert anonymous[0] == 2
    assert "restore changes stored data" in anonymous[2]
    assert by_sales[0] == 2
    assert "administrator" in by_sales[2]
    assert by_administrator[0] == 0, by_administrator[2]
    assert "restored" in by_administrator[1]
