/* annotrain ticket gate: the ticket part of an exam's intro when the site has a
 * public key (the quiz JSON carries "keys"). The ticket comes from the page
 * address (#ticket=<token>, read on load and on hashchange) or is pasted into
 * the intro's ticket field; each is checked (tickets.js) and the outcome is
 * written under the field in words a candidate understands, and announced.
 *
 *   annotrain.quizTicket.mount(parts, quiz, ctx)
 *
 * parts: {input (the ticket field), status (the line under it)}; ctx: {t,
 * now() (ms), used() ({ticket id: submitted} in this browser), say(text) (the
 * quiz's live region), changed() (called when the valid ticket changes)}.
 * Returns {ticket() ({token, claims} while a valid ticket is given, else null),
 * state() ("none", "checking", "valid" or the reason of a refusal), check(text) (a promise of the verdict; the field's text by default),
 * fromAddress() (the token in the address, or null), describe(claims) (its
 * "Ticket for <name>, attempt N.")}.
 *
 * Classic script in the bundle of a page with a ticketed exam (bundles.py's
 * "tickets" feature, after tokens.js and tickets.js); quiz.js mounts it.
 */
(function (annotrain) {
  "use strict";

  // Each refusal's message (named in full: a bundle ships only the keys it names).
  var REFUSALS = {
    insecure: "ticket_insecure",
    unsupported: "ticket_unsupported",
    damaged: "ticket_damaged",
    unknown_key: "ticket_unknown_key",
    not_ticket: "ticket_not_ticket",
    other_site: "ticket_other_site",
    other_quiz: "ticket_other_quiz",
    changed: "ticket_changed",
    used: "ticket_used",
    not_yet: "ticket_not_yet",
    expired: "ticket_expired"
  };

  /** Date and time of an ISO time in the page's language, with the time zone. */
  function when(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso);
    var options = { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
    try {
      return date.toLocaleString(document.documentElement.lang || undefined, options);
    } catch (err) { // an unknown language tag
      return date.toLocaleString(undefined, options);
    }
  }

  function mount(parts, quiz, ctx) {
    var t = ctx.t;
    var core = annotrain.quizCore;
    var tickets = annotrain.tickets;
    var input = parts.input;
    var status = parts.status;
    var valid = null; // {token, claims}
    var asked = 0; // checks begun: only the latest one's verdict is shown
    var shown = null; // the text last announced

    // The sentences saying what a valid ticket is: whose, which attempt, until when, how long.
    function sentences(claims) {
      var lines = [t("ticket_valid", { name: claims.candidate.name, attempt: claims.attempt })];
      if (claims.until) lines.push(t("ticket_valid_until", { until: when(claims.until) }));
      if (quiz.time_limit && claims.extra_minutes > 0) {
        lines.push(t("ticket_extra_time", {
          minutes: quiz.time_limit + claims.extra_minutes, extra: claims.extra_minutes
        }));
      }
      // Started now, would the window close before the time runs out?
      var now = ctx.now();
      var end = core.deadline(quiz, now, claims);
      if (claims.until && end && Date.parse(end) < now + ((quiz.time_limit || 0) + (claims.extra_minutes || 0)) * 60000) {
        lines.push(t("ticket_window_ends", { until: when(claims.until) }));
      }
      return lines;
    }

    // Whose attempt it is, for the attempt's own view.
    function describe(claims) {
      return t("ticket_valid", { name: claims.candidate.name, attempt: claims.attempt });
    }

    function refusal(verdict) {
      return t(REFUSALS[verdict.reason] || "ticket_damaged", {
        from: verdict.from ? when(verdict.from) : "",
        until: verdict.until ? when(verdict.until) : "",
        date: verdict.submitted ? when(verdict.submitted) : "",
        now: when(new Date(ctx.now()).toISOString())
      });
    }

    // state: "none" (no ticket given), "checking", "valid" or a refusal's reason.
    // lines: the sentences to show, the first one stressed when the ticket is valid.
    function show(state, lines) {
      var refused = state !== "valid" && state !== "none" && state !== "checking";
      var text = lines.join(" ");
      status.setAttribute("data-annotrain-ticket", state);
      status.toggleAttribute("data-annotrain-refused", refused);
      status.textContent = "";
      if (state === "valid") {
        status.appendChild(document.createElement("strong")).textContent = lines[0];
        if (lines.length > 1) status.appendChild(document.createTextNode(" " + lines.slice(1).join(" ")));
      } else {
        status.textContent = text;
      }
      input.setAttribute("aria-invalid", String(refused));
      if (text && text !== shown && state !== "checking") ctx.say(text);
      shown = text;
    }

    function settle(verdict) {
      var before = valid;
      valid = verdict.ok ? { token: verdict.token, claims: verdict.claims } : null;
      if (verdict.ok) show("valid", sentences(verdict.claims));
      else show(verdict.reason, [refusal(verdict)]);
      if (before !== valid) ctx.changed();
      return verdict;
    }

    function check(text) {
      var token = tickets.ticketToken(text === undefined ? input.value : text);
      var mine = ++asked;
      if (!token) {
        var had = valid;
        valid = null;
        show("none", []);
        if (had) ctx.changed();
        return Promise.resolve({ ok: false, reason: "none" });
      }
      if (!valid || valid.token !== token) show("checking", [t("ticket_checking")]);
      return tickets.check(token, quiz, ctx.now(), ctx.used()).then(function (verdict) {
        return mine === asked ? settle(verdict) : verdict;
      });
    }

    function fromAddress() {
      return tickets.hashTicket(window.location.hash);
    }

    // Pasting or typing checks at once; Enter in the field submits the form (quiz.js).
    input.addEventListener("input", function () { check(); });

    // Where the browser offers no check at all, say so before anything is pasted.
    if (!tickets.available()) settle({ ok: false, reason: "insecure" });

    return {
      ticket: function () { return valid; },
      state: function () { return status.getAttribute("data-annotrain-ticket") || "none"; },
      check: check,
      fromAddress: fromAddress,
      describe: describe
    };
  }

  annotrain.quizTicket = { mount: mount, when: when };
})(window.annotrain = window.annotrain || {});
