"""The Python and JavaScript graders agree on many random responses, not only on the
hand-written vectors: same score to the last bit, same levels, values and notes.

Also property tests: any response, however malformed, grades without error to a
score in [0, 1]; any YAML document loads to a task or to an AuthoringError.
"""

from __future__ import annotations

import json
import random

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotrain.course import yamlpos
from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import read_task
from annotrain.errors import AuthoringError
from annotrain.tasktypes import TASK_TYPES

from .conftest import ROOT, VECTORS, python_grade
from .node import run_node
from .responses import random_response

TASKS = {
    case["task"]["id"]: case["task"]
    for path in sorted(VECTORS.glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
}
RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")


@pytest.mark.parametrize("hide_gold", [False, True], ids=["gold named", "gold hidden"])
def test_python_and_javascript_graders_agree(tmp_path, messages, hide_gold):
    rng = random.Random(20261123)
    cases = [
        {"task": task, "response": random_response(rng, task), "hide_gold": hide_gold}
        for _ in range(60)
        for task in TASKS.values()
    ]
    batch = tmp_path / "cases.json"
    batch.write_text(json.dumps({"messages": messages, "cases": cases}), encoding="utf-8")
    browser = run_node(ROOT / "tests/js/grade-batch.js", batch)
    assert len(browser) == len(cases) >= 300
    blanks = set()
    for case, js in zip(cases, browser, strict=True):
        py = python_grade(case["task"], case["response"], messages, hide_gold=hide_gold)
        assert js == py, (case["task"]["id"], case["response"])
        if any(c["value"] is None for c in py["criteria"].values()):
            blanks.add(case["task"]["type"])
    assert blanks == set(TASK_TYPES)  # every type's blanks went through both graders


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(task_id=st.sampled_from(sorted(TASKS)), response=json_values)
def test_any_response_grades_to_a_score_in_range(task_id, response, messages):
    result = python_grade(TASKS[task_id], response, messages)
    assert 0.0 <= result["score"] <= 1.0
    assert isinstance(result["passed"], bool)


task_fields = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(sorted(TASK_TYPES)) | json_values,
        "id": st.sampled_from(["q1", "Q 1"]) | json_values,
        "prompt": st.text(max_size=10) | json_values,
        "text": st.sampled_from(["Yes or no, A.", "A\u0308 \U0001f600 B"]) | st.text(max_size=12),
        "overlap": st.booleans() | json_values,
        "labels": st.lists(st.sampled_from(["A", "B", "C", "Yes", "1"]), max_size=4) | json_values,
        "ordered": st.booleans() | json_values,
        "rubric": st.sampled_from(sorted(RUBRICS.rubrics)) | json_values,
        "responses": st.lists(
            st.fixed_dictionaries(
                {
                    "id": st.sampled_from(["A", "B", "C", "tie", "a b", ""]),
                    "text": st.text(max_size=5),
                }
            )
            | json_values,
            max_size=4,
        )
        | json_values,
        "justification": st.sampled_from(["optional", "required", "none", "maybe"]) | json_values,
        "allow_tie": st.booleans() | json_values,
        "gold": st.sampled_from(
            [
                {"choice": "A"},
                {"choice": "tie"},
                {"choices": ["A", "B"]},
                {"choices": []},
                {"order": ["B", "A"]},
                {"order": ["C", "B", "A"]},
                {"order": ["B", "B"]},
                {"spans": []},
                {"spans": [{"text": "A", "label": "A"}]},
                {"spans": [{"start": 0, "end": 3, "label": "Yes"}, {"text": "or", "label": "B"}]},
                {"spans": [{"text": "B", "occurrence": 1, "label": "C"}]},
                {"ratings": {"a": 1, "b": 2}},
                {"ratings": {"precision": 5, "completeness": 3}},
                {"value": 0.5},
                {"value": 0},
            ]
        )
        | json_values,
        "scale": st.sampled_from(["tags-standard", "nope"]) | json_values,
        "criteria": st.lists(
            st.fixed_dictionaries({"id": st.sampled_from(["a", "b", "A"]), "name": st.text()}),
            max_size=3,
        )
        | json_values,
        "levels": st.lists(
            st.fixed_dictionaries(
                {"value": st.integers(-2, 3) | json_values, "name": st.text(max_size=3)}
            ),
            max_size=4,
        )
        | json_values,
        "response": st.text(max_size=10) | json_values,
        "tolerance": st.integers(0, 3)
        | st.fixed_dictionaries({}, optional={"absolute": json_values, "relative": json_values})
        | json_values,
        "unit": st.sampled_from(["%", "px", "2x"]) | json_values,
        "table": st.fixed_dictionaries(
            {},
            optional={
                "caption": json_values,
                "columns": st.lists(json_values, max_size=3),
                "rows": st.lists(st.lists(json_values, max_size=3), max_size=2),
            },
        )
        | json_values,
        "hints": st.lists(st.text(max_size=5), max_size=2) | json_values,
        "explain": st.text(max_size=10),
        "extra": json_values,
    },
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=task_fields)
def test_any_document_loads_or_fails_with_an_authoring_error(fields):
    text = yaml.safe_dump(fields, allow_unicode=True)
    try:
        task = read_task(yamlpos.load(text, "t.md"), "t.md", RUBRICS)
    except AuthoringError as error:
        assert str(error).startswith("t.md")
    else:
        assert task.id == fields["id"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_loads_or_fails_with_an_authoring_error(text):
    try:
        yamlpos.load(text, "t.md")
    except AuthoringError as error:
        assert error.path == "t.md"


@pytest.mark.parametrize(
    "text",
    ["a: &x [*x]", "- &a [*a, *a]", "a: !!python/object:os.system 'echo'", "? [a, b]\n: c\n"],
)
def test_hostile_yaml_is_refused_cleanly(text):
    with pytest.raises(AuthoringError):
        yamlpos.load(text, "t.md")
