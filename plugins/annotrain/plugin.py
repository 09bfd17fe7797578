"""The MkDocs plugin: thin glue between MkDocs events and the annotrain core.

Pipeline: on_config registers the Markdown extension (which finds, validates and
renders exercise blocks); each page's errors are collected and all of them
reported in on_env, before any page is written, so a broken course never produces
a half-rendered site. Pages with exercises get a "mark as done" control, the
stylesheet and the script bundle for their task types (written in on_post_build);
other pages get nothing. A progress panel receives the course plan in
on_post_page, when every page's exercises are known.
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
from .plan import PLAN_PLACEHOLDER, PlanLesson, PlanSection, non_empty
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
        self.page_uses: dict[str, set[str]] = {}  # src_uri -> task types and features
        self.page_exercises: dict[str, list[str]] = {}  # src_uri -> exercise ids

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

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
        tasks, panels = self.extension.tasks, self.extension.panels
        uses = {task.type for task in tasks} | {panel.show for panel in panels}
        if not uses:
            return html
        renderer = self.extension.renderer
        key = page.file.src_uri
        self.page_uses[key] = uses
        if tasks:
            self.page_exercises[key] = [task.id for task in tasks]
            html += "\n" + renderer.lesson_control(key)
        return html + "\n" + renderer.script(self._url(assets.bundle_name(uses), page))

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
        uses = self.page_uses.get(page.file.src_uri) if self.config.enabled else None
        if not uses:
            return output
        renderer = self.extension.renderer
        if "progress" in uses:
            output = output.replace(PLAN_PLACEHOLDER, renderer.progress_plan(self._plan(page)))
        link = renderer.stylesheet(self._url(assets.STYLESHEET, page))
        return output.replace("</head>", link + "\n</head>", 1)

    def _plan(self, here) -> list[PlanSection]:
        """The course plan from the navigation: one section per nav section."""
        loose = PlanSection(self.messages["progress_other"])
        sections = []
        for item in self.nav.items:
            if item.is_section:
                section = PlanSection(item.title)
                section.lessons = [
                    self._lesson(p, here) for p in _pages(item) if self._has_exercises(p)
                ]
                sections.append(section)
            elif item.is_page and self._has_exercises(item):
                loose.lessons.append(self._lesson(item, here))
        return non_empty([*sections, loose])

    def _has_exercises(self, page) -> bool:
        return page.file.src_uri in self.page_exercises

    def _lesson(self, page, here) -> PlanLesson:
        key = page.file.src_uri
        url = get_relative_url(page.url, here.url)
        return PlanLesson(page.title or key, url, key, self.page_exercises[key])

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        settings = assets.site_settings(self.site_id, self.language, self.messages)
        for uses in {frozenset(u) for u in self.page_uses.values()}:
            path = Path(config.site_dir) / assets.SITE_DIR / assets.bundle_name(uses)
            write_file(assets.bundle(uses, settings).encode("utf-8"), str(path))

    def _url(self, name: str, page) -> str:
        return get_relative_url(f"{assets.SITE_DIR}/{name}", page.url)

    def _shown(self, path: Path) -> str:
        """Paths in messages are relative to mkdocs.yml, as authors see them."""
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)


def _pages(section):
    """Every page below a nav section, depth first."""
    for child in section.children:
        if child.is_page:
            yield child
        elif child.is_section:
            yield from _pages(child)


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
