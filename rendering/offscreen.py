"""Offscreen images of a product for thumbnails and production documents.

These functions render without a window, and without any display at all. On
Linux with no ``DISPLAY`` they ask VTK for its EGL render window, which the
VTK 9.7 wheels from PyPI contain next to the X one.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyvista as pv
from vtkmodules.vtkIOImage import vtkPNGWriter

from models3d.parts import Part
from rendering.scene import ProductScene

logger = logging.getLogger(__name__)

# VTK reads this variable each time it creates a render window.
_WINDOW_CLASS_VARIABLE = "VTK_DEFAULT_OPENGL_WINDOW"


def render_image(
    parts: Sequence[Part],
    size: tuple[int, int] = (800, 600),
    view: str = "iso",
    multi_samples: int = 0,
) -> np.ndarray:
    """Render parts offscreen and return the pixels.

    Parameters
    ----------
    parts
        Parts of one product, in millimetres.
    size
        Image ``(width, height)`` in pixels.
    view
        Preset camera view: ``"front"``, ``"top"``, ``"side"`` or ``"iso"``.
    multi_samples
        Multisample anti-aliasing samples. Software OpenGL renders several
        times slower with multisampling, so it is off unless asked for.

    Returns
    -------
    numpy.ndarray
        ``uint8`` array of shape ``(height, width, 3)``, RGB, first row at
        the top.

    Raises
    ------
    ValueError
        If the size is not two positive integers or the view is unknown.
    """
    width, height = _check_size(size)
    _prefer_egl_without_display()

    plotter = pv.Plotter(off_screen=True, window_size=(width, height))
    try:
        plotter.render_window.SetMultiSamples(multi_samples)
        scene = ProductScene(plotter)
        scene.show_parts(parts)
        scene.set_view(view)
        image = plotter.screenshot(return_img=True)
        logger.debug(
            "rendered %d parts offscreen at %dx%d with %s",
            len(parts),
            width,
            height,
            type(plotter.render_window).__name__,
        )
    finally:
        plotter.close()
    return np.ascontiguousarray(image[:, :, :3], dtype=np.uint8)


def render_png(
    parts: Sequence[Part],
    path: str | os.PathLike[str] | None = None,
    size: tuple[int, int] = (800, 600),
    view: str = "iso",
    multi_samples: int = 0,
) -> bytes:
    """Render parts offscreen and encode the image as PNG.

    Parameters
    ----------
    parts, size, view, multi_samples
        As for :func:`render_image`.
    path
        File to write the PNG to as well, or ``None`` to only return it.

    Returns
    -------
    bytes
        The PNG file contents.
    """
    image = render_image(parts, size=size, view=view, multi_samples=multi_samples)
    data = encode_png(image)
    if path is not None:
        Path(path).write_bytes(data)
    return data


def encode_png(image: np.ndarray) -> bytes:
    """Encode an ``(height, width, 3)`` ``uint8`` RGB array as PNG bytes."""
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise ValueError(
            f"image of shape {image.shape} and dtype {image.dtype} cannot be "
            "encoded; pass an (height, width, 3) uint8 RGB array"
        )
    # VTK images start at the bottom row, numpy images at the top.
    vtk_image = pv.ImageData(dimensions=(image.shape[1], image.shape[0], 1))
    vtk_image.point_data["rgb"] = np.flipud(image).reshape(-1, 3)
    writer = vtkPNGWriter()
    writer.SetInputData(vtk_image)
    writer.WriteToMemoryOn()
    writer.Write()
    return bytes(pv.convert_array(writer.GetResult()))


def _prefer_egl_without_display() -> None:
    """Select VTK's EGL window when Linux has no X display to connect to.

    VTK tries its X window first and falls back to EGL after logging a
    warning, so this only skips the failed attempt. An explicit choice in the
    environment is kept.
    """
    if not sys.platform.startswith("linux") or os.environ.get("DISPLAY"):
        return
    if _WINDOW_CLASS_VARIABLE not in os.environ:
        os.environ[_WINDOW_CLASS_VARIABLE] = "vtkEGLRenderWindow"
        logger.debug("no X display: offscreen images use vtkEGLRenderWindow")


def _check_size(size: tuple[int, int]) -> tuple[int, int]:
    try:
        width, height = (int(value) for value in size)
    except (TypeError, ValueError):
        raise ValueError(
            f"image size {size!r} is invalid; pass (width, height) in pixels"
        ) from None
    if width <= 0 or height <= 0:
        raise ValueError(
            f"image size {size!r} is invalid; width and height must be positive"
        )
    return width, height
