"""Country names in the interface language.

A customer's region is free text, and the demo data stores English country
names there. Qt's QLocale names a territory in English or in the languages
of its own locales, so it cannot give the Chinese name of, say, the United
Kingdom. The known names are therefore listed here and translated through
the Qt translator.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Countries"

# Common English names of countries, as staff and the demo data type them.
COUNTRY_NAMES = frozenset(
    (
        QT_TRANSLATE_NOOP("Countries", "Australia"),
        QT_TRANSLATE_NOOP("Countries", "Austria"),
        QT_TRANSLATE_NOOP("Countries", "Belgium"),
        QT_TRANSLATE_NOOP("Countries", "Brazil"),
        QT_TRANSLATE_NOOP("Countries", "Canada"),
        QT_TRANSLATE_NOOP("Countries", "China"),
        QT_TRANSLATE_NOOP("Countries", "Denmark"),
        QT_TRANSLATE_NOOP("Countries", "Finland"),
        QT_TRANSLATE_NOOP("Countries", "France"),
        QT_TRANSLATE_NOOP("Countries", "Germany"),
        QT_TRANSLATE_NOOP("Countries", "Hong Kong"),
        QT_TRANSLATE_NOOP("Countries", "India"),
        QT_TRANSLATE_NOOP("Countries", "Ireland"),
        QT_TRANSLATE_NOOP("Countries", "Italy"),
        QT_TRANSLATE_NOOP("Countries", "Japan"),
        QT_TRANSLATE_NOOP("Countries", "Macao"),
        QT_TRANSLATE_NOOP("Countries", "Netherlands"),
        QT_TRANSLATE_NOOP("Countries", "New Zealand"),
        QT_TRANSLATE_NOOP("Countries", "Norway"),
        QT_TRANSLATE_NOOP("Countries", "Portugal"),
        QT_TRANSLATE_NOOP("Countries", "Singapore"),
        QT_TRANSLATE_NOOP("Countries", "South Korea"),
        QT_TRANSLATE_NOOP("Countries", "Spain"),
        QT_TRANSLATE_NOOP("Countries", "Sweden"),
        QT_TRANSLATE_NOOP("Countries", "Switzerland"),
        QT_TRANSLATE_NOOP("Countries", "Taiwan"),
        QT_TRANSLATE_NOOP("Countries", "United Kingdom"),
        QT_TRANSLATE_NOOP("Countries", "United States"),
    )
)


# Segment labels carry a region in lower case, as the features name it.
_BY_FOLDED_NAME = {name.casefold(): name for name in COUNTRY_NAMES}


def country_name(value: str) -> str:
    """Return ``value`` in the interface language if it is a known country.

    The match ignores case and surrounding spaces. Other values, such as a
    city or a misspelt name, are returned as stored.
    """
    name = _BY_FOLDED_NAME.get(value.strip().casefold())
    if name is None:
        return value
    return QCoreApplication.translate(CONTEXT, name)
