"""The messages between a window and its export process.

Kept apart from :mod:`app.export_process`, which loads the exporters and
VTK, so that the window can start without them. The exit codes and the
``commit`` line are shared by every child process of
:mod:`app.process_job`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from designer.designs import design_of
from designer.session import DesignSession
from designer.store import StoreSettings

if TYPE_CHECKING:
    from designer.order_export import OrderForExport

EXIT_WRITTEN = 0
EXIT_FAILED = 1
EXIT_CANCELLED = 2

COMMIT = "commit"


def send(stdout: TextIO, message: dict[str, Any]) -> None:
    """Write ``message`` as one JSON line, for the window to read at once."""
    stdout.write(json.dumps(message) + "\n")
    stdout.flush()


def confirm_commit(stdin: TextIO, stdout: TextIO) -> bool:
    """Report that the work is done and return whether the window commits it."""
    send(stdout, {"ready": True})
    return stdin.readline().strip() == COMMIT


def job_message(
    session: DesignSession,
    out_dir: Path,
    staging: Path,
    language: str,
    store: StoreSettings | None = None,
    filled: Sequence[str] = (),
) -> bytes:
    """Return the job line that exports ``session`` into ``out_dir``.

    ``staging`` is an empty folder made with
    ``designer.atomic.staging_folder(out_dir)``. ``store`` gives the tax
    that the spec sheet's price adds; the default settings when ``None``.
    ``filled`` names the options the design's file had no value for, which
    the package's notes name.
    """
    model = session.model
    job = {
        "design": design_of(model, session.values, session.chosen).to_json(),
        "catalog": str(model.path.parent),
        "catalog_sha256": model.sha256,
        "currency": session.currency,
        "tax": None
        if store is None
        else {"rate": str(store.tax_rate), "names": dict(store.tax_names)},
        "filled": list(filled),
        **_target(out_dir, staging, language),
    }
    return _line(job)


def order_job_message(
    order: OrderForExport, out_dir: Path, staging: Path, language: str
) -> bytes:
    """Return the job line that exports ``order``'s package into ``out_dir``.

    The frozen design travels whole, with its catalog source, so the child
    exports the order as it was frozen, whatever the catalog contains now.
    """
    job = {
        "order": order.to_json(),
        **_target(out_dir, staging, language),
    }
    return _line(job)


def _target(out_dir: Path, staging: Path, language: str) -> dict[str, str]:
    return {"language": language, "out": str(out_dir), "staging": str(staging)}


def _line(job: dict) -> bytes:
    return (json.dumps(job) + "\n").encode("utf-8")


def job_store_settings(job: dict) -> StoreSettings:
    """Return the store settings that a job line carries, defaults for a job
    without tax.

    Raises
    ------
    ValueError
        When the tax rate is not a number, or not a fraction from 0 up to 1.
    """
    tax = job.get("tax")
    if tax is None:
        return StoreSettings(currency=job["currency"])
    try:
        rate = Decimal(tax["rate"])
    except InvalidOperation:
        raise ValueError(
            f"tax rate {tax['rate']!r} in the export job is not a number; give "
            "a fraction such as '0.20'"
        ) from None
    return StoreSettings(
        currency=job["currency"], tax_rate=rate, tax_names=dict(tax["names"])
    )
