"""The MkDocs plugin: thin glue between MkDocs events and the annotrain core.

Pipeline: on_config registers the Markdown extension (which finds, validates and
renders exercise blocks); each page's errors are collected and all of them
reported in on_env, before any page is written, so a broken course never produces
a half-rendered site. Pages with exercises get the stylesheet and the script
bundle for their task types (written in on_post_build); other pages get nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url, write_file

from . import assets
from .config import AnnotrainConfig
from .errors import AuthoringError
from .exercises import IdRegistry
from .markdown_ext import AnnotrainExtension
from .messages import catalog
from .rubrics import RubricLibrary
from .tasktypes import TASK_TYPES

log = get_plugin_logger(__name__)


class AnnotrainPlugin(BasePlugin[AnnotrainConfig]):
    """Renders annotrain exercises in MkDocs pages."""

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.language = str(config.theme.get("language") or "en")
        self.messages = catalog(self.language, self.config.messages)
        self.site_id = self.config.site_id or _slug(config.site_name)
        self.extension = AnnotrainExtension(
            rubrics=self._load_rubrics(),
            language=self.language,
            messages=self.config.messages,
            template_dirs=list(config.theme.dirs),
            on_error="collect",
        )
        config.markdown_extensions.append(self.extension)
        missing = assets.missing_files(TASK_TYPES)
        if missing:
            raise PluginError(
                f"annotrain is missing its browser files {', '.join(map(str, missing))}; reinstall it"
            )
        return config

    def _load_rubrics(self) -> RubricLibrary:
        path = self.root / self.config.rubrics
        if not path.exists():
            return RubricLibrary(path=self.config.rubrics)
        try:
            return RubricLibrary.load(path, self._shown(path))
        except AuthoringError as error:
            raise PluginError(str(error)) from None

    def on_pre_build(self, config):
        self.errors: list[AuthoringError] = []
        self.ids = IdRegistry()
        self.page_types: dict[str, set[str]] = {}

    def on_serve(self, server, config, builder):
        # Rubrics and quizzes live outside docs_dir: rebuild when they change too.
        rubric_dir = (self.root / self.config.rubrics).parent
        if rubric_dir.is_dir():
            server.watch(str(rubric_dir))
        return server

    def on_files(self, files: Files, config) -> Files:
        if self.config.enabled:
            source = assets.package_dir() / assets.STYLESHEET
            files.append(
                File.generated(
                    config, f"{assets.SITE_DIR}/{assets.STYLESHEET}", abs_src_path=str(source)
                )
            )
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if self.config.enabled:
            path = Path(page.file.abs_src_path) if page.file.abs_src_path else None
            self.extension.begin_page(
                self._shown(path) if path else page.file.src_uri,
                _front_matter_lines(path, markdown),
            )
        return markdown

    @event_priority(-50)  # after other plugins changed the HTML: we only append to it
    def on_page_content(self, html, page, config, files):
        if not self.config.enabled:
            return html
        self.errors.extend(self.extension.errors)
        for task in self.extension.tasks:
            try:
                self.ids.add(task)
            except AuthoringError as error:
                self.errors.append(error)
        types = {task.type for task in self.extension.tasks}
        if not types:
            return html
        self.page_types[page.file.src_uri] = types
        return (
            html + "\n" + self.extension.renderer.script(self._url(assets.bundle_name(types), page))
        )

    def on_env(self, env, config, files):
        if self.config.enabled and self.errors:
            for error in self.errors:
                log.error(str(error))
            count = len(self.errors)
            raise PluginError(
                f"annotrain found {count} authoring error{'s' * (count != 1)}; see above"
            )
        return env

    def on_post_page(self, output, page, config):
        if not self.config.enabled or page.file.src_uri not in self.page_types:
            return output
        link = self.extension.renderer.stylesheet(self._url(assets.STYLESHEET, page))
        return output.replace("</head>", link + "\n</head>", 1)

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        settings = assets.site_settings(self.site_id, self.language, self.messages)
        for types in {frozenset(t) for t in self.page_types.values()}:
            path = Path(config.site_dir) / assets.SITE_DIR / assets.bundle_name(types)
            write_file(assets.bundle(types, settings).encode("utf-8"), str(path))

    def _url(self, name: str, page) -> str:
        return get_relative_url(f"{assets.SITE_DIR}/{name}", page.url)

    def _shown(self, path: Path) -> str:
        """Paths in messages are relative to mkdocs.yml, as authors see them."""
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "site").lower()).strip("-") or "site"


def _front_matter_lines(path: Path | None, markdown: str) -> int:
    """Lines MkDocs stripped (YAML front matter) before the Markdown we were given."""
    if path is None or not path.is_file():
        return 0
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 0
    start = raw.find(markdown[:200]) if markdown else -1
    return raw[:start].count("\n") if start > 0 else 0
