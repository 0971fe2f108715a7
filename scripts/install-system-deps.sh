#!/usr/bin/env bash
# Installs the system packages Linkwell's tests need on a fresh Debian/Ubuntu machine (run as root):
# Java + Maven (HAPI FHIR), Chromium (browser tests), PostgreSQL (the adapter's server-backed store).
# Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}. Install them (as root: bash scripts/install-system-deps.sh)." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
