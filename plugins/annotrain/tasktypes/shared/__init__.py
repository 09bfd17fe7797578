"""Pieces several task types share, each Python/JS twin side by side.

``matching`` (one-to-one matching of objects to gold), ``numbers`` (typed and shown
numbers), ``polygons`` (exact polygon geometry), ``tokens`` (the words of a passage),
``comparison`` (AI responses to compare), ``imagefields`` (image fields), ``values``
(numbers read from JSON responses), and the browser-only image stage, cursor,
options list and justification.
"""
