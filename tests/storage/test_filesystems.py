"""Detection of network file systems, and the rejection of SQLite files on them."""

from pathlib import Path

import pytest

from storage.db import NetworkFilesystemError, open_database
from storage.filesystems import (
    filesystem_type,
    is_network_filesystem,
    parse_mounts,
)

MOUNTS = """\
proc /proc proc rw,relatime 0 0
/dev/vda / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
server:/export/shop /mnt/shop nfs4 rw,relatime,vers=4.2 0 0
/dev/vdb /mnt/shop/local ext4 rw,relatime 0 0
//nas/studio\\040files /mnt/studio\\040files cifs rw,relatime 0 0
ana@host:/srv /home/ana/remote fuse.sshfs rw,nosuid,nodev 0 0
drvfs /mnt/c 9p rw,noatime 0 0
malformed-line
"""


def test_parse_mounts_decodes_spaces():
    mounts = parse_mounts(MOUNTS)

    assert ("/mnt/studio files", "cifs") in mounts
    assert ("/", "ext4") in mounts
    assert len(mounts) == 8


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/ana/atelier", "ext4"),
        ("/tmp/atelier", "tmpfs"),
        ("/mnt/shop", "nfs4"),
        ("/mnt/shop/atelier", "nfs4"),
        ("/mnt/shop/local/atelier", "ext4"),
        ("/mnt/shopping", "ext4"),
        ("/mnt/studio files/db", "cifs"),
        ("/home/ana/remote/atelier", "fuse.sshfs"),
        ("/mnt/c/Users/ana", "9p"),
    ],
)
def test_filesystem_type_uses_longest_mount(path, expected):
    assert filesystem_type(path, MOUNTS) == expected


def test_filesystem_type_later_mount_wins():
    mounts = (
        "/dev/vda / ext4 rw 0 0\n/dev/vdb /srv ext4 rw 0 0\nhost:/x /srv nfs rw 0 0\n"
    )

    assert filesystem_type("/srv/atelier", mounts) == "nfs"


def test_filesystem_type_follows_links(tmp_path: Path):
    share = tmp_path / "share"
    share.mkdir()
    link = tmp_path / "local" / "atelier"
    link.parent.mkdir()
    link.symlink_to(share)
    mounts = f"/dev/vda / ext4 rw 0 0\nhost:/x {share} nfs rw 0 0\n"

    assert filesystem_type(link, mounts) == "nfs"


def test_filesystem_type_unknown_without_mount():
    assert filesystem_type("/srv/atelier", "proc /proc proc rw 0 0\n") is None


def test_filesystem_type_reads_proc_mounts(tmp_path: Path):
    # The test folder is on a local disk of the test machine.
    kind = filesystem_type(tmp_path)

    assert kind is not None
    assert not is_network_filesystem(kind)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("nfs", True),
        ("nfs4", True),
        ("cifs", True),
        ("smb3", True),
        ("fuse.sshfs", True),
        ("sshfs", True),
        ("9p", True),
        ("NFS4", True),
        ("ext4", False),
        ("xfs", False),
        ("btrfs", False),
        ("tmpfs", False),
        ("overlay", False),
        (None, False),
    ],
)
def test_is_network_filesystem(kind, expected):
    assert is_network_filesystem(kind) is expected


@pytest.mark.parametrize("kind", ["nfs4", "cifs", "fuse.sshfs"])
def test_open_rejects_network_share(tmp_path: Path, kind):
    path = tmp_path / "atelier.db"

    with pytest.raises(NetworkFilesystemError) as caught:
        open_database(f"sqlite:///{path}", filesystem_type=kind)

    message = str(caught.value)
    assert f"network file system ({kind})" in message
    assert "--database postgresql://" in message
    assert str(path) in message
    assert not path.exists()


def test_open_accepts_local_disk(tmp_path: Path):
    path = tmp_path / "atelier.db"

    database = open_database(f"sqlite:///{path}", filesystem_type="ext4")
    database.dispose()

    assert path.is_file()
