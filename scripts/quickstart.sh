#!/usr/bin/env bash
# One command from a fresh clone to a simulation report: install, compile, simulate.
# Extra arguments go to the simulation, e.g. `bash scripts/quickstart.sh --steps 500 --seed 7`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
npx hardhat compile --quiet
npm run --silent simulate -- --out runs/quickstart "$@"
