"""Subcommands for personal data: key rotation, export, erasure, audit, staff.

These commands open the database without seeding the demo data, because
they act on the data that is there. Passwords are read from the terminal
without echo, or as one line from standard input when it is not a terminal.
"""

from __future__ import annotations

import sys

from app.cli_staff import add_staff_option, read_password

EXIT_OK = 0


def add_privacy_commands(commands) -> None:
    """Add the personal-data subcommands to the ``commands`` subparsers."""
    from app.cli import output_file

    rotate = commands.add_parser(
        "rotate-key",
        help="re-encrypt all personal data under a new key",
        description="Add a new key to the key file, re-encrypt every encrypted "
        "value in one transaction and the studio's autosaved design "
        "(autosave.enc in the data folder) if a crash left one, then remove the "
        "old key. Back up the new key file afterwards: without it the personal "
        "data cannot be read. "
        "Needs --staff with an administrator's account.",
    )
    add_staff_option(rotate)

    export = commands.add_parser(
        "export-customer",
        help="write everything stored about a customer as JSON",
        description="Write the customer's fields and consents, events, segment, "
        "kiosk designs and any other rows that refer to the customer.",
    )
    export.add_argument("customer", metavar="ID")
    export.add_argument(
        "--out",
        type=output_file("customer.json"),
        metavar="FILE.json",
        help="file to write (default: stdout)",
    )
    add_staff_option(export)

    erase = commands.add_parser(
        "erase-customer",
        help="delete a customer and their data, keeping order totals anonymised",
        description="Delete the customer, their events, segment membership and "
        "kiosk designs. Orders are kept for the accounts under an anonymous "
        "id. The audit log keeps a record of the erasure.",
    )
    erase.add_argument("customer", metavar="ID")
    add_staff_option(erase)

    audit = commands.add_parser(
        "audit",
        help="list who viewed, changed, exported or erased customer data",
        description="Print the audit log, oldest first, one entry per line: "
        "time, staff member, action, customer id and details.",
    )
    audit.add_argument("--customer", metavar="ID", help="only this customer")

    staff = commands.add_parser(
        "add-staff",
        help="create a staff account",
        description="The first account must be an administrator; later ones "
        "need --staff with an administrator's account. Read the new password "
        "twice from the terminal, or once from standard input when it is not a "
        "terminal (after the --staff password), and store its scrypt hash.",
    )
    staff.add_argument("username", metavar="USER")
    staff.add_argument(
        "--role", required=True, choices=("administrator", "designer", "sales")
    )
    add_staff_option(staff)


def open_database_as_is(arguments):
    """Open ``--database`` without seeding demo data; errors become CommandError."""
    from app.cli import CommandError
    from storage.crypto import KeyFileError
    from storage.db import default_database_url, open_database

    try:
        return open_database(arguments.database or default_database_url())
    except (ValueError, FileNotFoundError, KeyFileError) as error:
        raise CommandError(str(error)) from None


def command_rotate_key(arguments) -> int:
    from app.autosave import (
        AUTOSAVE_NAME,
        UNREADABLE_AUTOSAVE_NAME,
        data_folder,
        reencrypt_autosave,
    )
    from app.cli import CommandError
    from storage.crypto import (
        DecryptionError,
        key_file_path,
        key_ring,
        retired_key_path,
    )
    from storage.privacy import rotate_key

    database = open_database_as_is(arguments)
    autosave = data_folder() / AUTOSAVE_NAME
    outcome: list[str] = []

    def reseal(ring) -> None:
        try:
            if reencrypt_autosave(autosave, ring):
                outcome.append(f"re-encrypted the autosaved design {autosave}")
        except DecryptionError as error:
            # Neither the old nor the new key opens it, so the studio sets it
            # aside at its next start, as it did before the rotation.
            outcome.append(
                f"left the autosaved design {autosave} unchanged because the "
                f"key file cannot open it: {error}. The studio sets it aside as "
                f"{UNREADABLE_AUTOSAVE_NAME}, or a numbered name beside it, at its "
                "next start, and only the key file that was in use when the "
                "studio wrote it can open it"
            )
        except OSError as error:
            raise CommandError(
                f"the database was re-encrypted, but the autosaved design "
                f"{autosave} could not be: {error}. The key file keeps the old "
                "and the new key, so fix the file's access and run rotate-key "
                "again"
            ) from None

    retired = retired_key_path(key_file_path(), key_ring().current_id)
    count = rotate_key(database, reseal=reseal)
    print(f"re-encrypted {count} values; back up the new key file {key_file_path()}")
    print(
        f"kept the previous key file as {retired}: other databases and older "
        "backups that use it still need it; delete it once none does"
    )
    for line in outcome:
        print(line)
    return EXIT_OK


def _customer_request(arguments, action):
    """Run ``action(database, customer, staff=...)`` with errors as CommandError."""
    from app.cli import CommandError
    from storage.profiles import UnknownCustomerError

    database = open_database_as_is(arguments)
    staff = arguments.staff_session
    try:
        return action(database, arguments.customer, staff=staff)
    except (UnknownCustomerError, PermissionError) as error:
        raise CommandError(str(error)) from None


def command_export_customer(arguments) -> int:
    from app.cli import CommandError
    from designer.privacy import (
        customer_data_json,
        export_customer_data,
        export_customer_file,
    )
    from storage.output_paths import OutputPathError

    if arguments.out is None:
        data = _customer_request(arguments, export_customer_data)
        print(customer_data_json(data), end="")
        return EXIT_OK

    def export_to_file(database, customer, *, staff):
        return export_customer_file(database, customer, arguments.out, staff=staff)

    try:
        _customer_request(arguments, export_to_file)
    except OutputPathError as error:
        raise CommandError(str(error)) from None
    print(f"wrote customer {arguments.customer} to {arguments.out}", file=sys.stderr)
    return EXIT_OK


def command_erase_customer(arguments) -> int:
    from designer.privacy import erase_customer_data

    report = _customer_request(arguments, erase_customer_data)
    print(f"erased customer {arguments.customer}")
    for table, count in sorted(report.deleted.items()):
        print(f"deleted from {table}: {count}")
    for table, count in sorted(report.anonymised.items()):
        print(f"kept in {table} under {report.anonymous_id}: {count}")
    return EXIT_OK


def command_audit(arguments) -> int:
    from storage.audit import list_audit

    database = open_database_as_is(arguments)
    with database.session(readonly=True) as session:
        entries = list_audit(session, customer_id=arguments.customer)
    for entry in entries:
        detail = f"\t{entry.detail}" if entry.detail else ""
        print(
            f"{entry.occurred_at:%Y-%m-%d %H:%M:%S}\t{entry.actor}\t{entry.action}\t"
            f"{entry.customer_id or '-'}{detail}"
        )
    if not entries:
        print("no audit entries")
    return EXIT_OK


def command_add_staff(arguments) -> int:
    from app.cli import CommandError
    from designer.access import create_staff_account

    database = open_database_as_is(arguments)
    staff = arguments.staff_session
    password = read_password("New password: ", confirm=True)
    try:
        create_staff_account(
            database, arguments.username, arguments.role, password, staff=staff
        )
    except (ValueError, PermissionError) as error:
        raise CommandError(str(error)) from None
    print(f"added {arguments.role} {arguments.username}")
    return EXIT_OK


PRIVACY_COMMANDS = {
    "rotate-key": command_rotate_key,
    "export-customer": command_export_customer,
    "erase-customer": command_erase_customer,
    "audit": command_audit,
    "add-staff": command_add_staff,
}
