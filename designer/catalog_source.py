"""Find where each key of a catalog file sits in its TOML text, and edit it there.

``tomllib`` returns values without positions, so an error found after parsing
could only name a key path such as ``rules[2].expression``.
:class:`SourceMap` scans the text once and records, for every key, table and
array element, its 1-based line and the character span of its value. The
catalog editor uses the spans to change one value at a time, which keeps the
file's comments and layout.

The scanner expects text that ``tomllib`` accepts. On text it cannot follow it
stops, and keys after that point have no position.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KeyPath = tuple[str | int, ...]

# Kinds of span: a value after ``key =`` or inside an array, or a table from
# its ``[header]`` (or the file's start, for the root table) to its last key.
VALUE = "value"
TABLE = "table"

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_LOCATION_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_SYNTAX_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_SCALAR_END = ",]}#\n"


@dataclass(frozen=True)
class Span:
    """The position of a key, table or array element in the source text.

    ``line`` is the 1-based line of its key, header or first character.
    ``start`` and ``end`` are character offsets: the value itself for
    ``kind == VALUE``, and from the header to the end of the table's last
    key line for ``kind == TABLE``.
    """

    line: int
    start: int
    end: int
    kind: str


def parse_location(location: str) -> KeyPath:
    """Split a key location such as ``rules[2].message.en`` into its parts.

    >>> parse_location("parameters[1].choices[0].value")
    ('parameters', 1, 'choices', 0, 'value')
    """
    parts: list[str | int] = []
    for match in _LOCATION_PART.finditer(location):
        name, index = match.groups()
        parts.append(name.strip() if name is not None else int(index))
    return tuple(part for part in parts if part != "")


def syntax_error_position(error: tomllib.TOMLDecodeError) -> tuple[int, int] | None:
    """Return the 1-based line and column that ``tomllib`` names in ``error``.

    Python 3.11's ``TOMLDecodeError`` carries them only in its message, as
    ``(at line 5, column 3)``.
    """
    match = _SYNTAX_LINE.search(str(error))
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def key_line(text: str, location: str) -> int | None:
    """Return the line of ``location`` in ``text``, or of its nearest parent.

    ``location`` is a key path as catalog errors name it: ``id``,
    ``rules[3]``, ``parameters[1].default``, ``lookups.modulus_gpa.oak``.
    Returns ``None`` for an empty location or one with no part in the text.
    """
    path = parse_location(location)
    if not path:
        return None
    return SourceMap(text).line(path)


class SourceMap:
    """The position of every key, table and array element of a TOML text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: dict[KeyPath, Span] = {}
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._table_counts: dict[KeyPath, int] = {}
        self._position = 0
        try:
            self._scan()
        except (IndexError, ValueError):
            # Past a point the scanner cannot follow, keys have no position.
            pass

    def line_of(self, offset: int) -> int:
        """Return the 1-based line that contains character ``offset``."""
        return bisect_right(self._line_starts, offset)

    def line(self, path: KeyPath) -> int | None:
        """Return the line of ``path``, or of its nearest parent that exists."""
        for length in range(len(path), 0, -1):
            span = self.spans.get(tuple(path[:length]))
            if span is not None:
                return span.line
        return None

    def count(self, path: KeyPath) -> int:
        """Return how many elements the array at ``path`` has in the text."""
        count = 0
        while (*path, count) in self.spans:
            count += 1
        return count

    # Scanning -------------------------------------------------------------------

    def _scan(self) -> None:
        text = self.text
        table: KeyPath = ()
        self.spans[()] = Span(1, 0, 0, TABLE)
        while True:
            self._skip_blank(newlines=True)
            if self._position >= len(text):
                return
            if text[self._position] == "[":
                table = self._header()
                continue
            start = self._position
            keys = self._key()
            self._expect("=")
            self._value(table + keys, self.line_of(start))
            self._extend_table(table, self._position)
            self._record_parents(table, keys, start)

    def _header(self) -> KeyPath:
        text = self.text
        start = self._position
        is_array = text.startswith("[[", start)
        self._position += 2 if is_array else 1
        keys = self._key()
        self._expect("]]" if is_array else "]")
        path = self._resolve(keys[:-1]) + keys[-1:]
        for length in range(1, len(path)):
            span = Span(self.line_of(start), start, start, VALUE)
            self.spans.setdefault(path[:length], span)
        if is_array:
            index = self._table_counts.get(path, 0)
            self._table_counts[path] = index + 1
            self.spans.setdefault(path, Span(self.line_of(start), start, start, VALUE))
            path = (*path, index)
        self.spans[path] = Span(self.line_of(start), start, self._position, TABLE)
        return path

    def _resolve(self, keys: KeyPath) -> KeyPath:
        """Return a header's parent path, with the latest element of each
        array of tables it passes through (``[[a.b]]`` after ``[[a]]``)."""
        path: KeyPath = ()
        for key in keys:
            path = (*path, key)
            if path in self._table_counts:
                path = (*path, self._table_counts[path] - 1)
        return path

    def _extend_table(self, table: KeyPath, end: int) -> None:
        span = self.spans[table]
        self.spans[table] = Span(span.line, span.start, max(span.end, end), TABLE)

    def _record_parents(self, table: KeyPath, keys: KeyPath, start: int) -> None:
        # A dotted key such as ``name.en = "..."`` also places ``name``.
        for length in range(1, len(keys)):
            path = table + keys[:length]
            self.spans.setdefault(path, Span(self.line_of(start), start, start, VALUE))

    def _key(self) -> KeyPath:
        parts: list[str] = []
        while True:
            self._skip_blank(newlines=False)
            parts.append(self._key_part())
            self._skip_blank(newlines=False)
            if not self.text.startswith(".", self._position):
                return tuple(parts)
            self._position += 1

    def _key_part(self) -> str:
        text = self.text
        quote = text[self._position]
        if quote in "\"'":
            start = self._position
            end = self._string_end(start)
            return tomllib.loads(f"k = {text[start:end]}")["k"]
        match = _BARE_KEY.match(text, self._position)
        if match is None:
            raise ValueError(f"no key at offset {self._position}")
        self._position = match.end()
        return match.group()

    def _expect(self, token: str) -> None:
        self._skip_blank(newlines=False)
        if not self.text.startswith(token, self._position):
            raise ValueError(f"expected {token!r} at offset {self._position}")
        self._position += len(token)

    def _skip_blank(self, newlines: bool) -> None:
        text = self.text
        while self._position < len(text):
            char = text[self._position]
            if char in " \t\r" or (newlines and char == "\n"):
                self._position += 1
            elif char == "#" and newlines:
                end = text.find("\n", self._position)
                self._position = len(text) if end < 0 else end
            else:
                return

    def _value(self, path: KeyPath, line: int) -> None:
        self._skip_blank(newlines=False)
        start = self._position
        char = self.text[start]
        if char in "\"'":
            self._position = self._string_end(start)
        elif char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        else:
            self._scalar()
        self.spans[path] = Span(line, start, self._position, VALUE)

    def _string_end(self, start: int) -> int:
        text = self.text
        quote = text[start]
        if text.startswith(quote * 3, start):
            end = text.index(quote * 3, start + 3)
            if quote == '"':
                while text[end - 1] == "\\" and not _escaped_backslash(text, end - 1):
                    end = text.index(quote * 3, end + 1)
            # Up to two quotes may close the content right before the delimiter.
            end += 3
            while end < len(text) and text[end] == quote:
                end += 1
            self._position = end
            return end
        position = start + 1
        while text[position] != quote:
            if text[position] == "\n":
                raise ValueError(f"string not closed on line {self.line_of(start)}")
            position += 2 if quote == '"' and text[position] == "\\" else 1
        self._position = position + 1
        return self._position

    def _array(self, path: KeyPath) -> None:
        self._position += 1
        index = 0
        while True:
            self._skip_blank(newlines=True)
            if self.text[self._position] == "]":
                self._position += 1
                return
            self._value((*path, index), self.line_of(self._position))
            index += 1
            self._skip_blank(newlines=True)
            if self.text[self._position] == ",":
                self._position += 1

    def _inline_table(self, path: KeyPath) -> None:
        self._position += 1
        while True:
            self._skip_blank(newlines=False)
            if self.text[self._position] == "}":
                self._position += 1
                return
            start = self._position
            keys = self._key()
            self._expect("=")
            self._value(path + keys, self.line_of(start))
            self._record_parents(path, keys, start)
            self._skip_blank(newlines=False)
            if self.text[self._position] == ",":
                self._position += 1

    def _scalar(self) -> None:
        text = self.text
        end = self._position
        while end < len(text) and text[end] not in _SCALAR_END:
            end += 1
        while end > self._position and text[end - 1] in " \t\r":
            end -= 1
        if end == self._position:
            raise ValueError(f"no value at offset {self._position}")
        self._position = end


def _escaped_backslash(text: str, index: int) -> bool:
    """Tell whether the backslash at ``index`` is itself escaped."""
    count = 0
    while index >= 0 and text[index] == "\\":
        count += 1
        index -= 1
    return count % 2 == 0


# Writing values -----------------------------------------------------------------


def toml_key(key: str) -> str:
    """Return ``key`` bare when TOML allows it, else quoted."""
    return key if _BARE_KEY.fullmatch(key) else toml_value(key)


def toml_value(value: Any) -> str:
    """Return ``value`` written as one TOML inline value.

    Text with double quotes but no single quote or line break becomes a
    literal string (``'if metal == "silver" then ...'``), as the catalog files
    write their expressions.

    Raises
    ------
    TypeError
        For a value TOML cannot hold, such as ``None``.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        literal = '"' in value and "'" not in value
        if literal and value.isprintable():
            return f"'{value}'"
        # JSON escapes control characters the way TOML basic strings accept
        # them, except DEL, which it leaves as it is.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    raise TypeError(f"{value!r} of type {type(value).__name__} has no TOML form")


def set_value(text: str, path: KeyPath, value: Any) -> str:
    """Return ``text`` with the value at ``path`` replaced, added or removed.

    ``value`` of ``None`` removes the key. An existing value is replaced in
    place. A new key of a ``[table]`` or ``[[array]]`` entry goes on a new
    line after the entry's last key. A key inside an inline table rewrites
    that inline table.

    Raises
    ------
    KeyError
        If the table that should hold ``path`` is not in the text.
    """
    source = SourceMap(text)
    span = source.spans.get(path)
    if span is not None and span.kind == VALUE and span.start < span.end:
        if value is None:
            return _remove_key(text, source, path, span)
        return text[: span.start] + toml_value(value) + text[span.end :]
    if value is None:
        return text
    parent = path[:-1]
    parent_span = source.spans.get(parent)
    if parent_span is None:
        raise KeyError(f"{_location(parent)} is not in the catalog file")
    if parent_span.kind == TABLE:
        line = f"{toml_key(str(path[-1]))} = {toml_value(value)}"
        return _insert_line(text, parent_span.end, line)
    container = _lookup(tomllib.loads(text), parent)
    container[path[-1]] = value
    return text[: parent_span.start] + toml_value(container) + text[parent_span.end :]


def _remove_key(text: str, source: SourceMap, path: KeyPath, span: Span) -> str:
    parent_span = source.spans.get(path[:-1])
    if parent_span is not None and parent_span.kind == VALUE:
        container = _lookup(tomllib.loads(text), path[:-1])
        del container[path[-1]]
        start, end = parent_span.start, parent_span.end
        return text[:start] + toml_value(container) + text[end:]
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end + 1
    return text[:line_start] + text[line_end:]


def _insert_line(text: str, offset: int, line: str) -> str:
    end = text.find("\n", offset)
    if end < 0:
        return text + "\n" + line + "\n"
    return text[: end + 1] + line + "\n" + text[end + 1 :]


def _lookup(data: Any, path: KeyPath) -> Any:
    for key in path:
        data = data[key]
    return data


def _location(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "the file"


def append_table(text: str, array: str, fields: Mapping[str, Any]) -> str:
    """Return ``text`` with a new ``[[array]]`` entry holding ``fields``.

    The entry goes after the array's last entry, or at the end of the file.
    """
    source = SourceMap(text)
    count = source.count((array,))
    block = f"[[{toml_key(array)}]]\n" + "".join(
        f"{toml_key(key)} = {toml_value(value)}\n" for key, value in fields.items()
    )
    if count == 0:
        return text.rstrip("\n") + "\n\n" + block
    end = source.spans[(array, count - 1)].end
    line_end = text.find("\n", end)
    if line_end < 0:
        return text + "\n\n" + block
    return text[: line_end + 1] + "\n" + block + text[line_end + 1 :]


def remove_table(text: str, array: str, index: int) -> str:
    """Return ``text`` without entry ``index`` of ``[[array]]``.

    Comment lines right above the entry's header go with it, because in the
    catalog files they explain that entry.

    Raises
    ------
    KeyError
        If the array has no entry ``index``.
    """
    span = SourceMap(text).spans.get((array, index))
    if span is None or span.kind != TABLE:
        raise KeyError(f"{array}[{index}] is not in the catalog file")
    start = span.start
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text[previous:start].lstrip().startswith("#"):
            break
        start = previous
    end = text.find("\n", span.end)
    end = len(text) if end < 0 else end + 1
    while text.startswith("\n", end):
        end += 1
    return text[:start] + text[end:]
