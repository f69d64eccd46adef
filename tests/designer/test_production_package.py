"""Whole production packages of the catalog's examples, read back file by file."""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
import struct
import subprocess
import zipfile
import zlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import ezdxf
import numpy as np
import pypdf
import pytest
import trimesh
from ezdxf.tools.text_size import text_size
from jsonschema import Draft202012Validator
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from designer.atomic import staging_folder
from designer.export import PNG_SIGNATURE
from designer.order_design import freeze_design
from designer.package.lengths import length_text
from designer.package.progress import DONE, STEPS, ExportProgress
from designer.package.sheet import masses_to_total
from designer.package.sheet_texts import part_name_zh
from designer.package.tables import hardware_item
from designer.production import (
    ExportCancelled,
    build_parts,
    design_revision,
    export_package,
)
from designer.store import StoreSettings
from designer.weights import grams_per_metre
from models3d import table as table_geometry
from models3d.casting import casting_weight_g
from models3d.footwear import shoe_quantities
from models3d.sizes import shoe_size_table
from models3d.solids import measure
from models3d.table import APRON_HEIGHT_MM
from tests.designer.pdf_words import joined, page_words, pieces_of

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "spec-2.schema.json").read_text(encoding="utf-8"))
PRODUCTS = (
    "ring-band",
    "ring-solitaire",
    "pendant-disc",
    "bangle",
    "shoe-oxford",
    "table-dining",
)
VIEW_SIZES = {"front": (160, 120), "side": (140, 120), "iso": (200, 150)}


def png(width: int, height: int) -> bytes:
    """Encode a small gradient as PNG with the standard library only."""
    rows = b"".join(
        b"\0" + bytes(v for x in range(width) for v in (200, 160 * x // width, y % 250))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


IMAGES = {view: png(*size) for view, size in VIEW_SIZES.items()}


class Package:
    """An exported package folder and its parsed spec."""

    def __init__(self, folder: Path, written: list[Path]) -> None:
        self.folder = folder
        self.written = written
        self.spec = json.loads((folder / "spec.json").read_text(encoding="utf-8"))

    def csv(self, name: str) -> list[dict[str, str]]:
        with (self.folder / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def pdf_text(self) -> str:
        reader = pypdf.PdfReader(self.folder / "spec.pdf")
        return "\n".join(page.extract_text() for page in reader.pages)

    def dxf(self, name: str):
        return ezdxf.readfile(self.folder / name)

    def mesh(self, name: str) -> trimesh.Trimesh:
        return trimesh.load_mesh(self.folder / name)


@pytest.fixture(scope="module")
def export(example_session, tmp_path_factory):
    """Export a design once per module and argument set; return its Package."""
    cache: dict[tuple, Package] = {}

    def run(product: str, language: str = "en", order_id="A-1001", **options):
        values = options.pop("values", {})
        key = (
            product,
            language,
            order_id,
            tuple(sorted(values.items())),
            tuple(sorted(options.items())),
        )
        if key not in cache:
            session = example_session(product, **values)
            folder = tmp_path_factory.mktemp(product) / "package"
            written = export_package(
                session,
                folder,
                None,
                language,
                order_id=order_id,
                images=IMAGES,
                **options,
            )
            cache[key] = Package(folder, written)
        return cache[key]

    return run


@pytest.mark.parametrize("product", PRODUCTS)
def test_spec_validates_against_published_schema(export, product):
    package = export(product)
    errors = list(Draft202012Validator(SCHEMA).iter_errors(package.spec))
    assert errors == []
    assert package.spec["order"] == {"id": "A-1001", "draft": False}


@pytest.mark.parametrize("product", PRODUCTS)
def test_folder_and_zip_hold_listed_files(export, product):
    package = export(product)
    listed = [entry["name"] for entry in package.spec["files"]]
    assert sorted(path.name for path in package.folder.iterdir()) == sorted(listed)
    archive_path = package.folder.with_name("package.zip")
    assert package.written[-1] == archive_path
    with zipfile.ZipFile(archive_path) as archive:
        assert sorted(archive.namelist()) == sorted(
            f"package/{name}" for name in listed
        )
        for name in listed:
            assert (
                archive.read(f"package/{name}") == (package.folder / name).read_bytes()
            )


@pytest.mark.parametrize(
    ("product", "family_file"),
    [("ring-solitaire", "casting.3mf"), ("bookshelf", "sheet-1.dxf")],
)
def test_same_design_exports_same_files(
    example_session, tmp_path, product, family_file
):
    """A factory can compare two exports of a design file by file: only the
    export time in the spec and its sheet differs."""
    folders = []
    for run in ("first", "second"):
        folder = tmp_path / run / "package"
        export_package(
            example_session(product),
            folder,
            None,
            "en",
            order_id="A-1001",
            images=IMAGES,
        )
        folders.append(folder)
    names = sorted(path.name for path in folders[0].iterdir())
    assert family_file in names
    assert sorted(path.name for path in folders[1].iterdir()) == names
    specs = [json.loads((folder / "spec.json").read_text()) for folder in folders]
    for spec in specs:
        del spec["generated_at"]
    assert specs[0] == specs[1]
    for name in set(names) - {"spec.json", "spec.pdf"}:
        first, second = ((folder / name).read_bytes() for folder in folders)
        assert first == second, name


@pytest.mark.parametrize("product", PRODUCTS)
def test_every_document_names_order_and_revision(export, product):
    package = export(product)
    revision = package.spec["spec_revision"]
    text = package.pdf_text()
    assert "Order: A-1001" in text
    assert f"Revision: {revision}" in text
    for row in package.csv("bom.csv"):
        assert (row["order_id"], row["spec_revision"]) == ("A-1001", revision)
    header = (package.folder / "model.stl").read_bytes()[:80].decode("ascii")
    assert f"order A-1001 rev {revision} unit mm" in header
    scene = trimesh.load(package.folder / "model.glb")
    assert scene.metadata["order_id"] == "A-1001"
    assert scene.metadata["spec_revision"] == revision
    for path in package.folder.glob("*.dxf"):
        labels = [
            text.dxf.text for text in ezdxf.readfile(path).modelspace().query("TEXT")
        ]
        assert any(f"ORDER A-1001 REV {revision}" in label for label in labels)


@pytest.mark.parametrize("product", PRODUCTS)
def test_bom_lists_every_part(export, product):
    package = export(product)
    rows = package.csv("bom.csv")
    named = " ".join(row["item"] for row in rows if row["category"] == "part").split()
    assert sorted(named) == sorted(part["name"] for part in package.spec["parts"])
    for row in rows:
        assert float(row["quantity"]) > 0
        if row["category"] != "part":
            continue
        assert row["material"]
        assert float(row["unit_mass_g"]) > 0
        assert (
            float(row["length_mm"]) >= float(row["width_mm"]) >= float(row["height_mm"])
        )
    assert any(row["category"] == "finishing" for row in rows)


@pytest.mark.parametrize("product", PRODUCTS)
def test_glb_has_a_node_per_part(export, product):
    package = export(product)
    scene = trimesh.load(package.folder / "model.glb")
    assert sorted(scene.graph.nodes_geometry) == sorted(
        part["name"] for part in package.spec["parts"]
    )
    stl = package.mesh("model.stl")
    # glTF is in metres with +Y up; Atelier is in millimetres with +Z up.
    expected = np.array(stl.extents)[[0, 2, 1]] / 1000.0
    assert scene.extents == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_revision_follows_design(export, example_session):
    first = export("ring-band").spec["spec_revision"]
    assert first == design_revision(example_session("ring-band"))
    assert export("ring-band", language="zh_CN").spec["spec_revision"] == first
    wider = export("ring-band", values={"width": 4.5}).spec["spec_revision"]
    assert wider != first


def test_draft_without_order(export):
    package = export("pendant-disc", order_id=None)
    assert package.spec["order"] == {"id": "DRAFT", "draft": True}
    assert "Order: DRAFT" in package.pdf_text()


def test_pdf_shows_three_views(export):
    page = pypdf.PdfReader(export("ring-band").folder / "spec.pdf").pages[0]
    sizes = sorted(image.image.size for image in page.images)
    assert sizes == sorted(VIEW_SIZES.values())
    text = page.extract_text()
    for caption in ("Front", "Side", "Three-quarter view"):
        assert caption in text


def test_pdf_qr_code_reads_order_id(export, tmp_path):
    package = export("table-dining")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1"]
        + [str(package.folder / "spec.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    page = next(tmp_path.glob("page*.png"))
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(page)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["A-1001"]


def test_ring_size_beside_millimetres(export):
    package = export("ring-band")
    size = package.spec["size"]
    assert size["label"] == "US 7"
    assert size["display"] == "US 7 (inner diameter 17.32 mm)"
    parameters = {item["name"]: item for item in package.spec["parameters"]}
    assert parameters["size"]["display"] == "US 7 (inner diameter 17.32 mm)"
    assert "Ring size: US 7 (inner diameter 17.32 mm)" in package.pdf_text()


def test_ring_engraving_text_font_and_depth(export):
    package = export("ring-band")
    (engraving,) = package.spec["engravings"]
    assert engraving["text"] == "Forever 永恒"
    assert engraving["fonts"] == ["DejaVu Sans", "Droid Sans Fallback"]
    assert engraving["depth_mm"] == 0.5
    assert engraving["letter_height_mm"] == 2
    text = package.pdf_text()
    assert "Forever 永恒" in text
    assert (
        "Fonts: DejaVu Sans, Droid Sans Fallback; letter height 2 mm; depth 0.5 mm"
        in text
    )


def test_engraved_heart_drawn_on_sheet(export):
    package = export("ring-band", values={"engraving": "Forever ♥ 2024"})
    text = package.pdf_text()
    # The heart is no cp1252 sign and the CJK font has none, so the sheet
    # draws it in the engraving's own Latin font, in every line that shows it.
    assert text.count("Forever ♥ 2024") >= 2


# The right edge of the sheet's text, in points from the page's left edge.
SHEET_RIGHT = A4[0] - 18 * mm


@pytest.mark.parametrize(
    ("language", "engraving", "band_width", "hyphenated"),
    [
        # Breaks where a lower-case letter meets a capital, with no hyphen.
        ("en", "AnniversaryForeverAndAlwaysMyBelovedWife", 4.0, False),
        ("zh_CN", "AnniversaryForeverAndAlwaysMyBelovedWife", 4.0, False),
        # No place to break: split between letters, with a hyphen.
        ("en", "w" * 40, 3.0, True),
        # Text with Chinese takes the sheet's Chinese line breaking.
        ("zh_CN", "永恒之爱" + "w" * 34, 3.0, True),
    ],
)
def test_long_engraving_breaks_inside_columns(
    export, language, engraving, band_width, hyphenated
):
    package = export(
        "ring-band",
        language,
        values={"engraving": engraving, "width": band_width},
    )
    words = page_words(package.folder / "spec.pdf")
    headers = {"en": ("Value", "Key"), "zh_CN": ("数值", "代码")}[language]
    value_header, key_header = (
        next(word for word in words if word.text == header) for header in headers
    )
    # The engraving line is set at 16 pt, the table's cells at 9 pt.
    line = pieces_of([word for word in words if word.height > 12], engraving)
    cell = pieces_of([word for word in words if word.height < 12], engraving)

    assert joined(line) == engraving
    assert joined(cell) == engraving
    assert len(cell) >= 2
    if hyphenated:
        assert len(line) >= 2
    assert max(piece.x_max for piece in line) <= SHEET_RIGHT
    assert min(piece.x_min for piece in cell) >= value_header.x_min - 0.5
    assert max(piece.x_max for piece in cell) < key_header.x_min
    for pieces in (line, cell):
        for piece, after in itertools.pairwise(pieces):
            latin = piece.text[-1].isascii() and after.text[0].isascii()
            if hyphenated and latin:
                assert piece.text.endswith("-")
            else:
                assert not piece.text.endswith("-")
            if not hyphenated:
                assert piece.text[-1].islower()
                assert after.text[0].isupper()
    # pypdf reads every character back, once the line breaks are undone.
    text = "".join(package.pdf_text().replace("-\n", "").split())
    assert text.count(engraving) >= 2


def test_ring_bore_tolerance_in_bom(export):
    (band,) = [
        row for row in export("ring-band").csv("bom.csv") if row["item"] == "band"
    ]
    assert "inner diameter 17.32 ±0.05 mm" in band["tolerance"]
    assert band["unit"] == "pcs"


def test_ring_casting_weight_with_sprue(export, example_session):
    package = export("ring-band")
    session = example_session("ring-band")
    expected = casting_weight_g(measure(build_parts(session)))
    casting = package.spec["casting"]
    assert casting["casting_weight_g"] == pytest.approx(expected, abs=1e-3)
    assert casting["sprue_allowance"] == 0.1
    (metal,) = [row for row in package.csv("bom.csv") if row["category"] == "material"]
    assert (metal["item"], metal["unit"]) == ("metal_to_cast", "g")
    assert float(metal["quantity"]) == pytest.approx(expected, abs=0.01)


def test_casting_patterns_scaled_by_shrinkage(export):
    package = export("ring-band", shrinkage_percent=1.5)
    assert package.spec["casting"]["scale_factor"] == pytest.approx(1.015)
    model = package.mesh("model.stl")
    outer = (0.458 + 0.032 * 7) * 25.4 + 2 * 1.7
    assert model.extents == pytest.approx([outer, outer, 4.0], abs=0.01)
    pattern = package.mesh("casting.stl")
    assert pattern.is_watertight
    assert pattern.extents == pytest.approx(model.extents * 1.015, abs=1e-3)
    scene = trimesh.load(package.folder / "casting.3mf")
    (printed,) = scene.geometry.values()
    assert printed.is_watertight
    assert printed.extents == pytest.approx(model.extents * 1.015, abs=1e-3)


def test_shrinkage_out_of_range_writes_nothing(example_session, tmp_path):
    with pytest.raises(
        ValueError, match="shrinkage allowance 12.0 % is outside 0 to 10"
    ):
        export_package(
            example_session("ring-band"), tmp_path / "p", None, shrinkage_percent=12.0
        )
    assert not (tmp_path / "p").exists()


def test_invalid_order_id_writes_nothing(example_session, tmp_path):
    with pytest.raises(ValueError, match="invalid order id 'A 1'"):
        export_package(example_session("bangle"), tmp_path / "p", None, order_id="A 1")
    assert not (tmp_path / "p").exists()


def test_solitaire_pattern_leaves_out_stone(export):
    package = export("ring-solitaire")
    parts = {part["name"]: part for part in package.spec["parts"]}
    pattern = package.mesh("casting.stl")
    # The head sits SEAT_INTERFERENCE_MM deep in the band, a layer of about
    # 0.1 mm³. The head is measured outside the band, so the parts' volumes,
    # rounded to 0.001 mm³, add up to the pattern's.
    metal = parts["band"]["volume_mm3"] + parts["head"]["volume_mm3"]
    assert pattern.volume == pytest.approx(metal, abs=0.01)
    (head,) = [row for row in package.csv("bom.csv") if row["item"] == "head"]
    assert head["notes"] == "joined to the band, measured outside it only"
    assert any(
        note.startswith("The head is joined to the band")
        for note in package.spec["notes"]
    )
    (stone,) = [row for row in package.csv("bom.csv") if row["item"] == "stone"]
    assert stone["material"] == "diamond"
    assert "1.00 ct" in stone["notes"]
    assert any("1.00 ct" in note for note in package.spec["notes"])
    # The engraving's note starts with the option's own label, once.
    (engraving,) = [n for n in package.spec["notes"] if "mm letters" in n]
    assert engraving.startswith('Engraving inside: "')
    chinese = export("ring-solitaire", language="zh_CN").spec["notes"]
    assert any(note.startswith("内圈刻字：“") for note in chinese)


def test_solitaire_stone_priced_once(export, example_session):
    # 1.5 ct at 1800 per carat times 1.5, because the price per carat
    # rises above 1 ct: a jeweller's quote by the stone's weight.
    session = example_session("ring-solitaire", carat=1.5)
    package = export("ring-solitaire", values={"carat": 1.5})
    frozen = freeze_design(session, StoreSettings())
    lines = package.spec["price"]["lines"]

    diamond_lines = [line for line in lines if "Diamond" in line["label"]]
    (stone,) = [row for row in package.csv("bom.csv") if row["item"] == "stone"]
    assert diamond_lines == [{"label": "Diamond", "amount": "4050.00"}]
    assert "1.50 ct" in stone["notes"]
    assert [line.amount for line in frozen.price.lines] == [
        Decimal(line["amount"]) for line in lines
    ]
    assert str(frozen.price.total) == package.spec["price"]["total"]


@pytest.mark.parametrize("carat", [0.1, 1.05, 3.0])
def test_solitaire_stone_sized_and_weighed_by_carat(export, carat):
    package = export("ring-solitaire", values={"carat": carat, "prongs": 6})
    (stone,) = [row for row in package.csv("bom.csv") if row["item"] == "stone"]
    derived = {item["name"]: item["value"] for item in package.spec["derived"]}
    diameter = derived["stone_diameter"]

    # One metric carat is 0.2 g. A round stone lists its diameter twice,
    # then its depth, which is 61.3 % of the diameter for the Tolkowsky cut.
    assert float(stone["unit_mass_g"]) == pytest.approx(carat * 0.2, abs=5e-4)
    assert float(stone["length_mm"]) == pytest.approx(diameter, abs=0.005)
    assert float(stone["width_mm"]) == pytest.approx(diameter, abs=0.005)
    assert float(stone["height_mm"]) == pytest.approx(0.613 * diameter, abs=0.005)
    assert f"{carat:.2f} ct" in stone["notes"]

    parts = {part["name"]: part for part in package.spec["parts"]}
    assert parts["stone"]["mass_g"] == pytest.approx(carat * 0.2, abs=5e-4)
    assert package.spec["estimated_weight_g"] == pytest.approx(
        sum(part["mass_g"] for part in parts.values()), abs=2e-3
    )


@pytest.mark.parametrize("carat", [0.1, 3.0])
def test_solitaire_spec_part_gives_stone_size(export, carat):
    package = export("ring-solitaire", values={"carat": carat, "prongs": 6})
    (line,) = [row for row in package.spec["bom"] if row["item"] == "stone"]
    parts = {part["name"]: part for part in package.spec["parts"]}
    stone = parts["stone"]

    # The part list and the BOM list one size: diameter, diameter, depth.
    bom_size = [line["length_mm"], line["width_mm"], line["height_mm"]]
    assert stone["extents_mm"] == pytest.approx(bom_size, abs=0.005)
    # The faceted mesh's box stays, under its own name. The girdle has
    # vertices on the ring's axes, so along them it is as wide as the stone.
    assert stone["mesh_extents_mm"] == pytest.approx(stone["extents_mm"], abs=0.005)
    # The head is listed by its box in the ring's axes, so across its
    # prongs on Y it is head_width wide.
    assert "mesh_extents_mm" not in parts["head"]
    derived = {item["name"]: item["value"] for item in package.spec["derived"]}
    assert parts["head"]["extents_mm"][0] == pytest.approx(
        derived["head_width"], abs=0.01
    )
    errors = list(Draft202012Validator(SCHEMA).iter_errors(package.spec))
    assert errors == []

    text = package.pdf_text()
    # A stone's nominal sizes show to 0.01 mm, the mesh's box to 0.1 mm.
    nominal = " x ".join(length_text(size) for size in stone["extents_mm"])
    assert re.search(r"\d\.\d\d$", nominal)
    assert nominal in text


def test_solitaire_model_stl_one_watertight_body(export):
    package = export("ring-solitaire", values={"carat": 1.5, "prongs": 6})
    for name in ("model.stl", "casting.stl"):
        mesh = package.mesh(name)
        assert mesh.is_watertight, name
        assert mesh.is_volume, name
        assert len(mesh.split(only_watertight=False)) == 1, name


def test_blank_engraving_is_no_engraving(export, example_session):
    # A flat band 1.2 mm deep is too thin for an engraving, so the rules
    # show whether they take five spaces for one.
    thin = {"profile": "flat", "depth": 1.2}
    blank = example_session("ring-band", engraving="     ", **thin)
    marked = example_session("ring-band", engraving="  A  ", **thin)
    assert blank.orderable
    assert [violation.rule for violation in blank.violations] == []
    assert "engraving-depth" in [violation.rule for violation in marked.violations]

    package = export("ring-band", values={"engraving": "     ", **thin})
    assert package.spec["engravings"] == []
    assert not any("Engraving" in note for note in package.spec["notes"])


def test_rare_chinese_named_as_missing_glyphs(example_session):
    session = example_session("ring-band", engraving="永𠀀恒𪚥")
    assert not session.orderable
    (violation,) = session.violations
    assert violation.rule == "engraving-glyphs"
    for language in ("en", "zh_CN"):
        message = violation.message(language)
        assert "'𠀀' (U+20000), '𪚥' (U+2A6A5)" in message
        assert "U+4E00" in message


def test_pendant_notes_chain(export):
    notes = export("pendant-disc").spec["notes"]
    assert any("no chain is part of this order" in note for note in notes)


@pytest.mark.parametrize("shape", ["disc", "heart"])
def test_pendant_bail_own_part_one_casting(export, shape):
    package = export("pendant-disc", values={"shape": shape, "engraving": "Anna"})
    parts = {part["name"]: part for part in package.spec["parts"]}
    assert sorted(parts) == ["bail", "pendant"]
    assert parts["bail"]["material"] == parts["pendant"]["material"]
    assert package.spec["casting"]["parts"] == ["pendant", "bail"]
    bom = {row["item"]: row for row in package.csv("bom.csv")}
    assert {"pendant", "bail"} <= set(bom)
    assert "joined to the pendant, measured outside it only" in bom["bail"]["notes"]
    assert "joined" not in bom["pendant"]["notes"]
    assert float(bom["bail"]["unit_mass_g"]) == pytest.approx(
        parts["bail"]["mass_g"], abs=1e-3
    )
    joined_notes = [note for note in package.spec["notes"] if "joined" in note]
    assert joined_notes == [
        "The bail is joined to the pendant, and the two overlap where they "
        "meet. The volume, surface area and mass given for the bail count only "
        "what lies outside the pendant, so the overlap counts once."
    ]
    # The estimated weight and the metal weight count the overlap once.
    total_g = parts["pendant"]["mass_g"] + parts["bail"]["mass_g"]
    assert package.spec["estimated_weight_g"] == pytest.approx(total_g, abs=2e-3)
    assert package.spec["casting"]["metal_weight_g"] == pytest.approx(total_g, abs=2e-3)
    for name in ("model.stl", "casting.stl"):
        mesh = package.mesh(name)
        assert mesh.is_watertight, name
        assert mesh.is_volume, name
        assert len(mesh.split(only_watertight=False)) == 1, name
    # The bail's volume is what it adds to the body, so the two parts'
    # volumes are the pattern's, within the spec's rounding to 0.001 mm³.
    # Counted twice, the overlap would add 0.9 to 2.7 mm³.
    metal = parts["pendant"]["volume_mm3"] + parts["bail"]["volume_mm3"]
    pattern = package.mesh("model.stl")
    assert pattern.volume == pytest.approx(metal, abs=0.01)
    chinese_package = export("pendant-disc", language="zh_CN")
    chinese = "".join(chinese_package.pdf_text().split())
    assert "挂扣（bail）" in chinese
    # The note names both parts in Chinese first.
    joined = [note for note in chinese_package.spec["notes"] if "相连" in note]
    assert joined[0].startswith("挂扣（bail）与吊坠（pendant）相连")


def test_white_gold_is_rhodium_plated(export):
    package = export("bangle", values={"metal": "gold_18k_white"})
    finishes = [
        row["item"] for row in package.csv("bom.csv") if row["category"] == "finishing"
    ]
    assert finishes == ["polish", "rhodium_plating"]


@pytest.mark.parametrize(
    ("language", "edge_pilots", "through"),
    [
        ("en", "x hole 5 mm, 34 mm deep into the edge", "x hole 7 mm, through"),
        ("zh_CN", "个孔 5 mm，开在板边，深 34 mm", "个孔 7 mm，通孔"),
    ],
)
def test_bookshelf_carcass_screwed(export, language, edge_pilots, through):
    package = export("bookshelf", language=language)
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    confirmats = int(rows["confirmat_7x50"]["quantity"])
    assert edge_pilots in rows["top bottom"]["notes"]
    assert through in rows["side_left side_right"]["notes"]
    # Each screw has a pilot in a board's end and a hole through a face.
    pilots = sum(
        int(row["quantity"]) * int(count)
        for row in rows.values()
        for count in re.findall(
            r"(\d+) (?:x hole|个孔) 5 mm[,，] ?(?:34|开在板边)", row["notes"]
        )
    )
    assert pilots == confirmats
    assert int(rows["screw_4x30"]["quantity"]) > 0
    assert rows["screw_4x30"]["notes"].endswith("back")


def test_bookshelf_cut_files_draw_every_hole(export, example_session):
    package = export("bookshelf")
    parts = {part.name: part for part in build_parts(example_session("bookshelf"))}
    rows = {row["part"]: row for row in package.csv("cutlist.csv")}
    for entry in package.spec["panels"]:
        space = package.dxf(entry["file"]).modelspace()
        circles = [
            circle
            for circle in space.query("CIRCLE")
            if circle.dxf.layer.startswith("DRILL_")
        ]
        outlines = [
            outline
            for outline in space.query("LWPOLYLINE")
            if outline.dxf.layer.startswith("EDGE_D")
        ]
        assert len(circles) + len(outlines) == int(rows[entry["part"]]["holes"])
        assert len(outlines) == len(entry["edge_holes"])

        # Each outline runs from an edge inward, centred where the part's
        # hole lies along that edge.
        part = parts[entry["part"]]
        face_axis = int(np.argmax(np.abs(entry["face_a"])))
        low, high = part.mesh.bounds
        expected = []
        for hole in part.holes:
            axis = int(np.argmax(np.abs(hole.axis)))
            if axis == face_axis:
                continue
            along = 3 - axis - face_axis
            expected.append(
                (hole.centre[along] - low[along], high[along] - hole.centre[along])
            )
        drawn = []
        for outline in outlines:
            assert outline.dxf.layer == "EDGE_D5_Z34"
            points = np.array(list(outline.get_points("xy")))
            size = points.max(axis=0) - points.min(axis=0)
            assert sorted(size) == pytest.approx([5.0, 34.0])
            across = int(np.argmin(size))
            drawn.append(float(points[:, across].mean()))
        from_low = sorted(value for value, _ in expected)
        from_high = sorted(value for _, value in expected)
        assert sorted(drawn) in (
            pytest.approx(from_low, abs=0.05),
            pytest.approx(from_high, abs=0.05),
        )
        along_mm = sorted(hole["along_mm"] for hole in entry["edge_holes"])
        assert along_mm == pytest.approx(sorted(drawn), abs=0.051)


def text_box(text) -> tuple[float, float, float, float]:
    """Return a TEXT entity's bounds in the drawing, measured by ezdxf."""
    size = text_size(text)
    descent = size.total_height - size.cap_height
    corners = np.array(
        [
            (0.0, -descent),
            (size.width, -descent),
            (size.width, size.cap_height),
            (0.0, size.cap_height),
        ]
    )
    angle = math.radians(text.dxf.rotation)
    turn = np.array(
        [[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]]
    )
    points = corners @ turn.T + np.array([text.dxf.insert.x, text.dxf.insert.y])
    return (*points.min(axis=0), *points.max(axis=0))


def hole_boxes(space) -> list[tuple[float, float, float, float]]:
    """Return the bounds of every drilling outline in a modelspace."""
    boxes = []
    for circle in space.query("CIRCLE"):
        x, y = circle.dxf.center.x, circle.dxf.center.y
        radius = circle.dxf.radius
        boxes.append((x - radius, y - radius, x + radius, y + radius))
    for outline in space.query("LWPOLYLINE"):
        if outline.dxf.layer.startswith("EDGE_D"):
            points = np.array(list(outline.get_points("xy")))
            boxes.append((*points.min(axis=0), *points.max(axis=0)))
    return boxes


@pytest.mark.parametrize("material", ["oak", "particleboard"])
def test_bookshelf_text_clear_of_holes(export, material):
    package = export(
        "bookshelf", values={"board_material": material, "board_thickness": 16}
    )
    names = [entry["file"] for entry in package.spec["panels"]]
    if package.spec["nesting"] is not None:
        names += [sheet["file"] for sheet in package.spec["nesting"]["sheets"]]
    assert names
    for name in names:
        space = package.dxf(name).modelspace()
        holes = hole_boxes(space)
        for text in space.query('TEXT[layer=="LABEL"]'):
            low_x, low_y, high_x, high_y = text_box(text)
            for hole in holes:
                clear = (
                    high_x <= hole[0]
                    or hole[2] <= low_x
                    or high_y <= hole[1]
                    or hole[3] <= low_y
                )
                assert clear, (name, text.dxf.text, hole)


def test_bookshelf_front_marked_on_front_edge(export):
    package = export("bookshelf")
    front_edges = {}
    for entry in package.spec["panels"]:
        space = package.dxf(entry["file"]).modelspace()
        marks = [text for text in space.query("TEXT") if text.dxf.text == "FRONT"]
        if abs(entry["face_a"][1]) > 0.7:
            # The back and the plinth face the front with a face, not an edge.
            assert marks == [], entry["part"]
            continue
        (mark,) = marks
        assert mark.dxf.layer == "LABEL"
        low_x, low_y, high_x, high_y = text_box(mark)
        length, width = entry["cut_length_mm"], entry["cut_width_mm"]
        gaps = {"L1": low_y, "L2": width - high_y, "W1": low_x, "W2": length - high_x}
        edge = min(gaps, key=gaps.get)
        assert gaps[edge] < 15.0, entry["part"]
        front_edges[entry["part"]] = edge

    # The plinth sits near the front, so the side's screw hole into the
    # plinth's end lies nearer the front edge than the back edge.
    plinth = next(e for e in package.spec["panels"] if e["part"] == "plinth")
    for side in ("side_left", "side_right"):
        assert front_edges[side] in ("L1", "L2")
        space = package.dxf(f"panel-{side}.dxf").modelspace()
        width = next(
            e["cut_width_mm"] for e in package.spec["panels"] if e["part"] == side
        )
        lowest = min(
            space.query('CIRCLE[layer=="DRILL_FACE_B_D7_THRU"]'),
            key=lambda circle: circle.dxf.center.x,
        )
        to_front = (
            lowest.dxf.center.y
            if front_edges[side] == "L1"
            else width - lowest.dxf.center.y
        )
        assert to_front < width / 2.0
        assert to_front > plinth["thickness_mm"] / 2.0


def test_table_cut_files_and_hardware(export):
    package = export("table-dining")
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    assert "threaded_insert_m8" not in rows
    assert rows["hanger_bolt_m8x100"]["quantity"] == "4"
    # The pilot hole sits halfway up the aprons, where the brace is fixed.
    below = f"{APRON_HEIGHT_MM / 2:g} mm below its top end"
    assert below in rows["hanger_bolt_m8x100"]["notes"]
    assert rows["table_corner_brace"]["quantity"] == "4"
    # One brace across each leg, so the line names the legs it is fitted to.
    assert rows["table_corner_brace"]["notes"].endswith("leg_1 leg_2 leg_3 leg_4")
    assert rows["felt_glide_40"]["quantity"] == "4"
    # Five fasteners on each 1530 mm long apron, three on each 630 mm end one.
    assert rows["tabletop_fastener"]["quantity"] == "16"
    aprons = rows["apron_long_1 apron_long_2"]
    assert (aprons["quantity"], aprons["length_mm"]) == ("2", "1530")
    assert (aprons["width_mm"], aprons["height_mm"]) == ("90", "25")
    assert rows["leg_1 leg_2 leg_3 leg_4"]["quantity"] == "4"
    # A leg is cut to the table's height less the top's thickness; its mesh
    # reaches 1 mm further, into the top.
    top_thickness = float(rows["top"]["height_mm"])
    leg_sizes = [
        float(rows["leg_1 leg_2 leg_3 leg_4"][key])
        for key in ("length_mm", "width_mm", "height_mm")
    ]
    heights = {item["name"]: item["value"] for item in package.spec["parameters"]}
    assert max(leg_sizes) == pytest.approx(float(heights["height"]) - top_thickness)
    assert rows["hardwax_oil"]["unit"] == "mm2"
    assert "thickness 30 ±0.3 mm" in rows["top"]["tolerance"]

    top, *aprons = package.csv("cutlist.csv")
    assert (top["part"], top["cut_length_mm"], top["cut_width_mm"]) == (
        "top",
        "1800",
        "900",
    )
    assert [apron["part"] for apron in aprons] == [
        "apron_long_1",
        "apron_long_2",
        "apron_end_1",
        "apron_end_2",
    ]
    assert [apron["cut_length_mm"] for apron in aprons] == ["1530"] * 2 + ["630"] * 2
    assert [top[f"edge_{edge}"] for edge in ("L1", "L2", "W1", "W2")] == ["no"] * 4
    document = package.dxf("panel-top.dxf")
    assert document.header["$INSUNITS"] == 4
    # The top is held by fasteners on the aprons, so it is not drilled.
    assert len(document.modelspace().query("CIRCLE")) == 0
    # A solid oak top is glued up to size, so nothing is nested.
    assert package.spec["nesting"] is None
    assert not (package.folder / "nesting.csv").exists()
    assert any(
        note.startswith("Make top in Solid red oak, glued up from boards")
        for note in package.spec["notes"]
    )


def layer_boxes(document, layer):
    """Return the (low x, low y, high x, high y) boxes of a layer's closed
    polylines, in drawing order."""
    boxes = []
    for polyline in document.modelspace().query(f'LWPOLYLINE[layer=="{layer}"]'):
        assert polyline.closed
        points = np.array([point[:2] for point in polyline.get_points()])
        boxes.append((*points.min(axis=0), *points.max(axis=0)))
    return boxes


@pytest.mark.parametrize(
    ("part", "length", "top_edge"),
    [("apron_long_1", 1530, 90), ("apron_long_2", 1530, 0), ("apron_end_1", 630, 0)],
)
def test_apron_cut_files_mark_machining(export, part, length, top_edge):
    package = export("table-dining", values={"leg_style": "square"})
    document = package.dxf(f"panel-{part}.dxf")
    kerf_width = table_geometry.BRACE_KERF_WIDTH_MM
    kerf_layer = f"KERF_W{kerf_width:g}_Z{table_geometry.BRACE_KERF_DEPTH_MM:g}"
    recess = table_geometry.FASTENER_RECESS_MM
    recess_depth = table_geometry.FASTENER_RECESS_DEPTH_MM
    recess_layer = f"EDGE_D{recess:g}_Z{recess_depth:g}"
    layers = {layer.dxf.name for layer in document.layers}
    assert {kerf_layer, recess_layer} <= layers

    # A kerf across the whole height, BRACE_KERF_MM from each end.
    kerfs = sorted(layer_boxes(document, kerf_layer))
    assert len(kerfs) == 2
    for box, centre in zip(
        kerfs,
        [table_geometry.BRACE_KERF_MM, length - table_geometry.BRACE_KERF_MM],
        strict=True,
    ):
        assert (box[0] + box[2]) / 2 == pytest.approx(centre)
        assert box[2] - box[0] == pytest.approx(kerf_width)
        assert (box[1], box[3]) == pytest.approx((0.0, APRON_HEIGHT_MM))

    # A recess per fastener, from the top edge inward.
    recesses = sorted(layer_boxes(document, recess_layer))
    assert len(recesses) == table_geometry.fastener_count(length)
    positions = table_geometry.fastener_positions(length, len(recesses))
    assert positions[0] == table_geometry.FASTENER_END_MM
    assert [(box[0] + box[2]) / 2 for box in recesses] == pytest.approx(positions)
    for box in recesses:
        assert box[2] - box[0] == pytest.approx(recess)
        assert box[3] - box[1] == pytest.approx(recess_depth)
        # The recess runs from the top edge, at y = 0 or at the apron's height.
        assert min(abs(box[1] - top_edge), abs(box[3] - top_edge)) < 1e-6

    (entry,) = [item for item in package.spec["panels"] if item["part"] == part]
    assert [kerf["start_mm"][0] for kerf in entry["kerfs"]] == pytest.approx(
        [table_geometry.BRACE_KERF_MM, length - table_geometry.BRACE_KERF_MM]
    )
    assert {kerf["face"] for kerf in entry["kerfs"]} == {"A"}
    assert [hole["along_mm"] for hole in entry["edge_holes"]] == pytest.approx(
        positions
    )


@pytest.mark.parametrize(
    ("language", "kerfs"),
    [
        (
            "en",
            "2 x saw kerf 3 mm wide, 10 mm deep and 90 mm long, at 70.0, "
            "1460.0 mm along the length",
        ),
        (
            "zh_CN",
            "2 道锯槽，宽 3 mm，深 10 mm，长 90 mm，沿长度方向位于 70.0、1460.0 mm 处",
        ),
    ],
)
def test_bill_locates_apron_kerfs(export, language, kerfs):
    # Coped aprons have no cut file, so the bill locates their kerfs on the
    # blank, whose ends reach 10.5 mm past the inner face's.
    square = export("table-dining", language, values={"leg_style": "square"})
    rows = {row["item"]: row for row in square.csv("bom.csv")}
    assert kerfs in rows["apron_long_1 apron_long_2"]["notes"]
    round_legs = export("table-dining", language, values={"leg_style": "round"})
    rows = {row["item"]: row for row in round_legs.csv("bom.csv")}
    assert "80.5" in rows["apron_long_1 apron_long_2"]["notes"]
    assert "1470.5" in rows["apron_long_1 apron_long_2"]["notes"]


@pytest.mark.parametrize(
    ("language", "long_aprons", "end_aprons", "label"),
    [
        (
            "en",
            "long apron length along its inner face between the legs 1530.00 ±0.5 mm",
            "end apron length along its inner face between the legs 630.00 ±0.5 mm",
            "Long apron length along its inner face between the legs",
        ),
        (
            "zh_CN",
            "长望板内侧面在桌腿之间的长度 1530.00 ±0.5 mm",
            "端望板内侧面在桌腿之间的长度 630.00 ±0.5 mm",
            "长望板内侧面在桌腿之间的长度",
        ),
    ],
)
def test_apron_length_toleranced(export, language, long_aprons, end_aprons, label):
    package = export("table-dining", language, values={"leg_style": "square"})
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    assert long_aprons in rows["apron_long_1 apron_long_2"]["tolerance"]
    assert end_aprons in rows["apron_end_1 apron_end_2"]["tolerance"]
    # The panel's thickness tolerance stays beside it.
    assert "25 ±0.3 mm" in rows["apron_long_1 apron_long_2"]["tolerance"]
    dimensions = {item["name"]: item for item in package.spec["dimensions"]}
    entry = dimensions["long_apron_length"]
    assert (entry["value_mm"], entry["tolerance_mm"]) == (1530, 0.5)
    assert entry["parts"] == ["apron_long_1", "apron_long_2"]
    assert entry["label"] == label
    assert label in flat_text(package.pdf_text(), language)


@pytest.mark.parametrize(
    ("language", "recesses"),
    [
        ("en", "5 x hole 19 mm, 3 mm deep into the edge"),
        ("zh_CN", "5 个孔 19 mm，开在板边"),
    ],
)
@pytest.mark.parametrize("leg_style", ["square", "round"])
def test_bill_puts_recesses_in_edge(export, language, recesses, leg_style):
    # A coped apron is a shaped blank without a face A, and its recesses
    # still go into its top edge.
    package = export("table-dining", language, values={"leg_style": leg_style})
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    assert recesses in rows["apron_long_1 apron_long_2"]["notes"]


def test_hardware_text_gives_machining_sizes():
    brace = hardware_item("table_corner_brace")
    fastener = hardware_item("tabletop_fastener")
    for language in ("en", "zh_CN"):
        units = "mm" if language == "en" else "毫米"
        places = {"kerf_places": "KERFS HERE", "edge_hole_places": "HOLES HERE"}
        brace_text = brace.specification(language, places=places)
        assert f"{table_geometry.BRACE_KERF_MM:g} {units}" in brace_text
        assert f"{table_geometry.BRACE_KERF_DEPTH_MM:g} {units}" in brace_text
        assert "KERFS HERE" in brace_text
        fastener_text = fastener.specification(language, "", places)
        assert f"{table_geometry.FASTENER_RECESS_MM:g} {units}" in fastener_text
        assert f"{table_geometry.FASTENER_RECESS_DEPTH_MM:g} {units}" in fastener_text
        assert f"{table_geometry.FASTENER_END_MM:g} {units}" in fastener_text
        assert "HOLES HERE" in fastener_text


def test_hardware_text_needs_places():
    with pytest.raises(ValueError, match="kerf_places"):
        hardware_item("table_corner_brace").specification("en")


MACHINING_LAYERS = ("KERF_W3_Z10", "EDGE_D19_Z3")


def flat_text(text: str, language: str) -> str:
    """Join the lines that the sheet wraps: at a space in English, and
    anywhere in Chinese."""
    return text.replace("\n", "" if language == "zh_CN" else " ")


@pytest.mark.parametrize(
    ("language", "on_bill"),
    [
        ("en", "(positions on the part lines of this bill)"),
        ("zh_CN", "位置见本清单各部件行"),
    ],
)
def test_coped_aprons_point_to_bill(export, language, on_bill):
    # Coped aprons have no cut file, so nothing may send the factory to the
    # layers of one: the hardware points to the aprons' lines instead.
    package = export("table-dining", language, values={"leg_style": "round"})
    assert not list(package.folder.glob("panel-apron*.dxf"))
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    assert on_bill in rows["table_corner_brace"]["notes"]
    assert on_bill in rows["tabletop_fastener"]["notes"]
    spec_text = (package.folder / "spec.json").read_text(encoding="utf-8")
    bom_text = (package.folder / "bom.csv").read_text(encoding="utf-8")
    pdf_text = flat_text(package.pdf_text(), language)
    assert on_bill in pdf_text
    for layer in MACHINING_LAYERS:
        assert layer not in spec_text
        assert layer not in bom_text
        assert layer not in pdf_text


@pytest.mark.parametrize(
    ("language", "kerfs", "recesses"),
    [
        ("en", "(layer KERF_W3_Z10 of the cut files)", "(layer EDGE_D19_Z3 of"),
        ("zh_CN", "见开料图 KERF_W3_Z10 图层", "见开料图 EDGE_D19_Z3 图层"),
    ],
)
def test_square_aprons_point_to_layers(export, language, kerfs, recesses):
    package = export("table-dining", language, values={"leg_style": "square"})
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    assert kerfs in rows["table_corner_brace"]["notes"]
    assert recesses in rows["tabletop_fastener"]["notes"]
    layers = {layer.dxf.name for layer in package.dxf("panel-apron_long_1.dxf").layers}
    assert set(MACHINING_LAYERS) <= layers


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(
    ("line", "length_name"),
    [
        ("apron_long_1 apron_long_2", "long_apron_length"),
        ("apron_end_1 apron_end_2", "end_apron_length"),
    ],
)
def test_coped_apron_line_locates_recesses(export, language, line, length_name):
    # The blank reaches past each end of the inner face by the same
    # overhang, so each recess lies that much further from the blank's end
    # than from the inner face's. The bill rounds lengths to 0.1 mm.
    package = export("table-dining", language, values={"leg_style": "round"})
    row = {row["item"]: row for row in package.csv("bom.csv")}[line]
    dimensions = {item["name"]: item for item in package.spec["dimensions"]}
    inner = dimensions[length_name]["value_mm"]
    overhang = (float(row["length_mm"]) - inner) / 2
    assert overhang > 5
    count = table_geometry.fastener_count(inner)
    expected = [
        overhang + place for place in table_geometry.fastener_positions(inner, count)
    ]
    if language == "en":
        pattern = rf"{count} x hole 19 mm, 3 mm deep into the edge, at ([0-9., ]+) mm"
        joint = ", "
    else:
        pattern = (
            rf"{count} 个孔 19 mm，开在板边，深 3 mm，沿长度方向位于 ([0-9.、]+) mm 处"
        )
        joint = "、"
    found = re.search(pattern, row["notes"])
    assert found is not None, row["notes"]
    listed = [float(place) for place in found.group(1).split(joint)]
    assert listed == pytest.approx(expected, abs=0.1)
    # Where the sheet wraps a line next to a Chinese character, the space
    # before the number is dropped.
    assert "".join(found.group(0).split()) in "".join(package.pdf_text().split())


@pytest.mark.parametrize(
    ("language", "outer", "inner", "tolerance"),
    [
        (
            "en",
            "the blank's length is measured along its outer face",
            "its inner face is 1530.0 mm long",
            "long apron length along its inner face between the legs 1530.00",
        ),
        (
            "zh_CN",
            "长度栏为毛坯沿外侧面的长度",
            "沿内侧面长 1530.0 mm",
            "长望板内侧面在桌腿之间的长度 1530.00",
        ),
    ],
)
def test_coped_apron_names_faces(export, language, outer, inner, tolerance):
    package = export("table-dining", language, values={"leg_style": "round"})
    row = {row["item"]: row for row in package.csv("bom.csv")}[
        "apron_long_1 apron_long_2"
    ]
    assert float(row["length_mm"]) > 1530
    assert outer in row["notes"]
    assert inner in row["notes"]
    assert tolerance in row["tolerance"]
    pdf_text = flat_text(package.pdf_text(), language)
    assert outer in pdf_text
    assert inner in pdf_text


@pytest.mark.parametrize(
    ("top_material", "top_thickness", "language", "present", "absent"),
    [
        ("oak", 30, "en", "into the solid top, and the fastener turns", "board"),
        ("walnut", 30, "zh_CN", "拧入实木桌面；实木桌面横纹伸缩时", "板材"),
        ("birch_plywood", 30, "en", "into the board top, which does not move", "grain"),
        ("mdf", 30, "en", "the same fasteners hold it", "grain"),
        ("mdf", 30, "zh_CN", "拧入板材桌面；板材桌面不会伸缩", "实木"),
    ],
)
def test_fastener_text_follows_top(
    export, top_material, top_thickness, language, present, absent
):
    values = {"top_material": top_material, "top_thickness": top_thickness}
    package = export("table-dining", language, values=values)
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    notes = rows["tabletop_fastener"]["notes"]
    assert present in notes
    assert absent not in notes


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_table_bill_states_leg_and_apron_shapes(export, language):
    english = language == "en"
    round_legs = export(
        "table-dining", values={"leg_style": "round"}, language=language
    )
    rows = {row["item"]: row for row in round_legs.csv("bom.csv")}
    legs = rows["leg_1 leg_2 leg_3 leg_4"]["notes"]
    aprons = rows["apron_long_1 apron_long_2"]["notes"]
    assert (
        "turned round, 70 mm in diameter" if english else "车圆，直径 70 mm"
    ) in legs
    # The top end butts against the top, so only the foot is eased.
    foot = (
        "the foot's edge rounded to 2 mm radius"
        if english
        else "脚底边缘倒圆角，半径 2 mm"
    )
    assert foot in legs
    every_edge = "all edges rounded" if english else "所有棱边倒圆角"
    assert every_edge not in legs
    cope = "coped to the round legs' 35 mm radius" if english else "圆腿半径 35 mm"
    assert cope in aprons
    tapered = export("table-dining", values={"leg_style": "tapered"}, language=language)
    rows = {row["item"]: row for row in tapered.csv("bom.csv")}
    legs = rows["leg_1 leg_2 leg_3 leg_4"]["notes"]
    # Straight beside the 90 mm aprons under a 30 mm top: 750 - 30 - 90 mm.
    assert "630 mm" in legs
    assert ("to 45 mm square at the foot" if english else "脚底 45 mm 见方") in legs
    rounded = (
        "all edges rounded to 2 mm radius" if english else "所有棱边倒圆角，半径 2 mm"
    )
    assert rounded in legs
    square = export("table-dining", values={"leg_style": "square"}, language=language)
    rows = {row["item"]: row for row in square.csv("bom.csv")}
    assert "turned" not in rows["leg_1 leg_2 leg_3 leg_4"]["notes"]
    assert "coped" not in rows["apron_long_1 apron_long_2"]["notes"]


def test_round_leg_aprons_cut_as_shaped_blanks(export):
    package = export("table-dining", values={"leg_style": "round"})
    aprons = [row for row in package.csv("cutlist.csv") if row["part"] != "top"]
    assert len(aprons) == 4
    # Coped ends are not in any cut file, so each apron is a shaped blank.
    assert {row["shaped"] for row in aprons} == {"yes"}
    assert {row["file"] for row in aprons} == {""}
    assert not list(package.folder.glob("panel-apron_*.dxf"))


def test_plywood_table_nested_with_banding(export):
    package = export(
        "table-dining",
        values={"top_material": "birch_plywood", "top_thickness": 30, "width": 1400},
    )
    top = package.csv("cutlist.csv")[0]
    assert top["part"] == "top"
    assert [top[f"edge_{edge}"] for edge in ("L1", "L2", "W1", "W2")] == ["yes"] * 4
    assert (top["cut_length_mm"], top["cut_width_mm"]) == ("1396", "896")
    assert top["thickness_tolerance"] == "+1.1/-1.3 mm"
    assert top["sheet"] == "1"

    (sheet,) = package.csv("nesting.csv")
    assert (sheet["sheet_length_mm"], sheet["sheet_width_mm"]) == ("2440", "1220")
    assert float(sheet["yield"]) == pytest.approx(1396 * 896 / (2440 * 1220), abs=1e-4)
    document = package.dxf("sheet-1.dxf")
    assert all(
        polyline.closed for polyline in document.modelspace().query("LWPOLYLINE")
    )
    layers = {layer.dxf.name for layer in document.layers}
    assert {"CUT_OUTLINE", "EDGE_BAND", "LABEL", "SHEET"} <= layers

    (band,) = [row for row in package.csv("bom.csv") if row["item"] == "edge_band"]
    assert band["quantity"] == str(2 * 1400 + 2 * 900)
    assert band["unit"] == "mm"


def test_shoe_last_table_covers_size_system(export):
    package = export("shoe-oxford")
    rows = package.csv("last.csv")
    eu_sizes = [row.label for row in shoe_size_table() if row.system == "EU"]
    assert [row["size"] for row in rows] == eu_sizes
    (ordered,) = [row for row in rows if row["ordered"] == "yes"]
    assert ordered["size"] == "EU 42"
    assert float(ordered["foot_length_mm"]) == pytest.approx(265.0)
    assert float(ordered["last_length_mm"]) == pytest.approx(280.0)
    # 98.05 mm, half up to 0.1 mm.
    assert float(ordered["ball_width_mm"]) == pytest.approx(98.1)
    assert float(ordered["heel_height_mm"]) == pytest.approx(20.0)
    girths = [float(row["ball_girth_mm"]) for row in rows]
    assert girths == sorted(girths)
    # The ball girth wraps the last: more than twice its width.
    assert 2 * 98.05 < float(ordered["ball_girth_mm"]) < np.pi * 98.05


def test_shoe_sole_outline_dxf(export):
    package = export("shoe-oxford")
    document = package.dxf("sole-outline.dxf")
    assert document.header["$INSUNITS"] == 4
    (outline,) = document.modelspace().query("LWPOLYLINE")
    assert outline.closed
    points = np.array(outline.get_points("xy"))
    assert np.ptp(points, axis=0) == pytest.approx([280.0, 98.05 + 6.0], abs=0.01)


def test_shoe_parts_with_materials_and_colours(export):
    rows = {row["item"]: row for row in export("shoe-oxford").csv("bom.csv")}
    assert rows["upper"]["material"] == "calf_leather"
    assert rows["upper"]["colour"] == "#5b3a29"
    assert "Dark brown" in rows["upper"]["description"]
    assert rows["sole"]["material"] == "leather_sole"
    assert rows["laces"]["material"] == "waxed_cotton"
    assert rows["laces"]["colour"] == "#3a2a20"
    assert "Dark brown" in rows["laces"]["description"]
    assert (
        export("shoe-oxford").spec["size"]["display"] == "EU 42 (foot length 265.00 mm)"
    )


@pytest.mark.parametrize(
    ("product", "construction"),
    [("shoe-oxford", "Construction: Goodyear welted. "), ("shoe-sneaker", "")],
)
def test_shoe_notes_name_last_and_construction(export, product, construction):
    notes = export(product).spec["notes"]

    expected = f"{construction}Last for EU 42 (foot length 265.00 mm), width fitting"
    assert any(note.startswith(expected) for note in notes), notes
    assert not any("Construction: -" in note for note in notes)


def test_chinese_bom_full_width_punctuation(export):
    rows = export("shoe-sneaker", language="zh_CN").csv("bom.csv")

    laces = next(row for row in rows if row["item"] == "laces")
    assert "，" in laces["description"]
    assert ", " not in laces["description"]
    assert "；" in laces["notes"]
    assert "; " not in laces["notes"]


@pytest.mark.parametrize("product", ["shoe-oxford", "shoe-sneaker"])
def test_shoe_laces_listed_by_length(export, product):
    small = export(product, values={"size": "EU 35"}).csv("bom.csv")
    large = export(product, values={"size": "EU 48"}).csv("bom.csv")
    lengths = []
    for rows in (small, large):
        by_item = {row["item"]: row for row in rows}
        laces = by_item["laces"]
        # The BOM counts a pair, so two laces, as it counts two uppers.
        assert laces["quantity"] == by_item["upper"]["quantity"] == "2"
        assert laces["unit"] == "pcs"
        # A round lace 2.8 mm across, as the laces are modelled.
        assert laces["width_mm"] == laces["height_mm"] == "2.8"
        assert "250 mm" in laces["notes"]
        lengths.append(float(laces["length_mm"]))

    # Two 250 mm ends for the bow, plus the bars across a throat at least
    # 20 mm wide and the climb along it.
    assert lengths[0] > 2 * 250 + 100
    assert lengths[1] > lengths[0] + 20


@pytest.mark.parametrize(
    ("part_name", "sizes", "size_text"),
    [
        ("midsole", [269.6, 95.6, 30.5], "269.6 x 95.6 x 30.5"),
        # The cupsole is 106.05 mm wide, which rounds half up to 106.1 mm,
        # where round(106.05, 1) gives 106.0 from the float just below it.
        ("cupsole", [280.0, 106.1, 44.0], "280.0 x 106.1 x 44.0"),
    ],
)
def test_sneaker_sole_sizes_read_alike(export, part_name, sizes, size_text):
    package = export("shoe-sneaker")
    [part] = [part for part in package.spec["parts"] if part["name"] == part_name]
    [line] = [line for line in package.spec["bom"] if line["item"] == part_name]
    [row] = [row for row in package.csv("bom.csv") if row["item"] == part_name]
    text = package.pdf_text()

    assert part["extents_mm"] == sizes
    assert [line["length_mm"], line["width_mm"], line["height_mm"]] == sizes
    assert [float(row[axis]) for axis in ("length_mm", "width_mm", "height_mm")] == (
        sizes
    )
    # Once in the parts table and once in the bill of materials.
    assert text.count(size_text) == 2


def _lace_grams_per_metre() -> float:
    path = ROOT / "resources" / "production" / "by_length.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = {row["material"]: row for row in csv.DictReader(handle)}
    assert rows["waxed_cotton"]["source"]
    return float(rows["waxed_cotton"]["grams_per_metre"])


def test_weight_per_metre_missing_names_file():
    with pytest.raises(KeyError, match="'oak'.*by_length.csv"):
        grams_per_metre("oak")


@pytest.mark.parametrize("product", ["shoe-oxford", "shoe-sneaker"])
def test_shoe_laces_weighed_by_length(export, example_session, product):
    lace_grams_per_metre = _lace_grams_per_metre()
    masses = []
    for size in ("EU 35", "EU 48"):
        package = export(product, values={"size": size})
        (line,) = [row for row in package.spec["bom"] if row["item"] == "laces"]
        parts = {part["name"]: part for part in package.spec["parts"]}
        expected = line["length_mm"] / 1000.0 * lace_grams_per_metre

        assert parts["laces"]["mass_g"] == pytest.approx(expected, abs=2e-3)
        # The part list gives the lace as the BOM does, not its visible bars.
        assert parts["laces"]["extents_mm"] == [
            pytest.approx(line["length_mm"], abs=0.01),
            2.8,
            2.8,
        ]
        assert max(parts["laces"]["mesh_extents_mm"]) < line["length_mm"] / 3
        # Volume and area are the whole lace's, a cylinder 2.8 mm across.
        assert parts["laces"]["volume_mm3"] == pytest.approx(
            math.pi * 1.4**2 * line["length_mm"], rel=1e-3
        )
        assert "2.8 mm in diameter" in line["notes"]
        assert line["unit_mass_g"] == pytest.approx(expected, abs=2e-3)
        assert package.spec["estimated_weight_g"] == pytest.approx(
            sum(part["mass_g"] for part in parts.values()), abs=5e-3
        )
        masses.append(parts["laces"]["mass_g"])

    # The lace grows with the shoe, and weighs more than its visible bars.
    session = example_session(product, size="EU 35")
    visible = {q.name: q.mass_g for q in measure(build_parts(session))}["laces"]
    assert masses[1] > masses[0]
    assert masses[0] > 2 * visible


def _lace_price_grams(spec: dict) -> Decimal:
    """Return the grams on the spec's waxed cotton price line."""
    (label,) = [
        line["label"]
        for line in spec["price"]["lines"]
        if line["label"].startswith("Material: Waxed cotton lace")
    ]
    match = re.search(r", ([\d.]+) g × ", label)
    assert match is not None, label
    return Decimal(match.group(1))


@pytest.mark.parametrize("product", ["shoe-oxford", "shoe-sneaker"])
def test_lace_priced_by_bom_mass(export, product):
    grams = []
    for size in ("EU 35", "EU 48"):
        package = export(product, values={"size": size})
        (line,) = [row for row in package.spec["bom"] if row["item"] == "laces"]
        bom_grams = Decimal(repr(line["unit_mass_g"] * line["quantity"]))

        priced = _lace_price_grams(package.spec)
        assert priced == bom_grams.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        grams.append(priced)

    # A longer lace on the larger shoe costs more.
    assert grams[1] > grams[0]


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Dark brown"), ("zh_CN", "深棕色")]
)
def test_oxford_tongue_names_colour(export, language, label):
    rows = {
        row["item"]: row
        for row in export("shoe-oxford", language=language).csv("bom.csv")
    }
    assert label in rows["tongue"]["description"]
    assert "#" not in rows["tongue"]["description"]
    assert rows["tongue"]["colour"] == rows["upper"]["colour"]


@pytest.mark.parametrize(("language", "label"), [("en", "Red"), ("zh_CN", "红色")])
def test_sneaker_bom_names_lace_colour(export, language, label):
    package = export(
        "shoe-sneaker", language=language, values={"lace_colour": "#b22a2e"}
    )
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    assert rows["laces"]["colour"] == "#b22a2e"
    assert label in rows["laces"]["description"]
    laces = next(part for part in package.spec["parts"] if part["name"] == "laces")
    assert laces["colour"] == "#b22a2e"
    parameters = {item["name"]: item for item in package.spec["parameters"]}
    assert parameters["lace_colour"]["value"] == "#b22a2e"


def test_chinese_sheet_embeds_font_with_licence(export):
    package = export("ring-band", language="zh_CN")
    text = package.pdf_text()
    for phrase in (
        "婚戒指环（ring-band）",
        "订单：A-1001",
        "物料清单",
        "内径 17.32 mm",
        "永恒",
    ):
        assert phrase in text
    reader = pypdf.PdfReader(package.folder / "spec.pdf")
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    embedded.add(str(descendant.get_object()["/BaseFont"]))
    assert any("DroidSansFallback" in name for name in embedded)
    licence = package.folder / "DroidSansFallbackFull-LICENSE.txt"
    assert "Apache" in licence.read_text(encoding="utf-8")
    (band,) = [row for row in package.csv("bom.csv") if row["item"] == "band"]
    assert "内径 17.32 ±0.05 mm" in band["tolerance"]
    assert band["description"] == "18K 黄金"


def test_export_over_nested_old_spec(example_session, tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "spec.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    export_package(example_session("ring-band"), folder, None)
    assert json.loads((folder / "spec.json").read_text(encoding="utf-8"))["files"]


def test_reexport_replaces_stale_sheet(export, example_session, tmp_path):
    folder = tmp_path / "package"
    plywood = example_session(
        "table-dining", top_material="birch_plywood", top_thickness=25
    )
    export_package(plywood, folder, None)
    assert (folder / "sheet-1.dxf").exists()
    export_package(example_session("table-dining"), folder, None)
    assert not (folder / "sheet-1.dxf").exists()
    assert (folder / "panel-top.dxf").exists()


def test_non_stock_thickness_noted(export):
    package = export(
        "table-dining", values={"top_material": "birch_plywood", "top_thickness": 25}
    )
    top = package.spec["panels"][0]
    assert top["part"] == "top"
    assert top["stock_thickness_mm"] is None
    assert any(
        "25 mm is not a stock thickness" in note for note in package.spec["notes"]
    )


def test_unknown_view_is_rejected(example_session, tmp_path):
    with pytest.raises(ValueError, match="unknown image views \\['top'\\]"):
        export_package(
            example_session("bangle"),
            tmp_path / "p",
            None,
            images={"top": IMAGES["iso"]},
        )


def test_bom_round_trips_through_csv(export):
    package = export("table-dining")
    data = (package.folder / "bom.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows[0][:4] == ["order_id", "spec_revision", "line", "category"]
    assert len(rows) - 1 == len(package.spec["bom"])


def test_bookshelf_boards_all_in_cut_list(export):
    package = export("bookshelf")
    rows = {row["part"]: row for row in package.csv("cutlist.csv")}
    boards = [part["name"] for part in package.spec["parts"]]
    assert sorted(rows) == sorted(boards)
    for name, row in rows.items():
        assert row["file"] == f"panel-{name}.dxf"
        assert (package.folder / row["file"]).is_file()
    # The thin plywood back is nested on a sheet and left unbanded.
    assert rows["back"]["sheet"] == "1"
    assert [rows["back"][f"edge_{edge}"] for edge in ("L1", "L2", "W1", "W2")] == [
        "no"
    ] * 4


def test_chair_shaped_parts_listed_as_blanks(export):
    package = export("chair")
    rows = {row["part"]: row for row in package.csv("cutlist.csv")}
    assert rows["backrest"]["shaped"] == "yes"
    assert rows["backrest"]["file"] == ""
    assert not (package.folder / "panel-backrest.dxf").exists()
    assert rows["seat"]["shaped"] == "no"
    assert (package.folder / "panel-seat.dxf").is_file()


def test_shoe_bom_lists_leather_area_and_sole_volume(export):
    package = export("shoe-oxford")
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    leather = rows["calf_leather_cutting_area"]
    assert (leather["category"], leather["unit"]) == ("material", "mm2")
    upper = next(part for part in package.spec["parts"] if part["name"] == "upper")
    # A shell's outside is about half its surface; cutting adds 15 % to it.
    assert float(leather["quantity"]) > upper["surface_area_mm2"] / 2
    sole = rows["leather_sole_volume"]
    volume = next(p["volume_mm3"] for p in package.spec["parts"] if p["name"] == "sole")
    assert sole["unit"] == "mm3"
    # The parts are the right shoe's; the bill counts the pair.
    assert float(sole["quantity"]) == pytest.approx(2 * volume, abs=1)


@pytest.mark.parametrize("product", ["shoe-oxford", "shoe-sneaker"])
def test_shoe_bom_counts_a_pair(export, example_session, product):
    package = export(product)
    rows = package.csv("bom.csv")
    parts = {part["name"]: part for part in package.spec["parts"]}
    shoe = shoe_quantities(build_parts(example_session(product)))

    for row in rows:
        assert row["notes"].startswith("per pair, left and right shoe"), row["item"]
    for row in rows:
        if row["category"] == "part":
            names = row["item"].split()
            assert all(name in parts for name in names)
            assert row["quantity"] == str(2 * len(names)), row["item"]
    by_item = {row["item"]: row for row in rows}
    for material_id, area_dm2 in shoe.cutting_area_dm2.items():
        row = by_item[f"{material_id}_cutting_area"]
        assert int(row["quantity"]) == pytest.approx(2 * area_dm2 * 1e4, abs=1)
    for material_id, volume_cm3 in shoe.sole_volume_cm3.items():
        row = by_item[f"{material_id}_volume"]
        assert int(row["quantity"]) == pytest.approx(2 * volume_cm3 * 1e3, abs=1)

    note = "Quantities in the bill of materials are per pair, a left and a right shoe."
    assert any(text.startswith(note) for text in package.spec["notes"])
    text = " ".join(package.pdf_text().split())
    assert "Bill of materials, quantities per pair" in text
    assert note in text


@pytest.mark.parametrize("product", ["shoe-oxford", "shoe-sneaker"])
def test_lace_length_has_tolerance(export, product):
    package = export(product)
    (row,) = [row for row in package.csv("bom.csv") if row["item"] == "laces"]
    length = float(row["length_mm"])

    assert row["tolerance"] == f"lace length {length:.1f} ±5 mm"
    text = " ".join(package.pdf_text().split())
    assert f"lace length {length:.1f} ±5 mm" in text


def test_chinese_shoe_bill_words(export):
    package = export("shoe-oxford", language="zh_CN")
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    length = float(rows["laces"]["length_mm"])

    assert rows["laces"]["tolerance"] == f"鞋带长度 {length:.1f} ±5 mm"
    cutting = rows["calf_leather_cutting_area"]
    assert cutting["unit"] == "mm2"
    assert re.search(r"裁片净面积 \d+ mm²$", cutting["notes"])
    text = " ".join(package.pdf_text().split())
    assert "lace length" not in text
    assert "2 件" in text
    assert re.search(r"\d+ mm² 小牛皮", text)


def test_chinese_shoe_bom_per_pair(export):
    package = export("shoe-sneaker", language="zh_CN")
    rows = package.csv("bom.csv")

    assert all(row["notes"].startswith("按一双计（左右脚）") for row in rows)
    text = "".join(package.pdf_text().split())
    assert "物料清单（数量按一双计）" in text
    assert "物料清单中的数量按一双计（左右脚各一只）。" in text


@pytest.mark.parametrize(
    ("language", "parts_heading", "weight_heading"),
    [
        ("en", "Parts of one shoe", "Estimated weight of one shoe:"),
        ("zh_CN", "部件（单只鞋）", "单只鞋预估重量："),
    ],
)
def test_shoe_parts_marked_one_shoe(export, language, parts_heading, weight_heading):
    package = export("shoe-oxford", language=language)
    text = "".join(package.pdf_text().split()).replace("：", ":")
    # The sheet rounds the weight half up.
    weight = Decimal(repr(package.spec["estimated_weight_g"])).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    line = f"{weight_heading}{weight}g".replace("：", ":")
    assert "".join(parts_heading.split()) in text
    assert "".join(line.split()) in text


def test_mass_rows_add_up_to_total():
    # Each rounded half up alone, the rows give 3.34 + 2.34 + 1.34 = 7.02 g
    # against a total of 7.01 g.
    rows, total = masses_to_total([3.335, 2.335, 1.3351], 7.0051)
    assert total == "7.01"
    assert sum(Decimal(row) for row in rows) == Decimal(total)
    # The two hundredths go to the largest remainders, the first row
    # before the second on a tie.
    assert rows == ["3.34", "2.33", "1.34"]
    for row, mass in zip(rows, [3.335, 2.335, 1.3351], strict=True):
        assert abs(Decimal(row) - Decimal(repr(mass))) < Decimal("0.01")


def test_mass_rows_that_miss_total_round_alone():
    rows, total = masses_to_total([1.005, 2.004], 5.0)
    assert rows == ["1.01", "2.00"]
    assert total == "5.00"


@pytest.mark.parametrize("product", ["shoe-oxford", "ring-solitaire", "bookshelf"])
def test_sheet_mass_rows_add_up(export, product):
    package = export(product)
    masses = [item["mass_g"] for item in package.spec["parts"]]
    rows, total = masses_to_total(masses, package.spec["estimated_weight_g"])
    text = " ".join(package.pdf_text().split())
    assert re.search(rf"Estimated weight( of one shoe)?: {re.escape(total)} g", text)
    for item, row in zip(package.spec["parts"], rows, strict=True):
        assert f"{item['volume_mm3']:.1f} {row}" in text, item["name"]
    assert sum(Decimal(row) for row in rows) == Decimal(total)


def test_ring_parts_not_marked_one_shoe(export):
    text = " ".join(export("ring-solitaire").pdf_text().split())
    assert "Estimated weight:" in text
    assert "one shoe" not in text


@pytest.mark.parametrize(
    ("product", "names"),
    [
        ("ring-solitaire", ["戒圈（band）", "镶头（head）", "主石（stone）"]),
        ("shoe-oxford", ["鞋面（upper）", "鞋头包片（toe_cap）"]),
        ("bookshelf", ["左侧板（side_left）", "层板 1-2（shelf_1_2）"]),
    ],
)
def test_chinese_sheet_names_parts_in_chinese(export, product, names):
    text = "".join(export(product, language="zh_CN").pdf_text().split())
    for name in names:
        assert "".join(name.split()) in text


def test_chinese_sheet_names_drawer_parts(export):
    package = export(
        "cabinet", language="zh_CN", values={"front_type": "drawers", "handle": "bar"}
    )
    text = "".join(package.pdf_text().split())
    for name in (
        "抽屉1底板（drawer_1_bottom）",
        "抽屉1内前板（drawer_1_sub_front）",
        "抽屉面板1拉手（drawer_front_1_handle）",
    ):
        assert name in text


@pytest.mark.parametrize("product", PRODUCTS)
def test_every_catalog_part_has_chinese_name(export, product):
    for item in export(product).spec["parts"]:
        assert part_name_zh(item["name"]) != item["name"], item["name"]


@pytest.mark.parametrize(
    "values",
    [
        {"front_type": "drawers", "handle": "bar"},
        {"front_type": "doors", "handle": "knob"},
        {"front_type": "doors", "handle": "push"},
    ],
)
def test_every_cabinet_part_has_chinese_name(values):
    from designer.catalog import load_catalog
    from designer.production import build_parts
    from designer.session import DesignSession

    session = DesignSession(load_catalog().get("cabinet"))
    for name, value in values.items():
        session.set_value(name, value)
    for part in build_parts(session):
        assert part_name_zh(part.name) != part.name, part.name


@pytest.mark.parametrize(
    ("name", "chinese"),
    [
        ("shelf_1_2", "层板 1-2"),
        ("door_2", "门板 2"),
        ("drawer_12_sub_front", "抽屉 12 内前板"),
        ("door_1_handle", "门板 1 拉手"),
        ("drawer_1_unknown", "drawer_1_unknown"),
        ("back_3", "背板 3"),
        ("leg_front_left", "左前腿"),
        ("imported_head", "imported_head"),
        ("7", "7"),
    ],
)
def test_part_name_zh(name, chinese):
    assert part_name_zh(name) == chinese


def test_extra_files_join_folder_and_zip(example_session, tmp_path):
    folder = tmp_path / "package"
    written = export_package(
        example_session("bangle"), folder, None, extra_files={"order.json": b"{}\n"}
    )
    assert (folder / "order.json").read_bytes() == b"{}\n"
    spec = json.loads((folder / "spec.json").read_text(encoding="utf-8"))
    assert {"name": "order.json"} in spec["files"]
    with zipfile.ZipFile(written[-1]) as archive:
        assert archive.read("package/order.json") == b"{}\n"


def test_extra_file_cannot_replace_package_file(example_session, tmp_path):
    with pytest.raises(ValueError, match=r"\['bom.csv'\] would replace"):
        export_package(
            example_session("bangle"),
            tmp_path / "p",
            None,
            extra_files={"bom.csv": b""},
        )


def test_order_export_names_order_everywhere(example_session, tmp_path):
    from designer.order_design import freeze_design
    from designer.order_export import ORDER_FILE, OrderForExport, export_order_package
    from designer.store import StoreSettings

    frozen = freeze_design(example_session("ring-band"), StoreSettings())
    order = OrderForExport("A-000123", 1, frozen.design_hash, None, frozen)
    folder = tmp_path / "package"

    written = export_order_package(order, folder, IMAGES["iso"])

    spec = json.loads((folder / "spec.json").read_text(encoding="utf-8"))
    assert spec["order"] == {"id": "A-000123", "draft": False}
    assert spec["spec_revision"] == frozen.design_hash[:8]
    record = json.loads((folder / ORDER_FILE).read_text(encoding="utf-8"))
    assert record["order_id"] == "A-000123"
    with zipfile.ZipFile(written[-1]) as archive:
        assert json.loads(archive.read(f"package/{ORDER_FILE}")) == record
    assert "Order: A-000123" in Package(folder, written).pdf_text()


def test_order_for_export_json_round_trip(example_session):
    from datetime import date

    from designer.order_design import freeze_design
    from designer.order_export import OrderForExport
    from designer.store import StoreSettings

    frozen = freeze_design(example_session("ring-band"), StoreSettings())
    order = OrderForExport("A-000123", 2, frozen.design_hash, date(2025, 6, 1), frozen)

    copy = OrderForExport.from_json(json.loads(json.dumps(order.to_json())))

    assert copy == order
    assert copy.frozen.design_hash == frozen.design_hash


def test_export_reports_steps_in_order(example_session, tmp_path):
    reports = []
    progress = ExportProgress(lambda step, percent: reports.append((step, percent)))

    export_package(
        example_session("bookshelf"), tmp_path / "shelf", None, progress=progress
    )

    assert [step for step, _percent in reports] == [*STEPS[1:], DONE]
    percents = [percent for _step, percent in reports]
    assert percents == sorted(percents)
    assert 0 < percents[0] < percents[-1] == 100


def test_refused_commit_writes_nothing(example_session, tmp_path):
    with pytest.raises(ExportCancelled):
        export_package(
            example_session("ring-band"),
            tmp_path / "package",
            None,
            confirm_commit=lambda: False,
        )

    assert list(tmp_path.iterdir()) == []


def test_refused_commit_keeps_earlier_package(example_session, tmp_path):
    folder = tmp_path / "package"
    first = export_package(example_session("ring-band"), folder, None)
    before = {path: path.read_bytes() for path in first}

    with pytest.raises(ExportCancelled):
        export_package(
            example_session("ring-band", width=6.0),
            folder,
            None,
            confirm_commit=lambda: False,
        )

    assert {path: path.read_bytes() for path in first} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "package",
        "package.zip",
    ]


def test_export_fills_given_staging_folder(example_session, tmp_path):
    folder = tmp_path / "package"
    staging = staging_folder(folder)
    seen = []

    def confirm():
        seen.extend(sorted(path.name for path in staging.iterdir()))
        return True

    written = export_package(
        example_session("ring-band"),
        folder,
        None,
        staging=staging,
        confirm_commit=confirm,
    )

    assert seen == ["package", "package.zip"]
    assert not staging.exists()
    assert written[-1] == tmp_path / "package.zip"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "package",
        "package.zip",
    ]


def test_wide_size_breaks_between_numbers(export):
    # The top's size is wider than the bill's size column, so it breaks at
    # one of the spaces that join its numbers, never inside a number.
    package = export("table-dining")
    words = [word.text for word in page_words(package.folder / "spec.pdf", page=2)]
    sizes = [word for word in words if re.fullmatch(r"\d+\.?\d*", word)]

    assert "30." not in words
    assert all(not word.endswith(".") for word in sizes)
    assert words.count("1800.0") >= 2
