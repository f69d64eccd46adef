"""Characters that can be engraved inside a band.

The engraver cuts Latin letters (with their accents), the digits 0-9,
Chinese characters from the CJK Unified Ideographs block, spaces and a short
list of punctuation. Text is checked after Unicode NFC normalisation, so an
accent typed as a separate combining mark counts as the accented letter.
"""

from __future__ import annotations

import unicodedata

ENGRAVING_PUNCTUATION = frozenset(" .,&'-♥")
"""Space and the punctuation marks the engraver can cut."""

# The main CJK Unified Ideographs block, U+4E00 to U+9FFF.
_CJK_FIRST = 0x4E00
_CJK_LAST = 0x9FFF

ENGRAVING_ALLOWED_DESCRIPTION = (
    "letters (Latin, including accented letters), digits 0-9, Chinese "
    "characters (CJK Unified Ideographs), spaces and . , & ' - ♥"
)
"""Plain-English list of the allowed characters, for help text."""


def _is_allowed(character: str) -> bool:
    if character in ENGRAVING_PUNCTUATION or "0" <= character <= "9":
        return True
    if _CJK_FIRST <= ord(character) <= _CJK_LAST:
        return True
    if not unicodedata.category(character).startswith("L"):
        return False
    return unicodedata.name(character, "").startswith("LATIN ")


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


def is_engravable(text: str) -> bool:
    """Check that every character of ``text`` can be engraved.

    An empty text is engravable. See ``ENGRAVING_ALLOWED_DESCRIPTION`` for
    the accepted characters.
    """
    return not disallowed_characters(text)
