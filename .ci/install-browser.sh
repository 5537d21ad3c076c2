#!/usr/bin/env bash
# The HTML reports are tested in a real headless Chromium (ReportBrowserTest). CI runs this before
# the tests (.ci/run); the build itself never installs anything. It installs Debian's chromium and
# chromium-driver, and a CJK font so Chinese renders, when they are missing.
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then missing+=(fonts-noto-cjk); fi
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "install-browser: please install ${missing[*]} (apt-get install ${missing[*]}) for the report tests" >&2
    exit 0
  fi
fi
echo "install-browser: installing ${missing[*]}" >&2
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
exit 0
