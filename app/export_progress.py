"""The progress dialog of a production package export, with a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from app.export_job import COMMITTING, PackageExportJob


class ExportProgressDialog(QProgressDialog):
    """Show an export's current step and percentage, and cancel it on request.

    The dialog is not modal, so the studio window stays usable during the
    export. Cancel, Escape and closing the dialog all cancel the export
    until its package is being moved into place. From then on the button
    is disabled, and the export finishes. The dialog closes itself when
    the job ends.
    """

    def __init__(self, job: PackageExportJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_progress")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setRange(0, 100)
        self.setMinimumWidth(420)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("export_cancel")
        self.setCancelButton(self.cancel_button)
        self.step = ""
        self._job = job
        self._ended = False
        self.retranslate()
        self.show_step("start", 0)
        job.progress.connect(self.show_step)
        job.finished.connect(self._job_ended)
        job.failed.connect(self._job_ended)
        job.cancelled.connect(self._job_ended)
        # The Cancel button and closing the dialog emit canceled, Escape
        # emits rejected.
        self.canceled.connect(self._cancel_job)
        self.rejected.connect(self._cancel_job)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Exporting production package"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._step_texts = {
            "start": self.tr("Starting the export…"),
            "views": self.tr("Rendering the front, side and 3D views…"),
            "spec": self.tr("Writing the specification (spec.json)…"),
            "pdf": self.tr("Laying out the spec sheet (spec.pdf)…"),
            "meshes": self.tr("Writing the meshes (STL, glTF, 3MF)…"),
            "dxf": self.tr("Drawing the cut lists and DXF files…"),
            "files": self.tr("Writing the package folder…"),
            "zip": self.tr("Zipping the package…"),
            COMMITTING: self.tr("Moving the package into place…"),
            "done": self.tr("Done"),
        }

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.setLabelText(self._step_texts.get(self.step, self.step))
        super().changeEvent(event)

    def show_step(self, step: str, percent: int) -> None:
        """Show ``step``'s text and ``percent``; late steps cannot be cancelled."""
        self.step = step
        self.setLabelText(self._step_texts.get(step, step))
        self.setValue(percent)
        self.cancel_button.setEnabled(self._job.cancellable)

    def _cancel_job(self) -> None:
        if not self._ended:
            self._job.cancel()

    def _job_ended(self, *_result) -> None:
        self._ended = True
        self.close()
