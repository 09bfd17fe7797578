"""The MkDocs plugin: thin glue between MkDocs events and the annotrain core.

Pipeline: on_config registers the Markdown extension (which finds, validates and
renders exercise blocks, leaving in the page's content a stand-in with each
exercise's title, prompt and text: that is what other plugins such as Material's
search see, and on_post_page puts the exercise in its place); each page's errors
are collected and all of them reported in on_env, before any page is written, so a
broken course never produces a half-rendered site. Pages with exercises get a
"mark as done" control, the stylesheet and the script bundle for their task types
(written in on_post_build); other pages get nothing. A progress panel receives the
course plan in on_post_page, when every page's exercises are known.

While serving (``mkdocs serve``), an authoring error does not stop the server or
leave browsers waiting: the build goes on, pages that built before are served as
they were then, with the errors listed at the top (new pages show what could be
built), and the errors are logged with file and line.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url, write_file

from ..browser import bundles as assets
from ..course.exercises import IdRegistry, Panel
from ..course.media import MediaLibrary
from ..course.quizzes import Quiz, load_quizzes, quiz_facts
from ..course.rubrics import RubricLibrary
from ..course.sitefiles import shown_path, site_slug
from ..course.tasks import Task
from ..course.yamlcache import DocumentCache
from ..errors import AuthoringError
from ..messages import catalog, fill
from ..rendering import render
from ..rendering.markdown_ext import AnnotrainExtension, slot_markers
from ..rendering.plan import PLAN_PLACEHOLDER
from ..tasktypes import TASK_TYPES
from .config import AnnotrainConfig
from .navigation import course_plan, criterion_lessons, quiz_pages

log = get_plugin_logger(__name__)

#: Where a page's script tag goes once its bundle is known (on_post_page).
SCRIPT_PLACEHOLDER = "<!-- annotrain:script -->"


class AnnotrainPlugin(BasePlugin[AnnotrainConfig]):
    """Renders annotrain exercises in MkDocs pages."""

    serving = False  # set by on_startup for `mkdocs serve`

    def on_startup(self, *, command, dirty):
        # While serving, an authoring error must not leave the browser waiting for
        # a build that never comes: pages built without errors are kept, and a
        # broken build serves them again with the errors shown on top.
        self.serving = command == "serve"
        self.last_good: dict[str, str] = {}  # dest_uri -> page HTML
        self.all_bundles: set[frozenset[str]] = set()
        self.all_type_bundles: set[frozenset[str]] = set()

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.language = str(config.theme.get("language") or "en")
        self.messages = catalog(self.language, self.config.messages)
        self.site_id = self.config.site_id or site_slug(config.site_name)
        cache_dir = self.root / self.config.cache_dir
        self.documents = DocumentCache(cache_dir)
        self.extension = AnnotrainExtension(
            rubrics=self._load_rubrics(),
            language=self.language,
            messages=self.config.messages,
            template_dirs=list(config.theme.dirs),
            cache_dir=cache_dir,
            documents=self.documents,
            on_error="collect",
            media=MediaLibrary(self.root, cache_dir),
            defer=True,  # exercises go in on_post_page, after search indexed the page
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
            return RubricLibrary.load(path, self._shown(path), self.documents)
        except AuthoringError as error:
            raise PluginError(str(error)) from None

    def on_pre_build(self, config):
        self.errors: list[AuthoringError] = []
        self.ids = IdRegistry()
        self.page_uses: dict[str, set[str]] = {}  # src_uri -> task types and features
        self.page_exercises: dict[str, list[str]] = {}  # src_uri -> exercise ids
        self.exercises: dict[str, Task] = {}  # id -> lesson exercise, for quiz refs
        self.quiz_panels: dict[str, list[Panel]] = {}  # src_uri -> quiz placements
        self.deferred: dict[str, dict[str, str]] = {}  # src_uri -> exercise id -> HTML
        self.quizzes: dict[str, Quiz] = {}
        self.bundles: set[frozenset[str]] = set()  # script bundles the pages use
        self.type_bundles: set[frozenset[str]] = set()  # task types quizzes load later
        self.broken: list[AuthoringError] = []  # this build's errors, while serving
        if not self.serving:
            self.extension.media.files.clear()  # media of this build only
        else:
            render.environment.cache_clear()  # template overrides may have changed

    def on_nav(self, nav, config, files):
        self.nav = nav
        self.files = files
        return nav

    def on_serve(self, server, config, builder):
        # Rubrics and quizzes live outside docs_dir: rebuild when they change too.
        for folder in {(self.root / self.config.rubrics).parent, self.root / self.config.quizzes}:
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def on_page_markdown(self, markdown, page, config, files):
        if self.config.enabled:
            path = Path(page.file.abs_src_path) if page.file.abs_src_path else None
            self.extension.begin_page(
                self._shown(path) if path else page.file.src_uri,
                _front_matter_lines(page.file.content_string, markdown),
                _site_root(page),
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
                self.exercises[task.id] = task
            except AuthoringError as error:
                self.errors.append(error)
        tasks, panels = self.extension.tasks, self.extension.panels
        uses = {task.type for task in tasks} | {panel.show for panel in panels}
        if not uses:
            return html
        key = page.file.src_uri
        self.page_uses[key] = uses
        self.quiz_panels[key] = [panel for panel in panels if panel.quiz]
        if tasks:
            self.page_exercises[key] = [task.id for task in tasks]
            self.deferred[key] = dict(self.extension.deferred)
            html += "\n" + self.extension.renderer.lesson_control(key)
        # The bundle depends on the quiz's task types, known only in on_env.
        return html + "\n" + SCRIPT_PLACEHOLDER

    def on_env(self, env, config, files):
        if not self.config.enabled:
            return env
        self._load_quizzes()
        if self.errors:
            for error in self.errors:
                log.error(str(error))
            count = len(self.errors)
            if self.serving:
                log.warning("serving the last good version of each page until this is fixed")
                self.broken = list(self.errors)
                return env
            raise PluginError(
                f"annotrain found {count} authoring error{'s' * (count != 1)}; see above"
            )
        return env

    def _load_quizzes(self) -> None:
        folder = self.root / self.config.quizzes
        self.quizzes, errors = load_quizzes(
            folder,
            self.root / self.config.rubrics,
            self._shown,
            self.extension.rubrics,
            self.exercises,
            self.messages,
            self.extension.media,
            self.documents,
        )
        self.errors.extend(errors)
        for panels in self.quiz_panels.values():
            for panel in panels:
                if panel.quiz not in self.quizzes:
                    known = ", ".join(sorted(self.quizzes)) or "none"
                    self.errors.append(
                        AuthoringError(
                            f"no quiz {panel.quiz!r} in {self.config.quizzes}/; quizzes: {known}",
                            panel.path,
                            panel.line,
                        )
                    )

    def on_post_page(self, output, page, config):
        if not self.serving or not self.config.enabled:
            return self._finish_page(output, page)
        if self.broken:
            kept = self.last_good.get(page.file.dest_uri)
            html = kept if kept is not None else self._finish_page(output, page)
            return _with_error_banner(html, self.broken, self.messages)
        html = self._finish_page(output, page)
        self.last_good[page.file.dest_uri] = html
        return html

    def _finish_page(self, output, page):
        key = page.file.src_uri
        uses = set(self.page_uses.get(key) or ()) if self.config.enabled else None
        if not uses:
            return output
        renderer = self.extension.renderer
        output = _place_exercises(output, self.deferred.get(key, {}), page)
        if "progress" in uses:
            plan = course_plan(self.nav, self.page_exercises, page, self.messages["progress_other"])
            placements = {src: [p.quiz for p in panels] for src, panels in self.quiz_panels.items()}
            titles = {quiz_id: quiz.title for quiz_id, quiz in self.quizzes.items()}
            quizzes = quiz_pages(self.nav, placements, titles, page)
            output = output.replace(PLAN_PLACEHOLDER, renderer.progress_plan(plan, quizzes))
        for panel in self.quiz_panels.get(key, []):
            quiz = self.quizzes.get(panel.quiz)
            if quiz is None:  # it failed to load: the error is reported (serve only)
                output = output.replace(panel.placeholder, "", 1)
                continue
            # The quiz's task types that the page's own exercises do not bring are
            # loaded when an attempt starts (see quiz.js), not with the page.
            later = {entry.task.type for entry in quiz.entries.values()} - uses
            load = None
            if later:
                self.type_bundles.add(frozenset(later))
                load = (
                    self._url(assets.types_bundle_name(later), page),
                    self._url(assets.types_stylesheet_name(later), page),
                )
            output = output.replace(panel.placeholder, self._render_quiz(quiz, page, load), 1)
        self.bundles.add(frozenset(uses))
        script = renderer.script(self._url(assets.bundle_name(uses), page))
        output = output.replace(SCRIPT_PLACEHOLDER, script, 1)
        link = renderer.stylesheet(self._url(assets.stylesheet_name(uses), page))
        return output.replace("</head>", link + "\n</head>", 1)

    def _render_quiz(self, quiz: Quiz, page, load: tuple[str, str] | None) -> str:
        data = quiz.to_json(self.site_id, criterion_lessons(quiz, self.files, page))
        facts = quiz_facts(quiz, self.messages)
        return self.extension.renderer.quiz(quiz, data, facts, root=_site_root(page), load=load)

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        if self.serving:
            self.all_bundles |= self.bundles  # pages kept from earlier builds use them
            self.bundles = set(self.all_bundles)
            self.all_type_bundles |= self.type_bundles
            self.type_bundles = set(self.all_type_bundles)
        for uses in self.bundles:
            path = Path(config.site_dir) / assets.SITE_DIR / assets.bundle_name(uses)
            text = assets.bundle(
                uses, self.site_id, self.language, self.messages, self.config.minify
            )
            write_file(text.encode("utf-8"), str(path))
            css = assets.stylesheet(uses, self.config.minify)
            write_file(css.encode("utf-8"), str(path.with_name(assets.stylesheet_name(uses))))
        for types in self.type_bundles:
            path = Path(config.site_dir) / assets.SITE_DIR / assets.types_bundle_name(types)
            text = assets.types_bundle(types, self.messages, self.config.minify)
            write_file(text.encode("utf-8"), str(path))
            css = assets.types_stylesheet(types, self.config.minify)
            write_file(
                css.encode("utf-8"), str(path.with_name(assets.types_stylesheet_name(types)))
            )
        self.extension.media.publish(config.site_dir)
        self.documents.save()

    def _url(self, name: str, page) -> str:
        return get_relative_url(f"{assets.SITE_DIR}/{name}", page.url)

    def _shown(self, path: Path) -> str:
        return shown_path(path, self.root)


def _with_error_banner(html: str, errors: list[AuthoringError], messages: dict) -> str:
    """``html`` with the build's authoring errors listed at the top of the body."""
    items = "".join(f"<li><code>{escape(str(error))}</code></li>" for error in errors)
    banner = (
        '<div class="annotrain-build-errors" role="alert" style="position:sticky;top:0;'
        "z-index:10;margin:0;padding:.6rem 1rem;background:#b00020;color:#fff;"
        'font:14px/1.4 sans-serif"><p style="margin:0 0 .3rem">'
        + escape(fill(messages["serve_errors"], count=len(errors)))
        + f'</p><ul style="margin:0">{items}</ul></div>'
    )
    start = html.find("<body")
    end = html.find(">", start) + 1 if start != -1 else 0
    return html[:end] + banner + html[end:]


def _place_exercises(output: str, deferred: dict[str, str], page) -> str:
    """Put each exercise's HTML in place of its stand-in (see markdown_ext, ``defer``)."""
    for task_id, html in deferred.items():
        start_marker, end_marker = slot_markers(task_id)
        start = output.find(start_marker)
        end = output.find(end_marker, start)
        if start < 0 or end < 0:
            raise PluginError(
                f"annotrain: exercise {task_id!r} vanished from {page.file.src_uri} "
                "(another plugin changed the page's HTML); it cannot be placed"
            )
        output = output[:start] + html + output[end + len(end_marker) :]
    return output


def _site_root(page) -> str:
    """The page's relative URL to the site root: "" at the top, "../../" two folders down."""
    root = get_relative_url(".", page.url)
    return "" if root == "." else root.rstrip("/") + "/"


def _front_matter_lines(source: str, markdown: str) -> int:
    """Lines MkDocs stripped (YAML front matter) from ``source`` before ``markdown``.

    ``source`` is the page file as MkDocs read it (cached: no second read here).
    """
    start = source.find(markdown[:200]) if markdown else -1
    return source[:start].count("\n") if start > 0 else 0
