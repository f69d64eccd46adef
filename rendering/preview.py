"""The live 3D preview widget of a product."""

from __future__ import annotations

import logging
from collections.abc import Sequence

# PySide6 is imported before pyvistaqt on purpose. qtpy 2.4, which pyvistaqt
# uses, keeps a binding that is already imported (unless FORCE_QT_API is set)
# and would otherwise try PyQt5 first.
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pyvistaqt import QtInteractor

from models3d.parts import Part
from rendering.scene import ProductScene

logger = logging.getLogger(__name__)

# Render requests that arrive within this many milliseconds share one frame,
# about one frame at 60 Hz.
RENDER_DELAY_MS = 16


class PreviewWidget(QWidget):
    """Interactive 3D view of a product's parts.

    Updates are coalesced: every ``show_parts`` or ``set_view`` call starts a
    short single-shot timer unless one is already pending, and the timer
    schedules one repaint of the VTK view. The widget never renders while it
    is hidden or after it is closed. A pending render then runs when the
    widget is shown again.

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
        it renders, from 0 to 16.

    Attributes
    ----------
    rendered
        Signal emitted after the first render that shows the parts or camera
        of the latest ``show_parts`` or ``set_view`` call.
    """

    rendered = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        multi_samples: int = 0,
        render_delay_ms: int = RENDER_DELAY_MS,
    ) -> None:
        if not 0 <= render_delay_ms <= RENDER_DELAY_MS:
            raise ValueError(
                f"render_delay_ms={render_delay_ms} is out of range; use 0 to "
                f"{RENDER_DELAY_MS} milliseconds"
            )
        super().__init__(parent)
        self._closed = False
        self._render_pending = False
        self._report_pending = False

        # auto_update=False: pyvistaqt would otherwise re-render five times a
        # second whether or not anything changed.
        self._interactor = QtInteractor(
            self, multi_samples=multi_samples, auto_update=False
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._interactor)

        self._scene = ProductScene(self._interactor)
        self._render_observer = self._interactor.render_window.AddObserver(
            "EndEvent", self._on_render_end
        )

        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(render_delay_ms)
        self._render_timer.timeout.connect(self._render_now)

    @property
    def interactor(self) -> QtInteractor:
        """The pyvistaqt interactor that draws the scene."""
        return self._interactor

    @property
    def scene(self) -> ProductScene:
        """The scene of actors that the view shows."""
        return self._scene

    @property
    def is_render_scheduled(self) -> bool:
        """Whether the render timer is running for a requested render."""
        return self._render_timer.isActive()

    @property
    def is_closed(self) -> bool:
        """Whether the widget was closed and its render window released."""
        return self._closed

    def show_parts(self, parts: Sequence[Part], reset_camera: bool = False) -> None:
        """Show new parts and schedule a render.

        Parameters
        ----------
        parts
            Parts of one product; actors of known part names update in place.
        reset_camera
            Fit the camera to the parts, for example when the product changes.

        Raises
        ------
        RuntimeError
            If the widget was closed.
        """
        self._check_open("show_parts")
        self._scene.show_parts(parts, reset_camera=reset_camera)
        self._request_render()

    def set_view(self, name: str) -> None:
        """Move the camera to a preset view and schedule a render.

        Parameters
        ----------
        name
            One of ``"front"``, ``"top"``, ``"side"`` or ``"iso"``.
        """
        self._check_open("set_view")
        self._scene.set_view(name)
        self._request_render()

    def grab_image(self) -> QImage:
        """Render the view now and return its pixels.

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
        return self._interactor.grabFramebuffer()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Stop rendering and release the render window."""
        self._release()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Run a render that was requested while the widget was hidden."""
        super().showEvent(event)
        if self._render_pending:
            self._request_render()

    def _request_render(self) -> None:
        self._render_pending = True
        self._report_pending = True
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _render_now(self) -> None:
        if self._closed or not self.isVisible():
            # showEvent requests the render again.
            return
        self._render_pending = False
        # update() schedules paintGL, which renders the VTK scene once.
        # QtInteractor.render() would render now and then again in paintGL.
        self._interactor.update()

    def _on_render_end(self, _caller: object, _event: str) -> None:
        if self._report_pending and not self._render_pending:
            self._report_pending = False
            self.rendered.emit()

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
        render_window = self._interactor.render_window
        if render_window is not None:
            render_window.RemoveObserver(self._render_observer)
        self._interactor.close()
        logger.debug("preview closed and its render window released")
