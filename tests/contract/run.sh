#!/usr/bin/env bash
# The API contract as a frontend team would check it, on the OpenAPI document the api serves (the one in the
# dev launcher's jar, META-INF/swagger/style-shepherd-0.1.yml):
#   1. redocly lint with its recommended rules: no error and no warning;
#   2. a typed client generated from it (openapi-typescript) compiles under tsc --strict with its test;
#   3. the dev stack is started once (tests/dev_stack.py, on free ports, as ./dev starts it) and
#      a. the typed client's test calls it as anyone, a shopper and ops (clients/typescript/test);
#      b. Schemathesis fuzzes every documented operation, as a shopper and as ops (/api/ops/**), with every
#         check it has, a fixed number of examples per operation and a time limit: no 5xx, every response as
#         documented (status, content type, headers, body), no stack trace (tests/contract/schemathesis.toml).
#
#   tests/contract/run.sh
#
# Needs the jar (./mvnw -DskipTests package), a JDK >= 21, node and npm (the npm registry: clients/typescript's
# pinned tools), Schemathesis (pip install -r tests/contract/requirements.txt) and the Temporal CLI
# (scripts/install-temporal-cli.sh). Without node/npm it prints SKIPPED and exits 0; without Schemathesis or the
# CLI it does what it can and says SKIPPED for the rest. Any failure exits non-zero. About 4 minutes on 2 cores:
# 1 for the stack's start, CONTRACT_MAX_TIME_S (default 150) for Schemathesis.
#   CONTRACT_MAX_EXAMPLES  examples per operation and phase (default 25)
#   CONTRACT_MAX_TIME_S    Schemathesis' time limit in seconds (default 150)
#   CONTRACT_OUT           the stack's log, the document, Schemathesis' reports (default target/contract)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

skip() {
    echo "SKIPPED: API contract check: $*"
    exit 0
}

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || skip "no node/npm"
client=clients/typescript
if [ ! -d "$client/node_modules" ] || [ "$client/package-lock.json" -nt "$client/node_modules" ]; then
    (cd "$client" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
        || skip "npm ci failed in $client (is the npm registry reachable?)"
fi

jar="${CONTRACT_JAR:-devstack/target/style-shepherd-dev.jar}"
[ -f "$jar" ] || { echo "tests/contract/run.sh: $jar is missing: build it first (./mvnw -DskipTests package)" >&2; exit 1; }
out="${CONTRACT_OUT:-$root/target/contract}"
mkdir -p "$out"
spec="$out/openapi.yml"
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
    "$jar" META-INF/swagger/style-shepherd-0.1.yml > "$spec"

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
echo "== redocly lint (recommended rules) on the api's OpenAPI document"
lint_json="$out/redocly-lint.json"
(cd "$client" && npx --no-install redocly lint --extends=recommended --format=json "$spec") > "$lint_json" 2>/dev/null || true
totals="$(python3 -c 'import json, sys; t = json.load(open(sys.argv[1]))["totals"]; print(t["errors"], t["warnings"])' \
    "$lint_json")" || { echo "FAILED: redocly lint gave no report" >&2; exit 1; }
read -r errors warnings <<< "$totals"
if [ "$errors" != 0 ] || [ "$warnings" != 0 ]; then
    (cd "$client" && npx --no-install redocly lint --extends=recommended --format=codeframe "$spec") >&2 || true
    echo "FAILED: redocly lint: $errors errors, $warnings warnings" >&2
    exit 1
fi
echo "redocly lint: 0 errors, 0 warnings"

echo "== The typed client: openapi-typescript, then tsc --strict with its test"
(cd "$client" && npx --no-install openapi-typescript "$spec" -o generated/api.d.ts --silent \
    && npx --no-install tsc -p tsconfig.json)
echo "typed client generated and compiled ($client/generated/api.d.ts)"

if [ -z "${STYLESHEPHERD_TEMPORAL_CLI:-}" ]; then
    STYLESHEPHERD_TEMPORAL_CLI="$(scripts/install-temporal-cli.sh)" \
        || skip "the live checks (client test, Schemathesis): no Temporal CLI (scripts/install-temporal-cli.sh said why above)"
fi
[ -x "$STYLESHEPHERD_TEMPORAL_CLI" ] || skip "the live checks: STYLESHEPHERD_TEMPORAL_CLI=$STYLESHEPHERD_TEMPORAL_CLI is not executable"
python="${PYTHON:-python3}"
fuzz=()
if ! "$python" -c 'import schemathesis' 2>/dev/null; then
    echo "SKIPPED: Schemathesis: not installed ($python -m pip install -r tests/contract/requirements.txt)"
    fuzz=(--no-fuzz)
fi

JAVA_HOME="$(scripts/pick-jdk.sh)"
export STYLESHEPHERD_TEMPORAL_CLI CONTRACT_JAR="$jar" CONTRACT_JAVA="$JAVA_HOME/bin/java" CONTRACT_OUT="$out"
# timeout sends SIGTERM first: contract.py stops the stack; -k: then SIGKILL.
exec timeout -k 30 "${CONTRACT_TIMEOUT_S:-600}" "$python" tests/contract/contract.py "${fuzz[@]}"
