"""No-break spaces that keep a number with its unit, in English and Chinese.

Text wraps at spaces, so "120 mm" at the end of a narrow line can leave
"mm" alone on the next one. ``keep_units`` joins a number to what reads
with it by no-break spaces (U+00A0), at which neither Qt's text layout nor
the specification sheet's line breaking ever breaks a line. It is applied
where a text is shown; the text stored or logged keeps its plain spaces.
"""

from __future__ import annotations

import re
from functools import cache

from designer.currencies import load_currencies

NO_BREAK_SPACE = "\u00a0"

MEASURE_WORDS = "个块道片根颗套件张条只把副对组处层扇"
"""Chinese measure words that follow a count, as in "9 个孔"."""

CHINESE_UNITS = ("克拉", "千克", "公斤", "克", "毫米", "厘米", "米", "度")
"""Chinese unit words that follow a number, as in "2 克拉" or "30 公斤"."""

_UNIT = re.compile(
    r"(?<=\d) (?="
    r"(?:mm[²³23]?|cm|m[²³]|m|kg|g|ct|%|°)(?![A-Za-z0-9])"
    rf"|±\d|[{MEASURE_WORDS}]|{'|'.join(CHINESE_UNITS)})"
)
"""A space between a number and its unit, tolerance or measure word."""

_SIZE = re.compile(r"(?<=\d) ([x×]) (?=\d)")
"""The spaces around "x" in a size such as "M8 x 100"."""


@cache
def _currency_code() -> re.Pattern[str]:
    """Return the pattern of a space between an amount and its currency code.

    The codes are those of the currency table, on either side of the amount,
    as in "EUR 36.00" and "36.00 EUR".
    """
    codes = "|".join(sorted(load_currencies()))
    return re.compile(
        rf"(?<![A-Za-z])(?:{codes}) (?=[-+−]?\d)|(?<=\d) (?=(?:{codes})(?![A-Za-z]))"
    )


def keep_units(text: str) -> str:
    """Join each number to what reads with it by no-break spaces.

    A number keeps its unit, tolerance and Chinese measure word, an amount
    keeps its currency code, and the numbers of a size stay together. For
    example, ``"深 10 mm"`` becomes ``"深 10\\u00a0mm"``, ``"2 克拉的钻石"``
    becomes ``"2\\u00a0克拉的钻石"``, ``"EUR 36.00"`` becomes
    ``"EUR\\u00a036.00"`` and ``"M8 x 100 mm"`` becomes
    ``"M8\\u00a0x\\u00a0100\\u00a0mm"``. Only those spaces change, so
    replacing each no-break space by a space gives ``text`` back when it had
    none.
    """
    text = _SIZE.sub(rf"{NO_BREAK_SPACE}\1{NO_BREAK_SPACE}", text)
    text = _currency_code().sub(_join, text)
    return _UNIT.sub(NO_BREAK_SPACE, text)


def _join(match: re.Match[str]) -> str:
    return match.group().replace(" ", NO_BREAK_SPACE)
