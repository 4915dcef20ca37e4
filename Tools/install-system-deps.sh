#!/usr/bin/env bash
# Installs the C libraries fixtext links against (ICU and zlib), when they are missing,
# and Unicode's Unihan data, which the tests use to check that the committed pinyin
# readings table (Plugins/StripPinyin) is current.
# Debian/Ubuntu; run as root or with sudo. Swift itself comes with the machine.
set -euo pipefail
packages=(libicu-dev zlib1g-dev unicode-data)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
