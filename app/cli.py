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

    recommend = commands.add_parser(
        "recommend", help="print suggestions for a customer, with reasons"
    )
    recommend.add_argument("--customer", required=True, metavar="ID")
    recommend.add_argument(
        "--count", type=int, default=10, metavar="N", help="how many (default 10)"
    )
    _add_rules_commands(commands)
    return parser


def _add_rules_commands(commands) -> None:
    rules = commands.add_parser(
        "rules",
        help="count or compile the valid configurations of a product model",
        description="FILE is an XCSP 2.1 file (.xml) or a catalog file (.toml). "
        "Compiled rules are kept in the user's cache folder "
        "(ATELIER_CACHE_DIR overrides it).",
    )
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    actions.required = True
    count = actions.add_parser(
        "count",
        help="print 'solutions: N', the number of valid configurations",
        description="Count the valid configurations over every parameter "
        "except text ones, which keep their defaults.",
    )
    count.add_argument("file", type=Path, metavar="FILE")
    compile_ = actions.add_parser(
        "compile", help="compile the rules into the cache, or beside FILE"
    )
    compile_.add_argument("file", type=Path, metavar="FILE")
    compile_.add_argument(
        "--beside",
        action="store_true",
        help="also write NAME.compiled.npz next to FILE, to ship with it",
    )


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
    from recommender.online_retail import ImportFormatError, import_transactions

    database = _database(arguments)
    if not arguments.file.is_file():
        raise CommandError(f"{arguments.file}: file not found")
    try:
        report = import_transactions(database, arguments.file)
    except ImportFormatError as error:
        raise CommandError(str(error)) from None
    for line in report.lines():
        print(line)
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


def command_rules(arguments) -> int:
    from rules.cache import beside, write_compiled

    engine = _rules_engine(arguments.file)
    if arguments.rules_command == "count":
        print(f"solutions: {engine.count()}")
        return EXIT_OK
    diagram = engine.compiled.diagram
    print(f"{arguments.file}: {diagram.node_count} nodes, {diagram.edge_count} edges")
    if arguments.beside:
        target = beside(arguments.file)
        try:
            write_compiled(target, engine.compiled_key, engine.compiled)
        except OSError as error:
            raise CommandError(f"cannot write {target}: {error.strerror}") from None
        print(f"written: {target}")
    return EXIT_OK


def _rules_engine(path: Path):
    """Load the engine of an XCSP or catalog file, compiling it if needed."""
    from designer.catalog import CatalogError, load_model
    from rules.compiler import CompileError
    from rules.xcsp import XcspError, load_engine

    if path.suffix.lower() not in (".xml", ".toml"):
        raise CommandError(
            f"{path}: expected an XCSP file (.xml) or a catalog file (.toml)"
        )
    try:
        if path.suffix.lower() == ".toml":
            return load_model(path).engine
        return load_engine(path)
    except (CatalogError, XcspError, CompileError) as error:
        raise CommandError(str(error)) from None


COMMANDS = {
    "rules": command_rules,
    "validate": command_validate,
    "export": command_export,
    "import-transactions": command_import,
    "recommend": command_recommend,
}
