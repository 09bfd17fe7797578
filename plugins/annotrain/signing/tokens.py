"""Signed tokens: ``base64url(claims JSON) "." base64url(Ed25519 signature)``.

The signature covers the payload's bytes exactly as they travel, so the browser
(``crypto.subtle.verify`` with ``Ed25519``) and Python check the same bytes. A
token is opened with every public key it may have been signed with (the current
one and earlier ones, see key rotation); the claims' ``key`` names which.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping

from ..errors import AnnotrainError
from .keys import key_id, raw_of

#: A token longer than this is not one of ours (a credential is about 1 KB).
MAX_TOKEN = 16_000


class TokenError(AnnotrainError):
    """A token that does not hold, with the reason in a candidate's or trainer's words."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: str) -> bytes:
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def sign(claims: Mapping, private_key) -> str:
    """The token of ``claims`` (JSON-able) signed with ``private_key``.

    The claims get ``key``, the id of the public key that verifies them.
    """
    body = {**claims, "key": key_id(raw_of(private_key))}
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b64url(payload) + "." + b64url(private_key.sign(payload))


def split(token: str) -> tuple[bytes, bytes, dict]:
    """(payload bytes, signature bytes, claims) of a well-formed token; TokenError if not."""
    token = "".join(str(token).split())  # pasted tokens may be wrapped across lines
    if len(token) > MAX_TOKEN or token.count(".") != 1:
        raise TokenError("not a token: it should be two parts joined by a dot")
    head, tail = token.split(".")
    try:
        payload, signature = from_b64url(head), from_b64url(tail)
        claims = json.loads(payload.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise TokenError("damaged: its text has been cut or changed") from None
    if not isinstance(claims, dict) or len(signature) != 64:
        raise TokenError("damaged: its text has been cut or changed")
    return payload, signature, claims


def open_token(token: str, public_keys: Mapping[str, bytes]) -> dict:
    """The claims of ``token`` once its signature holds under one of ``public_keys``.

    ``public_keys`` maps key ids to raw public keys. Raises :class:`TokenError`
    naming what failed: damaged text, an unknown key, or a bad signature.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    payload, signature, claims = split(token)
    raw = public_keys.get(str(claims.get("key")))
    if raw is None:
        raise TokenError("signed with a key this site does not know")
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, payload)
    except InvalidSignature:
        raise TokenError("the signature does not match: the token was changed") from None
    return claims
