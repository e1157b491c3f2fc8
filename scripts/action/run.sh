#!/usr/bin/env bash
# action.yml's run step: podlike-gen with the `args` input split at white space, never globbed
# or evaluated (a stack path with `*` or `$(...)` stays that text).
set -euo pipefail
set -f
# shellcheck disable=SC2086 # the split is the point
exec podlike-gen ${PODLIKE_GEN_ARGS:?set by action.yml}
