"""The cohort report opened from disk in Chromium: no request leaves the file, axe finds
nothing serious, in the light scheme and the dark one."""

from __future__ import annotations

import json

import pytest

from annotrain.commands import cli
from annotrain.course.loader import load_course

from ..cohort import cohort
from ..conftest import ROOT
from .conftest import screenshot, serious_violations


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    course = load_course(ROOT / "mkdocs.yml")
    quiz = course.quizzes["week-1"]
    ids = list(quiz.entries)
    folder = tmp_path_factory.mktemp("report")
    attempts = cohort(quiz, course.layout.site_id, 60, seed=5, broken=(ids[0],),
                      contest={ids[1]: "Two labels fit <this> review & the gold picks one."})  # fmt: skip
    for number, attempt in enumerate(attempts):
        (folder / f"a{number:02d}.json").write_text(json.dumps(attempt), encoding="utf-8")
    html = folder / "out" / "report.html"
    status = cli.main(
        ["report", str(folder), "-o", str(html), "--config", str(ROOT / "mkdocs.yml")]
    )
    assert status == 0
    return html


@pytest.mark.parametrize(
    ("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 600), ("dark", 390)]
)
def test_report_from_disk_passes_axe(browser, report_file, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith("file:") else elsewhere.append(r.url))
    page.goto(report_file.as_uri())
    assert elsewhere == []
    assert page.locator("table caption").count() >= 4
    assert page.locator("svg[role=img]").count() == 2
    background = page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(22, 24, 28)")
    # the contest reason is shown as text, never as markup
    page.locator("details summary").first.click()
    assert page.get_by_text("Two labels fit <this> review & the gold picks one.").first.is_visible()
    assert serious_violations(page, include="body") == []
    # wide tables scroll in their own regions: the page itself never scrolls sideways
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width
    screenshot(page, f"report-{scheme}-{width}")
    context.close()
