"""annotrain: labeling exercises and gold-task quizzes for static course sites.

The core (loading, validation, grading, rendering) never imports MkDocs; the
MkDocs plugin in :mod:`annotrain.plugin` is thin glue around it.
"""

__version__ = "0.1.0"
