"""Where Qt wraps a text, to check that a number stays with its unit."""

from __future__ import annotations

import itertools
import re

from PySide6.QtGui import QTextLayout, QTextOption

WRAP_MODES = (
    QTextOption.WrapMode.WordWrap,
    QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere,
)

KEPT_TOGETHER = re.compile(
    r"EUR[ \u00a0]-?[\d.,]*\d|\d+(?:\.\d+)?[ \u00a0](?:mm|kg|公斤|EUR)"
)
"""An amount with its currency code, or a number with its unit, as the
studio's and the kiosk's messages show them."""


def line_starts(text: str, font, width: int, mode) -> list[int]:
    """Return where each line of ``text`` starts when Qt wraps it at
    ``width`` pixels in ``font``, as a word-wrapping list item does."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(mode)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts


def split_pairs(text: str, font, widths=range(150, 700, 3)) -> list[str]:
    """Return a description of each place where Qt wraps ``text`` inside a
    match of :data:`KEPT_TOGETHER`, at any of ``widths`` pixels in ``font``.

    The widths start where a number and its unit fit on one line, because
    a narrower line wraps even inside a word.
    """
    pairs = [match.span() for match in KEPT_TOGETHER.finditer(text)]
    split = []
    for width, mode in itertools.product(widths, WRAP_MODES):
        for start in line_starts(text, font, width, mode):
            split.extend(
                f"{text[a:b]!r} at {width} px" for a, b in pairs if a < start < b
            )
    return split
