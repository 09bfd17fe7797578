/* annotrain exam tickets: reading a ticket from a link or a paste, choosing its
 * key, what its claims must say, and the whole check: the signature with the
 * browser's own WebCrypto Ed25519 (tokens.js), then the claims. Pure: no DOM, no
 * clock (now is passed in). A ticket is a signed token whose claims are a
 * ticket's; the trainer guide's "Exam day" page says what it holds.
 *
 *   annotrain.tickets.check(token, quiz, now, used, subtle?)
 *
 * resolves to {ok: true, token, claims} or {ok: false, reason, ...details}:
 * reason "insecure" (no WebCrypto here: a page on plain HTTP), "unsupported"
 * (WebCrypto without Ed25519: an old browser), "damaged" (the text was cut or
 * changed, or the signature does not match), "unknown_key" (signed with a key
 * the quiz does not carry), or one of ticketProblem's. quiz: the quiz JSON (its
 * "keys": {key id: {key, until}}); now: ms; used: {ticket id: submitted};
 * subtle: a SubtleCrypto (default: this page's, where it has one).
 *
 * Classic script, only in the bundle of a page with a ticketed exam, after
 * tokens.js (and grader.js, in every bundle); Node can require it too (its tests
 * pass Node's webcrypto.subtle).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./grader.js"), require("./tokens.js"));
  } else {
    root.annotrain = root.annotrain || {};
    root.annotrain.tickets = factory(root.annotrain.grader, root.annotrain.tokens);
  }
})(this, function (grader, tokens) {
  "use strict";

  var TICKET = "annotrain-ticket/1";
  var MAX_EXTRA_MINUTES = 7 * 24 * 60; // as the Python side: more is a typing mistake
  var has = Object.prototype.hasOwnProperty;
  var isObject = grader.isObject;

  // object[key] for own keys only, else undefined: claims are not trusted yet.
  function own(object, key) {
    return isObject(object) && has.call(object, key) ? object[key] : undefined;
  }

  // --- reading a ticket -----------------------------------------------------------------

  /**
   * The token in what a candidate gives: the token itself, the whole link
   * (…#ticket=<token>) or "ticket=<token>"; whitespace anywhere is dropped (a
   * link wrapped across lines in an e-mail). "" when there is nothing.
   */
  function ticketToken(text) {
    var compact = String(text === null || text === undefined ? "" : text).replace(/\s+/g, "");
    var match = /(?:^|[#?&])ticket=([^&#]*)/.exec(compact);
    var token = match ? match[1] : compact;
    try {
      return decodeURIComponent(token);
    } catch (err) { // a stray % sign: the token as it is, which will not open
      return token;
    }
  }

  /** The token in a URL fragment ("#ticket=<token>"), or null when it names none. */
  function hashTicket(hash) {
    var match = /(?:^#?|&)ticket=([^&]*)/.exec(String(hash || ""));
    return match ? ticketToken(match[1]) : null;
  }

  /** tokens.split of the token in `text` (see ticketToken): null when it is damaged. */
  function splitToken(text) {
    var token = ticketToken(text);
    return token ? tokens.split(token) : null;
  }

  /**
   * The public key (base64) that must verify a token with `claims`, from the
   * quiz JSON's `keys` ({key id: {key, until}}): the one claims.key names, the
   * current key or an earlier one alike, as `annotrain grade` opens tickets.
   * null when the site publishes no such key.
   */
  function ticketKey(claims, keys) {
    var entry = tokens.keyEntry(claims, keys);
    return entry && typeof entry.key === "string" ? entry.key : null;
  }

  // --- the claims -------------------------------------------------------------------------

  function isTime(value) {
    return value === null || value === undefined || (typeof value === "string" && !isNaN(Date.parse(value)));
  }

  function wellFormed(claims) {
    var candidate = own(claims, "candidate");
    var extra = own(claims, "extra_minutes");
    return typeof claims.id === "string" && claims.id !== "" &&
      isObject(candidate) && typeof candidate.name === "string" && typeof candidate.id === "string" &&
      typeof claims.attempt === "number" && claims.attempt >= 1 && claims.attempt % 1 === 0 &&
      typeof claims.seed === "number" && claims.seed >= 0 && claims.seed <= 4294967295 && claims.seed % 1 === 0 &&
      (extra === undefined || extra === null || (typeof extra === "number" && extra >= 0 && extra <= MAX_EXTRA_MINUTES)) &&
      isTime(own(claims, "from")) && isTime(own(claims, "until"));
  }

  /**
   * What is wrong with the (signature-checked) claims of a ticket for `quiz` at
   * `now` (ms), given `used` ({ticket id: ISO time its attempt was submitted}
   * in this browser): null when nothing is, else {reason, ...} with reason one of
   * "not_ticket" (another kind of token, or claims a ticket cannot have),
   * "other_site", "other_quiz", "changed" (the quiz's version differs), "used"
   * (with submitted), "not_yet" (with from, until), "expired" (with until).
   * The window check trusts the browser's clock: advisory only.
   */
  function ticketProblem(claims, quiz, now, used) {
    if (!isObject(claims) || claims.typ !== TICKET || !wellFormed(claims)) return { reason: "not_ticket" };
    if (claims.site !== quiz.site) return { reason: "other_site" };
    if (claims.quiz !== quiz.id) return { reason: "other_quiz" };
    if (claims.version !== quiz.version) return { reason: "changed" };
    var submitted = own(used, claims.id);
    if (submitted !== undefined) return { reason: "used", submitted: submitted };
    var from = claims.from ? Date.parse(claims.from) : null;
    var until = claims.until ? Date.parse(claims.until) : null;
    if (from !== null && now < from) return { reason: "not_yet", from: claims.from, until: claims.until || null };
    if (until !== null && now > until) return { reason: "expired", until: claims.until };
    return null;
  }

  /**
   * The tickets used in this browser: {ticket id: submitted (ISO)} from the
   * stored attempts (progress.quizAttempts entries, each holding its attempt
   * file, whose "ticket" is the token it was started with).
   */
  function usedTickets(attempts) {
    var used = {};
    (attempts || []).forEach(function (entry) {
      var file = own(entry, "attempt");
      var token = own(file, "ticket");
      if (typeof token !== "string" || !token) return;
      var parts = splitToken(token);
      var ticketId = parts && own(parts.claims, "id");
      if (typeof ticketId === "string") used[ticketId] = own(file, "submitted") || own(entry, "submitted") || "";
    });
    return used;
  }

  /** The attempt's candidate from a ticket's claims: {id, name}, as the ticket names them. */
  function ticketCandidate(claims) {
    var candidate = own(claims, "candidate");
    return { id: String(own(candidate, "id") || ""), name: String(own(candidate, "name") || "") };
  }

  // --- the whole check --------------------------------------------------------------------

  function refused(reason, details) {
    var out = { ok: false, reason: reason };
    Object.keys(details || {}).forEach(function (key) { out[key] = details[key]; });
    return out;
  }

  function check(token, quiz, now, used, subtle) {
    subtle = subtle || tokens.pageSubtle();
    if (!subtle) return Promise.resolve(refused("insecure"));
    var parts = splitToken(token);
    if (!parts) return Promise.resolve(refused("damaged"));
    var keyText = ticketKey(parts.claims, quiz.keys);
    var raw = keyText ? tokens.bytes(keyText) : null;
    if (!raw) return Promise.resolve(refused("unknown_key"));
    return tokens.verify(subtle, raw, parts).then(function (good) {
      if (!good) return refused("damaged");
      var problem = ticketProblem(parts.claims, quiz, now, used);
      if (problem) return refused(problem.reason, problem);
      return { ok: true, token: ticketToken(token), claims: parts.claims };
    }, function (err) {
      // importKey refuses the algorithm (NotSupportedError) where Ed25519 is missing;
      // anything else is a key that is not a raw Ed25519 public key.
      if (typeof console !== "undefined") console.warn("annotrain: the ticket's signature could not be checked", err);
      return refused(err && err.name === "NotSupportedError" ? "unsupported" : "unknown_key");
    });
  }

  return {
    TICKET: TICKET,
    ticketToken: ticketToken,
    hashTicket: hashTicket,
    splitToken: splitToken,
    ticketKey: ticketKey,
    ticketProblem: ticketProblem,
    usedTickets: usedTickets,
    ticketCandidate: ticketCandidate,
    check: check,
    available: function () { return tokens.pageSubtle() !== null; }
  };
});
