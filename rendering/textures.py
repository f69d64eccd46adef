"""Procedural albedo textures that tile seamlessly: wood grain, leather, weave.

Each texture is a grey luminance image close to white, so the part's base
colour sets the hue and the texture only adds the pattern. Every pattern is
built from periodic functions, so a tile's right edge continues into its left
edge and its bottom into its top.
"""

from __future__ import annotations

from functools import cache

import numpy as np

# Fixed seeds keep every run, thumbnail and screenshot identical.
_SEEDS = {"wood": 11, "leather": 23, "suede": 37, "weave": 41}
TEXTURE_NAMES = tuple(_SEEDS)


def texture_image(name: str) -> np.ndarray:
    """Return a texture as an ``(height, width, 3)`` ``uint8`` RGB array.

    The first image axis runs across the grain and the second along it.

    Raises
    ------
    ValueError
        If the name is not one of ``wood``, ``leather``, ``suede``, ``weave``.
    """
    builders = {
        "wood": _wood,
        "leather": _leather,
        "suede": _suede,
        "weave": _weave,
    }
    if name not in builders:
        raise ValueError(
            f"unknown texture {name!r}; use one of {', '.join(sorted(builders))}"
        )
    return _cached(name, builders[name])


def texture_aspect(name: str) -> float:
    """Return a texture's height over its width, to keep its pattern unstretched."""
    height, width, _ = texture_image(name).shape
    return height / width


def texture_level(name: str, level: int) -> np.ndarray:
    """Return a texture halved in width and height ``level`` times.

    Level 0 is :func:`texture_image`. Each further level averages blocks of
    2 x 2 texels in linear light, as a GPU builds the levels of an sRGB
    mipmap, so the pattern keeps its mean brightness and still tiles.

    Raises
    ------
    ValueError
        If the name is unknown, or the level is negative or would leave a
        side shorter than 4 texels.
    """
    image = texture_image(name)
    if level < 0 or min(image.shape[:2]) >> level < 4:
        raise ValueError(
            f"texture level {level} of {name!r} is out of range; use 0 to "
            f"{texture_level_count(name) - 1}"
        )
    return _level(name, level)


def texture_level_count(name: str) -> int:
    """Return how many levels :func:`texture_level` has for a texture."""
    shortest = min(texture_image(name).shape[:2])
    return int(np.log2(shortest)) - 1


@cache
def _level(name: str, level: int) -> np.ndarray:
    if level == 0:
        return texture_image(name)
    finer = _srgb_to_linear(_level(name, level - 1))
    rows, columns, _ = finer.shape
    blocks = finer.reshape(rows // 2, 2, columns // 2, 2, 3).mean(axis=(1, 3))
    image = np.round(_linear_to_srgb(blocks) * 255.0).astype(np.uint8)
    image.setflags(write=False)
    return image


def _srgb_to_linear(image: np.ndarray) -> np.ndarray:
    value = image / 255.0
    return np.where(value <= 0.04045, value / 12.92, ((value + 0.055) / 1.055) ** 2.4)


def _linear_to_srgb(linear: np.ndarray) -> np.ndarray:
    return np.where(
        linear <= 0.0031308,
        linear * 12.92,
        1.055 * np.power(linear, 1.0 / 2.4) - 0.055,
    )


@cache
def _cached(name, builder) -> np.ndarray:
    luminance = builder(np.random.default_rng(_SEEDS[name]))
    grey = np.round(np.clip(luminance, 0.0, 1.0) * 255.0).astype(np.uint8)
    image = np.repeat(grey[:, :, None], 3, axis=2)
    image.setflags(write=False)
    return image


def periodic_noise(
    shape: tuple[int, int],
    frequencies: tuple[int, int],
    rng: np.random.Generator,
) -> np.ndarray:
    """Return smooth noise that tiles, scaled to a standard deviation of 1.

    Parameters
    ----------
    shape
        ``(rows, columns)`` of the result.
    frequencies
        Highest whole number of cycles across the rows and across the
        columns; higher values give finer detail along that axis.
    """
    rows, columns = shape
    max_rows, max_columns = frequencies
    spectrum = np.zeros((rows, columns // 2 + 1), dtype=complex)
    band = rng.normal(size=(2 * max_rows + 1, max_columns + 1, 2))
    coefficients = band[..., 0] + 1j * band[..., 1]
    row_index = np.r_[0 : max_rows + 1, rows - max_rows : rows]
    spectrum[row_index, : max_columns + 1] = coefficients
    spectrum[0, 0] = 0.0
    noise = np.fft.irfft2(spectrum, s=shape)
    return noise / noise.std()


def _wood(rng: np.random.Generator) -> np.ndarray:
    rows, columns = 128, 512
    v = np.arange(rows)[:, None] / rows
    # Growth rings run along the columns and wander slowly across them.
    warp = 0.45 * periodic_noise((rows, columns), (1, 2), rng)
    warp += 0.12 * periodic_noise((rows, columns), (3, 5), rng)
    rings = 5.0 * v + warp
    phase = rings - np.floor(rings)
    latewood = np.exp(-(((phase - 0.7) / 0.1) ** 2))
    streaks = periodic_noise((rows, columns), (48, 2), rng)
    pores = periodic_noise((rows, columns), (64, 40), rng)
    return 0.96 - 0.17 * latewood - 0.04 * streaks - 0.02 * np.abs(pores)


def _leather(rng: np.random.Generator) -> np.ndarray:
    size = 256
    cells = periodic_noise((size, size), (14, 14), rng)
    creases = np.exp(-((cells / 0.22) ** 2))
    fine = periodic_noise((size, size), (60, 60), rng)
    return 0.96 - 0.08 * creases - 0.012 * fine


def _suede(rng: np.random.Generator) -> np.ndarray:
    size = 256
    mottle = periodic_noise((size, size), (4, 4), rng)
    nap = periodic_noise((size, size), (90, 90), rng)
    return 0.92 + 0.035 * mottle - 0.04 * np.abs(nap)


def _weave(rng: np.random.Generator) -> np.ndarray:
    size = 256
    threads = 16
    position = (np.arange(size) + 0.5) / size * threads
    across = np.sin(np.pi * (position - np.floor(position)))
    rows = np.floor(position)[:, None]
    columns = np.floor(position)[None, :]
    over = (rows + columns) % 2 == 0
    # Warp threads show where they pass over the weft, weft threads elsewhere.
    relief = np.where(over, across[None, :], across[:, None])
    slub = periodic_noise((size, size), (6, 6), rng)
    return 0.72 + 0.24 * relief + 0.02 * slub
