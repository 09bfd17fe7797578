"""Importing Label Studio ``relation`` results as ``relations`` tasks: links by region
id, both directions Label Studio draws, and every link that cannot be imported exactly
skipping its task with the reason (tests/fixtures/label-studio/relations-*)."""

from __future__ import annotations

import shutil

import pytest

from annotrain.commands.cli import main
from annotrain.course.quizfile import load_quiz
from annotrain.course.rubrics import RubricLibrary
from annotrain.importers.labelstudio_config import parse_config
from annotrain.messages import catalog

from .conftest import ROOT
from .sites import Site

FIXTURES = ROOT / "tests" / "fixtures" / "label-studio"
RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")
# "Amina Yusuf joined Brightwater Ltd. in Kano.": Amina Yusuf 0-11, Brightwater Ltd.
# 19-35, Kano 39-43; spans in passage order.
SPANS = [
    {"start": 0, "end": 11, "label": "Person"},
    {"start": 19, "end": 35, "label": "Organisation"},
    {"start": 39, "end": 43, "label": "Place"},
]


@pytest.fixture
def site(tmp_path, monkeypatch):
    Site(tmp_path, {"index.md": "# Home\n"})
    for name in FIXTURES.iterdir():
        shutil.copy(name, tmp_path / name.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def imported(site, capsys):
    code = main(
        [
            "import", "label-studio", "relations-export.json", "--config",
            "relations-config.xml", "-o", "quizzes/links.yml",
        ]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    quiz = load_quiz(site / "quizzes" / "links.yml", "links.yml", RUBRICS, {}, catalog("en"))
    return {tid: entry.task for tid, entry in quiz.entries.items()}, out


def test_links_import_by_region_id_in_both_drawn_directions(site, capsys):
    tasks, out = imported(site, capsys)
    first = tasks["ls-relations-export-1"]
    assert first.type == "relations"
    assert first.options["relation_labels"] == ["works_for", "located_in"]
    assert first.rubric.id == "default-relations"
    # direction "left" on Kano -> Brightwater is the link from Brightwater to Kano.
    assert first.gold == {
        "spans": SPANS,
        "relations": [
            {"from": 0, "to": 1, "label": "works_for"},
            {"from": 1, "to": 2, "label": "located_in"},
        ],
    }
    assert tasks["ls-relations-export-2"].gold == {"spans": SPANS, "relations": []}
    assert tasks["ls-relations-export-7"].gold["relations"] == [
        {"from": 0, "to": 1, "label": "works_for"}
    ]
    assert "imported 3 tasks, skipped 7" in out
    written = (site / "quizzes" / "links.yml").read_text(encoding="utf-8")
    assert "{id: s1, start: 0, end: 11, label: Person, text: Amina Yusuf}" in written
    assert "{from: s1, to: s2, label: works_for}" in written


@pytest.mark.parametrize(
    "reason, ref",
    [
        ("a relation runs both ways (direction: bi); annotrain relations have one direction", "#3"),
        ("a relation points at a region that is not in the annotation", "#4"),
        ("the relation 'employs' is not in the config's <Relations>", "#5"),
        ("a relation has 0 labels; it needs exactly one", "#6"),
        ("a relation links a span to itself", "#8"),
        ("a relation has 2 labels; it needs exactly one", "#9"),
        ("a relation has an unknown direction 'up'", "#10"),
    ],
)
def test_links_that_cannot_be_imported_exactly_skip_their_task(site, capsys, reason, ref):
    _, out = imported(site, capsys)
    assert f"{reason}: 1 ({ref})" in out


def test_repeats_and_loose_names_are_reported(site, capsys):
    _, out = imported(site, capsys)
    assert "relation ' Works_For ' read as 'works_for' (case or spaces differ)" in out
    assert "the same relation was given twice: written once" in out


def test_without_relations_in_the_config_links_are_ignored_and_said(site, capsys):
    config = (site / "relations-config.xml").read_text(encoding="utf-8")
    start, end = config.index("<Relations>"), config.index("</Relations>") + len("</Relations>")
    (site / "relations-config.xml").write_text(config[:start] + config[end:], encoding="utf-8")
    tasks, out = imported(site, capsys)
    assert tasks["ls-relations-export-1"].type == "spans"
    assert "relations ignored: the labeling config has no <Relations>" in out


def test_config_reads_relation_names_in_order_once():
    config = parse_config(
        '<View><Labels name="l" toName="t"><Label value="A"/></Labels><Text name="t" value="$t"/>'
        '<Relations><Relation value="b"/><Relation value="a"/><Relation value="b"/>'
        '<Relation value=" "/></Relations></View>',
        "c.xml",
    )
    assert config.relation_labels == ["b", "a"]
    assert [c.name for c in config.controls] == ["l"]
