"""The browser files a page needs, and how they are bundled.

A page with exercises loads one stylesheet and one script. The script is a bundle
made at build time from the package's classic scripts, in this order: the site
settings (site id, language, message catalog), ``grader.js``, ``progress.js``, the
page's features (progress page, quiz runner), then for the task types the page
uses their grading helpers, ``graders/<type>.js``, their widget helpers and
``widgets/<type>.js`` (helpers as each :class:`~annotrain.tasktypes.TaskType`
declares them), and last ``annotrain.js``. One file keeps that
order guaranteed: Material's instant navigation re-inserts a new page's scripts
all at once, and separate files would run in whatever order they arrive. It also
saves requests. Pages using the same task types share one cached bundle.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import rcssmin
import rjsmin

from .tasktypes import TASK_TYPES

#: Folder of the built site where annotrain's files go.
SITE_DIR = "assets/annotrain"
STYLESHEET = "annotrain.css"
BEFORE_WIDGETS = ("grader.js", "progress.js")
#: Page features that are not task types, and the file each needs.
FEATURES = {"progress": ("progress-page.js",), "quiz": ("quiz-core.js", "quiz.js")}
AFTER_WIDGETS = ("annotrain.js",)


def package_dir() -> Path:
    return Path(str(resources.files("annotrain").joinpath("assets")))


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def bundle_parts(uses: Iterable[str]) -> list[str]:
    """Package files in a bundle for ``uses`` (task types and features), in load order."""
    uses = sorted(set(uses))
    features = [name for u in uses if u in FEATURES for name in FEATURES[u]]
    kinds = [TASK_TYPES[u] for u in uses if u not in FEATURES]
    grader_helpers = _unique(name for kind in kinds for name in kind.grader_helpers)
    widget_helpers = _unique(name for kind in kinds for name in kind.widget_helpers)
    graders = [f"graders/{kind.name}.js" for kind in kinds]
    widgets = [f"widgets/{kind.name}.js" for kind in kinds]
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


def missing_files(task_types: Iterable[str]) -> list[Path]:
    """Package files that should exist for these task types and every feature but do not."""
    folder = package_dir()
    wanted = [*bundle_parts([*task_types, *FEATURES]), STYLESHEET]
    return [folder / name for name in wanted if not (folder / name).is_file()]


def site_settings(site: str, language: str, messages: dict[str, str]) -> str:
    """The first statement of every bundle: site identity and message catalog.

    Keys that only server-side templates use (each task type's ``page_messages``)
    stay out of the browser's copy.
    """
    page_only = {key for kind in TASK_TYPES.values() for key in kind.page_messages}
    shipped = {key: text for key, text in messages.items() if key not in page_only}
    settings = {"site": site, "language": language, "messages": shipped}
    return (
        "window.annotrainSite = " + json.dumps(settings, ensure_ascii=False, sort_keys=True) + ";\n"
    )


def bundle(uses: Iterable[str], settings: str, minify: bool = True) -> str:
    """The text of the bundle for ``uses`` with the given site settings.

    Minified (comments and spaces only: rjsmin renames nothing) to stay within the
    page weight budget; the part markers survive as ``/*!`` comments.
    """
    folder = package_dir()
    parts = [settings]
    for name in bundle_parts(uses):
        source = (folder / name).read_text(encoding="utf-8")
        parts.append(f"/*! --- {name} --- */\n" + (rjsmin.jsmin(source) if minify else source))
    return "\n".join(parts)


def stylesheet(minify: bool = True) -> str:
    """The stylesheet: annotrain.css then each task type's styles/<name>.css, minified.

    One file for every page, so a learner's browser fetches it once for the site.
    """
    folder = package_dir()
    parts = [folder / STYLESHEET, *sorted((folder / "styles").glob("*.css"))]
    css = "\n".join(path.read_text(encoding="utf-8") for path in parts)
    return rcssmin.cssmin(css) if minify else css
