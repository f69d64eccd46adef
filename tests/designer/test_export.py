"""Production package export, checked by reading every file back."""

from __future__ import annotations

import copy
import json
import re
import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pypdf
import pytest
import trimesh
from jsonschema import Draft202012Validator
from PIL import Image

from designer import export

CATALOG_SHA = "3f" * 32


def _png(width: int, height: int) -> bytes:
    """Encode a small gradient as PNG with the standard library only."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type: none
        for x in range(width):
            row += bytes([200, 160 * x // max(width - 1, 1), 40 + y % 200])
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        export.PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def ring_spec(language: str = "en") -> dict:
    chinese = language == "zh_CN"
    return {
        "schema": "atelier-spec/1",
        "generated_at": "2026-03-14T10:30:00+01:00",
        "product": {
            "id": "ring-band",
            "name": "经典戒指" if chinese else "Classic band",
            "family": "ring",
            "catalog_sha256": CATALOG_SHA,
            "rule_version": 3,
        },
        "language": language,
        "parameters": [
            {
                "name": "band_width",
                "label": "戒圈宽度" if chinese else "Band width",
                "value": 4.0,
                "display": "4.0 mm",
                "unit": "mm",
            },
            {
                "name": "ring_size",
                "label": "戒指尺寸" if chinese else "Ring size",
                "value": "54",
                "display": "EU 54",
                "unit": None,
            },
            {
                "name": "material",
                "label": "材料" if chinese else "Metal",
                "value": "gold_18k_yellow",
                "display": "18K 黄金" if chinese else "18k yellow gold",
                "unit": None,
            },
            {
                "name": "comfort_fit",
                "label": "舒适内弧" if chinese else "Comfort fit",
                "value": True,
                "display": "是" if chinese else "yes",
                "unit": None,
            },
            {
                "name": "thickness",
                "label": "厚度" if chinese else "Thickness",
                "value": 2,
                "display": "2",
                "unit": "mm",
            },
        ],
        "derived": [
            {
                "name": "inner_diameter",
                "label": "内径" if chinese else "Inner diameter",
                "value": 17.19,
                "unit": "mm",
            }
        ],
        "parts": [
            {
                "name": "band",
                "material": "gold_18k_yellow",
                "material_label": "18K 黄金" if chinese else "18k yellow gold",
                "volume_mm3": 502.65,
                "mass_g": 7.83,
            }
        ],
        "estimated_weight_g": 7.83,
        "price": {
            "currency": "EUR",
            "lines": [
                {"label": "基础款" if chinese else "Base model", "amount": "450.00"},
                {
                    "label": "18K 黄金" if chinese else "18k yellow gold",
                    "amount": "320.50",
                },
                {"label": "折扣" if chinese else "Discount", "amount": "-20.00"},
            ],
            "total": "750.50",
        },
        "violations": [
            {
                "rule": "thin_band",
                "severity": "warning",
                "message": "戒圈偏薄" if chinese else "The band is thin for daily wear",
            }
        ],
        "files": {"mesh": "model.stl", "sheet": "spec.pdf"},
    }


@pytest.fixture
def solid() -> trimesh.Trimesh:
    ring = trimesh.creation.annulus(r_min=8.6, r_max=10.6, height=4.0, sections=64)
    ring.apply_translation([0.0, 0.0, 2.0])
    return ring


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


def test_package_writes_three_files(tmp_path, solid):
    out_dir = tmp_path / "orders" / "A-1001"

    written = export.write_production_package(ring_spec(), solid, _png(64, 48), out_dir)

    assert written == [
        out_dir / "spec.json",
        out_dir / "model.stl",
        out_dir / "spec.pdf",
    ]
    assert sorted(path.name for path in out_dir.iterdir()) == [
        "model.stl",
        "spec.json",
        "spec.pdf",
    ]


def test_spec_json_validates_against_schema(tmp_path, solid):
    export.write_production_package(ring_spec(), solid, None, tmp_path)

    raw = (tmp_path / "spec.json").read_bytes()
    loaded = json.loads(raw.decode("utf-8"))
    schema = json.loads(export.SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(loaded)) == []
    assert loaded == ring_spec()
    assert raw.startswith(b'{\n  "schema"')


def test_spec_json_keeps_chinese_unescaped(tmp_path, solid):
    export.write_production_package(ring_spec("zh_CN"), solid, None, tmp_path)

    text = (tmp_path / "spec.json").read_text(encoding="utf-8")

    assert "戒圈宽度" in text
    assert "\\u" not in text


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("product", "rule_version"), "three", "rule_version"),
        (("product", "catalog_sha256"), "not-a-hash", "catalog_sha256"),
        (("language",), "fr", "language"),
        (("price", "total"), "750.5", "total"),
        (("violations", 0, "severity"), "fatal", "severity"),
        (("files", "mesh"), "model.obj", "mesh"),
    ],
)
def test_invalid_spec_names_field(tmp_path, solid, path, value, field):
    spec = ring_spec()
    target = spec
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    with pytest.raises(ValueError, match=re.escape(field)):
        export.write_production_package(spec, solid, None, tmp_path / "out")

    assert not (tmp_path / "out").exists()


def test_missing_field_is_reported(tmp_path, solid):
    spec = ring_spec()
    del spec["parts"][0]["mass_g"]

    with pytest.raises(ValueError) as raised:
        export.validate_spec(spec)

    assert "$.parts[0]" in str(raised.value)
    assert "'mass_g' is a required property" in str(raised.value)


def test_price_total_must_match_lines(solid):
    spec = ring_spec()
    spec["price"]["total"] = "770.50"

    with pytest.raises(ValueError, match=r"\$\.price\.total.*750\.50"):
        export.validate_spec(spec)


def test_stl_is_binary_with_same_extents(tmp_path, solid):
    export.write_production_package(ring_spec(), solid, None, tmp_path)

    data = (tmp_path / "model.stl").read_bytes()
    triangle_count = int.from_bytes(data[80:84], "little")
    assert len(data) == 84 + 50 * triangle_count
    assert triangle_count == len(solid.faces)

    loaded = trimesh.load_mesh(tmp_path / "model.stl", file_type="stl")
    assert loaded.is_watertight
    np.testing.assert_allclose(loaded.extents, solid.extents, atol=0.01)
    np.testing.assert_allclose(loaded.bounds, solid.bounds, atol=0.01)


def test_stl_converts_metres_to_millimetres(tmp_path):
    box = trimesh.creation.box(extents=[1.6, 0.9, 0.03])
    box.units = "m"

    export.write_production_package(ring_spec(), box, None, tmp_path)

    loaded = trimesh.load_mesh(tmp_path / "model.stl", file_type="stl")
    np.testing.assert_allclose(loaded.extents, [1600.0, 900.0, 30.0], atol=0.01)


def test_open_solid_is_rejected(tmp_path, solid):
    open_mesh = solid.copy()
    open_mesh.update_faces(np.arange(len(open_mesh.faces) - 1))

    with pytest.raises(ValueError, match="not watertight"):
        export.write_production_package(ring_spec(), open_mesh, None, tmp_path)

    assert list(tmp_path.iterdir()) == []


def test_non_png_preview_is_rejected(tmp_path, solid):
    with pytest.raises(ValueError, match="not a PNG"):
        export.write_production_package(ring_spec(), solid, b"GIF89a", tmp_path)


def test_pdf_text_in_english(tmp_path, solid):
    export.write_production_package(ring_spec(), solid, _png(64, 48), tmp_path)

    text = pdf_text(tmp_path / "spec.pdf")

    assert "Classic band (ring-band)" in text
    for label in ("Band width", "Ring size", "Metal", "Inner diameter"):
        assert label in text
    assert "4.0 mm" in text
    assert "2 mm" in text
    assert "17.19 mm" in text
    assert "18k yellow gold" in text
    assert "7.83" in text
    assert "Estimated weight: 7.83 g" in text
    assert "450.00 EUR" in text
    assert "-20.00 EUR" in text
    assert "750.50 EUR" in text
    assert "Warning: The band is thin for daily wear (thin_band)" in text


def test_pdf_text_in_chinese(tmp_path, solid):
    export.write_production_package(ring_spec("zh_CN"), solid, _png(64, 48), tmp_path)

    text = pdf_text(tmp_path / "spec.pdf")

    assert "经典戒指 (ring-band)" in text
    for label in ("戒圈宽度", "戒指尺寸", "内径", "18K 黄金", "戒圈偏薄"):
        assert label in text
    assert "4.0 mm" in text
    assert "预估重量: 7.83 g" in text
    assert "合计" in text
    assert "750.50 EUR" in text


def test_pdf_mixes_latin_and_chinese(tmp_path, solid):
    spec = ring_spec()
    spec["parameters"].append(
        {
            "name": "engraving",
            "label": "Engraving",
            "value": "永远 Forever",
            "display": "永远 Forever",
            "unit": None,
        }
    )

    export.write_production_package(spec, solid, None, tmp_path)

    text = pdf_text(tmp_path / "spec.pdf")
    assert "永远 Forever" in text
    assert "Volume (mm³)" in text


def test_pdf_embeds_preview_image(tmp_path, solid):
    export.write_production_package(ring_spec(), solid, _png(320, 240), tmp_path)

    page = pypdf.PdfReader(tmp_path / "spec.pdf").pages[0]
    images = list(page.images)

    assert len(images) == 1
    assert images[0].image.size == (320, 240)


def test_pdf_page_renders_not_blank(tmp_path, solid):
    spec = ring_spec("zh_CN")
    export.write_production_package(spec, solid, _png(320, 240), tmp_path)

    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "spec.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
    )
    page_png = next(tmp_path.glob("page*.png"))
    pixels = _decode(page_png)

    dark = pixels.min(axis=2) < 128
    assert pixels.shape[0] > pixels.shape[1]  # portrait A4
    assert dark.mean() > 0.005  # text and lines
    assert dark.mean() < 0.5  # mostly white paper
    assert dark[: pixels.shape[0] // 2].any()
    assert dark[pixels.shape[0] // 2 :].any()


def test_failed_write_leaves_no_temporary_file(tmp_path, solid):
    out_dir = tmp_path / "package"
    out_dir.mkdir()
    (out_dir / "spec.pdf").mkdir()  # a folder cannot be replaced by a file

    with pytest.raises(OSError):
        export.write_production_package(ring_spec(), solid, None, out_dir)

    leftovers = [path.name for path in out_dir.iterdir() if path.name.endswith(".tmp")]
    assert leftovers == []


def test_spec_is_not_modified(tmp_path, solid):
    spec = ring_spec()
    before = copy.deepcopy(spec)

    export.write_production_package(spec, solid, None, tmp_path)

    assert spec == before


def _decode(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


@pytest.fixture
def without_truetype_cjk_font(monkeypatch):
    monkeypatch.setattr(export, "CJK_FONT_DIRS", ())
    export.cjk_font_name.cache_clear()
    yield
    export.cjk_font_name.cache_clear()


def test_pdf_falls_back_to_cid_font(tmp_path, solid, without_truetype_cjk_font):
    export.write_production_package(ring_spec("zh_CN"), solid, None, tmp_path)

    page = pypdf.PdfReader(tmp_path / "spec.pdf").pages[0]
    fonts = page["/Resources"]["/Font"]
    base_fonts = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert "/STSong-Light" in base_fonts
    assert "戒圈宽度" in page.extract_text()
