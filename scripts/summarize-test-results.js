#!/usr/bin/env node
/* eslint-disable no-console */
// Prints "N passed, N failed" from every Jest/Playwright JSON report in a folder.
// A missing or unreadable report counts as one failure, so a crashed run never
// reads as green.
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;

const files = fs.existsSync(dir)
  ? fs.readdirSync(dir).filter(f => f.endsWith('.json'))
  : [];

for (const file of files) {
  try {
    const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (typeof report.numPassedTests === 'number') {
      // Jest
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      // Suites that failed to run (syntax errors, crashes) hold no tests.
      failed += report.numRuntimeErrorTestSuites ?? 0;
    } else if (report.stats && typeof report.stats.expected === 'number') {
      // Playwright
      passed += report.stats.expected + (report.stats.flaky ?? 0);
      failed += report.stats.unexpected;
    } else if (typeof report.passed === 'number') {
      // Our own script checks: { passed, failed }
      passed += report.passed;
      failed += report.failed;
    } else {
      failed += 1;
    }
  } catch {
    failed += 1;
  }
}
if (files.length === 0) {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
