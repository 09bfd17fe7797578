"""``spans``: mark entity spans in a passage (named-entity recognition).

This folder is the whole type: ``kind.py`` (model, options, measures), ``gold.py``
(gold spans written by offsets or by their text),
``grader.js`` and ``widget.js`` (the browser twin and the controls), ``template.html``,
``style.css`` where it has one, ``starter.yml`` and ``agreement.py``.
"""
