"""Domain errors shown in the interface language, and kept English elsewhere."""

from __future__ import annotations

import ast
import errno
import io
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from app import i18n
from app.cli import main
from app.domain_text import error_text, state_label
from app.order_dialog import PlaceOrderDialog
from app.profile_view import ProfileView
from designer import factory_status, orders
from designer.designs import DesignFileError, read_design, resolve
from designer.kiosk_designs import KioskCodeError, load_kiosk_design
from designer.order_design import freeze_design
from designer.session import DesignSession
from designer.store import StoreSettings
from resources import EXAMPLES_DIR
from rules.errors import DesignValueError
from storage.staff import sign_in
from tests.app.conftest import WAIT_MS
from tests.staff import PASSWORD, PASSWORD_LINE, USERNAMES, add_staff_accounts

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "atelier_zh_CN.ts"
MARKED_FOLDERS = ("designer", "storage", "app", "rules")
PLACEHOLDER = re.compile(r"\{(\w+)")


@pytest.fixture
def chinese(qapp):
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


@pytest.fixture
def ring(catalog):
    design = read_design(EXAMPLES_DIR / "ring-band.json")
    model, values = resolve(design, catalog)
    return freeze_design(DesignSession(model, values, design.chosen), StoreSettings())


@pytest.fixture
def quoted(database, ring):
    """The id of a quoted ring order of the demo customer."""
    with database.session() as session:
        return orders.place_order(session, "demo", ring, "ana", confirm=False).id


def _error(database, action):
    with pytest.raises(orders.OrderError) as caught:
        with database.session() as session:
            action(session)
    return caught.value


def marked_templates() -> set[tuple[str, str]]:
    """Return every (context, text) marked with QT_TRANSLATE_NOOP in the code."""
    marked = set()
    for folder in MARKED_FOLDERS:
        for path in sorted((ROOT / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
                ):
                    context, text = (argument.value for argument in node.args)
                    marked.add((context, text))
    return marked


def finished_translations() -> dict[tuple[str, str], str]:
    """Return the finished translations of the .ts file by (context, source)."""
    translations = {}
    for context in ElementTree.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") is None and translation.text:
                translations[name, message.findtext("source")] = translation.text
    return translations


def test_marked_templates_are_translated():
    marked = marked_templates()
    translations = finished_translations()
    assert ("Orders", "that step is not part of the order flow") in marked
    assert len(marked) > 60
    missing = sorted(marked - translations.keys())
    assert missing == [], "run lupdate and translate these entries"
    for key in marked:
        source_names = set(PLACEHOLDER.findall(key[1]))
        assert set(PLACEHOLDER.findall(translations[key])) == source_names, key


def test_transition_error_in_chinese(chinese, database, quoted):
    error = _error(
        database, lambda session: orders.transition(session, quoted, "paid", "ana")
    )
    assert error_text(error) == (
        f"订单 {quoted} 无法从“已报价”转到“已付款”：订单流程中没有这一步。"
        "“已报价”之后可转到：已确认、已取消。"
    )
    assert str(error) == (
        f"order {quoted} cannot move from quoted to paid: that step is not part "
        "of the order flow. Allowed next states from quoted: confirmed, cancelled."
    )


def test_payment_error_in_chinese(chinese, database, quoted):
    with database.session() as session:
        orders.transition(session, quoted, "confirmed", "ana")
        total = orders.payment_summary(session, quoted).total
    error = _error(
        database,
        lambda session: orders.record_payment(
            session, quoted, "balance", "10.00", "cash", "ana"
        ),
    )
    assert error_text(error) == (
        f"尾款用于结清订单 {quoted}，必须等于未付的 {total} EUR，而不是 10.00；"
        "部分付款请记为定金"
    )
    assert str(error).startswith(f"a balance settles order {quoted}")


def test_english_interface_shows_english(qapp, database, quoted):
    error = _error(
        database,
        lambda session: orders.record_payment(
            session, quoted, "deposit", "abc", "cash", "ana"
        ),
    )
    assert error_text(error) == str(error)
    assert str(error) == "amount 'abc' is not a number; write it as 120.50"


def test_unmarked_error_falls_back(chinese):
    error = ValueError("plain English only")
    assert error_text(error) == "plain English only"
    assert state_label("in_production") == "生产中"


def test_os_error_in_chinese(tmp_path, chinese):
    path = tmp_path / "quote.pdf"
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    assert error_text(full) == f"{path}：磁盘已满"
    assert error_text(OSError(errno.EROFS, os.strerror(errno.EROFS))) == "磁盘为只读"
    # An error without a plain wording keeps the system's text.
    crossing = OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(path))
    assert error_text(crossing) == f"{path}：{os.strerror(errno.EXDEV)}"


def test_os_error_in_english(qapp, tmp_path):
    path = tmp_path / "quote.pdf"
    busy = OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(path))
    assert error_text(busy) == (
        f"{path}: the file or its folder is in use by another program"
    )


def test_missing_design_file_in_chinese(tmp_path, chinese):
    path = tmp_path / "ring.json"
    with pytest.raises(DesignFileError) as caught:
        read_design(path)
    assert error_text(caught.value) == f"{path}：无法读取：文件或其所在文件夹不存在"
    assert str(caught.value) == (
        f"{path}: cannot be read: the file or its folder does not exist"
    )


def test_order_dialog_unknown_customer_in_chinese(qtbot, database, catalog, chinese):
    session = DesignSession(catalog.get("ring-band"))
    dialog = PlaceOrderDialog(session, "nobody", database)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.place_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.failed) as failed:
        dialog.place()
    assert failed.args[0].startswith("未找到客户 'nobody'")
    assert dialog.message.text().startswith("未找到客户 'nobody'")
    i18n.set_language("en")
    assert dialog.message.text().startswith("customer 'nobody' not found")


def test_order_dialog_role_refusal_in_chinese(qtbot, database, catalog, chinese):
    add_staff_accounts(database)
    designer = sign_in(database, "dee", PASSWORD)
    session = DesignSession(catalog.get("ring-band"))
    dialog = PlaceOrderDialog(session, "demo", database, staff=designer)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.place_button.isEnabled(), timeout=WAIT_MS)
    dialog.place()
    assert dialog.order_id is None
    assert dialog.message.text() == (
        "员工 'dee' 的角色是“设计师”，但此操作需要以下角色之一：销售；请联系管理员"
    )


def test_command_line_stays_english(
    capsys, monkeypatch, chinese, database, quoted, tmp_path
):
    # The record is dated at the order's last change, so only the order
    # flow rejects it.
    with database.session(readonly=True) as session:
        changed = orders.get_order(session, quoted).state_changed_at.isoformat()
    status = tmp_path / "status.csv"
    status.write_text(
        f"order_id,status,timestamp\n{quoted},delivered,{changed}\n",
        encoding="utf-8",
    )
    code = apply_status_as_sales(database, status, monkeypatch)
    err = capsys.readouterr().err
    assert code == 3
    assert f"order {quoted} cannot move from quoted to" in err
    assert "无法" not in err


def test_profile_unknown_customer_in_chinese(qtbot, database, chinese):
    view = ProfileView(database, "nobody")
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.failed, timeout=WAIT_MS) as failed:
        view.show()
    assert failed.args[0].startswith("未找到客户 'nobody'")
    assert view.notice.text() == (
        "无法加载档案：未找到客户 'nobody'：请先登记该客户，或核对客户编号"
    )
    view.close()


def test_kiosk_code_error_in_chinese(database, chinese):
    with pytest.raises(KioskCodeError) as caught:
        load_kiosk_design(database, "ACDEFG")
    assert error_text(caught.value) == (
        "没有设计码为 ACDEFG 的自助终端设计；请核对小票上的设计码"
    )
    assert str(caught.value) == (
        "no kiosk design has the code ACDEFG; check the code on the receipt"
    )


def test_design_file_error_in_chinese(tmp_path, catalog, chinese):
    path = tmp_path / "ring.json"
    path.write_text(
        '{"product": "ring-band", "values": {"colour": "red"}}', encoding="utf-8"
    )
    with pytest.raises(DesignFileError) as caught:
        resolve(read_design(path), catalog, path)
    assert error_text(caught.value) == (
        f"{path}：values.colour：不是 ring-band 的参数；已知参数："
        "size_system、size、width、depth、profile、metal、engraving"
    )
    assert str(caught.value) == (
        f"{path}: values.colour: is not a parameter of ring-band; known: "
        "size_system, size, width, depth, profile, metal, engraving"
    )


def test_design_value_error_in_chinese(catalog, chinese):
    session = DesignSession(catalog.get("table-dining"))
    with pytest.raises(DesignValueError) as caught:
        session.set_value("width", 1234)
    assert error_text(caught.value) == (
        "长度：不接受 1234；应为介于 1200 至 3000 mm 之间、步长为 50 的数值"
    )
    assert str(caught.value) == (
        "width: 1234 is not accepted; expected a number from 1200 to 3000 mm "
        "in steps of 50"
    )


def test_angle_range_takes_degree_sign_without_space(catalog, chinese):
    session = DesignSession(catalog.get("chair"))
    with pytest.raises(DesignValueError) as caught:
        session.set_value("back_angle", 120)
    assert str(caught.value) == (
        "back_angle: 120 is not accepted; expected a number from 95 to 110° "
        "in steps of 1"
    )
    assert error_text(caught.value) == (
        "靠背角度：不接受 120；应为介于 95 至 110° 之间、步长为 1 的数值"
    )


def test_unknown_choice_error_in_chinese(catalog, chinese):
    session = DesignSession(catalog.get("ring-band"))
    with pytest.raises(DesignValueError) as caught:
        session.set_value("profile", "oval")
    assert error_text(caught.value) == (
        "截面：不接受 'oval'；应为以下之一："
        "平面（'flat'）、内外弧（舒适型）（'court'）、D 形（'d_shape'）"
    )
    assert str(caught.value) == (
        "profile: 'oval' is not accepted; expected one of 'flat', 'court', 'd_shape'"
    )


def test_bad_size_error_in_chinese(catalog, chinese):
    session = DesignSession(catalog.get("shoe-oxford"))
    session.set_value("size_system", "UK")
    with pytest.raises(DesignValueError) as caught:
        session.set_value("size", "EU 1")
    assert error_text(caught.value) == (
        "鞋码：不接受 'EU 1'，因为尺码体系“英码”中没有这个值。"
        "请在 'UK 2.5' 至 'UK 13' 之间选择。"
        "尺码体系“欧码”的取值范围为 'EU 35' 至 'EU 48'。最接近的是 'EU 35'。"
    )


def test_size_spelling_hint_in_chinese(catalog, chinese):
    session = DesignSession(catalog.get("shoe-oxford"))
    session.set_value("size_system", "UK")
    with pytest.raises(DesignValueError) as caught:
        session.set_value("size", "uk 8½")
    assert error_text(caught.value) == (
        "鞋码：不接受 'uk 8½'，因为尺码体系“英码”中没有这个值。"
        "请在 'UK 2.5' 至 'UK 13' 之间选择。请写作 'UK 8.5'。"
    )


def test_full_width_size_hint_in_chinese(catalog, chinese):
    session = DesignSession(catalog.get("shoe-oxford"))
    session.set_value("size_system", "UK")
    with pytest.raises(DesignValueError) as caught:
        session.set_value("size", "ＵＫ８ 1/2")
    assert error_text(caught.value) == (
        "鞋码：不接受 'ＵＫ８ 1/2'，因为尺码体系“英码”中没有这个值。"
        "请在 'UK 2.5' 至 'UK 13' 之间选择。请写作 'UK 8.5'。"
    )


def test_chart_size_hint_in_chinese(catalog, chinese):
    session = DesignSession(catalog.get("shoe-oxford"))
    session.set_value("size_system", "UK")
    with pytest.raises(DesignValueError) as caught:
        session.set_value("size", "42")
    assert error_text(caught.value) == (
        "鞋码：不接受 '42'，因为尺码体系“英码”中没有这个值。"
        "请在 'UK 2.5' 至 'UK 13' 之间选择。"
        "'42' 看起来是尺码体系“欧码”的尺码：尺码对照表中与 'EU 42' 对应的是 'UK 8.5'。"
    )
    assert str(caught.value).endswith(
        "'42' looks like a size in size_system 'EU': the chart lists 'UK 8.5' "
        "for 'EU 42'."
    )


@pytest.mark.parametrize(
    ("product", "system", "size", "hint"),
    [
        (
            "shoe-oxford",
            "EU",
            "12 1/2",
            "请在 'EU 35' 至 'EU 48' 之间选择。'12 1/2' 看起来是其他多种尺码体系的"
            "尺码：尺码对照表中与 'UK 12.5' 对应的是 'EU 47'、"
            "与 'US 12.5' 对应的是 'EU 46'。",
        ),
        (
            "ring-band",
            "UK",
            "７",
            "请在 'UK F' 至 'UK Z+2' 之间选择。'７' 看起来是其他多种尺码体系的"
            "尺码：尺码对照表中与 'US 7' 对应的是 'UK N½'、"
            "与 'JP 7' 对应的是 'UK H½'。",
        ),
    ],
)
def test_several_systems_hint_in_chinese(catalog, chinese, product, system, size, hint):
    session = DesignSession(catalog.get(product))
    session.set_value("size_system", system)
    with pytest.raises(DesignValueError) as caught:
        session.set_value("size", size)
    shown = error_text(caught.value)
    assert shown.endswith(hint)
    assert "最接近" not in shown
    assert "looks like a size in more than one other size_system" in str(caught.value)


def test_design_file_value_in_chinese(catalog, chinese, tmp_path):
    path = tmp_path / "sneaker.json"
    path.write_text(
        '{"format": "atelier-design/1", "product": "shoe-sneaker", '
        '"values": {"lace_colour": "#ff0000"}}',
        encoding="utf-8",
    )
    with pytest.raises(DesignFileError) as caught:
        resolve(read_design(path), catalog, path)
    shown = error_text(caught.value)
    assert shown.startswith(f"{path}：values.lace_colour：鞋带颜色：不接受 '#ff0000'")
    assert "白色（" in shown
    assert "lace_colour:" in str(caught.value)


def test_window_notice_follows_language(window):
    i18n.set_language("zh_CN")
    try:
        window.set_value("width", 2.3)
        assert window.notice.text() == (
            "戒圈宽度：不接受 2.3；应为介于 2 至 10\u00a0mm 之间、步长为 0.5 的数值"
        )
    finally:
        i18n.set_language("en")
    window.set_value("width", 2.3)
    assert window.notice.text() == (
        "Band width: 2.3 is not accepted; expected a number from 2 to 10\u00a0mm "
        "in steps of 0.5"
    )


def apply_status_as_sales(database, status, monkeypatch):
    """Run ``apply-status`` on ``status`` as a sales account; return its exit code."""
    add_staff_accounts(database)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD_LINE))
    return main(
        [
            "--database",
            database.url,
            "apply-status",
            str(status),
            "--staff",
            USERNAMES["sales"],
        ]
    )


def test_quarantine_reason_stays_english(
    capsys, chinese, database, tmp_path, monkeypatch
):
    status = tmp_path / "status.csv"
    status.write_text(
        "order_id,status,timestamp\nA-999999,shipped,2025-05-01T10:00:00\n",
        encoding="utf-8",
    )
    code = apply_status_as_sales(database, status, monkeypatch)
    err = capsys.readouterr().err
    assert code == 3
    assert "quarantined: status.csv:2: order 'A-999999' not found" in err
    assert "未找到" not in err
    with database.session(readonly=True) as session:
        (entry,) = factory_status.list_quarantine(session)
        reason = factory_status.quarantine_reason(entry)
    assert entry.reason.startswith("order 'A-999999' not found")
    assert error_text(orders.OrderError(reason)).startswith("未找到订单 'A-999999'")
