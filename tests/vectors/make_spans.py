"""Writes tests/vectors/spans.json: grading cases for the spans task type.

Every expected grade is worked out by hand from the definitions in the
``annotrain.tasktypes.spans`` docstring (exact match, references, boundary and
label accuracy), never computed by the grader. Offsets are Unicode code points;
the Unicode task proves that Python and the browser read them alike (a span after
an emoji, a combining diaeresis, CJK characters, an end past the code-point length
that would still fit in UTF-16 units).
Run: python tests/vectors/make_spans.py
"""

from __future__ import annotations

import yaml
from common import blank, blank_cases, crit, grade, named, nogold, task_reader, write

MEASURES = yaml.safe_load(
    """
pass: 0.5
levels: [{value: 2, name: Exact}, {value: 1, name: Partly}, {value: 0, name: Far}]
criteria:
  - {id: f1, name: F1, measure: f1,
     levels: {2: {min: 1, descriptor: f1 all}, 1: {min: 0.5, descriptor: f1 half}, 0: {descriptor: f1 low}}}
  - {id: boundary, name: Boundary, measure: boundary_accuracy,
     levels: {2: {min: 1, descriptor: b all}, 1: {min: 0.5, descriptor: b half}, 0: {descriptor: b low}}}
  - {id: labels, name: Labels, measure: label_accuracy,
     levels: {2: {min: 1, descriptor: l all}, 1: {min: 0.5, descriptor: l half}, 0: {descriptor: l low}}}
  - {id: precision, name: Precision, measure: precision,
     levels: {2: {min: 1, descriptor: p all}, 1: {min: 0.5, descriptor: p half}, 0: {descriptor: p low}}}
  - {id: recall, name: Recall, measure: recall,
     levels: {2: {min: 1, descriptor: r all}, 1: {min: 0.5, descriptor: r half}, 0: {descriptor: r low}}}
"""
)


task = task_reader({"spans-measures": MEASURES})


def span(start, end, label):
    return {"start": start, "end": end, "label": label}


# "Ada Lovelace met Charles Babbage in London, in June 1833." (57 code points):
# Ada Lovelace 0-12, met 13-16, Charles Babbage 17-32, London 36-42, "," 42-43,
# June 1833 47-56.
NEWS = task(
    """
type: spans
id: news
prompt: Mark the entities.
text: Ada Lovelace met Charles Babbage in London, in June 1833.
labels: [Person, Location, Date, Organization]
rubric: spans-standard
gold:
  spans:
    - {text: London, label: Location}
    - {start: 0, end: 12, label: Person, text: Ada Lovelace}
    - {text: June 1833, label: Date}
    - {text: Charles Babbage, label: Person}
"""
)
ADA, CHARLES, LONDON, JUNE = (
    span(0, 12, "Person"),
    span(17, 32, "Person"),
    span(36, 42, "Location"),
    span(47, 56, "Date"),
)
C5 = "Every span you marked on an entity carries the entity type the guideline calls for."
C3 = "Most entity types are right, but one or more entities carry the wrong type."
C1 = "Many entities carry the wrong type, or none was marked: the model would learn the wrong categories."
R5 = "Every gold entity was marked, with exactly its boundaries and label."
R3 = (
    "At least three in four gold entities were marked exactly; "
    "the rest were missed or marked with an error."
)
R1 = "Fewer than three in four gold entities were marked exactly."
P5 = (
    "Every span you marked matches a gold entity exactly: "
    "no extra words or punctuation, no stray spans."
)
P3 = (
    "At least three in four of your spans are exact; "
    "the others have boundary or label errors, or are not entities."
)
P1 = (
    "Fewer than three in four of your spans are exact: "
    "stray and misplaced spans would pollute the data."
)

LABELS_RIGHT = "Every span you marked on a gold entity has the gold label."
BOUNDARIES_RIGHT = "Every span you gave a gold label has the gold boundaries."
NONE = "You did not mark any span."
GOLD_EMPTY = "The gold answer has no spans: there was nothing to mark."


def found(count, total):
    return f"Gold spans you marked exactly: {count} of {total}."


def correct(*items):
    return "Correct: " + ", ".join(items) + "."


def missed(item):
    return f"Missed {item}."


def inexact(*items):
    return "Marked, but not exactly: " + ", ".join(items) + "."


def news(name, response, score, passed, correctness, completeness, precision):
    return (
        name,
        NEWS,
        response,
        grade(
            "news",
            "spans",
            score,
            passed,
            correctness=correctness,
            completeness=completeness,
            precision=precision,
        ),
    )


ALL_NEWS = correct(
    "“Ada Lovelace” (Person)",
    "“Charles Babbage” (Person)",
    "“London” (Location)",
    "“June 1833” (Date)",
)

NEWS_CASES = [
    news(
        "exact gold in any order: every measure 1",
        {"spans": [JUNE, LONDON, ADA, CHARLES]},
        1.0,
        True,
        crit(5, 1.0, C5, LABELS_RIGHT),
        crit(5, 1.0, R5, found(4, 4)),
        crit(5, 1.0, P5, ALL_NEWS),
    ),
    news(
        "boundary error with the comma: labels 1, recall and precision 3/4: (15+6+3)/30 = 0.8",
        {"spans": [ADA, CHARLES, span(36, 43, "Location"), JUNE]},
        0.8,
        True,
        crit(5, 1.0, C5, LABELS_RIGHT),
        crit(3, 0.75, R3, found(3, 4), inexact("“London” (Location)")),
        crit(
            3,
            0.75,
            P3,
            correct("“Ada Lovelace” (Person)", "“Charles Babbage” (Person)", "“June 1833” (Date)"),
            "“London,” (Location): boundary error, includes trailing punctuation “,”; "
            "the gold span is “London”.",
        ),
    ),
    news(
        "a date labelled Person: labels 3/4 (3), recall 3/4 (3), precision 3/4 (3): 18/30",
        {"spans": [ADA, CHARLES, LONDON, span(47, 56, "Person")]},
        0.6,
        False,
        crit(3, 0.75, C3, "“June 1833” is labelled Person; the gold label is Date."),
        crit(3, 0.75, R3, found(3, 4), inexact("“June 1833” (Date)")),
        crit(
            3,
            0.75,
            P3,
            correct("“Ada Lovelace” (Person)", "“Charles Babbage” (Person)", "“London” (Location)"),
            "“June 1833” is labelled Person; the gold label is Date.",
        ),
    ),
    news(
        "one missed, one spurious: spurious spans do not count for labels: (15+6+3)/30",
        {"spans": [ADA, span(13, 16, "Organization"), LONDON, JUNE]},
        0.8,
        True,
        crit(5, 1.0, C5, LABELS_RIGHT),
        crit(3, 0.75, R3, found(3, 4), missed("“Charles Babbage” (Person)")),
        crit(
            3,
            0.75,
            P3,
            correct("“Ada Lovelace” (Person)", "“London” (Location)", "“June 1833” (Date)"),
            "“met” (Organization): not an entity in the gold answer (spurious).",
        ),
    ),
    news(
        "every gold span plus two stray ones: recall 1, but precision 4/6 is critical: 26/30",
        {"spans": [ADA, span(13, 16, "Organization"), CHARLES, LONDON, span(44, 46, "Date"), JUNE]},
        26 / 30,
        False,
        crit(5, 1.0, C5, LABELS_RIGHT),
        crit(5, 1.0, R5, found(4, 4)),
        crit(
            1,
            4 / 6,
            P1,
            ALL_NEWS,
            "“met” (Organization): not an entity in the gold answer (spurious).",
            "“in” (Date): not an entity in the gold answer (spurious).",
        ),
    ),
    news(
        "wrong label and boundaries at once: a label error for labels, 18/30",
        {"spans": [ADA, span(25, 32, "Location"), LONDON, JUNE]},
        0.6,
        False,
        crit(
            3,
            0.75,
            C3,
            "“Babbage” (Location): wrong label and boundaries; "
            "the gold span there is “Charles Babbage” (Person).",
        ),
        crit(3, 0.75, R3, found(3, 4), inexact("“Charles Babbage” (Person)")),
        crit(
            3,
            0.75,
            P3,
            correct("“Ada Lovelace” (Person)", "“London” (Location)", "“June 1833” (Date)"),
            "“Babbage” (Location): wrong label and boundaries; "
            "the gold span there is “Charles Babbage” (Person).",
        ),
    ),
    news(
        "a span over two gold spans refers to the larger overlap (8 > 7); the other is missed",
        {"spans": [span(4, 24, "Person")]},
        0.6,
        False,
        crit(5, 1.0, C5, LABELS_RIGHT),
        crit(
            1,
            0.0,
            R1,
            found(0, 4),
            missed("“Charles Babbage” (Person)"),
            missed("“London” (Location)"),
            missed("“June 1833” (Date)"),
            inexact("“Ada Lovelace” (Person)"),
        ),
        crit(
            1,
            0.0,
            P1,
            "“Lovelace met Charles” (Person): boundary error, leaves out “Ada” at the start; "
            "includes “met Charles” at the end; the gold span is “Ada Lovelace”.",
        ),
    ),
    (
        "no answer: a blank, 0",
        NEWS,
        {},
        blank(NEWS),
    ),
    ("spans that are not a list: a blank, 0", NEWS, {"spans": "Ada Lovelace"}, blank(NEWS)),
    news(
        "malformed items are dropped, repeats count once, 17.0 is a whole number: (15+2+5)/30",
        {
            "spans": [
                ADA,
                {"start": "0", "end": 12, "label": "Person"},
                {"start": 12, "end": 0, "label": "Person"},
                {"start": 0, "end": 58, "label": "Person"},
                {"start": -1, "end": 3, "label": "Person"},
                {"start": 0.5, "end": 12, "label": "Person"},
                {"start": True, "end": 12, "label": "Person"},
                {"start": 36, "end": 42, "label": "person"},
                {"start": 36, "end": 42, "label": ["Location"]},
                {"start": 36, "end": 42},
                ["x"],
                None,
                ADA,
                {"start": 17.0, "end": 32.0, "label": "Person"},
            ]
        },
        22 / 30,
        False,
        crit(5, 1.0, C5, LABELS_RIGHT),
        crit(
            1,
            0.5,
            R1,
            found(2, 4),
            missed("“London” (Location)"),
            missed("“June 1833” (Date)"),
        ),
        crit(5, 1.0, P5, correct("“Ada Lovelace” (Person)", "“Charles Babbage” (Person)")),
    ),
]

EMPTY = task(
    """
type: spans
id: no-entities
prompt: Mark the people, if any.
text: Nothing to see here today.
labels: [Person]
rubric: spans-standard
gold: {spans: []}
"""
)

EMPTY_CASES = [
    (
        "empty gold, empty answer: every measure 1",
        EMPTY,
        {"spans": []},
        grade(
            "no-entities",
            "spans",
            1.0,
            True,
            correctness=crit(5, 1.0, C5, GOLD_EMPTY),
            completeness=crit(5, 1.0, R5, GOLD_EMPTY),
            precision=crit(5, 1.0, P5, NONE),
        ),
    ),
    (
        "empty gold, one span: (15+10+1)/30 is above the mark, but critical precision fails",
        EMPTY,
        {"spans": [span(20, 25, "Person")]},
        grade(
            "no-entities",
            "spans",
            26 / 30,
            False,
            correctness=crit(5, 1.0, C5, GOLD_EMPTY),
            completeness=crit(5, 1.0, R5, GOLD_EMPTY),
            precision=crit(
                1, 0.0, P1, "“today” (Person): not an entity in the gold answer (spurious)."
            ),
        ),
    ),
]

# "Zoe\u0308 flew 🛫 from 東京 to Paris with Ana." is 38 code points (39 UTF-16 units):
# Zoë 0-4 (e + U+0308), 🛫 10-11, 東京 17-19, Paris 23-28, Ana 34-37.
UNICODE = task(
    """
type: spans
id: unicode
prompt: Mark the people and places.
text: "Zoe\\u0308 flew \\U0001F6EB from \\u6771\\u4eac to Paris with Ana."
labels: [Person, Location]
rubric: spans-measures
gold:
  spans:
    - {start: 23, end: 28, label: Location, text: Paris}
    - {text: "Zoe\\u0308", label: Person}
    - {text: "\\u6771\\u4eac", label: Location}
    - {start: 34, end: 37, label: Person}
"""
)
ZOE = "Zoe\u0308"


def measures(tid, score, passed, f1, boundary, labels, precision, recall):
    return grade(
        tid,
        "spans",
        score,
        passed,
        f1=f1,
        boundary=boundary,
        labels=labels,
        precision=precision,
        recall=recall,
    )


U_CORRECT = correct(
    f"“{ZOE}” (Person)", "“東京” (Location)", "“Paris” (Location)", "“Ana” (Person)"
)
U_ZOE = f"“Zoe” (Person): boundary error, leaves out “\u0308” at the end; the gold span is “{ZOE}”."
U_PLANE = "“🛫” (Location): not an entity in the gold answer (spurious)."
U_EAST = "“東” (Location): boundary error, leaves out “京” at the end; the gold span is “東京”."
U_PARIS = (
    "“to Paris” (Location): boundary error, includes “to” at the start; the gold span is “Paris”."
)
U_GOLD = (found(1, 4), inexact(f"“{ZOE}” (Person)", "“東京” (Location)", "“Paris” (Location)"))

UNICODE_CASES = [
    (
        "code points: combining mark, emoji, CJK; exact answer",
        UNICODE,
        {
            "spans": [
                span(34, 37, "Person"),
                span(23, 28, "Location"),
                span(17, 19, "Location"),
                span(0, 4, "Person"),
            ]
        },
        measures(
            "unicode",
            1.0,
            True,
            crit(2, 1.0, "f1 all", U_CORRECT, found(4, 4)),
            crit(2, 1.0, "b all", BOUNDARIES_RIGHT),
            crit(2, 1.0, "l all", LABELS_RIGHT),
            crit(2, 1.0, "p all", U_CORRECT),
            crit(2, 1.0, "r all", found(4, 4)),
        ),
    ),
    (
        "offsets after an emoji are code points; end 39 fits UTF-16 but not code points: "
        "P 1/5, R 1/4, F1 2/9, boundaries 1/4, labels 4/4",
        UNICODE,
        {
            "spans": [
                span(34, 37, "Person"),
                span(20, 28, "Location"),
                span(17, 18, "Location"),
                span(10, 11, "Location"),
                span(0, 3, "Person"),
                span(34, 39, "Person"),
            ]
        },
        measures(
            "unicode",
            0.2,
            False,
            crit(
                0,
                2 / 9,
                "f1 low",
                correct("“Ana” (Person)"),
                U_ZOE,
                U_PLANE,
                U_EAST,
                U_PARIS,
                *U_GOLD,
            ),
            crit(0, 0.25, "b low", U_ZOE, U_EAST, U_PARIS),
            crit(2, 1.0, "l all", LABELS_RIGHT),
            crit(0, 0.2, "p low", correct("“Ana” (Person)"), U_ZOE, U_PLANE, U_EAST, U_PARIS),
            crit(0, 0.25, "r low", *U_GOLD),
        ),
    ),
]

# "She studied at the University of Ghana in Accra." with nested spans allowed:
# University of Ghana 19-38 (Organization) holds Ghana 33-38 (Location); Accra 42-47.
NESTED = task(
    """
type: spans
id: nested
prompt: Mark organizations and places, nested ones too.
text: She studied at the University of Ghana in Accra.
labels: [Organization, Location]
overlap: true
rubric: spans-measures
gold:
  spans:
    - {text: Accra, label: Location}
    - {text: Ghana, label: Location}
    - {text: University of Ghana, label: Organization}
"""
)
UNI, GHANA, ACCRA = span(19, 38, "Organization"), span(33, 38, "Location"), span(42, 47, "Location")
N_CORRECT = correct("“University of Ghana” (Organization)", "“Accra” (Location)")
N_OF = (
    "“of Ghana” (Location): boundary error, includes “of” at the start; the gold span is “Ghana”."
)
N_LABEL = "“Ghana” is labelled Organization; the gold label is Location."

NESTED_CASES = [
    (
        "inner entity missed: overlapped by a correct span, but nobody's reference",
        NESTED,
        {"spans": [ACCRA, UNI]},
        measures(
            "nested",
            0.8,
            True,
            crit(1, 0.8, "f1 half", N_CORRECT, found(2, 3), missed("“Ghana” (Location)")),
            crit(2, 1.0, "b all", BOUNDARIES_RIGHT),
            crit(2, 1.0, "l all", LABELS_RIGHT),
            crit(2, 1.0, "p all", N_CORRECT),
            crit(1, 2 / 3, "r half", found(2, 3), missed("“Ghana” (Location)")),
        ),
    ),
    (
        "references prefer the same range, then the same label, then the larger overlap",
        NESTED,
        {"spans": [UNI, span(33, 38, "Organization"), ACCRA, span(30, 38, "Location")]},
        measures(
            "nested",
            0.5,
            True,
            crit(
                1,
                4 / 7,
                "f1 half",
                N_CORRECT,
                N_OF,
                N_LABEL,
                found(2, 3),
                inexact("“Ghana” (Location)"),
            ),
            crit(1, 2 / 3, "b half", N_OF),
            crit(1, 0.75, "l half", N_LABEL),
            crit(1, 0.5, "p half", N_CORRECT, N_OF, N_LABEL),
            crit(1, 2 / 3, "r half", found(2, 3), inexact("“Ghana” (Location)")),
        ),
    ),
    (
        "no answer to a nested gold: 0 everywhere, with no boundaries or labels to judge",
        NESTED,
        {"spans": []},
        measures(
            "nested",
            0.0,
            False,
            crit(
                0,
                0.0,
                "f1 low",
                NONE,
                found(0, 3),
                missed("“University of Ghana” (Organization)"),
                missed("“Ghana” (Location)"),
                missed("“Accra” (Location)"),
            ),
            crit(0, 0.0, "b low", NONE),
            crit(0, 0.0, "l low", NONE),
            crit(0, 0.0, "p low", NONE),
            crit(
                0,
                0.0,
                "r low",
                found(0, 3),
                missed("“University of Ghana” (Organization)"),
                missed("“Ghana” (Location)"),
                missed("“Accra” (Location)"),
            ),
        ),
    ),
    (
        "only a spurious span: nothing to judge for boundaries or labels",
        NESTED,
        {"spans": [span(0, 3, "Organization")]},
        measures(
            "nested",
            0.0,
            False,
            crit(
                0,
                0.0,
                "f1 low",
                "“She” (Organization): not an entity in the gold answer (spurious).",
                found(0, 3),
                missed("“University of Ghana” (Organization)"),
                missed("“Ghana” (Location)"),
                missed("“Accra” (Location)"),
            ),
            crit(
                0,
                0.0,
                "b low",
                "None of your spans overlaps a gold span with the same label, "
                "so no boundaries could be compared.",
            ),
            crit(0, 0.0, "l low", "None of your spans overlaps a gold span."),
            crit(
                0,
                0.0,
                "p low",
                "“She” (Organization): not an entity in the gold answer (spurious).",
            ),
            crit(
                0,
                0.0,
                "r low",
                found(0, 3),
                missed("“University of Ghana” (Organization)"),
                missed("“Ghana” (Location)"),
                missed("“Accra” (Location)"),
            ),
        ),
    ),
]


# Wrong checks made before the answer is shown: no gold span, label or text named.
ALL_CASES = NEWS_CASES + EMPTY_CASES + UNICODE_CASES + NESTED_CASES
NOGOLD = [
    nogold(
        named(ALL_CASES, "a date labelled Person"),
        correctness=[
            "\u201cJune 1833\u201d is labelled Person, which is not its label in the answer."
        ],
        completeness=[
            "Gold spans you marked exactly: 3 of 4.",
            "Entities marked, but not exactly: 1.",
        ],
        precision=[
            "Correct: \u201cAda Lovelace\u201d (Person), \u201cCharles Babbage\u201d (Person),"
            " \u201cLondon\u201d (Location).",
            "\u201cJune 1833\u201d is labelled Person, which is not its label in the answer.",
        ],
    ),
    nogold(
        named(ALL_CASES, "wrong label and boundaries at once"),
        correctness=["\u201cBabbage\u201d (Location): wrong label and boundaries."],
        completeness=[
            "Gold spans you marked exactly: 3 of 4.",
            "Entities marked, but not exactly: 1.",
        ],
        precision=[
            "Correct: \u201cAda Lovelace\u201d (Person), \u201cLondon\u201d (Location),"
            " \u201cJune 1833\u201d (Date).",
            "\u201cBabbage\u201d (Location): wrong label and boundaries.",
        ],
    ),
    nogold(
        named(ALL_CASES, "a span over two gold spans"),
        completeness=[
            "Gold spans you marked exactly: 0 of 4.",
            "Entities missed: 3.",
            "Entities marked, but not exactly: 1.",
        ],
        precision=[
            "\u201cLovelace met Charles\u201d (Person): boundary error, leaves out text at the"
            " start; includes \u201cmet Charles\u201d at the end."
        ],
    ),
    nogold(
        named(ALL_CASES, "empty gold, one span"),
        correctness=["None of the spans you marked is an entity of the answer."],
        completeness=["None of the spans you marked is an entity of the answer."],
    ),
]


if __name__ == "__main__":
    write(
        "spans",
        "Entity spans: exact-match precision, recall and F1, boundary and label accuracy; "
        "empty gold and answers, malformed items, nested spans, Unicode code-point offsets.",
        NEWS_CASES
        + EMPTY_CASES
        + UNICODE_CASES
        + NESTED_CASES
        + blank_cases("spans", NEWS, EMPTY)
        + [("unreadable spans only are a blank", EMPTY, {"spans": [{"start": "1"}]}, blank(EMPTY))]
        + NOGOLD,
    )
