"""Building tiny sites with mkdocs: the HTML contract, assets per page, and errors."""

from __future__ import annotations

import json

import jinja2.bccache
import pytest
from PIL import Image

from annotrain.commands.starters import quiz_starter

from .sites import CHOICE, MULTI, Site


def test_exercise_page_contract(tmp_path):
    site = Site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "lesson.md": "# Lesson\n\n" + CHOICE.format(id="q1") + "\n" + MULTI.format(id="q2"),
        },
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = site.html("lesson/index.html")
    roots = page.select("[data-annotrain-id]")
    assert [(r["data-annotrain-type"], r["data-annotrain-id"]) for r in roots] == [
        ("choice", "q1"),
        ("multi", "q2"),
    ]
    data = json.loads(roots[0]["data-annotrain-task"])
    assert data["gold"] == {"choice": "Positive"}
    assert data["rubric"]["id"] == "sentiment-ordinal"
    radios = roots[0].select("input[type=radio]")
    assert [r["value"] for r in radios] == ["Negative", "Neutral", "Positive"]
    assert all(r.find_parent("label") for r in radios), "every option has a label"
    assert roots[0].select_one("[role=status][aria-live=polite]") is not None
    assert [c["value"] for c in roots[1].select(".annotrain-option input[type=checkbox]")] == [
        "Billing",
        "Shipping",
        "Bug or crash",
    ]
    # ...and the explicit empty answer, a labelled box of its own without a value.
    nothing = roots[1].select_one("input[data-annotrain-nothing]")
    assert nothing.find_parent("label").get_text(strip=True) == "None of these apply"
    assert not nothing.has_attr("value")


def test_assets_only_on_pages_that_use_them(tmp_path):
    site = Site(
        tmp_path, {"index.md": "# Home\n", "lesson.md": "# Lesson\n\n" + CHOICE.format(id="q1")}
    )
    assert site.build().returncode == 0
    lesson, home = site.html("lesson/index.html"), site.html("index.html")
    scripts = [s["src"] for s in lesson.select("script[src]") if "annotrain" in s["src"]]
    assert scripts == ["../assets/annotrain/annotrain-choice.js"]
    # The scripts sit inside Material's content container, which instant navigation re-runs;
    # no other script of ours is there, since Material would re-run it as code.
    assert all(
        s.find_parent(attrs={"data-md-component": "container"})
        for s in lesson.select("script[src*=annotrain]")
    )
    assert not [s for s in lesson.select("[data-annotrain-id] script")]
    assert lesson.select_one("head link[href$='annotrain/annotrain-choice.css']") is not None
    assert not [s for s in home.select("script[src]") if "annotrain" in s["src"]]
    assert home.select_one("link[href*=annotrain]") is None
    bundle = (site.site_dir / "lesson" / scripts[0]).resolve().read_text(encoding="utf-8")
    # Settings, then grader, progress, the page's widgets and the core, in that order.
    order = [
        bundle.index(part)
        for part in (
            "window.annotrainSite",
            "--- browser/grader.js",
            "--- browser/progress.js",
            "--- tasktypes/choice/widget.js",
            "--- browser/annotrain.js",
        )
    ]
    assert order == sorted(order)
    assert "--- tasktypes/multi/widget.js" not in bundle


def test_pages_share_bundles_by_task_types(tmp_path):
    site = Site(
        tmp_path,
        {
            "a.md": CHOICE.format(id="a") + MULTI.format(id="b"),
            "b.md": MULTI.format(id="c") + CHOICE.format(id="d"),
            "c.md": MULTI.format(id="e"),
        },
    )
    assert site.build().returncode == 0
    src = {
        name: site.html(f"{name}/index.html").select_one("script[src*=annotrain]")["src"]
        for name in "abc"
    }
    assert src == {
        "a": "../assets/annotrain/annotrain-choice-multi.js",
        "b": "../assets/annotrain/annotrain-choice-multi.js",
        "c": "../assets/annotrain/annotrain-multi.js",
    }
    assert sorted(p.name for p in (site.site_dir / "assets/annotrain").iterdir()) == [
        "annotrain-choice-multi.css",
        "annotrain-choice-multi.js",
        "annotrain-multi.css",
        "annotrain-multi.js",
    ]


def test_site_script_carries_messages_and_site_id(tmp_path):
    site = Site(
        tmp_path,
        {"index.md": CHOICE.format(id="q1")},
        options=":\n      site_id: my-course\n      messages: {check: Submit answer}",
    )
    assert site.build().returncode == 0
    script = (site.site_dir / "assets/annotrain/annotrain-choice.js").read_text(encoding="utf-8")
    settings = json.loads(script.split("\n", 1)[0].split("=", 1)[1].rstrip().rstrip(";"))
    assert settings["site"] == "my-course"
    assert settings["messages"]["check"] == "Submit answer"
    button = site.html("index.html").select_one("[data-annotrain-action=check]")
    assert button.get_text(strip=True) == "Submit answer"


def test_exercise_inside_admonition(tmp_path):
    block = "".join("    " + line + "\n" for line in CHOICE.format(id="q1").splitlines())
    site = Site(tmp_path, {"index.md": '# Home\n\n!!! example "Try it"\n\n' + block})
    assert site.build().returncode == 0
    root = site.html("index.html").select_one(".admonition [data-annotrain-id=q1]")
    assert root is not None


def test_author_text_is_escaped(tmp_path):
    evil = CHOICE.format(id="q1").replace(
        "Great value, arrived early.", "'<script>alert(1)</script> & <b>bold</b>'"
    )
    site = Site(tmp_path, {"index.md": evil})
    assert site.build().returncode == 0
    page = site.html("index.html")
    text = page.select_one(".annotrain-text")
    assert text.select("script, b") == []
    assert "<script>alert(1)</script>" in text.get_text()
    assert json.loads(page.select_one("[data-annotrain-task]")["data-annotrain-task"])[
        "text"
    ].startswith("<script>")
    raw = (site.site_dir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw


BOXES = """\
```annotrain
type: bbox
id: board
prompt: Box the bridge.
image: board.png
labels: [Solder Bridge]
rubric: boxes-standard
gold: {boxes: [{label: Solder Bridge, x: 10, y: 20, w: 30, h: 15}]}
```
"""

#: A hook (a plugin of the site's own) that looks at annotrain's files the way
#: Material's privacy and optimize plugins or a minifier do: in ``files``, after
#: every plugin's on_env and before MkDocs copies them. It rewrites each stylesheet
#: and records what it saw.
SEEING_HOOK = """\
import json
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

seen = {}


@event_priority(-100)
def on_env(env, config, files):
    for file in list(files):
        if file.src_uri.startswith("assets/annotrain/"):
            seen[file.src_uri] = {"by": file.generated_by, "bytes": file.content_bytes.hex()}
            if file.src_uri.endswith(".css"):
                files.remove(file)
                text = file.content_string + "/* seen by the hook */"
                files.append(File.generated(config, file.src_uri, content=text))
    return env


def on_post_build(config):
    Path(config.config_file_path).with_name("seen.json").write_text(json.dumps(seen))
"""


def site_with_every_kind_of_file(tmp_path, hook: str) -> Site:
    """A course with a lesson bundle, a quiz that loads task types later, and an image."""
    site = Site(
        tmp_path,
        {
            "index.md": "# Home\n\n" + CHOICE.format(id="q1"),
            "boxes.md": "# Boxes\n\n" + BOXES,
            "quiz.md": "# Quiz\n\n```annotrain\nquiz: week-1\n```\n",
        },
        extra_config="hooks:\n  - hook.py\n",
    )
    (site.root / "quizzes" / "week-1.yml").write_text(quiz_starter("week-1"), encoding="utf-8")
    Image.new("RGB", (200, 100), "darkgreen").save(site.docs / "board.png")
    (site.root / "hook.py").write_text(hook, encoding="utf-8")
    return site


def test_other_plugins_see_and_can_change_annotrain_files(tmp_path):
    site = site_with_every_kind_of_file(tmp_path, SEEING_HOOK)
    result = site.build()
    assert result.returncode == 0, result.stderr
    seen = json.loads((site.root / "seen.json").read_text())
    built = {
        str(path.relative_to(site.site_dir)): path.read_bytes()
        for path in (site.site_dir / "assets" / "annotrain").rglob("*")
        if path.is_file()
    }
    # Every file annotrain put in the site went through MkDocs' files, as annotrain's.
    assert sorted(seen) == sorted(built)
    assert {item["by"] for item in seen.values()} == {"annotrain"}
    expected = {
        "assets/annotrain/annotrain-choice.js",
        "assets/annotrain/annotrain-bbox.css",
        "assets/annotrain/annotrain-quiz.js",
        "assets/annotrain/annotrain-types-choice-multi.js",
        "assets/annotrain/annotrain-types-choice-multi.css",
    }
    assert expected <= set(built)
    assert len([path for path in built if path.startswith("assets/annotrain/media/board-")]) == 2
    for path, data in built.items():
        if path.endswith(".css"):  # what the hook changed is what the site holds
            assert data == bytes.fromhex(seen[path]["bytes"]) + b"/* seen by the hook */"
        else:
            assert data == bytes.fromhex(seen[path]["bytes"]), path
    # The pages use those files.
    quiz = site.html("quiz/index.html")
    assert (
        quiz.select_one("script[src*=annotrain]")["src"] == "../assets/annotrain/annotrain-quiz.js"
    )
    root = quiz.select_one("[data-annotrain-quiz=week-1]")
    assert root["data-annotrain-load"] == "../assets/annotrain/annotrain-types-choice-multi.js"
    boxes = site.html("boxes/index.html")
    picture = boxes.select_one("[data-annotrain-id=board] picture")
    assert (site.site_dir / "boxes" / picture.img["src"]).resolve().is_file()


MISSING_HOOK = """\
from mkdocs.plugins import event_priority


@event_priority(-100)
def on_env(env, config, files):
    files.remove(files.get_file_from_path("assets/annotrain/annotrain-types-choice-multi.js"))
    return env
"""


def test_a_file_a_page_uses_missing_from_the_site_fails_the_build(tmp_path):
    site = site_with_every_kind_of_file(tmp_path, MISSING_HOOK)
    result = site.build()
    assert result.returncode == 1
    assert (
        "annotrain: the built site lacks assets/annotrain/annotrain-types-choice-multi.js "
        "(used by quiz.md)" in result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_a_disabled_plugin_leaves_blocks_as_code(tmp_path):
    site = Site(tmp_path, {"index.md": CHOICE.format(id="q1")}, options=":\n      enabled: false")
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = site.html("index.html")
    assert page.select("[data-annotrain-id], script[src*=annotrain]") == []
    assert "type: choice" in page.select_one("pre code").get_text()
    assert not (site.site_dir / "assets" / "annotrain").exists()


ERRORS = [
    (
        "type: choice",
        "type: chioce",
        5,
        "unknown exercise type the text 'chioce' (did you mean 'choice'?)",
    ),
    ("rubric: sentiment-ordinal", "rubric: nope", 11, "unknown rubric 'nope'"),
    (
        "gold: {choice: Positive}",
        "gold: {choice: Great}",
        12,
        "gold choice the text 'Great' is not among the labels",
    ),
    (
        "prompt: Is this review positive?\n",
        "",
        5,
        "a choice exercise is missing the required field 'prompt'",
    ),
    (
        "labels: [Negative, Neutral, Positive]",
        "labels: [Negative, Neutral, Positive",
        10,
        "YAML syntax error: expected ',' or ']', but got ':' (a flow sequence that starts on line 9)",
    ),
]


@pytest.mark.parametrize("old, new, line, message", ERRORS, ids=[e[3][:30] for e in ERRORS])
def test_authoring_error_fails_build_with_file_and_line(tmp_path, old, new, line, message):
    # Front matter shifts the block: the reported line must still be the file's own.
    lesson = "---\ntitle: Lesson\n---\n" + CHOICE.format(id="q1").replace(old, new)
    site = Site(tmp_path, {"index.md": "# Home\n", "lesson.md": lesson})
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"annotrain: docs/lesson.md:{line}: {message}" in output
    assert "Traceback" not in output
    assert not (site.site_dir / "lesson" / "index.html").exists(), (
        "no half-rendered page is written"
    )


def test_every_error_of_the_site_reported_at_once(tmp_path):
    bad = CHOICE.format(id="q1").replace("type: choice", "type: x")
    site = Site(tmp_path, {"a.md": bad, "b.md": bad.replace("q1", "q2")})
    output = site.build().stderr
    assert "docs/a.md:2:" in output and "docs/b.md:2:" in output
    assert "annotrain found 2 authoring errors" in output


def test_duplicate_id_across_pages(tmp_path):
    site = Site(
        tmp_path, {"a.md": CHOICE.format(id="same"), "b.md": "# B\n\n" + CHOICE.format(id="same")}
    )
    result = site.build()
    assert result.returncode == 1
    assert "docs/b.md:4: duplicate exercise id 'same': already used at docs/a.md:2" in result.stderr


def test_rubric_file_error_fails_build(tmp_path):
    site = Site(tmp_path, {"index.md": CHOICE.format(id="q1")})
    (tmp_path / "quizzes" / "rubrics.yml").write_text(
        "rubrics:\n  r:\n    levels: oops\n", encoding="utf-8"
    )
    result = site.build()
    assert result.returncode == 1
    assert (
        "quizzes/rubrics.yml:3: 'levels' must list at least two performance levels" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_compiled_templates_are_kept_between_builds_and_edits_still_show(tmp_path):
    site = Site(tmp_path, {"index.md": "# Home\n\n" + CHOICE.format(id="q1")})
    done = '<p class="custom-done">First wording</p>\n'
    override = site.override_template("annotrain/lesson.html", done)
    assert site.build().returncode == 0
    compiled = list((site.root / ".cache" / "annotrain").glob("templates-jinja-*/*"))
    assert len(compiled) >= 3, "exercise, option and override templates compiled once"
    assert site.html("index.html").select_one(".custom-done").get_text() == "First wording"
    override.write_text('<p class="custom-done">Second wording</p>\n')
    assert site.build().returncode == 0
    assert site.html("index.html").select_one(".custom-done").get_text() == "Second wording"


def test_a_cache_folder_that_cannot_be_written_does_not_stop_the_build(tmp_path):
    site = Site(
        tmp_path,
        {"index.md": "# Home\n\n" + CHOICE.format(id="q1")},
        options=":\n      cache_dir: blocked",
    )
    (site.root / "blocked").write_text("a file where the cache folder would go")
    for _ in range(2):
        result = site.build()
        assert result.returncode == 0, result.stderr
        assert site.html("index.html").select_one("[data-annotrain-id=q1]") is not None


def test_damaged_compiled_templates_are_compiled_again(tmp_path):
    site = Site(tmp_path, {"index.md": "# Home\n\n" + CHOICE.format(id="q1")})
    assert site.build().returncode == 0
    before = site.html("index.html").select_one("[data-annotrain-id=q1]")
    for path in (site.root / ".cache" / "annotrain").glob("templates-jinja-*/*"):
        # Cut inside the source checksum that follows Jinja's header.
        path.write_bytes(path.read_bytes()[: len(jinja2.bccache.bc_magic) + 5])
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert site.html("index.html").select_one("[data-annotrain-id=q1]") == before
