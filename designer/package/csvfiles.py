"""CSV files of a package, written from the sections of ``spec.json``.

Every file is UTF-8 with a header row, comma-separated, ``.`` as decimal
point, no thousands separators and no units in the cells. Lengths are in
mm, areas in mm² and masses in g, as the column names state. The first two
columns of every row are the order id and the spec revision.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from designer.package.panels import EDGES

BOM_COLUMNS = (
    "line",
    "category",
    "item",
    "description",
    "material",
    "colour",
    "quantity",
    "unit",
    "length_mm",
    "width_mm",
    "height_mm",
    "unit_mass_g",
    "tolerance",
    "notes",
)

CUT_LIST_COLUMNS = (
    "part",
    "material",
    "quantity",
    "length_mm",
    "width_mm",
    "thickness_mm",
    "cut_length_mm",
    "cut_width_mm",
    "thickness_tolerance",
    "grain_along_length",
    *(f"edge_{edge}" for edge in EDGES),
    "edge_band_thickness_mm",
    "edge_band",
    "holes",
    "shaped",
    "file",
    "sheet",
    "x_mm",
    "y_mm",
    "rotated",
)

NESTING_COLUMNS = (
    "sheet",
    "material",
    "thickness_mm",
    "sheet_length_mm",
    "sheet_width_mm",
    "kerf_mm",
    "panels",
    "used_area_mm2",
    "sheet_area_mm2",
    "yield",
)

LAST_COLUMNS = (
    "size",
    "ordered",
    "foot_length_mm",
    "last_length_mm",
    "ball_width_mm",
    "ball_girth_mm",
    "heel_height_mm",
)


def bom_csv(spec: Mapping[str, Any]) -> bytes:
    """Write ``bom.csv`` from the spec's ``bom`` section.

    The ``unit`` column contains codes an ERP import maps to its units of
    measure (``pcs``, ``g``, ``mm``, ``mm2``, ``mm3``) in every language,
    while the sheet prints them in words, such as 件 for ``pcs`` in Chinese.
    Descriptions and notes are the sheet's text, lengths in mm included.
    """
    return _csv(
        spec, BOM_COLUMNS, ({c: line[c] for c in BOM_COLUMNS} for line in spec["bom"])
    )


def cut_list_csv(spec: Mapping[str, Any]) -> bytes:
    """Write ``cutlist.csv``: one row per panel, edge banding per edge."""
    rows = []
    for panel in spec["panels"]:
        row = {
            "part": panel["part"],
            "material": panel["material"],
            "quantity": 1,
            "length_mm": panel["length_mm"],
            "width_mm": panel["width_mm"],
            "thickness_mm": panel["thickness_mm"],
            "cut_length_mm": panel["cut_length_mm"],
            "cut_width_mm": panel["cut_width_mm"],
            "thickness_tolerance": panel["thickness_tolerance"],
            "grain_along_length": _yes_no(panel["grain_along_length"]),
            "edge_band_thickness_mm": panel["edge_band_thickness_mm"],
            "edge_band": panel["edge_band"],
            "holes": panel["holes"],
            "shaped": _yes_no(panel["shaped"]),
            "file": panel["file"],
            "sheet": panel["sheet"],
            "x_mm": panel["x_mm"],
            "y_mm": panel["y_mm"],
            "rotated": "" if panel["rotated"] is None else _yes_no(panel["rotated"]),
        }
        for edge in EDGES:
            row[f"edge_{edge}"] = _yes_no(panel["edge_banding"][edge])
        rows.append(row)
    return _csv(spec, CUT_LIST_COLUMNS, rows)


def nesting_csv(spec: Mapping[str, Any]) -> bytes:
    """Write ``nesting.csv``: one row per sheet with its yield (0 to 1)."""
    nesting = spec["nesting"]
    rows = [
        {
            "sheet": sheet["number"],
            "material": sheet["material"],
            "thickness_mm": sheet["thickness_mm"],
            "sheet_length_mm": sheet["length_mm"],
            "sheet_width_mm": sheet["width_mm"],
            "kerf_mm": nesting["kerf_mm"],
            "panels": " ".join(sheet["panels"]),
            "used_area_mm2": sheet["used_area_mm2"],
            "sheet_area_mm2": sheet["sheet_area_mm2"],
            "yield": sheet["yield"],
        }
        for sheet in nesting["sheets"]
    ]
    return _csv(spec, NESTING_COLUMNS, rows)


def last_csv(spec: Mapping[str, Any]) -> bytes:
    """Write ``last.csv``: the last's measurements for every size of the system."""
    rows = [
        {
            "size": row["size"],
            "ordered": _yes_no(row["ordered"]),
            "foot_length_mm": row["foot_length_mm"],
            "last_length_mm": row["last_length_mm"],
            "ball_width_mm": row["ball_width_mm"],
            "ball_girth_mm": row["ball_girth_mm"],
            "heel_height_mm": row["heel_height_mm"],
        }
        for row in spec["last"]["rows"]
    ]
    return _csv(spec, LAST_COLUMNS, rows)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _csv(
    spec: Mapping[str, Any], columns: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["order_id", "spec_revision", *columns])
    order, revision = spec["order"]["id"], spec["spec_revision"]
    for row in rows:
        writer.writerow([order, revision, *(_cell(row[column]) for column in columns)])
    return stream.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
    return str(value)
