"""Signed tokens for exams: the trainer's Ed25519 keys, exam tickets and credentials.

A token is ``<payload>.<signature>``: the claims as UTF-8 JSON and the Ed25519
signature over exactly those bytes, each base64url-encoded without padding (as JWS
compact tokens are). The browser checks the same bytes with WebCrypto, so nothing
needs a canonical JSON form. Everything cryptographic is the ``cryptography``
package's; it is imported only by the commands that sign or verify, never by a
site build, which needs only the public key's text.
"""
