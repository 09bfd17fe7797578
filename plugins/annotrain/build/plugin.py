"""The MkDocs plugin: thin glue between MkDocs events and the annotrain core.

Pipeline: on_config registers the Markdown extension, which finds, validates and
renders exercise blocks, leaving in the page's content a stand-in with each
exercise's title, prompt and text (what other plugins such as Material's search
see). on_page_content gathers each page's exercises and errors (:mod:`.gathered`).
on_env loads the quizzes, logs the site's warnings and reports every error of the
site at once, before any page is written, so a broken course never produces a
half-rendered site, and hands the pages' script bundles, stylesheets and media to
MkDocs as files (:mod:`.assets`).
on_post_page finishes each page (:mod:`.pages`): exercises in place, the progress
plan, quizzes, and the page's script and stylesheet; pages without exercises get
nothing. While serving, a build with errors serves each page's last good version
with the errors on top (:mod:`.serving`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from ..browser import bundles, minify
from ..course.guidelines import guideline_errors
from ..course.media import MediaLibrary
from ..course.quizfile import load_quizzes
from ..course.rubrics import RubricLibrary
from ..course.sitefiles import shown_path, site_slug
from ..course.yamlcache import DocumentCache
from ..errors import AuthoringError
from ..messages import catalog
from ..rendering import render
from ..rendering.markdown_ext import AnnotrainExtension
from ..xapi import outbox_settings
from ..xapi import settings as xapi_settings
from .assets import SiteAssets, check_installed, check_present
from .config import AnnotrainConfig
from .gathered import XAPI, Gathered
from .keys import publish_revoked, refuse_private_keys, site_keys
from .offline import shim_files, use_shipped_shim, web_font_warning
from .pages import SCRIPT_PLACEHOLDER, PageFinisher, front_matter_lines, site_root
from .serving import LastGoodPages, report_errors

log = get_plugin_logger(__name__)


class AnnotrainPlugin(BasePlugin[AnnotrainConfig]):
    """Renders annotrain exercises in MkDocs pages."""

    def on_startup(self, *, command, dirty):
        # What must outlive one build while serving (the plugin is kept between them).
        self.serving = command == "serve"
        self.last_good = LastGoodPages()
        self.assets = SiteAssets(self.serving)

    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.language = str(config.theme.get("language") or "en")
        self.messages = catalog(self.language, self.config.messages)
        self.site_id = self.config.site_id or site_slug(config.site_name)
        self.keys = site_keys(self.config, config, self.root)
        try:
            where = self._shown(Path(config.config_file_path or "mkdocs.yml"))
            self.xapi = xapi_settings(self.config.xapi, config.site_url or "", where)
            self.site_url = config.site_url or ""
        except AuthoringError as error:
            raise PluginError(str(error)) from None
        self.ships_shim = use_shipped_shim(config)  # offline builds fetch nothing elsewhere
        fonts = web_font_warning(config)  # --strict stops on it, as on any warning
        if fonts:
            log.warning(fonts)
        cache_dir = self.root / self.config.cache_dir
        self.documents = DocumentCache(cache_dir)
        minify.keep_in(cache_dir)
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
        check_installed()
        self.texts = functools.partial(
            bundles.site_texts,
            site=self.site_id,
            language=self.language,
            messages=self.messages,
            minify=self.config.minify,
            reveal_after=self.config.reveal_after,
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
        if not self.config.enabled:
            return
        self.gathered = Gathered()
        if not self.serving:
            self.extension.media.files.clear()  # media of this build only
        else:
            render.environment.cache_clear()  # template overrides may have changed

    def on_files(self, files, config):
        if self.config.enabled:
            refuse_private_keys(files, config.docs_dir)
            publish_revoked(files, config, self.keys, self.root / self.config.revoked)
            for file in shim_files(config) if self.ships_shim else ():
                files.append(file)
        return files

    def on_nav(self, nav, config, files):
        self.nav = nav
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
                front_matter_lines(page.file.content_string, markdown),
                site_root(page),
            )
        return markdown

    @event_priority(-50)  # after other plugins changed the HTML: we only append to it
    def on_page_content(self, html, page, config, files):
        if not self.config.enabled:
            return html
        key = page.file.src_uri
        if not self.gathered.add_page(key, self.extension):
            return html
        ends = [SCRIPT_PLACEHOLDER]  # the page's script tag goes there in on_post_page
        if key in self.gathered.page_exercises:
            ends.insert(0, self.extension.renderer.lesson_control(key))
        return "\n".join([html, *ends])

    # The first moment the site's errors and files are known (quizzes wait for every
    # page), just before MkDocs copies static files: see assets.py. Early among
    # on_env handlers (Material's privacy plugin hands its files over at the same
    # priority), so that plugins working on the site's files there see ours too.
    @event_priority(50)
    def on_env(self, env, config, files):
        if not self.config.enabled:
            return env
        quizzes, errors, warnings = load_quizzes(
            self.root / self.config.quizzes,
            self.root / self.config.rubrics,
            self._shown,
            self.extension.rubrics,
            self.gathered.exercises,
            self.messages,
            self.extension.media,
            self.documents,
        )
        errors += guideline_errors(quizzes, (f.src_uri for f in files.documentation_pages()))
        self.gathered.add_quizzes(quizzes, errors, self.config.quizzes, self.keys)
        sending = self.xapi
        if not sending and any(q.submit_to for q in quizzes.values()):
            # A quiz's submit_to alone: the same consent box and queue, no LRS.
            sending = outbox_settings(self.site_url)
        if sending:  # every annotrain page sends what happens on it
            self.gathered.add_feature(XAPI)
        for warning in warnings:  # --strict stops on them; a plain build goes on
            log.warning(str(warning))
        self.banner = report_errors(
            self.gathered.errors, log, self.serving, self.extension.renderer.env, self.messages
        )
        texts = functools.partial(self.texts, xapi=sending)
        self.assets.register(files, config, self.gathered, texts, self.extension.media)
        self.pages = PageFinisher(
            self.gathered, self.extension.renderer, self.nav, files, self.site_id, self.messages
        )
        self.pages.keys = self.keys  # sealed quizzes check their tickets with them
        self.pages.site_name = config.site_name  # a quiz's practice record names the course
        return env

    def on_post_page(self, output, page, config):
        if not self.config.enabled:
            return output
        finish = functools.partial(self.pages.finish, output, page)
        if not self.serving:
            return finish()
        return self.last_good.page(page.file.dest_uri, finish, self.banner)

    # Last: a plugin that took one of our files over may write it in its on_post_build.
    @event_priority(-100)
    def on_post_build(self, config):
        if not self.config.enabled:
            return
        self.documents.save()
        minify.save()
        check_present(config.site_dir, self.pages.used)

    def _shown(self, path: Path) -> str:
        return shown_path(path, self.root)
