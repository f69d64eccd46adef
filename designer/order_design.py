"""The frozen design of an order: everything needed to reprint or export it.

An order keeps its own copy of the catalog file's source text, the values,
the derived values, the parts' material use and the price lines. Changing or
deleting the catalog file later changes nothing for the order: the model is
rebuilt from the copy, and its hash is checked against the one frozen.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from designer.catalog import SHOES, SHOES_PER_PAIR, CatalogModel, load_model_bytes
from designer.pricing import (
    MaterialPrice,
    PartMeasure,
    Price,
    PriceLine,
    measure_parts,
    order_price,
)
from designer.pricing import quote as catalog_quote
from designer.session import DesignSession
from designer.store import StoreSettings
from models3d.generators import build
from models3d.parts import Part
from models3d.solids import measure
from rules.engine import format_value
from rules.model import BOOLEAN, CHOICE, COLOUR, yes_no
from storage.messages import QT_TRANSLATE_NOOP, TranslatableError
from storage.os_errors import os_error_reason

logger = logging.getLogger(__name__)

FROZEN_FORMAT = "atelier-order-design/1"


class NotOrderableError(TranslatableError, ValueError):
    """A design that breaks an error rule, so it cannot be ordered.

    ``violations`` lists ``(rule id, message)`` of the broken error rules,
    with the catalog's English messages.
    """

    def __init__(self, product: str, violations: list[tuple[str, str]]) -> None:
        listing = "; ".join(f"{rule}: {message}" for rule, message in violations)
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Designs",
                "design of {product} breaks {count} error rule(s) and cannot be "
                "ordered: {listing}. Fix the design first.",
            ),
            product=product,
            count=len(violations),
            listing=listing,
        )
        self.product = product
        self.violations = violations


class CatalogSourceError(TranslatableError, ValueError):
    """A catalog file that cannot be read, or changed since its model loaded."""


@dataclass(frozen=True)
class FrozenDesign:
    """A validated design with its catalog source, quantities and price.

    Attributes
    ----------
    product
        Catalog model id.
    names
        The model's name in each language.
    values
        Every parameter's value.
    chosen
        The parameters the customer set.
    derived
        Derived values as computed when the design was frozen.
    catalog_file
        The catalog file's name, for messages.
    catalog_sha256
        SHA-256 of the catalog file's bytes.
    rule_version
        The model's ``rule_version``.
    lead_time_days
        The model's lead time, which sets the promised date on confirmation.
    catalog_source
        The catalog file's full text.
    parts
        Each part's material use.
    price
        The order's price lines, including materials and tax.
    tax_rate
        The tax rate the price used.
    filled
        Options the design's file had no value for, which the studio set to
        their defaults; the order's packages name them as not chosen.
    """

    product: str
    names: Mapping[str, str]
    values: Mapping[str, Any]
    chosen: tuple[str, ...]
    derived: Mapping[str, Any]
    catalog_file: str
    catalog_sha256: str
    rule_version: int
    lead_time_days: int
    catalog_source: str
    parts: tuple[PartMeasure, ...]
    price: Price
    tax_rate: Decimal
    filled: tuple[str, ...] = ()

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names["en"]

    def to_json(self) -> dict[str, Any]:
        """Return the design as JSON-ready data, with amounts as strings.

        ``filled`` is written only when there are such options, so designs
        frozen before it existed keep their hash."""
        data = {
            "format": FROZEN_FORMAT,
            "product": self.product,
            "names": dict(self.names),
            "values": dict(self.values),
            "chosen": sorted(self.chosen),
            "derived": dict(self.derived),
            "catalog": {
                "file": self.catalog_file,
                "sha256": self.catalog_sha256,
                "rule_version": self.rule_version,
                "lead_time_days": self.lead_time_days,
                "source": self.catalog_source,
            },
            "parts": [
                {
                    "name": part.name,
                    "material": part.material,
                    "mass_g": part.mass_g,
                    "extents_mm": list(part.extents_mm),
                }
                for part in self.parts
            ],
            "price": {
                "currency": self.price.currency,
                "tax_rate": str(self.tax_rate),
                "lines": [_line_json(line) for line in self.price.lines],
                "total": str(self.price.total),
            },
        }
        if self.filled:
            data["filled"] = list(self.filled)
        return data

    def canonical_json(self) -> str:
        """Return the JSON text whose SHA-256 is the design hash."""
        return json.dumps(
            self.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )

    @cached_property
    def design_hash(self) -> str:
        """SHA-256 of :meth:`canonical_json`; it changes with any frozen value."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FrozenDesign:
        """Rebuild a frozen design from :meth:`to_json` data.

        Raises
        ------
        ValueError
            If the data is not an ``atelier-order-design/1`` document.
        """
        if data.get("format") != FROZEN_FORMAT:
            raise ValueError(
                f"frozen design format {data.get('format')!r} is not supported; "
                f"expected {FROZEN_FORMAT!r}"
            )
        catalog, price = data["catalog"], data["price"]
        lines = tuple(
            PriceLine(
                line["labels"],
                Decimal(line["amount"]),
                line["kind"],
                line.get("material"),
            )
            for line in price["lines"]
        )
        parts = tuple(
            PartMeasure(
                part["name"],
                part["material"],
                part["mass_g"],
                tuple(part["extents_mm"]),
            )
            for part in data["parts"]
        )
        return cls(
            product=data["product"],
            names=data["names"],
            values=data["values"],
            chosen=tuple(data["chosen"]),
            derived=data["derived"],
            catalog_file=catalog["file"],
            catalog_sha256=catalog["sha256"],
            rule_version=catalog["rule_version"],
            lead_time_days=catalog["lead_time_days"],
            catalog_source=catalog["source"],
            parts=parts,
            price=Price(price["currency"], lines),
            tax_rate=Decimal(price["tax_rate"]),
            filled=tuple(data.get("filled", ())),
        )

    def model(self) -> CatalogModel:
        """Rebuild the catalog model from the frozen source text.

        Raises
        ------
        designer.catalog.CatalogError
            If the frozen source no longer loads, for example because a rule
            function it calls was removed from the studio.
        ValueError
            If the source's hash differs from the frozen hash.
        """
        raw = self.catalog_source.encode("utf-8")
        model = load_model_bytes(raw, Path("frozen") / self.catalog_file)
        if model.sha256 != self.catalog_sha256:
            raise ValueError(
                f"frozen catalog source of {self.product} hashes to "
                f"{model.sha256}, not the frozen {self.catalog_sha256}; the "
                "stored order is damaged and must be restored from a backup"
            )
        return model

    def session(self) -> FrozenDesignSession:
        """Return a read-only design session priced as ordered."""
        return FrozenDesignSession(self.model(), self)

    def parameter_rows(self, language: str = "en") -> list[tuple[str, str]]:
        """Return ``(label, value with unit)`` of every parameter, for documents."""
        model = self.model()
        rows = []
        for parameter in model.rules.parameters:
            label = parameter.labels.get(language) or parameter.labels["en"]
            rows.append(
                (label, _display(parameter, self.values[parameter.name], language))
            )
        return rows


class FrozenDesignSession(DesignSession):
    """A design session of an order's frozen design.

    It prices the design as ordered and builds geometry from the frozen
    derived values. Changing a value raises ``TypeError``, because an order's
    design changes only through a new revision.
    """

    def __init__(self, model: CatalogModel, frozen: FrozenDesign) -> None:
        super().__init__(model, frozen.values, frozen.chosen, frozen.price.currency)
        self.frozen = frozen
        recomputed = self.evaluation.derived
        changed = [
            name
            for name, value in frozen.derived.items()
            if not _same_value(recomputed.get(name), value)
        ]
        if changed:
            # NOTE: the spec sheet's derived table shows the recomputed values;
            # geometry and price use the frozen ones.
            logger.warning(
                "derived values %s of %s differ from the frozen design; the "
                "studio's size tables or rule functions changed since ordering",
                changed,
                frozen.product,
            )

    def price(self) -> Price:
        return self.frozen.price

    def dimensions(self) -> dict[str, Any]:
        return {**self.values, **self.frozen.derived}

    def set_value(self, name: str, value: Any):
        raise TypeError(
            f"cannot set {name!r}: an order's design is frozen; revise the order "
            "to change it"
        )

    def replace(self, values, chosen=()) -> None:
        raise TypeError("an order's design is frozen; revise the order to change it")


def freeze_design(
    session: DesignSession,
    settings: StoreSettings,
    parts: list[Part] | None = None,
    prices: Mapping[str, MaterialPrice] | None = None,
    filled: Iterable[str] = (),
) -> FrozenDesign:
    """Validate, measure and price a design, and freeze it for an order.

    Parameters
    ----------
    session
        The design. Its model's catalog file must still hold the content the
        model was loaded from, unless the session is a frozen one.
    settings
        The store's currency, tax rate and tax names.
    parts
        The design's parts if already built; built here otherwise.
    prices
        Material prices by id, in the store's currency; the shipped price
        list ``resources/material_prices.csv`` when ``None``.
    filled
        Options the design's file had no value for. Those the customer has
        chosen since are left out. A frozen design's session keeps its own.

    Raises
    ------
    NotOrderableError
        If the design breaks an error rule.
    CatalogSourceError
        If the catalog file cannot be read or changed on disk since the model
        was loaded.
    designer.pricing.PricingError
        If a material has no price in the store's currency.
    """
    model = session.model
    if not session.orderable:
        errors = [
            (violation.rule, violation.message("en"))
            for violation in session.violations
            if violation.severity == "error"
        ]
        raise NotOrderableError(model.id, errors)
    source = _catalog_source(session)
    if parts is None:
        parts = build(model.generator, session.dimensions())
    measures = measure_parts(parts, measure(parts), session.dimensions())
    derived = _derived_values(session)
    price = _full_price(session, derived, measures, settings, prices)
    if isinstance(session, FrozenDesignSession):
        filled = session.frozen.filled
    return FrozenDesign(
        product=model.id,
        names=dict(model.names),
        values=dict(session.values),
        chosen=tuple(sorted(session.chosen)),
        derived=derived,
        catalog_file=model.path.name,
        catalog_sha256=model.sha256,
        rule_version=model.rule_version,
        lead_time_days=model.lead_time_days,
        catalog_source=source,
        parts=tuple(measures),
        price=price,
        tax_rate=settings.tax_rate,
        filled=tuple(name for name in filled if name not in session.chosen),
    )


def price_design(
    session: DesignSession, parts: list[Part], settings: StoreSettings
) -> Price:
    """Price a design with the lines an order of it would get, without ordering it.

    The lines are those of :func:`freeze_design`: the catalog's base price,
    option and computed lines, the cost of each material measured from
    ``parts``, and the store's tax, each rounded by the one rounding rule of
    :mod:`designer.pricing`. A design that breaks an error rule is priced
    too, because a draft's spec sheet shows its price.

    Raises
    ------
    designer.pricing.PricingError
        If a material has no price in the store's currency.
    """
    measures = measure_parts(parts, measure(parts), session.dimensions())
    return _full_price(session, _derived_values(session), measures, settings)


def _derived_values(session: DesignSession) -> dict[str, Any]:
    if isinstance(session, FrozenDesignSession):
        return dict(session.frozen.derived)
    return dict(session.evaluation.derived)


def _full_price(
    session: DesignSession,
    derived: Mapping[str, Any],
    measures: list[PartMeasure],
    settings: StoreSettings,
    prices: Mapping[str, MaterialPrice] | None = None,
) -> Price:
    catalog_price = catalog_quote(
        session.model, session.values, derived, settings.currency
    )
    if session.model.family == SHOES:
        # The parts are the right shoe's, and the customer buys the pair.
        measures = measures * SHOES_PER_PAIR
    return order_price(
        catalog_price, measures, settings.tax_rate, settings.tax_names, prices
    )


def _catalog_source(session: DesignSession) -> str:
    if isinstance(session, FrozenDesignSession):
        return session.frozen.catalog_source
    model = session.model
    try:
        raw = model.path.read_bytes()
    except OSError as error:
        raise CatalogSourceError(
            QT_TRANSLATE_NOOP(
                "Designs",
                "catalog file {path} of {product} cannot be read ({reason}); "
                "reload the catalog before ordering",
            ),
            path=model.path,
            product=model.id,
            reason=os_error_reason(error),
        ) from None
    if hashlib.sha256(raw).hexdigest() != model.sha256:
        raise CatalogSourceError(
            QT_TRANSLATE_NOOP(
                "Designs",
                "catalog file {path} changed since {product} was loaded; reload "
                "the catalog and check the design before ordering",
            ),
            path=model.path,
            product=model.id,
        )
    return raw.decode("utf-8")


def _same_value(left: Any, right: Any) -> bool:
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9)
    return left == right


def _display(parameter, value: Any, language: str) -> str:
    """Return a value as a customer reads it: a choice's label, or a number and unit."""
    if parameter.kind in (CHOICE, COLOUR):
        if parameter.group_by is not None:
            return str(value)
        choice = parameter.choice(value)
        if choice is not None:
            return choice.labels.get(language) or choice.labels["en"]
    if parameter.kind == BOOLEAN:
        return yes_no(value, language)
    if value == "":
        return "（无）" if language == "zh_CN" else "(none)"
    text = value if isinstance(value, str) else format_value(value)
    return text + parameter.unit_suffix


def _line_json(line: PriceLine) -> dict[str, Any]:
    """Return a price line as a frozen design stores it.

    ``material`` is written only for a line that prices a material in full,
    so documents frozen before such lines existed keep their bytes and hash.
    """
    data: dict[str, Any] = {
        "kind": line.kind,
        "labels": dict(line.labels),
        "amount": str(line.amount),
    }
    if line.material is not None:
        data["material"] = line.material
    return data
