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
const failed = (report) => (report?.stats?.unexpected ?? 0) + (report?.stats?.flaky ?? 0);
const e2ePassed = passed(e2e) + passed(e2ePg);
const e2eFailed = failed(e2e) + failed(e2ePg);
const skipped = (unit?.numPendingTests ?? 0) + (e2e?.stats?.skipped ?? 0) + (e2ePg?.stats?.skipped ?? 0);

console.log(`\nunit: ${unitPassed} passed, ${unitFailed} failed`);
console.log(`e2e on SQLite: ${passed(e2e)} passed, ${failed(e2e)} failed`);
console.log(e2ePg ? `e2e on PostgreSQL (two instances): ${passed(e2ePg)} passed, ${failed(e2ePg)} failed` : "e2e on PostgreSQL: did not run");
console.log(`${unitPassed + e2ePassed} passed, ${unitFailed + e2eFailed} failed, ${skipped} skipped`);
