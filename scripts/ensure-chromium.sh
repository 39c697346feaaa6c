#!/usr/bin/env bash
# Finds Debian's Chromium for the browser tests, installing it with apt-get when we are root.
# Never downloads a browser from anywhere else. Prints the path of the binary on success.
set -euo pipefail
find_chromium() {
  for c in "${CHROMIUM_PATH:-}" /usr/lib/chromium/chromium /usr/bin/chromium; do
    if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  return 1
}
if path=$(find_chromium); then echo "$path"; exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium with apt-get (one time)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
  if path=$(find_chromium); then echo "$path"; exit 0; fi
fi
cat >&2 <<'MSG'
The browser tests need Debian's Chromium, and it is not installed. Install it, then run the tests again:

    sudo apt-get update && sudo apt-get install -y chromium

(or set CHROMIUM_PATH to a Chromium binary).
MSG
exit 1
