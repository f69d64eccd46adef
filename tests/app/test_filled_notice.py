"""The notice for a design opened without values for newer options."""

import json

from app import i18n
from app.filled_notice import filled_text, order_filled_text
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


def order_notice_of(catalog, placed_without, offered_later, language):
    """Return the notice of a cabinet order opened for revision, and the
    price lines of ``offered_later``.

    The order was placed without ``placed_without``, and before the catalog
    offered ``offered_later``.
    """
    model = catalog.get("cabinet")
    session = DesignSession(model)
    without = {name: session.values[name] for name in placed_without}
    later = {name: session.values[name] for name in offered_later}
    derived = session.evaluation.derived
    lines = lines_priced_by(model, offered_later, session.values, derived)
    i18n.set_language(language)
    try:
        text = order_filled_text(model, without, later, lines, "EUR", language)
    finally:
        i18n.set_language("en")
    return text, lines


def test_order_placed_without_option(qapp, catalog):
    english, lines = order_notice_of(catalog, ["handle"], [], "en")
    chinese, _ = order_notice_of(catalog, ["handle"], [], "zh_CN")

    # The order's price already includes the handle, so no price line is named.
    assert lines == ()
    assert english == (
        "This order was placed without choosing 'Handles'; it is set to steel "
        "bar pulls, as in the order's price."
    )
    assert chinese == (
        "此订单下单时未选择“拉手”选项；已设为钢制条形拉手，订单价格即按此计算。"
    )


def test_order_options_of_both_kinds(qapp, catalog):
    english, lines = order_notice_of(catalog, ["drawers"], ["handle"], "en")
    chinese, _ = order_notice_of(catalog, ["drawers"], ["handle"], "zh_CN")

    amount = i18n.format_money(lines[0].amount, "EUR")
    assert english == (
        "This order was placed without choosing 'Number of drawers'; it is set "
        "to 4, as in the order's price. This order was placed before 'Handles' "
        "was offered; set to steel bar pulls. The price now includes Handles "
        f"or push latches EUR {amount}."
    )
    assert chinese == (
        "此订单下单时未选择“抽屉数量”选项；已设为4，订单价格即按此计算。"
        "此订单下单时尚未提供“拉手”选项；已设为钢制条形拉手。"
        f"价格现已包含拉手或按压开启器 EUR {amount}。"
    )


def test_order_placed_without_two_options(qapp, catalog):
    english, _ = order_notice_of(catalog, ["drawers", "handle"], [], "en")

    assert english == (
        "This order was placed without choosing these options; they are set as "
        "in the order's price: 'Number of drawers' set to 4; "
        "'Handles' set to steel bar pulls."
    )
