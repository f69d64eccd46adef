"""Compare two designs side by side, each with its own live preview.

Sales staff open it from the studio window to show a customer two designs
at once. Each column takes the design on screen, a design file or a kiosk
design by its code, and shows its preview, its values and its price. A
design saved before an option was offered gets the studio's notice under
its title, naming the value set and the price lines it brings. Rows
whose value differs from the other column are highlighted. "Use this
design" puts a column's design into the studio window, and "Link views"
turns both previews together. A linked view also follows the other one's
camera glide when a changed design no longer fits its view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import i18n, kiosk_staff
from app.build_failure import build_failure_text
from app.domain_text import error_text
from app.filled_notice import filled_notice
from app.live_price import LivePrice, PriceState
from app.parameter_panel import label_of
from app.preview_geometry import GeometryBuilder
from app.price_after_frame import PriceAfterFrame
from app.reworded_notice import RewordedNotice
from app.tables import fit_columns, read_only_table
from app.workers import LatestOnlyWorker
from designer.designs import DesignFileError, missing_parameters, read_design
from designer.kiosk_designs import KioskCodeError
from designer.session import DesignSession, session_from_design, value_text
from designer.unit_spacing import keep_units
from rendering.preview import PreviewWidget

logger = logging.getLogger(__name__)

SIDES = ("left", "right")
# True on the table items of a parameter whose value differs between sides.
DIFFERENT_ROLE = Qt.ItemDataRole.UserRole + 4
DIFFERENT_BACKGROUND = "#ffe9a8"
ERROR_COLOUR = "#b00020"
FILLED_STYLE = "background: #e6eef8; color: #1f3550; padding: 4px 6px;"


def copy_session(session: DesignSession) -> DesignSession:
    """Return a new session with ``session``'s values, without its undo history."""
    return DesignSession(
        session.model, session.values, session.chosen, session.currency
    )


class DesignColumn(QWidget):
    """One side of the comparison: a design, its preview, values and price.

    Signals
    -------
    design_changed()
        The column shows a new design.
    preview_updated()
        The preview shows the geometry of the column's newest design.
    price_measured()
        The price shown is the full price of the design in the preview,
        measured after its frame.
    use_requested()
        The user pressed "Use this design".
    """

    design_changed = Signal()
    preview_updated = Signal()
    price_measured = Signal()
    use_requested = Signal()

    def __init__(self, side: str, studio, multi_samples: int, parent: QWidget):
        super().__init__(parent)
        self.side = side
        self.studio = studio
        self.session: DesignSession | None = None
        # The parameters the shown design had no value for.
        self.filled: tuple[str, ...] = ()
        self.setObjectName(f"compare_{side}")
        self._request = 0
        self._shown_request = 0
        self._pending_render: int | None = None
        self._shown_product: str | None = None
        self.live_price = LivePrice(studio.database)

        self._geometry = GeometryBuilder()
        self.worker = LatestOnlyWorker(self._geometry, self)
        self.worker.finished.connect(self._geometry_ready)
        self.worker.failed.connect(self._geometry_failed)
        self.preview = PreviewWidget(self, multi_samples=multi_samples)
        self.preview.setObjectName(f"compare_preview_{side}")
        self.preview.rendered.connect(self._preview_rendered)
        self.pricer = PriceAfterFrame(
            self.live_price, self.preview, self.is_newest_request, self
        )
        self.pricer.measured.connect(self._price_measured)
        self.pricer.failed.connect(self._price_failed)
        self._build()

    # Layout ---------------------------------------------------------------------

    def _build(self) -> None:
        side = self.side
        self.current_button = QPushButton(self)
        self.current_button.setObjectName(f"compare_current_{side}")
        self.current_button.clicked.connect(self.use_current_design)
        self.file_button = QPushButton(self)
        self.file_button.setObjectName(f"compare_file_{side}")
        self.file_button.clicked.connect(self._open_file_dialog)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName(f"compare_code_{side}")
        self.code_edit.returnPressed.connect(self._open_typed_code)
        self.code_button = QPushButton(self)
        self.code_button.setObjectName(f"compare_code_button_{side}")
        self.code_button.clicked.connect(self._open_typed_code)
        sources = QHBoxLayout()
        sources.addWidget(self.current_button)
        sources.addWidget(self.file_button)
        sources.addWidget(self.code_edit, 1)
        sources.addWidget(self.code_button)

        self.title = QLabel(self)
        self.title.setObjectName(f"compare_title_{side}")
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.filled_label = QLabel(self)
        self.filled_label.setObjectName(f"compare_filled_{side}")
        self.filled_label.setWordWrap(True)
        self.filled_label.setStyleSheet(FILLED_STYLE)
        self.filled_label.hide()
        # Words the notice of filled-in options again after a language switch.
        self.filled_notice = RewordedNotice(self.filled_label)
        self.table = read_only_table(self, f"compare_values_{side}", ["", ""])
        self.price = QLabel(self)
        self.price.setObjectName(f"compare_price_{side}")
        self.price.setStyleSheet("font-size: 13pt;")
        self.message = QLabel(self)
        self.message.setObjectName(f"compare_message_{side}")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        # Words the shown message again after a language switch.
        self.message_notice = RewordedNotice(self.message)
        self.use_button = QPushButton(self)
        self.use_button.setObjectName(f"compare_use_{side}")
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.use_requested)

        # The preview and the values share the height, and the user drags
        # the handle between them.
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(self.preview)
        body.addWidget(self.table)
        body.setSizes([420, 300])
        body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(sources)
        layout.addWidget(self.title)
        layout.addWidget(self.filled_label)
        layout.addWidget(body, 1)
        layout.addWidget(self.price)
        layout.addWidget(self.message)
        layout.addWidget(self.use_button)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.current_button.setText(self.tr("Design on screen"))
        self.current_button.setToolTip(
            self.tr("Compare the design now open in the studio window")
        )
        self.file_button.setText(self.tr("Design file…"))
        self.code_edit.setPlaceholderText(self.tr("Kiosk code"))
        self.code_edit.setAccessibleName(self.tr("Kiosk design code"))
        self.code_button.setText(self.tr("Open code"))
        self.table.setHorizontalHeaderLabels([self.tr("Parameter"), self.tr("Value")])
        fit_columns(self.table)
        self.table.setAccessibleName(self.tr("Parameter values"))
        self.preview.setAccessibleName(self.tr("3D preview"))
        self.use_button.setText(self.tr("Use this design"))
        self.use_button.setToolTip(self.tr("Open this design in the studio window"))
        if self.session is None:
            self.title.setText(self.tr("No design chosen"))
        else:
            self._show_values()
        self.message_notice.retranslate()
        self.filled_notice.retranslate()

    # Choosing a design ------------------------------------------------------------

    def use_current_design(self) -> bool:
        """Show a copy of the design open in the studio window."""
        if self.studio.session is None:
            self._report(lambda: self.tr("The studio window has no design open."))
            return False
        self.show_session(
            copy_session(self.studio.session), self.studio.filled_options()
        )
        return True

    def open_file(self, path: Path) -> bool:
        """Show the design in ``path``, or report a bad file in the column."""
        try:
            design = read_design(path)
            session = session_from_design(design, self.studio.catalog, path)
        except DesignFileError as error:
            self._report(lambda error=error: error_text(error))
            return False
        self.show_session(session, missing_parameters(design, session.model))
        return True

    def open_kiosk_code(self, code: str) -> bool:
        """Show the kiosk design saved under ``code``, or report a bad code."""
        database = self.studio.database
        if database is None:
            self._report(lambda: self.tr("The studio has no database open."))
            return False
        try:
            session, filled = kiosk_staff.load_kiosk_session(
                database, self.studio.catalog, code
            )
        except (KioskCodeError, DesignFileError) as error:
            self._report(lambda error=error: error_text(error))
            return False
        self.show_session(session, filled)
        return True

    def show_session(
        self, session: DesignSession, filled: Collection[str] = ()
    ) -> None:
        """Show ``session``'s values and price and build its preview.

        ``filled`` names the parameters that the design had no value for,
        which the column's notice names with the values they were set to.
        """
        self.session = session
        self.message_notice.clear()
        self.message.clear()
        self.use_button.setEnabled(True)
        if session.model.id != self._shown_product:
            self.live_price.reset()
        self.live_price.changed()
        # Staff may have changed the store's currency or tax rate since.
        self.live_price.reload_store()
        self._show_filled(filled)
        self._show_values()
        self._request += 1
        # The parts are measured for the price after their frame (see
        # PriceAfterFrame), so the frame does not wait for it.
        self.worker.request(
            self._request, (session.model.generator, session.dimensions(), False)
        )
        self.design_changed.emit()

    def _show_filled(self, names: Collection[str]) -> None:
        """Show the notice of the options the design had no value for, if any."""
        self.filled = tuple(names)
        self.filled_notice.clear()
        self.filled_label.setVisible(bool(names))
        if not names:
            return
        currency = self.live_price.shown(self.session)[0].currency
        notice = filled_notice(self.session, names, currency)
        self.filled_notice.show(lambda: notice(i18n.current_language()))
        logger.info(
            "compare %s: %s opened without %s",
            self.side,
            self.session.model.id,
            list(names),
        )

    def _open_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open design"), "", self.tr("Designs (*.json)")
        )
        if path:
            self.open_file(Path(path))

    def _open_typed_code(self) -> None:
        code = self.code_edit.text().strip()
        if code and self.open_kiosk_code(code):
            self.code_edit.clear()

    def _report(self, text: Callable[[], str]) -> None:
        """Show the message that ``text()`` words in the interface language.

        A language switch calls ``text`` again. A caller's lambda binds an
        ``except`` clause's error as a default argument, because Python
        unbinds that name after the clause.
        """
        self.message_notice.show(text)
        logger.info("compare %s: %s", self.side, self.message.text())

    def _price_failed(self, error: ValueError) -> None:
        self._report(lambda: error_text(error))

    # Values -----------------------------------------------------------------------

    def _show_values(self) -> None:
        session = self.session
        language = i18n.current_language()
        model = session.model
        self.title.setText(model.name(language))
        parameters = model.rules.parameters
        self.table.setRowCount(len(parameters))
        for row, parameter in enumerate(parameters):
            value = session.values[parameter.name]
            text = value_text(model, parameter.name, value, language) or "—"
            name_item = QTableWidgetItem(label_of(parameter.labels, language))
            name_item.setData(Qt.ItemDataRole.UserRole, parameter.name)
            self.table.setItem(row, 0, name_item)
            self.table.setItem(row, 1, QTableWidgetItem(text))
        fit_columns(self.table)
        self._show_price()

    def _show_price(self) -> None:
        """Show the full price once the preview's parts are measured."""
        price, state = self.live_price.shown(self.session)
        amount = i18n.format_money(price.total, price.currency)
        text = self.tr("Price: %s") % f"{price.currency} {amount}"
        if state is PriceState.CATALOG:
            text += " " + self.tr("+ materials and tax")
        colour = "#202020" if state is PriceState.MEASURED else "#707070"
        self.price.setStyleSheet(f"font-size: 13pt; color: {colour};")
        self.price.setText(keep_units(text))

    def mark_differences(self, other: Mapping[str, Any] | None) -> None:
        """Highlight the rows whose value is not the one in ``other``.

        ``other`` maps parameter names to the other column's values, and a
        parameter missing from it counts as different. ``None`` clears the
        marks, as when the other column is empty.
        """
        if self.session is None:
            return
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            value = self.session.values[name]
            different = other is not None and (
                name not in other or other[name] != value
            )
            for column in range(2):
                item = self.table.item(row, column)
                item.setData(DIFFERENT_ROLE, different)
                item.setFont(bold if different else self.table.font())
                item.setBackground(
                    QBrush(QColor(DIFFERENT_BACKGROUND)) if different else QBrush()
                )
                item.setToolTip(
                    self.tr("Differs from the other design") if different else ""
                )

    def differing_parameters(self) -> list[str]:
        """Return the names of the parameters whose rows are highlighted."""
        return [
            self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            for row in range(self.table.rowCount())
            if self.table.item(row, 0).data(DIFFERENT_ROLE)
        ]

    # Preview ----------------------------------------------------------------------

    @property
    def preview_is_current(self) -> bool:
        """Whether the preview shows the geometry of the newest design."""
        return self._request > 0 and self._shown_request == self._request

    def _geometry_ready(self, request_id: int, parts) -> None:
        if request_id != self._request or self.preview.is_closed:
            return
        product = self.session.model.id
        reset = product != self._shown_product
        self._shown_product = product
        self._pending_render = request_id
        self.preview.show_parts(parts, reset_camera=reset)
        self.pricer.parts_shown(request_id, self.session, parts)

    def is_newest_request(self, request_id: int) -> bool:
        """Tell whether ``request_id`` is the newest geometry request made."""
        return request_id == self._request

    def _price_measured(self) -> None:
        self._show_price()
        self.price_measured.emit()

    def _geometry_failed(self, request_id: int, error: Exception) -> None:
        if request_id == self._request:
            self._report(lambda: build_failure_text(error))
            self.pricer.build_failed()

    def _preview_rendered(self) -> None:
        if self._pending_render is None:
            return
        self._shown_request = self._pending_render
        self._pending_render = None
        self.preview_updated.emit()

    def close_preview(self) -> None:
        """Stop the geometry worker and release the preview's render window."""
        if self.preview.is_closed:
            return
        self.pricer.stop()
        self.worker.finished.disconnect(self._geometry_ready)
        self.worker.close()
        self._geometry.close()
        self.preview.close()


class CompareWindow(QWidget):
    """Two designs side by side, for staff and a customer to choose between.

    Parameters
    ----------
    studio
        The studio's main window: the source of the design on screen, the
        catalog and the database, and where "Use this design" opens a design.
    left, right
        Designs to show at first; each is copied, so changes in the studio
        window leave the columns as they are.
    multi_samples
        Multisample anti-aliasing samples of each preview.

    Signals
    -------
    preview_updated(side)
        The preview of ``"left"`` or ``"right"`` shows its newest design.
    design_used(side)
        The design of that side was opened in the studio window.
    """

    preview_updated = Signal(str)
    design_used = Signal(str)

    def __init__(
        self,
        studio,
        left: DesignSession | None = None,
        right: DesignSession | None = None,
        multi_samples: int = 0,
    ) -> None:
        # A child window of the studio closes with it.
        super().__init__(studio, Qt.WindowType.Window)
        self.studio = studio
        self.setObjectName("compare_window")
        self.resize(1400, 900)
        self.columns = {
            side: DesignColumn(side, studio, multi_samples, self) for side in SIDES
        }
        self._syncing = False
        row = QHBoxLayout()
        for side, column in self.columns.items():
            column.design_changed.connect(self._mark_differences)
            column.preview_updated.connect(
                lambda side=side: self.preview_updated.emit(side)
            )
            column.use_requested.connect(lambda side=side: self.use_design(side))
            column.preview.camera_moved.connect(
                lambda side=side: self._camera_moved(side)
            )
            row.addWidget(column, 1)

        self.link_box = QCheckBox(self)
        self.link_box.setObjectName("compare_link")
        self.link_box.setChecked(True)
        self.link_box.toggled.connect(self._link_toggled)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("compare_close")
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.link_box)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addLayout(bottom)
        self.retranslate()

        for side, session in zip(SIDES, (left, right), strict=True):
            if session is None:
                continue
            # The studio's design keeps the notice of options it was opened
            # without.
            filled = studio.filled_options() if session is studio.session else ()
            self.columns[side].show_session(copy_session(session), filled)

    def column(self, side: str) -> DesignColumn:
        """Return the ``"left"`` or ``"right"`` column."""
        return self.columns[side]

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Compare designs"))
        self.link_box.setText(self.tr("Link views"))
        self.link_box.setToolTip(self.tr("Turn both previews together"))
        self.close_button.setText(self.tr("Close"))
        for column in self.columns.values():
            column.retranslate()
        self._mark_differences()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def use_design(self, side: str) -> None:
        """Open the design of ``side`` in the studio window and bring it forward."""
        column = self.columns[side]
        session = column.session
        if session is None:
            return
        self.studio.open_session(copy_session(session))
        self.studio.open_model(session.model.id)
        self.studio.note_filled_values(column.filled)
        self.studio.raise_()
        self.studio.activateWindow()
        logger.info("compared design %s used in the studio", session.model.id)
        self.design_used.emit(side)

    def _mark_differences(self) -> None:
        left, right = self.columns["left"], self.columns["right"]
        left_values = None if left.session is None else left.session.values
        right_values = None if right.session is None else right.session.values
        left.mark_differences(right_values)
        right.mark_differences(left_values)

    # Linked views -------------------------------------------------------------------

    def _camera_moved(self, side: str) -> None:
        # A turn by the user and each step of a glide both arrive here.
        # set_camera emits no camera_moved, so the other view does not send
        # the move back. It also stops any glide of the other view, so both
        # cameras stay equal.
        if not self.link_box.isChecked() or self._syncing:
            return
        source = self.columns[side].preview
        for other_side, column in self.columns.items():
            if other_side != side and not column.preview.is_closed:
                self._syncing = True
                try:
                    column.preview.set_camera(source.camera())
                finally:
                    self._syncing = False

    def _link_toggled(self, linked: bool) -> None:
        if linked:
            self._camera_moved("left")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        for column in self.columns.values():
            column.close_preview()
        super().closeEvent(event)
