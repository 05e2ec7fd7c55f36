#!/usr/bin/env bash
# Runs the benchmarks and writes one result folder with JMH's JSON, the hit-ratio, heap and cull-pause JSON, the
# machine's description and report.md (the tables of docs/benchmarks.md).
#
#   benchmarks/run.sh short [out-dir]   # about 8 minutes on 2 cores: 1 fork, 2x1 s warm-up, 3x1 s measurement,
#                                       # and get on a hit paired with its references every 200 ms
#   benchmarks/run.sh full  [out-dir]   # 1.5 hours or more: every workload, candidate and size, 1 and 2 threads, 3 rounds
#   benchmarks/run.sh breakdown [out-dir]  # about 4 minutes a round: where a hit's time went on core 53cd445 (a replica)
#   benchmarks/run.sh near [out-dir]    # about 8 minutes: get on a hit with the near cache, plain locmem and plain redis
#                                       # (1 and 2 threads, a redis-server of its own; separate forks, and near and
#                                       # locmem paired in each of 3 forks), and the staleness window between two JVMs;
#                                       # writes near.md
#
# ROUNDS=n repeats every JMH invocation n times, round after round (short: 1, full: 3), and report.py takes the
# median of the rounds: on a machine shared with other work, the load changes over minutes, and interleaving the
# candidates round by round keeps a busy minute from landing on one candidate only.
#
# Build the jar first, from the repository root: mvn -B -pl benchmarks -am package -DskipTests
# (or `mvn -B verify`, which builds target/benchmarks.jar without running it).
# Extra JMH options can be passed in JMH_OPTS, e.g. JMH_OPTS="-prof stack".
set -euo pipefail

profile="${1:-short}"
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
out="${2:-$here/target/results/$profile-$(date -u +%Y%m%dT%H%M%SZ)}"
[[ -f "$jar" ]] || { echo "missing $jar: build it first (see the top of $0)" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"

direct="$(java -cp "$jar" dev.locmem.benchmarks.Candidates direct)"
spring="$(java -cp "$jar" dev.locmem.benchmarks.Candidates spring)"
all="$(java -cp "$jar" dev.locmem.benchmarks.Candidates)"
# spring-concurrentmap is measured with the direct candidates already.
spring_only="$(echo "$spring" | tr ',' '\n' | grep -v '^spring-concurrentmap$' | paste -sd, -)"

case "$profile" in
  short)
    opts=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
    rounds="${ROUNDS:-1}"
    ;;
  full)
    opts=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
    rounds="${ROUNDS:-3}"
    ;;
  breakdown)
    opts=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
    rounds="${ROUNDS:-1}"
    ;;
  near)
    # A longer warm-up than the others, so that every candidate's read path is C2's final code before it is measured
    # (it did not change the near cache's ratio: docs/benchmarks.md, Near cache, says what the JIT does there).
    opts=(-f 3 -wi 5 -i 5 -w 2s -r 1s)
    rounds="${ROUNDS:-1}"
    ;;
  *)
    echo "usage: $0 short|full|breakdown|near [out-dir]" >&2
    exit 2
    ;;
esac

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "profile: $profile"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(grep -m1 MemTotal /proc/meminfo | awk '{printf "%.1f GiB", $2/1048576}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "jvm: $(java -version 2>&1 | tail -1)"
  echo "rounds: $rounds; JMH options: ${opts[*]} -prof gc ${JMH_OPTS:-}"
  echo "loadavg-start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "candidates: $all"
} > "$out/machine.txt"

n=0
round=1
jmh() {  # jmh REGEX IMPLS THREADS [more JMH args]
  local regex="$1" impls="$2" threads="$3"
  shift 3
  n=$((n + 1))
  local name
  name="$out/jmh-r${round}-$(printf %02d $n)"
  echo "== [$(date -u +%H:%M:%S)] round $round: $regex impl=$impls threads=$threads $*"
  local params=()
  [[ -n "$impls" ]] && params=(-p "impl=$impls")
  # shellcheck disable=SC2086
  java -jar "$jar" "$regex" "${params[@]}" -t "$threads" "${opts[@]}" -prof gc -rf json -rff "$name.json" \
    ${JMH_OPTS:-} "$@" > "$name.log" 2>&1 || { tail -40 "$name.log" >&2; exit 1; }
  grep -E '^[A-Za-z]+Benchmark\.[A-Za-z_]+ ' "$name.log" | grep -v ':' || true
}

# LocMemCache and its references taking turns every 200 ms in one fork (PairedGetBenchmark's Javadoc says why);
# report.py pairs the iterations. Its JMH score mixes both candidates and is not printed.
paired() {  # paired THREADS [more JMH args]; PAIRED_BENCHMARK names another paired benchmark than PairedGetBenchmark,
  # PAIRED_FORKS and PAIRED_WARMUPS other counts of forks and of 200 ms warm-up iterations than 1 and 10
  local threads="$1" benchmark="${PAIRED_BENCHMARK:-PairedGetBenchmark}"
  local forks="${PAIRED_FORKS:-1}" warmups="${PAIRED_WARMUPS:-10}"
  shift
  n=$((n + 1))
  local name
  name="$out/paired-r${round}-$(printf %02d $n)"
  echo "== [$(date -u +%H:%M:%S)] round $round: $benchmark threads=$threads $*"
  # shellcheck disable=SC2086
  java -jar "$jar" "$benchmark\.get\$" -t "$threads" -f "$forks" -wi "$warmups" -i 40 -w 200ms -r 200ms \
    -rf json -rff "$name.json" ${JMH_OPTS:-} "$@" > "$name.log" 2>&1 || { tail -40 "$name.log" >&2; exit 1; }
}

if [[ "$profile" == near ]]; then
  for t in 1 2; do
    jmh '\.NearCacheBenchmark\.get$' "" "$t"
    # Three forks, each with 6 s of warm-up: at 2 threads, 2 s left C2 still compiling through the first pairs, and
    # one JVM's ratio differs from the next one's by more than the margin asked (docs/benchmarks.md, Near cache).
    PAIRED_BENCHMARK=PairedNearCacheBenchmark PAIRED_FORKS=3 PAIRED_WARMUPS=30 paired "$t"
  done
  echo "== [$(date -u +%H:%M:%S)] staleness window between two JVMs"
  java -Xmx512m -cp "$jar" dev.locmem.benchmarks.StalenessWindow "$out/staleness.json" 2000 2> "$out/staleness.log"
  echo "loadavg-end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
  python3 "$here/report.py" --near "$out" > "$out/near.md"
  echo "== [$(date -u +%H:%M:%S)] done: $out/near.md"
  exit 0
fi

for ((round = 1; round <= rounds; round++)); do
  n=0
  if [[ "$profile" == breakdown ]]; then
    jmh 'ReadPath53cd445Benchmark\.' "" 1
    jmh 'ReadPath53cd445Benchmark\.' "" 2
    continue
  fi
  for t in 1 2; do
    paired "$t"
    if [[ "$profile" == short ]]; then
      jmh 'GetPutBenchmark\.(getUniform|getZipf|putUniform)$' "$direct" "$t"
      jmh 'GetPutBenchmark\.(getUniform|getZipf)$' "$spring_only" "$t"
      jmh 'MixedBenchmark\.mixed$' "$direct" "$t"
    else
      jmh 'GetPutBenchmark\.' "$all" "$t"
      jmh 'MixedBenchmark\.mixed$' "$all" "$t"
      jmh 'ReadPath53cd445Benchmark\.' "" "$t"
    fi
  done
  if [[ "$profile" == short ]]; then
    jmh 'SizeScanBenchmark\.get$' "$direct" 1 -p size=1000,1000000
    paired 1 -p size=1000,1000000 -p distribution=uniform
  else
    jmh 'SizeScanBenchmark\.' "$direct" 1
    jmh 'SizeScanBenchmark\.' "$direct" 2
    paired 1 -p size=1000,10000,100000,1000000 -p distribution=uniform
  fi
done

if [[ "$profile" != breakdown ]]; then
echo "== [$(date -u +%H:%M:%S)] hit ratios"
java -Xms2g -Xmx2g -cp "$jar" dev.locmem.benchmarks.HitRatio "$out/hitratio.json"
echo "== [$(date -u +%H:%M:%S)] heap per entry"
java -Xms4g -Xmx4g -cp "$jar" dev.locmem.benchmarks.HeapPerEntry "$out/heap.json"
echo "== [$(date -u +%H:%M:%S)] cull pause"
java -Xms4g -Xmx4g -cp "$jar" dev.locmem.benchmarks.CullPause "$out/cullpause.json"
fi

echo "loadavg-end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo "date-end: $(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$out/machine.txt"
python3 "$here/report.py" "$out" > "$out/report.md"
echo "== [$(date -u +%H:%M:%S)] done: $out/report.md"
