"""Writes tests/vectors/rank.json: ranking AI responses, graded by Kendall's tau,
its [0, 1] similarity, the share of pairs agreeing, top match and exact order.

Every expected value is worked out by hand below from the definitions in the
trainer guide (pairs listed in gold order, C agreeing and D reversed of P pairs:
tau = (C - D) / P), never computed by the grader.
Run: python tests/vectors/make_rank.py
"""

from __future__ import annotations

import yaml
from common import blank, blank_cases, crit, grade, named, nogold, task_reader, write

ORDER_MEASURES = yaml.safe_load(
    """
pass: 0.5
levels: [{value: 5, name: Gold standard}, {value: 3, name: Acceptable}, {value: 1, name: Needs re-annotation}]
criteria:
  - {id: similarity, name: Similarity, measure: tau_similarity,
     levels: {5: {min: 1, descriptor: same order}, 3: {min: 0.5, descriptor: closer than not}, 1: {descriptor: far}}}
  - {id: pairs, name: Pairs, measure: pairs_agreeing,
     levels: {5: {min: 1, descriptor: all pairs}, 3: {min: 0.5, descriptor: most pairs}, 1: {descriptor: few pairs}}}
  - {id: exact, name: Exact, measure: exact,
     levels: {5: {min: 1, descriptor: same order}, 1: {descriptor: another order}}}
"""
)


task = task_reader({"order-measures": ORDER_MEASURES})


# Three responses shown A, B, C; gold C > A > B. Pairs in gold order: (C, A), (C, B), (A, B).
THREE = task(
    """
type: rank
id: three
prompt: Rank the responses, best first.
text: "User: is it ruined?"
responses:
  - {id: A, text: "Probably fine."}
  - {id: B, text: "Throw it away."}
  - {id: C, text: "Not ruined: feed it.\\n\\nDiscard all but a spoonful."}
rubric: rank-standard
gold: {order: [C, A, B]}
"""
)
# rank-standard: Correctness (kendall_tau, weight 3, critical) and Top choice
# (top_match, weight 1); 5 x 4 = 20 points; pass 0.7.
T5 = "Every pair of responses is in the gold order."
T3 = "Mostly in the gold order: one or two close calls are the wrong way round."
T1 = (
    "Many pairs are the wrong way round: the ranking would teach the model to prefer worse answers."
)
TOP5 = "The response you put first is the best one."
TOP1 = "The response you put first is not the best one."
ALL_PAIRS = "Every pair of responses is in the gold order."
NONE = "You did not give a complete order of the responses."


def pair(lower: str, higher: str) -> str:
    return f"You ranked {lower} above {higher}; the gold order has {higher} above {lower}."


def top_right(rid: str) -> str:
    return f"Your first choice, {rid}, is also first in the gold order."


def top_wrong(rid: str, gold: str) -> str:
    return f"You put {rid} first; the gold order puts {gold} first."


def no_answer_three():
    return grade(
        "three",
        "rank",
        0.2,
        False,
        correctness=crit(1, -1.0, T1, NONE),
        **{"top-choice": crit(1, 0.0, TOP1, NONE)},
    )


# Four responses shown A, B, C, D with Unicode text; gold B > D > A > C.
# Pairs in gold order: (B, D), (B, A), (B, C), (D, A), (D, C), (A, C): P = 6.
FOUR = task(
    """
type: rank
id: four
prompt: Rank the four responses.
responses:
  - {id: A, text: "Cafe\\u0301 na\\u00efve r\\u00e9sum\\u00e9 \\u2615"}
  - {id: B, text: "\\U0001F44D\\U0001F3FD thumbs up, \\u4f60\\u597d"}
  - {id: C, text: "<b>not bold</b> & not HTML"}
  - {id: D, text: "\\u0645\\u0631\\u062d\\u0628\\u0627 right-to-left"}
justification: required
rubric: order-measures
gold: {order: [B, D, A, C], justification: "B is accurate and short."}
"""
)


SAME, CLOSER, FAR = "same order", "closer than not", "far"


def four(score, passed, similarity, pairs, exact, *notes):
    """A grade of FOUR; similarity, pairs and exact are (level, value) worked out by hand."""
    pair_words = {5: "all pairs", 3: "most pairs", 1: "few pairs"}
    exact_words = {5: "same order", 1: "another order"}
    similarity_words = {5: SAME, 3: CLOSER, 1: FAR}
    return grade(
        "four",
        "rank",
        score,
        passed,
        similarity=crit(similarity[0], similarity[1], similarity_words[similarity[0]], *notes),
        pairs=crit(pairs[0], pairs[1], pair_words[pairs[0]], *notes),
        exact=crit(exact[0], exact[1], exact_words[exact[0]], *notes),
    )


# Two responses: one pair. Shown X, Y; gold Y > X.
TWO = task(
    """
type: rank
id: two
prompt: Which order?
responses:
  - {id: X, text: "first shown"}
  - {id: Y, text: "second shown"}
rubric: rank-standard
gold: {order: [Y, X]}
"""
)

CASES = [
    (
        "gold order: tau 1, top match",
        THREE,
        {"order": ["C", "A", "B"]},
        grade(
            "three",
            "rank",
            1.0,
            True,
            correctness=crit(5, 1.0, T5, ALL_PAIRS),
            **{"top-choice": crit(5, 1.0, TOP5, top_right("C"))},
        ),
    ),
    (
        "lower pair swapped: C=2, D=1, tau 1/3 -> 3; top right: (9 + 5) / 20 = 0.7 passes",
        THREE,
        {"order": ["C", "B", "A"], "justification": "C is the only accurate one."},
        grade(
            "three",
            "rank",
            0.7,
            True,
            correctness=crit(3, 1 / 3, T3, pair("B", "A")),
            **{"top-choice": crit(5, 1.0, TOP5, top_right("C"))},
        ),
    ),
    (
        "top pair swapped: tau 1/3 -> 3, top wrong: (9 + 1) / 20",
        THREE,
        {"order": ["A", "C", "B"]},
        grade(
            "three",
            "rank",
            0.5,
            False,
            correctness=crit(3, 1 / 3, T3, pair("A", "C")),
            **{"top-choice": crit(1, 0.0, TOP1, top_wrong("A", "C"))},
        ),
    ),
    (
        "reversed: tau -1, every pair noted in gold order",
        THREE,
        {"order": ["B", "A", "C"]},
        grade(
            "three",
            "rank",
            0.2,
            False,
            correctness=crit(1, -1.0, T1, pair("A", "C"), pair("B", "C"), pair("B", "A")),
            **{"top-choice": crit(1, 0.0, TOP1, top_wrong("B", "C"))},
        ),
    ),
    (
        "the order shown, untouched: C=1, D=2, tau -1/3",
        THREE,
        {"order": ["A", "B", "C"]},
        grade(
            "three",
            "rank",
            0.2,
            False,
            correctness=crit(1, -1 / 3, T1, pair("A", "C"), pair("B", "C")),
            **{"top-choice": crit(1, 0.0, TOP1, top_wrong("A", "C"))},
        ),
    ),
    ("a missing id is no answer: a blank, 0", THREE, {"order": ["C", "A"]}, blank(THREE)),
    ("a repeated id is no answer", THREE, {"order": ["C", "A", "A"]}, blank(THREE)),
    ("an unknown id is no answer", THREE, {"order": ["C", "A", "Z"]}, blank(THREE)),
    ("an extra id is no answer", THREE, {"order": ["C", "A", "B", "D"]}, blank(THREE)),
    ("ids are case-sensitive", THREE, {"order": ["c", "a", "b"]}, blank(THREE)),
    ("numbers are not ids", THREE, {"order": [1, 2, 3]}, blank(THREE)),
    ("an order that is not a list", THREE, {"order": "CAB"}, blank(THREE)),
    ("empty response", THREE, {}, blank(THREE)),
    ("null response", THREE, None, blank(THREE)),
    ("a list instead of a response", THREE, ["C", "A", "B"], blank(THREE)),
    (
        "four: gold order, all three measures at the top",
        FOUR,
        {"order": ["B", "D", "A", "C"], "justification": "B \U0001f44d\U0001f3fd, then D."},
        four(1.0, True, (5, 1.0), (5, 1.0), (5, 1.0), ALL_PAIRS),
    ),
    (
        "four: last pair swapped: C=5, D=1, tau 4/6; similarity and pairs 5/6: (3+3+1)/15",
        FOUR,
        {"order": ["B", "D", "C", "A"]},
        four(7 / 15, False, (3, 5 / 6), (3, 5 / 6), (1, 0.0), pair("C", "A")),
    ),
    (
        "four: first pair swapped gives the same values, another note",
        FOUR,
        {"order": ["D", "B", "A", "C"]},
        four(7 / 15, False, (3, 5 / 6), (3, 5 / 6), (1, 0.0), pair("D", "B")),
    ),
    (
        "four: two pairs swapped: C=4, D=2, tau 1/3; similarity and pairs 2/3",
        FOUR,
        {"order": ["D", "B", "C", "A"]},
        four(7 / 15, False, (3, 2 / 3), (3, 2 / 3), (1, 0.0), pair("D", "B"), pair("C", "A")),
    ),
    (
        "four: reversed: every measure 0, six pairs noted",
        FOUR,
        {"order": ["C", "A", "D", "B"]},
        four(
            0.2,
            False,
            (1, 0.0),
            (1, 0.0),
            (1, 0.0),
            pair("D", "B"),
            pair("A", "B"),
            pair("C", "B"),
            pair("A", "D"),
            pair("C", "D"),
            pair("C", "A"),
        ),
    ),
    (
        "four: an empty order with a justification: a blank, 0",
        FOUR,
        {"order": [], "justification": "I could not decide."},
        blank(FOUR),
    ),
    (
        "a required justification that is missing is not graded: the order still is",
        FOUR,
        {"order": ["B", "D", "A", "C"]},
        four(1.0, True, (5, 1.0), (5, 1.0), (5, 1.0), ALL_PAIRS),
    ),
    (
        "a justification that is not text is ignored",
        FOUR,
        {"order": ["B", "D", "A", "C"], "justification": {"text": "x"}},
        four(1.0, True, (5, 1.0), (5, 1.0), (5, 1.0), ALL_PAIRS),
    ),
    (
        "two responses in gold order",
        TWO,
        {"order": ["Y", "X"]},
        grade(
            "two",
            "rank",
            1.0,
            True,
            correctness=crit(5, 1.0, T5, ALL_PAIRS),
            **{"top-choice": crit(5, 1.0, TOP5, top_right("Y"))},
        ),
    ),
    (
        "two responses the wrong way round: tau -1",
        TWO,
        {"order": ["X", "Y"]},
        grade(
            "two",
            "rank",
            0.2,
            False,
            correctness=crit(1, -1.0, T1, pair("X", "Y")),
            **{"top-choice": crit(1, 0.0, TOP1, top_wrong("X", "Y"))},
        ),
    ),
]


# Wrong checks made before the answer is shown: how many pairs, not which.
NOGOLD = [
    nogold(
        named(CASES, "top pair swapped"),
        correctness=["Pairs of responses in the wrong order: 1."],
        **{"top-choice": ["You put A first, but it is not the best response."]},
    ),
    nogold(
        named(CASES, "four: two pairs swapped"),
        similarity=["Pairs of responses in the wrong order: 2."],
        pairs=["Pairs of responses in the wrong order: 2."],
        exact=["Pairs of responses in the wrong order: 2."],
    ),
]


if __name__ == "__main__":
    write(
        "rank",
        "Ranking: Kendall's tau, tau similarity, pairs agreeing, top match, exact; "
        "malformed orders count as no answer.",
        CASES + blank_cases("order", THREE) + NOGOLD,
    )
