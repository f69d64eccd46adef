"""Places of the saw kerfs and edge holes that hardware fits into, as a
production package shows them, for the ``{kerf_places}`` and
``{edge_hole_places}`` fields of a hardware specification.

A panel cut from a box blank has a cut file, whose layers show them. A
shaped panel, such as an apron coped to round legs, has none, so its line
in the bill of materials gives their positions instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from designer.package.dxf import edge_hole_layer, kerf_layer
from designer.package.panels import Panel
from designer.package.texts import text
from models3d.parts import Part


def machining_places(
    parts: Sequence[Part], panels: Sequence[Panel], language: str
) -> dict[str, str]:
    """Word where the package shows the parts' kerfs and edge holes.

    Returns the text of each place field, in ``language``: the cut files'
    layers, the bill's part lines, or both when some parts with them have
    a cut file and others do not.
    """
    drawn = [panel for panel in panels if not panel.shaped]
    shaped = {panel.part for panel in panels if panel.shaped}
    kerf_layers = {
        kerf_layer(kerf.width, kerf.depth, kerf.face)
        for panel in drawn
        for kerf in panel.kerfs
    }
    edge_layers = {
        edge_hole_layer(panel, hole) for panel in drawn for hole in panel.edge_holes
    }
    kerfs_unshown = any(part.kerfs for part in parts if part.name in shaped)
    holes_unshown = any(part.holes for part in parts if part.name in shaped)
    return {
        "kerf_places": _places(sorted(kerf_layers), kerfs_unshown, language),
        "edge_hole_places": _places(sorted(edge_layers), holes_unshown, language),
    }


def _places(layers: list[str], on_bill: bool, language: str) -> str:
    """Word the places: on ``layers`` of the cut files, on the bill's part
    lines when ``on_bill``, or both."""
    if not layers:
        return text("places.bill", language)
    named = text("list.joint", language).join(layers)
    if on_bill:
        # NOTE: no catalog product mixes drawn and shaped parts with kerfs
        # or edge holes yet, so no test exports this wording.
        return text("places.layers_and_bill", language, layers=named)
    return text("places.layers", language, layers=named)
