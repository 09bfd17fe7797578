"""Commented starters for trainers: an exercise block for a lesson, a quiz file.

:func:`exercise_starter` returns a fenced ``annotrain`` block for one task type,
ready to paste into a lesson; :func:`quiz_starter` returns a quiz bank file
following the trainer guide, "Gold-task quizzes". Both use the rubrics of the
default rubric file (``choice-standard``, ``tags-standard``) and are valid as they
stand (given the media file a starter names in :data:`MEDIA`), so a trainer edits a
working example instead of starting from nothing. A new task type adds its starter
body to :data:`EXERCISES`.
"""

from __future__ import annotations

import json

#: Task type -> the YAML body of its starter; ``{id}`` is replaced by the exercise id.
EXERCISES: dict[str, str] = {
    "choice": """\
# A single-choice exercise: the learner picks exactly one label.
# Every field is described in the trainer guide, "Writing exercises".
type: choice
id: {id}  # unique across the site; keep it once learners have used it
title: Sentiment of a product review  # optional
prompt: What is the overall sentiment of this review?
text: |  # optional passage shown with the prompt; blank lines separate paragraphs
  The kettle boils fast and looks nice, but the lid started leaking after a week.
labels: [Negative, Neutral, Positive]
# ordered: true  # when the labels form a scale in this order (needed by ordinal rubrics)
rubric: choice-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold: {{choice: Negative}}  # the perfect answer, in the shape a learner's answer has
explain: A leaking lid after a week outweighs the praise, so the review is Negative.
hints:  # optional, revealed one at a time
  - Would the writer buy this kettle again?
""",
    "multi": """\
# A multi-label exercise: the learner picks every label that applies.
# Every field is described in the trainer guide, "Writing exercises".
type: multi
id: {id}  # unique across the site; keep it once learners have used it
prompt: Which topics does this support ticket mention?
text: |  # optional passage shown with the prompt
  I was charged twice this month and the app crashes when I open the invoice.
labels: [Billing, Shipping, Bug or crash, Account access]
rubric: tags-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold: {{choices: [Billing, Bug or crash]}}  # every label that applies; [] when none does
explain: The double charge is a billing matter; the crash is a bug. Nothing is shipped.
hints:
  - Read the ticket sentence by sentence and tag each complaint.
""",
    "transcript": """\
# A transcription exercise: the learner plays a clip and types what is said.
# Every field is described in the trainer guide, "Writing exercises".
type: transcript
id: {id}  # unique across the site; keep it once learners have used it
prompt: Transcribe the clip.
audio: clip.ogg  # your clip, a path relative to this lesson (Ogg Opus, MP3, WAV...)
normalize: {{case: ignore, punctuation: ignore, numbers: as-spoken}}  # the defaults
rubric: transcript-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold: {{text: "Hello, is the shop still open?"}}  # exactly what is said
explain: The caller asks whether the shop is still open.
hints:
  - Count the words you hear, then count the words you typed.
""",
    "segments": """\
# A segments exercise: the learner marks and labels stretches of a clip in seconds.
# Every field is described in the trainer guide, "Writing exercises".
type: segments
id: {id}  # unique across the site; keep it once learners have used it
prompt: Mark each speaker's turn.
audio: clip.ogg  # your clip, a path relative to this lesson (Ogg Opus, MP3, WAV...)
labels: [Speaker A, Speaker B]  # up to 9; the number keys 1-9 pick them
# overlap: true  # when gold segments may overlap (people talking at once)
# match_iou: 0.5  # how much a segment must overlap the gold to count as found
rubric: segments-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold:  # start and end in seconds of the clip, inside its length
  segments:
    - {{start: 0.4, end: 2.6, label: Speaker A}}
    - {{start: 3.1, end: 4.9, label: Speaker B}}
explain: The caller speaks first; the shop assistant answers after a short pause.
hints:
  - Start each segment at the first sound of speech, not where you understood the word.
""",
}

#: The media file each starter names (next to the lesson), which the trainer supplies.
MEDIA: dict[str, str] = {"transcript": "clip.ogg", "segments": "clip.ogg"}

QUIZ = """\
# A gold-task quiz: a bank of tasks with known answers, drawn for each attempt.
# Every setting is described in the trainer guide, "Gold-task quizzes". Place the
# quiz on a page with a block of its own:
#
#   ```annotrain
#   quiz: {name}
#   ```
title: {title}
instructions: |
  Short tasks like the ones in the lessons. Read each item carefully: you see the
  answers only after submitting.
mode: quiz              # practice | quiz | exam (exam: no answers in the site at all)
layout: one-per-screen  # or: all (every task on one page)
pass: 0.8               # pass mark on the weighted mean task score, 0 to 1
max_critical: 0         # how many tasks may fail on a critical criterion
# time_limit: 20        # minutes
# attempts: 3           # attempts allowed per browser
shuffle: true           # shuffle the drawn tasks
sections:
  - title: Sentiment
    # draw: 1           # tasks drawn from this section per attempt (default: all)
    tasks:
      # - ref: w1-review-sentiment  # reuse a lesson exercise by its id
      - type: choice
        id: {name}-sentiment-1
        prompt: What is the overall sentiment of this message?
        text: The bus was late again, but the driver apologised and was kind.
        labels: [Negative, Neutral, Positive]
        rubric: choice-standard
        gold: {{choice: Neutral}}
        explain: The apology balances the complaint; there is no clear praise or anger.
      - type: choice
        id: {name}-sentiment-2
        weight: 2       # counts twice in the quiz score (default 1)
        prompt: What is the overall sentiment of this review?
        text: Best pizza in town, and the delivery was twenty minutes early.
        labels: [Negative, Neutral, Positive]
        rubric: choice-standard
        gold: {{choice: Positive}}
        explain: Both remarks are praise.
  - title: Topics
    tasks:
      - type: multi
        id: {name}-topics-1
        prompt: Which topics does this ticket mention?
        text: My parcel arrived broken and I cannot log in to ask for a refund.
        labels: [Billing, Shipping, Bug or crash, Account access]
        rubric: tags-standard
        gold: {{choices: [Shipping, Account access]}}
        explain: A broken parcel is a shipping problem; the login failure is account access.
"""

#: Longest quiz name: the starter's task ids add up to 20 characters to it.
MAX_QUIZ_NAME = 60


def exercise_starter(type_name: str, exercise_id: str) -> str:
    """A fenced ``annotrain`` block for a lesson; KeyError for a type with no starter."""
    body = EXERCISES[type_name].format(id=exercise_id)
    return f"```annotrain\n{body}```\n"


def quiz_starter(name: str) -> str:
    """The text of ``quizzes/<name>.yml``: a small working quiz with every setting explained."""
    title = name.replace("-", " ").replace("_", " ").strip().capitalize() or name
    # JSON strings are YAML: a title such as "True" or "1" stays text.
    return QUIZ.format(name=name, title=json.dumps(title))
