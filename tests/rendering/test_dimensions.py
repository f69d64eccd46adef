"""Ruler labels as VTK draws them, read back from offscreen renders."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import pyvista as pv
from scipy import ndimage
from vtkmodules.vtkRenderingCore import vtkTextActor

from rendering.dimensions import DimensionRulers
from rendering.label_image import label_image

ENGLISH = ("Width", "Depth", "Height", "{size} ({overall} with handles)")
CHINESE = ("宽", "深", "高", "{size}（含拉手 {overall}）")
# A 600 x 450 x 720 mm cabinet whose handles reach 32 mm in front of it.
CABINET = (-300.0, 300.0, -257.0, 225.0, 0.0, 720.0)
CABINET_BODY = (-300.0, 300.0, -225.0, 225.0, 0.0, 720.0)


@pytest.fixture
def label_plotter():
    """Offscreen plotter on a blue background, so label backgrounds stand out."""
    offscreen = pv.Plotter(off_screen=True, window_size=(640, 480))
    offscreen.render_window.SetMultiSamples(0)
    offscreen.set_background((0.0, 0.0, 1.0))
    yield offscreen
    offscreen.close()


def render_labels(plotter, captions) -> np.ndarray:
    """Render the cabinet's ruler labels alone, as an RGB array."""
    rulers = DimensionRulers(plotter)
    rulers.set_captions(*captions)
    rulers.set_visible(True)
    rulers.update(CABINET, CABINET_BODY)
    plotter.view_isometric()
    plotter.reset_camera()
    plotter.camera.zoom(0.7)
    # The ruler lines are dark too; without them every dark pixel is a label's.
    rulers.props[0].SetVisibility(False)
    return plotter.screenshot(return_img=True)


def shown_labels(plotter, captions) -> tuple[DimensionRulers, list]:
    """Place the cabinet's rulers and return them with their visible labels."""
    rulers = DimensionRulers(plotter)
    rulers.set_captions(*captions)
    rulers.set_visible(True)
    rulers.update(CABINET, CABINET_BODY)
    return rulers, [prop for prop in rulers.props[1:] if prop.GetVisibility()]


def dark_clusters(image: np.ndarray) -> list[tuple[np.ndarray, tuple[slice, ...]]]:
    """Return the dark pixels' mask of each label and its bounding box."""
    dark = image.max(axis=2) < 110
    grouped, count = ndimage.label(ndimage.binary_dilation(dark, iterations=3))
    clusters = []
    for index in range(1, count + 1):
        mask = dark & (grouped == index)
        box = ndimage.find_objects(mask.astype(int))[0]
        clusters.append((mask[box], box))
    return clusters


def framed(mask: np.ndarray) -> bool:
    """Return whether a frame is the outermost line of every dark pixel."""
    edges = (mask[0, :], mask[-1, :], mask[:, 0], mask[:, -1])
    return all(edge.mean() > 0.95 for edge in edges) and mask[1:-1, 1:-1].any()


@pytest.mark.parametrize("captions", [ENGLISH, CHINESE], ids=["en", "zh_CN"])
def test_each_label_sits_in_its_frame(label_plotter, captions):
    image = render_labels(label_plotter, captions)

    clusters = dark_clusters(image)

    assert len(clusters) == 3
    for mask, box in clusters:
        assert framed(mask), f"label at rows {box[0]}, columns {box[1]}"


def test_chinese_labels_match_english_frames(label_plotter):
    english = dark_clusters(render_labels(label_plotter, ENGLISH))
    other_plotter = pv.Plotter(off_screen=True, window_size=(640, 480))
    other_plotter.render_window.SetMultiSamples(0)
    other_plotter.set_background((0.0, 0.0, 1.0))
    try:
        chinese = dark_clusters(render_labels(other_plotter, CHINESE))
    finally:
        other_plotter.close()

    # Frames of the same height; only the width follows the text.
    english_heights = sorted(mask.shape[0] for mask, _ in english)
    chinese_heights = sorted(mask.shape[0] for mask, _ in chinese)
    assert chinese_heights == english_heights


def test_english_labels_are_text_actors(label_plotter):
    rulers, shown = shown_labels(label_plotter, ENGLISH)

    assert all(isinstance(prop, vtkTextActor) for prop in shown)
    assert sorted(prop.GetInput() for prop in shown) == sorted(rulers.labels.values())
    assert rulers.labels["depth"] == "Depth 450 mm (482 with handles)"
    for prop in shown:
        style = prop.GetTextProperty()
        assert Path(style.GetFontFile()).name == "DejaVuSans.ttf"
        assert style.GetFrame()
        assert style.GetFontSize() == 15


def test_chinese_labels_draw_half_width_digits(label_plotter):
    rulers, shown = shown_labels(label_plotter, CHINESE)

    assert len(shown) == 3
    assert not any(isinstance(prop, vtkTextActor) for prop in shown)
    assert rulers.labels["depth"] == "深 450 mm（含拉手 482）"


def test_label_image_draws_half_width_digits():
    colour = (0x2F, 0x33, 0x38)

    digits = label_image("450", 15, colour, 0.8)

    # The Chinese font has no ASCII digits, so only DejaVu Sans draws them.
    inside = digits[1:-1, 1:-1, :3]
    assert (inside.max(axis=2) < 110).sum() > 20
