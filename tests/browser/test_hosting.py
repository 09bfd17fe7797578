"""The built course on a plain static host under a sub-path, and opened from disk.

1. Built with ``site_url`` ending in ``/course/`` and served from the parent
   folder: every file the pages ask for is found, an exercise and a quiz work,
   instant navigation keeps exercises alive, and the progress page sees both.
2. Built with Material's offline plugin (``ANNOTRAIN_OFFLINE=true``, see the
   trainer guide, "Publishing") and opened as ``file://``: the sidebar navigates,
   an exercise works and its progress is saved and read back on another page, a
   quiz starts, search finds pages. Nothing is asked of any other host (the
   offline plugin's search shim, iframe-worker, is annotrain's copy in the site,
   not the CDN's), and the pages report no error.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..conftest import ROOT
from .conftest import build_course, open_page, serve, watch_errors

LESSON = "week-1/what-is-annotation/"
SENTIMENT = "#annotrain-w1-review-sentiment"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """(base URL ending in /course/, parent folder): the course under a sub-path."""
    parent = tmp_path_factory.mktemp("host")
    server = serve(parent)
    base = f"http://127.0.0.1:{server.server_address[1]}/course/"
    build_course(parent / "course", base)
    yield base, parent
    server.shutdown()
    server.server_close()


def watch_requests(page):
    """Failed requests and error responses of ``page``, as a list filled meanwhile."""
    problems: list[str] = []
    page.on("requestfailed", lambda r: problems.append(f"{r.url}: {r.failure}"))
    page.on(
        "response", lambda r: problems.append(f"{r.url}: {r.status}") if r.status >= 400 else None
    )
    return problems


def test_nothing_links_to_the_server_root(sub_path_site):
    """Every local URL in the built pages is relative: none starts with "/".

    Except in 404.html, which a host serves at any address: MkDocs writes its links
    from site_url's path (/course/...) on purpose.
    """
    from bs4 import BeautifulSoup

    _, parent = sub_path_site
    pages = [p for p in (parent / "course").rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 40
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img", "source", "audio"]):
            for attribute in ("href", "src", "srcset"):
                value = tag.get(attribute) or ""
                assert not (value.startswith("/") and not value.startswith("//")), (
                    f"{page.relative_to(parent)}: {tag.name} {attribute}={value}"
                )


def test_exercise_quiz_and_progress_under_a_sub_path(page, sub_path_site):
    base, _ = sub_path_site
    problems = watch_requests(page)
    open_page(page, base + LESSON)
    root = page.locator(SENTIMENT)
    root.get_by_label("Positive", exact=True).check()
    root.get_by_role("button", name="Check").click()
    assert root.get_attribute("data-annotrain-score") == "1"

    # Instant navigation (a click in the site's own navigation) to the Week 1 quiz.
    page.locator("nav.md-nav a", has_text="Week 1 quiz").first.click()
    # Material's navigation.tracking may add the heading in view (#try-it).
    page.wait_for_url(lambda url: url.startswith(base + "week-1/quiz/"))
    page.wait_for_function(
        "() => window.annotrain.quiz && window.annotrain.quiz.ids().includes('week-1')"
    )
    data = page.evaluate(
        """() => JSON.parse(document.querySelector('[data-annotrain-quiz=week-1]')
            .getAttribute('data-annotrain-quiz-data'))"""
    )
    attempt = page.evaluate("() => window.annotrain.quiz.start('week-1', {seed: 3})")
    for task_id in attempt["tasks"]:
        page.evaluate(
            "([t, r]) => window.annotrain.quiz.answer('week-1', t, r)",
            [task_id, data["tasks"][task_id]["task"]["gold"]],
        )
    grade = page.evaluate("() => window.annotrain.quiz.submit('week-1')")
    assert grade["passed"] is True and grade["score"] == 1
    assert (
        page.locator("[data-annotrain-quiz=week-1]").get_attribute("data-annotrain-passed")
        == "true"
    )

    open_page(page, base + "progress/")
    lesson = page.locator('tr[data-annotrain-lesson="week-1/what-is-annotation.md"]')
    assert lesson.locator("[data-annotrain-cell=passed]").inner_text().startswith("1 of ")
    quiz = page.locator('tr[data-annotrain-quiz-row="week-1"]')
    assert quiz.get_attribute("data-annotrain-passed") == "true"
    assert problems == [], problems


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    """The course built with Material's offline plugin, for file://."""
    site = tmp_path_factory.mktemp("offline") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ANNOTRAIN_OFFLINE": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return site


def test_offline_build_links_files_not_folders(offline_site):
    """The offline plugin turns off directory URLs: pages are .html files linked as such."""
    assert (offline_site / "week-1" / "what-is-annotation.html").is_file()
    assert (offline_site / "search" / "search_index.js").is_file()
    html = (offline_site / "week-1" / "what-is-annotation.html").read_text(encoding="utf-8")
    assert 'href="quiz.html"' in html or 'href="../week-1/quiz.html"' in html


def offline_page(context):
    """(page, what it asked of other hosts, its errors): a computer without network."""
    context.route("http://*/**", lambda route: route.abort())
    context.route("https://*/**", lambda route: route.abort())
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else outside.append(r.url))
    return page, outside, watch_errors(page)


#: What a page opened from disk may ask for without leaving the computer.
LOCAL = ("file:", "data:", "blob:", "about:")


def test_offline_build_fetches_nothing_from_elsewhere(browser, offline_site):
    context = browser.new_context()
    page, outside, errors = offline_page(context)
    try:
        page.goto((offline_site / "index.html").as_uri())
        # The sidebar, with a pointer: a week (its overview page), then a lesson.
        page.locator("nav.md-nav--primary a", has_text="Week 1 Foundations").click()
        page.wait_for_url("**/week-1/index.html")
        page.locator("nav.md-nav--primary a", has_text="What is data annotation?").click()
        page.wait_for_url("**/week-1/what-is-annotation.html")
        page.wait_for_function("() => window.annotrain && window.annotrain.ready")
        page.evaluate("() => window.annotrain.ready")
        root = page.locator(SENTIMENT)
        root.get_by_label("Positive", exact=True).check()
        root.get_by_role("button", name="Check").click()
        assert root.get_attribute("data-annotrain-passed") == "true"
        page.get_by_role("button", name="Mark this lesson as done").click()

        page.locator("nav.md-nav--primary a", has_text="Week 1 quiz").click()
        page.wait_for_url("**/week-1/quiz.html")
        page.wait_for_function("() => window.annotrain && window.annotrain.ready")
        # The lesson's link (what-is-annotation.html) carries its done mark here too.
        done = page.locator("nav.md-nav--primary a", has_text="What is data annotation?")
        assert done.locator(".annotrain-nav-done").count() == 1
        page.get_by_role("button", name="Start the quiz").click()
        page.locator(".annotrain-quiz-run").wait_for(state="visible")  # task types loaded

        # Search runs in a worker, which file:// pages get only through the shim.
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("bounding box", delay=20)
        page.locator(".md-search-result__item").first.wait_for()
        assert outside == [], outside
        assert errors == [], errors
    finally:
        context.close()


def test_offline_build_works_from_file_urls(browser, offline_site, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page, outside, errors = offline_page(context)
    try:
        lesson = (offline_site / "week-1" / "what-is-annotation.html").as_uri()
        open_page(page, lesson)
        root = page.locator(SENTIMENT)
        root.get_by_label("Positive", exact=True).check()
        root.get_by_role("button", name="Check").click()
        assert root.get_attribute("data-annotrain-score") == "1"
        assert "Passed" in root.locator(".annotrain-feedback").inner_text()

        # A plain link to another page of the course: progress is read back there.
        page.goto((offline_site / "progress.html").as_uri())
        page.wait_for_function("() => window.annotrain && window.annotrain.ready")
        page.evaluate("() => window.annotrain.ready")
        row = page.locator('tr[data-annotrain-lesson="week-1/what-is-annotation.md"]')
        assert row.locator("[data-annotrain-cell=passed]").inner_text().startswith("1 of ")
        stored = page.evaluate("() => window.annotrain.progressData().exercises")
        assert stored["w1-review-sentiment"]["best"] == 1

        with page.expect_download() as download:
            page.get_by_role("button", name="Download my progress").click()
        download.value.save_as(tmp_path / "progress.json")
        assert '"w1-review-sentiment"' in (tmp_path / "progress.json").read_text(encoding="utf-8")
        upload = page.locator("input[type=file][data-annotrain-action=import]")
        upload.set_input_files(str(tmp_path / "progress.json"))
        page.wait_for_function(
            "() => document.querySelector('.annotrain-progress-status').textContent.length > 0"
        )
        assert page.evaluate("() => Object.keys(localStorage).some(k => k.includes(':aside:'))")

        # Back on the lesson, reloaded from disk: the answer and best score come back.
        open_page(page, lesson)
        assert "Your best score" in page.locator(f"{SENTIMENT} .annotrain-best").inner_text()

        # The Week 1 quiz, with its timer, and the attempt file.
        open_page(page, (offline_site / "week-1" / "quiz.html").as_uri())
        page.get_by_role("button", name="Start the quiz").click()
        page.locator(".annotrain-quiz-run").wait_for(state="visible")  # task types loaded
        timer = page.locator("[data-annotrain-quiz=week-1] .annotrain-quiz-timer")
        assert timer.inner_text().startswith(("20:00", "19:5"))
        page.evaluate("() => window.annotrain.quiz.submit('week-1')")
        result = page.locator("[data-annotrain-quiz=week-1] .annotrain-quiz-result")
        with page.expect_download() as download:
            result.get_by_role("button", name="Download attempt").click()
        download.value.save_as(tmp_path / "attempt.json")
        assert '"quiz": "week-1"' in (tmp_path / "attempt.json").read_text(encoding="utf-8")
        assert errors == [], errors
        assert outside == [], outside
    finally:
        context.close()
