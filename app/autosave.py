"""Autosave the open design, encrypted, and offer it back after a crash.

A design can hold a customer's sizes and engraving. So a few seconds after
each change it is encrypted with the key file's current key, like the
database's personal data (:mod:`storage.crypto`), and written atomically to
``autosave.enc`` in the data folder. A ``running`` marker file exists
while the studio runs and is removed on a clean exit, so finding both files
at start means the last session ended without closing, and the studio
offers to restore its design.

Older versions wrote the design as plain ``autosave.json``. At start such
a file is encrypted into ``autosave.enc``, or removed when an
``autosave.enc`` at least as new exists, so no plain copy stays while the
studio runs. After a crash the remaining design is offered once. An
autosave that the key file cannot open, and one that is damaged (not
UTF-8, not in the encrypted form, or not a design in JSON), is kept under
another name, and one dialog names the file, the reason and what to do. So
is a design that the catalog no longer accepts, once the customer asks to
restore it. A kept file never replaces an earlier one: the second is
``autosave-unreadable-2.enc``, and so on. When the rename fails, the file
stays where it is, the studio does not autosave over it or remove it, and
the dialog reports the failed rename. The dialogs follow a language switch.
``rotate-key`` re-encrypts an existing ``autosave.enc`` under the new key
(:func:`reencrypt_autosave`).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from app.domain_text import error_text, message_text, value_text
from designer.designs import (
    DesignFileError,
    design_from_json,
    resolve,
    write_text_atomic,
)
from storage.crypto import (
    DecryptionError,
    KeyFileError,
    KeyRing,
    key_file_path,
    key_id_of,
    key_ring,
)
from storage.db import APP_NAME, DATA_DIR_ENV
from storage.os_errors import os_error_reason

logger = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 3_000
AUTOSAVE_NAME = "autosave.enc"
# The plain autosave file of older versions.
LEGACY_AUTOSAVE_NAME = "autosave.json"
# New name of an autosave that the key file cannot open or that is damaged,
# kept for later.
UNREADABLE_AUTOSAVE_NAME = "autosave-unreadable.enc"
# New name of a plain autosave that is not a design in UTF-8 JSON.
UNREADABLE_LEGACY_NAME = "autosave-unreadable.json"
# Associated data of the autosave's ciphertext, as a column's name is for
# the database's encrypted values.
AUTOSAVE_CONTEXT = "autosave"
RUNNING_MARKER = "running"


def free_name(path: Path) -> Path:
    """Return ``path``, or the first of ``STEM-2.SUFFIX``, ``STEM-3.SUFFIX``...
    beside it that nothing occupies, so that a kept autosave never replaces
    an earlier one."""
    candidate = path
    number = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def data_folder() -> Path:
    """Return the user's data folder: ``$ATELIER_DATA_DIR`` or the platform's."""
    folder = os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(APP_NAME)
    return Path(folder).expanduser()


def write_autosave(path: Path, design_json: str) -> None:
    """Encrypt a design's JSON text and write it to ``path`` atomically.

    Raises
    ------
    OSError
        If the file cannot be written.
    storage.crypto.KeyFileError
        If the key file is invalid or others may access it.
    """
    sealed = key_ring().encrypt(design_json, AUTOSAVE_CONTEXT)
    write_text_atomic(path, sealed)


def read_autosave(path: Path) -> str:
    """Decrypt an autosave file written by :func:`write_autosave`; return its JSON.

    Raises
    ------
    OSError
        If the file cannot be read.
    storage.crypto.DecryptionError
        If the key file lacks the file's key, or the file was changed.
    storage.crypto.KeyFileError
        If the key file is invalid or others may access it.
    """
    return open_sealed(key_ring(), path.read_text(encoding="utf-8"))


def open_sealed(ring: KeyRing, sealed: str) -> str:
    """Decrypt an autosave's text with ``ring``; return the design JSON.

    ``KeyRing.decrypt`` phrases its errors for a value in the database,
    such as "restore the key file that belongs to this database", but an
    autosave is a file beside the database, so this phrases them for the
    file.

    Raises
    ------
    storage.crypto.DecryptionError
        If the text is not in the encrypted form, ``ring`` lacks its key, or
        it fails authentication; the message starts with "it".
    ValueError
        If the text after the key id is not base64.
    """
    key_id = key_id_of(sealed)
    if key_id is None:
        raise DecryptionError(
            "it is not in the encrypted form v2:KEY_ID:BASE64 that the studio writes"
        )
    if key_id not in ring.keys:
        raise DecryptionError(
            f"it was encrypted under key {key_id}, which is not in the key file, "
            "so another key file was in use when the studio wrote it"
        )
    try:
        return ring.decrypt(sealed, AUTOSAVE_CONTEXT)
    except DecryptionError:
        raise DecryptionError(
            f"it cannot be decrypted under key {key_id} of the key file, so it "
            "was changed or damaged after the studio wrote it"
        ) from None


def reencrypt_autosave(path: Path, ring: KeyRing) -> bool:
    """Re-encrypt the autosave at ``path`` under ``ring``'s current key.

    Returns ``False`` when there is no file, ``True`` after rewriting it
    atomically. Key rotation calls this while the key file contains the old
    and the new key.

    NOTE: a studio that autosaves between this read and the write loses
    that autosave until its next change is autosaved.

    Raises
    ------
    OSError
        If the file cannot be read or written.
    storage.crypto.DecryptionError
        If no key of ``ring`` opens the file, or it is damaged; the file is
        left unchanged.
    """
    try:
        sealed = path.read_bytes()
    except FileNotFoundError:
        return False
    try:
        design_json = open_sealed(ring, sealed.decode("utf-8"))
    except DecryptionError:
        raise
    except ValueError as error:
        # Not UTF-8 or not base64: the file is damaged.
        raise DecryptionError(f"{path} is damaged: {error}") from None
    write_text_atomic(path, ring.encrypt(design_json, AUTOSAVE_CONTEXT))
    logger.info("Re-encrypted autosave %s under key %s", path, ring.current_id)
    return True


def not_renamed_text(path: Path, error: OSError) -> str:
    """Say in the interface language that ``path`` could not be renamed aside,
    why, where the design is now and what to do.

    :func:`storage.os_errors.os_error_reason` words the reason, so the
    system's English text shows only for an error that it does not word.
    The log keeps that text for every error.
    """
    return QCoreApplication.translate(
        "Autosaver",
        "The studio could not rename {path} to {kept}: {error}. The file stays "
        "at {path}, and the studio does not autosave over it while it is there. "
        "Move it to another folder to keep it, or delete it when you no longer "
        "need it.",
    ).format(
        path=path,
        kept=error.filename2,
        error=message_text(os_error_reason(error)),
    )


class DamagedAutosaveError(ValueError):
    """An autosave file that is damaged, so that no key file can make a design of it.

    ``reason()`` returns why, worded in the interface language at the time
    of the call.
    """

    def __init__(self, reason: Callable[[], str]) -> None:
        super().__init__(reason())
        self.reason = reason


def _parse_design(text: str, path: Path) -> str:
    """Check that ``text`` is a design in JSON form and return it.

    Raises
    ------
    DamagedAutosaveError
        If it is not JSON or not a design.
    """
    try:
        design_from_json(json.loads(text), path)
    except (ValueError, RecursionError, DesignFileError) as error:
        raise DamagedAutosaveError(lambda error=error: damage_reason(error)) from None
    return text


def damage_reason(error: Exception) -> str:
    """Say in the interface language why an autosave file cannot be read."""
    if isinstance(error, UnicodeDecodeError):
        return QCoreApplication.translate("Autosaver", "it is not UTF-8 text")
    if isinstance(error, json.JSONDecodeError):
        return QCoreApplication.translate(
            "Autosaver", "it is not JSON (line {line}, column {column})"
        ).format(line=error.lineno, column=error.colno)
    if isinstance(error, RecursionError):
        return QCoreApplication.translate(
            "Autosaver", "its lists or objects nest more deeply than Python can read"
        )
    return error_text(error)


def rejected_values_text(error: DesignFileError) -> str:
    """Return the values that the catalog rejects in a design, with the
    reasons, in the interface language.

    The text leaves out the file's path and the advice to correct the file,
    because an autosave is encrypted and its path changes when it is kept.
    """
    values = error.message.values
    if "problems" in values:
        return str(value_text(values["problems"]))
    reason = str(value_text(values.get("reason", error.reason)))
    return f"{error.field}: {reason}" if error.field else reason


class Autosaver(QObject):
    """Saves ``window``'s design after changes and offers it back after a crash.

    Parameters
    ----------
    window
        A main window with ``catalog``, ``session``, ``design_changed`` and
        ``open_read_design``.
    folder
        Where the autosave file and the running marker live.
    delay_ms
        Time after the last change before the design is written.
    """

    saved = Signal(Path)

    def __init__(self, window, folder: Path, delay_ms: int = AUTOSAVE_DELAY_MS):
        super().__init__(window)
        self.window = window
        self.path = folder / AUTOSAVE_NAME
        self.legacy_path = folder / LEGACY_AUTOSAVE_NAME
        self.unreadable_path = folder / UNREADABLE_AUTOSAVE_NAME
        self.unreadable_legacy_path = folder / UNREADABLE_LEGACY_NAME
        self.marker = folder / RUNNING_MARKER
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        self.offer: QMessageBox | None = None
        self.unreadable_notice: QMessageBox | None = None
        self._recovered = ""
        # Autosave files that could not be renamed aside, so the studio
        # neither writes over them nor removes them.
        self._held: set[Path] = set()
        # Problems found at start, each a function that words a paragraph of
        # the one warning dialog in the interface language.
        self._problems: list[Callable[[], str]] = []
        crashed = self.marker.exists()
        folder.mkdir(parents=True, exist_ok=True)
        self.marker.write_text(str(os.getpid()), encoding="utf-8")
        window.design_changed.connect(self.timer.start)
        if self.legacy_path.exists():
            self._settle_legacy()
        if crashed and self.path.exists():
            self.offer_restore()
        if self._problems:
            self._show_unreadable_notice()

    def save_now(self) -> None:
        """Write the open design to the autosave file; log a failure."""
        self.timer.stop()
        if self.window.session is None:
            return
        if self.path in self._held and self.path.exists():
            logger.warning(
                "autosave skipped: %s contains a design that could not be renamed; "
                "move the file to resume autosaving",
                self.path,
            )
            return
        self._held.discard(self.path)
        design_json = json.dumps(self.window.session.design().to_json(), indent=2)
        try:
            write_autosave(self.path, design_json)
        except (OSError, KeyFileError) as error:
            logger.warning("autosave to %s failed: %s", self.path, error)
            return
        self.saved.emit(self.path)

    def offer_restore(self) -> QMessageBox | None:
        """Ask whether to restore the design open when the studio last stopped.

        An autosave that the key file cannot open, or that is damaged, is
        moved aside instead, and the start-up warning names it, the reason
        and what to do. Returns the offer, or ``None`` then.
        """
        try:
            # Read the file now: the window's first change overwrites it.
            self._recovered = self._read_recovered()
        except DamagedAutosaveError as error:
            self._set_aside_damaged(self.path, self.unreadable_path, error.reason)
            return None
        except (DecryptionError, KeyFileError) as error:
            self._set_aside_locked(error)
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "",
            "",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setObjectName("restore_offer")
        box.accepted.connect(self._restore)
        box.installEventFilter(self)
        self.offer = box
        self._word_offer()
        box.show()
        return box

    def _word_offer(self) -> None:
        translate = QCoreApplication.translate
        self.offer.setWindowTitle(translate("Autosaver", "Restore design"))
        self.offer.setText(
            translate(
                "Autosaver",
                "The studio did not close properly last time. Restore the "
                "design that was open?",
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Word the restore offer and the warning again on a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            if watched is self.offer:
                self._word_offer()
            elif watched is self.unreadable_notice:
                self._word_unreadable_notice()
        return super().eventFilter(watched, event)

    def _read_recovered(self) -> str:
        """Decrypt ``autosave.enc`` and return its design JSON.

        Raises
        ------
        DamagedAutosaveError
            If the file is not UTF-8, not in the encrypted form, or does
            not decrypt to a design in JSON form.
        storage.crypto.DecryptionError, storage.crypto.KeyFileError
            If the key file cannot open it.
        """
        try:
            stored = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise DamagedAutosaveError(
                lambda error=error: damage_reason(error)
            ) from None
        if key_id_of(stored) is None:
            raise DamagedAutosaveError(
                lambda: QCoreApplication.translate(
                    "Autosaver",
                    "it is not in the encrypted form v2:KEY_ID:BASE64 that the "
                    "studio writes",
                )
            )
        try:
            text = read_autosave(self.path)
        except DecryptionError:
            raise
        except ValueError as error:
            # Text that base64 cannot decode, or a plaintext that is not UTF-8.
            raise DamagedAutosaveError(
                lambda error=error: damage_reason(error)
            ) from None
        return _parse_design(text, self.path)

    def _settle_legacy(self) -> None:
        """Encrypt or remove the plain ``autosave.json`` of an older version.

        Of a plain file and ``autosave.enc`` side by side, the one modified
        later wins, because it contains the later state of the design. On a
        tie the encrypted one wins, since only this version writes it. A
        plain file that is not a design in UTF-8 JSON is moved aside.
        """
        try:
            plain = _parse_design(
                self.legacy_path.read_bytes().decode("utf-8"), self.legacy_path
            )
        except UnicodeDecodeError as error:
            self._set_aside_damaged(
                self.legacy_path,
                self.unreadable_legacy_path,
                lambda error=error: damage_reason(error),
            )
            return
        except DamagedAutosaveError as error:
            self._set_aside_damaged(
                self.legacy_path, self.unreadable_legacy_path, error.reason
            )
            return
        legacy_time = self.legacy_path.stat().st_mtime_ns
        if self.path.exists() and self.path.stat().st_mtime_ns >= legacy_time:
            self.legacy_path.unlink()
            logger.info(
                "removed the plain autosave %s: %s is at least as new",
                self.legacy_path,
                self.path,
            )
            return
        try:
            write_autosave(self.path, plain)
        except (OSError, KeyFileError) as error:
            # The plain file stays, so the design is not lost. A clean exit
            # removes it.
            logger.error(
                "plain autosave %s not encrypted, kept: %s", self.legacy_path, error
            )
            return
        self.legacy_path.unlink()
        logger.info(
            "encrypted the plain autosave %s into %s", self.legacy_path, self.path
        )

    def _set_aside(self, path: Path, kept: Path) -> Path | OSError:
        """Rename ``path`` to ``kept``, or to a free name beside it.

        Returns the new path, or the error when the rename failed. The file
        then stays at ``path``, and the studio neither autosaves over it nor
        removes it.
        """
        target = free_name(kept)
        try:
            os.replace(path, target)
        except OSError as error:
            logger.error("autosave %s not renamed to %s: %s", path, target, error)
            self._held.add(path)
            return error
        logger.info("autosave %s kept as %s", path, target)
        return target

    def _set_aside_damaged(
        self, path: Path, kept: Path, reason: Callable[[], str]
    ) -> None:
        """Move a damaged autosave to ``kept``; ``reason()`` words why it is
        damaged in the interface language."""
        moved = self._set_aside(path, kept)
        logger.error("autosave %s is damaged: %s", path, reason())
        if isinstance(moved, OSError):
            self._problems.append(
                lambda: " ".join(
                    [
                        QCoreApplication.translate(
                            "Autosaver",
                            "The autosave file {path} cannot be read: {reason}.",
                        ).format(path=path, reason=reason()),
                        not_renamed_text(path, moved),
                    ]
                )
            )
            return
        self._problems.append(
            lambda: QCoreApplication.translate(
                "Autosaver",
                "The autosave file {path} cannot be read: {reason}. It was kept "
                "as {kept}, and the studio cannot restore a design from it. "
                "Delete {kept} when you no longer need it.",
            ).format(path=path, reason=reason(), kept=moved)
        )

    def _set_aside_locked(self, error: Exception) -> None:
        moved = self._set_aside(self.path, self.unreadable_path)
        logger.error("autosave %s cannot be decrypted: %s", self.path, error)
        key_file = key_file_path()
        if isinstance(moved, OSError):
            self._problems.append(
                lambda: " ".join(
                    [
                        QCoreApplication.translate(
                            "Autosaver",
                            "The design saved when the studio last stopped cannot "
                            "be decrypted with the key file {key_file}: {error}.",
                        ).format(key_file=key_file, error=error),
                        not_renamed_text(self.path, moved),
                    ]
                )
            )
            return
        self._problems.append(
            lambda: QCoreApplication.translate(
                "Autosaver",
                "The design saved when the studio last stopped cannot be "
                "decrypted with the key file {key_file}: {error}. It was kept as "
                "{kept}. To restore it, quit, put back the key file that was in "
                "use then, rename {kept} to {name} and start the studio again.",
            ).format(
                key_file=key_file,
                error=error,
                kept=moved,
                name=AUTOSAVE_NAME,
            )
        )

    def _show_unreadable_notice(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "",
            "",
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("autosave_unreadable")
        box.installEventFilter(self)
        self.unreadable_notice = box
        self._word_unreadable_notice()
        box.show()
        return box

    def _word_unreadable_notice(self) -> None:
        self.unreadable_notice.setWindowTitle(
            QCoreApplication.translate("Autosaver", "Autosave not restored")
        )
        self.unreadable_notice.setText("\n\n".join(text() for text in self._problems))

    def _restore(self) -> None:
        try:
            design = design_from_json(json.loads(self._recovered), self.path)
            # Checked here, so that the one warning gives the reason and the
            # file's new name.
            resolve(design, self.window.catalog, self.path)
        except DesignFileError as error:
            self._set_aside_unrestorable(error)
            return
        except (ValueError, RecursionError) as error:
            logger.warning("autosave %s is not a design: %s", self.path, error)
            return
        if self.window.open_read_design(design, self.path):
            logger.info("restored the autosaved design")
        else:
            # The window keeps an unsaved order revision on screen: staff
            # cancelled, or it opens the design once the revision is saved.
            logger.info("autosaved design not opened over an unsaved revision")

    def _set_aside_unrestorable(self, error: DesignFileError) -> None:
        """Move an autosaved design that the catalog no longer accepts aside,
        because the window's next change would overwrite it, and show the
        warning that gives the reasons and the file's new name."""
        moved = self._set_aside(self.path, self.unreadable_path)
        logger.error("autosave %s not restored: %s", self.path, error)
        if isinstance(moved, OSError):
            self._problems = [
                lambda: "\n\n".join(
                    [
                        QCoreApplication.translate(
                            "Autosaver",
                            "The design saved when the studio last stopped cannot "
                            "be opened, because the catalog rejects these "
                            "values:\n{reason}",
                        ).format(reason=rejected_values_text(error)),
                        not_renamed_text(self.path, moved),
                    ]
                )
            ]
        else:
            self._problems = [
                lambda: QCoreApplication.translate(
                    "Autosaver",
                    "The design saved when the studio last stopped cannot be "
                    "opened, because the catalog rejects these values:\n{reason}"
                    "\n\nThe studio renamed {path} to {kept}, so that the next "
                    "autosave does not overwrite it. Delete {kept} when you no "
                    "longer need it.",
                ).format(
                    reason=rejected_values_text(error),
                    path=self.path,
                    kept=moved,
                )
            ]
        self._show_unreadable_notice()

    def clean_exit(self) -> None:
        """Remove the autosave file and the marker after a normal close.

        A kept design that could not be renamed stays, and so does the
        marker while ``autosave.enc`` is one, so that the next start offers
        it again and tries the rename once more.
        """
        self.timer.stop()
        for path in (self.path, self.legacy_path):
            if path not in self._held:
                path.unlink(missing_ok=True)
        if self.path not in self._held or not self.path.exists():
            self.marker.unlink(missing_ok=True)
