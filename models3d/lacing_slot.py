"""The lacing slot of an upper, built into its lofts instead of cut out.

A laced upper's slot runs along the instep's crown between the facings. It
tapers from its start to the throat, where it ends in a round end. Two
points of every arch from the slot's start to its end, the two beside the
crown or further out on a wide slot, move onto the slot's edges, so the
slot is the strip of faces between them. Dropping that strip from the
outer and inner surfaces and joining the two surfaces' edges with walls
opens the slot without clipping a triangle. The walls stand upright along
the slot's edges, as a cutting die's do.

The round end is drawn by ``END_ANGLES``: loft stations at those angles
around the end's centre, with the slot's half-width shrinking as the
cosine. The last one leaves a short straight end, a fifth of the throat's
width across.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

END_ANGLES = np.radians([0.0, 30.0, 60.0, 78.0])
"""Angles around the round end's centre of the stations that draw it, from
the throat forward."""


class SlotDoesNotFit(ValueError):
    """A slot that two arch points cannot follow, such as one wider than the
    flat of the instep on a very narrow last."""


@dataclass(frozen=True)
class Slot:
    """A lacing slot centred on the instep's crown.

    Attributes
    ----------
    start, throat
        X in mm where the slot starts and where its round end is centred.
    width
        Half-widths in mm at the start and at the throat, which is also the
        round end's radius. The half-width changes linearly between them.
    """

    start: float
    throat: float
    width: tuple[float, float]

    def stations(self) -> tuple[float, ...]:
        """Return the loft stations (mm) the slot needs: its start and the
        stations that draw its round end."""
        end = self.throat + self.width[1] * np.sin(END_ANGLES)
        return (self.start, *end.tolist())

    @property
    def end(self) -> float:
        """X in mm of the slot's straight end, its frontmost station."""
        return self.throat + self.width[1] * float(np.sin(END_ANGLES[-1]))

    def half_width(self, x: np.ndarray) -> np.ndarray:
        """Return the slot's half-width in mm at each X from its start to
        its end."""
        x = np.asarray(x, dtype=np.float64)
        start, throat = self.width
        t = np.clip((x - self.start) / (self.throat - self.start), 0.0, 1.0)
        taper = start + t * (throat - start)
        # Past the throat the end's circle: a station at sin(angle) * radius
        # ahead of the centre is cos(angle) * radius wide.
        ahead = np.clip((x - self.throat) / throat, 0.0, 1.0)
        return np.where(x > self.throat, throat * np.sqrt(1.0 - ahead**2), taper)


def edge_angles(
    middle: np.ndarray,
    half: np.ndarray,
    exponent: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Return the arch angles at which super-ellipse arches reach two Y
    values.

    Parameters
    ----------
    middle, half, exponent
        (n,) each arch's middle and half-width in Y (mm) and its exponent,
        as ``models3d.footwear.arch`` draws it without flare.
    edges
        (n,) Y in mm of the slot's edge on the high side (toward +Y) and on
        the low side, inside each arch.

    Returns
    -------
    tuple of numpy.ndarray
        The angles of the high and the low edge, below and above pi / 2.

    Raises
    ------
    SlotDoesNotFit
        When an edge lies outside its arch.
    """
    high = (edges[0] - middle) / half
    low = (middle - edges[1]) / half
    reach = np.concatenate([high, low])
    if np.any(reach <= 0.0) or np.any(reach >= 1.0):
        raise SlotDoesNotFit("the slot's edges do not lie inside the arches")
    # y = middle + half * cos(theta) ** (2 / exponent) on the high side.
    power = exponent / 2.0
    return np.arccos(high**power), np.pi - np.arccos(low**power)


def zipper(
    first: np.ndarray, first_x: np.ndarray, second: np.ndarray, second_x: np.ndarray
) -> np.ndarray:
    """Triangulate the band between two polylines that run the same way in X.

    ``first`` and ``second`` are vertex indices with their X (mm), each in
    increasing order, and both start and end at the same X. Each triangle
    advances one of the polylines by one vertex, the one whose next X comes
    first.

    Returns
    -------
    numpy.ndarray
        (len(first) + len(second) - 2, 3) faces, each running from the
        first polyline to the second.
    """
    steps = np.concatenate([first_x[1:], second_x[1:]])
    order = np.argsort(steps, kind="stable")
    on_first = order < len(first) - 1
    at_first = np.cumsum(on_first)
    at_second = np.cumsum(~on_first)
    # Before each step the band's edge runs from first[at_first - on_first]
    # to second[at_second - ~on_first].
    before_first = at_first - on_first
    before_second = at_second - ~on_first
    return np.where(
        on_first[:, None],
        np.column_stack([first[before_first], first[at_first], second[before_second]]),
        np.column_stack(
            [first[before_first], second[at_second], second[before_second]]
        ),
    )


def strip_faces(
    faces: np.ndarray, size: int, rows: np.ndarray, columns: tuple[int, int]
) -> np.ndarray:
    """Return a loft's faces without those between two columns from the
    first to the last of ``rows``.

    ``size`` is the number of points in each of the loft's sections, and a
    vertex's row and column are its index divided by ``size`` and the
    remainder.
    """
    row, column = np.divmod(faces, size)
    inside = (
        (row >= rows[0])
        & (row <= rows[-1])
        & (column >= columns[0])
        & (column <= columns[1])
    )
    return faces[~inside.all(axis=1)]
