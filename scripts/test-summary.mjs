// Adds up the JSON reports every test runner wrote to .tmp/test-results and prints one closing
// line, "Tests: N passed, N failed", so CI can read the outcome of the whole run.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", ".tmp", "test-results");
let passed = 0;
let failed = 0;
let skipped = 0;
// Subfolders hold further runs of the same tests (e.g. clock-ahead/, with the clock moved).
const files = existsSync(dir)
  ? readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith(".json"))
  : [];
for (const name of files) {
  const report = JSON.parse(readFileSync(join(dir, String(name)), "utf8"));
  if (report.stats && "expected" in report.stats) {
    // Playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  } else {
    // Vitest
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
if (files.length === 0 || passed + failed === 0) {
  console.error("No test reports found: no test ran.");
  process.exit(1);
}
console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
