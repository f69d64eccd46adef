"""Line breaking of the specification sheet in English and Chinese.

reportlab 5.1 wraps text with ``wordWrap="CJK"`` between any two
characters. It keeps one closing mark from starting a line by letting it
hang in the margin, but its list of such marks
(``reportlab.lib.textsplit.ALL_CANNOT_START``) lacks the full-width comma,
semicolon and colon, and it splits Latin words and numbers anywhere. Chinese
typography keeps closing marks from starting a line and opening brackets
from ending one. ``SheetParagraph`` breaks lines by those rules instead, and
keeps Latin words, such as part ids, whole unless one is wider than a line.
Its lists of marks follow the Simplified Chinese defaults of Office Open
XML's ``w:kinsoku`` setting (ECMA-376 Part 4).

:func:`designer.unit_spacing.keep_units` joins a number to its unit,
tolerance or measure word, and the numbers of a size, with no-break spaces,
at which neither these rules nor reportlab's wrapping of Latin text break,
so "10 mm" stays on one line in both languages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reportlab.platypus.paragraph import (
    Paragraph,
    ParaLines,
    cjkU,
    makeCJKParaLine,
)
from reportlab.rl_config import _FUZZ

from designer.unit_spacing import NO_BREAK_SPACE

CANNOT_START = (
    # Chinese closing marks: comma, full stop, enumeration comma, semicolon,
    # colon, question and exclamation marks, closing brackets and quotes.
    "，。、；：？！）》」』】〕〉〗〞”’…·～％"
    # Their Latin counterparts, and signs that follow a number.
    ",.;:?!)]}%°″′‰℃"
)
"""Characters that may not start a line."""

CANNOT_END = "（《「『【〔〈〖〝“‘([{±$£€¥￥＄"
"""Characters that may not end a line: opening brackets and quotes, and
signs that come before a number."""


def _is_wide(character: str) -> bool:
    """Return whether a line may break on either side of ``character``:
    Chinese characters and other wide or full-width signs."""
    return unicodedata.east_asian_width(character) in ("W", "F")


def may_break_before(text: str, index: int) -> bool:
    """Return whether a line of ``text`` may start at ``text[index]``.

    A line breaks after a space, or before or after a Chinese character,
    unless a mark of ``CANNOT_START`` would start the line, a sign of
    ``CANNOT_END`` would end it, or a no-break space joins the two. Spaces
    after a sign of ``CANNOT_END`` do not free it to end a line.
    Latin words and numbers are never broken here.
    """
    before, after = text[index - 1], text[index]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if NO_BREAK_SPACE in (before, after) or after.isspace():
        return False
    if before.isspace() and text[:index].rstrip()[-1:] in tuple(CANNOT_END):
        return False
    return before.isspace() or _is_wide(before) or _is_wide(after)


def break_points(text: str, widths: Sequence[float], max_widths: Sequence[float]):
    """Return where each line of ``text`` starts, the first line at 0.

    ``widths`` are the characters' widths and ``max_widths`` the lines'
    widths, the last one repeating. Each line takes as much text as fits up
    to a break that ``may_break_before`` allows. Text with no such break
    within a line's width, such as a part id wider than its column, is
    split by ``_split_overlong``.
    """
    starts = [0]
    used = 0.0
    index = 0
    while index < len(text):
        limit = max_widths[min(len(starts) - 1, len(max_widths) - 1)]
        used += widths[index]
        start = starts[-1]
        if used <= limit + _FUZZ or index == start or text[index].isspace():
            index += 1
            continue
        point = next(
            (
                point
                for point in range(index, start, -1)
                if may_break_before(text, point)
            ),
            None,
        )
        if point is None:
            point = _split_overlong(text, start, index)
        starts.append(point)
        used = 0.0
        index = point
    return starts


def _split_overlong(text: str, start: int, index: int) -> int:
    """Return where to split a line from ``start`` that has no allowed break
    before ``text[index]`` overflows it.

    The split goes after the last underscore of the line, the separator of
    part ids, unless the underscore starts the line. With no underscore the
    split moves back from ``index`` until no mark of ``CANNOT_START`` starts
    the next line and no sign of ``CANNOT_END`` ends this one, but it keeps
    at least one character on this line.
    """
    for point in range(index, start + 1, -1):
        if text[point - 1] == "_" and text[point] not in CANNOT_START:
            return point
    point = index
    while point - 1 > start and (
        text[point] in CANNOT_START or text[point - 1] in CANNOT_END
    ):
        point -= 1
    return point


class SheetParagraph(Paragraph):
    """A paragraph whose lines break where Chinese typography allows.

    It replaces reportlab's line breaking for styles with
    ``wordWrap="CJK"``. Paragraphs with bullets, inline images, anchors or
    ``<br/>`` tags keep reportlab's own breaking, because the sheet has none.
    """

    def breakLinesCJK(self, maxWidths):  # noqa: N802, N803 (reportlab's names)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        frags = self.frags
        special = any(
            hasattr(frag, "cbDefn") or hasattr(frag, "lineBreak") for frag in frags
        )
        if special or self.bulletText or not frags:
            return super().breakLinesCJK(maxWidths)
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        self.height = 0
        auto_leading = getattr(
            self, "autoLeading", getattr(self.style, "autoLeading", "")
        )
        calc_bounds = auto_leading not in ("", "off")

        glyphs = [
            cjkU(character, frag, "utf8") for frag in frags for character in frag.text
        ]
        text = "".join(glyphs)
        starts = break_points(text, [glyph.width for glyph in glyphs], maxWidths)
        lines = []
        for number, (start, end) in enumerate(
            zip(starts, [*starts[1:], len(glyphs)], strict=True)
        ):
            line = glyphs[start:end]
            while len(line) > 1 and line[-1].isspace():
                line.pop()
            width = sum(glyph.width for glyph in line)
            limit = maxWidths[min(number, len(maxWidths) - 1)]
            lines.append(
                makeCJKParaLine(line, limit, width, limit - width, False, calc_bounds)
            )
        return ParaLines(kind=1, lines=lines)
