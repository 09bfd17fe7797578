/* annotrain credentials: find a credential in what a person hands over and check
 * it under the site's keys. Pure: no DOM, no clock (now is passed in); WebCrypto's
 * SubtleCrypto is passed in too, so Node runs the same code in tests.
 *
 * Mirrors plugins/annotrain/signing/credentials.py rule for rule, with the same
 * reason codes; both run tests/vectors/credentials/. A token is
 * base64url(claims JSON) "." base64url(Ed25519 signature over those bytes):
 * tokens.js reads it and checks the signature.
 *
 *   tokenIn(text)                       the token in a credential file, a
 *                                       certificate, a verify link or the token
 *                                       itself; null when there is none
 *   check(text, site, nowMs, subtle)    Promise of {valid, reason, params, hash, claims}
 *   hash(token, subtle)                 Promise of the SHA-256 hex of the token
 *                                       without whitespace (what revoked.txt lists)
 *
 * site is what the verify panel carries: {keys: {id: {key: base64, until: day|null}},
 * revoked: [hex]}. Classic script (works from file://), after tokens.js in the
 * verify page's bundle, that Node can also require.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./tokens.js"));
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.credential = factory(root.annotrain.tokens);
  }
})(this, function (tokens) {
  "use strict";

  var TYP = "annotrain-credential/1";
  var META_NAME = "annotrain-credential";
  var FRAGMENT = "credential=";
  var TOKEN = /[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{86}(?![A-Za-z0-9_-])/;
  var TOKEN_CHARS = /^[A-Za-z0-9_.-]+$/;
  var TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
  var BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function joined(text) {
    return String(text).replace(/\s+/g, "");
  }

  // The content of the first <meta name="annotrain-credential" content="...">, read
  // without a DOM: the certificate writes it on one line, attributes quoted.
  function metaToken(text) {
    var tags = text.match(/<meta\b[^>]*>/gi) || [];
    for (var i = 0; i < tags.length; i++) {
      var name = /\bname\s*=\s*(["'])(.*?)\1/i.exec(tags[i]);
      var content = /\bcontent\s*=\s*(["'])([\s\S]*?)\1/i.exec(tags[i]);
      if (name && name[2] === META_NAME) return content ? joined(decodeEntities(content[2])) || null : null;
    }
    return null;
  }

  // A token holds no markup characters; the few references an attribute may use.
  function decodeEntities(text) {
    return text.replace(/&(amp|#45|#x2d|#95|#x5f|#46|#x2e);/gi, function (match, name) {
      var map = { amp: "&", "#45": "-", "#x2d": "-", "#95": "_", "#x5f": "_", "#46": ".", "#x2e": "." };
      return map[name.toLowerCase()];
    });
  }

  /** The credential token in `text`, or null (see credentials.py, token_in). */
  function tokenIn(text) {
    text = String(text === undefined || text === null ? "" : text).trim();
    if (!text) return null;
    if (text.charAt(0) === "{") {
      var data = null;
      try {
        data = JSON.parse(text);
      } catch (err) {
        data = null;
      }
      if (isObject(data)) {
        var token = data.credential;
        return typeof token === "string" && token.trim() ? joined(token) : null;
      }
    }
    if (text.charAt(0) === "<" || text.toLowerCase().indexOf("<meta") >= 0) {
      var found = metaToken(text);
      if (found) return found;
    }
    var at = text.indexOf(FRAGMENT);
    if (at >= 0) {
      var fragment = joined(text.slice(at + FRAGMENT.length).split("&")[0]);
      return TOKEN_CHARS.test(fragment) ? fragment : null;
    }
    var all = joined(text);
    if (TOKEN_CHARS.test(all)) return all;
    var match = TOKEN.exec(text);
    return match ? match[0] : null;
  }

  // The 32 bytes of a site key: strict base64, padded, as the site publishes it.
  function keyBytes(entry) {
    var text = entry ? entry.key : null;
    if (typeof text !== "string" || !BASE64.test(text) || text.length % 4) return null;
    var raw = tokens.bytes(text);
    return raw && raw.length === 32 ? raw : null;
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function hash(token, subtle) {
    var bytes = new TextEncoder().encode(joined(token));
    return subtle.digest("SHA-256", bytes).then(hex);
  }

  // A claim's time (YYYY-MM-DDTHH:MM:SSZ) in ms, or null when it is not one (no
  // 30 February: the date must read back as written).
  function moment(value) {
    if (typeof value !== "string" || !TIME.test(value)) return null;
    var ms = Date.parse(value);
    if (isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== value.slice(0, 19)) return null;
    return ms;
  }

  function invalid(reason, params) {
    return { valid: false, reason: reason, params: params || {}, claims: null };
  }

  // Rules 1 to 3: the claims of a token one of the site's keys signed.
  function opened(token, site, subtle) {
    // A credential is base64url only (tokenIn's alphabet), never base64 with + or /.
    var parts = TOKEN_CHARS.test(token) ? tokens.split(token) : null;
    if (!parts) return Promise.resolve(invalid("damaged"));
    var entry = tokens.keyEntry(parts.claims, site && site.keys);
    var raw = keyBytes(entry);
    if (!raw) return Promise.resolve(invalid("unknown_key"));
    return tokens.verify(subtle, raw, parts).then(function (ok) {
      return ok ? { valid: true, claims: parts.claims, entry: entry } : invalid("bad_signature");
    });
  }

  function rules(token, site, now, subtle, digest) {
    return opened(token, site, subtle).then(function (result) {
      if (!result.valid) return result;
      var claims = result.claims;
      if (claims.typ !== TYP) return invalid("not_credential");
      var issued = moment(claims.issued);
      var expires = claims.expires === null || claims.expires === undefined ? null : moment(claims.expires);
      if (issued === null || (claims.expires !== null && claims.expires !== undefined && expires === null)) {
        return invalid("malformed");
      }
      var until = result.entry.until;
      if (until !== null && until !== undefined && claims.issued.slice(0, 10) > String(until)) {
        return invalid("retired_key", { date: String(until) });
      }
      var revoked = Array.isArray(site.revoked) ? site.revoked : [];
      if (revoked.indexOf(digest) >= 0) return invalid("revoked");
      if (expires !== null && expires <= now) {
        return invalid("expired", { date: new Date(expires).toISOString().slice(0, 10) });
      }
      return { valid: true, reason: null, params: {}, claims: claims };
    });
  }

  /** Check what a person handed over; resolves to {valid, reason, params, hash, claims}. */
  function check(text, site, now, subtle) {
    var token = tokenIn(text);
    if (token === null) return Promise.resolve({ valid: false, reason: "no_credential", params: {}, hash: null, claims: null });
    return hash(token, subtle).then(function (digest) {
      return rules(token, site || {}, now, subtle, digest).then(function (result) {
        result.hash = digest;
        return result;
      });
    });
  }

  return { TYP: TYP, tokenIn: tokenIn, check: check, hash: hash };
});
