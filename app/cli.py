"""The command line: the GUI by default, subcommands for headless jobs.

Exit codes: 0 success, 1 a design that breaks an error-severity rule, 2 bad
input (unreadable file, unknown product or customer, invalid value).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NOT_ORDERABLE = 1
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A problem with the user's input, shown as one line and exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Atelier, a design studio for made-to-order products. "
        "Without a subcommand it opens the studio window.",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy database URL, such as sqlite:///path/atelier.db or "
        "postgresql://user@host/atelier (default: atelier.db in the user's "
        "data folder)",
    )
    parser.add_argument(
        "--language",
        choices=("en", "zh_CN"),
        default="en",
        help="language of messages and documents (default: en)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log progress to stderr"
    )
    commands = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    validate = commands.add_parser(
        "validate",
        help="check a design file against its product's rules",
        description="Print the design's violations. Exit 0 when it can be "
        "ordered (warnings allowed), 1 when an error rule is violated, 2 "
        "when the file is invalid.",
    )
    validate.add_argument("design", type=Path, metavar="DESIGN.json")

    export = commands.add_parser(
        "export",
        help="write a production package (spec.json, model.stl, spec.pdf)",
    )
    export.add_argument("design", type=Path, metavar="DESIGN.json")
    export.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to create"
    )

    importer = commands.add_parser(
        "import-transactions",
        help="import a transaction file in the Online Retail format",
        description="Load a CSV (plain or gzip) with the columns InvoiceNo, "
        "StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, "
        "Country; drop cancellations, rows without a customer and duplicates.",
    )
    importer.add_argument("file", type=Path, metavar="FILE")
    importer.add_argument(
        "--no-profiling-consent",
        dest="consent_profiling",
        action="store_false",
        help="record the file's customers as not consenting to profiling, so "
        "their purchases drive no suggestions (by default the file is taken as "
        "the store's own history of customers who consented)",
    )

    backup = commands.add_parser(
        "backup",
        help="copy the database to FILE while the studio keeps running",
        description="Write a consistent copy of the database (see --database) "
        "to FILE: SQLite's online backup for a SQLite file, pg_dump for a "
        "PostgreSQL server. Other kiosks may keep writing meanwhile.",
    )
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.add_argument(
        "--force", action="store_true", help="replace FILE if it already exists"
    )

    restore = commands.add_parser(
        "restore",
        help="replace the database with a backup made by the backup subcommand",
        description="Check FILE, then replace the whole database (see "
        "--database) with it and migrate it to this version's schema. A "
        "database that already contains data is replaced only with --force.",
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace a database that already contains data",
    )

    recommend = commands.add_parser(
        "recommend", help="print suggestions for a customer, with reasons"
    )
    recommend.add_argument("--customer", required=True, metavar="ID")
    recommend.add_argument(
        "--count", type=int, default=10, metavar="N", help="how many (default 10)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    if arguments.command is None:
        from app.gui import run_gui

        return run_gui(arguments)
    handler = COMMANDS[arguments.command]
    try:
        return handler(arguments)
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _catalog():
    from designer.catalog import load_catalog

    catalog = load_catalog()
    for error in catalog.errors:
        print(f"warning: catalog file skipped: {error}", file=sys.stderr)
    return catalog


def _session(arguments):
    from designer.designs import DesignFileError, read_design, resolve
    from designer.session import DesignSession

    catalog = _catalog()
    try:
        design = read_design(arguments.design)
        model, values = resolve(design, catalog, arguments.design)
    except DesignFileError as error:
        raise CommandError(str(error)) from None
    return DesignSession(model, values, design.chosen)


def _database(arguments):
    from designer.studio_data import open_studio_database

    try:
        return open_studio_database(arguments.database, _catalog())
    except ValueError as error:
        raise CommandError(str(error)) from None


def command_validate(arguments) -> int:
    session = _session(arguments)
    language = arguments.language
    for violation in session.violations:
        print(f"{violation.severity}: {violation.rule}: {violation.message(language)}")
    if session.orderable:
        print(f"{session.model.id}: can be ordered")
        return EXIT_OK
    print(f"{session.model.id}: cannot be ordered")
    return EXIT_NOT_ORDERABLE


def command_export(arguments) -> int:
    from designer.production import build_parts, export_package
    from rendering.offscreen import render_png

    session = _session(arguments)
    parts = build_parts(session)
    preview = render_png(parts, None, size=(900, 700), view="iso")
    try:
        written = export_package(
            session, arguments.out, preview, arguments.language, parts=parts
        )
    except OSError as error:
        raise CommandError(f"cannot write to {arguments.out}: {error}") from None
    for path in written:
        print(path)
    if not session.orderable:
        print(
            "warning: the design breaks an error rule and cannot be ordered",
            file=sys.stderr,
        )
    return EXIT_OK


def command_import(arguments) -> int:
    from recommender.online_retail import TransactionFileError, import_transactions

    if not arguments.file.is_file():
        raise CommandError(f"{arguments.file}: file not found")
    database = _database(arguments)
    try:
        report = import_transactions(
            database, arguments.file, consent_profiling=arguments.consent_profiling
        )
    except TransactionFileError as error:
        raise CommandError(str(error)) from None
    for line in import_report_lines(report):
        print(line)
    return EXIT_OK


def import_report_lines(report) -> list[str]:
    """Describe what an import kept and dropped, one count per line."""
    lines = [
        f"rows read: {report.total_rows}",
        f"kept: {report.kept_rows} rows, {report.customers} customers, "
        f"{report.products} products",
        f"dropped cancellations: {report.cancellations}",
        f"dropped rows without a customer: {report.missing_customer}",
        f"dropped stock codes that are not products: {report.non_product}",
        f"dropped zero or negative quantity or price: {report.non_positive}",
        f"dropped exact duplicates: {report.duplicates}",
        f"dropped malformed rows: {report.malformed_rows}",
    ]
    for row in report.malformed[:20]:
        lines.append(f"  line {row.line_number}: {row.message}")
    if report.replaced_events:
        lines.append(
            f"replaced purchases from an earlier import: {report.replaced_events}"
        )
    return lines


def _database_url(arguments) -> str:
    from storage.db import default_database_url

    return arguments.database or default_database_url()


def command_backup(arguments) -> int:
    from storage.backup import backup_database

    try:
        path = backup_database(
            _database_url(arguments), arguments.file, overwrite=arguments.force
        )
    except ValueError as error:  # BackupError, or a rejected database URL
        raise CommandError(str(error)) from None
    print(f"backup written to {path}")
    return EXIT_OK


def command_restore(arguments) -> int:
    from storage.backup import restore_database

    try:
        revision = restore_database(
            _database_url(arguments), arguments.file, overwrite=arguments.force
        )
    except ValueError as error:  # BackupError, or a rejected database URL
        raise CommandError(str(error)) from None
    print(f"restored {arguments.file} (schema revision {revision})")
    return EXIT_OK


def command_recommend(arguments) -> int:
    from recommender.knn import recommend

    if arguments.count < 1:
        raise CommandError(f"--count must be at least 1, not {arguments.count}")
    database = _database(arguments)
    suggestions = recommend(database, arguments.customer, n=arguments.count)
    for rank, suggestion in enumerate(suggestions, 1):
        print(
            f"{rank:2d}. {suggestion.product_id}\t{suggestion.name}\t"
            f"score {suggestion.score:.3f}\t{suggestion.reason}"
        )
    return EXIT_OK


COMMANDS = {
    "validate": command_validate,
    "export": command_export,
    "import-transactions": command_import,
    "recommend": command_recommend,
    "backup": command_backup,
    "restore": command_restore,
}
