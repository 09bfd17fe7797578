"""SCORM packages in an LMS: scorm-again's run-time in a test page that frames the package.

The test page (the "LMS") makes scorm-again's Scorm12API or Scorm2004API its
``window.API`` / ``window.API_1484_11``, optionally loaded with the CMI data of an
earlier session, and frames the unzipped package's launch page, which frames the
course. A learner marks a lesson done and takes the practice quiz with real
clicks; the LMS's CMI data is read back: the course's score and status, the
objectives, the interactions. A second learner session on a fresh browser (empty
storage) whose LMS holds the first's data finds the lesson done and the unfinished
attempt resumed. An exam reports completion and no score. Outside an LMS the
package's pages work and log nothing.
"""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from ..npm import npm_package
from ..scormcourse import package
from .conftest import serve, watch_errors

LMS_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Test LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script><script src="scorm2004.min.js"></script></head>
<body><script>
var version = new URLSearchParams(location.search).get("v");
var settings = { logLevel: 5 };
var api = version === "1.2" ? new Scorm12API(settings) : new Scorm2004API(settings);
if (window.savedCmi) api.loadFromJSON(JSON.parse(window.savedCmi));
window.lms = api;
window.finished = false;
api.on(version === "1.2" ? "LMSFinish" : "Terminate", function () { window.finished = true; });
if (version === "1.2") window.API = api; else window.API_1484_11 = api;
var frame = document.createElement("iframe");
frame.name = "sco";
frame.src = new URLSearchParams(location.search).get("pkg") + "/annotrain-scorm.html";
frame.style.cssText = "width: 1200px; height: 850px; border: 0";
document.body.appendChild(frame);
</script></body></html>
"""
#: The LMS's data as it would keep it (and hand to the next session).
CMI = "() => JSON.parse(JSON.stringify(window.lms.cmi))"


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    """(URL of the test LMS, the folder it serves): scorm-again, the page, and packages."""
    root = tmp_path_factory.mktemp("lms")
    dist = npm_package("scorm-again") / "dist"
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copy(dist / name, root / name)
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    course = tmp_path_factory.mktemp("course")
    for version in ("1.2", "2004"):
        for decides in ("practice", "final"):
            built = package(course, version, "--quiz", decides)
            with zipfile.ZipFile(built) as archive:
                archive.extractall(root / f"pkg-{version}-{decides}")
    server = serve(root)
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()
    server.server_close()


def open_lms(context, url: str, version: str, decides: str = "practice", saved=None):
    """The test LMS with the package in it; ``saved``: CMI data of an earlier session."""
    page = context.new_page()
    if saved is not None:
        page.add_init_script(f"window.savedCmi = {json.dumps(json.dumps(saved))};")
    errors = watch_errors(page)
    page.goto(f"{url}lms.html?v={version}&pkg=pkg-{version}-{decides}")
    launcher = page.frame_locator("iframe[name=sco]")
    launcher.locator("#annotrain-scorm-course").wait_for(state="attached")
    sco = page.frame(name="sco")
    sco.wait_for_function("() => window.annotrain && window.annotrain.scorm")
    assert sco.evaluate("() => window.annotrain.scorm.connected()") is True
    return page, errors


def course(page):
    return page.frame_locator("iframe[name=sco]").frame_locator("#annotrain-scorm-course")


def course_frame(page, name: str):
    """The course's frame once it shows ``name`` with its exercises live."""
    page.wait_for_function(
        "n => { const f = frames[0].document.getElementById('annotrain-scorm-course');"
        " const w = f.contentWindow; const d = w.document;"
        " return w.location.pathname.endsWith('/' + n) && d.readyState === 'complete' &&"
        " (!d.querySelector('[data-annotrain-lesson], [data-annotrain-quiz]') ||"
        " Boolean(w.annotrain && w.annotrain.ready)); }",
        arg=name,
    )
    frame = next(f for f in page.frames if f.url.split("#")[0].endswith("/" + name))
    frame.evaluate("() => window.annotrain && window.annotrain.ready")
    return frame


def go(page, name: str):
    """Open the course page ``name`` in the launch page's frame, as a link would."""
    page.frame(name="sco").evaluate(
        "n => { document.getElementById('annotrain-scorm-course').src = n; }", name
    )
    return course_frame(page, name)


def click_option(li, value: str) -> None:
    li.locator(f'label.annotrain-option:has(input[value="{value}"])').click()


def cmi_of(page, version: str) -> dict:
    return page.evaluate(CMI)


def objectives(cmi: dict) -> dict:
    """Objective id -> the objective, from the LMS's CMI data."""
    return {o["id"]: o for o in cmi["objectives"].values()} if cmi["objectives"] else {}


def take_practice(page, frame) -> tuple[float, bool]:
    """Answer p1 right and p2 wrong (Shipping only) and submit; (score, passed) the page shows."""
    quiz = course(page).locator("[data-annotrain-quiz=practice]")
    quiz.get_by_role("button", name="Start the quiz").click()
    click_option(quiz.locator('.annotrain-quiz-task[data-annotrain-id="p1"]'), "Positive")
    click_option(quiz.locator('.annotrain-quiz-task[data-annotrain-id="p2"]'), "Shipping")
    frame.on("dialog", lambda dialog: dialog.accept())
    quiz.get_by_role("button", name="Submit").click()
    quiz.locator(".annotrain-quiz-result").wait_for()
    return float(quiz.get_attribute("data-annotrain-score")), (
        quiz.get_attribute("data-annotrain-passed") == "true"
    )


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_learner_s_lesson_quiz_and_unfinished_attempt_reach_the_lms_and_resume_elsewhere(
    browser, lms, version
):
    url, _ = lms
    first = browser.new_context(viewport={"width": 1280, "height": 900})
    page, errors = open_lms(first, url, version)
    course_frame(page, "index.html")
    # A real link inside the course: the launch page follows it.
    course(page).get_by_role("link", name="the lesson").first.click()
    course_frame(page, "lesson.html")
    course(page).get_by_role("button", name="Mark this lesson as done").click()
    frame = go(page, "practice.html")
    score, passed = take_practice(page, frame)
    page.wait_for_function("() => JSON.stringify(window.lms.cmi).indexOf('quiz:practice') !== -1")
    cmi = cmi_of(page, version)
    raw = round(score * 100, 2)
    mine = objectives(cmi)
    assert set(mine) == {"lesson:lesson.md", "quiz:practice"}
    interactions = list(cmi["interactions"].values())
    assert [i["id"] for i in interactions] == ["practice/p1", "practice/p2"]
    assert interactions[0]["result"] == "correct"
    if version == "1.2":
        core = cmi["core"]
        assert core["lesson_status"] == ("passed" if passed else "failed")
        assert float(core["score"]["raw"]) == raw
        assert (core["score"]["min"], core["score"]["max"]) == ("0", "100")
        assert core["exit"] == "suspend"
        assert mine["lesson:lesson.md"]["status"] == "completed"
        assert mine["quiz:practice"]["status"] == ("passed" if passed else "failed")
        assert float(mine["quiz:practice"]["score"]["raw"]) == raw
        assert interactions[1]["result"] == "wrong"
        assert json.loads(interactions[0]["student_response"]) == {"choice": "Positive"}
        assert interactions[0]["type"] == "performance"
    else:
        assert cmi["completion_status"] == "incomplete"  # bank.md is not done yet
        assert cmi["success_status"] == ("passed" if passed else "failed")
        assert float(cmi["score"]["scaled"]) == round(score, 4)
        assert float(cmi["score"]["raw"]) == raw
        assert cmi["exit"] == "suspend"
        assert mine["lesson:lesson.md"]["completion_status"] == "completed"
        assert mine["quiz:practice"]["success_status"] == ("passed" if passed else "failed")
        assert float(mine["quiz:practice"]["score"]["scaled"]) == round(score, 4)
        assert interactions[1]["result"] == "incorrect"
        assert json.loads(interactions[0]["learner_response"]) == {"choice": "Positive"}
        assert interactions[0]["type"] == "other"

    # A second attempt, left unfinished: one answer given.
    quiz = course(page).locator("[data-annotrain-quiz=practice]")
    quiz.get_by_role("button", name="Try again").click()
    quiz.get_by_role("button", name="Start the quiz").click()
    click_option(quiz.locator('.annotrain-quiz-task[data-annotrain-id="p1"]'), "Negative")
    # The learner leaves: the LMS takes the launch page away, which ends the session.
    page.evaluate("() => document.querySelector('iframe[name=sco]').remove()")
    page.wait_for_function("() => window.finished")
    saved = cmi_of(page, version)
    suspend = json.loads(saved["suspend_data"])
    assert suspend["q"]["practice"]["responses"] == {"p1": {"choice": "Negative"}}
    assert len(saved["suspend_data"]) <= (4096 if version == "1.2" else 64000)
    session = saved["core"]["session_time"] if version == "1.2" else saved["session_time"]
    assert session != ""  # the launch page reported how long the session took
    assert errors == []
    first.close()

    # Another computer: nothing in its storage; the LMS hands over what it kept.
    second = browser.new_context(viewport={"width": 1280, "height": 900})
    page, errors = open_lms(second, url, version, saved=saved)
    frame = course_frame(page, "practice.html")  # where the learner left off
    quiz = course(page).locator("[data-annotrain-quiz=practice]")
    p1 = quiz.locator('.annotrain-quiz-task[data-annotrain-id="p1"]')
    assert p1.locator('input[value="Negative"]').is_checked()
    assert not quiz.get_by_role("button", name="Start the quiz").is_visible()
    go(page, "lesson.html")
    done = course(page).locator(".annotrain-lesson [data-annotrain-action=done]")
    assert done.get_attribute("aria-pressed") == "true"
    assert errors == []
    second.close()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_an_exam_reports_completion_and_no_score(browser, lms, version):
    url, _ = lms
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page, errors = open_lms(context, url, version, decides="final")
    frame = go(page, "final.html")
    quiz = course(page).locator("[data-annotrain-quiz=final]")
    quiz.get_by_label("Your name", exact=False).fill("Ana Lima")
    quiz.get_by_role("button", name="Start the quiz").click()
    quiz.locator('.annotrain-quiz-task[data-annotrain-id="e1"] label:has-text("Beta")').click()
    frame.on("dialog", lambda dialog: dialog.accept())
    quiz.get_by_role("button", name="Submit").click()
    quiz.locator(".annotrain-quiz-result").wait_for()
    page.wait_for_function("() => JSON.stringify(window.lms.cmi).indexOf('quiz:final') !== -1")
    cmi = cmi_of(page, version)
    final = objectives(cmi)["quiz:final"]
    assert cmi["interactions"] in ({}, [], None) or not any(cmi["interactions"].values())
    if version == "1.2":
        assert cmi["core"]["lesson_status"] == "completed"
        assert cmi["core"]["score"]["raw"] == ""
        assert final["status"] == "completed" and final["score"]["raw"] == ""
    else:
        assert cmi["completion_status"] == "completed"
        assert cmi["success_status"] == "unknown"
        assert cmi["score"]["scaled"] == "" and cmi["score"]["raw"] == ""
        assert final["completion_status"] == "completed"
        assert final["success_status"] == "unknown" and final["score"]["scaled"] == ""
    assert errors == []
    context.close()


def test_outside_an_lms_the_package_works_as_a_site(page, lms):
    url, _ = lms
    page.goto(url + "pkg-1.2-practice/annotrain-scorm.html")
    page.wait_for_function("() => window.annotrain && window.annotrain.scorm")
    assert page.evaluate("() => window.annotrain.scorm.connected()") is False
    inner = page.frame_locator("#annotrain-scorm-course")
    inner.get_by_role("link", name="the lesson").first.click()
    inner.get_by_role("button", name="Mark this lesson as done").click()
    done = inner.locator(".annotrain-lesson [data-annotrain-action=done]")
    assert done.get_attribute("aria-pressed") == "true"
    page.goto(url + "pkg-1.2-practice/lesson.html")  # a page opened on its own
    page.wait_for_function("() => window.annotrain && window.annotrain.ready")
    assert page.evaluate("() => 'scorm' in window.annotrain") is False


# An answer as long as a transcript of a long clip: too long for SCORM 1.2's 4,096
# characters of suspend_data, not for SCORM 2004's 64,000.
LONG_ANSWER = (
    "() => { const key = Object.keys(localStorage).find(k => k.startsWith('annotrain:v1:'));"
)
LONG_ANSWER += " const data = JSON.parse(localStorage.getItem(key));"
LONG_ANSWER += " data.quizzes.practice.current.responses.p1 = {choice: 'x'.repeat(5000)};"
LONG_ANSWER += " localStorage.setItem(key, JSON.stringify(data)); }"


@pytest.mark.parametrize(("version", "kept"), [("1.2", False), ("2004", True)])
def test_answers_too_long_for_suspend_data_leave_the_attempt_without_them(
    browser, lms, version, kept
):
    url, _ = lms
    context = browser.new_context()
    page, errors = open_lms(context, url, version)
    go(page, "lesson.html")
    course(page).get_by_role("button", name="Mark this lesson as done").click()
    go(page, "practice.html")
    quiz = course(page).locator("[data-annotrain-quiz=practice]")
    quiz.get_by_role("button", name="Start the quiz").click()
    click_option(quiz.locator('.annotrain-quiz-task[data-annotrain-id="p2"]'), "Billing")
    sco = page.frame(name="sco")
    sco.evaluate(LONG_ANSWER)
    saved = json.loads(sco.evaluate("() => window.annotrain.scorm.suspendText()"))
    text = json.dumps(saved, separators=(",", ":"))
    assert len(text) <= (4096 if version == "1.2" else 64000)
    attempt = saved["q"]["practice"]  # the attempt is kept either way...
    assert attempt["tasks"] == ["p1", "p2"] and saved["l"], saved
    if kept:  # ...with its answers where they fit
        assert attempt["responses"]["p2"] == {"choices": ["Billing"]}
        assert len(attempt["responses"]["p1"]["choice"]) == 5000
    else:
        assert attempt["responses"] == {}
    assert errors == []
    context.close()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_lesson_done_completes_the_course(browser, lms, version):
    url, _ = lms
    context = browser.new_context()
    page, errors = open_lms(context, url, version, decides="final")
    status = "window.lms.cmi." + ("core.lesson_status" if version == "1.2" else "completion_status")
    for number, name in enumerate(("lesson.html", "bank.html"), 1):
        assert page.evaluate(f"() => {status}") == "incomplete"
        go(page, name)
        course(page).get_by_role("button", name="Mark this lesson as done").click()
        page.wait_for_function(  # the LMS holds this lesson's objective
            "n => JSON.stringify(window.lms.cmi).split('lesson:').length - 1 >= n", arg=number
        )
    page.wait_for_function(f"() => {status} === 'completed'")
    done = {o for o in objectives(cmi_of(page, version)) if o.startswith("lesson:")}
    assert done == {"lesson:lesson.md", "lesson:bank.md"}
    assert errors == []
    context.close()
