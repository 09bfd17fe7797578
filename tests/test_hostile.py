"""Hostile text in every input path ends up as text in the built pages, never as
markup: see tests/hostile.py for the payloads and fields, and
tests/browser/test_hostile.py for what the browser does with them."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from annotrain.tasktypes import TASK_TYPES

from .hostile import BASE, FIELDS, PAYLOADS, WORD, hostile_site


@pytest.fixture(scope="module", params=sorted(PAYLOADS))
def built(request, tmp_path_factory):
    payload = PAYLOADS[request.param]
    site = hostile_site(tmp_path_factory.mktemp(f"hostile-{request.param}"), payload)
    return site, payload


@pytest.fixture(scope="module")
def lesson(built):
    """The lesson page with an exercise per field, parsed once per payload."""
    site, _ = built
    return site.html("lesson/index.html")


def strings(value):
    """Every string inside ``value``."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def pages(site):
    return sorted(site.site_dir.rglob("*.html"))


def test_no_page_holds_markup_that_would_run(built):
    site, _ = built
    for path in pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            handlers = {k: v for k, v in tag.attrs.items() if k.lower().startswith("on")}
            assert not handlers, f"{path.name}: <{tag.name} {handlers}>"
            if tag.name == "script":
                assert "__pwned" not in (tag.string or ""), (
                    f"{path.name}: a script runs the payload"
                )
            assert not (tag.name == "img" and tag.get("src") == "x"), (
                f"{path.name}: an injected <img>"
            )


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.id)
def test_each_field_arrives_whole_in_the_task_data(built, lesson, field):
    _, payload = built
    root = lesson.select_one(f'[data-annotrain-id="{field.id}"]')
    assert root is not None, "the exercise is on the page"
    data = json.loads(root["data-annotrain-task"])
    assert any(payload in text for text in strings(data[field.data_key])), "exactly as written"


@pytest.mark.parametrize(
    "field", [f for f in FIELDS if f.shown in ("page", "alt")], ids=lambda f: f.id
)
def test_server_rendered_fields_show_the_payload_as_text(built, lesson, field):
    _, payload = built
    root = lesson.select_one(f'[data-annotrain-id="{field.id}"]')
    if field.shown == "alt":
        assert [img["alt"] for img in root.select("img")] == [f"{payload} {WORD}"]
    else:
        assert payload in root.get_text()


def test_every_task_type_is_covered():
    assert {f.type for f in FIELDS} == set(TASK_TYPES) == set(BASE)


def test_quiz_title_instructions_and_import_show_as_text(built):
    site, payload = built
    quiz = site.html("quiz/index.html").select_one("[data-annotrain-quiz=hostile]")
    assert f"{payload} quiz" in quiz.select_one(".annotrain-quiz-title").get_text()
    assert f"{payload} instructions" in quiz.get_text()
    data = json.loads(quiz["data-annotrain-quiz-data"])
    assert data["title"] == f"{payload} quiz"
    assert data["sections"][0]["title"] == f"{payload} section"

    imported = site.html("imported/index.html").select_one("[data-annotrain-quiz=imported]")
    text = imported.get_text()
    for part in ("question", "Negative", "Positive", "review text", "imported"):
        assert f"{payload} {part}" in text, part

    plan = site.html("progress/index.html").select_one(".annotrain-progress-quizzes").get_text()
    assert f"{payload} quiz" in plan and f"{payload} imported" in plan


def test_search_index_keeps_the_payload_escaped(built):
    """Material's search shows index text as HTML: the payload must be in it escaped."""
    site, payload = built
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    assert "window.__pwned" in text, "the exercises are indexed"
    assert payload not in text
    assert "<script>window" not in text and "<img src=x" not in text and "<svg onload" not in text
