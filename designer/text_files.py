"""Decode the text files that people write or save by hand.

Design files and catalog files reach the studio from any text editor.
Windows Notepad starts a file saved as UTF-8 with a byte-order mark (the
bytes EF BB BF), which Python's JSON and TOML parsers reject as text, so it
is dropped here before parsing. A file that an editor saved twice that way
can start with two marks, and both are dropped.
"""

from __future__ import annotations

BYTE_ORDER_MARK = "\ufeff"


def decode_utf8(raw: bytes) -> str:
    """Decode ``raw`` as UTF-8 text, without leading byte-order marks.

    A NUL byte counts as not UTF-8 text. UTF-8 allows it, but JSON and
    TOML reject it anyway, while UTF-16 without a byte-order mark has one
    in every ASCII character.

    Raises
    ------
    UnicodeDecodeError
        If ``raw`` is not UTF-8, such as a file saved as Windows-1252 or
        UTF-16, or contains a NUL byte; :func:`undecodable_line` names the
        line at fault.
    """
    nul = raw.find(b"\0")
    if nul >= 0:
        raise UnicodeDecodeError("utf-8", raw, nul, nul + 1, "NUL byte in text")
    return raw.decode("utf-8-sig").lstrip(BYTE_ORDER_MARK)


def undecodable_line(error: UnicodeDecodeError) -> int:
    """Return the 1-based line of the first byte that ``error`` rejects."""
    return error.object[: error.start].count(b"\n") + 1
