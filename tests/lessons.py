"""A lesson holding one exercise block, converted under a bare ``markdown.Markdown``.

The lesson is ``# Lesson``, a blank line, then the fenced block, so the block's
opening fence is on line 3 and the YAML's first line is the file's line 4: an
authoring error in the YAML's line n is reported at ``<path>:<n + 3>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from annotrain.course.media import MediaLibrary
from annotrain.errors import AuthoringError
from annotrain.rendering.markdown_ext import AnnotrainExtension

from .conftest import ROOT

RUBRICS = ROOT / "quizzes" / "rubrics.yml"
LESSON = "# Lesson\n\n```annotrain\n{body}```\n\nAfter.\n"


@dataclass
class Converted:
    """What converting the lesson gave: the extension (its tasks) and the HTML."""

    ext: AnnotrainExtension
    html: str

    @property
    def tasks(self) -> list:
        return self.ext.tasks

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "html.parser")


def extension(
    path: str = "lesson.md", media_root: Path = ROOT, site_root: str = ""
) -> AnnotrainExtension:
    """The extension, begun on the page ``path``, knowing the course's shared rubrics.

    Media files are found next to ``media_root / path``.
    """
    ext = AnnotrainExtension(rubrics=str(RUBRICS), media=MediaLibrary(media_root))
    ext.begin_page(path, site_root=site_root)
    return ext


def convert(
    body: str,
    path: str = "lesson.md",
    media_root: Path = ROOT,
    site_root: str = "",
) -> Converted:
    """Convert the lesson at ``path`` whose exercise block holds ``body`` (YAML ending in a newline).

    See :func:`extension`. Raises :class:`AuthoringError` as a build would.
    """
    ext = extension(path, media_root, site_root)
    html = markdown.Markdown(extensions=[ext]).convert(LESSON.format(body=body))
    return Converted(ext, html)


def error_of(body: str, path: str = "lesson.md", media_root: Path = ROOT) -> AuthoringError:
    """The authoring error converting the lesson raises (the test fails if there is none)."""
    with pytest.raises(AuthoringError) as info:
        convert(body, path, media_root)
    return info.value
