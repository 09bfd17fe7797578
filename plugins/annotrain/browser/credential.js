/* annotrain credentials: find a credential in what a person hands over and check
 * it under the site's keys. Pure: no DOM, no clock (now is passed in); WebCrypto's
 * SubtleCrypto is passed in too, so Node runs the same code in tests.
 *
 * Mirrors plugins/annotrain/signing/credentials.py rule for rule, with the same
 * reason codes; both run tests/vectors/credentials/. A token is
 * base64url(claims JSON) "." base64url(Ed25519 signature over those bytes).
 *
 *   tokenIn(text)                       the token in a credential file, a
 *                                       certificate, a verify link or the token
 *                                       itself; null when there is none
 *   check(text, site, nowMs, subtle)    Promise of {valid, reason, params, hash, claims}
 *   hash(token, subtle)                 Promise of the SHA-256 hex of the token
 *                                       without whitespace (what revoked.txt lists)
 *
 * site is what the verify panel carries: {keys: {id: {key: base64, until: day|null}},
 * revoked: [hex]}. Classic script (works from file://) that Node can also require.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else {
    root.annotrain = root.annotrain || {};
    root.annotrain.credential = factory();
  }
})(this, function () {
  "use strict";

  var TYP = "annotrain-credential/1";
  var META_NAME = "annotrain-credential";
  var FRAGMENT = "credential=";
  var MAX_TOKEN = 16000;
  var TOKEN = /[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{86}(?![A-Za-z0-9_-])/;
  var TOKEN_CHARS = /^[A-Za-z0-9_.-]+$/;
  var TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
  var B64URL = /^[A-Za-z0-9_-]*$/;
  var has = Object.prototype.hasOwnProperty;

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

  function fromB64url(text) {
    if (!B64URL.test(text) || text.length % 4 === 1) return null;
    var padded = text.replace(/-/g, "+").replace(/_/g, "/");
    padded += "====".slice(0, (4 - (padded.length % 4)) % 4);
    var binary;
    try {
      binary = typeof atob === "function" ? atob(padded) : Buffer.from(padded, "base64").toString("binary");
    } catch (err) {
      return null;
    }
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function fromB64(text) {
    if (typeof text !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4) return null;
    return fromB64url(text.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"));
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

  // (payload bytes, signature bytes, claims) of a well-formed token, or null.
  function split(token) {
    if (token.length > MAX_TOKEN || token.split(".").length !== 2) return null;
    var parts = token.split(".");
    var payload = fromB64url(parts[0]);
    var signature = fromB64url(parts[1]);
    if (!payload || !signature || signature.length !== 64) return null;
    var claims;
    try {
      claims = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
    } catch (err) {
      return null;
    }
    return isObject(claims) ? { payload: payload, signature: signature, claims: claims } : null;
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
    var parts = split(token);
    if (!parts) return Promise.resolve(invalid("damaged"));
    var keys = isObject(site && site.keys) ? site.keys : {};
    var id = String(parts.claims.key);
    var entry = has.call(keys, id) && isObject(keys[id]) ? keys[id] : null;
    var raw = entry ? fromB64(entry.key) : null;
    if (!raw || raw.length !== 32) return Promise.resolve(invalid("unknown_key"));
    return subtle
      .importKey("raw", raw, { name: "Ed25519" }, false, ["verify"])
      .then(function (key) {
        return subtle.verify({ name: "Ed25519" }, key, parts.signature, parts.payload);
      })
      .then(function (ok) {
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
