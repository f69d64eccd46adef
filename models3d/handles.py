"""Handles on a cabinet's doors and drawer fronts: bar pulls, knobs or none.

Frame as in ``models3d.cabinet``: the fronts' outer faces look toward -Y,
so a handle projects from a front toward -Y and touches it over its
feet. Every handle is a steel part named after its front, such as
``drawer_front_1_handle``. The front gets the hardware and the through
holes for the handle's screws, which are driven from inside the cabinet.
On a drawer the screws pass through the drawer box's sub-front as well,
which gets the same holes. The hardware's ``fixing`` records which boards
the screws pass (``FIXING_FRONT`` or ``FIXING_FRONT_AND_BOX``), and the
front carries the screws too, ``HANDLE_SCREW`` in the length that
``handle_screw_length`` gives.

- Bar pull: a square steel bar bent into a squared U, with its two feet on the
  front, ``BAR_PULL_PROJECTION_MM`` behind the bar's outer face. Its hole
  centres are the longest of ``BAR_PULL_CENTRES_MM`` whose pull spans at
  most ``HANDLE_SPAN_FRACTION`` of the front along the pull.
- Knob: a round knob on one screw.
- Push-to-open: no handle; each front gets a push latch.

A drawer's handle is centred on its front and runs along the width. A
door's handle is upright by the edge opposite its hinges,
``DOOR_HANDLE_EDGE_MM`` in from it, with its top ``DOOR_HANDLE_TOP_MM``
below the door's top but its centre no higher than
``DOOR_HANDLE_MAX_HEIGHT_MM`` above the floor.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import trimesh

from models3d import dims as dimensions
from models3d.caching import bounded_cache
from models3d.meshing import point_bounds, prism
from models3d.parts import HardwareUse, Hole, Part

logger = logging.getLogger(__name__)

HANDLES = ("push", "bar", "knob")
HANDLE_MATERIAL = "steel"

# NOTE: studio assumption: pulls are stocked at hole centres in steps of the
# 32 mm system; no pull maker's datasheet was at hand.
BAR_PULL_CENTRES_MM = (96.0, 128.0, 160.0, 192.0)
"""Hole centres a bar pull is stocked in, shortest first."""

BAR_PULL_BAR_MM = 10.0
"""Width and thickness of the pull's square steel bar."""

BAR_PULL_PROJECTION_MM = 32.0
"""How far a bar pull projects from the front."""

KNOB_DIAMETER_MM = 30.0
KNOB_PROJECTION_MM = 28.0
KNOB_SEGMENTS = 32

HANDLE_SCREW_HOLE_MM = 5.0
"""Hole for the M4 screws of pulls and knobs."""

HANDLE_SCREW = "machine_screw_m4"
"""Hardware id of the pan-head M4 screws that hold pulls and knobs."""

# NOTE: studio assumptions: the tapped holes' depth in a pull's 10 mm feet
# and in a knob's stem, the workshop rule of one diameter of engagement for
# a steel screw in a steel thread, and that M4 pan-head screws are stocked
# in the nominal lengths of ISO 888 from 6 to 60 mm. No maker's datasheet
# was at hand.
THREAD_DEPTH_MM = {"bar": 8.0, "knob": 10.0}
"""Depth of the blind M4 thread in each kind of handle."""

M4_SCREW_LENGTHS_MM = (6, 8, 10, 12, 16, 20, 25, 30, 35, 40, 45, 50, 55, 60)
"""Lengths the handle screws are stocked in, under the head."""

MIN_THREAD_ENGAGEMENT_MM = 4.0
"""Shortest length of thread a handle screw must engage: one nominal
diameter."""

BOARD_ALLOWANCE_MM = 1.0
"""Room a handle screw keeps at each end of its thread for every board it
passes. The production panel table's sheets up to 24 mm are made within
about 1 mm of their nominal thickness. A screw that fits nominal boards
with this room still holds on boards at either end of that tolerance."""

SCREW_AXIS = (0.0, -1.0, 0.0)
"""Direction the handle screws are driven, from inside the cabinet."""

# NOTE: studio assumptions for where handles sit and how long a pull may
# be; they look balanced on the catalog's sizes.
HANDLE_SPAN_FRACTION = 0.4
DOOR_HANDLE_EDGE_MM = 40.0
DOOR_HANDLE_TOP_MM = 80.0
DOOR_HANDLE_MAX_HEIGHT_MM = 1100.0

PROJECTION_MM = {"push": 0.0, "bar": BAR_PULL_PROJECTION_MM, "knob": KNOB_PROJECTION_MM}
"""How far each kind of handle projects in front of the fronts."""

HARDWARE = {"push": "push_latch", "bar": "bar_pull", "knob": "knob_30"}
"""Hardware id of each handle choice in ``hardware.csv``."""

FIXING_FRONT = "front"
FIXING_FRONT_AND_BOX = "front_and_sub_front"
"""``HardwareUse.fixing`` of a pull or knob whose screws pass the front
alone, as on a door, or a drawer box's sub-front behind it as well."""


def pull_centres(span: float) -> float:
    """Return the longest hole centres of a bar pull that spans at most
    ``HANDLE_SPAN_FRACTION`` of a front ``span`` mm long.

    Raises
    ------
    DimensionError
        When even the shortest pull is too long for the front.
    """
    room = HANDLE_SPAN_FRACTION * span - BAR_PULL_BAR_MM
    fitting = [centres for centres in BAR_PULL_CENTRES_MM if centres <= room]
    if not fitting:
        shortest = BAR_PULL_CENTRES_MM[0]
        raise dimensions.DimensionError(
            "cabinet",
            "handle",
            f"a {span:.1f} mm front is too short for the shortest bar pull, "
            f"{shortest:g} mm between holes, which needs a front of at least "
            f"{(shortest + BAR_PULL_BAR_MM) / HANDLE_SPAN_FRACTION:.0f} mm; "
            "choose knobs or push-to-open",
        )
    return fitting[-1]


def handle_screw_length(boards_mm: float, handle: str, board_count: int = 1) -> float:
    """Return the length of the M4 screws that hold a handle, in mm.

    The screw passes ``boards_mm`` of boards, ``board_count`` of them (the front,
    and a drawer box's sub-front behind it), and then runs into the
    handle's blind thread. It must engage at least
    ``MIN_THREAD_ENGAGEMENT_MM`` of thread and must not reach the bottom of
    the thread, ``THREAD_DEPTH_MM`` deep, or it would stop there before it
    clamps the handle. Both limits keep ``BOARD_ALLOWANCE_MM`` for each
    board. Of the stocked lengths (``M4_SCREW_LENGTHS_MM``) within those
    limits, the one nearest the middle of the thread is used. When none
    fits, a longer screw is cut to reach the middle, rounded down to 0.5 mm.

    Raises
    ------
    DimensionError
        When the screw would be longer than the longest stocked one.
    """
    allowance = BOARD_ALLOWANCE_MM * board_count
    shortest = boards_mm + MIN_THREAD_ENGAGEMENT_MM + allowance
    longest = boards_mm + THREAD_DEPTH_MM[handle] - allowance
    middle = boards_mm + (MIN_THREAD_ENGAGEMENT_MM + THREAD_DEPTH_MM[handle]) / 2.0
    stocked = [
        float(length)
        for length in M4_SCREW_LENGTHS_MM
        if shortest - 1e-6 <= length <= longest + 1e-6
    ]
    if stocked:
        return min(stocked, key=lambda length: (abs(length - middle), -length))
    if middle > M4_SCREW_LENGTHS_MM[-1]:
        raise dimensions.DimensionError(
            "cabinet",
            "board_thickness",
            f"a {handle} handle through {boards_mm:g} mm of boards needs M4 "
            f"screws {middle:g} mm long, longer than the longest stocked "
            f"{M4_SCREW_LENGTHS_MM[-1]} mm; choose thinner boards",
        )
    return math.floor(middle * 2.0) / 2.0


def fit_handles(
    fronts: Sequence[Part], handle: str, upright: bool, behind_mm: float = 0.0
) -> list[Part]:
    """Fit a handle of kind ``handle`` (one of ``HANDLES``) to each front.

    Parameters
    ----------
    fronts
        Doors or drawer fronts, one board thick along Y.
    handle
        ``"push"``, ``"bar"`` or ``"knob"``.
    upright
        True for doors: the handle is upright beside the edge opposite the
        hinges. False for drawers: it is centred and runs along X.
    behind_mm
        Thickness of a drawer box's sub-front behind each front, which the
        screws pass too, or 0 when there is none. ``drill_behind`` drills
        it.

    Returns
    -------
    list of Part
        The fronts with their hardware and screw holes, each followed by
        its handle part, which ``protrudes``, unless ``handle`` is ``"push"``.
    """
    parts: list[Part] = []
    fixing = FIXING_FRONT_AND_BOX if behind_mm > 0 else FIXING_FRONT
    for front in fronts:
        if handle == "push":
            use = HardwareUse(HARDWARE[handle])
            parts.append(replace(front, hardware=front.hardware + (use,)))
            continue
        low, high = point_bounds(front.mesh.vertices)
        along = 2 if upright else 0
        size = None
        reach = KNOB_DIAMETER_MM / 2.0
        if handle == "bar":
            size = pull_centres(float(high[along] - low[along]))
            reach = size / 2.0 + BAR_PULL_BAR_MM
        centre = _handle_centre(low, high, upright, reach)
        if handle == "bar":
            mesh = bar_pull(centre, size, along)
            offsets = (-size / 2.0, size / 2.0)
        else:
            mesh = knob(centre)
            offsets = (0.0,)
        screws = _screw_holes(centre, offsets, along, float(high[1]))
        boards = round(float(high[1] - low[1]), 1) + behind_mm
        uses = (
            HardwareUse(HARDWARE[handle], size_mm=size, fixing=fixing),
            HardwareUse(
                HANDLE_SCREW,
                quantity=len(offsets),
                size_mm=handle_screw_length(
                    boards, handle, board_count=2 if behind_mm > 0 else 1
                ),
                fixing=fixing,
            ),
        )
        parts.append(
            replace(front, holes=front.holes + screws, hardware=front.hardware + uses)
        )
        parts.append(
            Part(f"{front.name}_handle", mesh, HANDLE_MATERIAL, protrudes=True)
        )
    logger.debug("fitted %s handles to %s fronts", handle, len(fronts))
    return parts


def drill_behind(board: Part, front: Part) -> Part:
    """Return ``board``, which lies behind ``front``, drilled through from
    its inside face (+Y) where the front's handle screws pass it."""
    low, high = point_bounds(board.mesh.vertices)
    holes = tuple(
        Hole(
            (hole.centre[0], float(high[1]), hole.centre[2]),
            hole.axis,
            hole.diameter,
            float(high[1] - low[1]),
        )
        for hole in front.holes
        if hole.axis == SCREW_AXIS and hole.diameter == HANDLE_SCREW_HOLE_MM
    )
    return replace(board, holes=board.holes + holes)


def _handle_centre(
    low: np.ndarray, high: np.ndarray, upright: bool, reach: float
) -> np.ndarray:
    """Return where a handle's centre touches a front's outer face; an
    upright handle reaches ``reach`` mm above and below it."""
    centre = (low + high) / 2.0
    centre[1] = low[1]
    if not upright:
        return centre
    # Doors left of the middle hinge on their left edge, as hinge_doors
    # fits them, so their handle goes by the right edge, and the reverse.
    if centre[0] < 0:
        centre[0] = high[0] - DOOR_HANDLE_EDGE_MM
    else:
        centre[0] = low[0] + DOOR_HANDLE_EDGE_MM
    top = min(high[2] - DOOR_HANDLE_TOP_MM - reach, DOOR_HANDLE_MAX_HEIGHT_MM)
    centre[2] = max(top, low[2] + reach)
    return centre


def _screw_holes(
    centre: np.ndarray, offsets: Sequence[float], along: int, inside: float
) -> tuple[Hole, ...]:
    """Return through holes for the handle's screws, drilled from the
    front's inside face at Y = ``inside`` toward -Y."""
    holes = []
    for offset in offsets:
        point = centre.copy()
        point[along] += offset
        point[1] = inside
        holes.append(
            Hole(
                tuple(float(v) for v in point),
                SCREW_AXIS,
                HANDLE_SCREW_HOLE_MM,
                float(inside - centre[1]),
            )
        )
    return tuple(holes)


def bar_pull(centre: np.ndarray, centres: float, along: int) -> trimesh.Trimesh:
    """Return a bar pull's watertight mesh in mm.

    The pull is a squared U of ``BAR_PULL_BAR_MM`` square bar, its feet
    centred ``centres`` mm apart along X (``along`` 0) or Z (2) about
    ``centre`` on the front's outer face, projecting toward -Y.
    """
    vertices, faces = _bar_pull_arrays(float(centres), along)
    return trimesh.Trimesh(vertices + centre, faces, process=False)


def knob(centre: np.ndarray) -> trimesh.Trimesh:
    """Return a round knob's watertight mesh in mm: a waisted stem under a
    rounded head, on the front's outer face at ``centre``, projecting
    toward -Y."""
    vertices, faces = _knob_arrays()
    return trimesh.Trimesh(vertices + centre, faces, process=False)


@bounded_cache(maxsize=16)
def _bar_pull_arrays(centres: float, along: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of a bar pull centred on the origin;
    the fronts of one cabinet share them."""
    half, bar = centres / 2.0, BAR_PULL_BAR_MM
    foot, out = half + bar / 2.0, BAR_PULL_PROJECTION_MM
    # The U in (u along the pull, v out from the front), v = 0 on the face.
    outline = np.array(
        [
            (-foot, 0.0),
            (-half + bar / 2.0, 0.0),
            (-half + bar / 2.0, out - bar),
            (half - bar / 2.0, out - bar),
            (half - bar / 2.0, 0.0),
            (foot, 0.0),
            (foot, out),
            (-foot, out),
        ]
    )
    vertices, faces = prism(outline, bar)

    u, v, w = vertices[:, 0], vertices[:, 1], vertices[:, 2] - bar / 2.0
    points = np.empty_like(vertices)
    points[:, 1] = -v
    if along == 0:
        # (u, v, w) -> (x, -y, z) mirrors the frame, so flip the winding.
        points[:, 0], points[:, 2] = u, w
        faces = faces[:, ::-1]
    else:
        # (u, v, w) -> (z, -y, x) keeps it right-handed.
        points[:, 2], points[:, 0] = u, w

    points.flags.writeable = False
    faces.flags.writeable = False
    return points, faces


@bounded_cache(maxsize=1)
def _knob_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Return the vertices and faces of a knob centred on the origin."""
    radius, out = KNOB_DIAMETER_MM / 2.0, KNOB_PROJECTION_MM
    profile = np.array(
        [
            (0.0, 0.0),
            (0.4 * radius, 0.0),
            (0.35 * radius, 0.45 * out),
            (0.8 * radius, 0.6 * out),
            (radius, 0.75 * out),
            (0.9 * radius, 0.95 * out),
            (0.6 * radius, out),
            (0.0, out),
        ]
    )
    mesh = trimesh.creation.revolve(profile, sections=KNOB_SEGMENTS)
    # The knob's axis is Z; turn it to -Y.
    turn = trimesh.transformations.rotation_matrix(np.pi / 2.0, (1.0, 0.0, 0.0))
    mesh.apply_transform(turn)
    vertices = np.array(mesh.vertices)
    faces = np.array(mesh.faces)
    vertices.flags.writeable = False
    faces.flags.writeable = False
    return vertices, faces
