/* annotrain exam tickets: the signature check, with the browser's own WebCrypto
 * Ed25519 (nothing cryptographic is written here), then the claims check of
 * quiz-core.js. No DOM.
 *
 *   annotrain.tickets.check(token, quiz, now, used, subtle?)
 *
 * resolves to {ok: true, token, claims} or {ok: false, reason, ...details}:
 * reason "insecure" (no WebCrypto here: a page on plain HTTP), "unsupported"
 * (WebCrypto without Ed25519: an old browser), "damaged" (the text was cut or
 * changed, or the signature does not match), "unknown_key" (signed with a key
 * the quiz does not carry), or one of quizCore.ticketProblem's. quiz: the quiz
 * JSON (its "keys": {key id: {key, until}}); now: ms; used: {ticket id:
 * submitted}; subtle: a SubtleCrypto (default: this page's, where it has one).
 *
 * Classic script in a quiz page's bundle after quiz-core.js; Node can require
 * it too (its tests pass Node's webcrypto.subtle).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./quiz-core.js"));
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.tickets = factory(root.annotrain.quizCore, root);
  }
})(this, function (core, scope) {
  "use strict";

  var ED25519 = { name: "Ed25519" };

  /** This page's SubtleCrypto, or null: browsers offer it only in secure contexts. */
  function pageSubtle() {
    if (!scope || scope.isSecureContext === false) return null;
    var cryptoApi = scope.crypto;
    return cryptoApi && cryptoApi.subtle ? cryptoApi.subtle : null;
  }

  function refused(reason, details) {
    var out = { ok: false, reason: reason };
    Object.keys(details || {}).forEach(function (key) { out[key] = details[key]; });
    return out;
  }

  /** True when the signature of the token's parts verifies under `keyText` (base64). */
  function verified(subtle, keyText, parts) {
    var raw = core.bytesOf(keyText);
    return subtle.importKey("raw", raw, ED25519, false, ["verify"]).then(function (key) {
      // Over the payload's bytes exactly as they came: never a re-encoding of the claims.
      return subtle.verify(ED25519, key, parts.signature, parts.payload);
    });
  }

  function check(token, quiz, now, used, subtle) {
    subtle = subtle || pageSubtle();
    if (!subtle) return Promise.resolve(refused("insecure"));
    var parts = core.splitToken(token);
    if (!parts) return Promise.resolve(refused("damaged"));
    var keyText = core.ticketKey(parts.claims, quiz.keys);
    if (!keyText || !core.bytesOf(keyText)) return Promise.resolve(refused("unknown_key"));
    return verified(subtle, keyText, parts).then(function (good) {
      if (!good) return refused("damaged");
      var problem = core.ticketProblem(parts.claims, quiz, now, used);
      if (problem) return refused(problem.reason, problem);
      return { ok: true, token: core.ticketToken(token), claims: parts.claims };
    }, function (err) {
      // importKey refuses the algorithm (NotSupportedError) where Ed25519 is missing;
      // anything else is a key that is not a raw Ed25519 public key.
      if (typeof console !== "undefined") console.warn("annotrain: the ticket's signature could not be checked", err);
      return refused(err && err.name === "NotSupportedError" ? "unsupported" : "unknown_key");
    });
  }

  return { check: check, available: function () { return pageSubtle() !== null; } };
});
