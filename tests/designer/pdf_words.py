"""Words of a PDF page with their boxes, as poppler's pdftotext finds them."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    """A word of a page and its box in points, y growing down the page."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


def page_words(pdf: Path, page: int = 1) -> list[Word]:
    """Return the words of ``page`` (from 1) of ``pdf`` in reading order."""
    output = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        Word(
            element.text or "",
            float(element.get("xMin")),
            float(element.get("yMin")),
            float(element.get("xMax")),
            float(element.get("yMax")),
        )
        for element in ElementTree.fromstring(output).iter(f"{XHTML}word")
    ]


def pieces_of(words: list[Word], text: str) -> list[Word]:
    """Return the words that show ``text`` line by line, from the top of the
    page down, each perhaps ending with a hyphen added at a line break.

    The first run of words that spells all of ``text`` is returned, or no
    word where none does.
    """
    candidates = sorted(
        (word for word in words if word.text.removesuffix("-") in text),
        key=lambda word: (word.y_min, word.x_min),
    )
    for first in range(len(candidates)):
        pieces: list[Word] = []
        rest = text
        for word in candidates[first:]:
            piece = word.text.removesuffix("-")
            if not piece or not rest.startswith(piece):
                break
            pieces.append(word)
            rest = rest[len(piece) :]
            if not rest:
                return pieces
    return []


def joined(pieces: list[Word]) -> str:
    """Return the text of ``pieces`` with the hyphens at line ends left out."""
    return "".join(piece.text.removesuffix("-") for piece in pieces)
