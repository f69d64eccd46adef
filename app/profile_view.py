"""The staff view of one customer's profile: tags, segment, statistics, history.

The profile is built on a worker thread, because building it computes the
features of every profiled customer. ``loaded`` is emitted once the view
shows it, and ``failed(message)`` when it could not be built.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
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

from app.tables import fill_row, format_number, read_only_table
from app.workers import run_in_background

logger = logging.getLogger(__name__)

# Display names of summary features and event kinds: (English, Chinese).
FEATURE_LABELS = {
    "monetary": ("Money spent", "消费金额"),
    "frequency": ("Orders", "订单数"),
    "average_order_value": ("Average order", "平均订单金额"),
    "recency_days": ("Days since last visit", "距上次到访天数"),
    "tenure_days": ("Days since first visit", "距首次到访天数"),
    "sessions": ("Visits", "到访次数"),
    "views": ("Product views", "商品浏览"),
    "purchases": ("Purchase lines", "购买记录"),
    "ratings": ("Products rated", "评分商品数"),
    "mean_rating": ("Average rating", "平均评分"),
    "reviews": ("Reviews", "评论"),
    "saved_designs": ("Saved designs", "保存的设计"),
}
KIND_LABELS = {
    "view": ("View", "浏览"),
    "search": ("Search", "搜索"),
    "favourite": ("Favourite", "收藏"),
    "cart": ("Cart", "购物车"),
    "purchase": ("Purchase", "购买"),
    "rating": ("Rating", "评分"),
    "review": ("Review", "评论"),
    "saved_design": ("Saved design", "保存设计"),
}
FAMILY_LABELS = {
    "jewelry": ("jewelry", "珠宝"),
    "shoes": ("shoes", "鞋履"),
    "furniture": ("furniture", "家具"),
    "other": ("other", "其他"),
}
VALUE_LABELS = {
    "female": ("female", "女"),
    "male": ("male", "男"),
    "other": ("other", "其他"),
    "unknown": ("unknown", "未知"),
}
DEMOGRAPHIC_LABELS = {
    "age_band": ("Age", "年龄"),
    "gender": ("Gender", "性别"),
    "region": ("Region", "地区"),
}


class ProfileView(QDialog):
    """Show one customer's profile to staff, in English or Chinese.

    Parameters
    ----------
    database
        The studio's :class:`storage.db.Database`.
    customer_id
        The customer to show.
    language
        ``"en"`` or ``"zh_CN"``.
    staff
        The signed-in :class:`storage.staff.ActiveSession`, whose role is
        checked and whose name the audit log records for the view; ``None``
        records the system.
    """

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self, database, customer_id: str, language: str = "en", parent=None, staff=None
    ):
        super().__init__(parent)
        self.database = database
        self.staff = staff
        self.customer_id = customer_id
        self.language = language
        self.profile = None
        self.setObjectName("profile_view")
        self.setWindowTitle(self._text("Customer profile", "客户档案"))
        self.resize(900, 720)
        self._build()
        self.refresh()

    def _text(self, english: str, chinese: str) -> str:
        return chinese if self.language == "zh_CN" else english

    def _label(self, table: dict[str, tuple[str, str]], key: str) -> str:
        return self._text(*table[key]) if key in table else key

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
        about = QGroupBox(self._text("About", "概况"), self)
        about_layout = QVBoxLayout(about)
        self.demographics = QLabel(about)
        self.demographics.setObjectName("profile_demographics")
        self.demographics.setWordWrap(True)
        about_layout.addWidget(self.demographics)
        self.segment = QLabel(about)
        self.segment.setObjectName("profile_segment")
        self.segment.setWordWrap(True)
        about_layout.addWidget(self.segment)
        self.interests = QLabel(about)
        self.interests.setObjectName("profile_interests")
        self.interests.setWordWrap(True)
        about_layout.addWidget(self.interests)
        top.addWidget(about, 1)

        tags_box = QGroupBox(self._text("Tags", "标签"), self)
        tags_layout = QVBoxLayout(tags_box)
        self.tags = QListWidget(tags_box)
        self.tags.setObjectName("profile_tags")
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setFlow(QListView.Flow.LeftToRight)
        self.tags.setWrapping(True)
        self.tags.setSpacing(4)
        self.tags.setMaximumHeight(90)
        tags_layout.addWidget(self.tags)
        top.addWidget(tags_box, 1)
        about.setMaximumHeight(130)
        tags_box.setMaximumHeight(130)
        layout.addLayout(top)

        self.summary = read_only_table(
            self,
            "profile_summary",
            [
                self._text("Statistic", "指标"),
                self._text("Customer", "该客户"),
                self._text("Median of all customers", "全部客户中位数"),
                self._text("Above", "高于"),
            ],
        )
        self.summary.setAccessibleName(self.tr("Statistics"))
        layout.addWidget(self.summary, 3)
        self.history_title = QLabel(self)
        layout.addWidget(self.history_title)
        self.history = read_only_table(
            self,
            "profile_history",
            [
                self._text("Time", "时间"),
                self._text("Event", "事件"),
                self._text("Product", "商品"),
                self._text("Quantity", "数量"),
                self._text("Value", "数值"),
                self._text("Text", "文字"),
            ],
        )
        self.history.setAccessibleName(self.tr("Event history"))
        layout.addWidget(self.history, 3)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton(self._text("Close", "关闭"), self)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    # Data -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Build the profile again in the background and show it."""
        from designer.customers import view_customer_profile

        database, customer_id, staff = self.database, self.customer_id, self.staff
        self.header.setText(customer_id)
        self.notice.setText(self._text("Loading the profile…", "正在加载档案…"))

        def work():
            return view_customer_profile(database, customer_id, staff=staff)

        run_in_background(work, self._show, self._failed, self)

    def _show(self, profile) -> None:
        self.profile = profile
        self.header.setText(f"{profile.display_name} ({profile.customer_id})")
        yes, no = self._text("yes", "是"), self._text("no", "否")
        self.consent.setText(
            self._text("Profiling consent: ", "同意画像分析：")
            + (yes if profile.consent_profiling else no)
            + "    "
            + self._text("Marketing consent: ", "同意营销联系：")
            + (yes if profile.consent_marketing else no)
        )
        self.tags.clear()
        self.summary.setRowCount(0)
        self.history.setRowCount(0)
        if not profile.consent_profiling:
            self.notice.setText(
                self._text(
                    "This customer has not consented to profiling, so the studio "
                    "keeps no profile or history for them.",
                    "该客户未同意画像分析，因此不保存其档案和记录。",
                )
            )
            self.demographics.clear()
            self.segment.clear()
            self.interests.clear()
            self.history_title.clear()
            self.loaded.emit()
            return

        self.notice.clear()
        self._show_about(profile)
        for tag in profile.tags:
            item = QListWidgetItem(tag.label(self.language))
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            item.setToolTip(tag.description(self.language))
            self.tags.addItem(item)
        if not profile.tags:
            self.tags.addItem(self._text("No tags apply", "暂无标签"))
        self._show_summary(profile.summary)
        self._show_history(profile)
        self.loaded.emit()

    def _show_about(self, profile) -> None:
        parts = []
        for key, value in profile.demographics.items():
            shown = self._label(VALUE_LABELS, value).replace("_", "–")
            parts.append(f"{self._label(DEMOGRAPHIC_LABELS, key)}: {shown}")
        self.demographics.setText("    ".join(parts))
        segment = (
            profile.segment.label
            if profile.segment is not None
            else self._text("not assigned yet", "尚未分组")
        )
        self.segment.setText(self._text("Segment: ", "客户分组：") + segment)
        interests = ", ".join(
            f"{self._label(FAMILY_LABELS, family)} {share:.0%}"
            for family, share in profile.interests
        )
        self.interests.setText(
            self._text("Interests: ", "兴趣：")
            + (interests or self._text("none", "无"))
        )

    def _show_summary(self, lines) -> None:
        self.summary.setRowCount(len(lines))
        for row, line in enumerate(lines):
            values = [
                self._label(FEATURE_LABELS, line.feature),
                format_number(line.value),
                format_number(line.median),
                self._text(
                    f"{line.rank:.0f}% of customers", f"{line.rank:.0f}% 的客户"
                ),
            ]
            fill_row(self.summary, row, values)

    def _show_history(self, profile) -> None:
        entries = profile.history
        self.history_title.setText(
            self._text(
                f"History: latest {len(entries)} of {profile.event_count} events",
                f"记录：共 {profile.event_count} 条，显示最近 {len(entries)} 条",
            )
        )
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = [
                f"{entry.occurred_at:%Y-%m-%d %H:%M}",
                self._label(KIND_LABELS, entry.kind),
                entry.product_name or entry.product_id or "",
                str(entry.quantity),
                "" if entry.value is None else format_number(float(entry.value)),
                entry.text or "",
            ]
            fill_row(self.history, row, values)

    def _failed(self, message: str) -> None:
        self.notice.setText(
            self._text("The profile could not be loaded: ", "无法加载档案：") + message
        )
        self.failed.emit(message)
