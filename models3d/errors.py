"""Errors of the generators that carry their data, for a window to word.

The preview builds in a child process, which sends an error back pickled.
Each error here keeps its data through pickling, so the window can word
the common ones in the interface language. ``str()`` is the English text.
This module imports nothing heavy, so the window can import it before the
first build.
"""

from __future__ import annotations

# Kinds of EngravingError: text too long for a ring's bore, or too large
# for a pendant's back.
BORE = "bore"
BACK = "back"


class DimensionError(ValueError):
    """A missing or invalid value in a generator's dimensions.

    Attributes
    ----------
    generator
        Generator that rejected the value, for example ``"ring"``.
    name
        Name of the dimension, for example ``"depth"``.
    reason
        The error that made the value invalid, such as an
        :class:`EngravingError` for an engraving, or ``None``.
    """

    def __init__(
        self,
        generator: str,
        name: str,
        message: str,
        reason: ValueError | None = None,
    ) -> None:
        self.generator = generator
        self.name = name
        self.message = message
        self.reason = reason
        super().__init__(f"{generator} generator: {message}")

    def __reduce__(self):
        # The default would call __init__ with the full text only.
        return (type(self), (self.generator, self.name, self.message, self.reason))


class MissingGlyphError(ValueError):
    """A character that no shipped font can draw.

    Attributes
    ----------
    character
        The character without a glyph.
    fonts
        The file names of the fonts searched.
    """

    def __init__(self, character: str, fonts: tuple[str, ...]) -> None:
        self.character = character
        self.fonts = tuple(fonts)
        super().__init__(
            f"no glyph for {character!r} (U+{ord(character):04X}) in "
            f"{', '.join(self.fonts)}; remove the character from the engraving"
        )

    def __reduce__(self):
        return (type(self), (self.character, self.fonts))


class EngravingError(ValueError):
    """An engraving that cannot be cut as requested.

    Attributes
    ----------
    kind
        ``BORE`` for a text too long for a ring's bore, ``BACK`` for one
        too large for a pendant's back.
    text
        The engraving.
    length, letter_height
        The text's length and letter height in mm.
    room
        For ``BORE``, the bore's circumference in mm. For ``BACK``, the
        margin in mm that the text must keep from the back's edge.
    share
        For ``BORE``, the largest share of the circumference that one
        engraving may cover.
    """

    def __init__(
        self,
        kind: str,
        text: str,
        length: float,
        letter_height: float,
        room: float,
        share: float = 1.0,
    ) -> None:
        self.kind = kind
        self.text = text
        self.length = length
        self.letter_height = letter_height
        self.room = room
        self.share = share
        super().__init__(self._english())

    def __reduce__(self):
        fields = (self.text, self.length, self.letter_height, self.room, self.share)
        return (type(self), (self.kind, *fields))

    def _english(self) -> str:
        if self.kind == BORE:
            return (
                f"the engraving {self.text!r} is {self.length:.1f} mm long at a "
                f"letter height of {self.letter_height:g} mm, but the bore is only "
                f"{self.room:.1f} mm around and at most {self.share:.0%} of it "
                "can be engraved; shorten the text, or choose a narrower band, whose "
                "letters are smaller"
            )
        return (
            f"the engraving {self.text!r} is {self.length:.1f} mm long and "
            f"{self.letter_height:g} mm high, which does not fit on the back with "
            f"{self.room} mm to spare; shorten the text or choose a larger pendant"
        )
