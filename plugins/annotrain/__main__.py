"""``python -m annotrain``: the trainer command line, as the ``annotrain`` command."""

from .commands.cli import main

raise SystemExit(main())
