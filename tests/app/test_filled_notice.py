"""The notice for a design opened without values for newer options."""

import json

from app import i18n
from app.filled_notice import filled_text
from designer.designs import missing_parameters, read_design, resolve
from designer.pricing import lines_priced_by
from designer.session import DesignSession
from resources import EXAMPLES_DIR


def notice_of(tmp_path, catalog, left_out, language):
    """Open the cabinet example without ``left_out`` and word its notice."""
    data = json.loads((EXAMPLES_DIR / "cabinet.json").read_text(encoding="utf-8"))
    for name in left_out:
        data["values"].pop(name)
    path = tmp_path / "cabinet.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    design = read_design(path)
    model, values = resolve(design, catalog, path)
    session = DesignSession(model, values, design.chosen)
    names = missing_parameters(design, model)
    derived = session.evaluation.derived
    lines = lines_priced_by(model, names, session.values, derived)
    filled = {name: session.values[name] for name in names}
    i18n.set_language(language)
    try:
        return filled_text(model, filled, lines, "EUR", language), lines
    finally:
        i18n.set_language("en")


def test_two_filled_options_listed(qapp, tmp_path, catalog):
    english, lines = notice_of(tmp_path, catalog, ["drawers"], "en")
    chinese, _ = notice_of(tmp_path, catalog, ["drawers"], "zh_CN")

    amount = i18n.format_money(lines[0].amount, "EUR")
    assert english == (
        "This design was saved before these options were offered: 'Number of "
        "drawers' set to 4; 'Handles' set to steel bar pulls. The price now "
        f"includes Handles or push latches EUR {amount}."
    )
    assert chinese == (
        "此设计保存时尚未提供以下选项：“抽屉数量”设为4；“拉手”设为钢制条形拉手。"
        f"价格现已包含拉手或按压开启器 EUR {amount}。"
    )


def test_unpriced_option_adds_no_line(qapp, tmp_path, catalog):
    english, lines = notice_of(tmp_path, catalog, ["board_thickness"], "en")

    assert [line.label("en") for line in lines] == ["Handles or push latches"]
    default = catalog.get("cabinet").parameter("board_thickness").default
    assert f"'Board thickness' set to {default} mm" in english
    assert english.count("The price now includes") == 1
