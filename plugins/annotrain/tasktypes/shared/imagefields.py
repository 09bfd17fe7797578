"""What the image task types (bbox, polygon, keypoints) share on the Python side.

Their exercises show one image on the image stage
(``rendering/templates/annotrain/media/image.html`` with ``tasktypes/shared/stage.js``) and offer
labels to draw with::

    image: ../assets/images/pcb-03.png   # relative to the lesson or quiz file
    alt: A green circuit board with six chips  # optional text alternative
    labels: [Solder Bridge, Missing Component, Scratch]

:func:`read_image_options` reads these into ``task.options`` in the shape the
stage expects: ``{"image": {"src", "webp", "width", "height"}, "labels": [...],
"alt": "..."}`` (``alt`` only when given). A type lists :data:`IMAGE_FIELDS` in
its ``fields`` and :data:`STAGE_HELPERS` in its ``widget_helpers``.
"""

from __future__ import annotations

from ...course.fields import Fields
from ...course.media import MediaLibrary

IMAGE_FIELDS = ("image", "alt", "labels")
#: The stage and the undo history it keeps (history.js first: stage.js uses it).
STAGE_HELPERS = ("history.js", "stage.js")


def read_image_options(kind, fields: Fields, media: MediaLibrary, minimum_labels: int = 1) -> dict:
    """The image (measured in natural pixels), its optional alt text and the labels."""
    options = {
        "image": media.image(fields, "image"),
        "labels": kind.read_labels(fields, minimum_labels),
    }
    alt = fields.text("alt")
    if alt and alt.strip():
        options["alt"] = alt.strip()
    return options
