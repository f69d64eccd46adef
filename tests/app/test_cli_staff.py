"""The command line's staff rule: subcommands that change data need --staff."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from designer.access import disable_staff_account
from designer.kiosk_designs import check_kiosk_pin
from resources import EXAMPLES_DIR
from storage.db import open_database
from storage.order_schema import Order, OrderTransition
from storage.staff import sign_in
from tests.staff import (
    PASSWORD,
    PASSWORD_LINE,
    USERNAMES,
    add_staff_accounts_at,
    run_cli_here,
    run_main,
)

RING = EXAMPLES_DIR / "ring-band.json"


PLACE_ORDER = ("place-order", RING, "--customer", "demo")


def run_here(capsys, url, *arguments, stdin: str = ""):
    """Run the command line in this process; return code, stdout and stderr."""
    return run_cli_here(capsys, "--database", url, *arguments, stdin=stdin)


def run_as(capsys, url, role, *arguments, stdin: str = PASSWORD_LINE):
    """Run the command line as the staff member of ``role``, in this process."""
    staff = ("--staff", USERNAMES[role])
    return run_here(capsys, url, *arguments, *staff, stdin=stdin)


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
    staff = ("--staff", sales)
    result = run_main("--database", url, *PLACE_ORDER, *staff, stdin=PASSWORD_LINE)

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
    result = run_main("--database", url, *PLACE_ORDER)

    assert result.returncode == 2
    assert "place-order changes stored data" in result.stderr
    assert "--staff USER" in result.stderr
    assert "sales" in result.stderr
    assert "Traceback" not in result.stderr
    assert _order_count(url) == 0


def test_no_staff_accounts_names_first_step(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"

    code, _out, err = run_here(capsys, url, *PLACE_ORDER)

    assert code == 2
    assert "no staff account yet" in err
    assert "add-staff USER --role administrator" in err


@pytest.mark.parametrize(
    ("command", "role"),
    [
        (PLACE_ORDER, "designer"),
        (("set-kiosk-pin",), "sales"),
        (("import-events", RING), "designer"),
        (("segments", "--refit"), "administrator"),
        (("erase-customer", "demo-01"), "sales"),
        (("rotate-key",), "sales"),
    ],
)
def test_wrong_role_rejected(capsys, url, command, role):
    username = USERNAMES[role]

    code, _out, err = run_as(
        capsys, url, role, *command, stdin=PASSWORD_LINE + "1234\n"
    )

    assert code == 2
    assert f"'{username}'" in err
    assert role in err


def test_wrong_password_rejected(capsys, url):
    code, _out, err = run_as(capsys, url, "sales", *PLACE_ORDER, stdin="guess\n")

    assert code == 2
    assert "wrong username or password" in err
    assert _order_count(url) == 0


@pytest.mark.parametrize("stdin", ["", "\n"], ids=["empty", "empty-line"])
def test_missing_password_not_counted(capsys, url, stdin):
    # More runs than the failed sign-ins that lock an account.
    for _ in range(6):
        code, _out, err = run_as(capsys, url, "sales", *PLACE_ORDER, stdin=stdin)

        assert code == 2
        assert "no password on standard input" in err
        assert "wrong username or password" not in err

    database = open_database(url)
    staff = sign_in(database, USERNAMES["sales"], PASSWORD)
    database.dispose()
    assert staff.username == USERNAMES["sales"]
    assert _order_count(url) == 0


def test_first_staff_without_password(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"

    code, _out, err = run_here(
        capsys, url, "add-staff", "root", "--role", "administrator", stdin=""
    )

    assert code == 2
    assert "no password on standard input" in err
    assert "too short" not in err


def test_disabled_account_rejected(capsys, url):
    database = open_database(url)
    administrator = sign_in(database, USERNAMES["administrator"], PASSWORD)
    disable_staff_account(database, USERNAMES["sales"], staff=administrator)
    database.dispose()

    code, _out, err = run_as(capsys, url, "sales", *PLACE_ORDER)

    assert code == 2
    assert "disabled" in err
    assert _order_count(url) == 0


def test_kiosk_pin_set_by_administrator(capsys, url):
    code, out, err = run_as(
        capsys, url, "administrator", "set-kiosk-pin", stdin=PASSWORD_LINE + "4321\n"
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
def test_read_only_commands_need_no_staff(capsys, url, command):
    code, _out, err = run_here(capsys, url, *command)

    assert code == 0, err


def test_restore_over_data_needs_administrator(capsys, url, tmp_path):
    backup = tmp_path / "shop.backup"
    assert run_here(capsys, url, "backup", backup)[0] == 0

    anonymous = run_here(capsys, url, "restore", backup, "--force")
    by_sales = run_as(capsys, url, "sales", "restore", backup, "--force")
    by_administrator = run_as(
        capsys, url, "administrator", "restore", backup, "--force"
    )

    assert anonymous[0] == 2
    assert "restore changes stored data" in anonymous[2]
    assert by_sales[0] == 2
    assert "administrator" in by_sales[2]
    assert by_administrator[0] == 0, by_administrator[2]
    assert "restored" in by_administrator[1]
