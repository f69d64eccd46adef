"""Designs saved at a kiosk under a short code, and the staff PIN that locks it.

Both live in the ``settings`` table, so no schema change is needed: a design
is stored as design-file JSON, encrypted with the key file's current key,
under ``kiosk_design:CODE``, and the PIN as an scrypt hash under
``kiosk_pin``. Customers never sign in, so the code is the
only link between a customer and the design they saved.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from datetime import datetime, timedelta

from designer.designs import Design, design_from_json
from storage.crypto import KIOSK_DESIGN_CONTEXT, KIOSK_DESIGN_PREFIX, key_ring
from storage.db import Database
from storage.messages import QT_TRANSLATE_NOOP, TranslatableError
from storage.repositories import get_setting, set_setting

logger = logging.getLogger(__name__)

# Letters and digits that cannot be mistaken for each other when read aloud
# or off a screen: no 0/O, 1/I/L, 2/Z, 5/S or 8/B.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
DESIGN_KEY_PREFIX = KIOSK_DESIGN_PREFIX
PIN_KEY = "kiosk_pin"
MIN_PIN_LENGTH = 4
# Wrong PINs in a row, and when the PIN pad opens again after too many.
PIN_FAILURES_KEY = "kiosk_pin.failures"
PIN_LOCKED_UNTIL_KEY = "kiosk_pin.locked_until"
# As for staff passwords: five wrong PINs in a row lock the pad for 15
# minutes, so that a 4-digit PIN cannot be tried through at the kiosk.
MAX_PIN_FAILURES = 5
PIN_LOCKOUT = timedelta(minutes=15)

# scrypt cost parameters: each check uses 128 * r * n bytes, 16 MiB.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1


class KioskCodeError(TranslatableError, ValueError):
    """A kiosk design code that is malformed or not found."""


class KioskPinLockedError(PermissionError):
    """Too many wrong kiosk PINs in a row; ``until`` is when the pad opens."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(
            f"Too many wrong PINs: the PIN pad is locked until "
            f"{until:%H:%M}; wait, or ask an administrator to set a new PIN"
        )


def normalise_code(code: str) -> str:
    """Return ``code`` in upper case without spaces or dashes.

    Raises
    ------
    KioskCodeError
        If the code does not have six characters of the code alphabet.
    """
    cleaned = code.strip().upper().replace(" ", "").replace("-", "")
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        raise KioskCodeError(
            QT_TRANSLATE_NOOP(
                "Kiosk",
                "kiosk design code {code!r} is invalid: a code has {length} "
                "characters from {alphabet}; check it against the receipt",
            ),
            code=code,
            length=CODE_LENGTH,
            alphabet=CODE_ALPHABET,
        )
    return cleaned


def save_kiosk_design(database: Database, design: Design) -> str:
    """Store ``design`` under a new random code and return the code."""
    text = json.dumps(design.to_json(), ensure_ascii=False)
    sealed = key_ring().encrypt(text, KIOSK_DESIGN_CONTEXT)
    with database.session() as session:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if get_setting(session, DESIGN_KEY_PREFIX + code) is None:
                break
        set_setting(session, DESIGN_KEY_PREFIX + code, sealed)
    logger.info("kiosk design %s saved for product %s", code, design.product)
    return code


def load_kiosk_design(database: Database, code: str) -> Design:
    """Return the design saved under ``code``.

    Raises
    ------
    KioskCodeError
        If the code is malformed or no design was saved under it.
    storage.crypto.DecryptionError
        If the key file cannot open the stored design.
    """
    code = normalise_code(code)
    with database.session(readonly=True) as session:
        sealed = get_setting(session, DESIGN_KEY_PREFIX + code)
    if sealed is None:
        raise KioskCodeError(
            QT_TRANSLATE_NOOP(
                "Kiosk",
                "no kiosk design has the code {code}; check the code on the receipt",
            ),
            code=code,
        )
    text = key_ring().decrypt(sealed, KIOSK_DESIGN_CONTEXT)
    return design_from_json(json.loads(text), f"kiosk design {code}")


def set_kiosk_pin(database: Database, pin: str) -> None:
    """Store a salted scrypt hash of the staff PIN that unlocks the kiosk.

    Raises
    ------
    ValueError
        If the PIN is shorter than four digits or contains anything else.
    """
    if len(pin) < MIN_PIN_LENGTH or not pin.isdigit():
        raise ValueError(
            f"kiosk PIN is invalid: it needs at least {MIN_PIN_LENGTH} digits "
            "and nothing else; choose another PIN"
        )
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt)
    with database.session() as session:
        set_setting(session, PIN_KEY, f"scrypt${salt.hex()}${digest.hex()}")
    logger.info("kiosk PIN changed")


def has_kiosk_pin(database: Database) -> bool:
    """Return whether staff have set a kiosk PIN."""
    with database.session(readonly=True) as session:
        return get_setting(session, PIN_KEY) is not None


def check_kiosk_pin(
    database: Database, pin: str, *, now: datetime | None = None
) -> bool:
    """Return whether ``pin`` matches the stored PIN; ``False`` when none is set.

    Wrong PINs are counted in the database, which every kiosk of the store
    shares; the count starts again after a right one.

    Raises
    ------
    KioskPinLockedError
        On the :data:`MAX_PIN_FAILURES`-th wrong PIN in a row, and then
        until :data:`PIN_LOCKOUT` has passed, whatever PIN is given.
    """
    now = now or datetime.now()
    with database.session(readonly=True) as session:
        stored = get_setting(session, PIN_KEY)
        locked_until = get_setting(session, PIN_LOCKED_UNTIL_KEY)
    if locked_until is not None and now < datetime.fromisoformat(locked_until):
        raise KioskPinLockedError(datetime.fromisoformat(locked_until))
    if stored is None:
        return False
    scheme, salt_hex, digest_hex = stored.split("$")
    if scheme != "scrypt":
        logger.warning("kiosk PIN hash uses unknown scheme %s", scheme)
        return False
    digest = _scrypt(pin, bytes.fromhex(salt_hex))
    right = hmac.compare_digest(digest, bytes.fromhex(digest_hex))
    locked = None
    with database.session() as session:
        if right:
            set_setting(session, PIN_FAILURES_KEY, "0")
            return True
        failures = int(get_setting(session, PIN_FAILURES_KEY) or "0") + 1
        if failures >= MAX_PIN_FAILURES:
            failures = 0
            locked = now + PIN_LOCKOUT
            set_setting(session, PIN_LOCKED_UNTIL_KEY, locked.isoformat())
            logger.warning("kiosk PIN pad locked after %s wrong PINs", MAX_PIN_FAILURES)
        set_setting(session, PIN_FAILURES_KEY, str(failures))
    if locked is not None:
        raise KioskPinLockedError(locked)
    return False


def _scrypt(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
