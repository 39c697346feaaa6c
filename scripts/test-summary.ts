// Prints one closing line for the whole test run, from the vitest and Playwright JSON reports:
// "tests: N passed, N failed" (and skipped), so CI can read the count whatever runner ran.
import { readFileSync } from 'node:fs';

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const unit = read('test-results/unit.json') as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
const e2e = read('test-results/e2e.json') as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
const passed = unit.numPassedTests + e2e.stats.expected + e2e.stats.flaky;
const failed = unit.numFailedTests + e2e.stats.unexpected;
const skipped = unit.numPendingTests + e2e.stats.skipped;
console.log(`unit ${unit.numPassedTests} passed; browser ${e2e.stats.expected + e2e.stats.flaky} passed`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed ? 1 : 0;
