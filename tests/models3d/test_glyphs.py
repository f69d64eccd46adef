"""Glyph outlines from the shipped fonts."""

import pytest
from shapely.geometry import Point, Polygon

from models3d.engraving import ENGRAVING_PUNCTUATION
from models3d.glyphs import (
    BASELINE_FRACTION,
    FLATTENING_TOLERANCE_EM,
    MissingGlyphError,
    _fill_nonzero,
    _FlatteningPen,
    _fonts,
    font_names,
    glyph_outline,
    polygons_of,
    text_advance,
    text_outline,
)

SAMPLE_CHARACTERS = "AZaz09éÉßŁøÆ永恒爱回一" + "".join(
    sorted(ENGRAVING_PUNCTUATION - {" "})
)


@pytest.mark.parametrize("character", SAMPLE_CHARACTERS)
def test_glyph_inside_line_box(character):
    outline, advance = glyph_outline(character)
    assert not outline.is_empty
    assert outline.is_valid
    low_x, low_y, high_x, high_y = outline.bounds
    assert 0.0 <= low_y
    assert high_y <= 1.0
    assert advance > 0


@pytest.mark.parametrize(("character", "holes"), [("o", 1), ("B", 2), ("回", 2)])
def test_counters_stay_open(character, holes):
    outline, _ = glyph_outline(character)
    assert sum(len(p.interiors) for p in polygons_of(outline)) == holes


def test_nested_boxes_kept_apart():
    # 回 is a square stroke inside another: two rings, the inner one lying
    # in the outer one's hole, and nothing filled between them.
    outline, _ = glyph_outline("回")
    outer, inner = sorted(polygons_of(outline), key=lambda p: -p.area)
    assert Polygon(outer.interiors[0]).contains(inner)
    low_x, low_y, high_x, high_y = outline.bounds
    centre = Point((low_x + high_x) / 2, (low_y + high_y) / 2)
    assert not outline.contains(centre)


def test_overlapping_strokes_merge():
    # Droid's 永 draws crossing strokes; the non-zero fill leaves no hole.
    outline, _ = glyph_outline("永")
    assert sum(len(p.interiors) for p in polygons_of(outline)) == 0


def test_latin_and_chinese_share_baseline():
    latin, _ = glyph_outline("H")
    chinese, _ = glyph_outline("永")
    assert latin.bounds[1] == pytest.approx(BASELINE_FRACTION, abs=1e-9)
    # Ideographs sit in an em box that reaches a little below the baseline;
    # their middle lines up with a capital's.
    latin_middle = (latin.bounds[1] + latin.bounds[3]) / 2
    chinese_middle = (chinese.bounds[1] + chinese.bounds[3]) / 2
    assert chinese_middle == pytest.approx(latin_middle, abs=0.05)


def test_space_has_advance_only():
    outline, advance = glyph_outline(" ")
    assert outline.is_empty
    assert advance > 0.2


def test_missing_glyph_names_character():
    with pytest.raises(MissingGlyphError, match="U\\+13000") as caught:
        glyph_outline("\U00013000")
    assert caught.value.character == "\U00013000"


def test_text_outline_scales_with_letter_height():
    small = text_outline("Forever 永恒", 1.0)
    large = text_outline("Forever 永恒", 2.0)
    assert large.area == pytest.approx(4 * small.area, rel=1e-9)
    low_x, low_y, high_x, high_y = large.bounds
    assert low_y >= 0.0
    assert high_y <= 2.0
    assert high_x <= text_advance("Forever 永恒") * 2.0


def test_curves_flattened_within_tolerance():
    # The area between the flattened outline and a 100 times finer one is at
    # most the tolerance times the perimeter.
    font = _fonts()[0]
    glyph = font.glyph_set[font.cmap[ord("O")]]
    areas, perimeters = [], []
    for tolerance in (FLATTENING_TOLERANCE_EM, FLATTENING_TOLERANCE_EM / 100):
        pen = _FlatteningPen(font.glyph_set, tolerance * font.units_per_em)
        glyph.draw(pen)
        outline = _fill_nonzero(pen.contours)
        areas.append(outline.area / font.units_per_em**2)
        perimeters.append(outline.length / font.units_per_em)
    assert len(pen.contours) == 2
    assert abs(areas[0] - areas[1]) <= FLATTENING_TOLERANCE_EM * perimeters[1]
    assert areas[0] != areas[1]


def test_font_names_latin_then_chinese():
    assert font_names("Forever 永恒") == ["DejaVu Sans", "Droid Sans Fallback"]


def test_font_names_ignore_spaces():
    assert font_names("  ") == []
    assert font_names("永 恒") == ["Droid Sans Fallback"]


def test_font_names_reject_missing_glyph():
    with pytest.raises(MissingGlyphError):
        font_names("A\U00013000")
