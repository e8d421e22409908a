#!/usr/bin/env bash
# Prints a JDK >= 21 for the build and the dev stack: $JAVA_HOME when it is one, else the newest JDK under
# /usr/lib/jvm. The default `java` on these machines is 17, which the project cannot use.
set -euo pipefail

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'
}

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
    echo "$JAVA_HOME"
    exit 0
fi
best="" best_major=0
for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
        best="$candidate"
        best_major="$major"
    fi
done
[ -n "$best" ] || { echo "No JDK >= 21: set JAVA_HOME to one (none under /usr/lib/jvm)" >&2; exit 1; }
echo "$best"
