"""How far a chair's raked back leans behind its legs.

Kept apart from :mod:`models3d.chair`, which builds meshes, so that catalog
rules can call it without importing the geometry libraries.
"""

from __future__ import annotations

import math


def back_rake(back_height: float, back_angle: float) -> float:
    """Return how far the top of the back posts leans behind their foot.

    Parameters
    ----------
    back_height
        Height of the back's top above the seat, in mm.
    back_angle
        Angle between the seat and the back, in degrees; 90 is upright.

    Returns
    -------
    float
        ``back_height * tan(back_angle - 90 deg)``, in mm.
    """
    return back_height * math.tan(math.radians(back_angle - 90.0))
