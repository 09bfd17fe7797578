"""Writes tests/vectors/rating.json: rating exercises graded by hand.

Every expected grade is worked out from the definitions in tasktypes/rating.py (and
the trainer guide): distances in steps along the level list, an unrated criterion
counting as the whole scale. The arithmetic is written next to each case.
Run: python tests/vectors/make_rating.py
"""

from __future__ import annotations

import yaml
from common import Q, blank, blank_cases, crit, grade, named, nogold, quoted, task_reader, write

RUBRICS = {}  # this file's own rubrics, by id

RUBRICS["rating-measures"] = yaml.safe_load(
    """
pass: 0.5
levels: [{value: 2, name: Good}, {value: 1, name: Fair}, {value: 0, name: Poor}]
criteria:
  - {id: agree, name: Agreement, measure: within_tolerance,
     levels: {2: {min: 1, descriptor: all agree}, 1: {min: 0.5, descriptor: half agree}, 0: {descriptor: few agree}}}
  - {id: exact, name: Exact, measure: exact,
     levels: {2: {min: 1, descriptor: all exact}, 1: {min: 0.5, descriptor: half exact}, 0: {descriptor: few exact}}}
  - {id: mean, name: Mean, measure: mean_abs_distance,
     levels: {2: {max: 0, descriptor: no distance}, 1: {max: 1, descriptor: a step}, 0: {descriptor: more}}}
  - {id: max, name: Max, measure: max_distance,
     levels: {2: {max: 0, descriptor: no gap}, 1: {max: 1, descriptor: one step gap}, 0: {descriptor: big gap}}}
"""
)
task = task_reader(RUBRICS)

ASSISTANT = task(
    """
type: rating
id: rate-assistant
prompt: Rate the assistant's answer.
text: "User: how do I reset my password?"
response: Click "Forgot password" on the sign-in page and follow the e-mail.
criteria:
  - {id: helpfulness, name: Helpfulness, description: "Does it solve the user's problem?"}
  - {id: accuracy, name: Accuracy}
  - {id: tone, name: Tone}
levels:
  - {value: 1, name: Poor}
  - {value: 2, name: Weak}
  - {value: 3, name: Acceptable, descriptor: Does the job with flaws.}
  - {value: 4, name: Good}
  - {value: 5, name: Excellent}
rubric: rating-standard
gold: {ratings: {helpfulness: 4, accuracy: 5, tone: 3}}
"""
)
TOP = "Every criterion is rated at the gold level, or within the exercise's stated tolerance of it."
MID = "At least 60 % of the criteria agree with the gold rating; the others are off or unrated."
LOW = (
    "Fewer than 60 % of the criteria agree with the gold rating: re-read each level's "
    "descriptor and rate against it, not against your overall impression."
)
P5 = "On average your ratings sit less than a quarter of a step from the gold ratings."
P3 = "On average your ratings sit under one step from the gold ratings: a few near misses."
P1 = (
    "On average your ratings sit a step or more from the gold ratings (an unrated "
    "criterion counts as the whole scale)."
)
ALL_EXACT = "Every rating matches the gold rating."
EXACT_ASSISTANT = [
    "Helpfulness: you gave 4 (Good), the gold rating.",
    "Accuracy: you gave 5 (Excellent), the gold rating.",
    "Tone: you gave 3 (Acceptable), the gold rating.",
]
NOTHING_ASSISTANT = [
    "Helpfulness: not rated; gold 4 (Good).",
    "Accuracy: not rated; gold 5 (Excellent).",
    "Tone: not rated; gold 3 (Acceptable).",
]


def unrated(steps: str, *names: str) -> str:
    return f"Not rated, so counted as {steps} off: " + quoted(names) + "."


# Nothing rated on the 5-level scale: within 0/3 -> 1, mean (4+4+4)/3 = 4 -> 1;
# (3*1 + 1*1) / (3*5 + 1*5) = 4/20.
NOTHING = grade(
    "rate-assistant",
    "rating",
    0.2,
    False,
    correctness=crit(1, 0.0, LOW, *NOTHING_ASSISTANT),
    precision=crit(
        1,
        4.0,
        P1,
        "Mean distance from the gold ratings, in steps: 4.",
        unrated("4 steps", "Helpfulness", "Accuracy", "Tone"),
    ),
)

DECREASING = task(
    """
type: rating
id: rate-decreasing
prompt: Rate the summary.
response: A short summary to rate.
criteria:
  - {id: clarity, name: Clarity}
  - {id: safety, name: Safety}
  - {id: tone, name: "To\u0301ne \U0001f642"}
  - {id: format, name: Format}
levels:
  - {value: 10, name: Top}
  - {value: 5, name: Middle}
  - {value: 0, name: Bottom}
tolerance: 1
rubric: rating-measures
gold: {ratings: {clarity: 10, safety: 5, tone: 0, format: 10}}
"""
)
TONE = "To\u0301ne \U0001f642"

FROM_RUBRIC = task(
    """
type: rating
id: rate-with-rubric
prompt: Score this tagging against the tagging rubric.
text: "Ticket: I was charged twice. Tags given: Billing."
scale: tags-standard
rubric: rating-standard
gold: {ratings: {precision: 5, completeness: 3}}
"""
)

CASES = [
    (
        "the gold ratings: every criterion exact",
        ASSISTANT,
        {"ratings": {"helpfulness": 4, "accuracy": 5, "tone": 3}},
        grade(
            "rate-assistant",
            "rating",
            1.0,
            True,
            correctness=crit(5, 1.0, TOP, *EXACT_ASSISTANT),
            precision=crit(5, 0.0, P5, ALL_EXACT),
        ),
    ),
    (
        "one criterion a step off, tolerance 0: within 2/3 -> 3, mean 1/3 -> 3; (9 + 3) / 20",
        ASSISTANT,
        {"ratings": {"helpfulness": 3, "accuracy": 5, "tone": 3}},
        grade(
            "rate-assistant",
            "rating",
            0.6,
            False,
            correctness=crit(
                3,
                2 / 3,
                MID,
                "Helpfulness: you gave 3 (Acceptable), gold 4 (Good), 1 step off.",
                "Accuracy: you gave 5 (Excellent), the gold rating.",
                "Tone: you gave 3 (Acceptable), the gold rating.",
            ),
            precision=crit(3, 1 / 3, P3, "Mean distance from the gold ratings, in steps: 0.333."),
        ),
    ),
    (
        "two unrated criteria count as 4 steps each: within 1/3 -> 1, mean 8/3 -> 1; 4/20",
        ASSISTANT,
        {"ratings": {"helpfulness": 4}},
        grade(
            "rate-assistant",
            "rating",
            0.2,
            False,
            correctness=crit(
                1,
                1 / 3,
                LOW,
                "Helpfulness: you gave 4 (Good), the gold rating.",
                "Accuracy: not rated; gold 5 (Excellent).",
                "Tone: not rated; gold 3 (Acceptable).",
            ),
            precision=crit(
                1,
                8 / 3,
                P1,
                "Mean distance from the gold ratings, in steps: 2.67.",
                unrated("4 steps", "Accuracy", "Tone"),
            ),
        ),
    ),
    (
        "unknown criterion keys (and a different case) are ignored",
        ASSISTANT,
        {
            "ratings": {
                "helpfulness": 4,
                "accuracy": 5,
                "tone": 3,
                "extra": 1,
                "Helpfulness": 2,
                "constructor": 5,
            }
        },
        grade(
            "rate-assistant",
            "rating",
            1.0,
            True,
            correctness=crit(5, 1.0, TOP, *EXACT_ASSISTANT),
            precision=crit(5, 0.0, P5, ALL_EXACT),
        ),
    ),
    (
        "a whole float equal to a level counts and is shown as the level's value",
        ASSISTANT,
        {"ratings": {"helpfulness": 4.0, "accuracy": 5, "tone": 3.0}},
        grade(
            "rate-assistant",
            "rating",
            1.0,
            True,
            correctness=crit(5, 1.0, TOP, *EXACT_ASSISTANT),
            precision=crit(5, 0.0, P5, ALL_EXACT),
        ),
    ),
    (
        "values off the scale, text and true/false are not ratings",
        ASSISTANT,
        {"ratings": {"helpfulness": 4.5, "accuracy": "5", "tone": True}},
        blank(ASSISTANT),
    ),
    (
        "a value outside the levels (6, 0, -1) is not a rating",
        ASSISTANT,
        {"ratings": {"helpfulness": 6, "accuracy": 0, "tone": -1}},
        blank(ASSISTANT),
    ),
    ("ratings as a list are no answer", ASSISTANT, {"ratings": [4, 5, 3]}, blank(ASSISTANT)),
    ("empty ratings", ASSISTANT, {"ratings": {}}, blank(ASSISTANT)),
    ("empty response", ASSISTANT, {}, blank(ASSISTANT)),
    ("null response", ASSISTANT, None, blank(ASSISTANT)),
    ("text response", ASSISTANT, "4, 5, 3", blank(ASSISTANT)),
    (
        "steps by index on decreasing values 10, 5, 0: 10 vs 0 is 2 steps, not 10."
        " Distances 1, 0, 2 and unrated 2: within 2/4 -> 1, exact 1/4 -> 0,"
        " mean 5/4 -> 0, max 2 -> 0; 1/8",
        DECREASING,
        {"ratings": {"clarity": 5, "safety": 5, "tone": 10}},
        grade(
            "rate-decreasing",
            "rating",
            1 / 8,
            False,
            agree=crit(
                1,
                0.5,
                "half agree",
                "Clarity: you gave 5 (Middle), gold 10 (Top), 1 step off (within the tolerance).",
                "Safety: you gave 5 (Middle), the gold rating.",
                f"{TONE}: you gave 10 (Top), gold 0 (Bottom), 2 steps off.",
                "Format: not rated; gold 10 (Top).",
            ),
            exact=crit(
                0,
                0.25,
                "few exact",
                "Exactly the gold rating on 1 of 4 criteria.",
                unrated("2 steps", "Format"),
            ),
            mean=crit(
                0,
                1.25,
                "more",
                "Mean distance from the gold ratings, in steps: 1.25.",
                unrated("2 steps", "Format"),
            ),
            max=crit(
                0,
                2.0,
                "big gap",
                f"The largest gap is 2 steps, on {Q.format(TONE)}, {Q.format('Format')}.",
                unrated("2 steps", "Format"),
            ),
        ),
    ),
    (
        "tolerance 1: distances 0, 1, 0, 1 all agree (2), exact 2/4 (1), mean 2/4 (1),"
        " max 1 (1); 5/8 passes 0.5",
        DECREASING,
        {"ratings": {"clarity": 10, "safety": 10, "tone": 0, "format": 5}},
        grade(
            "rate-decreasing",
            "rating",
            5 / 8,
            True,
            agree=crit(
                2,
                1.0,
                "all agree",
                "Clarity: you gave 10 (Top), the gold rating.",
                "Safety: you gave 10 (Top), gold 5 (Middle), 1 step off (within the tolerance).",
                f"{TONE}: you gave 0 (Bottom), the gold rating.",
                "Format: you gave 5 (Middle), gold 10 (Top), 1 step off (within the tolerance).",
            ),
            exact=crit(1, 0.5, "half exact", "Exactly the gold rating on 2 of 4 criteria."),
            mean=crit(1, 0.5, "a step", "Mean distance from the gold ratings, in steps: 0.5."),
            max=crit(
                1,
                1.0,
                "one step gap",
                f"The largest gap is 1 step, on {Q.format('Safety')}, {Q.format('Format')}.",
            ),
        ),
    ),
    (
        "the gold on all four measures",
        DECREASING,
        {"ratings": {"clarity": 10, "safety": 5, "tone": 0, "format": 10}},
        grade(
            "rate-decreasing",
            "rating",
            1.0,
            True,
            agree=crit(
                2,
                1.0,
                "all agree",
                "Clarity: you gave 10 (Top), the gold rating.",
                "Safety: you gave 5 (Middle), the gold rating.",
                f"{TONE}: you gave 0 (Bottom), the gold rating.",
                "Format: you gave 10 (Top), the gold rating.",
            ),
            exact=crit(2, 1.0, "all exact", "Exactly the gold rating on 4 of 4 criteria."),
            mean=crit(2, 0.0, "no distance", ALL_EXACT),
            max=crit(2, 0.0, "no gap", ALL_EXACT),
        ),
    ),
    (
        "scale from a shared rubric (levels 5, 3, 1 best first): precision 3 vs gold 5 is"
        " 1 step; within 1/2 -> 1, mean 1/2 -> 3; (3 + 3) / 20",
        FROM_RUBRIC,
        {"ratings": {"precision": 3, "completeness": 3}},
        grade(
            "rate-with-rubric",
            "rating",
            0.3,
            False,
            correctness=crit(
                1,
                0.5,
                LOW,
                "Precision: you gave 3 (Acceptable), gold 5 (Gold standard), 1 step off.",
                "Completeness: you gave 3 (Acceptable), the gold rating.",
            ),
            precision=crit(3, 0.5, P3, "Mean distance from the gold ratings, in steps: 0.5."),
        ),
    ),
    (
        "scale from a shared rubric, opposite ends: 2 steps and 1 step, mean 3/2 -> 1",
        FROM_RUBRIC,
        {"ratings": {"precision": 1, "completeness": 5}},
        grade(
            "rate-with-rubric",
            "rating",
            0.2,
            False,
            correctness=crit(
                1,
                0.0,
                LOW,
                "Precision: you gave 1 (Needs re-annotation), gold 5 (Gold standard), 2 steps off.",
                "Completeness: you gave 5 (Gold standard), gold 3 (Acceptable), 1 step off.",
            ),
            precision=crit(1, 1.5, P1, "Mean distance from the gold ratings, in steps: 1.5."),
        ),
    ),
]


# Wrong checks made before the answer is shown: steps off, never the gold rating.
NOGOLD = [
    nogold(
        named(CASES, "one criterion a step off"),
        correctness=[
            "Helpfulness: you gave 3 (Acceptable), 1 step off.",
            "Accuracy: you gave 5 (Excellent), the gold rating.",
            "Tone: you gave 3 (Acceptable), the gold rating.",
        ],
    ),
    nogold(
        named(CASES, "two unrated criteria"),
        correctness=[
            "Helpfulness: you gave 4 (Good), the gold rating.",
            "Accuracy: not rated.",
            "Tone: not rated.",
        ],
    ),
]


if __name__ == "__main__":
    write(
        "rating",
        "Rating on a scale: within tolerance, exact, mean and max distance in steps;"
        " unrated criteria, unknown keys, values off the scale, scales from rubrics.",
        CASES + blank_cases("ratings", ASSISTANT) + NOGOLD,
    )
