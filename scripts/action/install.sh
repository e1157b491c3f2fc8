#!/usr/bin/env bash
# action.yml's install step: the package's dependencies as package-lock.json pins them, the
# build, and `podlike-gen` on the PATH of the job's later steps. Runs in the action's own
# checkout ($GITHUB_ACTION_PATH).
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?run by action.yml}"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
mkdir -p .action-bin
ln -sf ../bin/podlike-gen.js .action-bin/podlike-gen
echo "$GITHUB_ACTION_PATH/.action-bin" >> "${GITHUB_PATH:?run by action.yml}"
