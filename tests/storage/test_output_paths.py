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
    failed = OSError(errno.EIO, "Input/output error", "/tmp/.x.tmp")

    error = output_path_error(tmp_path, failed, folder=True)

    assert "is a folder" not in str(error)
    assert "Input/output error" in str(error)
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
    failed = OSError(errno.EIO, "Input/output error", str(path))

    error = output_path_error(path, failed)

    assert str(error).startswith(f"{path} cannot be written: Input/output error")
    assert "Errno" not in str(error)


def test_error_needs_path_keyword():
    with pytest.raises(TypeError):
        OutputPathError("{path} is a folder")  # type: ignore[call-arg]


def test_name_too_long_names_the_limit(tmp_path):
    name = "a" * 300
    path = tmp_path / name / "spec.pdf"
    with pytest.raises(OSError) as raised:
        (tmp_path / name).mkdir()

    error = output_path_error(path, raised.value)

    text = str(error)
    assert text.startswith(f"the name {'a' * 40 + '…'!r} is 300 characters long")
    # A folder on the way is created under its own name, without the
    # temporary name's extra characters.
    assert "shorten it to at most 255 characters" in text
    assert "Errno" not in text
    assert name not in text


def test_longest_name_that_fits_can_be_written(tmp_path):
    from designer.atomic import staging_folder

    longest = tmp_path / ("b" * 241)
    staging = staging_folder(longest)
    assert staging.is_dir()

    with pytest.raises(OutputPathError) as raised:
        staging_folder(tmp_path / ("b" * 242))
    assert "shorten it to at most 241 characters" in str(raised.value)


def test_chinese_name_limit_counts_its_characters(tmp_path):
    name = "订单" * 50
    with pytest.raises(OSError) as raised:
        (tmp_path / name).mkdir()

    error = output_path_error(tmp_path / name, raised.value)

    # 241 bytes hold 80 characters of three bytes each.
    assert "is 100 characters long" in str(error)
    assert "at most 80 characters" in str(error)


def test_full_disk_and_read_only_disk(tmp_path):
    path = tmp_path / "quote.pdf"
    full = OSError(errno.ENOSPC, "No space left on device", "/tmp/.x.tmp")
    read_only = OSError(errno.EROFS, "Read-only file system", "/tmp/.x.tmp")

    assert "the disk is full; free some space" in str(output_path_error(path, full))
    assert "its disk is read-only" in str(output_path_error(path, read_only))


def test_existing_long_folder_is_not_blamed(tmp_path):
    folder = tmp_path / ("m" * 250)
    folder.mkdir()
    path = folder / ("p" * 242)
    with pytest.raises(OSError) as raised:
        (tmp_path / ("m" * 250) / ("p" * 242 + ".tmp-" + "x" * 14)).mkdir()

    text = str(output_path_error(path, raised.value, folder=True))

    assert text.startswith(f"the name {'p' * 40 + '…'!r} is 242 characters long")


def test_writer_without_temporary_name_gets_whole_limit(tmp_path):
    name = "q" * 256
    with pytest.raises(OSError) as raised:
        (tmp_path / name).write_text("x")

    error = output_path_error(tmp_path / name, raised.value, name_extra=0)

    assert "shorten it to at most 255 characters" in str(error)


def test_path_over_system_limit_is_quoted_short(tmp_path):
    path = tmp_path.joinpath(*["r" * 200] * 25)
    failed = OSError(errno.ENAMETOOLONG, "File name too long", str(path))

    text = str(output_path_error(path, failed))

    assert text.startswith(f"the path {str(path)[:40] + '…'!r} is {len(str(path))}")
    assert len(text) < 300
