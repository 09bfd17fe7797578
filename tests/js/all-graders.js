/* The browser grader with every task type registered, as a quiz page using all
 * types has it: grader.js, then each graders/<type>.js (helpers such as
 * graders/matching.js are required by the types that need them). */
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ASSETS = path.join(__dirname, "..", "..", "plugins", "annotrain", "assets");
const grader = require(path.join(ASSETS, "grader.js"));

for (const name of fs.readdirSync(path.join(ASSETS, "graders")).sort()) {
  if (name.endsWith(".js")) require(path.join(ASSETS, "graders", name));
}

module.exports = grader;
