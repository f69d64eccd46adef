"""The in-store kiosk: a full-screen, touch-only studio for customers.

A customer browses the catalog as big tiles, customises one product with
steppers and buttons, and saves the design under a short code that staff
open later. There are no menus and no way to another window: the window is
frameless, rejects close requests, and only a staff PIN ends kiosk mode.
After a period without input it warns, then clears everything the customer
entered.

Text such as an engraving is typed on Qt Virtual Keyboard, with English and
pinyin layouts, shown at the bottom of the window. When it cannot load, the
kiosk uses its own smaller keyboard beside the editors.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import heap, i18n
from app.build_failure import build_failure_text
from app.building_note import BuildingNote
from app.domain_text import error_text
from app.i18n import format_money
from app.keyboard import OnScreenKeyboard, touch_target_px
from app.kiosk_editors import TextField, TouchEditor, make_touch_editor
from app.kiosk_repair import RepairOverlay, big_button
from app.live_price import LivePrice, PriceState
from app.main_window import _catalog_order
from app.parameter_panel import withheld_reason
from app.preview_geometry import GeometryBuilder
from app.price_after_frame import PriceAfterFrame
from app.qr import qr_image
from app.reworded_notice import RewordedNotice
from app.values import MovedValues, part_parameter, picked_text
from app.virtual_keyboard import VirtualKeyboard, load_virtual_keyboard
from app.workers import LatestOnlyWorker
from designer.catalog import Catalog
from designer.kiosk_designs import (
    KioskPinLockedError,
    check_kiosk_pin,
    has_kiosk_pin,
    save_kiosk_design,
)
from designer.session import Change, DesignSession, RepairProposal
from designer.unit_spacing import keep_units
from rendering.preview import PreviewWidget
from storage.repositories import popular_products

logger = logging.getLogger(__name__)

IDLE_TIMEOUT_MS = 120_000
WARNING_MS = 20_000
POPULAR_COUNT = 4
QR_PREFIX = "ATELIER-DESIGN:"
INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class KioskWindow(QWidget):
    """The customer's full-screen studio.

    Parameters
    ----------
    catalog, database
        The products on offer, and the database that stores saved designs
        and the staff PIN.
    idle_timeout_ms
        Time without input before the idle warning shows.
    warning_ms
        Time the warning counts down before the kiosk resets.
    show_preview
        Show the 3D preview of the design on the customise screen.

    Signals
    -------
    design_saved(code)
        A design was stored under ``code``.
    session_reset()
        Everything the last customer entered was forgotten.
    preview_updated()
        The preview shows the newest design.
    price_measured()
        The price shown is the full price of the design in the preview,
        measured after its frame.
    """

    design_saved = Signal(str)
    session_reset = Signal()
    preview_updated = Signal()
    price_measured = Signal()
    idle_warning_shown = Signal()

    def __init__(
        self,
        catalog: Catalog,
        database,
        idle_timeout_ms: int = IDLE_TIMEOUT_MS,
        warning_ms: int = WARNING_MS,
        show_preview: bool = True,
        multi_samples: int = 0,
    ) -> None:
        super().__init__()
        self.setObjectName("kiosk")
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.catalog = catalog
        self.database = database
        self.language = i18n.current_language()
        self.session: DesignSession | None = None
        self._moved = MovedValues()
        self.live_price = LivePrice(database)
        self.editors: dict[str, TouchEditor] = {}
        self.editor_labels: dict[str, QLabel] = {}
        self.side = touch_target_px(self) * 2
        self._may_close = False
        self._request = 0

        self._geometry = GeometryBuilder()
        self.worker = LatestOnlyWorker(self._geometry, self)
        self.worker.finished.connect(self._geometry_ready)
        self.worker.failed.connect(self._geometry_failed)
        self.preview = None
        self.pricer: PriceAfterFrame | None = None
        if show_preview:
            self.preview = PreviewWidget(self, multi_samples=multi_samples)
            self.preview.setObjectName("kiosk_preview")
            self.preview.rendered.connect(self.preview_updated)
            heap.freeze_after_first_frame(self.preview.rendered)
            self.preview.part_picked.connect(self._part_picked)
            self.building_note = BuildingNote(self.preview)
            self.pricer = PriceAfterFrame(
                self.live_price, self.preview, self.is_newest_request, self
            )
            self.pricer.measured.connect(self._price_measured)
            self.pricer.failed.connect(self._price_failed)

        # Qt Virtual Keyboard, or None when the built-in keyboard is used.
        self.virtual_keyboard: VirtualKeyboard | None = load_virtual_keyboard(self)
        self.stack = QStackedWidget(self)
        self._build_start_page()
        self._build_design_page()
        self._build_saved_page()
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        layout.addWidget(self.stack, 1)
        if self.virtual_keyboard is not None:
            self.keyboard = self.virtual_keyboard
            self.keyboard.done.connect(self._typing_done)
            # Centred, as wide as the window up to the keyboard's maximum.
            row = QHBoxLayout()
            row.addStretch(0)
            row.addWidget(self.keyboard, 1)
            row.addStretch(0)
            layout.addLayout(row)

        self.repair_overlay = RepairOverlay(self.side, self)
        self.repair_overlay.accepted.connect(self.apply_repair)
        self._build_idle_overlay(warning_ms)
        self._build_pin_overlay()
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(idle_timeout_ms)
        self.idle_timer.timeout.connect(self.show_idle_warning)
        QApplication.instance().installEventFilter(self)
        self.retranslate()

    # Layout ------------------------------------------------------------------

    def _big_button(self, name: str, parent: QWidget) -> QPushButton:
        return big_button(name, parent, self.side)

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("kiosk_heading")
        self.heading.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.language_button = self._big_button("kiosk_language", self)
        self.language_button.clicked.connect(self.toggle_language)
        self.staff_button = self._big_button("kiosk_staff", self)
        self.staff_button.clicked.connect(self.show_pin_pad)
        header.addWidget(self.heading, 1)
        header.addWidget(self.language_button)
        header.addWidget(self.staff_button)
        return header

    def _build_start_page(self) -> None:
        page = QWidget(self)
        page.setObjectName("kiosk_start")
        layout = QVBoxLayout(page)
        self.popular_title = QLabel(page)
        self.popular_title.setStyleSheet("font-size: 18pt;")
        layout.addWidget(self.popular_title)
        self.popular_row = QHBoxLayout()
        layout.addLayout(self.popular_row)
        self.catalog_title = QLabel(page)
        self.catalog_title.setStyleSheet("font-size: 18pt;")
        layout.addWidget(self.catalog_title)
        tiles = QWidget(page)
        self.tile_grid = QGridLayout(tiles)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(tiles)
        layout.addWidget(scroll, 1)
        self.tiles: dict[str, QPushButton] = {}
        models = sorted(self.catalog.models.values(), key=_catalog_order)
        for index, model in enumerate(models):
            tile = self._tile(f"kiosk_tile_{model.id}", model.id, tiles)
            self.tile_grid.addWidget(tile, index // 4, index % 4)
            self.tiles[model.id] = tile
        self.popular: dict[str, QPushButton] = {}
        for model_id in self._popular_ids():
            tile = self._tile(f"kiosk_popular_{model_id}", model_id, page)
            self.popular_row.addWidget(tile)
            self.popular[model_id] = tile
        self.popular_row.addStretch(1)
        self.stack.addWidget(page)
        self.start_page = page

    def _tile(self, name: str, model_id: str, parent: QWidget) -> QPushButton:
        tile = QPushButton(parent)
        tile.setObjectName(name)
        # Four tiles and their margins fit in a row 1280 pixels wide.
        tile.setMinimumSize(self.side * 3, self.side * 2)
        tile.setStyleSheet("font-size: 16pt; padding: 12px;")
        tile.clicked.connect(lambda: self.open_model(model_id))
        return tile

    def _popular_ids(self) -> list[str]:
        """Return the catalog models most bought in the store, for anyone.

        The list counts buyers across all customers, so it reveals nothing
        about the customer at the kiosk.
        """
        if self.database is None:
            return []
        with self.database.session(readonly=True) as db_session:
            ranked = popular_products(db_session)
        ids = [pid for pid, _ in ranked if pid in self.catalog.models]
        return ids[:POPULAR_COUNT]

    def _build_design_page(self) -> None:
        page = QWidget(self)
        page.setObjectName("kiosk_design")
        layout = QHBoxLayout()
        if self.preview is not None:
            layout.addWidget(self.preview, 1)
        column = QVBoxLayout()
        self.title = QLabel(page)
        self.title.setObjectName("kiosk_title")
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        column.addWidget(self.title)
        self.editor_area = QWidget(page)
        self.editor_form = QGridLayout()
        # The stretch keeps the options at the top when few are shown.
        area_layout = QVBoxLayout(self.editor_area)
        area_layout.addLayout(self.editor_form)
        area_layout.addStretch(1)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor_area)
        column.addWidget(scroll, 1)
        self.editor_scroll = scroll
        self.keyboard_target: TextField | None = None
        if self.virtual_keyboard is None:
            self._build_fallback_keyboard(page, column)
        self.notice = QLabel(page)
        self.notice.setObjectName("kiosk_notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("font-size: 14pt; color: #8a3b00;")
        column.addWidget(self.notice)
        # A pricing failure on the notice label, worded again on a language
        # switch and cleared once a full price is shown.
        self.price_notice = RewordedNotice(self.notice)
        # A change's notice (what moved with it, or why it was rejected) and a
        # tapped part's note, worded again on a language switch.
        self.change_notice = RewordedNotice(self.notice)
        self.picked_notice = RewordedNotice(self.notice)
        self.build_notice = RewordedNotice(self.notice)
        self.price = QLabel(page)
        self.price.setObjectName("kiosk_price")
        self.price.setStyleSheet("font-size: 22pt; font-weight: bold;")
        column.addWidget(self.price)
        # The buttons span the page, so that long labels fit at 1280 pixels.
        buttons = QHBoxLayout()
        self.back_button = self._big_button("kiosk_back", page)
        self.back_button.clicked.connect(self.show_start)
        self.undo_button = self._big_button("kiosk_undo", page)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = self._big_button("kiosk_redo", page)
        self.redo_button.clicked.connect(self.redo)
        self.save_button = self._big_button("kiosk_save", page)
        self.save_button.clicked.connect(self.save)
        for button in (self.back_button, self.undo_button, self.redo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(column, 1)
        page_layout = QVBoxLayout(page)
        page_layout.addLayout(layout, 1)
        page_layout.addLayout(buttons)
        self.stack.addWidget(page)
        self.design_page = page

    def _build_fallback_keyboard(self, page: QWidget, column: QVBoxLayout) -> None:
        # The keyboard types into this hidden field while no text is open.
        self._no_target = QLineEdit(page)
        self._no_target.hide()
        self.keyboard = OnScreenKeyboard(self._no_target, page)
        self.keyboard.done.connect(self._typing_done)
        self.keyboard.hide()
        column.addWidget(self.keyboard)

    def _build_saved_page(self) -> None:
        page = QWidget(self)
        page.setObjectName("kiosk_saved")
        layout = QVBoxLayout(page)
        self.saved_text = QLabel(page)
        self.saved_text.setWordWrap(True)
        self.saved_text.setStyleSheet("font-size: 18pt;")
        self.code_label = QLabel(page)
        self.code_label.setObjectName("kiosk_code")
        self.code_label.setStyleSheet(
            "font-size: 48pt; font-weight: bold; letter-spacing: 8px;"
        )
        self.code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.NoTextInteraction
        )
        self.qr_label = QLabel(page)
        self.qr_label.setObjectName("kiosk_qr")
        self.finish_button = self._big_button("kiosk_finish", page)
        self.finish_button.clicked.connect(self.reset)
        # A word-wrapped label gets its full height only without an
        # alignment flag in the layout, so it centres its own text.
        self.saved_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.saved_text)
        for widget in (self.code_label, self.qr_label):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.stack.addWidget(page)
        self.saved_page = page

    def _build_idle_overlay(self, warning_ms: int) -> None:
        overlay = QWidget(self)
        overlay.setObjectName("kiosk_idle")
        overlay.setAutoFillBackground(True)
        overlay.setStyleSheet("#kiosk_idle { background: rgba(255, 255, 255, 240); }")
        layout = QVBoxLayout(overlay)
        layout.addStretch(1)
        self.idle_text = QLabel(overlay)
        self.idle_text.setObjectName("kiosk_idle_text")
        self.idle_text.setStyleSheet("font-size: 28pt;")
        self.idle_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.idle_text)
        self.continue_button = self._big_button("kiosk_continue", overlay)
        self.continue_button.clicked.connect(self.dismiss_idle_warning)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        overlay.hide()
        self.idle_overlay = overlay
        self.warning_ms = warning_ms
        self.countdown = QTimer(self)
        self.countdown.setInterval(min(1000, warning_ms))
        self.countdown.timeout.connect(self._count_down)

    def _build_pin_overlay(self) -> None:
        overlay = QWidget(self)
        overlay.setObjectName("kiosk_pin")
        overlay.setAutoFillBackground(True)
        layout = QVBoxLayout(overlay)
        self.pin_text = QLabel(overlay)
        self.pin_text.setObjectName("kiosk_pin_text")
        self.pin_text.setWordWrap(True)
        self.pin_text.setStyleSheet("font-size: 18pt;")
        self.pin_dots = QLabel(overlay)
        self.pin_dots.setStyleSheet("font-size: 28pt;")
        layout.addWidget(self.pin_text)
        layout.addWidget(self.pin_dots)
        grid = QGridLayout()
        self.pin_keys: dict[str, QPushButton] = {}
        for index, key in enumerate("123456789C0⌫"):
            button = self._big_button(f"kiosk_pin_{key}", overlay)
            button.setText(key)
            button.clicked.connect(lambda _=False, k=key: self._pin_key(k))
            grid.addWidget(button, index // 3, index % 3)
            self.pin_keys[key] = button
        layout.addLayout(grid)
        row = QHBoxLayout()
        self.pin_cancel = self._big_button("kiosk_pin_cancel", overlay)
        self.pin_cancel.clicked.connect(self.hide_pin_pad)
        self.pin_ok = self._big_button("kiosk_pin_ok", overlay)
        self.pin_ok.clicked.connect(self._pin_entered)
        row.addWidget(self.pin_cancel)
        row.addWidget(self.pin_ok)
        layout.addLayout(row)
        overlay.hide()
        self.pin_overlay = overlay
        self._pin = ""

    # Texts -------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.language = i18n.current_language()
        self.heading.setText(self.tr("Design your own"))
        self.language_button.setText("中文" if self.language == "en" else "English")
        self.staff_button.setText(self.tr("Staff"))
        self.popular_title.setText(self.tr("Popular in our store"))
        self.catalog_title.setText(self.tr("All products"))
        for model_id, tile in (*self.tiles.items(), *self.popular.items()):
            tile.setText(self.catalog.get(model_id).name(self.language))
        self.back_button.setText(self.tr("◀ Products"))
        self.undo_button.setText(self.tr("↶ Undo"))
        self.redo_button.setText(self.tr("↷ Redo"))
        self.save_button.setText(self.tr("Save design"))
        self.saved_text.setText(
            self.tr("Your design is saved. Show this code to our staff.")
        )
        self.finish_button.setText(self.tr("Finish"))
        self.continue_button.setText(self.tr("Continue"))
        self.pin_cancel.setText(self.tr("Cancel"))
        self.pin_ok.setText(self.tr("Unlock"))
        self.pin_keys["C"].setAccessibleName(self.tr("Clear PIN"))
        self.pin_keys["⌫"].setAccessibleName(self.tr("Delete last digit"))
        self.keyboard.retranslate()
        if self.session is not None:
            self.title.setText(self.session.model.name(self.language))
            self._rebuild_labels()
            # The design's errors are worded again first, because they take
            # the notice label, and a notice shown over them, such as why a
            # tapped value is withheld, is shown again on top.
            shown = [
                notice
                for notice in (self.change_notice, self.picked_notice)
                if notice.is_shown
            ]
            self._design_changed()
            for notice in shown:
                notice.show_again()
            self.price_notice.retranslate()
            self.price_notice.hold_back(self.session.values_key())
        self.build_notice.retranslate()
        self.repair_overlay.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def toggle_language(self) -> None:
        """Switch between English and Simplified Chinese."""
        i18n.set_language("zh_CN" if self.language == "en" else "en")

    # Designing ---------------------------------------------------------------

    def show_start(self) -> None:
        self._typing_done()
        self.stack.setCurrentWidget(self.start_page)

    def open_model(self, model_id: str) -> None:
        """Start a new design of ``model_id`` with its defaults."""
        self.open_session(DesignSession(self.catalog.get(model_id)))

    def open_session(self, session: DesignSession) -> None:
        """Show ``session``'s design on the design page, as a new design."""
        self.session = session
        self.title.setText(self.session.model.name(self.language))
        self._build_editors()
        self.live_price.reset()
        # Staff may have changed the store's currency or tax rate since.
        self.live_price.reload_store()
        self._moved.clear()
        self.price_notice.clear()
        self.notice.clear()
        self.stack.setCurrentWidget(self.design_page)
        self._design_changed()

    def _build_editors(self) -> None:
        self._remove_editors()
        # Each label sits on its own row above its editor, so that it never
        # wraps and the editor takes the column's whole width.
        for index, parameter in enumerate(self.session.model.rules.parameters):
            label = QLabel(self.editor_area)
            label.setObjectName(f"kiosk_label_{parameter.name}")
            label.setStyleSheet("font-size: 14pt;")
            editor = make_touch_editor(
                parameter, self.editor_area, self.virtual_keyboard is not None
            )
            editor.changed.connect(self.set_value)
            editor.explained.connect(self._explain_withheld)
            if isinstance(editor, TextField):
                editor.typing.connect(self._start_typing)
                editor.finished.connect(self._typing_done)
            self.editor_form.addWidget(label, 2 * index, 0)
            self.editor_form.addWidget(editor, 2 * index + 1, 0)
            self.editors[parameter.name] = editor
            self.editor_labels[parameter.name] = label
        self._rebuild_labels()

    def _rebuild_labels(self) -> None:
        for name, label in self.editor_labels.items():
            labels = self.session.model.parameter(name).labels
            label.setText(labels.get(self.language) or labels.get("en", name))

    def set_value(self, name: str, value: Any) -> None:
        """Apply one change; a value the design cannot take is explained."""
        self._change_design(lambda: self.session.set_value(name, value))

    def apply_repair(self, proposal: RepairProposal) -> None:
        """Apply the changes the customer accepted for a withheld value."""
        self._change_design(lambda: self.session.apply_repair(proposal))

    def _change_design(self, change_session: Callable[[], Change]) -> None:
        """Call ``change_session`` and show what moved with the change, or
        the reason it failed: a value the design does not accept, or a
        repair for an earlier state of the design (both ``ValueError``)."""
        try:
            change = change_session()
        except (KeyError, ValueError) as error:
            self.change_notice.show(lambda error=error: error_text(error))
            return
        self._moved.record_change(self.session.values, change)
        self._show_moves()
        self._design_changed()

    def _show_moves(self) -> None:
        parameter_of = self.session.model.parameter

        def text() -> str:
            template = self.tr("Also changed to keep the design valid: %s")
            return self._moved.notice(parameter_of, self.language, template)

        self.change_notice.show(text)

    def _explain_withheld(self, name: str, value: Any) -> None:
        """Show why the rules withhold a tapped value, worded again on a
        language switch, and ask whether to make the changes it needs."""
        parameter = self.session.model.parameter(name)
        self.change_notice.show(
            lambda: withheld_reason(self.session, parameter, value, self.language)
        )
        self.repair_overlay.offer(self.session, name, value)

    def _part_picked(self, part: str, material: str) -> None:
        """Scroll the option that sets a tapped part's look into view."""
        if self.session is None:
            return
        model, values = self.session.model, self.session.values
        name = part_parameter(model, values, part, material)
        if name is None:
            # The part has no option of its own, so the note of the part
            # tapped before would now mislead.
            self.picked_notice.clear()
            return
        self.editor_scroll.ensureWidgetVisible(self.editors[name])
        values = dict(values)
        self.picked_notice.show(lambda: picked_text(model, values, name, self.language))

    def undo(self) -> None:
        if self.session is not None and self.session.undo():
            self._moved.record(self.session.values)
            self._show_moves()
            self._design_changed()

    def redo(self) -> None:
        if self.session is not None and self.session.redo():
            self._moved.record_change(self.session.values, self.session.redone_change)
            self._show_moves()
            self._design_changed()

    def _design_changed(self) -> None:
        self.price_notice.release()
        session = self.session
        for editor in self.editors.values():
            editor.show_state(session, self.language)
        self.live_price.changed()
        self._show_price()
        self.undo_button.setEnabled(session.can_undo)
        self.redo_button.setEnabled(session.can_redo)
        if not session.orderable:
            errors = [
                v.message(self.language)
                for v in session.violations
                if v.severity == "error"
            ]
            self.notice.setText(keep_units(" ".join(errors)))
        if self.preview is not None:
            self._request += 1
            # The parts are measured for the price after their frame (see
            # PriceAfterFrame), so the frame does not wait for it.
            self.worker.request(
                self._request,
                (session.model.generator, session.dimensions(), False),
            )
            self.building_note.build_started()

    def is_newest_request(self, request_id: int) -> bool:
        """Tell whether ``request_id`` is the newest geometry request made."""
        return request_id == self._request

    def _geometry_ready(self, request_id: int, parts) -> None:
        if request_id != self._request or self.preview is None:
            return
        self.building_note.build_ended()
        if self.preview.is_closed or self.session is None:
            return
        self.preview.show_parts(parts, reset_camera=True)
        self.pricer.parts_shown(request_id, self.session, parts)

    def _price_measured(self) -> None:
        self._show_price()
        if self.live_price.shown(self.session)[1] is PriceState.MEASURED:
            self.price_notice.clear()
        self.price_measured.emit()

    def _price_failed(self, error: ValueError) -> None:
        # The reason (such as a material priced in another currency) is for
        # staff, so the customer reads only that staff can price the design.
        logger.warning("kiosk price failed: %s", error)
        self.price_notice.show(
            lambda: self.tr(
                "The full price with materials and tax cannot be shown here. "
                "Ask a member of staff to price this design."
            ),
            self.session.values_key(),
        )

    def _show_price(self) -> None:
        """Show the price: in full once the 3D model is measured, grey until then."""
        price, state = self.live_price.shown(self.session)
        amount = format_money(price.total, price.currency)
        text = self.tr("Price: %s") % f"{price.currency} {amount}"
        if state is PriceState.CATALOG:
            text += " " + self.tr("+ materials and tax")
        colour = "#202020" if state is PriceState.MEASURED else "#707070"
        self.price.setStyleSheet(
            f"font-size: 22pt; font-weight: bold; color: {colour};"
        )
        self.price.setText(keep_units(text))

    def _geometry_failed(self, request_id: int, error: Exception) -> None:
        if request_id != self._request or self.preview is None:
            return
        self.building_note.build_ended()
        logger.warning("kiosk preview failed: %s", error)
        self.build_notice.show(lambda: build_failure_text(error))
        self.pricer.build_failed()

    def _start_typing(self, field: TextField) -> None:
        if self.keyboard_target is field and self.keyboard.isVisible():
            return
        self.keyboard_target = field
        if self.virtual_keyboard is not None:
            self.virtual_keyboard.open_for(field.edit)
        else:
            self.keyboard.target = field.edit
            self.keyboard.clear()
            self.keyboard.show()
        self._show_typing_layout(field)
        self.editor_scroll.ensureWidgetVisible(field)

    def _typing_done(self) -> None:
        """Hide the keyboard and apply the text typed, if a field was open."""
        field, self.keyboard_target = self.keyboard_target, None
        if self.virtual_keyboard is not None:
            self.virtual_keyboard.close_panel()
        else:
            self.keyboard.hide()
        self._show_typing_layout(None)
        if field is not None:
            field.commit()

    def _show_typing_layout(self, field: TextField | None) -> None:
        """Show only ``field`` of the options while the keyboard is up.

        On a 1280 x 800 screen the keyboard takes 300 to 330 pixels of the
        height (measured under Xvfb), so the options' scroll area would show
        about one row. With the other options hidden, the field, its label,
        the preview and the price stay in view. None shows every option.
        """
        typing = field is not None
        for name, editor in self.editors.items():
            visible = not typing or editor is field
            editor.setVisible(visible)
            self.editor_labels[name].setVisible(visible)

    def save(self) -> str | None:
        """Store the design and show its code and QR code; return the code."""
        self._typing_done()
        if self.session is None or self.database is None:
            return None
        if not self.session.orderable:
            self.notice.setText(
                self.tr("Fix the problems listed before saving the design.")
            )
            return None
        code = save_kiosk_design(self.database, self.session.design())
        self.code_label.setText(code)
        pixmap = QPixmap.fromImage(qr_image(QR_PREFIX + code))
        self.qr_label.setPixmap(pixmap)
        self.qr_label.setFixedSize(pixmap.size())
        self.stack.setCurrentWidget(self.saved_page)
        self.design_saved.emit(code)
        return code

    # Idle reset --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.keyboard_target is not None:
            # The keyboard shrinks the editors' area after it shows, so the
            # field being typed in is scrolled back into view once the
            # scroll bars have their new range.
            if watched is self.editor_scroll.viewport():
                QTimer.singleShot(0, self._show_typing_field)
        if event.type() in INPUT_EVENTS and self.isVisible():
            if not self.idle_overlay.isVisible():
                self.idle_timer.start()
        return False

    def _show_typing_field(self) -> None:
        if self.keyboard_target is not None:
            self.editor_scroll.ensureWidgetVisible(self.keyboard_target)

    def show_idle_warning(self) -> None:
        """Cover the screen with a countdown before the kiosk resets."""
        self.remaining_ms = self.warning_ms
        self._show_remaining()
        self.idle_overlay.setGeometry(self.rect())
        self.idle_overlay.show()
        self.idle_overlay.raise_()
        self.countdown.start()
        self.idle_warning_shown.emit()

    def dismiss_idle_warning(self) -> None:
        self.countdown.stop()
        self.idle_overlay.hide()
        self.idle_timer.start()

    def _count_down(self) -> None:
        self.remaining_ms -= self.countdown.interval()
        if self.remaining_ms <= 0:
            self.countdown.stop()
            self.idle_overlay.hide()
            self.reset()
            return
        self._show_remaining()

    def _show_remaining(self) -> None:
        seconds = math.ceil(self.remaining_ms / 1000)
        self.idle_text.setText(
            self.tr("Are you still there? Starting over in %n second(s).", "", seconds)
        )

    def reset(self) -> None:
        """Forget the customer's design and show the start screen.

        The session, its undo history, every editor, the typed text, the
        saved code and the QR code are dropped, so the next customer sees
        nothing of the last one.
        """
        self.session = None
        self._moved.clear()
        self.live_price.reset()
        self._forget_typing()
        self._remove_editors()
        for label in (self.title, self.notice, self.price, self.code_label):
            label.clear()
        self.qr_label.clear()
        self.hide_pin_pad()
        self.repair_overlay.dismiss()
        self._request += 1
        if self.preview is not None and not self.preview.is_closed:
            self.building_note.build_ended()
            self.preview.show_parts([], reset_camera=True)
        self.stack.setCurrentWidget(self.start_page)
        self.idle_timer.start()
        logger.info("kiosk reset after the customer left")
        self.session_reset.emit()

    def _forget_typing(self) -> None:
        # Drop the typed text and any pinyin composition with its Chinese
        # candidates, without applying them to the design.
        self.keyboard_target = None
        self._show_typing_layout(None)
        if self.virtual_keyboard is not None:
            self.virtual_keyboard.close_panel()
            # The next customer starts on the layout of the kiosk's language.
            self.virtual_keyboard.retranslate()
            return
        self.keyboard.target.clear()
        self.keyboard.target = self._no_target
        self.keyboard.clear()
        self.keyboard.hide()

    def _remove_editors(self) -> None:
        while self.editor_form.count():
            item = self.editor_form.takeAt(0)
            if item.widget() is not None:
                item.widget().setParent(None)
                item.widget().deleteLater()
        self.editors: dict[str, TouchEditor] = {}
        self.editor_labels: dict[str, QLabel] = {}

    # Leaving kiosk mode --------------------------------------------------------

    def show_pin_pad(self) -> None:
        self._pin = ""
        self.pin_dots.clear()
        if self.database is None or not has_kiosk_pin(self.database):
            self.pin_text.setText(
                self.tr(
                    "No staff PIN is set, so kiosk mode cannot be left here. "
                    "Staff: run 'main.py set-kiosk-pin' on this computer first."
                )
            )
        else:
            self.pin_text.setText(self.tr("Staff PIN"))
        self.pin_overlay.setGeometry(self.rect())
        self.pin_overlay.show()
        self.pin_overlay.raise_()

    def hide_pin_pad(self) -> None:
        self._pin = ""
        self.pin_dots.clear()
        self.pin_overlay.hide()

    def _pin_key(self, key: str) -> None:
        if key == "C":
            self._pin = ""
        elif key == "⌫":
            self._pin = self._pin[:-1]
        else:
            self._pin += key
        self.pin_dots.setText("●" * len(self._pin))

    def _pin_entered(self) -> None:
        try:
            right = self.database is not None and check_kiosk_pin(
                self.database, self._pin
            )
        except KioskPinLockedError as error:
            self._pin = ""
            self.pin_dots.clear()
            self.pin_text.setText(
                self.tr("Too many wrong PINs. Try again after {0}.").format(
                    f"{error.until:%H:%M}"
                )
            )
            return
        if right:
            logger.info("kiosk mode ended with the staff PIN")
            self.shutdown()
            return
        self._pin = ""
        self.pin_dots.clear()
        self.pin_text.setText(self.tr("Wrong PIN. Try again."))

    def shutdown(self) -> None:
        """Close the kiosk for good, as after a correct staff PIN."""
        self._may_close = True
        self.close()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        for overlay in (self.repair_overlay, self.idle_overlay, self.pin_overlay):
            overlay.setGeometry(self.rect())
        super().resizeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Escape and other shortcuts must not leave or minimise the kiosk.
        event.accept()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._may_close:
            logger.info("kiosk close request rejected: no staff PIN entered")
            event.ignore()
            return
        QApplication.instance().removeEventFilter(self)
        self.idle_timer.stop()
        self.countdown.stop()
        self.worker.finished.disconnect(self._geometry_ready)
        self.worker.close()
        self._geometry.close()
        if self.preview is not None:
            self.pricer.stop()
            self.preview.close()
        super().closeEvent(event)
