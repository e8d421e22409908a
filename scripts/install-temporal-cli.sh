#!/usr/bin/env bash
# Installs the Temporal CLI (the real Temporal server with SQLite persistence, plus the Temporal UI) that the
# dev stack and the real-server tests start as `temporal server start-dev`. It is built from the Go module
# proxy into a cache directory, once: the first build takes minutes, later runs return at once.
#
#   scripts/install-temporal-cli.sh        installs if needed, prints the binary's path on stdout
#
# Where: ${STYLESHEPHERD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/style-shepherd}/bin/temporal
# Needs Go >= 1.25. v1.5.1 is the newest CLI tag whose go.mod has no `replace` directive: later tags cannot be
# built with `go install`. It embeds Temporal server 1.29.1 and UI server 2.42.1.
set -euo pipefail

CLI_MODULE=github.com/temporalio/cli
CLI_VERSION=v1.5.1
GO_MIN_MAJOR=1
GO_MIN_MINOR=25

cache_dir="${STYLESHEPHERD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/style-shepherd}"
bin_dir="$cache_dir/bin"
binary="$bin_dir/temporal"
# `go install` stamps no version into the binary (`temporal --version` says 0.0.0-DEV), so the version
# it was built from is recorded beside it.
stamp="$bin_dir/temporal.version"

fail() {
    echo "install-temporal-cli: $*" >&2
    exit 1
}

if [ -x "$binary" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$CLI_VERSION" ]; then
    echo "$binary"
    exit 0
fi

command -v go >/dev/null 2>&1 \
    || fail "Go not found on PATH. The Temporal CLI $CLI_VERSION is built with Go >= $GO_MIN_MAJOR.$GO_MIN_MINOR (https://go.dev/dl/); without it the dev stack runs the embedded Temporal test server."
go_version="$(go env GOVERSION 2>/dev/null || true)"
if [[ ! "$go_version" =~ ^go([0-9]+)\.([0-9]+) ]]; then
    fail "cannot tell the Go version (go env GOVERSION said '$go_version'); Go >= $GO_MIN_MAJOR.$GO_MIN_MINOR is needed."
fi
go_major="${BASH_REMATCH[1]}"
go_minor="${BASH_REMATCH[2]}"
if [ "$go_major" -lt "$GO_MIN_MAJOR" ] || { [ "$go_major" -eq "$GO_MIN_MAJOR" ] && [ "$go_minor" -lt "$GO_MIN_MINOR" ]; }; then
    fail "Go $go_major.$go_minor is too old: the Temporal CLI $CLI_VERSION needs Go >= $GO_MIN_MAJOR.$GO_MIN_MINOR."
fi

# A binary built by hand (or before the stamp existed) is kept when Go says it is the right version.
if [ -x "$binary" ] && go version -m "$binary" 2>/dev/null | grep -Eq "^[[:space:]]*mod[[:space:]]+$CLI_MODULE[[:space:]]+$CLI_VERSION[[:space:]]"; then
    echo "$CLI_VERSION" > "$stamp"
    echo "$binary"
    exit 0
fi

mkdir -p "$bin_dir"
echo "Building the Temporal CLI $CLI_VERSION with $go_version into $bin_dir (takes a few minutes, once)" >&2
if ! GOBIN="$bin_dir" go install "$CLI_MODULE/cmd/temporal@$CLI_VERSION" >&2; then
    fail "go install $CLI_MODULE/cmd/temporal@$CLI_VERSION failed (see above); is the Go module proxy ($(go env GOPROXY)) reachable?"
fi
"$binary" --version >/dev/null 2>&1 || fail "the built $binary does not run"
echo "$CLI_VERSION" > "$stamp"
echo "$binary"
