"""The course loader: YAML with positions, rubrics, tasks, quizzes and media, checked.

One loader serves the build, the command line and the importers; every problem is an
:class:`~annotrain.errors.AuthoringError` naming file and line.
"""
