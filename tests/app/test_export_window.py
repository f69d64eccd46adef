"""Production package export from the studio window, read back from disk."""

import csv
import json
import os
import signal
import zipfile
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import trimesh
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app import i18n
from app.export_job import COMMITTING, PackageExportJob
from designer.package.progress import DONE, STEPS
from resources import EXAMPLES_DIR

WAIT_MS = 60_000
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "spec-2.schema.json"


def export(qtbot, window, out):
    """Export from the window and return the files it reports."""
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        job = window.export_to(out)
        assert job is not None
    return blocker.args[0]


def hidden_leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.startswith(".")]


def test_window_export_files_read_back(qtbot, window, tmp_path):
    out = tmp_path / "ring-package"

    written = export(qtbot, window, out)

    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    jsonschema.validate(spec, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert spec["product"]["id"] == "ring-band"
    assert sorted(path.name for path in written[:-1]) == sorted(
        entry["name"] for entry in spec["files"]
    )
    mesh = trimesh.load(out / "model.stl")
    assert mesh.is_watertight
    pattern = trimesh.load(out / "casting.3mf", force="mesh")
    assert pattern.is_watertight
    scene = trimesh.load(out / "model.glb")
    assert len(scene.geometry) >= 1
    with (out / "bom.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    assert {row["order_id"] for row in rows} == {"DRAFT"}
    with zipfile.ZipFile(written[-1]) as archive:
        assert archive.testzip() is None
        names = sorted(archive.namelist())
    assert names == sorted(f"ring-package/{path.name}" for path in written[:-1])
    assert hidden_leftovers(tmp_path) == []


def test_window_export_prices_at_store_tax(qtbot, window, database, tmp_path):
    from designer.order_design import price_design
    from designer.production import build_parts
    from designer.store import StoreSettings, save_store_settings

    store = StoreSettings(
        tax_rate=Decimal("0.07"), tax_names={"en": "GST", "zh_CN": "商品及服务税"}
    )
    with database.session() as session:
        save_store_settings(session, store)
    out = tmp_path / "ring-package"

    export(qtbot, window, out)

    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    expected = price_design(window.session, build_parts(window.session), store)
    assert spec["price"]["lines"][-1] == {
        "label": "GST 7 %",
        "amount": str(expected.tax),
    }
    assert spec["price"]["total"] == str(expected.total)


def test_window_export_of_bookshelf_has_dxf(qtbot, window, tmp_path):
    with qtbot.waitSignal(
        window.preview_updated,
        timeout=WAIT_MS,
        check_params_cb=window.is_newest_request,
    ):
        window.open_model("bookshelf")
    out = tmp_path / "shelf"

    written = export(qtbot, window, out)

    assert written is not None
    import ezdxf

    panels = sorted(out.glob("panel-*.dxf"))
    assert panels
    document = ezdxf.readfile(panels[0])
    assert document.header["$INSUNITS"] == 4
    assert len(document.modelspace().query("LWPOLYLINE")) >= 1
    page = PdfReader(out / "spec.pdf").pages[0]
    assert len(page.images) == 3


def test_export_progress_reports_steps_in_order(qtbot, window, tmp_path):
    reports = []
    bar_values = []
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        job = window.export_to(tmp_path / "package")
        dialog = window.export_progress
        assert dialog.isVisible()
        job.progress.connect(lambda step, percent: reports.append((step, percent)))
        job.progress.connect(lambda *_report: bar_values.append(dialog.value()))

    assert blocker.args[0] is not None
    steps = [step for step, _percent in reports]
    assert steps == [*STEPS, COMMITTING, DONE]
    percents = [percent for _step, percent in reports]
    assert percents == sorted(percents)
    assert percents[0] == 0
    assert percents[-1] == 100
    assert bar_values == percents


def test_progress_dialog_names_each_step(qtbot, window, tmp_path):
    labels = []
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS):
        job = window.export_to(tmp_path / "package")
        dialog = window.export_progress
        job.progress.connect(lambda *_report: labels.append(dialog.labelText()))

    assert len(set(labels)) == len(STEPS) + 2
    assert all(label and label not in STEPS for label in labels)
    assert not dialog.isVisible()


@pytest.mark.parametrize("cancel_at", ["start", "views", "spec"])
def test_cancel_leaves_nothing_at_target(qtbot, window, tmp_path, cancel_at):
    out = tmp_path / "package"

    def cancel_on(step, _percent):
        if step == cancel_at:
            window.export_progress.cancel_button.click()

    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        job = window.export_to(out)
        if cancel_at == "start":
            window.export_progress.cancel_button.click()
        else:
            job.progress.connect(cancel_on)

    assert blocker.args[0] is None
    assert not out.exists()
    assert not (tmp_path / "package.zip").exists()
    assert hidden_leftovers(tmp_path) == []
    assert window.export_action.isEnabled()


def test_cancel_keeps_earlier_package(qtbot, window, tmp_path):
    out = tmp_path / "package"
    first = export(qtbot, window, out)
    before = {path: path.read_bytes() for path in first}
    window.set_value("width", 6.0)

    def cancel_on_pdf(step, _percent):
        if step == "pdf":
            window.export_progress.cancel_button.click()

    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        job = window.export_to(out)
        job.progress.connect(cancel_on_pdf)

    assert blocker.args[0] is None
    assert {path: path.read_bytes() for path in first} == before
    assert hidden_leftovers(tmp_path) == []


def test_window_answers_during_export(qtbot, window, tmp_path):
    out = tmp_path / "package"
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as finished:
        window.export_to(out)
        with qtbot.waitSignal(
            window.preview_updated,
            timeout=WAIT_MS,
            check_params_cb=window.is_newest_request,
        ):
            window.set_value("width", 6.0)
        assert window.export_to(tmp_path / "second") is None
        assert "is running" in window.last_message

    assert finished.args[0] is not None
    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    values = {item["name"]: item["value"] for item in spec["parameters"]}
    assert values["width"] == 4.0
    assert window.session.values["width"] == 6.0
    assert not (tmp_path / "second").exists()


def test_export_menu_entry_exports(qtbot, window, tmp_path, monkeypatch):
    # Only the folder dialog is replaced, because a native dialog blocks.
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *_args: str(tmp_path)
    )
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        window.export_action.trigger()

    assert blocker.args[0] is not None
    assert (tmp_path / "ring-band-package" / "spec.pdf").is_file()
    assert (tmp_path / "ring-band-package.zip").is_file()


def test_export_menu_entry_dismissed(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: "")
    window.export_action.trigger()

    qtbot.waitUntil(lambda: window.findChildren(PackageExportJob) == [])
    assert list(tmp_path.glob("*package*")) == []
    assert hidden_leftovers(tmp_path) == []


def test_export_onto_a_file_is_reported(qtbot, window, tmp_path):
    out = tmp_path / "package"
    out.write_text("not a folder", encoding="utf-8")

    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        job = window.export_to(out)

    assert job is None
    assert blocker.args[0] is None
    assert str(out) in window.last_message
    assert "choose a folder" in window.last_message
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_export_to_too_long_a_name_is_explained(qtbot, window, tmp_path):
    out = tmp_path / ("p" * 300)

    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        job = window.export_to(out)

    assert job is None
    assert blocker.args[0] is None
    assert "is 300 characters long" in window.last_message
    assert "Errno" not in window.last_message
    assert "p" * 300 not in window.last_message


def test_closing_window_cancels_export(qtbot, catalog, database, tmp_path):
    from app.main_window import MainWindow

    window = MainWindow(catalog, database, thumbnails=False)
    qtbot.addWidget(window)
    window.show()
    out = tmp_path / "package"
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        job = window.export_to(out)
        with qtbot.waitSignal(job.progress, timeout=WAIT_MS):
            pass
        window.close()

    assert blocker.args[0] is None
    assert not out.exists()
    assert hidden_leftovers(tmp_path) == []


def test_progress_dialog_follows_language_change(qtbot, window, tmp_path):
    try:
        with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS):
            window.export_to(tmp_path / "package")
            dialog = window.export_progress
            assert dialog.windowTitle() == "Exporting production package"
            i18n.set_language("zh_CN")
            assert dialog.windowTitle() == "正在导出生产包"
            assert dialog.labelText() == "正在开始导出…"
    finally:
        i18n.set_language("en")


def test_progress_dialog_in_chinese(qtbot, window, tmp_path):
    i18n.set_language("zh_CN")
    try:
        with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
            window.export_to(tmp_path / "package")
            dialog = window.export_progress
            assert dialog.windowTitle() == "正在导出生产包"
            assert dialog.cancel_button.text() == "取消"
            assert dialog.labelText() == "正在开始导出…"
    finally:
        i18n.set_language("en")

    assert blocker.args[0] is not None
    spec = json.loads((tmp_path / "package" / "spec.json").read_text("utf-8"))
    assert spec["language"] == "zh_CN"


def test_escape_cancels_export(qtbot, window, tmp_path):
    out = tmp_path / "package"
    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        window.export_to(out)
        qtbot.keyClick(window.export_progress, Qt.Key.Key_Escape)

    assert blocker.args[0] is None
    assert not out.exists()
    assert hidden_leftovers(tmp_path) == []


def test_crashed_export_process_is_reported(qtbot, window, tmp_path):
    out = tmp_path / "package"

    def kill_on_spec(step, _percent):
        if step == "spec":
            os.kill(job.process_id, signal.SIGKILL)

    with qtbot.waitSignal(window.export_finished, timeout=WAIT_MS) as blocker:
        job = window.export_to(out)
        job.progress.connect(kill_on_spec)

    assert blocker.args[0] is None
    assert "stopped unexpectedly" in window.last_message
    assert "Traceback" not in window.last_message
    assert not out.exists()
    assert hidden_leftovers(tmp_path) == []


def test_window_export_names_filled_option(qtbot, window, tmp_path):
    # The example cabinet was saved before the handles were offered.
    assert window.open_design(EXAMPLES_DIR / "cabinet.json")
    out = tmp_path / "cabinet-package"

    export(qtbot, window, out)

    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    assert spec["notes"][0].startswith("Handles: Steel bar pulls, filled in")
    sheet = " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(out / "spec.pdf").pages
        ).split()
    )
    assert "the customer did not choose it" in sheet


def test_window_export_drops_option_chosen_since(qtbot, window, tmp_path):
    assert window.open_design(EXAMPLES_DIR / "cabinet.json")
    window.set_value("handle", "knob")
    out = tmp_path / "cabinet-package"

    export(qtbot, window, out)

    spec = json.loads((out / "spec.json").read_text(encoding="utf-8"))
    assert not any("filled in" in note for note in spec["notes"])
