"""Draw QR codes for the kiosk's receipt screen.

ReportLab, already used for the PDF documents, encodes the QR modules; Qt
paints them, so no extra imaging package is needed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

QUIET_ZONE_MODULES = 4


def qr_image(text: str, module_px: int = 8) -> QImage:
    """Return a black-on-white QR code of ``text``.

    Parameters
    ----------
    text
        The content, for example ``"ATELIER-DESIGN:K7MQ4C"``.
    module_px
        Side of one QR module in pixels; the image adds a four-module
        quiet zone on every side, as scanners expect.
    """
    # Imported here, so that the kiosk starts without reportlab.
    from reportlab.graphics.barcode.qr import QrCodeWidget

    code = QrCodeWidget(text).qr
    # The widget encodes lazily when drawn, so encode the modules here.
    code.make()
    count = code.getModuleCount()
    side = (count + 2 * QUIET_ZONE_MODULES) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for row in range(count):
        for column in range(count):
            if code.isDark(row, column):
                painter.fillRect(
                    (column + QUIET_ZONE_MODULES) * module_px,
                    (row + QUIET_ZONE_MODULES) * module_px,
                    module_px,
                    module_px,
                    Qt.GlobalColor.black,
                )
    painter.end()
    return image
