"""The rank task type: Kendall's tau against scipy, authoring errors at file:line,
and the server-rendered cards under a bare markdown.Markdown."""

from __future__ import annotations

import itertools
import random

import pytest
from scipy.stats import kendalltau

from annotrain.course.rubrics import Criterion, Level, LevelRule, Rubric
from annotrain.course.tasks import Task
from annotrain.tasktypes.rank.kind import RankType, kendall_tau, pairs_agreeing, tau_similarity

from .lessons import convert, error_of

RUBRIC = Rubric(
    "r",
    "r",
    (Level(1, "ok"), Level(0, "no")),
    (Criterion("c", "c", 1.0, False, "kendall_tau", (LevelRule(1, "", 1.0), LevelRule(0, ""))),),
)


def make_task(gold: list[str]) -> Task:
    responses = [{"id": rid, "text": f"response {rid}"} for rid in sorted(gold)]
    return Task(
        "t",
        "rank",
        "p",
        RUBRIC,
        {"order": gold},
        options={"responses": responses, "justification": "optional"},
    )


def scipy_tau(order: list[str], gold: list[str]) -> float:
    """tau-b between the two rankings, each given as every item's position."""
    items = sorted(gold)
    result = kendalltau([order.index(i) for i in items], [gold.index(i) for i in items])
    return float(result.statistic)


def random_orders(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        ids = [chr(ord("A") + i) for i in range(rng.randint(2, 9))]
        yield rng.sample(ids, len(ids)), rng.sample(ids, len(ids))


def edge_cases():
    yield ["A", "B"], ["A", "B"]  # two items, identical
    yield ["B", "A"], ["A", "B"]  # two items, reversed
    yield list("ABCDEFG"), list("ABCDEFG")  # identical
    yield list("GFEDCBA"), list("ABCDEFG")  # reversed
    yield list("BACDEFG"), list("ABCDEFG")  # one adjacent swap
    yield list("GBCDEFA"), list("ABCDEFG")  # ends swapped


@pytest.mark.parametrize("order, gold", [*edge_cases(), *random_orders(20260611, 300)])
def test_kendall_tau_matches_scipy(order, gold, messages):
    task = make_task(gold)
    response = RankType().normalize(task, {"order": order})
    expected = scipy_tau(order, gold)
    assert kendall_tau(task, response, messages)[0] == pytest.approx(expected, abs=1e-12)
    assert tau_similarity(task, response, messages)[0] == pytest.approx(
        (expected + 1) / 2, abs=1e-12
    )
    # Without ties, the share of agreeing pairs is (tau + 1) / 2 as well.
    assert pairs_agreeing(task, response, messages)[0] == pytest.approx(
        (expected + 1) / 2, abs=1e-12
    )


@pytest.mark.parametrize("n", range(2, 6))
def test_every_permutation_matches_scipy(n, messages):
    gold = [chr(ord("A") + i) for i in range(n)][::-1]
    task = make_task(gold)
    for order in itertools.permutations(gold):
        response = RankType().normalize(task, {"order": list(order)})
        expected = scipy_tau(list(order), gold)
        assert kendall_tau(task, response, messages)[0] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    "order",
    [None, [], ["A"], ["A", "A", "B"], ["A", "B", "Z"], ["A", "B", "C", "C"], "ABC", [1, 2, 3]],
)
def test_incomplete_or_malformed_order_is_no_answer(order, messages):
    task = make_task(["C", "A", "B"])
    response = RankType().normalize(task, {"order": order})
    assert response["order"] is None
    assert kendall_tau(task, response, messages)[0] == -1.0
    assert tau_similarity(task, response, messages)[0] == 0.0
    assert pairs_agreeing(task, response, messages)[0] == 0.0


def test_normalize_keeps_the_justification_and_copies_the_order():
    task = make_task(["C", "A", "B"])
    order = ["B", "C", "A"]
    response = RankType().normalize(task, {"order": order, "justification": "B is best."})
    assert response == {"order": ["B", "C", "A"], "justification": "B is best."}
    assert response["order"] is not order
    assert RankType().normalize(task, {"order": order, "justification": 3})["justification"] == ""


# --- authoring errors ----------------------------------------------------------------

GOOD = """\
type: rank
id: r1
prompt: Rank the responses.
responses:
  - id: A
    text: First response.
  - id: B
    text: Second response.
  - id: C
    text: Third response.
rubric: rank-standard
gold:
  order: [C, A, B]
"""


@pytest.mark.parametrize(
    "body, line, fragments",
    [
        (
            GOOD.replace("gold:\n  order: [C, A, B]\n", "gold:\n  order: [C, A, Z]\n"),
            16,
            ["gold order names the text 'Z', which is not a response id", "ids: A, B, C"],
        ),
        (
            GOOD.replace("  order: [C, A, B]\n", "  order:\n    - C\n    - A\n    - A\n"),
            19,
            ["gold order lists 'A' twice"],
        ),
        (
            GOOD.replace("order: [C, A, B]", "order: [C, A]"),
            16,
            ["gold order leaves out B", "every response once: A, B, C"],
        ),
        (
            GOOD.replace("order: [C, A, B]", "order: [A, B, C]"),
            16,
            ["the order the responses are shown in", "another order"],
        ),
        (GOOD.replace("order: [C, A, B]", "order: C A B"), 16, ["must be a list of response ids"]),
        (GOOD.replace("  order: [C, A, B]\n", "  choice: C\n"), 16, ["unknown field 'choice'"]),
        (
            GOOD.replace("gold:\n  order: [C, A, B]\n", "gold: {}\n"),
            15,
            ["gold is missing 'order'", "such as order: [C, B, A]"],
        ),
        (
            GOOD.replace("  - id: C\n    text: Third response.\n", "").replace(
                "  - id: B\n    text: Second response.\n", ""
            ),
            7,
            ["a rank exercise needs at least 2 responses, got 1"],
        ),
        (GOOD.replace("  - id: B\n", "  - id: A\n"), 10, ["two responses have the id 'A'"]),
        (GOOD.replace("  - id: B\n", "  - id: B 2\n"), 10, ["must be 1 to 12 letters"]),
        (
            GOOD.replace("    text: Second response.\n", "    txt: Second response.\n"),
            11,
            ["unknown field 'txt' in response 2 of 'responses'", "did you mean 'text'"],
        ),
        (
            GOOD.replace("  - id: B\n    text: Second response.\n", "  - id: B\n"),
            10,
            ["response 2 of 'responses' is missing the required field 'text'"],
        ),
        (GOOD.replace("Second response.", '""'), 11, ["the text of response 2", "is empty"]),
        (
            GOOD.replace("  - id: B\n    text: Second response.\n", "  - Second response.\n"),
            10,
            ["response 2 of 'responses' must be a mapping"],
        ),
        (
            GOOD[: GOOD.index("responses:")]
            + "responses: all of them\n"
            + GOOD[GOOD.index("rubric:") :],
            7,
            ["'responses' must be a list of {id, text}"],
        ),
        (
            GOOD.replace("rubric:", "justification: sometimes\nrubric:"),
            14,
            ["'justification' must be one of optional, required, none"],
        ),
        (
            GOOD.replace("rubric: rank-standard", "rubric: pairwise-standard"),
            14,
            ["measure 'preference' is not available for rank exercises", "kendall_tau"],
        ),
    ],
    ids=[
        "unknown id in gold",
        "repeated id in gold",
        "missing id in gold",
        "gold is the shown order",
        "gold order not a list",
        "gold of another type",
        "gold without order",
        "one response",
        "duplicate response id",
        "bad response id",
        "unknown response field",
        "response without text",
        "empty response text",
        "response not a mapping",
        "responses not a list",
        "unknown justification",
        "rubric of another type",
    ],
)
def test_error_names_file_and_line(body, line, fragments):
    error = error_of(body)
    assert error.path == "lesson.md"
    assert str(error).startswith(f"lesson.md:{line}: "), str(error)
    for fragment in fragments:
        assert fragment in str(error)


# --- rendering -------------------------------------------------------------------------


def test_cards_render_in_the_authored_order_as_text():
    body = GOOD.replace("Second response.", '"<script>alert(1)</script> & <b>bold</b>"')
    body = body.replace("First response.", '"One paragraph.\\n\\nAnother one."')
    converted = convert(body)
    soup = converted.soup
    root = soup.select_one(".annotrain-exercise[data-annotrain-type=rank]")
    cards = root.select("ol.annotrain-cards > li.annotrain-card")
    assert [card["data-annotrain-response"] for card in cards] == ["A", "B", "C"]
    assert [p.get_text() for p in cards[0].select(".annotrain-card-text p")] == [
        "One paragraph.",
        "Another one.",
    ]
    assert root.select_one("script") is None and root.select_one("b") is None
    assert cards[1].select_one(".annotrain-card-text").get_text() == (
        "<script>alert(1)</script> & <b>bold</b>"
    )
    assert [card.select_one(".annotrain-card-position").get_text() for card in cards] == [
        "Position 1 of 3",
        "Position 2 of 3",
        "Position 3 of 3",
    ]
    names = [button["aria-label"] for button in cards[1].select("button[data-annotrain-move]")]
    assert names == ["Move response B up", "Move response B down"]
    # The card's accessible name: its position and its id.
    labelled = [root.select_one(f"#{i}").get_text() for i in cards[2]["aria-labelledby"].split()]
    assert labelled == ["Position 3 of 3", "Response C"]
    assert converted.tasks[0].options["justification"] == "optional"


@pytest.mark.parametrize(
    "setting, box, required",
    [
        (None, True, False),
        ("optional", True, False),
        ("required", True, True),
        ("none", False, False),
    ],
)
def test_justification_box(setting, box, required):
    body = (
        GOOD if setting is None else GOOD.replace("rubric:", f"justification: {setting}\nrubric:")
    )
    soup = convert(body).soup
    area = soup.select_one("textarea.annotrain-justification-text")
    assert (area is not None) is box
    if box:
        label = soup.select_one(f"label[for={area['id']}]")
        assert "Your justification" in label.get_text()
        assert ("(required)" in label.get_text()) is required
        assert (area.get("aria-required") == "true") is required
