"""Plain-language errors for output paths, checked on real folders and files."""

from __future__ import annotations

import errno

import pytest

from storage.output_paths import OutputPathError, output_path_error

# What the operating system raised for a write through a temporary file.
RENAME_ERROR = IsADirectoryError(
    errno.EISDIR, "Is a directory", "/tmp/.quote.pdf.s5m98k3u"
)


def test_folder_at_file_path(tmp_path):
    error = output_path_error(tmp_path, RENAME_ERROR)

    assert isinstance(error, OutputPathError)
    assert isinstance(error, OSError)
    assert error.path == tmp_path
    assert str(error).startswith(f"{tmp_path} is a folder")
    assert "choose a file name inside the folder" in str(error)
    assert "s5m98k3u" not in str(error)


def test_folder_expected_is_no_problem(tmp_path):
    full = OSError(errno.ENOSPC, "No space left on device", "/tmp/.x.tmp")

    error = output_path_error(tmp_path, full, folder=True)

    assert "is a folder" not in str(error)
    assert "No space left on device" in str(error)
    assert ".x.tmp" not in str(error)


def test_file_inside_path(tmp_path):
    blocking = tmp_path / "notes.txt"
    blocking.write_text("x", encoding="utf-8")
    path = blocking / "quotes" / "quote.pdf"

    error = output_path_error(path, FileExistsError(errno.EEXIST, "File exists"))

    assert str(error).startswith(f"{path} cannot be written because {blocking}")
    assert "is a file, not a folder" in str(error)
    assert "Errno" not in str(error)


def test_missing_folder(tmp_path):
    path = tmp_path / "absent" / "campaign.csv"

    error = output_path_error(path, FileNotFoundError(errno.ENOENT, "No such file"))

    assert f"the folder {tmp_path / 'absent'} does not exist" in str(error)
    assert "create the folder or choose an existing one" in str(error)


def test_permission_denied(tmp_path):
    path = tmp_path / "quote.pdf"

    error = output_path_error(path, PermissionError(errno.EACCES, "Permission denied"))

    assert str(error).startswith(f"no permission to write {path}")


def test_other_reason_kept(tmp_path):
    path = tmp_path / "quote.pdf"
    full = OSError(errno.ENOSPC, "No space left on device", str(path))

    error = output_path_error(path, full)

    assert str(error).startswith(f"{path} cannot be written: No space left")
    assert "Errno" not in str(error)


def test_error_needs_path_keyword():
    with pytest.raises(TypeError):
        OutputPathError("{path} is a folder")  # type: ignore[call-arg]
