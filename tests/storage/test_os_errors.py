"""Plain reasons of operating system errors, in English."""

from __future__ import annotations

import errno
import os

import pytest

from storage.os_errors import REASONS, os_error_reason
from storage.output_paths import DISK_FULL, OutputPathError


@pytest.mark.parametrize("number", sorted(REASONS))
def test_common_error_worded_plainly(number):
    reason = os_error_reason(OSError(number, os.strerror(number), "/tmp/.x.tmp"))

    assert reason.context == "Files"
    assert str(reason) == REASONS[number]
    assert os.strerror(number) not in str(reason)
    assert ".x.tmp" not in str(reason)


def test_every_listed_error_has_reason():
    listed = {
        errno.ENOSPC,
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
        errno.ENOENT,
        errno.EIO,
        errno.EDQUOT,
        errno.ENAMETOOLONG,
        errno.EBUSY,
        errno.EISDIR,
        errno.ENOTDIR,
    }
    assert listed == set(REASONS)


def test_other_error_keeps_system_text():
    reason = os_error_reason(OSError(errno.EXDEV, os.strerror(errno.EXDEV)))

    assert reason.context == ""
    assert str(reason) == os.strerror(errno.EXDEV)


def test_error_without_errno_keeps_its_text():
    assert str(os_error_reason(OSError("the copy stopped"))) == "the copy stopped"


def test_domain_error_keeps_its_message(tmp_path):
    error = OutputPathError(DISK_FULL, path=tmp_path / "quote.pdf")

    assert os_error_reason(error) is error.message
