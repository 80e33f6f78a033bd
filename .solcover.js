// Coverage of contracts/: the production contracts. Test doubles under contracts/mocks/ are test
// code (mock curves, attacker contracts, probes) and are excluded from the figure.
module.exports = {
  skipFiles: ["mocks/"],
  configureYulOptimizer: false,
  mocha: { grep: "@no-coverage", invert: true },
};
