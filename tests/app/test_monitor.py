"""The production monitor's order export and its texts in both languages."""

from __future__ import annotations

import csv
import json
import os
import signal
import zipfile
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGroupBox

from app import i18n
from app.export_job import COMMITTING
from app.monitor import ProductionMonitor
from designer import orders
from designer.designs import read_design, resolve
from designer.order_design import freeze_design
from designer.package.progress import DONE, STEPS
from designer.session import DesignSession
from designer.store import StoreSettings
from resources import EXAMPLES_DIR
from storage.order_schema import OrderRevision

WAIT_MS = 60_000
TODAY = date(2025, 6, 1)
LONG_AGO = datetime(2025, 3, 1, 10, 0)
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "spec-2.schema.json"


@pytest.fixture
def order_ids(database, catalog):
    """A ring order in production, overdue on ``TODAY``, and a draft table."""
    frozen = {}
    for product in ("ring-band", "table-dining"):
        design = read_design(EXAMPLES_DIR / f"{product}.json")
        model, values = resolve(design, catalog)
        session = DesignSession(model, values, design.chosen)
        frozen[product] = freeze_design(session, StoreSettings())
    ring = frozen["ring-band"]
    with database.session() as session:
        late = orders.place_order(session, "demo", ring, "ana", now=LONG_AGO)
        orders.record_payment(
            session, late.id, "balance", ring.price.total, "card", "ana"
        )
        orders.transition(session, late.id, "paid", "ana", occurred_at=LONG_AGO)
        orders.transition(session, late.id, "in_production", "ana")
        draft = orders.create_order(session, "demo", frozen["table-dining"], "ana")
        return {"ring": late.id, "table": draft.id}


@pytest.fixture
def monitor(qtbot, database, order_ids):
    del order_ids
    monitor = ProductionMonitor(database, today=TODAY)
    qtbot.addWidget(monitor)
    monitor.show()
    yield monitor
    monitor.close()


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def hidden_leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.startswith(".")]


def test_export_reports_progress_and_reads_back(qtbot, monitor, order_ids, tmp_path):
    out = tmp_path / "ring-package"
    reports = []
    bar_values = []
    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        job = monitor.export_order(order_ids["ring"], out)
        dialog = monitor.export_progress
        assert dialog.isVisible()
        job.progress.connect(lambda step, percent: reports.append((step, percent)))
        job.progress.connect(lambda *_report: bar_values.append(dialog.value()))

    written = finished.args[0]
    assert written is not None
    assert [step for step, _percent in reports] == [*STEPS, COMMITTING, DONE]
    percents = [percent for _step, percent in reports]
    assert percents == sorted(percents)
    assert percents[-1] == 100
    assert bar_values == percents
    assert not dialog.isVisible()
    assert f"Exported to {out}" in monitor.message.text()

    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    jsonschema.validate(spec, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert spec["product"]["id"] == "ring-band"
    with (out / "bom.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    assert {row["order_id"] for row in rows} == {order_ids["ring"]}
    record = json.loads((out / "order.json").read_text(encoding="utf-8"))
    assert record["order_id"] == order_ids["ring"]
    assert record["product"] == "ring-band"
    with zipfile.ZipFile(written[-1]) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
    assert "ring-package/order.json" in names
    assert hidden_leftovers(tmp_path) == []


@pytest.mark.parametrize("cancel_at", ["start", "views", "pdf"])
def test_cancel_leaves_no_package(qtbot, monitor, order_ids, tmp_path, cancel_at):
    out = tmp_path / "package"

    def cancel_on(step, _percent):
        if step == cancel_at:
            monitor.export_progress.cancel_button.click()

    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        job = monitor.export_order(order_ids["ring"], out)
        if cancel_at == "start":
            monitor.export_progress.cancel_button.click()
        else:
            job.progress.connect(cancel_on)

    assert finished.args[0] is None
    assert not out.exists()
    assert not (tmp_path / "package.zip").exists()
    assert hidden_leftovers(tmp_path) == []
    assert "Export cancelled" in monitor.message.text()
    assert monitor.export_progress is None


def test_monitor_answers_while_exporting(qtbot, monitor, order_ids, tmp_path):
    events = []
    monitor.export_finished.connect(lambda _paths: events.append("finished"))
    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        job = monitor.export_order(order_ids["ring"], tmp_path / "package")
        with qtbot.waitSignal(
            job.progress,
            timeout=WAIT_MS,
            check_params_cb=lambda step, _: step == "spec",
        ):
            pass
        monitor.search.setText("dining")
        events.append("searched")
        assert monitor.order_ids() == [order_ids["table"]]
        monitor.select_order(order_ids["table"])
        monitor.next_state.setCurrentIndex(monitor.next_state.findData("quoted"))
        assert monitor.move_selected()
        events.append("moved")
        assert monitor.export_order(order_ids["ring"], tmp_path / "second") is None
        assert "is running" in monitor.message.text()

    assert events == ["searched", "moved", "finished"]
    assert finished.args[0] is not None
    assert not (tmp_path / "second").exists()
    with monitor.database.session(readonly=True) as session:
        state = orders.get_order(session, order_ids["table"]).state
    assert state == "quoted"


def test_export_onto_a_file_is_reported(qtbot, monitor, order_ids, tmp_path):
    out = tmp_path / "package"
    out.write_text("not a folder", encoding="utf-8")

    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        job = monitor.export_order(order_ids["ring"], out)

    assert job is None
    assert finished.args[0] is None
    assert str(out) in monitor.message.text()
    assert "choose a folder" in monitor.message.text()
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_crashed_export_is_reported(qtbot, monitor, order_ids, tmp_path):
    out = tmp_path / "package"

    def kill_on_spec(step, _percent):
        if step == "spec":
            os.kill(job.process_id, signal.SIGKILL)

    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        job = monitor.export_order(order_ids["ring"], out)
        job.progress.connect(kill_on_spec)

    assert finished.args[0] is None
    message = monitor.message.text()
    assert message.startswith("Export failed: ")
    assert "stopped unexpectedly" in message
    assert "Traceback" not in message
    assert not out.exists()
    assert hidden_leftovers(tmp_path) == []

    i18n.set_language("zh_CN")

    assert monitor.message.text().startswith("导出失败：导出进程意外停止（退出码 ")


def store_frozen_size(database, order_id: str, size: str) -> None:
    """Write ``size`` into the order's frozen design, as a damaged record would."""
    with database.session() as session:
        order = orders.get_order(session, order_id)
        row = session.get(OrderRevision, (order.id, order.revision))
        frozen = json.loads(row.frozen)
        frozen["values"]["size"] = size
        row.frozen = json.dumps(frozen)


def test_damaged_order_quote_error_leads(monitor, order_ids, tmp_path):
    order_id = order_ids["ring"]
    with monitor.database.session() as session:
        order = orders.get_order(session, order_id)
        row = session.get(OrderRevision, (order.id, order.revision))
        row.frozen = row.frozen[: len(row.frozen) // 2]
    path = tmp_path / "quote.pdf"

    assert monitor.save_quote(order_id, path) is None

    assert not path.exists()
    english = monitor.message.text()
    assert english.startswith(
        f"The quote of order {order_id} was not saved: the stored design of "
        f"order {order_id}, revision 1, cannot be read"
    )
    assert english.endswith(f"\nQuote file: {path}")
    assert "Traceback" not in english

    i18n.set_language("zh_CN")
    chinese = monitor.message.text()
    i18n.set_language("en")

    assert chinese.startswith(f"订单 {order_id} 的报价单未保存：")
    assert chinese.endswith(f"\n报价单文件：{path}")


def test_export_failure_follows_language(qtbot, monitor, order_ids, tmp_path):
    store_frozen_size(monitor.database, order_ids["ring"], "US 1")

    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        monitor.export_order(order_ids["ring"], tmp_path / "package")

    assert finished.args[0] is None
    english = (
        "Export failed: Ring size: 'US 1' is not accepted because size system "
        "US / Canada has no such value. Choose one from 'US 3' to 'US 13.5'. "
        "The nearest is 'US 3'."
    )
    assert monitor.message.text() == english

    i18n.set_language("zh_CN")

    assert monitor.message.text() == (
        "导出失败：戒指尺码：不接受 'US 1'，因为尺码体系“美国 / 加拿大”中没有这个值。"
        "请在 'US 3' 至 'US 13.5' 之间选择。最接近的是 'US 3'。"
    )

    i18n.set_language("en")

    assert monitor.message.text() == english


def test_closing_monitor_cancels_export(qtbot, monitor, order_ids, tmp_path):
    out = tmp_path / "package"
    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        job = monitor.export_order(order_ids["ring"], out)
        with qtbot.waitSignal(job.progress, timeout=WAIT_MS):
            pass
        monitor.close()

    assert finished.args[0] is None
    assert not out.exists()
    assert hidden_leftovers(tmp_path) == []


def test_export_button_exports_to_chosen_folder(
    qtbot, monitor, order_ids, tmp_path, monkeypatch
):
    # Only the folder dialog is replaced, because a native dialog blocks.
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *_args: str(tmp_path)
    )
    monitor.select_order(order_ids["ring"])
    with qtbot.waitSignal(monitor.export_finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(monitor.export_button, Qt.MouseButton.LeftButton)

    assert finished.args[0] is not None
    assert (tmp_path / f"{order_ids['ring']}-package" / "order.json").is_file()


def group_titles(monitor) -> list[str]:
    return [box.title() for box in monitor.findChildren(QGroupBox)]


def header_texts(table) -> list[str]:
    return [
        table.horizontalHeaderItem(column).text()
        for column in range(table.columnCount())
    ]


def test_language_switch_changes_texts(qtbot, monitor, order_ids):
    monitor.select_order(order_ids["ring"])
    english = {
        "title": monitor.windowTitle(),
        "tabs": [monitor.tabs.tabText(index) for index in range(2)],
        "headers": header_texts(monitor.orders_table),
        "filter": monitor.state_filter.itemText(0),
        "kind": monitor.payment_kind.itemText(0),
        "method": monitor.payment_method.itemText(0),
        "export": monitor.export_button.text(),
        "details": monitor.details_title.text(),
    }
    assert english["title"] == "Production monitor"
    assert english["headers"][0] == "Order"
    assert english["kind"] == "deposit"
    assert "in production" in english["details"]
    assert "Move to" in group_titles(monitor)
    row = monitor.order_ids().index(order_ids["ring"])
    assert "(overdue 71 d)" in monitor.orders_table.item(row, 4).text()

    i18n.set_language("zh_CN")

    assert monitor.windowTitle() == "生产监控"
    assert [monitor.tabs.tabText(index) for index in range(2)] == ["订单", "待审核"]
    assert header_texts(monitor.orders_table) == [
        "订单",
        "客户",
        "产品",
        "状态",
        "交货日期",
        "合计",
        "已付",
    ]
    assert monitor.state_filter.itemText(0) == "全部状态"
    assert monitor.payment_kind.itemText(0) == "定金"
    assert monitor.payment_method.itemText(0) == "现金"
    assert monitor.export_button.text() == "导出生产包…"
    assert "转到" in group_titles(monitor)
    assert "生产中" in monitor.details_title.text()
    assert "未付" in monitor.details_title.text()
    assert "（逾期 71 天）" in monitor.orders_table.item(row, 4).text()
    assert monitor.language == "zh_CN"

    i18n.set_language("en")

    assert monitor.windowTitle() == english["title"]
    assert [monitor.tabs.tabText(index) for index in range(2)] == english["tabs"]
    assert header_texts(monitor.orders_table) == english["headers"]
    assert monitor.state_filter.itemText(0) == english["filter"]
    assert monitor.payment_kind.itemText(0) == english["kind"]
    assert monitor.payment_method.itemText(0) == english["method"]
    assert monitor.export_button.text() == english["export"]
    assert monitor.details_title.text() == english["details"]
    assert monitor.language == "en"


def test_monitor_opens_in_chinese(qtbot, database, order_ids):
    i18n.set_language("zh_CN")
    monitor = ProductionMonitor(database, "zh_CN", today=TODAY)
    qtbot.addWidget(monitor)

    assert monitor.windowTitle() == "生产监控"
    assert monitor.search.placeholderText() == "搜索订单、客户或产品"
    assert monitor.qc_result.itemText(1) == "质检合格"
    states = [monitor.state_filter.itemText(i) for i in range(2, 12)]
    assert "生产中" in states
    assert all(not text.isascii() for text in states)
    monitor.select_order(order_ids["ring"])
    history = [monitor.history.item(i).text() for i in range(monitor.history.count())]
    assert history
    assert all(text.split("\n")[0].endswith("（ana）") for text in history)
    monitor.close()


def assert_columns_fit_headers(table) -> None:
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for column, text in enumerate(header_texts(table)):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text
    # The spare width is shared, so no column takes most of the table.
    widest = max(header.sectionSize(column) for column in range(table.columnCount()))
    assert widest < table.viewport().width() / 2


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_monitor_columns_fit_headers(qtbot, database, order_ids, language):
    del order_ids
    i18n.set_language(language)
    monitor = ProductionMonitor(database, language, today=TODAY)
    qtbot.addWidget(monitor)
    monitor.show()
    qtbot.waitExposed(monitor)

    for table in (monitor.orders_table, monitor.quarantine_table):
        monitor.tabs.setCurrentWidget(table.parentWidget())
        qtbot.waitUntil(lambda table=table: table.isVisible())
        assert_columns_fit_headers(table)
    # Every cell's text fits its column, so nothing is cut off.
    table = monitor.orders_table
    for column in range(table.columnCount()):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)
    monitor.close()
