"""Importers: gold tasks from other tools' exports, written as a quiz bank file.

Each importer turns a tool's export into plain task mappings (the fields of
``annotrain.tasks``) plus a :class:`~annotrain.importers.output.Outcome` that says
what was imported and what was skipped and why; :mod:`annotrain.importers.output`
checks every task with the real loader and writes the YAML. Importers:

- :mod:`annotrain.importers.labelstudio`: Label Studio JSON export + labeling config.
"""
