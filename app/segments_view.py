"""The staff list of customer segments, with refitting and campaign export.

Loading, refitting and exporting run on worker threads. ``loaded`` is
emitted when the list shows the stored segments, ``refitted`` after a refit
has been stored and shown, and ``exported(count)`` after a campaign file is
written, with ``count`` ``None`` when writing failed.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from app.tables import fill_row, format_number, read_only_table
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
                    "members": members,
                    "marketing": sum(consent for _id, _name, consent in members),
                    "monetary": segment.centroid.get("monetary", 0.0),
                    "frequency": segment.centroid.get("frequency", 0.0),
                }
            )
        summary = get_setting(session, SEGMENT_FIT_KEY)
    return rows, None if summary is None else json.loads(summary)


class SegmentsView(QDialog):
    """List customer segments for staff and export one for a campaign.

    Parameters
    ----------
    database
        The studio's :class:`storage.db.Database`.
    language
        ``"en"`` or ``"zh_CN"``.
    """

    loaded = Signal()
    refitted = Signal()
    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, database, language: str = "en", parent=None, staff=None) -> None:
        super().__init__(parent)
        self.database = database
        # The signed-in member, whose role the export checks and whose name
        # the audit log records for each customer written.
        self.staff = staff
        self.language = language
        self.rows: list[dict] = []
        self.setObjectName("segments_view")
        self.setWindowTitle(self._text("Customer segments", "客户分组"))
        self.resize(960, 620)
        self._build()
        self.refresh()

    def _text(self, english: str, chinese: str) -> str:
        return chinese if self.language == "zh_CN" else english

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.info = QLabel(self)
        self.info.setObjectName("segment_fit_info")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = read_only_table(
            splitter,
            "segment_table",
            [
                self._text("Segment", "分组"),
                self._text("Customers", "客户数"),
                self._text("Accept marketing", "同意营销"),
                self._text("Average spent", "平均消费"),
                self._text("Average orders", "平均订单"),
            ],
        )
        self.table.setAccessibleName(self.tr("Segments"))
        self.table.itemSelectionChanged.connect(self._segment_selected)
        splitter.addWidget(self.table)
        self.members = QListWidget(splitter)
        self.members.setObjectName("segment_members")
        self.members.setAccessibleName(self.tr("Segment members"))
        splitter.addWidget(self.members)
        splitter.setSizes([620, 320])
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.refit_button = QPushButton(self._text("Refit segments", "重新分组"), self)
        self.refit_button.setObjectName("refit_button")
        self.refit_button.clicked.connect(self.refit)
        buttons.addWidget(self.refit_button)
        buttons.addStretch(1)
        self.export_button = QPushButton(
            self._text("Export campaign CSV…", "导出营销名单 CSV…"), self
        )
        self.export_button.setObjectName("export_button")
        self.export_button.setToolTip(
            self._text(
                "Writes the selected segment's customers who accept marketing",
                "导出所选分组中同意营销联系的客户",
            )
        )
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._export_dialog)
        buttons.addWidget(self.export_button)
        close = QPushButton(self._text("Close", "关闭"), self)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    # Data -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the stored segments in the background and show them."""
        database = self.database
        run_in_background(
            lambda: load_segment_rows(database), self._show, self._failed, self
        )

    def refit(self) -> None:
        """Fit the segments again in the background, keeping matched labels."""
        from recommender.segments import refit_segments

        database = self.database
        self.refit_button.setEnabled(False)
        self.info.setText(self._text("Fitting segments…", "正在分组…"))

        def work():
            refit_segments(database)
            return load_segment_rows(database)

        def done(result) -> None:
            self.refit_button.setEnabled(True)
            self._show(result)
            self.refitted.emit()

        def failed(message: str) -> None:
            self.refit_button.setEnabled(True)
            self._failed(message)

        run_in_background(work, done, failed, self)

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
            self.info.setText(
                self._text(
                    f"Exported {count} customers who accept marketing to {path}",
                    f"已将 {count} 位同意营销联系的客户导出到 {path}",
                )
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
            self._text("Export campaign", "导出营销名单"),
            f"segment-{segment_id}.csv",
            "CSV (*.csv)",
        )
        if path:
            self.export_to(Path(path))

    def _show(self, result) -> None:
        rows, summary = result
        self.rows = rows
        self.info.setText(self._fit_text(summary))
        self.table.setRowCount(len(rows))
        for row, segment in enumerate(rows):
            values = [
                segment["label"],
                str(len(segment["members"])),
                str(segment["marketing"]),
                format_number(segment["monetary"]),
                format_number(segment["frequency"]),
            ]
            fill_row(self.table, row, values)
            self.table.item(row, 0).setData(SEGMENT_ROLE, segment["id"])
        self.members.clear()
        if rows:
            self.table.selectRow(0)
        self.export_button.setEnabled(bool(rows))
        self.loaded.emit()

    def _fit_text(self, summary: dict | None) -> str:
        if summary is None:
            return self._text(
                "No segments yet: press Refit segments.", "尚未分组：请点击“重新分组”。"
            )
        fitted = str(summary["fitted_at"]).replace("T", " ")
        text = self._text(
            f"{summary['k']} segment(s) over {summary['customers']} customers who "
            f"consented to profiling, fitted {fitted}",
            f"基于 {summary['customers']} 位同意画像分析的客户分为 {summary['k']} 组，"
            f"时间 {fitted}",
        )
        if summary.get("silhouette") is not None:
            text += self._text(
                f", silhouette {summary['silhouette']:.2f}",
                f"，轮廓系数 {summary['silhouette']:.2f}",
            )
        if summary.get("fallback"):
            text += f" ({summary['fallback']})"
        return text

    def _segment_selected(self) -> None:
        segment_id = self.selected_segment()
        self.members.clear()
        segment = next((s for s in self.rows if s["id"] == segment_id), None)
        if segment is None:
            return
        yes = self._text("accepts marketing", "同意营销")
        no = self._text("no marketing", "不接受营销")
        for customer_id, name, marketing in segment["members"]:
            item = QListWidgetItem(
                f"{customer_id} — {name} ({yes if marketing else no})"
            )
            item.setData(Qt.ItemDataRole.UserRole, customer_id)
            self.members.addItem(item)

    def _failed(self, message: str) -> None:
        self.info.setText(self._text("Failed: ", "失败：") + message)
        self.failed.emit(message)
