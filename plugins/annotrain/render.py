"""Rendering tasks to HTML through Jinja2 templates (autoescaped).

Templates live in ``templates/annotrain/`` and can be overridden by placing a file
of the same name in one of ``template_dirs`` (the MkDocs plugin passes the theme's
directories, so a course's ``custom_dir`` wins). Task data reaches the browser as
JSON in the exercise root's ``data-annotrain-task`` attribute (autoescaped), not
in a ``<script type="application/json">``: Material's instant navigation re-creates
every ``<script>`` in the content without its type and would execute the JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import jinja2

from .exercises import Panel
from .messages import fill
from .plan import PlanQuiz, PlanSection
from .tasks import Task

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def compact_json(data: object) -> str:
    """Compact JSON text; the template's autoescape makes it safe in an attribute."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs at blank lines."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


class Renderer:
    """Turns tasks into HTML with the package templates (or overrides)."""

    def __init__(self, messages: dict[str, str], template_dirs: Sequence[str] = ()):
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(list(template_dirs))]
        loaders.append(jinja2.PackageLoader("annotrain", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=False,
        )
        self.env.globals["paragraphs"] = paragraphs
        self.env.globals["fill"] = fill  # fill(t.key, name=value): a message with placeholders
        self.messages = messages

    def exercise(self, task: Task, mode: str = "practice", root: str = "") -> str:
        """HTML for one exercise. ``mode`` 'practice' includes gold; others do not.

        ``root`` is the page's relative URL to the site root, for media links.
        """
        template = self.env.get_template("annotrain/exercise.html")
        return template.render(
            task=task,
            mode=mode,
            dom_id=f"annotrain-{task.id}",
            payload=compact_json(task.to_json(include_gold=(mode == "practice"))),
            t=self.messages,
            root=root,
        )

    def script(self, url: str) -> str:
        """A ``<script src>`` tag for a page's bundle."""
        return self.env.get_template("annotrain/script.html").render(url=url).strip()

    def stylesheet(self, url: str) -> str:
        """A ``<link rel=stylesheet>`` tag for the page head."""
        return self.env.get_template("annotrain/stylesheet.html").render(url=url).strip()

    def panel(self, panel: Panel) -> str:
        """HTML for a panel block such as ``show: progress``.

        A quiz needs the whole site (its bank may reference any lesson's exercises),
        so it is only a placeholder here; :meth:`quiz` renders it once all is known.
        """
        if panel.show == "quiz":
            return panel.placeholder
        return self.env.get_template(f"annotrain/panels/{panel.show}.html").render(t=self.messages)

    def quiz(
        self,
        quiz,
        data: dict,
        facts: list[str],
        root: str = "",
        load: tuple[str, str] | None = None,
    ) -> str:
        """A quiz: intro with its rules, every bank task (hidden), and the result area.

        ``load`` is the (script, stylesheet) URL pair of the task types the quiz
        loads when an attempt starts, if the page's bundle lacks any.
        """
        return self.env.get_template("annotrain/quiz.html").render(
            quiz=quiz,
            payload=compact_json(data),
            facts=facts,
            t=self.messages,
            root=root,
            load=load,
        )

    def progress_plan(self, plan: list[PlanSection], quizzes: list[PlanQuiz] = ()) -> str:
        """The plan tables of the progress page, and the table of quizzes."""
        template = self.env.get_template("annotrain/progress_plan.html")
        return template.render(plan=plan, quizzes=quizzes, t=self.messages)

    def lesson_control(self, key: str) -> str:
        """The "mark this lesson as done" control for the lesson ``key``."""
        return self.env.get_template("annotrain/lesson.html").render(key=key, t=self.messages)
