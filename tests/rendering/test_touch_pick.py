"""Fingers and clicks on the preview: turning, pinching, and picking parts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from rendering.preview import PreviewWidget
from tests.rendering.sample_parts import table_parts

ROOT = Path(__file__).resolve().parents[2]
SIGNAL_TIMEOUT_MS = 10_000


@pytest.fixture
def table(qtbot):
    widget = PreviewWidget(render_delay_ms=0)
    qtbot.addWidget(widget)
    widget.resize(320, 240)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.rendered, timeout=SIGNAL_TIMEOUT_MS):
        widget.show_parts(table_parts(), reset_camera=True)
    return widget


@pytest.fixture(scope="module")
def finger():
    return QTest.createTouchDevice()


def test_one_finger_turns_the_view(qtbot, table, finger):
    before = table.camera()
    QTest.touchEvent(table, finger).press(0, QPoint(160, 120)).commit()
    for x in range(175, 265, 15):
        QTest.touchEvent(table, finger).move(0, QPoint(x, 120)).commit()
    assert table.is_interacting
    with qtbot.waitSignal(table.refined, timeout=SIGNAL_TIMEOUT_MS):
        QTest.touchEvent(table, finger).release(0, QPoint(260, 120)).commit()
    assert table.camera() != before
    assert not table.is_interacting


def test_two_fingers_pinch_to_zoom(qtbot, table, finger):
    camera = table.plotter.renderer.GetActiveCamera()
    distance = camera.GetDistance()
    QTest.touchEvent(table, finger).press(0, QPoint(140, 120)).commit()
    QTest.touchEvent(table, finger).stationary(0).press(1, QPoint(180, 120)).commit()
    for step in range(1, 5):
        QTest.touchEvent(table, finger).move(0, QPoint(140 - 10 * step, 120)).move(
            1, QPoint(180 + 10 * step, 120)
        ).commit()
    assert table.is_interacting
    with qtbot.waitSignal(table.refined, timeout=SIGNAL_TIMEOUT_MS):
        QTest.touchEvent(table, finger).release(0, QPoint(100, 120)).release(
            1, QPoint(220, 120)
        ).commit()
    # Fingers from 40 to 120 px apart bring the camera three times closer.
    assert camera.GetDistance() == pytest.approx(distance / 3, rel=0.01)
    assert not table.is_interacting


def test_fingers_lifted_one_by_one_end_cleanly(qtbot, table, finger):
    QTest.touchEvent(table, finger).press(0, QPoint(140, 120)).commit()
    QTest.touchEvent(table, finger).stationary(0).press(1, QPoint(180, 120)).commit()
    QTest.touchEvent(table, finger).move(0, QPoint(120, 120)).move(
        1, QPoint(200, 120)
    ).commit()
    QTest.touchEvent(table, finger).stationary(0).release(1, QPoint(200, 120)).commit()
    QTest.touchEvent(table, finger).move(0, QPoint(90, 100)).commit()
    with qtbot.waitSignal(table.refined, timeout=SIGNAL_TIMEOUT_MS):
        QTest.touchEvent(table, finger).release(0, QPoint(90, 100)).commit()
    assert not table.is_interacting


def test_tap_picks_the_part_under_the_finger(qtbot, table, finger):
    renderer = table.plotter.renderer
    height = table.plotter.render_window.GetSize()[1]
    renderer.SetWorldPoint(0.0, 0.0, 750.0, 1.0)
    renderer.WorldToDisplay()
    x, y, _depth = renderer.GetDisplayPoint()
    point = QPoint(round(x), round(height - 1 - y))
    with qtbot.waitSignal(table.part_picked, timeout=SIGNAL_TIMEOUT_MS) as picked:
        QTest.touchEvent(table, finger).press(0, point).commit()
        QTest.touchEvent(table, finger).release(0, point).commit()
    assert picked.args == ["top", "oak"]
    assert not table.is_interacting


def test_click_on_background_picks_nothing(qtbot, table):
    picked = []
    table.part_picked.connect(lambda name, material: picked.append(name))
    QTest.mouseClick(table, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert picked == []
    assert table.part_at(QPoint(3, 3).toPointF()) is None


@pytest.mark.parametrize("ratio", ["1", "1.5", "2"])
def test_pick_hits_the_part_at_any_pixel_ratio(ratio):
    environment = dict(os.environ, QT_SCALE_FACTOR=ratio, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "tests.rendering.pick_probe"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ratio"] == float(ratio)
    assert report["size"] == [round(320 * float(ratio)), round(240 * float(ratio))]
    assert report["picked"] == {"top": "top", "leg_1": "leg_1"}
