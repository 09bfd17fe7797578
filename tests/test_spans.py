"""The spans task type: tokens, authoring errors with file:line, rendering, and the
exact-match measures against seqeval's strict entity-level scoring.

seqeval scores BIO tag sequences; random token-aligned spans are turned into IOB2
tags over the passage's tokens and scored with ``mode="strict", scheme=IOB2``
(entity = type and both boundaries), which is our definition of an exact match.
"""

from __future__ import annotations

import random
import warnings

import pytest
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.scheme import IOB2

from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import read_task
from annotrain.tasktypes.shared.tokens import pieces, tokens
from annotrain.tasktypes.spans.kind import (
    SpansType,
    boundary_accuracy,
    f1,
    label_accuracy,
    precision,
    recall,
)

from .conftest import ROOT
from .lessons import convert, error_of

RUBRICS = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")

# --- tokens -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ada Lovelace, 1843.", ["Ada", "Lovelace", ",", "1843", "."]),
        ("Dr. O'Hara's e-mail", ["Dr", ".", "O", "'", "Hara", "'", "s", "e", "-", "mail"]),
        ("Zoe\u0308 and Zo\u00eb", ["Zoe\u0308", "and", "Zo\u00eb"]),
        (
            "\u6771\u4eac\u3067\u4f1a\u3046\u3002",
            ["\u6771", "\u4eac", "\u3067", "\u4f1a", "\u3046", "\u3002"],
        ),
        ("hi \U0001f469\u200d\U0001f4bb!", ["hi", "\U0001f469\u200d\U0001f4bb", "!"]),
        (
            "\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea ok",
            ["\U0001f1eb\U0001f1f7", "\U0001f1e9\U0001f1ea", "ok"],
        ),
        ("\U0001f44d\U0001f3fd\u2764\ufe0f", ["\U0001f44d\U0001f3fd", "\u2764\ufe0f"]),
        ("  spaced\n\n  out  ", ["spaced", "out"]),
        ("", []),
    ],
    ids=[
        "words and punctuation",
        "abbreviation, apostrophes, hyphen",
        "combining mark stays in the word",
        "CJK one character each",
        "joined emoji",
        "flags pair up",
        "skin tone and variation selector",
        "whitespace",
        "empty",
    ],
)
def test_tokens(text, expected):
    found = tokens(text)
    assert [t.text for t in found] == expected
    assert all(text[t.start : t.end] == t.text for t in found)


def test_the_ascii_shortcuts_agree_with_the_unicode_tables():
    """tokens() skips the Unicode tables for ASCII characters; they must say the same."""
    import unicodedata

    from annotrain.tasktypes.shared import tokens as module

    for code in range(128):
        char = chr(code)
        assert module._is_word(char) == (unicodedata.category(char)[0] in "LN"), repr(char)
        assert module._attaches(char, "a") is (unicodedata.category(char)[0] == "M"), repr(char)
    assert module._attaches("a", module.ZWJ)  # after a joiner, a letter still joins


def test_pieces_cover_the_passage_and_mark_paragraphs():
    text = "One, two.\n\nThree\nfour"
    result = pieces(text)
    assert "".join(p.text for p in result) == text
    assert [p.text for p in result if p.paragraph] == ["\n\n"]
    assert all(p.text.strip() == "" for p in result if not p.token)


# --- authoring errors -------------------------------------------------------------

GOOD = """\
type: spans
id: s1
prompt: Mark the entities.
text: Ada Lovelace met Babbage in London, in 1833.
labels: [Person, Location, Date]
rubric: spans-standard
gold:
  spans:
    - {text: Ada Lovelace, label: Person}
    - {start: 17, end: 24, label: Person}
    - {text: London, label: Location}
"""


def test_gold_by_text_and_by_offsets():
    converted = convert(GOOD)
    assert converted.tasks[0].gold == {
        "spans": [
            {"start": 0, "end": 12, "label": "Person"},
            {"start": 17, "end": 24, "label": "Person"},
            {"start": 28, "end": 34, "label": "Location"},
        ]
    }


def test_occurrence_picks_a_later_mention_on_token_edges_only():
    body = GOOD.replace("text: Ada Lovelace met Babbage", "text: Adam met Ada and then Ada")
    body = body.replace("    - {start: 17, end: 24, label: Person}\n", "")
    body = body.replace(
        "{text: Ada Lovelace, label: Person}", "{text: Ada, occurrence: 2, label: Person}"
    )
    body = body.replace("    - {text: London, label: Location}\n", "")
    converted = convert(body)
    # "Adam" does not count: the text must begin and end on token edges.
    assert converted.tasks[0].gold["spans"] == [{"start": 22, "end": 25, "label": "Person"}]


@pytest.mark.parametrize(
    "old, new, line, fragments",
    [
        (
            "text: Ada Lovelace met Babbage in London, in 1833.\n",
            "",
            4,
            ["a spans exercise needs 'text'"],
        ),
        (
            "{start: 17, end: 24, label: Person}",
            "{start: 17, end: 60, label: Person}",
            13,
            ["'end' 60 is past the end of the passage", "44 characters", "code points"],
        ),
        (
            "{start: 17, end: 24, label: Person}",
            "{start: 24, end: 17, label: Person}",
            13,
            ["'start' (24) must be less than 'end' (17)"],
        ),
        (
            "{start: 17, end: 24, label: Person}",
            "{start: 17, end: 24, label: Persn}",
            13,
            [
                "label 'Persn' is not among",
                "did you mean 'Person'",
                "labels: Person, Location, Date",
            ],
        ),
        (
            "{start: 17, end: 24, label: Person}",
            "{start: 17, end: 24, label: Person, text: Babage}",
            13,
            ["the passage at 17-24 reads “Babbage”", "the span's text is “Babage”"],
        ),
        (
            "{start: 17, end: 24, label: Person}",
            "{start: 16, end: 23, label: Person, text: London}",
            13,
            ["reads “ Babbag”", "“London” is at 28-34"],
        ),
        (
            "{text: London, label: Location}",
            "{text: Londn, label: Location}",
            14,
            ["the span text “Londn” is not in the passage", "did you mean 'London'"],
        ),
        (
            "{text: London, label: Location}",
            "{text: London, occurrence: 2, label: Location}",
            14,
            ["“London” occurs 1 time(s)", "no occurrence 2"],
        ),
        (
            "{text: London, label: Location}",
            "{text: London, occurrence: 0, label: Location}",
            14,
            ["'occurrence' must be 1 or more"],
        ),
        (
            "{start: 17, end: 24, label: Person}",
            "{start: 17, end: 22, label: Person}",
            13,
            ["the span 17-22 (“Babba”) does not begin and end on token edges", "“Babbage”"],
        ),
        (
            "{text: London, label: Location}",
            "{text: Lovelace met, label: Person}",
            14,
            [
                "overlap",
                "“Ada Lovelace” (Person, 0-12)",
                "“Lovelace met” (Person, 4-16)",
                "overlap: true",
            ],
        ),
        (
            "{text: London, label: Location}",
            "{start: 0, end: 12, label: Person}",
            14,
            ["“Ada Lovelace” (Person, 0-12) is listed twice (first as span 1)"],
        ),
        (
            "{text: London, label: Location}",
            "{label: Location}",
            14,
            ["gold span 3 needs 'start' and 'end', or 'text'"],
        ),
        (
            "{text: London, label: Location}",
            "{start: 28, end: 34, occurrence: 1, label: Location}",
            14,
            ["'occurrence' goes with 'text' alone"],
        ),
        (
            "{text: London, label: Location}",
            "{start: 28, end: 34.5, label: Location}",
            14,
            ["'end' must be a whole number of characters"],
        ),
        (
            "{text: London, label: Location}",
            "{text: London, labels: Location}",
            14,
            ["unknown field 'labels' in gold span 3", "did you mean 'label'"],
        ),
        (
            "  spans:\n    - {text: Ada Lovelace",
            "  spans: Ada\n  other:\n    - {text: Ada Lovelace",
            12,
            ["unknown field 'other' in gold"],
        ),
        ("labels: [Person, Location, Date]", "labels: []", 8, ["needs at least 1 labels"]),
        (
            "labels: [Person, Location, Date]",
            "labels: [Person, Location, Date]\noverlap: 1",
            9,
            ["'overlap' must be true or false"],
        ),
        (
            "text: Ada Lovelace met Babbage in London, in 1833.",
            'text: "   "',
            7,
            ["the passage has no words"],
        ),
    ],
    ids=[
        "no text",
        "end past the passage",
        "start not before end",
        "unknown label",
        "text differs at offsets",
        "text elsewhere",
        "text not found",
        "occurrence too high",
        "occurrence zero",
        "not on token edges",
        "overlap not allowed",
        "duplicate",
        "neither offsets nor text",
        "occurrence with offsets",
        "fractional offset",
        "unknown span field",
        "unknown gold field",
        "no labels",
        "overlap not boolean",
        "blank passage",
    ],
)
def test_error_names_file_and_line(old, new, line, fragments):
    assert old in GOOD
    error = error_of(GOOD.replace(old, new))
    assert error.path == "lesson.md"
    assert error.line == line, str(error)
    assert str(error).startswith(f"lesson.md:{line}: ")
    for fragment in fragments:
        assert fragment in str(error), str(error)


def test_gold_spans_missing_or_not_a_list():
    cut = GOOD[: GOOD.index("gold:")]
    assert "gold is missing 'spans'" in str(error_of(cut + "gold: {}\n"))
    error = error_of(cut + "gold: {spans: London}\n")
    assert error.line == 10 and "'spans' must be a list" in str(error)


def test_overlapping_gold_is_fine_when_allowed():
    body = GOOD.replace("{text: London, label: Location}", "{text: Lovelace met, label: Person}")
    converted = convert(body.replace("rubric:", "overlap: true\nrubric:"))
    assert len(converted.tasks[0].gold["spans"]) == 3


def test_offsets_are_code_points():
    body = GOOD.replace("text: Ada Lovelace met", 'text: "\U0001f600 Ada Lovelace met').replace(
        "in 1833.", 'in 1833."'
    )
    body = body.replace(
        "{start: 17, end: 24, label: Person}", "{start: 19, end: 26, label: Person, text: Babbage}"
    )
    converted = convert(body)
    assert converted.tasks[0].gold["spans"][0] == {"start": 2, "end": 14, "label": "Person"}


# --- rendering --------------------------------------------------------------------


def test_rendered_passage_is_tokens_with_code_point_offsets():
    body = GOOD.replace(
        "text: Ada Lovelace met", 'text: "<b>Zoe\\u0308</b> \U0001f600 Ada Lovelace met'
    ).replace("in 1833.", 'in 1833."')
    body = body.replace("{start: 17, end: 24, label: Person}", "{text: Babbage, label: Person}")
    converted = convert(body)
    text = converted.tasks[0].text
    soup = converted.soup
    passage = soup.select_one(".annotrain-spans-passage")
    assert passage.get_text() == text.strip()
    assert soup.select_one(".annotrain-text") is None, "the passage is shown once, as tokens"
    assert soup.select_one("b") is None, "author text is escaped"
    for token in passage.select(".annotrain-tok"):
        start, end = int(token["data-s"]), int(token["data-e"])
        assert text[start:end] == token.get_text()
    assert [t.get_text() for t in passage.select(".annotrain-tok")][:4] == [
        "<",
        "b",
        ">",
        "Zoe\u0308",
    ]
    emoji = [t for t in passage.select(".annotrain-tok") if t.get_text() == "\U0001f600"][0]
    after = emoji.find_next_sibling(class_="annotrain-tok")
    assert after.get_text() == "Ada" and text[int(after["data-s"]) : int(after["data-e"])] == "Ada"


def test_label_buttons_show_their_keys():
    converted = convert(
        GOOD.replace(
            "labels: [Person, Location, Date]", "labels: [Person, Place, Date, Org]"
        ).replace("label: Location", "label: Place")
    )
    buttons = converted.soup.select(".annotrain-spans-label")
    assert [b["data-label"] for b in buttons] == ["Person", "Place", "Date", "Org"]
    # P is shared by two labels, so only digits for those.
    assert [b["data-keys"] for b in buttons] == ["1", "2", "3 d", "4 o"]
    assert buttons[2].get_text() == "3 Date"
    assert buttons[2].select_one(".annotrain-spans-key").get_text() == "D"


def test_shortcuts_beyond_nine_labels_are_letters_only():
    labels = [f"L{i}" for i in range(9)] + ["Xylophone"]
    keys = SpansType().shortcuts(labels)
    assert keys[0] == ("1", None) and keys[8] == ("9", None) and keys[9] == (None, "x")


# --- measures against seqeval -----------------------------------------------------

LABELS = ["PER", "LOC", "ORG", "DATE"]
WORDS = ["Ada", "met", "Zoe\u0308", "in", "\u6771\u4eac", ",", "\U0001f600", "on", "Monday", "."]


def random_spans(rng: random.Random, count: int) -> list[tuple[int, int, str]]:
    """Non-overlapping token ranges (first, last) with random labels, as BIO allows."""
    result, i = [], 0
    while i < count:
        if rng.random() < 0.35:
            length = rng.randint(1, 3)
            last = min(count - 1, i + length - 1)
            result.append((i, last, rng.choice(LABELS)))
            i = last + 1
        else:
            i += 1
    return result


def bio(spans, count: int) -> list[str]:
    tags = ["O"] * count
    for first, last, label in spans:
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{label}"
    return tags


def random_case(rng: random.Random):
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 14))]
    text = " ".join(words)
    found = tokens(text)
    gold = random_spans(rng, len(found))
    if rng.random() < 0.5:
        learner = random_spans(rng, len(found))
    else:  # near the gold: boundaries and labels changed here and there
        learner = []
        for first, last, label in gold:
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.3:
                label = rng.choice(LABELS)
            elif roll < 0.45 and last + 1 < len(found):
                nxt = [s for s in gold if s[0] == last + 1]
                if not nxt:
                    last += 1
            learner.append((first, last, label))
    return text, found, gold, learner


def as_task(text, found, gold):
    def offsets(spans):
        return [
            {"start": found[a].start, "end": found[b].end, "label": label} for a, b, label in spans
        ]

    rubric = RUBRICS.get("spans-standard", "t", 1)
    from annotrain.course.tasks import Task

    task = Task(
        "t", "spans", "p", rubric, {}, text=text, options={"labels": LABELS, "overlap": False}
    )
    task.gold = {
        "spans": sorted(
            offsets(gold), key=lambda s: (s["start"], s["end"], LABELS.index(s["label"]))
        )
    }
    return task, offsets


@pytest.mark.parametrize(
    "ours, reference",
    [(precision, precision_score), (recall, recall_score), (f1, f1_score)],
    ids=["precision", "recall", "f1"],
)
def test_against_seqeval_strict(ours, reference, messages):
    rng = random.Random(1843)
    checked = 0
    for _ in range(500):
        text, found, gold, learner = random_case(rng)
        task, offsets = as_task(text, found, gold)
        response = task.kind.normalize(task, {"spans": offsets(learner)})
        value, _ = ours(task, response, messages)
        # Where seqeval divides by zero we state our own value: 1 when there was
        # nothing to find (recall), or nothing to find and nothing marked (precision, F1).
        nothing = 1.0 if not gold and (reference is recall_score or not learner) else 0.0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = reference(
                [bio(gold, len(found))],
                [bio(learner, len(found))],
                mode="strict",
                scheme=IOB2,
                zero_division=nothing,
            )
        assert value == pytest.approx(expected, abs=1e-12), (text, gold, learner)
        checked += 1
    assert checked == 500


def test_gold_scores_one_on_every_measure(messages):
    rng = random.Random(7)
    for _ in range(100):
        text, found, gold, _ = random_case(rng)
        task, _ = as_task(text, found, gold)
        for measure in (precision, recall, f1, boundary_accuracy, label_accuracy):
            assert measure(task, task.gold, messages)[0] == 1.0


def test_boundary_and_label_accuracy_by_brute_force(messages):
    """The two accuracies recomputed from their definitions, spelled out differently."""
    rng = random.Random(11)
    for _ in range(300):
        text, found, gold, learner = random_case(rng)
        task, offsets = as_task(text, found, gold)
        response = task.kind.normalize(task, {"spans": offsets(learner)})
        g = [(s["start"], s["end"], s["label"]) for s in task.gold["spans"]]
        same_label, exact, overlapping, right_label = 0, 0, 0, 0
        for s in response["spans"]:
            mine = (s["start"], s["end"], s["label"])
            over = [x for x in g if x[0] < mine[1] and mine[0] < x[1]]
            if not over:
                continue
            overlapping += 1
            same_range = [x for x in over if x[:2] == mine[:2]]
            if same_range:
                ok = mine in same_range
            else:
                ok = any(x[2] == mine[2] for x in over)
            right_label += ok
            if ok:
                same_label += 1
                exact += mine in g
        empty = 1.0 if not g else 0.0
        assert boundary_accuracy(task, response, messages)[0] == (
            exact / same_label if same_label else empty
        )
        assert label_accuracy(task, response, messages)[0] == (
            right_label / overlapping if overlapping else empty
        )


def test_read_task_keeps_unicode_gold_text():
    data = {
        "type": "spans",
        "id": "u",
        "prompt": "p",
        "text": "\u00c5sa \U0001f600 Zoe\u0308.",
        "labels": ["Person"],
        "rubric": "spans-standard",
        "gold": {"spans": [{"text": "Zoe\u0308", "label": "Person"}]},
    }
    task = read_task(data, "t.yml", RUBRICS)
    assert task.gold["spans"] == [{"start": 6, "end": 10, "label": "Person"}]
