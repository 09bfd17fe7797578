"""Browser fixtures: the flagship course built once, served on 127.0.0.1, and
Debian's Chromium driven by Playwright.

Chromium is never downloaded: tests use /usr/bin/chromium (``apt-get install
chromium``). Without it the browser tests are skipped on a developer machine and
fail under CI=true, so a CI run can never pass without them.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ..conftest import ROOT
from .pointing import set_scheme

CHROMIUM = os.environ.get("ANNOTRAIN_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "test-results" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def build_course(site_dir: Path, site_url: str) -> None:
    """Build the flagship course strictly into ``site_dir`` for ``site_url``.

    Material's instant navigation only takes over links inside ``site_url``, so the
    site is built for the address the test server listens on.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host: quietly, and with byte ranges.

    Browsers seek in audio by asking for a range; without one a clip is not
    seekable until it has all arrived, unlike on any real host.
    """

    #: False: every file whole, whatever range is asked for, as `mkdocs serve` does.
    ranges = True

    def log_message(self, *args):  # keep test output readable
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not self.ranges or not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match.group(1))
        end = min(int(match.group(2) or size - 1), size - 1)
        if start > end:
            self.send_error(416)
            return None
        with path.open("rb") as handle:
            handle.seek(start)
            body = handle.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(body)


class _WholeFilesHandler(_QuietHandler):
    ranges = False


def serve(directory: Path, ranges: bool = True):
    """A static server of ``directory`` on a free port of 127.0.0.1, in a thread.

    ``ranges=False``: it answers a request for a byte range with the whole file,
    as MkDocs' development server does.
    """
    handler_class = _QuietHandler if ranges else _WholeFilesHandler
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def course_site(tmp_path_factory):
    """(site folder, its URL): the flagship course served on 127.0.0.1."""
    site_dir = tmp_path_factory.mktemp("course") / "site"
    site_dir.mkdir()
    server = serve(site_dir)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_course(site_dir, url)
    yield site_dir, url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def base_url(course_site) -> str:
    return course_site[1]


@pytest.fixture(scope="session")
def whole_files_url(course_site):
    """The flagship course served as `mkdocs serve` serves it: no byte ranges."""
    server = serve(course_site[0], ranges=False)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def clip_lengths(page, widget: str) -> list[tuple[float, float, float, bool]]:
    """(measured, reported, position, paused) of every ``widget`` player on the page,
    once the browser reports a finite duration for each (it fails after 10 s)."""
    players = f".annotrain-exercise[data-annotrain-type={widget}] audio"
    page.wait_for_function(
        "s => Array.from(document.querySelectorAll(s)).every(a => isFinite(a.duration))",
        arg=players,
        timeout=10_000,
    )
    return page.evaluate(
        """s => Array.from(document.querySelectorAll(s)).map(a => [
            JSON.parse(a.closest('[data-annotrain-task]').dataset.annotrainTask).audio.duration,
            a.duration, a.currentTime, a.paused])""",
        players,
    )


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def watch_errors(page) -> list[str]:
    """The uncaught exceptions and console errors ``page`` reports from now on, as they come."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


@pytest.fixture
def page(context):
    """A page on a 1280 x 900 desktop screen; the test fails if the page reports an error."""
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    assert errors == [], f"the page reported errors: {errors}"


#: A 390 px wide touch phone with a high-density screen.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "has_touch": True,
    "is_mobile": True,
}


@pytest.fixture
def phone(browser):
    """A page on a :data:`PHONE`; the test fails if the page reports an error."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def open_page(page, url: str):
    """Go to ``url`` and wait until every exercise on it is live."""
    page.goto(url)
    page.wait_for_function("() => window.annotrain && window.annotrain.ready")
    page.evaluate("() => window.annotrain.ready")


#: An exercise's root in a built page: its type and id.
EXERCISE = re.compile(r'data-annotrain-type="(\w+)" data-annotrain-id="([^"]+)"')


@pytest.fixture(scope="session")
def exercise_of_type(course_site) -> dict[str, tuple[str, str]]:
    """Task type -> (lesson path, exercise id) of its first exercise in the course."""
    site_dir, _ = course_site
    found: dict[str, tuple[str, str]] = {}
    for html in sorted(site_dir.glob("*/*/index.html")):  # weeks, electives, trainer
        path = html.parent.relative_to(site_dir).as_posix() + "/"
        text = html.read_text(encoding="utf-8")
        if "data-annotrain-quiz=" in text:
            continue  # a quiz page's tasks are shown one at a time, after Start
        for type_name, exercise_id in EXERCISE.findall(text):
            found.setdefault(type_name, (path, exercise_id))
    return found


def open_exercise(page, base_url, exercise_of_type, type_name, scheme="default"):
    """Open the lesson of the first exercise of ``type_name`` in the colour ``scheme``;
    (its id, its root element), scrolled into view."""
    assert type_name in exercise_of_type, f"no lesson of the course has a {type_name} exercise"
    path, exercise_id = exercise_of_type[type_name]
    set_scheme(page, base_url, scheme)
    open_page(page, base_url + path)
    root = page.locator(f'.annotrain-exercise[data-annotrain-id="{exercise_id}"]')
    root.scroll_into_view_if_needed()
    return exercise_id, root


def text_of(locator) -> str:
    """The text a learner reads in ``locator``, no-break spaces as plain spaces."""
    return locator.inner_text().replace("\u00a0", " ")


def serious_violations(page, include: str = ".md-content") -> list[str]:
    """axe-core's serious and critical violations inside ``include``, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    # The page at rest: no pointer over a button that moved under it (a hovered
    # button eases into other colours), and colours read in the middle of a
    # transition are neither the old nor the new ones: let them finish.
    page.mouse.move(0, page.viewport_size["height"] - 1 if page.viewport_size else 0)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null)))"""
    )
    results = Axe().run(page, context={"include": [[include]]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:4]}"
        f" {[n.get('failureSummary', '') for n in v['nodes']][:2]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def screenshot(page, name: str) -> None:
    """Save what the viewport shows to test-results/screenshots/<name>.png, for a person to see."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Material's "Back to top" button floats over the content once the page scrolls up.
    page.add_style_tag(content=".md-top { display: none !important; }")
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.fixture(scope="session", autouse=True)
def _clean_screenshots():
    shutil.rmtree(SHOTS, ignore_errors=True)


def show_answer(root) -> None:
    """After a wrong check, the answer as the learner's "Show answer" brings it."""
    root.get_by_role("button", name="Show answer").click()
    root.and_(root.page.locator('[data-annotrain-revealed="true"]')).wait_for()
