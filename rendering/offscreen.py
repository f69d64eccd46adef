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
from vtkmodules.vtkCommonCore import vtkUnsignedCharArray
from vtkmodules.vtkIOImage import vtkPNGWriter
from vtkmodules.vtkRenderingCore import vtkRenderWindow

from models3d.parts import Part
from rendering.scene import ProductScene

logger = logging.getLogger(__name__)

# VTK reads this variable each time it creates a render window.
_WINDOW_CLASS_VARIABLE = "VTK_DEFAULT_OPENGL_WINDOW"


class OffscreenRenderer:
    """One offscreen render window for many images of the same size.

    The studio environment is prefiltered once per render window (about
    0.2 s in software OpenGL), so a batch of thumbnails shares one renderer.
    Use it as a context manager, or call :meth:`close`.

    Parameters
    ----------
    size
        Image ``(width, height)`` in pixels.
    multi_samples
        Multisample anti-aliasing samples. Software OpenGL renders several
        times slower with multisampling, so it is off unless asked for.

    Raises
    ------
    ValueError
        If the size is not two positive integers.
    """

    def __init__(self, size: tuple[int, int] = (800, 600), multi_samples: int = 0):
        width, height = _check_size(size)
        prefer_egl_without_display()
        self._plotter = pv.Plotter(off_screen=True, window_size=(width, height))
        self._plotter.render_window.SetMultiSamples(multi_samples)
        self._scene = ProductScene(self._plotter)
        self._size = (width, height)

    @property
    def scene(self) -> ProductScene:
        """The scene that the images show."""
        return self._scene

    def render(self, parts: Sequence[Part], view: str = "iso") -> np.ndarray:
        """Show these parts at a preset view and return the pixels.

        Parameters
        ----------
        parts
            Parts of one product, in millimetres. They replace the parts of
            the previous image, and the camera is fitted to them.
        view
            Preset camera view: ``"front"``, ``"top"``, ``"side"`` or ``"iso"``.

        Returns
        -------
        numpy.ndarray
            ``uint8`` array of shape ``(height, width, 3)``, RGB, first row at
            the top.

        Raises
        ------
        ValueError
            If the view is unknown.
        """
        self._scene.show_parts(parts)
        # set_view fits the camera to these parts whatever the last image was.
        self._scene.set_view(view)
        render_window = self._plotter.render_window
        render_window.Render()
        image = read_pixels(render_window)
        logger.debug(
            "rendered %d parts offscreen at %dx%d with %s",
            len(parts),
            *self._size,
            type(self._plotter.render_window).__name__,
        )
        return np.ascontiguousarray(image[:, :, :3])

    def render_pngs(
        self, parts: Sequence[Part], views: Sequence[str]
    ) -> dict[str, bytes]:
        """Render these parts at each of ``views`` and return PNG bytes by view."""
        return {view: encode_png(self.render(parts, view=view)) for view in views}

    def close(self) -> None:
        """Release the render window; the renderer cannot be used afterwards."""
        self._plotter.close()

    def __enter__(self) -> OffscreenRenderer:
        return self

    def __exit__(self, *_exception) -> None:
        self.close()


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
    with OffscreenRenderer(size, multi_samples=multi_samples) as renderer:
        return renderer.render(parts, view=view)


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


def render_view_pngs(
    parts: Sequence[Part],
    views: Sequence[str],
    size: tuple[int, int] = (600, 450),
    multi_samples: int = 0,
) -> dict[str, bytes]:
    """Render parts at several preset views in one render window, as PNG.

    One window saves the window's creation and the environment's
    prefiltering for each further view.

    Parameters
    ----------
    parts, size, multi_samples
        As for :func:`render_image`.
    views
        Preset camera views, such as ``("front", "side", "iso")``.

    Returns
    -------
    dict
        PNG bytes by view, in the order of ``views``.
    """
    with OffscreenRenderer(size, multi_samples=multi_samples) as renderer:
        return renderer.render_pngs(parts, views)


def read_pixels(
    render_window: vtkRenderWindow, buffer: vtkUnsignedCharArray | None = None
) -> np.ndarray:
    """Read the frame just rendered as a top-row-first RGBA array.

    Parameters
    ----------
    render_window
        A render window right after ``Render()``.
    buffer
        VTK array to read into, reused between frames to save an allocation.

    Returns
    -------
    numpy.ndarray
        New ``uint8`` array of shape ``(height, width, 4)``.
    """
    width, height = render_window.GetSize()
    if buffer is None:
        buffer = vtkUnsignedCharArray()
    # VTK reads rows from the bottom up; 0 reads the buffer just drawn.
    render_window.GetRGBACharPixelData(0, 0, width - 1, height - 1, 0, buffer)
    pixels = pv.convert_array(buffer).reshape(height, width, 4)
    return np.flipud(pixels).copy()


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


def prefer_egl_without_display() -> None:
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
