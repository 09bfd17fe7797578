"""What one build gathers from its pages before any page is written.

Each page's exercises, panels and errors arrive as MkDocs renders its Markdown;
the quizzes load once every page is read (a quiz may reuse any lesson's exercise).
Only then are the site's errors, its bundles and each page's finishing known: a
page placing an exam that needs a ticket also loads the ticket scripts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..course.exercises import IdRegistry, Panel
from ..course.quizzes import Quiz
from ..course.tasks import Task
from ..errors import AuthoringError
from ..rendering.markdown_ext import AnnotrainExtension
from ..signing.sitekeys import SiteKeys

#: The page feature (see annotrain.browser.bundles) that checks exam tickets.
TICKETS = "tickets"
#: The page feature that runs a work simulation (its running-accuracy rule).
SIMULATION = "simulation"
#: The page feature that sends xAPI statements (every page, on sites that turn it on).
XAPI = "xapi"


@dataclass
class Gathered:
    """The exercises, quiz placements, errors and quizzes of one build, by page."""

    errors: list[AuthoringError] = field(default_factory=list)
    ids: IdRegistry = field(default_factory=IdRegistry)
    page_uses: dict[str, set[str]] = field(default_factory=dict)  # src_uri -> types, features
    page_exercises: dict[str, list[str]] = field(default_factory=dict)  # src_uri -> ids
    exercises: dict[str, Task] = field(default_factory=dict)  # id -> lesson exercise
    quiz_panels: dict[str, list[Panel]] = field(default_factory=dict)  # src_uri -> quizzes
    deferred: dict[str, dict[str, str]] = field(default_factory=dict)  # src_uri -> id -> HTML
    quizzes: dict[str, Quiz] = field(default_factory=dict)

    def add_page(self, key: str, extension: AnnotrainExtension) -> bool:
        """Take the page ``key``'s results from the extension that just rendered it.

        Returns whether the page uses annotrain at all (and so needs its files).
        """
        self.errors.extend(extension.errors)
        for task in extension.tasks:
            try:
                self.ids.add(task)
                self.exercises[task.id] = task
            except AuthoringError as error:
                self.errors.append(error)
        tasks, panels = extension.tasks, extension.panels
        uses = {task.type for task in tasks} | {panel.show for panel in panels}
        if not uses:
            return False
        self.page_uses[key] = uses
        self.quiz_panels[key] = [panel for panel in panels if panel.quiz]
        if tasks:
            self.page_exercises[key] = [task.id for task in tasks]
            self.deferred[key] = dict(extension.deferred)
        return True

    def add_quizzes(
        self,
        quizzes: dict[str, Quiz],
        errors: list[AuthoringError],
        folder: str,
        keys: SiteKeys | None = None,
    ):
        """Take the loaded quizzes; a placement of a quiz that is not there is an error.

        A page placing a quiz that needs a ticket (see :func:`needs_ticket`, with the
        site's ``keys``) uses the tickets feature as well; one placing a work
        simulation, the simulation feature.
        """
        self.quizzes = quizzes
        self.errors.extend(errors)
        known = ", ".join(sorted(quizzes)) or "none"
        for key, panels in self.quiz_panels.items():
            for panel in panels:
                quiz = quizzes.get(panel.quiz)
                if quiz is None:
                    self.errors.append(
                        AuthoringError(
                            f"no quiz {panel.quiz!r} in {folder}/; quizzes: {known}",
                            panel.path,
                            panel.line,
                        )
                    )
                elif quiz.simulation is not None:
                    self.page_uses[key].add(SIMULATION)
                elif needs_ticket(quiz, keys):
                    self.page_uses[key].add(TICKETS)

    def add_feature(self, feature: str) -> None:
        """Give every page that uses annotrain the page feature ``feature`` too."""
        for uses in self.page_uses.values():
            uses.add(feature)

    def bundles(self) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
        """(what each page's bundle holds, the task types quizzes load later), as sets."""
        pages = {frozenset(uses) for uses in self.page_uses.values()}
        later = set()
        for key, panels in self.quiz_panels.items():
            for panel in panels:
                quiz = self.quizzes.get(panel.quiz)
                types = quiz_types_to_load(quiz, self.page_uses[key]) if quiz else None
                if types:
                    later.add(types)
        return pages, later


def needs_ticket(quiz: Quiz, keys: SiteKeys | None) -> bool:
    """True when ``quiz`` starts only with an exam ticket: an exam on a site with a public key.

    Its page then carries the site's keys in the quiz's JSON and the ticket scripts.
    A sealed simulation starts without one (tickets are for exams).
    """
    return quiz.mode == "exam" and keys is not None and keys.enabled


def quiz_types_to_load(quiz: Quiz, uses: Iterable[str]) -> frozenset[str]:
    """The quiz's task types that the page's own bundle (for ``uses``) lacks.

    The quiz loads them when an attempt starts (see quiz.js), not with the page.
    """
    return frozenset(entry.task.type for entry in quiz.entries.values()) - set(uses)
