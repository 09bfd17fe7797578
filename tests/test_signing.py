"""Keys and signed tokens: what the commands and the browser both rely on."""

from __future__ import annotations

import base64
import json

import pytest

from annotrain.signing.keys import (
    SigningKeyError,
    key_id,
    new_key_pair,
    public_key_text,
    raw_public_key,
)
from annotrain.signing.tokens import TokenError, b64url, from_b64url, open_token, sign, split


@pytest.fixture(scope="module")
def pair():
    from cryptography.hazmat.primitives import serialization

    private_pem, public_pem, public_b64 = new_key_pair()
    private = serialization.load_pem_private_key(private_pem, password=None)
    return private, private_pem, public_pem, public_b64


def test_the_public_key_reads_the_same_from_pem_and_base64(pair):
    _, _, public_pem, public_b64 = pair
    raw = raw_public_key(public_pem.decode(), "the file")
    assert raw == base64.b64decode(public_b64) and len(raw) == 32


def test_a_private_key_is_never_taken_for_a_public_one(pair, tmp_path):
    _, private_pem, _, _ = pair
    with pytest.raises(SigningKeyError, match="is a private key: it must never be published"):
        raw_public_key(private_pem.decode(), "the file 'keys/trainer.pem'")
    (tmp_path / "trainer.pem").write_bytes(private_pem)
    with pytest.raises(SigningKeyError, match="the file 'trainer.pem' is a private key"):
        public_key_text("trainer.pem", tmp_path)


@pytest.mark.parametrize(
    "text, message",
    [
        ("not base64!", "neither a file nor the base64 text"),
        (base64.b64encode(b"x" * 31).decode(), "is 31 bytes once decoded"),
        ("keys/missing.pub.pem", "public key file 'keys/missing.pub.pem' not found"),
    ],
)
def test_bad_public_keys_say_what_is_wrong(tmp_path, text, message):
    with pytest.raises(SigningKeyError, match=message):
        public_key_text(text, tmp_path)


def test_a_public_key_option_is_a_file_or_the_text(pair, tmp_path):
    _, _, public_pem, public_b64 = pair
    (tmp_path / "trainer.pub.pem").write_bytes(public_pem)
    assert public_key_text("trainer.pub.pem", tmp_path) == (
        public_b64,
        tmp_path / "trainer.pub.pem",
    )
    assert public_key_text(public_b64, tmp_path) == (public_b64, None)


def test_a_token_opens_with_its_key_and_names_the_key(pair):
    private, _, _, public_b64 = pair
    raw = base64.b64decode(public_b64)
    token = sign({"typ": "test", "name": "Zoë"}, private)
    claims = open_token(token, {key_id(raw): raw})
    assert claims == {"typ": "test", "name": "Zoë", "key": key_id(raw)}
    # The payload is the JSON as signed, readable without a key.
    payload, signature, unverified = split(token)
    assert json.loads(payload) == claims == unverified and len(signature) == 64
    # Wrapped across lines by a mail program, it still opens.
    assert open_token(token[:40] + "\n  " + token[40:], {key_id(raw): raw}) == claims


def test_a_changed_token_does_not_open(pair):
    private, _, _, public_b64 = pair
    raw = base64.b64decode(public_b64)
    keys = {key_id(raw): raw}
    token = sign({"name": "Ana", "score": 0.5}, private)
    head, tail = token.split(".")
    forged = json.loads(from_b64url(head)) | {"score": 1.0}
    other = b64url(json.dumps(forged, separators=(",", ":")).encode()) + "." + tail
    with pytest.raises(TokenError, match="the signature does not match"):
        open_token(other, keys)
    with pytest.raises(TokenError, match="damaged"):
        open_token(token[:-5], keys)
    with pytest.raises(TokenError, match="two parts"):
        open_token("abc", keys)
    with pytest.raises(TokenError, match="a key this site does not know"):
        open_token(token, {"0" * 16: raw})


def test_another_key_cannot_sign_for_this_one(pair):
    from cryptography.hazmat.primitives import serialization

    _, _, _, public_b64 = pair
    raw = base64.b64decode(public_b64)
    other_pem, _, _ = new_key_pair()
    other = serialization.load_pem_private_key(other_pem, password=None)
    token = sign({"name": "Ana"}, other)
    head, tail = token.split(".")
    claims = json.loads(from_b64url(head)) | {"key": key_id(raw)}  # claims our key's id
    relabelled = b64url(json.dumps(claims).encode()) + "." + tail
    with pytest.raises(TokenError, match="signature does not match"):
        open_token(relabelled, {key_id(raw): raw})
