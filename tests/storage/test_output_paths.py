"""Plain-language errors for output paths, checked on real folders and files."""

from __future__ import annotations

import errno
import os
import socket

import pytest

from storage.output_paths import (
    OutputPathError,
    check_not_input,
    check_not_store_file,
    check_output_file,
    check_output_name,
    check_package_folder,
    check_replaceable,
    describe_existing,
    output_path_error,
)

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
    assert "the disk could not read or write the data" in str(error)
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


def test_io_error_worded_plainly(tmp_path):
    path = tmp_path / "quote.pdf"
    failed = OSError(errno.EIO, "Input/output error", str(path))

    error = output_path_error(path, failed)

    assert str(error).startswith(
        f"{path} cannot be written: the disk could not read or write the data"
    )
    assert "Input/output error" not in str(error)


def test_other_reason_kept(tmp_path):
    path = tmp_path / "quote.pdf"
    failed = OSError(errno.EXDEV, "Invalid cross-device link", str(path))

    error = output_path_error(path, failed)

    assert str(error).startswith(f"{path} cannot be written: Invalid cross-device link")
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


def test_check_accepts_new_and_regular_file(tmp_path):
    existing = tmp_path / "old.csv"
    existing.write_text("x", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(existing)

    for path in (tmp_path / "new.csv", existing, link):
        assert check_output_file(path) == path
    assert not check_replaceable(tmp_path / "new.csv")
    assert check_replaceable(link)


def test_check_rejects_what_is_no_regular_file(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(tmp_path / "socket"))
    listening.close()
    (tmp_path / "link-to-pipe").symlink_to(pipe)
    (tmp_path / "broken").symlink_to(tmp_path / "missing")
    (tmp_path / "link-to-folder").symlink_to(tmp_path)
    regular = ", and only a regular file can be replaced; choose another file name"
    cases = {
        "pipe": "is a FIFO (named pipe)" + regular,
        "socket": "is a socket" + regular,
        "link-to-pipe": "is a symbolic link to a FIFO (named pipe)" + regular,
        "broken": "is a symbolic link to a missing file" + regular,
        "link-to-folder": "is a folder, so no file can be saved under that name; "
        "choose a file name inside the folder",
    }

    for name, expected in cases.items():
        with pytest.raises(OutputPathError) as raised:
            check_output_file(tmp_path / name)
        assert str(raised.value) == f"{tmp_path / name} {expected}"
        assert raised.value.path == tmp_path / name


def test_check_missing_folder(tmp_path):
    path = tmp_path / "absent" / "deeper" / "out.csv"

    with pytest.raises(OutputPathError) as raised:
        check_output_file(path)

    assert f"the folder {path.parent} does not exist" in str(raised.value)
    assert check_output_file(path, create_folders=True) == path
    assert not (tmp_path / "absent").exists()


def test_check_file_among_parents(tmp_path):
    blocking = tmp_path / "notes.txt"
    blocking.write_text("x", encoding="utf-8")

    for create_folders in (False, True):
        with pytest.raises(OutputPathError) as raised:
            check_output_file(
                blocking / "sub" / "out.csv", create_folders=create_folders
            )
        assert f"because {blocking}, a part of that path, is a file" in str(
            raised.value
        )
    with pytest.raises(OutputPathError) as raised:
        check_replaceable(blocking / "out.csv")
    assert "is a file, not a folder" in str(raised.value)


def test_check_name_length_counts_extra(tmp_path):
    assert check_output_file(tmp_path / ("n" * 255), name_extra=0)
    assert check_output_file(tmp_path / ("n" * 241))

    with pytest.raises(OutputPathError) as raised:
        check_output_file(tmp_path / ("n" * 242))
    assert "is 242 characters long" in str(raised.value)
    assert "shorten it to at most 241 characters" in str(raised.value)
    with pytest.raises(OutputPathError) as raised:
        check_output_file(tmp_path / ("n" * 256) / "out.csv", create_folders=True)
    assert "shorten it to at most 255 characters" in str(raised.value)


def test_check_whole_path_too_long(tmp_path):
    path = tmp_path.joinpath(*["p" * 200] * 25)

    with pytest.raises(OutputPathError) as raised:
        check_output_file(path, create_folders=True)

    assert str(raised.value).startswith(f"the path {str(path)[:40] + '…'!r}")


@pytest.mark.parametrize("text", ["", " ", "\t  "])
def test_blank_output_name(text):
    with pytest.raises(OutputPathError) as raised:
        check_output_name(text, "campaign.csv")

    assert str(raised.value) == (
        "no file name given; type the name of the file to write, such as campaign.csv"
    )


def test_output_name_with_text_passes():
    check_output_name(" a.csv", "campaign.csv")


def test_output_that_is_its_input(tmp_path, monkeypatch):
    source = tmp_path / "ratings.csv"
    source.write_text("user,item,rating\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.csv").symlink_to(source)
    os.link(source, tmp_path / "hard.csv")
    monkeypatch.chdir(tmp_path)
    spellings = [
        source,
        tmp_path / "sub" / ".." / "ratings.csv",
        tmp_path / "." / "ratings.csv",
        "ratings.csv",
        tmp_path / "link.csv",
        tmp_path / "hard.csv",
    ]

    for path in spellings:
        with pytest.raises(OutputPathError) as raised:
            check_not_input(path, source)
        assert str(raised.value) == (
            f"{path} is the same file as the input {source}, so writing it would "
            "overwrite that input; choose another output file"
        )
    check_not_input(tmp_path / "predictions.csv", source)
    check_not_input(tmp_path / "sub" / "ratings.csv", source)


def test_blank_folder_name():
    with pytest.raises(OutputPathError) as raised:
        check_output_name("", "ring-package", folder=True)

    assert str(raised.value) == (
        "no folder name given; type the name of the folder to create, such as "
        "ring-package"
    )


def store_database(tmp_path, monkeypatch):
    """Return a SQLite URL and its file, with the key file in the same folder."""
    database = tmp_path / "store" / "atelier.db"
    database.parent.mkdir()
    database.write_bytes(b"SQLite format 3\x00")
    key = tmp_path / "store" / "key.bin"
    key.write_bytes(b"ATK1")
    monkeypatch.setenv("ATELIER_KEY_FILE", str(key))
    return f"sqlite:///{database}", database, key


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("atelier.db", "is the database in use"),
        ("atelier.db-wal", "a file that SQLite keeps beside the database"),
        ("atelier.db-journal", "a file that SQLite keeps beside the database"),
        ("atelier.db-shm", "a file that SQLite keeps beside the database"),
        ("key.bin", "is the key file in use"),
        ("key.bin.retired-7", "is a retired key file"),
    ],
)
def test_store_file_rejected(tmp_path, monkeypatch, name, fragment):
    url, database, _key = store_database(tmp_path, monkeypatch)

    with pytest.raises(OutputPathError) as caught:
        check_not_store_file(database.parent / name, url)

    assert fragment in str(caught.value)
    assert "choose another file" in str(caught.value)


def test_store_file_other_spellings(tmp_path, monkeypatch):
    url, database, key = store_database(tmp_path, monkeypatch)
    symbolic = tmp_path / "link.db"
    symbolic.symlink_to(database)
    hard = tmp_path / "hard.bin"
    os.link(key, hard)
    retired = key.with_name("key.bin.retired-3")
    retired.write_bytes(b"ATK1")
    hard_retired = tmp_path / "old.bin"
    os.link(retired, hard_retired)
    dotted = database.parent / ".." / "store" / "atelier.db"

    for path in (symbolic, hard, hard_retired, dotted):
        with pytest.raises(OutputPathError):
            check_not_store_file(path, url)


def test_store_file_default_database(tmp_path, monkeypatch):
    monkeypatch.setenv("ATELIER_DATA_DIR", str(tmp_path / "data"))

    with pytest.raises(OutputPathError) as caught:
        check_not_store_file(tmp_path / "data" / "atelier.db")

    assert "is the database in use" in str(caught.value)
    assert not (tmp_path / "data").exists()


def test_other_files_pass_store_check(tmp_path, monkeypatch):
    url, database, _key = store_database(tmp_path, monkeypatch)

    check_not_store_file(database.with_name("backup.db"), url)
    check_not_store_file(database.with_name("key.bin.old"), url)
    check_not_store_file(tmp_path / "atelier.db", url)
    # A server database has no file here, so only the key file counts.
    check_not_store_file(database, "postgresql://ana@localhost/atelier")


def test_output_name_trailing_slash():
    with pytest.raises(OutputPathError) as caught:
        check_output_name("new.db/", "atelier.backup")

    assert str(caught.value).startswith("new.db/ ends with a slash")
    assert "such as atelier.backup" in str(caught.value)
    check_output_name("package/", "package", folder=True)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda path: path.write_text("x"), "is a file, not a folder"),
        (lambda path: os.mkfifo(path), "is a FIFO (named pipe), not a folder"),
    ],
)
def test_package_folder_taken(tmp_path, make, fragment):
    folder = tmp_path / "package"
    make(folder)

    with pytest.raises(OutputPathError) as caught:
        check_package_folder(folder)

    assert str(caught.value).startswith(f"{folder} {fragment}")
    assert "choose another folder name" in str(caught.value)


def test_package_zip_is_folder(tmp_path):
    (tmp_path / "package.zip").mkdir()

    with pytest.raises(OutputPathError) as caught:
        check_package_folder(tmp_path / "package")

    assert f"goes to {tmp_path / 'package.zip'}, which is a folder" in str(caught.value)


@pytest.mark.parametrize("name", [".", "..", "/"])
def test_package_folder_without_name(name):
    with pytest.raises(OutputPathError) as caught:
        check_package_folder(name)

    assert "has no name of its own" in str(caught.value)


def test_package_folder_existing_passes(tmp_path):
    (tmp_path / "package").mkdir()
    (tmp_path / "package.zip").write_bytes(b"PK")

    assert check_package_folder(tmp_path / "package") == tmp_path / "package"


def test_describe_existing(tmp_path):
    os.mkfifo(tmp_path / "pipe")

    assert str(describe_existing(tmp_path)) == "a folder"
    assert str(describe_existing(tmp_path / "pipe")) == "a FIFO (named pipe)"
    assert describe_existing(tmp_path / "missing") is None


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_side_file_beside_linked_database_rejected(tmp_path, monkeypatch, suffix):
    # SQLite keeps its side files beside the file a link points to, so they
    # belong to the store when the database is named through a link too.
    _url, database, _key = store_database(tmp_path, monkeypatch)
    link = tmp_path / "link.db"
    link.symlink_to(database)

    with pytest.raises(OutputPathError, match="SQLite keeps beside the database"):
        check_not_store_file(
            database.with_name(database.name + suffix), f"sqlite:///{link}"
        )
