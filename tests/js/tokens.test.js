/* The token reading both exam tickets and credentials use (tokens.js): base64 to
 * bytes, splitting a token, finding its key, and the Ed25519 check with Node's
 * WebCrypto on tokens signed here the way annotrain.signing.tokens signs them;
 * and what each feature keeps of its own on top of it. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const tokens = require("../../plugins/annotrain/browser/tokens.js");
const tickets = require("../../plugins/annotrain/browser/tickets.js");
const credential = require("../../plugins/annotrain/browser/credential.js");

const subtle = crypto.webcrypto.subtle;
const b64url = (bytes) => Buffer.from(bytes).toString("base64url");

const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
const RAW = Buffer.from(publicKey.export({ format: "jwk" }).x, "base64url");

function sign(claims) {
  const payload = Buffer.from(JSON.stringify(claims), "utf8");
  return b64url(payload) + "." + b64url(crypto.sign(null, payload, privateKey));
}

/** The token in base64 with + and / (padding dropped): same bytes, other alphabet. */
function plainBase64(token) {
  return token.split(".").map((part) => Buffer.from(part, "base64url").toString("base64").replace(/=+$/, "")).join(".");
}

test("bytes: base64 and base64url, padded or not, give the same bytes", () => {
  const data = Buffer.from([0xfb, 0xff, 0xbf, 0x00, 0x3e]);
  for (const text of [data.toString("base64"), data.toString("base64url"), data.toString("base64").replace(/=+$/, "")]) {
    assert.deepEqual(Buffer.from(tokens.bytes(text)), data, text);
  }
  assert.deepEqual(Buffer.from(tokens.bytes("")), Buffer.alloc(0));
  for (const bad of ["a", "abcde", "ab!c", "a=bc", "ab cd"]) {
    assert.equal(tokens.bytes(bad), null, bad);
  }
});

test("split: the payload's bytes as received, the 64-byte signature, the claims", () => {
  const token = sign({ typ: "x", name: "Zoë 王芳" });
  const parts = tokens.split(token);
  assert.deepEqual(Buffer.from(parts.payload), Buffer.from(token.split(".")[0], "base64url"));
  assert.equal(parts.signature.length, 64);
  assert.deepEqual(parts.claims, { typ: "x", name: "Zoë 王芳" });
});

test("split: cut, joined, not JSON, not an object, not UTF-8 or too long is damaged (null)", () => {
  const token = sign({ typ: "x" });
  const [head, tail] = token.split(".");
  for (const bad of [
    "", head, head + ".", token + ".x", head + "." + tail.slice(0, 40), b64url(Buffer.from("[1]")) + "." + tail,
    b64url(Buffer.from("nope")) + "." + tail, b64url(Buffer.from([0xff, 0x7b])) + "." + tail,
    "x".repeat(16001) + "." + tail, null,
  ]) {
    assert.equal(tokens.split(bad), null, JSON.stringify(String(bad).slice(0, 40)));
  }
});

test("keyEntry: the entry the claims' key names, own keys only", () => {
  const keys = { abc: { key: "AAAA", until: null }, odd: "not an entry" };
  assert.deepEqual(tokens.keyEntry({ key: "abc" }, keys), keys.abc);
  for (const claims of [{ key: "def" }, { key: "odd" }, { key: "constructor" }, { key: "__proto__" }, {}, null]) {
    assert.equal(tokens.keyEntry(claims, keys), null, JSON.stringify(claims));
  }
  assert.equal(tokens.keyEntry({ key: "abc" }, undefined), null);
  assert.equal(tokens.keyEntry({ key: "abc" }, [keys.abc]), null);
});

test("verify: the signature over the payload as received, under the raw key", async () => {
  const token = sign({ typ: "x" });
  assert.equal(await tokens.verify(subtle, RAW, tokens.split(token)), true);
  // Same claims, other bytes (spaces): the signature no longer holds.
  const spaced = b64url(Buffer.from(JSON.stringify({ typ: "x" }, null, 1))) + "." + token.split(".")[1];
  assert.equal(await tokens.verify(subtle, RAW, tokens.split(spaced)), false);
  const other = crypto.generateKeyPairSync("ed25519").publicKey;
  const otherRaw = Buffer.from(other.export({ format: "jwk" }).x, "base64url");
  assert.equal(await tokens.verify(subtle, otherRaw, tokens.split(token)), false);
});

test("pageSubtle: Node has no page, so no page's WebCrypto", () => {
  assert.equal(tokens.pageSubtle(), null);
});

// --- what each feature keeps of its own -------------------------------------------------------

test("a ticket written in base64 (+ and /) still opens, as annotrain grade opens it", async () => {
  const id = crypto.createHash("sha256").update(RAW).digest("hex").slice(0, 16);
  const claims = {
    typ: "annotrain-ticket/1", id: "a".repeat(32), site: "s", quiz: "final", version: "v",
    candidate: { id: "1", name: "Ana" }, attempt: 1, seed: 7, from: null, until: null, key: id,
  };
  const quiz = { id: "final", site: "s", version: "v", keys: { [id]: { key: RAW.toString("base64"), until: null } } };
  // A token with - or _ in it, so that its base64 form differs.
  let token = sign(claims);
  for (let seed = 0; !/[-_]/.test(token) && seed < 50; seed++) token = sign({ ...claims, seed });
  const plain = plainBase64(token);
  assert.match(plain, /[+/]/);
  assert.equal((await tickets.check(plain, quiz, 0, {}, subtle)).ok, true);
});

test("a credential is base64url only: one written with + and / is damaged", async () => {
  const file = path.join(__dirname, "..", "vectors", "credentials", "credentials.json");
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  const token = credential.tokenIn(data.cases[0].input);
  assert.equal((await credential.check(token, data.site, Date.parse(data.now), subtle)).valid, true);
  const plain = plainBase64(token);
  assert.match(plain, /[+/]/);
  const result = await credential.check(JSON.stringify({ credential: plain }), data.site, Date.parse(data.now), subtle);
  assert.equal(result.reason, "damaged");
});
