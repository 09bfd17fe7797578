"""Timings in headless Chromium, with and without 4x CPU throttling.

Page to interactive, checking, a quiz's start, answers and submit.

Actions are timed between two ``performance.mark`` calls read back from a
Chromium trace, twice: wall-clock time (``ts``) and the CPU time of the page's
main thread (``tts``). On a machine busy with other work the wall-clock time
includes waiting for a processor; the thread's CPU time does not, and is what
the action costs (on an idle machine the two are nearly equal). An action's
time includes the style and layout work it causes: the page's layout is forced
(``document.body.offsetHeight``) before the second mark.

- ready: navigation start to ``window.annotrain.ready`` resolving (every exercise
  live), in a fresh browser context each time (nothing cached), wall-clock only;
- check: ``window.annotrain.check(id)`` with the gold response set beforehand,
  the first check after the page loaded, then every exercise of the page again;
- quiz: ``window.annotrain.quiz.start``, ``answer`` for each task (gold responses),
  a pause until the page is idle (as a learner looks over the answers; the page
  grades them meanwhile), ``submit`` (summing up the grades, saving and showing
  the result), and ``review``: from submit
  until every answer below the result shows its feedback (built in batches after
  submit returns; its CPU time includes whatever else the page did meanwhile),
  each attempt on a freshly loaded page.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import statistics
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS

# Records when window.annotrain.ready resolves, in ms since navigation start.
READY_PROBE = """
(() => {
  let asked = false;
  const probe = () => {
    const api = window.annotrain;
    if (asked || !api || !('ready' in api)) return;
    asked = true;
    api.ready.then(() => { window.__annotrainReadyAt = performance.now(); });
  };
  new MutationObserver(probe).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-annotrain-ready']
  });
})();
"""

CHECK_ONE = """
([id, label]) => {
  const api = window.annotrain;
  const root = document.querySelector('.annotrain-exercise[data-annotrain-id="' + id + '"]');
  const retry = root.querySelector('[data-annotrain-action="retry"]');
  if (!retry.hidden) retry.click();
  api.setResponse(id, api.task(id).gold);
  document.body.offsetHeight;
  performance.mark(label + ':start');
  const grade = api.check(id);
  document.body.offsetHeight;
  performance.mark(label + ':end');
  if (!grade || grade.score !== 1) throw new Error('gold did not score 1 on ' + id);
}
"""

#: Grades a masks exercise's gold with every class moved down 3 px (counts[0] + 3,
#: the last run - 3): a wrong answer, so every boundary pixel of the moved masks is
#: looked for through the whole tolerance. Only the grader runs, no page update.
MASK_GRADE = """
([id, label]) => {
  const api = window.annotrain;
  const task = api.task(id);
  const masks = task.gold.masks.map(m => ({label: m.label, size: m.size,
    counts: [m.counts[0] + 3].concat(m.counts.slice(1, -1), [m.counts[m.counts.length - 1] - 3])}));
  performance.mark(label + ':start');
  const grade = api.grader.grade(task, {masks: masks}, {}, false);
  performance.mark(label + ':end');
  if (!(grade.score < 1)) throw new Error('the moved masks scored 1 on ' + id);
}
"""

QUIZ_RUN = """
async (id) => {
  const api = window.annotrain;
  const data = JSON.parse(document.querySelector('[data-annotrain-quiz="' + id + '"]')
    .getAttribute('data-annotrain-quiz-data'));
  const layout = () => document.body.offsetHeight;
  layout();
  performance.mark('start:start');
  const attempt = await api.quiz.start(id, {seed: 7, name: 'Bench Mark'});
  layout();
  performance.mark('start:end');
  attempt.tasks.forEach((taskId, n) => {
    performance.mark('answer-' + n + ':start');
    api.quiz.answer(id, taskId, data.tasks[taskId].task.gold);
    layout();
    performance.mark('answer-' + n + ':end');
  });
  // A learner looks over the answers before submitting: the page grades them
  // meanwhile, in idle time (quiz.js, "grading ahead").
  await new Promise((done) => setTimeout(done, 300));
  await new Promise((done) => requestIdleCallback(done, {timeout: 5000}));
  const root = document.querySelector('[data-annotrain-quiz="' + id + '"]');
  const reviewed = new Promise((resolve) => {
    new MutationObserver((changes, observer) => {
      if (!root.hasAttribute('data-annotrain-reviewed')) return;
      layout();
      performance.mark('review:end');
      observer.disconnect();
      resolve();
    }).observe(root, {attributes: true, attributeFilter: ['data-annotrain-reviewed']});
  });
  performance.mark('submit:start');
  performance.mark('review:start');
  const grade = api.quiz.submit(id);
  layout();
  performance.mark('submit:end');
  if (!grade || grade.score !== 1) throw new Error('gold answers did not score 1');
  return reviewed.then(() => attempt.tasks.length);
}
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    """A static server for ``directory`` on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Timings:
    """Milliseconds by measure, each a list of samples."""

    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, values) -> None:
        self.samples.setdefault(name, []).extend(values)

    def median(self, name: str) -> float:
        return statistics.median(self.samples[name])

    def max(self, name: str) -> float:
        return max(self.samples[name])


def settle(page) -> None:
    """Let the page finish the work it leaves for idle time after loading.

    A learner reads a page before pressing Check or starting a quiz; the idle
    callback below runs after those the page queued.
    """
    page.wait_for_timeout(300)
    page.evaluate(
        "() => new Promise(done => (window.requestIdleCallback || setTimeout)(done, {timeout: 5000}))"
    )


class Browser:
    """Chromium through Playwright, as the browser tests launch it."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            raise RuntimeError(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

    def close(self) -> None:
        self.browser.close()
        self._playwright.stop()

    @contextmanager
    def page(self, throttle: float = 1):
        """A new page in a fresh context (empty cache and storage), CPU slowed ``throttle`` times."""
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        if throttle != 1:
            session = context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        try:
            yield page
            if errors:
                raise RuntimeError(f"the page reported errors: {errors}")
        finally:
            context.close()

    @contextmanager
    def traced(self, page, into: Timings, prefix: str = ""):
        """Record the actions marked ``<name>:start`` and ``<name>:end`` in ``page`` meanwhile.

        ``<prefix><name>`` (wall ms) and ``<prefix><name> cpu`` (thread CPU ms) go
        into ``into``; names ending in ``-<n>`` are pooled under the stem.
        """
        self.browser.start_tracing(page=page, categories=["blink.user_timing"])
        try:
            yield
        finally:
            trace = json.loads(self.browser.stop_tracing())
        marks: dict[str, dict] = {}
        for event in trace["traceEvents"]:
            name = event.get("name", "")
            if event.get("cat") == "blink.user_timing" and name.endswith((":start", ":end")):
                marks[name] = event
        for name, begin in marks.items():
            if not name.endswith(":start"):
                continue
            label = name[: -len(":start")]
            end = marks.get(label + ":end")
            if end is None:
                raise RuntimeError(f"no end mark for {label} in the trace")
            stem = prefix + re.sub(r"-\d+$", "", label)
            into.add(stem, [(end["ts"] - begin["ts"]) / 1000])
            into.add(stem + " cpu", [(end["tts"] - begin["tts"]) / 1000])

    def ready_times(self, url: str, runs: int, throttle: float = 1) -> Timings:
        """Navigation to ready, DOMContentLoaded and load, in ms, ``runs`` fresh loads."""
        timings = Timings()
        for _ in range(runs):
            with self.page(throttle) as page:
                page.add_init_script(READY_PROBE)
                page.goto(url, wait_until="load")
                page.wait_for_function("() => window.__annotrainReadyAt !== undefined")
                found = page.evaluate(
                    """() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    return {ready: window.__annotrainReadyAt,
                            dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
                }"""
                )
            for name, value in found.items():
                timings.add(name, [value])
        return timings

    def check_times(self, url: str, rounds: int, throttle: float = 1) -> Timings:
        """Checks on the page at ``url``, loaded ``rounds`` times afresh.

        ``first``: the first check after the page loaded; ``check``: then every
        exercise of the page again.
        """
        timings = Timings()
        for _ in range(rounds):
            with self.page(throttle) as page:
                page.goto(url)
                ids = page.evaluate("() => window.annotrain.ready")
                if not ids:
                    raise RuntimeError(f"no exercises on {url}")
                settle(page)
                with self.traced(page, timings):
                    page.evaluate(CHECK_ONE, [ids[0], "first"])
                    for n, exercise in enumerate(ids):
                        page.evaluate(CHECK_ONE, [exercise, f"check-{n}"])
        timings.add("exercises", [len(ids)])
        return timings

    def mask_times(self, url: str, rounds: int, throttle: float = 1) -> Timings:
        """Each masks exercise at ``url``, the page loaded ``rounds`` times afresh.

        ``check``: its gold checked, the feedback and gold layer drawn (as in
        check_times); ``grade``: a wrong answer graded, the grader alone.
        """
        timings = Timings()
        for _ in range(rounds):
            with self.page(throttle) as page:
                page.goto(url)
                ids = page.evaluate("() => window.annotrain.ready")
                masks = [
                    i
                    for i in ids
                    if page.evaluate("id => window.annotrain.task(id).type", i) == "masks"
                ]
                if not masks:
                    raise RuntimeError(f"no masks exercise on {url}")
                settle(page)
                with self.traced(page, timings):
                    for n, exercise in enumerate(masks):
                        page.evaluate(CHECK_ONE, [exercise, f"check-{n}"])
                        page.evaluate(MASK_GRADE, [exercise, f"grade-{n}"])
        timings.add("exercises", [len(masks)])
        return timings

    def quiz_times(self, url: str, quiz: str, rounds: int, throttle: float = 1) -> Timings:
        """The start, each answer and the submit of ``rounds`` attempts at ``quiz``.

        Each attempt is on a freshly loaded page, as a learner takes a quiz.
        """
        timings = Timings()
        for _ in range(rounds):
            with self.page(throttle) as page:
                page.goto(url)
                page.evaluate("() => window.annotrain.ready")
                settle(page)
                with self.traced(page, timings):
                    tasks = page.evaluate(QUIZ_RUN, quiz)
                timings.add("tasks", [tasks])
        return timings

    def warm_up(self, url: str) -> None:
        """Load a page and check an exercise once, not measured.

        The browser's own first-use costs (starting processes, loading locale data
        from disk) are then not counted against the first page measured.
        """
        with self.page() as page:
            page.goto(url)
            ids = page.evaluate("() => window.annotrain.ready")
            page.evaluate(CHECK_ONE, [ids[0], "warm-up"])
