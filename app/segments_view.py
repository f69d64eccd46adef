"""The staff list of customer segments, with refitting and campaign export.

Loading and exporting run on worker threads, refitting in a child process
that Cancel stops. ``loaded`` is emitted when the list shows the stored
segments, ``refitted`` after a refit has been stored and shown,
``refit_cancelled`` after a refit was cancelled, and ``exported(count)``
after a campaign file is written, with ``count`` ``None`` when writing
failed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from app.domain_text import error_text
from app.process_job import COMMITTING
from app.segment_job import SegmentFitJob
from app.segment_labels import fallback_text, segment_text
from app.tables import fill_row, fit_columns, format_number, read_only_table
from app.workers import run_in_background

logger = logging.getLogger(__name__)

SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 3


def load_segment_rows(database) -> tuple[list[dict], dict | None]:
    """Read the active segments with their members and the latest fit summary."""
    from storage.profiles import SEGMENT_FIT_KEY, list_segments, segment_members
    from storage.repositories import get_setting

    rows = []
    with database.session(readonly=True) as session:
        for segment in list_segments(session):
            members = segment_members(session, segment.id)
            rows.append(
                {
                    "id": segment.id,
                    "label": segment.label,
                    "description": segment.description,
                    "members": members,
                    "marketing": sum(consent for _id, _name, consent in members),
                    "monetary": segment.centroid.get("monetary", 0.0),
                    "frequency": segment.centroid.get("frequency", 0.0),
                }
            )
        summary = get_setting(session, SEGMENT_FIT_KEY)
    return rows, None if summary is None else json.loads(summary)


class SegmentsView(QDialog):
    """List customer segments for staff, refit them and export one for a campaign.

    A refit runs in a child process (:mod:`app.segment_job`) with a progress
    bar and a Cancel button; cancelling keeps the stored segments.

    Parameters
    ----------
    database
        The studio's :class:`storage.db.Database`.
    staff
        The signed-in member, whose role the export checks and whose name
        the audit log records for each customer written.
    """

    loaded = Signal()
    refitted = Signal()
    refit_cancelled = Signal()
    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, database, parent=None, staff=None) -> None:
        super().__init__(parent)
        self.database = database
        self.staff = staff
        self.rows: list[dict] = []
        self.summary: dict | None = None
        self.refit_job: SegmentFitJob | None = None
        self._info_text: Callable[[], str] = str
        self.setObjectName("segments_view")
        self.resize(960, 620)
        self._build()
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.info = QLabel(self)
        self.info.setObjectName("segment_fit_info")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = read_only_table(splitter, "segment_table", [""] * 5)
        self.table.itemSelectionChanged.connect(self._segment_selected)
        splitter.addWidget(self.table)
        self.members = QListWidget(splitter)
        self.members.setObjectName("segment_members")
        splitter.addWidget(self.members)
        splitter.setSizes([620, 320])
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.refit_button = QPushButton(self)
        self.refit_button.setObjectName("refit_button")
        # clicked sends a checked flag, which refit would take for k_values.
        self.refit_button.clicked.connect(lambda: self.refit())
        buttons.addWidget(self.refit_button)
        self.refit_progress = QProgressBar(self)
        self.refit_progress.setObjectName("refit_progress")
        self.refit_progress.setRange(0, 100)
        self.refit_progress.hide()
        buttons.addWidget(self.refit_progress, 1)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("refit_cancel")
        self.cancel_button.clicked.connect(self.cancel_refit)
        self.cancel_button.hide()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("export_button")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._export_dialog)
        buttons.addWidget(self.export_button)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    # Texts ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._retranslate_labels()
            self._segment_selected()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the interface language."""
        self.setWindowTitle(self.tr("Customer segments"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Segment"),
                self.tr("Customers"),
                self.tr("Accept marketing"),
                self.tr("Average spent"),
                self.tr("Average orders"),
            ]
        )
        self.table.setAccessibleName(self.tr("Segments"))
        fit_columns(self.table)
        self.members.setAccessibleName(self.tr("Segment members"))
        self.refit_button.setText(self.tr("Refit segments"))
        self.refit_progress.setAccessibleName(self.tr("Refit progress"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.export_button.setText(self.tr("Export campaign CSV…"))
        self.export_button.setToolTip(
            self.tr("Writes the selected segment's customers who accept marketing")
        )
        self.close_button.setText(self.tr("Close"))
        self.info.setText(self._info_text())

    def _show_info(self, text: Callable[[], str]) -> None:
        """Show ``text()`` above the table, and again after a language change."""
        self._info_text = text
        self.info.setText(text())

    def _step_text(self, step: str) -> str:
        texts = {
            "start": self.tr("Starting the segment fitting…"),
            "load": self.tr("Reading the customers' features…"),
            "fit": self.tr("Fitting segments…"),
            COMMITTING: self.tr("Storing the segments…"),
        }
        return texts.get(step, step)

    # Data -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the stored segments in the background and show them."""
        database = self.database
        run_in_background(
            lambda: load_segment_rows(database), self._show, self._failed, self
        )

    def refit(self, k_values: Sequence[int] | None = None) -> SegmentFitJob | None:
        """Fit the segments again in a child process, keeping matched labels.

        A progress bar shows each step, and Cancel stops the fit before it
        is stored. ``refitted`` is emitted once the new segments are stored
        and shown, ``refit_cancelled`` after a cancel, and ``failed`` with
        the reason otherwise. ``k_values`` are the numbers of segments to
        try, by default those of ``recommender.segments``.

        Returns the started job, or ``None`` when a refit already runs or
        none could start.
        """
        if self.refit_job is not None:
            return None
        job = SegmentFitJob(self)
        try:
            job.start(self.database, k_values)
        except ValueError as error:
            job.discard()
            job.deleteLater()
            self._failed(error_text(error))
            return None
        self.refit_job = job
        job.progress.connect(self._refit_progress)
        job.finished.connect(self._refit_finished)
        job.failed.connect(self._refit_failed)
        job.cancelled.connect(self._refit_stopped)
        self._show_refit(True)
        self._refit_progress("start", 0)
        return job

    def cancel_refit(self) -> bool:
        """Stop a running refit before it stores; return whether it stopped."""
        return self.refit_job is not None and self.refit_job.cancel()

    def done(self, result: int) -> None:
        """Close the screen, first cancelling a refit or waiting for its storing."""
        if self.refit_job is not None and not self.cancel_refit():
            self.refit_job.wait_for_end()
        super().done(result)

    def _show_refit(self, running: bool) -> None:
        self.refit_button.setEnabled(not running)
        self.refit_progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)

    def _refit_progress(self, step: str, percent: int) -> None:
        self.refit_progress.setValue(percent)
        self._show_info(lambda: self._step_text(step))
        self.cancel_button.setEnabled(self.refit_job.cancellable)

    def _end_refit(self) -> None:
        job, self.refit_job = self.refit_job, None
        job.deleteLater()
        self._show_refit(False)

    def _refit_finished(self, summary: dict) -> None:
        self._end_refit()
        logger.debug("refit stored %s segment(s)", summary["segments"])
        database = self.database

        def show(result) -> None:
            self._show(result)
            self.refitted.emit()

        run_in_background(lambda: load_segment_rows(database), show, self._failed, self)

    def _refit_failed(self, message: str) -> None:
        self._end_refit()
        self._failed(message)

    def _refit_stopped(self) -> None:
        self._end_refit()
        summary = self.summary
        self._show_info(
            lambda: (
                self.tr("Refit cancelled; the stored segments are unchanged.")
                + " "
                + self._fit_text(summary)
            )
        )
        self.refit_cancelled.emit()

    def selected_segment(self) -> int | None:
        """Return the id of the selected segment, or ``None``."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(SEGMENT_ROLE)

    def select_segment(self, segment_id: int) -> None:
        """Select the row of ``segment_id``, if it is listed."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(SEGMENT_ROLE) == segment_id:
                self.table.selectRow(row)
                return

    def export_to(self, path: Path) -> None:
        """Write the selected segment's marketing-consenting members to ``path``."""
        from designer.customers import export_campaign_file

        segment_id = self.selected_segment()
        if segment_id is None:
            return
        database, staff = self.database, self.staff

        def done(count: int) -> None:
            self._show_info(
                lambda: self.tr(
                    "Exported {0} customers who accept marketing to {1}"
                ).format(count, path)
            )
            self.exported.emit(count)

        def failed(message: str) -> None:
            self._failed(message)
            self.exported.emit(None)

        run_in_background(
            lambda: export_campaign_file(database, segment_id, path, staff=staff),
            done,
            failed,
            self,
        )

    def _export_dialog(self) -> None:
        segment_id = self.selected_segment()
        if segment_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export campaign"),
            f"segment-{segment_id}.csv",
            "CSV (*.csv)",
        )
        if path:
            self.export_to(Path(path))

    def _show(self, result) -> None:
        rows, summary = result
        self.rows = rows
        self.summary = summary
        self._show_info(lambda: self._fit_text(summary))
        self.table.setRowCount(len(rows))
        for row, segment in enumerate(rows):
            values = [
                segment_text(segment["label"], segment["description"]),
                str(len(segment["members"])),
                str(segment["marketing"]),
                format_number(segment["monetary"]),
                format_number(segment["frequency"]),
            ]
            fill_row(self.table, row, values)
            self.table.item(row, 0).setData(SEGMENT_ROLE, segment["id"])
        fit_columns(self.table)
        if rows:
            self.table.selectRow(0)
        # Selecting the row that was already selected emits no signal.
        self._segment_selected()
        self.export_button.setEnabled(bool(rows))
        self.loaded.emit()

    def _retranslate_labels(self) -> None:
        for row, segment in enumerate(self.rows):
            item = self.table.item(row, 0)
            if item is not None:
                item.setText(segment_text(segment["label"], segment["description"]))
        fit_columns(self.table)

    def _fit_text(self, summary: dict | None) -> str:
        if summary is None:
            return self.tr("No segments yet: press Refit segments.")
        fitted = str(summary["fitted_at"]).replace("T", " ")
        text = self.tr(
            "{0} segment(s) over {1} customers who consented to profiling, fitted {2}"
        ).format(summary["k"], summary["customers"], fitted)
        if summary.get("silhouette") is not None:
            text += self.tr(", silhouette {0}").format(f"{summary['silhouette']:.2f}")
        if summary.get("fallback"):
            text += self.tr(" ({0})").format(fallback_text(summary["fallback"]))
        return text

    def _segment_selected(self) -> None:
        segment_id = self.selected_segment()
        self.members.clear()
        segment = next((s for s in self.rows if s["id"] == segment_id), None)
        if segment is None:
            return
        yes = self.tr("accepts marketing")
        no = self.tr("no marketing")
        for customer_id, name, marketing in segment["members"]:
            item = QListWidgetItem(
                self.tr("{id} — {name} ({marketing})").format(
                    id=customer_id, name=name, marketing=yes if marketing else no
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, customer_id)
            self.members.addItem(item)

    def _failed(self, message: str) -> None:
        self._show_info(lambda: self.tr("Failed: {0}").format(message))
        self.failed.emit(message)
