"""Dining chair: a solid seat on four legs joined by rails, with the rear
legs running on up as the back posts and two back rails between them.

Frame: X across the seat, Y from the front (-Y) to the back, Z up; the
chair is centred on the Z axis and stands on Z = 0. Its extents are
``seat_width`` (X), ``seat_depth + LEG_MM + back_height * tan(back_angle -
90 deg)`` (Y: the seat, the rear legs and the backward rake of the back
posts) and ``seat_height + back_height`` (Z).

The seat sits on the front legs and butts against the front faces of the
rear legs, which are straight up to the seat and raked back above it by
``back_angle`` (the angle between the seat and the back). Every part
butts against its neighbours without overlapping them.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import trimesh

from models3d import dims as dimensions
from models3d.boards import BoardPart, board
from models3d.meshing import point_bounds, prism
from models3d.rake import back_rake

logger = logging.getLogger(__name__)

MATERIALS = ("oak", "walnut")

BACK_ANGLE_RANGE_DEG = (90.0, 130.0)
"""Accepted angles between the seat and the back."""

LEG_MM = 40.0
"""Side of the square legs and back posts."""

SEAT_MM = 22.0
"""Thickness of the solid seat."""

RAIL_MM = 20.0
"""Thickness of the rails and stretchers."""

RAIL_HEIGHT_MM = 70.0
"""Height of the rails under the seat."""

STRETCHER_HEIGHT_MM = 30.0
"""Height of the stretchers."""

STRETCHER_Z_MM = 130.0
"""Height of the stretchers' lower face above the floor."""

BACKREST_MM = 110.0
"""Height of the top back rail that the sitter leans on."""

BACK_RAIL_MM = 50.0
"""Height of the lower back rail."""


def build_chair(dims: Mapping[str, Any]) -> list[BoardPart]:
    """Build a dining chair from the design's dimensions.

    Parameters
    ----------
    dims
        Needs ``seat_height`` (floor to the top of the seat), ``seat_width``,
        ``seat_depth`` and ``back_height`` (seat top to back top) in mm,
        ``back_angle`` in degrees, ``material`` (one of ``MATERIALS``) and
        ``stretchers`` (true or false).

    Returns
    -------
    list of BoardPart
        ``"seat"``, ``"leg_front_left"``, ``"leg_front_right"``,
        ``"leg_rear_left"``, ``"leg_rear_right"``, ``"rail_front"``,
        ``"rail_back"``, ``"rail_left"``, ``"rail_right"``,
        ``"backrest"``, ``"back_rail"`` and, with stretchers,
        ``"stretcher_left"`` and ``"stretcher_right"``, all in the material.

    Raises
    ------
    DimensionError
        When a value is missing or invalid, or the parts would not fit; the
        message names the value.
    """
    chair = _Chair.from_dims(dims)
    parts = [chair.seat(), *chair.legs(), *chair.rails(), *chair.back()]
    if chair.stretchers:
        parts += chair.stretcher_pair()
    logger.debug(
        "chair %sx%s seat at %s mm, back %s deg",
        chair.width,
        chair.depth,
        chair.seat_height,
        chair.angle,
    )
    return parts


class _Chair:
    """Positions of a chair's parts; see the module notes for the frame."""

    def __init__(
        self, width, depth, seat_height, back_height, angle, material, stretchers
    ):
        self.width = width
        self.depth = depth
        self.seat_height = seat_height
        self.back_height = back_height
        self.angle = angle
        self.material = material
        self.stretchers = stretchers
        self.slope = back_rake(1.0, angle)
        rake = back_rake(back_height, angle)
        self.front = -(depth + LEG_MM + rake) / 2.0
        self.back_edge = self.front + depth
        self.left, self.right = -width / 2.0, width / 2.0
        self.under_seat = seat_height - SEAT_MM

    @classmethod
    def from_dims(cls, dims: Mapping[str, Any]) -> _Chair:
        width = dimensions.length(dims, "seat_width", "chair", 2 * LEG_MM + RAIL_MM)
        depth = dimensions.length(dims, "seat_depth", "chair", 2 * LEG_MM + RAIL_MM)
        seat_height = dimensions.length(
            dims, "seat_height", "chair", SEAT_MM + RAIL_HEIGHT_MM + 200.0
        )
        back_height = dimensions.length(
            dims, "back_height", "chair", BACKREST_MM + BACK_RAIL_MM + 40.0
        )
        angle = dimensions.length(dims, "back_angle", "chair")
        low, high = BACK_ANGLE_RANGE_DEG
        if not low <= angle <= high:
            raise dimensions.DimensionError(
                "chair",
                "back_angle",
                f"back_angle must be {low:g} to {high:g} degrees, got {angle:g}",
            )
        material = dimensions.choice(dims, "material", "chair", MATERIALS)
        stretchers = dimensions.choice(dims, "stretchers", "chair", (True, False))
        return cls(width, depth, seat_height, back_height, angle, material, stretchers)

    def box(self, name: str, low, high, grain: str) -> BoardPart:
        return board(name, self.material, low, high, grain)

    def seat(self) -> BoardPart:
        return self.box(
            "seat",
            (self.left, self.front, self.under_seat),
            (self.right, self.back_edge, self.seat_height),
            "x" if self.width >= self.depth else "y",
        )

    def legs(self) -> list[BoardPart]:
        legs = []
        for side, x in (("left", self.left), ("right", self.right - LEG_MM)):
            legs.append(
                self.box(
                    f"leg_front_{side}",
                    (x, self.front, 0.0),
                    (x + LEG_MM, self.front + LEG_MM, self.under_seat),
                    "z",
                )
            )
        for side, x in (("left", self.left), ("right", self.right - LEG_MM)):
            legs.append(self._rear_leg(f"leg_rear_{side}", x))
        return legs

    def _rear_leg(self, name: str, x: float) -> BoardPart:
        """Return a rear leg: straight up to the seat top, raked back above."""
        y, top = self.back_edge, self.seat_height + self.back_height
        rake = back_rake(self.back_height, self.angle)
        profile = [
            (y, 0.0),
            (y + LEG_MM, 0.0),
            (y + LEG_MM, self.seat_height),
            (y + LEG_MM + rake, top),
            (y + rake, top),
            (y, self.seat_height),
        ]
        return self._prism(name, profile, x, LEG_MM, "z")

    def _prism(self, name: str, profile, x: float, thickness: float, grain: str):
        """Return a part whose (Y, Z) ``profile`` is extruded along X from
        ``x`` by ``thickness``; its blank is the profile's bounding box."""
        points = np.asarray(profile, dtype=np.float64)
        vertices, faces = prism(points, thickness)
        # (u, v, w) -> (x, y, z) = (w + x, u, v): a proper rotation, so the
        # faces keep their outward winding.
        mesh = trimesh.Trimesh(
            np.column_stack([vertices[:, 2] + x, vertices[:, 0], vertices[:, 1]]),
            faces,
            process=False,
        )
        (low_y, low_z), (high_y, high_z) = point_bounds(points)
        sizes = {"y": high_y - low_y, "z": high_z - low_z}
        other = "y" if grain == "z" else "z"
        return BoardPart(
            name=name,
            mesh=mesh,
            material=self.material,
            length=float(sizes[grain]),
            width=float(max(sizes[other], thickness)),
            thickness=float(min(sizes[other], thickness)),
        )

    def rails(self) -> list[BoardPart]:
        low, high = self.under_seat - RAIL_HEIGHT_MM, self.under_seat
        inset = (LEG_MM - RAIL_MM) / 2.0
        inner_left, inner_right = self.left + LEG_MM, self.right - LEG_MM
        between = (self.front + LEG_MM, self.back_edge)
        return [
            self.box(
                "rail_front",
                (inner_left, self.front + inset, low),
                (inner_right, self.front + inset + RAIL_MM, high),
                "x",
            ),
            self.box(
                "rail_back",
                (inner_left, self.back_edge + inset, low),
                (inner_right, self.back_edge + inset + RAIL_MM, high),
                "x",
            ),
            self.box(
                "rail_left",
                (self.left + inset, between[0], low),
                (self.left + inset + RAIL_MM, between[1], high),
                "y",
            ),
            self.box(
                "rail_right",
                (self.right - inset - RAIL_MM, between[0], low),
                (self.right - inset, between[1], high),
                "y",
            ),
        ]

    def stretcher_pair(self) -> list[BoardPart]:
        low, high = STRETCHER_Z_MM, STRETCHER_Z_MM + STRETCHER_HEIGHT_MM
        inset = (LEG_MM - RAIL_MM) / 2.0
        between = (self.front + LEG_MM, self.back_edge)
        return [
            self.box(
                "stretcher_left",
                (self.left + inset, between[0], low),
                (self.left + inset + RAIL_MM, between[1], high),
                "y",
            ),
            self.box(
                "stretcher_right",
                (self.right - inset - RAIL_MM, between[0], low),
                (self.right - inset, between[1], high),
                "y",
            ),
        ]

    def back(self) -> list[BoardPart]:
        """Return the two back rails, raked with the posts between them."""
        top = self.seat_height + self.back_height
        low_rail = self.seat_height + 0.4 * self.back_height
        return [
            self._back_rail("backrest", top - BACKREST_MM, top),
            self._back_rail("back_rail", low_rail, low_rail + BACK_RAIL_MM),
        ]

    def _back_rail(self, name: str, low: float, high: float) -> BoardPart:
        """Return a rail between the posts from Z = ``low`` to ``high``, as
        thick as ``RAIL_MM`` square to its faces and centred in the posts."""
        across = RAIL_MM / math.cos(math.radians(self.angle - 90.0))
        offset = (LEG_MM - across) / 2.0

        def front_at(z: float) -> float:
            return self.back_edge + offset + (z - self.seat_height) * self.slope

        profile = [
            (front_at(low), low),
            (front_at(low) + across, low),
            (front_at(high) + across, high),
            (front_at(high), high),
        ]
        inner = self.width - 2.0 * LEG_MM
        part = self._prism(name, profile, self.left + LEG_MM, inner, "z")
        slant = (high - low) / math.cos(math.radians(self.angle - 90.0))
        return BoardPart(
            name=name,
            mesh=part.mesh,
            material=self.material,
            length=inner,
            width=slant,
            thickness=RAIL_MM,
        )
