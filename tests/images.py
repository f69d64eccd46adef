"""Reading images back in tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkIOImage import vtkPNGReader


def read_png(path: Path) -> np.ndarray:
    """Read a PNG with VTK's reader as a top-row-first RGB array."""
    reader = vtkPNGReader()
    reader.SetFileName(str(path))
    reader.Update()
    image = reader.GetOutput()
    width, height, _ = image.GetDimensions()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars())
    return np.flipud(pixels.reshape(height, width, -1))[:, :, :3]


def image_colours(image) -> int:
    """Count the distinct colours in a QImage, a cheap test for blankness."""
    image = image.convertToFormat(image.Format.Format_RGB32)
    data = np.frombuffer(
        image.constBits(), dtype=np.uint32, count=image.width() * image.height()
    )
    return len(np.unique(data))
