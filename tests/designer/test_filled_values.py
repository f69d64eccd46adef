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
