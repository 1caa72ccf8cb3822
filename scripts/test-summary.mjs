// Prints one closing line for the whole suite from the runners' JSON reports.
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const unit = read("reports/unit.json");
const e2e = read("reports/e2e.json");
// The same suite on PostgreSQL with two instances behind a proxy (absent when it did not run).
const e2ePg = read("reports/e2e-pg.json");
const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = unit?.numFailedTests ?? 0;
const passed = (report) => report?.stats?.expected ?? 0;
const failed = (report) => report?.stats?.unexpected ?? 0;
// Passed on CI's one retry: counted apart and named below, so that a story that fails now and then is seen.
const flaky = (report) => report?.stats?.flaky ?? 0;
const e2ePassed = passed(e2e) + passed(e2ePg);
const e2eFailed = failed(e2e) + failed(e2ePg);
const skipped = (unit?.numPendingTests ?? 0) + (e2e?.stats?.skipped ?? 0) + (e2ePg?.stats?.skipped ?? 0);

// The failures by name, last: CI keeps only the end of what a run prints, and the runners' own lists of
// failures scroll out of it behind the later runs.
function e2eProblems(report, label) {
  const lines = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const error = test.results?.find((result) => result.error)?.error?.message ?? "";
        const firstLine = error.replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((line) => line.trim()) ?? "";
        lines.push(`${label} ${test.status === "flaky" ? "flaky" : "failed"}: ${spec.file}:${spec.line} › ${spec.title}`);
        if (firstLine) lines.push(`    ${firstLine.trim().slice(0, 300)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return lines;
}
function unitProblems(report) {
  const lines = [];
  for (const file of report?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== "failed") continue;
      lines.push(`unit failed: ${file.name.replace(process.cwd() + "/", "")} › ${test.fullName}`);
      const message = (test.failureMessages?.[0] ?? "").split("\n").find((line) => line.trim()) ?? "";
      if (message) lines.push(`    ${message.trim().slice(0, 300)}`);
    }
  }
  return lines;
}
const problems = [...unitProblems(unit), ...e2eProblems(e2e, "e2e on SQLite"), ...e2eProblems(e2ePg, "e2e on PostgreSQL")];
if (problems.length > 0) console.log(`\n${problems.join("\n")}`);

console.log(`\nunit: ${unitPassed} passed, ${unitFailed} failed`);
const e2eLine = (report) => `${passed(report)} passed, ${failed(report)} failed${flaky(report) ? `, ${flaky(report)} flaky` : ""}`;
console.log(`e2e on SQLite: ${e2eLine(e2e)}`);
console.log(e2ePg ? `e2e on PostgreSQL (two instances): ${e2eLine(e2ePg)}` : "e2e on PostgreSQL: did not run");
const flakyTotal = flaky(e2e) + flaky(e2ePg);
console.log(`${unitPassed + e2ePassed} passed, ${unitFailed + e2eFailed} failed, ${flakyTotal ? `${flakyTotal} flaky, ` : ""}${skipped} skipped`);
