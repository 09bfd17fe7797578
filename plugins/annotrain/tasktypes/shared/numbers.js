/* annotrain numbers: reading numbers typed by learners and writing numbers into
 * notes. Mirrors plugins/annotrain/tasktypes/shared/numbers.py line for line (its docstring states
 * the exact rules), so the browser and Python read "0,62" and write 1e-7 the same
 * way. Adds grader.numbers; loaded after grader.js. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("../../browser/grader.js"));
  else factory(root.annotrain.grader);
})(this, function (grader) {
  "use strict";

  var MAX_TEXT = 64;
  var MAX_DIGITS = 20;
  var DIGITS = 10;
  var SPACE = /^[ \t\n\r\u00a0\u202f]+|[ \t\n\r\u00a0\u202f]+$/g;
  var NUMBER = /^([+\-\u2212]?)([0-9]*)(?:([.,])([0-9]*))?$/;

  function trim(text) {
    return text.replace(SPACE, "");
  }

  function endsWith(text, end) {
    return text.length >= end.length && text.slice(text.length - end.length) === end;
  }

  /** The number a learner typed, or null (see numbers.py for the rule). */
  function parse(text, unit) {
    if (typeof text !== "string" || text.length > MAX_TEXT) return null;
    text = trim(text);
    if (unit && endsWith(text, unit)) text = trim(text.slice(0, text.length - unit.length));
    var match = NUMBER.exec(text);
    if (!match) return null;
    var sign = match[1], whole = match[2] || "", separator = match[3], fraction = match[4] || "";
    if (!whole && !fraction) return null;
    if (whole.length + fraction.length > MAX_DIGITS) return null;
    if (separator === "," && fraction.length === 3 && whole.replace(/^0+/, "")) return null;
    var minus = sign === "-" || sign === "\u2212" ? "-" : "";
    return Number(minus + (whole || "0") + "." + (fraction || "0"));
  }

  // {text, point}: value = 0.text x 10^point, from the shortest round-trip digits.
  function digitsOf(value) {
    var text = String(value).replace(/^-/, "");
    var parts = text.split("e");
    var mantissa = parts[0].split(".");
    var whole = mantissa[0], fraction = mantissa.length > 1 ? mantissa[1] : "";
    var digits = whole + fraction;
    var point = whole.length + (parts.length > 1 ? parseInt(parts[1], 10) : 0);
    var stripped = digits.replace(/^0+/, "");
    point -= digits.length - stripped.length;
    return { text: stripped.replace(/0+$/, ""), point: point };
  }

  function repeat(text, count) {
    return count > 0 ? new Array(count + 1).join(text) : "";
  }

  /** `value` x 10^shift for a learner to read; the same text as numbers.py's
   * format_number (1 to 17 significant digits; shift moves the decimal point). */
  function format(value, digits, shift) {
    if (digits === undefined) digits = DIGITS;
    if (shift === undefined) shift = 0;
    value = Number(value);
    if (value !== value) return "NaN";
    if (value === Infinity || value === -Infinity) return value > 0 ? "Infinity" : "-Infinity";
    if (value === 0) return "0";
    var sign = value < 0 ? "-" : "";
    var d = digitsOf(value);
    var text = d.text, point = d.point;
    point += shift;
    if (text.length > digits) {
      var kept = parseInt(text.slice(0, digits), 10) + (text.charAt(digits) >= "5" ? 1 : 0);
      text = String(kept);
      if (text.length > digits) point += 1;
      text = text.slice(0, digits).replace(/0+$/, "");
    }
    var exponent = point - 1;
    var body;
    if (-7 < exponent && exponent < 21) {
      if (point <= 0) body = "0." + repeat("0", -point) + text;
      else if (point >= text.length) body = text + repeat("0", point - text.length);
      else body = text.slice(0, point) + "." + text.slice(point);
    } else {
      body = text.charAt(0) + (text.length > 1 ? "." + text.slice(1) : "");
      body += "e" + (exponent > 0 ? "+" : "-") + String(Math.abs(exponent));
    }
    return sign + body;
  }

  grader.numbers = { parse: parse, format: format, MAX_TEXT: MAX_TEXT, MAX_DIGITS: MAX_DIGITS, DIGITS: DIGITS };
  return grader.numbers;
});
