"""The finishes table: every material resolves, and bad rows are rejected."""

from __future__ import annotations

import pytest

from models3d.materials import load_materials
from rendering.finishes import (
    DEFAULT_FINISH,
    FinishError,
    finish_for,
    load_finishes,
)
from rendering.textures import texture_image

HEADER = (
    "key,base_colour,metallic,roughness,opacity,base_ior,coat_strength,"
    "coat_roughness,texture,texture_size_mm,faceted,note\n"
)
GOOD_ROW = "oak,,0.0,0.5,1.0,1.5,0.0,0.0,wood,900,no,oiled\n"


def write_table(tmp_path, *rows: str):
    path = tmp_path / "finishes.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_every_material_has_a_tuned_finish():
    for material_id in load_materials():
        assert finish_for(material_id) is not DEFAULT_FINISH, material_id


def test_every_texture_named_exists():
    for key, finish in load_finishes().items():
        if finish.texture is not None:
            assert texture_image(finish.texture).ndim == 3, key


def test_metallic_only_metals_and_gems():
    for material_id, entry in load_materials().items():
        finish = finish_for(material_id)
        if entry.family == "metal":
            assert finish.metallic >= 0.8, material_id
        elif entry.family != "gem":
            assert finish.metallic == 0.0, material_id


def test_polished_precious_metals_are_smoother_than_titanium():
    titanium = finish_for("titanium").roughness
    for material_id in ("gold_18k_yellow", "silver_925", "platinum_950"):
        assert finish_for(material_id).roughness < titanium


def test_diamond_is_clear_faceted_and_refractive():
    diamond = finish_for("diamond")

    assert diamond.is_translucent
    assert diamond.faceted
    assert diamond.base_ior == pytest.approx(2.42)
    assert diamond.roughness < 0.05
    assert not finish_for("platinum_950").faceted


def test_woods_have_grain_and_lacquer_a_coat():
    for material_id in ("oak", "walnut", "birch_plywood"):
        assert finish_for(material_id).texture == "wood"
    assert finish_for("mdf").coat_strength == 1.0


def test_suede_is_rougher_than_calf():
    assert finish_for("suede").roughness > finish_for("calf_leather").roughness


def test_family_row_covers_unlisted_material(tmp_path):
    path = write_table(tmp_path, "family:wood,,0.0,0.7,1.0,1.5,0.0,0.0,,,no,plain\n")

    finishes = load_finishes(path)

    assert finishes["family:wood"].roughness == 0.7


def test_valid_row_reads(tmp_path):
    finish = load_finishes(write_table(tmp_path, GOOD_ROW))["oak"]

    assert finish.texture == "wood"
    assert finish.texture_size_mm == 900.0
    assert finish.base_colour is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("oak,,1.5,0.5,1.0,1.5,0,0,,,no,x\n", r"metallic=1.5 is out of range"),
        ("oak,,0,rough,1.0,1.5,0,0,,,no,x\n", r"roughness='rough' is not a number"),
        ("oak,gold,0,0.5,1.0,1.5,0,0,,,no,x\n", r"base_colour='gold' is invalid"),
        ("oak,,0,0.5,1.0,1.5,0,0,marble,10,no,x\n", r"texture='marble' is unknown"),
        ("oak,,0,0.5,1.0,1.5,0,0,wood,,no,x\n", r"texture_size_mm='' is invalid"),
        ("oak,,0,0.5,1.0,1.5,0,0,,,maybe,x\n", r"faceted='maybe' is invalid"),
        (",,0,0.5,1.0,1.5,0,0,,,no,x\n", r"a row has no key"),
    ],
)
def test_invalid_row_names_column_and_fix(tmp_path, row, message):
    with pytest.raises(FinishError, match=message):
        load_finishes(write_table(tmp_path, row))


def test_duplicate_key_rejected(tmp_path):
    with pytest.raises(FinishError, match="'oak' is listed twice"):
        load_finishes(write_table(tmp_path, GOOD_ROW, GOOD_ROW))


def test_unknown_material_raises():
    with pytest.raises(KeyError, match="unobtainium"):
        finish_for("unobtainium")
