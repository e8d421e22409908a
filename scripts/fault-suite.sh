#!/usr/bin/env bash
# The fault suite (docs/reliability.md, docs/operations.md#fault-suite): the production topology on loopback
# (PostgreSQL, Redis, the real Temporal server, the api, regular worker and gpu worker jars, each its own
# process), simulated shoppers browsing and buying throughout, and one fault after another: PostgreSQL stopped
# and started, Redis stopped and started, the regular worker killed and started, the Temporal server stopped
# and started. Prints per fault the answers by status, the slowest answer, bad error answers, work lost, double
# charges and oversold units; exits 1 when one that must be zero is not, or an answer during a PostgreSQL or
# Valkey outage took over 2 s.
#
#   scripts/fault-suite.sh           the full run (20 s faults, about 8 minutes): writes docs/benchmarks/faults.md
#   scripts/fault-suite.sh --ci      the bounded run of .ci/run (8 s faults, about 4 minutes with the build):
#                                    writes target/fault-suite/faults.md
#   scripts/fault-suite.sh ... -Dbench.faults=postgres,redis -Dbench.fault-seconds=30 -o
#                                    other arguments go to Maven: which faults, how long, offline;
#                                    -Dshade.skip=true keeps the jars in target/ (.ci/run, right after verify)
#
# It builds the production jars first (the bench profile's reactor build), so it tests the code checked out.
# Needs the Temporal CLI (scripts/install-temporal-cli.sh, which needs Go): without it the suite is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

settings=()
if [ "${1:-}" = "--ci" ]; then
    shift
    settings=(-Dbench.fault-seconds=8 -Dbench.fault-before-seconds=4 -Dbench.fault-after-seconds=6
        -Dbench.fault-warmup-seconds=5 "-Dbench.docs=$PWD/target/fault-suite")
fi

if [ -z "${STYLESHEPHERD_TEMPORAL_CLI:-}" ]; then
    if ! STYLESHEPHERD_TEMPORAL_CLI="$(scripts/install-temporal-cli.sh)"; then
        echo "SKIPPED: fault suite: no Temporal CLI (see above)"
        exit 0
    fi
fi
export STYLESHEPHERD_TEMPORAL_CLI
JAVA_HOME="$(scripts/pick-jdk.sh)"
export JAVA_HOME

exec ./mvnw -B -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.FaultSuite \
    "${settings[@]}" "$@"
