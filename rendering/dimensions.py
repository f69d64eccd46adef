"""Width, depth and height rulers with millimetre labels, from the parts' bounds.

The rulers stand just outside the product's bounding box: width along the
front edge of the floor, depth along the right edge and height up the
front-left corner, so the iso view shows all three apart from each other.
They measure the product's body, without parts that stand out of its size
such as a cabinet's handles, and a label names the overall length too
where such parts make it longer.
"""

from __future__ import annotations

import logging

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import (
    vtkActor2D,
    vtkCoordinate,
    vtkImageMapper,
    vtkTextActor,
)

from rendering.label_image import LATIN_FONT, is_cjk, label_image, to_vtk_image

logger = logging.getLogger(__name__)

AXES = ("width", "depth", "height")
DEFAULT_CAPTIONS = {"width": "Width", "depth": "Depth", "height": "Height"}
DEFAULT_OVERALL = "{size} ({overall} overall)"
"""Template of a length that parts standing out of the body make longer.
``{size}`` is the body's length with its unit, and ``{overall}`` the
overall length without it."""
# Parts that stand out of the body by less than this, in mm, leave its label
# as it is, so that rounding noise never adds an overall length.
OVERALL_MIN_MM = 0.5

RULER_COLOUR = "#2f3338"
LABEL_FONT_SIZE = 15
LABEL_BACKGROUND_OPACITY = 0.8
# Gap between the product and a ruler, and the length of the extension lines
# past the ruler, as fractions of the product's largest side.
RULER_GAP = 0.08
EXTENSION = 0.03


def format_mm(value: float) -> str:
    """Format a length for a label: one decimal below 100 mm, none above."""
    return f"{format_length(value)} mm"


def format_length(value: float) -> str:
    """Format a length in mm without its unit, as :func:`format_mm` does."""
    if value < 100.0:
        return f"{value:.1f}"
    return f"{value:.0f}"


class DimensionRulers:
    """Three ruler lines and their labels, hidden until shown.

    Parameters
    ----------
    plotter
        The plotter whose renderer receives the rulers' actors.
    """

    def __init__(self, plotter: pv.BasePlotter) -> None:
        self._plotter = plotter
        self._visible = False
        self._bounds: tuple[float, ...] | None = None
        self._body: tuple[float, ...] | None = None
        self._placed = False
        self._captions = dict(DEFAULT_CAPTIONS)
        self._overall = DEFAULT_OVERALL
        self._lines = pv.PolyData()
        mapper = pv.DataSetMapper(self._lines)
        self._line_actor = pv.Actor(mapper=mapper, name="dimension_lines")
        self._line_actor.prop.color = RULER_COLOUR
        self._line_actor.prop.lighting = False
        self._line_actor.prop.line_width = 1.5
        self._labels = {axis: _make_label() for axis in AXES}
        # VTK draws a text actor in one font, and the Chinese font has no
        # digits, so a label with Chinese text is an image drawn by Pillow.
        self._images = {axis: _ImageLabel() for axis in AXES}
        self._texts: dict[str, str] = {}
        # The height ruler is the leftmost thing in the iso view, so its label
        # starts at the ruler and runs to the right, into the view.
        self._labels["height"].GetTextProperty().SetJustificationToLeft()
        self._images["height"].centred = False
        plotter.add_actor(
            self._line_actor, name="dimension_lines", reset_camera=False, render=False
        )
        for label in self._labels.values():
            plotter.renderer.AddActor(label)
        for image in self._images.values():
            plotter.renderer.AddActor(image.actor)
        self._apply_visibility()

    @property
    def visible(self) -> bool:
        """Whether the rulers are shown (when there are parts to measure)."""
        return self._visible

    @property
    def props(self) -> list:
        """The line actor and the label actors, as added to the renderer.

        Each axis has a text actor for labels in Latin script and an image
        actor for labels with Chinese text. At most one of them is visible.
        """
        images = [image.actor for image in self._images.values()]
        return [self._line_actor, *self._labels.values(), *images]

    @property
    def labels(self) -> dict[str, str]:
        """Label text of each axis, for example ``{"width": "Width 1600 mm"}``.

        Empty while there are no parts.
        """
        if self._bounds is None:
            return {}
        if not self._placed:
            self._place(self._bounds, self._body)
            self._placed = True
        return dict(self._texts)

    def set_captions(
        self, width: str, depth: str, height: str, overall: str = DEFAULT_OVERALL
    ) -> None:
        """Set the words in front of each length, in the user's language.

        ``overall`` is the template of a length that parts standing out of
        the body make longer, as ``DEFAULT_OVERALL``.

        Raises
        ------
        ValueError
            If ``overall`` lacks ``{size}`` or ``{overall}``, or names
            another field.
        """
        _check_overall_template(overall)
        self._captions = {"width": width, "depth": depth, "height": height}
        self._overall = overall
        self.update(self._bounds, self._body)

    def set_visible(self, visible: bool) -> None:
        """Show or hide every ruler and label."""
        self._visible = bool(visible)
        self.update(self._bounds, self._body)

    def update(
        self,
        bounds: tuple[float, ...] | None,
        body: tuple[float, ...] | None = None,
    ) -> None:
        """Place the rulers around ``(xmin, xmax, ymin, ymax, zmin, zmax)`` in mm.

        ``bounds`` contains every part, and ``body`` the parts without those
        that stand out of the product's size; the rulers measure ``body``
        and stand outside ``bounds``. ``body`` defaults to ``bounds``.
        ``None`` bounds mean there are no parts, and hide the rulers. Hidden
        rulers only keep the bounds, so a slider drag pays nothing for them.
        """
        self._bounds = None if bounds is None else tuple(float(b) for b in bounds)
        self._body = None if body is None else tuple(float(b) for b in body)
        self._placed = False
        if self._bounds is not None and self._visible:
            self._place(self._bounds, self._body)
            self._placed = True
        self._apply_visibility()

    def _place(self, bounds: tuple[float, ...], body: tuple[float, ...] | None) -> None:
        x0, x1, y0, y1, z0, z1 = body or bounds
        size = max(bounds[1] - bounds[0], bounds[3] - bounds[2], bounds[5] - bounds[4])
        size = max(size, 1e-3)
        gap = RULER_GAP * size
        extension = EXTENSION * size
        # The rulers measure the body and stand clear of every part.
        front, right, left = bounds[2] - gap, bounds[1] + gap, bounds[0] - gap

        segments = [
            # Width along the front edge, with its extension lines.
            ((x0, front, z0), (x1, front, z0)),
            ((x0, y0, z0), (x0, front - extension, z0)),
            ((x1, y0, z0), (x1, front - extension, z0)),
            # Depth along the right edge.
            ((right, y0, z0), (right, y1, z0)),
            ((x1, y0, z0), (right + extension, y0, z0)),
            ((x1, y1, z0), (right + extension, y1, z0)),
            # Height up the front-left corner.
            ((left, front, z0), (left, front, z1)),
            ((x0, y0, z1), (left - extension, front, z1)),
        ]
        points = np.array([point for segment in segments for point in segment])
        lines = np.column_stack(
            [np.full(len(segments), 2), np.arange(0, 2 * len(segments)).reshape(-1, 2)]
        )
        self._lines.points = points
        self._lines.lines = lines.ravel()

        label_gap = 2.0 * extension
        positions = {
            "width": ((x0 + x1) / 2.0, front - label_gap, z0),
            "depth": (right + label_gap, (y0 + y1) / 2.0, z0),
            "height": (left + extension, front, (z0 + z1) / 2.0),
        }
        lengths = {"width": x1 - x0, "depth": y1 - y0, "height": z1 - z0}
        overall = {
            "width": bounds[1] - bounds[0],
            "depth": bounds[3] - bounds[2],
            "height": bounds[5] - bounds[4],
        }
        for axis in AXES:
            caption, length = self._captions[axis], format_mm(lengths[axis])
            stands_out = overall[axis] - lengths[axis] >= OVERALL_MIN_MM
            if stands_out:
                length = self._overall.format(
                    size=length, overall=format_length(overall[axis])
                )
            self._texts[axis] = text = f"{caption} {length}"
            label, image = self._labels[axis], self._images[axis]
            if is_cjk(text):
                label.SetInput("")
                image.show(text, positions[axis], self._font_px())
            else:
                label.SetInput(text)
                label.GetPositionCoordinate().SetValue(*positions[axis])
                image.hide()

    def _font_px(self) -> int:
        # A text actor's font size is in points, drawn at the window's dpi.
        dpi = self._plotter.render_window.GetDPI()
        return round(LABEL_FONT_SIZE * dpi / 72.0)

    def _apply_visibility(self) -> None:
        shown = self._visible and self._bounds is not None
        self._line_actor.SetVisibility(shown)
        for label in self._labels.values():
            label.SetVisibility(shown and bool(label.GetInput()))
        for image in self._images.values():
            image.actor.SetVisibility(shown and image.text != "")


class _ImageLabel:
    """A label drawn as an image, anchored at a point in world coordinates.

    Like a text actor, it stays upright, keeps its size in pixels and is
    drawn over the parts. It is centred on its anchor, or, when ``centred``
    is false, starts at the anchor and is centred vertically.
    """

    def __init__(self) -> None:
        self.centred = True
        self.text = ""
        self._font_px = 0
        self._mapper = vtkImageMapper()
        # Show the 8-bit RGBA values as they are.
        self._mapper.SetColorWindow(255.0)
        self._mapper.SetColorLevel(127.5)
        self._anchor = vtkCoordinate()
        self._anchor.SetCoordinateSystemToWorld()
        self.actor = vtkActor2D()
        self.actor.SetMapper(self._mapper)
        # The actor's position is an offset in pixels from the anchor.
        position = self.actor.GetPositionCoordinate()
        position.SetCoordinateSystemToViewport()
        position.SetReferenceCoordinate(self._anchor)
        self.actor.SetVisibility(False)

    def show(self, text: str, anchor: tuple[float, float, float], font_px: int) -> None:
        """Draw ``text`` at ``anchor`` in mm, redrawing the image if it changed."""
        self._anchor.SetValue(*anchor)
        if (text, font_px) == (self.text, self._font_px):
            return
        self.text, self._font_px = text, font_px
        colour = tuple(round(255 * c) for c in pv.Color(RULER_COLOUR).float_rgb)
        rgba = label_image(text, font_px, colour, LABEL_BACKGROUND_OPACITY)
        height, width, _ = rgba.shape
        self._mapper.SetInputData(to_vtk_image(rgba))
        left = -width / 2.0 if self.centred else 0.0
        self.actor.GetPositionCoordinate().SetValue(round(left), round(-height / 2.0))

    def hide(self) -> None:
        """Forget the text, so that the label stays hidden."""
        self.text = ""
        self._font_px = 0


def _make_label() -> vtkTextActor:
    # A 2D text actor anchored at a world position stays upright, keeps its
    # size in pixels and is drawn over the parts, so no part hides a label.
    label = vtkTextActor()
    label.GetPositionCoordinate().SetCoordinateSystemToWorld()
    text = label.GetTextProperty()
    text.SetFontSize(LABEL_FONT_SIZE)
    text.SetColor(pv.Color(RULER_COLOUR).float_rgb)
    text.SetBackgroundColor(1.0, 1.0, 1.0)
    text.SetBackgroundOpacity(LABEL_BACKGROUND_OPACITY)
    text.SetFrame(True)
    text.SetFrameColor(pv.Color(RULER_COLOUR).float_rgb)
    text.SetJustificationToCentered()
    text.SetVerticalJustificationToCentered()
    text.SetFontFamilyAsString("File")
    text.SetFontFile(str(LATIN_FONT))
    return label


def _check_overall_template(template: str) -> None:
    try:
        template.format(size="", overall="")
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(
            f"invalid overall-length template {template!r}: {error}. Use only "
            "the fields {size} and {overall}."
        ) from error
    for field in ("{size}", "{overall}"):
        if field not in template:
            raise ValueError(
                f"overall-length template {template!r} lacks {field}. It needs "
                "both {size} and {overall}."
            )
