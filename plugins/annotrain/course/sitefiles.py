"""Reading a course's layout from mkdocs.yml without running MkDocs.

The command line validates a course the same way the build does, so it needs the
docs folder and the annotrain plugin's options; exam tickets also need the site's
address and each page's URL, made here as MkDocs makes them. mkdocs.yml may
contain tags such as ``!!python/name:...`` or ``!ENV``; they are read as plain
values here, since only ``docs_dir``, ``site_url``, ``use_directory_urls`` and
the plugin options matter.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from ..errors import AuthoringError


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader that reads any unknown tag as its plain value."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _plain)


@dataclass
class SiteLayout:
    """Where a course keeps its lessons and rubrics."""

    root: Path
    docs_dir: Path
    rubrics: Path
    quizzes_dir: Path
    site_id: str | None = None
    language: str = "en"
    messages: dict | None = None
    site_name: str = ""
    config_file: Path | None = None
    options: dict = field(default_factory=dict)  # the annotrain plugin's options as written
    site_url: str = ""  # ending with "/", as MkDocs keeps it; "" when not set
    use_directory_urls: bool = True

    def lessons(self) -> list[Path]:
        return sorted(self.docs_dir.rglob("*.md"))

    def page_url(self, lesson: Path) -> str:
        """The URL of the page built from ``lesson``, relative to the site's root.

        As MkDocs makes it: ``README.md`` counts as ``index.md``; with
        ``use_directory_urls``, ``a/b.md`` is ``a/b/`` and ``a/index.md`` is ``a/``
        (the home page is ``""``); without, ``a/b.html`` and ``a/index.html``.
        """
        source = lesson.resolve().relative_to(self.docs_dir.resolve()).as_posix()
        parent, filename = posixpath.split(source)
        stem = posixpath.splitext(filename)[0]
        stem = "index" if stem == "README" else stem
        if not self.use_directory_urls:
            return quote(posixpath.join(parent, stem + ".html"))
        folder = parent if stem == "index" else posixpath.join(parent, stem)
        return quote(folder + "/") if folder else ""

    def shown(self, path: Path) -> str:
        return shown_path(path, self.root)


def shown_path(path: Path | str, root: Path) -> str:
    """``path`` as authors see it in messages: relative to mkdocs.yml's folder when inside it.

    ``root`` is resolved. A plain absolute path inside it needs no file system
    call (MkDocs gives each page's as such); others are resolved first.
    """
    path = Path(path)
    if path.is_absolute() and ".." not in path.parts and path.is_relative_to(root):
        return str(path.relative_to(root))
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def read_layout(config_file: Path) -> SiteLayout:
    """Read docs_dir, theme language and annotrain options from ``config_file``."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except FileNotFoundError:
        raise AuthoringError(
            "no such file; run in the folder of your mkdocs.yml or pass --config", str(config_file)
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise AuthoringError(
            f"YAML syntax error: {getattr(exc, 'problem', exc)}",
            str(config_file),
            mark.line + 1 if mark else None,
        ) from None
    if not isinstance(data, dict):
        raise AuthoringError("mkdocs.yml must be a mapping", str(config_file), 1)
    root = config_file.resolve().parent
    options: dict = {}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "annotrain" in entry:
            options = entry["annotrain"] if isinstance(entry["annotrain"], dict) else {}
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    return SiteLayout(
        root=root,
        docs_dir=root / str(data.get("docs_dir") or "docs"),
        rubrics=root / str(options.get("rubrics") or "quizzes/rubrics.yml"),
        quizzes_dir=root / str(options.get("quizzes") or "quizzes"),
        site_id=options.get("site_id") or site_slug(str(data.get("site_name") or "site")),
        language=str(theme.get("language") or "en"),
        messages=options.get("messages") or {},
        site_name=str(data.get("site_name") or ""),
        config_file=config_file,
        options=options,
        site_url=_site_url(data.get("site_url")),
        use_directory_urls=data.get("use_directory_urls") is not False,
    )


def _site_url(value: object) -> str:
    """site_url as MkDocs keeps it, ending with "/"; "" when not set.

    ``!ENV [SITE_URL, default]`` reads as a list here: the variable's value when it
    is set, else the default, as MkDocs takes it. ``!ENV NAME`` alone reads as the
    name, which is no address: "".
    """
    if isinstance(value, list) and value:
        value = next((os.environ[str(v)] for v in value[:-1] if os.environ.get(str(v))), value[-1])
    if not isinstance(value, str) or "://" not in value:
        return ""
    value = value.strip()
    return value if value.endswith("/") else value + "/"


def site_slug(text: str) -> str:
    """The default site id: the plugin derives it from site_name the same way."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "site"
