"""``annotrain verify``: check a credential offline, as the site's verify page does.

    annotrain verify CREDENTIAL [--key PUBLIC] [--revoked FILE] [--config mkdocs.yml]

CREDENTIAL is a credential file (``<name>-<quiz>-credential.json``), a
certificate (``<name>-<quiz>-certificate.html``), a verify link, the token itself,
or ``-`` to read any of these from stdin. The keys are ``--key`` (a public key
file or its base64), else the course's ``public_key`` and ``earlier_keys``; the
revoked credentials are ``--revoked``'s, else the course's ``revoked`` file. The
rules and reasons are :mod:`annotrain.signing.credentials`'s. Prints the verdict,
the claims of a valid credential and the credential's hash (what ``revoked.txt``
lists). Exit status 0 valid, 1 not valid, 2 for usage (no keys, a file that
cannot be read).
"""

from __future__ import annotations

import argparse
import base64
import sys
from datetime import datetime, timezone
from pathlib import Path

from ..course.sitefiles import read_layout
from ..errors import AnnotrainError
from ..fileio import InputError, read_limited
from ..messages import catalog, format_number
from ..safetext import for_terminal
from ..signing.credentials import FRAGMENT, CredentialError, verdict
from ..signing.keys import SigningKeyError, key_id, public_key_text
from ..signing.sitekeys import layout_keys, read_revoked
from .options import add_config_option

NAME = "verify"
HELP = "check a credential: its signature, expiry and revocation"
EXAMPLES = """examples:
  annotrain verify credentials/ana-lima-final-credential.json
                                        with the keys and revoked.txt of ./mkdocs.yml
  annotrain verify ana-lima-final-certificate.html --key keys/trainer.pub.pem
  annotrain verify eyJ0eXAiOi...Q8Bg --key Xb3q...=  the token text, the key's base64
  pbpaste | annotrain verify -                 from stdin (a file, a link or the token)

exit status: 0 valid, 1 not valid (the reason is printed), 2 for a wrong command
line, keys that cannot be read or a credential file that cannot be read.
"""
#: A credential file or certificate is a few KB; anything larger is not one.
MAX_BYTES = 1024 * 1024
#: An argument longer than this is text, not a file name: a token is over 500 characters.
LONGEST_PATH = 300


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check a credential under the site's keys: signature, key dates, expiry and "
        "revocation, by the same rules as the site's verify page."
    )
    parser.epilog = EXAMPLES
    parser.add_argument(
        "credential",
        metavar="CREDENTIAL",
        help="a credential file, a certificate, a verify link, the token, or - for stdin",
    )
    parser.add_argument(
        "--key",
        metavar="PUBLIC",
        help="the public key: a file (.pub.pem or .pub.txt) or its base64 text "
        "(default: public_key and earlier_keys of the course)",
    )
    parser.add_argument(
        "--revoked",
        type=Path,
        metavar="FILE",
        help="the revoked credentials, one SHA-256 per line (default: the course's revoked file)",
    )
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        site, messages = _site(args)
        text = _read(args.credential)
    except (AnnotrainError, OSError) as error:
        _error(error)
        return 2
    now = datetime.now(timezone.utc)
    result = verdict(text, site, now)
    if result["valid"]:
        _print_valid(result["claims"], site)
    else:
        reason = CredentialError(result["reason"], **result["params"]).message(messages)
        print(for_terminal(f"NOT VALID: {reason}"))
    if result["hash"]:
        print(f"hash: {result['hash']} (this line in the site's revoked.txt revokes it)")
    return 0 if result["valid"] else 1


def _read(argument: str) -> str:
    """The text given: stdin for ``-``, a file's content, else the argument itself."""
    if argument == "-":
        return sys.stdin.read(MAX_BYTES + 1)[:MAX_BYTES]
    path = Path(argument)
    if FRAGMENT in argument or len(argument) > LONGEST_PATH:
        return argument  # a verify link, or the token (hundreds of characters)
    try:
        data = read_limited(path, MAX_BYTES, "a credential file or certificate")
    except InputError as error:
        raise AnnotrainError(
            f"{error}; give a credential file, a certificate, a verify link or the token"
        ) from None
    return data.decode("utf-8", errors="replace")


def _site(args: argparse.Namespace) -> tuple[dict, dict]:
    """The keys and revocations to check with, as the verify page has them, and the messages."""
    config = args.config
    layout = read_layout(config) if config.is_file() else None
    messages = catalog(layout.language, layout.messages) if layout else catalog("en")
    if args.key:
        try:
            text, _ = public_key_text(args.key, Path.cwd())
        except SigningKeyError as error:
            raise AnnotrainError(f"--key: {error}") from None
        raw = base64.b64decode(text)
        site = {"keys": {key_id(raw): {"key": text, "until": None}}, "revoked": []}
        if layout and not args.revoked:
            site["revoked"] = layout_keys(layout).revoked
    else:
        if layout is None:
            raise AnnotrainError(
                f"{config}: no such file, so no keys to check with: give --key PUBLIC "
                "(the trainer's public key), or --config with the course's mkdocs.yml"
            )
        keys = layout_keys(layout)
        if not keys.enabled:
            raise AnnotrainError(
                f"{layout.shown(config)} sets no public_key: give --key PUBLIC, the public "
                "key the credential was signed with"
            )
        site = keys.to_json()
    if args.revoked:
        if not args.revoked.is_file():
            raise AnnotrainError(f"--revoked {args.revoked}: no such file")
        site["revoked"] = read_revoked(args.revoked, str(args.revoked))
    return site, messages


def _print_valid(claims: dict, site: dict) -> None:
    candidate = claims.get("candidate") or {}
    quiz = claims.get("quiz") or {}
    who = str(candidate.get("name", ""))
    if candidate.get("id"):
        who += f" (id {candidate['id']})"
    lines = [
        "VALID credential",
        f"  candidate  {who}",
        f"  exam       {quiz.get('title', '')} ({quiz.get('id', '')}, version {quiz.get('version', '')})",
        f"  score      {_percent(claims.get('score'))}, "
        + ("passed" if claims.get("passed") is True else "not passed"),
    ]
    for section in claims.get("sections") or []:
        if isinstance(section, dict):
            minimum = section.get("min_score")
            gate = f" (minimum {_percent(minimum)})" if _is_number(minimum) else ""
            lines.append(
                f"             {section.get('title', '')}: {_percent(section.get('score'))}{gate}"
            )
    lines += [
        f"  date       {claims.get('date', '')}",
        f"  issuer     {claims.get('issuer', '')} ({claims.get('course', '')})",
        f"  issued     {claims.get('issued', '')}",
        f"  expires    {claims.get('expires') or 'never'}",
        f"  key        {claims.get('key', '')}"
        + (" (an earlier key)" if site["keys"][claims["key"]].get("until") else ""),
        f"  id         {claims.get('id', '')}",
    ]
    for line in lines:
        print(for_terminal(line))


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _percent(value: object) -> str:
    if _is_number(value):
        return format_number(value * 100, 1) + "%"
    return str(value)


def _error(message: object) -> None:
    print(for_terminal(str(message)), file=sys.stderr)
