"""Furniture packages a factory can make without asking back: a back split
to fit its sheets, the wall-fixing kit the warnings promise, and a draft's
spec sheet priced as its quote."""

from __future__ import annotations

import csv
import itertools
import json
import re
from decimal import Decimal
from pathlib import Path

import ezdxf
import pypdf
import pytest
import trimesh

from designer.order_design import freeze_design, price_design
from designer.package.nesting import nest
from designer.package.panels import find_panels
from designer.package.sheet import sheet_units
from designer.package.tables import find_stock, hardware_item
from designer.pricing import load_material_prices, round_money, round_quantity
from designer.production import build_parts, export_package
from designer.session import DesignSession
from designer.store import StoreSettings
from models3d.boards import BACK_MATERIAL, BACK_SHEET_MM, EDGE_RADIUS_MM
from models3d.handles import (
    BOARD_ALLOWANCE_MM,
    HANDLE_SCREW,
    M4_SCREW_LENGTHS_MM,
    MIN_THREAD_ENGAGEMENT_MM,
    THREAD_DEPTH_MM,
)

# A bookshelf wider and taller than a sheet's 1220 mm width, in two bays.
SPLIT_SHELF = {"width": 1600, "height": 2000}


class Package:
    """An exported package folder read back through its real readers."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.spec = json.loads((folder / "spec.json").read_text(encoding="utf-8"))

    def csv(self, name: str) -> list[dict[str, str]]:
        with (self.folder / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def pdf_text(self) -> str:
        reader = pypdf.PdfReader(self.folder / "spec.pdf")
        return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def export(example_session, tmp_path_factory):
    """Export a design once per module and argument set; return its Package."""
    cache: dict[tuple, Package] = {}

    def run(product: str, language: str = "en", order_id=None, **values):
        key = (product, language, order_id, tuple(sorted(values.items())))
        if key not in cache:
            folder = tmp_path_factory.mktemp(product) / "package"
            session = example_session(product, **values)
            export_package(session, folder, None, language, order_id=order_id)
            cache[key] = Package(folder)
        return cache[key]

    return run


def test_back_sheet_is_the_stock_sheet():
    stock = find_stock(BACK_MATERIAL, 6.5)
    assert stock is not None
    assert (stock.sheet_length, stock.sheet_width) == BACK_SHEET_MM
    assert stock.grain_along_length


def corner_designs(model, ranges):
    """Yield every orderable design at the given values of each parameter,
    with every board material at each thickness it comes in."""
    thicknesses = model.parameter("board_thickness").domain()
    for material in model.parameter("board_material").domain():
        for values in itertools.product(*ranges.values()):
            for thickness in thicknesses:
                session = DesignSession(model)
                session.replace(
                    {
                        **session.values,
                        **dict(zip(ranges, values, strict=True)),
                        "board_material": material,
                        "board_thickness": thickness,
                    }
                )
                if session.orderable:
                    yield session
                    break


@pytest.mark.parametrize(
    ("product", "ranges"),
    [
        (
            "bookshelf",
            {
                "width": (1250, 2400),
                "height": (1250, 2400),
                "depth": (400,),
                "span": (400, 1000),
            },
        ),
        (
            "cabinet",
            {
                "width": (1200,),
                "height": (2000,),
                "depth": (600,),
                "front_type": ("doors", "drawers"),
            },
        ),
    ],
)
def test_largest_designs_fit_stock_sheets(catalog, product, ranges):
    model = catalog.get(product)
    built = 0
    for session in corner_designs(model, ranges):
        nesting = nest(find_panels(build_parts(session)))
        oversized = [panel.part for panel in nesting.oversized]
        assert oversized == [], session.values
        built += 1
    assert built >= 4


def test_split_back_in_every_file(export):
    package = export("bookshelf", **SPLIT_SHELF)
    pieces = ["back_1", "back_2"]
    parts = {part["name"]: part for part in package.spec["parts"]}
    assert "back" not in parts
    assert set(pieces) | {"plinth_rail_1"} <= set(parts)

    rows = {row["part"]: row for row in package.csv("cutlist.csv")}
    for name in [*pieces, "plinth_rail_1"]:
        row = rows[name]
        assert row["quantity"] == "1"
        assert row["file"] == f"panel-{name}.dxf"
    for name in pieces:
        row = rows[name]
        assert row["sheet"] != ""
        assert (row["material"], row["thickness_mm"]) == (BACK_MATERIAL, "6.5")
        assert float(row["cut_length_mm"]) <= BACK_SHEET_MM[0]
        assert float(row["cut_width_mm"]) <= BACK_SHEET_MM[1]
        assert [row[f"edge_{edge}"] for edge in ("L1", "L2", "W1", "W2")] == ["no"] * 4
    # Solid oak is glued up to size, so the rail is on no sheet.
    assert rows["plinth_rail_1"]["material"] == "oak"
    assert rows["plinth_rail_1"]["sheet"] == ""

    assert package.spec["nesting"] is not None
    sheets = {sheet["number"]: sheet for sheet in package.spec["nesting"]["sheets"]}
    for name in pieces:
        sheet = sheets[int(rows[name]["sheet"])]
        assert sheet["material"] == BACK_MATERIAL
        assert 0 < sheet["yield"] <= 1
    assert not any("does not fit" in note for note in package.spec["notes"])
    (note,) = [note for note in package.spec["notes"] if "pieces" in note]
    assert "back_1, back_2" in note
    assert "plinth_rail_1" in note


def test_split_back_cut_files(export):
    package = export("bookshelf", **SPLIT_SHELF)
    for name in ("back_1", "back_2", "plinth_rail_1"):
        space = ezdxf.readfile(package.folder / f"panel-{name}.dxf").modelspace()
        (outline,) = space.query('LWPOLYLINE[layer=="CUT_OUTLINE"]')
        assert outline.closed
        labels = " ".join(text.dxf.text for text in space.query("TEXT"))
        assert name.upper() in labels
    (back,) = [row for row in package.csv("cutlist.csv") if row["part"] == "back_1"]
    sheet = ezdxf.readfile(package.folder / f"sheet-{back['sheet']}.dxf")
    outlines = sheet.modelspace().query('LWPOLYLINE[layer=="CUT_OUTLINE"]')
    assert len(outlines) >= 1
    assert all(outline.closed for outline in outlines)
    assert "BACK_1" in " ".join(t.dxf.text for t in sheet.modelspace().query("TEXT"))


def test_split_back_meshes_named_and_watertight(export):
    package = export("bookshelf", **SPLIT_SHELF)
    scene = trimesh.load(package.folder / "model.glb")
    names = set(scene.graph.nodes_geometry)
    assert {"back_1", "back_2", "plinth_rail_1"} <= names
    for name in ("back_1", "back_2", "plinth_rail_1"):
        mesh = scene.geometry[scene.graph[name][1]]
        assert mesh.is_watertight, name
    solid = trimesh.load_mesh(package.folder / "model.stl")
    assert solid.is_watertight
    assert solid.extents == pytest.approx([1600, 300, 2000])


def test_split_back_on_bom_and_sheet(export):
    package = export("bookshelf", **SPLIT_SHELF)
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    backs = rows["back_1 back_2"]
    assert backs["quantity"] == "2"
    assert (backs["length_mm"], backs["width_mm"]) == ("2000", "800")
    assert rows["plinth_rail_1"]["quantity"] == "1"
    text = package.pdf_text()
    assert "back_1 back_2" in text
    assert "plinth_rail_1" in text


def test_split_back_note_in_chinese(export):
    package = export("bookshelf", language="zh_CN", **SPLIT_SHELF)
    (note,) = [note for note in package.spec["notes"] if "拼缝" in note]
    assert "back_1、back_2" in note


def test_wall_fixing_kit_on_bom(export):
    package = export("bookshelf")
    assert any(v["rule"] == "wall-fixing" for v in package.spec["violations"])
    (kit,) = [row for row in package.csv("bom.csv") if row["item"] == "wall_fixing_kit"]
    assert kit["category"] == "hardware"
    assert (kit["quantity"], kit["unit"]) == ("1", "pcs")
    assert kit["description"] == "Wall-fixing kit"
    assert "angle brackets" in kit["notes"]
    assert "wall-fixing" in kit["notes"]
    assert "wall_fixing_kit: Wall-fixing kit" in package.pdf_text()
    cut_parts = {row["part"] for row in package.csv("cutlist.csv")}
    assert "wall_fixing_kit" not in cut_parts


def test_wall_fixing_kit_in_chinese(export):
    package = export("cabinet", language="zh_CN", height=1500)
    (kit,) = [row for row in package.csv("bom.csv") if row["item"] == "wall_fixing_kit"]
    assert kit["description"] == "墙面固定配件"
    assert "因规则 wall-fixing 随附" in kit["notes"]


# A Chinese package of the example bookshelf in birch plywood 18 mm, tall
# enough to need the wall-fixing kit and with shelf support pins.
PLYWOOD_SHELF = {"board_material": "birch_plywood", "board_thickness": 18}


def test_chinese_bom_hardware_notes(export):
    package = export("bookshelf", language="zh_CN", **PLYWOOD_SHELF)
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    kit = rows["wall_fixing_kit"]
    assert kit["notes"].startswith("两个 40 x 40 mm 钢角码")
    assert "angle brackets" not in kit["notes"]
    pins = rows["shelf_support_5"]
    assert pins["notes"].startswith("钢销，用于 5 mm 孔；")
    assert "steel" not in pins["notes"]


def test_chinese_sheet_reads_chinese(export):
    text = export("bookshelf", language="zh_CN", **PLYWOOD_SHELF).pdf_text()
    assert "品类：家具" in text
    assert "开料尺寸（mm）" in text
    assert "furniture" not in text
    assert "板厚\n18 mm\n" in text
    assert "毫米" not in text


# The example cabinet with drawers: oak carcass and fronts, steel pulls,
# birch plywood drawer boxes and back, and hardware worded in 毫米.
DRAWER_SHEET = {"front_type": "drawers", "handle": "bar"}


def test_chinese_sheet_writes_mm_only(export):
    # The sheet wraps lines between Chinese characters, so compare without spaces.
    text = "".join(export("cabinet", "zh_CN", **DRAWER_SHEET).pdf_text().split())

    assert "毫米" not in text
    # Hardware specifications and catalog choices, worded in 毫米 for
    # customers, read in mm on the sheet.
    assert "7x50mm三合一螺钉" in text
    assert "用于16至19mm板材" in text
    assert "板厚19mm" in text


@pytest.mark.parametrize(
    ("worded", "on_sheet"),
    [
        ("按 18 毫米厚计", "按 18 mm 厚计"),
        ("钻 5 毫米导孔", "钻 5 mm 导孔"),
        ("ABS 封边条 2 毫米（桦木纹）", "ABS 封边条 2 mm（桦木纹）"),
        ("19 毫米", "19 mm"),
        ("略大几毫米。", "略大几毫米。"),
    ],
)
def test_sheet_units_in_chinese(worded, on_sheet):
    assert sheet_units(worded, "zh_CN") == on_sheet
    assert sheet_units(worded, "en") == worded


@pytest.mark.parametrize(
    ("language", "names", "ids"),
    [
        # "oak" and "steel" are words of the English labels too.
        (
            "en",
            ("Solid red oak", "Birch plywood", "Powder-coated steel"),
            ("birch_plywood",),
        ),
        (
            "zh_CN",
            ("红橡木实木", "桦木胶合板", "喷涂钢"),
            ("birch_plywood", "oak", "steel"),
        ),
    ],
)
def test_sheet_names_materials_by_label(export, language, names, ids):
    text = " ".join(export("cabinet", language, **DRAWER_SHEET).pdf_text().split())

    for name in names:
        assert name in text
    for material_id in ids:
        assert re.search(rf"\b{material_id}\b", text) is None, material_id
    # The nesting table names each sheet's material with its thickness.
    assert f"{names[1]} 18 mm" in text


def test_chinese_sheet_lists_use_chinese_marks(export):
    package = export("cabinet", "zh_CN", **DRAWER_SHEET)
    text = package.pdf_text()

    assert "; " not in text
    assert "mm；板件；所有棱边倒圆角" in "".join(text.split())
    glued = [note for note in package.spec["notes"] if "拼板" in note]
    assert glued
    assert glued[0].startswith("side_left、side_right、top、bottom")
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    assert "；drawer_front_1、drawer_front_2" in rows["bar_pull"]["notes"]


# Marks that Chinese typography keeps from starting or ending a line.
CLOSING_MARKS = "，。、；：？！）》」』】"
OPENING_MARKS = "（《「『【"


def sheet_lines(package: Package) -> list[str]:
    """Return the sheet's lines as the PDF text extractor reads them."""
    return [line.strip() for line in package.pdf_text().splitlines() if line.strip()]


@pytest.mark.parametrize("product", ["table-dining", "cabinet", "bookshelf", "chair"])
def test_chinese_sheet_line_starts_and_ends(export, product):
    lines = sheet_lines(export(product, "zh_CN"))

    assert [line for line in lines if line[:1] in CLOSING_MARKS] == []
    assert [line for line in lines if line[-1:] in OPENING_MARKS] == []
    # Part ids that fit a line, such as apron_long_1, are not split.
    assert [line for line in lines if line.endswith("_")] == []


def test_chinese_sheet_splits_long_ids(export):
    # The parts column is narrower than "（drawer_front_1_handle）" and
    # "（drawer_1_side_right）", so those ids split after an underscore.
    lines = sheet_lines(export("cabinet", "zh_CN", **DRAWER_SHEET))
    left_open = [line for line in lines if re.search(r"（[a-z0-9_]+$", line)]
    text = "".join(lines)

    assert [line for line in lines if line[:1] in CLOSING_MARKS] == []
    assert "（drawer_front_1_" in left_open
    assert [line for line in left_open if not line.endswith("_")] == []
    assert "（drawer_front_1_handle）" in text
    assert "（drawer_1_side_right）" in text


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("product", ["table-dining", "cabinet", "bookshelf"])
def test_sheet_keeps_number_with_unit(export, product, language):
    lines = sheet_lines(export(product, language))

    split = [
        (line, following)
        for line, following in itertools.pairwise(lines)
        if re.search(r"\d$", line) and re.match(r"(mm|g|%)(?![A-Za-z])", following)
    ]
    assert split == []
    assert [line for line in lines if line.endswith("±")] == []


def test_chinese_bill_on_sheet(export):
    package = export("table-dining", "zh_CN")
    text = "".join(package.pdf_text().split())

    assert "pcs" not in text
    assert "4件" in text
    assert "leg_1、leg_2、leg_3、leg_4：红橡木实木" in text
    assert "leg_1leg_2" not in text
    spaced = " ".join(package.pdf_text().split())
    assert re.search(r"hardwax_oil：硬蜡油两遍 \d+ mm² ", spaced)
    # bom.csv keeps the unit codes that an ERP import maps.
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    legs = rows["leg_1 leg_2 leg_3 leg_4"]
    assert (legs["quantity"], legs["unit"]) == ("4", "pcs")
    assert rows["hardwax_oil"]["unit"] == "mm2"
    assert rows["felt_glide_40"]["notes"].endswith("；leg_1、leg_2、leg_3、leg_4")


def test_english_bill_on_sheet(export):
    text = " ".join(export("table-dining").pdf_text().split())

    assert "leg_1 leg_2 leg_3 leg_4: Solid red oak" in text
    assert "4 pcs" in text
    assert "mm²" in text


def test_chinese_bill_writes_mm(export):
    package = export("table-dining", "zh_CN")
    rows = {row["item"]: row for row in package.csv("bom.csv")}

    for row in rows.values():
        assert "毫米" not in row["description"] + row["tolerance"] + row["notes"]
    assert rows["hanger_bolt_m8x100"]["description"].startswith("M8 x 100 mm 双头螺栓")
    assert "直径 6.5 mm，深 50 mm" in rows["hanger_bolt_m8x100"]["notes"]
    assert "毫米" not in json.dumps(package.spec["bom"], ensure_ascii=False)
    # The bill reads as the sheet does.
    sheet = "".join(package.pdf_text().split())
    assert "".join(rows["felt_glide_40"]["description"].split()) in sheet


def test_chinese_material_price_line(export):
    package = export("bookshelf", language="zh_CN", **PLYWOOD_SHELF)
    labels = [line["label"] for line in package.spec["price"]["lines"]]
    (material,) = [label for label in labels if label.startswith("材料：")]
    assert re.fullmatch(
        r"材料：桦木胶合板，\d+\.\d\d m² × 45\.00（按 18 mm 厚计）", material
    )
    # The sheet writes every length in mm, the price line's too.
    on_sheet = material.split("（")[0] + "（按 18 mm 厚计）"
    assert on_sheet in package.pdf_text()


def test_thin_back_priced_at_its_thickness(export, example_session):
    # The example cabinet is oak with doors, so its 6.5 mm plywood back is
    # the only part on the birch plywood line, whose price is for 18 mm.
    session = example_session("cabinet")
    plywood = [part for part in build_parts(session) if part.material == BACK_MATERIAL]
    assert [part.name for part in plywood] == ["back"]
    thickness, width, length = sorted(float(side) for side in plywood[0].mesh.extents)
    assert thickness == pytest.approx(6.5)
    price = load_material_prices()[BACK_MATERIAL]
    area = Decimal(repr(width * length / 1e6))
    quantity = round_quantity(
        area * Decimal(repr(thickness)) / price.reference_thickness_mm
    )
    assert quantity < round_quantity(area)
    amount = round_money(quantity * price.price, price.currency)

    priced = f"{quantity:.2f} m² × {price.price}"
    reference = f"{price.reference_thickness_mm.normalize():f}"
    labels = {
        "en": f"Material: Birch plywood, {priced} (at {reference} mm)",
        "zh_CN": f"材料：桦木胶合板，{priced}（按 {reference} mm 厚计）",
    }
    on_sheet = {
        "en": labels["en"],
        "zh_CN": f"材料：桦木胶合板，{priced}（按 {reference} mm 厚计）",
    }
    for language, label in labels.items():
        package = export("cabinet", language)
        lines = {
            line["label"]: line["amount"] for line in package.spec["price"]["lines"]
        }
        assert lines.get(label) == str(amount), language
        assert on_sheet[language] in package.pdf_text(), language


@pytest.mark.parametrize("product", ["bookshelf", "cabinet"])
def test_low_storage_has_no_kit(export, product):
    package = export(product, height=1200)
    assert not any(v["rule"] == "wall-fixing" for v in package.spec["violations"])
    items = {row["item"] for row in package.csv("bom.csv")}
    assert "wall_fixing_kit" not in items


def shown_amounts(text: str, currency: str) -> list[Decimal]:
    """Return every amount the sheet prints before ``currency``, in order."""
    pattern = rf"(-?\d+\.\d\d) {currency}"
    return [Decimal(amount) for amount in re.findall(pattern, text)]


@pytest.mark.parametrize("product", ["bookshelf", "ring-band"])
def test_draft_sheet_priced_as_quote(export, example_session, product):
    package = export(product)
    assert package.spec["order"]["id"] == "DRAFT"
    session = example_session(product)
    quoted = freeze_design(session, StoreSettings()).price
    kinds = [line.kind for line in quoted.lines]
    assert "material" in kinds
    assert kinds[-1] == "tax"

    price = package.spec["price"]
    assert [line["amount"] for line in price["lines"]] == [
        str(line.amount) for line in quoted.lines
    ]
    assert price["total"] == str(quoted.total)
    assert Decimal(price["total"]) > session.price().total

    amounts = shown_amounts(package.pdf_text(), quoted.currency)
    *lines, total = amounts[-len(quoted.lines) - 1 :]
    assert lines == [line.amount for line in quoted.lines]
    assert total == sum(lines)
    assert total == quoted.total


def test_draft_price_uses_store_tax(example_session, tmp_path):
    session = example_session("cabinet")
    store = StoreSettings(tax_rate=Decimal("0.07"), tax_names={"en": "GST"})
    export_package(session, tmp_path / "p", None, store=store)
    spec = json.loads((tmp_path / "p" / "spec.json").read_text(encoding="utf-8"))
    expected = price_design(session, build_parts(session), store)
    assert spec["price"]["lines"][-1] == {
        "label": "GST 7 %",
        "amount": str(expected.tax),
    }
    assert spec["price"]["total"] == str(expected.total)


def test_edge_radius_on_bom(export):
    rounded = f"all edges rounded to {EDGE_RADIUS_MM:g} mm radius"
    chair = {row["item"]: row for row in export("chair").csv("bom.csv")}
    assert rounded in chair["seat"]["notes"]
    assert rounded in chair["stretcher_left stretcher_right"]["notes"]
    assert "rounded" not in chair["leg_rear_left leg_rear_right"]["notes"]
    shelf = {row["item"]: row for row in export("bookshelf").csv("bom.csv")}
    assert rounded in shelf["side_left side_right"]["notes"]
    assert "rounded" not in shelf["back"]["notes"]
    table = {row["item"]: row for row in export("table-dining").csv("bom.csv")}
    assert rounded in table["top"]["notes"]


def test_edge_radius_in_chinese(export):
    package = export("bookshelf", language="zh_CN", **PLYWOOD_SHELF)
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    assert (
        f"所有棱边倒圆角，半径 {EDGE_RADIUS_MM:g} mm"
        in rows["side_left side_right"]["notes"]
    )
    assert "rounded" not in rows["side_left side_right"]["notes"]


DRAWER_CABINET = {"front_type": "drawers", "drawers": 3, "handle": "bar"}


def derived_value(package: Package, name: str):
    (item,) = [item for item in package.spec["derived"] if item["name"] == name]
    return item["value"]


def test_drawer_boxes_in_cut_list_and_dxf(export):
    package = export("cabinet", **DRAWER_CABINET)
    rows = {row["part"]: row for row in package.csv("cutlist.csv")}
    for number in range(1, 4):
        for board in ("bottom", "side_left", "side_right", "sub_front", "back"):
            row = rows[f"drawer_{number}_{board}"]
            assert row["material"] == "birch_plywood"
            drawing = ezdxf.readfile(package.folder / row["file"])
            layers = {entity.dxf.layer for entity in drawing.modelspace()}
            assert "CUT_OUTLINE" in layers
    side = rows["drawer_1_side_left"]
    assert float(side["length_mm"]) == derived_value(package, "runner_length")
    assert float(side["thickness_mm"]) == 18.0
    assert float(rows["drawer_1_bottom"]["thickness_mm"]) == 6.5


def test_drawer_hardware_on_bom(export):
    package = export("cabinet", **DRAWER_CABINET)
    bom = package.csv("bom.csv")
    hardware = {row["item"]: row for row in bom if row["category"] == "hardware"}
    runner = hardware["drawer_runner_full_extension"]
    length = derived_value(package, "runner_length")
    assert float(runner["length_mm"]) == length
    assert runner["description"].endswith(f", {length:g} mm")
    assert int(runner["quantity"]) == 3
    pull = hardware["bar_pull"]
    assert float(pull["length_mm"]) in (96.0, 128.0, 160.0, 192.0)
    assert pull["description"] == f"Bar pull, hole centres, {pull['length_mm']} mm"
    assert int(pull["quantity"]) == 3
    assert "screw_4x25" in hardware
    handles = [row for row in bom if row["item"].endswith("_handle")]
    assert sum(int(row["quantity"]) for row in handles) == 3
    assert all(row["material"] == "steel" for row in handles)
    sheet = " ".join(package.pdf_text().split())
    assert "drawer_runner_full_extension: Drawer runner pair" in sheet
    assert "drawer_1_side_left" in sheet


def test_push_latches_on_bom(export):
    package = export("cabinet", front_type="drawers", drawers=3, handle="push")
    items = {row["item"]: row for row in package.csv("bom.csv")}
    assert int(items["push_latch"]["quantity"]) == 3
    assert "bar_pull" not in items
    assert not any(item.endswith("_handle") for item in items)


# Text that the bill gives for what a handle's screws pass through, by
# front type and language, and text that it must not contain.
HANDLE_FIXINGS = {
    ("doors", "en"): ("through the front;", "sub-front"),
    ("drawers", "en"): ("through the front and the drawer box's sub-front;", None),
    ("doors", "zh_CN"): ("螺钉穿过面板；", "抽屉"),
    ("drawers", "zh_CN"): ("螺钉穿过面板和抽屉内前板；", None),
}


@pytest.mark.parametrize(("handle", "item"), [("bar", "bar_pull"), ("knob", "knob_30")])
@pytest.mark.parametrize(("front_type", "language"), list(HANDLE_FIXINGS))
def test_handle_screws_fit_fronts(export, handle, item, front_type, language):
    package = export("cabinet", language, front_type=front_type, handle=handle)
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    notes = rows[item]["notes"]
    fixing, absent = HANDLE_FIXINGS[front_type, language]
    assert fixing in notes
    assert "{fixing}" not in notes
    if absent is not None:
        assert absent not in notes
    fronts = notes.rsplit(fixing[-1], 1)[1].split()
    prefix = "door_" if front_type == "doors" else "drawer_front_"
    assert fronts
    assert all(name.startswith(prefix) for name in fronts)


# The example cabinet's boards are 19 mm. A drawer front and its 18 mm
# sub-front take 43 mm screws for a pull, cut to reach the middle of its
# thread, or stocked 45 mm ones for a knob. A door takes 25 mm ones.
HANDLE_ITEMS = {"bar": "bar_pull", "knob": "knob_30"}
HANDLE_SCREW_LENGTHS = {
    ("drawers", "bar"): 43,
    ("drawers", "knob"): 45,
    ("doors", "bar"): 25,
    ("doors", "knob"): 25,
}
HANDLE_SCREW_LINES = {
    ("drawers", "en"): (
        "Machine screw M4, pan head, {length} mm",
        "from inside through the front and the drawer box's sub-front;",
    ),
    ("drawers", "zh_CN"): (
        "M4 盘头机螺钉 {length} mm",
        "从内侧穿过面板和抽屉内前板拧入",
    ),
    ("doors", "en"): (
        "Machine screw M4, pan head, {length} mm",
        "from inside through the front;",
    ),
    ("doors", "zh_CN"): ("M4 盘头机螺钉 {length} mm", "从内侧穿过面板拧入"),
}


@pytest.mark.parametrize(("handle", "per_front"), [("bar", 2), ("knob", 1)])
@pytest.mark.parametrize(("front_type", "language"), list(HANDLE_SCREW_LINES))
def test_handle_screws_on_bom(export, handle, per_front, front_type, language):
    package = export("cabinet", language, front_type=front_type, handle=handle)
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    template, fixing = HANDLE_SCREW_LINES[front_type, language]
    length = HANDLE_SCREW_LENGTHS[front_type, handle]
    description = template.format(length=length)

    screws = rows[HANDLE_SCREW]
    assert screws["category"] == "hardware"
    assert screws["description"] == description
    assert float(screws["length_mm"]) == length
    handles = int(rows[HANDLE_ITEMS[handle]]["quantity"])
    assert int(screws["quantity"]) == per_front * handles
    assert screws["unit"] == "pcs"
    sheet = "".join(package.pdf_text().split())
    colon = "：" if language == "zh_CN" else ":"
    assert f"{HANDLE_SCREW}{colon}{description.replace(' ', '')}" in sheet
    assert fixing in screws["notes"]


def test_handle_screw_specification_states_rule():
    screw = hardware_item(HANDLE_SCREW)
    engagement, room = MIN_THREAD_ENGAGEMENT_MM, BOARD_ALLOWANCE_MM
    pull, knob = THREAD_DEPTH_MM["bar"], THREAD_DEPTH_MM["knob"]
    stocked = ", ".join(f"{length:g}" for length in M4_SCREW_LENGTHS_MM[:-1])

    english = screw.specification("en", "the front")
    chinese = screw.specification("zh_CN", "面板")

    assert f"at least {engagement:g} mm of the handle's thread plus {room:g} mm" in (
        english
    )
    assert f"({pull:g} mm deep in a pull, {knob:g} mm in a knob) by {room:g} mm" in (
        english
    )
    assert f"({stocked} or {M4_SCREW_LENGTHS_MM[-1]:g} mm)" in english
    assert f"至少 {engagement:g} 毫米，每穿过一块板再多旋入 {room:g} 毫米" in chinese
    assert f"条形拉手深 {pull:g} 毫米，拉手球深 {knob:g} 毫米" in chinese
    assert stocked.replace(", ", "、") in chinese


def test_door_sheet_names_no_sub_front(export):
    package = export("cabinet", front_type="doors", handle="bar")
    sheet = " ".join(package.pdf_text().split())
    assert "two M4 screws through the front;" in sheet
    assert "sub-front" not in sheet


def test_fixed_hardware_needs_its_fixing():
    pull = hardware_item("bar_pull")
    with pytest.raises(ValueError, match="HardwareUse.fixing"):
        pull.specification("en")
    assert pull.specification("zh_CN", "面板").endswith("两颗 M4 螺钉穿过面板")


def test_drawer_hardware_in_chinese(export):
    package = export("cabinet", language="zh_CN", **DRAWER_CABINET)
    rows = {row["item"]: row for row in package.csv("bom.csv")}
    length = derived_value(package, "runner_length")
    runner = rows["drawer_runner_full_extension"]
    assert runner["description"] == f"全拉出抽屉滑轨（一对） {length:g} mm"
    assert runner["notes"].startswith("钢珠滑轨")
    pull = rows["bar_pull"]
    assert pull["description"] == f"条形拉手，孔距 {pull['length_mm']} mm"
