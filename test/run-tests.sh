#!/usr/bin/env bash
# The whole suite: types, lint, unit and integration tests, then end to end in Chromium.
#
# The keychain tests talk to a real Secret Service. Where no D-Bus session exists (CI, a
# container, a headless box) this script re-runs itself inside a private one with an unlocked
# gnome-keyring, so those tests never fall back to a stand-in.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname)" = Linux ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] \
  && [ -z "${CADENT_PRIVATE_KEYRING:-}" ] && command -v dbus-run-session >/dev/null; then
  export CADENT_PRIVATE_KEYRING=1
  exec dbus-run-session -- bash "$0" "$@"
fi

if [ -n "${CADENT_PRIVATE_KEYRING:-}" ]; then
  # A throwaway keyring folder, so the tests never touch a real user's secrets.
  XDG_DATA_HOME="$(mktemp -d)"
  XDG_RUNTIME_DIR="$(mktemp -d)"
  export XDG_DATA_HOME XDG_RUNTIME_DIR
  printf 'cadent-test-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
fi

# `npm start` rebuilds the native modules for Electron; the tests run them under Node.
if ! node -e "new (require('better-sqlite3'))(':memory:').close(); require('keytar')" 2>/dev/null
then
  echo "Rebuilding better-sqlite3 and keytar for Node..."
  npm rebuild better-sqlite3 keytar
fi

npx tsc --noEmit -p tsconfig.json
npx eslint .
npx vitest run
if [ -d test/e2e ]; then
  npm run build:renderer
  npx vitest run --config test/e2e/vitest.e2e.config.ts
fi
