"""Geometry and production packages for a design session."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from designer.export import ExportCancelled, read_png, stage_package
from designer.order_design import FrozenDesignSession, price_design
from designer.package.assemble import PackageOptions, build_package
from designer.package.identity import check_revision
from designer.package.nesting import KERF_MM
from designer.package.progress import ExportProgress
from designer.package.sheet import VIEWS
from designer.session import DesignSession
from designer.spec import design_revision
from designer.store import StoreSettings
from models3d.generators import build
from models3d.parts import Part

logger = logging.getLogger(__name__)

__all__ = ["ExportCancelled", "build_parts", "design_revision", "export_package"]


def build_parts(session: DesignSession) -> list[Part]:
    """Build the design's named parts, in millimetres."""
    return build(session.model.generator, session.dimensions())


def export_package(
    session: DesignSession,
    out_dir: os.PathLike[str] | str,
    preview_png: bytes | None,
    language: str = "en",
    parts: list[Part] | None = None,
    *,
    order_id: str | None = None,
    spec_revision: str | None = None,
    images: Mapping[str, bytes] | None = None,
    shrinkage_percent: float = 0.0,
    kerf_mm: float = KERF_MM,
    extra_files: Mapping[str, bytes] | None = None,
    progress: ExportProgress | None = None,
    staging: Path | None = None,
    confirm_commit: Callable[[], bool] | None = None,
    store: StoreSettings | None = None,
    filled: Collection[str] = (),
) -> list[Path]:
    """Write the design's production package into ``out_dir``, and zip it.

    The files depend on the product's family; ``designer.package.assemble``
    lists them. This package does not draw, so the caller renders the
    pictures, for example with ``rendering.offscreen.render_png``.

    Parameters
    ----------
    session
        The design to export.
    out_dir
        Folder of the package, created if missing; the zip goes beside it
        as ``<out_dir>.zip``.
    preview_png
        A PNG picture of the product, used as the three-quarter view when
        ``images`` has none; may be ``None``.
    language
        ``"en"`` or ``"zh_CN"``, for every document.
    parts
        The design's parts, when the caller has built them already.
    order_id
        The order's id, printed on every document and encoded in the
        sheet's QR code; ``None`` prints ``DRAFT``.
    spec_revision
        The revision an order froze, 8 hex digits; ``None`` computes it
        from the design (``design_revision``).
    images
        PNG bytes by view, ``"front"``, ``"side"`` and ``"iso"``, for the
        spec sheet.
    shrinkage_percent
        Jewelry only: the casting patterns are enlarged by this many percent
        to allow for shrinkage in printing and casting (0 to 10).
    kerf_mm
        Furniture only: the saw kerf kept between nested panels.
    extra_files
        Further files by name, such as an order's ``order.json``, written
        into the folder and the zip and listed in ``spec.json``.
    progress
        Receives each step from ``"spec"`` to ``"zip"`` as it starts, and
        ``"done"`` when the package is in place (``designer.package.progress``).
    staging
        An empty hidden folder beside ``out_dir`` to write the package in
        before it is moved into place, made with
        ``designer.atomic.staging_folder``; a new one by default. A caller
        that may stop the export by killing its process makes it, so that
        it can delete it.
    confirm_commit
        Called once the whole package is written in the staging folder;
        ``False`` deletes it and raises :class:`ExportCancelled`, leaving
        ``out_dir`` and the zip as they were.
    store
        The store's settings, whose tax rate and tax names price a design
        that is not an order's frozen design; the default settings in the
        session's currency when ``None``. An order's frozen design keeps the
        price it was ordered at.
    filled
        Parameters that the design file had no value for, as
        :func:`designer.designs.missing_parameters` returns them; the
        spec's notes name each one with the value it took.

    Returns
    -------
    list of pathlib.Path
        Every written file, ``spec.json`` first and the zip last.

    Raises
    ------
    ValueError
        When an argument is invalid, the geometry cannot be exported or a
        material has no price in the store's currency; the message names the
        value and the fix.
    OSError
        When a file cannot be written.
    ExportCancelled
        When ``confirm_commit`` returned ``False``.
    """
    parts = parts if parts is not None else build_parts(session)
    pictures = {view: read_png(png) for view, png in (images or {}).items()}
    unknown = set(pictures) - set(VIEWS)
    if unknown:
        raise ValueError(
            f"unknown image views {sorted(unknown)}; use {', '.join(VIEWS)}"
        )
    if pictures.get("iso") is None and preview_png is not None:
        pictures["iso"] = read_png(preview_png)
    options = PackageOptions(
        language=language,
        order_id=order_id,
        revision=None if spec_revision is None else check_revision(spec_revision),
        images=pictures,
        shrinkage_percent=shrinkage_percent,
        kerf_mm=kerf_mm,
        filled=tuple(filled),
    )
    progress = progress or ExportProgress()
    if isinstance(session, FrozenDesignSession):
        price = session.price()
    else:
        price = price_design(
            session, parts, store or StoreSettings(currency=session.currency)
        )
    files = build_package(session, parts, price, options, extra_files, progress)
    package = stage_package(files, out_dir, staging, progress)
    try:
        if confirm_commit is not None and not confirm_commit():
            logger.info("export of %s to %s cancelled", session.model.id, out_dir)
            raise ExportCancelled(f"export to {out_dir} cancelled")
        written = package.commit()
    finally:
        package.discard()
    progress.finish()
    logger.info("exported %s to %s", session.model.id, out_dir)
    return written
