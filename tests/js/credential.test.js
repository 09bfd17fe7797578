/* The credential vectors (tests/vectors/credentials/) through credential.js with
 * Node's WebCrypto: the same file pytest runs through signing/credentials.py. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const credential = require("../../plugins/annotrain/browser/credential.js");

const FILE = path.join(__dirname, "..", "vectors", "credentials", "credentials.json");
const DATA = JSON.parse(fs.readFileSync(FILE, "utf8"));
const NOW = Date.parse(DATA.now);
const subtle = globalThis.crypto.subtle;

test("credential vectors cover every reason", () => {
  const reasons = new Set(DATA.cases.map((c) => c.expect.reason));
  for (const reason of ["no_credential", "damaged", "unknown_key", "bad_signature", "not_credential",
    "malformed", "retired_key", "revoked", "expired", null]) {
    assert.ok(reasons.has(reason), String(reason));
  }
});

for (const c of DATA.cases) {
  test(c.name, async () => {
    const result = await credential.check(c.input, DATA.site, NOW, subtle);
    assert.deepEqual(
      { valid: result.valid, reason: result.reason, params: result.params, hash: result.hash },
      c.expect,
    );
    assert.deepEqual(result.claims, c.expect.valid ? c.claims : null);
  });
}

test("a key that is not 32 bytes is an unknown key, not an error", async () => {
  const valid = DATA.cases[0].input;
  const id = Object.keys(DATA.site.keys)[0];
  const site = { keys: { [id]: { key: "AAAA", until: null } }, revoked: [] };
  const result = await credential.check(valid, site, NOW, subtle);
  assert.equal(result.reason, "unknown_key");
});
