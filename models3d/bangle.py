"""Bangle: a closed rigid bracelet, a ring band's profile at wrist scale.

Frame and profiles are those of ``models3d.ring``: the bangle's axis is Z,
it rests on Z = 0, and its cross-section is ``thickness`` deep radially and
``width`` wide along Z.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from models3d import dims as dimensions
from models3d.meshing import revolve_profile
from models3d.parts import Part
from models3d.ring import PROFILES, band_profile

logger = logging.getLogger(__name__)

SEGMENTS = 256
"""Steps around the axis: a 65 mm bore with 256 facets strays at most
0.005 mm from its circle. A multiple of 4, as ``revolve_profile`` needs for
exact X and Y extents."""


def build_bangle(dims: Mapping[str, Any]) -> list[Part]:
    """Build a bangle from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``inner_diameter``, ``thickness`` and ``width`` (mm),
        ``profile`` (one of ``models3d.ring.PROFILES``) and ``metal``.

    Returns
    -------
    list of Part
        One part, ``"bangle"``, in the metal. Its X and Y extents equal
        ``inner_diameter + 2 * thickness``, its Z extent ``width``, and its
        bore's facets touch the ``inner_diameter`` circle.

    Raises
    ------
    DimensionError
        When a value is missing or invalid; the message names it.
    """
    generator = "bangle"
    inner_diameter = dimensions.length(dims, "inner_diameter", generator)
    thickness = dimensions.length(dims, "thickness", generator)
    width = dimensions.length(dims, "width", generator)
    profile = dimensions.choice(dims, "profile", generator, PROFILES)
    metal = dimensions.material_id(dims, "metal", generator)

    section = band_profile(profile, inner_diameter, thickness, width, SEGMENTS)
    mesh = revolve_profile(section, SEGMENTS)
    logger.debug("bangle %s: %s faces", profile, len(mesh.faces))
    return [Part(name="bangle", mesh=mesh, material=metal)]
