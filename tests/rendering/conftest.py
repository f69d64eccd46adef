"""Fixtures shared by the rendering tests."""

from __future__ import annotations

import pytest
import pyvista as pv


@pytest.fixture
def plotter():
    """Offscreen plotter without multisampling, closed after the test."""
    offscreen = pv.Plotter(off_screen=True, window_size=(320, 240))
    offscreen.render_window.SetMultiSamples(0)
    yield offscreen
    offscreen.close()
