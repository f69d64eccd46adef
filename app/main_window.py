"""The studio's main window: catalog, parameters, live preview, suggestions."""

from __future__ import annotations

import html
import logging
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QProcess, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import heap, i18n, kiosk_staff, staff_gate
from app.build_failure import build_failure_text
from app.building_note import BuildingNote
from app.domain_text import error_text
from app.export_job import PackageExportJob
from app.export_progress import ExportProgressDialog
from app.filled_notice import filled_notice, order_filled_notice
from app.live_price import LivePrice, PriceState
from app.option_hints import OptionHintsBox
from app.parameter_panel import ParameterPanel
from app.preview_geometry import GeometryBuilder
from app.price_after_frame import PriceAfterFrame
from app.reworded_notice import RewordedNotice
from app.thumbnails import cache_dir, cached_thumbnails
from app.values import MovedValues, part_parameter, picked_text
from app.workers import LatestOnlyWorker, import_in_background, run_in_background
from designer.catalog import Catalog, CatalogModel
from designer.designs import (
    Design,
    DesignFileError,
    missing_parameters,
    read_design,
    resolve,
    write_design,
)
from designer.session import DesignSession, RepairProposal, StaleRepairError
from designer.unit_spacing import keep_units
from models3d.generators import RULER_VALUES
from rendering.preview import PreviewWidget
from storage.output_paths import (
    OutputPathError,
    check_not_store_file,
    check_output_name,
    output_path_error,
)

if TYPE_CHECKING:
    from designer.order_revision import OpenedOrderDesign

logger = logging.getLogger(__name__)

MESSAGES_MAX_PX = 150
"""Tallest height of the rule messages' list. Longer messages scroll."""

SUGGESTION_COUNT = 5
PRODUCT_ROLE = Qt.ItemDataRole.UserRole + 2
PROJECT_ROOT = Path(__file__).resolve().parents[1]
VIEW_NAMES = ("front", "side", "top", "iso")


class MessageList(QListWidget):
    """A list of rule messages as tall as they are, up to ``MESSAGES_MAX_PX``.

    A design ready to order shows one short line, which leaves the room to
    its options and its price. Longer messages scroll.
    """

    def fit(self) -> None:
        """Set the height that shows every message at the present width."""
        # The rows' laid-out heights, unlike their size hints, count the
        # lines that a wrapped message takes. 4 px keeps the last line clear
        # of the frame.
        self.doItemsLayout()
        rows = sum(
            self.visualItemRect(self.item(row)).height() for row in range(self.count())
        )
        self.setFixedHeight(min(MESSAGES_MAX_PX, rows + 2 * self.frameWidth() + 4))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            # After this event: a height set while Qt handles the resize
            # leaves the viewport at its old height, which cuts off lines.
            QTimer.singleShot(0, self, self.fit)


class MainWindow(QMainWindow):
    """Customise one product at a time with a live 3D preview.

    ``preview_updated(request_id)`` is emitted once the preview shows the
    geometry of a change. While a slider moves, some changes are skipped for
    newer ones, so the ids that arrive increase but may have gaps.
    """

    preview_updated = Signal(int)
    # The full price of the design on screen was shown, after its parts
    # were measured on a worker.
    price_measured = Signal()
    suggestions_updated = Signal()
    export_finished = Signal(object)
    design_changed = Signal()
    thumbnails_ready = Signal()

    def __init__(
        self,
        catalog: Catalog,
        database=None,
        language: str = "en",
        multi_samples: int = 0,
        thumbnails: bool = True,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.database = database
        self.language = language
        self.session: DesignSession | None = None
        # The options that a design had no value for when it was opened, and
        # the session they belong to.
        self._filled: tuple[str, ...] = ()
        self._filled_session: DesignSession | None = None
        # The design's values when it was opened or last saved as a file.
        self._clean_values: dict[str, Any] = {}
        self._moved = MovedValues()
        self.live_price = LivePrice(database)
        self.customer_id: str | None = "demo"
        self.staff = None
        self.staff_gate = None
        self.monitor = None
        self.order_dialog = None
        self.order_revision = None
        self._request = 0
        self._shown_request = 0
        self._session_request = 0
        self._shown_product: str | None = None
        # Open warning boxes worded again on a language switch, each with
        # the functions that word its title and text.
        self._reworded_boxes: dict[QMessageBox, tuple[Callable, Callable]] = {}
        self.setWindowTitle("Atelier")
        self.resize(1400, 860)

        self._thumbnail_job: QProcess | None = None
        self._export_job: PackageExportJob | None = None
        self._dragging = False
        self._panel_stale = False
        self._hints_stale = False
        self._suggestions: list = []
        self._geometry = GeometryBuilder()
        self.worker = LatestOnlyWorker(self._geometry, self)
        self.worker.finished.connect(self._geometry_ready)
        self.worker.failed.connect(self._geometry_failed)

        self.preview = PreviewWidget(self, multi_samples=multi_samples)
        self.preview.setObjectName("preview")
        self.preview.rendered.connect(self._preview_rendered)
        self.preview.part_picked.connect(self._part_picked)
        self.building_note = BuildingNote(self.preview)
        heap.freeze_after_first_frame(self.preview.rendered)

        self._build_catalog_list()
        self._build_side_panel()
        self._build_suggestions()
        self._build_actions()
        self._build_view_toolbar()
        self.guarded = self._guarded_controls()
        self.pricer = PriceAfterFrame(
            self.live_price, self.preview, self.is_newest_request, self
        )
        self.pricer.measured.connect(self._price_measured)
        self.pricer.failed.connect(self._price_failed)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.catalog_list)
        left.addWidget(self.suggestions_box)
        left.setSizes([380, 420])
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.addWidget(self.side)
        splitter.setSizes([300, 720, 420])
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

        if self.catalog.models:
            self.catalog_list.setCurrentRow(0)
        self.retranslate(language)
        # The suggestions load scikit-learn, so they start from the event
        # loop, after the window is shown.
        QTimer.singleShot(0, self, self.refresh_suggestions)
        if thumbnails:
            self.load_thumbnails()

    # Layout ---------------------------------------------------------------------

    def _build_catalog_list(self) -> None:
        self.catalog_list = QListWidget(self)
        self.catalog_list.setObjectName("catalog")
        self.catalog_list.setAccessibleName("Catalog")
        self.catalog_list.setIconSize(QSize(64, 48))
        for model in sorted(self.catalog.models.values(), key=_catalog_order):
            item = QListWidgetItem(model.name(self.language))
            item.setData(PRODUCT_ROLE, model.id)
            item.setToolTip(model.descriptions.get(self.language, ""))
            self.catalog_list.addItem(item)
        self.catalog_list.currentItemChanged.connect(self._catalog_selected)

    def _build_side_panel(self) -> None:
        self.side = QWidget(self)
        layout = QVBoxLayout(self.side)
        self.title = QLabel(self.side)
        self.title.setObjectName("title")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(self.title)
        self.panel = ParameterPanel(self.language, self.side)
        self.panel.value_changed.connect(self.set_value)
        self.panel.repair_accepted.connect(self.apply_repair)
        self.panel.dragging.connect(self._slider_dragging)
        scroll = QScrollArea(self.side)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        layout.addWidget(scroll, 1)
        self.panel_scroll = scroll
        self.option_hints = OptionHintsBox(self.database, self.side)
        self.option_hints.value_chosen.connect(self.set_value)
        layout.addWidget(self.option_hints)
        self.notice = QLabel(self.side)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        # A pricing failure on the notice label, worded again on a language
        # switch and cleared once a full price is shown.
        self.price_notice = RewordedNotice(self.notice)
        # A change's notice (what moved with it, or why it was rejected) and a
        # tapped part's note, worded again on a language switch.
        self.change_notice = RewordedNotice(self.notice)
        self.picked_notice = RewordedNotice(self.notice)
        # An unknown customer id and a preview that could not be built,
        # worded again on a language switch too.
        self.customer_notice = RewordedNotice(self.notice)
        self.build_notice = RewordedNotice(self.notice)
        # The options an opened design had no value for, and what they were
        # set to.
        self.filled_notice = RewordedNotice(self.notice)
        self.violations = MessageList(self.side)
        self.violations.setObjectName("violations")
        self.violations.setAccessibleName("Rule messages")
        self.violations.setWordWrap(True)
        self.violations.setFixedHeight(MESSAGES_MAX_PX)
        layout.addWidget(self.violations)
        self.price = QLabel(self.side)
        self.price.setObjectName("price")
        self.price.setStyleSheet("font-size: 14pt;")
        self.price.setWordWrap(True)
        layout.addWidget(self.price)

    def _build_suggestions(self) -> None:
        body = QGroupBox(self)
        body.setObjectName("suggestions_box")
        self.suggestions_box = body
        layout = QVBoxLayout(body)
        self.customer_box = QComboBox(body)
        self.customer_box.setObjectName("customer")
        self.customer_box.setAccessibleName("Customer")
        self.customer_box.setEditable(True)
        # A typed id is looked up, never added to the list as a new entry.
        self.customer_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.customer_box.activated.connect(self._customer_chosen)
        self.customer_box.lineEdit().returnPressed.connect(self._customer_typed)
        layout.addWidget(self.customer_box)
        self.profile_button = QPushButton(body)
        self.profile_button.setObjectName("profile_button")
        self.profile_button.setEnabled(self.database is not None)
        self.profile_button.clicked.connect(self.open_profile)
        layout.addWidget(self.profile_button)
        self.suggestion_list = QListWidget(body)
        self.suggestion_list.setObjectName("suggestions")
        self.suggestion_list.setAccessibleName("Suggestions")
        self.suggestion_list.setWordWrap(True)
        self.suggestion_list.itemActivated.connect(self._suggestion_activated)
        layout.addWidget(self.suggestion_list)
        self._fill_customers()

    def _build_actions(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.setObjectName("file_menu")
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._open_dialog)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self._save_dialog)
        self.export_action = QAction(self)
        self.export_action.setObjectName("export_action")
        self.export_action.triggered.connect(self._export_dialog)
        self.kiosk_open_action = QAction(self)
        self.kiosk_open_action.setObjectName("kiosk_open_action")
        self.kiosk_open_action.triggered.connect(
            lambda: kiosk_staff.ask_kiosk_code(self)
        )
        self.compare_action = QAction(self)
        self.compare_action.setObjectName("compare_action")
        self.compare_action.triggered.connect(self.open_compare)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.quit)
        for action in (
            self.open_action,
            self.kiosk_open_action,
            self.save_action,
            self.export_action,
            self.compare_action,
        ):
            self.file_menu.addAction(action)
        self.catalog_editor_action = QAction(self)
        self.catalog_editor_action.setObjectName("catalog_editor_action")
        self.catalog_editor_action.triggered.connect(lambda: self.open_catalog_editor())
        self.file_menu.addAction(self.catalog_editor_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.setObjectName("edit_menu")
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self)
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.triggered.connect(self.redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.language_menu = i18n.language_menu(self)
        self.menuBar().addMenu(self.language_menu)

        self.customers_menu = self.menuBar().addMenu("")
        self.customers_menu.setObjectName("customers_menu")
        self.profile_action = QAction(self)
        self.profile_action.setObjectName("profile_action")
        self.profile_action.triggered.connect(self.open_profile)
        self.segments_action = QAction(self)
        self.segments_action.setObjectName("segments_action")
        self.segments_action.triggered.connect(self.open_segments)
        for action in (self.profile_action, self.segments_action):
            action.setEnabled(self.database is not None)
            self.customers_menu.addAction(action)

        self.order_menu = self.menuBar().addMenu("")
        self.order_menu.setObjectName("order_menu")
        self.place_order_action = QAction(self)
        self.place_order_action.setObjectName("place_order_action")
        self.place_order_action.triggered.connect(self.open_order_dialog)
        self.monitor_action = QAction(self)
        self.monitor_action.setObjectName("monitor_action")
        self.monitor_action.triggered.connect(self.open_monitor)
        self.monitor_action.setEnabled(self.database is not None)
        self.order_menu.addAction(self.place_order_action)
        self.order_menu.addAction(self.monitor_action)

    def retranslate(self, language: str | None = None) -> None:
        """Set every text in ``language``, by default the one in :mod:`app.i18n`."""
        self.language = language or i18n.current_language()
        self.file_menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("&Open design…"))
        self.save_action.setText(self.tr("&Save design…"))
        self.export_action.setText(self.tr("&Export production package…"))
        self.kiosk_open_action.setText(self.tr("Open &kiosk design…"))
        self.catalog_editor_action.setText(self.tr("&Catalog editor…"))
        self.compare_action.setText(self.tr("&Compare designs…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.customers_menu.setTitle(self.tr("&Customers"))
        self.profile_action.setText(self.tr("Customer &profile…"))
        self.segments_action.setText(self.tr("&Segments…"))
        self.order_menu.setTitle(self.tr("&Order"))
        self.place_order_action.setText(self.tr("&Place order…"))
        self.monitor_action.setText(self.tr("Production &monitor…"))
        self.profile_button.setText(self.tr("Customer profile…"))
        self.suggestions_box.setTitle(self.tr("Suggestions"))
        if self._suggestions:
            self._show_suggestions(self._suggestions)
        self.view_toolbar.setWindowTitle(self.tr("View"))
        view_texts = {
            "front": self.tr("Front"),
            "side": self.tr("Side"),
            "top": self.tr("Top"),
            "iso": self.tr("3D"),
        }
        for name, action in self.view_actions.items():
            action.setText(view_texts[name])
        self.dimensions_action.setText(self.tr("Dimensions"))
        self.dimensions_action.setToolTip(self.tr("Show the product's sizes in mm"))
        self.preview.set_ruler_captions(*self._ruler_captions())
        for row in range(self.catalog_list.count()):
            item = self.catalog_list.item(row)
            model = self.catalog.get(item.data(PRODUCT_ROLE))
            item.setText(model.name(self.language))
            item.setToolTip(model.descriptions.get(self.language, ""))
        self.panel.language = self.language
        if self.session is not None:
            self.title.setText(self.session.model.name(self.language))
            # The panel's sliders are rebuilt, so a held one never reports
            # its release.
            self._slider_dragging(False)
            self.panel.set_session(self.session)
            self.change_notice.retranslate()
            self.picked_notice.retranslate()
            self._design_changed()
        self.price_notice.retranslate()
        self.customer_notice.retranslate()
        self.build_notice.retranslate()
        self.filled_notice.retranslate()
        self._reword_messages()
        if self.session is not None:
            self.price_notice.hold_back(self.session.values_key())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _build_view_toolbar(self) -> None:
        toolbar = QToolBar(self)
        toolbar.setObjectName("view_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        group = QActionGroup(self)
        self.view_actions: dict[str, QAction] = {}
        for name in VIEW_NAMES:
            action = QAction(self)
            action.setObjectName(f"view_{name}")
            action.setCheckable(True)
            action.setChecked(name == self.preview.view)
            action.triggered.connect(lambda _on, view=name: self.set_view(view))
            group.addAction(action)
            toolbar.addAction(action)
            self.view_actions[name] = action
        toolbar.addSeparator()
        self.dimensions_action = QAction(self)
        self.dimensions_action.setObjectName("dimensions_action")
        self.dimensions_action.setCheckable(True)
        self.dimensions_action.toggled.connect(self.preview.show_dimensions)
        toolbar.addAction(self.dimensions_action)
        # Tool bar buttons take no focus by default, so Tab would skip them.
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.view_toolbar = toolbar

    def set_view(self, name: str) -> None:
        """Move the preview's camera to a preset view: front, side, top or iso."""
        self.preview.set_view(name)
        self.view_actions[name].setChecked(True)

    # Designs ----------------------------------------------------------------------

    def _catalog_selected(self, item: QListWidgetItem | None, previous=None) -> None:
        if item is None:
            return
        model = self.catalog.get(item.data(PRODUCT_ROLE))
        if self.session is not None and self.session.model.id == model.id:
            return
        if not self._confirm_replace(lambda: self.open_model(model.id)):
            # The list goes back to the product on screen.
            self.catalog_list.blockSignals(True)
            self.catalog_list.setCurrentItem(previous)
            self.catalog_list.blockSignals(False)
            return
        self.open_session(DesignSession(model))

    def _confirm_replace(self, proceed) -> bool:
        """Return whether the design on screen may be replaced now, asking
        first about an unsaved revision (see
        :meth:`app.order_revision.OrderRevision.confirm_replace`)."""
        return not self._revising() or self.order_revision.confirm_replace(proceed)

    def confirm_sign_out(self, proceed) -> bool:
        """Return whether staff may sign out now, asking first about an
        unsaved revision (see
        :meth:`app.order_revision.OrderRevision.confirm_sign_out`)."""
        return not self._revising() or self.order_revision.confirm_sign_out(proceed)

    def _revising(self) -> bool:
        """Return whether an order's design is open for revision."""
        return (
            self.order_revision is not None and self.order_revision.opened is not None
        )

    def has_unsaved_design(self) -> bool:
        """Return whether the design's values changed since it was opened or saved."""
        return self.session is not None and self._clean_values != dict(
            self.session.values
        )

    def open_model(self, model_id: str) -> None:
        """Start a new design of a catalog model with its defaults."""
        for row in range(self.catalog_list.count()):
            if self.catalog_list.item(row).data(PRODUCT_ROLE) == model_id:
                self.catalog_list.setCurrentRow(row)
                return

    def open_session(self, session: DesignSession) -> None:
        """Show ``session`` in the panel and preview."""
        # The panel's sliders are rebuilt, so a held one never reports release.
        self._slider_dragging(False)
        self.session = session
        self._clean_values = dict(session.values)
        self.title.setText(session.model.name(self.language))
        self.preview.set_ruler_captions(*self._ruler_captions())
        self.panel.set_session(session)
        self.live_price.reset()
        # Staff may have changed the store's currency or tax rate since.
        self.live_price.reload_store()
        self._moved.clear()
        self.price_notice.clear()
        self.notice.clear()
        self._design_changed()
        self._session_request = self._request

    def _ruler_captions(self) -> tuple[str, str, str, str]:
        """Name the open product's sizes along X, Y and Z for the rulers.

        Shoes lie along X. Rings and bangles lie flat with the finger or
        wrist along Z, and a solitaire is upright with the finger along Y. A
        pendant lies on its back with the bail towards +Y. The fourth string
        is the template of a size that parts standing out of the product
        make longer, such as a cabinet's handles (see
        ``rendering.dimensions.DEFAULT_OVERALL``).
        """
        generator = "" if self.session is None else self.session.model.generator
        captions = self._size_captions(generator)
        if self.session is not None:
            captions = self._value_captions(self.session.model, captions)
        return (*captions, self._overall_template(generator))

    def _value_captions(
        self, model: CatalogModel, captions: tuple[str, str, str]
    ) -> tuple[str, str, str]:
        """Caption each ruler that shows a design value with that value's
        label in the catalog, so that the ruler and the panel name a size
        alike: the table's width is 长度 in Chinese, not 宽."""
        names = RULER_VALUES.get(model.generator, (None, None, None))
        labels = {item.name: item.labels for item in model.rules.parameters}
        labels |= {item.name: item.labels for item in model.rules.derived}
        worded = []
        for name, caption in zip(names, captions, strict=True):
            label = labels.get(name, {}) if name is not None else {}
            worded.append(label.get(self.language) or label.get("en") or caption)
        return (worded[0], worded[1], worded[2])

    def _size_captions(self, generator: str) -> tuple[str, str, str]:
        if generator in ("shoe", "sneaker", "ankle_boot"):
            return self.tr("Length"), self.tr("Width"), self.tr("Height")
        if generator in ("ring", "bangle"):
            diameter = self.tr("Outer diameter")
            return diameter, diameter, self.tr("Band width")
        if generator == "solitaire":
            return (
                self.tr("Outer diameter"),
                self.tr("Along the finger"),
                self.tr("Height"),
            )
        if generator == "pendant":
            # The bail reaches above the body, so Z is not its thickness.
            return self.tr("Width"), self.tr("Height"), self.tr("Depth")
        return self.tr("Width"), self.tr("Depth"), self.tr("Height")

    def _overall_template(self, generator: str) -> str:
        # {size} is the product's own size with its unit, {overall} the size
        # with the parts that stand out, without the unit.
        if generator == "cabinet":
            return self.tr("{size} ({overall} with handles)")
        return self.tr("{size} ({overall} overall)")

    def set_value(self, name: str, value: Any) -> None:
        """Apply one change from the panel; bad values are reported, not raised."""
        if self.session is None:
            return
        try:
            change = self.session.set_value(name, value)
        except (KeyError, ValueError) as error:
            self.change_notice.show(lambda error=error: error_text(error))
            self.panel.refresh()
            return
        self._moved.record_change(self.session.values, change)
        self._show_moves()
        self._design_changed()

    def apply_repair(self, proposal: RepairProposal) -> None:
        """Apply a repair the user confirmed in the panel."""
        if self.session is None:
            return
        try:
            change = self.session.apply_repair(proposal)
        except StaleRepairError as error:
            self.change_notice.show(lambda error=error: error_text(error))
            self.panel.refresh()
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

    def _part_picked(self, part: str, material: str) -> None:
        """Bring the option that sets a tapped part's look into view."""
        if self.session is None:
            return
        model, values = self.session.model, self.session.values
        name = part_parameter(model, values, part, material)
        if name is None:
            # The part has no option of its own, so the note of the part
            # tapped before would now mislead.
            self.picked_notice.clear()
            return
        self.panel_scroll.ensureWidgetVisible(self.panel.editor(name))
        values = dict(values)
        self.picked_notice.show(lambda: picked_text(model, values, name, self.language))

    def undo(self) -> None:
        if not staff_gate.permitted(self, "customise"):
            return
        if self.session is not None and self.session.undo():
            self._moved.record(self.session.values)
            self._show_moves()
            self._design_changed()

    def redo(self) -> None:
        if not staff_gate.permitted(self, "customise"):
            return
        if self.session is not None and self.session.redo():
            self._moved.record_change(self.session.values, self.session.redone_change)
            self._show_moves()
            self._design_changed()

    def _design_changed(self) -> None:
        self.price_notice.release()
        session = self.session
        # The geometry is requested first, so that the child process builds
        # it while the rest of this method refreshes the panel and the price.
        # The parts are measured for the price after their frame (see
        # PriceAfterFrame), so the frame does not wait for that either.
        self._request += 1
        self.worker.request(
            self._request, (session.model.generator, session.dimensions(), False)
        )
        self.building_note.build_started()
        if self._dragging:
            # Which values the rules still offer can take tens of milliseconds
            # to work out (the solitaire ring's rules about 20 ms), too long
            # for every step of a drag, so the panel catches up on release.
            self._panel_stale = True
        else:
            self._refresh_panel()
        self.live_price.changed()
        self._show_price()
        self.export_action.setEnabled(session.orderable)
        self.export_action.setToolTip(
            ""
            if session.orderable
            else self.tr("Fix the errors listed before exporting")
        )
        self.place_order_action.setEnabled(
            session.orderable and self.database is not None
        )
        self.place_order_action.setToolTip(
            ""
            if session.orderable
            else self.tr("Fix the errors listed before ordering")
        )
        self.undo_action.setEnabled(session.can_undo)
        self.redo_action.setEnabled(session.can_redo)
        if self._dragging:
            # Like the panel, the hints catch up when the slider is let go.
            self._hints_stale = True
        else:
            self.option_hints.refresh(session, self.customer_id, self.language)
        self.design_changed.emit()

    def _show_violations(self) -> None:
        self.violations.clear()
        for violation in self.session.violations:
            prefix = (
                self.tr("Error")
                if violation.severity == "error"
                else (self.tr("Warning"))
            )
            # A number keeps its unit on one line of the narrow panel.
            text = keep_units(violation.message(self.language))
            item = QListWidgetItem(f"{prefix}: {text}")
            item.setData(Qt.ItemDataRole.UserRole, violation.rule)
            colour = "#b00020" if violation.severity == "error" else "#8a6d00"
            item.setForeground(_brush(colour))
            self.violations.addItem(item)
        if not self.session.violations:
            self.violations.addItem(self.tr("Ready to order."))
        self.violations.fit()

    # Geometry --------------------------------------------------------------------

    def _geometry_ready(self, request_id: int, parts) -> None:
        # While a slider moves, a newer request is usually waiting by the time
        # a build finishes. Showing every result newer than the one on screen
        # keeps the preview moving; a result from before the product changed
        # is never shown.
        if request_id == self._request:
            self.building_note.build_ended()
        if request_id < max(self._shown_request, self._session_request):
            return
        if self.session is None or self.preview.is_closed:
            return
        product = self.session.model.id
        reset = product != self._shown_product
        self._shown_product = product
        self._shown_request = request_id
        self._pending_render = request_id
        self.preview.show_parts(
            parts, reset_camera=reset, newer_pending=request_id < self._request
        )
        # While a slider is held, the price catches up on release, like the
        # panel.
        self.pricer.parts_shown(request_id, self.session, parts)

    def _show_price(self) -> None:
        price, state = self.live_price.shown(self.session)
        notes = {
            PriceState.CATALOG: self.tr(
                "Materials and tax are added once the 3D model is measured."
            ),
            PriceState.UPDATING: self.tr("Updating…"),
            PriceState.MEASURED: self.tr("Including materials and tax."),
        }
        total = keep_units(
            self.tr("Price: %s")
            % f"{price.currency} {i18n.format_money(price.total, price.currency)}"
        )
        # One row each, as on a receipt: the label wraps in its cell and the
        # amount stays right-aligned in a column of its own.
        rows = "".join(
            f"<tr><td>{keep_units(html.escape(line.label(self.language)))}</td>"
            f'<td align="right" style="white-space: nowrap">'
            f"&nbsp;&nbsp;{i18n.format_money(line.amount, price.currency)}</td></tr>"
            for line in price.lines
        )
        colour = "#202020" if state is PriceState.MEASURED else "#707070"
        self.price.setText(
            f'<div style="color: {colour}">'
            f"<b>{total}</b>"
            f'<table width="100%" cellspacing="0" cellpadding="0"'
            f' style="font-size: small">{rows}</table>'
            f"<small><i>{notes[state]}</i></small></div>"
        )

    def _price_measured(self) -> None:
        self._show_price()
        if self.live_price.shown(self.session)[1] is PriceState.MEASURED:
            self.price_notice.clear()
        self.price_measured.emit()

    def _price_failed(self, error: ValueError) -> None:
        self.price_notice.show(lambda: error_text(error), self.session.values_key())

    def _refresh_panel(self) -> None:
        self._panel_stale = False
        self.panel.refresh()
        self._show_violations()

    def _slider_dragging(self, dragging: bool) -> None:
        if dragging == self._dragging:
            return
        self._dragging = dragging
        if dragging:
            self.preview.begin_interaction()
            self.pricer.set_slider_held(True)
            return
        # The full frame waits for the parts of the last drag step when
        # they are still being built.
        self.preview.end_interaction(parts_pending=self._request > self._shown_request)
        if self._panel_stale and self.session is not None:
            self._refresh_panel()
        # The full frame of the release comes before the price.
        self.pricer.set_slider_held(False)
        if self._hints_stale and self.session is not None:
            self._hints_stale = False
            self.option_hints.refresh(self.session, self.customer_id, self.language)

    def is_newest_request(self, request_id: int) -> bool:
        """Tell whether ``request_id`` is the newest geometry request made.

        ``preview_updated`` also reports results that a newer change has
        already overtaken; a caller waiting for the current design checks
        the id with this.
        """
        return request_id == self._request

    @property
    def geometry_process_ids(self) -> list[int]:
        """The operating system ids of the processes that build the geometry."""
        return self._geometry.process_ids

    def _preview_rendered(self) -> None:
        request_id = getattr(self, "_pending_render", None)
        if request_id is not None:
            self._pending_render = None
            self.preview_updated.emit(request_id)

    def _geometry_failed(self, request_id: int, error: Exception) -> None:
        if request_id == self._request:
            self.building_note.build_ended()
            self.build_notice.show(lambda: build_failure_text(error))
            self.pricer.build_failed()

    # Files -----------------------------------------------------------------------

    def _open_dialog(self) -> None:
        if not staff_gate.permitted(self, "customise"):
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open design"), "", "Designs (*.json)"
        )
        if path:
            self.open_design(Path(path))

    def open_design(self, path: Path) -> bool:
        """Open a design file; a bad file is reported and changes nothing."""
        try:
            design = read_design(path)
        except DesignFileError as error:
            self._report_unopened(error)
            return False
        return self.open_read_design(design, path)

    def open_read_design(self, design: Design, source: Path) -> bool:
        """Open a design already read from ``source``, such as a decrypted autosave.

        A design that does not match the catalog is reported, with every
        value at fault, and changes nothing.
        """
        try:
            model, values = resolve(design, self.catalog, source)
        except DesignFileError as error:
            self._report_unopened(error)
            return False
        if not self._confirm_replace(lambda: self.open_read_design(design, source)):
            return False
        self.open_session(DesignSession(model, values, design.chosen))
        self.open_model(model.id)
        self.note_filled_values(missing_parameters(design, model))
        return True

    def note_filled_values(
        self, names: Collection[str], order: OpenedOrderDesign | None = None
    ) -> None:
        """Name the options that the opened design had no value for, the
        values the studio set them to, and the price lines they bring.

        ``names`` are those parameters, as
        :func:`designer.designs.missing_parameters` returns them. ``order``
        is the order opened for revision, if the design is an order's. Its
        notice separates the options that the order's price already includes.
        """
        self._filled = tuple(names)
        self._filled_session = self.session
        if not names:
            self.filled_notice.clear()
            return
        session = self.session
        currency = self.live_price.shown(session)[0].currency
        if order is None:
            notice = filled_notice(session, names, currency)
        else:
            notice = order_filled_notice(session, names, order.offered_later, currency)
        logger.info(
            "opened %s without %s; set to defaults", session.model.id, list(names)
        )
        self.filled_notice.show(lambda: notice(self.language))

    def _report_unopened(self, error: DesignFileError) -> QMessageBox:
        """Show why a design was not opened, worded again on a language switch."""

        def text() -> str:
            unchanged = self.tr(
                "The design on screen stays open, and the file was not changed."
            )
            return f"{error_text(error)}\n\n{unchanged}"

        return self.show_reworded_message(lambda: self.tr("Cannot open design"), text)

    def open_kiosk_design(self, code: str) -> bool:
        """Open the design a customer saved at a kiosk under ``code``."""
        return kiosk_staff.open_kiosk_design(self, code)

    def _save_dialog(self) -> None:
        self.save_design_dialog()

    def save_design_dialog(self) -> bool:
        """Ask for a file name and save the design there; return whether it was."""
        if self.session is None or not staff_gate.permitted(self, "customise"):
            return False
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save design"),
            f"{self.session.model.id}.json",
            "Designs (*.json)",
        )
        return bool(path) and self.save_design(Path(path))

    def save_design(self, path: Path) -> bool:
        """Write the design to ``path``; a failure is shown and returns False.

        A blank file name and the store's own files are rejected with the
        command line's messages.
        """
        database_url = None if self.database is None else self.database.engine.url
        try:
            check_output_name(path.name, f"{self.session.model.id}.json")
            check_not_store_file(path, database_url)
            write_design(self.session.design(), path)
        except OSError as error:
            if not isinstance(error, OutputPathError):
                error = output_path_error(path, error)
            self.show_message(self.tr("Cannot save design"), error_text(error))
            return False
        self._clean_values = dict(self.session.values)
        self.statusBar().showMessage(self.tr("Saved ") + str(path), 5000)
        return True

    def _export_dialog(self) -> None:
        if not staff_gate.permitted(self, "export_package"):
            return
        if self._export_job is not None:
            self.export_progress.raise_()
            self.export_progress.activateWindow()
            return
        # The export process imports its libraries while the user picks the
        # folder, which saves a second or more.
        job = PackageExportJob(self)
        job.launch()
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export production package to")
        )
        if folder:
            self.export_to(Path(folder) / f"{self.session.model.id}-package", job)
        else:
            job.discard()
            job.deleteLater()

    def export_to(
        self, out_dir: Path, job: PackageExportJob | None = None
    ) -> PackageExportJob | None:
        """Export the design's production package with a progress dialog.

        A child process renders the spec sheet's front, side and
        three-quarter views and writes the package (:mod:`app.export_job`),
        so the window stays responsive. ``export_finished`` reports the
        written files, or ``None`` when the export failed or was cancelled.
        ``job`` is an unused job whose process was launched already.

        Returns the started job, or ``None`` when it could not start. While
        another export runs, a message says so and nothing is reported.
        """
        if self._export_job is not None:
            self.show_message(
                self.tr("Export running"),
                self.tr(
                    "An export to {0} is running; wait for it or cancel it."
                ).format(self._export_job.out_dir),
            )
            return None
        session = DesignSession(
            self.session.model,
            self.session.values,
            self.session.chosen,
            self.session.currency,
        )
        job = job or PackageExportJob(self)
        # An option filled in when the file opened and chosen since is the
        # customer's choice now.
        filled = [name for name in self.filled_options() if name not in session.chosen]
        try:
            job.start(session, out_dir, self.language, self._store_settings(), filled)
        except (OSError, ValueError) as error:
            job.discard()
            job.deleteLater()
            self.show_message(self.tr("Export failed"), error_text(error))
            self.export_finished.emit(None)
            return None
        self._export_job = job
        self.export_progress = ExportProgressDialog(job, self)
        self.export_progress.show()
        job.finished.connect(self._export_ended)
        job.failed.connect(self._export_failed)
        job.cancelled.connect(lambda: self._export_ended(None))
        return job

    def _store_settings(self):
        """Return the store's settings, or ``None`` for the defaults when
        the window has no database.

        Raises
        ------
        ValueError
            When a stored setting is invalid.
        """
        if self.database is None:
            return None
        from designer.store import load_store_settings

        with self.database.session(readonly=True) as db_session:
            return load_store_settings(db_session)

    def _export_ended(self, paths: list[Path] | None) -> None:
        job, self._export_job = self._export_job, None
        job.deleteLater()
        if paths is None:
            self.statusBar().showMessage(self.tr("Export cancelled"), 8000)
        else:
            self.statusBar().showMessage(
                self.tr("Exported to ") + str(job.out_dir), 8000
            )
        self.export_finished.emit(paths)

    def _export_failed(self, message: str) -> None:
        self._export_job.deleteLater()
        self._export_job = None
        self.export_finished.emit(None)
        self.show_message(self.tr("Export failed"), message)

    def filled_options(self) -> tuple[str, ...]:
        """Return the options that the design on screen had no value for when
        it was opened, or none once another design is open."""
        if self.session is None or self._filled_session is not self.session:
            return ()
        return self._filled

    def open_compare(self):
        """Open two designs side by side, the left one the design on screen."""
        from app.compare_view import CompareWindow

        if not staff_gate.permitted(self, "customise"):
            return None
        view = CompareWindow(self, left=self.session)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()
        self.compare_view = view
        return view

    # Orders ----------------------------------------------------------------------

    def open_order_dialog(self):
        """Open the order dialog for the current design and customer."""
        from app.order_dialog import PlaceOrderDialog

        if self.session is None or self.database is None:
            return None
        if not self.session.orderable or not staff_gate.permitted(self, "orders"):
            return None
        if not self._require_customer(self.tr("Cannot place order")):
            return None
        dialog = PlaceOrderDialog(
            self.session,
            self.customer_id,
            self.database,
            self.language,
            self,
            staff=self.staff,
            filled=self.filled_options(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.order_placed.connect(self._order_placed)
        dialog.show()
        self.order_dialog = dialog
        return dialog

    def _order_placed(self, order_id: str) -> None:
        self.statusBar().showMessage(self.tr("Order placed: ") + order_id, 8000)
        if self.monitor is not None:
            self.monitor.refresh()

    def open_monitor(self):
        """Show the production monitor, creating it on first use."""
        from app.monitor import ProductionMonitor

        if self.database is None:
            return None
        if not staff_gate.permitted(self, "production_monitor"):
            return None
        if self.monitor is not None and self.monitor.staff != self.staff:
            # Built for another staff member: build it anew. A change of
            # language reaches the monitor through its retranslate().
            self.monitor.close()
            self.monitor = None
        if self.monitor is None:
            self.monitor = ProductionMonitor(
                self.database, self.language, staff=self.staff, catalog=self.catalog
            )
            self.monitor.revise_requested.connect(self.revise_order)
        self.monitor.refresh()
        self.monitor.show()
        self.monitor.raise_()
        return self.monitor

    def revise_order(self, order_id: str) -> bool:
        """Open a draft or quoted order's design here, to change and save it back.

        Returns whether the design was opened; a rejection is shown in a message.
        """
        if self.database is None:
            return False
        if self.order_revision is None:
            from app.order_revision import OrderRevision

            self.order_revision = OrderRevision(self)
        return self.order_revision.open(order_id)

    # Suggestions ---------------------------------------------------------------

    def _fill_customers(self) -> None:
        self.customer_box.clear()
        if self.database is None:
            self.customer_box.setEnabled(False)
            return
        from storage.repositories import list_customers

        with self.database.session(readonly=True) as db_session:
            customers = [(c.id, c.display_name) for c in list_customers(db_session)]
        for customer_id, name in customers[:500]:
            self.customer_box.addItem(f"{customer_id} — {name}", customer_id)
        index = self.customer_box.findData(self.customer_id)
        if index >= 0:
            self.customer_box.setCurrentIndex(index)

    def _customer_chosen(self, index: int) -> None:
        if not staff_gate.permitted(self, "customers"):
            return
        self._use_customer(self.customer_box.itemData(index))

    def _customer_typed(self) -> None:
        """Look up an id typed into the box, such as one past the listed ones."""
        text = self.customer_box.currentText().strip()
        if not text or self.customer_box.findText(text) >= 0:
            return  # nothing typed, or a listed entry that activated() handled
        if not staff_gate.permitted(self, "customers"):
            return
        customer_id = text.split(" ")[0]
        if not self._customer_exists(customer_id):
            # The typed id stays in the box, so that it can be corrected.
            # The window serves no customer meanwhile, so that an order
            # cannot go to the customer shown before.
            self.customer_id = None
            self.refresh_suggestions()
            self.customer_notice.show(
                lambda: self.tr(
                    "Customer {id} not found. Check the id, or register the "
                    "customer under Customers."
                ).format(id=repr(customer_id))
            )
            return
        self._use_customer(customer_id)

    def _use_customer(self, customer_id: str) -> None:
        self.customer_notice.clear()
        self.customer_id = customer_id
        self.refresh_suggestions()
        self.option_hints.refresh(self.session, self.customer_id, self.language)

    def _customer_exists(self, customer_id: str) -> bool:
        from storage.repositories import get_customer

        if not customer_id:
            return False
        with self.database.session(readonly=True) as db_session:
            return get_customer(db_session, customer_id) is not None

    def refresh_suggestions(self) -> None:
        """Fetch suggestions for the current customer in the background."""
        if self.database is None:
            return
        if self.customer_id is None:
            self.suggestion_list.clear()
            return
        database, customer_id = self.database, self.customer_id

        def work():
            # Imported on the worker, because scikit-learn takes seconds to
            # import and the GUI thread keeps answering meanwhile.
            knn = import_in_background("recommender.knn")
            return knn.recommend(database, customer_id, n=SUGGESTION_COUNT)

        def show(suggestions) -> None:
            # A customer chosen meanwhile has a newer request of their own.
            if customer_id == self.customer_id:
                self._show_suggestions(suggestions)

        run_in_background(work, show, self._suggestions_failed, self)

    def _show_suggestions(self, suggestions) -> None:
        self._suggestions = list(suggestions)
        self.suggestion_list.clear()
        for suggestion in suggestions:
            item = QListWidgetItem(
                f"{self._product_name(suggestion.product_id, suggestion.name)}"
                f" — {self._suggestion_reason(suggestion)}"
            )
            item.setData(PRODUCT_ROLE, suggestion.product_id)
            item.setToolTip(f"score {suggestion.score:.3f}")
            self.suggestion_list.addItem(item)
        self.suggestions_updated.emit()

    def _product_name(self, product_id: str, name: str) -> str:
        """Return a catalog product's name in the window's language."""
        model = self.catalog.models.get(product_id)
        return model.name(self.language) if model is not None else name

    def _suggestion_reason(self, suggestion) -> str:
        """Return the reason shown beside a suggestion, in the window's language."""
        if suggestion.kind == "similar_customers":
            if suggestion.buyers == 1:
                return self.tr("Bought by 1 customer with similar tastes")
            return self.tr("Bought by {0} customers with similar tastes").format(
                suggestion.buyers
            )
        related = self.catalog.models.get(suggestion.related_product_id or "")
        if suggestion.kind == "similar_products" and related is not None:
            return self.tr("Similar to {0} you bought").format(
                related.name(self.language)
            )
        if suggestion.kind == "popular_in_segment":
            return self.tr("Popular in your segment")
        if suggestion.kind == "popular":
            return self.tr("Popular with all customers")
        return suggestion.reason

    def _suggestions_failed(self, message: str) -> None:
        self.suggestion_list.clear()
        self.suggestion_list.addItem(self.tr("Suggestions are unavailable: ") + message)
        self.suggestions_updated.emit()

    def _suggestion_activated(self, item: QListWidgetItem) -> None:
        product_id = item.data(PRODUCT_ROLE)
        if product_id in self.catalog.models:
            self.open_model(product_id)

    # Customers -----------------------------------------------------------------

    def open_profile(self):
        """Open the profile of the customer chosen in the customer box."""
        if self.database is None:
            return None
        if not staff_gate.permitted(self, "customer_profile"):
            return None
        if not self._require_customer(self.tr("Cannot open profile")):
            return None
        from app.profile_view import ProfileView

        view = ProfileView(
            self.database,
            self.customer_id,
            self.language,
            self,
            staff=self.staff,
            catalog=self.catalog,
        )
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()
        self.profile_view = view
        return view

    def open_segments(self):
        """Open the list of customer segments."""
        if self.database is None or not staff_gate.permitted(self, "segments"):
            return None
        from app.segments_view import SegmentsView

        view = SegmentsView(self.database, self, staff=self.staff)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()
        self.segments_view = view
        return view

    def open_catalog_editor(self, folder: Path | None = None):
        """Open the designer's catalog editor on the catalog's folder.

        Models it publishes replace their entry in this window's catalog.
        """
        from app.catalog_editor import CatalogEditor, catalog_folder, show_published

        if not staff_gate.permitted(self, "catalog_editor"):
            return None
        editor = getattr(self, "catalog_editor", None)
        if editor is None:
            folder = folder or catalog_folder(self.catalog)
            editor = CatalogEditor(folder, language=self.language, parent=self)
            editor.published.connect(lambda result: show_published(self, result))
            self.catalog_editor = editor
        editor.show()
        editor.raise_()
        return editor

    def show_message(self, title: str, text: str) -> QMessageBox:
        """Show a warning without blocking the window; the text names the fix."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setObjectName("message")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.last_message = text
        return box

    def show_reworded_message(
        self, title: Callable[[], str], text: Callable[[], str]
    ) -> QMessageBox:
        """Show a warning as :meth:`show_message` does, with its title and
        text worded again in the interface language on a language switch.

        ``title()`` and ``text()`` word them in the interface language.
        """
        box = self.show_message(title(), text())
        self._reworded_boxes[box] = (title, text)
        box.destroyed.connect(lambda: self._reworded_boxes.pop(box, None))
        return box

    def _reword_messages(self) -> None:
        for box, (title, text) in self._reworded_boxes.items():
            box.setWindowTitle(title())
            box.setText(text())
            self.last_message = box.text()

    # Staff roles ---------------------------------------------------------------

    def _guarded_controls(self) -> dict[str, list]:
        """Map each permission of ``designer.access`` to the controls it shows.

        A new screen adds its action here (the catalog editor under
        ``"catalog_editor"``) or calls :meth:`guard`, and
        ``designer.access.ROLE_PERMISSIONS`` decides which roles see it.
        """
        return {
            "customise": [
                self.catalog_list,
                self.preview,
                self.side,
                self.view_toolbar,
                self.open_action,
                self.save_action,
                self.undo_action,
                self.redo_action,
                self.compare_action,
            ],
            "export_package": [self.export_action],
            "kiosk_code": [self.kiosk_open_action],
            "customers": [self.suggestions_box],
            "customer_profile": [self.profile_action, self.profile_button],
            "segments": [self.segments_action],
            "orders": [self.place_order_action],
            "production_monitor": [self.monitor_action],
            "catalog_editor": [self.catalog_editor_action],
        }

    def guard(self, permission: str, *controls) -> None:
        """Show ``controls`` (actions or widgets) only with ``permission``."""
        self.guarded.setdefault(permission, []).extend(controls)

    def apply_permissions(self, allowed: Collection[str] | None) -> None:
        """Show only the controls of the ``allowed`` permissions; ``None`` shows all.

        A menu whose actions are all hidden is hidden too, and so is the
        design area when neither the catalog nor the customer panel is shown.
        """
        shown = {
            permission: allowed is None or permission in allowed
            for permission in self.guarded
        }
        for permission, controls in self.guarded.items():
            for control in controls:
                control.setVisible(shown[permission])
        for menu in self.menuBar().findChildren(QMenu):
            entries = [a for a in menu.actions() if not a.isSeparator()]
            menu.menuAction().setVisible(any(a.isVisible() for a in entries))
        workspace = shown.get("customise", False) or shown.get("customers", False)
        self.centralWidget().setVisible(workspace)

    def set_customer(self, customer_id: str | None) -> None:
        """Make ``customer_id`` the window's customer; ``None`` clears it."""
        self._fill_customers()
        self.customer_id = customer_id
        self.customer_box.setCurrentIndex(
            -1 if customer_id is None else self.customer_box.findData(customer_id)
        )
        self.refresh_suggestions()

    def _require_customer(self, title: str) -> bool:
        if self.customer_id is not None:
            return True
        self.show_message(
            title,
            self.tr(
                "No customer chosen: pick one in the customer box, or use "
                "Customers > Find or register customer."
            ),
        )
        return False

    def reset_workspace(self) -> None:
        """Clear the customer and start a new design of the first catalog model."""
        self.set_customer(None)
        if self.catalog_list.count():
            first = self.catalog.get(self.catalog_list.item(0).data(PRODUCT_ROLE))
            self.open_session(DesignSession(first))
            self.open_model(first.id)

    # Thumbnails ----------------------------------------------------------------

    def load_thumbnails(self) -> None:
        """Show cached catalog icons and render the missing ones in a subprocess.

        The subprocess (``python -m app.thumbnails``) keeps VTK's offscreen
        rendering and the geometry builds off this process's GUI thread.
        ``thumbnails_ready`` is emitted once every icon that could be
        rendered is shown.
        """
        found = cached_thumbnails(self.catalog)
        self._show_thumbnails(found)
        if len(found) == len(self.catalog.models):
            self.thumbnails_ready.emit()
            return
        if self._thumbnail_job is not None:
            return
        job = QProcess(self)
        job.setWorkingDirectory(str(PROJECT_ROOT))
        job.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        job.finished.connect(self._thumbnails_rendered)
        job.errorOccurred.connect(self._thumbnail_job_failed)
        self._thumbnail_job = job
        out = str(cache_dir())
        job.start(sys.executable, ["-m", "app.thumbnails", "--out", out])
        logger.debug("rendering catalog thumbnails into %s", out)

    def _thumbnails_rendered(self, exit_code: int, _status) -> None:
        self._thumbnail_job = None
        if exit_code != 0:
            logger.warning("thumbnail job exited with code %s", exit_code)
        self._show_thumbnails(cached_thumbnails(self.catalog))
        self.thumbnails_ready.emit()

    def _thumbnail_job_failed(self, error) -> None:
        # A job that never started sends no finished signal.
        if error == QProcess.ProcessError.FailedToStart:
            logger.warning("thumbnail job failed to start: %s", error)
            self._thumbnail_job = None
            self.thumbnails_ready.emit()

    def _show_thumbnails(self, paths: dict[str, Path]) -> None:
        for row in range(self.catalog_list.count()):
            item = self.catalog_list.item(row)
            path = paths.get(item.data(PRODUCT_ROLE))
            if path is not None:
                item.setIcon(QIcon(QPixmap(str(path))))

    # Life cycle ----------------------------------------------------------------

    def quit(self) -> bool:
        """Close the window as File > Quit does; return whether it closed.

        Unsaved changes to an order under revision are asked about first;
        see :meth:`app.order_revision.OrderRevision.confirm_close`.
        """
        if not self._confirm_close():
            return False
        return self.close()

    def _confirm_close(self) -> bool:
        if self.order_revision is None:
            if not self.has_unsaved_design():
                return True
            from app.order_revision import OrderRevision

            self.order_revision = OrderRevision(self)
        # After "Save to order" the window closes once the save succeeded,
        # asking again if the design changed meanwhile.
        return self.order_revision.confirm_close(self.quit)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Only a close that staff start shows the unsaved-changes question.
        # File > Quit shows it in quit(), and the title bar's close button
        # sends a spontaneous event. A close from code (the tests' teardown,
        # the sign-in dialog's Quit, the start-up probe) shows none, because
        # a modal question there would block with no one to reply.
        if event.spontaneous() and not self._confirm_close():
            event.ignore()
            return
        if self.order_revision is not None:
            # A save still running then runs nothing after it, such as quit().
            self.order_revision.stop()
        self.pricer.stop()
        self.worker.finished.disconnect(self._geometry_ready)
        self.worker.close()
        self._geometry.close()
        if self._thumbnail_job is not None:
            self._thumbnail_job.finished.disconnect(self._thumbnails_rendered)
            self._thumbnail_job.errorOccurred.disconnect(self._thumbnail_job_failed)
            self._thumbnail_job.kill()
            self._thumbnail_job.waitForFinished(5000)
            self._thumbnail_job = None
        # Message boxes, dialogs and customer screens are windows of their own
        # and would outlive this one.
        for child in self.findChildren(QWidget):
            if child.isWindow():
                child.close()
        self.preview.close()
        if self.monitor is not None:
            self.monitor.close()
        super().closeEvent(event)


FAMILY_ORDER = {"jewelry": 0, "shoes": 1, "furniture": 2}


CATEGORY_ORDER = {"ring": 0, "pendant": 1, "bangle": 2, "shoe": 0, "boot": 1}


def _catalog_order(model) -> tuple:
    """Sort the catalog by family, then category and id, so rings come first."""
    category = CATEGORY_ORDER.get(model.category, 5)
    return (FAMILY_ORDER.get(model.family, 9), category, model.category, model.id)


def _brush(colour: str):
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(colour))
