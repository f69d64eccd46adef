"""PreviewWidget in a real window under Xvfb, driven by pytest-qt."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent

from rendering.preview import REFINE_WAIT_MS, PreviewWidget
from tests.rendering.sample_parts import ring_parts, table_parts

SIGNAL_TIMEOUT_MS = 10_000


def image_to_array(image: QImage) -> np.ndarray:
    """Copy a QImage into an ``(height, width, 3)`` RGB array."""
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = converted.width(), converted.height()
    stride = converted.bytesPerLine()
    raw = np.frombuffer(converted.constBits(), dtype=np.uint8, count=stride * height)
    return raw.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


def count_renders(widget: PreviewWidget) -> list[int]:
    """Return a list that grows by one entry per VTK render of the widget."""
    renders: list[int] = []
    widget.plotter.render_window.AddObserver("EndEvent", lambda *_: renders.append(1))
    return renders


@pytest.fixture
def preview(qtbot):
    widget = PreviewWidget(render_delay_ms=0)
    qtbot.addWidget(widget)
    widget.resize(320, 240)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def show_and_wait(
    qtbot, widget, parts, reset_camera=False, newer_pending=False
) -> None:
    with qtbot.waitSignal(widget.rendered, timeout=SIGNAL_TIMEOUT_MS):
        widget.show_parts(parts, reset_camera=reset_camera, newer_pending=newer_pending)


def test_rendered_after_show_parts(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)

    assert list(preview.scene.actors) == ["band"]


def test_grab_shows_product(qtbot, preview):
    empty = image_to_array(preview.grab_image())

    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    image = image_to_array(preview.grab_image())

    assert image.shape == (240, 320, 3)
    assert image.std() > 10.0
    changed = np.abs(image.astype(int) - empty.astype(int)).sum(axis=2) > 30
    assert changed.mean() > 0.03
    assert changed[80:160, 106:213].any()


def test_update_keeps_actor_and_changes_pixels(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(outer_radius=10.0), reset_camera=True)
    actor = preview.scene.actors["band"]
    before = image_to_array(preview.grab_image())

    show_and_wait(qtbot, preview, ring_parts(outer_radius=6.0, width=8.0))
    after = image_to_array(preview.grab_image())

    assert preview.scene.actors["band"] is actor
    assert actor.bounds[1] == pytest.approx(6.0, abs=0.01)
    assert np.abs(after.astype(int) - before.astype(int)).sum(axis=2).max() > 60


def test_updates_coalesce_into_one_render(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    qtbot.waitUntil(lambda: not preview.is_render_scheduled)
    renders = count_renders(preview)
    emitted: list[int] = []
    preview.rendered.connect(lambda: emitted.append(1))

    with qtbot.waitSignal(preview.rendered, timeout=SIGNAL_TIMEOUT_MS):
        for radius in (9.0, 10.0, 11.0, 12.0):
            preview.show_parts(ring_parts(outer_radius=radius))
    QCoreApplication.processEvents()

    assert emitted == [1]
    assert len(renders) == 1
    assert preview.scene.actors["band"].bounds[1] == pytest.approx(12.0, abs=0.01)


def test_set_view_renders_and_moves_camera(qtbot, preview):
    show_and_wait(qtbot, preview, table_parts(), reset_camera=True)

    with qtbot.waitSignal(preview.rendered, timeout=SIGNAL_TIMEOUT_MS):
        preview.set_view("top")

    np.testing.assert_allclose(preview.plotter.camera.direction, (0, 0, -1))


def test_hidden_widget_waits_until_shown(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    preview.hide()
    renders = count_renders(preview)

    preview.show_parts(table_parts(), reset_camera=True)
    qtbot.waitUntil(lambda: not preview.is_render_scheduled)
    QCoreApplication.processEvents()
    assert renders == []

    with qtbot.waitSignal(preview.rendered, timeout=SIGNAL_TIMEOUT_MS):
        preview.show()
    assert len(renders) >= 1


def test_close_finalises_render_window(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    render_window = preview.plotter.render_window
    assert render_window.GetInitialized()

    preview.close()

    assert preview.is_closed
    assert not render_window.GetInitialized()
    assert preview.plotter.render_window is None


def test_closed_widget_rejects_updates(qtbot, preview):
    preview.close()

    with pytest.raises(RuntimeError, match="closed preview"):
        preview.show_parts(ring_parts())
    with pytest.raises(RuntimeError, match="closed preview"):
        preview.set_view("top")


def test_render_delay_out_of_range(qtbot):
    with pytest.raises(ValueError, match="render_delay_ms=50"):
        PreviewWidget(render_delay_ms=50)


def render_sizes(widget: PreviewWidget) -> list[tuple[int, int]]:
    """Return a list that grows by the render window size of each render."""
    sizes: list[tuple[int, int]] = []
    render_window = widget.plotter.render_window
    render_window.AddObserver(
        "EndEvent", lambda *_: sizes.append(tuple(render_window.GetSize()))
    )
    return sizes


def test_interaction_renders_reduced_then_full(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    sizes = render_sizes(preview)

    preview.begin_interaction()
    show_and_wait(qtbot, preview, ring_parts(outer_radius=12.0))

    assert preview.frame_is_reduced
    assert sizes == [(160, 120)]
    with qtbot.waitSignal(preview.refined, timeout=SIGNAL_TIMEOUT_MS):
        preview.end_interaction()
    assert not preview.frame_is_reduced
    assert sizes[-1] == (320, 240)


def test_reduced_frame_fills_widget(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    full = image_to_array(preview.grab().toImage())

    preview.begin_interaction()
    show_and_wait(qtbot, preview, ring_parts())
    reduced = image_to_array(preview.grab().toImage())
    preview.end_interaction()

    assert reduced.shape == full.shape
    # Same scene, same camera: the upscaled frame differs only in sharpness.
    assert np.abs(reduced.astype(int) - full.astype(int)).mean() < 6.0


def test_grab_image_renders_full_size_during_interaction(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    preview.begin_interaction()
    show_and_wait(qtbot, preview, ring_parts(outer_radius=12.0))

    image = preview.grab_image()
    preview.end_interaction()

    assert (image.width(), image.height()) == (320, 240)


def test_end_without_begin_is_ignored(qtbot, preview):
    preview.end_interaction()

    assert not preview.is_interacting


def test_mouse_drag_turns_camera(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    before = preview.plotter.camera.position

    with qtbot.waitSignal(preview.refined, timeout=SIGNAL_TIMEOUT_MS):
        qtbot.mousePress(preview, Qt.MouseButton.LeftButton, pos=QPoint(160, 120))
        for x in range(170, 260, 15):
            move = QMouseEvent(
                QEvent.Type.MouseMove,
                QPointF(x, 120),
                QPointF(preview.mapToGlobal(QPoint(x, 120))),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
            QCoreApplication.sendEvent(preview, move)
        qtbot.mouseRelease(preview, Qt.MouseButton.LeftButton, pos=QPoint(260, 120))

    assert preview.plotter.camera.position != before
    assert not preview.is_interacting


def test_dimensions_drawn_on_request(qtbot, preview):
    show_and_wait(qtbot, preview, table_parts(), reset_camera=True)
    plain = image_to_array(preview.grab_image())

    with qtbot.waitSignal(preview.rendered, timeout=SIGNAL_TIMEOUT_MS):
        preview.show_dimensions(True)
    measured = image_to_array(preview.grab_image())

    assert preview.scene.rulers.labels["width"] == "Width 1600 mm"
    changed = np.abs(measured.astype(int) - plain.astype(int)).sum(axis=2) > 60
    assert changed.sum() > 200


def test_interactive_scale_out_of_range(qtbot):
    with pytest.raises(ValueError, match="interactive_scale=0.1"):
        PreviewWidget(interactive_scale=0.1)


def test_grab_has_studio_backdrop(qtbot, preview):
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)

    image = preview.grab_image()
    pixels = image_to_array(image)

    assert not image.hasAlphaChannel()
    top, bottom = pixels[2, 2].astype(int), pixels[-3, 2].astype(int)
    assert top.min() > 200
    assert (top - bottom).min() > 10


def turn_camera(preview) -> np.ndarray:
    """Turn the camera to a view of the user's own and return its direction."""
    focal = np.array(preview.plotter.camera.focal_point)
    distance = preview.plotter.camera.distance
    direction = np.array([0.3, -0.8, 0.5]) / np.linalg.norm([0.3, -0.8, 0.5])
    preview.set_camera((tuple(focal - direction * distance), tuple(focal), (0, 0, 1)))
    return np.array(preview.plotter.camera.direction)


def inside_view(extent) -> bool:
    return bool(np.all(np.abs(extent) <= 1.0))


def test_grown_parts_glide_into_view(qtbot, preview):
    show_and_wait(qtbot, preview, table_parts(length=1600.0), reset_camera=True)
    direction = turn_camera(preview)

    with qtbot.waitSignal(preview.framed, timeout=SIGNAL_TIMEOUT_MS):
        preview.show_parts(table_parts(length=5000.0))
        assert preview.is_framing

    assert not preview.is_framing
    assert inside_view(preview.scene.screen_extent())
    np.testing.assert_allclose(preview.plotter.camera.direction, direction, atol=1e-9)
    assert preview.plotter.camera.up == pytest.approx((0.0, 0.0, 1.0), abs=1e-6)


def test_glide_starts_from_the_old_view(qtbot, preview):
    show_and_wait(qtbot, preview, table_parts(length=1600.0), reset_camera=True)
    before = preview.plotter.camera.position

    show_and_wait(qtbot, preview, table_parts(length=5000.0))

    # The first frame of the longer table comes before the camera moves.
    assert preview.is_framing
    assert preview.plotter.camera.position == pytest.approx(before)
    with qtbot.waitSignal(preview.framed, timeout=SIGNAL_TIMEOUT_MS):
        pass


def test_small_change_keeps_camera(qtbot, preview):
    show_and_wait(qtbot, preview, table_parts(length=1600.0), reset_camera=True)
    turn_camera(preview)
    before = preview.camera()

    show_and_wait(qtbot, preview, table_parts(length=1650.0))

    assert not preview.is_framing
    assert preview.camera() == before


def test_shrunk_parts_glide_closer(qtbot, preview):
    show_and_wait(qtbot, preview, table_parts(length=1600.0), reset_camera=True)

    with qtbot.waitSignal(preview.framed, timeout=SIGNAL_TIMEOUT_MS):
        preview.show_parts(ring_parts())

    left, right, bottom, top = preview.scene.screen_extent()
    assert max(right - left, top - bottom) / 2.0 > 0.5
    assert inside_view([left, right, bottom, top])


def test_zoomed_in_view_is_left_alone(qtbot, preview):
    show_and_wait(qtbot, preview, table_parts(length=1600.0), reset_camera=True)
    preview.plotter.camera.zoom(3.0)
    assert not inside_view(preview.scene.screen_extent())
    before = preview.camera()

    show_and_wait(qtbot, preview, table_parts(length=1700.0))

    assert not preview.is_framing
    assert preview.camera() == before


def test_preset_view_ends_glide(qtbot, preview):
    show_and_wait(qtbot, preview, table_parts(length=1600.0), reset_camera=True)
    show_and_wait(qtbot, preview, table_parts(length=5000.0))
    assert preview.is_framing

    preview.set_view("front")

    assert not preview.is_framing
    np.testing.assert_allclose(preview.plotter.camera.direction, (0, 1, 0), atol=1e-9)


def reduced_frame_on_screen(qtbot, preview) -> list[tuple[int, int]]:
    """Show a reduced frame of a ring under way; return the later render sizes."""
    show_and_wait(qtbot, preview, ring_parts(), reset_camera=True)
    preview.begin_interaction()
    show_and_wait(qtbot, preview, ring_parts(outer_radius=12.0))
    return render_sizes(preview)


def test_full_frame_waits_for_pending_parts(qtbot, preview):
    sizes = reduced_frame_on_screen(qtbot, preview)
    refined = []
    preview.refined.connect(lambda: refined.append(1))

    preview.end_interaction(parts_pending=True)
    # A frame requested meanwhile, here by a resize, stays reduced.
    preview.resize(330, 250)
    qtbot.wait(REFINE_WAIT_MS // 3)

    assert refined == []
    assert preview.frame_is_reduced
    assert sizes == [(165, 125)]
    with qtbot.waitSignal(preview.refined, timeout=SIGNAL_TIMEOUT_MS):
        preview.show_parts(ring_parts(outer_radius=13.0))
    assert not preview.frame_is_reduced
    assert sizes == [(165, 125), (330, 250)]


def test_full_frame_without_pending_parts(qtbot, preview):
    sizes = reduced_frame_on_screen(qtbot, preview)

    # The parts never come, as when their build failed.
    with qtbot.waitSignal(preview.refined, timeout=SIGNAL_TIMEOUT_MS):
        preview.end_interaction(parts_pending=True)

    assert not preview.frame_is_reduced
    assert sizes == [(320, 240)]


def test_full_frame_waits_for_newest_parts(qtbot, preview):
    sizes = reduced_frame_on_screen(qtbot, preview)
    preview.end_interaction(parts_pending=True)

    # Parts that a newer build already replaces render reduced.
    show_and_wait(qtbot, preview, ring_parts(outer_radius=12.5), newer_pending=True)

    assert preview.frame_is_reduced
    assert sizes == [(160, 120)]
    with qtbot.waitSignal(preview.refined, timeout=SIGNAL_TIMEOUT_MS):
        preview.show_parts(ring_parts(outer_radius=13.0))
    assert not preview.frame_is_reduced
    assert sizes == [(160, 120), (320, 240)]
