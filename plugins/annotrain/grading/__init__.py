"""Grading, pure (no I/O): a response against its rubric, a quiz attempt, attempt files.

The browser mirrors these modules (``browser/grader.js``, ``browser/quiz-core.js``);
both run the shared vectors in ``tests/vectors``.
"""
