"""The trainer's Ed25519 key pair: made, written, read, and the public key's forms.

The private key is a PEM file (PKCS#8) that stays with the trainer. The public key
is published in the site as the base64 of its 32 raw bytes, and written beside the
private key both as PEM and as that text. :func:`public_key_text` reads the plugin
option ``public_key``, a file or the base64 itself, without the ``cryptography``
package, and refuses a private key given by mistake.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path

from ..errors import AnnotrainError

#: How a PEM private key begins (PKCS#8, and the older forms a trainer may have).
PRIVATE_PEM_MARKERS = (
    "-----BEGIN PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN EC PRIVATE KEY-----",
)
PUBLIC_PEM_MARKER = "-----BEGIN PUBLIC KEY-----"
RAW_KEY_BYTES = 32
#: The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow it.
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


class SigningKeyError(AnnotrainError):
    """A key that cannot be used, with what to do instead."""


def is_private_pem(text: str) -> bool:
    """True when ``text`` holds a PEM private key anywhere in it."""
    return any(marker in text for marker in PRIVATE_PEM_MARKERS)


def key_id(raw: bytes) -> str:
    """A short name for a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(raw).hexdigest()[:16]


def raw_public_key(text: str, where: str) -> bytes:
    """The 32 bytes of an Ed25519 public key written as base64 or as PEM.

    ``where`` names the text's source in errors. Raises :class:`SigningKeyError`, also
    when ``text`` is a private key.
    """
    text = text.strip()
    if is_private_pem(text):
        raise SigningKeyError(
            f"{where} is a private key: it must never be published; give the public "
            "key instead (the .pub.pem or .pub.txt file `annotrain keys new` wrote)"
        )
    if PUBLIC_PEM_MARKER in text:
        body = "".join(line for line in text.splitlines() if line and not line.startswith("-----"))
        der = _base64(body, where)
        if not der.startswith(ED25519_SPKI_PREFIX) or len(der) != len(ED25519_SPKI_PREFIX) + 32:
            raise SigningKeyError(f"{where} is a PEM public key, but not an Ed25519 one")
        return der[len(ED25519_SPKI_PREFIX) :]
    raw = _base64(text, where)
    if len(raw) != RAW_KEY_BYTES:
        raise SigningKeyError(
            f"{where} is {len(raw)} bytes once decoded; an Ed25519 public key is "
            f"{RAW_KEY_BYTES} bytes (44 characters of base64)"
        )
    return raw


def _base64(text: str, where: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SigningKeyError(
            f"{where} is neither a file nor the base64 text of a public key"
        ) from None


def public_key_text(value: str, base: Path) -> tuple[str, Path | None]:
    """The base64 public key an option names, and the file it came from (or None).

    ``value`` is a path (relative to ``base``) of a PEM or base64 file, or the
    base64 text itself.
    """
    if _is_key_text(value):
        return value.strip(), None
    candidate = base / value
    if not candidate.is_file():
        if "/" in value or "." in value:  # base64 has no dot: it was meant as a file
            raise SigningKeyError(f"public key file {value!r} not found (looked for {candidate})")
        raw_public_key(value, "the value")  # says what is wrong with the text
    text = candidate.read_text(encoding="utf-8", errors="replace")
    raw = raw_public_key(text, f"the file {value!r}")
    return base64.b64encode(raw).decode("ascii"), candidate


def _is_key_text(value: str) -> bool:
    try:
        return len(base64.b64decode(value.strip(), validate=True)) == RAW_KEY_BYTES
    except (binascii.Error, ValueError):
        return False


def new_key_pair() -> tuple[bytes, bytes, str]:
    """A fresh key pair: (private PEM, public PEM, public base64)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = private.public_key()
    public_pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return private_pem, public_pem, base64.b64encode(raw).decode("ascii")


def load_private_key(path: Path):
    """The Ed25519 private key in the PEM file ``path``; :class:`SigningKeyError` if it is not one."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningKeyError(f"{path}: cannot read the key: {error.strerror or error}") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise SigningKeyError(
            f"{path}: not an unencrypted PEM private key ({error}); make one with "
            "`annotrain keys new`"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(
            f"{path}: the key is not an Ed25519 key; make one with `annotrain keys new`"
        )
    return key


def raw_of(private_key) -> bytes:
    """The 32 raw bytes of ``private_key``'s public key."""
    from cryptography.hazmat.primitives import serialization

    return private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
