"""Staff accounts of every role, for tests that sign in."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from designer.access import create_staff_account
from storage.db import open_database
from storage.staff import sign_in

ROOT = Path(__file__).resolve().parents[1]
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


def run_cli_here(capsys, *arguments, stdin: str = PASSWORD_LINE):
    """Run the command line in this process with ``stdin`` as standard input.

    Returns the exit code, stdout and stderr. Running in this process skips
    the interpreter's start-up that ``main.py`` in a new process costs.
    """
    from app.cli import main

    saved = sys.stdin
    # ``--key-file`` sets the key file's variable for the rest of the
    # process. In a test process that choice must end with the call.
    environment = dict(os.environ)
    sys.stdin = io.StringIO(stdin)
    try:
        code = main([str(argument) for argument in arguments])
    finally:
        sys.stdin = saved
        os.environ.clear()
        os.environ.update(environment)
    output = capsys.readouterr()
    return code, output.out, output.err


def run_main(*arguments, stdin: str | None = None, env=None):
    """Run ``main.py`` in a new process, as a user runs it, with ``stdin`` as input."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, arguments)],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
