"""The order id and the spec revision that every document of a package shows."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

DRAFT_ORDER_ID = "DRAFT"
"""Order id of a package exported from a design that has no order."""

ORDER_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
"""Accepted order ids: they go into file contents, DXF labels and the QR code."""

REVISION_PATTERN = re.compile(r"[0-9a-f]{8}")


def spec_revision(
    product_id: str, catalog_sha256: str, values: Mapping[str, Any]
) -> str:
    """Return the 8-hex-digit revision of a design.

    The revision is the start of the SHA-256 of the canonical JSON (sorted
    keys, no spaces, UTF-8) of the product id, the catalog file's hash and
    the parameter values. Any change of a value or of the catalog file
    changes it; the same design always gets the same revision.
    """
    canonical = json.dumps(
        {"product": product_id, "catalog_sha256": catalog_sha256, "values": values},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def check_order_id(order_id: str | None) -> str:
    """Return the order id to print, ``DRAFT_ORDER_ID`` for ``None``.

    Raises
    ------
    ValueError
        When the id is not 1 to 40 letters, digits, ``.``, ``_`` or ``-``
        starting with a letter or digit.
    """
    if order_id is None:
        return DRAFT_ORDER_ID
    if not isinstance(order_id, str) or not ORDER_ID_PATTERN.fullmatch(order_id):
        raise ValueError(
            f"invalid order id {order_id!r}: use 1 to 40 letters, digits, '.', "
            "'_' or '-', starting with a letter or digit, such as 'A-1001'"
        )
    return order_id


def check_revision(revision: str) -> str:
    """Return ``revision`` after checking that it is 8 lowercase hex digits."""
    if not isinstance(revision, str) or not REVISION_PATTERN.fullmatch(revision):
        raise ValueError(
            f"invalid spec revision {revision!r}: use 8 lowercase hex digits as "
            "spec_revision() returns them, such as '3fa85f64'"
        )
    return revision
