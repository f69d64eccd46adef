"""Designs saved before an option existed: which values the studio fills in."""

import json
import shutil
from decimal import Decimal

from designer.designs import missing_parameters, read_design, resolve
from designer.pricing import lines_priced_by, quote
from designer.session import DesignSession
from resources import EXAMPLES_DIR


def open_example(tmp_path, catalog, name):
    path = tmp_path / name
    shutil.copyfile(EXAMPLES_DIR / name, path)
    design = read_design(path)
    model, values = resolve(design, catalog, path)
    return design, DesignSession(model, values, design.chosen)


def test_old_cabinet_lacks_handles(tmp_path, catalog):
    design, session = open_example(tmp_path, catalog, "cabinet.json")

    assert missing_parameters(design, session.model) == ("handle",)
    assert session.values["handle"] == session.model.parameter("handle").default


def test_handles_line_is_priced_by_handle(tmp_path, catalog):
    design, session = open_example(tmp_path, catalog, "cabinet.json")
    derived = session.evaluation.derived

    lines = lines_priced_by(session.model, ["handle"], session.values, derived)

    assert [line.label("en") for line in lines] == ["Handles or push latches"]
    assert lines[0].amount == Decimal(derived["fronts"]) * 18
    assert lines[0] in quote(session.model, session.values, derived).lines


def test_price_line_names_parameters_read(catalog):
    model = catalog.get("cabinet")
    rules = {rule.labels["en"]: rule for rule in model.price_lines}

    handles = rules["Handles or push latches"].parameters

    assert "handle" in handles
    # The count of fronts is a derived value of the front type.
    assert "front_type" in handles
    assert "board_material" not in handles


def test_unpriced_option_brings_no_line(tmp_path, catalog):
    design, session = open_example(tmp_path, catalog, "shoe-oxford.json")
    missing = missing_parameters(design, session.model)
    derived = session.evaluation.derived

    lines = lines_priced_by(session.model, missing, session.values, derived)

    assert missing == ("lace_colour",)
    assert lines == ()


def test_complete_design_lacks_nothing(tmp_path, catalog):
    design, session = open_example(tmp_path, catalog, "ring-band.json")

    assert missing_parameters(design, session.model) == ()


def test_package_notes_filled_option_in_chinese(tmp_path, catalog):
    from designer.production import export_package

    design, session = open_example(tmp_path, catalog, "cabinet.json")
    filled = missing_parameters(design, session.model)

    export_package(session, tmp_path / "package", None, "zh_CN", filled=filled)

    spec = json.loads((tmp_path / "package" / "spec.json").read_text("utf-8"))
    assert spec["notes"][0] == (
        "拉手：钢制条形拉手。设计保存时尚未提供此选项，因此按默认值填入，并非客户所选。"
    )


def test_package_names_default_studio_replaced(tmp_path, catalog):
    from designer.production import export_package

    path = tmp_path / "table.json"
    design_file = {
        "format": "atelier-design/1",
        "product": "table-dining",
        "values": {"width": 2000},
        "chosen": ["width"],
    }
    path.write_text(json.dumps(design_file), "utf-8")
    design = read_design(path)
    model, values = resolve(design, catalog, path)
    session = DesignSession(model, values, design.chosen)
    filled = missing_parameters(design, model)
    assert "depth" in filled
    assert session.values["depth"] == model.parameter("depth").default == 900
    # A width this long needs a deeper table, which the studio sets.
    session.set_value("width", 2850)
    assert session.values["depth"] != 900
    depth = session.values["depth"]

    export_package(session, tmp_path / "package", None, "en", filled=filled)

    spec = json.loads((tmp_path / "package" / "spec.json").read_text("utf-8"))
    notes = [note for note in spec["notes"] if note.startswith("Depth: ")]
    assert notes == [
        f"Depth: {depth} mm, not the catalog's present default of 900 mm, "
        "because the studio changed it to keep the design valid or the "
        "default has changed since; the design was saved before this option "
        "was offered, and the customer did not choose it."
    ]
    # Options still at their default keep the plain note.
    assert any(
        note.startswith("Height: ") and "filled in with the default" in note
        for note in spec["notes"]
    )
