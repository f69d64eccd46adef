"""Word customer segment labels in the interface language.

A segment stores its label in English, for the command line and exports,
and a description of the feature columns behind it (see
:func:`recommender.segments.segment_label`). :func:`segment_text` words
that description again through the installed Qt translator. A region that
is a known country is named through :mod:`app.countries`, a known product
category or material family by the tables below, and a material by its
label in resources/materials.csv. Other regions and categories are the
customers' own names, so they stay as stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app import i18n
from app.countries import country_name
from models3d.materials import load_materials
from recommender import segments
from recommender.features import FAMILIES, PRICE_BANDS
from recommender.segments import ALIKE, TOO_FEW, description_from_label, one_hot_value
from storage.schema import AgeBand, Gender

CONTEXT = "SegmentLabels"

# The words for a centroid above or below the average in a behaviour
# column, as recommender.segments words them in English.
BEHAVIOUR_WORDS = {
    "recency_days": (
        QT_TRANSLATE_NOOP("SegmentLabels", "lapsed"),
        QT_TRANSLATE_NOOP("SegmentLabels", "recently active"),
    ),
    "tenure_days": (
        QT_TRANSLATE_NOOP("SegmentLabels", "long-standing"),
        QT_TRANSLATE_NOOP("SegmentLabels", "new"),
    ),
    "frequency": (
        QT_TRANSLATE_NOOP("SegmentLabels", "frequent buyers"),
        QT_TRANSLATE_NOOP("SegmentLabels", "rare buyers"),
    ),
    "monetary": (
        QT_TRANSLATE_NOOP("SegmentLabels", "big spenders"),
        QT_TRANSLATE_NOOP("SegmentLabels", "small spenders"),
    ),
    "average_order_value": (
        QT_TRANSLATE_NOOP("SegmentLabels", "large orders"),
        QT_TRANSLATE_NOOP("SegmentLabels", "small orders"),
    ),
    "sessions": (
        QT_TRANSLATE_NOOP("SegmentLabels", "many visits"),
        QT_TRANSLATE_NOOP("SegmentLabels", "few visits"),
    ),
    "events": (
        QT_TRANSLATE_NOOP("SegmentLabels", "very active"),
        QT_TRANSLATE_NOOP("SegmentLabels", "quiet"),
    ),
    "views": (
        QT_TRANSLATE_NOOP("SegmentLabels", "many views"),
        QT_TRANSLATE_NOOP("SegmentLabels", "few views"),
    ),
    "searches": (
        QT_TRANSLATE_NOOP("SegmentLabels", "searchers"),
        QT_TRANSLATE_NOOP("SegmentLabels", "few searches"),
    ),
    "favourites": (
        QT_TRANSLATE_NOOP("SegmentLabels", "many favourites"),
        QT_TRANSLATE_NOOP("SegmentLabels", "few favourites"),
    ),
    "cart_adds": (
        QT_TRANSLATE_NOOP("SegmentLabels", "fill carts"),
        QT_TRANSLATE_NOOP("SegmentLabels", "rarely use the cart"),
    ),
    "cart_removals": (
        QT_TRANSLATE_NOOP("SegmentLabels", "change carts"),
        QT_TRANSLATE_NOOP("SegmentLabels", "keep carts"),
    ),
    "purchases": (
        QT_TRANSLATE_NOOP("SegmentLabels", "many purchases"),
        QT_TRANSLATE_NOOP("SegmentLabels", "few purchases"),
    ),
    "ratings": (
        QT_TRANSLATE_NOOP("SegmentLabels", "raters"),
        QT_TRANSLATE_NOOP("SegmentLabels", "rarely rate"),
    ),
    "reviews": (
        QT_TRANSLATE_NOOP("SegmentLabels", "reviewers"),
        QT_TRANSLATE_NOOP("SegmentLabels", "rarely review"),
    ),
    "saved_designs": (
        QT_TRANSLATE_NOOP("SegmentLabels", "designers"),
        QT_TRANSLATE_NOOP("SegmentLabels", "rarely save designs"),
    ),
    "mean_rating": (
        QT_TRANSLATE_NOOP("SegmentLabels", "rate highly"),
        QT_TRANSLATE_NOOP("SegmentLabels", "rate low"),
    ),
}
# Templates of a one-hot column's word, by the column's prefix.
ONE_HOT_TEMPLATES = {
    "age_band_": QT_TRANSLATE_NOOP("SegmentLabels", "aged {value}"),
    "gender_": "{value}",
    "region_": QT_TRANSLATE_NOOP("SegmentLabels", "from {value}"),
    "family_share_": "{value}",
    "category_share_": "{value}",
    "material_share_": "{value}",
    "price_share_": QT_TRANSLATE_NOOP("SegmentLabels", "{value} price"),
}
# Words of the age bands that are not a range, which Chinese words apart
# from "aged {value}".
AGE_WORDS = {
    "age_band_" + AgeBand.UNDER_25.value: QT_TRANSLATE_NOOP(
        "SegmentLabels", "aged under 25"
    ),
    "age_band_" + AgeBand.FROM_65.value: QT_TRANSLATE_NOOP(
        "SegmentLabels", "aged 65 plus"
    ),
}
# Names of the values that the studio itself defines.
VALUE_NAMES = {
    "gender_": {
        Gender.FEMALE.value: QT_TRANSLATE_NOOP("SegmentLabels", "female"),
        Gender.MALE.value: QT_TRANSLATE_NOOP("SegmentLabels", "male"),
        Gender.OTHER.value: QT_TRANSLATE_NOOP("SegmentLabels", "other"),
    },
    "family_share_": {
        FAMILIES[0]: QT_TRANSLATE_NOOP("SegmentLabels", "jewelry"),
        FAMILIES[1]: QT_TRANSLATE_NOOP("SegmentLabels", "shoes"),
        FAMILIES[2]: QT_TRANSLATE_NOOP("SegmentLabels", "furniture"),
        FAMILIES[3]: QT_TRANSLATE_NOOP("SegmentLabels", "other"),
    },
    "price_share_": {
        PRICE_BANDS[0]: QT_TRANSLATE_NOOP("SegmentLabels", "low"),
        PRICE_BANDS[1]: QT_TRANSLATE_NOOP("SegmentLabels", "mid"),
        PRICE_BANDS[2]: QT_TRANSLATE_NOOP("SegmentLabels", "high"),
    },
}
# Names of the product categories that resources/product_families.toml
# lists and of the material families in resources/materials.csv. Other
# categories, such as those of products imported from sales files, stay as
# stored.
CATEGORY_NAMES = {
    "ring": QT_TRANSLATE_NOOP("SegmentLabels", "rings"),
    "necklace": QT_TRANSLATE_NOOP("SegmentLabels", "necklaces"),
    "bracelet": QT_TRANSLATE_NOOP("SegmentLabels", "bracelets"),
    "earring": QT_TRANSLATE_NOOP("SegmentLabels", "earrings"),
    "pendant": QT_TRANSLATE_NOOP("SegmentLabels", "pendants"),
    "bangle": QT_TRANSLATE_NOOP("SegmentLabels", "bangles"),
    "shoe": QT_TRANSLATE_NOOP("SegmentLabels", "shoes"),
    "boot": QT_TRANSLATE_NOOP("SegmentLabels", "boots"),
    "sandal": QT_TRANSLATE_NOOP("SegmentLabels", "sandals"),
    "table": QT_TRANSLATE_NOOP("SegmentLabels", "tables"),
    "chair": QT_TRANSLATE_NOOP("SegmentLabels", "chairs"),
    "desk": QT_TRANSLATE_NOOP("SegmentLabels", "desks"),
    "shelf": QT_TRANSLATE_NOOP("SegmentLabels", "shelves"),
    "cabinet": QT_TRANSLATE_NOOP("SegmentLabels", "cabinets"),
    "storage": QT_TRANSLATE_NOOP("SegmentLabels", "storage"),
    "uncategorised": QT_TRANSLATE_NOOP("SegmentLabels", "uncategorised products"),
}
MATERIAL_FAMILY_NAMES = {
    "board": QT_TRANSLATE_NOOP("SegmentLabels", "boards"),
    "gem": QT_TRANSLATE_NOOP("SegmentLabels", "gems"),
    "leather": QT_TRANSLATE_NOOP("SegmentLabels", "leather"),
    "metal": QT_TRANSLATE_NOOP("SegmentLabels", "metal"),
    "sole": QT_TRANSLATE_NOOP("SegmentLabels", "sole materials"),
    "textile": QT_TRANSLATE_NOOP("SegmentLabels", "textiles"),
    "wood": QT_TRANSLATE_NOOP("SegmentLabels", "wood"),
}
ALL_CUSTOMERS = QT_TRANSLATE_NOOP("SegmentLabels", "All customers ({reason})")
TYPICAL_CUSTOMERS = QT_TRANSLATE_NOOP("SegmentLabels", "Typical customers")
WORD_SEPARATOR = QT_TRANSLATE_NOOP("SegmentLabels", ", ")
NUMBERED = QT_TRANSLATE_NOOP("SegmentLabels", "{label} ({number})")
FALLBACK_REASONS = {
    TOO_FEW: QT_TRANSLATE_NOOP("SegmentLabels", "too few customers to segment"),
    ALIKE: QT_TRANSLATE_NOOP("SegmentLabels", "no differences to segment by"),
}
ENGLISH_REASONS = {english: key for key, english in segments.FALLBACK_REASONS.items()}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def segment_text(label: str, description: Mapping[str, Any] | None) -> str:
    """Return a segment's label in the interface language.

    ``description`` is the stored one, or ``None`` for a segment stored
    without it, whose English label is then read back when it can be. A
    label that does not read back is returned as stored.
    """
    if description is None:
        description = description_from_label(label)
    if description is None:
        return label
    try:
        return _describe(description)
    except (KeyError, TypeError, ValueError):
        # A description this version cannot read, such as one written by a
        # newer studio version, leaves the stored label.
        return label


def fallback_text(reason: str) -> str:
    """Return why every customer is in one segment, in the interface language.

    ``reason`` is a key of :data:`FALLBACK_REASONS` or the English reason
    that a fit summary stores. Any other text is returned as it is.
    """
    key = ENGLISH_REASONS.get(reason, reason)
    marked = FALLBACK_REASONS.get(key)
    return reason if marked is None else _tr(marked)


def _describe(description: Mapping[str, Any]) -> str:
    if "all" in description:
        return _tr(ALL_CUSTOMERS).format(reason=fallback_text(description["all"]))
    words = [_word(column, above) for column, above in description["words"]]
    if words:
        text = _tr(WORD_SEPARATOR).join(words)
        if i18n.current_language() == "en":
            # Only English starts the label with a capital; Chinese has no case.
            text = text[:1].upper() + text[1:]
    else:
        text = _tr(TYPICAL_CUSTOMERS)
    number = description.get("number")
    if number is None:
        return text
    return _tr(NUMBERED).format(label=text, number=number)


def _word(column: str, above: bool) -> str:
    if column in BEHAVIOUR_WORDS:
        return _tr(BEHAVIOUR_WORDS[column][0 if above else 1])
    if column in AGE_WORDS:
        return _tr(AGE_WORDS[column])
    for prefix, template in ONE_HOT_TEMPLATES.items():
        if column.startswith(prefix):
            raw = column[len(prefix) :]
            name = VALUE_NAMES.get(prefix, {}).get(raw)
            value = _tr(name) if name else one_hot_value(prefix, column)
            if prefix == "region_":
                value = country_name(value)
            elif prefix == "category_share_" and raw in CATEGORY_NAMES:
                value = _tr(CATEGORY_NAMES[raw])
            elif prefix == "material_share_":
                value = _material_name(raw, value)
            if template != "{value}":
                template = _tr(template)
            return template.format(value=value)
    raise ValueError(f"segment column {column!r} is unknown")


def _material_name(raw: str, stored: str) -> str:
    """Name a material id or material family in the interface language."""
    if raw in MATERIAL_FAMILY_NAMES:
        return _tr(MATERIAL_FAMILY_NAMES[raw])
    found = load_materials().get(raw)
    if found is None:
        return stored
    language = i18n.current_language()
    return found.labels.get(language) or found.labels.get("en") or stored
