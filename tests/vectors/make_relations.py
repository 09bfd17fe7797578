"""Writes tests/vectors/relations.json: grading cases for the relations task type.

Every expected grade is worked out by hand from the definitions in the
``annotrain.tasktypes.relations`` docstring (strict and lenient ends, the largest
one-to-one pairing of relations, reversed and misnamed links), never computed by
the grader. The span measures are the spans type's (see make_spans.py).
Run: python tests/vectors/make_relations.py
"""

from __future__ import annotations

import yaml
from common import blank, blank_cases, crit, grade, named, nogold, task_reader, write

MEASURES = yaml.safe_load(
    """
pass: 0.5
levels: [{value: 2, name: Exact}, {value: 1, name: Partly}, {value: 0, name: Far}]
criteria:
  - {id: rf1, name: Relation F1, measure: relation_f1,
     levels: {2: {min: 1, descriptor: rf all}, 1: {min: 0.5, descriptor: rf half}, 0: {descriptor: rf low}}}
  - {id: rp, name: Relation precision, measure: relation_precision,
     levels: {2: {min: 1, descriptor: rp all}, 1: {min: 0.5, descriptor: rp half}, 0: {descriptor: rp low}}}
  - {id: rr, name: Relation recall, measure: relation_recall,
     levels: {2: {min: 1, descriptor: rr all}, 1: {min: 0.5, descriptor: rr half}, 0: {descriptor: rr low}}}
  - {id: sf1, name: Span F1, measure: span_f1,
     levels: {2: {min: 1, descriptor: sf all}, 1: {min: 0.5, descriptor: sf half}, 0: {descriptor: sf low}}}
"""
)

task = task_reader({"relations-measures": MEASURES})

# "Amina Yusuf joined Brightwater Ltd. last June; the company is based in Kano."
# Amina Yusuf 0-11, Brightwater 19-30, Brightwater Ltd. 19-35, Kano 71-75.
JOB_YAML = """
type: relations
id: job{suffix}
prompt: Mark and link.
text: Amina Yusuf joined Brightwater Ltd. last June; the company is based in Kano.
labels: [Person, Organization, Location]
relation_labels: [works_for, located_in]
rubric: relations-measures
{extra}
gold:
  spans:
    - {{id: kano, text: Kano, label: Location}}
    - {{id: amina, start: 0, end: 11, label: Person}}
    - {{id: bw, text: Brightwater Ltd., label: Organization}}
  relations:
    - {{from: bw, to: kano, label: located_in}}
    - {{from: 2, to: bw, label: works_for}}
"""
JOB = task(JOB_YAML.format(suffix="", extra=""))
LENIENT = task(JOB_YAML.format(suffix="-lenient", extra="match: lenient"))
NO_LINKS = task(
    JOB_YAML.format(suffix="-nolinks", extra="").replace(
        "  relations:\n    - {from: bw, to: kano, label: located_in}\n"
        "    - {from: 2, to: bw, label: works_for}\n",
        "  relations: []\n",
    )
)


def span(start, end, label):
    return {"start": start, "end": end, "label": label}


def rel(source, target, label):
    return {"from": source, "to": target, "label": label}


AMINA, BW, BW_SHORT, KANO = (
    span(0, 11, "Person"),
    span(19, 35, "Organization"),
    span(19, 30, "Organization"),
    span(71, 75, "Location"),
)
SPANS = [AMINA, BW, KANO]
WORKS = "works_for from \u201cAmina Yusuf\u201d to \u201cBrightwater Ltd.\u201d"
LOCATED = "located_in from \u201cBrightwater Ltd.\u201d to \u201cKano\u201d"
SPANS_RIGHT = (
    "Correct: \u201cAmina Yusuf\u201d (Person), \u201cBrightwater Ltd.\u201d (Organization),"
    " \u201cKano\u201d (Location).",
    "Gold spans you marked exactly: 3 of 3.",
)
NONE = "You did not link any spans."


def found(n, total):
    return f"Gold links you made: {n} of {total}."


def missed(link):
    return f"Missed {link}."


JOB_CASES = [
    (
        "every span and link right",
        JOB,
        {"spans": SPANS, "relations": [rel(0, 1, "works_for"), rel(1, 2, "located_in")]},
        grade(
            "job",
            "relations",
            1.0,
            True,
            rf1=crit(2, 1.0, "rf all", f"Correct links: {WORKS}; {LOCATED}.", found(2, 2)),
            rp=crit(2, 1.0, "rp all", f"Correct links: {WORKS}; {LOCATED}."),
            rr=crit(2, 1.0, "rr all", found(2, 2)),
            sf1=crit(2, 1.0, "sf all", *SPANS_RIGHT),
        ),
    ),
    (
        # Spans sent as Kano, Amina, Brightwater: indices 2 -> 1 is Brightwater -> Amina.
        "works_for reversed, spans in another order",
        JOB,
        {
            "spans": [KANO, AMINA, BW],
            "relations": [rel(2, 1, "works_for"), rel(2, 0, "located_in")],
        },
        grade(
            "job",
            "relations",
            0.625,
            True,
            rf1=crit(
                1,
                0.5,
                "rf half",
                f"Correct links: {LOCATED}.",
                "works_for points the wrong way: from \u201cBrightwater Ltd.\u201d to"
                " \u201cAmina Yusuf\u201d.",
                found(1, 2),
                missed(WORKS),
            ),
            rp=crit(
                1,
                0.5,
                "rp half",
                f"Correct links: {LOCATED}.",
                "works_for points the wrong way: from \u201cBrightwater Ltd.\u201d to"
                " \u201cAmina Yusuf\u201d.",
            ),
            rr=crit(1, 0.5, "rr half", found(1, 2), missed(WORKS)),
            sf1=crit(2, 1.0, "sf all", *SPANS_RIGHT),
        ),
    ),
    (
        "a link with the wrong relation",
        JOB,
        {"spans": SPANS, "relations": [rel(0, 1, "works_for"), rel(1, 2, "works_for")]},
        grade(
            "job",
            "relations",
            0.625,
            True,
            rf1=crit(
                1,
                0.5,
                "rf half",
                f"Correct links: {WORKS}.",
                "works_for from \u201cBrightwater Ltd.\u201d to \u201cKano\u201d: wrong relation;"
                " the gold relation between these spans is located_in.",
                found(1, 2),
                missed(LOCATED),
            ),
            rp=crit(
                1,
                0.5,
                "rp half",
                f"Correct links: {WORKS}.",
                "works_for from \u201cBrightwater Ltd.\u201d to \u201cKano\u201d: wrong relation;"
                " the gold relation between these spans is located_in.",
            ),
            rr=crit(1, 0.5, "rr half", found(1, 2), missed(LOCATED)),
            sf1=crit(2, 1.0, "sf all", *SPANS_RIGHT),
        ),
    ),
]

SHORT_SPANS = [AMINA, BW_SHORT, KANO]
SHORT_RELATIONS = [rel(0, 1, "works_for"), rel(1, 2, "located_in")]
SHORT_SPAN_NOTES = (
    "Correct: \u201cAmina Yusuf\u201d (Person), \u201cKano\u201d (Location).",
    "\u201cBrightwater\u201d (Organization): boundary error, leaves out \u201cLtd.\u201d at the end;"
    " the gold span is \u201cBrightwater Ltd.\u201d.",
    "Gold spans you marked exactly: 2 of 3.",
    "Marked, but not exactly: \u201cBrightwater Ltd.\u201d (Organization).",
)
SHORT_LINKS = (
    "works_for from \u201cAmina Yusuf\u201d to \u201cBrightwater\u201d",
    "located_in from \u201cBrightwater\u201d to \u201cKano\u201d",
)
MATCH_CASES = [
    (
        # Strict: "Brightwater" is not the gold span "Brightwater Ltd.", so neither link counts.
        "strict: a short span breaks both its links",
        JOB,
        {"spans": SHORT_SPANS, "relations": SHORT_RELATIONS},
        grade(
            "job",
            "relations",
            0.125,
            False,
            rf1=crit(
                0,
                0.0,
                "rf low",
                f"{SHORT_LINKS[0]}: not a link in the gold answer.",
                f"{SHORT_LINKS[1]}: not a link in the gold answer.",
                found(0, 2),
                missed(WORKS),
                missed(LOCATED),
            ),
            rp=crit(
                0,
                0.0,
                "rp low",
                f"{SHORT_LINKS[0]}: not a link in the gold answer.",
                f"{SHORT_LINKS[1]}: not a link in the gold answer.",
            ),
            rr=crit(0, 0.0, "rr low", found(0, 2), missed(WORKS), missed(LOCATED)),
            sf1=crit(1, 4 / 6, "sf half", *SHORT_SPAN_NOTES),
        ),
    ),
    (
        # Lenient: "Brightwater" overlaps "Brightwater Ltd.", so both links count.
        "lenient: overlapping ends count",
        LENIENT,
        {"spans": SHORT_SPANS, "relations": SHORT_RELATIONS},
        grade(
            "job-lenient",
            "relations",
            0.875,
            True,
            rf1=crit(
                2, 1.0, "rf all", f"Correct links: {SHORT_LINKS[0]}; {SHORT_LINKS[1]}.", found(2, 2)
            ),
            rp=crit(2, 1.0, "rp all", f"Correct links: {SHORT_LINKS[0]}; {SHORT_LINKS[1]}."),
            rr=crit(2, 1.0, "rr all", found(2, 2)),
            sf1=crit(1, 4 / 6, "sf half", *SHORT_SPAN_NOTES),
        ),
    ),
    (
        # Kept: works_for 0 -> 1 and located_in 1.0 -> 2.0; dropped: a repeat, a self-link,
        # a text index, an index past the list, an unknown label, an index of an unreadable
        # span, true as an index, and items that are not mappings.
        "malformed links are dropped",
        JOB,
        {
            "spans": [AMINA, BW, KANO, {"start": "x", "end": 3, "label": "Person"}],
            "relations": [
                rel(0, 1, "works_for"),
                rel(0, 1, "works_for"),
                rel(0, 0, "located_in"),
                rel("1", 2, "located_in"),
                rel(1, 9, "located_in"),
                rel(1.0, 2.0, "located_in"),
                rel(1, 2, "LOCATED_IN"),
                rel(3, 1, "works_for"),
                rel(True, 2, "located_in"),
                None,
                [1, 2, "works_for"],
            ],
        },
        grade(
            "job",
            "relations",
            1.0,
            True,
            rf1=crit(2, 1.0, "rf all", f"Correct links: {WORKS}; {LOCATED}.", found(2, 2)),
            rp=crit(2, 1.0, "rp all", f"Correct links: {WORKS}; {LOCATED}."),
            rr=crit(2, 1.0, "rr all", found(2, 2)),
            sf1=crit(2, 1.0, "sf all", *SPANS_RIGHT),
        ),
    ),
    (
        "spans with no links",
        JOB,
        {"spans": SPANS},
        grade(
            "job",
            "relations",
            0.25,
            False,
            rf1=crit(0, 0.0, "rf low", NONE, found(0, 2), missed(WORKS), missed(LOCATED)),
            rp=crit(0, 0.0, "rp low", NONE),
            rr=crit(0, 0.0, "rr low", found(0, 2), missed(WORKS), missed(LOCATED)),
            sf1=crit(2, 1.0, "sf all", *SPANS_RIGHT),
        ),
    ),
]

GOLD_EMPTY = "The gold answer has no links: there was nothing to link."
EMPTY_CASES = [
    (
        "no gold links, none made",
        NO_LINKS,
        {"spans": SPANS, "relations": []},
        grade(
            "job-nolinks",
            "relations",
            1.0,
            True,
            rf1=crit(2, 1.0, "rf all", NONE, GOLD_EMPTY),
            rp=crit(2, 1.0, "rp all", NONE),
            rr=crit(2, 1.0, "rr all", GOLD_EMPTY),
            sf1=crit(2, 1.0, "sf all", *SPANS_RIGHT),
        ),
    ),
    (
        "no gold links, one made",
        NO_LINKS,
        {"spans": SPANS, "relations": [rel(0, 1, "works_for")]},
        grade(
            "job-nolinks",
            "relations",
            0.5,
            True,
            rf1=crit(0, 0.0, "rf low", f"{WORKS}: not a link in the gold answer.", GOLD_EMPTY),
            rp=crit(0, 0.0, "rp low", f"{WORKS}: not a link in the gold answer."),
            rr=crit(2, 1.0, "rr all", GOLD_EMPTY),
            sf1=crit(2, 1.0, "sf all", *SPANS_RIGHT),
        ),
    ),
]

# "Ruth Okafor and Ken Mbeki run Lakeside Labs in Jos." Ruth Okafor 0-11, Okafor 5-11,
# Ken Mbeki 16-25, Lakeside Labs 30-43, Jos 47-50.
TEAM = task(
    """
type: relations
id: team
prompt: Mark and link.
text: Ruth Okafor and Ken Mbeki run Lakeside Labs in Jos.
labels: [Person, Organization, Location]
relation_labels: [works_for, located_in]
match: lenient
overlap: true
rubric: relations-measures
gold:
  spans:
    - {id: ruth, text: Ruth Okafor, label: Person}
    - {id: ken, text: Ken Mbeki, label: Person}
    - {id: labs, text: Lakeside Labs, label: Organization}
    - {id: jos, text: Jos, label: Location}
  relations:
    - {from: ruth, to: labs, label: works_for}
    - {from: ken, to: labs, label: works_for}
    - {from: labs, to: jos, label: located_in}
"""
)
# Learner spans: "Ruth Okafor and Ken Mbeki" (0-25) overlaps both people; "Okafor" (5-11)
# only Ruth. Link 0 -> 2 fits both works_for links, link 1 -> 2 only Ruth's: a greedy
# pairing would give Ruth's to the first and pair one; the largest pairing pairs both.
BOTH = "works_for from \u201cRuth Okafor and Ken Mbeki\u201d to \u201cLakeside Labs\u201d"
OKAFOR = "works_for from \u201cOkafor\u201d to \u201cLakeside Labs\u201d"
TEAM_CASES = [
    (
        "lenient: the largest pairing, not the first fit",
        TEAM,
        {
            "spans": [span(0, 25, "Person"), span(5, 11, "Person"), span(30, 43, "Organization")],
            "relations": [rel(0, 2, "works_for"), rel(1, 2, "works_for")],
        },
        grade(
            "team",
            "relations",
            0.5,
            True,
            rf1=crit(
                1,
                0.8,
                "rf half",
                f"Correct links: {BOTH}; {OKAFOR}.",
                found(2, 3),
                missed("located_in from \u201cLakeside Labs\u201d to \u201cJos\u201d"),
            ),
            rp=crit(2, 1.0, "rp all", f"Correct links: {BOTH}; {OKAFOR}."),
            rr=crit(
                1,
                2 / 3,
                "rr half",
                found(2, 3),
                missed("located_in from \u201cLakeside Labs\u201d to \u201cJos\u201d"),
            ),
            sf1=crit(
                0,
                2 / 7,
                "sf low",
                "Correct: \u201cLakeside Labs\u201d (Organization).",
                "\u201cRuth Okafor and Ken Mbeki\u201d (Person): boundary error, includes"
                " \u201cand Ken Mbeki\u201d at the end; the gold span is \u201cRuth Okafor\u201d.",
                "\u201cOkafor\u201d (Person): boundary error, leaves out \u201cRuth\u201d at the"
                " start; the gold span is \u201cRuth Okafor\u201d.",
                "Gold spans you marked exactly: 1 of 4.",
                "Missed \u201cKen Mbeki\u201d (Person).",
                "Missed \u201cJos\u201d (Location).",
                "Marked, but not exactly: \u201cRuth Okafor\u201d (Person).",
            ),
        ),
    ),
]

ALL_CASES = JOB_CASES + MATCH_CASES + EMPTY_CASES + TEAM_CASES
NOGOLD = [
    nogold(
        named(ALL_CASES, "a link with the wrong relation"),
        rf1=[
            f"Correct links: {WORKS}.",
            "works_for from \u201cBrightwater Ltd.\u201d to \u201cKano\u201d: wrong relation for"
            " these two spans.",
            found(1, 2),
            "Links missed: 1.",
        ],
        rp=[
            f"Correct links: {WORKS}.",
            "works_for from \u201cBrightwater Ltd.\u201d to \u201cKano\u201d: wrong relation for"
            " these two spans.",
        ],
        rr=[found(1, 2), "Links missed: 1."],
    ),
    nogold(
        named(ALL_CASES, "spans with no links"),
        rf1=[NONE, found(0, 2), "Links missed: 2."],
        rr=[found(0, 2), "Links missed: 2."],
    ),
    nogold(
        named(ALL_CASES, "no gold links, one made"),
        rf1=[
            f"{WORKS}: not a link in the gold answer.",
            "None of the links you made is in the answer.",
        ],
        rr=["None of the links you made is in the answer."],
    ),
]


if __name__ == "__main__":
    write(
        "relations",
        "Entity relations: relation precision, recall and F1 under strict and lenient ends "
        "(the largest one-to-one pairing), reversed and misnamed links, malformed links, "
        "empty gold, and the span F1 the type shares with spans.",
        ALL_CASES
        + blank_cases("spans", JOB)
        + [("unreadable spans only are a blank", JOB, {"spans": [{"start": "1"}]}, blank(JOB))]
        + NOGOLD,
    )
