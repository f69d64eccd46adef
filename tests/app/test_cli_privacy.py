"""The personal-data subcommands: rotate-key, export, erase, audit, add-staff."""

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from app.autosave import (
    AUTOSAVE_NAME,
    data_folder,
    read_autosave,
    write_autosave,
)
from app.cli import main
from storage.crypto import (
    DecryptionError,
    key_file_path,
    key_id_of,
    read_key_ring,
)
from storage.db import open_database
from storage.repositories import bulk_insert_customers

PASSWORD = "correct horse battery"


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    database = open_database(url)
    with database.session() as session:
        bulk_insert_customers(
            session,
            [
                {"id": "c1", "display_name": "Mei Chen", "phone": "+86 21 5555 0101"},
                {"id": "c2", "display_name": "Ola Berg", "email": "ola@example.org"},
            ],
        )
    database.dispose()
    return url


# Options that sign in the sales member and the administrator that
# _add_root_and_sales creates; _run then gives the password on stdin.
SALES = ("--staff", "li")
ADMINISTRATOR = ("--staff", "root")


def _run(monkeypatch, url, *arguments, stdin=None):
    if stdin is None:
        stdin = PASSWORD + "\n" if "--staff" in arguments else ""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--database", url, *map(str, arguments)])


def test_export_to_stdout_and_file(monkeypatch, capsys, url, tmp_path):
    _add_root_and_sales(monkeypatch, url)
    capsys.readouterr()
    assert _run(monkeypatch, url, "export-customer", "c1", *SALES) == 0
    printed = json.loads(capsys.readouterr().out)
    out = tmp_path / "c2.json"
    exported = ("export-customer", "c2", "--out", out, *SALES)
    assert _run(monkeypatch, url, *exported) == 0
    written = json.loads(out.read_text(encoding="utf-8"))

    assert printed["customer"]["phone"] == "+86 21 5555 0101"
    assert written["customer"]["email"] == "ola@example.org"
    assert written["tables"]["events"] == []


def test_failed_file_export_not_audited(monkeypatch, capsys, url, tmp_path):
    _add_root_and_sales(monkeypatch, url)
    missing_folder = tmp_path / "absent" / "c2.json"
    long_name = tmp_path / ("c" * 300 + ".json")
    expected = {
        missing_folder: f"the folder {missing_folder.parent} does not exist",
        long_name: "is 305 characters long, too long for this disk",
    }
    capsys.readouterr()

    for out, fragment in expected.items():
        code = _run(monkeypatch, url, "export-customer", "c2", "--out", out, *SALES)
        err = capsys.readouterr().err

        assert code == 2
        assert fragment in err
        assert "Errno" not in err
    assert not missing_folder.parent.exists()
    assert _run(monkeypatch, url, "audit") == 0
    assert capsys.readouterr().out == "no audit entries\n"

    written = tmp_path / "c2.json"
    assert (
        _run(monkeypatch, url, "export-customer", "c2", "--out", written, *SALES) == 0
    )
    assert _run(monkeypatch, url, "audit") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[1:4] for line in lines] == [["li", "exported", "c2"]]
    assert json.loads(written.read_text(encoding="utf-8"))["customer"]["id"] == "c2"


def test_export_unknown_customer_exits_two(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    capsys.readouterr()
    assert _run(monkeypatch, url, "export-customer", "c9", *SALES) == 2
    assert "'c9' not found" in capsys.readouterr().err


def _add_root_and_sales(monkeypatch, url):
    first = ("add-staff", "root", "--role", "administrator")
    assert _run(monkeypatch, url, *first, stdin=PASSWORD + "\n") == 0
    second = ("add-staff", "li", "--role", "sales", "--staff", "root")
    assert _run(monkeypatch, url, *second, stdin=(PASSWORD + "\n") * 2) == 0


def test_erase_needs_administrator(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    capsys.readouterr()

    denied = _run(
        monkeypatch, url, "erase-customer", "c1", "--staff", "li", stdin=PASSWORD + "\n"
    )
    assert denied == 2
    assert "administrator" in capsys.readouterr().err
    wrong = _run(
        monkeypatch, url, "erase-customer", "c1", "--staff", "root", stdin="guess\n"
    )
    assert wrong == 2
    assert "wrong username or password" in capsys.readouterr().err

    erased = _run(
        monkeypatch,
        url,
        "erase-customer",
        "c1",
        "--staff",
        "root",
        stdin=PASSWORD + "\n",
    )
    assert erased == 0
    assert "erased customer c1" in capsys.readouterr().out
    assert _run(monkeypatch, url, "export-customer", "c1", *SALES) == 2
    assert "'c1' not found" in capsys.readouterr().err


def test_audit_lists_exports_and_erasures(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    _run(monkeypatch, url, "export-customer", "c2", *SALES)
    _run(monkeypatch, url, "erase-customer", "c1", *ADMINISTRATOR)
    capsys.readouterr()

    assert _run(monkeypatch, url, "audit") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert _run(monkeypatch, url, "audit", "--customer", "c1") == 0
    only_c1 = capsys.readouterr().out.strip().splitlines()

    assert [line.split("\t")[1:4] for line in lines] == [
        ["li", "exported", "c2"],
        ["root", "erased", "c1"],
    ]
    assert len(only_c1) == 1
    assert "Mei Chen" not in "\n".join(lines)


DESIGN = json.dumps({"product": "ring-band", "values": {"engraving": "Ingrid"}})


def _crash_autosave() -> Path:
    """Write an autosave where the studio does, as a crash leaves it."""
    path = data_folder() / AUTOSAVE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    write_autosave(path, DESIGN)
    return path


def test_rotate_key_reencrypts_autosave(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    autosave = _crash_autosave()
    old = read_key_ring(key_file_path())
    sealed_before = autosave.read_text(encoding="utf-8")
    capsys.readouterr()

    assert _run(monkeypatch, url, "rotate-key", *ADMINISTRATOR) == 0

    out = capsys.readouterr().out
    assert f"re-encrypted the autosaved design {autosave}" in out
    new = read_key_ring(key_file_path())
    sealed = autosave.read_text(encoding="utf-8")
    assert key_id_of(sealed_before) == old.current_id
    assert key_id_of(sealed) == new.current_id
    assert read_autosave(autosave) == DESIGN
    with pytest.raises(DecryptionError):
        old.decrypt(sealed, "autosave")


def test_rotate_key_without_autosave(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    capsys.readouterr()

    assert _run(monkeypatch, url, "rotate-key", *ADMINISTRATOR) == 0

    assert "autosave" not in capsys.readouterr().out
    assert not (data_folder() / AUTOSAVE_NAME).exists()


def test_rotate_key_leaves_foreign_autosave(monkeypatch, capsys, url, tmp_path):
    _add_root_and_sales(monkeypatch, url)
    # The autosave was written under a key file that is not in use now.
    monkeypatch.setenv("ATELIER_KEY_FILE", str(tmp_path / "other-key.bin"))
    autosave = _crash_autosave()
    monkeypatch.delenv("ATELIER_KEY_FILE")
    stored = autosave.read_bytes()
    capsys.readouterr()

    assert _run(monkeypatch, url, "rotate-key", *ADMINISTRATOR) == 0

    out = capsys.readouterr().out
    assert f"left the autosaved design {autosave} unchanged" in out
    assert "not in the key file" in out
    assert "another key file was in use when the studio wrote it" in out
    assert "autosave-unreadable.enc" in out
    (line,) = [line for line in out.splitlines() if line.startswith("left the")]
    assert "database" not in line
    assert autosave.read_bytes() == stored
    assert len(read_key_ring(key_file_path()).keys) == 1


def test_rotate_key_autosave_write_failure(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    # A folder in the autosave's place cannot be read as a file.
    autosave = data_folder() / AUTOSAVE_NAME
    autosave.mkdir(parents=True)
    old = read_key_ring(key_file_path())
    capsys.readouterr()

    assert _run(monkeypatch, url, "rotate-key", *ADMINISTRATOR) == 2

    err = capsys.readouterr().err
    assert f"the autosaved design {autosave} could not be" in err
    assert "run rotate-key again" in err
    # Both keys stay, so the database and the autosave still open.
    ring = read_key_ring(key_file_path())
    assert len(ring.keys) == 2
    assert old.current_id in ring.keys
    assert _run(monkeypatch, url, "export-customer", "c1", *SALES) == 0


def test_rotate_key_keeps_data(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    capsys.readouterr()
    old = read_key_ring(key_file_path())

    assert _run(monkeypatch, url, "rotate-key", *ADMINISTRATOR) == 0
    assert "re-encrypted 4 values" in capsys.readouterr().out
    new = read_key_ring(key_file_path())
    assert list(new.keys) == [new.current_id]
    assert new.current_id != old.current_id

    assert _run(monkeypatch, url, "export-customer", "c1", *SALES) == 0
    assert json.loads(capsys.readouterr().out)["customer"]["display_name"] == (
        "Mei Chen"
    )
    database = open_database(url)
    with database.session(readonly=True) as session:
        stored = session.scalar(text("SELECT display_name FROM customers LIMIT 1"))
    database.dispose()
    assert stored.startswith(f"v2:{new.current_id}:")


def test_add_staff_short_password_exits_two(monkeypatch, capsys, url):
    arguments = ("add-staff", "root", "--role", "administrator")
    assert _run(monkeypatch, url, *arguments, stdin="short\n") == 2
    assert "too short" in capsys.readouterr().err


def test_first_staff_must_be_administrator(monkeypatch, capsys, url):
    arguments = ("add-staff", "li", "--role", "sales")
    assert _run(monkeypatch, url, *arguments, stdin=PASSWORD + "\n") == 2
    assert "first staff account" in capsys.readouterr().err


def test_add_staff_needs_administrator(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    capsys.readouterr()
    anonymous = ("add-staff", "bo", "--role", "sales")
    by_sales = ("add-staff", "bo", "--role", "sales", "--staff", "li")

    assert _run(monkeypatch, url, *anonymous, stdin=PASSWORD + "\n") == 2
    assert "--staff" in capsys.readouterr().err
    assert _run(monkeypatch, url, *by_sales, stdin=(PASSWORD + "\n") * 2) == 2
    assert "administrator" in capsys.readouterr().err


def test_profile_view_is_audited(monkeypatch, capsys, url):
    _add_root_and_sales(monkeypatch, url)
    capsys.readouterr()
    assert _run(monkeypatch, url, "profile", "--customer", "c1", *SALES) == 0
    assert "Mei Chen" in capsys.readouterr().out

    assert _run(monkeypatch, url, "audit", "--customer", "c1") == 0
    fields = capsys.readouterr().out.strip().split("\t")
    assert fields[1:] == ["li", "viewed", "c1", "profile"]


def test_campaign_export_is_audited(monkeypatch, capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    out = tmp_path / "campaign.csv"
    _add_root_and_sales(monkeypatch, url)
    arguments = ("segments", "--refit", "--export", 1, "--out", out, *SALES)
    assert _run(monkeypatch, url, *arguments) == 0
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    written = sorted(row.split(",")[0] for row in rows)
    capsys.readouterr()

    assert _run(monkeypatch, url, "audit") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    audited = sorted(line.split("\t")[3] for line in lines if "\texported\t" in line)

    assert written
    assert audited == written


def test_key_file_option_places_key(monkeypatch, capsys, tmp_path):
    key = tmp_path / "usb" / "atelier.key"
    url = f"sqlite:///{tmp_path / 'other.db'}"
    # Empty means unset; monkeypatch then removes what --key-file sets.
    monkeypatch.setenv("ATELIER_KEY_FILE", "")

    first = ("add-staff", "root", "--role", "administrator")
    assert _run(monkeypatch, url, "--key-file", key, *first, stdin=PASSWORD) == 0
    assert _run(monkeypatch, url, "--key-file", key, "audit") == 0
    rotate = ("rotate-key", *ADMINISTRATOR)
    assert _run(monkeypatch, url, "--key-file", key, *rotate) == 0

    assert str(key) in capsys.readouterr().out
    assert read_key_ring(key).current_id


def test_loose_key_file_exits_two(monkeypatch, capsys, url):
    key_file_path().chmod(0o644)

    assert _run(monkeypatch, url, "audit") == 2
    error = capsys.readouterr().err
    assert str(key_file_path()) in error
    assert "chmod 600" in error
