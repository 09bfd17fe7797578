"""SCORM 1.2 and 2004: a built course as one SCO, and the manifest that describes it.

``annotrain package scorm`` (:mod:`annotrain.commands.package`) builds the site with
``use_directory_urls: false``, adds a launch page, :data:`LAUNCHER`, which the LMS
opens and which shows the course in a frame, writes ``imsmanifest.xml`` and the
schemas it names (:func:`manifest`, :data:`SCHEMAS`) and zips it all.

The launch page alone talks to the LMS (``browser/scorm.js``): it finds the
LMS's API, restores what ``cmi.suspend_data`` kept into the browser's storage
before the course opens, listens to what the course's pages announce (a lesson
marked done, a quiz submitted) and to the progress store changing, and reports
it. The course's pages carry none of it: opened outside an LMS, or outside the
launch page, they are the site as built. The SCO stays in one launch for the
whole course although its pages come and go, so LMSInitialize and LMSFinish are
called once, by the launch page. No module here imports MkDocs.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

#: The versions ``--version`` takes.
VERSIONS = ("1.2", "2004")
#: The launch page (the SCO's href), at the root of the built site.
LAUNCHER = "annotrain-scorm.html"
#: The launch page's script, beside the site's other annotrain files.
SCRIPT = "assets/annotrain/annotrain-scorm.js"
#: The package files of that script, in order: progress.js (with the grader it
#: needs) reads and writes the learner's progress record as the pages do.
SCRIPT_PARTS = (
    "browser/grader.js",
    "browser/progress.js",
    "browser/progress-quiz.js",
    "browser/scorm.js",
)
#: How long cmi.suspend_data may be: CMIString4096 in 1.2, 64000 characters in 2004.
SUSPEND_LIMIT = {"1.2": 4096, "2004": 64000}
#: The manifest's file name, at the package's root.
MANIFEST = "imsmanifest.xml"


def schema_dir(version: str) -> Path:
    """The folder of the XML schemas a manifest of ``version`` names (shipped with annotrain).

    SCORM wants them at the package's root, beside the manifest. They are ADL's and
    IMS's files as SCORM 1.2 and SCORM 2004 4th Edition publish them.
    """
    return Path(str(resources.files("annotrain"))) / "scorm" / "schemas" / version


def schemas(version: str) -> list[Path]:
    """Every schema file (``.xsd``, and the DTDs 2004's ``xml.xsd`` reads) of ``version``."""
    folder = schema_dir(version)
    return sorted(p for p in folder.iterdir() if p.suffix in (".xsd", ".dtd"))


def identifier(text: str, prefix: str) -> str:
    """An XML ``ID`` (an NCName) made from ``text``, starting with ``prefix``."""
    return prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", text)


def launch_settings(
    version: str,
    site: str,
    lessons: list[str],
    quizzes: dict[str, str],
    decides: str | None,
) -> dict:
    """What the launch page's script needs, as JSON in the page.

    ``site`` is the site id (the progress store's key), ``lessons`` the keys of the
    pages with a lesson control in site order, ``quizzes`` each quiz's mode by id,
    ``decides`` the quiz whose result is the course's score and pass or fail (or None).
    """
    return {
        "version": version,
        "site": site,
        "lessons": lessons,
        "quizzes": quizzes,
        "decides": decides,
        "suspend_limit": SUSPEND_LIMIT[version],
        "course": "index.html",
    }
