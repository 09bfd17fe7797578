"""Which browser files a page needs, and where they are in the package.

Scripts are classic scripts (they must work from ``file://`` too) that share the
``window.annotrain`` namespace; the order below is their load order. Widgets are
loaded only for the task types a page uses.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

#: Folder of the built site where annotrain's files go.
SITE_DIR = "assets/annotrain"
SITE_SCRIPT = "site.js"
STYLESHEET = "annotrain.css"
BEFORE_WIDGETS = ("grader.js", "progress.js")
AFTER_WIDGETS = ("annotrain.js",)


def package_dir() -> Path:
    return Path(str(resources.files("annotrain").joinpath("assets")))


def widget_script(task_type: str) -> str:
    return f"widgets/{task_type}.js"


def static_files(task_types) -> list[str]:
    """Every packaged file the site needs, relative to the assets folder."""
    return [*BEFORE_WIDGETS, *(widget_script(t) for t in task_types), *AFTER_WIDGETS, STYLESHEET]


def page_scripts(task_types) -> list[str]:
    """Scripts a page with exercises of ``task_types`` loads, in order."""
    widgets = [widget_script(t) for t in sorted(set(task_types))]
    return [SITE_SCRIPT, *BEFORE_WIDGETS, *widgets, *AFTER_WIDGETS]


def site_script(site: str, language: str, messages: dict[str, str]) -> str:
    """The generated ``site.js``: site identity and the message catalog."""
    settings = {"site": site, "language": language, "messages": messages}
    return "window.annotrainSite = " + json.dumps(settings, ensure_ascii=False, sort_keys=True) + ";\n"
