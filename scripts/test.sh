#!/usr/bin/env bash
# The whole test suite, runnable on a fresh machine with a Rust toolchain.
# Installs what it needs, runs every test, and fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 1
fi

# Shared data (PolNeAR, FA-KES) sits beside the repo; tests that need it say so and skip without it.
if [ ! -d ../shared ]; then
  echo "note: ../shared not found; tests that read the shared corpora will be skipped" >&2
fi

echo "== cargo test (workspace)"
cargo test --workspace --locked --no-fail-fast 2>&1

echo "== browser tests (crates/web/e2e: playwright-core + Debian chromium)"
command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
(cd crates/web/e2e && npm ci --no-audit --no-fund)
# Same targets as the test run, so cargo unifies features the same way and reuses its
# build (a bare `-p corroborate` build recompiled ~15 crates); target/debug/corroborate is current.
cargo build --workspace --bins --tests --locked 2>&1
# node prints its TAP summary (# tests / # pass / # fail); a failing test fails this script.
(cd crates/web/e2e && node --test)
