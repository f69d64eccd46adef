"""The command line: the GUI by default, subcommands for headless jobs.

Exit codes: 0 success, 1 a design that breaks an error-severity rule, 2 bad
input (unreadable file, unknown product, customer, segment or order, invalid
value). Exit code 3 means that the order flow rejected the request, or that
factory records went to quarantine.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli_privacy import PRIVACY_COMMANDS, add_privacy_commands
from app.cli_staff import add_staff_option
from app.cli_store import STORE_COMMANDS, add_store_command

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NOT_ORDERABLE = 1
EXIT_BAD_INPUT = 2
EXIT_REJECTED = 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports it


# The maximum --count of `recommend`. A longer list is more than anyone
# reads at a counter, so a larger count is taken for a typing mistake.
MAX_RECOMMENDATIONS = 1000


class CommandError(Exception):
    """A problem with the user's input, shown as one line and exit code 2."""


class RejectedError(Exception):
    """A request that the order flow rejects, shown as one line and exit code 3."""


def output_error(
    path: os.PathLike[str] | str, error: OSError, *, folder: bool = False
) -> CommandError:
    """Return the error for an output ``path`` that could not be written.

    The message names ``path`` and what is wrong with it, never the
    temporary file that an atomic write failed on. ``folder`` is true when
    ``path`` is meant to be a folder.
    """
    from storage.output_paths import OutputPathError, output_path_error

    if not isinstance(error, OutputPathError):
        error = output_path_error(path, error, folder=folder)
    return CommandError(str(error))


def recommendation_count(text: str) -> int:
    """Parse ``--count`` of ``recommend``: an integer from 1 to the maximum.

    Raises ``argparse.ArgumentTypeError``, so argparse prints the usage and
    the reason and exits with code 2.
    """
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= count <= MAX_RECOMMENDATIONS:
        raise argparse.ArgumentTypeError(
            f"{count} is out of range: give a number from 1 to {MAX_RECOMMENDATIONS}"
        )
    return count


class OutputPath(type(Path())):
    """A file that a subcommand writes, as the user named it.

    :func:`main` checks every argument of this type against the store's
    own files before the subcommand runs.
    """


class OutputFolder(OutputPath):
    """A production package's folder, written with ``NAME.zip`` beside it."""


def output_file(example: str, *, folder: bool = False):
    """Return an argparse type for a file to write, which rejects a blank name.

    ``Path("")`` is the current folder, so without this an empty name is
    reported as a folder. ``example`` is a name that the message offers,
    and ``folder`` is true for a folder to create. The type returns an
    :class:`OutputPath`, or an :class:`OutputFolder` for a folder.
    """

    def parse(text: str) -> Path:
        path = read_path(text, example, folder=folder)
        return OutputFolder(path) if folder else OutputPath(path)

    return parse


def read_path(text: str, example: str, *, folder: bool = False) -> Path:
    """Return the path that ``text`` names, for an argparse type.

    A blank name, or a file's name ending with a slash, raises
    ``argparse.ArgumentTypeError`` (see
    :func:`storage.output_paths.check_output_name`). A leading ``~`` is
    expanded, as a shell does for an unquoted one.
    """
    from storage.output_paths import OutputPathError, check_output_name

    try:
        check_output_name(text, example, folder=folder)
    except OutputPathError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return Path(os.path.expanduser(text))


def key_file_argument(text: str) -> Path:
    """Parse ``--key-file``: the store's key file, read or created."""
    return read_path(text, "key.bin")


def backup_file_argument(text: str) -> Path:
    """Parse the backup file that ``restore`` reads, rejecting a blank name."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "no backup file given; type the path of a file that 'main.py "
            "backup' wrote, such as atelier.backup"
        )
    return Path(os.path.expanduser(text))


def check_outputs(arguments) -> None:
    """Reject an output argument that is one of the store's own files.

    Every argument parsed as an :class:`OutputPath` is checked against the
    database that ``--database`` names (or the default one) and the key
    file, and a package folder is also checked with its zip file.

    Raises
    ------
    CommandError
        Naming the output and what it is.
    """
    from storage.output_paths import (
        OutputPathError,
        check_not_store_file,
        check_package_folder,
    )

    for value in vars(arguments).values():
        if not isinstance(value, OutputPath):
            continue
        targets = [value]
        try:
            if isinstance(value, OutputFolder):
                check_package_folder(value)
                targets.append(value.with_name(f"{value.name}.zip"))
            for target in targets:
                check_not_store_file(target, arguments.database)
        except OutputPathError as error:
            raise CommandError(str(error)) from None


def check_input_file(path: Path, what: str) -> None:
    """Raise ``CommandError`` unless ``path`` is an existing file.

    ``what`` names the file the command expects, such as "a sales CSV file".
    """
    if path.is_dir():
        raise CommandError(f"{path} is a folder, not a file: give the path of {what}")
    if not path.is_file():
        raise CommandError(f"{path}: file not found")


def build_parser(prog: str = "main.py") -> argparse.ArgumentParser:
    """Return the parser of every option and subcommand.

    ``prog`` is the program name that usage lines and errors show, such as
    ``python -m app``.
    """
    # Without abbreviations, so that a subcommand's option such as --k is
    # never read as a prefix of --key-file or --kiosk.
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Atelier, a design studio for made-to-order products. "
        "Without a subcommand it opens the studio window.",
        allow_abbrev=False,
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy database URL, such as sqlite:///path/atelier.db or "
        "postgresql://user@host/atelier (default: atelier.db in the user's "
        "data folder)",
    )
    parser.add_argument(
        "--key-file",
        metavar="PATH",
        type=key_file_argument,
        help="file with the key that encrypts customers' personal data, created "
        "with mode 0600 when missing (default: $ATELIER_KEY_FILE, otherwise "
        "key.bin in the user's config folder)",
    )
    parser.add_argument(
        "--language",
        choices=("en", "zh_CN"),
        default="en",
        help="language of the documents (spec sheet, quote PDF), of rule "
        "messages and of profile tags; other output is in English (default: en)",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="open the full-screen customer kiosk instead of the studio; "
        "leaving it needs the staff PIN set with set-kiosk-pin",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log progress to stderr"
    )
    commands = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    validate = commands.add_parser(
        "validate",
        help="check a design file against its product's rules",
        description="Print the options that the file has no value for, each "
        "set to its default as the studio sets it, and the price lines they "
        "add, then the design's violations. Exit 0 when it can be ordered "
        "(warnings allowed), 1 when an error rule is violated, 2 when the "
        "file is invalid.",
    )
    validate.add_argument("design", type=Path, metavar="DESIGN.json")

    export = commands.add_parser(
        "export",
        help="write a production package into a folder and a zip beside it",
        description="Write the design's production package (spec.json, spec.pdf, "
        "bom.csv, meshes and the family's cut, casting or last files) into DIR "
        "and DIR.zip. The spec sheet prices the design as an order: catalog "
        "price, materials and tax, at the tax rate of the store settings in "
        "--database when it is given, otherwise at the default 20 % VAT.",
    )
    export.add_argument("design", type=Path, metavar="DESIGN.json")
    export.add_argument(
        "--out",
        type=output_file("ring-band-package", folder=True),
        required=True,
        metavar="DIR",
        help="folder to create",
    )
    export.add_argument(
        "--order",
        metavar="ID",
        help="order id printed on every document and in the QR code (default: DRAFT)",
    )
    export.add_argument(
        "--shrinkage",
        type=float,
        default=0.0,
        metavar="PERCENT",
        help="enlarge jewelry casting patterns by this many percent, 0 to 10, "
        "to allow for shrinkage in printing and casting (default: 0)",
    )

    importer = commands.add_parser(
        "import-transactions",
        help="import a transaction file in the Online Retail format",
        description="Load a CSV (plain or gzip) with the columns InvoiceNo, "
        "StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, "
        "Country; drop cancellations, rows without a customer and duplicates.",
    )
    importer.add_argument("file", type=Path, metavar="FILE")
    add_staff_option(importer)
    importer.add_argument(
        "--no-profiling-consent",
        dest="consent_profiling",
        action="store_false",
        help="record the file's customers as not consenting to profiling, so "
        "their purchases drive no suggestions (by default the file is taken as "
        "the store's own history of customers who consented)",
    )

    events = commands.add_parser(
        "import-events",
        help="import customer events from a CSV file",
        description="Load a CSV (plain or gzip) with the columns customer, "
        "product, kind, quantity, value, timestamp and optionally text. Rows "
        "of customers without profiling consent are skipped; malformed rows "
        "are reported by line number and skipped. All kept rows are written "
        "in one transaction.",
    )
    events.add_argument("file", type=Path, metavar="FILE")
    add_staff_option(events)

    profile = commands.add_parser(
        "profile",
        help="print a customer's tags, segment, statistics and latest events",
        description="Print the customer's consents, demographics, tags, "
        "segment, features against the store's medians and latest events, "
        "newest first. A customer without profiling consent gets no profile. "
        "The view is recorded in the audit log under the signed-in staff "
        "member's name.",
    )
    profile.add_argument(
        "--customer", required=True, metavar="ID", help="the customer's id"
    )
    profile.add_argument(
        "--history",
        type=int,
        default=10,
        metavar="N",
        help="latest events to print (default 10)",
    )
    add_staff_option(profile)

    segments = commands.add_parser(
        "segments",
        help="list customer segments, refit them or export one for a campaign",
        description="Without options, list the stored segments. --refit fits "
        "k-means segments on the customers who consented to profiling, keeping "
        "the labels of segments that match earlier ones. --export writes the "
        "members of one segment who consented to marketing to a CSV file.",
    )
    segments.add_argument(
        "--refit", action="store_true", help="fit the segments again first"
    )
    segments.add_argument(
        "--export",
        type=int,
        metavar="SEGMENT_ID",
        help="segment to export (requires --out)",
    )
    segments.add_argument(
        "--out",
        type=output_file("campaign.csv"),
        metavar="FILE.csv",
        help="campaign file to write",
    )
    add_staff_option(segments)

    recommend = commands.add_parser(
        "recommend",
        help="print suggestions for a customer, with reasons",
        description="Print the products suggested for the customer, best "
        "first, one per line: rank, product id, name, score and the reason. "
        "A customer who is not in the database gets the store's popular "
        "products, with a warning.",
    )
    recommend.add_argument(
        "--customer", required=True, metavar="ID", help="the customer's id"
    )
    recommend.add_argument(
        "--count",
        type=recommendation_count,
        default=10,
        metavar="N",
        help=f"how many, from 1 to {MAX_RECOMMENDATIONS} (default 10)",
    )

    open_design = commands.add_parser(
        "open-design",
        help="print the design a customer saved at a kiosk, as design JSON",
        description="Print the design that a kiosk saved under CODE as design "
        "JSON, which 'validate', 'export' and 'quote' read. Redirect it to a "
        "file to keep it.",
    )
    open_design.add_argument("code", metavar="CODE", help="the 6-character code")

    kiosk_pin = commands.add_parser(
        "set-kiosk-pin",
        help="set the staff PIN that leaves kiosk mode (at least 4 digits)",
        description="Read the PIN twice from the terminal, or once from "
        "standard input when it is not a terminal (after the --staff "
        "password), and store its scrypt hash. Needs --staff with an "
        "administrator's account.",
    )
    add_staff_option(kiosk_pin)
    _add_cf_predict(commands)
    _add_evaluate_recommender(commands)
    _add_rules_commands(commands)
    _add_order_commands(commands)
    backup = commands.add_parser(
        "backup",
        help="copy the database to FILE while the studio keeps running",
        description="Write a consistent copy of the database (see --database) "
        "to FILE: SQLite's online backup for a SQLite file, pg_dump for a "
        "PostgreSQL server. Other kiosks may keep writing meanwhile.",
    )
    backup.add_argument("file", type=output_file("atelier.backup"), metavar="FILE")
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
    restore.add_argument(
        "file",
        type=backup_file_argument,
        metavar="FILE",
        help="a backup that 'main.py backup' wrote, uncompressed",
    )
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace a database that already contains data; needs --staff "
        "with an administrator's account of that database",
    )
    add_staff_option(restore)
    add_privacy_commands(commands)
    add_store_command(commands)
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
        description="Write the order's production package from the design "
        "frozen when it was placed, so later catalog or price changes do not "
        "alter it, and print each file written. DIR is created; the zip is "
        "written beside it.",
    )
    export.add_argument("order", metavar="ORDER_ID", help="the order's id")
    export.add_argument(
        "--out",
        type=output_file("A-000001-package", folder=True),
        required=True,
        metavar="DIR",
        help="folder to create",
    )

    status = commands.add_parser(
        "apply-status",
        help="apply a factory status file (JSON or CSV) or a folder of them",
        description="Apply factory status updates and print how many were "
        "applied, ignored (seen before) and quarantined, and a folder's "
        "rejected files. Exit 3 when any went to quarantine or a file of the "
        "folder was rejected, 2 when a single file cannot be read.",
    )
    status.add_argument("path", type=Path, metavar="FILE")
    add_staff_option(status)

    quote = commands.add_parser(
        "quote",
        help="write a quote PDF for a design (a new quoted order) or an order",
        description="With DESIGN.json, create a quoted order for --customer "
        "and print its id as the last line. With --order, write that order's "
        "quote again. Both forms need --staff, because the PDF names the "
        "customer, and each quote written is recorded in the audit log as an "
        "export.",
    )
    quote.add_argument("design", type=Path, nargs="?", metavar="DESIGN.json")
    quote.add_argument("--customer", metavar="ID")
    quote.add_argument("--order", metavar="ORDER_ID", help="reprint this order")
    quote.add_argument(
        "--out",
        type=output_file("quote.pdf"),
        required=True,
        metavar="FILE",
        help="PDF file to write",
    )
    _add_actor_options(quote)


def _add_actor_options(parser) -> None:
    # The --staff member is recorded as the one who placed the order.
    add_staff_option(parser)
    parser.add_argument("--note", default="", help="note recorded with the order")


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


def _add_cf_predict(commands) -> None:
    predict = commands.add_parser(
        "cf-predict",
        help="predict ratings for user,item pairs with k-NN collaborative filtering",
        description="Fit a mean-centred k-NN model (Surprise's KNNWithMeans) on "
        "R.csv and write the pairs of P.csv to OUT.csv with the columns "
        "prediction and impossible (true where the prediction fell back to "
        "the global mean, or to the user's mean, the item's when --kind item). "
        "Rows that cannot be read are reported with their line number and "
        "skipped. Exit 2 when a file or a column is missing.",
    )
    predict.add_argument(
        "--ratings",
        type=Path,
        required=True,
        metavar="R.csv",
        help="CSV with the columns user,item,rating",
    )
    predict.add_argument(
        "--pairs",
        type=Path,
        required=True,
        metavar="P.csv",
        help="CSV with the columns user,item",
    )
    predict.add_argument(
        "--out",
        type=output_file("predictions.csv"),
        required=True,
        metavar="OUT.csv",
        help="CSV to write; not R.csv or P.csv",
    )
    predict.add_argument(
        "--kind",
        choices=("user", "item"),
        default="user",
        help="compare users or items (default: user)",
    )
    predict.add_argument(
        "--similarity",
        choices=("cosine", "pearson", "adjusted-cosine"),
        default="pearson",
        help="similarity measure (default: pearson)",
    )
    predict.add_argument(
        "--k", type=int, default=40, help="maximum neighbours (default: 40)"
    )
    predict.add_argument(
        "--min-k",
        type=int,
        default=1,
        help="minimum neighbours, else the user's (item's) mean is used (default: 1)",
    )
    predict.add_argument(
        "--min-support",
        type=int,
        default=1,
        help="minimum shared items (users) for a non-zero similarity (default: 1)",
    )
    predict.add_argument(
        "--shrinkage",
        type=float,
        default=0.0,
        help="multiply similarities by n/(n+SHRINKAGE), n shared items "
        "(default: 0, no shrinkage)",
    )
    predict.add_argument(
        "--rating-scale",
        metavar="LOW,HIGH",
        help="clip predictions to this range (default: lowest and highest "
        "rating in R.csv)",
    )


def _add_evaluate_recommender(commands) -> None:
    evaluate = commands.add_parser(
        "evaluate-recommender",
        help="measure suggestion quality on an Online Retail sales file",
        description="Train on purchases before 2011-09-01, test on later "
        "purchases of the same customers, and report precision@10, "
        "recall@10, nDCG@10 and coverage per method.",
    )
    evaluate.add_argument("--data", type=Path, required=True, metavar="FILE")
    evaluate.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object and nothing else on stdout",
    )


def main(argv: Sequence[str] | None = None, prog: str = "main.py") -> int:
    """Run the command line and return the exit code.

    ``prog`` is how the user started the program, for usage lines.
    """
    parser = build_parser(prog)
    arguments = parser.parse_args(argv)
    if arguments.verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    if arguments.key_file is not None:
        from storage.crypto import KEY_FILE_ENV

        # The environment carries the choice to every later key_file_path().
        os.environ[KEY_FILE_ENV] = str(arguments.key_file)
    if arguments.command is None:
        from app.gui import run_gui

        return run_gui(arguments)
    handler = COMMANDS[arguments.command]
    try:
        check_outputs(arguments)
        if arguments.command == "restore":
            # Signing in opens and migrates the database, so the files that
            # a restore writes are checked before it.
            _check_restore_targets(arguments)
        arguments.staff_session = _staff_session(arguments)
        return handler(arguments)
    except BrokenPipeError:
        # The reader of stdout went away, as `head` does after its lines.
        # Point stdout at nothing so that the interpreter's final flush
        # does not fail again, and exit as a tool stopped by SIGPIPE would.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RejectedError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_REJECTED


def _staff_session(arguments):
    """Sign in the ``--staff`` member, or return ``None`` where none is needed.

    See :mod:`app.cli_staff` for which subcommands need one.
    """
    from app.cli_privacy import open_database_as_is
    from app.cli_staff import needs_staff, sign_in_for_command

    if not needs_staff(arguments) and getattr(arguments, "staff", None) is None:
        return None
    return sign_in_for_command(open_database_as_is(arguments), arguments)


def _catalog():
    from designer.catalog import load_catalog

    catalog = load_catalog()
    for error in catalog.errors:
        print(f"warning: catalog file skipped: {error}", file=sys.stderr)
    return catalog


def _open_noting_filled(arguments):
    """Return what :func:`_open_design` returns, after naming on stderr each
    option the file has no value for, in the lines that validate prints, so
    that stdout keeps only the command's output."""
    session, filled = _open_design(arguments)
    for line in filled_lines(session, filled):
        print(line, file=sys.stderr)
    return session, filled


def _open_design(arguments):
    """Return the design file's session and the parameters it has no value for.

    Those parameters take their defaults, as in the studio (see
    :func:`designer.designs.missing_parameters`).
    """
    from designer.designs import (
        DesignFileError,
        missing_parameters,
        read_design,
        resolve,
    )
    from designer.session import DesignSession

    catalog = _catalog()
    try:
        design = read_design(arguments.design)
        model, values = resolve(design, catalog, arguments.design)
    except DesignFileError as error:
        raise CommandError(str(error)) from None
    session = DesignSession(model, values, design.chosen)
    return session, missing_parameters(design, model)


def filled_lines(session, names) -> list[str]:
    """Return the lines that name each filled-in option and its price lines.

    ``names`` are the parameters the design file had no value for. The
    words follow the studio's notice, in English, and each line ends with
    the value as the file would write it.
    """
    import json

    from designer.pricing import format_money, lines_priced_by
    from designer.session import value_text
    from rules.text import in_sentence

    model = session.model
    lines = []
    for name in names:
        value = session.values[name]
        label = model.parameter(name).labels.get("en", name)
        written = f"{json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}"
        # An empty text, such as no engraving, reads only as the file writes it.
        value_label = in_sentence(value_text(model, name, value, "en"), "en")
        value_label = value_label or json.dumps(value)
        lines.append(
            f"filled: {name}: this design was saved before '{label}' was "
            f"offered; set to {value_label} ({written})"
        )
    derived = session.evaluation.derived
    currency = session.currency
    for line in lines_priced_by(model, names, session.values, derived, currency):
        amount = format_money(line.amount, currency)
        lines.append(
            f"filled: price: the price now includes {line.label('en')} "
            f"{currency} {amount}"
        )
    return lines


def _database(arguments):
    from designer.studio_data import open_studio_database
    from storage.crypto import KeyFileError

    try:
        return open_studio_database(arguments.database, _catalog())
    except (ValueError, KeyFileError) as error:
        raise CommandError(str(error)) from None


def command_validate(arguments) -> int:
    session, filled = _open_design(arguments)
    language = arguments.language
    for line in filled_lines(session, filled):
        print(line)
    for violation in session.violations:
        print(f"{violation.severity}: {violation.rule}: {violation.message(language)}")
    if session.orderable:
        print(f"{session.model.id}: can be ordered")
        return EXIT_OK
    print(f"{session.model.id}: cannot be ordered")
    return EXIT_NOT_ORDERABLE


def command_export(arguments) -> int:
    from app.export_process import render_sheet_views
    from designer.package.assemble import check_shrinkage
    from designer.package.identity import check_order_id
    from designer.production import build_parts, export_package

    try:
        check_order_id(arguments.order)
        check_shrinkage(arguments.shrinkage)
    except ValueError as error:
        raise CommandError(str(error)) from None
    session, filled = _open_noting_filled(arguments)
    if not session.orderable:
        # As in the studio, a design that breaks an error rule is not made,
        # so no package goes out for it.
        for violation in session.violations:
            if violation.severity == "error":
                message = violation.message(arguments.language)
                print(f"error: {violation.rule}: {message}", file=sys.stderr)
        print(
            f"{session.model.id}: cannot be ordered, so no package was written; "
            "fix the errors listed and export again",
            file=sys.stderr,
        )
        return EXIT_NOT_ORDERABLE
    try:
        parts = build_parts(session)
    except ValueError as error:
        # The generator measures what the rules estimate, such as an
        # engraving's real width, and names the value to change.
        raise CommandError(str(error)) from None
    store = _export_store_settings(arguments)
    images = render_sheet_views(parts)
    try:
        written = export_package(
            session,
            arguments.out,
            None,
            arguments.language,
            parts=parts,
            order_id=arguments.order,
            images=images,
            shrinkage_percent=arguments.shrinkage,
            store=store,
            filled=filled,
        )
    except OSError as error:
        raise output_error(arguments.out, error, folder=True) from None
    except ValueError as error:
        raise CommandError(str(error)) from None
    for path in written:
        print(path)
    return EXIT_OK


def _export_store_settings(arguments):
    """Return the store settings of ``--database`` when it is given, else
    ``None`` for the default settings, so an export needs no database."""
    from designer.store import load_store_settings

    if arguments.database is None:
        return None
    database = _database(arguments)
    try:
        with database.session(readonly=True) as session:
            return load_store_settings(session)
    except ValueError as error:
        raise CommandError(str(error)) from None
    finally:
        database.dispose()


def command_import(arguments) -> int:
    from recommender.online_retail import TransactionFileError, import_transactions

    check_input_file(arguments.file, "a sales CSV file")
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
        f"dropped purchases cancelled in full: {report.cancelled_originals}",
        f"reduced purchases cancelled in part: {report.reduced_originals}",
        f"cancellations without a purchase in the file: "
        f"{report.unmatched_cancellations}",
        f"rows with a value converted (float ids, time offsets): "
        f"{report.converted_values}",
        f"dropped malformed rows: {report.malformed_rows}",
    ]
    for row in report.malformed[:20]:
        lines.append(f"  line {row.line_number}: {row.message}")
    if report.replaced_events:
        lines.append(
            f"replaced purchases from an earlier import: {report.replaced_events}"
        )
    return lines


def command_import_events(arguments) -> int:
    from recommender.event_import import import_events
    from recommender.online_retail import TransactionFileError

    check_input_file(arguments.file, "an events CSV file")
    database = _database(arguments)
    try:
        report = import_events(database, arguments.file)
    except TransactionFileError as error:
        raise CommandError(str(error)) from None
    lines = [
        f"rows read: {report.total_rows}",
        f"imported: {report.imported}",
        f"skipped, customer without profiling consent: {report.no_consent}",
        f"skipped, unknown customer: {report.unknown_customer}",
        f"skipped, unknown product: {report.unknown_product}",
        f"skipped, exact duplicates: {report.duplicates}",
        f"skipped, malformed: {report.malformed_rows}",
        f"rows with a value converted: {report.converted_values}",
        f"rows with an empty quantity taken as 1: {report.defaulted_quantities}",
    ]
    lines += [f"  line {p.line_number}: {p.message}" for p in report.problems[:20]]
    print("\n".join(lines))
    return EXIT_OK


def command_profile(arguments) -> int:
    from designer.profiles import build_profile
    from storage.audit import record_audit
    from storage.profiles import UnknownCustomerError
    from storage.schema import AuditAction

    if arguments.history < 0:
        raise CommandError(f"--history must be 0 or more, not {arguments.history}")
    database = _database(arguments)
    try:
        profile = build_profile(
            database, arguments.customer, history_limit=arguments.history
        )
    except UnknownCustomerError as error:
        raise CommandError(str(error)) from None
    with database.session() as session:
        record_audit(
            session,
            AuditAction.VIEWED,
            arguments.customer,
            actor=arguments.staff_session.username,
            detail="profile",
        )
    print("\n".join(profile_lines(profile, arguments.language)))
    return EXIT_OK


def profile_lines(profile, language: str = "en") -> list[str]:
    """Describe a customer profile as plain text lines."""
    lines = [f"customer: {profile.customer_id} ({profile.display_name})"]
    if not profile.consent_profiling:
        lines.append("no profile: the customer has not consented to profiling")
        return lines
    lines.append(f"marketing consent: {'yes' if profile.consent_marketing else 'no'}")
    lines += [f"{key}: {value}" for key, value in profile.demographics.items()]
    tags = ", ".join(tag.label(language) for tag in profile.tags) or "none"
    lines.append(f"tags: {tags}")
    if profile.demo_left_out:
        segment = "none (demo customers are left out once the store has its own)"
    elif profile.segment:
        segment = profile.segment.label
    else:
        segment = "none (segments not fitted)"
    lines.append(f"segment: {segment}")
    for line in profile.summary:
        lines.append(
            f"{line.feature}: {line.value:.2f} (median {line.median:.2f}, "
            f"{line.standing()})"
        )
    lines.append(f"events: {profile.event_count}")
    for entry in profile.history:
        product = entry.product_name or entry.product_id or ""
        detail = entry.text or ("" if entry.value is None else str(entry.value))
        lines.append(
            f"  {entry.occurred_at:%Y-%m-%d %H:%M}  {entry.kind}  {product}  {detail}"
        )
    return lines


def command_segments(arguments) -> int:
    from designer.customers import export_campaign_file
    from recommender.segments import refit_segments
    from storage.profiles import (
        list_segments,
        marketing_consenting_ids,
        segment_member_ids,
    )

    if (arguments.export is None) != (arguments.out is None):
        raise CommandError("--export and --out go together: pass both or neither")
    if arguments.out is not None:
        _check_campaign_file(arguments.out)
    database = _database(arguments)
    if arguments.refit:
        fit = refit_segments(database)
        reason = f" ({fit.fallback})" if fit.fallback else ""
        score = "" if fit.silhouette is None else f", silhouette {fit.silhouette:.3f}"
        print(f"fitted {len(fit.segments)} segment(s){reason}{score}")

    if arguments.export is not None:
        try:
            written = export_campaign_file(
                database, arguments.export, arguments.out, staff=arguments.staff_session
            )
        except LookupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise output_error(arguments.out, error) from None
        customers = (
            "1 customer who accepts"
            if written == 1
            else (f"{written} customers who accept")
        )
        print(f"wrote {customers} marketing to {arguments.out}")
        return EXIT_OK

    with database.session(readonly=True) as session:
        segments = list_segments(session)
        reachable = {
            s.id: len(
                marketing_consenting_ids(session, segment_member_ids(session, s.id))
            )
            for s in segments
        }
    if not segments:
        print("no segments: run 'segments --refit' first")
    for segment in segments:
        members = "1 customer" if segment.size == 1 else f"{segment.size} customers"
        print(
            f"{segment.id}\t{segment.label}\t{members}\t"
            f"{reachable[segment.id]} accept marketing"
        )
    return EXIT_OK


def command_recommend(arguments) -> int:
    from recommender.knn import recommend

    database = _database(arguments)
    if not _customer_exists(database, arguments.customer):
        print(
            f"warning: customer {arguments.customer!r} is not in this database, "
            "so these are the store's popular products; check the id, or "
            "register the customer first",
            file=sys.stderr,
        )
    suggestions = recommend(database, arguments.customer, n=arguments.count)
    for rank, suggestion in enumerate(suggestions, 1):
        print(
            f"{rank:2d}. {suggestion.product_id}\t{suggestion.name}\t"
            f"score {suggestion.score:.3f}\t{suggestion.reason}"
        )
    return EXIT_OK


def _customer_exists(database, customer_id: str) -> bool:
    from storage.repositories import get_customer

    with database.session(readonly=True) as session:
        return get_customer(session, customer_id) is not None


def command_open_design(arguments) -> int:
    import json

    from designer.kiosk_designs import KioskCodeError, load_kiosk_design

    database = _database(arguments)
    try:
        design = load_kiosk_design(database, arguments.code)
    except KioskCodeError as error:
        raise CommandError(str(error)) from None
    print(json.dumps(design.to_json(), indent=2, ensure_ascii=False))
    return EXIT_OK


def command_set_kiosk_pin(arguments) -> int:
    import getpass

    from designer.access import change_kiosk_pin

    if sys.stdin.isatty():
        pin = getpass.getpass("New kiosk PIN: ")
        if getpass.getpass("Repeat the PIN: ") != pin:
            raise CommandError("the two PINs differ; run set-kiosk-pin again")
    else:
        pin = sys.stdin.readline().strip()
    database = _database(arguments)
    try:
        change_kiosk_pin(database, pin, staff=arguments.staff_session)
    except (ValueError, PermissionError) as error:
        raise CommandError(str(error)) from None
    print("kiosk PIN set")
    return EXIT_OK


def _check_campaign_file(path: Path) -> None:
    """Check the campaign file before a refit, which takes a while."""
    from recommender.segments import check_campaign_file
    from storage.output_paths import OutputPathError

    try:
        check_campaign_file(path)
    except OutputPathError as error:
        raise CommandError(str(error)) from None


def command_cf_predict(arguments) -> int:
    from recommender.batch import BatchInputError, parse_rating_scale, predict_file
    from recommender.cf import KNNParameters
    from storage.output_paths import OutputPathError

    check_input_file(arguments.ratings, "a CSV file of user,item,rating")
    check_input_file(arguments.pairs, "a CSV file of user,item")
    try:
        parameters = KNNParameters(
            kind=arguments.kind,
            similarity=arguments.similarity,
            k=arguments.k,
            min_k=arguments.min_k,
            min_support=arguments.min_support,
            shrinkage=arguments.shrinkage,
        )
        scale = None
        if arguments.rating_scale is not None:
            scale = parse_rating_scale(arguments.rating_scale)
        report = predict_file(
            arguments.ratings, arguments.pairs, arguments.out, parameters, scale
        )
    except (BatchInputError, ValueError, OutputPathError) as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        # predict_file reports its output as an OutputPathError, so this is
        # an input file that exists but cannot be read, such as for lack of
        # permission.
        raise CommandError(
            f"{error.filename} cannot be read ({error.strerror}): check the "
            "file's permissions or give another CSV file"
        ) from None
    for row in report.skipped:
        print(f"warning: skipped {row}", file=sys.stderr)
    low, high = report.rating_scale
    print(
        f"{_counted(report.pairs, 'prediction')} from "
        f"{_counted(report.ratings, 'rating')} "
        f"({_counted(report.impossible, 'fallback')}, scale {low:g} to {high:g}) "
        f"written to {arguments.out}",
        file=sys.stderr,
    )
    return EXIT_OK


def _counted(count: int, noun: str) -> str:
    """Return ``count`` and ``noun``, in the plural unless the count is one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def command_evaluate_recommender(arguments) -> int:
    import json

    from recommender.evaluation import evaluate_online_retail
    from recommender.online_retail import TransactionFileError

    check_input_file(arguments.data, "a sales CSV file")
    try:
        result = evaluate_online_retail(arguments.data)
    except TransactionFileError as error:
        raise CommandError(str(error)) from None
    if arguments.json:
        print(json.dumps(result))
        return EXIT_OK
    for name, metrics in result["methods"].items():
        figures = ", ".join(f"{key} {value:.4f}" for key, value in metrics.items())
        print(f"{name}: {figures}")
    print(f"customers: {result['customers']}")
    return EXIT_OK


def command_rules(arguments) -> int:
    from rules.cache import SUFFIX, beside, write_compiled
    from storage.output_paths import check_not_store_file

    engine = _rules_engine(arguments.file)
    if arguments.rules_command == "count":
        print(f"solutions: {engine.count()}")
        return EXIT_OK
    diagram = engine.compiled.diagram
    print(f"{arguments.file}: {diagram.node_count} nodes, {diagram.edge_count} edges")
    if arguments.beside:
        target = beside(arguments.file)
        try:
            check_not_store_file(target, arguments.database)
            write_compiled(target, engine.compiled_key, engine.compiled)
        except OSError as error:
            failure = output_error(target, error)
            if error.errno == errno.ENAMETOOLONG:
                raise CommandError(
                    f"{failure}. The compiled file takes the name of FILE with "
                    f"{SUFFIX} in place of its extension, so shorten FILE's name"
                ) from None
            raise failure from None
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

    design, filled = _open_noting_filled(arguments)
    with database.session(readonly=True) as session:
        settings = load_store_settings(session)
    return freeze_design(design, settings, filled=filled)


def _print_violations(error) -> None:
    for rule, message in error.violations:
        print(f"error: {rule}: {message}", file=sys.stderr)


def command_place_order(arguments) -> int:
    from designer.order_design import NotOrderableError
    from designer.orders import place_order
    from designer.pricing import format_money

    database = _database(arguments)
    bad_input, rejected = _order_errors()
    try:
        frozen = _freeze(arguments, database)
        with database.session() as session:
            order = place_order(
                session,
                arguments.customer,
                frozen,
                arguments.staff_session.username,
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
    print(f"total: {format_money(order.total, order.currency)} {order.currency}")
    print(f"promised date: {promised}")
    print(order.id)
    return EXIT_OK


def command_export_order(arguments) -> int:
    from app.export_process import render_sheet_views
    from designer.order_export import export_order_package, load_order_for_export
    from designer.production import build_parts

    database = _database(arguments)
    bad_input, rejected = _order_errors()
    try:
        with database.session(readonly=True) as session:
            order = load_order_for_export(session, arguments.order)
    except (*bad_input, rejected) as error:
        # Such as an unknown order, or a stored design that cannot be read.
        raise CommandError(str(error)) from None
    try:
        # A stored value that the rules refuse raises here.
        parts = build_parts(order.frozen.session())
    except ValueError as error:
        raise CommandError(str(error)) from None
    images = render_sheet_views(parts)
    try:
        written = export_order_package(
            order, arguments.out, None, arguments.language, parts=parts, images=images
        )
    except OSError as error:
        raise output_error(arguments.out, error, folder=True) from None
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
    print(f"already quarantined: {report.already_quarantined}")
    print(f"rejected files: {len(report.rejected_files)}")
    for reason in report.reasons:
        print(f"quarantined: {reason}", file=sys.stderr)
    for reason in report.rejected_files:
        print(f"rejected: {reason}", file=sys.stderr)
    if report.quarantined or report.rejected_files:
        return EXIT_REJECTED
    return EXIT_OK


def command_quote(arguments) -> int:
    from designer.order_design import NotOrderableError
    from designer.orders import place_order
    from designer.pricing import format_money
    from designer.quote import quote_document, save_quote_pdf

    if (arguments.design is None) == (arguments.order is None):
        raise CommandError("give either DESIGN.json or --order ORDER_ID, not both")
    if arguments.design is not None and not arguments.customer:
        raise CommandError("a quote for DESIGN.json needs --customer ID")
    _check_quote_file(arguments.out)
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
                    arguments.staff_session.username,
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
        path = save_quote_pdf(
            database, document, arguments.out, arguments.staff_session.username
        )
    except OSError as error:
        failure = output_error(arguments.out, error)
        if arguments.design is None:
            raise failure from None
        # The order is stored already; only its PDF is missing.
        raise CommandError(
            f"{failure}. Order {order_id} was stored as quoted: save its quote "
            f"with 'quote --order {order_id} --out FILE.pdf'"
        ) from None
    print(path)
    currency = document.price.currency
    print(f"total: {format_money(document.price.total, currency)} {currency}")
    print(document.order_id)
    return EXIT_OK


def _check_quote_file(path: Path) -> None:
    """Check the quote's PDF file before the command stores an order."""
    from designer.quote import check_quote_file
    from storage.output_paths import OutputPathError

    try:
        check_quote_file(path)
    except OutputPathError as error:
        raise CommandError(str(error)) from None


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
    except OSError as error:
        raise output_error(arguments.file, error) from None
    print(f"backup written to {path}")
    return EXIT_OK


def _check_restore_targets(arguments) -> None:
    from storage.backup import check_restore_targets
    from storage.crypto import KeyFileError
    from storage.output_paths import OutputPathError

    try:
        check_restore_targets(_database_url(arguments))
    except (ValueError, OutputPathError, KeyFileError) as error:
        # ValueError: a rejected URL. KeyFileError: a folder or a FIFO
        # given as the key file.
        raise CommandError(str(error)) from None


def command_restore(arguments) -> int:
    from storage.backup import restore_database
    from storage.output_paths import OutputPathError

    try:
        revision = restore_database(
            _database_url(arguments), arguments.file, overwrite=arguments.force
        )
    except (ValueError, OutputPathError) as error:
        # BackupError, a rejected database URL, or a database or key file
        # path that cannot be written.
        raise CommandError(str(error)) from None
    final = _schema_revision(arguments)
    if final == revision:
        print(f"restored {arguments.file} (schema revision {revision})")
    else:
        print(
            f"restored {arguments.file} (schema revision {revision}, "
            f"migrated to {final})"
        )
    return EXIT_OK


def _schema_revision(arguments) -> str:
    """Return the Alembic revision that the database is at now."""
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from storage.db import database_url

    engine = create_engine(database_url(_database_url(arguments)))
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


COMMANDS = {
    "backup": command_backup,
    "restore": command_restore,
    "place-order": command_place_order,
    "export-order": command_export_order,
    "apply-status": command_apply_status,
    "quote": command_quote,
    "rules": command_rules,
    "validate": command_validate,
    "export": command_export,
    "import-transactions": command_import,
    "recommend": command_recommend,
    "open-design": command_open_design,
    "set-kiosk-pin": command_set_kiosk_pin,
    "import-events": command_import_events,
    "profile": command_profile,
    "segments": command_segments,
    "cf-predict": command_cf_predict,
    "evaluate-recommender": command_evaluate_recommender,
    **PRIVACY_COMMANDS,
    **STORE_COMMANDS,
}
