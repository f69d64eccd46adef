"""Word why a preview could not be built, in the interface language.

The generators in ``models3d`` raise English errors. The ones a customer
can cause, such as an engraving too long for the band or a character no
font has, carry their data (:mod:`models3d.errors`), so this module words
them in full. Any other reason is shown in English, inside a sentence in
the interface language that explains what happened and what to do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain_text import error_text
from app.geometry import GeometryProcessStopped
from models3d.errors import BORE, DimensionError, EngravingError, MissingGlyphError


def build_failure_text(error: BaseException) -> str:
    """Return the notice for a preview that ``error`` stopped."""
    translate = QCoreApplication.translate
    reason = known_reason(error)
    if reason is None:
        # NOTE: any other error's reason stays the generator's English text.
        # Only the sentence around it, with what to do, is translated.
        return translate(
            "BuildFailure",
            "The preview could not be built: {reason}. Undo the last change or "
            "choose another value.",
        ).format(reason=error_text(error).rstrip("."))
    return translate("BuildFailure", "The preview could not be built: {reason}").format(
        reason=reason
    )


def known_reason(error: BaseException) -> str | None:
    """Return the reason for an error this module words in full, else ``None``."""
    translate = QCoreApplication.translate
    if isinstance(error, MissingGlyphError):
        return translate(
            "BuildFailure",
            "no font can engrave the character {character} (U+{code:04X}); remove "
            "it from the engraving.",
        ).format(character=error.character, code=ord(error.character))
    if isinstance(error, EngravingError):
        return _engraving_reason(error)
    if isinstance(error, DimensionError) and error.reason is not None:
        reason = known_reason(error.reason)
        if reason is not None:
            return reason
    if isinstance(error, DimensionError):
        # NOTE: ``details`` stays the generator's English text.
        return translate(
            "BuildFailure",
            "the {generator} generator rejected the value of {name}, which the "
            "catalog allowed. Choose another value, and tell the catalog's "
            "designer: {details}",
        ).format(generator=error.generator, name=error.name, details=error.message)
    if isinstance(error, GeometryProcessStopped):
        return translate(
            "BuildFailure",
            "the process that builds the preview stopped unexpectedly. Change "
            "the value again to retry.",
        )
    return None


def _engraving_reason(error: EngravingError) -> str:
    translate = QCoreApplication.translate
    values = {
        "text": repr(error.text),
        "length": f"{error.length:.1f}",
        "height": f"{error.letter_height:g}",
    }
    if error.kind == BORE:
        return translate(
            "BuildFailure",
            "the engraving {text} is {length} mm long at a letter height of "
            "{height} mm, but at most {share}% of the {around} mm around the "
            "inside of the band can be engraved. Shorten the text, or choose a "
            "narrower band, whose letters are smaller.",
        ).format(
            share=round(error.share * 100),
            around=f"{error.room:.1f}",
            **values,
        )
    return translate(
        "BuildFailure",
        "the engraving {text} is {length} mm long and {height} mm high, which "
        "does not fit on the back with {margin} mm to spare. Shorten the text "
        "or choose a larger pendant.",
    ).format(margin=f"{error.room:g}", **values)
