"""Places for a cut file's text, on the panel but clear of its holes.

Boxes are ``(low_u, low_v, high_u, high_v)`` in mm, in the cut outline's
frame: u along the cut length, v along the cut width, from the outline's
lower-left corner, seen from face A.

Text widths are estimated, not measured: each character is taken as
``CHAR_WIDTH`` of the text height wide. ezdxf 1.4.5's ``text_size``
measures 0.68 to 0.75 for the upper-case labels of the cut files in the
default ``Standard`` style, so the estimate leaves a margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Box = tuple[float, float, float, float]

CHAR_WIDTH = 0.9
"""Estimated character width, as a share of the text height."""

DESCENT = 0.3
"""Depth of descenders below the baseline, as a share of the text height."""

LINE_SPACING = 1.6
"""Distance between baselines, as a share of the text height."""

SHRINK = 0.8
"""Factor by which the label's text height shrinks when it fits nowhere."""

MIN_TEXT_HEIGHT_MM = 2.0

FRONT_MARK = "FRONT"

_STEPS_ALONG = 9


@dataclass(frozen=True)
class Outline:
    """A panel's cut outline, ``length`` by ``width`` mm, with the margin
    in mm that text keeps from its edges."""

    length: float
    width: float
    margin: float


@dataclass(frozen=True)
class TextBlock:
    """Lines of text placed in the cut outline's frame.

    ``box`` bounds them all, descenders included. Lines read along +u, or
    along the v axis when ``vertical``.
    """

    box: Box
    height: float
    vertical: bool = False


def overlaps(first: Box, second: Box) -> bool:
    """Return whether two boxes share any area."""
    return (
        first[0] < second[2]
        and second[0] < first[2]
        and first[1] < second[3]
        and second[1] < first[3]
    )


def label_block(
    lines: Sequence[str], outline: Outline, height: float, obstacles: Sequence[Box]
) -> TextBlock | None:
    """Find a place for the label's lines that covers no obstacle.

    Tries the top left corner first, then the other corners, then every
    place along the panel where the block's edge meets an obstacle's edge,
    from the top down. When the text fits nowhere at ``height``, it shrinks
    by ``SHRINK`` down to ``MIN_TEXT_HEIGHT_MM``. Returns ``None`` when no
    place is clear even then.
    """
    longest = max(len(line) for line in lines)
    boxes = np.asarray(obstacles, dtype=np.float64).reshape(-1, 4)
    while height >= MIN_TEXT_HEIGHT_MM:
        block_width = longest * height * CHAR_WIDTH
        block_height = height * ((len(lines) - 1) * LINE_SPACING + 1.0 + DESCENT)
        corners = _corners(outline, block_width, block_height, boxes)
        if len(corners):
            candidates = np.column_stack(
                [corners, corners + [block_width, block_height]]
            )
            clear = ~_any_overlap(candidates, boxes)
            if clear.any():
                low_u, low_v, high_u, high_v = candidates[int(np.argmax(clear))]
                return TextBlock(
                    (float(low_u), float(low_v), float(high_u), float(high_v)), height
                )
        height *= SHRINK
    return None


def _any_overlap(candidates: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Return, for each of the (n, 4) candidate boxes, whether it overlaps
    any of the (m, 4) boxes."""
    if len(boxes) == 0:
        return np.zeros(len(candidates), dtype=bool)
    first = candidates[:, None, :]
    second = boxes[None, :, :]
    overlap = (
        (first[..., 0] < second[..., 2])
        & (second[..., 0] < first[..., 2])
        & (first[..., 1] < second[..., 3])
        & (second[..., 1] < first[..., 3])
    )
    return overlap.any(axis=1)


def _corners(
    outline: Outline, block_width: float, block_height: float, boxes: np.ndarray
) -> np.ndarray:
    """Return the (n, 2) lower-left corners to try for a block, best first.

    The four corners of the panel come first. Then come rows from the top
    down: the panel's top and bottom and each row where the block's top or
    bottom meets an obstacle's edge, each tried at even steps along the
    length and just right of each obstacle.
    """
    margin = outline.margin
    high_u = outline.length - margin - block_width
    high_v = outline.width - margin - block_height
    if high_u < margin or high_v < margin:
        return np.empty((0, 2))
    rows = np.concatenate([[high_v, margin], boxes[:, 3], boxes[:, 1] - block_height])
    columns = np.concatenate([np.linspace(margin, high_u, _STEPS_ALONG), boxes[:, 2]])
    rows = np.unique(rows[(rows >= margin) & (rows <= high_v)])[::-1]
    columns = np.unique(columns[(columns >= margin) & (columns <= high_u)])
    grid = np.array([(u, v) for v in rows for u in columns]).reshape(-1, 2)
    first = np.array(
        [(margin, high_v), (high_u, high_v), (margin, margin), (high_u, margin)]
    )
    return np.concatenate([first, grid])


def front_mark(
    edge: str, outline: Outline, height: float, obstacles: Sequence[Box]
) -> TextBlock | None:
    """Find a place for ``FRONT_MARK`` along ``edge``, inside the panel.

    The mark sits the outline's margin in from the edge, at the edge's middle or, when
    a hole is there, at the first clear spot toward either end. On W1 and W2
    it reads along the edge, across the length. When no spot is clear at
    ``height``, the mark shrinks by ``SHRINK`` down to
    ``MIN_TEXT_HEIGHT_MM``. Returns ``None`` when no spot is clear even
    then.
    """
    vertical = edge in ("W1", "W2")
    edge_length = outline.width if vertical else outline.length
    while height >= MIN_TEXT_HEIGHT_MM:
        along = len(FRONT_MARK) * height * CHAR_WIDTH
        across = height * (1.0 + DESCENT)
        room = edge_length - 2.0 * outline.margin - along
        for start in _spots_along(outline.margin, room):
            box = _edge_box(edge, outline, start, along, across)
            if not any(overlaps(box, obstacle) for obstacle in obstacles):
                return TextBlock(box, height, vertical)
        height *= SHRINK
    return None


def _spots_along(margin: float, room: float) -> list[float]:
    """Return starts along an edge, from its middle outward, for text that
    leaves ``room`` mm of the edge free between the margins."""
    if room < 0.0:
        return []
    middle = margin + room / 2.0
    starts = [middle]
    for step in range(1, 4 * _STEPS_ALONG):
        offset = room / 2.0 * step / (4 * _STEPS_ALONG - 1)
        starts += [middle - offset, middle + offset]
    return starts


def _edge_box(
    edge: str, outline: Outline, start: float, along: float, across: float
) -> Box:
    length, width, margin = outline.length, outline.width, outline.margin
    if edge == "L1":
        return (start, margin, start + along, margin + across)
    if edge == "L2":
        return (start, width - margin - across, start + along, width - margin)
    if edge == "W1":
        return (margin, start, margin + across, start + along)
    return (length - margin - across, start, length - margin, start + along)
