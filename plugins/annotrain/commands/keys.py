"""``annotrain keys``: the trainer's signing key pair.

    annotrain keys new [--out DIR] [--name NAME]

Writes ``DIR/NAME.pem`` (the private key, PKCS#8 PEM, readable by its owner only),
``DIR/NAME.pub.pem`` and ``DIR/NAME.pub.txt`` (the public key as PEM and as the
base64 the site publishes), never replacing a file, and says what to put in
mkdocs.yml. Exit status: 0 when written, 1 when a file exists or cannot be
written, 2 for usage.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import sys
from pathlib import Path

from ..safetext import for_terminal
from ..signing.keys import key_id, new_key_pair

NAME = "keys"
HELP = "make the key pair that signs exam tickets and credentials"
EXAMPLES = """examples:
  annotrain keys new                         writes keys/trainer.pem, .pub.pem and .pub.txt
  annotrain keys new --out ~/secrets --name acme-2026

exit status: 0 when the keys were written, 1 when a file already exists or cannot
be written, 2 for a wrong command line.
"""
#: A key's file name: letters, digits, '.', '-' and '_', no folder.
KEY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def _key_name(text: str) -> str:
    if not KEY_NAME.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r}: use letters, digits, '.', '-' or '_' (a file name, no folder)"
        )
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "The trainer's Ed25519 key pair for exam tickets and credentials."
    parser.epilog = EXAMPLES
    what = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    new = what.add_parser(
        "new",
        help="write a new key pair (never replaces a file)",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument(
        "--out",
        type=Path,
        default=Path("keys"),
        metavar="DIR",
        help="the folder to write the keys in, made if needed (default: %(default)s)",
    )
    new.add_argument(
        "--name",
        type=_key_name,
        default="trainer",
        help="the files' name: NAME.pem, NAME.pub.pem, NAME.pub.txt (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    private, public, text = (
        args.out / f"{args.name}{end}" for end in (".pem", ".pub.pem", ".pub.txt")
    )
    taken = [path for path in (private, public, text) if path.exists() or path.is_symlink()]
    if taken:
        names = ", ".join(str(path) for path in taken)
        _error(
            f"{names} already exists: a key pair is never replaced (tickets and credentials "
            "signed with it would stop verifying); choose another --name or --out"
        )
        return 1
    private_pem, public_pem, public_base64 = new_key_pair()
    written: list[Path] = []
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for path, data, mode in (
            (private, private_pem, 0o600),
            (public, public_pem, 0o644),
            (text, (public_base64 + "\n").encode("ascii"), 0o644),
        ):
            _write_new(path, data, mode)
            written.append(path)
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        _error(f"{args.out}: cannot write the keys: {error.strerror or error}")
        return 1
    kid = key_id(base64.b64decode(public_base64))
    print(
        for_terminal(
            f"Wrote {private} (the private key) and {public}, {text} (the public key, id {kid})."
        )
    )
    print()
    print("Put the public key in mkdocs.yml (the path is from mkdocs.yml's folder):")
    print()
    print("plugins:")
    print("  - annotrain:")
    print(for_terminal(f"      public_key: {public.as_posix()}"))
    print()
    print(
        for_terminal(
            f"Keep {private} secret: out of the site's folder (docs_dir) and out of version "
            f"control (add it to .gitignore). Whoever has it can issue tickets and credentials "
            "in your name. Keep a copy somewhere safe: without it you cannot sign again with "
            "this key."
        )
    )
    return 0


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to ``path``, which must not exist, with permissions ``mode`` (less the umask)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    with os.fdopen(handle, "wb") as out:
        out.write(data)


def _error(message: object) -> None:
    print(for_terminal(f"error: {message}"), file=sys.stderr)
