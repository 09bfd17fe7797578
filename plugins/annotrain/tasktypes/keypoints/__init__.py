"""``keypoints``: place named landmarks on an image (eyes, nose tip, mouth corners).

This folder is the whole type: ``kind.py`` (model, options, gold, measures),
``grader.js`` and ``widget.js`` (the browser twin and the controls), ``template.html``,
``style.css`` where it has one, ``starter.yml`` and ``agreement.py``.
"""
