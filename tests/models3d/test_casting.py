"""Casting weight with the sprue allowance."""

import pytest

from models3d.casting import SPRUE_ALLOWANCE, casting_weight_g, metal_weight_g
from models3d.generators import build
from models3d.solids import measure
from tests.models3d.helpers import ring_dims


def test_band_casting_weight_adds_ten_percent():
    parts = build("ring", ring_dims("US 7", 4.0, 1.7, "court", "gold_18k_yellow"))
    quantities = measure(parts)
    assert SPRUE_ALLOWANCE == 0.10
    assert casting_weight_g(quantities) == pytest.approx(1.1 * 5.59, abs=0.01)
    assert casting_weight_g(quantities) == pytest.approx(
        1.1 * quantities.total_mass_g, rel=1e-12
    )


def test_stone_not_cast(solitaire_dims):
    parts = build("solitaire", solitaire_dims)
    quantities = measure(parts)
    by_material = quantities.mass_by_material()
    assert set(by_material) == {"platinum_950", "diamond"}
    assert metal_weight_g(quantities) == pytest.approx(by_material["platinum_950"])
    assert casting_weight_g(quantities) == pytest.approx(
        1.1 * by_material["platinum_950"]
    )
    assert casting_weight_g(quantities) < 1.1 * quantities.total_mass_g
