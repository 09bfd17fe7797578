"""The rating type: measures against an independent computation and scikit-learn,
scales from rubrics, the rendered controls, and authoring errors at file:line."""

from __future__ import annotations

import functools
import random

import pytest
from sklearn.metrics import mean_absolute_error

from annotrain.course import yamlpos
from annotrain.course.rubrics import RubricLibrary, read_rubric
from annotrain.course.tasks import read_task
from annotrain.grading.task import grade

from .conftest import ROOT, dedent
from .lessons import RUBRICS, convert, error_of
from .sites import Site

MEASURES = """\
pass: 0.5
levels: [{value: 1, name: Yes}, {value: 0, name: No}]
criteria:
  - {id: within, measure: within_tolerance, levels: {1: {min: 1, descriptor: a}, 0: {descriptor: b}}}
  - {id: exact, measure: exact, levels: {1: {min: 1, descriptor: a}, 0: {descriptor: b}}}
  - {id: mean, measure: mean_abs_distance, levels: {1: {max: 0, descriptor: a}, 0: {descriptor: b}}}
  - {id: max, measure: max_distance, levels: {1: {max: 0, descriptor: a}, 0: {descriptor: b}}}
"""


@functools.cache
def library() -> RubricLibrary:
    shared = RubricLibrary.load(RUBRICS)
    shared.rubrics["measures"] = read_rubric(yamlpos.load(MEASURES), "r.yml", "measures")
    return shared


def random_task(rng: random.Random):
    count = rng.randint(2, 7)
    values = sorted(rng.sample(range(-5, 20), count), reverse=rng.random() < 0.5)
    criteria = [{"id": f"c{i}", "name": f"Criterion {i}"} for i in range(rng.randint(1, 6))]
    gold = {c["id"]: rng.choice(values) for c in criteria}
    data = {
        "type": "rating",
        "id": "random",
        "prompt": "Rate.",
        "response": "Something to rate.",
        "criteria": criteria,
        "levels": [{"value": v, "name": f"L{v}"} for v in values],
        "tolerance": rng.randint(0, count - 2),
        "rubric": "measures",
        "gold": {"ratings": gold},
    }
    return read_task(data, "t.md", library()), values, criteria, gold


def independent(values, criteria, gold, ratings, tolerance):
    """The measures straight from their definitions, without the grader's helpers."""
    position = {value: index for index, value in enumerate(values)}
    span = len(values) - 1
    steps = []
    agree = same = 0
    for criterion in criteria:
        cid = criterion["id"]
        if cid in ratings:
            distance = abs(position[ratings[cid]] - position[gold[cid]])
            agree += distance <= tolerance
            same += distance == 0
        else:
            distance = span
        steps.append(distance)
    n = len(criteria)
    return {"within": agree / n, "exact": same / n, "mean": sum(steps) / n, "max": max(steps)}


def test_measures_match_an_independent_computation(messages):
    rng = random.Random(5)
    for _ in range(400):
        task, values, criteria, gold = random_task(rng)
        ratings = {c["id"]: rng.choice(values) for c in criteria if rng.random() < 0.8}
        result = grade(task, {"ratings": ratings}, messages)
        got = result["criteria"]
        if not ratings:  # nothing rated is a blank: not measured, and 0
            assert result["score"] == 0 and all(c["value"] is None for c in got.values())
            continue
        want = independent(values, criteria, gold, ratings, task.options["tolerance"])
        for name, value in want.items():
            assert got[name]["value"] == pytest.approx(value, abs=1e-12), name


def test_mean_distance_is_scikit_learn_mean_absolute_error_on_level_positions(messages):
    rng = random.Random(11)
    for _ in range(200):
        task, values, criteria, gold = random_task(rng)
        ratings = {c["id"]: rng.choice(values) for c in criteria}
        got = grade(task, {"ratings": ratings}, messages)["criteria"]["mean"]["value"]
        position = {value: index for index, value in enumerate(values)}
        ids = [c["id"] for c in criteria]
        reference = mean_absolute_error(
            [position[gold[i]] for i in ids], [position[ratings[i]] for i in ids]
        )
        assert got == pytest.approx(reference, abs=1e-12)


def test_unrated_criterion_counts_as_the_whole_scale_and_never_agrees(messages):
    # Two levels, tolerance 0: the largest possible distance is 1 step.
    task = read_task(
        {
            "type": "rating",
            "id": "t",
            "prompt": "Rate.",
            "text": "Context only.",
            "criteria": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "levels": [{"value": 1, "name": "Yes"}, {"value": 0, "name": "No"}],
            "rubric": "measures",
            "gold": {"ratings": {"a": 1, "b": 0}},
        },
        "t.md",
        library(),
    )
    got = grade(task, {"ratings": {"a": 1}}, messages)["criteria"]
    assert got["within"]["value"] == 0.5
    assert got["mean"]["value"] == 0.5
    assert got["max"]["value"] == 1.0


def test_scale_from_a_shared_rubric_keeps_each_criterion_s_descriptors():
    task = read_task(
        {
            "type": "rating",
            "id": "t",
            "prompt": "Score your tags.",
            "response": "Billing.",
            "scale": "tags-standard",
            "rubric": "rating-standard",
            "gold": {"ratings": {"precision": 5, "completeness": 3}},
        },
        "t.md",
        library(),
    )
    scale = task.options["scale"]
    assert scale["id"] == "tags-standard"
    assert [level["value"] for level in scale["levels"]] == [5, 3, 1]
    precision = scale["criteria"][0]
    assert precision["id"] == "precision"
    assert precision["descriptors"][0] == "Every tag chosen applies to the item."
    assert precision["descriptors"][1] == "Most chosen tags apply; one or more does not."


def test_scale_written_inline_as_a_rubric():
    scale = yamlpos.load(MEASURES)
    task = read_task(
        {
            "type": "rating",
            "id": "inline",
            "prompt": "Rate.",
            "response": "Text.",
            "scale": scale,
            "rubric": "rating-standard",
            "gold": {"ratings": {"within": 1, "exact": 0, "mean": 1, "max": 0}},
        },
        "t.md",
        library(),
    )
    assert task.options["scale"]["id"] == "inline-scale"
    assert [c["id"] for c in task.options["scale"]["criteria"]] == [
        "within",
        "exact",
        "mean",
        "max",
    ]


RATED = """\
type: rating
id: rate-me
prompt: Rate the reply.
text: "User: <b>hello</b>"
response: |
  First paragraph <script>alert(1)</script>.

  Second paragraph.
criteria:
  - {id: helpful, name: Helpfulness, description: Solves the problem}
  - {id: tone, name: Tone}
levels:
  - {value: 1, name: Poor}
  - {value: 2, name: Fair, descriptor: Some flaws}
  - {value: 3, name: Good}
tolerance: 1
rubric: rating-standard
gold: {ratings: {helpful: 3, tone: 2}}
"""


def test_rendered_controls_are_native_radio_groups_with_names():
    soup = convert(RATED).soup
    rated = soup.select_one(".annotrain-rated")
    assert [p.get_text() for p in rated.select(".annotrain-rated-text p")] == [
        "First paragraph <script>alert(1)</script>.",
        "Second paragraph.",
    ]
    assert soup.select("script") == []  # author text is text, never markup
    sets = soup.select("fieldset.annotrain-rate-criterion")
    assert [s["data-annotrain-criterion"] for s in sets] == ["helpful", "tone"]
    assert [s.legend.get_text() for s in sets] == ["Helpfulness", "Tone"]
    about = soup.find(id=sets[0]["aria-describedby"].split()[0])
    assert about.get_text() == "Solves the problem"
    radios = sets[0].select("input[type=radio]")
    assert [r["value"] for r in radios] == ["1", "2", "3"]
    assert len({r["name"] for r in radios}) == 1
    assert {r["name"] for r in radios} != {r["name"] for r in sets[1].select("input")}
    labels = [r.find_parent("label").get_text(" ", strip=True) for r in radios]
    assert labels == ["1 Poor", "2 Fair", "3 Good"]
    described = [soup.find(id=i).get_text() for i in radios[1]["aria-describedby"].split()]
    assert described == ["Some flaws", ""]  # the descriptor, then the (empty) mark
    assert "1 step from the gold rating still counts" in soup.select_one(".annotrain-how").text
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))


def test_rating_an_image_in_a_built_site(tmp_path):
    image = (ROOT / "course" / "assets" / "images" / "pcb-01.png").read_bytes()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "board.png").write_bytes(image)
    body = dedent(
        """
        ```annotrain
        type: rating
        id: rate-boxes
        prompt: Score these boxes.
        image: board.png
        image_alt: A circuit board with three boxes drawn on it.
        scale: tags-standard
        rubric: rating-standard
        gold: {ratings: {precision: 5, completeness: 5}}
        ```
        """
    )
    site = Site(tmp_path, {"index.md": "# Boxes\n\n" + body})
    result = site.build()
    assert result.returncode == 0, result.stderr
    img = site.html("index.html").select_one(".annotrain-rated-image img")
    assert img["alt"] == "A circuit board with three boxes drawn on it."
    assert (site.site_dir / img["src"]).is_file()
    assert int(img["width"]) > 0 and int(img["height"]) > 0


GOOD = """\
type: rating
id: q1
prompt: Rate it.
response: A reply.
criteria:
  - {id: helpful, name: Helpfulness}
  - {id: tone, name: Tone}
levels:
  - {value: 1, name: Poor}
  - {value: 2, name: Fair}
  - {value: 3, name: Good}
rubric: rating-standard
gold:
  ratings:
    helpful: 3
    tone: 2
"""


def test_good_block_loads():
    assert convert(GOOD).tasks[0].gold == {"ratings": {"helpful": 3, "tone": 2}}


@pytest.mark.parametrize(
    "old, new, line, fragments",
    [
        (
            "    tone: 2",
            "    tone: 4",
            19,
            ["gold rating of 'tone' is the number 4", "allowed values: 1, 2, 3"],
        ),
        ("    tone: 2", "    tone: Fair", 19, ["the text 'Fair'", "allowed values: 1, 2, 3"]),
        (
            "    tone: 2",
            "    tonne: 2",
            19,
            ["'tonne', which is not a criterion", "did you mean 'tone'"],
        ),
        ("    tone: 2\n", "", 17, ["must rate every criterion; missing: tone", "allowed values"]),
        ("rubric:", "scale: tags-standard\nrubric:", 8, ["either 'scale' or 'criteria'"]),
        ("  - {value: 2, name: Fair}", "  - {value: 0, name: Fair}", 11, ["in order", "1, 0, 3"]),
        (
            "  - {value: 2, name: Fair}",
            "  - {value: 1, name: Fair}",
            13,
            ["level value 1 is listed twice"],
        ),
        (
            "  - {value: 2, name: Fair}",
            "  - {value: 2.5, name: Fair}",
            13,
            ["whole number, got 2.5"],
        ),
        ("  - {value: 2, name: Fair}\n  - {value: 3, name: Good}\n", "", 11, ["at least 2 levels"]),
        (
            "  - {id: tone, name: Tone}",
            "  - {id: helpful, name: Tone}",
            10,
            ["'helpful' is used twice"],
        ),
        ("  - {id: tone, name: Tone}", "  - {id: tone}", 10, ["missing the required field 'name'"]),
        ("rubric:", "tolerance: 2\nrubric:", 15, ["accepts every rating", "at most 1"]),
        ("rubric:", "tolerance: 0.5\nrubric:", 15, ["whole number"]),
        ("response: A reply.\n", "", 4, ["needs something to rate"]),
        ("rubric:", "image_alt: A board.\nrubric:", 15, ["describes an 'image'; there is none"]),
        (
            "rubric:",
            "image: ../nowhere.png\nimage_alt: x\nrubric:",
            15,
            ["image file '../nowhere.png' not found"],
        ),
        (
            "gold:\n  ratings:\n    helpful: 3\n    tone: 2\n",
            "gold:\n  ratings: [3, 2]\n",
            17,
            ["'ratings' must map"],
        ),
        (
            "rubric: rating-standard",
            "rubric: numeric-standard",
            15,
            [
                "criterion 'precision'",
                "measure 'rel_error' is not available for rating exercises",
                "available: within_tolerance",
            ],
        ),
    ],
    ids=[
        "rating outside the scale",
        "rating as a level name",
        "unknown criterion",
        "criterion not rated",
        "scale and criteria",
        "levels out of order",
        "duplicate level value",
        "fractional level value",
        "one level",
        "duplicate criterion id",
        "criterion without a name",
        "tolerance accepts everything",
        "fractional tolerance",
        "nothing to rate",
        "alt without image",
        "missing image file",
        "ratings not a mapping",
        "rubric measure of another type",
    ],
)
def test_error_names_file_and_line(old, new, line, fragments):
    assert old in GOOD
    error = error_of(GOOD.replace(old, new))
    assert str(error).startswith(f"lesson.md:{line}: "), str(error)
    for fragment in fragments:
        assert fragment in str(error)


@pytest.mark.parametrize(
    "scale, line, fragment",
    [
        ("scale: tags-standrd", 8, "unknown rubric 'tags-standrd'"),
        ("scale: [a, b]", 8, "'scale' must be a rubric id or an inline rubric"),
        ("scale: {levels: [{value: 1, name: A}]}", 8, "at least two performance levels"),
        ("criteria: [{id: a, name: A}]", 4, "missing 'levels'"),
    ],
)
def test_scale_errors(scale, line, fragment):
    body = (
        "type: rating\nid: q2\nprompt: Rate it.\nresponse: A reply.\n"
        f"{scale}\nrubric: rating-standard\ngold: {{ratings: {{a: 1}}}}\n"
    )
    error = error_of(body)
    assert str(error).startswith(f"lesson.md:{line}: "), str(error)
    assert fragment in str(error)
