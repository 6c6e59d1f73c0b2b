#!/usr/bin/env bash
# What npm test needs from the machine, checked before anything runs: Node 22 or newer, then the
# Debian/Ubuntu packages the suite uses for real (a Chromium, a Secret Service on D-Bus checked with
# secret-tool, and the AWS CLI as an outside Kinesis client). Missing packages are installed with
# apt-get where this may (root, or sudo without a password); otherwise it stops with the one command
# to run. Used by scripts/test.sh (npm test) and .ci/run, so the list lives here only.
#
# SHARDSCOPE_ASSUME_NO_ROOT=1 makes it act as a user who may not install, so a test can see the
# message on a machine where it would otherwise install.
set -euo pipefail

# The major version of package.json's engines.node (">=22"), so the two cannot disagree.
REQUIRED_NODE_MAJOR=$(sed -n 's/^ *"node": *">= *\([0-9]*\).*/\1/p' "$(dirname "$0")/../package.json")

# Each package with the command that shows it is there: a command on PATH rather than dpkg's
# records, so a tool installed another way (the AWS CLI from pip, say) counts too.
PACKAGES=(
  chromium:chromium
  gnome-keyring:gnome-keyring-daemon
  dbus:dbus-run-session
  dbus-x11:dbus-launch
  libsecret-tools:secret-tool
  awscli:aws
)

if ! command -v node >/dev/null; then
  echo "npm test needs Node $REQUIRED_NODE_MAJOR or newer, and there is no node on PATH." >&2
  echo "Install Node $REQUIRED_NODE_MAJOR (https://nodejs.org/en/download) and run npm test again." >&2
  exit 1
fi
node_version=$(node --version)
node_major=${node_version#v}
node_major=${node_major%%.*}
if [ "$node_major" -lt "$REQUIRED_NODE_MAJOR" ]; then
  echo "npm test needs Node $REQUIRED_NODE_MAJOR or newer, but the node on PATH ($(command -v node)) is $node_version." >&2
  echo "Install Node $REQUIRED_NODE_MAJOR (https://nodejs.org/en/download), put it first on PATH, and run npm install and npm test again." >&2
  exit 1
fi

present() {
  # Playwright launches CHROMIUM_PATH when it is set (see playwright.config.ts), so that is the one to find.
  if [ "$1" = chromium ] && [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ]
  else
    command -v "$1" >/dev/null
  fi
}

missing_packages() {
  local entry
  for entry in "${PACKAGES[@]}"; do
    present "${entry#*:}" || printf '%s ' "${entry%%:*}"
  done
}

missing=$(missing_packages)
[ -z "$missing" ] && exit 0
read -r -a missing <<<"$missing"

install_command=()
if [ "${SHARDSCOPE_ASSUME_NO_ROOT:-}" != 1 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    install_command=(env)
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    install_command=(sudo env)
  fi
fi

if [ ${#install_command[@]} -eq 0 ]; then
  echo "npm test needs packages this machine lacks: ${missing[*]}. Install them with:" >&2
  echo "sudo apt-get install -y ${missing[*]}" >&2
  echo "and run npm test again." >&2
  exit 1
fi

echo "Installing the packages npm test needs: ${missing[*]}"
"${install_command[@]}" apt-get update -qq
"${install_command[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
still_missing=$(missing_packages)
if [ -n "$still_missing" ]; then
  echo "apt-get installed ${missing[*]}, but these still give no command on PATH: $still_missing" >&2
  exit 1
fi
