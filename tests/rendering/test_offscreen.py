"""Offscreen images, under Xvfb and with no display at all."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from models3d.parts import Part
from rendering.offscreen import (
    OffscreenRenderer,
    encode_png,
    render_image,
    render_png,
    render_view_pngs,
)
from tests.images import read_png
from tests.rendering.sample_parts import ring_parts, table_parts

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SIZE = (240, 180)


def object_mask(image: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Return where an image differs clearly from the empty scene."""
    difference = np.abs(image.astype(int) - background.astype(int)).sum(axis=2)
    return difference > 30


def assert_shows_object(image: np.ndarray, background: np.ndarray) -> None:
    """Check that the image has an object in its centre and keeps a background."""
    height, width, _ = image.shape
    mask = object_mask(image, background)

    assert image.std() > 10.0
    assert mask.mean() > 0.03
    assert mask.mean() < 0.9
    assert mask[height // 3 : 2 * height // 3, width // 3 : 2 * width // 3].any()


@pytest.fixture(scope="module")
def background() -> np.ndarray:
    """Image of the scene with no parts: the background gradient only."""
    return render_image([], size=SIZE)


def test_image_shape_and_type():
    image = render_image(ring_parts(), size=SIZE)

    assert image.shape == (180, 240, 3)
    assert image.dtype == np.uint8


def test_background_is_neutral(background):
    channels = background.reshape(-1, 3).astype(int)

    assert np.abs(channels[:, 0] - channels[:, 2]).max() < 20
    assert channels.min() > 150


def test_image_shows_ring(background):
    image = render_image(ring_parts(), size=SIZE)

    assert_shows_object(image, background)


def test_gold_renders_warm(background):
    image = render_image(ring_parts(), size=SIZE, view="top")

    ring_pixels = image[object_mask(image, background)].astype(int)
    assert len(ring_pixels) > 500
    assert (ring_pixels[:, 0] - ring_pixels[:, 2]).mean() > 40


def test_views_differ():
    front = render_image(table_parts(), size=SIZE, view="front")
    top = render_image(table_parts(), size=SIZE, view="top")

    assert np.abs(front.astype(int) - top.astype(int)).mean() > 5.0


def test_png_written_and_returned(tmp_path, background):
    path = tmp_path / "ring.png"

    data = render_png(ring_parts(), path, size=SIZE, view="iso")

    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert path.read_bytes() == data
    image = read_png(path)
    assert image.shape == (180, 240, 3)
    assert_shows_object(image, background)


def test_png_matches_image(tmp_path):
    path = tmp_path / "ring.png"

    render_png(ring_parts(), path, size=SIZE, view="front")

    expected = render_image(ring_parts(), size=SIZE, view="front")
    np.testing.assert_array_equal(read_png(path), expected)


def test_view_pngs_match_single_renders(tmp_path):
    pngs = render_view_pngs(table_parts(), ("front", "side", "iso"), size=SIZE)

    assert list(pngs) == ["front", "side", "iso"]
    for view, data in pngs.items():
        path = tmp_path / f"{view}.png"
        path.write_bytes(data)
        expected = render_image(table_parts(), size=SIZE, view=view)
        np.testing.assert_array_equal(read_png(path), expected)


def test_png_without_path_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    data = render_png(ring_parts(), None, size=SIZE)

    assert data.startswith(b"\x89PNG")
    assert list(tmp_path.iterdir()) == []


def test_encode_png_rejects_rgba():
    with pytest.raises(ValueError, match=r"\(4, 4, 4\)"):
        encode_png(np.zeros((4, 4, 4), dtype=np.uint8))


@pytest.mark.parametrize("size", [(0, 100), (100, -5), (100,), "large"])
def test_invalid_size_raises(size):
    with pytest.raises(ValueError, match="image size"):
        render_image(ring_parts(), size=size)


def test_unknown_view_raises():
    with pytest.raises(ValueError, match="unknown view 'left'"):
        render_image(ring_parts(), size=SIZE, view="left")


def test_renders_without_display(tmp_path):
    script = textwrap.dedent(
        """
        import logging
        import sys

        import numpy as np

        from rendering.offscreen import render_image
        from tests.rendering.sample_parts import ring_parts

        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
        np.save(sys.argv[1], render_image(ring_parts(), size=(240, 180)))
        np.save(sys.argv[2], render_image([], size=(240, 180)))
        """
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "VTK_DEFAULT_OPENGL_WINDOW")
    }
    output = tmp_path / "image.npy"
    empty_output = tmp_path / "background.npy"

    result = subprocess.run(
        [sys.executable, "-c", script, str(output), str(empty_output)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "vtkEGLRenderWindow" in result.stderr
    assert "bad X server connection" not in result.stderr
    image = np.load(output)
    assert image.shape == (180, 240, 3)
    assert_shows_object(image, np.load(empty_output))


def test_renderer_reused_for_other_products(background):
    with OffscreenRenderer(SIZE) as renderer:
        ring = renderer.render(ring_parts())
        table = renderer.render(table_parts())
        ring_again = renderer.render(ring_parts())

    assert_shows_object(table, background)
    assert np.abs(ring.astype(int) - table.astype(int)).mean() > 5.0
    np.testing.assert_array_equal(ring, ring_again)


def mean_colour(image: np.ndarray, background: np.ndarray) -> np.ndarray:
    return image[object_mask(image, background)].astype(float).mean(axis=0)


def test_metals_look_different(background):
    colours = {}
    with OffscreenRenderer(SIZE) as renderer:
        for material_id in ("gold_18k_yellow", "gold_18k_rose", "silver_925"):
            band = ring_parts()[0]
            parts = [Part(band.name, band.mesh, material_id)]
            colours[material_id] = mean_colour(renderer.render(parts), background)

    yellow, rose, silver = colours.values()
    # Yellow gold has the most yellow (red and green over blue), rose gold
    # more red than green, and silver is nearly neutral.
    assert yellow[1] - yellow[2] > rose[1] - rose[2]
    assert rose[0] - rose[1] > yellow[0] - yellow[1]
    assert abs(silver[0] - silver[2]) < 20


def test_wood_grain_shows_in_image(background):
    top = table_parts()[0]
    plain = Part("top", top.mesh, "oak", colour="#b08a5a")

    with OffscreenRenderer(SIZE) as renderer:
        oak = renderer.render([plain], view="top")
        flat = renderer.render([Part("top", top.mesh, "mdf", "#b08a5a")], view="top")

    # Seen from above, lacquer is one even colour and oak shows its grain.
    mask = object_mask(oak, background) & object_mask(flat, background)
    assert oak[mask, 0].astype(float).std() > 2.0 * flat[mask, 0].std() + 1.0
