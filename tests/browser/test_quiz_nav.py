"""Finding one's way through a quiz attempt in headless Chromium: the task list
(jump by mouse and keyboard, answered / flagged / current), flags for review that
survive a reload and are counted before Submit, the bar with the clock that stays
in view and uncovered over a long task, time warnings announced and shown, review
tables whose first column keeps whole words, and axe with the list open."""

from __future__ import annotations

import json

import pytest

from ..sites import CHOICE, MULTI, Site
from .conftest import open_page, screenshot, serious_violations, serve, text_of
from .looks import GRAPHICS, contrast, seen
from .pointing import set_scheme

WEEK_1 = "week-1/quiz/"
FINAL = "week-8/final-exam/"
ROOT_SEL = "[data-annotrain-quiz=week-1]"


def start(page, quiz: str = "week-1", seed: int = 3) -> list[str]:
    """Start an attempt through the API (the start form is tested elsewhere); its task ids."""
    page.evaluate("([q, s]) => window.annotrain.quiz.start(q, {seed: s})", [quiz, seed])
    page.locator(f"[data-annotrain-quiz={quiz}] .annotrain-quiz-run").wait_for(state="visible")
    return page.evaluate("q => window.annotrain.quiz.current(q).tasks", quiz)


def gold_of(page, quiz: str, task_id: str) -> dict:
    data = page.locator(f"[data-annotrain-quiz={quiz}]").get_attribute("data-annotrain-quiz-data")
    return json.loads(data)["tasks"][task_id]["task"]["gold"]


def answer(page, quiz: str, task_id: str) -> None:
    page.evaluate(
        "([q, t, r]) => window.annotrain.quiz.answer(q, t, r)",
        [quiz, task_id, gold_of(page, quiz, task_id)],
    )


def task_list(page):
    return page.get_by_role("navigation", name="Task list")


def position(page) -> str:
    return text_of(page.locator(".annotrain-quiz-position"))


def shown_task(page) -> str:
    return page.locator(".annotrain-quiz-task:visible").get_attribute("data-annotrain-id")


def focus_in_shown_task(page) -> bool:
    return page.evaluate(
        "() => !!document.activeElement.closest('.annotrain-quiz-task:not([hidden])')"
    )


def test_the_start_form_asks_only_a_name(page, base_url):
    open_page(page, base_url + WEEK_1)
    form = page.locator(f"{ROOT_SEL} .annotrain-quiz-start")
    assert form.locator("input").count() == 1
    assert form.get_by_label("Your name", exact=False).count() == 1
    assert page.get_by_text("e-mail", exact=False).count() == 0


def test_the_task_list_jumps_by_mouse_and_by_keyboard(page, base_url):
    open_page(page, base_url + WEEK_1)
    tasks = start(page)
    listed = task_list(page).get_by_role("button")
    assert listed.count() == 10
    assert page.get_by_role("button", name="Task 1, no answer").get_attribute("aria-current")
    answer(page, "week-1", tasks[1])
    assert page.get_by_role("button", name="Task 2, answered").count() == 1

    page.get_by_role("button", name="Task 5, no answer").click()
    assert position(page) == "Task 5 of 10" and shown_task(page) == tasks[4]
    assert focus_in_shown_task(page), "focus moves into the task"
    assert listed.nth(4).get_attribute("aria-current") == "step"
    assert listed.nth(0).get_attribute("aria-current") is None

    # Keyboard: from the task, Shift+Tab leads back up into the list; Enter jumps.
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        name = page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''")
        if name.startswith("Task 8,"):
            break
    else:
        raise AssertionError("Shift+Tab never reached task 8 in the list")
    page.keyboard.press("Enter")
    assert position(page) == "Task 8 of 10" and shown_task(page) == tasks[7]
    assert focus_in_shown_task(page)
    assert page.evaluate("() => window.annotrain.quiz.current('week-1').position") == 7
    page.get_by_role("button", name="Previous").click()
    assert listed.nth(6).get_attribute("aria-current") == "step", "Previous moves it too"


def flag_button(page):
    return page.locator(".annotrain-quiz-task:visible").get_by_role(
        "button", name="Flag for review"
    )


def test_flags_survive_a_reload_and_submit_counts_them(page, base_url):
    open_page(page, base_url + WEEK_1)
    tasks = start(page)
    flag = flag_button(page)
    assert flag.get_attribute("aria-pressed") == "false"
    flag.click()
    assert flag.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="Task 1, no answer, flagged").count() == 1
    page.get_by_role("button", name="Next").click()
    flag_button(page).click()
    flag_button(page).click()  # and taken away again
    assert flag_button(page).get_attribute("aria-pressed") == "false"
    page.get_by_role("button", name="Next").click()
    flag_button(page).press("Space")  # a keyboard press toggles it as well
    assert page.evaluate("() => window.annotrain.quiz.current('week-1').flags") == {
        tasks[0]: True,
        tasks[2]: True,
    }

    page.reload()
    page.evaluate("() => window.annotrain.ready")
    page.locator(f"{ROOT_SEL} .annotrain-quiz-run").wait_for(state="visible")
    assert page.get_by_role("button", name="Task 1, no answer, flagged").count() == 1
    assert page.get_by_role("button", name="Task 2, no answer").count() == 1
    assert flag_button(page).get_attribute("aria-pressed") == "true", "task 3 is shown"
    page.get_by_role("button", name="Task 1, no answer, flagged").click()
    assert flag_button(page).get_attribute("aria-pressed") == "true"

    asked = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Submit").click()
    assert "10 tasks have no answer" in asked[-1] and "flagged for review: 2" in asked[-1]
    for task_id in tasks:
        answer(page, "week-1", task_id)
    page.once("dialog", dismiss)
    page.get_by_role("button", name="Submit").click()
    assert "no answer" not in asked[-1] and "flagged for review: 2 of 10" in asked[-1]
    assert page.locator(f"{ROOT_SEL} .annotrain-quiz-result").is_hidden(), "cancelled"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit").click()
    page.locator(f"{ROOT_SEL} .annotrain-quiz-result").wait_for(state="visible")
    assert page.locator(".annotrain-quiz-flag:visible").count() == 0, "no flags on the review"


ALL_ON_ONE_PAGE = """\
title: Three at once
reuse: allowed  # a review of the lessons
layout: all
shuffle: false
sections:
  - tasks:
      - ref: q1
      - ref: q2
      - ref: q3
"""


@pytest.fixture(scope="module")
def all_layout(tmp_path_factory):
    root = tmp_path_factory.mktemp("all-layout")
    lesson = CHOICE.format(id="q1") + MULTI.format(id="q2") + CHOICE.format(id="q3")
    text = "# Three at once\n\n" + "Read each task.\n\n" * 80 + "```annotrain\nquiz: three\n```\n"
    site = Site(root, {"lesson.md": lesson, "quiz.md": text})
    (root / "quizzes" / "three.yml").write_text(ALL_ON_ONE_PAGE, encoding="utf-8")
    result = site.build()
    assert result.returncode == 0, result.stderr
    server = serve(site.site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}/quiz/"
    server.shutdown()
    server.server_close()


def test_the_task_list_with_every_task_on_the_page(page, all_layout):
    open_page(page, all_layout)
    start(page, "three")
    assert page.locator(".annotrain-quiz-task:visible").count() == 3
    assert page.locator(".annotrain-quiz-flag:visible").count() == 3
    page.get_by_role("button", name="Task 3, no answer").click()
    third = page.locator(".annotrain-quiz-task").nth(2)
    assert (
        page.evaluate(
            "() => document.activeElement.closest('.annotrain-quiz-task').dataset.annotrainId"
        )
        == "q3"
    )
    assert third.evaluate("li => li.getBoundingClientRect().top < innerHeight")
    assert page.get_by_role("button", name="Task 3, no answer").get_attribute("aria-current")
    # Working in a task makes it the current one.
    page.locator(".annotrain-quiz-task").nth(1).get_by_label("Billing").check()
    current = page.get_by_role("button", name="Task 2, answered")
    assert current.get_attribute("aria-current") == "step"
    third.get_by_role("button", name="Flag for review").click()
    assert page.get_by_role("button", name="Task 3, no answer, flagged").count() == 1


def test_on_a_phone_the_list_folds_and_folds_again_after_a_jump(phone, base_url):
    open_page(phone, base_url + WEEK_1)
    tasks = start(phone)
    toggle = phone.locator(".annotrain-quiz-map-toggle")
    assert toggle.get_attribute("aria-expanded") == "false" and task_list(phone).is_hidden()
    assert text_of(toggle).startswith("Task 1 of 10")
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true" and task_list(phone).is_visible()
    phone.get_by_role("button", name="Task 4, no answer").tap()
    assert shown_task(phone) == tasks[3] and task_list(phone).is_hidden()
    toggle.tap()
    phone.get_by_role("button", name="Task 2, no answer").focus()
    phone.keyboard.press("Escape")
    assert task_list(phone).is_hidden()
    assert phone.evaluate(
        "() => document.activeElement.classList.contains('annotrain-quiz-map-toggle')"
    )


UNCOVERED = """sel => {
  const el = document.querySelector(sel);
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {top: box.top, bottom: box.bottom, uncovered: !!hit && (hit === el || el.contains(hit))};
}"""


def back_to_top_shown(page) -> bool:
    """Whether Material's "Back to top" button takes part in the page (it shows it
    after a scroll up; the quiz keeps it away during an attempt)."""
    return (
        page.evaluate("() => getComputedStyle(document.querySelector('.md-top')).display") != "none"
    )


def test_back_to_top_stays_away_only_during_an_attempt(page, base_url):
    open_page(page, base_url + WEEK_1)
    assert back_to_top_shown(page)
    tasks = start(page)
    assert not back_to_top_shown(page), "it would float over the bar"
    for task_id in tasks:
        answer(page, "week-1", task_id)
    page.get_by_role("button", name="Submit").click()
    page.locator(f"{ROOT_SEL} .annotrain-quiz-result").wait_for(state="visible")
    assert back_to_top_shown(page), "the result is a page to scroll again"
    # Leaving an attempt for another page (instant navigation) leaves no trace there.
    page.get_by_role("button", name="Try again").click()
    start(page, seed=4)
    assert not back_to_top_shown(page)
    page.locator(".md-header").get_by_role("link").first.click()
    page.wait_for_function("() => !location.pathname.includes('/quiz/')")
    page.locator(".md-top").wait_for(state="attached")
    assert back_to_top_shown(page)


@pytest.mark.parametrize("device", ["page", "phone"])
def test_the_clock_stays_in_view_and_uncovered_over_a_long_task(request, base_url, device):
    page = request.getfixturevalue(device)
    open_page(page, base_url + FINAL)
    tasks = start(page, "final", seed=7)
    data = json.loads(page.locator("[data-annotrain-quiz=final]").get_attribute("data-annotrain-quiz-data"))  # fmt: skip
    rated = next(i for i, t in enumerate(tasks) if data["tasks"][t]["task"]["type"] == "rating")
    toggle = page.locator(".annotrain-quiz-map-toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.get_by_role("button", name=f"Task {rated + 1}, no answer").click()
    header = page.evaluate(
        "() => document.querySelector('.md-header').getBoundingClientRect().bottom"
    )
    task_height = page.locator(".annotrain-quiz-task:visible").evaluate("li => li.offsetHeight")
    assert task_height > page.viewport_size["height"], "a task longer than the screen"

    for step in (300, 300, 300, -100, -100):  # Material shows "Back to top" on the way up
        page.mouse.wheel(0, step)
        page.wait_for_timeout(150)
    page.wait_for_timeout(300)
    assert page.evaluate("() => scrollY") > 800
    for part in (".annotrain-quiz-timer", ".annotrain-quiz-map-toggle", ".annotrain-quiz-status"):
        where = page.evaluate(UNCOVERED, part)
        assert where["top"] >= header - 1 and where["bottom"] <= page.viewport_size["height"], part
        assert where["uncovered"], f"{part} is covered"
    # Nothing the bar carries covers the task list, and it covers no control that gets focus.
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    status = page.locator(".annotrain-quiz-status").bounding_box()
    listed = page.locator(".annotrain-quiz-map ol").bounding_box()
    assert status["y"] + status["height"] <= listed["y"], "the clock's line sits above the list"
    assert page.evaluate(UNCOVERED, ".annotrain-quiz-map [aria-current]")["uncovered"]
    # A control that slid up under the bar comes clear of it when it gets focus
    # (Shift+Tab through a long task); the nav buttons, last in the run, push the bar up.
    page.keyboard.press("Escape")  # a phone folds the list
    page.evaluate("() => document.activeElement.blur()")
    field = ".annotrain-quiz-task:not([hidden]) input"
    top = page.locator(field).first.evaluate("el => el.getBoundingClientRect().top + scrollY")
    page.evaluate("y => scrollTo(0, y)", top - header - 10)
    assert not page.evaluate(UNCOVERED, field)["uncovered"], "under the bar before"
    page.locator(field).first.focus()
    assert page.evaluate(UNCOVERED, field)["uncovered"]
    page.get_by_role("button", name="Next").focus()
    assert page.evaluate(UNCOVERED, ".annotrain-quiz-nav [data-annotrain-action=next]")["uncovered"]


def test_time_warnings_are_announced_and_shown(page, base_url):
    open_page(page, base_url + WEEK_1)
    start(page)
    deadline = page.evaluate("() => Date.parse(window.annotrain.quiz.current('week-1').deadline)")
    warning = page.locator(f"{ROOT_SEL} .annotrain-quiz-warning")
    announcer = page.locator(f"{ROOT_SEL} [role=status][aria-live=polite]")
    assert warning.is_hidden()
    page.evaluate("end => { window.annotrain.now = () => end - 4.5 * 60000; }", deadline)
    page.wait_for_function(
        "() => document.querySelector('.annotrain-quiz-warning').textContent === '5 min left.'"
    )
    assert announcer.text_content() == "5 min left."
    assert warning.is_visible() and text_of(page.locator(".annotrain-quiz-timer")) == "04:30"
    page.evaluate("end => { window.annotrain.now = () => end - 45000; }", deadline)
    page.wait_for_function("() => document.querySelector('.annotrain-quiz-warning').textContent === '1 min left.'")  # fmt: skip
    assert announcer.text_content() == "1 min left." and warning.is_visible()
    assert page.evaluate("() => window.annotrain.quiz.current('week-1')") is not None


BROKEN_WORDS = """root => {
  const broken = [];
  let words = 0;
  for (const cell of root.querySelectorAll(".annotrain-table tbody tr > :first-child")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        words += 1;
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return {words, broken};
}"""


@pytest.mark.parametrize("device", ["page", "phone"])
def test_review_tables_keep_whole_words_in_their_first_column(request, base_url, device):
    page = request.getfixturevalue(device)
    open_page(page, base_url + WEEK_1)
    start(page)
    page.evaluate("() => window.annotrain.quiz.submit('week-1')")
    page.wait_for_function("() => document.querySelector('[data-annotrain-reviewed]')")
    seen_words = page.locator(ROOT_SEL).evaluate(BROKEN_WORDS)
    assert seen_words["words"] > 30, "every answer's table and the result's were measured"
    assert seen_words["broken"] == []


def open_list(page) -> None:
    toggle = page.locator(".annotrain-quiz-map-toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("device", ["page", "phone"])
def test_the_runner_with_its_task_list_open_is_accessible(request, base_url, device, scheme):
    page = request.getfixturevalue(device)
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + WEEK_1)
    tasks = start(page)
    for task_id in tasks[:3]:
        answer(page, "week-1", task_id)
    open_list(page)
    page.get_by_role("button", name="Task 2, answered").click()
    flag_button(page).click()
    open_list(page)
    assert serious_violations(page) == []
    answered = page.get_by_role("button", name="Task 1, answered")
    open_task = page.get_by_role("button", name="Task 5, no answer")
    backdrop = seen(page.locator(".annotrain-quiz-bar"), "backgroundColor")
    # WCAG 1.4.11: what tells the states apart stands out from the page.
    assert contrast(seen(answered, "backgroundColor"), backdrop) >= GRAPHICS
    assert contrast(seen(open_task, "borderTopColor"), backdrop) >= GRAPHICS
    assert contrast(seen(answered), seen(answered, "backgroundColor")) >= 4.5
    page.locator(".annotrain-quiz-bar").scroll_into_view_if_needed()
    screenshot(page, f"quiz-task-list-{'desktop' if device == 'page' else 'phone'}-{scheme}")


def test_an_attempt_resumed_after_instant_navigation_keeps_its_task_styles(page, base_url):
    """Instant navigation brings the head in line with the served page, which drops the
    task types' stylesheet a quiz linked; back on the quiz, it is linked again, so an
    image task's drawing surface stays inside its stage instead of covering Submit."""
    open_page(page, base_url + FINAL)
    tasks = start(page, "final", seed=7)
    types = 'link[rel="stylesheet"][href*="annotrain-types-"]'
    assert page.locator(types).count() == 1
    page.locator(".md-header").get_by_role("link").first.click()
    page.wait_for_function(f"() => !location.pathname.endsWith('/{FINAL}')")
    assert page.locator(types).count() == 0, "instant navigation keeps only the served head"
    page.go_back()
    page.locator("[data-annotrain-quiz=final] .annotrain-quiz-run").wait_for(state="visible")
    assert page.evaluate("q => window.annotrain.quiz.current(q).tasks", "final") == tasks
    page.locator(types).wait_for(state="attached")
    assert page.locator(types).count() == 1
    data = json.loads(page.locator("[data-annotrain-quiz=final]").get_attribute("data-annotrain-quiz-data"))  # fmt: skip
    boxed = next(i for i, t in enumerate(tasks) if data["tasks"][t]["task"]["type"] == "bbox")
    svg = page.locator(f'li[data-annotrain-id="{tasks[boxed]}"] .annotrain-stage-svg')
    page.wait_for_function(
        "el => getComputedStyle(el).position === 'absolute'", arg=svg.element_handle()
    )
