// Preloaded (node -r) by test/deploy/ConfigLoad.test.ts (kept out of test/: mocha would load it as a test file): any require of TypeChain's output throws,
// as on a fresh clone before its first `hardhat compile`.
const Module = require("module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/typechain-types/.test(request)) throw new Error(`typechain-types required while loading the Hardhat config: ${request}`);
  return resolve.call(this, request, ...rest);
};
