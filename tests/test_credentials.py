"""Credentials: the shared vectors through the Python verifier, and the claims made."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from annotrain.messages import catalog
from annotrain.signing.credentials import REASONS, CredentialError, token_in, verdict

from .conftest import ROOT

VECTORS = json.loads(
    (ROOT / "tests" / "vectors" / "credentials" / "credentials.json").read_text(encoding="utf-8")
)
NOW = datetime.fromisoformat(VECTORS["now"].replace("Z", "+00:00"))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_credential_vectors(case):
    result = verdict(case["input"], VECTORS["site"], NOW)
    assert {k: result[k] for k in ("valid", "reason", "params", "hash")} == case["expect"]
    assert result["claims"] == (case["claims"] if case["expect"]["valid"] else None)


def test_the_vectors_cover_every_reason():
    assert {c["expect"]["reason"] for c in VECTORS["cases"]} == {*REASONS, None}


def test_every_reason_has_words_with_its_params():
    messages = catalog("en")
    assert CredentialError("expired", date="2027-05-31").message(messages) == (
        "It expired on 2027-05-31."
    )
    for code in REASONS:
        assert "{" not in CredentialError(code, date="2026-12-31").message(messages)


def test_a_bad_key_in_the_site_is_an_unknown_key():
    valid = VECTORS["cases"][0]["input"]
    (key_id,) = [k for k, v in VECTORS["site"]["keys"].items() if v["until"] is None]
    for text in ("AAAA", "not base64!"):
        site = {"keys": {key_id: {"key": text, "until": None}}, "revoked": []}
        assert verdict(valid, site, NOW)["reason"] == "unknown_key"


def test_the_time_is_what_decides_expiry():
    expiring = next(c for c in VECTORS["cases"] if c["name"] == "expired")["input"]
    before = datetime(2027, 5, 31, 11, 59, 59, tzinfo=timezone.utc)
    assert verdict(expiring, VECTORS["site"], before)["valid"] is True


def test_a_certificate_with_the_meta_anywhere_gives_its_token():
    token = VECTORS["cases"][0]["input"]
    html = (
        f'<html><head><title>x</title><meta content="{token}" name="annotrain-credential"></head>'
    )
    assert token_in(html) == token
