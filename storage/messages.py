"""Translatable messages of the domain layer, without Qt.

A domain error carries its message as an English template with named
placeholders and the values that fill them. ``str(error)`` is the English
text, for the command line and the logs. The GUI translates the template
with Qt and formats it with the same values (see ``app/domain_text.py``).

Templates are marked with :func:`QT_TRANSLATE_NOOP`, a plain function whose
name ``pyside6-lupdate`` recognises in Python files, so the templates are
extracted into the translation files like the GUI's own strings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from storage.order_schema import OrderState, PaymentKind, PaymentMethod, QcResult
from storage.schema import StaffRole

# Enum types whose members a stored message keeps, by class name.
STORED_ENUMS: dict[str, type[Enum]] = {
    enum_type.__name__: enum_type
    for enum_type in (OrderState, PaymentKind, PaymentMethod, QcResult, StaffRole)
}


class Template(str):
    """An English message template that remembers its translation context."""

    context: str = ""


def QT_TRANSLATE_NOOP(context: str, source_text: str) -> Template:  # noqa: N802
    """Return ``source_text`` marked for translation in ``context``.

    The name is the one ``pyside6-lupdate`` looks for; the call translates
    nothing at run time.
    """
    template = Template(source_text)
    template.context = context
    return template


@dataclass(frozen=True)
class Message:
    """An English template, its translation context and its values.

    A value may itself be a :class:`Message` (a reason inside a sentence),
    a list or tuple (shown comma-separated) or any value that ``format``
    accepts, such as a number, a date or an enum member.
    """

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def context(self) -> str:
        """The translation context of the template, empty for unmarked text."""
        return getattr(self.template, "context", "")

    def __str__(self) -> str:
        english = {name: english_value(value) for name, value in self.values.items()}
        return self.template.format(**english) if self.values else self.template


class Lines(tuple):
    """Values that a message shows one per line, such as a list of problems.

    Other lists and tuples are shown on one line, separated by commas.
    """


def message(template: str, **values: Any) -> Message:
    """Return a :class:`Message` of ``template`` filled with ``values``."""
    return Message(template, values)


def english_value(value: Any) -> Any:
    """Return ``value`` as it reads inside an English message."""
    if isinstance(value, Message):
        return str(value)
    if isinstance(value, Lines):
        return "\n".join(str(english_value(item)) for item in value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(english_value(item)) for item in value)
    return value


class TranslatableError(Exception):
    """Base of domain errors whose message the GUI can translate.

    Raise a subclass with a marked template and its values, such as
    ``PaymentError(QT_TRANSLATE_NOOP("Orders", "amount {amount} ..."),
    amount=amount)``, or with a ready :class:`Message`. A plain string
    without values stays as it is and is shown untranslated.
    """

    def __init__(self, template: str | Message, /, **values: Any) -> None:
        self.message = (
            template if isinstance(template, Message) else Message(template, values)
        )
        super().__init__(str(self.message))


def message_to_json(message: Message) -> str:
    """Return ``message`` as JSON text, to store and translate when shown.

    Enum members of :data:`STORED_ENUMS` keep their type, nested messages
    and lists keep their structure, and any other value that is not a JSON
    number, string or boolean is stored as its ``str()``, such as a date or
    a ``Decimal`` amount.
    """
    return json.dumps(_encode(message), ensure_ascii=False, sort_keys=True)


def message_from_json(text: str) -> Message:
    """Return the :class:`Message` that :func:`message_to_json` stored.

    Raises ``ValueError`` when ``text`` is not such JSON.
    """
    try:
        return _decode_message(json.loads(text))
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"stored message {text[:80]!r} is invalid: {error}") from None


def _encode(value: Any) -> Any:
    if isinstance(value, Message):
        values = {name: _encode(item) for name, item in value.values.items()}
        return {
            "context": value.context,
            "template": str(value.template),
            "values": values,
        }
    if isinstance(value, Enum):
        return {"enum": type(value).__name__, "value": value.value}
    if isinstance(value, Lines):
        return {"lines": [_encode(item) for item in value]}
    if isinstance(value, (list, tuple)):
        return {"list": [_encode(item) for item in value]}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _decode_message(data: dict[str, Any]) -> Message:
    # A Template, not a QT_TRANSLATE_NOOP call, because lupdate reads every
    # call of that name as a text to translate.
    template = Template(data["template"])
    template.context = data["context"]
    values = {name: _decode(item) for name, item in data["values"].items()}
    return Message(template, values)


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "template" in value:
        return _decode_message(value)
    if "list" in value:
        return [_decode(item) for item in value["list"]]
    if "lines" in value:
        return Lines(_decode(item) for item in value["lines"])
    enum_type = STORED_ENUMS.get(value["enum"])
    # An enum this version does not know shows its stored value.
    return value["value"] if enum_type is None else enum_type(value["value"])
