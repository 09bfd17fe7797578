"""Options several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """The ``--config`` option naming the course's mkdocs.yml, shared by the commands."""
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's mkdocs.yml (default: %(default)s)",
    )


_UNITS = {
    "": 1,
    "B": 1,
    "K": 1024,
    "KB": 1024,
    "M": 1024**2,
    "MB": 1024**2,
    "G": 1024**3,
    "GB": 1024**3,
}


def byte_size(text: str) -> int:
    """A size given on the command line: ``20000000``, ``500KB``, ``20MB``, ``1GB`` (1 KB = 1024 bytes)."""
    number = text.strip().upper().rstrip("BKMG")
    unit = text.strip().upper()[len(number) :]
    try:
        value = float(number)
    except ValueError:
        value = -1.0
    if unit not in _UNITS or not value > 0 or value * _UNITS[unit] > 2**62:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size: give bytes, or a number with KB, MB or GB (e.g. 20MB)"
        )
    return int(value * _UNITS[unit])


def add_max_bytes_option(parser: argparse.ArgumentParser, default: int, what: str) -> None:
    """``--max-bytes SIZE``: the largest ``what`` read; larger files are refused unread."""
    parser.add_argument(
        "--max-bytes",
        type=byte_size,
        default=default,
        metavar="SIZE",
        help=f"refuse {what} larger than this: bytes, or with KB, MB or GB "
        f"(default: {default // 1024**2}MB)",
    )
