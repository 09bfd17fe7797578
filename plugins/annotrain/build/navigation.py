"""What only the whole MkDocs site can tell a page: the plan, the criteria's lessons.

The progress page needs the course plan; a quiz needs the lessons its rubric
criteria point to, and the guideline pages its tasks link to.

Part of the MkDocs glue: these functions read MkDocs navigation and file objects
(``nav.items``, ``page.file.src_uri``, ``files.get_file_from_path``) and return the
core's plain data.
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from ..course.quizzes import Quiz
from ..rendering.plan import PlanLesson, PlanQuiz, PlanSection, non_empty


def course_plan(
    nav, exercises: dict[str, list[str]], names: dict[str, str], here, other_title: str
) -> list[PlanSection]:
    """One section per top-level nav section, with its pages that have exercises.

    ``exercises`` maps page source paths to exercise ids, ``names`` exercise ids to
    their names; pages with exercises outside any section are gathered under
    ``other_title``. URLs are relative to the page ``here``.
    """

    def lesson(page) -> PlanLesson:
        key = page.file.src_uri
        ids = exercises[key]
        url = get_relative_url(page.url, here.url)
        return PlanLesson(page.title or key, url, key, ids, {i: names.get(i, i) for i in ids})

    loose = PlanSection(other_title)
    sections = []
    for item in nav.items:
        if item.is_section:
            pages = [p for p in _pages(item) if p.file.src_uri in exercises]
            sections.append(PlanSection(item.title, [lesson(p) for p in pages]))
        elif item.is_page and item.file.src_uri in exercises:
            loose.lessons.append(lesson(item))
    return non_empty([*sections, loose])


def quiz_pages(
    nav, placements: dict[str, list[str]], titles: dict[str, str], here
) -> list[PlanQuiz]:
    """The quizzes placed on pages, in navigation order, linked from the page ``here``.

    ``placements`` maps page source paths to the quiz ids placed there.
    """
    quizzes = []
    for page in nav.pages:
        for quiz_id in placements.get(page.file.src_uri, []):
            quizzes.append(PlanQuiz(quiz_id, titles[quiz_id], get_relative_url(page.url, here.url)))
    return quizzes


def criterion_lessons(quiz: Quiz, files, here) -> dict[str, dict]:
    """Criterion id -> {name, url} of the lesson its rubric names, for weak-criteria links."""
    lessons: dict[str, dict] = {}
    for entry in quiz.entries.values():
        for criterion in entry.task.rubric.criteria:
            target = files.get_file_from_path(criterion.lesson) if criterion.lesson else None
            if target and target.page and criterion.id not in lessons:
                lessons[criterion.id] = {
                    "name": target.page.title or criterion.lesson,
                    "url": get_relative_url(target.page.url, here.url),
                }
    return lessons


def guideline_links(quiz: Quiz, files, here) -> dict[str, dict]:
    """Each ``guideline`` of the quiz's entries -> {title, url} of its page from ``here``.

    A page that is not in ``files`` (an error reported at load) gets no link.
    """
    links: dict[str, dict] = {}
    for entry in quiz.entries.values():
        if not entry.guideline or entry.guideline in links:
            continue
        path, hash_sign, fragment = entry.guideline.partition("#")
        target = files.get_file_from_path(path)
        if target and target.page:
            links[entry.guideline] = {
                "title": target.page.title or path,
                "url": get_relative_url(target.page.url, here.url) + hash_sign + fragment,
            }
    return links


def _pages(section):
    """Every page below a nav section, depth first."""
    for child in section.children:
        if child.is_page:
            yield child
        elif child.is_section:
            yield from _pages(child)
