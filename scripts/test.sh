#!/usr/bin/env bash
# The one test command (README, npm test, .ci/run): installs what the browser tests need, builds once, runs every
# test project and ends with one plain line "N passed, M failed" summed over all of them.
set -euo pipefail

cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
artifacts="test-artifacts"
mkdir -p "$artifacts"

fail() { echo "test.sh: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# --- Chromium for the Playwright tests (Playwright's own browser download cannot work offline) ---
chromium_path() {
  for candidate in "${STOREFRONT_CHROMIUM:-}" /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
if ! chromium_path >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium with apt-get…"
    apt-get update -qq || fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || fail "apt-get install chromium failed"
  else
    echo "Installing Chromium with Playwright's installer (not root)…"
    npx --yes playwright@1.64.1 install chromium || fail "no Chromium: install the 'chromium' package or run as root"
  fi
fi
chromium_path >/dev/null || fail "Chromium is still missing after the install step"

# --- Node packages: TypeScript and Stripe.js's types, which the tests use to type-check the browser code ---
command -v npm >/dev/null || fail "npm is missing: install Node.js and npm"
npm ci --no-audit --no-fund || fail "npm ci failed"

# --- Build once, then test every test project ---
dotnet build Storefront.sln -c Release -warnaserror -nologo -clp:ErrorsOnly || fail "build failed"

passed=0; failed=0; ran=0
for project in $(ls -d *.Tests/ 2>/dev/null); do
  name="${project%/}"
  log="$artifacts/$name.log"
  set +e
  dotnet test "$name" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$artifacts" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  summary=$(grep -E "^(Passed|Failed)!" "$log" | tail -1 || true)
  if [ -z "$summary" ]; then
    fail "$name did not report a test summary (exit $status)"
  fi
  p=$(echo "$summary" | sed -E 's/.*Passed: *([0-9]+).*/\1/')
  f=$(echo "$summary" | sed -E 's/.*Failed: *([0-9]+),.*/\1/')
  passed=$((passed + p)); failed=$((failed + f)); ran=$((ran + 1))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
done

[ "$ran" -gt 0 ] || fail "no test project found"
[ "$passed" -gt 0 ] || fail "no test ran"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
