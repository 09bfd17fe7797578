"""Importers: gold tasks from other tools' exports, written as a quiz bank file.

Each importer turns a tool's export into plain task mappings (the fields of
``annotrain.tasks``) plus a :class:`~annotrain.importers.output.Outcome` that says
what was imported and what was skipped and why; :mod:`annotrain.importers.output`
checks every task with the real loader and writes the YAML. Importers:

- :mod:`annotrain.importers.labelstudio`: Label Studio JSON export + labeling config
  (tasks built in ``labelstudio_tasks``, ``labelstudio_images``);
- :mod:`annotrain.importers.coco`: COCO object and keypoint detection files.

Shared pieces: ``mediafiles`` finds an export's images and audio on disk,
``geometry`` converts and checks image coordinates, ``textoffsets`` checks text
span offsets.
"""
