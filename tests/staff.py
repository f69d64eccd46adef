"""Staff accounts of every role, for tests that sign in."""

from __future__ import annotations

from designer.access import create_staff_account
from storage.db import open_database
from storage.staff import sign_in

PASSWORD = "correct horse battery"

# Username of the account of each role that add_staff_accounts creates.
USERNAMES = {"administrator": "root", "sales": "ana", "designer": "dee"}


def add_staff_accounts(database) -> None:
    """Create one account per role, all with :data:`PASSWORD`."""
    create_staff_account(database, "root", "administrator", PASSWORD)
    admin = sign_in(database, "root", PASSWORD)
    for role in ("sales", "designer"):
        create_staff_account(database, USERNAMES[role], role, PASSWORD, staff=admin)


# What a command reads from standard input as the --staff password.
PASSWORD_LINE = PASSWORD + "\n"


def add_staff_accounts_at(url: str) -> None:
    """Create one account per role in the database at ``url``, then close it."""
    database = open_database(url)
    add_staff_accounts(database)
    database.dispose()
