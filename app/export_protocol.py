"""The messages between the studio window and its export process.

Kept apart from :mod:`app.export_process`, which loads the exporters and
VTK, so that the window can start without them.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from designer.designs import design_of
from designer.session import DesignSession
from designer.store import StoreSettings

EXIT_WRITTEN = 0
EXIT_FAILED = 1
EXIT_CANCELLED = 2

COMMIT = "commit"


def job_message(
    session: DesignSession,
    out_dir: Path,
    staging: Path,
    language: str,
    store: StoreSettings | None = None,
) -> bytes:
    """Return the job line that exports ``session`` into ``out_dir``.

    ``staging`` is an empty folder made with
    ``designer.atomic.staging_folder(out_dir)``. ``store`` gives the tax
    that the spec sheet's price adds; the default settings when ``None``.
    """
    model = session.model
    job = {
        "design": design_of(model, session.values, session.chosen).to_json(),
        "catalog": str(model.path.parent),
        "catalog_sha256": model.sha256,
        "currency": session.currency,
        "language": language,
        "out": str(out_dir),
        "staging": str(staging),
        "tax": None
        if store is None
        else {"rate": str(store.tax_rate), "names": dict(store.tax_names)},
    }
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
