"""Framed text labels drawn with Pillow, for text that mixes Chinese and Latin.

VTK's text actors draw a string in one font file. Droid Sans Fallback, the
Chinese font, has no ASCII digits or letters. VTK 9.7 also draws the frame
of a label in that font as a thin bar under the text. Pillow draws each run
of characters in the font that has them: DejaVu Sans for Latin text and
Droid Sans Fallback for the rest. The image gets a frame and a background
sized like those of a VTK text actor in DejaVu Sans.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData

from resources import FONTS_DIR

LATIN_FONT = FONTS_DIR / "DejaVuSans.ttf"
CJK_FONT = FONTS_DIR / "DroidSansFallbackFull.ttf"
# Space between the frame and the text, in pixels. With the frame's one pixel
# on each side, a label in DejaVu Sans at 15 px gets the frame VTK draws
# around the same text: 119 x 19 px for "Width 800 mm" (VTK 9.7).
PADDING_X = 3
PADDING_Y = 0


def is_cjk(text: str) -> bool:
    """Return whether ``text`` has a character from the CJK blocks onward."""
    return any(_is_cjk_character(character) for character in text)


def label_image(
    text: str,
    font_px: int,
    colour: tuple[int, int, int],
    background_opacity: float,
) -> np.ndarray:
    """Draw ``text`` in a frame on a white background.

    Parameters
    ----------
    text
        One line; CJK characters are drawn in Droid Sans Fallback and the
        others in DejaVu Sans.
    font_px
        Font size in pixels (VTK's font size at 72 dpi).
    colour
        RGB of the text and the frame, 0 to 255.
    background_opacity
        Opacity of the white background inside the frame, 0 to 1.

    Returns
    -------
    numpy.ndarray
        ``(height, width, 4)`` ``uint8`` RGBA image, top row first.
    """
    latin, cjk = _font(LATIN_FONT, font_px), _font(CJK_FONT, font_px)
    runs = _runs(text)
    advance = sum((cjk if in_cjk else latin).getlength(chunk) for in_cjk, chunk in runs)
    ascent, descent = latin.getmetrics()
    width = math.ceil(advance) + 2 * (PADDING_X + 1)
    height = ascent + descent + 2 * PADDING_Y + 1

    background = (255, 255, 255, round(255 * background_opacity))
    image = Image.new("RGBA", (width, height), background)
    draw = ImageDraw.Draw(image)
    x = float(PADDING_X + 1)
    baseline = PADDING_Y + 1 + ascent - 1
    for in_cjk, chunk in runs:
        font = cjk if in_cjk else latin
        draw.text((x, baseline), chunk, font=font, fill=(*colour, 255), anchor="ls")
        x += font.getlength(chunk)
    draw.rectangle((0, 0, width - 1, height - 1), outline=(*colour, 255))
    return np.asarray(image)


def to_vtk_image(rgba: np.ndarray) -> vtkImageData:
    """Turn a top-row-first ``(height, width, 4)`` image into VTK's image data."""
    height, width, _ = rgba.shape
    data = vtkImageData()
    data.SetDimensions(width, height, 1)
    # VTK's images start at the bottom row.
    pixels = np.ascontiguousarray(np.flipud(rgba).reshape(-1, 4))
    data.GetPointData().SetScalars(numpy_to_vtk(pixels, deep=True))
    return data


def _runs(text: str) -> list[tuple[bool, str]]:
    """Split ``text`` into runs of CJK and of other characters, in order."""
    runs: list[tuple[bool, str]] = []
    for character in text:
        in_cjk = _is_cjk_character(character)
        if runs and runs[-1][0] == in_cjk:
            runs[-1] = (in_cjk, runs[-1][1] + character)
        else:
            runs.append((in_cjk, character))
    return runs


def _is_cjk_character(character: str) -> bool:
    # From the CJK Radicals Supplement (U+2E80) onward, which includes the
    # full-width brackets and punctuation that DejaVu Sans lacks.
    return ord(character) > 0x2E7F


@cache
def _font(path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)
