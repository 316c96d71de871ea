#!/bin/sh
# Makes an ahead-of-time cache (JDK 25, JEP 483/514/515) for policybot.jar: a training run of the
# server (start, a few dozen questions over HTTP, the probes, /metrics, the chat page, a graceful
# stop) records which classes are loaded and linked, and how the hot code behaves, so that a later
# start with -XX:AOTCache skips most of that work. See docs/performance.md for the figures.
#
#   deployment/aot-cache.sh deployment/target/policybot.jar policybot.aot [java options...]
#   java [the same java options] -XX:AOTCache=policybot.aot -jar deployment/target/policybot.jar
#
# The cache fits one JDK build, one jar and the same JVM options: make it again after either
# changes (a start with a cache that does not fit prints a warning and runs without it). It uses
# `java` from JAVA_HOME if set, else from PATH, and needs curl. Nothing leaves 127.0.0.1; the
# training run's store is a temporary SQLite file, removed afterwards.
set -eu

if [ $# -lt 2 ]; then
    echo "usage: $0 JAR OUTPUT.aot [java options...]" >&2
    exit 2
fi
jar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case "$2" in
    /*) out=$2 ;;
    *) out=$(pwd)/$2 ;;
esac
shift 2
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

dir=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT INT TERM
cd "$dir"

POLICYBOT_DB_URL="jdbc:sqlite:$dir/training.db" POLICYBOT_LOG_LEVEL=WARN \
    "$java" "$@" -XX:AOTCacheOutput="$out" -jar "$jar" serve --port 0 --host 127.0.0.1 >out.txt 2>err.txt &
pid=$!

tries=0
until grep -q 'is ready' out.txt 2>/dev/null; do
    tries=$((tries + 1))
    if [ $tries -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
        echo "$0: the training server did not start:" >&2
        cat err.txt >&2
        exit 1
    fi
    sleep 0.1
done
base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' out.txt | head -n 1)

ask() {
    curl -fsS -o /dev/null -H 'Content-Type: application/json' --data "{\"text\":\"$1\"}" "$base/api/ask"
}
round=0
while [ $round -lt 20 ]; do
    ask "can I paste student marks into ChatGPT?"
    ask "who approves exceptions to the policy?"
    ask "what counts as confidential information?"
    ask "I want to talk to someone in Information Governance"
    ask "can i put studnet emails into chatgpt"
    ask "what is the weather tomorrow?"
    ask "hello"
    ask "why does the university care about transparency?"
    ask "do I need a DPIA to use an AI tool for research with patient data?"
    ask "I need an exception to use Gemini for marking coursework"
    round=$((round + 1))
done
curl -fsS -o /dev/null "$base/readyz"
curl -fsS -o /dev/null "$base/healthz"
curl -fsS -o /dev/null "$base/metrics"
curl -fsS -o /dev/null "$base/"
curl -fsS -o /dev/null "$base/chat.js"

# a graceful stop: the JVM writes the cache as it exits
kill -TERM "$pid"
wait "$pid" || true
pid=
if [ ! -s "$out" ]; then
    echo "$0: no cache was written to $out:" >&2
    cat err.txt >&2
    exit 1
fi
echo "wrote $out"
