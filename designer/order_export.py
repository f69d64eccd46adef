"""Production packages of orders, always built from the frozen design.

The package is the one :func:`designer.production.export_package` writes for
the frozen design, priced as ordered, plus ``order.json``: the order id,
design revision and hash that the factory quotes back in status files.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from designer.order_design import FrozenDesign
from designer.orders import current_revision, frozen_design, get_order
from designer.package.progress import ExportProgress
from designer.production import export_package
from models3d.parts import Part

logger = logging.getLogger(__name__)

ORDER_FILE = "order.json"
ORDER_FORMAT = "atelier-order/1"


@dataclass(frozen=True)
class OrderForExport:
    """An order's current revision, read in one short transaction for an export."""

    order_id: str
    revision: int
    design_hash: str
    promised_date: date | None
    frozen: FrozenDesign

    def to_json(self) -> dict[str, Any]:
        """Return the order as JSON-ready data, the frozen design whole."""
        return {
            "order_id": self.order_id,
            "revision": self.revision,
            "design_hash": self.design_hash,
            "promised_date": self.promised_date and self.promised_date.isoformat(),
            "frozen": self.frozen.to_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OrderForExport:
        """Rebuild the order from :meth:`to_json` data.

        Raises
        ------
        ValueError
            If the frozen design's format is not supported.
        """
        promised = data["promised_date"]
        return cls(
            order_id=data["order_id"],
            revision=int(data["revision"]),
            design_hash=data["design_hash"],
            promised_date=None if promised is None else date.fromisoformat(promised),
            frozen=FrozenDesign.from_json(data["frozen"]),
        )


def load_order_for_export(session: Session, order_id: str) -> OrderForExport:
    """Read the order's current revision for an export outside the transaction."""
    order = get_order(session, order_id)
    revision = current_revision(session, order.id)
    return OrderForExport(
        order_id=order.id,
        revision=revision.revision,
        design_hash=revision.design_hash,
        promised_date=order.promised_date,
        frozen=frozen_design(session, order.id),
    )


def export_order_package(
    order: OrderForExport,
    out_dir: Path | str,
    preview_png: bytes | None,
    language: str = "en",
    parts: list[Part] | None = None,
    images: Mapping[str, bytes] | None = None,
    *,
    progress: ExportProgress | None = None,
    staging: Path | None = None,
    confirm_commit: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write the order's production package and ``order.json`` into ``out_dir``.

    ``parts`` are the frozen design's parts if the caller built them
    already, for example to render the sheet's pictures: ``preview_png``,
    or ``images``, the PNG of each view of ``designer.package.sheet.VIEWS``.
    ``progress``, ``staging`` and ``confirm_commit`` report and stage the
    export as in :func:`designer.production.export_package`.

    The documents carry the order id, and the first 8 hex digits of the
    order's design hash as their spec revision.

    Returns
    -------
    list of pathlib.Path
        The package's files, ``order.json`` among them, then its zip.
    """
    design = order.frozen.session()
    record = {
        "format": ORDER_FORMAT,
        "order_id": order.order_id,
        "revision": order.revision,
        "design_hash": order.design_hash,
        "product": order.frozen.product,
        "promised_date": order.promised_date and order.promised_date.isoformat(),
    }
    text = json.dumps(record, indent=2) + "\n"
    written = export_package(
        design,
        Path(out_dir),
        preview_png,
        language,
        parts=parts,
        images=images,
        order_id=order.order_id,
        spec_revision=order.design_hash[:8],
        extra_files={ORDER_FILE: text.encode("utf-8")},
        filled=order.frozen.filled,
        progress=progress,
        staging=staging,
        confirm_commit=confirm_commit,
    )
    logger.info("exported order %s to %s", order.order_id, out_dir)
    return written
