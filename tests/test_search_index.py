"""Material's search indexes an exercise's title, prompt and text, not its controls:
the plugin leaves a stand-in in the page's content and puts the exercise in its
place once the page is finished."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from annotrain.build.pages import place_exercises

from .sites import CHOICE, Site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    block = CHOICE.format(id="e1").replace("prompt:", "title: Shop reviews\nprompt:")
    built = Site(
        root, {"lesson.md": "# Lesson\n\nIntro words.\n\n" + block}, options="\n  - search"
    )
    result = built.build()
    assert result.returncode == 0, result.stderr
    return built


def test_the_page_holds_the_exercise_and_no_stand_in(site):
    html = (site.site_dir / "lesson" / "index.html").read_text(encoding="utf-8")
    assert "annotrain:exercise:" not in html and "annotrain-stand-in" not in html
    root = site.html("lesson/index.html").select_one('[data-annotrain-id="e1"]')
    assert root.select_one("[data-annotrain-action=check]") is not None
    assert json.loads(root["data-annotrain-task"])["id"] == "e1"


def test_search_indexes_title_prompt_and_text_only(site):
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("lesson/"))
    for wanted in ("Shop reviews", "Is this review positive?", "Great value, arrived early."):
        assert wanted in text
    for unwanted in ("Check", "Try again", "Choose one answer", "Neutral", "Show a hint"):
        assert unwanted not in text


def test_an_exercise_whose_stand_in_was_removed_is_an_error():
    page = SimpleNamespace(file=SimpleNamespace(src_uri="lesson.md"))
    with pytest.raises(PluginError, match="exercise 'e1' vanished from lesson.md"):
        place_exercises("<p>another plugin rewrote the page</p>", {"e1": "<div></div>"}, page)
