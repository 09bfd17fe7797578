"""Writes tests/vectors/numeric.json: numeric exercises graded by hand.

Expected grades follow the definitions in tasktypes/numeric.py: within_tolerance
with the slack 1e-9 x max(1, |gold|), abs_error and rel_error capped at the largest
double, typed text read by the rule in numbers.py. The arithmetic is written next
to each case; floats that are not exact in binary are written as the subtraction
that defines them.
Run: python tests/vectors/make_numeric.py
"""

from __future__ import annotations

import copy

import yaml
from common import blank, blank_cases, crit, grade, named, nogold, task_reader, write

RUBRICS = {}  # this file's own rubrics, by id

MAX = 1.7976931348623157e308

RUBRICS["numeric-errors"] = yaml.safe_load(
    """
pass: 0.5
levels: [{value: 2, name: Good}, {value: 1, name: Fair}, {value: 0, name: Poor}]
criteria:
  - {id: within, name: Within, measure: within_tolerance,
     levels: {2: {min: 1, descriptor: in}, 0: {descriptor: out}}}
  - {id: abs, name: Absolute error, measure: abs_error,
     levels: {2: {max: 0.05, descriptor: close}, 1: {max: 1, descriptor: near}, 0: {descriptor: far}}}
"""
)
RUBRICS["numeric-relative"] = yaml.safe_load(
    """
pass: 0.5
levels: [{value: 2, name: Good}, {value: 0, name: Poor}]
criteria:
  - {id: within, name: Within, measure: within_tolerance,
     levels: {2: {min: 1, descriptor: in}, 0: {descriptor: out}}}
  - {id: rel, name: Relative error, measure: rel_error,
     levels: {2: {max: 0.01, descriptor: close}, 0: {descriptor: far}}}
"""
)
task = task_reader(RUBRICS)

KAPPA = task(
    """
type: numeric
id: kappa
prompt: Cohen's kappa?
tolerance: {absolute: 0.01}
rubric: numeric-standard
gold: {value: 0.62}
"""
)
C5 = "Your figure is within the stated tolerance of the answer."
C1 = (
    "Your figure is outside the tolerance: compare each step of the worked solution "
    "with yours to find where they part."
)
P5 = "Your figure is within 2 % of the answer."
P3 = "Your figure is within 10 % of the answer: usually a rounding slip or one step done differently."
P1 = (
    "Your figure is more than 10 % away from the answer, or there is no figure: the "
    "method itself needs another look."
)
NONE = "You did not enter a number."
NO_ERROR = "No error: your number is the answer."
# No answer: within 0 -> 1 (critical), rel_error MAX -> 1; (3 + 1) / 20.
KAPPA_NONE = grade(
    "kappa",
    "numeric",
    0.2,
    False,
    correctness=crit(1, 0.0, C1, NONE),
    precision=crit(1, MAX, P1, NONE),
)

PERCENT = task(
    """
type: numeric
id: percent-agreement
prompt: Percent agreement?
unit: "%"
tolerance: {absolute: 0.5}
rubric: numeric-errors
gold: {value: 85}
"""
)
PIXELS = task(
    """
type: numeric
id: offset
prompt: Signed offset of the left edge?
unit: px
tolerance: {relative: 0.1}
rubric: numeric-relative
gold: {value: -3.5}
"""
)
ZERO = task(
    """
type: numeric
id: zero
prompt: Kappa when agreement is exactly chance?
tolerance: {absolute: 0.05, relative: 0.5}
rubric: numeric-errors
gold: {value: 0}
"""
)
# The loader refuses a relative-only tolerance and rel_error on a gold of 0; the
# grader still defines them, for files made by hand or by older versions.
ZERO_RELATIVE = copy.deepcopy(ZERO)
ZERO_RELATIVE["id"] = "zero-relative"
ZERO_RELATIVE["tolerance"] = {"absolute": None, "relative": 0.5}
ZERO_RELATIVE["rubric"] = task(
    """
type: numeric
id: donor
prompt: x
tolerance: {relative: 0.1}
rubric: numeric-relative
gold: {value: 1}
"""
)["rubric"]
HUGE = task(
    """
type: numeric
id: huge
prompt: A huge negative figure
tolerance: {absolute: 1}
rubric: numeric-relative
gold: {value: -1.0e+308}
"""
)


def kappa_case(name, response, value, correctness, precision, score):
    return (
        name,
        KAPPA,
        response,
        grade(
            "kappa",
            "numeric",
            score,
            score >= 0.8,
            correctness=correctness,
            precision=precision,
        ),
    )


def outside(value: str) -> str:
    return f"You entered {value}; the answer is 0.62 (allowed ±\u00a00.01)."


CASES = [
    kappa_case(
        "the gold exactly",
        {"value": 0.62},
        0.62,
        crit(5, 1.0, C5, "You entered 0.62, exactly the answer."),
        crit(5, 0.0, P5, NO_ERROR),
        1.0,
    ),
    kappa_case(
        "0.63 is 0.010000000000000009 away in binary and still within 0.01 (slack);"
        " rel 0.01/0.62 = 0.0161 -> 5",
        {"value": 0.63},
        0.63,
        crit(
            5,
            1.0,
            C5,
            "You entered 0.63; the answer is 0.62 (allowed ±\u00a00.01), so yours counts as right.",
        ),
        crit(5, (0.63 - 0.62) / 0.62, P5, "Your number is off by 1.61\u00a0% of the answer."),
        1.0,
    ),
    kappa_case(
        "decimal comma, outside: 0.04 off; rel 0.0645 -> 3; critical fail, (3 + 3) / 20",
        {"value": "0,58"},
        0.58,
        crit(1, 0.0, C1, outside("0.58")),
        crit(3, (0.62 - 0.58) / 0.62, P3, "Your number is off by 6.45\u00a0% of the answer."),
        0.3,
    ),
    kappa_case(
        "text with spaces, a plus sign and no leading zero: +.615 is within",
        {"value": " +.615\u00a0"},
        0.615,
        crit(
            5,
            1.0,
            C5,
            "You entered 0.615; the answer is 0.62 (allowed ±\u00a00.01), so yours counts as right.",
        ),
        crit(5, (0.62 - 0.615) / 0.62, P5, "Your number is off by 0.806\u00a0% of the answer."),
        1.0,
    ),
    kappa_case(
        "a negative figure (Unicode minus): 1.24 off, rel 2 -> 1",
        {"value": "\u22120.62"},
        -0.62,
        crit(1, 0.0, C1, outside("-0.62")),
        crit(1, 2.0, P1, "Your number is off by 200\u00a0% of the answer."),
        0.2,
    ),
    kappa_case(
        "a huge number: rel 1e308/0.62 stays below the cap",
        {"value": 1e308},
        1e308,
        crit(1, 0.0, C1, outside("1e+308")),
        crit(1, (1e308 - 0.62) / 0.62, P1, "Your number is off by 1.61e+310\u00a0% of the answer."),
        0.2,
    ),
    ("'62%' without a % unit is not read", KAPPA, {"value": "62%"}, blank(KAPPA)),
    ("'NaN' as text is not a number", KAPPA, {"value": "NaN"}, blank(KAPPA)),
    ("'Infinity' as text is not a number", KAPPA, {"value": "Infinity"}, blank(KAPPA)),
    ("an exponent is not read", KAPPA, {"value": "6.2e-1"}, blank(KAPPA)),
    ("two separators are not read", KAPPA, {"value": "0.6.2"}, blank(KAPPA)),
    (
        "Arabic-Indic digits are not read",
        KAPPA,
        {"value": "\u0660\u066b\u0666\u0662"},
        blank(KAPPA),
    ),
    ("full-width digits are not read", KAPPA, {"value": "\uff10.\uff16\uff12"}, blank(KAPPA)),
    ("a sign alone is not a number", KAPPA, {"value": "-"}, blank(KAPPA)),
    ("a separator alone is not a number", KAPPA, {"value": ","}, blank(KAPPA)),
    ("21 digits are too many", KAPPA, {"value": "0." + "6" * 20}, blank(KAPPA)),
    ("65 characters are too many", KAPPA, {"value": "0.62" + " " * 61}, blank(KAPPA)),
    ("true is not a number", KAPPA, {"value": True}, blank(KAPPA)),
    ("null value", KAPPA, {"value": None}, blank(KAPPA)),
    ("a list is not a number", KAPPA, {"value": [0.62]}, blank(KAPPA)),
    ("empty response", KAPPA, {}, blank(KAPPA)),
    ("null response", KAPPA, None, blank(KAPPA)),
    ("a bare number is not a response", KAPPA, 0.62, blank(KAPPA)),
    (
        "unit %: '85 %' is exact",
        PERCENT,
        {"value": "85 %"},
        grade(
            "percent-agreement",
            "numeric",
            1.0,
            True,
            within=crit(2, 1.0, "in", "You entered 85\u00a0%, exactly the answer."),
            abs=crit(2, 0.0, "close", NO_ERROR),
        ),
    ),
    (
        "unit %: '84,6%' is 84.6, 0.4 off (0.4000000000000057 in binary), within 0.5;"
        " abs 0.4 -> 1; (2 + 1) / 4",
        PERCENT,
        {"value": "84,6%"},
        grade(
            "percent-agreement",
            "numeric",
            0.75,
            True,
            within=crit(
                2,
                1.0,
                "in",
                "You entered 84.6\u00a0%; the answer is 85\u00a0% (allowed ±\u00a00.5\u00a0%), so yours counts as right.",
            ),
            abs=crit(1, 85 - 84.6, "near", "Your number is off by 0.4\u00a0%."),
        ),
    ),
    (
        "unit %: a share instead of a percentage, 84.15 off",
        PERCENT,
        {"value": 0.85},
        grade(
            "percent-agreement",
            "numeric",
            0.0,
            False,
            within=crit(
                0,
                0.0,
                "out",
                "You entered 0.85\u00a0%; the answer is 85\u00a0% (allowed ±\u00a00.5\u00a0%).",
            ),
            abs=crit(0, 85 - 0.85, "far", "Your number is off by 84.15\u00a0%."),
        ),
    ),
    (
        "'1,250' is refused as ambiguous (1250 or 1.25): a blank, 0",
        PERCENT,
        {"value": "1,250"},
        blank(PERCENT),
    ),
    (
        "'0,250' has a zero whole part and reads as 0.25",
        PERCENT,
        {"value": "0,250"},
        grade(
            "percent-agreement",
            "numeric",
            0.0,
            False,
            within=crit(
                0,
                0.0,
                "out",
                "You entered 0.25\u00a0%; the answer is 85\u00a0% (allowed ±\u00a00.5\u00a0%).",
            ),
            abs=crit(0, 85 - 0.25, "far", "Your number is off by 84.75\u00a0%."),
        ),
    ),
    (
        "negative gold, relative 10 % of 3.5 = 0.35: '\u22123,2 px' is 0.3 off, within;"
        " rel 0.3/3.5 = 0.0857 -> 0; 2/4",
        PIXELS,
        {"value": "\u22123,2 px"},
        grade(
            "offset",
            "numeric",
            0.5,
            True,
            within=crit(
                2,
                1.0,
                "in",
                "You entered -3.2\u00a0px; the answer is -3.5\u00a0px (allowed ±\u00a010\u00a0% of the answer),"
                " so yours counts as right.",
            ),
            rel=crit(
                0, (3.5 - 3.2) / 3.5, "far", "Your number is off by 8.57\u00a0% of the answer."
            ),
        ),
    ),
    (
        "the wrong sign: 7 off, rel 2",
        PIXELS,
        {"value": 3.5},
        grade(
            "offset",
            "numeric",
            0.0,
            False,
            within=crit(
                0,
                0.0,
                "out",
                "You entered 3.5\u00a0px; the answer is -3.5\u00a0px (allowed ±\u00a010\u00a0% of the answer).",
            ),
            rel=crit(0, 2.0, "far", "Your number is off by 200\u00a0% of the answer."),
        ),
    ),
    (
        "the gold typed as text; the unit is optional",
        PIXELS,
        {"value": "-3.5"},
        grade(
            "offset",
            "numeric",
            1.0,
            True,
            within=crit(2, 1.0, "in", "You entered -3.5\u00a0px, exactly the answer."),
            rel=crit(2, 0.0, "close", NO_ERROR),
        ),
    ),
    (
        "gold 0 with both tolerances: 0.04 is within the absolute 0.05 (the relative bound is 0)",
        ZERO,
        {"value": 0.04},
        grade(
            "zero",
            "numeric",
            1.0,
            True,
            within=crit(
                2,
                1.0,
                "in",
                "You entered 0.04; the answer is 0 (allowed ±\u00a00.05 or ±\u00a050\u00a0% of the answer),"
                " so yours counts as right.",
            ),
            abs=crit(2, 0.04, "close", "Your number is off by 0.04."),
        ),
    ),
    (
        "gold 0: 0.06 is outside both (0.05 absolute, 50 % of 0 = 0 relative)",
        ZERO,
        {"value": "0.06"},
        grade(
            "zero",
            "numeric",
            0.25,
            False,
            within=crit(
                0,
                0.0,
                "out",
                "You entered 0.06; the answer is 0 (allowed ±\u00a00.05 or ±\u00a050\u00a0% of the answer).",
            ),
            abs=crit(1, 0.06, "near", "Your number is off by 0.06."),
        ),
    ),
    (
        "gold 0: -0 is 0 exactly",
        ZERO,
        {"value": "-0"},
        grade(
            "zero",
            "numeric",
            1.0,
            True,
            within=crit(2, 1.0, "in", "You entered 0, exactly the answer."),
            abs=crit(2, 0.0, "close", NO_ERROR),
        ),
    ),
    (
        "relative-only tolerance of gold 0: 1e-10 is inside the slack 1e-9;"
        " rel_error of any non-zero answer is MAX",
        ZERO_RELATIVE,
        {"value": 1e-10},
        grade(
            "zero-relative",
            "numeric",
            0.5,
            True,
            within=crit(
                2,
                1.0,
                "in",
                "You entered 1e-10; the answer is 0 (allowed ±\u00a050\u00a0% of the answer),"
                " so yours counts as right.",
            ),
            rel=crit(
                0,
                MAX,
                "far",
                "The answer is 0, so any other number is as far off as can be in relative terms.",
            ),
        ),
    ),
    (
        "relative-only tolerance of gold 0: 0.001 is outside",
        ZERO_RELATIVE,
        {"value": 0.001},
        grade(
            "zero-relative",
            "numeric",
            0.0,
            False,
            within=crit(
                0,
                0.0,
                "out",
                "You entered 0.001; the answer is 0 (allowed ±\u00a050\u00a0% of the answer).",
            ),
            rel=crit(
                0,
                MAX,
                "far",
                "The answer is 0, so any other number is as far off as can be in relative terms.",
            ),
        ),
    ),
    (
        "relative-only tolerance of gold 0: 0 is exact, rel_error 0",
        ZERO_RELATIVE,
        {"value": 0},
        grade(
            "zero-relative",
            "numeric",
            1.0,
            True,
            within=crit(2, 1.0, "in", "You entered 0, exactly the answer."),
            rel=crit(2, 0.0, "close", NO_ERROR),
        ),
    ),
    (
        "1e308 against -1e308: the difference overflows to infinity and is capped at MAX",
        HUGE,
        {"value": 1e308},
        grade(
            "huge",
            "numeric",
            0.0,
            False,
            within=crit(
                0, 0.0, "out", "You entered 1e+308; the answer is -1e+308 (allowed ±\u00a01)."
            ),
            rel=crit(0, MAX, "far", "Your number is off by 1.8e+310\u00a0% of the answer."),
        ),
    ),
]


# Wrong checks made before the answer is shown: how far off, never the answer.
NOGOLD = [
    nogold(
        named(CASES, "decimal comma, outside"),
        correctness=["You entered 0.58, further from the answer than allowed (\u00b1\u00a00.01)."],
    ),
    nogold(
        named(CASES, "gold 0: 0.06 is outside"),
        within=[
            "You entered 0.06, further from the answer than allowed"
            " (\u00b1\u00a00.05 or \u00b1\u00a050\u00a0% of the answer)."
        ],
    ),
    nogold(
        named(CASES, "relative-only tolerance of gold 0: 0.001 is outside"),
        within=[
            "You entered 0.001, further from the answer than allowed"
            " (\u00b1\u00a050\u00a0% of the answer)."
        ],
        rel=["Your number is as far off as can be in relative terms."],
    ),
]


if __name__ == "__main__":
    write(
        "numeric",
        "Numeric answers: absolute and relative tolerance, units, typed text (decimal comma,"
        " Unicode minus, ambiguous grouping), garbage, negative and zero gold, overflow.",
        CASES + blank_cases("value", KAPPA) + NOGOLD,
    )
