"""The production monitor and the order dialog, driven as staff would."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from app import i18n
from app.monitor import OVERDUE_COLOUR, ProductionMonitor
from designer import orders
from storage.audit import list_audit
from storage.order_schema import OrderState
from storage.staff import sign_in
from tests.app.conftest import WAIT_MS, frozen_example
from tests.staff import PASSWORD, add_staff_accounts

TODAY = date(2025, 6, 1)
LONG_AGO = datetime(2025, 3, 1, 10, 0)


@pytest.fixture
def placed(database, catalog):
    """Three orders: a late ring in production, a quoted table, a draft shoe."""
    ring = frozen_example(catalog, "ring-band")
    table = frozen_example(catalog, "table-dining")
    shoe = frozen_example(catalog, "shoe-oxford")
    with database.session() as session:
        late = orders.place_order(session, "demo", ring, "ana", now=LONG_AGO)
        orders.record_payment(
            session, late.id, "balance", ring.price.total, "card", "ana"
        )
        orders.transition(session, late.id, "paid", "ana", occurred_at=LONG_AGO)
        orders.transition(session, late.id, "in_production", "ana")
        quoted = orders.place_order(session, "demo-02", table, "ana", confirm=False)
        draft = orders.create_order(session, "demo", shoe, "ana")
        return {"late": late.id, "quoted": quoted.id, "draft": draft.id}


@pytest.fixture
def monitor(qtbot, database, placed):
    del placed
    monitor = ProductionMonitor(database, today=TODAY)
    qtbot.addWidget(monitor)
    monitor.show()
    return monitor


def test_monitor_lists_and_marks_overdue(monitor, placed):
    assert monitor.order_ids() == [placed["draft"], placed["quoted"], placed["late"]]
    row = monitor.order_ids().index(placed["late"])
    promised = monitor.orders_table.item(row, 4)
    assert "(overdue 71 d)" in promised.text()
    assert promised.foreground().color().name() == OVERDUE_COLOUR
    on_time = monitor.orders_table.item(monitor.order_ids().index(placed["quoted"]), 4)
    assert "overdue" not in on_time.text()


def test_promised_date_editor_default(monitor, placed):
    monitor.select_order(placed["late"])
    with monitor.database.session(readonly=True) as session:
        promised = orders.get_order(session, placed["late"]).promised_date
    assert monitor.promised_date.date().toPython() == promised

    # The draft has no promised date: the editor offers today, not the
    # previous order's date or Qt's 2000-01-01.
    monitor.select_order(placed["draft"])
    assert monitor.promised_date.date().toPython() == TODAY


def test_monitor_search_and_filters(qtbot, monitor, placed):
    with qtbot.waitSignal(monitor.search.textChanged):
        monitor.search.setText("dining")
    assert monitor.order_ids() == [placed["quoted"]]
    monitor.search.clear()

    monitor.state_filter.setCurrentIndex(monitor.state_filter.findData("draft"))
    assert monitor.order_ids() == [placed["draft"]]
    monitor.state_filter.setCurrentIndex(0)

    monitor.overdue_only.setChecked(True)
    assert monitor.order_ids() == [placed["late"]]


def test_monitor_moves_order_and_records(qtbot, monitor, database, placed):
    monitor.select_order(placed["quoted"])
    assert monitor.requote_button.isEnabled()
    assert monitor.requote_selected()
    assert f"New quote: {placed['quoted']}" in monitor.message.text()
    offered = [
        monitor.next_state.itemData(i) for i in range(monitor.next_state.count())
    ]
    assert offered == ["confirmed", "cancelled"]
    monitor.next_state.setCurrentIndex(0)
    monitor.move_note.setText("customer called")
    with qtbot.waitSignal(monitor.refreshed):
        qtbot.mouseClick(monitor.move_button, Qt.MouseButton.LeftButton)
    history = [monitor.history.item(i).text() for i in range(monitor.history.count())]
    assert any("quoted → confirmed" in text for text in history)
    assert any("customer called" in text for text in history)

    monitor.next_state.setCurrentIndex(monitor.next_state.findData("paid"))
    assert not monitor.move_selected()
    assert "payments cover 0.00" in monitor.message.text()

    with database.session(readonly=True) as session:
        total = orders.payment_summary(session, placed["quoted"]).total
    monitor.payment_kind.setCurrentIndex(monitor.payment_kind.findData("balance"))
    monitor.payment_amount.setText(str(total))
    assert monitor.record_payment()
    monitor.next_state.setCurrentIndex(monitor.next_state.findData("paid"))
    assert monitor.move_selected()
    with database.session(readonly=True) as session:
        assert orders.get_order(session, placed["quoted"]).state == OrderState.PAID


def test_monitor_payment_names_amount_read(qtbot, monitor, placed):
    monitor.select_order(placed["quoted"])
    monitor.next_state.setCurrentIndex(monitor.next_state.findData("confirmed"))
    assert monitor.move_selected()
    monitor.payment_kind.setCurrentIndex(monitor.payment_kind.findData("deposit"))
    monitor.payment_amount.setText("１２０．５")

    assert monitor.record_payment()

    assert monitor.message.text().endswith("120.50 EUR")
    assert monitor.payment_amount.text() == ""


def test_monitor_rejection_in_chinese(qtbot, monitor, placed):
    monitor.select_order(placed["quoted"])
    monitor.next_state.setCurrentIndex(monitor.next_state.findData("confirmed"))
    assert monitor.move_selected()
    i18n.set_language("zh_CN")
    try:
        monitor.next_state.setCurrentIndex(monitor.next_state.findData("paid"))
        assert not monitor.move_selected()
        text = monitor.message.text()
    finally:
        i18n.set_language("en")
    assert "0.00" in text
    assert "payments cover" not in text
    assert any("\u4e00" <= character <= "\u9fff" for character in text)


def test_monitor_history_and_product_in_chinese(qtbot, database, catalog, placed):
    monitor = ProductionMonitor(database, today=TODAY, catalog=catalog)
    qtbot.addWidget(monitor)
    i18n.set_language("zh_CN")
    try:
        monitor.refresh()
        monitor.select_order(placed["late"])
        count = monitor.history.count()
        history = [monitor.history.item(i).text() for i in range(count)]
        row = monitor.order_ids().index(placed["late"])
        product = monitor.orders_table.item(row, 2).text()
    finally:
        i18n.set_language("en")
    assert product == catalog.get("ring-band").name("zh_CN")
    joined = "\n".join(history)
    assert "new → draft" not in joined
    assert "revision 1" not in joined
    assert "→" in joined


def test_quarantine_shows_state_names_and_no_none(monitor, tmp_path):
    path = tmp_path / "status.json"
    path.write_text(
        '[{"order_id": null, "status": "in_production",'
        ' "timestamp": "2025-05-01T10:00:00"}]',
        encoding="utf-8",
    )
    monitor.import_status(path)
    assert monitor.quarantine_table.rowCount() == 1
    texts = [monitor.quarantine_table.item(0, c).text() for c in range(5)]
    assert "None" not in texts
    assert "in production" in texts


def test_monitor_quarantine_review(monitor, tmp_path):
    path = tmp_path / "status.csv"
    path.write_text(
        "order_id,status,timestamp\nA-999999,shipped,2025-05-01T10:00:00\n",
        encoding="utf-8",
    )
    report = monitor.import_status(path)
    assert report.quarantined == 1
    assert "1 quarantined" in monitor.message.text()
    assert monitor.quarantine_table.rowCount() == 1
    assert "'A-999999' not found" in monitor.quarantine_table.item(0, 4).text()
    assert "already in quarantine" not in monitor.message.text()

    again = monitor.import_status(path)
    assert again.already_quarantined == 1
    assert "0 ignored" in monitor.message.text()
    assert "1 already in quarantine" in monitor.message.text()
    assert monitor.quarantine_table.rowCount() == 1

    monitor.quarantine_table.selectRow(0)
    assert not monitor.dismiss_selected()
    assert "requires a note" in monitor.message.text()
    monitor.dismiss_note.setText("test file from the factory")
    assert monitor.dismiss_selected()
    assert monitor.quarantine_table.rowCount() == 0


def _history(monitor, order_id):
    monitor.select_order(order_id)
    return "\n".join(
        monitor.history.item(i).text() for i in range(monitor.history.count())
    )


def test_stored_texts_follow_language(monitor, database, placed, tmp_path):
    with database.session(readonly=True) as session:
        days = orders.frozen_design(session, placed["late"]).lead_time_days
    path = tmp_path / "status.csv"
    path.write_text(
        "order_id,status,timestamp\nA-999999,shipped,2025-05-01T10:00:00\n",
        encoding="utf-8",
    )
    monitor.import_status(path)
    i18n.set_language("zh_CN")
    try:
        history = _history(monitor, placed["late"])
        reason = monitor.quarantine_table.item(0, 4).text()
        tooltip = monitor.quarantine_table.item(0, 4).toolTip()
        message = monitor.message.text()
    finally:
        i18n.set_language("en")
    assert f"确认时按 {days} 天的交货周期设定" in history
    assert "lead time" not in history
    assert reason == "未找到订单 'A-999999'；请核对报价单或生产监控中的订单号"
    assert tooltip == reason
    assert message == "已应用 0 条，忽略 0 条，待审核 1 条"

    history = _history(monitor, placed["late"])
    assert f"set on confirmation from the lead time of {days} days" in history
    assert monitor.quarantine_table.item(0, 4).text() == (
        "order 'A-999999' not found; check the id on the quote or in the "
        "production monitor"
    )
    assert monitor.message.text() == "0 applied, 0 ignored, 1 quarantined"


def test_rejection_reworded_on_switch(monitor, placed):
    monitor.select_order(placed["quoted"])
    monitor.next_state.setCurrentIndex(monitor.next_state.findData("confirmed"))
    assert monitor.move_selected()
    monitor.next_state.setCurrentIndex(monitor.next_state.findData("paid"))
    assert not monitor.move_selected()
    assert monitor.message.text().startswith("order ")
    i18n.set_language("zh_CN")
    try:
        chinese = monitor.message.text()
    finally:
        i18n.set_language("en")
    assert chinese.startswith(f"订单 {placed['quoted']} ")
    assert monitor.message.text().startswith(f"order {placed['quoted']} ")


def _quote_exports(database, customer_id):
    with database.session(readonly=True) as session:
        entries = list_audit(session, customer_id=customer_id)
        return [
            (entry.actor, entry.detail)
            for entry in entries
            if entry.action == "exported"
        ]


def test_monitor_quote_audited_under_staff(qtbot, database, placed, tmp_path):
    add_staff_accounts(database)
    staff = sign_in(database, "ana", PASSWORD)
    monitor = ProductionMonitor(database, today=TODAY, staff=staff)
    qtbot.addWidget(monitor)
    monitor.show()
    order_id = placed["quoted"]
    monitor.select_order(order_id)

    written = monitor.save_quote(order_id, tmp_path / "quote.pdf")
    assert written == tmp_path / "quote.pdf"
    text = PdfReader(written).pages[0].extract_text()
    assert order_id in text
    assert monitor.message.text() == f"Saved {written}"
    assert _quote_exports(database, "demo-02") == [
        ("ana", f"quote of order {order_id}")
    ]


def test_monitor_failed_quote_not_audited(qtbot, database, placed, tmp_path):
    monitor = ProductionMonitor(database, today=TODAY)
    qtbot.addWidget(monitor)
    # A folder exists at the file's path, so the rename fails.
    (tmp_path / "taken.pdf").mkdir()

    assert monitor.save_quote(placed["quoted"], tmp_path / "taken.pdf") is None
    assert monitor.message.text().startswith(f"{tmp_path / 'taken.pdf'} is a folder")
    assert "Errno" not in monitor.message.text()
    assert _quote_exports(database, "demo-02") == []


def test_monitor_quote_error_in_chinese(qtbot, database, placed, tmp_path):
    monitor = ProductionMonitor(database, today=TODAY)
    qtbot.addWidget(monitor)
    (tmp_path / "taken.pdf").mkdir()
    i18n.set_language("zh_CN")
    try:
        assert monitor.save_quote(placed["quoted"], tmp_path / "taken.pdf") is None
        chinese = monitor.message.text()
    finally:
        i18n.set_language("en")

    assert chinese.startswith(f"{tmp_path / 'taken.pdf'} 是一个文件夹")
    assert "Errno" not in chinese


def test_place_order_action_follows_rules(qtbot, window):
    assert window.place_order_action.isEnabled()
    window.set_value("size", "US 3")
    window.set_value("width", 10.0)
    window.set_value("engraving", "x" * 40)
    assert not window.place_order_action.isEnabled()
    assert window.open_order_dialog() is None
    window.set_value("engraving", "Love")
    assert window.place_order_action.isEnabled()


def test_order_dialog_places_order(qtbot, window, database, tmp_path):
    dialog = window.open_order_dialog()
    qtbot.waitUntil(lambda: dialog.place_button.isEnabled(), timeout=WAIT_MS)
    lines = [dialog.lines.item(row, 0).text() for row in range(dialog.lines.rowCount())]
    assert lines[0] == "Base price"
    assert lines[-1] == "VAT 20 %"
    assert any(line.startswith("Material: 18k yellow gold") for line in lines)
    dialog.delivery_address.setPlainText("12 Rue des Orfèvres\n75001 Paris")
    with qtbot.waitSignal(dialog.order_placed) as placed:
        qtbot.mouseClick(dialog.place_button, Qt.MouseButton.LeftButton)
    order_id = placed.args[0]
    assert f"Order {order_id} is confirmed" in dialog.message.text()
    assert dialog.save_quote(tmp_path / "quote.pdf").stat().st_size > 1000
    assert dialog.message.text() == f"Saved {tmp_path / 'quote.pdf'}"
    assert dialog.save_quote(tmp_path) is None
    assert dialog.message.text().startswith(f"{tmp_path} is a folder")
    # Saving again after the failure replaces its message.
    assert dialog.save_quote(tmp_path / "again.pdf") is not None
    assert dialog.message.text() == f"Saved {tmp_path / 'again.pdf'}"
    # No one signed in to the studio, so the operating-system user saved it.
    customer_id = dialog.customer_id
    assert (
        _quote_exports(database, customer_id)
        == [(orders.default_actor(), f"quote of order {order_id}")] * 2
    )
    with database.session(readonly=True) as session:
        stored = orders.get_order(session, order_id).delivery_address
    assert stored == "12 Rue des Orfèvres\n75001 Paris"

    monitor = window.open_monitor()
    qtbot.addWidget(monitor)
    assert monitor.order_ids() == [order_id]


def test_order_dialog_follows_language_switch(qtbot, window):
    dialog = window.open_order_dialog()
    qtbot.waitUntil(lambda: dialog.place_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.order_placed) as placed:
        dialog.place()
    order_id = placed.args[0]
    try:
        i18n.set_language("zh_CN")
        assert dialog.windowTitle() == "下单"
        assert dialog.place_button.text() == "下单"
        assert dialog.confirm_box.text() == "立即确认（确定交货日期）"
        assert dialog.lines.horizontalHeaderItem(0).text() == "价格"
        assert dialog.total.text().startswith("合计：")
        assert dialog.message.text().startswith(f"订单 {order_id} 的状态：已确认。")
        assert "交货日期" in dialog.message.text()
        assert dialog.lines.item(0, 0).text() == "基础价格"
    finally:
        i18n.set_language("en")
    assert dialog.windowTitle() == "Place order"
    assert dialog.total.text().startswith("Total: ")
    assert dialog.message.text().startswith(f"Order {order_id} is confirmed.")
    assert dialog.lines.item(0, 0).text() == "Base price"


def test_monitor_exports_frozen_order(qtbot, monitor, placed, tmp_path):
    out = tmp_path / "package"
    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        monitor.export_order(placed["late"], out)
    assert finished.args[0] is not None
    names = {path.name for path in out.iterdir()}
    assert names >= {
        "bom.csv",
        "model.glb",
        "model.stl",
        "order.json",
        "spec.json",
        "spec.pdf",
    }
    assert "Exported to" in monitor.message.text()
    page = PdfReader(out / "spec.pdf").pages[0]
    assert sorted(image.image.size for image in page.images) == [(600, 450)] * 3


def test_monitor_follows_language(qtbot, window):
    from app import i18n

    first = window.open_monitor()
    assert first.payment_method.itemText(0) == "cash"
    try:
        i18n.set_language("zh_CN")
        assert first.payment_method.itemText(0) == "现金"
        assert window.open_monitor() is first
    finally:
        i18n.set_language("en")


def test_unreadable_status_file_in_chinese(monitor, tmp_path):
    missing = tmp_path / "missing.csv"
    headless = tmp_path / "headless.csv"
    headless.write_text("order,state\nA-000001,shipped\n", encoding="utf-8")
    i18n.set_language("zh_CN")
    try:
        assert monitor.import_status(missing) is None
        missing_text = monitor.message.text()
        assert monitor.import_status(headless) is None
        header_text = monitor.message.text()
    finally:
        i18n.set_language("en")
    assert missing_text == f"{missing}：未找到文件"
    assert header_text == (
        f"{headless}：表头缺少 order_id、status、timestamp；第一行必须列出这些列名："
        "order_id、status、timestamp、note、qc_result、attachment"
    )
    # The English text follows the language switch.
    assert monitor.message.text().startswith(f"{headless}: the header lacks")


def test_rejected_status_file_in_chinese(monitor, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    broken = inbox / "broken.json"
    broken.write_text('{"format": "other/1", "updates": []}', encoding="utf-8")
    i18n.set_language("zh_CN")
    try:
        report = monitor.import_status(inbox)
        text = monitor.message.text()
    finally:
        i18n.set_language("en")
    assert len(report.rejected_files) == 1
    assert text.endswith(
        f"；被拒绝的文件：{broken}：不支持格式 'other/1'；"
        "请使用 'atelier-factory-status/1'"
    )
    assert str(report.rejected_files[0]) == (
        f"{broken}: format 'other/1' is not supported; use 'atelier-factory-status/1'"
    )
