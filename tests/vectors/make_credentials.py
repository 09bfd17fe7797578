"""Writes tests/vectors/credentials/credentials.json: credentials and their verdicts.

Both verifiers run this file: ``annotrain verify``'s rules (signing/credentials.py,
in tests/test_credentials.py) and the verify page's (browser/credential.js, in
tests/js/credential.test.js). Every expected verdict is written here by hand
from the rules in the trainer guide, not computed by either verifier; only the
tokens and their hashes are computed. The keys are made from fixed bytes, and
Ed25519 signatures are deterministic, so the file is the same on every run.
Run: python tests/vectors/make_credentials.py
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

OUT = Path(__file__).parent / "credentials" / "credentials.json"
NOW = "2027-06-01T00:00:00Z"
EARLIER_UNTIL = "2026-12-31"


def key(seed: int) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)


def raw(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def key_id(private: Ed25519PrivateKey) -> str:
    return hashlib.sha256(raw(private)).hexdigest()[:16]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def token(claims: dict, signer: Ed25519PrivateKey, named: Ed25519PrivateKey | None = None) -> str:
    """Claims signed by ``signer``, naming the key ``named`` (default: the signer)."""
    body = {**claims, "key": key_id(named or signer)}
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b64url(payload) + "." + b64url(signer.sign(payload))


def signed_bytes(payload: bytes, signer: Ed25519PrivateKey) -> str:
    return b64url(payload) + "." + b64url(signer.sign(payload))


def digest(text: str) -> str:
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


CURRENT, EARLIER, STRANGER = key(1), key(2), key(3)

CLAIMS = {
    "typ": "annotrain-credential/1",
    "id": "5f1c0a6e9b2d4c8f8a7e6d5c4b3a2918",
    "issuer": "Harbour Data Academy",
    "course": "Become a data annotator",
    "site": "annotrain-course",
    "site_url": "https://courses.example.org/annotation/",
    "candidate": {"id": "c-0042", "name": "Zoë O’Brien-Ngata"},
    "quiz": {"id": "final", "title": "Final qualification exam", "version": "3f9a1c2b7d4e5f60"},
    "score": 0.9167,
    "passed": True,
    "sections": [{"title": "Images", "score": 0.875}, {"title": "Text", "score": 1.0}],
    "date": "2027-01-09",
    "issued": "2027-01-10T09:00:00Z",
    "expires": "2029-01-10T09:00:00Z",
    "attempt": "9" * 64,
    "ticket": "0123456789abcdef0123456789abcdef",
}


def claims(**changes) -> dict:
    return {**CLAIMS, **changes}


def main() -> None:
    valid = token(CLAIMS, CURRENT)
    revoked = token(claims(id="7" * 32), CURRENT)
    revoked_expired = token(claims(id="8" * 32, expires="2027-02-01T00:00:00Z"), CURRENT)
    payload, signature = valid.split(".")
    changed_claims = {**json.loads(base64.urlsafe_b64decode(payload + "==")), "score": 0.99}
    changed = (
        b64url(json.dumps(changed_claims, separators=(",", ":")).encode("utf-8")) + "." + signature
    )
    spoofed = token(CLAIMS, STRANGER, named=CURRENT)
    ticket = token(
        {
            "typ": "annotrain-ticket/1",
            "id": "0123456789abcdef0123456789abcdef",
            "site": "annotrain-course",
            "quiz": "final",
            "version": "3f9a1c2b7d4e5f60",
            "candidate": {"id": "c-0042", "name": "Zoë O’Brien-Ngata"},
            "attempt": 1,
            "seed": 123456789,
            "from": None,
            "until": None,
            "extra_minutes": 0,
            "issued": "2027-01-01T10:00:00Z",
        },
        CURRENT,
    )
    wrapped = "\n".join("  " + valid[i : i + 40] for i in range(0, len(valid), 40)) + "\n"
    file_text = json.dumps({"format": "annotrain-credential/1", "credential": valid}, indent=2)
    certificate = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta name="annotrain-credential" content="{valid}">\n'
        "<title>Certificate</title></head><body><p>Zoë</p></body></html>\n"
    )

    def ok(name: str, text: str, expected: dict, hashed: str, signer=CURRENT) -> dict:
        return {
            "name": name,
            "input": text,
            "expect": {"valid": True, "reason": None, "params": {}, "hash": digest(hashed)},
            "claims": {**expected, "key": key_id(signer)},
        }

    def bad(name: str, text: str, reason: str, params: dict | None = None, hashed=True) -> dict:
        return {
            "name": name,
            "input": text,
            "expect": {
                "valid": False,
                "reason": reason,
                "params": params or {},
                "hash": digest(text if hashed is True else hashed) if hashed else None,
            },
        }

    earlier_last_day = claims(issued="2026-12-31T23:59:59Z")
    earlier_after = claims(issued="2027-01-01T00:00:00Z")
    cut = valid[:-10]
    cases = [
        ok("valid: signed with the current key", valid, CLAIMS, valid),
        ok(
            "valid: no expiry",
            token(claims(expires=None), CURRENT),
            claims(expires=None),
            token(claims(expires=None), CURRENT),
        ),
        ok("valid: the token wrapped across lines and indented", wrapped, CLAIMS, valid),
        ok("valid: the credential file", file_text, CLAIMS, valid),
        ok("valid: the certificate", certificate, CLAIMS, valid),
        ok(
            "valid: the verify link",
            "https://courses.example.org/annotation/verify/#credential=" + valid,
            CLAIMS,
            valid,
        ),
        ok(
            "valid: an earlier key on its last day",
            token(earlier_last_day, EARLIER),
            earlier_last_day,
            token(earlier_last_day, EARLIER),
            signer=EARLIER,
        ),
        bad(
            "an earlier key the day after its last day",
            token(earlier_after, EARLIER),
            "retired_key",
            {"date": EARLIER_UNTIL},
        ),
        bad(
            "a claim changed: the payload re-encoded, the old signature kept",
            changed,
            "bad_signature",
        ),
        bad("signed by another key that names the site's key", spoofed, "bad_signature"),
        bad("signed by a key the site does not know", token(CLAIMS, STRANGER), "unknown_key"),
        bad(
            "expired",
            token(claims(expires="2027-05-31T12:00:00Z"), CURRENT),
            "expired",
            {"date": "2027-05-31"},
        ),
        bad(
            "expires at this very moment",
            token(claims(expires=NOW), CURRENT),
            "expired",
            {"date": "2027-06-01"},
        ),
        bad("revoked", revoked, "revoked"),
        bad("revoked and expired: revoked is said", revoked_expired, "revoked"),
        bad("an exam ticket is not a credential", ticket, "not_credential"),
        bad("issued is not a time", token(claims(issued="yesterday"), CURRENT), "malformed"),
        bad(
            "expires is a date that does not exist",
            token(claims(expires="2029-02-30T00:00:00Z"), CURRENT),
            "malformed",
        ),
        bad("cut short", cut, "damaged"),
        bad("three parts", valid + ".AAAA", "damaged"),
        bad("signed claims that are not an object", signed_bytes(b"[1,2,3]", CURRENT), "damaged"),
        bad("a payload that is not UTF-8", signed_bytes(b'{"a":"\xff"}', CURRENT), "damaged"),
        bad(
            "a credential file without a credential",
            '{"format": "annotrain-credential/1"}',
            "no_credential",
            hashed=False,
        ),
        bad(
            "a letter with no credential in it",
            "Dear trainer, here is my certificate!",
            "no_credential",
            hashed=False,
        ),
        bad("nothing", "   \n", "no_credential", hashed=False),
        bad(
            "a verify link with a damaged fragment",
            "https://courses.example.org/annotation/verify/#credential=abc",
            "damaged",
            hashed="abc",
        ),
        bad(
            "a credential in a sentence",
            "My credential is " + revoked + " (please check).",
            "revoked",
            hashed=revoked,
        ),
    ]
    site = {
        "keys": {
            key_id(CURRENT): {"key": base64.b64encode(raw(CURRENT)).decode(), "until": None},
            key_id(EARLIER): {
                "key": base64.b64encode(raw(EARLIER)).decode(),
                "until": EARLIER_UNTIL,
            },
        },
        "revoked": [digest(revoked), digest(revoked_expired)],
    }
    data = {
        "comment": "Credentials and the verdict each verifier must give; see make_credentials.py.",
        "now": NOW,
        "site": site,
        "cases": cases,
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
