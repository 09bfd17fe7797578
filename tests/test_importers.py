"""``annotrain import label-studio``: what is imported, what is skipped and why.

The fixtures in ``tests/fixtures/label-studio`` follow Label Studio's documented
JSON export (tasks with ``annotations``, ``predictions``, ``ground_truth``,
``was_cancelled``, ``completed_by`` as an id or an object) and labeling configs
with the usual mess (comments in ``<Style>``, controls before their object,
escaped attributes, choices nested in a ``<View>``).
"""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotrain.commands.cli import main
from annotrain.course import yamlpos
from annotrain.course.quizfile import load_quiz
from annotrain.course.rubrics import RubricLibrary
from annotrain.importers.labelstudio import Preference, import_export, task_id
from annotrain.importers.labelstudio_config import parse_config
from annotrain.importers.labelstudio_results import match_label
from annotrain.importers.output import ImporterError, check_tasks, render_quiz
from annotrain.messages import catalog

from .conftest import ROOT
from .sites import Site

FIXTURES = ROOT / "tests" / "fixtures" / "label-studio"
RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")
RUBRIC_IDS = {"choice": "choice-standard", "multi": "tags-standard"}


@pytest.fixture
def site(tmp_path, monkeypatch):
    Site(tmp_path, {"index.md": "# Home\n"})
    for name in FIXTURES.iterdir():
        shutil.copy(name, tmp_path / name.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_import(*extra, export="reviews-export.json", config="reviews-config.xml"):
    return main(["import", "label-studio", export, "--config", config, *extra])


def golds(path):
    quiz = load_quiz(path, str(path), RUBRICS, {}, catalog("en"))
    return {tid: entry.task.gold for tid, entry in quiz.entries.items()}


def test_import_writes_a_quiz_that_loads(site, capsys):
    assert run_import("-o", "quizzes/reviews.yml") == 0
    out = capsys.readouterr().out
    gold = golds(site / "quizzes" / "reviews.yml")
    assert gold["ls-7-3-sentiment"] == {"choice": "Neutral"}  # ground truth, not the other
    assert gold["ls-7-3-topics"] == {"choices": ["Delivery", "Quality"]}
    assert gold["ls-7-11-sentiment"] == {"choice": "Negative"}  # the earliest ground truth
    assert gold["ls-7-1-topics"] == {"choices": ["Price & value", "Quality"]}  # &amp; unescaped
    assert "imported 12 tasks, skipped 7" in out
    assert "wrote quizzes/reviews.yml" in out


@pytest.mark.parametrize(
    "reason, refs",
    [
        ("every annotation was cancelled", "#2"),
        ("no annotations, only predictions (predictions are never gold)", "#8"),
        ("2 completed annotations and none is marked as ground truth", "#4, #10"),
        ("a label in the answer is not in the config of 'sentiment'", "#6 sentiment"),
        ("textarea results about <text> are not supported yet (control 'comment')", "#7 comment"),
        ("the answer for 'topics' has no choices", "#9 topics"),
    ],
)
def test_summary_says_what_was_skipped_and_why(site, capsys, reason, refs):
    assert run_import("-o", "quizzes/reviews.yml") == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if reason in x)
    assert line.strip().startswith("skipped:") and f"({refs})" in line


def test_loose_labels_are_matched_and_reported(site, capsys):
    assert run_import("-o", "quizzes/reviews.yml") == 0
    out = capsys.readouterr().out
    assert (
        "note: label ' positive' read as 'Positive' (case or spaces differ): 1 (#5 sentiment)"
        in out
    )
    gold = golds(site / "quizzes" / "reviews.yml")
    assert gold["ls-7-5-sentiment"] == {"choice": "Positive"}
    assert gold["ls-7-5-topics"] == {"choices": ["Price & value", "Delivery"]}


def test_text_that_looks_like_yaml_stays_text(site):
    assert run_import("-o", "quizzes/reviews.yml") == 0
    data = yamlpos.load((site / "quizzes" / "reviews.yml").read_text(encoding="utf-8"))
    task = next(t for s in data["sections"] for t in s["tasks"] if t["id"] == "ls-7-9-sentiment")
    export = json.loads((site / "reviews-export.json").read_text(encoding="utf-8"))
    assert task["text"] == next(t for t in export if t["id"] == 9)["data"]["review"]


def test_same_output_twice_in_task_id_order(site, capsys):
    assert run_import("-o", "quizzes/a.yml") == 0
    assert run_import("-o", "quizzes/b.yml") == 0
    first = (site / "quizzes" / "a.yml").read_text(encoding="utf-8")
    assert first == (site / "quizzes" / "b.yml").read_text(encoding="utf-8")
    ids = list(golds(site / "quizzes" / "a.yml"))
    sentiment = [i for i in ids if i.endswith("sentiment")]
    assert sentiment == [f"ls-7-{n}-sentiment" for n in (1, 3, 5, 7, 9, 11)]


def test_stdout_without_output(site, capsys):
    assert run_import() == 0
    captured = capsys.readouterr()
    assert yamlpos.load(captured.out)["title"] == "Imported from reviews-export.json"
    assert "imported 12 tasks" in captured.err


@pytest.mark.parametrize(
    "prefer, task, expected",
    [
        ("latest", "ls-7-4-sentiment", "Negative"),  # updated last, though created first
        ("latest", "ls-7-10-sentiment", "Positive"),
        ("annotator=trainer@example.org", "ls-7-10-sentiment", "Neutral"),
        ("annotator=12", "ls-7-10-sentiment", "Neutral"),
        ("annotator=5", "ls-7-3-sentiment", "Negative"),
    ],
)
def test_prefer(site, capsys, prefer, task, expected):
    assert run_import("--prefer", prefer, "-o", "quizzes/q.yml") == 0
    assert golds(site / "quizzes" / "q.yml")[task] == {"choice": expected}


def test_bad_prefer_is_a_usage_error(site, capsys):
    with pytest.raises(SystemExit) as exit_:
        run_import("--prefer", "newest")
    assert exit_.value.code == 2
    assert "expected ground-truth, latest or annotator=ID" in capsys.readouterr().err


def test_legacy_single_task_with_completions(site, capsys):
    assert run_import("--prefer", "latest", export="legacy-export.json") == 0
    data = yamlpos.load(capsys.readouterr().out)
    task = data["sections"][0]["tasks"][0]
    assert task["id"] == "ls-legacy-export-42-sentiment" and task["gold"] == {"choice": "Positive"}


def test_unsupported_results_import_nothing(site, capsys):
    assert run_import(export="boxes-export.json", config="boxes-config.xml") == 1
    err = capsys.readouterr().err
    assert "media cannot be found without --media DIR" in err
    assert "choices results about <image> are not supported yet" in err
    assert "error: boxes-export.json: nothing to import" in err


def test_rubric_override_and_unknown_rubric(site, capsys):
    assert run_import("--rubric", "nope") == 1
    assert "unknown rubric 'nope'" in capsys.readouterr().err
    # an ordinal rubric needs ordered labels: the loader refuses, so the task is skipped
    assert run_import("--rubric", "choice=sentiment-ordinal", "-o", "quizzes/o.yml") == 0
    out = capsys.readouterr().out
    assert "does not load as a task" in out and "ordered: true" in out
    assert all(tid.endswith("topics") for tid in golds(site / "quizzes" / "o.yml"))


def test_existing_output_is_kept(site, capsys):
    target = site / "quizzes" / "reviews.yml"
    target.write_text("# mine\n", encoding="utf-8")
    assert run_import("-o", "quizzes/reviews.yml") == 1
    assert "already exists; pass --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert run_import("-o", "quizzes/reviews.yml", "--force") == 0


def test_no_half_file_when_checking_fails(site, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ImporterError("the imported quiz does not load: boom")

    monkeypatch.setattr("annotrain.commands.importer.render_quiz", broken)
    assert run_import("-o", "quizzes/reviews.yml") == 1
    assert "error: the imported quiz does not load: boom" in capsys.readouterr().err
    assert sorted(p.name for p in (site / "quizzes").iterdir()) == ["rubrics.yml"]


def test_huge_export_is_refused(site, capsys):
    with open(site / "huge.json", "wb") as out:
        out.truncate(51 * 1024 * 1024)  # sparse: costs no disk
    assert run_import(export="huge.json") == 1
    assert "files over 50 MB are refused" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text, message",
    [
        ("<View><Choices name='a' toName='t'></View>", "reviews-config.xml:1: the labeling config is not valid XML"),
        ('<?xml version="1.0"?><!DOCTYPE v [<!ENTITY a "aaaa">]><View>&a;</View>', "refused for safety"),
        ("<Config><Choices name='a' toName='t'/></Config>", "its root is <Config>, expected <View>"),
        ("<View><Text name='t' value='$text'/></View>", "has no controls"),
    ],
)  # fmt: skip
def test_unusable_configs_are_one_line_errors(site, capsys, text, message):
    (site / "reviews-config.xml").write_text(text, encoding="utf-8")
    assert run_import() == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "export, message",
    [
        ("{not json", "reviews-export.json:1: not valid JSON"),
        ('"just text"', "a Label Studio JSON export is a list of tasks"),
        ("[]", "nothing to import"),
    ],
)
def test_unusable_exports(site, capsys, export, message):
    (site / "reviews-export.json").write_text(export, encoding="utf-8")
    assert run_import() == 1
    assert message in capsys.readouterr().err


def test_missing_site_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_import() == 1
    assert "mkdocs.yml: no such file" in capsys.readouterr().err


# --- The config reader and the pieces ---------------------------------------------


def test_config_reader_tolerates_real_world_configs():
    config = parse_config(
        """<view>
          <choices name="mood" toname="txt" choice="multiple">
            <choice value="Happy &amp; calm" alias="happy"/><choice value="Sad"/>
          </choices>
          <text name="txt" value="$body"/>
          <Choices name="loose" toName="txt"/>
          <Choices name="dynamic" toName="txt" value="$options"/>
          <Choices name="noname"><Choice value="A"/><Choice value="B"/></Choices>
        </view>""",
        "c.xml",
    )
    mood = config.control("mood")
    assert mood.multiple and mood.labels == ["Happy & calm", "Sad"] and mood.to_name == ["txt"]
    assert match_label("happy", mood) == ("Happy & calm", False)
    assert match_label(" SAD ", mood) == ("Sad", True)
    assert match_label("Angry", mood) == (None, False)
    assert config.objects["txt"].value == "$body"
    assert "fewer than two choices" in config.control("loose").problem
    assert "from the task data" in config.control("dynamic").problem
    assert "no toName" in config.control("noname").problem


def test_stable_ids():
    assert task_id({"id": 12, "project": 3}, "whatever", None) == "ls-3-12"
    assert task_id({"id": "Abc Def"}, "Project 7 at 2024", "Sentiment") == (
        "ls-project-7-at-2024-abc-def-sentiment"
    )


def test_preference_parsing():
    assert Preference.parse("annotator=ana@example.org") == Preference(
        "annotator", "ana@example.org"
    )
    with pytest.raises(ValueError):
        Preference.parse("annotator=")


CONFIG = parse_config(
    '<View><Text name="t" value="$text"/>'
    '<Choices name="c" toName="t"><Choice value="Yes"/><Choice value="No"/></Choices></View>',
    "c.xml",
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200))
def test_any_text_survives_the_yaml_exactly(text):
    task = {
        "id": 1,
        "data": {"text": text},
        "annotations": [{"id": 1, "ground_truth": True, "result": [
            {"from_name": "c", "to_name": "t", "type": "choices", "value": {"choices": ["Yes"]}}
        ]}],
    }  # fmt: skip
    outcome = import_export([task], CONFIG, Preference(), RUBRIC_IDS, "x")
    check_tasks(outcome, RUBRICS, catalog("en"), lambda t: t["id"])
    if not outcome.imported:
        return  # blank text, or a text YAML cannot hold exactly: skipped and reported
    written = render_quiz("x", {"title": "T", "sections": [
        {"title": s.title, "tasks": s.tasks} for s in outcome.sections
    ]}, "", RUBRICS, catalog("en"))  # fmt: skip
    loaded = yamlpos.load(written)["sections"][0]["tasks"][0]
    assert loaded["text"] == outcome.sections[0].tasks[0]["text"]
    assert loaded["gold"] == {"choice": "Yes"}


def test_one_annotators_export_imports_without_ground_truth_marks(site, capsys):
    """An export of one annotator's work marks no ground truth: each task's only
    completed annotation is its gold, and the summary counts the tasks taken so."""
    export = json.loads((site / "reviews-export.json").read_text(encoding="utf-8"))
    for task in export:  # one annotator: keep each task's first completed annotation
        done = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        task["annotations"] = [{**a, "ground_truth": False} for a in done[:1]]
    (site / "single.json").write_text(json.dumps(export), encoding="utf-8")
    assert run_import("-o", "quizzes/single.yml", export="single.json") == 0
    out = capsys.readouterr().out
    taken = [x for x in out.splitlines() if "gold is the only completed annotation" in x]
    with_one = [t["id"] for t in export if t["annotations"]]
    assert len(taken) == 1 and f": {len(with_one)} (" in taken[0]
    assert "none is marked as ground truth (mark one" not in out  # nothing skipped for it
    gold = golds(site / "quizzes" / "single.yml")
    task_3 = next(t for t in export if t["id"] == 3)
    chosen = next(r for r in task_3["annotations"][0]["result"] if r["from_name"] == "sentiment")
    assert gold["ls-7-3-sentiment"] == {"choice": chosen["value"]["choices"][0]}
