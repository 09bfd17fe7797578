"""Writes the shared grading vectors (tests/vectors/*.json) used by pytest and node --test.

Task JSON is produced from authoring YAML by the loader (the browser gets exactly
this shape); every expected grade below is worked out by hand from the rubric
definitions in the trainer guide, never computed by the grader under test.
Run: python tests/vectors/make_vectors.py
"""

from __future__ import annotations

import yaml
from common import blank, blank_cases, crit, grade, named, nogold, quoted, task_reader, write

RUBRICS = yaml.safe_load(
    """
choice-closeness:
  pass: 0.25
  levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
  criteria:
    - {id: correctness, name: Correctness, weight: 3, critical: true, measure: correct,
       levels: {5: {min: 1, descriptor: right}, 1: {descriptor: wrong}}}
    - {id: closeness, name: Closeness, weight: 1, measure: ordinal_distance,
       levels: {5: {max: 0, descriptor: same}, 3: {max: 1, descriptor: near}, 1: {descriptor: far}}}
similarity:
  pass: 0.8
  levels: [{value: 4, name: Exact}, {value: 2, name: Close}, {value: 0, name: Far}]
  criteria:
    - {id: closeness, name: Closeness, measure: ordinal_similarity,
       levels: {4: {min: 1, descriptor: exact}, 2: {min: 0.75, descriptor: close}, 0: {descriptor: far}}}
overlap:
  pass: 0.5
  levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
  criteria:
    - {id: jaccard, name: Overlap, measure: jaccard,
       levels: {5: {min: 1, descriptor: all}, 3: {min: 0.5, descriptor: half}, 1: {descriptor: little}}}
    - {id: f1, name: F1, measure: f1,
       levels: {5: {min: 1, descriptor: all}, 3: {min: 0.5, descriptor: half}, 1: {descriptor: little}}}
    - {id: exact, name: Exact, measure: exact,
       levels: {5: {min: 1, descriptor: same set}, 1: {descriptor: different set}}}
"""
)
task = task_reader(RUBRICS)

SENTIMENT = task(
    """
type: choice
id: sentiment
prompt: Sentiment?
labels: [Negative, Neutral, Positive]
ordered: true
rubric: sentiment-ordinal
gold: {choice: Positive}
"""
)
D5 = "The sentiment matches the gold label exactly."
D3 = "One step off on the scale: the direction is right but the strength is not."
D1 = "Two or more steps off: a different sentiment, which misleads the model."
CLOSE = task(
    """
type: choice
id: close
prompt: Sentiment?
labels: [Negative, Neutral, Positive]
ordered: true
rubric: choice-closeness
gold: {choice: Positive}
"""
)
STARS = task(
    """
type: choice
id: stars
prompt: Stars?
labels: ["1", "2", "3", "4", "5"]
ordered: true
rubric: similarity
gold: {choice: "4"}
"""
)
TAGS = task(
    """
type: multi
id: tags
prompt: Tags?
labels: [A, B, C, D, E]
rubric: tags-standard
gold: {choices: [C, A, B]}
"""
)
P5, P3, P1 = (
    "Every tag chosen applies to the item.",
    "Most chosen tags apply; one or more does not.",
    "Most chosen tags do not apply (or none was chosen).",
)
R5, R3, R1 = (
    "Every tag that applies was found.",
    "At least half of the tags that apply were found.",
    "Fewer than half of the tags that apply were found.",
)
NONE_GOLD = task(
    """
type: multi
id: none-apply
prompt: Tags?
labels: [X, Y]
rubric: tags-standard
gold: {choices: []}
"""
)
OVERLAP = task(
    """
type: multi
id: overlap
prompt: Tags?
labels: [A, B, C, D, E]
rubric: overlap
gold: {choices: [A, B, C]}
"""
)
ALL_RIGHT = "Every option you chose is in the gold answer."
ALL_FOUND = "You found every option of the gold answer."
NONE = "You did not choose any option."


def extra(*items):
    return "Chosen but not in the gold answer: " + quoted(items) + "."


def missed(*items):
    return "In the gold answer but not chosen: " + quoted(items) + "."


CHOICE_CASES = [
    (
        "exact match",
        SENTIMENT,
        {"choice": "Positive"},
        grade(
            "sentiment",
            "choice",
            1.0,
            True,
            correctness=crit(5, 0.0, D5, "You chose Positive, which matches the gold answer."),
        ),
    ),
    (
        "one step off: 3*3 / 3*5 = 0.6, below the 0.8 pass mark",
        SENTIMENT,
        {"choice": "Neutral"},
        grade(
            "sentiment",
            "choice",
            0.6,
            False,
            correctness=crit(
                3,
                1.0,
                D3,
                "You chose Neutral; the gold answer is Positive, 1 of 2 steps away on the scale.",
            ),
        ),
    ),
    (
        "opposite end: lowest level of a critical criterion",
        SENTIMENT,
        {"choice": "Negative"},
        grade(
            "sentiment",
            "choice",
            0.2,
            False,
            correctness=crit(
                1,
                2.0,
                D1,
                "You chose Negative; the gold answer is Positive, 2 of 2 steps away on the scale.",
            ),
        ),
    ),
    (
        "no answer",
        SENTIMENT,
        {},
        blank(SENTIMENT),
    ),
    (
        "malformed response counts as no answer",
        SENTIMENT,
        "Positive",
        blank(SENTIMENT),
    ),
    (
        "a choice that is not a label counts as no answer",
        SENTIMENT,
        {"choice": "Great"},
        blank(SENTIMENT),
    ),
    (
        "null response",
        SENTIMENT,
        None,
        blank(SENTIMENT),
    ),
    (
        "critical fail beats a total above the pass mark: (3*1 + 1*3) / 20 = 0.3 >= 0.25",
        CLOSE,
        {"choice": "Neutral"},
        grade(
            "close",
            "choice",
            0.3,
            False,
            correctness=crit(1, 0.0, "wrong", "You chose Neutral; the gold answer is Positive."),
            closeness=crit(
                3,
                1.0,
                "near",
                "You chose Neutral; the gold answer is Positive, 1 of 2 steps away on the scale.",
            ),
        ),
    ),
    (
        "distance measure with no answer: a blank, 0",
        CLOSE,
        {"choice": None},
        blank(CLOSE),
    ),
    (
        "similarity 1 - 1/4 = 0.75 on a 5-point scale: 2 / 4",
        STARS,
        {"choice": "5"},
        grade(
            "stars",
            "choice",
            0.5,
            False,
            closeness=crit(
                2,
                0.75,
                "close",
                "You chose 5; the gold answer is 4, 1 of 4 steps away on the scale.",
            ),
        ),
    ),
    (
        "similarity 1 - 3/4 = 0.25: the lowest level, 0 / 4",
        STARS,
        {"choice": "1"},
        grade(
            "stars",
            "choice",
            0.0,
            False,
            closeness=crit(
                0, 0.25, "far", "You chose 1; the gold answer is 4, 3 of 4 steps away on the scale."
            ),
        ),
    ),
    (
        "similarity with no answer: a blank, 0",
        STARS,
        {},
        blank(STARS),
    ),
    (
        "max threshold: distance 0 reaches the top",
        CLOSE,
        {"choice": "Positive"},
        grade(
            "close",
            "choice",
            1.0,
            True,
            correctness=crit(5, 1.0, "right", "You chose Positive, which matches the gold answer."),
            closeness=crit(5, 0.0, "same", "You chose Positive, which matches the gold answer."),
        ),
    ),
]

MULTI_CASES = [
    (
        "exact set, any order",
        TAGS,
        {"choices": ["B", "C", "A"]},
        grade(
            "tags",
            "multi",
            1.0,
            True,
            precision=crit(5, 1.0, P5, ALL_RIGHT),
            completeness=crit(5, 1.0, R5, ALL_FOUND),
        ),
    ),
    (
        "one wrong, one missed: (2*3 + 2*3) / 20 = 0.6",
        TAGS,
        {"choices": ["A", "B", "D"]},
        grade(
            "tags",
            "multi",
            0.6,
            False,
            precision=crit(3, 2 / 3, P3, extra("D")),
            completeness=crit(3, 2 / 3, R3, missed("C")),
        ),
    ),
    (
        "nothing chosen",
        TAGS,
        {"choices": []},
        grade(
            "tags",
            "multi",
            0.2,
            False,
            precision=crit(1, 0.0, P1, NONE),
            completeness=crit(1, 0.0, R1, missed("A", "B", "C")),
        ),
    ),
    (
        "critical completeness fails: (2*5 + 2*1) / 20 = 0.6",
        TAGS,
        {"choices": ["A"]},
        grade(
            "tags",
            "multi",
            0.6,
            False,
            precision=crit(5, 1.0, P5, ALL_RIGHT),
            completeness=crit(1, 1 / 3, R1, missed("B", "C")),
        ),
    ),
    (
        "everything chosen: (2*3 + 2*5) / 20 = 0.8 passes exactly at the mark",
        TAGS,
        {"choices": ["A", "B", "C", "D", "E"]},
        grade(
            "tags",
            "multi",
            0.8,
            True,
            precision=crit(3, 0.6, P3, extra("D", "E")),
            completeness=crit(5, 1.0, R5, ALL_FOUND),
        ),
    ),
    (
        "repeats count once, unknown labels are ignored",
        TAGS,
        {"choices": ["A", "A", "Z", 3]},
        grade(
            "tags",
            "multi",
            0.6,
            False,
            precision=crit(5, 1.0, P5, ALL_RIGHT),
            completeness=crit(1, 1 / 3, R1, missed("B", "C")),
        ),
    ),
    (
        "choices that are not a list: a blank, 0",
        TAGS,
        {"choices": "A"},
        blank(TAGS),
    ),
    (
        "empty gold and empty answer agree perfectly",
        NONE_GOLD,
        {"choices": []},
        grade(
            "none-apply",
            "multi",
            1.0,
            True,
            precision=crit(5, 1.0, P5, NONE),
            completeness=crit(5, 1.0, R5, ALL_FOUND),
        ),
    ),
    (
        "empty gold, one tag chosen: precision 0, (2*1 + 2*5) / 20 = 0.6",
        NONE_GOLD,
        {"choices": ["Y"]},
        grade(
            "none-apply",
            "multi",
            0.6,
            False,
            precision=crit(1, 0.0, P1, extra("Y")),
            completeness=crit(5, 1.0, R5, ALL_FOUND),
        ),
    ),
    (
        "jaccard 2/4, f1 4/6, not exact: (3 + 3 + 1) / 15",
        OVERLAP,
        {"choices": ["A", "B", "D"]},
        grade(
            "overlap",
            "multi",
            7 / 15,
            False,
            jaccard=crit(3, 0.5, "half", extra("D"), missed("C")),
            f1=crit(3, 2 / 3, "half", extra("D"), missed("C")),
            exact=crit(1, 0.0, "different set", extra("D"), missed("C")),
        ),
    ),
]


# Wrong checks made before the answer is shown: no gold label named.
CHOICE_NOGOLD = [
    nogold(
        named(CHOICE_CASES, "one step off"),
        correctness=["You chose Neutral, 1 of 2 steps away from the answer on the scale."],
    ),
    nogold(
        named(CHOICE_CASES, "opposite end"),
        correctness=["You chose Negative, 2 of 2 steps away from the answer on the scale."],
    ),
    nogold(
        named(CHOICE_CASES, "critical fail beats"),
        correctness=["You chose Neutral, which is not the answer."],
        closeness=["You chose Neutral, 1 of 2 steps away from the answer on the scale."],
    ),
    # A note that names no gold reads as always.
    nogold(named(CHOICE_CASES, "exact match")),
]
MULTI_NOGOLD = [
    nogold(
        named(MULTI_CASES, "one wrong, one missed"),
        precision=["Options chosen that are not in the answer: 1."],
        completeness=["Options of the answer you did not choose: 1."],
    ),
    nogold(
        named(MULTI_CASES, "empty gold, one tag chosen"),
        precision=["Options chosen that are not in the answer: 1."],
    ),
]


if __name__ == "__main__":
    write(
        "choice",
        "Single choice: exact, ordinal and distance measures, critical criteria.",
        CHOICE_CASES + blank_cases("choice", SENTIMENT) + CHOICE_NOGOLD,
    )
    write(
        "multi",
        "Multi-select: precision, recall, jaccard, f1, exact; empty sets.",
        MULTI_CASES
        + blank_cases("choices", TAGS, NONE_GOLD)
        + [("only unknown labels are a blank", TAGS, {"choices": ["Unknown"]}, blank(TAGS))]
        + MULTI_NOGOLD,
    )
