/* annotrain signed tokens: what exam tickets (tickets.js) and credentials
 * (credential.js) both need to read one and check its signature. Pure: no DOM;
 * the signature is checked with the browser's own WebCrypto Ed25519 (nothing
 * cryptographic is written here), mirroring plugins/annotrain/signing/tokens.py.
 *
 * A token is base64url(claims JSON, UTF-8) "." base64url(64-byte Ed25519
 * signature over exactly those bytes), without padding.
 *
 *   bytes(text)                  Uint8Array of base64 or base64url text, padded
 *                                or not; null when it is neither
 *   split(token)                 {payload (the signed bytes, as received),
 *                                signature (64 bytes), claims (the parsed
 *                                payload, not yet trusted)}; null when damaged
 *   keyEntry(claims, keys)       the entry {key (base64), until} of `keys` ({key
 *                                id: entry}, as the site publishes them) that
 *                                claims.key names; null when there is none
 *   verify(subtle, raw, parts)   Promise of true when parts.signature is raw's
 *                                (32 bytes) over parts.payload
 *   pageSubtle()                 this page's SubtleCrypto, or null where the
 *                                browser offers none (not a secure context)
 *
 * Callers find the token in what a person hands over (a link, a file) and
 * decide what each outcome means for them. Classic script, before tickets.js
 * and credential.js in a bundle; Node can require it too (tests pass Node's
 * webcrypto.subtle, and Node has no page: pageSubtle() is null there).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(null);
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.tokens = factory(root);
  }
})(this, function (scope) {
  "use strict";

  var MAX_TOKEN = 16000; // as the Python side: longer is not one of ours
  var B64URL = /^[A-Za-z0-9_-]*$/;
  var ED25519 = { name: "Ed25519" };
  var has = Object.prototype.hasOwnProperty;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function bytes(text) {
    var plain = String(text).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    if (!B64URL.test(plain) || plain.length % 4 === 1) return null;
    var padded = plain.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((plain.length + 3) % 4);
    var binary;
    try {
      binary = atob(padded);
    } catch (err) {
      return null;
    }
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }

  function split(token) {
    var text = String(token);
    if (!text || text.length > MAX_TOKEN || text.split(".").length !== 2) return null;
    var parts = text.split(".");
    var payload = bytes(parts[0]);
    var signature = bytes(parts[1]);
    if (!payload || !signature || signature.length !== 64) return null;
    var claims;
    try {
      // fatal: bytes that are not UTF-8 make a damaged token, not replacement characters.
      claims = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
    } catch (err) {
      return null;
    }
    return isObject(claims) ? { payload: payload, signature: signature, claims: claims } : null;
  }

  function keyEntry(claims, keys) {
    var id = String(isObject(claims) && has.call(claims, "key") ? claims.key : undefined);
    // Own keys only: a key id such as "constructor" names no key.
    var entry = isObject(keys) && has.call(keys, id) ? keys[id] : null;
    return isObject(entry) ? entry : null;
  }

  function verify(subtle, raw, parts) {
    return subtle.importKey("raw", raw, ED25519, false, ["verify"]).then(function (key) {
      // Over the payload's bytes exactly as they came: never a re-encoding of the claims.
      return subtle.verify(ED25519, key, parts.signature, parts.payload);
    });
  }

  function pageSubtle() {
    if (!scope || scope.isSecureContext === false) return null;
    var cryptoApi = scope.crypto;
    return cryptoApi && cryptoApi.subtle ? cryptoApi.subtle : null;
  }

  return {
    MAX_TOKEN: MAX_TOKEN,
    bytes: bytes,
    split: split,
    keyEntry: keyEntry,
    verify: verify,
    pageSubtle: pageSubtle
  };
});
