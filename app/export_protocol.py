"""The messages between the studio window and its export process.

Kept apart from :mod:`app.export_process`, which loads the exporters and
VTK, so that the window can start without them.
"""

from __future__ import annotations

import json
from pathlib import Path

from designer.designs import design_of
from designer.session import DesignSession

EXIT_WRITTEN = 0
EXIT_FAILED = 1
EXIT_CANCELLED = 2

COMMIT = "commit"


def job_message(
    session: DesignSession, out_dir: Path, staging: Path, language: str
) -> bytes:
    """Return the job line that exports ``session`` into ``out_dir``.

    ``staging`` is an empty folder made with
    ``designer.atomic.staging_folder(out_dir)``.
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
    }
    return (json.dumps(job) + "\n").encode("utf-8")
