#!/bin/sh
# A stand-in for the `temporal` CLI with the state of one namespace in $STUB_STATE, for check.sh's run of
# setup-namespace.sh: it records each create and answers describe and list from what was created.
set -eu
echo "$*" >> "$STUB_STATE/calls"
arg() { # the value after flag $1 in the arguments that follow it
    flag="$1"; shift
    while [ $# -gt 0 ]; do [ "$1" = "$flag" ] && { echo "$2"; return; }; shift; done
}
case "$1 $2 $3" in
    "operator cluster health") exit 0 ;;
    "operator namespace describe") [ -f "$STUB_STATE/namespace-$(arg --namespace "$@")" ] ;;
    "operator namespace create") touch "$STUB_STATE/namespace-$(arg --namespace "$@")" ;;
    "operator search-attribute list") echo "Name Type"; cat "$STUB_STATE/attributes" 2>/dev/null || true ;;
    "operator search-attribute create") echo "$(arg --name "$@") $(arg --type "$@")" >> "$STUB_STATE/attributes" ;;
    *) echo "stub temporal: unexpected command: $*" >&2; exit 2 ;;
esac
