#!/usr/bin/env bash
# The Temporal UI browser test: starts the dev stack from the api jar (as ./dev does) on the real Temporal
# dev server, on free ports with a temporary data directory; makes a completed, a declined and a stuck
# checkout, and three orders (shipped in two parts, cancelled, a line returned), through the HTTP API; drives Debian's headless chromium (Playwright for Python) on the Temporal
# UI the stack serves; writes the screenshots docs/operations.md shows into docs/images/; stops the stack.
#
#   tests/ui/run.sh [pytest arguments]
#
# Needs the jar (./mvnw -DskipTests package), a JDK >= 21, chromium (apt-get install chromium), the Temporal
# CLI (scripts/install-temporal-cli.sh) and Playwright (pip install -r tests/ui/requirements.txt; never
# `playwright install`). Without chromium, the CLI or Playwright it prints SKIPPED and exits 0; a failing
# test exits non-zero. About 1.5 minutes on 2 cores, most of it the stack's start.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

skip() {
    echo "SKIPPED: Temporal UI browser test: $*"
    exit 0
}

chromium="${UI_TEST_CHROMIUM:-$(command -v chromium || true)}"
[ -n "$chromium" ] && [ -x "$chromium" ] || skip "no chromium (apt-get install chromium)"

if [ -z "${STYLESHEPHERD_TEMPORAL_CLI:-}" ]; then
    STYLESHEPHERD_TEMPORAL_CLI="$(scripts/install-temporal-cli.sh)" \
        || skip "no Temporal CLI (scripts/install-temporal-cli.sh said why above)"
fi
[ -x "$STYLESHEPHERD_TEMPORAL_CLI" ] || skip "STYLESHEPHERD_TEMPORAL_CLI=$STYLESHEPHERD_TEMPORAL_CLI is not executable"

python="${PYTHON:-python3}"
"$python" -c 'import playwright, pytest' 2>/dev/null \
    || skip "Playwright for Python or pytest missing ($python -m pip install -r tests/ui/requirements.txt)"

JAVA_HOME="$(scripts/pick-jdk.sh)"
jar="${UI_TEST_JAR:-devstack/target/style-shepherd-dev.jar}"
[ -f "$jar" ] || { echo "tests/ui/run.sh: $jar is missing: build it first (./mvnw -DskipTests package)" >&2; exit 1; }

export STYLESHEPHERD_TEMPORAL_CLI UI_TEST_CHROMIUM="$chromium" UI_TEST_JAR="$jar" UI_TEST_JAVA="$JAVA_HOME/bin/java"
echo "Temporal UI browser test: $("$chromium" --version 2>/dev/null | head -1), Playwright $("$python" -c 'from importlib.metadata import version; print(version("playwright"))'), CLI $STYLESHEPHERD_TEMPORAL_CLI"
# timeout sends SIGTERM first: the test's teardown stops the stack; -k: then SIGKILL.
exec timeout -k 30 "${UI_TEST_TIMEOUT_S:-300}" "$python" -m pytest -c tests/ui/pytest.ini tests/ui -v -s "$@"
