"""Domain messages as JSON data, sent from a child process to its window.

A child process such as the export reports a failure with its domain
message: the English template, its translation context and its values. The
window rebuilds the message and words it in the interface language each
time it shows it, so the text follows a language switch. This module
imports no Qt, so the child can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from rules import text as rule_texts
from rules.text import Labelled, RuleText
from storage import messages
from storage.messages import STORED_ENUMS, Lines, Message

DomainMessage = Message | RuleText


def error_report(error: BaseException) -> dict[str, Any]:
    """Return the ``error`` report line of a child process for ``error``.

    ``"error"`` is the English text, for the log and for a window that
    cannot read the message. ``"message"`` is the domain message as data,
    when ``error`` carries one.
    """
    report: dict[str, Any] = {"error": str(error)}
    message = getattr(error, "message", None)
    if isinstance(message, Message | RuleText):
        report["message"] = message_to_data(message)
    return report


def message_to_data(message: DomainMessage) -> dict[str, Any]:
    """Return ``message`` as JSON-ready data that :func:`message_from_data` reads.

    Nested messages, labelled values, lists, :class:`~storage.messages.Lines`
    and the enums of
    :data:`storage.messages.STORED_ENUMS` keep their type. Dates, times and
    ``Decimal`` amounts keep theirs too, so a template's format
    specification such as ``{total:.2f}`` still applies. Any other value
    that is not a JSON number, string or boolean becomes its ``str()``.
    """
    return _encode(message)


def message_from_data(data: Mapping[str, Any]) -> DomainMessage:
    """Return the message that :func:`message_to_data` wrote.

    Raises ``ValueError`` when ``data`` is not such a message.
    """
    try:
        value = _decode(data)
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise ValueError(f"invalid message data {data!r:.120}: {error!r}") from None
    if not isinstance(value, Message | RuleText):
        raise ValueError(
            f"message data {data!r:.120} contains no message; expected a "
            "'message' or 'rule_text' object"
        )
    return value


def _encode(value: Any) -> Any:
    if isinstance(value, Message | RuleText):
        kind = "message" if isinstance(value, Message) else "rule_text"
        fields = {name: _encode(item) for name, item in value.values.items()}
        return {
            kind: {
                "context": value.context,
                "template": str(value.template),
                "values": fields,
            }
        }
    if isinstance(value, Labelled):
        return {"labelled": value.plain, "labels": dict(value.labels)}
    if isinstance(value, Enum) and STORED_ENUMS.get(type(value).__name__):
        return {"enum": type(value).__name__, "value": value.value}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, Lines):
        return {"lines": [_encode(item) for item in value]}
    if isinstance(value, list | tuple):
        return {"list": [_encode(item) for item in value]}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _decode(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    if "message" in value:
        return _decode_message(value["message"], messages.Template, Message)
    if "rule_text" in value:
        return _decode_message(value["rule_text"], rule_texts.Template, RuleText)
    if "labelled" in value:
        return Labelled(value["labelled"], dict(value["labels"]))
    if "enum" in value:
        return STORED_ENUMS[value["enum"]](value["value"])
    if "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    if "date" in value:
        return date.fromisoformat(value["date"])
    if "decimal" in value:
        return Decimal(value["decimal"])
    if "lines" in value:
        return Lines(_decode(item) for item in value["lines"])
    return [_decode(item) for item in value["list"]]


def _decode_message(fields: Mapping[str, Any], template_type: type, message_type):
    # A Template, not a QT_TRANSLATE_NOOP call, because lupdate reads every
    # call of that name as a text to translate.
    template = template_type(fields["template"])
    template.context = fields["context"]
    values = {name: _decode(item) for name, item in fields["values"].items()}
    return message_type(template, values)
