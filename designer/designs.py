"""Design files: JSON with the product id and a value for each parameter.

A design file looks like::

    {"format": "atelier-design/1", "product": "ring-band",
     "values": {"size": "US 7", "width": 4.0}, "chosen": ["size"]}

``values`` may leave parameters out (they take their defaults); ``chosen``
lists the parameters the customer set, which the studio keeps when it
adjusts others to satisfy the rules.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designer.atomic import write_bytes_atomic
from designer.catalog import Catalog, CatalogModel
from designer.text_files import decode_utf8, undecodable_line
from rules.text import RuleText
from storage.messages import (
    QT_TRANSLATE_NOOP,
    Lines,
    Message,
    TranslatableError,
    message,
)
from storage.os_errors import os_error_reason
from storage.output_paths import check_output_file

FORMAT = "atelier-design/1"
# Largest design file read, in bytes. A design that Atelier saves is a few
# kilobytes, so a larger file is not a design, and reading it whole could
# take the memory of a kiosk.
MAX_DESIGN_BYTES = 1_000_000


class DesignFileError(TranslatableError, ValueError):
    """A design file that cannot be used; ``field`` names the part at fault.

    ``reason`` is a marked message, a rules engine's :class:`RuleText`, or
    plain English text (a message from the catalog), which the window
    shows as it is.
    """

    def __init__(
        self, path: Path | str, field_name: str, reason: str | Message | RuleText
    ) -> None:
        if not isinstance(reason, (Message, RuleText)):
            reason = Message(reason)
        if field_name:
            super().__init__(
                QT_TRANSLATE_NOOP("DesignFiles", "{path}: {field}: {reason}"),
                path=str(path),
                field=field_name,
                reason=reason,
            )
        else:
            super().__init__(
                QT_TRANSLATE_NOOP("DesignFiles", "{path}: {reason}"),
                path=str(path),
                reason=reason,
            )
        self.path = Path(path)
        self.field = field_name
        self.reason = str(reason)


class DesignValuesError(DesignFileError):
    """Several parts of one design file that cannot be used.

    ``errors`` contains a :class:`DesignFileError` for each part: unknown
    names in ``values``, then in ``chosen``, then rejected values in
    parameter order. ``field`` names every part, separated by commas.
    """

    def __init__(self, path: Path | str, errors: list[DesignFileError]) -> None:
        problems = Lines(
            message(
                QT_TRANSLATE_NOOP("DesignFiles", "- {field}: {reason}"),
                field=error.field,
                reason=error.message.values["reason"],
            )
            for error in errors
        )
        TranslatableError.__init__(
            self,
            QT_TRANSLATE_NOOP(
                "DesignFiles",
                "{path}: {count} values are invalid; correct each one in the "
                "file:\n{problems}",
            ),
            path=str(path),
            count=len(errors),
            problems=problems,
        )
        self.path = Path(path)
        self.errors = tuple(errors)
        self.field = ", ".join(error.field for error in errors)
        self.reason = str(problems)


@dataclass
class Design:
    """A product id with parameter values, as saved in a design file."""

    product: str
    values: dict[str, Any]
    chosen: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "product": self.product,
            "values": self.values,
            "chosen": sorted(self.chosen),
        }


def read_design(path: Path | str) -> Design:
    """Read a design file, raising :class:`DesignFileError` on any problem.

    The file is UTF-8 text, with or without a byte-order mark, of at most
    :data:`MAX_DESIGN_BYTES` bytes.
    """
    path = Path(path)
    try:
        text = decode_utf8(_read_limited(path))
    except OSError as error:
        reason = message(
            QT_TRANSLATE_NOOP("DesignFiles", "cannot be read: {reason}"),
            reason=os_error_reason(error),
        )
        raise DesignFileError(path, "", reason) from None
    except UnicodeDecodeError as error:
        reason = message(
            QT_TRANSLATE_NOOP(
                "DesignFiles",
                "is not UTF-8 text (line {line}); save the file with the "
                "encoding UTF-8, such as with Save As in Notepad",
            ),
            line=undecodable_line(error),
        )
        raise DesignFileError(path, "", reason) from None
    if not text.strip():
        reason = message(
            QT_TRANSLATE_NOOP(
                "DesignFiles",
                "is empty; open a design file that Atelier saved, or save the "
                "design again",
            )
        )
        raise DesignFileError(path, "", reason)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        reason = message(
            QT_TRANSLATE_NOOP(
                "DesignFiles",
                "is not valid JSON: {error} at line {line}, column {column}",
            ),
            error=error.msg,
            line=error.lineno,
            column=error.colno,
        )
        raise DesignFileError(path, "", reason) from None
    except RecursionError:
        reason = message(
            QT_TRANSLATE_NOOP(
                "DesignFiles",
                "nests its lists or objects more deeply than Python can read, "
                "so it is not a design file; open a design that Atelier saved",
            )
        )
        raise DesignFileError(path, "", reason) from None
    except ValueError:
        # Python reads no integer of more digits than its conversion limit.
        reason = message(
            QT_TRANSLATE_NOOP(
                "DesignFiles",
                "holds a number of more than {digits} digits, which no option "
                "accepts; correct the value",
            ),
            digits=sys.get_int_max_str_digits(),
        )
        raise DesignFileError(path, "", reason) from None
    return design_from_json(data, path)


def _read_limited(path: Path) -> bytes:
    """Return the bytes of ``path``, read only if it is not too large.

    Raises
    ------
    DesignFileError
        If the file has more than :data:`MAX_DESIGN_BYTES` bytes.
    OSError
        If it cannot be read.
    """
    with path.open("rb") as file:
        # Read one byte more than allowed, so a file that grows, or a device
        # that reports no size, is caught as well.
        raw = file.read(MAX_DESIGN_BYTES + 1)
        if len(raw) <= MAX_DESIGN_BYTES:
            return raw
        size = os.fstat(file.fileno()).st_size
    reason = message(
        QT_TRANSLATE_NOOP(
            "DesignFiles",
            "has {size} bytes, more than the {limit} bytes that a design file "
            "may have, so it is not a design file; open a design file that "
            "Atelier saved, which has a few kilobytes",
        ),
        size=max(size, MAX_DESIGN_BYTES + 1),
        limit=MAX_DESIGN_BYTES,
    )
    raise DesignFileError(path, "", reason)


def design_from_json(data: Any, path: Path | str = "<design>") -> Design:
    """Check the shape of parsed design JSON and return the design."""
    if not isinstance(data, dict):
        reason = message(QT_TRANSLATE_NOOP("DesignFiles", "must be a JSON object"))
        raise DesignFileError(path, "", reason)
    if data.get("format", FORMAT) != FORMAT:
        reason = message(
            QT_TRANSLATE_NOOP(
                "DesignFiles", "{found} is not supported; use {expected}"
            ),
            found=repr(data["format"]),
            expected=repr(FORMAT),
        )
        raise DesignFileError(path, "format", reason)
    product = data.get("product")
    if not isinstance(product, str) or not product:
        reason = message(
            QT_TRANSLATE_NOOP("DesignFiles", "is missing; give the product id")
        )
        raise DesignFileError(path, "product", reason)
    values = data.get("values")
    if not isinstance(values, dict):
        reason = message(
            QT_TRANSLATE_NOOP("DesignFiles", "must be an object of name: value")
        )
        raise DesignFileError(path, "values", reason)
    chosen = data.get("chosen", [])
    if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
        reason = message(
            QT_TRANSLATE_NOOP("DesignFiles", "must be a list of parameter names")
        )
        raise DesignFileError(path, "chosen", reason)
    return Design(product, dict(values), tuple(chosen))


def resolve(
    design: Design, catalog: Catalog, path: Path | str = "<design>"
) -> tuple[CatalogModel, dict[str, Any]]:
    """Return the design's catalog model and its complete, checked values.

    Raises :class:`DesignFileError` naming ``product`` for an unknown
    product. Otherwise every part at fault is checked before raising: one
    part's error names ``values.NAME`` for a value its parameter does not
    accept, or ``chosen`` for a name there that is not a parameter, and
    several parts raise :class:`DesignValuesError` with an error for each.
    """
    try:
        model = catalog.get(design.product)
    except KeyError:
        reason = message(
            QT_TRANSLATE_NOOP(
                "DesignFiles", "unknown product {product}; known products: {known}"
            ),
            product=repr(design.product),
            known=sorted(catalog.models) or ["none"],
        )
        raise DesignFileError(path, "product", reason) from None
    errors = _unknown_names(design, model, path)
    known = {
        name: value
        for name, value in design.values.items()
        if name in model.engine.parameters
    }
    values, rejected = model.engine.coerce_each(known)
    for error in rejected:
        errors.append(DesignFileError(path, f"values.{error.parameter}", error.message))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DesignValuesError(path, errors)
    return model, values


def _unknown_names(
    design: Design, model: CatalogModel, path: Path | str
) -> list[DesignFileError]:
    """Return an error for each name in ``values`` and ``chosen`` that is
    not a parameter of ``model``."""
    known = list(model.engine.parameters)
    errors = []
    for name in design.values:
        if name not in model.engine.parameters:
            reason = message(
                QT_TRANSLATE_NOOP(
                    "DesignFiles", "is not a parameter of {model}; known: {known}"
                ),
                model=model.id,
                known=known,
            )
            errors.append(DesignFileError(path, f"values.{name}", reason))
    for name in design.chosen:
        if name not in model.engine.parameters:
            reason = message(
                QT_TRANSLATE_NOOP(
                    "DesignFiles",
                    "names {name}, which is not a parameter of {model}; known: {known}",
                ),
                name=repr(name),
                model=model.id,
                known=known,
            )
            errors.append(DesignFileError(path, "chosen", reason))
    return errors


def missing_parameters(design: Design, model: CatalogModel) -> tuple[str, ...]:
    """Return the parameters of ``model`` that ``design`` has no value for,
    in catalog order.

    The studio writes every value, so a design without one was saved
    before the catalog offered that parameter. NOTE: a file written by hand
    may leave values out too, and reads the same.
    """
    return tuple(name for name in model.engine.parameters if name not in design.values)


def write_design(design: Design, path: Path | str) -> Path:
    """Write a design file atomically: a temporary file renamed into place.

    Raises
    ------
    storage.output_paths.OutputPathError
        If ``path`` cannot take the file, such as a FIFO or a name in a
        missing folder, naming ``path`` and what is wrong.
    """
    path = check_output_file(path)
    text = json.dumps(design.to_json(), indent=2)
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 so that readers and crashes never see a partial file.

    See :mod:`designer.atomic`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes_atomic(path, text.encode("utf-8"))


def design_of(model: CatalogModel, values: Mapping[str, Any], chosen=()) -> Design:
    """Return the design file contents for a model's values."""
    return Design(model.id, dict(values), tuple(sorted(chosen)))
