"""Writes tests/vectors/transcript.json: shared grading cases for the transcript type.

Every expected value is counted by hand from the definitions in
tasktypes/transcript.py (words and characters after the stated rules; WER and CER
as edits over reference length); the comment of each case shows the count.
Run from the repository root: python tests/vectors/make_transcript.py
"""

from __future__ import annotations

from common import Q, blank, blank_cases, crit, grade, named, nogold, task_reader, write

RUBRICS = {}  # this file's own rubrics, by id

RUBRICS["transcript-accuracy"] = {
    "pass": 0.8,
    "levels": [
        {"value": 5, "name": "Gold"},
        {"value": 3, "name": "Fair"},
        {"value": 1, "name": "Poor"},
    ],
    "criteria": [
        {
            "id": "accuracy",
            "name": "Accuracy",
            "measure": "accuracy",
            "levels": {
                5: {"min": 0.9, "descriptor": "high"},
                3: {"min": 0.7, "descriptor": "fair"},
                1: {"descriptor": "low"},
            },
        }
    ],
}
task = task_reader(RUBRICS)

AUDIO = "course/assets/audio/van-over-there.ogg"
W5 = "At most one word in fifty is wrong, missing or extra: on a clip shorter than that, every word is right."
W3 = "One word in twenty to fifty is wrong, missing or extra: usable once a reviewer mends the slips."
W1 = (
    "More than one word in twenty is wrong, missing or extra (on a clip under twenty words, "
    "any wrong word): the transcript would teach a model the wrong words."
)
C5 = "At most two characters in a hundred are wrong, missing or extra: the spelling is exact or all but exact."
C3 = "Up to one character in ten is off, as in a misspelt word or a near-homophone."
C1 = "More than one character in ten is off: check spelling and the stated rules."
EXACT = "Your transcript matches the reference word for word under the stated rules."
EMPTY = "You did not type anything."
OVER = "There are more errors than reference words, so the word error rate is above 1."


def counts(errors, words, wrong, missing, extra):
    return (
        f"Word errors: {errors} against {words} reference words "
        f"({wrong} wrong, {missing} missing, {extra} extra)."
    )


def chars(edits, total):
    return f"Character edits: {edits} against {total} reference characters."


def heard(typed, gold):
    return f"You wrote {Q.format(typed)} where the reference has {Q.format(gold)}."


def transcript_task(tid, gold, normalize="", rubric="transcript-standard"):
    extra = f"normalize: {normalize}\n" if normalize else ""
    return task(
        f"""
type: transcript
id: {tid}
prompt: Transcribe the clip.
audio: {AUDIO}
{extra}rubric: {rubric}
gold: {{text: {gold!r}}}
"""
    )


# "their van is parked over there by the bakery": 9 words; 36 letters + 8 spaces = 44.
VAN = transcript_task("van", "Their van is parked over there, by the bakery.")
VAN_ACC = transcript_task(
    "van-accuracy", "Their van is parked over there, by the bakery.", rubric="transcript-accuracy"
)
YES = transcript_task("one-word", "Yes.")
YES_ACC = transcript_task("one-word-accuracy", "Yes.", rubric="transcript-accuracy")
# Case and punctuation kept: "café 👍🏽 q̃" is c a f é, space, 👍 🏽, space, q ◌̃ = 10 code points.
EMOJI = transcript_task(
    "emoji", "caf\u00e9 \U0001f44d\U0001f3fd q\u0303", "{case: keep, punctuation: keep}"
)
# A clip without speech: the gold is empty.
SILENT = transcript_task("silent", "")
# Digits as written; "the last bus leaves stop 12 at 615" after punctuation: 8 words,
# 27 characters in words + 7 spaces = 34.
BUS = transcript_task("bus", "The last bus leaves stop 12 at 6:15.", "{numbers: as-written}")
# 16 one-letter words: 16 letters + 15 spaces = 31 characters.
LETTERS = transcript_task("letters", "a b c d e f g h i j k l m n o p")
# 25 one-letter words: 25 letters + 24 spaces = 49 characters.
LETTERS25 = transcript_task("letters-25", "a b c d e f g h i j k l m n o p q r s t u v w x y")
APOSTROPHE = transcript_task("apostrophe", "It's half past six, isn't it?")

CASES = [
    (
        "case and punctuation do not count by default",
        VAN,
        {"text": "THEIR van is parked over there by the bakery!!"},
        grade(
            "van",
            "transcript",
            1.0,
            True,
            correctness=crit(5, 0.0, W5, EXACT),
            precision=crit(5, 0.0, C5, chars(0, 44)),
        ),
    ),
    (
        "whitespace of any kind collapses: tabs, new lines, no-break space, BOM",
        VAN,
        {"text": "  their\tvan\n is  parked over there by the\u00a0bakery\ufeff"},
        grade(
            "van",
            "transcript",
            1.0,
            True,
            correctness=crit(5, 0.0, W5, EXACT),
            precision=crit(5, 0.0, C5, chars(0, 44)),
        ),
    ),
    (
        "homophones swapped: 2 substitutions of 9 words (critical fail), their/there is 2 letters each: 4/44",
        VAN,
        {"text": "There van is parked over their, by the bakery."},
        grade(
            "van",
            "transcript",
            0.3,
            False,
            correctness=crit(
                1,
                2 / 9,
                W1,
                counts(2, 9, 2, 0, 0),
                heard("there", "their"),
                heard("their", "there"),
            ),
            precision=crit(3, 4 / 44, C3, chars(4, 44)),
        ),
    ),
    (
        "one word missing, one extra: 2/9; characters: 'is ' deleted, ' today' inserted = 9/44",
        VAN,
        {"text": "their van parked over there by the bakery today"},
        grade(
            "van",
            "transcript",
            0.2,
            False,
            correctness=crit(
                1,
                2 / 9,
                W1,
                counts(2, 9, 0, 1, 1),
                "Missing: \u201cis\u201d.",
                "Extra: \u201ctoday\u201d.",
            ),
            precision=crit(1, 9 / 44, C1, chars(9, 44)),
        ),
    ),
    (
        "an insertion next to a substitution is one run: 'bake ree' for 'bakery'; 3 letter edits",
        VAN,
        {"text": "their van is parked over there by the bake ree"},
        grade(
            "van",
            "transcript",
            0.3,
            False,
            correctness=crit(1, 2 / 9, W1, counts(2, 9, 1, 0, 1), heard("bake ree", "bakery")),
            precision=crit(3, 3 / 44, C3, chars(3, 44)),
        ),
    ),
    (
        "empty transcript: every reference word and character deleted",
        VAN,
        {"text": ""},
        grade(
            "van",
            "transcript",
            0.2,
            False,
            correctness=crit(1, 1.0, W1, EMPTY),
            precision=crit(1, 1.0, C1, EMPTY),
        ),
    ),
    (
        "text that is not a string: a blank, 0",
        VAN,
        {"text": 5},
        blank(VAN),
    ),
    (
        "malformed response: a blank, 0",
        VAN,
        ["their van"],
        blank(VAN),
    ),
    (
        "WER above 1: 2 extra words on a 1-word reference; the backtrace keeps the last word as the match",
        YES,
        {"text": "yes yes yes"},
        grade(
            "one-word",
            "transcript",
            0.2,
            False,
            correctness=crit(
                1, 2.0, W1, counts(2, 1, 0, 0, 2), OVER, "Extra: \u201cyes yes\u201d."
            ),
            precision=crit(1, 8 / 3, C1, chars(8, 3)),
        ),
    ),
    (
        "accuracy = max(0, 1 - WER) is 0 when WER is 2",
        YES_ACC,
        {"text": "yes yes yes"},
        grade(
            "one-word-accuracy",
            "transcript",
            0.2,
            False,
            accuracy=crit(
                1, 0.0, "low", counts(2, 1, 0, 0, 2), OVER, "Extra: \u201cyes yes\u201d."
            ),
        ),
    ),
    (
        "accuracy 1 - 2/9 = 7/9 is fair: 3/5",
        VAN_ACC,
        {"text": "There van is parked over their, by the bakery."},
        grade(
            "van-accuracy",
            "transcript",
            0.6,
            False,
            accuracy=crit(
                3,
                7 / 9,
                "fair",
                counts(2, 9, 2, 0, 0),
                heard("there", "their"),
                heard("their", "there"),
            ),
        ),
    ),
    (
        "over 5000 code points only the first 5000 are read: 2500 words, 4999 characters",
        YES,
        {"text": "a " * 3000},
        grade(
            "one-word",
            "transcript",
            0.2,
            False,
            correctness=crit(
                1,
                2500.0,
                W1,
                counts(2500, 1, 1, 0, 2499),
                OVER,
                heard("a a a a a a a a \u2026", "yes"),
            ),
            precision=crit(1, 4999 / 3, C1, chars(4999, 3)),
        ),
    ),
    (
        "Unicode: e + combining acute equals é (NFC); a missing skin-tone modifier is 1 of 10 code points",
        EMOJI,
        {"text": "cafe\u0301 \U0001f44d q\u0303"},
        grade(
            "emoji",
            "transcript",
            0.3,
            False,
            correctness=crit(
                1, 1 / 3, W1, counts(1, 3, 1, 0, 0), heard("\U0001f44d", "\U0001f44d\U0001f3fd")
            ),
            precision=crit(3, 0.1, C3, chars(1, 10)),
        ),
    ),
    (
        "case kept: CAFÉ against café is 4 character edits and one wrong word",
        EMOJI,
        {"text": "CAF\u00c9 \U0001f44d\U0001f3fd q\u0303"},
        grade(
            "emoji",
            "transcript",
            0.2,
            False,
            correctness=crit(1, 1 / 3, W1, counts(1, 3, 1, 0, 0), heard("CAF\u00c9", "caf\u00e9")),
            precision=crit(1, 0.4, C1, chars(4, 10)),
        ),
    ),
    (
        "empty gold, empty transcript: WER and CER are 0",
        SILENT,
        {"text": "   "},
        grade(
            "silent",
            "transcript",
            1.0,
            True,
            correctness=crit(5, 0.0, W5, EXACT),
            precision=crit(5, 0.0, C5, chars(0, 0)),
        ),
    ),
    (
        "empty gold, two words typed: WER is the number of words (2), CER the number of characters (11)",
        SILENT,
        {"text": "hello there"},
        grade(
            "silent",
            "transcript",
            0.2,
            False,
            correctness=crit(
                1, 2.0, W1, counts(2, 0, 0, 0, 2), OVER, "Extra: \u201chello there\u201d."
            ),
            precision=crit(1, 11.0, C1, chars(11, 0)),
        ),
    ),
    (
        "numbers as written: 'twelve' for '12' is 1 of 8 words (above 0.05: level 1, critical) and 6 of 34 characters; 6.15 equals 6:15",
        BUS,
        {"text": "the last bus leaves stop twelve at 6.15"},
        grade(
            "bus",
            "transcript",
            0.2,
            False,
            correctness=crit(1, 1 / 8, W1, counts(1, 8, 1, 0, 0), heard("twelve", "12")),
            precision=crit(1, 6 / 34, C1, chars(6, 34)),
        ),
    ),
    (
        "eight separate differences: six are described, then a count of the rest",
        LETTERS,
        {"text": "a x c x e x g x i x k x m x o x"},
        grade(
            "letters",
            "transcript",
            0.2,
            False,
            correctness=crit(
                1,
                0.5,
                W1,
                counts(8, 16, 8, 0, 0),
                *(heard("x", letter) for letter in "bdfhjl"),
                "And 2 more differences.",
            ),
            precision=crit(1, 8 / 31, C1, chars(8, 31)),
        ),
    ),
    (
        "one wrong word in 25 is 0.04: Acceptable; 1 of 49 characters is just above 0.02;"
        " Acceptable on both, (3 x 3 + 1 x 3) / 20 = 0.6, reaches the pass mark 0.6",
        LETTERS25,
        {"text": "a b c d e f g h i j k l z n o p q r s t u v w x y"},
        grade(
            "letters-25",
            "transcript",
            0.6,
            True,
            correctness=crit(3, 1 / 25, W3, counts(1, 25, 1, 0, 0), heard("z", "m")),
            precision=crit(3, 1 / 49, C3, chars(1, 49)),
        ),
    ),
    (
        "apostrophes are punctuation: it's = its, isn't = isnt",
        APOSTROPHE,
        {"text": "its half past six isnt it"},
        grade(
            "apostrophe",
            "transcript",
            1.0,
            True,
            correctness=crit(5, 0.0, W5, EXACT),
            # its half past six isnt it: 3+4+4+3+4+2 = 20 letters + 5 spaces.
            precision=crit(5, 0.0, C5, chars(0, 25)),
        ),
    ),
]


# Wrong checks made before the answer is shown: the reference's words are not
# quoted (missing words are only counted).
NOGOLD = [
    nogold(
        named(CASES, "homophones swapped"),
        correctness=[
            "Word errors: 2 against 9 reference words (2 wrong, 0 missing, 0 extra).",
            "You wrote \u201cthere\u201d, which is not what the reference has.",
            "You wrote \u201ctheir\u201d, which is not what the reference has.",
        ],
    ),
    nogold(
        named(CASES, "one word missing, one extra"),
        correctness=[
            "Word errors: 2 against 9 reference words (0 wrong, 1 missing, 1 extra).",
            "Extra: \u201ctoday\u201d.",
        ],
    ),
]


if __name__ == "__main__":
    write(
        "transcript",
        "Transcript: WER, CER and accuracy after normalisation; alignment notes; empty "
        "texts, WER above 1, truncation, Unicode code points.",
        CASES + blank_cases("text", VAN, SILENT) + NOGOLD,
    )
