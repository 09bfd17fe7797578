/* The browser grader with every task type registered, as a quiz page using all
 * types has it: browser/grader.js, then each tasktypes/<type>/grader.js (shared
 * helpers such as tasktypes/shared/matching.js are required by the types that
 * need them). */
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const PACKAGE = path.join(__dirname, "..", "..", "plugins", "annotrain");
const TYPES = path.join(PACKAGE, "tasktypes");
const grader = require(path.join(PACKAGE, "browser", "grader.js"));

for (const name of fs.readdirSync(TYPES).sort()) {
  const file = path.join(TYPES, name, "grader.js");
  if (fs.existsSync(file)) require(file);
}

module.exports = grader;
