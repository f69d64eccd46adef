"""Tap each given part of a table in a real preview and print what was picked.

Run as ``python -m tests.rendering.pick_probe`` with ``QT_SCALE_FACTOR`` set,
so that the widget has that device-pixel ratio. It prints one JSON object:
the ratio, the render window's size, and for each part the part that a tap
at the part's projected centre picked.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rendering.preview import PreviewWidget
from tests.rendering.sample_parts import table_parts

TARGETS = {"top": (0.0, 0.0, 750.0), "leg_1": (-740.0, -390.0, 360.0)}


def main() -> int:
    application = QApplication.instance() or QApplication(sys.argv)
    widget = PreviewWidget(render_delay_ms=0)
    widget.resize(320, 240)
    widget.show()
    QTest.qWaitForWindowExposed(widget)
    widget.show_parts(table_parts(), reset_camera=True)
    widget.grab_image()
    picked: list[str] = []
    widget.part_picked.connect(lambda name, _material: picked.append(name))
    ratio = widget.devicePixelRatioF()
    renderer = widget.plotter.renderer
    width, height = widget.plotter.render_window.GetSize()
    result = {"ratio": ratio, "size": [width, height], "picked": {}}
    for name, point in TARGETS.items():
        renderer.SetWorldPoint(*point, 1.0)
        renderer.WorldToDisplay()
        x, y, _depth = renderer.GetDisplayPoint()
        # Display y counts up from the bottom row of device pixels.
        logical = QPoint(round(x / ratio), round((height - 1 - y) / ratio))
        picked.clear()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=logical)
        result["picked"][name] = picked[-1] if picked else None
    widget.close()
    application.processEvents()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
