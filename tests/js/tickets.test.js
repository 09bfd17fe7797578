/* Exam tickets in the browser's scripts (tickets.js): reading a token from a link
 * or a paste, choosing its key, what its claims must say (site, quiz, version,
 * window, used), the attempt that starts from it (quiz-core.js), and the whole
 * check with Node's WebCrypto Ed25519 on tokens signed here the way
 * annotrain.signing.tokens signs them. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const crypto = require("node:crypto");

const tickets = require("../../plugins/annotrain/browser/tickets.js");
// The ticket's own functions are tickets.js's; the attempt's (deadline, file) quiz-core.js's.
const core = { ...require("../../plugins/annotrain/browser/quiz-core.js"), ...tickets };

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");

function keyPair() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x, "base64url");
  const id = crypto.createHash("sha256").update(raw).digest("hex").slice(0, 16);
  return { privateKey, id, base64: raw.toString("base64") };
}

/** A token as tokens.sign makes it: compact JSON with the key id, signed as sent. */
function sign(claims, pair, keyId) {
  const payload = Buffer.from(JSON.stringify({ ...claims, key: keyId || pair.id }), "utf8");
  return b64url(payload) + "." + b64url(crypto.sign(null, payload, pair.privateKey));
}

const TRAINER = keyPair();
const STRANGER = keyPair();
const QUIZ = {
  id: "final", site: "annotation-course", version: "0123456789abcdef", mode: "exam", time_limit: 60,
  keys: { [TRAINER.id]: { key: TRAINER.base64, until: null } },
};
const CLAIMS = {
  typ: "annotrain-ticket/1", id: "a".repeat(32), site: "annotation-course", quiz: "final",
  version: "0123456789abcdef", candidate: { id: "c-007", name: "Ana Lima" }, attempt: 1, seed: 123456789,
  from: "2026-12-07T08:00:00Z", until: "2026-12-07T18:00:00Z", extra_minutes: 15,
  issued: "2026-12-06T10:00:00Z",
};
const NOON = Date.parse("2026-12-07T12:00:00Z");

/** The token with one character in its payload (part 0) or signature (part 1) changed. */
function changed(token, part) {
  const parts = token.split(".");
  const text = parts[part];
  const at = Math.floor(text.length / 2);
  parts[part] = text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
  return parts.join(".");
}

// --- reading a token ------------------------------------------------------------------

test("ticketToken: the token from itself, a whole link, a fragment, wrapped lines", () => {
  assert.equal(core.ticketToken("abc.def"), "abc.def");
  assert.equal(core.ticketToken("https://courses.example.org/exam/#ticket=abc.def"), "abc.def");
  assert.equal(core.ticketToken("#ticket=abc.def"), "abc.def");
  assert.equal(core.ticketToken("ticket=abc.def"), "abc.def");
  assert.equal(core.ticketToken("  https://x.test/exam/#ticket=ab\n  c.d\tef \n"), "abc.def");
  assert.equal(core.ticketToken("https://x.test/exam/#ticket=abc%2Edef"), "abc.def");
  assert.equal(core.ticketToken("   "), "");
  assert.equal(core.ticketToken(null), "");
});

test("hashTicket: a fragment's ticket, or null when it names none", () => {
  assert.equal(core.hashTicket("#ticket=abc.def"), "abc.def");
  assert.equal(core.hashTicket("#lang=en&ticket=abc.def"), "abc.def");
  assert.equal(core.hashTicket("#ticket="), "");
  assert.equal(core.hashTicket("#results"), null);
  assert.equal(core.hashTicket("#myticket=abc"), null);
  assert.equal(core.hashTicket(""), null);
});

test("splitToken: the payload's bytes as received, the signature, the claims", () => {
  const token = sign(CLAIMS, TRAINER);
  const parts = core.splitToken(token);
  const payload = Buffer.from(token.split(".")[0], "base64url");
  assert.deepEqual(Buffer.from(parts.payload), payload);
  assert.equal(parts.signature.length, 64);
  assert.deepEqual(parts.claims, { ...CLAIMS, key: TRAINER.id });
  assert.deepEqual(core.splitToken("\n" + token.slice(0, 40) + "\n  " + token.slice(40)).claims, parts.claims);
  // Unicode names travel as UTF-8.
  const named = core.splitToken(sign({ ...CLAIMS, candidate: { id: "1", name: "Zoë Ñúñez 王芳" } }, TRAINER));
  assert.equal(named.claims.candidate.name, "Zoë Ñúñez 王芳");
});

test("splitToken: cut, joined, foreign or oversized text is damaged (null)", () => {
  const token = sign(CLAIMS, TRAINER);
  const [head, tail] = token.split(".");
  const notJson = b64url(Buffer.from("not json")) + "." + tail;
  const list = b64url(Buffer.from("[1, 2]")) + "." + tail;
  const badUtf8 = b64url(Buffer.from([0xff, 0xfe, 0x7b])) + "." + tail;
  for (const bad of [
    "", head, head + ".", "." + tail, token + ".x", head + "." + tail.slice(0, 40), head.slice(0, 30) + "." + tail,
    head + "." + tail + "!", notJson, list, badUtf8, "x".repeat(16001) + "." + tail,
  ]) {
    assert.equal(core.splitToken(bad), null, JSON.stringify(bad.slice(0, 60)));
  }
});

// --- the key -----------------------------------------------------------------------------

test("ticketKey: the key the claims name, current or earlier, as grade opens tickets", () => {
  const claims = { ...CLAIMS, key: TRAINER.id };
  assert.equal(core.ticketKey(claims, QUIZ.keys), TRAINER.base64);
  assert.equal(core.ticketKey({ ...claims, key: STRANGER.id }, QUIZ.keys), null);
  assert.equal(core.ticketKey({ ...claims, key: undefined }, QUIZ.keys), null);
  assert.equal(core.ticketKey(claims, undefined), null);
  const rotated = {
    [STRANGER.id]: { key: STRANGER.base64, until: null },
    [TRAINER.id]: { key: TRAINER.base64, until: "2026-12-01" },
  };
  assert.equal(core.ticketKey(claims, rotated), TRAINER.base64);
  assert.equal(core.ticketKey({ ...claims, key: STRANGER.id }, rotated), STRANGER.base64);
  // A key id that is a property of every object is no key.
  assert.equal(core.ticketKey({ ...claims, key: "constructor" }, QUIZ.keys), null);
});

// --- the claims ----------------------------------------------------------------------------

test("ticketProblem: a ticket for this exam, inside its window, is fine", () => {
  assert.equal(core.ticketProblem(CLAIMS, QUIZ, NOON, {}), null);
  assert.equal(core.ticketProblem({ ...CLAIMS, from: null, until: null }, QUIZ, 0, {}), null);
  // The window's ends belong to it.
  assert.equal(core.ticketProblem(CLAIMS, QUIZ, Date.parse(CLAIMS.from), {}), null);
  assert.equal(core.ticketProblem(CLAIMS, QUIZ, Date.parse(CLAIMS.until), {}), null);
});

test("ticketProblem: another site, exam or version", () => {
  assert.deepEqual(core.ticketProblem({ ...CLAIMS, site: "other-course" }, QUIZ, NOON, {}), { reason: "other_site" });
  assert.deepEqual(core.ticketProblem({ ...CLAIMS, quiz: "week-1" }, QUIZ, NOON, {}), { reason: "other_quiz" });
  assert.deepEqual(core.ticketProblem({ ...CLAIMS, version: "fedcba9876543210" }, QUIZ, NOON, {}), { reason: "changed" });
});

test("ticketProblem: outside its window, by this computer's clock", () => {
  const early = Date.parse("2026-12-07T07:59:59Z");
  const late = Date.parse("2026-12-07T18:00:01Z");
  assert.deepEqual(core.ticketProblem(CLAIMS, QUIZ, early, {}), {
    reason: "not_yet", from: CLAIMS.from, until: CLAIMS.until,
  });
  assert.deepEqual(core.ticketProblem(CLAIMS, QUIZ, late, {}), { reason: "expired", until: CLAIMS.until });
  assert.equal(core.ticketProblem({ ...CLAIMS, until: null }, QUIZ, late, {}), null);
  assert.deepEqual(core.ticketProblem({ ...CLAIMS, until: null }, QUIZ, early, {}), {
    reason: "not_yet", from: CLAIMS.from, until: null,
  });
});

test("ticketProblem: a ticket whose attempt was submitted in this browser is used", () => {
  const used = { [CLAIMS.id]: "2026-12-07T10:30:00.000Z" };
  assert.deepEqual(core.ticketProblem(CLAIMS, QUIZ, NOON, used), { reason: "used", submitted: used[CLAIMS.id] });
  assert.equal(core.ticketProblem({ ...CLAIMS, id: "b".repeat(32) }, QUIZ, NOON, used), null);
});

test("ticketProblem: another kind of token, or claims no ticket has", () => {
  const credential = { ...CLAIMS, typ: "annotrain-credential/1" };
  for (const claims of [
    credential, { ...CLAIMS, typ: undefined }, { ...CLAIMS, id: 5 }, { ...CLAIMS, id: "" },
    { ...CLAIMS, candidate: "Ana" }, { ...CLAIMS, candidate: { id: "1" } }, { ...CLAIMS, candidate: { name: "Ana" } },
    { ...CLAIMS, candidate: { id: 7, name: "Ana" } }, { ...CLAIMS, attempt: 0 },
    { ...CLAIMS, attempt: 1.5 }, { ...CLAIMS, seed: -1 }, { ...CLAIMS, seed: 2 ** 32 }, { ...CLAIMS, seed: "1" },
    { ...CLAIMS, extra_minutes: -5 }, { ...CLAIMS, extra_minutes: 7 * 24 * 60 + 1 }, { ...CLAIMS, from: "soon" },
    { ...CLAIMS, until: 5 }, null, [],
  ]) {
    assert.deepEqual(core.ticketProblem(claims, QUIZ, NOON, {}), { reason: "not_ticket" }, JSON.stringify(claims));
  }
});

test("usedTickets: the tickets of the attempts submitted in this browser", () => {
  const first = sign(CLAIMS, TRAINER);
  const second = sign({ ...CLAIMS, id: "b".repeat(32), attempt: 2 }, TRAINER);
  const attempts = [
    { submitted: "2026-12-07T10:30:00.000Z", attempt: { ticket: first, submitted: "2026-12-07T10:30:00.000Z" } },
    { submitted: "2026-12-08T09:00:00.000Z", attempt: { ticket: null } },
    { submitted: "2026-12-08T09:10:00.000Z", attempt: { ticket: "damaged.text" } },
    { submitted: "2026-12-09T09:00:00.000Z", attempt: { ticket: second, submitted: "2026-12-09T09:00:00.000Z" } },
    { submitted: "2026-12-09T09:00:00.000Z" },
  ];
  assert.deepEqual(core.usedTickets(attempts), {
    ["a".repeat(32)]: "2026-12-07T10:30:00.000Z", ["b".repeat(32)]: "2026-12-09T09:00:00.000Z",
  });
  assert.deepEqual(core.usedTickets([]), {});
});

// --- the attempt ----------------------------------------------------------------------------

test("deadline: the quiz's time limit plus the ticket's extra minutes, within the ticket's window", () => {
  const start = Date.parse("2026-12-07T09:00:00.000Z");
  const open = { ...CLAIMS, until: null };
  assert.equal(core.deadline(QUIZ, start, open), "2026-12-07T10:15:00.000Z");
  assert.equal(core.deadline(QUIZ, start, { ...open, extra_minutes: 0 }), "2026-12-07T10:00:00.000Z");
  assert.equal(core.deadline(QUIZ, start, null), "2026-12-07T10:00:00.000Z");
  assert.equal(core.deadline({ ...QUIZ, time_limit: null }, start, open), null);
  assert.equal(core.deadline({ ...QUIZ, time_limit: null }, start, null), null);
  // The window closes first: the attempt ends with it (grade flags a later submit).
  const late = Date.parse("2026-12-07T17:30:00.000Z");
  assert.equal(core.deadline(QUIZ, late, CLAIMS), "2026-12-07T18:00:00.000Z");
  assert.equal(core.deadline(QUIZ, start, CLAIMS), "2026-12-07T10:15:00.000Z");
  assert.equal(core.deadline({ ...QUIZ, time_limit: null }, start, CLAIMS), "2026-12-07T18:00:00.000Z");
});

test("the attempt file of a ticket's attempt: the ticket's candidate and the whole token", () => {
  const token = sign(CLAIMS, TRAINER);
  const current = {
    version: QUIZ.version, seed: CLAIMS.seed, started: "2026-12-07T09:00:00.000Z", tasks: [], responses: {},
    candidate: core.ticketCandidate(core.splitToken(token).claims), ticket: { id: CLAIMS.id, token },
  };
  const file = core.attemptFile(QUIZ, QUIZ.site, current, "2026-12-07T09:50:00.000Z", null);
  assert.deepEqual(file.candidate, { id: "c-007", name: "Ana Lima" });
  assert.equal(file.ticket, token);
  assert.equal(file.seed, CLAIMS.seed);
  assert.deepEqual(core.ticketCandidate({ candidate: { id: "", name: "Bo" } }), { id: "", name: "Bo" });
});

// --- the whole check, with WebCrypto ----------------------------------------------------------

const subtle = crypto.webcrypto.subtle;
const check = (token, quiz = QUIZ, now = NOON, used = {}) => tickets.check(token, quiz, now, used, subtle);

test("check: a good ticket opens, with its claims and the token", async () => {
  const token = sign(CLAIMS, TRAINER);
  const verdict = await check("https://courses.example.org/exam/#ticket=" + token);
  assert.equal(verdict.ok, true);
  assert.equal(verdict.token, token);
  assert.deepEqual(verdict.claims, { ...CLAIMS, key: TRAINER.id });
});

test("check: one character changed in the payload or the signature is damaged", async () => {
  const token = sign(CLAIMS, TRAINER);
  assert.deepEqual(await check(changed(token, 0)), { ok: false, reason: "damaged" });
  assert.deepEqual(await check(changed(token, 1)), { ok: false, reason: "damaged" });
  assert.deepEqual(await check(token.slice(0, -10)), { ok: false, reason: "damaged" });
});

test("check: claims re-encoded (same meaning, other bytes) no longer match the signature", async () => {
  const token = sign(CLAIMS, TRAINER);
  const spaced = Buffer.from(JSON.stringify({ ...CLAIMS, key: TRAINER.id }, null, 1), "utf8");
  assert.deepEqual(await check(b64url(spaced) + "." + token.split(".")[1]), { ok: false, reason: "damaged" });
});

test("check: signed with a key the site does not know", async () => {
  assert.deepEqual(await check(sign(CLAIMS, STRANGER)), { ok: false, reason: "unknown_key" });
  // Another key that claims to be the trainer's: the signature does not hold.
  assert.deepEqual(await check(sign(CLAIMS, STRANGER, TRAINER.id)), { ok: false, reason: "damaged" });
});

test("check: the claims' problems come after the signature", async () => {
  assert.deepEqual(await check(sign({ ...CLAIMS, quiz: "week-1" }, TRAINER)), { ok: false, reason: "other_quiz" });
  assert.deepEqual(await check(sign(CLAIMS, TRAINER), QUIZ, Date.parse("2026-12-08T00:00:00Z")), {
    ok: false, reason: "expired", until: CLAIMS.until,
  });
  const used = { [CLAIMS.id]: "2026-12-07T10:00:00.000Z" };
  assert.equal((await check(sign(CLAIMS, TRAINER), QUIZ, NOON, used)).reason, "used");
});

test("check: without WebCrypto (a page on plain HTTP) nothing can be checked", async () => {
  // Node has no page: tickets.js finds no SubtleCrypto of its own.
  assert.equal(tickets.available(), false);
  assert.deepEqual(await tickets.check(sign(CLAIMS, TRAINER), QUIZ, NOON, {}), { ok: false, reason: "insecure" });
});

test("check: WebCrypto without Ed25519 (an old browser) says so", async () => {
  const old = {
    importKey: () => Promise.reject(Object.assign(new Error("Unrecognized name."), { name: "NotSupportedError" })),
    verify: () => Promise.reject(new Error("never reached")),
  };
  const original = console.warn;
  console.warn = () => {}; // the developer's warning is expected here
  try {
    assert.deepEqual(await tickets.check(sign(CLAIMS, TRAINER), QUIZ, NOON, {}, old), { ok: false, reason: "unsupported" });
  } finally {
    console.warn = original;
  }
});
