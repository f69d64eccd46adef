"""Wording of the rules' own messages, in English and translatable.

``rules`` may not import :mod:`storage.messages`, so it marks
its templates here with a :func:`QT_TRANSLATE_NOOP` of the same name, which
``pyside6-lupdate`` extracts when it scans ``rules/*.py``. A
:class:`RuleText` has the fields that ``app/domain_text.py`` reads from a
message (``template``, ``context`` and ``values``), so the GUI translates
it like the other domain messages, and ``str()`` gives the English text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# A first word written as a common noun in English: a capital followed by
# lower-case letters, such as "Metal" or "Melamine-faced". Acronyms and
# codes ("US", "MDF", "ISO"), "D-shape" and labels that start with a digit
# do not match.
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z][a-z'-]*(?=\s|$)")


class Template(str):
    """An English template that remembers its translation context."""

    context: str = ""


def QT_TRANSLATE_NOOP(context: str, source_text: str) -> Template:  # noqa: N802
    """Return ``source_text`` marked for translation in ``context``."""
    template = Template(source_text)
    template.context = context
    return template


@dataclass(frozen=True)
class RuleText:
    """An English template, its values, and its translation context.

    A value may be another :class:`RuleText`, a list or tuple (shown
    comma-separated) or any value that ``format`` accepts.
    """

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def context(self) -> str:
        """The translation context of the template, empty for unmarked text."""
        return getattr(self.template, "context", "")

    def __str__(self) -> str:
        english = {name: _english(value) for name, value in self.values.items()}
        return self.template.format(**english)


@dataclass(frozen=True)
class Labelled:
    """A value that a design file writes as ``plain`` and the window as a label.

    ``str()``, and so the English text of a message, gives ``plain``, such
    as the parameter id ``width`` or the choice value ``'#1c1c1c'`` that a
    design file must contain. The GUI shows the label of its language.
    """

    plain: str
    labels: Mapping[str, str]

    def __str__(self) -> str:
        return self.plain

    def label(self, language: str) -> str:
        """Return the label for ``language``, the English one, or ``plain``."""
        return self.labels.get(language) or self.labels.get("en") or self.plain


def rule_text(template: str, **values: Any) -> RuleText:
    """Return a :class:`RuleText` of ``template`` filled with ``values``."""
    return RuleText(template, values)


def _english(value: Any) -> Any:
    if isinstance(value, RuleText):
        return str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_english(item)) for item in value)
    return value


def in_sentence(label: str, language: str) -> str:
    """Return ``label`` as written after the start of a sentence in ``language``.

    English lower-cases a first word written as a common noun ("Ring size"
    becomes "ring size") and keeps acronyms, codes, units and numbers ("US
    / Canada", "ISO 8653", "19 mm"). Chinese has no case, so other
    languages keep the label as it is.

    NOTE: a label that starts with a proper name, such as "Goodyear
    welted", is lower-cased too; a catalog label cannot mark one yet.
    """
    if language != "en" or _CAPITALISED_WORD.match(label) is None:
        return label
    return label[0].lower() + label[1:]


def join_labels(labels: list[str], language: str) -> str:
    """Join labels into a list as a sentence writes it in ``language``."""
    if language == "zh_CN":
        return "、".join(labels)
    if len(labels) < 2:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def starts_sentence(text_before: str) -> bool:
    """Return whether a field written after ``text_before`` starts a sentence."""
    stripped = text_before.rstrip()
    return not stripped or stripped.endswith((".", "!", "?"))
