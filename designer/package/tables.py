"""Production data tables in ``resources/production/``.

- ``panels.csv``: board stock per material and thickness: thickness
  tolerance, sheet size, grain, default edge banding, and the source of each
  row.
- ``hardware.csv``: hardware that parts name in ``Part.hardware``.
- ``finishes.csv``: finishing steps per material, in order.
- ``tolerances.csv``: production tolerances of a product category's
  dimensions, named as the catalog names its parameters and derived values,
  and ``lace_length`` for the length a lace is cut to.

``by_length.csv``, the weight of one metre of a material bought by length,
is read by ``designer.weights``, because prices use it too.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from resources import PRODUCTION_DIR

PANELS_FILE = PRODUCTION_DIR / "panels.csv"
HARDWARE_FILE = PRODUCTION_DIR / "hardware.csv"
FINISHES_FILE = PRODUCTION_DIR / "finishes.csv"
TOLERANCES_FILE = PRODUCTION_DIR / "tolerances.csv"

SHEET = "sheet"
"""Panel stock cut from standard sheets, which are nested."""

GLUED = "glued"
"""Solid-wood panels glued up from boards to each panel's size."""


@dataclass(frozen=True)
class PanelStock:
    """One board material at one thickness, as ``panels.csv`` lists it.

    Attributes
    ----------
    material
        Material id from ``resources/materials.csv``.
    kind
        ``SHEET`` or ``GLUED``.
    thickness
        Nominal thickness in mm.
    plus, minus
        Thickness tolerance in mm above and below the nominal thickness.
    sheet_length, sheet_width
        Sheet size in mm for ``SHEET`` stock; the largest glued blank for
        ``GLUED`` stock.
    grain_along_length
        Whether the face grain runs along the sheet's length, so that a
        panel keeps its length along the sheet's.
    edge_banding
        Default edge band by language, empty when the material's edges stay
        unbanded.
    edge_band_thickness
        Thickness of the default edge band in mm, 0 without one.
    source
        Where the row's numbers come from.
    """

    material: str
    kind: str
    thickness: float
    plus: float
    minus: float
    sheet_length: float
    sheet_width: float
    grain_along_length: bool
    edge_banding: Mapping[str, str]
    edge_band_thickness: float
    source: str

    @property
    def tolerance_text(self) -> str:
        """Thickness tolerance as text, ``"+0.7/-0.9 mm"`` or ``"±0.2 mm"``."""
        if self.plus == self.minus:
            return f"±{self.plus:g} mm"
        return f"+{self.plus:g}/-{self.minus:g} mm"


FIXING_FIELD = "{fixing}"
"""Field of a hardware specification that names what the item is fixed
through, which the part's ``HardwareUse.fixing`` chooses."""

PLACE_FIELDS = ("kerf_places", "edge_hole_places")
"""Fields of a hardware specification that name where the package shows
the kerfs or edge holes the item fits into (``machining_places``)."""


@dataclass(frozen=True)
class Hardware:
    """A hardware item: its labels and what to buy, each keyed by language."""

    id: str
    labels: Mapping[str, str]
    specifications: Mapping[str, str]

    def specification(
        self,
        language: str,
        fixing: str | None = None,
        places: Mapping[str, str] | None = None,
    ) -> str:
        """Return what to buy in ``language``, falling back to English.

        ``fixing`` is the worded text for the specification's ``{fixing}``
        field, and ``places`` the text of each of its ``PLACE_FIELDS`` by
        name, in the same language.

        Raises
        ------
        ValueError
            When the specification has a ``{fixing}`` field and ``fixing``
            is ``None``, or a place field that ``places`` lacks.
        """
        specification = self.specifications.get(language) or self.specifications["en"]
        for name in PLACE_FIELDS:
            field = "{" + name + "}"
            if field not in specification:
                continue
            if places is None or name not in places:
                raise ValueError(
                    f"hardware {self.id!r} has a {field} field in its "
                    "specification, but no text for it was given; pass "
                    "machining_places() of the package's parts"
                )
            specification = specification.replace(field, places[name])
        if FIXING_FIELD not in specification:
            return specification
        if fixing is None:
            raise ValueError(
                f"hardware {self.id!r} has a {FIXING_FIELD} field in its "
                "specification, but the part that uses it gives no "
                "HardwareUse.fixing; set it where the part is made"
            )
        return specification.replace(FIXING_FIELD, fixing)


@dataclass(frozen=True)
class Finish:
    """A finishing step for a material."""

    material: str
    id: str
    labels: Mapping[str, str]


@dataclass(frozen=True)
class Tolerance:
    """The tolerance of one dimension of a product category.

    ``parts`` names the parts it applies to; empty means the assembled
    product.
    """

    category: str
    dimension: str
    tolerance: float
    parts: tuple[str, ...]
    source: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def panel_stock() -> tuple[PanelStock, ...]:
    """Read ``panels.csv``."""
    return tuple(
        PanelStock(
            material=row["material"],
            kind=row["kind"],
            thickness=float(row["thickness_mm"]),
            plus=float(row["thickness_plus_mm"]),
            minus=float(row["thickness_minus_mm"]),
            sheet_length=float(row["sheet_length_mm"]),
            sheet_width=float(row["sheet_width_mm"]),
            grain_along_length=row["grain_along_length"] == "yes",
            edge_banding=(
                {"en": row["edge_banding_en"], "zh_CN": row["edge_banding_zh_CN"]}
                if row["edge_banding_en"]
                else {}
            ),
            edge_band_thickness=float(row["edge_band_thickness_mm"]),
            source=row["source"],
        )
        for row in _rows(PANELS_FILE)
    )


def panel_materials() -> frozenset[str]:
    """Return the materials that ``panels.csv`` lists."""
    return frozenset(stock.material for stock in panel_stock())


def nearest_stock(material: str, thickness: float) -> PanelStock | None:
    """Return the row of ``material`` with the nearest nominal thickness.

    ``None`` for a material without rows.
    """
    rows = [stock for stock in panel_stock() if stock.material == material]
    if not rows:
        return None
    return min(rows, key=lambda stock: abs(stock.thickness - thickness))


def find_stock(material: str, thickness: float) -> PanelStock | None:
    """Return the stock a panel of ``material`` and ``thickness`` is made from.

    Returns
    -------
    PanelStock or None
        For sheet stock, the row of the nearest nominal thickness if
        ``thickness`` is within its tolerance. Glued solid wood is planed to
        any thickness up to the thickest row, so its row comes back with
        ``thickness`` as the nominal thickness. ``None`` when the thickness
        is not a stock thickness, or the material has no rows.
    """
    nearest = nearest_stock(material, thickness)
    if nearest is None:
        return None
    if nearest.kind == GLUED:
        thickest = max(s.thickness for s in panel_stock() if s.material == material)
        if thickness <= thickest + nearest.plus:
            return replace(nearest, thickness=round(thickness, 1))
        return None
    if -nearest.minus <= thickness - nearest.thickness <= nearest.plus:
        return nearest
    return None


@cache
def hardware_items() -> Mapping[str, Hardware]:
    """Read ``hardware.csv``, keyed by id."""
    return {
        row["id"]: Hardware(
            row["id"],
            {"en": row["en"], "zh_CN": row["zh_CN"]},
            {"en": row["specification"], "zh_CN": row["specification_zh_CN"]},
        )
        for row in _rows(HARDWARE_FILE)
    }


def hardware_item(item: str) -> Hardware:
    """Return one hardware item, raising ``KeyError`` that names the id."""
    items = hardware_items()
    if item not in items:
        raise KeyError(
            f"unknown hardware {item!r}; add it to {HARDWARE_FILE.name} or use "
            f"one of {', '.join(sorted(items))}"
        )
    return items[item]


@cache
def finishes() -> tuple[Finish, ...]:
    """Read ``finishes.csv`` in file order."""
    return tuple(
        Finish(row["material"], row["finish"], {"en": row["en"], "zh_CN": row["zh_CN"]})
        for row in _rows(FINISHES_FILE)
    )


def finishes_of(material: str) -> list[Finish]:
    """Return the finishing steps of a material, in order; may be empty."""
    return [finish for finish in finishes() if finish.material == material]


@cache
def tolerances() -> tuple[Tolerance, ...]:
    """Read ``tolerances.csv``."""
    return tuple(
        Tolerance(
            row["category"],
            row["dimension"],
            float(row["tolerance_mm"]),
            tuple(row["parts"].split()),
            row["source"],
        )
        for row in _rows(TOLERANCES_FILE)
    )
