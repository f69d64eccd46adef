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
import shutil
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from designer.atomic import staging_folder, write_synced
from designer.package.progress import ExportProgress
from storage.filesystems import fsync_directory
from storage.output_paths import check_package_folder

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


class ExportCancelled(Exception):
    """An export stopped on request before its package replaced anything."""


@dataclass
class StagedPackage:
    """A package written completely in a hidden staging folder, not yet in place.

    :meth:`commit` moves it to ``folder`` and ``<folder>.zip``; :meth:`discard`
    deletes it. Until one of them runs, nothing at ``folder`` or the zip's
    path has changed.

    Attributes
    ----------
    folder
        Where the package folder goes.
    staging
        The hidden staging folder beside ``folder``, ``.<name>.*.tmp``. It
        contains the package folder's files under ``<name>/`` and the zip.
    names
        The package's file names, in the order they were given.
    """

    folder: Path
    staging: Path
    names: list[str]

    @property
    def archive(self) -> Path:
        """Where the zip goes: ``<folder>.zip``."""
        return self.folder.with_name(f"{self.folder.name}.zip")

    def commit(self) -> list[Path]:
        """Move the package into place and return its files, then the zip.

        A new folder appears whole, by one rename. An existing folder gets
        each new file by a rename. A file that the earlier package listed
        in its ``spec.json`` is removed unless this package has it too, and
        other files are left alone. A crash among those renames can leave a
        mix of whole files from both packages. The zip is renamed last, and
        when that fails a new folder is moved back into the staging folder.
        """
        staged = self.staging / self.folder.name
        if self.folder.is_dir():
            stale = _previous_files(self.folder) - set(self.names)
            for name in self.names:
                os.replace(staged / name, self.folder / name)
            for name in sorted(stale):
                (self.folder / name).unlink(missing_ok=True)
                logger.info(
                    "removed %s left by an earlier package in %s", name, self.folder
                )
            fsync_directory(self.folder)
            os.replace(self.staging / self.archive.name, self.archive)
        else:
            os.rename(staged, self.folder)
            try:
                os.replace(self.staging / self.archive.name, self.archive)
            except BaseException:
                # Take the new folder back, so a failed export leaves no
                # package without its zip.
                os.rename(self.folder, staged)
                raise
        fsync_directory(self.folder.parent)
        self.discard()
        logger.info(
            "wrote production package to %s and %s", self.folder, self.archive.name
        )
        return [self.folder / name for name in self.names] + [self.archive]

    def discard(self) -> None:
        """Delete the staging folder and whatever is left in it."""
        shutil.rmtree(self.staging, ignore_errors=True)


def stage_package(
    files: Mapping[str, bytes],
    out_dir: os.PathLike[str] | str,
    staging: Path | None = None,
    progress: ExportProgress | None = None,
) -> StagedPackage:
    """Write a package's files and its zip into a hidden staging folder.

    Parameters
    ----------
    files
        Contents by file name, without folders.
    out_dir
        Where the package folder goes when committed; its parents are
        created if missing.
    staging
        An empty staging folder beside ``out_dir`` to write into, such as a
        caller that may have to delete it made with
        ``designer.atomic.staging_folder``; a new one by default.
    progress
        Receives the ``"files"`` and ``"zip"`` steps.

    Raises
    ------
    ValueError
        When a file name has a folder in it or starts with a dot.
    storage.output_paths.OutputPathError
        When ``out_dir`` exists as anything but a folder, or ``<out_dir>.zip``
        as anything but a regular file (see
        :func:`storage.output_paths.check_package_folder`).
    OSError
        When a file cannot be written; the staging folder is deleted.
    """
    folder = Path(out_dir)
    # NOTE: the zip is not compared with the store's database and key file
    # here. The command line does that first (app.cli.check_outputs), but
    # the windows' package exports do not.
    for name in files:
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"package file name {name!r} must be a plain file name")
    check_package_folder(folder)
    progress = progress or ExportProgress()
    package = StagedPackage(folder, staging or staging_folder(folder), list(files))
    try:
        progress.step("files")
        staged = package.staging / folder.name
        staged.mkdir()
        for name, data in files.items():
            write_synced(staged / name, data)
        progress.step("zip")
        write_synced(
            package.staging / package.archive.name, _zip_bytes(folder.name, files)
        )
    except BaseException:
        package.discard()
        raise
    return package


def write_package(
    files: Mapping[str, bytes],
    out_dir: os.PathLike[str] | str,
    progress: ExportProgress | None = None,
) -> list[Path]:
    """Write a package's files into ``out_dir`` and zip the folder beside it.

    The files and the zip are first written and synced in a hidden staging
    folder beside ``out_dir`` (:func:`stage_package`), then renamed into
    place (:meth:`StagedPackage.commit`), so a failure or a crash before the
    renames leaves no half-written file.

    Parameters
    ----------
    files
        Contents by file name, without folders.
    out_dir
        Folder of the package, created with its parents if missing.
    progress
        Receives the ``"files"`` and ``"zip"`` steps.

    Returns
    -------
    list of pathlib.Path
        The written files in the order of ``files``, then the zip,
        ``<out_dir>.zip``, whose entries sit in a folder named after
        ``out_dir``.
    """
    package = stage_package(files, out_dir, progress=progress)
    try:
        return package.commit()
    finally:
        package.discard()


def _previous_files(folder: Path) -> set[str]:
    try:
        previous = json.loads((folder / SPEC_FILE).read_text(encoding="utf-8"))
        names = {entry["name"] for entry in previous["files"]}
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
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
