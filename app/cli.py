"""The command line: the GUI by default, subcommands for headless jobs.

Exit codes: 0 success, 1 a design that breaks an error-severity rule, 2 bad
input (unreadable file, unknown product, customer or order, invalid value).
Exit code 3 means that the order flow rejected the request, or that factory
records went to quarantine.
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
EXIT_REJECTED = 3


class CommandError(Exception):
    """A problem with the user's input, shown as one line and exit code 2."""


class RejectedError(Exception):
    """A request that the order flow rejects, shown as one line and exit code 3."""


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

    recommend = commands.add_parser(
        "recommend", help="print suggestions for a customer, with reasons"
    )
    recommend.add_argument("--customer", required=True, metavar="ID")
    recommend.add_argument(
        "--count", type=int, default=10, metavar="N", help="how many (default 10)"
    )
    _add_order_commands(commands)
    return parser


def _add_order_commands(commands) -> None:
    place = commands.add_parser(
        "place-order",
        help="order a design for a customer and print the new order id",
        description="Freeze and price the design, create the order, issue its "
        "quote and confirm it. The last line of output is the order id alone. "
        "Exit 1 when the design breaks an error rule, 2 for bad input.",
    )
    place.add_argument("design", type=Path, metavar="DESIGN.json")
    place.add_argument("--customer", required=True, metavar="ID")
    place.add_argument(
        "--quote-only",
        action="store_true",
        help="stop at the quoted state instead of confirming",
    )
    _add_actor_options(place)

    export = commands.add_parser(
        "export-order",
        help="write an order's production package from its frozen design",
    )
    export.add_argument("order", metavar="ORDER_ID")
    export.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to create"
    )

    status = commands.add_parser(
        "apply-status",
        help="apply a factory status file (JSON or CSV) or a folder of them",
        description="Apply factory status updates and print how many were "
        "applied, ignored (seen before) and quarantined. Exit 3 when any went "
        "to quarantine, 2 when a file cannot be read.",
    )
    status.add_argument("path", type=Path, metavar="FILE")

    quote = commands.add_parser(
        "quote",
        help="write a quote PDF for a design (a new quoted order) or an order",
        description="With DESIGN.json, create a quoted order for --customer "
        "and print its id as the last line; with --order, print that order's "
        "quote again.",
    )
    quote.add_argument("design", type=Path, nargs="?", metavar="DESIGN.json")
    quote.add_argument("--customer", metavar="ID")
    quote.add_argument("--order", metavar="ORDER_ID", help="reprint this order")
    quote.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="PDF file to write"
    )
    _add_actor_options(quote)


def _add_actor_options(parser) -> None:
    parser.add_argument(
        "--actor",
        metavar="NAME",
        help="who places the order, for its history (default: the login name)",
    )
    parser.add_argument("--note", default="", help="note recorded with the order")


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
    except RejectedError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_REJECTED


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


def _order_errors():
    """Return the errors of ordering that are bad input, and those rejected.

    Rejected errors include ``ValueError`` for a catalog file that changed
    since it was loaded, and the pricing and order-flow errors, which
    subclass it.
    """
    from designer.orders import CustomerNotFoundError, OrderNotFoundError

    return (CustomerNotFoundError, OrderNotFoundError), ValueError


def _freeze(arguments, database):
    """Freeze the design file's design at the store's prices."""
    from designer.order_design import freeze_design
    from designer.store import load_store_settings

    design = _session(arguments)
    with database.session(readonly=True) as session:
        settings = load_store_settings(session)
    return freeze_design(design, settings)


def _print_violations(error) -> None:
    for rule, message in error.violations:
        print(f"error: {rule}: {message}", file=sys.stderr)


def command_place_order(arguments) -> int:
    from designer.order_design import NotOrderableError
    from designer.orders import default_actor, place_order

    database = _database(arguments)
    bad_input, rejected = _order_errors()
    try:
        frozen = _freeze(arguments, database)
        with database.session() as session:
            order = place_order(
                session,
                arguments.customer,
                frozen,
                arguments.actor or default_actor(),
                confirm=not arguments.quote_only,
                note=arguments.note,
            )
    except NotOrderableError as error:
        _print_violations(error)
        print(f"{error.product}: cannot be ordered", file=sys.stderr)
        return EXIT_NOT_ORDERABLE
    except bad_input as error:
        raise CommandError(str(error)) from None
    except rejected as error:
        raise RejectedError(str(error)) from None
    promised = order.promised_date.isoformat() if order.promised_date else "not set"
    print(
        f"order {order.id}: {order.product_id} for {order.customer_id}, {order.state}"
    )
    print(f"total: {order.total} {order.currency}")
    print(f"promised date: {promised}")
    print(order.id)
    return EXIT_OK


def command_export_order(arguments) -> int:
    from designer.order_export import export_order_package, load_order_for_export
    from designer.production import build_parts
    from rendering.offscreen import render_png

    database = _database(arguments)
    bad_input, rejected = _order_errors()
    try:
        with database.session(readonly=True) as session:
            order = load_order_for_export(session, arguments.order)
    except bad_input as error:
        raise CommandError(str(error)) from None
    design = order.frozen.session()
    parts = build_parts(design)
    preview = render_png(parts, None, size=(900, 700), view="iso")
    try:
        written = export_order_package(
            order, arguments.out, preview, arguments.language, parts=parts
        )
    except OSError as error:
        raise CommandError(f"cannot write to {arguments.out}: {error}") from None
    for path in written:
        print(path)
    return EXIT_OK


def command_apply_status(arguments) -> int:
    from designer.factory_status import StatusFileError, apply_status_path

    if not arguments.path.exists():
        raise CommandError(f"{arguments.path}: file not found")
    database = _database(arguments)
    try:
        report = apply_status_path(database, arguments.path)
    except StatusFileError as error:
        raise CommandError(str(error)) from None
    print(f"applied: {report.applied}")
    print(f"ignored: {report.ignored}")
    print(f"quarantined: {report.quarantined}")
    for reason in report.reasons:
        print(f"quarantined: {reason}", file=sys.stderr)
    return EXIT_REJECTED if report.quarantined else EXIT_OK


def command_quote(arguments) -> int:
    from designer.order_design import NotOrderableError
    from designer.orders import default_actor, place_order
    from designer.quote import quote_document, write_quote_pdf

    if (arguments.design is None) == (arguments.order is None):
        raise CommandError("give either DESIGN.json or --order ORDER_ID, not both")
    if arguments.design is not None and not arguments.customer:
        raise CommandError("a quote for DESIGN.json needs --customer ID")
    database = _database(arguments)
    bad_input, rejected = _order_errors()
    try:
        order_id = arguments.order
        if arguments.design is not None:
            frozen = _freeze(arguments, database)
            with database.session() as session:
                order = place_order(
                    session,
                    arguments.customer,
                    frozen,
                    arguments.actor or default_actor(),
                    confirm=False,
                    note=arguments.note,
                )
                order_id = order.id
        with database.session(readonly=True) as session:
            document = quote_document(session, order_id, arguments.language)
    except NotOrderableError as error:
        _print_violations(error)
        return EXIT_NOT_ORDERABLE
    except bad_input as error:
        raise CommandError(str(error)) from None
    except rejected as error:
        raise RejectedError(str(error)) from None
    try:
        path = write_quote_pdf(document, arguments.out)
    except OSError as error:
        raise CommandError(f"cannot write {arguments.out}: {error}") from None
    print(path)
    print(f"total: {document.price.total} {document.price.currency}")
    print(document.order_id)
    return EXIT_OK


COMMANDS = {
    "validate": command_validate,
    "export": command_export,
    "import-transactions": command_import,
    "recommend": command_recommend,
    "place-order": command_place_order,
    "export-order": command_export_order,
    "apply-status": command_apply_status,
    "quote": command_quote,
}
