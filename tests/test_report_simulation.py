"""`annotrain report` on a work simulation's cohort: work items are not analysed, and
who was stopped, where, is what `annotrain grade` replays."""

from __future__ import annotations

import json

from annotrain.commands import cli
from annotrain.course.loader import load_course
from annotrain.grading.quiz import draw

from .sites import Site
from .test_simulation import simulation_yaml

SETTINGS = "shuffle: false\nsimulation: {window: 3, min_correct: 2}\n"
RIGHT = {"choice": "Yes"}
WRONG = {"choice": "No"}


def test_report_of_a_simulation_cohort(tmp_path):
    site = Site(tmp_path / "site", {"index.md": "# Home\n"})
    (site.root / "quizzes" / "sim.yml").write_text(simulation_yaml(SETTINGS), encoding="utf-8")
    course = load_course(site.root / "mkdocs.yml")
    assert course.errors == []
    quiz = course.quizzes["sim"]
    # Gold g1..g4 come first (no shuffle). Ann misses g2 and g3: 1 of the last 3 right
    # after g3, under 2, so she is stopped there; Ben misses only g2 and is kept.
    answers = {
        "ann": {"g1": RIGHT, "g2": WRONG, "g3": WRONG, "w1": WRONG},
        "ben": {"g1": RIGHT, "g2": WRONG, "g3": RIGHT, "g4": RIGHT, "w1": RIGHT, "w2": RIGHT},
    }
    folder = tmp_path / "attempts"
    folder.mkdir()
    for name, responses in answers.items():
        attempt = {
            "format": "annotrain-attempt/2", "site": course.layout.site_id, "quiz": "sim",
            "mode": "simulation", "quiz_version": quiz.public_version, "seed": 7,
            "candidate": {"name": name}, "started": "2026-12-01T10:00:00Z",
            "submitted": "2026-12-01T10:20:00Z", "tasks": draw(quiz, 7),
            "responses": responses, "trace": None,
        }  # fmt: skip
        (folder / f"{name}.json").write_text(json.dumps(attempt), encoding="utf-8")
    out = tmp_path / "out"
    status = cli.main(["report", str(folder), "-o", str(out / "report.html"), "--json",
                       str(out / "report.json"), "--csv", str(out / "report.csv"),
                       "--config", str(site.root / "mkdocs.yml")])  # fmt: skip
    assert status == 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))["quizzes"][0]
    assert [row["task"] for row in data["tasks"]] == ["g1", "g2", "g3", "g4"]
    stops = {c["candidate"]: c["stopped_at"] for c in data["candidates"]}
    assert stops == {"ann": "g3", "ben": None}
    assert data["summary"]["stopped"] == 1
    assert data["simulation"]["window"] == 3
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "stopped after <code>g3</code>" in html
    assert "Stopped by the rule <b>1</b>" in html
    csv_text = (out / "report-candidates.csv").read_text(encoding="utf-8")
    assert "stopped_at" in csv_text.splitlines()[0] and ",g3," in csv_text
