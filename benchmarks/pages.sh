#!/usr/bin/env bash
# Requests per second of the sample application's catalogue page (/catalogue/fantasy, @CachePage(60) with
# @VaryOnHeaders("Accept-Language")) served from the page cache, against the same page rendered on every request, with
# wrk on loopback, both in one run. The uncached requests carry an Authorization header: by the page cache's rule 4 such
# a request is neither served from nor stored in the page cache, so the handler and its database query run each time,
# on the same URL, in the same JVM, right after the cached ones.
#
#   benchmarks/pages.sh [out-dir]      # about a minute; needs wrk (Debian: apt-get install wrk)
#
# Build the sample first, from the repository root: mvn -B -pl sample-app -am -DskipTests package
# (or `mvn -B verify`). WRK_OPTS overrides wrk's "-t1 -c8 -d10s".
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$(ls "$here"/../sample-app/target/sample-app-*.jar 2>/dev/null | grep -v original | head -1 || true)"
[[ -n "$jar" ]] || { echo "missing the sample's jar: build it first (see the top of $0)" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
out="${1:-$here/target/results/pages-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
wrk_opts=(${WRK_OPTS:--t1 -c8 -d10s})

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
java -Xmx512m -jar "$jar" --server.address=127.0.0.1 --server.port="$port" > "$out/sample.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null || true' EXIT
url="http://127.0.0.1:$port/catalogue/fantasy"
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$url" && break
  kill -0 "$pid" 2> /dev/null || { tail -20 "$out/sample.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$url" || { echo "the sample did not answer on $url" >&2; exit 1; }

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "wrk: ${wrk_opts[*]}"
  echo "loadavg-start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

# A warm-up of each, so that both are measured with the JIT's work done.
wrk -t1 -c4 -d5s -H 'Accept-Language: en' "$url" > /dev/null
wrk -t1 -c4 -d5s -H 'Accept-Language: en' -H 'Authorization: Basic YmVuY2g6YmVuY2g=' "$url" > /dev/null
wrk "${wrk_opts[@]}" --latency -H 'Accept-Language: en' "$url" > "$out/cached.txt"
wrk "${wrk_opts[@]}" --latency -H 'Accept-Language: en' -H 'Authorization: Basic YmVuY2g6YmVuY2g=' "$url" \
  > "$out/uncached.txt"
echo "loadavg-end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"

cached="$(awk '/^Requests\/sec/ {print $2}' "$out/cached.txt")"
uncached="$(awk '/^Requests\/sec/ {print $2}' "$out/uncached.txt")"
p99() { awk '$1 == "99%" {print $2}' "$1"; }
{
  echo "| page | requests/s | p99 latency |"
  echo "|---|---|---|"
  echo "| /catalogue/fantasy from the page cache | $cached | $(p99 "$out/cached.txt") |"
  echo "| the same page rendered every time | $uncached | $(p99 "$out/uncached.txt") |"
  echo
  python3 -c "print('cached / uncached: %.1fx' % ($cached / $uncached))"
} > "$out/pages.md"
cat "$out/pages.md"
