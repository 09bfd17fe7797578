"""Commented starters for trainers: an exercise block for a lesson, a quiz file.

:func:`exercise_starter` returns a fenced ``annotrain`` block for one task type,
ready to paste into a lesson; :func:`quiz_starter` returns a quiz bank file
following the trainer guide, "Gold-task quizzes". Both use the rubrics of the
default rubric file (``choice-standard``, ``tags-standard``, ``boxes-standard``,
``rank-standard``, ``pairwise-standard``...) and are valid as they stand (image
starters where the flagship course keeps its images: ``../assets/images/`` from a
week's lesson), so a trainer edits a working example instead of starting from
nothing. A new task type adds its starter body to
:data:`EXERCISES`.
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
    "bbox": """\
# A bounding-box exercise: the learner draws a labelled box around each object.
# Every field is described in the trainer guide, "Writing exercises".
type: bbox
id: {id}  # unique across the site; keep it once learners have used it
prompt: Box every defect on this circuit board and give each box its class.
image: ../assets/images/pcb-02.png  # relative to this page; JPEG, PNG, WebP, GIF or TIFF
alt: A green circuit board with six chips  # optional text alternative for the image
labels: [Solder Bridge, Missing Component, Scratch]
# match_iou: 0.3  # a learner box counts as an object's box when IoU is above this
rubric: boxes-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold:  # natural pixels from the top-left corner; w and h above 0; [] when nothing to box
  boxes:
    - {{label: Solder Bridge, x: 450, y: 48, w: 27, h: 15}}
explain: A blob of solder joins two pins of the top-right chip; nothing else is wrong.
hints:
  - Check each chip's pins one by one.
""",
    "rank": """\
# A ranking exercise: the learner orders AI responses, best first.
# Every field is described in the trainer guide, "Writing exercises".
type: rank
id: {id}  # unique across the site; keep it once learners have used it
prompt: Rank the responses from best to worst.
text: |  # the prompt the responses answer
  User: In one sentence, why does bread go stale?
responses:  # shown in this order; short ids; plain text, blank lines between paragraphs
  - id: A
    text: Bread goes stale because it is old.
  - id: B
    text: Its starch slowly recrystallises and pushes out water, so the crumb firms up.
  - id: C
    text: Bread goes stale because bacteria eat the moisture out of it.
justification: optional  # optional | required | none: a box for the learner's reason
rubric: rank-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold: {{order: [B, A, C]}}  # every id once, best first; not the order shown above
explain: B names the real cause; A says nothing useful; C is confidently wrong.
""",
    "pairwise": """\
# A pairwise exercise: the learner says which of two AI responses is better.
# Every field is described in the trainer guide, "Writing exercises".
type: pairwise
id: {id}  # unique across the site; keep it once learners have used it
prompt: Which response better follows the user's request?
text: |  # the prompt the responses answer
  User: Name three primary colours of paint, as a list and nothing else.
responses:  # exactly two
  - id: A
    text: Sure! The primary colours of paint are red, yellow and blue.
  - id: B
    text: |
      - Red

      - Yellow

      - Blue
allow_tie: false  # true adds "They are equally good" (gold: {{choice: tie}})
justification: optional  # optional | required | none
rubric: pairwise-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold: {{choice: B}}
explain: Both name the right colours, but only B gives a list and nothing else.
""",
    "spans": """\
# A spans exercise (named entities): the learner marks stretches of the text and
# labels each one. Every field is described in the trainer guide, "Writing exercises".
type: spans
id: {id}  # unique across the site; keep it once learners have used it
prompt: Mark every person, organization and place in this sentence.
text: |  # the passage to mark (required); selections snap to words and punctuation marks
  Last June, Amina Yusuf left Brightwater Ltd. to open a bakery in Kano.
labels: [Person, Organization, Location]
# overlap: true  # allow overlapping (nested) spans
rubric: spans-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold:
  spans:  # by text (the first place it occurs; occurrence: 2 for the second)...
    - {{text: Amina Yusuf, label: Person}}
    - {{text: Brightwater Ltd., label: Organization}}
    # ...or by code-point offsets, end exclusive: {{start: 65, end: 69, label: Location}}
    - {{text: Kano, label: Location}}
explain: The full stop after Ltd belongs to the company's name; the one after Kano ends the sentence.
hints:
  - Three names. Check the first and last character of each span.
""",
    "rating": """\
# A rating exercise: the learner rates a response on every criterion of a scale.
# Every field is described in the trainer guide, "Writing exercises".
type: rating
id: {id}  # unique across the site; keep it once learners have used it
prompt: Rate the assistant's answer on each criterion.
text: |  # optional context, such as the user's request
  User: Can I freeze cooked rice?
response: |  # the text being rated (or give image: with image_alt:)
  Yes. Cool it within an hour, freeze it in a sealed bag, and reheat it until it is
  steaming hot all the way through. Use it within a month.
criteria:  # or: scale: <rubric id> to rate with a rubric's criteria and levels
  - {{id: helpfulness, name: Helpfulness, description: "Does it answer the question?"}}
  - {{id: accuracy, name: Accuracy, description: "Is every claim correct?"}}
levels:  # in order; distances count steps along this list
  - {{value: 1, name: Poor}}
  - {{value: 2, name: Fair}}
  - {{value: 3, name: Good, descriptor: Answers the question with no errors.}}
tolerance: 0  # how many steps away from the gold still counts as agreeing
rubric: rating-standard  # grades the learner's ratings against the gold ratings
gold: {{ratings: {{helpfulness: 3, accuracy: 3}}}}
explain: The answer covers cooling, storing and reheating, and each step is sound food-safety advice.
""",
    "numeric": """\
# A numeric exercise: the learner computes a figure and types it.
# Every field is described in the trainer guide, "Writing exercises".
type: numeric
id: {id}  # unique across the site; keep it once learners have used it
prompt: What is the percent agreement between the two annotators?
table:  # optional data shown with the prompt; the first cell of each row is its header
  caption: Labels given by annotators A and B to the same five reviews
  columns: [Review, A, B]
  rows:
    - [1, Positive, Positive]
    - [2, Negative, Neutral]
    - [3, Neutral, Neutral]
    - [4, Positive, Positive]
    - [5, Negative, Negative]
unit: "%"  # optional; shown after the input
tolerance: {{absolute: 0.5}}  # or {{relative: 0.05}} (5 % of the answer), or both
rubric: numeric-standard
gold: {{value: 80}}
explain: |  # the worked solution, shown after checking
  The annotators agree on reviews 1, 3, 4 and 5: four of five.

  4 / 5 = 0.8, which is 80 %.
""",
    "transcript": """\
# A transcription exercise: the learner plays a clip and types what is said.
# Every field is described in the trainer guide, "Writing exercises".
type: transcript
id: {id}  # unique across the site; keep it once learners have used it
prompt: Transcribe the clip.
audio: ../assets/audio/shop-call.ogg  # relative to this page; Ogg Opus, MP3, WAV...
normalize: {{case: ignore, punctuation: ignore, numbers: as-spoken}}  # the defaults
rubric: transcript-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold: {{text: "Hello, is the shop still open? Yes, until six tonight. Great, I will come by later."}}
explain: Two people speak; write both turns in order, numbers as spoken (six).
hints:
  - Count the words you hear, then count the words you typed.
""",
    "segments": """\
# A segments exercise: the learner marks and labels stretches of a clip in seconds.
# Every field is described in the trainer guide, "Writing exercises".
type: segments
id: {id}  # unique across the site; keep it once learners have used it
prompt: Mark each speaker's turn.
audio: ../assets/audio/shop-call.ogg  # relative to this page; Ogg Opus, MP3, WAV...
labels: [Speaker A, Speaker B]  # up to 9; the number keys 1-9 pick them
# overlap: true  # when gold segments may overlap (people talking at once)
# match_iou: 0.5  # how much a segment must overlap the gold to count as found
rubric: segments-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold:  # start and end in seconds of the clip, inside its length
  segments:
    - {{start: 0.4, end: 2.59, label: Speaker A}}
    - {{start: 3.09, end: 4.93, label: Speaker B}}
    - {{start: 5.53, end: 7.44, label: Speaker A}}
explain: The caller speaks first, the shop assistant answers, and the caller speaks again.
hints:
  - Start each segment at the first sound of speech, not where you understood the word.
""",
    "polygon": """\
# A polygon exercise: the learner outlines each object point by point and labels it.
# Every field is described in the trainer guide, "Writing exercises".
type: polygon
id: {id}  # unique across the site; keep it once learners have used it
prompt: Outline the pond, with a vertex on each corner of its shore.
image: ../assets/images/aerial-01.png  # relative to this page; JPEG, PNG, WebP, GIF or TIFF
alt: A map-like view from above with roofs, a road and a blue pond  # optional
labels: [Building, Water]
# match_iou: 0.5  # a learner outline counts as an object's outline when IoU is above this
rubric: polygons-standard  # or polygons-corners, polygons-photo, or a rubric written inline
gold:  # natural pixels; at least 3 points, inside the image, never crossing itself
  polygons:
    - label: Water
      points: [[90, 280], [170, 262], [250, 290], [262, 350], [200, 392], [110, 380], [70, 330]]
explain: The pond has seven straight sides, so seven vertices, one per corner, trace it.
hints:
  - Start at one corner and go round the shore in one direction.
""",
    "keypoints": """\
# A keypoints exercise: the learner places each named landmark, or marks it not visible.
# Every field is described in the trainer guide, "Writing exercises".
type: keypoints
id: {id}  # unique across the site; keep it once learners have used it
prompt: Place the eyes and the nose tip of this face.
image: ../assets/images/face-01.png  # relative to this page
alt: A cartoon face with two round eyes, a nose and a smile  # optional
keypoints: [Left eye, Right eye, Nose tip]  # the scheme, in the order learners place it
tolerance: 6  # px; or per landmark: {{Left eye: 5, Nose tip: 8}} (others 10)
rubric: keypoints-standard  # a rubric id from quizzes/rubrics.yml, or a rubric written inline
gold:  # natural pixels; a hidden landmark is written {{label: ..., visible: false}}
  points:
    - {{label: Left eye, x: 250, y: 160}}
    - {{label: Right eye, x: 150, y: 160}}
    - {{label: Nose tip, x: 196, y: 225}}
explain: The face looks out at you, so its left eye is on the right of the picture.
hints:
  - Left and right are the face's own, not yours.
""",
}

#: The media file each starter names (next to the lesson), which the trainer supplies.

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
