"""Agreement metrics against scikit-learn, statsmodels and krippendorff; the command."""

from __future__ import annotations

import csv
import json
import math
import random
import warnings
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss

from annotrain.agreement import TaskRatings, analyse
from annotrain.agreement.metrics import (
    cohen_kappa,
    fleiss_kappa,
    jaccard,
    krippendorff_alpha,
    pair_agreement,
)
from annotrain.commands.cli import main

from .sites import Site

LABELS = ["Negative", "Neutral", "Positive"]


def reference_cohen(a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a, b))


def reference_alpha(matrix):
    """``matrix``: raters x units with None for missing; krippendorff wants codes and nan."""
    codes = {
        v: i for i, v in enumerate(sorted({v for row in matrix for v in row if v is not None}))
    }
    data = np.array(
        [[np.nan if v is None else codes[v] for v in row] for row in matrix], dtype=float
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def units_of(matrix):
    return [[v for v in column if v is not None] for column in zip(*matrix, strict=True)]


# --- Canonical examples -----------------------------------------------------------


def test_fleiss_wikipedia_example():
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    assert fleiss_kappa(table).value == pytest.approx(0.20993, abs=5e-6)
    assert fleiss_kappa(table).value == pytest.approx(sm_fleiss(np.array(table)), abs=1e-12)


def test_krippendorff_canonical_4x12_nominal():
    n = None
    matrix = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert krippendorff_alpha(units_of(matrix)).value == pytest.approx(0.743421, abs=5e-7)
    assert krippendorff_alpha(units_of(matrix)).value == pytest.approx(reference_alpha(matrix))


# --- Random data against the references -------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_cohen_matches_scikit_learn(seed):
    rng = random.Random(seed)
    size = rng.randint(2, 30)
    labels = LABELS[: rng.randint(2, 3)]
    a = [rng.choice(labels) for _ in range(size)]
    # correlated second rater, so kappas spread over the whole range
    b = [x if rng.random() < rng.random() else rng.choice(labels) for x in a]
    ours = cohen_kappa(a, b)
    reference = reference_cohen(a, b)
    if math.isnan(reference):
        assert not ours.defined
    else:
        assert ours.value == pytest.approx(reference, abs=1e-12)


@pytest.mark.parametrize("seed", range(40))
def test_fleiss_matches_statsmodels(seed):
    rng = random.Random(1000 + seed)
    raters, items = rng.randint(2, 7), rng.randint(1, 25)
    ratings = np.array([[rng.randrange(4) for _ in range(raters)] for _ in range(items)])
    table, _ = aggregate_raters(ratings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = float(sm_fleiss(table))
    ours = fleiss_kappa(table.tolist())
    if math.isnan(reference):
        assert not ours.defined
    else:
        assert ours.value == pytest.approx(reference, abs=1e-12)


@pytest.mark.parametrize("seed", range(40))
def test_krippendorff_matches_package_with_missing_answers(seed):
    rng = random.Random(2000 + seed)
    raters, units = rng.randint(2, 6), rng.randint(2, 20)
    labels = ["a", "b", "c", "d"][: rng.randint(2, 4)]
    matrix = [
        [None if rng.random() < 0.3 else rng.choice(labels) for _ in range(units)]
        for _ in range(raters)
    ]
    pairable = [u for u in units_of(matrix) if len(u) >= 2]
    if len({v for u in pairable for v in u}) < 2:
        assert not krippendorff_alpha(units_of(matrix)).defined
        return
    assert krippendorff_alpha(units_of(matrix)).value == pytest.approx(
        reference_alpha(matrix), abs=1e-12
    )


def test_two_raters_alpha_and_kappa_agree_with_references():
    a = ["x", "y", "y", "x", "z", "x", "y", "z"]
    b = ["x", "y", "x", "x", "z", "y", "y", "z"]
    assert cohen_kappa(a, b).value == pytest.approx(reference_cohen(a, b))
    assert krippendorff_alpha(zip(a, b, strict=True)).value == pytest.approx(
        reference_alpha([a, b])
    )


# --- Edge cases -------------------------------------------------------------------


def test_perfect_agreement():
    a = ["x", "y", "z", "x"]
    assert cohen_kappa(a, a).value == 1.0 == reference_cohen(a, a)
    assert krippendorff_alpha(zip(a, a, a, strict=True)).value == 1.0
    table = [[3, 0, 0], [0, 3, 0], [0, 0, 3], [3, 0, 0]]
    assert fleiss_kappa(table).value == pytest.approx(1.0)


def test_one_category_only_is_undefined_with_a_reason():
    same = ["Neutral"] * 5
    kappa = cohen_kappa(same, same)
    assert kappa.value is None and "Neutral" in kappa.reason
    assert math.isnan(reference_cohen(same, same))
    assert fleiss_kappa([[4, 0], [4, 0]]).value is None
    alpha = krippendorff_alpha([same, same])
    assert alpha.value is None and "no variation" in alpha.reason
    assert str(alpha).startswith("undefined (")
    assert alpha.to_json() == {"value": None, "undefined": alpha.reason}
    with pytest.raises(ValueError):
        krippendorff.alpha(
            reliability_data=[[1.0, 1.0], [1.0, 1.0]], level_of_measurement="nominal"
        )


def test_one_constant_rater_and_total_disagreement():
    assert cohen_kappa(["a", "a", "a", "a"], ["a", "b", "a", "b"]).value == 0.0
    assert cohen_kappa(["a", "b", "a", "b"], ["b", "a", "b", "a"]).value == -1.0
    assert reference_cohen(["a", "b", "a", "b"], ["b", "a", "b", "a"]) == -1.0


def test_alpha_ignores_units_with_one_answer():
    assert krippendorff_alpha([["a"], ["b"]]).value is None
    assert krippendorff_alpha([["a", "a"], ["b", "b"], ["c"]]).value == pytest.approx(
        reference_alpha([["a", "b", "c"], ["a", "b", None]])
    )


def test_fleiss_needs_equal_rater_counts():
    with pytest.raises(ValueError, match="same number of raters"):
        fleiss_kappa([[2, 1], [1, 1]])


def test_pair_agreement_and_jaccard():
    assert pair_agreement(["a", "a", "b"]) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset()) == 1.0
    assert jaccard(frozenset("ab"), frozenset("bc")) == pytest.approx(1 / 3)


# --- The report -------------------------------------------------------------------


def ratings(task, answers, type_="choice", labels=None):
    return TaskRatings(task, type_, labels, dict(answers))


def test_report_orders_tasks_most_disputed_first_and_counts_labels():
    report = analyse(
        [
            ratings("easy", {"ana": "Positive", "ben": "Positive", "cy": "Positive"}),
            ratings("hard", {"ana": "Neutral", "ben": "Positive", "cy": "Negative"}),
            ratings("mid", {"ana": "Neutral", "ben": "Neutral", "cy": "Positive"}),
            ratings("alone", {"ana": "Neutral"}),
        ]
    )
    assert [row.task for row in report.tasks] == ["hard", "mid", "easy"]
    assert report.tasks[0].agreement == 0.0 and report.tasks[1].agreement == pytest.approx(1 / 3)
    assert report.single == 1
    labels = {d["label"]: d for d in report.choice["labels"]}
    assert labels["Positive"]["chosen"] == 5
    # disagreeing pairs: hard 3, mid 2 -> 5; Positive is in 2 (hard) + 2 (mid)
    assert report.choice["disagreeing_pairs"] == 5
    assert labels["Positive"]["in_disagreements"] == 4
    fleiss = report.choice["fleiss"]
    assert fleiss["tasks"] == 3 and fleiss["raters_per_task"] == 3 and fleiss["left_out"] == 0
    pairs = {tuple(p["raters"]): p for p in report.choice["cohen_pairs"]}
    assert pairs[("ana", "ben")]["tasks"] == 3


def test_fleiss_uses_the_largest_group_with_equal_rater_counts():
    report = analyse(
        [
            ratings("t1", {"a": "x", "b": "x"}),
            ratings("t2", {"a": "x", "b": "y"}),
            ratings("t3", {"a": "x", "b": "y", "c": "y"}),
        ]
    )
    fleiss = report.choice["fleiss"]
    assert (fleiss["tasks"], fleiss["raters_per_task"], fleiss["left_out"]) == (2, 2, 1)
    assert fleiss["kappa"].value == pytest.approx(sm_fleiss(np.array([[2, 0], [1, 1]])))


def test_multi_tasks_jaccard_and_per_label_alpha():
    sets = {"ana": frozenset({"Billing"}), "ben": frozenset({"Billing", "Bug"}), "cy": frozenset()}
    labels = ("Billing", "Shipping", "Bug")
    report = analyse([ratings("m1", sets, "multi", labels), ratings("m2", sets, "multi", labels)])
    expected = sum(jaccard(a, b) for a, b in combinations(sets.values(), 2)) / 3  # 1/2, 0, 0 -> 1/6
    assert report.tasks[0].agreement == pytest.approx(expected)
    per_label = {d["label"]: d for d in report.multi["labels"]}
    assert not per_label["Shipping"]["krippendorff_alpha"].defined
    assert "left out" in per_label["Shipping"]["krippendorff_alpha"].reason
    matrix = [[True, True], [True, True], [False, False]]  # Billing: raters x tasks
    assert per_label["Billing"]["krippendorff_alpha"].value == pytest.approx(
        reference_alpha(matrix)
    )


# --- The command ------------------------------------------------------------------


def attempt(who, responses, submitted="2026-11-23T10:14:52Z"):
    return {
        "format": "annotrain-attempt/1",
        "site": "tiny",
        "quiz": "week-1",
        "quiz_version": "abc",
        "seed": 1,
        "candidate": {"name": who},
        "started": "2026-11-23T10:02:11Z",
        "submitted": submitted,
        "tasks": list(responses),
        "responses": responses,
    }


def write_attempts(folder, attempts):
    paths = []
    for index, data in enumerate(attempts):
        path = folder / f"attempt-{index}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    return paths


ATTEMPTS = [
    attempt("Ana", {"t1": {"choice": "Positive"}, "t2": {"choice": "Neutral"}, "m1": {"choices": ["Billing"]}}),
    attempt("Ben", {"t1": {"choice": "Positive"}, "t2": {"choice": "Negative"}, "m1": {"choices": ["Billing", "Bug"]}}),
    attempt("Cy", {"t1": {"choice": "Positive"}, "t2": {"choice": "Positive"}, "m1": {"choices": []}}),
]  # fmt: skip


def test_command_text_report(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml: types come from the answers
    paths = write_attempts(tmp_path, ATTEMPTS)
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["agreement", *paths, str(bad)]) == 0
    captured = capsys.readouterr()
    assert "skipped " in captured.err and "broken.json" in captured.err
    out = captured.out
    assert "3 attempt files from 3 people (1 skipped)" in out
    table = out.split("Most disputed tasks first", 1)[1]
    assert table.index("t2") < table.index("m1") < table.index("t1")
    assert "Krippendorff's alpha (nominal):" in out
    assert "Traceback" not in captured.err


def test_command_writes_csv_and_json(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = write_attempts(tmp_path, ATTEMPTS)
    assert main(["agreement", *paths, "-o", "report.csv"]) == 0
    capsys.readouterr()
    text = (tmp_path / "report.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["task"] for r in rows] == ["t2", "m1", "t1"]
    assert rows[0]["labels"] == "Negative=1; Neutral=1; Positive=1"
    assert main(["agreement", *paths, "-o", "report.json", "--format", "json"]) == 0
    stdout = json.loads(capsys.readouterr().out)
    saved = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert saved["tasks"] == stdout["tasks"]
    assert saved["choice"]["fleiss"]["kappa"]["value"] == pytest.approx(
        sm_fleiss(np.array([[0, 0, 3], [1, 1, 1]]))
    )


def test_undefined_is_reported_as_such(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    same = [attempt(n, {"t1": {"choice": "Neutral"}, "t2": {"choice": "Neutral"}}) for n in "ABC"]
    assert main(["agreement", *write_attempts(tmp_path, same), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["choice"]["krippendorff_alpha"]["value"] is None
    assert "no variation" in report["choice"]["krippendorff_alpha"]["undefined"]
    assert "nan" not in json.dumps(report).lower()


def test_later_attempt_of_the_same_person_counts(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = [
        attempt("Ana", {"t1": {"choice": "Negative"}}, "2026-11-23T10:10:00Z"),
        attempt("Ana", {"t1": {"choice": "Positive"}}, "2026-11-23T11:10:00Z"),
        attempt("Ben", {"t1": {"choice": "Positive"}}),
    ]
    assert main(["agreement", *write_attempts(tmp_path, data), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["tasks"][0]["agreement"] == 1.0
    assert "1 answer replaced by a later attempt of the same person" in captured.err


def test_course_tasks_give_types_and_labels(tmp_path, capsys):
    Site(tmp_path, {"index.md": "# Home\n"})
    data = [
        attempt("Ana", {"t1": {"choice": "Positive"}, "t9": {"choice": "NotALabel"}}),
        attempt("Ben", {"t1": {"choice": "Negative"}, "t9": {"choice": "Neutral"}}),
    ]
    paths = write_attempts(tmp_path, data)
    code = main(["agreement", *paths, "--config", str(tmp_path / "mkdocs.yml"), "--format", "json"])
    assert code == 0
    tasks = {t["task"] for t in json.loads(capsys.readouterr().out)["tasks"]}
    assert tasks == {"t1", "t9"}  # t9 is not in the course: read from the answers


def test_nothing_shared_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = write_attempts(tmp_path, [attempt("Ana", {"t1": {"choice": "Positive"}})])
    assert main(["agreement", *paths]) == 1
    assert "no task was answered by two or more people" in capsys.readouterr().err


def test_bad_output_suffix_is_a_usage_error(tmp_path, capsys):
    paths = write_attempts(tmp_path, ATTEMPTS)
    assert main(["agreement", *paths, "-o", str(tmp_path / "report.txt")]) == 2
    assert "must end in .csv or .json" in capsys.readouterr().err


def test_quiz_option_keeps_that_quiz_only_and_uses_its_tasks(tmp_path, capsys):
    ana, ben = (
        attempt(who, {"q1-sentiment": {"choice": label}}) | {"quiz": "week-1"}
        for who, label in (("Ana", "Positive"), ("Ben", "Negative"))
    )
    other = attempt("Cy", {"q1-sentiment": {"choice": "Positive"}}) | {"quiz": "week-2"}
    site = Site(tmp_path / "site", {"index.md": "# Home\n"})
    (site.root / "quizzes" / "week-1.yml").write_text(
        "title: Week 1\nsections:\n  - tasks:\n      - type: choice\n        id: q1-sentiment\n"
        "        prompt: Sentiment?\n        labels: [Negative, Neutral, Positive]\n"
        "        rubric: choice-standard\n        gold: {choice: Positive}\n",
        encoding="utf-8",
    )
    paths = write_attempts(tmp_path, [ana, ben, other])
    config = str(site.root / "mkdocs.yml")
    assert main(["agreement", *paths, "--quiz", "week-1", "--config", config]) == 0
    captured = capsys.readouterr()
    assert "an attempt at quiz 'week-2', not 'week-1'" in captured.err
    assert "2 attempt files from 2 people (1 skipped)" in captured.out
    assert main(["agreement", *paths, "--quiz", "week-9", "--config", config]) == 1
    assert "--quiz week-9: no such quiz in the course; quizzes: week-1" in capsys.readouterr().err
