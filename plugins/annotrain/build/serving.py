"""The site's authoring errors: a build stops on them, ``mkdocs serve`` shows them.

While ``mkdocs serve`` runs, each page's last good version is served with the
errors on top.

An authoring error must not stop the server or leave browsers waiting for a build
that never comes. The build goes on; each page that built before is served as it
was then, with the build's errors listed at its top (a page that never built
without errors shows what could be built), and the errors are logged with file
and line. Once the course builds again, pages are current and the list is gone.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from mkdocs.exceptions import PluginError

from ..errors import AuthoringError


class LastGoodPages:
    """Each page's HTML from the last build that had no errors, by its site path."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    def page(self, key: str, finish: Callable[[], str], banner: str | None) -> str:
        """The page ``key`` to serve: ``finish()`` when the build has no error banner.

        With a ``banner`` (the build failed), the page as it last built, or
        ``finish()`` for a page that never did, with the banner on top.
        """
        if banner is None:
            html = self.pages[key] = finish()
            return html
        kept = self.pages.get(key)
        return with_banner(kept if kept is not None else finish(), banner)


def error_banner(env: jinja2.Environment, errors: list[AuthoringError], messages: dict) -> str:
    """The list of the build's authoring errors, from ``annotrain/serve_errors.html``."""
    template = env.get_template("annotrain/serve_errors.html")
    return template.render(errors=[str(error) for error in errors], t=messages)


def with_banner(html: str, banner: str) -> str:
    """``html`` with ``banner`` first in its body (first in the document without one)."""
    start = html.find("<body")
    end = html.find(">", start) + 1 if start != -1 else 0
    return html[:end] + banner + html[end:]


def report_errors(errors: list[AuthoringError], log, serving: bool, env, messages: dict):
    """Log the site's authoring errors; the banner to serve pages with, or None.

    A build (not serving) with errors stops with a PluginError: no half-rendered site.
    """
    if not errors:
        return None
    for error in errors:
        log.error(str(error))
    if not serving:
        count = len(errors)
        raise PluginError(f"annotrain found {count} authoring error{'s' * (count != 1)}; see above")
    log.warning("serving the last good version of each page until this is fixed")
    return error_banner(env, errors, messages)
