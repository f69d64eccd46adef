"""Band lofts and tubes: closed, outward-wound solids of the expected size."""

import numpy as np
import pytest

from models3d.meshing import concatenate
from models3d.sweep import band_loft, tube, tubes
from tests.models3d.helpers import assert_solid


def arc_band(stations, radius, thickness):
    angle = np.linspace(0.3, 2.8, 12)
    faces, backs = [], []
    for x in stations:
        for r, target in ((radius, faces), (radius - thickness, backs)):
            target.append(
                np.column_stack([np.full(12, x), r * np.cos(angle), r * np.sin(angle)])
            )
    return faces, backs


@pytest.mark.parametrize("order", [1, -1])
def test_band_loft_closed(order):
    faces, backs = arc_band(np.arange(5.0)[::order], 10.0, 1.0)
    band = band_loft(faces, backs)
    assert_solid(band, "band")
    # An annular sector 4 mm long: 0.5 * (r² - (r - t)²) * angle * length.
    expected = 0.5 * (100.0 - 81.0) * 2.5 * 4.0
    assert band.volume == pytest.approx(expected, rel=0.02)


def test_band_loft_rejects_mismatch():
    faces, backs = arc_band(np.arange(3.0), 10.0, 1.0)
    with pytest.raises(ValueError, match="two or more stations"):
        band_loft(faces[:1], backs[:1])
    with pytest.raises(ValueError, match="matching"):
        band_loft(faces, [back[:-1] for back in backs])


def test_tube_closed_with_radius():
    path = np.column_stack(
        [np.zeros(20), np.linspace(-10.0, 10.0, 20), np.linspace(0.0, 3.0, 20) ** 2]
    )
    solid = tube(path, 1.0, sides=16)
    assert_solid(solid, "tube")
    length = np.linalg.norm(np.diff(path, axis=0), axis=1).sum()
    assert solid.volume == pytest.approx(np.pi * length, rel=0.05)


def test_tube_along_x_axis():
    path = np.column_stack([np.linspace(0.0, 10.0, 5), np.zeros(5), np.zeros(5)])
    solid = tube(path, 2.0)
    assert_solid(solid, "tube")
    assert solid.extents[0] == pytest.approx(10.0)


def test_tubes_match_single_tubes():
    # One path runs along X, so it takes the other helper axis.
    paths = [
        np.column_stack(
            [np.full(6, x), np.linspace(-5.0, 5.0, 6), np.linspace(0.0, 2.0, 6) ** 2]
        )
        for x in (0.0, 4.0, 9.0)
    ]
    paths.append(np.column_stack([np.linspace(0.0, 10.0, 6), np.zeros(6), np.ones(6)]))
    joined = tubes(paths, 1.5)
    expected = concatenate([tube(path, 1.5) for path in paths])
    np.testing.assert_array_equal(joined.vertices, expected.vertices)
    np.testing.assert_array_equal(joined.faces, expected.faces)
    assert_solid(joined, "tubes")
