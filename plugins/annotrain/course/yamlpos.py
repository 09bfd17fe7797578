"""YAML loading that remembers where every value came from.

``load(text, path)`` parses one YAML document with PyYAML's safe loader and returns
plain Python values, except that mappings are :class:`YamlMap` and sequences are
:class:`YamlList`: ordinary ``dict``/``list`` subclasses that also record the
1-based line of the node itself and of each key or item. Validation code uses
those lines to report ``file:line`` for the exact field that is wrong.

Two deliberate departures from YAML 1.1, because authors write labels, not
programs: only ``true``/``false`` are booleans (``Yes``/``No``/``On``/``Off`` stay
strings, so ``labels: [Yes, No]`` means what it says), and dates stay strings.
Duplicate keys are an error instead of silently keeping the last one.

Documents are parsed by libyaml (PyYAML's C parser) where PyYAML was built with
it: a course holds hundreds of blocks and the pure-Python parser was the largest
part of annotrain's build time. A document libyaml refuses is parsed again by the
pure-Python parser, so every syntax error reads the same with or without libyaml.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import AuthoringError

#: Refuse documents that expand to more nodes than this (alias bombs).
MAX_NODES = 200_000
#: Refuse longer documents before parsing them: a quiz bank at its limit of 1,000
#: tasks is about 2 MB; parsing 10 MB took seconds and hundreds of MB of memory.
MAX_CHARS = 8_000_000
_STR = "tag:yaml.org,2002:str"


class YamlMap(dict):
    """A mapping with source lines: ``line`` of the mapping, ``key_lines[key]``."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """Line of ``key`` if present, else the line of the mapping itself."""
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A sequence with source lines: ``line`` of the sequence, ``item_lines[i]``."""

    line: int = 0

    def __init__(self, *args: Any):
        super().__init__(*args)
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        """Line of item ``index`` if known, else the line of the sequence."""
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style booleans and no timestamp type."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)

if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):
        """libyaml's parser with the same resolvers as :class:`_Loader`."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
else:  # pragma: no cover (PyYAML built without libyaml)
    _FastLoader = None


def _compose(text: str) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    """(loader, node) of ``text``: libyaml first, the pure-Python parser on any error."""
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            return fast, fast.get_single_node()
        except yaml.YAMLError:
            fast.dispose()  # parse again below, for PyYAML's own error messages
    loader = _Loader(text)  # reads the stream at once: may raise ReaderError
    return loader, loader.get_single_node()


def load(text: str, path: str | None = None, line_offset: int = 0) -> Any:
    """Parse ``text`` as one YAML document.

    ``line_offset`` is added to every recorded line, for YAML embedded in a larger
    file (a fenced block in a lesson). Raises :class:`AuthoringError` with the
    position of the first syntax error, a duplicate key, or an oversized document.
    """
    if len(text) > MAX_CHARS:
        raise AuthoringError(
            f"YAML document too large ({len(text) / 1e6:.1f} million characters, at most "
            f"{MAX_CHARS / 1e6:.0f} million); split it, e.g. a quiz bank into several quizzes",
            path,
            line_offset + 1,
        )
    loader = None
    try:
        loader, node = _compose(text)
        if node is None:
            return None
        return _Converter(loader, path, line_offset).convert(node)
    except yaml.reader.ReaderError as exc:  # a control character, invalid in YAML
        line = text[: exc.position].count("\n") + 1 + line_offset
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise AuthoringError(
            f"YAML cannot contain the control character U+{code:04X}; remove it",
            path,
            line,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line != mark.line:
            # "expected ',' or ']'" is clearer with where the unclosed thing began.
            started = exc.context.replace("while parsing ", "")
            problem += f" ({started} that starts on line {exc.context_mark.line + 1 + line_offset})"
        raise AuthoringError(f"YAML syntax error: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise AuthoringError(f"YAML syntax error: {exc}", path, line_offset + 1) from None
    finally:
        if loader is not None:
            loader.dispose()


class _Converter:
    def __init__(self, loader: _Loader, path: str | None, line_offset: int):
        self.loader = loader
        self.path = path
        self.offset = line_offset
        self.count = 0
        self.open_nodes: set[int] = set()  # ids of the nodes being converted, for cycles

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def convert(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise AuthoringError(
                f"YAML document too large: more than {MAX_NODES} values (an alias counts "
                "as many times as it is used); split it or use fewer aliases",
                self.path,
                self.line(node),
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.open_nodes:
            raise AuthoringError(
                "a YAML alias refers to a value that contains it", self.path, self.line(node)
            )
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node)
            result = YamlList(self.convert(item) for item in node.value)
            result.item_lines = [self.line(item) for item in node.value]
            result.line = self.line(node)
            return result
        finally:
            self.open_nodes.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        # Most values are text: skip the constructor's machinery for them.
        if node.tag == _STR:
            return node.value
        return self.loader.construct_object(node, deep=True)

    def mapping(self, node: yaml.MappingNode) -> YamlMap:
        self.loader.flatten_mapping(node)
        result = YamlMap()
        result.line = self.line(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise AuthoringError(
                    "a mapping key must be a plain value, not a list or mapping",
                    self.path,
                    self.line(key_node),
                )
            key = self.scalar(key_node)
            if key in result:
                raise AuthoringError(
                    f"duplicate key {key!r} (first given on line {result.key_lines[key]})",
                    self.path,
                    self.line(key_node),
                )
            result[key] = self.convert(value_node)
            result.key_lines[key] = self.line(key_node)
        return result
