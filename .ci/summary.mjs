// Sums the JSON reports of vitest and Playwright written during the CI run into one line, and names
// each failed test with the first lines of its error: the end of the log is often all that is kept.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
// Enough lines for a deep-equality diff (the console errors a browser test did not expect).
const firstLines = (text) =>
  String(text ?? "")
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .slice(0, 24)
    .join("\n    ");

/** Playwright's suites nest (file, describe): walks them for the specs whose result was unexpected. */
function playwrightFailures(suites, trail = []) {
  for (const suite of suites ?? []) {
    const here = suite.title ? [...trail, suite.title] : trail;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        // A timeout's first error says only that; the next ones say which step was waiting.
        const result = test.results?.find((r) => r.status !== "passed");
        const errors = result?.errors?.length ? result.errors : [result?.error];
        const where = (e) => (e?.location ? ` (${path.basename(e.location.file)}:${e.location.line})` : "");
        failures.push(
          `${[...here, spec.title].join(" › ")} (${spec.file}:${spec.line})\n    ${errors.map((e) => firstLines(e?.message) + where(e)).join("\n    ")}`,
        );
      }
    }
    playwrightFailures(suite.suites, here);
  }
}

for (const name of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
  const report = JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  if (name.startsWith("vitest")) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
    for (const file of report.testResults ?? [])
      for (const test of file.assertionResults ?? [])
        if (test.status === "failed")
          failures.push(`${name}: ${test.fullName} (${path.relative(process.cwd(), file.name)})\n    ${firstLines(test.failureMessages?.[0])}`);
  } else {
    const s = report.stats;
    passed += s.expected + s.flaky;
    failed += s.unexpected;
    skipped += s.skipped;
    console.log(`${name}: ${s.expected} passed, ${s.unexpected} failed`);
    playwrightFailures(report.suites);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failures.length) console.log(`\nFailed:\n- ${failures.join("\n- ")}`);
