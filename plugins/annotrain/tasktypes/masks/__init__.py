"""``masks``: paint a class mask over an image with a brush (pixel segmentation).

This folder is the whole type: ``kind.py`` (model, options, gold, measures),
``rle.py`` (run-length masks: reading, IoU, boundaries, rasterising outlines),
``grader.js`` and ``widget.js`` (the browser twin and the brush), ``template.html``,
``style.css``, ``starter.yml``, ``rubric.yml`` and ``agreement.py``.
"""
