/* annotrain verify page: checks a credential pasted into the form, opened as a
 * file (the credential file or the certificate) or carried in the address
 * (#credential=<token>), under the site's keys in the panel's
 * data-annotrain-verify-keys. Classic script in the verify page's bundle, after
 * dom.js (its helpers), tokens.js (this page's WebCrypto) and credential.js (the
 * rules), and before annotrain.js, which calls
 *
 *   annotrain.verifyPage.mount(root, ctx)
 *
 * once per [data-annotrain-verify] root, with ctx = {t(key, params), percent(0..1)}.
 *
 * The verdict goes into the panel's live region as text (claims are never read
 * as HTML), and on the root: data-annotrain-verified="valid" or "invalid",
 * data-annotrain-reason, and a bubbling "annotrain:verified" event whose detail
 * is credential.js's result. WebCrypto exists only in secure contexts (HTTPS,
 * localhost, file://): elsewhere the panel says the check cannot run here.
 */
(function (annotrain) {
  "use strict";

  var credential = annotrain.credential;
  var el = annotrain.dom.el;
  var REASONS = {
    no_credential: "verify_reason_no_credential",
    damaged: "verify_reason_damaged",
    unknown_key: "verify_reason_unknown_key",
    bad_signature: "verify_reason_bad_signature",
    not_credential: "verify_reason_not_credential",
    malformed: "verify_reason_malformed",
    retired_key: "verify_reason_retired_key",
    revoked: "verify_reason_revoked",
    expired: "verify_reason_expired"
  };
  var FRAGMENT = "credential=";

  // The token in the address (#credential=...), or null.
  function fromAddress() {
    var hash = window.location.hash.replace(/^#/, "");
    return hash.indexOf(FRAGMENT) === 0 ? credential.tokenIn("#" + hash) : null;
  }

  function text(value) {
    return value === null || value === undefined ? "" : String(value);
  }

  function claimList(claims, ctx) {
    var t = ctx.t;
    var list = el("dl", "annotrain-verify-claims");
    function row(label, value) {
      list.appendChild(el("dt", null, label));
      var cell = list.appendChild(el("dd"));
      if (typeof value === "string") cell.textContent = value;
      else cell.appendChild(value);
      return cell;
    }
    var candidate = claims.candidate || {};
    var quiz = claims.quiz || {};
    row(t("verify_claim_candidate"), text(candidate.name));
    row(t("verify_claim_quiz"), text(quiz.title));
    row(t("verify_claim_score"), typeof claims.score === "number" ? ctx.percent(claims.score) : text(claims.score));
    var sections = Array.isArray(claims.sections) ? claims.sections : [];
    if (sections.length) {
      var items = el("ul", "annotrain-verify-sections");
      sections.forEach(function (section) {
        if (!section || typeof section !== "object") return;
        var score = typeof section.score === "number" ? ctx.percent(section.score) : text(section.score);
        // A section with a minimum (a skill gate) shows it: a credential means each was reached.
        if (typeof section.min_score === "number") {
          score = t("verify_section_minimum", { score: score, minimum: ctx.percent(section.min_score) });
        }
        items.appendChild(el("li", null, text(section.title) + ": " + score));
      });
      row(t("verify_claim_sections"), items);
    }
    row(t("verify_claim_date"), text(claims.date));
    row(t("verify_claim_issuer"), text(claims.issuer));
    row(t("verify_claim_course"), text(claims.course));
    row(t("verify_claim_expires"), claims.expires ? text(claims.expires).slice(0, 10) : t("verify_never"));
    return list;
  }

  function hashLine(hash, ctx) {
    var line = el("p", "annotrain-verify-hash");
    line.appendChild(el("span", null, ctx.t("verify_claim_hash") + ": "));
    line.appendChild(el("code", null, hash));
    return line;
  }

  function verdictBox(result, ctx) {
    var t = ctx.t;
    var box = el("div", "annotrain-verify-verdict " + (result.valid ? "annotrain-verify-valid" : "annotrain-verify-invalid"));
    var heading = box.appendChild(el("p", "annotrain-verify-heading"));
    annotrain.dom.mark(heading, result.valid ? "\u2713" : "\u2717", t(result.valid ? "verify_valid" : "verify_invalid"));
    if (result.valid) {
      box.appendChild(el("p", null, t("verify_valid_detail")));
      box.appendChild(claimList(result.claims, ctx));
    } else {
      box.appendChild(el("p", "annotrain-verify-reason", t(REASONS[result.reason] || "verify_reason_damaged", result.params)));
    }
    if (result.hash) box.appendChild(hashLine(result.hash, ctx));
    return box;
  }

  function say(region, node) {
    region.textContent = "";
    region.appendChild(node);
  }

  function mount(root, ctx) {
    var t = ctx.t;
    var form = root.querySelector(".annotrain-verify-form");
    var region = root.querySelector(".annotrain-verify-result");
    var keys = root.getAttribute("data-annotrain-verify-keys");
    if (!keys || !form || !region) return; // not set up: the panel says so already
    var site = JSON.parse(keys);
    var area = form.querySelector("textarea");
    var file = form.querySelector("[data-annotrain-verify-file]");
    var subtle = annotrain.tokens.pageSubtle();
    var run = 0; // the latest check; an earlier one finishing late is dropped

    if (!subtle) {
      Array.prototype.forEach.call(form.elements, function (control) { control.disabled = true; });
      say(region, el("p", "annotrain-verify-off", t("verify_insecure")));
      root.setAttribute("data-annotrain-verified", "unavailable");
      return;
    }

    function check(input, focus) {
      var mine = ++run;
      root.removeAttribute("data-annotrain-verified");
      say(region, el("p", null, t("verify_checking")));
      credential.check(input, site, Date.now(), subtle).then(function (result) {
        if (mine !== run) return;
        say(region, verdictBox(result, ctx));
        root.setAttribute("data-annotrain-verified", result.valid ? "valid" : "invalid");
        if (result.reason) root.setAttribute("data-annotrain-reason", result.reason);
        else root.removeAttribute("data-annotrain-reason");
        if (focus) region.focus();
        root.dispatchEvent(new CustomEvent("annotrain:verified", { bubbles: true, detail: result }));
      }, function (err) {
        if (mine !== run) return;
        console.error("annotrain: verify page could not check a signature", err);
        say(region, el("p", "annotrain-verify-off", t("verify_unsupported")));
        root.setAttribute("data-annotrain-verified", "unavailable");
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!area.value.trim()) {
        say(region, el("p", null, t("verify_empty")));
        area.focus();
        return;
      }
      check(area.value, true);
    });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      var reader = new FileReader();
      reader.onload = function () { check(String(reader.result), true); };
      reader.onerror = function () {
        say(region, el("p", null, t("verify_file_unreadable", { file: chosen.name })));
      };
      reader.readAsText(chosen.slice(0, 1024 * 1024));
      file.value = ""; // the same file chosen again checks again
    });
    function checkAddress() {
      if (!root.isConnected) {
        window.removeEventListener("hashchange", checkAddress);
        return;
      }
      var token = fromAddress();
      if (token === null) return;
      area.value = token;
      check(token, false);
    }
    window.addEventListener("hashchange", checkAddress);
    checkAddress();
  }

  annotrain.verifyPage = { mount: mount };
})(window.annotrain = window.annotrain || {});
