"""Glyph outlines from the fonts shipped in ``resources/fonts/``, as polygons.

Two TrueType fonts cover the engravable characters:

- DejaVu Sans 2.37 (Debian fonts-dejavu-core, Bitstream Vera licence with
  public-domain DejaVu changes) for Latin letters, digits, punctuation and ♥;
- Droid Sans Fallback Full (Debian fonts-droid-fallback 6.0.1r16, Apache
  2.0) for Chinese characters, which DejaVu Sans lacks.

Each character takes its glyph from the first font that has it. A glyph's
contours are read with fontTools, quadratic curves are flattened to within
``FLATTENING_TOLERANCE_EM`` of the curve, and the contours are filled with the
non-zero winding rule that TrueType uses, so overlapping strokes merge and
counters (the hole of an "o") stay open.

Layout frame: x runs along the text from 0, y up. ``letter_height`` is the
height of the line box, the font's ascender minus its descender, so every
glyph of both fonts, accents and descenders included, lies in the strip
0 <= y <= letter_height with its baseline at ``BASELINE_FRACTION`` of it.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import shapely
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from shapely import affinity
from shapely.geometry import LinearRing, MultiPolygon, Polygon
from shapely.ops import polygonize, unary_union

from models3d.errors import MissingGlyphError
from resources import FONTS_DIR

logger = logging.getLogger(__name__)

FONT_FILES = (FONTS_DIR / "DejaVuSans.ttf", FONTS_DIR / "DroidSansFallbackFull.ttf")
"""Fonts in the order they are asked for a character."""

FLATTENING_TOLERANCE_EM = 0.002
"""Largest distance between a curve and its flattened polyline, in em."""

BASELINE_FRACTION = 483 / 2384
"""Baseline height as a fraction of the line box: DejaVu Sans' descender
over its ascender minus descender. Droid Sans Fallback's 68 / 335 is the
same to within 0.0003, so both fonts share one baseline."""


@dataclass(frozen=True)
class _Font:
    path: Path
    font: TTFont
    units_per_em: int
    line_height_units: int

    @property
    def glyph_set(self):
        return self.font.getGlyphSet()

    @property
    def cmap(self) -> dict[int, str]:
        return self.font.getBestCmap()


@cache
def _fonts() -> tuple[_Font, ...]:
    fonts = []
    for path in FONT_FILES:
        font = TTFont(path, lazy=True)
        hhea = font["hhea"]
        fonts.append(
            _Font(path, font, font["head"].unitsPerEm, hhea.ascent - hhea.descent)
        )
        logger.debug("opened font %s", path.name)
    return tuple(fonts)


class _FlatteningPen(BasePen):
    """Collect a glyph's contours as polylines, flattening every curve."""

    def __init__(self, glyph_set, tolerance: float) -> None:
        super().__init__(glyph_set)
        self.tolerance = tolerance
        self.contours: list[list[tuple[float, float]]] = []
        self._current: list[tuple[float, float]] = []

    def _moveTo(self, point):
        self._current = [point]

    def _lineTo(self, point):
        self._current.append(point)

    def _steps(self, bend: float) -> int:
        # A quadratic segment's flattening error with n chords is at most
        # |p0 - 2 p1 + p2| / (4 n^2).
        return max(1, math.ceil(math.sqrt(bend / (4.0 * self.tolerance))))

    def _qCurveToOne(self, control, end):
        start = np.array(self._current[-1])
        control_point, end_point = np.array(control), np.array(end)
        bend = float(np.linalg.norm(start - 2 * control_point + end_point))
        t = np.linspace(0.0, 1.0, self._steps(bend) + 1)[1:, None]
        points = (1 - t) ** 2 * start + 2 * (1 - t) * t * control_point
        points += t**2 * end_point
        self._current.extend(map(tuple, points))

    def _curveToOne(self, first, second, end):
        start = np.array(self._current[-1])
        controls = np.array([first, second, end])
        bend = float(
            max(
                np.linalg.norm(start - 2 * controls[0] + controls[1]),
                np.linalg.norm(controls[0] - 2 * controls[1] + controls[2]),
            )
        )
        t = np.linspace(0.0, 1.0, 2 * self._steps(1.5 * bend) + 1)[1:, None]
        points = (1 - t) ** 3 * start + 3 * (1 - t) ** 2 * t * controls[0]
        points += 3 * (1 - t) * t**2 * controls[1] + t**3 * controls[2]
        self._current.extend(map(tuple, points))

    def _closePath(self):
        if len(self._current) >= 3:
            self.contours.append(self._current)
        self._current = []

    _endPath = _closePath


def _fill_nonzero(contours: list[list[tuple[float, float]]]):
    """Fill closed contours with the non-zero winding rule.

    The contours are noded into faces; a face belongs to the glyph when the
    contours' winding numbers around one of its interior points do not sum
    to zero.
    """
    rings = [LinearRing(contour) for contour in contours]
    rings = [ring for ring in rings if ring.is_valid or ring.length > 0]
    if not rings:
        return Polygon()
    signs = [1 if ring.is_ccw else -1 for ring in rings]
    areas = [Polygon(ring).buffer(0) for ring in rings]
    kept = []
    for face in polygonize(unary_union(rings)):
        inside = face.representative_point()
        winding = sum(
            sign
            for sign, area in zip(signs, areas, strict=True)
            if area.contains(inside)
        )
        if winding != 0:
            kept.append(face)
    return unary_union(kept)


def has_glyph(character: str) -> bool:
    """Check that a shipped font has a glyph for ``character``."""
    return any(ord(character) in font.cmap for font in _fonts())


def _font_for(character: str) -> _Font:
    for font in _fonts():
        if ord(character) in font.cmap:
            return font
    raise MissingGlyphError(character, tuple(path.name for path in FONT_FILES))


@lru_cache(maxsize=4096)
def glyph_outline(character: str) -> tuple[Polygon | MultiPolygon, float]:
    """Return one character's filled outline and advance, in line-box units.

    Parameters
    ----------
    character
        A single character.

    Returns
    -------
    outline
        Polygons scaled so that the font's line box is 1 high, with the
        baseline at ``BASELINE_FRACTION``; empty for a space.
    advance
        Horizontal advance to the next character, in the same units.

    Raises
    ------
    MissingGlyphError
        When no shipped font has the character.
    """
    font = _font_for(character)
    name = font.cmap[ord(character)]
    glyph = font.glyph_set[name]
    pen = _FlatteningPen(font.glyph_set, FLATTENING_TOLERANCE_EM * font.units_per_em)
    glyph.draw(pen)
    outline = _fill_nonzero(pen.contours)

    scale = 1.0 / font.line_height_units
    outline = affinity.affine_transform(
        outline, [scale, 0.0, 0.0, scale, 0.0, BASELINE_FRACTION]
    )
    return outline, glyph.width * scale


def font_names(text: str) -> list[str]:
    """List the fonts that draw ``text``, by family name, in order of use.

    Spaces count for nothing; the engraving shows no glyph for them.

    Raises
    ------
    MissingGlyphError
        When a character has no glyph.
    """
    names: dict[str, None] = {}
    for character in text:
        if character.isspace():
            continue
        font = _font_for(character)
        names[font.font["name"].getDebugName(1) or font.path.stem] = None
    return list(names)


def text_advance(text: str) -> float:
    """Return the length of ``text`` laid out on one line, in line heights.

    Multiply by the letter height in mm to get the text's length in mm.
    """
    return sum(glyph_outline(character)[1] for character in text)


@lru_cache(maxsize=64)
def text_outline(text: str, letter_height: float) -> Polygon | MultiPolygon:
    """Lay out ``text`` on one line and return its filled outline in mm.

    Parameters
    ----------
    text
        Characters that the shipped fonts can draw.
    letter_height
        Height of the line box in mm: the text lies in ``0 <= y <=
        letter_height`` and runs from x = 0 to ``text_advance(text) *
        letter_height``.

    Returns
    -------
    shapely.geometry.Polygon or MultiPolygon
        Valid, non-overlapping polygons with holes for the counters; empty
        when the text has no visible glyph.

    Raises
    ------
    MissingGlyphError
        When a character has no glyph.
    """
    placed = []
    cursor = 0.0
    for character in text:
        outline, advance = glyph_outline(character)
        if not outline.is_empty:
            placed.append(
                affinity.affine_transform(
                    outline,
                    [letter_height, 0.0, 0.0, letter_height, cursor, 0.0],
                )
            )
        cursor += advance * letter_height
    merged = unary_union(placed) if placed else Polygon()
    return shapely.make_valid(merged) if not merged.is_valid else merged


def polygons_of(geometry) -> list[Polygon]:
    """List the polygons of a Polygon, MultiPolygon or collection."""
    if geometry.is_empty:
        return []
    if isinstance(geometry, Polygon):
        return [geometry]
    return [
        part for part in getattr(geometry, "geoms", []) if isinstance(part, Polygon)
    ]
