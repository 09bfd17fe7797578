"""`mkdocs serve` with an authoring error: the server keeps serving the last good
page, with the errors (file and line) listed on top, and recovers when fixed."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from bs4 import BeautifulSoup

from annotrain.build.serving import error_banner, with_banner
from annotrain.errors import AuthoringError
from annotrain.messages import catalog
from annotrain.rendering.render import environment

from .sites import CHOICE, Site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, url: str, timeout: float = 60) -> str:
    """Fetch ``url`` until ``predicate(html)`` holds; return that HTML."""
    deadline = time.monotonic() + timeout
    html = ""
    while time.monotonic() < deadline:
        try:
            html = fetch(url)
            if predicate(html):
                return html
        except OSError:
            pass  # not listening yet
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {url}; last page:\n{html[:2000]}")


def serve(site: Site, *options: str) -> tuple[subprocess.Popen, str]:
    """``mkdocs serve`` of ``site`` on a free port, and the URL of its lesson page."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
        cwd=site.root,
        env=site.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return server, f"http://127.0.0.1:{port}/lesson/"


def test_an_authoring_error_while_serving_keeps_the_last_good_page(tmp_path):
    site = Site(
        tmp_path, {"index.md": "# Home\n", "lesson.md": "# Lesson\n\n" + CHOICE.format(id="q1")}
    )
    server, url = serve(site)
    try:
        wait_for(lambda html: 'data-annotrain-id="q1"' in html, url)

        lesson = site.docs / "lesson.md"
        lesson.write_text(
            lesson.read_text().replace("gold: {choice: Positive}", "gold: {choice: Great}")
        )
        html = wait_for(lambda html: "annotrain-build-errors" in html, url)
        page = BeautifulSoup(html, "html.parser")
        # The last good exercise is still there, with the errors first in the body.
        assert page.select_one('[data-annotrain-id="q1"]') is not None
        banner = page.body.find(True)
        assert banner["class"] == ["annotrain-build-errors"] and banner["role"] == "alert"
        assert "1 authoring error(s) since the last good build" in banner.p.get_text()
        assert [item.get_text() for item in banner.select("li > code")] == [
            "docs/lesson.md:11: gold choice the text 'Great' is not among the labels; "
            "labels: Negative, Neutral, Positive"
        ]
        # This build has no exercise on the page; the kept page's files are still served.
        script = urllib.parse.urljoin(url, page.select_one("script[src*=annotrain]")["src"])
        assert fetch(script).startswith("window.annotrainSite = "), script
        style = urllib.parse.urljoin(url, page.select_one("link[href*=annotrain]")["href"])
        assert ".annotrain" in fetch(style), style

        lesson.write_text(
            lesson.read_text().replace("Great", "Positive").replace("id: q1", "id: q2")
        )
        html = wait_for(lambda html: 'data-annotrain-id="q2"' in html, url)
        assert BeautifulSoup(html, "html.parser").select(".annotrain-build-errors") == []
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "docs/lesson.md:11: gold choice the text 'Great' is not among the labels" in output
    assert "Traceback" not in output


def test_an_edited_template_override_shows_on_the_next_rebuild(tmp_path):
    site = Site(
        tmp_path, {"index.md": "# Home\n", "lesson.md": "# Lesson\n\n" + CHOICE.format(id="q1")}
    )
    done = '<p class="custom-done">First wording</p>\n'
    override = site.override_template("annotrain/lesson.html", done)
    server, url = serve(site, "--watch-theme")
    try:
        wait_for(lambda html: "First wording" in html, url)
        override.write_text('<p class="custom-done">Second wording</p>\n')
        wait_for(lambda html: "Second wording" in html, url)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output


def test_the_error_banner_escapes_errors_and_opens_the_body():
    error = AuthoringError("label '<script>alert(1)</script>' is unknown", "docs/a.md", 3)
    banner = error_banner(environment(()), [error], catalog("en"))
    html = with_banner('<html><body class="x"><p>Lesson</p></body></html>', banner)
    body = BeautifulSoup(html, "html.parser").body
    assert body.select("script") == []
    first = body.find(True)
    assert first["class"] == ["annotrain-build-errors"]
    assert [code.get_text() for code in first.select("li > code")] == [str(error)]
    assert "<script>alert(1)</script>" in str(error)
    assert body.select_one("p:not(.annotrain-build-errors p)").get_text() == "Lesson"
