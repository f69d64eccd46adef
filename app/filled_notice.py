"""Word the notice for a design opened without values for some options.

A design saved before the catalog offered an option, such as a cabinet
saved before its handles could be chosen, opens with that option's
default. The notice names each such option, the value it was set to, and
the price lines that the new values bring, so the customer is not
surprised by a changed price.

An order opened for revision words its notice differently. Options that
the order was placed without choosing kept their defaults when it was
priced, so the order's price already includes them. Only options that the
catalog offered after the order was placed change the price.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.i18n import format_money
from app.values import display_value, label_in
from designer.catalog import CatalogModel
from designer.pricing import PriceLine, lines_priced_by
from designer.session import DesignSession
from rules.text import in_sentence


def filled_notice(
    session: DesignSession, names: Collection[str], currency: str
) -> Callable[[str], str]:
    """Return a function that words the notice for ``session`` in a language.

    ``names`` are the parameters that the opened design had no value for,
    as :func:`designer.designs.missing_parameters` returns them, and
    ``currency`` is the currency of the price shown. The values and price
    lines are taken now, so later changes to ``session`` leave the notice
    as it was when the design opened.
    """
    model = session.model
    filled = {name: session.values[name] for name in names}
    derived = session.evaluation.derived
    lines = lines_priced_by(model, names, session.values, derived, currency)
    return lambda language: filled_text(model, filled, lines, currency, language)


def order_filled_notice(
    session: DesignSession,
    names: Collection[str],
    offered_later: Collection[str],
    currency: str,
) -> Callable[[str], str]:
    """Return a function that words the notice for an order opened for
    revision in a language.

    ``names`` are the parameters that the studio set to their defaults, as
    :attr:`designer.order_revision.OpenedOrderDesign.filled` lists them,
    and ``offered_later`` are those of them that the catalog offered after
    the order was placed. Like :func:`filled_notice`, it takes the values
    and price lines now.
    """
    model = session.model
    placed_without = {
        name: session.values[name] for name in names if name not in offered_later
    }
    added = {name: session.values[name] for name in names if name in offered_later}
    derived = session.evaluation.derived
    lines = lines_priced_by(model, added, session.values, derived, currency)

    def text(language: str) -> str:
        return order_filled_text(
            model, placed_without, added, lines, currency, language
        )

    return text


def filled_text(
    model: CatalogModel,
    filled: Mapping[str, Any],
    lines: Sequence[PriceLine],
    currency: str,
    language: str,
) -> str:
    """Return the notice for a design opened with ``filled`` set by the studio.

    ``filled`` maps each parameter the design had no value for to the value
    it now has, and ``lines`` are the price lines those values bring, in
    ``currency``. The text is in the interface language, whose code is
    ``language``.
    """
    translate = QCoreApplication.translate
    single = translate(
        "FilledValues",
        "This design was saved before '{option}' was offered; set to {value}.",
    )
    listing = translate(
        "FilledValues",
        "This design was saved before these options were offered: {set}.",
    )
    text = _settings_sentence(model, filled, single, listing, language)
    return _with_price(text, lines, currency, language)


def order_filled_text(
    model: CatalogModel,
    placed_without: Mapping[str, Any],
    offered_later: Mapping[str, Any],
    lines: Sequence[PriceLine],
    currency: str,
    language: str,
) -> str:
    """Return the notice for an order opened for revision with options that
    the studio set to their defaults.

    ``placed_without`` maps each option that the order was placed without
    choosing to its value, which the order's price includes.
    ``offered_later`` maps each option that the catalog offered after the
    order was placed to the value it is now set to, and ``lines`` are the
    price lines those values bring, in ``currency``.
    """
    translate = QCoreApplication.translate
    sentences = []
    if placed_without:
        single = translate(
            "FilledValues",
            "This order was placed without choosing '{option}'; it is set to "
            "{value}, as in the order's price.",
        )
        listing = translate(
            "FilledValues",
            "This order was placed without choosing these options; they are "
            "set as in the order's price: {set}.",
        )
        sentences.append(
            _settings_sentence(model, placed_without, single, listing, language)
        )
    if offered_later:
        single = translate(
            "FilledValues",
            "This order was placed before '{option}' was offered; set to {value}.",
        )
        listing = translate(
            "FilledValues",
            "This order was placed before these options were offered: {set}.",
        )
        offered = _settings_sentence(model, offered_later, single, listing, language)
        sentences.append(_with_price(offered, lines, currency, language))
    if len(sentences) < 2:
        return "".join(sentences)
    first, second = sentences
    # Chinese sentences follow each other without a space.
    return translate("FilledValues", "{first} {second}").format(
        first=first, second=second
    )


def _with_price(
    text: str, lines: Sequence[PriceLine], currency: str, language: str
) -> str:
    """Return ``text`` followed by the sentence that names ``lines``, if any."""
    if not lines:
        return text
    price = _price_sentence(lines, currency, language)
    return QCoreApplication.translate("FilledValues", "{notice} {price}").format(
        notice=text, price=price
    )


def _settings_sentence(
    model: CatalogModel,
    filled: Mapping[str, Any],
    single: str,
    listing: str,
    language: str,
) -> str:
    """Return the sentence that names each filled option and its value.

    ``single`` is the translated sentence for a single option, with the
    placeholders ``{option}`` and ``{value}``, and ``listing`` the sentence
    for more, with ``{set}`` for the list of options and values.
    """
    translate = QCoreApplication.translate
    settings = [
        _setting(model, name, value, language) for name, value in filled.items()
    ]
    if len(settings) == 1:
        label, value = settings[0]
        return single.format(option=label, value=value)
    item = translate("FilledValues", "'{option}' set to {value}")
    separator = translate("FilledValues", "; ")
    items = separator.join(
        item.format(option=label, value=value) for label, value in settings
    )
    return listing.format(set=items)


def _price_sentence(lines: Sequence[PriceLine], currency: str, language: str) -> str:
    """Return the sentence that names the price lines and their amounts."""
    separator = QCoreApplication.translate("FilledValues", ", ")
    amounts = separator.join(
        f"{line.label(language)} {currency} {format_money(line.amount, currency)}"
        for line in lines
    )
    return QCoreApplication.translate(
        "FilledValues", "The price now includes {lines}."
    ).format(lines=amounts)


def _setting(
    model: CatalogModel, name: str, value: Any, language: str
) -> tuple[str, str]:
    """Return the option's label and its value as a sentence shows them."""
    parameter = model.parameter(name)
    label = label_in(parameter.labels, language, name)
    return label, in_sentence(display_value(parameter, value, language), language)
