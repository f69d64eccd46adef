"""Fixtures shared by the rendering tests."""

from __future__ import annotations

import pytest
import pyvista as pv

from tests.leaks import check_no_leaks


@pytest.fixture
def plotter():
    """Offscreen plotter without multisampling, closed after the test."""
    offscreen = pv.Plotter(off_screen=True, window_size=(320, 240))
    offscreen.render_window.SetMultiSamples(0)
    yield offscreen
    offscreen.close()


@pytest.fixture(autouse=True)
def no_leaks():
    """Fail a test that leaves a window or a render window open."""
    yield
    check_no_leaks()
