"""Commented starters for trainers: an exercise block for a lesson, a quiz file.

:func:`exercise_starter` returns a fenced ``annotrain`` block for one task type,
ready to paste into a lesson; :func:`quiz_starter` returns a quiz bank file
following the trainer guide, "Gold-task quizzes". Both use each type's default
rubric (``default-choice``, ``default-bbox``..., which any course has) and are valid
as they stand (image
starters where the flagship course keeps its images: ``../assets/images/`` from a
week's lesson), so a trainer edits a working example instead of starting from
nothing. Each task type keeps its starter in its
own folder (``tasktypes/<type>/starter.yml``).
"""

from __future__ import annotations

import json

from ..tasktypes import TASK_TYPES

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
    # min_score: 0.7    # this section alone must reach 70 % for the quiz to pass
    tasks:
      # - ref: w1-review-sentiment  # a lesson exercise by its id (a graded quiz warns)
      - type: choice
        id: {name}-sentiment-1
        prompt: What is the overall sentiment of this message?
        text: The bus was late again, but the driver apologised and was kind.
        labels: [Negative, Neutral, Positive]
        rubric: default-choice
        gold: {{choice: Neutral}}
        explain: The apology balances the complaint; there is no clear praise or anger.
      - type: choice
        id: {name}-sentiment-2
        weight: 2       # counts twice in the quiz score (default 1)
        prompt: What is the overall sentiment of this review?
        text: Best pizza in town, and the delivery was twenty minutes early.
        labels: [Negative, Neutral, Positive]
        rubric: default-choice
        gold: {{choice: Positive}}
        explain: Both remarks are praise.
  - title: Topics
    tasks:
      - type: multi
        id: {name}-topics-1
        prompt: Which topics does this ticket mention?
        text: My parcel arrived broken and I cannot log in to ask for a refund.
        labels: [Billing, Shipping, Bug or crash, Account access]
        rubric: default-multi
        gold: {{choices: [Shipping, Account access]}}
        explain: A broken parcel is a shipping problem; the login failure is account access.
"""

#: Longest quiz name: the starter's task ids add up to 20 characters to it.
MAX_QUIZ_NAME = 60


def exercise_starter(type_name: str, exercise_id: str) -> str:
    """A fenced ``annotrain`` block for a lesson; KeyError for an unknown type."""
    body = TASK_TYPES[type_name].starter(exercise_id)
    return f"```annotrain\n{body}```\n"


def quiz_starter(name: str) -> str:
    """The text of ``quizzes/<name>.yml``: a small working quiz with every setting explained."""
    title = name.replace("-", " ").replace("_", " ").strip().capitalize() or name
    # JSON strings are YAML: a title such as "True" or "1" stays text.
    return QUIZ.format(name=name, title=json.dumps(title))
