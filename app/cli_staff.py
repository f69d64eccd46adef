"""The command line's staff rule, and the ``--staff`` sign-in that it needs.

The rule: a subcommand that changes customers, orders, staff accounts, the
kiosk PIN, the key or the whole database, or that writes a customer's
personal data out of the studio, runs only with ``--staff USER``. The
account must exist, be enabled, have the right password and have one of
the roles that :data:`COMMAND_ROLES` lists, which follow the studio
window's roles (:data:`designer.access.ROLE_PERMISSIONS`). What it changes
is recorded under that username, and an export of a customer's data gets
an audit entry. Read-only subcommands (validate, export, recommend,
open-design, export-order, audit, backup and the others) run without it:
what they print or write names no customer. ``open-design`` prints a kiosk
design and ``export-order`` writes an order's production package, which
hold the product's values (sizes, engraving) but no customer's name or id.

First-time setup runs without ``--staff``: ``add-staff`` while the
database has no staff account, which creates the first administrator, and
``restore`` into a database without data, or with ``--force`` into one
without staff accounts.
"""

from __future__ import annotations

import getpass
import logging
import sys

from designer.access import Permission, roles_with
from designer.privacy import ERASE_ROLES, EXPORT_ROLES
from storage.schema import StaffRole

logger = logging.getLogger(__name__)

ADMINISTRATOR_ONLY = (StaffRole.ADMINISTRATOR,)

# Subcommands that need --staff, and the roles that may run them.
COMMAND_ROLES: dict[str, tuple[StaffRole, ...]] = {
    "import-transactions": roles_with(Permission.CUSTOMERS),
    "import-events": roles_with(Permission.CUSTOMERS),
    "profile": roles_with(Permission.CUSTOMER_PROFILE),
    "segments": roles_with(Permission.SEGMENTS),
    "set-kiosk-pin": roles_with(Permission.KIOSK_PIN),
    "place-order": roles_with(Permission.ORDERS),
    "quote": roles_with(Permission.ORDERS),
    "apply-status": roles_with(Permission.PRODUCTION_MONITOR),
    "export-customer": EXPORT_ROLES,
    "store-settings": ADMINISTRATOR_ONLY,
    "erase-customer": ERASE_ROLES,
    "add-staff": roles_with(Permission.STAFF_ACCOUNTS),
    "rotate-key": ADMINISTRATOR_ONLY,
    "restore": ADMINISTRATOR_ONLY,
}


def add_staff_option(parser) -> None:
    """Add ``--staff USER`` to a subcommand's parser."""
    parser.add_argument(
        "--staff",
        metavar="USER",
        help="sign in as this staff member, whose role must allow the "
        "subcommand; the password is read from the terminal, or as the first "
        "line of standard input when it is not a terminal",
    )


def needs_staff(arguments) -> bool:
    """Return whether the parsed subcommand needs ``--staff``.

    A subcommand needs it when it changes data or writes out a customer's
    data. ``segments`` only listing the stored segments changes nothing,
    and ``restore`` without ``--force`` writes only into a database without
    data. ``quote`` needs it in both forms: with DESIGN.json it creates an
    order, and with ``--order`` it writes the customer's name into the PDF.
    :func:`sign_in_for_command` also lets ``add-staff`` and ``restore`` run
    without staff while the database has no staff account.
    """
    command = arguments.command
    if command not in COMMAND_ROLES:
        return False
    if command == "segments":
        return arguments.refit or arguments.export is not None
    if command == "store-settings":
        from app.cli_store import changes_settings

        return changes_settings(arguments)
    if command == "restore":
        # Without --force, restore only writes into a database that
        # contains no data, and rejects any other.
        return arguments.force
    return True


def read_password(prompt: str, *, confirm: bool = False) -> str:
    """Read a password without echo, or one line of standard input.

    Raises
    ------
    app.cli.CommandError
        If no password was given (empty standard input, an empty line or an
        empty entry at the prompt), or the two passwords typed at the
        terminal differ. A missing password is a usage error, so it never
        counts as a failed sign-in towards the account's lockout.
    """
    from app.cli import CommandError

    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise CommandError(
                "no password on standard input. Type it at the prompt, or pipe "
                "it as the first line of standard input"
            )
        return password
    password = getpass.getpass(prompt)
    if not password:
        raise CommandError("no password given. Type it at the prompt")
    if confirm and getpass.getpass("Repeat the password: ") != password:
        raise CommandError("the two passwords differ; run the command again")
    return password


def sign_in_for_command(database, arguments):
    """Sign in the ``--staff`` member and check their role for the subcommand.

    Returns the :class:`storage.staff.ActiveSession`, or ``None`` for a
    subcommand that runs without staff: a read-only one without
    ``--staff``, the first ``add-staff``, or ``restore`` into a database
    without data.

    Raises
    ------
    app.cli.CommandError
        If ``--staff`` is missing where the rule needs it, the sign-in
        fails, or the member's role may not run the subcommand.
    """
    from app.cli import CommandError
    from storage.staff import SessionExpiredError, SignInError, require_role, sign_in

    username = getattr(arguments, "staff", None)
    required = needs_staff(arguments) and not _first_time_setup(database, arguments)
    if username is None:
        if required:
            raise CommandError(_missing_staff_message(database, arguments.command))
        return None
    password = read_password(f"Password for {username}: ")
    try:
        staff = sign_in(database, username, password)
        if arguments.command in COMMAND_ROLES:
            require_role(staff, *COMMAND_ROLES[arguments.command])
    except (SignInError, SessionExpiredError, PermissionError) as error:
        raise CommandError(str(error)) from None
    logger.info("%s runs %s as %s", username, arguments.command, staff.role)
    return staff


def _first_time_setup(database, arguments) -> bool:
    from designer.access import has_staff_accounts

    if arguments.command in ("add-staff", "restore"):
        return not has_staff_accounts(database)
    return False


def _missing_staff_message(database, command: str) -> str:
    from designer.access import has_staff_accounts

    roles = " or ".join(role.value for role in COMMAND_ROLES[command])
    text = (
        f"{command} changes stored data or writes out a customer's data, so "
        f"it needs --staff USER: the username of an enabled staff account with "
        f"the role {roles}"
    )
    if has_staff_accounts(database):
        return text + "; an administrator adds one with 'add-staff'"
    return (
        text + "; this database has no staff account yet, so first create an "
        "administrator with 'main.py add-staff USER --role administrator'"
    )
