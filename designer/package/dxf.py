"""DXF cut files: one per panel, one per nested sheet, and outlines.

Every file is DXF R2010 in millimetres (``$INSUNITS`` = 4, ``$MEASUREMENT``
= 1), at 1:1 with the geometry's lower-left corner at the origin. Its dates
and ids are fixed, so the same drawing always gives the same bytes. Each
outline is one closed LWPOLYLINE, and each operation has its own layer:

``CUT_OUTLINE``
    Profile cuts through the board, at the panel's cut size (edge banding
    taken off).
``DRILL_D<diameter>_Z<depth>`` and ``DRILL_D<diameter>_THRU``
    Holes drilled from the face shown, as circles; diameter and depth in mm.
``DRILL_FACE_B_D<diameter>_Z<depth>``
    Holes drilled from the other face, drawn where they lie in this view;
    the panel is turned over about its length to drill them.
``EDGE_D<diameter>_Z<depth>`` and ``EDGE_D<diameter>_Z<depth>_H<height>``
    Holes drilled into an edge, each drawn as its outline seen from face A:
    a closed rectangle from the edge inward, the diameter wide and the depth
    long, centred on the hole's place along the edge. Its centre lies
    halfway through the thickness unless the layer gives ``H``, its height
    above face B.
``KERF_W<width>_Z<depth>`` and ``KERF_FACE_B_W<width>_Z<depth>``
    Saw kerfs cut into face A, or into the other face. Each is drawn as its
    outline seen from face A, a closed rectangle as wide as the kerf around
    its centre line. Width and depth are in mm.
``EDGE_BAND``
    A line just inside each edge that gets edge banding. Not cut.
``LABEL``
    Order id, spec revision, part, material and sizes, placed clear of the
    holes, and ``FRONT`` along the edge that faces the product's front
    (-Y in the product frame), on a panel with such an edge. Not cut.
``SHEET``
    The sheet's outline in a nesting layout. Not cut.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

import ezdxf
import numpy as np
from ezdxf import units
from ezdxf.document import Drawing
from ezdxf.layouts import Modelspace

from designer.package.label_layout import (
    CHAR_WIDTH,
    DESCENT,
    FRONT_MARK,
    LINE_SPACING,
    Box,
    Outline,
    TextBlock,
    front_mark,
    label_block,
)
from designer.package.lengths import round_length
from designer.package.nesting import Placement, Sheet
from designer.package.panels import FACE_A, Panel, PanelEdgeHole, PanelKerf

CUT_OUTLINE = "CUT_OUTLINE"
EDGE_BAND = "EDGE_BAND"
LABEL = "LABEL"
SHEET_LAYER = "SHEET"
DRILL_PREFIX = "DRILL"
EDGE_DRILL_PREFIX = "EDGE"
KERF_PREFIX = "KERF"

# AutoCAD colour index of each fixed layer, so the layers read apart.
_LAYER_COLOURS = {CUT_OUTLINE: 7, EDGE_BAND: 3, LABEL: 1, SHEET_LAYER: 8}
_DRILL_COLOUR = 5

_FIXED_METADATA_LOCK = threading.Lock()

_TEXT_CLEARANCE_MM = 3.0
"""Minimum distance from any text to a hole's outline."""

logger = logging.getLogger(__name__)


def drill_layer(diameter: float, depth: float, through: bool, face: str) -> str:
    """Return the layer name of a drilling operation."""
    side = "" if face == FACE_A else "FACE_B_"
    reach = "THRU" if through else f"Z{depth:g}"
    return f"{DRILL_PREFIX}_{side}D{diameter:g}_{reach}"


def kerf_layer(width: float, depth: float, face: str) -> str:
    """Return the layer name of saw kerfs cut into a face."""
    side = "" if face == FACE_A else "FACE_B_"
    return f"{KERF_PREFIX}_{side}W{width:g}_Z{depth:g}"


def edge_drill_layer(diameter: float, depth: float, height: float | None) -> str:
    """Return the layer name of holes drilled into an edge.

    ``height`` is the centre's height above face B, or ``None`` for a hole
    centred in the thickness.
    """
    layer = f"{EDGE_DRILL_PREFIX}_D{diameter:g}_Z{depth:g}"
    if height is None:
        return layer
    return f"{layer}_H{round_length(height):g}"


def edge_hole_layer(panel: Panel, hole: PanelEdgeHole) -> str:
    """Return the layer that an edge hole of ``panel`` is drawn on."""
    return edge_drill_layer(hole.diameter, hole.depth, _off_centre(panel, hole))


def panel_dxf(panel: Panel, order_id: str, revision: str) -> bytes:
    """Draw one panel seen from face A, its cut outline at the origin."""
    document, space = _new_document()
    _draw_panel(space, panel, 0.0, 0.0, False, order_id, revision)
    return _encode(document)


def sheet_dxf(sheet: Sheet, kerf: float, order_id: str, revision: str) -> bytes:
    """Draw a nested sheet: its outline and every panel in place."""
    document, space = _new_document()
    _closed(space, _rectangle(0.0, 0.0, sheet.length, sheet.width), SHEET_LAYER)
    for placement in sheet.placements:
        _draw_placement(space, placement, order_id, revision)
    height = _text_height(sheet.width)
    heading = (
        f"ORDER {order_id} REV {revision} SHEET {sheet.number} "
        f"{sheet.material.upper()} {sheet.thickness:g} MM "
        f"{sheet.length:g} X {sheet.width:g} KERF {kerf:g} "
        f"YIELD {100.0 * sheet.yield_ratio:.1f} %"
    )
    _text(space, heading, 0.0, sheet.width + height, height)
    return _encode(document)


def outline_dxf(
    rings: Sequence[Sequence[tuple[float, float]]], label_lines: Iterable[str]
) -> bytes:
    """Draw closed outlines on ``CUT_OUTLINE`` with a label below them.

    Parameters
    ----------
    rings
        Each a closed ring of (x, y) points in mm, without repeating the
        first point. The drawing is moved so that its lower-left corner is
        at the origin.
    label_lines
        Text lines for ``LABEL``, ASCII for the widest reader support.
    """
    document, space = _new_document()
    low_x = min(x for ring in rings for x, _ in ring)
    low_y = min(y for ring in rings for _, y in ring)
    for ring in rings:
        _closed(space, [(x - low_x, y - low_y) for x, y in ring], CUT_OUTLINE)
    height = 5.0
    for number, line in enumerate(label_lines, start=1):
        _text(space, line, 0.0, -number * height * 1.6, height)
    return _encode(document)


def _new_document() -> tuple[Drawing, Modelspace]:
    with _fixed_metadata():
        document = ezdxf.new("R2010", setup=False)
    document.units = units.MM
    document.header["$MEASUREMENT"] = 1
    for name, colour in _LAYER_COLOURS.items():
        document.layers.add(name, color=colour)
    return document, document.modelspace()


def _encode(document: Drawing) -> bytes:
    """Write a document so that the same drawing always gives the same bytes.

    ezdxf registers a CLASS for each entity type in use in the order of a
    set, which changes from one Python process to the next, so the types
    are registered here first, sorted.
    """
    for name in sorted(document.entitydb.dxf_types_in_use()):
        document.classes.add_class(name)
    stream = io.StringIO()
    with _fixed_metadata():
        document.write(stream)
    return stream.getvalue().encode(document.output_encoding)


@contextmanager
def _fixed_metadata() -> Iterator[None]:
    """Have ezdxf stamp documents with fixed metadata while inside.

    ezdxf stamps a new document and each write with the time ($TDCREATE,
    $TDUPDATE and its CREATED_BY_EZDXF and WRITTEN_BY_EZDXF markers) and new
    $FINGERPRINTGUID and $VERSIONGUID ids. Its
    ``write_fixed_meta_data_for_testing`` option (read in ezdxf 1.4.5) puts
    1 January 2000 and an all-zero id in their place. The option is global,
    so a lock keeps two exports from switching it under each other.
    """
    with _FIXED_METADATA_LOCK:
        fixed = ezdxf.options.write_fixed_meta_data_for_testing
        ezdxf.options.write_fixed_meta_data_for_testing = True
        try:
            yield
        finally:
            ezdxf.options.write_fixed_meta_data_for_testing = fixed


def _rectangle(x: float, y: float, width: float, height: float) -> list:
    return [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]


def _closed(space: Modelspace, points: Sequence[tuple[float, float]], layer: str):
    space.add_lwpolyline(points, format="xy", close=True, dxfattribs={"layer": layer})


def _text(space: Modelspace, text: str, x: float, y: float, height: float) -> None:
    space.add_text(text, height=height, dxfattribs={"layer": LABEL}).set_placement(
        (x, y)
    )


def _text_height(size: float) -> float:
    return min(max(size / 25.0, 4.0), 25.0)


def _ensure_layer(space: Modelspace, name: str) -> None:
    layers = space.doc.layers
    if not layers.has_entry(name):
        layers.add(name, color=_DRILL_COLOUR)


def _edge_hole_outline(panel: Panel, hole: PanelEdgeHole) -> list[tuple[float, float]]:
    """Return the corners of an edge hole seen from face A, in the cut
    outline's frame.

    The hole runs ``depth`` into the finished panel from its edge, so on a
    banded edge the band's thickness of it lies outside the cut outline and
    is left off.
    """
    offset_u, offset_v = panel.cut_origin
    radius = hole.diameter / 2.0
    if hole.edge in ("L1", "L2"):
        start = 0.0 if hole.edge == "L1" else panel.width - hole.depth
        low_v = max(start - offset_v, 0.0)
        high_v = min(start + hole.depth - offset_v, panel.cut_width)
        low_u = hole.along - radius - offset_u
        return _rectangle(low_u, low_v, hole.diameter, high_v - low_v)
    start = 0.0 if hole.edge == "W1" else panel.length - hole.depth
    low_u = max(start - offset_u, 0.0)
    high_u = min(start + hole.depth - offset_u, panel.cut_length)
    low_v = hole.along - radius - offset_v
    return _rectangle(low_u, low_v, high_u - low_u, hole.diameter)


def _kerf_outline(panel: Panel, kerf: PanelKerf) -> list[tuple[float, float]]:
    """Return the corners of a kerf seen from face A, in the cut outline's
    frame: its centre line widened by half its width to each side, and
    clipped to the cut outline."""
    offset_u, offset_v = panel.cut_origin
    start = np.asarray(kerf.start) - (offset_u, offset_v)
    end = np.asarray(kerf.end) - (offset_u, offset_v)
    direction = (end - start) / np.linalg.norm(end - start)
    side = np.array([-direction[1], direction[0]]) * kerf.width / 2.0
    corners = [start - side, end - side, end + side, start + side]
    high = (panel.cut_length, panel.cut_width)
    return [
        (float(np.clip(u, 0.0, high[0])), float(np.clip(v, 0.0, high[1])))
        for u, v in corners
    ]


def _off_centre(panel: Panel, hole: PanelEdgeHole) -> float | None:
    """Return an edge hole's height above face B, or ``None`` when it is
    centred in the thickness to within 0.05 mm."""
    if abs(hole.height - panel.thickness / 2.0) <= 0.05:
        return None
    return hole.height


def _draw_placement(
    space: Modelspace, placement: Placement, order_id: str, revision: str
) -> None:
    _draw_panel(
        space,
        placement.panel,
        placement.x,
        placement.y,
        placement.rotated,
        order_id,
        revision,
    )


def _draw_panel(
    space: Modelspace,
    panel: Panel,
    x0: float,
    y0: float,
    rotated: bool,
    order_id: str,
    revision: str,
) -> None:
    """Draw a panel's cut outline, holes, bands and label at (x0, y0).

    Panel coordinates (u along the cut length, v along the cut width) map to
    (x0 + u, y0 + v), or when ``rotated`` to (x0 + cut_width - v, y0 + u), a
    quarter turn that keeps face A up.
    """
    cut_length, cut_width = panel.cut_length, panel.cut_width
    offset_u, offset_v = panel.cut_origin

    def place(u: float, v: float) -> tuple[float, float]:
        if rotated:
            return x0 + cut_width - v, y0 + u
        return x0 + u, y0 + v

    corners = [(0.0, 0.0), (cut_length, 0.0), (cut_length, cut_width), (0.0, cut_width)]
    _closed(space, [place(u, v) for u, v in corners], CUT_OUTLINE)

    for hole in panel.holes:
        layer = drill_layer(hole.diameter, hole.depth, hole.through, hole.face)
        _ensure_layer(space, layer)
        centre = place(hole.x - offset_u, hole.y - offset_v)
        space.add_circle(centre, hole.diameter / 2.0, dxfattribs={"layer": layer})

    for edge_hole in panel.edge_holes:
        corners = _edge_hole_outline(panel, edge_hole)
        layer = edge_hole_layer(panel, edge_hole)
        _ensure_layer(space, layer)
        _closed(space, [place(u, v) for u, v in corners], layer)

    for kerf in panel.kerfs:
        layer = kerf_layer(kerf.width, kerf.depth, kerf.face)
        _ensure_layer(space, layer)
        _closed(space, [place(u, v) for u, v in _kerf_outline(panel, kerf)], layer)

    mark = min(5.0, cut_width / 10.0, cut_length / 10.0)
    edge_lines = {
        "L1": ((0.0, mark), (cut_length, mark)),
        "L2": ((0.0, cut_width - mark), (cut_length, cut_width - mark)),
        "W1": ((mark, 0.0), (mark, cut_width)),
        "W2": ((cut_length - mark, 0.0), (cut_length - mark, cut_width)),
    }
    for edge in panel.banded:
        start, end = edge_lines[edge]
        space.add_line(place(*start), place(*end), dxfattribs={"layer": EDGE_BAND})

    obstacles = _hole_boxes(panel)
    outline = Outline(cut_length, cut_width, 2.0 * mark)
    height = _text_height(min(cut_length, cut_width))
    if panel.front_edge is not None:
        front = front_mark(panel.front_edge, outline, height, obstacles)
        if front is None:
            logger.warning("no room for the FRONT mark on panel %s", panel.part)
        else:
            _put_text(space, [FRONT_MARK], front, place, rotated)
            obstacles.append(front.box)

    lines = _label_lines(panel, order_id, revision)
    block = label_block(lines, outline, height, obstacles)
    if block is None:
        logger.warning("the label of panel %s covers some of its holes", panel.part)
        block = _fallback_block(lines, cut_width, 2.0 * mark, height)
    _put_text(space, lines, block, place, rotated)


def _label_lines(panel: Panel, order_id: str, revision: str) -> list[str]:
    cut_length, cut_width = panel.cut_length, panel.cut_width
    lines = [
        f"ORDER {order_id} REV {revision}",
        f"{panel.part.upper()} {panel.material.upper()} {panel.thickness:g} MM",
        f"CUT {round_length(cut_length):.1f} X {round_length(cut_width):.1f}",
        f"FINISHED {round_length(panel.length):.1f} X {round_length(panel.width):.1f}",
        "FACE A UP, GRAIN ALONG LENGTH"
        if panel.sheet.grain_along_length
        else "FACE A UP",
    ]
    if panel.banded:
        lines.append(f"EDGE BAND {' '.join(panel.banded)} {panel.band_thickness:g} MM")
    return lines


def _hole_boxes(panel: Panel) -> list[Box]:
    """Return the boxes around a panel's holes and kerfs in the cut
    outline's frame, ``_TEXT_CLEARANCE_MM`` wider on every side."""
    offset_u, offset_v = panel.cut_origin
    clear = _TEXT_CLEARANCE_MM
    boxes = []
    for hole in panel.holes:
        reach = hole.diameter / 2.0 + clear
        u, v = hole.x - offset_u, hole.y - offset_v
        boxes.append((u - reach, v - reach, u + reach, v + reach))
    for edge_hole in panel.edge_holes:
        corners = _edge_hole_outline(panel, edge_hole)
        low_u, low_v = corners[0]
        high_u, high_v = corners[2]
        boxes.append((low_u - clear, low_v - clear, high_u + clear, high_v + clear))
    for kerf in panel.kerfs:
        corners = np.asarray(_kerf_outline(panel, kerf))
        low_u, low_v = corners.min(axis=0) - clear
        high_u, high_v = corners.max(axis=0) + clear
        boxes.append((float(low_u), float(low_v), float(high_u), float(high_v)))
    return boxes


def _fallback_block(
    lines: Sequence[str], cut_width: float, margin: float, height: float
) -> TextBlock:
    """Return the label's top-left place, for a panel with no clear place."""
    longest = max(len(line) for line in lines)
    block_height = height * ((len(lines) - 1) * LINE_SPACING + 1.0 + DESCENT)
    top = cut_width - margin
    return TextBlock(
        (margin, top - block_height, margin + longest * height * CHAR_WIDTH, top),
        height,
    )


def _put_text(
    space: Modelspace,
    lines: Sequence[str],
    block: TextBlock,
    place: Callable[[float, float], tuple[float, float]],
    rotated: bool,
) -> None:
    """Write lines of text filling ``block``, first line at its top (or at
    its outer side, when vertical), on ``LABEL``.

    A placement turned a quarter on its sheet turns the text with it. Text
    that is vertical in the panel's own view then reads along the sheet's
    X axis, never upside down.
    """
    low_u, low_v, high_u, high_v = block.box
    height = block.height
    for number, line in enumerate(lines):
        shift = number * LINE_SPACING * height
        if not block.vertical:
            u, v, rotation = low_u, high_v - height - shift, 0.0
        elif not rotated:
            # Read along +v, the glyphs' tops toward -u.
            u, v, rotation = low_u + height + shift, low_v, 90.0
        else:
            # Read along -v, the glyphs' tops toward +u.
            u, v, rotation = high_u - height - shift, high_v, -90.0
        if rotated:
            rotation += 90.0
        space.add_text(
            line, height=height, rotation=rotation, dxfattribs={"layer": LABEL}
        ).set_placement(place(u, v))
