"""The ``store-settings`` subcommand: show or change the store's settings.

Every till and kiosk on the database prices, quotes and numbers orders by
these settings (see :mod:`designer.store`). Showing them needs no sign-in;
changing them needs ``--staff`` with an administrator's account. A change
is checked as a whole before anything is stored, so a rejected value
leaves every setting as it was.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import replace

from app.cli_privacy import EXIT_OK, open_database_as_is
from app.cli_staff import add_staff_option

logger = logging.getLogger(__name__)

# Options that change a setting: option name, settings field, help text.
CHANGES = (
    ("name", "name", "the store's name, printed on quotes"),
    ("currency", "currency", "the ISO 4217 code the store sells in, such as USD"),
    ("tax_rate", "tax_rate", "tax as a fraction of the net amount: 0.20 is 20 %%"),
    ("tax_name_en", None, "the tax's name on English documents, such as VAT"),
    ("tax_name_zh_CN", None, "the tax's name on Chinese documents, such as 增值税"),
    (
        "quote_validity_days",
        "quote_validity_days",
        "days a quote stays valid, at least 1",
    ),
    ("order_prefix", "order_prefix", "one to three capital letters before order ids"),
)


def add_store_command(commands) -> None:
    """Add ``store-settings`` to the ``commands`` subparsers."""
    parser = commands.add_parser(
        "store-settings",
        help="show or change the store's currency, tax, quote validity and order ids",
        description="Without options, print the store's settings. With "
        "options, change those settings for every till and kiosk on the "
        "database; that needs --staff with an administrator's account. "
        "Orders already placed keep the currency and tax they were quoted "
        "with.",
    )
    for option, _field, help_text in CHANGES:
        parser.add_argument(
            "--" + option.replace("_", "-"),
            dest=option,
            metavar="VALUE",
            help=help_text,
        )
    add_staff_option(parser)


def changes_settings(arguments) -> bool:
    """Return whether ``store-settings`` was given a setting to change."""
    return any(getattr(arguments, option) is not None for option, _, _ in CHANGES)


def command_store_settings(arguments) -> int:
    from app.cli import CommandError
    from designer.store import load_store_settings, save_store_settings

    database = open_database_as_is(arguments)
    try:
        with database.session(readonly=True) as session:
            current = load_store_settings(session)
    except ValueError as error:
        if not changes_settings(arguments):
            raise CommandError(str(error)) from None
        # A damaged stored value is replaced by the new settings as a whole.
        from designer.store import StoreSettings

        logger.warning("stored store settings are invalid: %s", error)
        current = StoreSettings()
    if not changes_settings(arguments):
        _print(current)
        return EXIT_OK
    try:
        changed = _changed(current, arguments)
    except ValueError as error:
        raise CommandError(str(error)) from None
    with database.session() as session:
        save_store_settings(session, changed)
    staff = arguments.staff_session
    logger.info(
        "store settings changed by %s",
        "the system" if staff is None else staff.username,
    )
    _print(changed)
    _warn_unpriced(changed.currency)
    return EXIT_OK


def _warn_unpriced(currency: str) -> None:
    """Warn on stderr when the material price list has no price in ``currency``.

    The catalog's base prices and surcharges carry no currency and are
    used as they are, so they must be set in the store's currency as well.
    """
    from designer.pricing import load_material_prices

    other = sorted(
        {price.currency for price in load_material_prices().values()} - {currency}
    )
    if other:
        print(
            f"warning: the material price list is in {', '.join(other)}, not "
            f"{currency}; orders and quotes stop at the first material priced in "
            f"another currency until resources/material_prices.csv and the "
            f"catalog's base prices are given in {currency}",
            file=sys.stderr,
        )


def _changed(current, arguments):
    """Return ``current`` with the typed options applied, checked as a whole.

    Raises
    ------
    ValueError
        If a value is invalid, naming it, the rule and the fix.
    """
    values = {}
    for option, field, _help in CHANGES:
        typed = getattr(arguments, option)
        if typed is None or field is None:
            continue
        values[field] = _parsed(option, field, typed)
    tax_names = dict(current.tax_names)
    for language in ("en", "zh_CN"):
        typed = getattr(arguments, f"tax_name_{language}")
        if typed is not None:
            if not typed.strip():
                raise ValueError(
                    f"--tax-name-{language.replace('_', '-')} is empty; give the "
                    "tax's name, such as VAT"
                )
            tax_names[language] = typed.strip()
    return replace(current, tax_names=tax_names, **values)


def _parsed(option: str, field: str, typed: str):
    flag = "--" + option.replace("_", "-")
    if field == "tax_rate":
        from designer.pricing import read_decimal

        rate = read_decimal(typed)
        if not rate.is_finite():
            raise ValueError(
                f"{flag} {typed!r} is not a number; give a fraction such as 0.20 "
                "for 20 %"
            )
        return rate
    if field == "quote_validity_days":
        try:
            return int(typed)
        except ValueError:
            raise ValueError(
                f"{flag} {typed!r} is not a whole number of days; give one such as 30"
            ) from None
    if field == "name" and not typed.strip():
        raise ValueError(f"{flag} is empty; give the store's name")
    if field in ("currency", "order_prefix"):
        # Codes and prefixes are capital letters, however they were typed.
        return typed.strip().upper()
    return typed.strip()


def _print(settings) -> None:
    print(f"name\t{settings.name}")
    print(f"currency\t{settings.currency}")
    print(f"tax_rate\t{settings.tax_rate:f}")
    print(f"tax_name_en\t{settings.tax_names['en']}")
    print(f"tax_name_zh_CN\t{settings.tax_names['zh_CN']}")
    print(f"quote_validity_days\t{settings.quote_validity_days}")
    print(f"order_prefix\t{settings.order_prefix}")


STORE_COMMANDS = {"store-settings": command_store_settings}
