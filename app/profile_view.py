"""The staff view of one customer's profile: tags, segment, statistics, history.

The profile is built on a worker thread, because building it computes the
features of every profiled customer. ``loaded`` is emitted once the view
shows it, and ``failed(message)`` when it could not be built.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from app import i18n
from app.countries import country_name
from app.domain_text import message_text
from app.segment_labels import segment_text
from app.tables import fill_row, format_number, read_only_table
from app.workers import run_in_background

logger = logging.getLogger(__name__)

# Display names of summary features, event kinds, interest families and
# demographic values, translated when shown.
FEATURE_LABELS = {
    "monetary": QT_TRANSLATE_NOOP("ProfileView", "Money spent"),
    "frequency": QT_TRANSLATE_NOOP("ProfileView", "Orders"),
    "average_order_value": QT_TRANSLATE_NOOP("ProfileView", "Average order"),
    "recency_days": QT_TRANSLATE_NOOP("ProfileView", "Days since last visit"),
    "tenure_days": QT_TRANSLATE_NOOP("ProfileView", "Days since first visit"),
    "sessions": QT_TRANSLATE_NOOP("ProfileView", "Visits"),
    "views": QT_TRANSLATE_NOOP("ProfileView", "Product views"),
    "purchases": QT_TRANSLATE_NOOP("ProfileView", "Purchase lines"),
    "ratings": QT_TRANSLATE_NOOP("ProfileView", "Products rated"),
    "mean_rating": QT_TRANSLATE_NOOP("ProfileView", "Average rating"),
    "reviews": QT_TRANSLATE_NOOP("ProfileView", "Reviews"),
    "saved_designs": QT_TRANSLATE_NOOP("ProfileView", "Saved designs"),
}
KIND_LABELS = {
    "view": QT_TRANSLATE_NOOP("ProfileView", "View"),
    "search": QT_TRANSLATE_NOOP("ProfileView", "Search"),
    "favourite": QT_TRANSLATE_NOOP("ProfileView", "Favourite"),
    "cart": QT_TRANSLATE_NOOP("ProfileView", "Cart"),
    "purchase": QT_TRANSLATE_NOOP("ProfileView", "Purchase"),
    "rating": QT_TRANSLATE_NOOP("ProfileView", "Rating"),
    "review": QT_TRANSLATE_NOOP("ProfileView", "Review"),
    "saved_design": QT_TRANSLATE_NOOP("ProfileView", "Saved design"),
}
FAMILY_LABELS = {
    "jewelry": QT_TRANSLATE_NOOP("ProfileView", "jewelry"),
    "shoes": QT_TRANSLATE_NOOP("ProfileView", "shoes"),
    "furniture": QT_TRANSLATE_NOOP("ProfileView", "furniture"),
    "other": QT_TRANSLATE_NOOP("ProfileView", "other"),
}
VALUE_LABELS = {
    "female": QT_TRANSLATE_NOOP("ProfileView", "female"),
    "male": QT_TRANSLATE_NOOP("ProfileView", "male"),
    "other": QT_TRANSLATE_NOOP("ProfileView", "other"),
    "unknown": QT_TRANSLATE_NOOP("ProfileView", "unknown"),
}
DEMOGRAPHIC_LABELS = {
    "age_band": QT_TRANSLATE_NOOP("ProfileView", "Age"),
    "gender": QT_TRANSLATE_NOOP("ProfileView", "Gender"),
    "region": QT_TRANSLATE_NOOP("ProfileView", "Region"),
}


class ProfileView(QDialog):
    """One customer's profile for staff, in the interface language.

    Parameters
    ----------
    database
        The studio's :class:`storage.db.Database`.
    customer_id
        The customer to show.
    language
        ``"en"`` or ``"zh_CN"``: the language of the profile's tag names. A
        language change through :mod:`app.i18n` replaces it.
    staff
        The signed-in :class:`storage.staff.ActiveSession`, whose role is
        checked and whose name the audit log records for the view; ``None``
        records the system.
    catalog
        The :class:`designer.catalog.Catalog`, whose model names the history
        shows in the interface language. Without it, and for a product the
        catalog lacks, the history shows the product's stored name.
    """

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        database,
        customer_id: str,
        language: str = "en",
        parent=None,
        staff=None,
        catalog=None,
    ):
        super().__init__(parent)
        self.database = database
        self.catalog = catalog
        self.staff = staff
        self.customer_id = customer_id
        self.language = language
        self.profile = None
        self._failure: str | None = None
        self.setObjectName("profile_view")
        self.resize(900, 720)
        self._build()
        self.retranslate()
        self.refresh()

    def _label(self, table: dict[str, str], key: str) -> str:
        return self.tr(table[key]) if key in table else key

    # Layout ---------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.header = QLabel(self)
        self.header.setObjectName("profile_header")
        self.header.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(self.header)
        self.consent = QLabel(self)
        self.consent.setObjectName("profile_consent")
        layout.addWidget(self.consent)
        self.notice = QLabel(self)
        self.notice.setObjectName("profile_notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a6d00;")
        layout.addWidget(self.notice)

        top = QHBoxLayout()
        self.about_box = QGroupBox(self)
        about_layout = QVBoxLayout(self.about_box)
        self.demographics = QLabel(self.about_box)
        self.demographics.setObjectName("profile_demographics")
        self.demographics.setWordWrap(True)
        about_layout.addWidget(self.demographics)
        self.segment = QLabel(self.about_box)
        self.segment.setObjectName("profile_segment")
        self.segment.setWordWrap(True)
        about_layout.addWidget(self.segment)
        self.interests = QLabel(self.about_box)
        self.interests.setObjectName("profile_interests")
        self.interests.setWordWrap(True)
        about_layout.addWidget(self.interests)
        top.addWidget(self.about_box, 1)

        self.tags_box = QGroupBox(self)
        tags_layout = QVBoxLayout(self.tags_box)
        self.tags = QListWidget(self.tags_box)
        self.tags.setObjectName("profile_tags")
        self.tags.setFlow(QListView.Flow.LeftToRight)
        self.tags.setWrapping(True)
        self.tags.setSpacing(4)
        self.tags.setMaximumHeight(90)
        tags_layout.addWidget(self.tags)
        top.addWidget(self.tags_box, 1)
        self.about_box.setMaximumHeight(130)
        self.tags_box.setMaximumHeight(130)
        layout.addLayout(top)

        self.summary = read_only_table(self, "profile_summary", [""] * 4)
        layout.addWidget(self.summary, 3)
        self.history_title = QLabel(self)
        layout.addWidget(self.history_title)
        self.history = read_only_table(self, "profile_history", [""] * 6)
        layout.addWidget(self.history, 3)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("profile_close")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        """Set every text in the language installed in :mod:`app.i18n`."""
        self.setWindowTitle(self.tr("Customer profile"))
        self.about_box.setTitle(self.tr("About"))
        self.tags_box.setTitle(self.tr("Tags"))
        self.tags.setAccessibleName(self.tr("Tags"))
        self.summary.setAccessibleName(self.tr("Statistics"))
        self.summary.setHorizontalHeaderLabels(
            [
                self.tr("Statistic"),
                self.tr("Customer"),
                self.tr("Median of all customers"),
                self.tr("Among all customers"),
            ]
        )
        self.history.setAccessibleName(self.tr("Event history"))
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Event"),
                self.tr("Product"),
                self.tr("Quantity"),
                self.tr("Value"),
                self.tr("Text"),
            ]
        )
        self.close_button.setText(self.tr("Close"))
        if self.profile is not None:
            self._render(self.profile)
        elif self._failure is not None:
            self._show_failure()
        else:
            self.notice.setText(self.tr("Loading the profile…"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.language = i18n.current_language()
            self.retranslate()
        super().changeEvent(event)

    # Data -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Build the profile again in the background and show it."""
        from designer.customers import view_customer_profile

        database, customer_id, staff = self.database, self.customer_id, self.staff
        self.profile, self._failure = None, None
        self.header.setText(customer_id)
        self.notice.setText(self.tr("Loading the profile…"))

        def work():
            return view_customer_profile(database, customer_id, staff=staff)

        run_in_background(work, self._show, self._failed, self)

    def _show(self, profile) -> None:
        self.profile = profile
        self._render(profile)
        self.loaded.emit()

    def _render(self, profile) -> None:
        self.header.setText(f"{profile.display_name} ({profile.customer_id})")
        yes, no = self.tr("yes"), self.tr("no")
        profiling = yes if profile.consent_profiling else no
        marketing = yes if profile.consent_marketing else no
        self.consent.setText(
            self.tr("Profiling consent: {answer}").format(answer=profiling)
            + "    "
            + self.tr("Marketing consent: {answer}").format(answer=marketing)
        )
        self.tags.clear()
        self.summary.setRowCount(0)
        self.history.setRowCount(0)
        if not profile.consent_profiling:
            self.notice.setText(
                self.tr(
                    "This customer has not consented to profiling, so the studio "
                    "keeps no profile or history for them."
                )
            )
            self.demographics.clear()
            self.segment.clear()
            self.interests.clear()
            self.history_title.clear()
            return

        self.notice.clear()
        self._show_about(profile)
        for tag in profile.tags:
            item = QListWidgetItem(tag.label(self.language))
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            item.setToolTip(tag.description(self.language))
            self.tags.addItem(item)
        if not profile.tags:
            self.tags.addItem(self.tr("No tags apply"))
        self._show_summary(profile.summary)
        self._show_history(profile)

    def _show_about(self, profile) -> None:
        parts = []
        for key, value in profile.demographics.items():
            if key == "region":
                shown = country_name(self._label(VALUE_LABELS, value))
            else:
                shown = self._label(VALUE_LABELS, value).replace("_", "–")
            parts.append(
                self.tr("{label}: {value}").format(
                    label=self._label(DEMOGRAPHIC_LABELS, key), value=shown
                )
            )
        self.demographics.setText("    ".join(parts))
        if profile.demo_left_out:
            segment = self.tr(
                "none, as demo customers are left out once the store has its own"
            )
        elif profile.segment is not None:
            segment = segment_text(profile.segment.label, profile.segment.description)
        else:
            segment = self.tr("not assigned yet")
        self.segment.setText(self.tr("Segment: {name}").format(name=segment))
        interests = self.tr(", ").join(
            f"{self._label(FAMILY_LABELS, family)} {share:.0%}"
            for family, share in profile.interests
        )
        self.interests.setText(
            self.tr("Interests: {families}").format(
                families=interests or self.tr("none")
            )
        )

    def _show_summary(self, lines) -> None:
        self.summary.setRowCount(len(lines))
        for row, line in enumerate(lines):
            values = [
                self._label(FEATURE_LABELS, line.feature),
                format_number(line.value),
                format_number(line.median),
                message_text(line.standing()),
            ]
            fill_row(self.summary, row, values)

    def _show_history(self, profile) -> None:
        entries = profile.history
        self.history_title.setText(
            self.tr("History: latest {shown} of {total} events").format(
                shown=len(entries), total=profile.event_count
            )
        )
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = [
                f"{entry.occurred_at:%Y-%m-%d %H:%M}",
                self._label(KIND_LABELS, entry.kind),
                self._product_name(entry),
                str(entry.quantity),
                "" if entry.value is None else format_number(float(entry.value)),
                entry.text or "",
            ]
            fill_row(self.history, row, values)

    def _product_name(self, entry) -> str:
        model = None
        if self.catalog is not None and entry.product_id:
            model = self.catalog.models.get(entry.product_id)
        if model is not None:
            return model.name(self.language)
        return entry.product_name or entry.product_id or ""

    def _failed(self, message: str) -> None:
        self._failure = message
        self._show_failure()
        self.failed.emit(message)

    def _show_failure(self) -> None:
        self.notice.setText(
            self.tr("The profile could not be loaded: {reason}").format(
                reason=self._failure
            )
        )
