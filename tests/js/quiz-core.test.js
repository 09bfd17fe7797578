/* The quiz core (draw, quiz score, attempt file) on fixed
 * data: known generator values, a deterministic draw that honours sections and
 * shuffle, the weighted score with critical failures and criterion means, and
 * the attempt file. tests/test_quizzes.py runs the same functions against
 * the Python side on the course's own quiz. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

require("./all-graders.js"); // registers every task type with grader.js
const core = require("../../plugins/annotrain/browser/quiz-core.js");

const ROOT = path.join(__dirname, "..", "..");
const MESSAGES = JSON.parse(fs.readFileSync(path.join(ROOT, "plugins/annotrain/i18n/en.json"), "utf8"));

/** Mulberry32 written out with BigInt arithmetic, independent of Math.imul. */
function referenceMulberry32(seed) {
  const M = 0xffffffffn;
  const mul = (x, y) => (x * y) & M;
  let a = BigInt(seed >>> 0);
  return () => {
    a = (a + 0x6d2b79f5n) & M;
    let t = mul(a ^ (a >> 15n), 1n | a);
    t = ((t + mul(t ^ (t >> 7n), 61n | t)) & M) ^ t;
    return Number((t ^ (t >> 14n)) & M) / 4294967296;
  };
}

const take = (rand, n) => Array.from({ length: n }, () => rand());

test("mulberry32: known first values for seeds 1 and 42", () => {
  assert.deepEqual(take(core.mulberry32(1), 3), [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  assert.deepEqual(take(core.mulberry32(42), 3), [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
});

test("mulberry32 agrees with a straightforward reimplementation over the seed range", () => {
  for (const seed of [0, 1, 42, 2718281828, 2 ** 31, 4294967295]) {
    assert.deepEqual(take(core.mulberry32(seed), 50), take(referenceMulberry32(seed), 50), `seed ${seed}`);
  }
  // Seeds are taken as unsigned 32-bit: -1 is 4294967295.
  assert.deepEqual(take(core.mulberry32(-1), 5), take(core.mulberry32(4294967295), 5));
  for (const value of take(core.mulberry32(7), 1000)) assert.ok(value >= 0 && value < 1);
});

test("shuffle: Fisher-Yates from the end on a copy, one draw per step", () => {
  const list = ["a", "b", "c", "d", "e"];
  let calls = 0;
  const zeros = () => { calls += 1; return 0; };
  // j = 0 every time: a, b, c, d, e -> e swapped to front, and so on.
  assert.deepEqual(core.shuffle(list, zeros), ["b", "c", "d", "e", "a"]);
  assert.equal(calls, 4);
  assert.deepEqual(list, ["a", "b", "c", "d", "e"]);
  const almostOne = () => 0.9999999;
  assert.deepEqual(core.shuffle(list, almostOne), list); // j = i: nothing moves
  assert.deepEqual(core.shuffle([], zeros), []);
  assert.deepEqual(core.shuffle(["x"], zeros), ["x"]);
});

function bank(shuffle, sections) {
  const tasks = {};
  for (const section of sections) for (const id of section.tasks) tasks[id] = { weight: 1, task: { id } };
  return { id: "q", shuffle, pass: 0.8, max_critical: 0, sections, tasks };
}

const SECTIONS = [
  { title: "A", draw: 2, tasks: ["a1", "a2", "a3", "a4"] },
  { title: "B", draw: null, tasks: ["b1", "b2", "b3"] },
  { title: "C", draw: 1, tasks: ["c1", "c2"] },
];

test("draw: the same seed gives the same tasks, known for seed 42", () => {
  const quiz = bank(true, SECTIONS);
  assert.deepEqual(core.draw(quiz, 42), core.draw(quiz, 42));
  // The same value as quizgrading.draw in Python.
  assert.deepEqual(core.draw(quiz, 42), ["b2", "a1", "c1", "b3", "b1", "a4"]);
  const seen = new Set();
  for (let seed = 0; seed < 50; seed++) seen.add(core.draw(quiz, seed).join());
  assert.ok(seen.size > 40, "different seeds give different draws");
});

test("draw: each section gives its draw count, or all of it", () => {
  const quiz = bank(true, SECTIONS);
  for (let seed = 0; seed < 200; seed++) {
    const ids = core.draw(quiz, seed * 7919);
    assert.equal(ids.length, 6);
    assert.equal(new Set(ids).size, 6);
    assert.equal(ids.filter((id) => id[0] === "a").length, 2);
    assert.deepEqual(ids.filter((id) => id[0] === "b").sort(), ["b1", "b2", "b3"]);
    assert.equal(ids.filter((id) => id[0] === "c").length, 1);
  }
});

test("draw without shuffle keeps the written order, and consumes the stream like with it", () => {
  const plain = bank(false, SECTIONS);
  for (let seed = 0; seed < 100; seed++) {
    const ids = core.draw(plain, seed);
    const sections = ids.map((id) => id[0]).join("");
    assert.equal(sections, "aabbbc", `seed ${seed}`);
  }
  // Seed 42 by hand: each section is shuffled to draw, then (without shuffling) the
  // drawn tasks go back to the order they are written in.
  const rand = core.mulberry32(42);
  const written = (list, index) => list.slice().sort((x, y) => SECTIONS[index].tasks.indexOf(x) - SECTIONS[index].tasks.indexOf(y));
  const a = core.shuffle(SECTIONS[0].tasks, rand).slice(0, 2);
  const b = core.shuffle(SECTIONS[1].tasks, rand);
  const c = core.shuffle(SECTIONS[2].tasks, rand).slice(0, 1);
  assert.deepEqual(core.draw(plain, 42), [...written(a, 0), ...written(b, 1), ...written(c, 2)]);
  assert.deepEqual(core.draw(bank(true, SECTIONS), 42), core.shuffle([...a, ...b, ...c], rand));
  assert.deepEqual(core.draw(plain, 42).filter((id) => id[0] === "b"), ["b1", "b2", "b3"]);
});

test("draw: a draw larger than the section keeps the whole section", () => {
  const quiz = bank(false, [{ title: "A", draw: 9, tasks: ["x", "y"] }]);
  assert.deepEqual(core.draw(quiz, 1).sort(), ["x", "y"]);
});

// --- scoring ---------------------------------------------------------------------

const LEVELS = [{ value: 5, name: "Gold" }, { value: 3, name: "OK" }, { value: 1, name: "Redo" }];

// A choice task with a critical correctness criterion (5 or 1).
function choiceTask(id, gold, lesson) {
  return {
    id, type: "choice", title: null, prompt: "?", text: null, hints: [],
    labels: ["Negative", "Neutral", "Positive"], ordered: true,
    rubric: {
      id: "sentiment", name: "Sentiment", pass: 0.8, levels: LEVELS,
      criteria: [{
        id: "correctness", name: "Correctness", weight: 3, critical: true, measure: "correct", lesson,
        levels: [{ level: 5, descriptor: "right", min: 1 }, { level: 1, descriptor: "wrong" }],
      }],
    },
    gold: { choice: gold }, explain: null,
  };
}

// A multi task graded on precision (not critical) and recall (5, 3 or 1).
function multiTask(id, gold) {
  return {
    id, type: "multi", title: null, prompt: "?", text: null, hints: [], labels: ["A", "B", "C", "D"],
    rubric: {
      id: "tags", name: "Tags", pass: 0.8, levels: LEVELS,
      criteria: [
        { id: "precision", name: "Precision", weight: 1, critical: false, measure: "precision", lesson: null,
          levels: [{ level: 5, descriptor: "p5", min: 1 }, { level: 3, descriptor: "p3", min: 0.5 }, { level: 1, descriptor: "p1" }] },
        { id: "recall", name: "Recall", weight: 1, critical: false, measure: "recall", lesson: null,
          levels: [{ level: 5, descriptor: "r5", min: 1 }, { level: 3, descriptor: "r3", min: 0.5 }, { level: 1, descriptor: "r1" }] },
      ],
    },
    gold: { choices: gold }, explain: null,
  };
}

const QUIZ = {
  id: "week-1", title: "Week 1", mode: "quiz", layout: "all", pass: 0.8, max_critical: 0,
  time_limit: null, attempts: null, shuffle: false, version: "0123456789abcdef", site: "course",
  sections: [{ title: "All", draw: null, tasks: ["c1", "c2", "m1"] }],
  tasks: {
    c1: { weight: 2, task: choiceTask("c1", "Neutral") },
    c2: { weight: 1, task: choiceTask("c2", "Positive") },
    m1: { task: multiTask("m1", ["A", "B"]) }, // weight defaults to 1
  },
  lessons: {},
};

test("gradeQuiz: all right passes with score 1 and full criteria", () => {
  const grade = core.gradeQuiz(QUIZ, ["c1", "c2", "m1"], {
    c1: { choice: "Neutral" }, c2: { choice: "Positive" }, m1: { choices: ["A", "B"] },
  }, MESSAGES);
  assert.equal(grade.quiz, "week-1");
  assert.equal(grade.score, 1);
  assert.equal(grade.passed, true);
  assert.equal(grade.critical_failures, 0);
  assert.deepEqual(Object.keys(grade.tasks), ["c1", "c2", "m1"]);
  assert.equal(grade.tasks.c1.id, "c1");
  assert.deepEqual(grade.criteria, {
    correctness: { name: "Correctness", value: 1, count: 2 },
    precision: { name: "Precision", value: 1, count: 1 },
    recall: { name: "Recall", value: 1, count: 1 },
  });
});

test("gradeQuiz: weights, critical failures and criterion means", () => {
  // c1 wrong (0.2, critical failure), c2 right (1), m1: precision 1/2 -> 3, recall 1/2 -> 3 (0.6).
  const responses = { c1: { choice: "Negative" }, c2: { choice: "Positive" }, m1: { choices: ["A", "C"] } };
  const grade = core.gradeQuiz(QUIZ, ["m1", "c1", "c2"], responses, MESSAGES);
  assert.equal(grade.tasks.c1.score, 0.2);
  assert.equal(grade.tasks.m1.score, 0.6);
  assert.equal(grade.score, (1 * 0.6 + 2 * 0.2 + 1 * 1) / 4);
  assert.equal(grade.critical_failures, 1);
  assert.equal(grade.passed, false);
  // First-seen order follows the drawn order.
  assert.deepEqual(Object.keys(grade.criteria), ["precision", "recall", "correctness"]);
  assert.deepEqual(grade.criteria.correctness, { name: "Correctness", value: (1 / 5 + 5 / 5) / 2, count: 2 });
  assert.deepEqual(grade.criteria.precision, { name: "Precision", value: 3 / 5, count: 1 });
});

test("gradeQuiz: max_critical allows critical failures; the pass mark has float slack", () => {
  const responses = { c1: { choice: "Neutral" }, c2: { choice: "Negative" }, m1: { choices: ["A", "B"] } };
  const strict = core.gradeQuiz(QUIZ, ["c1", "c2", "m1"], responses, MESSAGES);
  assert.equal(strict.score, 0.8);
  assert.equal(strict.critical_failures, 1);
  assert.equal(strict.passed, false);
  const lenient = core.gradeQuiz({ ...QUIZ, max_critical: 1 }, ["c1", "c2", "m1"], responses, MESSAGES);
  assert.equal(lenient.passed, true);
  const below = core.gradeQuiz({ ...QUIZ, max_critical: 1, pass: 0.8 + 2e-9 }, ["c1", "c2", "m1"], responses, MESSAGES);
  assert.equal(below.passed, false);
  const slack = core.gradeQuiz({ ...QUIZ, max_critical: 1, pass: 0.8 + 5e-10 }, ["c1", "c2", "m1"], responses, MESSAGES);
  assert.equal(slack.passed, true);
});

test("gradeQuiz: grades given by gradeTask (worked out ahead) sum up as graded on the spot", () => {
  const grader = require("../../plugins/annotrain/browser/grader.js");
  const responses = { c1: { choice: "Negative" }, m1: { choices: ["A", "C"] } };
  const asked = [];
  const ahead = (id, response) => {
    asked.push([id, response]);
    return grader.grade(QUIZ.tasks[id].task, response, MESSAGES);
  };
  const withAhead = core.gradeQuiz(QUIZ, ["m1", "c1", "c2"], responses, MESSAGES, ahead);
  assert.deepEqual(withAhead, core.gradeQuiz(QUIZ, ["m1", "c1", "c2"], responses, MESSAGES));
  assert.deepEqual(asked, [["m1", responses.m1], ["c1", responses.c1], ["c2", undefined]]);
  // What gradeTask returns is what counts.
  const perfect = (id) => grader.grade(QUIZ.tasks[id].task, QUIZ.tasks[id].task.gold, MESSAGES);
  assert.equal(core.gradeQuiz(QUIZ, ["m1", "c1", "c2"], responses, MESSAGES, perfect).score, 1);
});

test("gradeQuiz: missing and malformed responses are blanks scoring 0, inputs untouched", () => {
  const responses = { c2: "nonsense", m1: { choices: "A" } };
  const before = JSON.stringify([QUIZ, responses]);
  const grade = core.gradeQuiz(QUIZ, ["c1", "c2", "m1"], responses, MESSAGES);
  assert.equal(JSON.stringify([QUIZ, responses]), before);
  for (const id of ["c1", "c2", "m1"]) {
    assert.equal(grade.tasks[id].score, 0, id);
    assert.equal(grade.tasks[id].passed, false, id);
    for (const c of Object.values(grade.tasks[id].criteria)) assert.deepEqual(c.notes, [MESSAGES.note_not_answered]);
  }
  assert.equal(grade.score, 0);
  assert.equal(grade.critical_failures, 2);
  assert.equal(grade.passed, false);
});

test("gradeQuiz: an empty quiz scores 0 and does not pass, even with pass mark 0", () => {
  const empty = { ...QUIZ, pass: 0, sections: [], tasks: {} };
  assert.deepEqual(core.draw(empty, 5), []);
  assert.deepEqual(core.gradeQuiz(empty, [], {}, MESSAGES), {
    quiz: "week-1", score: 0, passed: false, critical_failures: 0, tasks: {}, criteria: {}, sections: [],
    held_back: [],
  });
});

test("gradeQuiz: a task id not in the quiz is a developer error", () => {
  assert.throws(() => core.gradeQuiz(QUIZ, ["nope"], {}, MESSAGES), /no task nope/);
});

test("clientSummary and criterionRows: what the attempt file and result page show", () => {
  const responses = { c1: { choice: "Negative" }, c2: { choice: "Positive" }, m1: { choices: ["A", "B", "C"] } };
  const grade = core.gradeQuiz(QUIZ, ["c1", "c2", "m1"], responses, MESSAGES);
  const client = core.clientSummary(grade);
  assert.deepEqual(Object.keys(client), ["score", "passed", "critical_failures", "criteria", "tasks", "sections", "held_back"]);
  // One section "All": (2 x c1 + c2 + m1) / 4 over its three drawn tasks; no gate.
  const c1 = grade.tasks.c1.score, m1 = grade.tasks.m1.score;
  assert.deepEqual(client.sections, [{ title: "All", score: (2 * c1 + 1 + m1) / 4, count: 3, min_score: null, met: null }]);
  assert.deepEqual(client.held_back, []);
  assert.deepEqual(client.criteria, { correctness: 0.6, precision: 0.6, recall: 1 });
  assert.deepEqual(client.tasks.c2, { score: 1, passed: true });
  // Weakest first; ties keep first-seen order; weak = under the pass mark.
  assert.deepEqual(core.criterionRows(grade, 0.8), [
    { id: "correctness", name: "Correctness", value: 0.6, count: 2, weak: true },
    { id: "precision", name: "Precision", value: 0.6, count: 1, weak: true },
    { id: "recall", name: "Recall", value: 1, count: 1, weak: false },
  ]);
});

test("clientSummary: a gated section's minimum, whether it was met, and what held the attempt back", () => {
  const gated = { ...QUIZ, pass: 0, max_critical: 9, sections: [{ ...QUIZ.sections[0], min_score: 0.9 }] };
  const responses = { c1: { choice: "Negative" }, c2: { choice: "Positive" }, m1: { choices: ["A", "B", "C"] } };
  const grade = core.gradeQuiz(gated, ["c1", "c2", "m1"], responses, MESSAGES);
  const client = core.clientSummary(grade);
  assert.ok(client.sections[0].score < 0.9);
  assert.deepEqual([client.sections[0].min_score, client.sections[0].met, client.held_back, client.passed],
    [0.9, false, ["All"], false]);
  // The summary is a copy: changing it leaves the grade as it was.
  client.held_back.push("x");
  assert.deepEqual(grade.held_back, ["All"]);
});

test("unanswered: no response, or one the task type counts as none", () => {
  const ids = ["c1", "c2", "m1"];
  assert.equal(core.unanswered(QUIZ, ids, {}), 3);
  assert.equal(core.unanswered(QUIZ, ids, { c1: { choice: null }, c2: { choice: "Sideways" } }), 3);
  // An empty tag set is an answer ("none of these apply"); no tag list is none.
  assert.equal(core.unanswered(QUIZ, ids, { c1: { choice: "Neutral" }, m1: { choices: [] } }), 1);
  assert.equal(core.unanswered(QUIZ, ids, { c1: { choice: "Neutral" }, c2: { choice: "Neutral" }, m1: null }), 1);
  assert.equal(core.unanswered(QUIZ, ids, { c1: { choice: "Neutral" }, c2: { choice: "Neutral" }, m1: { choices: ["Z"] } }), 1);
});

// --- attempt file --------------------------------------------------------------------

const CURRENT = {
  version: "0123456789abcdef", seed: 2718281828, started: "2026-11-23T10:02:11.000Z", deadline: null,
  tasks: ["c2", "c1"], responses: { c1: { choice: "Neutral" }, x9: { choice: "Stale" } }, position: 1,
  candidate: { name: "Ana Lima", email: "" }, checked: {},
};

test("attemptFile: the documented format 2, in its field order", () => {
  const file = core.attemptFile(QUIZ, "course", CURRENT, "2026-11-23T10:14:52.000Z", { score: 0.6 });
  assert.deepEqual(Object.keys(file), [
    "format", "site", "quiz", "mode", "quiz_version", "seed", "candidate", "started", "submitted", "tasks",
    "responses", "client", "ticket", "revealed", "contests", "trace",
  ]);
  assert.deepEqual(file, {
    format: "annotrain-attempt/2", site: "course", quiz: "week-1", mode: QUIZ.mode,
    quiz_version: QUIZ.version, seed: 2718281828, candidate: { name: "Ana Lima" },
    started: "2026-11-23T10:02:11.000Z", submitted: "2026-11-23T10:14:52.000Z", tasks: ["c2", "c1"],
    responses: { c1: { choice: "Neutral" } }, client: { score: 0.6 },
    ticket: null, revealed: [], contests: [], trace: null,
  });
  const anonymous = core.attemptFile(QUIZ, "course", { ...CURRENT, candidate: {} }, "2026-11-23T10:14:52.000Z", {});
  assert.equal("candidate" in anonymous, false);
  assert.deepEqual(anonymous.client, {});
  // An exam attempt has no grade from the browser: no client part at all.
  const exam = core.attemptFile({ ...QUIZ, mode: "exam" }, "course", CURRENT, "2026-11-23T10:14:52.000Z", null);
  assert.equal(exam.mode, "exam");
  assert.equal("client" in exam, false);
});

test("attemptFile: revealed lists the drawn tasks whose answer was shown, in draw order", () => {
  const shown = { ...CURRENT, tasks: ["c2", "m1", "c1"], revealed: { c1: true, c2: true, x9: true, m1: false } };
  const file = core.attemptFile(QUIZ, "course", shown, "2026-11-23T10:14:52.000Z", null);
  assert.deepEqual(file.revealed, ["c2", "c1"]);
  // A stored attempt from before (no revealed part) reveals nothing.
  assert.deepEqual(core.attemptFile(QUIZ, "course", CURRENT, "2026-11-23T10:14:52.000Z", null).revealed, []);
});

test("attemptFile: contests of drawn tasks, one per task, in draw order, with a reason", () => {
  const contested = {
    ...CURRENT, tasks: ["c2", "m1", "c1"],
    contests: [
      { task: "c1", reason: "first" }, { task: "x9", reason: "not drawn" }, { task: "c2", reason: "Two labels fit." },
      { task: "m1", reason: "" }, { task: "c1", reason: "Changed my mind: the text is ambiguous." }, "junk", { task: "c2" },
    ],
  };
  const file = core.attemptFile(QUIZ, "course", contested, "2026-11-23T10:14:52.000Z", null);
  assert.deepEqual(file.contests, [
    { task: "c2", reason: "Two labels fit." },
    { task: "c1", reason: "Changed my mind: the text is ambiguous." },
  ]);
  // The attempt file's own list reads back the same.
  assert.deepEqual(core.contestList(file), file.contests);
  assert.deepEqual(core.contestList(null), []);
  assert.deepEqual(core.contestList({ tasks: ["c1"], contests: "c1" }), []);
});

test("fileName: quiz, kind and the UTC date", () => {
  assert.equal(core.fileName("week-1", "attempt", "2026-11-23T23:59:00.000Z", "json"), "week-1-attempt-2026-11-23.json");
  assert.equal(core.fileName("a b/c", "practice-record", "2026-01-02T00:00:00.000Z", "html"), "a-b-c-practice-record-2026-01-02.html");
});

test("remaining and clock: time left from a deadline", () => {
  const deadline = "2026-11-23T10:20:00.000Z";
  const at = (iso) => Date.parse(iso);
  assert.equal(core.remaining(null, 0), null);
  assert.equal(core.remaining(deadline, at("2026-11-23T10:00:00.000Z")), 20 * 60000);
  assert.equal(core.remaining(deadline, at("2026-11-23T11:00:00.000Z")), 0);
  assert.equal(core.clock(20 * 60000), "20:00");
  assert.equal(core.clock(61500), "01:02"); // rounded up: 0:00 only when time is up
  assert.equal(core.clock(0), "00:00");
  assert.equal(core.clock(3 * 3600000 + 5000), "3:00:05");
});
