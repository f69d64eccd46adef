"""Procedural textures: size, brightness and seamless tiling."""

from __future__ import annotations

import numpy as np
import pytest

from rendering.textures import (
    TEXTURE_NAMES,
    periodic_noise,
    texture_image,
    texture_level,
    texture_level_count,
)


@pytest.mark.parametrize("name", TEXTURE_NAMES)
def test_texture_is_light_grey_rgb(name):
    image = texture_image(name)

    assert image.dtype == np.uint8
    assert image.shape[2] == 3
    assert np.array_equal(image[..., 0], image[..., 2])
    assert image.mean() > 180
    assert image.std() > 3


@pytest.mark.parametrize("name", TEXTURE_NAMES)
def test_texture_tiles_without_seam(name):
    luminance = texture_image(name)[..., 0].astype(float)
    # The step from the last row to the first must look like a step between
    # two neighbouring rows inside the tile (for a weave, a thread's edge).
    largest_row_step = np.abs(np.diff(luminance, axis=0)).mean(axis=1).max()
    largest_column_step = np.abs(np.diff(luminance, axis=1)).mean(axis=0).max()

    wrap_rows = np.abs(luminance[0] - luminance[-1]).mean()
    wrap_columns = np.abs(luminance[:, 0] - luminance[:, -1]).mean()

    assert wrap_rows <= largest_row_step + 1.0
    assert wrap_columns <= largest_column_step + 1.0


def test_texture_is_cached_and_read_only():
    first = texture_image("wood")

    assert texture_image("wood") is first
    assert not first.flags.writeable


def test_periodic_noise_wraps():
    noise = periodic_noise((64, 64), (3, 3), np.random.default_rng(1))
    tiled = np.tile(noise, (1, 2))

    step_across_seam = np.abs(tiled[:, 63] - tiled[:, 64]).mean()
    typical_step = np.abs(np.diff(noise, axis=1)).mean()
    assert step_across_seam < 3.0 * typical_step
    assert noise.std() == pytest.approx(1.0)


def test_unknown_texture_lists_names():
    with pytest.raises(ValueError, match="'marble'.*leather"):
        texture_image("marble")


@pytest.mark.parametrize("name", TEXTURE_NAMES)
def test_texture_levels_halve_and_keep_brightness(name):
    full = texture_image(name)

    for level in range(1, texture_level_count(name)):
        image = texture_level(name, level)
        assert image.shape[0] == full.shape[0] >> level
        assert image.shape[1] == full.shape[1] >> level
        # Averaging in linear light brightens the sRGB mean a little.
        assert image.mean() == pytest.approx(full.mean(), abs=3.0)
        assert not image.flags.writeable


def test_texture_level_zero_is_full_image():
    assert texture_level("leather", 0) is texture_image("leather")


def test_texture_level_averages_blocks_in_linear_light():
    full = texture_image("weave")[..., 0] / 255.0
    linear = np.where(full <= 0.04045, full / 12.92, ((full + 0.055) / 1.055) ** 2.4)
    block = linear[:2, :2].mean()
    expected = 1.055 * block ** (1.0 / 2.4) - 0.055

    assert texture_level("weave", 1)[0, 0, 0] == round(expected * 255.0)


def test_texture_level_out_of_range():
    last = texture_level_count("leather") - 1

    assert min(texture_level("leather", last).shape[:2]) == 4
    with pytest.raises(ValueError, match="level 7 of 'leather'.*0 to 6"):
        texture_level("leather", last + 1)
    with pytest.raises(ValueError, match="level -1"):
        texture_level("leather", -1)
