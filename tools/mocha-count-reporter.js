// Mocha reporter for `npm test`: mocha's usual "spec" output, plus the pass/fail counts written
// as JSON to $CIPHER_TEST_COUNTS so tools/run-tests.js can print CI's closing line from them.
"use strict";
const fs = require("fs");
const Mocha = require("mocha");

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const out = process.env.CIPHER_TEST_COUNTS;
      if (!out) return;
      const s = runner.stats || {};
      fs.writeFileSync(out, JSON.stringify({ passed: s.passes || 0, failed: s.failures || 0, pending: s.pending || 0 }));
    });
  }
}
module.exports = CountReporter;
