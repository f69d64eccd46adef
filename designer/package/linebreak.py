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

A word wider than its line, in either language, breaks after an underscore,
hyphen, slash or dot, or between a lower-case and an upper-case letter.
A word with none of those breaks between two letters or digits, and its
line ends with a hyphen. reportlab would cut such a word at the line's
width, with no hyphen.

:func:`designer.unit_spacing.keep_units` joins a number to its unit,
tolerance or measure word, and the numbers of a size, with no-break spaces,
at which neither these rules nor reportlab's wrapping of Latin text break,
so "10 mm" stays on one line in both languages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
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

HYPHEN = "-"
"""The sign that ends a line inside a word that has no place to break."""

SPLIT_AFTER = "_-/."
"""Characters after which a word wider than its line breaks with no hyphen:
the separators of part ids, compound words, paths and file names."""


def _is_wide(character: str) -> bool:
    """Return whether a line may break on either side of ``character``:
    Chinese characters and other wide or full-width signs."""
    return unicodedata.east_asian_width(character) in ("W", "F")


def may_break_before(text: str, index: int) -> bool:
    """Return whether a line of ``text`` may start at ``text[index]``.

    A line breaks after a space, or before or after a Chinese character,
    unless a mark of ``CANNOT_START`` or a combining mark would start the
    line, a sign of ``CANNOT_END`` would end it, or a no-break space joins
    the two. Spaces
    after a sign of ``CANNOT_END`` do not free it to end a line.
    Latin words and numbers are never broken here.
    """
    before, after = text[index - 1], text[index]
    if after in CANNOT_START or before in CANNOT_END or _joins_previous(after):
        return False
    if NO_BREAK_SPACE in (before, after) or after.isspace():
        return False
    if before.isspace() and text[:index].rstrip()[-1:] in tuple(CANNOT_END):
        return False
    return before.isspace() or _is_wide(before) or _is_wide(after)


def may_split_word(text: str, index: int) -> bool:
    """Return whether a word wider than its line may break before
    ``text[index]`` with no hyphen added.

    Such a word breaks after a sign of ``SPLIT_AFTER`` and between a
    lower-case and an upper-case letter, as in "BelovedWife". It also
    breaks after a no-break space, so a size such as "1800.0 x 900.0 x
    30.0", whose numbers ``keep_units`` joins, breaks between its numbers
    rather than inside one. It does not break at a decimal point, before a
    mark of ``CANNOT_START``, after a sign of ``CANNOT_END`` or before a
    combining mark.
    """
    before, after = text[index - 1], text[index]
    if after in CANNOT_START or before in CANNOT_END or _joins_previous(after):
        return False
    if _is_decimal_point(text, index - 1):
        return False
    if before == NO_BREAK_SPACE:
        # A size's "x" ends a line rather than starting the next.
        return not (after in "x×" and text[index + 1 : index + 2] == NO_BREAK_SPACE)
    return before in SPLIT_AFTER or (before.islower() and after.isupper())


def _joins_previous(character: str) -> bool:
    """Return whether ``character`` belongs with the one before it: a
    combining mark, such as the accent of a decomposed "é", a variation
    selector or a zero-width joiner."""
    return (
        unicodedata.combining(character) != 0
        or unicodedata.category(character) in ("Mn", "Me")
        or "\ufe00" <= character <= "\ufe0f"
        or character == "\u200d"
    )


def _is_breaking_space(character: str) -> bool:
    """Return whether ``character`` is a space that reportlab breaks at."""
    return character.isspace() and character != NO_BREAK_SPACE


def _is_decimal_point(text: str, index: int) -> bool:
    """Return whether ``text[index]`` is a point between two digits."""
    return (
        0 < index < len(text) - 1
        and text[index] == "."
        and text[index - 1].isdigit()
        and text[index + 1].isdigit()
    )


def needs_hyphen(text: str, index: int) -> bool:
    """Return whether a line that ends before ``text[index]`` ends with a
    hyphen: it splits a Latin word between two letters or digits where
    ``may_split_word`` finds no break."""
    if not 0 < index < len(text):
        return False
    before, after = text[index - 1], text[index]
    in_word = all(
        character.isalnum() and not _is_wide(character) for character in (before, after)
    )
    return in_word and not may_split_word(text, index)


def break_points(
    text: str,
    widths: Sequence[float],
    max_widths: Sequence[float],
    hyphen_widths: Sequence[float] | None = None,
) -> list[int]:
    """Return where each line of ``text`` starts, the first line at 0.

    ``widths`` are the characters' widths and ``max_widths`` the lines'
    widths, the last one repeating. ``hyphen_widths`` are the widths of a
    hyphen set after each character, none by default. Each line takes as
    much text as fits up to a break that ``may_break_before`` allows. Text
    with no such break within a line's width, such as a part id wider than
    its column, is split by ``_split_overlong``, and the line ends with a
    hyphen where ``needs_hyphen`` says so.
    """
    if hyphen_widths is None:
        hyphen_widths = [0.0] * len(text)
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
            point = _split_overlong(text, widths, hyphen_widths, start, index, limit)
        starts.append(point)
        used = 0.0
        index = point
    return starts


def _split_overlong(
    text: str,
    widths: Sequence[float],
    hyphen_widths: Sequence[float],
    start: int,
    index: int,
    limit: float,
) -> int:
    """Return where to split a line from ``start`` that has no allowed break
    before ``text[index]`` overflows it.

    The split goes at the last place of the line where ``may_split_word``
    allows one, such as after an underscore, the separator of part ids,
    unless that place would leave a single character on this line. Without
    one the split moves back from ``index`` until the line and its hyphen
    fit ``limit``, no mark of ``CANNOT_START`` starts the next line and no
    sign of ``CANNOT_END`` ends this one. It moves back one more character
    where the word's last letter would start the next line alone. Either
    way it keeps at least one character on this line.
    """
    for point in range(index, start + 1, -1):
        if may_split_word(text, point):
            return point
    point = index
    while point - 1 > start and (
        text[point] in CANNOT_START
        or text[point - 1] in CANNOT_END
        or _joins_previous(text[point])
        or _is_decimal_point(text, point - 1)
        or (
            needs_hyphen(text, point)
            and sum(widths[start:point]) + hyphen_widths[point - 1] > limit + _FUZZ
        )
    ):
        point -= 1
    if (
        point - 2 > start
        and needs_hyphen(text, point)
        and not needs_hyphen(text, point + 1)
    ):
        point -= 1
    return point


class SheetParagraph(Paragraph):
    """A paragraph whose lines break where Chinese typography allows.

    It replaces reportlab's line breaking for styles with
    ``wordWrap="CJK"``. Paragraphs of other styles keep reportlab's breaking
    at spaces unless a word is wider than a line. Then the whole paragraph
    breaks where ``break_points`` returns, so the word splits by its rules.
    Paragraphs with bullets, inline images, anchors or ``<br/>`` tags keep
    reportlab's own breaking, because the sheet has none.
    """

    def breakLines(self, width):  # noqa: N802 (reportlab's name)
        lines = self._sheet_lines(width, words_split_only=True)
        return super().breakLines(width) if lines is None else lines

    def breakLinesCJK(self, maxWidths):  # noqa: N802, N803 (reportlab's names)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        lines = self._sheet_lines(maxWidths, words_split_only=False)
        return super().breakLinesCJK(maxWidths) if lines is None else lines

    def _sheet_lines(self, max_widths, words_split_only: bool) -> ParaLines | None:
        """Return the lines broken by ``break_points``, or ``None`` where
        reportlab breaks them: paragraphs with bullets, images, anchors or
        ``<br/>`` tags, and with ``words_split_only``, paragraphs whose
        lines all break at spaces."""
        frags = self.frags
        special = any(
            hasattr(frag, "cbDefn") or hasattr(frag, "lineBreak") for frag in frags
        )
        if special or self.bulletText or not frags:
            return None
        if not isinstance(max_widths, list | tuple):
            max_widths = [max_widths]
        if words_split_only and _fits_one_line(frags, max_widths):
            return None

        glyphs = [
            cjkU(character, frag, "utf8") for frag in frags for character in frag.text
        ]
        text = "".join(glyphs)
        hyphen_by_frag = {id(frag): self._hyphen(frag) for frag in frags}
        hyphens = [hyphen_by_frag[id(glyph.frag)] for glyph in glyphs]
        starts = break_points(
            text,
            [glyph.width for glyph in glyphs],
            max_widths,
            [hyphen.width for hyphen in hyphens],
        )
        if words_split_only and all(
            _is_breaking_space(text[start - 1]) for start in starts[1:]
        ):
            return None

        self.height = 0
        auto_leading = getattr(
            self, "autoLeading", getattr(self.style, "autoLeading", "")
        )
        calc_bounds = auto_leading not in ("", "off")
        lines = []
        for number, (start, end) in enumerate(
            zip(starts, [*starts[1:], len(glyphs)], strict=True)
        ):
            line = glyphs[start:end]
            while len(line) > 1 and line[-1].isspace():
                line.pop()
            if needs_hyphen(text, end):
                line.append(hyphens[end - 1])
            width = sum(glyph.width for glyph in line)
            limit = max_widths[min(number, len(max_widths) - 1)]
            lines.append(
                makeCJKParaLine(line, limit, width, limit - width, False, calc_bounds)
            )
        return ParaLines(kind=1, lines=lines)

    def _hyphen(self, frag) -> cjkU:
        """Return a hyphen in the font of ``frag``, or in the style's font
        where that font has none, as Droid Sans Fallback has none."""
        if not _has_glyph(frag.fontName, HYPHEN):
            frag = frag.clone(fontName=self.style.fontName)
        return cjkU(HYPHEN, frag, "utf8")


def _has_glyph(font_name: str, character: str) -> bool:
    """Return whether the font registered as ``font_name`` draws
    ``character``. Fonts without a TrueType face, the PDF base fonts and
    CID fonts, are assumed to draw it."""
    face = getattr(getFont(font_name), "face", None)
    char_to_glyph = getattr(face, "charToGlyph", None)
    return char_to_glyph is None or ord(character) in char_to_glyph


def _fits_one_line(frags, max_widths: Sequence[float]) -> bool:
    """Return whether the text of ``frags`` fits the narrowest line."""
    width = sum(stringWidth(frag.text, frag.fontName, frag.fontSize) for frag in frags)
    return width <= min(max_widths) + _FUZZ
