#!/usr/bin/env bash
# npm test: build, then every suite inside a private D-Bus session with its own unlocked
# gnome-keyring. Tests use a real Secret Service and never touch the user's own keychain.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${SHARDSCOPE_TEST_SESSION:-}" ]; then
  # Node 22 and the system packages first, so a machine that lacks one hears so before any build.
  bash scripts/prerequisites.sh
  npm run build
  if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    exec env SHARDSCOPE_TEST_SESSION=keyring dbus-run-session -- bash "$0" "$@"
  fi
  echo "note: dbus-run-session or gnome-keyring-daemon is missing, so keychain tests cannot run here" >&2
  exec env SHARDSCOPE_TEST_SESSION=none bash "$0" "$@"
fi

# The test keyring lives in a throwaway folder and is unlocked with a throwaway password.
# `--replace` takes over from a daemon already on the bus: gnome-keyring has been seen to crash
# (an assertion in GLib) under the integration tests' load, after which D-Bus activation starts
# a fresh daemon whose keyring is locked, and every later keychain test fails for that alone.
start_keyring() {
  eval "$(printf 'shardscope-test' | gnome-keyring-daemon --replace --unlock --components=secrets --daemonize)"
  export GNOME_KEYRING_CONTROL
}

if [ "$SHARDSCOPE_TEST_SESSION" = keyring ]; then
  XDG_DATA_HOME=$(mktemp -d)
  export XDG_DATA_HOME
  start_keyring
  export SHARDSCOPE_TEST_KEYRING=1
fi

if [ "${1:-}" = --update-screenshots ]; then
  # The baselines of the tests that look, made in the same session the suite runs in (with a
  # keychain, as in CI), so the pages are the ones CI will see.
  npx playwright test screenshots --update-snapshots=all
  exit
fi

# The CLI tests run the bundle just built, as users do (see test/support/cli.ts).
SHARDSCOPE_TEST_CLI=bundle npx vitest run
# A keyring that crashed meanwhile is started again, unlocked, before the browser tests.
if [ "$SHARDSCOPE_TEST_SESSION" = keyring ]; then start_keyring; fi
npx playwright test
