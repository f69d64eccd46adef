"""Characters that can be engraved inside a band.

The engraver cuts Latin letters (with their accents), the digits 0-9,
Chinese characters (CJK Unified Ideographs), spaces and a short list of
punctuation, each only where a shipped engraving font has its glyph. The
Chinese font has the main block's U+4E00 to U+9FA5 but no rarer ones, such
as those of the extension blocks (𠀀, 𪚥). Text is checked after Unicode NFC
normalisation, so an accent typed as a separate combining mark counts as the
accented letter.
"""

from __future__ import annotations

import unicodedata

ENGRAVING_PUNCTUATION = frozenset(" .,&'-♥")
"""Space and the punctuation marks the engraver can cut."""

ENGRAVING_ALLOWED_DESCRIPTION = (
    "letters (Latin, including accented letters), digits 0-9, Chinese "
    "characters (CJK Unified Ideographs), spaces and . , & ' - ♥"
)
"""Plain-English list of the allowed characters, for help text."""


def _is_allowed(character: str) -> bool:
    if character in ENGRAVING_PUNCTUATION or "0" <= character <= "9":
        return True
    if not unicodedata.category(character).startswith("L"):
        return False
    name = unicodedata.name(character, "")
    return name.startswith(("LATIN ", "CJK UNIFIED IDEOGRAPH-"))


def disallowed_characters(text: str) -> list[str]:
    """List the characters of ``text`` that cannot be engraved.

    Parameters
    ----------
    text
        Engraving text; it is NFC-normalised first.

    Returns
    -------
    list of str
        Each rejected character once, in order of first appearance; empty
        when the whole text can be engraved.
    """
    normalised = unicodedata.normalize("NFC", text)
    return list(dict.fromkeys(ch for ch in normalised if not _is_allowed(ch)))


def missing_glyphs(text: str) -> list[str]:
    """List the allowed characters of ``text`` that no engraving font has.

    Returns
    -------
    list of str
        Each such character once, in order of first appearance, after NFC
        normalisation; characters that ``disallowed_characters`` lists are
        left out.
    """
    normalised = unicodedata.normalize("NFC", text)
    if not normalised.strip():
        return []
    # Imported here: the glyph module loads fontTools and shapely, which the
    # rules engine's functions would otherwise pull into the window's start.
    from models3d.glyphs import has_glyph

    return list(
        dict.fromkeys(ch for ch in normalised if _is_allowed(ch) and not has_glyph(ch))
    )


def engraving_length(text: str, letter_height: float) -> float:
    """Return the length in mm of ``text`` laid out at ``letter_height`` (mm).

    The text is NFC-normalised and stripped, as the generators cut it.
    Characters without a glyph in an engraving font add nothing, because
    ``missing_glyphs`` reports them.
    """
    normalised = unicodedata.normalize("NFC", text).strip()
    if not normalised:
        return 0.0
    # Imported here for the same reason as in missing_glyphs.
    from models3d.glyphs import has_glyph, text_advance

    drawable = "".join(ch for ch in normalised if has_glyph(ch))
    return text_advance(drawable) * letter_height


def is_engravable(text: str) -> bool:
    """Check that every character of ``text`` can be engraved.

    An empty text is engravable. See ``ENGRAVING_ALLOWED_DESCRIPTION`` for
    the accepted characters, which also need a glyph in an engraving font.
    """
    return not disallowed_characters(text) and not missing_glyphs(text)


def character_list(characters: list[str]) -> str:
    """Return characters for a message: each quoted, with its code point.

    An invisible character such as a line break shows as its escape
    (``'\\n' (U+000A)``).
    """
    return ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in characters)
