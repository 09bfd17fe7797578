"""The subcommands of ``annotrain``, one module each.

A command module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int`` (the exit status). Add a module to ``COMMANDS`` to register it.
"""

from . import (
    agreement,
    grade,
    importer,
    keys,
    new,
    package,
    receive,
    report,
    tickets,
    validate,
    verify,
)

COMMANDS = [
    validate,
    grade,
    report,
    verify,
    agreement,
    importer,
    new,
    keys,
    tickets,
    package,
    receive,
]
