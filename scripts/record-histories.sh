#!/usr/bin/env bash
# Records the replay fixtures (workflows/src/test/resources/histories) on a real Temporal server: a
# throwaway `temporal server start-dev` (in memory, on a free port) runs every checkout path and one
# conversation with stand-in activities, and their histories are written as the server stored them.
# Run it after a deliberate change put behind Workflow.getVersion, with new prefixes, and keep the old files:
#
#   scripts/record-histories.sh v5 v3        checkout prefix, conversation prefix
#   scripts/record-histories.sh v5           the checkout paths only (the conversation did not change)
#   scripts/record-histories.sh v7 "" v2     checkout prefix, no conversation, order and shipment prefix
#
# CheckoutReplayTest, ConversationReplayTest and OrderReplayTest then replay every file against the current code.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
checkout_prefix="${1:?usage: scripts/record-histories.sh <checkout prefix, e.g. v5> [conversation prefix, e.g. v3]}"
conversation_prefix="${2:-}"
order_prefix="${3:-}"

JAVA_HOME="$(scripts/pick-jdk.sh)"
export JAVA_HOME
temporal="${STYLESHEPHERD_TEMPORAL_CLI:-$(scripts/install-temporal-cli.sh)}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

"$temporal" server start-dev --headless --ip 127.0.0.1 --port "$port" --log-level warn &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    "$temporal" operator namespace describe --address "127.0.0.1:$port" default >/dev/null 2>&1 && break
    sleep 0.3
done

record() {
    ./mvnw -B -q -pl workflows test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable="$JAVA_HOME/bin/java" \
        -Dexec.args="-cp %classpath $1 $2 --target 127.0.0.1:$port"
}
record com.styleshepherd.workflows.checkout.CheckoutHistories "$checkout_prefix"
if [ -n "$conversation_prefix" ]; then
    record com.styleshepherd.workflows.conversation.ConversationHistories "$conversation_prefix"
fi
if [ -n "$order_prefix" ]; then
    record com.styleshepherd.workflows.order.OrderHistories "$order_prefix"
fi
