"""The pairwise task type: preference values, authoring errors at file:line, and the
server-rendered responses and verdicts under a bare markdown.Markdown."""

from __future__ import annotations

import pytest

from .lessons import convert, error_of

GOOD = """\
type: pairwise
id: p1
prompt: Which response is better?
responses:
  - id: A
    text: First response.
  - id: B
    text: Second response.
rubric: pairwise-standard
gold:
  choice: B
"""


@pytest.mark.parametrize(
    "body, line, fragments",
    [
        (
            GOOD.replace("choice: B", "choice: tie"),
            14,
            ["gold choice 'tie' needs 'allow_tie: true'"],
        ),
        (
            GOOD.replace("choice: B", "choice: C"),
            14,
            ["gold choice the text 'C' is not a response id", "allowed: A, B"],
        ),
        (
            GOOD.replace("rubric:", "allow_tie: true\nrubric:").replace("choice: B", "choice: Tie"),
            15,
            ["did you mean 'tie'", "allowed: A, B, tie"],
        ),
        (
            GOOD.replace("rubric:", "  - id: C\n    text: Third.\nrubric:"),
            7,
            ["a pairwise exercise needs exactly 2 responses, got 3"],
        ),
        (GOOD.replace("  - id: B\n", "  - id: tie\n"), 7, ["'tie' is the answer for equally good"]),
        (
            GOOD.replace("rubric:", "allow_tie: yes\nrubric:"),
            12,
            ["'allow_tie' must be true or false"],
        ),
        (
            GOOD.replace("rubric:", "justification: must\nrubric:"),
            12,
            ["'justification' must be one"],
        ),
        (GOOD.replace("  choice: B\n", "  order: [B, A]\n"), 14, ["unknown field 'order' in gold"]),
        (GOOD.replace("rubric: pairwise-standard", "rubric: rank-standard"), 12, ["kendall_tau"]),
    ],
    ids=[
        "tie without allow_tie",
        "unknown choice",
        "tie is lowercase",
        "three responses",
        "tie as an id",
        "allow_tie not a boolean",
        "unknown justification",
        "gold of another type",
        "rubric of another type",
    ],
)
def test_error_names_file_and_line(body, line, fragments):
    error = error_of(body)
    assert str(error).startswith(f"lesson.md:{line}: "), str(error)
    for fragment in fragments:
        assert fragment in str(error)


def test_responses_and_verdicts():
    body = GOOD.replace("rubric:", "allow_tie: true\njustification: required\nrubric:")
    body = body.replace("First response.", '"<img src=x onerror=alert(1)> first"')
    converted = convert(body)
    soup = converted.soup
    root = soup.select_one(".annotrain-exercise[data-annotrain-type=pairwise]")
    cards = root.select(".annotrain-pair > .annotrain-card")
    assert [c.select_one(".annotrain-card-name").get_text() for c in cards] == [
        "Response A",
        "Response B",
    ]
    assert root.select_one("img") is None
    assert cards[0].select_one(".annotrain-card-text").get_text() == (
        "<img src=x onerror=alert(1)> first"
    )
    options = root.select("fieldset.annotrain-options label.annotrain-option")
    assert [(o.input["value"], o.get_text()) for o in options] == [
        ("A", "A is better"),
        ("B", "B is better"),
        ("tie", "They are equally good"),
    ]
    assert root.select_one("textarea")["aria-required"] == "true"
    assert converted.tasks[0].options == {
        "responses": [
            {"id": "A", "text": "<img src=x onerror=alert(1)> first"},
            {"id": "B", "text": "Second response."},
        ],
        "allow_tie": True,
        "justification": "required",
    }


def test_no_tie_option_unless_allowed():
    soup = convert(GOOD).soup
    assert [i["value"] for i in soup.select("fieldset input[type=radio]")] == ["A", "B"]
