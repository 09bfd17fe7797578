"""The browser files a page needs, and how they are bundled.

A page with exercises loads one stylesheet and one script. The script is a bundle
made at build time from the package's classic scripts, in this order: the site
settings (site id, language, message catalog), ``browser/grader.js``,
``browser/progress.js``, ``browser/dom.js`` (helpers the rest build pages
with), the page's features (progress page, quiz runner, work simulation, exam tickets,
verify page), then
for the task types the page uses their grading helpers (``tasktypes/shared/``),
``tasktypes/<type>/grader.js``, their widget helpers and
``tasktypes/<type>/widget.js`` (helpers as each
:class:`~annotrain.tasktypes.TaskType` declares them), and last
``browser/annotrain.js``. One file keeps that
order guaranteed: Material's instant navigation re-inserts a new page's scripts
all at once, and separate files would run in whatever order they arrive. It also
saves requests. Pages using the same task types share one cached bundle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

import rcssmin

from ..course.tasks import REVEAL_AFTER
from ..messages import NOGOLD
from ..tasktypes import TASK_TYPES
from . import minify as minifier

#: Folder of the built site where annotrain's files go.
SITE_DIR = "assets/annotrain"
STYLESHEET = "browser/annotrain.css"
BEFORE_WIDGETS = ("browser/grader.js", "browser/progress.js", "browser/dom.js")
#: Page features that are not task types, and the file each needs.
#: Features come in the order of their names and a file two share comes once, at
#: its first place: a feature's scripts may use another's only at run time.
FEATURES = {
    # progress-file.js: export and import files; progress-quiz.js: the quiz records of
    # the progress store (lesson pages need neither); quiz-nav.js: the task list;
    # quiz-contest.js: "Contest this task".
    # progress-summary.js: what the progress page counts; download.js: files offered.
    "progress": (
        "browser/download.js",
        "browser/progress-file.js",
        "browser/progress-quiz.js",
        "browser/progress-summary.js",
        "browser/progress-page.js",
    ),
    "quiz": (
        "browser/download.js",
        "browser/progress-quiz.js",
        "browser/quiz-core.js",
        "browser/quiz-nav.js",
        "browser/quiz-result.js",
        "browser/quiz-contest.js",
        "browser/quiz.js",
    ),
    # Pages with a work simulation: its rule (simulation-core.js) and its runner.
    "simulation": ("browser/simulation-core.js", "browser/simulation.js"),
    # Pages with an exam that needs a ticket (the site has a public key) only:
    # tickets.js checks a ticket (tokens.js: WebCrypto), quiz-ticket.js shows the check.
    "tickets": ("browser/tokens.js", "browser/tickets.js", "browser/quiz-ticket.js"),
    "verify": ("browser/tokens.js", "browser/credential.js", "browser/verify.js"),
    # Sites that send xAPI statements (the plugin's xapi option) only, on every page:
    # the loader of XAPI_SCRIPT, which holds xapi.js (see xapi_script).
    "xapi": ("browser/xapi-load.js",),
}
#: Stylesheets of page features, after annotrain.css on the pages that use them
#: (a file two share comes once): what only these pages show stays out of every
#: lesson page's stylesheet.
FEATURE_STYLES = {
    "progress": ("browser/file.css", "browser/progress.css"),
    "quiz": ("browser/quiz.css",),
    "verify": ("browser/file.css", "browser/verify.css"),
    "xapi": ("browser/xapi.css",),
}
AFTER_WIDGETS = ("browser/annotrain.js",)
#: The file in SITE_DIR that sends xAPI statements, fetched after the page loads.
XAPI_SCRIPT = "annotrain-xapi.js"
XAPI_PARTS = ("browser/xapi.js",)
#: Where the files task types share live (helpers are named relative to it).
SHARED = "tasktypes/shared/"


def package_dir() -> Path:
    """The package's own folder: every file name here is relative to it."""
    return Path(str(resources.files("annotrain")))


def type_file(type_name: str, name: str) -> str:
    """``tasktypes/<type>/<name>``: one of a task type's own files."""
    return f"tasktypes/{type_name}/{name}"


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _kinds(uses: Iterable[str]) -> list:
    """The task types among ``uses``, each after the types it builds on (``builds_on``)."""
    names = [u for u in uses if u in TASK_TYPES]
    ordered = _unique(base for u in names for base in (*TASK_TYPES[u].builds_on, u))
    return [TASK_TYPES[name] for name in ordered]


def bundle_parts(uses: Iterable[str]) -> list[str]:
    """Package files in a bundle for ``uses`` (task types and features), in load order."""
    uses = sorted(set(uses))
    features = _unique(name for u in uses if u in FEATURES for name in FEATURES[u])
    kinds = _kinds(u for u in uses if u not in FEATURES)
    grader_helpers = _unique(SHARED + name for kind in kinds for name in kind.grader_helpers)
    widget_helpers = _unique(SHARED + name for kind in kinds for name in kind.widget_helpers)
    graders = [type_file(kind.name, "grader.js") for kind in kinds]
    widgets = [type_file(kind.name, "widget.js") for kind in kinds]
    return [
        *BEFORE_WIDGETS,
        *features,
        *grader_helpers,
        *graders,
        *widget_helpers,
        *widgets,
        *AFTER_WIDGETS,
    ]


def bundle_name(uses: Iterable[str]) -> str:
    """``annotrain-choice-multi.js``: the bundle's file name in SITE_DIR."""
    return "annotrain-" + "-".join(sorted(set(uses))) + ".js"


#: Templates every build renders with (the types' own are added per type).
TEMPLATES = (
    "rendering/templates/annotrain/exercise.html",
    "rendering/templates/annotrain/quiz.html",
    "rendering/templates/annotrain/panels/verify.html",
    "rendering/templates/annotrain/certificate.html",
)


def missing_files(task_types: Iterable[str]) -> list[Path]:
    """Package files that should exist for these task types and every feature but do not.

    The browser files, and the templates: a package installed without them would
    otherwise fail later with a template error.
    """
    folder = package_dir()
    task_types = list(task_types)
    uses = [*task_types, *FEATURES]
    templates = [*TEMPLATES, *(type_file(name, "template.html") for name in task_types)]
    wanted = [*bundle_parts(uses), *XAPI_PARTS, *stylesheet_parts(uses), *templates]
    return [folder / name for name in wanted if not (folder / name).is_file()]


_QUOTED_KEY = re.compile(r"""["']([a-z][a-z0-9_]*)["']""")


def site_settings(
    site: str, language: str, messages: dict[str, str], reveal_after: int | str = REVEAL_AFTER
) -> str:
    """The first statement of a bundle: site identity and the messages it needs.

    ``reveal_after``: after how many wrong checks an exercise's answer shows by
    itself, the plugin's option (an exercise or quiz may say otherwise).
    """
    settings = {"site": site, "language": language, "messages": messages}
    settings["reveal_after"] = reveal_after
    return "window.annotrainSite = " + _compact(settings) + ";\n"


def bundle(
    uses: Iterable[str],
    site: str,
    language: str,
    messages: dict[str, str],
    minify: bool = True,
    reveal_after: int | str = REVEAL_AFTER,
) -> str:
    """The text of the bundle for ``uses``: site settings, then the package's scripts.

    Minified (:mod:`annotrain.browser.minify`: local names shortened) to stay
    within the page weight budget; each part starts with a ``/*!`` marker.
    """
    names = bundle_parts(uses)
    shipped = used_messages(names, minify, messages)
    return site_settings(site, language, shipped, reveal_after) + _scripts(names, minify)


@cache
def _script(name: str, minify: bool) -> str:
    """One package script with its part marker, read and minified once per process.

    Every bundle of a build, and every rebuild while serving, shares it.
    """
    source = (package_dir() / name).read_text(encoding="utf-8")
    return f"/*! --- {name} --- */\n" + (minifier.script(source, name) if minify else source)


@cache
def _named_keys(name: str, minify: bool) -> frozenset[str]:
    """The message keys one package script names in quotes."""
    return frozenset(_QUOTED_KEY.findall(_script(name, minify)))


def used_messages(names: Iterable[str], minify: bool, messages: dict[str, str]) -> dict:
    """The messages the package scripts ``names`` can show: the keys they name in quotes.

    A page's bundle carries only these, not the whole catalog: most keys belong to
    task types and features the page does not use. Scripts therefore never build a
    key at run time; they map a value to a named key instead. The one exception is
    the grader's: a key's variant without gold (``<key>_nogold``, see
    :func:`annotrain.messages.hidden`) travels with the key.
    """
    named = frozenset().union(*(_named_keys(name, minify) for name in names))
    return {
        key: text
        for key, text in messages.items()
        if key in named or (key.endswith(NOGOLD) and key[: -len(NOGOLD)] in named)
    }


def scripts(names: Iterable[str], minify: bool = True) -> str:
    """Package scripts ``names`` one after another, each after its part marker."""
    return _scripts(names, minify)


def _scripts(names: Iterable[str], minify: bool) -> str:
    return "\n".join(_script(name, minify) for name in names)


@cache
def _style(name: str, minify: bool) -> str:
    """One package stylesheet, read and minified once per process."""
    css = (package_dir() / name).read_text(encoding="utf-8")
    return rcssmin.cssmin(css) if minify else css


def _styles(names: Iterable[str], minify: bool) -> str:
    return "\n".join(_style(name, minify) for name in names)


def stylesheet_parts(uses: Iterable[str]) -> list[str]:
    """Package stylesheets for ``uses``: annotrain.css, features' own, then the types'."""
    folder = package_dir()
    uses = sorted(set(uses))
    features = _unique(name for u in uses for name in FEATURE_STYLES.get(u, ()))
    kinds = _kinds(uses)
    own = [type_file(kind.name, "style.css") for kind in kinds]
    wanted = _unique(SHARED + name for kind in kinds for name in kind.style_helpers)
    wanted += [name for name in own if (folder / name).is_file()]
    return [STYLESHEET, *features, *_unique(wanted)]


def stylesheet_name(uses: Iterable[str]) -> str:
    """``annotrain-choice-multi.css``: the stylesheet of the pages a bundle serves."""
    return bundle_name(uses)[: -len(".js")] + ".css"


def stylesheet(uses: Iterable[str], minify: bool = True) -> str:
    """The stylesheet for pages using ``uses``, minified unless asked not to.

    Like the scripts, each page gets only the styles of the task types it shows.
    """
    return _styles(stylesheet_parts(uses), minify)


def types_bundle_name(types: Iterable[str]) -> str:
    """``annotrain-types-bbox-spans.js``: task types a quiz page loads when a quiz starts."""
    return "annotrain-types-" + "-".join(sorted(set(types))) + ".js"


def types_stylesheet_name(types: Iterable[str]) -> str:
    """The stylesheet that goes with :func:`types_bundle_name`."""
    return types_bundle_name(types)[: -len(".js")] + ".css"


def types_bundle(types: Iterable[str], messages: dict[str, str], minify: bool = True) -> str:
    """The graders and widgets of ``types`` (and their helpers), loaded after the page.

    A quiz page's own bundle holds the core and the quiz runner; the runner loads
    this file when an attempt starts, so the page stays light until then. Its
    messages join the page's through ``annotrain.typeMessages``.
    """
    core = {*BEFORE_WIDGETS, *AFTER_WIDGETS}
    names = [name for name in bundle_parts(types) if name not in core]
    scripts = _scripts(names, minify)
    shipped = _compact(used_messages(names, minify, messages))
    return (
        "(function (a) { a.typeMessages = Object.assign(a.typeMessages || {}, "
        + shipped
        + "); })(window.annotrain = window.annotrain || {});\n"
        + scripts
    )


def types_stylesheet(types: Iterable[str], minify: bool = True) -> str:
    """The task types' own styles, for :func:`types_bundle` (annotrain.css is the page's)."""
    return _styles([name for name in stylesheet_parts(types) if name != STYLESHEET], minify)


def site_texts(
    bundles: Iterable[Iterable[str]],
    type_bundles: Iterable[Iterable[str]],
    site: str,
    language: str,
    messages: dict[str, str],
    minify: bool = True,
    reveal_after: int | str = REVEAL_AFTER,
    xapi: dict | None = None,
) -> dict[str, str]:
    """Every script and stylesheet a build adds to the site, by file name in SITE_DIR.

    ``bundles`` are what pages use (task types and features, one set per bundle),
    ``type_bundles`` the task types quizzes load when an attempt starts.
    """
    texts = {}
    for uses in bundles:
        texts[bundle_name(uses)] = bundle(uses, site, language, messages, minify, reveal_after)
        texts[stylesheet_name(uses)] = stylesheet(uses, minify)
    for types in type_bundles:
        texts[types_bundle_name(types)] = types_bundle(types, messages, minify)
        texts[types_stylesheet_name(types)] = types_stylesheet(types, minify)
    if xapi:
        texts[XAPI_SCRIPT] = xapi_script(xapi, messages, minify)
    return texts


def xapi_script(xapi: dict, messages: dict[str, str], minify: bool = True) -> str:
    """The text of :data:`XAPI_SCRIPT`, which the pages' bundles load (xapi-load.js).

    Where statements go (:func:`annotrain.xapi.settings`) and the messages xapi.js
    shows, then xapi.js.
    """
    settings = {**xapi, "messages": used_messages(XAPI_PARTS, minify, messages)}
    shipped = _compact(settings)
    return "window.annotrainXapi = " + shipped + ";\n" + _scripts(XAPI_PARTS, minify)


def _compact(data: dict) -> str:
    """``data`` as the JSON a bundle ships: keys sorted, no spaces, characters as they are."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
