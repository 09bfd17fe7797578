"""Inter-annotator agreement: a generic core, its metrics, and each task type's hooks.

How far people who answered the same tasks agree, for ``annotrain agreement``:

- :mod:`~annotrain.agreement.ratings`: :class:`TaskRatings` (every rater's answer to
  one task) and :func:`collect` (attempt files -> ratings);
- :mod:`~annotrain.agreement.rows`: :class:`TaskRow` (one task's agreement) and the
  convention every type keeps: a disagreement in [0, 1], so that tasks of every type
  sort together, most disputed first;
- :mod:`~annotrain.agreement.analysis`: :func:`analyse` (ratings -> :class:`Report`);
- :mod:`~annotrain.agreement.categorical` (``choice``, ``pairwise``) and
  :mod:`~annotrain.agreement.objects` (``bbox``, ``polygon``, ``segments``): the
  analyses several types share;
- :mod:`~annotrain.agreement.metrics`: Cohen's and Fleiss' kappa, Krippendorff's alpha,
  the Jaccard index, pair agreement;
- :mod:`~annotrain.agreement.terminal`: tables and numbers for the terminal.

What is particular to a task type (how to read its answer, how to compare answers,
how to print its summary) sits in its folder, ``tasktypes/<type>/agreement.py``, as
an :class:`~annotrain.tasktypes.base.AgreementHooks` reached through
``TASK_TYPES[name].agreement``; the core dispatches through the type only.
"""

from .analysis import Report, analyse
from .ratings import TaskRatings, collect
from .rows import TaskRow

__all__ = ["Report", "TaskRatings", "TaskRow", "analyse", "collect"]
