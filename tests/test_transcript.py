"""transcript: WER and CER against jiwer, the alignment and normalisation identical
in Python and JavaScript, Unicode counted in code points, and authoring errors
reported at their file:line."""

from __future__ import annotations

import json
import random
import unicodedata

import jiwer
import pytest

from annotrain.course.media import MediaLibrary
from annotrain.course.rubrics import RubricLibrary
from annotrain.course.tasks import read_task
from annotrain.tasktypes.transcript.kind import align, cer, normalized, wer, words

from .conftest import ROOT
from .lessons import convert, error_of
from .node import evaluate

RULES = {"case": "ignore", "punctuation": "ignore", "numbers": "as-spoken"}
KEEP = {"case": "keep", "punctuation": "keep", "numbers": "as-spoken"}
AUDIO = "../assets/audio/parcel-gate.ogg"
# jiwer's own transforms doing what the default rules do (on text without NFC
# issues and with plain spaces): lower case, punctuation deleted, spaces collapsed.
WORDS = jiwer.Compose(
    [
        jiwer.ToLowerCase(),
        jiwer.RemovePunctuation(),
        jiwer.RemoveMultipleSpaces(),
        jiwer.Strip(),
        jiwer.ReduceToListOfListOfWords(),
    ]
)
CHARS = jiwer.Compose(
    [
        jiwer.ToLowerCase(),
        jiwer.RemovePunctuation(),
        jiwer.RemoveMultipleSpaces(),
        jiwer.Strip(),
        jiwer.ReduceToListOfListOfChars(),
    ]
)
VOCABULARY = [
    "the",
    "The",
    "their",
    "there,",
    "van",
    "is",
    "parked",
    "it's",
    "isn't",
    "by",
    "a",
    "b",
]


class FakeTask:
    """Just what the measures read: the rules and the gold."""

    def __init__(self, gold: str, rules: dict = RULES):
        self.options = {"normalize": rules}
        self.gold = {"text": gold}


def sentence(rng: random.Random, low: int = 0) -> str:
    spaces = [" ", "  ", "   "]
    text = "".join(rng.choice(VOCABULARY) + rng.choice(spaces) for _ in range(rng.randint(low, 10)))
    return rng.choice(["", " "]) + text


def pairs(seed: int, count: int):
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        ref = sentence(rng, low=1)
        if rng.random() < 0.5:  # an edited copy: the realistic case
            hyp = " ".join(w if rng.random() < 0.7 else rng.choice(VOCABULARY) for w in ref.split())
        else:
            hyp = sentence(rng)
        result.append((ref, hyp))
    return result


@pytest.mark.parametrize("ref, hyp", pairs(3, 300))
def test_wer_and_cer_equal_jiwer(ref, hyp, messages):
    if not WORDS(ref)[0]:  # punctuation only: jiwer has no words left either way
        pytest.skip("reference empty after normalisation")
    task = FakeTask(ref)
    got_wer, _ = wer(task, {"text": hyp}, messages)
    got_cer, _ = cer(task, {"text": hyp}, messages)
    assert got_wer == pytest.approx(
        jiwer.wer(ref, hyp, reference_transform=WORDS, hypothesis_transform=WORDS)
    )
    assert got_cer == pytest.approx(
        jiwer.cer(ref, hyp, reference_transform=CHARS, hypothesis_transform=CHARS)
    )


@pytest.mark.parametrize("ref, hyp", pairs(4, 300))
def test_alignment_is_an_optimal_edit_script(ref, hyp):
    a, b = words(normalized(ref, RULES)), words(normalized(hyp, RULES))
    ops = align(a, b)
    assert [x for op, x, _ in ops if op != "ins"] == a
    assert [y for op, _, y in ops if op != "del"] == b
    assert all((x == y) == (op == "ok") for op, x, y in ops if op in ("ok", "sub"))
    if a:
        out = jiwer.process_words(" ".join(a), " ".join(b))
        edits = out.substitutions + out.deletions + out.insertions
        assert sum(op != "ok" for op, _, _ in ops) == edits


@pytest.mark.parametrize(
    "ref, hyp, expected_wer",
    [
        ("", "", 0.0),
        ("...", "", 0.0),  # nothing left of the reference after the rules
        ("", "one two", 2.0),  # an empty reference: the number of words typed
        ("one", "", 1.0),
        ("a", "a b c d", 3.0),  # WER is not capped at 1
    ],
)
def test_edge_cases(ref, hyp, expected_wer, messages):
    task = FakeTask(ref)
    assert wer(task, {"text": hyp}, messages)[0] == expected_wer
    # jiwer 4 agrees, including on an empty reference (earlier versions raised there).
    try:
        reference = jiwer.wer(ref, hyp, reference_transform=WORDS, hypothesis_transform=WORDS)
    except ValueError:
        return
    assert reference == expected_wer


UNICODE = [
    ("caf\u00e9 \U0001f44d\U0001f3fd", "cafe\u0301 \U0001f44d"),  # NFC, skin tone modifier
    ("\U0001f468\u200d\U0001f469\u200d\U0001f467 ok", "\U0001f468 ok"),  # ZWJ family: 5 code points
    ("q\u0303 \u00f1", "q \u00f1"),  # a combining tilde without a precomposed form
    ("\u0130stanbul", "istanbul"),
    ("na\u00efve r\u00e9sum\u00e9", "naive resume"),
]


@pytest.mark.parametrize("ref, hyp", UNICODE)
def test_cer_counts_code_points_like_jiwer(ref, hyp, messages):
    task = FakeTask(ref, KEEP)
    nfc = [unicodedata.normalize("NFC", x) for x in (ref, hyp)]
    transform = jiwer.Compose([jiwer.Strip(), jiwer.ReduceToListOfListOfChars()])
    expected = jiwer.cer(
        nfc[0], nfc[1], reference_transform=transform, hypothesis_transform=transform
    )
    assert cer(task, {"text": hyp}, messages)[0] == pytest.approx(expected)


def test_python_and_javascript_normalise_and_align_alike():
    rng = random.Random(11)
    odd = [
        "\u00a0",
        "\ufeff",
        "\t",
        "\n",
        "\u2028",
        "\x1c",
        "\u3000",
        "\u200b",
        "!",
        "\u2019",
        "\u00bf",
    ]
    texts = [sentence(rng) + rng.choice(odd) + sentence(rng) for _ in range(100)]
    texts += [t for pair in UNICODE for t in pair]
    rules = [RULES, KEEP, {**RULES, "case": "keep"}, {**RULES, "punctuation": "keep"}]
    cases = [
        {"ref": rng.choice(texts), "hyp": rng.choice(texts), "rules": rng.choice(rules)}
        for _ in range(300)
    ]
    browser = evaluate(
        """input.map((c) => {
          const g = modules[0];
          const ref = g.normalized(c.ref, c.rules), hyp = g.normalized(c.hyp, c.rules);
          return [ref, hyp, g.align(g.words(ref), g.words(hyp)),
                  g.distance(Array.from(ref), Array.from(hyp))];
        })""",
        cases,
        "tasktypes/transcript/grader.js",
    )
    from annotrain.tasktypes.transcript.kind import distance

    for case, (ref, hyp, ops, edits) in zip(cases, browser, strict=True):
        assert ref == normalized(case["ref"], case["rules"])
        assert hyp == normalized(case["hyp"], case["rules"])
        assert [tuple(op) for op in ops] == align(words(ref), words(hyp))
        assert edits == distance(list(ref), list(hyp))


# --- authoring -----------------------------------------------------------------------

PAGE = "course/week-6/t.md"  # exercise blocks are converted as if written here

GOOD = f"""\
type: transcript
id: t1
prompt: Transcribe.
audio: {AUDIO}
rubric: transcript-standard
gold:
  text: Please leave the parcel behind the blue gate.
"""


def test_good_block_reads_the_clip_and_the_default_rules():
    task = convert(GOOD, PAGE).tasks[0]
    assert task.options["normalize"] == RULES
    assert task.options["audio"]["src"].endswith(".ogg")
    assert task.options["audio"]["duration"] == pytest.approx(3.15625, abs=0.001)


@pytest.mark.parametrize(
    "body, line, fragments",
    [
        (GOOD.replace("parcel-gate.ogg", "parcel-gaet.ogg"), 7, ["audio file", "not found"]),
        (
            GOOD.replace("parcel-gate.ogg", "../images/pcb-01.png"),
            7,
            ["not a supported audio format"],
        ),
        (GOOD.replace(f"audio: {AUDIO}\n", ""), 4, ["missing the required field 'audio'"]),
        (
            GOOD.replace("rubric:", "normalize: {case: lower}\nrubric:"),
            8,
            ["normalize case must be ignore or keep", "'lower'"],
        ),
        (
            GOOD.replace("rubric:", "normalize: {numbers: spoken}\nrubric:"),
            8,
            ["as-spoken or as-written", "did you mean 'as-spoken'"],
        ),
        (
            GOOD.replace("rubric:", "normalize: {digits: keep}\nrubric:"),
            8,
            ["unknown field 'digits' in normalize"],
        ),
        (GOOD.replace("rubric:", "normalize: lower\nrubric:"), 8, ["normalize must be a mapping"]),
        (
            GOOD.replace("behind the blue gate", "at gate 4"),
            10,
            ["digits 4", "numbers as spoken", "as-written"],
        ),
        (GOOD.replace("  text: Please", "  words: Please"), 10, ["unknown field 'words' in gold"]),
        (
            GOOD.replace("rubric: transcript-standard", "rubric: tags-standard"),
            8,
            ["measure 'precision' is not available for transcript", "wer, cer, accuracy"],
        ),
    ],
)
def test_authoring_errors_name_file_and_line(body, line, fragments):
    error = error_of(body, PAGE)
    assert (error.path, error.line) == (PAGE, line), str(error)
    for fragment in fragments:
        assert fragment in error.message, error.message


def test_as_written_gold_may_hold_digits():
    body = GOOD.replace("behind the blue gate", "at gate 4").replace(
        "rubric:", "normalize: {numbers: as-written}\nrubric:"
    )
    assert convert(body, PAGE).tasks[0].gold == {"text": "Please leave the parcel at gate 4."}


def test_every_course_clip_has_the_duration_of_its_samples():
    """mutagen reads Ogg Opus durations to the sample; the gold files were computed
    from the samples before encoding, so both must agree to the millisecond."""
    media = MediaLibrary(ROOT)
    folder = ROOT / "course" / "assets" / "audio"
    clips = sorted(folder.glob("*.ogg"))
    assert len(clips) >= 5
    total = sum(path.stat().st_size for path in clips)
    # About 24 kbit/s of speech: some 175 s of clips, the practice labs' included.
    assert total < 600_000
    rubrics = RubricLibrary.load(ROOT / "quizzes" / "rubrics.yml")
    for path in clips:
        spec = {
            "type": "transcript",
            "id": "clip",
            "prompt": "p",
            "audio": path.name,
            "rubric": "transcript-standard",
            "gold": {"text": "x"},
        }
        task = read_task(spec, str(path.relative_to(ROOT)), rubrics, media=media)
        gold = path.with_suffix(".gold.json")
        if gold.exists():
            expected = json.loads(gold.read_text(encoding="utf-8"))["duration"]
            assert task.options["audio"]["duration"] == pytest.approx(expected, abs=0.001)
        # Transcription clips of 25 words or more take 10 to 12 s at the voices' pace.
        assert 1 < task.options["audio"]["duration"] < 15
