"""``rating``: score a response (or an annotation) on each criterion of a scale.

This folder is the whole type: ``kind.py`` (model, options, gold, measures),
``grader.js`` and ``widget.js`` (the browser twin and the controls), ``template.html``,
``style.css`` where it has one, ``starter.yml`` and ``agreement.py``.
"""
