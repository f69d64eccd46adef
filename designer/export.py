"""Write production packages to disk, and check ``spec.json`` against its schema.

A package is one folder per ordered product, with a zip of the folder
beside it. ``spec.json`` is the machine-readable design, validated against
the JSON Schema ``designer/schemas/spec-2.schema.json`` (published as
``docs/spec-2.schema.json``); the other files are built from it by
``designer.package.assemble``.
"""

from __future__ import annotations

import io
import json
import logging
import os
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from designer.atomic import write_bytes_atomic, write_files_atomic

logger = logging.getLogger(__name__)

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "spec-2.schema.json"
SPEC_FILE = "spec.json"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Zip entries get this fixed time, so the same files give the same zip.
ZIP_TIMESTAMP = (2020, 1, 1, 0, 0, 0)


@cache
def load_spec_schema() -> dict[str, Any]:
    """Read the JSON Schema (draft 2020-12) of ``spec.json``."""
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def validate_spec(spec: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` unless the spec is a valid ``atelier-spec/2``.

    Besides the schema, the price total must equal the sum of the price
    lines.

    Raises
    ------
    ValueError
        Listing every invalid field as a JSON path with its reason.
    """
    validator = Draft202012Validator(load_spec_schema())
    errors = sorted(validator.iter_errors(spec), key=lambda error: error.json_path)
    problems = [f"{error.json_path}: {error.message}" for error in errors]
    if not problems:
        problems = _price_problems(spec["price"])
    if problems:
        listing = "\n".join(f"  - {problem}" for problem in problems)
        raise ValueError(
            f"invalid production spec, {len(problems)} problem(s) against "
            f"{SCHEMA_PATH.name}:\n{listing}\n"
            "Fix these fields in the spec before exporting."
        )


def write_package(
    files: Mapping[str, bytes], out_dir: os.PathLike[str] | str
) -> list[Path]:
    """Write a package's files into ``out_dir`` and zip the folder beside it.

    All files are staged under hidden names, synced, and only then renamed
    into place (``designer.atomic``), so a failure or a crash leaves no
    half-written file. A crash during the renames can leave a mix of whole
    files from an earlier export and this one. The zip is written the same
    way after the folder. A file that an earlier package in the same folder
    listed in its ``spec.json`` is removed unless this package has it too.
    Other files in the folder are left alone.

    Parameters
    ----------
    files
        Contents by file name, without folders.
    out_dir
        Folder of the package, created with its parents if missing.

    Returns
    -------
    list of pathlib.Path
        The written files in the order of ``files``, then the zip,
        ``<out_dir>.zip``, whose entries sit in a folder named after
        ``out_dir``.
    """
    folder = Path(out_dir)
    for name in files:
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"package file name {name!r} must be a plain file name")
    folder.mkdir(parents=True, exist_ok=True)
    stale = _previous_files(folder) - set(files)

    written = write_files_atomic({folder / name: data for name, data in files.items()})
    for name in sorted(stale):
        (folder / name).unlink(missing_ok=True)
        logger.info("removed %s left by an earlier package in %s", name, folder)

    archive = folder.with_name(f"{folder.name}.zip")
    written.append(write_bytes_atomic(archive, _zip_bytes(folder.name, files)))
    logger.info("wrote production package to %s and %s", folder, archive.name)
    return written


def _previous_files(folder: Path) -> set[str]:
    try:
        previous = json.loads((folder / SPEC_FILE).read_text(encoding="utf-8"))
        names = {entry["name"] for entry in previous["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {name for name in names if isinstance(name, str) and Path(name).name == name}


def _zip_bytes(folder_name: str, files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(
        buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1
    ) as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(f"{folder_name}/{name}", date_time=ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()


def _price_problems(price: Mapping[str, Any]) -> list[str]:
    total = sum((Decimal(line["amount"]) for line in price["lines"]), Decimal("0"))
    if total != Decimal(price["total"]):
        return [
            f"$.price.total: {price['total']!r} is not the sum of the price "
            f"lines, {total:.2f}"
        ]
    return []


def read_png(preview: bytes | os.PathLike[str] | None) -> bytes | None:
    """Return PNG bytes given as bytes or a file path; ``None`` stays ``None``.

    Raises
    ------
    ValueError
        When the data is not a PNG file.
    """
    if preview is None:
        return None
    data = bytes(preview) if isinstance(preview, bytes | bytearray) else None
    if data is None:
        data = Path(preview).read_bytes()
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError(
            f"preview image ({len(data)} bytes starting {data[:8]!r}) is not a "
            "PNG file; pass PNG bytes such as rendering.offscreen.render_png "
            "returns, or None"
        )
    return data
