#!/usr/bin/env bash
# The cabinet in headless Chromium (tests/web/browser_test.py) against a Campus on a fresh data folder, and
# the page scripts' own tests under node when it is installed. Needs Debian's chromium, chromium-driver and
# python3-selenium. Uses the build the tests made; screenshots land in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v node >/dev/null; then node --test tests/web/; else echo "browser-test.sh: no node here; the renderer's unit tests are skipped" >&2; fi
traits=(); pkg-config --exists libmongoc-1.0 2>/dev/null && traits=(--traits MongoDB)
swift build "${traits[@]}" --product campus >/dev/null
exec /usr/bin/python3 tests/web/browser_test.py "$(swift build "${traits[@]}" --show-bin-path)/campus"
