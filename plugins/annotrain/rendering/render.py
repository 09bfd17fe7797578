"""Rendering tasks to HTML through Jinja2 templates (autoescaped).

Templates live in ``rendering/templates/annotrain/``, except each task type's own,
``tasktypes/<type>/template.html``, which templates include as
``annotrain/types/<type>.html``. Any of them can be overridden by placing a file
of the same name in one of ``template_dirs`` (the MkDocs plugin passes the theme's
directories, so a course's ``custom_dir`` wins). Task data reaches the browser as
JSON in the exercise root's ``data-annotrain-task`` attribute, not in a
``<script type="application/json">``: Material's instant navigation re-creates
every ``<script>`` in the content without its type and would execute the JSON.
The templates put it in a single-quoted attribute through the ``single_quoted``
filter, which escapes only what can end or confuse such an attribute: JSON is full
of double quotes, and writing each as ``&#34;`` made a quiz page a third larger
and every HTML parser of the build (search indexing) slower.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup

from ..course.exercises import Panel
from ..course.rebuilds import Reuse
from ..course.tasks import Task
from ..messages import fill
from ..tasktypes import TYPES_DIR
from .plan import PlanQuiz, PlanSection

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def compact_json(data: object) -> str:
    """Compact JSON text; the template's autoescape makes it safe in an attribute."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def single_quoted(text: str) -> Markup:
    """``text`` escaped for an HTML attribute value written between single quotes.

    ``&``, ``'``, ``<`` and ``>`` become character references; double quotes stay,
    as they cannot end a single-quoted value. Never use it between double quotes.
    """
    text = str(text)
    for char, ref in (("&", "&amp;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(char, ref)
    return Markup(text)


def paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs at blank lines."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in a folder between builds.

    Compiling annotrain's templates took a tenth of a second of every ``mkdocs
    build``. Jinja checks each entry against its template's source. A folder that
    cannot be written is skipped: templates are then compiled every time.
    """

    def __init__(self, folder: Path):
        # Compiled code calls Jinja's runtime: another Jinja version gets a new folder.
        super().__init__(str(folder / f"templates-jinja-{importlib.metadata.version('jinja2')}"))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 (unreadable or damaged: the template is compiled)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


class TaskTypeTemplates(jinja2.BaseLoader):
    """``annotrain/types/<type>.html`` read from the type's folder, ``template.html``."""

    PREFIX, SUFFIX = "annotrain/types/", ".html"

    def get_source(self, environment, template):
        name = template.removeprefix(self.PREFIX).removesuffix(self.SUFFIX)
        path = TYPES_DIR / name / "template.html"
        if not template.startswith(self.PREFIX) or "/" in name or not path.is_file():
            raise jinja2.TemplateNotFound(template)
        mtime = path.stat().st_mtime
        source = path.read_text(encoding="utf-8")
        return source, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime


@functools.lru_cache(maxsize=8)
def environment(
    template_dirs: tuple[str, ...], cache_dir: Path | None = None
) -> jinja2.Environment:
    """The Jinja environment for these override directories, shared by every build.

    With ``cache_dir``, compiled templates are kept there for the next ``mkdocs
    build`` too. Templates are not checked for changes once loaded (a stat call for
    every exercise and include): ``environment.cache_clear()`` makes the next
    environment load them again, as the MkDocs plugin does before each rebuild
    while serving.
    """
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(list(template_dirs)),
        jinja2.PackageLoader("annotrain", "rendering/templates"),
        TaskTypeTemplates(),
    ]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        auto_reload=False,
        bytecode_cache=_CompiledTemplates(cache_dir) if cache_dir else None,
    )
    env.globals["paragraphs"] = paragraphs
    env.globals["fill"] = fill  # fill(t.key, name=value): a message with placeholders
    env.filters["single_quoted"] = single_quoted
    return env


#: HTML the latest renderer made, by all it was made from (see Renderer._rendered).
_RENDERED = Reuse()


class Renderer:
    """Turns tasks into HTML with the package templates (or overrides).

    Exercises and quizzes rendered by the previous renderer of this process (the
    previous build, while ``mkdocs serve`` rebuilds) are reused when everything
    they are rendered from is the same: the environment (new when templates may
    have changed), the messages, and the task's or quiz's whole JSON.
    """

    def __init__(
        self,
        messages: dict[str, str],
        template_dirs: Sequence[str] = (),
        cache_dir: Path | None = None,
    ):
        self.env = environment(tuple(template_dirs), cache_dir)
        self.messages = messages
        self._messages_key = json.dumps(messages, sort_keys=True)
        _RENDERED.next_build()

    def _rendered(self, key: tuple, render: Callable[[], str]) -> str:
        key = (self.env, self._messages_key, *key)  # the environment itself: never reused
        return _RENDERED.keep(key, _RENDERED.get(key) or render())

    def exercise(self, task: Task, mode: str = "practice", root: str = "") -> str:
        """HTML for one exercise. ``mode`` 'practice' includes gold; others do not.

        ``root`` is the page's relative URL to the site root, for media links.
        """
        payload = compact_json(task.to_json(include_gold=(mode == "practice")))
        whole = payload if mode == "practice" else compact_json(task.to_json())
        return self._rendered(
            ("exercise", mode, root, whole),
            lambda: self.env.get_template("annotrain/exercise.html").render(
                task=task,
                mode=mode,
                dom_id=f"annotrain-{task.id}",
                payload=payload,
                t=self.messages,
                root=root,
            ),
        )

    def exercise_stand_in(self, task: Task, start: str, end: str) -> str:
        """What a search index sees of an exercise: its title, prompt and text.

        ``start`` and ``end`` are the comments the exercise's HTML later replaces,
        stand-in included.
        """
        html = self.env.get_template("annotrain/stand_in.html").render(task=task)
        return start + html + end

    def script(self, url: str) -> str:
        """A ``<script src>`` tag for a page's bundle."""
        return self.env.get_template("annotrain/script.html").render(url=url).strip()

    def stylesheet(self, url: str) -> str:
        """A ``<link rel=stylesheet>`` tag for the page head."""
        return self.env.get_template("annotrain/stylesheet.html").render(url=url).strip()

    def panel(self, panel: Panel) -> str:
        """HTML for a panel block such as ``show: progress``.

        A quiz needs the whole site (its bank may reference any lesson's exercises),
        and the verify panel the site's keys, so each is only a placeholder here;
        :meth:`quiz` and :meth:`verify` render them once all is known.
        """
        if panel.show in ("quiz", "verify"):
            return panel.placeholder
        return self.env.get_template(f"annotrain/panels/{panel.show}.html").render(t=self.messages)

    def quiz(
        self,
        quiz,
        data: dict,
        facts: list[str],
        root: str = "",
        load: tuple[str, str] | None = None,
        guidelines: dict[str, dict] | None = None,
    ) -> str:
        """A quiz: intro with its rules, every bank task (hidden), and the result area.

        ``data`` is the quiz's ``to_json``, for the page's script; with ``keys`` (a
        sealed quiz on a site with a public key) the exam asks for a ticket.
        ``load`` is the (script, stylesheet) URL pair of the task types the quiz
        loads when an attempt starts, if the page's bundle lacks any.
        ``guidelines`` maps each entry's ``guideline`` to the {title, url} of its page.
        """
        guidelines = guidelines or {}
        payload = compact_json(data)
        # ``data`` (quiz.to_json) holds all but the instructions, and no gold in exam
        # mode: its version, a hash of the whole quiz, stands for those in the key.
        whole = (data.get("version") or quiz.version, quiz.instructions, payload)
        return self._rendered(
            ("quiz", root, load, tuple(facts), compact_json(guidelines), whole),
            lambda: self.env.get_template("annotrain/quiz.html").render(
                quiz=quiz,
                payload=payload,
                facts=facts,
                t=self.messages,
                root=root,
                load=load,
                tickets="keys" in data,
                guidelines=guidelines,
            ),
        )

    def verify(self, site: dict | None) -> str:
        """The verify panel, with the site's keys and revoked credentials (``SiteKeys.to_json()``).

        ``site`` is None when the site has no public key: the panel then says that
        verification is not set up.
        """
        template = self.env.get_template("annotrain/panels/verify.html")
        return template.render(
            site=site, site_json=compact_json(site) if site else "", t=self.messages
        )

    def progress_plan(self, plan: list[PlanSection], quizzes: list[PlanQuiz] = ()) -> str:
        """The plan tables of the progress page, and the table of quizzes."""
        template = self.env.get_template("annotrain/progress_plan.html")
        return template.render(plan=plan, quizzes=quizzes, t=self.messages)

    def lesson_control(self, key: str) -> str:
        """The "mark this lesson as done" control for the lesson ``key``."""
        return self.env.get_template("annotrain/lesson.html").render(key=key, t=self.messages)
