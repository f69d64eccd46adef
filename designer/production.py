"""Geometry and production packages for a design session."""

from __future__ import annotations

import logging
from pathlib import Path

from designer.export import write_production_package
from designer.session import DesignSession
from designer.spec import build_spec
from models3d.generators import build
from models3d.parts import Part
from models3d.solids import measure, union_parts

logger = logging.getLogger(__name__)


def build_parts(session: DesignSession) -> list[Part]:
    """Build the design's named parts, in millimetres."""
    return build(session.model.generator, session.dimensions())


def export_package(
    session: DesignSession,
    out_dir: Path,
    preview_png: bytes | None,
    language: str = "en",
    parts: list[Part] | None = None,
) -> list[Path]:
    """Write spec.json, model.stl and spec.pdf for the design into ``out_dir``.

    ``preview_png`` is the picture for the spec sheet; the caller renders it
    because this package does not draw. Touching parts are united into one
    solid for ``model.stl``.
    """
    parts = parts if parts is not None else build_parts(session)
    quantities = measure(parts)
    spec = build_spec(session, quantities, session.price(), language)
    solid = union_parts(parts)
    written = write_production_package(spec, solid, preview_png, Path(out_dir))
    logger.info("exported %s to %s", session.model.id, out_dir)
    return written
