"""Show the domain layer's messages and values in the interface language.

Domain errors (see :mod:`storage.messages`) carry an English template, its
translation context and its values. :func:`error_text` translates the
template with the installed Qt translator and fills it with the values, each
shown in the interface language too: order states, payment kinds, staff
roles, lists and nested messages. An ``OSError`` shows its file name and
the reason that :func:`storage.os_errors.os_error_reason` words. Any other
error shows ``str(error)``.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from rules.text import Labelled, RuleText
from storage.messages import Lines, Message
from storage.order_schema import OrderState, PaymentKind, PaymentMethod, QcResult
from storage.os_errors import os_error_reason
from storage.schema import StaffRole

logger = logging.getLogger(__name__)

CONTEXT = "DomainText"
# Messages of the domain layer: ``storage`` and ``designer`` use Message,
# and ``rules``, which may not import ``storage``, uses RuleText.
MESSAGE_TYPES = (Message, RuleText)
VALUE_NAMES: dict[Enum, str] = {
    OrderState.DRAFT: QT_TRANSLATE_NOOP("DomainText", "draft"),
    OrderState.QUOTED: QT_TRANSLATE_NOOP("DomainText", "quoted"),
    OrderState.CONFIRMED: QT_TRANSLATE_NOOP("DomainText", "confirmed"),
    OrderState.PAID: QT_TRANSLATE_NOOP("DomainText", "paid"),
    OrderState.IN_PRODUCTION: QT_TRANSLATE_NOOP("DomainText", "in production"),
    OrderState.QUALITY_CHECK: QT_TRANSLATE_NOOP("DomainText", "quality check"),
    OrderState.SHIPPED: QT_TRANSLATE_NOOP("DomainText", "shipped"),
    OrderState.DELIVERED: QT_TRANSLATE_NOOP("DomainText", "delivered"),
    OrderState.CANCELLED: QT_TRANSLATE_NOOP("DomainText", "cancelled"),
    OrderState.REFUNDED: QT_TRANSLATE_NOOP("DomainText", "refunded"),
    PaymentKind.DEPOSIT: QT_TRANSLATE_NOOP("DomainText", "deposit"),
    PaymentKind.BALANCE: QT_TRANSLATE_NOOP("DomainText", "balance"),
    PaymentKind.REFUND: QT_TRANSLATE_NOOP("DomainText", "refund"),
    PaymentMethod.CASH: QT_TRANSLATE_NOOP("DomainText", "cash"),
    PaymentMethod.CARD: QT_TRANSLATE_NOOP("DomainText", "card"),
    PaymentMethod.BANK_TRANSFER: QT_TRANSLATE_NOOP("DomainText", "bank transfer"),
    PaymentMethod.OTHER: QT_TRANSLATE_NOOP("DomainText", "other"),
    QcResult.PASSED: QT_TRANSLATE_NOOP("DomainText", "passed"),
    QcResult.FAILED: QT_TRANSLATE_NOOP("DomainText", "failed"),
}


def state_label(state: OrderState | str) -> str:
    """Return the name of an order state in the interface language."""
    return value_text(OrderState(state))


def value_text(value: Any) -> Any:
    """Return ``value`` as it reads inside a message in the interface language.

    Known enum members become their translated names, a
    :class:`~rules.text.Labelled` value its label, a list or tuple
    becomes its items joined with the language's separator (one per line
    for :class:`~storage.messages.Lines`), and a nested
    :class:`~storage.messages.Message` is translated. Other values are
    returned unchanged, so the template's format specification still applies.
    """
    if isinstance(value, MESSAGE_TYPES):
        return message_text(value)
    if isinstance(value, Labelled):
        from app import i18n

        return value.label(i18n.current_language())
    if isinstance(value, StaffRole):
        # Imported here because the sign-in dialog shows errors through
        # this module.
        from app.sign_in import role_label

        return role_label(value)
    if isinstance(value, Enum) and value in VALUE_NAMES:
        return QCoreApplication.translate(CONTEXT, VALUE_NAMES[value])
    if isinstance(value, Lines):
        return "\n".join(str(value_text(item)) for item in value)
    if isinstance(value, (list, tuple)):
        separator = QCoreApplication.translate("DomainText", ", ")
        return separator.join(str(value_text(item)) for item in value)
    return value


def message_text(message: Message | RuleText) -> str:
    """Translate ``message`` and fill it with its values, or return its English.

    The English text is the fallback when the template has no context, has
    no translation, or its translation names a placeholder that the message
    lacks.
    """
    if not message.context:
        return str(message)
    template = QCoreApplication.translate(message.context, message.template)
    if not message.values:
        return template
    values = {name: value_text(value) for name, value in message.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        logger.warning(
            "translation of %r in %s does not fit its values; showing English",
            message.template,
            message.context,
            exc_info=True,
        )
        return str(message)


def error_text(error: BaseException) -> str:
    """Return the message of ``error`` in the interface language.

    An ``OSError`` without such a message shows its file name, when it
    has one, and the reason from :func:`~storage.os_errors.os_error_reason`,
    which keeps the system's English text only for errors it does not
    word. Other errors without a :class:`~storage.messages.Message` or
    :class:`~rules.text.RuleText` show ``str(error)``.
    """
    message = getattr(error, "message", None)
    if isinstance(message, MESSAGE_TYPES):
        return message_text(message)
    if isinstance(error, OSError):
        reason = message_text(os_error_reason(error))
        if error.filename is None:
            return reason
        return QCoreApplication.translate("DomainText", "{file}: {reason}").format(
            file=error.filename, reason=reason
        )
    return str(error)
