"""The live 3D preview widget of a product.

VTK renders the scene into an offscreen framebuffer and the widget paints the
pixels as an image, so the rest of the window stays a plain raster window.
With a ``QOpenGLWidget`` inside, Qt composes the whole window in OpenGL on
every repaint. In software OpenGL that cost 10 to 30 ms for each slider
step, label change or preview frame of the 1400 x 860 main window.

VTK and pyvista take about a second to import, so the widget imports them
on a background thread once it has painted its first frame, and creates its
render window when it first needs it. Until then it paints only the
backdrop, and the window that contains it opens without waiting for VTK.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QEventPoint,
    QImage,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTouchEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from rendering.backdrop import BACKGROUND_BOTTOM, BACKGROUND_TOP

if TYPE_CHECKING:
    import pyvista as pv

    from models3d.parts import Part
    from rendering.scene import ProductScene
    from rendering.surfaces import ShadedPart

logger = logging.getLogger(__name__)

# Maximum wait, in milliseconds, for further updates before a render.
MAX_RENDER_DELAY_MS = 16

# While the user drags a slider or the camera, frames are rendered at this
# fraction of the widget's width and height and scaled up when painted. A
# quarter of the pixels cost about 40 % of the time in software OpenGL, and
# the materials stay the same, only softer, until the full frame follows.
INTERACTIVE_SCALE = 0.5

# A press and release closer than this, in logical pixels (about 2.5 mm at
# 96 dpi), is a tap that picks a part rather than a drag that turns the view.
TAP_SLOP = 10.0

_NO_KEYS = Qt.KeyboardModifier.NoModifier

_TOUCH_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
    }
)

# When a change moves the product out of the view, or shrinks it to a small
# part of it, the camera glides to frame it again over this many
# milliseconds, stepping at most once per FRAMING_STEP_MS.
FRAMING_MS = 250
FRAMING_STEP_MS = 16

# When an interaction ends while new parts are still being built, the full
# frame waits up to this many milliseconds for them, so that a full frame
# of the outdated parts is not rendered only to be replaced at once.
REFINE_WAIT_MS = 300

_BUTTON_EVENTS = {
    Qt.MouseButton.LeftButton: ("LeftButtonPressEvent", "LeftButtonReleaseEvent"),
    Qt.MouseButton.MiddleButton: (
        "MiddleButtonPressEvent",
        "MiddleButtonReleaseEvent",
    ),
    Qt.MouseButton.RightButton: ("RightButtonPressEvent", "RightButtonReleaseEvent"),
}


class PreviewWidget(QWidget):
    """Interactive 3D view of a product's parts.

    Updates are coalesced: every ``show_parts``, ``set_view`` or
    ``show_dimensions`` call starts a single-shot timer unless one is
    already pending, and the timer renders one frame. The widget never
    renders while it is hidden or after it is closed. A pending render then
    runs when the widget is shown again.

    Between :meth:`begin_interaction` and :meth:`end_interaction`, for
    example while a slider is held, frames render at reduced size. The
    widget renders a full frame as soon as the interaction ends, or with
    the next parts when the caller reports that they are being built.
    Dragging in the view turns the camera the same way.

    The camera stays where the user turned it while parts change. When a
    change moves a corner of the parts' bounding box out of the view, or
    shrinks the parts to under a third of it, the camera glides over
    ``FRAMING_MS`` to frame them again. It keeps its view direction and
    view-up vector, so only its distance and aim change.

    Qt sends ``closeEvent`` only to the window being closed, not to its
    children, so the window that contains this widget must call ``close()``
    on it from its own ``closeEvent`` to release the render window.

    Parameters
    ----------
    parent
        Qt parent widget.
    multi_samples
        Multisample anti-aliasing samples of the render window. Software
        OpenGL renders several times slower with multisampling, so it is off
        by default.
    render_delay_ms
        Time in milliseconds that the widget waits for further updates before
        it renders, from 0 to 16. Updates that arrive while the event loop is
        busy share a frame even at 0.
    interactive_scale
        Fraction of the width and height rendered during an interaction,
        from 0.25 to 1.

    Attributes
    ----------
    rendered
        Signal emitted once the first frame that shows the latest
        ``show_parts``, ``set_view`` or ``show_dimensions`` call is on screen.
    refined
        Signal emitted when a full-size frame replaces the reduced frames of
        an interaction.
    camera_moved
        Signal emitted while the user turns, pans or zooms the view with the
        mouse or fingers, and at each step of a camera glide, so that a
        linked view can follow. :meth:`set_camera` does not emit it.
    part_picked
        Signal emitted with a part's name and material when a click or a
        tap lands on it.
    framed
        Signal emitted once the frame that ends a camera glide is on screen.

    One finger turns the view and two fingers pinch to zoom. Whatever the
    fingers did, lifting the last one ends the gesture and a full frame
    follows, and a cancelled touch sequence ends the same way.
    """

    rendered = Signal()
    refined = Signal()
    camera_moved = Signal()
    part_picked = Signal(str, str)

    framed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        multi_samples: int = 0,
        render_delay_ms: int = 0,
        interactive_scale: float = INTERACTIVE_SCALE,
    ) -> None:
        if not 0 <= render_delay_ms <= MAX_RENDER_DELAY_MS:
            raise ValueError(
                f"render_delay_ms={render_delay_ms} is out of range; use 0 to "
                f"{MAX_RENDER_DELAY_MS} milliseconds"
            )
        if not 0.25 <= interactive_scale <= 1.0:
            raise ValueError(
                f"interactive_scale={interactive_scale} is out of range; use a "
                "fraction from 0.25 to 1"
            )
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.WheelFocus)
        self.setMinimumSize(64, 64)

        self._closed = False
        self._render_pending = False
        self._report_pending = False
        self._refine_pending = False
        self._awaiting_parts = False
        self._interactions = 0
        self._interactive_scale = interactive_scale
        self._image = QImage()
        self._pixels = np.empty((0, 0, 4), dtype=np.uint8)
        self._reduced = False
        self._multi_samples = multi_samples
        self._plotter: pv.Plotter | None = None
        self._scene: ProductScene | None = None
        self._captions: tuple[str, ...] | None = None
        self._observers: list = []
        self._backdrop = QPixmap()
        self._materials: dict[str, str] = {}
        self._press_position: QPointF | None = None
        self._touch_mode: str | None = None
        self._touch_points: dict[int, QPointF] = {}
        self._touch_start = QPointF()
        self._touch_last = QPointF()
        self._touch_moved = False
        self._pinch_distance = 0.0

        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(render_delay_ms)
        self._render_timer.timeout.connect(self._render_now)

        self._refine_wait_timer = QTimer(self)
        self._refine_wait_timer.setSingleShot(True)
        self._refine_wait_timer.setInterval(REFINE_WAIT_MS)
        self._refine_wait_timer.timeout.connect(self._stop_awaiting_parts)

        self._framing_timer = QTimer(self)
        self._framing_timer.setInterval(FRAMING_STEP_MS)
        self._framing_timer.timeout.connect(self._step_framing)
        self._framing_clock = QElapsedTimer()
        self._framing_path: tuple[tuple, tuple] | None = None
        self._framed_pending = False

    @property
    def plotter(self) -> pv.Plotter:
        """The offscreen pyvista plotter that draws the scene.

        The first access creates the render window.
        """
        self._ensure_scene()
        return self._plotter

    @property
    def scene(self) -> ProductScene:
        """The scene of actors that the view shows.

        The first access creates the render window.
        """
        self._ensure_scene()
        return self._scene

    @property
    def view(self) -> str:
        """The preset view the camera is at, without creating the render window."""
        return "iso" if self._scene is None else self._scene.view

    def set_ruler_captions(
        self, width: str, depth: str, height: str, overall: str | None = None
    ) -> None:
        """Set the captions of the width, depth and height rulers.

        ``overall`` is the template of a length that parts standing out of
        the product's size make longer, ``DEFAULT_OVERALL`` if None (see
        :meth:`~rendering.dimensions.DimensionRulers.set_captions`).
        """
        captions = (width, depth, height)
        if overall is not None:
            captions += (overall,)
        self._captions = captions
        if self._scene is not None:
            self._scene.rulers.set_captions(*self._captions)

    @property
    def is_render_scheduled(self) -> bool:
        """Whether the render timer is running for a requested render."""
        return self._render_timer.isActive()

    @property
    def is_closed(self) -> bool:
        """Whether the widget was closed and its render window released."""
        return self._closed

    @property
    def is_interacting(self) -> bool:
        """Whether an interaction is under way, so frames render reduced."""
        return self._interactions > 0

    @property
    def is_framing(self) -> bool:
        """Whether the camera is gliding to frame changed parts."""
        return self._framing_path is not None

    @property
    def frame_is_reduced(self) -> bool:
        """Whether the frame on screen was rendered at reduced size."""
        return self._reduced

    def show_parts(
        self,
        parts: Sequence[Part | ShadedPart],
        reset_camera: bool = False,
        newer_pending: bool = False,
    ) -> None:
        """Show new parts and schedule a render.

        Parameters
        ----------
        parts
            Parts of one product, or parts already shaded on a worker thread;
            actors of known part names update in place.
        reset_camera
            Fit the camera to the parts at once, for example when the
            product changes. Otherwise the camera glides to frame the parts
            only when they outgrew the view or shrank a lot in it.
        newer_pending
            Whether newer parts are already being built. A full frame that
            waits for parts after an interaction then waits for those.

        Raises
        ------
        RuntimeError
            If the widget was closed.
        """
        self._check_open("show_parts")
        self._materials = {
            getattr(item, "part", item).name: getattr(item, "part", item).material
            for item in parts
        }
        if self._awaiting_parts and not newer_pending:
            self._stop_awaiting_parts()
        scene = self.scene
        previous = scene.bounds() if scene.actors else None
        scene.show_parts(parts, reset_camera=reset_camera)
        if reset_camera:
            self._stop_framing()
        elif self.is_framing or (
            previous is not None and scene.needs_framing(previous)
        ):
            # A glide under way aims again at the parts as they are now.
            self._start_framing()
        self._request_render()

    def set_view(self, name: str) -> None:
        """Move the camera to a preset view and schedule a render.

        Parameters
        ----------
        name
            One of ``"front"``, ``"top"``, ``"side"`` or ``"iso"``.
        """
        self._check_open("set_view")
        self._stop_framing()
        self.scene.set_view(name)
        self._request_render()

    def show_dimensions(self, visible: bool) -> None:
        """Show or hide the width, depth and height rulers and schedule a render."""
        self._check_open("show_dimensions")
        self.scene.show_dimensions(visible)
        self._request_render()

    def camera(self) -> tuple[tuple[float, float, float], ...]:
        """Return the camera as ``(position, focal_point, view_up)`` in mm."""
        position = self.plotter.camera_position
        return tuple(tuple(float(c) for c in point) for point in position)

    def set_camera(self, camera: Sequence[Sequence[float]]) -> None:
        """Move the camera to ``(position, focal_point, view_up)`` and render.

        Raises
        ------
        RuntimeError
            If the widget was closed.
        """
        self._check_open("set_camera")
        self._stop_framing()
        self.plotter.camera_position = [tuple(point) for point in camera]
        self._plotter.renderer.ResetCameraClippingRange()
        self._render_pending = True
        self._start_timer()

    def begin_interaction(self) -> None:
        """Render reduced frames until the matching :meth:`end_interaction`."""
        self._interactions += 1
        self._awaiting_parts = False
        self._refine_wait_timer.stop()

    def end_interaction(self, parts_pending: bool = False) -> None:
        """End an interaction and schedule a full frame after any reduced one.

        Parameters
        ----------
        parts_pending
            Whether new parts are being built for this view. The full
            frame then waits for the next :meth:`show_parts` without
            ``newer_pending``, or for ``REFINE_WAIT_MS`` if none comes, and
            any frame before it stays reduced.
        """
        if self._interactions == 0:
            return
        self._interactions -= 1
        if self._interactions > 0:
            return
        if parts_pending and not self._closed:
            self._awaiting_parts = True
            self._refine_wait_timer.start()
            return
        if self._reduced or self._render_pending:
            self._refine_pending = True
            if not self._closed:
                self._start_timer()

    def _stop_awaiting_parts(self) -> None:
        self._awaiting_parts = False
        self._refine_wait_timer.stop()
        self._refine_pending = True
        if not self._closed:
            self._start_timer()

    def grab_image(self) -> QImage:
        """Return the view at full size on its backdrop, rendering first if needed.

        A visible widget renders now when a render is pending or the frame on
        screen is reduced. A hidden widget returns its last frame, which is a
        null image before the first render.

        Returns
        -------
        QImage
            The 3D view at its size in device pixels.

        Raises
        ------
        RuntimeError
            If the widget was closed.
        """
        self._check_open("grab_image")
        if self.isVisible() and (
            self._render_pending or self._reduced or self._image.isNull()
        ):
            self._ensure_scene()
            self._render_now(reduce=False)
        if self._image.isNull():
            return QImage()
        image = QImage(self._image.size(), QImage.Format.Format_RGB32)
        painter = QPainter(image)
        painter.fillRect(image.rect(), _backdrop_gradient(image.height()))
        painter.drawImage(0, 0, self._image)
        painter.end()
        return image

    # Qt events -----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Paint the backdrop and the last frame over it, scaled to the widget."""
        if self._backdrop.size() != self.size():
            self._backdrop = QPixmap(self.size())
            backdrop_painter = QPainter(self._backdrop)
            backdrop_painter.fillRect(
                self._backdrop.rect(), _backdrop_gradient(self.height())
            )
            backdrop_painter.end()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._backdrop)
        if not self._image.isNull():
            if self._reduced:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.rect(), self._image)
        painter.end()
        if self._scene is None:
            # After the first paint, so that the import does not hold the
            # GIL while the window draws its first frame.
            QTimer.singleShot(0, _import_vtk_in_background)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Render again at the new size."""
        super().resizeEvent(event)
        if not self._closed and not self._image.isNull():
            self._render_pending = True
            self._start_timer()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Stop rendering and release the render window."""
        self._release()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Run a render that was requested while the widget was hidden."""
        super().showEvent(event)
        if self._render_pending and not self._closed:
            self._start_timer()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Start turning, panning or zooming the camera."""
        names = _BUTTON_EVENTS.get(event.button())
        if names is None or self._closed or self._scene is None:
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_position = event.position()
        self._forward_mouse(event.position(), event.modifiers(), names[0])

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Finish the camera move that the press started; a click picks a part."""
        names = _BUTTON_EVENTS.get(event.button())
        if names is None or self._closed or self._scene is None:
            return
        self._forward_mouse(event.position(), event.modifiers(), names[1])
        if event.button() == Qt.MouseButton.LeftButton:
            start, self._press_position = self._press_position, None
            if start is not None and _distance(start, event.position()) < TAP_SLOP:
                self._pick(event.position())

    def event(self, event: QEvent) -> bool:
        """Turn touch sequences into camera moves, pinch zoom and taps."""
        if event.type() in _TOUCH_EVENTS:
            if not self._closed and self._scene is not None:
                self._touch(event)
            event.accept()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Move the camera while a button is held."""
        if self._closed or self._scene is None:
            return
        self._forward_mouse(event.position(), event.modifiers(), "MouseMoveEvent")

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        """Zoom the camera in or out."""
        if self._closed or self._scene is None or event.angleDelta().y() == 0:
            return
        name = (
            "MouseWheelForwardEvent"
            if event.angleDelta().y() > 0
            else "MouseWheelBackwardEvent"
        )
        self._forward_mouse(event.position(), event.modifiers(), name)

    # Rendering -------------------------------------------------------------------

    def _request_render(self) -> None:
        self._render_pending = True
        self._report_pending = True
        self._start_timer()

    def _start_timer(self) -> None:
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _render_now(self, reduce: bool | None = None) -> None:
        if self._closed or not self.isVisible():
            # showEvent starts the timer again.
            return
        if self._scene is None:
            # Nothing was shown yet, and the backdrop is already painted.
            self._render_pending = False
            return
        if reduce is None:
            reduce = (
                self.is_interacting or self._awaiting_parts
            ) and self._interactive_scale < 1.0
        scale = self._interactive_scale if reduce else 1.0
        ratio = self.devicePixelRatioF()
        width = max(1, round(self.width() * ratio * scale))
        height = max(1, round(self.height() * ratio * scale))

        render_window = self._plotter.render_window
        if tuple(render_window.GetSize()) != (width, height):
            # UpdateSize resizes the render window and keeps the interactor's
            # idea of the window size, which mouse positions rely on, in step.
            self._plotter.iren.interactor.UpdateSize(width, height)
        self._render_pending = False
        # NOTE: the frame renders in one call on the GUI thread. While a
        # slider moved on a busy 2-core machine, frames took 20 to 32 ms
        # (median) and up to 74 ms, which stalls the event loop as long.
        render_window.Render()
        self._read_pixels(width, height)
        self._reduced = reduce
        if reduce:
            self._refine_pending = True
        self.repaint()

        if self._report_pending:
            self._report_pending = False
            self.rendered.emit()
        if self._framed_pending and not self.is_framing:
            self._framed_pending = False
            self.framed.emit()
        if (
            not reduce
            and self._refine_pending
            and not (self.is_interacting or self._awaiting_parts)
        ):
            self._refine_pending = False
            self.refined.emit()

    def _read_pixels(self, width: int, height: int) -> None:
        from rendering.offscreen import read_pixels

        # The image paints straight from this array, which lives until the
        # next frame replaces it.
        self._pixels = read_pixels(self._plotter.render_window, self._readback)
        # Over the transparent background VTK blends each colour with alpha,
        # so the pixels are premultiplied, as Qt composes them fastest.
        self._image = QImage(
            self._pixels.data,
            width,
            height,
            4 * width,
            QImage.Format.Format_RGBA8888_Premultiplied,
        )

    def _ensure_scene(self) -> None:
        """Create the render window and the scene on first use."""
        if self._scene is not None:
            return
        self._check_open("create the scene")
        import pyvista as pv
        from vtkmodules.vtkCommonCore import vtkUnsignedCharArray

        from rendering.offscreen import prefer_egl_without_display
        from rendering.scene import ProductScene

        self._readback = vtkUnsignedCharArray()
        prefer_egl_without_display()
        self._plotter = pv.Plotter(off_screen=True, window_size=(320, 240))
        self._plotter.render_window.SetMultiSamples(self._multi_samples)
        self._scene = ProductScene(self._plotter)
        if self._captions is not None:
            self._scene.rulers.set_captions(*self._captions)
        self._clear_background()
        self._set_up_interactor()
        logger.debug("preview render window created")

    def _clear_background(self) -> None:
        # VTK's gradient background took about a third of a frame (20 ms of
        # 60 ms for the ring at 672 x 812 in llvmpipe), so VTK clears to
        # transparent and the widget paints the gradient from a cached pixmap.
        renderer = self._plotter.renderer
        renderer.SetGradientBackground(False)
        renderer.SetBackground(0.0, 0.0, 0.0)
        renderer.SetBackgroundAlpha(0.0)
        self._plotter.render_window.SetAlphaBitPlanes(1)

    # Camera framing --------------------------------------------------------------

    def _start_framing(self) -> None:
        camera = self._plotter.camera
        start = (camera.GetPosition(), camera.GetFocalPoint(), camera.GetViewAngle())
        self._framing_path = (start, self._scene.fitted_camera())
        self._framing_clock.start()
        self._framed_pending = False
        if not self._framing_timer.isActive():
            self._framing_timer.start()
        logger.debug("camera framing the changed parts")

    def _step_framing(self) -> None:
        if self._framing_path is None or self._closed:
            self._framing_timer.stop()
            return
        start, end = self._framing_path
        progress = min(1.0, self._framing_clock.elapsed() / FRAMING_MS)
        # Ease out: quick at first, settling gently on the new framing.
        weight = 1.0 - (1.0 - progress) ** 3
        position, focal_point, view_angle = (
            _lerp(start[0], end[0], weight),
            _lerp(start[1], end[1], weight),
            start[2] + (end[2] - start[2]) * weight,
        )
        self._scene.place_camera(position, focal_point, view_angle)
        if progress >= 1.0:
            self._framing_path = None
            self._framing_timer.stop()
            self._framed_pending = True
        self._render_pending = True
        self._start_timer()
        self.camera_moved.emit()

    def _stop_framing(self) -> None:
        self._framing_path = None
        self._framed_pending = False
        self._framing_timer.stop()

    # Camera interaction ----------------------------------------------------------

    def _set_up_interactor(self) -> None:
        self._plotter.enable_trackball_style()
        interactor = self._plotter.iren.interactor
        # The interactor style would render the window itself on every mouse
        # move; the widget renders instead, through its timer.
        interactor.EnableRenderOff()
        interactor.Initialize()
        self._observers = [
            (interactor, interactor.AddObserver("RenderEvent", self._on_camera_moved)),
        ]
        style = interactor.GetInteractorStyle()
        self._observers += [
            (style, style.AddObserver("StartInteractionEvent", self._on_drag_start)),
            (style, style.AddObserver("EndInteractionEvent", self._on_drag_end)),
        ]

    def _render_window_point(self, position: QPointF) -> tuple[int, int]:
        """Map a logical widget position to render-window pixels, y down."""
        width, height = self._plotter.render_window.GetSize()
        x = round(position.x() * width / max(1, self.width()))
        y = round(position.y() * height / max(1, self.height()))
        return x, y

    def _forward_mouse(self, position: QPointF, modifiers, event_name: str) -> None:
        x, y = self._render_window_point(position)
        interactor = self._plotter.iren.interactor
        interactor.SetEventInformationFlipY(
            x,
            y,
            int(bool(modifiers & Qt.KeyboardModifier.ControlModifier)),
            int(bool(modifiers & Qt.KeyboardModifier.ShiftModifier)),
        )
        getattr(interactor, event_name)()

    def _on_camera_moved(self, _caller: object, _event: str) -> None:
        if not self._closed:
            self._render_pending = True
            self._start_timer()
            self.camera_moved.emit()

    def _on_drag_start(self, _caller: object, _event: str) -> None:
        # The user takes the camera over from a glide under way.
        self._stop_framing()
        self.begin_interaction()

    def _on_drag_end(self, _caller: object, _event: str) -> None:
        self.end_interaction()

    # Picking and touch ------------------------------------------------------------

    def part_at(self, position: QPointF) -> str | None:
        """Return the name of the part under ``position``, in logical pixels.

        The position is mapped to the render window's device pixels, so the
        result is the same at any device-pixel ratio and in reduced frames.
        """
        if self._closed or self._scene is None:
            return None
        from vtkmodules.vtkRenderingCore import vtkCellPicker

        x, y = self._render_window_point(position)
        height = self._plotter.render_window.GetSize()[1]
        picker = vtkCellPicker()
        picker.SetTolerance(0.0005)
        if not picker.Pick(x, height - 1 - y, 0, self._plotter.renderer):
            return None
        actor = picker.GetActor()
        for name, candidate in self._scene.actors.items():
            if candidate is actor:
                return name
        return None

    def _pick(self, position: QPointF) -> None:
        name = self.part_at(position)
        if name is not None:
            logger.debug("picked part %s", name)
            self.part_picked.emit(name, self._materials.get(name, ""))

    def _touch(self, event: QTouchEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._end_touch(pick=False)
            return
        for point in event.points():
            state = point.state()
            if state == QEventPoint.State.Released:
                self._touch_points.pop(point.id(), None)
            elif state != QEventPoint.State.Stationary:
                # A stationary point keeps its last position, which some
                # touch drivers do not repeat.
                self._touch_points[point.id()] = point.position()
        down = list(self._touch_points.values())
        if not down:
            self._end_touch(pick=True)
        elif len(down) == 1 and self._touch_mode is None:
            self._touch_mode = "turn"
            self._touch_start = self._touch_last = down[0]
            self._touch_moved = False
            self._forward_mouse(self._touch_start, _NO_KEYS, "LeftButtonPressEvent")
        elif len(down) == 1 and self._touch_mode == "turn":
            self._touch_last = down[0]
            if _distance(self._touch_start, self._touch_last) >= TAP_SLOP:
                self._touch_moved = True
            self._forward_mouse(self._touch_last, _NO_KEYS, "MouseMoveEvent")
        elif len(down) >= 2:
            self._pinch(down[0], down[1])

    def _pinch(self, first: QPointF, second: QPointF) -> None:
        distance = max(1.0, _distance(first, second))
        if self._touch_mode != "pinch":
            if self._touch_mode == "turn":
                self._forward_mouse(
                    self._touch_last, _NO_KEYS, "LeftButtonReleaseEvent"
                )
            self._touch_mode = "pinch"
            self._pinch_distance = distance
            # The fingers take the camera over from a glide under way.
            self._stop_framing()
            self.begin_interaction()
            return
        # Dolly, as the mouse wheel does: the camera moves closer, so the
        # perspective stays that of the preset views.
        camera = self._plotter.renderer.GetActiveCamera()
        camera.Dolly(distance / self._pinch_distance)
        self._pinch_distance = distance
        self._plotter.renderer.ResetCameraClippingRange()
        self._render_pending = True
        self._start_timer()
        self.camera_moved.emit()

    def _end_touch(self, pick: bool) -> None:
        self._touch_points.clear()
        mode, self._touch_mode = self._touch_mode, None
        if mode == "turn":
            self._forward_mouse(self._touch_last, _NO_KEYS, "LeftButtonReleaseEvent")
            if pick and not self._touch_moved:
                self._pick(self._touch_last)
        elif mode == "pinch":
            self.end_interaction()

    def _check_open(self, action: str) -> None:
        if self._closed:
            raise RuntimeError(
                f"cannot {action} on a closed preview; create a new PreviewWidget"
            )

    def _release(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._render_timer.stop()
        self._refine_wait_timer.stop()
        self._framing_timer.stop()
        for subject, tag in self._observers:
            subject.RemoveObserver(tag)
        self._observers = []
        if self._plotter is not None:
            self._plotter.close()
        logger.debug("preview closed and its render window released")


def _distance(first: QPointF, second: QPointF) -> float:
    delta = first - second
    return float(np.hypot(delta.x(), delta.y()))


def _lerp(start: Sequence[float], end: Sequence[float], weight: float) -> tuple:
    return tuple(a + (b - a) * weight for a, b in zip(start, end, strict=True))


def _backdrop_gradient(height: int) -> QLinearGradient:
    """Return the studio backdrop, light at the top, as in offscreen images."""
    gradient = QLinearGradient(0.0, 0.0, 0.0, float(max(1, height)))
    gradient.setColorAt(0.0, QColor(BACKGROUND_TOP))
    gradient.setColorAt(1.0, QColor(BACKGROUND_BOTTOM))
    return gradient


_vtk_import_started = threading.Event()


def _import_vtk_in_background() -> None:
    """Import the scene's modules on a thread, once per process.

    A widget that needs them before the thread is done waits for it through
    Python's import lock, so no module is imported twice.
    """
    if _vtk_import_started.is_set():
        return
    _vtk_import_started.set()

    def work() -> None:
        try:
            # trimesh first, as the geometry worker imports it before the
            # shader, so that both threads take the import locks in the
            # same order.
            import trimesh  # noqa: F401

            import rendering.offscreen  # noqa: F401
            import rendering.scene  # noqa: F401
        except ImportError:
            # The widget imports them again when it needs them and reports
            # the error then.
            logger.warning("importing VTK in the background failed", exc_info=True)
            return
        logger.debug("VTK and the scene modules imported")

    threading.Thread(target=work, name="vtk-import", daemon=True).start()
