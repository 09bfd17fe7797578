/* numbers.js against the shared vectors (tests/vectors/numbers/numbers.json), the
 * same file tests/test_numbers.py runs through numbers.py. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const grader = require("./all-graders.js");

const FILE = path.join(__dirname, "..", "vectors", "numbers", "numbers.json");
const DATA = JSON.parse(fs.readFileSync(FILE, "utf8"));
const numbers = grader.numbers;

for (const c of DATA.format) {
  test(`format: ${c.why}`, () => {
    const digits = c.digits === null ? undefined : c.digits;
    const shift = c.shift === null ? undefined : c.shift;
    assert.equal(numbers.format(c.value, digits, shift), c.expected);
  });
}

for (const c of DATA.parse) {
  test(`parse ${JSON.stringify(c.text)} with unit ${JSON.stringify(c.unit)}`, () => {
    const got = numbers.parse(c.text, c.unit);
    if (c.expected === null) assert.equal(got, null);
    else assert.ok(got === c.expected, `${got} !== ${c.expected}`);
  });
}

test("format of values JSON cannot carry", () => {
  assert.equal(numbers.format(NaN), "NaN");
  assert.equal(numbers.format(Infinity), "Infinity");
  assert.equal(numbers.format(-Infinity), "-Infinity");
});

test("the format and parse vectors are there", () => {
  assert.ok(DATA.format.length >= 20 && DATA.parse.length >= 30);
});
