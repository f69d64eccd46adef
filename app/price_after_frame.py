"""The full price of a live preview's newest build, worked out after its frame.

Measuring a ring's or a shoe's parts for the price (is every part a closed
solid, volume, area) takes 10 to 20 ms of CPU. The studio, the kiosk and
the comparison view build their previews without it, show the frame, and
then measure the parts on the thread pool, so the frame does not share the
cores with the measuring.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.live_price import LivePrice, StoreRead
from app.preview_geometry import measure_ahead
from app.workers import run_in_background
from designer.session import DesignSession

logger = logging.getLogger(__name__)

# Maximum wait for a change's frame before its parts are measured for the
# price anyway. Frames took 10 to 60 ms in the preview benchmark (2 cores).
PRICE_WAIT_MS = 250


class PriceAfterFrame(QObject):
    """Price the newest build's parts once the preview shows them in full.

    The owner hands every build it shows to :meth:`parts_shown`. Those
    parts wait for the next full-size frame of ``preview``, or for
    ``PRICE_WAIT_MS`` if no frame comes, as in a hidden window. They are
    then measured on the thread pool, which reads the store's settings
    again too, and priced on the GUI thread. While
    the owner reports a slider held (:meth:`set_slider_held`), shown parts
    wait for its release instead.

    Only the newest build is priced. ``is_newest(request_id)`` is called
    before the parts wait, before each part is measured and when their
    measuring ends, so a change made meanwhile stops the measuring and
    drops the older result. The calls between parts come from the thread
    pool, so ``is_newest`` must be safe to call there. ``live_price`` is therefore
    measured only from the parts on screen. Until the newest build is
    priced, it reports its last full price as updating, which the windows
    show in grey.

    Signals
    -------
    measured()
        ``live_price`` contains the full price of the newest build, or it was
        reset after ``failed``. The owner shows the price again.
    failed(error)
        Pricing the newest build failed with ``error``, a ``ValueError``
        (a material without a price in the store's currency, or an invalid
        stored setting). :func:`app.domain_text.error_text` words it in the
        interface language, again after a language switch.
    """

    measured = Signal()
    failed = Signal(object)

    def __init__(
        self,
        live_price: LivePrice,
        preview,
        is_newest: Callable[[int], bool],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.live_price = live_price
        self._preview = preview
        self._is_newest = is_newest
        self._slider_held = False
        # Parts shown but not yet priced, with their request id and session.
        # While a slider is held they wait in _unpriced for its release, and
        # otherwise in _waiting for their frame.
        self._unpriced: tuple[int, DesignSession, object] | None = None
        self._waiting: tuple[int, DesignSession, object] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PRICE_WAIT_MS)
        self._timer.timeout.connect(self._price_waiting)
        preview.rendered.connect(self._frame_rendered)
        # The full frame that replaces an interaction's reduced frames.
        preview.refined.connect(self._price_waiting)

    def parts_shown(self, request_id: int, session: DesignSession, parts) -> None:
        """Price ``parts``, just handed to the preview, after their frame.

        ``session`` is the design the parts were built from. Parts of a
        request that is not the newest are ignored.
        """
        if not self._is_newest(request_id):
            return
        if self._slider_held:
            self._unpriced = (request_id, session, parts)
        else:
            self._wait_for_frame(request_id, session, parts)

    def set_slider_held(self, held: bool) -> None:
        """Keep shown parts unpriced while a slider is held, and price them after.

        On release the parts wait for the full frame that follows, which
        the preview reports with ``refined``.
        """
        self._slider_held = held
        if held:
            return
        unpriced, self._unpriced = self._unpriced, None
        if unpriced is not None and self._is_newest(unpriced[0]):
            self._wait_for_frame(*unpriced)

    def stop(self) -> None:
        """Forget the parts still waiting, as when the owner closes."""
        self._timer.stop()
        self._unpriced = None
        self._waiting = None

    def build_failed(self) -> None:
        """Show the catalog price once the newest build has failed.

        No full price can follow that build, and the last one is another
        design's, so ``live_price`` drops it and ``measured`` lets the owner
        show the catalog lines, marked as without materials and tax.
        """
        self.stop()
        self.live_price.reset()
        self.measured.emit()

    def _wait_for_frame(self, request_id: int, session: DesignSession, parts) -> None:
        self._waiting = (request_id, session, parts)
        self._timer.start()

    def _frame_rendered(self) -> None:
        # A reduced frame, drawn while the user turns the view, is followed
        # by ``refined`` once the full frame is on screen.
        if not self._slider_held and not self._preview.frame_is_reduced:
            self._price_waiting()

    def _price_waiting(self) -> None:
        self._timer.stop()
        waiting, self._waiting = self._waiting, None
        if waiting is not None and self._is_newest(waiting[0]):
            self._measure_in_background(*waiting)

    def _measure_in_background(
        self, request_id: int, session: DesignSession, parts
    ) -> None:
        """Measure the parts and read the store's settings off the GUI thread.

        The price is then worked out on the GUI thread, which owns the
        session. trimesh caches the results on each mesh, so that took
        under 2 ms for a shoe (see :func:`measure_ahead`).
        """
        live_price = self.live_price

        def work() -> StoreRead | None:
            measured = measure_ahead(
                [getattr(part, "part", part) for part in parts],
                cancelled=lambda: not self._is_newest(request_id),
            )
            # A newer design's parts replace these, and done() drops them.
            return live_price.read_store() if measured else None

        def done(store: StoreRead | None) -> None:
            if self._is_newest(request_id):
                self._price(session, parts, store)

        def failed(message: str) -> None:
            # Without a new read, the last store settings read price the parts.
            logger.warning("measuring the parts for the price failed: %s", message)
            done(None)

        run_in_background(work, done, failed, self)

    def _price(self, session: DesignSession, parts, store: StoreRead | None) -> None:
        try:
            self.live_price.measure(session, parts, store)
        except ValueError as error:
            logger.warning("full price of %s failed: %s", session.model.id, error)
            self.failed.emit(error)
        self.measured.emit()
