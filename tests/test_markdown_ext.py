"""The annotrain syntax under a bare markdown.Markdown, without MkDocs."""

from __future__ import annotations

import json

import markdown
from bs4 import BeautifulSoup

from annotrain.rendering.markdown_ext import AnnotrainExtension

from .conftest import ROOT
from .test_authoring_errors import GOOD


def render(source: str, **config) -> tuple[BeautifulSoup, AnnotrainExtension]:
    ext = AnnotrainExtension(rubrics=str(ROOT / "quizzes" / "rubrics.yml"), **config)
    html = markdown.Markdown(extensions=[ext, "admonition", "pymdownx.superfences"]).convert(source)
    return BeautifulSoup(html, "html.parser"), ext


def test_block_becomes_an_exercise_between_paragraphs():
    soup, ext = render("Before.\n\n```annotrain\n" + GOOD + "```\n\nAfter.\n")
    assert [p.get_text() for p in soup.find_all("p", recursive=False)] == ["Before.", "After."]
    root = soup.select_one("div.annotrain-exercise")
    assert root["data-annotrain-type"] == "choice" and root["data-annotrain-id"] == "q1"
    assert json.loads(root["data-annotrain-task"])["labels"] == ["Yes", "No"]
    assert soup.select_one("pre") is None, "SuperFences never sees the block"


def test_by_registered_name():
    html = markdown.markdown(
        "```annotrain\n" + GOOD + "```\n",
        extensions=["annotrain"],
        extension_configs={"annotrain": {"rubrics": str(ROOT / "quizzes" / "rubrics.yml")}},
    )
    assert 'data-annotrain-id="q1"' in html


def test_messages_override_and_fallback():
    soup, _ = render(
        "```annotrain\n" + GOOD + "```\n", language="xx", messages={"check": "Vérifier"}
    )
    assert soup.select_one("[data-annotrain-action=check]").get_text() == "Vérifier"
    assert (
        soup.select_one("[data-annotrain-action=retry]").get_text() == "Try again"
    )  # English fallback


def test_collect_mode_renders_nothing_for_a_broken_block():
    soup, ext = render("A\n\n```annotrain\ntype: nope\n```\n\nB\n", on_error="collect")
    assert len(ext.errors) == 1 and ext.tasks == []
    assert soup.select_one(".annotrain-exercise") is None and "type: nope" not in soup.get_text()
