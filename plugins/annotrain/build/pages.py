"""Finishing a page once the whole site is known, and what a MkDocs page tells us.

A page's Markdown is rendered before the site's quizzes load and before every
page's exercises are known, and its content is what other plugins (Material's
search) read. So the page carries stand-ins there, and :class:`PageFinisher`
replaces them in the finished HTML (``on_post_page``): each exercise in its place
(see ``defer`` in :mod:`annotrain.rendering.markdown_ext`), the progress page's
plan, the verify panel with the site's keys, each quiz, and the page's script
bundle and stylesheet.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from ..browser import bundles
from ..course.exercises import Panel
from ..course.quizzes import Quiz, quiz_facts
from ..rendering.markdown_ext import slot_markers
from ..rendering.plan import PLAN_PLACEHOLDER, exercise_name
from ..rendering.render import Renderer
from ..signing.sitekeys import SiteKeys
from .gathered import Gathered, needs_ticket, quiz_types_to_load
from .navigation import course_plan, criterion_lessons, guideline_links, quiz_pages

#: Where a page's script tag goes once the page is finished.
SCRIPT_PLACEHOLDER = "<!-- annotrain:script -->"


class PageFinisher:
    """Puts into each rendered page of a build what only the whole site knows."""

    def __init__(
        self, gathered: Gathered, renderer: Renderer, nav, files, site_id: str, messages: dict
    ) -> None:
        self.gathered = gathered
        self.renderer = renderer
        self.nav = nav
        self.files = files
        self.site_id = site_id
        self.messages = messages
        #: The course's name (site_name), for what a quiz prints (the practice record).
        self.site_name = ""
        #: Site files the finished pages use (path in the site -> a page using it).
        self.used: dict[str, str] = {}
        #: The site's public keys: a sealed quiz checks its tickets with them, the
        #: verify panel credentials.
        self.keys = SiteKeys()

    def finish(self, output: str, page) -> str:
        """The page's HTML with its exercises, plan, quizzes, script and stylesheet."""
        key = page.file.src_uri
        uses = self.gathered.page_uses.get(key)
        if not uses:
            return output
        output = place_exercises(output, self.gathered.deferred.get(key, {}), page)
        if "progress" in uses:
            output = output.replace(PLAN_PLACEHOLDER, self._plan(page))
        if "verify" in uses:
            site = self.keys.to_json() if self.keys.enabled else None
            output = output.replace(Panel("verify").placeholder, self.renderer.verify(site))
        for panel in self.gathered.quiz_panels.get(key, []):
            quiz = self.gathered.quizzes.get(panel.quiz)
            if quiz is None:  # it failed to load: the error is reported (serve only)
                output = output.replace(panel.placeholder, "", 1)
                continue
            later = quiz_types_to_load(quiz, uses)
            load = None
            if later:
                load = (
                    self._url(bundles.types_bundle_name(later), page),
                    self._url(bundles.types_stylesheet_name(later), page),
                )
            output = output.replace(panel.placeholder, self._quiz(quiz, page, load), 1)
        script = self.renderer.script(self._url(bundles.bundle_name(uses), page))
        output = output.replace(SCRIPT_PLACEHOLDER, script, 1)
        link = self.renderer.stylesheet(self._url(bundles.stylesheet_name(uses), page))
        return output.replace("</head>", link + "\n</head>", 1)

    def _plan(self, page) -> str:
        """The progress page's tables: every lesson with exercises, and every quiz."""
        gathered = self.gathered
        names = {i: exercise_name(t.title, t.prompt) for i, t in gathered.exercises.items()}
        other = self.messages["progress_other"]
        plan = course_plan(self.nav, gathered.page_exercises, names, page, other)
        placements = {src: [p.quiz for p in panels] for src, panels in gathered.quiz_panels.items()}
        titles = {quiz_id: quiz.title for quiz_id, quiz in gathered.quizzes.items()}
        quizzes = quiz_pages(self.nav, placements, titles, page)
        return self.renderer.progress_plan(plan, quizzes)

    def _quiz(self, quiz: Quiz, page, load: tuple[str, str] | None) -> str:
        data = quiz.to_json(self.site_id, criterion_lessons(quiz, self.files, page))
        if self.site_name:
            data["site_name"] = self.site_name
        tickets = needs_ticket(quiz, self.keys)  # the page's bundle has the ticket scripts
        if tickets:
            data["keys"] = self.keys.to_json()["keys"]  # tickets are required
        facts = quiz_facts(quiz, self.messages, tickets)
        links = guideline_links(quiz, self.files, page)
        # A sealed simulation's page shows its published copy: opaque ids, one flat list.
        return self.renderer.quiz(quiz.published(), data, facts, site_root(page), load, links)

    def _url(self, name: str, page) -> str:
        """The URL of annotrain's site file ``name`` from ``page``; remembered as used."""
        path = f"{bundles.SITE_DIR}/{name}"
        self.used.setdefault(path, page.file.src_uri)
        return get_relative_url(path, page.url)


def place_exercises(output: str, deferred: dict[str, str], page) -> str:
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


def site_root(page) -> str:
    """The page's relative URL to the site root: "" at the top, "../../" two folders down."""
    root = get_relative_url(".", page.url)
    return "" if root == "." else root.rstrip("/") + "/"


def front_matter_lines(source: str, markdown: str) -> int:
    """Lines MkDocs stripped (YAML front matter) from ``source`` before ``markdown``.

    ``source`` is the page file as MkDocs read it (cached: no second read here).
    """
    start = source.find(markdown[:200]) if markdown else -1
    return source[:start].count("\n") if start > 0 else 0
