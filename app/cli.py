"""The command line: the GUI by default, subcommands for headless jobs.

Exit codes: 0 success, 1 a design that breaks an error-severity rule, 2 bad
input (unreadable file, unknown product, customer or segment, invalid value).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli_privacy import PRIVACY_COMMANDS, add_privacy_commands

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

    profile = commands.add_parser(
        "profile",
        help="print a customer's tags, segment, statistics and latest events",
    )
    profile.add_argument("--customer", required=True, metavar="ID")
    profile.add_argument(
        "--history",
        type=int,
        default=10,
        metavar="N",
        help="latest events to print (default 10)",
    )

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
        "--out", type=Path, metavar="FILE.csv", help="campaign file to write"
    )

    recommend = commands.add_parser(
        "recommend", help="print suggestions for a customer, with reasons"
    )
    recommend.add_argument("--customer", required=True, metavar="ID")
    recommend.add_argument(
        "--count", type=int, default=10, metavar="N", help="how many (default 10)"
    )

    open_design = commands.add_parser(
        "open-design",
        help="print the design a customer saved at a kiosk, as design JSON",
    )
    open_design.add_argument("code", metavar="CODE", help="the 6-character code")

    commands.add_parser(
        "set-kiosk-pin",
        help="set the staff PIN that leaves kiosk mode (at least 4 digits)",
        description="Read the PIN twice from the terminal, or once from "
        "standard input when it is not a terminal, and store its scrypt hash.",
    )
    _add_cf_predict(commands)
    _add_evaluate_recommender(commands)
    add_privacy_commands(commands)
    return parser


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
        "--out", type=Path, required=True, metavar="OUT.csv", help="CSV to write"
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

    if not arguments.file.is_file():
        raise CommandError(f"{arguments.file}: file not found")
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
        record_audit(session, AuditAction.VIEWED, arguments.customer, detail="profile")
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
    segment = profile.segment.label if profile.segment else "none (segments not fitted)"
    lines.append(f"segment: {segment}")
    for line in profile.summary:
        lines.append(
            f"{line.feature}: {line.value:.2f} (median {line.median:.2f}, "
            f"above {line.rank:.0f}% of customers)"
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
    from recommender.segments import export_campaign, refit_segments
    from storage.profiles import (
        list_segments,
        marketing_consenting_ids,
        segment_member_ids,
    )

    if (arguments.export is None) != (arguments.out is None):
        raise CommandError("--export and --out go together: pass both or neither")
    database = _database(arguments)
    if arguments.refit:
        fit = refit_segments(database)
        reason = f" ({fit.fallback})" if fit.fallback else ""
        score = "" if fit.silhouette is None else f", silhouette {fit.silhouette:.3f}"
        print(f"fitted {len(fit.segments)} segment(s){reason}{score}")

    if arguments.export is not None:
        try:
            written = export_campaign(database, arguments.export, arguments.out)
        except LookupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"cannot write {arguments.out}: {error}") from None
        _audit_campaign(database, arguments.export)
        print(f"wrote {written} customers who accept marketing to {arguments.out}")
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


def _audit_campaign(database, segment_id: int) -> None:
    """Record one export audit entry per customer written to a campaign file."""
    from storage.audit import record_audit
    from storage.profiles import marketing_consenting_ids, segment_member_ids
    from storage.schema import AuditAction

    with database.session() as session:
        members = segment_member_ids(session, segment_id)
        for customer_id in sorted(marketing_consenting_ids(session, members)):
            record_audit(
                session,
                AuditAction.EXPORTED,
                customer_id,
                detail=f"campaign file of segment {segment_id}",
            )


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

    from designer.kiosk_designs import set_kiosk_pin

    if sys.stdin.isatty():
        pin = getpass.getpass("New kiosk PIN: ")
        if getpass.getpass("Repeat the PIN: ") != pin:
            raise CommandError("the two PINs differ; run set-kiosk-pin again")
    else:
        pin = sys.stdin.readline().strip()
    database = _database(arguments)
    try:
        set_kiosk_pin(database, pin)
    except ValueError as error:
        raise CommandError(str(error)) from None
    print("kiosk PIN set")
    return EXIT_OK


def command_cf_predict(arguments) -> int:
    from recommender.batch import BatchInputError, parse_rating_scale, predict_file
    from recommender.cf import KNNParameters

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
    except (BatchInputError, ValueError) as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"cannot write {arguments.out}: {error}") from None
    for row in report.skipped:
        print(f"warning: skipped {row}", file=sys.stderr)
    low, high = report.rating_scale
    print(
        f"{report.pairs} predictions from {report.ratings} ratings "
        f"({report.impossible} fallbacks, scale {low:g} to {high:g}) "
        f"written to {arguments.out}",
        file=sys.stderr,
    )
    return EXIT_OK


def command_evaluate_recommender(arguments) -> int:
    import json

    from recommender.evaluation import evaluate_online_retail
    from recommender.online_retail import TransactionFileError

    if not arguments.data.is_file():
        raise CommandError(f"{arguments.data}: file not found")
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


COMMANDS = {
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
}
