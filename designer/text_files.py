"""Decode the text files that people write or save by hand.

Design files and catalog files reach the studio from any text editor.
Windows Notepad starts a file saved as UTF-8 with a byte-order mark (the
bytes EF BB BF), which Python's JSON and TOML parsers reject as text, so it
is dropped here before parsing.
"""

from __future__ import annotations


def decode_utf8(raw: bytes) -> str:
    """Decode ``raw`` as UTF-8 text, without a leading byte-order mark.

    Raises
    ------
    UnicodeDecodeError
        If ``raw`` is not UTF-8, such as a file saved as Windows-1252 or
        UTF-16; :func:`undecodable_line` names the line at fault.
    """
    return raw.decode("utf-8-sig")


def undecodable_line(error: UnicodeDecodeError) -> int:
    """Return the 1-based line of the first byte that ``error`` rejects."""
    return error.object[: error.start].count(b"\n") + 1
