"""Writes tests/vectors/pairwise.json: the better of two AI responses, or a tie.

Expected grades are worked out by hand from the definition of ``preference`` in
the trainer guide (1 same verdict, 0.5 a tie against a preference or the other way
round, 0 the other response or no answer), never computed by the grader.
Run: python tests/vectors/make_pairwise.py
"""

from __future__ import annotations

from common import blank, blank_cases, crit, grade, named, nogold, task_reader, write

task = task_reader()


PAIR = task(
    """
type: pairwise
id: pair
prompt: Which response is better?
text: "User: under 60 words, please."
responses:
  - {id: A, text: "Dear Marta,\\n\\nI regret to inform you..."}
  - {id: B, text: "Hi Marta \\U0001F44B, sorry to miss it! Cafe\\u0301 soon?"}
rubric: pairwise-standard
gold: {choice: B}
"""
)
TIE_GOLD = task(
    """
type: pairwise
id: tie-gold
prompt: Which response is better?
responses:
  - {id: A, text: "36."}
  - {id: B, text: "36, since 24 + 12 = 36."}
allow_tie: true
justification: required
rubric: pairwise-standard
gold: {choice: tie, justification: Both are correct; only the style differs.}
"""
)
TIE_ALLOWED = task(
    """
type: pairwise
id: tie-allowed
prompt: Which response is better?
responses:
  - {id: r1, text: "10,080 minutes"}
  - {id: r2, text: "10,800 minutes"}
allow_tie: true
justification: none
rubric: pairwise-standard
gold: {choice: r1}
"""
)
# pairwise-standard: Correctness (preference, weight 3, critical); 3 x 5 = 15 points.
P5 = "Your verdict is the gold verdict."
P3 = (
    "Half right: you called the responses equally good where one is better, or the other way round."
)
P1 = "You preferred the weaker response: the comparison would reward the wrong answer."
NONE = "You did not choose a response."


def verdict(tid, score, level, value, descriptor, note):
    return grade(
        tid, "pairwise", score, score >= 0.8, correctness=crit(level, value, descriptor, note)
    )


def no_answer(tid):
    return verdict(tid, 0.2, 1, 0.0, P1, NONE)


CASES = [
    (
        "the gold preference",
        PAIR,
        {"choice": "B", "justification": "B keeps to 45 words; A runs to 69."},
        verdict("pair", 1.0, 5, 1.0, P5, "You preferred B, as the gold answer does."),
    ),
    (
        "the other response: 0, a critical failure",
        PAIR,
        {"choice": "A"},
        verdict("pair", 0.2, 1, 0.0, P1, "You preferred A; the gold answer prefers B."),
    ),
    ("a tie where ties are not allowed is no answer", PAIR, {"choice": "tie"}, blank(PAIR)),
    ("ids are case-sensitive", PAIR, {"choice": "b"}, blank(PAIR)),
    ("a list is not a choice", PAIR, {"choice": ["B"]}, blank(PAIR)),
    ("a bare id is not a response", PAIR, "B", blank(PAIR)),
    ("empty response", PAIR, {}, blank(PAIR)),
    ("null response", PAIR, None, blank(PAIR)),
    (
        "a justification that is not text does not matter",
        PAIR,
        {"choice": "B", "justification": 42},
        verdict("pair", 1.0, 5, 1.0, P5, "You preferred B, as the gold answer does."),
    ),
    (
        "tie as gold, tie chosen",
        TIE_GOLD,
        {"choice": "tie", "justification": "Same answer, \u00e9l\u00e8ve \U0001f9ee."},
        verdict(
            "tie-gold",
            1.0,
            5,
            1.0,
            P5,
            "You judged the responses equally good, as the gold answer does.",
        ),
    ),
    (
        "tie as gold, a preference chosen: 0.5 -> 3, 9 / 15 = 0.6",
        TIE_GOLD,
        {"choice": "B"},
        verdict(
            "tie-gold",
            0.6,
            3,
            0.5,
            P3,
            "You preferred B; the gold answer judges the responses equally good.",
        ),
    ),
    (
        "a missing required justification is not graded",
        TIE_GOLD,
        {"choice": "tie", "justification": ""},
        verdict(
            "tie-gold",
            1.0,
            5,
            1.0,
            P5,
            "You judged the responses equally good, as the gold answer does.",
        ),
    ),
    (
        "a preference as gold, tie chosen: 0.5",
        TIE_ALLOWED,
        {"choice": "tie"},
        verdict(
            "tie-allowed",
            0.6,
            3,
            0.5,
            P3,
            "You judged the responses equally good; the gold answer prefers r1.",
        ),
    ),
    (
        "ties allowed, the other response: 0",
        TIE_ALLOWED,
        {"choice": "r2"},
        verdict("tie-allowed", 0.2, 1, 0.0, P1, "You preferred r2; the gold answer prefers r1."),
    ),
    (
        "ties allowed, the gold response",
        TIE_ALLOWED,
        {"choice": "r1"},
        verdict("tie-allowed", 1.0, 5, 1.0, P5, "You preferred r1, as the gold answer does."),
    ),
    ("ties allowed, Tie is not tie", TIE_ALLOWED, {"choice": "Tie"}, blank(TIE_ALLOWED)),
]


# Wrong checks made before the answer is shown: no preferred response named.
NOGOLD = [
    nogold(
        named(CASES, "the other response"),
        correctness=["You preferred A, which is not the answer."],
    ),
    nogold(
        named(CASES, "tie as gold, a preference chosen"),
        correctness=["You preferred B, which is not the answer."],
    ),
    nogold(
        named(CASES, "a preference as gold, tie chosen"),
        correctness=["You judged the responses equally good, but one is better."],
    ),
]


if __name__ == "__main__":
    write(
        "pairwise",
        "Pairwise preference: the same verdict, a tie against a preference (0.5), the "
        "other response; malformed choices count as no answer.",
        CASES + blank_cases("choice", PAIR) + NOGOLD,
    )
