"""``bbox``: draw a box around every object of interest in an image and label it.

This folder is the whole type: ``kind.py`` (model, options, gold, measures),
``grader.js`` and ``widget.js`` (the browser twin and the controls), ``template.html``,
``style.css`` where it has one, ``starter.yml`` and ``agreement.py``.
"""
