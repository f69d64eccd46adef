"""Nest panels on standard sheets with a guillotine packer.

Panels of one material and thickness share sheets of the size that
``panels.csv`` gives. Each panel, largest first, goes into the free
rectangle where it leaves the least area over (best area fit) on any open
sheet, or onto a new sheet. The rectangle left beside and above it is split
along its shorter leftover side, and every cut takes ``kerf`` mm, so each
layout can be cut with straight through-cuts of a panel saw.

Sheet frame: x along the sheet's length from its lower-left corner, y
along its width, in mm. A panel whose material has grain keeps its length
along x; others may be turned. Glued solid-wood panels are made to size, so
they are not nested.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from designer.package.panels import Panel

logger = logging.getLogger(__name__)

KERF_MM = 4.0
"""Width of a saw cut, a panel saw's blade with some allowance."""


@dataclass(frozen=True)
class Placement:
    """A panel's place on a sheet.

    ``x`` and ``y`` locate the panel's lower-left corner in mm in the sheet
    frame. ``rotated`` is true when the panel's length runs along the
    sheet's width.
    """

    panel: Panel
    x: float
    y: float
    rotated: bool

    @property
    def size_on_sheet(self) -> tuple[float, float]:
        """The panel's cut size along the sheet's x and y, in mm."""
        if self.rotated:
            return self.panel.cut_width, self.panel.cut_length
        return self.panel.cut_length, self.panel.cut_width


@dataclass
class Sheet:
    """One sheet of board and the panels cut from it."""

    number: int
    material: str
    thickness: float
    length: float
    width: float
    placements: list[Placement] = field(default_factory=list)
    _free: list[tuple[float, float, float, float]] = field(
        default_factory=list, repr=False
    )

    @property
    def area(self) -> float:
        """Sheet area in mm²."""
        return self.length * self.width

    @property
    def used_area(self) -> float:
        """Area of the panels' cut sizes in mm²."""
        return sum(p.panel.cut_length * p.panel.cut_width for p in self.placements)

    @property
    def yield_ratio(self) -> float:
        """Used area over sheet area, from 0 to 1."""
        return self.used_area / self.area


@dataclass(frozen=True)
class Nesting:
    """Sheets with their panels, and panels that fit no sheet.

    ``glued`` lists solid-wood panels, which are glued up to size and not
    nested; ``oversized`` lists panels larger than their material's sheet.
    """

    kerf: float
    sheets: tuple[Sheet, ...]
    glued: tuple[Panel, ...]
    oversized: tuple[Panel, ...]

    @property
    def total_yield(self) -> float | None:
        """Used area over sheet area of all sheets, ``None`` without sheets."""
        area = sum(sheet.area for sheet in self.sheets)
        if area == 0:
            return None
        return sum(sheet.used_area for sheet in self.sheets) / area

    def sheet_of(self, panel: Panel) -> tuple[Sheet, Placement] | None:
        """Return the sheet and placement of a panel, if it was nested."""
        for sheet in self.sheets:
            for placement in sheet.placements:
                if placement.panel is panel:
                    return sheet, placement
        return None


def nest(panels: Sequence[Panel], kerf: float = KERF_MM) -> Nesting:
    """Nest the sheet panels of a product on sheets.

    Parameters
    ----------
    panels
        Panels from ``find_panels``; glued panels are passed through.
    kerf
        Saw cut width in mm, kept free between panels.

    Returns
    -------
    Nesting
        Sheets numbered from 1, grouped by material and thickness in the
        order the groups first appear.
    """
    if kerf < 0:
        raise ValueError(f"kerf must be 0 mm or more, got {kerf!r}")
    groups: dict[tuple[str, float], list[Panel]] = {}
    glued = []
    for panel in panels:
        if panel.glued:
            glued.append(panel)
            continue
        thickness = panel.stock.thickness if panel.stock else round(panel.thickness, 1)
        groups.setdefault((panel.material, thickness), []).append(panel)

    sheets: list[Sheet] = []
    oversized: list[Panel] = []
    for (material, thickness), members in groups.items():
        group_sheets, too_large = _pack(members, material, thickness, kerf)
        for sheet in group_sheets:
            sheet.number = len(sheets) + 1
            sheets.append(sheet)
        oversized += too_large
    nesting = Nesting(kerf, tuple(sheets), tuple(glued), tuple(oversized))
    logger.debug(
        "nested %s panels on %s sheets, yield %s",
        len(panels) - len(glued) - len(oversized),
        len(sheets),
        nesting.total_yield,
    )
    return nesting


def _pack(
    panels: list[Panel], material: str, thickness: float, kerf: float
) -> tuple[list[Sheet], list[Panel]]:
    stock = panels[0].sheet
    sheets: list[Sheet] = []
    oversized = []
    ordered = sorted(
        panels,
        key=lambda p: (-p.cut_length * p.cut_width, -max(p.cut_length, p.cut_width)),
    )
    for panel in ordered:
        if _place(panel, sheets, kerf):
            continue
        sheet = Sheet(0, material, thickness, stock.sheet_length, stock.sheet_width)
        sheet._free.append((0.0, 0.0, sheet.length, sheet.width))
        if _place(panel, [sheet], kerf):
            sheets.append(sheet)
        else:
            logger.warning(
                "panel %s (%.0f x %.0f mm) is larger than a %.0f x %.0f mm sheet",
                panel.part,
                panel.cut_length,
                panel.cut_width,
                sheet.length,
                sheet.width,
            )
            oversized.append(panel)
    return sheets, oversized


def _place(panel: Panel, sheets: list[Sheet], kerf: float) -> bool:
    """Put the panel into the best-fitting free rectangle; return success."""
    orientations = [False, True] if panel.can_rotate else [False]
    best = None
    for sheet in sheets:
        for index, (_, _, width, height) in enumerate(sheet._free):
            for rotated in orientations:
                along, across = (
                    (panel.cut_width, panel.cut_length)
                    if rotated
                    else (panel.cut_length, panel.cut_width)
                )
                if along > width + 1e-9 or across > height + 1e-9:
                    continue
                score = (
                    width * height - along * across,
                    min(width - along, height - across),
                )
                if best is None or score < best[0]:
                    best = (score, sheet, index, rotated, along, across)
    if best is None:
        return False

    _, sheet, index, rotated, along, across = best
    x, y, width, height = sheet._free.pop(index)
    sheet.placements.append(Placement(panel, x, y, rotated))
    right_width = width - along - kerf
    top_height = height - across - kerf
    if width - along < height - across:
        pieces = [
            (x, y + across + kerf, width, top_height),
            (x + along + kerf, y, right_width, across),
        ]
    else:
        pieces = [
            (x + along + kerf, y, right_width, height),
            (x, y + across + kerf, along, top_height),
        ]
    sheet._free += [piece for piece in pieces if piece[2] > 0 and piece[3] > 0]
    return True
